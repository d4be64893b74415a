// Elementwise special functions and binary math PyTorch programs reach that the core
// families (unary_math.cpp, binary_arith.cpp) lack: lgamma, digamma, polygamma, i0, sinc,
// signbit, hypot, logaddexp, xlogy, copysign, nextafter, heaviside, gcd/lcm, fmax/fmin,
// float_power.
//
// Each op names the TensorIter family ATen builds it with (binary_op, binary_float_op,
// unary_float_op), so promotion, broadcasting, in-place and out= rules follow from it.
#include <cmath>
#include <limits>
#include <numeric>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/unary_internal.h"

namespace sconce::ops {
namespace {

using detail::IterKind;
using detail::runIter;

// ---- special functions (ATen's Math.h, in double) -------------------------------------

constexpr double kPi = 3.14159265358979323846;

/// ATen's calc_digamma: reflection for x < 0, recurrence up to 10, asymptotic series.
double digammaImpl(double x) {
  if (x == 0) return std::copysign(std::numeric_limits<double>::infinity(), -x);
  if (x < 0) {
    if (x == std::trunc(x)) return std::numeric_limits<double>::quiet_NaN();
    double q, r = std::modf(x, &q);
    return digammaImpl(1 - x) - kPi / std::tan(kPi * r);
  }
  double result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  if (x == 10) return result + 2.25175258906672110764;
  static const double A[] = {8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
                             -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
                             8.33333333333333333333E-2};
  double y = 0;
  if (x < 1.0e17) {
    double z = 1 / (x * x), p = 0;
    for (double a : A) p = p * z + a;
    y = z * p;
  }
  return result + std::log(x) - 0.5 / x - y;
}

/// Hurwitz zeta(x, q) (Cephes, as ATen's zeta).
double zetaImpl(double x, double q) {
  static const double A[] = {12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9,
                             7.47242496e10, -2.950130727918164224e12, 1.1646782814350067249e14,
                             -4.5979787224074726105e15, 1.8152105401943546773e17, -7.1661652561756670113e18};
  const double machep = 1.11022302462515654042E-16;
  if (x == 1) return std::numeric_limits<double>::infinity();
  if (x < 1) return std::numeric_limits<double>::quiet_NaN();
  if (q <= 0) {
    if (q == std::floor(q)) return std::numeric_limits<double>::infinity();
    if (x != std::floor(x)) return std::numeric_limits<double>::quiet_NaN();
  }
  double s = std::pow(q, -x), a = q, b = 0;
  int i = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = std::pow(a, -x);
    s += b;
    if (std::fabs(b / s) < machep) return s;
  }
  double w = a;
  s += b * w / (x - 1);
  s -= 0.5 * b;
  a = 1;
  double k = 0;
  for (int j = 0; j < 12; ++j) {
    a *= x + k;
    b /= w;
    double t = a * b / A[j];
    s += t;
    if (std::fabs(t / s) < machep) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/// ATen's calc_polygamma: digamma, trigamma, or (-1)^(n+1) n! zeta(n+1, x).
double polygammaImpl(int64_t n, double x) {
  if (n == 0) return digammaImpl(x);
  if (n == 1) {
    double sign = 1, result = 0;
    if (x < 0.5) {
      sign = -1;
      double s = std::sin(kPi * x);
      result -= kPi * kPi / (s * s);
      x = 1 - x;
    }
    for (int i = 0; i < 6; ++i) {
      result += 1 / (x * x);
      x += 1;
    }
    const double ixx = 1 / (x * x);
    result += (1 + 1 / (2 * x) + ixx * (1. / 6 - ixx * (1. / 30 - ixx * (1. / 42)))) / x;
    return sign * result;
  }
  return ((n % 2) ? 1.0 : -1.0) * std::exp(std::lgamma(static_cast<double>(n) + 1)) *
         zetaImpl(static_cast<double>(n + 1), x);
}

double sincImpl(double x) {
  if (x == 0) return 1;
  const double px = kPi * x;
  return std::sin(px) / px;
}

// ---- unary kernels ----------------------------------------------------------------------

#define SCONCE_EXTRA_FLOAT_KERNEL(name, expr)                                                           \
  void name##Kernel(TensorIter& it) {                                                                   \
    detail::unaryKernel<kFloatingTypes>(it, #name, [](auto x) {                                         \
      using M = decltype(x);                                                                            \
      const double v = static_cast<double>(x);                                                          \
      return static_cast<M>(expr);                                                                      \
    });                                                                                                 \
  }                                                                                                     \
  Tensor name(const Tensor& self) { return runIter(IterKind::UnaryFloat, #name, name##Kernel, Tensor(), self); } \
  const Tensor& name##_(const Tensor& self) {                                                           \
    runIter(IterKind::UnaryFloat, #name "_", name##Kernel, self, self);                                 \
    return self;                                                                                        \
  }                                                                                                     \
  const Tensor& name##_out(const Tensor& out, const Tensor& self) {                                     \
    runIter(IterKind::UnaryFloat, #name, name##Kernel, out, self);                                      \
    return out;                                                                                         \
  }

SCONCE_EXTRA_FLOAT_KERNEL(lgamma, std::lgamma(v))
SCONCE_EXTRA_FLOAT_KERNEL(digamma, digammaImpl(v))
SCONCE_EXTRA_FLOAT_KERNEL(i0, std::cyl_bessel_i(0.0, std::fabs(v)))
SCONCE_EXTRA_FLOAT_KERNEL(sinc, sincImpl(v))
SCONCE_EXTRA_FLOAT_KERNEL(deg2rad, v * (kPi / 180.0))
SCONCE_EXTRA_FLOAT_KERNEL(rad2deg, v * (180.0 / kPi))
SCONCE_EXTRA_FLOAT_KERNEL(special_entr, std::isnan(v) ? v : v > 0 ? -v * std::log(v) : v == 0 ? 0.0 : -std::numeric_limits<double>::infinity())
SCONCE_EXTRA_FLOAT_KERNEL(special_ndtr, 0.5 * std::erfc(-v / std::sqrt(2.0)))
SCONCE_EXTRA_FLOAT_KERNEL(special_i0e, std::exp(-std::fabs(v)) * std::cyl_bessel_i(0.0, std::fabs(v)))
#undef SCONCE_EXTRA_FLOAT_KERNEL

/// polygamma(n, x): a float op with the order as a kernel parameter.
Tensor polygammaRun(const Tensor& out, int64_t n, const Tensor& self, bool inplace) {
  SCONCE_CHECK(ValueError, n >= 0, "polygamma(n, x) does not support negative n.");
  TensorIter it = detail::makeIter(IterKind::UnaryFloat, inplace ? "polygamma_" : "polygamma", out, self);
  detail::unaryKernel<kFloatingTypes>(it, "polygamma", [n](auto x) {
    return static_cast<decltype(x)>(polygammaImpl(n, static_cast<double>(x)));
  });
  return it.output();
}

/// aten::signbit: a bool result whatever the input dtype (ATen's build_borrowing_unary_force_boolean_op).
Tensor signbitRun(const Tensor& out, const Tensor& self) {
  TensorIterConfig c("signbit");
  c.addOutput(out).addInput(self).checkAllSameDtype(false).declareStaticDtype(ScalarType::Bool);
  TensorIter it = c.build();
  SCONCE_CHECK(ValueError, it.output().dtype() == ScalarType::Bool,
               "Expected out tensor to have dtype bool, but got {} instead", scalarTypeName(it.output().dtype()));
  dispatchTypes<kAllTypesAndBool>(it.dtype(1), "signbit", [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, bool>) cpuKernel<bool, T>(it, [](T) { return false; });
    else if constexpr (kIsFloat<T>) cpuKernel<bool, T>(it, [](OpMath<T> x) { return std::signbit(x); });
    else if constexpr (std::is_unsigned_v<T>) cpuKernel<bool, T>(it, [](T) { return false; });
    else cpuKernel<bool, T>(it, [](T x) { return x < 0; });
  });
  return it.output();
}

// ---- binary kernels ---------------------------------------------------------------------

template <unsigned Set, class F>
void binaryKernel(TensorIter& it, std::string_view name, const F& f) {
  dispatchTypes<Set>(it.commonDtype(), name, [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T, T>(it, [&f](M x, M y) { return static_cast<M>(f(x, y)); });
  });
}

void hypotKernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "hypot_cpu", [](auto x, auto y) { return std::hypot(x, y); });
}
void logaddexpKernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "logaddexp_cpu", [](auto a, auto b) {
    using M = decltype(a);
    if (std::isinf(a) && a == b) return a;
    M m = std::max(a, b);
    return m + std::log1p(std::exp(-std::fabs(a - b)));
  });
}
void logaddexp2Kernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "logaddexp2_cpu", [](auto a, auto b) {
    using M = decltype(a);
    if (std::isinf(a) && a == b) return a;
    M m = std::max(a, b);
    return m + std::log1p(std::exp2(-std::fabs(a - b))) / static_cast<M>(std::log(2.0));
  });
}
void xlogyKernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "xlogy_cpu", [](auto x, auto y) {
    using M = decltype(x);
    if (std::isnan(y)) return std::numeric_limits<M>::quiet_NaN();
    if (x == 0) return M(0);
    return x * std::log(y);
  });
}
void special_xlog1pyKernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "xlog1py_cpu", [](auto x, auto y) {
    using M = decltype(x);
    if (std::isnan(y)) return std::numeric_limits<M>::quiet_NaN();
    if (x == 0) return M(0);
    return x * std::log1p(y);
  });
}
void copysignKernel(TensorIter& it) {
  binaryKernel<kFloatingTypes>(it, "copysign_cpu", [](auto x, auto y) { return std::copysign(x, y); });
}
void nextafterKernel(TensorIter& it) {
  // In the storage type: float16 steps are not float32 steps.
  dispatchTypes<kFloatTypes>(it.commonDtype(), "nextafter_cpu", [&](auto tag) {
    using T = decltype(tag);
    cpuKernel<T, T, T>(it, [](T x, T y) { return std::nextafter(x, y); });
  });
}
void gcdKernel(TensorIter& it) {
  dispatchTypes<kIntTypes>(it.commonDtype(), "gcd_cpu", [&](auto tag) {
    using T = decltype(tag);
    cpuKernel<T, T, T>(it, [](T a, T b) {
      using W = std::conditional_t<std::is_unsigned_v<T>, T, int64_t>;
      W x = a < 0 ? -static_cast<W>(a) : a, y = b < 0 ? -static_cast<W>(b) : b;
      while (y != 0) {
        W t = x % y;
        x = y;
        y = t;
      }
      return static_cast<T>(x);
    });
  });
}
void lcmKernel(TensorIter& it) {
  dispatchTypes<kIntTypes>(it.commonDtype(), "lcm_cpu", [&](auto tag) {
    using T = decltype(tag);
    cpuKernel<T, T, T>(it, [](T a, T b) {
      using W = std::conditional_t<std::is_unsigned_v<T>, T, int64_t>;
      W x = a < 0 ? -static_cast<W>(a) : a, y = b < 0 ? -static_cast<W>(b) : b;
      W g = std::gcd(x, y);
      if (g == 0) return T(0);
      W r = x / g * y;
      return static_cast<T>(r < 0 ? -r : r);
    });
  });
}
template <bool IsMax>
void fmaxminKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), IsMax ? "fmax_cpu" : "fmin_cpu", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (std::is_same_v<T, bool>)
      cpuKernel<T, T, T>(it, [](bool x, bool y) { return IsMax ? (x || y) : (x && y); });
    else if constexpr (kIsFloat<T>)
      cpuKernel<T, T, T>(it, [](M x, M y) { return IsMax ? std::fmax(x, y) : std::fmin(x, y); });
    else cpuKernel<T, T, T>(it, [](T x, T y) { return IsMax ? std::max(x, y) : std::min(x, y); });
  });
}
void fmaxKernel(TensorIter& it) { fmaxminKernel<true>(it); }
void fminKernel(TensorIter& it) { fmaxminKernel<false>(it); }
void heavisideKernel(TensorIter& it) {
  dispatchTypes<kAllTypesAndBool>(it.commonDtype(), "heaviside_cpu", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    if constexpr (std::is_same_v<T, bool>)
      cpuKernel<T, T, T>(it, [](bool x, bool v) { return x ? true : v; });
    else
      cpuKernel<T, T, T>(it, [](M x, M v) { return x == 0 ? v : static_cast<M>(x > 0); });
  });
}

