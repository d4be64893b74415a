// Shape ops: views compute the sizes, strides and storage offset ATen computes and
// return a new TensorImpl over the same storage; copies (cat, repeat, flip, ...) build
// on copy_ and allocate their results with ATen's layouts.
#include "ops/kernels/shape.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

#include "ops/kernels/complex.h"
#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

namespace {

Tensor makeView(const Tensor& self, Dims sizes, Dims strides, int64_t storageOffset) {
  Tensor out(makeRef<TensorImpl>(self.storage(), std::move(sizes), std::move(strides),
                                 storageOffset, self.dtype()));
  return out;
}

int64_t product(IntArrayRef v, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end; ++i) p *= v[i];
  return p;
}

}  // namespace

// ---- dimension helpers -------------------------------------------------------------

int64_t maybeWrapDim(int64_t dim, int64_t rank, bool wrapScalar) {
  if (rank <= 0) {
    SCONCE_CHECK(ValueError, wrapScalar, "Dimension specified as {} but tensor has no dimensions",
                 dim);
    rank = 1;
  }
  const int64_t lo = -rank, hi = rank - 1;
  SCONCE_CHECK(ValueError, dim >= lo && dim <= hi,
               "Dimension out of range (expected to be in range of [{}, {}], but got {})", lo, hi,
               dim);
  return dim < 0 ? dim + rank : dim;
}

Dims inferSize(IntArrayRef shape, int64_t numel) {
  Dims out = shape.vec();
  int64_t newSize = 1;
  std::optional<size_t> inferDim;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == -1) {
      SCONCE_CHECK(ValueError, !inferDim, "only one dimension can be inferred");
      inferDim = d;
    } else {
      SCONCE_CHECK(ValueError, shape[d] >= 0, "invalid shape dimension {}", shape[d]);
      newSize *= shape[d];
    }
  }
  if (numel == newSize || (inferDim && newSize > 0 && numel % newSize == 0)) {
    if (inferDim) {
      SCONCE_CHECK(ValueError, newSize != 0,
                   "cannot reshape tensor of 0 elements into shape [{}] because the unspecified "
                   "dimension size -1 can be any value and is ambiguous",
                   fmt::join(shape, ", "));
      out[*inferDim] = numel / newSize;
    }
    return out;
  }
  fail<ValueError>("shape '[{}]' is invalid for input of size {}", fmt::join(shape, ", "), numel);
}

