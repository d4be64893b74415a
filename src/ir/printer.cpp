// Graph → PyTorch IR text (torch/csrc/jit/ir/ir.cpp's Graph::print, reimplemented).
#include "ir/printer.h"

#include <cmath>

#include <fmt/format.h>

namespace sconce {
namespace {

void appendValueRefs(std::string& out, const std::vector<Value*>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ", ";
    out += '%';
    out += values[i]->debugName();
  }
}

void appendTypedValues(std::string& out, const std::vector<Value*>& values,
                       std::string_view delim = ", ") {
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += delim;
    out += '%';
    out += values[i]->debugName();
    out += " : ";
    out += irTypeStr(*values[i]->type());
  }
}

// One-element tensors print as their value (`{3}`, ostream's default `%g` precision);
// the rest as `<Tensor>` (PyTorch prints up to 10 elements in ATen's tensor format,
// which Sconce does not reproduce).
std::string tensorStr(const Tensor& t) {
  if (!t.defined() || t.numel() != 1) return "<Tensor>";
  if (isFloatingType(t.dtype())) return fmt::format("{{{:g}}}", t.itemAsDouble());
  return fmt::format("{{{}}}", t.itemAsInt());
}

template <class T, class F>
std::string listStr(const std::vector<T>& items, F&& fn) {
  std::string s = "[";
  for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + fn(items[i]);
  return s + "]";
}

std::string attributeStr(const Attribute& a) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          return formatIrDouble(v);
        } else if constexpr (std::is_same_v<T, std::complex<double>>) {
          return irValueStr(IValue(v));
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quoteIrString(v);
        } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
          return listStr(v, [](int64_t x) { return std::to_string(x); });
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
          return listStr(v, formatIrDouble);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          return listStr(v, [](const std::string& x) { return quoteIrString(x); });
        } else if constexpr (std::is_same_v<T, IValue>) {
          return irValueStr(v);
        } else if constexpr (std::is_same_v<T, TypePtr>) {
          return irTypeStr(*v);
        } else if constexpr (std::is_same_v<T, std::vector<TypePtr>>) {
          return listStr(v, [](const TypePtr& x) { return irTypeStr(*x); });
        } else {
          return "<Graph>";
        }
      },
      a.value);
}

struct GraphPrinter {
  const PrintOptions& options;
  std::vector<const Node*> groups;  // nodes whose Subgraph prints after the graph
  std::string out;

  void indent(size_t level) { out.append(2 * level, ' '); }

  void node(const Node& n, size_t level, bool collectGroups) {
    indent(level);
    appendTypedValues(out, n.outputs());
    out += " = ";
    out += n.kind().toQualString();
    bool isGroup = collectGroups && n.hasAttribute(attr::Subgraph);
    if (isGroup) {
      out += fmt::format("_{}", groups.size());
      groups.push_back(&n);
    }
    if (n.hasAttributes() && (!isGroup || n.numAttributes() > 1)) {
      out += '[';
      bool first = true;
      for (const Attribute& a : n.attributes()) {
        if (isGroup && a.name == attr::Subgraph) continue;
        if (!first) out += ", ";
        first = false;
        out += a.name.toUnqualString();
        out += '=';
        out += attributeStr(a);
      }
      out += ']';
    }
    out += '(';
    appendValueRefs(out, n.inputs());
    out += ')';
    if (options.sourceLocations) sourceLocation(n.sourceRange());
    out += '\n';
    for (size_t i = 0; i < n.blocks().size(); ++i) {
      const Block* b = n.blocks()[i];
      indent(level + 1);
      out += fmt::format("block{}(", i);
      appendTypedValues(out, b->inputs());
      out += "):\n";
      for (const Node* inner : b->nodes()) node(*inner, level + 2, collectGroups);
      indent(level + 2);
      out += "-> (";
      appendValueRefs(out, b->outputs());
      out += ")\n";
    }
  }

  void sourceLocation(const SourceRange& r) {
    if (!r.valid()) return;
    const Source& src = *r.source();
    size_t line = src.lineOf(r.start());
    size_t col = r.start() - src.lineStart(line - src.firstLine());
    out += fmt::format(" # {}:{}:{}", src.filename(), line, col);
  }

