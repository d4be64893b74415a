// Shared helpers of the IR emitter tests.
#include "emit_test_util.h"

#include <fcntl.h>
#include <sys/file.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "ir/verifier.h"

namespace sconce::emit_test {

std::string readFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

namespace {

std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

void collect(const Block* b, const std::string& kind, std::vector<Node*>& out) {
  for (Node* n : b->nodes()) {
    if (kind.empty() || n->kind().toQualString() == kind) out.push_back(n);
    for (const Block* inner : n->blocks()) collect(inner, kind, out);
  }
}

}  // namespace

std::string ensureFixtures(const fs::path& outDir, const std::string& command,
                           const std::vector<fs::path>& stampSources) {
  std::string sources;
  for (const auto& p : stampSources) sources += readFile(p);
  std::string stamp = std::to_string(std::hash<std::string>()(sources));
  if (readFile(outDir / "stamp") == stamp) return {};
  // Test processes run concurrently: one generates under an exclusive flock() while
  // the others wait, then find the stamp current.
  fs::create_directories(outDir.parent_path());
  int lock = ::open((outDir.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock >= 0) ::flock(lock, LOCK_EX);
  struct Unlock {
    int fd;
    ~Unlock() {
      if (fd >= 0) ::close(fd);  // closing releases the lock
    }
  } unlock{lock};
  if (readFile(outDir / "stamp") == stamp) return {};
  if (run("/usr/bin/python3 -c 'import torch'").first != 0)
    return "/usr/bin/python3 with torch is not available";
  // Concurrent test processes each generate into their own folder; the first rename
  // wins and the others use its (identical) output.
  fs::path tmp = outDir.string() + ".tmp" + std::to_string(getpid());
  fs::remove_all(tmp);
  auto [rc, out] = run(command + " " + tmp.string());
  if (rc != 0) return command + " failed:\n" + out;
  std::ofstream(tmp / "stamp") << stamp;
  std::error_code ec;
  if (readFile(outDir / "stamp") != stamp) fs::remove_all(outDir, ec);
  fs::create_directories(outDir.parent_path());
  fs::rename(tmp, outDir, ec);
  if (ec) fs::remove_all(tmp);
  return {};
}

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
