// Reduction planning and loop engines shared by the reduce_*.cpp kernels (internal).
//
// Any reduction is planned as an [outer][reduce][inner] walk of the input: dims are
// ordered by memory stride and adjacent dims of the same kind (kept / reduced) are
// merged, so "reduce the last dims" becomes contiguous rows and "reduce the leading
// dims" becomes rows of contiguous columns; layouts that do not fit are first copied
// into kept-dims-then-reduced-dims order. The engines then run a sum (pairwise, for
// accuracy) or a generic accumulator over that walk, writing one accumulator per output
// element into a buffer laid out like the output.
#pragma once

#include <algorithm>
#include <vector>

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
// Sum engine: result[out(o, j)] = sum_r map(in(o, r, j), center(o, j)).

template <class Acc, bool kContig, class T, class Map>
Acc pairwiseRowSum(const T* p, int64_t n, int64_t stride, Acc center, const Map& map) {
  if (n > 256) {
    const int64_t half = (n / 2 + 7) & ~int64_t{7};
    return pairwiseRowSum<Acc, kContig>(p, half, stride, center, map) +
           pairwiseRowSum<Acc, kContig>(p + half * (kContig ? 1 : stride), n - half, stride, center, map);
  }
  // Eight independent lanes: the compiler vectorizes this without reassociating.
  Acc lane[8] = {};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int k = 0; k < 8; ++k) lane[k] += map(p[(i + k) * (kContig ? 1 : stride)], center);
  Acc tail = Acc(0);
  for (; i < n; ++i) tail += map(p[i * (kContig ? 1 : stride)], center);
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7])) + tail;
}

template <class Acc, class T, class Map>
Acc rowSum(const T* p, int64_t n, int64_t stride, Acc center, const Map& map) {
  return stride == 1 ? pairwiseRowSum<Acc, true>(p, n, 1, center, map)
                     : pairwiseRowSum<Acc, false>(p, n, stride, center, map);
}

// acc[j] = sum over `rows` rows of map(p[r * rowStride + j * colStride], centers[j]),
// pairwise over rows; `scratch` holds w accumulators per recursion level.
template <class Acc, class T, class Map>
void pairwiseColumnSum(Acc* acc, const T* p, int64_t rows, int64_t rowStride, int64_t w, int64_t colStride,
                       const Acc* centers, const Map& map, Acc* scratch) {
  if (rows > 64) {
    const int64_t half = rows / 2;
    pairwiseColumnSum(acc, p, half, rowStride, w, colStride, centers, map, scratch + w);
    pairwiseColumnSum(scratch, p + half * rowStride, rows - half, rowStride, w, colStride, centers, map,
                      scratch + w);
    for (int64_t j = 0; j < w; ++j) acc[j] += scratch[j];
    return;
  }
  for (int64_t j = 0; j < w; ++j) acc[j] = Acc(0);
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = p + r * rowStride;
    if (colStride == 1) {
      for (int64_t j = 0; j < w; ++j) acc[j] += map(row[j], centers[j]);
    } else {
      for (int64_t j = 0; j < w; ++j) acc[j] += map(row[j * colStride], centers[j]);
    }
  }
}

/// Runs the sum engine. `centers` (nullable) is laid out like `result`.
template <class Acc, class T, class Map>
void sumReduce(const ReduceLayout& L, const T* in, const Acc* centers, Acc* result, const Map& map) {
  auto center = [&](int64_t idx) { return centers ? centers[idx] : Acc(0); };
  if (L.inner == 1 && L.outer == 1) {
    // One long row: fixed-size chunks (independent of the thread count), then pairwise.
    const int64_t chunks = std::max<int64_t>(1, (L.reduce + kReduceChunk - 1) / kReduceChunk);
    std::vector<Acc> partial(chunks);
    const Acc c = center(0);
    parallelFor(0, chunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t k = b; k < e; ++k) {
        const int64_t lo = k * kReduceChunk, n = std::min(L.reduce, lo + kReduceChunk) - lo;
        partial[k] = rowSum<Acc>(in + lo * L.inReduce, n, L.inReduce, c, map);
      }
    });
    while (partial.size() > 1) {
      std::vector<Acc> next((partial.size() + 1) / 2);
      for (size_t k = 0; k < next.size(); ++k)
        next[k] = 2 * k + 1 < partial.size() ? partial[2 * k] + partial[2 * k + 1] : partial[2 * k];
      partial.swap(next);
    }
    result[0] = partial[0];
    return;
  }
  if (L.inner == 1) {
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(L.reduce, 1));
    parallelFor(0, L.outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o)
        result[o * L.outOuter] = rowSum<Acc>(in + o * L.inOuter, L.reduce, L.inReduce, center(o * L.outOuter), map);
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
      pairwiseColumnSum(acc.data(), in + o * L.inOuter + j0 * L.inInner, L.reduce, L.inReduce, w, L.inInner,
                        cent.data(), map, scratch.data());
      for (int64_t j = 0; j < w; ++j) result[o * L.outOuter + (j0 + j) * L.outInner] = acc[j];
    }
  });
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
