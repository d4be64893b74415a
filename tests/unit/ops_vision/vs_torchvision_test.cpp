// Runs the torchvision:: kernels on the cases make_cases.py recorded from torchvision 0.14.
//
// Each case names an operator and holds every schema argument, so the test drives the
// kernel as the interpreter does: push the arguments, call the kernel from the operator
// table, compare what it pushed (dtype, shape, values within the case's tolerance), or
// check that it throws where torchvision raised.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <filesystem>
#include <mutex>

#include "ops/operator_registry.h"
#include "serialization/archive.h"
#include "tests/support/fixtures.h"
#include "tests/support/tensor_compare.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/ops_vision/make_cases.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/ops_vision";

const std::string& fixtureProblem() {
  return testing::ensureGenerated(kFixtures, "/usr/bin/python3 " + kScript.string(), {kScript},
                                  {"torch", "torchvision"});
}

struct Case {
  std::string name, op;
  std::vector<IValue> args;
  IValue expect;
  double rtol = 0, atol = 0;
};

const std::vector<Case>& cases() {
  static std::vector<Case> all;
  static std::once_flag once;
  std::call_once(once, [] {
    IValue data = Archive::open((kFixtures / "cases.pt").string())->loadData();
    for (const IValue& c : data.toList()->elements) {
      const auto& e = c.toTuple()->elements;
      all.push_back(Case{e[0].toStringRef(), e[1].toStringRef(), e[2].toList()->elements, e[3], e[4].toDouble(),
                         e[5].toDouble()});
    }
  });
  return all;
}

// Runs one case; returns "" on success, else a description of the mismatch.
std::string runCase(const Case& c) {
  const Operator* op = OperatorRegistry::global().find(c.op);
  if (!op) return "unknown operator " + c.op;
  if (!op->hasKernel()) return "no kernel for " + c.op;
  Stack stack(c.args.begin(), c.args.end());
  try {
    op->kernel(stack);
  } catch (const std::exception& e) {
    if (c.expect.isString()) return "";
    return fmt::format("threw: {}", e.what());
  }
  if (c.expect.isString()) return "did not throw; torchvision raised " + c.expect.toStringRef();
  std::vector<IValue> wants;
  if (c.expect.isTuple()) wants = c.expect.toTuple()->elements;
  else wants.push_back(c.expect);
  if (stack.size() != wants.size()) return fmt::format("pushed {} values, expected {}", stack.size(), wants.size());
  for (size_t i = 0; i < wants.size(); ++i) {
    std::string why;
    if (wants[i].isInt()) why = stack[i].isInt() && stack[i].toInt() == wants[i].toInt() ? "" : "int result differs";
    else if (!stack[i].isTensor()) why = fmt::format("expected a Tensor, got {}", stack[i].tagName());
    else why = testing::compareTensors(stack[i].toTensor(), wants[i].toTensor(), c.rtol, c.atol);
    if (!why.empty()) return fmt::format("output {}: {}", i, why);
  }
  return "";
}

void runGroup(std::string_view prefix) {
  int ran = 0;
  for (const Case& c : cases()) {
    if (!std::string_view(c.name).starts_with(prefix)) continue;
    ++ran;
    std::string why = runCase(c);
    EXPECT_TRUE(why.empty()) << c.name << " (" << c.op << "): " << why;
  }
  EXPECT_GT(ran, 0);
}

TEST(OpsVisionVsTorchvision, Nms) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("nms_");
}

TEST(OpsVisionVsTorchvision, RoiAlign) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("roi_align_");
}

TEST(OpsVisionVsTorchvision, PsRoiAlign) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("ps_roi_align_");
}

TEST(OpsVisionVsTorchvision, RoiPool) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("roi_pool_");
}

TEST(OpsVisionVsTorchvision, PsRoiPool) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("ps_roi_pool_");
}

TEST(OpsVisionVsTorchvision, DeformConv2d) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("deform_conv2d_");
}

TEST(OpsVisionVsTorchvision, CudaVersion) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  runGroup("cuda_version");
}

// Every recorded case belongs to a group above (a new op's cases are not skipped).
TEST(OpsVisionVsTorchvision, EveryCaseRuns) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  int failed = 0;
  for (const Case& c : cases()) failed += runCase(c).empty() ? 0 : 1;
  EXPECT_EQ(failed, 0);
}

}  // namespace
}  // namespace sconce
