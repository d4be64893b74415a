// Normalization kernels over contiguous float/double buffers.
#include "ops/nn/normalization.h"

#include <fmt/ranges.h>

#include <cmath>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/shape.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

// Half/BFloat16 inputs compute in float32.
ScalarType computeType(ScalarType t) {
  return t == ScalarType::Half || t == ScalarType::BFloat16 ? ScalarType::Float : t;
}

Tensor optAs(const OptTensor& t, ScalarType dt) { return t ? contiguousAs(*t, dt) : Tensor(); }

// Mean and biased variance of the `count` values x[i * stride + j], j < inner, i < outer
// visited in blocks (blocks of `inner` contiguous elements, `outer` of them `stride` apart).
template <class T>
void stats(const T* x, int64_t outer, int64_t inner, int64_t stride, double& mean, double& var) {
  double s = 0;
  for (int64_t i = 0; i < outer; ++i)
    for (int64_t j = 0; j < inner; ++j) s += x[i * stride + j];
  const double n = static_cast<double>(outer * inner);
  mean = n > 0 ? s / n : 0.0;
  double q = 0;
  for (int64_t i = 0; i < outer; ++i)
    for (int64_t j = 0; j < inner; ++j) {
      double d = x[i * stride + j] - mean;
      q += d * d;
    }
  var = n > 0 ? q / n : 0.0;
}

void checkChannelParam(const OptTensor& t, int64_t C, const char* name) {
  if (!t) return;
  SCONCE_CHECK(ValueError, t->numel() == C, "{} should contain {} elements not {}", name, C, t->numel());
}

// The batch-norm core on x viewed as (N, C, S): per channel, out = x * scale + shift.
template <class T>
void batchNormTyped(const Tensor& x, const Tensor& out, const Tensor& w, const Tensor& b, const Tensor& rm,
                    const Tensor& rv, bool training, double momentum, double eps, const Tensor& saveMean,
                    const Tensor& saveInvstd) {
  const int64_t N = x.size(0), C = x.size(1), S = x.numel() / std::max<int64_t>(N * C, 1);
  const T* xp = x.data<T>();
  T* yp = out.data<T>();
  parallelFor(0, C, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t c = lo; c < hi; ++c) {
      double mean, invstd;
      if (training) {
        double var;
        stats(xp + c * S, N, S, C * S, mean, var);
        invstd = 1.0 / std::sqrt(var + eps);
        saveMean.data<T>()[c] = static_cast<T>(mean);
        saveInvstd.data<T>()[c] = static_cast<T>(invstd);
        const double n = static_cast<double>(N * S);
        if (rm.defined()) rm.data<T>()[c] = static_cast<T>(momentum * mean + (1 - momentum) * rm.data<T>()[c]);
        if (rv.defined()) {
          const double unbiased = n > 1 ? var * n / (n - 1) : var;
          rv.data<T>()[c] = static_cast<T>(momentum * unbiased + (1 - momentum) * rv.data<T>()[c]);
        }
      } else {
        mean = rm.data<T>()[c];
        invstd = 1.0 / std::sqrt(static_cast<double>(rv.data<T>()[c]) + eps);
      }
      const double scale = invstd * (w.defined() ? static_cast<double>(w.data<T>()[c]) : 1.0);
      const double shift = (b.defined() ? static_cast<double>(b.data<T>()[c]) : 0.0) - mean * scale;
      const T sc = static_cast<T>(scale), sh = static_cast<T>(shift);
      for (int64_t n = 0; n < N; ++n) {
        const T* xi = xp + (n * C + c) * S;
        T* yi = yp + (n * C + c) * S;
        for (int64_t s = 0; s < S; ++s) yi[s] = xi[s] * sc + sh;
      }
    }
  });
}

// Running statistics are updated in place: computed on a contiguous copy of the right
// dtype, then copied back when that copy is not the caller's tensor.
struct InPlace {
  Tensor user, work;
  InPlace(const OptTensor& t, ScalarType dt) {
    if (!t) return;
    user = *t;
    work = contiguousAs(*t, dt);
  }
  void commit() {
    if (user.defined() && !work.is(user)) copy_(user, work);
  }
};

}  // namespace

