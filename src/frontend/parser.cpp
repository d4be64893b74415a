// The TorchScript parser's entry points, token plumbing and statements.
//
// See parser_impl.h for the ScriptParser class and how it bounds nesting; expressions
// live in parser_expressions.cpp.
#include "frontend/parser.h"

#include "frontend/parser_impl.h"

namespace sconce {
namespace detail {

using namespace ast;

namespace {

std::optional<BinaryOp> augmentedOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::PlusEq: return BinaryOp::Add;
    case TokenKind::MinusEq: return BinaryOp::Sub;
    case TokenKind::StarEq: return BinaryOp::Mul;
    case TokenKind::SlashEq: return BinaryOp::Div;
    case TokenKind::FloorDivEq: return BinaryOp::FloorDiv;
    case TokenKind::PercentEq: return BinaryOp::Mod;
    case TokenKind::PowEq: return BinaryOp::Pow;
    case TokenKind::AtEq: return BinaryOp::MatMul;
    case TokenKind::AmpEq: return BinaryOp::BitAnd;
    case TokenKind::PipeEq: return BinaryOp::BitOr;
    case TokenKind::CaretEq: return BinaryOp::BitXor;
    case TokenKind::LShiftEq: return BinaryOp::LShift;
    case TokenKind::RShiftEq: return BinaryOp::RShift;
    default: return std::nullopt;
  }
}

std::string_view describeExpr(const Expr& expr) {
  switch (expr.kind()) {
    case ExprKind::Call: return "function call";
    case ExprKind::IntLiteral:
    case ExprKind::FloatLiteral:
    case ExprKind::ImagLiteral:
    case ExprKind::StringLiteral:
    case ExprKind::BoolLiteral:
    case ExprKind::NoneLiteral:
    case ExprKind::EllipsisLiteral: return "literal";
    case ExprKind::Ternary: return "conditional expression";
    case ExprKind::ListComp:
    case ExprKind::DictComp: return "comprehension";
    case ExprKind::DictLiteral: return "dict literal";
    case ExprKind::Compare: return "comparison";
    default: return "expression";
  }
}

}  // namespace

Module ScriptParser::parseFile() {
  Module module;
  module.source = source_;
  while (peekKind() != TokenKind::End) parseStatement(module.body);
  return module;
}

ExprPtr ScriptParser::parseStandaloneExpression() {
  accept(TokenKind::Indent);
  ExprPtr expr = parseExprList();
  accept(TokenKind::Newline);
  accept(TokenKind::Dedent);
  expect(TokenKind::End);
  return expr;
}

Token ScriptParser::take() {
  peek();
  Token token = std::move(lookahead_.front());
  lookahead_.pop_front();
  if (token.kind != TokenKind::Newline && token.kind != TokenKind::Indent &&
      token.kind != TokenKind::Dedent && token.kind != TokenKind::End)
    lastEnd_ = token.end;
  return token;
}

Token ScriptParser::expect(TokenKind kind) {
  if (peekKind() != kind) {
    switch (kind) {
      case TokenKind::Name: errorExpected("an identifier");
      case TokenKind::Newline: errorExpected("newline");
      case TokenKind::End: errorExpected("end of input");
      default: errorExpected(fmt::format("'{}'", tokenSpelling(kind)));
    }
  }
  return take();
}

std::string ScriptParser::describe(const Token& token) const {
  switch (token.kind) {
    case TokenKind::End: return "end of file";
    case TokenKind::Newline: return "newline";
    case TokenKind::Indent: return "indent";
    case TokenKind::Dedent: return "dedent";
    default: break;
  }
  std::string_view text =
      std::string_view(source_->text()).substr(token.start, token.end - token.start);
  size_t cut = std::min<size_t>(text.find('\n'), 30);
  return fmt::format("'{}{}'", text.substr(0, cut), cut < text.size() ? "..." : "");
}

void ScriptParser::deeper(const Token& at) {
  if (++depth_ > kMaxNestingDepth)
    error(at, fmt::format("code is nested too deeply (more than {} levels of brackets, "
                          "operators or blocks)",
                          kMaxNestingDepth));
}

