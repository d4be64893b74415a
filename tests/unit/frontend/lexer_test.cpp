// Unit tests for the TorchScript lexer: layout tokens, literals, operators, type
// comments and error messages.
//
// Token streams are compared as compact strings (`def f ( x ) : NL INDENT ...`) so each
// test reads like the source it lexes.
#include "frontend/lexer.h"

#include <gtest/gtest.h>

namespace sconce {
namespace {

SourcePtr src(std::string text) { return std::make_shared<Source>(std::move(text)); }

std::string render(const Token& token) {
  switch (token.kind) {
    case TokenKind::End: return "END";
    case TokenKind::Newline: return "NL";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::Name: return token.value;
    case TokenKind::Int: return fmt::format("int:{}", token.intValue);
    case TokenKind::Float: return fmt::format("float:{}", token.floatValue);
    case TokenKind::Imag: return fmt::format("imag:{}", token.floatValue);
    case TokenKind::String: {
      std::string out = "str:";
      for (unsigned char c : token.value)
        out += c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c))
                                     : fmt::format("<{:02x}>", c);
      return out;
    }
    default: return std::string(tokenSpelling(token.kind));
  }
}

std::string lex(const std::string& text) {
  std::string out;
  for (const Token& token : tokenize(src(text))) {
    if (!out.empty()) out += ' ';
    out += render(token);
  }
  return out;
}

// "line:column: message" of the CompileError lexing `text` throws.
std::string lexError(const std::string& text) {
  try {
    tokenize(src(text));
  } catch (const CompileError& e) {
    const SourceRange& range = e.range();
    size_t line = range.line();
    size_t column = range.start() - range.source()->lineStart(line - 1) + 1;
    return fmt::format("{}:{}: {}", line, column, e.message());
  }
  return "no error";
}

TEST(Lexer, IndentationProducesIndentDedentAndNewline) {
  EXPECT_EQ(lex("def f(x):\n  if x:\n    return 1\n  return 2\n"),
            "def f ( x ) : NL INDENT if x : NL INDENT return int:1 NL DEDENT return int:2 NL "
            "DEDENT END");
  // Several levels close at once, and at end of file without a trailing newline.
  EXPECT_EQ(lex("a:\n b:\n  c\nd\n"), "a : NL INDENT b : NL INDENT c NL DEDENT DEDENT d NL END");
  EXPECT_EQ(lex("a:\n  b"), "a : NL INDENT b NL DEDENT END");
  // Tabs advance to the next multiple of eight.
  EXPECT_EQ(lex("a:\n\tb\n        c\n"), "a : NL INDENT b NL c NL DEDENT END");
}

TEST(Lexer, BlankLinesCommentsBracketsAndContinuations) {
  EXPECT_EQ(lex("\n\n  # only a comment\nx = 1  # trailing\n\n   \ny\n"), "x = int:1 NL y NL END");
  EXPECT_EQ(lex("f(a,\n      b)[\n0]\n"), "f ( a , b ) [ int:0 ] NL END");
  EXPECT_EQ(lex("x = 1 + \\\n    2\n"), "x = int:1 + int:2 NL END");
  EXPECT_EQ(lex("x = 1 + \\\r\n    2\r\n"), "x = int:1 + int:2 NL END");
  EXPECT_EQ(lex(""), "END");
  EXPECT_EQ(lex("# nothing\n"), "END");
}

TEST(Lexer, IntegerLiterals) {
  EXPECT_EQ(lex("0 00 123 1_000 0x1F 0X_ff 0o17 0O7 0b101 0B1_0"),
            "int:0 int:0 int:123 int:1000 int:31 int:255 int:15 int:7 int:5 int:2 NL END");
  EXPECT_EQ(lex("18446744073709551615"), "int:18446744073709551615 NL END");
  EXPECT_EQ(lex("9223372036854775808"), "int:9223372036854775808 NL END");
}

