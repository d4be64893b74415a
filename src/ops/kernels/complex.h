// Complex tensor ops (complex64 / complex128): construction from real parts, the
// real/imag views, conjugation, magnitude and phase.
//
// Sconce has no conjugate bit: conj() of a complex tensor materializes the conjugate
// (PyTorch returns a lazy view with is_conj() true), so conj/mH/adjoint of a complex
// tensor are copies and is_conj() is always false. real/imag/view_as_real/view_as_complex
// are true views: they reinterpret the storage as pairs of floats (or back), exactly as
// PyTorch's strides and storage offsets.
#pragma once

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// The real dtype of a complex dtype's parts (ComplexFloat -> Float); others unchanged.
ScalarType toRealValueType(ScalarType t);
/// The complex dtype with parts of dtype t (Float -> ComplexFloat, Double -> ComplexDouble).
ScalarType toComplexValueType(ScalarType t);

/// torch.complex(real, imag): both float32 or both float64; broadcast.
Tensor complex(const Tensor& real, const Tensor& imag);
const Tensor& complex_out(const Tensor& out, const Tensor& real, const Tensor& imag);
/// torch.polar(abs, angle) = abs * (cos(angle) + i sin(angle)).
Tensor polar(const Tensor& abs, const Tensor& angle);
const Tensor& polar_out(const Tensor& out, const Tensor& abs, const Tensor& angle);

/// A float view (sizes + [2]) over a complex tensor's storage.
Tensor view_as_real(const Tensor& self);
/// A complex view over a float tensor whose last dim has size 2 and stride 1.
Tensor view_as_complex(const Tensor& self);
/// Views of the real / imaginary parts; real() of a real tensor is the tensor itself.
Tensor real(const Tensor& self);
Tensor imag(const Tensor& self);

/// conj: the tensor itself for real dtypes, the materialized conjugate for complex.
Tensor conj(const Tensor& self);
Tensor conj_physical(const Tensor& self);
const Tensor& conj_physical_(const Tensor& self);
const Tensor& conj_physical_out(const Tensor& out, const Tensor& self);
/// matrix_H / mH / adjoint: conj(transpose(self, -2, -1)).
Tensor matrix_H(const Tensor& self);

/// |self| of a complex tensor, as its real dtype (abs of real dtypes lives in unary_math).
Tensor complexAbs(const Tensor& self);
/// angle: arg(z) for complex (real dtype result); 0 or pi (NaN kept) for real inputs,
/// integral inputs computed in float32.
Tensor angle(const Tensor& self);
const Tensor& angle_out(const Tensor& out, const Tensor& self);

}  // namespace sconce::ops
