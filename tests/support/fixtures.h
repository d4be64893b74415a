// Test fixtures that real PyTorch generates at test time, and the shell helpers behind them.
//
// Many suites compare Sconce against files a Python generator writes with /usr/bin/python3
// (Debian's torch 1.13) into the build folder. ctest runs every TEST as its own process,
// so the generation protocol — a stamp of the generator's sources, an flock()-guarded
// regeneration into a private folder, an atomic rename — lives here once instead of in
// each suite. This library depends on nothing of Sconce but the standard library, so the
// sanitizer build of the parser tests stays light.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sconce::testing {

/// What a shell command did: its exit status (-1 when it did not exit normally or could
/// not start) and what it printed.
struct CommandResult {
  int status = -1;
  std::string output;
};

/// Which of a command's streams runCommand captures.
enum class Capture { StdoutAndStderr, StdoutOnly };

/// Runs `command` with /bin/sh and waits for it. With Capture::StdoutOnly, stderr goes
/// to the test's own stderr (for output a test compares byte for byte).
CommandResult runCommand(const std::string& command, Capture capture = Capture::StdoutAndStderr);

/// The bytes of the file at `path`; empty when it cannot be read.
std::string readFile(const std::filesystem::path& path);

/// Makes `outDir` hold the current output of a generator: runs `command <tmp>` unless
/// `outDir/stamp` matches a hash of the files `stampSources`, then renames <tmp> (beside
/// `outDir`) into place. Test processes running at once take turns on an exclusive
/// flock() of `outDir.lock`: one generates, the others then find the stamp current.
/// Before generating it checks that /usr/bin/python3 imports every module of
/// `pythonModules`. Runs at most once per `outDir` per process; later calls return the
/// first answer. Returns "" on success, else why not; a problem containing
/// "not available" means the Python modules are missing (SCONCE_REQUIRE_FIXTURES skips).
const std::string& ensureGenerated(const std::filesystem::path& outDir, const std::string& command,
                                   const std::vector<std::filesystem::path>& stampSources,
                                   const std::vector<std::string>& pythonModules = {"torch"});

}  // namespace sconce::testing

/// Skips the test when ensureGenerated's `problem` is that PyTorch is missing, fails it
/// when generation failed, and does nothing when `problem` is empty.
#define SCONCE_REQUIRE_FIXTURES(problem)                                     \
  do {                                                                       \
    const std::string& sconceProblem_ = (problem);                           \
    if (!sconceProblem_.empty()) {                                           \
      if (sconceProblem_.find("not available") != std::string::npos)         \
        GTEST_SKIP() << sconceProblem_;                                      \
      FAIL() << sconceProblem_;                                              \
    }                                                                        \
  } while (0)