std::optional<Dims> computeStride(IntArrayRef oldSizes, IntArrayRef oldStrides,
                                  IntArrayRef newSizes) {
  const int64_t newRank = static_cast<int64_t>(newSizes.size());
  if (oldSizes.empty()) return Dims(newRank, 1);
  const int64_t numel = product(oldSizes, 0, oldSizes.size());
  if (numel == 0 && oldSizes == newSizes) return oldStrides.vec();
  Dims newStrides(newRank);
  if (numel == 0) {
    // Any strides work; use the ones resize would give.
    for (int64_t d = newRank - 1; d >= 0; --d)
      newStrides[d] = d == newRank - 1 ? 1 : std::max<int64_t>(newSizes[d + 1], 1) * newStrides[d + 1];
    return newStrides;
  }
  // Walk old dims from the back in "chunks" of dims that are contiguous with each other;
  // each chunk must be covered exactly by a run of new dims.
  int64_t viewD = newRank - 1;
  int64_t chunkBaseStride = oldStrides[oldStrides.size() - 1];
  int64_t tensorNumel = 1, viewNumel = 1;
  for (int64_t tensorD = static_cast<int64_t>(oldSizes.size()) - 1; tensorD >= 0; --tensorD) {
    tensorNumel *= oldSizes[tensorD];
    if (tensorD == 0 || (oldSizes[tensorD - 1] != 1 &&
                         oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newSizes[viewD] == 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newSizes[viewD];
        --viewD;
      }
      if (viewNumel != tensorNumel) return std::nullopt;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD != -1) return std::nullopt;
  return newStrides;
}

std::string legacyTypeName(ScalarType t) {
  return fmt::format("torch.{}Tensor", scalarTypeShortName(t));
}

// ---- views --------------------------------------------------------------------------

Tensor view(const Tensor& self, IntArrayRef size) {
  Dims shape = inferSize(size, self.numel());
  std::optional<Dims> strides = computeStride(self.sizes(), self.strides(), shape);
  SCONCE_CHECK(ValueError, strides.has_value(),
               "view size is not compatible with input tensor's size and stride (at least one "
               "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
  return makeView(self, std::move(shape), std::move(*strides), self.storageOffset());
}

Tensor view_as(const Tensor& self, const Tensor& other) { return view(self, other.sizes()); }

Tensor reshape(const Tensor& self, IntArrayRef shape) {
  Dims sizes = inferSize(shape, self.numel());
  if (std::optional<Dims> strides = computeStride(self.sizes(), self.strides(), sizes))
    return makeView(self, std::move(sizes), std::move(*strides), self.storageOffset());
  Tensor copy = Tensor::empty(self.sizes(), self.dtype(), self.device());
  copy_(copy, self);
  return view(copy, sizes);
}

Tensor reshape_as(const Tensor& self, const Tensor& other) { return reshape(self, other.sizes()); }

Tensor as_strided(const Tensor& self, IntArrayRef size, IntArrayRef stride,
                  std::optional<int64_t> storageOffset) {
  const int64_t offset = storageOffset.value_or(self.storageOffset());
  SCONCE_CHECK(ValueError, size.size() == stride.size(), "mismatch in length of strides and shape");
  for (int64_t s : stride)
    SCONCE_CHECK(ValueError, s >= 0,
                 "as_strided: Negative strides are not supported at the moment, got strides: [{}]",
                 fmt::join(stride, ", "));
  SCONCE_CHECK(ValueError, offset >= 0, "Tensor: invalid storage offset {}", offset);
  checkedNumel(size);
  const auto itemsize = static_cast<int64_t>(self.itemsize());
  int64_t span = 1;
  bool empty = false;
  for (size_t d = 0; d < size.size(); ++d) {
    if (size[d] == 0) empty = true;
    else span += stride[d] * (size[d] - 1);
  }
  if (!empty) {
    const int64_t needed = (span + offset) * itemsize;
    SCONCE_CHECK(ValueError, needed <= static_cast<int64_t>(self.storage()->nbytes()),
                 "setStorage: sizes [{}], strides [{}], storage offset {}, and itemsize {} requiring "
                 "a storage size of {} are out of bounds for storage of size {}",
                 fmt::join(size, ", "), fmt::join(stride, ", "), offset, itemsize, needed,
                 self.storage()->nbytes());
  }
  return makeView(self, size.vec(), stride.vec(), offset);
}

Tensor alias(const Tensor& self) {
  return makeView(self, self.sizes(), self.strides(), self.storageOffset());
}

Tensor detach(const Tensor& self) { return alias(self); }

Tensor permute(const Tensor& self, IntArrayRef dims) {
  const int64_t rank = self.dim();
  SCONCE_CHECK(ValueError, static_cast<int64_t>(dims.size()) == rank,
               "permute(sparse_coo): number of dimensions in the tensor input does not match the "
               "length of the desired ordering of dimensions i.e. input.dim() = {} is not equal to "
               "len(dims) = {}",
               rank, dims.size());
  Dims sizes(rank), strides(rank);
  std::vector<bool> seen(rank, false);
  for (int64_t i = 0; i < rank; ++i) {
    const int64_t d = maybeWrapDim(dims[i], rank);
    SCONCE_CHECK(ValueError, !seen[d], "permute(): duplicate dims are not allowed.");
    seen[d] = true;
    sizes[i] = self.sizes()[d];
    strides[i] = self.strides()[d];
  }
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  const int64_t rank = self.dim();
  dim0 = maybeWrapDim(dim0, rank);
  dim1 = maybeWrapDim(dim1, rank);
  if (dim0 == dim1) return alias(self);
  Dims sizes = self.sizes(), strides = self.strides();
  std::swap(sizes[dim0], sizes[dim1]);
  std::swap(strides[dim0], strides[dim1]);
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor t(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dim() <= 2,
               "t() expects a tensor with <= 2 dimensions, but self is {}D", self.dim());
  return transpose(self, 0, self.dim() < 2 ? 0 : 1);
}

Tensor numpy_T(const Tensor& self) {
  Dims dims(self.dim());
  std::iota(dims.rbegin(), dims.rend(), 0);
  return permute(self, dims);
}

static Tensor swapLastTwo(const Tensor& self, const char* what) {
  SCONCE_CHECK(ValueError, self.dim() >= 2,
               "tensor.{} is only supported on matrices or batches of matrices. Got {}-D tensor.",
               what, self.dim());
  return transpose(self, -2, -1);
}

Tensor mT(const Tensor& self) { return swapLastTwo(self, "mT"); }
// Conjugate transposes: a copy for complex dtypes (no conjugate bit, see complex.h).
Tensor mH(const Tensor& self) { return conj(swapLastTwo(self, "mH")); }
Tensor adjoint(const Tensor& self) { return conj(swapLastTwo(self, "adjoint()")); }

Tensor flatten(const Tensor& self, int64_t startDim, int64_t endDim) {
  startDim = maybeWrapDim(startDim, self.dim());
  endDim = maybeWrapDim(endDim, self.dim());
  SCONCE_CHECK(ValueError, startDim <= endDim,
               "flatten() has invalid args: start_dim cannot come after end_dim");
  if (self.dim() == 0) return reshape(self, {1});
  if (startDim == endDim) return self;
  const Dims& in = self.sizes();
  Dims shape(in.begin(), in.begin() + startDim);
  shape.push_back(product(in, startDim, endDim + 1));
  shape.insert(shape.end(), in.begin() + endDim + 1, in.end());
  return reshape(self, shape);
}

Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes) {
  dim = maybeWrapDim(dim, self.dim());
  SCONCE_CHECK(ValueError, !sizes.empty(), "unflatten: sizes must be non-empty");
  Dims inferred;
  try {
    inferred = inferSize(sizes, self.size(dim));
  } catch (const ValueError& e) {
    if (std::string_view(e.what()).find("is invalid for input of size") != std::string_view::npos)
      fail<ValueError>("unflatten: Provided sizes [{}] don't multiply up to the size of dim {} ({}) "
                       "in the input tensor",
                       fmt::join(sizes, ", "), dim, self.size(dim));
    fail<ValueError>("unflatten got an unexpected error:\n{}", e.what());
  }
  Dims shape = self.sizes();
  shape.erase(shape.begin() + dim);
  shape.insert(shape.begin() + dim, inferred.begin(), inferred.end());
  return view(self, shape);
}

Tensor squeeze(const Tensor& self) {
  Dims sizes, strides;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (self.sizes()[d] == 1) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor squeeze(const Tensor& self, int64_t dim) {
  return squeeze(self, IntArrayRef{dim});
}

Tensor squeeze(const Tensor& self, IntArrayRef dims) {
  const int64_t rank = self.dim();
  std::vector<bool> drop(std::max<int64_t>(rank, 1), false);
  for (int64_t d : dims) drop[maybeWrapDim(d, rank)] = true;
  Dims sizes, strides;
  for (int64_t d = 0; d < rank; ++d) {
    if (drop[d] && self.sizes()[d] == 1) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor unsqueeze(const Tensor& self, int64_t dim) {
  dim = maybeWrapDim(dim, self.dim() + 1);
  Dims sizes = self.sizes(), strides = self.strides();
  const int64_t stride = dim >= self.dim() ? 1 : sizes[dim] * strides[dim];
  sizes.insert(sizes.begin() + dim, 1);
  strides.insert(strides.begin() + dim, stride);
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor expand(const Tensor& self, IntArrayRef size, bool /*implicit*/) {
  const int64_t rank = self.dim();
  const auto ndim = static_cast<int64_t>(size.size());
  SCONCE_CHECK(ValueError, ndim >= rank,
               "expand({}{{[{}]}}, size=[{}]): the number of sizes provided ({}) must be greater or "
               "equal to the number of dimensions in the tensor ({})",
               legacyTypeName(self.dtype()), fmt::join(self.sizes(), ", "), fmt::join(size, ", "),
               ndim, rank);
  Dims sizes(ndim), strides(ndim);
  for (int64_t i = ndim - 1; i >= 0; --i) {
    const int64_t dim = rank - ndim + i;
    int64_t s = dim >= 0 ? self.sizes()[dim] : 1;
    int64_t stride = dim >= 0 ? self.strides()[dim] : (i + 1 < ndim ? sizes[i + 1] * strides[i + 1] : 1);
    int64_t target = size[i];
    if (target == -1) {
      SCONCE_CHECK(ValueError, dim >= 0,
                   "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
                   "dimension {}",
                   i);
      target = s;
    }
    if (s != target) {
      SCONCE_CHECK(ValueError, s == 1,
                   "The expanded size of the tensor ({}) must match the existing size ({}) at "
                   "non-singleton dimension {}.  Target sizes: [{}].  Tensor sizes: [{}]",
                   target, s, i, fmt::join(size, ", "), fmt::join(self.sizes(), ", "));
      s = target;
      stride = 0;
    }
    sizes[i] = s;
    strides[i] = stride;
  }
  checkedNumel(sizes);
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor expand_as(const Tensor& self, const Tensor& other) { return expand(self, other.sizes()); }

Tensor slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
             std::optional<int64_t> end, int64_t step) {
  SCONCE_CHECK(ValueError, self.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  dim = maybeWrapDim(dim, self.dim());
  SCONCE_CHECK(ValueError, step > 0, "slice step must be positive");
  const int64_t size = self.sizes()[dim];
  int64_t s = start.value_or(0), e = end.value_or(INT64_MAX);
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = std::clamp<int64_t>(s, 0, size);
  e = e < s ? s : std::min(e, size);
  Dims sizes = self.sizes(), strides = self.strides();
  const int64_t offset = self.storageOffset() + s * strides[dim];
  sizes[dim] = (e - s + step - 1) / step;
  strides[dim] *= step;
  return makeView(self, std::move(sizes), std::move(strides), offset);
}

Tensor select(const Tensor& self, int64_t dim, int64_t index) {
  SCONCE_CHECK(ValueError, self.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  dim = maybeWrapDim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  SCONCE_CHECK(ValueError, index >= -size && index < size,
               "select(): index {} out of range for tensor of size [{}] at dimension {}", index,
               fmt::join(self.sizes(), ", "), dim);
  if (index < 0) index += size;
  Dims sizes = self.sizes(), strides = self.strides();
  const int64_t offset = self.storageOffset() + index * strides[dim];
  sizes.erase(sizes.begin() + dim);
  strides.erase(strides.begin() + dim);
  return makeView(self, std::move(sizes), std::move(strides), offset);
}

Tensor narrow(const Tensor& self, int64_t dim, int64_t start, int64_t length) {
  SCONCE_CHECK(ValueError, self.dim() > 0, "narrow() cannot be applied to a 0-dim tensor.");
  const int64_t size = self.size(dim);
  // start == size is a valid (empty) narrow but not a valid index to wrap.
  if (start != size) start = maybeWrapDim(start, size);
  SCONCE_CHECK(ValueError, length >= 0 && start <= size - length,
               "start ({}) + length ({}) exceeds dimension size ({}).", start, length, size);
  return slice(self, dim, start, start + length, 1);
}

std::vector<Tensor> split(const Tensor& self, int64_t splitSize, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() != 0, "split expects at least a 1-dimensional tensor");
  SCONCE_CHECK(ValueError, splitSize >= 0,
               "split expects split_size be non-negative, but got split_size={}", splitSize);
  const int64_t size = self.size(dim);
  SCONCE_CHECK(ValueError, splitSize > 0 || size == 0,
               "split_size can only be 0 if dimension size is 0, but got dimension size of {}", size);
  int64_t numSplits = 1;
  if (splitSize != 0) numSplits = std::max<int64_t>((size + splitSize - 1) / splitSize, 1);
  const int64_t lastSplitSize = splitSize - (splitSize * numSplits - size);
  std::vector<Tensor> out;
  out.reserve(numSplits);
  for (int64_t i = 0; i < numSplits; ++i)
    out.push_back(narrow(self, dim, i * splitSize, i < numSplits - 1 ? splitSize : lastSplitSize));
  return out;
}

std::vector<Tensor> split(const Tensor& self, IntArrayRef splitSizes, int64_t dim) {
  return split_with_sizes(self, splitSizes, dim);
}

std::vector<Tensor> split_with_sizes(const Tensor& self, IntArrayRef splitSizes, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() != 0, "split expects at least a 1-dimensional tensor");
  const int64_t size = self.size(dim);
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t length : splitSizes) {
    SCONCE_CHECK(ValueError, length >= 0,
                 "split_with_sizes expects split_sizes have only non-negative entries, but got "
                 "split_sizes=[{}]",
                 fmt::join(splitSizes, ", "));
    out.push_back(slice(self, dim, start, start + length, 1));
    start += length;
  }
  SCONCE_CHECK(ValueError, start == size,
               "split_with_sizes expects split_sizes to sum exactly to {} (input tensor's size at "
               "dimension {}), but got split_sizes=[{}]",
               size, dim, fmt::join(splitSizes, ", "));
  return out;
}

std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() > 0, "chunk expects at least a 1-dimensional tensor");
  SCONCE_CHECK(ValueError, chunks > 0, "chunk expects `chunks` to be greater than 0, got: {}", chunks);
  const int64_t size = self.size(dim);
  const int64_t splitSize = (size + chunks - 1) / chunks;
  if (splitSize == 0 && size == 0) {
    // Keep `chunks` pieces for empty dims (split would give one).
    Dims sizes(chunks, splitSize);
    sizes[chunks - 1] = splitSize - (splitSize * chunks - size);
    return split_with_sizes(self, sizes, dim);
  }
  return split(self, splitSize, dim);
}

std::vector<Tensor> tensor_split(const Tensor& self, int64_t sections, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() > 0,
               "tensor_split expected at least a 1-dimensional tensor, but got a tensor with {} dims",
               self.dim());
  SCONCE_CHECK(ValueError, sections > 0, "number of sections must be larger than 0, got {}", sections);
  dim = maybeWrapDim(dim, self.dim());
  const int64_t size = self.sizes()[dim];
  const int64_t minSplit = size / sections, numExtra = size % sections;
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t i = 0; i < sections; ++i) {
    const int64_t n = i < numExtra ? minSplit + 1 : minSplit;
    out.push_back(slice(self, dim, start, start + n));
    start += n;
  }
  return out;
}

