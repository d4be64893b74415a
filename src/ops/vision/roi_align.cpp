// torchvision::roi_align and torchvision::ps_roi_align: bilinear sampling over roi bins.
//
// The arithmetic follows torchvision's CPU kernels step by step (same types, same
// order of operations, same clamping at the borders): detection heads feed the result
// into further layers and thresholds, so a different rounding shows up as a different box.
#include <algorithm>
#include <cmath>
#include <vector>

#include "ops/kernels/parallel.h"
#include "ops/vision/vision_common.h"
#include "ops/vision/vision_kernels.h"

namespace sconce::ops::vision {

namespace {

// One bilinear sample: the four flat positions in an H x W plane and their weights.
template <class T>
struct Sample {
  int64_t pos[4] = {0, 0, 0, 0};
  T w[4] = {0, 0, 0, 0};
};

// torchvision's bilinear_interpolate: points more than one pixel outside the map give
// zero weights; points within clamp to the border.
template <class T>
Sample<T> bilinearSample(int64_t height, int64_t width, T y, T x) {
  Sample<T> s;
  // Written as !(in range) so that NaN coordinates take the empty branch.
  if (!(y >= -1.0 && y <= height && x >= -1.0 && x <= width)) return s;
  if (y <= 0) y = 0;
  if (x <= 0) x = 0;
  int64_t yLow = static_cast<int>(y), xLow = static_cast<int>(x), yHigh, xHigh;
  if (yLow >= height - 1) {
    yHigh = yLow = height - 1;
    y = static_cast<T>(yLow);
  } else {
    yHigh = yLow + 1;
  }
  if (xLow >= width - 1) {
    xHigh = xLow = width - 1;
    x = static_cast<T>(xLow);
  } else {
    xHigh = xLow + 1;
  }
  T ly = y - yLow, lx = x - xLow;
  T hy = T(1) - ly, hx = T(1) - lx;
  s.pos[0] = yLow * width + xLow;
  s.pos[1] = yLow * width + xHigh;
  s.pos[2] = yHigh * width + xLow;
  s.pos[3] = yHigh * width + xHigh;
  s.w[0] = hy * hx;
  s.w[1] = hy * lx;
  s.w[2] = ly * hx;
  s.w[3] = ly * lx;
  return s;
}

template <class T>
T interpolate(const T* plane, const Sample<T>& s) {
  return s.w[0] * plane[s.pos[0]] + s.w[1] * plane[s.pos[1]] + s.w[2] * plane[s.pos[2]] + s.w[3] * plane[s.pos[3]];
}

// The geometry of one roi, in feature-map coordinates.
template <class T>
struct RoiBins {
  int64_t batch = 0;
  T startH = 0, startW = 0, binH = 0, binW = 0;
  int64_t gridH = 0, gridW = 0;  // samples per bin along each axis
};

template <class T>
RoiBins<T> roiBins(const T* roi, T spatialScale, int64_t pooledHeight, int64_t pooledWidth, int64_t samplingRatio,
                   T offset, bool clampToOne) {
  RoiBins<T> b;
  b.batch = static_cast<int>(roi[0]);
  b.startW = roi[1] * spatialScale - offset;
  b.startH = roi[2] * spatialScale - offset;
  T endW = roi[3] * spatialScale - offset;
  T endH = roi[4] * spatialScale - offset;
  T roiWidth = endW - b.startW, roiHeight = endH - b.startH;
  if (clampToOne) {
    roiWidth = std::max(roiWidth, T(1));
    roiHeight = std::max(roiHeight, T(1));
  }
  b.binH = roiHeight / static_cast<T>(pooledHeight);
  b.binW = roiWidth / static_cast<T>(pooledWidth);
  b.gridH = samplingRatio > 0 ? samplingRatio : static_cast<int>(std::ceil(roiHeight / pooledHeight));
  b.gridW = samplingRatio > 0 ? samplingRatio : static_cast<int>(std::ceil(roiWidth / pooledWidth));
  return b;
}

template <class T>
T sampleY(const RoiBins<T>& b, int64_t ph, int64_t iy) {
  return b.startH + ph * b.binH + static_cast<T>(iy + .5f) * b.binH / static_cast<T>(b.gridH);
}
template <class T>
T sampleX(const RoiBins<T>& b, int64_t pw, int64_t ix) {
  return b.startW + pw * b.binW + static_cast<T>(ix + .5f) * b.binW / static_cast<T>(b.gridW);
}

template <class T>
void roiAlignImpl(const Tensor& input, const Tensor& rois, T spatialScale, int64_t pooledHeight, int64_t pooledWidth,
                  int64_t samplingRatio, bool aligned, Tensor& output) {
  const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
  const T* in = input.data<T>();
  const T* roiData = rois.data<T>();
  T* out = output.data<T>();
  const int64_t bins = pooledHeight * pooledWidth;
  parallelFor(0, rois.size(0), 1, [&](int64_t begin, int64_t end) {
    std::vector<Sample<T>> samples;
    for (int64_t n = begin; n < end; ++n) {
      RoiBins<T> b = roiBins<T>(roiData + n * 5, spatialScale, pooledHeight, pooledWidth, samplingRatio,
                                aligned ? T(0.5) : T(0), !aligned);
      const T count = static_cast<T>(std::max<int64_t>(b.gridH * b.gridW, 1));
      // The sample positions are the same for every channel: compute them once.
      samples.clear();
      for (int64_t ph = 0; ph < pooledHeight; ++ph)
        for (int64_t pw = 0; pw < pooledWidth; ++pw)
          for (int64_t iy = 0; iy < b.gridH; ++iy)
            for (int64_t ix = 0; ix < b.gridW; ++ix)
              samples.push_back(bilinearSample<T>(height, width, sampleY(b, ph, iy), sampleX(b, pw, ix)));
      for (int64_t c = 0; c < channels; ++c) {
        const T* plane = in + (b.batch * channels + c) * height * width;
        T* o = out + (n * channels + c) * bins;
        const Sample<T>* s = samples.data();
        for (int64_t bin = 0; bin < bins; ++bin) {
          T sum = 0;
          for (int64_t k = 0; k < b.gridH * b.gridW; ++k) sum += interpolate(plane, *s++);
          o[bin] = sum / count;
        }
      }
    }
  });
}

template <class T>
void psRoiAlignImpl(const Tensor& input, const Tensor& rois, T spatialScale, int64_t pooledHeight, int64_t pooledWidth,
                    int64_t samplingRatio, Tensor& output, Tensor& channelMapping) {
  const int64_t channels = input.size(1), height = input.size(2), width = input.size(3);
  const int64_t channelsOut = output.size(1);
  const T* in = input.data<T>();
  const T* roiData = rois.data<T>();
  T* out = output.data<T>();
  int32_t* map = channelMapping.data<int32_t>();
  parallelFor(0, rois.size(0), 1, [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) {
      RoiBins<T> b = roiBins<T>(roiData + n * 5, spatialScale, pooledHeight, pooledWidth, samplingRatio, T(0.5),
                                false);
      const T count = static_cast<T>(b.gridH * b.gridW);
      int64_t cIn = 0;
      for (int64_t cOut = 0; cOut < channelsOut; ++cOut) {
        for (int64_t ph = 0; ph < pooledHeight; ++ph) {
          for (int64_t pw = 0; pw < pooledWidth; ++pw, ++cIn) {
            const int64_t index = ((n * channelsOut + cOut) * pooledHeight + ph) * pooledWidth + pw;
            const T* plane = in + (b.batch * channels + cIn) * height * width;
            T sum = 0;
            for (int64_t iy = 0; iy < b.gridH; ++iy)
              for (int64_t ix = 0; ix < b.gridW; ++ix)
                sum += interpolate(plane, bilinearSample<T>(height, width, sampleY(b, ph, iy), sampleX(b, pw, ix)));
            out[index] = sum / count;
            map[index] = static_cast<int32_t>(cIn);
          }
        }
      }
    }
  });
}

}  // namespace

