// Replays make_cases.py's CPython-computed cases against the builtin kernels, and checks
// the boxing helpers, the tensor metadata ops and how much of the table has kernels.
//
// The generator runs once per test binary (/usr/bin/python3 into a temporary folder);
// each case pushes its arguments, calls the kernel found in the operator table and
// compares outputs, mutated arguments or the error text with what Python produced.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"
#include "ops/operator_registry.h"

namespace sconce::ops {
namespace {

using nlohmann::json;

// ---- loading the cases --------------------------------------------------------------------

const json& allCases() {
  static const json cases = [] {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("sconce_ops_builtins_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::path out = dir / "cases.json";
    std::string cmd = std::string("/usr/bin/python3 ") + SCONCE_SOURCE_DIR +
                      "/tests/unit/ops_builtins/make_cases.py " + out.string() + " > /dev/null";
    int rc = std::system(cmd.c_str());
    json j;
    if (rc == 0) {
      std::ifstream in(out);
      in >> j;
    }
    fs::remove_all(dir);
    return j;
  }();
  return cases;
}

/// Parses the generator's type spellings: int, str, Any, (int, str), int[], Dict(str, int).
TypePtr parseType(std::string_view s) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  auto splitTop = [](std::string_view v) {
    std::vector<std::string_view> parts;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] == '(' || v[i] == '[') ++depth;
      if (v[i] == ')' || v[i] == ']') --depth;
      if (v[i] == ',' && depth == 0) {
        parts.push_back(v.substr(start, i - start));
        start = i + 1;
      }
    }
    if (start < v.size()) parts.push_back(v.substr(start));
    return parts;
  };
  s = trim(s);
  if (s.size() > 2 && s.substr(s.size() - 2) == "[]") return ListType::create(parseType(s.substr(0, s.size() - 2)));
  if (s.starts_with("Dict(")) {
    auto parts = splitTop(s.substr(5, s.size() - 6));
    return DictType::create(parseType(parts.at(0)), parseType(parts.at(1)));
  }
  if (s.starts_with("(")) {
    std::vector<TypePtr> elems;
    for (auto p : splitTop(s.substr(1, s.size() - 2))) elems.push_back(parseType(p));
    return TupleType::create(std::move(elems));
  }
  if (s == "int") return IntType::get();
  if (s == "float") return FloatType::get();
  if (s == "bool") return BoolType::get();
  if (s == "str") return StringType::get();
  if (s == "complex") return ComplexType::get();
  if (s == "NoneType") return NoneType::get();
  return AnyType::get();
}

double parseFloat(const json& j) { return std::strtod(j.get<std::string>().c_str(), nullptr); }

IValue decode(const json& j) {
  if (j.contains("none")) return IValue();
  if (j.contains("bool")) return IValue(j["bool"].get<bool>());
  if (j.contains("int")) return IValue(j["int"].get<int64_t>());
  if (j.contains("float")) return IValue(parseFloat(j["float"]));
  if (j.contains("complex")) return IValue(std::complex<double>(parseFloat(j["complex"][0]), parseFloat(j["complex"][1])));
  if (j.contains("str")) return IValue(j["str"].get<std::string>());
  if (j.contains("tuple")) {
    std::vector<IValue> e;
    for (const auto& x : j["tuple"]) e.push_back(decode(x));
    return IValue(TupleObj::create(std::move(e)));
  }
  if (j.contains("list")) {
    std::vector<IValue> e;
    for (const auto& x : j["list"]) e.push_back(decode(x));
    return IValue(ListObj::create(parseType(j["elem"].get<std::string>()), std::move(e)));
  }
  if (j.contains("dict")) {
    auto d = DictObj::create(parseType(j["key"].get<std::string>()), parseType(j["value"].get<std::string>()));
    for (const auto& kv : j["dict"]) d->insertOrAssign(decode(kv[0]), decode(kv[1]));
    return IValue(d);
  }
  ADD_FAILURE() << "cannot decode " << j.dump();
  return IValue();
}

/// Units in the last place between two doubles.
uint64_t ulpDistance(double a, double b) {
  int64_t x, y;
  std::memcpy(&x, &a, 8);
  std::memcpy(&y, &b, 8);
  if (x < 0) x = INT64_MIN - x;
  if (y < 0) y = INT64_MIN - y;
  return x > y ? static_cast<uint64_t>(x) - static_cast<uint64_t>(y) : static_cast<uint64_t>(y) - static_cast<uint64_t>(x);
}

bool sameDouble(double a, double b, uint64_t ulps) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (a == b) return std::signbit(a) == std::signbit(b);
  return ulps > 0 && std::isfinite(a) && std::isfinite(b) && ulpDistance(a, b) <= ulps;
}

