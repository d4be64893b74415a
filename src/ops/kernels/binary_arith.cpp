// Arithmetic binary kernels: add/sub/rsub/mul, the division family, pow, atan2,
// maximum/minimum, with PyTorch's integer-division and NaN rules.
#include <cmath>
#include <limits>

#include "ops/kernels/binary.h"
#include "ops/kernels/binary_internal.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

using detail::IterKind;

void detail::failZeroDivision() { throw ValueError("ZeroDivisionError"); }

namespace {

// ---------------------------------------------------------------------------------
// Scalar helpers with PyTorch's semantics (ATen's BinaryOps / Math.h).

template <class T>
T negateWrapping(T a) {
  return static_cast<T>(-static_cast<std::make_unsigned_t<T>>(a));
}

template <class T>
T divTruncInt(T a, T b) {
  if (b == 0) detail::failZeroDivision();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return negateWrapping(a);  // INT_MIN / -1 would trap
  }
  return static_cast<T>(a / b);
}

template <class T>
T divFloorInt(T a, T b) {
  if (b == 0) detail::failZeroDivision();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return negateWrapping(a);
    if ((a < 0) != (b < 0)) {
      const T quot = static_cast<T>(a / b);
      const T rem = static_cast<T>(a % b);
      return rem ? static_cast<T>(quot - 1) : quot;
    }
  }
  return static_cast<T>(a / b);
}

template <class T>
T divFloorFloat(T a, T b) {
  if (b == 0) return a / b;  // IEEE: +-inf or nan
  const T mod = std::fmod(a, b);
  T div = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) div -= T(1);
  if (div == 0) return std::copysign(T(0), a / b);
  T floordiv = std::floor(div);
  if (div - floordiv > T(0.5)) floordiv += T(1);
  return floordiv;
}

template <class T>
T remainderInt(T a, T b) {
  if (b == 0) detail::failZeroDivision();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return 0;
  }
  T r = static_cast<T>(a % b);
  if constexpr (std::is_signed_v<T>) {
    if (r != 0 && (r < 0) != (b < 0)) r = static_cast<T>(r + b);
  }
  return r;
}

template <class T>
T remainderFloat(T a, T b) {
  T mod = std::fmod(a, b);
  if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
  return mod;
}

template <class T>
T fmodInt(T a, T b) {
  if (b == 0) detail::failZeroDivision();
  if constexpr (std::is_signed_v<T>) {
    if (b == T(-1)) return 0;
  }
  return static_cast<T>(a % b);
}

// Exact integer power by squaring, wrapping on overflow (ATen's powi).
template <class T>
T powInt(T a, T b) {
  if constexpr (std::is_signed_v<T>) {
    if (b < 0) {
      if (a == 1) return 1;
      if (a == -1) return (-static_cast<int64_t>(b)) % 2 ? T(-1) : T(1);
      return 0;
    }
  }
  using U = std::make_unsigned_t<std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, T>>;
  U result = 1, base = static_cast<U>(a);
  auto e = static_cast<std::make_unsigned_t<T>>(b);
  while (e) {
    if (e & 1) result *= base;
    e >>= 1;
    base *= base;
  }
  return static_cast<T>(result);
}

// NaN-propagating max/min, branch-free so the loops vectorize.
template <class M>
M maximumFloat(M a, M b) {
  return vec::select(a != a || b != b, std::numeric_limits<M>::quiet_NaN(), vec::select(a < b, b, a));
}
template <class M>
M minimumFloat(M a, M b) {
  return vec::select(a != a || b != b, std::numeric_limits<M>::quiet_NaN(), vec::select(b < a, b, a));
}

// ---------------------------------------------------------------------------------
// Kernels: one per op, dispatching on the iterator's common dtype.

void checkAlpha(ScalarType dtype, const Scalar& alpha) {
  SCONCE_CHECK(ValueError, !alpha.isBool() || dtype == ScalarType::Bool,
               "Boolean alpha only supported for Boolean results.");
  SCONCE_CHECK(ValueError, isComplexType(dtype) || !alpha.isComplex(),
               "For non-complex input tensors, argument alpha must not be a complex number.");
  SCONCE_CHECK(ValueError,
               isFloatingType(dtype) || isComplexType(dtype) || alpha.isIntegral() || alpha.isBool(),
               "For integral input tensors, argument alpha must not be a floating point number.");
}

