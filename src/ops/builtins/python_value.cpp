// Python's str/repr/==/</hash rules for IValues (see python_value.h).
#include "ops/builtins/python_value.h"

#include <cmath>
#include <cstring>

#include "ops/builtins/python_error.h"
#include "ops/script_call.h"

namespace sconce::ops {
namespace {

std::string joinRepr(const std::vector<IValue>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) s += ", ";
    s += pyRepr(items[i]);
  }
  return s;
}

/// The part after the last '.', for class names printed the way Python prints them.
std::string_view shortName(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  return dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);
}

std::string tupleRepr(const TupleObj& t) {
  const auto* type = t.type ? t.type->cast<TupleType>() : nullptr;
  if (type && type->isNamed() && type->fieldNames().size() == t.elements.size()) {
    std::string s = std::string(shortName(*type->qualifiedName())) + "(";
    for (size_t i = 0; i < t.elements.size(); ++i) {
      if (i) s += ", ";
      s += type->fieldNames()[i] + "=" + pyRepr(t.elements[i]);
    }
    return s + ")";
  }
  return "(" + joinRepr(t.elements) + (t.elements.size() == 1 ? ",)" : ")");
}

std::string deviceRepr(Device d) {
  std::string type = Device(d.type).str();
  if (d.index < 0) return "device(type='" + type + "')";
  return fmt::format("device(type='{}', index={})", type, d.index);
}

/// A Python type name for error messages ("'<' not supported between ...").
std::string_view pyTypeName(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return "NoneType";
    case IValue::Tag::Bool: return "bool";
    case IValue::Tag::Int: return "int";
    case IValue::Tag::Double: return "float";
    case IValue::Tag::Complex: return "complex";
    case IValue::Tag::String: return "str";
    case IValue::Tag::Tensor: return "Tensor";
    case IValue::Tag::Tuple: return "tuple";
    case IValue::Tag::List: return "list";
    case IValue::Tag::Dict: return "dict";
    case IValue::Tag::Device: return "device";
    default: return v.tagName();
  }
}

bool isRealNumber(const IValue& v) { return v.isInt() || v.isDouble() || v.isBool(); }

/// -1/0/1 for two real numbers, 2 when unordered (NaN).
int compareNumbers(const IValue& a, const IValue& b) {
  auto asInt = [](const IValue& v) { return v.isBool() ? int64_t{v.toBool()} : v.toInt(); };
  if (!a.isDouble() && !b.isDouble()) {
    int64_t x = asInt(a), y = asInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.isDouble() && b.isDouble()) {
    double x = a.toDouble(), y = b.toDouble();
    if (std::isnan(x) || std::isnan(y)) return 2;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a.isDouble()) {
    int c = compareIntDouble(asInt(b), a.toDouble());
    return c == 2 ? 2 : -c;
  }
  return compareIntDouble(asInt(a), b.toDouble());
}

/// bool(a == b) for tensors, as TorchScript's list ops compute it: one element each.
bool tensorEquals(const Tensor& a, const Tensor& b) {
  if (!a.defined() || !b.defined()) return a.defined() == b.defined();
  if (a.numel() != 1 || b.numel() != 1)
    raisePython("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous");
  return a.itemAsDouble() == b.itemAsDouble();
}

constexpr uint64_t kHashModulus = (uint64_t{1} << 61) - 1;
constexpr int kHashBits = 61;

int64_t finishHash(uint64_t x) {
  auto h = static_cast<int64_t>(x);
  return h == -1 ? -2 : h;
}

int64_t hashInt(int64_t v) {
  uint64_t mag = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  uint64_t r = mag % kHashModulus;
  return finishHash(v < 0 ? uint64_t(0) - r : r);
}

/// CPython's _Py_HashDouble (NaN hashes to 0: CPython hashes it by identity).
int64_t hashDouble(double v) {
  if (std::isinf(v)) return v > 0 ? 314159 : -314159;
  if (std::isnan(v)) return 0;
  int e;
  double m = std::frexp(v, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m != 0) {
    x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
    m *= 268435456.0;
    e -= 28;
    auto y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kHashModulus) x -= kHashModulus;
  }
  e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
  x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
  if (sign < 0) x = uint64_t(0) - x;
  return finishHash(x);
}

