// Unpickler: a safe reader of the pickles inside PyTorch files (data.pkl, constants.pkl,
// legacy torch.save streams), producing IValues.
//
// A pickle is a program for a stack machine, and Python's own unpickler will import and
// call any global it names. This one executes nothing: it knows the few globals PyTorch
// writes (tensor rebuilders, storage classes, OrderedDict, torch.device, the
// torch.jit._pickle helpers, `__torch__` classes) and rejects every other name with a
// FormatError. It also bounds what hostile bytes can make it do: every length is checked
// against the remaining input before anything is allocated, MARK nesting and value
// nesting are capped, reference cycles are refused, and a malformed stream fails with
// the opcode and byte offset. Tensor bytes are not its business: persistent ids
// `('storage', torch.XStorage, key, location, numel)` go to a caller-supplied loader.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/ivalue.h"

namespace sconce {

/// Every pickle opcode (protocols 0-5): name, byte, semantics and stack effect.
#define SCONCE_PICKLE_OPCODES(X)                                                       \
  X(MARK, '(', "push a mark; later ops take the items above it")                       \
  X(STOP, '.', "end of pickle; the result is the top of the stack")                    \
  X(POP, '0', "discard the top item")                                                  \
  X(POP_MARK, '1', "discard everything down to and including the topmost mark")        \
  X(DUP, '2', "push a second reference to the top item")                               \
  X(FLOAT, 'F', "push a float written as decimal text and a newline")                  \
  X(INT, 'I', "push an int written as decimal text ('00'/'01' are False/True)")        \
  X(BININT, 'J', "push a 4-byte signed little-endian int")                             \
  X(BININT1, 'K', "push a 1-byte unsigned int")                                        \
  X(LONG, 'L', "push an int written as decimal text with a trailing 'L'")              \
  X(BININT2, 'M', "push a 2-byte unsigned little-endian int")                          \
  X(NONE, 'N', "push None")                                                            \
  X(PERSID, 'P', "push persistent_load(text id)")                                      \
  X(BINPERSID, 'Q', "replace the top item (an id) by persistent_load(id)")             \
  X(REDUCE, 'R', "callable, args -> callable(*args)")                                  \
  X(STRING, 'S', "push a quoted, escaped byte string")                                 \
  X(BINSTRING, 'T', "push a byte string with a 4-byte length")                         \
  X(SHORT_BINSTRING, 'U', "push a byte string with a 1-byte length")                   \
  X(UNICODE, 'V', "push a raw-unicode-escape string ended by a newline")               \
  X(BINUNICODE, 'X', "push a UTF-8 string with a 4-byte length")                       \
  X(APPEND, 'a', "list, item -> list (item appended)")                                 \
  X(BUILD, 'b', "object, state -> object (state applied)")                             \
  X(GLOBAL, 'c', "push the global 'module\\nname\\n'")                                 \
  X(DICT, 'd', "mark, k1, v1, ... -> dict")                                            \
  X(EMPTY_DICT, '}', "push an empty dict")                                             \
  X(APPENDS, 'e', "list, mark, items... -> list (items appended)")                     \
  X(GET, 'g', "push memo[decimal text index]")                                         \
  X(BINGET, 'h', "push memo[1-byte index]")                                            \
  X(INST, 'i', "mark, args... -> instance of the global 'module\\nname\\n'")           \
  X(LONG_BINGET, 'j', "push memo[4-byte index]")                                       \
  X(LIST, 'l', "mark, items... -> list")                                               \
  X(EMPTY_LIST, ']', "push an empty list")                                             \
  X(OBJ, 'o', "mark, class, args... -> instance")                                      \
  X(PUT, 'p', "memo[decimal text index] = top item")                                   \
  X(BINPUT, 'q', "memo[1-byte index] = top item")                                      \
  X(LONG_BINPUT, 'r', "memo[4-byte index] = top item")                                 \
  X(SETITEM, 's', "dict, key, value -> dict")                                          \
  X(TUPLE, 't', "mark, items... -> tuple")                                             \
  X(EMPTY_TUPLE, ')', "push ()")                                                       \
  X(SETITEMS, 'u', "dict, mark, k1, v1, ... -> dict")                                  \
  X(BINFLOAT, 'G', "push an 8-byte big-endian double")                                 \
  X(PROTO, '\x80', "protocol version (1 byte)")                                        \
  X(NEWOBJ, '\x81', "class, args -> class.__new__(class, *args)")                      \
  X(EXT1, '\x82', "push the extension-registry object with a 1-byte code")             \
  X(EXT2, '\x83', "push the extension-registry object with a 2-byte code")             \
  X(EXT4, '\x84', "push the extension-registry object with a 4-byte code")             \
  X(TUPLE1, '\x85', "a -> (a,)")                                                       \
  X(TUPLE2, '\x86', "a, b -> (a, b)")                                                  \
  X(TUPLE3, '\x87', "a, b, c -> (a, b, c)")                                            \
  X(NEWTRUE, '\x88', "push True")                                                      \
  X(NEWFALSE, '\x89', "push False")                                                    \
  X(LONG1, '\x8a', "push an int of 1-byte length, little-endian two's complement")     \
  X(LONG4, '\x8b', "push an int of 4-byte length, little-endian two's complement")     \
  X(BINBYTES, 'B', "push bytes with a 4-byte length")                                  \
  X(SHORT_BINBYTES, 'C', "push bytes with a 1-byte length")                            \
  X(SHORT_BINUNICODE, '\x8c', "push a UTF-8 string with a 1-byte length")              \
  X(BINUNICODE8, '\x8d', "push a UTF-8 string with an 8-byte length")                  \
  X(BINBYTES8, '\x8e', "push bytes with an 8-byte length")                             \
  X(EMPTY_SET, '\x8f', "push an empty set")                                            \
  X(ADDITEMS, '\x90', "set, mark, items... -> set")                                    \
  X(FROZENSET, '\x91', "mark, items... -> frozenset")                                  \
  X(NEWOBJ_EX, '\x92', "class, args, kwargs -> class.__new__(class, *args, **kwargs)") \
  X(STACK_GLOBAL, '\x93', "module, name -> the global module.name")                    \
  X(MEMOIZE, '\x94', "memo[len(memo)] = top item")                                     \
  X(FRAME, '\x95', "start of a frame of 8-byte length (a buffering hint)")             \
  X(BYTEARRAY8, '\x96', "push a bytearray with an 8-byte length")                      \
  X(NEXT_BUFFER, '\x97', "push the next out-of-band buffer")                           \
  X(READONLY_BUFFER, '\x98', "make the top buffer read-only")

enum class PickleOp : uint8_t {
#define SCONCE_PICKLE_ENUM(name, byte, doc) name = static_cast<uint8_t>(byte),
  SCONCE_PICKLE_OPCODES(SCONCE_PICKLE_ENUM)
#undef SCONCE_PICKLE_ENUM
};

/// The opcode's name ("BINUNICODE"), or "unknown opcode 0xNN".
std::string pickleOpName(uint8_t byte);

/// Default nesting limit of pickled values. CPython cannot pickle data nested much
/// deeper than its recursion limit (1000), so torch.save never writes deeper files; the
/// bound keeps every recursive consumer (destructors, the Pickler, repr) far from the end
/// of the stack, sanitizer builds included.
inline constexpr size_t kMaxPickleDepth = 1000;

/// Returns the bytes of a tensor storage named by a persistent id: `key` (e.g. "0",
/// the archive record `data/0`), the element type of the storage class the pickle
/// named, its length in elements, and the saved location ("cpu", "cuda:0"). The result
/// must hold at least numel * elementSize(dtype) bytes. The loader decides how much it
/// is willing to allocate and throws (any sconce::Error) to refuse. Called once per key.
using StorageLoader = std::function<Storage(const std::string& key, ScalarType dtype, int64_t numel,
                                            const std::string& location)>;
/// Maps a `__torch__.*` qualified name to its class; return null to reject the name.
using ClassResolver = std::function<ClassTypePtr(const std::string& qualifiedName)>;
/// Applies a BUILD state to an object (e.g. by calling the class's __setstate__);
/// returns false to let the default apply it (see Unpickler).
using SetStateHook = std::function<bool(const Ref<Object>& object, const IValue& state)>;

struct UnpicklerOptions {
  /// Required as soon as the pickle references a storage; without one that is a
  /// FormatError.
  StorageLoader loadStorage = nullptr;
  /// Default: one ClassType per qualified name, shared by every object of that name in
  /// this pickle, with the attributes the BUILD states set (typed Any) in first-seen
  /// order. Classes created by the default are not modules (isModule() is false).
  ClassResolver resolveClass = nullptr;
  /// Optional; see SetStateHook.
  SetStateHook setState = nullptr;
  /// Limits on MARK nesting and on the depth of nested containers in the result.
  size_t maxDepth = kMaxPickleDepth;
};

/// Attribute that receives a BUILD state which is not a dict of attributes (an object
/// whose class defines __getstate__/__setstate__) when no SetStateHook consumes it. The
/// Pickler writes it back as that object's state.
inline constexpr std::string_view kPickledStateAttr = "__pickled_state__";

/// A container the pickle annotated with torch.jit._pickle.restore_type_tag, and the
/// annotation's text ("Dict[str, Tensor]"), for the frontend to parse and apply.
struct PickleTypeTag {
  IValue container;
  std::string type;
};

/// Reads one pickle. What the globals become:
///   torch._utils._rebuild_tensor_v2 / _rebuild_tensor   a Tensor over the loaded storage
///       (Tensor::fromStorage validates the view), requires_grad kept; hooks ignored
///   torch._utils._rebuild_parameter(_with_state)       the same tensor, requires_grad set
///   a bare persistent storage                          a 1-D tensor over all of it
///   collections.OrderedDict                            a DictObj with isOrdered() set;
///       a BUILD state on it (state_dict's `_metadata`) is dropped
///   torch.device                                       a Device
///   torch.float32 and the other dtypes                 their ScalarType value as an int,
///       as TorchScript passes dtypes
///   torch.Size                                         a tuple of ints
///   builtins.complex (or __builtin__.complex)          a complex
///   torch.jit._pickle.build_{int,double,bool,tensor,generic}list
///                                                      the list, element type set
///   torch.jit._pickle.restore_type_tag                 the value; the tag goes to typeTags()
///   `__torch__.X` + NEWOBJ + BUILD                     an Object; a dict state sets
///       attributes (added to the class when missing); any other state is offered to
///       the SetStateHook, else stored in the attribute kPickledStateAttr
///   bytes (BINBYTES, ...)                              a str holding the raw bytes
/// Rejected: any other global (FormatError naming it); quantized/sparse tensor
/// rebuilders, custom C++ classes (`__torch__.torch.classes.*`), sets, extension codes
/// and out-of-band buffers (UnsupportedError naming them). Malformed input throws
/// FormatError ending in "(pickle opcode NAME at byte N)".
class Unpickler {
 public:
  /// `bytes` must outlive the Unpickler; parsing starts at offset 0.
  explicit Unpickler(std::string_view bytes, UnpicklerOptions options = {});
  ~Unpickler();
  Unpickler(const Unpickler&) = delete;
  Unpickler& operator=(const Unpickler&) = delete;

