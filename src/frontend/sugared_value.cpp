// Sugared values: attribute lookup, calls, iteration and indexing by kind of value.
#include "frontend/sugared_value.h"

#include <cmath>
#include <unordered_map>

#include "frontend/ir_emitter.h"
#include "ops/operator_registry.h"

namespace sconce {
namespace {

NamedValue named(Value* v, const SourceRange& loc, std::string name = {}) {
  return NamedValue{v, std::move(name), loc};
}

/// `x.float()`-style casts and the dtype each produces.
const std::unordered_map<std::string, int64_t>& tensorCastMethods() {
  static const std::unordered_map<std::string, int64_t> kMethods = {
      {"byte", 0}, {"char", 1},   {"short", 2},   {"int", 3},     {"long", 4},
      {"half", 5}, {"float", 6},  {"double", 7},  {"cfloat", 9},  {"cdouble", 10},
      {"bool", 11}, {"bfloat16", 15},
  };
  return kMethods;
}

/// Tensor properties and the op that computes each.
const std::unordered_map<std::string, std::string>& tensorProperties() {
  static const std::unordered_map<std::string, std::string> kProps = {
      {"dtype", "prim::dtype"},         {"device", "prim::device"},
      {"grad", "prim::grad"},           {"data", "prim::data"},
      {"shape", "aten::size"},          {"is_cuda", "prim::is_cuda"},
      {"is_cpu", "prim::is_cpu"},       {"is_xpu", "prim::is_xpu"},
      {"is_sparse", "prim::is_sparse"}, {"is_sparse_csr", "prim::is_sparse_csr"},
      {"is_mkldnn", "prim::is_mkldnn"}, {"is_mps", "prim::is_mps"},
      {"is_quantized", "prim::is_quantized"}, {"is_vulkan", "prim::is_vulkan"},
      {"is_ipu", "prim::is_ipu"},       {"is_meta", "prim::is_meta"},
      {"is_nested", "prim::is_nested"}, {"is_leaf", "aten::is_leaf"},
      {"requires_grad", "prim::requires_grad"}, {"layout", "prim::layout"},
      {"T", "aten::numpy_T"},           {"mT", "aten::mT"},
      {"mH", "aten::mH"},               {"H", "aten::adjoint"},
      {"ndim", "aten::dim"},            {"name", "prim::name"},
      {"real", "aten::real"},           {"imag", "aten::imag"},
  };
  return kProps;
}

}  // namespace

// ---- SugaredValue defaults -----------------------------------------------------------------

Value* asSimpleValue(const SugaredValuePtr& v) {
  if (const auto* s = dynamic_cast<const SimpleValue*>(v.get())) return s->value();
  return nullptr;
}

Value* SugaredValue::asValue(const SourceRange& loc, IrEmitter&) {
  throw CompileError(kind() + " cannot be used as a value", loc);
}

SugaredValuePtr SugaredValue::attr(const SourceRange& loc, IrEmitter&, const std::string& field) {
  throw CompileError("attribute lookup is not defined on " + kind(), loc);
}

void SugaredValue::setAttr(const SourceRange& loc, IrEmitter&, const std::string&, Value*) {
  throw CompileError("attribute assignment is not defined on " + kind(), loc);
}

SugaredValuePtr SugaredValue::call(const SourceRange& loc, IrEmitter&,
                                   const std::vector<NamedValue>&,
                                   const std::vector<NamedValue>&) {
  throw CompileError("cannot call a " + kind(), loc);
}

SugaredValuePtr SugaredValue::iter(const SourceRange& loc, IrEmitter&) {
  throw CompileError("'" + kind() + "' object is not iterable", loc);
}

Value* SugaredValue::len(const SourceRange& loc, IrEmitter&) {
  throw CompileError("'" + kind() + "' object is not iterable", loc);
}

SugaredValuePtr SugaredValue::getItem(const SourceRange& loc, IrEmitter&, Value*) {
  throw CompileError("'" + kind() + "' object is not subscriptable", loc);
}

std::vector<SugaredValuePtr> SugaredValue::asTuple(const SourceRange& loc, IrEmitter&,
                                                   std::optional<size_t>) {
  throw CompileError(kind() + " cannot be used as a tuple", loc);
}

// ---- SimpleValue -----------------------------------------------------------------------------

std::string SimpleValue::kind() const {
  return "value of type '" + typeReprStr(value_->type()) + "'";
}

SugaredValuePtr SimpleValue::attr(const SourceRange& loc, IrEmitter& e, const std::string& field) {
  const TypePtr& type = value_->type();
  Graph& g = e.graph();
  if (type->isSubtypeOf(*TensorType::get())) {
    if (auto it = tensorCastMethods().find(field); it != tensorCastMethods().end())
      return std::make_shared<TensorCastValue>(it->second, named(value_, loc, "self"));
    if (auto it = tensorProperties().find(field); it != tensorProperties().end())
      return std::make_shared<SimpleValue>(
          e.emitBuiltin(loc, Symbol::fromQualString(it->second), {named(value_, loc)}));
  }
  if (type->kind() == TypeKind::Device && (field == "type" || field == "index"))
    return std::make_shared<SimpleValue>(
        e.emitBuiltin(loc, Symbol::prim(field), {named(value_, loc)}));

  if (const auto* tuple = type->cast<TupleType>()) {
    const auto& fields = tuple->fieldNames();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i] != field) continue;
      Value* idx = g.insertConstant(IValue(static_cast<int64_t>(i)), loc);
      Node* n = g.insertNode(g.create(prim::TupleIndex, {value_, idx}));
      n->setSourceRange(loc);
      return std::make_shared<SimpleValue>(n->output()->setType(tuple->elements()[i]));
    }
  } else if (type->kind() == TypeKind::Class) {
    ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(type.get())));
    if (e.findMethod(cls, field)) return std::make_shared<MethodValue>(value_, field);
    if (auto slot = cls->findAttribute(field)) {
      Node* n = g.insertNode(g.create(prim::GetAttr, {value_}));
      n->s_(attr::name, field)->setSourceRange(loc);
      return std::make_shared<SimpleValue>(
          n->output()->setType(e.declareClass(cls->attributes()[*slot].type)));
    }
    if (auto c = cls->findConstant(field))
      return std::make_shared<SimpleValue>(g.insertConstant(cls->constantValue(*c), loc));
  } else if (const auto* iface = type->cast<InterfaceType>()) {
    for (const auto& m : iface->methodNames())
      if (m == field) return std::make_shared<MethodValue>(value_, field);
  } else if (const auto* en = type->cast<EnumType>()) {
    if (field == "name" || field == "value") {
      Node* n = g.insertNode(g.create(field == "name" ? prim::EnumName : prim::EnumValue, {value_}));
      n->setSourceRange(loc);
      return std::make_shared<SimpleValue>(
          n->output()->setType(field == "name" ? StringType::get() : en->valueType()));
    }
  }

  NamedValue self = named(value_, loc, "self");
  if (field == "type") {
    if (auto b = BuiltinFunctionValue::tryCreateMethod(Symbol::aten("to"), self)) return b;
  }
  if (auto b = BuiltinFunctionValue::tryCreateMethod(Symbol::aten(field), self)) return b;
  if (field == "tolist" && type->isSubtypeOf(*TensorType::get()))
    return std::make_shared<SpecialFormValue>(SpecialFormValue::Form::ToList);

  std::string msg = fmt::format("Tried to access nonexistent attribute or method '{}' of type '{}'.",
                                field, typeReprStr(type));
  if (type->kind() == TypeKind::Class) msg += " Did you forget to initialize an attribute in __init__()?";
  throw CompileError(msg, loc);
}

