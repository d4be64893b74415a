// Arithmetic, comparison and bit operators on int, float, bool and complex.
//
// Each operator has one function per number kind; the mixed overloads (`add.int_float`)
// reuse the float one (a `float` parameter accepts an int, as Python widens), and the
// `Scalar` overloads dispatch at run time with scalarBinary. Division and modulo follow
// Python (floor rounding, the divisor's sign, ZeroDivisionError).
#include <cmath>
#include <complex>

#include "ops/builtins/builtins.h"
#include "ops/builtins/python_number.h"

namespace sconce::ops {
namespace {

using C = std::complex<double>;

// ---- + - * / // % ** ------------------------------------------------------------------

constexpr auto addInt = [](int64_t a, int64_t b) { return wrapAdd(a, b); };
constexpr auto addFloat = [](double a, double b) { return a + b; };
constexpr auto addComplex = [](C a, C b) { return a + b; };
constexpr auto subInt = [](int64_t a, int64_t b) { return wrapSub(a, b); };
constexpr auto subFloat = [](double a, double b) { return a - b; };
constexpr auto subComplex = [](C a, C b) { return a - b; };
constexpr auto mulInt = [](int64_t a, int64_t b) { return wrapMul(a, b); };
constexpr auto mulFloat = [](double a, double b) { return a * b; };
constexpr auto mulComplex = [](C a, C b) { return a * b; };
constexpr auto divInt = [](int64_t a, int64_t b) { return pyTrueDiv(a, b); };
constexpr auto divFloat = [](double a, double b) { return pyTrueDiv(a, b); };
constexpr auto divComplex = [](C a, C b) {
  if (b == C(0, 0)) zeroDivision("complex division by zero");
  return a / b;
};
constexpr auto floordivInt = [](int64_t a, int64_t b) { return pyFloorDiv(a, b); };
constexpr auto floordivFloat = [](double a, double b) { return pyFloorDiv(a, b); };
constexpr auto remainderInt = [](int64_t a, int64_t b) { return pyMod(a, b); };
constexpr auto remainderFloat = [](double a, double b) { return pyMod(a, b); };
/// `int ** int` is float in TorchScript's schema (a negative exponent makes a fraction).
constexpr auto powIntFloat = [](int64_t a, int64_t b) {
  return pyPow(static_cast<double>(a), static_cast<double>(b));
};
constexpr auto powFloat = [](double a, double b) { return pyPow(a, b); };
constexpr auto powComplex = [](C a, C b) {
  if (a == C(0, 0) && (b.imag() != 0 || b.real() < 0))
    zeroDivision("0.0 to a negative or complex power");
  return std::pow(a, b);
};
constexpr auto powIntInt = [](int64_t a, int64_t b) { return pyPowInt(a, b); };

constexpr auto divmodInt = [](int64_t a, int64_t b) {
  int64_t q = pyFloorDiv(a, b);
  return std::tuple<int64_t, int64_t>(q, pyMod(a, b, "integer division or modulo by zero"));
};
constexpr auto divmodFloat = [](double a, double b) {
  if (b == 0) zeroDivision("float divmod()");
  auto [q, r] = pyFloatDivmod(a, b);
  return std::tuple<double, double>(q, r);
};

constexpr auto negInt = [](int64_t a) { return wrapNeg(a); };
constexpr auto negFloat = [](double a) { return -a; };
constexpr auto negComplex = [](C a) { return -a; };
constexpr auto absInt = [](int64_t a) { return a < 0 ? wrapNeg(a) : a; };
constexpr auto absFloat = [](double a) { return std::fabs(a); };
constexpr auto absComplex = [](C a) { return std::abs(a); };

/// Registers the int / float / complex overloads of a binary operator that exist in the
/// table: `.int`, the float family (`.float`, `.int_float`, `.float_int`), the complex
/// family, and the Scalar overload under `scalarOverload`.
template <KernelFn Int, KernelFn Float, KernelFn Complex>
void registerBinary(OperatorRegistry& r, const std::string& name, const char* scalarOverload) {
  auto maybe = [&](const std::string& overload, KernelFn fn) {
    std::string full = overload.empty() ? name : name + "." + overload;
    if (fn && r.find(full)) r.registerKernel(full, fn);
  };
  maybe("int", Int);
  for (const char* o : {"float", "int_float", "float_int"}) maybe(o, Float);
  for (const char* o : {"complex", "complex_float", "complex_int", "float_complex", "int_complex"})
    maybe(o, Complex);
  maybe(scalarOverload, &scalarBinary<Int, Float, Complex>);
}

// ---- comparisons -----------------------------------------------------------------------

template <class Cmp>
constexpr auto compareInts = [](int64_t a, int64_t b) { return Cmp{}(a, b); };
template <class Cmp>
constexpr auto compareFloats = [](double a, double b) { return Cmp{}(a, b); };
/// int vs float compares exactly (2**53 + 1 > 2.0**53), as Python does.
/// NaN is unordered: every comparison with it is false except !=.
template <class Cmp>
constexpr bool kUnorderedResult = std::is_same_v<Cmp, std::not_equal_to<>>;
template <class Cmp>
constexpr auto compareIntFloat = [](int64_t a, double b) {
  int c = compareIntDouble(a, b);
  return c == 2 ? kUnorderedResult<Cmp> : Cmp{}(c, 0);
};
template <class Cmp>
constexpr auto compareFloatInt = [](double a, int64_t b) {
  int c = compareIntDouble(b, a);
  return c == 2 ? kUnorderedResult<Cmp> : Cmp{}(0, c);
};
template <class Cmp>
constexpr auto compareStrings = [](IValue a, IValue b) { return Cmp{}(a.toStringRef(), b.toStringRef()); };
template <class Cmp>
constexpr const char* kSymbol = std::is_same_v<Cmp, std::less<>>            ? "<"
                                : std::is_same_v<Cmp, std::less_equal<>>    ? "<="
                                : std::is_same_v<Cmp, std::greater<>>       ? ">"
                                : std::is_same_v<Cmp, std::greater_equal<>> ? ">="
                                                                            : "==";

/// Scalar overloads: any mix of int, float and bool (and complex for ==/!=).
template <class Cmp>
void compareScalars(Stack& stack) {
  IValue b = pop(stack), a = pop(stack);
  constexpr bool kEquality = std::is_same_v<Cmp, std::equal_to<>> || std::is_same_v<Cmp, std::not_equal_to<>>;
  bool result;
  if constexpr (kEquality) {
    result = pyEquals(a, b) == std::is_same_v<Cmp, std::equal_to<>>;
  } else {
    if (a.isComplex() || b.isComplex())
      raisePython("TypeError", fmt::format("'{}' not supported between instances of '{}' and '{}'", kSymbol<Cmp>,
                                           a.isComplex() ? "complex" : a.isDouble() ? "float" : "int",
                                           b.isComplex() ? "complex" : b.isDouble() ? "float" : "int"));
    if constexpr (std::is_same_v<Cmp, std::less<>>) result = pyLess(a, b);
    else if constexpr (std::is_same_v<Cmp, std::greater<>>) result = pyLess(b, a);
    else if constexpr (std::is_same_v<Cmp, std::less_equal<>>) result = pyLess(a, b) || pyEquals(a, b);
    else result = pyLess(b, a) || pyEquals(a, b);
  }
  push(stack, result);
}

template <class Cmp>
void registerComparison(OperatorRegistry& r, const std::string& name) {
  r.registerKernel(name + ".int", boxed<compareInts<Cmp>>);
  r.registerKernel(name + ".float", boxed<compareFloats<Cmp>>);
  r.registerKernel(name + ".int_float", boxed<compareIntFloat<Cmp>>);
  r.registerKernel(name + ".float_int", boxed<compareFloatInt<Cmp>>);
  r.registerKernel(name + ".str", boxed<compareStrings<Cmp>>);
  r.registerKernel(name, compareScalars<Cmp>);
}

/// ==/!= only: bool, complex, device and enum overloads.
template <bool Equal>
void registerEquality(OperatorRegistry& r, const std::string& name) {
  r.registerKernel(name + ".bool", boxed<[](bool a, bool b) { return (a == b) == Equal; }>);
  constexpr auto complexEq = [](C a, C b) { return (a == b) == Equal; };
  r.registerKernel(name + ".complex", boxed<complexEq>);
  r.registerKernel(name + ".complex_float", boxed<complexEq>);
  r.registerKernel(name + ".float_complex", boxed<complexEq>);
  r.registerKernel(name + ".device", boxed<[](Device a, Device b) { return (a == b) == Equal; }>);
  r.registerKernel(name + ".enum", boxed<[](IValue a, IValue b) { return pyEquals(a, b) == Equal; }>);
}

// ---- bit operators ------------------------------------------------------------------------

int64_t shiftLeft(int64_t a, int64_t n) {
  if (n < 0) raisePython("ValueError", "negative shift count");
  if (n >= 64) return 0;  // every bit shifted out of the int64 (Python would grow)
  return static_cast<int64_t>(static_cast<uint64_t>(a) << n);
}

int64_t shiftRight(int64_t a, int64_t n) {
  if (n < 0) raisePython("ValueError", "negative shift count");
  if (n >= 64) return a < 0 ? -1 : 0;
  return a >> n;  // arithmetic shift = floor division by 2**n, as Python
}

int64_t roundToZeroFloordiv(int64_t a, int64_t b) {
  if (b == 0) zeroDivision("integer division or modulo by zero");
  if (b == -1) return wrapNeg(a);
  return a / b;
}

// ---- min / max of two numbers ------------------------------------------------------------

/// Python's min(a, b) keeps the first of equal values (and a NaN first operand).
constexpr auto minInt = [](int64_t a, int64_t b) { return b < a ? b : a; };
constexpr auto minFloat = [](double a, double b) { return b < a ? b : a; };
constexpr auto maxInt = [](int64_t a, int64_t b) { return b > a ? b : a; };
constexpr auto maxFloat = [](double a, double b) { return b > a ? b : a; };
constexpr auto minScalar = [](IValue a, IValue b) { return pyLess(b, a) ? b : a; };
constexpr auto maxScalar = [](IValue a, IValue b) { return pyLess(a, b) ? b : a; };

}  // namespace

void registerNumberKernels(OperatorRegistry& r) {
  registerBinary<boxed<addInt>, boxed<addFloat>, boxed<addComplex>>(r, "aten::add", "");
  registerBinary<boxed<subInt>, boxed<subFloat>, boxed<subComplex>>(r, "aten::sub", "");
  registerBinary<boxed<mulInt>, boxed<mulFloat>, boxed<mulComplex>>(r, "aten::mul", "");
  registerBinary<boxed<divInt>, boxed<divFloat>, boxed<divComplex>>(r, "aten::div", "");
  registerBinary<boxed<floordivInt>, boxed<floordivFloat>, nullptr>(r, "aten::floordiv", "");
  registerBinary<boxed<remainderInt>, boxed<remainderFloat>, nullptr>(r, "aten::remainder", "");
  registerBinary<boxed<powIntFloat>, boxed<powFloat>, boxed<powComplex>>(r, "aten::pow", "Scalar_Scalar");
  r.registerKernel("aten::pow.int_to_int", boxed<powIntInt>);
  r.registerKernel("aten::divmod.int", boxed<divmodInt>);
  for (const char* o : {"aten::divmod.float", "aten::divmod.int_float", "aten::divmod.float_int"})
    r.registerKernel(o, boxed<divmodFloat>);

  r.registerKernel("aten::neg.int", boxed<negInt>);
  r.registerKernel("aten::neg.float", boxed<negFloat>);
  r.registerKernel("aten::neg.complex", boxed<negComplex>);
  r.registerKernel("aten::neg.Scalar", scalarUnary<boxed<negInt>, boxed<negFloat>, boxed<negComplex>>);
  r.registerKernel("prim::abs.int", boxed<absInt>);
  r.registerKernel("prim::abs.float", boxed<absFloat>);
  r.registerKernel("prim::abs.complex", boxed<absComplex>);
  r.registerKernel("prim::abs.Scalar", scalarUnary<boxed<absInt>, boxed<absFloat>, boxed<absComplex>>);

  registerComparison<std::equal_to<>>(r, "aten::eq");
  registerComparison<std::not_equal_to<>>(r, "aten::ne");
  registerComparison<std::less<>>(r, "aten::lt");
  registerComparison<std::less_equal<>>(r, "aten::le");
  registerComparison<std::greater<>>(r, "aten::gt");
  registerComparison<std::greater_equal<>>(r, "aten::ge");
  registerEquality<true>(r, "aten::eq");
  registerEquality<false>(r, "aten::ne");

  r.registerKernel("aten::__and__.int", boxed<[](int64_t a, int64_t b) { return a & b; }>);
  r.registerKernel("aten::__or__.int", boxed<[](int64_t a, int64_t b) { return a | b; }>);
  r.registerKernel("aten::__xor__.int", boxed<[](int64_t a, int64_t b) { return a ^ b; }>);
  r.registerKernel("aten::__and__.bool", boxed<[](bool a, bool b) { return a && b; }>);
  r.registerKernel("aten::__or__.bool", boxed<[](bool a, bool b) { return a || b; }>);
  r.registerKernel("aten::__xor__.bool", boxed<[](bool a, bool b) { return a != b; }>);
  r.registerKernel("aten::__lshift__.int", boxed<shiftLeft>);
  r.registerKernel("aten::__rshift__.int", boxed<shiftRight>);
  r.registerKernel("aten::__not__", boxed<[](bool a) { return !a; }>);
  r.registerKernel("aten::__round_to_zero_floordiv.int", boxed<roundToZeroFloordiv>);

  r.registerKernel("prim::min.int", boxed<minInt>);
  r.registerKernel("prim::max.int", boxed<maxInt>);
  for (const char* o : {"prim::min.float", "prim::min.int_float", "prim::min.float_int"})
    r.registerKernel(o, boxed<minFloat>);
  for (const char* o : {"prim::max.float", "prim::max.int_float", "prim::max.float_int"})
    r.registerKernel(o, boxed<maxFloat>);
  r.registerKernel("prim::min", boxed<minScalar>);
  r.registerKernel("prim::max", boxed<maxScalar>);
}

}  // namespace sconce::ops
