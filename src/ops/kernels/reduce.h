// Reductions, scans and softmax: sum/mean/prod, min/max families, any/all, var/std,
// norms, logsumexp, cumsum/cumprod, softmax/log_softmax.
//
// Plain C++ functions mirroring the aten schemas named in each contract. `dim` lists
// accept negative dims; an empty list means every dim (PyTorch 1.13's behaviour for
// sum/mean/var/amax...); `keepdim` keeps reduced dims as size 1. Floating sums use
// pairwise (cascade) summation, so accuracy does not decay with length; work is split
// over threads along the outer dims, or in fixed-size chunks of a single long
// reduction so results do not depend on the thread count. Complex dtypes are not
// supported.
#pragma once

#include <optional>
#include <tuple>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// aten::sum(Tensor self, *, ScalarType? dtype=None): integral and bool inputs sum to
/// int64 unless dtype is given; with dtype, self is converted first.
Tensor sum(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
/// aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)
Tensor sum(const Tensor& self, IntArrayRef dim, bool keepdim = false,
           std::optional<ScalarType> dtype = std::nullopt);

/// aten::mean / mean.dim: floating (or dtype-converted) inputs only, as PyTorch
/// ("mean(): could not infer output dtype..."). Empty reductions give NaN.
Tensor mean(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor mean(const Tensor& self, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);

/// aten::prod / prod.dim_int: integral and bool inputs give int64.
Tensor prod(const Tensor& self, std::optional<ScalarType> dtype = std::nullopt);
Tensor prod(const Tensor& self, int64_t dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);

/// aten::amax / amin(Tensor self, int[1] dim=[], bool keepdim=False): NaN-propagating
/// max/min over dims; reducing an empty dim throws.
Tensor amax(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);
Tensor amin(const Tensor& self, IntArrayRef dim = {}, bool keepdim = false);

/// aten::max / min(Tensor self): the NaN-propagating extreme of all elements; throws on
/// empty tensors.
Tensor max(const Tensor& self);
Tensor min(const Tensor& self);
/// aten::max.dim / min.dim(Tensor self, int dim, bool keepdim=False) -> (values, indices):
/// indices (int64) of the first extreme along dim (the first NaN, if any).
std::tuple<Tensor, Tensor> max(const Tensor& self, int64_t dim, bool keepdim = false);
std::tuple<Tensor, Tensor> min(const Tensor& self, int64_t dim, bool keepdim = false);

/// aten::argmax / argmin(Tensor self, int? dim=None, bool keepdim=False): first index of
/// the extreme; without dim, into the flattened tensor.
Tensor argmax(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);
Tensor argmin(const Tensor& self, std::optional<int64_t> dim = std::nullopt, bool keepdim = false);

/// aten::any / all (full and .dim): bool result (uint8 for uint8 input, as PyTorch).
Tensor any(const Tensor& self);
Tensor any(const Tensor& self, int64_t dim, bool keepdim = false);
Tensor all(const Tensor& self);
Tensor all(const Tensor& self, int64_t dim, bool keepdim = false);

/// aten::var.correction(Tensor self, int[1]? dim, *, int? correction, bool keepdim=False):
/// sum((x - mean)^2) / (N - correction), correction defaulting to 1; nullopt dim = all.
/// Floating dtypes only. N - correction <= 0 gives inf/NaN as PyTorch.
Tensor var(const Tensor& self, std::optional<IntArrayRef> dim, std::optional<int64_t> correction,
           bool keepdim = false);
/// aten::var(Tensor self, bool unbiased=True) and var.dim(self, int[1]? dim, bool unbiased=True,
/// bool keepdim=False).
Tensor var(const Tensor& self, bool unbiased = true);
Tensor var(const Tensor& self, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// aten::std variants: sqrt of var.
Tensor std(const Tensor& self, std::optional<IntArrayRef> dim, std::optional<int64_t> correction,
           bool keepdim = false);
Tensor std(const Tensor& self, bool unbiased = true);
Tensor std(const Tensor& self, IntArrayRef dim, bool unbiased = true, bool keepdim = false);
/// aten::var_mean / std_mean.correction -> (var or std, mean).
std::tuple<Tensor, Tensor> var_mean(const Tensor& self, std::optional<IntArrayRef> dim,
                                    std::optional<int64_t> correction, bool keepdim = false);
std::tuple<Tensor, Tensor> std_mean(const Tensor& self, std::optional<IntArrayRef> dim,
                                    std::optional<int64_t> correction, bool keepdim = false);

/// aten::linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False,
/// *, ScalarType? dtype=None): ord 2, 1, inf, -inf, 0 or any p. Floating dtypes only.
Tensor linalg_vector_norm(const Tensor& self, const Scalar& ord = 2,
                          std::optional<IntArrayRef> dim = std::nullopt, bool keepdim = false,
                          std::optional<ScalarType> dtype = std::nullopt);
/// aten::norm.Scalar(Tensor self, Scalar p=2) and norm.ScalarOpt_dim(Tensor self, Scalar? p,
/// int[1] dim, bool keepdim=False) (+ the _dtype overload): a vector norm over dim (None
/// p = 2). Floating dtypes only.
Tensor norm(const Tensor& self, const Scalar& p = 2);
Tensor norm(const Tensor& self, const std::optional<Scalar>& p, IntArrayRef dim, bool keepdim = false,
            std::optional<ScalarType> dtype = std::nullopt);
/// aten::frobenius_norm(Tensor self, int[1] dim, bool keepdim=False): sqrt of the sum of
/// squares over dim (at most two dims, as PyTorch).
Tensor frobenius_norm(const Tensor& self, IntArrayRef dim, bool keepdim = false);

/// aten::logsumexp(Tensor self, int[1] dim, bool keepdim=False): log(sum(exp(self))),
/// computed stably around the max; integral inputs give float32.
Tensor logsumexp(const Tensor& self, IntArrayRef dim, bool keepdim = false);

/// aten::cumsum / cumprod(Tensor self, int dim, *, ScalarType? dtype=None): inclusive scans
/// along dim; integral and bool inputs give int64 unless dtype is given.
Tensor cumsum(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
const Tensor& cumsum_(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

/// aten::softmax.int / log_softmax.int(Tensor self, int dim, ScalarType? dtype=None):
/// exp(x - max) / sum (or x - max - log(sum)) along dim, self converted to dtype first.
/// Floating dtypes only; a contiguous result.
Tensor softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);
Tensor log_softmax(const Tensor& self, int64_t dim, std::optional<ScalarType> dtype = std::nullopt);

}  // namespace sconce::ops
