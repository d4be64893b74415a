// Factory ops: filled tensors, ranges reproducing PyTorch's CPU rounding, grids and
// random tensors.
#include "ops/kernels/creation.h"

#include <fmt/ranges.h>

#include <cmath>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

namespace {

ScalarType orDefault(std::optional<ScalarType> dtype) { return dtype.value_or(kDefaultFloatDtype); }

// Dense strides that keep the dim order of `strides` (ATen's infer_dense_strides): dims
// are insertion-sorted by stride, ties broken by size, stride-0 dims stay in place.
Dims inferDenseStrides(IntArrayRef sizes, IntArrayRef strides) {
  const size_t ndim = sizes.size();
  if (ndim == 0) return {};
  if (ndim == 1) return {1};
  std::vector<size_t> perm(ndim);
  std::iota(perm.rbegin(), perm.rend(), 0);
  auto shouldSwap = [&](size_t d0, size_t d1) {
    const int64_t s0 = strides[d0], s1 = strides[d1];
    if (s0 == 0 || s1 == 0) return 0;
    if (s0 != s1) return s0 < s1 ? -1 : 1;
    return sizes[d0] > sizes[d1] ? 1 : 0;
  };
  for (size_t i = 1; i < ndim; ++i) {
    size_t d1 = i;
    for (size_t j = 1; j <= i; ++j) {
      const size_t d0 = i - j;
      const int cmp = shouldSwap(perm[d0], perm[d1]);
      if (cmp > 0) {
        std::swap(perm[d0], perm[d1]);
        d1 = d0;
      } else if (cmp < 0) {
        break;
      }
    }
  }
  Dims out(ndim);
  int64_t stride = 1;
  for (size_t i = 0; i < ndim; ++i) {
    out[perm[i]] = stride;
    if (sizes[perm[i]] > 1) stride *= sizes[perm[i]];
  }
  return out;
}

// Strides of a channels-last layout: dims ordered (N, spatial..., C) in memory.
Dims channelsLastStrides(IntArrayRef sizes, size_t rank, const char* name) {
  SCONCE_CHECK(ValueError, sizes.size() == rank, "required rank {} tensor to use {} format", rank,
               name);
  Dims strides(rank);
  int64_t s = 1;
  strides[1] = s;
  s *= std::max<int64_t>(sizes[1], 1);
  for (size_t d = rank - 1; d >= 2; --d) {
    strides[d] = s;
    s *= std::max<int64_t>(sizes[d], 1);
  }
  strides[0] = s;
  return strides;
}

Tensor emptyWithFormat(IntArrayRef size, ScalarType dtype, Device device, MemoryFormat format) {
  switch (format) {
    case MemoryFormat::ChannelsLast:
      return empty_strided(size, channelsLastStrides(size, 4, "channels_last"), dtype, device);
    case MemoryFormat::ChannelsLast3d:
      return empty_strided(size, channelsLastStrides(size, 5, "channels_last_3d"), dtype, device);
    default:
      checkSizeNonnegative(size);
      return Tensor::empty(size, dtype, device);
  }
}

// fill_ converts its value with c10's overflow check (Scalar::to is checked in ATen).
void checkFillValue(ScalarType dtype, const Scalar& value) {
  if (isComplexType(dtype)) return;  // every number fits a complex
  dispatchTypes<kAllTypesAndBool>(dtype, "fill_", [&](auto tag) { detail::checkedScalarTo<decltype(tag)>(value); });
}

}  // namespace

void checkSizeNonnegative(IntArrayRef size) {
  for (int64_t s : size)
    SCONCE_CHECK(ValueError, s >= 0, "Trying to create tensor with negative dimension {}: [{}]", s,
                 fmt::join(size, ", "));
}

// ---- filled tensors -----------------------------------------------------------------

Tensor empty(IntArrayRef size, std::optional<ScalarType> dtype, Device device,
             std::optional<MemoryFormat> memoryFormat) {
  SCONCE_CHECK(ValueError, memoryFormat != MemoryFormat::Preserve,
               "preserve memory format is unsupported by the contiguous operator");
  return emptyWithFormat(size, orDefault(dtype), device, memoryFormat.value_or(MemoryFormat::Contiguous));
}

