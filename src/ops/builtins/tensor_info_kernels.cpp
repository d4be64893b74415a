// Tensor metadata and tensor <-> number conversions: x.size(), x.dim(), len(x),
// x.dtype, x.device, x.item(), int(x), float(x), bool(x), and 0-d tensors of numbers.
//
// These read a tensor's header (or its one element) and produce a Python value, so they
// belong with the builtins rather than the compute kernels; error texts are PyTorch's.
#include "ops/builtins/builtins.h"

namespace sconce::ops {
namespace {

[[noreturn]] void runtimeError(std::string message) { raisePython("RuntimeError", std::move(message)); }

/// A dimension argument as an index into sizes(), with PyTorch's errors.
size_t wrapDim(int64_t dim, int64_t rank) {
  if (rank == 0) runtimeError(fmt::format("dimension specified as {} but tensor has no dimensions", dim));
  if (dim < -rank || dim >= rank)
    runtimeError(fmt::format("Dimension out of range (expected to be in range of [{}, {}], but got {})", -rank,
                             rank - 1, dim));
  return static_cast<size_t>(dim < 0 ? dim + rank : dim);
}

/// x.item(): the one element as int, float, complex or bool by dtype.
IValue item(const Tensor& t) {
  if (t.numel() != 1) runtimeError(fmt::format("a Tensor with {} elements cannot be converted to Scalar", t.numel()));
  if (isComplexType(t.dtype())) return IValue(t.itemAsComplex());
  if (isFloatingType(t.dtype())) return IValue(t.itemAsDouble());
  if (t.dtype() == ScalarType::Bool) return IValue(t.itemAsInt() != 0);
  if (isIntegralType(t.dtype(), false)) return IValue(t.itemAsInt());
  throw UnsupportedError(fmt::format("item() of a {} tensor is not supported", scalarTypeName(t.dtype())));
}

/// PyTorch's checkImplicitTensorToNum: a tensor used where a number is expected.
void checkImplicit(const Tensor& t, bool toInt) {
  if (t.dim() != 0) runtimeError("Cannot input a tensor of dimension other than 0 as a scalar argument");
  if (toInt && !isIntegralType(t.dtype(), false))
    runtimeError(fmt::format("Cannot input a tensor of type {} as an integral argument",
                             scalarTypeShortName(t.dtype())));
}

int64_t toInt(const Tensor& t) {
  IValue v = item(t);
  return v.isDouble() ? static_cast<int64_t>(v.toDouble()) : v.isBool() ? int64_t{v.toBool()} : v.toInt();
}

double toDouble(const Tensor& t) { return item(t).toScalarDouble(); }

bool toBool(const Tensor& t) {
  if (t.numel() == 0) runtimeError("Boolean value of Tensor with no values is ambiguous");
  if (t.numel() > 1) runtimeError("Boolean value of Tensor with more than one value is ambiguous");
  return t.itemAsComplex() != 0.0;
}

int64_t tensorLen(const Tensor& t) {
  if (t.dim() == 0) raisePython("TypeError", "len() of a 0-d tensor");
  return t.size(0);
}

Tensor numToTensor(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return Tensor::scalar(int64_t{s.toBool()}, ScalarType::Bool);
    case Scalar::Kind::Int: return Tensor::scalar(s.toLong(), ScalarType::Long);
    case Scalar::Kind::Double: return Tensor::scalar(s.toDouble(), ScalarType::Double);
    case Scalar::Kind::Complex: {
      Tensor t = Tensor::zeros({}, ScalarType::ComplexDouble);
      *t.data<std::complex<double>>() = s.toComplex();
      return t;
    }
  }
  SCONCE_ASSERT(false, "unknown Scalar kind");
  return Tensor();
}

bool onDevice(const Tensor& t, DeviceType type) { return t.device().type == type; }

/// The elements of `t` from flat index `offset` on, as nested lists of `dims` levels.
IValue toListLevel(const Tensor& t, int64_t level, int64_t& flat, int64_t code) {
  if (level == t.dim()) {
    int64_t i = flat++;
    switch (code) {
      case 0: return IValue(t.itemAsInt(i));
      case 1: return IValue(t.itemAsDouble(i));
      case 2: return IValue(t.itemAsInt(i) != 0);
      default: return IValue(t.itemAsComplex(i));
    }
  }
  static const TypePtr kLeaf[] = {IntType::get(), FloatType::get(), BoolType::get(), ComplexType::get()};
  TypePtr elem = kLeaf[code];
  for (int64_t l = t.dim() - 1; l > level; --l) elem = ListType::create(elem);
  auto list = ListObj::create(elem);
  int64_t n = t.size(level);
  list->elements.reserve(static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) list->elements.push_back(toListLevel(t, level + 1, flat, code));
  return IValue(list);
}

/// prim::tolist(Tensor self, int dims, int elem_code) (vararg): x.tolist() with the
/// annotated result `List[...[T]]`; codes 0 int, 1 float, 2 bool, 3 complex.
void tolist(Stack& stack) {
  stack.pop_back();  // the vararg count (always 3)
  int64_t code = stack.back().toInt();
  stack.pop_back();
  int64_t dims = stack.back().toInt();
  stack.pop_back();
  Tensor t = stack.back().toTensor();
  stack.pop_back();
  if (t.dim() != dims)
    runtimeError(fmt::format("Output annotation list dimension and runtime tensor dimension must "
                             "match for tolist() (expected {}, got {})",
                             dims, t.dim()));
  bool ok = code == 0   ? isIntegralType(t.dtype(), false)
            : code == 1 ? isFloatingType(t.dtype())
            : code == 2 ? t.dtype() == ScalarType::Bool
                        : isComplexType(t.dtype());
  if (!ok)
    runtimeError("Output annotation element type and runtime tensor element type must match for tolist()");
  int64_t flat = 0;
  stack.push_back(toListLevel(t, 0, flat, code));
}

}  // namespace

