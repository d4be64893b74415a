// Pooling kernels over (planes, D, H, W) views.
#include "ops/nn/pooling.h"

#include <fmt/ranges.h>

#include <cmath>
#include <limits>

#include "ops/kernels/parallel.h"
#include "ops/kernels/shape.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

// The input as contiguous (planes, D, H, W) plus what the output shape needs.
struct Planes {
  Tensor x;             // contiguous, 4-d
  Dims lead;            // (C) or (N, C)
  int64_t spatial = 0;  // 1, 2 or 3
};

Planes toPlanes(const Tensor& self, int64_t spatial, std::string_view op) {
  const int64_t d = self.dim();
  bool ok = d == spatial + 1 || d == spatial + 2;
  for (int64_t i = 1; ok && i < d; ++i) ok = self.size(i) != 0;
  SCONCE_CHECK(ValueError, ok,
               "{}: Expected {}D or {}D (batch mode) tensor with optional 0 dim batch size for input, but got: [{}]",
               op, spatial + 1, spatial + 2, fmt::join(self.sizes(), ", "));
  Planes p;
  p.spatial = spatial;
  p.lead.assign(self.sizes().begin(), self.sizes().end() - spatial);
  int64_t planes = 1;
  for (int64_t s : p.lead) planes *= s;
  Dims shape{planes, 1, 1, 1};
  for (int64_t i = 0; i < spatial; ++i) shape[static_cast<size_t>(4 - spatial + i)] = self.size(d - spatial + i);
  p.x = reshape(self.contiguous(), shape);
  return p;
}

// The 3-vector (D, H, W) of a per-spatial-dim parameter, `fill` for the missing dims.
Dims to3(const Dims& v, int64_t fill) {
  Dims r(3 - v.size(), fill);
  r.insert(r.end(), v.begin(), v.end());
  return r;
}

Tensor outputOf(const Planes& p, const Dims& out3, ScalarType dt) {
  Dims shape = p.lead;
  shape.insert(shape.end(), out3.end() - p.spatial, out3.end());
  return Tensor::empty(shape, dt);
}

struct Window {
  Dims kernel, stride, pad, dilation, out;  // all 3-d
};

Window poolWindow(int64_t spatial, const Planes& p, IntArrayRef kernelSize, IntArrayRef stride, IntArrayRef padding,
                  IntArrayRef dilation, bool ceilMode, std::string_view op, bool isMax) {
  Dims k = expandParam(kernelSize, spatial, op, "kernel_size");
  Dims s = stride.empty() ? k : expandParam(stride, spatial, op, "stride");
  Dims pd = expandParam(padding, spatial, op, "padding");
  Dims dl = expandParam(dilation, spatial, op, "dilation");
  for (size_t i = 0; i < k.size(); ++i) {
    SCONCE_CHECK(ValueError, k[i] > 0, "kernel size should be greater than zero, but got kernel_size={}", k[i]);
    SCONCE_CHECK(ValueError, s[i] > 0, "stride should be greater than zero, but got stride={}", s[i]);
    SCONCE_CHECK(ValueError, dl[i] > 0, "dilation should be greater than zero, but got dilation={}", dl[i]);
    if (spatial == 1 && isMax)
      SCONCE_CHECK(ValueError, pd[i] >= 0 && pd[i] <= k[i] / 2,
                   "max_pool1d() padding should be at most half of kernel size, but got padding={} and "
                   "kernel_size={}",
                   pd[i], k[i]);
    SCONCE_CHECK(ValueError, pd[i] >= 0 && pd[i] <= k[i] / 2,
                 "pad should be at most half of kernel size, but got pad={} and kernel_size={}", pd[i], k[i]);
  }
  Window w{to3(k, 1), to3(s, 1), to3(pd, 0), to3(dl, 1), {}};
  Dims in3{p.x.size(1), p.x.size(2), p.x.size(3)};
  w.out.resize(3);
  bool ok = true;
  for (size_t i = 0; i < 3; ++i) {
    w.out[i] = poolingOutputSize(in3[i], w.kernel[i], w.pad[i], w.stride[i], w.dilation[i], ceilMode);
    ok = ok && w.out[i] >= 1;
  }
  const Dims inS(in3.end() - spatial, in3.end()), outS(w.out.end() - spatial, w.out.end());
  SCONCE_CHECK(ValueError, ok, "Given input size: ({}x{}). Calculated output size: ({}x{}). Output size is too small",
               p.lead.back(), fmt::join(inS, "x"), p.lead.back(), fmt::join(outS, "x"));
  return w;
}

