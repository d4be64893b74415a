// Elementwise kernels callable from C++: copy/convert/fill, selection and pointwise ops.
//
// These are the plain functions the operator table boxes (like at::add, at::where): the
// argument order, defaults and semantics (broadcasting, type promotion, in-place rules,
// error messages) follow PyTorch's schemas, named in each contract. In-place variants
// end in `_` and return `self`; `_out` variants write into a caller's tensor, which is
// resized if its shape differs. Unary and binary math live in unary.h and binary.h,
// included here so one header gives the whole elementwise library. Complex64/128 take
// part in copies, fills, arithmetic and equality (complex.h has their own ops).
#pragma once

#include <optional>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// aten::copy_(Tensor(a!) self, Tensor src, bool non_blocking=False): copies src into
/// self, broadcasting src to self's shape and converting dtype. self must not need
/// broadcasting nor overlap itself, nor overlap src partially. Returns self.
const Tensor& copy_(const Tensor& self, const Tensor& src, bool nonBlocking = false);

/// aten::to.dtype(Tensor self, ScalarType dtype, bool non_blocking=False, bool copy=False):
/// self if it already has `dtype` and !copy, else a converted copy (keeping self's
/// strides when self is dense, else contiguous).
Tensor to(const Tensor& self, ScalarType dtype, bool nonBlocking = false, bool copy = false);

/// aten::fill_.Scalar / fill_.Tensor: sets every element (value converted to self's dtype;
/// a tensor value must be 0-d). Returns self.
const Tensor& fill_(const Tensor& self, const Scalar& value);
const Tensor& fill_(const Tensor& self, const Tensor& value);
/// aten::zero_: fill_(self, 0).
const Tensor& zero_(const Tensor& self);

/// aten::where.self(Tensor condition, Tensor self, Tensor other): condition ? self : other,
/// broadcast over all three; result dtype result_type(self, other). condition must be bool
/// (uint8 accepted, as PyTorch 1.13). Scalar overloads are where.ScalarSelf/ScalarOther/Scalar.
Tensor where(const Tensor& condition, const Tensor& self, const Tensor& other);
Tensor where(const Tensor& condition, const Scalar& self, const Tensor& other);
Tensor where(const Tensor& condition, const Tensor& self, const Scalar& other);
Tensor where(const Tensor& condition, const Scalar& self, const Scalar& other);

/// aten::masked_fill.Scalar / .Tensor: self with elements where `mask` (bool) is true set
/// to value (a tensor value must be 0-d). The out-of-place form broadcasts self and mask;
/// the in-place form requires mask to broadcast to self.
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Scalar& value);
Tensor masked_fill(const Tensor& self, const Tensor& mask, const Tensor& value);
const Tensor& masked_fill_(const Tensor& self, const Tensor& mask, const Scalar& value);
const Tensor& masked_fill_(const Tensor& self, const Tensor& mask, const Tensor& value);

/// aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None): min(max(self, min), max)
/// (a NaN input stays NaN; min > max gives max). Integer self with float bounds promotes
/// (result_type(self, min, max)). At least one bound is required.
Tensor clamp(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max);
/// aten::clamp.Tensor(Tensor self, Tensor? min=None, Tensor? max=None): bounds broadcast;
/// a NaN bound gives NaN.
Tensor clamp(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max);
const Tensor& clamp_(const Tensor& self, const std::optional<Scalar>& min, const std::optional<Scalar>& max);
const Tensor& clamp_(const Tensor& self, const std::optional<Tensor>& min, const std::optional<Tensor>& max);
/// aten::clamp_min / clamp_max (Scalar and Tensor bound).
Tensor clamp_min(const Tensor& self, const Scalar& min);
Tensor clamp_min(const Tensor& self, const Tensor& min);
Tensor clamp_max(const Tensor& self, const Scalar& max);
Tensor clamp_max(const Tensor& self, const Tensor& max);
const Tensor& clamp_min_(const Tensor& self, const Scalar& min);
const Tensor& clamp_max_(const Tensor& self, const Scalar& max);

/// aten::lerp.Scalar / .Tensor(Tensor self, Tensor end, weight): self + weight * (end -
/// self), evaluated as PyTorch does for accuracy near weight 1. Floating dtypes only.
Tensor lerp(const Tensor& self, const Tensor& end, const Scalar& weight);
Tensor lerp(const Tensor& self, const Tensor& end, const Tensor& weight);
const Tensor& lerp_(const Tensor& self, const Tensor& end, const Scalar& weight);
const Tensor& lerp_(const Tensor& self, const Tensor& end, const Tensor& weight);

/// aten::addcmul(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1):
/// self + value * tensor1 * tensor2, broadcast and promoted over all three.
Tensor addcmul(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);
const Tensor& addcmul_(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);
/// aten::addcdiv: self + value * tensor1 / tensor2; integer tensor1 and tensor2 are rejected
/// as PyTorch does.
Tensor addcdiv(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);
const Tensor& addcdiv_(const Tensor& self, const Tensor& tensor1, const Tensor& tensor2, const Scalar& value = 1);

}  // namespace sconce::ops

#include "ops/kernels/binary.h"
#include "ops/kernels/unary.h"
