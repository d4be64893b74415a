// Boxes the unary elementwise kernels (unary.h): math functions, rounding, predicates and
// the activations, each with its in-place and out= overloads, plus dropout in eval mode.
#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/register_tensor_kernels.h"

namespace sconce::ops {
namespace {

using U = Tensor (*)(const Tensor&);
using IU = const Tensor& (*)(const Tensor&);
using OU = const Tensor& (*)(const Tensor&, const Tensor&);

/// Registers aten::name, aten::name_ and (where PyTorch has it) aten::name.out.
template <U F, IU I, OU O>
void registerUnary(OperatorRegistry& r, std::string_view name) {
  const std::string p = "aten::" + std::string(name);
  r.registerKernel(p, boxed<F>);
  r.registerKernel(p + "_", boxed<I>);
  // relu6 and selu are composites in PyTorch 1.13, without an out= overload.
  if (name != "relu6" && name != "selu") r.registerKernel(p + ".out", outLast<O>);
}

/// The training-mode dropouts draw random masks; Sconce runs inference, so only the
/// eval-mode identity is provided and training mode says so.
Tensor evalOnlyDropout(const Tensor& input, double p, bool train, const char* op) {
  SCONCE_CHECK(UnsupportedError, !train, "{}: training mode is not supported", op);
  SCONCE_CHECK(ValueError, p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got {}", p);
  return input;
}

void registerActivations(OperatorRegistry& r) {
  r.registerKernel("aten::gelu", boxed<[](const Tensor& self, std::string approximate) { return gelu(self, approximate); }>);
  r.registerKernel("aten::gelu_",
                   boxed<[](const Tensor& self, std::string approximate) { return gelu_(self, approximate); }>);
  r.registerKernel("aten::elu", boxed<elu>);
  r.registerKernel("aten::elu_", boxed<elu_>);
  r.registerKernel("aten::celu", boxed<celu>);
  r.registerKernel("aten::celu_", boxed<celu_>);
  r.registerKernel("aten::leaky_relu", boxed<leaky_relu>);
  r.registerKernel("aten::leaky_relu_", boxed<leaky_relu_>);
  r.registerKernel("aten::softplus", boxed<softplus>);
  r.registerKernel("aten::hardtanh", boxed<hardtanh>);
  r.registerKernel("aten::hardtanh_", boxed<hardtanh_>);
  r.registerKernel("aten::threshold", boxed<threshold>);
  r.registerKernel("aten::threshold_", boxed<threshold_>);
  r.registerKernel("aten::logit", boxed<logit>);
  r.registerKernel("aten::logit_", boxed<logit_>);
  r.registerKernel("aten::nan_to_num", boxed<nan_to_num>);
  r.registerKernel("aten::nan_to_num_", boxed<nan_to_num_>);
  r.registerKernel("aten::isnan", boxed<isnan>);
  r.registerKernel("aten::isinf", boxed<isinf>);
  r.registerKernel("aten::isfinite", boxed<isfinite>);
  r.registerKernel("aten::round.decimals",
                   boxed<static_cast<Tensor (*)(const Tensor&, int64_t)>(&round)>);
  r.registerKernel("aten::round_.decimals",
                   boxed<static_cast<const Tensor& (*)(const Tensor&, int64_t)>(&round_)>);

  r.registerKernel("aten::dropout", boxed<[](const Tensor& input, double p, bool train) {
                     return dropout(input, p, train);
                   }>);
  r.registerKernel("aten::dropout_", boxed<[](const Tensor& self, double p, bool train) {
                     if (train) copy_(self, dropout(self, p, true));
                     return self;
                   }>);
  r.registerKernel("aten::feature_dropout", boxed<[](const Tensor& input, double p, bool train) {
                     return evalOnlyDropout(input, p, train, "feature_dropout");
                   }>);
  r.registerKernel("aten::feature_dropout_", boxed<[](const Tensor& self, double p, bool train) {
                     return evalOnlyDropout(self, p, train, "feature_dropout_");
                   }>);
  r.registerKernel("aten::alpha_dropout", boxed<[](const Tensor& input, double p, bool train) {
                     return evalOnlyDropout(input, p, train, "alpha_dropout");
                   }>);
  r.registerKernel("aten::alpha_dropout_", boxed<[](const Tensor& self, double p, bool train) {
                     return evalOnlyDropout(self, p, train, "alpha_dropout_");
                   }>);
}

}  // namespace

void registerUnaryOpKernels(OperatorRegistry& r) {
#define SCONCE_REGISTER_UNARY(name)                                                              \
  registerUnary<static_cast<U>(&name), static_cast<IU>(&name##_), static_cast<OU>(&name##_out)>( \
      r, #name);
  // softsign is a Python-level function in PyTorch, not an aten op.
#define SCONCE_REGISTER_UNARY_ATEN(name) \
  if constexpr (std::string_view(#name) != "softsign") SCONCE_REGISTER_UNARY(name)
  SCONCE_FOR_EACH_UNARY_OP(SCONCE_REGISTER_UNARY_ATEN)
#undef SCONCE_REGISTER_UNARY_ATEN
#undef SCONCE_REGISTER_UNARY
  registerActivations(r);
}

}  // namespace sconce::ops
