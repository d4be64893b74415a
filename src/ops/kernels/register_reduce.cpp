// Boxes the reductions, scans and softmax (reduce.h) with every dim overload, and the
// order-based ops (sort.h): sort/argsort/topk/kthvalue, unique, searchsorted, bincount.
#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/sort.h"

namespace sconce::ops {
namespace {

using OptDims = std::optional<std::vector<int64_t>>;
using OptType = std::optional<ScalarType>;

/// `int[1]? dim`: None reduces every dim, which the typed kernels spell as an empty list.
IntArrayRef allIfNone(const OptDims& dim) { return dim ? IntArrayRef(*dim) : IntArrayRef(); }
std::optional<IntArrayRef> optionalDims(const OptDims& dim) {
  return dim ? std::optional<IntArrayRef>(IntArrayRef(*dim)) : std::nullopt;
}

void registerSums(OperatorRegistry& r) {
  r.registerKernel("aten::sum", boxed<[](const Tensor& self, OptType dtype) { return sum(self, dtype); }>);
  r.registerKernel("aten::sum.dim_IntList", boxed<[](const Tensor& self, OptDims dim, bool keepdim, OptType dtype) {
                     return sum(self, allIfNone(dim), keepdim, dtype);
                   }>);
  r.registerKernel("aten::mean", boxed<[](const Tensor& self, OptType dtype) { return mean(self, dtype); }>);
  r.registerKernel("aten::mean.dim", boxed<[](const Tensor& self, OptDims dim, bool keepdim, OptType dtype) {
                     return mean(self, allIfNone(dim), keepdim, dtype);
                   }>);
  r.registerKernel("aten::prod", boxed<[](const Tensor& self, OptType dtype) { return prod(self, dtype); }>);
  r.registerKernel("aten::prod.dim_int", boxed<[](const Tensor& self, int64_t dim, bool keepdim, OptType dtype) {
                     return prod(self, dim, keepdim, dtype);
                   }>);
  r.registerKernel("aten::logsumexp", boxed<[](const Tensor& self, std::vector<int64_t> dim, bool keepdim) {
                     return logsumexp(self, dim, keepdim);
                   }>);
  r.registerKernel("aten::cumsum", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return cumsum(self, dim, dtype);
                   }>);
  r.registerKernel("aten::cumsum_", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return cumsum_(self, dim, dtype);
                   }>);
  r.registerKernel("aten::cumprod", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return cumprod(self, dim, dtype);
                   }>);
  r.registerKernel("aten::cumprod_", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return copy_(self, cumprod(self, dim, dtype ? dtype : OptType(self.dtype())));
                   }>);
  r.registerKernel("aten::softmax.int", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return softmax(self, dim, dtype);
                   }>);
  r.registerKernel("aten::log_softmax.int", boxed<[](const Tensor& self, int64_t dim, OptType dtype) {
                     return log_softmax(self, dim, dtype);
                   }>);
  r.registerKernel("aten::_softmax", boxed<[](const Tensor& self, int64_t dim, bool halfToFloat) {
                     return softmax(self, dim, halfToFloat ? OptType(ScalarType::Float) : std::nullopt);
                   }>);
  r.registerKernel("aten::_log_softmax", boxed<[](const Tensor& self, int64_t dim, bool halfToFloat) {
                     return log_softmax(self, dim, halfToFloat ? OptType(ScalarType::Float) : std::nullopt);
                   }>);
}