void SimpleValue::setAttr(const SourceRange& loc, IrEmitter& e, const std::string& field,
                          Value* newValue) {
  const TypePtr& type = value_->type();
  if (type->kind() != TypeKind::Class)
    throw CompileError(fmt::format("Tried to set an attribute: {} on a non-class: {}", field,
                                   typeReprStr(type)),
                       loc);
  ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(type.get())));
  std::optional<size_t> slot = cls->findAttribute(field);
  TypePtr expected;
  if (slot) {
    expected = cls->attributes()[*slot].type;
  } else if (e.isInitializing(*cls)) {
    if (e.graph().insertPoint()->owningBlock() != e.graph().block())
      throw CompileError("First assignment cannot be in a control-flow block. Initialize the "
                         "field at the top level first",
                         loc);
    cls->addAttribute(field, newValue->type());
    expected = newValue->type();
  } else {
    throw CompileError(fmt::format("Tried to set nonexistent attribute: {}. Did you forget to "
                                   "initialize it in __init__()?",
                                   field),
                       loc);
  }
  if (!newValue->type()->isSubtypeOf(*expected))
    throw CompileError(fmt::format("Wrong type for attribute assignment. Expected {} but got {}",
                                   typeReprStr(expected), typeReprStr(newValue->type())),
                       loc);
  Graph& g = e.graph();
  Node* n = g.insertNode(g.create(prim::SetAttr, {value_, newValue}, 0));
  n->s_(attr::name, field)->setSourceRange(loc);
}

