// Summation-based reductions: sum, mean, var/std (+ _mean), vector norms, logsumexp.
#include <cmath>
#include <limits>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/reduce_internal.h"

namespace sconce::ops {

using detail::makeDimMask;
using detail::reducedShape;

namespace {

/// The accumulator type of sums: float for Half/BFloat16/float, double, the complex type
/// itself, int64 for integers.
template <class T>
using SumAcc = std::conditional_t<kIsFloat<T> || kIsComplex<T>, OpMath<T>, int64_t>;

int64_t reducedCount(const Tensor& self, const std::vector<bool>& mask) {
  int64_t n = 1;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (mask[d]) n *= self.sizes()[d];
  return n;
}

/// result[i] = sum over the masked dims of map(x, centers[i]), laid out like the contiguous
/// output of the reduction (keepdim does not change it).
template <class T, class Acc, class Map>
std::vector<Acc> sumOver(const Tensor& in, const std::vector<bool>& mask, const Acc* centers, const Map& map) {
  std::vector<Acc> result(checkedNumel(reducedShape(in.sizes(), mask, false)), Acc(0));
  if (in.numel() == 0) return result;
  Tensor input = in;
  const detail::ReduceLayout L = detail::planReduction(input, mask);
  detail::sumReduce(L, input.data<T>(), centers, result.data(), map);
  return result;
}

/// Writes finalize(acc[i]) into a new contiguous tensor of `shape` and `dtype` (storage T).
template <class T, class Acc, class Fin>
Tensor writeResult(const std::vector<Acc>& acc, const Dims& shape, ScalarType dtype, const Fin& finalize) {
  Tensor out = Tensor::empty(shape, dtype);
  T* o = out.data<T>();
  for (size_t i = 0; i < acc.size(); ++i) o[i] = castTo<T>(finalize(acc[i]));
  return out;
}

ScalarType sumDtype(const Tensor& self, std::optional<ScalarType> dtype) {
  if (dtype) return *dtype;
  return isIntegralType(self.dtype(), true) ? ScalarType::Long : self.dtype();
}

Tensor sumImpl(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype, bool isMean) {
  const ScalarType outDtype = sumDtype(self, dtype);
  if (isMean)
    SCONCE_CHECK(ValueError, isFloatingType(outDtype) || isComplexType(outDtype),
                 "mean(): could not infer output dtype. {} dtype must be either a floating point or "
                 "complex dtype. Got: {}",
                 dtype ? "Optional" : "Input", scalarTypeShortName(dtype ? *dtype : self.dtype()));
  const Tensor in = to(self, outDtype);
  const std::vector<bool> mask = makeDimMask(dim, self.dim());
  const Dims shape = reducedShape(self.sizes(), mask, keepdim);
  const double count = static_cast<double>(reducedCount(self, mask));
  return dispatchTypes<kAllTypesAndComplexAndBool>(outDtype, isMean ? "mean" : "sum", [&](auto tag) {
    using T = decltype(tag);
    using Acc = SumAcc<T>;
    const auto acc = sumOver<T, Acc>(in, mask, nullptr, [](T x, Acc) { return castTo<Acc>(x); });
    if constexpr (kIsFloat<T> || kIsComplex<T>) {
      if (isMean) return writeResult<T>(acc, shape, outDtype, [count](Acc s) { return s / static_cast<Acc>(count); });
    }
    return writeResult<T>(acc, shape, outDtype, [](Acc s) { return s; });
  });
}

// --- var / std ---------------------------------------------------------------------

struct Moments {
  Tensor var;  // or std
  Tensor mean;
};

Moments varMeanImpl(const Tensor& self, std::optional<IntArrayRef> dim, std::optional<int64_t> correction,
                    bool keepdim, bool takeSqrt, bool wantMean) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()),
               "std and var only support floating point and complex dtypes");
  const std::vector<bool> mask = makeDimMask(dim ? *dim : IntArrayRef(), self.dim());
  const Dims shape = reducedShape(self.sizes(), mask, keepdim);
  const double n = static_cast<double>(reducedCount(self, mask));
  const double divisor = std::max(0.0, n - static_cast<double>(correction.value_or(1)));
  return dispatchTypes<kFloatingTypes>(self.dtype(), "var", [&](auto tag) {
    using T = decltype(tag);
    using Acc = double;  // two passes in double: exact enough for any mean/spread ratio
    std::vector<Acc> mean = sumOver<T, Acc>(self, mask, nullptr, [](T x, Acc) { return castTo<Acc>(x); });
    for (Acc& m : mean) m /= n;
    const auto m2 = sumOver<T, Acc>(self, mask, mean.data(), [](T x, Acc c) {
      const Acc d = castTo<Acc>(x) - c;
      return d * d;
    });
    Moments r;
    r.var = writeResult<T>(m2, shape, self.dtype(), [divisor, takeSqrt](Acc s) {
      const Acc v = s / divisor;
      return takeSqrt ? std::sqrt(v) : v;
    });
    if (wantMean) r.mean = writeResult<T>(mean, shape, self.dtype(), [](Acc s) { return s; });
    return r;
  });
}

