// The smaller torch.nn.functional pieces not in ops/nn: glu, log_sigmoid, the shrink
// activations, rrelu and prelu, cdist/pdist, pad_sequence, the linalg norms,
// nearest-exact upsampling, im2col/col2im (F.unfold/F.fold), affine_grid and
// grid_sample (2-d), and the eval-mode feature_alpha_dropout.
//
// Compositions of core kernels where PyTorch's definitions are (CompositeImplicit), plain
// loops over contiguous data where they are kernels of their own (im2col, grid_sampler).
#include <cmath>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/nn/matmul.h"

namespace sconce::ops {
namespace {

const Tensor& intoOut(const Tensor& out, const Tensor& result) {
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

void checkFloating(const Tensor& t, std::string_view op) {
  SCONCE_CHECK(ValueError, isFloatingType(t.dtype()), "\"{}\" not implemented for '{}'", op,
               scalarTypeName(t.dtype()));
}

// ---- activations -----------------------------------------------------------------------------

Tensor glu(const Tensor& self, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() > 0, "glu does not support scalars because halving size must be even");
  dim = maybeWrapDim(dim, self.dim());
  const int64_t n = self.size(dim);
  SCONCE_CHECK(ValueError, n % 2 == 0, "Halving dimension must be even, but dimension {} is size {}", dim, n);
  checkFloating(self, "glu");
  return mul(narrow(self, dim, 0, n / 2), sigmoid(narrow(self, dim, n / 2, n / 2)));
}

Tensor log_sigmoid(const Tensor& self) {
  checkFloating(self, "log_sigmoid_cpu");
  return sub(clamp_max(self, Scalar(0.0)), log1p(exp(neg(abs(self)))));
}

Tensor softshrink(const Tensor& self, const Scalar& lambd) {
  const double l = lambd.toDouble();
  SCONCE_CHECK(ValueError, l >= 0, "lambda must be greater or equal to 0, but found to be {}.", l);
  checkFloating(self, "softshrink_cpu");
  return where(gt(self, Scalar(l)), sub(self, Scalar(l)),
               where(lt(self, Scalar(-l)), add(self, Scalar(l)), zeros_like(self)));
}

Tensor hardshrink(const Tensor& self, const Scalar& lambd) {
  const double l = lambd.toDouble();
  checkFloating(self, "hardshrink_cpu");
  return where(logical_and(ge(self, Scalar(-l)), le(self, Scalar(l))), zeros_like(self), self);
}

/// rrelu in eval mode: a leaky relu with the mean of the slope range.
Tensor rreluEval(const Tensor& self, const Scalar& lower, const Scalar& upper, bool training) {
  SCONCE_CHECK(UnsupportedError, !training, "rrelu: training mode (random slopes) is not supported");
  return leaky_relu(self, Scalar((lower.toDouble() + upper.toDouble()) / 2));
}

Tensor prelu(const Tensor& self, const Tensor& weight) {
  const int64_t wn = weight.numel();
  if (wn != 1) {
    SCONCE_CHECK(ValueError, self.dim() > 0, "Not allow zero-dim input tensor.");
    const int64_t channels = self.dim() >= 2 ? self.size(1) : 1;
    SCONCE_CHECK(ValueError, channels == wn,
                 "Mismatch of parameter numbers and input channel size. Found parameter numbers = {} and channel "
                 "size = {}.",
                 wn, channels);
  }
  SCONCE_CHECK(ValueError, weight.dim() <= 1, "prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = {}",
               weight.dim());
  Tensor w = weight;
  if (wn != 1 && self.dim() >= 2) {
    Dims shape(self.dim(), 1);
    shape[1] = wn;
    w = reshape(weight, shape);
  } else {
    w = reshape(weight, {});
  }
  return where(gt(self, Scalar(0)), self, mul(w, self));
}

// ---- distances ---------------------------------------------------------------------------------

Tensor cdist(const Tensor& x1, const Tensor& x2, double p, std::optional<int64_t> computeMode) {
  SCONCE_CHECK(ValueError, x1.dim() >= 2, "cdist only supports at least 2D tensors, X1 got: {}D", x1.dim());
  SCONCE_CHECK(ValueError, x2.dim() >= 2, "cdist only supports at least 2D tensors, X2 got: {}D", x2.dim());
  SCONCE_CHECK(ValueError, isFloatingType(x1.dtype()), "cdist only supports floating-point dtypes, X1 got: {}",
               scalarTypeName(x1.dtype()));
  SCONCE_CHECK(ValueError, isFloatingType(x2.dtype()), "cdist only supports floating-point dtypes, X2 got: {}",
               scalarTypeName(x2.dtype()));
  SCONCE_CHECK(ValueError, x1.size(-1) == x2.size(-1),
               "X1 and X2 must have the same number of columns. X1: {} X2: {}", x1.size(-1), x2.size(-1));
  SCONCE_CHECK(ValueError, p >= 0, "cdist only supports non-negative p values");
  // [..., P, 1, M] - [..., 1, R, M] -> [..., P, R]
  const Tensor d = sub(unsqueeze(x1, -2), unsqueeze(x2, -3));
  const Dims last{-1};
  if (d.numel() == 0) {
    Dims shape = broadcastShapes(unsqueeze(x1, -2).sizes(), unsqueeze(x2, -3).sizes());
    shape.pop_back();
    return zeros(shape, x1.dtype());
  }
  return linalg_vector_norm(d, Scalar(p), IntArrayRef(last), false);
}

Tensor pdist(const Tensor& self, double p) {
  SCONCE_CHECK(ValueError, self.dim() == 2, "pdist only supports 2D tensors, got: {}D", self.dim());
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()), "pdist only supports floating-point dtypes");
  SCONCE_CHECK(ValueError, p >= 0, "pdist only supports non-negative p values");
  const int64_t n = self.size(0);
  if (n <= 1) return empty({0}, self.dtype());
  const Tensor idx = triu_indices(n, n, 1);
  const Tensor a = index_select(self, 0, select(idx, 0, 0)), b = index_select(self, 0, select(idx, 0, 1));
  const Dims last{-1};
  return linalg_vector_norm(sub(a, b), Scalar(p), IntArrayRef(last), false);
}

