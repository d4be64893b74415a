// dict methods: d[k], d[k] = v, del d[k], get, setdefault, pop, popitem, update,
// keys/values/items, copy, clear, `in`, len, and the dict() constructors.
//
// TorchScript declares each once per key type (`aten::get.str`, `aten::get.int`, ...,
// `aten::get.Tensor`); DictObj hashes all key kinds the Python way (1 == 1.0 == True,
// tensors by identity), so one kernel serves every key type. Dicts keep insertion
// order; KeyError messages show the key's repr as Python's do.
#include "ops/builtins/builtins.h"

namespace sconce::ops {
namespace {

using Dict = Ref<DictObj>;

constexpr const char* kKeyKinds[] = {"str", "int", "bool", "float", "complex", "Tensor"};

[[noreturn]] void keyError(const IValue& key) { raisePython("KeyError", pyRepr(key)); }

Dict copyDict(const DictObj& d) {
  Dict out = DictObj::create(d.keyType(), d.valueType());
  out->setOrdered(d.isOrdered());
  for (const auto& [k, v] : d.items()) out->insertOrAssign(k, v);
  return out;
}

TypePtr itemType(const DictObj& d) { return TupleType::create({d.keyType(), d.valueType()}); }

IValue dictGetItem(const Dict& d, IValue key) {
  const IValue* v = d->find(key);
  if (!v) keyError(key);
  return *v;
}

void dictSetItem(const Dict& d, IValue key, IValue value) { d->insertOrAssign(std::move(key), std::move(value)); }

void dictDelete(const Dict& d, IValue key) {
  if (!d->erase(key)) keyError(key);
}

IValue dictGet(const Dict& d, IValue key) {
  const IValue* v = d->find(key);
  return v ? *v : IValue();
}

IValue dictGetDefault(const Dict& d, IValue key, IValue fallback) {
  const IValue* v = d->find(key);
  return v ? *v : fallback;
}

IValue dictSetDefault(const Dict& d, IValue key, IValue fallback) {
  if (const IValue* v = d->find(key)) return *v;
  d->insertOrAssign(std::move(key), fallback);
  return fallback;
}

IValue dictPop(const Dict& d, IValue key) {
  const IValue* v = d->find(key);
  if (!v) keyError(key);
  IValue out = *v;
  d->erase(key);
  return out;
}

IValue dictPopDefault(const Dict& d, IValue key, IValue fallback) {
  const IValue* v = d->find(key);
  if (!v) return fallback;
  IValue out = *v;
  d->erase(key);
  return out;
}

/// The first inserted (key, value), removed.
Ref<TupleObj> dictPopItem(const Dict& d) {
  if (d->empty()) raisePython("KeyError", "'popitem(): dictionary is empty'");
  // TorchScript pops the *first* inserted item (PyTorch's dictPopItem takes begin()),
  // unlike Python's LIFO popitem; programs saved by PyTorch rely on its behavior.
  auto [key, value] = d->items().front();
  d->erase(key);
  return TupleObj::create({key, value}, itemType(*d));
}

void dictUpdate(const Dict& d, const Dict& other) {
  auto items = other->items();  // a copy: `d.update(d)` must not iterate what it writes
  for (auto& [k, v] : items) d->insertOrAssign(std::move(k), std::move(v));
}

Ref<ListObj> dictKeys(const Dict& d) {
  std::vector<IValue> keys;
  keys.reserve(d->size());
  for (const auto& [k, v] : d->items()) keys.push_back(k);
  return ListObj::create(d->keyType(), std::move(keys));
}

Ref<ListObj> dictValues(const Dict& d) {
  std::vector<IValue> values;
  values.reserve(d->size());
  for (const auto& [k, v] : d->items()) values.push_back(v);
  return ListObj::create(d->valueType(), std::move(values));
}

Ref<ListObj> dictItems(const Dict& d) {
  TypePtr type = itemType(*d);
  std::vector<IValue> items;
  items.reserve(d->size());
  for (const auto& [k, v] : d->items()) items.emplace_back(TupleObj::create({k, v}, type));
  return ListObj::create(type, std::move(items));
}

/// dict(list_of_pairs).
Dict dictFromPairs(const Ref<ListObj>& pairs) {
  TypePtr keyType = AnyType::get(), valueType = AnyType::get();
  if (const auto* t = pairs->elementType->cast<TupleType>(); t && t->elements().size() == 2) {
    keyType = t->elements()[0];
    valueType = t->elements()[1];
  }
  Dict out = DictObj::create(keyType, valueType);
  for (const IValue& p : pairs->elements) {
    const auto& e = p.toTuple()->elements;
    if (e.size() != 2)
      raisePython("ValueError",
                  fmt::format("dictionary update sequence element has length {}; 2 is required", e.size()));
    out->insertOrAssign(e[0], e[1]);
  }
  return out;
}

}  // namespace

void registerDictKernels(OperatorRegistry& r) {
  for (const char* kind : kKeyKinds) {
    const std::string k(kind);
    r.registerKernel("aten::len.Dict_" + k, boxed<[](const Dict& d) { return static_cast<int64_t>(d->size()); }>);
    r.registerKernel("aten::__getitem__.Dict_" + k, boxed<dictGetItem>);
    r.registerKernel("aten::_set_item." + k, boxed<dictSetItem>);
    r.registerKernel("aten::Delete.Dict_" + k, boxed<dictDelete>);
    r.registerKernel("aten::__contains__." + k, boxed<[](const Dict& d, IValue key) { return d->contains(key); }>);
    r.registerKernel("aten::get." + k, boxed<dictGet>);
    r.registerKernel("aten::get.default_" + k, boxed<dictGetDefault>);
    r.registerKernel("aten::setdefault." + k, boxed<dictSetDefault>);
    r.registerKernel("aten::pop.Dict_" + k, boxed<dictPop>);
    r.registerKernel("aten::pop.Dict_default_" + k, boxed<dictPopDefault>);
    r.registerKernel("aten::popitem." + k, boxed<dictPopItem>);
    r.registerKernel("aten::update." + k, boxed<dictUpdate>);
    r.registerKernel("aten::keys." + k, boxed<dictKeys>);
    r.registerKernel("aten::values." + k, boxed<dictValues>);
    r.registerKernel("aten::items." + k, boxed<dictItems>);
    r.registerKernel("aten::clear." + k, boxed<[](const Dict& d) { d->clear(); }>);
    r.registerKernel("aten::copy.Dict_" + k, boxed<[](const Dict& d) { return copyDict(*d); }>);
    r.registerKernel("aten::dict.Dict_" + k, boxed<[](const Dict& d) { return copyDict(*d); }>);
    r.registerKernel("aten::dict." + k, boxed<dictFromPairs>);
  }
  r.registerKernel("aten::dict", boxed<[] { return DictObj::create(StringType::get(), TensorType::get()); }>);
}

}  // namespace sconce::ops
