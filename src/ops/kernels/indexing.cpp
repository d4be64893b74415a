// Indexing kernels, following ATen's algorithms (AdvancedIndex + index iterator,
// scatter/gather dim loops) so results, result layouts and duplicate handling match.
#include "ops/kernels/indexing.h"

#include <fmt/ranges.h>

#include <cstring>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops {

namespace {

using detail::dispatchByElementSize;
using detail::forEachOffset;

// 0-d tensors act as 1-d tensors of one element in the scatter/gather family.
Tensor nonempty(const Tensor& t) { return t.dim() == 0 ? t.asStrided({1}, {1}, t.storageOffset()) : t; }

bool isMaskDtype(ScalarType t) { return t == ScalarType::Bool || t == ScalarType::Byte; }

// The values of a 0-d/1-d int64 or int32 index tensor.
std::vector<int64_t> readIndices(const Tensor& index) {
  std::vector<int64_t> out(index.numel());
  Tensor flat = reshape(index, {-1});
  dispatchTypes<kIntTypes>(index.dtype(), "index", [&](auto tag) {
    using T = decltype(tag);
    const T* data = flat.data<T>();
    const int64_t stride = flat.strides()[0];
    for (int64_t i = 0; i < flat.numel(); ++i) out[i] = static_cast<int64_t>(data[i * stride]);
  });
  return out;
}

bool isRowMajor(IntArrayRef sizes, IntArrayRef strides) {
  int64_t expected = 1;
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    if (sizes[d] != 1 && strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

// Copies slice src.select(dim, srcIdx[i]) into dst.select(dim, i) for every i.
void copySlices(const Tensor& dst, const Tensor& src, int64_t dim, const std::vector<int64_t>& srcIdx) {
  Dims sizes = src.sizes(), dstStrides = dst.strides(), srcStrides = src.strides();
  const int64_t dstDimStride = dstStrides[dim], srcDimStride = srcStrides[dim];
  sizes.erase(sizes.begin() + dim);
  dstStrides.erase(dstStrides.begin() + dim);
  srcStrides.erase(srcStrides.begin() + dim);
  const int64_t sliceNumel = checkedNumel(sizes);
  // Rows of an embedding table and the like: whole slices are one memcpy each.
  const bool rowCopy = isRowMajor(sizes, dstStrides) && isRowMajor(sizes, srcStrides);
  dispatchByElementSize(src.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    T* d = static_cast<T*>(dst.rawData());
    const T* s = static_cast<const T*>(src.rawData());
    parallelFor(0, static_cast<int64_t>(srcIdx.size()), std::max<int64_t>(1, kGrainSize / std::max<int64_t>(1, sliceNumel)),
                [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        T* drow = d + i * dstDimStride;
        const T* srow = s + srcIdx[i] * srcDimStride;
        if (rowCopy) {
          std::memcpy(drow, srow, static_cast<size_t>(sliceNumel) * sizeof(T));
          continue;
        }
        forEachOffset<2>(sizes, {dstStrides.data(), srcStrides.data()},
                         [&](const std::array<int64_t, 2>& o) { drow[o[0]] = srow[o[1]]; });
      }
    });
  });
}

// Calls fn(coords, offset) for every element of `t` in row-major order.
template <class Fn>
void forEachCoord(const Tensor& t, Fn&& fn) {
  const int64_t n = t.numel(), rank = t.dim();
  Dims coords(rank, 0);
  int64_t offset = 0;
  for (int64_t i = 0; i < n; ++i) {
    fn(coords, offset);
    for (int64_t d = rank - 1; d >= 0; --d) {
      offset += t.strides()[d];
      if (++coords[d] < t.sizes()[d]) break;
      offset -= t.strides()[d] * t.sizes()[d];
      coords[d] = 0;
    }
  }
}

}  // namespace

// ---- index_select / gather ----------------------------------------------------------

Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index) {
  dim = maybeWrapDim(dim, self.dim());
  const int64_t numel = index.numel();
  SCONCE_CHECK(ValueError, index.dim() <= 1, "index_select(): Index is supposed to be a vector");
  SCONCE_CHECK(ValueError, !(self.dim() == 0 && numel != 1),
               "index_select(): Index to scalar can have only 1 value, got {} value(s)", numel);
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long || index.dtype() == ScalarType::Int,
               "index_select(): Expected dtype int32 or int64 for index");
  Dims sizes = self.sizes();
  if (self.dim() > 0) sizes[dim] = numel;
  Tensor out = empty(sizes, self.dtype(), self.device());
  const std::vector<int64_t> idx = readIndices(index);
  if (self.dim() > 1) {
    if (numel == 0) return out;
    const int64_t size = self.sizes()[dim];
    if (self.numel() == 0) {
      SCONCE_CHECK(ValueError, size > 0, "index_select(): self indexing axis dim should be positive");
      for (int64_t i : idx) SCONCE_CHECK(ValueError, i >= 0 && i < size, "index out of range in self");
      return out;
    }
    for (int64_t i : idx) {
      // ATen's dim == 1 fast path words its bounds error differently.
      if (dim == 1)
        SCONCE_CHECK(ValueError, i >= 0 && i < size, "INDICES element is out of DATA bounds, id={} axis_dim={}", i, size);
      else
        SCONCE_CHECK(ValueError, i >= 0 && i < size, "index out of range in self");
    }
    copySlices(out, self, dim, idx);
    return out;
  }
  for (int64_t i : idx) SCONCE_CHECK(ValueError, i >= 0 && i < self.numel(), "index out of range in self");
  copySlices(nonempty(out), nonempty(self), 0, idx);
  return out;
}

namespace {

void checkScatterGatherDtypes(const char* method, const Tensor& self, const Tensor& index, const Tensor* src) {
  if (index.numel() != 0)
    SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long, "{}(): Expected dtype int64 for index", method);
  if (src)
    SCONCE_CHECK(ValueError, self.dtype() == src->dtype(), "{}(): Expected self.dtype to be equal to src.dtype",
                 method);
}

