// `sconce graph MODEL.pt [--method NAME] [--function QUALNAME] [--all]`: compiles methods
// of a TorchScript archive and prints their IR in PyTorch's text form (what
// `module.graph` / `module.method.graph` print in Python).
#include <fmt/format.h>

#include "ir/printer.h"
#include "module/script_module.h"
#include "tools/sconce/commands.h"

namespace sconce::cli {
namespace {

struct GraphOptions {
  std::string model;
  std::string method = "forward";
  std::string function;
  bool all = false;
  bool optimized = false;
};

int runGraph(const GraphOptions& o) {
  auto module = ScriptModule::load(o.model);
  auto show = [&](const std::shared_ptr<Graph>& g) {
    auto callees = [](Function* f) { return f->graph(); };
    return printGraph(o.optimized ? *optimizedGraph(*g, callees) : *g);
  };
  if (!o.function.empty()) {
    auto g = module->graphByQualifiedName(o.function);
    SCONCE_CHECK(ValueError, g != nullptr, "'{}' defines no function or method '{}'", o.model,
                 o.function);
    fmt::print("{}", show(g));
    return 0;
  }
  if (o.all) {
    for (const std::string& name : module->methodNames()) {
      fmt::print("# {}.{}\n{}", module->type()->name(), name, show(module->graph(name)));
    }
    return 0;
  }
  fmt::print("{}", show(module->graph(o.method)));
  return 0;
}

}  // namespace

void registerGraph(CLI::App& app, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("graph", "Compile a TorchScript archive and print its IR");
  auto o = std::make_shared<GraphOptions>();
  cmd->add_option("model", o->model, "a TorchScript archive (torch.jit.save)")->required();
  cmd->add_option("--method", o->method, "the root module's method to print (default: forward)");
  cmd->add_option("--function", o->function,
                  "any function or method by qualified name, e.g. __torch__.Net.helper");
  cmd->add_flag("--all", o->all, "print every method of the root module");
  cmd->add_flag("--optimized", o->optimized,
                "print the graph the runtime executes (after dead code elimination)");
  cmd->callback([&action, o] { action = [o] { return runGraph(*o); }; });
}

}  // namespace sconce::cli
