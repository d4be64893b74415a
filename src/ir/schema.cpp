// Schema parsing (PyTorch's function_schema_parser + schema_type_parser, reimplemented
// over TextScanner) and printing (c10's operator<< for FunctionSchema and Argument).
#include "ir/schema.h"

#include <algorithm>
#include <unordered_map>

#include "ir/printer.h"
#include "ir/text_scanner.h"

namespace sconce {
namespace {

/// A leaf type written under another name (`ScalarType`, `SymInt`, ...). Its kind is
/// the kind it behaves as (int), so it only ever appears in Argument::realType, where
/// it prints its own spelling.
class SpelledType : public Type {
 public:
  SpelledType(TypeKind kind, std::string spelling) : Type(kind), spelling_(std::move(spelling)) {}
  std::string str() const override { return spelling_; }

 private:
  std::string spelling_;
};

TypePtr spelled(TypeKind kind, const char* name) { return TypePtr(new SpelledType(kind, name)); }

const TypePtr* baseType(std::string_view name) {
  static const std::unordered_map<std::string_view, TypePtr> kTypes = {
      {"int", IntType::get()},          {"float", FloatType::get()},
      {"complex", ComplexType::get()},  {"bool", BoolType::get()},
      {"str", StringType::get()},       {"Dimname", StringType::get()},
      {"None", NoneType::get()},        {"NoneType", NoneType::get()},
      {"Scalar", NumberType::get()},    {"Device", DeviceObjType::get()},
      {"Generator", GeneratorType::get()}, {"Stream", StreamObjType::get()},
      {"Storage", StorageType::get()},  {"Capsule", CapsuleType::get()},
      {"Any", AnyType::get()},          {"AnyClassType", AnyClassType::get()},
      {"AnyEnumType", AnyEnumType::get()},
      {"ScalarType", spelled(TypeKind::Int, "ScalarType")},
      {"Layout", spelled(TypeKind::Int, "Layout")},
      {"MemoryFormat", spelled(TypeKind::Int, "MemoryFormat")},
      {"SymInt", spelled(TypeKind::Int, "SymInt")},
      {"SymBool", spelled(TypeKind::Bool, "SymBool")},      // PyTorch 2.x
      {"DeviceIndex", spelled(TypeKind::Int, "DeviceIndex")},  // PyTorch 2.x
      {"QScheme", spelled(TypeKind::Int, "QScheme")},
      {"ConstQuantizerPtr", spelled(TypeKind::Int, "ConstQuantizerPtr")},
  };
  auto it = kTypes.find(name);
  return it == kTypes.end() ? nullptr : &it->second;
}

/// `realType` with every SpelledType replaced by the type it stands for.
TypePtr canonical(const TypePtr& t) {
  if (dynamic_cast<const SpelledType*>(t.get())) {
    if (t->kind() == TypeKind::Int) return IntType::get();
    if (t->kind() == TypeKind::Bool) return BoolType::get();
    return t;
  }
  switch (t->kind()) {
    case TypeKind::List: return ListType::create(canonical(t->expect<ListType>().elementType()));
    case TypeKind::Optional:
      return OptionalType::create(canonical(t->expect<OptionalType>().elementType()));
    case TypeKind::Future: return FutureType::create(canonical(t->expect<FutureType>().elementType()));
    case TypeKind::RRef: return RRefType::create(canonical(t->expect<RRefType>().elementType()));
    case TypeKind::Dict: {
      const auto& d = t->expect<DictType>();
      return DictType::create(canonical(d.keyType()), canonical(d.valueType()));
    }
    case TypeKind::Tuple: {
      std::vector<TypePtr> elems;
      for (const auto& e : t->expect<TupleType>().elements()) elems.push_back(canonical(e));
      return TupleType::create(std::move(elems));
    }
    default: return t;
  }
}

std::string joinSets(const std::vector<std::string>& sets) {
  std::string s;
  for (size_t i = 0; i < sets.size(); ++i) s += (i ? "|" : "") + sets[i];
  return s;
}

bool sameSets(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// IValue's operator<< in c10, which schema defaults print with.
std::string defaultStr(const IValue& v) {
  if (v.isList()) {
    std::string s = "[";
    const auto& elems = v.listRef().elements;
    for (size_t i = 0; i < elems.size(); ++i) s += (i ? ", " : "") + defaultStr(elems[i]);
    return s + "]";
  }
  if (v.isDevice()) return v.toDevice().str();
  return irValueStr(v);
}

class SchemaParser {
 public:
  explicit SchemaParser(std::string_view text)
      : scan_(std::make_shared<Source>(std::string(text), "<schema>"), false) {}

  FunctionSchema parse() {
    FunctionSchema s;
    s.name = std::string(scan_.identifier("an operator name"));
    if (scan_.tryConsume("::")) s.name += "::" + std::string(scan_.identifier("an operator name"));
    if (scan_.tryConsume(".")) s.overloadName = std::string(scan_.identifier("an overload name"));
    bool kwargOnly = false;
    parseList([&] {
      if (s.isVararg) scan_.fail("'...' must be the last argument");
      if (scan_.tryConsume("...")) {
        s.isVararg = true;
      } else if (scan_.tryConsume("*")) {
        kwargOnly = true;
      } else {
        s.arguments.push_back(parseArgument(false, kwargOnly));
      }
    });
    scan_.expect("->");
    if (scan_.tryConsume("...")) {
      s.isVarret = true;
    } else if (scan_.peek() == '(') {
      parseList([&] {
        if (s.isVarret) scan_.fail("'...' must be the last return");
        if (scan_.tryConsume("...")) {
          s.isVarret = true;
        } else {
          s.returns.push_back(parseArgument(true, false));
        }
      });
    } else {
      s.returns.push_back(parseArgument(true, false));
    }
    if (!scan_.atEnd()) scan_.fail("expected end of schema");
    return s;
  }

 private:
  template <class F>
  void parseList(F&& item) {
    scan_.expect("(");
    if (scan_.tryConsume(")")) return;
    do item();
    while (scan_.tryConsume(","));
    scan_.expect(")");
  }

  // A list type's alias annotation wraps its elements': `Tensor(a)[]` is a list (not in
  // any set, written if its elements are) containing elements in set `a`.
  std::optional<AliasInfo> wrapContainer(std::optional<AliasInfo> elem) {
    std::optional<AliasInfo> container = parseAliasAnnotation();
    if (elem) {
      if (!container) {
        container = AliasInfo();
        container->isWrite = elem->isWrite;
      }
      container->containedTypes.push_back(std::move(*elem));
    }
    return container;
  }

  Argument parseArgument(bool isReturn, bool kwargOnly) {
    Argument a;
    auto [type, alias] = parseType();
    if (scan_.peek() == '[') {
      scan_.expect("[");
      size_t start = scan_.pos();
      std::string_view n = scan_.tryNumber();
      if (n.empty() || n.find_first_not_of("0123456789") != std::string_view::npos) {
        scan_.setPos(start);
        scan_.fail("expected a list size");
      }
      a.N = std::stoi(std::string(n));
      scan_.expect("]");
      type = ListType::create(type);
      alias = wrapContainer(std::move(alias));
      if (scan_.tryConsume("?")) type = OptionalType::create(type);
    }
    a.realType = type;
    a.type = canonical(type);
    a.aliasInfo = std::move(alias);
    a.kwargOnly = kwargOnly && !isReturn;
    if (isReturn) {
      if (scan_.atIdentifier()) a.name = std::string(scan_.identifier());
    } else {
      a.name = std::string(scan_.identifier("an argument name"));
      if (scan_.tryConsume("=")) a.defaultValue = parseDefault(a.type, a.N);
    }
    return a;
  }

  std::pair<TypePtr, std::optional<AliasInfo>> parseType() {
    TypePtr type;
    std::optional<AliasInfo> alias;
    if (scan_.peek() == '(') {
      std::vector<TypePtr> elems;
      parseList([&] { elems.push_back(parseType().first); });
      type = TupleType::create(std::move(elems));
    } else {
      size_t start = scan_.pos();
      std::string name(scan_.dottedName("a type"));
      if (name == "Future" || name == "RRef") {
        scan_.expect("(");
        TypePtr elem = parseType().first;
        scan_.expect(")");
        type = name == "Future" ? FutureType::create(elem) : RRefType::create(elem);
      } else if (name == "Dict") {
        scan_.expect("(");
        TypePtr key = parseType().first;
        scan_.expect(",");
        TypePtr value = parseType().first;
        scan_.expect(")");
        type = DictType::create(key, value);
        alias = parseAliasAnnotation();
      } else if (name == "Tensor") {
        type = TensorType::get();
        alias = parseAliasAnnotation();
      } else if (name.rfind("__torch__.torch.classes.", 0) == 0) {
        type = ClassType::create(name);
      } else if (const TypePtr* base = baseType(name)) {
        type = *base;
        alias = parseAliasAnnotation();
      } else if (std::islower(static_cast<unsigned char>(name[0])) && name.find('.') == std::string::npos) {
        type = VarType::create(name);  // a type variable: `t`, `tVal`
        alias = parseAliasAnnotation();
      } else {
        scan_.setPos(start);
        scan_.fail("unknown type '" + name + "'");
      }
    }
    while (true) {
      if (scan_.peek() == '[' && scan_.peekAt(1) == ']') {
        scan_.expect("[");
        scan_.expect("]");
        type = ListType::create(type);
        alias = wrapContainer(std::move(alias));
      } else if (scan_.tryConsume("?")) {
        type = OptionalType::create(type);
      } else {
        return {type, std::move(alias)};
      }
    }
  }

  // `(a)`, `(a!)`, `(a|b)`, `(a -> *)`, `(*)`, or the `!` shorthand for a fresh set.
  std::optional<AliasInfo> parseAliasAnnotation() {
    AliasInfo info;
    if (scan_.tryConsume("!")) {
      info.beforeSets = info.afterSets = {"$" + std::to_string(freshSet_++)};
      info.isWrite = true;
      return info;
    }
    if (scan_.peek() != '(') return std::nullopt;
    scan_.expect("(");
    auto parseSets = [&](std::vector<std::string>& sets) {
      do {
        std::string set = scan_.tryConsume("*") ? "*" : std::string(scan_.identifier("an alias set"));
        // After a wildcard, further sets add nothing.
        if (std::find(sets.begin(), sets.end(), "*") == sets.end()) sets.push_back(set);
      } while (scan_.tryConsume("|"));
    };
    parseSets(info.beforeSets);
    info.isWrite = scan_.tryConsume("!");
    if (scan_.tryConsume("->")) {
      parseSets(info.afterSets);
    } else {
      info.afterSets = info.beforeSets;
    }
    scan_.expect(")");
    return info;
  }

  IValue parseSingle(TypeKind kind) {
    if (scan_.tryKeyword("True")) return IValue(true);
    if (scan_.tryKeyword("False")) return IValue(false);
    if (scan_.tryKeyword("None")) return IValue();
    char c = scan_.peek();
    if (c == '"' || c == '\'') return IValue(scan_.stringLiteral());
    size_t start = scan_.pos();
    std::string_view num = scan_.tryNumber();
    if (num.empty()) {
      // Enum-like defaults of int-typed arguments, as PyTorch's parser spells them.
      static const std::unordered_map<std::string_view, int64_t> kNamed = {
          {"float", 6}, {"long", 4}, {"strided", 0}, {"Mean", 1}, {"contiguous_format", 0}};
      std::string_view word = scan_.atIdentifier() ? scan_.identifier() : std::string_view();
      auto it = kNamed.find(word);
      if (it == kNamed.end()) {
        scan_.setPos(start);
        scan_.fail("invalid default value");
      }
      return IValue(it->second);
    }
    std::string text(num);
    if (kind == TypeKind::Float || text.find_first_of(".eEn") != std::string::npos)
      return IValue(std::stod(text));
    try {
      return IValue(static_cast<int64_t>(std::stoll(text)));
    } catch (const std::out_of_range&) {
      scan_.setPos(start);
      scan_.fail("integer default out of range");
    }
  }

  static IValue convertElement(TypeKind kind, const IValue& v) {
    if (kind == TypeKind::Float && v.isInt()) return IValue(static_cast<double>(v.toInt()));
    return v;
  }

  IValue parseDefault(const TypePtr& type, std::optional<int32_t> n) {
    switch (type->kind()) {
      case TypeKind::Tensor:
      case TypeKind::Generator:
        if (!scan_.tryKeyword("None")) scan_.fail("a Tensor default must be None");
        return IValue();
      case TypeKind::Device: {
        std::string text = scan_.stringLiteral();
        return IValue(Device::parse(text));
      }
      case TypeKind::List: {
        const TypePtr& elem = type->expect<ListType>().elementType();
        if (scan_.tryKeyword("None")) return IValue();
        std::vector<IValue> elems;
        if (n && scan_.peek() != '[') {
          // `int[2] stride=1` means [1, 1].
          IValue v = convertElement(elem->kind(), parseSingle(elem->kind()));
          elems.assign(static_cast<size_t>(*n), v);
        } else {
          scan_.expect("[");
          if (!scan_.tryConsume("]")) {
            do elems.push_back(convertElement(elem->kind(), parseSingle(elem->kind())));
            while (scan_.tryConsume(","));
            scan_.expect("]");
          }
        }
        return IValue(ListObj::create(elem, std::move(elems)));
      }
      default:
        return parseSingle(type->kind());
    }
  }

  TextScanner scan_;
  size_t freshSet_ = 0;
};

}  // namespace

bool AliasInfo::isWildcardBefore() const {
  return std::find(beforeSets.begin(), beforeSets.end(), "*") != beforeSets.end();
}

bool AliasInfo::isWildcardAfter() const {
  return std::find(afterSets.begin(), afterSets.end(), "*") != afterSets.end();
}

std::string AliasInfo::str() const {
  std::string s = "(" + joinSets(beforeSets) + (isWrite ? "!" : "");
  if (!sameSets(beforeSets, afterSets)) s += " -> " + joinSets(afterSets);
  return s + ")";
}

bool AliasInfo::operator==(const AliasInfo& o) const {
  return isWrite == o.isWrite && sameSets(beforeSets, o.beforeSets) &&
         sameSets(afterSets, o.afterSets) && containedTypes == o.containedTypes;
}

std::string Argument::str() const {
  // `Type(alias)? name=default`; the `?` goes after the alias annotation.
  const TypePtr& t = realType ? realType : type;
  bool isOptional = t->kind() == TypeKind::Optional;
  TypePtr unopt = isOptional ? t->expect<OptionalType>().elementType() : t;
  std::string s;
  if (unopt->kind() == TypeKind::List) {
    s += unopt->expect<ListType>().elementType()->str();
    if (aliasInfo && !aliasInfo->containedTypes.empty()) s += aliasInfo->containedTypes[0].str();
    s += "[" + (N ? std::to_string(*N) : "") + "]";
  } else {
    s += unopt->str();
  }
  if (aliasInfo && !aliasInfo->beforeSets.empty()) s += aliasInfo->str();
  if (isOptional) s += "?";
  if (!name.empty()) s += " " + name;
  if (!defaultValue) return s;
  s += "=";
  const IValue& v = *defaultValue;
  if (v.isString() && (t->kind() == TypeKind::Str || unopt->kind() == TypeKind::Str)) {
    s += quoteIrString(v.toStringRef());
  } else if (t->kind() == TypeKind::List && t->expect<ListType>().elementType()->str() == "int" &&
             v.isList() && v.listRef().elements.size() > 1) {
    // `int[2] stride=1`: a list of one repeated value prints as that value.
    const auto& elems = v.listRef().elements;
    bool same = std::all_of(elems.begin(), elems.end(), [&](const IValue& e) { return e.toInt() == elems[0].toInt(); });
    s += same ? defaultStr(elems[0]) : defaultStr(v);
  } else {
    s += defaultStr(v);
  }
  return s;
}

std::string FunctionSchema::operatorName() const {
  return overloadName.empty() ? name : name + "." + overloadName;
}

std::optional<size_t> FunctionSchema::argumentIndex(std::string_view argName) const {
  for (size_t i = 0; i < arguments.size(); ++i)
    if (arguments[i].name == argName) return i;
  return std::nullopt;
}

bool FunctionSchema::isMutable() const {
  return std::any_of(arguments.begin(), arguments.end(),
                     [](const Argument& a) { return a.aliasInfo && a.aliasInfo->isWrite; });
}

std::string FunctionSchema::str() const {
  std::string s = operatorName() + "(";
  bool seenKwargOnly = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i) s += ", ";
    if (arguments[i].kwargOnly && !seenKwargOnly) {
      s += "*, ";
      seenKwargOnly = true;
    }
    s += arguments[i].str();
  }
  if (isVararg) s += arguments.empty() ? "..." : ", ...";
  s += ") -> ";
  // Parentheses unless there is exactly one return (and no `...`), or only `...`; a
  // single return whose text starts with '(' (a tuple) keeps them so it reparses.
  bool paren = !((returns.size() == 1 && !isVarret) || (returns.empty() && isVarret));
  std::string rets;
  for (size_t i = 0; i < returns.size(); ++i) rets += (i ? ", " : "") + returns[i].str();
  if (returns.size() == 1 && !isVarret && !rets.empty() && rets[0] == '(') paren = true;
  if (isVarret) rets += returns.empty() ? "..." : ", ...";
  return s + (paren ? "(" + rets + ")" : rets);
}

FunctionSchema parseSchema(std::string_view text) { return SchemaParser(text).parse(); }

}  // namespace sconce
