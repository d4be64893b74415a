// IrEmitter: function structure, statements, assignment and name resolution.
#include "frontend/ir_emitter.h"

#include <cmath>

#include "frontend/exit_transforms.h"

namespace sconce {
namespace {

NamedValue named(Value* v, const SourceRange& loc, std::string name = {}) {
  return NamedValue{v, std::move(name), loc};
}

/// Python exceptions TorchScript code may raise by name.
bool isBuiltinException(const std::string& name) {
  static const char* const kNames[] = {
      "Exception", "AssertionError", "ValueError", "RuntimeError", "TypeError", "IndexError",
      "KeyError", "NotImplementedError", "ZeroDivisionError", "AttributeError",
      "ArithmeticError", "OverflowError", "LookupError", "StopIteration", "OSError",
      "IOError", "FileNotFoundError", "NameError", "ImportError", "UnicodeError",
  };
  for (const char* n : kNames)
    if (name == n) return true;
  return false;
}

}  // namespace

void dropUnusedEmptyTuple(Value* v) {
  if (!v || v->hasUses()) return;
  Node* n = v->node();
  if (n->kind() == prim::TupleConstruct && n->inputs().empty()) n->destroy();
}

IrEmitter::IrEmitter(Function& fn, Graph& graph)
    : fn_(fn), graph_(graph), typeParser_(typeParserFor(fn.unit().importer(), fn.homeNamespace())) {}
IrEmitter::~IrEmitter() = default;

TypePtr IrEmitter::run() {
  pushFrame(graph_.block(), Environment::Kind::Function);
  WithInsertPoint guard(graph_.block());
  const FunctionSchema& schema = *fn_.schema_;
  if (!schema.returns.empty()) declaredReturnType_ = schema.returns[0].type;
  emitFormalArguments();
  emitStatements(fn_.def().body);
  handleMaybeNoReturn();
  // The real outputs come from the prim::ReturnStmt nodes once exits are lowered;
  // until then the graph returns a correctly typed placeholder.
  graph_.registerOutput(uninitialized(mergedReturnType_));
  transformExits(graph_);
  lowerForkClosures(graph_);
  eraseEmitterLeftovers(graph_);
  popFrame();
  return mergedReturnType_;
}

void IrEmitter::emitFormalArguments() {
  const ast::Def& def = fn_.def();
  const FunctionSchema& schema = *fn_.schema_;
  SCONCE_ASSERT(schema.arguments.size() == def.params.size(), "schema/def arity mismatch");
  for (size_t i = 0; i < def.params.size(); ++i) {
    const ast::Param& p = def.params[i];
    Value* input = graph_.addInput();
    if (meaningfulName(p.name)) input->setDebugName(p.name);
    input->setType(declareClass(schema.arguments[i].type));
    setVar(p.range, p.name, std::make_shared<SimpleValue>(input));
  }
}

void IrEmitter::handleMaybeNoReturn() {
  const ast::Def& def = fn_.def();
  if (!exits(graph_.block())) {
    if (declaredReturnType_ && declaredReturnType_->kind() != TypeKind::None)
      throw CompileError("Function was not annotated as having type None, but does not return "
                         "along all paths",
                         def.range());
    ast::Return implicitReturn(def.range());
    emitReturn(implicitReturn);
  } else if (!mergedReturnType_) {
    // Every path raises: accept the declared type, or None.
    mergedReturnType_ = declaredReturnType_ ? declaredReturnType_ : NoneType::get();
  }
}

void IrEmitter::pushFrame(Block* block, Environment::Kind kind) {
  env_ = std::make_shared<Environment>(block, kind, env_);
}

EnvironmentPtr IrEmitter::popFrame() {
  EnvironmentPtr old = env_;
  env_ = env_->parent();
  return old;
}

Value* IrEmitter::uninitialized(const TypePtr& type) {
  Node* n = graph_.insertNode(graph_.create(prim::Uninitialized));
  return n->output()->setType(type);
}

// ---- Statements ---------------------------------------------------------------------------

void IrEmitter::emitStatements(const ast::StmtList& stmts) {
  for (const auto& stmt : stmts) {
    emitStatement(*stmt);
    // The rest of a block after a return, raise, break or continue never runs.
    if (exits(currentBlock())) return;
  }
}

void IrEmitter::emitStatement(const ast::Stmt& stmt) {
  using K = ast::StmtKind;
  switch (stmt.kind()) {
    case K::ExprStmt: return emitExprStmt(stmt.as<ast::ExprStmt>());
    case K::Assign: return emitAssign(stmt.as<ast::Assign>());
    case K::AugAssign: return emitAugAssign(stmt.as<ast::AugAssign>());
    case K::AnnAssign: return emitAnnAssign(stmt.as<ast::AnnAssign>());
    case K::If: return emitIf(stmt.as<ast::If>());
    case K::While: return emitWhile(stmt.as<ast::While>());
    case K::For: return emitFor(stmt.as<ast::For>());
    case K::With: return emitWith(stmt.as<ast::With>());
    case K::Return: return emitReturn(stmt.as<ast::Return>());
    case K::Raise: return emitRaise(stmt.as<ast::Raise>());
    case K::Assert: return emitAssert(stmt.as<ast::Assert>());
    case K::Delete: return emitDelete(stmt.as<ast::Delete>());
    case K::Pass: return;
    case K::Break: return emitBreakOrContinue(stmt, /*isBreak=*/true);
    case K::Continue: return emitBreakOrContinue(stmt, /*isBreak=*/false);
    case K::Import:
      throw CompileError("import statements are not supported in TorchScript functions",
                         stmt.range());
    case K::Def: {
      const auto& def = stmt.as<ast::Def>();
      if (!def.params.empty())
        throw CompileError("nested functions with parameters are not supported (only "
                           "parameterless closures, as fork uses them)",
                           def.range());
      Node* closure = emitClosure(def.range(), &def.body, {});
      setVar(def.nameRange, def.name, std::make_shared<ClosureValue>(closure));
      return;
    }
    case K::ClassDef:
      throw CompileError("class definitions inside functions are not supported", stmt.range());
  }
  throw CompileError("unsupported statement", stmt.range());
}

void IrEmitter::emitReturn(const ast::Return& stmt) {
  const SourceRange& loc = stmt.range();
  TypePtr resultType = declaredReturnType_;
  Value* result = stmt.value ? emitExpr(*stmt.value, resultType)
                             : graph_.insertConstant(IValue(), loc);
  if (resultType) {
    // No None -> Tensor conversion: a forgotten return must not become a tensor.
    if (!(resultType->isSubtypeOf(*TensorType::get()) &&
          result->type()->isSubtypeOf(*NoneType::get())))
      result = tryConvertToType(loc, graph_, resultType, result, /*allowConversions=*/true);
    if (!result->type()->isSubtypeOf(*resultType))
      throw CompileError(fmt::format("Return value was annotated as having type {} but is "
                                     "actually of type {}",
                                     typeReprStr(resultType), typeReprStr(result->type())),
                         loc);
  } else {
    TypePtr previous = mergedReturnType_ ? mergedReturnType_ : result->type();
    TypePtr merged = unifyTypes(previous, result->type());
    if (!merged)
      throw CompileError(fmt::format("Previous return statement returned a value of type {} but "
                                     "this return statement returns a value of type {}",
                                     typeReprStr(previous), typeReprStr(result->type())),
                         loc);
    resultType = merged;
  }
  mergedReturnType_ = resultType;
  if (resultType->kind() == TypeKind::Any && result->type()->kind() != TypeKind::Any) {
    Node* cast = graph_.insertNode(graph_.create(prim::unchecked_cast, {result}));
    result = cast->output()->setType(resultType);
  }
  graph_.insertNode(graph_.create(returnStmtKind(), {result}, 0))->setSourceRange(loc);
  exitBlocks_.insert(currentBlock());
}

void IrEmitter::emitExprStmt(const ast::ExprStmt& stmt) {
  // A bare string literal is a docstring or comment.
  if (stmt.expr->is<ast::StringLiteral>()) return;
  SugaredValuePtr v = emitSugaredExpr(*stmt.expr);
  dropUnusedEmptyTuple(asSimpleValue(v));
}

void IrEmitter::emitRaise(const ast::Raise& stmt) {
  const SourceRange& loc = stmt.range();
  if (!stmt.exception) throw CompileError("a bare 'raise' is not supported", loc);
  SugaredValuePtr sv = emitSugaredExpr(*stmt.exception);
  Value* message = nullptr;
  Value* className = nullptr;
  if (auto* m = dynamic_cast<ExceptionMessageValue*>(sv.get())) {
    message = m->message();
    className = m->className();
  } else if (auto* c = dynamic_cast<ExceptionValue*>(sv.get())) {
    auto instance = c->call(loc, *this, {}, {});
    auto* m2 = static_cast<ExceptionMessageValue*>(instance.get());
    message = m2->message();
    className = m2->className();
  } else {
    throw CompileError("exceptions must derive from BaseException", stmt.exception->range());
  }
  if (!message->type()->isSubtypeOf(*StringType::get()))
    message = emitBuiltin(loc, Symbol::aten("str"), {named(message, loc)});
  dropUnusedEmptyTuple(emitBuiltin(loc, prim::RaiseException,
                                   {named(message, loc), named(className, loc)}));
  exitBlocks_.insert(currentBlock());
}

void IrEmitter::emitAssert(const ast::Assert& stmt) {
  const SourceRange& loc = stmt.range();
  CondValue cond = emitCondExpr(*stmt.test);
  emitIfElseBlocks(loc, cond, [] {}, [&] {
    Value* message = stmt.message ? emitExpr(*stmt.message)
                                  : graph_.insertConstant(IValue(std::string()), loc);
    auto exc = ExceptionValue("AssertionError").call(loc, *this, {named(message, loc)}, {});
    auto* m = static_cast<ExceptionMessageValue*>(exc.get());
    dropUnusedEmptyTuple(emitBuiltin(loc, prim::RaiseException,
                                     {named(m->message(), loc), named(m->className(), loc)}));
    exitBlocks_.insert(currentBlock());
  });
}

void IrEmitter::emitDelete(const ast::Delete& stmt) {
  for (const auto& target : stmt.targets) {
    if (const auto* sub = target->dynCast<ast::Subscript>()) {
      if (sub->indices.size() != 1 || sub->indices[0]->is<ast::Slice>())
        throw CompileError("del statements only support deletion at a single index, slicing is "
                           "not supported",
                           target->range());
      Value* container = emitExpr(*sub->value);
      Value* index = emitExpr(*sub->indices[0]);
      if (container->type()->kind() == TypeKind::Class) {
        emitMethodCall(stmt.range(), container, "__delitem__", {named(index, target->range())}, {});
        continue;
      }
      graph_.insertNode(graph_.create(Symbol::aten("Delete"), {container, index}, 0))
          ->setSourceRange(target->range());
    } else if (const auto* name = target->dynCast<ast::Name>()) {
      if (!env_->eraseEverywhere(name->id))
        throw CompileError("undefined value " + name->id, target->range());
    } else {
      throw CompileError("del statements are only supported for deleting list and dict items "
                         "and variables",
                         target->range());
    }
  }
}

// ---- Assignment ------------------------------------------------------------------------------

void IrEmitter::emitAssign(const ast::Assign& stmt) {
  const ast::Expr& rhs = *stmt.value;
  if (stmt.targets.size() > 1) {
    // `a = b = expr`: evaluate once, assign left to right.
    SugaredValuePtr v = emitSugaredExpr(rhs);
    for (const auto& target : stmt.targets) emitAssignTarget(*target, v, rhs.range());
    return;
  }
  const ast::Expr& target = *stmt.targets[0];
  TypePtr annotated = stmt.typeComment ? parseType(*stmt.typeComment) : TypePtr();
  switch (target.kind()) {
    case ast::ExprKind::Name:
      setVar(target.range(), target.as<ast::Name>().id, emitSugaredExpr(rhs, annotated),
             annotated);
      return;
    case ast::ExprKind::TupleLiteral:
    case ast::ExprKind::ListLiteral: {
      const ast::ExprList& targets = target.is<ast::TupleLiteral>()
                                         ? target.as<ast::TupleLiteral>().elements
                                         : target.as<ast::ListLiteral>().elements;
      const auto* rhsTuple = rhs.dynCast<ast::TupleLiteral>();
      bool starred = false;
      if (rhsTuple)
        for (const auto& el : rhsTuple->elements) starred |= el->is<ast::Starred>();
      if (rhsTuple && !starred && rhsTuple->elements.size() == targets.size()) {
        // `a, b = x, y`: no tuple is built; every right side is evaluated first.
        std::vector<SugaredValuePtr> values;
        for (const auto& el : rhsTuple->elements) values.push_back(emitSugaredExpr(*el));
        for (size_t i = 0; i < targets.size(); ++i)
          emitAssignTarget(*targets[i], values[i], rhsTuple->elements[i]->range());
        return;
      }
      emitAssignTarget(target, emitSugaredExpr(rhs), rhs.range());
      return;
    }
    case ast::ExprKind::Attribute: {
      const auto& a = target.as<ast::Attribute>();
      SugaredValuePtr obj = emitSugaredExpr(*a.value);
      Value* v = emitExpr(rhs, annotated);
      obj->setAttr(stmt.range(), *this, a.name, v);
      return;
    }
    case ast::ExprKind::Subscript:
      emitSubscriptAssign(stmt.range(), target.as<ast::Subscript>(),
                          named(emitExpr(rhs), rhs.range()));
      return;
    default:
      emitAssignTarget(target, emitSugaredExpr(rhs), rhs.range());
  }
}

void IrEmitter::emitAnnAssign(const ast::AnnAssign& stmt) {
  if (!stmt.value)
    throw CompileError("annotated assignments without a value are not supported", stmt.range());
  TypePtr type = parseType(*stmt.annotation);
  const ast::Expr& target = *stmt.target;
  if (const auto* name = target.dynCast<ast::Name>()) {
    setVar(target.range(), name->id, emitSugaredExpr(*stmt.value, type), type);
  } else if (const auto* a = target.dynCast<ast::Attribute>()) {
    SugaredValuePtr obj = emitSugaredExpr(*a->value);
    obj->setAttr(stmt.range(), *this, a->name, emitExpr(*stmt.value, type));
  } else {
    throw CompileError("unexpected expression on left-hand side of an annotated assignment",
                       target.range());
  }
}

void IrEmitter::emitAssignTarget(const ast::Expr& target, const SugaredValuePtr& value,
                                 const SourceRange& rhsLoc) {
  switch (target.kind()) {
    case ast::ExprKind::Name:
      setVar(target.range(), target.as<ast::Name>().id, value);
      return;
    case ast::ExprKind::TupleLiteral:
    case ast::ExprKind::ListLiteral: {
      const ast::ExprList& targets = target.is<ast::TupleLiteral>()
                                         ? target.as<ast::TupleLiteral>().elements
                                         : target.as<ast::ListLiteral>().elements;
      for (const auto& t : targets)
        if (t->is<ast::Starred>())
          throw CompileError("starred assignment targets are not supported", t->range());
      std::vector<SugaredValuePtr> outputs = value->asTuple(rhsLoc, *this, targets.size());
      if (outputs.size() < targets.size())
        throw CompileError(fmt::format("need {} values to unpack but found only {}",
                                       targets.size(), outputs.size()),
                           target.range());
      if (outputs.size() > targets.size())
        throw CompileError(fmt::format("too many values to unpack: need {} but found {}",
                                       targets.size(), outputs.size()),
                           target.range());
      for (size_t i = 0; i < targets.size(); ++i) emitAssignTarget(*targets[i], outputs[i], rhsLoc);
      return;
    }
    case ast::ExprKind::Subscript:
      emitSubscriptAssign(rhsLoc, target.as<ast::Subscript>(),
                          named(value->asValue(rhsLoc, *this), rhsLoc));
      return;
    case ast::ExprKind::Attribute: {
      const auto& a = target.as<ast::Attribute>();
      SugaredValuePtr obj = emitSugaredExpr(*a.value);
      obj->setAttr(target.range(), *this, a.name, value->asValue(rhsLoc, *this));
      return;
    }
    case ast::ExprKind::Starred:
      throw CompileError("starred assignment targets are not supported", target.range());
    default:
      throw CompileError("unexpected expression on the left-hand side of an assignment",
                         target.range());
  }
}

namespace {

const char* augmentedMagic(ast::BinaryOp op, bool inPlace) {
  switch (op) {
    case ast::BinaryOp::Add: return inPlace ? "__iadd__" : "__add__";
    case ast::BinaryOp::Sub: return inPlace ? "__isub__" : "__sub__";
    case ast::BinaryOp::Div: return inPlace ? "__itruediv__" : "__truediv__";
    case ast::BinaryOp::Mul: return inPlace ? "__imul__" : "__mul__";
    case ast::BinaryOp::Mod: return inPlace ? "__imod__" : "__mod__";
    default: return nullptr;
  }
}

}  // namespace

Symbol augmentedAssignOp(const ast::AugAssign& stmt, const TypePtr& lhsType) {
  bool inPlace = lhsType->isSubtypeOf(*TensorType::get()) || lhsType->kind() == TypeKind::List;
  auto pick = [&](const char* inplace, const char* outOfPlace) {
    return Symbol::aten(inPlace ? inplace : outOfPlace);
  };
  switch (stmt.op) {
    case ast::BinaryOp::Add: return pick("add_", "add");
    case ast::BinaryOp::Sub: return pick("sub_", "sub");
    case ast::BinaryOp::Div: return pick("div_", "div");
    case ast::BinaryOp::Mul: return pick("mul_", "mul");
    case ast::BinaryOp::Mod: return pick("fmod_", "fmod");
    case ast::BinaryOp::BitOr: return pick("bitwise_or", "__or__");
    case ast::BinaryOp::BitAnd: return pick("bitwise_and", "__and__");
    case ast::BinaryOp::BitXor: return pick("bitwise_xor", "__xor__");
    case ast::BinaryOp::LShift: return Symbol::aten("__lshift__");
    case ast::BinaryOp::RShift: return pick("__irshift__", "__rshift__");
    case ast::BinaryOp::Pow: return Symbol::aten("pow");
    case ast::BinaryOp::FloorDiv: return pick("floor_divide_", "floordiv");
    default:
      throw CompileError(fmt::format("Unknown augmented assignment: {}=", ast::spelling(stmt.op)),
                         stmt.range());
  }
}

void IrEmitter::emitAugAssign(const ast::AugAssign& stmt) {
  auto helper = [&](Value* lhs) -> Value* {
    if (lhs->type()->kind() == TypeKind::Class) {
      ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(lhs->type().get())));
      const char* inPlace = augmentedMagic(stmt.op, true);
      const char* outOfPlace = augmentedMagic(stmt.op, false);
      if (!inPlace)
        throw CompileError(fmt::format("Unknown augmented assignment: {}=", ast::spelling(stmt.op)),
                           stmt.range());
      Value* rhs = emitExpr(*stmt.value);
      const char* method = findMethod(cls, inPlace) ? inPlace
                           : findMethod(cls, outOfPlace) ? outOfPlace
                                                         : nullptr;
      if (!method)
        throw CompileError(fmt::format("Cannot emit inplace op on {} since it does not define an "
                                       "{} or {} method",
                                       typeReprStr(lhs->type()), inPlace, outOfPlace),
                           stmt.range());
      return emitMethodCall(stmt.range(), lhs, method, {named(rhs, stmt.value->range())}, {});
    }
    Value* rhs = emitExpr(*stmt.value);
    return emitBuiltin(stmt.range(), augmentedAssignOp(stmt, lhs->type()),
                       {named(lhs, stmt.target->range()), named(rhs, stmt.value->range())});
  };
  const ast::Expr& target = *stmt.target;
  if (const auto* name = target.dynCast<ast::Name>()) {
    Value* result = helper(getVar(name->id, target.range()));
    setVar(target.range(), name->id, std::make_shared<SimpleValue>(result));
  } else if (const auto* a = target.dynCast<ast::Attribute>()) {
    SugaredValuePtr obj = emitSugaredExpr(*a->value);
    Value* lhs = obj->attr(target.range(), *this, a->name)->asValue(target.range(), *this);
    obj->setAttr(stmt.range(), *this, a->name, helper(lhs));
  } else if (const auto* sub = target.dynCast<ast::Subscript>()) {
    emitAugAssignToSubscript(stmt, *sub);
  } else {
    throw CompileError("unexpected expression on left-hand side of augmented assignment",
                       target.range());
  }
}

