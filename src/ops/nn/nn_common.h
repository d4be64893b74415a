// Helpers shared by the neural-network kernels (src/ops/nn/): argument expansion,
// float dispatch, the oneDNN engine, and PyTorch's pooling/conv output-size rules.
//
// The nn kernels compute on contiguous float/double buffers; these helpers keep the
// boilerplate (contiguous copies, `int[2]` arguments given as one int, dtype checks with
// PyTorch's wording) in one place so each kernel reads like its formula.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "ops/kernels/tensor_iterator.h"
#include "support/error.h"
#include "tensor/tensor.h"

namespace dnnl {
struct engine;
}

namespace sconce::ops::nn {

/// An `int[n]` argument: a single value is repeated n times (as the schema's `int[2]`
/// accepts `1`); an empty list gives `empty` when provided; other lengths throw
/// PyTorch's "<op>: <name> must be either a single int, or a tuple of n ints".
Dims expandParam(IntArrayRef v, int64_t n, std::string_view op, std::string_view name);

/// Calls fn(T{}) for float or double; other dtypes throw PyTorch's
/// `"<op>" not implemented for '<Dtype>'`.
template <class Fn>
decltype(auto) dispatchFloat(ScalarType t, std::string_view op, Fn&& fn) {
  return dispatchTypes<kFloatTypes>(t, op, std::forward<Fn>(fn));
}

/// A contiguous tensor with the elements of `t` converted to `dtype` (no copy when `t`
/// already is both).
Tensor contiguousAs(const Tensor& t, ScalarType dtype);

/// The process-wide oneDNN CPU engine (thread-safe to share, created on first use).
const dnnl::engine& cpuEngine();

/// PyTorch's pooling_output_shape: floor (or ceil) of the sliding-window count, with
/// the ceil_mode rule that the last window must start inside the input or left padding.
int64_t poolingOutputSize(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation,
                          bool ceilMode);

/// Throws ValueError unless `t` has one of the ranks in [minDim, maxDim] (PyTorch's
/// "Expected 3D or 4D (batch mode) tensor ..." family) — `what` is the message.
void checkRank(const Tensor& t, int64_t minDim, int64_t maxDim, std::string_view what);

/// The typed data pointer of a tensor known contiguous of type T.
template <class T>
T* ptr(const Tensor& t) {
  return t.data<T>();
}

}  // namespace sconce::ops::nn

namespace sconce::ops::nn {

/// A `Tensor?` argument with an undefined tensor (PyTorch's internal None) mapped to
/// nullopt.
inline std::optional<Tensor> optTensor(std::optional<Tensor> t) {
  if (t && !t->defined()) return std::nullopt;
  return t;
}

}  // namespace sconce::ops::nn
