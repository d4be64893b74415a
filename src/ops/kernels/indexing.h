// Indexing ops: index_select, gather/scatter, advanced indexing (index, index_put_),
// masked ops, take/put, nonzero, index_add/fill/copy, embedding and one_hot.
//
// Advanced indexing is where TorchScript programs most often depend on PyTorch's exact
// rules: how bool masks expand, how index tensors broadcast, where the result's
// dimensions go when the indexed dims are not adjacent, which duplicate wins. These
// kernels follow ATen's algorithms (AdvancedIndex, the scatter/gather dim loops) step
// for step, and name their errors as PyTorch does ("index 5 is out of bounds for
// dimension 0 with size 3"). Index tensors are int64 unless a contract says otherwise.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// A `Tensor?[]` index list: nullopt (or an undefined Tensor) stands for a full slice.
using IndexList = std::vector<std::optional<Tensor>>;

/// aten::index_select: `index` is 0-d or 1-d, int64 or int32, non-negative.
Tensor index_select(const Tensor& self, int64_t dim, const Tensor& index);
/// aten::gather: out[i][j] = self[index[i][j]][j] (dim 0); result has index's shape.
Tensor gather(const Tensor& self, int64_t dim, const Tensor& index, bool sparseGrad = false);

/// aten::scatter.src / scatter.value and their reduce forms ("add", "multiply"); the
/// out-of-place forms copy self first. Duplicate indices: the last write wins.
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
               std::string_view reduce);
Tensor scatter(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
               std::string_view reduce);
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                       std::string_view reduce);
const Tensor& scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value,
                       std::string_view reduce);
Tensor scatter_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
const Tensor& scatter_add_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src);
/// aten::scatter_reduce.two: reduce is "sum", "prod", "mean", "amax" or "amin";
/// include_self=false ignores self's values at scattered positions.
Tensor scatter_reduce(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                      std::string_view reduce, bool includeSelf = true);
const Tensor& scatter_reduce_(const Tensor& self, int64_t dim, const Tensor& index,
                              const Tensor& src, std::string_view reduce, bool includeSelf = true);

/// aten::index.Tensor (`self[indices]` with tensors): int64 index tensors broadcast
/// together, bool/uint8 masks expand to their nonzero positions. When the indexed dims
/// are not adjacent the broadcast index dims come first in the result.
Tensor index(const Tensor& self, const IndexList& indices);
/// aten::index_put_ / index_put: writes `values` (broadcast to the indexed shape, same
/// dtype as self) at the indexed positions; accumulate adds, summing duplicates. A
/// single bool mask with a one-element value is a masked_fill_ (any value dtype).
const Tensor& index_put_(const Tensor& self, const IndexList& indices, const Tensor& values,
                         bool accumulate = false);
Tensor index_put(const Tensor& self, const IndexList& indices, const Tensor& values,
                 bool accumulate = false);

/// aten::masked_select: the elements of self where mask is true (both broadcast), 1-d.
Tensor masked_select(const Tensor& self, const Tensor& mask);
/// aten::masked_scatter_: copies consecutive elements of source into self where mask
/// (broadcast to self) is true.
const Tensor& masked_scatter_(const Tensor& self, const Tensor& mask, const Tensor& source);
Tensor masked_scatter(const Tensor& self, const Tensor& mask, const Tensor& source);
/// aten::take: self viewed as 1-d, indexed by `index` (negative counts from the end).
Tensor take(const Tensor& self, const Tensor& index);
/// aten::put_ / put: self viewed as 1-d; self[index[i]] = (or +=) source[i].
const Tensor& put_(const Tensor& self, const Tensor& index, const Tensor& source,
                   bool accumulate = false);
Tensor put(const Tensor& self, const Tensor& index, const Tensor& source, bool accumulate = false);

/// aten::nonzero: [N, self.dim()] int64 coordinates of non-zero elements, row-major.
Tensor nonzero(const Tensor& self);
/// aten::argwhere (same as nonzero).
Tensor argwhere(const Tensor& self);
/// aten::nonzero_numpy / where(condition): one 1-d int64 tensor per dim (columns of
/// nonzero, as views); a 0-d input counts as 1-d.
std::vector<Tensor> nonzero_numpy(const Tensor& self);
std::vector<Tensor> where(const Tensor& condition);

/// aten::index_add_ / index_add: self.select(dim, index[i]) += alpha * source.select(dim, i).
const Tensor& index_add_(const Tensor& self, int64_t dim, const Tensor& index,
                         const Tensor& source, const Scalar& alpha = 1);
Tensor index_add(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source,
                 const Scalar& alpha = 1);
/// aten::index_fill_ / index_fill (Scalar or 0-d Tensor value); negative indices wrap.
const Tensor& index_fill_(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
const Tensor& index_fill_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value);
Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Scalar& value);
Tensor index_fill(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& value);
/// aten::index_copy_ / index_copy: self.select(dim, index[i]) = source.select(dim, i).
const Tensor& index_copy_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source);
Tensor index_copy(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& source);

/// aten::embedding: rows of the 2-d `weight` picked by int64/int32 `indices`;
/// result shape indices.shape + [weight.size(1)]. padding_idx only affects gradients.
Tensor embedding(const Tensor& weight, const Tensor& indices, int64_t paddingIdx = -1,
                 bool scaleGradByFreq = false, bool sparse = false);
/// aten::one_hot: int64 self; num_classes=-1 uses max(self) + 1.
Tensor one_hot(const Tensor& self, int64_t numClasses = -1);

}  // namespace sconce::ops
