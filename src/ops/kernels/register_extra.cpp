// registerExtraKernels: the one list of the extra kernel files' registration functions.
#include "ops/kernels/extra.h"

namespace sconce::ops {

void registerExtraKernels(OperatorRegistry& registry) {
  registerExtraMathKernels(registry);
  registerExtraReduceKernels(registry);
  registerExtraShapeKernels(registry);
  registerExtraNnKernels(registry);
  registerLossKernels(registry);
  registerEmbeddingBagKernels(registry);
}

}  // namespace sconce::ops
