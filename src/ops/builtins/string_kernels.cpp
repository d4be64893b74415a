// str methods that build strings: indexing and slicing, split/join, strip, case
// changes, padding, partition, replace, and the is*() predicates.
//
// Indices, widths and slices count code points, as Python's do (utf8.h); bytes are
// only decoded when a string is not ASCII. Case mapping and the character classes
// (isalpha, upper, ...) know ASCII only: other characters are left unchanged by
// upper()/lower() and count as neither letters nor digits (isspace() knows all of
// Python's whitespace).
#include "ops/builtins/builtins.h"
#include "ops/builtins/python_sequence.h"
#include "ops/builtins/utf8.h"

namespace sconce::ops {
namespace {

using Strings = std::vector<std::string>;

bool isLowerAscii(char32_t c) { return c >= 'a' && c <= 'z'; }
bool isUpperAscii(char32_t c) { return c >= 'A' && c <= 'Z'; }
bool isCased(char32_t c) { return isLowerAscii(c) || isUpperAscii(c); }
bool isDigitAscii(char32_t c) { return c >= '0' && c <= '9'; }
bool isAlphaAscii(char32_t c) { return isCased(c); }
char toLowerAscii(char c) { return isUpperAscii(static_cast<unsigned char>(c)) ? static_cast<char>(c + 32) : c; }
char toUpperAscii(char c) { return isLowerAscii(static_cast<unsigned char>(c)) ? static_cast<char>(c - 32) : c; }

// ---- indexing -------------------------------------------------------------------------

int64_t strLen(const IValue& s) { return static_cast<int64_t>(CodePointIndex(s.toStringRef()).size()); }

std::string strGetItem(const IValue& sv, int64_t index) {
  const std::string& s = sv.toStringRef();
  CodePointIndex cps(s);
  int64_t i = normalizeIndex(index, static_cast<int64_t>(cps.size()));
  if (i < 0) raisePython("IndexError", "string index out of range");
  return std::string(cps.at(static_cast<size_t>(i)));
}

std::string strSlice(const IValue& sv, std::optional<int64_t> start, std::optional<int64_t> end, int64_t step) {
  const std::string& s = sv.toStringRef();
  CodePointIndex cps(s);
  SliceBounds b = adjustSlice(static_cast<int64_t>(cps.size()), start, end, step);
  if (b.step == 1) return std::string(cps.slice(static_cast<size_t>(b.start), static_cast<size_t>(b.start + b.count)));
  std::string out;
  for (int64_t k = 0, i = b.start; k < b.count; ++k, i += b.step) out += cps.at(static_cast<size_t>(i));
  return out;
}

Strings strList(const IValue& sv) {
  const std::string& s = sv.toStringRef();
  Strings out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    size_t start = pos;
    decodeUtf8(s, pos);
    out.emplace_back(s.substr(start, pos - start));
  }
  return out;
}

// ---- split / join -------------------------------------------------------------------------

/// Python's split() without a separator: runs of whitespace separate, none at the ends.
Strings splitWhitespace(const std::string& s, int64_t maxSplit) {
  Strings out;
  size_t i = 0, n = s.size();
  auto spaceAt = [&](size_t p, size_t& next) {
    next = p;
    return isPySpace(decodeUtf8(s, next));
  };
  auto skipSpace = [&]() {
    size_t next;
    while (i < n && spaceAt(i, next)) i = next;
  };
  int64_t remaining = maxSplit < 0 ? std::numeric_limits<int64_t>::max() : maxSplit;
  while (remaining-- > 0) {
    skipSpace();
    if (i == n) break;
    size_t j = i, next;
    while (i < n && !spaceAt(i, next)) i = next;
    out.push_back(s.substr(j, i - j));
  }
  if (i < n) {
    skipSpace();
    if (i != n) out.push_back(s.substr(i));
  }
  return out;
}

Strings strSplit(const std::string& s, std::optional<std::string> sep, int64_t maxSplit) {
  if (!sep) return splitWhitespace(s, maxSplit);
  if (sep->empty()) raisePython("ValueError", "empty separator");
  Strings out;
  size_t start = 0;
  for (int64_t k = 0; maxSplit < 0 || k < maxSplit; ++k) {
    size_t hit = s.find(*sep, start);
    if (hit == std::string::npos) break;
    out.push_back(s.substr(start, hit - start));
    start = hit + sep->size();
  }
  out.push_back(s.substr(start));
  return out;
}

Strings strRsplit(const std::string& s, const std::string& sep, int64_t maxSplit) {
  if (sep.empty()) raisePython("ValueError", "empty separator");
  Strings out;
  size_t end = s.size();
  for (int64_t k = 0; maxSplit < 0 || k < maxSplit; ++k) {
    if (end < sep.size()) break;
    size_t hit = s.rfind(sep, end - sep.size());
    if (hit == std::string::npos) break;
    out.push_back(s.substr(hit + sep.size(), end - hit - sep.size()));
    end = hit;
  }
  out.push_back(s.substr(0, end));
  return Strings(out.rbegin(), out.rend());
}

Strings strSplitlines(const std::string& s, bool keepEnds) {
  Strings out;
  size_t i = 0, n = s.size();
  while (i < n) {
    size_t lineStart = i, breakStart = n, next = i;
    while (i < n) {
      next = i;
      char32_t c = decodeUtf8(s, next);
      if (isPyLineBreak(c)) {
        breakStart = i;
        if (c == '\r' && next < n && s[next] == '\n') ++next;
        break;
      }
      i = next;
    }
    if (i >= n) {
      out.push_back(s.substr(lineStart));
      break;
    }
    out.push_back(s.substr(lineStart, (keepEnds ? next : breakStart) - lineStart));
    i = next;
  }
  return out;
}

std::string strJoin(const std::string& sep, const IValue& values) {
  const auto& items = values.listRef().elements;
  size_t total = items.empty() ? 0 : sep.size() * (items.size() - 1);
  for (const IValue& v : items) total += v.toStringRef().size();
  std::string out;
  out.reserve(total);
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i].toStringRef();
  }
  return out;
}