void registerTensorInfoKernels(OperatorRegistry& r) {
  r.registerKernel("aten::size", boxed<[](const Tensor& t) { return t.sizes(); }>);
  r.registerKernel("aten::size.int", boxed<[](const Tensor& t, int64_t d) { return t.sizes()[wrapDim(d, t.dim())]; }>);
  r.registerKernel("aten::stride", boxed<[](const Tensor& t) { return t.strides(); }>);
  r.registerKernel("aten::stride.int",
                   boxed<[](const Tensor& t, int64_t d) { return t.strides()[wrapDim(d, t.dim())]; }>);
  r.registerKernel("aten::dim", boxed<[](const Tensor& t) { return t.dim(); }>);
  r.registerKernel("aten::numel", boxed<[](const Tensor& t) { return t.numel(); }>);
  r.registerKernel("aten::len.Tensor", boxed<tensorLen>);
  r.registerKernel("aten::element_size", boxed<[](const Tensor& t) { return static_cast<int64_t>(t.itemsize()); }>);
  r.registerKernel("aten::is_floating_point", boxed<[](const Tensor& t) { return isFloatingType(t.dtype()); }>);
  r.registerKernel("aten::is_complex", boxed<[](const Tensor& t) { return isComplexType(t.dtype()); }>);
  r.registerKernel("aten::is_contiguous", boxed<[](const Tensor& t) { return t.isContiguous(); }>);
  r.registerKernel("aten::get_device", boxed<[](const Tensor& t) {
                     return t.device().isCpu() ? int64_t{-1} : int64_t{std::max<int8_t>(t.device().index, 0)};
                   }>);
  r.registerKernel("aten::is_leaf", boxed<[](const Tensor&) { return true; }>);
  r.registerKernel("aten::output_nr", boxed<[](const Tensor&) { return int64_t{0}; }>);
  r.registerKernel("prim::dtype", boxed<[](const Tensor& t) { return t.dtype(); }>);
  r.registerKernel("prim::device", boxed<[](const Tensor& t) { return t.device(); }>);
  r.registerKernel("prim::requires_grad", boxed<[](const Tensor& t) { return t.requiresGrad(); }>);
  r.registerKernel("prim::layout", boxed<[](const Tensor&) { return int64_t{0}; }>);  // torch.strided
  r.registerKernel("prim::is_cuda", boxed<[](const Tensor& t) { return onDevice(t, DeviceType::CUDA); }>);
  r.registerKernel("prim::is_cpu", boxed<[](const Tensor& t) { return onDevice(t, DeviceType::CPU); }>);
  r.registerKernel("prim::is_meta", boxed<[](const Tensor& t) { return onDevice(t, DeviceType::Meta); }>);
  for (const char* o : {"prim::is_sparse", "prim::is_sparse_csr", "prim::is_quantized", "prim::is_mkldnn",
                        "prim::is_vulkan", "prim::is_ipu", "prim::is_xpu", "prim::is_mps", "prim::is_nested",
                        "prim::is_ort"})
    r.registerKernel(o, boxed<[](const Tensor&) { return false; }>);

  r.registerKernel("aten::item", boxed<item>);
  r.registerKernel("prim::tolist", tolist);
  // Sconce does not track gradients: a tensor's .grad is always None.
  r.registerKernel("prim::grad", boxed<[](const Tensor&) { return IValue(); }>);
  r.registerKernel("aten::Int.Tensor", boxed<toInt>);
  r.registerKernel("aten::Float.Tensor", boxed<toDouble>);
  r.registerKernel("aten::Bool.Tensor", boxed<toBool>);
  r.registerKernel("aten::IntImplicit", boxed<[](const Tensor& t) {
                     checkImplicit(t, true);
                     return toInt(t);
                   }>);
  r.registerKernel("aten::FloatImplicit", boxed<[](const Tensor& t) {
                     checkImplicit(t, false);
                     return toDouble(t);
                   }>);
  r.registerKernel("aten::ScalarImplicit", boxed<[](const Tensor& t) {
                     checkImplicit(t, false);
                     return item(t);
                   }>);
  r.registerKernel("prim::NumToTensor.Scalar", boxed<numToTensor>);
  r.registerKernel("prim::NumToTensor.bool", boxed<[](bool b) { return numToTensor(Scalar(b)); }>);
  for (const char* o : {"aten::Complex.Tensor_Tensor", "aten::Complex.Tensor_float", "aten::Complex.float_Tensor",
                        "aten::Complex.Tensor_int", "aten::Complex.int_Tensor", "aten::Complex.Tensor_bool",
                        "aten::Complex.bool_Tensor"})
    r.registerKernel(o, boxed<[](IValue re, IValue im) {
                       auto part = [](const IValue& v) { return v.isTensor() ? toDouble(v.toTensor()) : v.toScalarDouble(); };
                       return std::complex<double>(part(re), part(im));
                     }>);
}

}  // namespace sconce::ops
