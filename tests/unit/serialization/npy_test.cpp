// .npy reading and writing against numpy: every dtype Sconce has, both byte orders, C and
// Fortran order, 0-d and empty arrays, format version 2; malformed files are FormatErrors,
// dtypes without a tensor type UnsupportedErrors; written files load back in numpy.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "serialization/npy.h"
#include "support/error.h"
#include "tests/support/fixtures.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

const std::string kScript = SCONCE_SOURCE_DIR "/tests/unit/serialization/make_npy.py";

// make_npy.py <verb> <path>: exit status and output.
testing::CommandResult runScript(const std::string& args) {
  return testing::runCommand("/usr/bin/python3 " + kScript + " " + args);
}

class Npy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("sconce_npy_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    testing::CommandResult generated = runScript("generate " + dir_.string());
    problem_ = generated.status == 0 ? "" : "make_npy.py failed (numpy missing?): " + generated.output;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  void SetUp() override {
    if (!problem_.empty()) GTEST_SKIP() << problem_;
  }
  static fs::path dir_;
  static std::string problem_;
};
fs::path Npy::dir_;
std::string Npy::problem_;

std::string kindOf(ScalarType t) {
  switch (t) {
    case ScalarType::Bool: return "b1";
    case ScalarType::Byte: return "u1";
    case ScalarType::Char: return "i1";
    case ScalarType::Short: return "i2";
    case ScalarType::Int: return "i4";
    case ScalarType::Long: return "i8";
    case ScalarType::Half: return "f2";
    case ScalarType::Float: return "f4";
    case ScalarType::Double: return "f8";
    case ScalarType::ComplexFloat: return "c8";
    case ScalarType::ComplexDouble: return "c16";
    default: return "?";
  }
}

TEST_F(Npy, ReadsWhatNumpyWrites) {
  std::ifstream values(dir_ / "values.txt");
  std::string line;
  int cases = 0;
  while (std::getline(values, line)) {
    std::stringstream ss(line);
    std::string name, kind, shape, flat;
    std::getline(ss, name, '|');
    std::getline(ss, kind, '|');
    std::getline(ss, shape, '|');
    std::getline(ss, flat);
    SCOPED_TRACE(name);
    Tensor t = readNpy((dir_ / (name + ".npy")).string());
    EXPECT_EQ(kindOf(t.dtype()), kind);
    std::string dims;
    for (int64_t d : t.sizes()) dims += (dims.empty() ? "" : " ") + std::to_string(d);
    EXPECT_EQ(dims, shape);
    EXPECT_TRUE(t.isContiguous());
    if (kind[0] != 'c') {
      std::stringstream vs(flat);
      double expected;
      for (int64_t i = 0; vs >> expected; ++i) EXPECT_EQ(t.itemAsDouble(i), expected) << "element " << i;
    } else {
      // complex64 [1+2j, -3.5j]: interleaved (real, imag) float32 pairs.
      const float* p = static_cast<const float*>(t.rawData());
      EXPECT_EQ(p[0], 1.0f);
      EXPECT_EQ(p[1], 2.0f);
      EXPECT_EQ(p[2], 0.0f);
      EXPECT_EQ(p[3], -3.5f);
    }
    ++cases;
  }
  EXPECT_EQ(cases, 12);
  Tensor v2 = readNpy((dir_ / "v2.npy").string());
  EXPECT_EQ(v2.numel(), 3);
  EXPECT_EQ(v2.itemAsDouble(2), 2.0);
}

TEST_F(Npy, WritesFilesNumpyLoads) {
  Tensor t = readNpy((dir_ / "i4_3d_fortran_be.npy").string());
  std::string out = (dir_ / "written.npy").string();
  writeNpy(out, t);
  testing::CommandResult checked = runScript("check " + out);
  ASSERT_EQ(checked.status, 0) << checked.output;
  std::string expected = "i4|2 3 4|";
  for (int i = 0; i < 24; ++i) expected += (i ? " " : "") + std::to_string(i) + ".0";
  EXPECT_EQ(checked.output, expected + "\n");
  writeNpy(out, readNpy((dir_ / "scalar.npy").string()));
  EXPECT_EQ(runScript("check " + out).output, "f8||3.25\n");
  writeNpy(out, readNpy((dir_ / "empty.npy").string()));
  EXPECT_EQ(runScript("check " + out).output, "f4|0 5|\n");
}

TEST_F(Npy, UnsupportedDtypesAndBadFilesAreClearErrors) {
  EXPECT_THROW(readNpy((dir_ / "u2.npy").string()), UnsupportedError);
  EXPECT_THROW(readNpy((dir_ / "strings.npy").string()), UnsupportedError);
  EXPECT_THROW(readNpy((dir_ / "nope.npy").string()), IoError);
  std::string good;
  {
    std::ifstream f(dir_ / "f4_2x3.npy", std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(f), {});
  }
  auto expectFormatError = [&](std::string bytes, const std::string& what) {
    std::string p = (dir_ / "bad.npy").string();
    std::ofstream(p, std::ios::binary) << bytes;
    try {
      readNpy(p);
      ADD_FAILURE() << "no error for " << what;
    } catch (const FormatError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.npy"), std::string::npos) << e.what();
    }
  };
  expectFormatError("not numpy at all", "no magic");
  expectFormatError(good.substr(0, good.size() - 4), "truncated data");
  expectFormatError(good.substr(0, 30), "truncated header");
  std::string huge = good;
  huge.replace(huge.find("(2, 3)"), 6, "(9999999999999, 3)");
  expectFormatError(huge, "shape beyond the data");
  std::string noShape = good;
  noShape.replace(noShape.find("'shape'"), 7, "'shope'");
  expectFormatError(noShape, "unknown key");
}

TEST_F(Npy, RefusesToWriteBFloat16AndLeavesNothing) {
  Tensor t = Tensor::zeros({2}, ScalarType::BFloat16);
  std::string p = (dir_ / "bf16.npy").string();
  EXPECT_THROW(writeNpy(p, t), UnsupportedError);
  EXPECT_FALSE(fs::exists(p));
  EXPECT_THROW(writeNpy((dir_ / "no_such_dir" / "x.npy").string(), Tensor::zeros({1})), IoError);
}

}  // namespace
}  // namespace sconce
