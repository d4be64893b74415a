// IValue construction, checked accessors, repr, dict-key hashing and DictObj.
#include "ir/ivalue.h"

#include <charconv>
#include <cmath>
#include <functional>

namespace sconce {

IValue::IValue(std::complex<double> v) : IValue(Tag::Complex, new ComplexObj(v)) {}
IValue::IValue(std::string v) : IValue(Tag::String, new StringObj(std::move(v))) {}
IValue::IValue(Ref<TupleObj> v) : IValue(Tag::Tuple, v.get()) {}
IValue::IValue(Ref<ListObj> v) : IValue(Tag::List, v.get()) {}
IValue::IValue(Ref<DictObj> v) : IValue(Tag::Dict, v.get()) {}
IValue::IValue(Ref<Object> v) : IValue(Tag::Object, v.get()) {}
IValue::IValue(Ref<EnumHolder> v) : IValue(Tag::Enum, v.get()) {}
IValue::IValue(Ref<Capsule> v) : IValue(Tag::Capsule, v.get()) {}

IValue IValue::bigInt(std::string littleEndianBytes) {
  return IValue(Tag::BigInt, new StringObj(std::move(littleEndianBytes)));
}

std::string_view IValue::tagName() const {
  switch (tag_) {
    case Tag::None: return "None";
    case Tag::Bool: return "bool";
    case Tag::Int: return "int";
    case Tag::Double: return "float";
    case Tag::Complex: return "complex";
    case Tag::String: return "str";
    case Tag::Tensor: return "Tensor";
    case Tag::Tuple: return "Tuple";
    case Tag::List: return "List";
    case Tag::Dict: return "Dict";
    case Tag::Object: return "Object";
    case Tag::Device: return "Device";
    case Tag::Enum: return "Enum";
    case Tag::Storage: return "Storage";
    case Tag::BigInt: return "int (arbitrary precision)";
    case Tag::Uninitialized: return "Uninitialized";
    case Tag::Capsule: return "Capsule";
  }
  return "?";
}

void IValue::throwTagMismatch(Tag expected) const {
  IValue probe;
  probe.tag_ = expected;
  std::string_view want = probe.tagName();
  probe.tag_ = Tag::None;
  fail<ValueError>("expected a value of type {} but got {}", want, tagName());
}

double IValue::toScalarDouble() const {
  switch (tag_) {
    case Tag::Double: return u_.d;
    case Tag::Int: return static_cast<double>(u_.i);
    case Tag::Bool: return u_.b ? 1.0 : 0.0;
    default: fail<ValueError>("expected a number but got {}", tagName());
  }
}

std::complex<double> IValue::toComplex() const {
  if (tag_ == Tag::Complex) return static_cast<ComplexObj*>(u_.p)->value;
  return {toScalarDouble(), 0.0};
}

const std::string& IValue::toStringRef() const {
  check(Tag::String);
  return static_cast<StringObj*>(u_.p)->value;
}

const std::string& IValue::bigIntBytes() const {
  check(Tag::BigInt);
  return static_cast<StringObj*>(u_.p)->value;
}

Tensor IValue::toTensor() const {
  check(Tag::Tensor);
  return Tensor(Ref<TensorImpl>(static_cast<TensorImpl*>(u_.p)));
}

Storage IValue::toStorage() const {
  check(Tag::Storage);
  return Storage(static_cast<StorageImpl*>(u_.p));
}

#define SCONCE_TO_REF(fn, T, tag)            \
  Ref<T> IValue::fn() const {                \
    check(tag);                              \
    return Ref<T>(static_cast<T*>(u_.p));    \
  }
SCONCE_TO_REF(toTuple, TupleObj, Tag::Tuple)
SCONCE_TO_REF(toList, ListObj, Tag::List)
SCONCE_TO_REF(toDict, DictObj, Tag::Dict)
SCONCE_TO_REF(toObject, Object, Tag::Object)
SCONCE_TO_REF(toEnum, EnumHolder, Tag::Enum)
SCONCE_TO_REF(toCapsule, Capsule, Tag::Capsule)
#undef SCONCE_TO_REF

bool IValue::is(const IValue& o) const {
  if (tag_ != o.tag_) return false;
  switch (tag_) {
    case Tag::None:
    case Tag::Uninitialized: return true;
    case Tag::Bool: return u_.b == o.u_.b;
    case Tag::Int: return u_.i == o.u_.i;
    case Tag::Double: return u_.d == o.u_.d;
    case Tag::Device: return toDevice() == o.toDevice();
    default: return u_.p == o.u_.p;
  }
}

std::string pythonFloatRepr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // Shortest round-trip digits, then Python's layout: positional for 1e-4 <= |v| < 1e16.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  int exp10 = std::stoi(sci.substr(e + 1));
  std::string mant = sci.substr(0, e);
  bool negative = mant[0] == '-';
  if (negative) mant.erase(0, 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  std::string out;
  if (exp10 >= 16 || exp10 < -4) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exp10 < 0 ? '-' : '+', std::abs(exp10));
  } else if (exp10 < 0) {
    out = "0." + std::string(static_cast<size_t>(-exp10 - 1), '0') + digits;
  } else {
    auto intDigits = static_cast<size_t>(exp10) + 1;
    if (digits.size() <= intDigits) {
      out = digits + std::string(intDigits - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, intDigits) + "." + digits.substr(intDigits);
    }
  }
  return negative ? "-" + out : out;
}