// ---- strip / pad ------------------------------------------------------------------------------

/// Strips code points in `chars` from the left (mode & 1) and/or right (mode & 2).
std::string strStrip(const std::string& s, const std::string& chars, int mode) {
  std::u32string set = decodeUtf8(chars);
  auto inSet = [&](char32_t c) { return set.find(c) != std::u32string::npos; };
  size_t begin = 0, end = s.size();
  if (mode & 1) {
    while (begin < end) {
      size_t next = begin;
      if (!inSet(decodeUtf8(s, next))) break;
      begin = next;
    }
  }
  if (mode & 2) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      size_t next = start;
      if (!inSet(decodeUtf8(s, next)) || next != end) break;
      end = start;
    }
  }
  return s.substr(begin, end - begin);
}

std::string fillChar(const std::string& fill) {
  if (CodePointIndex(fill).size() != 1)
    raisePython("TypeError", "The fill character must be exactly one character long");
  return fill;
}

std::string repeat(const std::string& s, int64_t n) {
  std::string out;
  for (int64_t i = 0; i < n; ++i) out += s;
  return out;
}

/// center/ljust/rjust: `left` fill characters before, the rest after.
std::string padString(const std::string& s, int64_t width, const std::string& fill, char how) {
  std::string f = fillChar(fill);
  int64_t len = static_cast<int64_t>(CodePointIndex(s).size());
  if (width <= len) return s;
  int64_t marg = width - len;
  int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
  return repeat(f, left) + s + repeat(f, marg - left);
}

std::string strZfill(const std::string& s, int64_t width) {
  int64_t len = static_cast<int64_t>(CodePointIndex(s).size());
  if (width <= len) return s;
  std::string zeros(static_cast<size_t>(width - len), '0');
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) return s.substr(0, 1) + zeros + s.substr(1);
  return zeros + s;
}

std::string strExpandtabs(const std::string& s, int64_t tabSize) {
  std::string out;
  int64_t column = 0;
  for (size_t pos = 0; pos < s.size();) {
    size_t start = pos;
    char32_t c = decodeUtf8(s, pos);
    if (c == '\t') {
      if (tabSize > 0) {
        int64_t spaces = tabSize - column % tabSize;
        out.append(static_cast<size_t>(spaces), ' ');
        column += spaces;
      }
    } else {
      out.append(s, start, pos - start);
      column = (c == '\n' || c == '\r') ? 0 : column + 1;
    }
  }
  return out;
}

