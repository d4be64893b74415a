// Dead code elimination (see dead_code_elimination.h).
#include "passes/dead_code_elimination.h"

#include <string_view>
#include <unordered_map>

#include "ops/operator_registry.h"

namespace sconce::passes {
namespace {

bool isRandom(std::string_view name) {
  for (std::string_view word : {"rand", "normal", "bernoulli", "multinomial", "dropout", "poisson",
                                "uniform", "exponential", "geometric", "cauchy", "seed"})
    if (name.find(word) != std::string_view::npos) return true;
  return false;
}

/// Per-pass state: the callee resolver and what is known about callees' effects
/// (a callee reached again while it is being examined is assumed effectful).
struct EffectAnalysis {
  const CalleeGraphs& callees;
  std::unordered_map<const Function*, bool> calleeEffects;

  bool block(const Block* b) {
    for (const Node* n : b->nodes())
      if (node(*n)) return true;
    return false;
  }

  bool callee(Function* f) {
    if (!f || !callees) return true;
    auto [it, inserted] = calleeEffects.emplace(f, true);
    if (!inserted) return it->second;
    bool effects = true;
    try {
      if (std::shared_ptr<Graph> g = callees(f)) effects = block(g->block());
    } catch (const std::exception&) {
      effects = true;  // cannot tell: keep the call
    }
    calleeEffects[f] = effects;
    return effects;
  }

  bool node(const Node& n);
};

/// Removes dead nodes of `block` (innermost blocks first, last node first, so a chain
/// of dead nodes goes in one sweep).
bool sweep(Block* block, EffectAnalysis& effects) {
  bool changed = false;
  for (Node* n : block->nodes().reverse()) {
    for (Block* b : n->blocks()) changed |= sweep(b, effects);
    bool used = false;
    for (const Value* v : n->outputs()) used |= v->hasUses();
    if (used || effects.node(*n)) continue;
    n->destroy();
    changed = true;
  }
  return changed;
}

bool EffectAnalysis::node(const Node& node) {
  Symbol kind = node.kind();
  if (kind == prim::If || kind == prim::Loop) {
    for (const Block* b : node.blocks())
      if (block(b)) return true;
    return false;
  }
  if (kind == prim::CallFunction) {
    const auto* fn = node.inputs().empty() ? nullptr : node.input(0)->type()->cast<FunctionType>();
    return callee(fn ? fn->function() : nullptr);
  }
  if (kind == prim::CallMethod) {
    // Only a class's own method is known statically (interfaces dispatch at run time).
    const auto* cls = node.inputs().empty() ? nullptr : node.input(0)->type()->cast<ClassType>();
    return callee(cls && node.hasAttribute(attr::name) ? cls->findMethod(node.s(attr::name)) : nullptr);
  }
  static const Symbol kEffects[] = {
      prim::RaiseException, prim::Print,  prim::SetAttr,
      prim::fork,   prim::Enter,             prim::Exit,
      Symbol::aten("warn"), Symbol::aten("wait"), Symbol::prim("AddStatValue"),
      Symbol::prim("TimePoint"), Symbol::aten("manual_seed")};
  for (Symbol s : kEffects)
    if (kind == s) return true;
  if (isRandom(kind.toUnqualString())) return true;
  // An operator is pure when no overload that could be this node (same number of
  // arguments and results) writes to an argument. Ops the table does not know (prim
  // constructors, GetAttr, Constant, ...) are pure unless listed above.
  const auto& overloads = OperatorRegistry::global().lookup(kind);
  for (const Operator* op : overloads) {
    const FunctionSchema& s = op->schema;
    bool arityFits = s.isVararg ? node.inputs().size() >= s.arguments.size()
                                : node.inputs().size() == s.arguments.size();
    if (!s.isVarret) arityFits &= node.outputs().size() == s.returns.size();
    if (arityFits && s.isMutable()) return true;
  }
  return false;
}

}  // namespace

bool hasSideEffects(const Node& node, const CalleeGraphs& callees) {
  EffectAnalysis effects{callees, {}};
  return effects.node(node);
}

bool eliminateDeadCode(Graph& graph, const CalleeGraphs& callees) {
  EffectAnalysis effects{callees, {}};
  return sweep(graph.block(), effects);
}

}  // namespace sconce::passes
