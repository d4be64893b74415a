// `sconce inspect MODEL.pt [--json]`: what is inside a PyTorch file, without running it.
//
// For a TorchScript archive: producer/format facts, the module tree (class names,
// attributes, parameters and buffers with dtype and shape), totals, and the code files
// with the classes and defs they define. For a torch.save file: the value tree.
// Loading uses the same safe path as everything else (no code from the file runs), and
// parameters/buffers are classified by the `__parameters__`/`__buffers__` declarations
// of each class, exactly as PyTorch's named_parameters() sees them.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unordered_set>

#include "frontend/parser.h"
#include "frontend/source_importer.h"
#include "serialization/archive.h"
#include "tools/sconce/commands.h"
#include "tools/sconce/value_format.h"

namespace sconce::cli {
namespace {

using nlohmann::json;

struct NamedTensor {
  std::string name;
  Tensor tensor;
};

struct Totals {
  std::vector<NamedTensor> parameters, buffers;
  std::unordered_set<const void*> seen;  // named_parameters() drops duplicates
};

std::string thousands(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

bool isModuleObject(const IValue& v) { return v.isObject() && v.objectRef().type->isModule(); }

// Walks a module object: own parameters/buffers first, then children, as PyTorch does.
json walkModule(const Object& m, const std::string& prefix, Totals& totals, std::string* text,
                int depth) {
  const ClassType& cls = *m.type;
  json node = {{"class", cls.name()}};
  json attrs = json::array(), params = json::array(), buffers = json::array(),
       children = json::array();
  std::string pad(static_cast<size_t>(depth + 1) * 2, ' ');
  auto qualified = [&](const std::string& n) { return prefix.empty() ? n : prefix + "." + n; };
  for (size_t i = 0; i < cls.attributes().size() && i < m.slots.size(); ++i) {
    const auto& attr = cls.attributes()[i];
    const IValue& v = m.slots[i];
    if (isModuleObject(v)) continue;
    if ((attr.isParameter || attr.isBuffer) && v.isTensor() && v.toTensor().defined()) {
      Tensor t = v.toTensor();
      json entry = {{"name", attr.name}, {"dtype", scalarTypeName(t.dtype())}, {"shape", t.sizes()}};
      (attr.isParameter ? params : buffers).push_back(entry);
      if (totals.seen.insert(t.impl()).second)
        (attr.isParameter ? totals.parameters : totals.buffers).push_back({qualified(attr.name), t});
      if (text)
        *text += fmt::format("{}{:<20} {:<9} {}\n", pad, attr.name,
                             attr.isParameter ? "parameter" : "buffer", describeTensor(t));
    } else {
      attrs.push_back({{"name", attr.name}, {"type", attr.type->annotationStr()}, {"value", toJson(v)}});
      if (text) *text += fmt::format("{}{} = {}\n", pad, attr.name, summarize(v, 70));
    }
  }
  for (size_t i = 0; i < cls.attributes().size() && i < m.slots.size(); ++i) {
    const IValue& v = m.slots[i];
    if (!isModuleObject(v)) continue;
    const std::string& name = cls.attributes()[i].name;
    const Object& child = v.objectRef();
    if (text)
      *text += fmt::format("{}{}: {}  [{}]\n", pad, name, child.type->prettyName(), child.type->name());
    json c = walkModule(child, qualified(name), totals, text, depth + 1);
    c["name"] = name;
    children.push_back(std::move(c));
  }
  node["attributes"] = attrs;
  node["parameters"] = params;
  node["buffers"] = buffers;
  node["children"] = children;
  return node;
}

json tensorList(const std::vector<NamedTensor>& list, uint64_t& elements, uint64_t& bytes) {
  json out = json::array();
  elements = bytes = 0;
  for (const auto& [name, t] : list) {
    out.push_back({{"name", name}, {"dtype", scalarTypeName(t.dtype())}, {"shape", t.sizes()}});
    elements += static_cast<uint64_t>(t.numel());
    bytes += t.nbytes();
  }
  return out;
}

// The classes and defs each code file defines; a file that fails to parse is reported,
// not fatal, so inspect still works on archives the frontend cannot compile.
json describeCode(const Archive& archive, std::string* text) {
  json files = json::array();
  for (const auto& path : archive.codeFiles()) {
    json entry = {{"file", path}};
    std::vector<std::string> parts;
    try {
      ast::Module mod = parseModule(std::make_shared<Source>(archive.readRecord(path), path));
      json classes = json::array(), functions = json::array();
      for (const auto& stmt : mod.body) {
        if (const auto* c = stmt->dynCast<ast::ClassDef>()) {
          json methods = json::array();
          std::vector<std::string> names;
          for (const auto& s : c->body)
            if (const auto* d = s->dynCast<ast::Def>()) {
              methods.push_back(d->name);
              names.push_back(d->name);
            }
          classes.push_back({{"name", c->name}, {"methods", methods}});
          parts.push_back(names.empty() ? "class " + c->name
                                        : fmt::format("class {}: {}", c->name, fmt::join(names, ", ")));
        } else if (const auto* d = stmt->dynCast<ast::Def>()) {
          functions.push_back(d->name);
          parts.push_back("def " + d->name);
        }
      }
      entry["classes"] = classes;
      entry["functions"] = functions;
    } catch (const CompileError& e) {
      entry["error"] = e.message();
      parts.push_back("(cannot parse: " + e.message() + ")");
    }
    if (text) *text += fmt::format("  {}\n      {}\n", path, fmt::join(parts, "; "));
    files.push_back(std::move(entry));
  }
  return files;
}

int runInspect(const std::string& path, bool asJson) {
  auto archive = Archive::open(path);
  std::string text;
  std::string* out = asJson ? nullptr : &text;
  json report = {{"file", path}};
  switch (archive->kind()) {
    case Archive::Kind::TorchScript: report["kind"] = "torchscript"; break;
    case Archive::Kind::TorchSave: report["kind"] = "torch.save"; break;
    case Archive::Kind::LegacyTorchSave: report["kind"] = "torch.save-legacy"; break;
  }
  auto version = archive->formatVersion();
  report["format_version"] = version ? json(*version) : json(nullptr);
  report["version_record"] = archive->versionRecord();
  report["root"] = archive->root();
  auto records = archive->recordNames();
  report["records"] = records;
  bool pt2 = archive->hasRecord(".data/serialization_id");
  std::string producer = archive->kind() == Archive::Kind::LegacyTorchSave ? "PyTorch < 1.6 format"
                         : pt2 ? "PyTorch 2.x (has .data/serialization_id)"
                               : "PyTorch 1.x layout";
  report["producer"] = producer;
  std::vector<std::string> extra;
  for (const auto& r : records)
    if (r.starts_with("extra/")) extra.push_back(r.substr(6));
  report["extra_files"] = extra;
  if (out) {
    text += fmt::format("Archive   {}\n", path);
    text += fmt::format("Kind      {}\n", archive->kindDescription());
    text += fmt::format("Producer  {}", producer);
    if (version) text += fmt::format(", file format version {} (record '{}')", *version, archive->versionRecord());
    if (auto order = archive->readRecordIfPresent("byteorder")) text += ", byte order " + *order;
    text += "\n";
    if (!records.empty()) text += fmt::format("Records   {} under '{}'\n", records.size(), archive->root());
    if (!extra.empty()) text += fmt::format("Extra     {}\n", fmt::join(extra, ", "));
  }

  if (archive->kind() != Archive::Kind::TorchScript) {
    IValue value = archive->loadData();
    report["value"] = toJson(value);
    if (out) {
      text += "\nValue\n  ";
      printTree(value, text, 1);
    }
  } else {
    SourceImporter importer(
        [&](const std::string& p) { return archive->readRecordIfPresent(p); },
        archive->loadConstants());
    IValue root = archive->loadData([&](const std::string& q) { return importer.findClass(q); });
    SCONCE_CHECK(FormatError, root.isObject(), "'{}': data.pkl holds a {}, not a module object",
                 path, root.tagName());
    const Object& module = root.objectRef();
    Totals totals;
    if (out)
      text += fmt::format("\nModule tree\n  {}  [{}]\n", module.type->prettyName(), module.type->name());
    json tree = walkModule(module, "", totals, out, 0);
    tree["name"] = "";
    report["module"] = tree;
    report["class"] = module.type->name();
    uint64_t pElems, pBytes, bElems, bBytes;
    report["parameters"] = tensorList(totals.parameters, pElems, pBytes);
    report["buffers"] = tensorList(totals.buffers, bElems, bBytes);
    report["parameter_count"] = pElems;
    report["parameter_bytes"] = pBytes;
    report["buffer_count"] = bElems;
    json methods = json::array();
    if (const auto* info = importer.classInfo(module.type->name()))
      for (const auto* d : info->methods) methods.push_back(d->name);
    report["methods"] = methods;
    if (out) {
      text += fmt::format("\nParameters  {} tensors, {} elements, {} bytes\n", totals.parameters.size(),
                          thousands(pElems), thousands(pBytes));
      text += fmt::format("Buffers     {} tensors, {} elements, {} bytes\n", totals.buffers.size(),
                          thousands(bElems), thousands(bBytes));
      text += fmt::format("Methods     {}\n", fmt::join(methods, ", "));
      text += "\nCode\n";
    }
    report["code"] = describeCode(*archive, out);
  }
  if (asJson)
    fmt::print("{}\n", report.dump(2));
  else
    fmt::print("{}", text);
  return 0;
}

}  // namespace

void registerInspect(CLI::App& app, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("inspect", "Show the module tree, parameters and code of a .pt file");
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("model", *path, "a TorchScript archive or torch.save file")->required();
  cmd->add_flag("--json", *json, "print a machine-readable JSON report");
  cmd->callback([&action, path, json] { action = [path, json] { return runInspect(*path, *json); }; });
}

}  // namespace sconce::cli
