// Error types and checking macros shared by every layer.
//
// User-facing failures (a corrupt archive, a type error in TorchScript source, an
// unsupported op) throw a subclass of sconce::Error whose what() is one line a user can
// act on; the CLI prints it as `sconce: error: <what>` and exits non-zero. Broken
// internal invariants use SCONCE_ASSERT, which throws InternalError so a bug never
// turns into undefined behaviour in a long-running process.
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace sconce {

/// Base of all errors Sconce reports to users. The message is complete and
/// self-contained (it names the file, op or source line involved).
class Error : public std::runtime_error {
 public:
  explicit Error(std::string message) : std::runtime_error(std::move(message)) {}
};

/// The bytes of an archive, pickle or zip container are malformed or hostile.
class FormatError : public Error {
 public:
  using Error::Error;
};

/// A value has the wrong type or shape for what is asked of it (at run time).
class ValueError : public Error {
 public:
  using Error::Error;
};

/// Something Sconce does not implement yet (an op, a pickle global, a syntax form).
class UnsupportedError : public Error {
 public:
  using Error::Error;
};

/// A filesystem or OS call failed.
class IoError : public Error {
 public:
  using Error::Error;
};

/// An invariant inside Sconce was broken: always a Sconce bug.
class InternalError : public Error {
 public:
  using Error::Error;
};

/// Throws E with a fmt-formatted message.
template <class E = Error, class... Args>
[[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) {
  throw E(fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace sconce

/// Checks an internal invariant; failure is a Sconce bug, reported with its location.
#define SCONCE_ASSERT(cond, ...)                                                    \
  do {                                                                              \
    if (!(cond)) [[unlikely]]                                                       \
      throw ::sconce::InternalError(::fmt::format("internal assertion failed at {}:{}: {} {}", \
                                                  __FILE__, __LINE__, #cond,        \
                                                  ::fmt::format("" __VA_ARGS__)));  \
  } while (0)

/// Checks a user-facing condition; throws ErrorType with the formatted message.
#define SCONCE_CHECK(ErrorType, cond, ...)                      \
  do {                                                          \
    if (!(cond)) [[unlikely]]                                   \
      throw ErrorType(::fmt::format(__VA_ARGS__));              \
  } while (0)