// ---- sequences -----------------------------------------------------------------------------------

Tensor pad_sequence(const std::vector<Tensor>& sequences, bool batchFirst, double paddingValue,
                    const std::string& paddingSide) {
  SCONCE_CHECK(ValueError, !sequences.empty(), "received an empty list of sequences");
  SCONCE_CHECK(ValueError, paddingSide == "left" || paddingSide == "right",
               "Expected padding_side to be one of left or right, but got {}.", paddingSide);
  int64_t maxLen = 0;
  for (const Tensor& s : sequences) {
    SCONCE_CHECK(ValueError, s.dim() >= 1, "pad_sequence: expected every sequence to have at least one dimension");
    maxLen = std::max(maxLen, s.size(0));
  }
  const Tensor& first = sequences[0];
  Dims shape{maxLen, static_cast<int64_t>(sequences.size())};
  if (batchFirst) std::swap(shape[0], shape[1]);
  for (int64_t d = 1; d < first.dim(); ++d) shape.push_back(first.size(d));
  Tensor out = full(shape, Scalar(paddingValue), first.dtype());
  for (size_t i = 0; i < sequences.size(); ++i) {
    const Tensor& s = sequences[i];
    const int64_t len = s.size(0), start = paddingSide == "left" ? maxLen - len : 0;
    Tensor row = batchFirst ? select(out, 0, static_cast<int64_t>(i)) : select(out, 1, static_cast<int64_t>(i));
    copy_(narrow(row, 0, start, len), s);
  }
  return out;
}

// ---- linalg norms ------------------------------------------------------------------------------------

