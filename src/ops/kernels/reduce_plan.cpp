// Dim handling and the [outer][reduce][inner] planning of reductions.
#include <fmt/ranges.h>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce_internal.h"

namespace sconce::ops::detail {

int64_t wrapDim(int64_t dim, int64_t ndim) {
  const int64_t rank = std::max<int64_t>(ndim, 1);  // a 0-d tensor takes dim -1 or 0
  const int64_t d = dim < 0 ? dim + rank : dim;
  SCONCE_CHECK(ValueError, d >= 0 && d < rank,
               "Dimension out of range (expected to be in range of [{}, {}], but got {})", -rank,
               rank - 1, dim);
  return d;
}

std::vector<bool> makeDimMask(IntArrayRef dims, int64_t ndim) {
  std::vector<bool> mask(ndim, dims.empty());
  for (int64_t dim : dims) {
    const int64_t d = wrapDim(dim, ndim);
    if (ndim == 0) continue;
    SCONCE_CHECK(ValueError, !mask[d], "dim {} appears multiple times in the list of dims", d);
    mask[d] = true;
  }
  return mask;
}

Dims reducedShape(const Dims& sizes, const std::vector<bool>& mask, bool keepdim) {
  Dims out;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (!mask[d]) out.push_back(sizes[d]);
    else if (keepdim) out.push_back(1);
  }
  return out;
}

namespace {

struct PlanDim {
  int64_t size, inStride, outStride;
  bool reduced;
};

// Orders dims by memory stride and merges neighbours; returns false when the result
// is not [kept]? [reduced]? [kept]? with each group one dim.
bool tryPlan(const Tensor& input, const std::vector<bool>& mask, ReduceLayout& L) {
  const int64_t nd = input.dim();
  Dims outStrides(nd, 0);
  int64_t s = 1;
  for (int64_t d = nd - 1; d >= 0; --d) {
    if (mask[d]) continue;
    outStrides[d] = s;
    s *= input.sizes()[d];
  }
  std::vector<PlanDim> dims;
  for (int64_t d = 0; d < nd; ++d) {
    if (input.sizes()[d] == 1) continue;
    if (input.strides()[d] == 0 && mask[d]) return false;  // broadcast reduced dim: materialize
    dims.push_back({input.sizes()[d], input.strides()[d], outStrides[d], static_cast<bool>(mask[d])});
  }
  std::stable_sort(dims.begin(), dims.end(),
                   [](const PlanDim& a, const PlanDim& b) { return a.inStride > b.inStride; });
  std::vector<PlanDim> merged;
  for (const PlanDim& d : dims) {
    if (!merged.empty()) {
      PlanDim& m = merged.back();
      if (m.reduced == d.reduced && m.inStride == d.size * d.inStride &&
          (d.reduced || m.outStride == d.size * d.outStride)) {
        m.size *= d.size;
        m.inStride = d.inStride;
        m.outStride = d.outStride;
        continue;
      }
    }
    merged.push_back(d);
  }
  L = ReduceLayout{};
  size_t i = 0;
  if (i < merged.size() && !merged[i].reduced) {
    L.outer = merged[i].size;
    L.inOuter = merged[i].inStride;
    L.outOuter = merged[i].outStride;
    ++i;
  }
  if (i < merged.size() && merged[i].reduced) {
    L.reduce = merged[i].size;
    L.inReduce = merged[i].inStride;
    ++i;
  }
  if (i < merged.size() && !merged[i].reduced) {
    L.inner = merged[i].size;
    L.inInner = merged[i].inStride;
    L.outInner = merged[i].outStride;
    ++i;
  }
  return i == merged.size();
}

}  // namespace

ReduceLayout planReduction(Tensor& input, const std::vector<bool>& mask) {
  ReduceLayout L;
  if (tryPlan(input, mask, L)) return L;
  // Copy into (kept dims..., reduced dims...) order, which always plans as [outer][reduce].
  Dims perm;
  for (int64_t d = 0; d < input.dim(); ++d)
    if (!mask[d]) perm.push_back(d);
  for (int64_t d = 0; d < input.dim(); ++d)
    if (mask[d]) perm.push_back(d);
  Dims sizes, strides;
  for (int64_t d : perm) {
    sizes.push_back(input.sizes()[d]);
    strides.push_back(input.strides()[d]);
  }
  Tensor permuted = input.asStrided(sizes, strides, input.storageOffset());
  Tensor copy = Tensor::empty(sizes, input.dtype());
  copy_(copy, permuted);
  std::vector<bool> permutedMask;
  for (int64_t d : perm) permutedMask.push_back(mask[d]);
  // The copy's kept dims come first in the original order, so output strides agree.
  input = copy.asStrided(sizes, copy.strides(), 0);
  const bool ok = tryPlan(input, permutedMask, L);
  SCONCE_ASSERT(ok, "reduction plan failed for a contiguous reordered input");
  return L;
}

}  // namespace sconce::ops::detail
