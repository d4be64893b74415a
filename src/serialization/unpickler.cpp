// Unpickler: opcode dispatch, the allow-list of globals, and the rebuilders they stand for.
#include "serialization/unpickler.h"

#include <bit>
#include <charconv>
#include <cstring>

#include "support/utf8.h"

namespace sconce {

std::string pickleOpName(uint8_t byte) {
  switch (byte) {
#define SCONCE_PICKLE_NAME(name, b, doc) \
  case static_cast<uint8_t>(b): return #name;
    SCONCE_PICKLE_OPCODES(SCONCE_PICKLE_NAME)
#undef SCONCE_PICKLE_NAME
  }
  return fmt::format("unknown opcode 0x{:02x}", byte);
}

namespace {

/// What a GLOBAL resolved to. It sits on the stack as a Capsule until REDUCE, NEWOBJ or
/// a persistent id consumes it; one left inside the result is an error.
struct Global : Capsule {
  enum class Kind {
    RebuildTensorV2,
    RebuildTensor,
    RebuildParameter,
    StorageClass,
    OrderedDict,
    Device,
    Size,
    Complex,
    BuildList,
    RestoreTypeTag,
    Class,
  };
  Global(Kind k, std::string n) : kind(k), name(std::move(n)) {}
  std::string describe() const override { return "global " + name; }

  Kind kind;
  std::string name;                          // qualified, for messages
  ScalarType dtype = ScalarType::Undefined;  // StorageClass
  TypePtr elementType;                       // BuildList
  ClassTypePtr cls;                          // Class
};

constexpr size_t kMaxDecimalDigits = 4300;  // CPython's int/str conversion limit
constexpr int kMaxKeyNodes = 1000;          // tuples hashed per dict key

const Global* asGlobal(const IValue& v) {
  return v.isCapsule() ? dynamic_cast<const Global*>(static_cast<Capsule*>(v.payload())) : nullptr;
}

bool isContainer(const IValue& v) {
  return v.isTuple() || v.isList() || v.isDict() || v.isObject();
}

// The i-th value a container holds (dict: key, value, key, ...), or null past the end.
const IValue* childAt(const IValue& v, size_t i) {
  switch (v.tag()) {
    case IValue::Tag::Tuple: {
      const auto& e = v.tupleRef().elements;
      return i < e.size() ? &e[i] : nullptr;
    }
    case IValue::Tag::List: {
      const auto& e = v.listRef().elements;
      return i < e.size() ? &e[i] : nullptr;
    }
    case IValue::Tag::Dict: {
      const auto& items = v.dictRef().items();
      if (i / 2 >= items.size()) return nullptr;
      return i % 2 ? &items[i / 2].second : &items[i / 2].first;
    }
    case IValue::Tag::Object: {
      const auto& s = v.objectRef().slots;
      return i < s.size() ? &s[i] : nullptr;
    }
    default: return nullptr;
  }
}

// Little-endian two's complement (LONG1/LONG4) to an int, or to a BigInt stored without
// redundant sign bytes so that equal values have equal bytes.
IValue intFromLittleEndian(std::string_view raw) {
  std::string bytes(raw);
  auto byteAt = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  while (bytes.size() > 1 &&
         ((byteAt(bytes.size() - 1) == 0x00 && !(byteAt(bytes.size() - 2) & 0x80)) ||
          (byteAt(bytes.size() - 1) == 0xff && (byteAt(bytes.size() - 2) & 0x80))))
    bytes.pop_back();
  if (bytes.empty()) return IValue(int64_t{0});
  if (bytes.size() > 8) return IValue::bigInt(std::move(bytes));
  uint64_t u = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    u |= uint64_t{static_cast<uint8_t>(bytes[i])} << (8 * i);
  if (bytes.size() < 8 && (static_cast<uint8_t>(bytes.back()) & 0x80))
    u |= ~uint64_t{0} << (8 * bytes.size());  // sign-extend
  return IValue(static_cast<int64_t>(u));
}

// Decimal text ("-123", as INT and LONG write it) to an int or a BigInt.
IValue intFromDecimal(std::string_view text) {
  bool negative = !text.empty() && (text[0] == '-' || text[0] == '+');
  std::string_view digits = negative ? text.substr(1) : text;
  negative = negative && text[0] == '-';
  SCONCE_CHECK(FormatError, !digits.empty() && digits.size() <= kMaxDecimalDigits,
               "bad integer literal of {} characters", text.size());
  for (char c : digits)
    SCONCE_CHECK(FormatError, c >= '0' && c <= '9', "bad character in integer literal");
  int64_t small = 0;
  auto [end, ec] =
      std::from_chars(text.data() + (text[0] == '+'), text.data() + text.size(), small);
  if (ec == std::errc() && end == text.data() + text.size()) return IValue(small);
  // Magnitude in base-2^32 limbs, fed 9 decimal digits at a time.
  std::vector<uint32_t> limbs;
  for (size_t i = 0; i < digits.size(); i += 9) {
    std::string_view chunk = digits.substr(i, 9);
    uint64_t carry = 0, scale = 1;
    for (char c : chunk) {
      carry = carry * 10 + static_cast<uint64_t>(c - '0');
      scale *= 10;
    }
    for (uint32_t& limb : limbs) {
      uint64_t v = uint64_t{limb} * scale + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string bytes;
  for (uint32_t limb : limbs)
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>(limb >> (8 * b)));
  bytes.push_back('\0');  // room for the sign bit
  if (negative) {
    unsigned carry = 1;
    for (char& c : bytes) {
      unsigned v = static_cast<uint8_t>(~static_cast<uint8_t>(c)) + carry;
      c = static_cast<char>(v);
      carry = v >> 8;
    }
  }
  return intFromLittleEndian(bytes);
}

/// A code point from untrusted bytes, range-checked, encoded as UTF-8.
void appendCodePoint(std::string& out, uint32_t cp) {
  SCONCE_CHECK(FormatError, cp <= 0x10ffff, "code point U+{:X} out of range", cp);
  appendUtf8(out, cp);
}

uint32_t parseHex(std::string_view s) {
  uint32_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  SCONCE_CHECK(FormatError, ec == std::errc() && end == s.data() + s.size(), "bad hex escape '{}'",
               s);
  return v;
}

// UNICODE's payload: latin-1 bytes plus \uXXXX and \UXXXXXXXX escapes, to UTF-8.
std::string decodeRawUnicodeEscape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == 'u' || s[i + 1] == 'U')) {
      size_t n = s[i + 1] == 'u' ? 4 : 8;
      SCONCE_CHECK(FormatError, i + 2 + n <= s.size(), "truncated \\u escape");
      appendCodePoint(out, parseHex(s.substr(i + 2, n)));
      i += 1 + n;
    } else {
      appendCodePoint(out, c);
    }
  }
  return out;
}

