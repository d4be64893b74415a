// The `math` module (and `cmath` for complex overloads): sqrt, log, trig, gamma, floor,
// ceil, round, gcd, factorial, copysign, fmod, frexp, ...
//
// CPython's math module turns C's silent NaN/infinity results into exceptions: a NaN
// from a non-NaN argument is "ValueError: math domain error", an infinity from a finite
// argument is "OverflowError: math range error" (or a domain error for poles such as
// log(0)). checkedMath applies that rule once for every function, so math.sqrt(-1)
// fails in Sconce as it does in Python instead of returning nan.
#include <cmath>
#include <complex>
#include <numbers>

#include "ops/builtins/builtins.h"
#include "ops/builtins/python_number.h"

namespace sconce::ops {
namespace {

using C = std::complex<double>;

[[noreturn]] void domainError() { raisePython("ValueError", "math domain error"); }
[[noreturn]] void rangeError() { raisePython("OverflowError", "math range error"); }

/// CPython's math_1: a NaN out of a non-NaN is a domain error; an infinity out of a
/// finite value is a range error when the function can overflow, else a pole (domain).
template <auto Fn, bool CanOverflow>
double checkedMath(double x) {
  double r = Fn(x);
  if (std::isnan(r) && !std::isnan(x)) domainError();
  if (std::isinf(r) && std::isfinite(x)) {
    if constexpr (CanOverflow) rangeError();
    else domainError();
  }
  return r;
}

double pyGamma(double x) {
  if (std::isnan(x)) return x;
  if (std::isinf(x)) {
    if (x < 0) domainError();
    return x;
  }
  if (x == 0 || (x < 0 && x == std::floor(x))) domainError();
  double r = std::tgamma(x);
  if (std::isinf(r)) rangeError();
  return r;
}

double pyLgamma(double x) {
  if (std::isnan(x)) return x;
  if (std::isinf(x)) return std::fabs(x);
  if (x <= 0 && x == std::floor(x)) domainError();
  double r = std::lgamma(x);
  if (std::isinf(r)) rangeError();
  return r;
}

double pyLog(double x) {
  if (std::isnan(x) || (std::isinf(x) && x > 0)) return x;
  if (x <= 0) domainError();
  return std::log(x);
}

double pyLog10(double x) { return x > 0 && std::isfinite(x) ? std::log10(x) : pyLog(x); }

double pyLogBase(double x, double base) {
  double num = pyLog(x), den = pyLog(base);
  if (den == 0) zeroDivision("float division by zero");
  return num / den;
}

C complexLog(C z) {
  if (z == C(0, 0)) domainError();
  return std::log(z);
}

C complexLogBase(C x, C base) {
  C den = complexLog(base);
  if (den == C(0, 0)) zeroDivision("complex division by zero");
  return complexLog(x) / den;
}

double pyFmod(double x, double y) {
  if (std::isinf(y) && std::isfinite(x)) return x;
  double r = std::fmod(x, y);
  if (std::isnan(r) && !std::isnan(x) && !std::isnan(y)) domainError();
  return r;
}

double pyRemainder(double x, double y) {
  if (std::isnan(x)) return x;
  if (std::isnan(y)) return y;
  if (std::isinf(x) || y == 0) domainError();
  if (std::isinf(y)) return x;
  return std::remainder(x, y);
}

double pyAtan2(double y, double x) { return std::atan2(y, x); }

double pyLdexp(double x, int64_t i) {
  if (x == 0 || !std::isfinite(x)) return x;
  auto e = static_cast<int>(std::clamp<int64_t>(i, -100000, 100000));
  double r = std::ldexp(x, e);
  if (std::isinf(r)) rangeError();
  return r;
}

std::tuple<double, int64_t> pyFrexp(double x) {
  if (std::isnan(x) || std::isinf(x) || x == 0) return {x, 0};
  int e;
  double m = std::frexp(x, &e);
  return {m, e};
}

std::tuple<double, double> pyModf(double x) {
  if (std::isinf(x)) return {std::copysign(0.0, x), x};
  double ip;
  double frac = std::modf(x, &ip);
  return {frac, ip};
}

int64_t pyGcd(int64_t a, int64_t b) {
  uint64_t x = a < 0 ? uint64_t(0) - static_cast<uint64_t>(a) : static_cast<uint64_t>(a);
  uint64_t y = b < 0 ? uint64_t(0) - static_cast<uint64_t>(b) : static_cast<uint64_t>(b);
  while (y) {
    uint64_t t = x % y;
    x = y;
    y = t;
  }
  return static_cast<int64_t>(x);
}

int64_t pyFactorial(int64_t n) {
  if (n < 0) raisePython("ValueError", "factorial() not defined for negative values");
  if (n > 20) raisePython("OverflowError", "Python int too large to convert to C long");  // 21! > 2**63
  int64_t r = 1;
  for (int64_t i = 2; i <= n; ++i) r *= i;
  return r;
}

/// std::polar requires a non-negative magnitude; cmath.rect does not.
C pyPolar(double r, double phi) { return {r * std::cos(phi), r * std::sin(phi)}; }

/// torch's angle of a real number: 0 for positive, pi for negative, NaN stays NaN.
double realAngle(double x) {
  if (std::isnan(x)) return x;
  return x < 0 ? std::numbers::pi : 0.0;
}

template <KernelFn Float, KernelFn Complex>
void registerUnary(OperatorRegistry& r, const std::string& name) {
  r.registerKernel(name + ".float", Float);
  r.registerKernel(name + ".int", Float);  // an int argument widens to float
  if constexpr (Complex != nullptr) r.registerKernel(name + ".complex", Complex);
  r.registerKernel(name + ".Scalar", scalarUnary<Float, Float, Complex>);
}

/// Registers `name`.float/.int/.Scalar (and .complex when `Cx` is given) for a real
/// function checked by CPython's rule.
#define SCONCE_MATH_UNARY(name, expr, canOverflow, cx)                        \
  do {                                                                        \
    static constexpr auto raw = [](double a) { return expr; };                \
    registerUnary<boxed<checkedMath<raw, canOverflow>>, cx>(r, name);         \
  } while (0)
#define SCONCE_COMPLEX(expr) boxed<[](C a) { return expr; }>

/// Two-argument real functions: every int/float combination plus the Scalar overload.
template <KernelFn Float>
void registerBinaryReal(OperatorRegistry& r, const std::string& name, const std::string& scalarOverload) {
  for (const char* o : {"float", "int", "int_float", "float_int"}) r.registerKernel(name + "." + o, Float);
  r.registerKernel(scalarOverload.empty() ? name : name + "." + scalarOverload, Float);
}

}  // namespace

void registerMathKernels(OperatorRegistry& r) {
  SCONCE_MATH_UNARY("aten::sqrt", std::sqrt(a), false, SCONCE_COMPLEX(std::sqrt(a)));
  SCONCE_MATH_UNARY("aten::exp", std::exp(a), true, SCONCE_COMPLEX(std::exp(a)));
  SCONCE_MATH_UNARY("aten::expm1", std::expm1(a), true, nullptr);
  SCONCE_MATH_UNARY("aten::log1p", std::log1p(a), false, nullptr);
  SCONCE_MATH_UNARY("aten::sin", std::sin(a), false, SCONCE_COMPLEX(std::sin(a)));
  SCONCE_MATH_UNARY("aten::cos", std::cos(a), false, SCONCE_COMPLEX(std::cos(a)));
  SCONCE_MATH_UNARY("aten::tan", std::tan(a), false, SCONCE_COMPLEX(std::tan(a)));
  SCONCE_MATH_UNARY("aten::asin", std::asin(a), false, SCONCE_COMPLEX(std::asin(a)));
  SCONCE_MATH_UNARY("aten::acos", std::acos(a), false, SCONCE_COMPLEX(std::acos(a)));
  SCONCE_MATH_UNARY("aten::atan", std::atan(a), false, SCONCE_COMPLEX(std::atan(a)));
  SCONCE_MATH_UNARY("aten::sinh", std::sinh(a), true, SCONCE_COMPLEX(std::sinh(a)));
  SCONCE_MATH_UNARY("aten::cosh", std::cosh(a), true, SCONCE_COMPLEX(std::cosh(a)));
  SCONCE_MATH_UNARY("aten::tanh", std::tanh(a), false, SCONCE_COMPLEX(std::tanh(a)));
  SCONCE_MATH_UNARY("aten::asinh", std::asinh(a), false, SCONCE_COMPLEX(std::asinh(a)));
  SCONCE_MATH_UNARY("aten::acosh", std::acosh(a), false, SCONCE_COMPLEX(std::acosh(a)));
  SCONCE_MATH_UNARY("aten::atanh", std::atanh(a), false, SCONCE_COMPLEX(std::atanh(a)));
  SCONCE_MATH_UNARY("aten::erf", std::erf(a), false, nullptr);
  SCONCE_MATH_UNARY("aten::erfc", std::erfc(a), false, nullptr);
  SCONCE_MATH_UNARY("aten::fabs", std::fabs(a), false, nullptr);
  // CPython divides by (and multiplies with) pi/180, unchecked.
  registerUnary<boxed<[](double a) { return a / (std::numbers::pi / 180.0); }>, nullptr>(r, "aten::degrees");
  registerUnary<boxed<[](double a) { return a * (std::numbers::pi / 180.0); }>, nullptr>(r, "aten::radians");
  registerUnary<boxed<pyGamma>, nullptr>(r, "aten::gamma");
  registerUnary<boxed<pyLgamma>, nullptr>(r, "aten::lgamma");
  registerUnary<boxed<pyLog>, boxed<complexLog>>(r, "aten::log");
  registerUnary<boxed<pyLog10>, SCONCE_COMPLEX(complexLog(a) / std::log(10.0))>(r, "aten::log10");
  registerUnary<boxed<realAngle>, boxed<[](C a) { return std::arg(a); }>>(r, "aten::angle");

  // log(x, base): the real family returns float, any complex operand complex.
  for (const char* o : {"aten::log.int_int", "aten::log.float_float", "aten::log.int_float",
                        "aten::log.float_int", "aten::log.Scalar_Scalar"})
    r.registerKernel(o, boxed<pyLogBase>);
  for (const char* o : {"aten::log.complex_complex", "aten::log.complex_float", "aten::log.complex_int",
                        "aten::log.float_complex", "aten::log.int_complex"})
    r.registerKernel(o, boxed<complexLogBase>);

  // floor/ceil give ints (Python 3); round keeps float, as TorchScript's schema says.
  constexpr auto floorInt = [](int64_t a) { return a; };
  constexpr auto floorFloat = [](double a) { return pyFloatToInt(std::floor(a)); };
  constexpr auto ceilFloat = [](double a) { return pyFloatToInt(std::ceil(a)); };
  constexpr auto roundInt = [](int64_t a) { return static_cast<double>(a); };
  constexpr auto roundFloat = [](double a) { return pyRoundHalfEven(a); };
  r.registerKernel("aten::floor.int", boxed<floorInt>);
  r.registerKernel("aten::floor.float", boxed<floorFloat>);
  r.registerKernel("aten::floor.Scalar", scalarUnary<boxed<floorInt>, boxed<floorFloat>, nullptr>);
  r.registerKernel("aten::ceil.int", boxed<floorInt>);
  r.registerKernel("aten::ceil.float", boxed<ceilFloat>);
  r.registerKernel("aten::ceil.Scalar", scalarUnary<boxed<floorInt>, boxed<ceilFloat>, nullptr>);
  r.registerKernel("aten::round.int", boxed<roundInt>);
  r.registerKernel("aten::round.float", boxed<roundFloat>);
  r.registerKernel("aten::round.Scalar", scalarUnary<boxed<roundInt>, boxed<roundFloat>, nullptr>);

  r.registerKernel("aten::isnan.float", boxed<[](double a) { return std::isnan(a); }>);
  r.registerKernel("aten::isinf.float", boxed<[](double a) { return std::isinf(a); }>);
  r.registerKernel("aten::isfinite.float", boxed<[](double a) { return std::isfinite(a); }>);
  r.registerKernel("aten::isnan.complex",
                   boxed<[](C a) { return std::isnan(a.real()) || std::isnan(a.imag()); }>);
  r.registerKernel("aten::isinf.complex",
                   boxed<[](C a) { return std::isinf(a.real()) || std::isinf(a.imag()); }>);
  r.registerKernel("aten::isfinite.complex",
                   boxed<[](C a) { return std::isfinite(a.real()) && std::isfinite(a.imag()); }>);

  registerBinaryReal<boxed<[](double a, double b) { return std::copysign(a, b); }>>(r, "aten::copysign", "");
  registerBinaryReal<boxed<pyAtan2>>(r, "aten::atan2", "Scalar_Scalar");
  registerBinaryReal<boxed<pyFmod>>(r, "aten::fmod", "");
  registerBinaryReal<boxed<pyRemainder>>(r, "aten::mathremainder", "");
  for (const char* o : {"aten::polar.float", "aten::polar.int", "aten::polar.int_float",
                        "aten::polar.float_int", "aten::polar.Scalar_Scalar"})
    r.registerKernel(o, boxed<pyPolar>);

  r.registerKernel("aten::gcd.int", boxed<pyGcd>);
  r.registerKernel("aten::factorial.int", boxed<pyFactorial>);
  r.registerKernel("aten::frexp", boxed<pyFrexp>);
  r.registerKernel("aten::modf", boxed<pyModf>);
  r.registerKernel("aten::ldexp", boxed<pyLdexp>);
}

}  // namespace sconce::ops
