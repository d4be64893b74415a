// Order-based kernels, running the same standard-library algorithms as PyTorch's CPU
// kernels so that ties and NaNs come out in the same order.
#include "ops/kernels/sort.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

namespace {

template <class T>
inline bool isNan(T v) {
  if constexpr (kIsFloat<T>) {
    const auto f = static_cast<OpMath<T>>(v);
    return f != f;
  } else {
    return false;
  }
}

template <class T>
inline auto key(T v) {
  return static_cast<OpMath<T>>(v);
}

// NaN counts as larger than every number (numpy's order).
template <class T>
inline bool lessNanLast(T a, T b) {
  return (!isNan(a) && isNan(b)) || key(a) < key(b);
}
template <class T>
inline bool greaterNanFirst(T a, T b) {
  return (isNan(a) && !isNan(b)) || key(a) > key(b);
}

// Calls fn(offsets) once per 1-d slice along `dim` of tensors sharing `sizes`; offsets[k]
// is the slice start in tensor k (elements).
template <size_t N, class Fn>
void forEachSlice(IntArrayRef sizes, int64_t dim, const std::array<const Tensor*, N>& tensors, Fn&& fn) {
  Dims outer = sizes.vec();
  if (!outer.empty()) outer.erase(outer.begin() + dim);
  std::array<Dims, N> strides;
  std::array<const int64_t*, N> ptrs;
  for (size_t k = 0; k < N; ++k) {
    strides[k] = tensors[k]->strides();
    if (!strides[k].empty()) strides[k].erase(strides[k].begin() + dim);
    ptrs[k] = strides[k].data();
  }
  detail::forEachOffset<N>(outer, ptrs, fn);
}

int64_t strideAlong(const Tensor& t, int64_t dim) { return t.dim() == 0 ? 1 : t.strides()[dim]; }
int64_t sizeAlong(const Tensor& t, int64_t dim) { return t.dim() == 0 ? 1 : t.sizes()[dim]; }

}  // namespace

// ---- sort ---------------------------------------------------------------------------

std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim, bool descending) {
  return sort(self, std::optional<bool>(false), dim, descending);
}

std::tuple<Tensor, Tensor> sort(const Tensor& self, std::optional<bool> stable, int64_t dim, bool descending) {
  dim = maybeWrapDim(dim, self.dim());
  Tensor values = empty_like(self);
  Tensor indices = empty_like(self, ScalarType::Long);
  copy_(values, self);
  if (self.numel() == 0 || self.dim() == 0) return {values, indices};
  const int64_t n = self.sizes()[dim];
  const int64_t vs = values.strides()[dim], is = indices.strides()[dim];
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "sort", [&](auto tag) {
    using T = decltype(tag);
    using Elem = std::pair<T, int64_t>;
    T* vbase = static_cast<T*>(values.rawData());
    int64_t* ibase = indices.data<int64_t>();
    std::vector<Elem> buf(n);
    auto asc = [](const Elem& a, const Elem& b) { return lessNanLast(a.first, b.first); };
    auto desc = [](const Elem& a, const Elem& b) { return greaterNanFirst(a.first, b.first); };
    forEachSlice<2>(self.sizes(), dim, {&values, &indices}, [&](const std::array<int64_t, 2>& o) {
      T* v = vbase + o[0];
      int64_t* ix = ibase + o[1];
      for (int64_t i = 0; i < n; ++i) buf[i] = {v[i * vs], i};
      if (stable.value_or(false)) {
        if (descending) std::stable_sort(buf.begin(), buf.end(), desc);
        else std::stable_sort(buf.begin(), buf.end(), asc);
      } else {
        if (descending) std::sort(buf.begin(), buf.end(), desc);
        else std::sort(buf.begin(), buf.end(), asc);
      }
      for (int64_t i = 0; i < n; ++i) {
        v[i * vs] = buf[i].first;
        ix[i * is] = buf[i].second;
      }
    });
  });
  return {values, indices};
}

