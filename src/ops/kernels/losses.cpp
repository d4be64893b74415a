// The loss functions of torch.nn.functional as aten ops (mse_loss, nll_loss,
// cross_entropy_loss, binary_cross_entropy, kl_div, the margin losses, ...), inference only.
//
// Each is a composition of elementwise and reduction kernels following ATen's Loss.cpp /
// LossNLL.cpp formulas, so dtype promotion and broadcasting come from those kernels.
// `reduction` is PyTorch's enum: 0 none, 1 mean, 2 sum.
#include <cmath>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {
namespace {

enum Reduction : int64_t { kNone = 0, kMean = 1, kSum = 2 };

Tensor applyReduction(const Tensor& loss, int64_t reduction) {
  switch (reduction) {
    case kNone: return loss;
    case kMean: return mean(loss);
    case kSum: return sum(loss);
    default: fail<ValueError>("{} is not a valid value for reduction", reduction);
  }
}

Tensor scalarLike(double v, const Tensor& t) { return full({}, Scalar(v), t.dtype()); }

// ---- regression losses ---------------------------------------------------------------------

Tensor mse_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  const Tensor d = sub(self, target);
  return applyReduction(mul(d, d), reduction);
}

Tensor l1_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return applyReduction(abs(sub(self, target)), reduction);
}

Tensor smooth_l1_loss(const Tensor& self, const Tensor& target, int64_t reduction, double beta) {
  SCONCE_CHECK(ValueError, beta >= 0, "smooth_l1_loss does not support negative values for beta.");
  if (beta == 0) return l1_loss(self, target, reduction);
  const Tensor z = abs(sub(self, target));
  return applyReduction(where(lt(z, Scalar(beta)), div(mul(mul(z, z), Scalar(0.5)), Scalar(beta)),
                              sub(z, Scalar(0.5 * beta))),
                        reduction);
}

Tensor huber_loss(const Tensor& self, const Tensor& target, int64_t reduction, double delta) {
  SCONCE_CHECK(ValueError, delta > 0, "huber_loss does not support non-positive values for delta.");
  const Tensor z = abs(sub(self, target));
  return applyReduction(
      where(lt(z, Scalar(delta)), mul(mul(z, z), Scalar(0.5)), mul(sub(z, Scalar(0.5 * delta)), Scalar(delta))),
      reduction);
}

// ---- classification losses -----------------------------------------------------------------------

/// nll_loss over any rank: self [N, C, d...] (or [C]), target [N, d...] (or []).
/// Returns (output, total_weight).
std::tuple<Tensor, Tensor> nllLoss(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                                   int64_t reduction, int64_t ignoreIndex) {
  SCONCE_CHECK(ValueError, self.dim() >= 1, "input tensor should be 1D or 2D");
  const bool batched = self.dim() >= 2;
  SCONCE_CHECK(ValueError, target.dim() == (batched ? self.dim() - 1 : 0),
               "0D or 1D target tensor expected, multi-target not supported");
  SCONCE_CHECK(ValueError, !batched || self.size(0) == target.size(0),
               "Expected input batch_size ({}) to match target batch_size ({}).", self.size(0), target.size(0));
  SCONCE_CHECK(ValueError, isIntegralType(target.dtype(), false), "expected scalar type Long but found {}",
               scalarTypeName(target.dtype()));
  const int64_t classes = batched ? self.size(1) : self.size(0);
  SCONCE_CHECK(ValueError, !weight || weight->numel() == classes,
               "weight tensor should be defined either for all {} classes or no classes but got weight tensor of "
               "shape: [{}]",
               classes, weight ? weight->numel() : 0);
  const Tensor x = batched ? reshape(movedim(self, 1, -1), {-1, classes}) : reshape(self, {1, classes});
  const Tensor t = to(reshape(target, {-1}), ScalarType::Long).contiguous();
  for (int64_t i = 0; i < t.numel(); ++i) {
    const int64_t c = t.data<int64_t>()[i];
    SCONCE_CHECK(ValueError, c == ignoreIndex || (c >= 0 && c < classes), "Target {} is out of bounds.", c);
  }
  const Tensor ignored = eq(t, Scalar(ignoreIndex));
  const Tensor safe = where(ignored, Scalar(0), t);
  const Tensor picked = squeeze(gather(x, 1, unsqueeze(safe, 1)), 1);
  Tensor w = weight ? index_select(to(*weight, self.dtype()), 0, safe) : ones({t.numel()}, self.dtype());
  w = where(ignored, Scalar(0.0), w);
  const Tensor losses = neg(mul(picked, w));
  if (reduction == kNone) return {reshape(losses, target.sizes()), empty({0}, self.dtype())};
  const Tensor total = sum(w);
  if (reduction == kSum) return {sum(losses), total};
  return {div(sum(losses), total), total};
}