// STRING's payload: a quoted Python 2 str literal with backslash escapes.
std::string decodeQuotedString(std::string_view s) {
  SCONCE_CHECK(FormatError, s.size() >= 2 && (s[0] == '\'' || s[0] == '"') && s.back() == s[0],
               "STRING argument is not a quoted string");
  s = s.substr(1, s.size() - 2);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    SCONCE_CHECK(FormatError, ++i < s.size(), "STRING ends with a backslash");
    static constexpr std::string_view kEscapes = "ntrabfv\\'\"", kChars = "\n\t\r\a\b\f\v\\'\"";
    char c = s[i];
    if (size_t k = kEscapes.find(c); k != std::string_view::npos) {
      out += kChars[k];
    } else if (c == 'x') {
      SCONCE_CHECK(FormatError, i + 3 <= s.size(), "truncated \\x escape");
      out += static_cast<char>(parseHex(s.substr(i + 1, 2)));
      i += 2;
    } else if (c >= '0' && c <= '7') {
      unsigned v = 0;
      size_t n = 0;
      for (; n < 3 && i + n < s.size() && s[i + n] >= '0' && s[i + n] <= '7'; ++n)
        v = v * 8 + static_cast<unsigned>(s[i + n] - '0');
      out += static_cast<char>(v & 0xff);
      i += n - 1;
    } else if (c != '\n') {  // a backslash-newline is a line continuation
      out += '\\';           // Python keeps unknown escapes verbatim
      out += c;
    }
  }
  return out;
}

std::vector<int64_t> intList(const IValue& v, const char* what) {
  const std::vector<IValue>* items = nullptr;
  if (v.isTuple()) items = &v.tupleRef().elements;
  if (v.isList()) items = &v.listRef().elements;
  SCONCE_CHECK(FormatError, items != nullptr, "tensor {} must be a tuple of ints, not {}", what,
               v.tagName());
  std::vector<int64_t> out;
  out.reserve(items->size());
  for (const IValue& e : *items) out.push_back(e.toInt());
  return out;
}

}  // namespace