Tensor empty_strided(IntArrayRef size, IntArrayRef stride, std::optional<ScalarType> dtype,
                     Device device) {
  SCONCE_CHECK(ValueError, size.size() == stride.size(), "mismatch in length of strides and shape");
  checkSizeNonnegative(size);
  int64_t span = 1;
  for (size_t d = 0; d < size.size(); ++d) {
    if (size[d] == 0) {
      span = 0;
      break;
    }
    span += stride[d] * (size[d] - 1);
  }
  const ScalarType dt = orDefault(dtype);
  Tensor storage = Tensor::empty({span}, dt, device);
  return storage.asStrided(size, stride, 0);
}

Tensor zeros(IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  return empty(size, dtype, device);  // allocation zeroes
}

Tensor ones(IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  return full(size, Scalar(int64_t{1}), orDefault(dtype), device);
}

Tensor full(IntArrayRef size, const Scalar& fillValue, std::optional<ScalarType> dtype, Device device) {
  ScalarType dt = dtype ? *dtype
                  : fillValue.isBool()     ? ScalarType::Bool
                  : fillValue.isIntegral() ? ScalarType::Long
                  : fillValue.isComplex()  ? ScalarType::ComplexFloat
                                           : kDefaultFloatDtype;
  Tensor out = empty(size, dt, device);
  checkFillValue(dt, fillValue);
  fill_(out, fillValue);
  return out;
}

Tensor scalar_tensor(const Scalar& s, std::optional<ScalarType> dtype, Device device) {
  return full({}, s, orDefault(dtype), device);
}

Tensor tensor(std::span<const Scalar> values, IntArrayRef shape, std::optional<ScalarType> dtype,
              Device device) {
  SCONCE_CHECK(ValueError, checkedNumel(shape) == static_cast<int64_t>(values.size()),
               "tensor(): {} values do not fill shape [{}]", values.size(), fmt::join(shape, ", "));
  ScalarType dt = ScalarType::Bool;
  if (dtype) {
    dt = *dtype;
  } else if (values.empty()) {
    dt = kDefaultFloatDtype;
  } else {
    for (const Scalar& v : values) {
      if (v.isComplex()) dt = ScalarType::ComplexFloat;  // the default complex dtype
      else if (v.isFloatingPoint() && dt != ScalarType::ComplexFloat) dt = kDefaultFloatDtype;
      else if (v.isIntegral() && dt == ScalarType::Bool) dt = ScalarType::Long;
    }
  }
  Tensor out = empty(shape, dt, device);
  dispatchTypes<kAllTypesAndComplexAndBool>(dt, "tensor", [&](auto tag) {
    using T = decltype(tag);
    T* data = out.data<T>();
    for (size_t i = 0; i < values.size(); ++i) data[i] = values[i].to<T>();
  });
  return out;
}

Tensor empty_like(const Tensor& self, std::optional<ScalarType> dtype,
                  std::optional<MemoryFormat> memoryFormat) {
  const ScalarType dt = dtype.value_or(self.dtype());
  const MemoryFormat format = memoryFormat.value_or(MemoryFormat::Preserve);
  if (format != MemoryFormat::Preserve) return emptyWithFormat(self.sizes(), dt, self.device(), format);
  if (isNonOverlappingAndDense(self)) return empty_strided(self.sizes(), self.strides(), dt, self.device());
  return empty_strided(self.sizes(), inferDenseStrides(self.sizes(), self.strides()), dt, self.device());
}

Tensor zeros_like(const Tensor& self, std::optional<ScalarType> dtype,
                  std::optional<MemoryFormat> memoryFormat) {
  return empty_like(self, dtype, memoryFormat);
}

Tensor ones_like(const Tensor& self, std::optional<ScalarType> dtype,
                 std::optional<MemoryFormat> memoryFormat) {
  return full_like(self, Scalar(int64_t{1}), dtype, memoryFormat);
}

