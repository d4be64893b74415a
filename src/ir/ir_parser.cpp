// IR text → Graph: recursive descent over TextScanner, one GraphState per (sub)graph.
#include "ir/ir_parser.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "tensor/dtype.h"
#include "ir/text_scanner.h"

namespace sconce {

namespace {

/// What a shaped tensor type (`Float(2, 3, strides=[3, 1])`) said beyond "Tensor";
/// used to rebuild tensor constants (`{3}`, `<Tensor>`).
struct TensorShape {
  std::optional<ScalarType> dtype;
  std::optional<Dims> sizes;
};

struct VarDecl {
  std::string name;
  size_t pos;
  TypePtr type;
  TensorShape shape;
};

const TypePtr* leafType(std::string_view name) {
  static const std::unordered_map<std::string_view, TypePtr> kLeaves = {
      {"Tensor", TensorType::get()},   {"int", IntType::get()},
      {"float", FloatType::get()},     {"complex", ComplexType::get()},
      {"bool", BoolType::get()},       {"str", StringType::get()},
      {"NoneType", NoneType::get()},   {"None", NoneType::get()},
      {"Device", DeviceObjType::get()}, {"Scalar", NumberType::get()},
      {"number", NumberType::get()},   {"Storage", StorageType::get()},
      {"Generator", GeneratorType::get()}, {"Stream", StreamObjType::get()},
      {"Capsule", CapsuleType::get()}, {"Any", AnyType::get()},
      {"AnyClassType", AnyClassType::get()}, {"AnyEnumType", AnyEnumType::get()},
      {"list", AnyListType::get()},    {"tuple", AnyTupleType::get()},
      {"ScalarType", IntType::get()},  {"Layout", IntType::get()},
      {"MemoryFormat", IntType::get()}, {"SymInt", IntType::get()},
  };
  auto it = kLeaves.find(name);
  return it == kLeaves.end() ? nullptr : &it->second;
}

std::optional<ScalarType> dtypeFromShortName(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ScalarType::BFloat16); ++i)
    if (scalarTypeShortName(static_cast<ScalarType>(i)) == name) return static_cast<ScalarType>(i);
  return std::nullopt;
}

bool isFloatText(std::string_view t) {
  return t.find_first_of(".eEn") != std::string_view::npos;  // n: inf, nan
}

}  // namespace

class IrParser {
 public:
  IrParser(std::string_view text, const IrParseOptions& options)
      : scan_(std::make_shared<Source>(std::string(text), options.filename), true),
        resolveClass_(options.resolveClass) {}

  std::shared_ptr<Graph> parseAll() {
    auto g = parseGraph();
    if (!scan_.atEnd()) scan_.fail("expected end of graph");
    return g;
  }

  TypePtr parseTypeAll() {
    TypePtr t = parseType(nullptr);
    if (!scan_.atEnd()) scan_.fail("expected end of type");
    return t;
  }

 private:
  struct GraphState {
    Graph* graph;
    std::unordered_map<std::string, Value*> values;
    std::vector<Value*> created;
    std::unordered_map<Value*, size_t> numbered;  // values named `%N` keep N
    std::vector<Node*> groups;                    // nodes whose subgraph follows (`prim::fork_0`)
  };

  // ----- graphs, nodes, blocks ---------------------------------------------------

  std::shared_ptr<Graph> parseGraph() {
    auto g = std::make_shared<Graph>();
    GraphState state{g.get(), {}, {}, {}, {}};
    GraphState* outer = std::exchange(cur_, &state);
    if (!scan_.tryKeyword("graph")) scan_.fail("expected 'graph'");
    for (VarDecl& d : parseDeclList()) define(g->addInput(), d);
    scan_.expect(":");
    parseNodes(g->block());
    if (!scan_.tryKeyword("return")) scan_.fail("expected a node or 'return'");
    for (Value* v : parseRefList()) g->registerOutput(v);
    renumber(state);
    cur_ = outer;
    parseSubgraphSections(state);
    return g;
  }

