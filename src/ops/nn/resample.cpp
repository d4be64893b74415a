// Resampling (upsample_*) and padding kernels.
#include "ops/nn/resample.h"

#include <fmt/ranges.h>

#include <cmath>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/shape.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

// PyTorch's compute_scales_value / area_pixel_compute_scale, in the op-math type.
template <class A>
A scalesValue(std::optional<double> scale, int64_t in, int64_t out) {
  return scale && *scale > 0 ? static_cast<A>(1.0 / *scale) : static_cast<A>(in) / static_cast<A>(out);
}
template <class A>
A areaScale(int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  if (alignCorners) return out > 1 ? static_cast<A>(in - 1) / static_cast<A>(out - 1) : A(0);
  return scalesValue<A>(scale, in, out);
}

// Per output index: up to 4 (source index, weight) taps.
struct Taps {
  int64_t index[4];
  double weight[4];
  int count;
};

double cubicConv1(double x, double A) { return ((A + 2) * x - (A + 3)) * x * x + 1; }
double cubicConv2(double x, double A) { return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A; }

template <class A>
std::vector<Taps> makeTaps(Interp kind, int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  std::vector<Taps> taps(static_cast<size_t>(out));
  for (int64_t o = 0; o < out; ++o) {
    Taps& t = taps[static_cast<size_t>(o)];
    if (kind == Interp::Nearest) {
      int64_t src;
      if (in == out) src = o;
      else if (out == 2 * in) src = o >> 1;
      else {
        const float s = scalesValue<float>(scale, in, out);
        src = std::min(static_cast<int64_t>(std::floor(static_cast<float>(o) * s)), in - 1);
      }
      t = {{src}, {1.0}, 1};
    } else if (kind == Interp::Linear) {
      const A s = areaScale<A>(in, out, alignCorners, scale);
      A src = alignCorners ? s * static_cast<A>(o) : s * (static_cast<A>(o) + A(0.5)) - A(0.5);
      if (!alignCorners && src < 0) src = 0;
      const int64_t i0 = static_cast<int64_t>(src);
      const int64_t i1 = i0 + (i0 < in - 1 ? 1 : 0);
      const A l1 = src - static_cast<A>(i0);
      t = {{i0, i1}, {static_cast<double>(A(1) - l1), static_cast<double>(l1)}, 2};
    } else {
      const A s = areaScale<A>(in, out, alignCorners, scale);
      const A src = alignCorners ? s * static_cast<A>(o) : s * (static_cast<A>(o) + A(0.5)) - A(0.5);
      const int64_t i = static_cast<int64_t>(std::floor(src));
      const double x = static_cast<double>(src - static_cast<A>(i));
      const double a = -0.75;
      const double w[4] = {cubicConv2(x + 1, a), cubicConv1(x, a), cubicConv1(1 - x, a), cubicConv2(2 - x, a)};
      t.count = 4;
      for (int k = 0; k < 4; ++k) {
        t.index[k] = std::clamp<int64_t>(i - 1 + k, 0, in - 1);
        t.weight[k] = w[k];
      }
    }
  }
  return taps;
}

// Resamples dim `dim` of contiguous x to `out` elements.
Tensor resampleAxis(const Tensor& x, int64_t dim, int64_t out, Interp kind, bool alignCorners,
                    std::optional<double> scale) {
  const int64_t in = x.size(dim);
  Dims shape = x.sizes();
  shape[static_cast<size_t>(dim)] = out;
  Tensor y = Tensor::empty(shape, x.dtype());
  if (y.numel() == 0) return y;
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < dim; ++d) outer *= x.size(d);
  for (int64_t d = dim + 1; d < x.dim(); ++d) inner *= x.size(d);
  dispatchFloat(x.dtype(), "upsample", [&](auto tag) {
    using T = decltype(tag);
    const std::vector<Taps> taps = makeTaps<T>(kind, in, out, alignCorners, scale);
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    parallelFor(0, outer, std::max<int64_t>(1, 32768 / std::max<int64_t>(out * inner, 1)), [&](int64_t lo, int64_t hi) {
      for (int64_t b = lo; b < hi; ++b)
        for (int64_t o = 0; o < out; ++o) {
          const Taps& t = taps[static_cast<size_t>(o)];
          T* dst = yp + (b * out + o) * inner;
          for (int64_t j = 0; j < inner; ++j) {
            T acc = 0;
            for (int k = 0; k < t.count; ++k)
              acc += static_cast<T>(t.weight[k]) * xp[(b * in + t.index[k]) * inner + j];
            dst[j] = acc;
          }
        }
    });
  });
  return y;
}

