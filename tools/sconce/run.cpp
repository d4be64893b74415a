// `sconce run MODEL.pt [--method NAME] [--inputs ARGS.pt | --input X.npy ...]
//            [--output OUT.pt | OUT.npy] [--threads N] [--repeat N] [--warmup N]`:
// runs one method of a TorchScript archive (ARCHITECTURE §3).
//
// ARGS.pt is what `torch.save(tuple_of_positional_args, path)` writes (a single
// non-tuple value is taken as the one argument); OUT.pt is written with torch.save's
// format so `torch.load` returns the result with its structure. Without --output the
// result is summarized on stdout with the time the call took: with --repeat, the best
// and the median of the timed calls, after --warmup untimed ones (bench/run_models.py
// reads this line).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <malloc.h>

#include "ops/kernels/parallel.h"
#include "serialization/archive.h"
#include "serialization/archive_writer.h"
#include "serialization/npy.h"
#include "module/script_module.h"
#include "tools/sconce/commands.h"
#include "tools/sconce/value_format.h"

namespace sconce::cli {
namespace {

struct RunOptions {
  std::string model;
  std::string method = "forward";
  std::string inputs;
  std::vector<std::string> npyInputs;
  std::string output;
  int threads = 0;
  int repeat = 1;
  int warmup = 0;
};

std::vector<IValue> loadInputs(const std::string& path) {
  if (path.empty()) return {};
  auto archive = Archive::open(path);
  SCONCE_CHECK(ValueError, archive->kind() != Archive::Kind::TorchScript,
               "'{}' is a TorchScript archive; --inputs takes a torch.save file of the "
               "argument tuple",
               path);
  IValue v = archive->loadData();
  if (v.isTuple()) return v.toTuple()->elements;
  return {v};
}

// Tensors of a forward pass are mostly larger than glibc's mmap threshold, so each one
// would be a fresh mmap, page-faulted in and unmapped again on every call: that churn
// cost more than the convolutions (2.3x on mobilenet_v2, bench/README.md). The CLI
// owns its process, so it keeps freed memory in the heap instead; a library user's
// process keeps its own malloc policy (a caching Storage allocator would serve both).
void keepFreedMemory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

int runModel(const RunOptions& o) {
  keepFreedMemory();
  // --threads, else SCONCE_NUM_THREADS, else all cores; applied to oneDNN and OpenBLAS too.
  ops::setNumThreads(o.threads > 0 ? o.threads : ops::getNumThreads());
  auto module = ScriptModule::load(o.model);
  module->prepare(o.method);
  std::vector<IValue> args = loadInputs(o.inputs);
  for (const std::string& npy : o.npyInputs) args.emplace_back(readNpy(npy));
  IValue result;
  for (int i = 0; i < o.warmup; ++i) result = module->run(o.method, args);
  std::vector<double> times;
  for (int i = 0; i < o.repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    result = module->run(o.method, args);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  if (!o.output.empty() && o.output.ends_with(".npy")) {
    SCONCE_CHECK(ValueError, result.isTensor(),
                 "--output {}: a .npy file holds one tensor, but {}() returned {}", o.output,
                 o.method, result.tagName());
    writeNpy(o.output, result.toTensor());
    return 0;
  }
  if (!o.output.empty()) {
    saveTorchSave(o.output, result);
    return 0;
  }
  std::string tree;
  printTree(result, tree);
  if (result.isTensor() && result.toTensor().defined() && !isComplexType(result.toTensor().dtype())) {
    // The first elements in row-major order, so a glance shows whether it is sane.
    const Tensor& t = result.toTensor();
    std::vector<std::string> shown;
    for (int64_t i = 0; i < std::min<int64_t>(t.numel(), 8); ++i)
      shown.push_back(isFloatingType(t.dtype()) ? pythonFloatRepr(t.itemAsDouble(i))
                                                : std::to_string(t.itemAsInt(i)));
    tree += fmt::format("  values: [{}{}]\n", fmt::join(shown, ", "), t.numel() > 8 ? ", ..." : "");
  }
  fmt::print("{}", tree);
  if (!tree.ends_with('\n')) fmt::print("\n");
  fmt::print("{}() ran in {:.3f} ms{}\n", o.method, times.front(),
             o.repeat > 1 ? fmt::format(" (best of {}, median {:.3f} ms)", o.repeat, times[times.size() / 2])
                          : "");
  return 0;
}

}  // namespace

void registerRun(CLI::App& app, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("run", "Run a method of a TorchScript archive");
  auto o = std::make_shared<RunOptions>();
  cmd->add_option("model", o->model, "a TorchScript archive (torch.jit.save)")->required();
  cmd->add_option("--method", o->method, "the method to run (default: forward)");
  cmd->add_option("--inputs", o->inputs,
                  "torch.save file holding the tuple of positional arguments");
  cmd->add_option("--input", o->npyInputs,
                  "a .npy file (numpy.save) as the next positional argument; repeatable")
      ->excludes(cmd->get_option("--inputs"));
  cmd->add_option("--output", o->output,
                  "write the result here: torch.save format (torch.load reads it), or .npy "
                  "for a tensor result");
  cmd->add_option("--threads", o->threads,
                  "intra-op threads (default: SCONCE_NUM_THREADS, else all cores)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--repeat", o->repeat, "run this many times and report the best time")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--warmup", o->warmup, "untimed runs before the timed ones (default: 0)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([&action, o] { action = [o] { return runModel(*o); }; });
}

}  // namespace sconce::cli