Unpickler::Unpickler(std::string_view bytes, UnpicklerOptions options)
    : bytes_(bytes), options_(std::move(options)) {}

Unpickler::~Unpickler() {
  if (!succeeded_) releaseContainers();
}

// A failed parse may leave reference cycles or chains too deep to destroy recursively.
// Every container is still held by created_, so emptying each one frees nothing
// recursively; afterwards each is destroyed on its own.
void Unpickler::releaseContainers() {
  for (IValue& v : created_) {
    switch (v.tag()) {
      case IValue::Tag::Tuple: v.tupleRef().elements.clear(); break;
      case IValue::Tag::List: v.listRef().elements.clear(); break;
      case IValue::Tag::Dict: v.dictRef().clear(); break;
      case IValue::Tag::Object: v.objectRef().slots.clear(); break;
      default: break;
    }
  }
  created_.clear();
}

IValue unpickle(std::string_view bytes, UnpicklerOptions options) {
  return Unpickler(bytes, std::move(options)).parse();
}

std::string Unpickler::withLocation(std::string_view message) const {
  if (op_ == 0 && opStart_ == bytes_.size())
    return fmt::format("{} (pickle ends at byte {} without a STOP opcode)", message, opStart_);
  std::string name = pickleOpName(op_);
  if (name.starts_with("unknown")) return fmt::format("{} (pickle byte {})", message, opStart_);
  return fmt::format("{} (pickle opcode {} at byte {})", message, name, opStart_);
}

IValue Unpickler::parse() {
  SCONCE_ASSERT(!stopped_ && pos_ == 0, "Unpickler::parse called twice");
  try {
    while (!stopped_) {
      opStart_ = pos_;
      if (pos_ >= bytes_.size()) {
        op_ = 0;
        fail<FormatError>("truncated pickle");
      }
      op_ = static_cast<uint8_t>(bytes_[pos_++]);
      dispatch(op_);
    }
    IValue result = pop();
    checkResult(result);
    succeeded_ = true;
    created_.clear();
    return result;
  } catch (const IoError&) {
    throw;
  } catch (const InternalError&) {
    throw;
  } catch (const UnsupportedError& e) {
    throw UnsupportedError(withLocation(e.what()));
  } catch (const Error& e) {
    throw FormatError(withLocation(e.what()));
  }
}

// ---- Input --------------------------------------------------------------------------

const char* Unpickler::take(size_t n) {
  size_t left = bytes_.size() - pos_;
  if (n > left)
    fail<FormatError>("truncated pickle: {} needs {} bytes but only {} remain", pickleOpName(op_),
                      n, left);
  const char* p = bytes_.data() + pos_;
  pos_ += n;
  return p;
}

uint64_t Unpickler::readLE(size_t n) {
  const char* p = take(n);
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<uint8_t>(p[i])} << (8 * i);
  return v;
}

std::string_view Unpickler::readLine() {
  size_t nl = bytes_.find('\n', pos_);
  if (nl == std::string_view::npos)
    fail<FormatError>("truncated pickle: no newline after {}", pickleOpName(op_));
  std::string_view line = bytes_.substr(pos_, nl - pos_);
  pos_ = nl + 1;
  return line;
}

// A length prefix of `width` bytes, checked against what is left of the input.
size_t Unpickler::readLength(size_t width) {
  uint64_t n = readLE(width);
  if (width == 4 && (op_ == 'T' || op_ == static_cast<uint8_t>(PickleOp::LONG4)) &&
      (n & 0x80000000u))
    fail<FormatError>("negative length {}", static_cast<int32_t>(n));
  size_t left = bytes_.size() - pos_;
  if (n > left)
    fail<FormatError>("{} claims {} bytes but only {} remain", pickleOpName(op_), n, left);
  return static_cast<size_t>(n);
}

// ---- Stack --------------------------------------------------------------------------

// Items above the topmost mark: as in Python, ops cannot reach below a mark.
size_t Unpickler::available() const { return stack_.size() - (marks_.empty() ? 0 : marks_.back()); }

IValue Unpickler::pop() {
  if (available() == 0) fail<FormatError>("stack underflow");
  IValue v = std::move(stack_.back());
  stack_.pop_back();
  return v;
}

IValue& Unpickler::top() {
  if (available() == 0) fail<FormatError>("stack underflow");
  return stack_.back();
}

size_t Unpickler::popMark() {
  if (marks_.empty()) fail<FormatError>("no MARK on the stack");
  size_t m = marks_.back();
  marks_.pop_back();
  return m;
}