Tensor full_like(const Tensor& self, const Scalar& fillValue, std::optional<ScalarType> dtype,
                 std::optional<MemoryFormat> memoryFormat) {
  Tensor out = empty_like(self, dtype, memoryFormat);
  checkFillValue(out.dtype(), fillValue);
  fill_(out, fillValue);
  return out;
}

Tensor new_empty(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype) {
  return empty(size, dtype.value_or(self.dtype()), self.device());
}

Tensor new_empty_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                         std::optional<ScalarType> dtype) {
  return empty_strided(size, stride, dtype.value_or(self.dtype()), self.device());
}

Tensor new_zeros(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype) {
  return new_empty(self, size, dtype);
}

Tensor new_ones(const Tensor& self, IntArrayRef size, std::optional<ScalarType> dtype) {
  return full(size, Scalar(int64_t{1}), dtype.value_or(self.dtype()), self.device());
}

Tensor new_full(const Tensor& self, IntArrayRef size, const Scalar& fillValue,
                std::optional<ScalarType> dtype) {
  return full(size, fillValue, dtype.value_or(self.dtype()), self.device());
}

// ---- ranges -------------------------------------------------------------------------

namespace {

// PyTorch's CPU kernels fill ranges through Vectorized<T>::arange in blocks of two
// vectors (AVX2 widths: 8 floats, 4 doubles, 16 halves, 32 / sizeof(T) ints) and a
// scalar tail; `base(i)` is the value at index i, and lane j of a vector adds j * step
// to the vector's base after rounding it to T. PyTorch's kernels are compiled with FMA
// contraction, which fuses arange's lanes but not linspace's (found by comparing
// results); reproducing that order makes the results bit-identical.
template <class T>
constexpr int64_t kAvx2Lanes = 32 / static_cast<int64_t>(sizeof(T));

template <bool kFusedLanes, class T, class Acc, class Base>
void vectorizedRamp(T* out, int64_t begin, int64_t end, Acc step, const Base& base) {
  constexpr int64_t w = kAvx2Lanes<T>;
  int64_t i = begin;
  for (; i + 2 * w <= end; i += 2 * w) {
    for (int64_t v : {i, i + w}) {
      const Acc b = static_cast<Acc>(static_cast<T>(base(v)));
      for (int64_t j = 0; j < w; ++j) {
        const Acc lane = kFusedLanes ? std::fma(static_cast<Acc>(j), step, b) : b + static_cast<Acc>(j) * step;
        out[v + j] = static_cast<T>(lane);
      }
    }
  }
  for (; i < end; ++i) out[i] = static_cast<T>(base(i));
}

// Runs fn(begin, end) over [0, n) split as at::parallel_for splits it, so every chunk
// restarts its vector blocks where PyTorch's does: results match PyTorch running with
// the same number of threads.
template <class Fn>
void forEachRangeChunk(int64_t n, const Fn& fn) {
  const int64_t tasks = std::min<int64_t>(getNumThreads(), (n + kGrainSize - 1) / kGrainSize);
  if (n < kGrainSize || tasks <= 1 || inParallelRegion()) {
    fn(int64_t{0}, n);
    return;
  }
  const int64_t chunk = (n + tasks - 1) / tasks;
  parallelFor(0, tasks, 1, [&](int64_t first, int64_t last) {
    for (int64_t t = first; t < last; ++t)
      if (t * chunk < n) fn(t * chunk, std::min(n, (t + 1) * chunk));
  });
}

// linspace for Half/BFloat16, whose kernel computes in T's own arithmetic: every
// operation rounds to T (c10's Half operators), vector lanes included.
template <class T>
void reducedLinspace(T* out, int64_t begin, int64_t stop, int64_t steps, T start, T end) {
  auto r = [](float v) { return static_cast<float>(T(v)); };
  const float fs = static_cast<float>(start), fe = static_cast<float>(end);
  const float step = r(r(fe - fs) / r(static_cast<float>(steps - 1)));
  const int64_t halfway = steps / 2;
  auto value = [&](int64_t i) {
    if (i < halfway) return r(fs + r(step * r(static_cast<float>(i))));
    return r(fe - r(step * r(static_cast<float>(steps - i - 1))));
  };
  constexpr int64_t w = kAvx2Lanes<T>;
  int64_t i = begin;
  for (; i + 2 * w <= stop; i += 2 * w) {
    for (int64_t v : {i, i + w}) {
      const float b = value(v);
      for (int64_t j = 0; j < w; ++j) out[v + j] = T(b + r(r(static_cast<float>(j)) * step));
    }
  }
  for (; i < stop; ++i) out[i] = T(value(i));
}

template <class T>
using AccOf = std::conditional_t<kIsReducedFloat<T>, float,
                                 std::conditional_t<std::is_floating_point_v<T>, double, int64_t>>;

template <class T>
void arangeFill(T* out, int64_t n, const Scalar& start, const Scalar& step) {
  using Acc = AccOf<T>;
  const Acc xstart = detail::checkedScalarTo<Acc>(start), xstep = detail::checkedScalarTo<Acc>(step);
  if constexpr (std::is_integral_v<Acc>) {
    // Wrapping int64 arithmetic, as the kernel's.
    for (int64_t i = 0; i < n; ++i)
      out[i] = static_cast<T>(static_cast<int64_t>(static_cast<uint64_t>(xstart) +
                                                   static_cast<uint64_t>(xstep) * static_cast<uint64_t>(i)));
  } else {
    forEachRangeChunk(n, [&](int64_t begin, int64_t end) {
      vectorizedRamp<true>(out, begin, end, xstep,
                           [&](int64_t i) { return std::fma(xstep, static_cast<Acc>(i), xstart); });
    });
  }
}

}  // namespace