/// Same kind and value, recursively (static container types are not compared).
bool sameValue(const IValue& a, const IValue& b, uint64_t ulps) {
  if (a.tag() != b.tag()) return false;
  switch (a.tag()) {
    case IValue::Tag::None: return true;
    case IValue::Tag::Bool: return a.toBool() == b.toBool();
    case IValue::Tag::Int: return a.toInt() == b.toInt();
    case IValue::Tag::Double: return sameDouble(a.toDouble(), b.toDouble(), ulps);
    case IValue::Tag::Complex:
      return sameDouble(a.toComplex().real(), b.toComplex().real(), ulps) &&
             sameDouble(a.toComplex().imag(), b.toComplex().imag(), ulps);
    case IValue::Tag::String: return a.toStringRef() == b.toStringRef();
    case IValue::Tag::List:
    case IValue::Tag::Tuple: {
      const auto& x = a.isList() ? a.listRef().elements : a.tupleRef().elements;
      const auto& y = b.isList() ? b.listRef().elements : b.tupleRef().elements;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!sameValue(x[i], y[i], ulps)) return false;
      return true;
    }
    case IValue::Tag::Dict: {
      const auto& x = a.dictRef().items();
      const auto& y = b.dictRef().items();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!sameValue(x[i].first, y[i].first, ulps) || !sameValue(x[i].second, y[i].second, ulps)) return false;
      return true;
    }
    default: return a.is(b);
  }
}

std::string show(const IValue& v) { return std::string(v.tagName()) + " " + pyRepr(v); }

/// Runs one case; returns "" when it matches, else what went wrong.
std::string runCase(const json& c, uint64_t ulps) {
  const std::string op = c["op"];
  const Operator* entry = OperatorRegistry::global().find(op);
  if (!entry) return "operator not in the table";
  if (!entry->hasKernel()) return "no kernel";
  std::vector<IValue> args;
  for (const auto& a : c["args"]) args.push_back(decode(a));
  Stack stack(args.begin(), args.end());
  if (c["vararg"].get<bool>()) stack.emplace_back(static_cast<int64_t>(args.size()));
  std::string error;
  try {
    entry->kernel(stack);
  } catch (const Error& e) {
    error = e.what();
  }
  if (c.contains("error")) {
    if (error.empty()) return "expected error '" + c["error"].get<std::string>() + "' but got a result";
    return error == c["error"].get<std::string>() ? "" : "expected error '" + c["error"].get<std::string>() +
                                                             "' but got '" + error + "'";
  }
  if (!error.empty()) return "unexpected error '" + error + "'";
  const auto& outputs = c["outputs"];
  if (stack.size() != outputs.size())
    return fmt::format("expected {} outputs, the stack holds {}", outputs.size(), stack.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    IValue want = decode(outputs[i]);
    if (!sameValue(stack[i], want, ulps)) return fmt::format("output {}: expected {}, got {}", i, show(want), show(stack[i]));
  }
  for (const auto& m : c["mutated"]) {
    size_t i = m[0].get<size_t>();
    IValue want = decode(m[1]);
    if (!sameValue(args[i], want, ulps))
      return fmt::format("argument {} after the call: expected {}, got {}", i, show(want), show(args[i]));
  }
  return "";
}

std::string describeCase(const json& c) {
  std::string s = c["op"].get<std::string>() + "(";
  bool first = true;
  for (const auto& a : c["args"]) {
    s += (first ? "" : ", ") + pyRepr(decode(a));
    first = false;
  }
  return s + ")";
}

void runFamily(const std::string& family, uint64_t ulps = 0) {
  const json& cases = allCases();
  ASSERT_FALSE(cases.is_null()) << "make_cases.py failed";
  size_t n = 0;
  for (const auto& c : cases) {
    if (c["family"] != family) continue;
    ++n;
    std::string problem = runCase(c, ulps);
    EXPECT_EQ(problem, "") << describeCase(c);
  }
  EXPECT_GT(n, 0u) << "no cases for " << family;
}

TEST(BuiltinsVsPython, Numbers) { runFamily("numbers"); }
// CPython implements gamma/lgamma and the cmath functions itself; libm may differ by
// a unit in the last place.
TEST(BuiltinsVsPython, Math) { runFamily("math", 4); }
TEST(BuiltinsVsPython, Conversions) { runFamily("conversions"); }
TEST(BuiltinsVsPython, Strings) { runFamily("strings"); }
TEST(BuiltinsVsPython, Lists) { runFamily("lists"); }
TEST(BuiltinsVsPython, Dicts) { runFamily("dicts"); }
TEST(BuiltinsVsPython, Misc) { runFamily("misc"); }

}  // namespace
}  // namespace sconce::ops
