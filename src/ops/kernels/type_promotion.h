// PyTorch's type promotion: promoteTypes, result_type over tensors and scalars, canCast.
//
// Every elementwise op and the tensor iterator decide their computation dtype here, so
// the rules exist once and match c10::promoteTypes / at::native::result_type exactly:
// categories bool < integral < floating < complex; within a category a dimensioned
// tensor beats a 0-d tensor, which beats a Python number ("wrapped number"); a wrapped
// float becomes the default dtype (float32), a wrapped complex the default complex dtype.
#pragma once

#include <initializer_list>
#include <variant>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// torch.get_default_dtype(): the dtype of float literals and of int/int true division.
inline constexpr ScalarType kDefaultFloatDtype = ScalarType::Float;

/// c10::promoteTypes: the smallest dtype both a and b convert to without losing their
/// category (uint8+int8 -> int16, half+bfloat16 -> float32, int64+float16 -> float16).
/// Undefined with anything yields the other. Throws ValueError for quantized dtypes.
ScalarType promoteTypes(ScalarType a, ScalarType b);

/// c10::canCast: whether a result of dtype `from` may be written into a tensor of dtype
/// `to` by an in-place or out= op (no float->integral, no complex->real, nothing->bool).
bool canCast(ScalarType from, ScalarType to);

/// The three priority classes result_type tracks (at::native::ResultTypeState).
struct ResultTypeState {
  ScalarType dimResult = ScalarType::Undefined;
  ScalarType zeroResult = ScalarType::Undefined;
  ScalarType wrappedResult = ScalarType::Undefined;
};

/// Folds one operand into the state. `wrappedNumber` marks a 0-d tensor that stands
/// for a Python number (as at::Tensor::is_wrapped_number()).
ResultTypeState updateResultTypeState(const Tensor& t, const ResultTypeState& state,
                                      bool wrappedNumber = false);
ResultTypeState updateResultTypeState(const Scalar& s, const ResultTypeState& state);
/// The dtype the folded operands promote to.
ScalarType resultType(const ResultTypeState& state);

/// An argument of resultType: a tensor or a Python number.
using Operand = std::variant<Tensor, Scalar>;

/// torch.result_type over any number of operands; undefined tensors are skipped.
ScalarType resultType(std::initializer_list<Operand> operands);

}  // namespace sconce::ops
