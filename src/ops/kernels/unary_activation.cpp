// Activation kernels: relu family, gelu, silu, mish, hard* variants, elu family,
// leaky_relu, softplus, softsign, threshold and logit, with ATen's formulas.
#include <cmath>
#include <limits>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/unary.h"
#include "ops/kernels/unary_internal.h"

namespace sconce::ops {

using detail::IterKind;
using detail::unaryKernel;

namespace {

// SELU's fixed alpha and scale (Klambauer et al.), as in ATen.
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

template <class M>
M clampScalar(M x, M lo, M hi) {
  return std::min(std::max(x, lo), hi);
}

void reluKernel(TensorIter& it) {
  SCONCE_CHECK(ValueError, it.commonDtype() != ScalarType::Bool, "Boolean inputs not supported for relu");
  unaryKernel<kAllTypes>(it, "relu", [](auto x) {
    using M = decltype(x);
    return std::max(x, M(0));  // std::max(NaN, 0) keeps the NaN, as PyTorch's clamp_min
  });
}

void hardtanhKernel(TensorIter& it, const Scalar& lo, const Scalar& hi) {
  SCONCE_CHECK(ValueError, it.commonDtype() != ScalarType::Bool, "Bool inputs not supported for hardtanh");
  SCONCE_CHECK(ValueError, it.commonDtype() != ScalarType::Byte || (lo.toDouble() >= 0 && hi.toDouble() >= 0),
               "cannot do hardtanh on an unsigned type with negative limits");
  dispatchTypes<kAllTypes>(it.commonDtype(), "hardtanh", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M l = lo.to<M>(), h = hi.to<M>();
    cpuKernel<T, T>(it, [l, h](M x) { return clampScalar(x, l, h); });
  });
}

void relu6Kernel(TensorIter& it) { hardtanhKernel(it, Scalar(int64_t{0}), Scalar(int64_t{6})); }

void siluKernel(TensorIter& it) {
  unaryKernel<kFloatingTypes>(it, "silu", [](auto x) { return x / (decltype(x)(1) + vec::exp(-x)); });
}

void mishKernel(TensorIter& it) {
  unaryKernel<kFloatingTypes>(it, "mish", [](auto x) { return x * std::tanh(std::log1p(std::exp(x))); });
}

void hardswishKernel(TensorIter& it) {
  unaryKernel<kFloatingTypes>(it, "hardswish", [](auto x) {
    using M = decltype(x);
    return x * std::min(std::max(x + M(3), M(0)), M(6)) / M(6);
  });
}

void hardsigmoidKernel(TensorIter& it) {
  unaryKernel<kFloatingTypes>(it, "hardsigmoid", [](auto x) {
    using M = decltype(x);
    return std::min(std::max(x + M(3), M(0)), M(6)) / M(6);
  });
}

void eluKernel(TensorIter& it, double alpha, double scale, double inputScale) {
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "elu", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M negCoef = static_cast<M>(alpha * scale), posCoef = static_cast<M>(scale),
            negInputCoef = static_cast<M>(inputScale);
    cpuKernel<T, T>(it, [=](M x) {
      return vec::select(x <= M(0), (vec::exp(x * negInputCoef) - M(1)) * negCoef, x * posCoef);
    });
  });
}

void seluKernel(TensorIter& it) { eluKernel(it, kSeluAlpha, kSeluScale, 1.0); }

void softsignKernel(TensorIter& it) {
  unaryKernel<kFloatingTypes>(it, "softsign", [](auto x) { return x / (std::abs(x) + decltype(x)(1)); });
}

void geluKernel(TensorIter& it, std::string_view approximate) {
  if (approximate == "none") {
    unaryKernel<kFloatingTypes>(it, "gelu", [](auto x) {
      using M = decltype(x);
      // vec::erf for float is the approximation PyTorch's vectorized GELU uses.
      return x * M(0.5) * (M(1) + vec::erf(x * M(0.70710678118654752440)));
    });
  } else if (approximate == "tanh") {
    unaryKernel<kFloatingTypes>(it, "gelu", [](auto x) {
      using M = decltype(x);
      const M kBeta = M(0.79788456080286535588);  // sqrt(2 / pi)
      const M kKappa = M(0.044715);
      const M inner = kBeta * (x + kKappa * x * x * x);
      return M(0.5) * x * (M(1) + vec::tanh(inner));
    });
  } else {
    fail<ValueError>("approximate argument must be either none or tanh.");
  }
}

void leakyReluKernel(TensorIter& it, const Scalar& slope) {
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "leaky_relu", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M s = slope.to<M>();
    cpuKernel<T, T>(it, [s](M x) { return vec::select(x > M(0), x, x * s); });
  });
}

void softplusKernel(TensorIter& it, const Scalar& beta, const Scalar& threshold) {
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "softplus", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M b = beta.to<M>(), th = threshold.to<M>();
    cpuKernel<T, T>(it, [b, th](M x) { return x * b > th ? x : std::log1p(std::exp(x * b)) / b; });
  });
}

void thresholdKernel(TensorIter& it, const Scalar& threshold, const Scalar& value) {
  dispatchTypes<kAllTypes>(it.commonDtype(), "threshold", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M th = threshold.to<M>(), v = value.to<M>();
    cpuKernel<T, T>(it, [th, v](M x) { return x <= th ? v : x; });
  });
}

