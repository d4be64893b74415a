// Shell commands, files and the once-per-generator-version fixture protocol for tests.
#include "tests/support/fixtures.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>

namespace sconce::testing {

namespace fs = std::filesystem;

namespace {

/// Holds an flock() on a file beside the fixtures for its lifetime; closing releases it.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR, 0644)) {
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? separator : "") + parts[i];
  return s;
}

std::string generate(const fs::path& outDir, const std::string& command, const std::vector<fs::path>& stampSources,
                     const std::vector<std::string>& pythonModules) {
  std::string sources;
  for (const fs::path& p : stampSources) sources += readFile(p);
  const std::string stamp = std::to_string(std::hash<std::string>()(sources));
  if (readFile(outDir / "stamp") == stamp) return "";
  fs::create_directories(outDir.parent_path());
  FileLock lock(outDir.string() + ".lock");
  // Whoever held the lock before us may have generated this very version.
  if (readFile(outDir / "stamp") == stamp) return "";
  if (runCommand("/usr/bin/python3 -c 'import " + join(pythonModules, ", ") + "'").status != 0)
    return "/usr/bin/python3 with " + join(pythonModules, " and ") + " is not available";
  const fs::path tmp = outDir.string() + ".tmp" + std::to_string(::getpid());
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  CommandResult generated = runCommand(command + " " + tmp.string());
  if (generated.status != 0) return command + " failed:\n" + generated.output;
  std::ofstream(tmp / "stamp") << stamp;
  std::error_code ec;
  fs::remove_all(outDir, ec);
  fs::rename(tmp, outDir, ec);
  if (ec) fs::remove_all(tmp);
  return "";
}

}  // namespace

CommandResult runCommand(const std::string& command, Capture capture) {
  const std::string shell = capture == Capture::StdoutAndStderr ? command + " 2>&1" : command;
  FILE* pipe = ::popen(shell.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  CommandResult result;
  std::array<char, 4096> buf;
  while (size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) result.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& ensureGenerated(const fs::path& outDir, const std::string& command,
                                   const std::vector<fs::path>& stampSources,
                                   const std::vector<std::string>& pythonModules) {
  static std::mutex mutex;
  static std::map<fs::path, std::string> problems;  // nodes never move: references stay valid
  std::lock_guard<std::mutex> guard(mutex);
  auto [it, first] = problems.try_emplace(outDir);
  if (first) it->second = generate(outDir, command, stampSources, pythonModules);
  return it->second;
}

}  // namespace sconce::testing
