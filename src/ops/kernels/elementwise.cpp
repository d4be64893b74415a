// copy_, to, fill_ and zero_: the dtype-converting copy every other kernel builds on.
#include "ops/kernels/elementwise.h"

#include "ops/kernels/tensor_iterator.h"

namespace sconce::ops {

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
  if (iter.numel() == 0) return self;
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "copy_", [&](auto dstTag) {
    using Dst = decltype(dstTag);
    dispatchTypes<kAllTypesAndBool>(src.dtype(), "copy_", [&](auto srcTag) {
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
  dispatchTypes<kAllTypesAndBool>(self.dtype(), "fill_", [&](auto tag) {
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
  if (isFloatingType(value.dtype())) return fill_(self, Scalar(value.itemAsDouble()));
  if (value.dtype() == ScalarType::Bool) return fill_(self, Scalar(value.itemAsInt() != 0));
  return fill_(self, Scalar(value.itemAsInt()));
}

const Tensor& zero_(const Tensor& self) { return fill_(self, Scalar(int64_t{0})); }

}  // namespace sconce::ops
