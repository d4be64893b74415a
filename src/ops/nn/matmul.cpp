// The matrix-multiply family, on one strided batched GEMM.
#include "ops/nn/matmul.h"

#include <cblas.h>
#include <fmt/ranges.h>
#include <oneapi/dnnl/dnnl.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "ops/kernels/binary.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/shape.h"
#include "ops/nn/nn_common.h"

namespace sconce::ops::nn {

namespace {

// How one matrix operand is laid out for a row-major GEMM: element (r, c) lives at
// r * ld + c (trans == false) or c * ld + r (trans == true).
struct MatLayout {
  bool trans = false;
  int64_t ld = 0;
  bool ok = false;
};

MatLayout layoutOf(int64_t rows, int64_t cols, int64_t rowStride, int64_t colStride) {
  // A size-1 dim's stride is meaningless; BLAS still needs ld >= the row length.
  if (colStride == 1 || cols == 1) {
    int64_t ld = rows == 1 ? std::max<int64_t>(cols, 1) : rowStride;
    if (ld >= std::max<int64_t>(cols, 1)) return {false, ld, true};
  }
  if (rowStride == 1 || rows == 1) {
    int64_t ld = cols == 1 ? std::max<int64_t>(rows, 1) : colStride;
    if (ld >= std::max<int64_t>(rows, 1)) return {true, ld, true};
  }
  return {};
}

template <class T>
void gemmOne(const MatLayout& la, const MatLayout& lb, int64_t M, int64_t N, int64_t K, T alpha,
             const T* A, const T* B, T beta, T* C) {
  if constexpr (std::is_same_v<T, float>) {
    dnnl_sgemm(la.trans ? 'T' : 'N', lb.trans ? 'T' : 'N', M, N, K, alpha, A, la.ld, B, lb.ld, beta, C, N);
  } else if constexpr (std::is_same_v<T, double>) {
    cblas_dgemm(CblasRowMajor, la.trans ? CblasTrans : CblasNoTrans, lb.trans ? CblasTrans : CblasNoTrans,
                static_cast<blasint>(M), static_cast<blasint>(N), static_cast<blasint>(K), alpha, A,
                static_cast<blasint>(la.ld), B, static_cast<blasint>(lb.ld), beta, C, static_cast<blasint>(N));
  } else {
    auto at = [&](int64_t r, int64_t c) { return la.trans ? A[c * la.ld + r] : A[r * la.ld + c]; };
    auto bt = [&](int64_t r, int64_t c) { return lb.trans ? B[c * lb.ld + r] : B[r * lb.ld + c]; };
    for (int64_t i = 0; i < M; ++i) {
      for (int64_t j = 0; j < N; ++j) {
        T acc = 0;
        for (int64_t k = 0; k < K; ++k) acc += at(i, k) * bt(k, j);
        T prev = beta == T(0) ? T(0) : static_cast<T>(beta * C[i * N + j]);
        C[i * N + j] = static_cast<T>(prev + alpha * acc);
      }
    }
  }
}

template <class T>
void batchedGemmTyped(Tensor a, Tensor b, const Tensor& out, T alpha, T beta) {
  const int64_t B = a.size(0), M = a.size(1), K = a.size(2), N = b.size(2);
  MatLayout la = layoutOf(M, K, a.stride(1), a.stride(2));
  if (!la.ok) {
    a = a.contiguous();
    la = layoutOf(M, K, a.stride(1), a.stride(2));
  }
  MatLayout lb = layoutOf(K, N, b.stride(1), b.stride(2));
  if (!lb.ok) {
    b = b.contiguous();
    lb = layoutOf(K, N, b.stride(1), b.stride(2));
  }
  const T* A = a.data<T>();
  const T* Bp = b.data<T>();
  T* C = out.data<T>();
  const int64_t sa = a.stride(0), sb = b.stride(0);
  if (M == 0 || N == 0) return;
  if (K == 0) {
    for (int64_t i = 0; i < B * M * N; ++i) C[i] = beta == T(0) ? T(0) : static_cast<T>(beta * C[i]);
    return;
  }
  auto one = [&](int64_t i) {
    gemmOne<T>(la, lb, M, N, K, alpha, A + i * sa, Bp + i * sb, beta, C + i * M * N);
  };
  // Small products: one GEMM per thread; large ones: each GEMM uses every thread.
  const int64_t work = M * N * K;
  if (B > 1 && work < (int64_t{1} << 18)) {
    parallelFor(0, B, std::max<int64_t>(1, (int64_t{1} << 18) / std::max<int64_t>(work, 1)),
                [&](int64_t lo, int64_t hi) {
                  for (int64_t i = lo; i < hi; ++i) one(i);
                });
  } else {
    for (int64_t i = 0; i < B; ++i) one(i);
  }
}

bool isReduced(ScalarType t) { return t == ScalarType::Half || t == ScalarType::BFloat16; }

void checkSameDtype(const Tensor& a, const Tensor& b) {
  SCONCE_CHECK(ValueError, a.dtype() == b.dtype(), "expected scalar type {} but found {}",
               scalarTypeShortName(a.dtype()), scalarTypeShortName(b.dtype()));
}

// The product of 3-d a and b into a fresh (B,M,N) tensor, plus beta * init when given
// (init broadcastable to (B,M,N)).
Tensor bmmInto(const Tensor& a, const Tensor& b, const std::optional<Tensor>& init, const Scalar& beta,
               const Scalar& alpha) {
  const ScalarType dt = a.dtype();
  const Dims shape{a.size(0), a.size(1), b.size(2)};
  if (dt == ScalarType::Half) failDtypeNotImplemented("addmm_impl_cpu_", dt);
  if (isReduced(dt)) {
    std::optional<Tensor> init32;
    if (init) init32 = init->toType(ScalarType::Float);
    return bmmInto(a.toType(ScalarType::Float), b.toType(ScalarType::Float), init32, beta, alpha).toType(dt);
  }
  Tensor out = Tensor::empty(shape, dt);
  const bool useInit = init.has_value() && !(beta.toDouble() == 0 && !beta.isComplex());
  if (useInit) copy_(out, expand(*init, shape));
  dispatchTypes<kIntTypes | kFloatTypes | kComplexTypes>(dt, "addmm_impl_cpu_", [&](auto tag) {
    using T = decltype(tag);
    batchedGemmTyped<T>(a, b, out, alpha.to<T>(), useInit ? beta.to<T>() : T(0));
  });
  return out;
}

std::string shapeStr(const Tensor& t) { return fmt::format("[{}]", fmt::join(t.sizes(), ", ")); }

}  // namespace

void batchedGemm(const Tensor& a, const Tensor& b, const Tensor& out, const Scalar& alpha, const Scalar& beta) {
  dispatchTypes<kIntTypes | kFloatTypes | kComplexTypes>(a.dtype(), "bmm", [&](auto tag) {
    using T = decltype(tag);
    batchedGemmTyped<T>(a, b, out, alpha.to<T>(), beta.to<T>());
  });
}

Tensor mm(const Tensor& self, const Tensor& mat2) {
  SCONCE_CHECK(ValueError, self.dim() == 2, "self must be a matrix");
  SCONCE_CHECK(ValueError, mat2.dim() == 2, "mat2 must be a matrix");
  SCONCE_CHECK(ValueError, self.size(1) == mat2.size(0),
               "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})", self.size(0), self.size(1),
               mat2.size(0), mat2.size(1));
  checkSameDtype(self, mat2);
  return squeeze(bmmInto(unsqueeze(self, 0), unsqueeze(mat2, 0), std::nullopt, 0, 1), 0);
}

Tensor bmm(const Tensor& self, const Tensor& mat2) {
  SCONCE_CHECK(ValueError, self.dim() == 3, "batch1 must be a 3D tensor");
  SCONCE_CHECK(ValueError, mat2.dim() == 3, "batch2 must be a 3D tensor");
  SCONCE_CHECK(ValueError, mat2.size(0) == self.size(0) && mat2.size(1) == self.size(2),
               "Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but got: [{}, {}].",
               self.size(0), self.size(2), mat2.size(0), mat2.size(1));
  checkSameDtype(self, mat2);
  return bmmInto(self, mat2, std::nullopt, 0, 1);
}

Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, const Scalar& beta, const Scalar& alpha) {
  SCONCE_CHECK(ValueError, mat1.dim() == 2, "mat1 must be a matrix, got {}-D tensor", mat1.dim());
  SCONCE_CHECK(ValueError, mat2.dim() == 2, "mat2 must be a matrix, got {}-D tensor", mat2.dim());
  SCONCE_CHECK(ValueError, mat1.size(1) == mat2.size(0),
               "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})", mat1.size(0), mat1.size(1),
               mat2.size(0), mat2.size(1));
  checkSameDtype(mat1, mat2);
  checkSameDtype(self, mat1);
  Tensor init = expand(self, {mat1.size(0), mat2.size(1)});
  return squeeze(bmmInto(unsqueeze(mat1, 0), unsqueeze(mat2, 0), unsqueeze(init, 0), beta, alpha), 0);
}

