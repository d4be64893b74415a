// Entry point of the `sconce` command-line tool: dispatches to one file per subcommand.
//
// Every failure a user can cause ends here as one line `sconce: error: <message>`
// (compile errors add their source excerpt) and a non-zero exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

#include "support/error.h"
#include "tools/sconce/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"sconce: a standalone TorchScript compiler and runtime"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sconce 0.1.0");
  std::function<int()> action;
  sconce::cli::registerInspect(app, action);
  sconce::cli::registerResave(app, action);
  sconce::cli::registerCode(app, action);
  sconce::cli::registerGraph(app, action);
  sconce::cli::registerRun(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage errors follow the CLI's one-line error convention, exit status 2.
    fmt::print(stderr, "sconce: error: {} (see sconce --help)\n", e.what());
    return 2;
  }
  try {
    return action();
  } catch (const sconce::Error& e) {
    fmt::print(stderr, "sconce: error: {}\n", e.what());
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "sconce: error: out of memory\n");
  } catch (const std::exception& e) {
    fmt::print(stderr, "sconce: error: internal error: {}\n", e.what());
  }
  return 1;
}
