// TextScanner: whitespace, identifiers, numbers, string literals and error positions.
#include "ir/text_scanner.h"

#include <cctype>

namespace sconce {
namespace {

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

TextScanner::TextScanner(SourcePtr source, bool hashComments)
    : source_(std::move(source)), text_(source_->text()), hashComments_(hashComments) {}

void TextScanner::skipSpace() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos_;
    } else if (c == '#' && hashComments_) {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else {
      break;
    }
  }
}

char TextScanner::peek() {
  skipSpace();
  return pos_ < text_.size() ? text_[pos_] : '\0';
}

char TextScanner::peekAt(size_t offset) {
  skipSpace();
  return pos_ + offset < text_.size() ? text_[pos_ + offset] : '\0';
}

bool TextScanner::tryConsume(std::string_view text) {
  skipSpace();
  if (text_.substr(pos_, text.size()) != text) return false;
  pos_ += text.size();
  return true;
}

void TextScanner::expect(std::string_view text) {
  if (!tryConsume(text)) fail("expected '" + std::string(text) + "'");
}

bool TextScanner::tryKeyword(std::string_view word) {
  skipSpace();
  if (text_.substr(pos_, word.size()) != word) return false;
  if (pos_ + word.size() < text_.size() && isIdentChar(text_[pos_ + word.size()])) return false;
  pos_ += word.size();
  return true;
}

bool TextScanner::atIdentifier() { return isIdentStart(peek()); }

std::string_view TextScanner::identifier(std::string_view what) {
  if (!atIdentifier()) fail("expected " + std::string(what));
  size_t start = pos_;
  while (pos_ < text_.size() && isIdentChar(text_[pos_])) ++pos_;
  return text_.substr(start, pos_ - start);
}

std::string_view TextScanner::dottedName(std::string_view what) {
  if (!atIdentifier()) fail("expected " + std::string(what));
  size_t start = pos_;
  while (pos_ < text_.size() &&
         (isIdentChar(text_[pos_]) ||
          (text_[pos_] == '.' && pos_ + 1 < text_.size() && isIdentStart(text_[pos_ + 1]))))
    ++pos_;
  return text_.substr(start, pos_ - start);
}

std::string_view TextScanner::valueName() {
  size_t start = pos_;
  while (pos_ < text_.size() &&
         (isIdentChar(text_[pos_]) || text_[pos_] == '.' || static_cast<unsigned char>(text_[pos_]) >= 0x80))
    ++pos_;
  if (pos_ == start) fail("expected a value name");
  return text_.substr(start, pos_ - start);
}

std::string_view TextScanner::tryNumber() {
  skipSpace();
  size_t p = pos_;
  if (p < text_.size() && text_[p] == '-') ++p;
  for (std::string_view word : {"inf", "nan"})
    if (text_.substr(p, 3) == word && !(p + 3 < text_.size() && isIdentChar(text_[p + 3]))) {
      std::string_view r = text_.substr(pos_, p + 3 - pos_);
      pos_ = p + 3;
      return r;
    }
  size_t digits = 0;
  while (p < text_.size() && isDigit(text_[p])) ++p, ++digits;
  if (p < text_.size() && text_[p] == '.') {
    ++p;
    while (p < text_.size() && isDigit(text_[p])) ++p, ++digits;
  }
  if (digits == 0) return {};
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    size_t q = p + 1;
    if (q < text_.size() && (text_[q] == '+' || text_[q] == '-')) ++q;
    if (q < text_.size() && isDigit(text_[q])) {
      p = q;
      while (p < text_.size() && isDigit(text_[p])) ++p;
    }
  }
  std::string_view r = text_.substr(pos_, p - pos_);
  pos_ = p;
  return r;
}

std::string TextScanner::stringLiteral() {
  char quote = peek();
  if (quote != '"' && quote != '\'') fail("expected a string literal");
  size_t start = pos_++;
  std::string out;
  while (true) {
    if (pos_ >= text_.size()) {
      pos_ = start;
      fail("unterminated string literal");
    }
    char c = text_[pos_++];
    if (c == quote) break;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos_ >= text_.size()) continue;
    char e = text_[pos_++];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        int v = 0;
        for (int i = 0; i < 2 && pos_ < text_.size() &&
                        std::isxdigit(static_cast<unsigned char>(text_[pos_]));
             ++i) {
          char h = static_cast<char>(std::tolower(static_cast<unsigned char>(text_[pos_++])));
          v = v * 16 + (isDigit(h) ? h - '0' : h - 'a' + 10);
        }
        out += static_cast<char>(v);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int i = 0; i < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++i)
            v = v * 8 + (text_[pos_++] - '0');
          out += static_cast<char>(v);
        } else {
          out += e;  // \\, \', \" and unknown escapes stand for the character itself
        }
    }
  }
  return out;
}

std::string_view TextScanner::nearText() {
  skipSpace();
  if (pos_ >= text_.size()) return "end of input";
  size_t end = pos_;
  while (end < text_.size() && end - pos_ < 16 && text_[end] != '\n') ++end;
  return text_.substr(pos_, std::max<size_t>(end - pos_, 1));
}

void TextScanner::fail(const std::string& message) {
  std::string_view near = nearText();
  size_t len = pos_ < text_.size() ? 1 : 0;
  std::string at = near == "end of input" ? std::string(near) : "'" + std::string(near) + "'";
  throw CompileError(fmt::format("{} near {}", message, at), SourceRange(source_, pos_, pos_ + len));
}

}  // namespace sconce