int64_t unbiasedCorrection(bool unbiased) { return unbiased ? 1 : 0; }

// --- norms -------------------------------------------------------------------------

Tensor vectorNormImpl(const Tensor& self, double ord, IntArrayRef dim, bool keepdim,
                      std::optional<ScalarType> dtype) {
  const Tensor in = dtype ? to(self, *dtype) : self;
  const std::vector<bool> mask = makeDimMask(dim, in.dim());
  const Dims shape = reducedShape(in.sizes(), mask, keepdim);
  if (std::isinf(ord)) {
    SCONCE_CHECK(ValueError, in.numel() > 0 || reducedCount(in, mask) > 0,
                 "linalg.vector_norm cannot compute the {} norm on an empty tensor because the "
                 "operation does not have an identity",
                 ord > 0 ? "inf" : "-inf");
    return ord > 0 ? amax(abs(in), dim, keepdim) : amin(abs(in), dim, keepdim);
  }
  return dispatchTypes<kFloatingTypes>(in.dtype(), "linalg_vector_norm", [&](auto tag) {
    using T = decltype(tag);
    using Acc = OpMath<T>;
    if (ord == 2.0) {
      const auto acc = sumOver<T, Acc>(in, mask, nullptr, [](T x, Acc) {
        const Acc v = castTo<Acc>(x);
        return v * v;
      });
      return writeResult<T>(acc, shape, in.dtype(), [](Acc s) { return std::sqrt(s); });
    }
    if (ord == 1.0) {
      const auto acc = sumOver<T, Acc>(in, mask, nullptr, [](T x, Acc) { return std::abs(castTo<Acc>(x)); });
      return writeResult<T>(acc, shape, in.dtype(), [](Acc s) { return s; });
    }
    if (ord == 0.0) {
      const auto acc = sumOver<T, Acc>(in, mask, nullptr, [](T x, Acc) { return Acc(castTo<Acc>(x) != Acc(0)); });
      return writeResult<T>(acc, shape, in.dtype(), [](Acc s) { return s; });
    }
    const Acc p = static_cast<Acc>(ord);
    const auto acc = sumOver<T, Acc>(in, mask, nullptr, [p](T x, Acc) { return std::pow(std::abs(castTo<Acc>(x)), p); });
    return writeResult<T>(acc, shape, in.dtype(), [p](Acc s) { return std::pow(s, Acc(1) / p); });
  });
}

double normOrder(const Scalar& p) { return p.toDouble(); }

}  // namespace

Tensor sum(const Tensor& self, std::optional<ScalarType> dtype) { return sumImpl(self, {}, false, dtype, false); }
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return sumImpl(self, dim, keepdim, dtype, false);
}
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype) { return sumImpl(self, {}, false, dtype, true); }
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim, std::optional<ScalarType> dtype) {
  return sumImpl(self, dim, keepdim, dtype, true);
}

