// Source text and ranges into it, for diagnostics that point at TorchScript code.
//
// Every AST node and IR node keeps a SourceRange so compile and run-time errors can
// print the offending line with `~~~~` under it, the way PyTorch does.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/error.h"

namespace sconce {

/// An immutable piece of source text (usually one `code/**.py` file of an archive).
/// Shared by every range that points into it.
class Source {
 public:
  /// `filename` is what diagnostics print; `firstLine` is the 1-based line number of
  /// the first character (non-1 when the text is an excerpt of a larger file).
  Source(std::string text, std::string filename = "<string>", size_t firstLine = 1);

  const std::string& text() const { return text_; }
  const std::string& filename() const { return filename_; }
  /// 1-based line number containing byte `offset`.
  size_t lineOf(size_t offset) const;
  /// Byte offset where the 0-based line index `lineIndex` starts.
  size_t lineStart(size_t lineIndex) const { return lineStarts_[lineIndex]; }
  size_t lineCount() const { return lineStarts_.size(); }
  size_t firstLine() const { return firstLine_; }

 private:
  std::string text_;
  std::string filename_;
  size_t firstLine_;
  std::vector<size_t> lineStarts_;
};

using SourcePtr = std::shared_ptr<const Source>;

/// A half-open byte range [start, end) of a Source. A default-constructed range is
/// "unknown" and renders as nothing.
class SourceRange {
 public:
  SourceRange() = default;
  SourceRange(SourcePtr source, size_t start, size_t end)
      : source_(std::move(source)), start_(start), end_(end) {}

  bool valid() const { return source_ != nullptr; }
  const SourcePtr& source() const { return source_; }
  size_t start() const { return start_; }
  size_t end() const { return end_; }
  std::string_view text() const;
  /// 1-based line of the range start.
  size_t line() const;
  /// The smallest range covering both (must share a Source).
  SourceRange merge(const SourceRange& other) const;

  /// PyTorch-style excerpt:
  ///   File "code/__torch__/m.py", line 12
  ///       y = torch.add(x, "a")
  ///           ~~~~~~~~~ <--- HERE
  std::string highlight() const;

 private:
  SourcePtr source_;
  size_t start_ = 0;
  size_t end_ = 0;
};

/// An error located in TorchScript source; what() includes the highlighted excerpt
/// and any "called from" frames appended by callers.
class CompileError : public Error {
 public:
  CompileError(std::string message, SourceRange range);
  const std::string& message() const { return message_; }
  const SourceRange& range() const { return range_; }
  /// Records that the failing code was reached from `callSite` (printed as
  /// "'<name>' is being compiled since it was called from ...").
  void addCallFrame(const std::string& calleeName, const SourceRange& callSite);
  const char* what() const noexcept override { return rendered_.c_str(); }

 private:
  void render();
  std::string message_;
  SourceRange range_;
  std::vector<std::pair<std::string, SourceRange>> frames_;
  std::string rendered_;
};

}  // namespace sconce
