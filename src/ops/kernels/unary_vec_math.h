// Branch-free float32 exp, tanh, erf and Half/BFloat16 conversions that compilers vectorize.
//
// libm's expf/tanhf are opaque calls, so loops over them run one element at a time;
// PyTorch vectorizes the same functions with SLEEF. These inline versions use SLEEF's
// expf reduction and polynomial (<= 1 ulp), a tanh built on it, and the erf
// approximation PyTorch's own vectorized GELU uses, written with selects instead of
// branches so the elementwise loops around them vectorize. The 16-bit conversions are
// bit-identical to tensor/dtype.cpp's (round to nearest even, NaN kept quiet).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

/// Forces inlining: these bodies exceed GCC's early-inlining budget, and a call left in
/// an elementwise loop stops it from vectorizing.
#define SCONCE_VEC_INLINE inline __attribute__((always_inline))

namespace sconce::ops::vec {

SCONCE_VEC_INLINE uint32_t floatBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}
SCONCE_VEC_INLINE float bitsFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

/// c ? a : b without a branch. Plain ternaries on floats become control flow that GCC
/// will not if-convert under -ftrapping-math (the default), which blocks vectorization.
SCONCE_VEC_INLINE float select(bool c, float a, float b) {
  const uint32_t m = 0u - static_cast<uint32_t>(c);
  return bitsFloat((floatBits(a) & m) | (floatBits(b) & ~m));
}
SCONCE_VEC_INLINE double select(bool c, double a, double b) { return c ? a : b; }
SCONCE_VEC_INLINE uint32_t select(bool c, uint32_t a, uint32_t b) {
  const uint32_t m = 0u - static_cast<uint32_t>(c);
  return (a & m) | (b & ~m);
}

/// 2^q for integer q in [-252, 254], as two exact power-of-two factors (so results that
/// overflow or are subnormal round once, in the final multiply).
SCONCE_VEC_INLINE float scaleByPow2(float x, int32_t q) {
  const int32_t q1 = q >> 1, q2 = q - q1;
  return x * bitsFloat(static_cast<uint32_t>(q1 + 127) << 23) * bitsFloat(static_cast<uint32_t>(q2 + 127) << 23);
}

/// e^x for float32 within 1 ulp (SLEEF's xexpf): inf above 104, 0 below -104, NaN kept.
SCONCE_VEC_INLINE float exp(float x) {
  constexpr float kLog2e = 1.442695040888963407359924681001892137f;
  constexpr float kLn2Hi = 0.693145751953125f, kLn2Lo = 1.428606765330187045e-06f;
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float d = select(x < -104.0f, -104.0f, select(x > 104.0f, 104.0f, x));
  const float qf = (d * kLog2e + kRound) - kRound;
  const int32_t q = static_cast<int32_t>(qf);
  float s = d - qf * kLn2Hi;
  s = s - qf * kLn2Lo;
  float u = 0.000198527617612853646278381f;
  u = u * s + 0.00139304355252534151077271f;
  u = u * s + 0.00833336077630519866943359f;
  u = u * s + 0.0416664853692054748535156f;
  u = u * s + 0.166666671633720397949219f;
  u = u * s + 0.5f;
  u = 1.0f + (s * s * u + s);
  float r = scaleByPow2(u, q);
  r = select(x < -104.0f, 0.0f, r);
  r = select(x > 104.0f, __builtin_inff(), r);
  return select(x != x, x, r);
}

/// tanh for float32 within 2 ulp: an odd polynomial near 0 (Cephes tanhf), otherwise
/// 1 - 2 / (e^(2|x|) + 1) with the sign of x.
SCONCE_VEC_INLINE float tanh(float x) {
  const float a = bitsFloat(floatBits(x) & 0x7fffffffu);
  const float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  const float small = x + x * z * p;
  const float e = exp(2.0f * select(a > 9.0f, 9.0f, a));
  const float large = select(a > 9.0f, 1.0f, 1.0f - 2.0f / (e + 1.0f));
  // Both branches are odd: take the magnitude and give it x's sign (keeps tanh(-0) = -0).
  const float r = select(a < 0.625f, small, large);
  const float signed_ = bitsFloat((floatBits(r) & 0x7fffffffu) | (floatBits(x) & 0x80000000u));
  return select(x != x, x, signed_);
}

