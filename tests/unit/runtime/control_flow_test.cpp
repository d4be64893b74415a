// Interpreter control flow: loops (trip count, condition, carried values, data-dependent
// exits, swapped carried values), nested ifs, isinstance refinement. Graphs are PyTorch
// 1.13's `torch.jit.script(f).graph` output unless marked hand-written.
#include "test_support.h"

namespace sconce {
namespace {

using testing::runIR;

// def f(x: int, n: int) -> int:
//     s = 0
//     for i in range(n):
//         if s > 100:
//             break
//         s += i * x
//     return s
constexpr const char* kForWithBreak = R"IR(
graph(%x.1 : int,
      %n.1 : int):
  %56 : int = prim::Constant[value=9223372036854775807]()
  %54 : int = prim::Constant[value=1]()
  %6 : bool = prim::Constant[value=1]() # /tmp/g1.py:5:4
  %s.1 : int = prim::Constant[value=0]() # /tmp/g1.py:4:8
  %9 : int = prim::Constant[value=100]() # /tmp/g1.py:6:15
  %24 : bool = prim::Constant[value=0]()
  %55 : bool = aten::gt(%n.1, %s.1)
  %s : int, %57 : int = prim::Loop(%56, %55, %s.1, %s.1) # /tmp/g1.py:5:4
    block0(%7 : int, %s.13 : int, %58 : int):
      %10 : bool = aten::gt(%s.13, %9) # /tmp/g1.py:6:11
      %51 : bool, %52 : int = prim::If(%10) # /tmp/g1.py:6:8
        block0():
          -> (%24, %s.13)
        block1():
          %44 : int = aten::mul(%58, %x.1) # /tmp/g1.py:8:13
          %s.15 : int = aten::add(%s.13, %44) # /tmp/g1.py:8:8
          -> (%6, %s.15)
      %59 : int = aten::add(%58, %54)
      %60 : bool = aten::lt(%59, %n.1)
      %61 : bool = aten::__and__(%60, %51)
      -> (%61, %52, %59)
  return (%s)
)IR";

int64_t forWithBreak(int64_t x, int64_t n) {
  int64_t s = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (s > 100) break;
    s += i * x;
  }
  return s;
}

TEST(ControlFlow, ForLoopWithBreak) {
  for (int64_t x : {0, 1, 3, 7, 50})
    for (int64_t n : {0, 1, 2, 5, 10, 100})
      EXPECT_EQ(runIR(kForWithBreak, {IValue(x), IValue(n)}).toInt(), forWithBreak(x, n))
          << "x=" << x << " n=" << n;
}

TEST(ControlFlow, WhileLoop) {
  // def w(x: int) -> int:
  //     i = 0
  //     while i < x:
  //         i += 2
  //     return i
  constexpr const char* kIR = R"IR(
graph(%x.1 : int):
  %i.1 : int = prim::Constant[value=0]() # /tmp/g1.py:24:8
  %2 : int = prim::Constant[value=9223372036854775807]() # /tmp/g1.py:25:4
  %9 : int = prim::Constant[value=2]() # /tmp/g1.py:26:13
  %21 : bool = aten::lt(%i.1, %x.1) # /tmp/g1.py:25:10
  %i : int = prim::Loop(%2, %21, %i.1) # /tmp/g1.py:25:4
    block0(%7 : int, %i.13 : int):
      %i.7 : int = aten::add(%i.13, %9) # /tmp/g1.py:26:8
      %5 : bool = aten::lt(%i.7, %x.1) # /tmp/g1.py:25:10
      -> (%5, %i.7)
  return (%i)
)IR";
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{-3})}).toInt(), 0);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{0})}).toInt(), 0);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{7})}).toInt(), 8);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{10})}).toInt(), 10);
}

TEST(ControlFlow, LoopIterationCounterAndTripCount) {
  // Hand-written: sum of the iteration numbers for a fixed trip count.
  constexpr const char* kIR = R"IR(
graph(%n : int):
  %true : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %s : int = prim::Loop(%n, %true, %zero)
    block0(%i : int, %acc : int):
      %next : int = aten::add(%acc, %i)
      -> (%true, %next)
  return (%s)
)IR";
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{0})}).toInt(), 0);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{5})}).toInt(), 10);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{1000})}).toInt(), 499500);
}

TEST(ControlFlow, LoopSwapsCarriedValues) {
  // Hand-written: a, b = b, a + b — the back edge writes each carried slot from the
  // other, which must read both before writing either.
  constexpr const char* kIR = R"IR(
graph(%n : int):
  %true : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %one : int = prim::Constant[value=1]()
  %a : int, %b : int = prim::Loop(%n, %true, %zero, %one)
    block0(%i : int, %a.1 : int, %b.1 : int):
      %c : int = aten::add(%a.1, %b.1)
      -> (%true, %b.1, %c)
  %r : (int, int) = prim::TupleConstruct(%a, %b)
  return (%r)
)IR";
  auto r = runIR(kIR, {IValue(int64_t{10})}).toTuple();
  EXPECT_EQ(r->elements[0].toInt(), 55);
  EXPECT_EQ(r->elements[1].toInt(), 89);
  // Pure swap: (a, b) -> (b, a), an odd number of times.
  constexpr const char* kSwap = R"IR(
