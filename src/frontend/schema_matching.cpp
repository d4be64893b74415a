// Overload resolution and builtin-op emission (PyTorch's schema_matching.cpp rules).
//
// The rules are PyTorch's, message for message, because TorchScript code that
// compiles there must compile here and pick the same overload: which overload wins
// decides the graph every later stage sees. Where PyTorch leaves dead nodes behind
// after a failed try, we remove them (see MatchTransaction).
#include "frontend/schema_matching.h"

#include <algorithm>
#include <string_view>

#include "ops/operator_registry.h"

namespace sconce {
namespace {

// ---- Types ----------------------------------------------------------------------------

TypePtr unwrapOptional(const TypePtr& t) {
  if (const auto* o = t->cast<OptionalType>()) return o->elementType();
  return t;
}

/// A container type of `t`'s kind holding `contained` instead (PyTorch's withContained).
TypePtr withContained(const TypePtr& t, std::vector<TypePtr> contained) {
  switch (t->kind()) {
    case TypeKind::List: return ListType::create(contained[0]);
    case TypeKind::Optional: return OptionalType::create(contained[0]);
    case TypeKind::Future: return FutureType::create(contained[0]);
    case TypeKind::RRef: return RRefType::create(contained[0]);
    case TypeKind::Dict: return DictType::create(contained[0], contained[1]);
    case TypeKind::Union: return UnionType::create(std::move(contained));
    case TypeKind::Tuple: {
      const auto& tuple = t->expect<TupleType>();
      return TypePtr(
          new TupleType(std::move(contained), tuple.qualifiedName(), tuple.fieldNames()));
    }
    default: return t;
  }
}

/// unifyTypes over a list (for matching `t[]` against a tuple): null when the
/// elements have no common type, with PyTorch's reason in `whyNot`.
TypePtr unifyTypeList(const std::vector<TypePtr>& elems, std::string& whyNot) {
  if (elems.empty()) {
    whyNot = "Cannot get unified type from empty list";
    return {};
  }
  TypePtr result = elems[0];
  for (size_t i = 1; i < elems.size(); ++i) {
    TypePtr unified = unifyTypes(result, elems[i]);
    if (!unified) {
      whyNot = fmt::format(
          "Could not unify type list since element {} of type {} did not match the types "
          "before it ({})",
          i, typeReprStr(elems[i]), typeReprStr(result));
      return {};
    }
    result = unified;
  }
  return result;
}

// ---- Argument values --------------------------------------------------------------------

/// What an argument slot receives: a call-site value, or a schema default that becomes
/// a constant only when the slot is matched (PyTorch's NamedValue holding an IValue).
struct ActualArg {
  Value* value = nullptr;
  const IValue* defaultValue = nullptr;

  Value* materialize(Graph& graph) const {
    return value ? value : graph.insertConstant(*defaultValue);
  }
};

/// `int[2] stride` given one int (or `float[N]` one float): it is repeated N times.
bool isIntOrFloatUsedAsList(const Value* value, const Argument& arg) {
  TypeKind kind = value->type()->kind();
  if (kind != TypeKind::Float && kind != TypeKind::Int) return false;
  const auto* list = unwrapOptional(arg.type)->cast<ListType>();
  return list && list->elementType()->kind() == kind && arg.N.has_value();
}

/// Whether the positionals from `argIndex` on may be packed into the list argument
/// `arg` (`torch.zeros(2, 3)` for `zeros(int[] size)`): it is the last positional
/// argument, a list that is neither a broadcasting `int[N]` nor a `t[]`.
bool varargsCanBeUsedAsList(const FunctionSchema& schema, size_t argIndex, const Argument& arg) {
  bool isLast = argIndex + 1 == schema.arguments.size() || schema.arguments[argIndex + 1].kwargOnly;
  const auto* list = arg.type->cast<ListType>();
  bool typeVarList = list && list->elementType()->kind() == TypeKind::Var;
  return isLast && list && !arg.N && !typeVarList;
}

std::optional<size_t> findKwarg(const std::string& argName, const std::vector<NamedValue>& kwargs,
                                bool isAten) {
  for (size_t i = 0; i < kwargs.size(); ++i) {
    // The functional variants of aten ops call their first argument `input`.
    if (isAten && argName == "self" && kwargs[i].name == "input") return i;
    if (kwargs[i].name == argName) return i;
  }
  return std::nullopt;
}

// ---- Matching one schema ---------------------------------------------------------------

/// Undoes the nodes a match attempt inserted unless it commits. They form a
/// contiguous run right before the insert point, so erasing from the back is safe.
class MatchTransaction {
 public:
  explicit MatchTransaction(Graph& graph)
      : point_(graph.insertPoint()), before_(point_->prev()) {}
  ~MatchTransaction() {
    if (committed_) return;
    while (point_->prev() != before_) point_->prev()->destroy();
  }
  void commit() { committed_ = true; }