SugaredValuePtr SimpleValue::call(const SourceRange& loc, IrEmitter& e,
                                  const std::vector<NamedValue>& args,
                                  const std::vector<NamedValue>& kwargs) {
  const TypePtr& type = value_->type();
  if (type->kind() == TypeKind::Class) return attr(loc, e, "__call__")->call(loc, e, args, kwargs);
  if (const auto* fn = type->cast<FunctionType>(); fn && fn->function())
    return FunctionValue(fn->function()).call(loc, e, args, kwargs);
  return SugaredValue::call(loc, e, args, kwargs);
}

SugaredValuePtr SimpleValue::iter(const SourceRange& loc, IrEmitter& e) {
  const TypePtr& type = value_->type();
  if (type->kind() == TypeKind::List || type->kind() == TypeKind::Str ||
      type->isSubtypeOf(*TensorType::get()))
    return shared_from_this();
  if (type->kind() == TypeKind::Dict)
    return std::make_shared<SimpleValue>(e.emitBuiltin(loc, Symbol::aten("keys"), {named(value_, loc)}));
  if (type->kind() == TypeKind::Tuple) {
    std::vector<SugaredValuePtr> elems;
    for (Value* v : createTupleUnpack(value_)) elems.push_back(std::make_shared<SimpleValue>(v));
    return std::make_shared<SugaredTupleValue>(std::move(elems));
  }
  throw CompileError("'" + typeReprStr(type) + "' object is not iterable", loc);
}

Value* SimpleValue::len(const SourceRange& loc, IrEmitter& e) {
  const TypePtr& type = value_->type();
  if (type->kind() == TypeKind::List || type->kind() == TypeKind::Str ||
      type->isSubtypeOf(*TensorType::get()))
    return e.emitBuiltin(loc, Symbol::aten("len"), {named(value_, loc)});
  throw CompileError("'" + typeReprStr(type) + "' object is not iterable", loc);
}

SugaredValuePtr SimpleValue::getItem(const SourceRange& loc, IrEmitter& e, Value* index) {
  const TypePtr& type = value_->type();
  if (type->kind() == TypeKind::List || type->kind() == TypeKind::Str ||
      type->kind() == TypeKind::Dict)
    return std::make_shared<SimpleValue>(e.emitBuiltin(
        loc, Symbol::aten("__getitem__"), {named(value_, loc), named(index, loc)}));
  if (type->isSubtypeOf(*TensorType::get())) {
    Value* zero = e.graph().insertConstant(IValue(int64_t{0}), loc);
    return std::make_shared<SimpleValue>(e.emitBuiltin(
        loc, Symbol::aten("select"), {named(value_, loc), named(zero, loc), named(index, loc)}));
  }
  if (type->kind() == TypeKind::Class)
    return attr(loc, e, "__getitem__")->call(loc, e, {named(index, loc)}, {});
  throw CompileError("'" + typeReprStr(type) + "' object is not subscriptable", loc);
}

