// The aten overloads make_cases.py exercises, each mapped to the Sconce function it
// names (the test-side analogue of the operator table's boxing).
#include "case_harness.h"
#include "ops/kernels/elementwise.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/type_promotion.h"

namespace sconce::testing {
namespace {

using namespace sconce::ops;
using Table = std::map<std::string, OpFn>;

// Functional and in-place forms of a binary op with Tensor and Scalar `other`, under
// every overload name PyTorch gives them.
template <class Fn, class InPlace>
void addBinary(Table& t, const std::string& base, Fn fn, InPlace inPlace) {
  OpFn functional = [fn](const Call& c) -> Result {
    return c.isTensor(1) ? fn(c.tensor(0), c.tensor(1)) : fn(c.tensor(0), c.scalar(1));
  };
  OpFn inplace = [inPlace](const Call& c) -> Result {
    return c.isTensor(1) ? inPlace(c.tensor(0), c.tensor(1)) : inPlace(c.tensor(0), c.scalar(1));
  };
  for (const char* overload : {"", ".Tensor", ".Scalar", ".Tensor_Scalar", ".Tensor_Tensor"}) {
    t[base + overload] = functional;
    t[base + "_" + overload] = inplace;
  }
}

#define SCONCE_TEST_BINARY(name)                                                                         \
  addBinary(                                                                                             \
      t, #name, [](const Tensor& a, const auto& b) { return ops::name(a, b); },                          \
      [](const Tensor& a, const auto& b) { return ops::name##_(a, b); });

#define SCONCE_TEST_UNARY(name)                                                     \
  t[#name] = [](const Call& c) -> Result { return ops::name(c.tensor(0)); };       \
  t[#name "_"] = [](const Call& c) -> Result { return ops::name##_(c.tensor(0)); };

void addElementwise(Table& t) {
  SCONCE_FOR_EACH_BINARY_OP(SCONCE_TEST_BINARY)
  SCONCE_FOR_EACH_UNARY_OP(SCONCE_TEST_UNARY)
  for (const char* base : {"add", "sub"}) {
    const bool isAdd = std::string(base) == "add";
    OpFn functional = [isAdd](const Call& c) -> Result {
      const Scalar alpha = c.kwScalar("alpha", 1);
      if (c.isTensor(1)) return isAdd ? add(c.tensor(0), c.tensor(1), alpha) : sub(c.tensor(0), c.tensor(1), alpha);
      return isAdd ? add(c.tensor(0), c.scalar(1), alpha) : sub(c.tensor(0), c.scalar(1), alpha);
    };
    OpFn inplace = [isAdd](const Call& c) -> Result {
      const Scalar alpha = c.kwScalar("alpha", 1);
      if (c.isTensor(1)) return isAdd ? add_(c.tensor(0), c.tensor(1), alpha) : sub_(c.tensor(0), c.tensor(1), alpha);
      return isAdd ? add_(c.tensor(0), c.scalar(1), alpha) : sub_(c.tensor(0), c.scalar(1), alpha);
    };
    for (const char* overload : {".Tensor", ".Scalar"}) {
      t[std::string(base) + overload] = functional;
      t[std::string(base) + "_" + overload] = inplace;
    }
  }
  t["rsub.Tensor"] = [](const Call& c) -> Result { return rsub(c.tensor(0), c.tensor(1), c.kwScalar("alpha", 1)); };
  t["rsub.Scalar"] = [](const Call& c) -> Result { return rsub(c.tensor(0), c.scalar(1), c.kwScalar("alpha", 1)); };
  OpFn divFn = [](const Call& c) -> Result {
    const auto mode = c.kwStr("rounding_mode");
    std::optional<std::string_view> m;
    if (mode) m = *mode;
    return c.isTensor(1) ? div(c.tensor(0), c.tensor(1), m) : div(c.tensor(0), c.scalar(1), m);
  };
  OpFn divInPlace = [](const Call& c) -> Result {
    const auto mode = c.kwStr("rounding_mode");
    std::optional<std::string_view> m;
    if (mode) m = *mode;
    return c.isTensor(1) ? div_(c.tensor(0), c.tensor(1), m) : div_(c.tensor(0), c.scalar(1), m);
  };
  for (const char* overload : {".Tensor", ".Scalar", ".Tensor_mode", ".Scalar_mode"}) {
    t[std::string("div") + overload] = divFn;
    t[std::string("div_") + overload] = divInPlace;
  }
  t["pow.Scalar"] = [](const Call& c) -> Result { return pow(c.scalar(0), c.tensor(1)); };
  t["remainder.Scalar_Tensor"] = [](const Call& c) -> Result { return remainder(c.scalar(0), c.tensor(1)); };

  for (const char* name : {"isnan", "isinf", "isfinite"}) t.erase(std::string(name) + "_");
  t["isnan"] = [](const Call& c) -> Result { return isnan(c.tensor(0)); };
  t["isinf"] = [](const Call& c) -> Result { return isinf(c.tensor(0)); };
  t["isfinite"] = [](const Call& c) -> Result { return isfinite(c.tensor(0)); };
  t["round.decimals"] = [](const Call& c) -> Result { return round(c.tensor(0), *c.kwInt("decimals")); };
  t["nan_to_num"] = [](const Call& c) -> Result {
    return nan_to_num(c.tensor(0), c.optReal(1), c.optReal(2), c.optReal(3));
  };
  t["nan_to_num_"] = [](const Call& c) -> Result {
    return nan_to_num_(c.tensor(0), c.optReal(1), c.optReal(2), c.optReal(3));
  };
  t["gelu"] = [](const Call& c) -> Result { return gelu(c.tensor(0), c.kwStr("approximate").value_or("none")); };
  t["gelu_"] = [](const Call& c) -> Result { return gelu_(c.tensor(0), c.kwStr("approximate").value_or("none")); };
  t["elu"] = [](const Call& c) -> Result { return elu(c.tensor(0), c.scalar(1), c.scalar(2), c.scalar(3)); };
  t["elu_"] = [](const Call& c) -> Result { return elu_(c.tensor(0), c.scalar(1), c.scalar(2), c.scalar(3)); };
  t["celu"] = [](const Call& c) -> Result { return celu(c.tensor(0), c.scalar(1)); };
  t["leaky_relu"] = [](const Call& c) -> Result { return leaky_relu(c.tensor(0), c.scalar(1)); };
  t["leaky_relu_"] = [](const Call& c) -> Result { return leaky_relu_(c.tensor(0), c.scalar(1)); };
  t["softplus"] = [](const Call& c) -> Result { return softplus(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["hardtanh"] = [](const Call& c) -> Result { return hardtanh(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["hardtanh_"] = [](const Call& c) -> Result { return hardtanh_(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["threshold"] = [](const Call& c) -> Result { return threshold(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["threshold_"] = [](const Call& c) -> Result { return threshold_(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["logit"] = [](const Call& c) -> Result { return logit(c.tensor(0), c.optReal(1)); };

  t["where.self"] = [](const Call& c) -> Result { return where(c.tensor(0), c.tensor(1), c.tensor(2)); };
  t["where.ScalarOther"] = [](const Call& c) -> Result { return where(c.tensor(0), c.tensor(1), c.scalar(2)); };
  t["where.ScalarSelf"] = [](const Call& c) -> Result { return where(c.tensor(0), c.scalar(1), c.tensor(2)); };
  t["where.Scalar"] = [](const Call& c) -> Result { return where(c.tensor(0), c.scalar(1), c.scalar(2)); };
  t["masked_fill.Scalar"] = [](const Call& c) -> Result { return masked_fill(c.tensor(0), c.tensor(1), c.scalar(2)); };
  t["masked_fill.Tensor"] = [](const Call& c) -> Result { return masked_fill(c.tensor(0), c.tensor(1), c.tensor(2)); };
  t["masked_fill_.Scalar"] = [](const Call& c) -> Result { return masked_fill_(c.tensor(0), c.tensor(1), c.scalar(2)); };
  t["masked_fill_.Tensor"] = [](const Call& c) -> Result { return masked_fill_(c.tensor(0), c.tensor(1), c.tensor(2)); };
  t["clamp"] = [](const Call& c) -> Result { return clamp(c.tensor(0), c.optScalar(1), c.optScalar(2)); };
  t["clamp_"] = [](const Call& c) -> Result { return clamp_(c.tensor(0), c.optScalar(1), c.optScalar(2)); };
  t["clamp.Tensor"] = [](const Call& c) -> Result { return clamp(c.tensor(0), c.optTensor(1), c.optTensor(2)); };
  t["clamp_min"] = [](const Call& c) -> Result { return clamp_min(c.tensor(0), c.scalar(1)); };
  t["clamp_max"] = [](const Call& c) -> Result { return clamp_max(c.tensor(0), c.scalar(1)); };
  t["clamp_min.Tensor"] = [](const Call& c) -> Result { return clamp_min(c.tensor(0), c.tensor(1)); };
  t["clamp_max.Tensor"] = [](const Call& c) -> Result { return clamp_max(c.tensor(0), c.tensor(1)); };
  t["lerp.Scalar"] = [](const Call& c) -> Result { return lerp(c.tensor(0), c.tensor(1), c.scalar(2)); };
  t["lerp.Tensor"] = [](const Call& c) -> Result { return lerp(c.tensor(0), c.tensor(1), c.tensor(2)); };
  t["lerp_.Scalar"] = [](const Call& c) -> Result { return lerp_(c.tensor(0), c.tensor(1), c.scalar(2)); };
  t["addcmul"] = [](const Call& c) -> Result {
    return addcmul(c.tensor(0), c.tensor(1), c.tensor(2), c.kwScalar("value", 1));
  };
  t["addcmul_"] = [](const Call& c) -> Result {
    return addcmul_(c.tensor(0), c.tensor(1), c.tensor(2), c.kwScalar("value", 1));
  };
  t["addcdiv"] = [](const Call& c) -> Result {
    return addcdiv(c.tensor(0), c.tensor(1), c.tensor(2), c.kwScalar("value", 1));
  };
  t["copy_"] = [](const Call& c) -> Result { return copy_(c.tensor(0), c.tensor(1)); };
  t["to.dtype"] = [](const Call& c) -> Result { return to(c.tensor(0), c.dtype(1)); };
  t["fill_.Scalar"] = [](const Call& c) -> Result { return fill_(c.tensor(0), c.scalar(1)); };
  t["fill_.Tensor"] = [](const Call& c) -> Result { return fill_(c.tensor(0), c.tensor(1)); };
  t["zero_"] = [](const Call& c) -> Result { return zero_(c.tensor(0)); };
}

IntArrayRef dimsOrAll(const Call& c, size_t i) { return c.has(i) ? IntArrayRef(c.ints(i)) : IntArrayRef(); }

void addReductions(Table& t) {
  t["sum"] = [](const Call& c) -> Result { return sum(c.tensor(0), c.kwDtype("dtype")); };
  t["sum.dim_IntList"] = [](const Call& c) -> Result {
    return sum(c.tensor(0), dimsOrAll(c, 1), c.boolean(2, false), c.kwDtype("dtype"));
  };
  t["mean"] = [](const Call& c) -> Result { return mean(c.tensor(0), c.kwDtype("dtype")); };
  t["mean.dim"] = [](const Call& c) -> Result {
    return mean(c.tensor(0), dimsOrAll(c, 1), c.boolean(2, false), c.kwDtype("dtype"));
  };
  t["prod"] = [](const Call& c) -> Result { return prod(c.tensor(0), c.kwDtype("dtype")); };
  t["prod.dim_int"] = [](const Call& c) -> Result {
    return prod(c.tensor(0), c.integer(1), c.boolean(2, false), c.kwDtype("dtype"));
  };
  t["amax"] = [](const Call& c) -> Result { return amax(c.tensor(0), dimsOrAll(c, 1), c.boolean(2, false)); };
  t["amin"] = [](const Call& c) -> Result { return amin(c.tensor(0), dimsOrAll(c, 1), c.boolean(2, false)); };
  t["max"] = [](const Call& c) -> Result { return max(c.tensor(0)); };
  t["min"] = [](const Call& c) -> Result { return min(c.tensor(0)); };
  t["max.dim"] = [](const Call& c) -> Result { return max(c.tensor(0), c.integer(1), c.boolean(2, false)); };
  t["min.dim"] = [](const Call& c) -> Result { return min(c.tensor(0), c.integer(1), c.boolean(2, false)); };
  t["argmax"] = [](const Call& c) -> Result { return argmax(c.tensor(0), c.optInteger(1), c.boolean(2, false)); };
  t["argmin"] = [](const Call& c) -> Result { return argmin(c.tensor(0), c.optInteger(1), c.boolean(2, false)); };
  t["any"] = [](const Call& c) -> Result { return any(c.tensor(0)); };
  t["all"] = [](const Call& c) -> Result { return all(c.tensor(0)); };
  t["any.dim"] = [](const Call& c) -> Result { return any(c.tensor(0), c.integer(1), c.boolean(2, false)); };
  t["all.dim"] = [](const Call& c) -> Result { return all(c.tensor(0), c.integer(1), c.boolean(2, false)); };
  t["var.correction"] = [](const Call& c) -> Result {
    return var(c.tensor(0), c.optInts(1), c.kwInt("correction"), c.kwBool("keepdim", false));
  };
  t["std.correction"] = [](const Call& c) -> Result {
    return std(c.tensor(0), c.optInts(1), c.kwInt("correction"), c.kwBool("keepdim", false));
  };
  t["var_mean.correction"] = [](const Call& c) -> Result {
    return var_mean(c.tensor(0), c.optInts(1), c.kwInt("correction"), c.kwBool("keepdim", false));
  };
  t["std_mean.correction"] = [](const Call& c) -> Result {
    return std_mean(c.tensor(0), c.optInts(1), c.kwInt("correction"), c.kwBool("keepdim", false));
  };
  t["var.dim"] = [](const Call& c) -> Result {
    return var(c.tensor(0), dimsOrAll(c, 1), c.boolean(2, true), c.boolean(3, false));
  };
  t["std"] = [](const Call& c) -> Result { return std(c.tensor(0), c.boolean(1, true)); };
  t["logsumexp"] = [](const Call& c) -> Result { return logsumexp(c.tensor(0), c.ints(1), c.boolean(2, false)); };
  t["linalg_vector_norm"] = [](const Call& c) -> Result {
    return linalg_vector_norm(c.tensor(0), c.has(1) ? c.scalar(1) : Scalar(2), c.optInts(2), c.boolean(3, false),
                              c.kwDtype("dtype"));
  };
  t["norm.Scalar"] = [](const Call& c) -> Result { return norm(c.tensor(0), c.scalar(1)); };
  t["norm.ScalarOpt_dim"] = [](const Call& c) -> Result {
    return norm(c.tensor(0), c.optScalar(1), c.ints(2), c.boolean(3, false));
  };
  t["frobenius_norm.dim"] = [](const Call& c) -> Result {
    return frobenius_norm(c.tensor(0), c.ints(1), c.boolean(2, false));
  };
  t["cumsum"] = [](const Call& c) -> Result { return cumsum(c.tensor(0), c.integer(1), c.kwDtype("dtype")); };
  t["cumsum_"] = [](const Call& c) -> Result { return cumsum_(c.tensor(0), c.integer(1), c.kwDtype("dtype")); };
  t["cumprod"] = [](const Call& c) -> Result { return cumprod(c.tensor(0), c.integer(1), c.kwDtype("dtype")); };
  t["softmax.int"] = [](const Call& c) -> Result { return softmax(c.tensor(0), c.integer(1), c.optDtype(2)); };
  t["log_softmax.int"] = [](const Call& c) -> Result {
    return log_softmax(c.tensor(0), c.integer(1), c.optDtype(2));
  };
  t["promote_types"] = [](const Call& c) -> Result { return Result::ofDtype(promoteTypes(c.dtype(0), c.dtype(1))); };
  t["result_type"] = [](const Call& c) -> Result {
    auto operand = [&](size_t i) -> Operand {
      if (c.isTensor(i)) return c.tensor(i);
      return c.scalar(i);
    };
    return Result::ofDtype(resultType({operand(0), operand(1)}));
  };
}

}  // namespace

const std::map<std::string, OpFn>& opTable() {
  static const Table table = [] {
    Table t;
    addElementwise(t);
    addReductions(t);
    return t;
  }();
  return table;
}

}  // namespace sconce::testing
