// The TorchScript type system: Tensor, int, float, complex, bool, str, None, Device,
// List/Dict/Tuple/Optional/Union/Future, classes and modules, Enum, Interface, Any.
//
// Types are immutable and shared (Ref<Type>), except ClassType, whose attributes,
// constants and methods are filled in while an archive's code is loaded. Leaf types are
// singletons (IntType::get()); composite ones are created by `create` and compared
// structurally with `equals`. `str()` gives the IR spelling (`int[]`, `Tensor?`,
// `(int, str)`) and `annotationStr()` the Python one (`List[int]`, `Optional[Tensor]`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "support/error.h"
#include "support/ref.h"

namespace sconce {

class IValue;
class Function;  // a compiled method or function; defined by the frontend/runtime

enum class TypeKind {
  Any, None, Tensor, Int, Float, Complex, Bool, Str, Device, Number, Storage,
  Generator, Stream, Capsule, AnyList, AnyTuple, AnyClass, AnyEnum,
  List, Dict, Tuple, Optional, Union, Future, RRef, Class, Enum, Interface, Var, Function,
};

class Type;
using TypePtr = Ref<const Type>;

class Type : public RefCounted {
 public:
  explicit Type(TypeKind kind) : kind_(kind) {}
  TypeKind kind() const { return kind_; }
  /// IR spelling, as PyTorch prints graphs: `int[]`, `Tensor?`, `Dict(str, int)`.
  virtual std::string str() const = 0;
  /// Python annotation spelling: `List[int]`, `Optional[Tensor]`, `Dict[str, int]`.
  virtual std::string annotationStr() const { return str(); }
  /// Structural equality (class/enum/interface types: by qualified name).
  virtual bool equals(const Type& other) const { return kind_ == other.kind_; }
  /// Whether a value of this type may be used where `other` is expected.
  virtual bool isSubtypeOf(const Type& other) const;
  /// Contained types (element, key/value, tuple items, union members), if any.
  virtual std::vector<TypePtr> containedTypes() const { return {}; }

  template <class T>
  const T* cast() const {
    return kind_ == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <class T>
  const T& expect() const;

 private:
  TypeKind kind_;
};

inline bool typeEquals(const TypePtr& a, const TypePtr& b) { return a->equals(*b); }

/// Declares a leaf type with a singleton get().
#define SCONCE_LEAF_TYPE(Name, Kind, Spelling)                 \
  class Name : public Type {                                    \
   public:                                                      \
    static constexpr TypeKind kKind = TypeKind::Kind;           \
    Name() : Type(kKind) {}                                     \
    static const TypePtr& get();                                \
    std::string str() const override { return Spelling; }       \
  };

SCONCE_LEAF_TYPE(AnyType, Any, "Any")
SCONCE_LEAF_TYPE(NoneType, None, "NoneType")
SCONCE_LEAF_TYPE(TensorType, Tensor, "Tensor")
SCONCE_LEAF_TYPE(IntType, Int, "int")
SCONCE_LEAF_TYPE(FloatType, Float, "float")
SCONCE_LEAF_TYPE(ComplexType, Complex, "complex")
SCONCE_LEAF_TYPE(BoolType, Bool, "bool")
SCONCE_LEAF_TYPE(StringType, Str, "str")
SCONCE_LEAF_TYPE(DeviceObjType, Device, "Device")
SCONCE_LEAF_TYPE(NumberType, Number, "Scalar")
SCONCE_LEAF_TYPE(StorageType, Storage, "Storage")
SCONCE_LEAF_TYPE(GeneratorType, Generator, "Generator")
SCONCE_LEAF_TYPE(StreamObjType, Stream, "Stream")
SCONCE_LEAF_TYPE(CapsuleType, Capsule, "Capsule")
SCONCE_LEAF_TYPE(AnyListType, AnyList, "list")
SCONCE_LEAF_TYPE(AnyTupleType, AnyTuple, "tuple")
SCONCE_LEAF_TYPE(AnyClassType, AnyClass, "AnyClassType")
SCONCE_LEAF_TYPE(AnyEnumType, AnyEnum, "AnyEnumType")
#undef SCONCE_LEAF_TYPE

/// A type variable in operator schemas (`t` in `t[] list`), bound during matching.
class VarType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Var;
  explicit VarType(std::string name) : Type(kKind), name_(std::move(name)) {}
  static TypePtr create(std::string name) { return TypePtr(new VarType(std::move(name))); }
  const std::string& name() const { return name_; }
  std::string str() const override { return name_; }
  bool equals(const Type& o) const override;

 private:
  std::string name_;
};

/// The type of a first-class function value (`%f : Function = prim::Constant[name="f"]()`,
/// the callee of prim::CallFunction). Printed `Function`; equal when the function is.
class FunctionType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Function;
  explicit FunctionType(Function* function) : Type(kKind), function_(function) {}
  /// `function` may be null while the callee is not compiled yet (e.g. parsed IR).
  static TypePtr create(Function* function) { return TypePtr(new FunctionType(function)); }
  Function* function() const { return function_; }
  std::string str() const override { return "Function"; }
  bool equals(const Type& o) const override {
    return o.kind() == kKind && static_cast<const FunctionType&>(o).function_ == function_;
  }

