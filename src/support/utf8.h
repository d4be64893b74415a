// UTF-8 encoding of one code point, shared by the lexer (string escapes), the unpickler
// (UNICODE payloads) and the str builtins.
#pragma once

#include <string>

namespace sconce {

/// Appends `cp` (at most U+10FFFF; callers check untrusted values) encoded as UTF-8.
inline void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  int n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;  // bytes; the lead is 110x, 1110x or 11110x
  out += static_cast<char>((0xf00u >> n) | (cp >> (6 * (n - 1))));
  for (int i = n - 2; i >= 0; --i) out += static_cast<char>(0x80 | ((cp >> (6 * i)) & 0x3f));
}

}  // namespace sconce
