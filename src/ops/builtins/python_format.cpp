// format(), str.format() and printf-style `%` with CPython's rules and messages.
//
// Both front ends (str.format fields and `%` conversions) parse into one FormatSpec and
// share the integer, float and string renderers, so padding, signs, grouping and
// rounding agree between them as they do in CPython.
#include "ops/builtins/python_format.h"

#include <cmath>
#include <cstdio>

#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"
#include "ops/builtins/utf8.h"

namespace sconce::ops {
namespace {

[[noreturn]] void valueError(std::string message) { raisePython("ValueError", std::move(message)); }
[[noreturn]] void typeError(std::string message) { raisePython("TypeError", std::move(message)); }

struct FormatSpec {
  char32_t fill = ' ';
  char align = 0;  // '<' '>' '^' '=' or 0 (the type's default)
  char sign = 0;   // '+' '-' ' ' or 0
  bool noNegativeZero = false;  // 'z'
  bool alternate = false;       // '#'
  int64_t width = 0;
  char grouping = 0;  // ',' '_' or 0
  int64_t precision = -1;
  char type = 0;
};

bool isAlign(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

int64_t parseDigits(std::string_view s, size_t& pos) {
  int64_t v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos++] - '0');
    if (v > (int64_t{1} << 40)) valueError("Too many decimal digits in format string");
  }
  return v;
}

/// CPython's parse_internal_render_format_spec. `defaultAlign` is '>' for numbers and
/// '<' for strings; `typeName` names the value in error messages.
FormatSpec parseSpec(std::string_view spec, char defaultAlign, std::string_view typeName) {
  FormatSpec f;
  size_t pos = 0;
  bool fillSpecified = false, alignSpecified = false;
  size_t firstLen = spec.empty() ? 0 : utf8SequenceLength(static_cast<unsigned char>(spec[0]));
  if (spec.size() > firstLen && isAlign(spec[firstLen])) {
    size_t p = 0;
    f.fill = decodeUtf8(spec, p);
    f.align = spec[firstLen];
    pos = firstLen + 1;
    fillSpecified = alignSpecified = true;
  } else if (!spec.empty() && isAlign(spec[0])) {
    f.align = spec[0];
    pos = 1;
    alignSpecified = true;
  }
  if (pos < spec.size() && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) f.sign = spec[pos++];
  if (pos < spec.size() && spec[pos] == 'z') {
    f.noNegativeZero = true;
    ++pos;
  }
  if (pos < spec.size() && spec[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  if (!fillSpecified && pos < spec.size() && spec[pos] == '0') {
    f.fill = '0';
    if (!alignSpecified && defaultAlign == '>') f.align = '=';
    ++pos;
  }
  f.width = parseDigits(spec, pos);
  if (pos < spec.size() && (spec[pos] == ',' || spec[pos] == '_')) {
    f.grouping = spec[pos++];
    if (pos < spec.size() && (spec[pos] == ',' || spec[pos] == '_')) {
      if (spec[pos] == f.grouping) valueError(fmt::format("Cannot specify '{}' with '{}'.", f.grouping, f.grouping));
      valueError("Cannot specify both ',' and '_'.");
    }
  }
  if (pos < spec.size() && spec[pos] == '.') {
    ++pos;
    size_t start = pos;
    f.precision = parseDigits(spec, pos);
    if (pos == start) valueError("Format specifier missing precision");
  }
  if (spec.size() - pos > 1)
    valueError(fmt::format("Invalid format specifier '{}' for object of type '{}'", spec, typeName));
  if (pos < spec.size()) f.type = spec[pos];
  if (!f.align) f.align = defaultAlign;
  if (f.grouping) {
    std::string_view allowed = f.grouping == ',' ? std::string_view("deEfFgG%\0", 9)
                                                 : std::string_view("deEfFgG%bxXo\0", 13);
    if (allowed.find(f.type) == std::string_view::npos) {
      if (f.type) valueError(fmt::format("Cannot specify '{}' with '{}'.", f.grouping, f.type));
    }
  }
  return f;
}

size_t codePoints(std::string_view s) { return CodePointIndex(s).size(); }

/// Pads `body` to the spec's width. For '=' alignment, `signLen` bytes of `body` (sign
/// and base prefix) stay left of the fill.
std::string pad(std::string body, const FormatSpec& f, size_t signLen = 0) {
  size_t len = codePoints(body);
  if (f.width <= 0 || len >= static_cast<size_t>(f.width)) return body;
  size_t total = static_cast<size_t>(f.width) - len;
  std::string fill;
  appendUtf8(fill, f.fill);
  auto repeat = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += fill;
    return out;
  };
  switch (f.align) {
    case '<': return body + repeat(total);
    case '^': return repeat(total / 2) + body + repeat(total - total / 2);
    case '=': return body.substr(0, signLen) + repeat(total) + body.substr(signLen);
    default: return repeat(total) + body;
  }
}

/// Inserts `sep` every `every` digits from the right.
std::string group(std::string_view digits, char sep, size_t every) {
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i && (n - i) % every == 0) out += sep;
    out += digits[i];
  }
  return out;
}