std::vector<Tensor> tensor_split(const Tensor& self, IntArrayRef indices, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() > 0,
               "tensor_split expected at least a 1-dimensional tensor, but got a tensor with {} dims",
               self.dim());
  dim = maybeWrapDim(dim, self.dim());
  std::vector<Tensor> out;
  int64_t start = 0;
  for (int64_t end : indices) {
    out.push_back(slice(self, dim, start, end));
    start = end;
  }
  out.push_back(slice(self, dim, start, self.sizes()[dim]));
  return out;
}

std::vector<Tensor> unbind(const Tensor& self, int64_t dim) {
  dim = maybeWrapDim(dim, self.dim(), /*wrapScalar=*/false);
  std::vector<Tensor> out;
  for (int64_t i = 0; i < self.sizes()[dim]; ++i) out.push_back(select(self, dim, i));
  return out;
}

Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  SCONCE_CHECK(ValueError, source.size() == destination.size(),
               "movedim: Invalid source or destination dims: source ([{}] dims) should contain the "
               "same number of dims as destination ([{}] dims)",
               fmt::join(source, ", "), fmt::join(destination, ", "));
  const int64_t rank = self.dim();
  Dims src, dst;
  for (int64_t d : source) src.push_back(maybeWrapDim(d, rank));
  for (int64_t d : destination) dst.push_back(maybeWrapDim(d, rank));
  auto unique = [](Dims v) {
    std::sort(v.begin(), v.end());
    return std::adjacent_find(v.begin(), v.end()) == v.end();
  };
  SCONCE_CHECK(ValueError, unique(src), "movedim: repeated dim in `source` ([{}])",
               fmt::join(source, ", "));
  SCONCE_CHECK(ValueError, unique(dst), "movedim: repeated dim in `destination` ([{}])",
               fmt::join(destination, ", "));
  if (rank == 0) return alias(self);
  // Moved dims go where they are sent; the rest keep their relative order.
  Dims order(rank, -1);
  std::vector<bool> srcUsed(rank, false);
  for (size_t i = 0; i < src.size(); ++i) {
    order[dst[i]] = src[i];
    srcUsed[src[i]] = true;
  }
  int64_t next = 0;
  for (int64_t d = 0; d < rank; ++d) {
    if (order[d] != -1) continue;
    while (srcUsed[next]) ++next;
    order[d] = next++;
  }
  return permute(self, order);
}

