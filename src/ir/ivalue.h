// IValue: the tagged value every layer passes around (constants in the IR, values the
// unpickler produces, the interpreter's registers, kernel arguments).
//
// Kept to 16 bytes: a tag plus a union of an inline int/double/bool/device or one
// intrusive-refcounted payload pointer (ARCHITECTURE §3). Containers have reference
// semantics as in Python: copying an IValue holding a list shares the list.
// IValue lives in ir/ (not runtime/) because IR constants and the unpickler need it.
#pragma once

#include <complex>
#include <memory>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/types.h"
#include "support/ref.h"
#include "tensor/device.h"
#include "tensor/tensor.h"

namespace sconce {

struct StringObj;
struct ComplexObj;
struct TupleObj;
struct ListObj;
class DictObj;
struct Object;
struct EnumHolder;
struct Capsule;

class IValue {
 public:
  enum class Tag : uint8_t {
    None, Bool, Int, Double, Complex, String, Tensor, Tuple, List, Dict, Object, Device,
    Enum, Storage,
    BigInt,         // a Python int outside int64 (only from pickles); payload: StringObj
                    // holding the little-endian two's complement bytes
    Uninitialized,  // prim::Uninitialized: a value on a path that never reads it
    Capsule,        // an opaque native object (internal use)
  };

  IValue() : tag_(Tag::None) { u_.i = 0; }
  IValue(bool v) : tag_(Tag::Bool) { u_.i = 0; u_.b = v; }
  IValue(int64_t v) : tag_(Tag::Int) { u_.i = v; }
  IValue(int v) : IValue(static_cast<int64_t>(v)) {}
  IValue(double v) : tag_(Tag::Double) { u_.d = v; }
  IValue(std::complex<double> v);
  IValue(std::string v);
  IValue(std::string_view v) : IValue(std::string(v)) {}
  IValue(const char* v) : IValue(std::string(v)) {}
  IValue(const Tensor& t) : IValue(Tag::Tensor, t.impl()) {}
  IValue(Device d) : tag_(Tag::Device) {
    u_.i = 0;
    u_.dev.type = static_cast<int8_t>(d.type);
    u_.dev.index = d.index;
  }
  IValue(const Storage& s) : IValue(Tag::Storage, s.get()) {}
  IValue(Ref<TupleObj> v);
  IValue(Ref<ListObj> v);
  IValue(Ref<DictObj> v);
  IValue(Ref<Object> v);
  IValue(Ref<EnumHolder> v);
  IValue(Ref<Capsule> v);
  /// A big int (see Tag::BigInt) from little-endian two's complement bytes.
  static IValue bigInt(std::string littleEndianBytes);
  static IValue uninitialized() {
    IValue v;
    v.tag_ = Tag::Uninitialized;
    return v;
  }

  IValue(const IValue& o) : u_(o.u_), tag_(o.tag_) {
    if (isRef() && u_.p) u_.p->incref();
  }
  IValue(IValue&& o) noexcept : u_(o.u_), tag_(o.tag_) {
    o.tag_ = Tag::None;
    o.u_.i = 0;
  }
  IValue& operator=(IValue o) noexcept {
    std::swap(u_, o.u_);
    std::swap(tag_, o.tag_);
    return *this;
  }
  ~IValue() {
    if (isRef() && u_.p) u_.p->decref();
  }

  Tag tag() const { return tag_; }
  /// "int", "Tensor", "List", ... for error messages.
  std::string_view tagName() const;

  bool isNone() const { return tag_ == Tag::None; }
  bool isBool() const { return tag_ == Tag::Bool; }
  bool isInt() const { return tag_ == Tag::Int; }
  bool isDouble() const { return tag_ == Tag::Double; }
  bool isComplex() const { return tag_ == Tag::Complex; }
  bool isString() const { return tag_ == Tag::String; }
  bool isTensor() const { return tag_ == Tag::Tensor; }
  bool isTuple() const { return tag_ == Tag::Tuple; }
  bool isList() const { return tag_ == Tag::List; }
  bool isDict() const { return tag_ == Tag::Dict; }
  bool isObject() const { return tag_ == Tag::Object; }
  bool isDevice() const { return tag_ == Tag::Device; }
  bool isEnum() const { return tag_ == Tag::Enum; }
  bool isStorage() const { return tag_ == Tag::Storage; }
  bool isBigInt() const { return tag_ == Tag::BigInt; }
  bool isUninitialized() const { return tag_ == Tag::Uninitialized; }
  bool isCapsule() const { return tag_ == Tag::Capsule; }
  /// int, float or bool (what a `Scalar` schema argument accepts), or complex.
  bool isScalar() const { return isInt() || isDouble() || isBool() || isComplex(); }