int64_t nonemptyDim(int64_t d) { return d == 0 ? 1 : d; }
int64_t nonemptySize(const Tensor& t, int64_t d) { return t.dim() == 0 ? 1 : t.sizes()[d]; }

// Visits index positions of the scatter/gather family: fn(selfOffset, srcOffset, idx)
// with offsets in elements, self's (gather: src's) offset excluding the indexed dim.
template <class Fn>
void scatterGatherLoop(const Tensor& index, const Tensor& self, const Tensor& src, int64_t dim,
                       int64_t bound, Fn&& fn) {
  const Tensor idx = nonempty(index), s = nonempty(self), o = nonempty(src);
  Dims selfStrides = s.strides();
  selfStrides[dim] = 0;  // the index value supplies this coordinate
  const int64_t* idxData = idx.data<int64_t>();
  forEachOffset<3>(idx.sizes(), {idx.strides().data(), selfStrides.data(), o.strides().data()},
                   [&](const std::array<int64_t, 3>& off) {
    const int64_t v = idxData[off[0]];
    SCONCE_CHECK(ValueError, v >= 0 && v < bound, "index {} is out of bounds for dimension {} with size {}",
                 v, dim, bound);
    fn(off[1] + v * s.strides()[dim], off[2]);
  });
}

}  // namespace

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool /*sparseGrad*/) {
  dim = maybeWrapDim(dim, self.dim());
  checkScatterGatherDtypes("gather", self, index, nullptr);
  Tensor out = empty(index.sizes(), self.dtype(), self.device());
  if (index.numel() == 0) return out;
  const int64_t rank = nonemptyDim(self.dim());
  SCONCE_CHECK(ValueError, rank == nonemptyDim(index.dim()),
               "Index tensor must have the same number of dimensions as input tensor");
  for (int64_t d = 0; d < rank; ++d) {
    SCONCE_CHECK(ValueError, d == dim || nonemptySize(index, d) <= nonemptySize(self, d),
                 "Size does not match at dimension {} expected index [{}] to be smaller than self [{}] "
                 "apart from dimension {}",
                 d, fmt::join(index.sizes(), ", "), fmt::join(self.sizes(), ", "), dim);
  }
  // Gather reads self at the index and writes out at the index position: the loop's
  // "self" is the source here.
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(self.rawData());
    T* dst = static_cast<T*>(out.rawData());
    scatterGatherLoop(index, self, out, dim, nonemptySize(self, dim),
                      [&](int64_t selfOff, int64_t outOff) { dst[outOff] = src[selfOff]; });
  });
  return out;
}

// ---- scatter ------------------------------------------------------------------------

namespace {

enum class Reduce { None, Sum, Prod, Mean, Max, Min };

Reduce parseReduce(std::string_view reduce, bool newOptions) {
  if (newOptions) {
    if (reduce == "sum") return Reduce::Sum;
    if (reduce == "prod") return Reduce::Prod;
    if (reduce == "mean") return Reduce::Mean;
    if (reduce == "amax") return Reduce::Max;
    if (reduce == "amin") return Reduce::Min;
    fail<ValueError>("reduce argument must be either sum, prod, mean, amax or amin.");
  }
  if (reduce == "add") return Reduce::Sum;
  if (reduce == "multiply") return Reduce::Prod;
  fail<ValueError>("reduce argument must be either add or multiply.");
}

void checkScatterShapes(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src) {
  if (index.numel() == 0) return;
  const int64_t rank = nonemptyDim(self.dim());
  SCONCE_CHECK(ValueError, rank == nonemptyDim(index.dim()),
               "Index tensor must have the same number of dimensions as self tensor");
  bool wrong = false;
  for (int64_t d = 0; d < rank && !wrong; ++d)
    wrong = d != dim && nonemptySize(index, d) > nonemptySize(self, d);
  for (int64_t d = 0; src && d < rank && !wrong; ++d) wrong = nonemptySize(index, d) > nonemptySize(*src, d);
  if (src)
    SCONCE_CHECK(ValueError, !wrong,
                 "Expected index [{}] to be smaller than self [{}] apart from dimension {} and to be "
                 "smaller size than src [{}]",
                 fmt::join(index.sizes(), ", "), fmt::join(self.sizes(), ", "), dim,
                 fmt::join(src->sizes(), ", "));
  SCONCE_CHECK(ValueError, !wrong, "Expected index [{}] to be smaller than self [{}] apart from dimension {}",
               fmt::join(index.sizes(), ", "), fmt::join(self.sizes(), ", "), dim);
}

template <class T>
inline void reduceInto(T& dst, T v, Reduce r) {
  using M = OpMath<T>;
  switch (r) {
    case Reduce::None: dst = v; break;
    case Reduce::Sum: case Reduce::Mean: dst = castTo<T>(static_cast<M>(dst) + static_cast<M>(v)); break;
    case Reduce::Prod: dst = castTo<T>(static_cast<M>(dst) * static_cast<M>(v)); break;
    case Reduce::Max: {
      const M a = static_cast<M>(dst), b = static_cast<M>(v);
      if (b != b) dst = v;  // NaN source wins
      else if (a < b) dst = v;
      break;
    }
    case Reduce::Min: {
      const M a = static_cast<M>(dst), b = static_cast<M>(v);
      if (b != b) dst = v;
      else if (b < a) dst = v;
      break;
    }
  }
}

// self[index] (reduce)= src (or value when src is null), in place.
void scatterKernel(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src,
                   const Scalar& value, Reduce r) {
  if (index.numel() == 0) return;
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "scatter", [&](auto tag) {
    using T = decltype(tag);
    T* dst = static_cast<T*>(self.rawData());
    const int64_t bound = nonemptySize(self, dim);
    if (src) {
      const T* s = static_cast<const T*>(src->rawData());
      scatterGatherLoop(index, self, *src, dim, bound,
                        [&](int64_t selfOff, int64_t srcOff) { reduceInto(dst[selfOff], s[srcOff], r); });
    } else {
      const T v = detail::checkedScalarTo<T>(value);
      scatterGatherLoop(index, self, index, dim, bound,
                        [&](int64_t selfOff, int64_t) { reduceInto(dst[selfOff], v, r); });
    }
  });
}

