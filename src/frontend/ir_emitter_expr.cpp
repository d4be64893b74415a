// IrEmitter: expressions — literals, operators, calls and special forms.
#include "frontend/ir_emitter.h"

#include <limits>

namespace sconce {
namespace {

NamedValue named(Value* v, const SourceRange& loc, std::string name = {}) {
  return NamedValue{v, std::move(name), loc};
}

/// The aten op and magic method of a binary operator.
std::pair<const char*, const char*> binaryOpNames(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::Add: return {"aten::add", "__add__"};
    case B::Sub: return {"aten::sub", "__sub__"};
    case B::Mul: return {"aten::mul", "__mul__"};
    case B::Div: return {"aten::div", "__truediv__"};
    case B::Mod: return {"aten::remainder", "__mod__"};
    case B::Pow: return {"aten::pow", "__pow__"};
    case B::MatMul: return {"aten::matmul", nullptr};
    case B::FloorDiv: return {"aten::floordiv", nullptr};
    case B::LShift: return {"aten::__lshift__", "__lshift__"};
    case B::RShift: return {"aten::__rshift__", "__rshift__"};
    case B::BitAnd: return {"aten::__and__", "__and__"};
    case B::BitOr: return {"aten::__or__", "__or__"};
    case B::BitXor: return {"aten::__xor__", "__xor__"};
    case B::Eq: return {"aten::eq", "__eq__"};
    case B::Ne: return {"aten::ne", "__ne__"};
    case B::Lt: return {"aten::lt", "__lt__"};
    case B::Le: return {"aten::le", "__le__"};
    case B::Gt: return {"aten::gt", "__gt__"};
    case B::Ge: return {"aten::ge", "__ge__"};
    case B::In: return {"aten::__contains__", "__contains__"};
    default: return {nullptr, nullptr};
  }
}

TypePtr unwrapOptionalHint(const TypePtr& hint) {
  if (hint)
    if (const auto* o = hint->cast<OptionalType>()) return o->elementType();
  return hint;
}

}  // namespace

TypePtr IrEmitter::parseType(const ast::Expr& expr) const { return typeParser().parse(expr); }

void IrEmitter::checkArgCount(const ast::Call& call, size_t n, const std::string& what) const {
  if (call.args.size() != n)
    throw CompileError(fmt::format("{} expected exactly {} arguments but found {}", what, n,
                                   call.args.size()),
                       call.range());
  if (!call.keywords.empty())
    throw CompileError(what + " takes no keyword arguments", call.range());
}

Value* IrEmitter::emitExpr(const ast::Expr& expr, const TypePtr& hint) {
  Value* v = emitSugaredExpr(expr, hint)->asValue(expr.range(), *this);
  // Any is the one type values do not unify to by themselves.
  if (hint && hint->kind() == TypeKind::Any && v->type()->kind() != TypeKind::Any) {
    Node* cast = graph_.insertNode(graph_.create(prim::unchecked_cast, {v}));
    v = cast->output()->setType(hint);
  }
  return v;
}

SugaredValuePtr IrEmitter::emitSugaredExpr(const ast::Expr& expr, const TypePtr& hint) {
  switch (expr.kind()) {
    case ast::ExprKind::Name:
      return getSugaredVar(expr.as<ast::Name>().id, expr.range());
    case ast::ExprKind::Attribute: {
      const auto& a = expr.as<ast::Attribute>();
      return emitSugaredExpr(*a.value)->attr(expr.range(), *this, a.name);
    }
    case ast::ExprKind::Call:
      return emitCall(expr.as<ast::Call>(), hint);
    case ast::ExprKind::Subscript:
      return emitSubscript(expr.as<ast::Subscript>(), hint);
    default:
      return std::make_shared<SimpleValue>(emitSimpleExpr(expr, hint));
  }
}