void ScriptParser::parseStatement(StmtList& out) {
  switch (peekKind()) {
    case TokenKind::KwIf: out.push_back(parseIf()); return;
    case TokenKind::KwWhile: out.push_back(parseWhile()); return;
    case TokenKind::KwFor: out.push_back(parseFor()); return;
    case TokenKind::KwWith: out.push_back(parseWith()); return;
    case TokenKind::KwDef:
    case TokenKind::KwClass:
    case TokenKind::At: out.push_back(parseDecorated()); return;
    case TokenKind::Indent: error(peek(), "unexpected indent");
    default: break;
  }
  do {
    out.push_back(parseSimpleStatement());
  } while (accept(TokenKind::Semicolon) && peekKind() != TokenKind::Newline);
  expect(TokenKind::Newline);
}

// After a compound statement's ':': an indented block or simple statements on the
// same line.
StmtList ScriptParser::parseBlock(const Token& header) {
  DepthScope scope(*this);
  deeper(header);
  StmtList body;
  if (!accept(TokenKind::Newline)) {
    parseStatementsOnLine(body);
    return body;
  }
  if (peekKind() != TokenKind::Indent) errorExpected("an indented block");
  take();
  while (!accept(TokenKind::Dedent)) parseStatement(body);
  return body;
}

void ScriptParser::parseStatementsOnLine(StmtList& out) {
  TokenKind kind = peekKind();
  if (kind == TokenKind::KwIf || kind == TokenKind::KwWhile || kind == TokenKind::KwFor ||
      kind == TokenKind::KwWith || kind == TokenKind::KwDef || kind == TokenKind::KwClass)
    error(peek(), "a compound statement must start on its own line");
  parseStatement(out);
}

bool ScriptParser::atSimpleStatementEnd() {
  TokenKind kind = peekKind();
  return kind == TokenKind::Newline || kind == TokenKind::Semicolon || kind == TokenKind::End;
}

StmtPtr ScriptParser::parseSimpleStatement() {
  size_t start = peek().start;
  switch (peekKind()) {
    case TokenKind::KwPass: take(); return node<Pass>(rangeFrom(start));
    case TokenKind::KwBreak: take(); return node<Break>(rangeFrom(start));
    case TokenKind::KwContinue: take(); return node<Continue>(rangeFrom(start));
    case TokenKind::KwReturn: {
      take();
      ExprPtr value = atSimpleStatementEnd() ? nullptr : parseExprList();
      auto stmt = node<Return>(rangeFrom(start));
      stmt->value = std::move(value);
      return stmt;
    }
    case TokenKind::KwRaise: {
      take();
      ExprPtr exception = atSimpleStatementEnd() ? nullptr : parseExpr();
      ExprPtr cause = exception && accept(TokenKind::KwFrom) ? parseExpr() : nullptr;
      auto stmt = node<Raise>(rangeFrom(start));
      stmt->exception = std::move(exception);
      stmt->cause = std::move(cause);
      return stmt;
    }
    case TokenKind::KwAssert: {
      take();
      ExprPtr test = parseExpr();
      ExprPtr message = accept(TokenKind::Comma) ? parseExpr() : nullptr;
      auto stmt = node<Assert>(rangeFrom(start));
      stmt->test = std::move(test);
      stmt->message = std::move(message);
      return stmt;
    }
    case TokenKind::KwDel: {
      take();
      ExprList targets;
      do {
        targets.push_back(parseExpr());
        checkTarget(*targets.back(), TargetUse::Delete);
      } while (accept(TokenKind::Comma) && startsExpression(peekKind()));
      auto stmt = node<Delete>(rangeFrom(start));
      stmt->targets = std::move(targets);
      return stmt;
    }
    case TokenKind::KwImport:
    case TokenKind::KwFrom: return parseImport();
    default: return parseExpressionStatement();
  }
}

