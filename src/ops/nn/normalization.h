// Normalization: batch_norm (+ native_batch_norm, _batch_norm_impl_index),
// instance_norm, layer_norm (+ native_layer_norm), group_norm (+ native_group_norm).
//
// Statistics accumulate in double and are two-pass (mean, then centered squares), so
// float32 results match PyTorch's Welford sums to rounding. Training-mode batch and
// instance norm update the running statistics in place, as PyTorch does (the unbiased
// variance goes into running_var).
#pragma once

#include <optional>
#include <tuple>

#include "tensor/tensor.h"

namespace sconce::ops::nn {

using OptTensor = std::optional<Tensor>;

/// aten::native_batch_norm: (out, save_mean, save_invstd); in eval mode the saved
/// statistics are empty [0] tensors (PyTorch's CPU kernel).
std::tuple<Tensor, Tensor, Tensor> native_batch_norm(const Tensor& input, const OptTensor& weight,
                                                     const OptTensor& bias, const OptTensor& runningMean,
                                                     const OptTensor& runningVar, bool training, double momentum,
                                                     double eps);
/// aten::batch_norm: the first output of native_batch_norm.
Tensor batch_norm(const Tensor& input, const OptTensor& weight, const OptTensor& bias, const OptTensor& runningMean,
                  const OptTensor& runningVar, bool training, double momentum, double eps);
/// aten::instance_norm: per-(sample, channel) statistics when useInputStats (updating
/// the running statistics with their batch average), else the running statistics.
Tensor instance_norm(const Tensor& input, const OptTensor& weight, const OptTensor& bias,
                     const OptTensor& runningMean, const OptTensor& runningVar, bool useInputStats,
                     double momentum, double eps);
/// aten::native_layer_norm: (out, mean, rstd), the statistics shaped like input with
/// the normalized dims set to 1.
std::tuple<Tensor, Tensor, Tensor> native_layer_norm(const Tensor& input, IntArrayRef normalizedShape,
                                                     const OptTensor& weight, const OptTensor& bias, double eps);
/// aten::native_group_norm: (out, mean, rstd) with statistics of shape (N, group).
std::tuple<Tensor, Tensor, Tensor> native_group_norm(const Tensor& input, const OptTensor& weight,
                                                     const OptTensor& bias, int64_t N, int64_t C, int64_t HxW,
                                                     int64_t group, double eps);
/// aten::group_norm: checks the channel count, then native_group_norm.
Tensor group_norm(const Tensor& input, int64_t numGroups, const OptTensor& weight, const OptTensor& bias, double eps);

}  // namespace sconce::ops::nn
