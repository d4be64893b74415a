// The TorchScript abstract syntax tree: what the parser builds and the emitter reads.
//
// Two tagged hierarchies, Expr and Stmt, each with a kind enum expanded from one
// X-macro list. Consumers switch on kind() and downcast with as<T>() / dynCast<T>().
// Nodes are plain data: children are public fields, owned through unique_ptr (a missing
// optional child is nullptr). Every node carries the SourceRange of its text so later
// stages can point at it. dump() prints a stable S-expression form used by tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/source_range.h"

namespace sconce::ast {

// clang-format off
// X(Kind): every expression node type.
#define SCONCE_AST_EXPRS(X)                                                             \
  X(Name) X(IntLiteral) X(FloatLiteral) X(ImagLiteral) X(StringLiteral) X(BoolLiteral) \
  X(NoneLiteral) X(EllipsisLiteral) X(Attribute) X(Subscript) X(Slice) X(Call)         \
  X(Starred) X(Unary) X(Binary) X(Compare) X(Ternary) X(TupleLiteral) X(ListLiteral)   \
  X(DictLiteral) X(ListComp) X(DictComp)

// X(Kind): every statement node type.
#define SCONCE_AST_STMTS(X)                                                             \
  X(ExprStmt) X(Assign) X(AugAssign) X(AnnAssign) X(If) X(While) X(For) X(With)        \
  X(Return) X(Raise) X(Assert) X(Delete) X(Pass) X(Break) X(Continue) X(Import)        \
  X(Def) X(ClassDef)

// X(Op, spelling): binary operators, including boolean and comparison operators.
#define SCONCE_AST_BINARY_OPS(X)                                                        \
  X(Add, "+") X(Sub, "-") X(Mul, "*") X(Div, "/") X(FloorDiv, "//") X(Mod, "%")         \
  X(Pow, "**") X(MatMul, "@") X(LShift, "<<") X(RShift, ">>") X(BitAnd, "&")            \
  X(BitOr, "|") X(BitXor, "^") X(And, "and") X(Or, "or") X(Eq, "==") X(Ne, "!=")        \
  X(Lt, "<") X(Le, "<=") X(Gt, ">") X(Ge, ">=") X(Is, "is") X(IsNot, "is not")          \
  X(In, "in") X(NotIn, "not in")
// clang-format on

#define SCONCE_AST_ENUM(name, ...) name,
enum class ExprKind : uint8_t { SCONCE_AST_EXPRS(SCONCE_AST_ENUM) };
enum class StmtKind : uint8_t { SCONCE_AST_STMTS(SCONCE_AST_ENUM) };
enum class BinaryOp : uint8_t { SCONCE_AST_BINARY_OPS(SCONCE_AST_ENUM) };
#undef SCONCE_AST_ENUM

enum class UnaryOp : uint8_t { Neg, Pos, Invert, Not };

std::string_view kindName(ExprKind kind);
std::string_view kindName(StmtKind kind);
/// Python spelling: "+", "//", "is not", "not".
std::string_view spelling(BinaryOp op);
std::string_view spelling(UnaryOp op);
/// ==, !=, <, <=, >, >=, is, is not, in, not in.
bool isComparison(BinaryOp op);

/// The base of both hierarchies: a kind tag and the source range of the node's text.
template <class Kind>
class Node {
 public:
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Kind kind() const { return kind_; }
  const SourceRange& range() const { return range_; }

  template <class T>
  bool is() const {
    return kind_ == T::kKind;
  }
  /// Downcast; the kind must match (checked).
  template <class T>
  const T& as() const {
    SCONCE_ASSERT(is<T>(), "AST node is a {}, not a {}", kindName(kind_), kindName(T::kKind));
    return static_cast<const T&>(*this);
  }
  template <class T>
  T& as() {
    return const_cast<T&>(static_cast<const Node*>(this)->as<T>());
  }
  /// Downcast, or nullptr when the kind differs.
  template <class T>
  const T* dynCast() const {
    return is<T>() ? static_cast<const T*>(this) : nullptr;
  }
  template <class T>
  T* dynCast() {
    return is<T>() ? static_cast<T*>(this) : nullptr;
  }

 protected:
  Node(Kind kind, SourceRange range) : kind_(kind), range_(std::move(range)) {}

