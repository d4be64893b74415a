// Tests of the Unpickler, Pickler and legacy torch.save reader against real PyTorch.
//
// make_pickles.py (run with /usr/bin/python3 and torch) writes fixtures and a canonical
// rendering of what torch.load sees; render() below must reproduce it from our IValues.
// Round trips go back through torch.load / torch.jit.load. Hostile inputs are raw bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "serialization/legacy_format.h"
#include "serialization/pickler.h"
#include "serialization/unpickler.h"
#include "tests/support/fixtures.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const fs::path kScript = fs::path(SCONCE_SOURCE_DIR) / "tests/unit/serialization/make_pickles.py";
const fs::path kFixtures = fs::path(SCONCE_BINARY_DIR) / "fixtures/pickles";

using testing::readFile;

void writeFile(const fs::path& p, std::string_view bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

const std::string& fixtureProblem() {
  return testing::ensureGenerated(kFixtures, "/usr/bin/python3 " + kScript.string() + " generate", {kScript});
}

// ---- canonical rendering (make_pickles.py: render) ----------------------------------

std::string bigIntDecimal(const std::string& le) {
  std::vector<uint8_t> mag(le.begin(), le.end());
  bool negative = !mag.empty() && (mag.back() & 0x80);
  if (negative) {  // two's complement -> magnitude
    unsigned carry = 1;
    for (uint8_t& b : mag) {
      unsigned v = static_cast<uint8_t>(~b) + carry;
      b = static_cast<uint8_t>(v);
      carry = v >> 8;
    }
  }
  std::string digits;
  while (std::any_of(mag.begin(), mag.end(), [](uint8_t b) { return b != 0; })) {
    unsigned rem = 0;
    for (size_t i = mag.size(); i-- > 0;) {
      unsigned cur = rem * 256 + mag[i];
      mag[i] = static_cast<uint8_t>(cur / 10);
      rem = cur % 10;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + rem));
  }
  return (negative ? "-" : "") + (digits.empty() ? "0" : digits);
}

struct Renderer {
  std::unordered_map<const void*, size_t> ids, storages;

  std::string seen(const void* p) {
    auto [it, inserted] = ids.try_emplace(p, ids.size());
    return inserted ? "" : "@" + std::to_string(it->second);
  }
  std::string join(const std::vector<IValue>& items) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + (*this)(items[i]);
    return s;
  }
  std::string tensor(const Tensor& t) {
    if (auto ref = seen(t.impl()); !ref.empty()) return ref;
    std::string sid = "-";
    if (t.storage()->nbytes() > 0)
      sid = std::to_string(storages.try_emplace(t.storage().get(), storages.size()).first->second);
    std::string data;
    for (int64_t i = 0; i < t.numel(); ++i) {
      data += i ? ", " : "";
      if (t.dtype() == ScalarType::Bool)
        data += t.itemAsInt(i) ? "True" : "False";
      else if (isFloatingType(t.dtype()))
        data += pythonFloatRepr(t.itemAsDouble(i));
      else if (isComplexType(t.dtype()))
        data += fmt::format("complex({}, {})", pythonFloatRepr(t.itemAsComplex(i).real()),
                            pythonFloatRepr(t.itemAsComplex(i).imag()));
      else
        data += std::to_string(t.itemAsInt(i));
    }
    return fmt::format("tensor({}, [{}], [{}], off={}, rg={}, sid={}, data=[{}])",
                       scalarTypeName(t.dtype()), fmt::join(t.sizes(), ", "),
                       fmt::join(t.strides(), ", "), t.storageOffset(),
                       t.requiresGrad() ? "True" : "False", sid, data);
  }
  std::string operator()(const IValue& v) {
    switch (v.tag()) {
      case IValue::Tag::BigInt: return bigIntDecimal(v.bigIntBytes());
      case IValue::Tag::Complex:
        return fmt::format("complex({}, {})", pythonFloatRepr(v.toComplex().real()),
                           pythonFloatRepr(v.toComplex().imag()));
      case IValue::Tag::Device: return "device(" + v.toDevice().str() + ")";
      case IValue::Tag::Tensor: return tensor(v.toTensor());
      case IValue::Tag::List: {
        if (auto ref = seen(v.payload()); !ref.empty()) return ref;
        return "[" + join(v.listRef().elements) + "]";
      }
      case IValue::Tag::Tuple: {
        const auto& e = v.tupleRef().elements;
        if (e.empty()) return "()";
        if (auto ref = seen(v.payload()); !ref.empty()) return ref;
        return "(" + join(e) + (e.size() == 1 ? ",)" : ")");
      }
      case IValue::Tag::Dict: {
        if (auto ref = seen(v.payload()); !ref.empty()) return ref;
        std::string s = v.dictRef().isOrdered() ? "odict{" : "{";
        bool first = true;
        for (const auto& [k, x] : v.dictRef().items()) {
          s += (first ? "" : ", ") + (*this)(k) + ": " + (*this)(x);
          first = false;
        }
        return s + "}";
      }
      case IValue::Tag::Object: {
        if (auto ref = seen(v.payload()); !ref.empty()) return ref;
        const Object& o = v.objectRef();
        const std::string stateAttr(kPickledStateAttr);
        if (o.hasAttr(stateAttr) && !o.getAttr(stateAttr).isNone())
          return "object " + o.type->name() + " state=" + (*this)(o.getAttr(stateAttr));
        std::string s;
        for (size_t i = 0; i < o.slots.size(); ++i) {
          const std::string& name = o.type->attributes()[i].name;
          if (name != stateAttr)
            s += (s.empty() ? "" : ", ") + pythonStringRepr(name) + ": " + (*this)(o.slots[i]);
        }
        return "object " + o.type->name() + "{" + s + "}";
      }
      default: return v.repr();
    }
  }
};

