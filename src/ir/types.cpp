// Type singletons, structural equality, subtyping, printing and unification.
#include "ir/types.h"

#include <algorithm>

#include "ir/ivalue.h"

namespace sconce {

#define SCONCE_LEAF_GET(Name)                   \
  const TypePtr& Name::get() {                  \
    static const TypePtr instance(new Name());  \
    return instance;                            \
  }
SCONCE_LEAF_GET(AnyType)
SCONCE_LEAF_GET(NoneType)
SCONCE_LEAF_GET(TensorType)
SCONCE_LEAF_GET(IntType)
SCONCE_LEAF_GET(FloatType)
SCONCE_LEAF_GET(ComplexType)
SCONCE_LEAF_GET(BoolType)
SCONCE_LEAF_GET(StringType)
SCONCE_LEAF_GET(DeviceObjType)
SCONCE_LEAF_GET(NumberType)
SCONCE_LEAF_GET(StorageType)
SCONCE_LEAF_GET(GeneratorType)
SCONCE_LEAF_GET(StreamObjType)
SCONCE_LEAF_GET(CapsuleType)
SCONCE_LEAF_GET(AnyListType)
SCONCE_LEAF_GET(AnyTupleType)
SCONCE_LEAF_GET(AnyClassType)
SCONCE_LEAF_GET(AnyEnumType)
#undef SCONCE_LEAF_GET

bool Type::isSubtypeOf(const Type& other) const {
  if (other.kind() == TypeKind::Any) return true;
  if (equals(other)) return true;
  switch (other.kind()) {
    case TypeKind::Optional:
      return kind() == TypeKind::None ||
             isSubtypeOf(*static_cast<const OptionalType&>(other).elementType());
    case TypeKind::Union:
      return static_cast<const UnionType&>(other).canHoldType(*this);
    case TypeKind::Number:
      return kind() == TypeKind::Int || kind() == TypeKind::Float ||
             kind() == TypeKind::Complex;
    case TypeKind::AnyList:
      return kind() == TypeKind::List;
    case TypeKind::AnyTuple:
      return kind() == TypeKind::Tuple;
    case TypeKind::AnyEnum:
      return kind() == TypeKind::Enum;
    default:
      break;
  }
  if (kind() == TypeKind::Future && other.kind() == TypeKind::Future) {
    // Futures are covariant (a Future[int] is a Future[Any]), as in PyTorch.
    return static_cast<const FutureType&>(*this).elementType()->isSubtypeOf(
        *static_cast<const FutureType&>(other).elementType());
  }
  if (kind() == TypeKind::List && other.kind() == TypeKind::List) {
    // Lists are invariant, except that anything is a List[Any]'s element.
    const auto& o = static_cast<const ListType&>(other);
    return o.elementType()->kind() == TypeKind::Any;
  }
  return false;
}

bool VarType::equals(const Type& o) const {
  return o.kind() == kKind && static_cast<const VarType&>(o).name_ == name_;
}

bool SingleElementType::equals(const Type& o) const {
  return o.kind() == kind() &&
         elem_->equals(*static_cast<const SingleElementType&>(o).elem_);
}

#define SCONCE_LIST_OF(fn, Elem)                                   \
  TypePtr ListType::fn() {                                         \
    static const TypePtr instance = ListType::create(Elem::get()); \
    return instance;                                               \
  }
SCONCE_LIST_OF(ofInts, IntType)
SCONCE_LIST_OF(ofFloats, FloatType)
SCONCE_LIST_OF(ofBools, BoolType)
SCONCE_LIST_OF(ofTensors, TensorType)
SCONCE_LIST_OF(ofStrings, StringType)
#undef SCONCE_LIST_OF

TypePtr OptionalType::create(TypePtr elem) {
  if (elem->kind() == TypeKind::Optional || elem->kind() == TypeKind::None ||
      elem->kind() == TypeKind::Any)
    return elem;
  return TypePtr(new OptionalType(std::move(elem)));
}

bool OptionalType::isSubtypeOf(const Type& other) const {
  if (Type::isSubtypeOf(other)) return true;
  if (const auto* o = other.cast<OptionalType>()) return elementType()->isSubtypeOf(*o->elementType());
  if (const auto* u = other.cast<UnionType>())
    return u->canHoldType(*NoneType::get()) && u->canHoldType(*elementType());
  return false;
}

std::string DictType::str() const { return "Dict(" + key_->str() + ", " + value_->str() + ")"; }
std::string DictType::annotationStr() const {
  return "Dict[" + key_->annotationStr() + ", " + value_->annotationStr() + "]";
}
bool DictType::equals(const Type& o) const {
  if (o.kind() != kKind) return false;
  const auto& d = static_cast<const DictType&>(o);
  return key_->equals(*d.key_) && value_->equals(*d.value_);
}

std::string TupleType::str() const {
  if (name_) return *name_;
  std::string s = "(";
  for (size_t i = 0; i < elems_.size(); ++i) s += (i ? ", " : "") + elems_[i]->str();
  return s + ")";
}
std::string TupleType::annotationStr() const {
  if (name_) return *name_;
  if (elems_.empty()) return "Tuple[()]";
  std::string s = "Tuple[";
  for (size_t i = 0; i < elems_.size(); ++i) s += (i ? ", " : "") + elems_[i]->annotationStr();
  return s + "]";
}
bool TupleType::equals(const Type& o) const {
  if (o.kind() != kKind) return false;
  const auto& t = static_cast<const TupleType&>(o);
  if (name_ != t.name_ || elems_.size() != t.elems_.size()) return false;
  for (size_t i = 0; i < elems_.size(); ++i)
    if (!elems_[i]->equals(*t.elems_[i])) return false;
  return true;
}
bool TupleType::isSubtypeOf(const Type& other) const {
  if (Type::isSubtypeOf(other)) return true;
  const auto* t = other.cast<TupleType>();
  // Tuples are covariant; a NamedTuple is a subtype of the plain tuple of its fields.
  if (!t || t->elems_.size() != elems_.size() || (t->name_ && t->name_ != name_)) return false;
  for (size_t i = 0; i < elems_.size(); ++i)
    if (!elems_[i]->isSubtypeOf(*t->elems_[i])) return false;
  return true;
}

TypePtr UnionType::create(std::vector<TypePtr> members) {
  std::vector<TypePtr> flat;
  auto add = [&](const TypePtr& t) {
    for (const auto& m : flat)
      if (m->equals(*t)) return;
    flat.push_back(t);
  };
  for (const auto& m : members) {
    if (const auto* u = m->cast<UnionType>()) {
      for (const auto& x : u->members()) add(x);
    } else if (const auto* o = m->cast<OptionalType>()) {
      add(o->elementType());
      add(NoneType::get());
    } else {
      add(m);
    }
  }
  for (const auto& m : flat)
    if (m->kind() == TypeKind::Any) return m;
  if (flat.size() == 1) return flat[0];
  if (flat.size() == 2) {
    for (int i = 0; i < 2; ++i)
      if (flat[i]->kind() == TypeKind::None) return OptionalType::create(flat[1 - i]);
  }
  return TypePtr(new UnionType(std::move(flat)));
}

std::string UnionType::str() const {
  std::string s = "Union(";
  for (size_t i = 0; i < members_.size(); ++i) s += (i ? ", " : "") + members_[i]->str();
  return s + ")";
}
std::string UnionType::annotationStr() const {
  std::string s = "Union[";
  for (size_t i = 0; i < members_.size(); ++i) s += (i ? ", " : "") + members_[i]->annotationStr();
  return s + "]";
}
bool UnionType::equals(const Type& o) const {
  const auto* u = o.cast<UnionType>();
  if (!u || u->members_.size() != members_.size()) return false;
  for (const auto& m : members_)
    if (!u->canHoldType(*m)) return false;
  return true;
}
bool UnionType::canHoldType(const Type& t) const {
  if (const auto* u = t.cast<UnionType>()) {
    for (const auto& m : u->members_)
      if (!canHoldType(*m)) return false;
    return true;
  }
  if (const auto* o = t.cast<OptionalType>())
    return canHoldType(*NoneType::get()) && canHoldType(*o->elementType());
  for (const auto& m : members_)
    if (t.isSubtypeOf(*m)) return true;
  return false;
}
bool UnionType::isSubtypeOf(const Type& other) const {
  if (other.kind() == TypeKind::Any) return true;
  for (const auto& m : members_)
    if (!m->isSubtypeOf(other)) return false;
  return true;
}

ClassType::ClassType(std::string qualifiedName, bool isModule)
    : Type(kKind), name_(std::move(qualifiedName)), isModule_(isModule) {}
ClassType::~ClassType() = default;

std::string ClassType::prettyName() const {
  std::string n = name_;
  if (n.starts_with("__torch__.")) n.erase(0, 10);
  for (size_t pos; (pos = n.find("___torch_mangle_")) != std::string::npos;) {
    size_t end = n.find('.', pos);
    n.erase(pos, end == std::string::npos ? std::string::npos : end - pos + 1);
  }
  return n;
}

std::optional<size_t> ClassType::findAttribute(const std::string& name) const {
  for (size_t i = 0; i < attrs_.size(); ++i)
    if (attrs_[i].name == name) return i;
  return std::nullopt;
}

size_t ClassType::addAttribute(std::string name, TypePtr type, bool isParameter, bool isBuffer) {
  SCONCE_CHECK(ValueError, !findAttribute(name), "class '{}' already has an attribute '{}'",
               name_, name);
  attrs_.push_back({std::move(name), std::move(type), isParameter, isBuffer});
  return attrs_.size() - 1;
}

size_t ClassType::constantCount() const { return constantNames_.size(); }
const std::string& ClassType::constantName(size_t i) const { return constantNames_.at(i); }
const IValue& ClassType::constantValue(size_t i) const { return constantValues_.at(i); }
std::optional<size_t> ClassType::findConstant(const std::string& name) const {
  for (size_t i = 0; i < constantNames_.size(); ++i)
    if (constantNames_[i] == name) return i;
  return std::nullopt;
}
void ClassType::addConstant(std::string name, IValue value) {
  constantNames_.push_back(std::move(name));
  constantValues_.push_back(std::move(value));
}

Function* ClassType::findMethod(const std::string& name) const {
  for (const auto& m : methods_)
    if (m.name == name) return m.function;
  return nullptr;
}

bool ClassType::equals(const Type& o) const {
  return o.kind() == kKind && static_cast<const ClassType&>(o).name_ == name_;
}
bool ClassType::isSubtypeOf(const Type& other) const {
  if (Type::isSubtypeOf(other)) return true;
  if (other.kind() == TypeKind::AnyClass) return true;
  if (const auto* iface = other.cast<InterfaceType>()) {
    // Structural: every interface method must exist (signatures are checked by the frontend).
    for (const auto& m : iface->methodNames()) {
      if (!findMethod(m)) return false;
    }
    return true;
  }
  return false;
}

EnumType::EnumType(std::string qualifiedName, TypePtr valueType)
    : Type(kKind), name_(std::move(qualifiedName)), valueType_(std::move(valueType)) {}
EnumType::~EnumType() = default;
size_t EnumType::memberCount() const { return memberNames_.size(); }
const std::string& EnumType::memberName(size_t i) const { return memberNames_.at(i); }
const IValue& EnumType::memberValue(size_t i) const { return memberValues_.at(i); }
std::optional<size_t> EnumType::findMember(const std::string& name) const {
  for (size_t i = 0; i < memberNames_.size(); ++i)
    if (memberNames_[i] == name) return i;
  return std::nullopt;
}
void EnumType::addMember(std::string name, IValue value) {
  memberNames_.push_back(std::move(name));
  memberValues_.push_back(std::move(value));
}
bool EnumType::equals(const Type& o) const {
  return o.kind() == kKind && static_cast<const EnumType&>(o).name_ == name_;
}
bool EnumType::isSubtypeOf(const Type& other) const {
  return Type::isSubtypeOf(other) || other.kind() == TypeKind::AnyEnum;
}

bool InterfaceType::equals(const Type& o) const {
  return o.kind() == kKind && static_cast<const InterfaceType&>(o).name_ == name_;
}

TypePtr unifyTypes(const TypePtr& a, const TypePtr& b) {
  if (a->equals(*b)) return a;
  if (a->kind() == TypeKind::None) return OptionalType::create(b);
  if (b->kind() == TypeKind::None) return OptionalType::create(a);
  if (a->isSubtypeOf(*b)) return b;
  if (b->isSubtypeOf(*a)) return a;
  if (const auto* oa = a->cast<OptionalType>())
    if (auto u = unifyTypes(oa->elementType(), b)) return OptionalType::create(u);
  if (const auto* ob = b->cast<OptionalType>())
    if (auto u = unifyTypes(a, ob->elementType())) return OptionalType::create(u);
  const auto* ta = a->cast<TupleType>();
  const auto* tb = b->cast<TupleType>();
  if (ta && tb && ta->elements().size() == tb->elements().size() && !ta->isNamed() &&
      !tb->isNamed()) {
    std::vector<TypePtr> elems;
    for (size_t i = 0; i < ta->elements().size(); ++i) {
      TypePtr u = unifyTypes(ta->elements()[i], tb->elements()[i]);
      if (!u) return {};
      elems.push_back(u);
    }
    return TupleType::create(std::move(elems));
  }
  return {};
}

}  // namespace sconce