  // `with prim::fork_0 = graph(...)`: attaches the subgraph to the node printed as
  // `prim::fork_0` and restores its kind to `prim::fork`. Sections that belong to an
  // enclosing graph are left for it.
  void parseSubgraphSections(GraphState& state) {
    while (true) {
      size_t start = scan_.pos();
      if (!scan_.tryKeyword("with")) return;
      std::string printed = parseKind();
      auto it = std::find_if(state.groups.begin(), state.groups.end(),
                             [&](Node* n) { return n->kind().toQualString() == printed; });
      if (it == state.groups.end()) {
        scan_.setPos(start);
        return;
      }
      Node* n = *it;
      state.groups.erase(it);
      scan_.expect("=");
      n->g_(attr::Subgraph, parseGraph());
      n->kind_ = Symbol::fromQualString(printed.substr(0, printed.find_last_of('_')));
    }
  }

  void parseNodes(Block* b) {
    while (scan_.peek() == '%' || scan_.peek() == '=') parseNode(b);
  }

  void parseNode(Block* b) {
    std::vector<VarDecl> outs;
    if (scan_.peek() == '%') {
      do outs.push_back(parseDecl());
      while (scan_.tryConsume(","));
    }
    scan_.expect("=");
    size_t kindStart = scan_.pos();
    std::string kind = parseKind();
    Node* n = cur_->graph->create(Symbol::fromQualString(kind), outs.size());
    n->setSourceRange(SourceRange(scan_.source(), kindStart, scan_.pos()));
    size_t us = kind.find_last_of('_');
    if (us != std::string::npos && us + 1 < kind.size() &&
        kind.find_first_not_of("0123456789", us + 1) == std::string::npos)
      cur_->groups.push_back(n);
    if (scan_.peek() == '[') parseAttributes(n, outs.size() == 1 ? &outs[0] : nullptr);
    for (Value* v : parseRefList()) n->addInput(v);
    for (size_t i = 0; i < outs.size(); ++i) define(n->output(i), outs[i]);
    b->appendNode(n);
    while (true) {
      size_t start = scan_.pos();
      if (!scan_.atIdentifier() || scan_.identifier().substr(0, 5) != "block") {
        scan_.setPos(start);
        return;
      }
      Block* inner = n->addBlock();
      for (VarDecl& d : parseDeclList()) define(inner->addInput(), d);
      scan_.expect(":");
      parseNodes(inner);
      scan_.expect("->");
      for (Value* v : parseRefList()) inner->registerOutput(v);
    }
  }

  std::string parseKind() {
    std::string kind(scan_.identifier("an operator name (namespace::name)"));
    scan_.expect("::");
    kind += "::";
    kind += scan_.identifier("an operator name after '::'");
    return kind;
  }

  VarDecl parseDecl() {
    scan_.expect("%");
    VarDecl d;
    d.pos = scan_.pos();
    d.name = scan_.valueName();
    d.type = scan_.tryConsume(":") ? parseType(&d.shape) : TensorType::get();
    return d;
  }

  std::vector<VarDecl> parseDeclList() {
    std::vector<VarDecl> decls;
    scan_.expect("(");
    if (scan_.tryConsume(")")) return decls;
    do decls.push_back(parseDecl());
    while (scan_.tryConsume(","));
    scan_.expect(")");
    return decls;
  }

  std::vector<Value*> parseRefList() {
    std::vector<Value*> refs;
    scan_.expect("(");
    if (scan_.tryConsume(")")) return refs;
    do {
      scan_.expect("%");
      size_t pos = scan_.pos();
      std::string name(scan_.valueName());
      auto it = cur_->values.find(name);
      if (it == cur_->values.end()) {
        scan_.setPos(pos);
        scan_.fail("use of undefined value %" + name);
      }
      refs.push_back(it->second);
    } while (scan_.tryConsume(","));
    scan_.expect(")");
    return refs;
  }