void IrEmitter::setVar(const SourceRange& loc, const std::string& name, SugaredValuePtr value,
                       TypePtr annotated) {
  Value* simple = asSimpleValue(value);
  if (simple && !simple->hasDebugName() && meaningfulName(name) &&
      simple->node()->owningBlock() == currentBlock())
    simple->setDebugName(name);
  if (const Binding* parent = env_->findInParentFrame(name)) {
    if (annotated)
      throw CompileError(fmt::format("Attempting to declare and annotate the type of variable "
                                     "'{}' but it is already defined in an outer block",
                                     name),
                         loc);
    if (!simple)
      throw CompileError(fmt::format("Cannot re-assign '{}' to a value of type {} because {} is "
                                     "not a first-class value.  Only reassignments to first-class "
                                     "values are allowed",
                                     name, value->kind(), name),
                         loc);
    if (!parent->simple())
      throw CompileError(fmt::format("Cannot re-assign '{}' because it has type {} and {} is not "
                                     "a first-class value.  Only reassignments to first-class "
                                     "values are allowed",
                                     name, parent->value->kind(), name),
                         loc);
    const TypePtr& parentType = parent->type;
    simple = tryConvertToType(loc, graph_, parentType, simple, /*allowConversions=*/true);
    if (!simple->type()->isSubtypeOf(*parentType)) {
      std::string msg = fmt::format("Variable '{}' previously had type {} but is now being "
                                    "assigned to a value of type {}",
                                    name, typeReprStr(parentType), typeReprStr(simple->type()));
      if (parentType->kind() == TypeKind::List && simple->type()->kind() == TypeKind::List)
        msg += "\nEmpty lists default to List[Tensor]. Add a variable annotation to the "
               "assignment to create an empty list of another type (torch.jit.annotate(List[T, "
               "[]]) where T is the type of elements in the list for Python 2)";
      throw CompileError(msg, loc);
    }
    env_->bind(name, Binding{std::make_shared<SimpleValue>(simple), simple->type()});
    return;
  }
  if (simple) {
    if (annotated && !simple->type()->isSubtypeOf(*annotated))
      throw CompileError(fmt::format("Variable '{}' is annotated with type {} but is being "
                                     "assigned to a value of type {}",
                                     name, typeReprStr(annotated), typeReprStr(simple->type())),
                         loc);
    env_->bind(name, Binding{std::make_shared<SimpleValue>(simple),
                             annotated ? annotated : simple->type()});
  } else {
    env_->bind(name, Binding{std::move(value), nullptr});
  }
}

