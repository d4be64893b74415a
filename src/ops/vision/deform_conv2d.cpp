// torchvision::deform_conv2d: deformable convolution (v1, and v2 with a modulation mask).
//
// Like torchvision's CPU kernel: per image, a deformable im2col gathers each input
// channel at the kernel taps moved by the learned offsets (bilinear, zero outside the
// map), scaled by the mask; one GEMM per weight group then contracts the columns.
#include <fmt/ranges.h>

#include <cmath>

#include "ops/kernels/parallel.h"
#include "ops/nn/matmul.h"
#include "ops/vision/vision_common.h"
#include "ops/vision/vision_kernels.h"

namespace sconce::ops::vision {

namespace {

// Deformable conv's bilinear read: corners outside the map count as zero.
template <class T>
T bilinearZeroPadded(const T* in, int64_t height, int64_t width, T h, T w) {
  if (h <= -1 || height <= h || w <= -1 || width <= w) return 0;
  int64_t hLow = static_cast<int>(std::floor(h)), wLow = static_cast<int>(std::floor(w));
  int64_t hHigh = hLow + 1, wHigh = wLow + 1;
  T lh = h - hLow, lw = w - wLow;
  T hh = 1 - lh, hw = 1 - lw;
  T v1 = hLow >= 0 && wLow >= 0 ? in[hLow * width + wLow] : T(0);
  T v2 = hLow >= 0 && wHigh <= width - 1 ? in[hLow * width + wHigh] : T(0);
  T v3 = hHigh <= height - 1 && wLow >= 0 ? in[hHigh * width + wLow] : T(0);
  T v4 = hHigh <= height - 1 && wHigh <= width - 1 ? in[hHigh * width + wHigh] : T(0);
  return hh * hw * v1 + hh * lw * v2 + lh * hw * v3 + lh * lw * v4;
}

struct DeformGeometry {
  int64_t channels, height, width, kh, kw, outH, outW;
  int64_t strideH, strideW, padH, padW, dilationH, dilationW, offsetGroups;
  bool useMask;
};

// columns[(c * kh + i) * kw + j][y * outW + x] for image `b`.
template <class T>
void deformIm2col(const DeformGeometry& g, const T* input, const T* offset, const T* mask, T* columns) {
  const int64_t plane = g.outH * g.outW;
  const int64_t channelsPerGroup = g.channels / g.offsetGroups;
  parallelFor(0, g.channels, 1, [&](int64_t begin, int64_t end) {
    for (int64_t c = begin; c < end; ++c) {
      const int64_t group = c / channelsPerGroup;
      const T* in = input + c * g.height * g.width;
      const T* off = offset + group * 2 * g.kh * g.kw * plane;
      const T* msk = g.useMask ? mask + group * g.kh * g.kw * plane : nullptr;
      for (int64_t i = 0; i < g.kh; ++i) {
        for (int64_t j = 0; j < g.kw; ++j) {
          const int64_t tap = i * g.kw + j;
          T* col = columns + (c * g.kh * g.kw + tap) * plane;
          for (int64_t y = 0; y < g.outH; ++y) {
            for (int64_t x = 0; x < g.outW; ++x) {
              const int64_t p = y * g.outW + x;
              const T dy = off[2 * tap * plane + p], dx = off[(2 * tap + 1) * plane + p];
              const T sy = static_cast<T>(y * g.strideH - g.padH + i * g.dilationH) + dy;
              const T sx = static_cast<T>(x * g.strideW - g.padW + j * g.dilationW) + dx;
              const T scale = msk ? msk[tap * plane + p] : T(1);
              col[p] = scale * bilinearZeroPadded(in, g.height, g.width, sy, sx);
            }
          }
        }
      }
    }
  });
}

}  // namespace

Tensor deformConv2d(const Tensor& input, const Tensor& weight, const Tensor& offset, const Tensor& mask,
                    const Tensor& bias, int64_t strideH, int64_t strideW, int64_t padH, int64_t padW,
                    int64_t dilationH, int64_t dilationW, int64_t groups, int64_t offsetGroups, bool useMask) {
  const std::string_view op = "deform_conv2d";
  SCONCE_CHECK(ValueError, input.dim() == 4 && weight.dim() == 4 && offset.dim() == 4,
               "torchvision::deform_conv2d: input, weight and offset must be 4-d, got [{}], [{}], [{}]",
               fmt::join(input.sizes(), ", "), fmt::join(weight.sizes(), ", "), fmt::join(offset.sizes(), ", "));
  SCONCE_CHECK(ValueError, input.dtype() == weight.dtype() && input.dtype() == offset.dtype(),
               "torchvision::deform_conv2d: input, weight and offset must have the same dtype");
  SCONCE_CHECK(ValueError, strideH > 0 && strideW > 0 && dilationH > 0 && dilationW > 0 && padH >= 0 && padW >= 0,
               "torchvision::deform_conv2d: stride and dilation must be positive and padding non-negative");
  SCONCE_CHECK(ValueError, groups > 0 && offsetGroups > 0, "torchvision::deform_conv2d: groups must be positive");
  DeformGeometry g{};
  const int64_t batch = input.size(0);
  g.channels = input.size(1);
  g.height = input.size(2);
  g.width = input.size(3);
  g.kh = weight.size(2);
  g.kw = weight.size(3);
  g.strideH = strideH, g.strideW = strideW, g.padH = padH, g.padW = padW;
  g.dilationH = dilationH, g.dilationW = dilationW, g.offsetGroups = offsetGroups, g.useMask = useMask;
  g.outH = (g.height + 2 * padH - (dilationH * (g.kh - 1) + 1)) / strideH + 1;
  g.outW = (g.width + 2 * padW - (dilationW * (g.kw - 1) + 1)) / strideW + 1;
  const int64_t outChannels = weight.size(0);
  SCONCE_CHECK(ValueError, g.outH > 0 && g.outW > 0,
               "torchvision::deform_conv2d: calculated output size too small - out_h: {} out_w: {}", g.outH, g.outW);
  SCONCE_CHECK(ValueError, weight.size(1) * groups == g.channels && outChannels % groups == 0,
               "torchvision::deform_conv2d: weight [{}] does not match {} input channels in {} groups",
               fmt::join(weight.sizes(), ", "), g.channels, groups);
  SCONCE_CHECK(ValueError, g.channels % offsetGroups == 0 && offset.size(0) == batch &&
                               offset.size(1) == offsetGroups * 2 * g.kh * g.kw && offset.size(2) == g.outH &&
                               offset.size(3) == g.outW,
               "torchvision::deform_conv2d: offset should have shape [{}, {}, {}, {}], got [{}]", batch,
               offsetGroups * 2 * g.kh * g.kw, g.outH, g.outW, fmt::join(offset.sizes(), ", "));
  if (useMask)
    SCONCE_CHECK(ValueError, mask.dim() == 4 && mask.size(0) == batch && mask.size(1) == offsetGroups * g.kh * g.kw &&
                                 mask.size(2) == g.outH && mask.size(3) == g.outW && mask.dtype() == input.dtype(),
                 "torchvision::deform_conv2d: mask should have shape [{}, {}, {}, {}], got [{}]", batch,
                 offsetGroups * g.kh * g.kw, g.outH, g.outW, fmt::join(mask.sizes(), ", "));
  SCONCE_CHECK(ValueError, bias.dim() == 1 && bias.size(0) == outChannels,
               "torchvision::deform_conv2d: bias should have {} elements, got shape [{}]", outChannels,
               fmt::join(bias.sizes(), ", "));

  const int64_t plane = g.outH * g.outW;
  Tensor output = Tensor::zeros({batch, outChannels, g.outH, g.outW}, input.dtype());
  if (output.numel() == 0) return output;
  Tensor x = input.contiguous(), off = offset.contiguous(), b = bias.contiguous().toType(input.dtype());
  Tensor msk = useMask ? mask.contiguous() : Tensor();
  // (groups, Cout / groups, Cin / groups * kh * kw): the GEMM's left operand.
  const int64_t k = g.channels / groups * g.kh * g.kw;
  Tensor w = weight.contiguous();
  w = w.asStrided({groups, outChannels / groups, k}, {outChannels / groups * k, k, 1}, w.storageOffset());
  Tensor columns = Tensor::empty({groups, k, plane}, input.dtype());
  dispatchFloating(input, op, [&]<class T>(T) {
    for (int64_t n = 0; n < batch; ++n) {
      deformIm2col<T>(g, x.data<T>() + n * g.channels * g.height * g.width,
                      off.data<T>() + n * off.size(1) * plane, useMask ? msk.data<T>() + n * msk.size(1) * plane : nullptr,
                      columns.data<T>());
      Tensor out = output.asStrided({groups, outChannels / groups, plane}, {outChannels / groups * plane, plane, 1},
                                    n * outChannels * plane);
      T* o = out.data<T>();
      const T* bb = b.data<T>();
      for (int64_t oc = 0; oc < outChannels; ++oc)
        for (int64_t p = 0; p < plane; ++p) o[oc * plane + p] = bb[oc];
      nn::batchedGemm(w, columns, out, Scalar(1.0), Scalar(1.0));
    }
  });
  return output;
}

}  // namespace sconce::ops::vision