Tensor movedim(const Tensor& self, int64_t source, int64_t destination) {
  return movedim(self, IntArrayRef{source}, IntArrayRef{destination});
}

Tensor diagonal(const Tensor& self, int64_t offset, int64_t dim1In, int64_t dim2In) {
  const int64_t rank = self.dim();
  const int64_t dim1 = maybeWrapDim(dim1In, rank), dim2 = maybeWrapDim(dim2In, rank);
  SCONCE_CHECK(ValueError, dim1 != dim2, "diagonal dimensions cannot be identical {}, {}", dim1In,
               dim2In);
  const Dims& sz = self.sizes();
  int64_t storageOffset = self.storageOffset();
  int64_t diagSize;
  if (offset >= 0) {
    diagSize = std::max<int64_t>(std::min(sz[dim1], sz[dim2] - offset), 0);
  } else {
    diagSize = std::max<int64_t>(std::min(sz[dim1] + offset, sz[dim2]), 0);
  }
  if (diagSize > 0) {
    storageOffset += offset >= 0 ? offset * self.strides()[dim2] : -offset * self.strides()[dim1];
  }
  Dims sizes = sz, strides = self.strides();
  const int64_t diagStride = strides[dim1] + strides[dim2];
  for (int64_t d : {std::max(dim1, dim2), std::min(dim1, dim2)}) {
    sizes.erase(sizes.begin() + d);
    strides.erase(strides.begin() + d);
  }
  sizes.push_back(diagSize);
  strides.push_back(diagStride);
  return makeView(self, std::move(sizes), std::move(strides), storageOffset);
}

