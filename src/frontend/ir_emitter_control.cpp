// IrEmitter: conditions and refinements, if/else joins, loops, with, comprehensions.
#include "frontend/ir_emitter.h"

#include <algorithm>
#include <limits>
#include <set>

#include "frontend/exit_transforms.h"

namespace sconce {

namespace {

NamedValue named(Value* v, const SourceRange& loc, std::string name = {}) {
  return NamedValue{v, std::move(name), loc};
}

using Refinements = std::vector<Refinement>;

const Refinement* findRefinement(const Refinements& rs, const std::string& name) {
  for (const auto& r : rs)
    if (r.name == name) return &r;
  return nullptr;
}

/// Refinements of both sets; a variable refined to different types in each is dropped.
Refinements unionSet(const Refinements& a, const Refinements& b) {
  Refinements out = a;
  for (const auto& r : b) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Refinement& e) { return e.name == r.name; });
    if (it == out.end()) out.push_back(r);
    else if (!it->type->equals(*r.type)) out.erase(it);
  }
  return out;
}

/// Refinements present, with the same type, in both sets.
Refinements intersectSet(const Refinements& a, const Refinements& b) {
  Refinements out;
  for (const auto& r : a)
    if (const Refinement* o = findRefinement(b, r.name); o && o->type->equals(*r.type))
      out.push_back(r);
  return out;
}

enum class NoneStatus { Always, Maybe, Never };

NoneStatus canBeNone(const Value* v) {
  const TypePtr& t = v->type();
  if (t->kind() == TypeKind::None) return NoneStatus::Always;
  if (v->node()->kind() == prim::Constant && !v->node()->hasAttributes() &&
      t->kind() == TypeKind::Optional)
    return NoneStatus::Always;
  if (t->kind() == TypeKind::Optional || t->kind() == TypeKind::Any) return NoneStatus::Maybe;
  if (const auto* u = t->cast<UnionType>(); u && u->canHoldType(*NoneType::get()))
    return NoneStatus::Maybe;
  return NoneStatus::Never;
}

void collectAssigned(const ast::StmtList& body, std::vector<std::string>& out);

void addName(const std::string& name, std::vector<std::string>& out) {
  if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

void collectAssigned(const ast::Stmt& stmt, std::vector<std::string>& out) {
  switch (stmt.kind()) {
    case ast::StmtKind::Assign:
      for (const auto& t : stmt.as<ast::Assign>().targets) collectTargetNames(*t, out);
      break;
    case ast::StmtKind::AugAssign:
      collectTargetNames(*stmt.as<ast::AugAssign>().target, out);
      break;
    case ast::StmtKind::AnnAssign:
      collectTargetNames(*stmt.as<ast::AnnAssign>().target, out);
      break;
    case ast::StmtKind::If:
      collectAssigned(stmt.as<ast::If>().body, out);
      collectAssigned(stmt.as<ast::If>().orelse, out);
      break;
    case ast::StmtKind::While:
      collectAssigned(stmt.as<ast::While>().body, out);
      break;
    case ast::StmtKind::For:
      collectTargetNames(*stmt.as<ast::For>().target, out);
      collectAssigned(stmt.as<ast::For>().body, out);
      break;
    case ast::StmtKind::With:
      for (const auto& item : stmt.as<ast::With>().items)
        if (item.target) collectTargetNames(*item.target, out);
      collectAssigned(stmt.as<ast::With>().body, out);
      break;
    default:
      break;
  }
}

void collectAssigned(const ast::StmtList& body, std::vector<std::string>& out) {
  for (const auto& s : body) collectAssigned(*s, out);
}

}  // namespace

void collectTargetNames(const ast::Expr& target, std::vector<std::string>& out) {
  if (const auto* n = target.dynCast<ast::Name>()) {
    addName(n->id, out);
  } else if (const auto* t = target.dynCast<ast::TupleLiteral>()) {
    for (const auto& e : t->elements) collectTargetNames(*e, out);
  } else if (const auto* l = target.dynCast<ast::ListLiteral>()) {
    for (const auto& e : l->elements) collectTargetNames(*e, out);
  } else if (const auto* s = target.dynCast<ast::Starred>()) {
    collectTargetNames(*s->value, out);
  }
}

std::vector<std::string> assignedNames(const ast::StmtList& body) {
  std::vector<std::string> out;
  collectAssigned(body, out);
  return out;
}

