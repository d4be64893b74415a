// Template implementation of dispatchScalarType (included from dtype.h).
#pragma once

#include "support/error.h"

namespace sconce {

template <class Fn>
decltype(auto) dispatchScalarType(ScalarType t, Fn&& fn) {
  switch (t) {
    case ScalarType::Byte: return fn(uint8_t{});
    case ScalarType::Char: return fn(int8_t{});
    case ScalarType::Short: return fn(int16_t{});
    case ScalarType::Int: return fn(int32_t{});
    case ScalarType::Long: return fn(int64_t{});
    case ScalarType::Half: return fn(Half{});
    case ScalarType::Float: return fn(float{});
    case ScalarType::Double: return fn(double{});
    case ScalarType::Bool: return fn(bool{});
    case ScalarType::BFloat16: return fn(BFloat16{});
    case ScalarType::ComplexFloat: return fn(std::complex<float>{});
    case ScalarType::ComplexDouble: return fn(std::complex<double>{});
    default:
      throw UnsupportedError(fmt::format("dtype {} is not supported here",
                                         scalarTypeName(t)));
  }
}

}  // namespace sconce
