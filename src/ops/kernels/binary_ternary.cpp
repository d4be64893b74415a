// Selection and three-operand kernels: where, masked_fill, clamp family, lerp,
// addcmul and addcdiv.
#include <cmath>
#include <limits>

#include "ops/kernels/binary_internal.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

using detail::IterKind;

namespace {

Tensor wrapScalar(const Scalar& s, ScalarType dtype) {
  Tensor t = Tensor::empty({}, dtype);
  fill_(t, s);
  return t;
}

void checkCondition(const Tensor& c, std::string_view op) {
  SCONCE_CHECK(ValueError, c.dtype() == ScalarType::Bool || c.dtype() == ScalarType::Byte,
               "{} expected condition to be a boolean tensor, but got a tensor with dtype {}", op,
               scalarTypeShortName(c.dtype()));
}

Tensor whereImpl(const Tensor& condition, const Tensor& self, const Tensor& other) {
  checkCondition(condition, "where");
  TensorIter it = TensorIterConfig("where")
                      .addOutput(Tensor())
                      .addInput(condition)
                      .addInput(self)
                      .addInput(other)
                      .checkAllSameDtype(false)
                      .declareStaticDtype(self.dtype())
                      .build();
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "where", [&](auto tag) {
    using T = decltype(tag);
    if (condition.dtype() == ScalarType::Bool)
      cpuKernel<T, bool, T, T>(it, [](bool c, T a, T b) { return c ? a : b; });
    else
      cpuKernel<T, uint8_t, T, T>(it, [](uint8_t c, T a, T b) { return c ? a : b; });
  });
  return it.output();
}

// masked_fill_ with the value already converted to self's dtype.
void maskedFillImpl(const Tensor& self, const Tensor& mask, const Scalar& value) {
  SCONCE_CHECK(ValueError, mask.dtype() == ScalarType::Bool || mask.dtype() == ScalarType::Byte,
               "masked_fill_ only supports boolean masks, but got mask with dtype {}",
               scalarTypeName(mask.dtype()));
  TensorIter it = TensorIterConfig("masked_fill_")
                      .addOutput(self)
                      .addInput(self)
                      .addInput(mask)
                      .checkAllSameDtype(false)
                      .resizeOutputs(false)
                      .build();
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "masked_fill_", [&](auto tag) {
    using T = decltype(tag);
    const T v = value.to<T>();
    if (mask.dtype() == ScalarType::Bool)
      cpuKernel<T, T, bool>(it, [v](T x, bool m) { return m ? v : x; });
    else
      cpuKernel<T, T, uint8_t>(it, [v](T x, uint8_t m) { return m ? v : x; });
  });
}

Scalar scalarFromTensor(const Tensor& value, std::string_view op) {
  SCONCE_CHECK(ValueError, value.dim() == 0,
               "{} only supports a 0-dimensional value tensor, but got tensor with {} dimension(s).",
               op, value.dim());
  if (isFloatingType(value.dtype())) return Scalar(value.itemAsDouble());
  if (value.dtype() == ScalarType::Bool) return Scalar(value.itemAsInt() != 0);
  return Scalar(value.itemAsInt());
}

// --- clamp ---------------------------------------------------------------------

ScalarType clampResultType(const Tensor& self, const std::optional<Scalar>& min,
                           const std::optional<Scalar>& max) {
  if (isFloatingType(self.dtype())) return self.dtype();
  ResultTypeState s = updateResultTypeState(self, {});
  if (min) s = updateResultTypeState(*min, s);
  if (max) s = updateResultTypeState(*max, s);
  return resultType(s);
}

Tensor clampScalarImpl(const Tensor& out, const Tensor& self, const std::optional<Scalar>& min,
                       const std::optional<Scalar>& max, std::string_view name) {
  SCONCE_CHECK(ValueError, min || max, "torch.clamp: At least one of 'min' or 'max' must not be None");
  const ScalarType dtype = clampResultType(self, min, max);
  SCONCE_CHECK(ValueError, !out.defined() || !out.is(self) || dtype == self.dtype(),
               "result type {} can't be cast to the desired output type {}", scalarTypeShortName(dtype),
               scalarTypeShortName(self.dtype()));
  TensorIter it = detail::makeIter(IterKind::Unary, name, out, to(self, dtype));
  dispatchTypes<kAllTypes>(dtype, "clamp", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if (min && max) {
      const M lo = min->to<M>(), hi = max->to<M>();
      cpuKernel<T, T>(it, [lo, hi](M x) { return std::min(std::max(x, lo), hi); });
    } else if (min) {
      const M lo = min->to<M>();
      cpuKernel<T, T>(it, [lo](M x) { return std::max(x, lo); });
    } else {
      const M hi = max->to<M>();
      cpuKernel<T, T>(it, [hi](M x) { return std::min(x, hi); });
    }
  });
  return it.output();
}

