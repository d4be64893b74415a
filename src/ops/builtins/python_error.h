// PythonError: the exception a builtin kernel raises where Python would raise one.
//
// TorchScript programs observe Python's exceptions by their text (there is no `except`
// in TorchScript, but the message is what a user reads), so builtins raise them with
// Python's class name and message: what() is "IndexError: list index out of range",
// the last line of the traceback CPython would print. It derives from ValueError so a
// caller that only knows Sconce's error types still reports it as a bad value.
#pragma once

#include <string>
#include <string_view>

#include "support/error.h"

namespace sconce::ops {

class PythonError : public ValueError {
 public:
  /// `type` is the Python class name ("KeyError"), `message` what str(exc) gives.
  PythonError(std::string type, std::string message)
      : ValueError(message.empty() ? type : type + ": " + message),
        type_(std::move(type)), message_(std::move(message)) {}
  const std::string& pythonType() const { return type_; }
  const std::string& pythonMessage() const { return message_; }

 private:
  std::string type_;
  std::string message_;
};

/// Throws PythonError(type, message).
[[noreturn]] inline void raisePython(std::string type, std::string message) {
  throw PythonError(std::move(type), std::move(message));
}

}  // namespace sconce::ops