/// erf for float32 with absolute error <= 2e-7 (Abramowitz & Stegun 7.1.26, the form
/// PyTorch's vectorized GELU evaluates).
SCONCE_VEC_INLINE float erf(float x) {
  const float a = bitsFloat(floatBits(x) & 0x7fffffffu);
  const float t = 1.0f / (0.3275911f * a + 1.0f);
  float r = 1.061405429f;
  r = r * t - 1.453152027f;
  r = r * t + 1.421413741f;
  r = r * t - 0.284496736f;
  r = r * t + 0.254829592f;
  const float y = 1.0f - r * t * exp(-a * a);
  const float s = bitsFloat(floatBits(y) | (floatBits(x) & 0x80000000u));  // y >= 0: copy the sign
  return select(x != x, x, s);
}

/// IEEE half bits -> float (exact; NaN payloads kept).
SCONCE_VEC_INLINE float halfToFloat(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t bits = static_cast<uint32_t>(h & 0x7fffu) << 13;
  const uint32_t exp = bits & (0x7c00u << 13);
  const uint32_t normal = bits + ((127u - 15u) << 23);
  const uint32_t special = normal + ((128u - 16u) << 23);  // inf / NaN
  // Subnormal or zero: renormalize with a float subtraction.
  const uint32_t sub = floatBits(bitsFloat(normal + (1u << 23)) - bitsFloat(113u << 23));
  const uint32_t r = select(exp == (0x7c00u << 13), special, select(exp == 0, sub, normal));
  return bitsFloat(r | sign);
}

/// float -> IEEE half bits, round to nearest even; NaN becomes a quiet NaN.
SCONCE_VEC_INLINE uint16_t floatToHalf(float f) {
  const uint32_t u = floatBits(f);
  const uint32_t sign = u & 0x80000000u;
  const uint32_t a = u ^ sign;
  const uint32_t infOrNan = select(a > (255u << 23), 0x7e00u, 0x7c00u);
  // Subnormal results: let a float addition align and round the mantissa.
  const uint32_t denormMagic = ((127u - 15u) + (23u - 10u) + 1u) << 23;
  const uint32_t sub = floatBits(bitsFloat(a) + bitsFloat(denormMagic)) - denormMagic;
  const uint32_t mantOdd = (a >> 13) & 1u;
  const uint32_t normal = (a + ((15u - 127u) << 23) + 0xfffu + mantOdd) >> 13;
  const uint32_t r = select(a >= ((127u + 16u) << 23), infOrNan, select(a < (113u << 23), sub, normal));
  return static_cast<uint16_t>(r | (sign >> 16));
}

SCONCE_VEC_INLINE float bfloat16ToFloat(uint16_t b) { return bitsFloat(static_cast<uint32_t>(b) << 16); }

/// float -> bfloat16 bits, round to nearest even; NaN becomes 0x7fc0 (as dtype.cpp).
SCONCE_VEC_INLINE uint16_t floatToBfloat16(float f) {
  const uint32_t u = floatBits(f);
  const uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
  return static_cast<uint16_t>(select((u & 0x7fffffffu) > 0x7f800000u, 0x7fc0u, rounded));
}

/// Double precision has no vectorized variants here: libm.
SCONCE_VEC_INLINE double exp(double x) { return std::exp(x); }
SCONCE_VEC_INLINE double tanh(double x) { return std::tanh(x); }
SCONCE_VEC_INLINE double erf(double x) { return std::erf(x); }

}  // namespace sconce::ops::vec
