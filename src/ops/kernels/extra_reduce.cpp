// Reductions beyond the core families (reduce_*.cpp): NaN-aware sums and means, order
// statistics (median, nanmedian, mode, quantile), cummax/cummin/logcumsumexp, aminmax,
// count_nonzero, trace, histc, dist and renorm.
//
// The order statistics work on rows: the reduced dim is moved last and the input
// converted to a contiguous double copy; each row yields an index, and the values are
// taken from the input by that index, so they keep its dtype exactly.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// `self` with `dim` moved last, as contiguous double rows.
struct Rows {
  Tensor moved;   // self with dim last, contiguous, original dtype
  Tensor values;  // the same as double
  int64_t outer = 1, n = 1;
  Dims reduced;   // the result shape without the dim
  Dims kept;      // the result shape with the dim as 1
  const double* row(int64_t r) const { return values.data<double>() + r * n; }
};

Rows rowsAlong(const Tensor& self, int64_t dim) {
  Rows rows;
  const Tensor x = self.dim() == 0 ? reshape(self, {1}) : self;
  dim = maybeWrapDim(dim, self.dim());
  rows.moved = contiguous(movedim(x, dim, -1));
  rows.values = to(rows.moved, ScalarType::Double).contiguous();
  rows.n = x.size(dim);
  rows.kept = x.sizes();
  rows.kept[dim] = 1;
  for (int64_t d = 0; d < x.dim(); ++d)
    if (d != dim) rows.reduced.push_back(x.size(d));
  rows.outer = rows.n == 0 ? checkedNumel(rows.reduced) : rows.values.numel() / rows.n;
  if (self.dim() == 0) rows.reduced = rows.kept = {};
  return rows;
}

/// The values at per-row `indices` (int64 [outer]) and the indices, shaped as the result.
std::tuple<Tensor, Tensor> gatherRows(const Rows& rows, const Tensor& indices, bool keepdim) {
  Tensor flat = empty({rows.outer}, ScalarType::Long);
  for (int64_t r = 0; r < rows.outer; ++r) flat.data<int64_t>()[r] = r * rows.n + indices.data<int64_t>()[r];
  Tensor values = take(rows.moved, flat);
  const Dims& shape = keepdim ? rows.kept : rows.reduced;
  return {reshape(values, shape), reshape(indices, shape)};
}

void checkNonEmptyDim(const Rows& rows, std::string_view op, int64_t dim) {
  SCONCE_CHECK(ValueError, rows.n > 0 || rows.outer == 0,
               "{}() Expected reduction dim {} to have non-zero size.", op, dim);
}

// ---- median / nanmedian / mode ------------------------------------------------------------

/// Index of the k-th smallest non-NaN value of row (ignoreNan) or, with a NaN present and
/// !ignoreNan, of the first NaN.
int64_t medianIndex(const double* row, int64_t n, bool ignoreNan) {
  std::vector<int64_t> idx;
  idx.reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (std::isnan(row[i])) {
      if (!ignoreNan) return i;
      continue;
    }
    idx.push_back(i);
  }
  if (idx.empty()) {  // all NaN (nanmedian): the first one
    return 0;
  }
  const size_t k = (idx.size() - 1) / 2;
  std::nth_element(idx.begin(), idx.begin() + k, idx.end(), [&](int64_t a, int64_t b) {
    return row[a] < row[b] || (row[a] == row[b] && a < b);
  });
  return idx[k];
}

std::tuple<Tensor, Tensor> medianDim(const Tensor& self, int64_t dim, bool keepdim, bool ignoreNan) {
  Rows rows = rowsAlong(self, dim);
  checkNonEmptyDim(rows, "median", dim);
  Tensor indices = empty({rows.outer}, ScalarType::Long);
  for (int64_t r = 0; r < rows.outer; ++r) indices.data<int64_t>()[r] = medianIndex(rows.row(r), rows.n, ignoreNan);
  return gatherRows(rows, indices, keepdim);
}

Tensor medianAll(const Tensor& self, bool ignoreNan) {
  if (self.numel() == 0) return full({}, Scalar(kNaN), self.dtype());
  auto [values, indices] = medianDim(reshape(self, {-1}), 0, false, ignoreNan);
  return values;
}

