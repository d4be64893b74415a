// Runs the nn kernels on the cases make_cases.py recorded from PyTorch 1.13.
//
// Each case names an operator overload and holds every schema argument as an IValue,
// so the test drives the kernel exactly as the interpreter does: push the arguments,
// call the boxed kernel from the operator table, compare what it pushed (dtype, shape,
// values within the case's tolerance) or the error it threw (PyTorch's first line).
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "ops/operator_registry.h"
#include "serialization/archive.h"
#include "tests/support/fixtures.h"
#include "tests/support/tensor_compare.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/ops_nn/make_cases.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/ops_nn";

const std::string& fixtureProblem() {
  return testing::ensureGenerated(kFixtures, "/usr/bin/python3 " + kScript.string(), {kScript});
}

struct Case {
  std::string name, op;
  std::vector<IValue> args;
  IValue expect;
  double rtol = 0, atol = 0;
  std::vector<std::pair<int64_t, Tensor>> post;
};

const std::vector<Case>& cases() {
  static std::vector<Case> all;
  static std::once_flag once;
  std::call_once(once, [] {
    IValue data = Archive::open((kFixtures / "cases.pt").string())->loadData();
    for (const IValue& c : data.toList()->elements) {
      const auto& e = c.toTuple()->elements;
      Case k;
      k.name = e[0].toStringRef();
      k.op = e[1].toStringRef();
      k.args = e[2].toList()->elements;
      k.expect = e[3];
      k.rtol = e[4].toDouble();
      k.atol = e[5].toDouble();
      for (const IValue& p : e[6].toList()->elements)
        k.post.emplace_back(p.toTuple()->elements[0].toInt(), p.toTuple()->elements[1].toTensor());
      all.push_back(std::move(k));
    }
  });
  return all;
}

std::string compareValue(const IValue& got, const IValue& want, double rtol, double atol) {
  if (want.isTensor()) {
    if (!got.isTensor()) return fmt::format("expected a Tensor, got {}", got.tagName());
    return testing::compareTensors(got.toTensor(), want.toTensor(), rtol, atol);
  }
  if (want.isInt()) {
    if (!got.isInt() || got.toInt() != want.toInt()) return "int result differs";
    return "";
  }
  return fmt::format("unexpected expected-value kind {}", want.tagName());
}

// Runs one case; returns "" on success, else a description of the mismatch.
std::string runCase(const Case& c) {
  const Operator* op = OperatorRegistry::global().find(c.op);
  if (!op) return "unknown operator " + c.op;
  if (!op->hasKernel()) return "no kernel for " + c.op;
  Stack stack(c.args.begin(), c.args.end());
  // Mutated arguments must not alias the fixture (cases() is shared across tests).
  for (auto& [i, t] : c.post) stack[static_cast<size_t>(i)] = IValue(stack[static_cast<size_t>(i)].toTensor().clone());
  std::vector<IValue> inputs = stack;
  try {
    op->kernel(stack);
  } catch (const std::exception& e) {
    if (c.expect.isString()) {
      const std::string& want = c.expect.toStringRef();
      return std::string(e.what()) == want ? "" : fmt::format("error '{}' != '{}'", e.what(), want);
    }
    return fmt::format("threw: {}", e.what());
  }
  if (c.expect.isString()) return "expected error: " + c.expect.toStringRef();
  std::vector<IValue> wants;
  if (c.expect.isTuple()) wants = c.expect.toTuple()->elements;
  else wants.push_back(c.expect);
  if (stack.size() != wants.size()) return fmt::format("pushed {} values, expected {}", stack.size(), wants.size());
  for (size_t i = 0; i < wants.size(); ++i) {
    std::string why = compareValue(stack[i], wants[i], c.rtol, c.atol);
    if (!why.empty()) return fmt::format("output {}: {}", i, why);
  }
  for (auto& [i, want] : c.post) {
    std::string why = testing::compareTensors(inputs[static_cast<size_t>(i)].toTensor(), want, c.rtol, c.atol);
    if (!why.empty()) return fmt::format("argument {} after the call: {}", i, why);
  }
  return "";
}

// Runs every case whose name starts with one of `prefixes`.
void runGroup(std::initializer_list<std::string_view> prefixes) {
  int ran = 0;
  for (const Case& c : cases()) {
    bool match = false;
    for (auto p : prefixes) match = match || std::string_view(c.name).starts_with(p);
    if (!match) continue;
    ++ran;
    std::string why = runCase(c);
    EXPECT_TRUE(why.empty()) << c.name << " (" << c.op << "): " << why;
  }
  EXPECT_GT(ran, 0);
}

TEST(OpsNnVsPyTorch, Matmul) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"mm", "bmm", "matmul", "addmm", "addmv", "mv", "dot", "baddbmm", "addbmm", "linear", "outer",
            "tensordot", "einsum"});
}

TEST(OpsNnVsPyTorch, Convolution) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"conv", "_convolution"});
}

TEST(OpsNnVsPyTorch, Normalization) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"batch_norm", "native_batch_norm", "_batch_norm", "instance_norm", "layer_norm", "native_layer_norm",
            "group_norm", "native_group_norm"});
}

TEST(OpsNnVsPyTorch, Pooling) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"max_pool", "avg_pool", "adaptive", "_adaptive"});
}

TEST(OpsNnVsPyTorch, ResampleAndPad) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"upsample", "pixel", "channel_shuffle", "constant_pad", "reflection_pad", "replication_pad", "pad_"});
}

TEST(OpsNnVsPyTorch, Recurrent) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"lstm", "gru", "rnn_"});
}

TEST(OpsNnVsPyTorch, Attention) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup({"_scaled_dot", "_native_multi_head", "_transformer_encoder"});
}

// Every recorded case belongs to some group above (a new op's cases are not silently
// skipped).
TEST(OpsNnVsPyTorch, EveryCaseRuns) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  int failed = 0;
  for (const Case& c : cases()) failed += runCase(c).empty() ? 0 : 1;
  EXPECT_EQ(failed, 0);
}

// The runtime calls kernels from many threads at once: convolutions and GEMMs running
// concurrently must give the single-threaded results.
TEST(OpsNnVsPyTorch, ConcurrentCalls) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  std::vector<const Case*> picked;
  for (const Case& c : cases())
    if ((c.name.starts_with("conv2d") || c.name.starts_with("mm") || c.name.starts_with("linear")) &&
        !c.expect.isString())
      picked.push_back(&c);
  ASSERT_FALSE(picked.empty());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int rep = 0; rep < 5; ++rep)
        for (const Case* c : picked)
          if (!runCase(*c).empty()) ++failures;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace sconce