 private:
  Function* function_;
};

/// Single-element container types: List[T], Optional[T], Future[T], RRef[T].
class SingleElementType : public Type {
 public:
  SingleElementType(TypeKind kind, TypePtr elem) : Type(kind), elem_(std::move(elem)) {}
  const TypePtr& elementType() const { return elem_; }
  bool equals(const Type& o) const override;
  std::vector<TypePtr> containedTypes() const override { return {elem_}; }

 private:
  TypePtr elem_;
};

class ListType : public SingleElementType {
 public:
  static constexpr TypeKind kKind = TypeKind::List;
  explicit ListType(TypePtr elem) : SingleElementType(kKind, std::move(elem)) {}
  static TypePtr create(TypePtr elem) { return TypePtr(new ListType(std::move(elem))); }
  static TypePtr ofInts();
  static TypePtr ofFloats();
  static TypePtr ofBools();
  static TypePtr ofTensors();
  static TypePtr ofStrings();
  std::string str() const override { return elementType()->str() + "[]"; }
  std::string annotationStr() const override {
    return "List[" + elementType()->annotationStr() + "]";
  }
};

/// Optional[T] (printed `T?`). Semantically Union[T, None]; kept distinct for printing.
class OptionalType : public SingleElementType {
 public:
  static constexpr TypeKind kKind = TypeKind::Optional;
  explicit OptionalType(TypePtr elem) : SingleElementType(kKind, std::move(elem)) {}
  /// Optional[Optional[T]] collapses to Optional[T]; Optional[None] is None.
  static TypePtr create(TypePtr elem);
  std::string str() const override { return elementType()->str() + "?"; }
  std::string annotationStr() const override {
    return "Optional[" + elementType()->annotationStr() + "]";
  }
  bool isSubtypeOf(const Type& other) const override;
};

class FutureType : public SingleElementType {
 public:
  static constexpr TypeKind kKind = TypeKind::Future;
  explicit FutureType(TypePtr elem) : SingleElementType(kKind, std::move(elem)) {}
  static TypePtr create(TypePtr elem) { return TypePtr(new FutureType(std::move(elem))); }
  std::string str() const override { return "Future(" + elementType()->str() + ")"; }
  std::string annotationStr() const override {
    return "Future[" + elementType()->annotationStr() + "]";
  }
};

class RRefType : public SingleElementType {
 public:
  static constexpr TypeKind kKind = TypeKind::RRef;
  explicit RRefType(TypePtr elem) : SingleElementType(kKind, std::move(elem)) {}
  static TypePtr create(TypePtr elem) { return TypePtr(new RRefType(std::move(elem))); }
  std::string str() const override { return "RRef(" + elementType()->str() + ")"; }
  std::string annotationStr() const override {
    return "RRef[" + elementType()->annotationStr() + "]";
  }
};

class DictType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Dict;
  DictType(TypePtr key, TypePtr value)
      : Type(kKind), key_(std::move(key)), value_(std::move(value)) {}
  static TypePtr create(TypePtr key, TypePtr value) {
    return TypePtr(new DictType(std::move(key), std::move(value)));
  }
  const TypePtr& keyType() const { return key_; }
  const TypePtr& valueType() const { return value_; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  std::vector<TypePtr> containedTypes() const override { return {key_, value_}; }

 private:
  TypePtr key_, value_;
};

/// Tuple[T1, T2, ...]; a NamedTuple also has a qualified name and field names.
class TupleType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Tuple;
  explicit TupleType(std::vector<TypePtr> elems, std::optional<std::string> qualifiedName = {},
                     std::vector<std::string> fieldNames = {})
      : Type(kKind), elems_(std::move(elems)), name_(std::move(qualifiedName)),
        fields_(std::move(fieldNames)) {}
  static TypePtr create(std::vector<TypePtr> elems) {
    return TypePtr(new TupleType(std::move(elems)));
  }
  static TypePtr createNamed(std::string qualifiedName, std::vector<std::string> fields,
                             std::vector<TypePtr> elems) {
    return TypePtr(new TupleType(std::move(elems), std::move(qualifiedName), std::move(fields)));
  }
  const std::vector<TypePtr>& elements() const { return elems_; }
  bool isNamed() const { return name_.has_value(); }
  const std::optional<std::string>& qualifiedName() const { return name_; }
  const std::vector<std::string>& fieldNames() const { return fields_; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& other) const override;
  std::vector<TypePtr> containedTypes() const override { return elems_; }

 private:
  std::vector<TypePtr> elems_;
  std::optional<std::string> name_;
  std::vector<std::string> fields_;
};

/// Union[T1, T2, ...], flattened, deduplicated; Union[T] is T and Union[T, None] prints
/// as Optional[T] (create() returns an OptionalType then).
class UnionType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Union;
  static TypePtr create(std::vector<TypePtr> members);
  const std::vector<TypePtr>& members() const { return members_; }
  std::string str() const override;
  std::string annotationStr() const override;
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& other) const override;
  bool canHoldType(const Type& t) const;
  std::vector<TypePtr> containedTypes() const override { return members_; }

 private:
  explicit UnionType(std::vector<TypePtr> members) : Type(kKind), members_(std::move(members)) {}
  std::vector<TypePtr> members_;
};