RefinementSet RefinementSet::operator&&(const RefinementSet& rhs) const {
  return {unionSet(whenTrue, rhs.whenTrue), intersectSet(whenFalse, rhs.whenFalse)};
}

RefinementSet RefinementSet::operator||(const RefinementSet& rhs) const {
  return {intersectSet(whenTrue, rhs.whenTrue), unionSet(whenFalse, rhs.whenFalse)};
}

// ---- Conditions --------------------------------------------------------------------------------

CondValue IrEmitter::emitCondExpr(const ast::Expr& expr) {
  const SourceRange& loc = expr.range();
  if (const auto* b = expr.dynCast<ast::Binary>()) {
    if (b->op == ast::BinaryOp::And || b->op == ast::BinaryOp::Or) {
      bool isOr = b->op == ast::BinaryOp::Or;
      CondValue lhs = emitCondExpr(*b->lhs);
      return emitShortCircuit(loc, lhs, [&] { return emitCondExpr(*b->rhs); }, isOr);
    }
    if (b->op == ast::BinaryOp::Is || b->op == ast::BinaryOp::IsNot)
      return emitIsNone(loc, b->op == ast::BinaryOp::IsNot, *b->lhs, *b->rhs);
  }
  if (const auto* u = expr.dynCast<ast::Unary>(); u && u->op == ast::UnaryOp::Not) {
    CondValue v = emitCondExpr(*u->operand);
    Value* result = emitBuiltin(loc, Symbol::aten("__not__"), {named(v.value, loc)});
    std::optional<bool> staticValue;
    if (v.staticValue) staticValue = !*v.staticValue;
    return {result, !v.refinements, staticValue};
  }
  if (const auto* c = expr.dynCast<ast::Compare>()) return emitCompareChain(*c);
  if (const auto* call = expr.dynCast<ast::Call>()) {
    std::string callee = dottedName(*call->callee);
    bool shadowed = callee.find('.') == std::string::npos && env_->findInAnyFrame(callee);
    if (!shadowed && (callee == "isinstance" || callee == "torch.jit.isinstance")) {
      checkArgCount(*call, 2, "isinstance");
      return emitIsInstance(*call->args[0], *call->args[1]);
    }
    if (!shadowed && callee == "hasattr") {
      checkArgCount(*call, 2, "hasattr");
      return emitHasAttr(*call->args[0], *call->args[1]);
    }
  }
  Value* v = emitToBool(loc, emitExpr(expr));
  std::optional<bool> staticValue;
  if (v->node()->kind() == Symbol::aten("is_scripting")) staticValue = true;
  else if (v->node()->kind() == Symbol::aten("has_torch_function")) staticValue = false;
  if (std::optional<IValue> c = toIValue(v); c && c->isBool()) staticValue = c->toBool();
  return {v, {}, staticValue};
}

CondValue IrEmitter::emitShortCircuit(const SourceRange& loc, const CondValue& lhs,
                                      const std::function<CondValue()>& rhs, bool isOr) {
  std::optional<CondValue> right;
  auto constant = [&] { return graph_.insertConstant(IValue(isOr), loc); };
  auto evalRight = [&] {
    right = rhs();
    return right->value;
  };
  // `a or b`: true branch is the constant; `a and b`: false branch is.
  Value* result = isOr ? emitIfExpr(loc, lhs, constant, evalRight)
                       : emitIfExpr(loc, lhs, evalRight, constant);
  RefinementSet refinements = isOr ? (lhs.refinements || right->refinements)
                                   : (lhs.refinements && right->refinements);
  std::optional<bool> staticValue;
  const auto& l = lhs.staticValue;
  const auto& r = right->staticValue;
  if (isOr) {
    if ((l && *l) || (r && *r)) staticValue = true;
    else if (l && r) staticValue = *l || *r;
  } else {
    if ((l && !*l) || (r && !*r)) staticValue = false;
    else if (l && r) staticValue = *l && *r;
  }
  return {result, std::move(refinements), staticValue};
}

