// The ScriptParser class behind parser.h, shared by parser.cpp (token plumbing,
// statements) and parser_expressions.cpp (expressions). Not part of the public API.
//
// Statements follow Python's grammar; binary operators use precedence climbing, so an
// expression nests only as deep as its brackets and prefix operators, not one call per
// precedence level. Every function that recurses or grows a left-nested chain takes a
// DepthScope and counts levels with deeper(), which bounds both the C++ stack here and
// the height of the tree every later pass walks recursively.
#pragma once

#include <deque>
#include <optional>

#include "frontend/lexer.h"
#include "frontend/parser.h"

namespace sconce::detail {

// Binding strength of binary operators, loosest first; unary +-~ and ** bind tighter.
enum Precedence : int {
  kOr = 1,
  kAnd,
  kNot,
  kCompare,
  kBitOr,
  kBitXor,
  kBitAnd,
  kShift,
  kArith,
  kTerm
};

struct BinaryOperator {
  ast::BinaryOp op;
  int precedence;
  int tokens;  // `not in` and `is not` span two tokens
};

enum class TargetUse { Assign, Delete, Annotated, Augmented };

/// The message for a keyword TorchScript rejects outright (lambda, yield, global,
/// try, ...), or empty.
std::string_view unsupportedMessage(TokenKind kind);
/// Whether `kind` can begin an expression or a starred item; tells a trailing comma
/// from a following element.
bool startsExpression(TokenKind kind);

class ScriptParser {
 public:
  /// Parses bytes [begin, end) of `source`; `depth` is the nesting already used by an
  /// enclosing parser (for type comments parsed by a sub-parser).
  ScriptParser(SourcePtr source, size_t begin, size_t end, size_t depth)
      : lexer_(source, begin, end), source_(std::move(source)), depth_(depth) {}

  ast::Module parseFile();
  /// One expression (or bare tuple) and nothing else.
  ast::ExprPtr parseStandaloneExpression();

 private:
  // Restores the nesting depth when the parsing function that took it returns.
  struct DepthScope {
    explicit DepthScope(ScriptParser& parser) : parser(parser), saved(parser.depth_) {}
    ~DepthScope() { parser.depth_ = saved; }
    ScriptParser& parser;
    size_t saved;
  };

  // ---- tokens (parser.cpp) ------------------------------------------------------------
  const Token& peek(size_t ahead = 0) {
    while (lookahead_.size() <= ahead) lookahead_.push_back(lexer_.next());
    return lookahead_[ahead];
  }
  TokenKind peekKind(size_t ahead = 0) { return peek(ahead).kind; }
  Token take();
  bool accept(TokenKind kind) {
    if (peekKind() != kind) return false;
    take();
    return true;
  }
  Token expect(TokenKind kind);
  SourceRange range(const Token& token) const {
    return SourceRange(source_, token.start, token.end);
  }
  // From `start` to the end of the last token consumed.
  SourceRange rangeFrom(size_t start) const {
    return SourceRange(source_, start, std::max(start, lastEnd_));
  }
  std::string describe(const Token& token) const;
  [[noreturn]] void error(const SourceRange& where, std::string_view message) const {
    throw CompileError(std::string(message), where);
  }
  [[noreturn]] void error(const Token& token, std::string_view message) const {
    error(range(token), message);
  }
  [[noreturn]] void errorExpected(std::string_view what) {
    error(peek(), fmt::format("expected {} but found {}", what, describe(peek())));
  }
  void deeper(const Token& at);
  template <class T>
  std::unique_ptr<T> node(SourceRange range) {
    return std::make_unique<T>(std::move(range));
  }

  // ---- statements (parser.cpp) --------------------------------------------------------
  void parseStatement(ast::StmtList& out);
  ast::StmtList parseBlock(const Token& header);
  void parseStatementsOnLine(ast::StmtList& out);
  bool atSimpleStatementEnd();
  ast::StmtPtr parseSimpleStatement();
  ast::StmtPtr parseExpressionStatement();
  void checkTarget(const ast::Expr& expr, TargetUse use, bool nested = false);
  ast::StmtPtr parseIf();
  void rejectLoopElse();
  ast::StmtPtr parseWhile();
  ast::StmtPtr parseFor();
  ast::StmtPtr parseWith();
  ast::StmtPtr parseDecorated();
  ast::StmtPtr parseDef(ast::ExprList decorators);
  std::vector<ast::Param> parseParams();
  std::unique_ptr<ast::SignatureComment> parseSignatureComment(size_t begin, size_t end);
  ast::StmtPtr parseClass(ast::ExprList decorators);
  std::string parseDottedName();
  ast::StmtPtr parseImport();

  // ---- expressions (parser_expressions.cpp) -------------------------------------------
  ast::ExprPtr parseExprList();
  ast::ExprPtr parseExprOrStarred();
  ast::ExprPtr parseTargetList();
  ast::ExprPtr parseTargetItem();
  ast::ExprPtr parseExpr();
  std::optional<BinaryOperator> binaryOperator();
  ast::ExprPtr makeBinary(ast::BinaryOp op, ast::ExprPtr lhs, ast::ExprPtr rhs);
  ast::ExprPtr parseBinary(int minPrecedence);
  ast::ExprPtr parseComparison(ast::ExprPtr first);
  ast::ExprPtr parseFactor();
  ast::ExprPtr parsePower();
  ast::ExprPtr parsePostfix();
  void rejectGenerator();
  ast::ExprPtr parseCall(ast::ExprPtr callee);
  ast::ExprPtr parseSubscript(ast::ExprPtr value);
  ast::ExprPtr parseSliceItem();
  ast::ExprPtr parseAtom();
  ast::ExprPtr parseParenthesized();
  void parseComprehensionTail(ast::ExprPtr& target, ast::ExprPtr& iter, ast::ExprPtr& cond);
  ast::ExprPtr parseListDisplay();
  ast::ExprPtr parseDictDisplay();

  Lexer lexer_;
  SourcePtr source_;
  std::deque<Token> lookahead_;  // a deque: peek() references survive further peeks
  size_t lastEnd_ = 0;
  size_t depth_;
};

}  // namespace sconce::detail