StmtPtr ScriptParser::parseExpressionStatement() {
  size_t start = peek().start;
  ExprPtr first = parseExprList();
  TokenKind kind = peekKind();
  if (kind == TokenKind::Colon) {
    take();
    checkTarget(*first, TargetUse::Annotated);
    ExprPtr annotation = parseExpr();
    ExprPtr value = accept(TokenKind::Assign) ? parseExprList() : nullptr;
    auto stmt = node<AnnAssign>(rangeFrom(start));
    stmt->target = std::move(first);
    stmt->annotation = std::move(annotation);
    stmt->value = std::move(value);
    return stmt;
  }
  if (auto op = augmentedOp(kind)) {
    take();
    checkTarget(*first, TargetUse::Augmented);
    ExprPtr value = parseExprList();
    auto stmt = node<AugAssign>(rangeFrom(start));
    stmt->target = std::move(first);
    stmt->op = *op;
    stmt->value = std::move(value);
    return stmt;
  }
  if (kind == TokenKind::Assign) {
    ExprList targets;
    ExprPtr value = std::move(first);
    while (accept(TokenKind::Assign)) {
      checkTarget(*value, TargetUse::Assign);
      targets.push_back(std::move(value));
      value = parseExprList();
    }
    auto stmt = node<Assign>(rangeFrom(start));
    stmt->targets = std::move(targets);
    stmt->value = std::move(value);
    if (peekKind() == TokenKind::Newline && peek().hasTypeComment()) {
      ScriptParser sub(source_, peek().typeCommentStart, peek().typeCommentEnd, depth_);
      stmt->typeComment = sub.parseStandaloneExpression();
    }
    return stmt;
  }
  auto stmt = node<ExprStmt>(first->range());
  stmt->expr = std::move(first);
  return stmt;
}

void ScriptParser::checkTarget(const Expr& expr, TargetUse use, bool nested) {
  switch (expr.kind()) {
    case ExprKind::Name:
    case ExprKind::Attribute:
    case ExprKind::Subscript: return;
    case ExprKind::TupleLiteral:
    case ExprKind::ListLiteral: {
      if (use == TargetUse::Annotated)
        error(expr.range(), "only a single target (not a tuple or list) can be annotated");
      if (use == TargetUse::Augmented)
        error(expr.range(), "a tuple or list is an illegal target for augmented assignment");
      const ExprList& elements = expr.is<TupleLiteral>() ? expr.as<TupleLiteral>().elements
                                                         : expr.as<ListLiteral>().elements;
      for (const ExprPtr& element : elements) checkTarget(*element, use, true);
      return;
    }
    case ExprKind::Starred:
      if (nested && use == TargetUse::Assign) {
        checkTarget(*expr.as<Starred>().value, use, true);
        return;
      }
      error(expr.range(), "a starred target must be inside a tuple or list");
    default:
      error(expr.range(),
            fmt::format("cannot {} {}", use == TargetUse::Delete ? "delete" : "assign to",
                        describeExpr(expr)));
  }
}

StmtPtr ScriptParser::parseIf() {
  DepthScope scope(*this);
  Token keyword = take();  // `if` or `elif`
  ExprPtr cond = parseExpr();
  expect(TokenKind::Colon);
  StmtList body = parseBlock(keyword);
  StmtList orelse;
  if (peekKind() == TokenKind::KwElif) {
    deeper(peek());
    orelse.push_back(parseIf());
  } else if (peekKind() == TokenKind::KwElse) {
    Token elseToken = take();
    expect(TokenKind::Colon);
    orelse = parseBlock(elseToken);
  }
  auto stmt = node<If>(rangeFrom(keyword.start));
  stmt->cond = std::move(cond);
  stmt->body = std::move(body);
  stmt->orelse = std::move(orelse);
  return stmt;
}

void ScriptParser::rejectLoopElse() {
  if (peekKind() == TokenKind::KwElse)
    error(peek(), "'else' after a loop is not supported in TorchScript");
}

StmtPtr ScriptParser::parseWhile() {
  Token keyword = take();
  ExprPtr cond = parseExpr();
  expect(TokenKind::Colon);
  StmtList body = parseBlock(keyword);
  rejectLoopElse();
  auto stmt = node<While>(rangeFrom(keyword.start));
  stmt->cond = std::move(cond);
  stmt->body = std::move(body);
  return stmt;
}