void logitKernel(TensorIter& it, std::optional<double> eps) {
  dispatchTypes<kFloatingTypes>(it.commonDtype(), "logit", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    constexpr M kInf = std::numeric_limits<M>::infinity();
    if (!eps || *eps < 0) {
      cpuKernel<T, T>(it, [](M x) { return x == M(1) ? kInf : std::log(x / (M(1) - x)); });
    } else {
      const M lo = static_cast<M>(*eps), hi = M(1) - static_cast<M>(*eps);
      cpuKernel<T, T>(it, [lo, hi](M x) {
        x = x < lo ? lo : (x > hi ? hi : x);
        return x == M(1) ? kInf : std::log(x / (M(1) - x));
      });
    }
  });
}

// Runs a parameterized kernel as a functional (out undefined) or in-place op.
template <class Kernel>
Tensor runUnary(IterKind kind, std::string_view name, const Tensor& out, const Tensor& self, Kernel kernel) {
  TensorIter it = detail::makeIter(kind, name, out, self);
  kernel(it);
  return it.output();
}

}  // namespace

SCONCE_DEFINE_UNARY_OP(relu, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(relu6, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(silu, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(mish, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(hardswish, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(hardsigmoid, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(selu, IterKind::Unary)
SCONCE_DEFINE_UNARY_OP(softsign, IterKind::UnaryFloat)

Tensor gelu(const Tensor& self, std::string_view approximate) {
  return runUnary(IterKind::Unary, "gelu", Tensor(), self, [&](TensorIter& it) { geluKernel(it, approximate); });
}
const Tensor& gelu_(const Tensor& self, std::string_view approximate) {
  runUnary(IterKind::Unary, "gelu_", self, self, [&](TensorIter& it) { geluKernel(it, approximate); });
  return self;
}

Tensor elu(const Tensor& self, const Scalar& alpha, const Scalar& scale, const Scalar& inputScale) {
  return runUnary(IterKind::Unary, "elu", Tensor(), self, [&](TensorIter& it) {
    eluKernel(it, alpha.toDouble(), scale.toDouble(), inputScale.toDouble());
  });
}
const Tensor& elu_(const Tensor& self, const Scalar& alpha, const Scalar& scale, const Scalar& inputScale) {
  runUnary(IterKind::Unary, "elu_", self, self, [&](TensorIter& it) {
    eluKernel(it, alpha.toDouble(), scale.toDouble(), inputScale.toDouble());
  });
  return self;
}

Tensor celu(const Tensor& self, const Scalar& alpha) {
  return elu(self, alpha, Scalar(1.0), Scalar(1.0 / alpha.toDouble()));
}
const Tensor& celu_(const Tensor& self, const Scalar& alpha) {
  return elu_(self, alpha, Scalar(1.0), Scalar(1.0 / alpha.toDouble()));
}

Tensor leaky_relu(const Tensor& self, const Scalar& slope) {
  return runUnary(IterKind::Unary, "leaky_relu", Tensor(), self, [&](TensorIter& it) { leakyReluKernel(it, slope); });
}
const Tensor& leaky_relu_(const Tensor& self, const Scalar& slope) {
  runUnary(IterKind::Unary, "leaky_relu_", self, self, [&](TensorIter& it) { leakyReluKernel(it, slope); });
  return self;
}

Tensor softplus(const Tensor& self, const Scalar& beta, const Scalar& threshold) {
  return runUnary(IterKind::Unary, "softplus", Tensor(), self,
                  [&](TensorIter& it) { softplusKernel(it, beta, threshold); });
}

Tensor hardtanh(const Tensor& self, const Scalar& minVal, const Scalar& maxVal) {
  return runUnary(IterKind::Unary, "hardtanh", Tensor(), self,
                  [&](TensorIter& it) { hardtanhKernel(it, minVal, maxVal); });
}
const Tensor& hardtanh_(const Tensor& self, const Scalar& minVal, const Scalar& maxVal) {
  runUnary(IterKind::Unary, "hardtanh_", self, self, [&](TensorIter& it) { hardtanhKernel(it, minVal, maxVal); });
  return self;
}

Tensor threshold(const Tensor& self, const Scalar& threshold, const Scalar& value) {
  return runUnary(IterKind::Unary, "threshold", Tensor(), self,
                  [&](TensorIter& it) { thresholdKernel(it, threshold, value); });
}
const Tensor& threshold_(const Tensor& self, const Scalar& threshold, const Scalar& value) {
  runUnary(IterKind::Unary, "threshold_", self, self, [&](TensorIter& it) { thresholdKernel(it, threshold, value); });
  return self;
}

Tensor logit(const Tensor& self, std::optional<double> eps) {
  return runUnary(IterKind::UnaryFloat, "logit", Tensor(), self, [&](TensorIter& it) { logitKernel(it, eps); });
}
const Tensor& logit_(const Tensor& self, std::optional<double> eps) {
  runUnary(IterKind::UnaryFloat, "logit_", self, self, [&](TensorIter& it) { logitKernel(it, eps); });
  return self;
}

}  // namespace sconce::ops
