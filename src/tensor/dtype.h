// Element types (ScalarType) with PyTorch's numbering, plus Half/BFloat16 storage types.
//
// The numeric values are PyTorch's c10::ScalarType values: serialized TorchScript code
// passes dtypes as plain ints (`dtype=6` is float32), so ours must match exactly.
#pragma once

#include <complex>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace sconce {

enum class ScalarType : int8_t {
  Byte = 0,     // uint8
  Char = 1,     // int8
  Short = 2,    // int16
  Int = 3,      // int32
  Long = 4,     // int64
  Half = 5,     // float16
  Float = 6,    // float32
  Double = 7,   // float64
  ComplexHalf = 8,
  ComplexFloat = 9,
  ComplexDouble = 10,
  Bool = 11,
  QInt8 = 12,
  QUInt8 = 13,
  QInt32 = 14,
  BFloat16 = 15,
  Undefined = -1,
};

/// Bytes per element; 0 for Undefined.
size_t elementSize(ScalarType t);
/// PyTorch's name as printed by `torch.float32` minus the prefix: "float32", "int64", ...
std::string_view scalarTypeName(ScalarType t);
/// TorchScript / IR short name: "Float", "Long", ... (as in `Float(2, 3)` IR types).
std::string_view scalarTypeShortName(ScalarType t);
/// The storage class a pickle names for this dtype: "FloatStorage", ...
std::string_view storageClassName(ScalarType t);
/// Inverse of storageClassName; nullopt for unknown names.
std::optional<ScalarType> scalarTypeFromStorageClass(std::string_view name);
/// Parses "float32"/"float"/"torch.float32"/"int64"/"long"/... ; nullopt if unknown.
std::optional<ScalarType> scalarTypeFromName(std::string_view name);
/// Whether the int is a valid ScalarType value we support.
bool isValidScalarType(int64_t v);

inline bool isFloatingType(ScalarType t) {
  return t == ScalarType::Half || t == ScalarType::Float || t == ScalarType::Double ||
         t == ScalarType::BFloat16;
}
inline bool isComplexType(ScalarType t) {
  return t == ScalarType::ComplexHalf || t == ScalarType::ComplexFloat ||
         t == ScalarType::ComplexDouble;
}
inline bool isIntegralType(ScalarType t, bool includeBool) {
  switch (t) {
    case ScalarType::Byte: case ScalarType::Char: case ScalarType::Short:
    case ScalarType::Int: case ScalarType::Long:
      return true;
    case ScalarType::Bool:
      return includeBool;
    default:
      return false;
  }
}

/// IEEE 754 binary16, stored as bits; converts through float.
struct Half {
  uint16_t bits = 0;
  Half() = default;
  explicit Half(float f);
  operator float() const;
};

/// bfloat16 (the top 16 bits of a float32), rounded to nearest even on conversion.
struct BFloat16 {
  uint16_t bits = 0;
  BFloat16() = default;
  explicit BFloat16(float f);
  operator float() const {
    uint32_t u = static_cast<uint32_t>(bits) << 16;
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
  }
};

/// Whether T is std::complex<float> or std::complex<double> (ComplexFloat/ComplexDouble).
template <class T>
inline constexpr bool kIsComplex = false;
template <class T>
inline constexpr bool kIsComplex<std::complex<T>> = true;

/// Calls fn with a value of the C++ type for `t` (e.g. float{} for Float,
/// std::complex<float>{} for ComplexFloat); for every non-quantized dtype but
/// ComplexHalf. Throws UnsupportedError otherwise.
template <class Fn>
decltype(auto) dispatchScalarType(ScalarType t, Fn&& fn);

}  // namespace sconce

#include "tensor/dtype_inl.h"
