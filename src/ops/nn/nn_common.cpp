// Helpers shared by the neural-network kernels.
#include "ops/nn/nn_common.h"

#include <fmt/ranges.h>
#include <oneapi/dnnl/dnnl.hpp>

#include "ops/kernels/elementwise.h"

namespace sconce::ops::nn {

Dims expandParam(IntArrayRef v, int64_t n, std::string_view op, std::string_view name) {
  if (static_cast<int64_t>(v.size()) == n) return v.vec();
  if (v.size() == 1) return Dims(static_cast<size_t>(n), v[0]);
  fail<ValueError>("{}: {} must be either a single int, or a tuple of {} ints", op, name, n);
}

Tensor contiguousAs(const Tensor& t, ScalarType dtype) {
  if (t.dtype() == dtype) return t.contiguous();
  return t.toType(dtype);
}

const dnnl::engine& cpuEngine() {
  static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

int64_t poolingOutputSize(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation,
                          bool ceilMode) {
  const int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  // Floor division for negative spans, as PyTorch's div_rtn.
  int64_t out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1;
  if (ceilMode && (out - 1) * stride >= in + pad) --out;
  return out;
}

void checkRank(const Tensor& t, int64_t minDim, int64_t maxDim, std::string_view what) {
  bool ok = t.dim() >= minDim && t.dim() <= maxDim;
  if (ok) {
    for (int64_t d = 1; d < t.dim(); ++d) ok = ok && t.size(d) != 0;
  }
  SCONCE_CHECK(ValueError, ok, "{}, but got input of size: [{}]", what, fmt::join(t.sizes(), ", "));
}

}  // namespace sconce::ops::nn