StmtPtr ScriptParser::parseFor() {
  Token keyword = take();
  ExprPtr target = parseTargetList();
  expect(TokenKind::KwIn);
  ExprPtr iter = parseExprList();
  expect(TokenKind::Colon);
  StmtList body = parseBlock(keyword);
  rejectLoopElse();
  auto stmt = node<For>(rangeFrom(keyword.start));
  stmt->target = std::move(target);
  stmt->iter = std::move(iter);
  stmt->body = std::move(body);
  return stmt;
}

StmtPtr ScriptParser::parseWith() {
  Token keyword = take();
  std::vector<WithItem> items;
  do {
    WithItem item;
    item.value = parseExpr();
    if (accept(TokenKind::KwAs)) {
      item.target = parseTargetItem();
      checkTarget(*item.target, TargetUse::Assign);
    }
    items.push_back(std::move(item));
  } while (accept(TokenKind::Comma));
  expect(TokenKind::Colon);
  StmtList body = parseBlock(keyword);
  auto stmt = node<With>(rangeFrom(keyword.start));
  stmt->items = std::move(items);
  stmt->body = std::move(body);
  return stmt;
}

StmtPtr ScriptParser::parseDecorated() {
  ExprList decorators;
  while (accept(TokenKind::At)) {
    decorators.push_back(parseExpr());
    expect(TokenKind::Newline);
  }
  if (peekKind() == TokenKind::KwDef) return parseDef(std::move(decorators));
  if (peekKind() == TokenKind::KwClass) return parseClass(std::move(decorators));
  errorExpected("'def' or 'class' after a decorator");
}

StmtPtr ScriptParser::parseDef(ExprList decorators) {
  Token keyword = take();
  Token name = expect(TokenKind::Name);
  expect(TokenKind::LParen);
  std::vector<Param> params = parseParams();
  ExprPtr returnType = accept(TokenKind::Arrow) ? parseExpr() : nullptr;
  expect(TokenKind::Colon);
  // A signature comment sits after the ':' or alone on the first line of the body.
  std::unique_ptr<SignatureComment> typeComment;
  if (peekKind() == TokenKind::Newline) {
    const Token* carrier = &peek();
    if (!carrier->hasTypeComment())
      carrier = peekKind(1) == TokenKind::Indent && peek(1).hasTypeComment() ? &peek(1) : nullptr;
    if (carrier)
      typeComment = parseSignatureComment(carrier->typeCommentStart, carrier->typeCommentEnd);
  }
  StmtList body = parseBlock(keyword);
  auto def = node<Def>(rangeFrom(keyword.start));
  def->name = name.value;
  def->nameRange = range(name);
  def->params = std::move(params);
  def->returnType = std::move(returnType);
  def->body = std::move(body);
  def->decorators = std::move(decorators);
  def->typeComment = std::move(typeComment);
  return def;
}

std::vector<Param> ScriptParser::parseParams() {
  std::vector<Param> params;
  bool kwOnly = false;
  bool sawDefault = false;
  std::optional<Token> bareStar;
  while (peekKind() != TokenKind::RParen) {
    TokenKind kind = peekKind();
    if (kind == TokenKind::Star) {
      Token star = take();
      if (peekKind() == TokenKind::Name)
        error(
            range(star).merge(range(peek())),
            fmt::format("variadic arguments (*{}) are not supported in TorchScript", peek().value));
      if (kwOnly) error(star, "'*' may appear only once in a parameter list");
      kwOnly = true;
      bareStar = star;
    } else if (kind == TokenKind::Pow) {
      error(peek(), "keyword variadic arguments (**kwargs) are not supported in TorchScript");
    } else if (kind == TokenKind::Slash) {
      error(peek(), "positional-only parameters ('/') are not supported in TorchScript");
    } else {
      Token name = expect(TokenKind::Name);
      Param param;
      param.name = name.value;
      param.kwOnly = kwOnly;
      if (accept(TokenKind::Colon)) param.annotation = parseExpr();
      if (accept(TokenKind::Assign)) param.defaultValue = parseExpr();
      if (!kwOnly && param.defaultValue) sawDefault = true;
      if (!kwOnly && !param.defaultValue && sawDefault)
        error(name, "non-default argument follows default argument");
      for (const Param& other : params)
        if (other.name == param.name)
          error(name, fmt::format("duplicate argument '{}' in function definition", param.name));
      param.range = rangeFrom(name.start);
      params.push_back(std::move(param));
    }
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::RParen);
  if (bareStar && (params.empty() || !params.back().kwOnly))
    error(*bareStar, "named arguments must follow bare *");
  return params;
}