Tensor argsort(const Tensor& self, int64_t dim, bool descending) {
  return std::get<1>(sort(self, std::optional<bool>(false), dim, descending));
}

Tensor argsort(const Tensor& self, bool stable, int64_t dim, bool descending) {
  return std::get<1>(sort(self, std::optional<bool>(stable), dim, descending));
}

Tensor msort(const Tensor& self) { return std::get<0>(sort(self, 0, false)); }

// ---- topk / kthvalue ----------------------------------------------------------------

std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim, bool largest, bool sorted) {
  dim = maybeWrapDim(dim, self.dim());
  const int64_t sliceSize = sizeAlong(self, dim);
  SCONCE_CHECK(ValueError, k >= 0 && k <= sliceSize, "selected index k out of range");
  Dims sizes = self.sizes();
  if (!sizes.empty()) sizes[dim] = k;
  Tensor values = empty(sizes, self.dtype(), self.device());
  Tensor indices = empty(sizes, ScalarType::Long, self.device());
  if (self.dim() == 0 && self.numel() == 1) {
    copy_(values, self);
    return {values, indices};
  }
  if (self.dtype() == ScalarType::Half) failDtypeNotImplemented("topk_cpu", self.dtype());
  if (k == 0 || self.numel() == 0) return {values, indices};
  dispatchTypes<kAllTypes>(self.dtype(), "topk_cpu", [&](auto tag) {
    using T = decltype(tag);
    // BFloat16 slices are ranked in float, the rest in their own type (as ATen).
    using Acc = std::conditional_t<std::is_same_v<T, BFloat16>, float, T>;
    using Elem = std::pair<Acc, int64_t>;
    const T* sbase = static_cast<const T*>(self.rawData());
    T* vbase = static_cast<T*>(values.rawData());
    int64_t* ibase = indices.data<int64_t>();
    const int64_t ss = strideAlong(self, dim), vs = strideAlong(values, dim), is = strideAlong(indices, dim);
    std::vector<Elem> queue(sliceSize);
    auto gt = [](const Elem& x, const Elem& y) { return greaterNanFirst(x.first, y.first); };
    auto lt = [](const Elem& x, const Elem& y) { return lessNanLast(x.first, y.first); };
    forEachSlice<3>(self.sizes(), dim, {&self, &values, &indices}, [&](const std::array<int64_t, 3>& o) {
      for (int64_t j = 0; j < sliceSize; ++j) queue[j] = {static_cast<Acc>(sbase[o[0] + j * ss]), j};
      if (k * 64 <= sliceSize) {
        if (largest) std::partial_sort(queue.begin(), queue.begin() + k, queue.end(), gt);
        else std::partial_sort(queue.begin(), queue.begin() + k, queue.end(), lt);
      } else if (largest) {
        std::nth_element(queue.begin(), queue.begin() + k - 1, queue.end(), gt);
        if (sorted) std::sort(queue.begin(), queue.begin() + k - 1, gt);
      } else {
        std::nth_element(queue.begin(), queue.begin() + k - 1, queue.end(), lt);
        if (sorted) std::sort(queue.begin(), queue.begin() + k - 1, lt);
      }
      for (int64_t j = 0; j < k; ++j) {
        vbase[o[1] + j * vs] = static_cast<T>(queue[j].first);
        ibase[o[2] + j * is] = queue[j].second;
      }
    });
  });
  return {values, indices};
}