Tensor mv(const Tensor& self, const Tensor& vec) {
  SCONCE_CHECK(ValueError, self.dim() == 2 && vec.dim() == 1,
               "vector + matrix @ vector expected, got {}, {}, {}", 1, self.dim(), vec.dim());
  SCONCE_CHECK(ValueError, self.size(1) == vec.size(0), "size mismatch, got {}, {}x{},{}", self.size(0),
               self.size(0), self.size(1), vec.size(0));
  checkSameDtype(self, vec);
  return view(bmmInto(unsqueeze(self, 0), view(vec, {1, vec.size(0), 1}), std::nullopt, 0, 1), {self.size(0)});
}

Tensor addmv(const Tensor& self, const Tensor& mat, const Tensor& vec, const Scalar& beta, const Scalar& alpha) {
  SCONCE_CHECK(ValueError, mat.dim() == 2 && vec.dim() == 1 && self.dim() <= 1,
               "vector + matrix @ vector expected, got {}, {}, {}", self.dim(), mat.dim(), vec.dim());
  SCONCE_CHECK(ValueError, mat.size(1) == vec.size(0) && (self.numel() == 1 || self.size(0) == mat.size(0)),
               "size mismatch, got {}, {}x{},{}", self.dim() == 0 ? 1 : self.size(0), mat.size(0), mat.size(1),
               vec.size(0));
  checkSameDtype(mat, vec);
  Tensor init = view(expand(self, {mat.size(0)}), {1, mat.size(0), 1});
  return view(bmmInto(unsqueeze(mat, 0), view(vec, {1, vec.size(0), 1}), init, beta, alpha), {mat.size(0)});
}