std::vector<IValue> Unpickler::popToMark() {
  size_t m = popMark();
  std::vector<IValue> items(std::make_move_iterator(stack_.begin() + static_cast<ptrdiff_t>(m)),
                            std::make_move_iterator(stack_.end()));
  stack_.resize(m);
  return items;
}

// ---- Values -------------------------------------------------------------------------

void Unpickler::pushContainer(IValue v) {
  created_.push_back(v);
  push(std::move(v));
}

IValue Unpickler::memoGet(uint64_t index) {
  if (index >= memo_.size() || memo_[index].isUninitialized())
    fail<FormatError>("memo entry {} is read before it is written", index);
  return memo_[index];
}

void Unpickler::memoPut(uint64_t index) {
  if (index >= memo_.size()) {
    // A real pickle numbers memo entries densely, so an index beyond the input size is
    // hostile; refusing it bounds the memo by the input.
    if (index >= bytes_.size()) fail<FormatError>("memo index {} is out of range", index);
    memo_.resize(static_cast<size_t>(index) + 1, IValue::uninitialized());
  }
  memo_[index] = top();
}

void Unpickler::appendTo(IValue& list, std::span<IValue> items) {
  if (!list.isList()) fail<FormatError>("cannot append to a {}", list.tagName());
  auto& elements = list.listRef().elements;
  elements.insert(elements.end(), std::make_move_iterator(items.begin()),
                  std::make_move_iterator(items.end()));
}

// Hashing a key recurses into tuples; bound that work (shared sub-tuples would make it
// exponential) and refuse keys Python could not have hashed.
void Unpickler::checkKey(const IValue& key, int& budget) const {
  if (key.isList() || key.isDict() || key.isObject() || key.isCapsule())
    fail<FormatError>("unhashable dict key of type {}", key.tagName());
  if (!key.isTuple()) return;
  if (--budget < 0) fail<FormatError>("dict key tuple is too large");
  for (const IValue& e : key.tupleRef().elements) checkKey(e, budget);
}

void Unpickler::setItems(IValue& dict, std::span<IValue> keysAndValues) {
  if (!dict.isDict()) fail<FormatError>("cannot set items of a {}", dict.tagName());
  if (keysAndValues.size() % 2) fail<FormatError>("odd number of items for a dict");
  DictObj& d = dict.dictRef();
  for (size_t i = 0; i < keysAndValues.size(); i += 2) {
    int budget = kMaxKeyNodes;
    checkKey(keysAndValues[i], budget);
    d.insertOrAssign(std::move(keysAndValues[i]), std::move(keysAndValues[i + 1]));
  }
}