std::vector<SugaredValuePtr> SimpleValue::asTuple(const SourceRange& loc, IrEmitter& e,
                                                  std::optional<size_t> sizeHint) {
  const TypePtr& type = value_->type();
  std::vector<SugaredValuePtr> out;
  if (type->kind() == TypeKind::Tuple) {
    for (Value* v : createTupleUnpack(value_)) out.push_back(std::make_shared<SimpleValue>(v));
    return out;
  }
  if (const auto* list = type->cast<ListType>()) {
    if (!sizeHint)
      throw CompileError("cannot statically infer the expected size of a list in this context",
                         loc);
    Graph& g = e.graph();
    Node* n = g.insertNode(g.create(prim::ListUnpack, {value_}, *sizeHint));
    n->setSourceRange(loc);
    for (Value* v : n->outputs()) out.push_back(std::make_shared<SimpleValue>(v->setType(list->elementType())));
    return out;
  }
  if (type->kind() == TypeKind::AnyTuple)
    throw CompileError("Provided tuple is not fully defined/refined including its element types, "
                       "please provide a value of type like Tuple[int, int]",
                       loc);
  throw CompileError(typeReprStr(type) + " cannot be used as a tuple", loc);
}

// ---- Builtins ----------------------------------------------------------------------------------

SugaredValuePtr BuiltinFunctionValue::tryCreateMethod(Symbol symbol, const NamedValue& self) {
  for (const Operator* op : OperatorRegistry::global().lookup(symbol)) {
    std::optional<size_t> index = op->schema.argumentIndex("self");
    if (!index) continue;
    const TypePtr& formal = op->schema.arguments[*index].type;
    TypeEnv env;
    if (!matchTypeVariables(formal, self.value->type(), env).empty()) continue;
    TypePtr concrete = tryEvalTypeVariables(formal, env);
    if (!concrete || !self.value->type()->isSubtypeOf(*concrete)) continue;
    return std::make_shared<BuiltinFunctionValue>(symbol, self);
  }
  return nullptr;
}

SugaredValuePtr BuiltinFunctionValue::call(const SourceRange& loc, IrEmitter& e,
                                           const std::vector<NamedValue>& args,
                                           const std::vector<NamedValue>& kwargs) {
  return std::make_shared<SimpleValue>(e.emitBuiltin(loc, symbol_, args, kwargs, self_));
}

SugaredValuePtr BuiltinModuleValue::attr(const SourceRange& loc, IrEmitter& e,
                                         const std::string& field) {
  Graph& g = e.graph();
  if (ns_ == "aten") {  // `torch`
    static const std::unordered_map<std::string, int64_t> kDtypes = {
        {"uint8", 0},     {"int8", 1},    {"int16", 2},     {"short", 2},  {"int32", 3},
        {"int", 3},       {"int64", 4},   {"long", 4},      {"float16", 5}, {"half", 5},
        {"float32", 6},   {"float", 6},   {"float64", 7},   {"double", 7}, {"complex64", 9},
        {"cfloat", 9},    {"complex128", 10}, {"cdouble", 10}, {"bool", 11}, {"bfloat16", 15},
        {"strided", 0},   {"sparse_coo", 1}, {"contiguous_format", 0}, {"preserve_format", 1},
        {"channels_last", 2},
    };
    if (auto it = kDtypes.find(field); it != kDtypes.end())
      return std::make_shared<SimpleValue>(g.insertConstant(IValue(it->second), loc));
    if (field == "autograd") return std::make_shared<BuiltinModuleValue>("aten");
    if (field == "jit") return std::make_shared<BuiltinModuleValue>("torch.jit");
  } else if (ns_ == "torch.jit") {
    using Form = SpecialFormValue::Form;
    if (field == "annotate") return std::make_shared<SpecialFormValue>(Form::Annotate);
    if (field == "isinstance") return std::make_shared<SpecialFormValue>(Form::IsInstance);
    if (field == "fork" || field == "_fork") return std::make_shared<SpecialFormValue>(Form::Fork);
    if (field == "wait" || field == "_wait")
      return std::make_shared<BuiltinFunctionValue>(Symbol::aten("wait"), std::nullopt);
    if (field == "_unwrap_optional")
      return std::make_shared<BuiltinFunctionValue>(Symbol::aten("_unwrap_optional"), std::nullopt);
    if (field == "is_scripting")
      return std::make_shared<BuiltinFunctionValue>(Symbol::aten("is_scripting"), std::nullopt);
    throw CompileError("unknown torch.jit builtin '" + field + "'", loc);
  } else if (ns_ == "math") {
    static const std::unordered_map<std::string, double> kConstants = {
        {"pi", M_PI}, {"e", M_E}, {"tau", 2 * M_PI}, {"inf", INFINITY}, {"nan", NAN},
    };
    if (auto it = kConstants.find(field); it != kConstants.end())
      return std::make_shared<SimpleValue>(g.insertConstant(IValue(it->second), loc));
    return std::make_shared<BuiltinFunctionValue>(Symbol::aten(field), std::nullopt);
  }
  return std::make_shared<BuiltinFunctionValue>(Symbol::fromNamespace(ns_, field), std::nullopt);
}