Value* IrEmitter::emitSimpleExpr(const ast::Expr& expr, const TypePtr& hint) {
  const SourceRange& loc = expr.range();
  using K = ast::ExprKind;
  switch (expr.kind()) {
    case K::IntLiteral: return graph_.insertConstant(IValue(expr.as<ast::IntLiteral>().value), loc);
    case K::FloatLiteral:
      return graph_.insertConstant(IValue(expr.as<ast::FloatLiteral>().value), loc);
    case K::ImagLiteral:
      return graph_.insertConstant(
          IValue(std::complex<double>(0.0, expr.as<ast::ImagLiteral>().value)), loc);
    case K::StringLiteral:
      return graph_.insertConstant(IValue(expr.as<ast::StringLiteral>().value), loc);
    case K::BoolLiteral: return graph_.insertConstant(IValue(expr.as<ast::BoolLiteral>().value), loc);
    case K::NoneLiteral: return graph_.insertConstant(IValue(), loc);
    case K::EllipsisLiteral:
      throw CompileError("'...' is only supported inside a subscript", loc);
    case K::Slice:
      throw CompileError("slice expressions are only supported inside a subscript", loc);
    case K::Starred:
      throw CompileError("starred expressions are only supported as call arguments and inside "
                         "list and tuple literals",
                         loc);
    case K::Unary: return emitUnary(expr.as<ast::Unary>());
    case K::Binary: return emitBinary(expr.as<ast::Binary>());
    case K::Compare: return emitCompareChain(expr.as<ast::Compare>()).value;
    case K::Ternary: return emitTernary(expr.as<ast::Ternary>(), hint);
    case K::TupleLiteral: {
      std::vector<Value*> values;
      for (const NamedValue& v : emitArguments(expr.as<ast::TupleLiteral>().elements))
        values.push_back(v.value);
      Value* t = insertTuple(graph_, values);
      t->node()->setSourceRange(loc);
      return t;
    }
    case K::ListLiteral: return emitListLiteral(expr.as<ast::ListLiteral>(), hint);
    case K::DictLiteral: return emitDictLiteral(expr.as<ast::DictLiteral>(), hint);
    case K::ListComp: return emitListComp(expr.as<ast::ListComp>(), hint);
    case K::DictComp: return emitDictComp(expr.as<ast::DictComp>(), hint);
    default:
      throw CompileError("unsupported expression", loc);
  }
}

Value* IrEmitter::emitListLiteral(const ast::ListLiteral& list, const TypePtr& hint) {
  const SourceRange& loc = list.range();
  std::vector<NamedValue> values = emitArguments(list.elements);
  TypePtr elemType = TensorType::get();
  if (TypePtr want = unwrapOptionalHint(hint)) {
    if (want->kind() != TypeKind::List)
      throw CompileError("Expected a List type hint but instead got " + typeReprStr(hint), loc);
    elemType = want->expect<ListType>().elementType();
  } else if (!values.empty()) {
    elemType = values[0].value->type();
    for (size_t i = 1; i < values.size(); ++i) {
      TypePtr u = unifyTypes(elemType, values[i].value->type());
      if (!u)
        throw CompileError(fmt::format("Lists must contain only a single type\nCould not unify "
                                       "type list since element {} of type {} did not match the "
                                       "types before it ({})",
                                       i, typeReprStr(values[i].value->type()),
                                       typeReprStr(elemType)),
                           loc);
      elemType = u;
    }
  } else {
    // `[]` without a hint: Tensor[] unless schema matching retypes it.
    Node* n = graph_.insertNode(graph_.create(emptyListLiteralKind()));
    n->setSourceRange(loc);
    return n->output()->setType(ListType::ofTensors());
  }
  std::vector<Value*> elems;
  for (const NamedValue& v : values) {
    if (!v.value->type()->isSubtypeOf(*elemType))
      throw CompileError(fmt::format("Lists must contain only a single type, expected: {} but "
                                     "found {} instead.",
                                     typeReprStr(elemType), typeReprStr(v.value->type())),
                         v.range);
    elems.push_back(v.value);
  }
  Value* out = insertList(graph_, elemType, elems);
  out->node()->setSourceRange(loc);
  return out;
}

