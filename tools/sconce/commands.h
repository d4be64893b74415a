// Registration functions of the CLI's subcommands (one .cpp file each).
//
// Each registers its CLI11 subcommand and, when that subcommand is parsed, sets
// `action` to the function main() runs; the action returns the process exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace sconce::cli {

void registerInspect(CLI::App& app, std::function<int()>& action);
void registerResave(CLI::App& app, std::function<int()>& action);
void registerCode(CLI::App& app, std::function<int()>& action);
void registerGraph(CLI::App& app, std::function<int()>& action);
void registerRun(CLI::App& app, std::function<int()>& action);

}  // namespace sconce::cli
