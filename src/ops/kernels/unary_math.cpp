// Unary math kernels: sign/abs/neg, exponentials, logarithms, trigonometry, error
// functions, rounding, predicates and nan_to_num.
#include <cmath>
#include <limits>

#include "ops/kernels/binary.h"
#include "ops/kernels/complex.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/type_promotion.h"
#include "ops/kernels/unary.h"
#include "ops/kernels/unary_internal.h"

namespace sconce::ops {

using detail::IterKind;
using detail::unaryKernel;

namespace {

// ATen's calc_erfinv: a rational initial guess refined by two Newton steps.
template <class T>
T erfinvImpl(T y) {
  constexpr T kCentralRange = T(0.7);
  constexpr T a[4] = {T(0.886226899), T(-1.645349621), T(0.914624893), T(-0.140543331)};
  constexpr T b[4] = {T(-2.118377725), T(1.442710462), T(-0.329097515), T(0.012229801)};
  constexpr T c[4] = {T(-1.970840454), T(-1.624906493), T(3.429567803), T(1.641345311)};
  constexpr T d[2] = {T(3.543889200), T(1.637067800)};
  const T yAbs = std::abs(y);
  if (yAbs > T(1)) return std::numeric_limits<T>::quiet_NaN();
  if (yAbs == T(1)) return std::copysign(std::numeric_limits<T>::infinity(), y);
  T x;
  if (yAbs <= kCentralRange) {
    const T z = y * y;
    const T num = ((a[3] * z + a[2]) * z + a[1]) * z + a[0];
    const T dem = (((b[3] * z + b[2]) * z + b[1]) * z + b[0]) * z + T(1);
    x = y * num / dem;
  } else {
    const T z = std::sqrt(-std::log((T(1) - yAbs) / T(2)));
    const T num = ((c[3] * z + c[2]) * z + c[1]) * z + c[0];
    const T dem = (d[1] * z + d[0]) * z + T(1);
    x = std::copysign(num, y) / dem;
  }
  const T k2OverSqrtPi = T(2) / static_cast<T>(std::sqrt(3.14159265358979323846));
  x = x - (std::erf(x) - y) / (k2OverSqrtPi * std::exp(-x * x));
  x = x - (std::erf(x) - y) / (k2OverSqrtPi * std::exp(-x * x));
  return x;
}

template <class T>
T negWrapping(T x) {
  if constexpr (std::is_integral_v<T>) return static_cast<T>(-static_cast<std::make_unsigned_t<T>>(x));
  else return -x;
}

void negKernel(TensorIter& it) {
  SCONCE_CHECK(ValueError, it.commonDtype() != ScalarType::Bool,
               "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
               "to invert a mask, use the `~` or `logical_not()` operator instead.");
  unaryKernel<kAllTypesAndComplex>(it, "neg", [](auto x) { return negWrapping(x); });
}

void absKernel(TensorIter& it) {
  unaryKernel<kAllTypes>(it, "abs", [](auto x) {
    using M = decltype(x);
    if constexpr (std::is_unsigned_v<M>) return x;
    else if constexpr (std::is_integral_v<M>) return x < 0 ? negWrapping(x) : x;
    else return std::abs(x);
  });
}

void signKernel(TensorIter& it) {
  unaryKernel<kAllTypesAndBool>(it, "sign", [](auto x) {
    using M = decltype(x);
    if constexpr (std::is_same_v<M, bool>) return x;
    else return static_cast<M>((M(0) < x) - (x < M(0)));
  });
}

#define SCONCE_FLOAT_KERNEL(name, expr)                                        \
  void name##Kernel(TensorIter& it) {                                          \
    unaryKernel<kFloatingTypes>(it, #name, [](auto x) { return expr; });       \
  }

// Also defined for complex64/complex128, with std::complex's functions.
#define SCONCE_FLOAT_COMPLEX_KERNEL(name, expr, complexExpr)                   \
  void name##Kernel(TensorIter& it) {                                          \
    unaryKernel<kFloatingAndComplexTypes>(it, #name, [](auto x) {              \
      if constexpr (kIsComplex<decltype(x)>) return complexExpr;               \
      else return expr;                                                        \
    });                                                                        \
  }

