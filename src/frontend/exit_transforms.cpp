// Exit transforms: flags and guards in place of early returns, breaks and continues.
#include "frontend/exit_transforms.h"

#include <unordered_map>
#include <vector>

#include "frontend/schema_matching.h"

namespace sconce {

Symbol returnStmtKind() {
  static const Symbol kind = Symbol::prim("ReturnStmt");
  return kind;
}

Symbol loopContinuationKind() {
  static const Symbol kind = Symbol::prim("LoopContinuation");
  return kind;
}

Symbol forkClosureKind() {
  static const Symbol kind = Symbol::prim("forkClosure");
  return kind;
}

namespace {

Symbol withKind() {
  static const Symbol kind = Symbol::prim("With");
  return kind;
}

/// Whether an exit will, might or won't have happened after a node or block; Throws
/// means it always raises (so it never reaches the code after it either way).
enum class ExitStatus { Will, Might, Wont, Throws };

/// hasExited is the "have we exited" bool; values are what the exit carries to its
/// target (the return value, or a loop's next condition and carried values).
struct ExitPair {
  Value* hasExited;
  std::vector<Value*> values;
};

TypePtr unifyOrUnion(const TypePtr& a, const TypePtr& b) {
  if (TypePtr t = unifyTypes(a, b)) return t;
  return UnionType::create({a, b});
}

class ExitTransformer {
 public:
  ExitTransformer(Graph& graph, Symbol exitKind) : graph_(graph), exitKind_(exitKind) {
    WithInsertPoint guard(graph_.block()->nodes().front());
    trueVal_ = graph_.insertConstant(IValue(true));
    falseVal_ = graph_.insertConstant(IValue(false));
    throwsVal_ = unitValue(BoolType::get());
  }

  ~ExitTransformer() {
    // Drop the helper values nobody ended up using.
    for (Value* v : {trueVal_, falseVal_})
      if (!v->hasUses()) v->node()->destroy();
    for (auto& [type, v] : units_)
      if (!v->hasUses()) v->node()->destroy();
  }

  void run() { transformBlock(graph_.block()); }

 private:
  ExitPair wont() const { return {falseVal_, {}}; }
  ExitPair throws() const { return {throwsVal_, {}}; }

  ExitStatus status(const ExitPair& p) const {
    if (p.hasExited == trueVal_) return ExitStatus::Will;
    if (p.hasExited == falseVal_) return ExitStatus::Wont;
    if (p.hasExited == throwsVal_) return ExitStatus::Throws;
    return ExitStatus::Might;
  }

  /// One prim::Uninitialized per type, at the top of the graph: a value that is never
  /// read on the path where it flows.
  Value* unitValue(const TypePtr& type) {
    for (auto& [t, v] : units_)
      if (t->equals(*type)) return v;
    Node* n = graph_.create(prim::Uninitialized);
    n->output()->setType(type);
    graph_.block()->prependNode(n);
    units_.emplace_back(type, n->output());
    return n->output();
  }

  std::vector<Value*> unitsLike(const std::vector<Value*>& values) {
    std::vector<Value*> out;
    for (Value* v : values) out.push_back(unitValue(v->type()));
    return out;
  }

  static void addIfOutputs(Node* n, const std::vector<Value*>& thenOuts,
                           const std::vector<Value*>& elseOuts) {
    for (size_t i = 0; i < thenOuts.size(); ++i) {
      n->blocks()[0]->registerOutput(thenOuts[i]);
      n->blocks()[1]->registerOutput(elseOuts[i]);
      n->addOutput()->setType(unifyOrUnion(thenOuts[i]->type(), elseOuts[i]->type()));
    }
  }

  static std::vector<Value*> lastOutputs(Node* n, size_t count) {
    const auto& outs = n->outputs();
    return std::vector<Value*>(outs.end() - static_cast<ptrdiff_t>(count), outs.end());
  }

  static void replaceBlockOutputs(Block* b, const std::vector<Value*>& outs) {
    while (!b->outputs().empty()) b->eraseOutput(0);
    for (Value* v : outs) b->registerOutput(v);
  }