CondValue IrEmitter::emitIsNone(const SourceRange& loc, bool isNot, const ast::Expr& lhsExpr,
                                const ast::Expr& rhsExpr) {
  Value* lhs = emitExpr(lhsExpr);
  Value* rhs = emitExpr(rhsExpr);
  NoneStatus l = canBeNone(lhs), r = canBeNone(rhs);
  if (l == NoneStatus::Always && r == NoneStatus::Always) {
    return {graph_.insertConstant(IValue(!isNot), loc), {}, !isNot};
  }
  if ((l == NoneStatus::Always && r == NoneStatus::Never) ||
      (l == NoneStatus::Never && r == NoneStatus::Always)) {
    return {graph_.insertConstant(IValue(isNot), loc), {}, isNot};
  }
  Value* v = emitBuiltin(loc, Symbol::aten(isNot ? "__isnot__" : "__is__"),
                         {named(lhs, lhsExpr.range()), named(rhs, rhsExpr.range())});
  // `x is None` / `None is x` refines a variable x of type Optional[T].
  const ast::Expr* var = &lhsExpr;
  Value* varValue = lhs;
  if (lhsExpr.is<ast::NoneLiteral>() && !rhsExpr.is<ast::NoneLiteral>()) {
    var = &rhsExpr;
    varValue = rhs;
  }
  const ast::Expr* other = var == &lhsExpr ? &rhsExpr : &lhsExpr;
  RefinementSet refinements;
  if (var->is<ast::Name>() && other->is<ast::NoneLiteral>()) {
    if (const auto* opt = varValue->type()->cast<OptionalType>()) {
      Refinement present{var->as<ast::Name>().id, opt->elementType()};
      if (isNot) refinements.whenTrue.push_back(present);
      else refinements.whenFalse.push_back(present);
    }
  }
  return {v, std::move(refinements), std::nullopt};
}

CondValue IrEmitter::emitComparison(const SourceRange& loc, ast::BinaryOp op,
                                    const ast::Expr& lhs, const ast::Expr& rhs) {
  if (op == ast::BinaryOp::Is || op == ast::BinaryOp::IsNot)
    return emitIsNone(loc, op == ast::BinaryOp::IsNot, lhs, rhs);
  Value* v = emitBinaryOp(loc, op, lhs, rhs);
  return {v, {}, std::nullopt};
}

CondValue IrEmitter::emitCompareChain(const ast::Compare& expr) {
  const SourceRange& loc = expr.range();
  auto comparison = [&](size_t i) {
    SourceRange r = expr.operands[i]->range().merge(expr.operands[i + 1]->range());
    return emitComparison(r, expr.ops[i], *expr.operands[i], *expr.operands[i + 1]);
  };
  CondValue result = comparison(0);
  for (size_t i = 1; i < expr.ops.size(); ++i)
    result = emitShortCircuit(loc, result, [&] { return comparison(i); }, /*isOr=*/false);
  return result;
}

CondValue IrEmitter::emitIsInstance(const ast::Expr& obj, const ast::Expr& classInfo) {
  std::vector<TypePtr> types;
  std::function<void(const ast::Expr&)> gather = [&](const ast::Expr& e) {
    if (const auto* t = e.dynCast<ast::TupleLiteral>()) {
      for (const auto& el : t->elements) gather(*el);
      return;
    }
    types.push_back(parseType(e));
  };
  gather(classInfo);
  Value* val = emitExpr(obj);
  const TypePtr& actual = val->type();
  RefinementSet refinements;
  if (types.size() == 1 && types[0]->isSubtypeOf(*actual) && obj.is<ast::Name>())
    refinements.whenTrue.push_back({obj.as<ast::Name>().id, types[0]});

  auto maybeOfKind = [&](TypeKind kind) {
    if (actual->kind() == TypeKind::Any) return true;
    if (const auto* o = actual->cast<OptionalType>()) return o->elementType()->kind() == kind;
    return false;
  };
  bool staticallyTrue = std::any_of(types.begin(), types.end(),
                                    [&](const TypePtr& t) { return actual->isSubtypeOf(*t); });
  bool staticallyFalse = true;
  for (const TypePtr& t : types) {
    if (t->isSubtypeOf(*actual) ||
        (t->isSubtypeOf(*AnyListType::get()) && maybeOfKind(TypeKind::List)) ||
        (t->isSubtypeOf(*AnyTupleType::get()) && maybeOfKind(TypeKind::Tuple)))
      staticallyFalse = false;
  }
  const SourceRange& loc = obj.range();
  if (staticallyTrue) return {graph_.insertConstant(IValue(true), loc), refinements, true};
  if (staticallyFalse) return {graph_.insertConstant(IValue(false), loc), refinements, false};
  Node* n = graph_.insertNode(graph_.create(prim::isinstance, {val}));
  n->tys_(attr::types, types)->setSourceRange(loc);
  return {n->output()->setType(BoolType::get()), refinements, std::nullopt};
}

