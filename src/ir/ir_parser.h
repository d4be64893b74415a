// Parses PyTorch's IR text form (printer.h's output, or `str(graph)` from PyTorch) back
// into a Graph.
//
// IR tests are written as text; the parser makes them possible and lets us load
// graphs dumped by PyTorch for comparison. It accepts everything the printer emits:
// value names (numeric names keep their numbers so print(parse(t)) == t), types in the
// IR spelling (shaped tensor types such as `Float(2, 3, strides=[3, 1])` read as
// Tensor), attributes and constants of every kind, nested blocks, `# file:line:col`
// comments (ignored) and `with prim::fork_0 = graph(...)` subgraph sections.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "ir/graph.h"

namespace sconce {

/// Maps a qualified class name (`__torch__.Net`) to its type. The default creates a
/// bare ClassType per distinct name.
using ClassResolver = std::function<TypePtr(const std::string& qualifiedName)>;

struct IrParseOptions {
  ClassResolver resolveClass;
  /// Name shown in error excerpts.
  std::string filename = "<ir>";
};

/// Parses one graph (plus its `with` subgraph sections). Throws CompileError, with the
/// offending text highlighted, on malformed input or a use of an undefined value.
std::shared_ptr<Graph> parseIR(std::string_view text, const IrParseOptions& options = {});

/// Parses a type in the IR spelling: `int[]`, `Tensor?`, `(int, str)`, `Dict(str, Tensor)`,
/// `Union(int, str)`, `Future[int]`, `NamedTuple(a : int)`, `Enum<__torch__.E>`,
/// `__torch__.M`, `Float(2, 3)` (→ Tensor). Throws CompileError.
TypePtr parseIrType(std::string_view text, const IrParseOptions& options = {});

}  // namespace sconce
