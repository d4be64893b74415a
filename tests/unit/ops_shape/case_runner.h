// Runs the PyTorch-generated cases of make_cases.py against our kernels.
//
// make_cases.py records each op's arguments and PyTorch's result (or error) as JSON.
// This harness rebuilds the arguments (tensors with their exact storage, strides and
// offset), calls the C++ op named by the case through a table of adapters, and compares
// dtype, shape, strides, storage offset, values and storage sharing with PyTorch's.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ops/kernels/creation.h"
#include "ops/kernels/indexing.h"
#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::testing {

using nlohmann::json;

/// An op result: a tensor, a list/tuple of results, or a scalar.
struct Value {
  Tensor tensor;
  std::vector<Value> list;
  bool isList = false;
  Value() = default;
  Value(Tensor t) : tensor(std::move(t)) {}
  Value(std::vector<Tensor> ts) : isList(true) {
    for (auto& t : ts) list.emplace_back(std::move(t));
  }
  template <class... Ts>
  Value(std::tuple<Ts...> tup) : isList(true) {
    std::apply([&](auto&... t) { (list.emplace_back(t), ...); }, tup);
  }
};

/// Decoded arguments of one case; accessors convert argument i to the C++ type.
class Args {
 public:
  explicit Args(const json& args);
  const Tensor& t(size_t i) const;
  std::optional<Tensor> optT(size_t i) const;
  int64_t i(size_t i) const { return args_.at(i).get<int64_t>(); }
  std::optional<int64_t> optI(size_t i) const;
  double d(size_t i) const;
  bool b(size_t i) const { return args_.at(i).get<bool>(); }
  std::optional<bool> optB(size_t i) const;
  Dims ints(size_t i) const { return args_.at(i).get<Dims>(); }
  Scalar scalar(size_t i) const { return toScalar(args_.at(i)); }
  std::string str(size_t i) const { return args_.at(i).at("str").get<std::string>(); }
  std::optional<std::string> optStr(size_t i) const;
  std::optional<ScalarType> dtype(size_t i) const;
  std::optional<ops::MemoryFormat> memfmt(size_t i) const;
  std::vector<Tensor> tensors(size_t i) const;
  ops::IndexList indices(size_t i) const;
  /// A nested list of numbers flattened row-major, with its shape.
  std::vector<Scalar> nested(size_t i, Dims& shape) const;
  /// The tensor arguments (undefined where argument i is not a tensor).
  const std::vector<Tensor>& topTensors() const { return top_; }

  static Tensor decodeTensor(const json& j);
  static Scalar toScalar(const json& j);

 private:
  json args_;
  std::vector<Tensor> top_;
};

using OpFn = std::function<Value(const Args&)>;

/// The op table: the case's op name (aten name with overload) -> adapter.
const std::map<std::string, OpFn>& opTable();

/// Runs every case of `group` (in the generated file), reporting each failure with its
/// name; returns the number of cases that passed, writes the total to *total.
int runCaseGroup(const std::string& group, int* total);

}  // namespace sconce::testing