CondValue IrEmitter::emitHasAttr(const ast::Expr& objExpr, const ast::Expr& nameExpr) {
  SugaredValuePtr obj = emitSugaredExpr(objExpr);
  const auto* name = nameExpr.dynCast<ast::StringLiteral>();
  if (!name) throw CompileError("hasattr's second argument must be a string literal", nameExpr.range());
  Value* v = asSimpleValue(obj);
  if (!v || v->type()->kind() != TypeKind::Class)
    throw CompileError("hasattr's first argument must be an object, got " +
                           (v ? typeReprStr(v->type()) : obj->kind()) + " instead",
                       objExpr.range());
  ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(v->type().get())));
  bool has = findMethod(cls, name->value) || cls->findAttribute(name->value) ||
             cls->findConstant(name->value);
  return {graph_.insertConstant(IValue(has), objExpr.range()), {}, has};
}

Value* IrEmitter::emitToBool(const SourceRange& loc, Value* v) {
  Value* out = nullptr;
  try {
    SugaredValuePtr cast = lookupGlobal("bool", loc);
    out = asSimpleValue(cast->call(loc, *this, {named(v, loc)}, {}));
  } catch (const CompileError&) {
    out = nullptr;
  }
  if (!out)
    throw CompileError("Could not cast value of type " + typeReprStr(v->type()) + " to bool", loc);
  if (!out->type()->isSubtypeOf(*BoolType::get()))
    throw CompileError("expected a bool expression for condition but found " +
                           typeReprStr(out->type()),
                       loc);
  return out;
}

void IrEmitter::insertRefinements(const SourceRange& loc, const std::vector<Refinement>& refinements) {
  for (const Refinement& r : refinements) {
    const Binding* b = env_->findInAnyFrame(r.name);
    if (!b || !b->simple()) continue;
    Value* v = b->simple();
    Value* origin = b->refinedFrom ? b->refinedFrom : v;
    Node* cast = graph_.insertNode(graph_.create(prim::unchecked_cast, {v}));
    cast->setSourceRange(loc);
    Value* refined = cast->output()->setType(r.type);
    if (meaningfulName(r.name)) refined->setDebugName(r.name);
    env_->bind(r.name, Binding{std::make_shared<SimpleValue>(refined), r.type, origin});
  }
}

// ---- if ---------------------------------------------------------------------------------------

Value* IrEmitter::emitIfExpr(const SourceRange& loc, const CondValue& cond,
                             const std::function<Value*()>& trueValue,
                             const std::function<Value*()>& falseValue) {
  Node* n = graph_.insertNode(graph_.create(prim::If, {cond.value}, 0));
  n->setSourceRange(loc);
  auto emitOne = [&](Block* b, const std::vector<Refinement>& refinements,
                     const std::function<Value*()>& value) {
    pushFrame(b, Environment::Kind::Branch);
    WithInsertPoint guard(b);
    insertRefinements(loc, refinements);
    b->registerOutput(value());
    popFrame();
  };
  emitOne(n->addBlock(), cond.refinements.whenTrue, trueValue);
  emitOne(n->addBlock(), cond.refinements.whenFalse, falseValue);
  const TypePtr& t = n->blocks()[0]->outputs()[0]->type();
  const TypePtr& f = n->blocks()[1]->outputs()[0]->type();
  TypePtr unified = unifyTypes(t, f);
  if (!unified)
    throw CompileError(fmt::format("if-expression's true branch has type {} but false branch has "
                                   "type {}",
                                   typeReprStr(t), typeReprStr(f)),
                       loc);
  return n->addOutput()->setType(unified);
}

void IrEmitter::emitIf(const ast::If& stmt) {
  CondValue cond = emitCondExpr(*stmt.cond);
  emitIfElseBlocks(stmt.range(), cond, [&] { emitStatements(stmt.body); },
                   [&] { emitStatements(stmt.orelse); });
}

