// The TorchScript parser's expressions: precedence climbing, trailers, displays.
//
// Python's expression grammar, with `-` folded into number literals like PyTorch's
// parser does, chained comparisons kept as one Compare node, and the expression forms
// TorchScript rejects (lambda, generators, sets, `**` unpacking) reported by name.
#include <limits>

#include "frontend/parser_impl.h"

namespace sconce::detail {

using namespace ast;

namespace {

constexpr uint64_t kInt64MinMagnitude = uint64_t{1} << 63;

}  // namespace

std::string_view unsupportedMessage(TokenKind kind) {
  switch (kind) {
    case TokenKind::KwLambda: return "lambda is not supported in TorchScript";
    case TokenKind::KwYield: return "generators ('yield') are not supported in TorchScript";
    case TokenKind::KwAsync:
    case TokenKind::KwAwait: return "async/await is not supported in TorchScript";
    case TokenKind::KwGlobal: return "'global' declarations are not supported in TorchScript";
    case TokenKind::KwNonlocal: return "'nonlocal' declarations are not supported in TorchScript";
    case TokenKind::KwTry:
    case TokenKind::KwExcept:
    case TokenKind::KwFinally: return "try/except/finally is not supported in TorchScript";
    default: return {};
  }
}

bool startsExpression(TokenKind kind) {
  switch (kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Imag:
    case TokenKind::String:
    case TokenKind::LParen:
    case TokenKind::LBracket:
    case TokenKind::LBrace:
    case TokenKind::Minus:
    case TokenKind::Plus:
    case TokenKind::Tilde:
    case TokenKind::Star:
    case TokenKind::Ellipsis:
    case TokenKind::KwNot:
    case TokenKind::KwNone:
    case TokenKind::KwTrue:
    case TokenKind::KwFalse:
    case TokenKind::KwLambda:
    case TokenKind::KwYield:
    case TokenKind::KwAwait: return true;
    default: return false;
  }
}

// `a, *b, c` (a TupleLiteral when there is a comma) or a single expression.
ExprPtr ScriptParser::parseExprList() {
  size_t start = peek().start;
  ExprPtr first = parseExprOrStarred();
  if (peekKind() != TokenKind::Comma) return first;
  ExprList elements;
  elements.push_back(std::move(first));
  while (accept(TokenKind::Comma) && startsExpression(peekKind()))
    elements.push_back(parseExprOrStarred());
  auto tuple = node<TupleLiteral>(rangeFrom(start));
  tuple->elements = std::move(elements);
  return tuple;
}

ExprPtr ScriptParser::parseExprOrStarred() {
  if (peekKind() != TokenKind::Star) return parseExpr();
  DepthScope scope(*this);
  Token star = take();
  deeper(star);
  ExprPtr value = parseBinary(kBitOr);
  auto starred = node<Starred>(range(star).merge(value->range()));
  starred->value = std::move(value);
  return starred;
}

// Assignment targets of `for` and comprehensions stop before `in`.
ExprPtr ScriptParser::parseTargetList() {
  size_t start = peek().start;
  ExprPtr first = parseTargetItem();
  if (peekKind() == TokenKind::Comma) {
    ExprList elements;
    elements.push_back(std::move(first));
    while (accept(TokenKind::Comma) && startsExpression(peekKind()))
      elements.push_back(parseTargetItem());
    auto tuple = node<TupleLiteral>(rangeFrom(start));
    tuple->elements = std::move(elements);
    first = std::move(tuple);
  }
  checkTarget(*first, TargetUse::Assign);
  return first;
}

ExprPtr ScriptParser::parseTargetItem() {
  if (peekKind() == TokenKind::Star) return parseExprOrStarred();
  return parseBinary(kBitOr);
}

// `a if c else b`; a chain `a if c else b if d else e` is folded iteratively.
ExprPtr ScriptParser::parseExpr() {
  DepthScope scope(*this);
  ExprPtr value = parseBinary(kOr);
  struct Arm {
    ExprPtr value;
    ExprPtr cond;
  };
  std::vector<Arm> arms;
  while (peekKind() == TokenKind::KwIf) {
    deeper(peek());
    take();
    ExprPtr cond = parseBinary(kOr);
    expect(TokenKind::KwElse);
    arms.push_back({std::move(value), std::move(cond)});
    value = parseBinary(kOr);
  }
  for (auto arm = arms.rbegin(); arm != arms.rend(); ++arm) {
    auto ternary = node<Ternary>(arm->value->range().merge(value->range()));
    ternary->cond = std::move(arm->cond);
    ternary->trueValue = std::move(arm->value);
    ternary->falseValue = std::move(value);
    value = std::move(ternary);
  }
  return value;
}

std::optional<BinaryOperator> ScriptParser::binaryOperator() {
  switch (peekKind()) {
    case TokenKind::KwOr: return BinaryOperator{BinaryOp::Or, kOr, 1};
    case TokenKind::KwAnd: return BinaryOperator{BinaryOp::And, kAnd, 1};
    case TokenKind::KwNot:
      if (peekKind(1) != TokenKind::KwIn) return std::nullopt;
      return BinaryOperator{BinaryOp::NotIn, kCompare, 2};
    case TokenKind::KwIs:
      if (peekKind(1) == TokenKind::KwNot) return BinaryOperator{BinaryOp::IsNot, kCompare, 2};
      return BinaryOperator{BinaryOp::Is, kCompare, 1};
    case TokenKind::KwIn: return BinaryOperator{BinaryOp::In, kCompare, 1};
    case TokenKind::Eq: return BinaryOperator{BinaryOp::Eq, kCompare, 1};
    case TokenKind::Ne: return BinaryOperator{BinaryOp::Ne, kCompare, 1};
    case TokenKind::Lt: return BinaryOperator{BinaryOp::Lt, kCompare, 1};
    case TokenKind::Le: return BinaryOperator{BinaryOp::Le, kCompare, 1};
    case TokenKind::Gt: return BinaryOperator{BinaryOp::Gt, kCompare, 1};
    case TokenKind::Ge: return BinaryOperator{BinaryOp::Ge, kCompare, 1};
    case TokenKind::Pipe: return BinaryOperator{BinaryOp::BitOr, kBitOr, 1};
    case TokenKind::Caret: return BinaryOperator{BinaryOp::BitXor, kBitXor, 1};
    case TokenKind::Amp: return BinaryOperator{BinaryOp::BitAnd, kBitAnd, 1};
    case TokenKind::LShift: return BinaryOperator{BinaryOp::LShift, kShift, 1};
    case TokenKind::RShift: return BinaryOperator{BinaryOp::RShift, kShift, 1};
    case TokenKind::Plus: return BinaryOperator{BinaryOp::Add, kArith, 1};
    case TokenKind::Minus: return BinaryOperator{BinaryOp::Sub, kArith, 1};
    case TokenKind::Star: return BinaryOperator{BinaryOp::Mul, kTerm, 1};
    case TokenKind::Slash: return BinaryOperator{BinaryOp::Div, kTerm, 1};
    case TokenKind::FloorDiv: return BinaryOperator{BinaryOp::FloorDiv, kTerm, 1};
    case TokenKind::Percent: return BinaryOperator{BinaryOp::Mod, kTerm, 1};
    case TokenKind::At: return BinaryOperator{BinaryOp::MatMul, kTerm, 1};
    default: return std::nullopt;
  }
}

ExprPtr ScriptParser::makeBinary(BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
  auto binary = node<Binary>(lhs->range().merge(rhs->range()));
  binary->op = op;
  binary->lhs = std::move(lhs);
  binary->rhs = std::move(rhs);
  return binary;
}

// Binary operators binding at least as tightly as `minPrecedence`, plus prefix `not`.
ExprPtr ScriptParser::parseBinary(int minPrecedence) {
  DepthScope scope(*this);
  ExprPtr lhs;
  if (peekKind() == TokenKind::KwNot && minPrecedence <= kNot) {
    Token notToken = take();
    deeper(notToken);
    ExprPtr operand = parseBinary(kNot);
    auto unary = node<Unary>(range(notToken).merge(operand->range()));
    unary->op = UnaryOp::Not;
    unary->operand = std::move(operand);
    lhs = std::move(unary);
  } else {
    lhs = parseFactor();
  }
  for (;;) {
    std::optional<BinaryOperator> op = binaryOperator();
    if (!op || op->precedence < minPrecedence) return lhs;
    if (op->precedence == kCompare) {
      lhs = parseComparison(std::move(lhs));
      continue;
    }
    deeper(peek());
    take();
    ExprPtr rhs = parseBinary(op->precedence + 1);
    lhs = makeBinary(op->op, std::move(lhs), std::move(rhs));
  }
}

ExprPtr ScriptParser::parseComparison(ExprPtr first) {
  ExprList operands;
  std::vector<BinaryOp> ops;
  operands.push_back(std::move(first));
  for (;;) {
    std::optional<BinaryOperator> op = binaryOperator();
    if (!op || op->precedence != kCompare) break;
    for (int i = 0; i < op->tokens; ++i) take();
    ops.push_back(op->op);
    operands.push_back(parseBinary(kCompare + 1));
  }
  if (ops.size() == 1) return makeBinary(ops[0], std::move(operands[0]), std::move(operands[1]));
  auto compare = node<Compare>(operands.front()->range().merge(operands.back()->range()));
  compare->operands = std::move(operands);
  compare->ops = std::move(ops);
  return compare;
}

// Unary + - ~; `-` directly before a number literal is folded into it.
ExprPtr ScriptParser::parseFactor() {
  TokenKind kind = peekKind();
  if (kind != TokenKind::Minus && kind != TokenKind::Plus && kind != TokenKind::Tilde)
    return parsePower();
  DepthScope scope(*this);
  Token opToken = take();
  deeper(opToken);
  if (kind == TokenKind::Minus && peekKind() == TokenKind::Int &&
      peek().intValue == kInt64MinMagnitude) {
    TokenKind after = peekKind(1);
    if (after != TokenKind::Pow && after != TokenKind::Dot && after != TokenKind::LParen &&
        after != TokenKind::LBracket) {
      Token literal = take();
      auto folded = node<IntLiteral>(range(opToken).merge(range(literal)));
      folded->value = std::numeric_limits<int64_t>::min();
      return folded;
    }
  }
  ExprPtr operand = parseFactor();
  SourceRange whole = range(opToken).merge(operand->range());
  if (kind == TokenKind::Minus) {
    if (auto* literal = operand->dynCast<IntLiteral>();
        literal && literal->value != std::numeric_limits<int64_t>::min()) {
      auto folded = node<IntLiteral>(whole);
      folded->value = -literal->value;
      return folded;
    }
    if (auto* literal = operand->dynCast<FloatLiteral>()) {
      auto folded = node<FloatLiteral>(whole);
      folded->value = -literal->value;
      return folded;
    }
    if (auto* literal = operand->dynCast<ImagLiteral>()) {
      auto folded = node<ImagLiteral>(whole);
      folded->value = -literal->value;
      return folded;
    }
  }
  auto unary = node<Unary>(whole);
  unary->op = kind == TokenKind::Minus  ? UnaryOp::Neg
              : kind == TokenKind::Plus ? UnaryOp::Pos
                                        : UnaryOp::Invert;
  unary->operand = std::move(operand);
  return unary;
}

// `base ** exponent`: right-associative, and tighter than a unary minus on its left.
ExprPtr ScriptParser::parsePower() {
  ExprPtr base = parsePostfix();
  if (peekKind() != TokenKind::Pow) return base;
  DepthScope scope(*this);
  deeper(peek());
  take();
  ExprPtr exponent = parseFactor();
  return makeBinary(BinaryOp::Pow, std::move(base), std::move(exponent));
}

// An atom followed by `.name`, `(args)` and `[indices]` trailers.
ExprPtr ScriptParser::parsePostfix() {
  DepthScope scope(*this);
  ExprPtr value = parseAtom();
  for (;;) {
    switch (peekKind()) {
      case TokenKind::Dot: {
        deeper(peek());
        take();
        Token name = expect(TokenKind::Name);
        auto attribute = node<Attribute>(rangeFrom(value->range().start()));
        attribute->value = std::move(value);
        attribute->name = name.value;
        attribute->nameRange = range(name);
        value = std::move(attribute);
        break;
      }
      case TokenKind::LParen:
        deeper(peek());
        value = parseCall(std::move(value));
        break;
      case TokenKind::LBracket:
        deeper(peek());
        value = parseSubscript(std::move(value));
        break;
      default: return value;
    }
  }
}

void ScriptParser::rejectGenerator() {
  if (peekKind() == TokenKind::KwFor)
    error(peek(),
          "generator expressions are not supported in TorchScript; use a list comprehension");
}

ExprPtr ScriptParser::parseCall(ExprPtr callee) {
  take();  // (
  ExprList args;
  std::vector<Keyword> keywords;
  while (peekKind() != TokenKind::RParen) {
    if (peekKind() == TokenKind::Pow)
      error(peek(), "'**' arguments are not supported in TorchScript");
    if (peekKind() == TokenKind::Name && peekKind(1) == TokenKind::Assign) {
      Token name = take();
      take();
      for (const Keyword& other : keywords)
        if (other.name == name.value)
          error(name, fmt::format("keyword argument '{}' repeated", name.value));
      keywords.push_back({name.value, range(name), parseExpr()});
    } else {
      bool starred = peekKind() == TokenKind::Star;
      ExprPtr arg = parseExprOrStarred();
      if (!starred && !keywords.empty())
        error(arg->range(), "positional argument follows keyword argument");
      rejectGenerator();
      args.push_back(std::move(arg));
    }
    if (!accept(TokenKind::Comma)) break;
  }
  expect(TokenKind::RParen);
  auto call = node<Call>(rangeFrom(callee->range().start()));
  call->callee = std::move(callee);
  call->args = std::move(args);
  call->keywords = std::move(keywords);
  return call;
}

ExprPtr ScriptParser::parseSubscript(ExprPtr value) {
  take();  // [
  ExprList indices;
  indices.push_back(parseSliceItem());
  while (accept(TokenKind::Comma) && peekKind() != TokenKind::RBracket)
    indices.push_back(parseSliceItem());
  expect(TokenKind::RBracket);
  auto subscript = node<Subscript>(rangeFrom(value->range().start()));
  subscript->value = std::move(value);
  subscript->indices = std::move(indices);
  return subscript;
}

ExprPtr ScriptParser::parseSliceItem() {
  size_t start = peek().start;
  ExprPtr lower = peekKind() == TokenKind::Colon ? nullptr : parseExprOrStarred();
  if (peekKind() != TokenKind::Colon) return lower;
  take();
  auto endsPart = [&](bool colonEnds) {
    TokenKind kind = peekKind();
    return kind == TokenKind::Comma || kind == TokenKind::RBracket ||
           (colonEnds && kind == TokenKind::Colon);
  };
  ExprPtr upper = endsPart(true) ? nullptr : parseExpr();
  ExprPtr step;
  if (accept(TokenKind::Colon) && !endsPart(false)) step = parseExpr();
  auto slice = node<Slice>(rangeFrom(start));
  slice->start = std::move(lower);
  slice->stop = std::move(upper);
  slice->step = std::move(step);
  return slice;
}

ExprPtr ScriptParser::parseAtom() {
  const Token& token = peek();
  SourceRange where = range(token);
  switch (token.kind) {
    case TokenKind::Name: {
      auto name = node<Name>(where);
      name->id = token.value;
      take();
      return name;
    }
    case TokenKind::Int: {
      if (token.intValue > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        error(token, "integer literal is too large");
      auto literal = node<IntLiteral>(where);
      literal->value = static_cast<int64_t>(token.intValue);
      take();
      return literal;
    }
    case TokenKind::Float: {
      auto literal = node<FloatLiteral>(where);
      literal->value = token.floatValue;
      take();
      return literal;
    }
    case TokenKind::Imag: {
      auto literal = node<ImagLiteral>(where);
      literal->value = token.floatValue;
      take();
      return literal;
    }
    case TokenKind::String: {
      std::string value;
      while (peekKind() == TokenKind::String) value += take().value;
      auto literal = node<StringLiteral>(rangeFrom(where.start()));
      literal->value = std::move(value);
      return literal;
    }
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: {
      auto literal = node<BoolLiteral>(where);
      literal->value = token.kind == TokenKind::KwTrue;
      take();
      return literal;
    }
    case TokenKind::KwNone: take(); return node<NoneLiteral>(where);
    case TokenKind::Ellipsis: take(); return node<EllipsisLiteral>(where);
    case TokenKind::LParen: return parseParenthesized();
    case TokenKind::LBracket: return parseListDisplay();
    case TokenKind::LBrace: return parseDictDisplay();
    default: break;
  }
  std::string_view message = unsupportedMessage(token.kind);
  if (!message.empty()) error(token, message);
  errorExpected("an expression");
}

ExprPtr ScriptParser::parseParenthesized() {
  DepthScope scope(*this);
  Token open = take();
  deeper(open);
  if (accept(TokenKind::RParen)) return node<TupleLiteral>(rangeFrom(open.start));
  ExprPtr first = parseExprOrStarred();
  rejectGenerator();
  if (accept(TokenKind::RParen)) return first;
  ExprList elements;
  elements.push_back(std::move(first));
  while (accept(TokenKind::Comma) && peekKind() != TokenKind::RParen)
    elements.push_back(parseExprOrStarred());
  expect(TokenKind::RParen);
  auto tuple = node<TupleLiteral>(rangeFrom(open.start));
  tuple->elements = std::move(elements);
  return tuple;
}

// After `for` in a comprehension: `target in iter [if cond]`.
void ScriptParser::parseComprehensionTail(ExprPtr& target, ExprPtr& iter, ExprPtr& cond) {
  expect(TokenKind::KwFor);
  target = parseTargetList();
  expect(TokenKind::KwIn);
  iter = parseBinary(kOr);
  if (accept(TokenKind::KwIf)) cond = parseBinary(kOr);
  if (peekKind() == TokenKind::KwIf) error(peek(), "only one 'if' is supported in a comprehension");
  if (peekKind() == TokenKind::KwFor)
    error(peek(), "only one 'for' is supported in a comprehension");
}

ExprPtr ScriptParser::parseListDisplay() {
  DepthScope scope(*this);
  Token open = take();
  deeper(open);
  ExprList elements;
  if (peekKind() != TokenKind::RBracket) {
    elements.push_back(parseExprOrStarred());
    if (peekKind() == TokenKind::KwFor) {
      ExprPtr target, iter, cond;
      parseComprehensionTail(target, iter, cond);
      expect(TokenKind::RBracket);
      auto comp = node<ListComp>(rangeFrom(open.start));
      comp->element = std::move(elements[0]);
      comp->target = std::move(target);
      comp->iter = std::move(iter);
      comp->cond = std::move(cond);
      return comp;
    }
    while (accept(TokenKind::Comma) && peekKind() != TokenKind::RBracket)
      elements.push_back(parseExprOrStarred());
  }
  expect(TokenKind::RBracket);
  auto list = node<ListLiteral>(rangeFrom(open.start));
  list->elements = std::move(elements);
  return list;
}

ExprPtr ScriptParser::parseDictDisplay() {
  DepthScope scope(*this);
  Token open = take();
  deeper(open);
  ExprList keys;
  ExprList values;
  auto parseEntry = [&] {
    if (peekKind() == TokenKind::Pow)
      error(peek(), "dict unpacking ('**') is not supported in TorchScript");
    keys.push_back(parseExprOrStarred());
    if (peekKind() != TokenKind::Colon) {
      if (keys.size() == 1) error(rangeFrom(open.start), "sets are not supported in TorchScript");
      errorExpected("':'");
    }
    take();
    values.push_back(parseExpr());
  };
  if (peekKind() != TokenKind::RBrace) {
    parseEntry();
    if (peekKind() == TokenKind::KwFor) {
      ExprPtr target, iter, cond;
      parseComprehensionTail(target, iter, cond);
      expect(TokenKind::RBrace);
      auto comp = node<DictComp>(rangeFrom(open.start));
      comp->key = std::move(keys[0]);
      comp->value = std::move(values[0]);
      comp->target = std::move(target);
      comp->iter = std::move(iter);
      comp->cond = std::move(cond);
      return comp;
    }
    while (accept(TokenKind::Comma) && peekKind() != TokenKind::RBrace) parseEntry();
  }
  expect(TokenKind::RBrace);
  auto dict = node<DictLiteral>(rangeFrom(open.start));
  dict->keys = std::move(keys);
  dict->values = std::move(values);
  return dict;
}

}  // namespace sconce::detail
