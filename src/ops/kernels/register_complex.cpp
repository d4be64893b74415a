// Boxes the complex tensor ops (complex.h) against their PyTorch 1.13 schemas.
#include "ops/kernels/complex.h"
#include "ops/kernels/register_tensor_kernels.h"

namespace sconce::ops {

void registerComplexOpKernels(OperatorRegistry& r) {
  r.registerKernel("aten::complex", boxed<complex>);
  r.registerKernel("aten::complex.out", outLast<complex_out>);
  r.registerKernel("aten::polar", boxed<static_cast<Tensor (*)(const Tensor&, const Tensor&)>(&polar)>);
  r.registerKernel("aten::polar.out", outLast<polar_out>);
  r.registerKernel("aten::view_as_real", boxed<view_as_real>);
  r.registerKernel("aten::view_as_complex", boxed<view_as_complex>);
  r.registerKernel("aten::real", boxed<real>);
  r.registerKernel("aten::imag", boxed<imag>);
  r.registerKernel("aten::conj", boxed<conj>);
  r.registerKernel("aten::_conj", boxed<conj>);
  r.registerKernel("aten::conj_physical", boxed<conj_physical>);
  r.registerKernel("aten::conj_physical_", boxed<conj_physical_>);
  r.registerKernel("aten::conj_physical.out", outLast<conj_physical_out>);
  // Without a conjugate or negative bit these are identities (complex.h).
  r.registerKernel("aten::resolve_conj", boxed<[](const Tensor& self) { return self; }>);
  r.registerKernel("aten::resolve_neg", boxed<[](const Tensor& self) { return self; }>);
  r.registerKernel("aten::is_conj", boxed<[](const Tensor&) { return false; }>);
  r.registerKernel("aten::is_neg", boxed<[](const Tensor&) { return false; }>);
  r.registerKernel("aten::matrix_H", boxed<matrix_H>);
  r.registerKernel("aten::matrix_H.a", boxed<matrix_H>);
  r.registerKernel("aten::angle", boxed<static_cast<Tensor (*)(const Tensor&)>(&angle)>);
  r.registerKernel("aten::angle.out", outLast<angle_out>);
}

}  // namespace sconce::ops
