// promoteTypes table and result_type state machine, transcribed from c10/ATen.
#include "ops/kernels/type_promotion.h"

namespace sconce::ops {
namespace {

// Index of each dtype in the promotion table (c10's order: u1 i1 i2 i4 i8 f2 f4 f8 c2 c4
// c8 b1 ... bf), -1 for dtypes promotion does not handle.
int promotionIndex(ScalarType t) {
  switch (t) {
    case ScalarType::Byte: return 0;
    case ScalarType::Char: return 1;
    case ScalarType::Short: return 2;
    case ScalarType::Int: return 3;
    case ScalarType::Long: return 4;
    case ScalarType::Half: return 5;
    case ScalarType::Float: return 6;
    case ScalarType::Double: return 7;
    case ScalarType::ComplexHalf: return 8;
    case ScalarType::ComplexFloat: return 9;
    case ScalarType::ComplexDouble: return 10;
    case ScalarType::Bool: return 11;
    case ScalarType::BFloat16: return 12;
    default: return -1;
  }
}

ScalarType toComplexType(ScalarType t) {
  switch (t) {
    case ScalarType::Half: return ScalarType::ComplexHalf;
    case ScalarType::Float: return ScalarType::ComplexFloat;
    case ScalarType::Double: return ScalarType::ComplexDouble;
    default: return ScalarType::ComplexFloat;  // BFloat16 has no complex twin
  }
}

ScalarType promoteSkipUndefined(ScalarType a, ScalarType b) {
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  return promoteTypes(a, b);
}

// at::native::combine_categories: `higher` comes from a higher-priority class.
ScalarType combineCategories(ScalarType higher, ScalarType lower) {
  if (isComplexType(higher)) return higher;
  if (isComplexType(lower)) {
    // Keep the value type of a floating `higher` (float tensor + complex -> cfloat).
    return isFloatingType(higher) ? toComplexType(higher) : lower;
  }
  if (isFloatingType(higher)) return higher;
  if (higher == ScalarType::Bool || isFloatingType(lower)) return promoteSkipUndefined(higher, lower);
  if (higher != ScalarType::Undefined) return higher;
  return lower;
}

}  // namespace

ScalarType promoteTypes(ScalarType a, ScalarType b) {
  if (a == b) return a;
  if (a == ScalarType::Undefined) return b;
  if (b == ScalarType::Undefined) return a;
  int ia = promotionIndex(a), ib = promotionIndex(b);
  if (ia < 0 || ib < 0)
    fail<ValueError>("Promotion for {} and {} types is not supported", scalarTypeName(a),
                     scalarTypeName(b));
  constexpr auto u1 = ScalarType::Byte, i1 = ScalarType::Char, i2 = ScalarType::Short,
                 i4 = ScalarType::Int, i8 = ScalarType::Long, f2 = ScalarType::Half,
                 f4 = ScalarType::Float, f8 = ScalarType::Double, c2 = ScalarType::ComplexHalf,
                 c4 = ScalarType::ComplexFloat, c8 = ScalarType::ComplexDouble,
                 b1 = ScalarType::Bool, bf = ScalarType::BFloat16;
  // c10/core/ScalarType.cpp's _promoteTypesLookup (PyTorch 1.13).
  static constexpr ScalarType kTable[13][13] = {
      /*        u1  i1  i2  i4  i8  f2  f4  f8  c2  c4  c8  b1  bf*/
      /* u1 */ {u1, i2, i2, i4, i8, f2, f4, f8, c2, c4, c8, u1, bf},
      /* i1 */ {i2, i1, i2, i4, i8, f2, f4, f8, c2, c4, c8, i1, bf},
      /* i2 */ {i2, i2, i2, i4, i8, f2, f4, f8, c2, c4, c8, i2, bf},
      /* i4 */ {i4, i4, i4, i4, i8, f2, f4, f8, c2, c4, c8, i4, bf},
      /* i8 */ {i8, i8, i8, i8, i8, f2, f4, f8, c2, c4, c8, i8, bf},
      /* f2 */ {f2, f2, f2, f2, f2, f2, f4, f8, c2, c4, c8, f2, f4},
      /* f4 */ {f4, f4, f4, f4, f4, f4, f4, f8, c4, c4, c8, f4, f4},
      /* f8 */ {f8, f8, f8, f8, f8, f8, f8, f8, c8, c8, c8, f8, f8},
      /* c2 */ {c2, c2, c2, c2, c2, c2, c4, c8, c2, c4, c8, c2, c4},
      /* c4 */ {c4, c4, c4, c4, c4, c4, c4, c8, c4, c4, c8, c4, c4},
      /* c8 */ {c8, c8, c8, c8, c8, c8, c8, c8, c8, c8, c8, c8, c8},
      /* b1 */ {u1, i1, i2, i4, i8, f2, f4, f8, c2, c4, c8, b1, bf},
      /* bf */ {bf, bf, bf, bf, bf, f4, f4, f8, c4, c4, c8, bf, bf},
  };
  return kTable[ia][ib];
}

bool canCast(ScalarType from, ScalarType to) {
  if (isComplexType(from) && !isComplexType(to)) return false;
  if (isFloatingType(from) && isIntegralType(to, false)) return false;
  // Bool is its own category: `bool_tensor += 5` is disallowed like `bool + 5 -> int64`.
  if (from != ScalarType::Bool && to == ScalarType::Bool) return false;
  return true;
}

ResultTypeState updateResultTypeState(const Tensor& t, const ResultTypeState& in,
                                      bool wrappedNumber) {
  if (!t.defined()) return in;
  ResultTypeState s = in;
  ScalarType current = t.dtype();
  if (wrappedNumber) {
    if (isComplexType(current)) current = toComplexType(kDefaultFloatDtype);
    else if (isFloatingType(current)) current = kDefaultFloatDtype;
  }
  if (t.dim() > 0) s.dimResult = promoteSkipUndefined(s.dimResult, current);
  else if (wrappedNumber) s.wrappedResult = promoteSkipUndefined(s.wrappedResult, current);
  else s.zeroResult = promoteSkipUndefined(s.zeroResult, current);
  return s;
}

ResultTypeState updateResultTypeState(const Scalar& v, const ResultTypeState& in) {
  ResultTypeState s = in;
  ScalarType current = v.dtype();
  if (isComplexType(current)) current = toComplexType(kDefaultFloatDtype);
  else if (isFloatingType(current)) current = kDefaultFloatDtype;
  s.wrappedResult = promoteSkipUndefined(s.wrappedResult, current);
  return s;
}

ScalarType resultType(const ResultTypeState& s) {
  return combineCategories(s.dimResult, combineCategories(s.zeroResult, s.wrappedResult));
}

ScalarType resultType(std::initializer_list<Operand> operands) {
  ResultTypeState s;
  for (const Operand& op : operands) {
    if (const auto* t = std::get_if<Tensor>(&op)) s = updateResultTypeState(*t, s);
    else s = updateResultTypeState(std::get<Scalar>(op), s);
  }
  return resultType(s);
}

}  // namespace sconce::ops