/// CPython's tuple hash (xxHash-based, 3.8+).
int64_t hashTuple(const std::vector<IValue>& items) {
  constexpr uint64_t kPrime1 = 11400714785074694791ULL;
  constexpr uint64_t kPrime2 = 14029467366897019727ULL;
  constexpr uint64_t kPrime5 = 2870177450012600261ULL;
  uint64_t acc = kPrime5;
  for (const IValue& item : items) {
    auto lane = static_cast<uint64_t>(pyHash(item));
    acc += lane * kPrime2;
    acc = (acc << 31) | (acc >> 33);
    acc *= kPrime1;
  }
  acc += items.size() ^ (kPrime5 ^ 3527539ULL);
  if (acc == ~uint64_t(0)) return 1546275796;
  return static_cast<int64_t>(acc);
}

int64_t hashString(std::string_view s) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return finishHash(h);
}

}  // namespace

int compareIntDouble(int64_t i, double d) {
  if (std::isnan(d)) return 2;
  if (d >= 9223372036854775808.0) return -1;
  if (d < -9223372036854775808.0) return 1;
  auto t = static_cast<int64_t>(d);  // exact: |d| < 2^63
  if (i != t) return i < t ? -1 : 1;
  double frac = d - static_cast<double>(t);
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

std::string pyFloatReprNoDot(double v) {
  std::string s = pythonFloatRepr(v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string pyComplexRepr(std::complex<double> c) {
  std::string im = pyFloatReprNoDot(c.imag());
  if (c.real() == 0 && !std::signbit(c.real())) return im + "j";
  if (im[0] != '-') im = "+" + im;
  return "(" + pyFloatReprNoDot(c.real()) + im + "j)";
}

std::string pyRepr(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::Double: return pythonFloatRepr(v.toDouble());
    case IValue::Tag::Complex: return pyComplexRepr(v.toComplex());
    case IValue::Tag::String: return pythonStringRepr(v.toStringRef());
    case IValue::Tag::Tuple: return tupleRepr(v.tupleRef());
    case IValue::Tag::List: return "[" + joinRepr(v.listRef().elements) + "]";
    case IValue::Tag::Dict: {
      std::string s = "{";
      bool first = true;
      for (const auto& [key, value] : v.dictRef().items()) {
        if (!first) s += ", ";
        first = false;
        s += pyRepr(key) + ": " + pyRepr(value);
      }
      return s + "}";
    }
    case IValue::Tag::Device: return deviceRepr(v.toDevice());
    case IValue::Tag::Enum: {
      auto e = v.toEnum();
      return fmt::format("<{}.{}: {}>", shortName(e->type->name()), e->name, pyRepr(e->value));
    }
    default: return v.repr();
  }
}

std::string pyStr(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::String: return v.toStringRef();
    case IValue::Tag::Device: return v.toDevice().str();
    case IValue::Tag::Enum: {
      auto e = v.toEnum();
      return std::string(shortName(e->type->name())) + "." + e->name;
    }
    default: return pyRepr(v);
  }
}

bool pyEquals(const IValue& a, const IValue& b) {
  if (a.isComplex() || b.isComplex()) {
    if (!a.isScalar() || !b.isScalar()) return false;
    return a.toComplex() == b.toComplex();
  }
  if (isRealNumber(a) && isRealNumber(b)) return compareNumbers(a, b) == 0;
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::None: return true;
    case IValue::Tag::String: return a.toStringRef() == b.toStringRef();
    case IValue::Tag::Tensor: return tensorEquals(a.toTensor(), b.toTensor());
    case IValue::Tag::Tuple:
    case IValue::Tag::List: {
      const auto& x = a.isList() ? a.listRef().elements : a.tupleRef().elements;
      const auto& y = b.isList() ? b.listRef().elements : b.tupleRef().elements;
      if (&x == &y) return true;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!pyEquals(x[i], y[i])) return false;
      return true;
    }
    case IValue::Tag::Dict: {
      const DictObj& x = a.dictRef();
      const DictObj& y = b.dictRef();
      if (x.size() != y.size()) return false;
      for (const auto& [key, value] : x.items()) {
        const IValue* other = y.find(key);
        if (!other || !pyEquals(value, *other)) return false;
      }
      return true;
    }
    case IValue::Tag::Enum: {
      auto x = a.toEnum(), y = b.toEnum();
      return x.get() == y.get() || (x->type->equals(*y->type) && x->name == y->name);
    }
    default: return a.is(b);
  }
}

