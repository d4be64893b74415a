// UTF-8 helpers for the string builtins: Python indexes strings by code point.
//
// Sconce stores `str` as UTF-8 bytes (what pickles and source files hold), but Python's
// len("λx") is 2 and "λx"[0] is "λ". The kernels work on bytes and translate indices
// through CodePointIndex, which costs nothing for ASCII strings (the common case): only
// a string with a byte >= 0x80 gets an offset table. Malformed bytes count as one code
// point each, so no input can make an index run past the string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/utf8.h"

namespace sconce::ops {

inline bool isAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

/// Length in bytes of the sequence starting with lead byte `c` (1 for stray bytes).
inline size_t utf8SequenceLength(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  if (c < 0xF8) return 4;
  return 1;
}

/// Decodes the code point at s[pos] and advances pos past it. A truncated or malformed
/// sequence yields its first byte as the code point and advances by one.
inline char32_t decodeUtf8(std::string_view s, size_t& pos) {
  auto c = static_cast<unsigned char>(s[pos]);
  size_t n = utf8SequenceLength(c);
  if (n == 1 || pos + n > s.size()) {
    ++pos;
    return c;
  }
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return c;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += n;
  return cp;
}

/// Decodes a whole string into code points.
inline std::u32string decodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) out += decodeUtf8(s, pos);
  return out;
}

inline std::string encodeUtf8(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t c : cps) appendUtf8(out, c);
  return out;
}

/// Maps code point indices of one string to byte offsets and back. The string must
/// outlive the index.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view s) : s_(s), ascii_(isAscii(s)) {
    if (ascii_) return;
    offsets_.reserve(s.size() + 1);
    for (size_t pos = 0; pos < s.size();) {
      offsets_.push_back(pos);
      decodeUtf8(s, pos);
    }
    offsets_.push_back(s.size());
  }

  bool ascii() const { return ascii_; }
  /// Number of code points.
  size_t size() const { return ascii_ ? s_.size() : offsets_.size() - 1; }
  /// Byte offset where code point `i` starts (`size()` gives the string's end).
  size_t byteOffset(size_t i) const { return ascii_ ? i : offsets_[i]; }
  /// Code point index of a byte offset on a code point boundary.
  size_t codePointAt(size_t byte) const {
    if (ascii_) return byte;
    size_t lo = 0, hi = offsets_.size() - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (offsets_[mid] < byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /// The bytes of code points [i, j).
  std::string_view slice(size_t i, size_t j) const {
    return s_.substr(byteOffset(i), byteOffset(j) - byteOffset(i));
  }
  std::string_view at(size_t i) const { return slice(i, i + 1); }

 private:
  std::string_view s_;
  bool ascii_;
  std::vector<size_t> offsets_;
};

/// Python's str.isspace() for one code point.
inline bool isPySpace(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

/// Python's line boundaries (str.splitlines).
inline bool isPyLineBreak(char32_t c) {
  switch (c) {
    case '\n': case '\r': case '\v': case '\f': case 0x1C: case 0x1D: case 0x1E:
    case 0x85: case 0x2028: case 0x2029:
      return true;
    default:
      return false;
  }
}

}  // namespace sconce::ops