void checkSub(ScalarType a, ScalarType b) {
  SCONCE_CHECK(ValueError, a != ScalarType::Bool || b != ScalarType::Bool,
               "Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
               "`^` or `logical_xor()` operator instead.");
  SCONCE_CHECK(ValueError, a != ScalarType::Bool && b != ScalarType::Bool,
               "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
               "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
}

// out = a + alpha * b over inputs (a, b) of the iterator.
void addKernel(TensorIter& it, const Scalar& alpha) {
  checkAlpha(it.commonDtype(), alpha);
  dispatchTypes<kAllTypesAndComplexAndBool>(it.commonDtype(), "add", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M a = alpha.to<M>();
    if (a == M(1)) cpuKernel<T, T, T>(it, [](M x, M y) { return x + y; });
    else cpuKernel<T, T, T>(it, [a](M x, M y) { return x + a * y; });
  });
}

ScalarType dtypeOf(const Tensor& t) { return t.dtype(); }
ScalarType dtypeOf(const Scalar& s) { return s.dtype(); }

template <class Other>
Tensor addImpl(const Tensor& out, const Tensor& self, const Other& other, const Scalar& alpha,
               std::string_view name) {
  TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, other);
  addKernel(it, alpha);
  return it.output();
}

template <class Other>
Tensor subImpl(const Tensor& out, const Tensor& self, const Other& other, const Scalar& alpha,
               std::string_view name) {
  checkSub(self.dtype(), dtypeOf(other));
  TensorIter it = detail::makeIter(IterKind::Binary, name, out, self, other);
  // a - alpha * b as a + (-alpha) * b (negation is exact); a bool alpha reaches
  // checkAlpha unchanged so it is rejected with PyTorch's message.
  const Scalar negAlpha = alpha.isBool()            ? alpha
                          : alpha.isComplex()       ? Scalar(-alpha.toComplex())
                          : alpha.isFloatingPoint() ? Scalar(-alpha.toDouble())
                                                    : Scalar(-alpha.toLong());
  addKernel(it, negAlpha);
  return it.output();
}

void mulKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndComplexAndBool>(it.commonDtype(), "mul", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (std::is_same_v<T, bool>) cpuKernel<T, T, T>(it, [](bool x, bool y) { return x && y; });
    else cpuKernel<T, T, T>(it, [](M x, M y) { return x * y; });
  });
}

void divTrueKernel(TensorIter& it) {
  dispatchTypes<kFloatingAndComplexTypes>(it.commonDtype(), "div_true", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T, T>(it, [](M x, M y) { return x / y; });
  });
}

void divTruncKernel(TensorIter& it) {
  dispatchTypes<kAllTypes>(it.commonDtype(), "div_trunc", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return std::trunc(x / y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return divTruncInt(x, y); });
  });
}

void divFloorKernel(TensorIter& it) {
  dispatchTypes<kAllTypes>(it.commonDtype(), "div_floor", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return divFloorFloat(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return divFloorInt(x, y); });
  });
}

void floor_divideKernel(TensorIter& it) { divFloorKernel(it); }

void remainderKernel(TensorIter& it) {
  dispatchTypes<kAllTypes>(it.commonDtype(), "remainder", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return remainderFloat(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return remainderInt(x, y); });
  });
}

void fmodKernel(TensorIter& it) {
  dispatchTypes<kAllTypes>(it.commonDtype(), "fmod", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return std::fmod(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return fmodInt(x, y); });
  });
}

void powKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndComplex>(it.commonDtype(), "pow", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsFloat<T> || kIsComplex<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return std::pow(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return powInt(x, y); });
  });
}

void atan2Kernel(TensorIter& it) {
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "atan2", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T, T>(it, [](M x, M y) { return std::atan2(x, y); });
  });
}

void maximumKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "maximum", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (std::is_same_v<T, bool>) cpuKernel<T, T, T>(it, [](bool x, bool y) { return x || y; });
    else if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return maximumFloat(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return std::max(x, y); });
  });
}

void minimumKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "minimum", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (std::is_same_v<T, bool>) cpuKernel<T, T, T>(it, [](bool x, bool y) { return x && y; });
    else if constexpr (kIsFloat<T>) cpuKernel<T, T, T>(it, [](M x, M y) { return minimumFloat(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return std::min(x, y); });
  });
}

