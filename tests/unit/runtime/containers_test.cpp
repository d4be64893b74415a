// Interpreter handling of tuples, lists, dicts, objects, constants and prim::Print.
#include "test_support.h"

namespace sconce {
namespace {

using testing::runIR;

IValue i64(int64_t v) { return IValue(v); }

TEST(Containers, ConstructAndUnpackPrintNamedTuple) {
  // def nt(x: int) -> P:   (P = NamedTuple(a: int, b: str))
  //     print("hi", x, [1,2], (1, 2.5), {"a": 1})
  //     return P(x, "s")
  constexpr const char* kIR = R"IR(
graph(%x.1 : int):
  %11 : str = prim::Constant[value="s"]() # /tmp/g1.py:34:16
  %8 : str = prim::Constant[value="a"]() # /tmp/g1.py:33:37
  %22 : (int, float) = prim::Constant[value=(1, 2.5)]()
  %1 : str = prim::Constant[value="hi"]() # /tmp/g1.py:33:10
  %3 : int = prim::Constant[value=1]() # /tmp/g1.py:33:20
  %4 : int = prim::Constant[value=2]() # /tmp/g1.py:33:22
  %5 : int[] = prim::ListConstruct(%3, %4)
  %9 : Dict(str, int) = prim::DictConstruct(%8, %3)
   = prim::Print(%1, %x.1, %5, %22, %9) # /tmp/g1.py:33:4
  %12 : NamedTuple(a : int, b : str) = prim::TupleConstruct(%x.1, %11) # /tmp/g1.py:34:11
  return (%12)
)IR";
  testing::ensureTestKernels();
  auto graph = parseIR(kIR);
  Runtime rt;
  std::string printed;
  rt.setPrintHandler([&](std::string_view line) { printed += line; });
  IValue r = rt.run(*graph, {i64(3)});
  EXPECT_EQ(printed, "hi 3 [1, 2] (1, 2.5) {'a': 1}\n");
  auto tuple = r.toTuple();
  ASSERT_EQ(tuple->elements.size(), 2u);
  EXPECT_EQ(tuple->elements[0].toInt(), 3);
  EXPECT_EQ(tuple->elements[1].toStringRef(), "s");
  ASSERT_TRUE(tuple->type);
  const auto& type = tuple->type->expect<TupleType>();
  EXPECT_EQ(type.fieldNames(), (std::vector<std::string>{"a", "b"}));
}

TEST(Containers, TupleIndexUnpackAndSlice) {
  constexpr const char* kIR = R"IR(
graph(%t : (int, str, float), %i : int):
  %a : int, %b : str, %c : float = prim::TupleUnpack(%t)
  %e : float = prim::TupleIndex(%t, %i)
  %s : (str, float) = prim::TupleSlice[beg=1, end=3](%t)
  %r : (int, str, float, float, (str, float)) = prim::TupleConstruct(%a, %b, %c, %e, %s)
  return (%r)
)IR";
  auto t = TupleObj::create({i64(7), IValue("x"), IValue(2.5)});
  auto r = runIR(kIR, {IValue(t), i64(-1)}).toTuple();
  EXPECT_EQ(r->elements[0].toInt(), 7);
  EXPECT_EQ(r->elements[1].toStringRef(), "x");
  EXPECT_EQ(r->elements[2].toDouble(), 2.5);
  EXPECT_EQ(r->elements[3].toDouble(), 2.5);
  auto slice = r->elements[4].toTuple();
  ASSERT_EQ(slice->elements.size(), 2u);
  EXPECT_EQ(slice->elements[0].toStringRef(), "x");
  // The input tuple is not changed by unpacking (it is still shared with the caller).
  EXPECT_EQ(t->elements[0].toInt(), 7);
  try {
    runIR(kIR, {IValue(t), i64(3)});
    FAIL() << "expected an index error";
  } catch (const ScriptError& e) {
    EXPECT_NE(e.message().find("Tuple index out of range"), std::string::npos) << e.what();
  }
}

TEST(Containers, ListUnpackLengthError) {
  // def lu(x: List[int]) -> int:
  //     a, b = x
  //     return a + b
  constexpr const char* kIR = R"IR(
graph(%x.1 : int[]):
  %a.1 : int, %b.1 : int = prim::ListUnpack(%x.1)
  %6 : int = aten::add(%a.1, %b.1) # /tmp/g1.py:43:11
  return (%6)
)IR";
  auto two = ListObj::create(IntType::get(), {i64(2), i64(5)});
  EXPECT_EQ(runIR(kIR, {IValue(two)}).toInt(), 7);
  auto three = ListObj::create(IntType::get(), {i64(1), i64(2), i64(3)});
  // parseIR gives nodes ranges into the IR text; PyTorch's node had none.
  auto graph = parseIR(kIR);
  testing::findNode(graph->block(), prim::ListUnpack)->setSourceRange(SourceRange());
  try {
    Runtime().run(*graph, {IValue(three)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    // PyTorch 1.13 prints exactly this (the node has no source range, so no frame).
    EXPECT_STREQ(e.what(),
                 "The following operation failed in the TorchScript interpreter.\n"
                 "Traceback of TorchScript (most recent call last):\n"
                 "RuntimeError: Expected 2 elements in a list but found 3");
    EXPECT_EQ(e.pythonClassName(), "RuntimeError");
  }
}

TEST(Containers, ListLoopAppendAndConstantListsAreNotShared) {
  // Hand-written: builds [c..., 0, 1, ..., n-1] from a constant list c and a loop.
  constexpr const char* kIR = R"IR(
graph(%n : int):
  %true : bool = prim::Constant[value=1]()
  %c : int[] = prim::Constant[value=[10, 20]]()
  %l : int[] = prim::Loop(%n, %true, %c)
    block0(%i : int, %acc : int[]):
      %acc2 : int[] = aten::append(%acc, %i)
      -> (%true, %acc2)
  return (%l)
)IR";
  testing::ensureTestKernels();
  auto code = Code::lower(*parseIR(kIR), "f");
  Runtime rt;
  for (int run = 0; run < 3; ++run) {
    auto l = rt.run(*code, {i64(3)}).toList();
    ASSERT_EQ(l->elements.size(), 5u) << "run " << run;
    EXPECT_EQ(l->elements[0].toInt(), 10);
    EXPECT_EQ(l->elements[4].toInt(), 2);
    EXPECT_TRUE(l->elementType->equals(*IntType::get()));
  }
}

