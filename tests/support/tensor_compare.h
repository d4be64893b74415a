// Comparing a kernel's tensor with the one PyTorch recorded, for the vs-PyTorch suites.
#pragma once

#include <string>

#include "tensor/tensor.h"

namespace sconce::testing {

/// Empty when `got` has `want`'s dtype and shape and every element g is within
/// atol + rtol * |w| of its w (NaN matches NaN), else the first difference, e.g.
/// "element 3: 0.5 != 0.25 (|diff| 0.25)". Elements are compared as doubles.
std::string compareTensors(const Tensor& got, const Tensor& want, double rtol, double atol);

}  // namespace sconce::testing
