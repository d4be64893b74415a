// Pickler: writes IValues as the protocol-2 pickles torch.save and torch.jit.save write.
//
// The inverse of the Unpickler, for exporting results (`sconce run --output`) and
// archives. It emits the same opcodes and the same global names PyTorch 1.13 does
// (torch._utils._rebuild_tensor_v2, torch.FloatStorage, collections.OrderedDict,
// torch.device), so torch.load, torch.load(weights_only=True) and torch.jit.load accept
// the result. Tensor bytes are not inlined: each distinct storage gets a key ("0",
// "1", ...) and a persistent id, and the caller writes the storages as `data/<key>`
// records. Shared containers, tensors and storages stay shared through the memo.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "ir/ivalue.h"
#include "serialization/unpickler.h"

namespace sconce {

struct PicklerOptions {
  /// Write for TorchScript's C++ unpickler (data.pkl of archives read by
  /// torch.jit.load), as torch.jit.save does: lists and dicts carry their static types
  /// (torch.jit._pickle.build_intlist / restore_type_tag), and items are always added
  /// with MARK ... APPENDS / SETITEMS (PyTorch 1.x cannot read APPEND and SETITEM).
  /// Leave off for torch.save files: weights_only loaders reject those globals.
  bool torchScript = false;
  /// Deeper nesting throws ValueError instead of overflowing the stack.
  size_t maxDepth = kMaxPickleDepth;
};

/// A storage referenced by the pickles written so far: write its bytes to `data/<key>`.
struct PickledStorage {
  std::string key;
  Storage storage;
  ScalarType dtype;  // the storage class named in the persistent id
};

/// Writes pickles. How values are written:
///   None, bool, int (BININT1/BININT2/BININT/LONG1), big int (LONG1/LONG4), float
///   (BINFLOAT), str (BINUNICODE), tuple, list (EMPTY_LIST + APPENDS), dict (EMPTY_DICT +
///   SETITEMS; collections.OrderedDict when isOrdered()), Device (torch.device), complex
///   (builtins.complex), Tensor (torch._utils._rebuild_tensor_v2 over a persistent id
///   ('storage', torch.<Dtype>Storage, key, location, numel), requires_grad kept; an
///   undefined tensor is None), bare Storage (its persistent id, as a ByteStorage),
///   Object (GLOBAL `__torch__...` + NEWOBJ + BUILD with the attribute dict, or with
///   the value of its kPickledStateAttr attribute when that is not None), Enum (REDUCE of the
///   class on its value). Throws ValueError for Uninitialized and Capsule values, for
///   nesting deeper than maxDepth, and for a storage viewed with two different dtypes.
class Pickler {
 public:
  explicit Pickler(PicklerOptions options = {}) : options_(options) {}

  /// One complete pickle (PROTO 2 ... STOP) of `value`. May be called repeatedly; storage
  /// keys continue across calls, the memo does not.
  std::string pickle(const IValue& value);
  /// Every storage referenced so far, in key order.
  const std::vector<PickledStorage>& storages() const { return storages_; }

 private:
  void save(const IValue& v, size_t depth);
  void saveInt(int64_t v);
  void saveString(std::string_view s);
  void saveGlobal(std::string_view module, std::string_view name);
  void saveTensor(const Tensor& t);
  void savePersistentId(const Storage& storage, ScalarType dtype);
  void saveTuple(const std::vector<IValue>& items, size_t depth);
  void saveItems(const std::vector<IValue>& items, size_t depth);
  void saveDictItems(const DictObj& dict, size_t depth);
  void saveObject(const IValue& v, size_t depth);
  bool saveTypeTagged(const IValue& v, size_t depth);

  void op(PickleOp o) { out_ += static_cast<char>(o); }
  void writeLE(uint64_t v, size_t n);
  void memoize(const void* identity);
  bool memoGet(const void* identity);
  void putIndex(uint32_t index);
  void getIndex(uint32_t index);

  PicklerOptions options_;
  std::string out_;
  uint32_t memoCount_ = 0;
  std::unordered_map<const void*, uint32_t> memo_;     // containers, tensors by identity
  std::unordered_map<std::string, uint32_t> strings_;  // strings and globals by value
  std::vector<PickledStorage> storages_;
  std::unordered_map<const StorageImpl*, size_t> storageIndex_;
};

}  // namespace sconce
