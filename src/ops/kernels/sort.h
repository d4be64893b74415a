// Order-based ops: sort/argsort, topk, kthvalue, unique (+ consecutive, by dim),
// searchsorted/bucketize and bincount.
//
// Which of several equal elements comes first is observable (indices of ties, the
// order of unsorted unique values), and PyTorch's CPU kernels leave it to specific
// algorithms: std::sort vs std::stable_sort, nth_element + partial sorts for topk, a
// median-of-three quickselect for kthvalue, a hash set for unique. These kernels run
// the same algorithms from the same standard library, with PyTorch's NaN-aware
// comparators (NaN sorts above every number), so ties resolve identically.
#pragma once

#include <optional>
#include <string_view>
#include <tuple>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// aten::sort / sort.stable: (values, indices) along dim; stable defaults to false
/// (std::sort, PyTorch's default). Outputs keep self's dense layout.
std::tuple<Tensor, Tensor> sort(const Tensor& self, int64_t dim = -1, bool descending = false);
std::tuple<Tensor, Tensor> sort(const Tensor& self, std::optional<bool> stable, int64_t dim = -1,
                                bool descending = false);
/// aten::argsort / argsort.stable.
Tensor argsort(const Tensor& self, int64_t dim = -1, bool descending = false);
Tensor argsort(const Tensor& self, bool stable, int64_t dim = -1, bool descending = false);
/// aten::msort: sort along dim 0, values only.
Tensor msort(const Tensor& self);
/// aten::topk: the k largest (smallest) along dim; sorted orders them.
std::tuple<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim = -1, bool largest = true,
                                bool sorted = true);
/// aten::kthvalue: the k-th smallest (1-based) along dim and its index.
std::tuple<Tensor, Tensor> kthvalue(const Tensor& self, int64_t k, int64_t dim = -1, bool keepdim = false);

/// aten::_unique2: (values, inverse, counts) of the flattened input. inverse has self's
/// shape when return_inverse or return_counts, counts when return_counts; otherwise
/// they are empty [0] tensors (as PyTorch returns them).
std::tuple<Tensor, Tensor, Tensor> _unique2(const Tensor& self, bool sorted = true,
                                            bool returnInverse = false, bool returnCounts = false);
/// aten::_unique: (values, inverse).
std::tuple<Tensor, Tensor> _unique(const Tensor& self, bool sorted = true, bool returnInverse = false);
/// aten::unique_dim: unique slices along dim (sorted lexicographically).
std::tuple<Tensor, Tensor, Tensor> unique_dim(const Tensor& self, int64_t dim, bool sorted = true,
                                              bool returnInverse = false, bool returnCounts = false);
/// aten::unique_consecutive: collapses runs of equal values (of slices along dim).
std::tuple<Tensor, Tensor, Tensor> unique_consecutive(const Tensor& self, bool returnInverse = false,
                                                      bool returnCounts = false,
                                                      std::optional<int64_t> dim = std::nullopt);

/// aten::searchsorted.Tensor: insertion points of self's values in the innermost dim of
/// sorted_sequence (1-d, or matching self's leading dims); side "right"/right=true
/// puts equal values after. int64 result (int32 with out_int32).
Tensor searchsorted(const Tensor& sortedSequence, const Tensor& self, bool outInt32 = false,
                    bool right = false, std::optional<std::string_view> side = std::nullopt,
                    const std::optional<Tensor>& sorter = std::nullopt);
/// aten::searchsorted.Scalar: a 0-d result.
Tensor searchsorted(const Tensor& sortedSequence, const Scalar& self, bool outInt32 = false,
                    bool right = false, std::optional<std::string_view> side = std::nullopt,
                    const std::optional<Tensor>& sorter = std::nullopt);
/// aten::bucketize.Tensor / bucketize.Scalar: searchsorted with 1-d boundaries.
Tensor bucketize(const Tensor& self, const Tensor& boundaries, bool outInt32 = false, bool right = false);
Tensor bucketize(const Scalar& self, const Tensor& boundaries, bool outInt32 = false, bool right = false);
/// aten::bincount: counts of each non-negative int in the 1-d self (int64), or sums of
/// weights (float32 weights give float32, others float64).
Tensor bincount(const Tensor& self, const std::optional<Tensor>& weights = std::nullopt,
                int64_t minlength = 0);

}  // namespace sconce::ops
