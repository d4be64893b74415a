// registerNnKernels: the schema -> kernel table of src/ops/nn/, one line per overload.
#include "ops/nn/register_nn.h"

#include "ops/boxing.h"
#include "ops/nn/convolution.h"
#include "ops/nn/matmul.h"
#include "ops/nn/nn_common.h"
#include "ops/nn/normalization.h"
#include "ops/nn/pooling.h"

namespace sconce::ops {

using nn::optTensor;
using OptTensor = std::optional<Tensor>;
using Ints = std::vector<int64_t>;

namespace {

void registerMatmul(OperatorRegistry& r) {
  r.registerKernel("aten::mm", boxed<[](Tensor a, Tensor b) { return nn::mm(a, b); }>);
  r.registerKernel("aten::bmm", boxed<[](Tensor a, Tensor b) { return nn::bmm(a, b); }>);
  r.registerKernel("aten::matmul", boxed<[](Tensor a, Tensor b) { return nn::matmul(a, b); }>);
  r.registerKernel("aten::mv", boxed<[](Tensor a, Tensor b) { return nn::mv(a, b); }>);
  r.registerKernel("aten::dot", boxed<[](Tensor a, Tensor b) { return nn::dot(a, b); }>);
  r.registerKernel("aten::outer", boxed<[](Tensor a, Tensor b) { return nn::outer(a, b); }>);
  r.registerKernel("aten::addmm", boxed<[](Tensor s, Tensor a, Tensor b, Scalar beta, Scalar alpha) {
                     return nn::addmm(s, a, b, beta, alpha);
                   }>);
  r.registerKernel("aten::addmv", boxed<[](Tensor s, Tensor a, Tensor b, Scalar beta, Scalar alpha) {
                     return nn::addmv(s, a, b, beta, alpha);
                   }>);
  r.registerKernel("aten::baddbmm", boxed<[](Tensor s, Tensor a, Tensor b, Scalar beta, Scalar alpha) {
                     return nn::baddbmm(s, a, b, beta, alpha);
                   }>);
  r.registerKernel("aten::addbmm", boxed<[](Tensor s, Tensor a, Tensor b, Scalar beta, Scalar alpha) {
                     return nn::addbmm(s, a, b, beta, alpha);
                   }>);
  r.registerKernel("aten::linear", boxed<[](Tensor x, Tensor w, OptTensor b) {
                     return nn::linear(x, w, optTensor(b));
                   }>);
  r.registerKernel("aten::tensordot", boxed<[](Tensor a, Tensor b, Ints da, Ints db) {
                     return nn::tensordot(a, b, da, db);
                   }>);
  r.registerKernel("aten::einsum", boxed<[](std::string eq, std::vector<Tensor> ts, std::optional<Ints>) {
                     return nn::einsum(eq, ts);
                   }>);
}

void registerConvolution(OperatorRegistry& r) {
  r.registerKernel("aten::_convolution",
                   boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, Ints pad, Ints dil, bool transposed,
                            Ints outPad, int64_t groups, bool, bool, bool, bool) {
                     return nn::convolution(x, w, optTensor(b), stride, pad, dil, transposed, outPad, groups);
                   }>);
  r.registerKernel("aten::_convolution.deprecated",
                   boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, Ints pad, Ints dil, bool transposed,
                            Ints outPad, int64_t groups, bool, bool, bool) {
                     return nn::convolution(x, w, optTensor(b), stride, pad, dil, transposed, outPad, groups);
                   }>);
  r.registerKernel("aten::convolution",
                   boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, Ints pad, Ints dil, bool transposed,
                            Ints outPad, int64_t groups) {
                     return nn::convolution(x, w, optTensor(b), stride, pad, dil, transposed, outPad, groups);
                   }>);
#define SCONCE_REGISTER_CONV(N)                                                                             \
  r.registerKernel("aten::conv" #N "d",                                                                     \
                   boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, Ints pad, Ints dil, int64_t g) {  \
                     return nn::convNd(N, x, w, optTensor(b), stride, pad, dil, g);                         \
                   }>);                                                                                     \
  r.registerKernel("aten::conv" #N "d.padding",                                                             \
                   boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, std::string pad, Ints dil,        \
                            int64_t g) { return nn::convNdPadding(N, x, w, optTensor(b), stride, pad, dil, g); }>);
  SCONCE_REGISTER_CONV(1)
  SCONCE_REGISTER_CONV(2)
  SCONCE_REGISTER_CONV(3)
#undef SCONCE_REGISTER_CONV
  auto convT = []<int64_t N>(OperatorRegistry& reg, const char* name) {
    reg.registerKernel(name, boxed<[](Tensor x, Tensor w, OptTensor b, Ints stride, Ints pad, Ints outPad, int64_t g,
                                      Ints dil) {
                         return nn::convTransposeNd(N, x, w, optTensor(b), stride, pad, outPad, g, dil);
                       }>);
  };
  convT.operator()<1>(r, "aten::conv_transpose1d");
  convT.operator()<2>(r, "aten::conv_transpose2d.input");
  convT.operator()<3>(r, "aten::conv_transpose3d.input");
}