/// Defines name(self, other) for Tensor and Scalar other, name_ and name_out over
/// `name##Kernel` with iterator family `kind`.
#define SCONCE_EXTRA_BINARY(name, kind)                                                         \
  Tensor name(const Tensor& self, const Tensor& other) {                                        \
    return runIter(kind, #name, name##Kernel, Tensor(), self, other);                           \
  }                                                                                             \
  Tensor name##S(const Tensor& self, const Scalar& other) {                                     \
    return runIter(kind, #name, name##Kernel, Tensor(), self, other);                           \
  }                                                                                             \
  const Tensor& name##_(const Tensor& self, const Tensor& other) {                              \
    runIter(kind, #name "_", name##Kernel, self, self, other);                                  \
    return self;                                                                                \
  }                                                                                             \
  const Tensor& name##S_(const Tensor& self, const Scalar& other) {                             \
    runIter(kind, #name "_", name##Kernel, self, self, other);                                  \
    return self;                                                                                \
  }                                                                                             \
  const Tensor& name##_out(const Tensor& out, const Tensor& self, const Tensor& other) {        \
    runIter(kind, #name, name##Kernel, out, self, other);                                       \
    return out;                                                                                 \
  }

SCONCE_EXTRA_BINARY(hypot, IterKind::Binary)
SCONCE_EXTRA_BINARY(logaddexp, IterKind::Binary)
SCONCE_EXTRA_BINARY(logaddexp2, IterKind::Binary)
SCONCE_EXTRA_BINARY(xlogy, IterKind::BinaryFloat)
SCONCE_EXTRA_BINARY(special_xlog1py, IterKind::BinaryFloat)
SCONCE_EXTRA_BINARY(copysign, IterKind::BinaryFloat)
SCONCE_EXTRA_BINARY(nextafter, IterKind::Binary)
SCONCE_EXTRA_BINARY(gcd, IterKind::Binary)
SCONCE_EXTRA_BINARY(lcm, IterKind::Binary)
SCONCE_EXTRA_BINARY(fmax, IterKind::Binary)
SCONCE_EXTRA_BINARY(fmin, IterKind::Binary)
#undef SCONCE_EXTRA_BINARY

void checkHeavisideDtypes(const Tensor& self, const Tensor& values) {
  SCONCE_CHECK(ValueError, self.dtype() == values.dtype(),
               "heaviside is not yet implemented for tensors with different dtypes");
}
Tensor heaviside(const Tensor& self, const Tensor& values) {
  checkHeavisideDtypes(self, values);
  return runIter(IterKind::Binary, "heaviside", heavisideKernel, Tensor(), self, values);
}
const Tensor& heaviside_(const Tensor& self, const Tensor& values) {
  checkHeavisideDtypes(self, values);
  runIter(IterKind::Binary, "heaviside_", heavisideKernel, self, self, values);
  return self;
}
const Tensor& heaviside_out(const Tensor& out, const Tensor& self, const Tensor& values) {
  checkHeavisideDtypes(self, values);
  runIter(IterKind::Binary, "heaviside", heavisideKernel, out, self, values);
  return out;
}

/// xlogy.Scalar_Self(Scalar self, Tensor other): the scalar as a 0-d wrapped number.
Tensor scalarAsTensor(const Scalar& s) {
  if (s.isBool()) return Tensor::scalar(static_cast<int64_t>(s.toBool()), ScalarType::Bool);
  if (s.isIntegral()) return Tensor::scalar(s.toLong(), ScalarType::Long);
  return Tensor::scalar(s.toDouble(), ScalarType::Double);
}

// ---- float_power: everything in double -----------------------------------------------------

Tensor floatPowerOperand(const Tensor& t) { return to(t, ScalarType::Double); }

Tensor float_power(const Tensor& self, const Tensor& exponent) {
  return pow(floatPowerOperand(self), floatPowerOperand(exponent));
}
Tensor float_power(const Tensor& self, const Scalar& exponent) {
  return pow(floatPowerOperand(self), Scalar(exponent.toDouble()));
}
Tensor float_power(const Scalar& self, const Tensor& exponent) {
  return pow(Scalar(self.toDouble()), floatPowerOperand(exponent));
}
void checkFloatPowerInplace(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dtype() == ScalarType::Double,
               "the base given to float_power_ has dtype {} but the operation's result requires dtype Double",
               scalarTypeName(self.dtype()));
}
const Tensor& float_power_(const Tensor& self, const Tensor& exponent) {
  checkFloatPowerInplace(self);
  return pow_(self, floatPowerOperand(exponent));
}
const Tensor& float_power_(const Tensor& self, const Scalar& exponent) {
  checkFloatPowerInplace(self);
  return pow_(self, Scalar(exponent.toDouble()));
}