const Tensor& scatterImpl(const Tensor& self, int64_t dim, const Tensor& index, const Tensor* src,
                          const Scalar& value, std::optional<std::string_view> reduce, const char* method) {
  dim = maybeWrapDim(dim, self.dim());
  checkScatterGatherDtypes(method, self, index, src);
  checkScatterShapes(self, dim, index, src);
  const Reduce r = reduce ? parseReduce(*reduce, false) : Reduce::None;
  scatterKernel(self, dim, index, src, value, r);
  return self;
}

Tensor contiguousCopy(const Tensor& self) {
  Tensor out = empty(self.sizes(), self.dtype(), self.device());
  copy_(out, self);
  return out;
}

}  // namespace

const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  return scatterImpl(self, dim, index, &src, 0, std::nullopt, "scatter");
}
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  return scatterImpl(self, dim, index, nullptr, value, std::nullopt, "scatter");
}
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                       std::string_view reduce) {
  return scatterImpl(self, dim, index, &src, 0, reduce, "scatter");
}
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                       std::string_view reduce) {
  return scatterImpl(self, dim, index, nullptr, value, reduce, "scatter");
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = contiguousCopy(self);
  scatter_(out, dim, index, src);
  return out;
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = contiguousCopy(self);
  scatter_(out, dim, index, value);
  return out;
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
               std::string_view reduce) {
  Tensor out = contiguousCopy(self);
  scatter_(out, dim, index, src, reduce);
  return out;
}
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
               std::string_view reduce) {
  Tensor out = contiguousCopy(self);
  scatter_(out, dim, index, value, reduce);
  return out;
}

const Tensor& scatter_add_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  dim = maybeWrapDim(dim, self.dim());
  checkScatterGatherDtypes("scatter", self, index, &src);
  checkScatterShapes(self, dim, index, &src);
  scatterKernel(self, dim, index, &src, 0, Reduce::Sum);
  return self;
}

Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  Tensor out = contiguousCopy(self);
  scatter_add_(out, dim, index, src);
  return out;
}

const Tensor& scatter_reduce_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                              std::string_view reduce, bool includeSelf) {
  dim = maybeWrapDim(dim, self.dim());
  checkScatterGatherDtypes("scatter", self, index, &src);
  checkScatterShapes(self, dim, index, &src);
  const Reduce r = parseReduce(reduce, true);
  if (index.numel() == 0) return self;
  if (!includeSelf) {
    // Scattered positions start from the reduction's identity instead of self.
    dispatchTypes<kAllTypesAndBool>(self.dtype(), "scatter_reduce", [&](auto tag) {
      using T = decltype(tag);
      using L = std::numeric_limits<OpMath<T>>;
      double init = 0;
      if (r == Reduce::Prod) init = 1;
      if (r == Reduce::Max) init = L::has_infinity ? -L::infinity() : static_cast<double>(L::lowest());
      if (r == Reduce::Min) init = L::has_infinity ? L::infinity() : static_cast<double>(L::max());
      Scalar initValue = std::is_integral_v<T> ? Scalar(static_cast<int64_t>(init)) : Scalar(init);
      if constexpr (std::is_same_v<T, int64_t>) {
        if (r == Reduce::Max) initValue = Scalar(L::lowest());
        if (r == Reduce::Min) initValue = Scalar(L::max());
      }
      scatterKernel(self, dim, index, nullptr, initValue, Reduce::None);
    });
  }
  scatterKernel(self, dim, index, &src, 0, r);
  if (r == Reduce::Mean) {
    Tensor count = includeSelf ? ones_like(self, ScalarType::Long, MemoryFormat::Contiguous)
                               : zeros_like(self, ScalarType::Long, MemoryFormat::Contiguous);
    Tensor ones = ones_like(src, ScalarType::Long);
    scatterKernel(count, dim, index, &ones, 0, Reduce::Sum);
    dispatchTypes<kAllTypesAndBool>(self.dtype(), "scatter_reduce", [&](auto tag) {
      using T = decltype(tag);
      using M = OpMath<T>;
      T* data = static_cast<T*>(self.rawData());
      const int64_t* c = count.data<int64_t>();
      const Tensor s = nonempty(self);
      int64_t i = 0;
      forEachOffset<1>(s.sizes(), {s.strides().data()}, [&](const std::array<int64_t, 1>& o) {
        const int64_t n = std::max<int64_t>(c[i++], 1);
        if constexpr (std::is_integral_v<T>) {
          const int64_t v = static_cast<int64_t>(data[o[0]]);
          int64_t q = v / n;
          if ((v % n != 0) && ((v < 0) != (n < 0))) --q;  // floor division
          data[o[0]] = static_cast<T>(q);
        } else {
          data[o[0]] = castTo<T>(static_cast<M>(data[o[0]]) / static_cast<M>(castTo<T>(n)));
        }
      });
    });
  }
  return self;
}

Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      std::string_view reduce, bool includeSelf) {
  Tensor out = contiguousCopy(self);
  scatter_reduce_(out, dim, index, src, reduce, includeSelf);
  return out;
}

// ---- advanced indexing --------------------------------------------------------------

