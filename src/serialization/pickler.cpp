// Pickler: IValue -> protocol-2 pickle bytes, mirroring CPython's pickler as torch uses it.
#include "serialization/pickler.h"

#include <bit>

namespace sconce {
namespace {

constexpr size_t kBatchSize = 1000;  // CPython's APPENDS/SETITEMS batch size

}  // namespace

std::string Pickler::pickle(const IValue& value) {
  out_.clear();
  memo_.clear();
  strings_.clear();
  memoCount_ = 0;
  op(PickleOp::PROTO);
  out_ += '\x02';
  save(value, 0);
  op(PickleOp::STOP);
  return std::move(out_);
}

void Pickler::writeLE(uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) out_ += static_cast<char>(v >> (8 * i));
}

void Pickler::putIndex(uint32_t index) {
  if (index < 256) {
    op(PickleOp::BINPUT);
    writeLE(index, 1);
  } else {
    op(PickleOp::LONG_BINPUT);
    writeLE(index, 4);
  }
}

void Pickler::getIndex(uint32_t index) {
  if (index < 256) {
    op(PickleOp::BINGET);
    writeLE(index, 1);
  } else {
    op(PickleOp::LONG_BINGET);
    writeLE(index, 4);
  }
}

void Pickler::memoize(const void* identity) {
  memo_[identity] = memoCount_;
  putIndex(memoCount_++);
}

bool Pickler::memoGet(const void* identity) {
  auto it = memo_.find(identity);
  if (it == memo_.end()) return false;
  getIndex(it->second);
  return true;
}

void Pickler::saveInt(int64_t v) {
  if (v >= 0 && v <= 0xff) {
    op(PickleOp::BININT1);
    writeLE(static_cast<uint64_t>(v), 1);
  } else if (v >= 0 && v <= 0xffff) {
    op(PickleOp::BININT2);
    writeLE(static_cast<uint64_t>(v), 2);
  } else if (v >= INT32_MIN && v <= INT32_MAX) {
    op(PickleOp::BININT);
    writeLE(static_cast<uint64_t>(v), 4);
  } else {
    // Shortest little-endian two's complement, as CPython's encode_long.
    size_t n = 8;
    auto u = static_cast<uint64_t>(v);
    while (n > 1) {
      auto top = static_cast<uint8_t>(u >> (8 * (n - 1)));
      auto next = static_cast<uint8_t>(u >> (8 * (n - 2)));
      if ((top == 0x00 && !(next & 0x80)) || (top == 0xff && (next & 0x80)))
        --n;
      else
        break;
    }
    op(PickleOp::LONG1);
    writeLE(n, 1);
    writeLE(u, n);
  }
}

// Strings and globals are immutable, so they are memoized by value.
void Pickler::saveString(std::string_view s) {
  std::string key = "s" + std::string(s);
  if (auto it = strings_.find(key); it != strings_.end()) return getIndex(it->second);
  SCONCE_CHECK(ValueError, s.size() <= UINT32_MAX, "cannot pickle a string of {} bytes", s.size());
  op(PickleOp::BINUNICODE);
  writeLE(s.size(), 4);
  out_ += s;
  strings_.emplace(std::move(key), memoCount_);
  putIndex(memoCount_++);
}

void Pickler::saveGlobal(std::string_view module, std::string_view name) {
  std::string key = "g" + std::string(module) + "\n" + std::string(name);
  if (auto it = strings_.find(key); it != strings_.end()) return getIndex(it->second);
  op(PickleOp::GLOBAL);
  out_ += module;
  out_ += '\n';
  out_ += name;
  out_ += '\n';
  strings_.emplace(std::move(key), memoCount_);
  putIndex(memoCount_++);
}