std::tuple<Tensor, Tensor, Tensor> native_batch_norm(const Tensor& input, const OptTensor& weight,
                                                     const OptTensor& bias, const OptTensor& runningMean,
                                                     const OptTensor& runningVar, bool training, double momentum,
                                                     double eps) {
  SCONCE_CHECK(ValueError, input.dim() >= 2, "batch_norm: expected input with at least 2 dims, got {}D", input.dim());
  const int64_t C = input.size(1);
  checkChannelParam(weight, C, "weight");
  checkChannelParam(bias, C, "bias");
  checkChannelParam(runningMean, C, "running_mean");
  checkChannelParam(runningVar, C, "running_var");
  if (!training) {
    SCONCE_CHECK(ValueError, runningMean.has_value(), "running_mean must be defined in evaluation mode");
    SCONCE_CHECK(ValueError, runningVar.has_value(), "running_var must be defined in evaluation mode");
  }
  if (training) {
    const int64_t perChannel = input.numel() / std::max<int64_t>(C, 1);
    SCONCE_CHECK(ValueError, perChannel > 1 || input.numel() == 0,
                 "Expected more than 1 value per channel when training, got input size [{}]",
                 fmt::join(input.sizes(), ", "));
  }
  const ScalarType dt = computeType(input.dtype());
  SCONCE_CHECK(ValueError, dt == ScalarType::Float || dt == ScalarType::Double,
               "\"batch_norm\" not implemented for '{}'", scalarTypeShortName(input.dtype()));
  Tensor x = contiguousAs(input, dt);
  Tensor out = Tensor::empty(input.sizes(), dt);
  InPlace rm(runningMean, dt), rv(runningVar, dt);
  Tensor saveMean = Tensor::empty({training ? C : 0}, dt), saveInvstd = Tensor::empty({training ? C : 0}, dt);
  dispatchFloat(dt, "batch_norm", [&](auto tag) {
    using T = decltype(tag);
    batchNormTyped<T>(x, out, optAs(weight, dt), optAs(bias, dt), rm.work, rv.work, training, momentum, eps, saveMean,
                      saveInvstd);
  });
  if (training) {
    rm.commit();
    rv.commit();
  }
  if (out.dtype() != input.dtype()) out = out.toType(input.dtype());
  return {out, saveMean, saveInvstd};
}

Tensor batch_norm(const Tensor& input, const OptTensor& weight, const OptTensor& bias, const OptTensor& runningMean,
                  const OptTensor& runningVar, bool training, double momentum, double eps) {
  return std::get<0>(native_batch_norm(input, weight, bias, runningMean, runningVar, training, momentum, eps));
}

Tensor instance_norm(const Tensor& input, const OptTensor& weight, const OptTensor& bias,
                     const OptTensor& runningMean, const OptTensor& runningVar, bool useInputStats, double momentum,
                     double eps) {
  SCONCE_CHECK(ValueError, useInputStats || (runningMean && runningVar),
               "Expected running_mean and running_var to be defined when use_input_stats is false");
  SCONCE_CHECK(ValueError, input.dim() >= 2, "instance_norm: expected input with at least 2 dims");
  const int64_t N = input.size(0), C = input.size(1);
  // PyTorch's formulation: batch norm of the input viewed as (1, N*C, *), with the
  // per-channel parameters repeated per sample.
  Dims shape = input.sizes();
  Dims folded{1, N * C};
  folded.insert(folded.end(), shape.begin() + 2, shape.end());
  auto rep = [&](const OptTensor& t) -> OptTensor {
    if (!t) return std::nullopt;
    return reshape(expand(unsqueeze(*t, 0), {N, C}), {N * C});
  };
  OptTensor rm = rep(runningMean), rv = rep(runningVar);
  if (rm) rm = rm->contiguous().clone();
  if (rv) rv = rv->contiguous().clone();
  Tensor out = batch_norm(reshape(input, folded), rep(weight), rep(bias), rm, rv, useInputStats, momentum, eps);
  if (useInputStats) {
    // The running statistics become the average of the per-sample updates.
    auto average = [&](const OptTensor& user, const OptTensor& updated) {
      if (!user) return;
      Tensor u = updated->toType(ScalarType::Double);
      Tensor m = Tensor::empty({C}, ScalarType::Double);
      for (int64_t c = 0; c < C; ++c) {
        double s = 0;
        for (int64_t n = 0; n < N; ++n) s += u.data<double>()[n * C + c];
        m.data<double>()[c] = s / static_cast<double>(N);
      }
      copy_(*user, m);
    };
    average(runningMean, rm);
    average(runningVar, rv);
  }
  return view(out, shape);
}