template <class M>
bool isNan(M v) {
  if constexpr (std::is_floating_point_v<M>) return v != v;
  else return false;
}

Tensor clampTensorImpl(const Tensor& out, const Tensor& self, const std::optional<Tensor>& min,
                       const std::optional<Tensor>& max, std::string_view name) {
  const bool hasMin = min && min->defined(), hasMax = max && max->defined();
  SCONCE_CHECK(ValueError, hasMin || hasMax, "torch.clamp: At least one of 'min' or 'max' must not be None");
  if (hasMin && hasMax) {
    TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, *min, *max);
    dispatchTypes<kAllTypes>(it.commonDtype(), "clamp", [&](auto tag) {
      using T = decltype(tag);
      using M = OpMath<T>;
      cpuKernel<T, T, T, T>(it, [](M x, M lo, M hi) {
        if (isNan(lo) || isNan(hi)) return std::numeric_limits<M>::quiet_NaN();
        return std::min(std::max(x, lo), hi);
      });
    });
    return it.output();
  }
  TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, hasMin ? *min : *max);
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "clamp", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if (hasMin) {
      cpuKernel<T, T, T>(it, [](M x, M lo) {
        return isNan(lo) ? std::numeric_limits<M>::quiet_NaN() : std::max(x, lo);
      });
    } else {
      cpuKernel<T, T, T>(it, [](M x, M hi) {
        return isNan(hi) ? std::numeric_limits<M>::quiet_NaN() : std::min(x, hi);
      });
    }
  });
  return it.output();
}

// --- lerp, addcmul, addcdiv ------------------------------------------------------

template <class M>
M lerpValue(M self, M end, M weight) {
  return std::abs(weight) < M(0.5) ? self + weight * (end - self) : end - (end - self) * (M(1) - weight);
}

// The C++ type names PyTorch's dtype messages print (caffe2::TypeMeta).
std::string_view typeMetaName(ScalarType t) {
  switch (t) {
    case ScalarType::Float: return "float";
    case ScalarType::Double: return "double";
    case ScalarType::Half: return "c10::Half";
    case ScalarType::BFloat16: return "c10::BFloat16";
    case ScalarType::Byte: return "unsigned char";
    case ScalarType::Char: return "signed char";
    case ScalarType::Short: return "short int";
    case ScalarType::Int: return "int";
    case ScalarType::Long: return "long int";
    case ScalarType::Bool: return "bool";
    default: return scalarTypeName(t);
  }
}

void checkSameDtype(const Tensor& self, const Tensor& other, std::string_view what) {
  SCONCE_CHECK(ValueError, self.dtype() == other.dtype(), "expected dtype {} for `{}` but got dtype {}",
               typeMetaName(self.dtype()), what, typeMetaName(other.dtype()));
}

Tensor lerpScalarImpl(const Tensor& out, const Tensor& self, const Tensor& end, const Scalar& weight,
                      std::string_view name) {
  checkSameDtype(self, end, "end");
  TensorIter it = detail::makeIter(IterKind::Unary, name, out, self, end);
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "lerp_kernel_scalar", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M w = weight.to<M>();
    cpuKernel<T, T, T>(it, [w](M a, M b) { return lerpValue(a, b, w); });
  });
  return it.output();
}

Tensor lerpTensorImpl(const Tensor& out, const Tensor& self, const Tensor& end, const Tensor& weight,
                      std::string_view name) {
  checkSameDtype(self, end, "end");
  checkSameDtype(self, weight, "weight");
  TensorIter it = detail::makeIter(IterKind::Unary, name, out, self, end, weight);
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "lerp_kernel_tensor", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T, T, T>(it, [](M a, M b, M w) { return lerpValue(a, b, w); });
  });
  return it.output();
}

Tensor addcmulImpl(const Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                   const Scalar& value, std::string_view name) {
  TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, t1, t2);
  dispatchTypes<kAllTypes>(it.commonDtype(), "addcmul", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M v = value.to<M>();
    cpuKernel<T, T, T, T>(it, [v](M s, M a, M b) { return s + v * a * b; });
  });
  return it.output();
}

