// registerAllKernels: calls each kernel file's registration function.
//
// Explicit calls rather than static initializers: objects of a static library that
// nothing references are dropped by the linker, and their initializers with them.
#include "ops/register_kernels.h"

#include "ops/operator_registry.h"
#include "ops/builtins/builtins.h"
#include "ops/nn/register_nn.h"
#include "ops/kernels/extra.h"
#include "ops/kernels/register_tensor_kernels.h"
#include "ops/vision/register_vision.h"

namespace sconce {

void registerAllKernels(OperatorRegistry& registry) {
  ops::registerBuiltinKernels(registry);
  ops::registerNnKernels(registry);
  ops::registerTensorKernels(registry);
  ops::registerExtraKernels(registry);
  ops::registerVisionKernels(registry);
}

}  // namespace sconce