  // Accessors throw ValueError naming both types when the tag does not match.
  bool toBool() const { return check(Tag::Bool), u_.b; }
  int64_t toInt() const { return check(Tag::Int), u_.i; }
  double toDouble() const { return check(Tag::Double), u_.d; }
  /// int, float or bool as double (Scalar conversion).
  double toScalarDouble() const;
  std::complex<double> toComplex() const;
  const std::string& toStringRef() const;
  std::string_view toStringView() const { return toStringRef(); }
  Tensor toTensor() const;
  Device toDevice() const {
    check(Tag::Device);
    return Device(static_cast<DeviceType>(u_.dev.type), u_.dev.index);
  }
  Storage toStorage() const;
  Ref<TupleObj> toTuple() const;
  Ref<ListObj> toList() const;
  Ref<DictObj> toDict() const;
  Ref<Object> toObject() const;
  Ref<EnumHolder> toEnum() const;
  Ref<Capsule> toCapsule() const;
  /// The raw little-endian bytes of a BigInt.
  const std::string& bigIntBytes() const;

  // Unchecked borrowed access for hot paths (caller has checked the tag).
  TupleObj& tupleRef() const { return *reinterpret_cast<TupleObj*>(u_.p); }
  ListObj& listRef() const { return *reinterpret_cast<ListObj*>(u_.p); }
  DictObj& dictRef() const { return *reinterpret_cast<DictObj*>(u_.p); }
  Object& objectRef() const { return *reinterpret_cast<Object*>(u_.p); }

  /// Same object (Python `is`): identical payload pointer for reference types, equal
  /// value for None/bool/int/double/device.
  bool is(const IValue& o) const;
  /// Python repr(): `1`, `1.5`, `'a'`, `[1, 2]`, `(1,)`, `{'a': 1}`, `None`, `True`,
  /// tensors as `tensor(Float(2, 3))`, objects as `<__torch__.M object>`.
  std::string repr() const;

  /// The payload pointer of reference tags (null for inline ones).
  RefCounted* payload() const { return isRef() ? u_.p : nullptr; }

 private:
  IValue(Tag t, RefCounted* p) : tag_(t) {
    u_.p = p;
    if (p) p->incref();
  }
  bool isRef() const {
    return tag_ >= Tag::Complex && tag_ != Tag::Device && tag_ != Tag::Uninitialized;
  }
  void check(Tag expected) const {
    if (tag_ != expected) [[unlikely]]
      throwTagMismatch(expected);
  }
  [[noreturn]] void throwTagMismatch(Tag expected) const;