std::tuple<Tensor, Tensor> mode(const Tensor& self, int64_t dim, bool keepdim) {
  Rows rows = rowsAlong(self, dim);
  checkNonEmptyDim(rows, "mode", dim);
  Tensor indices = empty({rows.outer}, ScalarType::Long);
  std::vector<int64_t> idx(rows.n);
  for (int64_t r = 0; r < rows.outer; ++r) {
    const double* row = rows.row(r);
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return row[a] < row[b] || (row[a] == row[b] && a < b); });
    // The most frequent value (the smallest on ties), at its last position.
    int64_t best = 0, bestCount = 0;
    for (int64_t i = 0; i < rows.n;) {
      int64_t j = i;
      while (j + 1 < rows.n && row[idx[j + 1]] == row[idx[i]]) ++j;
      if (j - i + 1 > bestCount) {
        bestCount = j - i + 1;
        best = idx[j];
      }
      i = j + 1;
    }
    indices.data<int64_t>()[r] = best;
  }
  return gatherRows(rows, indices, keepdim);
}

// ---- quantile ----------------------------------------------------------------------------------

Tensor quantile(const Tensor& self, const Tensor& q, std::optional<int64_t> dim, bool keepdim,
                std::string_view interpolation, bool ignoreNan) {
  const char* op = "quantile";  // nanquantile reports as quantile, as PyTorch
  SCONCE_CHECK(ValueError, self.numel() > 0, "{}() input tensor must be non-empty", op);
  SCONCE_CHECK(ValueError, q.dim() <= 1, "{}() q must be a scalar or 1D tensor", op);
  SCONCE_CHECK(ValueError, self.dtype() == ScalarType::Float || self.dtype() == ScalarType::Double,
               "{}() input tensor must be either float or double dtype", op);
  SCONCE_CHECK(ValueError, self.dtype() == q.dtype(), "{}() q tensor must be same dtype as the input tensor", op);
  static const char* kModes[] = {"linear", "lower", "higher", "midpoint", "nearest"};
  SCONCE_CHECK(ValueError, std::find(std::begin(kModes), std::end(kModes), interpolation) != std::end(kModes),
               "{}() interpolation must be one of linear, lower, higher, midpoint or nearest, but got {}", op,
               interpolation);
  const Tensor qd = to(q, ScalarType::Double).contiguous();
  for (int64_t i = 0; i < qd.numel(); ++i)
    SCONCE_CHECK(ValueError, qd.data<double>()[i] >= 0 && qd.data<double>()[i] <= 1,
                 "{}() q values must be in the range [0, 1]", op);
  Rows rows = dim ? rowsAlong(self, *dim) : rowsAlong(reshape(self, {-1}), 0);
  Dims shape = keepdim ? rows.kept : rows.reduced;
  if (!dim && keepdim) shape = Dims(self.dim(), 1);
  const int64_t nq = qd.numel();
  Tensor out = empty({nq, rows.outer}, ScalarType::Double);
  std::vector<double> sorted(rows.n);
  for (int64_t r = 0; r < rows.outer; ++r) {
    const double* row = rows.row(r);
    sorted.assign(row, row + rows.n);
    std::sort(sorted.begin(), sorted.end(), [](double a, double b) { return std::isnan(b) ? !std::isnan(a) : a < b; });
    int64_t valid = 0;
    while (valid < rows.n && !std::isnan(sorted[valid])) ++valid;
    for (int64_t k = 0; k < nq; ++k) {
      double& o = out.data<double>()[k * rows.outer + r];
      if ((!ignoreNan && valid < rows.n) || valid == 0) {
        o = kNaN;
        continue;
      }
      const double rank = qd.data<double>()[k] * static_cast<double>(valid - 1);
      const double lo = std::floor(rank), hi = std::ceil(rank);
      const double a = sorted[static_cast<int64_t>(lo)], b = sorted[static_cast<int64_t>(hi)];
      if (interpolation == "lower") o = a;
      else if (interpolation == "higher") o = b;
      else if (interpolation == "nearest") o = sorted[static_cast<int64_t>(std::nearbyint(rank))];
      else if (interpolation == "midpoint") o = a + (b - a) * 0.5;
      else {
        const double w = rank - lo;
        o = w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
      }
    }
  }
  Dims outShape = shape;
  if (q.dim() == 1) outShape.insert(outShape.begin(), nq);
  return reshape(to(out, self.dtype()), outShape);
}

