// Tolerance comparison of tensors against PyTorch's results.
#include "tests/support/tensor_compare.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

namespace sconce::testing {

std::string compareTensors(const Tensor& got, const Tensor& want, double rtol, double atol) {
  if (got.dtype() != want.dtype())
    return fmt::format("dtype {} != {}", scalarTypeName(got.dtype()), scalarTypeName(want.dtype()));
  if (got.sizes() != want.sizes())
    return fmt::format("shape [{}] != [{}]", fmt::join(got.sizes(), ", "), fmt::join(want.sizes(), ", "));
  for (int64_t i = 0; i < want.numel(); ++i) {
    const double g = got.itemAsDouble(i), w = want.itemAsDouble(i);
    if (g == w || (std::isnan(w) && std::isnan(g))) continue;
    if (!(std::abs(g - w) <= atol + rtol * std::abs(w)))
      return fmt::format("element {}: {} != {} (|diff| {})", i, g, w, std::abs(g - w));
  }
  return "";
}

}  // namespace sconce::testing