Tensor linalg_matrix_norm(const Tensor& self, const Scalar& ordS, const std::vector<int64_t>& dimIn, bool keepdim,
                          std::optional<ScalarType> dtype) {
  SCONCE_CHECK(ValueError, self.dim() >= 2,
               "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
  SCONCE_CHECK(ValueError, dimIn.size() == 2, "linalg.matrix_norm: dim must be a 2-tuple. Got {}", dimIn.size());
  int64_t d0 = maybeWrapDim(dimIn[0], self.dim()), d1 = maybeWrapDim(dimIn[1], self.dim());
  SCONCE_CHECK(ValueError, d0 != d1, "linalg.matrix_norm: dims must be different. Got ({}, {})", dimIn[0], dimIn[1]);
  const double ord = ordS.toDouble(), absOrd = std::fabs(ord);
  SCONCE_CHECK(ValueError, absOrd == 2 || absOrd == 1 || absOrd == INFINITY,
               "linalg.matrix_norm: Order {} not supported.", ord);
  SCONCE_CHECK(UnsupportedError, absOrd != 2,
               "linalg.matrix_norm: ord=+-2 needs singular values, which Sconce does not compute yet");
  if (absOrd == INFINITY) std::swap(d0, d1);
  if (!keepdim && d0 < d1) --d1;
  const Dims first{d0};
  const Tensor s = linalg_vector_norm(self, Scalar(1.0), IntArrayRef(first), keepdim, dtype);
  const Dims second{d1};
  return ord > 0 ? amax(s, second, keepdim) : amin(s, second, keepdim);
}

Tensor linalg_matrix_norm(const Tensor& self, const std::string& ord, const std::vector<int64_t>& dim, bool keepdim,
                          std::optional<ScalarType> dtype) {
  SCONCE_CHECK(ValueError, ord == "fro" || ord == "nuc", "linalg.matrix_norm: Order {} not supported.", ord);
  SCONCE_CHECK(UnsupportedError, ord == "fro",
               "linalg.matrix_norm: ord='nuc' needs singular values, which Sconce does not compute yet");
  SCONCE_CHECK(ValueError, self.dim() >= 2,
               "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
  const Dims d(dim.begin(), dim.end());
  return linalg_vector_norm(self, Scalar(2.0), IntArrayRef(d), keepdim, dtype);
}

Tensor linalg_norm(const Tensor& self, const std::optional<Scalar>& ord, const std::optional<std::vector<int64_t>>& dim,
                   bool keepdim, std::optional<ScalarType> dtype) {
  if (dim) SCONCE_CHECK(ValueError, dim->size() == 1 || dim->size() == 2,
                        "linalg.norm: If dim is specified, it must be of length 1 or 2. Got [{}]", dim->size());
  else if (ord)
    SCONCE_CHECK(ValueError, self.dim() == 1 || self.dim() == 2,
                 "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {}D.", self.dim());
  if (ord && ((dim && dim->size() == 2) || (!dim && self.dim() == 2)))
    return linalg_matrix_norm(self, *ord, dim ? *dim : std::vector<int64_t>{0, 1}, keepdim, dtype);
  std::optional<Dims> d;
  if (dim) d = Dims(dim->begin(), dim->end());
  return linalg_vector_norm(self, ord.value_or(Scalar(2.0)), d ? std::optional<IntArrayRef>(*d) : std::nullopt,
                            keepdim, dtype);
}

Tensor linalg_norm(const Tensor& self, const std::string& ord, const std::optional<std::vector<int64_t>>& dim,
                   bool keepdim, std::optional<ScalarType> dtype) {
  if (dim) SCONCE_CHECK(ValueError, dim->size() == 2,
                        "linalg.norm: If dim is specified, it mut be of length 2. Got [{}]", dim->size());
  else
    SCONCE_CHECK(ValueError, self.dim() == 2,
                 "linalg.norm: If dim is not specified but ord is, the input must be 2D. Got {}D.", self.dim());
  return linalg_matrix_norm(self, ord, dim ? *dim : std::vector<int64_t>{0, 1}, keepdim, dtype);
}

// ---- nearest-exact upsampling --------------------------------------------------------------------------

/// Resamples spatial dim `dim` of `x` to `outSize` with nearest-exact source indices
/// min(floor((i + 0.5) * scale), in - 1), scale = 1 / scaleFactor or in / out, in float.
Tensor nearestExactAlong(const Tensor& x, int64_t dim, int64_t outSize, std::optional<double> scaleFactor) {
  const int64_t in = x.size(dim);
  const float scale = scaleFactor && *scaleFactor > 0 ? static_cast<float>(1.0 / *scaleFactor)
                                                      : static_cast<float>(in) / static_cast<float>(outSize);
  Tensor idx = empty({outSize}, ScalarType::Long);
  for (int64_t i = 0; i < outSize; ++i)
    idx.data<int64_t>()[i] = std::min(static_cast<int64_t>(std::floor((static_cast<float>(i) + 0.5f) * scale)), in - 1);
  return index_select(x, dim, idx);
}

Tensor upsampleNearestExact(const Tensor& self, const std::vector<int64_t>& outputSize,
                            const std::vector<std::optional<double>>& scales) {
  const int64_t spatial = static_cast<int64_t>(outputSize.size());
  SCONCE_CHECK(ValueError, self.dim() == spatial + 2, "Expected {}D input (got {}D input)", spatial + 2, self.dim());
  for (int64_t i = 0; i < spatial; ++i)
    SCONCE_CHECK(ValueError, self.size(i + 2) > 0 && outputSize[i] > 0,
                 "Input and output sizes should be greater than 0, but got input (D: {}) and output (D: {})",
                 self.size(i + 2), outputSize[i]);
  Tensor x = self;
  for (int64_t i = 0; i < spatial; ++i) x = nearestExactAlong(x, i + 2, outputSize[i], scales[i]);
  return contiguous(x);
}

Tensor upsampleNearestExactVec(const Tensor& input, const std::optional<std::vector<int64_t>>& outputSize,
                               const std::optional<std::vector<double>>& scaleFactors, int64_t spatial) {
  SCONCE_CHECK(ValueError, outputSize.has_value() != scaleFactors.has_value(),
               "Must specify exactly one of output_size and scale_factors");
  std::vector<int64_t> size;
  std::vector<std::optional<double>> scales(spatial);
  if (outputSize) {
    size = *outputSize;
  } else {
    SCONCE_CHECK(ValueError, static_cast<int64_t>(scaleFactors->size()) == spatial,
                 "It is expected scale_factors has {} elements, but got {} elements", spatial, scaleFactors->size());
    for (int64_t i = 0; i < spatial; ++i) {
      size.push_back(static_cast<int64_t>(std::floor(static_cast<double>(input.size(i + 2)) * (*scaleFactors)[i])));
      scales[i] = (*scaleFactors)[i];
    }
  }
  return upsampleNearestExact(input, size, scales);
}

// ---- im2col / col2im ----------------------------------------------------------------------------------

struct Window {
  int64_t kh, kw, dh, dw, ph, pw, sh, sw;
};

Window windowOf(const std::vector<int64_t>& k, const std::vector<int64_t>& d, const std::vector<int64_t>& p,
                const std::vector<int64_t>& s, std::string_view op) {
  auto two = [&](const std::vector<int64_t>& v, const char* name) {
    SCONCE_CHECK(ValueError, v.size() == 2, "{}: It is expected {} equals to 2, but got size {}", op, name, v.size());
    return v;
  };
  two(k, "kernel_size"), two(d, "dilation"), two(p, "padding"), two(s, "stride");
  SCONCE_CHECK(ValueError, k[0] > 0 && k[1] > 0, "kernel size should be greater than zero, but got kernel_height: {} kernel_width: {}", k[0], k[1]);
  SCONCE_CHECK(ValueError, s[0] > 0 && s[1] > 0, "stride should be greater than zero, but got stride_height: {} stride_width: {}", s[0], s[1]);
  SCONCE_CHECK(ValueError, d[0] > 0 && d[1] > 0, "dilation should be greater than zero, but got dilation_height: {} dilation_width: {}", d[0], d[1]);
  SCONCE_CHECK(ValueError, p[0] >= 0 && p[1] >= 0, "padding should be non-negative, but got pad_height: {} pad_width: {}", p[0], p[1]);
  return {k[0], k[1], d[0], d[1], p[0], p[1], s[0], s[1]};
}

Tensor im2col(const Tensor& self, const std::vector<int64_t>& kernel, const std::vector<int64_t>& dilation,
              const std::vector<int64_t>& padding, const std::vector<int64_t>& stride) {
  const Window w = windowOf(kernel, dilation, padding, stride, "im2col");
  SCONCE_CHECK(ValueError, self.dim() == 3 || self.dim() == 4,
               "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for "
               "input, but got: {}D",
               self.dim());
  const bool batched = self.dim() == 4;
  const Tensor x = to(batched ? self : unsqueeze(self, 0), ScalarType::Double).contiguous();
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
  const int64_t oh = (h + 2 * w.ph - (w.dh * (w.kh - 1) + 1)) / w.sh + 1;
  const int64_t ow = (wd + 2 * w.pw - (w.dw * (w.kw - 1) + 1)) / w.sw + 1;
  SCONCE_CHECK(ValueError, oh >= 1 && ow >= 1,
               "Given input with spatial size ({}, {}), kernel_size=({}, {}), dilation=({}, {}), padding=({}, {}), "
               "calculated shape of the array of sliding blocks as ({}, {}), but its components must be at least "
               "one.",
               h, wd, w.kh, w.kw, w.dh, w.dw, w.ph, w.pw, oh, ow);
  Tensor out = zeros({n, c * w.kh * w.kw, oh * ow}, ScalarType::Double);
  const double* src = x.data<double>();
  double* dst = out.data<double>();
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t i = 0; i < w.kh; ++i)
        for (int64_t j = 0; j < w.kw; ++j) {
          const int64_t row = (ch * w.kh + i) * w.kw + j;
          double* o = dst + (b * c * w.kh * w.kw + row) * oh * ow;
          for (int64_t y = 0; y < oh; ++y)
            for (int64_t xx = 0; xx < ow; ++xx) {
              const int64_t iy = y * w.sh - w.ph + i * w.dh, ix = xx * w.sw - w.pw + j * w.dw;
              o[y * ow + xx] = iy >= 0 && iy < h && ix >= 0 && ix < wd ? src[((b * c + ch) * h + iy) * wd + ix] : 0;
            }
        }
  const Tensor r = to(out, self.dtype());
  return batched ? r : squeeze(r, 0);
}

Tensor col2im(const Tensor& self, const std::vector<int64_t>& outputSize, const std::vector<int64_t>& kernel,
              const std::vector<int64_t>& dilation, const std::vector<int64_t>& padding,
              const std::vector<int64_t>& stride) {
  const Window w = windowOf(kernel, dilation, padding, stride, "col2im");
  SCONCE_CHECK(ValueError, outputSize.size() == 2, "It is expected output_size equals to 2, but got size {}",
               outputSize.size());
  SCONCE_CHECK(ValueError, self.dim() == 2 || self.dim() == 3,
               "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for "
               "input, but got: {}D",
               self.dim());
  const bool batched = self.dim() == 3;
  const Tensor x = to(batched ? self : unsqueeze(self, 0), ScalarType::Double).contiguous();
  const int64_t h = outputSize[0], wd = outputSize[1];
  const int64_t n = x.size(0), rows = x.size(1), blocks = x.size(2);
  SCONCE_CHECK(ValueError, rows % (w.kh * w.kw) == 0,
               "Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got "
               "input.size(1)={} and kernel_size=({}, {}).",
               rows, w.kh, w.kw);
  const int64_t c = rows / (w.kh * w.kw);
  const int64_t oh = (h + 2 * w.ph - (w.dh * (w.kh - 1) + 1)) / w.sh + 1;
  const int64_t ow = (wd + 2 * w.pw - (w.dw * (w.kw - 1) + 1)) / w.sw + 1;
  SCONCE_CHECK(ValueError, oh * ow == blocks,
               "Given output_size=({}, {}), kernel_size=({}, {}), dilation=({}, {}), padding=({}, {}), stride=({}, "
               "{}), expected size of input's dimension 2 to match the calculated number of sliding blocks {} * {} = "
               "{}, but got input.size(2)={}.",
               h, wd, w.kh, w.kw, w.dh, w.dw, w.ph, w.pw, w.sh, w.sw, oh, ow, oh * ow, blocks);
  Tensor out = zeros({n, c, h, wd}, ScalarType::Double);
  const double* src = x.data<double>();
  double* dst = out.data<double>();
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t i = 0; i < w.kh; ++i)
        for (int64_t j = 0; j < w.kw; ++j) {
          const int64_t row = (ch * w.kh + i) * w.kw + j;
          const double* s = src + (b * rows + row) * blocks;
          for (int64_t y = 0; y < oh; ++y)
            for (int64_t xx = 0; xx < ow; ++xx) {
              const int64_t iy = y * w.sh - w.ph + i * w.dh, ix = xx * w.sw - w.pw + j * w.dw;
              if (iy >= 0 && iy < h && ix >= 0 && ix < wd) dst[((b * c + ch) * h + iy) * wd + ix] += s[y * ow + xx];
            }
        }
  const Tensor r = to(out, self.dtype());
  return batched ? r : squeeze(r, 0);
}

