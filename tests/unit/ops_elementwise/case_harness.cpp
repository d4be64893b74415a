// Decoding of generated cases, running them through the op table, and result comparison.
#include "case_harness.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "support/error.h"
#include "tensor/dtype.h"
#include "tests/support/fixtures.h"

namespace sconce::testing {
namespace {

double decodeNumber(const json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "nan") return std::nan("");
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    throw std::runtime_error("bad number " + s);
  }
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  return v.get<double>();
}

ScalarType decodeDtype(const json& v) {
  auto t = scalarTypeFromName(v.get<std::string>());
  if (!t) throw std::runtime_error("unknown dtype " + v.get<std::string>());
  return *t;
}

// Writes JSON numbers into a fresh storage of `dtype`.
Storage decodeStorage(const json& values, ScalarType dtype) {
  Tensor flat = Tensor::empty({static_cast<int64_t>(values.size())}, dtype);
  dispatchScalarType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* p = flat.data<T>();
    for (size_t i = 0; i < values.size(); ++i) {
      const json& v = values[i];
      if constexpr (std::is_same_v<T, bool>) p[i] = v.is_boolean() ? v.get<bool>() : decodeNumber(v) != 0;
      else if constexpr (std::is_integral_v<T>) p[i] = static_cast<T>(v.get<int64_t>());
      else if constexpr (std::is_same_v<T, double>) p[i] = decodeNumber(v);
      else p[i] = T(static_cast<float>(decodeNumber(v)));
    }
  });
  return flat.storage();
}

Arg decodeArg(const json& a, const std::vector<Arg>& earlier) {
  Arg r;
  if (a.is_null()) return r;
  if (a.contains("tensor")) {
    const json& t = a["tensor"];
    const ScalarType dtype = decodeDtype(t["dtype"]);
    Storage storage = t.contains("storage_of") ? earlier.at(t["storage_of"].get<size_t>()).tensor.storage()
                                               : decodeStorage(t["storage"], dtype);
    r.kind = Arg::Kind::Tensor;
    r.tensor = Tensor::fromStorage(storage, t["shape"].get<Dims>(), t["stride"].get<Dims>(),
                                   t["offset"].get<int64_t>(), dtype);
  } else if (a.contains("int")) {
    r.kind = Arg::Kind::Int;
    r.i = a["int"].get<int64_t>();
  } else if (a.contains("float")) {
    r.kind = Arg::Kind::Float;
    r.f = decodeNumber(a["float"]);
  } else if (a.contains("bool")) {
    r.kind = Arg::Kind::Bool;
    r.b = a["bool"].get<bool>();
  } else if (a.contains("str")) {
    r.kind = Arg::Kind::Str;
    r.s = a["str"].get<std::string>();
  } else if (a.contains("dtype")) {
    r.kind = Arg::Kind::Dtype;
    r.dtype = decodeDtype(a["dtype"]);
  } else if (a.contains("ints")) {
    r.kind = Arg::Kind::Ints;
    r.ints = a["ints"].get<Dims>();
  } else {
    throw std::runtime_error("bad argument " + a.dump());
  }
  return r;
}

Scalar scalarOf(const Arg& a) {
  switch (a.kind) {
    case Arg::Kind::Int: return Scalar(a.i);
    case Arg::Kind::Float: return Scalar(a.f);
    case Arg::Kind::Bool: return Scalar(a.b);
    default: throw std::runtime_error("argument is not a number");
  }
}

const Arg& at(const std::vector<Arg>& args, size_t i) {
  if (i >= args.size()) throw std::runtime_error(fmt::format("missing argument {}", i));
  return args[i];
}

}  // namespace