TEST(Lexer, FloatAndImaginaryLiterals) {
  EXPECT_EQ(lex("1. .5 1e-5 1.5E+3 1_0.2_5 0.0 1e400 1e-400"),
            "float:1 float:0.5 float:1e-05 float:1500 float:10.25 float:0 float:inf float:0 NL "
            "END");
  EXPECT_EQ(lex("1j 2.5J 1e2j"), "imag:1 imag:2.5 imag:100 NL END");
  EXPECT_EQ(lex("1e99999999999999999999 1e-99999999999999999999 0.001e312 100e-330"),
            "float:inf float:0 float:inf float:0 NL END");
  // `x.5` is not a float; `1.` followed by a name is.
  EXPECT_EQ(lex("a.b 1.0"), "a . b float:1 NL END");
}

TEST(Lexer, StringLiterals) {
  EXPECT_EQ(lex(R"('a' "b" '''c
d''' """e'f""" u'x')"),
            "str:a str:b str:c<0a>d str:e'f str:x NL END");
  EXPECT_EQ(lex(R"(r'\n' R"\d\"")"), R"(str:\n str:\d\" NL END)");
  EXPECT_EQ(lex(R"("\n\t\\\'\"\a\b\f\v\r")"), "str:<0a><09>\\'\"<07><08><0c><0b><0d> NL END");
  EXPECT_EQ(lex(R"("\x41\u00e9\U0001F600")"), "str:A<c3><a9><f0><9f><98><80> NL END");
  // Octal escapes are bytes (PyTorch prints non-ASCII UTF-8 strings byte by byte).
  EXPECT_EQ(lex(R"("\101\0\303\251\7")"), "str:A<00><c3><a9><07> NL END");
  // Unknown escapes keep their backslash; backslash-newline continues the string.
  EXPECT_EQ(lex("\"\\d\\q\" 'a\\\nb'"), "str:\\d\\q str:ab NL END");
  EXPECT_EQ(lex("'''a'' '''"), "str:a''  NL END");
}

TEST(Lexer, Operators) {
  EXPECT_EQ(lex("** // << >> <= >= == != -> += -= *= /= //= %= **= &= |= ^= <<= >>= @ @="),
            "** // << >> <= >= == != -> += -= *= /= //= %= **= &= |= ^= <<= >>= @ @= NL END");
  EXPECT_EQ(lex("( ) [ ] { } . , : ; ~ ^ & | < > = + - * / % ..."),
            "( ) [ ] { } . , : ; ~ ^ & | < > = + - * / % ... NL END");
  EXPECT_EQ(lex("a**-b//c"), "a ** - b // c NL END");
}

TEST(Lexer, KeywordsAndNames) {
  const char* keywords[] = {"def",   "class", "return", "if",     "elif",     "else",   "for",
                            "while", "in",    "not",    "and",    "or",       "is",     "None",
                            "True",  "False", "pass",   "break",  "continue", "raise",  "assert",
                            "del",   "with",  "as",     "global", "nonlocal", "lambda", "import",
                            "from",  "yield", "async",  "await",  "try",      "except", "finally"};
  for (const char* word : keywords) {
    std::vector<Token> tokens = tokenize(src(word));
    EXPECT_TRUE(isKeyword(tokens[0].kind)) << word;
    EXPECT_EQ(tokenSpelling(tokens[0].kind), word);
  }
  for (const char* name : {"inf", "nan", "self", "none", "_x1", "__torch__", "Definitely"}) {
    std::vector<Token> tokens = tokenize(src(name));
    EXPECT_EQ(tokens[0].kind, TokenKind::Name) << name;
    EXPECT_EQ(tokens[0].value, name);
  }
}

TEST(Lexer, TokenRanges) {
  auto source = src("x = foo(12, 'ab')\n");
  std::vector<Token> tokens = tokenize(source);
  Lexer lexer(source);
  EXPECT_EQ(lexer.rangeOf(tokens[2]).text(), "foo");
  EXPECT_EQ(lexer.rangeOf(tokens[4]).text(), "12");
  EXPECT_EQ(lexer.rangeOf(tokens[6]).text(), "'ab'");
}

TEST(Lexer, TypeCommentsRideOnTheNextToken) {
  auto source = src("def f(x):  # type: (int) -> int\n  pass\n");
  std::vector<Token> tokens = tokenize(source);
  ASSERT_EQ(tokens[6].kind, TokenKind::Newline);
  ASSERT_TRUE(tokens[6].hasTypeComment());
  EXPECT_EQ(source->text().substr(tokens[6].typeCommentStart,
                                  tokens[6].typeCommentEnd - tokens[6].typeCommentStart),
            "(int) -> int");

  source = src("def f(x):\n    #type:(int)->int  \n    pass\n");
  tokens = tokenize(source);
  ASSERT_EQ(tokens[7].kind, TokenKind::Indent);
  ASSERT_TRUE(tokens[7].hasTypeComment());
  EXPECT_EQ(source->text().substr(tokens[7].typeCommentStart,
                                  tokens[7].typeCommentEnd - tokens[7].typeCommentStart),
            "(int)->int");

  for (const Token& token : tokenize(src("x = 1  # type: ignore[attr]\ny = 2  # types: x\n")))
    EXPECT_FALSE(token.hasTypeComment());
}

TEST(Lexer, ErrorsNameThePlace) {
  EXPECT_EQ(lexError("x = 1\ny = 'abc\n"), "2:5: unterminated string literal");
  EXPECT_EQ(lexError("x = '''abc\n\ndef"), "1:5: unterminated triple-quoted string literal");
  EXPECT_EQ(lexError("f(a,\n  [b,\n  c"), "2:3: '[' was never closed");
  EXPECT_EQ(lexError("f(a,\n  b]"), "2:4: closing ']' does not match opening '(' on line 1");
  EXPECT_EQ(lexError("x)\n"), "1:2: unmatched ')'");
  EXPECT_EQ(lexError("if x:\n    a\n  b\n"),
            "3:1: unindent does not match any outer indentation level");
  EXPECT_EQ(lexError("a = $b"), "1:5: invalid character '$'");
  EXPECT_EQ(lexError("a = \x80"), "1:5: invalid character '\\x80'");
  EXPECT_EQ(lexError("a = 012"),
            "1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix "
            "for octal integers");
  EXPECT_EQ(lexError("0x"), "1:1: invalid hexadecimal literal");
  EXPECT_EQ(lexError("0b102"), "1:1: invalid binary literal");
  EXPECT_EQ(lexError("1abc"), "1:1: invalid decimal literal");
  EXPECT_EQ(lexError("18446744073709551616"), "1:1: integer literal is too large");
  EXPECT_EQ(lexError("b'x'"), "1:1: bytes literals are not supported in TorchScript");
  EXPECT_EQ(lexError("f'{x}'"), "1:1: f-strings are not supported here; use str.format()");
  EXPECT_EQ(lexError("x = 1 \\ 2"), "1:7: unexpected character after line continuation character");
  EXPECT_EQ(lexError("'\\x4'"), "1:2: truncated \\x escape");
  EXPECT_EQ(lexError("'\\N{DASH}'"), "1:2: \\N{...} escapes are not supported");
}

TEST(Lexer, ErrorRendersTheSourceLine) {
  try {
    tokenize(src("x = 1\ny = 'abc\n"));
    FAIL() << "expected an error";
  } catch (const CompileError& e) {
    EXPECT_STREQ(e.what(),
                 "unterminated string literal\n"
                 "  File \"<string>\", line 2\n"
                 "x = 1\n"
                 "y = 'abc\n"
                 "    ~ <--- HERE");
  }
}

}  // namespace
}  // namespace sconce