// pow(Tensor, Scalar): one-input loop with the exponent hoisted, and ATen's shortcuts
// (x*x for 2, sqrt for 0.5, ...).
void powScalarKernel(TensorIter& it, const Scalar& exponent) {
  dispatchTypes<kAllTypesAndComplex>(it.commonDtype(), "pow", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (kIsComplex<T>) {
      const T e = exponent.to<T>();
      if (e == T(2)) cpuKernel<T, T>(it, [](T x) { return x * x; });
      else cpuKernel<T, T>(it, [e](T x) { return std::pow(x, e); });
    } else if constexpr (kIsFloat<T>) {
      const double e = exponent.toDouble();
      if (e == 0.5) cpuKernel<T, T>(it, [](M x) { return std::sqrt(x); });
      else if (e == -0.5) cpuKernel<T, T>(it, [](M x) { return M(1) / std::sqrt(x); });
      else if (e == -1.0) cpuKernel<T, T>(it, [](M x) { return M(1) / x; });
      else if (e == 2.0) cpuKernel<T, T>(it, [](M x) { return x * x; });
      else if (e == 3.0) cpuKernel<T, T>(it, [](M x) { return x * x * x; });
      else if (e == -2.0) cpuKernel<T, T>(it, [](M x) { return M(1) / (x * x); });
      else cpuKernel<T, T>(it, [m = static_cast<M>(e)](M x) { return std::pow(x, m); });
    } else {
      const T e = exponent.to<T>();
      cpuKernel<T, T>(it, [e](T x) { return powInt(x, e); });
    }
  });
}

Tensor powTensorScalar(const Tensor& out, const Tensor& self, const Scalar& exponent) {
  SCONCE_CHECK(ValueError,
               !(isIntegralType(self.dtype(), true) && exponent.isIntegral() && exponent.toLong() < 0),
               "Integers to negative integer powers are not allowed.");
  const ScalarType common = resultType({self, exponent});
  SCONCE_CHECK(ValueError, !out.defined() || canCast(common, out.dtype()),
               "result type {} can't be cast to the desired output type {}",
               scalarTypeShortName(common), scalarTypeShortName(out.dtype()));
  if (exponent.toComplex() == 0.0 && !exponent.isBool()) {
    Tensor result = out.defined() ? out : Tensor::empty(self.sizes(), common);
    if (out.defined()) resizeOutput(out, self.sizes());
    return fill_(result, Scalar(int64_t{1}));
  }
  TensorIter it = TensorIterConfig("pow")
                      .addOutput(out)
                      .addInput(to(self, common))
                      .promoteInputsToCommonDtype()
                      .castCommonDtypeToOutputs()
                      .build();
  if (exponent.toComplex() == 1.0 && !exponent.isBool()) {
    dispatchTypes<kAllTypesAndComplexAndBool>(it.commonDtype(), "pow", [&](auto tag) {
      using T = decltype(tag);
      cpuKernel<T, T>(it, [](T x) { return x; });
    });
    return it.output();
  }
  powScalarKernel(it, exponent);
  return it.output();
}

detail::IterKernel divModeKernel(std::optional<std::string_view> mode) {
  if (!mode) return divTrueKernel;
  if (*mode == "trunc") return divTruncKernel;
  if (*mode == "floor") return divFloorKernel;
  fail<ValueError>(
      "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{}'", *mode);
}

template <class Other>
Tensor divImpl(const Tensor& out, const Tensor& self, const Other& other,
               std::optional<std::string_view> mode) {
  detail::IterKernel kernel = divModeKernel(mode);
  return detail::runIter(mode ? IterKind::Binary : IterKind::BinaryFloat, "div", kernel, out, self, other);
}

}  // namespace

// ---------------------------------------------------------------------------------
// Public entry points.

