// copy_, to, fill_ and zero_: the dtype-converting copy every other kernel builds on.
#include "ops/kernels/elementwise.h"

#include <cstring>

#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops {
namespace {

// Copies a 2-d iteration whose source runs along dim 1 and destination along dim 0 (a
// transpose) in square tiles, so both sides touch whole cache lines; the plain loop
// would read the source one element per cache line.
template <class E>
void copyTransposedTiles(const TensorIter& it) {
  constexpr int64_t kTile = 32;
  const int64_t n0 = it.shape()[0], n1 = it.shape()[1];
  char* dst = it.dataPtr(0);
  const char* src = it.dataPtr(1);
  const int64_t d1 = it.strideBytes(0, 1);
  const int64_t s0 = it.strideBytes(1, 0), s1 = it.strideBytes(1, 1);
  const int64_t tiles1 = (n1 + kTile - 1) / kTile;
  parallelFor(0, tiles1, std::max<int64_t>(1, kGrainSize / (kTile * std::max<int64_t>(n0, 1))), [&](int64_t b, int64_t e) {
    for (int64_t t1 = b; t1 < e; ++t1) {
      const int64_t i1End = std::min(n1, (t1 + 1) * kTile);
      for (int64_t i0b = 0; i0b < n0; i0b += kTile) {
        const int64_t i0End = std::min(n0, i0b + kTile);
        for (int64_t i1 = t1 * kTile; i1 < i1End; ++i1) {
          E* out = reinterpret_cast<E*>(dst + i1 * d1);  // contiguous along i0 (d0 == sizeof(E))
          const char* in = src + i1 * s1 + i0b * s0;
          for (int64_t i0 = i0b; i0 < i0End; ++i0, in += s0) std::memcpy(out + i0, in, sizeof(E));
        }
      }
    }
  });
}

bool tryTransposedCopy(TensorIter& it) {
  if (it.ndim() != 2 || it.dtype(0) != it.dtype(1) || it.numel() < 4096) return false;
  const auto es = static_cast<int64_t>(elementSize(it.dtype(0)));
  if (it.strideBytes(0, 0) != es || it.strideBytes(1, 1) != es || it.strideBytes(1, 0) == es) return false;
  switch (es) {
    case 1: copyTransposedTiles<uint8_t>(it); return true;
    case 2: copyTransposedTiles<uint16_t>(it); return true;
    case 4: copyTransposedTiles<uint32_t>(it); return true;
    case 8: copyTransposedTiles<uint64_t>(it); return true;
    default: return false;
  }
}

}  // namespace

const Tensor& copy_(const Tensor& self, const Tensor& src, bool /*nonBlocking*/) {
  if (self.is(src)) return self;
  // A view of the same elements with the same dtype: nothing to do.
  if (self.storage().get() == src.storage().get() && self.storageOffset() == src.storageOffset() &&
      self.strides() == src.strides() && self.sizes() == src.sizes() && self.dtype() == src.dtype())
    return self;
  TensorIter iter = TensorIterConfig("copy_")
                        .addOutput(self)
                        .addInput(src)
                        .resizeOutputs(false)
                        .checkAllSameDtype(false)
                        .build();
  if (iter.numel() == 0 || tryTransposedCopy(iter)) return self;
  dispatchTypes<kAllTypesAndComplexAndBool>(self.dtype(), "copy_", [&](auto dstTag) {
    using Dst = decltype(dstTag);
    dispatchTypes<kAllTypesAndComplexAndBool>(src.dtype(), "copy_", [&](auto srcTag) {
      using Src = decltype(srcTag);
      cpuKernel<Dst, Src>(iter, [](Src v) { return castTo<Dst>(v); });
    });
  });
  return self;
}

Tensor to(const Tensor& self, ScalarType dtype, bool nonBlocking, bool copy) {
  if (self.dtype() == dtype && !copy) return self;
  Tensor out;
  if (isNonOverlappingAndDense(self) && !self.isContiguous()) {
    // Keep the layout (memory_format=preserve): same strides over a fresh dense storage.
    int64_t span = 1;
    for (int64_t d = 0; d < self.dim(); ++d) span += (self.sizes()[d] - 1) * self.strides()[d];
    Tensor storage = Tensor::empty({self.numel() == 0 ? 0 : span}, dtype);
    out = Tensor::fromStorage(storage.storage(), self.sizes(), self.strides(), 0, dtype);
  } else {
    out = Tensor::empty(self.sizes(), dtype);
  }
  copy_(out, self, nonBlocking);
  return out;
}

const Tensor& fill_(const Tensor& self, const Scalar& value) {
  TensorIter iter = TensorIterConfig("fill_")
                        .addOutput(self)
                        .resizeOutputs(false)
                        .checkMemOverlap(false)  // filling is idempotent: overlap is fine
                        .build();
  dispatchTypes<kAllTypesAndComplexAndBool>(self.dtype(), "fill_", [&](auto tag) {
    using T = decltype(tag);
    const T v = value.to<T>();
    cpuKernel<T>(iter, [v]() { return v; });
  });
  return self;
}

const Tensor& fill_(const Tensor& self, const Tensor& value) {
  SCONCE_CHECK(ValueError, value.dim() == 0,
               "fill_ only supports 0-dimension value tensor but got tensor with {} dimensions.",
               value.dim());
  if (isComplexType(value.dtype())) return fill_(self, Scalar(value.itemAsComplex()));
  if (isFloatingType(value.dtype())) return fill_(self, Scalar(value.itemAsDouble()));
  if (value.dtype() == ScalarType::Bool) return fill_(self, Scalar(value.itemAsInt() != 0));
  return fill_(self, Scalar(value.itemAsInt()));
}

const Tensor& zero_(const Tensor& self) { return fill_(self, Scalar(int64_t{0})); }

}  // namespace sconce::ops
