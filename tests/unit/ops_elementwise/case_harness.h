// Test harness for PyTorch-generated elementwise/reduction cases: decoding, calling, comparing.
//
// make_cases.py writes cases as JSON (aten overload name, encoded arguments, expected
// result); this header decodes them into Sconce tensors and scalars, names the table that
// maps each overload to the Sconce function, and compares results with per-dtype
// tolerances. Tolerances: float32 rtol 1e-4 / atol 1e-5, float64 1e-10 / 1e-12 (only
// evaluation order differs), float16 1e-2 and bfloat16 2e-2 (PyTorch rounds some
// intermediates to the 16-bit type where Sconce keeps float); a case may widen them.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::testing {

using nlohmann::json;

/// One decoded argument of a case.
struct Arg {
  enum class Kind { None, Tensor, Int, Float, Bool, Str, Dtype, Ints } kind = Kind::None;
  Tensor tensor;
  int64_t i = 0;
  double f = 0;
  bool b = false;
  std::string s;
  ScalarType dtype = ScalarType::Undefined;
  Dims ints;
};

/// A case's positional and keyword arguments with typed accessors; a wrong kind throws.
class Call {
 public:
  std::vector<Arg> args;
  std::map<std::string, Arg> kwargs;

  size_t size() const { return args.size(); }
  bool has(size_t i) const { return i < args.size() && args[i].kind != Arg::Kind::None; }
  bool isTensor(size_t i) const { return i < args.size() && args[i].kind == Arg::Kind::Tensor; }
  const Tensor& tensor(size_t i) const;
  Scalar scalar(size_t i) const;
  std::optional<Scalar> optScalar(size_t i) const;
  std::optional<Tensor> optTensor(size_t i) const;
  int64_t integer(size_t i) const;
  std::optional<int64_t> optInteger(size_t i) const;
  double real(size_t i) const;
  std::optional<double> optReal(size_t i) const;
  bool boolean(size_t i, bool fallback) const;
  const Dims& ints(size_t i) const;
  std::optional<IntArrayRef> optInts(size_t i) const;
  ScalarType dtype(size_t i) const;
  std::optional<ScalarType> optDtype(size_t i) const;

  Scalar kwScalar(const std::string& name, const Scalar& fallback) const;
  std::optional<ScalarType> kwDtype(const std::string& name) const;
  std::optional<std::string> kwStr(const std::string& name) const;
  std::optional<int64_t> kwInt(const std::string& name) const;
  bool kwBool(const std::string& name, bool fallback) const;

  /// Positional i if given, else keyword `name`.
  const Arg* find(size_t i, const std::string& name) const;
};

/// What an op returned: tensors (one, or a tuple) or just a dtype.
struct Result {
  std::vector<Tensor> tensors;
  bool tuple = false;
  ScalarType dtype = ScalarType::Undefined;  // dtype-only results (promote_types, result_type)

  Result() = default;
  Result(const Tensor& t) : tensors{t} {}
  Result(const std::tuple<Tensor, Tensor>& t) : tensors{std::get<0>(t), std::get<1>(t)}, tuple(true) {}
  static Result ofDtype(ScalarType t) {
    Result r;
    r.dtype = t;
    return r;
  }
};

using OpFn = std::function<Result(const Call&)>;

/// aten overload name -> the call into Sconce (ew_op_table.cpp).
const std::map<std::string, OpFn>& opTable();

/// Decodes the case's arguments.
Call decodeCall(const json& c);

/// Runs make_cases.py for `group` into a fresh temporary directory (once per process and
/// group) and returns the parsed list of cases.
const json& loadCases(const std::string& group);

/// Runs every case of `group`; returns failure descriptions (empty when all pass).
std::vector<std::string> runGroup(const std::string& group, int* passed);

}  // namespace sconce::testing
