// Conversions between builtin types: int(), float(), bool(), complex(), str(), hash(),
// ord()/chr(), bin()/hex()/oct(), str.format and `%`, and range() arithmetic.
//
// int("  42 ") and float("1_000.5") accept exactly what CPython accepts and fail with
// its messages; str() prints the way Python prints (1.0, not TorchScript's "1.").
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "ops/builtins/builtins.h"
#include "ops/builtins/python_format.h"
#include "ops/builtins/python_number.h"
#include "ops/builtins/utf8.h"

namespace sconce::ops {
namespace {

using C = std::complex<double>;

/// The string without Python whitespace at either end.
std::string_view stripPySpace(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end) {
    size_t pos = begin;
    if (!isPySpace(decodeUtf8(s, pos))) break;
    begin = pos;
  }
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    if (!isPySpace(decodeUtf8(s, pos))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// Removes underscores that sit between two digits; false if any other underscore.
bool removeDigitUnderscores(std::string_view s, std::string& out) {
  out.clear();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (i == 0 || i + 1 == s.size() || !isDigit(s[i - 1]) || !isDigit(s[i + 1])) return false;
      continue;
    }
    out += s[i];
  }
  return true;
}

int64_t parsePyInt(const std::string& text) {
  auto invalid = [&]() -> int64_t {
    raisePython("ValueError", "invalid literal for int() with base 10: " + pythonStringRepr(text));
  };
  std::string_view s = stripPySpace(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  if (s.empty() || !removeDigitUnderscores(s, digits)) return invalid();
  uint64_t mag = 0;
  for (char c : digits) {
    if (!isDigit(c)) return invalid();
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (mag > (UINT64_MAX - d) / 10) raisePython("OverflowError", "Python int too large to convert to C long");
    mag = mag * 10 + d;
  }
  uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (mag > limit) raisePython("OverflowError", "Python int too large to convert to C long");
  return negative ? static_cast<int64_t>(uint64_t(0) - mag) : static_cast<int64_t>(mag);
}

/// Python's float(str) grammar: [sign] (digits [. [digits]] | . digits) [e [sign] digits],
/// or inf / infinity / nan in any case, with underscores only between digits.
double parsePyFloat(const std::string& text) {
  auto invalid = [&]() -> double {
    raisePython("ValueError", "could not convert string to float: " + pythonStringRepr(text));
  };
  std::string_view s = stripPySpace(text);
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  std::string lower;
  for (char c : body) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "inf" || lower == "infinity") return negative ? -INFINITY : INFINITY;
  if (lower == "nan") return negative ? -NAN : NAN;
  std::string clean;
  if (!removeDigitUnderscores(body, clean)) return invalid();
  size_t i = 0, intDigits = 0, fracDigits = 0;
  while (i < clean.size() && isDigit(clean[i])) ++i, ++intDigits;
  if (i < clean.size() && clean[i] == '.') {
    ++i;
    while (i < clean.size() && isDigit(clean[i])) ++i, ++fracDigits;
  }
  if (intDigits + fracDigits == 0) return invalid();
  if (i < clean.size() && (clean[i] == 'e' || clean[i] == 'E')) {
    ++i;
    if (i < clean.size() && (clean[i] == '+' || clean[i] == '-')) ++i;
    size_t expDigits = 0;
    while (i < clean.size() && isDigit(clean[i])) ++i, ++expDigits;
    if (expDigits == 0) return invalid();
  }
  if (i != clean.size()) return invalid();
  double v = std::strtod(clean.c_str(), nullptr);  // overflow gives inf, as Python
  return negative ? -v : v;
}

[[noreturn]] void complexToReal(const char* function) {
  raisePython("TypeError", fmt::format("{}() argument must be a string or a real number, not 'complex'", function));
}

int64_t intOfScalar(IValue v) {
  if (v.isInt()) return v.toInt();
  if (v.isBool()) return v.toBool();
  if (v.isDouble()) return pyFloatToInt(v.toDouble());
  complexToReal("int");
}

double floatOfScalar(IValue v) {
  if (v.isComplex()) complexToReal("float");
  return v.toScalarDouble();
}

/// bin()/oct()/hex(): "-0x1f".
std::string toBase(int64_t v, int shift, const char* prefix) {
  uint64_t mag = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string digits;
  uint64_t mask = (uint64_t{1} << shift) - 1;
  do {
    digits.insert(digits.begin(), "0123456789abcdef"[mag & mask]);
    mag >>= shift;
  } while (mag);
  return (v < 0 ? "-" : "") + std::string(prefix) + digits;
}

int64_t pyOrd(const std::string& s) {
  CodePointIndex index(s);
  if (index.size() != 1)
    raisePython("TypeError", fmt::format("ord() expected a character, but string of length {} found", index.size()));
  size_t pos = 0;
  return decodeUtf8(s, pos);
}

std::string pyChr(int64_t i) {
  if (i < 0 || i > 0x10FFFF) raisePython("ValueError", "chr() arg not in range(0x110000)");
  std::string out;
  appendUtf8(out, static_cast<char32_t>(i));
  return out;
}

/// len(range(lo, hi, step)); the loop lowering in the frontend uses it.
int64_t rangeLength(int64_t lo, int64_t hi, int64_t step) {
  if (step == 0) raisePython("ValueError", "range() arg 3 must not be zero");
  __int128 n = 0;
  if (step > 0 && lo < hi) n = 1 + (static_cast<__int128>(hi) - 1 - lo) / step;
  else if (step < 0 && lo > hi) n = 1 + (static_cast<__int128>(lo) - 1 - hi) / -static_cast<__int128>(step);
  return static_cast<int64_t>(n);
}

void formatKernel(Stack& stack) {
  size_t n = popVarargCount(stack);
  std::vector<IValue> args = popValues(stack, n);
  push(stack, pyStrFormat(args.at(0).toStringRef(), std::span<const IValue>(args).subspan(1)));
}

void percentFormatKernel(Stack& stack) {
  size_t n = popVarargCount(stack);
  std::vector<IValue> args = popValues(stack, n);
  IValue values = n == 2 ? args[1] : IValue(TupleObj::create(std::vector<IValue>(args.begin() + 1, args.end())));
  push(stack, pyPercentFormat(args.at(0).toStringRef(), values));
}

}  // namespace

