// Shared pieces of the unary kernel files (internal): the per-dtype driver and the macro
// defining an op's functional, in-place and out= entry points.
#pragma once

#include "ops/kernels/binary_internal.h"

namespace sconce::ops::detail {

/// Runs out = f(x) over a one-input iterator whose common dtype must be in Set; f is a
/// generic callable evaluated in OpMath<T> (float for Half/BFloat16).
template <unsigned Set, class F>
void unaryKernel(TensorIter& it, std::string_view name, const F& f) {
  dispatchTypes<Set>(it.commonDtype(), name, [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<T, T>(it, [&f](M x) { return f(x); });
  });
}

}  // namespace sconce::ops::detail

/// Defines the SCONCE_DECLARE_UNARY_OP family of `name` over the kernel `name##Kernel`
/// (in namespace sconce::ops) with iterator family `kind`.
#define SCONCE_DEFINE_UNARY_OP(name, kind)                                          \
  Tensor name(const Tensor& self) {                                                 \
    return detail::runIter(kind, #name, name##Kernel, Tensor(), self);              \
  }                                                                                 \
  const Tensor& name##_(const Tensor& self) {                                       \
    detail::runIter(kind, #name "_", name##Kernel, self, self);                     \
    return self;                                                                    \
  }                                                                                 \
  const Tensor& name##_out(const Tensor& out, const Tensor& self) {                 \
    detail::runIter(kind, #name, name##Kernel, out, self);                          \
    return out;                                                                     \
  }