namespace {

// ATen's AdvancedIndex: self restrided so the indexed dims are replaced by the
// broadcast index shape with stride 0, and the index tensors reshaped to line up.
struct AdvancedIndex {
  Tensor src;
  std::vector<Tensor> indices;
  Dims indexedSizes;
  Dims indexedStrides;  // elements
};

std::string definedShapes(const std::vector<Tensor>& tensors) {
  std::vector<std::string> parts;
  for (const Tensor& t : tensors)
    if (t.defined()) parts.push_back(fmt::format("[{}]", fmt::join(t.sizes(), ", ")));
  return fmt::format("{}", fmt::join(parts, ", "));
}

AdvancedIndex makeIndexInfo(Tensor self, const IndexList& orig) {
  for (const auto& i : orig) {
    if (!i || !i->defined()) continue;
    SCONCE_CHECK(ValueError, i->dtype() == ScalarType::Long || isMaskDtype(i->dtype()),
                 "tensors used as indices must be long, byte or bool tensors");
  }
  // Masks become one int64 index per mask dim (their nonzero coordinates).
  std::vector<Tensor> indices;
  for (const auto& i : orig) {
    if (!i || !i->defined()) {
      indices.emplace_back();
    } else if (isMaskDtype(i->dtype())) {
      for (int64_t j = 0; j < i->dim(); ++j) {
        const auto srcIdx = static_cast<int64_t>(indices.size()) + j;
        SCONCE_CHECK(ValueError, i->sizes()[j] == self.size(srcIdx),
                     "The shape of the mask [{}] at index {} does not match the shape of the indexed "
                     "tensor [{}] at index {}",
                     fmt::join(i->sizes(), ", "), j, fmt::join(self.sizes(), ", "), srcIdx);
      }
      Tensor nz = nonzero(*i);
      for (int64_t j = 0; j < i->dim(); ++j) indices.push_back(select(nz, 1, j));
    } else {
      indices.push_back(*i);
    }
  }
  // Broadcast the index tensors together.
  std::optional<Dims> shape;
  try {
    for (const Tensor& t : indices)
      if (t.defined()) shape = shape ? broadcastShapes(*shape, t.sizes()) : t.sizes();
  } catch (const ValueError&) {
    fail<ValueError>("shape mismatch: indexing tensors could not be broadcast together with shapes {}",
                     definedShapes(indices));
  }
  for (Tensor& t : indices)
    if (t.defined()) t = expand(t, *shape);
  while (static_cast<int64_t>(indices.size()) < self.dim()) indices.emplace_back();
  // Non-adjacent indexed dims move to the front, taking the index dims with them.
  auto first = std::find_if(indices.begin(), indices.end(), [](const Tensor& t) { return t.defined(); });
  auto last = std::find_if(indices.rbegin(), indices.rend(), [](const Tensor& t) { return t.defined(); }).base();
  if (std::find_if(first, last, [](const Tensor& t) { return !t.defined(); }) != last) {
    Dims perm;
    std::vector<Tensor> reordered;
    for (int pass = 0; pass < 2; ++pass) {
      for (int64_t d = 0; d < self.dim(); ++d) {
        if (indices[d].defined() != (pass == 0)) continue;
        perm.push_back(d);
        reordered.push_back(indices[d]);
      }
    }
    self = permute(self, perm);
    indices = std::move(reordered);
  }

  AdvancedIndex info;
  int64_t before = 0, after = 0, indexed = 0;
  Dims replacement;
  for (size_t d = 0; d < indices.size(); ++d) {
    if (!indices[d].defined()) {
      (indexed == 0 ? before : after)++;
    } else {
      ++indexed;
      replacement = indices[d].sizes();
      info.indexedSizes.push_back(self.sizes()[d]);
      info.indexedStrides.push_back(self.strides()[d]);
    }
  }
  const bool indexedEmpty = std::find(info.indexedSizes.begin(), info.indexedSizes.end(), 0) != info.indexedSizes.end();
  const bool replacementEmpty = std::find(replacement.begin(), replacement.end(), 0) != replacement.end();
  SCONCE_CHECK(ValueError, !indexedEmpty || replacementEmpty, "index is out of bounds for dimension with size 0");
  Dims sizes = self.sizes(), strides = self.strides();
  sizes.erase(sizes.begin() + before, sizes.begin() + before + indexed);
  strides.erase(strides.begin() + before, strides.begin() + before + indexed);
  sizes.insert(sizes.begin() + before, replacement.begin(), replacement.end());
  strides.insert(strides.begin() + before, replacement.size(), 0);
  info.src = self.asStrided(sizes, strides, self.storageOffset());
  for (const Tensor& t : indices) {
    if (!t.defined()) continue;
    Dims s(before, 1);
    s.insert(s.end(), t.sizes().begin(), t.sizes().end());
    s.insert(s.end(), after, 1);
    info.indices.push_back(reshape(t, s));
  }
  return info;
}

// Byte offset into the indexed source for element i of an index-iterator row.
inline int64_t indexOffset(const AdvancedIndex& info, char* const* data, const int64_t* strides,
                           int firstIndexArg, int64_t i, int64_t itemsize) {
  int64_t offset = 0;
  for (size_t j = 0; j < info.indices.size(); ++j) {
    const int arg = firstIndexArg + static_cast<int>(j);
    int64_t v;
    std::memcpy(&v, data[arg] + i * strides[arg], sizeof v);
    const int64_t size = info.indexedSizes[j];
    SCONCE_CHECK(ValueError, v >= -size && v < size, "index {} is out of bounds for dimension {} with size {}",
                 v, j, size);
    if (v < 0) v += size;
    offset += v * info.indexedStrides[j] * itemsize;
  }
  return offset;
}

void checkIndexCount(const Tensor& self, const IndexList& indices) {
  SCONCE_CHECK(ValueError, static_cast<int64_t>(indices.size()) <= self.dim(),
               "too many indices for tensor of dimension {} (got {})", self.dim(), indices.size());
}

}  // namespace