// `(T1, T2) -> R` in bytes [begin, end) of the source.
std::unique_ptr<SignatureComment> ScriptParser::parseSignatureComment(size_t begin, size_t end) {
  ScriptParser sub(source_, begin, end, depth_);
  auto comment = std::make_unique<SignatureComment>();
  comment->range = SourceRange(source_, begin, end);
  sub.expect(TokenKind::LParen);
  while (sub.peekKind() != TokenKind::RParen) {
    comment->paramTypes.push_back(sub.parseExprOrStarred());
    if (!sub.accept(TokenKind::Comma)) break;
  }
  sub.expect(TokenKind::RParen);
  sub.expect(TokenKind::Arrow);
  comment->returnType = sub.parseExpr();
  sub.accept(TokenKind::Newline);
  sub.expect(TokenKind::End);
  return comment;
}

StmtPtr ScriptParser::parseClass(ExprList decorators) {
  Token keyword = take();
  Token name = expect(TokenKind::Name);
  ExprList bases;
  if (accept(TokenKind::LParen)) {
    while (peekKind() != TokenKind::RParen) {
      if (peekKind() == TokenKind::Name && peekKind(1) == TokenKind::Assign)
        error(peek(),
              "class keyword arguments (such as metaclass=) are not supported in TorchScript");
      bases.push_back(parseExpr());
      if (!accept(TokenKind::Comma)) break;
    }
    expect(TokenKind::RParen);
  }
  expect(TokenKind::Colon);
  StmtList body = parseBlock(keyword);
  auto stmt = node<ClassDef>(rangeFrom(keyword.start));
  stmt->name = name.value;
  stmt->nameRange = range(name);
  stmt->bases = std::move(bases);
  stmt->body = std::move(body);
  stmt->decorators = std::move(decorators);
  return stmt;
}

std::string ScriptParser::parseDottedName() {
  std::string name = expect(TokenKind::Name).value;
  while (accept(TokenKind::Dot)) name += "." + expect(TokenKind::Name).value;
  return name;
}

StmtPtr ScriptParser::parseImport() {
  Token keyword = take();
  std::string module;
  std::vector<Import::Alias> names;
  auto parseAlias = [&](bool dotted) {
    Import::Alias alias;
    alias.name = dotted ? parseDottedName() : expect(TokenKind::Name).value;
    if (accept(TokenKind::KwAs)) alias.asName = expect(TokenKind::Name).value;
    return alias;
  };
  if (keyword.kind == TokenKind::KwFrom) {
    if (peekKind() == TokenKind::Dot || peekKind() == TokenKind::Ellipsis)
      error(peek(), "relative imports are not supported in TorchScript");
    module = parseDottedName();
    expect(TokenKind::KwImport);
    if (accept(TokenKind::Star)) {
      names.push_back({"*", ""});
    } else {
      bool parenthesized = accept(TokenKind::LParen);
      do {
        if (parenthesized && peekKind() == TokenKind::RParen) break;
        names.push_back(parseAlias(false));
      } while (accept(TokenKind::Comma));
      if (parenthesized) expect(TokenKind::RParen);
    }
  } else {
    do {
      names.push_back(parseAlias(true));
    } while (accept(TokenKind::Comma));
  }
  auto stmt = node<Import>(rangeFrom(keyword.start));
  stmt->module = std::move(module);
  stmt->names = std::move(names);
  return stmt;
}

}  // namespace detail

ast::Module parseModule(SourcePtr source) {
  detail::ScriptParser parser(std::move(source), 0, std::string::npos, 0);
  return parser.parseFile();
}

ast::ExprPtr parseExpression(SourcePtr source) {
  detail::ScriptParser parser(std::move(source), 0, std::string::npos, 0);
  return parser.parseStandaloneExpression();
}

}  // namespace sconce
