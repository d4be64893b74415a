// Dead code elimination: removes nodes whose results nobody uses and that have no
// effect beyond their results.
//
// PyTorch runs this on every graph before executing it, so a TorchScript program whose
// unused expression would fail (an embedding lookup with float indices, say) runs
// without error there; Sconce must behave the same. It also saves the work.
//
// A node has an effect when it raises, prints, warns, sets an attribute, forks, enters
// or exits a context manager, draws random numbers, or when its operator writes to an
// argument (`Tensor(a!)`, `t[](a!)` in any schema of that name and arity). prim::If /
// prim::Loop count as effectful when anything inside them is. A call of a TorchScript
// function or method is effectful unless its callee's graph is known and effect-free
// (PyTorch inlines calls before removing dead code, which has the same result).
// Block parameters and graph inputs are never removed.
#pragma once

#include <functional>
#include <memory>

#include "ir/graph.h"

namespace sconce::passes {

/// The compiled graph of a callee (prim::CallFunction / prim::CallMethod), or null when
/// unknown; may throw (the call is then treated as effectful).
using CalleeGraphs = std::function<std::shared_ptr<Graph>(Function*)>;

/// Returns whether it removed anything. Without `callees`, every call is effectful.
bool eliminateDeadCode(Graph& graph, const CalleeGraphs& callees = {});

/// Whether `node` must stay even when its outputs are unused (see above).
bool hasSideEffects(const Node& node, const CalleeGraphs& callees = {});

}  // namespace sconce::passes