void Pickler::save(const IValue& v, size_t depth) {
  SCONCE_CHECK(ValueError, depth < options_.maxDepth, "cannot pickle values nested deeper than {}",
               options_.maxDepth);
  switch (v.tag()) {
    case IValue::Tag::None: op(PickleOp::NONE); return;
    case IValue::Tag::Bool: op(v.toBool() ? PickleOp::NEWTRUE : PickleOp::NEWFALSE); return;
    case IValue::Tag::Int: saveInt(v.toInt()); return;
    case IValue::Tag::BigInt: {
      const std::string& bytes = v.bigIntBytes();
      if (bytes.size() < 256) {
        op(PickleOp::LONG1);
        writeLE(bytes.size(), 1);
      } else {
        op(PickleOp::LONG4);
        writeLE(bytes.size(), 4);
      }
      out_ += bytes;
      return;
    }
    case IValue::Tag::Double:
      op(PickleOp::BINFLOAT);
      for (int i = 7; i >= 0; --i)
        out_ += static_cast<char>(std::bit_cast<uint64_t>(v.toDouble()) >> (8 * i));
      return;
    case IValue::Tag::Complex: {
      saveGlobal("builtins", "complex");
      std::complex<double> c = v.toComplex();
      saveTuple({IValue(c.real()), IValue(c.imag())}, depth + 1);
      op(PickleOp::REDUCE);
      return;
    }
    case IValue::Tag::String: saveString(v.toStringRef()); return;
    case IValue::Tag::Device: {
      Device d = v.toDevice();
      saveGlobal("torch", "device");
      std::string type = Device(d.type).str();
      if (d.index >= 0)
        saveTuple({IValue(type), IValue(int64_t{d.index})}, depth + 1);
      else
        saveTuple({IValue(type)}, depth + 1);
      op(PickleOp::REDUCE);
      return;
    }
    case IValue::Tag::Tensor: {
      Tensor t = v.toTensor();
      if (!t.defined()) {
        op(PickleOp::NONE);
        return;
      }
      if (memoGet(t.impl())) return;
      saveTensor(t);
      memoize(t.impl());
      return;
    }
    case IValue::Tag::Storage: savePersistentId(v.toStorage(), ScalarType::Byte); return;
    case IValue::Tag::Tuple:
      if (memoGet(v.payload())) return;
      saveTuple(v.tupleRef().elements, depth + 1);
      if (!v.tupleRef().elements.empty()) memoize(v.payload());
      return;
    case IValue::Tag::List:
    case IValue::Tag::Dict:
      if (memoGet(v.payload())) return;
      if (options_.torchScript && saveTypeTagged(v, depth)) return;
      if (v.isList()) {
        op(PickleOp::EMPTY_LIST);
        memoize(v.payload());
        saveItems(v.listRef().elements, depth + 1);
      } else if (v.dictRef().isOrdered()) {
        saveGlobal("collections", "OrderedDict");
        op(PickleOp::EMPTY_TUPLE);
        op(PickleOp::REDUCE);
        memoize(v.payload());
        saveDictItems(v.dictRef(), depth + 1);
        if (!v.dictRef().pickledState().isNone()) {
          save(v.dictRef().pickledState(), depth + 1);
          op(PickleOp::BUILD);
        }
      } else {
        op(PickleOp::EMPTY_DICT);
        memoize(v.payload());
        saveDictItems(v.dictRef(), depth + 1);
      }
      return;
    case IValue::Tag::Object:
      if (memoGet(v.payload())) return;
      saveObject(v, depth + 1);
      return;
    case IValue::Tag::Enum: {
      Ref<EnumHolder> e = v.toEnum();
      const std::string& name = e->type->name();
      size_t dot = name.rfind('.');
      saveGlobal(dot == std::string::npos ? "" : name.substr(0, dot), name.substr(dot + 1));
      saveTuple({e->value}, depth + 1);
      op(PickleOp::REDUCE);
      return;
    }
    case IValue::Tag::Uninitialized:
    case IValue::Tag::Capsule: fail<ValueError>("cannot pickle a value of type {}", v.tagName());
  }
}

void Pickler::saveTuple(const std::vector<IValue>& items, size_t depth) {
  if (items.empty()) {
    op(PickleOp::EMPTY_TUPLE);
    return;
  }
  if (items.size() > 3) op(PickleOp::MARK);
  for (const IValue& item : items) save(item, depth);
  static constexpr PickleOp kSmall[] = {PickleOp::TUPLE1, PickleOp::TUPLE2, PickleOp::TUPLE3};
  op(items.size() > 3 ? PickleOp::TUPLE : kSmall[items.size() - 1]);
}

// CPython's _batch_appends: APPEND for a single item, MARK ... APPENDS per 1000.
void Pickler::saveItems(const std::vector<IValue>& items, size_t depth) {
  for (size_t start = 0; start < items.size(); start += kBatchSize) {
    size_t end = std::min(items.size(), start + kBatchSize);
    if (end - start == 1 && !options_.torchScript) {
      save(items[start], depth);
      op(PickleOp::APPEND);
      continue;
    }
    op(PickleOp::MARK);
    for (size_t i = start; i < end; ++i) save(items[i], depth);
    op(PickleOp::APPENDS);
  }
}

void Pickler::saveDictItems(const DictObj& dict, size_t depth) {
  const auto& items = dict.items();
  for (size_t start = 0; start < items.size(); start += kBatchSize) {
    size_t end = std::min(items.size(), start + kBatchSize);
    bool single = end - start == 1 && !options_.torchScript;
    if (!single) op(PickleOp::MARK);
    for (size_t i = start; i < end; ++i) {
      save(items[i].first, depth);
      save(items[i].second, depth);
    }
    op(single ? PickleOp::SETITEM : PickleOp::SETITEMS);
  }
}

