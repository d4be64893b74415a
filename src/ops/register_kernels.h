// The one list of kernel-registration functions, called once when the operator table
// is built. Each kernels/*.cpp file that boxes kernels defines one of these.
#pragma once

namespace sconce {

class OperatorRegistry;

/// Registers every kernel Sconce has (called by OperatorRegistry::global()).
void registerAllKernels(OperatorRegistry& registry);

}  // namespace sconce
