// torchvision::roi_pool and torchvision::ps_roi_pool: max / average pooling over the
// integer bins of each roi (Fast R-CNN, R-FCN), as torchvision's CPU kernels do it.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "ops/kernels/parallel.h"
#include "ops/vision/vision_common.h"
#include "ops/vision/vision_kernels.h"

namespace sconce::ops::vision {

namespace {

// A roi rounded to feature-map pixels. roi_pool counts both end pixels (+1), ps_roi_pool
// does not; both force a malformed roi to 1 x 1.
template <class T>
struct PixelRoi {
  int64_t batch = 0, startH = 0, startW = 0;
  T binH = 0, binW = 0;
};

template <class T>
PixelRoi<T> pixelRoi(const T* roi, T spatialScale, int64_t pooledHeight, int64_t pooledWidth, int endInclusive) {
  PixelRoi<T> p;
  p.batch = static_cast<int>(roi[0]);
  p.startW = static_cast<int>(std::round(roi[1] * spatialScale));
  p.startH = static_cast<int>(std::round(roi[2] * spatialScale));
  int64_t endW = static_cast<int>(std::round(roi[3] * spatialScale));
  int64_t endH = static_cast<int>(std::round(roi[4] * spatialScale));
  int64_t roiWidth = std::max<int64_t>(endW - p.startW + endInclusive, 1);
  int64_t roiHeight = std::max<int64_t>(endH - p.startH + endInclusive, 1);
  p.binH = static_cast<T>(roiHeight) / static_cast<T>(pooledHeight);
  p.binW = static_cast<T>(roiWidth) / static_cast<T>(pooledWidth);
  return p;
}

// The pixel range [start, end) of bin `i`, shifted by the roi start and clipped to [0, limit].
template <class T>
std::pair<int64_t, int64_t> binRange(int64_t i, T binSize, int64_t roiStart, int64_t limit) {
  int64_t start = static_cast<int>(std::floor(static_cast<T>(i) * binSize));
  int64_t end = static_cast<int>(std::ceil(static_cast<T>(i + 1) * binSize));
  return {std::min(std::max<int64_t>(start + roiStart, 0), limit), std::min(std::max<int64_t>(end + roiStart, 0), limit)};
}

template <class T>
void roiPoolImpl(const Tensor& input, const Tensor& rois, T spatialScale, int64_t pooledHeight, int64_t pooledWidth,
                 Tensor& output, Tensor& argmax) {
  const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
  const T* in = input.data<T>();
  const T* roiData = rois.data<T>();
  T* out = output.data<T>();
  int32_t* arg = argmax.data<int32_t>();
  parallelFor(0, rois.size(0), 1, [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) {
      PixelRoi<T> p = pixelRoi<T>(roiData + n * 5, spatialScale, pooledHeight, pooledWidth, 1);
      for (int64_t ph = 0; ph < pooledHeight; ++ph) {
        auto [hStart, hEnd] = binRange(ph, p.binH, p.startH, height);
        for (int64_t pw = 0; pw < pooledWidth; ++pw) {
          auto [wStart, wEnd] = binRange(pw, p.binW, p.startW, width);
          const bool empty = hEnd <= hStart || wEnd <= wStart;
          for (int64_t c = 0; c < channels; ++c) {
            const T* plane = in + (p.batch * channels + c) * height * width;
            T best = empty ? T(0) : T(-FLT_MAX);
            int64_t bestIndex = -1;
            for (int64_t h = hStart; h < hEnd; ++h)
              for (int64_t w = wStart; w < wEnd; ++w)
                if (plane[h * width + w] > best) {
                  best = plane[h * width + w];
                  bestIndex = h * width + w;
                }
            const int64_t index = ((n * channels + c) * pooledHeight + ph) * pooledWidth + pw;
            out[index] = best;
            arg[index] = static_cast<int32_t>(bestIndex);
          }
        }
      }
    }
  });
}

template <class T>
void psRoiPoolImpl(const Tensor& input, const Tensor& rois, T spatialScale, int64_t pooledHeight, int64_t pooledWidth,
                   Tensor& output, Tensor& channelMapping) {
  const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
  const int64_t channelsOut = output.size(1);
  const T* in = input.data<T>();
  const T* roiData = rois.data<T>();
  T* out = output.data<T>();
  int32_t* map = channelMapping.data<int32_t>();
  parallelFor(0, rois.size(0), 1, [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) {
      PixelRoi<T> p = pixelRoi<T>(roiData + n * 5, spatialScale, pooledHeight, pooledWidth, 0);
      int64_t cIn = 0;
      for (int64_t cOut = 0; cOut < channelsOut; ++cOut) {
        for (int64_t ph = 0; ph < pooledHeight; ++ph) {
          // torchvision's forward clips to the last pixel (H - 1), unlike roi_pool.
          auto [hStart, hEnd] = binRange(ph, p.binH, p.startH, height - 1);
          for (int64_t pw = 0; pw < pooledWidth; ++pw, ++cIn) {
            auto [wStart, wEnd] = binRange(pw, p.binW, p.startW, width - 1);
            const bool empty = hEnd <= hStart || wEnd <= wStart;
            const T* plane = in + (p.batch * channels + cIn) * height * width;
            T sum = 0;
            for (int64_t h = hStart; h < hEnd; ++h)
              for (int64_t w = wStart; w < wEnd; ++w) sum += plane[h * width + w];
            const int64_t index = ((n * channelsOut + cOut) * pooledHeight + ph) * pooledWidth + pw;
            T area = static_cast<T>((hEnd - hStart) * (wEnd - wStart));
            out[index] = empty ? T(0) : sum / area;
            map[index] = static_cast<int32_t>(cIn);
          }
        }
      }
    }
  });
}

}  // namespace