SCONCE_FLOAT_COMPLEX_KERNEL(sqrt, std::sqrt(x), std::sqrt(x))
SCONCE_FLOAT_COMPLEX_KERNEL(rsqrt, decltype(x)(1) / std::sqrt(x), decltype(x)(1) / std::sqrt(x))
SCONCE_FLOAT_COMPLEX_KERNEL(exp, vec::exp(x), std::exp(x))
SCONCE_FLOAT_KERNEL(exp2, std::exp2(x))
SCONCE_FLOAT_KERNEL(expm1, std::expm1(x))
SCONCE_FLOAT_COMPLEX_KERNEL(log, std::log(x), std::log(x))
SCONCE_FLOAT_KERNEL(log2, std::log2(x))
SCONCE_FLOAT_COMPLEX_KERNEL(log10, std::log10(x), std::log10(x))
SCONCE_FLOAT_KERNEL(log1p, std::log1p(x))
SCONCE_FLOAT_COMPLEX_KERNEL(sin, std::sin(x), std::sin(x))
SCONCE_FLOAT_COMPLEX_KERNEL(cos, std::cos(x), std::cos(x))
SCONCE_FLOAT_COMPLEX_KERNEL(tan, std::tan(x), std::tan(x))
SCONCE_FLOAT_COMPLEX_KERNEL(asin, std::asin(x), std::asin(x))
SCONCE_FLOAT_COMPLEX_KERNEL(acos, std::acos(x), std::acos(x))
SCONCE_FLOAT_COMPLEX_KERNEL(atan, std::atan(x), std::atan(x))
SCONCE_FLOAT_COMPLEX_KERNEL(sinh, std::sinh(x), std::sinh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(cosh, std::cosh(x), std::cosh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(tanh, vec::tanh(x), std::tanh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(asinh, std::asinh(x), std::asinh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(acosh, std::acosh(x), std::acosh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(atanh, std::atanh(x), std::atanh(x))
SCONCE_FLOAT_COMPLEX_KERNEL(sigmoid, decltype(x)(1) / (decltype(x)(1) + vec::exp(-x)), decltype(x)(1) / (decltype(x)(1) + std::exp(-x)))
SCONCE_FLOAT_KERNEL(erf, std::erf(x))
SCONCE_FLOAT_KERNEL(erfc, std::erfc(x))
SCONCE_FLOAT_KERNEL(erfinv, erfinvImpl(x))
SCONCE_FLOAT_KERNEL(frac, x - std::trunc(x))
SCONCE_FLOAT_COMPLEX_KERNEL(reciprocal, decltype(x)(1) / x, decltype(x)(1) / x)
#undef SCONCE_FLOAT_KERNEL
#undef SCONCE_FLOAT_COMPLEX_KERNEL

// Rounding is the identity on integers; bool is rejected as in PyTorch.
template <class F>
void roundingKernel(TensorIter& it, std::string_view name, F f) {
  unaryKernel<kAllTypes>(it, name, [f](auto x) {
    if constexpr (std::is_integral_v<decltype(x)>) return x;
    else return f(x);
  });
}
void floorKernel(TensorIter& it) { roundingKernel(it, "floor", [](auto x) { return std::floor(x); }); }
void ceilKernel(TensorIter& it) { roundingKernel(it, "ceil", [](auto x) { return std::ceil(x); }); }
void roundKernel(TensorIter& it) { roundingKernel(it, "round", [](auto x) { return std::nearbyint(x); }); }
void truncKernel(TensorIter& it) { roundingKernel(it, "trunc", [](auto x) { return std::trunc(x); }); }

void logical_notKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "logical_not", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<bool, T>(it, [](M x) -> bool { return x == M(0); });
  });
}

void bitwise_notKernel(TensorIter& it) {
  unaryKernel<kIntegralTypesAndBool>(it, "bitwise_not", [](auto x) {
    if constexpr (std::is_same_v<decltype(x), bool>) return !x;
    else return static_cast<decltype(x)>(~x);
  });
}

template <class Pred>
Tensor floatPredicate(const Tensor& self, std::string_view name, Pred pred, bool integralValue) {
  TensorIter it = detail::makeIter(IterKind::Comparison, name, Tensor(), self);
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), name, [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) cpuKernel<bool, T>(it, [pred](M x) -> bool { return pred(x); });
    else cpuKernel<bool, T>(it, [integralValue](T) { return integralValue; });
  });
  return it.output();
}

// Largest finite value of a storage type (numeric_limits knows no Half/BFloat16).
template <class T>
double finiteMax() {
  if constexpr (std::is_same_v<T, Half>) return 65504.0;
  else if constexpr (std::is_same_v<T, BFloat16>) return 3.3895313892515355e38;
  else return std::numeric_limits<T>::max();
}

void nanToNumImpl(TensorIter& it, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "nan_to_num", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) {
      // Replacement values are rounded to the tensor's dtype first (its max, not float's).
      const M n = castTo<M>(castTo<T>(static_cast<M>(nan.value_or(0.0))));
      const M pos = posinf ? castTo<M>(castTo<T>(static_cast<M>(*posinf))) : static_cast<M>(finiteMax<T>());
      const M neg = neginf ? castTo<M>(castTo<T>(static_cast<M>(*neginf))) : -static_cast<M>(finiteMax<T>());
      cpuKernel<T, T>(it, [=](M x) {
        return x != x ? n : x == std::numeric_limits<M>::infinity() ? pos
                        : x == -std::numeric_limits<M>::infinity() ? neg
                                                                    : x;
      });
    } else {
      cpuKernel<T, T>(it, [](T x) { return x; });
    }
  });
}

