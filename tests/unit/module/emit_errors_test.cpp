// Compile errors of the IR emitter: each names the problem in PyTorch's words and points
// at the offending source line; none crashes or asserts.
#include "emit_test_util.h"

namespace sconce::emit_test {
namespace {

/// Compiles `__torch__.<fn>` of `source` expecting a CompileError; returns it.
CompileError compileError(const std::string& source, const std::string& fn = "f") {
  SourceUnit unit = sourceUnit(source);
  try {
    auto g = unit.compile(fn);
    ADD_FAILURE() << "compiled without error:\n" << g->str();
  } catch (const CompileError& e) {
    return e;
  }
  return CompileError("no error", SourceRange());
}

/// Expects compiling to fail with a message containing `message`, pointing at line
/// `line` of the source (1-based).
void expectError(const std::string& source, const std::string& message, size_t line,
                 const std::string& fn = "f") {
  CompileError e = compileError(source, fn);
  EXPECT_NE(e.message().find(message), std::string::npos)
      << "expected '" << message << "' in:\n" << e.what();
  ASSERT_TRUE(e.range().valid()) << e.what();
  EXPECT_EQ(e.range().line(), line) << e.what();
}

TEST(EmitErrors, TypeMismatchAtIfJoinWhenUsed) {
  expectError(R"(
def f(c: bool, t: Tensor):
    if c:
        y = 1
    else:
        y = t
    return y
)",
              "Type mismatch: y is set to type int in the true branch and type Tensor in the "
              "false branch",
              7);
}

TEST(EmitErrors, TypeMismatchOfExistingVariableInBranch) {
  expectError(R"(
def f(c: bool) -> int:
    x = 1
    if c:
        x = "one"
    return x
)",
              "Variable 'x' previously had type int but is now being assigned to a value of type "
              "str",
              5);
}

TEST(EmitErrors, IfExpressionBranchesMustUnify) {
  expectError(R"(
def f(c: bool):
    return 1 if c else "a"
)",
              "if-expression's true branch has type int but false branch has type str", 3);
}

TEST(EmitErrors, NotDefinedInOneBranch) {
  expectError(R"(
def f(c: bool) -> int:
    if c:
        y = 1
    return y
)",
              "y is not defined in the false branch", 5);
}

TEST(EmitErrors, UnknownOp) {
  expectError(R"(
def f(x: Tensor):
    return torch.frobnicate(x)
)",
              "Unknown builtin op: aten::frobnicate", 3);
}

TEST(EmitErrors, NoMatchingOverload) {
  expectError(R"(
def f(x: Tensor):
    return torch.add(x, "a")
)",
              "Arguments for call are not valid", 3);
}

TEST(EmitErrors, UndefinedName) {
  expectError(R"(
def f(x: int):
    z = x + 1
    return y
)",
              "undefined value y", 4);
}

TEST(EmitErrors, WrongArityForAFunction) {
  expectError(R"(
def g(x: int) -> int:
    return x
def f(x: int) -> int:
    return g(x, 2)
)",
              "Expected at most 1 arguments but found 2 positional arguments", 5);
}

TEST(EmitErrors, WrongArityForABuiltinSpecialForm) {
  expectError(R"(
def f(x: int):
    return isinstance(x)
)",
              "isinstance expected exactly 2 arguments but found 1", 3);
}

TEST(EmitErrors, LambdaIsRejected) {
  CompileError e = compileError(R"(
def f(x: int):
    g = lambda y: y + 1
    return g(x)
)");
  EXPECT_NE(std::string(e.what()).find("lambda"), std::string::npos) << e.what();
  EXPECT_EQ(e.range().line(), 3u);
}

TEST(EmitErrors, StarredAssignmentIsRejected) {
  expectError(R"(
def f(xs: List[int]):
    a, *b = xs
    return a
)",
              "starred assignment targets are not supported", 3);
}

TEST(EmitErrors, StarredListArgumentNeedsAKnownSize) {
  expectError(R"(
def f(xs: List[int]):
    return max(*xs)
)",
              "cannot statically infer the expected size of a list", 3);
}

TEST(EmitErrors, ReturnTypeMismatch) {
  expectError(R"(
def f(x: int) -> int:
    return "x"
)",
              "Return value was annotated as having type int but is actually of type str", 3);
}

TEST(EmitErrors, MissingReturn) {
  expectError(R"(
def f(x: int) -> int:
    if x > 0:
        return 1
)",
              "does not return along all paths", 2);
}

TEST(EmitErrors, BreakOutsideLoop) {
  expectError(R"(
def f(x: int):
    if x > 0:
        break
    return x
)",
              "'break' outside loop", 4);
}

TEST(EmitErrors, ComprehensionIfIsNotSupported) {
  expectError(R"(
def f(xs: List[int]):
    return [x for x in xs if x > 0]
)",
              "Comprehension ifs are not supported yet", 3);
}

TEST(EmitErrors, NonexistentAttribute) {
  expectError(R"(
def f(x: Tensor):
    return x.frobnicate
)",
              "Tried to access nonexistent attribute or method 'frobnicate' of type 'Tensor'", 3);
}

TEST(EmitErrors, RecursionIsReported) {
  expectError(R"(
def f(x: int) -> int:
    if x > 0:
        return f(x - 1)
    return 0
)",
              "is called recursively", 4);
}

TEST(EmitErrors, CalleeErrorsGetCalledFromFrames) {
  CompileError e = compileError(R"(
def g(x: int) -> int:
    return x + "a"
def f(x: int) -> int:
    return g(x)
)");
  EXPECT_EQ(e.range().line(), 3u) << e.what();
  std::string what = e.what();
  EXPECT_NE(what.find("'g' is being compiled since it was called from"), std::string::npos) << what;
  EXPECT_NE(what.find("return g(x)"), std::string::npos) << what;
}

TEST(EmitErrors, ListsMustHaveOneType) {
  expectError(R"(
def f():
    return [1, "a"]
)",
              "Lists must contain only a single type", 3);
}

TEST(EmitErrors, TupleIndexOutOfRange) {
  expectError(R"(
def f(t: Tuple[int, int]):
    return t[2]
)",
              "Tuple index out of range. Tuple is length 2 and index is 2", 3);
}

TEST(EmitErrors, TooManyValuesToUnpack) {
  expectError(R"(
def f(t: Tuple[int, int, int]):
    a, b = t
    return a
)",
              "too many values to unpack: need 2 but found 3", 3);
}

TEST(EmitErrors, ConditionMustBeBool) {
  expectError(R"(
def f(x: Optional[int]):
    if x:
        return 1
    return 0
)",
              "Could not cast value of type Optional[int] to bool", 3);
}

}  // namespace
}  // namespace sconce::emit_test