  union Payload {
    int64_t i;
    double d;
    bool b;
    RefCounted* p;
    struct {
      int8_t type;
      int8_t index;
    } dev;
  } u_;
  Tag tag_;
};
static_assert(sizeof(IValue) == 16);

/// Hashing and equality for dict keys (str, int, float, bool, None, Device, Tensor by
/// identity, tuples thereof), as TorchScript dicts use them.
struct IValueKeyHash {
  size_t operator()(const IValue& v) const;
};
struct IValueKeyEqual {
  bool operator()(const IValue& a, const IValue& b) const;
};

struct StringObj : RefCounted {
  explicit StringObj(std::string v) : value(std::move(v)) {}
  std::string value;
};

struct ComplexObj : RefCounted {
  explicit ComplexObj(std::complex<double> v) : value(v) {}
  std::complex<double> value;
};

/// An immutable tuple; `type` is set for NamedTuples (and when statically known).
struct TupleObj : RefCounted {
  explicit TupleObj(std::vector<IValue> e, TypePtr t = {}) : elements(std::move(e)), type(std::move(t)) {}
  static Ref<TupleObj> create(std::vector<IValue> e, TypePtr t = {}) {
    return makeRef<TupleObj>(std::move(e), std::move(t));
  }
  std::vector<IValue> elements;
  TypePtr type;
};

/// A mutable list with its static element type (Any when unknown, e.g. from a pickle).
struct ListObj : RefCounted {
  explicit ListObj(TypePtr elemType, std::vector<IValue> e = {})
      : elements(std::move(e)), elementType(std::move(elemType)) {}
  static Ref<ListObj> create(TypePtr elemType, std::vector<IValue> e = {}) {
    return makeRef<ListObj>(std::move(elemType), std::move(e));
  }
  std::vector<IValue> elements;
  TypePtr elementType;
};

/// An insertion-ordered dict (Python semantics) with static key/value types.
class DictObj : public RefCounted {
 public:
  DictObj(TypePtr keyType, TypePtr valueType)
      : keyType_(std::move(keyType)), valueType_(std::move(valueType)) {}
  static Ref<DictObj> create(TypePtr keyType, TypePtr valueType) {
    return makeRef<DictObj>(std::move(keyType), std::move(valueType));
  }
  const TypePtr& keyType() const { return keyType_; }
  const TypePtr& valueType() const { return valueType_; }
  void setTypes(TypePtr keyType, TypePtr valueType) {
    keyType_ = std::move(keyType);
    valueType_ = std::move(valueType);
  }
  /// Whether the dict was (and should be pickled back as) a collections.OrderedDict.
  bool isOrdered() const { return ordered_; }
  void setOrdered(bool v) { ordered_ = v; }
  /// The attribute dict a pickled OrderedDict carried (a state_dict's `{'_metadata':
  /// ...}`), None when it had none; written back as its BUILD state.
  const IValue& pickledState() const;
  void setPickledState(IValue state);

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  /// Entries in insertion order.
  const std::vector<std::pair<IValue, IValue>>& items() const { return entries_; }
  const IValue* find(const IValue& key) const;
  bool contains(const IValue& key) const { return find(key) != nullptr; }
  /// Inserts or overwrites (an overwritten key keeps its position).
  void insertOrAssign(IValue key, IValue value);
  /// Removes `key`; returns false when absent.
  bool erase(const IValue& key);
  void clear();

 private:
  TypePtr keyType_, valueType_;
  std::vector<std::pair<IValue, IValue>> entries_;
  std::unordered_map<IValue, size_t, IValueKeyHash, IValueKeyEqual> index_;
  bool ordered_ = false;
  std::unique_ptr<IValue> pickledState_;  // rare: kept out of line
};

/// An instance of a ClassType: one slot per class attribute, in the class's order.
struct Object : RefCounted {
  explicit Object(ClassTypePtr t) : type(std::move(t)), slots(type->attributes().size()) {}
  static Ref<Object> create(ClassTypePtr t) { return makeRef<Object>(std::move(t)); }
  /// Value of attribute `name`; ValueError naming the class when absent.
  const IValue& getAttr(const std::string& name) const;
  /// Sets an attribute; adds it to the class (typed Any) when `addIfMissing`.
  void setAttr(const std::string& name, IValue v, bool addIfMissing = false);
  bool hasAttr(const std::string& name) const { return type->findAttribute(name).has_value(); }

  ClassTypePtr type;
  std::vector<IValue> slots;
};

struct EnumHolder : RefCounted {
  EnumHolder(Ref<EnumType> t, std::string n, IValue v)
      : type(std::move(t)), name(std::move(n)), value(std::move(v)) {}
  Ref<EnumType> type;
  std::string name;
  IValue value;
};

/// Base for opaque native payloads carried in IValues.
struct Capsule : RefCounted {
  virtual std::string describe() const { return "Capsule"; }
};

/// Formats a float the way Python's repr() does ("1.0", "1e-05", "inf", "nan").
std::string pythonFloatRepr(double v);
/// Python repr() of a string: single quotes unless the string contains one and no
/// double quote, escapes for control characters.
std::string pythonStringRepr(std::string_view s);

}  // namespace sconce