TEST(Containers, ListConstructGetitemAndLen) {
  // def tl(x: List[Tuple[int, int]]) -> int:
  //     s = 0
  //     for a, b in x: s += a * b
  //     return s
  constexpr const char* kIR = R"IR(
graph(%x.1 : (int, int)[]):
  %4 : bool = prim::Constant[value=1]() # /tmp/g2.py:15:4
  %s.1 : int = prim::Constant[value=0]() # /tmp/g2.py:14:8
  %3 : int = aten::len(%x.1) # /tmp/g2.py:15:4
  %s : int = prim::Loop(%3, %4, %s.1) # /tmp/g2.py:15:4
    block0(%5 : int, %s.11 : int):
      %6 : (int, int) = aten::__getitem__(%x.1, %5) # /tmp/g2.py:15:4
      %a.1 : int, %b.1 : int = prim::TupleUnpack(%6)
      %12 : int = aten::mul(%a.1, %b.1) # /tmp/g2.py:16:13
      %s.5 : int = aten::add(%s.11, %12) # /tmp/g2.py:16:8
      -> (%4, %s.5)
  return (%s)
)IR";
  auto pairType = TupleType::create({IntType::get(), IntType::get()});
  auto list = ListObj::create(pairType);
  for (int64_t i = 1; i <= 4; ++i)
    list->elements.push_back(IValue(TupleObj::create({i64(i), i64(i + 1)})));
  EXPECT_EQ(runIR(kIR, {IValue(list)}).toInt(), 1 * 2 + 2 * 3 + 3 * 4 + 4 * 5);
}

TEST(Containers, DictConstructKeepsTypesAndOrder) {
  constexpr const char* kIR = R"IR(
graph(%k : str, %v : int):
  %a : str = prim::Constant[value="a"]()
  %one : int = prim::Constant[value=1]()
  %d : Dict(str, int) = prim::DictConstruct(%k, %v, %a, %one, %k, %one)
  return (%d)
)IR";
  auto d = runIR(kIR, {IValue("z"), i64(9)}).toDict();
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ(d->items()[0].first.toStringRef(), "z");
  EXPECT_EQ(d->items()[0].second.toInt(), 1);  // overwritten in place
  EXPECT_EQ(d->items()[1].first.toStringRef(), "a");
  EXPECT_TRUE(d->keyType()->equals(*StringType::get()));
  EXPECT_TRUE(d->valueType()->equals(*IntType::get()));
}

TEST(Containers, ObjectsCreateGetAttrSetAttr) {
  auto cls = ClassType::create("__torch__.Counter");
  cls->addAttribute("count", IntType::get());
  cls->addAttribute("name", StringType::get());
  IrParseOptions options;
  options.resolveClass = [&](const std::string& name) -> TypePtr {
    EXPECT_EQ(name, "__torch__.Counter");
    return cls;
  };
  constexpr const char* kIR = R"IR(
graph(%self : __torch__.Counter, %x : int):
  %c : int = prim::GetAttr[name="count"](%self)
  %c2 : int = aten::add(%c, %x)
   = prim::SetAttr[name="count"](%self, %c2)
  %o : __torch__.Counter = prim::CreateObject()
   = prim::SetAttr[name="count"](%o, %x)
  %n : str = prim::GetAttr[name="name"](%self)
   = prim::SetAttr[name="name"](%o, %n)
  return (%o)
)IR";
  testing::ensureTestKernels();
  auto code = Code::lower(*parseIR(kIR, options), "forward");
  EXPECT_NE(code->dump().find("count (slot 0)"), std::string::npos) << code->dump();
  auto self = Object::create(cls);
  self->setAttr("count", i64(5));
  self->setAttr("name", IValue("ctr"));
  Runtime rt;
  auto o = rt.run(*code, {IValue(self), i64(3)}).toObject();
  EXPECT_EQ(self->getAttr("count").toInt(), 8);
  EXPECT_EQ(o->type->name(), "__torch__.Counter");
  EXPECT_EQ(o->getAttr("count").toInt(), 3);
  EXPECT_EQ(o->getAttr("name").toStringRef(), "ctr");
}

TEST(Containers, EnterExitAndUninitialized) {
  constexpr const char* kIR = R"IR(
graph(%x : int):
  %u : int = prim::Uninitialized()
  %ctx : (int, int) = prim::TupleConstruct(%x, %x)
  %e : NoneType = prim::Enter(%ctx)
  %y : int = aten::add(%x, %x)
  %z : NoneType = prim::Exit(%ctx)
  %r : (int, NoneType, NoneType) = prim::TupleConstruct(%y, %e, %z)
  return (%r)
)IR";
  auto r = runIR(kIR, {i64(4)}).toTuple();
  EXPECT_EQ(r->elements[0].toInt(), 8);
  EXPECT_TRUE(r->elements[1].isNone());
  EXPECT_TRUE(r->elements[2].isNone());
}

}  // namespace
}  // namespace sconce