void IrEmitter::emitIfElseBlocks(const SourceRange& loc, const CondValue& cond,
                                 const std::function<void()>& emitTrue,
                                 const std::function<void()>& emitFalse) {
  // A statically known condition compiles only the branch that runs (so code guarded
  // by `if x is not None` for an always-None x is never compiled).
  if (cond.staticValue) {
    insertRefinements(loc, *cond.staticValue ? cond.refinements.whenTrue
                                             : cond.refinements.whenFalse);
    (*cond.staticValue ? emitTrue : emitFalse)();
    return;
  }
  Node* n = graph_.insertNode(graph_.create(prim::If, {cond.value}, 0));
  n->setSourceRange(loc);
  Block* trueBlock = n->addBlock();
  Block* falseBlock = n->addBlock();
  EnvironmentPtr saveTrue = emitBranch(trueBlock, cond.refinements.whenTrue, loc, emitTrue);
  EnvironmentPtr saveFalse = emitBranch(falseBlock, cond.refinements.whenFalse, loc, emitFalse);
  joinBranches(loc, n, saveTrue, saveFalse);
}

EnvironmentPtr IrEmitter::emitBranch(Block* block, const std::vector<Refinement>& refinements,
                                     const SourceRange& loc, const std::function<void()>& emit) {
  pushFrame(block, Environment::Kind::Branch);
  WithInsertPoint guard(block);
  insertRefinements(loc, refinements);
  emit();
  return popFrame();
}

void IrEmitter::joinBranches(const SourceRange& loc, Node* ifNode, const EnvironmentPtr& saveTrue,
                             const EnvironmentPtr& saveFalse) {
  Block* trueBlock = ifNode->blocks()[0];
  Block* falseBlock = ifNode->blocks()[1];
  bool trueExits = exits(trueBlock), falseExits = exits(falseBlock);
  if (trueExits && falseExits) exitBlocks_.insert(currentBlock());

  // A variable escapes the if when it is defined on every path that continues after
  // it; sorted for a deterministic output order, as in PyTorch.
  std::set<std::string> mutated;
  auto consider = [&](const EnvironmentPtr& defined, const EnvironmentPtr& other,
                      bool otherExits, const char* otherName) {
    for (const std::string& v : defined->definedVariables()) {
      if (other->findInAnyFrame(v) || otherExits) {
        mutated.insert(v);
      } else {
        env_->setVariableError(v, fmt::format("{} is not defined in the {} branch", v, otherName),
                               loc);
      }
    }
  };
  consider(saveTrue, saveFalse, falseExits, "false");
  consider(saveFalse, saveTrue, trueExits, "true");
  if (trueExits && falseExits) return;

  for (const std::string& x : mutated) {
    const Binding* tb = trueExits ? nullptr : saveTrue->findInAnyFrame(x);
    const Binding* fb = falseExits ? nullptr : saveFalse->findInAnyFrame(x);
    Value* tv = tb ? tb->simple() : nullptr;
    Value* fv = fb ? fb->simple() : nullptr;
    if ((tb && !tv) || (fb && !fv))
      throw CompileError(fmt::format("Cannot re-assign '{}' in only one branch because it is not "
                                     "a first-class value",
                                     x),
                         loc);
    TypePtr tDecl = tb ? tb->type : TypePtr();
    TypePtr fDecl = fb ? fb->type : TypePtr();
    if (tv && fv) {
      // A refinement (or the same value on both sides) needs no If output.
      Value* tOrigin = tb->refinedFrom ? tb->refinedFrom : tv;
      Value* fOrigin = fb->refinedFrom ? fb->refinedFrom : fv;
      if (tOrigin == fOrigin) {
        const Binding* outer = env_->findInAnyFrame(x);
        if (!outer || outer->simple() != tOrigin) {
          TypePtr decl = unifyTypes(tDecl, fDecl);
          env_->bind(x, Binding{std::make_shared<SimpleValue>(tOrigin), decl ? decl : tOrigin->type()});
        }
        continue;
      }
    }
    if (trueExits) {
      WithInsertPoint guard(trueBlock);
      tv = uninitialized(fv->type());
      tDecl = fDecl;
    } else if (falseExits) {
      WithInsertPoint guard(falseBlock);
      fv = uninitialized(tv->type());
      fDecl = tDecl;
    }
    TypePtr unifiedDecl = unifyTypes(tDecl, fDecl);
    TypePtr unified = unifyTypes(tv->type(), fv->type());
    if (!unified) unified = unifiedDecl;
    if (!unified) {
      // A variable declared as a Union/Optional/number may hold either.
      const Binding* outer = env_->findInAnyFrame(x);
      if (outer && outer->simple() &&
          (outer->type->kind() == TypeKind::Union || outer->type->kind() == TypeKind::Optional ||
           outer->type->kind() == TypeKind::Number) &&
          tv->type()->isSubtypeOf(*outer->type) && fv->type()->isSubtypeOf(*outer->type))
        unified = unifiedDecl = outer->type;
    }
    if (!unified) {
      std::string msg = fmt::format("Type mismatch: {} is set to type {} in the true branch and "
                                    "type {} in the false branch",
                                    x, typeReprStr(tDecl), typeReprStr(fDecl));
      if (saveTrue->findInParentFrame(x) || saveFalse->findInParentFrame(x))
        throw CompileError(msg, loc);
      env_->setVariableError(x, msg, loc);
      continue;
    }
    trueBlock->registerOutput(tv);
    falseBlock->registerOutput(fv);
    Value* out = ifNode->addOutput()->setType(unified);
    if (meaningfulName(x)) out->setDebugName(x);
    env_->bind(x, Binding{std::make_shared<SimpleValue>(out), unifiedDecl ? unifiedDecl : unified});
  }
}

