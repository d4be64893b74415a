// Decoding, comparison and fixture generation for the PyTorch-generated op cases.
#include "case_runner.h"

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>
#include <mutex>
#include <set>

#include "ops/kernels/parallel.h"
#include "tests/support/fixtures.h"

namespace sconce::testing {

namespace fs = std::filesystem;

namespace {

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/ops_shape/make_cases.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/ops_shape";

// The cases, or nullptr with *problem saying why not (every case group then fails).
const json* loadCases(std::string* problem) {
  static json cases;
  static std::string error;
  static std::once_flag once;
  std::call_once(once, [] {
    error = ensureGenerated(kFixtures, "/usr/bin/python3 " + kScript.string(), {kScript});
    if (error.empty()) cases = json::parse(readFile(kFixtures / "cases.json"));
  });
  *problem = error;
  return error.empty() ? &cases : nullptr;
}

double jsonNumber(const json& v) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (s == "nan") return NAN;
    return s == "inf" ? INFINITY : -INFINITY;
  }
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return v.get<double>();
}

ScalarType parseDtype(const json& name) {
  auto t = scalarTypeFromName(name.get<std::string>());
  if (!t) throw std::runtime_error("unknown dtype " + name.dump());
  return *t;
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

// ---- argument decoding --------------------------------------------------------------

Tensor Args::decodeTensor(const json& j) {
  const json& t = j.at("tensor");
  const ScalarType dtype = parseDtype(t.at("dtype"));
  const json& storage = t.at("storage");
  Tensor base = Tensor::empty({static_cast<int64_t>(storage.size())}, dtype);
  dispatchScalarType(dtype, [&](auto tag) {
    using T = decltype(tag);
    T* data = base.data<T>();
    for (size_t i = 0; i < storage.size(); ++i) {
      const json& v = storage[i];
      if constexpr (std::is_same_v<T, int64_t>) data[i] = v.is_boolean() ? v.get<bool>() : v.get<int64_t>();
      else if constexpr (std::is_same_v<T, bool>) data[i] = v.get<bool>();
      else if constexpr (std::is_integral_v<T>) data[i] = static_cast<T>(v.get<int64_t>());
      else if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>) data[i] = T(static_cast<float>(jsonNumber(v)));
      else data[i] = static_cast<T>(jsonNumber(v));
    }
  });
  return Tensor::fromStorage(base.storage(), t.at("shape").get<Dims>(), t.at("stride").get<Dims>(),
                             t.at("offset").get<int64_t>(), dtype);
}

Scalar Args::toScalar(const json& j) {
  if (j.is_boolean()) return Scalar(j.get<bool>());
  if (j.is_number_integer()) return Scalar(j.get<int64_t>());
  if (j.is_number_float()) return Scalar(j.get<double>());
  if (j.is_object() && j.contains("float")) return Scalar(jsonNumber(j.at("float")));
  throw std::runtime_error("not a scalar: " + j.dump());
}

Args::Args(const json& args) : args_(args) {
  for (const json& a : args_) top_.push_back(a.is_object() && a.contains("tensor") ? decodeTensor(a) : Tensor());
}

const Tensor& Args::t(size_t i) const {
  if (!top_.at(i).defined()) throw std::runtime_error(fmt::format("argument {} is not a tensor", i));
  return top_[i];
}

std::optional<Tensor> Args::optT(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  return t(i);
}

std::optional<int64_t> Args::optI(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  return args_[i].get<int64_t>();
}

double Args::d(size_t i) const {
  const json& v = args_.at(i);
  return v.is_object() ? jsonNumber(v.at("float")) : v.get<double>();
}

std::optional<bool> Args::optB(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  return args_[i].get<bool>();
}

std::optional<std::string> Args::optStr(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  return str(i);
}

std::optional<ScalarType> Args::dtype(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  return parseDtype(args_[i].at("dtype"));
}

std::optional<ops::MemoryFormat> Args::memfmt(size_t i) const {
  if (args_.at(i).is_null()) return std::nullopt;
  const auto name = args_[i].at("memfmt").get<std::string>();
  if (name == "preserve_format") return ops::MemoryFormat::Preserve;
  if (name == "channels_last") return ops::MemoryFormat::ChannelsLast;
  if (name == "channels_last_3d") return ops::MemoryFormat::ChannelsLast3d;
  return ops::MemoryFormat::Contiguous;
}

std::vector<Tensor> Args::tensors(size_t i) const {
  std::vector<Tensor> out;
  for (const json& a : args_.at(i)) out.push_back(decodeTensor(a));
  return out;
}

ops::IndexList Args::indices(size_t i) const {
  ops::IndexList out;
  for (const json& a : args_.at(i)) {
    if (a.is_null()) out.emplace_back(std::nullopt);
    else out.emplace_back(decodeTensor(a));
  }
  return out;
}

std::vector<Scalar> Args::nested(size_t i, Dims& shape) const {
  std::vector<Scalar> out;
  shape.clear();
  std::function<void(const json&, size_t)> walk = [&](const json& v, size_t depth) {
    if (!v.is_array()) {
      out.push_back(toScalar(v));
      return;
    }
    if (shape.size() <= depth) shape.push_back(static_cast<int64_t>(v.size()));
    for (const json& e : v) walk(e, depth + 1);
  };
  walk(args_.at(i), 0);
  return out;
}

// ---- comparison ---------------------------------------------------------------------