Tensor unfold(const Tensor& self, int64_t dimension, int64_t size, int64_t step) {
  const int64_t rank = self.dim();
  dimension = maybeWrapDim(dimension, rank);
  const int64_t maxSize = rank == 0 ? 1 : self.sizes()[dimension];
  SCONCE_CHECK(ValueError, size <= maxSize,
               "maximum size for tensor at dimension {} is {} but size is {}", dimension, maxSize,
               size);
  SCONCE_CHECK(ValueError, step > 0, "step is {} but must be > 0", step);
  Dims sizes(rank + 1), strides(rank + 1);
  sizes[rank] = size;
  strides[rank] = rank == 0 ? 1 : self.strides()[dimension];
  for (int64_t d = 0; d < rank; ++d) {
    if (d == dimension) {
      sizes[d] = (self.sizes()[d] - size) / step + 1;
      strides[d] = step * self.strides()[d];
    } else {
      sizes[d] = self.sizes()[d];
      strides[d] = self.strides()[d];
    }
  }
  return makeView(self, std::move(sizes), std::move(strides), self.storageOffset());
}

Tensor atleast_1d(const Tensor& self) { return self.dim() == 0 ? reshape(self, {1}) : self; }

Tensor atleast_2d(const Tensor& self) {
  if (self.dim() == 0) return reshape(self, {1, 1});
  if (self.dim() == 1) return unsqueeze(self, 0);
  return self;
}