/// sign + prefix + digits, padded; zero padding with grouping fills with grouped zeros
/// as CPython does ("0,001,234").
std::string finishNumber(std::string sign, std::string digits, std::string_view rest,
                         const FormatSpec& f, size_t groupEvery) {
  std::string grouped = f.grouping ? group(digits, f.grouping, groupEvery) : digits;
  if (f.grouping && f.align == '=' && f.fill == '0' && f.width > 0) {
    while (sign.size() + grouped.size() + rest.size() < static_cast<size_t>(f.width)) {
      digits.insert(digits.begin(), '0');
      grouped = group(digits, f.grouping, groupEvery);
    }
  }
  size_t signLen = sign.size();
  return pad(sign + grouped + std::string(rest), f, signLen);
}

std::string signFor(bool negative, const FormatSpec& f) {
  if (negative) return "-";
  if (f.sign == '+') return "+";
  if (f.sign == ' ') return " ";
  return "";
}

std::string formatInteger(int64_t v, const FormatSpec& f, std::string_view typeName, int64_t minDigits = 0) {
  if (f.precision >= 0) valueError("Precision not allowed in integer format specifier");
  if (f.type == 'c') {
    if (f.sign) valueError("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (v < 0 || v > 0x10FFFF) raisePython("OverflowError", "%c arg not in range(0x110000)");
    std::string s;
    appendUtf8(s, static_cast<char32_t>(v));
    return pad(s, f);
  }
  int base = 10;
  std::string prefix;
  switch (f.type) {
    case 0: case 'd': case 'n': break;
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default:
      valueError(fmt::format("Unknown format code '{}' for object of type '{}'", f.type, typeName));
  }
  uint64_t mag = v < 0 ? uint64_t(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string digits;
  const char* alphabet = f.type == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits.insert(digits.begin(), alphabet[mag % base]);
    mag /= base;
  } while (mag);
  if (static_cast<int64_t>(digits.size()) < minDigits)
    digits.insert(0, static_cast<size_t>(minDigits) - digits.size(), '0');
  std::string sign = signFor(v < 0, f);
  if (f.alternate) sign += prefix;
  return finishNumber(sign, digits, "", f, base == 10 ? 3 : 4);
}

std::string cFormat(char conv, double v, int precision, bool alternate) {
  char spec[8] = "%";
  size_t n = 1;
  if (alternate) spec[n++] = '#';
  spec[n++] = '.';
  spec[n++] = '*';
  spec[n++] = conv;
  spec[n] = 0;
  int len = std::snprintf(nullptr, 0, spec, precision, v);
  std::string out(static_cast<size_t>(len), '\0');
  std::snprintf(out.data(), out.size() + 1, spec, precision, v);
  return out;
}

/// Strips trailing zeros (and a bare '.') from the mantissa of a %e/%g result.
std::string stripMantissaZeros(std::string s) {
  size_t e = s.find('e');
  std::string mantissa = s.substr(0, e), exponent = e == std::string::npos ? "" : s.substr(e);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  return mantissa + exponent;
}

/// A float spec with a precision but no type: like 'g', except that the result always
/// shows it is a float ("1.0") and CPython switches to exponent notation one digit
/// earlier (format(123.0, '.3') is '1.23e+02').
std::string formatNoTypeWithPrecision(double mag, int precision, bool alternate) {
  std::string sci = cFormat('e', mag, precision - 1, alternate);
  int exponent = std::stoi(sci.substr(sci.find('e') + 1));
  if (exponent == precision - 1) return alternate ? sci : stripMantissaZeros(sci);
  std::string body = cFormat('g', mag, precision, alternate);
  if (body.find_first_of(".e") == std::string::npos) body += ".0";
  return body;
}

std::string formatFloat(double v, const FormatSpec& f, std::string_view typeName) {
  char type = f.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default:
      valueError(fmt::format("Unknown format code '{}' for object of type '{}'", type, typeName));
  }
  bool negative = std::signbit(v) && !std::isnan(v);
  double mag = std::fabs(v);
  std::string body;
  bool upper = type == 'E' || type == 'F' || type == 'G';
  if (std::isnan(v) || std::isinf(v)) {
    body = std::isnan(v) ? "nan" : "inf";
    if (upper) body = std::isnan(v) ? "NAN" : "INF";
    if (type == '%') body += '%';
  } else if (type == 0 && f.precision < 0) {
    body = pythonFloatRepr(mag);
  } else {
    int precision = f.precision < 0 ? 6 : static_cast<int>(f.precision);
    switch (type) {
      case 0: body = formatNoTypeWithPrecision(mag, precision == 0 ? 1 : precision, f.alternate); break;
      case 'n': body = cFormat('g', mag, precision, f.alternate); break;
      case '%': body = cFormat('f', mag * 100, precision, f.alternate) + "%"; break;
      default: body = cFormat(type, mag, precision, f.alternate);
    }
  }
  if (negative && f.noNegativeZero && body.find_first_of("123456789") == std::string::npos) negative = false;
  // Grouping applies to the integer digits only.
  size_t intEnd = body.find_first_not_of("0123456789");
  if (intEnd == std::string::npos) intEnd = body.size();
  std::string digits = body.substr(0, intEnd);
  std::string rest = body.substr(intEnd);
  if (digits.empty()) return pad(signFor(negative, f) + body, f, signFor(negative, f).size());
  return finishNumber(signFor(negative, f), digits, rest, f, 3);
}