Tensor dot(const Tensor& self, const Tensor& tensor) {
  SCONCE_CHECK(ValueError, self.dim() == 1 && tensor.dim() == 1,
               "1D tensors expected, but got {}D and {}D tensors", self.dim(), tensor.dim());
  SCONCE_CHECK(ValueError, self.dtype() == tensor.dtype(),
               "dot : expected both vectors to have same dtype, but found {} and {}", scalarTypeName(self.dtype()),
               scalarTypeName(tensor.dtype()));
  SCONCE_CHECK(ValueError, self.numel() == tensor.numel(),
               "inconsistent tensor size, expected tensor [{}] and src [{}] to have the same number of elements, "
               "but got {} and {} elements respectively",
               self.numel(), tensor.numel(), self.numel(), tensor.numel());
  const int64_t n = self.size(0);
  return view(bmmInto(view(self, {1, 1, n}), view(tensor, {1, n, 1}), std::nullopt, 0, 1), IntArrayRef{});
}

Tensor baddbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
               const Scalar& alpha) {
  SCONCE_CHECK(ValueError, batch1.dim() == 3, "batch1 must be a 3D tensor");
  SCONCE_CHECK(ValueError, batch2.dim() == 3, "batch2 must be a 3D tensor");
  SCONCE_CHECK(ValueError, batch2.size(0) == batch1.size(0) && batch2.size(1) == batch1.size(2),
               "Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but got: [{}, {}].",
               batch1.size(0), batch1.size(2), batch2.size(0), batch2.size(1));
  checkSameDtype(batch1, batch2);
  checkSameDtype(self, batch1);
  Tensor init = expand(self, {batch1.size(0), batch1.size(1), batch2.size(2)});
  return bmmInto(batch1, batch2, init, beta, alpha);
}

