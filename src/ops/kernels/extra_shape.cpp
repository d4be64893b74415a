// Shape and combination utilities beyond shape.cpp: kron, cross, diff, rot90, vander,
// block_diag, combinations, take_along_dim, the *_scatter ops, isin, tile, the split and
// stack aliases, resize_, and the device/identity ops (cpu, cuda, prim::data).
//
// Most are compositions of the core view, copy and arithmetic kernels, as PyTorch's own
// CompositeImplicit definitions are; dtype and broadcasting rules follow from those.
#include <algorithm>
#include <cstring>
#include <functional>

#include "ops/kernels/creation.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/indexing.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/kernels/shape.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"
#include "ops/nn/matmul.h"

namespace sconce::ops {
namespace {

std::string dimsStr(IntArrayRef d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i]);
  return s + "]";
}

const Tensor& intoOut(const Tensor& out, const Tensor& result) {
  resizeOutput(out, result.sizes());
  copy_(out, result);
  return out;
}

// ---- products and differences -----------------------------------------------------------

Tensor kron(const Tensor& self, const Tensor& other) {
  const int64_t nd = std::max(self.dim(), other.dim());
  Dims a(nd, 1), b(nd, 1), ai, bi, res;
  for (int64_t i = 0; i < self.dim(); ++i) a[nd - self.dim() + i] = self.size(i);
  for (int64_t i = 0; i < other.dim(); ++i) b[nd - other.dim() + i] = other.size(i);
  for (int64_t i = 0; i < nd; ++i) {
    ai.insert(ai.end(), {a[i], 1});
    bi.insert(bi.end(), {1, b[i]});
    res.push_back(a[i] * b[i]);
  }
  return reshape(mul(reshape(self, ai), reshape(other, bi)), res);
}

Tensor linalg_cross(const Tensor& self, const Tensor& other, int64_t dim) {
  SCONCE_CHECK(ValueError, self.dim() == other.dim(),
               "linalg.cross: inputs must have the same number of dimensions.");
  const Dims shape = broadcastShapes(self.sizes(), other.sizes());
  dim = maybeWrapDim(dim, static_cast<int64_t>(shape.size()));
  SCONCE_CHECK(ValueError, self.size(dim) == 3 && other.size(dim) == 3,
               "linalg.cross: inputs dimension {} must have length 3. Got {} and {}", dim, self.size(dim),
               other.size(dim));
  const Tensor a = expand(self, shape), b = expand(other, shape);
  // out[i] = a[i+1] b[i+2] - a[i+2] b[i+1] (indices mod 3).
  return sub(mul(roll(a, {-1}, {dim}), roll(b, {-2}, {dim})), mul(roll(a, {-2}, {dim}), roll(b, {-1}, {dim})));
}

Tensor cross(const Tensor& self, const Tensor& other, std::optional<int64_t> dim) {
  if (!dim) {
    for (int64_t d = 0; d < self.dim() && !dim; ++d)
      if (self.size(d) == 3) dim = d;
    SCONCE_CHECK(ValueError, dim.has_value(), "no dimension of size 3 in input");
  }
  return linalg_cross(self, other, *dim);
}

Tensor diff(const Tensor& self, int64_t n, int64_t dim, const std::optional<Tensor>& prepend,
            const std::optional<Tensor>& append) {
  SCONCE_CHECK(ValueError, self.dim() >= 1, "diff expects input to be at least one-dimensional");
  // PyTorch 1.13 has no check on n: a negative order returns the input, as 0 does.
  dim = maybeWrapDim(dim, self.dim());
  std::vector<Tensor> parts;
  if (prepend) parts.push_back(*prepend);
  parts.push_back(self);
  if (append) parts.push_back(*append);
  Tensor x = parts.size() > 1 ? cat(parts, dim) : self;
  for (int64_t i = 0; i < n && x.size(dim) > 0; ++i) {
    const int64_t len = x.size(dim) - 1;
    const Tensor hi = narrow(x, dim, 1, len), lo = narrow(x, dim, 0, len);
    x = x.dtype() == ScalarType::Bool ? logical_xor(hi, lo) : sub(hi, lo);
  }
  return n <= 0 ? clone(x) : x;
}