SugaredValuePtr IrEmitter::getSugaredVar(const std::string& name, const SourceRange& loc) {
  if (const Binding* b = env_->findInAnyFrame(name)) return b->value;
  if (SugaredValuePtr g = lookupGlobal(name, loc)) return g;
  if (auto err = env_->variableError(name))
    throw CompileError(err->first + "\n" + err->second.highlight() + "and was used here", loc);
  throw CompileError("undefined value " + name, loc);
}

Value* IrEmitter::getVar(const std::string& name, const SourceRange& loc) {
  return getSugaredVar(name, loc)->asValue(loc, *this);
}

SugaredValuePtr IrEmitter::lookupGlobal(const std::string& name, const SourceRange& loc) {
  using Form = SpecialFormValue::Form;
  auto builtin = [](const char* op) {
    return std::make_shared<BuiltinFunctionValue>(Symbol::fromQualString(op), std::nullopt);
  };
  auto magic = [](const char* method, SugaredValuePtr base) {
    return std::make_shared<MagicMethodValue>(method, std::move(base));
  };
  auto special = [](Form f) { return std::make_shared<SpecialFormValue>(f); };
  if (name == "print") return std::make_shared<PrintValue>();
  if (name == "tuple") return special(Form::Tuple);
  if (name == "float")
    return magic("__float__", std::make_shared<CastValue>(FloatType::get(), Symbol::aten("Float")));
  if (name == "int")
    return magic("__int__", std::make_shared<CastValue>(IntType::get(), Symbol::aten("Int")));
  if (name == "bool")
    return magic("__bool__", std::make_shared<CastValue>(BoolType::get(), Symbol::aten("Bool")));
  if (name == "str")
    return magic("__str__", std::make_shared<CastValue>(StringType::get(), Symbol::aten("str")));
  if (name == "getattr") return special(Form::GetAttr);
  if (name == "hasattr") return special(Form::HasAttr);
  if (name == "isinstance") return special(Form::IsInstance);
  if (name == "len") return magic("__len__", builtin("aten::len"));
  if (name == "hex") return magic("__hex__", builtin("aten::hex"));
  if (name == "oct") return magic("__oct__", builtin("aten::oct"));
  if (name == "round") return magic("__round__", builtin("aten::round"));
  if (name == "hash") return builtin("aten::hash");
  if (name == "id") return builtin("prim::id");
  if (name == "min") return builtin("prim::min");
  if (name == "max") return builtin("prim::max");
  if (name == "abs") return builtin("prim::abs");
  if (name == "all") return builtin("aten::all");
  if (name == "any") return builtin("aten::any");
  if (name == "divmod") return builtin("aten::divmod");
  if (name == "sum") return builtin("aten::sum");
  if (name == "ord") return builtin("aten::ord");
  if (name == "chr") return builtin("aten::chr");
  if (name == "bin") return builtin("aten::bin");
  if (name == "pow") return builtin("aten::pow");
  if (name == "complex") return builtin("aten::complex");
  if (name == "sorted") return builtin("aten::sorted");
  if (name == "list") return special(Form::List);
  if (name == "dict") return special(Form::Dict);
  if (name == "range") return special(Form::Range);
  if (name == "zip") return special(Form::Zip);
  if (name == "enumerate") return special(Form::Enumerate);
  if (isBuiltinException(name)) return std::make_shared<ExceptionValue>(name);
  // What serialized code refers to (PyTorch's SourceResolver).
  if (name == "torch") return std::make_shared<BuiltinModuleValue>("aten");
  if (name == "ops") return std::make_shared<OpsValue>();
  if (name == "CONSTANTS") return std::make_shared<ConstantsTableValue>();
  if (name == "fork") return special(Form::Fork);
  if (name == "annotate") return special(Form::Annotate);
  if (name == "uninitialized") return special(Form::Uninitialized);
  if (name == "unchecked_cast") return special(Form::UncheckedCast);
  if (name == "inf" || name == "nan")
    return std::make_shared<SimpleValue>(
        graph_.insertConstant(IValue(name == "inf" ? double(INFINITY) : double(NAN)), loc));
  if (name == "__torch__") return std::make_shared<NamespaceValue>("__torch__");
  if (name == "math") return std::make_shared<BuiltinModuleValue>("math");
  // Classes and functions defined next to this function, by their short name.
  std::string home = fn_.homeNamespace();
  if (!home.empty()) {
    std::string qualified = home + "." + name;
    SourceImporter& importer = unit().importer();
    if (importer.findType(qualified) || unit().getFunction(qualified))
      return NamespaceValue(home).attr(loc, *this, name);
  }
  return nullptr;
}

