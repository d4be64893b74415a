// The TorchScript lexer: indentation, comments, literals and operators.
//
// Follows Python's tokenizer closely enough that every file PyTorch serializes (and the
// Python subset users write) lexes the same way. Two deliberate deviations: octal
// escapes up to \377 produce raw bytes, because PyTorch's printer escapes each byte of a
// non-ASCII UTF-8 string that way; and bytes/f-string literals are rejected.
#include "frontend/lexer.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "support/utf8.h"

namespace sconce {
namespace {

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hexValue(char c) {
  if (isDigit(c)) return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// `digits` holds decimal digits with at most one '.' and an optional exponent, without
// underscores. Out-of-range values saturate to inf or 0, as in Python.
double parseDouble(const std::string& digits) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc::result_out_of_range) return value;
  size_t e = digits.find_first_of("eE");
  std::string_view mantissa = std::string_view(digits).substr(0, e);
  long exponent = e == std::string::npos ? 0 : std::strtol(digits.c_str() + e + 1, nullptr, 10);
  size_t firstNonZero = mantissa.find_first_not_of("0.");
  size_t point = mantissa.find('.');
  if (point == std::string::npos) point = mantissa.size();
  // Decimal magnitude of the leading significant digit.
  long magnitude = static_cast<long>(point) - static_cast<long>(firstNonZero);
  if (firstNonZero > point) ++magnitude;
  // `exponent > -magnitude` rather than a sum: strtol saturates huge exponents.
  return exponent > -magnitude ? std::numeric_limits<double>::infinity() : 0.0;
}

}  // namespace

Lexer::Lexer(SourcePtr source, size_t begin, size_t end)
    : source_(std::move(source)), text_(source_->text()), pos_(begin), end_(end) {
  end_ = std::min(end_, text_.size());
  pos_ = std::min(pos_, end_);
}

void Lexer::error(const std::string& message, size_t start, size_t end) const {
  throw CompileError(message, SourceRange(source_, start, end));
}

Token Lexer::makeToken(TokenKind kind, size_t start, size_t end) {
  Token token;
  token.kind = kind;
  token.start = start;
  token.end = end;
  token.typeCommentStart = typeCommentStart_;
  token.typeCommentEnd = typeCommentEnd_;
  typeCommentStart_ = typeCommentEnd_ = 0;
  return token;
}

Token Lexer::next() {
  for (;;) {
    if (!pending_.empty()) {
      Token token = std::move(pending_.front());
      pending_.pop_front();
      return token;
    }
    if (finished_) return makeToken(TokenKind::End, end_, end_);
    if (atLineStart_ && brackets_.empty()) {
      atLineStart_ = false;
      if (startIndentedLine()) continue;
    }
    if (pos_ >= end_) return finish();
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
      ++pos_;
    } else if (c == '#') {
      skipComment();
    } else if (c == '\\') {
      size_t skip = peekChar(1) == '\r' ? 2 : 1;
      if (pos_ + skip >= end_)
        error("unexpected end of file after line continuation character", pos_, pos_ + 1);
      if (peekChar(skip) != '\n')
        error("unexpected character after line continuation character", pos_, pos_ + 1);
      pos_ += skip + 1;
    } else if (c == '\n') {
      size_t at = pos_++;
      if (!brackets_.empty()) continue;
      atLineStart_ = true;
      if (lineHasTokens_) {
        lineHasTokens_ = false;
        return makeToken(TokenKind::Newline, at, at + 1);
      }
    } else {
      lineHasTokens_ = true;
      if (isIdentStart(c)) return lexName();
      if (isDigit(c) || (c == '.' && isDigit(peekChar(1)))) return lexNumber();
      if (c == '"' || c == '\'') return lexString(pos_, /*raw=*/false);
      return lexOperator();
    }
  }
}

// Consumes blank and comment-only lines, then compares the indentation of the first
// real line with the stack. Returns true when INDENT/DEDENT tokens were queued.
bool Lexer::startIndentedLine() {
  for (;;) {
    size_t lineStart = pos_;
    size_t column = 0;
    for (; pos_ < end_; ++pos_) {
      char c = text_[pos_];
      if (c == ' ') {
        ++column;
      } else if (c == '\t') {
        column = (column / 8 + 1) * 8;
      } else if (c == '\f') {
        column = 0;
      } else if (c != '\r') {
        break;
      }
    }
    if (pos_ >= end_) return false;
    if (text_[pos_] == '\n') {
      ++pos_;
      continue;
    }
    if (text_[pos_] == '#') {
      skipComment();
      continue;
    }
    if (column > indents_.back()) {
      indents_.push_back(column);
      pending_.push_back(makeToken(TokenKind::Indent, lineStart, pos_));
      return true;
    }
    while (column < indents_.back()) {
      indents_.pop_back();
      pending_.push_back(makeToken(TokenKind::Dedent, pos_, pos_));
    }
    if (column != indents_.back())
      error("unindent does not match any outer indentation level", lineStart, pos_ + 1);
    return !pending_.empty();
  }
}