Tensor arange(const Scalar& end, std::optional<ScalarType> dtype, Device device) {
  return arange(Scalar(int64_t{0}), end, Scalar(int64_t{1}), dtype, device);
}

Tensor arange(const Scalar& start, const Scalar& end, std::optional<ScalarType> dtype, Device device) {
  return arange(start, end, Scalar(int64_t{1}), dtype, device);
}

Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              std::optional<ScalarType> dtype, Device device) {
  const bool anyFloat = start.isFloatingPoint() || end.isFloatingPoint() || step.isFloatingPoint();
  const ScalarType dt = dtype ? *dtype : anyFloat ? kDefaultFloatDtype : ScalarType::Long;
  return dispatchTypes<kAllTypes>(dt, "arange_cpu", [&](auto tag) {
    using T = decltype(tag);
    using Acc = AccOf<T>;
    const Acc xstart = detail::checkedScalarTo<Acc>(start), xend = detail::checkedScalarTo<Acc>(end),
              xstep = detail::checkedScalarTo<Acc>(step);
    SCONCE_CHECK(ValueError, xstep > 0 || xstep < 0, "step must be nonzero");
    SCONCE_CHECK(ValueError, std::isfinite(static_cast<double>(xstart)) && std::isfinite(static_cast<double>(xend)),
                 "unsupported range: {} -> {}", xstart, xend);
    SCONCE_CHECK(ValueError, (xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart),
                 "upper bound and larger bound inconsistent with step sign");
    double sizeD;
    if constexpr (std::is_same_v<T, int64_t>) {
      sizeD = std::ceil(static_cast<double>(xend - xstart) / static_cast<double>(xstep));
    } else {
      sizeD = std::ceil((end.toDouble() - start.toDouble()) / step.toDouble());
    }
    SCONCE_CHECK(ValueError, sizeD >= 0 && sizeD <= static_cast<double>(std::numeric_limits<int64_t>::max()),
                 "invalid size, possible overflow?");
    const auto n = static_cast<int64_t>(sizeD);
    Tensor out = empty({n}, dt, device);
    arangeFill(out.data<T>(), n, start, step);
    return out;
  });
}