std::pair<Tensor, Tensor> roiPool(const Tensor& input, const Tensor& rois, double spatialScale,
                                  int64_t pooledHeight, int64_t pooledWidth) {
  checkRoiArgs(input, rois, "roi_pool");
  Tensor output = Tensor::zeros({rois.size(0), input.size(1), pooledHeight, pooledWidth}, input.dtype());
  Tensor argmax = Tensor::zeros(output.sizes(), ScalarType::Int);
  if (output.numel() == 0) return {output, argmax};
  Tensor x = input.contiguous(), r = rois.contiguous();
  dispatchFloating(input, "roi_pool", [&]<class T>(T) {
    roiPoolImpl<T>(x, r, static_cast<T>(spatialScale), pooledHeight, pooledWidth, output, argmax);
  });
  return {output, argmax};
}

std::pair<Tensor, Tensor> psRoiPool(const Tensor& input, const Tensor& rois, double spatialScale,
                                    int64_t pooledHeight, int64_t pooledWidth) {
  checkRoiArgs(input, rois, "ps_roi_pool");
  SCONCE_CHECK(ValueError, pooledHeight > 0 && pooledWidth > 0 && input.size(1) % (pooledHeight * pooledWidth) == 0,
               "torchvision::ps_roi_pool: input channels must be a multiple of pooling height * pooling width");
  const int64_t channelsOut = input.size(1) / (pooledHeight * pooledWidth);
  Tensor output = Tensor::zeros({rois.size(0), channelsOut, pooledHeight, pooledWidth}, input.dtype());
  Tensor channelMapping = Tensor::zeros(output.sizes(), ScalarType::Int);
  if (output.numel() == 0) return {output, channelMapping};
  Tensor x = input.contiguous(), r = rois.contiguous();
  dispatchFloating(input, "ps_roi_pool", [&]<class T>(T) {
    psRoiPoolImpl<T>(x, r, static_cast<T>(spatialScale), pooledHeight, pooledWidth, output, channelMapping);
  });
  return {output, channelMapping};
}

}  // namespace sconce::ops::vision
