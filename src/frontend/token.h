// Token kinds and the Token record produced by the TorchScript lexer.
//
// Every kind is listed once in the X-macros below (special tokens, operators, keywords);
// the enum, the spelling table and the keyword/operator lookups are all expanded from
// those lists, so adding a token is one line here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sconce {

// X(Name, spelling): tokens that carry text or structure rather than a fixed spelling.
#define SCONCE_SPECIAL_TOKENS(X) \
  X(End, "end of file")          \
  X(Newline, "newline")          \
  X(Indent, "indent")            \
  X(Dedent, "dedent")            \
  X(Name, "identifier")          \
  X(Int, "integer literal")      \
  X(Float, "float literal")      \
  X(Imag, "imaginary literal")   \
  X(String, "string literal")

// X(Name, spelling): punctuation and operators, matched longest-first by the lexer.
// clang-format off
#define SCONCE_OPERATOR_TOKENS(X)                                                      \
  X(LParen, "(") X(RParen, ")") X(LBracket, "[") X(RBracket, "]") X(LBrace, "{")       \
  X(RBrace, "}") X(Comma, ",") X(Colon, ":") X(Semicolon, ";") X(Dot, ".")             \
  X(Ellipsis, "...") X(Arrow, "->") X(At, "@") X(Assign, "=") X(Plus, "+")             \
  X(Minus, "-") X(Star, "*") X(Slash, "/") X(FloorDiv, "//") X(Percent, "%")           \
  X(Pow, "**") X(LShift, "<<") X(RShift, ">>") X(Amp, "&") X(Pipe, "|")                \
  X(Caret, "^") X(Tilde, "~") X(Lt, "<") X(Gt, ">") X(Le, "<=") X(Ge, ">=")            \
  X(Eq, "==") X(Ne, "!=") X(PlusEq, "+=") X(MinusEq, "-=") X(StarEq, "*=")             \
  X(SlashEq, "/=") X(FloorDivEq, "//=") X(PercentEq, "%=") X(PowEq, "**=")             \
  X(AtEq, "@=") X(AmpEq, "&=") X(PipeEq, "|=") X(CaretEq, "^=") X(LShiftEq, "<<=")     \
  X(RShiftEq, ">>=")

// X(Name, spelling): reserved words. Some exist only so the parser can say
// "lambda is not supported in TorchScript" instead of a confusing syntax error.
#define SCONCE_KEYWORD_TOKENS(X)                                                        \
  X(KwDef, "def") X(KwClass, "class") X(KwReturn, "return") X(KwIf, "if")               \
  X(KwElif, "elif") X(KwElse, "else") X(KwFor, "for") X(KwWhile, "while")               \
  X(KwIn, "in") X(KwNot, "not") X(KwAnd, "and") X(KwOr, "or") X(KwIs, "is")             \
  X(KwNone, "None") X(KwTrue, "True") X(KwFalse, "False") X(KwPass, "pass")             \
  X(KwBreak, "break") X(KwContinue, "continue") X(KwRaise, "raise")                     \
  X(KwAssert, "assert") X(KwDel, "del") X(KwWith, "with") X(KwAs, "as")                 \
  X(KwGlobal, "global") X(KwNonlocal, "nonlocal") X(KwLambda, "lambda")                 \
  X(KwImport, "import") X(KwFrom, "from") X(KwYield, "yield") X(KwAsync, "async")       \
  X(KwAwait, "await") X(KwTry, "try") X(KwExcept, "except") X(KwFinally, "finally")
// clang-format on

enum class TokenKind : uint8_t {
#define SCONCE_TOKEN_ENUM(name, spelling) name,
  SCONCE_SPECIAL_TOKENS(SCONCE_TOKEN_ENUM)
  SCONCE_OPERATOR_TOKENS(SCONCE_TOKEN_ENUM)
  SCONCE_KEYWORD_TOKENS(SCONCE_TOKEN_ENUM)
#undef SCONCE_TOKEN_ENUM
};

/// How a kind is written in diagnostics: `(`, `def`, `identifier`, `end of file`.
std::string_view tokenSpelling(TokenKind kind);
/// True for reserved words (def, None, lambda, ...).
bool isKeyword(TokenKind kind);
/// The keyword spelled `word`, if it is one.
std::optional<TokenKind> keywordKind(std::string_view word);
/// The longest operator that `text` starts with, if any.
std::optional<TokenKind> matchOperator(std::string_view text);

/// One lexical token. Positions are byte offsets into the lexer's Source.
struct Token {
  TokenKind kind = TokenKind::End;
  size_t start = 0;
  size_t end = 0;
  /// String: the decoded contents (UTF-8 bytes). Name: the identifier.
  std::string value;
  /// Int: the literal's magnitude (the lexer rejects values above 2^64-1).
  uint64_t intValue = 0;
  /// Float and Imag: the literal's value (Imag: the imaginary part).
  double floatValue = 0;
  /// Byte range of the text after `# type:` of a type comment seen since the previous
  /// token (empty when none). The parser attaches it to the enclosing def/assignment.
  size_t typeCommentStart = 0;
  size_t typeCommentEnd = 0;

  bool hasTypeComment() const { return typeCommentEnd > typeCommentStart; }
};

}  // namespace sconce
