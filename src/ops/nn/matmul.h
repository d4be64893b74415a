// The matrix-multiply family: mm, bmm, matmul, addmm, addmv, mv, dot, baddbmm, addbmm,
// linear, einsum, tensordot, outer.
//
// Every product funnels into one batched GEMM (batchedGemm) that takes strided 3-d
// operands as they come — transposed views need no copy — and calls oneDNN's sgemm for
// float32 (OpenMP-threaded, like the rest of our kernels), OpenBLAS's dgemm for float64,
// and a plain loop for integer dtypes. Half/BFloat16 compute in float32.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops::nn {

/// out[b] = alpha * a[b] @ b[b] + beta * out[b] for 3-d a (B,M,K), b (B,K,N) with any
/// strides (batch stride 0 broadcasts) and contiguous out (B,M,N) of the same dtype.
/// beta == 0 ignores out's contents (NaN included), as BLAS.
void batchedGemm(const Tensor& a, const Tensor& b, const Tensor& out, const Scalar& alpha,
                 const Scalar& beta);

/// aten::mm: (n,m) @ (m,p). "self must be a matrix"; "mat1 and mat2 shapes cannot be
/// multiplied (2x3 and 4x5)".
Tensor mm(const Tensor& self, const Tensor& mat2);
/// aten::bmm: (b,n,m) @ (b,m,p).
Tensor bmm(const Tensor& self, const Tensor& mat2);
/// aten::matmul: torch.matmul's rules (1-d operands get a dim prepended/appended and
/// removed again; batch dims broadcast).
Tensor matmul(const Tensor& self, const Tensor& other);
/// aten::addmm: beta * self + alpha * (mat1 @ mat2), self broadcast to the product.
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta = 1,
             const Scalar& alpha = 1);
/// aten::addmv: beta * self + alpha * (mat @ vec).
Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta = 1,
             const Scalar& alpha = 1);
/// aten::mv: (n,m) @ (m).
Tensor mv(const Tensor& self, const Tensor& vec);
/// aten::dot: 1-d inner product, a 0-d result.
Tensor dot(const Tensor& self, const Tensor& tensor);
/// aten::baddbmm: beta * self + alpha * bmm(batch1, batch2).
Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta = 1,
               const Scalar& alpha = 1);
/// aten::addbmm: beta * self + alpha * sum_b(batch1[b] @ batch2[b]).
Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta = 1,
              const Scalar& alpha = 1);
/// aten::linear: input @ weight.T + bias over input's last dim.
Tensor linear(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias = std::nullopt);
/// aten::outer: self[:, None] * vec2[None, :].
Tensor outer(const Tensor& self, const Tensor& vec2);
/// aten::tensordot: contracts dims_self of self with dims_other of other.
Tensor tensordot(const Tensor& self, const Tensor& other, IntArrayRef dimsSelf, IntArrayRef dimsOther);
/// aten::einsum: any equation (ellipsis, repeated indices = diagonals, implicit output),
/// contracted left to right pairwise through bmm.
Tensor einsum(std::string_view equation, const std::vector<Tensor>& tensors);

}  // namespace sconce::ops::nn