// One opcode: read its argument, check the stack, push the result.
void Unpickler::dispatch(uint8_t op) {
  using P = PickleOp;
  auto pushBytes = [&](size_t lengthWidth) {
    size_t n = readLength(lengthWidth);
    push(IValue(std::string(take(n), n)));
  };
  auto lineNumber = [&] {
    std::string_view line = readLine();
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), v);
    if (ec != std::errc() || end != line.data() + line.size()) fail<FormatError>("bad memo index");
    return v;
  };
  auto pushTuple = [&](size_t n) {
    if (available() < n) fail<FormatError>("stack underflow");
    auto first = stack_.end() - static_cast<ptrdiff_t>(n);
    std::vector<IValue> items(std::make_move_iterator(first),
                              std::make_move_iterator(stack_.end()));
    stack_.erase(first, stack_.end());
    pushContainer(TupleObj::create(std::move(items)));
  };
  switch (static_cast<P>(op)) {
    case P::PROTO:
      if (uint64_t version = readLE(1); version > 5)
        fail<FormatError>("unsupported pickle protocol {}", version);
      return;
    case P::FRAME: readLength(8); return;  // only a buffering hint
    case P::STOP: stopped_ = true; return;
    case P::MARK:
      if (marks_.size() >= options_.maxDepth)
        fail<FormatError>("MARKs nested deeper than {}", options_.maxDepth);
      marks_.push_back(stack_.size());
      return;
    case P::POP:
      if (available() > 0)
        stack_.pop_back();
      else
        popMark();  // as Python does when the mark is the top
      return;
    case P::POP_MARK: popToMark(); return;
    case P::DUP: push(IValue(top())); return;

    case P::NONE: push(IValue()); return;
    case P::NEWTRUE: push(IValue(true)); return;
    case P::NEWFALSE: push(IValue(false)); return;
    case P::BININT: push(IValue(int64_t{static_cast<int32_t>(readLE(4))})); return;
    case P::BININT1: push(IValue(static_cast<int64_t>(readLE(1)))); return;
    case P::BININT2: push(IValue(static_cast<int64_t>(readLE(2)))); return;
    case P::LONG1:
    case P::LONG4: {
      size_t n = readLength(op == static_cast<uint8_t>(P::LONG1) ? 1 : 4);
      push(intFromLittleEndian({take(n), n}));
      return;
    }
    case P::INT: {
      std::string_view line = readLine();
      push(line == "00" || line == "01" ? IValue(line == "01") : intFromDecimal(line));
      return;
    }
    case P::LONG: {
      std::string_view line = readLine();
      push(intFromDecimal(line.ends_with('L') ? line.substr(0, line.size() - 1) : line));
      return;
    }
    case P::FLOAT: {
      std::string_view line = readLine();
      double d = 0;
      auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), d);
      if (ec != std::errc() || end != line.data() + line.size())
        fail<FormatError>("bad float literal");
      push(IValue(d));
      return;
    }
    case P::BINFLOAT: {
      const char* p = take(8);
      uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) bits = bits << 8 | static_cast<uint8_t>(p[i]);  // big-endian
      push(IValue(std::bit_cast<double>(bits)));
      return;
    }

    case P::SHORT_BINSTRING:
    case P::SHORT_BINBYTES:
    case P::SHORT_BINUNICODE: pushBytes(1); return;
    case P::BINSTRING:
    case P::BINBYTES:
    case P::BINUNICODE: pushBytes(4); return;
    case P::BINUNICODE8:
    case P::BINBYTES8:
    case P::BYTEARRAY8: pushBytes(8); return;
    case P::STRING: push(IValue(decodeQuotedString(readLine()))); return;
    case P::UNICODE: push(IValue(decodeRawUnicodeEscape(readLine()))); return;

    case P::EMPTY_LIST: pushContainer(ListObj::create(AnyType::get())); return;
    case P::LIST: pushContainer(ListObj::create(AnyType::get(), popToMark())); return;
    case P::APPEND: {
      IValue item = pop();
      appendTo(top(), {&item, 1});
      return;
    }
    case P::APPENDS: {
      std::vector<IValue> items = popToMark();
      appendTo(top(), items);
      return;
    }
    case P::EMPTY_TUPLE: push(TupleObj::create({})); return;
    case P::TUPLE: pushContainer(TupleObj::create(popToMark())); return;
    case P::TUPLE1: pushTuple(1); return;
    case P::TUPLE2: pushTuple(2); return;
    case P::TUPLE3: pushTuple(3); return;
    case P::EMPTY_DICT: pushContainer(DictObj::create(AnyType::get(), AnyType::get())); return;
    case P::DICT: {
      std::vector<IValue> items = popToMark();
      pushContainer(DictObj::create(AnyType::get(), AnyType::get()));
      setItems(top(), items);
      return;
    }
    case P::SETITEM: {
      IValue kv[2];
      kv[1] = pop();
      kv[0] = pop();
      setItems(top(), kv);
      return;
    }
    case P::SETITEMS: {
      std::vector<IValue> items = popToMark();
      setItems(top(), items);
      return;
    }

    case P::GET: push(memoGet(lineNumber())); return;
    case P::BINGET: push(memoGet(readLE(1))); return;
    case P::LONG_BINGET: push(memoGet(readLE(4))); return;
    case P::PUT: memoPut(lineNumber()); return;
    case P::BINPUT: memoPut(readLE(1)); return;
    case P::LONG_BINPUT: memoPut(readLE(4)); return;
    case P::MEMOIZE: memoPut(memo_.size()); return;

    case P::GLOBAL: {
      std::string module(readLine());
      push(resolveGlobal(module, std::string(readLine())));
      return;
    }
    case P::STACK_GLOBAL: {
      IValue name = pop(), module = pop();
      if (!name.isString() || !module.isString())
        fail<FormatError>("STACK_GLOBAL needs two strings, not {} and {}", module.tagName(),
                          name.tagName());
      push(resolveGlobal(module.toStringRef(), name.toStringRef()));
      return;
    }
    case P::REDUCE: {
      IValue args = pop(), callable = pop();
      push(call(callable, args));
      return;
    }
    case P::NEWOBJ: {
      IValue args = pop(), cls = pop();
      push(newObject(cls, args));
      return;
    }
    case P::NEWOBJ_EX: {
      IValue kwargs = pop(), args = pop(), cls = pop();
      if (!kwargs.isDict() || !kwargs.dictRef().empty())
        fail<FormatError>("NEWOBJ_EX with keyword arguments is not supported");
      push(newObject(cls, args));
      return;
    }
    case P::BUILD: {
      IValue state = pop();
      build(top(), std::move(state));
      return;
    }
    case P::BINPERSID: push(persistentLoad(pop())); return;
    case P::PERSID: push(persistentLoad(IValue(std::string(readLine())))); return;

    case P::EMPTY_SET:
    case P::ADDITEMS:
    case P::FROZENSET:
      fail<UnsupportedError>("pickle contains a set, which TorchScript values cannot hold");
    case P::INST:
    case P::OBJ:
    case P::EXT1:
    case P::EXT2:
    case P::EXT4:
    case P::NEXT_BUFFER:
    case P::READONLY_BUFFER:
      fail<UnsupportedError>("pickle opcode {} is not supported", pickleOpName(op));
  }
  fail<FormatError>("unknown pickle opcode 0x{:02x}", op);
}