Tensor var(const Tensor& self, std::optional<IntArrayRef> dim, std::optional<int64_t> correction, bool keepdim) {
  return varMeanImpl(self, dim, correction, keepdim, false, false).var;
}
Tensor var(const Tensor& self, bool unbiased) {
  return varMeanImpl(self, std::nullopt, unbiasedCorrection(unbiased), false, false, false).var;
}
Tensor var(const Tensor& self, IntArrayRef dim, bool unbiased, bool keepdim) {
  return varMeanImpl(self, dim, unbiasedCorrection(unbiased), keepdim, false, false).var;
}
Tensor std(const Tensor& self, std::optional<IntArrayRef> dim, std::optional<int64_t> correction, bool keepdim) {
  return varMeanImpl(self, dim, correction, keepdim, true, false).var;
}
Tensor std(const Tensor& self, bool unbiased) {
  return varMeanImpl(self, std::nullopt, unbiasedCorrection(unbiased), false, true, false).var;
}
Tensor std(const Tensor& self, IntArrayRef dim, bool unbiased, bool keepdim) {
  return varMeanImpl(self, dim, unbiasedCorrection(unbiased), keepdim, true, false).var;
}
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, std::optional<IntArrayRef> dim,
                                    std::optional<int64_t> correction, bool keepdim) {
  Moments m = varMeanImpl(self, dim, correction, keepdim, false, true);
  return {m.var, m.mean};
}
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, std::optional<IntArrayRef> dim,
                                    std::optional<int64_t> correction, bool keepdim) {
  Moments m = varMeanImpl(self, dim, correction, keepdim, true, true);
  return {m.var, m.mean};
}

Tensor linalg_vector_norm(const Tensor& self, const Scalar& ord, std::optional<IntArrayRef> dim, bool keepdim,
                          std::optional<ScalarType> dtype) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()),
               "linalg.vector_norm: Expected a floating point or complex tensor as input. Got {}",
               scalarTypeShortName(self.dtype()));
  return vectorNormImpl(self, normOrder(ord), dim ? *dim : IntArrayRef(), keepdim, dtype);
}

Tensor norm(const Tensor& self, const Scalar& p) { return norm(self, p, {}, false, std::nullopt); }

Tensor norm(const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim,
            std::optional<ScalarType> dtype) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()),
               "norm(): input dtype should be either floating point or complex. Got {} instead.",
               scalarTypeShortName(self.dtype()));
  return vectorNormImpl(self, p ? normOrder(*p) : 2.0, dim, keepdim, dtype);
}

Tensor frobenius_norm(const Tensor& self, IntArrayRef dim, bool keepdim) {
  SCONCE_CHECK(ValueError, dim.size() <= 2, "Expected at most 2 dimensions, but got {} dimensions instead.",
               dim.size());
  return norm(self, Scalar(2.0), dim, keepdim);
}

Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim) {
  const Tensor in = isIntegralType(self.dtype(), true) ? to(self, ScalarType::Float) : self;
  const std::vector<bool> mask = makeDimMask(dim, in.dim());
  const Dims shape = reducedShape(in.sizes(), mask, keepdim);
  return dispatchTypes<kFloatingTypes>(in.dtype(), "logsumexp", [&](auto tag) {
    using T = decltype(tag);
    using Acc = OpMath<T>;
    // Center each sum on its max (0 where the max is infinite, as PyTorch).
    std::vector<Acc> centers(checkedNumel(shape), Acc(0));
    if (in.numel() > 0) {
      const Tensor maxes = amax(in, dim, keepdim);
      const T* m = maxes.data<T>();
      for (size_t i = 0; i < centers.size(); ++i) {
        const Acc v = castTo<Acc>(m[i]);
        centers[i] = std::isinf(v) ? Acc(0) : v;
      }
    }
    const auto acc = sumOver<T, Acc>(in, mask, centers.data(), [](T x, Acc c) { return vec::exp(castTo<Acc>(x) - c); });
    Tensor out = Tensor::empty(shape, in.dtype());
    T* o = out.data<T>();
    for (size_t i = 0; i < acc.size(); ++i) o[i] = castTo<T>(std::log(acc[i]) + centers[i]);
    return out;
  });
}

}  // namespace sconce::ops