/// CPython's format_complex_internal: both parts formatted like floats (the imaginary
/// one always signed); without a type it is repr-like, "(1+2j)" or "2j".
std::string formatComplex(std::complex<double> c, const FormatSpec& f) {
  if (f.fill == '0' && f.align == '=') valueError("Zero padding is not allowed in complex format specifier");
  if (f.align == '=') valueError("'=' alignment flag is not allowed in complex format specifier");
  switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default: valueError(fmt::format("Unknown format code '{}' for object of type 'complex'", f.type));
  }
  FormatSpec part = f;
  part.width = 0;
  part.align = '>';
  part.fill = ' ';
  bool noType = f.type == 0;
  if (noType && f.precision >= 0) part.type = 'g';
  auto render = [&](double x, char sign) {
    FormatSpec p = part;
    p.sign = sign;
    if (noType && f.precision < 0) {
      std::string body = pyFloatReprNoDot(std::fabs(x));
      bool negative = std::signbit(x) && !std::isnan(x);
      return (negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "") + body;
    }
    return formatFloat(x, p, "complex");
  };
  bool skipReal = noType && c.real() == 0 && !std::signbit(c.real());
  std::string body = (skipReal ? "" : render(c.real(), f.sign)) + render(c.imag(), skipReal ? f.sign : '+') + "j";
  if (noType && !skipReal) body = "(" + body + ")";
  return pad(body, f);
}

std::string formatString(std::string_view s, const FormatSpec& f) {
  if (f.type && f.type != 's')
    valueError(fmt::format("Unknown format code '{}' for object of type 'str'", f.type));
  if (f.sign) valueError("Sign not allowed in string format specifier");
  if (f.alternate) valueError("Alternate form (#) not allowed in string format specifier");
  if (f.align == '=') valueError("'=' alignment not allowed in string format specifier");
  if (f.grouping) valueError(fmt::format("Cannot specify '{}' with 's'.", f.grouping));
  std::string body(s);
  if (f.precision >= 0) {
    CodePointIndex index(s);
    if (static_cast<size_t>(f.precision) < index.size())
      body = std::string(index.slice(0, static_cast<size_t>(f.precision)));
  }
  return pad(body, f);
}

