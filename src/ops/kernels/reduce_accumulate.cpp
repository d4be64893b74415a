// Reductions with a generic accumulator: prod, amax/amin, max/min (with indices),
// argmax/argmin, any/all.
#include <cmath>
#include <limits>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/reduce_internal.h"

namespace sconce::ops {

using detail::makeDimMask;
using detail::reducedShape;

namespace {

template <class M>
bool isNan(M v) {
  if constexpr (std::is_floating_point_v<M>) return v != v;
  else return false;
}

template <class T>
struct ProdReducer {
  using Acc = std::conditional_t<kIsFloat<T> || kIsComplex<T>, OpMath<T>, int64_t>;
  Acc init() const { return Acc(1); }
  void step(Acc& a, T x, int64_t) const { a *= castTo<Acc>(x); }
  void merge(Acc& a, const Acc& b) const { a *= b; }
};

// The NaN-propagating extreme and the index of its first occurrence (the first NaN).
template <class T, bool kMax>
struct ExtremeReducer {
  using M = OpMath<T>;
  struct Acc {
    M value{};
    int64_t index = -1;  // -1: nothing seen yet
  };
  static bool better(M candidate, M current) {
    if (isNan(current)) return false;
    if (isNan(candidate)) return true;
    return kMax ? candidate > current : candidate < current;
  }
  Acc init() const { return Acc{}; }
  void step(Acc& a, T x, int64_t i) const {
    const M v = castTo<M>(x);
    if (a.index < 0 || better(v, a.value)) a = Acc{v, i};
  }
  void merge(Acc& a, const Acc& b) const {
    if (b.index >= 0 && (a.index < 0 || better(b.value, a.value))) a = b;
  }
};

template <class T, bool kAny>
struct LogicalReducer {
  using Acc = uint8_t;  // not bool: accumulators live in std::vector
  Acc init() const { return !kAny; }
  void step(Acc& a, T x, int64_t) const {
    const Acc v = castTo<bool>(x);
    a = kAny ? (a | v) : (a & v);
  }
  void merge(Acc& a, const Acc& b) const { a = kAny ? (a | b) : (a & b); }
};

/// Runs reducer R over the masked dims of `in`; returns one accumulator per output element.
template <class T, class R>
std::vector<typename R::Acc> reduceOver(const Tensor& in, const std::vector<bool>& mask, const R& r) {
  std::vector<typename R::Acc> result(checkedNumel(reducedShape(in.sizes(), mask, false)), r.init());
  if (in.numel() == 0) return result;
  Tensor input = in;
  const detail::ReduceLayout L = detail::planReduction(input, mask);
  detail::genericReduce(L, input.data<T>(), result.data(), r);
  return result;
}

template <class Out, class Acc, class F>
Tensor writeResult(const std::vector<Acc>& acc, const Dims& shape, ScalarType dtype, const F& f) {
  Tensor out = Tensor::empty(shape, dtype);
  Out* o = out.data<Out>();
  for (size_t i = 0; i < acc.size(); ++i) o[i] = castTo<Out>(f(acc[i]));
  return out;
}

// Extremes have no identity: every reduced dim must be non-empty.
void checkNonEmptyReduction(const Tensor& self, const std::vector<bool>& mask, std::string_view op) {
  if (self.numel() != 0) return;
  if (self.dim() == 0) return;
  for (int64_t d = 0; d < self.dim(); ++d)
    SCONCE_CHECK(ValueError, !mask[d] || self.sizes()[d] != 0,
                 "{}(): Expected reduction dim {} to have non-zero size.", op, d);
}

// NaN-propagating max/min of two values, branch-free for floats so lane loops vectorize.
template <bool kMax, class M>
M extremeOf(M a, M b) {
  if constexpr (std::is_floating_point_v<M>) {
    return vec::select(b != b, b, vec::select(kMax ? a < b : b < a, b, a));
  } else {
    return (kMax ? a < b : b < a) ? b : a;
  }
}

template <bool kMax, class M>
M extremeIdentity() {
  if constexpr (std::is_floating_point_v<M>) return kMax ? -std::numeric_limits<M>::infinity() : std::numeric_limits<M>::infinity();
  else return kMax ? std::numeric_limits<M>::lowest() : std::numeric_limits<M>::max();
}

template <bool kMax>
Tensor extremeValues(const Tensor& self, IntArrayRef dim, bool keepdim, std::string_view op) {
  const std::vector<bool> mask = makeDimMask(dim, self.dim());
  checkNonEmptyReduction(self, mask, op);
  const Dims shape = reducedShape(self.sizes(), mask, keepdim);
  return dispatchTypes<kAllTypesAndBool>(self.dtype(), op, [&](auto tag) {
    using T = decltype(tag);
    using M = std::conditional_t<std::is_same_v<T, bool>, uint8_t, OpMath<T>>;  // no std::vector<bool>
    std::vector<M> acc(checkedNumel(reducedShape(self.sizes(), mask, false)), extremeIdentity<kMax, M>());
    if (self.numel() > 0) {
      Tensor input = self;
      const detail::ReduceLayout L = detail::planReduction(input, mask);
      if constexpr (std::is_same_v<T, float>) {
        if (L.inner == 1 && L.inReduce == 1 && L.reduce > 0) {  // contiguous rows: SSE2 path
          const float* in = input.data<float>();
          parallelFor(0, L.outer, std::max<int64_t>(1, kGrainSize / L.reduce), [&](int64_t b, int64_t e) {
            for (int64_t o = b; o < e; ++o)
              acc[o * L.outOuter] = detail::rowExtremeFloat<kMax>(in + o * L.inOuter, L.reduce);
          });
          return writeResult<T>(acc, shape, self.dtype(), [](M a) { return a; });
        }
      }
      detail::laneReduce(
          L, input.data<T>(), static_cast<const M*>(nullptr), acc.data(), [](T x, M) { return castTo<M>(x); },
          [](M a, M b) { return extremeOf<kMax>(a, b); }, extremeIdentity<kMax, M>());
    }
    return writeResult<T>(acc, shape, self.dtype(), [](M a) { return a; });
  });
}

template <bool kMax>
std::tuple<Tensor, Tensor> extremeWithIndices(const Tensor& self, int64_t dim, bool keepdim, std::string_view op,
                                              bool wantValues) {
  const int64_t d = detail::wrapDim(dim, self.dim());
  const std::vector<bool> mask = makeDimMask({d}, self.dim());
  if (self.dim() > 0)
    SCONCE_CHECK(ValueError, self.sizes()[d] != 0, "{}(): Expected reduction dim {} to have non-zero size.", op, d);
  const Dims shape = reducedShape(self.sizes(), mask, keepdim);
  return dispatchTypes<kAllTypesAndBool>(self.dtype(), op, [&](auto tag) {
    using T = decltype(tag);
    using R = ExtremeReducer<T, kMax>;
    const auto acc = reduceOver<T>(self, mask, R{});
    Tensor values;
    if (wantValues) values = writeResult<T>(acc, shape, self.dtype(), [](const typename R::Acc& a) { return a.value; });
    Tensor indices = writeResult<int64_t>(acc, shape, ScalarType::Long,
                                          [](const typename R::Acc& a) { return std::max<int64_t>(a.index, 0); });
    return std::tuple<Tensor, Tensor>{values, indices};
  });
}

template <bool kMax>
Tensor argExtreme(const Tensor& self, std::optional<int64_t> dim, bool keepdim, std::string_view op) {
  if (dim) return std::get<1>(extremeWithIndices<kMax>(self, *dim, keepdim, op, false));
  SCONCE_CHECK(ValueError, self.numel() > 0, "{}(): Expected reduction dim to be specified for input.numel() == 0.",
               op);
  // Flat indices count in row-major order: reduce a contiguous 1-d copy.
  Tensor flat = self.isContiguous() ? self : self.contiguous();
  flat = flat.asStrided({flat.numel()}, {1}, flat.storageOffset());
  Tensor index = std::get<1>(extremeWithIndices<kMax>(flat, 0, false, op, false));
  if (keepdim && self.dim() > 0) index = index.asStrided(Dims(self.dim(), 1), Dims(self.dim(), 1), 0);
  return index;
}

template <bool kAny>
Tensor logicalReduce(const Tensor& self, IntArrayRef dim, bool keepdim, std::string_view op) {
  const std::vector<bool> mask = makeDimMask(dim, self.dim());
  const Dims shape = reducedShape(self.sizes(), mask, keepdim);
  const ScalarType outDtype = self.dtype() == ScalarType::Byte ? ScalarType::Byte : ScalarType::Bool;
  return dispatchTypes<kAllTypesAndBool>(self.dtype(), op, [&](auto tag) {
    using T = decltype(tag);
    const auto acc = reduceOver<T>(self, mask, LogicalReducer<T, kAny>{});
    if (outDtype == ScalarType::Byte) return writeResult<uint8_t>(acc, shape, outDtype, [](uint8_t a) { return a; });
    return writeResult<bool>(acc, shape, outDtype, [](uint8_t a) { return a != 0; });
  });
}

Tensor prodImpl(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  const ScalarType outDtype = dtype ? *dtype : isIntegralType(self.dtype(), true) ? ScalarType::Long : self.dtype();
  const Tensor in = to(self, outDtype);
  const std::vector<bool> mask = makeDimMask(dim, in.dim());
  const Dims shape = reducedShape(in.sizes(), mask, keepdim);
  return dispatchTypes<kAllTypesAndComplexAndBool>(outDtype, "prod", [&](auto tag) {
    using T = decltype(tag);
    const auto acc = reduceOver<T>(in, mask, ProdReducer<T>{});
    return writeResult<T>(acc, shape, outDtype, [](auto a) { return a; });
  });
}

}  // namespace

Tensor prod(const Tensor& self, std::optional<ScalarType> dtype) { return prodImpl(self, {}, false, dtype); }
Tensor prod(const Tensor& self, int64_t dim, bool keepdim, std::optional<ScalarType> dtype) {
  return prodImpl(self, {detail::wrapDim(dim, self.dim())}, keepdim, dtype);
}

Tensor amax(const Tensor& self, IntArrayRef dim, bool keepdim) { return extremeValues<true>(self, dim, keepdim, "amax"); }
Tensor amin(const Tensor& self, IntArrayRef dim, bool keepdim) { return extremeValues<false>(self, dim, keepdim, "amin"); }

Tensor max(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.numel() > 0,
               "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
               "reduction dim with the 'dim' argument.");
  return extremeValues<true>(self, {}, false, "max");
}
Tensor min(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.numel() > 0,
               "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
               "reduction dim with the 'dim' argument.");
  return extremeValues<false>(self, {}, false, "min");
}
std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim) {
  return extremeWithIndices<true>(self, dim, keepdim, "max", true);
}
std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim) {
  return extremeWithIndices<false>(self, dim, keepdim, "min", true);
}

Tensor argmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return argExtreme<true>(self, dim, keepdim, "argmax");
}
Tensor argmin(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  return argExtreme<false>(self, dim, keepdim, "argmin");
}

Tensor any(const Tensor& self) { return logicalReduce<true>(self, {}, false, "any"); }
Tensor any(const Tensor& self, int64_t dim, bool keepdim) {
  return logicalReduce<true>(self, {detail::wrapDim(dim, self.dim())}, keepdim, "any");
}
Tensor all(const Tensor& self) { return logicalReduce<false>(self, {}, false, "all"); }
Tensor all(const Tensor& self, int64_t dim, bool keepdim) {
  return logicalReduce<false>(self, {detail::wrapDim(dim, self.dim())}, keepdim, "all");
}

}  // namespace sconce::ops
