// The IR verifier: structural invariants every pass must preserve.
//
// Passes rewrite graphs in place; a broken invariant (a use before its definition, a
// value escaping its block, an If whose branches yield the wrong number of values, a
// stale use list) otherwise surfaces much later as a wrong result or a crash in the
// interpreter. Debug builds run it after every pass; tests run it on everything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace sconce {

/// Every problem found in `g`, one self-contained message each (naming the value and
/// printing the node involved); empty when the graph is well formed. Checks:
///  - SSA scoping: each input is defined earlier in its block or in an enclosing one
///    (values of an inner block are invisible outside it);
///  - use lists match inputs both ways and point at live, inserted nodes;
///  - list links, owning block/graph pointers and output offsets are consistent;
///  - arities: prim::If has one input and two blocks without parameters, each returning
///    as many values as the node has outputs; prim::Loop has (max_trip_count, cond,
///    carried...) inputs, one block with 1 + carried parameters and 1 + carried
///    returns, and `carried` outputs; prim::Constant has no inputs and one output;
///  - light typing: If/Loop conditions are bool, trip counts int, and values flowing
///    into If/Loop outputs are subtypes of the output types;
///  - no nodes or values are left behind outside every block.
std::vector<std::string> verify(const Graph& g);

/// Throws InternalError listing every problem plus the graph text when verify() finds
/// any. `context` (e.g. "after pass 'dce'") is prepended to the message.
void verifyOrThrow(const Graph& g, std::string_view context = {});

}  // namespace sconce