// ---- Calls to compiled functions -----------------------------------------------------------

Value* IrEmitter::emitBuiltin(const SourceRange& loc, Symbol op,
                              const std::vector<NamedValue>& args,
                              const std::vector<NamedValue>& kwargs,
                              const std::optional<NamedValue>& self) {
  return emitBuiltinCall(loc, graph_, op, args, kwargs, self);
}

void IrEmitter::ensureCompiled(const SourceRange& loc, Function& callee) {
  if (callee.isCompiled()) return;
  if (callee.isCompiling())
    throw CompileError(fmt::format("function '{}' is called recursively. Recursive calls are not "
                                   "supported",
                                   callee.name()),
                       loc);
  try {
    callee.graph();
  } catch (CompileError& e) {
    std::string name = callee.ownerClass()
                           ? splitQualifiedName(callee.ownerClass()->name()).second + "." +
                                 callee.name()
                           : callee.name();
    e.addCallFrame(name, loc);
    throw;
  }
}

Value* IrEmitter::emitFunctionCall(const SourceRange& loc, Function& callee,
                                   const std::vector<NamedValue>& args,
                                   const std::vector<NamedValue>& kwargs) {
  ensureCompiled(loc, callee);
  const FunctionSchema& schema = callee.schema();
  MatchedSchema matched = matchSchemas({&schema}, loc, graph_, args, kwargs);
  Node* fnConst = graph_.insertNode(graph_.create(prim::Constant));
  fnConst->s_(attr::name, callee.name())->setSourceRange(loc);
  fnConst->output()->setType(FunctionType::create(&callee));
  std::vector<Value*> inputs{fnConst->output()};
  inputs.insert(inputs.end(), matched.inputs.begin(), matched.inputs.end());
  Node* call = graph_.insertNode(graph_.create(prim::CallFunction, inputs));
  call->setSourceRange(loc);
  return call->output()->setType(declareClass(matched.returnTypes.at(0)));
}

