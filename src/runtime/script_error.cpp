// ScriptError rendering.
#include "runtime/script_error.h"

namespace sconce {

ScriptError::ScriptError(std::string pythonClassName, std::string message,
                         std::vector<TracebackFrame> frames)
    : Error(render(pythonClassName, message, frames)),
      pythonClassName_(std::move(pythonClassName)),
      message_(std::move(message)),
      frames_(std::move(frames)) {}

std::string ScriptError::render(const std::string& pythonClassName, const std::string& message,
                                const std::vector<TracebackFrame>& frames) {
  std::string out =
      "The following operation failed in the TorchScript interpreter.\n"
      "Traceback of TorchScript (most recent call last):\n";
  for (const TracebackFrame& f : frames) {
    if (!f.range.valid()) continue;
    // highlight() opens with `  File "...", line N`; the frame adds `, in <function>`.
    std::string excerpt = f.range.highlight();
    size_t eol = excerpt.find('\n');
    if (eol == std::string::npos) eol = excerpt.size();
    excerpt.insert(eol, ", in " + f.functionName);
    out += excerpt;
  }
  out += pythonClassName + ": " + message;
  return out;
}

}  // namespace sconce