  void define(Value* v, const VarDecl& d) {
    if (!cur_->values.emplace(d.name, v).second) {
      scan_.setPos(d.pos);
      scan_.fail("redefinition of %" + d.name);
    }
    v->setType(d.type);
    cur_->created.push_back(v);
    if (Value::isValidName(d.name)) {
      v->setDebugName(d.name);
    } else if (d.name.size() <= 18) {
      cur_->numbered[v] = std::stoull(d.name);
    } else {
      scan_.setPos(d.pos);
      scan_.fail("value number %" + d.name + " is too large");
    }
  }

  // Numeric names are the values' unique numbers, so keep them; named values get the
  // numbers after the largest one.
  void renumber(GraphState& s) {
    size_t next = 0;
    for (const auto& [v, n] : s.numbered) next = std::max(next, n + 1);
    for (Value* v : s.created) {
      auto it = s.numbered.find(v);
      v->unique_ = it != s.numbered.end() ? it->second : next++;
    }
    s.graph->nextUnique_ = next;
  }

  // ----- attributes and literals ---------------------------------------------------

  void parseAttributes(Node* n, const VarDecl* out) {
    scan_.expect("[");
    do {
      Symbol name = Symbol::attr(scan_.identifier("an attribute name"));
      scan_.expect("=");
      const TypePtr* expected = out && n->kind() == prim::Constant ? &out->type : nullptr;
      parseAttributeValue(n, name, expected ? *expected : TypePtr(), out ? out->shape : TensorShape{});
    } while (scan_.tryConsume(","));
    scan_.expect("]");
  }

  bool atTypeLiteral(const TypePtr& expected) {
    if (!scan_.atIdentifier()) return false;
    size_t start = scan_.pos();
    std::string_view word = scan_.dottedName();
    scan_.setPos(start);
    static const std::unordered_set<std::string_view> kValueWords = {
        "True", "False", "None", "inf", "nan", "torch", "object"};
    if (kValueWords.count(word)) return false;
    return !(expected && expected->kind() == TypeKind::Enum);
  }

  void parseAttributeValue(Node* n, Symbol name, const TypePtr& expected, const TensorShape& shape) {
    if (scan_.peek() == '[') {
      size_t start = scan_.pos();
      scan_.expect("[");
      bool types = atTypeLiteral(nullptr);
      scan_.setPos(start);
      if (types) {
        std::vector<TypePtr> tys;
        scan_.expect("[");
        do tys.push_back(parseType(nullptr));
        while (scan_.tryConsume(","));
        scan_.expect("]");
        n->tys_(name, std::move(tys));
        return;
      }
    }
    if (atTypeLiteral(expected)) {
      n->ty_(name, parseType(nullptr));
      return;
    }
    IValue v = parseValue(expected, shape);
    switch (v.tag()) {
      case IValue::Tag::Int: n->i_(name, v.toInt()); break;
      case IValue::Tag::Double: n->f_(name, v.toDouble()); break;
      case IValue::Tag::Complex: n->c_(name, v.toComplex()); break;
      case IValue::Tag::String: n->s_(name, v.toStringRef()); break;
      case IValue::Tag::Device: n->s_(name, v.toDevice().str()); break;
      default: n->ival_(name, std::move(v));
    }
  }

  static TypePtr elementOf(const TypePtr& t, TypeKind kind, size_t i = 0) {
    if (!t) return nullptr;
    if (t->kind() == TypeKind::Optional) return elementOf(t->expect<OptionalType>().elementType(), kind, i);
    if (t->kind() != kind) return nullptr;
    auto contained = t->containedTypes();
    return i < contained.size() ? contained[i] : nullptr;
  }