// ---- Loops ----------------------------------------------------------------------------------

/// What `break` / `continue` need to know about the innermost loop.
struct IrEmitter::LoopContext {
  std::vector<std::string> carried;
  const ast::Expr* whileCond = nullptr;
  bool unrolled = false;
};

/// Pushes a loop context for the duration of a scope.
class LoopScope {
 public:
  LoopScope(IrEmitter& e, IrEmitter::LoopContext& ctx) : e_(e) { e_.loops_.push_back(&ctx); }
  ~LoopScope() { e_.loops_.pop_back(); }

 private:
  IrEmitter& e_;
};

void IrEmitter::emitWhile(const ast::While& stmt) {
  std::vector<std::string> assigned = assignedNames(stmt.body);
  emitLoop(stmt.range(), nullptr, nullptr, stmt.cond.get(), [&] { emitStatements(stmt.body); },
           assigned);
}

void IrEmitter::emitFor(const ast::For& stmt) {
  std::vector<std::string> assigned;
  collectTargetNames(*stmt.target, assigned);
  for (const std::string& n : assignedNames(stmt.body)) addName(n, assigned);
  SugaredValuePtr iter = emitSugaredExpr(*stmt.iter);
  emitForLoop(stmt.range(), *stmt.target, iter, [&] { emitStatements(stmt.body); }, assigned);
}

void IrEmitter::emitForLoop(const SourceRange& loc, const ast::Expr& target,
                            const SugaredValuePtr& iter, const std::function<void()>& body,
                            const std::vector<std::string>& assigned) {
  SugaredValuePtr iterable = iter->iter(loc, *this);
  if (iterable->staticLength()) {
    emitUnrolledLoop(loc, iterable, target, body);
  } else {
    emitLoop(loc, iterable, &target, nullptr, body, assigned);
  }
}

void IrEmitter::emitUnrolledLoop(const SourceRange& loc, const SugaredValuePtr& iterable,
                                 const ast::Expr& target, const std::function<void()>& body) {
  LoopContext ctx;
  ctx.unrolled = true;
  LoopScope scope(*this, ctx);
  int64_t n = *iterable->staticLength();
  for (int64_t i = 0; i < n && !exits(currentBlock()); ++i) {
    Value* index = graph_.insertConstant(IValue(i), loc);
    emitAssignTarget(target, iterable->getItem(loc, *this, index), loc);
    body();
  }
}

