// ScriptModule: loading, preparing and running a TorchScript archive's methods.
#include "module/script_module.h"

#include <fmt/format.h>

#include <unordered_set>

#include "passes/dead_code_elimination.h"
#include "runtime/is_instance.h"

namespace sconce {

std::shared_ptr<Graph> optimizedGraph(const Graph& graph, const passes::CalleeGraphs& callees) {
  std::shared_ptr<Graph> g = graph.copy();
  passes::eliminateDeadCode(*g, callees);
  return g;
}

std::shared_ptr<ScriptModule> ScriptModule::load(const std::string& path) {
  std::shared_ptr<ScriptModule> m(new ScriptModule());
  m->archive_ = Archive::open(path);
  const Archive& archive = *m->archive_;
  SCONCE_CHECK(UnsupportedError, archive.kind() == Archive::Kind::TorchScript,
               "'{}' is a {}, not a TorchScript archive (torch.jit.save)", path,
               archive.kindDescription());
  std::shared_ptr<const Archive> keep = m->archive_;
  m->importer_ = std::make_shared<SourceImporter>(
      [keep](const std::string& p) { return keep->readRecordIfPresent(p); },
      archive.loadConstants());
  m->unit_ = std::make_unique<CompilationUnit>(m->importer_);
  auto importer = m->importer_;
  m->object_ =
      archive.loadData([importer](const std::string& name) { return importer->findClass(name); });
  SCONCE_CHECK(FormatError, m->object_.isObject(),
               "'{}': data.pkl holds a {}, not a module object", path, m->object_.tagName());
  m->type_ = m->object_.toObject()->type;

  // Callees are compiled before their callers finish, so by the time the runtime asks
  // for a graph it exists; the lock covers methods reached only dynamically
  // (interface calls), which compile on first call.
  ScriptModule* self = m.get();
  m->runtime_ = std::make_unique<Runtime>(
      [self](Function* f) {
        std::lock_guard<std::recursive_mutex> lock(self->compileMutex_);
        return optimizedGraph(*f->graph(), [](Function* callee) { return callee->graph(); });
      },
      [](Function* f) { return f->name(); });
  return m;
}

std::vector<std::string> ScriptModule::methodNames() {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  std::vector<std::string> names;
  for (Function* f : unit_->methods(type_)) names.push_back(f->name());
  return names;
}

bool ScriptModule::hasMethod(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  return unit_->getMethod(type_, name) != nullptr;
}

Function* ScriptModule::methodOrThrow(const std::string& name) {
  Function* f = unit_->getMethod(type_, name);
  if (!f) {
    std::vector<std::string> names;
    for (Function* m : unit_->methods(type_)) names.push_back(m->name());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    fail<ValueError>("module '{}' has no method '{}' (it has: {})", type_->name(), name,
                     list.empty() ? "none" : list);
  }
  return f;
}

std::shared_ptr<Graph> ScriptModule::graph(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  return methodOrThrow(name)->graph();
}

std::shared_ptr<Graph> ScriptModule::graphByQualifiedName(const std::string& qualifiedName) {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  if (Function* f = unit_->getFunction(qualifiedName)) return f->graph();
  size_t dot = qualifiedName.rfind('.');
  if (dot == std::string::npos) return nullptr;
  ClassTypePtr cls = importer_->findClass(qualifiedName.substr(0, dot));
  if (!cls) return nullptr;
  Function* f = unit_->getMethod(cls, qualifiedName.substr(dot + 1));
  return f ? f->graph() : nullptr;
}

const FunctionSchema& ScriptModule::schema(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  return methodOrThrow(name)->schema();
}

void ScriptModule::prepare(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(compileMutex_);
  if (prepared_.count(name)) return;
  Function* f = methodOrThrow(name);
  f->graph();  // compiles f and, transitively, every function it calls statically
  // Lower every compiled function now: an op without a kernel anywhere in the call
  // tree is reported here, with its source line, rather than mid-run.
  for (Function* g : unit_->functions())
    if (g->isCompiled()) runtime_->codeFor(g);
  prepared_.emplace(name, f);
}

IValue ScriptModule::run(const std::string& name, std::vector<IValue> args) {
  Function* f;
  {
    std::lock_guard<std::recursive_mutex> lock(compileMutex_);
    auto it = prepared_.find(name);
    if (it == prepared_.end()) {
      prepare(name);
      it = prepared_.find(name);
    }
    f = it->second;
  }
  const FunctionSchema& schema = f->schema();  // computed by prepare(): read-only now
  size_t expected = schema.arguments.size() - 1;
  std::vector<IValue> full;
  full.reserve(expected + 1);
  full.push_back(object_);
  // Trailing parameters with defaults may be left out, as from Python.
  SCONCE_CHECK(ValueError, args.size() <= expected,
               "{}() takes {} argument{} but {} were given", name, expected,
               expected == 1 ? "" : "s", args.size());
  for (size_t i = 0; i < expected; ++i) {
    const Argument& a = schema.arguments[i + 1];
    if (i < args.size()) {
      full.push_back(coerceToType(args[i], a.type, fmt::format("argument '{}' of {}()", a.name, name)));
    } else {
      SCONCE_CHECK(ValueError, a.defaultValue.has_value(),
                   "{}() is missing a value for argument '{}'", name, a.name);
      full.push_back(*a.defaultValue);
    }
  }
  return runtime_->call(f, std::move(full));
}

namespace {

[[noreturn]] void typeMismatch(const IValue& v, const TypePtr& type, const std::string& what) {
  fail<ValueError>("{} expected a value of type '{}' but got {}", what, type->annotationStr(),
                   v.tagName());
}

}  // namespace

IValue coerceToType(const IValue& v, const TypePtr& type, const std::string& what) {
  // A one-element tensor where a number is declared becomes the number, as Python's
  // int()/float()/bool() conversions of the argument do for PyTorch.
  if (v.isTensor() && v.toTensor().defined() && v.toTensor().numel() == 1 &&
      !isComplexType(v.toTensor().dtype())) {
    const Tensor& t = v.toTensor();
    if (type->kind() == TypeKind::Int && isIntegralType(t.dtype(), false)) return IValue(t.itemAsInt());
    if (type->kind() == TypeKind::Float) return IValue(t.itemAsDouble());
    if (type->kind() == TypeKind::Bool) return IValue(t.itemAsDouble() != 0);
  }
  switch (type->kind()) {
    case TypeKind::Float:
      if (v.isInt()) return IValue(static_cast<double>(v.toInt()));
      break;
    case TypeKind::Bool:
      // Python's bool(0/1), as pybind11's converting bool cast does for PyTorch.
      if (v.isInt()) return IValue(v.toInt() != 0);
      break;
    case TypeKind::Complex:
      if (v.isInt()) return IValue(std::complex<double>(static_cast<double>(v.toInt()), 0));
      if (v.isDouble()) return IValue(std::complex<double>(v.toDouble(), 0));
      break;
    case TypeKind::Optional: {
      if (v.isNone()) return v;
      return coerceToType(v, type->cast<OptionalType>()->elementType(), what);
    }
    case TypeKind::Union: {
      for (const TypePtr& m : type->cast<UnionType>()->members())
        if (isInstance(v, *m)) return v;
      break;
    }
    case TypeKind::List: {
      if (!v.isList()) break;
      const TypePtr& elem = type->cast<ListType>()->elementType();
      auto out = ListObj::create(elem);
      out->elements.reserve(v.toList()->elements.size());
      for (const IValue& e : v.toList()->elements) out->elements.push_back(coerceToType(e, elem, what));
      return IValue(out);
    }
    case TypeKind::Dict: {
      if (!v.isDict()) break;
      const auto* dt = type->cast<DictType>();
      auto out = DictObj::create(dt->keyType(), dt->valueType());
      for (const auto& [k, val] : v.toDict()->items())
        out->insertOrAssign(coerceToType(k, dt->keyType(), what),
                            coerceToType(val, dt->valueType(), what));
      return IValue(out);
    }
    case TypeKind::Tuple: {
      if (!v.isTuple()) break;
      const auto* tt = type->cast<TupleType>();
      const auto& elems = v.toTuple()->elements;
      if (elems.size() != tt->elements().size()) break;
      std::vector<IValue> out;
      out.reserve(elems.size());
      for (size_t i = 0; i < elems.size(); ++i)
        out.push_back(coerceToType(elems[i], tt->elements()[i], what));
      return IValue(TupleObj::create(std::move(out), type));
    }
    default:
      break;
  }
  if (!isInstance(v, *type)) typeMismatch(v, type, what);
  return v;
}

}  // namespace sconce
