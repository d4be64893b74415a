// Attention kernels composed from the matmul family, softmax and layer norm.
#include "ops/nn/attention.h"

#include <cmath>
#include <limits>

#include "ops/kernels/binary.h"
#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/unary.h"
#include "ops/nn/matmul.h"
#include "ops/nn/normalization.h"

namespace sconce::ops::nn {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Applies a mask to scores: bool `keep` masks (true = attend) fill the rest with -inf;
// float masks are added.
Tensor applyMask(const Tensor& scores, const Tensor& mask, bool trueMeansKeep) {
  if (mask.dtype() == ScalarType::Bool) {
    Tensor drop = trueMeansKeep ? logical_not(mask) : mask;
    return masked_fill(scores, drop, Scalar(kNegInf));
  }
  return add(scores, mask);
}

Tensor causalMask(int64_t L, int64_t S) {
  return tril(ones({L, S}, ScalarType::Bool));
}

// softmax(q k^T * scale + mask) for (..., L, E) q and (..., S, E) k.
Tensor attentionWeights(const Tensor& q, const Tensor& k, const std::optional<Tensor>& mask, bool isCausal,
                        double scale, bool trueMeansKeep) {
  Tensor scores = mul(matmul(q, transpose(k, -2, -1)), Scalar(scale));
  if (isCausal) scores = applyMask(scores, causalMask(q.size(-2), k.size(-2)), true);
  if (mask) scores = applyMask(scores, *mask, trueMeansKeep);
  return softmax(scores, -1);
}

}  // namespace

Tensor scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                    const std::optional<Tensor>& attnMask, double dropoutP, bool isCausal,
                                    std::optional<double> scale, bool enableGqa) {
  SCONCE_CHECK(ValueError, query.dim() >= 2 && key.dim() >= 2 && value.dim() >= 2,
               "scaled_dot_product_attention: expected query, key and value to have at least 2 dims");
  SCONCE_CHECK(ValueError, !(isCausal && attnMask), "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True");
  Tensor k = key, v = value;
  if (enableGqa && query.dim() >= 3 && key.size(-3) != query.size(-3)) {
    const int64_t rep = query.size(-3) / key.size(-3);
    k = repeat_interleave(key, rep, key.dim() - 3);
    v = repeat_interleave(value, rep, value.dim() - 3);
  }
  const double s = scale.value_or(1.0 / std::sqrt(static_cast<double>(query.size(-1))));
  Tensor w = attentionWeights(query, k, attnMask, isCausal, s, true);
  if (dropoutP > 0) w = dropout(w, dropoutP, true);
  return matmul(w, v);
}

std::tuple<Tensor, Tensor> _scaled_dot_product_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                                         const std::optional<Tensor>& attnMask, double dropoutP,
                                                         bool needAttnWeights, bool isCausal) {
  const double s = 1.0 / std::sqrt(static_cast<double>(query.size(-1)));
  Tensor w = attentionWeights(query, key, attnMask, isCausal, s, true);
  if (dropoutP > 0) w = dropout(w, dropoutP, true);
  Tensor out = matmul(w, value);
  // 1.13's math path returns the weights whether or not they were asked for.
  (void)needAttnWeights;
  return {out, w};
}

std::tuple<Tensor, Tensor> native_multi_head_attention(const Tensor& query, const Tensor& key, const Tensor& value,
                                                       int64_t embedDim, int64_t numHead, const Tensor& qkvWeight,
                                                       const Tensor& qkvBias, const Tensor& projWeight,
                                                       const Tensor& projBias, const std::optional<Tensor>& mask,
                                                       bool needWeights, bool averageAttnWeights,
                                                       std::optional<int64_t> maskType) {
  SCONCE_CHECK(ValueError, query.dim() == 3, "expected 3-D `query`, got {}-D tensor", query.dim());
  SCONCE_CHECK(ValueError, query.sizes() == key.sizes() && key.sizes() == value.sizes(),
               "expected `query`/`key`/`value` shapes to match");
  SCONCE_CHECK(ValueError, embedDim % numHead == 0, "embed_dim must be divisible by num_heads");
  const int64_t B = query.size(0), L = query.size(1), S = key.size(1), D = embedDim / numHead;
  auto proj = [&](const Tensor& x, int64_t i) {
    Tensor w = narrow(qkvWeight, 0, i * embedDim, embedDim), b = narrow(qkvBias, 0, i * embedDim, embedDim);
    // (B, T, E) -> (B, H, T, D)
    return transpose(reshape(linear(x, w, b), {B, x.size(1), numHead, D}), 1, 2);
  };
  Tensor q = proj(query, 0), k = proj(key, 1), v = proj(value, 2);
  std::optional<Tensor> m;
  if (mask) {
    // 1.13 converts a non-bool mask to bool: nonzero entries are masked out.
    Tensor mk = mask->dtype() == ScalarType::Bool ? *mask : ne(*mask, Scalar(0));
    // 1.13's mask_type: 1 = key padding mask (B, S); otherwise an attention mask
    // (L, S) or already (B, H, L, S) / (B, L, S).
    if (mk.dim() == 2 && (maskType == 1 || (mk.size(0) == B && mk.size(1) == S && L != B)))
      mk = view(mk, {B, 1, 1, S});
    else if (mk.dim() == 3)
      mk = unsqueeze(mk, 1);
    m = mk;
  }
  Tensor w = attentionWeights(q, k, m, false, 1.0 / std::sqrt(static_cast<double>(D)), false);
  // _masked_softmax gives fully masked rows zeros, not NaN.
  if (m) w = masked_fill(w, isnan(w), Scalar(0.0));
  Tensor attn = reshape(transpose(matmul(w, v), 1, 2), {B, L, embedDim});
  Tensor out = linear(attn, projWeight, projBias);
  if (!needWeights) return {out, Tensor()};
  if (averageAttnWeights) w = div(sum(w, {1}, false), Scalar(numHead));
  return {out, w};
}

Tensor transformer_encoder_layer_fwd(const Tensor& src, int64_t embedDim, int64_t numHeads, const Tensor& qkvWeight,
                                     const Tensor& qkvBias, const Tensor& projWeight, const Tensor& projBias,
                                     bool useGelu, bool normFirst, double eps, const Tensor& normWeight1,
                                     const Tensor& normBias1, const Tensor& normWeight2, const Tensor& normBias2,
                                     const Tensor& ffnWeight1, const Tensor& ffnBias1, const Tensor& ffnWeight2,
                                     const Tensor& ffnBias2, const std::optional<Tensor>& mask,
                                     std::optional<int64_t> maskType) {
  auto norm = [&](const Tensor& x, const Tensor& w, const Tensor& b) {
    return std::get<0>(native_layer_norm(x, {embedDim}, w, b, eps));
  };
  Tensor x = normFirst ? norm(src, normWeight1, normBias1) : src;
  x = std::get<0>(native_multi_head_attention(x, x, x, embedDim, numHeads, qkvWeight, qkvBias, projWeight, projBias,
                                              mask, false, true, maskType));
  x = add(x, src);
  if (!normFirst) x = norm(x, normWeight1, normBias1);
  Tensor residual = x;
  if (normFirst) x = norm(x, normWeight2, normBias2);
  Tensor h = linear(x, ffnWeight1, ffnBias1);
  h = useGelu ? gelu(h) : relu(h);
  x = add(linear(h, ffnWeight2, ffnBias2), residual);
  if (!normFirst) x = norm(x, normWeight2, normBias2);
  return x;
}

}  // namespace sconce::ops::nn