namespace {

// ATen's quick_select_template (median-of-three quickselect): moves the k-th element
// (0-based, NaN largest) into place, swapping values and indices together.
template <class T>
void quickSelect(std::vector<T>& arr, std::vector<int64_t>& idx, int64_t k) {
  auto gtOrNan = [](T x, T y) { return (isNan(x) && !isNan(y)) || key(x) > key(y); };
  auto swapAt = [&](int64_t i, int64_t j) {
    std::swap(arr[i], arr[j]);
    std::swap(idx[i], idx[j]);
  };
  int64_t lo = 0, hi = static_cast<int64_t>(arr.size()) - 1;
  for (;;) {
    if (hi <= lo) return;
    if (hi == lo + 1) {
      if (gtOrNan(arr[lo], arr[hi])) swapAt(lo, hi);
      return;
    }
    const int64_t mid = lo + (hi - lo) / 2;
    swapAt(mid, lo + 1);
    if (gtOrNan(arr[lo + 1], arr[hi])) swapAt(lo + 1, hi);
    if (gtOrNan(arr[lo], arr[hi])) swapAt(lo, hi);
    if (gtOrNan(arr[lo + 1], arr[lo])) swapAt(lo + 1, lo);
    int64_t i = lo + 1, j = hi;
    const T pivot = arr[lo];
    for (;;) {
      do ++i; while (gtOrNan(pivot, arr[i]));
      do --j; while (gtOrNan(arr[j], pivot));
      if (j < i) break;
      swapAt(i, j);
    }
    swapAt(lo, j);
    if (j <= k) lo = i;
    if (j >= k) hi = j - 1;
  }
}

}  // namespace

std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim, bool keepdim) {
  dim = maybeWrapDim(dim, self.dim());
  const int64_t sliceSize = sizeAlong(self, dim);
  SCONCE_CHECK(ValueError, self.numel() > 0 || self.dim() == 0 || self.sizes()[dim] != 0,
               "kthvalue(): Expected reduction dim {} to have non-zero size.", dim);
  SCONCE_CHECK(ValueError, k >= 1 && k <= sliceSize, "kthvalue(): selected number k out of range for dimension {}",
               dim);
  Dims sizes = self.sizes();
  if (!sizes.empty()) {
    if (keepdim) sizes[dim] = 1;
    else sizes.erase(sizes.begin() + dim);
  }
  Tensor values = empty(sizes, self.dtype(), self.device());
  Tensor indices = empty(sizes, ScalarType::Long, self.device());
  if (self.dim() == 0) {
    copy_(values, self);
    return {values, indices};
  }
  if (self.dtype() == ScalarType::Half) failDtypeNotImplemented("kthvalue_cpu", self.dtype());
  if (self.numel() == 0) return {values, indices};
  // Iterate over self's slices with values/indices viewed with a size-1 `dim`.
  Dims keptSizes = self.sizes();
  keptSizes[dim] = 1;
  const Tensor v = view(values, keptSizes), ix = view(indices, keptSizes);
  dispatchTypes<kAllTypes>(self.dtype(), "kthvalue_cpu", [&](auto tag) {
    using T = decltype(tag);
    const T* sbase = static_cast<const T*>(self.rawData());
    T* vbase = static_cast<T*>(v.rawData());
    int64_t* ibase = ix.data<int64_t>();
    const int64_t ss = self.strides()[dim];
    std::vector<T> arr(sliceSize);
    std::vector<int64_t> idx(sliceSize);
    forEachSlice<3>(self.sizes(), dim, {&self, &v, &ix}, [&](const std::array<int64_t, 3>& o) {
      for (int64_t j = 0; j < sliceSize; ++j) {
        arr[j] = sbase[o[0] + j * ss];
        idx[j] = j;
      }
      quickSelect(arr, idx, k - 1);
      vbase[o[1]] = arr[k - 1];
      ibase[o[2]] = idx[k - 1];
    });
  });
  return {values, indices};
}

// ---- unique -------------------------------------------------------------------------

