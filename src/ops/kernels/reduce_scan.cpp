// Scans and normalizations along one dim: cumsum, cumprod, softmax, log_softmax.
//
// All four read a contiguous [outer][dim][inner] view of the input (converted to the
// result dtype first) and write a contiguous result; inner > 1 runs over blocks of
// contiguous columns so the inner loops vectorize.
#include <cmath>
#include <limits>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/reduce_internal.h"

namespace sconce::ops {

namespace {

struct DimSplit {
  int64_t outer = 1, size = 1, inner = 1;
};

DimSplit splitAt(const Tensor& t, int64_t dim) {
  DimSplit s;
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (d < dim) s.outer *= t.sizes()[d];
    else if (d == dim) s.size = t.sizes()[d];
    else s.inner *= t.sizes()[d];
  }
  return s;
}

Tensor contiguousCopy(const Tensor& t, ScalarType dtype) {
  if (t.dtype() == dtype && t.isContiguous()) return t;
  Tensor out = Tensor::empty(t.sizes(), dtype);
  copy_(out, t);
  return out;
}

// The CPU accumulator of scans (ATen's acc_type): double for float, float for
// Half/BFloat16, int64 for integers.
template <class T>
using ScanAcc = std::conditional_t<kIsReducedFloat<T>, float, std::conditional_t<kIsFloat<T>, double, int64_t>>;

template <bool kProd>
Tensor scanImpl(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype, std::string_view op) {
  const int64_t d = detail::wrapDim(dim, self.dim());
  const ScalarType outDtype = dtype ? *dtype : isIntegralType(self.dtype(), true) ? ScalarType::Long : self.dtype();
  const Tensor in = contiguousCopy(self, outDtype);
  Tensor out = Tensor::empty(self.sizes(), outDtype);
  if (out.numel() == 0) return out;
  const DimSplit s = splitAt(in, d);
  dispatchTypes<kAllTypesAndBool>(outDtype, op, [&](auto tag) {
    using T = decltype(tag);
    using Acc = ScanAcc<T>;
    const T* x = in.data<T>();
    T* y = out.data<T>();
    if (s.inner == 1) {  // scanning contiguous rows
      parallelFor(0, s.outer, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(s.size, 1)), [&](int64_t b, int64_t e) {
        for (int64_t o = b; o < e; ++o) {
          Acc acc = Acc(kProd ? 1 : 0);
          for (int64_t i = o * s.size; i < (o + 1) * s.size; ++i) {
            if constexpr (kProd) acc *= castTo<Acc>(x[i]);
            else acc += castTo<Acc>(x[i]);
            y[i] = castTo<T>(acc);
          }
        }
      });
      return;
    }
    const int64_t blocks = (s.inner + detail::kColumnBlock - 1) / detail::kColumnBlock;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(s.size * detail::kColumnBlock, 1));
    parallelFor(0, s.outer * blocks, grain, [&](int64_t b, int64_t e) {
      Acc acc[detail::kColumnBlock];
      for (int64_t t = b; t < e; ++t) {
        const int64_t o = t / blocks, j0 = (t % blocks) * detail::kColumnBlock;
        const int64_t w = std::min(detail::kColumnBlock, s.inner - j0);
        for (int64_t j = 0; j < w; ++j) acc[j] = Acc(kProd ? 1 : 0);
        for (int64_t i = 0; i < s.size; ++i) {
          const int64_t base = (o * s.size + i) * s.inner + j0;
          for (int64_t j = 0; j < w; ++j) {
            if constexpr (kProd) acc[j] *= castTo<Acc>(x[base + j]);
            else acc[j] += castTo<Acc>(x[base + j]);
            y[base + j] = castTo<T>(acc[j]);
          }
        }
      }
    });
  });
  return out;
}