void IrEmitter::emitLoop(const SourceRange& loc, const SugaredValuePtr& iterable,
                         const ast::Expr* target, const ast::Expr* whileCond,
                         const std::function<void()>& body,
                         const std::vector<std::string>& assigned) {
  Value* maxTrip = iterable ? iterable->len(loc, *this)
                            : graph_.insertConstant(IValue(std::numeric_limits<int64_t>::max()), loc);
  Value* cond = whileCond ? emitToBool(whileCond->range(), emitExpr(*whileCond))
                          : graph_.insertConstant(IValue(true), loc);

  // Loop-carried: the variables the body may assign that exist before the loop.
  LoopContext ctx;
  ctx.whileCond = whileCond;
  std::vector<TypePtr> types;
  std::vector<Value*> initial;
  for (const std::string& name : assigned) {
    const Binding* b = env_->findInAnyFrame(name);
    if (!b || !b->simple()) continue;
    ctx.carried.push_back(name);
    types.push_back(b->type);
    initial.push_back(b->simple());
  }
  Node* loop = graph_.insertNode(graph_.create(prim::Loop, {maxTrip, cond}, 0));
  loop->setSourceRange(loc);
  for (Value* v : initial) loop->addInput(v);
  Block* bodyBlock = loop->addBlock();
  Value* counter = bodyBlock->addInput()->setType(IntType::get());
  {
    LoopScope scope(*this, ctx);
    pushFrame(bodyBlock, Environment::Kind::Loop);
    WithInsertPoint guard(bodyBlock);
    for (size_t i = 0; i < ctx.carried.size(); ++i) {
      Value* in = bodyBlock->addInput()->setType(types[i]);
      if (meaningfulName(ctx.carried[i])) in->setDebugName(ctx.carried[i]);
      env_->bind(ctx.carried[i], Binding{std::make_shared<SimpleValue>(in), types[i]});
    }
    if (iterable && target)
      emitAssignTarget(*target, iterable->getItem(loc, *this, counter), loc);
    body();
    bool exited = exits(bodyBlock);
    Value* next = whileCond && !exited ? emitToBool(whileCond->range(), emitExpr(*whileCond))
                                       : graph_.insertConstant(IValue(!exited), loc);
    bodyBlock->registerOutput(next);
    for (const std::string& name : ctx.carried) {
      const Binding* b = env_->findInAnyFrame(name);
      if (!b || !b->simple())
        throw CompileError("variable '" + name + "' is deleted inside the loop body", loc);
      bodyBlock->registerOutput(b->simple());
    }
    popFrame();
  }
  for (size_t i = 0; i < ctx.carried.size(); ++i) {
    Value* out = loop->addOutput()->setType(types[i]);
    if (meaningfulName(ctx.carried[i])) out->setDebugName(ctx.carried[i]);
    env_->bind(ctx.carried[i], Binding{std::make_shared<SimpleValue>(out), types[i]});
  }
}

void IrEmitter::emitBreakOrContinue(const ast::Stmt& stmt, bool isBreak) {
  const char* what = isBreak ? "break" : "continue";
  if (loops_.empty())
    throw CompileError(fmt::format("SyntaxError: '{}' outside loop", what), stmt.range());
  LoopContext& ctx = *loops_.back();
  if (ctx.unrolled)
    throw CompileError("Because we emit iteration over modulelists or tuples as unrolled loops, "
                       "we do not support break or continue inside the body of these loops",
                       stmt.range());
  Value* next = isBreak ? graph_.insertConstant(IValue(false), stmt.range())
                : ctx.whileCond ? emitToBool(ctx.whileCond->range(), emitExpr(*ctx.whileCond))
                                : graph_.insertConstant(IValue(true), stmt.range());
  std::vector<Value*> inputs{next};
  for (const std::string& name : ctx.carried) {
    const Binding* b = env_->findInAnyFrame(name);
    if (!b || !b->simple())
      throw CompileError("variable '" + name + "' is deleted inside the loop body", stmt.range());
    inputs.push_back(b->simple());
  }
  graph_.insertNode(graph_.create(loopContinuationKind(), inputs, 0))->setSourceRange(stmt.range());
  exitBlocks_.insert(currentBlock());
}

// ---- with ---------------------------------------------------------------------------------

