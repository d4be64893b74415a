// Unary elementwise ops: math functions, rounding, predicates and activations, each with
// in-place and out= forms.
//
// Dtype rules follow PyTorch's unary_op / unary_float_op iterators: "float" ops (sqrt,
// exp, sin, sigmoid, ...) compute integral and bool inputs in float32; the others keep the
// input dtype. Float16 and BFloat16 compute in float32 and round once. Where PyTorch 1.13
// lacks a CPU kernel for float16 (exp, sqrt, gelu, ...), Sconce computes it anyway, like
// later PyTorch versions do.
#pragma once

#include <optional>
#include <string_view>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// Declares name(self), name_(self) and name_out(out, self).
#define SCONCE_DECLARE_UNARY_OP(name)                     \
  Tensor name(const Tensor& self);                        \
  const Tensor& name##_(const Tensor& self);              \
  const Tensor& name##_out(const Tensor& out, const Tensor& self);

/// Every unary op without extra arguments. "float": integral/bool inputs give float32.
#define SCONCE_FOR_EACH_UNARY_OP(X)                                                           \
  X(neg)          /* -self; wraps for integers; bool rejected                              */ \
  X(abs)          /* |self|; not for bool                                                 */ \
  X(sign)         /* -1, 0 or 1 (0 for NaN); bool is identity                             */ \
  X(sqrt)         /* float                                                                */ \
  X(rsqrt)        /* 1 / sqrt(self); float                                                */ \
  X(exp)          /* float                                                                */ \
  X(exp2)         /* 2 ** self; float                                                     */ \
  X(expm1)        /* exp(self) - 1, accurate near 0; float                                */ \
  X(log)          /* float                                                                */ \
  X(log2)         /* float                                                                */ \
  X(log10)        /* float                                                                */ \
  X(log1p)        /* log(1 + self), accurate near 0; float                                */ \
  X(sin)          /* float                                                                */ \
  X(cos)          /* float                                                                */ \
  X(tan)          /* float                                                                */ \
  X(asin)         /* float                                                                */ \
  X(acos)         /* float                                                                */ \
  X(atan)         /* float                                                                */ \
  X(sinh)         /* float                                                                */ \
  X(cosh)         /* float                                                                */ \
  X(tanh)         /* float                                                                */ \
  X(asinh)        /* float                                                                */ \
  X(acosh)        /* float                                                                */ \
  X(atanh)        /* float                                                                */ \
  X(sigmoid)      /* 1 / (1 + exp(-self)); float                                          */ \
  X(erf)          /* float                                                                */ \
  X(erfc)         /* float                                                                */ \
  X(erfinv)       /* inverse of erf on (-1, 1); float                                     */ \
  X(floor)        /* identity for integers                                               */ \
  X(ceil)         /* identity for integers                                               */ \
  X(round)        /* to nearest, ties to even; identity for integers                     */ \
  X(trunc)        /* toward zero; identity for integers                                  */ \
  X(frac)         /* self - trunc(self); floating only                                   */ \
  X(reciprocal)   /* 1 / self; float                                                      */ \
  X(square)       /* self * self with pow's promotion (bool gives int64)                  */ \
  X(logical_not)  /* self == 0; bool result (in-place/out=: the output's dtype)           */ \
  X(bitwise_not)  /* ~self; integral and bool                                             */ \
  X(relu)         /* max(self, 0); not for bool                                           */ \
  X(relu6)        /* hardtanh(self, 0, 6)                                                 */ \
  X(silu)         /* self * sigmoid(self); floating only                                  */ \
  X(mish)         /* self * tanh(softplus(self)); floating only                           */ \
  X(hardswish)    /* self * relu6(self + 3) / 6; floating only                            */ \
  X(hardsigmoid)  /* relu6(self + 3) / 6; floating only                                   */ \
  X(selu)         /* scale * elu(self, alpha) with SELU's constants; floating only        */ \
  X(softsign)     /* self / (1 + |self|); float                                          */

