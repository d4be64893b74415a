// The boxing helpers, the tensor metadata kernels, stdout/stderr builtins, and the
// count of non-tensor schemas that have kernels.
#include <gtest/gtest.h>

#include "ir/schema.h"
#include "ops/boxing.h"
#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"

namespace sconce::ops {
namespace {

KernelFn kernel(std::string_view name) {
  const Operator* op = OperatorRegistry::global().find(name);
  EXPECT_NE(op, nullptr) << name;
  EXPECT_TRUE(op && op->hasKernel()) << name;
  return op ? op->kernel : nullptr;
}

/// Runs `name` on `args`; returns the stack afterwards.
Stack call(std::string_view name, Stack args) {
  kernel(name)(args);
  return args;
}

std::string errorOf(std::string_view name, Stack args) {
  try {
    kernel(name)(args);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// ---- boxing ------------------------------------------------------------------------------

TEST(BuiltinBoxing, PopArgsInSchemaOrder) {
  Stack s{IValue(int64_t{7}), IValue(2.5), IValue("x"), IValue(true)};
  auto [i, d, str, b] = popArgs<int64_t, double, std::string, bool>(s);
  EXPECT_EQ(i, 7);
  EXPECT_EQ(d, 2.5);
  EXPECT_EQ(str, "x");
  EXPECT_TRUE(b);
  EXPECT_TRUE(s.empty());
}

TEST(BuiltinBoxing, TypedPops) {
  auto ints = ListObj::create(IntType::get(), {IValue(int64_t{1}), IValue(int64_t{2})});
  Stack s{IValue(ints), IValue(), IValue(int64_t{3}), IValue(int64_t{6}), IValue(int64_t{2})};
  EXPECT_EQ(popScalar(s).toLong(), 2);
  EXPECT_EQ(popScalarType(s), ScalarType::Float);
  EXPECT_EQ(popOptionalInt(s), std::optional<int64_t>(3));
  EXPECT_EQ(popOptionalDouble(s), std::nullopt);
  EXPECT_EQ(popIntList(s), (std::vector<int64_t>{1, 2}));
  Stack t{IValue(int64_t{4})};
  EXPECT_EQ(popDouble(t), 4.0);  // an int widens to float
  Stack u{IValue("s")};
  EXPECT_THROW(popInt(u), ValueError);
}

TEST(BuiltinBoxing, PushConvertsAndSpreadsTuples) {
  Stack s;
  push(s, int64_t{1}, 2.0, std::string("a"), std::vector<int64_t>{3, 4}, std::optional<double>(),
       std::tuple<bool, int64_t>(true, 5), Scalar(1.5), ScalarType::Long);
  ASSERT_EQ(s.size(), 9u);
  EXPECT_TRUE(s[0].isInt());
  EXPECT_TRUE(s[1].isDouble());
  EXPECT_EQ(s[2].toStringRef(), "a");
  EXPECT_EQ(s[3].toList()->elementType->str(), "int");
  EXPECT_TRUE(s[4].isNone());
  EXPECT_TRUE(s[5].toBool());
  EXPECT_EQ(s[6].toInt(), 5);
  EXPECT_EQ(s[7].toDouble(), 1.5);
  EXPECT_EQ(s[8].toInt(), 4);
}

int64_t subtract(int64_t a, int64_t b) { return a - b; }

TEST(BuiltinBoxing, BoxedWrapsFunctionsAndLambdas) {
  Stack s{IValue(int64_t{10}), IValue(int64_t{3})};
  boxed<subtract>(s);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].toInt(), 7);
  Stack t{IValue(2.0)};
  boxed<[](double x) { return std::tuple<double, double>(x, -x); }>(t);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].toDouble(), -2.0);
  Stack u{IValue(int64_t{1})};
  boxed<[](int64_t) {}>(u);
  EXPECT_TRUE(u.empty());
}

TEST(BuiltinBoxing, VarargCountCoversEveryInput) {
  Stack s{IValue("{} {}"), IValue(int64_t{1}), IValue("a"), IValue(int64_t{3})};
  size_t n = popVarargCount(s);
  EXPECT_EQ(n, 3u);
  auto values = popValues(s, n);
  EXPECT_EQ(values[0].toStringRef(), "{} {}");
  EXPECT_TRUE(s.empty());
}

