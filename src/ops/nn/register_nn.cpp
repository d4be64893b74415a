// registerNnKernels: the schema -> kernel table of src/ops/nn/, one line per overload.
#include "ops/nn/register_nn.h"

#include "ops/boxing.h"
#include "ops/nn/convolution.h"
#include "ops/nn/matmul.h"
#include "ops/nn/nn_common.h"
#include "ops/nn/normalization.h"
#include "ops/nn/pooling.h"
#include "ops/nn/attention.h"
#include "ops/nn/resample.h"
#include "ops/nn/rnn.h"

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

void registerResample(OperatorRegistry& r) {
  using nn::Interp;
  using OptDouble = std::optional<double>;
  using OptInts = std::optional<Ints>;
  using OptDoubles = std::optional<std::vector<double>>;
  r.registerKernel("aten::upsample_nearest1d.vec", boxed<[](Tensor x, OptInts size, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Nearest, 1, size, false, scales);
                   }>);
  r.registerKernel("aten::upsample_nearest2d.vec", boxed<[](Tensor x, OptInts size, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Nearest, 2, size, false, scales);
                   }>);
  r.registerKernel("aten::upsample_nearest3d.vec", boxed<[](Tensor x, OptInts size, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Nearest, 3, size, false, scales);
                   }>);
  r.registerKernel("aten::upsample_linear1d.vec", boxed<[](Tensor x, OptInts size, bool align, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Linear, 1, size, align, scales);
                   }>);
  r.registerKernel("aten::upsample_bilinear2d.vec", boxed<[](Tensor x, OptInts size, bool align, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Linear, 2, size, align, scales);
                   }>);
  r.registerKernel("aten::upsample_trilinear3d.vec", boxed<[](Tensor x, OptInts size, bool align, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Linear, 3, size, align, scales);
                   }>);
  r.registerKernel("aten::upsample_bicubic2d.vec", boxed<[](Tensor x, OptInts size, bool align, OptDoubles scales) {
                     return nn::upsampleVec(x, Interp::Cubic, 2, size, align, scales);
                   }>);
  r.registerKernel("aten::upsample_nearest1d", boxed<[](Tensor x, Ints size, OptDouble s) {
                     return nn::upsample(x, Interp::Nearest, size, false, {s});
                   }>);
  r.registerKernel("aten::upsample_nearest2d", boxed<[](Tensor x, Ints size, OptDouble sh, OptDouble sw) {
                     return nn::upsample(x, Interp::Nearest, size, false, {sh, sw});
                   }>);
  r.registerKernel("aten::upsample_nearest3d", boxed<[](Tensor x, Ints size, OptDouble sd, OptDouble sh, OptDouble sw) {
                     return nn::upsample(x, Interp::Nearest, size, false, {sd, sh, sw});
                   }>);
  r.registerKernel("aten::upsample_linear1d", boxed<[](Tensor x, Ints size, bool align, OptDouble s) {
                     return nn::upsample(x, Interp::Linear, size, align, {s});
                   }>);
  r.registerKernel("aten::upsample_bilinear2d", boxed<[](Tensor x, Ints size, bool align, OptDouble sh, OptDouble sw) {
                     return nn::upsample(x, Interp::Linear, size, align, {sh, sw});
                   }>);
  r.registerKernel("aten::upsample_trilinear3d",
                   boxed<[](Tensor x, Ints size, bool align, OptDouble sd, OptDouble sh, OptDouble sw) {
                     return nn::upsample(x, Interp::Linear, size, align, {sd, sh, sw});
                   }>);
  r.registerKernel("aten::upsample_bicubic2d", boxed<[](Tensor x, Ints size, bool align, OptDouble sh, OptDouble sw) {
                     return nn::upsample(x, Interp::Cubic, size, align, {sh, sw});
                   }>);
  r.registerKernel("aten::pixel_shuffle", boxed<[](Tensor x, int64_t f) { return nn::pixel_shuffle(x, f); }>);
  r.registerKernel("aten::pixel_unshuffle", boxed<[](Tensor x, int64_t f) { return nn::pixel_unshuffle(x, f); }>);
  r.registerKernel("aten::channel_shuffle", boxed<[](Tensor x, int64_t g) { return nn::channel_shuffle(x, g); }>);
  r.registerKernel("aten::constant_pad_nd", boxed<[](Tensor x, Ints pad, Scalar v) {
                     return nn::constant_pad_nd(x, pad, v);
                   }>);
  r.registerKernel("aten::pad", boxed<[](Tensor x, Ints p, std::string mode, OptDouble v) {
                     return nn::pad(x, p, mode, v);
                   }>);
  r.registerKernel("aten::reflection_pad1d", boxed<[](Tensor x, Ints p) { return nn::reflectionPad(x, p, 1); }>);
  r.registerKernel("aten::reflection_pad2d", boxed<[](Tensor x, Ints p) { return nn::reflectionPad(x, p, 2); }>);
  r.registerKernel("aten::reflection_pad3d", boxed<[](Tensor x, Ints p) { return nn::reflectionPad(x, p, 3); }>);
  r.registerKernel("aten::replication_pad1d", boxed<[](Tensor x, Ints p) { return nn::replicationPad(x, p, 1); }>);
  r.registerKernel("aten::replication_pad2d", boxed<[](Tensor x, Ints p) { return nn::replicationPad(x, p, 2); }>);
  r.registerKernel("aten::replication_pad3d", boxed<[](Tensor x, Ints p) { return nn::replicationPad(x, p, 3); }>);
}