const Tensor& Call::tensor(size_t i) const {
  const Arg& a = at(args, i);
  if (a.kind != Arg::Kind::Tensor) throw std::runtime_error(fmt::format("argument {} is not a tensor", i));
  return a.tensor;
}
Scalar Call::scalar(size_t i) const { return scalarOf(at(args, i)); }
std::optional<Scalar> Call::optScalar(size_t i) const {
  if (!has(i)) return std::nullopt;
  return scalar(i);
}
std::optional<Tensor> Call::optTensor(size_t i) const {
  if (!has(i)) return std::nullopt;
  return tensor(i);
}
int64_t Call::integer(size_t i) const {
  const Arg& a = at(args, i);
  if (a.kind != Arg::Kind::Int) throw std::runtime_error(fmt::format("argument {} is not an int", i));
  return a.i;
}
std::optional<int64_t> Call::optInteger(size_t i) const {
  if (!has(i)) return std::nullopt;
  return integer(i);
}
double Call::real(size_t i) const { return scalar(i).toDouble(); }
std::optional<double> Call::optReal(size_t i) const {
  if (!has(i)) return std::nullopt;
  return real(i);
}
bool Call::boolean(size_t i, bool fallback) const {
  if (!has(i)) return fallback;
  const Arg& a = args[i];
  if (a.kind != Arg::Kind::Bool) throw std::runtime_error(fmt::format("argument {} is not a bool", i));
  return a.b;
}
const Dims& Call::ints(size_t i) const {
  const Arg& a = at(args, i);
  if (a.kind != Arg::Kind::Ints) throw std::runtime_error(fmt::format("argument {} is not an int list", i));
  return a.ints;
}
std::optional<IntArrayRef> Call::optInts(size_t i) const {
  if (!has(i)) return std::nullopt;
  return IntArrayRef(ints(i));
}
ScalarType Call::dtype(size_t i) const {
  const Arg& a = at(args, i);
  if (a.kind != Arg::Kind::Dtype) throw std::runtime_error(fmt::format("argument {} is not a dtype", i));
  return a.dtype;
}
std::optional<ScalarType> Call::optDtype(size_t i) const {
  if (!has(i)) return std::nullopt;
  return dtype(i);
}

Scalar Call::kwScalar(const std::string& name, const Scalar& fallback) const {
  auto it = kwargs.find(name);
  return it == kwargs.end() || it->second.kind == Arg::Kind::None ? fallback : scalarOf(it->second);
}
std::optional<ScalarType> Call::kwDtype(const std::string& name) const {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || it->second.kind == Arg::Kind::None) return std::nullopt;
  return it->second.dtype;
}
std::optional<std::string> Call::kwStr(const std::string& name) const {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || it->second.kind == Arg::Kind::None) return std::nullopt;
  return it->second.s;
}
std::optional<int64_t> Call::kwInt(const std::string& name) const {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || it->second.kind == Arg::Kind::None) return std::nullopt;
  return it->second.i;
}
bool Call::kwBool(const std::string& name, bool fallback) const {
  auto it = kwargs.find(name);
  if (it == kwargs.end() || it->second.kind == Arg::Kind::None) return fallback;
  return it->second.b;
}

Call decodeCall(const json& c) {
  Call call;
  for (const json& a : c["args"]) call.args.push_back(decodeArg(a, call.args));
  for (auto it = c["kwargs"].begin(); it != c["kwargs"].end(); ++it)
    call.kwargs[it.key()] = decodeArg(it.value(), call.args);
  return call;
}

const json& loadCases(const std::string& group) {
  static std::map<std::string, json> cache;
  auto it = cache.find(group);
  if (it != cache.end()) return it->second;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("sconce_ew_{}_{}", group, ::getpid());
  fs::create_directories(dir);
  const std::string script = std::string(SCONCE_SOURCE_DIR) + "/tests/unit/ops_elementwise/make_cases.py";
  const CommandResult generated = runCommand(fmt::format("/usr/bin/python3 {} {} {}", script, dir.string(), group));
  if (generated.status != 0) {
    fs::remove_all(dir);
    throw std::runtime_error("make_cases.py failed:\n" + generated.output);
  }
  std::ifstream in(dir / (group + ".json"));
  json cases = json::parse(in);
  fs::remove_all(dir);
  return cache[group] = std::move(cases);
}

