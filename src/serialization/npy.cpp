// .npy reading and writing (see npy.h).
#include "serialization/npy.h"

#include <fmt/format.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "support/mapped_file.h"

namespace sconce {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

struct NpyType {
  ScalarType dtype;
  char kind;   // NumPy's kind letter: b i u f c
  size_t size;
};

std::optional<ScalarType> scalarTypeFor(char kind, size_t size) {
  switch (kind) {
    case 'b': return size == 1 ? std::optional(ScalarType::Bool) : std::nullopt;
    case 'u': return size == 1 ? std::optional(ScalarType::Byte) : std::nullopt;
    case 'i':
      switch (size) {
        case 1: return ScalarType::Char;
        case 2: return ScalarType::Short;
        case 4: return ScalarType::Int;
        case 8: return ScalarType::Long;
      }
      return std::nullopt;
    case 'f':
      switch (size) {
        case 2: return ScalarType::Half;
        case 4: return ScalarType::Float;
        case 8: return ScalarType::Double;
      }
      return std::nullopt;
    case 'c':
      switch (size) {
        case 8: return ScalarType::ComplexFloat;
        case 16: return ScalarType::ComplexDouble;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

/// A tiny reader for the header's Python dict literal:
/// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& path) : s_(text), path_(path) {}

  void parse(std::string& descr, bool& fortran, Dims& shape) {
    bool haveDescr = false, haveOrder = false, haveShape = false;
    expect('{');
    while (true) {
      skipSpace();
      if (peek() == '}') break;
      std::string key = quoted();
      expect(':');
      if (key == "descr") {
        descr = quoted();
        haveDescr = true;
      } else if (key == "fortran_order") {
        fortran = boolean();
        haveOrder = true;
      } else if (key == "shape") {
        shape = tuple();
        haveShape = true;
      } else {
        bad(fmt::format("unknown header key '{}'", key));
      }
      skipSpace();
      if (peek() == ',') ++pos_;
    }
    if (!haveDescr || !haveOrder || !haveShape) bad("the header lacks descr, fortran_order or shape");
  }

 private:
  [[noreturn]] void bad(const std::string& why) const {
    fail<FormatError>("'{}' is not a valid .npy file: {}", path_, why);
  }
  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t')) ++pos_;
  }
  char peek() {
    if (pos_ >= s_.size()) bad("the header ends early");
    return s_[pos_];
  }
  void expect(char c) {
    skipSpace();
    if (peek() != c) bad(fmt::format("expected '{}' in the header", c));
    ++pos_;
  }
  std::string quoted() {
    skipSpace();
    char q = peek();
    if (q != '\'' && q != '"') bad("expected a quoted string in the header");
    size_t end = s_.find(q, pos_ + 1);
    if (end == std::string_view::npos) bad("unterminated string in the header");
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }
  bool boolean() {
    skipSpace();
    if (s_.substr(pos_, 4) == "True") return pos_ += 4, true;
    if (s_.substr(pos_, 5) == "False") return pos_ += 5, false;
    bad("fortran_order is neither True nor False");
  }
  Dims tuple() {
    expect('(');
    Dims dims;
    while (true) {
      skipSpace();
      if (peek() == ')') break;
      int64_t v = 0;
      size_t digits = 0;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
        if (v > (INT64_MAX - 9) / 10) bad("a dimension is too large");
        v = v * 10 + (s_[pos_++] - '0');
        ++digits;
      }
      if (digits == 0) bad("expected a dimension in the shape");
      dims.push_back(v);
      skipSpace();
      if (peek() == ',') ++pos_;
    }
    ++pos_;
    return dims;
  }

  std::string_view s_;
  const std::string& path_;
  size_t pos_ = 0;
};

void byteswapElements(char* data, size_t count, size_t elementBytes, size_t wordBytes) {
  // Complex values swap each of their two components.
  for (size_t i = 0; i < count * (elementBytes / wordBytes); ++i)
    std::reverse(data + i * wordBytes, data + (i + 1) * wordBytes);
}

}  // namespace

Tensor readNpy(const std::string& path) {
  auto file = MappedFile::open(path);
  return parseNpy(std::string_view(reinterpret_cast<const char*>(file->data()), file->size()), path);
}

