// registerAllKernels: calls each kernel file's registration function.
//
// Explicit calls rather than static initializers: objects of a static library that
// nothing references are dropped by the linker, and their initializers with them.
#include "ops/register_kernels.h"

#include "ops/operator_registry.h"
#if SCONCE_WIP
#include "ops/builtins/builtins.h"
#endif

namespace sconce {

void registerAllKernels([[maybe_unused]] OperatorRegistry& registry) {
#if SCONCE_WIP
  ops::registerBuiltinKernels(registry);
#endif
}

}  // namespace sconce