// ---- Globals ------------------------------------------------------------------------

IValue Unpickler::resolveGlobal(const std::string& module, const std::string& name) {
  std::string qualified = module + "." + name;
  using K = Global::Kind;
  auto make = [&](K kind) { return makeRef<Global>(kind, qualified); };
  auto value = [](Ref<Global> g) { return IValue(Ref<Capsule>(std::move(g))); };

  if (module == "torch._utils") {
    if (name == "_rebuild_tensor_v2") return value(make(K::RebuildTensorV2));
    if (name == "_rebuild_tensor") return value(make(K::RebuildTensor));
    if (name == "_rebuild_parameter" || name == "_rebuild_parameter_with_state")
      return value(make(K::RebuildParameter));
    if (name.starts_with("_rebuild_"))
      fail<UnsupportedError>(
          "pickle uses '{}': quantized, sparse, nested and device-specific tensors are not "
          "supported",
          qualified);
  }
  if (module == "torch" || module == "torch.storage") {
    std::optional<ScalarType> dtype = scalarTypeFromStorageClass(name);
    if (!dtype && (name == "UntypedStorage" || name == "_UntypedStorage")) dtype = ScalarType::Byte;
    if (dtype) {
      auto g = make(K::StorageClass);
      g->dtype = *dtype;
      return value(std::move(g));
    }
  }
  if (module == "torch") {
    if (name == "device") return value(make(K::Device));
    if (name == "Size") return value(make(K::Size));
    if (auto dtype = scalarTypeFromName(name)) return IValue(int64_t{static_cast<int8_t>(*dtype)});
  }
  if (module == "collections" && name == "OrderedDict") return value(make(K::OrderedDict));
  // Protocol 2 pickles spell `builtins` as Python 2's `__builtin__`.
  bool builtins = module == "builtins" || module == "__builtin__";
  if (builtins && name == "complex") return value(make(K::Complex));
  if (builtins && (name == "set" || name == "frozenset"))
    fail<UnsupportedError>("pickle contains a set, which TorchScript values cannot hold");
  if (module == "torch.jit._pickle") {
    if (name == "restore_type_tag") return value(make(K::RestoreTypeTag));
    TypePtr elem;
    if (name == "build_intlist") elem = IntType::get();
    if (name == "build_doublelist") elem = FloatType::get();
    if (name == "build_boollist") elem = BoolType::get();
    if (name == "build_tensorlist") elem = TensorType::get();
    if (name == "build_genericlist") elem = AnyType::get();
    if (elem) {
      auto g = make(K::BuildList);
      g->elementType = std::move(elem);
      return value(std::move(g));
    }
  }
  if (module == "__torch__" || module.starts_with("__torch__.")) {
    if (qualified.starts_with("__torch__.torch.classes."))
      fail<UnsupportedError>("pickle uses the custom C++ class '{}', which Sconce does not support",
                             qualified);
    ClassTypePtr cls;
    if (options_.resolveClass) {
      cls = options_.resolveClass(qualified);
      if (!cls) fail<FormatError>("pickle refers to class '{}', which is not known", qualified);
    } else {
      ClassTypePtr& cached = classes_[qualified];
      if (!cached) cached = ClassType::create(qualified);
      cls = cached;
    }
    auto g = make(K::Class);
    g->cls = std::move(cls);
    return value(std::move(g));
  }
  fail<FormatError>("pickle refers to global '{}', which is not allowed", qualified);
}