Tensor rot90(const Tensor& self, int64_t k, const std::vector<int64_t>& dims) {
  SCONCE_CHECK(ValueError, dims.size() == 2, "expected total rotation dims == 2, but got dims = {}", dims.size());
  SCONCE_CHECK(ValueError, self.dim() >= 2, "expected total dims >= 2, but got total dims = {}", self.dim());
  const int64_t d0 = maybeWrapDim(dims[0], self.dim()), d1 = maybeWrapDim(dims[1], self.dim());
  SCONCE_CHECK(ValueError, d0 != d1, "expected rotation dims to be different, but got dim0 = {} and dim1 = {}", d0, d1);
  k = ((k % 4) + 4) % 4;
  switch (k) {
    case 1: return transpose(flip(self, {d1}), d0, d1);
    case 2: return flip(self, {d0, d1});
    case 3: return transpose(flip(self, {d0}), d0, d1);
    default: return clone(self);
  }
}

Tensor vander(const Tensor& x, std::optional<int64_t> N, bool increasing) {
  SCONCE_CHECK(ValueError, x.dim() == 1, "x must be a one-dimensional tensor.");
  const int64_t n = N.value_or(x.size(0));
  SCONCE_CHECK(ValueError, n >= 0, "N must be non-negative.");
  const ScalarType dtype = promoteTypes(x.dtype(), ScalarType::Long);
  Tensor result = ones({x.size(0), n}, dtype);
  if (n > 1) {
    const Tensor powers = cumprod(expand(unsqueeze(x, 1), {x.size(0), n - 1}), 1, dtype);
    copy_(narrow(result, 1, 1, n - 1), powers);
  }
  return increasing ? result : flip(result, {1});
}

Tensor block_diag(const std::vector<Tensor>& tensors) {
  if (tensors.empty()) return empty({1, 0});
  ScalarType dtype = tensors[0].dtype();
  int64_t rows = 0, cols = 0;
  std::vector<Tensor> mats;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    SCONCE_CHECK(ValueError, t.dim() <= 2,
                 "torch.block_diag: Input tensors must have 2 or fewer dimensions. Input {} has {} dimensions", i,
                 t.dim());
    dtype = promoteTypes(dtype, t.dtype());
    mats.push_back(t.dim() == 2 ? t : reshape(t, {t.dim() == 0 ? 1 : 1, t.dim() == 0 ? 1 : t.size(0)}));
    rows += mats.back().size(0);
    cols += mats.back().size(1);
  }
  Tensor result = zeros({rows, cols}, dtype);
  int64_t r = 0, c = 0;
  for (const Tensor& m : mats) {
    copy_(narrow(narrow(result, 0, r, m.size(0)), 1, c, m.size(1)), m);
    r += m.size(0);
    c += m.size(1);
  }
  return result;
}

Tensor combinations(const Tensor& self, int64_t r, bool withReplacement) {
  SCONCE_CHECK(ValueError, self.dim() == 1, "Expect a 1D vector, but got shape {}", dimsStr(self.sizes()));
  SCONCE_CHECK(ValueError, r >= 0, "Expect a non-negative number, but got {}", r);
  if (r == 0) return empty({0}, self.dtype());
  const int64_t n = self.size(0);
  std::vector<int64_t> flat, cur(r, 0);
  // Lexicographic index tuples, strictly (or, with replacement, weakly) increasing.
  std::function<void(int64_t, int64_t)> rec = [&](int64_t pos, int64_t start) {
    if (pos == r) {
      flat.insert(flat.end(), cur.begin(), cur.end());
      return;
    }
    for (int64_t i = start; i < n; ++i) {
      cur[pos] = i;
      rec(pos + 1, withReplacement ? i : i + 1);
    }
  };
  rec(0, 0);
  const int64_t m = static_cast<int64_t>(flat.size()) / r;
  Tensor idx = empty({static_cast<int64_t>(flat.size())}, ScalarType::Long);
  if (!flat.empty()) std::memcpy(idx.data<int64_t>(), flat.data(), flat.size() * sizeof(int64_t));
  return reshape(index_select(self, 0, idx), {m, r});
}

// ---- gathers and scatters -------------------------------------------------------------------

