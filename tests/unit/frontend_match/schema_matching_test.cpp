// Overload resolution tests: calls built by hand against real schemas from the table,
// checked against the IR and error text PyTorch 1.13 produces for the same calls.
//
// Expected IR was taken from `torch.jit.script` graphs of the equivalent Python (before
// constant pooling moved constants around), so each test names the call it mirrors.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "frontend/schema_matching.h"
#include "ops/operator_registry.h"

namespace sconce {
namespace {

/// A graph under construction plus a one-line source to point diagnostics at.
class MatchTest : public ::testing::Test {
 protected:
  Value* input(const char* name, TypePtr type) { return graph_.addInput(name)->setType(type); }
  Value* constant(IValue v) { return graph_.insertConstant(v); }
  static NamedValue pos(Value* v) { return NamedValue{v, "", {}}; }
  static NamedValue kw(const char* name, Value* v) { return NamedValue{v, name, {}}; }

  /// Emits `op` and returns the result; the call's range covers `source`.
  Value* call(const char* op, std::vector<NamedValue> args, std::vector<NamedValue> kwargs = {},
              std::optional<NamedValue> self = std::nullopt) {
    return emitBuiltinCall(range(), graph_, Symbol::fromQualString(op), args, kwargs, self);
  }
  /// Emits `op`, registers the result as a graph output, and returns the graph text.
  std::string ir(const char* op, std::vector<NamedValue> args,
                 std::vector<NamedValue> kwargs = {}) {
    graph_.registerOutput(call(op, std::move(args), std::move(kwargs)));
    return text();
  }
  /// The graph text with unnamed values renumbered in order of appearance, from the
  /// number of (named) graph inputs on: failed overload attempts use up value numbers,
  /// which is no business of a test.
  std::string text() const {
    std::string in = graph_.str(), out;
    std::map<std::string, size_t> renamed;
    for (size_t i = 0; i < in.size();) {
      size_t j = i + 1;
      while (in[i] == '%' && j < in.size() && std::isdigit(static_cast<unsigned char>(in[j]))) ++j;
      if (j == i + 1) {
        out += in[i++];
        continue;
      }
      size_t next = graph_.inputs().size() + renamed.size();
      auto it = renamed.emplace(in.substr(i, j - i), next).first;
      out += "%" + std::to_string(it->second);
      i = j;
    }
    return out;
  }
  /// What CompileError appends after the message: the call site, highlighted.
  std::string here() {
    std::string h = range().highlight();
    while (!h.empty() && h.back() == '\n') h.pop_back();
    return h;
  }
  /// The error text of a call that must fail.
  std::string error(const char* op, std::vector<NamedValue> args,
                    std::vector<NamedValue> kwargs = {},
                    std::optional<NamedValue> self = std::nullopt) {
    size_t nodesBefore = graph_.numNodes();
    try {
      call(op, std::move(args), std::move(kwargs), std::move(self));
    } catch (const CompileError& e) {
      // A failed call leaves nothing behind.
      EXPECT_EQ(graph_.numNodes(), nodesBefore) << graph_.str();
      return e.what();
    }
    ADD_FAILURE() << "expected " << op << " to fail; graph:\n" << graph_.str();
    return {};
  }
  SourceRange range() {
    static const auto kSource = std::make_shared<Source>("    y = f(x)\n", "test.py");
    return SourceRange(kSource, 8, 9);
  }