Tensor nll_loss_nd(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight, int64_t reduction,
                   int64_t ignoreIndex) {
  return std::get<0>(nllLoss(self, target, weight, reduction, ignoreIndex));
}

Tensor nll_loss(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight, int64_t reduction,
                int64_t ignoreIndex) {
  SCONCE_CHECK(ValueError, self.dim() >= 1 && self.dim() <= 2, "input tensor should be 1D or 2D");
  return nll_loss_nd(self, target, weight, reduction, ignoreIndex);
}

Tensor nll_loss2d(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight, int64_t reduction,
                  int64_t ignoreIndex) {
  SCONCE_CHECK(ValueError, self.dim() == 4, "only batches of spatial inputs supported (4D tensors), but got input of size: [{}]",
               self.dim());
  return nll_loss_nd(self, target, weight, reduction, ignoreIndex);
}

/// `weight` viewed to broadcast along the class dim of a rank-`rank` input.
Tensor classWeightView(const Tensor& weight, int64_t rank, int64_t classDim) {
  Dims shape(rank, 1);
  shape[classDim] = weight.numel();
  return reshape(weight, shape);
}

Tensor cross_entropy_loss(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                          int64_t reduction, int64_t ignoreIndex, double labelSmoothing) {
  SCONCE_CHECK(ValueError, labelSmoothing >= 0 && labelSmoothing <= 1,
               "label_smoothing must be between 0.0 and 1.0. Got: {}", labelSmoothing);
  const int64_t classDim = self.dim() == 1 ? 0 : 1;
  const int64_t classes = self.size(classDim);
  const Tensor input = log_softmax(self, classDim, self.dtype());
  if (self.sizes() == target.sizes() && isFloatingType(target.dtype())) {
    // Class probabilities.
    SCONCE_CHECK(ValueError, ignoreIndex < 0, "ignore_index is not supported for floating point target");
    Tensor t = target;
    if (labelSmoothing > 0) t = add(mul(target, Scalar(1 - labelSmoothing)), Scalar(labelSmoothing / classes));
    Tensor prod = mul(input, t);
    if (weight) prod = mul(prod, classWeightView(*weight, input.dim(), classDim));
    switch (reduction) {
      case kMean:
        if (input.numel() == 0) return full({}, Scalar(std::nan("")), self.dtype());
        return div(neg(sum(prod)), Scalar(input.numel() / classes));
      case kSum: return neg(sum(prod));
      case kNone: return neg(sum(prod, {classDim}));
      default: fail<ValueError>("{} is not a valid value for reduction", reduction);
    }
  }
  const Tensor nll = nll_loss_nd(input, target, weight, reduction, ignoreIndex);
  if (labelSmoothing <= 0) return nll;
  const Tensor ignoreMask = eq(target, Scalar(ignoreIndex));
  Tensor smooth = weight ? neg(sum(mul(input, classWeightView(*weight, input.dim(), classDim)), {classDim}))
                         : neg(sum(input, {classDim}));
  smooth = masked_fill(smooth, ignoreMask, Scalar(0.0));
  Tensor ret;
  switch (reduction) {
    case kMean:
      if (weight) {
        const Tensor kept = masked_select(target, logical_not(ignoreMask));
        ret = div(sum(smooth), sum(index_select(*weight, 0, reshape(kept, {-1}))));
      } else {
        ret = div(sum(smooth), sum(logical_not(ignoreMask)));
      }
      break;
    case kSum: ret = sum(smooth); break;
    case kNone: ret = smooth; break;
    default: fail<ValueError>("{} is not a valid value for reduction", reduction);
  }
  return add(mul(nll, Scalar(1 - labelSmoothing)), mul(ret, Scalar(labelSmoothing / classes)));
}