namespace {

// Hash and equality for std::unordered_set: the standard ones, except half types hash
// their bits and compare as floats (as c10's do).
template <class T>
struct UniqueHash {
  size_t operator()(T v) const {
    if constexpr (kIsReducedFloat<T>) return std::hash<uint16_t>()(v.bits);
    else return std::hash<T>()(v);
  }
};
template <class T>
struct UniqueEq {
  bool operator()(T a, T b) const { return key(a) == key(b); }
};

Tensor emptyLong() { return empty({0}, ScalarType::Long); }

// Bool input takes ATen's counting path: always sorted (false before true).
std::tuple<Tensor, Tensor, Tensor> uniqueBool(const Tensor& self, bool returnInverse, bool returnCounts) {
  const Tensor input = contiguous(self);
  const bool* data = input.data<bool>();
  const int64_t numel = input.numel();
  const auto numTrue = static_cast<int64_t>(std::count(data, data + numel, true));
  const int64_t numFalse = numel - numTrue;
  const int64_t numOut = (numTrue > 0) + (numFalse > 0);
  Tensor output = empty({numOut}, ScalarType::Bool, self.device());
  if (numFalse > 0) output.data<bool>()[0] = false;
  if (numTrue > 0) output.data<bool>()[numOut - 1] = true;
  Tensor inverse = emptyLong(), counts = emptyLong();
  if (returnInverse || returnCounts) {
    inverse = empty(self.sizes(), ScalarType::Long, self.device());
    for (int64_t i = 0; i < numel; ++i) inverse.data<int64_t>()[i] = data[i] ? numOut - 1 : 0;
  }
  if (returnCounts) {
    counts = empty({numOut}, ScalarType::Long, self.device());
    int64_t* c = counts.data<int64_t>();
    if (numFalse > 0) c[0] = numFalse;
    if (numTrue > 0) c[numOut - 1] = numTrue;
  }
  return {output, inverse, counts};
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& self, bool sorted, bool returnInverse, bool returnCounts) {
  if (self.dtype() == ScalarType::Half) failDtypeNotImplemented("unique", self.dtype());
  if (self.dtype() == ScalarType::Bool) return uniqueBool(self, returnInverse, returnCounts);
  const Tensor input = contiguous(self);
  const int64_t numel = input.numel();
  Tensor output, inverse = emptyLong(), counts = emptyLong();
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "unique", [&](auto tag) {
    using T = decltype(tag);
    const T* data = input.data<T>();
    std::unordered_set<T, UniqueHash<T>, UniqueEq<T>> set(data, data + numel);
    std::vector<T> vec(set.begin(), set.end());
    if (sorted) std::sort(vec.begin(), vec.end(), [](T a, T b) { return key(a) < key(b); });
    output = empty({static_cast<int64_t>(vec.size())}, self.dtype(), self.device());
    std::copy(vec.begin(), vec.end(), output.data<T>());
    if (!returnInverse && !returnCounts) return;
    // Map each value to its position (unordered_map semantics: equal values share one).
    std::unordered_map<T, int64_t, UniqueHash<T>, UniqueEq<T>> position;
    for (size_t i = 0; i < vec.size(); ++i) position[vec[i]] = static_cast<int64_t>(i);
    inverse = empty(self.sizes(), ScalarType::Long, self.device());
    int64_t* inv = inverse.data<int64_t>();
    for (int64_t i = 0; i < numel; ++i) inv[i] = position[data[i]];
    if (returnCounts) {
      counts = zeros({static_cast<int64_t>(vec.size())}, ScalarType::Long, self.device());
      int64_t* c = counts.data<int64_t>();
      for (int64_t i = 0; i < numel; ++i) {
        auto it = position.find(data[i]);
        if (it != position.end()) ++c[it->second];
      }
    }
  });
  return {output, inverse, counts};
}

std::tuple<Tensor, Tensor> _unique(const Tensor& self, bool sorted, bool returnInverse) {
  auto [values, inverse, counts] = _unique2(self, sorted, returnInverse, false);
  return {values, inverse};
}