// Skips to the end of the line; a `# type: ...` comment (other than `# type: ignore`)
// is remembered for the next token.
void Lexer::skipComment() {
  size_t start = pos_;
  size_t stop = text_.find('\n', pos_);
  pos_ = std::min(stop, end_);
  std::string_view body = text_.substr(start + 1, pos_ - start - 1);
  size_t i = body.find_first_not_of(" \t");
  if (i == std::string_view::npos || body.substr(i, 5) != "type:") return;
  i = body.find_first_not_of(" \t", i + 5);
  if (i == std::string_view::npos) return;
  size_t last = body.find_last_not_of(" \t\r");
  std::string_view content = body.substr(i, last + 1 - i);
  if (content.starts_with("ignore") && (content.size() == 6 || !isIdentChar(content[6]))) return;
  typeCommentStart_ = start + 1 + i;
  typeCommentEnd_ = start + 1 + last + 1;
}

Token Lexer::lexName() {
  size_t start = pos_;
  while (pos_ < end_ && isIdentChar(text_[pos_])) ++pos_;
  std::string_view word = text_.substr(start, pos_ - start);
  char next = peekChar();
  if ((next == '"' || next == '\'') && word.size() <= 2) {
    std::string prefix;
    for (char c : word) prefix += static_cast<char>(c | 0x20);
    if (prefix == "r" || prefix == "u") return lexString(start, prefix == "r");
    if (prefix == "b" || prefix == "br" || prefix == "rb")
      error("bytes literals are not supported in TorchScript", start, pos_ + 1);
    if (prefix == "f" || prefix == "fr" || prefix == "rf")
      error("f-strings are not supported here; use str.format()", start, pos_ + 1);
  }
  if (auto keyword = keywordKind(word)) return makeToken(*keyword, start, pos_);
  Token token = makeToken(TokenKind::Name, start, pos_);
  token.value = word;
  return token;
}

Token Lexer::lexNumber() {
  size_t start = pos_;
  // Reads digits accepted by `isValid`, allowing single underscores between them.
  auto readDigits = [&](auto isValid, bool underscoreFirst) {
    std::string digits;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (isValid(c)) {
        digits += c;
        ++pos_;
      } else if (c == '_' && (underscoreFirst || !digits.empty()) && pos_ + 1 < end_ &&
                 isValid(text_[pos_ + 1])) {
        ++pos_;
      } else {
        break;
      }
    }
    return digits;
  };
  auto toInt = [&](const std::string& digits, unsigned base) {
    uint64_t value = 0;
    for (char c : digits) {
      uint64_t digit = static_cast<uint64_t>(hexValue(c));
      if (value > (std::numeric_limits<uint64_t>::max() - digit) / base)
        error("integer literal is too large", start, pos_);
      value = value * base + digit;
    }
    Token token = makeToken(TokenKind::Int, start, pos_);
    token.intValue = value;
    return token;
  };
  auto rejectTrailing = [&](const char* what) {
    if (pos_ < end_ && (isIdentChar(text_[pos_]) || text_[pos_] == '.'))
      error(fmt::format("invalid {} literal", what), start, pos_ + 1);
  };

  char prefix = static_cast<char>(peekChar(1) | 0x20);
  if (text_[pos_] == '0' && (prefix == 'x' || prefix == 'o' || prefix == 'b')) {
    pos_ += 2;
    unsigned base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    const char* name = prefix == 'x' ? "hexadecimal" : prefix == 'o' ? "octal" : "binary";
    std::string digits = readDigits(
        [base](char c) { return base == 16 ? isHexDigit(c) : c >= '0' && c < '0' + int(base); },
        /*underscoreFirst=*/true);
    if (digits.empty()) error(fmt::format("invalid {} literal", name), start, pos_ + 1);
    rejectTrailing(name);
    return toInt(digits, base);
  }

  std::string digits = readDigits(isDigit, false);
  bool isFloat = false;
  if (peekChar() == '.') {
    isFloat = true;
    ++pos_;
    digits += '.';
    digits += readDigits(isDigit, false);
  }
  if ((peekChar() | 0x20) == 'e') {
    size_t signAt = peekChar(1) == '+' || peekChar(1) == '-' ? 1 : 0;
    if (isDigit(peekChar(1 + signAt))) {
      isFloat = true;
      digits += 'e';
      if (signAt) digits += peekChar(1);
      pos_ += 1 + signAt;
      digits += readDigits(isDigit, false);
    }
  }
  bool imaginary = (peekChar() | 0x20) == 'j';
  if (imaginary) ++pos_;
  rejectTrailing("decimal");
  if (!isFloat && !imaginary) {
    if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos)
      error(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
          "for octal integers",
          start, pos_);
    return toInt(digits, 10);
  }
  Token token = makeToken(imaginary ? TokenKind::Imag : TokenKind::Float, start, pos_);
  token.floatValue = parseDouble(digits);
  return token;
}