Tensor parseNpy(std::string_view bytes, const std::string& path) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != std::string_view(kMagic, 6))
    fail<FormatError>("'{}' is not a .npy file (no \\x93NUMPY magic)", path);
  int major = static_cast<unsigned char>(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8;
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail<FormatError>("'{}' is not a valid .npy file: truncated header", path);
    headerLen = 0;
    for (int i = 3; i >= 0; --i) headerLen = headerLen << 8 | static_cast<unsigned char>(bytes[8 + i]);
    headerStart = 12;
  } else {
    fail<UnsupportedError>("'{}' uses .npy format version {}, which Sconce does not read", path, major);
  }
  if (headerLen > bytes.size() - headerStart)
    fail<FormatError>("'{}' is not a valid .npy file: the header runs past the end", path);
  std::string descr;
  bool fortran = false;
  Dims shape;
  HeaderParser(bytes.substr(headerStart, headerLen), path).parse(descr, fortran, shape);

  if (descr.size() < 3) fail<UnsupportedError>("'{}' holds dtype '{}', which Sconce does not support", path, descr);
  char order = descr[0], kind = descr[1];
  size_t size = 0;
  for (char c : descr.substr(2)) {
    if (c < '0' || c > '9' || size > 64)
      fail<UnsupportedError>("'{}' holds dtype '{}', which Sconce does not support", path, descr);
    size = size * 10 + static_cast<size_t>(c - '0');
  }
  std::optional<ScalarType> dtype = scalarTypeFor(kind, size);
  if (!dtype || (order != '<' && order != '>' && order != '|' && order != '='))
    fail<UnsupportedError>("'{}' holds dtype '{}', which Sconce has no tensor type for", path, descr);
  bool swap = size > 1 && order == '>' && std::endian::native == std::endian::little;

  size_t numel = 1;
  for (int64_t d : shape) {
    if (d != 0 && numel > SIZE_MAX / static_cast<size_t>(d) / size)
      fail<FormatError>("'{}' is not a valid .npy file: the shape is too large", path);
    numel *= static_cast<size_t>(d);
  }
  size_t dataStart = headerStart + headerLen;
  size_t nbytes = numel * size;
  if (bytes.size() - dataStart < nbytes)
    fail<FormatError>("'{}' is truncated: its shape needs {} bytes of data but it has {}", path, nbytes,
                      bytes.size() - dataStart);

  // Fortran order is C order of the reversed shape, transposed back.
  Dims stored = shape;
  if (fortran) std::reverse(stored.begin(), stored.end());
  Tensor t = Tensor::empty(stored, *dtype);
  if (nbytes) std::memcpy(t.rawData(), bytes.data() + dataStart, nbytes);
  if (swap) byteswapElements(static_cast<char*>(t.rawData()), numel, size, kind == 'c' ? size / 2 : size);
  if (fortran && shape.size() > 1) {
    Dims strides(shape.size());
    int64_t s = 1;
    for (size_t i = 0; i < shape.size(); ++i) {
      strides[i] = s;
      s *= std::max<int64_t>(shape[i], 1);
    }
    t = t.asStrided(shape, strides, 0).contiguous();
  }
  return t;
}

void writeNpy(const std::string& path, const Tensor& input) {
  const char* descr = nullptr;
  switch (input.dtype()) {
    case ScalarType::Bool: descr = "|b1"; break;
    case ScalarType::Byte: descr = "|u1"; break;
    case ScalarType::Char: descr = "|i1"; break;
    case ScalarType::Short: descr = "<i2"; break;
    case ScalarType::Int: descr = "<i4"; break;
    case ScalarType::Long: descr = "<i8"; break;
    case ScalarType::Half: descr = "<f2"; break;
    case ScalarType::Float: descr = "<f4"; break;
    case ScalarType::Double: descr = "<f8"; break;
    case ScalarType::ComplexFloat: descr = "<c8"; break;
    case ScalarType::ComplexDouble: descr = "<c16"; break;
    default:
      fail<UnsupportedError>("a {} tensor has no NumPy dtype; cannot write '{}'",
                             scalarTypeName(input.dtype()), path);
  }
  static_assert(std::endian::native == std::endian::little, "writeNpy assumes a little-endian host");
  Tensor t = input.contiguous();
  std::string shape;
  for (int64_t d : t.sizes()) shape += fmt::format("{}, ", d);
  if (t.dim() > 1) shape.resize(shape.size() - 2);  // (2, 3) but (5,)
  if (t.dim() == 1) shape.resize(shape.size() - 1);
  std::string header =
      fmt::format("{{'descr': '{}', 'fortran_order': False, 'shape': ({}), }}", descr, shape);
  // Total header (magic, version, length, text, '\n') padded to a multiple of 64.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string tmp = path + ".sconce-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail<IoError>("cannot write '{}': {}", path, std::strerror(errno));
    out.write(kMagic, 6);
    out.put(1);
    out.put(0);
    out.put(static_cast<char>(header.size() & 0xff));
    out.put(static_cast<char>(header.size() >> 8));
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(static_cast<const char*>(t.rawData()), static_cast<std::streamsize>(t.nbytes()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      fail<IoError>("cannot write '{}': {}", path, std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    fail<IoError>("cannot write '{}': {}", path, ec.message());
  }
}

}  // namespace sconce