SugaredValuePtr OpsValue::attr(const SourceRange&, IrEmitter&, const std::string& field) {
  return std::make_shared<BuiltinModuleValue>(field);
}

SugaredValuePtr ConstantsTableValue::attr(const SourceRange& loc, IrEmitter& e,
                                          const std::string& field) {
  size_t index = 0;
  bool ok = field.size() >= 2 && field[0] == 'c';
  for (size_t i = 1; ok && i < field.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(field[i])) || i > 18) ok = false;
    else index = index * 10 + static_cast<size_t>(field[i] - '0');
  }
  if (!ok) throw CompileError("invalid constant specifier: " + field, loc);
  try {
    const IValue& v = e.unit().importer().constant(index);
    return std::make_shared<SimpleValue>(e.graph().insertConstant(v, loc));
  } catch (const CompileError&) {
    throw;
  } catch (const Error& ex) {
    throw CompileError(ex.what(), loc);
  }
}

SugaredValuePtr NamespaceValue::attr(const SourceRange& loc, IrEmitter& e,
                                     const std::string& field) {
  std::string name = prefix_ + "." + field;
  SourceImporter& importer = e.unit().importer();
  if (TypePtr t = importer.findType(name)) {
    switch (t->kind()) {
      case TypeKind::Class:
        e.declareClass(t);
        return std::make_shared<ClassValue>(
            ClassTypePtr(const_cast<ClassType*>(static_cast<const ClassType*>(t.get()))));
      case TypeKind::Tuple: return std::make_shared<NamedTupleConstructor>(t);
      case TypeKind::Enum:
        return std::make_shared<EnumClassValue>(
            Ref<EnumType>(const_cast<EnumType*>(static_cast<const EnumType*>(t.get()))));
      default:
        throw CompileError("type " + name + " cannot be used as a value", loc);
    }
  }
  if (Function* f = e.unit().getFunction(name)) return std::make_shared<FunctionValue>(f);
  static const std::string kTorchBind = "__torch__.torch.classes.";
  if (name.starts_with(kTorchBind) && name.find('.', kTorchBind.size()) != std::string::npos)
    throw CompileError("custom C++ class (TorchBind) torch.classes." +
                           name.substr(kTorchBind.size()) + " is not supported",
                       loc);
  return std::make_shared<NamespaceValue>(name);
}

// ---- Classes, tuples, enums, functions -----------------------------------------------------------

SugaredValuePtr ClassValue::attr(const SourceRange& loc, IrEmitter& e, const std::string& field) {
  if (field == "__new__")
    return std::make_shared<SpecialFormValue>(SpecialFormValue::Form::CreateObject);
  if (Function* f = e.unit().getFunction(type_->name() + "." + field))
    return std::make_shared<FunctionValue>(f);
  throw CompileError("Tried to lookup unknown attribute on class " + type_->annotationStr(), loc);
}