std::string_view formatTypeName(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::Bool: return "bool";
    case IValue::Tag::Int: return "int";
    case IValue::Tag::Double: return "float";
    case IValue::Tag::String: return "str";
    case IValue::Tag::None: return "NoneType";
    case IValue::Tag::List: return "list";
    case IValue::Tag::Tuple: return "tuple";
    case IValue::Tag::Dict: return "dict";
    case IValue::Tag::Complex: return "complex";
    default: return v.tagName();
  }
}

bool isFloatType(char t) {
  return t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%';
}

/// Resolves one str.format field name ("0", "", "1[2]", "0[key]") to its value.
const IValue& lookupField(std::string_view name, std::span<const IValue> args, size_t& autoIndex,
                          int& numbering, IValue& scratch) {
  size_t end = name.find_first_of(".[");
  std::string_view head = name.substr(0, end);
  size_t index;
  if (head.empty()) {
    if (numbering == 2)
      valueError("cannot switch from manual field specification to automatic field numbering");
    numbering = 1;
    index = autoIndex++;
  } else {
    if (head.find_first_not_of("0123456789") != std::string_view::npos)
      raisePython("KeyError", pythonStringRepr(head));
    if (numbering == 1)
      valueError("cannot switch from automatic field numbering to manual field specification");
    numbering = 2;
    size_t p = 0;
    index = static_cast<size_t>(parseDigits(head, p));
  }
  if (index >= args.size())
    raisePython("IndexError", fmt::format("Replacement index {} out of range for positional args tuple", index));
  const IValue* cur = &args[index];
  std::string_view rest = end == std::string_view::npos ? std::string_view() : name.substr(end);
  while (!rest.empty()) {
    if (rest[0] == '.') throw UnsupportedError("attribute lookups in format fields are not supported");
    size_t close = rest.find(']');
    if (close == std::string_view::npos) valueError("Missing ']' in format string");
    std::string_view key = rest.substr(1, close - 1);
    rest = rest.substr(close + 1);
    bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos;
    if (cur->isList() || cur->isTuple()) {
      if (!numeric) typeError("list indices must be integers or slices, not str");
      const auto& items = cur->isList() ? cur->listRef().elements : cur->tupleRef().elements;
      size_t p = 0;
      auto i = static_cast<size_t>(parseDigits(key, p));
      if (i >= items.size()) raisePython("IndexError", std::string(cur->isList() ? "list" : "tuple") + " index out of range");
      cur = &items[i];
    } else if (cur->isDict()) {
      size_t p = 0;
      scratch = numeric ? IValue(parseDigits(key, p)) : IValue(std::string(key));
      const IValue* found = cur->dictRef().find(scratch);
      if (!found) raisePython("KeyError", pyRepr(scratch));
      cur = found;
    } else {
      typeError(fmt::format("'{}' object is not subscriptable", formatTypeName(*cur)));
    }
  }
  return *cur;
}

}  // namespace

std::string pyFormat(const IValue& value, std::string_view spec) {
  if (spec.empty()) return pyStr(value);
  std::string_view typeName = formatTypeName(value);
  switch (value.tag()) {
    case IValue::Tag::Int:
    case IValue::Tag::Bool: {
      FormatSpec f = parseSpec(spec, '>', typeName);
      int64_t v = value.isBool() ? int64_t{value.toBool()} : value.toInt();
      if (isFloatType(f.type)) return formatFloat(static_cast<double>(v), f, typeName);
      return formatInteger(v, f, typeName);
    }
    case IValue::Tag::Double: return formatFloat(value.toDouble(), parseSpec(spec, '>', typeName), typeName);
    case IValue::Tag::String: return formatString(value.toStringRef(), parseSpec(spec, '<', typeName));
    case IValue::Tag::Complex: return formatComplex(value.toComplex(), parseSpec(spec, '>', typeName));
    default: typeError(fmt::format("unsupported format string passed to {}.__format__", typeName));
  }
}