Tensor atleast_3d(const Tensor& self) {
  if (self.dim() == 0) return reshape(self, {1, 1, 1});
  if (self.dim() == 1) return unsqueeze(unsqueeze(self, 0), -1);
  if (self.dim() == 2) return unsqueeze(self, -1);
  return self;
}

// ---- copies -------------------------------------------------------------------------

Tensor contiguous(const Tensor& self) {
  if (self.isContiguous()) return self;
  Tensor out = empty(self.sizes(), self.dtype(), self.device());
  copy_(out, self);
  return out;
}

Tensor clone(const Tensor& self) {
  Tensor out = empty_like(self);
  copy_(out, self);
  return out;
}

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "torch.cat(): expected a non-empty list of Tensors");
  for (size_t i = 0; i < tensors.size(); ++i)
    SCONCE_CHECK(ValueError, tensors[i].dim() > 0,
                 "zero-dimensional tensor (at position {}) cannot be concatenated", i);
  // 1-d empty tensors were once the only empty tensors; they are still ignored.
  auto skipped = [](const Tensor& t) { return t.dim() == 1 && t.numel() == 0; };
  size_t valid = tensors.size();
  for (size_t i = 0; i < tensors.size(); ++i) {
    if (!skipped(tensors[i])) {
      valid = i;
      break;
    }
  }
  if (valid < tensors.size()) dim = maybeWrapDim(dim, tensors[valid].dim());
  ScalarType dtype = tensors[0].dtype();
  for (const Tensor& t : tensors) dtype = promoteTypes(dtype, t.dtype());
  if (valid == tensors.size()) return empty({0}, dtype, tensors[0].device());

  const Tensor& first = tensors[valid];
  int64_t sizeAtDim = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    if (skipped(t)) continue;
    SCONCE_CHECK(ValueError, t.dim() == first.dim(),
                 "Tensors must have same number of dimensions: got {} and {}", first.dim(), t.dim());
    for (int64_t d = 0; d < t.dim(); ++d) {
      SCONCE_CHECK(ValueError, d == dim || t.sizes()[d] == first.sizes()[d],
                   "Sizes of tensors must match except in dimension {}. Expected size {} but got "
                   "size {} for tensor number {} in the list.",
                   dim, first.sizes()[d], t.sizes()[d], i);
    }
    sizeAtDim += t.sizes()[dim];
  }
  Dims sizes = first.sizes();
  sizes[dim] = sizeAtDim;
  Tensor out = empty(sizes, dtype, first.device());
  int64_t offset = 0;
  for (const Tensor& t : tensors) {
    if (skipped(t) || t.sizes()[dim] == 0) continue;
    copy_(narrow(out, dim, offset, t.sizes()[dim]), t);
    offset += t.sizes()[dim];
  }
  return out;
}