namespace {

// Unique slices along dim (ATen's _unique_dim_cpu_template): slices are sorted
// lexicographically unless consecutive, then runs of equal slices collapse.
std::tuple<Tensor, Tensor, Tensor> uniqueDimImpl(const Tensor& self, int64_t dim, bool consecutive) {
  dim = maybeWrapDim(dim, self.dim());
  const Dims& sizes = self.sizes();
  const auto zeroDims = std::count(sizes.begin(), sizes.end(), 0);
  if (self.sizes()[dim] == 0) {
    SCONCE_CHECK(ValueError, zeroDims == 1,
                 "Number of zero sized dimensions is more than one, so unique cannot be applied ");
    return {empty(self.sizes(), self.dtype(), self.device()), emptyLong(), emptyLong()};
  }
  SCONCE_CHECK(ValueError, zeroDims == 0,
               "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied");
  Tensor moved = movedim(self, dim, 0);
  Dims origSizes = moved.sizes();
  const int64_t rows = moved.sizes()[0];
  Tensor flat = view(contiguous(moved), {rows, -1});
  const int64_t width = flat.sizes()[1];
  std::vector<int64_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  Tensor inverse = empty({rows}, ScalarType::Long, self.device());
  Tensor counts = zeros({rows}, ScalarType::Long, self.device());
  std::vector<int64_t> kept;
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "unique_dim", [&](auto tag) {
    using T = decltype(tag);
    const T* data = flat.data<T>();
    if (!consecutive) {
      std::sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        for (int64_t i = 0; i < width; ++i) {
          const auto l = key(data[a * width + i]), r = key(data[b * width + i]);
          if (l < r) return true;
          if (l > r) return false;
        }
        return false;
      });
    }
    auto equalRows = [&](int64_t a, int64_t b) {
      for (int64_t i = 0; i < width; ++i)
        if (!(key(data[a * width + i]) == key(data[b * width + i]))) return false;
      return true;
    };
    int64_t* inv = inverse.data<int64_t>();
    int64_t* cnt = counts.data<int64_t>();
    for (int64_t pos = 0; pos < rows; ++pos) {
      const int64_t row = order[pos];
      if (kept.empty() || !equalRows(row, kept.back())) kept.push_back(row);
      const auto group = static_cast<int64_t>(kept.size()) - 1;
      ++cnt[group];
      inv[order[pos]] = group;
    }
  });
  std::vector<Tensor> pieces;
  for (int64_t row : kept) pieces.push_back(select(flat, 0, row));
  Dims newSizes = origSizes;
  newSizes[0] = -1;
  Tensor output = movedim(view(stack(pieces, 0), newSizes), 0, dim);
  return {output, inverse, narrow(counts, 0, 0, static_cast<int64_t>(kept.size()))};
}

}  // namespace

std::tuple<Tensor, Tensor, Tensor> unique_dim(const Tensor& self, int64_t dim, bool /*sorted*/,
                                              bool /*returnInverse*/, bool /*returnCounts*/) {
  return uniqueDimImpl(self, dim, /*consecutive=*/false);
}

std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& self, bool returnInverse, bool returnCounts,
                                                      std::optional<int64_t> dim) {
  if (dim && !(*dim == 0 && self.dim() == 1)) return uniqueDimImpl(self, *dim, /*consecutive=*/true);
  if (self.dtype() == ScalarType::Half) failDtypeNotImplemented("unique", self.dtype());
  const Tensor input = contiguous(self);
  const int64_t numel = input.numel();
  Tensor output = empty({numel}, self.dtype(), self.device());
  Tensor inverse = returnInverse ? empty(self.sizes(), ScalarType::Long, self.device()) : emptyLong();
  Tensor counts = emptyLong();
  if (numel == 0) return {output, inverse, counts};
  int64_t groups = 0;
  std::vector<int64_t> runLengths;
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "unique_consecutive", [&](auto tag) {
    using T = decltype(tag);
    const T* data = input.data<T>();
    T* out = output.data<T>();
    int64_t* inv = returnInverse ? inverse.data<int64_t>() : nullptr;
    T last = data[0];
    out[0] = last;
    int64_t runStart = 0;
    if (inv) inv[0] = 0;
    for (int64_t i = 1; i < numel; ++i) {
      if (!(key(data[i]) == key(last))) {
        out[++groups] = data[i];
        last = data[i];
        runLengths.push_back(i - runStart);
        runStart = i;
      }
      if (inv) inv[i] = groups;
    }
    runLengths.push_back(numel - runStart);
  });
  output = narrow(output, 0, 0, groups + 1);
  if (returnCounts) {
    counts = empty({groups + 1}, ScalarType::Long, self.device());
    std::copy(runLengths.begin(), runLengths.end(), counts.data<int64_t>());
  }
  return {contiguous(output), inverse, counts};
}

