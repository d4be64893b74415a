// The operator table's tensor kernels, called the way the interpreter calls them, checked
// against PyTorch.
//
// make_cases.py runs each case through torch.ops.aten.<op>.<overload> and torch.saves the
// arguments and outputs; this harness loads them with our own torch.save reader, pushes
// the arguments in schema order (keyword arguments by name, defaults from the schema),
// calls the registered kernel and compares every output: dtype, shape and values
// (allclose rtol 1e-4 atol 1e-5 for floating dtypes, exact otherwise). Where PyTorch
// raised, the kernel must throw. In-place and out= kernels must return the very tensor
// they wrote.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "ops/operator_registry.h"
#include "serialization/archive.h"
#include "tests/support/fixtures.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/ops_registry/make_cases.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/ops_registry";

// The cases, or nullptr with *problem saying why not (SCONCE_REQUIRE_FIXTURES: skipped
// only when torch is missing; a broken generator or unreadable cases.pt fail).
const std::vector<IValue>* loadCases(std::string* problem) {
  static std::vector<IValue> cases;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    error = testing::ensureGenerated(kFixtures, "/usr/bin/python3 " + kScript.string(), {kScript});
    if (!error.empty()) return;
    try {
      IValue data = Archive::open((kFixtures / "cases.pt").string())->loadData();
      cases = data.toList()->elements;
    } catch (const std::exception& e) {
      error = std::string("cannot read cases.pt: ") + e.what();
    }
  });
  *problem = error;
  return error.empty() ? &cases : nullptr;
}

const IValue& field(const IValue& c, const char* key) {
  const IValue* v = c.toDict()->find(IValue(std::string(key)));
  if (!v) throw std::runtime_error(std::string("case without ") + key);
  return *v;
}

// ---- comparing ------------------------------------------------------------------------

std::string shapeStr(const Tensor& t) {
  std::string s = "[";
  for (size_t i = 0; i < t.sizes().size(); ++i) s += (i ? ", " : "") + std::to_string(t.sizes()[i]);
  return s + "]";
}

/// Empty when equal, else what differs.
std::string compareTensors(const Tensor& got, const Tensor& want, bool valuesToo) {
  if (got.dtype() != want.dtype())
    return fmt::format("dtype {} != {}", scalarTypeName(got.dtype()), scalarTypeName(want.dtype()));
  if (got.sizes() != want.sizes()) return "shape " + shapeStr(got) + " != " + shapeStr(want);
  if (!valuesToo) return "";
  const bool floating = isFloatingType(want.dtype());
  auto close = [](double g, double w) {
    return (std::isnan(w) && std::isnan(g)) || g == w || std::abs(g - w) <= 1e-5 + 1e-4 * std::abs(w);
  };
  for (int64_t i = 0; i < want.numel(); ++i) {
    if (isComplexType(want.dtype())) {
      const std::complex<double> g = got.itemAsComplex(i), w = want.itemAsComplex(i);
      if (!close(g.real(), w.real()) || !close(g.imag(), w.imag()))
        return fmt::format("element {}: ({}, {}) != ({}, {})", i, g.real(), g.imag(), w.real(), w.imag());
    } else if (floating) {
      const double g = got.itemAsDouble(i), w = want.itemAsDouble(i);
      if (!close(g, w)) return fmt::format("element {}: {} != {}", i, g, w);
    } else if (got.itemAsInt(i) != want.itemAsInt(i)) {
      return fmt::format("element {}: {} != {}", i, got.itemAsInt(i), want.itemAsInt(i));
    }
  }
  return "";
}

std::string compareValues(const IValue& got, const IValue& want, bool valuesToo) {
  if (want.isTensor()) {
    if (!got.isTensor()) return fmt::format("expected a Tensor, got {}", got.tagName());
    return compareTensors(got.toTensor(), want.toTensor(), valuesToo);
  }
  if (want.isList() || want.isTuple()) {
    if (!got.isList() && !got.isTuple()) return fmt::format("expected a list, got {}", got.tagName());
    const auto& w = want.isList() ? want.toList()->elements : want.toTuple()->elements;
    const auto& g = got.isList() ? got.toList()->elements : got.toTuple()->elements;
    if (g.size() != w.size()) return fmt::format("list of {} != {}", g.size(), w.size());
    for (size_t i = 0; i < w.size(); ++i)
      if (std::string d = compareValues(g[i], w[i], valuesToo); !d.empty()) return fmt::format("[{}] {}", i, d);
    return "";
  }
  if (want.isBool()) return got.isBool() && got.toBool() == want.toBool() ? "" : "bool result differs";
  if (want.isInt()) return got.isInt() && got.toInt() == want.toInt() ? "" : "int result differs";
  if (want.tag() == IValue::Tag::Complex)
    return got.tag() == IValue::Tag::Complex && std::abs(got.toComplex() - want.toComplex()) <= 1e-5 ? ""
                                                                                                     : "complex result differs";
  if (want.isDouble())
    return got.isDouble() && std::abs(got.toDouble() - want.toDouble()) <= 1e-5 + 1e-4 * std::abs(want.toDouble())
               ? ""
               : "float result differs";
  return fmt::format("cannot compare {}", want.tagName());
}

