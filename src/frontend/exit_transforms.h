// Exit transforms: lowering early `return`, `break` and `continue` into structured SSA.
//
// The emitter cannot leave a block in the middle: prim::If and prim::Loop blocks always
// run to their end. So it emits each exit as a placeholder node — prim::ReturnStmt(value)
// for `return`, prim::LoopContinuation(next_cond, carried...) for `break` (next_cond is
// false) and `continue` — and this pass rewrites the graph the way PyTorch's
// exit_transforms.cpp does: once an exit may have happened, a "has exited" flag and the
// exit values become extra If outputs and loop-carried values, the rest of the block
// moves into a prim::If guarded by the flag, a loop's continue-condition is cleared
// when the flag is set, and code after a certain exit is deleted. Blocks that always
// raise count as neither exiting nor continuing, which keeps `if x: return 1 else:
// raise` free of flags. A `with` body is handled as a unit so its prim::Exit still runs.
#pragma once

#include "ir/graph.h"

namespace sconce {

/// prim::ReturnStmt(value): `return value`, before exit transforms.
Symbol returnStmtKind();
/// prim::LoopContinuation(cond, carried...): `break` / `continue`, before exit transforms.
Symbol loopContinuationKind();

/// Removes every prim::ReturnStmt and prim::LoopContinuation of `graph`, making the
/// graph's and loop bodies' outputs carry the exit values (see the file comment).
void transformExits(Graph& graph);

/// prim::forkClosure(closure) -> Future[T]: `fork` of a closure, before lowering.
Symbol forkClosureKind();

/// Turns each prim::forkClosure of a prim::Closure into prim::fork[Subgraph=g](captured...):
/// the closure body becomes a graph whose inputs are the enclosing values it uses, in
/// order of first use (PyTorch's lifted form). Runs after transformExits.
void lowerForkClosures(Graph& graph);

/// Final cleanup after emission: erases the emitter's untyped `[]` placeholders (those
/// still used become `Tensor[]` lists), If outputs nobody reads (exit lowering leaves
/// many), and unused constants and prim::Uninitialized values.
void eraseEmitterLeftovers(Graph& graph);

}  // namespace sconce