Value* IrEmitter::emitDictLiteral(const ast::DictLiteral& dict, const TypePtr& hint) {
  const SourceRange& loc = dict.range();
  const auto* want = unwrapOptionalHint(hint) ? unwrapOptionalHint(hint)->cast<DictType>() : nullptr;
  std::vector<Value*> keys, values;
  for (size_t i = 0; i < dict.keys.size(); ++i) {
    keys.push_back(emitExpr(*dict.keys[i], want ? want->keyType() : TypePtr()));
    values.push_back(emitExpr(*dict.values[i], want ? want->valueType() : TypePtr()));
  }
  TypePtr keyType, valueType;
  if (want) {
    keyType = want->keyType();
    valueType = want->valueType();
  } else if (keys.empty()) {
    keyType = StringType::get();
    valueType = TensorType::get();
  } else {
    keyType = keys[0]->type();
    valueType = values[0]->type();
  }
  auto check = [&](const TypePtr& type, const char* what, const std::vector<Value*>& vs,
                   const ast::ExprList& exprs) {
    for (size_t i = 0; i < vs.size(); ++i)
      if (!vs[i]->type()->isSubtypeOf(*type))
        throw CompileError(fmt::format("Dict {} must contain only a single type, expected: {} but "
                                       "found {} instead.",
                                       what, typeReprStr(type), typeReprStr(vs[i]->type())),
                           exprs[i]->range());
  };
  check(keyType, "keys", keys, dict.keys);
  check(valueType, "values", values, dict.values);
  std::vector<Value*> inputs;
  for (size_t i = 0; i < keys.size(); ++i) {
    inputs.push_back(keys[i]);
    inputs.push_back(values[i]);
  }
  Node* n = graph_.insertNode(graph_.create(prim::DictConstruct, inputs));
  n->setSourceRange(loc);
  return n->output()->setType(DictType::create(keyType, valueType));
}

// ---- Operators ------------------------------------------------------------------------------------

Value* IrEmitter::emitUnary(const ast::Unary& expr) {
  const SourceRange& loc = expr.range();
  switch (expr.op) {
    case ast::UnaryOp::Not:
      return emitCondExpr(expr).value;
    case ast::UnaryOp::Pos: {
      Value* v = emitExpr(*expr.operand);
      TypeKind k = v->type()->kind();
      if (k != TypeKind::Int && k != TypeKind::Float && k != TypeKind::Complex &&
          !v->type()->isSubtypeOf(*TensorType::get()))
        throw CompileError("unary + is not supported for a value of type " + typeReprStr(v->type()),
                           loc);
      return v;
    }
    case ast::UnaryOp::Neg:
    case ast::UnaryOp::Invert: {
      bool neg = expr.op == ast::UnaryOp::Neg;
      Value* v = emitExpr(*expr.operand);
      // Fold negated number constants, as PyTorch's emitter does.
      if (neg) {
        if (std::optional<IValue> c = toIValue(v)) {
          if (c->isInt() && c->toInt() != std::numeric_limits<int64_t>::min())
            return graph_.insertConstant(IValue(-c->toInt()), loc);
          if (c->isDouble()) return graph_.insertConstant(IValue(-c->toDouble()), loc);
        }
      }
      MagicMethodValue op(neg ? "__neg__" : "__invert__",
                          std::make_shared<BuiltinFunctionValue>(
                              Symbol::aten(neg ? "neg" : "bitwise_not"), std::nullopt));
      return op.call(loc, *this, {named(v, expr.operand->range())}, {})->asValue(loc, *this);
    }
  }
  throw CompileError("unsupported unary operator", loc);
}