// `start` is where the literal (including any prefix) begins; pos_ is at the quote.
Token Lexer::lexString(size_t start, bool raw) {
  char quote = text_[pos_];
  bool triple = peekChar(1) == quote && peekChar(2) == quote;
  size_t openEnd = pos_ + (triple ? 3 : 1);
  pos_ = openEnd;
  auto unterminated = [&] {
    error(triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
          start, openEnd);
  };
  std::string value;
  for (;;) {
    if (pos_ >= end_) unterminated();
    char c = text_[pos_];
    if (c == quote && (!triple || (peekChar(1) == quote && peekChar(2) == quote))) {
      pos_ += triple ? 3 : 1;
      break;
    }
    if (c == '\n' && !triple) unterminated();
    if (c == '\\') {
      if (pos_ + 1 >= end_) unterminated();
      if (raw) {
        value += text_.substr(pos_, 2);
        pos_ += 2;
      } else {
        decodeEscape(value);
      }
      continue;
    }
    value += c;
    ++pos_;
  }
  Token token = makeToken(TokenKind::String, start, pos_);
  token.value = std::move(value);
  return token;
}

// pos_ is at a backslash inside a non-raw string; appends the decoded character.
void Lexer::decodeEscape(std::string& out) {
  size_t at = pos_;
  char c = text_[pos_ + 1];
  pos_ += 2;
  auto readHex = [&](int count) {
    uint32_t value = 0;
    for (int i = 0; i < count; ++i) {
      if (!isHexDigit(peekChar()))
        error(fmt::format("truncated \\{} escape", c), at, std::min(pos_ + 1, end_));
      value = value * 16 + static_cast<uint32_t>(hexValue(text_[pos_++]));
    }
    return value;
  };
  switch (c) {
    case '\n': return;
    case '\r':
      if (peekChar() == '\n') ++pos_;
      return;
    case '\\': out += '\\'; return;
    case '\'': out += '\''; return;
    case '"': out += '"'; return;
    case 'a': out += '\a'; return;
    case 'b': out += '\b'; return;
    case 'f': out += '\f'; return;
    case 'n': out += '\n'; return;
    case 'r': out += '\r'; return;
    case 't': out += '\t'; return;
    case 'v': out += '\v'; return;
    case 'x': appendUtf8(out, readHex(2)); return;
    case 'u': appendUtf8(out, readHex(4)); return;
    case 'U': {
      uint32_t cp = readHex(8);
      if (cp > 0x10FFFF) error("illegal Unicode character in \\U escape", at, pos_);
      appendUtf8(out, cp);
      return;
    }
    case 'N': error("\\N{...} escapes are not supported", at, pos_);
    default: break;
  }
  if (c >= '0' && c <= '7') {
    uint32_t value = static_cast<uint32_t>(c - '0');
    for (int i = 0; i < 2 && peekChar() >= '0' && peekChar() <= '7'; ++i)
      value = value * 8 + static_cast<uint32_t>(text_[pos_++] - '0');
    if (value <= 0xFF) {
      out += static_cast<char>(value);
    } else {
      appendUtf8(out, value);
    }
    return;
  }
  // Python keeps unknown escapes verbatim.
  out += '\\';
  out += c;
}

Token Lexer::lexOperator() {
  size_t start = pos_;
  auto kind = matchOperator(text_.substr(pos_, std::min<size_t>(3, end_ - pos_)));
  if (!kind) {
    auto c = static_cast<unsigned char>(text_[pos_]);
    error(c >= 0x20 && c < 0x7F ? fmt::format("invalid character '{}'", static_cast<char>(c))
                                : fmt::format("invalid character '\\x{:02x}'", c),
          pos_, pos_ + 1);
  }
  pos_ += tokenSpelling(*kind).size();
  char c = text_[start];
  if (c == '(' || c == '[' || c == '{') {
    brackets_.emplace_back(c, start);
  } else if (c == ')' || c == ']' || c == '}') {
    if (brackets_.empty()) error(fmt::format("unmatched '{}'", c), start, pos_);
    auto [open, openAt] = brackets_.back();
    char expected = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (c != expected)
      error(fmt::format("closing '{}' does not match opening '{}' on line {}", c, open,
                        source_->lineOf(openAt)),
            start, pos_);
    brackets_.pop_back();
  }
  return makeToken(*kind, start, pos_);
}

// At the end of input: close the last logical line and every open indentation level.
Token Lexer::finish() {
  if (!brackets_.empty()) {
    auto [open, openAt] = brackets_.back();
    error(fmt::format("'{}' was never closed", open), openAt, openAt + 1);
  }
  if (lineHasTokens_) {
    lineHasTokens_ = false;
    pending_.push_back(makeToken(TokenKind::Newline, end_, end_));
  }
  while (indents_.size() > 1) {
    indents_.pop_back();
    pending_.push_back(makeToken(TokenKind::Dedent, end_, end_));
  }
  finished_ = true;
  pending_.push_back(makeToken(TokenKind::End, end_, end_));
  Token token = std::move(pending_.front());
  pending_.pop_front();
  return token;
}

std::vector<Token> tokenize(const SourcePtr& source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  do {
    tokens.push_back(lexer.next());
  } while (tokens.back().kind != TokenKind::End);
  return tokens;
}

}  // namespace sconce
