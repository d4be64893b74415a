// How the elementwise kernel files configure TensorIter for each op family (internal).
//
// PyTorch builds its iterators in a handful of ways (binary_op, binary_float_op,
// comparison_op, unary_op, unary_float_op); each of our kernel files uses these builders
// so an op's promotion rules follow from naming its family, as in ATen.
#pragma once

#include <string_view>

#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops::detail {

/// The iterator families of ATen's TensorIteratorBase::build_*_op.
enum class IterKind {
  Binary,       // result_type(inputs); cast to and check the output dtype
  BinaryFloat,  // as Binary, integral results computed in float32
  Comparison,   // inputs promoted; the loop writes bool (copied into other output dtypes)
  Unary,        // output dtype = input dtype (no promotion)
  UnaryFloat,   // integral input computed in float32
};

/// Adds a tensor or Python-number operand.
inline void addIterInput(TensorIterConfig& c, const Tensor& t) { c.addInput(t); }
inline void addIterInput(TensorIterConfig& c, const Scalar& s) { c.addInput(s); }

/// Builds the iterator of family `kind` for out = op(inputs...); `out` undefined means
/// allocate, `out` equal to an input means in-place.
template <class... Inputs>
TensorIter makeIter(IterKind kind, std::string_view name, const Tensor& out, const Inputs&... inputs) {
  TensorIterConfig c(name);
  c.addOutput(out);
  (addIterInput(c, inputs), ...);
  switch (kind) {
    case IterKind::Binary:
      c.promoteInputsToCommonDtype().castCommonDtypeToOutputs().enforceSafeCastingToOutput();
      break;
    case IterKind::BinaryFloat:
    case IterKind::UnaryFloat:
      c.promoteInputsToCommonDtype().castCommonDtypeToOutputs().enforceSafeCastingToOutput()
          .promoteIntegerInputsToFloat();
      break;
    case IterKind::Comparison:
      // The loop always writes bool; other output dtypes get a bool temporary.
      c.promoteInputsToCommonDtype().declareStaticDtype(ScalarType::Bool)
          .computeOutputsAs(ScalarType::Bool).castCommonDtypeToOutputs();
      break;
    case IterKind::Unary:
      c.checkAllSameDtype(true);
      break;
  }
  return c.build();
}

/// A kernel body: runs the op over a built iterator (dispatching on its dtypes).
using IterKernel = void (*)(TensorIter&);

/// Builds the iterator, runs `kernel`, returns the result tensor.
template <class... Inputs>
Tensor runIter(IterKind kind, std::string_view name, IterKernel kernel, const Tensor& out,
               const Inputs&... inputs) {
  TensorIter it = makeIter(kind, name, out, inputs...);
  kernel(it);
  return it.output();
}

/// Throws ValueError("ZeroDivisionError"), PyTorch's message for integer division by 0.
[[noreturn]] void failZeroDivision();

}  // namespace sconce::ops::detail

/// Defines the SCONCE_DECLARE_BINARY_OP family of `name` over the kernel `name##Kernel`
/// (in namespace sconce::ops) with iterator family `kind`.
#define SCONCE_DEFINE_BINARY_OP(name, kind)                                                      \
  Tensor name(const Tensor& self, const Tensor& other) {                                         \
    return detail::runIter(kind, #name, name##Kernel, Tensor(), self, other);                    \
  }                                                                                              \
  Tensor name(const Tensor& self, const Scalar& other) {                                         \
    return detail::runIter(kind, #name, name##Kernel, Tensor(), self, other);                    \
  }                                                                                              \
  const Tensor& name##_(const Tensor& self, const Tensor& other) {                               \
    detail::runIter(kind, #name "_", name##Kernel, self, self, other);                           \
    return self;                                                                                 \
  }                                                                                              \
  const Tensor& name##_(const Tensor& self, const Scalar& other) {                               \
    detail::runIter(kind, #name "_", name##Kernel, self, self, other);                           \
    return self;                                                                                 \
  }                                                                                              \
  const Tensor& name##_out(const Tensor& out, const Tensor& self, const Tensor& other) {         \
    detail::runIter(kind, #name, name##Kernel, out, self, other);                                \
    return out;                                                                                  \
  }