Tensor index(const Tensor& self, const IndexList& indices) {
  checkIndexCount(self, indices);
  AdvancedIndex info = makeIndexInfo(self, indices);
  TensorIterConfig config("index");
  config.checkMemOverlap(false).checkAllSameDtype(false).declareStaticDtype(self.dtype());
  config.addOutput(Tensor()).addInput(info.src);
  for (const Tensor& t : info.indices) config.addInput(t);
  TensorIter iter = config.build();
  const auto es = static_cast<int64_t>(self.itemsize());
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    iter.forEach([&](char** data, const int64_t* strides, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const int64_t off = indexOffset(info, data, strides, 2, i, es);
        std::memcpy(data[0] + i * strides[0], data[1] + i * strides[1] + off, sizeof(T));
      }
    });
  });
  return iter.output(0);
}

namespace {

// ATen's fast path: a single bool mask (with None for other dims) and a one-element
// value is masked_fill_, which converts the value to self's dtype. Returns false when
// the indices do not have that form.
bool indexPutAsMaskedFill(const Tensor& self, const IndexList& indices, const Tensor& values) {
  if (values.numel() != 1) return false;
  Tensor mask;
  int64_t consumed = 0;
  for (const auto& i : indices) {
    if (!i || !i->defined()) {
      ++consumed;
      continue;
    }
    if (!isMaskDtype(i->dtype()) || mask.defined()) return false;
    mask = *i;
    for (int64_t j = 0; j < mask.dim(); ++j)
      SCONCE_CHECK(ValueError, mask.sizes()[j] == self.size(consumed + j),
                   "The shape of the mask [{}] at index {} does not match the shape of the indexed tensor [{}] at "
                   "index {}",
                   fmt::join(mask.sizes(), ", "), j, fmt::join(self.sizes(), ", "), consumed + j);
    consumed += mask.dim();
  }
  if (!mask.defined()) return false;
  for (int64_t d = consumed; d < self.dim(); ++d) mask = unsqueeze(mask, -1);
  const Scalar v = isFloatingType(values.dtype())          ? Scalar(values.itemAsDouble())
                   : values.dtype() == ScalarType::Bool ? Scalar(values.itemAsInt() != 0)
                                                        : Scalar(values.itemAsInt());
  masked_fill_(self, mask.dtype() == ScalarType::Byte ? to(mask, ScalarType::Bool) : mask, v);
  return true;
}

}  // namespace

const Tensor& index_put_(const Tensor& self, const IndexList& indices, const Tensor& values, bool accumulate) {
  checkIndexCount(self, indices);
  if (!accumulate && indexPutAsMaskedFill(self, indices, values)) return self;
  AdvancedIndex info = makeIndexInfo(self, indices);
  const Dims& target = info.src.sizes();
  bool expandable = values.dim() <= static_cast<int64_t>(target.size());
  for (int64_t i = 0; expandable && i < values.dim(); ++i) {
    const int64_t s = values.sizes()[values.dim() - 1 - i], t = target[target.size() - 1 - i];
    expandable = s == t || s == 1;
  }
  SCONCE_CHECK(ValueError, expandable,
               "shape mismatch: value tensor of shape [{}] cannot be broadcast to indexing result of shape [{}]",
               fmt::join(values.sizes(), ", "), fmt::join(target, ", "));
  SCONCE_CHECK(ValueError, values.dtype() == self.dtype(),
               "Index put requires the source and destination dtypes match, got {} for the destination and {} "
               "for the source.",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(values.dtype()));
  TensorIterConfig config("index_put_");
  config.checkMemOverlap(false).resizeOutputs(false).checkAllSameDtype(false);
  config.addOutput(info.src).addInput(values);
  for (const Tensor& t : info.indices) config.addInput(t);
  TensorIter iter = config.build();
  const auto es = static_cast<int64_t>(self.itemsize());
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "index_put", [&](auto tag) {
    using T = decltype(tag);
    auto loop = [&](char** data, const int64_t* strides, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        const int64_t off = indexOffset(info, data, strides, 2, i, es);
        T* dst = reinterpret_cast<T*>(data[0] + i * strides[0] + off);
        const T v = *reinterpret_cast<const T*>(data[1] + i * strides[1]);
        if (accumulate) *dst = castTo<T>(static_cast<OpMath<T>>(*dst) + static_cast<OpMath<T>>(v));
        else *dst = v;
      }
    };
    // Accumulation runs serially so duplicate indices add up deterministically.
    if (accumulate) iter.serialForEach(loop, 0, iter.numel());
    else iter.forEach(loop);
  });
  return self;
}

Tensor index_put(const Tensor& self, const IndexList& indices, const Tensor& values, bool accumulate) {
  Tensor out = clone(self);
  index_put_(out, indices, values, accumulate);
  return out;
}

// ---- masks, take/put, nonzero -------------------------------------------------------

Tensor masked_select(const Tensor& self, const Tensor& mask) {
  SCONCE_CHECK(ValueError, isMaskDtype(mask.dtype()), "masked_select: expected BoolTensor or ByteTensor for mask");
  const Dims shape = broadcastShapes(mask.sizes(), self.sizes());
  const Tensor m = expand(mask, shape), s = expand(self, shape);
  const uint8_t* mdata = static_cast<const uint8_t*>(m.rawData());
  int64_t count = 0;
  forEachOffset<1>(shape, {m.strides().data()}, [&](const std::array<int64_t, 1>& o) { count += mdata[o[0]] != 0; });
  Tensor out = empty({count}, self.dtype(), self.device());
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(s.rawData());
    T* dst = out.data<T>();
    forEachOffset<2>(shape, {m.strides().data(), s.strides().data()}, [&](const std::array<int64_t, 2>& o) {
      if (mdata[o[0]]) *dst++ = src[o[1]];
    });
  });
  return out;
}

