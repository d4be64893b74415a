// The dispatch loop, call frames, the callee cache and traceback construction.
//
// Dispatch is threaded (GCC/Clang computed goto) through a table expanded from
// SCONCE_FORALL_OPCODES, so a missing handler is a compile error. Handlers of more than
// a few lines are functions of their own, kept out of the dispatch function.
#include "runtime/interpreter.h"

#include <cstdio>

#include "ir/future.h"
#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"
#include "runtime/is_instance.h"

namespace sconce {
namespace {

/// Deep enough for any sane recursion, shallow enough to fail cleanly on a runaway one.
constexpr size_t kMaxCallDepth = 10000;
/// An execution state whose register file grew past this is not kept for reuse.
constexpr size_t kMaxPooledRegisters = 1 << 16;

std::atomic<uint64_t> nextRuntimeId{1};

struct Frame {
  const Code* code;
  const Instruction* ip;  // the executing instruction (a caller's: its Call)
  size_t base;            // where the frame's registers start in the register file
  bool memoize;           // whether the Code's call-site memos belong to this Runtime
};

/// Everything one run needs. Registers of all frames are one vector: a call extends it
/// by the callee's register count, a return shrinks it back.
struct ExecState {
  std::vector<IValue> registers;
  Stack stack;
  std::vector<Frame> frames;
};

/// Lends the calling thread a cleared ExecState for one run (reentrant: a nested run
/// on the same thread gets another one).
class StateLease {
 public:
  StateLease() {
    auto& pool = freeStates();
    if (pool.empty()) {
      state_ = std::make_unique<ExecState>();
      state_->stack.reserve(32);
    } else {
      state_ = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~StateLease() {
    state_->registers.clear();
    state_->stack.clear();
    state_->frames.clear();
    auto& pool = freeStates();
    if (pool.size() < 4 && state_->registers.capacity() <= kMaxPooledRegisters)
      pool.push_back(std::move(state_));
  }
  StateLease(const StateLease&) = delete;
  StateLease& operator=(const StateLease&) = delete;
  ExecState& operator*() { return *state_; }

 private:
  static std::vector<std::unique_ptr<ExecState>>& freeStates() {
    thread_local std::vector<std::unique_ptr<ExecState>> pool;
    return pool;
  }
  std::unique_ptr<ExecState> state_;
};

/// A `raise` in the program, on its way to becoming a ScriptError.
struct RaisedException {
  std::string pythonClassName;
  std::string message;
};

// ---- Operand access ------------------------------------------------------------------

// The dispatch function must stay small: past GCC's large-function growth limit, IValue's
// moves and destructors on the hot path become calls. So the few operations every
// instruction uses are forced inline and longer handlers are kept out of line.
#define SCONCE_HOT_INLINE inline __attribute__((always_inline))
#define SCONCE_OUTLINE __attribute__((noinline))

SCONCE_HOT_INLINE IValue& reg(IValue* r, uint32_t operand) { return r[operand & kRegisterMask]; }

/// The operand's value: moved out of its register at its last use, else copied.
SCONCE_HOT_INLINE IValue take(IValue* r, uint32_t operand) {
  if (operand & kMoveBit) return std::move(r[operand & kRegisterMask]);
  return r[operand];
}

SCONCE_HOT_INLINE void push(Stack& stack, IValue* r, uint32_t operand) {
  if (operand & kMoveBit)
    stack.push_back(std::move(r[operand & kRegisterMask]));
  else
    stack.push_back(r[operand]);
}

/// Frees the register of an operand an instruction only read, at its last use.
SCONCE_HOT_INLINE void release(IValue* r, uint32_t operand) {
  if (operand & kMoveBit) r[operand & kRegisterMask] = IValue();
}

// ---- Handlers too long to inline in the loop -----------------------------------------

[[noreturn]] SCONCE_OUTLINE void kernelStackMismatch(const Code& code, const Instruction& inst,
                                                     size_t size) {
  fail<InternalError>("kernel of '{}' left {} value(s) on the stack, its schema returns {}",
                      code.kernelOperator(inst.aux).schema.operatorName(), size, inst.numOutputs);
}

SCONCE_HOT_INLINE void runKernel(const Code& code, const Instruction& inst, IValue* r, Stack& stack,
                                 bool vararg) {
  const uint32_t* a = code.operands() + inst.args;
  for (uint32_t i = 0; i < inst.numInputs; ++i) push(stack, r, a[i]);
  if (vararg) stack.emplace_back(static_cast<int64_t>(inst.numInputs));
  code.kernels()[inst.aux](stack);
  if (stack.size() != inst.numOutputs) [[unlikely]]
    kernelStackMismatch(code, inst, stack.size());
  const uint32_t* out = a + inst.numInputs;
  for (uint32_t i = inst.numOutputs; i-- > 0;) {
    r[out[i]] = std::move(stack.back());
    stack.pop_back();
  }
}

SCONCE_OUTLINE void parallelMove(const Instruction& inst, const uint32_t* a, IValue* r,
                                 Stack& stack) {
  for (uint32_t i = 0; i < inst.numInputs; ++i) push(stack, r, a[i]);
  const uint32_t* out = a + inst.numInputs;
  for (uint32_t i = inst.numOutputs; i-- > 0;) {
    r[out[i]] = std::move(stack.back());
    stack.pop_back();
  }
}

SCONCE_OUTLINE IValue copyContainer(const IValue& v) {
  if (v.isList()) {
    const ListObj& list = v.listRef();
    return IValue(ListObj::create(list.elementType, list.elements));
  }
  const DictObj& dict = v.dictRef();
  Ref<DictObj> copy = DictObj::create(dict.keyType(), dict.valueType());
  copy->setOrdered(dict.isOrdered());
  for (const auto& [k, val] : dict.items()) copy->insertOrAssign(k, val);
  return IValue(std::move(copy));
}

/// Unpacks a tuple's or list's elements into the output registers; when the operand
/// is the container's last use and nothing else shares it, the elements are moved.
void unpack(std::vector<IValue>& elements, bool steal, const uint32_t* out, size_t n, IValue* r) {
  for (size_t i = 0; i < n; ++i) r[out[i]] = steal ? std::move(elements[i]) : elements[i];
}

SCONCE_OUTLINE void tupleUnpack(const Instruction& inst, const uint32_t* a, IValue* r) {
  Ref<TupleObj> tuple = reg(r, a[0]).toTuple();
  if (tuple->elements.size() != inst.numOutputs)
    fail<ValueError>("Expected {} elements in a tuple but found {}", inst.numOutputs,
                     tuple->elements.size());
  release(r, a[0]);
  unpack(tuple->elements, tuple->useCount() == 1, a + 1, inst.numOutputs, r);
}

SCONCE_OUTLINE void listUnpack(const Instruction& inst, const uint32_t* a, IValue* r) {
  Ref<ListObj> list = reg(r, a[0]).toList();
  if (list->elements.size() != inst.numOutputs)
    fail<ValueError>("Expected {} elements in a list but found {}", inst.numOutputs,
                     list->elements.size());
  release(r, a[0]);
  unpack(list->elements, list->useCount() == 1, a + 1, inst.numOutputs, r);
}

SCONCE_OUTLINE void tupleIndex(const uint32_t* a, IValue* r) {
  const TupleObj& tuple = *reg(r, a[0]).toTuple();
  int64_t size = static_cast<int64_t>(tuple.elements.size());
  int64_t i = reg(r, a[1]).toInt();
  int64_t norm = i < 0 ? i + size : i;
  if (norm < 0 || norm >= size)
    fail<ValueError>("Tuple index out of range (index {}, size {})", i, size);
  IValue elem = tuple.elements[norm];
  release(r, a[0]);
  r[a[2]] = std::move(elem);
}

SCONCE_OUTLINE void tupleSlice(const Code& code, const Instruction& inst, const uint32_t* a,
                               IValue* r) {
  const TupleObj& tuple = *reg(r, a[0]).toTuple();
  int64_t size = static_cast<int64_t>(tuple.elements.size());
  int64_t beg = std::clamp<int64_t>(code.ints()[inst.aux], 0, size);
  int64_t end = std::clamp<int64_t>(code.ints()[inst.aux + 1], beg, size);
  std::vector<IValue> elems(tuple.elements.begin() + beg, tuple.elements.begin() + end);
  release(r, a[0]);
  r[a[1]] = IValue(TupleObj::create(std::move(elems)));
}

std::vector<IValue> takeAll(const Instruction& inst, const uint32_t* a, IValue* r) {
  std::vector<IValue> elems;
  elems.reserve(inst.numInputs);
  for (uint32_t i = 0; i < inst.numInputs; ++i) elems.push_back(take(r, a[i]));
  return elems;
}

SCONCE_OUTLINE void tupleConstruct(const Code& code, const Instruction& inst, const uint32_t* a,
                                   IValue* r) {
  r[a[inst.numInputs]] = IValue(TupleObj::create(takeAll(inst, a, r), code.types()[inst.aux]));
}

SCONCE_OUTLINE void listConstruct(const Code& code, const Instruction& inst, const uint32_t* a,
                                  IValue* r) {
  r[a[inst.numInputs]] = IValue(ListObj::create(code.types()[inst.aux], takeAll(inst, a, r)));
}

/// The value a top-level run returns: its single output, None, or a tuple of them.
SCONCE_OUTLINE IValue runResult(const Instruction& inst, const uint32_t* a, IValue* r) {
  if (inst.numInputs == 1) return take(r, a[0]);
  if (inst.numInputs == 0) return IValue();
  return IValue(TupleObj::create(takeAll(inst, a, r)));
}

[[noreturn]] SCONCE_OUTLINE void badArguments(const Code& code, size_t given) {
  fail<ValueError>("'{}' takes {} argument(s) but {} were given", code.name(), code.numInputs(),
                   given);
}

[[noreturn]] SCONCE_OUTLINE void badCall(const Code& callee, const Instruction& inst,
                                         size_t depth) {
  if (depth >= kMaxCallDepth)
    fail<ValueError>("maximum recursion depth ({}) exceeded calling '{}'", kMaxCallDepth,
                     callee.name());
  fail<ValueError>("'{}' takes {} argument(s) and returns {} value(s); called with {} and {}",
                   callee.name(), callee.numInputs(), callee.numOutputs(), inst.numInputs,
                   inst.numOutputs);
}

SCONCE_OUTLINE void dictConstruct(const Code& code, const Instruction& inst, const uint32_t* a,
                                  IValue* r) {
  const auto& type = static_cast<const DictType&>(*code.types()[inst.aux]);
  Ref<DictObj> dict = DictObj::create(type.keyType(), type.valueType());
  for (uint32_t i = 0; i + 1 < inst.numInputs; i += 2)
    dict->insertOrAssign(take(r, a[i]), take(r, a[i + 1]));
  r[a[inst.numInputs]] = IValue(std::move(dict));
}

Object& objectOperand(IValue* r, uint32_t operand, const AttributeRef& attr) {
  IValue& v = reg(r, operand);
  if (!v.isObject()) fail<ValueError>("'{}' object has no attribute '{}'", v.tagName(), attr.name);
  return v.objectRef();
}

std::optional<size_t> slotOf(const Object& obj, const AttributeRef& attr) {
  if (attr.slot != AttributeRef::kDynamic) return attr.slot;
  return obj.type->findAttribute(attr.name);
}

SCONCE_OUTLINE void getAttr(const Code& code, const Instruction& inst, const uint32_t* a,
                            IValue* r) {
  const AttributeRef& attr = code.attributes()[inst.aux];
  Object& obj = objectOperand(r, a[0], attr);
  std::optional<size_t> slot = slotOf(obj, attr);
  if (!slot || *slot >= obj.slots.size())
    fail<ValueError>("object of class '{}' has no attribute '{}'", obj.type->name(), attr.name);
  IValue value = obj.slots[*slot];
  release(r, a[0]);
  r[a[1]] = std::move(value);
}

SCONCE_OUTLINE void setAttr(const Code& code, const Instruction& inst, const uint32_t* a,
                            IValue* r) {
  const AttributeRef& attr = code.attributes()[inst.aux];
  Object& obj = objectOperand(r, a[0], attr);
  std::optional<size_t> slot = slotOf(obj, attr);
  if (!slot)
    fail<ValueError>("object of class '{}' has no attribute '{}'", obj.type->name(), attr.name);
  // Objects created before their class gained an attribute have fewer slots.
  if (*slot >= obj.slots.size()) obj.slots.resize(obj.type->attributes().size());
  obj.slots[*slot] = take(r, a[1]);
  release(r, a[0]);
}

SCONCE_OUTLINE void createObject(const Code& code, const Instruction& inst, const uint32_t* a,
                                 IValue* r) {
  // The pool holds the class as a const Type; objects refer to their (mutable) class.
  auto* cls = const_cast<ClassType*>(static_cast<const ClassType*>(code.types()[inst.aux].get()));
  r[a[0]] = IValue(Object::create(ClassTypePtr(cls)));
}

[[noreturn]] SCONCE_OUTLINE void raise(const Instruction& inst, const uint32_t* a, IValue* r) {
  RaisedException e;
  e.message = reg(r, a[0]).toStringRef();
  e.pythonClassName = "RuntimeError";
  if (inst.numInputs == 2 && !reg(r, a[1]).isNone()) e.pythonClassName = reg(r, a[1]).toStringRef();
  throw e;
}

SCONCE_OUTLINE void isInstanceOp(const Code& code, const Instruction& inst, const uint32_t* a,
                                 IValue* r) {
  const IValue& v = reg(r, a[0]);
  bool result = false;
  for (const TypePtr& t : code.typeLists()[inst.aux]) {
    if (isInstance(v, *t)) {
      result = true;
      break;
    }
  }
  release(r, a[0]);
  r[a[1]] = IValue(result);
}

SCONCE_OUTLINE std::string printLine(const Instruction& inst, const uint32_t* a, IValue* r) {
  std::string line;
  for (uint32_t i = 0; i < inst.numInputs; ++i) {
    if (i) line += ' ';
    line += ops::pyStr(reg(r, a[i]));
    release(r, a[i]);
  }
  line += '\n';
  return line;
}

ScriptError makeScriptError(ExecState& st, std::string pythonClassName, std::string message) {
  std::vector<TracebackFrame> frames;
  for (const Frame& f : st.frames) {
    size_t pc = static_cast<size_t>(f.ip - f.code->instructions().data());
    frames.push_back({f.code->name(), f.code->sourceRange(pc)});
  }
  return ScriptError(std::move(pythonClassName), std::move(message), std::move(frames));
}

}  // namespace

struct Runtime::CacheEntry {
  std::mutex mutex;
  std::atomic<const Code*> ready{nullptr};
  std::shared_ptr<const Code> code;
};

Runtime::Runtime(GraphProvider graphs, NameProvider names)
    : graphs_(std::move(graphs)), names_(std::move(names)), id_(nextRuntimeId++) {}

Runtime::~Runtime() = default;

IValue Runtime::run(const Code& code, std::vector<IValue> args) const {
  return execute(code, args);
}

IValue Runtime::run(const Graph& graph, std::vector<IValue> args, std::string name) const {
  std::shared_ptr<const Code> code = Code::lower(graph, std::move(name));
  return execute(*code, args);
}

IValue Runtime::call(Function* fn, std::vector<IValue> args) const {
  return execute(codeFor(fn), args);
}

const Code& Runtime::codeFor(Function* fn, std::string_view siteName) const {
  CacheEntry* entry;
  {
    std::lock_guard lock(cacheMutex_);
    auto& slot = cache_[fn];
    if (!slot) slot = std::make_unique<CacheEntry>();
    entry = slot.get();
  }
  if (const Code* code = entry->ready.load(std::memory_order_acquire)) return *code;
  std::lock_guard lock(entry->mutex);
  if (!entry->code) {
    std::string name = names_             ? names_(fn)
                       : siteName.empty() ? "<function>"
                                          : std::string(siteName);
    if (!graphs_) fail<ValueError>("cannot call '{}': this Runtime has no GraphProvider", name);
    std::shared_ptr<Graph> graph = graphs_(fn);
    if (!graph) fail<ValueError>("cannot call '{}': its graph is not available", name);
    std::shared_ptr<const Code> code = Code::lower(*graph, std::move(name));
    code->bindRuntime(id_);
    entry->code = std::move(code);
    entry->ready.store(entry->code.get(), std::memory_order_release);
  }
  return *entry->code;
}

const Code& Runtime::resolveCall(const Code& caller, uint32_t site, const IValue* receiver,
                                 bool memoize) const {
  const CallSite& cs = caller.callSites()[site];
  if (!cs.function) {
    // A method of a receiver whose class was not known statically (an interface).
    SCONCE_ASSERT(receiver != nullptr, "method call '{}' without a receiver", cs.name);
    if (!receiver->isObject())
      fail<ValueError>("cannot call method '{}' of a value of type {}", cs.name,
                       receiver->tagName());
    const ClassType& cls = *receiver->objectRef().type;
    Function* fn = cls.findMethod(cs.name);
    if (!fn) fail<ValueError>("object of class '{}' has no method '{}'", cls.name(), cs.name);
    return codeFor(fn, cs.name);
  }
  const Code& code = codeFor(cs.function, cs.name);
  if (memoize) caller.calleeMemo(site).store(&code, std::memory_order_release);
  return code;
}

void Runtime::print(std::string_view line) const {
  if (print_) return print_(line);
  std::fwrite(line.data(), 1, line.size(), stdout);
}

IValue Runtime::execute(const Code& entry, std::vector<IValue>& args) const {
  if (args.size() != entry.numInputs()) [[unlikely]]
    badArguments(entry, args.size());
  StateLease lease;
  ExecState& st = *lease;
  ops::ScriptCallerScope callerScope(this);
  st.registers.resize(entry.numRegisters());
  for (size_t i = 0; i < args.size(); ++i) st.registers[i] = std::move(args[i]);

  const Code* code = &entry;
  const Instruction* ip = entry.instructions().data();
  const Instruction* begin = ip;
  IValue* r = st.registers.data();
  const uint32_t* operands = entry.operands();  // the running Code's operand array
  const uint32_t* a = nullptr;                  // the current instruction's operands
  Stack& stack = st.stack;
  IValue result;
  st.frames.push_back({code, ip, 0, entry.bindRuntime(id_)});

  // Threaded dispatch: one label per opcode, in the X-macro's order.
  static void* const kDispatch[] = {
#define SCONCE_OPCODE_LABEL(name, operands, semantics) &&op_##name,
      SCONCE_FORALL_OPCODES(SCONCE_OPCODE_LABEL)
#undef SCONCE_OPCODE_LABEL
  };
#define DISPATCH()                                 \
  do {                                             \
    a = operands + ip->args;                       \
    goto* kDispatch[static_cast<uint8_t>(ip->op)]; \
  } while (0)
#define NEXT()  \
  do {          \
    ++ip;       \
    DISPATCH(); \
  } while (0)
#define JUMP(target)       \
  do {                     \
    ip = begin + (target); \
    DISPATCH();            \
  } while (0)

  // clang-format off
  try {
    DISPATCH();

  op_LoadConst:
    r[a[0]] = code->constants()[ip->aux];
    NEXT();
  op_LoadConstCopy:
    r[a[0]] = copyContainer(code->constants()[ip->aux]);
    NEXT();
  op_Move:
    r[a[1]] = take(r, a[0]);
    NEXT();
  op_ParallelMove:
    parallelMove(*ip, a, r, stack);
    NEXT();
  op_Jump:
    JUMP(ip->aux);
  op_JumpIfFalse:
    if (!r[a[0]].toBool()) JUMP(ip->aux);
    NEXT();
  op_LoopEnter: {
    int64_t i = r[a[2]].toInt();
    if (i < r[a[0]].toInt() && r[a[1]].toBool()) {
      r[a[3]] = IValue(i);
      NEXT();
    }
    JUMP(ip->aux);
  }
  op_LoopNext: {
    int64_t i = r[a[2]].toInt() + 1;
    r[a[2]] = IValue(i);
    if (i < r[a[0]].toInt() && r[a[1]].toBool()) {
      r[a[3]] = IValue(i);
      JUMP(ip->aux);
    }
    NEXT();
  }
  op_Op:
    runKernel(*code, *ip, r, stack, false);
    NEXT();
  op_OpVararg:
    runKernel(*code, *ip, r, stack, true);
    NEXT();
  op_MissingKernel: {
    const FunctionSchema& schema = code->kernelOperator(ip->aux).schema;
    throw UnsupportedError(fmt::format("operator '{}' has no kernel yet (schema: {})",
                                       schema.operatorName(), schema.str()));
  }
  op_TupleConstruct:
    tupleConstruct(*code, *ip, a, r);
    NEXT();
  op_TupleUnpack:
    tupleUnpack(*ip, a, r);
    NEXT();
  op_TupleIndex:
    tupleIndex(a, r);
    NEXT();
  op_TupleSlice:
    tupleSlice(*code, *ip, a, r);
    NEXT();
  op_ListConstruct:
    listConstruct(*code, *ip, a, r);
    NEXT();
  op_ListUnpack:
    listUnpack(*ip, a, r);
    NEXT();
  op_DictConstruct:
    dictConstruct(*code, *ip, a, r);
    NEXT();
  op_GetAttr:
    getAttr(*code, *ip, a, r);
    NEXT();
  op_SetAttr:
    setAttr(*code, *ip, a, r);
    NEXT();
  op_CreateObject:
    createObject(*code, *ip, a, r);
    NEXT();
  op_Call: {
    Frame& caller = st.frames.back();
    const Code* callee =
        caller.memoize ? code->calleeMemo(ip->aux).load(std::memory_order_acquire) : nullptr;
    if (!callee) {
      const IValue* receiver = ip->numInputs ? &reg(r, a[0]) : nullptr;
      callee = &resolveCall(*code, ip->aux, receiver, caller.memoize);
    }
    if (callee->numInputs() != ip->numInputs || callee->numOutputs() != ip->numOutputs ||
        st.frames.size() >= kMaxCallDepth) [[unlikely]]
      badCall(*callee, *ip, st.frames.size());
    caller.ip = ip;
    size_t base = caller.base + code->numRegisters();
    st.registers.resize(base + callee->numRegisters());  // may move the register file
    r = st.registers.data() + caller.base;
    IValue* calleeRegisters = st.registers.data() + base;
    for (uint32_t i = 0; i < ip->numInputs; ++i) calleeRegisters[i] = take(r, a[i]);
    st.frames.push_back({callee, ip, base, true});
    code = callee;
    operands = code->operands();
    r = calleeRegisters;
    ip = begin = callee->instructions().data();
    DISPATCH();
  }
  op_Raise:
    raise(*ip, a, r);
  op_IsInstance:
    isInstanceOp(*code, *ip, a, r);
    NEXT();
  op_Print:
    print(printLine(*ip, a, r));
    NEXT();
  op_Fork: {
    // Runs the forked subgraph to completion now (ir/future.h), in a nested run with
    // its own execution state; its errors surface here, as they would at wait().
    std::vector<IValue> forkArgs;
    forkArgs.reserve(ip->numInputs);
    for (uint32_t i = 0; i < ip->numInputs; ++i) forkArgs.push_back(reg(r, a[i]));
    IValue value = execute(*code->subcodes()[ip->aux], forkArgs);
    r[a[ip->numInputs]] = IValue(Ref<Capsule>(makeRef<FutureObj>(std::move(value))));
    NEXT();
  }
  op_Return: {
    if (st.frames.size() == 1) {
      result = runResult(*ip, a, r);
      goto done;
    }
    size_t base = st.frames.back().base;
    st.frames.pop_back();
    Frame& caller = st.frames.back();
    IValue* callerRegisters = st.registers.data() + caller.base;
    const uint32_t* outputs = caller.code->operands() + caller.ip->args + caller.ip->numInputs;
    for (uint32_t i = 0; i < ip->numInputs; ++i) callerRegisters[outputs[i]] = take(r, a[i]);
    st.registers.resize(base);  // drops the callee's registers; never reallocates
    code = caller.code;
    operands = code->operands();
    begin = code->instructions().data();
    ip = caller.ip + 1;
    r = callerRegisters;
    DISPATCH();
  }
  } catch (RaisedException& e) {
    st.frames.back().ip = ip;
    throw makeScriptError(st, std::move(e.pythonClassName), std::move(e.message));
  } catch (const LoweringError&) {
    throw;  // a callee that cannot be lowered: a compile error, reported as one
  } catch (const ScriptError&) {
    throw;  // from a nested run (a kernel calling back into TorchScript): already located
  } catch (const ops::PythonError& e) {
    // A builtin raising what Python would (IndexError, ...): PyTorch reports every
    // failing op as a RuntimeError with the bare message.
    st.frames.back().ip = ip;
    throw makeScriptError(st, "RuntimeError",
                          e.pythonMessage().empty() ? e.pythonType() : e.pythonMessage());
  } catch (const std::exception& e) {
    st.frames.back().ip = ip;
    throw makeScriptError(st, "RuntimeError", e.what());
  }
  // clang-format on
#undef DISPATCH
#undef NEXT
#undef JUMP
done:
  return result;
}

}  // namespace sconce