// ---- affine_grid / grid_sample ----------------------------------------------------------------------

/// linspace(-1, 1, n), scaled by (n - 1) / n unless align_corners.
Tensor gridLine(int64_t n, bool alignCorners, ScalarType dtype) {
  if (n <= 1) return zeros({std::max<int64_t>(n, 0)}, dtype);
  Tensor l = linspace(Scalar(-1.0), Scalar(1.0), n, dtype);
  return alignCorners ? l : mul(l, Scalar(static_cast<double>(n - 1) / static_cast<double>(n)));
}

Tensor affine_grid_generator(const Tensor& theta, const std::vector<int64_t>& size, bool alignCorners) {
  SCONCE_CHECK(ValueError, size.size() == 4 || size.size() == 5,
               "AffineGridGenerator needs 4d (spatial) or 5d (volumetric) inputs.");
  checkFloating(theta, "affine_grid_generator");
  const int64_t n = size[0];
  if (size.size() == 4) {
    const int64_t h = size[2], w = size[3];
    Tensor base = empty({h, w, 3}, theta.dtype());
    copy_(select(base, 2, 0), expand(unsqueeze(gridLine(w, alignCorners, theta.dtype()), 0), {h, w}));
    copy_(select(base, 2, 1), expand(unsqueeze(gridLine(h, alignCorners, theta.dtype()), 1), {h, w}));
    fill_(select(base, 2, 2), Scalar(1.0));
    const Tensor grid = nn::matmul(expand(reshape(base, {1, h * w, 3}), {n, h * w, 3}), transpose(theta, 1, 2));
    return reshape(grid, {n, h, w, 2});
  }
  const int64_t d = size[2], h = size[3], w = size[4];
  Tensor base = empty({d, h, w, 4}, theta.dtype());
  copy_(select(base, 3, 0), expand(reshape(gridLine(w, alignCorners, theta.dtype()), {1, 1, w}), {d, h, w}));
  copy_(select(base, 3, 1), expand(reshape(gridLine(h, alignCorners, theta.dtype()), {1, h, 1}), {d, h, w}));
  copy_(select(base, 3, 2), expand(reshape(gridLine(d, alignCorners, theta.dtype()), {d, 1, 1}), {d, h, w}));
  fill_(select(base, 3, 3), Scalar(1.0));
  const Tensor grid = nn::matmul(expand(reshape(base, {1, d * h * w, 4}), {n, d * h * w, 4}), transpose(theta, 1, 2));
  return reshape(grid, {n, d, h, w, 3});
}