SugaredValuePtr ClassValue::call(const SourceRange& loc, IrEmitter& e,
                                 const std::vector<NamedValue>& args,
                                 const std::vector<NamedValue>& kwargs) {
  Graph& g = e.graph();
  if (!e.findMethod(type_, "__init__"))
    throw CompileError("Class " + splitQualifiedName(type_->name()).second +
                           " does not have an __init__ function defined",
                       loc);
  Node* n = g.insertNode(g.create(prim::CreateObject));
  n->setSourceRange(loc);
  Value* self = n->output()->setType(type_);
  e.emitMethodCall(loc, self, "__init__", args, kwargs);
  return std::make_shared<SimpleValue>(self);
}

SugaredValuePtr NamedTupleConstructor::call(const SourceRange& loc, IrEmitter& e,
                                            const std::vector<NamedValue>& args,
                                            const std::vector<NamedValue>& kwargs) {
  const auto& tuple = type_->expect<TupleType>();
  FunctionSchema schema;
  schema.name = tuple.qualifiedName().value_or("NamedTuple");
  for (size_t i = 0; i < tuple.elements().size(); ++i) {
    Argument a;
    a.name = i < tuple.fieldNames().size() ? tuple.fieldNames()[i] : fmt::format("_{}", i);
    a.type = a.realType = tuple.elements()[i];
    schema.arguments.push_back(std::move(a));
  }
  Argument r;
  r.type = r.realType = type_;
  schema.returns.push_back(std::move(r));
  MatchedSchema matched = matchSchemas({&schema}, loc, e.graph(), args, kwargs);
  Value* v = insertTuple(e.graph(), matched.inputs, type_);
  v->node()->setSourceRange(loc);
  return std::make_shared<SimpleValue>(v);
}

SugaredValuePtr EnumClassValue::attr(const SourceRange& loc, IrEmitter& e,
                                     const std::string& field) {
  std::optional<size_t> i = type_->findMember(field);
  if (!i) throw CompileError("'" + type_->annotationStr() + "' has no attribute '" + field + "'", loc);
  IValue v(makeRef<EnumHolder>(type_, field, type_->memberValue(*i)));
  return std::make_shared<SimpleValue>(e.graph().insertConstant(v, loc));
}

SugaredValuePtr EnumClassValue::iter(const SourceRange& loc, IrEmitter& e) {
  std::vector<IValue> members;
  for (size_t i = 0; i < type_->memberCount(); ++i)
    members.emplace_back(makeRef<EnumHolder>(type_, type_->memberName(i), type_->memberValue(i)));
  IValue list(ListObj::create(TypePtr(type_.get()), std::move(members)));
  return std::make_shared<SimpleValue>(e.graph().insertConstant(list, loc));
}

Value* FunctionValue::asValue(const SourceRange& loc, IrEmitter& e) {
  Graph& g = e.graph();
  Node* n = g.insertNode(g.create(prim::Constant));
  n->s_(attr::name, function_->name())->setSourceRange(loc);
  return n->output()->setType(FunctionType::create(function_));
}

SugaredValuePtr FunctionValue::call(const SourceRange& loc, IrEmitter& e,
                                    const std::vector<NamedValue>& args,
                                    const std::vector<NamedValue>& kwargs) {
  return std::make_shared<SimpleValue>(e.emitFunctionCall(loc, *function_, args, kwargs));
}

SugaredValuePtr MethodValue::call(const SourceRange& loc, IrEmitter& e,
                                  const std::vector<NamedValue>& args,
                                  const std::vector<NamedValue>& kwargs) {
  return std::make_shared<SimpleValue>(e.emitMethodCall(loc, self_, name_, args, kwargs));
}

// ---- Python builtins ------------------------------------------------------------------------------

SugaredValuePtr MagicMethodValue::call(const SourceRange& loc, IrEmitter& e,
                                       const std::vector<NamedValue>& args,
                                       const std::vector<NamedValue>& kwargs) {
  if (!args.empty() && args[0].value->type()->kind() == TypeKind::Class) {
    std::vector<NamedValue> rest(args.begin() + 1, args.end());
    return SimpleValue(args[0].value).attr(loc, e, name_)->call(loc, e, rest, kwargs);
  }
  return base_->call(loc, e, args, kwargs);
}

