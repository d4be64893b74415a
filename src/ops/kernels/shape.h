// Shape and view ops (view, permute, slice, expand, ...) and the copies that rearrange
// whole tensors (cat, stack, repeat, flip, roll, tril/triu).
//
// Views must produce exactly the sizes, strides and storage offset PyTorch produces,
// because TorchScript programs observe them: a later `view` succeeds or fails depending
// on strides, and in-place writes through a view must land in the base tensor. Every
// function is named after the ATen op it implements and keeps its argument order,
// defaults and error text, so the operator table can box them by schema without
// adapters. In-place variants end in `_` and return `self`.
#pragma once

#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

// ---- dimension helpers -------------------------------------------------------------

/// Wraps a possibly negative `dim` into [0, rank). A 0-d tensor accepts -1 and 0 when
/// `wrapScalar` (PyTorch's default). Throws ValueError "Dimension out of range ...".
int64_t maybeWrapDim(int64_t dim, int64_t rank, bool wrapScalar = true);
/// Replaces a single -1 in `shape` by the size that makes numel match; throws
/// PyTorch's "shape '[...]' is invalid for input of size N" otherwise.
Dims inferSize(IntArrayRef shape, int64_t numel);
/// Strides for viewing a tensor of (oldSizes, oldStrides) as `newSizes` without a
/// copy (ATen's computeStride); nullopt when no such view exists.
std::optional<Dims> computeStride(IntArrayRef oldSizes, IntArrayRef oldStrides,
                                  IntArrayRef newSizes);
/// "torch.FloatTensor"-style name of a CPU tensor type, as ATen error messages print it.
std::string legacyTypeName(ScalarType t);

// ---- views (the result shares self's storage) ---------------------------------------

/// aten::view: `size` may contain one -1. Throws when strides make a view impossible.
Tensor view(const Tensor& self, IntArrayRef size);
Tensor view_as(const Tensor& self, const Tensor& other);
/// aten::reshape: a view when computeStride allows one, else a contiguous copy.
Tensor reshape(const Tensor& self, IntArrayRef shape);
Tensor reshape_as(const Tensor& self, const Tensor& other);
/// aten::as_strided: storageOffset defaults to self's. Checks the view stays inside
/// the storage.
Tensor as_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storageOffset = std::nullopt);
/// aten::alias / aten::detach: a new TensorImpl with the same geometry.
Tensor alias(const Tensor& self);
Tensor detach(const Tensor& self);
Tensor permute(const Tensor& self, IntArrayRef dims);
Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1);
/// aten::t: transposes 2-d tensors; 0-d and 1-d tensors come back as views.
Tensor t(const Tensor& self);
/// aten::numpy_T (`x.T`): reverses all dims.
Tensor numpy_T(const Tensor& self);
/// aten::mT / aten::mH / aten::adjoint (real dtypes, so all three swap the last two dims).
Tensor mT(const Tensor& self);
Tensor mH(const Tensor& self);
Tensor adjoint(const Tensor& self);
/// aten::flatten.using_ints: reshape semantics (a view when possible); returns self
/// itself when start == end.
Tensor flatten(const Tensor& self, int64_t startDim = 0, int64_t endDim = -1);
/// aten::unflatten.int: `sizes` may contain one -1.
Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes);
/// aten::squeeze (all size-1 dims), squeeze.dim, and squeeze.dims (PyTorch 2.0).
Tensor squeeze(const Tensor& self);
Tensor squeeze(const Tensor& self, int64_t dim);
Tensor squeeze(const Tensor& self, IntArrayRef dims);
Tensor unsqueeze(const Tensor& self, int64_t dim);
/// aten::expand: -1 keeps a size; expanded and new leading dims get stride 0.
Tensor expand(const Tensor& self, IntArrayRef size, bool implicit = false);
Tensor expand_as(const Tensor& self, const Tensor& other);
/// aten::slice.Tensor: Python-style clamping of start/end; step must be positive.
Tensor slice(const Tensor& self, int64_t dim = 0, std::optional<int64_t> start = std::nullopt,
             std::optional<int64_t> end = std::nullopt, int64_t step = 1);
