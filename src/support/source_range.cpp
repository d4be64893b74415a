// Source, SourceRange and CompileError rendering.
#include "support/source_range.h"

#include <algorithm>

namespace sconce {

Source::Source(std::string text, std::string filename, size_t firstLine)
    : text_(std::move(text)), filename_(std::move(filename)), firstLine_(firstLine) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
}

size_t Source::lineOf(size_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<size_t>(it - lineStarts_.begin()) - 1 + firstLine_;
}

std::string_view SourceRange::text() const {
  if (!source_) return {};
  const std::string& t = source_->text();
  size_t s = std::min(start_, t.size());
  size_t e = std::min(std::max(end_, s), t.size());
  return std::string_view(t).substr(s, e - s);
}

size_t SourceRange::line() const { return source_ ? source_->lineOf(start_) : 0; }

SourceRange SourceRange::merge(const SourceRange& other) const {
  if (!source_) return other;
  if (!other.source_) return *this;
  SCONCE_ASSERT(source_ == other.source_, "merging ranges of different sources");
  return SourceRange(source_, std::min(start_, other.start_), std::max(end_, other.end_));
}

std::string SourceRange::highlight() const {
  if (!source_) return {};
  const std::string& t = source_->text();
  size_t start = std::min(start_, t.size());
  size_t end = std::min(std::max(end_, start), t.size());
  // PyTorch's layout: the source lines as they are (no added indent), with up to two
  // lines of context before and after the highlighted one, and under it `~` from the
  // range's start to its end (`...` when the range continues on later lines).
  constexpr size_t kContext = 2;
  size_t lineIdx = source_->lineOf(start) - source_->firstLine();
  size_t lineBegin = source_->lineStart(lineIdx);
  auto endOfLine = [&](size_t idx) {  // the '\n' ending line idx, or the text's end
    size_t e = t.find('\n', source_->lineStart(idx));
    return e == std::string::npos ? t.size() : e;
  };
  size_t lineEnd = endOfLine(lineIdx);
  size_t contextBegin = source_->lineStart(lineIdx >= kContext ? lineIdx - kContext : 0);
  size_t lastIdx = std::min(lineIdx + kContext, source_->lineCount() - 1);
  size_t contextEnd = std::max(lineEnd, endOfLine(lastIdx));
  std::string out = fmt::format("  File \"{}\", line {}\n", source_->filename(),
                                source_->lineOf(start));
  out.append(t, contextBegin, lineEnd - contextBegin);
  out += '\n';
  out.append(start - lineBegin, ' ');
  size_t width = std::max<size_t>(1, std::min(end, lineEnd) - start);
  out.append(width, '~');
  out += end > lineEnd ? "...  <--- HERE" : " <--- HERE";
  out.append(t, lineEnd, contextEnd - lineEnd);
  out += '\n';
  return out;
}

CompileError::CompileError(std::string message, SourceRange range)
    : Error(message), message_(std::move(message)), range_(std::move(range)) {
  render();
}

void CompileError::addCallFrame(const std::string& calleeName, const SourceRange& callSite) {
  frames_.emplace_back(calleeName, callSite);
  render();
}

void CompileError::render() {
  rendered_ = message_;
  rendered_ += '\n';
  rendered_ += range_.highlight();
  for (const auto& [name, site] : frames_) {
    rendered_ += fmt::format("'{}' is being compiled since it was called from\n", name);
    rendered_ += site.highlight();
  }
  while (!rendered_.empty() && rendered_.back() == '\n') rendered_.pop_back();
}

}  // namespace sconce
