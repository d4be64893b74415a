// Registration of the "extra" kernels: the ops real models and PyTorch's TorchScript tests
// reach beyond the core families (special functions, NaN-aware and order-statistic
// reductions, shape utilities, losses and the smaller NN functionals).
//
// Each extra_*.cpp / losses.cpp file registers its own ops; registerExtraKernels
// (register_extra.cpp) calls them all and is called from registerAllKernels.
#pragma once

#include "ops/operator_registry.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// Registers every kernel of the files below.
void registerExtraKernels(OperatorRegistry& registry);

void registerExtraMathKernels(OperatorRegistry& registry);    // extra_math.cpp
void registerExtraReduceKernels(OperatorRegistry& registry);  // extra_reduce.cpp
void registerExtraShapeKernels(OperatorRegistry& registry);   // extra_shape.cpp
void registerExtraNnKernels(OperatorRegistry& registry);      // extra_nn.cpp
void registerLossKernels(OperatorRegistry& registry);         // losses.cpp
void registerEmbeddingBagKernels(OperatorRegistry& registry);  // embedding_bag.cpp

/// aten::xlogy.Tensor: self * log(other), 0 where self == 0 (NaN other gives NaN).
Tensor xlogyTensor(const Tensor& self, const Tensor& other);  // extra_math.cpp

}  // namespace sconce::ops