Tensor take_along_dim(const Tensor& self, const Tensor& indices, std::optional<int64_t> dim) {
  SCONCE_CHECK(ValueError, indices.dtype() == ScalarType::Long,
               "torch.take_along_dim(): dtype of indices should be Long but got {}", scalarTypeName(indices.dtype()));
  if (!dim) return gather(reshape(self, {-1}), 0, reshape(indices, {-1}));
  SCONCE_CHECK(ValueError, self.dim() == indices.dim(),
               "torch.take_along_dim(): input and indices should have the same number of dimensions, but got {} "
               "dimensions for input, and {} dimensions for indices",
               self.dim(), indices.dim());
  const int64_t d = maybeWrapDim(*dim, self.dim());
  Dims idxShape = indices.sizes();
  idxShape[d] = self.size(d);
  Dims shape = broadcastShapes(idxShape, self.sizes());
  Dims selfShape = shape, indicesShape = shape;
  selfShape[d] = self.size(d);
  indicesShape[d] = indices.size(d);
  return gather(expand(self, selfShape), d, expand(indices, indicesShape));
}

void checkScatterSrc(const Tensor& slice, const Tensor& src) {
  SCONCE_CHECK(ValueError, slice.sizes() == src.sizes(),
               "expected src to have a size equal to the slice of self. src size = {}, slice size = {}",
               dimsStr(src.sizes()), dimsStr(slice.sizes()));
}

Tensor select_scatter(const Tensor& self, const Tensor& src, int64_t dim, int64_t index) {
  Tensor out = clone(self);
  Tensor slice = select(out, dim, index);
  checkScatterSrc(slice, src);
  copy_(slice, src);
  return out;
}

Tensor slice_scatter(const Tensor& self, const Tensor& src, int64_t dim, std::optional<int64_t> start,
                     std::optional<int64_t> end, int64_t step) {
  Tensor out = clone(self);
  Tensor slice = ops::slice(out, dim, start, end, step);
  checkScatterSrc(slice, src);
  copy_(slice, src);
  return out;
}

Tensor diagonal_scatter(const Tensor& self, const Tensor& src, int64_t offset, int64_t dim1, int64_t dim2) {
  Tensor out = clone(self);
  Tensor slice = diagonal(out, offset, dim1, dim2);
  checkScatterSrc(slice, src);
  copy_(slice, src);
  return out;
}

// ---- membership -------------------------------------------------------------------------------

Tensor isin(const Tensor& elements, const Tensor& test, bool invert) {
  const ScalarType common = promoteTypes(elements.dtype(), test.dtype());
  const Tensor e = to(elements, common).contiguous(), t = to(test, common).contiguous();
  const Tensor ed = to(e, ScalarType::Double).contiguous(), td = to(t, ScalarType::Double).contiguous();
  std::vector<double> sorted(td.data<double>(), td.data<double>() + td.numel());
  std::sort(sorted.begin(), sorted.end());
  Tensor out = empty(elements.sizes(), ScalarType::Bool);
  bool* o = out.data<bool>();
  const double* p = ed.data<double>();
  for (int64_t i = 0; i < ed.numel(); ++i) o[i] = std::binary_search(sorted.begin(), sorted.end(), p[i]) != invert;
  return out;
}

Tensor scalarTensor(const Scalar& s) { return scalar_tensor(s, std::nullopt); }

// ---- splits and stacks -----------------------------------------------------------------------------

std::vector<Tensor> splitAlong(const Tensor& self, int64_t sections, int64_t dim, const char* op, int64_t minDim) {
  SCONCE_CHECK(ValueError, self.dim() >= minDim,
               "torch.{} requires a tensor with at least {} dimension, but got a tensor with {} dimensions!", op,
               minDim, self.dim());
  SCONCE_CHECK(ValueError, sections != 0 && self.size(dim) % sections == 0,
               "torch.{} attempted to split along dimension {}, but the size of the dimension {} is not divisible by "
               "the split_size {}!",
               op, dim, self.size(dim), sections);
  return tensor_split(self, sections, dim);
}

Tensor column_stack(const std::vector<Tensor>& tensors) {
  SCONCE_CHECK(ValueError, !tensors.empty(), "column_stack expects a non-empty TensorList");
  std::vector<Tensor> cols;
  for (const Tensor& t : tensors) cols.push_back(t.dim() <= 1 ? reshape(t, {t.numel(), 1}) : t);
  return hstack(cols);
}