// ---- case -------------------------------------------------------------------------------------

std::string strLower(std::string s) {
  for (char& c : s) c = toLowerAscii(c);
  return s;
}
std::string strUpper(std::string s) {
  for (char& c : s) c = toUpperAscii(c);
  return s;
}
std::string strSwapcase(std::string s) {
  for (char& c : s) c = isUpperAscii(static_cast<unsigned char>(c)) ? toLowerAscii(c) : toUpperAscii(c);
  return s;
}
std::string strTitle(std::string s) {
  bool previousCased = false;
  for (char& c : s) {
    auto u = static_cast<unsigned char>(c);
    if (isCased(u)) {
      c = previousCased ? toLowerAscii(c) : toUpperAscii(c);
      previousCased = true;
    } else {
      previousCased = false;
    }
  }
  return s;
}
std::string strCapitalize(std::string s) {
  for (size_t i = 0; i < s.size(); ++i) s[i] = i == 0 ? toUpperAscii(s[i]) : toLowerAscii(s[i]);
  return s;
}

// ---- predicates -------------------------------------------------------------------------------

/// True when the string is non-empty and every code point satisfies `pred`.
template <class Pred>
bool allOf(const std::string& s, Pred pred) {
  if (s.empty()) return false;
  for (size_t pos = 0; pos < s.size();)
    if (!pred(decodeUtf8(s, pos))) return false;
  return true;
}

bool strIslower(const std::string& s) {
  bool cased = false;
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = decodeUtf8(s, pos);
    if (isUpperAscii(c)) return false;
    cased |= isLowerAscii(c);
  }
  return cased;
}

bool strIsupper(const std::string& s) {
  bool cased = false;
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = decodeUtf8(s, pos);
    if (isLowerAscii(c)) return false;
    cased |= isUpperAscii(c);
  }
  return cased;
}

bool strIstitle(const std::string& s) {
  bool cased = false, previousCased = false;
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = decodeUtf8(s, pos);
    if (isUpperAscii(c)) {
      if (previousCased) return false;
      previousCased = cased = true;
    } else if (isLowerAscii(c)) {
      if (!previousCased) return false;
      previousCased = cased = true;
    } else {
      previousCased = false;
    }
  }
  return cased;
}

bool strIsidentifier(const std::string& s) {
  if (s.empty()) return false;
  size_t pos = 0;
  char32_t first = decodeUtf8(s, pos);
  // Non-ASCII letters are taken as identifier characters (no Unicode tables here).
  auto nonAsciiWord = [](char32_t c) { return c >= 0x80 && !isPySpace(c); };
  if (!(isAlphaAscii(first) || first == '_' || nonAsciiWord(first))) return false;
  while (pos < s.size()) {
    char32_t c = decodeUtf8(s, pos);
    if (!(isAlphaAscii(c) || isDigitAscii(c) || c == '_' || nonAsciiWord(c))) return false;
  }
  return true;
}

bool strIsprintable(const std::string& s) {
  for (size_t pos = 0; pos < s.size();) {
    char32_t c = decodeUtf8(s, pos);
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) return false;
    if (c >= 0x80 && isPySpace(c) && c != 0x20) return false;
  }
  return true;
}

// ---- partition / replace ----------------------------------------------------------------------

std::tuple<std::string, std::string, std::string> strPartition(const std::string& s, const std::string& sep) {
  if (sep.empty()) raisePython("ValueError", "empty separator");
  size_t hit = s.find(sep);
  if (hit == std::string::npos) return {s, "", ""};
  return {s.substr(0, hit), sep, s.substr(hit + sep.size())};
}

std::tuple<std::string, std::string, std::string> strRpartition(const std::string& s, const std::string& sep) {
  if (sep.empty()) raisePython("ValueError", "empty separator");
  size_t hit = s.rfind(sep);
  if (hit == std::string::npos) return {"", "", s};
  return {s.substr(0, hit), sep, s.substr(hit + sep.size())};
}