  ExitPair transformLoop(Node* loop) {
    Block* body = loop->blocks()[0];
    ExitPair inner = transformBlock(body);
    // An exit that stays inside the loop (or a body that raises, which may never run)
    // does not concern the code after the loop.
    ExitStatus s = status(inner);
    if (s == ExitStatus::Wont || s == ExitStatus::Throws) return wont();

    // Stop iterating once exited: next_cond = has_exited ? false : next_cond.
    {
      WithInsertPoint guard(body);
      Node* pick = graph_.insertNode(graph_.create(prim::If, {inner.hasExited}, 0));
      pick->addBlock()->registerOutput(falseVal_);
      pick->addBlock()->registerOutput(body->outputs()[0]);
      Value* next = pick->addOutput()->setType(BoolType::get());
      body->eraseOutput(0);
      body->insertOutput(0, next);
    }
    // Carry has_exited (false if the loop never runs) and the exit values out.
    loop->addInput(falseVal_);
    body->addInput()->setType(BoolType::get());
    body->registerOutput(inner.hasExited);
    Value* hasExited = loop->addOutput()->setType(BoolType::get());
    for (Value* v : inner.values) {
      loop->addInput(unitValue(v->type()));
      loop->addOutput()->setType(v->type());
      body->addInput()->setType(v->type());
      body->registerOutput(v);
    }
    return {hasExited, lastOutputs(loop, inner.values.size())};
  }

  static ExitStatus ifStatus(ExitStatus a, ExitStatus b) {
    if (a == ExitStatus::Throws) return b;
    if (b == ExitStatus::Throws) return a;
    if (a == ExitStatus::Wont && b == ExitStatus::Wont) return ExitStatus::Wont;
    if (a == ExitStatus::Will && b == ExitStatus::Will) return ExitStatus::Will;
    return ExitStatus::Might;
  }

  ExitPair transformIf(Node* n) {
    ExitPair thenPair = transformBlock(n->blocks()[0]);
    ExitPair elsePair = transformBlock(n->blocks()[1]);
    ExitStatus thenS = status(thenPair), elseS = status(elsePair);
    ExitStatus s = ifStatus(thenS, elseS);
    if (s == ExitStatus::Throws) return throws();
    if (s == ExitStatus::Wont) return wont();
    // The branch that does not exit never uses the exit values: fill in placeholders.
    if (thenS == ExitStatus::Wont || thenS == ExitStatus::Throws)
      thenPair.values = unitsLike(elsePair.values);
    else if (elseS == ExitStatus::Wont || elseS == ExitStatus::Throws)
      elsePair.values = unitsLike(thenPair.values);
    Value* hasExited = trueVal_;
    if (s != ExitStatus::Will) {
      addIfOutputs(n, {thenPair.hasExited}, {elsePair.hasExited});
      hasExited = n->outputs().back();
    }
    addIfOutputs(n, thenPair.values, elsePair.values);
    return {hasExited, lastOutputs(n, thenPair.values.size())};
  }

  /// Moves the nodes from `from` to the end of `block` into the else branch of an If on
  /// the exit flag; the then branch re-issues the exit.
  ExitPair guardRest(Block* block, const ExitPair& pair, Node* from) {
    Node* guardIf = graph_.create(prim::If, {pair.hasExited}, 0);
    guardIf->insertBefore(from);
    Block* exitBlock = guardIf->addBlock();
    Block* guardBlock = guardIf->addBlock();
    for (Node* n = from; n != block->returnNode();) {
      Node* next = n->next();
      n->moveBefore(guardBlock->returnNode());
      n = next;
    }
    std::vector<Value*> outs = block->outputs();
    std::vector<Value*> placeholders = unitsLike(outs);
    for (size_t i = 0; i < outs.size(); ++i) {
      exitBlock->registerOutput(placeholders[i]);
      guardBlock->registerOutput(outs[i]);
      guardIf->addOutput()->setType(outs[i]->type());
    }
    replaceBlockOutputs(block, guardIf->outputs());
    graph_.create(exitKind_, pair.values, 0)->insertBefore(exitBlock->returnNode());
    return transformIf(guardIf);
  }

  /// Deletes the nodes from `from` to the end of `block` (they follow a certain exit);
  /// uses of their outputs, e.g. by block outputs, get placeholders.
  void deleteFrom(Block* block, Node* from) {
    std::vector<Node*> doomed;
    for (Node* n = from; n != block->returnNode(); n = n->next()) doomed.push_back(n);
    for (auto it = doomed.rbegin(); it != doomed.rend(); ++it) {
      for (Value* out : (*it)->outputs())
        if (out->hasUses()) out->replaceAllUsesWith(unitValue(out->type()));
      (*it)->destroy();
    }
  }

  bool isTarget(Block* block) const {
    Node* owner = block->owningNode();
    if (exitKind_ == loopContinuationKind()) return owner && owner->kind() == prim::Loop;
    return owner == nullptr || owner->kind() == prim::Closure;
  }

