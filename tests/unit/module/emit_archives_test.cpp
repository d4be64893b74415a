// Every method of every fixture archive (tests/fixtures/gen_archives.py: torchvision
// models scripted and traced, an LSTM, a transformer, a program module with classes,
// NamedTuples and containers) compiles into a graph that passes the verifier.
#include "emit_test_util.h"

#include "ir/printer.h"

namespace sconce::emit_test {
namespace {

const fs::path kFixtureScripts = fs::path(SCONCE_SOURCE_DIR) / "tests/fixtures";
const fs::path kArchives = fs::path(SCONCE_BINARY_DIR) / "fixtures/emit_archives";

const std::string& archivesProblem() {
  std::vector<fs::path> sources;
  for (const auto& e : fs::directory_iterator(kFixtureScripts))
    if (e.path().extension() == ".py") sources.push_back(e.path());
  std::sort(sources.begin(), sources.end());
  return testing::ensureGenerated(kArchives, "/usr/bin/python3 " + (kFixtureScripts / "gen_archives.py").string(),
                                  sources);
}

std::vector<fs::path> archivePaths() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kArchives))
    if (fs::exists(e.path() / "model.pt")) out.push_back(e.path() / "model.pt");
  std::sort(out.begin(), out.end());
  return out;
}

TEST(EmitArchives, EveryMethodOfEveryFixtureCompilesAndVerifies) {
  SCONCE_REQUIRE_FIXTURES(archivesProblem());
  std::vector<fs::path> paths = archivePaths();
  ASSERT_GE(paths.size(), 20u) << "expected the gen_archives.py fixtures in " << kArchives;
  for (const fs::path& path : paths) {
    SCOPED_TRACE(path.string());
    try {
      LoadedArchive a = loadArchive(path);
      a.unit->compileAll(a.root);
      size_t compiled = 0;
      for (Function* f : a.unit->functions()) {
        if (!f->isCompiled()) continue;
        ++compiled;
        std::vector<std::string> problems = graphProblems(*f->graph());
        EXPECT_TRUE(problems.empty()) << f->qualifiedName() << ": " << problems.front() << "\n"
                                      << f->graph()->str();
      }
      EXPECT_GE(compiled, 1u);
      EXPECT_NE(a.unit->getMethod(a.root, "forward"), nullptr);
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

TEST(EmitArchives, ProgramModuleShapes) {
  SCONCE_REQUIRE_FIXTURES(archivesProblem());
  LoadedArchive a = loadArchive(kArchives / "program_scripted/model.pt");
  auto graphOf = [&](const char* method) {
    Function* f = a.unit->getMethod(a.root, method);
    EXPECT_NE(f, nullptr) << method;
    return f->graph();
  };
  // collatz: `while n != 1` carries the condition and n; Counter is created and bumped.
  auto collatz = graphOf("collatz");
  auto loops = findNodes(*collatz, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 2u);
  EXPECT_EQ(countNodes(*collatz, "prim::CreateObject"), 1u);
  EXPECT_EQ(countNodes(*collatz, "prim::CallMethod"), 2u);  // __init__, bump
  // lookup: both branches join into one Optional[int].
  auto lookup = graphOf("lookup");
  auto ifs = findNodes(*lookup, "prim::If");
  ASSERT_EQ(ifs.size(), 1u);
  ASSERT_EQ(ifs[0]->outputs().size(), 1u);
  EXPECT_EQ(ifs[0]->output()->type()->str(), "int?");
  // summarize builds the Stats NamedTuple.
  auto summarize = graphOf("summarize");
  auto tuples = findNodes(*summarize, "prim::TupleConstruct");
  ASSERT_FALSE(tuples.empty());
  EXPECT_EQ(tuples.back()->output()->type()->annotationStr(), "__torch__.Stats");
  // Methods were registered on the class type.
  EXPECT_NE(a.root->findMethod("encode"), nullptr);
}

TEST(EmitArchives, LstmShapes) {
  SCONCE_REQUIRE_FIXTURES(archivesProblem());
  LoadedArchive a = loadArchive(kArchives / "lstm_scripted/model.pt");
  a.unit->compileAll(a.root);
  // The LSTM's forward__0 refines `hx` with unchecked_cast and raises on bad shapes.
  bool sawLstm = false;
  for (Function* f : a.unit->functions()) {
    if (f->name() != "forward__0" || !f->isCompiled()) continue;
    sawLstm = true;
    const Graph& g = *f->graph();
    EXPECT_GE(countNodes(g, "prim::unchecked_cast"), 1u);
    EXPECT_GE(countNodes(g, "prim::RaiseException"), 1u);
    EXPECT_GE(countNodes(g, "aten::lstm"), 1u);
  }
  EXPECT_TRUE(sawLstm);
}

}  // namespace
}  // namespace sconce::emit_test
