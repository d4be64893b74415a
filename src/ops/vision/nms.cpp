// torchvision::nms: greedy non-maximum suppression, as torchvision's CPU kernel does it.
#include <algorithm>
#include <numeric>
#include <vector>

#include "ops/vision/vision_common.h"
#include "ops/vision/vision_kernels.h"

namespace sconce::ops::vision {

namespace {

template <class T>
int64_t nmsImpl(const Tensor& dets, const Tensor& scores, double iouThreshold, int64_t* keep) {
  const int64_t n = dets.size(0);
  const T* box = dets.data<T>();
  const T* score = scores.data<T>();
  std::vector<T> area(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) area[i] = (box[i * 4 + 2] - box[i * 4]) * (box[i * 4 + 3] - box[i * 4 + 1]);
  // torchvision sorts with stable=true, descending: equal scores keep their order.
  std::vector<int64_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return score[a] > score[b]; });

  std::vector<char> suppressed(static_cast<size_t>(n), 0);
  int64_t kept = 0;
  for (int64_t oi = 0; oi < n; ++oi) {
    const int64_t i = order[oi];
    if (suppressed[i]) continue;
    keep[kept++] = i;
    const T* bi = box + i * 4;
    for (int64_t oj = oi + 1; oj < n; ++oj) {
      const int64_t j = order[oj];
      if (suppressed[j]) continue;
      const T* bj = box + j * 4;
      T w = std::max(T(0), std::min(bi[2], bj[2]) - std::max(bi[0], bj[0]));
      T h = std::max(T(0), std::min(bi[3], bj[3]) - std::max(bi[1], bj[1]));
      T inter = w * h;
      T iou = inter / (area[i] + area[j] - inter);
      if (iou > iouThreshold) suppressed[j] = 1;
    }
  }
  return kept;
}

}  // namespace

Tensor nms(const Tensor& dets, const Tensor& scores, double iouThreshold) {
  SCONCE_CHECK(ValueError, dets.dim() == 2, "torchvision::nms: boxes should be a 2d tensor, got {}D", dets.dim());
  SCONCE_CHECK(ValueError, dets.size(1) == 4, "torchvision::nms: boxes should have 4 elements in dimension 1, got {}",
               dets.size(1));
  SCONCE_CHECK(ValueError, scores.dim() == 1, "torchvision::nms: scores should be a 1d tensor, got {}D", scores.dim());
  SCONCE_CHECK(ValueError, dets.size(0) == scores.size(0),
               "torchvision::nms: boxes and scores should have same number of elements in dimension 0, got {} and {}",
               dets.size(0), scores.size(0));
  SCONCE_CHECK(ValueError, dets.dtype() == scores.dtype(),
               "torchvision::nms: boxes and scores must have the same dtype, got {} and {}", dets.typeString(),
               scores.typeString());
  if (dets.numel() == 0) return Tensor::empty({0}, ScalarType::Long);
  Tensor boxes = dets.contiguous(), score = scores.contiguous();
  Tensor keep = Tensor::empty({dets.size(0)}, ScalarType::Long);
  int64_t kept = 0;
  dispatchFloating(dets, "nms", [&]<class T>(T) { kept = nmsImpl<T>(boxes, score, iouThreshold, keep.data<int64_t>()); });
  return keep.asStrided({kept}, {1}, 0);
}

}  // namespace sconce::ops::vision
