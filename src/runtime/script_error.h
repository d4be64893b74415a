// ScriptError: an exception raised while running TorchScript, with its traceback.
//
// A `raise` in the program or a failing kernel both surface as one ScriptError whose
// message reads like PyTorch's, so users (and tests comparing against PyTorch) see the
// same text: the header, one frame per active call (outermost first) with the source
// line under way, then `<python class>: <message>`.
#pragma once

#include <string>
#include <vector>

#include "support/error.h"
#include "support/source_range.h"

namespace sconce {

/// One active call when the error happened: the function and the range it was running
/// (the failing op in the innermost frame, the call site in the others).
struct TracebackFrame {
  std::string functionName;
  SourceRange range;
};

class ScriptError : public Error {
 public:
  /// `pythonClassName` is what Python would raise: "builtins.ValueError" for a
  /// `raise ValueError(...)`, "RuntimeError" for a failing op or an `assert`.
  ScriptError(std::string pythonClassName, std::string message, std::vector<TracebackFrame> frames);

  const std::string& pythonClassName() const { return pythonClassName_; }
  /// The exception's own message, without traceback ("bad value 5").
  const std::string& message() const { return message_; }
  const std::vector<TracebackFrame>& traceback() const { return frames_; }

  /// The full PyTorch-style text what() returns:
  ///   The following operation failed in the TorchScript interpreter.
  ///   Traceback of TorchScript (most recent call last):
  ///     File "code/__torch__.py", line 12, in forward
  ///       y = self.check(x)
  ///           ~~~~~~~~~~ <--- HERE
  ///   builtins.ValueError: bad value
  /// Frames without a known source range are left out, as PyTorch does.
  static std::string render(const std::string& pythonClassName, const std::string& message,
                            const std::vector<TracebackFrame>& frames);

 private:
  std::string pythonClassName_;
  std::string message_;
  std::vector<TracebackFrame> frames_;
};

}  // namespace sconce
