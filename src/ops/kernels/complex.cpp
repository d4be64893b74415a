// Complex tensor kernels: torch.complex/polar, real/imag views, conj, abs and angle.
#include "ops/kernels/complex.h"

#include <cmath>
#include <numbers>

#include "ops/kernels/binary_internal.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {
namespace {

// PyTorch's complex_check_dtype (torch.complex / torch.polar).
void checkComplexParts(const Tensor& a, const Tensor& b) {
  SCONCE_CHECK(ValueError,
               (a.dtype() == ScalarType::Float || a.dtype() == ScalarType::Double) &&
                   (b.dtype() == ScalarType::Float || b.dtype() == ScalarType::Double),
               "Expected both inputs to be Half, Float or Double tensors but got {} and {}",
               scalarTypeShortName(a.dtype()), scalarTypeShortName(b.dtype()));
  SCONCE_CHECK(ValueError, a.dtype() == b.dtype(),
               "Expected object of scalar type {} but got scalar type {} for second argument",
               scalarTypeShortName(a.dtype()), scalarTypeShortName(b.dtype()));
}

// out = f(a, b) as complex<T> over broadcast real inputs a, b of dtype T.
template <class F>
Tensor fromParts(const Tensor& a, const Tensor& b, const char* op, F f) {
  checkComplexParts(a, b);
  TensorIter it = TensorIterConfig(op)
                      .addOutput(Tensor())
                      .addInput(a)
                      .addInput(b)
                      .checkAllSameDtype(false)
                      .declareStaticDtype(toComplexValueType(a.dtype()))
                      .build();
  dispatchTypes<kFloatTypes>(a.dtype(), op, [&](auto tag) {
    using T = decltype(tag);
    cpuKernel<std::complex<T>, T, T>(it, [&f](T x, T y) { return f(x, y); });
  });
  return it.output();
}

// out = f(z) as the real dtype of complex z.
template <class F>
Tensor complexToReal(const Tensor& self, const char* op, F f) {
  TensorIter it = TensorIterConfig(op)
                      .addOutput(Tensor())
                      .addInput(self)
                      .checkAllSameDtype(false)
                      .declareStaticDtype(toRealValueType(self.dtype()))
                      .build();
  dispatchTypes<kComplexTypes>(self.dtype(), op, [&](auto tag) {
    using C = decltype(tag);
    using R = typename C::value_type;
    cpuKernel<R, C>(it, [&f](C z) { return static_cast<R>(f(z)); });
  });
  return it.output();
}

// Writes `result` into an out= tensor (resized to its shape) with PyTorch's cast check.
const Tensor& writeOut(const Tensor& out, const Tensor& result, const char* op) {
  SCONCE_CHECK(ValueError, out.dtype() == result.dtype(),
               "{}: expected out to have dtype {} but got {}", op, scalarTypeName(result.dtype()),
               scalarTypeName(out.dtype()));
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

void conjKernel(TensorIter& it) {
  dispatchTypes<kComplexTypes>(it.commonDtype(), "conj_physical", [&](auto tag) {
    using C = decltype(tag);
    cpuKernel<C, C>(it, [](C z) { return std::conj(z); });
  });
}

}  // namespace

ScalarType toRealValueType(ScalarType t) {
  switch (t) {
    case ScalarType::ComplexHalf: return ScalarType::Half;
    case ScalarType::ComplexFloat: return ScalarType::Float;
    case ScalarType::ComplexDouble: return ScalarType::Double;
    default: return t;
  }
}

ScalarType toComplexValueType(ScalarType t) {
  switch (t) {
    case ScalarType::Half: return ScalarType::ComplexHalf;
    case ScalarType::Double: return ScalarType::ComplexDouble;
    default: return ScalarType::ComplexFloat;
  }
}

Tensor complex(const Tensor& real, const Tensor& imag) {
  return fromParts(real, imag, "complex", [](auto x, auto y) { return std::complex(x, y); });
}
const Tensor& complex_out(const Tensor& out, const Tensor& real, const Tensor& imag) {
  return writeOut(out, complex(real, imag), "complex");
}

Tensor polar(const Tensor& abs, const Tensor& angle) {
  return fromParts(abs, angle, "polar",
                   [](auto r, auto t) { return std::complex(r * std::cos(t), r * std::sin(t)); });
}
const Tensor& polar_out(const Tensor& out, const Tensor& abs, const Tensor& angle) {
  return writeOut(out, polar(abs, angle), "polar");
}

Tensor view_as_real(const Tensor& self) {
  SCONCE_CHECK(ValueError, isComplexType(self.dtype()), "view_as_real is only supported for complex tensors");
  Dims sizes = self.sizes(), strides;
  sizes.push_back(2);
  for (int64_t s : self.strides()) strides.push_back(2 * s);
  strides.push_back(1);
  return Tensor::fromStorage(self.storage(), sizes, strides, 2 * self.storageOffset(),
                             toRealValueType(self.dtype()));
}

Tensor view_as_complex(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dtype() == ScalarType::Float || self.dtype() == ScalarType::Double,
               "view_as_complex is only supported for half, float and double tensors, but got a tensor of "
               "scalar type: {}",
               scalarTypeShortName(self.dtype()));
  SCONCE_CHECK(ValueError, self.dim() != 0, "Input tensor must have one or more dimensions");
  SCONCE_CHECK(ValueError, self.sizes().back() == 2, "Tensor must have a last dimension of size 2");
  SCONCE_CHECK(ValueError, self.strides().back() == 1, "Tensor must have a last dimension with stride 1");
  Dims sizes(self.sizes().begin(), self.sizes().end() - 1), strides;
  for (int64_t d = 0; d + 1 < self.dim(); ++d) {
    SCONCE_CHECK(ValueError, self.strides()[d] % 2 == 0,
                 "Tensor must have a stride divisible by 2 for all but last dimension");
    strides.push_back(self.strides()[d] / 2);
  }
  SCONCE_CHECK(ValueError, self.storageOffset() % 2 == 0, "Tensor must have a storage_offset divisible by 2");
  return Tensor::fromStorage(self.storage(), sizes, strides, self.storageOffset() / 2,
                             toComplexValueType(self.dtype()));
}

