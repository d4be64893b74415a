// Calls between functions (prim::CallFunction, prim::CallMethod) through a
// GraphProvider, recursion, and the tracebacks of errors raised in callees.
#include <map>

#include "test_support.h"

namespace sconce {
namespace {

using testing::fakeFunction;
using testing::rangeOf;

IValue i64(int64_t v) { return IValue(v); }

constexpr const char* kFib = R"IR(
graph(%n : int):
  %two : int = prim::Constant[value=2]()
  %one : int = prim::Constant[value=1]()
  %fib : Function = prim::Constant[name="fib"]()
  %c : bool = aten::lt(%n, %two)
  %r : int = prim::If(%c)
    block0():
      -> (%n)
    block1():
      %a : int = aten::sub(%n, %one)
      %fa : int = prim::CallFunction(%fib, %a)
      %b : int = aten::sub(%n, %two)
      %fb : int = prim::CallFunction(%fib, %b)
      %s : int = aten::add(%fa, %fb)
      -> (%s)
  return (%r)
)IR";

std::shared_ptr<Graph> fibGraph(Function* self) {
  auto g = parseIR(kFib);
  g->findValue("fib")->setType(FunctionType::create(self));
  return g;
}

TEST(Calls, RecursiveCallFunction) {
  testing::ensureTestKernels();
  Function* fib = fakeFunction(0);
  auto graph = fibGraph(fib);
  int providerCalls = 0;
  Runtime rt(
      [&](Function* f) {
        EXPECT_EQ(f, fib);
        ++providerCalls;
        return graph;
      },
      [](Function*) { return "fib"; });
  EXPECT_EQ(rt.call(fib, {i64(20)}).toInt(), 6765);
  EXPECT_EQ(rt.call(fib, {i64(1)}).toInt(), 1);
  EXPECT_EQ(providerCalls, 1);  // lowered once, then cached
  EXPECT_EQ(rt.codeFor(fib).name(), "fib");
}

TEST(Calls, CallFromCodeNotOwnedByTheRuntime) {
  testing::ensureTestKernels();
  constexpr const char* kIR = R"IR(
graph(%x : int):
  %f : Function = prim::Constant[name="fib"]()
  %y : int = prim::CallFunction(%f, %x)
  return (%y)
)IR";
  Function* fib = fakeFunction(0);
  auto caller = parseIR(kIR);
  caller->findValue("f")->setType(FunctionType::create(fib));
  auto code = Code::lower(*caller, "caller");
  auto fibG = fibGraph(fib);
  Runtime a([&](Function*) { return fibG; });
  Runtime b([&](Function*) { return fibG; });
  // The Code binds to the first runtime; the second resolves through its own cache.
  EXPECT_EQ(a.run(*code, {i64(10)}).toInt(), 55);
  EXPECT_EQ(b.run(*code, {i64(11)}).toInt(), 89);
  EXPECT_EQ(a.run(*code, {i64(12)}).toInt(), 144);
}