namespace {

struct CaseContext {
  std::string name;
  const Args* args;
  bool checkValues = true;
};

void compareTensor(const CaseContext& c, const Tensor& got, const json& exp, std::vector<std::string>& problems,
                   const std::string& where) {
  if (!got.defined()) {
    problems.push_back(where + ": undefined tensor");
    return;
  }
  const std::string dtype = exp.at("dtype").get<std::string>();
  if (std::string(scalarTypeName(got.dtype())) != dtype)
    problems.push_back(fmt::format("{}: dtype {} != {}", where, scalarTypeName(got.dtype()), dtype));
  const Dims shape = exp.at("shape").get<Dims>();
  if (got.sizes() != shape) {
    problems.push_back(fmt::format("{}: shape [{}] != [{}]", where, fmt::join(got.sizes(), ", "), fmt::join(shape, ", ")));
    return;
  }
  const Dims stride = exp.at("stride").get<Dims>();
  if (got.strides() != stride)
    problems.push_back(fmt::format("{}: stride [{}] != [{}]", where, fmt::join(got.strides(), ", "), fmt::join(stride, ", ")));
  const int64_t offset = exp.at("offset").get<int64_t>();
  if (got.storageOffset() != offset)
    problems.push_back(fmt::format("{}: storage offset {} != {}", where, got.storageOffset(), offset));
  std::set<int64_t> shares, expShares;
  for (const json& s : exp.at("shares")) expShares.insert(s.get<int64_t>());
  const auto& top = c.args->topTensors();
  for (size_t i = 0; i < top.size(); ++i) {
    if (top[i].defined() && got.storage()->nbytes() > 0 && top[i].storage()->nbytes() > 0 &&
        top[i].storage().get() == got.storage().get())
      shares.insert(static_cast<int64_t>(i));
  }
  if (shares != expShares)
    problems.push_back(fmt::format("{}: shares storage with args [{}], PyTorch [{}]", where, fmt::join(shares, ","),
                                   fmt::join(expShares, ",")));
  if (!c.checkValues) return;
  const json& values = exp.at("values");
  int bad = 0;
  for (int64_t i = 0; i < got.numel() && bad < 3; ++i) {
    bool same;
    std::string gotText, expText = values[i].dump();
    if (got.dtype() == ScalarType::Long) {
      const int64_t g = got.itemAsInt(i);
      same = values[i].is_boolean() ? g == values[i].get<bool>() : g == values[i].get<int64_t>();
      gotText = std::to_string(g);
    } else {
      const double g = got.itemAsDouble(i), e = jsonNumber(values[i]);
      same = g == e || (std::isnan(g) && std::isnan(e));
      gotText = fmt::format("{}", g);
    }
    if (!same) {
      ++bad;
      problems.push_back(fmt::format("{}: value [{}] {} != {}", where, i, gotText, expText));
    }
  }
}

void compareValue(const CaseContext& c, const Value& got, const json& exp, std::vector<std::string>& problems,
                  const std::string& where) {
  if (exp.contains("list")) {
    const json& items = exp.at("list");
    if (!got.isList || got.list.size() != items.size()) {
      problems.push_back(fmt::format("{}: expected a list of {} results, got {}", where, items.size(),
                                     got.isList ? std::to_string(got.list.size()) : "a tensor"));
      return;
    }
    for (size_t i = 0; i < items.size(); ++i)
      compareValue(c, got.list[i], items[i], problems, fmt::format("{}[{}]", where, i));
    return;
  }
  if (got.isList) {
    problems.push_back(where + ": expected a tensor, got a list");
    return;
  }
  compareTensor(c, got.tensor, exp.at("tensor"), problems, where);
}

// Runs one case; returns the problems found (empty: passed).
std::vector<std::string> runCase(const json& kase) {
  std::vector<std::string> problems;
  const std::string op = kase.at("op").get<std::string>();
  const json& flags = kase.at("flags");
  const json& expect = kase.at("expect");
  auto it = opTable().find(op);
  if (it == opTable().end()) return {"no adapter for op " + op};
  Args args(kase.at("args"));
  CaseContext c{kase.at("name").get<std::string>(), &args, flags.value("check_values", true)};
  Value got;
  // Cases that depend on how work splits across threads pin the thread count.
  const int threads = ops::getNumThreads();
  struct RestoreThreads {
    int n;
    ~RestoreThreads() { ops::setNumThreads(n); }
  } restore{threads};
  if (flags.contains("threads")) ops::setNumThreads(flags.at("threads").get<int>());
  try {
    got = it->second(args);
  } catch (const Error& e) {
    if (!expect.contains("error"))
      return {fmt::format("threw \"{}\" but PyTorch succeeded", firstLine(e.what()))};
    const std::string want = expect.at("error").get<std::string>();
    const std::string msg = firstLine(e.what());
    const bool ok = flags.contains("error_prefix") ? msg.rfind(want, 0) == 0 : msg == want;
    if (!ok) problems.push_back(fmt::format("error \"{}\"\n      PyTorch \"{}\"", msg, want));
    return problems;
  } catch (const std::exception& e) {
    return {fmt::format("threw non-sconce exception \"{}\"", e.what())};
  }
  if (expect.contains("error"))
    return {fmt::format("succeeded but PyTorch raised \"{}\"", expect.at("error").get<std::string>())};
  compareValue(c, got, expect, problems, "result");
  return problems;
}

}  // namespace

int runCaseGroup(const std::string& group, int* total) {
  std::string problem;
  const json* cases = loadCases(&problem);
  *total = 0;
  if (!cases) {
    ADD_FAILURE() << problem;
    return 0;
  }
  int passed = 0;
  for (const json& kase : *cases) {
    if (kase.at("group") != group) continue;
    ++*total;
    std::vector<std::string> problems = runCase(kase);
    if (problems.empty()) {
      ++passed;
    } else {
      ADD_FAILURE() << kase.at("name").get<std::string>() << " (" << kase.at("op").get<std::string>()
                    << "):\n    " << fmt::format("{}", fmt::join(problems, "\n    "));
    }
  }
  return passed;
}

}  // namespace sconce::testing
