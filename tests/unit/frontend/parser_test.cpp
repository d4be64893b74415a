// Unit tests for the TorchScript parser: every construct, source ranges, error
// messages, nesting limits, and every code file of real PyTorch archives.
//
// Expectations are ast::dump() strings. The archive test compares against dumps that
// make_code_samples.py produces with CPython's own `ast` module.
#include "frontend/parser.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "tests/support/fixtures.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

SourcePtr src(std::string text) { return std::make_shared<Source>(std::move(text)); }

std::string parse(const std::string& text) { return ast::dump(parseModule(src(text))); }
std::string expr(const std::string& text) { return ast::dump(*parseExpression(src(text))); }

// "line:column: message" of the CompileError parsing `text` throws.
std::string parseError(const std::string& text) {
  try {
    parseModule(src(text));
  } catch (const CompileError& e) {
    const SourceRange& range = e.range();
    size_t line = range.line();
    size_t column = range.start() - range.source()->lineStart(line - 1) + 1;
    return fmt::format("{}:{}: {}", line, column, e.message());
  }
  return "no error";
}

TEST(Parser, Literals) {
  EXPECT_EQ(expr("[1, 1.5, .5, 1e-5, 2j, 'a' \"b\", None, True, False, ...]"),
            "(list 1 1.5 0.5 1e-05 2.0j \"ab\" None True False ...)");
  EXPECT_EQ(expr("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(expr("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(expr("(-1, - 2.5, -(3), --4, -1j, +5, -inf)"),
            "(tuple -1 -2.5 -3 4 -1.0j (+ 5) (- inf))");
  EXPECT_EQ(expr("(1e16, 1e15, 0.0001, 0.00001, 123.456, -0.)"),
            "(tuple 1e+16 1000000000000000.0 0.0001 1e-05 123.456 -0.0)");
  EXPECT_EQ(expr("'tab\\there \"q\"\\n'"), "\"tab\\there \\\"q\\\"\\n\"");
}

TEST(Parser, OperatorPrecedence) {
  EXPECT_EQ(expr("a + b * c - d / e // f % g @ h"), "(- (+ a (* b c)) (@ (% (// (/ d e) f) g) h))");
  EXPECT_EQ(expr("a | b ^ c & d << e >> f + g"), "(| a (^ b (& c (>> (<< d e) (+ f g)))))");
  EXPECT_EQ(expr("-2 ** 2"), "(- (** 2 2))");
  EXPECT_EQ(expr("2 ** -1"), "(** 2 -1)");
  EXPECT_EQ(expr("a ** b ** c"), "(** a (** b c))");
  EXPECT_EQ(expr("-x ** 2 * ~y"), "(* (- (** x 2)) (~ y))");
  EXPECT_EQ(expr("not a == b"), "(not (== a b))");
  EXPECT_EQ(expr("not a and b or c and not d"), "(or (and (not a) b) (and c (not d)))");
  EXPECT_EQ(expr("a or b or c"), "(or (or a b) c)");
  EXPECT_EQ(expr("a < b < c"), "(compare a < b < c)");
  EXPECT_EQ(expr("a == b != c is d is not e in f not in g"),
            "(compare a == b != c is d is not e in f not in g)");
  EXPECT_EQ(expr("x is not None and y not in z"), "(and (is not x None) (not in y z))");
  EXPECT_EQ(expr("a + b < c * d"), "(< (+ a b) (* c d))");
  EXPECT_EQ(expr("a if b else c if d else e"), "(ifexp b a (ifexp d c e))");
  EXPECT_EQ(expr("(a if b else c) if d or e else f"), "(ifexp (or d e) (ifexp b a c) f)");
}

TEST(Parser, PostfixExpressions) {
  EXPECT_EQ(expr("torch.nn.functional.relu(x, inplace=True)"),
            "(call (. (. (. torch nn) functional) relu) x (kw inplace True))");
  EXPECT_EQ(expr("f()(1)[0].y"), "(. (index (call (call f) 1) 0) y)");
  EXPECT_EQ(expr("f(*args, k=1, *more)"), "(call f (* args) (* more) (kw k 1))");
  EXPECT_EQ(expr("x[1:2, ..., None, ::2]"), "(index x (slice 1 2 _) ... None (slice _ _ 2))");
  EXPECT_EQ(expr("x[:], x[a:], x[:b], x[::], x[a:b:c], x[0,]"),
            "(tuple (index x (slice _ _ _)) (index x (slice a _ _)) (index x (slice _ b _)) "
            "(index x (slice _ _ _)) (index x (slice a b c)) (index x 0))");
  EXPECT_EQ(expr("Dict[str, Optional[List[Tuple[()]]]]"),
            "(index Dict str (index Optional (index List (index Tuple (tuple)))))");
  EXPECT_EQ(expr("(sub).forward(x, )"), "(call (. sub forward) x)");
}

TEST(Parser, Displays) {
  EXPECT_EQ(expr("((), (a,), (a, b), [], [a, *b], {}, {1: 'x', 2: 'y',})"),
            "(tuple (tuple) (tuple a) (tuple a b) (list) (list a (* b)) (dict) "
            "(dict (1 \"x\") (2 \"y\")))");
  EXPECT_EQ(expr("[x * 2 for x in range(10)]"), "(listcomp (* x 2) (for x (call range 10)))");
  EXPECT_EQ(expr("[a for a, b in pairs if a > b]"),
            "(listcomp a (for (tuple a b) pairs) (if (> a b)))");
  EXPECT_EQ(expr("{k: v for k, v in d.items() if v}"),
            "(dictcomp k v (for (tuple k v) (call (. d items))) (if v))");
  EXPECT_EQ(expr("[x if c else y for x in xs]"), "(listcomp (ifexp c x y) (for x xs))");
}

TEST(Parser, SimpleStatements) {
  EXPECT_EQ(parse("op_version_set = 1\nimport torch\nimport a.b as c, d\n"
                  "from typing import List, Tuple as T\nfrom torch import (Tensor,)\n"),
            "(= op_version_set 1)\n(import (torch _))\n(import (a.b c) (d _))\n"
            "(from typing (List _) (Tuple T))\n(from torch (Tensor _))\n");
  EXPECT_EQ(parse("a = b = c\na, (b, c) = d\na, *b = c\nx[i], y.z = 1, 2\n[p, q] = r\n"),
            "(= a b c)\n(= (tuple a (tuple b c)) d)\n(= (tuple a (* b)) c)\n"
            "(= (tuple (index x i) (. y z)) (tuple 1 2))\n(= (list p q) r)\n");
  EXPECT_EQ(parse("k, v, = t\nreturn a, b\nreturn\n"),
            "(= (tuple k v) t)\n(return (tuple a b))\n(return)\n");
  EXPECT_EQ(parse("x += 1\nx -= 1\nx *= 1\nx /= 1\nx //= 1\nx %= 1\nx **= 1\nx @= 1\n"
                  "x &= 1\nx |= 1\nx ^= 1\nx <<= 1\nx >>= 1\n"),
            "(+= x 1)\n(-= x 1)\n(*= x 1)\n(/= x 1)\n(//= x 1)\n(%= x 1)\n(**= x 1)\n"
            "(@= x 1)\n(&= x 1)\n(|= x 1)\n(^= x 1)\n(<<= x 1)\n(>>= x 1)\n");
  EXPECT_EQ(parse("x : int\ny : List[int] = []\nself.z : float = 1.\n"),
            "(: x int)\n(: y (index List int) (list))\n(: (. self z) float 1.0)\n");
  EXPECT_EQ(parse("raise\nraise ValueError('x')\nraise E from cause\n"),
            "(raise)\n(raise (call ValueError \"x\"))\n(raise E cause)\n");
  EXPECT_EQ(parse("assert x\nassert x > 0, 'msg'\ndel a, b[0]\npass; break; continue\n"),
            "(assert x)\n(assert (> x 0) \"msg\")\n(del a (index b 0))\n(pass)\n(break)\n"
            "(continue)\n");
  EXPECT_EQ(parse("f(x)\nx = []  # type: List[int]\n"),
            "(expr (call f x))\n(= x (list) (type (index List int)))\n");
}

TEST(Parser, CompoundStatements) {
  EXPECT_EQ(parse("if a:\n  x = 1\nelif b:\n  x = 2\nelse:\n  x = 3\n"),
            "if a\n  (= x 1)\nelse\n  if b\n    (= x 2)\n  else\n    (= x 3)\n");
  EXPECT_EQ(parse("while i < n:\n  i += 1\n  if i == 3: break\n"),
            "while (< i n)\n  (+= i 1)\n  if (== i 3)\n    (break)\n");
  EXPECT_EQ(parse("for k, v, in x:\n  continue\nfor i in a, b:\n  pass\n"),
            "for (tuple k v) x\n  (continue)\nfor i (tuple a b)\n  (pass)\n");
  EXPECT_EQ(parse("with a as b, c:\n  pass\n"), "with (as a b) (as c _)\n  (pass)\n");
  EXPECT_EQ(parse("if x: return 1; y\n"), "if x\n  (return 1)\n  (expr y)\n");
}

TEST(Parser, Defs) {
  EXPECT_EQ(parse("@torch.jit.export\n@staticmethod\ndef f(self: __torch__.M, x: Tensor,\n"
                  "    n: int=2, *, k: Optional[int]=None, j) -> Tuple[Tensor, int]:\n"
                  "  return (x, n)\n"),
            "@ (. (. torch jit) export)\n@ staticmethod\n"
            "def f (param self (. __torch__ M) _) (param x Tensor _) (param n int 2) "
            "(kwparam k (index Optional int) None) (kwparam j _ _) -> (index Tuple Tensor int)\n"
            "  (return (tuple x n))\n");
  EXPECT_EQ(parse("def f(x, y):\n  # type: (int, Tensor) -> Tensor\n  def g(): pass\n  return y\n"),
            "def f (param x _ _) (param y _ _)\n  (type (int Tensor) Tensor)\n"
            "  def g\n    (pass)\n  (return y)\n");
  EXPECT_EQ(parse("def f(x):  # type: (int) -> None\n  pass\n"),
            "def f (param x _ _)\n  (type (int) None)\n  (pass)\n");
}

TEST(Parser, SerializedClasses) {
  EXPECT_EQ(parse("class M(Module):\n"
                  "  __parameters__ = [\"weight\", ]\n"
                  "  __buffers__ = []\n"
                  "  weight : Tensor\n"
                  "  training : bool\n"
                  "  sub : __torch__.x.Y\n"
                  "  scale : Final[int] = 3\n"
                  "  __annotations__[\"0\"] = __torch__.torch.nn.ReLU\n"
                  "  def forward(self: __torch__.M) -> NoneType:\n"
                  "    return None\n"
                  "class P(NamedTuple):\n  x : float\n"
                  "class C(Enum):\n  RED = 1\n"
                  "class I(Interface):\n  def one(self, x: Tensor) -> Tensor:\n    pass\n"
                  "class Counter:\n  count : int\n"
                  "class O(object):\n  pass\n"),
            "class M Module\n"
            "  (= __parameters__ (list \"weight\"))\n"
            "  (= __buffers__ (list))\n"
            "  (: weight Tensor)\n"
            "  (: training bool)\n"
            "  (: sub (. (. __torch__ x) Y))\n"
            "  (: scale (index Final int) 3)\n"
            "  (= (index __annotations__ \"0\") (. (. (. __torch__ torch) nn) ReLU))\n"
            "  def forward (param self (. __torch__ M) _) -> NoneType\n"
            "    (return None)\n"
            "class P NamedTuple\n  (: x float)\n"
            "class C Enum\n  (= RED 1)\n"
            "class I Interface\n  def one (param self _ _) (param x Tensor _) -> Tensor\n"
            "    (pass)\n"
            "class Counter\n  (: count int)\n"
            "class O object\n  (pass)\n");
}

TEST(Parser, NodesCarrySourceRanges) {
  ast::Module module = parseModule(src("def g(a: int = 1):\n  x = foo(a + b, k=c)[0].y\n"));
  const auto& def = module.body[0]->as<ast::Def>();
  EXPECT_EQ(def.nameRange.text(), "g");
  EXPECT_EQ(def.params[0].range.text(), "a: int = 1");
  const auto& assign = def.body[0]->as<ast::Assign>();
  EXPECT_EQ(assign.range().text(), "x = foo(a + b, k=c)[0].y");
  const auto& attribute = assign.value->as<ast::Attribute>();
  EXPECT_EQ(attribute.range().text(), "foo(a + b, k=c)[0].y");
  EXPECT_EQ(attribute.nameRange.text(), "y");
  const auto& call = attribute.value->as<ast::Subscript>().value->as<ast::Call>();
  EXPECT_EQ(call.range().text(), "foo(a + b, k=c)");
  EXPECT_EQ(call.args[0]->range().text(), "a + b");
  EXPECT_EQ(call.keywords[0].nameRange.text(), "k");
  EXPECT_EQ(assign.range().line(), 2u);
  EXPECT_EQ(parseExpression(src("a, b"))->range().text(), "a, b");
  EXPECT_EQ(parseExpression(src("-1"))->range().text(), "-1");
}

TEST(Parser, SyntaxErrors) {
  EXPECT_EQ(parseError("x = f(a else b)\n"), "1:9: expected ')' but found 'else'");
  EXPECT_EQ(parseError("def f(x)\n  pass\n"), "1:9: expected ':' but found newline");
  EXPECT_EQ(parseError("if x:\npass\n"), "2:1: expected an indented block but found 'pass'");
  EXPECT_EQ(parseError("x = 1\n  y = 2\n"), "2:1: unexpected indent");
  EXPECT_EQ(parseError("x = (1 +\n  2\ny = 3\n"), "3:1: expected ')' but found 'y'");
  EXPECT_EQ(parseError("x = [1, 2\n"), "1:5: '[' was never closed");
  EXPECT_EQ(parseError("x = 1 2\n"), "1:7: expected newline but found '2'");
  EXPECT_EQ(parseError("x = \n"), "1:5: expected an expression but found newline");
  EXPECT_EQ(parseError("x.1\n"), "1:2: expected newline but found '.1'");
  EXPECT_EQ(parseError("x = 9223372036854775808\n"), "1:5: integer literal is too large");
  EXPECT_EQ(parseError("@dec\nx = 1\n"),
            "2:1: expected 'def' or 'class' after a decorator but found 'x'");
}

TEST(Parser, UnsupportedConstructs) {
  EXPECT_EQ(parseError("f = lambda x: x\n"), "1:5: lambda is not supported in TorchScript");
  EXPECT_EQ(parseError("def f():\n  global x\n"),
            "2:3: 'global' declarations are not supported in TorchScript");
  EXPECT_EQ(parseError("try:\n  pass\nexcept:\n  pass\n"),
            "1:1: try/except/finally is not supported in TorchScript");
  EXPECT_EQ(parseError("def f():\n  yield 1\n"),
            "2:3: generators ('yield') are not supported in TorchScript");
  EXPECT_EQ(parseError("for x in y:\n  pass\nelse:\n  pass\n"),
            "3:1: 'else' after a loop is not supported in TorchScript");
  EXPECT_EQ(parseError("while x:\n  pass\nelse:\n  pass\n"),
            "3:1: 'else' after a loop is not supported in TorchScript");
  EXPECT_EQ(parseError("x = {1, 2}\n"), "1:5: sets are not supported in TorchScript");
  EXPECT_EQ(parseError("x = {**d}\n"),
            "1:6: dict unpacking ('**') is not supported in TorchScript");
  EXPECT_EQ(
      parseError("x = f(y for y in z)\n"),
      "1:9: generator expressions are not supported in TorchScript; use a list comprehension");
  EXPECT_EQ(parseError("x = [a for a in b for c in d]\n"),
            "1:19: only one 'for' is supported in a comprehension");
  EXPECT_EQ(parseError("f(**kw)\n"), "1:3: '**' arguments are not supported in TorchScript");
  EXPECT_EQ(parseError("def f(*args): pass\n"),
            "1:7: variadic arguments (*args) are not supported in TorchScript");
  EXPECT_EQ(parseError("def f(**kw): pass\n"),
            "1:7: keyword variadic arguments (**kwargs) are not supported in TorchScript");
  EXPECT_EQ(parseError("def f(*): pass\n"), "1:7: named arguments must follow bare *");
  EXPECT_EQ(parseError("class A(metaclass=M): pass\n"),
            "1:9: class keyword arguments (such as metaclass=) are not supported in TorchScript");
}

TEST(Parser, SemanticSyntaxErrors) {
  EXPECT_EQ(parseError("def f(a=1, b): pass\n"),
            "1:12: non-default argument follows default argument");
  EXPECT_EQ(parseError("def f(a, a): pass\n"),
            "1:10: duplicate argument 'a' in function definition");
  EXPECT_EQ(parseError("f(a=1, b)\n"), "1:8: positional argument follows keyword argument");
  EXPECT_EQ(parseError("f(a=1, a=2)\n"), "1:8: keyword argument 'a' repeated");
  EXPECT_EQ(parseError("f() = 1\n"), "1:1: cannot assign to function call");
  EXPECT_EQ(parseError("a, 1 = x\n"), "1:4: cannot assign to literal");
  EXPECT_EQ(parseError("a + b += 1\n"), "1:1: cannot assign to expression");
  EXPECT_EQ(parseError("a, b += 1\n"),
            "1:1: a tuple or list is an illegal target for augmented assignment");
  EXPECT_EQ(parseError("a, b : int = 1\n"),
            "1:1: only a single target (not a tuple or list) can be annotated");
  EXPECT_EQ(parseError("*a = b\n"), "1:1: a starred target must be inside a tuple or list");
  EXPECT_EQ(parseError("del f()\n"), "1:5: cannot delete function call");
  EXPECT_EQ(parseError("for f() in x: pass\n"), "1:5: cannot assign to function call");
}

TEST(Parser, ErrorRendersTheSourceLine) {
  try {
    parseModule(src("def f(x):\n  return g(x else)\n"));
    FAIL() << "expected an error";
  } catch (const CompileError& e) {
    EXPECT_STREQ(e.what(),
                 "expected ')' but found 'else'\n"
                 "  File \"<string>\", line 2\n"
                 "def f(x):\n"
                 "  return g(x else)\n"
                 "             ~~~~ <--- HERE");
  }
  try {  // context: two lines before and after
    parseModule(src("a = 1\nb = 2\nc = 3\nd = (1 +\n  2 +\nfoo bar\ne = 5\nf = 6\ng = 7\n"));
    FAIL() << "expected an error";
  } catch (const CompileError& e) {
    EXPECT_STREQ(e.what(),
                 "expected ')' but found 'bar'\n"
                 "  File \"<string>\", line 6\n"
                 "d = (1 +\n"
                 "  2 +\n"
                 "foo bar\n"
                 "    ~~~ <--- HERE\n"
                 "e = 5\n"
                 "f = 6");
  }
}

TEST(Parser, NestingIsBoundedNotAStackOverflow) {
  // Just under the limit parses (and must not overflow the stack, even under ASan).
  EXPECT_EQ(expr(std::string(450, '(') + "x" + std::string(450, ')')), "x");
  EXPECT_EQ(expr(std::string(450, '-') + "x").substr(0, 6), "(- (- ");
  std::string nestedBlocks;
  for (int i = 0; i < 450; ++i)
    nestedBlocks += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  EXPECT_EQ(parseError(nestedBlocks + std::string(450, ' ') + "pass\n"), "no error");
  const std::string tooDeep = "nested too deeply";
  auto expectTooDeep = [&](const std::string& text) {
    EXPECT_NE(parseError(text).find(tooDeep), std::string::npos) << text.substr(0, 40);
  };
  expectTooDeep("x = " + std::string(100000, '(') + "\n");
  expectTooDeep("x = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  expectTooDeep("x = " + std::string(100000, '-') + "1\n");
  std::string nots = "x = ";
  for (int i = 0; i < 50000; ++i) nots += "not ";
  expectTooDeep(nots + "y\n");
  std::string sum = "x = a";
  for (int i = 0; i < 50000; ++i) sum += " + a";
  expectTooDeep(sum + "\n");
  std::string power = "x = a";
  for (int i = 0; i < 50000; ++i) power += " ** a";
  expectTooDeep(power + "\n");
  std::string chain = "x = a";
  for (int i = 0; i < 50000; ++i) chain += ".b[0](c)";
  expectTooDeep(chain + "\n");
  std::string ternary = "x = a";
  for (int i = 0; i < 50000; ++i) ternary += " if c else a";
  expectTooDeep(ternary + "\n");
  std::string blocks;
  for (int i = 0; i < 2000; ++i) blocks += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  expectTooDeep(blocks + std::string(2000, ' ') + "pass\n");
  std::string elifs = "if a:\n  pass\n";
  for (int i = 0; i < 5000; ++i) elifs += "elif b:\n  pass\n";
  expectTooDeep(elifs);
  // Long flat sequences are fine.
  std::string list = "x = [";
  for (int i = 0; i < 50000; ++i) list += "1, ";
  EXPECT_EQ(parseError(list + "]\n"), "no error");
}

// ---- every code file of real archives, checked against CPython's ast ---------------

using testing::readFile;

// Runs make_code_samples.py once per build tree (again when it or the showcase changes).
fs::path codeSamples() {
  fs::path dir = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/frontend";
  fs::path script = dir / "make_code_samples.py";
  fs::path out = fs::path(SCONCE_BINARY_DIR) / "frontend_code_samples";
  fs::path done = out / "DONE";
  if (fs::exists(done) && fs::last_write_time(done) >= fs::last_write_time(script) &&
      fs::last_write_time(done) >= fs::last_write_time(dir / "syntax_showcase.py"))
    return out;
  fs::remove_all(out);
  std::string command = fmt::format("/usr/bin/python3 '{}' '{}' > '{}.log' 2>&1", script.string(),
                                    out.string(), out.string());
  if (std::system(command.c_str()) != 0 || !fs::exists(done)) return {};
  return out;
}

TEST(Parser, ParsesEveryCodeFileOfRealArchivesLikeCPython) {
  if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "no /usr/bin/python3 with torch";
  fs::path samples = codeSamples();
  ASSERT_FALSE(samples.empty()) << "make_code_samples.py failed; see " << SCONCE_BINARY_DIR
                                << "/frontend_code_samples.log";
  size_t files = 0;
  std::set<std::string> models;
  for (const auto& entry : fs::recursive_directory_iterator(samples)) {
    if (entry.path().extension() != ".py") continue;
    std::string name = fs::relative(entry.path(), samples).string();
    models.insert(name.substr(0, name.find('/')));
    std::string expected = readFile(entry.path().string() + ".sexp");
    try {
      ast::Module module = parseModule(std::make_shared<Source>(readFile(entry.path()), name));
      EXPECT_EQ(ast::dump(module), expected) << name;
    } catch (const Error& e) {
      ADD_FAILURE() << name << ": " << e.what();
    }
    ++files;
  }
  EXPECT_EQ(models, (std::set<std::string>{"lstm", "mobilenet_v3_small", "program", "resnet18",
                                           "syntax", "transformer"}));
  EXPECT_GT(files, 100u);
}

}  // namespace
}  // namespace sconce