Tensor concat(const std::vector<Tensor>& tensors, int64_t dim) { return cat(tensors, dim); }

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "stack expects a non-empty TensorList");
  const int64_t rank = tensors[0].dim();
  const int64_t wrapped = maybeWrapDim(dim, rank + 1);
  for (size_t i = 1; i < tensors.size(); ++i)
    SCONCE_CHECK(ValueError, tensors[i].sizes() == tensors[0].sizes(),
                 "stack expects each tensor to be equal size, but got [{}] at entry 0 and [{}] at entry {}",
                 fmt::join(tensors[0].sizes(), ", "), fmt::join(tensors[i].sizes(), ", "), i);
  if (wrapped < rank) {
    // cat along `wrapped`, then split that dim: a view always can.
    Dims sizes = tensors[0].sizes();
    sizes.insert(sizes.begin() + wrapped, static_cast<int64_t>(tensors.size()));
    return view(cat(tensors, wrapped), sizes);
  }
  std::vector<Tensor> inputs;
  for (const Tensor& t : tensors) inputs.push_back(unsqueeze(t, dim));
  return cat(inputs, dim);
}

static std::vector<Tensor> mapTensors(const std::vector<Tensor>& tensors, Tensor (*fn)(const Tensor&)) {
  std::vector<Tensor> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.push_back(fn(t));
  return out;
}

Tensor hstack(const std::vector<Tensor>& tensors) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "hstack expects a non-empty TensorList");
  std::vector<Tensor> rep = mapTensors(tensors, atleast_1d);
  return cat(rep, rep[0].dim() == 1 ? 0 : 1);
}

Tensor vstack(const std::vector<Tensor>& tensors) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "vstack expects a non-empty TensorList");
  return cat(mapTensors(tensors, atleast_2d), 0);
}

Tensor dstack(const std::vector<Tensor>& tensors) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "dstack expects a non-empty TensorList");
  return cat(mapTensors(tensors, atleast_3d), 2);
}

Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  SCONCE_CHECK(ValueError, static_cast<int64_t>(repeats.size()) >= self.dim(),
               "Number of dimensions of repeat dims can not be smaller than number of dimensions "
               "of tensor");
  const int64_t ndim = static_cast<int64_t>(repeats.size());
  const int64_t newDims = ndim - self.dim();
  Dims padded(newDims, 1);
  padded.insert(padded.end(), self.sizes().begin(), self.sizes().end());
  Dims target(ndim);
  for (int64_t i = 0; i < ndim; ++i) target[i] = padded[i] * repeats[i];
  checkSizeNonnegative(target);
  Tensor out = empty(target, self.dtype(), self.device());
  if (self.numel() == 0 || out.numel() == 0) return out;
  // Split every output dim i into (repeat r_i, source s_i) and copy the source,
  // broadcast along the repeat dims, into that 2*ndim-d view.
  Tensor src = expand(self, padded);
  Dims sizes, outStrides, srcStrides;
  for (int64_t i = 0; i < ndim; ++i) {
    sizes.insert(sizes.end(), {repeats[i], padded[i]});
    outStrides.insert(outStrides.end(), {padded[i] * out.strides()[i], out.strides()[i]});
    srcStrides.insert(srcStrides.end(), {0, src.strides()[i]});
  }
  copy_(out.asStrided(sizes, outStrides, 0), src.asStrided(sizes, srcStrides, src.storageOffset()));
  return out;
}