  IValue parseNumber(const TypePtr& expected) {
    size_t start = scan_.pos();
    std::string_view text = scan_.tryNumber();
    if (text.empty()) scan_.fail("expected a value");
    IValue real = numberValue(text, start);
    // A sign right after the number (no space) continues a complex literal: `1.+2.j`.
    const std::string& raw = scan_.source()->text();
    char sign = scan_.pos() < raw.size() ? raw[scan_.pos()] : '\0';
    if (sign == '+' || sign == '-') {
      scan_.setPos(scan_.pos() + 1);
      std::string_view imag = scan_.tryNumber();
      if (imag.empty()) scan_.fail("expected the imaginary part of a complex number");
      scan_.expect("j");
      double im = std::strtod(std::string(imag).c_str(), nullptr);
      return IValue(std::complex<double>(real.toScalarDouble(), sign == '-' ? -im : im));
    }
    if (expected && expected->kind() == TypeKind::Float && real.isInt())
      return IValue(static_cast<double>(real.toInt()));
    return real;
  }

  IValue numberValue(std::string_view text, size_t start) {
    if (isFloatText(text)) return IValue(std::strtod(std::string(text).c_str(), nullptr));
    int64_t i = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
    if (ec != std::errc() || end != text.data() + text.size()) {
      scan_.setPos(start);
      scan_.fail("integer literal out of range");
    }
    return IValue(i);
  }

  IValue parseValue(const TypePtr& expected, const TensorShape& shape) {
    char c = scan_.peek();
    if (c == '"' || c == '\'') {
      std::string s = scan_.stringLiteral();
      if (expected && expected->kind() == TypeKind::Device) return IValue(Device::parse(s));
      return IValue(std::move(s));
    }
    if (c == '[') {
      if (scan_.tryConsume("[<Tensors>]")) return IValue(ListObj::create(TensorType::get()));
      TypePtr elemExpected = elementOf(expected, TypeKind::List);
      auto elems = parseSequence("[", "]", [&](size_t) { return elemExpected; });
      TypePtr elemType = elemExpected ? elemExpected
                         : elems.empty() ? AnyType::get()
                                         : constantTypeOf(elems[0]);
      return IValue(ListObj::create(std::move(elemType), std::move(elems)));
    }
    if (c == '(') {
      auto elems = parseSequence("(", ")", [&](size_t i) { return elementOf(expected, TypeKind::Tuple, i); });
      TypePtr tupleType = expected && expected->kind() == TypeKind::Tuple ? expected : nullptr;
      return IValue(TupleObj::create(std::move(elems), std::move(tupleType)));
    }
    if (c == '{') return parseBraced(expected, shape);
    if (c == '<') {
      scan_.expect("<Tensor>");
      if (!shape.sizes) scan_.fail("a <Tensor> constant needs a shaped type such as Float(2, 3)");
      return IValue(Tensor::zeros(*shape.sizes, shape.dtype.value_or(ScalarType::Float)));
    }
    if (scan_.atIdentifier()) {
      size_t start = scan_.pos();
      std::string word(scan_.dottedName("a value"));
      if (word == "inf" || word == "nan") {
        scan_.setPos(start);
        return parseNumber(expected);
      }
      if (word == "True" || word == "False") return IValue(word == "True");
      if (word == "None") return IValue();
      if (word == "torch.device") {
        scan_.expect("(");
        std::string dev = scan_.stringLiteral();
        scan_.expect(")");
        return IValue(Device::parse(dev));
      }
      if (expected && expected->kind() == TypeKind::Enum) return enumMember(expected, word);
      scan_.setPos(start);
      scan_.fail("cannot parse a constant of this form");
    }
    return parseNumber(expected);
  }

  template <class ExpectedAt>
  std::vector<IValue> parseSequence(std::string_view open, std::string_view close, ExpectedAt expectedAt) {
    std::vector<IValue> elems;
    scan_.expect(open);
    while (!scan_.tryConsume(close)) {
      elems.push_back(parseValue(expectedAt(elems.size()), {}));
      if (!scan_.tryConsume(",")) {
        scan_.expect(close);
        break;
      }
    }
    return elems;
  }

