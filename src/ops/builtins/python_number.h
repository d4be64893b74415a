// Python's arithmetic on int and float: floor division and modulo that round toward
// negative infinity, exact int/float conversions, and Python's error texts.
//
// C++ and Python disagree exactly where programs are subtle (-7 // 2, -7 % 2, 5.0 % -3,
// int(1e300), 0.0 ** -1); every builtin that does arithmetic goes through these so the
// rules live in one place. Python ints are unbounded; Sconce's are int64 and wrap on
// overflow like TorchScript's (two's complement, never undefined behaviour).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"

namespace sconce::ops {

[[noreturn]] inline void zeroDivision(const char* message) {
  raisePython("ZeroDivisionError", message);
}

inline int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline int64_t wrapNeg(int64_t a) { return static_cast<int64_t>(uint64_t(0) - static_cast<uint64_t>(a)); }

/// Python's a // b for ints (rounds toward negative infinity).
inline int64_t pyFloorDiv(int64_t a, int64_t b) {
  if (b == 0) zeroDivision("integer division or modulo by zero");
  if (b == -1) return wrapNeg(a);  // INT64_MIN // -1 would trap
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

/// Python's a % b for ints (the result has the sign of b).
inline int64_t pyMod(int64_t a, int64_t b, const char* zeroMessage = "integer modulo by zero") {
  if (b == 0) zeroDivision(zeroMessage);
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

/// CPython's float divmod: the (floor quotient, modulo) pair that float // and % use.
inline std::pair<double, double> pyFloatDivmod(double vx, double wx) {
  double mod = std::fmod(vx, wx);
  double div = (vx - mod) / wx;
  if (mod != 0) {
    if ((wx < 0) != (mod < 0)) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, wx);
  }
  double floordiv;
  if (div != 0) {
    floordiv = std::floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = std::copysign(0.0, vx / wx);
  }
  return {floordiv, mod};
}

inline double pyFloorDiv(double a, double b) {
  if (b == 0) zeroDivision("float floor division by zero");
  return pyFloatDivmod(a, b).first;
}

inline double pyMod(double a, double b) {
  if (b == 0) zeroDivision("float modulo");
  return pyFloatDivmod(a, b).second;
}

/// Python's a / b: ints divide in floating point.
inline double pyTrueDiv(int64_t a, int64_t b) {
  if (b == 0) zeroDivision("division by zero");
  return static_cast<double>(a) / static_cast<double>(b);
}
inline double pyTrueDiv(double a, double b) {
  if (b == 0) zeroDivision("float division by zero");
  return a / b;
}

/// Python's float ** float (a NaN, not a complex number, for a negative base and a
/// fractional exponent: the schemas return float).
inline double pyPow(double a, double b) {
  if (a == 0 && b < 0) zeroDivision("0.0 cannot be raised to a negative power");
  double r = std::pow(a, b);
  if (std::isinf(r) && std::isfinite(a) && std::isfinite(b))
    raisePython("OverflowError", "(34, 'Numerical result out of range')");
  return r;
}

/// int ** int with int64 wrap-around; a negative exponent truncates like int(a ** b).
inline int64_t pyPowInt(int64_t a, int64_t b) {
  if (b < 0) {
    if (a == 0) zeroDivision("0.0 cannot be raised to a negative power");
    if (a == 1) return 1;
    if (a == -1) return (b % 2 == 0) ? 1 : -1;
    return 0;
  }
  uint64_t result = 1, base = static_cast<uint64_t>(a);
  for (auto e = static_cast<uint64_t>(b); e; e >>= 1) {
    if (e & 1) result *= base;
    base *= base;
  }
  return static_cast<int64_t>(result);
}

/// int(x) for a float: truncates toward zero; Python's errors for NaN and infinity, and
/// beyond int64 (where Python would make a big int) the OverflowError CPython gives when a
/// big int meets a C long.
inline int64_t pyFloatToInt(double d) {
  if (std::isnan(d)) raisePython("ValueError", "cannot convert float NaN to integer");
  if (std::isinf(d)) raisePython("OverflowError", "cannot convert float infinity to integer");
  double t = std::trunc(d);
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0)
    raisePython("OverflowError", "Python int too large to convert to C long");
  return static_cast<int64_t>(t);
}

/// float(round(x)): banker's rounding (halves go to the even neighbour); the result went
/// through a Python int, so round(-0.4) is 0.0, not -0.0.
inline double pyRoundHalfEven(double x) {
  if (!std::isfinite(x)) return x;
  double r = std::nearbyint(x);  // the default rounding mode rounds halves to even
  return r == 0 ? 0.0 : r;
}

}  // namespace sconce::ops
