// Prints Graphs in PyTorch's IR text form (what `str(torch.jit.script(f).graph)` shows).
//
// The text is a contract: IR tests are text in, text out, `sconce graph` prints it,
// and ir_parser.h reads it back. Matching PyTorch byte for byte lets us diff our
// graphs against PyTorch 1.13's directly.
#pragma once

#include <string>
#include <string_view>

#include "ir/graph.h"

namespace sconce {

struct PrintOptions {
  /// Append ` # file:line:col` to nodes that have a source range (PyTorch's default
  /// for str(graph); off here so test expectations don't depend on file paths).
  bool sourceLocations = false;
};

/// The whole graph, ending in a newline, including `with prim::fork_0 = graph(...)`
/// sections for nodes that carry a Subgraph attribute.
std::string printGraph(const Graph& g, const PrintOptions& options = {});
/// One node (and its blocks) at indentation `level` (two spaces each), ending in a newline.
std::string printNode(const Node& n, size_t level = 0, const PrintOptions& options = {});
/// A type as graphs print it: `Tensor?`, `int[]`, `Future[int]`, `NamedTuple(a : int)`.
std::string irTypeStr(const Type& t);
/// An attribute / constant value as graphs print it: `1.`, `"a"`, `[1, 2]`, `(1,)`,
/// `{3}` for one-element tensors, `<Tensor>` for others.
std::string irValueStr(const IValue& v);
/// PyTorch's float formatting: `1.` for integral values below 1e10, else `%.17g`.
std::string formatIrDouble(double d);
/// A double-quoted string with C escapes (c10::printQuotedString); bytes >= 0x80 are
/// kept as is.
std::string quoteIrString(std::string_view s);

}  // namespace sconce