SugaredValuePtr CastValue::call(const SourceRange& loc, IrEmitter& e,
                                const std::vector<NamedValue>& args,
                                const std::vector<NamedValue>& kwargs) {
  if (args.size() == 1 && kwargs.empty()) {
    Value* v = args[0].value;
    if (v->type()->isSubtypeOf(*type_)) return std::make_shared<SimpleValue>(v);
    TypeKind k = v->type()->kind();
    if (type_->kind() == TypeKind::Bool &&
        (k == TypeKind::List || k == TypeKind::Str || k == TypeKind::Dict)) {
      Value* n = e.emitBuiltin(loc, Symbol::aten("len"), {args[0]});
      Value* zero = e.graph().insertConstant(IValue(int64_t{0}), loc);
      return std::make_shared<SimpleValue>(
          e.emitBuiltin(loc, Symbol::aten("gt"), {named(n, loc), named(zero, loc)}));
    }
  }
  return std::make_shared<SimpleValue>(e.emitBuiltin(loc, op_, args, kwargs));
}

SugaredValuePtr TensorCastValue::call(const SourceRange& loc, IrEmitter& e,
                                      const std::vector<NamedValue>& args,
                                      const std::vector<NamedValue>& kwargs) {
  if (!args.empty() || !kwargs.empty())
    throw CompileError("tensor cast methods like .float() take no arguments", loc);
  Value* dtype = e.graph().insertConstant(IValue(dtype_), loc);
  return std::make_shared<SimpleValue>(
      e.emitBuiltin(loc, Symbol::aten("to"), {}, {named(dtype, loc, "dtype")}, self_));
}

SugaredValuePtr PrintValue::call(const SourceRange& loc, IrEmitter& e,
                                 const std::vector<NamedValue>& args,
                                 const std::vector<NamedValue>& kwargs) {
  if (!kwargs.empty()) throw CompileError("print doesn't accept any keyword arguments", loc);
  std::vector<Value*> inputs;
  for (const auto& a : args) inputs.push_back(a.value);
  Graph& g = e.graph();
  g.insertNode(g.create(prim::Print, inputs, 0))->setSourceRange(loc);
  return std::make_shared<NoneValue>();
}

// ---- Iterables -----------------------------------------------------------------------------------

RangeValue::RangeValue(const SourceRange& loc, IrEmitter& e, const std::vector<Value*>& inputs,
                       std::optional<int64_t> staticLength)
    : staticLength_(staticLength) {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i]->type()->kind() != TypeKind::Int)
      throw CompileError(fmt::format("all inputs of range must be ints, found {} in argument {}",
                                     typeReprStr(inputs[i]->type()), i),
                         loc);
  }
  Graph& g = e.graph();
  if (inputs.empty()) throw CompileError("range expected at least 1 arguments, got 0", loc);
  if (inputs.size() > 3)
    throw CompileError(fmt::format("range expected at most 3 arguments, got {}", inputs.size()), loc);
  if (inputs.size() == 1) {
    end_ = inputs[0];
    hasOnlyEnd_ = true;
  } else {
    start_ = inputs[0];
    end_ = inputs[1];
    step_ = inputs.size() == 3 ? inputs[2] : g.insertConstant(IValue(int64_t{1}), loc);
  }
}

Value* RangeValue::len(const SourceRange& loc, IrEmitter& e) {
  if (staticLength_) return e.graph().insertConstant(IValue(*staticLength_), loc);
  if (hasOnlyEnd_) return end_;
  return e.emitBuiltin(loc, Symbol::aten("__range_length"),
                       {named(start_, loc), named(end_, loc), named(step_, loc)});
}

SugaredValuePtr RangeValue::getItem(const SourceRange& loc, IrEmitter& e, Value* index) {
  if (hasOnlyEnd_) return std::make_shared<SimpleValue>(index);
  return std::make_shared<SimpleValue>(e.emitBuiltin(
      loc, Symbol::aten("__derive_index"), {named(index, loc), named(start_, loc), named(step_, loc)}));
}