Value* IrEmitter::emitBinary(const ast::Binary& expr) {
  const SourceRange& loc = expr.range();
  switch (expr.op) {
    case ast::BinaryOp::And:
    case ast::BinaryOp::Or:
    case ast::BinaryOp::Is:
    case ast::BinaryOp::IsNot:
      return emitCondExpr(expr).value;
    case ast::BinaryOp::NotIn: {
      Value* in = emitBinaryOp(loc, ast::BinaryOp::In, *expr.lhs, *expr.rhs);
      return emitBuiltin(loc, Symbol::aten("__not__"), {named(in, loc)});
    }
    case ast::BinaryOp::Mod: {
      Value* lhs = emitExpr(*expr.lhs);
      if (lhs->type()->kind() == TypeKind::Str) {
        Value* rhs = emitExpr(*expr.rhs);
        Node* n = graph_.insertNode(graph_.create(Symbol::aten("percentFormat"), {lhs, rhs}));
        n->setSourceRange(loc);
        return n->output()->setType(StringType::get());
      }
      Value* rhs = emitExpr(*expr.rhs);
      MagicMethodValue op("__mod__", std::make_shared<BuiltinFunctionValue>(
                                         Symbol::aten("remainder"), std::nullopt));
      return op.call(loc, *this, {named(lhs, expr.lhs->range()), named(rhs, expr.rhs->range())}, {})
          ->asValue(loc, *this);
    }
    default:
      return emitBinaryOp(loc, expr.op, *expr.lhs, *expr.rhs);
  }
}

Value* IrEmitter::emitBinaryOp(const SourceRange& loc, ast::BinaryOp op, const ast::Expr& lhsExpr,
                               const ast::Expr& rhsExpr) {
  auto [opName, magic] = binaryOpNames(op);
  if (!opName)
    throw CompileError(fmt::format("unsupported operator '{}'", ast::spelling(op)), loc);
  NamedValue lhs = named(emitExpr(lhsExpr), lhsExpr.range());
  NamedValue rhs = named(emitExpr(rhsExpr), rhsExpr.range());
  // `x in c` is `c.__contains__(x)`.
  if (op == ast::BinaryOp::In) std::swap(lhs, rhs);
  if (Value* v = emitBuiltinFunction(loc, op, lhs, rhs)) return v;
  // A complex literal is written `1. + 2.j`: fold it, as PyTorch's constant propagation does.
  if (op == ast::BinaryOp::Add || op == ast::BinaryOp::Sub) {
    std::optional<IValue> l = toIValue(lhs.value), r = toIValue(rhs.value);
    if (l && r && (l->isInt() || l->isDouble() || l->isComplex()) && r->isComplex()) {
      std::complex<double> a = l->isComplex() ? l->toComplex() : l->toScalarDouble();
      std::complex<double> b = r->toComplex();
      return graph_.insertConstant(IValue(op == ast::BinaryOp::Add ? a + b : a - b), loc);
    }
  }
  Symbol symbol = Symbol::fromQualString(opName);
  if (!magic) return emitBuiltin(loc, symbol, {lhs, rhs});
  MagicMethodValue call(magic, std::make_shared<BuiltinFunctionValue>(symbol, std::nullopt));
  return call.call(loc, *this, {lhs, rhs}, {})->asValue(loc, *this);
}