// ---- calling --------------------------------------------------------------------------

bool isDeviceType(const TypePtr& t) {
  if (t->kind() == TypeKind::Device) return true;
  return t->kind() == TypeKind::Optional &&
         static_cast<const OptionalType&>(*t).elementType()->kind() == TypeKind::Device;
}

/// A copy of `v` whose tensors own fresh storages with the same geometry: the fixtures'
/// tensors share storages across cases (torch.save keeps sharing), and in-place kernels
/// must not leak writes into later cases.
IValue isolate(const IValue& v) {
  if (v.isTensor()) {
    const Tensor& t = v.toTensor();
    Storage copy = StorageImpl::allocate(t.storage()->nbytes());
    std::memcpy(copy->data(), t.storage()->data(), t.storage()->nbytes());
    return IValue(Tensor::fromStorage(copy, t.sizes(), t.strides(), t.storageOffset(), t.dtype()));
  }
  if (v.isList()) {
    std::vector<IValue> e;
    for (const IValue& x : v.toList()->elements) e.push_back(isolate(x));
    return IValue(ListObj::create(v.toList()->elementType, std::move(e)));
  }
  return v;
}

/// The case's arguments in schema order, keyword arguments placed and defaults filled.
std::vector<IValue> schemaArguments(const FunctionSchema& schema, const IValue& c) {
  const auto& positional = field(c, "args").toList()->elements;
  const Ref<DictObj> kwargs = field(c, "kwargs").toDict();
  std::vector<IValue> args;
  for (size_t i = 0; i < schema.arguments.size(); ++i) {
    const Argument& a = schema.arguments[i];
    IValue v;
    if (i < positional.size()) v = positional[i];
    else if (const IValue* k = kwargs->find(IValue(a.name))) v = *k;
    else if (a.defaultValue) v = *a.defaultValue;
    else if (a.type->kind() == TypeKind::Optional) v = IValue();  // `int? correction`: None, as Python passes
    else throw std::runtime_error("no value for argument '" + a.name + "'");
    if (v.isString() && isDeviceType(a.type)) v = IValue(Device::parse(v.toStringRef()));
    args.push_back(isolate(v));
  }
  return args;
}

/// For `Tensor(a!)` results: the index of the argument written through, if any.
std::optional<size_t> writtenArgument(const FunctionSchema& schema) {
  if (schema.returns.empty() || !schema.returns[0].aliasInfo || !schema.returns[0].aliasInfo->isWrite)
    return std::nullopt;
  for (size_t i = 0; i < schema.arguments.size(); ++i) {
    const auto& info = schema.arguments[i].aliasInfo;
    if (info && info->isWrite && info->beforeSets == schema.returns[0].aliasInfo->beforeSets) return i;
  }
  return std::nullopt;
}

/// Runs one case; empty when it matches PyTorch, else the difference.
std::string runCase(const IValue& c) {
  const std::string op = field(c, "op").toStringRef();
  const Operator* entry = OperatorRegistry::global().find(op);
  if (!entry) return "operator not in the table";
  if (!entry->hasKernel()) return "no kernel registered";
  const IValue& error = field(c, "error");
  std::vector<IValue> args = schemaArguments(entry->schema, c);
  Stack stack = args;
  try {
    entry->kernel(stack);
  } catch (const std::exception& e) {
    if (!error.isNone()) return "";
    return std::string("threw: ") + e.what();
  }
  if (!error.isNone()) return "PyTorch raised \"" + error.toStringRef() + "\" but the kernel did not";
  const auto& outputs = field(c, "outputs").toList()->elements;
  if (stack.size() != outputs.size())
    return fmt::format("kernel left {} values on the stack, expected {}", stack.size(), outputs.size());
  const bool valuesToo = field(c, "check").toStringRef() == "values";
  for (size_t i = 0; i < outputs.size(); ++i)
    if (std::string d = compareValues(stack[i], outputs[i], valuesToo); !d.empty())
      return fmt::format("output {}: {}", i, d);
  if (auto w = writtenArgument(entry->schema)) {
    if (!stack[0].isTensor() || !stack[0].toTensor().is(args[*w].toTensor()))
      return "an in-place/out= kernel must return the tensor it wrote";
  }
  return "";
}