  // `{3}` is a one-element tensor; anything else in braces is a dict.
  IValue parseBraced(const TypePtr& expected, const TensorShape& shape) {
    scan_.expect("{");
    size_t start = scan_.pos();
    std::string_view num = scan_.tryNumber();
    if (!num.empty() && scan_.tryConsume("}")) {
      bool isFloat = isFloatText(num);
      ScalarType dtype = shape.dtype.value_or(isFloat ? ScalarType::Float : ScalarType::Long);
      double d = std::strtod(std::string(num).c_str(), nullptr);
      if (isFloatingType(dtype)) return IValue(Tensor::scalar(d, dtype));
      return IValue(Tensor::scalar(static_cast<int64_t>(d), dtype));
    }
    scan_.setPos(start);
    TypePtr keyExpected = elementOf(expected, TypeKind::Dict, 0);
    TypePtr valueExpected = elementOf(expected, TypeKind::Dict, 1);
    std::vector<std::pair<IValue, IValue>> items;
    while (!scan_.tryConsume("}")) {
      IValue k = parseValue(keyExpected, {});
      scan_.expect(":");
      IValue v = parseValue(valueExpected, {});
      items.emplace_back(std::move(k), std::move(v));
      if (!scan_.tryConsume(",")) {
        scan_.expect("}");
        break;
      }
    }
    TypePtr kt = keyExpected ? keyExpected : items.empty() ? StringType::get() : constantTypeOf(items[0].first);
    TypePtr vt = valueExpected ? valueExpected : items.empty() ? AnyType::get() : constantTypeOf(items[0].second);
    auto dict = DictObj::create(kt, vt);
    for (auto& [k, v] : items) dict->insertOrAssign(std::move(k), std::move(v));
    return IValue(dict);
  }

  IValue enumMember(const TypePtr& type, const std::string& qualified) {
    auto enumType = Ref<EnumType>(const_cast<EnumType*>(&type->expect<EnumType>()));
    std::string member = qualified.substr(qualified.find_last_of('.') + 1);
    auto slot = enumType->findMember(member);
    IValue value = slot ? enumType->memberValue(*slot) : IValue();
    return IValue(makeRef<EnumHolder>(enumType, member, value));
  }

  // ----- types -----------------------------------------------------------------------

  TypePtr parseType(TensorShape* shape) {
    TypePtr t = parseBaseType(shape);
    while (true) {
      if (scan_.peek() == '[' && scan_.peekAt(1) == ']') {
        scan_.expect("[");
        scan_.expect("]");
        t = ListType::create(t);
      } else if (scan_.tryConsume("?")) {
        t = OptionalType::create(t);
      } else {
        return t;
      }
    }
  }

  std::vector<TypePtr> parseTypeList(std::string_view open, std::string_view close) {
    std::vector<TypePtr> types;
    scan_.expect(open);
    if (scan_.tryConsume(close)) return types;
    do types.push_back(parseType(nullptr));
    while (scan_.tryConsume(","));
    scan_.expect(close);
    return types;
  }