template <class T>
void maxPoolTyped(const Planes& p, const Window& w, const Tensor& out, const Tensor* indices) {
  const T* x = p.x.data<T>();
  T* y = out.data<T>();
  int64_t* ind = indices ? indices->data<int64_t>() : nullptr;
  const int64_t B = p.x.size(0), D = p.x.size(1), H = p.x.size(2), W = p.x.size(3);
  const int64_t OD = w.out[0], OH = w.out[1], OW = w.out[2];
  parallelFor(0, B, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; ++b) {
      const T* xb = x + b * D * H * W;
      for (int64_t od = 0; od < OD; ++od)
        for (int64_t oh = 0; oh < OH; ++oh)
          for (int64_t ow = 0; ow < OW; ++ow) {
            int64_t d0 = od * w.stride[0] - w.pad[0], h0 = oh * w.stride[1] - w.pad[1], w0 = ow * w.stride[2] - w.pad[2];
            const int64_t d1 = std::min(d0 + (w.kernel[0] - 1) * w.dilation[0] + 1, D);
            const int64_t h1 = std::min(h0 + (w.kernel[1] - 1) * w.dilation[1] + 1, H);
            const int64_t w1 = std::min(w0 + (w.kernel[2] - 1) * w.dilation[2] + 1, W);
            while (d0 < 0) d0 += w.dilation[0];
            while (h0 < 0) h0 += w.dilation[1];
            while (w0 < 0) w0 += w.dilation[2];
            int64_t best = (d0 * H + h0) * W + w0;
            T bestVal = -std::numeric_limits<T>::infinity();
            const int64_t o = ((b * OD + od) * OH + oh) * OW + ow;
            if (!ind) {
              // Values only (max_pool2d): a branch-free select the compiler can keep in
              // registers; a NaN, once taken, stays (v > NaN is false).
              for (int64_t id = d0; id < d1; id += w.dilation[0])
                for (int64_t ih = h0; ih < h1; ih += w.dilation[1]) {
                  const T* row = xb + (id * H + ih) * W;
                  for (int64_t iw = w0; iw < w1; iw += w.dilation[2]) {
                    const T v = row[iw];
                    bestVal = (v > bestVal || std::isnan(v)) ? v : bestVal;
                  }
                }
              y[o] = bestVal;
              continue;
            }
            for (int64_t id = d0; id < d1; id += w.dilation[0])
              for (int64_t ih = h0; ih < h1; ih += w.dilation[1])
                for (int64_t iw = w0; iw < w1; iw += w.dilation[2]) {
                  const int64_t idx = (id * H + ih) * W + iw;
                  const T v = xb[idx];
                  if (v > bestVal || std::isnan(v)) {
                    bestVal = v;
                    best = idx;
                  }
                }
            y[o] = bestVal;
            ind[o] = best;
          }
    }
  });
}

