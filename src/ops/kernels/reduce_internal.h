// Reduction planning and loop engines shared by the reduce_*.cpp kernels (internal).
//
// Any reduction is planned as an [outer][reduce][inner] walk of the input: dims are
// ordered by memory stride and adjacent dims of the same kind (kept / reduced) are
// merged, so "reduce the last dims" becomes contiguous rows and "reduce the leading
// dims" becomes rows of contiguous columns; layouts that do not fit are first copied
// into kept-dims-then-reduced-dims order. The engines then run a vectorizable lane
// reduction (sums, pairwise for accuracy; max/min) or a generic accumulator (products,
// indices, any/all) over that walk, writing one accumulator per output element into a
// buffer laid out like the output.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ops/kernels/parallel.h"
#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops::detail {

/// Wraps a possibly negative dim into [0, ndim) (a 0-d tensor accepts -1 and 0), with
/// PyTorch's "Dimension out of range" message.
int64_t wrapDim(int64_t dim, int64_t ndim);
/// Which dims of an ndim tensor `dims` selects; empty selects all. Repeats throw.
std::vector<bool> makeDimMask(IntArrayRef dims, int64_t ndim);
/// The reduced shape: masked dims dropped, or kept as 1 with keepdim.
Dims reducedShape(const Dims& sizes, const std::vector<bool>& mask, bool keepdim);

/// The planned walk; strides are in elements. Output index of (o, j) is
/// o * outOuter + j * outInner in a buffer with the output's (contiguous) layout.
struct ReduceLayout {
  int64_t outer = 1, reduce = 1, inner = 1;
  int64_t inOuter = 0, inReduce = 0, inInner = 0;
  int64_t outOuter = 0, outInner = 0;
};

/// Plans reducing the `mask` dims of `input` into a contiguous output over the kept dims
/// (any keepdim size-1 dims do not matter). May replace `input` by a reordered copy, whose
/// dims no longer line up with `mask`: read only its data afterwards.
ReduceLayout planReduction(Tensor& input, const std::vector<bool>& mask);

/// Elements of a single reduction handled per task when one long row is split.
inline constexpr int64_t kReduceChunk = 16384;
/// Columns processed together in column (outer-dims) reductions.
inline constexpr int64_t kColumnBlock = 128;

// ---------------------------------------------------------------------------------
// Lane engine: result[out(o, j)] = combine over r of map(in(o, r, j), center(o, j)), for
// an associative, commutative combine with identity `id` (sum; NaN-propagating max/min).
// Rows use eight independent lanes and pairwise halving, columns pairwise row blocks: the
// loops vectorize without reassociating, and float sums stay accurate (cascade summation).

template <class Acc, bool kContig, class T, class Map, class Combine>
__attribute__((flatten)) Acc pairwiseRow(const T* p, int64_t n, int64_t stride, Acc center, const Map& map, const Combine& combine,
                Acc id) {
  if (n > 256) {
    const int64_t half = (n / 2 + 7) & ~int64_t{7};
    return combine(pairwiseRow<Acc, kContig>(p, half, stride, center, map, combine, id),
                   pairwiseRow<Acc, kContig>(p + half * (kContig ? 1 : stride), n - half, stride, center, map,
                                             combine, id));
  }
  Acc lane[8];
  for (int k = 0; k < 8; ++k) lane[k] = id;
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) lane[k] = combine(lane[k], map(p[(i + k) * (kContig ? 1 : stride)], center));
  Acc tail = id;
  for (; i < n; ++i) tail = combine(tail, map(p[i * (kContig ? 1 : stride)], center));
  return combine(combine(combine(combine(lane[0], lane[1]), combine(lane[2], lane[3])),
                         combine(combine(lane[4], lane[5]), combine(lane[6], lane[7]))),
                 tail);
}

template <class Acc, class T, class Map, class Combine>
Acc reduceRow(const T* p, int64_t n, int64_t stride, Acc center, const Map& map, const Combine& combine, Acc id) {
  return stride == 1 ? pairwiseRow<Acc, true>(p, n, 1, center, map, combine, id)
                     : pairwiseRow<Acc, false>(p, n, stride, center, map, combine, id);
}