  ExitPair transformBlock(Block* block) {
    Block* previousTarget = target_;
    if (isTarget(block)) target_ = block;
    ExitPair pair = wont();
    for (Node* node = block->nodes().front(); node != block->returnNode();) {
      Node* next = node->next();
      Symbol kind = node->kind();
      if (kind == prim::RaiseException) {
        pair = throws();
      } else if (kind == exitKind_) {
        pair = {trueVal_, node->inputs()};
        node->destroy();
      } else if (kind == prim::If) {
        pair = transformIf(node);
      } else if (kind == withKind()) {
        pair = transformBlock(node->blocks()[0]);
      } else if (kind == prim::Loop) {
        pair = transformLoop(node);
      } else if (kind == prim::Closure) {
        transformBlock(node->blocks()[0]);
      }
      ExitStatus s = status(pair);
      if (s == ExitStatus::Will || s == ExitStatus::Throws) {
        deleteFrom(block, next);
        break;
      }
      if (s == ExitStatus::Might) {
        if (next != block->returnNode()) pair = guardRest(block, pair, next);
        break;
      }
      node = next;
    }
    if (target_ == block) {
      // The exit lands here: the block now yields the exit values when it exited.
      ExitStatus s = status(pair);
      if (s == ExitStatus::Might) {
        Node* pick = graph_.create(prim::If, {pair.hasExited}, 0);
        pick->insertBefore(block->returnNode());
        pick->addBlock();
        pick->addBlock();
        addIfOutputs(pick, pair.values, block->outputs());
        replaceBlockOutputs(block, pick->outputs());
      } else if (s == ExitStatus::Will) {
        replaceBlockOutputs(block, pair.values);
      }
      pair = wont();
    }
    target_ = previousTarget;
    return pair;
  }