const char* upsampleName(Interp kind, int64_t spatial) {
  if (kind == Interp::Nearest) return spatial == 1 ? "upsample_nearest1d" : spatial == 2 ? "upsample_nearest2d" : "upsample_nearest3d";
  if (kind == Interp::Cubic) return "upsample_bicubic2d";
  return spatial == 1 ? "upsample_linear1d" : spatial == 2 ? "upsample_bilinear2d" : "upsample_trilinear3d";
}

}  // namespace

Tensor upsample(const Tensor& input, Interp kind, IntArrayRef outputSize, bool alignCorners,
                const std::vector<std::optional<double>>& scales) {
  const int64_t spatial = static_cast<int64_t>(outputSize.size());
  const char* op = upsampleName(kind, spatial);
  SCONCE_CHECK(ValueError, input.dim() == spatial + 2,
               "Expected {}D input (got {}D input) for {}", spatial + 2, input.dim(), op);
  for (int64_t d = 1; d < input.dim(); ++d)
    SCONCE_CHECK(ValueError, input.size(d) > 0 || d < 2, "Non-empty {}D data tensor expected but got a tensor with sizes [{}]",
                 spatial + 2, fmt::join(input.sizes(), ", "));
  for (int64_t s : outputSize)
    SCONCE_CHECK(ValueError, s > 0,
                 "Input and output sizes should be greater than 0, but got input ({}) and output ({})",
                 fmt::join(input.sizes().begin() + 2, input.sizes().end(), ", "), fmt::join(outputSize, ", "));
  const ScalarType dt = input.dtype();
  const bool reduced = dt == ScalarType::Half || dt == ScalarType::BFloat16;
  Tensor x = contiguousAs(input, reduced ? ScalarType::Float : dt);
  for (int64_t i = 0; i < spatial; ++i)
    x = resampleAxis(x, i + 2, outputSize[static_cast<size_t>(i)], kind, alignCorners,
                     i < static_cast<int64_t>(scales.size()) ? scales[static_cast<size_t>(i)] : std::nullopt);
  return reduced ? x.toType(dt) : x;
}

Tensor upsampleVec(const Tensor& input, Interp kind, int64_t spatial, const std::optional<std::vector<int64_t>>& outputSize,
                   bool alignCorners, const std::optional<std::vector<double>>& scaleFactors) {
  SCONCE_CHECK(ValueError, outputSize.has_value() != scaleFactors.has_value(),
               "Must specify exactly one of output_size and scale_factors");
  SCONCE_CHECK(ValueError, input.dim() == spatial + 2, "Expected {}D input (got {}D input) for {}", spatial + 2,
               input.dim(), upsampleName(kind, spatial));
  Dims size;
  std::vector<std::optional<double>> scales(static_cast<size_t>(spatial));
  if (outputSize) {
    SCONCE_CHECK(ValueError, static_cast<int64_t>(outputSize->size()) == spatial,
                 "It is expected output_size equals to {}, but got size {}", spatial, outputSize->size());
    size = *outputSize;
  } else {
    SCONCE_CHECK(ValueError, static_cast<int64_t>(scaleFactors->size()) == spatial,
                 "It is expected scale_factors equals to {}, but got size {}", spatial, scaleFactors->size());
    for (int64_t i = 0; i < spatial; ++i) {
      const double s = (*scaleFactors)[static_cast<size_t>(i)];
      size.push_back(static_cast<int64_t>(std::floor(static_cast<double>(input.size(i + 2)) * s)));
      scales[static_cast<size_t>(i)] = s;
    }
  }
  return upsample(input, kind, size, alignCorners, scales);
}