/// ATen's grid_sampler_compute_source_index: unnormalize, then apply the padding mode
/// (0 zeros, 1 border, 2 reflection).
double sourceIndex(double coord, int64_t size, int64_t padding, bool alignCorners) {
  coord = alignCorners ? (coord + 1) / 2 * static_cast<double>(size - 1)
                       : ((coord + 1) * static_cast<double>(size) - 1) / 2;
  auto clip = [&](double x) { return std::min(static_cast<double>(size - 1), std::max(x, 0.0)); };
  auto reflect = [](double x, double twiceLow, double twiceHigh) {
    if (twiceLow == twiceHigh) return 0.0;
    const double mn = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
    x = std::fabs(x - mn);
    const double extra = std::fmod(x, span);
    const int64_t flips = static_cast<int64_t>(std::floor(x / span));
    return flips % 2 == 0 ? extra + mn : span - extra + mn;
  };
  if (padding == 1) {
    coord = clip(coord);
  } else if (padding == 2) {
    coord = alignCorners ? reflect(coord, 0, 2 * static_cast<double>(size - 1))
                         : reflect(coord, -1, 2 * static_cast<double>(size) - 1);
    coord = clip(coord);
  }
  return coord;
}

double cubicConv1(double x, double a) { return ((a + 2) * x - (a + 3)) * x * x + 1; }
double cubicConv2(double x, double a) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; }