  Graph& graph_;
  Symbol exitKind_;
  Value* trueVal_ = nullptr;
  Value* falseVal_ = nullptr;
  Value* throwsVal_ = nullptr;
  std::vector<std::pair<TypePtr, Value*>> units_;
  Block* target_ = nullptr;
};

/// `if c: return 1` followed by the guard `if exited: ... else: return 2` becomes one
/// If when the second tests a constant output of the first (PyTorch's cleanup).
bool inlineConsecutiveIf(Node* first) {
  Node* second = first->next();
  if (first->kind() != prim::If || second->kind() != prim::If) return false;
  Value* cond = second->input(0);
  if (cond->node() != first) return false;
  size_t offset = cond->offset();
  std::optional<IValue> thenValue = toIValue(first->blocks()[0]->outputs()[offset]);
  std::optional<IValue> elseValue = toIValue(first->blocks()[1]->outputs()[offset]);
  if (!thenValue || !elseValue || !thenValue->isBool() || !elseValue->isBool() ||
      thenValue->toBool() == elseValue->toBool())
    return false;
  for (int i = 0; i < 2; ++i) {
    Block* target = first->blocks()[i];
    bool taken = (i == 0 ? *thenValue : *elseValue).toBool();
    Block* source = second->blocks()[taken ? 0 : 1];
    target->cloneFrom(source, [&](Value* v) {
      return v->node() == first ? target->outputs()[v->offset()] : v;
    });
  }
  for (Value* out : second->outputs()) {
    Value* replacement = first->addOutput()->copyMetadata(out);
    out->replaceAllUsesWith(replacement);
  }
  second->destroy();
  return true;
}

void inlineConsecutiveIfs(Block* block) {
  for (Node* n = block->nodes().front(); n != block->returnNode();) {
    for (Block* b : n->blocks()) inlineConsecutiveIfs(b);
    if (!inlineConsecutiveIf(n)) n = n->next();
  }
}

void collectNodes(Block* block, std::vector<Node*>& out) {
  for (Node* n : block->nodes()) {
    out.push_back(n);
    for (Block* b : n->blocks()) collectNodes(b, out);
  }
}

/// Wraps the nodes between each prim::Enter and its prim::Exit into a prim::With
/// (body block, exit block) so an exit inside the body still runs the prim::Exit.
void convertEnterExitToWith(Graph& graph) {
  std::vector<Node*> nodes;
  collectNodes(graph.block(), nodes);
  std::vector<std::pair<Node*, Node*>> pairs;
  std::vector<Node*> open;
  for (Node* n : nodes) {
    if (n->kind() == prim::Enter) {
      open.push_back(n);
    } else if (n->kind() == prim::Exit) {
      SCONCE_ASSERT(!open.empty() && open.back()->input(0) == n->input(0),
                    "prim::Exit without a matching prim::Enter");
      pairs.emplace_back(open.back(), n);
      open.pop_back();
    }
  }
  for (auto [enter, exit] : pairs) {
    Node* with = graph.create(withKind(), 0);
    Block* body = with->addBlock();
    Block* exitBlock = with->addBlock();
    for (Node* cur = enter->next(); cur != exit;) {
      Node* next = cur->next();
      cur->moveBefore(body->returnNode());
      cur = next;
    }
    exit->moveBefore(exitBlock->returnNode());
    with->insertAfter(enter);
  }
}

void convertWithToEnterExit(Graph& graph) {
  std::vector<Node*> nodes;
  collectNodes(graph.block(), nodes);
  for (Node* with : nodes) {
    if (with->kind() != withKind()) continue;
    std::vector<Node*> moved;
    for (Block* b : with->blocks())
      for (Node* n : b->nodes()) moved.push_back(n);
    for (Node* n : moved) n->moveBefore(with);
    with->destroy();
  }
}

/// Erases the unused outputs of `n` (a prim::If) with the values its blocks yield for
/// them; returns whether anything changed.
bool eraseUnusedIfOutputs(Node* n) {
  bool changed = false;
  for (size_t i = n->outputs().size(); i-- > 0;) {
    if (n->output(i)->hasUses()) continue;
    for (Block* b : n->blocks()) b->eraseOutput(i);
    n->eraseOutput(i);
    changed = true;
  }
  return changed;
}

bool isDeadPureNode(const Node* n) {
  if (n->kind() != prim::Constant && n->kind() != prim::Uninitialized &&
      n->kind() != prim::unchecked_cast)
    return false;
  return !n->output()->hasUses();
}

/// Exit lowering leaves If outputs nobody reads (flags and values of paths merged
/// away) and the constants that fed them, and refinements may go unused; erases
/// those, innermost first.
bool eraseDeadIfOutputs(Block* block) {
  bool changed = false;
  for (Node* n : block->nodes().reverse()) {
    if (n->kind() == prim::If) changed |= eraseUnusedIfOutputs(n);
    for (Block* b : n->blocks()) changed |= eraseDeadIfOutputs(b);
    if (isDeadPureNode(n)) {
      n->destroy();
      changed = true;
    }
  }
  return changed;
}

void eraseLeftovers(Block* block) {
  for (Node* n : block->nodes().reverse()) {
    for (Block* b : n->blocks()) eraseLeftovers(b);
    if (n->kind() == prim::Uninitialized && !n->output()->hasUses()) {
      n->destroy();
    } else if (n->kind() == emptyListLiteralKind()) {
      if (n->output()->hasUses()) {
        WithInsertPoint guard(n);
        Value* list = insertList(*n->owningGraph(), TensorType::get(), {});
        list->node()->setSourceRange(n->sourceRange());
        n->output()->replaceAllUsesWith(list);
      }
      n->destroy();
    }
  }
}

}  // namespace

void transformExits(Graph& graph) {
  convertEnterExitToWith(graph);
  ExitTransformer(graph, loopContinuationKind()).run();
  ExitTransformer(graph, returnStmtKind()).run();
  inlineConsecutiveIfs(graph.block());
  convertWithToEnterExit(graph);
}

void lowerForkClosures(Graph& graph) {
  std::vector<Node*> nodes;
  collectNodes(graph.block(), nodes);
  std::vector<Node*> closures;
  for (Node* fork : nodes) {
    if (fork->kind() == prim::Closure) closures.push_back(fork);
    if (fork->kind() != forkClosureKind()) continue;
    Node* closure = fork->input(0)->node();
    SCONCE_ASSERT(closure->kind() == prim::Closure, "fork of something other than a closure");
    // The body becomes a graph; the enclosing values it reads become its inputs.
    auto subgraph = std::make_shared<Graph>();
    std::vector<Value*> captured;
    std::unordered_map<Value*, Value*> inputs;
    subgraph->block()->cloneFrom(closure->blocks()[0], [&](Value* outer) {
      auto it = inputs.find(outer);
      if (it != inputs.end()) return it->second;
      Value* in = subgraph->addInput()->copyMetadata(outer);
      inputs.emplace(outer, in);
      captured.push_back(outer);
      return in;
    });
    Node* lowered = graph.create(prim::fork, captured, 1);
    lowered->g_(attr::Subgraph, subgraph)->setSourceRange(fork->sourceRange());
    lowered->output()->copyMetadata(fork->output());
    lowered->insertBefore(fork);
    fork->output()->replaceAllUsesWith(lowered->output());
    fork->destroy();
  }
  for (auto it = closures.rbegin(); it != closures.rend(); ++it)
    if (!(*it)->output()->hasUses()) (*it)->destroy();
}

void eraseEmitterLeftovers(Graph& graph) {
  eraseLeftovers(graph.block());
  while (eraseDeadIfOutputs(graph.block())) {
  }
}

}  // namespace sconce