  TypePtr parseBaseType(TensorShape* shape) {
    if (scan_.peek() == '(') return TupleType::create(parseTypeList("(", ")"));
    size_t start = scan_.pos();
    std::string name(scan_.dottedName("a type"));
    auto one = [&](std::string_view open, std::string_view close) {
      auto types = parseTypeList(open, close);
      if (types.size() != 1) scan_.fail(name + " takes one type");
      return types[0];
    };
    if (name == "NamedTuple") {
      std::vector<std::string> fields;
      std::vector<TypePtr> types;
      scan_.expect("(");
      if (!scan_.tryConsume(")")) {
        do {
          fields.emplace_back(scan_.identifier("a field name"));
          scan_.expect(":");
          types.push_back(parseType(nullptr));
        } while (scan_.tryConsume(","));
        scan_.expect(")");
      }
      return TupleType::createNamed("NamedTuple", std::move(fields), std::move(types));
    }
    if (name == "Dict") {
      bool square = scan_.peek() == '[';
      auto kv = parseTypeList(square ? "[" : "(", square ? "]" : ")");
      if (kv.size() != 2) scan_.fail("Dict takes a key and a value type");
      return DictType::create(kv[0], kv[1]);
    }
    if (name == "Union") {
      bool square = scan_.peek() == '[';
      return UnionType::create(parseTypeList(square ? "[" : "(", square ? "]" : ")"));
    }
    if (name == "Tuple") return TupleType::create(parseTypeList("[", "]"));
    if (name == "List") return ListType::create(one("[", "]"));
    if (name == "Optional") return OptionalType::create(one("[", "]"));
    if (name == "Future" || name == "RRef") {
      bool square = scan_.peek() == '[';
      TypePtr elem = one(square ? "[" : "(", square ? "]" : ")");
      return name == "Future" ? FutureType::create(elem) : RRefType::create(elem);
    }
    if (name == "Function") return FunctionType::create(nullptr);
    if (name == "Enum") {
      scan_.expect("<");
      std::string qualified(scan_.dottedName("an enum name"));
      scan_.expect(">");
      return resolve(qualified, /*isEnum=*/true);
    }
    if (const TypePtr* leaf = leafType(name)) return *leaf;
    if (auto dtype = dtypeFromShortName(name)) {
      TensorShape parsed{dtype, std::nullopt};
      if (scan_.peek() == '(') parseTensorShape(parsed);
      if (shape) *shape = parsed;
      return TensorType::get();
    }
    if (name.find('.') != std::string::npos) return resolve(name, false);
    scan_.setPos(start);
    scan_.fail("unknown type '" + name + "'");
  }

  // `(2, 3, strides=[3, 1], requires_grad=0, device=cpu)` or `(*, *, device=cuda:0)`.
  void parseTensorShape(TensorShape& shape) {
    scan_.expect("(");
    Dims sizes;
    bool known = true;
    while (!scan_.tryConsume(")")) {
      if (scan_.tryConsume("*")) {
        known = false;
      } else if (scan_.atIdentifier()) {
        std::string key(scan_.identifier());
        scan_.expect("=");
        if (key == "strides") {
          scan_.expect("[");
          while (!scan_.tryConsume("]")) {
            if (scan_.tryNumber().empty()) scan_.fail("expected a stride");
            scan_.tryConsume(",");
          }
        } else if (key == "device") {
          scan_.identifier("a device");
          if (scan_.tryConsume(":") && scan_.tryNumber().empty()) scan_.fail("expected a device index");
        } else if (key == "requires_grad") {
          if (scan_.tryNumber().empty()) scan_.fail("expected 0 or 1");
        } else {
          scan_.fail("unknown tensor type property '" + key + "'");
        }
      } else {
        size_t start = scan_.pos();
        std::string_view num = scan_.tryNumber();
        if (num.empty()) scan_.fail("expected a size");
        sizes.push_back(numberValue(num, start).toInt());
      }
      if (!scan_.tryConsume(",")) {
        scan_.expect(")");
        break;
      }
    }
    if (known) shape.sizes = std::move(sizes);
  }

  TypePtr resolve(const std::string& name, bool isEnum) {
    auto it = classes_.find(name);
    if (it != classes_.end()) return it->second;
    TypePtr t = resolveClass_ ? resolveClass_(name) : nullptr;
    if (!t) t = isEnum ? TypePtr(EnumType::create(name, IntType::get())) : TypePtr(ClassType::create(name));
    classes_.emplace(name, t);
    return t;
  }

  TextScanner scan_;
  ClassResolver resolveClass_;
  GraphState* cur_ = nullptr;
  std::unordered_map<std::string, TypePtr> classes_;
};

std::shared_ptr<Graph> parseIR(std::string_view text, const IrParseOptions& options) {
  return IrParser(text, options).parseAll();
}

TypePtr parseIrType(std::string_view text, const IrParseOptions& options) {
  return IrParser(text, options).parseTypeAll();
}

}  // namespace sconce
