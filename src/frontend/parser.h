// The TorchScript parser: tokens to AST, for whole code files or single expressions.
//
// A recursive-descent parser for the Python subset TorchScript accepts, covering both
// what PyTorch serializes into archives (`code/__torch__/*.py`: class bodies with
// `__parameters__`, `training : bool`, `Final[...]` constants, annotated defs) and what
// users write. Constructs TorchScript rejects outright (lambda, yield, global, try, set
// literals, generator expressions, *args/**kwargs in defs, loop `else`) fail here with
// a message naming the construct; constructs that are legal syntax but need types to
// judge (starred targets, `*x` call arguments) are parsed and left to the emitter.
// The first error throws CompileError pointing at the offending token; nesting deeper
// than kMaxNestingDepth is an error rather than a stack overflow.
#pragma once

#include "frontend/ast.h"

namespace sconce {

/// Maximum nesting of brackets, operators, blocks and trailers (`a.b[c](d)`) before the
/// parser gives up with a CompileError; bounds the parser's and the AST's recursion.
inline constexpr size_t kMaxNestingDepth = 500;

/// Parses a whole code file. Throws CompileError on the first syntax error.
ast::Module parseModule(SourcePtr source);

/// Parses `source` as one expression (e.g. a type string `Optional[List[int]]`),
/// surrounded by nothing but whitespace. Throws CompileError.
ast::ExprPtr parseExpression(SourcePtr source);

}  // namespace sconce
