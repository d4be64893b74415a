// Code: a Graph lowered to linear instructions over register slots, ready to interpret.
//
// Lowering does every lookup once, so the interpreter never searches at run time:
// each Value gets a register (graph inputs are registers 0..n-1, the calling
// convention), constants go to a pool, prim::If / prim::Loop become jumps, every
// operator is matched against the operator table by its kind and input types and
// bound to its kernel pointer, attribute names become object slots, and callees
// become call sites. An op the table cannot run is reported here, with its schema and
// source line, rather than halfway through a run. A Code is immutable once built and
// may be run by many threads at once (the only mutable state is the call sites'
// atomic memo of their callee's Code, see Runtime).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/operator_registry.h"
#include "support/source_range.h"

namespace sconce {

// Every opcode, once: name, operands (inputs -> outputs; `aux` is the instruction's
// extra operand) and what it does. The enum, the name table of Code::dump() and the
// interpreter's dispatch table are all expanded from this list.
#define SCONCE_FORALL_OPCODES(_)                                                           \
  _(LoadConst, "() -> (out); aux: constant",                                               \
    "out = a copy of pooled constant K[aux] (shares its payload)")                         \
  _(LoadConstCopy, "() -> (out); aux: constant",                                           \
    "out = a fresh shallow copy of list/dict constant K[aux], so mutating it never "       \
    "changes the pool every call shares")                                                  \
  _(Move, "(src) -> (dst)", "dst = src (moved out of src when this is its last use)")      \
  _(ParallelMove, "(src...) -> (dst...)",                                                  \
    "reads every src before writing any dst (a loop back edge that swaps carried values)") \
  _(Jump, "() -> (); aux: target pc", "pc = aux")                                          \
  _(JumpIfFalse, "(cond) -> (); aux: target pc", "if not cond: pc = aux")                  \
  _(LoopEnter, "(max_trip, cond, counter) -> (iteration); aux: exit pc",                   \
    "if counter < max_trip and cond: iteration = counter, else pc = aux")                  \
  _(LoopNext, "(max_trip, cond, counter) -> (iteration); aux: body pc",                    \
    "counter += 1; if counter < max_trip and cond: iteration = counter, pc = aux")         \
  _(Op, "(args...) -> (results...); aux: kernel",                                          \
    "pushes args, calls kernels[aux](stack), pops results")                                \
  _(OpVararg, "(args...) -> (results...); aux: kernel",                                    \
    "as Op, with the number of args pushed last (schemas with `...`)")                     \
  _(MissingKernel, "(args...) -> (results...); aux: kernel (null)",                         \
    "raises 'operator ... has no kernel yet': an op in the table that Sconce does not "   \
    "implement fails only if the program reaches it")                                      \
  _(TupleConstruct, "(elems...) -> (tuple); aux: tuple type", "tuple = (elems...)")        \
  _(TupleUnpack, "(tuple) -> (elems...)", "elems... = tuple (sizes checked)")              \
  _(TupleIndex, "(tuple, index) -> (elem)", "elem = tuple[index] (negative from the end)") \
  _(TupleSlice, "(tuple) -> (slice); aux: [beg, end] in ints", "slice = tuple[beg:end]")   \
  _(ListConstruct, "(elems...) -> (list); aux: element type", "list = [elems...]")         \
  _(ListUnpack, "(list) -> (elems...)", "elems... = list (length checked)")                \
  _(DictConstruct, "(k0, v0, k1, v1, ...) -> (dict); aux: dict type",                      \
    "dict = {k0: v0, k1: v1, ...}")                                                        \
  _(GetAttr, "(obj) -> (value); aux: attribute", "value = obj.<attr> (slot or name)")      \
  _(SetAttr, "(obj, value) -> (); aux: attribute", "obj.<attr> = value")                   \
  _(CreateObject, "() -> (obj); aux: class", "obj = a new object with empty slots")        \
  _(Call, "(args...) -> (results...); aux: call site",                                     \
    "runs the call site's Function (or the receiver's method) in a new frame")             \
  _(Raise, "(message[, class name]) -> ()",                                                \
    "raises the TorchScript exception (class name None or absent: RuntimeError)")          \
  _(IsInstance, "(value) -> (bool); aux: type list",                                       \
    "bool = whether value is an instance of any type in the list")                         \
  _(Print, "(values...) -> ()", "prints the values as Python's print() does")              \
  _(Fork, "(args...) -> (future); aux: subcode",                                           \
    "future = a completed Future of running subcodes[aux](args...) now (prim::fork)")     \
  _(Return, "(results...) -> ()", "leaves the frame, handing results to the caller")

enum class OpCode : uint8_t {
#define SCONCE_OPCODE_ENUM(name, operands, semantics) name,
  SCONCE_FORALL_OPCODES(SCONCE_OPCODE_ENUM)
#undef SCONCE_OPCODE_ENUM
};

/// "LoadConst", "Jump", ... (for dumps and diagnostics).
const char* opCodeName(OpCode op);

/// An operand: a register index, with kMoveBit set when the instruction is the last
/// reader of that value (so it may steal the register's contents instead of copying).
inline constexpr uint32_t kMoveBit = 1u << 31;
inline constexpr uint32_t kRegisterMask = ~kMoveBit;

/// One instruction: 16 bytes. Its operands are `Code::operands()[args, args + numInputs)`
/// (inputs) followed by `numOutputs` output registers.
struct Instruction {
  OpCode op;
  uint8_t reserved = 0;
  uint16_t numInputs = 0;
  uint16_t numOutputs = 0;
  uint16_t reserved2 = 0;
  uint32_t args = 0;
  uint32_t aux = 0;
};
static_assert(sizeof(Instruction) == 16);

/// A call site: a statically known Function (prim::CallFunction, or a method of a
/// receiver whose class is known), or a method looked up on the receiver at run time.
struct CallSite {
  Function* function = nullptr;  // null: dynamic method lookup by `name`
  std::string name;              // the function / method name (traceback frames)
  bool isMethod = false;
};

/// An attribute access: the slot in the static class when known, else by name.
struct AttributeRef {
  static constexpr uint32_t kDynamic = UINT32_MAX;
  uint32_t slot = kDynamic;
  std::string name;
};

/// Raised while lowering: an op with no kernel, an overload no schema accepts, an IR
/// construct the interpreter cannot run. The message names the op and its schema, and
/// (as a CompileError) shows the node's source line.
class LoweringError : public CompileError {
 public:
  using CompileError::CompileError;
};

/// A lowered graph. Built by Code::lower; immutable afterwards.
class Code {
 public:
  /// Lowers `graph`; `name` is what traceback frames call the function ("forward").
  /// Throws LoweringError. The Graph is not referenced afterwards.
  static std::shared_ptr<const Code> lower(const Graph& graph, std::string name);

  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;

