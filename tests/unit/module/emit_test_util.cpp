// Shared helpers of the IR emitter tests.
#include "emit_test_util.h"

#include "ir/verifier.h"

namespace sconce::emit_test {

namespace {

void collect(const Block* b, const std::string& kind, std::vector<Node*>& out) {
  for (Node* n : b->nodes()) {
    if (kind.empty() || n->kind().toQualString() == kind) out.push_back(n);
    for (const Block* inner : n->blocks()) collect(inner, kind, out);
  }
}

}  // namespace

LoadedArchive loadArchive(const fs::path& path) {
  LoadedArchive a;
  a.archive = Archive::open(path.string());
  auto archive = a.archive;
  a.importer = std::make_shared<SourceImporter>(
      [archive](const std::string& p) { return archive->readRecordIfPresent(p); },
      archive->loadConstants());
  a.unit = std::make_unique<CompilationUnit>(a.importer);
  auto importer = a.importer;
  IValue data = a.archive->loadData([importer](const std::string& name) {
    return importer->findClass(name);
  });
  a.root = data.toObject()->type;
  return a;
}

std::shared_ptr<Graph> SourceUnit::compile(const std::string& name) {
  Function* f = unit->getFunction("__torch__." + name);
  if (!f) throw std::runtime_error("no function __torch__." + name + " in the source");
  return f->graph();
}

SourceUnit sourceUnit(const std::string& source) {
  SourceUnit s;
  s.importer = std::make_shared<SourceImporter>(
      [source](const std::string& p) -> std::optional<std::string> {
        if (p == "code/__torch__.py") return source;
        return std::nullopt;
      });
  s.unit = std::make_unique<CompilationUnit>(s.importer);
  return s;
}

std::vector<std::string> graphProblems(const Graph& g) {
  std::vector<std::string> problems = verify(g);
  for (const char* kind : {"prim::ReturnStmt", "prim::LoopContinuation", "prim::forkClosure",
                           "prim::Closure", "prim::EmptyListLiteral", "prim::With"})
    if (size_t n = countNodes(g, kind))
      problems.push_back(std::to_string(n) + " " + kind + " node(s) left in the graph");
  return problems;
}

std::vector<Node*> findNodes(const Graph& g, const std::string& kind) {
  std::vector<Node*> out;
  collect(g.block(), kind, out);
  return out;
}

size_t countNodes(const Graph& g, const std::string& kind) { return findNodes(g, kind).size(); }

bool hasStringConstant(const Graph& g, const std::string& value) {
  for (Node* n : findNodes(g, "prim::Constant")) {
    std::optional<IValue> v = toIValue(n->output());
    if (v && v->isString() && v->toStringRef() == value) return true;
  }
  return false;
}

}  // namespace sconce::emit_test