std::string render(const IValue& v) { return Renderer()(v); }

// Storage loader over <dir>/data/<key>.
StorageLoader dirLoader(const fs::path& dir) {
  return [dir](const std::string& key, ScalarType dtype, int64_t numel, const std::string&) {
    std::string bytes = readFile(dir / "data" / key);
    EXPECT_EQ(bytes.size(), static_cast<size_t>(numel) * elementSize(dtype)) << key;
    Storage s = StorageImpl::allocate(bytes.size());
    std::memcpy(s->data(), bytes.data(), bytes.size());
    return s;
  };
}

IValue loadCase(const std::string& name, std::vector<PickleTypeTag>* tags = nullptr) {
  fs::path dir = kFixtures / name;
  std::string bytes = readFile(dir / "data.pkl");
  Unpickler u(bytes, {.loadStorage = dirLoader(dir)});
  IValue v = u.parse();
  EXPECT_EQ(u.bytesConsumed(), bytes.size());
  if (tags) *tags = u.typeTags();
  return v;
}

std::string expected(const fs::path& p) {
  std::string s = readFile(p);
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

// ---- fixtures from PyTorch ----------------------------------------------------------

class TorchCase : public ::testing::TestWithParam<const char*> {};

TEST_P(TorchCase, ReadsLikeTorchLoad) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  EXPECT_EQ(render(loadCase(GetParam())), expected(kFixtures / GetParam() / "expected.txt"));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TorchCase,
                         ::testing::Values("dtypes", "views", "scalars", "nested", "strings",
                                           "numbers", "state_dict", "grad", "misc", "dtype_globals", "complex",
                                           "jit", "traced", "constants", "proto0", "proto1", "proto2",
                                           "proto3", "proto4", "proto5"));

TEST(PickleFixtures, ViewsShareOneStorage) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  IValue v = loadCase("views");
  const DictObj& d = v.dictRef();
  auto get = [&](const char* k) { return d.find(IValue(k))->toTensor(); };
  Tensor base = get("base"), t = get("t"), slice = get("slice"), other = get("other_rev");
  EXPECT_EQ(base.storage().get(), t.storage().get());
  EXPECT_EQ(base.storage().get(), slice.storage().get());
  EXPECT_NE(base.storage().get(), other.storage().get());
  EXPECT_EQ(t.strides(), (Dims{1, 6}));
  EXPECT_EQ(slice.storageOffset(), 6);
  EXPECT_EQ(slice.strides(), (Dims{6, 2}));
  EXPECT_TRUE(get("same").is(base));
}

TEST(PickleFixtures, JitArchiveObjectsAndTypeTags) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  std::vector<PickleTypeTag> tags;
  IValue v = loadCase("jit", &tags);
  ASSERT_TRUE(v.isObject());
  const Object& net = v.objectRef();
  EXPECT_EQ(net.type->name(), "__torch__.Net");
  Ref<Object> a = net.getAttr("a").toObject(), b = net.getAttr("b").toObject();
  EXPECT_EQ(a->type.get(), b->type.get());  // one ClassType per qualified name
  Tensor w = a->getAttr("lin").toObject()->getAttr("weight").toTensor();
  EXPECT_TRUE(w.requiresGrad());
  EXPECT_EQ(w.sizes(), (Dims{2, 3}));
  EXPECT_EQ(net.getAttr("counts").toList()->elementType->kind(), TypeKind::Int);
  std::vector<std::string> tagTexts;
  for (const auto& t : tags) tagTexts.push_back(t.type);
  EXPECT_NE(std::find(tagTexts.begin(), tagTexts.end(), "Dict[str, Tensor]"), tagTexts.end());
  EXPECT_NE(std::find(tagTexts.begin(), tagTexts.end(), "List[str]"), tagTexts.end());
}