Value* IrEmitter::emitBuiltinFunction(const SourceRange& loc, ast::BinaryOp op,
                                      const NamedValue& lhs, const NamedValue& rhs) {
  // PyTorch defines these operator overloads in TorchScript itself and inlines them;
  // the serializer writes the inlined form, so only hand-written source needs this.
  using B = ast::BinaryOp;
  const TypePtr& lt = lhs.value->type();
  const TypePtr& rt = rhs.value->type();
  auto call = [&](const char* name, std::vector<NamedValue> args) {
    return emitBuiltin(loc, Symbol::aten(name), args);
  };
  if (op == B::In && lt->kind() == TypeKind::Str && rt->kind() == TypeKind::Str) {
    Value* zero = graph_.insertConstant(IValue(int64_t{0}), loc);
    Value* length = call("len", {lhs});
    Value* found = call("find", {lhs, rhs, named(zero, loc), named(length, loc)});
    Value* minusOne = graph_.insertConstant(IValue(int64_t{-1}), loc);
    return call("ne", {named(found, loc), named(minusOne, loc)});
  }
  bool tensorLhs = lt->isSubtypeOf(*TensorType::get());
  if (op == B::FloorDiv && tensorLhs &&
      (rt->isSubtypeOf(*TensorType::get()) || rt->isSubtypeOf(*NumberType::get())))
    return call("floor_divide", {lhs, rhs});
  bool scalarLhs = lt->kind() == TypeKind::Int || lt->kind() == TypeKind::Float;
  if (!scalarLhs || !rt->isSubtypeOf(*TensorType::get())) return nullptr;
  switch (op) {
    case B::Add: return call("add", {rhs, lhs});
    case B::Mul: return call("mul", {rhs, lhs});
    case B::Eq: return call("eq", {rhs, lhs});
    case B::Ne: return call("ne", {rhs, lhs});
    case B::Lt: return call("gt", {rhs, lhs});
    case B::Le: return call("ge", {rhs, lhs});
    case B::Gt: return call("lt", {rhs, lhs});
    case B::Ge: return call("le", {rhs, lhs});
    case B::Sub: return call("add", {named(call("neg", {rhs}), loc), lhs});
    case B::Div: return call("mul", {named(call("reciprocal", {rhs}), loc), lhs});
    default: return nullptr;
  }
}

Value* IrEmitter::emitTernary(const ast::Ternary& expr, const TypePtr& hint) {
  CondValue cond = emitCondExpr(*expr.cond);
  if (cond.staticValue)
    return emitExpr(*cond.staticValue ? *expr.trueValue : *expr.falseValue, hint);
  return emitIfExpr(expr.range(), cond, [&] { return emitExpr(*expr.trueValue, hint); },
                    [&] { return emitExpr(*expr.falseValue, hint); });
}

// ---- Calls ------------------------------------------------------------------------------------------

std::vector<NamedValue> IrEmitter::emitArguments(const ast::ExprList& args) {
  std::vector<NamedValue> out;
  for (const auto& arg : args) {
    if (const auto* s = arg->dynCast<ast::Starred>()) {
      SugaredValuePtr v = emitSugaredExpr(*s->value);
      for (const SugaredValuePtr& el : v->asTuple(arg->range(), *this, std::nullopt))
        out.push_back(named(el->asValue(arg->range(), *this), arg->range()));
    } else {
      out.push_back(named(emitExpr(*arg), arg->range()));
    }
  }
  return out;
}

std::vector<NamedValue> IrEmitter::emitKeywords(const std::vector<ast::Keyword>& keywords) {
  std::vector<NamedValue> out;
  for (const auto& kw : keywords)
    out.push_back(named(emitExpr(*kw.value), kw.nameRange.merge(kw.value->range()), kw.name));
  return out;
}

SugaredValuePtr IrEmitter::emitCall(const ast::Call& call, const TypePtr& hint) {
  SugaredValuePtr callee = emitSugaredExpr(*call.callee);
  if (auto* form = dynamic_cast<SpecialFormValue*>(callee.get()))
    return emitSpecialForm(form->form(), call, hint);
  std::vector<NamedValue> args = emitArguments(call.args);
  std::vector<NamedValue> kwargs = emitKeywords(call.keywords);
  return callee->call(call.callee->range(), *this, args, kwargs);
}