Tensor addcdivImpl(const Tensor& out, const Tensor& self, const Tensor& t1, const Tensor& t2,
                   const Scalar& value, std::string_view name) {
  SCONCE_CHECK(ValueError, !(isIntegralType(t1.dtype(), true) && isIntegralType(t2.dtype(), true)),
               "Integer division with addcdiv is no longer supported, and in a future  release addcdiv "
               "will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can "
               "be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for "
               "integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future "
               "addcdiv behavior is just the latter implementation: (input + value * tensor1 / "
               "tensor2), for all dtypes.");
  TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, t1, t2);
  dispatchTypes<kAllTypes>(it.commonDtype(), "addcdiv", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M v = value.to<M>();
    cpuKernel<T, T, T, T>(it, [v](M s, M a, M b) { return s + v * a / b; });
  });
  return it.output();
}

}  // namespace

// --- where -----------------------------------------------------------------------

Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other) {
  const ScalarType dtype = resultType({self, other});
  return whereImpl(condition, to(self, dtype), to(other, dtype));
}
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other) {
  const ScalarType dtype = resultType({self, other});
  return whereImpl(condition, wrapScalar(self, dtype), to(other, dtype));
}
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other) {
  const ScalarType dtype = resultType({self, other});
  return whereImpl(condition, to(self, dtype), wrapScalar(other, dtype));
}
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other) {
  const ScalarType dtype = resultType({self, other});
  return whereImpl(condition, wrapScalar(self, dtype), wrapScalar(other, dtype));
}

// --- masked_fill -----------------------------------------------------------------

const Tensor& masked_fill_(const Tensor& self, const Tensor& mask, const Scalar& value) {
  maskedFillImpl(self, mask, value);
  return self;
}
const Tensor& masked_fill_(const Tensor& self, const Tensor& mask, const Tensor& value) {
  maskedFillImpl(self, mask, scalarFromTensor(value, "masked_fill_"));
  return self;
}
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value) {
  Tensor result = Tensor::empty(broadcastShapes(self.sizes(), mask.sizes()), self.dtype());
  copy_(result, self);
  maskedFillImpl(result, mask, value);
  return result;
}
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value) {
  return masked_fill(self, mask, scalarFromTensor(value, "masked_fill_"));
}

// --- clamp -----------------------------------------------------------------------

Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  return clampScalarImpl(Tensor(), self, min, max, "clamp");
}
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  return clampTensorImpl(Tensor(), self, min, max, "clamp");
}
const Tensor& clamp_(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max) {
  clampScalarImpl(self, self, min, max, "clamp_");
  return self;
}
const Tensor& clamp_(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max) {
  clampTensorImpl(self, self, min, max, "clamp_");
  return self;
}
Tensor clamp_min(const Tensor& self, const Scalar& min) {
  return clampScalarImpl(Tensor(), self, min, std::nullopt, "clamp_min");
}
Tensor clamp_min(const Tensor& self, const Tensor& min) {
  return clampTensorImpl(Tensor(), self, min, std::nullopt, "clamp_min");
}
Tensor clamp_max(const Tensor& self, const Scalar& max) {
  return clampScalarImpl(Tensor(), self, std::nullopt, max, "clamp_max");
}
Tensor clamp_max(const Tensor& self, const Tensor& max) {
  return clampTensorImpl(Tensor(), self, std::nullopt, max, "clamp_max");
}
const Tensor& clamp_min_(const Tensor& self, const Scalar& min) {
  clampScalarImpl(self, self, min, std::nullopt, "clamp_min_");
  return self;
}
const Tensor& clamp_max_(const Tensor& self, const Scalar& max) {
  clampScalarImpl(self, self, std::nullopt, max, "clamp_max_");
  return self;
}

// --- lerp / addcmul / addcdiv ----------------------------------------------------

Tensor lerp(const Tensor& self, const Tensor& end, const Scalar& weight) {
  return lerpScalarImpl(Tensor(), self, end, weight, "lerp");
}
Tensor lerp(const Tensor& self, const Tensor& end, const Tensor& weight) {
  return lerpTensorImpl(Tensor(), self, end, weight, "lerp");
}
const Tensor& lerp_(const Tensor& self, const Tensor& end, const Scalar& weight) {
  lerpScalarImpl(self, self, end, weight, "lerp_");
  return self;
}
const Tensor& lerp_(const Tensor& self, const Tensor& end, const Tensor& weight) {
  lerpTensorImpl(self, self, end, weight, "lerp_");
  return self;
}

Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return addcmulImpl(Tensor(), self, t1, t2, value, "addcmul");
}
const Tensor& addcmul_(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  addcmulImpl(self, self, t1, t2, value, "addcmul_");
  return self;
}
Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  return addcdivImpl(Tensor(), self, t1, t2, value, "addcdiv");
}
const Tensor& addcdiv_(const Tensor& self, const Tensor& t1, const Tensor& t2, const Scalar& value) {
  addcdivImpl(self, self, t1, t2, value, "addcdiv_");
  return self;
}

}  // namespace sconce::ops