TEST(PickleFixtures, LegacyFormat) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  std::string bytes = readFile(kFixtures / "legacy.pt");
  ASSERT_TRUE(isLegacyTorchSave(bytes));
  EXPECT_FALSE(isLegacyTorchSave(readFile(kFixtures / "views.pt")));
  IValue v = loadLegacyTorchSave(bytes);
  EXPECT_EQ(render(v), expected(kFixtures / "legacy.expected.txt"));
  // Every truncation fails cleanly; so does a storage count that disagrees.
  for (size_t n = 0; n < bytes.size(); n += 7)
    EXPECT_THROW(loadLegacyTorchSave(bytes.substr(0, n)), FormatError) << n;
  std::string padded = bytes + "junk";
  EXPECT_NO_THROW(loadLegacyTorchSave(padded));
}

// CPython's pickler memoizes by identity where we memoize by value; for data without
// tensors or repeated objects the bytes agree exactly.
TEST(PickleFixtures, PicklerMatchesTorchSaveBytes) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  for (const char* name : {"numbers", "strings"}) {
    std::string original = readFile(kFixtures / name / "data.pkl");
    EXPECT_EQ(Pickler().pickle(loadCase(name)), original) << name;
  }
}

TEST(PickleFixtures, RoundTripThroughTorch) {
  SCONCE_REQUIRE_FIXTURES(fixtureProblem());
  std::string cases;
  std::ifstream list(kFixtures / "cases.txt");
  for (std::string name, kind; list >> name >> kind;) {
    if (kind == "readonly") continue;
    Pickler pickler({.torchScript = kind == "jit"});
    fs::path out = kFixtures / (name + ".rt");
    fs::remove_all(out);
    writeFile(out / "data.pkl", pickler.pickle(loadCase(name)));
    for (const PickledStorage& s : pickler.storages())
      writeFile(out / "data" / s.key,
                {static_cast<const char*>(s.storage->data()), s.storage->nbytes()});
    cases += " " + name;
  }
  testing::CommandResult verified =
      testing::runCommand("/usr/bin/python3 " + kScript.string() + " verify " + kFixtures.string() + cases);
  EXPECT_EQ(verified.status, 0) << verified.output;
  EXPECT_EQ(verified.output.find("MISMATCH"), std::string::npos) << verified.output;
}

// ---- hand-written pickles -----------------------------------------------------------

// PROTO 2, as a separate literal: "\x80\x02c..." would read as the escape \x02c.
const std::string kP2 = "\x80\x02";

// Literals keep their embedded NULs: "K\x00."_b.
std::string operator""_b(const char* s, size_t n) { return std::string(s, n); }

std::string str(std::string_view s) {  // BINUNICODE
  std::string out = "X";
  for (int i = 0; i < 4; ++i) out += static_cast<char>(s.size() >> (8 * i));
  return out + std::string(s);
}

Storage zeroLoader(const std::string&, ScalarType dtype, int64_t numel, const std::string&) {
  if (numel > 1000) fail<FormatError>("test loader refuses {} elements", numel);
  return StorageImpl::allocate(static_cast<size_t>(numel) * elementSize(dtype));
}

IValue parse(std::string_view bytes) { return unpickle(bytes, {.loadStorage = zeroLoader}); }

// A _rebuild_tensor_v2 call over a 4-element FloatStorage; `view` is offset, size, stride.
std::string tensorPickle(std::string_view view) {
  return kP2 + "ctorch._utils\n_rebuild_tensor_v2\n((" + str("storage") + "ctorch\nFloatStorage\n" +
         str("0") + str("cpu") + "K\x04tQ" + std::string(view) + "\x89NtR.";
}