// ---- tensor metadata ---------------------------------------------------------------------------

TEST(BuiltinTensorInfo, SizesAndDims) {
  Tensor t = Tensor::zeros({2, 3}, ScalarType::Float);
  Stack sizes = call("aten::size", {IValue(t)});
  EXPECT_EQ(popIntList(sizes), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(call("aten::size.int", {IValue(t), IValue(int64_t{-1})})[0].toInt(), 3);
  EXPECT_EQ(errorOf("aten::size.int", {IValue(t), IValue(int64_t{5})}),
            "RuntimeError: Dimension out of range (expected to be in range of [-2, 1], but got 5)");
  EXPECT_EQ(call("aten::dim", {IValue(t)})[0].toInt(), 2);
  EXPECT_EQ(call("aten::numel", {IValue(t)})[0].toInt(), 6);
  EXPECT_EQ(call("aten::len.Tensor", {IValue(t)})[0].toInt(), 2);
  EXPECT_EQ(errorOf("aten::len.Tensor", {IValue(Tensor::scalar(1.0))}), "TypeError: len() of a 0-d tensor");
  EXPECT_EQ(call("prim::dtype", {IValue(t)})[0].toInt(), static_cast<int64_t>(ScalarType::Float));
  EXPECT_TRUE(call("prim::device", {IValue(t)})[0].toDevice().isCpu());
  EXPECT_FALSE(call("prim::is_cuda", {IValue(t)})[0].toBool());
  EXPECT_TRUE(call("aten::is_floating_point", {IValue(t)})[0].toBool());
  EXPECT_EQ(call("aten::element_size", {IValue(t)})[0].toInt(), 4);
  EXPECT_EQ(call("aten::get_device", {IValue(t)})[0].toInt(), -1);
}

TEST(BuiltinTensorInfo, ItemsAndImplicitConversions) {
  EXPECT_EQ(call("aten::item", {IValue(Tensor::scalar(2.5, ScalarType::Float))})[0].toDouble(), 2.5);
  EXPECT_EQ(call("aten::item", {IValue(Tensor::scalar(int64_t{7}, ScalarType::Int))})[0].toInt(), 7);
  EXPECT_TRUE(call("aten::item", {IValue(Tensor::scalar(int64_t{1}, ScalarType::Bool))})[0].isBool());
  EXPECT_EQ(call("aten::Int.Tensor", {IValue(Tensor::scalar(2.7))})[0].toInt(), 2);
  EXPECT_EQ(errorOf("aten::Int.Tensor", {IValue(Tensor::zeros({2}))}),
            "RuntimeError: a Tensor with 2 elements cannot be converted to Scalar");
  EXPECT_EQ(errorOf("aten::Bool.Tensor", {IValue(Tensor::zeros({0}))}),
            "RuntimeError: Boolean value of Tensor with no values is ambiguous");
  EXPECT_EQ(errorOf("aten::IntImplicit", {IValue(Tensor::zeros({1}, ScalarType::Long))}),
            "RuntimeError: Cannot input a tensor of dimension other than 0 as a scalar argument");
  EXPECT_EQ(errorOf("aten::IntImplicit", {IValue(Tensor::scalar(1.0, ScalarType::Float))}),
            "RuntimeError: Cannot input a tensor of type Float as an integral argument");
  EXPECT_EQ(call("aten::FloatImplicit", {IValue(Tensor::scalar(int64_t{3}))})[0].toDouble(), 3.0);
  Tensor n = call("prim::NumToTensor.Scalar", {IValue(int64_t{5})})[0].toTensor();
  EXPECT_EQ(n.dtype(), ScalarType::Long);
  EXPECT_EQ(n.dim(), 0);
  EXPECT_EQ(call("prim::NumToTensor.Scalar", {IValue(1.5)})[0].toTensor().dtype(), ScalarType::Double);
  EXPECT_EQ(call("prim::NumToTensor.bool", {IValue(true)})[0].toTensor().dtype(), ScalarType::Bool);
}

// ---- printing and warnings -----------------------------------------------------------------------

TEST(BuiltinOutput, PrintUsesPythonStr) {
  auto list = ListObj::create(FloatType::get(), {IValue(1.0), IValue(2.5)});
  testing::internal::CaptureStdout();
  call("prim::Print", {IValue("a"), IValue(int64_t{1}), IValue(list), IValue(), IValue(int64_t{4})});
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "a 1 [1.0, 2.5] None\n");
}

