// TextScanner: the character-level cursor shared by the IR parser and the schema parser.
//
// Both grammars are small and token-light (identifiers, numbers, quoted strings and
// punctuation), so each parser is plain recursive descent over this cursor instead of
// a separate lexer. Errors are CompileErrors pointing at the offending text.
#pragma once

#include <string>
#include <string_view>

#include "support/source_range.h"

namespace sconce {

class TextScanner {
 public:
  /// `hashComments`: treat `#` up to the end of the line as whitespace (IR text).
  TextScanner(SourcePtr source, bool hashComments);

  const SourcePtr& source() const { return source_; }
  size_t pos() const { return pos_; }
  /// Rewinds to a position previously returned by pos() (for one-token lookahead).
  void setPos(size_t pos) { pos_ = pos; }
  /// Skips whitespace (and comments) and returns the next character, or '\0' at end.
  char peek();
  /// The character `offset` past the next one, without skipping anything in between.
  char peekAt(size_t offset);
  bool atEnd() { return peek() == '\0'; }
  /// Consumes `text` if it comes next (after whitespace).
  bool tryConsume(std::string_view text);
  /// Consumes `text` or fails with "expected '<text>'".
  void expect(std::string_view text);
  /// Consumes the identifier `word` if it comes next as a whole word.
  bool tryKeyword(std::string_view word);
  /// Whether an identifier starts here.
  bool atIdentifier();
  /// [A-Za-z_][A-Za-z0-9_]*; fails when there is none.
  std::string_view identifier(std::string_view what = "an identifier");
  /// Like identifier() but also accepting '.' after the first character (qualified
  /// names such as `__torch__.foo.Bar`).
  std::string_view dottedName(std::string_view what = "a name");
  /// A value name after `%`: letters, digits, '_', '.' and non-ASCII bytes (no
  /// whitespace is skipped first). Fails when empty.
  std::string_view valueName();
  /// A number as written: -?(digits[.digits*]|.digits)([eE][+-]?digits)?, or
  /// -?inf / nan. Empty when none starts here.
  std::string_view tryNumber();
  /// A single- or double-quoted string with C escapes (\n, \t, \\, \', \", \ooo, \xHH).
  std::string stringLiteral();
  /// Throws CompileError `message` near the next token.
  [[noreturn]] void fail(const std::string& message);
  /// The next few characters, for "near '...'" in messages.
  std::string_view nearText();

 private:
  void skipSpace();
  SourcePtr source_;
  std::string_view text_;
  size_t pos_ = 0;
  bool hashComments_;
};

}  // namespace sconce