void registerExtremes(OperatorRegistry& r) {
  r.registerKernel("aten::amax", boxed<[](const Tensor& self, std::vector<int64_t> dim, bool keepdim) {
                     return amax(self, dim, keepdim);
                   }>);
  r.registerKernel("aten::amin", boxed<[](const Tensor& self, std::vector<int64_t> dim, bool keepdim) {
                     return amin(self, dim, keepdim);
                   }>);
  r.registerKernel("aten::max", boxed<static_cast<Tensor (*)(const Tensor&)>(&max)>);
  r.registerKernel("aten::min", boxed<static_cast<Tensor (*)(const Tensor&)>(&min)>);
  using DimFn = std::tuple<Tensor, Tensor> (*)(const Tensor&, int64_t, bool);
  r.registerKernel("aten::max.dim", boxed<static_cast<DimFn>(&max)>);
  r.registerKernel("aten::min.dim", boxed<static_cast<DimFn>(&min)>);
  r.registerKernel("aten::argmax", boxed<argmax>);
  r.registerKernel("aten::argmin", boxed<argmin>);
  r.registerKernel("aten::any", boxed<static_cast<Tensor (*)(const Tensor&)>(&any)>);
  r.registerKernel("aten::all", boxed<static_cast<Tensor (*)(const Tensor&)>(&all)>);
  r.registerKernel("aten::any.dim", boxed<static_cast<Tensor (*)(const Tensor&, int64_t, bool)>(&any)>);
  r.registerKernel("aten::all.dim", boxed<static_cast<Tensor (*)(const Tensor&, int64_t, bool)>(&all)>);
}

void registerMoments(OperatorRegistry& r) {
  r.registerKernel("aten::var", boxed<[](const Tensor& self, bool unbiased) { return var(self, unbiased); }>);
  r.registerKernel("aten::std", boxed<[](const Tensor& self, bool unbiased) { return std(self, unbiased); }>);
  r.registerKernel("aten::var.dim", boxed<[](const Tensor& self, OptDims dim, bool unbiased, bool keepdim) {
                     return var(self, optionalDims(dim), int64_t{unbiased}, keepdim);
                   }>);
  r.registerKernel("aten::std.dim", boxed<[](const Tensor& self, OptDims dim, bool unbiased, bool keepdim) {
                     return std(self, optionalDims(dim), int64_t{unbiased}, keepdim);
                   }>);
  r.registerKernel("aten::var.correction",
                   boxed<[](const Tensor& self, OptDims dim, std::optional<int64_t> correction, bool keepdim) {
                     return var(self, optionalDims(dim), correction, keepdim);
                   }>);
  r.registerKernel("aten::std.correction",
                   boxed<[](const Tensor& self, OptDims dim, std::optional<int64_t> correction, bool keepdim) {
                     return std(self, optionalDims(dim), correction, keepdim);
                   }>);
  r.registerKernel("aten::var_mean", boxed<[](const Tensor& self, bool unbiased) {
                     return var_mean(self, std::nullopt, int64_t{unbiased});
                   }>);
  r.registerKernel("aten::std_mean", boxed<[](const Tensor& self, bool unbiased) {
                     return std_mean(self, std::nullopt, int64_t{unbiased});
                   }>);
  r.registerKernel("aten::var_mean.dim", boxed<[](const Tensor& self, OptDims dim, bool unbiased, bool keepdim) {
                     return var_mean(self, optionalDims(dim), int64_t{unbiased}, keepdim);
                   }>);
  r.registerKernel("aten::std_mean.dim", boxed<[](const Tensor& self, OptDims dim, bool unbiased, bool keepdim) {
                     return std_mean(self, optionalDims(dim), int64_t{unbiased}, keepdim);
                   }>);
  r.registerKernel("aten::var_mean.correction",
                   boxed<[](const Tensor& self, OptDims dim, std::optional<int64_t> correction, bool keepdim) {
                     return var_mean(self, optionalDims(dim), correction, keepdim);
                   }>);
  r.registerKernel("aten::std_mean.correction",
                   boxed<[](const Tensor& self, OptDims dim, std::optional<int64_t> correction, bool keepdim) {
                     return std_mean(self, optionalDims(dim), correction, keepdim);
                   }>);

  r.registerKernel("aten::linalg_vector_norm",
                   boxed<[](const Tensor& self, const Scalar& ord, OptDims dim, bool keepdim, OptType dtype) {
                     return linalg_vector_norm(self, ord, optionalDims(dim), keepdim, dtype);
                   }>);
  r.registerKernel("aten::norm.Scalar", boxed<[](const Tensor& self, const Scalar& p) { return norm(self, p); }>);
  r.registerKernel("aten::norm.ScalarOpt_dim",
                   boxed<[](const Tensor& self, std::optional<Scalar> p, std::vector<int64_t> dim, bool keepdim) {
                     return norm(self, p, dim, keepdim);
                   }>);
  r.registerKernel("aten::norm.ScalarOpt_dim_dtype", boxed<[](const Tensor& self, std::optional<Scalar> p,
                                                              std::vector<int64_t> dim, bool keepdim, ScalarType dtype) {
                     return norm(self, p, dim, keepdim, dtype);
                   }>);
  r.registerKernel("aten::norm.ScalarOpt_dtype", boxed<[](const Tensor& self, std::optional<Scalar> p, ScalarType dtype) {
                     return norm(self, p, {}, false, dtype);
                   }>);
  r.registerKernel("aten::frobenius_norm", boxed<[](const Tensor& self) { return linalg_vector_norm(self, 2); }>);
  r.registerKernel("aten::frobenius_norm.dim", boxed<[](const Tensor& self, std::vector<int64_t> dim, bool keepdim) {
                     return frobenius_norm(self, dim, keepdim);
                   }>);
}