// ---- scans -----------------------------------------------------------------------------------

std::tuple<Tensor, Tensor> cumExtreme(const Tensor& self, int64_t dim, bool isMax) {
  if (self.numel() == 0) return {empty_like(self), empty(self.sizes(), ScalarType::Long)};
  Rows rows = rowsAlong(self, dim);
  Tensor idx = empty({rows.outer, rows.n}, ScalarType::Long);
  for (int64_t r = 0; r < rows.outer; ++r) {
    const double* row = rows.row(r);
    int64_t* o = idx.data<int64_t>() + r * rows.n;
    double best = row[0];
    int64_t bi = 0;
    for (int64_t i = 0; i < rows.n; ++i) {
      const double x = row[i];
      if (std::isnan(x) || (!std::isnan(best) && (isMax ? x >= best : x <= best))) {
        best = x;
        bi = i;
      }
      o[i] = bi;
    }
  }
  Tensor flat = add(idx, mul(reshape(arange(Scalar(rows.outer), ScalarType::Long), {rows.outer, 1}), Scalar(rows.n)));
  Tensor values = take(rows.moved, flat);
  const int64_t d = maybeWrapDim(dim, self.dim());
  Dims movedShape = rows.moved.sizes();
  auto back = [&](const Tensor& t) {
    Tensor v = reshape(t, movedShape);
    return self.dim() == 0 ? reshape(v, {}) : contiguous(movedim(v, -1, d));
  };
  return {back(values), back(idx)};
}

Tensor logcumsumexp(const Tensor& self, int64_t dim) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()), "\"logcumsumexp_out_cpu\" not implemented for '{}'",
               scalarTypeName(self.dtype()));
  if (self.numel() == 0) return empty_like(self);
  Rows rows = rowsAlong(self, dim);
  Tensor out = empty({rows.outer, rows.n}, ScalarType::Double);
  for (int64_t r = 0; r < rows.outer; ++r) {
    const double* row = rows.row(r);
    double* o = out.data<double>() + r * rows.n;
    double acc = -std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < rows.n; ++i) {
      const double x = row[i];
      const double m = std::max(acc, x);
      if (std::isnan(x) || std::isnan(acc)) acc = kNaN;
      else if (std::isinf(m) && acc == x) acc = m;
      else acc = m + std::log1p(std::exp(-std::fabs(acc - x)));
      o[i] = acc;
    }
  }
  Tensor v = reshape(to(out, self.dtype()), rows.moved.sizes());
  return self.dim() == 0 ? reshape(v, {}) : contiguous(movedim(v, -1, maybeWrapDim(dim, self.dim())));
}

// ---- NaN-aware sums ------------------------------------------------------------------------------

Dims dimsOrAll(const std::optional<std::vector<int64_t>>& dim) { return dim ? Dims(dim->begin(), dim->end()) : Dims{}; }

Tensor nansum(const Tensor& self, const std::optional<std::vector<int64_t>>& dim, bool keepdim,
              std::optional<ScalarType> dtype) {
  const Tensor x = isFloatingType(self.dtype()) ? where(isnan(self), Scalar(0.0), self) : self;
  return sum(x, dimsOrAll(dim), keepdim, dtype);
}

Tensor nanmean(const Tensor& self, const std::optional<std::vector<int64_t>>& dim, bool keepdim,
               std::optional<ScalarType> dtype) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()),
               "nanmean(): expected input to have floating point dtype but got {}", scalarTypeName(self.dtype()));
  const Tensor count = sum(logical_not(isnan(self)), dimsOrAll(dim), keepdim);
  return div(nansum(self, dim, keepdim, dtype), count);
}