std::tuple<Tensor, Tensor, Tensor> native_layer_norm(const Tensor& input, IntArrayRef normalizedShape,
                                                     const OptTensor& weight, const OptTensor& bias, double eps) {
  const int64_t nd = static_cast<int64_t>(normalizedShape.size());
  SCONCE_CHECK(ValueError, nd >= 1,
               "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but "
               "got normalized_shape = [{}]",
               fmt::join(normalizedShape, ", "));
  bool ok = input.dim() >= nd;
  for (int64_t i = 0; ok && i < nd; ++i) ok = input.size(input.dim() - nd + i) == normalizedShape[static_cast<size_t>(i)];
  SCONCE_CHECK(ValueError, ok,
               "Given normalized_shape=[{}], expected input with shape [*, {}], but got input of size[{}]",
               fmt::join(normalizedShape, ", "), fmt::join(normalizedShape, ", "), fmt::join(input.sizes(), ", "));
  for (const OptTensor* p : {&weight, &bias}) {
    if (!*p) continue;
    SCONCE_CHECK(ValueError, (*p)->sizes() == normalizedShape.vec(),
                 "Expected {} to be of same shape as normalized_shape, but got {} of shape [{}] and "
                 "normalized_shape = [{}]",
                 p == &weight ? "weight" : "bias", p == &weight ? "weight" : "bias", fmt::join((*p)->sizes(), ", "),
                 fmt::join(normalizedShape, ", "));
  }
  const ScalarType dt = computeType(input.dtype());
  Tensor x = contiguousAs(input, dt);
  const int64_t K = checkedNumel(normalizedShape);
  const int64_t M = K == 0 ? 0 : input.numel() / K;
  Dims statShape(input.sizes().begin(), input.sizes().end() - nd);
  statShape.insert(statShape.end(), static_cast<size_t>(nd), 1);
  Tensor out = Tensor::empty(input.sizes(), dt), mean = Tensor::empty(statShape, dt), rstd = Tensor::empty(statShape, dt);
  Tensor w = optAs(weight, dt), b = optAs(bias, dt);
  dispatchFloat(dt, "LayerNormKernelImpl", [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = out.data<T>();
    const T* wp = w.defined() ? w.data<T>() : nullptr;
    const T* bp = b.defined() ? b.data<T>() : nullptr;
    parallelFor(0, M, std::max<int64_t>(1, 4096 / std::max<int64_t>(K, 1)), [&](int64_t lo, int64_t hi) {
      for (int64_t m = lo; m < hi; ++m) {
        double mu, var;
        stats(xp + m * K, 1, K, 0, mu, var);
        const double r = 1.0 / std::sqrt(var + eps);
        mean.data<T>()[m] = static_cast<T>(mu);
        rstd.data<T>()[m] = static_cast<T>(r);
        const T* xi = xp + m * K;
        T* yi = yp + m * K;
        const T tm = static_cast<T>(mu), tr = static_cast<T>(r);
        for (int64_t k = 0; k < K; ++k) {
          T v = (xi[k] - tm) * tr;
          if (wp) v = v * wp[k];
          if (bp) v = v + bp[k];
          yi[k] = v;
        }
      }
    });
  });
  if (dt != input.dtype()) out = out.toType(input.dtype());
  return {out, mean, rstd};
}

std::tuple<Tensor, Tensor, Tensor> native_group_norm(const Tensor& input, const OptTensor& weight,
                                                     const OptTensor& bias, int64_t N, int64_t C, int64_t HxW,
                                                     int64_t group, double eps) {
  SCONCE_CHECK(ValueError, group > 0 && C % group == 0 && input.numel() == N * C * HxW,
               "Expected number of channels in input to be divisible by num_groups, but got input of shape [{}] and "
               "num_groups={}",
               fmt::join(input.sizes(), ", "), group);
  checkChannelParam(weight, C, "weight");
  checkChannelParam(bias, C, "bias");
  const ScalarType dt = computeType(input.dtype());
  Tensor x = contiguousAs(input, dt);
  Tensor out = Tensor::empty(input.sizes(), dt), mean = Tensor::empty({N, group}, dt),
         rstd = Tensor::empty({N, group}, dt);
  Tensor w = optAs(weight, dt), b = optAs(bias, dt);
  const int64_t Cg = C / group;
  dispatchFloat(dt, "GroupNormKernelImpl", [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = out.data<T>();
    parallelFor(0, N * group, 1, [&](int64_t lo, int64_t hi) {
      for (int64_t ng = lo; ng < hi; ++ng) {
        const int64_t g = ng % group;
        double mu, var;
        stats(xp + ng * Cg * HxW, 1, Cg * HxW, 0, mu, var);
        const double r = 1.0 / std::sqrt(var + eps);
        mean.data<T>()[ng] = static_cast<T>(mu);
        rstd.data<T>()[ng] = static_cast<T>(r);
        for (int64_t ci = 0; ci < Cg; ++ci) {
          const int64_t c = g * Cg + ci;
          const double scale = r * (w.defined() ? static_cast<double>(w.data<T>()[c]) : 1.0);
          const double shift = (b.defined() ? static_cast<double>(b.data<T>()[c]) : 0.0) - mu * scale;
          const T sc = static_cast<T>(scale), sh = static_cast<T>(shift);
          const T* xi = xp + (ng * Cg + ci) * HxW;
          T* yi = yp + (ng * Cg + ci) * HxW;
          for (int64_t s = 0; s < HxW; ++s) yi[s] = xi[s] * sc + sh;
        }
      }
    });
  });
  if (dt != input.dtype()) out = out.toType(input.dtype());
  return {out, mean, rstd};
}

Tensor group_norm(const Tensor& input, int64_t numGroups, const OptTensor& weight, const OptTensor& bias, double eps) {
  SCONCE_CHECK(ValueError, input.dim() >= 2, "group_norm: expected input with at least 2 dims, got {}D", input.dim());
  const int64_t N = input.size(0), C = input.size(1);
  SCONCE_CHECK(ValueError, numGroups > 0 && C % numGroups == 0,
               "Expected number of channels in input to be divisible by num_groups, but got input of shape [{}] and "
               "num_groups={}",
               fmt::join(input.sizes(), ", "), numGroups);
  const int64_t HxW = N * C == 0 ? 0 : input.numel() / (N * C);
  return std::get<0>(native_group_norm(input, weight, bias, N, C, HxW, numGroups, eps));
}

}  // namespace sconce::ops::nn