void registerConversionKernels(OperatorRegistry& r) {
  r.registerKernel("aten::Int.Scalar", boxed<intOfScalar>);
  r.registerKernel("aten::Int.bool", boxed<[](bool a) { return int64_t{a}; }>);
  r.registerKernel("aten::Int.float", boxed<pyFloatToInt>);
  r.registerKernel("aten::Int.str", boxed<parsePyInt>);
  r.registerKernel("aten::Float.Scalar", boxed<floatOfScalar>);
  r.registerKernel("aten::Float.bool", boxed<[](bool a) { return a ? 1.0 : 0.0; }>);
  r.registerKernel("aten::Float.int", boxed<[](int64_t a) { return static_cast<double>(a); }>);
  r.registerKernel("aten::Float.str", boxed<parsePyFloat>);
  r.registerKernel("aten::Bool.int", boxed<[](int64_t a) { return a != 0; }>);
  r.registerKernel("aten::Bool.float", boxed<[](double a) { return a != 0; }>);
  r.registerKernel("aten::Complex.Scalar", boxed<[](C a) { return a; }>);
  // complex(x, y) for every real pair: x + y*1j with both parts real.
  for (const char* o : {"bool_bool", "bool_float", "bool_int", "float_bool", "float_float", "float_int",
                        "int_bool", "int_float", "int_int"})
    r.registerKernel(std::string("aten::Complex.") + o, boxed<[](double x, double y) { return C(x, y); }>);

  r.registerKernel("aten::str", boxed<[](IValue v) { return pyStr(v); }>);
  r.registerKernel("aten::hash.generic", boxed<[](IValue v) { return pyHash(v); }>);
  r.registerKernel("aten::format", formatKernel);
  r.registerKernel("aten::percentFormat", percentFormatKernel);
  r.registerKernel("aten::ord", boxed<pyOrd>);
  r.registerKernel("aten::chr", boxed<pyChr>);
  r.registerKernel("aten::bin", boxed<[](int64_t v) { return toBase(v, 1, "0b"); }>);
  r.registerKernel("aten::oct", boxed<[](int64_t v) { return toBase(v, 3, "0o"); }>);
  r.registerKernel("aten::hex", boxed<[](int64_t v) { return toBase(v, 4, "0x"); }>);

  r.registerKernel("aten::__range_length", boxed<rangeLength>);
  r.registerKernel("aten::__derive_index", boxed<[](int64_t index, int64_t start, int64_t step) {
                     return wrapAdd(start, wrapMul(index, step));
                   }>);
  r.registerKernel("prim::rangelist", boxed<[](int64_t n) {
                     std::vector<int64_t> v(static_cast<size_t>(std::max<int64_t>(n, 0)));
                     for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i);
                     return v;
                   }>);
}

}  // namespace sconce::ops