// acc[j] = combine over `rows` rows of map(p[r * rowStride + j * colStride], centers[j]),
// pairwise over rows; `scratch` holds w accumulators per recursion level.
template <class Acc, class T, class Map, class Combine>
__attribute__((flatten)) void pairwiseColumns(Acc* acc, const T* p, int64_t rows, int64_t rowStride, int64_t w, int64_t colStride,
                     const Acc* centers, const Map& map, const Combine& combine, Acc id, Acc* scratch) {
  if (rows > 64) {
    const int64_t half = rows / 2;
    pairwiseColumns(acc, p, half, rowStride, w, colStride, centers, map, combine, id, scratch + w);
    pairwiseColumns(scratch, p + half * rowStride, rows - half, rowStride, w, colStride, centers, map, combine,
                    id, scratch + w);
    for (int64_t j = 0; j < w; ++j) acc[j] = combine(acc[j], scratch[j]);
    return;
  }
  for (int64_t j = 0; j < w; ++j) acc[j] = id;
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = p + r * rowStride;
    if (colStride == 1) {
      for (int64_t j = 0; j < w; ++j) acc[j] = combine(acc[j], map(row[j], centers[j]));
    } else {
      for (int64_t j = 0; j < w; ++j) acc[j] = combine(acc[j], map(row[j * colStride], centers[j]));
    }
  }
}

/// Runs the lane engine. `centers` (nullable) is laid out like `result`.
template <class Acc, class T, class Map, class Combine>
void laneReduce(const ReduceLayout& L, const T* in, const Acc* centers, Acc* result, const Map& map,
                const Combine& combine, Acc id) {
  auto center = [&](int64_t idx) { return centers ? centers[idx] : Acc(0); };
  if (L.inner == 1 && L.outer == 1) {
    // One long row: fixed-size chunks (independent of the thread count), then pairwise.
    const int64_t chunks = std::max<int64_t>(1, (L.reduce + kReduceChunk - 1) / kReduceChunk);
    std::vector<Acc> partial(chunks);
    const Acc c = center(0);
    parallelFor(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t k = b; k < e; ++k) {
        const int64_t lo = k * kReduceChunk, n = std::min(L.reduce, lo + kReduceChunk) - lo;
        partial[k] = reduceRow<Acc>(in + lo * L.inReduce, n, L.inReduce, c, map, combine, id);
      }
    });
    while (partial.size() > 1) {
      std::vector<Acc> next((partial.size() + 1) / 2);
      for (size_t k = 0; k < next.size(); ++k)
        next[k] = 2 * k + 1 < partial.size() ? combine(partial[2 * k], partial[2 * k + 1]) : partial[2 * k];
      partial.swap(next);
    }
    result[0] = partial[0];
    return;
  }
  if (L.inner == 1) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(L.reduce, 1));
    parallelFor(0, L.outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o)
        result[o * L.outOuter] =
            reduceRow<Acc>(in + o * L.inOuter, L.reduce, L.inReduce, center(o * L.outOuter), map, combine, id);
    });
    return;
  }
  const int64_t blocks = (L.inner + kColumnBlock - 1) / kColumnBlock;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(L.reduce * kColumnBlock, 1));
  parallelFor(0, L.outer * blocks, grain, [&](int64_t b, int64_t e) {
    int levels = 1;
    for (int64_t r = L.reduce; r > 64; r /= 2) ++levels;
    std::vector<Acc> acc(kColumnBlock), cent(kColumnBlock), scratch(kColumnBlock * (levels + 1));
    for (int64_t t = b; t < e; ++t) {
      const int64_t o = t / blocks, j0 = (t % blocks) * kColumnBlock;
      const int64_t w = std::min(kColumnBlock, L.inner - j0);
      for (int64_t j = 0; j < w; ++j) cent[j] = center(o * L.outOuter + (j0 + j) * L.outInner);
      pairwiseColumns(acc.data(), in + o * L.inOuter + j0 * L.inInner, L.reduce, L.inReduce, w, L.inInner,
                      cent.data(), map, combine, id, scratch.data());
      for (int64_t j = 0; j < w; ++j) result[o * L.outOuter + (j0 + j) * L.outInner] = acc[j];
    }
  });
}