SCONCE_FOR_EACH_UNARY_OP(SCONCE_DECLARE_UNARY_OP)

/// aten::isnan / isinf / isfinite: bool tensors (integers: false / false / true).
Tensor isnan(const Tensor& self);
Tensor isinf(const Tensor& self);
Tensor isfinite(const Tensor& self);

/// aten::round.decimals(Tensor self, *, int decimals): rounds to 10**-decimals (ties to
/// even); floating dtypes only.
Tensor round(const Tensor& self, int64_t decimals);
const Tensor& round_(const Tensor& self, int64_t decimals);

/// aten::nan_to_num(Tensor self, float? nan=None, float? posinf=None, float? neginf=None):
/// NaN -> nan (default 0), +inf -> posinf (default: the dtype's max), -inf -> neginf
/// (default: the dtype's lowest). Integral and bool tensors are copied.
Tensor nan_to_num(const Tensor& self, std::optional<double> nan = std::nullopt,
                  std::optional<double> posinf = std::nullopt, std::optional<double> neginf = std::nullopt);
const Tensor& nan_to_num_(const Tensor& self, std::optional<double> nan = std::nullopt,
                          std::optional<double> posinf = std::nullopt,
                          std::optional<double> neginf = std::nullopt);

/// aten::gelu(Tensor self, *, str approximate='none'): "none" uses erf, "tanh" the tanh
/// approximation; other strings throw ValueError. Floating only.
Tensor gelu(const Tensor& self, std::string_view approximate = "none");
const Tensor& gelu_(const Tensor& self, std::string_view approximate = "none");
/// aten::elu(Tensor self, Scalar alpha=1, Scalar scale=1, Scalar input_scale=1):
/// self > 0 ? scale * self : alpha * scale * (exp(self * input_scale) - 1). Floating only.
Tensor elu(const Tensor& self, const Scalar& alpha = 1, const Scalar& scale = 1, const Scalar& inputScale = 1);
const Tensor& elu_(const Tensor& self, const Scalar& alpha = 1, const Scalar& scale = 1,
                   const Scalar& inputScale = 1);
/// aten::celu(Tensor self, Scalar alpha=1): elu(self, alpha, 1, 1 / alpha).
Tensor celu(const Tensor& self, const Scalar& alpha = 1);
const Tensor& celu_(const Tensor& self, const Scalar& alpha = 1);
/// aten::leaky_relu(Tensor self, Scalar negative_slope=0.01). Floating only.
Tensor leaky_relu(const Tensor& self, const Scalar& negativeSlope = 0.01);
const Tensor& leaky_relu_(const Tensor& self, const Scalar& negativeSlope = 0.01);
/// aten::softplus(Tensor self, Scalar beta=1, Scalar threshold=20): self where
/// self * beta > threshold, else log1p(exp(self * beta)) / beta. Floating only.
Tensor softplus(const Tensor& self, const Scalar& beta = 1, const Scalar& threshold = 20);
/// aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1): clamp to the
/// bounds; integral dtypes allowed, bool rejected.
Tensor hardtanh(const Tensor& self, const Scalar& minVal = -1, const Scalar& maxVal = 1);
const Tensor& hardtanh_(const Tensor& self, const Scalar& minVal = -1, const Scalar& maxVal = 1);
/// aten::threshold(Tensor self, Scalar threshold, Scalar value): self <= threshold ? value : self.
Tensor threshold(const Tensor& self, const Scalar& threshold, const Scalar& value);
const Tensor& threshold_(const Tensor& self, const Scalar& threshold, const Scalar& value);
/// aten::logit(Tensor self, float? eps=None): log(p / (1 - p)), p clamped to [eps, 1 - eps]
/// when eps is given; float.
Tensor logit(const Tensor& self, std::optional<double> eps = std::nullopt);
const Tensor& logit_(const Tensor& self, std::optional<double> eps = std::nullopt);

}  // namespace sconce::ops