IValue Unpickler::call(const IValue& callable, const IValue& args) {
  const Global* g = asGlobal(callable);
  if (!g) fail<FormatError>("cannot call a {}", callable.tagName());
  if (!args.isTuple())
    fail<FormatError>("arguments of '{}' must be a tuple, not {}", g->name, args.tagName());
  const std::vector<IValue>& a = args.tupleRef().elements;
  auto arity = [&](size_t lo, size_t hi) {
    if (a.size() < lo || a.size() > hi)
      fail<FormatError>("'{}' called with {} arguments", g->name, a.size());
  };
  using K = Global::Kind;
  switch (g->kind) {
    case K::RebuildTensorV2: arity(6, 7); return rebuildTensor(a, true);
    case K::RebuildTensor: arity(4, 4); return rebuildTensor(a, false);
    case K::RebuildParameter: {
      arity(3, 4);
      Tensor data = a[0].toTensor();
      Tensor p = data.asStrided(data.sizes(), data.strides(), data.storageOffset());
      p.impl()->setRequiresGrad(a[1].toBool());
      p.impl()->setIsParameter(true);
      return IValue(p);
    }
    case K::OrderedDict: {
      arity(0, 0);
      auto d = DictObj::create(AnyType::get(), AnyType::get());
      d->setOrdered(true);
      IValue v(std::move(d));
      created_.push_back(v);
      return v;
    }
    case K::Device: {
      arity(1, 2);
      Device device = Device::parse(a[0].toStringRef());
      if (a.size() == 2 && !a[1].isNone()) {
        int64_t index = a[1].toInt();
        if (index < 0 || index > 127) fail<FormatError>("bad device index {}", index);
        device.index = static_cast<int8_t>(index);
      }
      return IValue(device);
    }
    case K::Size: {
      arity(1, 1);
      std::vector<IValue> sizes;
      for (int64_t s : intList(a[0], "size")) sizes.emplace_back(s);
      IValue v(TupleObj::create(std::move(sizes)));
      created_.push_back(v);
      return v;
    }
    case K::Complex:
      arity(2, 2);
      return IValue(std::complex<double>(a[0].toScalarDouble(), a[1].toScalarDouble()));
    case K::BuildList:
      arity(1, 1);
      a[0].toList()->elementType = g->elementType;
      return a[0];
    case K::RestoreTypeTag:
      arity(2, 2);
      typeTags_.push_back({a[0], a[1].toStringRef()});
      return a[0];
    case K::StorageClass:
      fail<FormatError>("storage class '{}' may only appear in a persistent id", g->name);
    case K::Class: fail<FormatError>("class '{}' must be created with NEWOBJ, not called", g->name);
  }
  SCONCE_ASSERT(false, "unhandled global kind");
}

IValue Unpickler::rebuildTensor(const std::vector<IValue>& a, bool v2) {
  // a[0] is the 1-D tensor persistentLoad made of the whole storage: it carries the
  // storage and the dtype of the storage class.
  Tensor whole = a[0].toTensor();
  if (!whole.defined()) fail<FormatError>("tensor rebuilt from an undefined storage");
  Tensor t = Tensor::fromStorage(whole.storage(), intList(a[2], "size"), intList(a[3], "stride"),
                                 a[1].toInt(), whole.dtype());
  if (v2) t.impl()->setRequiresGrad(a[4].toBool());
  return IValue(t);
}

IValue Unpickler::persistentLoad(const IValue& pid) {
  if (!pid.isTuple())
    fail<FormatError>("persistent id must be a ('storage', ...) tuple, not {}", pid.tagName());
  const std::vector<IValue>& e = pid.tupleRef().elements;
  if (e.size() < 5 || e.size() > 6 || !e[0].isString() || e[0].toStringRef() != "storage")
    fail<FormatError>("persistent id is not a ('storage', class, key, location, numel) tuple");
  const Global* cls = asGlobal(e[1]);
  if (!cls || cls->kind != Global::Kind::StorageClass)
    fail<FormatError>("persistent id names {} where a storage class belongs",
                      cls ? cls->name : std::string(e[1].tagName()));
  const std::string& key = e[2].toStringRef();
  const std::string& location = e[3].toStringRef();
  int64_t numel = e[4].toInt();
  if (e.size() == 6 && !e[5].isNone())
    fail<UnsupportedError>("storage '{}' is a view of another storage (pre-1.0 format)", key);
  auto es = static_cast<int64_t>(elementSize(cls->dtype));
  if (numel < 0 || numel > INT64_MAX / es)
    fail<FormatError>("storage '{}' has bad length {}", key, numel);

  auto it = storages_.find(key);
  if (it == storages_.end()) {
    if (!options_.loadStorage)
      fail<FormatError>("pickle refers to storage '{}' but no storage loader was given", key);
    Storage s = options_.loadStorage(key, cls->dtype, numel, location);
    if (!s) fail<FormatError>("storage '{}' could not be loaded", key);
    it = storages_.emplace(key, std::move(s)).first;
  }
  return IValue(Tensor::fromStorage(it->second, {numel}, {1}, 0, cls->dtype));
}