// torch.jit.save's spelling of typed containers: build_intlist(...) and friends for
// List[int]/List[float]/List[bool]/List[Tensor], restore_type_tag(value, "T") otherwise.
// Returns false for containers of unknown (Any) element types, which get no tag.
bool Pickler::saveTypeTagged(const IValue& v, size_t depth) {
  TypePtr type;
  if (v.isList()) {
    const TypePtr& elem = v.listRef().elementType;
    if (!elem || elem->kind() == TypeKind::Any) return false;
    const char* special = nullptr;
    switch (elem->kind()) {
      case TypeKind::Int: special = "build_intlist"; break;
      case TypeKind::Float: special = "build_doublelist"; break;
      case TypeKind::Bool: special = "build_boollist"; break;
      case TypeKind::Tensor: special = "build_tensorlist"; break;
      default: type = ListType::create(elem); break;
    }
    if (special) {
      saveGlobal("torch.jit._pickle", special);
      op(PickleOp::MARK);
      op(PickleOp::EMPTY_LIST);
      memoize(v.payload());
      saveItems(v.listRef().elements, depth + 1);
      op(PickleOp::TUPLE);
      op(PickleOp::REDUCE);
      return true;
    }
  } else {
    const DictObj& d = v.dictRef();
    if (!d.keyType() || !d.valueType() || d.keyType()->kind() == TypeKind::Any) return false;
    type = DictType::create(d.keyType(), d.valueType());
  }
  saveGlobal("torch.jit._pickle", "restore_type_tag");
  if (v.isList()) {
    op(PickleOp::EMPTY_LIST);
    memoize(v.payload());
    saveItems(v.listRef().elements, depth + 1);
  } else {
    op(PickleOp::EMPTY_DICT);
    memoize(v.payload());
    saveDictItems(v.dictRef(), depth + 1);
  }
  saveString(type->annotationStr());
  op(PickleOp::TUPLE2);
  op(PickleOp::REDUCE);
  return true;
}

void Pickler::savePersistentId(const Storage& storage, ScalarType dtype) {
  auto [it, inserted] = storageIndex_.try_emplace(storage.get(), storages_.size());
  if (inserted) {
    storages_.push_back({std::to_string(storages_.size()), storage, dtype});
  } else {
    SCONCE_CHECK(ValueError, storages_[it->second].dtype == dtype,
                 "cannot pickle tensors that view the same storage as {} and {}",
                 scalarTypeName(storages_[it->second].dtype), scalarTypeName(dtype));
  }
  const PickledStorage& record = storages_[it->second];
  op(PickleOp::MARK);
  saveString("storage");
  saveGlobal("torch", storageClassName(dtype));
  saveString(record.key);
  saveString(storage->device().str());
  saveInt(static_cast<int64_t>(storage->nbytes() / elementSize(dtype)));
  op(PickleOp::TUPLE);
  op(PickleOp::BINPERSID);
}

// torch.save's Tensor.__reduce_ex__: _rebuild_tensor_v2(storage, storage_offset, size,
// stride, requires_grad, backward_hooks=OrderedDict()).
void Pickler::saveTensor(const Tensor& t) {
  // Parameter.__reduce_ex__: _rebuild_parameter(data, requires_grad, OrderedDict()).
  bool parameter = t.impl()->isParameter();
  if (parameter) {
    saveGlobal("torch._utils", "_rebuild_parameter");
    op(PickleOp::MARK);
  }
  saveGlobal("torch._utils", "_rebuild_tensor_v2");
  op(PickleOp::MARK);
  savePersistentId(t.storage(), t.dtype());
  saveInt(t.storageOffset());
  auto saveInts = [&](const Dims& dims) {
    std::vector<IValue> items(dims.begin(), dims.end());
    saveTuple(items, 0);
  };
  saveInts(t.sizes());
  saveInts(t.strides());
  op(t.requiresGrad() && !parameter ? PickleOp::NEWTRUE : PickleOp::NEWFALSE);
  auto emptyOrderedDict = [&] {
    saveGlobal("collections", "OrderedDict");
    op(PickleOp::EMPTY_TUPLE);
    op(PickleOp::REDUCE);
  };
  emptyOrderedDict();
  op(PickleOp::TUPLE);
  op(PickleOp::REDUCE);
  if (parameter) {
    op(t.requiresGrad() ? PickleOp::NEWTRUE : PickleOp::NEWFALSE);
    emptyOrderedDict();
    op(PickleOp::TUPLE);
    op(PickleOp::REDUCE);
  }
}

void Pickler::saveObject(const IValue& v, size_t depth) {
  const Object& obj = v.objectRef();
  const std::string& name = obj.type->name();
  size_t dot = name.rfind('.');
  SCONCE_CHECK(ValueError, dot != std::string::npos, "cannot pickle an object of class '{}'", name);
  saveGlobal(std::string_view(name).substr(0, dot), std::string_view(name).substr(dot + 1));
  op(PickleOp::EMPTY_TUPLE);
  op(PickleOp::NEWOBJ);
  memoize(v.payload());
  const auto& attrs = obj.type->attributes();
  auto stateSlot = obj.type->findAttribute(std::string(kPickledStateAttr));
  if (stateSlot && *stateSlot < obj.slots.size() && !obj.slots[*stateSlot].isNone()) {
    save(obj.slots[*stateSlot], depth);
  } else {
    op(PickleOp::EMPTY_DICT);
    op(PickleOp::MARK);
    for (size_t i = 0; i < std::min(attrs.size(), obj.slots.size()); ++i) {
      if (stateSlot && i == *stateSlot) continue;
      saveString(attrs[i].name);
      save(obj.slots[i], depth);
    }
    op(PickleOp::SETITEMS);
  }
  op(PickleOp::BUILD);
}

}  // namespace sconce
