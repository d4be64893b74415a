// TypeParser: annotation expressions to TorchScript types.
#include "frontend/type_parser.h"

#include <unordered_map>

#include "frontend/parser.h"

namespace sconce {

std::string dottedName(const ast::Expr& expr) {
  if (const auto* n = expr.dynCast<ast::Name>()) return n->id;
  if (const auto* a = expr.dynCast<ast::Attribute>()) {
    std::string base = dottedName(*a->value);
    return base.empty() ? std::string() : base + "." + a->name;
  }
  return {};
}

TypePtr TypeParser::builtinType(const std::string& name) {
  static const std::unordered_map<std::string, TypePtr> kBuiltins = {
      {"Tensor", TensorType::get()},        {"torch.Tensor", TensorType::get()},
      {"int", IntType::get()},              {"float", FloatType::get()},
      {"complex", ComplexType::get()},      {"bool", BoolType::get()},
      {"str", StringType::get()},           {"NoneType", NoneType::get()},
      {"None", NoneType::get()},            {"Any", AnyType::get()},
      {"Device", DeviceObjType::get()},     {"torch.device", DeviceObjType::get()},
      {"number", NumberType::get()},        {"Scalar", NumberType::get()},
      {"Storage", StorageType::get()},      {"Generator", GeneratorType::get()},
      {"torch.Generator", GeneratorType::get()}, {"Stream", StreamObjType::get()},
      {"torch.Stream", StreamObjType::get()}, {"Capsule", CapsuleType::get()},
      {"list", AnyListType::get()},         {"tuple", AnyTupleType::get()},
      {"ScalarType", IntType::get()},       {"Layout", IntType::get()},
      {"MemoryFormat", IntType::get()},     {"torch.dtype", IntType::get()},
      {"torch.layout", IntType::get()},     {"torch.memory_format", IntType::get()},
      {"SymInt", IntType::get()},
  };
  auto it = kBuiltins.find(name);
  return it == kBuiltins.end() ? TypePtr() : it->second;
}

bool TypeParser::isFinal(const ast::Expr& annotation) {
  const auto* s = annotation.dynCast<ast::Subscript>();
  if (!s) return false;
  std::string base = dottedName(*s->value);
  return base == "Final" || base == "typing.Final" || base == "torch.jit.Final";
}

TypePtr TypeParser::parse(const std::string& text) const {
  auto source = std::make_shared<Source>(text, "<type>");
  return parse(*parseExpression(source));
}

TypePtr TypeParser::parse(const ast::Expr& e) const {
  if (e.is<ast::NoneLiteral>()) return NoneType::get();
  if (const auto* s = e.dynCast<ast::Subscript>()) return parseSubscript(*s);
  if (const auto* str = e.dynCast<ast::StringLiteral>()) return parse(str->value);
  std::string name = dottedName(e);
  if (name.empty()) throw CompileError("expression is not a type", e.range());
  if (TypePtr t = builtinType(name)) return t;
  if (resolver_) {
    if (TypePtr t = resolver_(name)) return t;
  }
  throw CompileError("unknown type name '" + name + "'", e.range());
}

TypePtr TypeParser::parseSubscript(const ast::Subscript& s) const {
  std::string base = dottedName(*s.value);
  if (base.starts_with("typing.")) base.erase(0, 7);
  auto args = [&]() {
    std::vector<TypePtr> out;
    for (const auto& index : s.indices) {
      // Tuple[()] is the empty tuple; a parenthesized tuple in a subscript spreads.
      if (const auto* t = index->dynCast<ast::TupleLiteral>()) {
        for (const auto& el : t->elements) out.push_back(parse(*el));
      } else {
        out.push_back(parse(*index));
      }
    }
    return out;
  };
  auto expectArity = [&](const std::vector<TypePtr>& a, size_t n) {
    if (a.size() != n)
      throw CompileError(fmt::format("{}[...] takes {} type argument{}, got {}", base, n,
                                     n == 1 ? "" : "s", a.size()),
                         s.range());
  };
  if (base == "Tuple" || base == "tuple") return TupleType::create(args());
  std::vector<TypePtr> a = args();
  if (base == "List" || base == "list") {
    expectArity(a, 1);
    return ListType::create(a[0]);
  }
  if (base == "Optional") {
    expectArity(a, 1);
    return OptionalType::create(a[0]);
  }
  if (base == "Dict" || base == "dict") {
    expectArity(a, 2);
    return DictType::create(a[0], a[1]);
  }
  if (base == "Union") return UnionType::create(std::move(a));
  if (base == "Future" || base == "torch.jit.Future") {
    expectArity(a, 1);
    return FutureType::create(a[0]);
  }
  if (base == "RRef") {
    expectArity(a, 1);
    return RRefType::create(a[0]);
  }
  if (base == "Final" || base == "torch.jit.Final") {
    expectArity(a, 1);
    return a[0];
  }
  if (base == "Await") {  // PyTorch 2.x torch.jit._awaits: treat as its value type
    expectArity(a, 1);
    return a[0];
  }
  throw CompileError("unknown type constructor '" + base + "'", s.value->range());
}

}  // namespace sconce
