// ScalarType names, sizes, storage-class mapping, and Half/BFloat16 conversions.
#include "tensor/dtype.h"

#include <array>

namespace sconce {
namespace {

struct DtypeInfo {
  ScalarType type;
  size_t size;
  std::string_view name;       // torch.<name>
  std::string_view shortName;  // IR spelling
  std::string_view storage;    // pickle storage class
};

constexpr std::array<DtypeInfo, 16> kDtypes{{
    {ScalarType::Byte, 1, "uint8", "Byte", "ByteStorage"},
    {ScalarType::Char, 1, "int8", "Char", "CharStorage"},
    {ScalarType::Short, 2, "int16", "Short", "ShortStorage"},
    {ScalarType::Int, 4, "int32", "Int", "IntStorage"},
    {ScalarType::Long, 8, "int64", "Long", "LongStorage"},
    {ScalarType::Half, 2, "float16", "Half", "HalfStorage"},
    {ScalarType::Float, 4, "float32", "Float", "FloatStorage"},
    {ScalarType::Double, 8, "float64", "Double", "DoubleStorage"},
    {ScalarType::ComplexHalf, 4, "complex32", "ComplexHalf", "ComplexHalfStorage"},
    {ScalarType::ComplexFloat, 8, "complex64", "ComplexFloat", "ComplexFloatStorage"},
    {ScalarType::ComplexDouble, 16, "complex128", "ComplexDouble", "ComplexDoubleStorage"},
    {ScalarType::Bool, 1, "bool", "Bool", "BoolStorage"},
    {ScalarType::QInt8, 1, "qint8", "QInt8", "QInt8Storage"},
    {ScalarType::QUInt8, 1, "quint8", "QUInt8", "QUInt8Storage"},
    {ScalarType::QInt32, 4, "qint32", "QInt32", "QInt32Storage"},
    {ScalarType::BFloat16, 2, "bfloat16", "BFloat16", "BFloat16Storage"},
}};

const DtypeInfo* info(ScalarType t) {
  auto i = static_cast<int>(t);
  return (i >= 0 && i < static_cast<int>(kDtypes.size())) ? &kDtypes[i] : nullptr;
}

}  // namespace

size_t elementSize(ScalarType t) {
  const DtypeInfo* d = info(t);
  return d ? d->size : 0;
}

std::string_view scalarTypeName(ScalarType t) {
  const DtypeInfo* d = info(t);
  return d ? d->name : "undefined";
}

std::string_view scalarTypeShortName(ScalarType t) {
  const DtypeInfo* d = info(t);
  return d ? d->shortName : "Undefined";
}

std::string_view storageClassName(ScalarType t) {
  const DtypeInfo* d = info(t);
  return d ? d->storage : "UntypedStorage";
}

std::optional<ScalarType> scalarTypeFromStorageClass(std::string_view name) {
  for (const auto& d : kDtypes)
    if (d.storage == name) return d.type;
  return std::nullopt;
}

std::optional<ScalarType> scalarTypeFromName(std::string_view name) {
  if (name.starts_with("torch.")) name.remove_prefix(6);
  for (const auto& d : kDtypes)
    if (d.name == name) return d.type;
  struct Alias { std::string_view name; ScalarType type; };
  static constexpr Alias kAliases[] = {
      {"float", ScalarType::Float},   {"double", ScalarType::Double},
      {"half", ScalarType::Half},     {"long", ScalarType::Long},
      {"int", ScalarType::Int},       {"short", ScalarType::Short},
      {"cfloat", ScalarType::ComplexFloat}, {"cdouble", ScalarType::ComplexDouble},
  };
  for (const auto& a : kAliases)
    if (a.name == name) return a.type;
  return std::nullopt;
}

bool isValidScalarType(int64_t v) { return v >= 0 && v < static_cast<int64_t>(kDtypes.size()); }

Half::Half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof x);
  uint32_t sign = (x >> 16) & 0x8000u;
  uint32_t absx = x & 0x7fffffffu;
  if (absx >= 0x7f800000u) {  // inf or nan
    bits = static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u : 0u));
    return;
  }
  if (absx >= 0x477ff000u) {  // rounds to >= 65520: overflow to inf
    bits = static_cast<uint16_t>(sign | 0x7c00u);
    return;
  }
  if (absx < 0x38800000u) {  // subnormal half (or zero)
    // Scale into the subnormal range using float arithmetic, which rounds to nearest even.
    float a;
    std::memcpy(&a, &absx, sizeof a);
    float scaled = a * 16777216.0f;  // 2^24: units of the smallest half subnormal
    auto m = static_cast<uint32_t>(scaled);
    float rem = scaled - static_cast<float>(m);
    if (rem > 0.5f || (rem == 0.5f && (m & 1u))) ++m;
    bits = static_cast<uint16_t>(sign | m);
    return;
  }
  uint32_t mant = absx & 0x7fffffu;
  uint32_t exp = (absx >> 23) - 127 + 15;
  uint32_t h = (exp << 10) | (mant >> 13);
  uint32_t rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ++h;  // may carry into exponent: fine
  bits = static_cast<uint16_t>(sign | h);
}

Half::operator float() const {
  uint32_t sign = (static_cast<uint32_t>(bits) & 0x8000u) << 16;
  uint32_t exp = (bits >> 10) & 0x1fu;
  uint32_t mant = bits & 0x3ffu;
  uint32_t out;
  if (exp == 0x1f) {
    out = sign | 0x7f800000u | (mant << 13);
  } else if (exp == 0) {
    if (mant == 0) {
      out = sign;
    } else {
      float f = static_cast<float>(mant) / 16777216.0f;  // mant * 2^-24
      std::memcpy(&out, &f, sizeof out);
      out |= sign;
    }
  } else {
    out = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &out, sizeof f);
  return f;
}

BFloat16::BFloat16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  if ((u & 0x7fffffffu) > 0x7f800000u) {
    bits = 0x7fc0;  // canonical NaN
    return;
  }
  uint32_t roundingBias = 0x7fffu + ((u >> 16) & 1u);
  bits = static_cast<uint16_t>((u + roundingBias) >> 16);
}

}  // namespace sconce
