// CompilationUnit and Function: lazy schemas and graphs for an archive's code.
#include "frontend/compilation_unit.h"

#include <cmath>
#include <deque>
#include <unordered_set>

#include "frontend/ir_emitter.h"
#include "frontend/schema_matching.h"

namespace sconce {
namespace {

bool isStaticMethod(const ast::Def& def) {
  for (const auto& d : def.decorators) {
    std::string name = dottedName(*d);
    if (name == "staticmethod") return true;
  }
  return false;
}

TypePtr unwrapOptionalType(const TypePtr& t) {
  if (const auto* o = t->cast<OptionalType>()) return o->elementType();
  return t;
}

/// A default value written in a signature, as a constant of (roughly) `type`.
IValue evaluateDefault(const ast::Expr& e, const TypePtr& type, SourceImporter& importer) {
  TypePtr want = type ? unwrapOptionalType(type) : TypePtr();
  auto elementType = [&](size_t i) -> TypePtr {
    if (!want) return {};
    if (const auto* l = want->cast<ListType>()) return l->elementType();
    if (const auto* t = want->cast<TupleType>())
      return i < t->elements().size() ? t->elements()[i] : TypePtr();
    return {};
  };
  switch (e.kind()) {
    case ast::ExprKind::IntLiteral: {
      int64_t v = e.as<ast::IntLiteral>().value;
      if (want && want->kind() == TypeKind::Float) return IValue(static_cast<double>(v));
      return IValue(v);
    }
    case ast::ExprKind::FloatLiteral: return IValue(e.as<ast::FloatLiteral>().value);
    case ast::ExprKind::ImagLiteral:
      return IValue(std::complex<double>(0.0, e.as<ast::ImagLiteral>().value));
    case ast::ExprKind::StringLiteral: return IValue(e.as<ast::StringLiteral>().value);
    case ast::ExprKind::BoolLiteral: return IValue(e.as<ast::BoolLiteral>().value);
    case ast::ExprKind::NoneLiteral: return IValue();
    case ast::ExprKind::TupleLiteral: {
      std::vector<IValue> items;
      const auto& elems = e.as<ast::TupleLiteral>().elements;
      for (size_t i = 0; i < elems.size(); ++i)
        items.push_back(evaluateDefault(*elems[i], elementType(i), importer));
      return IValue(TupleObj::create(std::move(items)));
    }
    case ast::ExprKind::ListLiteral: {
      std::vector<IValue> items;
      TypePtr elem = elementType(0);
      for (const auto& el : e.as<ast::ListLiteral>().elements)
        items.push_back(evaluateDefault(*el, elem, importer));
      if (!elem) elem = items.empty() ? TensorType::get() : constantTypeOf(items[0]);
      return IValue(ListObj::create(elem, std::move(items)));
    }
    case ast::ExprKind::DictLiteral: {
      const auto& d = e.as<ast::DictLiteral>();
      const auto* dt = want ? want->cast<DictType>() : nullptr;
      auto dict = DictObj::create(dt ? dt->keyType() : StringType::get(),
                                  dt ? dt->valueType() : TensorType::get());
      for (size_t i = 0; i < d.keys.size(); ++i)
        dict->insertOrAssign(evaluateDefault(*d.keys[i], dt ? dt->keyType() : TypePtr(), importer),
                             evaluateDefault(*d.values[i], dt ? dt->valueType() : TypePtr(),
                                             importer));
      return IValue(dict);
    }
    case ast::ExprKind::Unary: {
      const auto& u = e.as<ast::Unary>();
      IValue v = evaluateDefault(*u.operand, type, importer);
      if (u.op == ast::UnaryOp::Neg && v.isInt()) return IValue(-v.toInt());
      if (u.op == ast::UnaryOp::Neg && v.isDouble()) return IValue(-v.toDouble());
      if (u.op == ast::UnaryOp::Pos && (v.isInt() || v.isDouble())) return v;
      break;
    }
    case ast::ExprKind::Binary: {
      // Complex defaults print as `1. + 2.j`.
      const auto& b = e.as<ast::Binary>();
      IValue l = evaluateDefault(*b.lhs, {}, importer), r = evaluateDefault(*b.rhs, {}, importer);
      if ((b.op == ast::BinaryOp::Add || b.op == ast::BinaryOp::Sub) && l.isScalar() &&
          r.isComplex()) {
        std::complex<double> c = l.isComplex() ? l.toComplex() : l.toScalarDouble();
        return IValue(b.op == ast::BinaryOp::Add ? c + r.toComplex() : c - r.toComplex());
      }
      break;
    }
    case ast::ExprKind::Name: {
      const std::string& id = e.as<ast::Name>().id;
      if (id == "inf") return IValue(static_cast<double>(INFINITY));
      if (id == "nan") return IValue(static_cast<double>(NAN));
      break;
    }
    case ast::ExprKind::Attribute: {
      std::string name = dottedName(e);
      if (name.starts_with("CONSTANTS.c")) {
        try {
          return importer.constant(std::stoul(name.substr(11)));
        } catch (const std::exception& ex) {
          throw CompileError(ex.what(), e.range());
        }
      }
      if (name == "math.inf") return IValue(static_cast<double>(INFINITY));
      if (name == "math.nan") return IValue(static_cast<double>(NAN));
      if (name == "math.pi") return IValue(M_PI);
      if (name == "math.e") return IValue(M_E);
      break;
    }
    case ast::ExprKind::Call: {
      const auto& c = e.as<ast::Call>();
      if (dottedName(*c.callee) == "torch.device" && c.args.size() == 1 &&
          c.args[0]->is<ast::StringLiteral>()) {
        try {
          return IValue(Device::parse(c.args[0]->as<ast::StringLiteral>().value));
        } catch (const std::exception& ex) {
          throw CompileError(ex.what(), e.range());
        }
      }
      break;
    }
    default:
      break;
  }
  throw CompileError("default value is not a constant TorchScript can evaluate", e.range());
}

/// PyTorch's display name of a function in "called from" frames: `Class.method` or `fn`.
std::string callName(const Function& f) {
  if (const ClassTypePtr& owner = f.ownerClass())
    return splitQualifiedName(owner->name()).second + "." + f.name();
  return f.name();
}

}  // namespace

TypeParser typeParserFor(SourceImporter& importer, const std::string& home) {
  return TypeParser([&importer, home](const std::string& name) -> TypePtr {
    if (!home.empty() && name.find('.') == std::string::npos)
      if (TypePtr t = importer.findType(home + "." + name)) return t;
    return importer.findType(name);
  });
}

FunctionSchema schemaFromDef(const ast::Def& def, const std::string& name, const TypePtr& self,
                             const TypeParser& types, SourceImporter& importer) {
  FunctionSchema schema;
  schema.name = name;
  size_t first = 0;
  if (self) {
    if (def.params.empty()) throw CompileError("methods must have a self argument", def.range());
    Argument a;
    a.name = def.params[0].name;
    a.type = a.realType = self;
    schema.arguments.push_back(std::move(a));
    first = 1;
  }
  std::vector<TypePtr> commentTypes;
  if (def.typeComment) {
    for (const auto& t : def.typeComment->paramTypes) commentTypes.push_back(types.parse(*t));
    if (commentTypes.size() != def.params.size() - first)
      throw CompileError(fmt::format("Number of type annotations for function parameters ({}) "
                                     "does not match the number of parameters on the function "
                                     "({})!",
                                     commentTypes.size(), def.params.size() - first),
                         def.typeComment->range);
  }
  for (size_t i = first; i < def.params.size(); ++i) {
    const ast::Param& p = def.params[i];
    Argument a;
    a.name = p.name;
    a.kwargOnly = p.kwOnly;
    if (p.annotation) {
      a.type = types.parse(*p.annotation);
    } else if (!commentTypes.empty()) {
      a.type = commentTypes[i - first];
    } else {
      a.type = TensorType::get();
    }
    a.realType = a.type;
    if (p.defaultValue) a.defaultValue = evaluateDefault(*p.defaultValue, a.type, importer);
    schema.arguments.push_back(std::move(a));
  }
  TypePtr ret;
  if (def.returnType) {
    ret = types.parse(*def.returnType);
  } else if (def.typeComment && def.typeComment->returnType) {
    ret = types.parse(*def.typeComment->returnType);
  }
  if (ret) {
    Argument r;
    r.type = r.realType = ret;
    schema.returns.push_back(std::move(r));
  }
  return schema;
}

// ---- Function ---------------------------------------------------------------------------

Function::Function(CompilationUnit& unit, std::string qualifiedName, const ast::Def& def,
                   ClassTypePtr owner)
    : unit_(&unit),
      qualifiedName_(std::move(qualifiedName)),
      name_(splitQualifiedName(qualifiedName_).second),
      def_(&def),
      owner_(std::move(owner)) {}

std::string Function::homeNamespace() const {
  return splitQualifiedName(owner_ ? owner_->name() : qualifiedName_).first;
}

const FunctionSchema& Function::schema() {
  if (!schema_)
    schema_ = schemaFromDef(*def_, name_, owner_, typeParserFor(unit_->importer(), homeNamespace()),
                            unit_->importer());
  if (schema_->returns.empty()) graph();  // infers the return type
  return *schema_;
}

const std::shared_ptr<Graph>& Function::graph() {
  if (state_ == State::Compiled) return graph_;
  if (state_ == State::Compiling)
    throw CompileError(fmt::format("function '{}' is called recursively. Recursive calls are "
                                   "not supported",
                                   callName(*this)),
                       def_->range());
  if (!schema_)
    schema_ = schemaFromDef(*def_, name_, owner_, typeParserFor(unit_->importer(), homeNamespace()),
                            unit_->importer());
  state_ = State::Compiling;
  try {
    auto g = std::make_shared<Graph>();
    IrEmitter emitter(*this, *g);
    TypePtr ret = emitter.run();
    if (schema_->returns.empty()) {
      Argument r;
      r.type = r.realType = ret;
      schema_->returns.push_back(std::move(r));
    }
    graph_ = std::move(g);
    state_ = State::Compiled;
  } catch (...) {
    state_ = State::NotCompiled;
    throw;
  }
  return graph_;
}

// ---- CompilationUnit ----------------------------------------------------------------------

CompilationUnit::CompilationUnit(std::shared_ptr<SourceImporter> importer)
    : importer_(std::move(importer)) {
  SCONCE_ASSERT(importer_ != nullptr);
}

CompilationUnit::~CompilationUnit() = default;

Function* CompilationUnit::create(std::string qualifiedName, const ast::Def& def,
                                  ClassTypePtr owner) {
  functions_.push_back(
      std::unique_ptr<Function>(new Function(*this, std::move(qualifiedName), def, std::move(owner))));
  return functions_.back().get();
}

CompilationUnit::ClassMethods& CompilationUnit::declareMethods(const ClassTypePtr& cls) {
  auto it = classMethods_.find(cls->name());
  if (it != classMethods_.end()) return it->second;
  ClassMethods& methods = classMethods_[cls->name()];
  const SourceImporter::ClassInfo* info = importer_->classInfo(cls->name());
  if (!info) return methods;
  for (const ast::Def* def : info->methods) {
    std::string qualified = cls->name() + "." + def->name;
    if (isStaticMethod(*def)) {
      freeFunctions_[qualified] = create(qualified, *def, nullptr);
      continue;
    }
    if (Function* existing = cls->findMethod(def->name)) {
      methods.inOrder.push_back(existing);
      continue;
    }
    Function* f = create(qualified, *def, cls);
    cls->addMethod(def->name, f);
    methods.inOrder.push_back(f);
  }
  return methods;
}

Function* CompilationUnit::getMethod(const ClassTypePtr& cls, const std::string& name) {
  declareMethods(cls);
  return cls->findMethod(name);
}

std::vector<Function*> CompilationUnit::methods(const ClassTypePtr& cls) {
  return declareMethods(cls).inOrder;
}

Function* CompilationUnit::getFunction(const std::string& qualifiedName) {
  if (auto it = freeFunctions_.find(qualifiedName); it != freeFunctions_.end()) return it->second;
  // Static methods are declared with their class.
  auto [prefix, last] = splitQualifiedName(qualifiedName);
  if (ClassTypePtr cls = prefix.empty() ? ClassTypePtr() : importer_->findClass(prefix)) {
    declareMethods(cls);
    auto it = freeFunctions_.find(qualifiedName);
    return it == freeFunctions_.end() ? nullptr : it->second;
  }
  const ast::Def* def = importer_->findFunction(qualifiedName);
  if (!def) return nullptr;
  Function* f = create(qualifiedName, *def, nullptr);
  freeFunctions_[qualifiedName] = f;
  return f;
}

const FunctionSchema* CompilationUnit::interfaceMethod(const InterfaceType& iface,
                                                       const std::string& method) {
  std::string key = iface.name() + "." + method;
  if (auto it = interfaceMethods_.find(key); it != interfaceMethods_.end()) return &it->second;
  const ast::ClassDef* cls = importer_->findClassDef(iface.name());
  if (!cls) return nullptr;
  for (const auto& stmt : cls->body) {
    const auto* def = stmt->dynCast<ast::Def>();
    if (!def || def->name != method) continue;
    if (!def->returnType && !(def->typeComment && def->typeComment->returnType))
      throw CompileError("interface declarations must have a return type annotated.",
                         def->range());
    TypePtr self(const_cast<InterfaceType*>(&iface));
    FunctionSchema schema = schemaFromDef(
        *def, method, self, typeParserFor(*importer_, splitQualifiedName(iface.name()).first),
        *importer_);
    return &interfaceMethods_.emplace(key, std::move(schema)).first->second;
  }
  return nullptr;
}

std::vector<Function*> CompilationUnit::functions() const {
  std::vector<Function*> out;
  for (const auto& f : functions_) out.push_back(f.get());
  return out;
}

void CompilationUnit::compileAll(const ClassTypePtr& root) {
  std::deque<ClassTypePtr> work{root};
  std::unordered_set<std::string> seen{root->name()};
  auto enqueue = [&](const TypePtr& t, auto& self) -> void {
    if (t->kind() == TypeKind::Class) {
      ClassTypePtr cls(const_cast<ClassType*>(static_cast<const ClassType*>(t.get())));
      if (seen.insert(cls->name()).second) work.push_back(cls);
      return;
    }
    for (const TypePtr& c : t->containedTypes()) self(c, self);
  };
  while (!work.empty()) {
    ClassTypePtr cls = work.front();
    work.pop_front();
    for (Function* f : methods(cls)) f->graph();
    for (const auto& attr : cls->attributes()) enqueue(attr.type, enqueue);
  }
}

}  // namespace sconce
