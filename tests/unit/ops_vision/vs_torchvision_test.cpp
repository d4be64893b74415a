// Runs the torchvision:: kernels on the cases make_cases.py recorded from torchvision 0.14.
//
// Each case names an operator and holds every schema argument, so the test drives the
// kernel as the interpreter does: push the arguments, call the kernel from the operator
// table, compare what it pushed (dtype, shape, values within the case's tolerance), or
// check that it throws where torchvision raised.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "ops/operator_registry.h"
#include "serialization/archive.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/ops_vision/make_cases.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/ops_vision";

std::string readFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Generates the fixtures once per script version. Test processes run concurrently: an
// exclusive flock() beside the fixtures makes one generate while the others wait.
const std::string& fixtureProblem() {
  static std::string problem;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string stamp = std::to_string(std::hash<std::string>()(readFile(kScript)));
    fs::create_directories(kFixtures.parent_path());
    int lock = ::open((kFixtures.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (lock >= 0) ::flock(lock, LOCK_EX);
    struct Unlock {
      int fd;
      ~Unlock() {
        if (fd >= 0) ::close(fd);  // closing releases the lock
      }
    } unlock{lock};
    if (readFile(kFixtures / "stamp") == stamp) return;
    if (run("/usr/bin/python3 -c 'import torch, torchvision'").first != 0) {
      problem = "/usr/bin/python3 with torch and torchvision is not available";
      return;
    }
    fs::path tmp = kFixtures.string() + ".tmp" + std::to_string(getpid());
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    auto [rc, out] = run("/usr/bin/python3 " + kScript.string() + " " + tmp.string());
    if (rc != 0) {
      problem = "make_cases.py failed:\n" + out;
      return;
    }
    std::ofstream(tmp / "stamp") << stamp;
    std::error_code ec;
    fs::remove_all(kFixtures, ec);
    fs::rename(tmp, kFixtures, ec);
    if (ec) fs::remove_all(tmp);
  });
  return problem;
}

#define REQUIRE_FIXTURES()                                             \
  do {                                                                 \
    if (!fixtureProblem().empty()) {                                   \
      if (fixtureProblem().find("not available") != std::string::npos) \
        GTEST_SKIP() << fixtureProblem();                              \
      FAIL() << fixtureProblem();                                      \
    }                                                                  \
  } while (0)

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

// Empty when `got` matches `want` within tolerance, else why not.
std::string compareTensors(const Tensor& got, const Tensor& want, double rtol, double atol) {
  if (got.dtype() != want.dtype())
    return fmt::format("dtype {} != {}", scalarTypeName(got.dtype()), scalarTypeName(want.dtype()));
  if (got.sizes() != want.sizes())
    return fmt::format("shape [{}] != [{}]", fmt::join(got.sizes(), ", "), fmt::join(want.sizes(), ", "));
  for (int64_t i = 0; i < want.numel(); ++i) {
    const double g = got.itemAsDouble(i), w = want.itemAsDouble(i);
    if (g == w || (std::isnan(w) && std::isnan(g))) continue;
    if (!(std::abs(g - w) <= atol + rtol * std::abs(w)))
      return fmt::format("element {}: {} != {} (|diff| {})", i, g, w, std::abs(g - w));
  }
  return "";
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
    else why = compareTensors(stack[i].toTensor(), wants[i].toTensor(), c.rtol, c.atol);
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
  REQUIRE_FIXTURES();
  runGroup("nms_");
}

TEST(OpsVisionVsTorchvision, RoiAlign) {
  REQUIRE_FIXTURES();
  runGroup("roi_align_");
}

TEST(OpsVisionVsTorchvision, PsRoiAlign) {
  REQUIRE_FIXTURES();
  runGroup("ps_roi_align_");
}

TEST(OpsVisionVsTorchvision, RoiPool) {
  REQUIRE_FIXTURES();
  runGroup("roi_pool_");
}

TEST(OpsVisionVsTorchvision, PsRoiPool) {
  REQUIRE_FIXTURES();
  runGroup("ps_roi_pool_");
}

TEST(OpsVisionVsTorchvision, DeformConv2d) {
  REQUIRE_FIXTURES();
  runGroup("deform_conv2d_");
}

TEST(OpsVisionVsTorchvision, CudaVersion) {
  REQUIRE_FIXTURES();
  runGroup("cuda_version");
}

// Every recorded case belongs to a group above (a new op's cases are not skipped).
TEST(OpsVisionVsTorchvision, EveryCaseRuns) {
  REQUIRE_FIXTURES();
  int failed = 0;
  for (const Case& c : cases()) failed += runCase(c).empty() ? 0 : 1;
  EXPECT_EQ(failed, 0);
}

}  // namespace
}  // namespace sconce
