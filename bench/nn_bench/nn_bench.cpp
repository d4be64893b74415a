// nn_bench: ResNet-like convolutions and GEMMs through Sconce's operator table, next to
// PyTorch 1.13 timed in the same run (torch_times.py, same thread count).
//
// Not a test: prints a table of best-of-20 milliseconds. Run build/bin/nn_bench; set
// SCONCE_NUM_THREADS to compare at a fixed thread count.
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <sstream>
#include <string>

#include "ops/boxing.h"
#include "ops/kernels/creation.h"
#include "ops/kernels/parallel.h"
#include "ops/operator_registry.h"

using namespace sconce;

namespace {

double bestMs(const std::function<void()>& fn, int reps) {
  fn();
  double best = std::numeric_limits<double>::infinity();
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

std::map<std::string, double> torchTimes(int threads) {
  std::map<std::string, double> times;
  const std::string cmd =
      fmt::format("/usr/bin/python3 {}/bench/nn_bench/torch_times.py {} 2>/dev/null", SCONCE_SOURCE_DIR, threads);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return times;
  std::array<char, 256> line;
  while (fgets(line.data(), line.size(), pipe)) {
    std::istringstream in(line.data());
    std::string name;
    double ms;
    if (in >> name >> ms) times[name] = ms;
  }
  pclose(pipe);
  return times;
}

struct Conv {
  const char* name;
  int64_t n, c, h, oc, k, stride, pad, groups;
};
struct Gemm {
  const char* name;
  int64_t m, k, n;
};

}  // namespace

int main() {
  const int threads = ops::getNumThreads();
  const Conv convs[] = {
      {"conv_stem_7x7s2", 1, 3, 224, 64, 7, 2, 3, 1},        {"conv_3x3_64x56", 1, 64, 56, 64, 3, 1, 1, 1},
      {"conv_3x3_128x28", 1, 128, 28, 128, 3, 1, 1, 1},      {"conv_3x3_256x14", 1, 256, 14, 256, 3, 1, 1, 1},
      {"conv_3x3_512x7", 1, 512, 7, 512, 3, 1, 1, 1},        {"conv_1x1_256to64x56", 1, 256, 56, 64, 1, 1, 0, 1},
      {"conv_dw_3x3_256x28", 1, 256, 28, 256, 3, 1, 1, 256}, {"conv_3x3_64x56_batch8", 8, 64, 56, 64, 3, 1, 1, 1},
  };
  const Gemm gemms[] = {{"linear_fc_1x2048to1000", 1, 2048, 1000},
                        {"linear_32x1024to1024", 32, 1024, 1024},
                        {"mm_512", 512, 512, 512},
                        {"mm_1024", 1024, 1024, 1024}};
  auto& registry = OperatorRegistry::global();
  const Operator* conv2d = registry.find("aten::conv2d");
  const Operator* linear = registry.find("aten::linear");
  std::map<std::string, double> ours;
  for (const Conv& c : convs) {
    Tensor x = ops::randn({c.n, c.c, c.h, c.h}), w = ops::randn({c.oc, c.c / c.groups, c.k, c.k}), b = ops::randn({c.oc});
    ours[c.name] = bestMs(
        [&] {
          Stack s;
          ops::push(s, x, w, b, Dims{c.stride, c.stride}, Dims{c.pad, c.pad}, Dims{1, 1}, c.groups);
          conv2d->kernel(s);
        },
        20);
  }
  for (const Gemm& g : gemms) {
    Tensor x = ops::randn({g.m, g.k}), w = ops::randn({g.n, g.k});
    ours[g.name] = bestMs(
        [&] {
          Stack s;
          ops::push(s, x, w, IValue());
          linear->kernel(s);
        },
        20);
  }
  const std::map<std::string, double> torch = torchTimes(threads);
  fmt::print("{} threads; best of 20, milliseconds\n", threads);
  fmt::print("{:<26} {:>10} {:>10} {:>8}\n", "workload", "sconce", "torch1.13", "ratio");
  auto row = [&](const char* name) {
    auto it = torch.find(name);
    if (it == torch.end()) {
      fmt::print("{:<26} {:>10.3f} {:>10} {:>8}\n", name, ours[name], "n/a", "");
      return;
    }
    fmt::print("{:<26} {:>10.3f} {:>10.3f} {:>7.2f}x\n", name, ours[name], it->second, ours[name] / it->second);
  };
  for (const Conv& c : convs) row(c.name);
  for (const Gemm& g : gemms) row(g.name);
  return 0;
}