void roundDecimalsKernel(TensorIter& it, int64_t decimals) {
  const bool negative = decimals < 0;
  const double tenPow = std::pow(10.0, static_cast<double>(negative ? -decimals : decimals));
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "round", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    // PyTorch evaluates this in the tensor's own dtype: BFloat16 rounds x / p before
    // nearbyint, which decides ties (-406 / 10 -> -40.5 -> -40).
    const M p = castTo<M>(castTo<T>(static_cast<M>(tenPow)));
    auto inDtype = [](M v) { return castTo<M>(castTo<T>(v)); };
    if (negative) cpuKernel<T, T>(it, [p, inDtype](M x) { return std::nearbyint(inDtype(x / p)) * p; });
    else cpuKernel<T, T>(it, [p, inDtype](M x) { return std::nearbyint(inDtype(x * p)) / p; });
  });
}

}  // namespace

SCONCE_DEFINE_UNARY_OP(neg, IterKind::Unary)
// abs of a complex tensor is real (complex.h); in place it would change the dtype.
Tensor abs(const Tensor& self) {
  if (isComplexType(self.dtype())) return complexAbs(self);
  return detail::runIter(IterKind::Unary, "abs", absKernel, Tensor(), self);
}
const Tensor& abs_(const Tensor& self) {
  SCONCE_CHECK(ValueError, !isComplexType(self.dtype()), "In-place abs is not supported for complex tensors.");
  detail::runIter(IterKind::Unary, "abs_", absKernel, self, self);
  return self;
}
const Tensor& abs_out(const Tensor& out, const Tensor& self) {
  if (isComplexType(self.dtype())) {
    Tensor result = complexAbs(self);
    SCONCE_CHECK(ValueError, canCast(result.dtype(), out.dtype()),
                 "result type {} can't be cast to the desired output type {}",
                 scalarTypeShortName(result.dtype()), scalarTypeShortName(out.dtype()));
    resizeOutput(out, result.sizes());
    copy_(out, result);
    return out;
  }
  detail::runIter(IterKind::Unary, "abs", absKernel, out, self);
  return out;
}
SCONCE_DEFINE_UNARY_OP(sign, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(sqrt, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(rsqrt, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(exp, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(exp2, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(expm1, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(log, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(log2, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(log10, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(log1p, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(sin, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(cos, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(tan, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(asin, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(acos, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(atan, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(sinh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(cosh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(tanh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(asinh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(acosh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(atanh, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(sigmoid, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(erf, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(erfc, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(erfinv, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(floor, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(ceil, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(round, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(trunc, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(frac, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(reciprocal, IterKind::UnaryFloat)
SCONCE_DEFINE_UNARY_OP(logical_not, IterKind::Comparison)
SCONCE_DEFINE_UNARY_OP(bitwise_not, IterKind::Unary)

Tensor square(const Tensor& self) { return pow(self, Scalar(int64_t{2})); }
const Tensor& square_(const Tensor& self) { return pow_(self, Scalar(int64_t{2})); }
const Tensor& square_out(const Tensor& out, const Tensor& self) {
  return pow_out(out, self, Scalar(int64_t{2}));
}

Tensor isnan(const Tensor& self) {
  return floatPredicate(self, "isnan", [](auto x) { return x != x; }, false);
}
Tensor isinf(const Tensor& self) {
  return floatPredicate(self, "isinf", [](auto x) { return std::isinf(x); }, false);
}
Tensor isfinite(const Tensor& self) {
  return floatPredicate(self, "isfinite", [](auto x) { return std::isfinite(x); }, true);
}

Tensor round(const Tensor& self, int64_t decimals) {
  TensorIter it = detail::makeIter(IterKind::Unary, "round", Tensor(), self);
  roundDecimalsKernel(it, decimals);
  return it.output();
}
const Tensor& round_(const Tensor& self, int64_t decimals) {
  TensorIter it = detail::makeIter(IterKind::Unary, "round_", self, self);
  roundDecimalsKernel(it, decimals);
  return self;
}

Tensor nan_to_num(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                  std::optional<double> neginf) {
  TensorIter it = detail::makeIter(IterKind::Unary, "nan_to_num", Tensor(), self);
  nanToNumImpl(it, nan, posinf, neginf);
  return it.output();
}
const Tensor& nan_to_num_(const Tensor& self, std::optional<double> nan, std::optional<double> posinf,
                          std::optional<double> neginf) {
  TensorIter it = detail::makeIter(IterKind::Unary, "nan_to_num_", self, self);
  nanToNumImpl(it, nan, posinf, neginf);
  return self;
}

}  // namespace sconce::ops