  Graph graph_;
};

#define EXPECT_HAS(haystack, needle) EXPECT_NE((haystack).find(needle), std::string::npos) \
    << "missing:\n" << (needle) << "\nin:\n" << (haystack)

// ---- aten::add overloads ------------------------------------------------------------------

TEST_F(MatchTest, AddTensorTensorFillsAlphaDefault) {
  Value* x = input("x", TensorType::get());
  Value* y = input("y", TensorType::get());
  EXPECT_EQ(ir("aten::add", {pos(x), pos(y)}),
            "graph(%x : Tensor,\n"
            "      %y : Tensor):\n"
            "  %2 : int = prim::Constant[value=1]()\n"
            "  %3 : Tensor = aten::add(%x, %y, %2)\n"
            "  return (%3)\n");
}

TEST_F(MatchTest, AddTensorIntPicksScalarOverload) {
  Value* x = input("x", TensorType::get());
  Value* c = constant(IValue(2));
  Value* out = call("aten::add", {pos(x), pos(c)});
  EXPECT_EQ(out->node()->kind(), Symbol::aten("add"));
  EXPECT_EQ(out->type()->str(), "Tensor");
  ASSERT_EQ(out->node()->inputs().size(), 3u);
  EXPECT_EQ(out->node()->input(1), c);
}

TEST_F(MatchTest, AddAlphaKeyword) {
  Value* x = input("x", TensorType::get());
  Value* y = input("y", TensorType::get());
  Value* a = constant(IValue(2.5));
  Value* out = call("aten::add", {pos(x), pos(y)}, {kw("alpha", a)});
  EXPECT_EQ(out->node()->inputs(), (std::vector<Value*>{x, y, a}));
}

TEST_F(MatchTest, AddScalarsPickTheirOverloads) {
  Value* i = input("i", IntType::get());
  Value* f = input("f", FloatType::get());
  Value* s = input("s", StringType::get());
  Value* l = input("l", ListType::ofInts());
  EXPECT_EQ(call("aten::add", {pos(i), pos(i)})->type()->str(), "int");
  EXPECT_EQ(call("aten::add", {pos(f), pos(i)})->type()->str(), "float");  // add.float_int
  EXPECT_EQ(call("aten::add", {pos(i), pos(f)})->type()->str(), "float");  // add.int_float
  EXPECT_EQ(call("aten::add", {pos(s), pos(s)})->type()->str(), "str");
  EXPECT_EQ(call("aten::add", {pos(l), pos(l)})->type()->str(), "int[]");  // add.t, t = int
}

TEST_F(MatchTest, AddTensorStrListsEveryVariant) {
  Value* x = input("x", TensorType::get());
  Value* s = constant(IValue("a"));
  std::string e = error("aten::add", {pos(x), pos(s)});
  EXPECT_EQ(e.substr(0, e.find("\n  \n  aten::add.t")),
            "Arguments for call are not valid.\n"
            "The following variants are available:\n"
            "  \n"
            "  aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor:\n"
            "  Expected a value of type 'Tensor' for argument 'other' but instead found type "
            "'str'.\n"
            "  \n"
            "  aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor:\n"
            "  Expected a value of type 'number' for argument 'other' but instead found type "
            "'str'.\n"
            "  \n"
            "  aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> "
            "Tensor(a!):\n"
            "  Expected a value of type 'Tensor' for argument 'other' but instead found type "
            "'str'.\n"
            "  \n"
            "  aten::add.Scalar_out(Tensor self, Scalar other, Scalar alpha=1, *, Tensor(a!) out) "
            "-> Tensor(a!):\n"
            "  Expected a value of type 'number' for argument 'other' but instead found type "
            "'str'.");
  EXPECT_HAS(e, "  aten::add.t(t[] a, t[] b) -> t[]:\n"
                "  Could not match type Tensor to List[t] in argument 'a': Cannot match List[t] "
                "to Tensor.\n");
  EXPECT_HAS(e, "  aten::add(Scalar a, Scalar b) -> Scalar:\n"
                "  Expected a value of type 'number' for argument 'b' but instead found type "
                "'str'.\n"
                "\n"
                "The original call is:\n"
                "  File \"test.py\", line 1\n");
}

TEST_F(MatchTest, BoolIsNotAScalar) {
  Value* x = input("x", TensorType::get());
  std::string e = error("aten::add", {pos(x), pos(constant(IValue(true)))});
  EXPECT_HAS(e, "Expected a value of type 'number' for argument 'other' but instead found type "
                "'bool'.");
}

TEST_F(MatchTest, MethodCallBindsSelf) {
  Value* x = input("x", TensorType::get());
  Value* y = input("y", TensorType::get());
  Value* out = call("aten::add", {pos(y)}, {}, pos(x));
  EXPECT_EQ(out->node()->input(0), x);
  EXPECT_EQ(out->node()->input(1), y);
}

TEST_F(MatchTest, InputKeywordNamesSelfOfAtenOps) {
  Value* x = input("x", TensorType::get());
  Value* out = call("aten::relu", {}, {kw("input", x)});
  EXPECT_EQ(out->node()->inputs(), std::vector<Value*>{x});
}

// ---- Lists: broadcasting, tuples, literals, varargs -------------------------------------

TEST_F(MatchTest, Conv2dBroadcastsIntAndConvertsTuple) {
  // torch.conv2d(x, w, None, 1, (1, 1))
  Value* x = input("x", TensorType::get());
  Value* w = input("w", TensorType::get());
  Value* none = constant(IValue());
  Value* one = constant(IValue(1));
  Value* pad = insertTuple(graph_, {one, one});
  EXPECT_EQ(ir("aten::conv2d", {pos(x), pos(w), pos(none), pos(one), pos(pad)}),
            "graph(%x : Tensor,\n"
            "      %w : Tensor):\n"
            "  %2 : NoneType = prim::Constant()\n"
            "  %3 : int = prim::Constant[value=1]()\n"
            "  %4 : (int, int) = prim::TupleConstruct(%3, %3)\n"
            "  %5 : int[] = prim::ListConstruct(%3, %3)\n"
            "  %6 : int[] = prim::ListConstruct(%3, %3)\n"
            "  %7 : int[] = prim::Constant[value=[1, 1]]()\n"
            "  %8 : int = prim::Constant[value=1]()\n"
            "  %9 : Tensor = aten::conv2d(%x, %w, %2, %5, %6, %7, %8)\n"
            "  return (%9)\n");
}

TEST_F(MatchTest, Conv2dStringPaddingPicksPaddingOverload) {
  Value* x = input("x", TensorType::get());
  Value* w = input("w", TensorType::get());
  Value* out = call("aten::conv2d", {pos(x), pos(w)}, {kw("padding", constant(IValue("same")))});
  EXPECT_EQ(out->node()->input(4)->type()->str(), "str");
}

TEST_F(MatchTest, TupleFromNonLiteralIsUnpacked) {
  Value* x = input("x", TensorType::get());
  Value* w = input("w", TensorType::get());
  Value* t = input("t", TupleType::create({IntType::get(), IntType::get()}));
  call("aten::conv2d", {pos(x), pos(w)}, {kw("stride", t)});
  EXPECT_HAS(text(), "  %4 : int, %5 : int = prim::TupleUnpack(%t)\n"
                           "  %6 : int[] = prim::ListConstruct(%4, %5)\n"
                           "  %7 : int[] = prim::Constant[value=[0, 0]]()\n");
}

TEST_F(MatchTest, SumDimListAndKeepdimKeyword) {
  // x.sum([0], keepdim=True)
  Value* x = input("x", TensorType::get());
  Value* dims = insertList(graph_, IntType::get(), {constant(IValue(0))});
  Value* keep = constant(IValue(true));
  graph_.registerOutput(call("aten::sum", {pos(dims)}, {kw("keepdim", keep)}, pos(x)));
  EXPECT_EQ(text(),
            "graph(%x : Tensor):\n"
            "  %1 : int = prim::Constant[value=0]()\n"
            "  %2 : int[] = prim::ListConstruct(%1)\n"
            "  %3 : bool = prim::Constant[value=1]()\n"
            "  %4 : NoneType = prim::Constant()\n"
            "  %5 : Tensor = aten::sum(%x, %2, %3, %4)\n"
            "  return (%5)\n");
}

TEST_F(MatchTest, SumSingleIntDimBroadcastsToList) {
  // torch.sum(x, 1): `int[1]? dim` takes a single int.
  Value* x = input("x", TensorType::get());
  call("aten::sum", {pos(x), pos(constant(IValue(1)))});
  EXPECT_HAS(text(), "  %2 : int[] = prim::ListConstruct(%1)\n"
                           "  %3 : bool = prim::Constant[value=0]()\n"
                           "  %4 : NoneType = prim::Constant()\n"
                           "  %5 : Tensor = aten::sum(%x, %2, %3, %4)\n");
}

TEST_F(MatchTest, EmptyListLiteralTakesTheSchemaType) {
  // torch.sum(x, []): the literal becomes an int[].
  Value* x = input("x", TensorType::get());
  Node* lit = graph_.insertNode(graph_.create(emptyListLiteralKind(), 1));
  lit->output()->setType(ListType::ofTensors());
  Value* out = call("aten::sum", {pos(x), pos(lit->output())});
  EXPECT_HAS(text(), "  %2 : int[] = prim::ListConstruct()\n"
                           "  %3 : bool = prim::Constant[value=0]()\n");
  EXPECT_EQ(out->node()->input(1)->type()->str(), "int[]");
}

TEST_F(MatchTest, TrailingPositionalsPackIntoList) {
  // torch.zeros(2, 3)
  Value* two = constant(IValue(2));
  Value* three = constant(IValue(3));
  EXPECT_EQ(ir("aten::zeros", {pos(two), pos(three)}),
            "graph():\n"
            "  %0 : int = prim::Constant[value=2]()\n"
            "  %1 : int = prim::Constant[value=3]()\n"
            "  %2 : int[] = prim::ListConstruct(%0, %1)\n"
            "  %3 : NoneType = prim::Constant()\n"
            "  %4 : NoneType = prim::Constant()\n"
            "  %5 : NoneType = prim::Constant()\n"
            "  %6 : NoneType = prim::Constant()\n"
            "  %7 : Tensor = aten::zeros(%2, %3, %4, %5, %6)\n"
            "  return (%7)\n");
}

TEST_F(MatchTest, ViewOfIntNeverPicksViewDtype) {
  // x.view(1): PyTorch blocks aten::view.dtype, so the int packs into `size`.
  Value* x = input("x", TensorType::get());
  call("aten::view", {pos(constant(IValue(1)))}, {}, pos(x));
  EXPECT_HAS(text(), "  %2 : int[] = prim::ListConstruct(%1)\n"
                     "  %3 : Tensor = aten::view(%x, %2)\n");
}

// ---- Implicit conversions ---------------------------------------------------------------

TEST_F(MatchTest, TensorToIntInsertsIntImplicit) {
  // torch.select(x, t, 0)
  Value* x = input("x", TensorType::get());
  Value* t = input("t", TensorType::get());
  Value* zero = constant(IValue(0));
  EXPECT_EQ(ir("aten::select", {pos(x), pos(t), pos(zero)}),
            "graph(%x : Tensor,\n"
            "      %t : Tensor):\n"
            "  %2 : int = prim::Constant[value=0]()\n"
            "  %3 : int = aten::IntImplicit(%t)\n"
            "  %4 : Tensor = aten::select(%x, %3, %2)\n"
            "  return (%4)\n");
}

TEST_F(MatchTest, TensorToScalarInsertsScalarImplicit) {
  // torch.full([2], t)
  Value* t = input("t", TensorType::get());
  Value* size = insertList(graph_, IntType::get(), {constant(IValue(2))});
  call("aten::full", {pos(size), pos(t)});
  EXPECT_HAS(text(), "  %3 : Scalar = aten::ScalarImplicit(%t)\n"
                     "  %4 : NoneType = prim::Constant()\n");
  EXPECT_HAS(text(), "aten::full(%2, %3, %4, %5, %6, %7)\n");
}

TEST_F(MatchTest, NumberToIntInsertsInt) {
  Value* x = input("x", TensorType::get());
  Value* n = input("n", NumberType::get());
  call("aten::select", {pos(x), pos(n), pos(constant(IValue(0)))});
  EXPECT_HAS(text(), "  %3 : int = aten::Int(%n)\n"
                           "  %4 : Tensor = aten::select(%x, %3, %2)\n");
}

TEST_F(MatchTest, IntIsNotConvertedToFloat) {
  // torch.dropout(x, 1, True): one schema, so no candidate list.
  Value* x = input("x", TensorType::get());
  Value* one = constant(IValue(1));
  std::string e = error("aten::dropout", {pos(x), pos(one), pos(constant(IValue(true)))});
  EXPECT_EQ(e,
            "aten::dropout(Tensor input, float p, bool train) -> Tensor:\n"
            "Expected a value of type 'float' for argument 'p' but instead found type 'int'.\n" +
                here());
}

TEST_F(MatchTest, ToOverloads) {
  // x.to(6), x.to(dtype=6), x.to(t), x.to(d, 6), x.to("cpu")
  Value* x = input("x", TensorType::get());
  Value* t = input("t", TensorType::get());
  Value* d = input("d", DeviceObjType::get());
  Value* six = constant(IValue(6));
  auto overload = [&](std::vector<NamedValue> args, std::vector<NamedValue> kwargs) {
    std::vector<const FunctionSchema*> schemas;
    for (const Operator* op : OperatorRegistry::global().lookup(Symbol::aten("to")))
      schemas.push_back(&op->schema);
    return matchSchemas(schemas, range(), graph_, args, kwargs, pos(x)).schema->overloadName;
  };
  EXPECT_EQ(overload({pos(six)}, {}), "dtype");
  EXPECT_EQ(overload({}, {kw("dtype", six)}), "dtype");
  EXPECT_EQ(overload({pos(t)}, {}), "other");
  EXPECT_EQ(overload({pos(d), pos(six)}, {}), "device");
  EXPECT_EQ(overload({}, {kw("device", d)}), "dtype_layout");
}

TEST_F(MatchTest, StrToDeviceInsertsAtenDevice) {
  // x.to("cpu") matches to.prim_Device only once "cpu" converts.
  Value* x = input("x", TensorType::get());
  Value* cpu = constant(IValue("cpu"));
  graph_.registerOutput(call("aten::to", {pos(cpu)}, {}, pos(x)));
  EXPECT_EQ(text(),
            "graph(%x : Tensor):\n"
            "  %1 : str = prim::Constant[value=\"cpu\"]()\n"
            "  %2 : Device = aten::device(%1)\n"
            "  %3 : NoneType = prim::Constant()\n"
            "  %4 : bool = prim::Constant[value=0]()\n"
            "  %5 : bool = prim::Constant[value=0]()\n"
            "  %6 : Tensor = aten::to(%x, %2, %3, %4, %5)\n"
            "  return (%6)\n");
}

TEST_F(MatchTest, OptionalArgumentsTakeNoneOrValues) {
  // torch.clamp(x, None, 2) and torch.clamp(x, o, x)
  Value* x = input("x", TensorType::get());
  Value* o = input("o", OptionalType::create(TensorType::get()));
  Value* none = constant(IValue());
  Value* two = constant(IValue(2));
  Value* a = call("aten::clamp", {pos(x), pos(none), pos(two)});
  EXPECT_EQ(a->node()->inputs(), (std::vector<Value*>{x, none, two}));
  Value* b = call("aten::clamp", {pos(x), pos(o), pos(x)});
  EXPECT_EQ(b->node()->inputs(), (std::vector<Value*>{x, o, x}));
  EXPECT_EQ(b->type()->str(), "Tensor");
}

TEST_F(MatchTest, TensorInt) {
  // torch.ops.aten.Int(x): Int.Tensor, no conversion.
  Value* x = input("x", TensorType::get());
  EXPECT_EQ(ir("aten::Int", {pos(x)}),
            "graph(%x : Tensor):\n"
            "  %1 : int = aten::Int(%x)\n"
            "  return (%1)\n");
}

// ---- Type variables, containers, varargs --------------------------------------------------

TEST_F(MatchTest, GetitemOfIntListGivesInt) {
  Value* l = input("l", ListType::ofInts());
  EXPECT_EQ(ir("aten::__getitem__", {pos(l), pos(constant(IValue(0)))}),
            "graph(%l : int[]):\n"
            "  %1 : int = prim::Constant[value=0]()\n"
            "  %2 : int = aten::__getitem__(%l, %1)\n"
            "  return (%2)\n");
}

TEST_F(MatchTest, GetitemOfDictGivesValueType) {
  Value* d = input("d", DictType::create(StringType::get(), TensorType::get()));
  EXPECT_EQ(call("aten::__getitem__", {pos(d), pos(constant(IValue("a")))})->type()->str(),
            "Tensor");
  std::string e = error("aten::__getitem__", {pos(d), pos(constant(IValue(1)))});
  EXPECT_HAS(e, "  aten::__getitem__.t(t[](a) list, int idx) -> t(*):\n"
                "  Could not match type Dict[str, Tensor] to List[t] in argument 'list': Cannot "
                "match List[t] to Dict[str, Tensor].\n");
  EXPECT_HAS(e, "  aten::__getitem__.Dict_str(Dict(str, t) self, str key) -> t(*):\n"
                "  Expected a value of type 'str' for argument 'key' but instead found type "
                "'int'.\n");
  EXPECT_HAS(e, "  aten::__getitem__.Dict_int(Dict(int, t) self, int key) -> t(*):\n"
                "  Expected a value of type 'Dict[int, t]' for argument 'self' but instead found "
                "type 'Dict[str, Tensor]'.\n");
}

TEST_F(MatchTest, AppendToTensorList) {
  Value* l = input("l", ListType::ofTensors());
  Value* y = input("y", TensorType::get());
  EXPECT_EQ(ir("aten::append", {pos(l), pos(y)}),
            "graph(%l : Tensor[],\n"
            "      %y : Tensor):\n"
            "  %2 : Tensor[] = aten::append(%l, %y)\n"
            "  return (%2)\n");
}

TEST_F(MatchTest, TypeVariableMustUnify) {
  // torch.ops.aten.append(l, "a") with l : List[int]
  Value* l = input("l", ListType::ofInts());
  std::string e = error("aten::append", {pos(l), pos(constant(IValue("a")))});
  EXPECT_EQ(e.substr(0, e.find("  File")),
            "aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!):\n"
            "Could not match type str to t in argument 'el': Type variable 't' previously "
            "matched to type int is matched to type str.\n");
}

TEST_F(MatchTest, IndexWithOptionalTensorList) {
  // x[i, None] builds a Tensor?[]; a plain Tensor[] goes to the hacked twin.
  Value* x = input("x", TensorType::get());
  Value* i = input("i", TensorType::get());
  auto overload = [&](Value* indices) {
    std::vector<const FunctionSchema*> schemas;
    for (const Operator* op : OperatorRegistry::global().lookup(Symbol::aten("index")))
      schemas.push_back(&op->schema);
    return matchSchemas(schemas, range(), graph_, {pos(x), pos(indices)}, {})
        .schema->overloadName;
  };
  TypePtr optTensor = OptionalType::create(TensorType::get());
  EXPECT_EQ(overload(insertList(graph_, optTensor, {i, constant(IValue())})), "Tensor");
  EXPECT_EQ(overload(insertList(graph_, TensorType::get(), {i})), "Tensor_hacked_twin");
}

TEST_F(MatchTest, LenOfStrListDict) {
  auto overload = [&](Value* v) {
    std::vector<const FunctionSchema*> schemas;
    for (const Operator* op : OperatorRegistry::global().lookup(Symbol::aten("len")))
      schemas.push_back(&op->schema);
    MatchedSchema m = matchSchemas(schemas, range(), graph_, {pos(v)}, {});
    EXPECT_EQ(m.returnTypes.at(0)->str(), "int");
    return m.schema->overloadName;
  };
  EXPECT_EQ(overload(input("s", StringType::get())), "str");
  EXPECT_EQ(overload(input("l", ListType::ofFloats())), "t");
  EXPECT_EQ(overload(input("d", DictType::create(StringType::get(), IntType::get()))), "Dict_str");
  EXPECT_EQ(overload(input("e", DictType::create(IntType::get(), TensorType::get()))), "Dict_int");
  EXPECT_EQ(overload(input("x", TensorType::get())), "Tensor");
}

TEST_F(MatchTest, FormatTakesVarargs) {
  // "{} {}".format(1, y)
  Value* y = input("y", TensorType::get());
  Value* fmtStr = constant(IValue("{} {}"));
  Value* one = constant(IValue(1));
  Value* out = call("aten::format", {pos(one), pos(y)}, {}, pos(fmtStr));
  EXPECT_EQ(out->type()->str(), "str");
  EXPECT_EQ(out->node()->inputs(), (std::vector<Value*>{fmtStr, one, y}));
}

TEST_F(MatchTest, WaitUnwrapsFuture) {
  Value* f = input("f", FutureType::create(ListType::ofInts()));
  EXPECT_EQ(call("aten::wait", {pos(f)})->type()->str(), "int[]");
}

TEST_F(MatchTest, AnyAcceptsAnything) {
  Value* t = input("t", TupleType::create({IntType::get(), StringType::get()}));
  Value* out = call("prim::TupleIndex", {pos(t), pos(constant(IValue(1)))});
  EXPECT_EQ(out->type()->str(), "Any");
}

TEST_F(MatchTest, MaxOverloads) {
  Value* x = input("x", TensorType::get());
  Value* y = input("y", TensorType::get());
  Value* one = constant(IValue(1));
  Value* all = call("aten::max", {pos(x)});
  EXPECT_EQ(all->node()->inputs().size(), 1u);
  Value* other = call("aten::max", {pos(x), pos(y)});
  EXPECT_EQ(other->node()->inputs(), (std::vector<Value*>{x, y}));
  Value* dim = call("aten::max", {pos(x), pos(one)}, {kw("keepdim", constant(IValue(true)))});
  // (Tensor values, Tensor indices): the op's outputs packed into a named tuple.
  ASSERT_EQ(dim->node()->kind(), prim::TupleConstruct);
  const auto& tuple = dim->type()->expect<TupleType>();
  EXPECT_EQ(tuple.str(), "(Tensor, Tensor)");
  EXPECT_EQ(tuple.fieldNames(), (std::vector<std::string>{"values", "indices"}));
  Node* op = dim->node()->input(0)->node();
  EXPECT_EQ(op->kind(), Symbol::aten("max"));
  EXPECT_EQ(op->outputs().size(), 2u);
  EXPECT_EQ(dim->node()->inputs(), op->outputs());
}

TEST_F(MatchTest, NoReturnsGiveEmptyTuple) {
  // torch.ops.aten.warn("a") -> ()
  Value* out = call("aten::warn", {pos(constant(IValue("a")))});
  EXPECT_EQ(out->node()->kind(), prim::TupleConstruct);
  EXPECT_EQ(out->type()->str(), "()");
  EXPECT_HAS(text(), "   = aten::warn(%0, %1)\n");
}

TEST_F(MatchTest, OpNodeKeepsSourceRange) {
  Value* x = input("x", TensorType::get());
  Value* out = call("aten::relu", {pos(x)});
  EXPECT_EQ(out->node()->sourceRange().text(), "f");
}

// ---- Errors -------------------------------------------------------------------------------

TEST_F(MatchTest, TooManyArguments) {
  // torch.relu(x, 1)
  Value* x = input("x", TensorType::get());
  std::string e = error("aten::relu", {pos(x), pos(constant(IValue(1)))});
  EXPECT_EQ(e,
            "Arguments for call are not valid.\n"
            "The following variants are available:\n"
            "  \n"
            "  aten::relu(Tensor self) -> Tensor:\n"
            "  Expected at most 1 arguments but found 2 positional arguments.\n"
            "  \n"
            "  aten::relu.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!):\n"
            "  Argument out not provided.\n"
            "\n"
            "The original call is:\n" +
                here());
}

TEST_F(MatchTest, UnknownKeyword) {
  Value* x = input("x", TensorType::get());
  std::string e = error("aten::relu", {pos(x)}, {kw("foo", constant(IValue(1)))});
  EXPECT_HAS(e, "  aten::relu(Tensor self) -> Tensor:\n  Keyword argument foo unknown.\n");
}

TEST_F(MatchTest, MissingArgument) {
  std::string e = error("aten::relu", {});
  EXPECT_HAS(e, "  aten::relu(Tensor self) -> Tensor:\n  Argument self not provided.\n");
  EXPECT_HAS(e, "  aten::relu.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!):\n"
                "  Argument self not provided.\n");
}

TEST_F(MatchTest, ArgumentGivenTwice) {
  // torch.sum(x, 0, dim=1)
  Value* x = input("x", TensorType::get());
  std::string e =
      error("aten::sum", {pos(x), pos(constant(IValue(0)))}, {kw("dim", constant(IValue(1)))});
  EXPECT_HAS(e, "  aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, "
                "ScalarType? dtype=None) -> Tensor:\n"
                "  Keyword argument dim specified twice.\n");
  EXPECT_HAS(e, "  aten::sum.float(float[] self) -> float:\n"
                "  Expected a value of type 'float' for argument '<varargs>' but instead found "
                "type 'int'.\n");
  EXPECT_HAS(e, "  aten::sum.int(int[] self) -> int:\n  Keyword argument dim unknown.\n");
}

TEST_F(MatchTest, TensorListMismatchHintsAtEmptyLists) {
  Value* l = input("l", ListType::ofTensors());
  std::string e = error("aten::sum", {pos(l)});
  EXPECT_HAS(e, "Empty lists default to List[Tensor].");
}

TEST_F(MatchTest, KwargOnlyIsNotPositional) {
  // aten::to.dtype_layout takes only keywords after self (x.to(l)).
  Value* x = input("x", TensorType::get());
  std::string e = error("aten::to", {pos(input("l", ListType::ofInts()))}, {}, pos(x));
  EXPECT_HAS(e, "  aten::to.dtype_layout(Tensor(a) self, *, ScalarType? dtype=None, "
                "Layout? layout=None, Device? device=None, bool? pin_memory=None, "
                "bool non_blocking=False, bool copy=False, MemoryFormat? memory_format=None) "
                "-> Tensor(a):\n"
                "  Expected at most 0 arguments but found 1 positional arguments.\n");
}

TEST_F(MatchTest, UnknownOpWithoutSuggestions) {
  std::string e = error("aten::qqqqqqqqqqqq", {});
  EXPECT_EQ(e,
            "Unknown builtin op: aten::qqqqqqqqqqqq.\n"
            "Could not find any similar ops to aten::qqqqqqqqqqqq. This op may not exist or "
            "may not be currently supported in TorchScript.\n" +
                here());
}

TEST_F(MatchTest, UnknownOpSuggestsCloseNames) {
  std::string e = error("aten::relux", {});
  EXPECT_HAS(e, "Unknown builtin op: aten::relux.\nHere are some suggestions: \n\taten::relu\n");
  EXPECT_HAS(e, "\taten::relu_\n");
  EXPECT_HAS(e, "\nThe original call is:\n  File \"test.py\"");
}

// ---- Building blocks ------------------------------------------------------------------------

TEST(TypeVariables, BindUnifyAndEvaluate) {
  TypeEnv env;
  TypePtr t = VarType::create("t");
  EXPECT_EQ(matchTypeVariables(ListType::create(t), ListType::ofInts(), env), "");
  EXPECT_EQ(env.at("t")->str(), "int");
  EXPECT_EQ(matchTypeVariables(t, IntType::get(), env), "");
  EXPECT_EQ(matchTypeVariables(t, StringType::get(), env),
            "Type variable 't' previously matched to type int is matched to type str");
  EXPECT_EQ(tryEvalTypeVariables(DictType::create(StringType::get(), ListType::create(t)), env)
                ->str(),
            "Dict(str, int[])");
  EXPECT_FALSE(tryEvalTypeVariables(VarType::create("u"), env));
}

TEST(TypeVariables, ListFromTupleAndOptional) {
  TypeEnv env;
  TypePtr t = VarType::create("t");
  EXPECT_EQ(matchTypeVariables(ListType::create(t),
                               TupleType::create({FloatType::get(), FloatType::get()}), env),
            "");
  EXPECT_EQ(env.at("t")->str(), "float");
  TypeEnv env2;
  // None fits Optional[t] without binding t; a value binds it.
  EXPECT_EQ(matchTypeVariables(OptionalType::create(t), NoneType::get(), env2), "");
  EXPECT_TRUE(env2.empty());
  EXPECT_EQ(matchTypeVariables(OptionalType::create(t), TensorType::get(), env2), "");
  EXPECT_EQ(env2.at("t")->str(), "Tensor");
  EXPECT_EQ(matchTypeVariables(FutureType::create(t), IntType::get(), env2),
            "Cannot match a future to int");
}

TEST(TypeRepr, SpellsLikePyTorchErrors) {
  EXPECT_EQ(typeReprStr(NumberType::get()), "number");
  EXPECT_EQ(typeReprStr(OptionalType::create(ListType::ofInts())), "Optional[List[int]]");
  EXPECT_EQ(typeReprStr(DictType::create(StringType::get(), NumberType::get())),
            "Dict[str, number]");
  EXPECT_EQ(typeReprStr(TupleType::create({})), "Tuple[()]");
  EXPECT_EQ(typeReprStr(TupleType::create({IntType::get(), TensorType::get()})),
            "Tuple[int, Tensor]");
}

TEST(ConvertibleToList, HomogeneousTuples) {
  EXPECT_TRUE(convertibleToList(TupleType::create({IntType::get(), IntType::get()}),
                                ListType::ofInts()));
  EXPECT_FALSE(convertibleToList(TupleType::create({IntType::get(), FloatType::get()}),
                                 ListType::ofInts()));
  EXPECT_TRUE(convertibleToList(ListType::ofInts(), ListType::ofInts()));
  EXPECT_FALSE(convertibleToList(IntType::get(), ListType::ofInts()));
}

}  // namespace
}  // namespace sconce
