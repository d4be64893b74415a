// Boxes the indexing ops (indexing.h): index_select/gather/scatter, advanced indexing
// (index.Tensor, index_put_), masked ops, take/put, nonzero, index_add/fill/copy,
// embedding and one_hot.
#include "ops/kernels/indexing.h"
#include "ops/kernels/register_tensor_kernels.h"

namespace sconce::ops {
namespace {

using T = const Tensor&;

/// The `Tensor[] indices` "hacked twin" overloads: every entry is a tensor.
IndexList toIndexList(const std::vector<Tensor>& tensors) { return IndexList(tensors.begin(), tensors.end()); }

void registerScatterGather(OperatorRegistry& r) {
  r.registerKernel("aten::index_select", boxed<index_select>);
  r.registerKernel("aten::gather", boxed<gather>);
  r.registerKernel("aten::scatter.src", boxed<static_cast<Tensor (*)(T, int64_t, T, T)>(&scatter)>);
  r.registerKernel("aten::scatter.value", boxed<static_cast<Tensor (*)(T, int64_t, T, const Scalar&)>(&scatter)>);
  r.registerKernel("aten::scatter.reduce", boxed<[](T self, int64_t dim, T index, T src, std::string reduce) {
                     return scatter(self, dim, index, src, reduce);
                   }>);
  r.registerKernel("aten::scatter.value_reduce",
                   boxed<[](T self, int64_t dim, T index, const Scalar& value, std::string reduce) {
                     return scatter(self, dim, index, value, reduce);
                   }>);
  r.registerKernel("aten::scatter_.src", boxed<static_cast<T (*)(T, int64_t, T, T)>(&scatter_)>);
  r.registerKernel("aten::scatter_.value", boxed<static_cast<T (*)(T, int64_t, T, const Scalar&)>(&scatter_)>);
  r.registerKernel("aten::scatter_.reduce", boxed<[](T self, int64_t dim, T index, T src, std::string reduce) {
                     return scatter_(self, dim, index, src, reduce);
                   }>);
  r.registerKernel("aten::scatter_.value_reduce",
                   boxed<[](T self, int64_t dim, T index, const Scalar& value, std::string reduce) {
                     return scatter_(self, dim, index, value, reduce);
                   }>);
  r.registerKernel("aten::scatter_add", boxed<scatter_add>);
  r.registerKernel("aten::scatter_add_", boxed<scatter_add_>);
  r.registerKernel("aten::scatter_reduce.two",
                   boxed<[](T self, int64_t dim, T index, T src, std::string reduce, bool includeSelf) {
                     return scatter_reduce(self, dim, index, src, reduce, includeSelf);
                   }>);
  r.registerKernel("aten::scatter_reduce_.two",
                   boxed<[](T self, int64_t dim, T index, T src, std::string reduce, bool includeSelf) {
                     return scatter_reduce_(self, dim, index, src, reduce, includeSelf);
                   }>);
}

void registerAdvancedIndexing(OperatorRegistry& r) {
  r.registerKernel("aten::index.Tensor", boxed<index>);
  r.registerKernel("aten::index.Tensor_hacked_twin",
                   boxed<[](T self, std::vector<Tensor> indices) { return index(self, toIndexList(indices)); }>);
  r.registerKernel("aten::index_put_", boxed<index_put_>);
  r.registerKernel("aten::index_put", boxed<index_put>);
  r.registerKernel("aten::index_put_.hacked_twin",
                   boxed<[](T self, std::vector<Tensor> indices, T values, bool accumulate) {
                     return index_put_(self, toIndexList(indices), values, accumulate);
                   }>);
  r.registerKernel("aten::index_put.hacked_twin",
                   boxed<[](T self, std::vector<Tensor> indices, T values, bool accumulate) {
                     return index_put(self, toIndexList(indices), values, accumulate);
                   }>);
  r.registerKernel("aten::masked_select", boxed<masked_select>);
  r.registerKernel("aten::masked_scatter", boxed<masked_scatter>);
  r.registerKernel("aten::masked_scatter_", boxed<masked_scatter_>);
  r.registerKernel("aten::take", boxed<take>);
  r.registerKernel("aten::put", boxed<put>);
  r.registerKernel("aten::put_", boxed<put_>);
  r.registerKernel("aten::nonzero", boxed<nonzero>);
  r.registerKernel("aten::argwhere", boxed<argwhere>);
  r.registerKernel("aten::nonzero_numpy", boxed<nonzero_numpy>);
}

void registerIndexUpdates(OperatorRegistry& r) {
  r.registerKernel("aten::index_add", boxed<index_add>);
  r.registerKernel("aten::index_add_", boxed<index_add_>);
  r.registerKernel("aten::index_fill.int_Scalar",
                   boxed<static_cast<Tensor (*)(T, int64_t, T, const Scalar&)>(&index_fill)>);
  r.registerKernel("aten::index_fill.int_Tensor", boxed<static_cast<Tensor (*)(T, int64_t, T, T)>(&index_fill)>);
  r.registerKernel("aten::index_fill_.int_Scalar",
                   boxed<static_cast<T (*)(T, int64_t, T, const Scalar&)>(&index_fill_)>);
  r.registerKernel("aten::index_fill_.int_Tensor", boxed<static_cast<T (*)(T, int64_t, T, T)>(&index_fill_)>);
  r.registerKernel("aten::index_copy", boxed<index_copy>);
  r.registerKernel("aten::index_copy_", boxed<index_copy_>);
  r.registerKernel("aten::embedding", boxed<embedding>);
  r.registerKernel("aten::one_hot", boxed<one_hot>);
}

}  // namespace

void registerIndexingOpKernels(OperatorRegistry& r) {
  registerScatterGather(r);
  registerAdvancedIndexing(r);
  registerIndexUpdates(r);
}

}  // namespace sconce::ops
