// Boxing: typed access to a kernel's operand stack, and `boxed<fn>` to turn a typed
// C++ function into a KernelFn.
//
// Every kernel has the one signature `void(Stack&)` (operator_registry.h): it pops its
// inputs (top of the stack = last argument) and pushes its outputs. Written by hand
// that is a screen of toInt()/toTensor() per op, in reverse order; these helpers let a
// kernel read like its schema instead:
//
//   registry.registerKernel("aten::gcd.int", boxed<[](int64_t a, int64_t b) { ... }>);
//   auto [self, dim, keepdim] = popArgs<Tensor, int64_t, bool>(stack);
//   push(stack, values, indices);
//
// Conversions (fromIValue<T> / toIValue) follow the schema types: `int` is int64_t,
// `float` double, `str` std::string, `int[]` std::vector<int64_t>, `T?` std::optional<T>
// (None <-> nullopt), `Scalar` Scalar, `ScalarType` ScalarType, containers with
// reference semantics Ref<ListObj>/Ref<DictObj>/Ref<TupleObj>, anything else IValue.
// A wrong tag throws ValueError naming both types (IValue's checked accessors).
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ir/ivalue.h"
#include "ops/operator_registry.h"
#include "support/error.h"
#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

// ---- Converting one value ------------------------------------------------------------

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {
  using Element = T;
};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {
  using Element = T;
};
template <class T>
struct IsTuple : std::false_type {};
template <class... T>
struct IsTuple<std::tuple<T...>> : std::true_type {};

/// `Scalar` argument: int, float, bool or complex. Anything else throws ValueError.
inline Scalar toScalar(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::Int: return Scalar(v.toInt());
    case IValue::Tag::Double: return Scalar(v.toDouble());
    case IValue::Tag::Bool: return Scalar(v.toBool());
    case IValue::Tag::Complex: return Scalar(v.toComplex());
    default: fail<ValueError>("expected a number (Scalar) but got {}", v.tagName());
  }
}

/// A ScalarType argument (an int in the type system); ValueError for unknown codes.
inline ScalarType toScalarType(const IValue& v) {
  int64_t code = v.toInt();
  SCONCE_CHECK(ValueError, isValidScalarType(code), "invalid dtype code {}", code);
  return static_cast<ScalarType>(code);
}