 private:
  Kind kind_;
  SourceRange range_;
};

using Expr = Node<ExprKind>;
using Stmt = Node<StmtKind>;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

// Inside a node struct: its kind constant and a range-only constructor; the parser
// fills the public fields after construction.
#define SCONCE_EXPR_NODE(K)                      \
  static constexpr ExprKind kKind = ExprKind::K; \
  explicit K(SourceRange range) : Expr(kKind, std::move(range)) {}
#define SCONCE_STMT_NODE(K)                      \
  static constexpr StmtKind kKind = StmtKind::K; \
  explicit K(SourceRange range) : Stmt(kKind, std::move(range)) {}

// ---- Expressions ------------------------------------------------------------------

/// An identifier: a local, a global (`torch`, `ops`, `__torch__`), `inf`, `nan`.
struct Name final : Expr {
  SCONCE_EXPR_NODE(Name)
  std::string id;
};

/// An integer literal; a directly negated literal is folded (`-1` is one node), which
/// is how -9223372036854775808 is representable.
struct IntLiteral final : Expr {
  SCONCE_EXPR_NODE(IntLiteral)
  int64_t value = 0;
};

/// A float literal (`1.`, `.5`, `1e-5`); negation folded as for IntLiteral.
struct FloatLiteral final : Expr {
  SCONCE_EXPR_NODE(FloatLiteral)
  double value = 0;
};

/// An imaginary literal `2.5j`; `value` is the imaginary part.
struct ImagLiteral final : Expr {
  SCONCE_EXPR_NODE(ImagLiteral)
  double value = 0;
};

/// A string literal, adjacent literals already concatenated; `value` holds the bytes.
struct StringLiteral final : Expr {
  SCONCE_EXPR_NODE(StringLiteral)
  std::string value;
};

struct BoolLiteral final : Expr {
  SCONCE_EXPR_NODE(BoolLiteral)
  bool value = false;
};

struct NoneLiteral final : Expr {
  SCONCE_EXPR_NODE(NoneLiteral)
};

/// `...`
struct EllipsisLiteral final : Expr {
  SCONCE_EXPR_NODE(EllipsisLiteral)
};

/// `value.name`
struct Attribute final : Expr {
  SCONCE_EXPR_NODE(Attribute)
  ExprPtr value;
  std::string name;
  SourceRange nameRange;
};

/// `value[i, j:k, ...]`: one entry per comma-separated index; slices are Slice nodes.
struct Subscript final : Expr {
  SCONCE_EXPR_NODE(Subscript)
  ExprPtr value;
  ExprList indices;
};

/// `start:stop:step` inside a subscript; absent parts are nullptr.
struct Slice final : Expr {
  SCONCE_EXPR_NODE(Slice)
  ExprPtr start;
  ExprPtr stop;
  ExprPtr step;
};

/// `name=value` in a call.
struct Keyword {
  std::string name;
  SourceRange nameRange;
  ExprPtr value;
};

/// `callee(args..., keywords...)`; a `*x` argument is a Starred entry of args.
struct Call final : Expr {
  SCONCE_EXPR_NODE(Call)
  ExprPtr callee;
  ExprList args;
  std::vector<Keyword> keywords;
};

/// `*value` in a call, a tuple/list display or an assignment target. TorchScript
/// rejects most uses; the parser accepts them so the emitter can say why.
struct Starred final : Expr {
  SCONCE_EXPR_NODE(Starred)
  ExprPtr value;
};

struct Unary final : Expr {
  SCONCE_EXPR_NODE(Unary)
  UnaryOp op = UnaryOp::Neg;
  ExprPtr operand;
};

/// Arithmetic, bitwise, `and`/`or`, and a single (unchained) comparison.
struct Binary final : Expr {
  SCONCE_EXPR_NODE(Binary)
  BinaryOp op = BinaryOp::Add;
  ExprPtr lhs;
  ExprPtr rhs;
};

/// A chained comparison `a < b <= c` (at least two operators): it means
/// `a < b and b <= c` with `b` evaluated once. A single comparison is a Binary.
struct Compare final : Expr {
  SCONCE_EXPR_NODE(Compare)
  ExprList operands;
  std::vector<BinaryOp> ops;  // ops.size() == operands.size() - 1
};

/// `trueValue if cond else falseValue`
struct Ternary final : Expr {
  SCONCE_EXPR_NODE(Ternary)
  ExprPtr cond;
  ExprPtr trueValue;
  ExprPtr falseValue;
};

/// `(a, b)` or a bare `a, b`; `()` is the empty tuple.
struct TupleLiteral final : Expr {
  SCONCE_EXPR_NODE(TupleLiteral)
  ExprList elements;
};

struct ListLiteral final : Expr {
  SCONCE_EXPR_NODE(ListLiteral)
  ExprList elements;
};

/// `{k: v, ...}`; keys.size() == values.size().
struct DictLiteral final : Expr {
  SCONCE_EXPR_NODE(DictLiteral)
  ExprList keys;
  ExprList values;
};

/// `[element for target in iter if cond]` (one `for`, optional `if`).
struct ListComp final : Expr {
  SCONCE_EXPR_NODE(ListComp)
  ExprPtr element;
  ExprPtr target;
  ExprPtr iter;
  ExprPtr cond;
};

/// `{key: value for target in iter if cond}` (one `for`, optional `if`).
struct DictComp final : Expr {
  SCONCE_EXPR_NODE(DictComp)
  ExprPtr key;
  ExprPtr value;
  ExprPtr target;
  ExprPtr iter;
  ExprPtr cond;
};

// ---- Statements -------------------------------------------------------------------

struct ExprStmt final : Stmt {
  SCONCE_STMT_NODE(ExprStmt)
  ExprPtr expr;
};

/// `t1 = t2 = value`: targets in source order. A trailing `# type: T` comment is
/// parsed into typeComment.
struct Assign final : Stmt {
  SCONCE_STMT_NODE(Assign)
  ExprList targets;
  ExprPtr value;
  ExprPtr typeComment;
};

/// `target op= value`
struct AugAssign final : Stmt {
  SCONCE_STMT_NODE(AugAssign)
  ExprPtr target;
  BinaryOp op = BinaryOp::Add;
  ExprPtr value;
};

/// `target : annotation [= value]`; in a class body this declares an attribute.
struct AnnAssign final : Stmt {
  SCONCE_STMT_NODE(AnnAssign)
  ExprPtr target;
  ExprPtr annotation;
  ExprPtr value;
};

/// `if`; an `elif` chain is an If nested alone in orelse.
struct If final : Stmt {
  SCONCE_STMT_NODE(If)
  ExprPtr cond;
  StmtList body;
  StmtList orelse;
};

struct While final : Stmt {
  SCONCE_STMT_NODE(While)
  ExprPtr cond;
  StmtList body;
};

/// `for target in iter:`; `a, b` targets and iterables are TupleLiterals.
struct For final : Stmt {
  SCONCE_STMT_NODE(For)
  ExprPtr target;
  ExprPtr iter;
  StmtList body;
};

struct WithItem {
  ExprPtr value;
  ExprPtr target;  // the `as` target, or nullptr
};

struct With final : Stmt {
  SCONCE_STMT_NODE(With)
  std::vector<WithItem> items;
  StmtList body;
};

struct Return final : Stmt {
  SCONCE_STMT_NODE(Return)
  ExprPtr value;
};

/// `raise [exception [from cause]]`
struct Raise final : Stmt {
  SCONCE_STMT_NODE(Raise)
  ExprPtr exception;
  ExprPtr cause;
};

struct Assert final : Stmt {
  SCONCE_STMT_NODE(Assert)
  ExprPtr test;
  ExprPtr message;
};

/// `del a, b[i]`
struct Delete final : Stmt {
  SCONCE_STMT_NODE(Delete)
  ExprList targets;
};

struct Pass final : Stmt {
  SCONCE_STMT_NODE(Pass)
};

struct Break final : Stmt {
  SCONCE_STMT_NODE(Break)
};

struct Continue final : Stmt {
  SCONCE_STMT_NODE(Continue)
};

/// `import a.b as c, d` (module empty) or `from m import x as y, z` (`*` is a name).
struct Import final : Stmt {
  SCONCE_STMT_NODE(Import)
  struct Alias {
    std::string name;
    std::string asName;  // empty when there is no `as`
  };
  std::string module;
  std::vector<Alias> names;
};

/// One formal parameter of a def.
struct Param {
  std::string name;
  SourceRange range;
  ExprPtr annotation;
  ExprPtr defaultValue;
  bool kwOnly = false;  // declared after a bare `*`
};

/// A `# type: (T1, T2) -> R` comment under a def header (PEP 484 style).
struct SignatureComment {
  SourceRange range;
  ExprList paramTypes;
  ExprPtr returnType;
};

/// `def name(params) -> returnType:` (module-level function, method or nested def).
struct Def final : Stmt {
  SCONCE_STMT_NODE(Def)
  std::string name;
  SourceRange nameRange;
  std::vector<Param> params;
  ExprPtr returnType;
  StmtList body;
  ExprList decorators;  // `@torch.jit.export`, `@staticmethod`, ...
  std::unique_ptr<SignatureComment> typeComment;
};

/// `class Name(bases):`; bodies are kept as statements (attribute declarations are
/// AnnAssign, `__parameters__ = [...]` is an Assign, methods are Def).
struct ClassDef final : Stmt {
  SCONCE_STMT_NODE(ClassDef)
  std::string name;
  SourceRange nameRange;
  ExprList bases;
  StmtList body;
  ExprList decorators;
};

#undef SCONCE_EXPR_NODE
#undef SCONCE_STMT_NODE

/// One parsed code file (e.g. `code/__torch__/foo.py` of an archive).
struct Module {
  SourcePtr source;
  StmtList body;
};

/// Single-line S-expression, e.g. `(call (. torch add) x (kw alpha 2))`.
std::string dump(const Expr& expr);
/// One line per statement, nested blocks indented by two spaces from `indent`.
std::string dump(const Stmt& stmt, int indent = 0);
std::string dump(const Module& module);

}  // namespace sconce::ast