std::string pythonStringRepr(std::string_view s) {
  char quote = (s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos)
                   ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += static_cast<char>(c);  // UTF-8 bytes pass through as Python prints them
        }
    }
  }
  out += quote;
  return out;
}

std::string IValue::repr() const {
  auto join = [](const std::vector<IValue>& items) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i].repr();
    return s;
  };
  switch (tag_) {
    case Tag::None: return "None";
    case Tag::Bool: return u_.b ? "True" : "False";
    case Tag::Int: return std::to_string(u_.i);
    case Tag::Double: return pythonFloatRepr(u_.d);
    case Tag::Complex: {
      auto c = toComplex();
      return fmt::format("({}{}{}j)", pythonFloatRepr(c.real()), c.imag() < 0 ? "" : "+",
                         pythonFloatRepr(c.imag()));
    }
    case Tag::String: return pythonStringRepr(toStringRef());
    case Tag::Tensor: {
      Tensor t = toTensor();
      return t.defined() ? "tensor(" + t.typeString() + ")" : "None";
    }
    case Tag::Tuple: {
      const auto& e = tupleRef().elements;
      return "(" + join(e) + (e.size() == 1 ? ",)" : ")");
    }
    case Tag::List: return "[" + join(listRef().elements) + "]";
    case Tag::Dict: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, v] : dictRef().items()) {
        s += (first ? "" : ", ") + k.repr() + ": " + v.repr();
        first = false;
      }
      return s + "}";
    }
    case Tag::Object: return "<" + objectRef().type->name() + " object>";
    case Tag::Device: return "device(type='" + toDevice().str() + "')";
    case Tag::Enum: {
      auto e = toEnum();
      return e->type->name() + "." + e->name;
    }
    case Tag::Storage: return fmt::format("<storage of {} bytes>", toStorage()->nbytes());
    case Tag::BigInt: return "<int of " + std::to_string(bigIntBytes().size() * 8) + " bits>";
    case Tag::Uninitialized: return "<uninitialized>";
    case Tag::Capsule: return "<" + toCapsule()->describe() + ">";
  }
  return "?";
}

size_t IValueKeyHash::operator()(const IValue& v) const {
  switch (v.tag()) {
    case IValue::Tag::None: return 0;
    case IValue::Tag::Bool: return std::hash<int64_t>()(v.toBool() ? 1 : 0);
    case IValue::Tag::Int: return std::hash<int64_t>()(v.toInt());
    case IValue::Tag::Double: {
      // Python: hash(1.0) == hash(1); integral floats hash like ints.
      double d = v.toDouble();
      if (std::floor(d) == d && std::abs(d) < 9.2e18) return std::hash<int64_t>()(static_cast<int64_t>(d));
      return std::hash<double>()(d);
    }
    case IValue::Tag::String: return std::hash<std::string>()(v.toStringRef());
    case IValue::Tag::Device: return std::hash<std::string>()(v.toDevice().str());
    case IValue::Tag::Tuple: {
      size_t h = 0x345678;
      for (const auto& e : v.tupleRef().elements) h = h * 1000003 ^ (*this)(e);
      return h;
    }
    default: return std::hash<const void*>()(v.payload());
  }
}

bool IValueKeyEqual::operator()(const IValue& a, const IValue& b) const {
  if (a.isScalar() && b.isScalar() && !a.isComplex() && !b.isComplex())
    return a.toScalarDouble() == b.toScalarDouble() &&
           (!(a.isInt() && b.isInt()) || a.toInt() == b.toInt());
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::String: return a.toStringRef() == b.toStringRef();
    case IValue::Tag::Tuple: {
      const auto& x = a.tupleRef().elements;
      const auto& y = b.tupleRef().elements;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!(*this)(x[i], y[i])) return false;
      return true;
    }
    default: return a.is(b);
  }
}

const IValue* DictObj::find(const IValue& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &entries_[it->second].second;
}

void DictObj::insertOrAssign(IValue key, IValue value) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    entries_[it->second].second = std::move(value);
    return;
  }
  index_.emplace(key, entries_.size());
  entries_.emplace_back(std::move(key), std::move(value));
}

bool DictObj::erase(const IValue& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  size_t pos = it->second;
  index_.erase(it);
  entries_.erase(entries_.begin() + static_cast<ptrdiff_t>(pos));
  for (auto& [k, i] : index_)
    if (i > pos) --i;
  return true;
}

const IValue& DictObj::pickledState() const {
  static const IValue kNone;
  return pickledState_ ? *pickledState_ : kNone;
}

void DictObj::setPickledState(IValue state) {
  pickledState_ = state.isNone() ? nullptr : std::make_unique<IValue>(std::move(state));
}

void DictObj::clear() {
  entries_.clear();
  index_.clear();
}

const IValue& Object::getAttr(const std::string& name) const {
  auto slot = type->findAttribute(name);
  SCONCE_CHECK(ValueError, slot.has_value(), "object of class '{}' has no attribute '{}'",
               type->name(), name);
  return slots[*slot];
}

void Object::setAttr(const std::string& name, IValue v, bool addIfMissing) {
  auto slot = type->findAttribute(name);
  if (!slot) {
    SCONCE_CHECK(ValueError, addIfMissing, "object of class '{}' has no attribute '{}'",
                 type->name(), name);
    slot = type->addAttribute(name, AnyType::get());
  }
  if (*slot >= slots.size()) slots.resize(type->attributes().size());
  slots[*slot] = std::move(v);
}

}  // namespace sconce