std::string strReplace(const std::string& s, const std::string& old, const std::string& replacement, int64_t max) {
  std::string out;
  int64_t done = 0;
  auto more = [&] { return max < 0 || done < max; };
  if (old.empty()) {
    // An empty pattern matches before every code point and at the end.
    size_t pos = 0;
    while (pos <= s.size()) {
      if (more()) {
        out += replacement;
        ++done;
      }
      if (pos == s.size()) break;
      size_t start = pos;
      decodeUtf8(s, pos);
      out.append(s, start, pos - start);
    }
    return out;
  }
  size_t start = 0;
  while (more()) {
    size_t hit = s.find(old, start);
    if (hit == std::string::npos) break;
    out.append(s, start, hit - start);
    out += replacement;
    start = hit + old.size();
    ++done;
  }
  out.append(s, start, std::string::npos);
  return out;
}

}  // namespace

void registerStringKernels(OperatorRegistry& r) {
  r.registerKernel("aten::len.str", boxed<strLen>);
  r.registerKernel("aten::__getitem__.str", boxed<strGetItem>);
  r.registerKernel("prim::StringIndex", boxed<strGetItem>);
  r.registerKernel("aten::slice.str", boxed<strSlice>);
  r.registerKernel("aten::list", boxed<strList>);
  r.registerKernel("aten::add.str", boxed<[](IValue a, IValue b) { return a.toStringRef() + b.toStringRef(); }>);

  r.registerKernel("aten::split.str", boxed<strSplit>);
  r.registerKernel("aten::rsplit", boxed<strRsplit>);
  r.registerKernel("aten::splitlines", boxed<strSplitlines>);
  r.registerKernel("aten::join", boxed<strJoin>);
  r.registerKernel("aten::partition", boxed<strPartition>);
  r.registerKernel("aten::rpartition", boxed<strRpartition>);
  r.registerKernel("aten::replace", boxed<strReplace>);

  r.registerKernel("aten::strip", boxed<[](const std::string& s, const std::string& c) { return strStrip(s, c, 3); }>);
  r.registerKernel("aten::lstrip", boxed<[](const std::string& s, const std::string& c) { return strStrip(s, c, 1); }>);
  r.registerKernel("aten::rstrip", boxed<[](const std::string& s, const std::string& c) { return strStrip(s, c, 2); }>);
  r.registerKernel("aten::center", boxed<[](const std::string& s, int64_t w, const std::string& f) {
                     return padString(s, w, f, '^');
                   }>);
  r.registerKernel("aten::ljust", boxed<[](const std::string& s, int64_t w, const std::string& f) {
                     return padString(s, w, f, '<');
                   }>);
  r.registerKernel("aten::rjust", boxed<[](const std::string& s, int64_t w, const std::string& f) {
                     return padString(s, w, f, '>');
                   }>);
  r.registerKernel("aten::zfill", boxed<strZfill>);
  r.registerKernel("aten::expandtabs", boxed<strExpandtabs>);

  r.registerKernel("aten::lower", boxed<strLower>);
  r.registerKernel("aten::upper", boxed<strUpper>);
  r.registerKernel("aten::swapcase", boxed<strSwapcase>);
  r.registerKernel("aten::title", boxed<strTitle>);
  r.registerKernel("aten::capitalize", boxed<strCapitalize>);

  r.registerKernel("aten::isdigit", boxed<[](const std::string& s) { return allOf(s, isDigitAscii); }>);
  r.registerKernel("aten::isdecimal", boxed<[](const std::string& s) { return allOf(s, isDigitAscii); }>);
  r.registerKernel("aten::isnumeric", boxed<[](const std::string& s) { return allOf(s, isDigitAscii); }>);
  r.registerKernel("aten::isalpha", boxed<[](const std::string& s) { return allOf(s, isAlphaAscii); }>);
  r.registerKernel("aten::isalnum", boxed<[](const std::string& s) {
                     return allOf(s, [](char32_t c) { return isAlphaAscii(c) || isDigitAscii(c); });
                   }>);
  r.registerKernel("aten::isspace", boxed<[](const std::string& s) { return allOf(s, isPySpace); }>);
  r.registerKernel("aten::islower", boxed<strIslower>);
  r.registerKernel("aten::isupper", boxed<strIsupper>);
  r.registerKernel("aten::istitle", boxed<strIstitle>);
  r.registerKernel("aten::isidentifier", boxed<strIsidentifier>);
  r.registerKernel("aten::isprintable", boxed<strIsprintable>);
}

}  // namespace sconce::ops