Tensor flip(const Tensor& self, IntArrayRef dims) {
  const int64_t rank = self.dim();
  std::vector<bool> flipped(std::max<int64_t>(rank, 1), false);
  for (int64_t d : dims) {
    const int64_t w = maybeWrapDim(d, rank);
    SCONCE_CHECK(ValueError, !flipped[w], "dim {} appears multiple times in the list of dims", w);
    flipped[w] = true;
  }
  Tensor out = empty_like(self);
  if (self.numel() == 0) return out;
  // Read self through negative strides along the flipped dims.
  Dims srcStrides = self.strides();
  int64_t srcOffset = 0;
  for (int64_t d = 0; d < rank; ++d) {
    if (!flipped[d]) continue;
    srcOffset += (self.sizes()[d] - 1) * srcStrides[d];
    srcStrides[d] = -srcStrides[d];
  }
  detail::dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* dst = static_cast<T*>(out.rawData());
    const T* src = static_cast<const T*>(self.rawData()) + srcOffset;
    detail::forEachOffset<2>(self.sizes(), {out.strides().data(), srcStrides.data()},
                             [&](const std::array<int64_t, 2>& o) { dst[o[0]] = src[o[1]]; });
  });
  return out;
}

Tensor fliplr(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dim() >= 2, "Input must be >= 2-d.");
  return flip(self, {1});
}

Tensor flipud(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dim() >= 1, "Input must be >= 1-d.");
  return flip(self, {0});
}

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  if (dims.size() != 1 || shifts.size() != 1) {
    SCONCE_CHECK(ValueError, !shifts.empty(), "`shifts` required");
    if (dims.empty() && shifts.size() == 1) {
      Tensor flat = view(contiguous(self), {self.numel()});
      return view(roll(flat, shifts, {0}), self.sizes());
    }
    SCONCE_CHECK(ValueError, shifts.size() == dims.size(),
                 "shifts and dimensions must align. shifts: {}, dims:{}", shifts.size(), dims.size());
    Tensor out = self;
    for (size_t i = 0; i < dims.size(); ++i) out = roll(out, {shifts[i]}, {dims[i]});
    return out;
  }
  if (self.numel() == 0) return clone(self);
  const int64_t dim = dims[0];
  const int64_t size = self.size(dim);
  int64_t start = (size - shifts[0]) % size;
  if (start < 0) start += size;
  return cat({narrow(self, dim, start, size - start), narrow(self, dim, 0, start)}, dim);
}

// Zeroes the elements of `out` (a copy of self's values or self itself) outside the
// triangle: lower keeps col - row <= diagonal, upper keeps col - row >= diagonal.
static void triangle(const Tensor& out, const Tensor& self, int64_t diagonal, bool lower) {
  if (self.numel() == 0) return;
  const int64_t rank = self.dim();
  maybeWrapDim(-2, rank);
  const int64_t rows = self.sizes()[rank - 2], cols = self.sizes()[rank - 1];
  const Dims batch(self.sizes().begin(), self.sizes().end() - 2);
  detail::dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* dst = static_cast<T*>(out.rawData());
    const T* src = static_cast<const T*>(self.rawData());
    const int64_t dr = out.strides()[rank - 2], dc = out.strides()[rank - 1];
    const int64_t sr = self.strides()[rank - 2], sc = self.strides()[rank - 1];
    const bool inplace = dst == src && out.strides() == self.strides();
    detail::forEachOffset<2>(batch, {out.strides().data(), self.strides().data()},
                             [&](const std::array<int64_t, 2>& o) {
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t c = 0; c < cols; ++c) {
          const bool keep = lower ? c - r <= diagonal : c - r >= diagonal;
          T& d = dst[o[0] + r * dr + c * dc];
          if (!keep) d = T(0);
          else if (!inplace) d = src[o[1] + r * sr + c * sc];
        }
      }
    });
  });
}

Tensor tril(const Tensor& self, int64_t diagonal) {
  Tensor out = empty(self.sizes(), self.dtype(), self.device());
  triangle(out, self, diagonal, /*lower=*/true);
  return out;
}

Tensor triu(const Tensor& self, int64_t diagonal) {
  Tensor out = empty(self.sizes(), self.dtype(), self.device());
  triangle(out, self, diagonal, /*lower=*/false);
  return out;
}

const Tensor& tril_(const Tensor& self, int64_t diagonal) {
  triangle(self, self, diagonal, /*lower=*/true);
  return self;
}

const Tensor& triu_(const Tensor& self, int64_t diagonal) {
  triangle(self, self, diagonal, /*lower=*/false);
  return self;
}

}  // namespace sconce::ops
