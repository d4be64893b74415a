// The IR emitter on programs covering each construct (make_programs.py): every entry is
// compiled twice — from the archive PyTorch 1.13 saved (normalized code) and from the
// hand-written source (break/continue, comprehensions, `with`, ... as written) — and
// the graphs are checked for the shape PyTorch gives them.
#include "emit_test_util.h"

#include "ir/printer.h"

namespace sconce::emit_test {
namespace {

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/module/make_programs.py";
const fs::path kPrograms = fs::path(SCONCE_BINARY_DIR) / "fixtures/emit_programs";

const std::string& programsProblem() {
  return testing::ensureGenerated(kPrograms, "/usr/bin/python3 " + kScript.string(), {kScript});
}

std::vector<std::string> entries() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(kPrograms))
    if (fs::exists(e.path() / "model.pt")) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// The entry compiled from its archive (the PlaceholderModule's forward) and from source.
struct Compiled {
  LoadedArchive archive;
  SourceUnit source;
  std::shared_ptr<Graph> fromArchive;
  std::shared_ptr<Graph> fromSource;
};

Compiled compileEntry(const std::string& entry) {
  Compiled c;
  c.archive = loadArchive(kPrograms / entry / "model.pt");
  c.fromArchive = c.archive.unit->getMethod(c.archive.root, "forward")->graph();
  if (fs::exists(kPrograms / entry / "source.py")) {
    c.source = sourceUnit(testing::readFile(kPrograms / entry / "source.py"));
    c.fromSource = c.source.compile(entry);
  }
  return c;
}

/// The entry compiled from hand-written source only, with problems reported.
std::shared_ptr<Graph> sourceGraph(const std::string& entry, SourceUnit& unit) {
  unit = sourceUnit(testing::readFile(kPrograms / entry / "source.py"));
  auto g = unit.compile(entry);
  std::vector<std::string> problems = graphProblems(*g);
  EXPECT_TRUE(problems.empty()) << entry << ": " << problems.front() << "\n" << g->str();
  return g;
}

#define SOURCE_GRAPH(entry)                      \
  SCONCE_REQUIRE_FIXTURES(programsProblem());    \
  SourceUnit unit_;                              \
  std::shared_ptr<Graph> g = sourceGraph(entry, unit_); \
  SCOPED_TRACE(g->str())

TEST(EmitPrograms, EveryEntryCompilesFromArchiveAndSource) {
  SCONCE_REQUIRE_FIXTURES(programsProblem());
  std::vector<std::string> names = entries();
  ASSERT_GE(names.size(), 40u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    try {
      Compiled c = compileEntry(name);
      for (const Graph* g : {c.fromArchive.get(), c.fromSource.get()}) {
        if (!g) continue;
        std::vector<std::string> problems = graphProblems(*g);
        EXPECT_TRUE(problems.empty()) << problems.front() << "\n" << g->str();
      }
      if (!c.fromSource) continue;
      // Both take the same arguments (plus `self` for the archive's forward).
      EXPECT_EQ(c.fromArchive->inputs().size(), c.fromSource->inputs().size() + 1);
      // The same type, up to the module the archive's classes were defined in.
      std::string archiveType = c.fromArchive->outputs()[0]->type()->str();
      for (size_t p; (p = archiveType.find("prog_")) != std::string::npos;)
        archiveType.erase(p, archiveType.find('.', p) + 1 - p);
      EXPECT_EQ(archiveType, c.fromSource->outputs()[0]->type()->str());
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

// ---- if / conditions -------------------------------------------------------------------------

TEST(EmitPrograms, IfJoinsVariablesAssignedInBothBranches) {
  SOURCE_GRAPH("if_join");
  auto ifs = findNodes(*g, "prim::If");
  ASSERT_EQ(ifs.size(), 1u);
  ASSERT_EQ(ifs[0]->outputs().size(), 2u);  // y and z
  for (Value* out : ifs[0]->outputs()) EXPECT_EQ(out->type()->str(), "int");
}

TEST(EmitPrograms, IfJoinOfIntAndNoneIsOptional) {
  SOURCE_GRAPH("if_optional_join");
  auto ifs = findNodes(*g, "prim::If");
  ASSERT_EQ(ifs.size(), 1u);
  ASSERT_EQ(ifs[0]->outputs().size(), 1u);
  EXPECT_EQ(ifs[0]->output()->type()->str(), "int?");
}

TEST(EmitPrograms, ElifIsANestedIf) {
  SOURCE_GRAPH("elif_chain");
  EXPECT_EQ(countNodes(*g, "prim::If"), 2u);
  EXPECT_EQ(g->outputs()[0]->type()->str(), "str");
}

TEST(EmitPrograms, IsNoneRefinesOptional) {
  SOURCE_GRAPH("refine_is_none");
  EXPECT_EQ(countNodes(*g, "aten::__is__"), 1u);
  auto casts = findNodes(*g, "prim::unchecked_cast");
  ASSERT_EQ(casts.size(), 1u);
  EXPECT_EQ(casts[0]->output()->type()->str(), "int");
  EXPECT_EQ(countNodes(*g, "prim::ReturnStmt"), 0u);
}

TEST(EmitPrograms, AndCombinesRefinements) {
  SOURCE_GRAPH("refine_and");
  EXPECT_EQ(countNodes(*g, "prim::unchecked_cast"), 2u);  // x and y in the true branch
  EXPECT_EQ(countNodes(*g, "aten::__isnot__"), 2u);
}

TEST(EmitPrograms, TernaryIsAnIfWithOneOutput) {
  SOURCE_GRAPH("ternary");
  auto ifs = findNodes(*g, "prim::If");
  ASSERT_EQ(ifs.size(), 1u);
  EXPECT_EQ(ifs[0]->output()->type()->str(), "float");
}

TEST(EmitPrograms, StaticConditionCompilesOneBranch) {
  SOURCE_GRAPH("static_if");
  EXPECT_EQ(countNodes(*g, "prim::If"), 0u);
  EXPECT_EQ(countNodes(*g, "aten::__is__"), 0u);
  EXPECT_EQ(g->outputs()[0], g->inputs()[0]);
}

TEST(EmitPrograms, AndOrShortCircuit) {
  SOURCE_GRAPH("short_circuit");
  EXPECT_EQ(countNodes(*g, "prim::If"), 3u);
  EXPECT_EQ(countNodes(*g, "aten::__not__"), 1u);
}

// ---- loops -------------------------------------------------------------------------------------

TEST(EmitPrograms, ForRangeCarriesTheAccumulator) {
  SOURCE_GRAPH("for_range");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->inputs().size(), 3u);  // trip count, condition, s
  EXPECT_EQ(loops[0]->input(0), g->inputs()[0]);
  EXPECT_EQ(loops[0]->outputs().size(), 1u);
  EXPECT_EQ(countNodes(*g, "aten::add"), 1u);
}

TEST(EmitPrograms, ForRangeWithStepDerivesTheIndex) {
  SOURCE_GRAPH("for_range_step");
  EXPECT_EQ(countNodes(*g, "aten::__range_length"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::__derive_index"), 1u);
  // The list is appended to in place: nothing is carried.
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 0u);
}

TEST(EmitPrograms, ForOverListIndexesIt) {
  SOURCE_GRAPH("for_list");
  EXPECT_EQ(countNodes(*g, "aten::len"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::__getitem__"), 1u);
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->output(0)->type()->str(), "float");
}

TEST(EmitPrograms, ForOverTupleIsUnrolled) {
  SOURCE_GRAPH("for_tuple");
  EXPECT_EQ(countNodes(*g, "prim::Loop"), 0u);
  EXPECT_EQ(countNodes(*g, "aten::add"), 3u);
  EXPECT_EQ(countNodes(*g, "aten::str"), 2u);  // str(a str) is the str itself
}

TEST(EmitPrograms, ForOverDictIteratesKeys) {
  SOURCE_GRAPH("for_dict");
  EXPECT_EQ(countNodes(*g, "aten::keys"), 1u);
  EXPECT_EQ(countNodes(*g, "prim::Loop"), 1u);
}

TEST(EmitPrograms, ForOverStringIndexesCharacters) {
  SOURCE_GRAPH("for_str");
  auto items = findNodes(*g, "aten::__getitem__");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]->output()->type()->str(), "str");
}

TEST(EmitPrograms, EnumerateAndZipRunForTheShortestLength) {
  {
    SOURCE_GRAPH("for_enumerate");
    EXPECT_EQ(countNodes(*g, "prim::min"), 1u);
  }
  {
    SOURCE_GRAPH("for_zip");
    EXPECT_EQ(countNodes(*g, "prim::min"), 1u);
    EXPECT_EQ(countNodes(*g, "aten::_set_item"), 1u);
  }
}

TEST(EmitPrograms, WhileReevaluatesItsCondition) {
  SOURCE_GRAPH("while_loop");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 2u);  // n and steps
  EXPECT_EQ(toIValue(loops[0]->input(0))->toInt(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(countNodes(*g, "aten::ne"), 2u);  // before the loop and at the end of the body
}

TEST(EmitPrograms, NestedLoops) {
  SOURCE_GRAPH("nested_loops");
  EXPECT_EQ(countNodes(*g, "prim::Loop"), 2u);
}

// ---- exits -------------------------------------------------------------------------------------

TEST(EmitPrograms, BreakAndContinueBecomeFlags) {
  SOURCE_GRAPH("break_continue");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 1u);  // s
  EXPECT_GE(countNodes(*g, "prim::If"), 3u);
}

TEST(EmitPrograms, ReturnInsideLoopIsCarriedOut) {
  SOURCE_GRAPH("return_in_loop");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  // The "has returned" flag and the returned value are loop-carried.
  ASSERT_EQ(loops[0]->outputs().size(), 2u);
  EXPECT_EQ(loops[0]->output(0)->type()->str(), "bool");
  EXPECT_EQ(loops[0]->output(1)->type()->str(), "int");
}

TEST(EmitPrograms, ReturnInsideNestedLoops) {
  SOURCE_GRAPH("return_in_nested");
  EXPECT_EQ(countNodes(*g, "prim::Loop"), 2u);
  EXPECT_EQ(g->outputs()[0]->type()->str(), "(int, int)");
}

TEST(EmitPrograms, RaiseNamesTheExceptionClass) {
  SOURCE_GRAPH("raise_error");
  EXPECT_EQ(countNodes(*g, "prim::RaiseException"), 1u);
  EXPECT_TRUE(hasStringConstant(*g, "builtins.ValueError"));
}

TEST(EmitPrograms, AssertIsAnIfThatRaises) {
  SOURCE_GRAPH("assert_checks");
  EXPECT_EQ(countNodes(*g, "prim::If"), 2u);
  EXPECT_EQ(countNodes(*g, "prim::RaiseException"), 2u);
  EXPECT_TRUE(hasStringConstant(*g, "AssertionError: x must be positive"));
  EXPECT_TRUE(hasStringConstant(*g, "AssertionError: "));
}

TEST(EmitPrograms, WhileTrueWithBreak) {
  SOURCE_GRAPH("while_break");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 1u);
}

// ---- assignment --------------------------------------------------------------------------------

TEST(EmitPrograms, NestedTupleUnpacking) {
  SOURCE_GRAPH("tuple_unpack");
  EXPECT_EQ(countNodes(*g, "prim::TupleUnpack"), 2u);
  EXPECT_EQ(countNodes(*g, "prim::TupleConstruct"), 0u);  // `x, y = a, b` builds no tuple
}

TEST(EmitPrograms, AugmentedAssignmentIsInPlaceForTensorsAndLists) {
  SOURCE_GRAPH("aug_assign");
  EXPECT_EQ(countNodes(*g, "aten::add_"), 2u);  // the tensor and the list
  EXPECT_EQ(countNodes(*g, "aten::mul_"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::sub"), 1u);   // ints are rebound
  EXPECT_EQ(countNodes(*g, "aten::mul"), 1u);
}

TEST(EmitPrograms, ChainedAssignmentEvaluatesOnce) {
  SOURCE_GRAPH("chained_assign");
  EXPECT_EQ(countNodes(*g, "aten::add"), 1u);
}

TEST(EmitPrograms, DeleteItems) {
  SOURCE_GRAPH("delete_items");
  EXPECT_EQ(countNodes(*g, "aten::Delete"), 2u);
}

// ---- subscripts --------------------------------------------------------------------------------

TEST(EmitPrograms, TensorIndexingLowersLikePyTorch) {
  SOURCE_GRAPH("tensor_index");
  EXPECT_GE(countNodes(*g, "aten::select"), 4u);
  EXPECT_GE(countNodes(*g, "aten::slice"), 4u);
  EXPECT_EQ(countNodes(*g, "aten::unsqueeze"), 2u);
  EXPECT_EQ(countNodes(*g, "aten::index"), 3u);   // mask, mixed with a list, tensor
  EXPECT_EQ(countNodes(*g, "aten::tensor"), 1u);  // the list index
  for (Node* n : findNodes(*g, "aten::index"))
    EXPECT_EQ(n->input(1)->type()->str(), "Tensor?[]");
}

TEST(EmitPrograms, TensorItemAssignment) {
  SOURCE_GRAPH("tensor_setitem");
  EXPECT_EQ(countNodes(*g, "aten::copy_"), 2u);
  EXPECT_EQ(countNodes(*g, "aten::index_put_"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::tensor"), 2u);  // 1.0 and 0.0 become tensors
  EXPECT_EQ(countNodes(*g, "aten::add_"), 1u);    // t[0] += 2
}

TEST(EmitPrograms, ContainerIndexing) {
  SOURCE_GRAPH("list_dict_str_index");
  EXPECT_EQ(countNodes(*g, "aten::__getitem__"), 3u);
  EXPECT_EQ(countNodes(*g, "aten::slice"), 2u);
}

TEST(EmitPrograms, TupleIndexAndSliceAreStatic) {
  SOURCE_GRAPH("tuple_index_slice");
  EXPECT_EQ(countNodes(*g, "prim::TupleIndex"), 4u);
  EXPECT_EQ(countNodes(*g, "aten::slice"), 0u);
}

TEST(EmitPrograms, ContainerItemAssignment) {
  SOURCE_GRAPH("container_setitem");
  EXPECT_EQ(countNodes(*g, "aten::_set_item"), 4u);
  EXPECT_EQ(countNodes(*g, "aten::__getitem__"), 2u);
}

// ---- comprehensions and expressions ------------------------------------------------------------

TEST(EmitPrograms, ListComprehensionAppendsInALoop) {
  SOURCE_GRAPH("list_comp");
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  EXPECT_EQ(loops[0]->outputs().size(), 0u);
  EXPECT_EQ(countNodes(*g, "aten::append"), 1u);
  EXPECT_EQ(g->outputs()[0]->type()->str(), "int[]");
}

TEST(EmitPrograms, DictComprehensionSetsItems) {
  SOURCE_GRAPH("dict_comp");
  EXPECT_EQ(countNodes(*g, "aten::_set_item"), 1u);
  EXPECT_EQ(g->outputs()[0]->type()->str(), "Dict(str, int)");
}

TEST(EmitPrograms, ListAndDictConstructors) {
  SOURCE_GRAPH("list_and_dict_calls");
  EXPECT_EQ(countNodes(*g, "aten::list"), 2u);
  EXPECT_EQ(countNodes(*g, "aten::dict"), 1u);
}

TEST(EmitPrograms, Literals) {
  SOURCE_GRAPH("literals");
  EXPECT_EQ(g->outputs()[0]->type()->str(),
            "(int, float, str, bool, NoneType, complex, (int, str), float[], Dict(str, int))");
  EXPECT_EQ(countNodes(*g, "prim::DictConstruct"), 1u);
  EXPECT_EQ(countNodes(*g, "prim::ListConstruct"), 1u);
}

TEST(EmitPrograms, Operators) {
  SOURCE_GRAPH("operators");
  for (const char* op : {"aten::floordiv", "aten::remainder", "aten::div", "aten::pow",
                         "aten::__not__", "aten::matmul", "aten::neg"})
    EXPECT_EQ(countNodes(*g, op), 1u) << op;
}

TEST(EmitPrograms, ChainedComparisonIsAnAnd) {
  SOURCE_GRAPH("compare_chain");
  EXPECT_EQ(countNodes(*g, "aten::lt"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::le"), 1u);
  EXPECT_EQ(countNodes(*g, "prim::If"), 1u);
}

TEST(EmitPrograms, IsNoneOfNonOptionalIsStatic) {
  SOURCE_GRAPH("is_none_static");
  EXPECT_EQ(countNodes(*g, "aten::__is__"), 0u);
  ASSERT_TRUE(toIValue(g->outputs()[0]).has_value());
  EXPECT_FALSE(toIValue(g->outputs()[0])->toBool());
}

TEST(EmitPrograms, Membership) {
  SOURCE_GRAPH("membership");
  EXPECT_EQ(countNodes(*g, "aten::__contains__"), 2u);
  EXPECT_EQ(countNodes(*g, "aten::__not__"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::find"), 1u);  // str in str
}

TEST(EmitPrograms, AnnotatedEmptyContainers) {
  SOURCE_GRAPH("annotations");
  auto lists = findNodes(*g, "prim::ListConstruct");
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0]->output()->type()->str(), "int[]");
  auto dicts = findNodes(*g, "prim::DictConstruct");
  ASSERT_EQ(dicts.size(), 1u);
  EXPECT_EQ(dicts[0]->output()->type()->str(), "Dict(str, Tensor)");
}

TEST(EmitPrograms, IsinstanceRefines) {
  SOURCE_GRAPH("isinstance_checks");
  EXPECT_EQ(countNodes(*g, "prim::isinstance"), 2u);
  // x is refined and used; y's refinement goes unused and is dropped.
  EXPECT_EQ(countNodes(*g, "prim::unchecked_cast"), 1u);
}

TEST(EmitPrograms, NumericBuiltins) {
  SOURCE_GRAPH("float_ops");
  for (const char* op : {"aten::sqrt", "prim::abs", "aten::Int", "aten::Float", "prim::min", "prim::max"})
    EXPECT_EQ(countNodes(*g, op), 1u) << op;
}

TEST(EmitPrograms, PythonBuiltins) {
  SOURCE_GRAPH("builtin_calls");
  for (const char* op : {"aten::len", "aten::Int", "aten::sum", "aten::str", "prim::abs",
                         "aten::sorted", "aten::divmod", "aten::chr", "aten::ord", "aten::round",
                         "aten::all", "aten::any"})
    EXPECT_EQ(countNodes(*g, op), 1u) << op;
}

TEST(EmitPrograms, StringMethods) {
  SOURCE_GRAPH("string_methods");
  for (const char* op : {"aten::split", "aten::join", "aten::format", "aten::find"})
    EXPECT_EQ(countNodes(*g, op), 1u) << op;
}

TEST(EmitPrograms, TensorProperties) {
  SOURCE_GRAPH("tensor_properties");
  for (const char* op : {"prim::dtype", "prim::device", "aten::numpy_T", "prim::is_cuda",
                         "prim::requires_grad", "aten::dim", "aten::to"})
    EXPECT_EQ(countNodes(*g, op), 1u) << op;
  EXPECT_EQ(countNodes(*g, "aten::size"), 2u);  // t.shape and t.size(0)
}

// ---- classes and async ---------------------------------------------------------------------------

TEST(EmitPrograms, ScriptClassConstructionAndMethods) {
  SOURCE_GRAPH("use_class");
  EXPECT_EQ(countNodes(*g, "prim::CreateObject"), 1u);
  auto calls = findNodes(*g, "prim::CallMethod");
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0]->s(attr::name), "__init__");
  EXPECT_EQ(calls[1]->s(attr::name), "bump");
  EXPECT_EQ(countNodes(*g, "prim::GetAttr"), 2u);
  // __init__ declared the attributes it assigned.
  ClassTypePtr counter = unit_.importer->findClass("__torch__.Counter");
  ASSERT_TRUE(counter);
  EXPECT_TRUE(counter->findAttribute("count").has_value());
  EXPECT_TRUE(counter->findAttribute("history").has_value());
}

TEST(EmitPrograms, NamedTupleConstructionAndFields) {
  SOURCE_GRAPH("use_named_tuple");
  auto tuples = findNodes(*g, "prim::TupleConstruct");
  ASSERT_GE(tuples.size(), 1u);
  EXPECT_EQ(tuples[0]->output()->type()->annotationStr(), "__torch__.Point");
  EXPECT_EQ(countNodes(*g, "prim::TupleIndex"), 2u);
}

TEST(EmitPrograms, EnumMembersAreConstants) {
  SOURCE_GRAPH("use_enum");
  EXPECT_EQ(countNodes(*g, "prim::EnumValue"), 1u);
  EXPECT_EQ(countNodes(*g, "aten::eq"), 1u);
}

TEST(EmitPrograms, WithEntersAndExits) {
  SOURCE_GRAPH("use_with");
  EXPECT_EQ(countNodes(*g, "prim::Enter"), 1u);
  EXPECT_EQ(countNodes(*g, "prim::Exit"), 1u);
}

TEST(EmitPrograms, ForkHasASubgraph) {
  SOURCE_GRAPH("fork_wait");
  auto forks = findNodes(*g, "prim::fork");
  ASSERT_EQ(forks.size(), 1u);
  EXPECT_EQ(forks[0]->output()->type()->str(), "Future(Tensor)");
  const Graph& sub = *forks[0]->g(attr::Subgraph);
  EXPECT_EQ(countNodes(sub, "prim::CallFunction"), 1u);
  EXPECT_EQ(sub.inputs().size(), 2u);  // x and 2, evaluated by the caller
  EXPECT_EQ(countNodes(*g, "aten::wait"), 1u);
}

TEST(EmitPrograms, ModuleInterfaceAttributeAndFinalConstant) {
  SCONCE_REQUIRE_FIXTURES(programsProblem());
  LoadedArchive a = loadArchive(kPrograms / "InterfaceHolder/model.pt");
  auto g = a.unit->getMethod(a.root, "forward")->graph();
  SCOPED_TRACE(g->str());
  EXPECT_TRUE(graphProblems(*g).empty());
  auto calls = findNodes(*g, "prim::CallMethod");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]->input(0)->type()->kind(), TypeKind::Interface);
  EXPECT_EQ(calls[0]->output()->type()->str(), "Tensor");
  // range(self.limit) with a Final limit: a constant trip count.
  auto loops = findNodes(*g, "prim::Loop");
  ASSERT_EQ(loops.size(), 1u);
  ASSERT_TRUE(toIValue(loops[0]->input(0)).has_value());
  EXPECT_EQ(toIValue(loops[0]->input(0))->toInt(), 3);
}

TEST(EmitPrograms, ArchiveForkIsLiftedToo) {
  SCONCE_REQUIRE_FIXTURES(programsProblem());
  LoadedArchive a = loadArchive(kPrograms / "fork_wait/model.pt");
  auto g = a.unit->getMethod(a.root, "forward")->graph();
  EXPECT_TRUE(graphProblems(*g).empty()) << g->str();
  EXPECT_EQ(countNodes(*g, "prim::fork"), 1u) << g->str();
}

}  // namespace
}  // namespace sconce::emit_test