std::vector<Tensor> broadcast_tensors(const std::vector<Tensor>& tensors) {
  Dims shape;
  for (const Tensor& t : tensors) shape = broadcastShapes(shape, t.sizes());
  std::vector<Tensor> out;
  for (const Tensor& t : tensors) out.push_back(expand(t, shape));
  return out;
}

Tensor tile(const Tensor& self, const std::vector<int64_t>& dims) {
  Dims reps(dims.begin(), dims.end());
  while (static_cast<int64_t>(reps.size()) < self.dim()) reps.insert(reps.begin(), 1);
  return repeat(self, reps);
}

// ---- in place resize -------------------------------------------------------------------------------

const Tensor& resize_(const Tensor& self, const std::vector<int64_t>& size, std::optional<int64_t> memoryFormat) {
  checkSizeNonnegative(size);
  const int64_t numel = checkedNumel(size);
  const size_t needed = static_cast<size_t>(numel + self.storageOffset()) * self.itemsize();
  if (needed > self.storage()->nbytes()) {
    Storage bigger = StorageImpl::allocate(needed);
    std::memcpy(bigger->data(), self.storage()->data(), self.storage()->nbytes());
    self.impl()->setStorage(bigger);
  }
  self.impl()->setSizesAndStrides(Dims(size.begin(), size.end()), contiguousStrides(size), self.storageOffset());
  return self;
}

// ---- einsum with sublists ------------------------------------------------------------------------------

/// aten::einsum.sublist(Tensor a, ...): einsum(op0, sublist0, op1, sublist1, ..., [out_sublist]),
/// rewritten as an equation string (0-25 -> a-z, 26-51 -> A-Z).
void einsumSublist(Stack& stack) {
  std::vector<IValue> args = popValues(stack, popVarargCount(stack));
  auto letters = [](const IValue& v) {
    std::string s;
    for (const IValue& e : v.toList()->elements) {
      const int64_t i = e.toInt();
      SCONCE_CHECK(ValueError, i >= 0 && i < 52, "einsum(): subscript in subscript list is not within the valid range [0, 52)");
      s += static_cast<char>(i < 26 ? 'a' + i : 'A' + (i - 26));
    }
    return s;
  };
  std::string equation;
  std::vector<Tensor> operands;
  size_t i = 0;
  for (; i + 1 < args.size(); i += 2) {
    if (!operands.empty()) equation += ",";
    operands.push_back(args[i].toTensor());
    equation += letters(args[i + 1]);
  }
  equation += "->";
  if (i < args.size()) {
    equation += letters(args[i]);
  } else {
    // Implicit output: the subscripts seen once, in ascending order of their numbers.
    std::string all = equation.substr(0, equation.size() - 2), out;
    std::string sortedLetters;
    for (char c : all)
      if (c != ',' && std::count(all.begin(), all.end(), c) == 1) sortedLetters += c;
    std::sort(sortedLetters.begin(), sortedLetters.end(), [](char a, char b) {
      auto rank = [](char c) { return c >= 'a' ? c - 'a' : c - 'A' + 26; };
      return rank(a) < rank(b);
    });
    equation += sortedLetters;
  }
  push(stack, nn::einsum(equation, operands));
}

}  // namespace