  const std::string& name() const { return name_; }
  size_t numInputs() const { return numInputs_; }
  size_t numOutputs() const { return numOutputs_; }
  /// The size of this function's register file.
  size_t numRegisters() const { return numRegisters_; }

  const std::vector<Instruction>& instructions() const { return instructions_; }
  const uint32_t* operands() const { return operands_.data(); }
  const std::vector<IValue>& constants() const { return constants_; }
  const std::vector<KernelFn>& kernels() const { return kernels_; }
  /// The operator each kernel runs, for dumps and errors.
  const Operator& kernelOperator(uint32_t i) const { return *kernelOps_[i]; }
  const std::vector<TypePtr>& types() const { return types_; }
  const std::vector<std::vector<TypePtr>>& typeLists() const { return typeLists_; }
  const std::vector<int64_t>& ints() const { return ints_; }
  const std::vector<AttributeRef>& attributes() const { return attributes_; }
  const std::vector<CallSite>& callSites() const { return callSites_; }
  /// The lowered Subgraphs of prim::fork nodes.
  const std::vector<std::shared_ptr<const Code>>& subcodes() const { return subcodes_; }
  /// The source range of instruction `pc` (invalid when unknown).
  const SourceRange& sourceRange(size_t pc) const { return ranges_[pc]; }

  /// The memo of call site `i`'s lowered callee, filled by the Runtime this Code is
  /// bound to (see bindRuntime); null until first resolved.
  std::atomic<const Code*>& calleeMemo(uint32_t i) const { return calleeMemo_[i]; }
  /// Binds the Code to the Runtime with id `runtimeId` on first use; true when it is
  /// (now) bound to it. Call-site memos are only used by the bound Runtime: the same
  /// Code run through another Runtime resolves its callees through that one's cache.
  bool bindRuntime(uint64_t runtimeId) const;

  /// Disassembly, one instruction per line, e.g.
  /// `   4  Op            r5 = aten::add.int(r0, ^r3)` (`^`: the operand is moved).
  std::string dump() const;

 private:
  friend class Lowering;
  Code() = default;

  std::string name_;
  size_t numInputs_ = 0;
  size_t numOutputs_ = 0;
  size_t numRegisters_ = 0;
  std::vector<Instruction> instructions_;
  std::vector<uint32_t> operands_;
  std::vector<SourceRange> ranges_;
  std::vector<IValue> constants_;
  std::vector<KernelFn> kernels_;
  std::vector<const Operator*> kernelOps_;
  std::vector<TypePtr> types_;
  std::vector<std::vector<TypePtr>> typeLists_;
  std::vector<int64_t> ints_;
  std::vector<AttributeRef> attributes_;
  std::vector<CallSite> callSites_;
  std::vector<std::shared_ptr<const Code>> subcodes_;
  std::unique_ptr<std::atomic<const Code*>[]> calleeMemo_;
  mutable std::atomic<uint64_t> runtimeId_{0};  // 0: not bound yet
};

/// The overload of `node->kind()` the node's input types select (first in table order,
/// as the frontend picks); null when none accepts them, with the reason in `whyNot`.
const Operator* matchOperator(const Node& node, std::string* whyNot = nullptr);

}  // namespace sconce
