// Type annotations (`Optional[List[Tensor]]`, `__torch__.foo.Bar`) to Types.
//
// Serialized TorchScript writes every type as a Python annotation expression; the same
// parser serves class attribute declarations, def signatures, `annotate(T, v)`,
// `unchecked_cast`, `isinstance` and pickle type tags.
#pragma once

#include <functional>
#include <string>

#include "frontend/ast.h"
#include "ir/types.h"

namespace sconce {

/// Resolves a dotted name that is not a builtin type (`__torch__.foo.Bar`) to a type,
/// or returns null when it names nothing.
using NamedTypeResolver = std::function<TypePtr(const std::string& qualifiedName)>;

/// The dotted name an expression spells (`a.b.c`), or "" when it is not one.
std::string dottedName(const ast::Expr& expr);

class TypeParser {
 public:
  explicit TypeParser(NamedTypeResolver resolver = {}) : resolver_(std::move(resolver)) {}

  /// The type an annotation denotes. `Final[T]` gives T (see isFinal). Throws
  /// CompileError pointing at the part of the expression that is not a type.
  TypePtr parse(const ast::Expr& annotation) const;
  /// Parses annotation text such as a pickle type tag "Dict[str, List[int]]".
  TypePtr parse(const std::string& text) const;
  /// Whether the annotation is `Final[...]` (a class constant declaration).
  static bool isFinal(const ast::Expr& annotation);
  /// The type for a builtin type name (`int`, `Tensor`, `NoneType`, ...), or null.
  static TypePtr builtinType(const std::string& name);

 private:
  TypePtr parseSubscript(const ast::Subscript& s) const;
  NamedTypeResolver resolver_;
};

}  // namespace sconce