const Tensor& masked_scatter_(const Tensor& self, const Tensor& mask, const Tensor& source) {
  SCONCE_CHECK(ValueError, self.dtype() == source.dtype(),
               "masked_scatter: expected self and source to have same dtypes but got{} and {}",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(source.dtype()));
  const Tensor m = expand(mask, self.sizes());
  SCONCE_CHECK(ValueError, isMaskDtype(m.dtype()),
               "masked_scatter_ only supports boolean masks, but got mask with dtype {}",
               scalarTypeShortName(m.dtype()));
  const Tensor src = contiguous(source);
  // Elements are taken in the iterator's order (self's memory order), as ATen does.
  TensorIter iter = TensorIterConfig("masked_scatter_")
                        .checkMemOverlap(false)
                        .checkAllSameDtype(false)
                        .resizeOutputs(false)
                        .addOutput(self)
                        .addInput(m)
                        .build();
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* next = static_cast<const T*>(src.rawData());
    const T* end = next + src.numel();
    iter.serialForEach(
        [&](char** data, const int64_t* strides, int64_t n) {
          for (int64_t i = 0; i < n; ++i) {
            if (!*reinterpret_cast<const uint8_t*>(data[1] + i * strides[1])) continue;
            SCONCE_CHECK(ValueError, next < end, "Number of elements of source < number of ones in mask");
            *reinterpret_cast<T*>(data[0] + i * strides[0]) = *next++;
          }
        },
        0, iter.numel());
  });
  return self;
}

Tensor masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source) {
  const Dims shape = broadcastShapes(mask.sizes(), self.sizes());
  Tensor out = contiguousCopy(expand(self, shape));
  masked_scatter_(out, expand(mask, shape), source);
  return out;
}

namespace {

// Element offset of flat (row-major) position `flat` in `t`.
int64_t flatOffset(const Tensor& t, int64_t flat) {
  int64_t offset = 0;
  for (int64_t d = t.dim() - 1; d >= 0; --d) {
    offset += (flat % t.sizes()[d]) * t.strides()[d];
    flat /= t.sizes()[d];
  }
  return offset;
}

}  // namespace

Tensor take(const Tensor& self, const Tensor& index) {
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long,
               "take(): Expected a long tensor for index, but got {}", scalarTypeShortName(index.dtype()));
  Tensor out = empty(index.sizes(), self.dtype(), self.device());
  if (index.numel() == 0) return out;
  const int64_t numel = self.numel();
  SCONCE_CHECK(ValueError, numel > 0, "take(): tried to take from an empty tensor");
  const std::vector<int64_t> idx = readIndices(index);
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    const T* src = static_cast<const T*>(self.rawData());
    T* dst = out.data<T>();
    const bool contiguousSelf = self.isContiguous();
    for (size_t i = 0; i < idx.size(); ++i) {
      int64_t v = idx[i];
      SCONCE_CHECK(ValueError, v < numel && v >= -numel,
                   "out of range: tried to access index {} on a tensor of {} elements.", v, numel);
      if (v < 0) v += numel;
      dst[i] = src[contiguousSelf ? v : flatOffset(self, v)];
    }
  });
  return out;
}

const Tensor& put_(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long,
               "put_(): Expected a long tensor for index, but got {}", scalarTypeShortName(index.dtype()));
  SCONCE_CHECK(ValueError, self.dtype() == source.dtype(),
               "put_(): self and source expected to have the same dtype, but got self.dtype = {} and "
               "source.dtype = {}",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(source.dtype()));
  SCONCE_CHECK(ValueError, source.numel() == index.numel(),
               "put_(): Expected source and index to have the same number of elements, but got "
               "source.numel() = {}, index.numel() = {}",
               source.numel(), index.numel());
  if (index.numel() == 0) return self;
  const int64_t numel = self.numel();
  const std::vector<int64_t> idx = readIndices(index);
  const Tensor src = contiguous(source);
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "put_", [&](auto tag) {
    using T = decltype(tag);
    T* dst = static_cast<T*>(self.rawData());
    const T* s = src.data<T>();
    for (size_t i = 0; i < idx.size(); ++i) {
      int64_t v = idx[i];
      SCONCE_CHECK(ValueError, v < numel && v >= -numel,
                   "out of range: tried to access index {} on a tensor of {} elements.", v, numel);
      if (v < 0) v += numel;
      T& d = dst[flatOffset(self, v)];
      d = accumulate ? castTo<T>(static_cast<OpMath<T>>(d) + static_cast<OpMath<T>>(s[i])) : s[i];
    }
  });
  return self;
}

Tensor put(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate) {
  Tensor out = clone(self);
  put_(out, index, source, accumulate);
  return out;
}

Tensor nonzero(const Tensor& self) {
  std::vector<int64_t> coords;
  const int64_t rank = self.dim();
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "nonzero_cpu", [&](auto tag) {
    using T = decltype(tag);
    const T* data = static_cast<const T*>(self.rawData());
    forEachCoord(self, [&](const Dims& c, int64_t offset) {
      if (static_cast<OpMath<T>>(data[offset]) != OpMath<T>(0)) coords.insert(coords.end(), c.begin(), c.end());
    });
  });
  if (rank == 0) {
    // A 0-d tensor has one element and no coordinates: [1, 0] or [0, 0].
    bool nz = false;
    dispatchTypes<kAllTypesAndBool>(self.dtype(), "nonzero_cpu", [&](auto tag) {
      using T = decltype(tag);
      nz = static_cast<OpMath<T>>(*static_cast<const T*>(self.rawData())) != OpMath<T>(0);
    });
    return empty_strided({nz ? 1 : 0, 0}, {1, nz ? 1 : 0}, ScalarType::Long, self.device());
  }
  const int64_t n = static_cast<int64_t>(coords.size()) / rank;
  // Column-major ("Fortran-contiguous") like ATen: strides (1, N).
  Tensor out = empty_strided({n, rank}, {1, n}, ScalarType::Long, self.device());
  int64_t* data = out.data<int64_t>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t d = 0; d < rank; ++d) data[d * n + i] = coords[i * rank + d];
  return out;
}

Tensor argwhere(const Tensor& self) { return nonzero(self); }

std::vector<Tensor> nonzero_numpy(const Tensor& self) {
  if (self.dim() == 0) return unbind(nonzero(unsqueeze(self, 0)), 1);
  return unbind(nonzero(self), 1);
}