TEST(BuiltinOutput, WarnOncePerMessage) {
  testing::internal::CaptureStderr();
  call("aten::warn", {IValue("careful"), IValue(int64_t{2})});
  call("aten::warn", {IValue("careful"), IValue(int64_t{2})});
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "UserWarning: careful\n");
}

TEST(BuiltinOutput, ReprOfSpecialValues) {
  EXPECT_EQ(pyRepr(IValue(Device(DeviceType::CUDA, 1))), "device(type='cuda', index=1)");
  EXPECT_EQ(pyStr(IValue(Device(DeviceType::CUDA, 1))), "cuda:1");
  auto named = TupleType::createNamed("__torch__.Point", {"x", "y"}, {IntType::get(), IntType::get()});
  EXPECT_EQ(pyRepr(IValue(TupleObj::create({IValue(int64_t{1}), IValue(int64_t{2})}, named))), "Point(x=1, y=2)");
}

TEST(BuiltinAliasing, ContainersUsedTwiceInOneCall) {
  auto l = ListObj::create(IntType::get(), {IValue(int64_t{1}), IValue(int64_t{2})});
  call("aten::extend.t", {IValue(l), IValue(l)});
  EXPECT_EQ(pyRepr(IValue(l)), "[1, 2, 1, 2]");
  Stack sum = call("aten::add.t", {IValue(l), IValue(l)});
  EXPECT_EQ(sum[0].toList()->elements.size(), 8u);
  EXPECT_NE(sum[0].toList().get(), l.get());
  EXPECT_EQ(sum[0].toList()->elementType->str(), "int");
  auto d = DictObj::create(StringType::get(), IntType::get());
  d->insertOrAssign(IValue("a"), IValue(int64_t{1}));
  call("aten::update.str", {IValue(d), IValue(d)});
  EXPECT_EQ(pyRepr(IValue(d)), "{'a': 1}");
  Stack keys = call("aten::keys.str", {IValue(d)});
  EXPECT_EQ(keys[0].toList()->elementType->str(), "str");
  Stack items = call("aten::items.str", {IValue(d)});
  EXPECT_EQ(items[0].toList()->elementType->str(), "(str, int)");
}

// ---- coverage ----------------------------------------------------------------------------------

constexpr const char* kSchemaTable[] = {
#include "ops/schema_table.inc"
};

bool mentionsTensor(const TypePtr& t) {
  if (!t) return false;
  if (t->kind() == TypeKind::Tensor) return true;
  for (const auto& c : t->containedTypes())
    if (mentionsTensor(c)) return true;
  return false;
}

TEST(BuiltinCoverage, NonTensorSchemasWithKernels) {
  size_t nonTensor = 0, withKernel = 0;
  std::string missing;
  for (const char* text : kSchemaTable) {
    FunctionSchema s = parseSchema(text);
    bool tensor = false;
    for (const auto& a : s.arguments) tensor |= mentionsTensor(a.type);
    for (const auto& r : s.returns) tensor |= mentionsTensor(r.type);
    if (tensor) continue;
    ++nonTensor;
    const Operator* op = OperatorRegistry::global().find(s.operatorName());
    if (op && op->hasKernel()) ++withKernel;
    else missing += "  " + std::string(text) + "\n";
  }
  std::printf("non-tensor schemas: %zu, with kernels: %zu\nwithout:\n%s", nonTensor, withKernel, missing.c_str());
  EXPECT_GE(withKernel, 500u);
}

}  // namespace
}  // namespace sconce::ops
