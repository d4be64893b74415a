// Lowering: overload selection by input types, errors for ops that cannot run (at
// lowering time, with the schema and source line), last-use moves, the disassembler,
// and isInstance over every kind of type.
#include "runtime/is_instance.h"
#include "test_support.h"

namespace sconce {
namespace {

TEST(Lowering, MissingKernelFailsWhenReachedWithSchemaAndLine) {
  auto source = std::make_shared<Source>("def f(t):\n    return quantize(t)\n", "code/q.py");
  auto g = parseIR(R"IR(
graph(%t : Tensor, %go : bool):
  %r : Tensor = prim::If(%go)
    block0():
      %a : Tensor, %b : Tensor, %c : float, %d : int = aten::fbgemm_linear_quantize_weight(%t)
      -> (%a)
    block1():
      -> (%t)
  return (%r)
)IR");
  testing::findNode(g->block(), Symbol::aten("fbgemm_linear_quantize_weight"))
      ->setSourceRange(testing::rangeOf(source, "quantize(t)"));
  // Lowering succeeds: a branch that never runs may use ops Sconce lacks.
  auto code = Code::lower(*g, "f");
  Tensor t = Tensor::zeros({2});
  EXPECT_TRUE(Runtime().run(*code, {IValue(t), IValue(false)}).toTensor().is(t));
  try {
    Runtime().run(*code, {IValue(t), IValue(true)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("operator 'aten::fbgemm_linear_quantize_weight' has no kernel yet"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("aten::fbgemm_linear_quantize_weight(Tensor input) -> "
                        "(Tensor, Tensor, float, int)"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("File \"code/q.py\", line 2"), std::string::npos) << what;
    EXPECT_NE(what.find("quantize(t)"), std::string::npos) << what;
  }
}

TEST(Lowering, NoOverloadAcceptsTheInputTypes) {
  auto g = parseIR(R"IR(
graph(%x : str, %y : int):
  %z : int = aten::mul(%x, %y)
  return (%z)
)IR");
  try {
    Code::lower(*g, "f");
    FAIL() << "expected a LoweringError";
  } catch (const LoweringError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("no overload of 'aten::mul' accepts arguments of types (str, int)"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("aten::mul.int(int a, int b) -> int"), std::string::npos) << what;
  }
  auto unknown = parseIR("graph(%x : int):\n  %y : int = sconce_test::nope(%x)\n  return (%y)\n");
  EXPECT_THROW(Code::lower(*unknown, "f"), LoweringError);
}

TEST(Lowering, PicksTheOverloadTheTypesSelect) {
  testing::ensureTestKernels();
  auto g = parseIR(R"IR(
graph(%x : int, %s : str, %l : int[]):
  %a : int = aten::add(%x, %x)
  %b : str = aten::add(%s, %s)
  %c : int = aten::len(%l)
  return (%a, %b, %c)
)IR");
  auto code = Code::lower(*g, "f");
  std::string dump = code->dump();
  EXPECT_NE(dump.find("aten::add.int"), std::string::npos) << dump;
  EXPECT_NE(dump.find("aten::add.str"), std::string::npos) << dump;
  EXPECT_NE(dump.find("aten::len.t"), std::string::npos) << dump;
  for (const Node* n : g->nodes()) ASSERT_TRUE(matchOperator(*n)) << n->kind().toQualString();
}

TEST(Lowering, TestOnlyOperatorsUnderTheirOwnSchema) {
  OperatorRegistry::global().registerKernel("sconce_test::triple(int a) -> int", [](Stack& s) {
    s.back() = IValue(s.back().toInt() * 3);
  });
  auto g = parseIR("graph(%x : int):\n  %y : int = sconce_test::triple(%x)\n  return (%y)\n");
  Runtime rt;
  EXPECT_EQ(rt.run(*g, {IValue(int64_t{14})}).toInt(), 42);
}

TEST(Lowering, LastUsesAreMovesExceptInsideLoops) {
  testing::ensureTestKernels();
  auto g = parseIR(R"IR(
graph(%x : int, %n : int):
  %true : bool = prim::Constant[value=1]()
  %y : int = aten::add(%x, %x)
  %s : int = prim::Loop(%n, %true, %y)
    block0(%i : int, %acc : int):
      %t : int = aten::mul(%acc, %x)
      -> (%true, %t)
  return (%s)
)IR");
  std::string dump = Code::lower(*g, "f")->dump();
  // aten::add reads %x twice: only the second read could move, and %x is still used in
  // the loop, so neither does.
  EXPECT_NE(dump.find("(r0, r0)  aten::add.int"), std::string::npos) << dump;
  // In the loop, %acc's last use moves but %x (defined outside the loop) is copied.
  EXPECT_NE(dump.find("(^r"), std::string::npos) << dump;
  EXPECT_NE(dump.find(", r0)  aten::mul.int"), std::string::npos) << dump;
  EXPECT_NE(dump.find("LoopEnter"), std::string::npos) << dump;
  EXPECT_NE(dump.find("LoopNext"), std::string::npos) << dump;
}

TEST(Lowering, ConstructsWithoutInterpreterSupportFailAtLowering) {
  auto g = parseIR(R"IR(
graph(%x : int):
  %f : Function = prim::Constant[name="unknown"]()
  %y : int = prim::CallFunction(%f, %x)
  return (%y)
)IR");
  try {
    Code::lower(*g, "f");  // the parsed Function type has no Function behind it
    FAIL() << "expected a LoweringError";
  } catch (const LoweringError& e) {
    EXPECT_NE(std::string(e.what()).find("function 'unknown' has no compiled body"),
              std::string::npos)
        << e.what();
  }
}

TEST(IsInstance, LeafTypes) {
  EXPECT_TRUE(isInstance(IValue(int64_t{1}), *IntType::get()));
  EXPECT_FALSE(isInstance(IValue(true), *IntType::get()));
  EXPECT_FALSE(isInstance(IValue(int64_t{1}), *BoolType::get()));
  EXPECT_TRUE(isInstance(IValue(1.5), *FloatType::get()));
  EXPECT_FALSE(isInstance(IValue(1.5), *IntType::get()));
  EXPECT_TRUE(isInstance(IValue("s"), *StringType::get()));
  EXPECT_TRUE(isInstance(IValue(), *NoneType::get()));
  EXPECT_TRUE(isInstance(IValue(int64_t{1}), *NumberType::get()));
  EXPECT_TRUE(isInstance(IValue(2.0), *NumberType::get()));
  EXPECT_FALSE(isInstance(IValue("s"), *NumberType::get()));
  EXPECT_TRUE(isInstance(IValue("s"), *AnyType::get()));
  EXPECT_FALSE(isInstance(IValue(int64_t{1}), *TensorType::get()));
}

TEST(IsInstance, Containers) {
  auto ints = IValue(ListObj::create(IntType::get(), {IValue(int64_t{1})}));
  EXPECT_TRUE(isInstance(ints, *ListType::ofInts()));
  EXPECT_FALSE(isInstance(ints, *ListType::ofStrings()));
  EXPECT_TRUE(isInstance(ints, *AnyListType::get()));
  // An Any-typed list (from a pickle) is checked element by element.
  auto anyList = IValue(ListObj::create(AnyType::get(), {IValue(int64_t{1}), IValue(int64_t{2})}));
  EXPECT_TRUE(isInstance(anyList, *ListType::ofInts()));
  EXPECT_FALSE(isInstance(anyList, *ListType::ofFloats()));

  auto dict = DictObj::create(StringType::get(), IntType::get());
  EXPECT_TRUE(isInstance(IValue(dict), *DictType::create(StringType::get(), IntType::get())));
  EXPECT_FALSE(isInstance(IValue(dict), *DictType::create(StringType::get(), FloatType::get())));

  auto tuple = IValue(TupleObj::create({IValue(int64_t{1}), IValue("a")}));
  EXPECT_TRUE(isInstance(tuple, *TupleType::create({IntType::get(), StringType::get()})));
  EXPECT_FALSE(isInstance(tuple, *TupleType::create({IntType::get(), IntType::get()})));
  EXPECT_FALSE(isInstance(tuple, *TupleType::create({IntType::get()})));
  EXPECT_TRUE(isInstance(tuple, *AnyTupleType::get()));
  auto named =
      TupleType::createNamed("__torch__.P", {"a", "b"}, {IntType::get(), StringType::get()});
  EXPECT_FALSE(isInstance(tuple, *named));
  auto namedValue = IValue(TupleObj::create({IValue(int64_t{1}), IValue("a")}, named));
  EXPECT_TRUE(isInstance(namedValue, *named));
}

TEST(IsInstance, OptionalUnionAndClasses) {
  auto optInt = OptionalType::create(IntType::get());
  EXPECT_TRUE(isInstance(IValue(), *optInt));
  EXPECT_TRUE(isInstance(IValue(int64_t{3}), *optInt));
  EXPECT_FALSE(isInstance(IValue("x"), *optInt));
  auto u = UnionType::create({IntType::get(), StringType::get(), ListType::ofInts()});
  EXPECT_TRUE(isInstance(IValue("x"), *u));
  EXPECT_FALSE(isInstance(IValue(1.0), *u));

  auto a = ClassType::create("__torch__.A");
  auto b = ClassType::create("__torch__.B");
  auto obj = IValue(Object::create(a));
  EXPECT_TRUE(isInstance(obj, *a));
  EXPECT_FALSE(isInstance(obj, *b));
  EXPECT_TRUE(isInstance(obj, *AnyClassType::get()));
  auto iface = InterfaceType::create("__torch__.I", false);
  iface->addMethodName("go");
  EXPECT_FALSE(isInstance(obj, *iface));
  a->addMethod("go", testing::fakeFunction(3));
  EXPECT_TRUE(isInstance(obj, *iface));
}

}  // namespace
}  // namespace sconce