bool pyLess(const IValue& a, const IValue& b) {
  if (isRealNumber(a) && isRealNumber(b)) return compareNumbers(a, b) == -1;
  if (a.isString() && b.isString()) return a.toStringRef() < b.toStringRef();  // UTF-8 order = code point order
  if ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple())) {
    const auto& x = a.isList() ? a.listRef().elements : a.tupleRef().elements;
    const auto& y = b.isList() ? b.listRef().elements : b.tupleRef().elements;
    size_t n = std::min(x.size(), y.size());
    for (size_t i = 0; i < n; ++i)
      if (!pyEquals(x[i], y[i])) return pyLess(x[i], y[i]);
    return x.size() < y.size();
  }
  if (a.isTensor() && b.isTensor()) {
    Tensor x = a.toTensor(), y = b.toTensor();
    if (x.numel() != 1 || y.numel() != 1)
      raisePython("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous");
    return x.itemAsDouble() < y.itemAsDouble();
  }
  if (a.isObject()) {
    // A TorchScript class defines the order with __lt__ (PyTorch's list sort calls it).
    const ScriptCaller* caller = currentScriptCaller();
    if (Function* lt = a.toObject()->type->findMethod("__lt__"); lt && caller)
      return caller->callScriptFunction(lt, {a, b}).toBool();
  }
  raisePython("TypeError", fmt::format("'<' not supported between instances of '{}' and '{}'",
                                       pyTypeName(a), pyTypeName(b)));
}

int64_t pyHash(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return 0x5f3759df;
    case IValue::Tag::Bool: return v.toBool() ? 1 : 0;
    case IValue::Tag::Int: return hashInt(v.toInt());
    case IValue::Tag::Double: return hashDouble(v.toDouble());
    case IValue::Tag::Complex: {
      // CPython: hash(real) + 1000003 * hash(imag), wrapping.
      auto c = v.toComplex();
      uint64_t h = static_cast<uint64_t>(hashDouble(c.real())) +
                   1000003ULL * static_cast<uint64_t>(hashDouble(c.imag()));
      return finishHash(h);
    }
    case IValue::Tag::String: return hashString(v.toStringRef());
    case IValue::Tag::Tuple: return hashTuple(v.tupleRef().elements);
    case IValue::Tag::Device: return hashString(v.toDevice().str());
    case IValue::Tag::List:
    case IValue::Tag::Dict: raisePython("TypeError", fmt::format("unhashable type: '{}'", pyTypeName(v)));
    default: {
      auto p = reinterpret_cast<uintptr_t>(v.payload());
      return finishHash(static_cast<uint64_t>(p >> 4 | p << 60));  // CPython's id-based hash
    }
  }
}

bool pyTruth(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return false;
    case IValue::Tag::Bool: return v.toBool();
    case IValue::Tag::Int: return v.toInt() != 0;
    case IValue::Tag::Double: return v.toDouble() != 0;
    case IValue::Tag::Complex: return v.toComplex() != std::complex<double>(0, 0);
    case IValue::Tag::String: return !v.toStringRef().empty();
    case IValue::Tag::List: return !v.listRef().elements.empty();
    case IValue::Tag::Tuple: return !v.tupleRef().elements.empty();
    case IValue::Tag::Dict: return !v.dictRef().empty();
    default: return true;
  }
}

}  // namespace sconce::ops