  void graph(const Graph& g) {
    out += "graph(";
    appendTypedValues(out, g.inputs(), ",\n      ");
    out += "):\n";
    for (const Node* n : g.nodes()) node(*n, 1, true);
    out += "  return (";
    appendValueRefs(out, g.outputs());
    out += ")\n";
    for (size_t i = 0; i < groups.size(); ++i) {
      out += fmt::format("with {}_{} = ", groups[i]->kind().toQualString(), i);
      const auto& sub = groups[i]->g(attr::Subgraph);
      out += sub ? printGraph(*sub, options) : "<null>\n";
    }
  }
};

}  // namespace

std::string formatIrDouble(double d) {
  int c = std::fpclassify(d);
  if ((c == FP_NORMAL || c == FP_ZERO) && std::abs(d) < 1e10) {
    auto i = static_cast<int64_t>(d);
    if (static_cast<double>(i) == d) return (std::signbit(d) && i == 0 ? "-0" : std::to_string(i)) + ".";
  }
  return fmt::format("{:.17g}", d);
}

std::string quoteIrString(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '"': out += "\\\""; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default: {
        auto u = static_cast<unsigned char>(ch);
        if (u >= 0x20 && u != 0x7f) {
          out += ch;
        } else {
          out += fmt::format("\\{:03o}", u);
        }
      }
    }
  }
  return out + "\"";
}

std::string irTypeStr(const Type& t) {
  switch (t.kind()) {
    case TypeKind::List:
      return irTypeStr(*t.expect<ListType>().elementType()) + "[]";
    case TypeKind::Optional:
      return irTypeStr(*t.expect<OptionalType>().elementType()) + "?";
    case TypeKind::Future:
      return "Future[" + irTypeStr(*t.expect<FutureType>().elementType()) + "]";
    case TypeKind::RRef:
      return "RRef[" + irTypeStr(*t.expect<RRefType>().elementType()) + "]";
    case TypeKind::Tuple: {
      const auto& tup = t.expect<TupleType>();
      std::string s = tup.isNamed() ? "NamedTuple(" : "(";
      for (size_t i = 0; i < tup.elements().size(); ++i) {
        if (i) s += ", ";
        if (tup.isNamed() && i < tup.fieldNames().size()) s += tup.fieldNames()[i] + " : ";
        s += irTypeStr(*tup.elements()[i]);
      }
      return s + ")";
    }
    default:
      return t.str();
  }
}

std::string irValueStr(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return "None";
    case IValue::Tag::Bool: return v.toBool() ? "True" : "False";
    case IValue::Tag::Int: return std::to_string(v.toInt());
    case IValue::Tag::Double: return formatIrDouble(v.toDouble());
    case IValue::Tag::Complex: {
      std::complex<double> c = v.toComplex();
      return formatIrDouble(c.real()) + (c.imag() >= 0 ? "+" : "-") +
             formatIrDouble(std::abs(c.imag())) + "j";
    }
    case IValue::Tag::String: return quoteIrString(v.toStringRef());
    case IValue::Tag::Tensor: return tensorStr(v.toTensor());
    case IValue::Tag::Device: return "torch.device(" + quoteIrString(v.toDevice().str()) + ")";
    case IValue::Tag::List: {
      const ListObj& l = v.listRef();
      if (l.elementType->kind() == TypeKind::Tensor) return "[<Tensors>]";
      return listStr(l.elements, irValueStr);
    }
    case IValue::Tag::Tuple: {
      const auto& elems = v.tupleRef().elements;
      std::string s = "(";
      for (size_t i = 0; i < elems.size(); ++i) s += (i ? ", " : "") + irValueStr(elems[i]);
      return s + (elems.size() == 1 ? ",)" : ")");
    }
    case IValue::Tag::Dict: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, val] : v.dictRef().items()) {
        s += (first ? "" : ", ") + irValueStr(k) + ": " + irValueStr(val);
        first = false;
      }
      return s + "}";
    }
    case IValue::Tag::Enum: {
      auto e = v.toEnum();
      return e->type->name() + "." + e->name;
    }
    case IValue::Tag::Object: return "object(" + v.objectRef().type->name() + ")";
    default: return v.repr();
  }
}

std::string printNode(const Node& n, size_t level, const PrintOptions& options) {
  GraphPrinter p{options, {}, {}};
  p.node(n, level, false);
  return std::move(p.out);
}

std::string printGraph(const Graph& g, const PrintOptions& options) {
  GraphPrinter p{options, {}, {}};
  p.graph(g);
  return std::move(p.out);
}

}  // namespace sconce
