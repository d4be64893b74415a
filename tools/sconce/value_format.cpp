// Value rendering for the CLI (summaries, trees, JSON).
#include "tools/sconce/value_format.h"

#include <fmt/ranges.h>

namespace sconce::cli {
namespace {

// Decimal text of a little-endian two's complement integer of any size.
std::string bigIntDecimal(const std::string& bytes) {
  std::vector<uint8_t> mag(bytes.begin(), bytes.end());
  bool negative = !mag.empty() && (mag.back() & 0x80);
  if (negative) {  // two's complement negate
    for (auto& b : mag) b = static_cast<uint8_t>(~b);
    for (auto& b : mag)
      if (++b != 0) break;
  }
  std::string digits;
  while (std::any_of(mag.begin(), mag.end(), [](uint8_t b) { return b != 0; })) {
    unsigned rem = 0;
    for (size_t i = mag.size(); i-- > 0;) {
      unsigned cur = (rem << 8) | mag[i];
      mag[i] = static_cast<uint8_t>(cur / 10);
      rem = cur % 10;
    }
    digits += static_cast<char>('0' + rem);
  }
  if (digits.empty()) digits = "0";
  if (negative) digits += '-';
  return std::string(digits.rbegin(), digits.rend());
}

}  // namespace

std::string describeTensor(const Tensor& t) {
  if (!t.defined()) return "undefined tensor";
  std::string s = fmt::format("{} [{}]", scalarTypeName(t.dtype()), fmt::join(t.sizes(), ", "));
  if (!t.isContiguous()) s += fmt::format(" stride [{}]", fmt::join(t.strides(), ", "));
  if (t.storageOffset() != 0) s += fmt::format(" offset {}", t.storageOffset());
  if (t.requiresGrad()) s += " requires_grad";
  return s;
}

std::string summarize(const IValue& v, size_t maxChars) {
  std::string s;
  if (v.isTensor()) {
    s = "Tensor " + describeTensor(v.toTensor());
  } else if (v.isBigInt()) {
    s = bigIntDecimal(v.bigIntBytes());
  } else {
    s = v.repr();
  }
  if (s.size() > maxChars) s = s.substr(0, maxChars - 3) + "...";
  return s;
}

void printTree(const IValue& v, std::string& out, int indent, size_t maxItems) {
  auto pad = std::string(static_cast<size_t>(indent) * 2, ' ');
  auto entries = [&](const std::vector<std::pair<std::string, IValue>>& items, size_t total) {
    for (const auto& [key, value] : items) {
      bool container = value.isList() || value.isTuple() || value.isDict();
      out += pad + "  " + key + ": ";
      if (container) {
        printTree(value, out, indent + 1, maxItems);
      } else {
        out += summarize(value, 100) + "\n";
      }
    }
    if (total > items.size()) out += fmt::format("{}  ... {} more\n", pad, total - items.size());
  };
  std::vector<std::pair<std::string, IValue>> items;
  if (v.isDict()) {
    const auto& d = v.dictRef();
    out += fmt::format("{} ({} entries)\n", d.isOrdered() ? "OrderedDict" : "dict", d.size());
    for (const auto& [k, val] : d.items()) {
      if (items.size() == maxItems) break;
      items.emplace_back(k.isString() ? pythonStringRepr(k.toStringRef()) : summarize(k, 40), val);
    }
    entries(items, d.size());
  } else if (v.isList() || v.isTuple()) {
    const auto& elems = v.isList() ? v.listRef().elements : v.tupleRef().elements;
    out += fmt::format("{} ({} items)\n", v.isList() ? "list" : "tuple", elems.size());
    for (size_t i = 0; i < elems.size() && i < maxItems; ++i)
      items.emplace_back(fmt::format("[{}]", i), elems[i]);
    entries(items, elems.size());
  } else {
    out += summarize(v, 100) + "\n";
  }
}

nlohmann::json toJson(const IValue& v) {
  using nlohmann::json;
  switch (v.tag()) {
    case IValue::Tag::None: return {{"type", "none"}};
    case IValue::Tag::Bool: return {{"type", "bool"}, {"value", v.toBool()}};
    case IValue::Tag::Int: return {{"type", "int"}, {"value", std::to_string(v.toInt())}};
    case IValue::Tag::BigInt: return {{"type", "int"}, {"value", bigIntDecimal(v.bigIntBytes())}};
    case IValue::Tag::Double: return {{"type", "float"}, {"value", pythonFloatRepr(v.toDouble())}};
    case IValue::Tag::Complex: return {{"type", "complex"}, {"value", v.repr()}};
    case IValue::Tag::String: return {{"type", "str"}, {"value", v.toStringRef()}};
    case IValue::Tag::Device: return {{"type", "device"}, {"value", v.toDevice().str()}};
    case IValue::Tag::Tensor: {
      Tensor t = v.toTensor();
      if (!t.defined()) return {{"type", "none"}};
      return {{"type", "tensor"},          {"dtype", scalarTypeName(t.dtype())},
              {"shape", t.sizes()},        {"stride", t.strides()},
              {"storage_offset", t.storageOffset()}, {"requires_grad", t.requiresGrad()}};
    }
    case IValue::Tag::Tuple:
    case IValue::Tag::List: {
      json items = json::array();
      for (const auto& e : v.isList() ? v.listRef().elements : v.tupleRef().elements)
        items.push_back(toJson(e));
      return {{"type", v.isList() ? "list" : "tuple"}, {"items", items}};
    }
    case IValue::Tag::Dict: {
      json items = json::array();
      for (const auto& [k, val] : v.dictRef().items()) items.push_back({toJson(k), toJson(val)});
      return {{"type", v.dictRef().isOrdered() ? "ordered_dict" : "dict"}, {"items", items}};
    }
    case IValue::Tag::Object: {
      const Object& o = v.objectRef();
      json attrs = json::object();
      for (size_t i = 0; i < o.type->attributes().size() && i < o.slots.size(); ++i)
        attrs[o.type->attributes()[i].name] = toJson(o.slots[i]);
      return {{"type", "object"}, {"class", o.type->name()}, {"attributes", attrs}};
    }
    default: return {{"type", std::string(v.tagName())}, {"value", v.repr()}};
  }
}

}  // namespace sconce::cli