TEST(Calls, RunawayRecursionFailsCleanly) {
  constexpr const char* kIR = R"IR(
graph(%x : int):
  %f : Function = prim::Constant[name="forever"]()
  %y : int = prim::CallFunction(%f, %x)
  return (%y)
)IR";
  auto g = parseIR(kIR);
  g->findValue("f")->setType(FunctionType::create(fakeFunction(5)));
  Runtime rt([&](Function*) { return g; });
  try {
    rt.call(fakeFunction(5), {i64(1)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    EXPECT_NE(e.message().find("maximum recursion depth"), std::string::npos) << e.message();
  }
}

// A module whose forward calls a method that raises, with the methods' source text.
struct ModuleFixture {
  static constexpr const char* kSource =
      "def forward(self, x: int) -> int:\n"
      "    return self.check(x) + 1\n"
      "def check(self, x: int) -> int:\n"
      "    if x > 3:\n"
      "        raise ValueError(\"bad value\")\n"
      "    return x\n";

  ModuleFixture() {
    testing::ensureTestKernels();
    cls->addMethod("forward", fakeFunction(1));
    cls->addMethod("check", fakeFunction(2));
    IrParseOptions options;
    options.resolveClass = [this](const std::string&) -> TypePtr { return cls; };
    forward = parseIR(R"IR(
graph(%self : __torch__.M, %x : int):
  %one : int = prim::Constant[value=1]()
  %y : int = prim::CallMethod[name="check"](%self, %x)
  %z : int = aten::add(%y, %one)
  return (%z)
)IR",
                      options);
    check = parseIR(R"IR(
graph(%self : __torch__.M, %x : int):
  %three : int = prim::Constant[value=3]()
  %msg : str = prim::Constant[value="bad value"]()
  %cls : str = prim::Constant[value="builtins.ValueError"]()
  %c : bool = aten::gt(%x, %three)
   = prim::If(%c)
    block0():
       = prim::RaiseException(%msg, %cls)
      -> ()
    block1():
      -> ()
  return (%x)
)IR",
                    options);
    testing::findNode(forward->block(), prim::CallMethod)
        ->setSourceRange(rangeOf(source, "self.check(x)"));
    testing::findNode(check->block(), prim::RaiseException)
        ->setSourceRange(rangeOf(source, "raise ValueError(\"bad value\")"));
  }

  SourcePtr source = std::make_shared<Source>(kSource, "code/__torch__.py");
  ClassTypePtr cls = ClassType::create("__torch__.M", true);
  std::shared_ptr<Graph> forward, check;
};

TEST(Calls, CallMethodAndRaiseTraceback) {
  ModuleFixture m;
  Runtime rt([&](Function* f) { return f == fakeFunction(1) ? m.forward : m.check; },
             [](Function* f) { return f == fakeFunction(1) ? "forward" : "check"; });
  auto self = Object::create(m.cls);
  EXPECT_EQ(rt.call(fakeFunction(1), {IValue(self), i64(2)}).toInt(), 3);
  try {
    rt.call(fakeFunction(1), {IValue(self), i64(5)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    EXPECT_STREQ(e.what(),
                 "The following operation failed in the TorchScript interpreter.\n"
                 "Traceback of TorchScript (most recent call last):\n"
                 "  File \"code/__torch__.py\", line 2, in forward\n"
                 "def forward(self, x: int) -> int:\n"
                 "    return self.check(x) + 1\n"
                 "           ~~~~~~~~~~~~~ <--- HERE\n"
                 "def check(self, x: int) -> int:\n"
                 "    if x > 3:\n"
                 "  File \"code/__torch__.py\", line 5, in check\n"
                 "def check(self, x: int) -> int:\n"
                 "    if x > 3:\n"
                 "        raise ValueError(\"bad value\")\n"
                 "        ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~ <--- HERE\n"
                 "    return x\n"
                 "\n"
                 "builtins.ValueError: bad value");
    EXPECT_EQ(e.pythonClassName(), "builtins.ValueError");
    EXPECT_EQ(e.message(), "bad value");
    ASSERT_EQ(e.traceback().size(), 2u);
    EXPECT_EQ(e.traceback()[0].functionName, "forward");
    EXPECT_EQ(e.traceback()[1].functionName, "check");
  }
  // The runtime is still usable after an error (frames and registers were reset).
  EXPECT_EQ(rt.call(fakeFunction(1), {IValue(self), i64(1)}).toInt(), 2);
}

TEST(Calls, AssertWithoutClassNameIsRuntimeError) {
  // def ex(x: int): assert x > 0, "neg"  (PyTorch 1.13 passes None as the class)
  constexpr const char* kIR = R"IR(
graph(%x.1 : int):
  %8 : NoneType = prim::Constant()
  %22 : str = prim::Constant[value="AssertionError: neg"]()
  %2 : int = prim::Constant[value=0]() # /tmp/g2.py:32:15
  %3 : bool = aten::gt(%x.1, %2) # /tmp/g2.py:32:11
   = prim::If(%3) # /tmp/g2.py:32:4
    block0():
      -> ()
    block1():
       = prim::RaiseException(%22, %8) # /tmp/g2.py:32:4
      -> ()
  return (%x.1)
)IR";
  try {
    testing::runIR(kIR, {i64(-1)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.pythonClassName(), "RuntimeError");
    std::string what = e.what();
    EXPECT_TRUE(what.ends_with("\nRuntimeError: AssertionError: neg")) << what;
  }
  // The pre-2.x single-input form.
  constexpr const char* kOld = R"IR(
graph(%x : int):
  %m : str = prim::Constant[value="Exception"]()
   = prim::RaiseException(%m)
  return (%x)
)IR";
  try {
    testing::runIR(kOld, {i64(1)});
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.message(), "Exception");
  }
}