void expectError(std::string_view bytes, std::string_view needle, bool unsupported = false) {
  try {
    parse(bytes);
    ADD_FAILURE() << "no error; expected one mentioning '" << needle << "'";
  } catch (const FormatError& e) {
    EXPECT_FALSE(unsupported) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  } catch (const UnsupportedError& e) {
    EXPECT_TRUE(unsupported) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(Unpickler, RejectsGlobalsOutsideTheAllowList) {
  for (const char* g : {"os\nsystem", "builtins\neval", "posix\nsystem", "subprocess\nPopen",
                        "builtins\ngetattr", "torch\nload", "torch._utils\n_import_dotted_name",
                        "collections\ndefaultdict", "__builtin__\nexec"}) {
    std::string name = g;
    std::string dotted = name;
    dotted[dotted.find('\n')] = '.';
    expectError(kP2 + "c" + name + "\n" + str("ls") + "\x85R.",
                "pickle refers to global '" + dotted + "', which is not allowed");
  }
  // Protocol 4 spelling: module and name as strings, then STACK_GLOBAL.
  expectError("\x80\x04\x8c\x02os\x94\x8c\x06system\x94\x93\x8c\x02ls\x85R.",
              "global 'os.system', which is not allowed (pickle opcode STACK_GLOBAL at byte 16)");
  expectError(kP2 + "c__torch__.torch.classes.quantized\nLinearPackedParamsBase\n).",
              "custom C++ class", true);
  expectError(kP2 + "ctorch._utils\n_rebuild_qtensor\n.", "'torch._utils._rebuild_qtensor'", true);
  expectError(kP2 + "ctorch._utils\n_rebuild_sparse_tensor\n.", "_rebuild_sparse_tensor", true);
  expectError(kP2 + "cbuiltins\nset\n.", "set", true);
  expectError("\x80\x04\x8f.", "set", true);
  expectError(kP2 + "ctorch\nFloatStorage\n.", "bare global torch.FloatStorage");
  expectError(kP2 + "]ctorch\nFloatStorage\na.", "uses the global torch.FloatStorage as a value");
}

TEST(Unpickler, BoundsNestingWithoutRecursion) {
  std::string lists = "\x80\x02" + std::string(100000, ']') + std::string(99999, 'a') + ".";
  expectError(lists, "nested deeper than 1000");
  expectError("\x80\x02" + std::string(100000, '('), "MARKs nested deeper than 1000");
  expectError("\x80\x02N" + std::string(100000, '\x85') + ".", "nested deeper than 1000");
  // (A, B) where A is 600 deep and B holds A 600 levels down: A is checked first, then
  // reached again too deep.
  std::string joined = "\x80\x02" + std::string(600, ']') + std::string(599, 'a') + "q\x00"_b +
                       std::string(600, ']') + "h\x00"_b + std::string(600, 'a') + "\x86.";
  expectError(joined, "nested deeper than 1000");
  // Exactly at the limit is fine, for the Pickler too.
  IValue deepest = parse("\x80\x02" + std::string(1000, ']') + std::string(999, 'a') + ".");
  EXPECT_THROW(Pickler({.maxDepth = 999}).pickle(deepest), ValueError);
  EXPECT_EQ(render(parse(Pickler().pickle(deepest))), render(deepest));
  // A deep tuple as a dict key would make hashing recurse: refused before hashing.
  expectError("\x80\x02}N" + std::string(100000, '\x85') + "Ns.", "dict key tuple is too large");
  // Sharing makes a 64-level DAG of 2^64 paths: hashing it as a key is refused, and as a
  // value both the checks and the Pickler stay linear.
  std::string dag;
  for (int i = 0; i < 64; ++i) dag += "2\x86";
  expectError("\x80\x02}N" + dag + "Ns.", "dict key tuple is too large");
  IValue v = parse("\x80\x02N" + dag + ".");
  EXPECT_LT(Pickler().pickle(v).size(), 1000u);
}

TEST(Unpickler, RejectsLengthsBeyondTheInput) {
  expectError(
      "\x80\x02X\xff\xff\xff\xff"
      "ab.",
      "BINUNICODE claims 4294967295 bytes but only 3 remain");
  expectError(
      "\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\x7f"
      "ab.",
      "BINUNICODE8 claims");
  expectError("\x80\x04\x8e\x00\x00\x00\x00\x01\x00\x00\x00."_b, "BINBYTES8 claims");
  expectError("\x80\x02\x8b\xff\xff\xff\xff.", "negative length");
  expectError("\x80\x02T\x00\x00\x00\x80."_b, "negative length");
  expectError("\x80\x02\x8a\x09\x01.", "LONG1 claims 9 bytes");
  expectError("\x80\x04\x95\xff\xff\xff\xff\xff\xff\xff\xff.", "FRAME claims");
  expectError("\x80\x02Nr\xff\xff\xff\x7f.", "memo index 2147483647 is out of range");
  expectError("\x80\x02h\x05.", "memo entry 5 is read before it is written");
  expectError(kP2 + "cos\nsys", "no newline after GLOBAL");
}

TEST(Unpickler, EveryTruncationIsAFormatError) {
  std::string valid = tensorPickle("K\x00K\x02K\x02\x86K\x02K\x01\x86"_b);
  ASSERT_EQ(render(parse(valid)),
            "tensor(float32, [2, 2], [2, 1], off=0, rg=False, sid=0, data=[0.0, 0.0, 0.0, 0.0])");
  for (size_t n = 0; n < valid.size(); ++n)
    EXPECT_THROW(parse(valid.substr(0, n)), FormatError) << n;
  expectError("", "pickle ends at byte 0 without a STOP opcode");
}

TEST(Unpickler, MalformedStacks) {
  expectError("\x80\x02\xff.", "unknown pickle opcode 0xff (pickle byte 2)");
  expectError(kP2 + "a.", "stack underflow (pickle opcode APPEND at byte 2)");
  expectError(kP2 + "](a.",
              "stack underflow (pickle opcode APPEND at byte 4)");  // not across a MARK
  expectError(kP2 + "e.", "no MARK on the stack");
  expectError(
      "\x80\x02K\x01K\x02"
      "a.",
      "cannot append to a int");
  expectError("\x80\x02}K\x01s.", "stack underflow");
  expectError("\x80\x02}]K\x01s.", "unhashable dict key of type List");
  expectError("\x80\x02K\x01)R.", "cannot call a int");
  expectError(kP2 + "ccollections\nOrderedDict\nK\x01R.",
              "arguments of 'collections.OrderedDict' must be a tuple");
  expectError(
      "\x80\x02K\x01K\x02"
      "b.",
      "BUILD cannot apply a state to a int");
  expectError(
      "\x80\x02]q\x00h\x00"
      "a."_b,
      "reference cycle");
  expectError(kP2 + "K\x01Q.", "persistent id must be a ('storage', ...) tuple, not int");
  expectError("\x80\x06.", "unsupported pickle protocol 6");
  expectError(kP2 + "c__torch__\nM\nK\x01\x85\x81.", "created with constructor arguments");
  try {
    unpickle(tensorPickle("K\x00K\x02\x85K\x01\x85"_b));
    ADD_FAILURE();
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("no storage loader"), std::string::npos);
  }
}

TEST(Unpickler, ValidatesTensorViewsAgainstTheirStorage) {
  expectError(tensorPickle("K\x00K\x0a\x85K\x01\x85"_b),
              "tensor view of shape [10] needs 40 bytes but its storage has 16");
  expectError(tensorPickle("K\x03K\x02\x85K\x01\x85"_b), "needs 20 bytes but its storage has 16");
  // Offsets and strides for which a byte count in 64 bits would wrap around.
  expectError(tensorPickle("\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x1fK\x01\x85K\x01\x85"_b),
              "storage has 16");
  expectError(tensorPickle("\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x3fK\x01\x85K\x01\x85"_b),
              "storage offset");
  expectError(tensorPickle("K\x00K\x02\x85\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40\x85"_b),
              "needs more than 2^64 bytes but its storage has 16");
  expectError(tensorPickle("K\x00K\x02\x85J\xff\xff\xff\xff\x85"_b), "negative stride");
  expectError(tensorPickle("K\x00K\x02K\x02\x86K\x01\x85"_b), "2 sizes but 1 strides");
  expectError("\x80\x02(" + str("storage") + "ctorch\nFloatStorage\n" + str("0") + str("cpu") +
                  "\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x40tQ."_b,
              "storage '0' has bad length");
  expectError("\x80\x02(" + str("storage") + "ctorch\nFloatStorage\n" + str("0") + str("cpu") +
                  "M\x00\x10tQ."_b,
              "test loader refuses 4096 elements");
}

TEST(Unpickler, ProtocolZeroTextOpcodes) {
  IValue v = parse(
      "(I42\nI00\nI01\nF-1.5e-300\nL-18446744073709551616L\nS'a\\nb\\x41\\101'\n"
      "Vcaf\\u00e9 \\U0001f389\np0\ng0\nI-9223372036854775808\nl.");
  EXPECT_EQ(render(v),
            "[42, False, True, -1.5e-300, -18446744073709551616, 'a\\nbAA', 'café 🎉', 'café 🎉', "
            "-9223372036854775808]");
  EXPECT_EQ(v.listRef().elements[4].bigIntBytes(),
            std::string("\x00\x00\x00\x00\x00\x00\x00\x00\xff", 9));
}

TEST(Unpickler, ObjectsAndStates) {
  // NEWOBJ + BUILD with a dict sets attributes; any other state goes to the hook or to
  // kPickledStateAttr, and the Pickler writes it back as the state.
  std::string obj = kP2 + "c__torch__.m\nC\n)\x81}(" + str("x") + "K\x01" + str("y") + "Nub" +
                    "c__torch__.m\nC\n)\x81K\x07\x85"
                    "b\x86.";
  IValue v = parse(obj);
  EXPECT_EQ(render(v),
            "(object __torch__.m.C{'x': 1, 'y': None}, object __torch__.m.C state=(7,))");
  EXPECT_EQ(render(parse(Pickler().pickle(v))), render(v));
  std::vector<std::string> hooked;
  unpickle(obj, {.setState = [&](const Ref<Object>& o, const IValue& state) {
             hooked.push_back(o->type->name() + " " + state.repr());
             return !state.isDict();
           }});
  EXPECT_EQ(hooked,
            (std::vector<std::string>{"__torch__.m.C {'x': 1, 'y': None}", "__torch__.m.C (7,)"}));
  auto known = ClassType::create("__torch__.m.C");
  IValue r = unpickle(obj, {.resolveClass = [&](const std::string& n) {
                        return n == "__torch__.m.C" ? known : nullptr;
                      }});
  EXPECT_EQ(r.tupleRef().elements[0].toObject()->type.get(), known.get());
  EXPECT_EQ(render(parse(kP2 + "c__torch__\nAny\n)\x81.")), "object __torch__.Any{}");
}

TEST(Pickler, IntEncodingsAndMemo) {
  auto ops = [](IValue v) { return Pickler().pickle(v); };
  EXPECT_EQ(ops(IValue(int64_t{255})), std::string("\x80\x02K\xff.", 5));
  EXPECT_EQ(ops(IValue(int64_t{256})), std::string("\x80\x02M\x00\x01.", 6));
  EXPECT_EQ(ops(IValue(int64_t{-1})), std::string("\x80\x02J\xff\xff\xff\xff.", 8));
  EXPECT_EQ(ops(IValue(int64_t{1} << 31)),
            std::string("\x80\x02\x8a\x05\x00\x00\x00\x80\x00.", 10));
  EXPECT_EQ(ops(IValue(INT64_MIN)),
            std::string("\x80\x02\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x80.", 13));
  auto shared = ListObj::create(AnyType::get(), {IValue(int64_t{1})});
  IValue pair(TupleObj::create({IValue(shared), IValue(shared)}));
  EXPECT_EQ(ops(pair),
            "\x80\x02]q\x00K\x01"
            "ah\x00\x86q\x01."_b);
  IValue back = parse(ops(pair));
  EXPECT_TRUE(back.tupleRef().elements[0].is(back.tupleRef().elements[1]));
  // Ordered dicts, devices and tensors sharing a storage survive our own round trip.
  auto d = DictObj::create(StringType::get(), AnyType::get());
  d->setOrdered(true);
  Tensor base = Tensor::zeros({2, 3});
  d->insertOrAssign(IValue("dev"), IValue(Device(DeviceType::CUDA, 1)));
  d->insertOrAssign(IValue("a"), IValue(base));
  d->insertOrAssign(IValue("b"), IValue(base.asStrided({3}, {1}, 2)));
  Pickler p;
  std::string bytes = p.pickle(IValue(d));
  ASSERT_EQ(p.storages().size(), 1u);
  IValue r = unpickle(bytes, {.loadStorage = [&](const std::string& key, ScalarType, int64_t numel,
                                                 const std::string&) {
                        EXPECT_EQ(key, "0");
                        EXPECT_EQ(numel, 6);
                        return p.storages()[0].storage;
                      }});
  EXPECT_EQ(render(r), render(IValue(d)));
  EXPECT_EQ(r.dictRef().find(IValue("b"))->toTensor().storage().get(), base.storage().get());
  EXPECT_THROW(p.pickle(IValue(Tensor::fromStorage(base.storage(), {2}, {1}, 0, ScalarType::Int))),
               ValueError);  // one storage, two dtypes
  EXPECT_THROW(p.pickle(IValue::uninitialized()), ValueError);
}

}  // namespace
}  // namespace sconce
