// Shared checks and helpers of the torchvision:: kernels (src/ops/vision/).
//
// torchvision's CPU kernels take NCHW feature maps and (K, 5) rois rows of
// (batch index, x1, y1, x2, y2), compute in the input's own floating type, and reject
// other dtypes; these helpers keep those contracts in one place.
#pragma once

#include <fmt/ranges.h>

#include <string_view>

#include "support/error.h"
#include "tensor/tensor.h"

namespace sconce::ops::vision {

/// Calls fn(float{}) or fn(double{}) for the dtype of `t`; UnsupportedError for others,
/// worded like torchvision's check.
template <class Fn>
void dispatchFloating(const Tensor& t, std::string_view op, Fn&& fn) {
  switch (t.dtype()) {
    case ScalarType::Float: fn(float{}); return;
    case ScalarType::Double: fn(double{}); return;
    default:
      fail<UnsupportedError>("torchvision::{}: only float and double tensors are supported, got {}", op,
                             t.typeString());
  }
}

/// Checks an NCHW `input` and (K, 5) `rois` of the same dtype.
inline void checkRoiArgs(const Tensor& input, const Tensor& rois, std::string_view op) {
  SCONCE_CHECK(ValueError, input.dim() == 4, "torchvision::{}: input should be a 4-d (N, C, H, W) tensor, got shape [{}]",
               op, fmt::join(input.sizes(), ", "));
  SCONCE_CHECK(ValueError, rois.dim() == 2 && rois.size(1) == 5,
               "torchvision::{}: Tensor rois should have shape as Tensor[K, 5], got [{}]", op,
               fmt::join(rois.sizes(), ", "));
  SCONCE_CHECK(ValueError, input.dtype() == rois.dtype(),
               "torchvision::{}: input and rois must have the same dtype, got {} and {}", op, input.typeString(),
               rois.typeString());
}

}  // namespace sconce::ops::vision