Tensor pixel_shuffle(const Tensor& self, int64_t r) {
  SCONCE_CHECK(ValueError, self.dim() >= 3,
               "pixel_shuffle expects input to have at least 3 dimensions, but got input with {} dimension(s)",
               self.dim());
  SCONCE_CHECK(ValueError, r > 0, "pixel_shuffle expects a positive upscale_factor, but got {}", r);
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  SCONCE_CHECK(ValueError, c % (r * r) == 0,
               "pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, "
               "but input.size(-3)={} is not divisible by {}",
               c, r * r);
  Dims lead(self.sizes().begin(), self.sizes().end() - 3);
  const int64_t n = static_cast<int64_t>(lead.size());
  Dims split = lead;
  split.insert(split.end(), {c / (r * r), r, r, h, w});
  Dims perm;
  for (int64_t i = 0; i < n; ++i) perm.push_back(i);
  perm.insert(perm.end(), {n, n + 3, n + 1, n + 4, n + 2});
  Dims out = lead;
  out.insert(out.end(), {c / (r * r), h * r, w * r});
  return reshape(permute(reshape(self, split), perm).contiguous(), out);
}

Tensor pixel_unshuffle(const Tensor& self, int64_t r) {
  SCONCE_CHECK(ValueError, self.dim() >= 3,
               "pixel_unshuffle expects input to have at least 3 dimensions, but got input with {} dimension(s)",
               self.dim());
  SCONCE_CHECK(ValueError, r > 0, "pixel_unshuffle expects a positive downscale_factor, but got {}", r);
  const int64_t c = self.size(-3), h = self.size(-2), w = self.size(-1);
  SCONCE_CHECK(ValueError, h % r == 0,
               "pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)={} is not "
               "divisible by {}",
               h, r);
  SCONCE_CHECK(ValueError, w % r == 0,
               "pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)={} is not "
               "divisible by {}",
               w, r);
  Dims lead(self.sizes().begin(), self.sizes().end() - 3);
  const int64_t n = static_cast<int64_t>(lead.size());
  Dims split = lead;
  split.insert(split.end(), {c, h / r, r, w / r, r});
  Dims perm;
  for (int64_t i = 0; i < n; ++i) perm.push_back(i);
  perm.insert(perm.end(), {n, n + 2, n + 4, n + 1, n + 3});
  Dims out = lead;
  out.insert(out.end(), {c * r * r, h / r, w / r});
  return reshape(permute(reshape(self, split), perm).contiguous(), out);
}

Tensor channel_shuffle(const Tensor& self, int64_t groups) {
  SCONCE_CHECK(ValueError, self.dim() > 2,
               "channel_shuffle expects input to have at least 3 dimensions, but got input with {} dimension(s)",
               self.dim());
  SCONCE_CHECK(ValueError, groups > 0, "Number of groups to divide channels in must be positive. Value of groups:{}",
               groups);
  const int64_t c = self.size(1);
  SCONCE_CHECK(ValueError, c % groups == 0,
               "Number of channels must be divisible by groups. Got {} channels and {} groups.", c, groups);
  Dims split{self.size(0), groups, c / groups};
  split.insert(split.end(), self.sizes().begin() + 2, self.sizes().end());
  return reshape(transpose(reshape(self, split), 1, 2).contiguous(), self.sizes());
}

Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value) {
  SCONCE_CHECK(ValueError, pad.size() % 2 == 0, "Length of pad must be even but instead it equals {}", pad.size());
  const int64_t padded = static_cast<int64_t>(pad.size()) / 2;
  SCONCE_CHECK(ValueError, padded <= self.dim(),
               "Length of pad should be no more than twice the number of dimensions of the input. Pad length is {} "
               "while the input has {} dimensions.",
               pad.size(), self.dim());
  Dims shape = self.sizes();
  Tensor src = self;
  for (int64_t i = 0; i < padded; ++i) {
    const int64_t d = self.dim() - 1 - i;
    const int64_t l = pad[static_cast<size_t>(2 * i)], r = pad[static_cast<size_t>(2 * i + 1)];
    const int64_t newSize = self.size(d) + l + r;
    SCONCE_CHECK(ValueError, newSize > 0,
                 "The input size {}, plus negative padding {} and {} resulted in a negative output size, which is "
                 "invalid. Check dimension {} of your input.",
                 self.size(d), l, r, d);
    shape[static_cast<size_t>(d)] = newSize;
    // Negative padding crops the source.
    src = narrow(src, d, std::max<int64_t>(-l, 0), self.size(d) - std::max<int64_t>(-l, 0) - std::max<int64_t>(-r, 0));
  }
  Tensor out = full(shape, value, self.dtype());
  Tensor dst = out;
  for (int64_t i = 0; i < padded; ++i) {
    const int64_t d = self.dim() - 1 - i;
    dst = narrow(dst, d, std::max<int64_t>(pad[static_cast<size_t>(2 * i)], 0), src.size(d));
  }
  copy_(dst, src);
  return out;
}