SugaredValuePtr IrEmitter::emitSpecialForm(SpecialFormValue::Form form, const ast::Call& call,
                                           const TypePtr& hint) {
  using Form = SpecialFormValue::Form;
  const SourceRange& loc = call.range();
  auto simple = [](Value* v) { return std::make_shared<SimpleValue>(v); };
  switch (form) {
    case Form::Annotate: {
      checkArgCount(call, 2, "annotate");
      TypePtr type = parseType(*call.args[0]);
      Value* v = tryConvertToType(loc, graph_, type, emitExpr(*call.args[1], type),
                                  /*allowConversions=*/true);
      if (!v->type()->isSubtypeOf(*type))
        throw CompileError(fmt::format("expected an expression of type {} but found {}",
                                       typeReprStr(type), typeReprStr(v->type())),
                           call.args[1]->range());
      // Keep what T is for a None annotated Optional[T].
      if (type->kind() == TypeKind::Optional && v->type()->kind() == TypeKind::None) {
        Node* none = graph_.insertNode(graph_.create(prim::Constant));
        none->setSourceRange(loc);
        v = none->output()->setType(type);
      }
      return simple(v);
    }
    case Form::UncheckedCast: {
      checkArgCount(call, 2, "unchecked_cast");
      TypePtr type = parseType(*call.args[0]);
      Value* v = emitExpr(*call.args[1]);
      if (v->node()->kind() != prim::unchecked_cast || !v->type()->equals(*type)) {
        Node* n = graph_.insertNode(graph_.create(prim::unchecked_cast, {v}));
        n->setSourceRange(loc);
        v = n->output()->setType(type);
      }
      return simple(v);
    }
    case Form::Uninitialized: {
      checkArgCount(call, 1, "uninitialized");
      TypePtr type = parseType(*call.args[0]);
      Node* n = graph_.insertNode(graph_.create(prim::Uninitialized));
      n->setSourceRange(loc);
      return simple(n->output()->setType(type));
    }
    case Form::IsInstance:
      checkArgCount(call, 2, "isinstance");
      return simple(emitIsInstance(*call.args[0], *call.args[1]).value);
    case Form::HasAttr:
      checkArgCount(call, 2, "hasattr");
      return simple(emitHasAttr(*call.args[0], *call.args[1]).value);
    case Form::GetAttr: {
      checkArgCount(call, 2, "getattr");
      SugaredValuePtr obj = emitSugaredExpr(*call.args[0]);
      const auto* name = call.args[1]->dynCast<ast::StringLiteral>();
      if (!name) throw CompileError("getattr's second argument must be a string literal", loc);
      return obj->attr(loc, *this, name->value);
    }
    case Form::CreateObject: {
      if (call.args.size() != 1 || !call.keywords.empty())
        throw CompileError("Only one argument to __new__ allowed", loc);
      SugaredValuePtr arg = emitSugaredExpr(*call.args[0]);
      auto* cls = dynamic_cast<ClassValue*>(arg.get());
      if (!cls)
        throw CompileError("Expected class value as argument to __new__, got " + arg->kind() +
                               " instead",
                           loc);
      Node* n = graph_.insertNode(graph_.create(prim::CreateObject));
      n->setSourceRange(loc);
      return simple(n->output()->setType(cls->type()));
    }
    case Form::Range: {
      if (!call.keywords.empty()) throw CompileError("range takes no keyword arguments", loc);
      std::vector<Value*> inputs;
      for (const NamedValue& v : emitArguments(call.args)) inputs.push_back(v.value);
      return std::make_shared<RangeValue>(loc, *this, inputs);
    }
    case Form::Enumerate: {
      if (call.args.empty())
        throw CompileError("enumerate expected at least 1 arguments, got 0", loc);
      if (call.args.size() > 2)
        throw CompileError(fmt::format("enumerate expected at most 2 arguments, got {}",
                                       call.args.size()),
                           loc);
      std::vector<Value*> rangeInputs;
      if (call.args.size() == 2) rangeInputs.push_back(emitExpr(*call.args[1]));
      rangeInputs.push_back(
          graph_.insertConstant(IValue(std::numeric_limits<int64_t>::max()), loc));
      SugaredValuePtr iterable = emitSugaredExpr(*call.args[0])->iter(loc, *this);
      auto tree = std::make_shared<IterableTree>();
      tree->addChild(loc, std::make_shared<RangeValue>(loc, *this, rangeInputs,
                                                       iterable->staticLength()));
      tree->addChild(loc, iterable);
      return tree;
    }
    case Form::Zip: {
      if (call.args.empty()) throw CompileError("zip expected at least 1 arguments, got 0", loc);
      auto tree = std::make_shared<IterableTree>();
      for (const auto& arg : call.args)
        tree->addChild(loc, emitSugaredExpr(*arg)->iter(loc, *this));
      return tree;
    }
    case Form::List: return emitListCall(call, hint);
    case Form::Dict: return emitDictCall(call, hint);
    case Form::Tuple: {
      checkArgCount(call, 1, "tuple");
      SugaredValuePtr arg = emitSugaredExpr(*call.args[0]);
      std::vector<Value*> values;
      for (const SugaredValuePtr& el : arg->asTuple(loc, *this, std::nullopt))
        values.push_back(el->asValue(loc, *this));
      Value* t = insertTuple(graph_, values);
      t->node()->setSourceRange(loc);
      return simple(t);
    }
    case Form::ToList: {
      if (!hint) throw CompileError("Expected type hint for result of tolist()", loc);
      const auto* attr = call.callee->dynCast<ast::Attribute>();
      if (!attr) throw CompileError("tolist() can only be called as a method: x.tolist()", loc);
      Value* operand = emitExpr(*attr->value);
      int64_t dims = 0;
      TypePtr elem = hint;
      while (const auto* l = elem->cast<ListType>()) {
        elem = l->elementType();
        ++dims;
      }
      int64_t code = 0;
      switch (elem->kind()) {
        case TypeKind::Int: code = 0; break;
        case TypeKind::Float: code = 1; break;
        case TypeKind::Bool: code = 2; break;
        case TypeKind::Complex: code = 3; break;
        default:
          throw CompileError(typeReprStr(elem) + " is not one of the supported element types for "
                                                 "tolist: int, float, complex, bool",
                             loc);
      }
      Value* dimValue = graph_.insertConstant(IValue(dims), loc);
      Value* codeValue = graph_.insertConstant(IValue(code), loc);
      Node* n = graph_.insertNode(graph_.create(Symbol::prim("tolist"), {operand, dimValue, codeValue}));
      n->setSourceRange(loc);
      return simple(n->output()->setType(hint));
    }
    case Form::Fork:
      return emitFork(call);
  }
  throw CompileError("unsupported special form", loc);
}