template <class T>
void avgPoolTyped(const Planes& p, const Window& w, const Tensor& out, bool countIncludePad,
                  std::optional<int64_t> divisor) {
  const T* x = p.x.data<T>();
  T* y = out.data<T>();
  const int64_t B = p.x.size(0), D = p.x.size(1), H = p.x.size(2), W = p.x.size(3);
  const int64_t OD = w.out[0], OH = w.out[1], OW = w.out[2];
  parallelFor(0, B, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; ++b) {
      const T* xb = x + b * D * H * W;
      for (int64_t od = 0; od < OD; ++od)
        for (int64_t oh = 0; oh < OH; ++oh)
          for (int64_t ow = 0; ow < OW; ++ow) {
            int64_t d0 = od * w.stride[0] - w.pad[0], h0 = oh * w.stride[1] - w.pad[1], w0 = ow * w.stride[2] - w.pad[2];
            int64_t d1 = std::min(d0 + w.kernel[0], D + w.pad[0]), h1 = std::min(h0 + w.kernel[1], H + w.pad[1]),
                    w1 = std::min(w0 + w.kernel[2], W + w.pad[2]);
            const int64_t poolSize = (d1 - d0) * (h1 - h0) * (w1 - w0);
            d0 = std::max<int64_t>(d0, 0), h0 = std::max<int64_t>(h0, 0), w0 = std::max<int64_t>(w0, 0);
            d1 = std::min(d1, D), h1 = std::min(h1, H), w1 = std::min(w1, W);
            const int64_t o = ((b * OD + od) * OH + oh) * OW + ow;
            if (d0 >= d1 || h0 >= h1 || w0 >= w1) {
              y[o] = T(0);
              continue;
            }
            T sum = 0;
            for (int64_t id = d0; id < d1; ++id)
              for (int64_t ih = h0; ih < h1; ++ih)
                for (int64_t iw = w0; iw < w1; ++iw) sum += xb[(id * H + ih) * W + iw];
            const int64_t factor =
                divisor ? *divisor : countIncludePad ? poolSize : (d1 - d0) * (h1 - h0) * (w1 - w0);
            y[o] = sum / static_cast<T>(factor);
          }
    }
  });
}

int64_t startIndex(int64_t o, int64_t out, int64_t in) { return (o * in) / out; }
int64_t endIndex(int64_t o, int64_t out, int64_t in) { return ((o + 1) * in + out - 1) / out; }

template <class T, bool kMax>
void adaptiveTyped(const Planes& p, const Dims& out3, const Tensor& out, const Tensor& indices) {
  const T* x = p.x.data<T>();
  T* y = out.data<T>();
  int64_t* ind = kMax ? indices.data<int64_t>() : nullptr;
  const int64_t B = p.x.size(0), D = p.x.size(1), H = p.x.size(2), W = p.x.size(3);
  const int64_t OD = out3[0], OH = out3[1], OW = out3[2];
  parallelFor(0, B, 1, [&](int64_t lo, int64_t hi) {
    for (int64_t b = lo; b < hi; ++b) {
      const T* xb = x + b * D * H * W;
      for (int64_t od = 0; od < OD; ++od)
        for (int64_t oh = 0; oh < OH; ++oh)
          for (int64_t ow = 0; ow < OW; ++ow) {
            const int64_t d0 = startIndex(od, OD, D), d1 = endIndex(od, OD, D);
            const int64_t h0 = startIndex(oh, OH, H), h1 = endIndex(oh, OH, H);
            const int64_t w0 = startIndex(ow, OW, W), w1 = endIndex(ow, OW, W);
            const int64_t o = ((b * OD + od) * OH + oh) * OW + ow;
            if constexpr (kMax) {
              int64_t best = (d0 * H + h0) * W + w0;
              T bestVal = -std::numeric_limits<T>::infinity();
              for (int64_t id = d0; id < d1; ++id)
                for (int64_t ih = h0; ih < h1; ++ih)
                  for (int64_t iw = w0; iw < w1; ++iw) {
                    const int64_t idx = (id * H + ih) * W + iw;
                    if (xb[idx] > bestVal || std::isnan(xb[idx])) {
                      bestVal = xb[idx];
                      best = idx;
                    }
                  }
              y[o] = bestVal;
              ind[o] = best;
            } else {
              T sum = 0;
              for (int64_t id = d0; id < d1; ++id)
                for (int64_t ih = h0; ih < h1; ++ih)
                  for (int64_t iw = w0; iw < w1; ++iw) sum += xb[(id * H + ih) * W + iw];
              y[o] = sum / static_cast<T>((d1 - d0) * (h1 - h0) * (w1 - w0));
            }
          }
    }
  });
}

// Half/BFloat16 pools compute in float32.
template <class F>
auto viaFloat(const Tensor& self, const F& f) {
  const ScalarType dt = self.dtype();
  if (dt != ScalarType::Half && dt != ScalarType::BFloat16) return f(self);
  auto r = f(self.toType(ScalarType::Float));
  if constexpr (std::is_same_v<decltype(r), Tensor>) {
    return r.toType(dt);
  } else {
    return decltype(r){std::get<0>(r).toType(dt), std::get<1>(r)};
  }
}

}  // namespace