std::vector<Tensor> where(const Tensor& condition) { return nonzero_numpy(condition); }

// ---- index_add / index_fill / index_copy -------------------------------------------

namespace {

// fn(selfSlice, sourceSlice-or-null offsets) for every index i: calls
// visit(i, dstRow, srcRow) where the rows are element pointers of the slices.
template <class T, class Fn>
void forSlices(const Tensor& self, const Tensor* source, int64_t dim, const std::vector<int64_t>& targets, Fn&& fn) {
  const Tensor s = nonempty(self);
  Dims sizes = s.sizes(), selfStrides = s.strides();
  const int64_t selfDimStride = selfStrides[dim];
  sizes.erase(sizes.begin() + dim);
  selfStrides.erase(selfStrides.begin() + dim);
  Dims srcStrides(sizes.size(), 0);
  int64_t srcDimStride = 0;
  const T* srcBase = nullptr;
  if (source) {
    const Tensor o = nonempty(*source);
    srcStrides = o.strides();
    srcDimStride = srcStrides[dim];
    srcStrides.erase(srcStrides.begin() + dim);
    srcBase = static_cast<const T*>(o.rawData());
  }
  T* selfBase = static_cast<T*>(s.rawData());
  for (size_t i = 0; i < targets.size(); ++i) {
    T* d = selfBase + targets[i] * selfDimStride;
    const T* o = srcBase ? srcBase + static_cast<int64_t>(i) * srcDimStride : nullptr;
    forEachOffset<2>(sizes, {selfStrides.data(), srcStrides.data()},
                     [&](const std::array<int64_t, 2>& off) { fn(d[off[0]], o ? &o[off[1]] : nullptr); });
  }
}

}  // namespace

const Tensor& index_add_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                         const Scalar& alpha) {
  dim = maybeWrapDim(dim, self.dim());
  const int64_t numel = index.numel();
  SCONCE_CHECK(ValueError, index.dim() <= 1, "index_add_(): Index is supposed to be a vector");
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long || index.dtype() == ScalarType::Int,
               "index_add_(): Expected dtype int32/int64 for index");
  SCONCE_CHECK(ValueError, self.dtype() == source.dtype(),
               "index_add_(): self ({}) and source ({}) must have the same scalar type",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(source.dtype()));
  SCONCE_CHECK(ValueError, dim == 0 || dim < source.dim(),
               "index_add_(): Indexing dim {} is out of bounds of the source tensor with dim {}", dim, source.dim());
  const int64_t sourceSize = source.dim() == 0 ? 1 : source.sizes()[dim];
  SCONCE_CHECK(ValueError, numel == sourceSize,
               "index_add_(): Number of indices ({}) should be equal to source.size(dim): ({}), for dim: {}",
               numel, sourceSize, dim);
  const std::vector<int64_t> idx = readIndices(index);
  const int64_t bound = nonemptySize(self, dim);
  for (int64_t i : idx) SCONCE_CHECK(ValueError, i >= 0 && i < bound, "index out of range in self");
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "index_add_cpu_", [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const M a = static_cast<M>(detail::checkedScalarTo<T>(alpha));
    forSlices<T>(self, &source, dim, idx, [&](T& d, const T* s) {
      d = castTo<T>(static_cast<M>(d) + a * static_cast<M>(*s));
    });
  });
  return self;
}

Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source, const Scalar& alpha) {
  Tensor out = contiguousCopy(self);
  index_add_(out, dim, index, source, alpha);
  return out;
}

const Tensor& index_fill_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long, "index_fill_(): Expected dtype int64 for index.");
  dim = maybeWrapDim(dim, std::max<int64_t>(self.dim(), 1));
  SCONCE_CHECK(ValueError, index.dim() <= 1, "Index has to be a vector/scalar");
  std::vector<int64_t> idx = readIndices(index);
  const int64_t size = nonemptySize(self, dim);
  for (int64_t& i : idx) {
    SCONCE_CHECK(ValueError, i >= -size && i < size, "index {} is out of bounds for dimension {} with size {}", i,
                 dim, size);
    if (i < 0) i += size;
  }
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "index_fill", [&](auto tag) {
    using T = decltype(tag);
    const T v = detail::checkedScalarTo<T>(value);
    forSlices<T>(self, nullptr, dim, idx, [&](T& d, const T*) { d = v; });
  });
  return self;
}

const Tensor& index_fill_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  SCONCE_CHECK(ValueError, value.dim() == 0,
               "index_fill_ only supports a 0-dimensional value tensor, but got tensor with {} dimension(s).",
               value.dim());
  const Scalar v = isFloatingType(value.dtype()) ? Scalar(value.itemAsDouble())
                   : value.dtype() == ScalarType::Bool ? Scalar(value.itemAsInt() != 0)
                                                       : Scalar(value.itemAsInt());
  return index_fill_(self, dim, index, v);
}

Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value) {
  Tensor out = clone(self);
  index_fill_(out, dim, index, value);
  return out;
}

Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value) {
  Tensor out = clone(self);
  index_fill_(out, dim, index, value);
  return out;
}