IValue Unpickler::newObject(const IValue& cls, const IValue& args) {
  const Global* g = asGlobal(cls);
  if (!g || g->kind != Global::Kind::Class)
    fail<FormatError>("NEWOBJ needs a `__torch__` class, not {}",
                      g ? g->name : std::string(cls.tagName()));
  if (!args.isTuple() || !args.tupleRef().elements.empty())
    fail<FormatError>("class '{}' created with constructor arguments", g->name);
  IValue obj(Object::create(g->cls));
  created_.push_back(obj);
  return obj;
}

void Unpickler::build(IValue& target, IValue state) {
  if (target.isObject()) {
    Ref<Object> obj = target.toObject();
    if (options_.setState && options_.setState(obj, state)) return;
    bool attributeDict = state.isDict();
    if (attributeDict)
      for (const auto& [k, v] : state.dictRef().items())
        attributeDict = attributeDict && k.isString();
    if (!attributeDict) {
      obj->setAttr(std::string(kPickledStateAttr), std::move(state), true);
      return;
    }
    for (const auto& [k, v] : state.dictRef().items()) obj->setAttr(k.toStringRef(), v, true);
    return;
  }
  // torch.save gives a state_dict's OrderedDict a `_metadata` attribute: keep it so
  // it is written back.
  if (target.isDict() && target.dictRef().isOrdered()) {
    target.dictRef().setPickledState(std::move(state));
    return;
  }
  fail<FormatError>("BUILD cannot apply a state to a {}", target.tagName());
}

// ---- Result checks ------------------------------------------------------------------

// One depth-first walk over everything created: refuses reference cycles (they would
// leak and make every recursive consumer loop), nesting deeper than maxDepth (recursive
// consumers, including destructors, would overflow the stack), and globals left inside
// the result. Linear in the number of containers: shared ones are visited once.
void Unpickler::checkResult(const IValue& result) {
  if (const Global* g = asGlobal(result))
    fail<FormatError>("pickle returns the bare {}", g->describe());
  std::unordered_map<const RefCounted*, size_t> height;  // 0 while on the walk's path
  struct Frame {
    const IValue* node;
    size_t next;
    size_t best;
  };
  std::vector<Frame> path;
  auto walk = [&](const IValue& root, bool checkGlobals) {
    if (!isContainer(root) || !height.try_emplace(root.payload(), 0).second) return;
    path.push_back({&root, 0, 0});
    while (!path.empty()) {
      Frame& f = path.back();
      const IValue* child = childAt(*f.node, f.next++);
      if (!child) {
        size_t h = f.best + 1;
        height[f.node->payload()] = h;
        path.pop_back();
        if (!path.empty()) path.back().best = std::max(path.back().best, h);
        continue;
      }
      if (checkGlobals)
        if (const Global* g = asGlobal(*child))
          fail<FormatError>("pickle uses the {} as a value", g->describe());
      if (!isContainer(*child)) continue;
      auto [it, inserted] = height.try_emplace(child->payload(), 0);
      if (!inserted) {
        if (it->second == 0) fail<FormatError>("pickle contains a reference cycle");
        if (path.size() + it->second > options_.maxDepth)
          fail<FormatError>("containers nested deeper than {}", options_.maxDepth);
        f.best = std::max(f.best, it->second);
        continue;
      }
      if (path.size() >= options_.maxDepth)
        fail<FormatError>("containers nested deeper than {}", options_.maxDepth);
      path.push_back({child, 0, 0});
    }
  };
  walk(result, true);
  for (const IValue& v : created_) walk(v, false);
  // Objects made before a later BUILD added attributes to their shared class.
  for (const IValue& v : created_)
    if (v.isObject()) v.objectRef().slots.resize(v.objectRef().type->attributes().size());
}

}  // namespace sconce
