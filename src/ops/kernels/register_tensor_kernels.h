// Registration of the typed tensor kernels (kernels/*.h) in the operator table, and the
// small adapters the registration files share.
//
// The typed kernels mirror aten's C++ API; the interpreter calls `void(Stack&)` kernels
// by schema. Each register_*.cpp file boxes one family against every overload of the
// PyTorch 1.13 schemas it implements (Dimname overloads are skipped: Sconce has no named
// tensors). Where a schema's argument order differs from the typed function (out=
// arguments come last in schemas, first in `_out` functions) an adapter here bridges it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "ops/boxing.h"
#include "ops/operator_registry.h"

namespace sconce::ops {

/// Registers every family below (called from registerAllKernels).
void registerTensorKernels(OperatorRegistry& registry);

void registerBinaryOpKernels(OperatorRegistry& registry);    // register_binary.cpp
void registerUnaryOpKernels(OperatorRegistry& registry);     // register_unary.cpp
void registerReduceOpKernels(OperatorRegistry& registry);    // register_reduce.cpp (+ sort)
void registerShapeOpKernels(OperatorRegistry& registry);     // register_shape.cpp (+ to/clone)
void registerIndexingOpKernels(OperatorRegistry& registry);  // register_indexing.cpp
void registerCreationOpKernels(OperatorRegistry& registry);  // register_creation.cpp
void registerComplexOpKernels(OperatorRegistry& registry);   // register_complex.cpp

/// Rejects a `Device?` argument naming anything but the CPU: the kernels here allocate
/// host memory only, and silently returning a CPU tensor for `device='cuda'` would move
/// the failure somewhere far from its cause.
void checkCpuDevice(const std::optional<Device>& device, std::string_view op);

namespace detail {

template <auto Fn, class Out, class... A>
void callOutLast(Stack& stack, std::tuple<Out, A...>*) {
  auto args = popArgs<A..., Tensor>(stack);
  constexpr size_t n = sizeof...(A);
  Tensor out = std::get<n>(args);
  [&]<size_t... I>(std::index_sequence<I...>) { Fn(out, std::get<I>(args)...); }(std::make_index_sequence<n>{});
  push(stack, out);
}

}  // namespace detail

/// A kernel for an out= schema `op.out(args..., *, Tensor(a!) out) -> Tensor(a!)` from a
/// typed `op_out(out, args...)`: pops the arguments with `out` last, calls Fn with it
/// first and pushes `out`.
template <auto Fn>
void outLast(Stack& stack) {
  using Args = typename detail::FnTraits<decltype(Fn)>::Args;
  detail::callOutLast<Fn>(stack, static_cast<Args*>(nullptr));
}

/// `str?` arguments for typed functions taking std::optional<std::string_view>.
inline std::optional<std::string_view> optionalView(const std::optional<std::string>& s) {
  return s ? std::optional<std::string_view>(*s) : std::nullopt;
}

}  // namespace sconce::ops