Tensor addbmm(const Tensor& self, const Tensor& batch1, const Tensor& batch2, const Scalar& beta,
              const Scalar& alpha) {
  SCONCE_CHECK(ValueError, batch1.dim() == 3, "batch1 must be a 3D tensor");
  SCONCE_CHECK(ValueError, batch2.dim() == 3, "batch2 must be a 3D tensor");
  SCONCE_CHECK(ValueError, batch1.size(0) == batch2.size(0),
               "batch1 and batch2 must have same number of batches, got {} and {}", batch1.size(0), batch2.size(0));
  SCONCE_CHECK(ValueError, batch1.size(2) == batch2.size(1),
               "Incompatible matrix sizes for bmm ({}x{} and {}x{})", batch1.size(1), batch1.size(2), batch2.size(1),
               batch2.size(2));
  checkSameDtype(batch1, batch2);
  // sum_b A[b] @ B[b] is one GEMM of A permuted to (M, B*K) with B stacked to (B*K, N).
  const int64_t nb = batch1.size(0), M = batch1.size(1), K = batch1.size(2), N = batch2.size(2);
  Tensor a = reshape(permute(batch1, {1, 0, 2}), {1, M, nb * K});
  Tensor b = reshape(batch2, {1, nb * K, N});
  Tensor init = unsqueeze(expand(self, {M, N}), 0);
  return squeeze(bmmInto(a, b, init, beta, alpha), 0);
}

Tensor matmul(const Tensor& self, const Tensor& other) {
  const int64_t d1 = self.dim(), d2 = other.dim();
  SCONCE_CHECK(ValueError, d1 > 0 && d2 > 0,
               "both arguments to matmul need to be at least 1D, but they are {}D and {}D", d1, d2);
  if (d1 == 1 && d2 == 1) return dot(self, other);
  if (d1 == 2 && d2 == 1) return mv(self, other);
  if (d1 == 1 && d2 == 2) return squeeze(mm(unsqueeze(self, 0), other), 0);
  if (d1 == 2 && d2 == 2) return mm(self, other);
  if (d1 >= 3 && (d2 == 1 || d2 == 2)) {
    // Fold the batch into the rows: one GEMM instead of a batch of them.
    Tensor t2 = d2 == 1 ? unsqueeze(other, -1) : other;
    Dims outShape(self.sizes().begin(), self.sizes().end() - 1);
    const int64_t k = self.size(-1);
    SCONCE_CHECK(ValueError, k == t2.size(0), "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
                 self.numel() / std::max<int64_t>(k, 1), k, t2.size(0), t2.size(1));
    Tensor folded = reshape(self, {-1, k});
    Tensor r = mm(folded, t2);
    if (d2 == 2) outShape.push_back(t2.size(1));
    return view(r, outShape);
  }
  // Broadcast batch matmul.
  Tensor a = d1 == 1 ? unsqueeze(self, 0) : self;
  Tensor b = d2 == 1 ? unsqueeze(other, -1) : other;
  const int64_t n = a.size(-2), m1 = a.size(-1), m2 = b.size(-2), p = b.size(-1);
  Dims batchA(a.sizes().begin(), a.sizes().end() - 2), batchB(b.sizes().begin(), b.sizes().end() - 2);
  Dims batch = broadcastShapes(batchA, batchB);
  const int64_t nb = std::accumulate(batch.begin(), batch.end(), int64_t{1}, std::multiplies<>());
  Dims ea = batch, eb = batch;
  ea.insert(ea.end(), {n, m1});
  eb.insert(eb.end(), {m2, p});
  SCONCE_CHECK(ValueError, m1 == m2, "Expected size for first two dimensions of batch2 tensor to be: [{}, {}] but got: [{}, {}].",
               nb, m1, nb, m2);
  Tensor r = bmm(reshape(expand(a, ea), {nb, n, m1}), reshape(expand(b, eb), {nb, m2, p}));
  Dims outShape = batch;
  if (d1 > 1) outShape.push_back(n);
  if (d2 > 1) outShape.push_back(p);
  return view(r, outShape);
}