/// aten::select.int: a negative index counts from the end.
Tensor select(const Tensor& self, int64_t dim, int64_t index);
Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length);
/// aten::split.Tensor: pieces of `splitSize` (the last may be smaller).
std::vector<Tensor> split(const Tensor& self, int64_t splitSize, int64_t dim = 0);
/// aten::split.sizes, same as split_with_sizes.
std::vector<Tensor> split(const Tensor& self, IntArrayRef splitSizes, int64_t dim = 0);
std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef splitSizes, int64_t dim = 0);
std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0);
/// aten::tensor_split.sections and tensor_split.indices.
std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim = 0);
std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim = 0);
std::vector<Tensor> unbind(const Tensor& self, int64_t dim = 0);
Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination);
Tensor movedim(const Tensor& self, int64_t source, int64_t destination);
Tensor diagonal(const Tensor& self, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);
/// aten::unfold: windows of `size` every `step` along `dimension`, as a new last dim.
Tensor unfold(const Tensor& self, int64_t dimension, int64_t size, int64_t step);
/// aten::atleast_1d/2d/3d: views adding leading (and for 3d trailing) size-1 dims.
Tensor atleast_1d(const Tensor& self);
Tensor atleast_2d(const Tensor& self);
Tensor atleast_3d(const Tensor& self);

// ---- copies -------------------------------------------------------------------------

/// aten::contiguous: self when already contiguous, else a row-major copy.
Tensor contiguous(const Tensor& self);
/// aten::clone (memory_format=preserve): keeps self's strides when they are dense and
/// non-overlapping, else the dense strides with self's dim order (as PyTorch).
Tensor clone(const Tensor& self);
/// aten::cat: the result dtype promotes across all inputs; 1-d empty tensors are
/// skipped for shape checks (PyTorch's legacy behaviour). Row-major result.
Tensor cat(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor concat(const std::vector<Tensor>& tensors, int64_t dim = 0);
/// aten::stack: all inputs must have equal sizes; promotes like cat.
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim = 0);
Tensor hstack(const std::vector<Tensor>& tensors);
Tensor vstack(const std::vector<Tensor>& tensors);
Tensor dstack(const std::vector<Tensor>& tensors);
Tensor repeat(const Tensor& self, IntArrayRef repeats);
/// aten::repeat_interleave.self_int; dim=None flattens first.
Tensor repeat_interleave(const Tensor& self, int64_t repeats,
                         std::optional<int64_t> dim = std::nullopt,
                         std::optional<int64_t> outputSize = std::nullopt);
/// aten::repeat_interleave.self_Tensor (repeats: 0-d or 1-d int64/int32).
Tensor repeat_interleave(const Tensor& self, const Tensor& repeats,
                         std::optional<int64_t> dim = std::nullopt,
                         std::optional<int64_t> outputSize = std::nullopt);
/// aten::repeat_interleave.Tensor: [0,..,0, 1,..,1, ...] with repeats[i] copies of i.
Tensor repeat_interleave(const Tensor& repeats, std::optional<int64_t> outputSize = std::nullopt);
/// aten::flip: result keeps self's layout (memory_format=preserve).
Tensor flip(const Tensor& self, IntArrayRef dims);
Tensor fliplr(const Tensor& self);
Tensor flipud(const Tensor& self);
/// aten::roll: with no dims, rolls the flattened tensor and restores the shape.
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims = {});
/// aten::tril / triu (+ in-place): keep elements on and below (above) the `diagonal`-th
/// diagonal of the last two dims, zero the rest.
Tensor tril(const Tensor& self, int64_t diagonal = 0);
Tensor triu(const Tensor& self, int64_t diagonal = 0);
const Tensor& tril_(const Tensor& self, int64_t diagonal = 0);
const Tensor& triu_(const Tensor& self, int64_t diagonal = 0);

// ---- helpers shared by the shape, indexing, sort and creation kernels ----------------

namespace detail {

/// The C++ type name c10 puts in conversion errors ("uint8_t", "int", "at::Half").
template <class T>
constexpr const char* c10TypeName() {
  if constexpr (std::is_same_v<T, uint8_t>) return "uint8_t";
  else if constexpr (std::is_same_v<T, int8_t>) return "int8_t";
  else if constexpr (std::is_same_v<T, int16_t>) return "int16_t";
  else if constexpr (std::is_same_v<T, int32_t>) return "int";
  else if constexpr (std::is_same_v<T, int64_t>) return "int64_t";
  else if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, double>) return "double";
  else if constexpr (std::is_same_v<T, Half>) return "at::Half";
  else if constexpr (std::is_same_v<T, BFloat16>) return "at::BFloat16";
  else return "bool";
}