SCONCE_DEFINE_BINARY_OP(mul, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(floor_divide, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(remainder, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(fmod, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(atan2, IterKind::BinaryFloat)
SCONCE_DEFINE_BINARY_OP(maximum, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(minimum, IterKind::Binary)

Tensor pow(const Tensor& self, const Tensor& other) {
  return detail::runIter(IterKind::Binary, "pow", powKernel, Tensor(), self, other);
}
Tensor pow(const Tensor& self, const Scalar& exponent) { return powTensorScalar(Tensor(), self, exponent); }
const Tensor& pow_(const Tensor& self, const Tensor& other) {
  detail::runIter(IterKind::Binary, "pow_", powKernel, self, self, other);
  return self;
}
const Tensor& pow_(const Tensor& self, const Scalar& exponent) {
  powTensorScalar(self, self, exponent);
  return self;
}
const Tensor& pow_out(const Tensor& out, const Tensor& self, const Tensor& other) {
  detail::runIter(IterKind::Binary, "pow", powKernel, out, self, other);
  return out;
}
const Tensor& pow_out(const Tensor& out, const Tensor& self, const Scalar& exponent) {
  powTensorScalar(out, self, exponent);
  return out;
}
Tensor pow(const Scalar& self, const Tensor& exponent) {
  if (self.toDouble() == 1.0 && !self.isBool()) {
    Tensor out = Tensor::empty(exponent.sizes(), resultType({self, exponent}));
    return fill_(out, Scalar(int64_t{1}));
  }
  return detail::runIter(IterKind::Binary, "pow", powKernel, Tensor(), self, exponent);
}

Tensor remainder(const Scalar& self, const Tensor& other) {
  return detail::runIter(IterKind::Binary, "remainder", remainderKernel, Tensor(), self, other);
}

Tensor add(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return addImpl(Tensor(), self, other, alpha, "add");
}
Tensor add(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return addImpl(Tensor(), self, other, alpha, "add");
}
const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  addImpl(self, self, other, alpha, "add_");
  return self;
}
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  addImpl(self, self, other, alpha, "add_");
  return self;
}
const Tensor& add_out(const Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha) {
  addImpl(out, self, other, alpha, "add");
  return out;
}

Tensor sub(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return subImpl(Tensor(), self, other, alpha, "sub");
}
Tensor sub(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  return subImpl(Tensor(), self, other, alpha, "sub");
}
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  subImpl(self, self, other, alpha, "sub_");
  return self;
}
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  subImpl(self, self, other, alpha, "sub_");
  return self;
}
const Tensor& sub_out(const Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha) {
  subImpl(out, self, other, alpha, "sub");
  return out;
}

Tensor rsub(const Tensor& self, const Tensor& other, const Scalar& alpha) {
  return sub(other, self, alpha);
}
Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha) {
  // other - alpha * self with `other` a Python number: compute as (-alpha) * self + other
  // so the number keeps its low promotion rank.
  checkSub(self.dtype(), other.dtype());
  TensorIter it = detail::makeIter(IterKind::Binary, "rsub", Tensor(), self, other);
  checkAlpha(it.commonDtype(), alpha);
  dispatchTypes<kAllTypesAndComplex>(it.commonDtype(), "rsub", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M a = alpha.to<M>();
    cpuKernel<T, T, T>(it, [a](M x, M y) { return y - a * x; });
  });
  return it.output();
}

Tensor div(const Tensor& self, const Tensor& other) { return divImpl(Tensor(), self, other, std::nullopt); }
Tensor div(const Tensor& self, const Scalar& other) { return divImpl(Tensor(), self, other, std::nullopt); }
const Tensor& div_(const Tensor& self, const Tensor& other) {
  divImpl(self, self, other, std::nullopt);
  return self;
}
const Tensor& div_(const Tensor& self, const Scalar& other) {
  divImpl(self, self, other, std::nullopt);
  return self;
}
const Tensor& div_out(const Tensor& out, const Tensor& self, const Tensor& other) {
  divImpl(out, self, other, std::nullopt);
  return out;
}
Tensor div(const Tensor& self, const Tensor& other, std::optional<std::string_view> mode) {
  return divImpl(Tensor(), self, other, mode);
}
Tensor div(const Tensor& self, const Scalar& other, std::optional<std::string_view> mode) {
  return divImpl(Tensor(), self, other, mode);
}
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string_view> mode) {
  divImpl(self, self, other, mode);
  return self;
}
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string_view> mode) {
  divImpl(self, self, other, mode);
  return self;
}
const Tensor& div_out(const Tensor& out, const Tensor& self, const Tensor& other,
                      std::optional<std::string_view> mode) {
  divImpl(out, self, other, mode);
  return out;
}

}  // namespace sconce::ops