void runGroup(const std::string& group) {
  std::string problem;
  const auto* cases = loadCases(&problem);
  if (!cases) SCONCE_REQUIRE_FIXTURES(problem);
  int total = 0, passed = 0;
  for (const IValue& c : *cases) {
    if (field(c, "group").toStringRef() != group) continue;
    ++total;
    std::string d;
    try {
      d = runCase(c);
    } catch (const std::exception& e) {
      d = std::string("harness: ") + e.what();
    }
    if (d.empty()) ++passed;
    else ADD_FAILURE() << field(c, "name").toStringRef() << ": " << d;
  }
  EXPECT_GT(total, 0) << "no cases in group " << group;
  std::cout << group << ": " << passed << "/" << total << " cases match PyTorch\n";
}

TEST(OpsRegistryVsPyTorch, Binary) { runGroup("binary"); }
TEST(OpsRegistryVsPyTorch, Compare) { runGroup("compare"); }
TEST(OpsRegistryVsPyTorch, Ternary) { runGroup("ternary"); }
TEST(OpsRegistryVsPyTorch, Unary) { runGroup("unary"); }
TEST(OpsRegistryVsPyTorch, Reduce) { runGroup("reduce"); }
TEST(OpsRegistryVsPyTorch, Sort) { runGroup("sort"); }
TEST(OpsRegistryVsPyTorch, Shape) { runGroup("shape"); }
TEST(OpsRegistryVsPyTorch, Indexing) { runGroup("indexing"); }
TEST(OpsRegistryVsPyTorch, Creation) { runGroup("creation"); }
TEST(OpsRegistryVsPyTorch, Complex) { runGroup("complex"); }

// ---- the table itself -----------------------------------------------------------------

/// Operator names ("aten::add.Tensor") of PyTorch's schema table.
std::vector<std::string> tableOperatorNames() {
  std::vector<std::string> names;
  std::istringstream in(testing::readFile(fs::path(SCONCE_SOURCE_DIR) / "src/ops/schema_table.inc"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '"') continue;
    names.push_back(line.substr(1, line.find('(') - 1));
  }
  return names;
}

TEST(OpsRegistry, MustHaveOpsHaveKernels) {
  const char* kMustHave[] = {
      "aten::add.Tensor", "aten::add.Scalar", "aten::add_.Tensor", "aten::sub.Tensor", "aten::mul.Tensor",
      "aten::mul.Scalar", "aten::div.Tensor", "aten::div.Scalar", "aten::floor_divide", "aten::remainder.Scalar",
      "aten::pow.Tensor_Scalar", "aten::neg", "aten::abs", "aten::eq.Tensor", "aten::eq.Scalar", "aten::ne.Scalar",
      "aten::lt.Tensor", "aten::gt.Scalar", "aten::ge.Tensor", "aten::le.Scalar", "aten::__and__.Tensor",
      "aten::__or__.Tensor", "aten::bitwise_not", "aten::sum", "aten::sum.dim_IntList", "aten::mean.dim",
      "aten::max.dim", "aten::argmax", "aten::softmax.int", "aten::log_softmax.int", "aten::tensor",
      "aten::tensor.int", "aten::tensor.float", "aten::zeros", "aten::ones", "aten::full", "aten::arange",
      "aten::zeros_like", "aten::slice.Tensor", "aten::select.int", "aten::cat", "aten::stack", "aten::to.dtype",
      "aten::to.prim_dtype", "aten::to.device", "aten::item", "aten::size", "aten::size.int", "aten::Int.Tensor",
      "aten::numel", "aten::dim", "aten::contiguous", "aten::clone", "aten::detach", "aten::view", "aten::reshape",
      "aten::permute", "aten::transpose.int", "aten::unsqueeze", "aten::squeeze.dim", "aten::flatten.using_ints",
      "aten::expand", "aten::split.Tensor", "aten::chunk", "aten::unbind.int", "aten::index.Tensor",
      "aten::index_put_", "aten::masked_fill.Scalar", "aten::where.self", "aten::embedding", "aten::one_hot",
      "aten::dropout", "aten::relu", "aten::sigmoid", "aten::tanh", "aten::gelu", "aten::topk", "aten::sort",
      "aten::type_as", "aten::equal", "aten::allclose"};
  for (const char* name : kMustHave) {
    const Operator* op = OperatorRegistry::global().find(name);
    ASSERT_NE(op, nullptr) << name << " is not in the schema table";
    EXPECT_TRUE(op->hasKernel()) << name << " has no kernel";
  }
}

