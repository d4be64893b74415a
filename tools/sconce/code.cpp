// `sconce code MODEL.pt [--file PATH]`: prints the TorchScript source stored in an archive
// (every `code/**.py` record, each under a `# file: ...` header).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "serialization/archive.h"
#include "tools/sconce/commands.h"

namespace sconce::cli {
namespace {

int runCode(const std::string& path, const std::string& only) {
  auto archive = Archive::open(path);
  SCONCE_CHECK(UnsupportedError, archive->kind() == Archive::Kind::TorchScript,
               "'{}' is a {}, which holds no TorchScript code", path, archive->kindDescription());
  auto files = archive->codeFiles();
  if (!only.empty()) {
    SCONCE_CHECK(ValueError, archive->hasRecord(only),
                 "'{}' has no code file '{}' (it has: {})", path, only, fmt::join(files, ", "));
    files = {only};
  }
  for (const auto& file : files) {
    if (files.size() > 1) fmt::print("# file: {}\n", file);
    std::string text = archive->readRecord(file);
    fmt::print("{}{}", text, text.ends_with('\n') ? "" : "\n");
  }
  return 0;
}

}  // namespace

void registerCode(CLI::App& app, std::function<int()>& action) {
  auto* cmd = app.add_subcommand("code", "Print the TorchScript source inside an archive");
  auto path = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("model", *path, "a TorchScript archive")->required();
  cmd->add_option("--file", *file, "print only this code file (e.g. code/__torch__.py)");
  cmd->callback([&action, path, file] { action = [path, file] { return runCode(*path, *file); }; });
}

}  // namespace sconce::cli