/// Writes `result` into an out= tensor (resized), checking the dtype can be cast.
const Tensor& intoOut(const Tensor& out, const Tensor& result) {
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

// ---- registration -----------------------------------------------------------------------------

using U = Tensor (*)(const Tensor&);
using IU = const Tensor& (*)(const Tensor&);
using OU = const Tensor& (*)(const Tensor&, const Tensor&);

template <U F, IU I, OU O>
void registerUnary(OperatorRegistry& r, std::string_view name, bool inplace = true) {
  const std::string p = "aten::" + std::string(name);
  r.registerKernel(p, boxed<F>);
  if (inplace) r.registerKernel(p + "_", boxed<I>);
  r.registerKernel(p + ".out", outLast<O>);
}

using BT = Tensor (*)(const Tensor&, const Tensor&);
using BS = Tensor (*)(const Tensor&, const Scalar&);
using IBT = const Tensor& (*)(const Tensor&, const Tensor&);
using IBS = const Tensor& (*)(const Tensor&, const Scalar&);

}  // namespace

Tensor xlogyTensor(const Tensor& self, const Tensor& other) { return xlogy(self, other); }

void registerExtraMathKernels(OperatorRegistry& r) {
  registerUnary<lgamma, lgamma_, lgamma_out>(r, "lgamma");
  registerUnary<digamma, digamma_, digamma_out>(r, "digamma");
  registerUnary<i0, i0_, i0_out>(r, "i0");
  registerUnary<sinc, sinc_, sinc_out>(r, "sinc");
  registerUnary<deg2rad, deg2rad_, deg2rad_out>(r, "deg2rad");
  registerUnary<rad2deg, rad2deg_, rad2deg_out>(r, "rad2deg");
  registerUnary<special_entr, special_entr_, special_entr_out>(r, "special_entr", false);
  registerUnary<special_ndtr, special_ndtr_, special_ndtr_out>(r, "special_ndtr", false);
  registerUnary<special_i0e, special_i0e_, special_i0e_out>(r, "special_i0e", false);
  // The special_ aliases of ops that exist under their plain names.
  r.registerKernel("aten::special_gammaln", boxed<lgamma>);
  r.registerKernel("aten::special_gammaln.out", outLast<lgamma_out>);
  r.registerKernel("aten::special_digamma", boxed<digamma>);
  r.registerKernel("aten::special_digamma.out", outLast<digamma_out>);
  r.registerKernel("aten::special_psi", boxed<digamma>);
  r.registerKernel("aten::special_psi.out", outLast<digamma_out>);
  r.registerKernel("aten::special_i0", boxed<i0>);
  r.registerKernel("aten::special_i0.out", outLast<i0_out>);
  r.registerKernel("aten::special_sinc", boxed<sinc>);
  r.registerKernel("aten::special_sinc.out", outLast<sinc_out>);
  r.registerKernel("aten::special_erfinv", boxed<static_cast<U>(&erfinv)>);
  r.registerKernel("aten::special_erfinv.out", outLast<static_cast<OU>(&erfinv_out)>);
  r.registerKernel("aten::special_expit", boxed<static_cast<U>(&sigmoid)>);
  r.registerKernel("aten::special_expit.out", outLast<static_cast<OU>(&sigmoid_out)>);

  r.registerKernel("aten::polygamma", boxed<[](int64_t n, const Tensor& self) {
                     return polygammaRun(Tensor(), n, self, false);
                   }>);
  r.registerKernel("aten::polygamma_", boxed<[](const Tensor& self, int64_t n) {
                     polygammaRun(self, n, self, true);
                     return self;
                   }>);
  r.registerKernel("aten::polygamma.out", boxed<[](int64_t n, const Tensor& self, const Tensor& out) {
                     polygammaRun(out, n, self, false);
                     return out;
                   }>);
  r.registerKernel("aten::special_polygamma", boxed<[](int64_t n, const Tensor& self) {
                     return polygammaRun(Tensor(), n, self, false);
                   }>);
  r.registerKernel("aten::special_polygamma.out", boxed<[](int64_t n, const Tensor& self, const Tensor& out) {
                     polygammaRun(out, n, self, false);
                     return out;
                   }>);

  r.registerKernel("aten::signbit", boxed<[](const Tensor& self) { return signbitRun(Tensor(), self); }>);
  r.registerKernel("aten::signbit.out", boxed<[](const Tensor& self, const Tensor& out) {
                     signbitRun(out, self);
                     return out;
                   }>);
  // Real dtypes: sgn is sign; fix is trunc.
  r.registerKernel("aten::sgn", boxed<static_cast<U>(&sign)>);
  r.registerKernel("aten::sgn_", boxed<static_cast<IU>(&sign_)>);
  r.registerKernel("aten::sgn.out", outLast<static_cast<OU>(&sign_out)>);
  r.registerKernel("aten::fix", boxed<static_cast<U>(&trunc)>);
  r.registerKernel("aten::fix_", boxed<static_cast<IU>(&trunc_)>);
  r.registerKernel("aten::fix.out", outLast<static_cast<OU>(&trunc_out)>);

#define SCONCE_REG_BINARY_TENSOR(name)                 \
  r.registerKernel("aten::" #name, boxed<name>);       \
  r.registerKernel("aten::" #name "_", boxed<name##_>); \
  r.registerKernel("aten::" #name ".out", outLast<name##_out>);
  SCONCE_REG_BINARY_TENSOR(hypot)
  SCONCE_REG_BINARY_TENSOR(nextafter)
  SCONCE_REG_BINARY_TENSOR(gcd)
  SCONCE_REG_BINARY_TENSOR(lcm)
  SCONCE_REG_BINARY_TENSOR(heaviside)
#undef SCONCE_REG_BINARY_TENSOR
  r.registerKernel("aten::logaddexp", boxed<logaddexp>);
  r.registerKernel("aten::logaddexp.out", outLast<logaddexp_out>);
  r.registerKernel("aten::logaddexp2", boxed<logaddexp2>);
  r.registerKernel("aten::logaddexp2.out", outLast<logaddexp2_out>);
  r.registerKernel("aten::fmax", boxed<fmax>);
  r.registerKernel("aten::fmax.out", outLast<fmax_out>);
  r.registerKernel("aten::fmin", boxed<fmin>);
  r.registerKernel("aten::fmin.out", outLast<fmin_out>);

  r.registerKernel("aten::copysign.Tensor", boxed<copysign>);
  r.registerKernel("aten::copysign.Scalar", boxed<copysignS>);
  r.registerKernel("aten::copysign_.Tensor", boxed<copysign_>);
  r.registerKernel("aten::copysign_.Scalar", boxed<copysignS_>);
  r.registerKernel("aten::copysign.out", outLast<copysign_out>);
  r.registerKernel("aten::copysign.Scalar_out", boxed<[](const Tensor& self, const Scalar& other, const Tensor& out) {
                     return intoOut(out, copysignS(self, other));
                   }>);

  r.registerKernel("aten::xlogy.Tensor", boxed<xlogy>);
  r.registerKernel("aten::xlogy.Scalar_Other", boxed<xlogyS>);
  r.registerKernel("aten::xlogy.Scalar_Self", boxed<[](const Scalar& self, const Tensor& other) {
                     return runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, Tensor(), self, other);
                   }>);
  r.registerKernel("aten::xlogy_.Tensor", boxed<xlogy_>);
  r.registerKernel("aten::xlogy_.Scalar_Other", boxed<xlogyS_>);
  r.registerKernel("aten::xlogy.OutTensor", outLast<xlogy_out>);
  r.registerKernel("aten::xlogy.OutScalar_Self", boxed<[](const Scalar& self, const Tensor& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, out, self, other);
                     return out;
                   }>);
  r.registerKernel("aten::xlogy.OutScalar_Other", boxed<[](const Tensor& self, const Scalar& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, out, self, other);
                     return out;
                   }>);
  r.registerKernel("aten::special_xlogy", boxed<xlogy>);
  r.registerKernel("aten::special_xlogy.self_scalar", boxed<[](const Scalar& self, const Tensor& other) {
                     return runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, Tensor(), self, other);
                   }>);
  r.registerKernel("aten::special_xlogy.other_scalar", boxed<xlogyS>);
  r.registerKernel("aten::special_xlog1py", boxed<special_xlog1py>);
  r.registerKernel("aten::special_xlog1py.self_scalar", boxed<[](const Scalar& self, const Tensor& other) {
                     return runIter(IterKind::BinaryFloat, "xlog1py", special_xlog1pyKernel, Tensor(), self, other);
                   }>);
  r.registerKernel("aten::special_xlog1py.other_scalar", boxed<special_xlog1pyS>);

  r.registerKernel("aten::float_power.Tensor_Tensor", boxed<static_cast<BT>(&float_power)>);
  r.registerKernel("aten::float_power.Tensor_Scalar", boxed<static_cast<BS>(&float_power)>);
  r.registerKernel("aten::float_power.Scalar",
                   boxed<static_cast<Tensor (*)(const Scalar&, const Tensor&)>(&float_power)>);
  r.registerKernel("aten::float_power_.Tensor", boxed<static_cast<IBT>(&float_power_)>);
  r.registerKernel("aten::float_power_.Scalar", boxed<static_cast<IBS>(&float_power_)>);
  r.registerKernel("aten::float_power.Tensor_Tensor_out",
                   boxed<[](const Tensor& self, const Tensor& e, const Tensor& out) {
                     return intoOut(out, float_power(self, e));
                   }>);
  r.registerKernel("aten::float_power.Tensor_Scalar_out",
                   boxed<[](const Tensor& self, const Scalar& e, const Tensor& out) {
                     return intoOut(out, float_power(self, e));
                   }>);
  r.registerKernel("aten::float_power.Scalar_out", boxed<[](const Scalar& self, const Tensor& e, const Tensor& out) {
                     return intoOut(out, float_power(self, e));
                   }>);
  r.registerKernel("aten::special_xlogy.out", outLast<xlogy_out>);
  r.registerKernel("aten::special_xlogy.self_scalar_out",
                   boxed<[](const Scalar& self, const Tensor& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, out, self, other);
                     return out;
                   }>);
  r.registerKernel("aten::special_xlogy.other_scalar_out",
                   boxed<[](const Tensor& self, const Scalar& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlogy", xlogyKernel, out, self, other);
                     return out;
                   }>);
  r.registerKernel("aten::special_xlog1py.out", outLast<special_xlog1py_out>);
  r.registerKernel("aten::special_xlog1py.self_scalar_out",
                   boxed<[](const Scalar& self, const Tensor& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlog1py", special_xlog1pyKernel, out, self, other);
                     return out;
                   }>);
  r.registerKernel("aten::special_xlog1py.other_scalar_out",
                   boxed<[](const Tensor& self, const Scalar& other, const Tensor& out) {
                     runIter(IterKind::BinaryFloat, "xlog1py", special_xlog1pyKernel, out, self, other);
                     return out;
                   }>);
}

}  // namespace sconce::ops
