// Boxes the factory ops (creation.h): zeros/ones/full/empty and their _like/new_ forms,
// ranges, eye, grids, random ops, and torch.tensor / torch.as_tensor from Python values.
//
// Factory schemas carry TensorOptions as four arguments (dtype, layout, device,
// pin_memory); a CPU runtime observes only dtype and device, so layout and pin_memory
// are accepted and ignored, and any device but the CPU is rejected.
#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {
namespace {

using Ints = std::vector<int64_t>;
using OptType = std::optional<ScalarType>;
using OptInt = std::optional<int64_t>;
using OptDevice = std::optional<Device>;
using OptBool = std::optional<bool>;

Device cpu(const OptDevice& device, std::string_view op) {
  checkCpuDevice(device, op);
  return Device{};
}

std::optional<MemoryFormat> memoryFormat(OptInt code) {
  if (!code) return std::nullopt;
  SCONCE_CHECK(ValueError, *code >= 0 && *code <= 3, "invalid memory format {}", *code);
  return static_cast<MemoryFormat>(*code);
}

/// A `Generator?` argument: Sconce has one process-wide generator, so only None is valid.
void checkNoGenerator(const IValue& generator, std::string_view op) {
  SCONCE_CHECK(UnsupportedError, generator.isNone(), "{}: explicit generators are not supported", op);
}

// ---- torch.tensor ---------------------------------------------------------------------

/// The dtype TorchScript gives `torch.tensor(list)` from the list's static element type
/// (List[List[float]] -> the default dtype), so that empty lists get the right dtype too;
/// nullopt when the list is untyped (Any), leaving it to the values.
OptType dtypeOfListType(TypePtr type) {
  while (type && type->kind() == TypeKind::List) type = static_cast<const ListType&>(*type).elementType();
  if (!type) return std::nullopt;
  switch (type->kind()) {
    case TypeKind::Int: return ScalarType::Long;
    case TypeKind::Float: return kDefaultFloatDtype;
    case TypeKind::Bool: return ScalarType::Bool;
    case TypeKind::Complex: return ScalarType::ComplexFloat;
    default: return std::nullopt;
  }
}

/// Flattens a rectangular nested list row-major, recording its shape; PyTorch's errors
/// for ragged lists and non-number elements.
void flattenNested(const IValue& v, size_t depth, Dims& shape, std::vector<Scalar>& values) {
  if (!v.isList()) {
    SCONCE_CHECK(ValueError, depth == shape.size(), "Expected sequence of length {} at dim {} (got a number)",
                 depth < shape.size() ? shape[depth] : 0, depth);
    SCONCE_CHECK(ValueError, v.isInt() || v.isDouble() || v.isBool() || v.tag() == IValue::Tag::Complex,
                 "Input list to torch.tensor must be of ints, floats, complex, or bools, got {}", v.tagName());
    values.push_back(toScalar(v));
    return;
  }
  const auto& elements = v.toList()->elements;
  const int64_t n = static_cast<int64_t>(elements.size());
  if (depth == shape.size()) {
    // The first list at this depth fixes the size; an empty list ends the shape.
    SCONCE_CHECK(ValueError, values.empty(), "Expected sequence at dim {}", depth);
    shape.push_back(n);
  } else {
    SCONCE_CHECK(ValueError, shape[depth] == n, "Expected sequence of length {} at dim {} (got {})", shape[depth],
                 depth, n);
  }
  for (const IValue& e : elements) flattenNested(e, depth + 1, shape, values);
}

Tensor tensorFromList(const Ref<ListObj>& data, OptType dtype, const OptDevice& device, std::string_view op) {
  Dims shape;
  std::vector<Scalar> values;
  flattenNested(IValue(data), 0, shape, values);
  OptType inferred = dtypeOfListType(data->elementType);
  if (!dtype && inferred && values.empty()) dtype = inferred;
  // The list's static type decides, not the values: [1, 2] typed List[float] is float.
  if (!dtype && inferred && *inferred != ScalarType::Long) dtype = inferred;
  return tensor(values, shape, dtype, cpu(device, op));
}

Tensor tensorFromScalar(const Scalar& s, OptType dtype, const OptDevice& device, std::string_view op) {
  const Scalar values[] = {s};
  return tensor(values, {}, dtype, cpu(device, op));
}

template <class T>
Tensor tensorOf(T value, OptType dtype, OptDevice device, bool requiresGrad) {
  Tensor t = tensorFromScalar(Scalar(value), dtype, device, "tensor");
  t.impl()->setRequiresGrad(requiresGrad);
  return t;
}

template <class T>
Tensor asTensorOf(T value, OptType dtype, OptDevice device) {
  return tensorFromScalar(Scalar(value), dtype, device, "as_tensor");
}

void registerLiterals(OperatorRegistry& r) {
  r.registerKernel("aten::tensor.int", boxed<tensorOf<int64_t>>);
  r.registerKernel("aten::tensor.complex", boxed<tensorOf<std::complex<double>>>);
  r.registerKernel("aten::as_tensor.complex", boxed<asTensorOf<std::complex<double>>>);
  r.registerKernel("aten::tensor.float", boxed<tensorOf<double>>);
  r.registerKernel("aten::tensor.bool", boxed<tensorOf<bool>>);
  r.registerKernel("aten::tensor", boxed<[](Ref<ListObj> data, OptType dtype, OptDevice device, bool requiresGrad) {
                     Tensor t = tensorFromList(data, dtype, device, "tensor");
                     t.impl()->setRequiresGrad(requiresGrad);
                     return t;
                   }>);
  r.registerKernel("aten::as_tensor.int", boxed<asTensorOf<int64_t>>);
  r.registerKernel("aten::as_tensor.float", boxed<asTensorOf<double>>);
  r.registerKernel("aten::as_tensor.bool", boxed<asTensorOf<bool>>);
  r.registerKernel("aten::as_tensor.list", boxed<[](Ref<ListObj> data, OptType dtype, OptDevice device) {
                     return tensorFromList(data, dtype, device, "as_tensor");
                   }>);
  r.registerKernel("aten::as_tensor", boxed<[](const Tensor& data, OptType dtype, OptDevice device) {
                     checkCpuDevice(device, "as_tensor");
                     return dtype ? to(data, *dtype) : data;
                   }>);
  r.registerKernel("aten::scalar_tensor",
                   boxed<[](const Scalar& s, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return scalar_tensor(s, dtype, cpu(device, "scalar_tensor"));
                   }>);
}

void registerFilled(OperatorRegistry& r) {
  r.registerKernel("aten::empty.memory_format",
                   boxed<[](Ints size, OptType dtype, OptInt, OptDevice device, OptBool, OptInt format) {
                     return empty(size, dtype, cpu(device, "empty"), memoryFormat(format));
                   }>);
  r.registerKernel("aten::empty_strided", boxed<[](Ints size, Ints stride, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return empty_strided(size, stride, dtype, cpu(device, "empty_strided"));
                   }>);
  r.registerKernel("aten::zeros", boxed<[](Ints size, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return zeros(size, dtype, cpu(device, "zeros"));
                   }>);
  r.registerKernel("aten::ones", boxed<[](Ints size, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return ones(size, dtype, cpu(device, "ones"));
                   }>);
  r.registerKernel("aten::full", boxed<[](Ints size, const Scalar& fill, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return full(size, fill, dtype, cpu(device, "full"));
                   }>);
#define SCONCE_REGISTER_LIKE(name)                                                                       \
  r.registerKernel("aten::" #name,                                                                       \
                   boxed<[](const Tensor& self, OptType dtype, OptInt, OptDevice device, OptBool, OptInt format) { \
                     checkCpuDevice(device, #name);                                                      \
                     return name(self, dtype, memoryFormat(format));                                     \
                   }>);
  SCONCE_REGISTER_LIKE(empty_like)
  SCONCE_REGISTER_LIKE(zeros_like)
  SCONCE_REGISTER_LIKE(ones_like)
#undef SCONCE_REGISTER_LIKE
  r.registerKernel("aten::full_like", boxed<[](const Tensor& self, const Scalar& fill, OptType dtype, OptInt,
                                               OptDevice device, OptBool, OptInt format) {
                     checkCpuDevice(device, "full_like");
                     return full_like(self, fill, dtype, memoryFormat(format));
                   }>);
#define SCONCE_REGISTER_NEW(name)                                                               \
  r.registerKernel("aten::" #name, boxed<[](const Tensor& self, Ints size, OptType dtype, OptInt, \
                                            OptDevice device, OptBool) {                        \
                     checkCpuDevice(device, #name);                                             \
                     return name(self, size, dtype);                                            \
                   }>);
  SCONCE_REGISTER_NEW(new_empty)
  SCONCE_REGISTER_NEW(new_zeros)
  SCONCE_REGISTER_NEW(new_ones)
#undef SCONCE_REGISTER_NEW
  r.registerKernel("aten::new_full", boxed<[](const Tensor& self, Ints size, const Scalar& fill, OptType dtype, OptInt,
                                              OptDevice device, OptBool) {
                     checkCpuDevice(device, "new_full");
                     return new_full(self, size, fill, dtype);
                   }>);
  r.registerKernel("aten::new_empty_strided", boxed<[](const Tensor& self, Ints size, Ints stride, OptType dtype,
                                                       OptInt, OptDevice device, OptBool) {
                     checkCpuDevice(device, "new_empty_strided");
                     return new_empty_strided(self, size, stride, dtype);
                   }>);
}

void registerRanges(OperatorRegistry& r) {
  r.registerKernel("aten::arange", boxed<[](const Scalar& end, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return arange(end, dtype, cpu(device, "arange"));
                   }>);
  r.registerKernel("aten::arange.start", boxed<[](const Scalar& start, const Scalar& end, OptType dtype, OptInt,
                                                  OptDevice device, OptBool) {
                     return arange(start, end, dtype, cpu(device, "arange"));
                   }>);
  r.registerKernel("aten::arange.start_step", boxed<[](const Scalar& start, const Scalar& end, const Scalar& step,
                                                       OptType dtype, OptInt, OptDevice device, OptBool) {
                     return arange(start, end, step, dtype, cpu(device, "arange"));
                   }>);
  r.registerKernel("aten::linspace", boxed<[](const Scalar& start, const Scalar& end, int64_t steps, OptType dtype,
                                              OptInt, OptDevice device, OptBool) {
                     return linspace(start, end, steps, dtype, cpu(device, "linspace"));
                   }>);
  r.registerKernel("aten::logspace", boxed<[](const Scalar& start, const Scalar& end, int64_t steps, double base,
                                              OptType dtype, OptInt, OptDevice device, OptBool) {
                     return logspace(start, end, steps, base, dtype, cpu(device, "logspace"));
                   }>);
  r.registerKernel("aten::eye", boxed<[](int64_t n, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return eye(n, dtype, cpu(device, "eye"));
                   }>);
  r.registerKernel("aten::eye.m", boxed<[](int64_t n, int64_t m, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return eye(n, m, dtype, cpu(device, "eye"));
                   }>);
  r.registerKernel("aten::tril_indices", boxed<[](int64_t row, int64_t col, int64_t offset, OptType dtype, OptInt,
                                                  OptDevice device, OptBool) {
                     return tril_indices(row, col, offset, dtype, cpu(device, "tril_indices"));
                   }>);
  r.registerKernel("aten::triu_indices", boxed<[](int64_t row, int64_t col, int64_t offset, OptType dtype, OptInt,
                                                  OptDevice device, OptBool) {
                     return triu_indices(row, col, offset, dtype, cpu(device, "triu_indices"));
                   }>);
  r.registerKernel("aten::meshgrid", boxed<[](std::vector<Tensor> tensors) { return meshgrid(tensors); }>);
  r.registerKernel("aten::meshgrid.indexing", boxed<[](std::vector<Tensor> tensors, std::string indexing) {
                     return meshgrid(tensors, indexing);
                   }>);
  r.registerKernel("aten::cartesian_prod", boxed<cartesian_prod>);
  r.registerKernel("aten::diag", boxed<diag>);
  r.registerKernel("aten::diag_embed", boxed<diag_embed>);
  r.registerKernel("aten::diagflat", boxed<diagflat>);
}

void registerRandom(OperatorRegistry& r) {
  r.registerKernel("aten::rand", boxed<[](Ints size, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return rand(size, dtype, cpu(device, "rand"));
                   }>);
  r.registerKernel("aten::randn", boxed<[](Ints size, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return randn(size, dtype, cpu(device, "randn"));
                   }>);
  r.registerKernel("aten::rand_like", boxed<[](const Tensor& self, OptType dtype, OptInt, OptDevice device, OptBool,
                                               OptInt) {
                     checkCpuDevice(device, "rand_like");
                     return rand_like(self, dtype);
                   }>);
  r.registerKernel("aten::randn_like", boxed<[](const Tensor& self, OptType dtype, OptInt, OptDevice device, OptBool,
                                                OptInt) {
                     checkCpuDevice(device, "randn_like");
                     return randn_like(self, dtype);
                   }>);
  r.registerKernel("aten::randint", boxed<[](int64_t high, Ints size, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return randint(high, size, dtype, cpu(device, "randint"));
                   }>);
  r.registerKernel("aten::randint.low", boxed<[](int64_t low, int64_t high, Ints size, OptType dtype, OptInt,
                                                 OptDevice device, OptBool) {
                     return randint(low, high, size, dtype, cpu(device, "randint"));
                   }>);
  r.registerKernel("aten::randint_like", boxed<[](const Tensor& self, int64_t high, OptType dtype, OptInt,
                                                  OptDevice device, OptBool, OptInt) {
                     checkCpuDevice(device, "randint_like");
                     return randint_like(self, 0, high, dtype);
                   }>);
  r.registerKernel("aten::randint_like.low_dtype", boxed<[](const Tensor& self, int64_t low, int64_t high, OptType dtype,
                                                            OptInt, OptDevice device, OptBool, OptInt) {
                     checkCpuDevice(device, "randint_like");
                     return randint_like(self, low, high, dtype);
                   }>);
  r.registerKernel("aten::randperm", boxed<[](int64_t n, OptType dtype, OptInt, OptDevice device, OptBool) {
                     return randperm(n, dtype, cpu(device, "randperm"));
                   }>);
  r.registerKernel("aten::normal.float_float", boxed<[](double mean, double std, Ints size, IValue generator,
                                                        OptType dtype, OptInt, OptDevice device, OptBool) {
                     checkNoGenerator(generator, "normal");
                     return normal(mean, std, size, dtype, cpu(device, "normal"));
                   }>);
  r.registerKernel("aten::uniform_", boxed<[](const Tensor& self, double from, double to, IValue generator) {
                     checkNoGenerator(generator, "uniform_");
                     return uniform_(self, from, to);
                   }>);
  r.registerKernel("aten::normal_", boxed<[](const Tensor& self, double mean, double std, IValue generator) {
                     checkNoGenerator(generator, "normal_");
                     return normal_(self, mean, std);
                   }>);
  r.registerKernel("aten::bernoulli", boxed<[](const Tensor& self, IValue generator) {
                     checkNoGenerator(generator, "bernoulli");
                     return bernoulli(self);
                   }>);
  r.registerKernel("aten::bernoulli.p", boxed<[](const Tensor& self, double p, IValue generator) {
                     checkNoGenerator(generator, "bernoulli");
                     return bernoulli(self, p);
                   }>);
  r.registerKernel("aten::bernoulli_.float", boxed<[](const Tensor& self, double p, IValue generator) {
                     checkNoGenerator(generator, "bernoulli_");
                     return bernoulli_(self, p);
                   }>);
}

}  // namespace

void registerCreationOpKernels(OperatorRegistry& r) {
  registerLiterals(r);
  registerFilled(r);
  registerRanges(r);
  registerRandom(r);
}

}  // namespace sconce::ops