graph(%n : int, %x : int, %y : int):
  %true : bool = prim::Constant[value=1]()
  %a : int, %b : int = prim::Loop(%n, %true, %x, %y)
    block0(%i : int, %a.1 : int, %b.1 : int):
      -> (%true, %b.1, %a.1)
  %r : (int, int) = prim::TupleConstruct(%a, %b)
  return (%r)
)IR";
  auto s = runIR(kSwap, {IValue(int64_t{3}), IValue(int64_t{1}), IValue(int64_t{2})}).toTuple();
  EXPECT_EQ(s->elements[0].toInt(), 2);
  EXPECT_EQ(s->elements[1].toInt(), 1);
  EXPECT_NE(Code::lower(*parseIR(kSwap), "swap")->dump().find("ParallelMove"), std::string::npos);
}

TEST(ControlFlow, NestedLoops) {
  // Hand-written: sum over i < n, j < i of j, with a value from outside both loops.
  constexpr const char* kIR = R"IR(
graph(%n : int, %k : int):
  %true : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %s : int = prim::Loop(%n, %true, %zero)
    block0(%i : int, %acc : int):
      %inner : int = prim::Loop(%i, %true, %acc)
        block0(%j : int, %acc2 : int):
          %t : int = aten::mul(%j, %k)
          %acc3 : int = aten::add(%acc2, %t)
          -> (%true, %acc3)
      -> (%true, %inner)
  return (%s)
)IR";
  int64_t expected = 0;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < i; ++j) expected += j * 3;
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{20}), IValue(int64_t{3})}).toInt(), expected);
}

TEST(ControlFlow, NestedIfs) {
  // def sign(x: int) -> int:
  //     if x > 0:
  //         if x > 100: return 2
  //         else: return 1
  //     else:
  //         if x == 0: return 0
  //         return -1
  constexpr const char* kIR = R"IR(
graph(%x.1 : int):
  %zero : int = prim::Constant[value=0]()
  %hundred : int = prim::Constant[value=100]()
  %one : int = prim::Constant[value=1]()
  %two : int = prim::Constant[value=2]()
  %minus : int = prim::Constant[value=-1]()
  %c : bool = aten::gt(%x.1, %zero)
  %r : int = prim::If(%c)
    block0():
      %c2 : bool = aten::gt(%x.1, %hundred)
      %r1 : int = prim::If(%c2)
        block0():
          -> (%two)
        block1():
          -> (%one)
      -> (%r1)
    block1():
      %c3 : bool = aten::eq(%x.1, %zero)
      %r2 : int = prim::If(%c3)
        block0():
          -> (%zero)
        block1():
          -> (%minus)
      -> (%r2)
  return (%r)
)IR";
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{500})}).toInt(), 2);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{5})}).toInt(), 1);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{0})}).toInt(), 0);
  EXPECT_EQ(runIR(kIR, {IValue(int64_t{-5})}).toInt(), -1);
}

// def h(x: Union[int, List[int], str]) -> int:
//     if isinstance(x, int): return x
//     elif isinstance(x, List[int]): return len(x)
//     return 0
constexpr const char* kUnionIsinstance = R"IR(
graph(%x.1 : Union(int[], int, str)):
  %30 : int = prim::Constant[value=0]() # /tmp/g1.py:21:11
  %43 : bool = prim::Constant[value=0]()
  %42 : bool = prim::Constant[value=1]()
  %46 : int = prim::Uninitialized()
  %2 : bool = prim::isinstance[types=[int]](%x.1)
  %49 : bool, %50 : int = prim::If(%2) # /tmp/g1.py:17:4
    block0():
      %x.7 : int = prim::unchecked_cast(%x.1)
      -> (%42, %x.7)
    block1():
      %x.15 : Union(int[], str) = prim::unchecked_cast(%x.1)
      %11 : bool = prim::isinstance[types=[int[]]](%x.15)
      %47 : bool, %48 : int = prim::If(%11) # /tmp/g1.py:19:4
        block0():
          %x.23 : int[] = prim::unchecked_cast(%x.15)
          %16 : int = aten::len(%x.23) # /tmp/g1.py:20:15
          -> (%42, %16)
        block1():
          -> (%43, %46)
      -> (%47, %48)
  %52 : int = prim::If(%49)
    block0():
      -> (%50)
    block1():
      -> (%30)
  return (%52)
)IR";

TEST(ControlFlow, IsinstanceRefinesUnion) {
  EXPECT_EQ(runIR(kUnionIsinstance, {IValue(int64_t{42})}).toInt(), 42);
  auto list =
      ListObj::create(IntType::get(), {IValue(int64_t{1}), IValue(int64_t{2}), IValue(int64_t{3})});
  EXPECT_EQ(runIR(kUnionIsinstance, {IValue(list)}).toInt(), 3);
  EXPECT_EQ(runIR(kUnionIsinstance, {IValue("abc")}).toInt(), 0);
  // A list of strings is not a List[int].
  auto strs = ListObj::create(StringType::get(), {IValue("a")});
  EXPECT_EQ(runIR(kUnionIsinstance, {IValue(strs)}).toInt(), 0);
}

TEST(ControlFlow, GraphWithSeveralOutputsReturnsATuple) {
  constexpr const char* kIR = R"IR(
graph(%x : int, %y : int):
  %s : int = aten::add(%x, %y)
  return (%s, %x)
)IR";
  auto t = runIR(kIR, {IValue(int64_t{2}), IValue(int64_t{3})}).toTuple();
  ASSERT_EQ(t->elements.size(), 2u);
  EXPECT_EQ(t->elements[0].toInt(), 5);
  EXPECT_EQ(t->elements[1].toInt(), 2);
  EXPECT_TRUE(runIR("graph(%x : int):\n  return ()\n", {IValue(int64_t{1})}).isNone());
}

TEST(ControlFlow, WrongNumberOfArguments) {
  EXPECT_THROW(runIR(kForWithBreak, {IValue(int64_t{1})}), ValueError);
}

}  // namespace
}  // namespace sconce