Tensor binary_cross_entropy(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                            int64_t reduction) {
  SCONCE_CHECK(ValueError, self.sizes() == target.sizes(),
               "Using a target size that is different to the input size is deprecated. Please ensure they have the "
               "same size.");
  const Tensor lo = min(self), hi = max(self);
  SCONCE_CHECK(ValueError, self.numel() == 0 || (lo.itemAsDouble() >= 0 && hi.itemAsDouble() <= 1),
               "all elements of input should be between 0 and 1");
  const Tensor logX = clamp_min(log(self), Scalar(-100.0));
  const Tensor log1mX = clamp_min(log(rsub(self, Scalar(1))), Scalar(-100.0));
  Tensor loss = neg(add(mul(target, logX), mul(rsub(target, Scalar(1)), log1mX)));
  if (weight) loss = mul(loss, *weight);
  return applyReduction(loss, reduction);
}

Tensor logSigmoid(const Tensor& x) {
  // min(x, 0) - log1p(exp(-|x|)), stable for both signs.
  return sub(clamp_max(x, Scalar(0.0)), log1p(exp(neg(abs(x)))));
}

Tensor binary_cross_entropy_with_logits(const Tensor& self, const Tensor& target, const std::optional<Tensor>& weight,
                                        const std::optional<Tensor>& posWeight, int64_t reduction) {
  const Tensor ls = logSigmoid(self);
  Tensor loss;
  if (posWeight) {
    const Tensor logWeight = add(mul(sub(*posWeight, Scalar(1)), target), Scalar(1));
    loss = sub(mul(rsub(target, Scalar(1)), self), mul(logWeight, ls));
  } else {
    loss = sub(mul(rsub(target, Scalar(1)), self), ls);
  }
  if (weight) loss = mul(loss, *weight);
  return applyReduction(loss, reduction);
}

Tensor kl_div(const Tensor& self, const Tensor& target, int64_t reduction, bool logTarget) {
  const Tensor loss = logTarget ? mul(exp(target), sub(target, self)) : sub(xlogyTensor(target, target), mul(target, self));
  return applyReduction(loss, reduction);
}

// ---- margin and embedding losses -------------------------------------------------------------

Tensor margin_ranking_loss(const Tensor& x1, const Tensor& x2, const Tensor& target, double margin, int64_t reduction) {
  return applyReduction(clamp_min(add(mul(neg(target), sub(x1, x2)), Scalar(margin)), Scalar(0)), reduction);
}

Tensor soft_margin_loss(const Tensor& self, const Tensor& target, int64_t reduction) {
  return applyReduction(log1p(exp(mul(neg(target), self))), reduction);
}

Tensor hinge_embedding_loss(const Tensor& self, const Tensor& target, double margin, int64_t reduction) {
  const Tensor zeros = zeros_like(self);
  const Tensor marginClamp = clamp_min(rsub(self, Scalar(margin)), Scalar(0));
  const Tensor outMargin = where(ne(target, Scalar(1)), marginClamp, zeros);
  const Tensor outSelf = where(ne(target, Scalar(-1)), self, zeros);
  return applyReduction(add(outMargin, outSelf), reduction);
}

Tensor pairwise_distance(const Tensor& x1, const Tensor& x2, double p, double eps, bool keepdim) {
  const int64_t outDim = std::max(x1.dim(), x2.dim());
  if (outDim == 0) return norm(add(sub(x1, x2), Scalar(eps)), std::optional<Scalar>(Scalar(p)), IntArrayRef{}, keepdim);
  const int64_t inner = outDim - 1;
  const Dims dims{inner};
  return norm(add(sub(x1, x2), Scalar(eps)), std::optional<Scalar>(Scalar(p)), dims, keepdim);
}