/// Converts a (popped) stack value to the C++ type of a schema argument.
template <class T>
T fromIValue(IValue&& v) {
  if constexpr (std::is_same_v<T, IValue>) {
    return std::move(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.toBool();
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return v.toInt();
  } else if constexpr (std::is_same_v<T, double>) {
    // An int where a float is expected is widened, as Python does implicitly.
    return v.isDouble() ? v.toDouble() : v.toScalarDouble();
  } else if constexpr (std::is_same_v<T, std::complex<double>>) {
    return v.toComplex();
  } else if constexpr (std::is_same_v<T, std::string>) {
    const std::string& s = v.toStringRef();
    // The only reference: steal the characters instead of copying them.
    if (v.payload()->useCount() == 1) return std::move(const_cast<std::string&>(s));
    return s;
  } else if constexpr (std::is_same_v<T, Tensor>) {
    return v.toTensor();
  } else if constexpr (std::is_same_v<T, Scalar>) {
    return toScalar(v);
  } else if constexpr (std::is_same_v<T, ScalarType>) {
    return toScalarType(v);
  } else if constexpr (std::is_same_v<T, Device>) {
    return v.toDevice();
  } else if constexpr (std::is_same_v<T, Ref<ListObj>>) {
    return v.toList();
  } else if constexpr (std::is_same_v<T, Ref<DictObj>>) {
    return v.toDict();
  } else if constexpr (std::is_same_v<T, Ref<TupleObj>>) {
    return v.toTuple();
  } else if constexpr (IsOptional<T>::value) {
    if (v.isNone()) return std::nullopt;
    return fromIValue<typename IsOptional<T>::Element>(std::move(v));
  } else if constexpr (IsVector<T>::value) {
    using E = typename IsVector<T>::Element;
    const auto& elements = v.toList()->elements;
    T out;
    out.reserve(elements.size());
    for (const IValue& e : elements) out.push_back(fromIValue<E>(IValue(e)));
    return out;
  } else {
    static_assert(sizeof(T) == 0, "fromIValue: no conversion for this type");
  }
}

/// Element type stored in a ListObj built from std::vector<T>.
template <class T>
TypePtr listElementType() {
  if constexpr (std::is_same_v<T, int64_t>) return IntType::get();
  else if constexpr (std::is_same_v<T, double>) return FloatType::get();
  else if constexpr (std::is_same_v<T, bool>) return BoolType::get();
  else if constexpr (std::is_same_v<T, std::string>) return StringType::get();
  else if constexpr (std::is_same_v<T, Tensor>) return TensorType::get();
  else if constexpr (std::is_same_v<T, std::complex<double>>) return ComplexType::get();
  else if constexpr (IsOptional<T>::value)
    return OptionalType::create(listElementType<typename IsOptional<T>::Element>());
  else return AnyType::get();
}

template <class T>
IValue toIValue(std::optional<T> v);
template <class T>
IValue toIValue(std::vector<T> v);
inline IValue toIValue(IValue v) { return v; }
inline IValue toIValue(bool v) { return IValue(v); }
inline IValue toIValue(int64_t v) { return IValue(v); }
inline IValue toIValue(int v) { return IValue(static_cast<int64_t>(v)); }
inline IValue toIValue(double v) { return IValue(v); }
inline IValue toIValue(std::complex<double> v) { return IValue(v); }
inline IValue toIValue(std::string v) { return IValue(std::move(v)); }
inline IValue toIValue(std::string_view v) { return IValue(std::string(v)); }
inline IValue toIValue(const char* v) { return IValue(std::string(v)); }
inline IValue toIValue(const Tensor& v) { return IValue(v); }
inline IValue toIValue(Device v) { return IValue(v); }
inline IValue toIValue(ScalarType v) { return IValue(static_cast<int64_t>(v)); }
inline IValue toIValue(Ref<ListObj> v) { return IValue(std::move(v)); }
inline IValue toIValue(Ref<DictObj> v) { return IValue(std::move(v)); }
inline IValue toIValue(Ref<TupleObj> v) { return IValue(std::move(v)); }
inline IValue toIValue(const Scalar& s) {
  switch (s.kind()) {
    case Scalar::Kind::Bool: return IValue(s.toBool());
    case Scalar::Kind::Int: return IValue(s.toLong());
    case Scalar::Kind::Double: return IValue(s.toDouble());
    case Scalar::Kind::Complex: return IValue(s.toComplex());
  }
  return IValue();
}
/// `int[]` results (sizes, strides).
inline IValue toIValue(IntArrayRef v) {
  std::vector<IValue> e(v.begin(), v.end());
  return IValue(ListObj::create(IntType::get(), std::move(e)));
}
template <class T>
IValue toIValue(std::optional<T> v) {
  return v ? toIValue(std::move(*v)) : IValue();
}
/// A new list whose static element type follows T (int64_t -> int, Tensor -> Tensor).
template <class T>
IValue toIValue(std::vector<T> v) {
  std::vector<IValue> e;
  e.reserve(v.size());
  for (auto& x : v) e.push_back(toIValue(std::move(x)));
  return IValue(ListObj::create(listElementType<T>(), std::move(e)));
}

// ---- Popping and pushing ---------------------------------------------------------------

/// Removes and returns the top of the stack. The stack must not be empty.
inline IValue pop(Stack& stack) {
  SCONCE_ASSERT(!stack.empty(), "pop from an empty operand stack");
  IValue v = std::move(stack.back());
  stack.pop_back();
  return v;
}

inline bool popBool(Stack& s) { return fromIValue<bool>(pop(s)); }
inline int64_t popInt(Stack& s) { return fromIValue<int64_t>(pop(s)); }
/// A `float` argument (an int is widened).
inline double popDouble(Stack& s) { return fromIValue<double>(pop(s)); }
inline std::complex<double> popComplex(Stack& s) { return pop(s).toComplex(); }
inline std::string popString(Stack& s) { return fromIValue<std::string>(pop(s)); }
inline Tensor popTensor(Stack& s) { return pop(s).toTensor(); }
/// A `Scalar` argument: int, float, bool or complex.
inline Scalar popScalar(Stack& s) { return toScalar(pop(s)); }
inline ScalarType popScalarType(Stack& s) { return toScalarType(pop(s)); }
inline Device popDevice(Stack& s) { return pop(s).toDevice(); }
/// Containers are shared, not copied: mutating the result mutates the caller's value.
inline Ref<ListObj> popList(Stack& s) { return pop(s).toList(); }
inline Ref<DictObj> popDict(Stack& s) { return pop(s).toDict(); }
inline Ref<TupleObj> popTuple(Stack& s) { return pop(s).toTuple(); }
/// `int[]` as a vector of values (a copy of the list's contents).
inline std::vector<int64_t> popIntList(Stack& s) { return fromIValue<std::vector<int64_t>>(pop(s)); }
inline std::vector<double> popDoubleList(Stack& s) { return fromIValue<std::vector<double>>(pop(s)); }
inline std::vector<bool> popBoolList(Stack& s) { return fromIValue<std::vector<bool>>(pop(s)); }
inline std::vector<Tensor> popTensorList(Stack& s) { return fromIValue<std::vector<Tensor>>(pop(s)); }

/// `T?` arguments: nullopt for None.
inline std::optional<int64_t> popOptionalInt(Stack& s) { return fromIValue<std::optional<int64_t>>(pop(s)); }
inline std::optional<double> popOptionalDouble(Stack& s) { return fromIValue<std::optional<double>>(pop(s)); }
inline std::optional<bool> popOptionalBool(Stack& s) { return fromIValue<std::optional<bool>>(pop(s)); }
inline std::optional<std::string> popOptionalString(Stack& s) {
  return fromIValue<std::optional<std::string>>(pop(s));
}
inline std::optional<Scalar> popOptionalScalar(Stack& s) { return fromIValue<std::optional<Scalar>>(pop(s)); }
inline std::optional<ScalarType> popOptionalScalarType(Stack& s) {
  return fromIValue<std::optional<ScalarType>>(pop(s));
}
inline std::optional<Device> popOptionalDevice(Stack& s) { return fromIValue<std::optional<Device>>(pop(s)); }
/// `Tensor?`: nullopt for None (and for an undefined tensor, which is how PyTorch
/// spells a None tensor internally).
inline std::optional<Tensor> popOptionalTensor(Stack& s) {
  IValue v = pop(s);
  if (v.isNone()) return std::nullopt;
  Tensor t = v.toTensor();
  if (!t.defined()) return std::nullopt;
  return t;
}
inline std::optional<std::vector<int64_t>> popOptionalIntList(Stack& s) {
  return fromIValue<std::optional<std::vector<int64_t>>>(pop(s));
}

/// Pops the top sizeof...(Ts) values, converted to the argument types in schema order:
/// `auto [self, dim] = popArgs<Tensor, int64_t>(stack);`.
template <class... Ts>
std::tuple<Ts...> popArgs(Stack& stack) {
  constexpr size_t n = sizeof...(Ts);
  SCONCE_ASSERT(stack.size() >= n, "operand stack holds {} values, kernel needs {}", stack.size(), n);
  auto base = stack.end() - static_cast<ptrdiff_t>(n);
  auto args = [&]<size_t... I>(std::index_sequence<I...>) {
    return std::tuple<Ts...>{fromIValue<Ts>(std::move(base[I]))...};
  }(std::index_sequence_for<Ts...>{});
  stack.erase(base, stack.end());
  return args;
}

/// The value `i` of the top `n` values (0 = the deepest, i.e. the first argument),
/// without popping: for kernels that only read their inputs.
inline IValue& peek(Stack& stack, size_t i, size_t n) {
  return stack[stack.size() - n + i];
}
/// The top `n` values in argument order.
inline std::span<IValue> last(Stack& stack, size_t n) {
  return std::span<IValue>(stack.data() + stack.size() - n, n);
}
/// Pops `n` values.
inline void drop(Stack& stack, size_t n) { stack.resize(stack.size() - n); }

/// For vararg schemas (`aten::format(str self, ...)`): pops the count the caller
/// pushed last, which counts every input including the fixed ones before `...`.
inline size_t popVarargCount(Stack& stack) {
  int64_t n = popInt(stack);
  SCONCE_ASSERT(n >= 0 && static_cast<size_t>(n) <= stack.size(), "bad vararg count {}", n);
  return static_cast<size_t>(n);
}
/// Pops the top `n` values, in argument order.
inline std::vector<IValue> popValues(Stack& stack, size_t n) {
  auto base = stack.end() - static_cast<ptrdiff_t>(n);
  std::vector<IValue> out(std::make_move_iterator(base), std::make_move_iterator(stack.end()));
  stack.erase(base, stack.end());
  return out;
}

/// Pushes each value (converted by toIValue) in order; a std::tuple pushes its
/// elements as separate outputs (a schema's `-> (float, int)`), not as one tuple.
template <class... Vs>
void push(Stack& stack, Vs&&... values) {
  auto one = [&](auto&& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (IsTuple<V>::value)
      std::apply([&](auto&&... e) { (stack.push_back(toIValue(std::forward<decltype(e)>(e))), ...); },
                 std::forward<decltype(v)>(v));
    else
      stack.push_back(toIValue(std::forward<decltype(v)>(v)));
  };
  (one(std::forward<Vs>(values)), ...);
}

// ---- boxed<fn>: a typed function as a kernel --------------------------------------------

namespace detail {
template <class F>
struct FnTraits : FnTraits<decltype(&F::operator())> {};
template <class R, class... A>
struct FnTraits<R (*)(A...)> {
  using Result = R;
  using Args = std::tuple<std::decay_t<A>...>;
};
template <class R, class... A>
struct FnTraits<R (&)(A...)> : FnTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct FnTraits<R (C::*)(A...) const> : FnTraits<R (*)(A...)> {};
template <class C, class R, class... A>
struct FnTraits<R (C::*)(A...)> : FnTraits<R (*)(A...)> {};

template <auto Fn, class... A>
void callBoxed(Stack& stack, std::tuple<A...>*) {
  using R = typename FnTraits<decltype(Fn)>::Result;
  if constexpr (std::is_void_v<R>) {
    std::apply(Fn, popArgs<A...>(stack));
  } else {
    push(stack, std::apply(Fn, popArgs<A...>(stack)));
  }
}
}  // namespace detail

/// A KernelFn that pops Fn's parameters (by their decayed types, in order), calls Fn and
/// pushes its result (nothing for void; each element for a std::tuple). Fn is a function
/// pointer or a captureless lambda.
template <auto Fn>
void boxed(Stack& stack) {
  using Args = typename detail::FnTraits<decltype(Fn)>::Args;
  detail::callBoxed<Fn>(stack, static_cast<Args*>(nullptr));
}

}  // namespace sconce::ops