Tensor roiAlign(const Tensor& input, const Tensor& rois, double spatialScale, int64_t pooledHeight,
                int64_t pooledWidth, int64_t samplingRatio, bool aligned) {
  checkRoiArgs(input, rois, "roi_align");
  Tensor output = Tensor::zeros({rois.size(0), input.size(1), pooledHeight, pooledWidth}, input.dtype());
  if (output.numel() == 0) return output;
  Tensor x = input.contiguous(), r = rois.contiguous();
  dispatchFloating(input, "roi_align", [&]<class T>(T) {
    roiAlignImpl<T>(x, r, static_cast<T>(spatialScale), pooledHeight, pooledWidth, samplingRatio, aligned, output);
  });
  return output;
}

std::pair<Tensor, Tensor> psRoiAlign(const Tensor& input, const Tensor& rois, double spatialScale,
                                     int64_t pooledHeight, int64_t pooledWidth, int64_t samplingRatio) {
  checkRoiArgs(input, rois, "ps_roi_align");
  SCONCE_CHECK(ValueError, pooledHeight > 0 && pooledWidth > 0 && input.size(1) % (pooledHeight * pooledWidth) == 0,
               "torchvision::ps_roi_align: input channels must be a multiple of pooling height * pooling width");
  const int64_t channelsOut = input.size(1) / (pooledHeight * pooledWidth);
  Tensor output = Tensor::zeros({rois.size(0), channelsOut, pooledHeight, pooledWidth}, input.dtype());
  Tensor channelMapping = Tensor::zeros(output.sizes(), ScalarType::Int);
  if (output.numel() == 0) return {output, channelMapping};
  Tensor x = input.contiguous(), r = rois.contiguous();
  dispatchFloating(input, "ps_roi_align", [&]<class T>(T) {
    psRoiAlignImpl<T>(x, r, static_cast<T>(spatialScale), pooledHeight, pooledWidth, samplingRatio, output,
                      channelMapping);
  });
  return {output, channelMapping};
}

}  // namespace sconce::ops::vision