void IrEmitter::emitWith(const ast::With& stmt) {
  std::vector<Value*> entered;
  for (const ast::WithItem& item : stmt.items) {
    const SourceRange& loc = item.value->range();
    Value* obj = emitExpr(*item.value);
    if (obj->type()->kind() != TypeKind::Class)
      throw CompileError("With item expression must return an object", loc);
    ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(obj->type().get())));
    Function* enter = findMethod(cls, "__enter__");
    Function* exit = findMethod(cls, "__exit__");
    if (!enter || !exit)
      throw CompileError("Object returned by with item expression does not define __enter__ and "
                         "__exit__ methods",
                         loc);
    ensureCompiled(loc, *enter);
    ensureCompiled(loc, *exit);
    const FunctionSchema& enterSchema = enter->schema();
    if (enterSchema.arguments.size() != 1)
      throw CompileError("__enter__ must have only one argument and one return value", loc);
    const FunctionSchema& exitSchema = exit->schema();
    if (exitSchema.arguments.size() != 4)
      throw CompileError("__exit__ must have four arguments", loc);
    for (size_t i = 1; i < 4; ++i)
      if (exitSchema.arguments[i].type->kind() != TypeKind::Any)
        throw CompileError(fmt::format("argument {} of __exit__ must have Any type; TorchScript "
                                       "does not currently support passing exception type, value, "
                                       "or traceback to the __exit__ function.",
                                       i),
                           loc);
    Node* n = graph_.insertNode(graph_.create(prim::Enter, {obj}));
    n->setSourceRange(loc);
    n->output()->setType(enterSchema.returns.at(0).type);
    entered.push_back(obj);
    if (item.target)
      emitAssignTarget(*item.target, std::make_shared<SimpleValue>(n->output()), loc);
  }
  emitStatements(stmt.body);
  // The exits run even when the body returns: exit transforms keep them reachable.
  for (auto it = entered.rbegin(); it != entered.rend(); ++it) {
    Node* n = graph_.insertNode(graph_.create(prim::Exit, {*it}));
    n->output()->setType(TensorType::get());
  }
}

// ---- Comprehensions -----------------------------------------------------------------------------

Value* IrEmitter::emitListComp(const ast::ListComp& comp, const TypePtr& hint) {
  const SourceRange& loc = comp.range();
  if (comp.cond) throw CompileError("Comprehension ifs are not supported yet", comp.cond->range());
  if (hint && hint->kind() != TypeKind::List)
    throw CompileError("Expected list type annotation for list comprehension, found " +
                           typeReprStr(hint),
                       loc);
  Value* list = insertList(graph_, hint ? hint->expect<ListType>().elementType() : TensorType::get(), {});
  list->node()->setSourceRange(loc);
  bool typed = hint != nullptr;
  // The comprehension is a scope of its own: its target does not leak.
  pushFrame(currentBlock(), Environment::Kind::Comprehension);
  std::vector<std::string> assigned;
  collectTargetNames(*comp.target, assigned);
  SugaredValuePtr iter = emitSugaredExpr(*comp.iter);
  emitForLoop(loc, *comp.target, iter, [&] {
    Value* v = emitExpr(*comp.element);
    if (!typed) {
      list->setType(ListType::create(v->type()));
      typed = true;
    }
    emitBuiltin(loc, Symbol::aten("append"), {named(v, comp.element->range())}, {},
                named(list, loc, "self"));
  }, assigned);
  popFrame();
  return list;
}

Value* IrEmitter::emitDictComp(const ast::DictComp& comp, const TypePtr& hint) {
  const SourceRange& loc = comp.range();
  if (comp.cond) throw CompileError("Comprehension ifs are not supported yet", comp.cond->range());
  if (hint && hint->kind() != TypeKind::Dict)
    throw CompileError("Expected Dict type annotation for dict comprehension, found " +
                           typeReprStr(hint),
                       loc);
  TypePtr type = hint ? hint : DictType::create(StringType::get(), TensorType::get());
  Node* n = graph_.insertNode(graph_.create(prim::DictConstruct));
  n->setSourceRange(loc);
  Value* dict = n->output()->setType(type);
  bool typed = hint != nullptr;
  pushFrame(currentBlock(), Environment::Kind::Comprehension);
  std::vector<std::string> assigned;
  collectTargetNames(*comp.target, assigned);
  SugaredValuePtr iter = emitSugaredExpr(*comp.iter);
  emitForLoop(loc, *comp.target, iter, [&] {
    Value* k = emitExpr(*comp.key);
    Value* v = emitExpr(*comp.value);
    if (!typed) {
      dict->setType(DictType::create(k->type(), v->type()));
      typed = true;
    }
    Value* r = emitBuiltin(loc, Symbol::aten("_set_item"),
                           {named(dict, loc), named(k, comp.key->range()), named(v, comp.value->range())});
    dropUnusedEmptyTuple(r);
  }, assigned);
  popFrame();
  return dict;
}

}  // namespace sconce