// Softmax over contiguous rows of length n: a lane max, exp into a float buffer with a
// lane sum, then one scaling pass; every loop vectorizes.
template <bool kLog, class T>
void softmaxRows(const T* x, T* y, int64_t rows, int64_t n) {
  using M = OpMath<T>;
  const auto maxOf = [](M a, M b) { return vec::select(b != b || a < b, b, a); };
  parallelFor(0, rows, std::max<int64_t>(1, kGrainSize / std::max<int64_t>(n, 1)), [&](int64_t b, int64_t e) {
    std::vector<M> buf(n);
    for (int64_t o = b; o < e; ++o) {
      const T* xr = x + o * n;
      T* yr = y + o * n;
      for (int64_t i = 0; i < n; ++i) buf[i] = castTo<M>(xr[i]);
      M mx;
      if constexpr (std::is_same_v<M, float>) mx = detail::rowExtremeFloat<true>(buf.data(), n);
      else mx = detail::reduceRow<M>(buf.data(), n, 1, M(0), [](M v, M) { return v; }, maxOf,
                                     -std::numeric_limits<M>::infinity());
      for (int64_t i = 0; i < n; ++i) buf[i] = kLog ? buf[i] - mx : vec::exp(buf[i] - mx);
      const M sum = kLog ? detail::reduceRow<M>(buf.data(), n, 1, M(0), [](M v, M) { return vec::exp(v); },
                                                [](M a, M c) { return a + c; }, M(0))
                         : detail::reduceRow<M>(buf.data(), n, 1, M(0), [](M v, M) { return v; },
                                                [](M a, M c) { return a + c; }, M(0));
      if constexpr (kLog) {
        const M logSum = std::log(sum);
        for (int64_t i = 0; i < n; ++i) yr[i] = castTo<T>(buf[i] - logSum);
      } else {
        const M inv = M(1) / sum;
        for (int64_t i = 0; i < n; ++i) yr[i] = castTo<T>(buf[i] * inv);
      }
    }
  });
}

template <bool kLog>
Tensor softmaxImpl(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype, std::string_view op) {
  const int64_t d = detail::wrapDim(dim, self.dim());
  const ScalarType outDtype = dtype ? *dtype : self.dtype();
  if (!isFloatingType(outDtype)) failDtypeNotImplemented(op, outDtype);
  const Tensor in = contiguousCopy(self, outDtype);
  Tensor out = Tensor::empty(self.sizes(), outDtype);
  if (out.numel() == 0) return out;
  const DimSplit s = splitAt(in, d);
  dispatchTypes<kFloatingTypes>(outDtype, op, [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    const T* x = in.data<T>();
    T* y = out.data<T>();
    if (s.inner == 1) {
      softmaxRows<kLog>(x, y, s.outer, s.size);
      return;
    }
    constexpr int64_t kW = detail::kColumnBlock;
    const int64_t blocks = (s.inner + kW - 1) / kW;
    const int64_t grain = std::max<int64_t>(1, kGrainSize / std::max<int64_t>(s.size * kW, 1));
    parallelFor(0, s.outer * blocks, grain, [&](int64_t b, int64_t e) {
      M mx[kW], sum[kW];
      for (int64_t t = b; t < e; ++t) {
        const int64_t o = t / blocks, j0 = (t % blocks) * kW;
        const int64_t w = std::min(kW, s.inner - j0);
        const int64_t base = o * s.size * s.inner + j0;
        for (int64_t j = 0; j < w; ++j) {
          mx[j] = -std::numeric_limits<M>::infinity();
          sum[j] = M(0);
        }
        for (int64_t i = 0; i < s.size; ++i)
          for (int64_t j = 0; j < w; ++j) {
            const M v = castTo<M>(x[base + i * s.inner + j]);
            mx[j] = (v != v || v > mx[j]) ? v : mx[j];
          }
        for (int64_t i = 0; i < s.size; ++i)
          for (int64_t j = 0; j < w; ++j) {
            const M ex = vec::exp(castTo<M>(x[base + i * s.inner + j]) - mx[j]);
            sum[j] += ex;
            if constexpr (!kLog) y[base + i * s.inner + j] = castTo<T>(ex);
          }
        for (int64_t i = 0; i < s.size; ++i)
          for (int64_t j = 0; j < w; ++j) {
            const int64_t k = base + i * s.inner + j;
            if constexpr (kLog) y[k] = castTo<T>(castTo<M>(x[k]) - mx[j] - std::log(sum[j]));
            else y[k] = castTo<T>(castTo<M>(y[k]) / sum[j]);
          }
      }
    });
  });
  return out;
}

}  // namespace

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return scanImpl<false>(self, dim, dtype, "cumsum");
}
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return scanImpl<true>(self, dim, dtype, "cumprod");
}
const Tensor& cumsum_(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  copy_(self, scanImpl<false>(self, dim, dtype, "cumsum_"));
  return self;
}

Tensor softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return softmaxImpl<false>(self, dim, dtype, "softmax");
}
Tensor log_softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype) {
  return softmaxImpl<true>(self, dim, dtype, "log_softmax");
}

}  // namespace sconce::ops
