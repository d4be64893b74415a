// Binary elementwise ops: arithmetic, division variants, pow, comparisons, logical and
// bitwise ops, each with Scalar, in-place and out= forms.
//
// Operands broadcast and promote as PyTorch's TensorIterator binary ops do: the result
// dtype is result_type(self, other) (a Scalar `other` is a Python number and ranks
// lowest), "float" ops turn integral results into float32, comparisons and logical ops
// return bool. In-place forms require the result dtype to be castable to self's dtype
// ("result type Float can't be cast to the desired output type Long") and self not to
// need broadcasting. Integer division, remainder and fmod by zero throw ValueError
// "ZeroDivisionError", as PyTorch's RuntimeError does.
#pragma once

#include <optional>
#include <string_view>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// Declares name(self, other), name_(self, other) for a Tensor and a Scalar `other`, and
/// name_out(out, self, other).
#define SCONCE_DECLARE_BINARY_OP(name)                                                   \
  Tensor name(const Tensor& self, const Tensor& other);                                  \
  Tensor name(const Tensor& self, const Scalar& other);                                  \
  const Tensor& name##_(const Tensor& self, const Tensor& other);                        \
  const Tensor& name##_(const Tensor& self, const Scalar& other);                        \
  const Tensor& name##_out(const Tensor& out, const Tensor& self, const Tensor& other);

/// Every binary op with the plain (self, other) signature, with its semantics. The
/// definitions (binary_*.cpp) expand the same list.
#define SCONCE_FOR_EACH_BINARY_OP(X)                                                          \
  X(mul)           /* self * other; bool: logical and                                    */ \
  X(floor_divide)  /* floor(self / other) (Python //); ints: ZeroDivisionError on 0       */ \
  X(remainder)     /* Python %: result has the sign of other; ints: ZeroDivisionError      */ \
  X(fmod)          /* C fmod: result has the sign of self; ints: ZeroDivisionError         */ \
  X(pow)           /* self ** other; ints use exact integer powers (see pow below)        */ \
  X(atan2)         /* atan2(self, other); float op (integral inputs compute in float32)   */ \
  X(maximum)       /* elementwise max, NaN-propagating                                  */ \
  X(minimum)       /* elementwise min, NaN-propagating                                  */ \
  X(bitwise_and)   /* self & other; integral and bool only                              */ \
  X(bitwise_or)    /* self | other                                                      */ \
  X(bitwise_xor)   /* self ^ other                                                      */ \
  X(bitwise_left_shift)  /* self << other; integral only; shifts >= width give 0        */ \
  X(bitwise_right_shift) /* arithmetic self >> other; integral only                      */ \
  X(logical_and)   /* (self != 0) and (other != 0); bool result                         */ \
  X(logical_or)    /* (self != 0) or (other != 0); bool result                          */ \
  X(logical_xor)   /* (self != 0) != (other != 0); bool result                          */ \
  X(eq)            /* self == other; bool result (in-place: self's dtype)               */ \
  X(ne)            /* self != other                                                     */ \
  X(lt)            /* self < other                                                      */ \
  X(le)            /* self <= other                                                     */ \
  X(gt)            /* self > other                                                      */ \
  X(ge)            /* self >= other                                                     */

SCONCE_FOR_EACH_BINARY_OP(SCONCE_DECLARE_BINARY_OP)

/// aten::add.Tensor / add.Scalar(Tensor self, other, *, Scalar alpha=1): self + alpha *
/// other. alpha must be integral for integral results and bool only for bool results.
Tensor add(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor add(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& add_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& add_out(const Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
/// aten::sub: self - alpha * other; bool operands are rejected as in PyTorch.
Tensor sub(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor sub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
const Tensor& sub_(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);
const Tensor& sub_out(const Tensor& out, const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
/// aten::rsub.Tensor / rsub.Scalar: other - alpha * self (what `1 - x` compiles to).
Tensor rsub(const Tensor& self, const Tensor& other, const Scalar& alpha = 1);
Tensor rsub(const Tensor& self, const Scalar& other, const Scalar& alpha = 1);

/// aten::div.Tensor / div.Scalar: true division; integral inputs compute in float32.
Tensor div(const Tensor& self, const Tensor& other);
Tensor div(const Tensor& self, const Scalar& other);
const Tensor& div_(const Tensor& self, const Tensor& other);
const Tensor& div_(const Tensor& self, const Scalar& other);
const Tensor& div_out(const Tensor& out, const Tensor& self, const Tensor& other);
/// aten::div.Tensor_mode / div.Scalar_mode(..., *, str? rounding_mode): nullopt is true
/// division; "trunc" rounds toward zero, "floor" toward -inf (both keep integral dtypes,
/// with ZeroDivisionError on integer 0). Other modes throw ValueError.
Tensor div(const Tensor& self, const Tensor& other, std::optional<std::string_view> roundingMode);
Tensor div(const Tensor& self, const Scalar& other, std::optional<std::string_view> roundingMode);
const Tensor& div_(const Tensor& self, const Tensor& other, std::optional<std::string_view> roundingMode);
const Tensor& div_(const Tensor& self, const Scalar& other, std::optional<std::string_view> roundingMode);
const Tensor& div_out(const Tensor& out, const Tensor& self, const Tensor& other,
                      std::optional<std::string_view> roundingMode);

/// aten::remainder.Scalar_Tensor(Scalar self, Tensor other).
Tensor remainder(const Scalar& self, const Tensor& other);
/// aten::pow.Scalar(Scalar self, Tensor exponent): dtype result_type(self, exponent).
/// pow(Tensor, Scalar) with an integral self and a negative integral exponent throws
/// "Integers to negative integer powers are not allowed."; for tensor exponents, integer
/// powers with negative exponents give 0 (or +-1 for bases +-1), as PyTorch.
Tensor pow(const Scalar& self, const Tensor& exponent);
/// aten::pow.Tensor_Scalar_out.
const Tensor& pow_out(const Tensor& out, const Tensor& self, const Scalar& exponent);

}  // namespace sconce::ops