// ---- searchsorted / bucketize / bincount --------------------------------------------

Tensor searchsorted(const Tensor& boundaries, const Tensor& self, bool outInt32, bool right,
                    std::optional<std::string_view> side, const std::optional<Tensor>& sorterOpt) {
  if (side) {
    SCONCE_CHECK(ValueError, *side == "left" || *side == "right",
                 "torch.searchsorted(): side can only be 'left' or 'right' but got {}", *side);
    SCONCE_CHECK(ValueError, !right || *side == "right",
                 "torch.searchsorted(): side and right can't be set to opposites, got side of {} while right was True",
                 *side);
  }
  const Tensor sorter = sorterOpt && sorterOpt->defined() ? *sorterOpt : Tensor();
  if (sorter.defined()) {
    SCONCE_CHECK(ValueError, sorter.sizes() == boundaries.sizes(),
                 "torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor "
                 "[{}]and got sorter tensor [{}]",
                 fmt::join(boundaries.sizes(), ", "), fmt::join(sorter.sizes(), ", "));
    SCONCE_CHECK(ValueError, sorter.dtype() == ScalarType::Long,
                 "torch.searchsorted(): sorter must be a tensor of long dtype but got dtype {}",
                 scalarTypeShortName(sorter.dtype()));
  }
  SCONCE_CHECK(ValueError, self.dim() > 0 || (self.numel() == 1 && boundaries.dim() == 1),
               "torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we "
               "got boundaries tensor dim({}) and input value's dim({}) numel({})",
               boundaries.dim(), self.dim(), self.numel());
  SCONCE_CHECK(ValueError, boundaries.dim() != 0,
               "torch.searchsorted(): boundaries tensor should have positive dimension, but we got 0 dimension");
  bool leadingMatch = boundaries.dim() == self.dim();
  for (int64_t d = 0; leadingMatch && d + 1 < self.dim(); ++d) leadingMatch = boundaries.sizes()[d] == self.sizes()[d];
  SCONCE_CHECK(ValueError, boundaries.dim() == 1 || leadingMatch,
               "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of "
               "boundaries tensor and input value tensor must match, but we got boundaries tensor [{}] and input "
               "value tensor [{}]",
               fmt::join(boundaries.sizes(), ", "), fmt::join(self.sizes(), ", "));
  const int64_t lastSize = boundaries.sizes().back();
  if (outInt32)
    SCONCE_CHECK(ValueError, lastSize < INT_MAX,
                 "torch.searchsorted(): the size of boundaries' last dimension should be less than {}, but we got {}",
                 INT_MAX, lastSize);
  const Tensor sortIdx = sorter.defined() ? contiguous(sorter) : Tensor();
  if (sortIdx.defined() && sortIdx.numel() > 0) {
    const int64_t* s = sortIdx.data<int64_t>();
    const auto [mn, mx] = std::minmax_element(s, s + sortIdx.numel());
    SCONCE_CHECK(ValueError, *mn >= 0 && *mx < lastSize, "torch.searchsorted(): sorter index out of range");
  }
  const bool isRight = side ? *side == "right" : right;
  Tensor out = empty(self.sizes(), outInt32 ? ScalarType::Int : ScalarType::Long, self.device());
  if (self.numel() == 0) return out;
  const ScalarType common = promoteTypes(self.dtype(), boundaries.dtype());
  const Tensor input = contiguous(to(self, common)), bd = contiguous(to(boundaries, common));
  const int64_t inner = input.dim() == 0 ? 1 : input.sizes().back();
  const int64_t* sortData = sortIdx.defined() ? sortIdx.data<int64_t>() : nullptr;
  dispatchTypes<kAllTypes>(common, "searchsorted_out_cpu", [&](auto tag) {
    using T = decltype(tag);
    const T* in = input.data<T>();
    const T* b = bd.data<T>();
    for (int64_t i = 0; i < input.numel(); ++i) {
      const int64_t startBd = bd.dim() == 1 ? 0 : i / inner * lastSize;
      int64_t lo = startBd, hi = startBd + lastSize;
      const auto val = key(in[i]);
      while (lo < hi) {
        const int64_t mid = lo + ((hi - lo) >> 1);
        const auto midVal = key(sortData ? b[sortData[mid] + startBd] : b[mid]);
        const bool goRight = isRight ? !(midVal > val) : !(midVal >= val);
        if (goRight) lo = mid + 1;
        else hi = mid;
      }
      if (outInt32) out.data<int32_t>()[i] = static_cast<int32_t>(lo - startBd);
      else out.data<int64_t>()[i] = lo - startBd;
    }
  });
  return out;
}