Tensor grid_sampler_2d(const Tensor& input, const Tensor& grid, int64_t interpolation, int64_t padding,
                       bool alignCorners) {
  SCONCE_CHECK(ValueError, input.dim() == 4 && grid.dim() == 4 && grid.size(3) == 2,
               "grid_sampler(): expected 4D input and grid with same number of dimensions, but got input with sizes "
               "{} and grid with sizes {}",
               input.dim(), grid.dim());
  SCONCE_CHECK(ValueError, input.size(0) == grid.size(0),
               "grid_sampler(): expected grid and input to have same batch size, but got input with sizes [{}] and "
               "grid with sizes [{}]",
               input.size(0), grid.size(0));
  SCONCE_CHECK(ValueError, interpolation >= 0 && interpolation <= 2, "grid_sampler(): invalid interpolation mode {}",
               interpolation);
  checkFloating(input, "grid_sampler_2d_cpu");
  const Tensor x = to(input, ScalarType::Double).contiguous(), g = to(grid, ScalarType::Double).contiguous();
  const int64_t n = x.size(0), c = x.size(1), ih = x.size(2), iw = x.size(3), oh = g.size(1), ow = g.size(2);
  Tensor out = zeros({n, c, oh, ow}, ScalarType::Double);
  const double* src = x.data<double>();
  const double* gp = g.data<double>();
  double* dst = out.data<double>();
  for (int64_t b = 0; b < n; ++b) {
    const double* plane0 = src + b * c * ih * iw;
    auto at = [&](int64_t ch, int64_t y, int64_t xx) -> double {
      if (y < 0 || y >= ih || xx < 0 || xx >= iw) return 0.0;
      return plane0[(ch * ih + y) * iw + xx];
    };
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t xx = 0; xx < ow; ++xx) {
        const double* gg = gp + ((b * oh + y) * ow + xx) * 2;
        double* o = dst + b * c * oh * ow + y * ow + xx;
        if (interpolation == 2) {  // bicubic: unnormalized coordinates, padding applied per tap
          const double fx = alignCorners ? (gg[0] + 1) / 2 * static_cast<double>(iw - 1)
                                         : ((gg[0] + 1) * static_cast<double>(iw) - 1) / 2;
          const double fy = alignCorners ? (gg[1] + 1) / 2 * static_cast<double>(ih - 1)
                                         : ((gg[1] + 1) * static_cast<double>(ih) - 1) / 2;
          const double x0 = std::floor(fx), y0 = std::floor(fy), tx = fx - x0, ty = fy - y0;
          const double a = -0.75;
          const double wx[4] = {cubicConv2(tx + 1, a), cubicConv1(tx, a), cubicConv1(1 - tx, a), cubicConv2(2 - tx, a)};
          const double wy[4] = {cubicConv2(ty + 1, a), cubicConv1(ty, a), cubicConv1(1 - ty, a), cubicConv2(2 - ty, a)};
          auto tap = [&](int64_t ch, double yy, double xv) {
            auto pad = [&](double v, int64_t size) {
              if (padding == 0) return v;
              const double norm = alignCorners ? v / static_cast<double>(size - 1) * 2 - 1
                                               : (2 * v + 1) / static_cast<double>(size) - 1;
              return sourceIndex(norm, size, padding, alignCorners);
            };
            return at(ch, static_cast<int64_t>(pad(yy, ih)), static_cast<int64_t>(pad(xv, iw)));
          };
          for (int64_t ch = 0; ch < c; ++ch) {
            double acc = 0;
            for (int i = 0; i < 4; ++i)
              for (int j = 0; j < 4; ++j) acc += wy[i] * wx[j] * tap(ch, y0 - 1 + i, x0 - 1 + j);
            o[ch * oh * ow] = acc;
          }
          continue;
        }
        const double sx = sourceIndex(gg[0], iw, padding, alignCorners);
        const double sy = sourceIndex(gg[1], ih, padding, alignCorners);
        if (interpolation == 1) {  // nearest, rounding half to even
          const int64_t nx = static_cast<int64_t>(std::nearbyint(sx)), ny = static_cast<int64_t>(std::nearbyint(sy));
          for (int64_t ch = 0; ch < c; ++ch) o[ch * oh * ow] = at(ch, ny, nx);
          continue;
        }
        const double x0 = std::floor(sx), y0 = std::floor(sy), tx = sx - x0, ty = sy - y0;
        const int64_t ix = static_cast<int64_t>(x0), iy = static_cast<int64_t>(y0);
        for (int64_t ch = 0; ch < c; ++ch)
          o[ch * oh * ow] = at(ch, iy, ix) * (1 - tx) * (1 - ty) + at(ch, iy, ix + 1) * tx * (1 - ty) +
                            at(ch, iy + 1, ix) * (1 - tx) * ty + at(ch, iy + 1, ix + 1) * tx * ty;
      }
  }
  return to(out, input.dtype());
}

/// aten::_nested_tensor_from_mask_left_aligned(t, mask): whether nn.TransformerEncoder may
/// take its nested-tensor fast path. Sconce has no nested tensors, so it answers False and
/// the generated code takes the regular (padded) path, which computes the same values.
bool nestedTensorFromMaskLeftAligned(const Tensor&, const Tensor&) { return false; }

}  // namespace

