// `sconce run MODEL.pt [--method NAME] [--inputs ARGS.pt] [--output OUT.pt] [--threads N]`:
// runs one method of a TorchScript archive (ARCHITECTURE §3).
//
// ARGS.pt is what `torch.save(tuple_of_positional_args, path)` writes (a single
// non-tuple value is taken as the one argument); OUT.pt is written with torch.save's
// format so `torch.load` returns the result with its structure. Without --output the
// result is summarized on stdout with the time the call took.
#include <fmt/format.h>

#include <chrono>

#include "ops/kernels/parallel.h"
#include "serialization/archive.h"
#include "serialization/archive_writer.h"
#include "serialization/script_module.h"
#include "tools/sconce/commands.h"
#include "tools/sconce/value_format.h"

namespace sconce::cli {
namespace {

struct RunOptions {
  std::string model;
  std::string method = "forward";
  std::string inputs;
  std::string output;
  int threads = 0;
  int repeat = 1;
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

int runModel(const RunOptions& o) {
  if (o.threads > 0) ops::setNumThreads(o.threads);
  auto module = ScriptModule::load(o.model);
  module->prepare(o.method);
  std::vector<IValue> args = loadInputs(o.inputs);
  IValue result;
  double best = 0;
  for (int i = 0; i < o.repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    result = module->run(o.method, args);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
    best = i == 0 ? ms : std::min(best, ms);
  }
  if (!o.output.empty()) {
    saveTorchSave(o.output, result);
    return 0;
  }
  std::string tree;
  printTree(result, tree);
  fmt::print("{}", tree);
  if (!tree.ends_with('\n')) fmt::print("\n");
  fmt::print("{}() ran in {:.3f} ms{}\n", o.method, best,
             o.repeat > 1 ? fmt::format(" (best of {})", o.repeat) : "");
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
  cmd->add_option("--output", o->output, "write the result here, readable by torch.load");
  cmd->add_option("--threads", o->threads,
                  "intra-op threads (default: SCONCE_NUM_THREADS, else all cores)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--repeat", o->repeat, "run this many times and report the best time")
      ->check(CLI::PositiveNumber);
  cmd->callback([&action, o] { action = [o] { return runModel(*o); }; });
}

}  // namespace sconce::cli