void registerOrdering(OperatorRegistry& r) {
  r.registerKernel("aten::sort", boxed<static_cast<std::tuple<Tensor, Tensor> (*)(const Tensor&, int64_t, bool)>(&sort)>);
  r.registerKernel("aten::sort.stable",
                   boxed<static_cast<std::tuple<Tensor, Tensor> (*)(const Tensor&, std::optional<bool>, int64_t, bool)>(
                       &sort)>);
  r.registerKernel("aten::argsort", boxed<static_cast<Tensor (*)(const Tensor&, int64_t, bool)>(&argsort)>);
  r.registerKernel("aten::argsort.stable", boxed<static_cast<Tensor (*)(const Tensor&, bool, int64_t, bool)>(&argsort)>);
  r.registerKernel("aten::msort", boxed<msort>);
  r.registerKernel("aten::topk", boxed<topk>);
  r.registerKernel("aten::kthvalue", boxed<kthvalue>);
  r.registerKernel("aten::_unique", boxed<_unique>);
  r.registerKernel("aten::_unique2", boxed<_unique2>);
  r.registerKernel("aten::unique_dim", boxed<unique_dim>);
  r.registerKernel("aten::unique_consecutive", boxed<unique_consecutive>);
  r.registerKernel("aten::searchsorted.Tensor",
                   boxed<[](const Tensor& seq, const Tensor& self, bool outInt32, bool right,
                            std::optional<std::string> side, std::optional<Tensor> sorter) {
                     return searchsorted(seq, self, outInt32, right, optionalView(side), sorter);
                   }>);
  r.registerKernel("aten::searchsorted.Scalar",
                   boxed<[](const Tensor& seq, const Scalar& self, bool outInt32, bool right,
                            std::optional<std::string> side, std::optional<Tensor> sorter) {
                     return searchsorted(seq, self, outInt32, right, optionalView(side), sorter);
                   }>);
  r.registerKernel("aten::bucketize.Tensor",
                   boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&, bool, bool)>(&bucketize)>);
  r.registerKernel("aten::bucketize.Scalar",
                   boxed<static_cast<Tensor (*)(const Scalar&, const Tensor&, bool, bool)>(&bucketize)>);
  r.registerKernel("aten::bincount", boxed<bincount>);
}

}  // namespace

void registerReduceOpKernels(OperatorRegistry& r) {
  registerSums(r);
  registerExtremes(r);
  registerMoments(r);
  registerOrdering(r);
}

}  // namespace sconce::ops