Tensor linspace(const Scalar& start, const Scalar& end, int64_t steps,
                std::optional<ScalarType> dtype, Device device) {
  SCONCE_CHECK(ValueError, steps >= 0, "number of steps must be non-negative");
  const ScalarType dt = orDefault(dtype);
  Tensor out = empty({steps}, dt, device);
  if (steps == 0) return out;
  if (steps == 1) {
    fill_(out, start);
    return out;
  }
  dispatchTypes<kAllTypes>(dt, "linspace_cpu", [&](auto tag) {
    using T = decltype(tag);
    const T tStart = detail::checkedScalarTo<T>(start), tEnd = detail::checkedScalarTo<T>(end);
    T* data = out.data<T>();
    if constexpr (kIsReducedFloat<T>) {
      forEachRangeChunk(steps, [&](int64_t b, int64_t e) { reducedLinspace(data, b, e, steps, tStart, tEnd); });
    } else {
      // Integral outputs step in double; floating ones in their own type. The first
      // half counts up from start, the second down from end.
      using Step = std::conditional_t<std::is_integral_v<T>, double, T>;
      const Step s0 = static_cast<Step>(tStart), s1 = static_cast<Step>(tEnd);
      const Step step = (s1 - s0) / static_cast<Step>(steps - 1);
      const int64_t halfway = steps / 2;
      forEachRangeChunk(steps, [&](int64_t begin, int64_t end) {
        vectorizedRamp<false>(data, begin, end, step, [&](int64_t i) -> Step {
          if (i < halfway) return std::fma(step, static_cast<Step>(i), s0);
          return std::fma(-step, static_cast<Step>(steps - i - 1), s1);
        });
      });
    }
  });
  return out;
}

Tensor logspace(const Scalar& start, const Scalar& end, int64_t steps, double base,
                std::optional<ScalarType> dtype, Device device) {
  SCONCE_CHECK(ValueError, steps >= 0, "number of steps must be non-negative");
  const ScalarType dt = orDefault(dtype);
  Tensor out = empty({steps}, dt, device);
  if (steps == 0) return out;
  if (steps == 1) {
    fill_(out, Scalar(std::pow(base, start.toDouble())));
    return out;
  }
  if (dt == ScalarType::Half) failDtypeNotImplemented("logspace_cpu", dt);
  dispatchTypes<kAllTypes>(dt, "logspace_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* data = out.data<T>();
    const T tStart = detail::checkedScalarTo<T>(start), tEnd = detail::checkedScalarTo<T>(end);
    // The difference is taken in T's own arithmetic (rounded for half types).
    double diff;
    if constexpr (std::is_integral_v<T>) diff = static_cast<double>(int64_t{tEnd} - int64_t{tStart});
    else diff = static_cast<double>(static_cast<OpMath<T>>(castTo<T>(static_cast<OpMath<T>>(tEnd) - static_cast<OpMath<T>>(tStart))));
    const double step = diff / static_cast<double>(steps - 1);
    const int64_t halfway = steps / 2;
    // Integral outputs raise a float base (as PyTorch, to avoid promotion to double).
    using Base = std::conditional_t<std::is_integral_v<T>, float, double>;
    const Base b = static_cast<Base>(base);
    const double s0 = static_cast<double>(static_cast<OpMath<T>>(tStart));
    const double s1 = static_cast<double>(static_cast<OpMath<T>>(tEnd));
    for (int64_t i = 0; i < steps; ++i) {
      const double e = i < halfway ? s0 + step * static_cast<double>(i)
                                   : s1 - step * static_cast<double>(steps - i - 1);
      data[i] = castTo<T>(std::pow(b, e));
    }
  });
  return out;
}

Tensor eye(int64_t n, std::optional<ScalarType> dtype, Device device) { return eye(n, n, dtype, device); }

Tensor eye(int64_t n, int64_t m, std::optional<ScalarType> dtype, Device device) {
  SCONCE_CHECK(ValueError, n >= 0, "n must be greater or equal to 0, got {}", n);
  SCONCE_CHECK(ValueError, m >= 0, "m must be greater or equal to 0, got {}", m);
  Tensor out = zeros({n, m}, dtype, device);
  fill_(diagonal(out), Scalar(int64_t{1}));
  return out;
}