  /// Runs the pickle up to its STOP and returns the result. Call once.
  IValue parse();
  /// Offset just past the STOP opcode (where a following pickle would start).
  size_t bytesConsumed() const { return pos_; }
  /// restore_type_tag annotations, in the order they were met.
  const std::vector<PickleTypeTag>& typeTags() const { return typeTags_; }

 private:
  void dispatch(uint8_t op);
  std::string withLocation(std::string_view message) const;

  // Input.
  const char* take(size_t n);
  uint64_t readLE(size_t n);
  std::string_view readLine();
  size_t readLength(size_t width);

  // Stack.
  void push(IValue v) { stack_.push_back(std::move(v)); }
  IValue pop();
  IValue& top();
  size_t available() const;
  size_t popMark();
  std::vector<IValue> popToMark();

  // Values.
  void pushContainer(IValue v);
  IValue memoGet(uint64_t index);
  void memoPut(uint64_t index);
  void appendTo(IValue& list, std::span<IValue> items);
  void setItems(IValue& dict, std::span<IValue> keysAndValues);
  void checkKey(const IValue& key, int& budget) const;

  // Globals and calls.
  IValue resolveGlobal(const std::string& module, const std::string& name);
  IValue call(const IValue& callable, const IValue& args);
  IValue newObject(const IValue& cls, const IValue& args);
  void build(IValue& target, IValue state);
  IValue persistentLoad(const IValue& pid);
  IValue rebuildTensor(const std::vector<IValue>& args, bool v2);

  void checkResult(const IValue& result);
  void releaseContainers();

  std::string_view bytes_;
  UnpicklerOptions options_;
  size_t pos_ = 0;
  size_t opStart_ = 0;
  uint8_t op_ = 0;
  bool stopped_ = false;
  bool succeeded_ = false;

  std::vector<IValue> stack_;
  std::vector<size_t> marks_;
  std::vector<IValue> memo_;
  std::vector<IValue> created_;  // every container made, so cycles can be broken on failure
  std::vector<PickleTypeTag> typeTags_;
  std::unordered_map<std::string, Storage> storages_;  // by key: views share storage
  std::unordered_map<std::string, ClassTypePtr> classes_;
};

/// Convenience: parses `bytes` as one pickle.
IValue unpickle(std::string_view bytes, UnpicklerOptions options = {});

}  // namespace sconce