Value* IrEmitter::emitMethodCall(const SourceRange& loc, Value* self, const std::string& name,
                                 const std::vector<NamedValue>& args,
                                 const std::vector<NamedValue>& kwargs) {
  const FunctionSchema* schema = nullptr;
  if (self->type()->kind() == TypeKind::Class) {
    ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(self->type().get())));
    Function* method = findMethod(cls, name);
    if (!method)
      throw CompileError(fmt::format("Tried to access nonexistent attribute or method '{}' of type "
                                     "'{}'.",
                                     name, typeReprStr(self->type())),
                         loc);
    ensureCompiled(loc, *method);
    schema = &method->schema();
  } else if (const auto* iface = self->type()->cast<InterfaceType>()) {
    schema = unit().interfaceMethod(*iface, name);
    if (!schema)
      throw CompileError(fmt::format("interface '{}' has no method '{}'", iface->name(), name), loc);
  } else {
    throw CompileError("cannot call method '" + name + "' on a value of type '" +
                           typeReprStr(self->type()) + "'",
                       loc);
  }
  // The receiver is the first positional argument, whatever the method calls it.
  std::vector<NamedValue> withSelf{named(self, loc)};
  withSelf.insert(withSelf.end(), args.begin(), args.end());
  MatchedSchema matched = matchSchemas({schema}, loc, graph_, withSelf, kwargs);
  Node* call = graph_.insertNode(graph_.create(prim::CallMethod, matched.inputs));
  call->s_(attr::name, name)->setSourceRange(loc);
  return call->output()->setType(declareClass(matched.returnTypes.at(0)));
}

Function* IrEmitter::findMethod(const ClassTypePtr& cls, const std::string& name) {
  return unit().getMethod(cls, name);
}

const TypePtr& IrEmitter::declareClass(const TypePtr& type) {
  if (type->kind() == TypeKind::Class)
    unit().methods(ClassTypePtr(const_cast<ClassType*>(static_cast<const ClassType*>(type.get()))));
  return type;
}

bool IrEmitter::isInitializing(const ClassType& cls) const {
  return fn_.name() == "__init__" && fn_.ownerClass() && fn_.ownerClass()->equals(cls);
}

}  // namespace sconce