Tensor count_nonzero(const Tensor& self, const std::vector<int64_t>& dim) {
  return sum(ne(self, Scalar(0)), Dims(dim.begin(), dim.end()), false, ScalarType::Long);
}

// ---- the rest -------------------------------------------------------------------------------------

std::tuple<Tensor, Tensor> aminmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim) {
  if (dim) {
    SCONCE_CHECK(ValueError, self.dim() == 0 || self.size(maybeWrapDim(*dim, self.dim())) > 0,
                 "aminmax: Expected reduction dim {} to have non-zero size.", *dim);
    return {amin(self, {*dim}, keepdim), amax(self, {*dim}, keepdim)};
  }
  SCONCE_CHECK(ValueError, self.numel() > 0,
               "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.");
  Tensor mn = amin(self, {}, keepdim), mx = amax(self, {}, keepdim);
  return {mn, mx};
}

Tensor trace(const Tensor& self) {
  SCONCE_CHECK(ValueError, self.dim() == 2, "trace: expected a matrix, but got tensor with dim {}", self.dim());
  return sum(diagonal(self));
}

Tensor histc(const Tensor& self, int64_t bins, const Scalar& minS, const Scalar& maxS) {
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()), "\"histogram_cpu\" not implemented for '{}'",
               scalarTypeName(self.dtype()));
  SCONCE_CHECK(ValueError, bins > 0, "torch.histc(): bins must be > 0, but got {} for dimension 0", bins);
  const Tensor x = to(self, ScalarType::Double).contiguous();
  const double* p = x.data<double>();
  double lo = minS.toDouble(), hi = maxS.toDouble();
  if (lo == hi && x.numel() > 0) {
    lo = *std::min_element(p, p + x.numel());
    hi = *std::max_element(p, p + x.numel());
  }
  if (lo == hi) {
    lo -= 1;
    hi += 1;
  }
  SCONCE_CHECK(ValueError, !(std::isinf(lo) || std::isinf(hi) || std::isnan(lo) || std::isnan(hi)),
               "torch.histc(): range of [{}, {}] is not finite", lo, hi);
  SCONCE_CHECK(ValueError, lo < hi, "torch.histc(): max must be larger than min");
  Tensor hist = zeros({bins}, ScalarType::Double);
  double* h = hist.data<double>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const double v = p[i];
    if (!(v >= lo && v <= hi)) continue;
    int64_t b = static_cast<int64_t>((v - lo) * static_cast<double>(bins) / (hi - lo));
    if (b >= bins) b = bins - 1;
    h[b] += 1;
  }
  return to(hist, self.dtype());
}

Tensor dist(const Tensor& self, const Tensor& other, const Scalar& p) { return norm(sub(self, other), p); }

Tensor renorm(const Tensor& self, const Scalar& p, int64_t dim, const Scalar& maxnorm) {
  SCONCE_CHECK(ValueError, !p.isComplex() && p.toDouble() > 0, "renorm: non-positive-norm not supported");
  SCONCE_CHECK(ValueError, maxnorm.toDouble() >= 0, "renorm: expected maxnorm to be >= 0 but got {}",
               maxnorm.toDouble());
  SCONCE_CHECK(ValueError, self.dim() > 1, "renorm: input needs at least 2 dimensions, got {} dimensions",
               self.dim());
  SCONCE_CHECK(ValueError, isFloatingType(self.dtype()), "\"renorm_out\" not implemented for '{}'",
               scalarTypeName(self.dtype()));
  dim = maybeWrapDim(dim, self.dim());
  Dims reduceDims;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (d != dim) reduceDims.push_back(d);
  const Tensor norms = linalg_vector_norm(self, p, IntArrayRef(reduceDims), true);
  const double mx = maxnorm.toDouble();
  const Tensor factor = where(gt(norms, Scalar(mx)), div(full({}, Scalar(mx), norms.dtype()), add(norms, Scalar(1e-7))),
                              full({}, Scalar(1.0), norms.dtype()));
  return mul(self, factor);
}

const Tensor& intoOut(const Tensor& out, const Tensor& result) {
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

std::tuple<Tensor, Tensor> intoOut2(const Tensor& a, const Tensor& b, const std::tuple<Tensor, Tensor>& r) {
  intoOut(a, std::get<0>(r));
  intoOut(b, std::get<1>(r));
  return {a, b};
}

}  // namespace

