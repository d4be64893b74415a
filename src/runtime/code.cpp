// Lowering a Graph to Code: register assignment, last-use analysis, control flow to
// jumps, operators to kernel pointers.
//
// Registers: one per Value, graph inputs first; values nobody reads share one scratch
// register; a loop's outputs share the registers of its body's carried parameters (the
// loop leaves its results there). Last uses: an operand gets kMoveBit when its
// instruction is the last reader of the value in program order and does not sit in a
// loop that the value was defined outside of (the next iteration would read it again).
#include "runtime/code.h"

#include <unordered_map>

#include "frontend/schema_matching.h"

namespace sconce {

const char* opCodeName(OpCode op) {
  static const char* const kNames[] = {
#define SCONCE_OPCODE_NAME(name, operands, semantics) #name,
      SCONCE_FORALL_OPCODES(SCONCE_OPCODE_NAME)
#undef SCONCE_OPCODE_NAME
  };
  return kNames[static_cast<size_t>(op)];
}

bool Code::bindRuntime(uint64_t runtimeId) const {
  uint64_t expected = 0;
  if (runtimeId_.compare_exchange_strong(expected, runtimeId, std::memory_order_acq_rel))
    return true;
  return expected == runtimeId;
}

namespace {

std::string typeListStr(const std::vector<Value*>& values, size_t from = 0) {
  std::string s = "(";
  for (size_t i = from; i < values.size(); ++i)
    s += (i > from ? ", " : "") + values[i]->type()->annotationStr();
  return s + ")";
}

/// Whether the node's inputs and outputs fit `schema` without any conversion (the
/// emitter already inserted those), binding type variables as the frontend does.
bool nodeFitsSchema(const Node& node, const FunctionSchema& schema) {
  size_t numArgs = schema.arguments.size();
  size_t numInputs = node.inputs().size();
  if (schema.isVararg ? numInputs < numArgs : numInputs != numArgs) return false;
  if (!schema.isVarret && node.outputs().size() != schema.returns.size()) return false;
  TypeEnv env;
  for (size_t i = 0; i < numArgs; ++i) {
    const TypePtr& formal = schema.arguments[i].type;
    const TypePtr& actual = node.input(i)->type();
    if (!matchTypeVariables(formal, actual, env).empty()) return false;
    TypePtr concrete = tryEvalTypeVariables(formal, env);
    // An unbound variable: None passed for `t?`, which binds nothing and fits.
    if (!concrete) {
      if (actual->kind() == TypeKind::None) continue;
      return false;
    }
    if (!actual->isSubtypeOf(*concrete)) return false;
  }
  return true;
}

}  // namespace

const Operator* matchOperator(const Node& node, std::string* whyNot) {
  const auto& overloads = OperatorRegistry::global().lookup(node.kind());
  if (overloads.empty()) {
    if (whyNot) *whyNot = fmt::format("unknown operator '{}'", node.kind().toQualString());
    return nullptr;
  }
  for (const Operator* op : overloads)
    if (nodeFitsSchema(node, op->schema)) return op;
  if (whyNot) {
    *whyNot = fmt::format(
        "no overload of '{}' accepts arguments of types {} with {} result(s); "
        "candidates:",
        node.kind().toQualString(), typeListStr(node.inputs()), node.outputs().size());
    for (const Operator* op : overloads) *whyNot += "\n  " + op->schema.str();
  }
  return nullptr;
}

namespace {

std::string operandStr(uint32_t operand) {
  return fmt::format("{}r{}", operand & kMoveBit ? "^" : "", operand & kRegisterMask);
}

std::string shortRepr(const IValue& v) {
  std::string s = v.isUninitialized() ? "<uninitialized>" : v.repr();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

/// What the instruction's `aux` refers to, in words.
std::string auxStr(const Code& code, const Instruction& inst) {
  switch (inst.op) {
    case OpCode::LoadConst:
    case OpCode::LoadConstCopy:
      return shortRepr(code.constants()[inst.aux]);
    case OpCode::Jump:
    case OpCode::JumpIfFalse:
    case OpCode::LoopEnter:
    case OpCode::LoopNext:
      return fmt::format("-> {}", inst.aux);
    case OpCode::Op:
    case OpCode::OpVararg:
    case OpCode::MissingKernel:
      return code.kernelOperator(inst.aux).schema.operatorName();
    case OpCode::TupleConstruct:
    case OpCode::ListConstruct:
    case OpCode::DictConstruct:
    case OpCode::CreateObject:
      return code.types()[inst.aux]->str();
    case OpCode::TupleSlice:
      return fmt::format("[{}:{}]", code.ints()[inst.aux], code.ints()[inst.aux + 1]);
    case OpCode::GetAttr:
    case OpCode::SetAttr: {
      const AttributeRef& attr = code.attributes()[inst.aux];
      if (attr.slot == AttributeRef::kDynamic) return attr.name + " (by name)";
      return fmt::format("{} (slot {})", attr.name, attr.slot);
    }
    case OpCode::Call: {
      const CallSite& site = code.callSites()[inst.aux];
      return site.isMethod ? fmt::format(".{}{}", site.name, site.function ? "" : " (dynamic)")
                           : site.name;
    }
    case OpCode::IsInstance: {
      std::string s;
      for (const TypePtr& t : code.typeLists()[inst.aux]) s += (s.empty() ? "" : ", ") + t->str();
      return "[" + s + "]";
    }
    default:
      return {};
  }
}

}  // namespace

std::string Code::dump() const {
  std::string out = fmt::format("{}: {} input(s), {} output(s), {} register(s)\n", name_,
                                numInputs_, numOutputs_, numRegisters_);
  for (size_t pc = 0; pc < instructions_.size(); ++pc) {
    const Instruction& inst = instructions_[pc];
    const uint32_t* a = operands_.data() + inst.args;
    std::string outs, ins;
    for (size_t i = 0; i < inst.numOutputs; ++i)
      outs += (i ? ", " : "") + operandStr(a[inst.numInputs + i]);
    for (size_t i = 0; i < inst.numInputs; ++i) ins += (i ? ", " : "") + operandStr(a[i]);
    std::string line = fmt::format("{:>5}  {:<15}", pc, opCodeName(inst.op));
    if (!outs.empty()) line += outs + " = ";
    line += "(" + ins + ")";
    std::string aux = auxStr(*this, inst);
    if (!aux.empty()) line += "  " + aux;
    out += line + "\n";
  }
  return out;
}

class Lowering {
 public:
  Lowering(const Graph& graph, Code& code) : graph_(graph), code_(code) {}