/// Scalar::to<T> with c10's overflow check (Scalar::to is checked_convert in ATen):
/// throws "value cannot be converted to type uint8_t without overflow" when the value
/// is outside T's range. Infinities and NaN pass for floating T; negative ints may wrap
/// into unsigned T as two's complement.
template <class T>
T checkedScalarTo(const Scalar& s) {
  if constexpr (!std::is_same_v<T, bool>) {
    constexpr bool kReduced = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
    constexpr double kMax = std::is_same_v<T, Half> ? 65504.0
                            : std::is_same_v<T, BFloat16> ? 3.3895313892515355e38
                                                          : static_cast<double>(std::numeric_limits<T>::max());
    constexpr double kLowest = kReduced ? -kMax : static_cast<double>(std::numeric_limits<T>::lowest());
    bool overflow = false;
    if (s.isFloatingPoint() || s.isComplex()) {
      const double d = s.toDouble();
      if constexpr (std::is_integral_v<T>) overflow = d != d || d < kLowest || d > kMax;
      else overflow = !std::isinf(d) && (d < kLowest || d > kMax);
    } else if (s.isIntegral()) {
      const int64_t i = s.toLong();
      if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>)
        overflow = (i > 0 && static_cast<uint64_t>(i) > static_cast<uint64_t>(kMax)) ||
                   (i < 0 && -static_cast<uint64_t>(i) > static_cast<uint64_t>(kMax));
      else if constexpr (std::is_integral_v<T>)
        overflow = i < static_cast<int64_t>(kLowest) || i > static_cast<int64_t>(kMax);
      else
        overflow = static_cast<double>(i) < kLowest || static_cast<double>(i) > kMax;
    }
    SCONCE_CHECK(ValueError, !overflow, "value cannot be converted to type {} without overflow", c10TypeName<T>());
  }
  return s.to<T>();
}

/// Calls fn(T{}) with an unsigned integer type of `elementSize` bytes (1, 2, 4 or 8):
/// ops that only move elements need the width, not the dtype.
template <class Fn>
decltype(auto) dispatchByElementSize(size_t elementSize, Fn&& fn) {
  switch (elementSize) {
    case 1: return fn(uint8_t{});
    case 2: return fn(uint16_t{});
    case 4: return fn(uint32_t{});
    case 8: return fn(uint64_t{});
    default: fail<UnsupportedError>("elements of {} bytes are not supported here", elementSize);
  }
}

/// Visits every index of `sizes` in row-major order, calling fn(offsets) where
/// offsets[k] is the element offset of that index under strides[k]. The innermost dim
/// is a tight loop; the odometer only runs between rows.
template <size_t N, class Fn>
void forEachOffset(IntArrayRef sizes, const std::array<const int64_t*, N>& strides, Fn&& fn) {
  const int64_t rank = static_cast<int64_t>(sizes.size());
  for (int64_t d = 0; d < rank; ++d)
    if (sizes[d] == 0) return;
  std::array<int64_t, N> base{};
  if (rank == 0) {
    fn(base);
    return;
  }
  const int64_t inner = sizes[rank - 1];
  std::array<int64_t, N> innerStride;
  for (size_t k = 0; k < N; ++k) innerStride[k] = strides[k][rank - 1];
  // The odometer over the outer dims lives on the stack for usual ranks.
  std::array<int64_t, 16> small{};
  std::vector<int64_t> large;
  int64_t* index = small.data();
  if (rank > 16) {
    large.assign(rank, 0);
    index = large.data();
  }
  for (;;) {
    std::array<int64_t, N> off = base;
    for (int64_t i = 0; i < inner; ++i) {
      fn(off);
      for (size_t k = 0; k < N; ++k) off[k] += innerStride[k];
    }
    int64_t d = rank - 2;
    for (; d >= 0; --d) {
      for (size_t k = 0; k < N; ++k) base[k] += strides[k][d];
      if (++index[d] < sizes[d]) break;
      for (size_t k = 0; k < N; ++k) base[k] -= strides[k][d] * sizes[d];
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace detail
}  // namespace sconce::ops