const Tensor& index_copy_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  dim = maybeWrapDim(dim, self.dim());
  SCONCE_CHECK(ValueError, index.dim() < 2, "index_copy_(): Index should have dimension 1 or 0 (got {})", index.dim());
  const int64_t numIndices = index.numel();
  if (source.dim() == 0)
    SCONCE_CHECK(ValueError, numIndices == 1,
                 "index_copy_(): When source is scalar, index should have one element (got {})", numIndices);
  else
    SCONCE_CHECK(ValueError, source.dim() == self.dim() || self.dim() == 0,
                 "index_copy_(): When source and destination are not scalars, their dimensionality must match. "
                 "Source dimensionality ({}), destination dimensionality ({})",
                 source.dim(), self.dim());
  SCONCE_CHECK(ValueError, index.dtype() == ScalarType::Long,
               "index_copy_(): Expected a long tensor for index, but got {}", scalarTypeShortName(index.dtype()));
  SCONCE_CHECK(ValueError, self.dtype() == source.dtype(),
               "index_copy_(): self and source expected to have the same dtype, but got (self) {} and (source) {}",
               scalarTypeShortName(self.dtype()), scalarTypeShortName(source.dtype()));
  const int64_t sourceSize = source.dim() == 0 ? 1 : source.sizes()[dim];
  SCONCE_CHECK(ValueError, numIndices == sourceSize,
               "index_copy_(): Number of indices ({}) should be equal to source.size(dim) ({})", numIndices,
               sourceSize);
  const std::vector<int64_t> idx = readIndices(index);
  const int64_t size = nonemptySize(self, dim);
  for (int64_t i : idx)
    SCONCE_CHECK(ValueError, i >= 0 && i < size, "index_copy_(): index {} is out of bounds for dimension {} with size {}",
                 i, dim, size);
  dispatchByElementSize(self.itemsize(), [&](auto tag) {
    using T = decltype(tag);
    forSlices<T>(self, &source, dim, idx, [&](T& d, const T* s) { d = *s; });
  });
  return self;
}

Tensor index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source) {
  Tensor out = contiguousCopy(self);
  index_copy_(out, dim, index, source);
  return out;
}

// ---- embedding, one_hot, repeat_interleave ------------------------------------------

Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t /*paddingIdx*/, bool /*scaleGradByFreq*/,
                 bool /*sparse*/) {
  SCONCE_CHECK(ValueError, weight.dim() == 2, "'weight' must be 2-D");
  SCONCE_CHECK(ValueError, indices.dtype() == ScalarType::Long || indices.dtype() == ScalarType::Int,
               "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
               "but got {} instead (while checking arguments for embedding)",
               legacyTypeName(indices.dtype()));
  if (indices.dim() == 1) return index_select(weight, 0, indices);
  Dims sizes = indices.sizes();
  sizes.push_back(weight.sizes()[1]);
  return view(index_select(weight, 0, reshape(indices, {-1})), sizes);
}

Tensor one_hot(const Tensor& self, int64_t numClasses) {
  SCONCE_CHECK(ValueError, self.dtype() == ScalarType::Long, "one_hot is only applicable to index tensor.");
  Dims shape = self.sizes();
  if (self.numel() == 0) {
    SCONCE_CHECK(ValueError, numClasses > 0, "Can not infer total number of classes from empty tensor.");
    shape.push_back(numClasses);
    return empty(shape, ScalarType::Long, self.device());
  }
  const std::vector<int64_t> values = readIndices(reshape(self, {-1}));
  const int64_t lo = *std::min_element(values.begin(), values.end());
  const int64_t hi = *std::max_element(values.begin(), values.end());
  SCONCE_CHECK(ValueError, lo >= 0, "Class values must be non-negative.");
  if (numClasses == -1) numClasses = hi + 1;
  else SCONCE_CHECK(ValueError, numClasses > hi, "Class values must be smaller than num_classes.");
  shape.push_back(numClasses);
  Tensor out = zeros(shape, ScalarType::Long, self.device());
  int64_t* data = out.data<int64_t>();
  for (size_t i = 0; i < values.size(); ++i) data[static_cast<int64_t>(i) * numClasses + values[i]] = 1;
  return out;
}

Tensor repeat_interleave(const Tensor& repeats, std::optional<int64_t> outputSize) {
  dispatchTypes<kIntTypes>(repeats.dtype(), "repeat_interleave_cpu", [](auto) {});
  SCONCE_CHECK(ValueError, repeats.dim() == 1, "repeat_interleave only accept 1D vector as repeat");
  SCONCE_CHECK(ValueError, repeats.dtype() == ScalarType::Long || repeats.dtype() == ScalarType::Int,
               "repeats has to be Long or Int tensor");
  if (repeats.sizes()[0] == 0) return empty({0}, repeats.dtype(), repeats.device());
  const std::vector<int64_t> counts = readIndices(repeats);
  int64_t total = 0;
  for (int64_t c : counts) total += c;
  if (outputSize) {
    total = *outputSize;
  } else {
    for (int64_t c : counts) SCONCE_CHECK(ValueError, c >= 0, "repeats can not be negative");
  }
  Tensor out = empty({total}, repeats.dtype(), repeats.device());
  dispatchTypes<kIntTypes>(repeats.dtype(), "repeat_interleave_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* data = out.data<T>();
    int64_t pos = 0;
    for (size_t i = 0; i < counts.size(); ++i)
      for (int64_t j = 0; j < counts[i] && pos < total; ++j) data[pos++] = static_cast<T>(i);
  });
  return out;
}

Tensor repeat_interleave(const Tensor& self, const Tensor& repeats, std::optional<int64_t> dim,
                         std::optional<int64_t> outputSize) {
  Tensor input = self;
  if (!dim) {
    input = flatten(self);
    dim = 0;
  }
  Tensor counts = repeats;
  if (repeats.dim() == 0 || (repeats.dim() == 1 && repeats.sizes()[0] == 1)) {
    counts = expand(reshape(repeats, {1}), {input.size(*dim)});
  } else if (repeats.dim() == 1) {
    SCONCE_CHECK(ValueError, repeats.sizes()[0] == input.size(*dim), "repeats must have the same size as input along dim");
  } else {
    fail<ValueError>("repeats must be 0-dim or 1-dim tensor");
  }
  return index_select(input, *dim, repeat_interleave(counts, outputSize));
}

Tensor repeat_interleave(const Tensor& self, int64_t repeats, std::optional<int64_t> dim,
                         std::optional<int64_t> outputSize) {
  Tensor input = dim ? self : flatten(self);
  return repeat_interleave(input, Tensor::scalar(repeats, ScalarType::Long).asStrided({1}, {1}, 0),
                           dim.value_or(0), outputSize);
}

}  // namespace sconce::ops