Tensor triplet_margin_loss(const Tensor& anchor, const Tensor& positive, const Tensor& negative, double margin,
                           double p, double eps, bool swap, int64_t reduction) {
  SCONCE_CHECK(ValueError, anchor.dim() == positive.dim() && anchor.dim() == negative.dim(),
               "All inputs should have same dimension but got {}D, {}D and {}D inputs.",
               anchor.dim(), positive.dim(), negative.dim());
  const Tensor distPos = pairwise_distance(anchor, positive, p, eps, false);
  Tensor distNeg = pairwise_distance(anchor, negative, p, eps, false);
  if (swap) distNeg = minimum(distNeg, pairwise_distance(positive, negative, p, eps, false));
  return applyReduction(clamp_min(sub(add(distPos, Scalar(margin)), distNeg), Scalar(0)), reduction);
}

Tensor poisson_nll_loss(const Tensor& input, const Tensor& target, bool logInput, bool full, double eps,
                        int64_t reduction) {
  Tensor loss = logInput ? sub(exp(input), mul(target, input)) : sub(input, mul(target, log(add(input, Scalar(eps)))));
  if (full) {
    const Tensor stirling = add(sub(mul(target, log(target)), target),
                                mul(log(mul(target, Scalar(2 * M_PI))), Scalar(0.5)));
    loss = add(loss, masked_fill(stirling, le(target, Scalar(1)), Scalar(0)));
  }
  return applyReduction(loss, reduction);
}

Tensor cosine_embedding_loss(const Tensor& x1, const Tensor& x2, const Tensor& target, double margin, int64_t reduction) {
  const int64_t targetDim = target.dim();
  SCONCE_CHECK(ValueError, targetDim <= 1, "0D or 1D target tensor expected, multi-target not supported");
  if (targetDim == 1)
    SCONCE_CHECK(ValueError, x1.dim() == 2 && x2.dim() == 2,
                 "1D target tensor expects 2D input tensors, but found inputs with sizes [{}] and [{}].", x1.dim(),
                 x2.dim());
  else
    SCONCE_CHECK(ValueError, x1.dim() == 1 && x2.dim() == 1,
                 "0D target tensor expects 1D input tensors, but found inputs with sizes [{}] and [{}].", x1.dim(),
                 x2.dim());
  const Dims d{targetDim};
  const double kEps = 1e-12;
  const Tensor prodSum = sum(mul(x1, x2), d);
  const Tensor mag1 = add(sum(mul(x1, x1), d), Scalar(kEps));
  const Tensor mag2 = add(sum(mul(x2, x2), d), Scalar(kEps));
  const Tensor cos = div(prodSum, sqrt(mul(mag1, mag2)));
  const Tensor zeros = zeros_like(cos);
  const Tensor pos = rsub(cos, Scalar(1));
  const Tensor negPart = clamp_min(sub(cos, Scalar(margin)), Scalar(0));
  const Tensor out = add(where(eq(target, Scalar(1)), pos, zeros), where(eq(target, Scalar(-1)), negPart, zeros));
  return applyReduction(out, reduction);
}

Tensor cosine_similarity(const Tensor& x1In, const Tensor& x2In, int64_t dim, double eps) {
  const ScalarType common = promoteTypes(x1In.dtype(), x2In.dtype());
  SCONCE_CHECK(ValueError, isFloatingType(common),
               "expected common dtype to be floating point, yet common dtype is {}", scalarTypeName(common));
  const Dims shape = broadcastShapes(x1In.sizes(), x2In.sizes());
  const Tensor x1 = expand(to(x1In, common), shape), x2 = expand(to(x2In, common), shape);
  const Dims d{dim};
  const Tensor n1 = clamp_min(sum(mul(x1, x1), d, true), Scalar(eps * eps));
  const Tensor n2 = clamp_min(sum(mul(x2, x2), d, true), Scalar(eps * eps));
  const Tensor denom = rsqrt(mul(n1, n2));
  return sum(mul(mul(x1, x2), denom), d);
}

const Tensor& intoOut(const Tensor& out, const Tensor& result) {
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

}  // namespace