void registerNormalization(OperatorRegistry& r) {
  r.registerKernel("aten::batch_norm", boxed<[](Tensor x, OptTensor w, OptTensor b, OptTensor rm, OptTensor rv,
                                                bool training, double momentum, double eps, bool) {
                     return nn::batch_norm(x, optTensor(w), optTensor(b), optTensor(rm), optTensor(rv), training,
                                           momentum, eps);
                   }>);
  r.registerKernel("aten::native_batch_norm", boxed<[](Tensor x, OptTensor w, OptTensor b, OptTensor rm, OptTensor rv,
                                                       bool training, double momentum, double eps) {
                     return nn::native_batch_norm(x, optTensor(w), optTensor(b), optTensor(rm), optTensor(rv),
                                                  training, momentum, eps);
                   }>);
  r.registerKernel("aten::_batch_norm_impl_index",
                   boxed<[](Tensor x, OptTensor w, OptTensor b, OptTensor rm, OptTensor rv, bool training,
                            double momentum, double eps, bool) {
                     auto [out, mean, invstd] = nn::native_batch_norm(x, optTensor(w), optTensor(b), optTensor(rm),
                                                                      optTensor(rv), training, momentum, eps);
                     // The fourth output is cuDNN's reserve space; the int names the backend (0: native).
                     return std::tuple<Tensor, Tensor, Tensor, Tensor, int64_t>{
                         out, mean, invstd, Tensor::empty({0}, ScalarType::Byte), 0};
                   }>);
  r.registerKernel("aten::instance_norm", boxed<[](Tensor x, OptTensor w, OptTensor b, OptTensor rm, OptTensor rv,
                                                   bool useInputStats, double momentum, double eps, bool) {
                     return nn::instance_norm(x, optTensor(w), optTensor(b), optTensor(rm), optTensor(rv),
                                              useInputStats, momentum, eps);
                   }>);
  r.registerKernel("aten::layer_norm", boxed<[](Tensor x, Ints shape, OptTensor w, OptTensor b, double eps, bool) {
                     return std::get<0>(nn::native_layer_norm(x, shape, optTensor(w), optTensor(b), eps));
                   }>);
  r.registerKernel("aten::native_layer_norm", boxed<[](Tensor x, Ints shape, OptTensor w, OptTensor b, double eps) {
                     return nn::native_layer_norm(x, shape, optTensor(w), optTensor(b), eps);
                   }>);
  r.registerKernel("aten::group_norm", boxed<[](Tensor x, int64_t groups, OptTensor w, OptTensor b, double eps, bool) {
                     return nn::group_norm(x, groups, optTensor(w), optTensor(b), eps);
                   }>);
  r.registerKernel("aten::native_group_norm", boxed<[](Tensor x, OptTensor w, OptTensor b, int64_t N, int64_t C,
                                                       int64_t HxW, int64_t group, double eps) {
                     return nn::native_group_norm(x, optTensor(w), optTensor(b), N, C, HxW, group, eps);
                   }>);
}

template <int64_t N>
void registerPoolingNd(OperatorRegistry& r, const char* maxName, const char* maxIndicesName, const char* avgName,
                       const char* adaptiveAvgName) {
  r.registerKernel(maxName, boxed<[](Tensor x, Ints k, Ints s, Ints p, Ints d, bool ceil) {
                     return nn::maxPool(N, x, k, s, p, d, ceil);
                   }>);
  r.registerKernel(maxIndicesName, boxed<[](Tensor x, Ints k, Ints s, Ints p, Ints d, bool ceil) {
                     return nn::maxPoolWithIndices(N, x, k, s, p, d, ceil);
                   }>);
  if constexpr (N == 1) {
    r.registerKernel(avgName, boxed<[](Tensor x, Ints k, Ints s, Ints p, bool ceil, bool countPad) {
                       return nn::avgPool(N, x, k, s, p, ceil, countPad, std::nullopt);
                     }>);
  } else {
    r.registerKernel(avgName, boxed<[](Tensor x, Ints k, Ints s, Ints p, bool ceil, bool countPad,
                                       std::optional<int64_t> divisor) {
                       return nn::avgPool(N, x, k, s, p, ceil, countPad, divisor);
                     }>);
  }
  r.registerKernel(adaptiveAvgName, boxed<[](Tensor x, Ints size) { return nn::adaptiveAvgPool(N, x, size); }>);
}

void registerPooling(OperatorRegistry& r) {
  registerPoolingNd<1>(r, "aten::max_pool1d", "aten::max_pool1d_with_indices", "aten::avg_pool1d",
                       "aten::adaptive_avg_pool1d");
  registerPoolingNd<2>(r, "aten::max_pool2d", "aten::max_pool2d_with_indices", "aten::avg_pool2d",
                       "aten::adaptive_avg_pool2d");
  registerPoolingNd<3>(r, "aten::max_pool3d", "aten::max_pool3d_with_indices", "aten::avg_pool3d",
                       "aten::adaptive_avg_pool3d");
  r.registerKernel("aten::_adaptive_avg_pool2d", boxed<[](Tensor x, Ints size) { return nn::adaptiveAvgPool(2, x, size); }>);
  r.registerKernel("aten::adaptive_max_pool1d", boxed<[](Tensor x, Ints size) { return nn::adaptiveMaxPool(1, x, size); }>);
  r.registerKernel("aten::adaptive_max_pool2d", boxed<[](Tensor x, Ints size) { return nn::adaptiveMaxPool(2, x, size); }>);
  r.registerKernel("aten::adaptive_max_pool3d", boxed<[](Tensor x, Ints size) { return nn::adaptiveMaxPool(3, x, size); }>);
}

}  // namespace

void registerNnKernels(OperatorRegistry& r) {
  registerMatmul(r);
  registerConvolution(r);
  registerNormalization(r);
  registerPooling(r);
}

}  // namespace sconce::ops