  void run() {
    code_.numInputs_ = graph_.inputs().size();
    code_.numOutputs_ = graph_.outputs().size();
    for (const Value* v : graph_.inputs()) reg_[v] = numRegisters_++;
    assignRegisters(graph_.block());
    numberNodes(graph_.block());
    emitBlock(graph_.block());
    emit(OpCode::Return, graph_.returnNode(), operandsOf(graph_.returnNode()), {});
    code_.numRegisters_ = numRegisters_;
    code_.calleeMemo_ = std::make_unique<std::atomic<const Code*>[]>(code_.callSites_.size());
    for (size_t i = 0; i < code_.callSites_.size(); ++i) code_.calleeMemo_[i] = nullptr;
  }

 private:
  struct LoopRegisters {
    uint32_t maxTrip, cond, counter;
  };

  // ---- Registers and last uses -------------------------------------------------------

  uint32_t scratch() {
    if (scratch_ == kNone) scratch_ = numRegisters_++;
    return scratch_;
  }
  uint32_t valueRegister(const Value* v) { return v->hasUses() ? numRegisters_++ : scratch(); }

  void assignRegisters(const Block* block) {
    for (const Node* n : block->nodes()) {
      if (n->kind() == prim::Loop) {
        const Block* body = n->blocks().at(0);
        loops_[n] = {numRegisters_, numRegisters_ + 1, numRegisters_ + 2};
        numRegisters_ += 3;
        reg_[body->inputs().at(0)] = valueRegister(body->inputs()[0]);
        // Carried parameters always get a register: the loop's outputs live there.
        for (size_t i = 1; i < body->inputs().size(); ++i)
          reg_[body->inputs()[i]] = numRegisters_++;
        for (size_t i = 0; i < n->outputs().size(); ++i)
          reg_[n->output(i)] = reg_.at(body->inputs().at(i + 1));
        assignRegisters(body);
        continue;
      }
      for (const Value* v : n->outputs()) reg_[v] = valueRegister(v);
      for (const Block* b : n->blocks()) {
        for (const Value* v : b->inputs()) reg_[v] = valueRegister(v);
        assignRegisters(b);
      }
    }
  }