namespace {

std::string formatFields(std::string_view format, std::span<const IValue> args, size_t& autoIndex,
                         int& numbering, int depth) {
  if (depth > 2) valueError("Max string recursion exceeded");
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    char c = format[i];
    if (c == '}') {
      if (i + 1 < format.size() && format[i + 1] == '}') {
        out += '}';
        i += 2;
        continue;
      }
      valueError("Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '{') {
      out += '{';
      i += 2;
      continue;
    }
    // Find the matching '}', allowing one level of nested braces in the spec.
    size_t j = i + 1;
    int nesting = 1;
    while (j < format.size()) {
      if (format[j] == '{') ++nesting;
      else if (format[j] == '}' && --nesting == 0) break;
      ++j;
    }
    if (j >= format.size()) {
      valueError(nesting > 1 ? "expected '}' before end of string" : "Single '{' encountered in format string");
    }
    std::string_view field = format.substr(i + 1, j - i - 1);
    i = j + 1;
    // field = name[!conv][:spec]; the name ends at the first '!' or ':' outside brackets.
    size_t nameEnd = 0;
    bool inBracket = false;
    for (; nameEnd < field.size(); ++nameEnd) {
      char fc = field[nameEnd];
      if (fc == '[') inBracket = true;
      else if (fc == ']') inBracket = false;
      else if (!inBracket && (fc == '!' || fc == ':')) break;
    }
    std::string_view name = field.substr(0, nameEnd);
    char conversion = 0;
    std::string_view spec;
    size_t k = nameEnd;
    if (k < field.size() && field[k] == '!') {
      if (k + 1 >= field.size()) valueError("end of string while looking for conversion specifier");
      conversion = field[k + 1];
      k += 2;
      if (k < field.size() && field[k] != ':') valueError("expected ':' after conversion specifier");
    }
    if (k < field.size() && field[k] == ':') spec = field.substr(k + 1);
    IValue scratch;
    const IValue& value = lookupField(name, args, autoIndex, numbering, scratch);
    std::string expandedSpec = spec.find('{') == std::string_view::npos
                                   ? std::string(spec)
                                   : formatFields(spec, args, autoIndex, numbering, depth + 1);
    switch (conversion) {
      case 0: out += pyFormat(value, expandedSpec); break;
      case 's': out += pyFormat(IValue(pyStr(value)), expandedSpec); break;
      case 'r': out += pyFormat(IValue(pyRepr(value)), expandedSpec); break;
      case 'a': out += pyFormat(IValue(pyAscii(value)), expandedSpec); break;
      default: valueError(fmt::format("Unknown conversion specifier {}", conversion));
    }
  }
  return out;
}

/// The value a `%d`-style conversion formats: ints and bools as they are, floats
/// truncated toward zero.
int64_t percentInteger(const IValue& v, char type) {
  if (v.isInt()) return v.toInt();
  if (v.isBool()) return v.toBool();
  if (v.isDouble() && (type == 'd' || type == 'i' || type == 'u')) {
    double d = v.toDouble();
    if (std::isnan(d)) valueError("cannot convert float NaN to integer");
    if (std::isinf(d)) raisePython("OverflowError", "cannot convert float infinity to integer");
    if (std::fabs(d) >= 9.2233720368547758e18) raisePython("OverflowError", "int too large to format");
    return static_cast<int64_t>(d);
  }
  if (type == 'd' || type == 'i' || type == 'u')
    typeError(fmt::format("%{} format: a real number is required, not {}", type, formatTypeName(v)));
  typeError(fmt::format("%{} format: an integer is required, not {}", type, formatTypeName(v)));
}

}  // namespace

std::string pyStrFormat(std::string_view format, std::span<const IValue> args) {
  size_t autoIndex = 0;
  int numbering = 0;  // 0 unknown, 1 automatic, 2 manual
  return formatFields(format, args, autoIndex, numbering, 0);
}

