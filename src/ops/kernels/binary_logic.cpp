// Comparison, logical and bitwise binary kernels (bool or integral results).
#include "ops/kernels/binary.h"
#include "ops/kernels/binary_internal.h"

namespace sconce::ops {

using detail::IterKind;

namespace {

// Writes cmp(x, y) as bool (IterKind::Comparison always gives a bool loop output).
// Complex numbers have no order: only the equality and logical ops take them.
template <unsigned Set = kAllTypesAndBool, class Cmp>
void comparisonKernel(TensorIter& it, std::string_view name, Cmp cmp) {
  dispatchTypes<Set>(it.commonDtype(), name, [&](auto tag) {
    using T = decltype(tag);
    using M = OpMath<T>;
    cpuKernel<bool, T, T>(it, [cmp](M x, M y) -> bool { return cmp(x, y); });
  });
}

void eqKernel(TensorIter& it) { comparisonKernel<kAllTypesAndComplexAndBool>(it, "eq", [](auto x, auto y) { return x == y; }); }
void neKernel(TensorIter& it) { comparisonKernel<kAllTypesAndComplexAndBool>(it, "ne", [](auto x, auto y) { return x != y; }); }
void ltKernel(TensorIter& it) { comparisonKernel(it, "lt", [](auto x, auto y) { return x < y; }); }
void leKernel(TensorIter& it) { comparisonKernel(it, "le", [](auto x, auto y) { return x <= y; }); }
void gtKernel(TensorIter& it) { comparisonKernel(it, "gt", [](auto x, auto y) { return x > y; }); }
void geKernel(TensorIter& it) { comparisonKernel(it, "ge", [](auto x, auto y) { return x >= y; }); }

template <class T>
bool truthy(T v) {
  return v != T(0);
}
void logical_andKernel(TensorIter& it) {
  comparisonKernel<kAllTypesAndComplexAndBool>(it, "logical_and", [](auto x, auto y) { return truthy(x) && truthy(y); });
}
void logical_orKernel(TensorIter& it) {
  comparisonKernel<kAllTypesAndComplexAndBool>(it, "logical_or", [](auto x, auto y) { return truthy(x) || truthy(y); });
}
void logical_xorKernel(TensorIter& it) {
  comparisonKernel<kAllTypesAndComplexAndBool>(it, "logical_xor", [](auto x, auto y) { return truthy(x) != truthy(y); });
}

template <unsigned Set, class F>
void integralKernel(TensorIter& it, std::string_view name, F f) {
  dispatchTypes<Set>(it.commonDtype(), name, [&](auto tag) {
    using T = decltype(tag);
    cpuKernel<T, T, T>(it, [f](T x, T y) { return static_cast<T>(f(x, y)); });
  });
}

void bitwise_andKernel(TensorIter& it) {
  integralKernel<kIntegralTypesAndBool>(it, "bitwise_and", [](auto x, auto y) { return x & y; });
}
void bitwise_orKernel(TensorIter& it) {
  integralKernel<kIntegralTypesAndBool>(it, "bitwise_or", [](auto x, auto y) { return x | y; });
}
void bitwise_xorKernel(TensorIter& it) {
  integralKernel<kIntegralTypesAndBool>(it, "bitwise_xor", [](auto x, auto y) { return x ^ y; });
}

// Shifts by a negative or >= width amount are undefined in C++; give what a wide
// shift means (0, or the sign fill for >>), as current PyTorch does.
template <class T>
T shiftLeft(T a, T b) {
  constexpr int64_t kBits = sizeof(T) * 8;
  if (static_cast<int64_t>(b) < 0 || static_cast<int64_t>(b) >= kBits) return 0;
  return static_cast<T>(static_cast<std::make_unsigned_t<T>>(a) << b);
}
template <class T>
T shiftRight(T a, T b) {
  constexpr int64_t kBits = sizeof(T) * 8;
  if (static_cast<int64_t>(b) < 0 || static_cast<int64_t>(b) >= kBits) return a < 0 ? T(-1) : T(0);
  return static_cast<T>(a >> b);
}

void bitwise_left_shiftKernel(TensorIter& it) {
  integralKernel<kIntTypes>(it, "lshift", [](auto x, auto y) { return shiftLeft(x, y); });
}
void bitwise_right_shiftKernel(TensorIter& it) {
  integralKernel<kIntTypes>(it, "rshift", [](auto x, auto y) { return shiftRight(x, y); });
}

}  // namespace

SCONCE_DEFINE_BINARY_OP(eq, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(ne, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(lt, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(le, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(gt, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(ge, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(logical_and, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(logical_or, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(logical_xor, IterKind::Comparison)
SCONCE_DEFINE_BINARY_OP(bitwise_and, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(bitwise_or, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(bitwise_xor, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(bitwise_left_shift, IterKind::Binary)
SCONCE_DEFINE_BINARY_OP(bitwise_right_shift, IterKind::Binary)

}  // namespace sconce::ops