  // Program order as emitted: a node, then its blocks, each closed by its return node.
  void numberNodes(const Block* block) {
    for (const Node* n : block->nodes()) {
      position_[n] = nextPosition_++;
      for (const Block* b : n->blocks()) numberNodes(b);
    }
    position_[block->returnNode()] = nextPosition_++;
  }

  size_t lastUse(const Value* v) {
    auto it = lastUse_.find(v);
    if (it != lastUse_.end()) return it->second;
    size_t last = 0;
    for (const Use& u : v->uses()) last = std::max(last, position_.at(u.user));
    lastUse_[v] = last;
    return last;
  }

  /// Input `i` of `user` as an operand, with kMoveBit when this is its last read.
  uint32_t operand(const Node* user, size_t i) {
    const Value* v = user->input(i);
    uint32_t r = reg_.at(v);
    for (size_t j = i + 1; j < user->inputs().size(); ++j)
      if (user->input(j) == v) return r;  // a later operand of the same instruction reads it
    if (position_.at(user) != lastUse(v)) return r;
    const Block* defBlock = v->node()->owningBlock();
    for (const Block* b = user->owningBlock(); b != defBlock;) {
      const Node* owner = b->owningNode();
      if (!owner) break;
      if (owner->kind() == prim::Loop) return r;
      b = owner->owningBlock();
    }
    return r | kMoveBit;
  }

  std::vector<uint32_t> operandsOf(const Node* n, size_t from = 0) {
    std::vector<uint32_t> ops;
    for (size_t i = from; i < n->inputs().size(); ++i) ops.push_back(operand(n, i));
    return ops;
  }
  std::vector<uint32_t> registersOf(const std::vector<Value*>& values) {
    std::vector<uint32_t> regs;
    for (const Value* v : values) regs.push_back(reg_.at(v));
    return regs;
  }

  // ---- Emission ----------------------------------------------------------------------

  size_t pc() const { return code_.instructions_.size(); }

  size_t emit(OpCode op, const Node* node, const std::vector<uint32_t>& inputs,
              const std::vector<uint32_t>& outputs, uint32_t aux = 0) {
    if (inputs.size() > UINT16_MAX || outputs.size() > UINT16_MAX)
      fail("'{}' has too many inputs or outputs", node->kind().toQualString());
    Instruction inst;
    inst.op = op;
    inst.numInputs = static_cast<uint16_t>(inputs.size());
    inst.numOutputs = static_cast<uint16_t>(outputs.size());
    inst.args = static_cast<uint32_t>(code_.operands_.size());
    inst.aux = aux;
    code_.operands_.insert(code_.operands_.end(), inputs.begin(), inputs.end());
    code_.operands_.insert(code_.operands_.end(), outputs.begin(), outputs.end());
    code_.instructions_.push_back(inst);
    code_.ranges_.push_back(node->sourceRange());
    return code_.instructions_.size() - 1;
  }