/// The NaN-propagating max (kMax) or min of n contiguous floats (n >= 1). GCC does not
/// vectorize floating max/min reductions under IEEE semantics, so this uses SSE2 (the
/// x86-64 baseline) with a separate NaN mask: maxps alone would drop NaNs.
template <bool kMax>
float rowExtremeFloat(const float* p, int64_t n) {
  int64_t i = 0;
  float best = p[0];
  bool sawNan = false;
#if defined(__SSE2__)
  if (n >= 8) {
    __m128 a = _mm_loadu_ps(p), b = _mm_loadu_ps(p + 4);
    __m128 nan = _mm_or_ps(_mm_cmpunord_ps(a, a), _mm_cmpunord_ps(b, b));
    for (i = 8; i + 8 <= n; i += 8) {
      const __m128 x = _mm_loadu_ps(p + i), y = _mm_loadu_ps(p + i + 4);
      a = kMax ? _mm_max_ps(a, x) : _mm_min_ps(a, x);
      b = kMax ? _mm_max_ps(b, y) : _mm_min_ps(b, y);
      nan = _mm_or_ps(nan, _mm_or_ps(_mm_cmpunord_ps(x, x), _mm_cmpunord_ps(y, y)));
    }
    a = kMax ? _mm_max_ps(a, b) : _mm_min_ps(a, b);
    alignas(16) float lanes[4];
    _mm_store_ps(lanes, a);
    best = lanes[0];
    for (int k = 1; k < 4; ++k) best = (kMax ? lanes[k] > best : lanes[k] < best) ? lanes[k] : best;
    sawNan = _mm_movemask_ps(nan) != 0;
  }
#endif
  for (; i < n; ++i) {
    sawNan |= p[i] != p[i];
    best = (kMax ? p[i] > best : p[i] < best) ? p[i] : best;
  }
  return sawNan ? std::numeric_limits<float>::quiet_NaN() : best;
}

/// The lane engine as a sum (pairwise, so float sums keep their accuracy).
template <class Acc, class T, class Map>
void sumReduce(const ReduceLayout& L, const T* in, const Acc* centers, Acc* result, const Map& map) {
  laneReduce(L, in, centers, result, map, [](Acc a, Acc b) { return a + b; }, Acc(0));
}

// ---------------------------------------------------------------------------------
// Generic engine: an accumulator R with
//   Acc init() const;  void step(Acc&, T value, int64_t index) const;
//   void merge(Acc& a, const Acc& b) const  (b covers later indices than a).

template <class T, class R>
void genericReduce(const ReduceLayout& L, const T* in, typename R::Acc* result, const R& r) {
  using Acc = typename R::Acc;
  if (L.inner == 1 && L.outer == 1) {
    const int64_t chunks = std::max<int64_t>(1, (L.reduce + kReduceChunk - 1) / kReduceChunk);
    std::vector<Acc> partial(chunks, r.init());
    parallelFor(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t k = b; k < e; ++k) {
        const int64_t lo = k * kReduceChunk, hi = std::min(L.reduce, lo + kReduceChunk);
        for (int64_t i = lo; i < hi; ++i) r.step(partial[k], in[i * L.inReduce], i);
      }
    });
    for (int64_t k = 1; k < chunks; ++k) r.merge(partial[0], partial[k]);
    result[0] = partial[0];
    return;
  }
  if (L.inner == 1) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(L.reduce, 1));
    parallelFor(0, L.outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) {
        Acc acc = r.init();
        const T* p = in + o * L.inOuter;
        for (int64_t i = 0; i < L.reduce; ++i) r.step(acc, p[i * L.inReduce], i);
        result[o * L.outOuter] = acc;
      }
    });
    return;
  }
  const int64_t blocks = (L.inner + kColumnBlock - 1) / kColumnBlock;
  const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(L.reduce * kColumnBlock, 1));
  parallelFor(0, L.outer * blocks, grain, [&](int64_t b, int64_t e) {
    std::vector<Acc> acc(kColumnBlock);
    for (int64_t t = b; t < e; ++t) {
      const int64_t o = t / blocks, j0 = (t % blocks) * kColumnBlock;
      const int64_t w = std::min(kColumnBlock, L.inner - j0);
      std::fill(acc.begin(), acc.begin() + w, r.init());
      const T* base = in + o * L.inOuter + j0 * L.inInner;
      for (int64_t i = 0; i < L.reduce; ++i) {
        const T* row = base + i * L.inReduce;
        for (int64_t j = 0; j < w; ++j) r.step(acc[j], row[j * L.inInner], i);
      }
      for (int64_t j = 0; j < w; ++j) result[o * L.outOuter + (j0 + j) * L.outInner] = acc[j];
    }
  });
}

}  // namespace sconce::ops::detail