// Every overload of an op this harness tests that has a kernel taking or returning a
// tensor has at least one PyTorch-checked case here (the metadata builtins are tested in
// ops_builtins; the NN ops have their own tests).
TEST(OpsRegistry, EveryTensorKernelHasACase) {
  std::string problem;
  const auto* cases = loadCases(&problem);
  if (!cases) SCONCE_REQUIRE_FIXTURES(problem);
  std::set<std::string> covered, families;
  for (const IValue& c : *cases) {
    covered.insert(field(c, "op").toStringRef());
    families.insert(std::string(schemaQualifiedName(field(c, "op").toStringRef())));
  }
  const std::set<std::string> kTestedElsewhere = {
      "aten::size", "aten::size.int", "aten::stride", "aten::stride.int", "aten::dim", "aten::numel",
      "aten::len.Tensor", "aten::element_size", "aten::is_floating_point", "aten::is_complex",
      "aten::is_contiguous", "aten::get_device", "aten::is_leaf", "aten::output_nr", "aten::item",
      "aten::Int.Tensor", "aten::Float.Tensor", "aten::Bool.Tensor", "aten::IntImplicit", "aten::FloatImplicit",
      "aten::ScalarImplicit", "aten::Complex.Tensor_Tensor", "aten::Complex.Tensor_float",
      "aten::Complex.float_Tensor", "aten::Complex.Tensor_int", "aten::Complex.int_Tensor",
      "aten::Complex.Tensor_bool", "aten::Complex.bool_Tensor", "aten::eq.Tensor_list", "aten::ne.Tensor_list",
      "aten::sort.Tensor", "aten::index.list_Tensor"};
  size_t kernels = 0;
  std::vector<std::string> missing;
  for (const std::string& name : tableOperatorNames()) {
    if (name.rfind("aten::", 0) != 0) continue;
    const Operator* op = OperatorRegistry::global().find(name);
    if (!op || !op->hasKernel()) continue;
    ++kernels;
    bool tensorOp = false;
    for (const auto* list : {&op->schema.arguments, &op->schema.returns})
      for (const Argument& a : *list) tensorOp |= a.type->str().find("Tensor") != std::string::npos;
    if (tensorOp && families.count(std::string(schemaQualifiedName(name))) && !covered.count(name) &&
        !kTestedElsewhere.count(name))
      missing.push_back(name);
  }
  std::string list;
  for (const auto& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " tensor kernels without a case:" << list;
  std::cout << kernels << " aten kernels registered; " << OperatorRegistry::global().kernelCount()
            << " kernels in all\n";
}

// Every case names a real overload (a typo in make_cases.py would otherwise test nothing).
TEST(OpsRegistry, EveryCaseNamesARegisteredSchema) {
  std::string problem;
  const auto* cases = loadCases(&problem);
  if (!cases) SCONCE_REQUIRE_FIXTURES(problem);
  for (const IValue& c : *cases) {
    const std::string op = field(c, "op").toStringRef();
    const Operator* entry = OperatorRegistry::global().find(op);
    ASSERT_NE(entry, nullptr) << op;
    EXPECT_EQ(entry->schema.operatorName(), op);
  }
}

// The extra kernels (kernels/extra_*.cpp, losses.cpp).
TEST(OpsRegistryVsPyTorch, ExtraMath) { runGroup("extra_math"); }
TEST(OpsRegistryVsPyTorch, ExtraReduce) { runGroup("extra_reduce"); }
TEST(OpsRegistryVsPyTorch, ExtraShape) { runGroup("extra_shape"); }
TEST(OpsRegistryVsPyTorch, ExtraNn) { runGroup("extra_nn"); }
TEST(OpsRegistryVsPyTorch, Losses) { runGroup("losses"); }

}  // namespace
}  // namespace sconce