  template <class... Args>
  [[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
    throw LoweringError(fmt::format(format, std::forward<Args>(args)...), currentRange_);
  }

  template <class T>
  uint32_t add(std::vector<T>& pool, T item) {
    pool.push_back(std::move(item));
    return static_cast<uint32_t>(pool.size() - 1);
  }

  /// Moves srcs into dsts as if all at once (a loop back edge may swap carried values).
  void emitMoves(const Node* node, std::vector<uint32_t> srcs, std::vector<uint32_t> dsts) {
    for (size_t i = srcs.size(); i-- > 0;) {
      if ((srcs[i] & kRegisterMask) == dsts[i]) {
        srcs.erase(srcs.begin() + i);
        dsts.erase(dsts.begin() + i);
      }
    }
    bool clobbers = false;
    for (size_t k = 0; k < dsts.size(); ++k)
      for (size_t j = k + 1; j < srcs.size(); ++j) clobbers |= (srcs[j] & kRegisterMask) == dsts[k];
    if (clobbers) {
      emit(OpCode::ParallelMove, node, srcs, dsts);
      return;
    }
    for (size_t i = 0; i < srcs.size(); ++i) emit(OpCode::Move, node, {srcs[i]}, {dsts[i]});
  }

  void emitBlock(const Block* block) {
    for (const Node* n : block->nodes()) {
      currentRange_ = n->sourceRange();
      emitNode(n);
    }
  }

  void emitNode(const Node* n) {
    switch (n->kind()) {
      case prim::Constant:
        return emitConstant(n);
      case prim::If:
        return emitIf(n);
      case prim::Loop:
        return emitLoop(n);
      case prim::TupleConstruct:
        return emitSimple(OpCode::TupleConstruct, n, add(code_.types_, n->output()->type()));
      case prim::TupleUnpack:
        return emitSimple(OpCode::TupleUnpack, n);
      case prim::TupleIndex:
        return emitSimple(OpCode::TupleIndex, n);
      case prim::TupleSlice:
        return emitTupleSlice(n);
      case prim::ListConstruct: {
        const auto* list = n->output()->type()->cast<ListType>();
        if (!list) fail("prim::ListConstruct produces {}, not a list", n->output()->type()->str());
        return emitSimple(OpCode::ListConstruct, n, add(code_.types_, list->elementType()));
      }
      case prim::ListUnpack:
        return emitSimple(OpCode::ListUnpack, n);
      case prim::DictConstruct: {
        if (!n->output()->type()->cast<DictType>())
          fail("prim::DictConstruct produces {}, not a dict", n->output()->type()->str());
        if (n->inputs().size() % 2 != 0) fail("prim::DictConstruct needs key/value pairs");
        return emitSimple(OpCode::DictConstruct, n, add(code_.types_, n->output()->type()));
      }
      case prim::GetAttr:
        return emitSimple(OpCode::GetAttr, n, attributeRef(n));
      case prim::SetAttr:
        return emitSimple(OpCode::SetAttr, n, attributeRef(n));
      case prim::CreateObject: {
        if (!n->output()->type()->cast<ClassType>())
          fail("prim::CreateObject produces {}, not a class", n->output()->type()->str());
        return emitSimple(OpCode::CreateObject, n, add(code_.types_, n->output()->type()));
      }
      case prim::CallFunction:
        return emitCallFunction(n);
      case prim::CallMethod:
        return emitCallMethod(n);
      case prim::RaiseException: {
        if (n->inputs().empty() || n->inputs().size() > 2)
          fail("prim::RaiseException takes a message and an optional class name");
        return emitSimple(OpCode::Raise, n);
      }
      case prim::Uninitialized:
        if (n->output()->hasUses())
          emit(OpCode::LoadConst, n, {}, {reg_.at(n->output())},
               add(code_.constants_, IValue::uninitialized()));
        return;
      case prim::unchecked_cast:
        return emitSimple(OpCode::Move, n);
      case prim::isinstance:
        return emitSimple(OpCode::IsInstance, n, add(code_.typeLists_, n->tys(attr::types)));
      case prim::Enter:
      case prim::Exit: {
        // `with obj as x:` on a TorchScript class calls obj.__enter__() (giving x) and,
        // when the body finishes, obj.__exit__(None, None, None).
        if (emitContextManagerCall(n)) return;
        // Other context managers (none PyTorch serializes today) do nothing; their
        // results (`__enter__()`) are None.
        uint32_t none = kNone;
        for (const Value* v : n->outputs()) {
          if (!v->hasUses()) continue;
          if (none == kNone) none = add(code_.constants_, IValue());
          emit(OpCode::LoadConst, n, {}, {reg_.at(v)}, none);
        }
        return;
      }
      case prim::Print:
        return emitSimple(OpCode::Print, n);
      case prim::fork: {
        if (!n->hasAttribute(attr::Subgraph)) fail("prim::fork without a Subgraph");
        const auto& sub = n->g(attr::Subgraph);
        if (sub->inputs().size() != n->inputs().size() || sub->outputs().size() != 1)
          fail("prim::fork: the Subgraph takes {} inputs and returns {} values for {} arguments",
               sub->inputs().size(), sub->outputs().size(), n->inputs().size());
        return emitSimple(OpCode::Fork, n, add(code_.subcodes_, Code::lower(*sub, code_.name_)));
      }
      default:
        return emitOperator(n);
    }
  }

  void emitSimple(OpCode op, const Node* n, uint32_t aux = 0) {
    emit(op, n, operandsOf(n), registersOf(n->outputs()), aux);
  }

  void emitConstant(const Node* n) {
    const Value* out = n->output();
    // Function values exist only as prim::CallFunction callees, bound at lowering.
    if (out->type()->kind() == TypeKind::Function || !out->hasUses()) return;
    std::optional<IValue> value = toIValue(out);
    if (!value) fail("cannot lower constant of type {}", out->type()->str());
    bool mutableContainer = value->isList() || value->isDict();
    emit(mutableContainer ? OpCode::LoadConstCopy : OpCode::LoadConst, n, {}, {reg_.at(out)},
         add(code_.constants_, std::move(*value)));
  }

  void emitIf(const Node* n) {
    const Block* thenBlock = n->blocks().at(0);
    const Block* elseBlock = n->blocks().at(1);
    uint32_t cond = reg_.at(n->input(0));
    size_t jumpToElse = emit(OpCode::JumpIfFalse, n, {cond}, {});
    emitBlock(thenBlock);
    currentRange_ = n->sourceRange();
    emitMoves(n, operandsOf(thenBlock->returnNode()), registersOf(n->outputs()));
    bool elseEmpty = elseBlock->nodes().empty() && elseBlock->outputs().empty();
    size_t jumpToEnd = elseEmpty ? kNone : emit(OpCode::Jump, n, {}, {});
    code_.instructions_[jumpToElse].aux = static_cast<uint32_t>(pc());
    if (elseEmpty) return;
    emitBlock(elseBlock);
    currentRange_ = n->sourceRange();
    emitMoves(n, operandsOf(elseBlock->returnNode()), registersOf(n->outputs()));
    code_.instructions_[jumpToEnd].aux = static_cast<uint32_t>(pc());
  }

  void emitLoop(const Node* n) {
    const Block* body = n->blocks().at(0);
    if (n->inputs().size() < 2 || body->inputs().size() != n->inputs().size() - 1 ||
        body->outputs().size() != n->inputs().size() - 1)
      fail("malformed prim::Loop: {} inputs, body takes {} and yields {}", n->inputs().size(),
           body->inputs().size(), body->outputs().size());
    LoopRegisters lr = loops_.at(n);
    std::vector<uint32_t> carried;
    for (size_t i = 1; i < body->inputs().size(); ++i)
      carried.push_back(reg_.at(body->inputs()[i]));
    // The trip count is read every iteration: keep it in the loop's own register.
    emit(OpCode::Move, n, {operand(n, 0)}, {lr.maxTrip});
    emit(OpCode::Move, n, {operand(n, 1)}, {lr.cond});
    emitMoves(n, operandsOf(n, 2), carried);
    emit(OpCode::LoadConst, n, {}, {lr.counter}, add(code_.constants_, IValue(int64_t{0})));
    // Tested on entry, then at the back edge (one dispatch per iteration, not two).
    std::vector<uint32_t> state{lr.maxTrip, lr.cond, lr.counter};
    uint32_t iteration = reg_.at(body->inputs()[0]);
    size_t enter = emit(OpCode::LoopEnter, n, state, {iteration});
    emitBlock(body);
    currentRange_ = n->sourceRange();
    std::vector<uint32_t> srcs = operandsOf(body->returnNode());
    std::vector<uint32_t> dsts{lr.cond};
    dsts.insert(dsts.end(), carried.begin(), carried.end());
    // A body that always continues (`for i in range(n)`) leaves the condition as it
    // was on entry, which was true.
    std::optional<IValue> cond = toIValue(body->outputs()[0]);
    if (cond && cond->isBool() && cond->toBool()) {
      srcs.erase(srcs.begin());
      dsts.erase(dsts.begin());
    }
    emitMoves(n, std::move(srcs), std::move(dsts));
    emit(OpCode::LoopNext, n, state, {iteration}, static_cast<uint32_t>(enter + 1));
    code_.instructions_[enter].aux = static_cast<uint32_t>(pc());
  }

  void emitTupleSlice(const Node* n) {
    Symbol beg = Symbol::attr("beg"), end = Symbol::attr("end");
    if (!n->hasAttribute(beg) || !n->hasAttribute(end) || n->inputs().size() != 1)
      fail("prim::TupleSlice needs a tuple input and `beg`/`end` attributes");
    uint32_t aux = add(code_.ints_, n->i(beg));
    code_.ints_.push_back(n->i(end));
    emitSimple(OpCode::TupleSlice, n, aux);
  }

  uint32_t attributeRef(const Node* n) {
    AttributeRef ref;
    ref.name = n->s(attr::name);
    if (const auto* cls = n->input(0)->type()->cast<ClassType>())
      if (auto slot = cls->findAttribute(ref.name)) ref.slot = static_cast<uint32_t>(*slot);
    return add(code_.attributes_, std::move(ref));
  }

  void emitCallFunction(const Node* n) {
    if (n->inputs().empty()) fail("prim::CallFunction without a callee");
    const Value* callee = n->input(0);
    CallSite site;
    const Node* def = callee->node();
    site.name = def->kind() == prim::Constant && def->hasAttribute(attr::name)
                    ? def->s(attr::name)
                    : callee->debugName();
    const auto* fnType = callee->type()->cast<FunctionType>();
    if (!fnType || def->kind() != prim::Constant)
      fail("prim::CallFunction callee '{}' is not a function constant", site.name);
    if (!fnType->function()) fail("function '{}' has no compiled body to call", site.name);
    site.function = fnType->function();
    emit(OpCode::Call, n, operandsOf(n, 1), registersOf(n->outputs()),
         add(code_.callSites_, std::move(site)));
  }

  /// prim::Enter / prim::Exit of a class object with __enter__ / __exit__ methods, as
  /// calls of those methods; false when the value is not such an object.
  bool emitContextManagerCall(const Node* n) {
    if (n->inputs().size() != 1) return false;
    const auto* cls = n->input(0)->type()->cast<ClassType>();
    bool enter = n->kind() == prim::Enter;
    Function* method = cls ? cls->findMethod(enter ? "__enter__" : "__exit__") : nullptr;
    if (!method) return false;
    CallSite site;
    site.name = enter ? "__enter__" : "__exit__";
    site.isMethod = true;
    site.function = method;
    std::vector<uint32_t> inputs = operandsOf(n);
    std::vector<uint32_t> outputs = registersOf(n->outputs());
    if (!enter) {
      // __exit__(self, exc_type, exc_value, traceback): no exception, so three Nones;
      // its result (whether to swallow an exception) is dropped.
      uint32_t none = add(code_.constants_, IValue());
      for (int i = 0; i < 3; ++i) {
        uint32_t r = numRegisters_++;
        emit(OpCode::LoadConst, n, {}, {r}, none);
        inputs.push_back(r);
      }
      outputs = {numRegisters_++};
    }
    emit(OpCode::Call, n, inputs, outputs, add(code_.callSites_, std::move(site)));
    return true;
  }

  void emitCallMethod(const Node* n) {
    if (n->inputs().empty()) fail("prim::CallMethod without a receiver");
    CallSite site;
    site.name = n->s(attr::name);
    site.isMethod = true;
    // A class's objects are always of exactly that class; interfaces dispatch at run time.
    if (const auto* cls = n->input(0)->type()->cast<ClassType>())
      site.function = cls->findMethod(site.name);
    emitSimple(OpCode::Call, n, add(code_.callSites_, std::move(site)));
  }

  void emitOperator(const Node* n) {
    if (!n->blocks().empty())
      fail("cannot run '{}': only prim::If and prim::Loop may have blocks",
           n->kind().toQualString());
    std::string why;
    const Operator* op = matchOperator(*n, &why);
    if (!op) fail("{}", why);
    uint32_t k = add(code_.kernels_, op->kernel);
    code_.kernelOps_.push_back(op);
    // An op the table knows but Sconce does not implement yet is an error only when a
    // run reaches it: library code (F.interpolate, nn.Transformer) carries branches for
    // every mode, and most programs never take the ones we lack.
    OpCode opcode = !op->hasKernel()          ? OpCode::MissingKernel
                    : op->schema.isVararg     ? OpCode::OpVararg
                                              : OpCode::Op;
    emitSimple(opcode, n, k);
  }

  static constexpr uint32_t kNone = UINT32_MAX;

  const Graph& graph_;
  Code& code_;
  uint32_t numRegisters_ = 0;
  uint32_t scratch_ = kNone;
  std::unordered_map<const Value*, uint32_t> reg_;
  std::unordered_map<const Node*, LoopRegisters> loops_;
  std::unordered_map<const Node*, size_t> position_;
  std::unordered_map<const Value*, size_t> lastUse_;
  size_t nextPosition_ = 0;
  SourceRange currentRange_;
};

std::shared_ptr<const Code> Code::lower(const Graph& graph, std::string name) {
  std::shared_ptr<Code> code(new Code());
  code->name_ = std::move(name);
  Lowering(graph, *code).run();
  return code;
}

}  // namespace sconce
