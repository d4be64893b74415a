// SourceImporter: lazy parsing of code files and declaration of the types they define.
#include "frontend/source_importer.h"

#include <cmath>

#include "frontend/parser.h"

namespace sconce {

struct SourceImporter::Namespace {
  std::string path;
  ast::Module module;
  std::unordered_map<std::string, const ast::ClassDef*> classes;
  std::unordered_map<std::string, const ast::Def*> functions;
};

std::pair<std::string, std::string> splitQualifiedName(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return {"", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

SourceImporter::SourceImporter(CodeLoader loader, std::vector<IValue> constants)
    : loader_(std::move(loader)),
      constants_(std::move(constants)),
      typeParser_([this](const std::string& name) { return findType(name); }) {}

SourceImporter::~SourceImporter() = default;

SourceImporter::Namespace* SourceImporter::importNamespace(const std::string& ns) {
  if (auto it = namespaces_.find(ns); it != namespaces_.end()) return it->second.get();
  // Only names under __torch__ live in code files; remember misses too.
  std::unique_ptr<Namespace> entry;
  if (ns == "__torch__" || ns.starts_with("__torch__.")) {
    std::string path = "code/" + ns;
    for (char& c : path)
      if (c == '.') c = '/';
    path += ".py";
    if (std::optional<std::string> text = loader_(path)) {
      entry = std::make_unique<Namespace>();
      entry->path = path;
      entry->module = parseModule(std::make_shared<Source>(std::move(*text), path));
      for (const auto& stmt : entry->module.body) {
        if (const auto* c = stmt->dynCast<ast::ClassDef>()) entry->classes[c->name] = c;
        if (const auto* d = stmt->dynCast<ast::Def>()) entry->functions[d->name] = d;
      }
    }
  }
  Namespace* raw = entry.get();
  namespaces_[ns] = std::move(entry);
  return raw;
}

TypePtr SourceImporter::findType(const std::string& qualifiedName) {
  if (auto it = types_.find(qualifiedName); it != types_.end()) return it->second;
  auto [ns, name] = splitQualifiedName(qualifiedName);
  Namespace* space = ns.empty() ? nullptr : importNamespace(ns);
  if (!space) return {};
  auto it = space->classes.find(name);
  if (it == space->classes.end()) return {};
  return declare(qualifiedName, *it->second);
}

ClassTypePtr SourceImporter::findClass(const std::string& qualifiedName) {
  TypePtr t = findType(qualifiedName);
  if (!t || t->kind() != TypeKind::Class) return {};
  return ClassTypePtr(const_cast<ClassType*>(static_cast<const ClassType*>(t.get())));
}

const SourceImporter::ClassInfo* SourceImporter::classInfo(const std::string& qualifiedName) {
  if (!findClass(qualifiedName)) return nullptr;
  return classes_.at(qualifiedName).get();
}

const ast::Def* SourceImporter::findFunction(const std::string& qualifiedName) {
  auto [ns, name] = splitQualifiedName(qualifiedName);
  Namespace* space = ns.empty() ? nullptr : importNamespace(ns);
  if (!space) return nullptr;
  auto it = space->functions.find(name);
  return it == space->functions.end() ? nullptr : it->second;
}

const ast::ClassDef* SourceImporter::findClassDef(const std::string& qualifiedName) {
  auto [ns, name] = splitQualifiedName(qualifiedName);
  Namespace* space = ns.empty() ? nullptr : importNamespace(ns);
  if (!space) return nullptr;
  auto it = space->classes.find(name);
  return it == space->classes.end() ? nullptr : it->second;
}

const IValue& SourceImporter::constant(size_t index) const {
  SCONCE_CHECK(FormatError, index < constants_.size(),
               "code refers to CONSTANTS.c{} but constants.pkl holds {} values", index,
               constants_.size());
  return constants_[index];
}

std::vector<std::string> SourceImporter::loadedFiles() const {
  std::vector<std::string> out;
  for (const auto& [ns, space] : namespaces_)
    if (space) out.push_back(space->path);
  return out;
}

TypePtr SourceImporter::declare(const std::string& qualifiedName, const ast::ClassDef& def) {
  std::string base = def.bases.empty() ? "" : dottedName(*def.bases[0]);
  if (base == "NamedTuple") {
    std::vector<std::string> fields;
    std::vector<TypePtr> types;
    for (const auto& stmt : def.body) {
      if (const auto* a = stmt->dynCast<ast::AnnAssign>()) {
        fields.push_back(dottedName(*a->target));
        types.push_back(typeParser_.parse(*a->annotation));
      }
    }
    TypePtr t = TupleType::createNamed(qualifiedName, std::move(fields), std::move(types));
    types_[qualifiedName] = t;
    return t;
  }
  if (base == "Enum") {
    // Members are `NAME = literal`; the value type is that of the first member.
    Ref<EnumType> e;
    std::vector<std::pair<std::string, IValue>> members;
    for (const auto& stmt : def.body) {
      const auto* a = stmt->dynCast<ast::Assign>();
      if (!a || a->targets.size() != 1) continue;
      members.emplace_back(dottedName(*a->targets[0]), evaluateConstant(*a->value));
    }
    TypePtr valueType = IntType::get();
    if (!members.empty()) {
      const IValue& v = members[0].second;
      valueType = v.isString() ? StringType::get() : v.isDouble() ? FloatType::get() : IntType::get();
    }
    e = EnumType::create(qualifiedName, valueType);
    for (auto& [n, v] : members) e->addMember(n, std::move(v));
    types_[qualifiedName] = TypePtr(e.get());
    return types_[qualifiedName];
  }
  if (base == "Interface" || base == "ModuleInterface") {
    auto iface = InterfaceType::create(qualifiedName, base == "ModuleInterface");
    for (const auto& stmt : def.body)
      if (const auto* d = stmt->dynCast<ast::Def>()) iface->addMethodName(d->name);
    types_[qualifiedName] = TypePtr(iface.get());
    return types_[qualifiedName];
  }
  if (!base.empty() && base != "Module" && base != "object")
    throw CompileError("class '" + def.name + "' has unsupported base class '" + base + "'",
                       def.bases[0]->range());
  // Register before resolving attribute annotations: they may name this class.
  auto info = std::make_unique<ClassInfo>();
  info->type = ClassType::create(qualifiedName, base == "Module");
  info->def = &def;
  info->qualifiedName = qualifiedName;
  ClassInfo& ref = *info;
  classes_[qualifiedName] = std::move(info);
  types_[qualifiedName] = TypePtr(ref.type.get());
  declareClassBody(ref, def);
  return types_[qualifiedName];
}

namespace {

std::vector<std::string> stringList(const ast::Expr& e) {
  std::vector<std::string> out;
  const auto* list = e.dynCast<ast::ListLiteral>();
  if (!list) throw CompileError("expected a list of strings", e.range());
  for (const auto& el : list->elements) {
    const auto* s = el->dynCast<ast::StringLiteral>();
    if (!s) throw CompileError("expected a string", el->range());
    out.push_back(s->value);
  }
  return out;
}

}  // namespace

void SourceImporter::declareClassBody(ClassInfo& info, const ast::ClassDef& def) {
  std::vector<std::string> parameters, buffers;
  ClassType& cls = *info.type;
  for (const auto& stmt : def.body) {
    switch (stmt->kind()) {
      case ast::StmtKind::Assign: {
        const auto& a = stmt->as<ast::Assign>();
        if (a.targets.size() != 1) break;
        const ast::Expr& target = *a.targets[0];
        std::string name = dottedName(target);
        if (name == "__parameters__") {
          parameters = stringList(*a.value);
        } else if (name == "__buffers__") {
          buffers = stringList(*a.value);
        } else if (const auto* sub = target.dynCast<ast::Subscript>();
                   sub && dottedName(*sub->value) == "__annotations__" && sub->indices.size() == 1 &&
                   sub->indices[0]->is<ast::StringLiteral>()) {
          // `__annotations__["0"] = T` declares an attribute whose name is no identifier.
          cls.addAttribute(sub->indices[0]->as<ast::StringLiteral>().value,
                           typeParser_.parse(*a.value));
        } else {
          throw CompileError("unexpected assignment in the body of class '" + def.name + "'",
                             stmt->range());
        }
        break;
      }
      case ast::StmtKind::AnnAssign: {
        const auto& a = stmt->as<ast::AnnAssign>();
        std::string name = dottedName(*a.target);
        if (TypeParser::isFinal(*a.annotation)) {
          if (!a.value) throw CompileError("a Final class constant needs a value", stmt->range());
          cls.addConstant(name, evaluateConstant(*a.value));
        } else {
          cls.addAttribute(name, typeParser_.parse(*a.annotation));
        }
        break;
      }
      case ast::StmtKind::Def:
        info.methods.push_back(&stmt->as<ast::Def>());
        break;
      case ast::StmtKind::Pass:
        break;
      default:
        throw CompileError("unexpected statement in the body of class '" + def.name + "'",
                           stmt->range());
    }
  }
  for (const auto& p : parameters) {
    auto slot = cls.findAttribute(p);
    SCONCE_CHECK(FormatError, slot.has_value(),
                 "class '{}' lists parameter '{}' in __parameters__ but declares no such attribute",
                 cls.name(), p);
    cls.attribute(*slot).isParameter = true;
  }
  for (const auto& b : buffers) {
    auto slot = cls.findAttribute(b);
    SCONCE_CHECK(FormatError, slot.has_value(),
                 "class '{}' lists buffer '{}' in __buffers__ but declares no such attribute",
                 cls.name(), b);
    cls.attribute(*slot).isBuffer = true;
  }
}

IValue SourceImporter::evaluateConstant(const ast::Expr& e) const {
  switch (e.kind()) {
    case ast::ExprKind::IntLiteral: return IValue(e.as<ast::IntLiteral>().value);
    case ast::ExprKind::FloatLiteral: return IValue(e.as<ast::FloatLiteral>().value);
    case ast::ExprKind::ImagLiteral:
      return IValue(std::complex<double>(0.0, e.as<ast::ImagLiteral>().value));
    case ast::ExprKind::StringLiteral: return IValue(e.as<ast::StringLiteral>().value);
    case ast::ExprKind::BoolLiteral: return IValue(e.as<ast::BoolLiteral>().value);
    case ast::ExprKind::NoneLiteral: return IValue();
    case ast::ExprKind::TupleLiteral: {
      std::vector<IValue> items;
      for (const auto& el : e.as<ast::TupleLiteral>().elements) items.push_back(evaluateConstant(*el));
      return IValue(TupleObj::create(std::move(items)));
    }
    case ast::ExprKind::ListLiteral: {
      std::vector<IValue> items;
      for (const auto& el : e.as<ast::ListLiteral>().elements) items.push_back(evaluateConstant(*el));
      return IValue(ListObj::create(AnyType::get(), std::move(items)));
    }
    case ast::ExprKind::Unary: {
      const auto& u = e.as<ast::Unary>();
      IValue v = evaluateConstant(*u.operand);
      if (u.op == ast::UnaryOp::Neg && v.isInt()) return IValue(-v.toInt());
      if (u.op == ast::UnaryOp::Neg && v.isDouble()) return IValue(-v.toDouble());
      break;
    }
    case ast::ExprKind::Binary: {
      // Complex constants print as `1. + 2.j`.
      const auto& b = e.as<ast::Binary>();
      IValue l = evaluateConstant(*b.lhs), r = evaluateConstant(*b.rhs);
      if ((b.op == ast::BinaryOp::Add || b.op == ast::BinaryOp::Sub) && r.isComplex()) {
        std::complex<double> c = l.toComplex();
        return IValue(b.op == ast::BinaryOp::Add ? c + r.toComplex() : c - r.toComplex());
      }
      break;
    }
    case ast::ExprKind::Name: {
      const std::string& id = e.as<ast::Name>().id;
      if (id == "inf") return IValue(INFINITY);
      if (id == "nan") return IValue(NAN);
      break;
    }
    case ast::ExprKind::Attribute: {
      std::string name = dottedName(e);
      if (name.starts_with("CONSTANTS.c")) return constant(std::stoul(name.substr(11)));
      if (name == "math.inf") return IValue(INFINITY);
      if (name == "math.nan") return IValue(NAN);
      break;
    }
    case ast::ExprKind::Call: {
      // torch.device("cpu") constants.
      const auto& c = e.as<ast::Call>();
      if (dottedName(*c.callee) == "torch.device" && c.args.size() == 1 &&
          c.args[0]->is<ast::StringLiteral>())
        return IValue(Device::parse(c.args[0]->as<ast::StringLiteral>().value));
      break;
    }
    default:
      break;
  }
  throw CompileError("expression is not a constant", e.range());
}

}  // namespace sconce
