// Resampling and padding: upsample_nearest1d/2d/3d, upsample_linear1d/bilinear2d/
// trilinear3d, upsample_bicubic2d (plain and .vec overloads), pixel_shuffle,
// pixel_unshuffle, channel_shuffle, constant_pad_nd, reflection/replication padding and
// aten::pad.
//
// Interpolation is separable: each spatial axis is resampled in turn by a 1-d kernel
// that holds, per output index, PyTorch's source indices and weights (same index
// arithmetic as ATen's UpSample.h, in float for float inputs). Index-map paddings are
// index_select along each padded dim.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops::nn {

enum class Interp { Nearest, Linear, Cubic };

/// aten::upsample_* (plain overloads): `outputSize` per spatial dim, optional scales
/// (the user's scale factors, which change the index arithmetic as in PyTorch).
Tensor upsample(const Tensor& input, Interp kind, IntArrayRef outputSize, bool alignCorners,
                const std::vector<std::optional<double>>& scales);
/// aten::upsample_*.vec: exactly one of outputSize / scaleFactors is given.
Tensor upsampleVec(const Tensor& input, Interp kind, int64_t spatial, const std::optional<std::vector<int64_t>>& outputSize,
                   bool alignCorners, const std::optional<std::vector<double>>& scaleFactors);

/// aten::pixel_shuffle / pixel_unshuffle / channel_shuffle.
Tensor pixel_shuffle(const Tensor& self, int64_t upscaleFactor);
Tensor pixel_unshuffle(const Tensor& self, int64_t downscaleFactor);
Tensor channel_shuffle(const Tensor& self, int64_t groups);

/// aten::constant_pad_nd: pad holds (left, right) pairs from the last dim backwards;
/// negative values crop.
Tensor constant_pad_nd(const Tensor& self, IntArrayRef pad, const Scalar& value = 0);
/// aten::reflection_pad{1,2,3}d / replication_pad{1,2,3}d over the last `spatial` dims.
Tensor reflectionPad(const Tensor& self, IntArrayRef padding, int64_t spatial);
Tensor replicationPad(const Tensor& self, IntArrayRef padding, int64_t spatial);
/// aten::pad: mode "constant", "reflect", "replicate" or "circular".
Tensor pad(const Tensor& self, IntArrayRef pad, std::string_view mode, std::optional<double> value);

}  // namespace sconce::ops::nn
