// registerNnKernels: boxes the neural-network kernels of src/ops/nn/ into the operator
// table against their PyTorch 1.13 schemas (plus the 2.x schemas of newer ops).
#pragma once

namespace sconce {
class OperatorRegistry;
}

namespace sconce::ops {

/// Registers every nn kernel (matmul family, convolution, normalization, pooling, ...).
void registerNnKernels(OperatorRegistry& registry);

}  // namespace sconce::ops