static Tensor triangleIndices(int64_t row, int64_t col, int64_t offset, std::optional<ScalarType> dtype,
                              Device device, bool lower) {
  SCONCE_CHECK(ValueError, row >= 0, "row must be non-negative, got{}", row);
  SCONCE_CHECK(ValueError, col >= 0, "col must be non-negative, got{}", col);
  std::vector<int64_t> rows, cols;
  for (int64_t r = 0; r < row; ++r) {
    for (int64_t c = 0; c < col; ++c) {
      if (lower ? c - r <= offset : c - r >= offset) {
        rows.push_back(r);
        cols.push_back(c);
      }
    }
  }
  const auto n = static_cast<int64_t>(rows.size());
  const ScalarType dt = dtype.value_or(ScalarType::Long);
  Tensor out = empty({2, n}, dt, device);
  dispatchTypes<kAllTypes>(dt, lower ? "tril_indices" : "triu_indices", [&](auto tag) {
    using T = decltype(tag);
    T* data = out.data<T>();
    for (int64_t i = 0; i < n; ++i) {
      data[i] = castTo<T>(rows[i]);
      data[n + i] = castTo<T>(cols[i]);
    }
  });
  return out;
}

Tensor tril_indices(int64_t row, int64_t col, int64_t offset, std::optional<ScalarType> dtype,
                    Device device) {
  return triangleIndices(row, col, offset, dtype, device, /*lower=*/true);
}

Tensor triu_indices(int64_t row, int64_t col, int64_t offset, std::optional<ScalarType> dtype,
                    Device device) {
  return triangleIndices(row, col, offset, dtype, device, /*lower=*/false);
}

std::vector<Tensor> meshgrid(const std::vector<Tensor>& tensors, std::string_view indexing) {
  const size_t n = tensors.size();
  SCONCE_CHECK(ValueError, n > 0, "meshgrid expects a non-empty TensorList");
  for (size_t i = 0; i + 1 < n; ++i)
    SCONCE_CHECK(ValueError, tensors[i].dtype() == tensors[i + 1].dtype(),
                 "meshgrid expects all tensors to have the same dtype");
  std::vector<Tensor> inputs = tensors;
  // "xy" makes the first two outputs vary along the other's axis.
  const bool swapFirstTwo = indexing == "xy" && n >= 2;
  if (swapFirstTwo) std::swap(inputs[0], inputs[1]);
  SCONCE_CHECK(ValueError, indexing == "xy" || indexing == "ij",
               "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: {}", indexing);
  Dims shape(n);
  for (size_t i = 0; i < n; ++i) {
    SCONCE_CHECK(ValueError, inputs[i].dim() <= 1,
                 "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: {}",
                 inputs[i].typeString());
    shape[i] = inputs[i].numel();
  }
  std::vector<Tensor> grids;
  Dims viewShape(n, 1);
  for (size_t i = 0; i < n; ++i) {
    viewShape[i] = -1;
    grids.push_back(expand(view(inputs[i], viewShape), shape));
    viewShape[i] = 1;
  }
  if (swapFirstTwo) std::swap(grids[0], grids[1]);
  return grids;
}

Tensor cartesian_prod(const std::vector<Tensor>& tensors) {
  for (const Tensor& t : tensors)
    SCONCE_CHECK(ValueError, t.dim() == 1, "Expect a 1D vector, but got shape [{}]",
                 fmt::join(t.sizes(), ", "));
  if (tensors.size() == 1) return tensors[0];
  std::vector<Tensor> grids = meshgrid(tensors, "ij");
  for (Tensor& g : grids) g = flatten(g);
  return stack(grids, 1);
}

Tensor diag(const Tensor& self, int64_t diagonalIndex) {
  SCONCE_CHECK(ValueError, self.dim() == 1 || self.dim() == 2,
               "matrix or a vector expected");
  if (self.dim() == 1) {
    const int64_t n = self.sizes()[0] + std::abs(diagonalIndex);
    Tensor out = zeros({n, n}, self.dtype(), self.device());
    copy_(diagonal(out, diagonalIndex), self);
    return out;
  }
  return contiguous(clone(diagonal(self, diagonalIndex)));
}