void registerExtraNnKernels(OperatorRegistry& r) {
  r.registerKernel("aten::glu", boxed<glu>);
  r.registerKernel("aten::glu.out", boxed<[](const Tensor& s, int64_t d, const Tensor& out) {
                     return intoOut(out, glu(s, d));
                   }>);
  r.registerKernel("aten::log_sigmoid", boxed<log_sigmoid>);
  r.registerKernel("aten::log_sigmoid.out", boxed<[](const Tensor& s, const Tensor& out) {
                     return intoOut(out, log_sigmoid(s));
                   }>);
  r.registerKernel("aten::softshrink", boxed<softshrink>);
  r.registerKernel("aten::softshrink.out", boxed<[](const Tensor& s, const Scalar& l, const Tensor& out) {
                     return intoOut(out, softshrink(s, l));
                   }>);
  r.registerKernel("aten::hardshrink", boxed<hardshrink>);
  r.registerKernel("aten::hardshrink.out", boxed<[](const Tensor& s, const Scalar& l, const Tensor& out) {
                     return intoOut(out, hardshrink(s, l));
                   }>);
  r.registerKernel("aten::rrelu", boxed<[](const Tensor& s, const Scalar& lo, const Scalar& hi, bool training, IValue) {
                     return rreluEval(s, lo, hi, training);
                   }>);
  r.registerKernel("aten::rrelu_", boxed<[](const Tensor& s, const Scalar& lo, const Scalar& hi, bool training, IValue) {
                     copy_(s, rreluEval(s, lo, hi, training));
                     return s;
                   }>);
  r.registerKernel("aten::rrelu_with_noise", boxed<[](const Tensor& s, const Tensor&, const Scalar& lo,
                                                      const Scalar& hi, bool training, IValue) {
                     return rreluEval(s, lo, hi, training);
                   }>);
  r.registerKernel("aten::rrelu_with_noise_", boxed<[](const Tensor& s, const Tensor&, const Scalar& lo,
                                                       const Scalar& hi, bool training, IValue) {
                     copy_(s, rreluEval(s, lo, hi, training));
                     return s;
                   }>);
  r.registerKernel("aten::prelu", boxed<prelu>);
  r.registerKernel("aten::prelu.out", boxed<[](const Tensor& s, const Tensor& w, const Tensor& out) {
                     return intoOut(out, prelu(s, w));
                   }>);
  r.registerKernel("aten::_prelu_kernel", boxed<[](const Tensor& s, const Tensor& w) {
                     return where(gt(s, Scalar(0)), s, mul(w, s));
                   }>);
  r.registerKernel("aten::feature_alpha_dropout", boxed<[](const Tensor& input, double p, bool train) {
                     SCONCE_CHECK(UnsupportedError, !train, "feature_alpha_dropout: training mode is not supported");
                     return input;
                   }>);
  r.registerKernel("aten::feature_alpha_dropout_", boxed<[](const Tensor& self, double p, bool train) {
                     SCONCE_CHECK(UnsupportedError, !train, "feature_alpha_dropout_: training mode is not supported");
                     return self;
                   }>);

  r.registerKernel("aten::cdist", boxed<cdist>);
  r.registerKernel("aten::_cdist_forward", boxed<cdist>);
  r.registerKernel("aten::_cdist_forward.out", boxed<[](const Tensor& a, const Tensor& b, double p,
                                                        std::optional<int64_t> m, const Tensor& out) {
                     return intoOut(out, cdist(a, b, p, m));
                   }>);
  r.registerKernel("aten::pdist", boxed<pdist>);
  r.registerKernel("aten::pad_sequence", boxed<pad_sequence>);

  using MN = Tensor (*)(const Tensor&, const Scalar&, const std::vector<int64_t>&, bool, std::optional<ScalarType>);
  using MNS = Tensor (*)(const Tensor&, const std::string&, const std::vector<int64_t>&, bool, std::optional<ScalarType>);
  using LN = Tensor (*)(const Tensor&, const std::optional<Scalar>&, const std::optional<std::vector<int64_t>>&, bool,
                        std::optional<ScalarType>);
  using LNS = Tensor (*)(const Tensor&, const std::string&, const std::optional<std::vector<int64_t>>&, bool,
                         std::optional<ScalarType>);
  r.registerKernel("aten::linalg_matrix_norm", boxed<static_cast<MN>(&linalg_matrix_norm)>);
  r.registerKernel("aten::linalg_matrix_norm.str_ord", boxed<static_cast<MNS>(&linalg_matrix_norm)>);
  r.registerKernel("aten::linalg_matrix_norm.out",
                   boxed<[](const Tensor& s, const Scalar& o, std::vector<int64_t> d, bool k,
                            std::optional<ScalarType> t, const Tensor& out) {
                     return intoOut(out, linalg_matrix_norm(s, o, d, k, t));
                   }>);
  r.registerKernel("aten::linalg_matrix_norm.str_ord_out",
                   boxed<[](const Tensor& s, std::string o, std::vector<int64_t> d, bool k,
                            std::optional<ScalarType> t, const Tensor& out) {
                     return intoOut(out, linalg_matrix_norm(s, o, d, k, t));
                   }>);
  r.registerKernel("aten::linalg_norm", boxed<static_cast<LN>(&linalg_norm)>);
  r.registerKernel("aten::linalg_norm.ord_str", boxed<static_cast<LNS>(&linalg_norm)>);
  r.registerKernel("aten::linalg_norm.out",
                   boxed<[](const Tensor& s, std::optional<Scalar> o, std::optional<std::vector<int64_t>> d, bool k,
                            std::optional<ScalarType> t, const Tensor& out) {
                     return intoOut(out, linalg_norm(s, o, d, k, t));
                   }>);
  r.registerKernel("aten::linalg_norm.ord_str_out",
                   boxed<[](const Tensor& s, std::string o, std::optional<std::vector<int64_t>> d, bool k,
                            std::optional<ScalarType> t, const Tensor& out) {
                     return intoOut(out, linalg_norm(s, o, d, k, t));
                   }>);

  r.registerKernel("aten::_upsample_nearest_exact1d", boxed<[](const Tensor& s, std::vector<int64_t> size,
                                                               std::optional<double> sc) {
                     return upsampleNearestExact(s, size, {sc});
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact2d", boxed<[](const Tensor& s, std::vector<int64_t> size,
                                                               std::optional<double> h, std::optional<double> w) {
                     return upsampleNearestExact(s, size, {h, w});
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact3d",
                   boxed<[](const Tensor& s, std::vector<int64_t> size, std::optional<double> d,
                            std::optional<double> h, std::optional<double> w) {
                     return upsampleNearestExact(s, size, {d, h, w});
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact1d.vec",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc) { return upsampleNearestExactVec(s, size, sc, 1); }>);
  r.registerKernel("aten::_upsample_nearest_exact2d.vec",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc) { return upsampleNearestExactVec(s, size, sc, 2); }>);
  r.registerKernel("aten::_upsample_nearest_exact3d.vec",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc) { return upsampleNearestExactVec(s, size, sc, 3); }>);

  r.registerKernel("aten::_upsample_nearest_exact1d.out",
                   boxed<[](const Tensor& s, std::vector<int64_t> size, std::optional<double> sc, const Tensor& out) {
                     return intoOut(out, upsampleNearestExact(s, size, {sc}));
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact2d.out",
                   boxed<[](const Tensor& s, std::vector<int64_t> size, std::optional<double> h, std::optional<double> w,
                            const Tensor& out) { return intoOut(out, upsampleNearestExact(s, size, {h, w})); }>);
  r.registerKernel("aten::_upsample_nearest_exact3d.out",
                   boxed<[](const Tensor& s, std::vector<int64_t> size, std::optional<double> d, std::optional<double> h,
                            std::optional<double> w, const Tensor& out) {
                     return intoOut(out, upsampleNearestExact(s, size, {d, h, w}));
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact1d.vec_out",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc, const Tensor& out) {
                     return intoOut(out, upsampleNearestExactVec(s, size, sc, 1));
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact2d.vec_out",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc, const Tensor& out) {
                     return intoOut(out, upsampleNearestExactVec(s, size, sc, 2));
                   }>);
  r.registerKernel("aten::_upsample_nearest_exact3d.vec_out",
                   boxed<[](const Tensor& s, std::optional<std::vector<int64_t>> size,
                            std::optional<std::vector<double>> sc, const Tensor& out) {
                     return intoOut(out, upsampleNearestExactVec(s, size, sc, 3));
                   }>);

  r.registerKernel("aten::im2col", boxed<im2col>);
  r.registerKernel("aten::im2col.out", boxed<[](const Tensor& s, std::vector<int64_t> k, std::vector<int64_t> d,
                                                std::vector<int64_t> p, std::vector<int64_t> st, const Tensor& out) {
                     return intoOut(out, im2col(s, k, d, p, st));
                   }>);
  r.registerKernel("aten::col2im", boxed<col2im>);
  r.registerKernel("aten::col2im.out",
                   boxed<[](const Tensor& s, std::vector<int64_t> o, std::vector<int64_t> k, std::vector<int64_t> d,
                            std::vector<int64_t> p, std::vector<int64_t> st, const Tensor& out) {
                     return intoOut(out, col2im(s, o, k, d, p, st));
                   }>);
  r.registerKernel("aten::affine_grid_generator", boxed<affine_grid_generator>);
  r.registerKernel("aten::affine_grid_generator.out",
                   boxed<[](const Tensor& t, std::vector<int64_t> size, bool a, const Tensor& out) {
                     return intoOut(out, affine_grid_generator(t, size, a));
                   }>);
  r.registerKernel("aten::grid_sampler_2d", boxed<grid_sampler_2d>);
  r.registerKernel("aten::grid_sampler_2d.out", boxed<[](const Tensor& i, const Tensor& g, int64_t m, int64_t p, bool a,
                                                         const Tensor& out) {
                     return intoOut(out, grid_sampler_2d(i, g, m, p, a));
                   }>);
  r.registerKernel("aten::grid_sampler", boxed<[](const Tensor& i, const Tensor& g, int64_t m, int64_t p, bool a) {
                     SCONCE_CHECK(UnsupportedError, i.dim() == 4, "grid_sampler: only 4-D (2-d spatial) inputs are supported");
                     return grid_sampler_2d(i, g, m, p, a);
                   }>);
  r.registerKernel("aten::_nested_tensor_from_mask_left_aligned", boxed<nestedTensorFromMaskLeftAligned>);
}

}  // namespace sconce::ops
