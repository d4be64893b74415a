// TensorIter planning: operand checks, broadcasting, dtype computation, output
// allocation, dimension reordering and coalescing (after ATen's TensorIteratorBase).
#include "ops/kernels/tensor_iterator.h"

#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {

void failDtypeNotImplemented(std::string_view op, ScalarType t) {
  fail<ValueError>("\"{}\" not implemented for '{}'", op, scalarTypeShortName(t));
}

void detail::loadAsFloat(ScalarType t, const char* p, int64_t stride, float* out, int64_t n) {
  dispatchTypes<kAllTypesAndBool>(t, "loadAsFloat", [&](auto tag) {
    using T = decltype(tag);
    if (stride == static_cast<int64_t>(sizeof(T))) {
      const T* src = reinterpret_cast<const T*>(p);
      for (int64_t i = 0; i < n; ++i) out[i] = castTo<float>(src[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) out[i] = castTo<float>(*reinterpret_cast<const T*>(p + i * stride));
    }
  });
}

void detail::storeFromFloat(ScalarType t, const float* in, char* p, int64_t stride, int64_t n) {
  dispatchTypes<kAllTypesAndBool>(t, "storeFromFloat", [&](auto tag) {
    using T = decltype(tag);
    if (stride == static_cast<int64_t>(sizeof(T))) {
      T* dst = reinterpret_cast<T*>(p);
      for (int64_t i = 0; i < n; ++i) dst[i] = castTo<T>(in[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) *reinterpret_cast<T*>(p + i * stride) = castTo<T>(in[i]);
    }
  });
}

Dims broadcastShapes(IntArrayRef a, IntArrayRef b) {
  const size_t n = std::max(a.size(), b.size());
  Dims out(n);
  for (size_t i = 0; i < n; ++i) {
    // Align from the right; a missing dim acts as size 1.
    const ptrdiff_t ia = static_cast<ptrdiff_t>(a.size()) - static_cast<ptrdiff_t>(n) + static_cast<ptrdiff_t>(i);
    const ptrdiff_t ib = static_cast<ptrdiff_t>(b.size()) - static_cast<ptrdiff_t>(n) + static_cast<ptrdiff_t>(i);
    const int64_t sa = ia >= 0 ? a[ia] : 1;
    const int64_t sb = ib >= 0 ? b[ib] : 1;
    SCONCE_CHECK(ValueError, sa == sb || sa == 1 || sb == 1,
                 "The size of tensor a ({}) must match the size of tensor b ({}) at "
                 "non-singleton dimension {}",
                 sa, sb, i);
    out[i] = sa == 1 ? sb : sa;
  }
  return out;
}

bool isNonOverlappingAndDense(const Tensor& t) {
  std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size) for sizes >= 2
  for (int64_t d = 0; d < t.dim(); ++d)
    if (t.sizes()[d] >= 2) dims.emplace_back(t.strides()[d], t.sizes()[d]);
  std::sort(dims.begin(), dims.end());
  int64_t expected = 1;
  for (auto [stride, size] : dims) {
    if (stride != expected) return false;
    expected *= size;
  }
  return true;
}

void assertNoInternalOverlap(const Tensor& t) {
  if (isNonOverlappingAndDense(t)) return;
  for (int64_t d = 0; d < t.dim(); ++d) {
    SCONCE_CHECK(ValueError, !(t.sizes()[d] > 1 && t.strides()[d] == 0),
                 "unsupported operation: more than one element of the written-to tensor refers "
                 "to a single memory location. Please clone() the tensor before performing the "
                 "operation.");
  }
}

void assertNoPartialOverlap(const Tensor& a, const Tensor& b) {
  if (a.is(b) || a.numel() == 0 || b.numel() == 0) return;
  if (a.storage().get() != b.storage().get()) return;
  if (!isNonOverlappingAndDense(a) || !isNonOverlappingAndDense(b)) return;  // too hard to tell
  const char* aBegin = static_cast<const char*>(a.rawData());
  const char* aEnd = aBegin + a.nbytes();
  const char* bBegin = static_cast<const char*>(b.rawData());
  const char* bEnd = bBegin + b.nbytes();
  const bool partial = (aBegin == bBegin && aEnd == bEnd) ? a.strides() != b.strides()
                                                          : (aBegin < bEnd && bBegin < aEnd);
  SCONCE_CHECK(ValueError, !partial,
               "unsupported operation: some elements of the input tensor and the written-to "
               "tensor refer to a single memory location. Please clone() the tensor before "
               "performing the operation.");
}

void resizeOutput(const Tensor& out, IntArrayRef sizes) {
  if (IntArrayRef(out.sizes()) == sizes) return;
  Tensor fresh = Tensor::empty(sizes, out.dtype(), out.device());
  out.impl()->setStorage(fresh.storage());
  out.impl()->setSizesAndStrides(sizes.vec(), fresh.strides(), 0);
}

// ---------------------------------------------------------------------------------
// TensorIterConfig

TensorIterConfig& TensorIterConfig::addOutput(const Tensor& t) {
  SCONCE_ASSERT(numOutputs_ == static_cast<int>(args_.size()), "outputs must be added before inputs");
  args_.push_back({t, true, false});
  ++numOutputs_;
  return *this;
}

TensorIterConfig& TensorIterConfig::addInput(const Tensor& t) {
  SCONCE_ASSERT(t.defined(), "{}: undefined input tensor", opName_);
  args_.push_back({t, false, false});
  return *this;
}

TensorIterConfig& TensorIterConfig::addInput(const Scalar& s) {
  Tensor t;
  if (s.isComplex()) {
    t = Tensor::zeros({}, ScalarType::ComplexDouble);
    *t.data<std::complex<double>>() = s.toComplex();
  } else {
    t = s.isFloatingPoint() ? Tensor::scalar(s.toDouble(), ScalarType::Double)
                            : Tensor::scalar(s.toLong(), s.dtype());
  }
  args_.push_back({t, false, true});
  return *this;
}

TensorIterConfig& TensorIterConfig::promoteInputsToCommonDtype(bool v) {
  promoteInputs_ = v;
  if (v) checkSameDtype_ = false;
  return *this;
}
TensorIterConfig& TensorIterConfig::promoteIntegerInputsToFloat(bool v) {
  promoteIntToFloat_ = v;
  return *this;
}
TensorIterConfig& TensorIterConfig::castCommonDtypeToOutputs(bool v) {
  castToOutputs_ = v;
  if (v) checkSameDtype_ = false;
  return *this;
}
TensorIterConfig& TensorIterConfig::enforceSafeCastingToOutput(bool v) {
  safeCasting_ = v;
  return *this;
}
TensorIterConfig& TensorIterConfig::checkAllSameDtype(bool v) {
  checkSameDtype_ = v;
  return *this;
}
TensorIterConfig& TensorIterConfig::declareStaticDtype(ScalarType t) {
  staticDtype_ = t;
  return *this;
}
TensorIterConfig& TensorIterConfig::computeOutputsAs(ScalarType t) {
  outputComputeDtype_ = t;
  return *this;
}
TensorIterConfig& TensorIterConfig::resizeOutputs(bool v) {
  resizeOutputs_ = v;
  return *this;
}
TensorIterConfig& TensorIterConfig::checkMemOverlap(bool v) {
  checkMemOverlap_ = v;
  return *this;
}
TensorIterConfig& TensorIterConfig::enforceLinearIteration(bool v) {
  linear_ = v;
  return *this;
}

TensorIter TensorIterConfig::build() {
  TensorIter it;
  it.build(*this);
  return it;
}

// ---------------------------------------------------------------------------------
// TensorIter

bool TensorIter::isScalar(int arg) const {
  for (int d = 0; d < ndim(); ++d)
    if (shape_[d] != 1 && strideBytes(arg, d) != 0) return false;
  return true;
}

void TensorIter::build(TensorIterConfig& config) {
  SCONCE_ASSERT(config.args_.size() <= static_cast<size_t>(kMaxOperands), "too many operands");
  opName_ = config.opName_;
  staticDtype_ = config.staticDtype_;
  numOutputs_ = config.numOutputs_;
  for (const auto& a : config.args_) {
    Op op;
    op.tensor = a.tensor;
    op.isOutput = a.isOutput;
    op.wrapped = a.wrapped;
    ops_.push_back(std::move(op));
  }
  // An output that is also an input is read and written (in-place).
  for (int i = 0; i < numOutputs_; ++i) {
    if (!ops_[i].tensor.defined()) continue;
    for (int j = numOutputs_; j < ntensors(); ++j)
      if (ops_[i].tensor.is(ops_[j].tensor)) ops_[i].isReadWrite = true;
  }
  if (config.checkMemOverlap_) {
    for (int i = 0; i < numOutputs_; ++i) {
      if (!ops_[i].tensor.defined()) continue;
      assertNoInternalOverlap(ops_[i].tensor);
      for (int j = numOutputs_; j < ntensors(); ++j) assertNoPartialOverlap(ops_[i].tensor, ops_[j].tensor);
    }
  }
  computeShape(config);
  markResizeOutputs(config);
  computeTypes(config);
  computeStrides(config);
}

void TensorIter::computeShape(const TensorIterConfig& config) {
  bool first = true;
  for (const Op& op : ops_) {
    if (!op.tensor.defined()) continue;
    // out= tensors that may be resized do not take part (torch.add(..., out=dst)
    // resizes dst); in-place operands are picked up again as inputs.
    if (config.resizeOutputs_ && op.isOutput) continue;
    resultShape_ = first ? op.tensor.sizes() : broadcastShapes(resultShape_, op.tensor.sizes());
    first = false;
  }
  numel_ = 1;
  for (int64_t s : resultShape_) numel_ *= s;
}

void TensorIter::markResizeOutputs(const TensorIterConfig& config) {
  for (int i = 0; i < numOutputs_; ++i) {
    Op& op = ops_[i];
    if (!op.tensor.defined() || op.tensor.sizes() == resultShape_) continue;
    SCONCE_CHECK(ValueError, config.resizeOutputs_ && !op.isReadWrite,
                 "output with shape [{}] doesn't match the broadcast shape [{}]",
                 fmt::join(op.tensor.sizes(), ", "), fmt::join(resultShape_, ", "));
    op.willResize = true;
  }
}

void TensorIter::computeTypes(const TensorIterConfig& config) {
  ScalarType common = ScalarType::Undefined, outputDtype = ScalarType::Undefined;
  bool differentInputs = false, differentOutputs = false;
  for (const Op& op : ops_) {
    if (!op.tensor.defined()) continue;
    const ScalarType t = op.tensor.dtype();
    if (!op.isOutput) {
      if (common == ScalarType::Undefined) common = t;
      else if (t != common) differentInputs = true;
    } else {
      if (outputDtype == ScalarType::Undefined) outputDtype = t;
      else if (t != outputDtype) differentOutputs = true;
    }
  }
  if (config.checkSameDtype_ &&
      (differentInputs || differentOutputs ||
       (outputDtype != ScalarType::Undefined && common != ScalarType::Undefined && common != outputDtype))) {
    const ScalarType expected = common != ScalarType::Undefined ? common : outputDtype;
    for (const Op& op : ops_) {
      if (!op.tensor.defined()) continue;
      SCONCE_CHECK(ValueError, op.tensor.dtype() == expected, "Found dtype {} but expected {}",
                   scalarTypeShortName(op.tensor.dtype()), scalarTypeShortName(expected));
    }
  }
  if (config.promoteInputs_) {
    ResultTypeState state;
    for (const Op& op : ops_)
      if (!op.isOutput) state = updateResultTypeState(op.tensor, state, op.wrapped);
    common = resultType(state);
  }
  if (config.promoteIntToFloat_ && isIntegralType(common, /*includeBool=*/true))
    common = kDefaultFloatDtype;
  if (common == ScalarType::Undefined) common = config.staticDtype_ != ScalarType::Undefined ? config.staticDtype_ : outputDtype;
  commonDtype_ = common;
  outputComputeDtype_ =
      config.outputComputeDtype_ != ScalarType::Undefined ? config.outputComputeDtype_ : common;

  for (Op& op : ops_) {
    if (op.isOutput && op.tensor.defined() && op.tensor.dtype() != outputComputeDtype_) {
      if (config.safeCasting_)
        SCONCE_CHECK(ValueError, canCast(common, op.tensor.dtype()),
                     "result type {} can't be cast to the desired output type {}",
                     scalarTypeShortName(common), scalarTypeShortName(op.tensor.dtype()));
      if (config.castToOutputs_) {
        // Compute into a temporary; castOutputs() copies it back.
        op.original = op.tensor;
        op.tensor = op.willResize ? Tensor() : Tensor::empty(op.original.sizes(), outputComputeDtype_);
      }
    } else if (!op.isOutput && config.promoteInputs_ && op.tensor.dtype() != common) {
      op.tensor = to(op.tensor, common);
    }
  }
}

void TensorIter::computeStrides(const TensorIterConfig& config) {
  const int nd = static_cast<int>(resultShape_.size());
  const int nt = ntensors();
  // strides[arg][d]: byte strides in tensor dim order, 0 along broadcast dims.
  std::vector<Dims> strides(nt);
  for (int a = 0; a < nt; ++a) {
    const Op& op = ops_[a];
    if (!op.tensor.defined() || op.willResize) continue;
    const Tensor& t = op.tensor;
    const int offset = nd - static_cast<int>(t.dim());
    const auto es = static_cast<int64_t>(t.itemsize());
    strides[a].assign(nd, 0);
    for (int d = 0; d < t.dim(); ++d)
      strides[a][offset + d] = (t.sizes()[d] == 1 && resultShape_[offset + d] != 1) ? 0 : t.strides()[d] * es;
  }
  shape_ = resultShape_;
  reorderDimensions(config, strides);
  allocateOutputs(strides);
  coalesceDimensions(strides);
  strides_.assign(static_cast<size_t>(ndim()) * nt, 0);
  for (int d = 0; d < ndim(); ++d)
    for (int a = 0; a < nt; ++a) strides_[d * nt + a] = strides[a][d];
  data_.resize(nt);
  for (int a = 0; a < nt; ++a) data_[a] = static_cast<char*>(ops_[a].tensor.rawData());
}

void TensorIter::reorderDimensions(const TensorIterConfig& config, std::vector<Dims>& strides) {
  const int nd = static_cast<int>(shape_.size());
  perm_.resize(nd);
  // Start from reversed order: iteration dim 0 is the tensors' last (fastest) dim.
  for (int i = 0; i < nd; ++i) perm_[i] = nd - 1 - i;
  if (!config.linear_) {
    // ATen's should_swap: the first operand with distinct non-zero strides decides; on
    // equal strides the smaller dim goes first.
    auto shouldSwap = [&](int64_t dim0, int64_t dim1) {
      for (int a = 0; a < ntensors(); ++a) {
        if (strides[a].empty()) continue;
        const int64_t s0 = strides[a][dim0], s1 = strides[a][dim1];
        if (s0 == 0 || s1 == 0) continue;
        if (s0 < s1) return -1;
        if (s0 > s1) return 1;
        if (shape_[dim0] > shape_[dim1]) return 1;
      }
      return 0;
    };
    for (int i = 1; i < nd; ++i) {
      int dim1 = i;
      for (int dim0 = i - 1; dim0 >= 0; --dim0) {
        const int cmp = shouldSwap(perm_[dim0], perm_[dim1]);
        if (cmp > 0) {
          std::swap(perm_[dim0], perm_[dim1]);
          dim1 = dim0;
        } else if (cmp < 0) {
          break;
        }
      }
    }
  }
  Dims shape(nd);
  for (int i = 0; i < nd; ++i) shape[i] = shape_[perm_[i]];
  shape_ = std::move(shape);
  for (Dims& s : strides) {
    if (s.empty()) continue;
    Dims permuted(nd);
    for (int i = 0; i < nd; ++i) permuted[i] = s[perm_[i]];
    s = std::move(permuted);
  }
}

void TensorIter::allocateOutputs(std::vector<Dims>& strides) {
  const int nd = ndim();
  for (int a = 0; a < numOutputs_; ++a) {
    Op& op = ops_[a];
    if (op.tensor.defined() && !op.willResize) continue;
    // A fresh output takes the declared static dtype, else the common dtype; a caller's
    // out= tensor keeps its own; a cast temporary computes in the common dtype.
    ScalarType dtype = op.original.defined() ? outputComputeDtype_ : commonDtype_;
    if (op.tensor.defined()) dtype = op.tensor.dtype();
    else if (!op.original.defined() && staticDtype_ != ScalarType::Undefined) dtype = staticDtype_;
    const auto es = static_cast<int64_t>(elementSize(dtype));
    // Dense strides in iteration order, so the output follows the inputs' layout.
    Dims iterStrides(nd);
    int64_t s = es;
    for (int i = 0; i < nd; ++i) {
      iterStrides[i] = s;
      s *= std::max<int64_t>(shape_[i], 1);
    }
    Dims sizes(nd), tensorStrides(nd);
    for (int i = 0; i < nd; ++i) {
      sizes[perm_[i]] = shape_[i];
      tensorStrides[perm_[i]] = iterStrides[i] / es;
    }
    if (op.willResize && !op.original.defined()) {
      // A caller's out= tensor: resize it (contiguous) and iterate over its real strides.
      resizeOutput(op.tensor, resultShape_);
      for (int i = 0; i < nd; ++i) iterStrides[i] = op.tensor.strides()[perm_[i]] * es;
    } else {
      Tensor fresh = Tensor::empty({static_cast<int64_t>(std::max<int64_t>(s / es, 1))}, dtype);
      op.tensor = Tensor::fromStorage(fresh.storage(), sizes, tensorStrides, 0, dtype);
      if (op.original.defined()) resizeOutput(op.original, resultShape_);
    }
    strides[a] = std::move(iterStrides);
  }
}

void TensorIter::coalesceDimensions(std::vector<Dims>& strides) {
  const int nd = ndim();
  if (nd <= 1) return;
  auto canCoalesce = [&](int d0, int d1) {
    if (shape_[d0] == 1 || shape_[d1] == 1) return true;
    for (const Dims& s : strides)
      if (shape_[d0] * s[d0] != s[d1]) return false;
    return true;
  };
  auto replaceStride = [&](int d0, int d1) {
    for (Dims& s : strides) s[d0] = s[d1];
  };
  int prev = 0;
  for (int d = 1; d < nd; ++d) {
    if (canCoalesce(prev, d)) {
      if (shape_[prev] == 1) replaceStride(prev, d);
      shape_[prev] *= shape_[d];
    } else {
      ++prev;
      if (prev != d) {
        replaceStride(prev, d);
        shape_[prev] = shape_[d];
      }
    }
  }
  shape_.resize(prev + 1);
  for (Dims& s : strides) s.resize(prev + 1);
}

void TensorIter::castOutputs() {
  for (int a = 0; a < numOutputs_; ++a) {
    Op& op = ops_[a];
    if (op.original.defined() && op.original.dtype() != op.tensor.dtype()) copy_(op.original, op.tensor);
  }
}

}  // namespace sconce::ops