TEST(Calls, KernelErrorBecomesScriptErrorWithFrame) {
  testing::ensureTestKernels();
  auto source = std::make_shared<Source>("def f(l: List[int]):\n    return l[5]\n", "code/f.py");
  auto g = parseIR(R"IR(
graph(%l : int[]):
  %i : int = prim::Constant[value=5]()
  %x : int = aten::__getitem__(%l, %i)
  return (%x)
)IR");
  testing::findNode(g->block(), Symbol::aten("__getitem__"))
      ->setSourceRange(rangeOf(source, "l[5]"));
  Runtime rt;
  try {
    rt.run(*g, {IValue(ListObj::create(IntType::get(), {i64(1)}))}, "f");
    FAIL() << "expected a ScriptError";
  } catch (const ScriptError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("  File \"code/f.py\", line 2, in f\ndef f(l: List[int]):\n    return l[5]\n"
                        "           ~~~~ <--- HERE\n\nRuntimeError: "),
              std::string::npos)
        << what;
    EXPECT_NE(e.message().find("out of range"), std::string::npos) << e.message();
    // PyTorch 1.13 prints "RuntimeError: list index out of range" here.
    EXPECT_EQ(e.pythonClassName(), "RuntimeError");
  }
}

TEST(Calls, MethodResolvedAtRunTimeWhenUnknownAtLowering) {
  testing::ensureTestKernels();
  auto cls = ClassType::create("__torch__.Late");
  IrParseOptions options;
  options.resolveClass = [&](const std::string&) -> TypePtr { return cls; };
  auto caller = parseIR(R"IR(
graph(%o : __torch__.Late, %x : int):
  %y : int = prim::CallMethod[name="twice"](%o, %x)
  return (%y)
)IR",
                        options);
  auto twice = parseIR(R"IR(
graph(%self : __torch__.Late, %x : int):
  %y : int = aten::add(%x, %x)
  return (%y)
)IR",
                       options);
  auto code = Code::lower(*caller, "caller");  // no method "twice" yet: dynamic dispatch
  EXPECT_NE(code->dump().find(".twice (dynamic)"), std::string::npos) << code->dump();
  Runtime rt([&](Function*) { return twice; });
  auto obj = Object::create(cls);
  EXPECT_THROW(rt.run(*code, {IValue(obj), i64(2)}), ScriptError);
  cls->addMethod("twice", fakeFunction(7));
  EXPECT_EQ(rt.run(*code, {IValue(obj), i64(21)}).toInt(), 42);
}

TEST(Calls, CalleeThatCannotBeLoweredIsALoweringError) {
  auto g = parseIR(R"IR(
graph(%x : int):
  %f : Function = prim::Constant[name="broken"]()
  %y : int = prim::CallFunction(%f, %x)
  return (%y)
)IR");
  g->findValue("f")->setType(FunctionType::create(fakeFunction(9)));
  auto broken = parseIR(R"IR(
graph(%t : str):
  %d : int = aten::mul(%t, %t)
  return (%d)
)IR");  // no overload of aten::mul takes (str, str)
  Runtime rt([&](Function*) { return broken; });
  EXPECT_THROW(rt.run(*g, {i64(1)}), LoweringError);
}

}  // namespace
}  // namespace sconce