Tensor diag_embed(const Tensor& self, int64_t offset, int64_t dim1In, int64_t dim2In) {
  const int64_t rank = self.dim() + 1;
  const int64_t dim1 = maybeWrapDim(dim1In, rank), dim2 = maybeWrapDim(dim2In, rank);
  SCONCE_CHECK(ValueError, dim1 != dim2, "diagonal dimensions cannot be identical {}, {}", dim1In, dim2In);
  const int64_t n = std::abs(offset) + self.size(-1);
  Dims sizes = self.sizes();
  sizes.pop_back();
  sizes.insert(sizes.begin() + std::min(dim1, dim2), n);
  sizes.insert(sizes.begin() + std::max(dim1, dim2), n);
  Tensor out = zeros(sizes, self.dtype(), self.device());
  copy_(diagonal(out, offset, dim1, dim2), self);
  return out;
}

Tensor diagflat(const Tensor& self, int64_t offset) { return diag(reshape(self, {-1}), offset); }

// ---- random -------------------------------------------------------------------------

namespace {

struct Generator {
  std::mutex mutex;
  std::mt19937_64 engine{std::random_device{}()};
};

Generator& generator() {
  static Generator g;
  return g;
}

// Fills the contiguous `out` (dtype T) with draw(engine) under the generator lock.
template <class Draw>
void fillRandom(const Tensor& out, const char* op, Draw&& draw) {
  Tensor target = out.isContiguous() ? out : Tensor::empty(out.sizes(), out.dtype(), out.device());
  dispatchTypes<kAllTypesAndBool>(target.dtype(), op, [&](auto tag) {
    using T = decltype(tag);
    T* data = target.data<T>();
    Generator& g = generator();
    std::lock_guard lock(g.mutex);
    for (int64_t i = 0; i < target.numel(); ++i) data[i] = castTo<T>(draw(g.engine, tag));
  });
  if (!target.is(out)) copy_(out, target);
}

// Uniform in [0, 1) with the mantissa width of T (24 bits for float, 53 for double).
template <class T>
double uniform01(std::mt19937_64& e) {
  if constexpr (std::is_same_v<T, double>) return static_cast<double>(e() >> 11) * 0x1.0p-53;
  else return static_cast<double>(e() >> 40) * 0x1.0p-24;
}

}  // namespace

void manual_seed(uint64_t seed) {
  Generator& g = generator();
  std::lock_guard lock(g.mutex);
  g.engine.seed(seed);
}

const Tensor& uniform_(const Tensor& self, double from, double to) {
  SCONCE_CHECK(ValueError, from <= to,
               "uniform_ expects to return a [from, to) range, but found from={} > to={}", from, to);
  fillRandom(self, "uniform_", [&](std::mt19937_64& e, auto tag) {
    const double u = uniform01<decltype(tag)>(e);
    return from + u * (to - from);
  });
  return self;
}

const Tensor& normal_(const Tensor& self, double mean, double std) {
  SCONCE_CHECK(ValueError, std >= 0.0, "normal expects std >= 0.0, but found std {}", std);
  std::normal_distribution<double> dist(mean, std);
  fillRandom(self, "normal_", [&](std::mt19937_64& e, auto) { return dist(e); });
  return self;
}

