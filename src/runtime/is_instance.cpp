// isInstance, case by case over the target type's kind.
#include "runtime/is_instance.h"

namespace sconce {
namespace {

bool allElementsAre(const std::vector<IValue>& elements, const Type& type) {
  for (const IValue& e : elements)
    if (!isInstance(e, type)) return false;
  return true;
}

bool isListInstance(const ListObj& list, const ListType& type) {
  const TypePtr& want = type.elementType();
  if (list.elementType->equals(*want) || want->kind() == TypeKind::Any) return true;
  return list.elementType->kind() == TypeKind::Any && allElementsAre(list.elements, *want);
}

bool isDictInstance(const DictObj& dict, const DictType& type) {
  auto fits = [](const TypePtr& have, const TypePtr& want, bool keys, const DictObj& d) {
    if (have->equals(*want) || want->kind() == TypeKind::Any) return true;
    if (have->kind() != TypeKind::Any) return false;
    for (const auto& [k, v] : d.items())
      if (!isInstance(keys ? k : v, *want)) return false;
    return true;
  };
  return fits(dict.keyType(), type.keyType(), true, dict) &&
         fits(dict.valueType(), type.valueType(), false, dict);
}

bool isTupleInstance(const TupleObj& tuple, const TupleType& type) {
  if (type.isNamed()) {
    const auto* have = tuple.type ? tuple.type->cast<TupleType>() : nullptr;
    if (!have || have->qualifiedName() != type.qualifiedName()) return false;
  }
  if (tuple.elements.size() != type.elements().size()) return false;
  for (size_t i = 0; i < tuple.elements.size(); ++i)
    if (!isInstance(tuple.elements[i], *type.elements()[i])) return false;
  return true;
}

}  // namespace

bool isInstance(const IValue& value, const Type& type) {
  switch (type.kind()) {
    case TypeKind::Any:
      return true;
    case TypeKind::None:
      return value.isNone();
    case TypeKind::Tensor:
      return value.isTensor();
    case TypeKind::Int:
      return value.isInt();
    case TypeKind::Float:
      return value.isDouble();
    case TypeKind::Complex:
      return value.isComplex();
    case TypeKind::Bool:
      return value.isBool();
    case TypeKind::Str:
      return value.isString();
    case TypeKind::Device:
      return value.isDevice();
    case TypeKind::Storage:
      return value.isStorage();
    case TypeKind::Capsule:
      return value.isCapsule();
    case TypeKind::Number:
      return value.isInt() || value.isDouble() || value.isComplex();
    case TypeKind::AnyList:
      return value.isList();
    case TypeKind::AnyTuple:
      return value.isTuple();
    case TypeKind::AnyClass:
      return value.isObject();
    case TypeKind::AnyEnum:
      return value.isEnum();
    case TypeKind::List:
      return value.isList() && isListInstance(value.listRef(), static_cast<const ListType&>(type));
    case TypeKind::Dict:
      return value.isDict() && isDictInstance(value.dictRef(), static_cast<const DictType&>(type));
    case TypeKind::Tuple:
      return value.isTuple() &&
             isTupleInstance(value.tupleRef(), static_cast<const TupleType&>(type));
    case TypeKind::Optional:
      return value.isNone() ||
             isInstance(value, *static_cast<const OptionalType&>(type).elementType());
    case TypeKind::Union:
      for (const TypePtr& m : static_cast<const UnionType&>(type).members())
        if (isInstance(value, *m)) return true;
      return false;
    case TypeKind::Class:
      return value.isObject() && value.objectRef().type->equals(type);
    case TypeKind::Interface:
      return value.isObject() && value.objectRef().type->isSubtypeOf(type);
    case TypeKind::Enum:
      return value.isEnum() && value.toEnum()->type->equals(type);
    default:
      // Future, RRef, Generator, Stream, Function, type variables: no value of ours is one.
      return false;
  }
}

}  // namespace sconce