namespace {

enum class IndexMode { Reflect, Replicate, Circular };

Tensor indexPad(const Tensor& self, IntArrayRef padding, int64_t spatial, IndexMode mode, std::string_view op) {
  SCONCE_CHECK(ValueError, static_cast<int64_t>(padding.size()) == 2 * spatial,
               "padding size is expected to be {}, but got: {}", 2 * spatial, padding.size());
  SCONCE_CHECK(ValueError, self.dim() == spatial + 1 || self.dim() == spatial + 2,
               "{}: Expected {}D or {}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions "
               "for input, but got: [{}]",
               op, spatial + 1, spatial + 2, fmt::join(self.sizes(), ", "));
  Tensor x = self;
  for (int64_t i = 0; i < spatial; ++i) {
    const int64_t d = self.dim() - 1 - i;
    const int64_t l = padding[static_cast<size_t>(2 * i)], r = padding[static_cast<size_t>(2 * i + 1)];
    const int64_t n = x.size(d);
    if (mode == IndexMode::Reflect)
      SCONCE_CHECK(ValueError, l < n && r < n,
                   "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding "
                   "({}, {}) at dimension {} of input {}",
                   l, r, d, self.dim());
    const int64_t out = n + l + r;
    SCONCE_CHECK(ValueError, out >= 1, "input (H: {}) is too small. Calculated output H: {}", n, out);
    Tensor index = Tensor::empty({out}, ScalarType::Long);
    for (int64_t o = 0; o < out; ++o) {
      int64_t s = o - l;
      if (mode == IndexMode::Reflect) {
        if (s < 0) s = -s;
        if (s >= n) s = 2 * (n - 1) - s;
      } else if (mode == IndexMode::Replicate) {
        s = std::clamp<int64_t>(s, 0, n - 1);
      } else {
        s = ((s % n) + n) % n;
      }
      index.data<int64_t>()[o] = s;
    }
    x = index_select(x, d, index);
  }
  return x;
}

}  // namespace

Tensor reflectionPad(const Tensor& self, IntArrayRef padding, int64_t spatial) {
  return indexPad(self, padding, spatial, IndexMode::Reflect, fmt::format("reflection_pad{}d", spatial));
}

Tensor replicationPad(const Tensor& self, IntArrayRef padding, int64_t spatial) {
  return indexPad(self, padding, spatial, IndexMode::Replicate, fmt::format("replication_pad{}d", spatial));
}

Tensor pad(const Tensor& self, IntArrayRef padArg, std::string_view mode, std::optional<double> value) {
  if (mode == "constant") return constant_pad_nd(self, padArg, value.value_or(0.0));
  SCONCE_CHECK(ValueError, !value.has_value(), "Padding mode \"{}\" doesn't take in value argument", mode);
  SCONCE_CHECK(ValueError, padArg.size() % 2 == 0, "Padding length must be divisible by 2");
  const int64_t spatial = static_cast<int64_t>(padArg.size()) / 2;
  if (mode == "reflect") return reflectionPad(self, padArg, spatial);
  if (mode == "replicate") return replicationPad(self, padArg, spatial);
  if (mode == "circular") return indexPad(self, padArg, spatial, IndexMode::Circular, "circular_pad");
  fail<ValueError>("Unrecognised padding mode {}", mode);
}

}  // namespace sconce::ops::nn