std::string pyPercentFormat(std::string_view format, const IValue& argsValue) {
  std::vector<IValue> single;
  std::span<const IValue> args;
  bool isTuple = argsValue.isTuple();
  if (isTuple) {
    args = argsValue.tupleRef().elements;
  } else {
    single.push_back(argsValue);
    args = single;
  }
  size_t next = 0;
  auto nextArg = [&]() -> const IValue& {
    if (next >= args.size()) typeError("not enough arguments for format string");
    return args[next++];
  };
  std::string out;
  size_t i = 0;
  while (i < format.size()) {
    char c = format[i++];
    if (c != '%') {
      out += c;
      continue;
    }
    // "%(key)s" takes its value from a dict argument.
    const IValue* mapped = nullptr;
    if (i < format.size() && format[i] == '(') {
      if (!argsValue.isDict()) typeError("format requires a mapping");
      size_t start = ++i;
      for (int depth = 1; i < format.size(); ++i) {
        if (format[i] == '(') ++depth;
        else if (format[i] == ')' && --depth == 0) break;
      }
      if (i >= format.size()) valueError("incomplete format key");
      IValue key(std::string(format.substr(start, i - start)));
      ++i;
      mapped = argsValue.dictRef().find(key);
      if (!mapped) raisePython("KeyError", pyRepr(key));
    }
    auto value = [&]() -> const IValue& { return mapped ? *mapped : nextArg(); };
    FormatSpec f;
    bool left = false, zero = false;
    for (; i < format.size(); ++i) {
      char fl = format[i];
      if (fl == '-') left = true;
      else if (fl == '+') f.sign = '+';
      else if (fl == ' ') { if (f.sign != '+') f.sign = ' '; }
      else if (fl == '#') f.alternate = true;
      else if (fl == '0') zero = true;
      else break;
    }
    if (i < format.size() && format[i] == '*') {
      ++i;
      const IValue& w = nextArg();
      if (!w.isInt()) typeError("* wants int");
      f.width = w.toInt();
      if (f.width < 0) {
        left = true;
        f.width = -f.width;
      }
    } else {
      f.width = parseDigits(format, i);
    }
    if (i < format.size() && format[i] == '.') {
      ++i;
      if (i < format.size() && format[i] == '*') {
        ++i;
        const IValue& p = nextArg();
        if (!p.isInt()) typeError("* wants int");
        f.precision = std::max<int64_t>(0, p.toInt());
      } else {
        f.precision = parseDigits(format, i);
      }
    }
    while (i < format.size() && (format[i] == 'h' || format[i] == 'l' || format[i] == 'L')) ++i;
    if (i >= format.size()) valueError("incomplete format");
    size_t typeAt = i;
    char type = format[i++];
    if (type == '%') {
      out += '%';
      continue;
    }
    f.align = left ? '<' : (zero ? '=' : '>');
    f.fill = zero && !left ? '0' : ' ';
    switch (type) {
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        const IValue& v = value();
        int64_t n = percentInteger(v, type);
        int64_t minDigits = std::max<int64_t>(f.precision, 0);
        f.precision = -1;
        f.type = type == 'i' || type == 'u' ? 'd' : type;
        out += formatInteger(n, f, "int", minDigits);
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        const IValue& v = value();
        if (!v.isInt() && !v.isDouble() && !v.isBool())
          typeError(fmt::format("must be real number, not {}", formatTypeName(v)));
        f.type = type;
        if (f.precision < 0) f.precision = 6;
        out += formatFloat(v.toScalarDouble(), f, "float");
        break;
      }
      case 'c': {
        const IValue& v = value();
        std::string ch;
        if (v.isInt()) {
          int64_t cp = v.toInt();
          if (cp < 0 || cp > 0x10FFFF) raisePython("OverflowError", "%c arg not in range(0x110000)");
          appendUtf8(ch, static_cast<char32_t>(cp));
        } else if (v.isString() && codePoints(v.toStringRef()) == 1) {
          ch = v.toStringRef();
        } else {
          typeError("%c requires int or char");
        }
        f.precision = -1;
        f.fill = ' ';
        if (f.align == '=') f.align = '>';
        out += pad(ch, f);
        break;
      }
      case 's': case 'r': case 'a': {
        const IValue& v = value();
        std::string s = type == 's' ? pyStr(v) : type == 'r' ? pyRepr(v) : pyAscii(v);
        f.fill = ' ';
        if (f.align == '=') f.align = '>';
        f.sign = 0;
        f.alternate = false;
        out += formatString(s, f);
        break;
      }
      default:
        valueError(fmt::format("unsupported format character '{}' (0x{:x}) at index {}",
                               type, static_cast<unsigned char>(type), typeAt));
    }
  }
  if (next < args.size() && (isTuple || !argsValue.isDict()))
    typeError("not all arguments converted during string formatting");
  return out;
}

std::string pyAscii(const IValue& value) {
  std::string repr = pyRepr(value);
  if (isAscii(repr)) return repr;
  std::string out;
  for (size_t pos = 0; pos < repr.size();) {
    char32_t cp = decodeUtf8(repr, pos);
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x100) out += fmt::format("\\x{:02x}", static_cast<uint32_t>(cp));
    else if (cp < 0x10000) out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp));
    else out += fmt::format("\\U{:08x}", static_cast<uint32_t>(cp));
  }
  return out;
}

}  // namespace sconce::ops