std::tuple<Tensor, Tensor> maxPoolWithIndices(int64_t spatial, const Tensor& self, IntArrayRef kernelSize,
                                              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                                              bool ceilMode) {
  return viaFloat(self, [&](const Tensor& in) {
    const std::string op = fmt::format("max_pool{}d", spatial);
    Planes p = toPlanes(in, spatial, op);
    Window w = poolWindow(spatial, p, kernelSize, stride, padding, dilation, ceilMode, op, true);
    Tensor out = outputOf(p, w.out, in.dtype()), indices = outputOf(p, w.out, ScalarType::Long);
    dispatchFloat(in.dtype(), op, [&](auto tag) { maxPoolTyped<decltype(tag)>(p, w, out, &indices); });
    return std::tuple<Tensor, Tensor>{out, indices};
  });
}

Tensor maxPool(int64_t spatial, const Tensor& self, IntArrayRef kernelSize, IntArrayRef stride, IntArrayRef padding,
               IntArrayRef dilation, bool ceilMode) {
  // Same windows as maxPoolWithIndices, without computing (and allocating) the indices.
  return viaFloat(self, [&](const Tensor& in) {
    const std::string op = fmt::format("max_pool{}d", spatial);
    Planes p = toPlanes(in, spatial, op);
    Window w = poolWindow(spatial, p, kernelSize, stride, padding, dilation, ceilMode, op, true);
    Tensor out = outputOf(p, w.out, in.dtype());
    dispatchFloat(in.dtype(), op, [&](auto tag) { maxPoolTyped<decltype(tag)>(p, w, out, nullptr); });
    return out;
  });
}

Tensor avgPool(int64_t spatial, const Tensor& self, IntArrayRef kernelSize, IntArrayRef stride, IntArrayRef padding,
               bool ceilMode, bool countIncludePad, std::optional<int64_t> divisorOverride) {
  SCONCE_CHECK(ValueError, !divisorOverride || *divisorOverride != 0, "divisor must be not zero");
  return viaFloat(self, [&](const Tensor& in) {
    const std::string op = fmt::format("avg_pool{}d", spatial);
    Planes p = toPlanes(in, spatial, op);
    Window w = poolWindow(spatial, p, kernelSize, stride, padding, {1}, ceilMode, op, false);
    Tensor out = outputOf(p, w.out, in.dtype());
    dispatchFloat(in.dtype(), op, [&](auto tag) {
      avgPoolTyped<decltype(tag)>(p, w, out, countIncludePad, divisorOverride);
    });
    return out;
  });
}

Tensor adaptiveAvgPool(int64_t spatial, const Tensor& self, IntArrayRef outputSize) {
  return viaFloat(self, [&](const Tensor& in) {
    const std::string op = fmt::format("adaptive_avg_pool{}d", spatial);
    const Dims size = expandParam(outputSize, spatial, op, "output_size");
    for (int64_t s : size)
      SCONCE_CHECK(ValueError, s >= 0, "{}: elements of output_size must be greater than or equal to 0 but received {}",
                   op, s);
    Planes p = toPlanes(in, spatial, op);
    Dims out3 = to3(size, 1);
    Tensor out = outputOf(p, out3, in.dtype());
    dispatchFloat(in.dtype(), op, [&](auto tag) { adaptiveTyped<decltype(tag), false>(p, out3, out, Tensor()); });
    return out;
  });
}

std::tuple<Tensor, Tensor> adaptiveMaxPool(int64_t spatial, const Tensor& self, IntArrayRef outputSize) {
  return viaFloat(self, [&](const Tensor& in) {
    const std::string op = fmt::format("adaptive_max_pool{}d", spatial);
    const Dims size = expandParam(outputSize, spatial, op, "output_size");
    Planes p = toPlanes(in, spatial, op);
    Dims out3 = to3(size, 1);
    Tensor out = outputOf(p, out3, in.dtype()), indices = outputOf(p, out3, ScalarType::Long);
    dispatchFloat(in.dtype(), op, [&](auto tag) { adaptiveTyped<decltype(tag), true>(p, out3, out, indices); });
    return std::tuple<Tensor, Tensor>{out, indices};
  });
}

}  // namespace sconce::ops::nn
