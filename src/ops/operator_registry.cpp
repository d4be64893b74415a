// OperatorRegistry: lazily parsed schema table plus registered kernels.
#include "ops/operator_registry.h"

#include "ops/register_kernels.h"

namespace sconce {
namespace {

// PyTorch 1.13's schemas, in its registration order (which decides between ambiguous
// overloads of one name).
constexpr const char* kSchemaTable[] = {
#include "ops/schema_table.inc"
};

// PyTorch 2.x's schemas whose operator name 1.13 lacks; loaded after the 1.13 ones, so
// a name's 2.x-only overloads come after its 1.13 overloads.
// (Each 2.x array ends with a null sentinel so that an empty file still compiles.)
constexpr const char* kSchemaTable2x[] = {
#include "ops/schema_table_2x.inc"
    nullptr};

// PyTorch 2.x texts that replace the 1.13 schema with the same operator name.
constexpr const char* kSchemaOverrides2x[] = {
#include "ops/schema_overrides_2x.inc"
    nullptr};

/// "aten::add.Tensor" of a schema text.
std::string_view operatorNameOf(std::string_view text) { return text.substr(0, text.find('(')); }

}  // namespace

std::span<const char* const> schemaTable113() { return kSchemaTable; }
std::span<const char* const> schemaTable2x() { return std::span(kSchemaTable2x).first(std::size(kSchemaTable2x) - 1); }
std::span<const char* const> schemaOverrides2x() {
  return std::span(kSchemaOverrides2x).first(std::size(kSchemaOverrides2x) - 1);
}

std::string_view schemaQualifiedName(std::string_view s) {
  size_t end = s.find_first_of(".(");
  // "aten::add.Tensor": the '.' after '::' starts the overload name.
  return s.substr(0, end);
}

OperatorRegistry::OperatorRegistry() {
  std::unordered_map<std::string_view, std::string_view> overrides;
  for (std::string_view text : schemaOverrides2x()) overrides.emplace(operatorNameOf(text), text);
  for (std::string_view text : kSchemaTable) {
    auto it = overrides.find(operatorNameOf(text));
    if (it != overrides.end()) text = it->second;
    entryFor(schemaQualifiedName(text)).pending.push_back(text);
  }
  for (std::string_view text : schemaTable2x()) entryFor(schemaQualifiedName(text)).pending.push_back(text);
}

OperatorRegistry& OperatorRegistry::global() {
  // Kernels register after construction so that registerKernel can find their schemas.
  static OperatorRegistry* instance = [] {
    auto* r = new OperatorRegistry();
    registerAllKernels(*r);
    return r;
  }();
  return *instance;
}

OperatorRegistry::Entry& OperatorRegistry::entryFor(std::string_view qualifiedName) {
  auto it = entries_.find(std::string(qualifiedName));
  if (it == entries_.end()) it = entries_.emplace(std::string(qualifiedName), Entry{}).first;
  return it->second;
}

void OperatorRegistry::parsePending(Entry& e) {
  for (std::string_view text : e.pending) {
    auto op = std::make_unique<Operator>();
    op->schema = parseSchema(text);
    e.view.push_back(op.get());
    e.ops.push_back(std::move(op));
  }
  e.pending.clear();
}

const std::vector<const Operator*>& OperatorRegistry::lookup(Symbol name) {
  static const std::vector<const Operator*> kEmpty;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(name.toQualString());
  if (it == entries_.end()) return kEmpty;
  parsePending(it->second);
  return it->second.view;
}

const Operator* OperatorRegistry::find(std::string_view operatorName) {
  std::string_view base = schemaQualifiedName(operatorName);
  std::string_view overload;
  if (operatorName.size() > base.size() && operatorName[base.size()] == '.')
    overload = operatorName.substr(base.size() + 1);
  if (size_t paren = overload.find('('); paren != std::string_view::npos)
    overload = overload.substr(0, paren);
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(base));
  if (it == entries_.end()) return nullptr;
  parsePending(it->second);
  for (const Operator* op : it->second.view)
    if (op->schema.overloadName == overload) return op;
  return nullptr;
}

void OperatorRegistry::registerKernel(std::string_view schemaOrName, KernelFn kernel) {
  bool isSchema = schemaOrName.find('(') != std::string_view::npos;
  const Operator* existing = nullptr;
  if (isSchema) {
    FunctionSchema parsed = parseSchema(schemaOrName);
    existing = find(parsed.operatorName());
    if (!existing) {
      std::lock_guard lock(mutex_);
      Entry& e = entryFor(parsed.name);
      parsePending(e);
      auto op = std::make_unique<Operator>();
      op->schema = std::move(parsed);
      op->kernel = kernel;
      e.view.push_back(op.get());
      e.ops.push_back(std::move(op));
      return;
    }
  } else {
    existing = find(schemaOrName);
    SCONCE_ASSERT(existing != nullptr, "registerKernel: unknown operator '{}'", schemaOrName);
  }
  SCONCE_ASSERT(existing->kernel == nullptr, "registerKernel: '{}' already has a kernel",
                existing->schema.operatorName());
  const_cast<Operator*>(existing)->kernel = kernel;
}

size_t OperatorRegistry::schemaCount() {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& [name, e] : entries_) n += e.pending.size() + e.ops.size();
  return n;
}

size_t OperatorRegistry::kernelCount() {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& [name, e] : entries_)
    for (const auto& op : e.ops) n += op->hasKernel();
  return n;
}

}  // namespace sconce