SugaredValuePtr IrEmitter::emitListCall(const ast::Call& call, const TypePtr& hint) {
  const SourceRange& loc = call.range();
  if (call.args.empty() && call.keywords.empty()) {
    TypePtr type = hint ? hint : ListType::ofTensors();
    if (type->kind() != TypeKind::List)
      throw CompileError("Expected list type annotation for list(), found " + typeReprStr(hint), loc);
    Value* v = insertList(graph_, type->expect<ListType>().elementType(), {});
    v->node()->setSourceRange(loc);
    return std::make_shared<SimpleValue>(v);
  }
  checkArgCount(call, 1, "list");
  SugaredValuePtr input = emitSugaredExpr(*call.args[0]);
  if (Value* v = asSimpleValue(input)) {
    TypeKind k = v->type()->kind();
    if (k == TypeKind::List || k == TypeKind::Str)
      return std::make_shared<SimpleValue>(
          emitBuiltin(loc, Symbol::aten("list"), {named(v, call.args[0]->range())}));
  }
  // list(iterable) is [e for e in iterable].
  if (hint && hint->kind() != TypeKind::List)
    throw CompileError("Expected list type annotation for list(), found " + typeReprStr(hint), loc);
  Value* list = insertList(graph_, hint ? hint->expect<ListType>().elementType() : TensorType::get(), {});
  list->node()->setSourceRange(loc);
  bool typed = hint != nullptr;
  ast::Name elem(loc);
  elem.id = fmt::format("$_elem{}", tempCounter_++);
  pushFrame(currentBlock(), Environment::Kind::Comprehension);
  emitForLoop(loc, elem, input, [&] {
    Value* v = getVar(elem.id, loc);
    if (!typed) {
      list->setType(ListType::create(v->type()));
      typed = true;
    }
    emitBuiltin(loc, Symbol::aten("append"), {named(v, loc)}, {}, named(list, loc, "self"));
  }, {elem.id});
  popFrame();
  return std::make_shared<SimpleValue>(list);
}