Tensor linear(const Tensor& input, const Tensor& weight, const std::optional<Tensor>& bias) {
  SCONCE_CHECK(ValueError, weight.dim() == 2 || weight.dim() == 1, "linear: weight must be 1-D or 2-D");
  if (weight.dim() == 1 || input.dim() == 0) {
    Tensor r = matmul(input, t(weight));
    return bias ? add(r, *bias) : r;
  }
  const int64_t k = input.size(-1), outF = weight.size(0);
  SCONCE_CHECK(ValueError, k == weight.size(1), "mat1 and mat2 shapes cannot be multiplied ({}x{} and {}x{})",
               input.numel() / std::max<int64_t>(k, 1), k, weight.size(1), weight.size(0));
  checkSameDtype(input, weight);
  Dims outShape(input.sizes().begin(), input.sizes().end() - 1);
  outShape.push_back(outF);
  Tensor folded = unsqueeze(reshape(input, {-1, k}), 0);
  std::optional<Tensor> init;
  if (bias) {
    checkSameDtype(*bias, input);
    init = unsqueeze(expand(*bias, {folded.size(1), outF}), 0);
  }
  return view(bmmInto(folded, unsqueeze(t(weight), 0), init, 1, 1), outShape);
}

Tensor outer(const Tensor& self, const Tensor& vec2) {
  SCONCE_CHECK(ValueError, self.dim() == 1 && vec2.dim() == 1,
               "outer: Expected 1-D argument self, but got {}-D", self.dim() == 1 ? vec2.dim() : self.dim());
  return mul(unsqueeze(self, 1), unsqueeze(vec2, 0));
}

Tensor tensordot(const Tensor& self, const Tensor& other, IntArrayRef dimsSelf, IntArrayRef dimsOther) {
  SCONCE_CHECK(ValueError, dimsSelf.size() == dimsOther.size(), "both dimension lists should have same length");
  std::vector<bool> contractedA(self.dim(), false), contractedB(other.dim(), false);
  Dims permA, permB, outShape;
  int64_t k = 1;
  for (size_t i = 0; i < dimsSelf.size(); ++i) {
    int64_t da = maybeWrapDim(dimsSelf[i], self.dim()), db = maybeWrapDim(dimsOther[i], other.dim());
    SCONCE_CHECK(ValueError, self.size(da) == other.size(db),
                 "contracted dimensions need to match, but first has size {} in dim {} and second has size {} in "
                 "dim {}",
                 self.size(da), da, other.size(db), db);
    contractedA[da] = contractedB[db] = true;
    k *= self.size(da);
  }
  int64_t m = 1, n = 1;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (!contractedA[d]) {
      permA.push_back(d);
      outShape.push_back(self.size(d));
      m *= self.size(d);
    }
  for (size_t i = 0; i < dimsSelf.size(); ++i) permA.push_back(maybeWrapDim(dimsSelf[i], self.dim()));
  for (size_t i = 0; i < dimsOther.size(); ++i) permB.push_back(maybeWrapDim(dimsOther[i], other.dim()));
  for (int64_t d = 0; d < other.dim(); ++d)
    if (!contractedB[d]) {
      permB.push_back(d);
      outShape.push_back(other.size(d));
      n *= other.size(d);
    }
  Tensor a = reshape(permute(self, permA), {m, k});
  Tensor b = reshape(permute(other, permB), {k, n});
  return view(mm(a, b), outShape);
}

}  // namespace sconce::ops::nn
