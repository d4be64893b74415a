// The torchvision:: kernels (torchvision/csrc/ops), as plain functions over Tensors.
//
// Each follows torchvision's CPU kernel: same arithmetic in the input's own floating
// type, same clipping and rounding rules, so scripted detection models reproduce
// PyTorch's boxes bit for bit where the inputs agree.
#pragma once

#include <cstdint>
#include <utility>

#include "tensor/tensor.h"

namespace sconce::ops::vision {

/// torchvision::nms: indices (int64) of the boxes kept by greedy non-maximum
/// suppression, in decreasing score order. `dets` is (N, 4) x1, y1, x2, y2; a box is
/// dropped when its IoU with a kept box is > iouThreshold.
Tensor nms(const Tensor& dets, const Tensor& scores, double iouThreshold);

/// torchvision::roi_align: (K, C, pooledHeight, pooledWidth) bilinear averages over
/// each roi's bins; `rois` is (K, 5) of (batch index, x1, y1, x2, y2).
Tensor roiAlign(const Tensor& input, const Tensor& rois, double spatialScale, int64_t pooledHeight,
                int64_t pooledWidth, int64_t samplingRatio, bool aligned);

/// torchvision::ps_roi_align: position-sensitive roi_align; returns the output and the
/// input channel (int32) each output element read.
std::pair<Tensor, Tensor> psRoiAlign(const Tensor& input, const Tensor& rois, double spatialScale,
                                     int64_t pooledHeight, int64_t pooledWidth, int64_t samplingRatio);

/// torchvision::roi_pool: max over each roi's integer bins, and the argmax (int32, flat
/// h * W + w; -1 for an empty bin).
std::pair<Tensor, Tensor> roiPool(const Tensor& input, const Tensor& rois, double spatialScale,
                                  int64_t pooledHeight, int64_t pooledWidth);

/// torchvision::ps_roi_pool: position-sensitive average pooling; output and channel map.
std::pair<Tensor, Tensor> psRoiPool(const Tensor& input, const Tensor& rois, double spatialScale,
                                    int64_t pooledHeight, int64_t pooledWidth);

/// torchvision::deform_conv2d: deformable (v2 when useMask) convolution of `input`
/// (N, Cin, H, W) with `weight` (Cout, Cin / groups, kh, kw), sampling at positions
/// moved by `offset` (N, 2 * offsetGroups * kh * kw, Hout, Wout) and scaled by `mask`.
Tensor deformConv2d(const Tensor& input, const Tensor& weight, const Tensor& offset, const Tensor& mask,
                    const Tensor& bias, int64_t strideH, int64_t strideW, int64_t padH, int64_t padW,
                    int64_t dilationH, int64_t dilationW, int64_t groups, int64_t offsetGroups, bool useMask);

}  // namespace sconce::ops::vision