static Tensor scalarToTensor(const Scalar& s) {
  if (s.isFloatingPoint()) return Tensor::scalar(s.toDouble(), ScalarType::Double);
  if (s.isBool()) return Tensor::scalar(static_cast<int64_t>(s.toBool()), ScalarType::Bool);
  return Tensor::scalar(s.toLong(), ScalarType::Long);
}

Tensor searchsorted(const Tensor& boundaries, const Scalar& self, bool outInt32, bool right,
                    std::optional<std::string_view> side, const std::optional<Tensor>& sorter) {
  return searchsorted(boundaries, scalarToTensor(self), outInt32, right, side, sorter);
}

Tensor bucketize(const Tensor& self, const Tensor& boundaries, bool outInt32, bool right) {
  SCONCE_CHECK(ValueError, boundaries.dim() == 1, "boundaries tensor must be 1 dimension, but got dim({})",
               boundaries.dim());
  return searchsorted(boundaries, self, outInt32, right);
}

Tensor bucketize(const Scalar& self, const Tensor& boundaries, bool outInt32, bool right) {
  return bucketize(scalarToTensor(self), boundaries, outInt32, right);
}

Tensor bincount(const Tensor& self, const std::optional<Tensor>& weightsOpt, int64_t minlength) {
  const Tensor weights = weightsOpt && weightsOpt->defined() ? *weightsOpt : Tensor();
  dispatchTypes<kIntTypes>(self.dtype(), "bincount_cpu", [](auto) {});
  SCONCE_CHECK(ValueError, minlength >= 0, "minlength should be >= 0");
  const ScalarType outType = !weights.defined() ? ScalarType::Long
                             : weights.dtype() == ScalarType::Float ? ScalarType::Float
                                                                     : ScalarType::Double;
  if (self.dim() == 1 && self.numel() == 0) return zeros({minlength}, outType == ScalarType::Long ? outType : outType);
  std::vector<int64_t> values;
  if (self.dim() == 1) {
    const Tensor flat = contiguous(to(self, ScalarType::Long));
    values.assign(flat.data<int64_t>(), flat.data<int64_t>() + flat.numel());
  }
  SCONCE_CHECK(ValueError, self.dim() == 1 && *std::min_element(values.begin(), values.end()) >= 0,
               "bincount only supports 1-d non-negative integral inputs.");
  SCONCE_CHECK(ValueError, !weights.defined() || (weights.dim() == 1 && weights.sizes()[0] == self.sizes()[0]),
               "weights should be 1-d and have the same length as input");
  const int64_t bins = std::max(*std::max_element(values.begin(), values.end()) + 1, minlength);
  Tensor out = zeros({bins}, outType, self.device());
  if (!weights.defined()) {
    int64_t* o = out.data<int64_t>();
    for (int64_t v : values) ++o[v];
    return out;
  }
  const Tensor w = contiguous(to(weights, outType));
  dispatchTypes<kFloatTypes>(outType, "bincount_cpu", [&](auto tag) {
    using T = decltype(tag);
    T* o = out.data<T>();
    const T* wd = w.data<T>();
    for (size_t i = 0; i < values.size(); ++i) o[values[i]] += wd[i];
  });
  return out;
}

}  // namespace sconce::ops