 private:
  Node* point_;
  Node* before_;
  bool committed_ = false;
};

class SchemaMatcher {
 public:
  SchemaMatcher(const FunctionSchema& schema, const SourceRange& loc, Graph& graph,
                bool allowConversions, std::string* failure)
      : schema_(schema), loc_(loc), graph_(graph), allow_(allowConversions), failure_(failure) {}

  std::optional<MatchedSchema> match(const std::vector<NamedValue>& args,
                                     const std::vector<NamedValue>& kwargs,
                                     std::optional<NamedValue> self);

 private:
  /// Starts this schema's block in the failure text and returns it for the reason.
  std::string& err() {
    *failure_ += "\n" + schema_.str() + ":\n";
    return *failure_;
  }
  Value* matchArgument(const Argument& arg, const ActualArg& actual);
  Value* tryCreateList(const TypePtr& elemType, const std::vector<NamedValue>& args, size_t from);

  const FunctionSchema& schema_;
  const SourceRange& loc_;
  Graph& graph_;
  bool allow_;
  std::string* failure_;
  TypeEnv env_;
};

Value* SchemaMatcher::matchArgument(const Argument& arg, const ActualArg& actual) {
  Value* value = actual.materialize(graph_);
  if (isIntOrFloatUsedAsList(value, arg)) {
    std::vector<Value*> repeated(static_cast<size_t>(*arg.N), value);
    value = insertList(graph_, value->type(), repeated);
  }

  std::string why = matchTypeVariables(arg.type, value->type(), env_);
  if (!why.empty()) {
    if (failure_) {
      err() += fmt::format("Could not match type {} to {} in argument '{}': {}.\n",
                           typeReprStr(value->type()), typeReprStr(arg.type), arg.name, why);
    }
    return nullptr;
  }
  TypePtr concrete = tryEvalTypeVariables(arg.type, env_);
  if (!concrete) {
    if (failure_) {
      err() += fmt::format("Type variables in type {} could not be inferred from actual type {}",
                           typeReprStr(arg.type), typeReprStr(value->type()));
    }
    return nullptr;
  }

  value = tryConvertToType(loc_, graph_, concrete, value, allow_);
  if (!value->type()->isSubtypeOf(*concrete)) {
    if (failure_) {
      std::string& out = err();
      out += fmt::format(
          "Expected a value of type '{}' for argument '{}' but instead found type '{}'.\n",
          typeReprStr(arg.type), arg.name, typeReprStr(value->type()));
      if (const auto* list = value->type()->cast<ListType>();
          list && list->elementType()->isSubtypeOf(*TensorType::get())) {
        out += "Empty lists default to List[Tensor]. Add a variable annotation to the assignment "
               "to create an empty list of another type (torch.jit.annotate(List[T, []]) where T "
               "is the type of elements in the list for Python 2)\n";
      }
    }
    return nullptr;
  }
  return value;
}

Value* SchemaMatcher::tryCreateList(const TypePtr& elemType, const std::vector<NamedValue>& args,
                                    size_t from) {
  Argument elemArg;
  elemArg.name = "<varargs>";
  elemArg.type = elemType;
  elemArg.realType = elemType;
  std::vector<Value*> elems;
  for (size_t i = from; i < args.size(); ++i) {
    Value* v = matchArgument(elemArg, ActualArg{args[i].value});
    if (!v) return nullptr;
    elems.push_back(v);
  }
  return insertList(graph_, elemType, elems);
}

std::optional<MatchedSchema> SchemaMatcher::match(const std::vector<NamedValue>& args,
                                                  const std::vector<NamedValue>& kwargs,
                                                  std::optional<NamedValue> self) {
  // PyTorch blocks this overload: JIT cannot tell x.view(torch.int8) from x.view(1).
  if (schema_.name == "aten::view" && schema_.overloadName == "dtype") return std::nullopt;

  const bool isAten = std::string_view(schema_.name).starts_with("aten::");
  std::vector<Value*> inputs;
  std::vector<bool> usedKwarg(kwargs.size(), false);
  size_t usedArgs = 0;

  for (size_t i = 0; i < schema_.arguments.size(); ++i) {
    const Argument& arg = schema_.arguments[i];
    ActualArg actual;
    if (arg.name == "self" && self) {
      actual.value = self->value;
      self.reset();
    } else if (!arg.kwargOnly && usedArgs < args.size()) {
      if (allow_ && varargsCanBeUsedAsList(schema_, i, arg)) {
        const TypePtr& actualType = args[usedArgs].value->type();
        if (actualType->kind() != TypeKind::List && !convertibleToList(actualType, arg.type)) {
          Value* list = tryCreateList(arg.type->expect<ListType>().elementType(), args, usedArgs);
          if (!list) return std::nullopt;
          usedArgs = args.size();
          inputs.push_back(list);
          continue;
        }
      }
      actual.value = args[usedArgs++].value;
    } else if (auto k = findKwarg(arg.name, kwargs, isAten)) {
      if (usedKwarg[*k]) {
        if (failure_) {
          err() += fmt::format("Argument {} specified twice in schema, submit a bug report!\n",
                               kwargs[*k].name);
        }
        return std::nullopt;
      }
      usedKwarg[*k] = true;
      actual.value = kwargs[*k].value;
    } else if (arg.defaultValue) {
      actual.defaultValue = &*arg.defaultValue;
    } else {
      if (failure_) err() += fmt::format("Argument {} not provided.\n", arg.name);
      return std::nullopt;
    }
    Value* matched = matchArgument(arg, actual);
    if (!matched) return std::nullopt;
    inputs.push_back(matched);
  }

  // PyTorch only reports an unplaced receiver (and then matches without it); a call
  // that silently drops `self` would compute something else, so it fails here.
  if (self) {
    if (failure_) err() += "Provided self argument not used in schema.\n";
    return std::nullopt;
  }
  if (schema_.isVararg) {
    for (; usedArgs < args.size(); ++usedArgs) inputs.push_back(args[usedArgs].value);
  }
  if (usedArgs < args.size()) {
    if (failure_) {
      err() += fmt::format("Expected at most {} arguments but found {} positional arguments.\n",
                           usedArgs, args.size());
    }
    return std::nullopt;
  }
  for (size_t k = 0; k < kwargs.size(); ++k) {
    if (usedKwarg[k]) continue;
    if (failure_) {
      const char* why = schema_.argumentIndex(kwargs[k].name) ? "specified twice" : "unknown";
      err() += fmt::format("Keyword argument {} {}.\n", kwargs[k].name, why);
    }
    return std::nullopt;
  }

  MatchedSchema result;
  result.schema = &schema_;
  result.inputs = std::move(inputs);
  for (const Argument& r : schema_.returns) {
    TypePtr t = tryEvalTypeVariables(r.type, env_);
    if (!t) {
      // PyTorch asserts here; only reachable through None for an `Optional[t]`.
      if (failure_) err() += fmt::format("{} has unbound type variables.\n", typeReprStr(r.type));
      return std::nullopt;
    }
    result.returnTypes.push_back(std::move(t));
    result.returnFieldNames.push_back(r.name);
  }
  return result;
}

// ---- Diagnostics ------------------------------------------------------------------------

/// Puts `prefix` at the start of every line (PyTorch's prefixLine).
std::string prefixLines(const std::string& text, const std::string& prefix) {
  std::string out;
  bool atLineStart = true;
  for (char c : text) {
    if (atLineStart) out += prefix;
    out += c;
    atLineStart = c == '\n';
  }
  return out;
}

std::string stripNewlines(std::string s) {
  size_t b = s.find_first_not_of('\n');
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of('\n');
  return s.substr(b, e - b + 1);
}

/// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
size_t editDistance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

constexpr const char* kSchemaTable[] = {
#include "ops/schema_table.inc"
};

/// Operator names within edit distance 2 of `name`, closest first (PyTorch's
/// findSimilarOperators).
std::vector<std::string> findSimilarOperators(const std::string& name) {
  constexpr size_t kMaxDistance = 2;
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const char* text : kSchemaTable) {
    std::string_view candidate = schemaQualifiedName(text);
    size_t d = editDistance(name, candidate, kMaxDistance);
    if (d > kMaxDistance) continue;
    bool seen = std::any_of(ranked.begin(), ranked.end(),
                            [&](const auto& r) { return r.second == candidate; });
    if (!seen) ranked.emplace_back(d, std::string(candidate));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (auto& r : ranked) names.push_back(std::move(r.second));
  return names;
}

[[noreturn]] void throwUnknownOp(Symbol name, const SourceRange& loc) {
  const std::string& qual = name.toQualString();
  std::string msg = fmt::format("Unknown builtin op: {}.\n", qual);
  std::vector<std::string> similar = findSimilarOperators(qual);
  if (similar.empty()) {
    msg += fmt::format("Could not find any similar ops to {}. This op may not exist or may not be "
                       "currently supported in TorchScript.",
                       qual);
  } else {
    msg += "Here are some suggestions: \n";
    for (const auto& s : similar) msg += "\t" + s + "\n";
    msg += "\nThe original call is:";
  }
  throw CompileError(std::move(msg), loc);
}

}  // namespace

// ---- Types (public helpers) ---------------------------------------------------------------

bool hasFreeVariables(const TypePtr& type) {
  if (type->kind() == TypeKind::Var) return true;
  for (const TypePtr& t : type->containedTypes())
    if (hasFreeVariables(t)) return true;
  return false;
}

std::string matchTypeVariables(const TypePtr& formal, const TypePtr& actual, TypeEnv& env) {
  if (!hasFreeVariables(formal)) return {};
  switch (formal->kind()) {
    case TypeKind::Var: {
      const std::string& var = formal->expect<VarType>().name();
      auto it = env.find(var);
      if (it == env.end()) {
        env.emplace(var, actual);
        return {};
      }
      // Unification allows subtyping either way; the binding itself stays as it was.
      if (unifyTypes(it->second, actual)) return {};
      return fmt::format("Type variable '{}' previously matched to type {} is matched to type {}",
                         var, typeReprStr(it->second), typeReprStr(actual));
    }
    case TypeKind::List: {
      const TypePtr& elem = formal->expect<ListType>().elementType();
      if (const auto* list = actual->cast<ListType>())
        return matchTypeVariables(elem, list->elementType(), env);
      if (const auto* tuple = actual->cast<TupleType>()) {
        std::string ignored;
        if (TypePtr unified = unifyTypeList(tuple->elements(), ignored))
          return matchTypeVariables(elem, unified, env);
      }
      return fmt::format("Cannot match {} to {}", typeReprStr(formal), typeReprStr(actual));
    }
    case TypeKind::Tuple: {
      const auto* tuple = actual->cast<TupleType>();
      if (!tuple) return fmt::format("Cannot match a tuple to {}", typeReprStr(actual));
      const auto& fe = formal->expect<TupleType>().elements();
      if (fe.size() != tuple->elements().size()) return "Cannot match tuples of mismatched size";
      for (size_t i = 0; i < fe.size(); ++i) {
        std::string why = matchTypeVariables(fe[i], tuple->elements()[i], env);
        if (!why.empty()) return why;
      }
      return {};
    }
    case TypeKind::Future:
    case TypeKind::RRef: {
      bool future = formal->kind() == TypeKind::Future;
      if (actual->kind() != formal->kind())
        return fmt::format("Cannot match a {} to {}", future ? "future" : "rref",
                           typeReprStr(actual));
      return matchTypeVariables(formal->containedTypes()[0], actual->containedTypes()[0], env);
    }
    case TypeKind::Optional: {
      const TypePtr& elem = formal->expect<OptionalType>().elementType();
      if (const auto* opt = actual->cast<OptionalType>())
        return matchTypeVariables(elem, opt->elementType(), env);
      // None fits any Optional but binds nothing; tryEvalTypeVariables reports a
      // variable left unbound.
      if (!actual->isSubtypeOf(*NoneType::get())) return matchTypeVariables(elem, actual, env);
      return {};
    }
    case TypeKind::Dict: {
      const auto* dict = actual->cast<DictType>();
      if (!dict) return fmt::format("Cannot match a dict to {}", typeReprStr(actual));
      const auto& fd = formal->expect<DictType>();
      std::string why = matchTypeVariables(fd.keyType(), dict->keyType(), env);
      if (!why.empty()) return why;
      return matchTypeVariables(fd.valueType(), dict->valueType(), env);
    }
    default:
      throw InternalError(fmt::format("unhandled free variable container: {}", formal->str()));
  }
}

TypePtr tryEvalTypeVariables(const TypePtr& type, const TypeEnv& env) {
  if (!hasFreeVariables(type)) return type;
  if (const auto* var = type->cast<VarType>()) {
    auto it = env.find(var->name());
    return it == env.end() ? TypePtr() : it->second;
  }
  std::vector<TypePtr> contained;
  for (const TypePtr& t : type->containedTypes()) {
    TypePtr r = tryEvalTypeVariables(t, env);
    if (!r) return {};
    contained.push_back(std::move(r));
  }
  return withContained(type, std::move(contained));
}

bool convertibleToList(const TypePtr& type, const TypePtr& listType) {
  const auto* list = listType->cast<ListType>();
  if (!list) return false;
  if (type->isSubtypeOf(*listType)) return true;
  if (const auto* tuple = type->cast<TupleType>()) {
    return std::all_of(tuple->elements().begin(), tuple->elements().end(),
                       [&](const TypePtr& t) { return t->isSubtypeOf(*list->elementType()); });
  }
  return false;
}

std::string typeReprStr(const TypePtr& type) {
  auto join = [](const std::vector<TypePtr>& ts) {
    std::string s;
    for (size_t i = 0; i < ts.size(); ++i) s += (i ? ", " : "") + typeReprStr(ts[i]);
    return s;
  };
  switch (type->kind()) {
    case TypeKind::Number: return "number";
    case TypeKind::List: return "List[" + join(type->containedTypes()) + "]";
    case TypeKind::Optional: return "Optional[" + join(type->containedTypes()) + "]";
    case TypeKind::Future: return "Future[" + join(type->containedTypes()) + "]";
    case TypeKind::RRef: return "RRef[" + join(type->containedTypes()) + "]";
    case TypeKind::Dict: return "Dict[" + join(type->containedTypes()) + "]";
    case TypeKind::Union: return "Union[" + join(type->containedTypes()) + "]";
    case TypeKind::Tuple: {
      const auto& tuple = type->expect<TupleType>();
      if (tuple.isNamed()) return *tuple.qualifiedName();
      if (tuple.elements().empty()) return "Tuple[()]";
      return "Tuple[" + join(tuple.elements()) + "]";
    }
    default: return type->annotationStr();
  }
}

// ---- IR construction --------------------------------------------------------------------

Symbol emptyListLiteralKind() {
  static const Symbol kind = Symbol::prim("EmptyListLiteral");
  return kind;
}

Value* insertList(Graph& graph, const TypePtr& elemType, const std::vector<Value*>& elems) {
  Node* n = graph.insertNode(graph.create(prim::ListConstruct, elems));
  return n->output()->setType(ListType::create(elemType));
}

Value* insertTuple(Graph& graph, const std::vector<Value*>& elems, TypePtr tupleType) {
  if (!tupleType) {
    std::vector<TypePtr> types;
    for (Value* v : elems) types.push_back(v->type());
    tupleType = TupleType::create(std::move(types));
  }
  Node* n = graph.insertNode(graph.create(prim::TupleConstruct, elems));
  return n->output()->setType(std::move(tupleType));
}

std::vector<Value*> createTupleUnpack(Value* tuple) {
  // Reading a literal's elements directly keeps `x.expand((3, 4))` foldable.
  if (tuple->node()->kind() == prim::TupleConstruct) return tuple->node()->inputs();
  Graph& graph = *tuple->owningGraph();
  const auto& elems = tuple->type()->expect<TupleType>().elements();
  Node* n = graph.insertNode(graph.create(prim::TupleUnpack, {tuple}, elems.size()));
  for (size_t i = 0; i < elems.size(); ++i) n->output(i)->setType(elems[i]);
  return n->outputs();
}

Value* tryConvertToType(const SourceRange& loc, Graph& graph, const TypePtr& concreteType,
                        Value* value, bool allowConversions) {
  // Converting to Optional[T] is converting to T (unless the value may already be None).
  if (const auto* opt = concreteType->cast<OptionalType>()) {
    if (value->type()->kind() != TypeKind::Optional &&
        !value->type()->isSubtypeOf(*NoneType::get())) {
      return tryConvertToType(loc, graph, opt->elementType(), value, allowConversions);
    }
  }

  if (value->node()->kind() == emptyListLiteralKind()) {
    if (const auto* list = concreteType->cast<ListType>())
      value = insertList(graph, list->elementType(), {});
  }

  if (const auto* tuple = value->type()->cast<TupleType>()) {
    TypePtr target = unwrapOptional(concreteType);
    if (convertibleToList(value->type(), target)) {
      std::vector<Value*> elems = createTupleUnpack(value);
      value = insertList(graph, target->expect<ListType>().elementType(), elems);
    } else if (const auto* want = concreteType->cast<TupleType>()) {
      // Convert a tuple elementwise, e.g. (Tensor, int) to (float, int).
      if (!tuple->isSubtypeOf(*want) && want->elements().size() == tuple->elements().size()) {
        std::vector<Value*> elems = createTupleUnpack(value);
        for (size_t i = 0; i < elems.size(); ++i)
          elems[i] = tryConvertToType(loc, graph, want->elements()[i], elems[i], allowConversions);
        value = insertTuple(graph, elems);
      }
    }
  }

  if (!allowConversions) return value;

  const TypeKind want = concreteType->kind();
  const char* convert = nullptr;
  if (value->type()->isSubtypeOf(*TensorType::get())) {
    switch (want) {
      case TypeKind::Float: convert = "aten::FloatImplicit"; break;
      case TypeKind::Complex: convert = "aten::ComplexImplicit"; break;
      case TypeKind::Int: convert = "aten::IntImplicit"; break;
      case TypeKind::Number: convert = "aten::ScalarImplicit"; break;
      default: break;
    }
  } else if (value->type()->kind() == TypeKind::Number) {
    switch (want) {
      case TypeKind::Float: convert = "aten::Float"; break;
      case TypeKind::Complex: convert = "aten::Complex"; break;
      case TypeKind::Int: convert = "aten::Int"; break;
      default: break;
    }
  }
  if (convert) {
    value = emitBuiltinCall(loc, graph, Symbol::fromQualString(convert), {{value, "", loc}}, {});
  }

  if (value->type()->isSubtypeOf(*StringType::get()) &&
      concreteType->isSubtypeOf(*DeviceObjType::get())) {
    return emitBuiltinCall(loc, graph, Symbol::fromQualString("aten::device"), {{value, "", loc}},
                           {});
  }
  return value;
}

// ---- Matching and emission ----------------------------------------------------------------

std::optional<MatchedSchema> tryMatchSchema(const FunctionSchema& schema, const SourceRange& loc,
                                            Graph& graph, const std::vector<NamedValue>& args,
                                            const std::vector<NamedValue>& kwargs,
                                            const std::optional<NamedValue>& self,
                                            bool allowConversions, std::string* failure) {
  MatchTransaction transaction(graph);
  SchemaMatcher matcher(schema, loc, graph, allowConversions, failure);
  std::optional<MatchedSchema> result = matcher.match(args, kwargs, self);
  if (result) transaction.commit();
  return result;
}

MatchedSchema matchSchemas(const std::vector<const FunctionSchema*>& schemas,
                           const SourceRange& loc, Graph& graph,
                           const std::vector<NamedValue>& args,
                           const std::vector<NamedValue>& kwargs,
                           const std::optional<NamedValue>& self) {
  SCONCE_ASSERT(!schemas.empty(), "matchSchemas needs at least one schema");
  if (schemas.size() == 1) {
    std::string failure;
    if (auto m = tryMatchSchema(*schemas[0], loc, graph, args, kwargs, self, true, &failure))
      return *m;
    throw CompileError(stripNewlines(failure), loc);
  }
  // Optimistically match without rendering reasons; render them only to report.
  for (bool allowConversions : {false, true}) {
    for (const FunctionSchema* s : schemas) {
      if (auto m = tryMatchSchema(*s, loc, graph, args, kwargs, self, allowConversions, nullptr))
        return *m;
    }
  }
  std::string failure;
  for (const FunctionSchema* s : schemas)
    tryMatchSchema(*s, loc, graph, args, kwargs, self, true, &failure);
  throw CompileError("Arguments for call are not valid.\nThe following variants are available:\n" +
                         prefixLines(failure, "  ") + "\nThe original call is:",
                     loc);
}

Value* emitBuiltinNode(const MatchedSchema& matched, const SourceRange& loc, Graph& graph,
                       Symbol name) {
  Node* n = graph.insertNode(graph.create(name, matched.inputs, 0));
  n->setSourceRange(loc);
  for (const TypePtr& t : matched.returnTypes) n->addOutput()->setType(t);
  if (n->outputs().size() == 1) return n->output();

  const auto& names = matched.returnFieldNames;
  bool allNamed = !names.empty() && std::none_of(names.begin(), names.end(),
                                                 [](const std::string& s) { return s.empty(); });
  TypePtr tupleType;
  if (allNamed) {
    std::vector<TypePtr> types(matched.returnTypes.begin(), matched.returnTypes.end());
    tupleType = TypePtr(new TupleType(std::move(types), std::nullopt, names));
  }
  return insertTuple(graph, n->outputs(), std::move(tupleType));
}

Value* emitBuiltinCall(const SourceRange& loc, Graph& graph, Symbol name,
                       const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs,
                       const std::optional<NamedValue>& self) {
  const auto& ops = OperatorRegistry::global().lookup(name);
  if (ops.empty()) throwUnknownOp(name, loc);
  std::vector<const FunctionSchema*> schemas;
  schemas.reserve(ops.size());
  for (const Operator* op : ops) schemas.push_back(&op->schema);
  MatchedSchema matched = matchSchemas(schemas, loc, graph, args, kwargs, self);
  return emitBuiltinNode(matched, loc, graph, name);
}

}  // namespace sconce