const Tensor& bernoulli_(const Tensor& self, double p) {
  SCONCE_CHECK(ValueError, p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p={}", p);
  fillRandom(self, "bernoulli_", [&](std::mt19937_64& e, auto) {
    return static_cast<double>(e() >> 11) * 0x1.0p-53 < p ? 1.0 : 0.0;
  });
  return self;
}

Tensor rand(IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  Tensor out = empty(size, dtype, device);
  dispatchTypes<kFloatingTypes>(out.dtype(), "check_uniform_bounds", [](auto) {});
  uniform_(out);
  return out;
}

Tensor randn(IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  Tensor out = empty(size, dtype, device);
  dispatchTypes<kFloatingTypes>(out.dtype(), "normal_kernel_cpu", [](auto) {});
  normal_(out);
  return out;
}

Tensor rand_like(const Tensor& self, std::optional<ScalarType> dtype) {
  Tensor out = empty_like(self, dtype);
  dispatchTypes<kFloatingTypes>(out.dtype(), "check_uniform_bounds", [](auto) {});
  uniform_(out);
  return out;
}

Tensor randn_like(const Tensor& self, std::optional<ScalarType> dtype) {
  Tensor out = empty_like(self, dtype);
  dispatchTypes<kFloatingTypes>(out.dtype(), "normal_kernel_cpu", [](auto) {});
  normal_(out);
  return out;
}

static void randomInt_(const Tensor& out, int64_t low, int64_t high) {
  SCONCE_CHECK(ValueError, low < high,
               "random_ expects 'from' to be less than 'to', but got from={} >= to={}", low, high);
  const auto range = static_cast<uint64_t>(high) - static_cast<uint64_t>(low);
  fillRandom(out, "random_", [&](std::mt19937_64& e, auto) {
    return static_cast<int64_t>(static_cast<uint64_t>(low) + e() % range);
  });
}

Tensor randint(int64_t high, IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  return randint(0, high, size, dtype, device);
}

Tensor randint(int64_t low, int64_t high, IntArrayRef size, std::optional<ScalarType> dtype,
               Device device) {
  Tensor out = empty(size, dtype.value_or(ScalarType::Long), device);
  randomInt_(out, low, high);
  return out;
}

Tensor randint_like(const Tensor& self, int64_t low, int64_t high, std::optional<ScalarType> dtype) {
  Tensor out = empty_like(self, dtype);
  randomInt_(out, low, high);
  return out;
}

Tensor randperm(int64_t n, std::optional<ScalarType> dtype, Device device) {
  SCONCE_CHECK(ValueError, n >= 0, "n must be non-negative, got{}", n);
  std::vector<int64_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  {
    Generator& g = generator();
    std::lock_guard lock(g.mutex);
    std::shuffle(perm.begin(), perm.end(), g.engine);
  }
  Tensor values = tensor(std::vector<Scalar>(perm.begin(), perm.end()), {n}, ScalarType::Long, device);
  return dtype && *dtype != ScalarType::Long ? to(values, *dtype) : values;
}

Tensor normal(double mean, double std, IntArrayRef size, std::optional<ScalarType> dtype, Device device) {
  Tensor out = empty(size, dtype, device);
  normal_(out, mean, std);
  return out;
}

Tensor bernoulli(const Tensor& self) {
  Tensor out = empty_like(self);
  Tensor p = contiguous(to(self, ScalarType::Double));
  const double* probs = p.data<double>();
  for (int64_t i = 0; i < p.numel(); ++i)
    SCONCE_CHECK(ValueError, probs[i] >= 0 && probs[i] <= 1,
                 "Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
  int64_t i = 0;
  Tensor flat = Tensor::empty(self.sizes(), self.dtype());
  fillRandom(flat, "bernoulli_", [&](std::mt19937_64& e, auto) {
    return static_cast<double>(e() >> 11) * 0x1.0p-53 < probs[i++] ? 1.0 : 0.0;
  });
  copy_(out, flat);
  return out;
}

Tensor bernoulli(const Tensor& self, double p) {
  Tensor out = empty_like(self);
  bernoulli_(out, p);
  return out;
}

Tensor dropout(const Tensor& input, double p, bool train) {
  SCONCE_CHECK(ValueError, p >= 0 && p <= 1,
               "dropout probability has to be between 0 and 1, but got {}", p);
  if (p == 0 || !train || input.numel() == 0) return input;
  Tensor out = empty(input.sizes(), input.dtype(), input.device());
  Tensor noise = empty(input.sizes(), input.dtype(), input.device());
  // p == 1 multiplies by zero (keeping NaNs), as ATen does.
  if (p < 1) bernoulli_(noise, 1 - p);
  // out = input * (noise / (1 - p)) in the input dtype, as ATen's _dropout.
  dispatchTypes<kFloatingTypes>(input.dtype(), "dropout", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    Tensor x = contiguous(input);
    const T* in = x.data<T>();
    const T* mask = noise.data<T>();
    T* dst = out.data<T>();
    const M keep = p < 1 ? static_cast<M>(1 - p) : M(1);
    for (int64_t i = 0; i < x.numel(); ++i) {
      const T scaled = castTo<T>(static_cast<M>(mask[i]) / keep);
      dst[i] = castTo<T>(static_cast<M>(in[i]) * static_cast<M>(scaled));
    }
  });
  return out;
}

}  // namespace sconce::ops