void registerExtraReduceKernels(OperatorRegistry& r) {
  r.registerKernel("aten::median", boxed<[](const Tensor& self) { return medianAll(self, false); }>);
  r.registerKernel("aten::nanmedian", boxed<[](const Tensor& self) { return medianAll(self, true); }>);
  r.registerKernel("aten::median.dim", boxed<[](const Tensor& self, int64_t dim, bool keepdim) {
                     return medianDim(self, dim, keepdim, false);
                   }>);
  r.registerKernel("aten::nanmedian.dim", boxed<[](const Tensor& self, int64_t dim, bool keepdim) {
                     return medianDim(self, dim, keepdim, true);
                   }>);
  r.registerKernel("aten::median.dim_values",
                   boxed<[](const Tensor& self, int64_t dim, bool keepdim, const Tensor& v, const Tensor& i) {
                     return intoOut2(v, i, medianDim(self, dim, keepdim, false));
                   }>);
  r.registerKernel("aten::nanmedian.dim_values",
                   boxed<[](const Tensor& self, int64_t dim, bool keepdim, const Tensor& v, const Tensor& i) {
                     return intoOut2(v, i, medianDim(self, dim, keepdim, true));
                   }>);
  r.registerKernel("aten::mode", boxed<mode>);
  r.registerKernel("aten::mode.values",
                   boxed<[](const Tensor& self, int64_t dim, bool keepdim, const Tensor& v, const Tensor& i) {
                     return intoOut2(v, i, mode(self, dim, keepdim));
                   }>);

  r.registerKernel("aten::quantile", boxed<([](const Tensor& s, const Tensor& q, std::optional<int64_t> d,
                                                              bool k, std::string i) {
                     return quantile(s, q, d, k, i, false);
                   })>);
  r.registerKernel("aten::nanquantile", boxed<([](const Tensor& s, const Tensor& q,
                                                                 std::optional<int64_t> d, bool k, std::string i) {
                     return quantile(s, q, d, k, i, true);
                   })>);
  r.registerKernel("aten::quantile.scalar", boxed<([](const Tensor& s, double q, std::optional<int64_t> d,
                                                                     bool k, std::string i) {
                     return quantile(s, full({}, Scalar(q), s.dtype()), d, k, i, false);
                   })>);
  r.registerKernel("aten::nanquantile.scalar", boxed<([](const Tensor& s, double q,
                                                                        std::optional<int64_t> d, bool k, std::string i) {
                     return quantile(s, full({}, Scalar(q), s.dtype()), d, k, i, true);
                   })>);

  r.registerKernel("aten::cummax", boxed<[](const Tensor& self, int64_t dim) { return cumExtreme(self, dim, true); }>);
  r.registerKernel("aten::cummin", boxed<[](const Tensor& self, int64_t dim) { return cumExtreme(self, dim, false); }>);
  r.registerKernel("aten::cummax.out", boxed<[](const Tensor& self, int64_t dim, const Tensor& v, const Tensor& i) {
                     return intoOut2(v, i, cumExtreme(self, dim, true));
                   }>);
  r.registerKernel("aten::cummin.out", boxed<[](const Tensor& self, int64_t dim, const Tensor& v, const Tensor& i) {
                     return intoOut2(v, i, cumExtreme(self, dim, false));
                   }>);
  r.registerKernel("aten::logcumsumexp", boxed<logcumsumexp>);
  r.registerKernel("aten::logcumsumexp.out", boxed<[](const Tensor& self, int64_t dim, const Tensor& out) {
                     return intoOut(out, logcumsumexp(self, dim));
                   }>);

  r.registerKernel("aten::nansum", boxed<nansum>);
  r.registerKernel("aten::nansum.out", boxed<[](const Tensor& self, std::optional<std::vector<int64_t>> dim, bool keepdim,
                                                std::optional<ScalarType> dtype, const Tensor& out) {
                     return intoOut(out, nansum(self, dim, keepdim, dtype));
                   }>);
  r.registerKernel("aten::nanmean", boxed<nanmean>);
  r.registerKernel("aten::nanmean.out", boxed<[](const Tensor& self, std::optional<std::vector<int64_t>> dim,
                                                 bool keepdim, std::optional<ScalarType> dtype, const Tensor& out) {
                     return intoOut(out, nanmean(self, dim, keepdim, dtype));
                   }>);
  r.registerKernel("aten::count_nonzero.dim_IntList", boxed<count_nonzero>);
  r.registerKernel("aten::count_nonzero", boxed<[](const Tensor& self, std::optional<int64_t> dim) {
                     return dim ? count_nonzero(self, {*dim}) : count_nonzero(self, {});
                   }>);

  r.registerKernel("aten::aminmax", boxed<aminmax>);
  r.registerKernel("aten::aminmax.out", boxed<[](const Tensor& self, std::optional<int64_t> dim, bool keepdim,
                                                 const Tensor& mn, const Tensor& mx) {
                     return intoOut2(mn, mx, aminmax(self, dim, keepdim));
                   }>);
  r.registerKernel("aten::trace", boxed<trace>);
  r.registerKernel("aten::histc", boxed<histc>);
  r.registerKernel("aten::histc.out", boxed<[](const Tensor& self, int64_t bins, const Scalar& mn, const Scalar& mx,
                                               const Tensor& out) { return intoOut(out, histc(self, bins, mn, mx)); }>);
  r.registerKernel("aten::dist", boxed<dist>);
  r.registerKernel("aten::renorm", boxed<renorm>);
  r.registerKernel("aten::renorm_", boxed<[](const Tensor& self, const Scalar& p, int64_t dim, const Scalar& maxnorm) {
                     return copy_(self, renorm(self, p, dim, maxnorm));
                   }>);
  r.registerKernel("aten::renorm.out", boxed<[](const Tensor& self, const Scalar& p, int64_t dim, const Scalar& maxnorm,
                                                const Tensor& out) { return intoOut(out, renorm(self, p, dim, maxnorm)); }>);
  r.registerKernel("aten::median.out", boxed<[](const Tensor& self, const Tensor& out) {
                     return intoOut(out, medianAll(self, false));
                   }>);
  r.registerKernel("aten::nanmedian.out", boxed<[](const Tensor& self, const Tensor& out) {
                     return intoOut(out, medianAll(self, true));
                   }>);
  r.registerKernel("aten::quantile.out", boxed<[](const Tensor& s, const Tensor& q, std::optional<int64_t> d, bool k,
                                                  std::string i, const Tensor& out) {
                     return intoOut(out, quantile(s, q, d, k, i, false));
                   }>);
  r.registerKernel("aten::nanquantile.out", boxed<[](const Tensor& s, const Tensor& q, std::optional<int64_t> d,
                                                     bool k, std::string i, const Tensor& out) {
                     return intoOut(out, quantile(s, q, d, k, i, true));
                   }>);
  r.registerKernel("aten::quantile.scalar_out", boxed<[](const Tensor& s, double q, std::optional<int64_t> d, bool k,
                                                         std::string i, const Tensor& out) {
                     return intoOut(out, quantile(s, full({}, Scalar(q), s.dtype()), d, k, i, false));
                   }>);
  r.registerKernel("aten::nanquantile.scalar_out", boxed<[](const Tensor& s, double q, std::optional<int64_t> d,
                                                            bool k, std::string i, const Tensor& out) {
                     return intoOut(out, quantile(s, full({}, Scalar(q), s.dtype()), d, k, i, true));
                   }>);
  r.registerKernel("aten::count_nonzero.dim_IntList_out",
                   boxed<[](const Tensor& self, std::vector<int64_t> dim, const Tensor& out) {
                     return intoOut(out, count_nonzero(self, dim));
                   }>);
  r.registerKernel("aten::count_nonzero.out", boxed<[](const Tensor& self, std::optional<int64_t> dim, const Tensor& out) {
                     return intoOut(out, dim ? count_nonzero(self, {*dim}) : count_nonzero(self, {}));
                   }>);
}

}  // namespace sconce::ops