void IterableTree::addChild(const SourceRange& loc, const SugaredValuePtr& child) {
  std::optional<int64_t> childLength = child->staticLength();
  if (children_.empty()) {
    unrollLength_ = childLength;
  } else {
    if (unrollLength_.has_value() != childLength.has_value())
      throw CompileError("Can not iterate over a module list or tuple with a value that does not "
                         "have a statically determinable length",
                         loc);
    if (unrollLength_ && childLength) unrollLength_ = std::min(*childLength, *unrollLength_);
  }
  children_.push_back(child);
}

Value* IterableTree::len(const SourceRange& loc, IrEmitter& e) {
  std::vector<Value*> lengths;
  std::vector<SugaredValuePtr> work(children_.rbegin(), children_.rend());
  while (!work.empty()) {
    SugaredValuePtr v = work.back();
    work.pop_back();
    if (auto* tree = dynamic_cast<IterableTree*>(v.get())) {
      work.insert(work.end(), tree->children_.rbegin(), tree->children_.rend());
      continue;
    }
    lengths.push_back(v->len(loc, e));
  }
  Value* list = insertList(e.graph(), IntType::get(), lengths);
  return e.emitBuiltin(loc, prim::min, {named(list, loc)});
}

SugaredValuePtr IterableTree::getItem(const SourceRange& loc, IrEmitter& e, Value* index) {
  std::vector<SugaredValuePtr> items;
  for (const auto& child : children_) items.push_back(child->getItem(loc, e, index));
  return std::make_shared<SugaredTupleValue>(std::move(items));
}

Value* SugaredTupleValue::asValue(const SourceRange& loc, IrEmitter& e) {
  std::vector<Value*> values;
  for (const auto& el : elements_) values.push_back(el->asValue(loc, e));
  Value* v = insertTuple(e.graph(), values);
  v->node()->setSourceRange(loc);
  return v;
}

SugaredValuePtr SugaredTupleValue::getItem(const SourceRange& loc, IrEmitter&, Value* index) {
  std::optional<IValue> i = toIValue(index);
  if (!i || !i->isInt()) throw CompileError("tuple index must be an integer constant here", loc);
  int64_t n = static_cast<int64_t>(elements_.size());
  int64_t k = i->toInt() < 0 ? i->toInt() + n : i->toInt();
  if (k < 0 || k >= n)
    throw CompileError(fmt::format("Tuple index out of range. Tuple is length {} and index is {}",
                                   n, i->toInt()),
                       loc);
  return elements_[k];
}

// ---- Exceptions -------------------------------------------------------------------------------------

SugaredValuePtr ExceptionValue::call(const SourceRange& loc, IrEmitter& e,
                                     const std::vector<NamedValue>& args,
                                     const std::vector<NamedValue>& kwargs) {
  Graph& g = e.graph();
  if (name_ == "AssertionError") {
    // Only AssertionError spells its name into the message; its class stays None.
    Value* message = g.insertConstant(IValue(name_ + ": "), loc);
    for (const auto& a : args) {
      Value* s = a.value;
      if (!s->type()->isSubtypeOf(*StringType::get()))
        s = e.emitBuiltin(loc, Symbol::aten("str"), {a});
      // Constant messages fold into one string, as PyTorch's constant propagation does.
      std::optional<IValue> head = toIValue(message), tail = toIValue(s);
      if (head && tail && head->isString() && tail->isString()) {
        message = g.insertConstant(IValue(head->toStringRef() + tail->toStringRef()), loc);
        continue;
      }
      message = e.emitBuiltin(loc, Symbol::aten("add"), {named(message, loc), named(s, loc)});
    }
    return std::make_shared<ExceptionMessageValue>(message, g.insertConstant(IValue(), loc));
  }
  Value* message = nullptr;
  if (args.empty() && kwargs.empty()) {
    message = g.insertConstant(IValue(std::string()), loc);
  } else if (args.size() == 1 && kwargs.empty()) {
    message = args[0].value;
  } else {
    std::vector<Value*> values;
    for (const auto& a : args) values.push_back(a.value);
    for (const auto& a : kwargs) values.push_back(a.value);
    message = insertTuple(g, values);
  }
  return std::make_shared<ExceptionMessageValue>(
      message, g.insertConstant(IValue("builtins." + name_), loc));
}

}  // namespace sconce