SugaredValuePtr IrEmitter::emitDictCall(const ast::Call& call, const TypePtr& hint) {
  const SourceRange& loc = call.range();
  auto setItem = [&](Value* dict, Value* k, Value* v, const SourceRange& r) {
    Value* out = emitBuiltin(r, Symbol::aten("_set_item"), {named(dict, r), named(k, r), named(v, r)});
    dropUnusedEmptyTuple(out);
  };
  auto addKeywords = [&](Value* dict) {
    for (const auto& kw : call.keywords) {
      Value* k = graph_.insertConstant(IValue(kw.name), kw.nameRange);
      setItem(dict, k, emitExpr(*kw.value), kw.value->range());
    }
  };
  if (call.args.size() > 1)
    throw CompileError(fmt::format("dict expected at most 1 arguments, got {}", call.args.size()), loc);
  if (call.args.empty()) {
    TypePtr type = hint ? hint : DictType::create(StringType::get(), TensorType::get());
    if (type->kind() != TypeKind::Dict && !call.keywords.empty()) {
      type = DictType::create(StringType::get(), TensorType::get());
    }
    if (type->kind() != TypeKind::Dict)
      throw CompileError("Expected a type annotation of Dict for dict constructor dict(), got " +
                             typeReprStr(type),
                         loc);
    if (!hint && !call.keywords.empty()) {
      // dict(a=1): the value type comes from the first keyword.
      Value* first = emitExpr(*call.keywords[0].value);
      type = DictType::create(StringType::get(), first->type());
      Node* n = graph_.insertNode(graph_.create(prim::DictConstruct));
      n->setSourceRange(loc);
      Value* dict = n->output()->setType(type);
      setItem(dict, graph_.insertConstant(IValue(call.keywords[0].name), loc), first, loc);
      for (size_t i = 1; i < call.keywords.size(); ++i) {
        const auto& kw = call.keywords[i];
        setItem(dict, graph_.insertConstant(IValue(kw.name), kw.nameRange), emitExpr(*kw.value),
                kw.value->range());
      }
      return std::make_shared<SimpleValue>(dict);
    }
    Node* n = graph_.insertNode(graph_.create(prim::DictConstruct));
    n->setSourceRange(loc);
    Value* dict = n->output()->setType(type);
    addKeywords(dict);
    return std::make_shared<SimpleValue>(dict);
  }
  const ast::Expr& arg = *call.args[0];
  SugaredValuePtr input = emitSugaredExpr(arg);
  Value* dict = asSimpleValue(input);
  if (dict && dict->type()->kind() == TypeKind::Dict) {
    // dict(d), dict({...}), dict({k: v for ...}): a copy.
    dict = emitBuiltin(loc, Symbol::aten("dict"), {named(dict, arg.range())});
  } else {
    // dict(pairs) is {k: v for k, v in pairs}.
    Node* n = graph_.insertNode(graph_.create(prim::DictConstruct));
    n->setSourceRange(loc);
    dict = n->output()->setType(hint ? hint : DictType::create(StringType::get(), TensorType::get()));
    bool typed = hint != nullptr;
    ast::TupleLiteral target(loc);
    auto key = std::make_unique<ast::Name>(loc);
    key->id = fmt::format("$_key{}", tempCounter_);
    auto value = std::make_unique<ast::Name>(loc);
    value->id = fmt::format("$_value{}", tempCounter_++);
    std::string keyName = key->id, valueName = value->id;
    target.elements.push_back(std::move(key));
    target.elements.push_back(std::move(value));
    pushFrame(currentBlock(), Environment::Kind::Comprehension);
    emitForLoop(loc, target, input, [&] {
      Value* k = getVar(keyName, loc);
      Value* v = getVar(valueName, loc);
      if (!typed) {
        dict->setType(DictType::create(k->type(), v->type()));
        typed = true;
      }
      setItem(dict, k, v, loc);
    }, {keyName, valueName});
    popFrame();
  }
  addKeywords(dict);
  return std::make_shared<SimpleValue>(dict);
}

}  // namespace sconce
