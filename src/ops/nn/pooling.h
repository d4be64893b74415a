// Pooling: max_pool1d/2d/3d (+ _with_indices), avg_pool1d/2d/3d, adaptive_avg_pool1d/
// 2d/3d (+ _adaptive_avg_pool2d), adaptive_max_pool1d/2d.
//
// One loop nest per pooling kind over (planes, D, H, W): 1-d and 2-d pools view their
// input with size-1 leading spatial dims, so every variant shares PyTorch's exact
// window rules (ceil_mode, padding, count_include_pad, NaN-propagating max, indices
// flattened over the input plane).
#pragma once

#include <optional>
#include <tuple>

#include "tensor/tensor.h"

namespace sconce::ops::nn {

/// aten::max_pool{spatial}d_with_indices: (values, int64 indices into each input plane).
/// An empty stride means stride = kernel_size. Input (C, *) or (N, C, *).
std::tuple<Tensor, Tensor> maxPoolWithIndices(int64_t spatial, const Tensor& self, IntArrayRef kernelSize,
                                              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
                                              bool ceilMode);
/// aten::max_pool{spatial}d: the values only.
Tensor maxPool(int64_t spatial, const Tensor& self, IntArrayRef kernelSize, IntArrayRef stride, IntArrayRef padding,
               IntArrayRef dilation, bool ceilMode);
/// aten::avg_pool{spatial}d (avg_pool1d has no divisor_override).
Tensor avgPool(int64_t spatial, const Tensor& self, IntArrayRef kernelSize, IntArrayRef stride, IntArrayRef padding,
               bool ceilMode, bool countIncludePad, std::optional<int64_t> divisorOverride);
/// aten::adaptive_avg_pool{spatial}d: window i spans [floor(i*in/out), ceil((i+1)*in/out)).
Tensor adaptiveAvgPool(int64_t spatial, const Tensor& self, IntArrayRef outputSize);
/// aten::adaptive_max_pool{spatial}d: (values, indices).
std::tuple<Tensor, Tensor> adaptiveMaxPool(int64_t spatial, const Tensor& self, IntArrayRef outputSize);

}  // namespace sconce::ops::nn