/// A TorchScript class or module type (`__torch__.foo.Bar`). Mutable while loading.
class ClassType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Class;
  struct Attribute {
    std::string name;
    TypePtr type;
    bool isParameter = false;
    bool isBuffer = false;
  };

  explicit ClassType(std::string qualifiedName, bool isModule = false);
  ~ClassType() override;
  static Ref<ClassType> create(std::string qualifiedName, bool isModule = false) {
    return Ref<ClassType>(new ClassType(std::move(qualifiedName), isModule));
  }

  const std::string& name() const { return name_; }
  /// The name without the `__torch__.` prefix and `___torch_mangle_N.` parts.
  std::string prettyName() const;
  bool isModule() const { return isModule_; }
  void setIsModule(bool v) { isModule_ = v; }

  const std::vector<Attribute>& attributes() const { return attrs_; }
  /// Slot index of an attribute, or nullopt.
  std::optional<size_t> findAttribute(const std::string& name) const;
  /// Appends an attribute and returns its slot. Throws if it already exists.
  size_t addAttribute(std::string name, TypePtr type, bool isParameter = false,
                      bool isBuffer = false);
  /// Updates flags/type of an existing attribute (used when class code is parsed after
  /// an object was created from data.pkl).
  Attribute& attribute(size_t slot) { return attrs_[slot]; }

  size_t constantCount() const;
  const std::string& constantName(size_t i) const;
  const IValue& constantValue(size_t i) const;
  std::optional<size_t> findConstant(const std::string& name) const;
  void addConstant(std::string name, IValue value);

  struct Method {
    std::string name;
    Function* function;  // owned by the compilation unit that compiled the class
  };
  const std::vector<Method>& methods() const { return methods_; }
  void addMethod(std::string name, Function* f) { methods_.push_back({std::move(name), f}); }
  /// The method called `name`, or null.
  Function* findMethod(const std::string& name) const;

  std::string str() const override { return name_; }
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& other) const override;

 private:
  std::string name_;
  bool isModule_;
  std::vector<Attribute> attrs_;
  // IValue is incomplete here: vectors of it are fine as members as long as the
  // constructor and destructor are defined out of line (types.cpp).
  std::vector<std::string> constantNames_;
  std::vector<IValue> constantValues_;
  std::vector<Method> methods_;
};
using ClassTypePtr = Ref<ClassType>;

/// A Python Enum class: name, value type (int, float or str) and its members in order.
class EnumType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Enum;
  EnumType(std::string qualifiedName, TypePtr valueType);
  ~EnumType() override;
  static Ref<EnumType> create(std::string qualifiedName, TypePtr valueType) {
    return Ref<EnumType>(new EnumType(std::move(qualifiedName), std::move(valueType)));
  }
  const std::string& name() const { return name_; }
  const TypePtr& valueType() const { return valueType_; }
  size_t memberCount() const;
  const std::string& memberName(size_t i) const;
  const IValue& memberValue(size_t i) const;
  std::optional<size_t> findMember(const std::string& name) const;
  void addMember(std::string name, IValue value);
  std::string str() const override { return "Enum<" + name_ + ">"; }
  std::string annotationStr() const override { return name_; }
  bool equals(const Type& o) const override;
  bool isSubtypeOf(const Type& other) const override;

 private:
  std::string name_;
  TypePtr valueType_;
  std::vector<std::string> memberNames_;
  std::vector<IValue> memberValues_;
};

/// An Interface / ModuleInterface: a set of method names a class must provide.
/// Method signatures are held by the frontend, keyed by the interface's name.
class InterfaceType : public Type {
 public:
  static constexpr TypeKind kKind = TypeKind::Interface;
  InterfaceType(std::string qualifiedName, bool isModule)
      : Type(kKind), name_(std::move(qualifiedName)), isModule_(isModule) {}
  static Ref<InterfaceType> create(std::string qualifiedName, bool isModule) {
    return Ref<InterfaceType>(new InterfaceType(std::move(qualifiedName), isModule));
  }
  const std::string& name() const { return name_; }
  bool isModule() const { return isModule_; }
  const std::vector<std::string>& methodNames() const { return methods_; }
  void addMethodName(std::string n) { methods_.push_back(std::move(n)); }
  std::string str() const override { return name_; }
  bool equals(const Type& o) const override;

 private:
  std::string name_;
  bool isModule_;
  std::vector<std::string> methods_;
};

/// The most specific common supertype of a and b, if any (used at control-flow joins):
/// equal types unify to themselves, T and None to Optional[T], Optional[T] and T to
/// Optional[T], List/Dict/Tuple elementwise. Returns null when there is none.
TypePtr unifyTypes(const TypePtr& a, const TypePtr& b);

template <class T>
const T& Type::expect() const {
  const T* p = cast<T>();
  SCONCE_ASSERT(p != nullptr, "type {} is not of the expected kind", str());
  return *p;
}

}  // namespace sconce
