// Attention: aten::scaled_dot_product_attention (PyTorch 2.x schema), the 1.13
// aten::_scaled_dot_product_attention, and the fast paths scripted
// nn.MultiheadAttention / nn.TransformerEncoderLayer call in 1.13:
// _native_multi_head_attention and _transformer_encoder_layer_fwd.
//
// Composed from bmm/matmul, softmax, layer_norm and linear; masks follow PyTorch:
// boolean masks mark positions to attend (sdpa) or to mask out (the 1.13 fast paths,
// where `true` means "padding"), float masks are added to the scores.
#pragma once

#include <optional>
#include <tuple>

#include "tensor/tensor.h"

namespace sconce::ops::nn {

/// aten::scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal, *,
/// scale, enable_gqa): softmax(q @ k^T * scale + mask) @ v over (..., L, E) inputs.
Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const std::optional<Tensor>& attnMask, double dropoutP, bool isCausal,
                                    std::optional<double> scale, bool enableGqa);
/// aten::_scaled_dot_product_attention (1.13): (output, attention weights); like 1.13's
/// math path it returns the weights even when !need_attn_weights.
std::tuple<Tensor, Tensor> _scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                                         const std::optional<Tensor>& attnMask, double dropoutP,
                                                         bool needAttnWeights, bool isCausal);
/// aten::_native_multi_head_attention on batch-first (B, L, E) inputs: (output,
/// weights); weights are undefined unless needWeights (averaged over heads when
/// averageAttnWeights).
std::tuple<Tensor, Tensor> native_multi_head_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                                       int64_t embedDim, int64_t numHead, const Tensor& qkvWeight,
                                                       const Tensor& qkvBias, const Tensor& projWeight,
                                                       const Tensor& projBias, const std::optional<Tensor>& mask,
                                                       bool needWeights, bool averageAttnWeights,
                                                       std::optional<int64_t> maskType);
/// aten::_transformer_encoder_layer_fwd: self-attention + feed-forward with residuals
/// and layer norms (pre- or post-norm), ReLU or GELU.
Tensor transformer_encoder_layer_fwd(const Tensor& src, int64_t embedDim, int64_t numHeads, const Tensor& qkvWeight,
                                     const Tensor& qkvBias, const Tensor& projWeight, const Tensor& projBias,
                                     bool useGelu, bool normFirst, double eps, const Tensor& normWeight1,
                                     const Tensor& normBias1, const Tensor& normWeight2, const Tensor& normBias2,
                                     const Tensor& ffnWeight1, const Tensor& ffnBias1, const Tensor& ffnWeight2,
                                     const Tensor& ffnBias2, const std::optional<Tensor>& mask,
                                     std::optional<int64_t> maskType);

}  // namespace sconce::ops::nn