namespace {

struct Tolerance {
  double rtol, atol;
};

Tolerance defaultTolerance(ScalarType t) {
  switch (t) {
    case ScalarType::Float: return {1e-4, 1e-5};
    case ScalarType::Double: return {1e-10, 1e-12};
    case ScalarType::Half: return {1e-2, 1e-2};
    case ScalarType::BFloat16: return {2e-2, 2e-2};
    default: return {0, 0};
  }
}

std::string compareTensor(const Tensor& got, const json& want, std::optional<Tolerance> caseTol) {
  const ScalarType dtype = decodeDtype(want["dtype"]);
  if (!got.defined()) return "result is undefined";
  if (got.dtype() != dtype)
    return fmt::format("dtype {} != expected {}", scalarTypeName(got.dtype()), scalarTypeName(dtype));
  const Dims shape = want["shape"].get<Dims>();
  if (got.sizes() != shape)
    return fmt::format("shape [{}] != expected [{}]", fmt::join(got.sizes(), ", "), fmt::join(shape, ", "));
  const json& values = want["values"];
  const bool floating = isFloatingType(dtype);
  Tolerance tol = defaultTolerance(dtype);
  if (caseTol && floating) tol = {std::max(tol.rtol, caseTol->rtol), std::max(tol.atol, caseTol->atol)};
  int bad = 0;
  std::string report;
  for (int64_t i = 0; i < got.numel(); ++i) {
    bool ok;
    std::string gotText, wantText;
    if (floating) {
      const double g = got.itemAsDouble(i), w = decodeNumber(values[i]);
      if (std::isnan(w) || std::isnan(g)) ok = std::isnan(w) && std::isnan(g);
      else if (std::isinf(w) || std::isinf(g)) ok = g == w;
      else ok = std::abs(g - w) <= tol.atol + tol.rtol * std::abs(w);
      gotText = fmt::format("{}", g);
      wantText = fmt::format("{}", w);
    } else {
      const int64_t g = got.itemAsInt(i);
      const int64_t w = values[i].is_boolean() ? values[i].get<bool>() : values[i].get<int64_t>();
      ok = g == w;
      gotText = fmt::format("{}", g);
      wantText = fmt::format("{}", w);
    }
    if (!ok && bad++ < 4) report += fmt::format(" [{}] got {} want {};", i, gotText, wantText);
  }
  if (bad) return fmt::format("{} of {} values differ:{}", bad, got.numel(), report);
  return {};
}

std::string compare(const Result& got, const json& want, std::optional<Tolerance> tol) {
  if (want.contains("dtype_only")) {
    const ScalarType w = decodeDtype(want["dtype_only"]);
    return got.dtype == w ? std::string()
                          : fmt::format("dtype {} != expected {}", scalarTypeName(got.dtype), scalarTypeName(w));
  }
  if (want.contains("tuple")) {
    const json& items = want["tuple"];
    if (!got.tuple || got.tensors.size() != items.size()) return "expected a tuple";
    for (size_t k = 0; k < items.size(); ++k) {
      std::string e = compareTensor(got.tensors[k], items[k], tol);
      if (!e.empty()) return fmt::format("item {}: {}", k, e);
    }
    return {};
  }
  if (got.tensors.size() != 1 || got.tuple) return "expected one tensor";
  return compareTensor(got.tensors[0], want, tol);
}

// "add_.Tensor" -> true: an in-place op must return its first argument.
bool isInPlace(const std::string& op) {
  const std::string base = op.substr(0, op.find('.'));
  return !base.empty() && base.back() == '_';
}

}  // namespace

std::vector<std::string> runGroup(const std::string& group, int* passed) {
  std::vector<std::string> failures;
  *passed = 0;
  const json& cases = loadCases(group);
  const auto& table = opTable();
  for (const json& c : cases) {
    const std::string name = c["name"].get<std::string>();
    const std::string op = c["op"].get<std::string>();
    auto fail = [&](const std::string& why) { failures.push_back(fmt::format("{} ({}): {}", name, op, why)); };
    auto fn = table.find(op);
    if (fn == table.end()) {
      fail("no entry in the op table");
      continue;
    }
    const json& want = c["expect"];
    std::optional<Tolerance> tol;
    if (c.contains("rtol")) tol = Tolerance{c["rtol"].get<double>(), c["atol"].get<double>()};
    try {
      Call call = decodeCall(c);
      Result got = fn->second(call);
      if (want.contains("error")) {
        fail("expected error containing \"" + want["match"].get<std::string>() + "\" but the op succeeded");
        continue;
      }
      if (isInPlace(op) && (got.tensors.size() != 1 || !got.tensors[0].is(call.tensor(0)))) {
        fail("in-place op did not return self");
        continue;
      }
      std::string e = compare(got, want, tol);
      if (!e.empty()) {
        fail(e);
        continue;
      }
    } catch (const Error& e) {
      if (!want.contains("error")) {
        fail(std::string("unexpected error: ") + e.what());
        continue;
      }
      const std::string match = want["match"].get<std::string>();
      if (std::string(e.what()).find(match) == std::string::npos) {
        fail(fmt::format("error \"{}\" does not contain \"{}\"", e.what(), match));
        continue;
      }
    } catch (const std::exception& e) {
      fail(std::string("harness error: ") + e.what());
      continue;
    }
    ++*passed;
  }
  return failures;
}

}  // namespace sconce::testing
