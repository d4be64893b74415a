// Scalar: a number that is not a tensor (PyTorch's c10::Scalar): bool, int64, double
// or complex<double>. What `Scalar` schema arguments and `item()` carry.
#pragma once

#include <complex>
#include <cstdint>
#include <string>

#include "tensor/dtype.h"

namespace sconce {

class Scalar {
 public:
  enum class Kind : uint8_t { Bool, Int, Double, Complex };

  Scalar() : Scalar(int64_t{0}) {}
  Scalar(bool v) : kind_(Kind::Bool), i_(v) {}
  Scalar(int64_t v) : kind_(Kind::Int), i_(v) {}
  Scalar(int v) : Scalar(static_cast<int64_t>(v)) {}
  Scalar(double v) : kind_(Kind::Double), d_(v) {}
  Scalar(std::complex<double> v) : kind_(Kind::Complex), d_(v.real()), imag_(v.imag()) {}

  Kind kind() const { return kind_; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isIntegral() const { return kind_ == Kind::Int; }  // excludes bool, as PyTorch
  bool isFloatingPoint() const { return kind_ == Kind::Double; }
  bool isComplex() const { return kind_ == Kind::Complex; }

  double toDouble() const { return kind_ == Kind::Double || kind_ == Kind::Complex ? d_ : static_cast<double>(i_); }
  int64_t toLong() const { return kind_ == Kind::Double || kind_ == Kind::Complex ? static_cast<int64_t>(d_) : i_; }
  bool toBool() const { return kind_ == Kind::Double ? d_ != 0 : kind_ == Kind::Complex ? (d_ != 0 || imag_ != 0) : i_ != 0; }
  std::complex<double> toComplex() const { return {toDouble(), kind_ == Kind::Complex ? imag_ : 0.0}; }
  /// Converts to the C++ element type T of a dtype (float, int32_t, Half, bool, ...).
  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, bool>) return toBool();
    else if constexpr (kIsComplex<T>) return T(toComplex());
    else if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) return T(static_cast<float>(toDouble()));
    else if constexpr (std::is_integral_v<T>) return static_cast<T>(toLong());
    else return static_cast<T>(toDouble());
  }
  /// The dtype PyTorch gives a tensor made from this scalar: Bool, Long, Double, ComplexDouble.
  ScalarType dtype() const {
    switch (kind_) {
      case Kind::Bool: return ScalarType::Bool;
      case Kind::Int: return ScalarType::Long;
      case Kind::Double: return ScalarType::Double;
      case Kind::Complex: return ScalarType::ComplexDouble;
    }
    return ScalarType::Undefined;
  }

 private:
  Kind kind_;
  int64_t i_ = 0;
  double d_ = 0;
  double imag_ = 0;
};

}  // namespace sconce
