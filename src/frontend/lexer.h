// The TorchScript lexer: source text to tokens, Python-style.
//
// TorchScript is a Python subset, so the lexer follows Python's tokenizer: INDENT /
// DEDENT / NEWLINE tokens from leading whitespace, newlines inside brackets and after
// a backslash ignored, comments skipped except `# type:` comments, which ride along as
// trivia on the next token so the parser can attach them to a def or assignment.
// Literals arrive decoded (integer magnitude, double, string bytes). Tokens are produced
// on demand, so the first error in the text, lexical or syntactic, is the one reported.
#pragma once

#include <deque>
#include <vector>

#include "frontend/token.h"
#include "support/source_range.h"

namespace sconce {

class Lexer {
 public:
  /// Lexes bytes [begin, end) of `source` (the whole text by default). The lexer keeps
  /// the source alive; every range it reports points into it.
  explicit Lexer(SourcePtr source, size_t begin = 0, size_t end = std::string::npos);

  /// The next token; End forever once the input is exhausted. Throws CompileError at
  /// the first malformed construct (unterminated string or bracket, bad indentation,
  /// invalid character or number).
  Token next();

  const SourcePtr& source() const { return source_; }
  SourceRange rangeOf(const Token& token) const {
    return SourceRange(source_, token.start, token.end);
  }

 private:
  Token makeToken(TokenKind kind, size_t start, size_t end);
  [[noreturn]] void error(const std::string& message, size_t start, size_t end) const;
  char peekChar(size_t offset = 0) const {
    return pos_ + offset < end_ ? text_[pos_ + offset] : '\0';
  }
  bool startIndentedLine();
  void skipComment();
  Token lexName();
  Token lexNumber();
  Token lexString(size_t start, bool raw);
  void decodeEscape(std::string& out);
  Token lexOperator();
  Token finish();

  SourcePtr source_;
  std::string_view text_;
  size_t pos_;
  size_t end_;
  std::vector<size_t> indents_{0};
  // Open brackets (character, offset), for matching and "never closed" errors.
  std::vector<std::pair<char, size_t>> brackets_;
  std::deque<Token> pending_;
  bool atLineStart_ = true;
  bool lineHasTokens_ = false;
  bool finished_ = false;
  size_t typeCommentStart_ = 0;
  size_t typeCommentEnd_ = 0;
};

/// Lexes all of `source` up to and including End (for tests and tools).
std::vector<Token> tokenize(const SourcePtr& source);

}  // namespace sconce
