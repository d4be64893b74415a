// Convolutions: aten::_convolution (both overloads), convolution, conv1d/2d/3d (incl.
// the `padding: str` overloads) and conv_transpose1d/2d/3d.
//
// Float32 (and bf16/half, computed in float32) runs on oneDNN: plain NC(D)HW tensors go
// in, oneDNN picks its blocked layouts ("any") and we reorder in and out, so results
// come back contiguous. Primitives are created per call — oneDNN's own primitive cache
// (thread-safe) makes repeats cheap — and the scratchpad is per call, so kernels may
// run concurrently from many threads. Float64 and integer dtypes use a direct loop.
#pragma once

#include <optional>
#include <string_view>

#include "tensor/tensor.h"

namespace sconce::ops::nn {

/// aten::convolution: N-d (1-3 spatial dims) convolution or transposed convolution of
/// batched input (N, C, *) with weight (OC, C/groups, *k) — transposed: (C, OC/groups,
/// *k). stride/padding/dilation/outputPadding hold one value or one per spatial dim.
Tensor convolution(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
                   IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, bool transposed,
                   IntArrayRef outputPadding, int64_t groups);

/// aten::conv1d/2d/3d: `spatial` spatial dims; also accepts unbatched input (C, *).
Tensor convNd(int64_t spatial, const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation, int64_t groups);
/// aten::conv1d/2d/3d.padding: padding "valid" (none) or "same" (output size = input
/// size; odd total padding puts the extra element on the right, as PyTorch).
Tensor convNdPadding(int64_t spatial, const Tensor& input, const Tensor& weight,
                     const std::optional<Tensor>& bias, IntArrayRef stride, std::string_view padding,
                     IntArrayRef dilation, int64_t groups);
/// aten::conv_transpose1d/2d/3d.
Tensor convTransposeNd(int64_t spatial, const Tensor& input, const Tensor& weight,
                       const std::optional<Tensor>& bias, IntArrayRef stride, IntArrayRef padding,
                       IntArrayRef outputPadding, int64_t groups, IntArrayRef dilation);

}  // namespace sconce::ops::nn