template <nn::RnnMode M>
void registerRnnInput(OperatorRegistry& r, const char* name) {
  if constexpr (M == nn::RnnMode::Lstm) {
    r.registerKernel(name, boxed<[](Tensor x, std::vector<Tensor> hx, std::vector<Tensor> params, bool hasBiases,
                                    int64_t layers, double dropout, bool train, bool bidir, bool batchFirst) {
                       return nn::rnnForward(M, x, hx, params, hasBiases, layers, dropout, train, bidir, batchFirst);
                     }>);
  } else {
    r.registerKernel(name, boxed<[](Tensor x, Tensor hx, std::vector<Tensor> params, bool hasBiases, int64_t layers,
                                    double dropout, bool train, bool bidir, bool batchFirst) {
                       auto [out, h, c] =
                           nn::rnnForward(M, x, {hx}, params, hasBiases, layers, dropout, train, bidir, batchFirst);
                       return std::tuple<Tensor, Tensor>{out, h};
                     }>);
  }
}

template <nn::RnnMode M>
void registerRnnCell(OperatorRegistry& r, const char* name) {
  r.registerKernel(name, boxed<[](Tensor x, Tensor hx, Tensor wIh, Tensor wHh, OptTensor bIh, OptTensor bHh) {
                     return nn::rnnCell(M, x, hx, wIh, wHh, optTensor(bIh), optTensor(bHh));
                   }>);
}

void registerRnn(OperatorRegistry& r) {
  registerRnnInput<nn::RnnMode::Lstm>(r, "aten::lstm.input");
  registerRnnInput<nn::RnnMode::Gru>(r, "aten::gru.input");
  registerRnnInput<nn::RnnMode::Tanh>(r, "aten::rnn_tanh.input");
  registerRnnInput<nn::RnnMode::Relu>(r, "aten::rnn_relu.input");
  r.registerKernel("aten::lstm_cell", boxed<[](Tensor x, std::vector<Tensor> hx, Tensor wIh, Tensor wHh, OptTensor bIh,
                                               OptTensor bHh) {
                     return nn::lstm_cell(x, hx, wIh, wHh, optTensor(bIh), optTensor(bHh));
                   }>);
  registerRnnCell<nn::RnnMode::Gru>(r, "aten::gru_cell");
  registerRnnCell<nn::RnnMode::Tanh>(r, "aten::rnn_tanh_cell");
  registerRnnCell<nn::RnnMode::Relu>(r, "aten::rnn_relu_cell");
}

// A possibly undefined tensor result: None when undefined (PyTorch returns an
// undefined tensor, which TorchScript sees as None).
IValue tensorOrNone(const Tensor& t) { return t.defined() ? IValue(t) : IValue(); }

void nativeMultiHeadAttention(Stack& stack) {
  auto [q, k, v, embedDim, numHead, qkvW, qkvB, projW, projB, mask, needWeights, average, maskType] =
      popArgs<Tensor, Tensor, Tensor, int64_t, int64_t, Tensor, Tensor, Tensor, Tensor, OptTensor, bool, bool,
              std::optional<int64_t>>(stack);
  auto [out, weights] = nn::native_multi_head_attention(q, k, v, embedDim, numHead, qkvW, qkvB, projW, projB,
                                                        optTensor(mask), needWeights, average, maskType);
  stack.push_back(IValue(out));
  stack.push_back(tensorOrNone(weights));
}

void transformerEncoderLayerFwd(Stack& stack) {
  auto args = popValues(stack, 20);
  auto t = [&](size_t i) { return args[i].toTensor(); };
  OptTensor mask = args[18].isNone() ? std::nullopt : OptTensor(args[18].toTensor());
  std::optional<int64_t> maskType = args[19].isNone() ? std::nullopt : std::optional<int64_t>(args[19].toInt());
  push(stack, nn::transformer_encoder_layer_fwd(t(0), args[1].toInt(), args[2].toInt(), t(3), t(4), t(5), t(6),
                                                args[7].toBool(), args[8].toBool(), args[9].toDouble(), t(10), t(11),
                                                t(12), t(13), t(14), t(15), t(16), t(17), optTensor(mask), maskType));
}

void registerAttention(OperatorRegistry& r) {
  // PyTorch 2.x's op (absent from the 1.13 table); 2.5 added enable_gqa, which this
  // schema includes with its default so both spellings resolve.
  r.registerKernel(
      "aten::scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, "
      "float dropout_p=0.0, bool is_causal=False, *, float? scale=None, bool enable_gqa=False) -> Tensor",
      boxed<[](Tensor q, Tensor k, Tensor v, OptTensor mask, double p, bool causal, std::optional<double> scale,
               bool gqa) { return nn::scaled_dot_product_attention(q, k, v, optTensor(mask), p, causal, scale, gqa); }>);
  r.registerKernel("aten::_scaled_dot_product_attention",
                   boxed<[](Tensor q, Tensor k, Tensor v, OptTensor mask, double p, bool needWeights, bool causal) {
                     return nn::_scaled_dot_product_attention(q, k, v, optTensor(mask), p, needWeights, causal);
                   }>);
  r.registerKernel("aten::_native_multi_head_attention", nativeMultiHeadAttention);
  r.registerKernel("aten::_transformer_encoder_layer_fwd", transformerEncoderLayerFwd);
}

}  // namespace

void registerNnKernels(OperatorRegistry& r) {
  registerMatmul(r);
  registerConvolution(r);
  registerNormalization(r);
  registerPooling(r);
  registerResample(r);
  registerRnn(r);
  registerAttention(r);
}

}  // namespace sconce::ops