void registerExtraShapeKernels(OperatorRegistry& r) {
  r.registerKernel("aten::kron", boxed<kron>);
  r.registerKernel("aten::kron.out", boxed<[](const Tensor& a, const Tensor& b, const Tensor& out) {
                     return intoOut(out, kron(a, b));
                   }>);
  r.registerKernel("aten::cross", boxed<cross>);
  r.registerKernel("aten::cross.out", boxed<[](const Tensor& a, const Tensor& b, std::optional<int64_t> d,
                                               const Tensor& out) { return intoOut(out, cross(a, b, d)); }>);
  r.registerKernel("aten::linalg_cross", boxed<linalg_cross>);
  r.registerKernel("aten::linalg_cross.out", boxed<[](const Tensor& a, const Tensor& b, int64_t d, const Tensor& out) {
                     return intoOut(out, linalg_cross(a, b, d));
                   }>);
  r.registerKernel("aten::diff", boxed<diff>);
  r.registerKernel("aten::diff.out", boxed<[](const Tensor& s, int64_t n, int64_t d, std::optional<Tensor> p,
                                              std::optional<Tensor> a, const Tensor& out) {
                     return intoOut(out, diff(s, n, d, p, a));
                   }>);
  r.registerKernel("aten::rot90", boxed<rot90>);
  r.registerKernel("aten::rot90.out", boxed<[](const Tensor& s, int64_t k, std::vector<int64_t> d, const Tensor& out) {
                     return intoOut(out, rot90(s, k, d));
                   }>);
  r.registerKernel("aten::vander", boxed<vander>);
  r.registerKernel("aten::block_diag", boxed<block_diag>);
  r.registerKernel("aten::block_diag.out", boxed<[](std::vector<Tensor> t, const Tensor& out) {
                     return intoOut(out, block_diag(t));
                   }>);
  r.registerKernel("aten::combinations", boxed<combinations>);

  r.registerKernel("aten::take_along_dim", boxed<take_along_dim>);
  r.registerKernel("aten::take_along_dim.out", boxed<[](const Tensor& s, const Tensor& i, std::optional<int64_t> d,
                                                        const Tensor& out) {
                     return intoOut(out, take_along_dim(s, i, d));
                   }>);
  r.registerKernel("aten::select_scatter", boxed<select_scatter>);
  r.registerKernel("aten::select_scatter.out", boxed<[](const Tensor& s, const Tensor& src, int64_t d, int64_t i,
                                                        const Tensor& out) {
                     return intoOut(out, select_scatter(s, src, d, i));
                   }>);
  r.registerKernel("aten::slice_scatter", boxed<slice_scatter>);
  r.registerKernel("aten::slice_scatter.out",
                   boxed<[](const Tensor& s, const Tensor& src, int64_t d, std::optional<int64_t> b,
                            std::optional<int64_t> e, int64_t st, const Tensor& out) {
                     return intoOut(out, slice_scatter(s, src, d, b, e, st));
                   }>);
  r.registerKernel("aten::diagonal_scatter", boxed<diagonal_scatter>);
  r.registerKernel("aten::diagonal_scatter.out", boxed<[](const Tensor& s, const Tensor& src, int64_t o, int64_t d1,
                                                          int64_t d2, const Tensor& out) {
                     return intoOut(out, diagonal_scatter(s, src, o, d1, d2));
                   }>);

  r.registerKernel("aten::isin.Tensor_Tensor", boxed<[](const Tensor& e, const Tensor& t, bool, bool invert) {
                     return isin(e, t, invert);
                   }>);
  r.registerKernel("aten::isin.Tensor_Scalar", boxed<[](const Tensor& e, const Scalar& t, bool, bool invert) {
                     return isin(e, scalarTensor(t), invert);
                   }>);
  r.registerKernel("aten::isin.Scalar_Tensor", boxed<[](const Scalar& e, const Tensor& t, bool, bool invert) {
                     return isin(scalarTensor(e), t, invert);
                   }>);
  r.registerKernel("aten::isin.Tensor_Tensor_out",
                   boxed<[](const Tensor& e, const Tensor& t, bool, bool invert, const Tensor& out) {
                     return intoOut(out, isin(e, t, invert));
                   }>);
  r.registerKernel("aten::isin.Tensor_Scalar_out",
                   boxed<[](const Tensor& e, const Scalar& t, bool, bool invert, const Tensor& out) {
                     return intoOut(out, isin(e, scalarTensor(t), invert));
                   }>);
  r.registerKernel("aten::isin.Scalar_Tensor_out",
                   boxed<[](const Scalar& e, const Tensor& t, bool, bool invert, const Tensor& out) {
                     return intoOut(out, isin(scalarTensor(e), t, invert));
                   }>);
  r.registerKernel("aten::is_nonzero", boxed<[](const Tensor& self) {
                     SCONCE_CHECK(ValueError, self.numel() != 0, "Boolean value of Tensor with no values is ambiguous");
                     SCONCE_CHECK(ValueError, self.numel() == 1,
                                  "Boolean value of Tensor with more than one value is ambiguous");
                     return self.itemAsDouble(0) != 0;
                   }>);
  r.registerKernel("aten::is_same_size",
                   boxed<[](const Tensor& self, const Tensor& other) { return self.sizes() == other.sizes(); }>);

  r.registerKernel("aten::tile", boxed<tile>);
  r.registerKernel("aten::ravel", boxed<[](const Tensor& self) { return reshape(self, {-1}); }>);
  r.registerKernel("aten::broadcast_to",
                   boxed<[](const Tensor& self, std::vector<int64_t> size) { return expand(self, size); }>);
  r.registerKernel("aten::broadcast_tensors", boxed<broadcast_tensors>);
  r.registerKernel("aten::column_stack", boxed<column_stack>);
  r.registerKernel("aten::column_stack.out", boxed<[](std::vector<Tensor> t, const Tensor& out) {
                     return intoOut(out, column_stack(t));
                   }>);
  r.registerKernel("aten::row_stack", boxed<[](std::vector<Tensor> t) { return vstack(t); }>);
  r.registerKernel("aten::row_stack.out", boxed<[](std::vector<Tensor> t, const Tensor& out) {
                     return intoOut(out, vstack(t));
                   }>);
  r.registerKernel("aten::hsplit.int", boxed<[](const Tensor& self, int64_t s) {
                     return splitAlong(self, s, self.dim() == 1 ? 0 : 1, "hsplit", 1);
                   }>);
  r.registerKernel("aten::vsplit.int", boxed<[](const Tensor& self, int64_t s) { return splitAlong(self, s, 0, "vsplit", 2); }>);
  r.registerKernel("aten::dsplit.int", boxed<[](const Tensor& self, int64_t s) { return splitAlong(self, s, 2, "dsplit", 3); }>);
  r.registerKernel("aten::hsplit.array", boxed<[](const Tensor& self, std::vector<int64_t> i) {
                     SCONCE_CHECK(ValueError, self.dim() >= 1,
                                  "torch.hsplit requires a tensor with at least 1 dimension, but got a tensor with {} "
                                  "dimensions!",
                                  self.dim());
                     return tensor_split(self, i, self.dim() == 1 ? 0 : 1);
                   }>);
  r.registerKernel("aten::vsplit.array", boxed<[](const Tensor& self, std::vector<int64_t> i) {
                     SCONCE_CHECK(ValueError, self.dim() >= 2,
                                  "torch.vsplit requires a tensor with at least 2 dimension, but got a tensor with {} "
                                  "dimensions!",
                                  self.dim());
                     return tensor_split(self, i, 0);
                   }>);
  r.registerKernel("aten::dsplit.array", boxed<[](const Tensor& self, std::vector<int64_t> i) {
                     SCONCE_CHECK(ValueError, self.dim() >= 3,
                                  "torch.dsplit requires a tensor with at least 3 dimension, but got a tensor with {} "
                                  "dimensions!",
                                  self.dim());
                     return tensor_split(self, i, 2);
                   }>);
  r.registerKernel("aten::narrow_copy", boxed<[](const Tensor& self, int64_t d, int64_t s, int64_t l) {
                     return clone(narrow(self, d, s, l));
                   }>);
  r.registerKernel("aten::narrow_copy.out", boxed<[](const Tensor& self, int64_t d, int64_t s, int64_t l,
                                                     const Tensor& out) { return intoOut(out, narrow(self, d, s, l)); }>);
  r.registerKernel("aten::resize_", boxed<resize_>);

  // Sconce runs on the CPU: .cpu() is the identity and .cuda() cannot succeed.
  r.registerKernel("aten::cpu", boxed<[](const Tensor& self) { return self; }>);
  r.registerKernel("aten::cuda", boxed<[](const Tensor& self) -> Tensor {
                     fail<UnsupportedError>("Torch not compiled with CUDA enabled");
                   }>);
  r.registerKernel("prim::data", boxed<[](const Tensor& self) { return self; }>);
  r.registerKernel("aten::data", boxed<[](const Tensor& self) { return detach(self); }>);
  r.registerKernel("prim::abs", boxed<[](const Tensor& self) { return abs(self); }>);
  r.registerKernel("aten::einsum.sublist", einsumSublist);
}

}  // namespace sconce::ops