void registerLossKernels(OperatorRegistry& r) {
  r.registerKernel("aten::mse_loss", boxed<mse_loss>);
  r.registerKernel("aten::mse_loss.out", boxed<[](const Tensor& s, const Tensor& t, int64_t red, const Tensor& out) {
                     return intoOut(out, mse_loss(s, t, red));
                   }>);
  r.registerKernel("aten::l1_loss", boxed<l1_loss>);
  r.registerKernel("aten::smooth_l1_loss", boxed<smooth_l1_loss>);
  r.registerKernel("aten::smooth_l1_loss.out",
                   boxed<[](const Tensor& s, const Tensor& t, int64_t red, double beta, const Tensor& out) {
                     return intoOut(out, smooth_l1_loss(s, t, red, beta));
                   }>);
  r.registerKernel("aten::huber_loss", boxed<huber_loss>);
  r.registerKernel("aten::huber_loss.out",
                   boxed<[](const Tensor& s, const Tensor& t, int64_t red, double delta, const Tensor& out) {
                     return intoOut(out, huber_loss(s, t, red, delta));
                   }>);
  r.registerKernel("aten::nll_loss", boxed<nll_loss>);
  r.registerKernel("aten::nll_loss.out", boxed<[](const Tensor& s, const Tensor& t, std::optional<Tensor> w, int64_t red,
                                                  int64_t ii, const Tensor& out) {
                     return intoOut(out, nll_loss(s, t, w, red, ii));
                   }>);
  r.registerKernel("aten::nll_loss2d", boxed<nll_loss2d>);
  r.registerKernel("aten::nll_loss2d.out", boxed<[](const Tensor& s, const Tensor& t, std::optional<Tensor> w,
                                                    int64_t red, int64_t ii, const Tensor& out) {
                     return intoOut(out, nll_loss2d(s, t, w, red, ii));
                   }>);
  r.registerKernel("aten::nll_loss_nd", boxed<nll_loss_nd>);
  r.registerKernel("aten::nll_loss_forward", boxed<nllLoss>);
  r.registerKernel("aten::nll_loss2d_forward", boxed<nllLoss>);
  r.registerKernel("aten::cross_entropy_loss", boxed<cross_entropy_loss>);
  r.registerKernel("aten::binary_cross_entropy", boxed<binary_cross_entropy>);
  r.registerKernel("aten::binary_cross_entropy.out", boxed<[](const Tensor& s, const Tensor& t, std::optional<Tensor> w,
                                                              int64_t red, const Tensor& out) {
                     return intoOut(out, binary_cross_entropy(s, t, w, red));
                   }>);
  r.registerKernel("aten::binary_cross_entropy_with_logits", boxed<binary_cross_entropy_with_logits>);
  r.registerKernel("aten::binary_cross_entropy_with_logits.out",
                   boxed<[](const Tensor& s, const Tensor& t, std::optional<Tensor> w, std::optional<Tensor> pw,
                            int64_t red, const Tensor& out) {
                     return intoOut(out, binary_cross_entropy_with_logits(s, t, w, pw, red));
                   }>);
  r.registerKernel("aten::kl_div", boxed<kl_div>);
  r.registerKernel("aten::margin_ranking_loss", boxed<margin_ranking_loss>);
  r.registerKernel("aten::soft_margin_loss", boxed<soft_margin_loss>);
  r.registerKernel("aten::soft_margin_loss.out", boxed<[](const Tensor& s, const Tensor& t, int64_t red, const Tensor& out) {
                     return intoOut(out, soft_margin_loss(s, t, red));
                   }>);
  r.registerKernel("aten::hinge_embedding_loss", boxed<hinge_embedding_loss>);
  r.registerKernel("aten::triplet_margin_loss", boxed<triplet_margin_loss>);
  r.registerKernel("aten::poisson_nll_loss", boxed<poisson_nll_loss>);
  r.registerKernel("aten::cosine_embedding_loss", boxed<cosine_embedding_loss>);
  r.registerKernel("aten::cosine_similarity", boxed<cosine_similarity>);
  r.registerKernel("aten::pairwise_distance", boxed<pairwise_distance>);
}

}  // namespace sconce::ops
