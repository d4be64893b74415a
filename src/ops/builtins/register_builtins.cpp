// registerBuiltinKernels: the one entry point that registers every builtin family.
#include "ops/builtins/builtins.h"

namespace sconce::ops {

void registerBuiltinKernels(OperatorRegistry& registry) {
  registerNumberKernels(registry);
  registerMathKernels(registry);
  registerConversionKernels(registry);
  registerStringKernels(registry);
  registerStringSearchKernels(registry);
  registerListKernels(registry);
  registerDictKernels(registry);
  registerMiscKernels(registry);
  registerTensorInfoKernels(registry);
}

}  // namespace sconce::ops