Tensor real(const Tensor& self) {
  return isComplexType(self.dtype()) ? select(view_as_real(self), -1, 0) : self;
}

Tensor imag(const Tensor& self) {
  SCONCE_CHECK(ValueError, isComplexType(self.dtype()),
               "imag is not implemented for tensors with non-complex dtypes.");
  return select(view_as_real(self), -1, 1);
}

Tensor conj(const Tensor& self) { return conj_physical(self); }

Tensor conj_physical(const Tensor& self) {
  if (!isComplexType(self.dtype())) return self;
  return detail::runIter(detail::IterKind::Unary, "conj_physical", conjKernel, Tensor(), self);
}
const Tensor& conj_physical_(const Tensor& self) {
  if (isComplexType(self.dtype())) detail::runIter(detail::IterKind::Unary, "conj_physical_", conjKernel, self, self);
  return self;
}
const Tensor& conj_physical_out(const Tensor& out, const Tensor& self) {
  if (!isComplexType(self.dtype())) {
    resizeOutput(out, self.sizes());
    copy_(out, self);
    return out;
  }
  detail::runIter(detail::IterKind::Unary, "conj_physical", conjKernel, out, self);
  return out;
}

Tensor matrix_H(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dim() == 2,
               "tensor.H is only supported on matrices (2-D tensors). Got {}-D tensor.{}", self.dim(),
               self.dim() > 2 ? " For batches of matrices, consider using tensor.mH" : "");
  return conj(transpose(self, 0, 1));
}

Tensor complexAbs(const Tensor& self) {
  return complexToReal(self, "abs", [](auto z) { return std::abs(z); });
}

Tensor angle(const Tensor& self) {
  if (isComplexType(self.dtype()))
    return complexToReal(self, "angle", [](auto z) { return std::arg(z); });
  TensorIter it = detail::makeIter(detail::IterKind::UnaryFloat, "angle", Tensor(), self);
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "angle", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T>(it, [](M x) { return x != x ? x : x < 0 ? static_cast<M>(std::numbers::pi) : M(0); });
  });
  return it.output();
}
const Tensor& angle_out(const Tensor& out, const Tensor& self) {
  Tensor result = angle(self);
  SCONCE_CHECK(ValueError, canCast(result.dtype(), out.dtype()),
               "result type {} can't be cast to the desired output type {}", scalarTypeShortName(result.dtype()),
               scalarTypeShortName(out.dtype()));
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

}  // namespace sconce::ops
