// Tests of MappedFile, ZipReader and ZipWriter against Python's zipfile and real torch archives.
//
// Fixtures are made at test time by make_zips.py (zipfile stored/deflated/zip64, a
// hand-built zip64 central directory, torch.jit.save of a tiny module); archives we
// write are checked back with zipfile and torch.jit.load. Corrupt inputs are derived
// by patching valid archives in memory and must all fail with a clear FormatError.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "serialization/zip_reader.h"
#include "serialization/zip_writer.h"
#include "support/error.h"
#include "support/mapped_file.h"
#include "tests/support/fixtures.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

using testing::readFile;

// Runs make_zips.py with `args`; returns its exit status and stdout (which tests compare
// byte for byte, so Python's warnings on stderr stay out of it).
testing::CommandResult runScript(const std::string& args) {
  return testing::runCommand("/usr/bin/python3 " SCONCE_SOURCE_DIR "/tests/unit/serialization/make_zips.py " + args,
                             testing::Capture::StdoutOnly);
}

uint32_t crcOf(std::string_view bytes) {
  return uint32_t(::crc32(0, reinterpret_cast<const Bytef*>(bytes.data()), uInt(bytes.size())));
}

void patch16(std::string& b, size_t at, uint16_t v) {
  b[at] = char(v);
  b[at + 1] = char(v >> 8);
}
void patch32(std::string& b, size_t at, uint32_t v) {
  patch16(b, at, uint16_t(v));
  patch16(b, at + 2, uint16_t(v >> 16));
}
uint32_t get32(const std::string& b, size_t at) {
  auto u = [&](size_t i) { return uint32_t(uint8_t(b[at + i])); };
  return u(0) | u(1) << 8 | u(2) << 16 | u(3) << 24;
}

ZipReader readBytes(std::string bytes) { return ZipReader(MappedFile::fromBytes(std::move(bytes), "x.zip")); }

// Expects a FormatError whose message contains every one of `parts`.
template <class F>
void expectFormatError(F&& f, std::initializer_list<std::string_view> parts) {
  try {
    f();
    ADD_FAILURE() << "no FormatError thrown";
  } catch (const FormatError& e) {
    for (std::string_view part : parts)
      EXPECT_NE(std::string_view(e.what()).find(part), std::string_view::npos)
          << "message: " << e.what() << "\nmissing: " << part;
  }
}

class ZipTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string tmpl = (fs::temp_directory_path() / "sconce-zip-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    testing::CommandResult gen = runScript("gen " + dir_.string());
    ASSERT_EQ(gen.status, 0) << gen.output;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static std::string fixture(const char* name) { return (dir_ / name).string(); }
  static inline fs::path dir_;
};

const std::string kText = [] {
  std::string t;
  for (int i = 0; i < 4000; ++i) t += "line " + std::to_string(i) + " of a compressible text\n";
  return t;
}();

std::string byteRamp() {
  std::string b;
  for (int r = 0; r < 10; ++r)
    for (int i = 0; i < 256; ++i) b.push_back(char(i));
  return b;
}

void expectCommonContents(const ZipReader& zip) {
  ASSERT_EQ(zip.entries().size(), 4u);
  EXPECT_EQ(zip.entries()[0].name, "a.txt");
  EXPECT_EQ(zip.read("a.txt"), "hello");
  EXPECT_EQ(zip.read("dir/b.bin"), byteRamp());
  EXPECT_EQ(zip.read("empty.txt"), "");
  EXPECT_EQ(zip.read("text.txt"), kText);
  EXPECT_EQ(zip.find("missing"), nullptr);
  expectFormatError([&] { zip.read("missing"); }, {"has no record 'missing'"});
  EXPECT_EQ(zip.commonRoot(), "");
}

TEST_F(ZipTest, MappedFileOpensAndReportsErrors) {
  auto file = MappedFile::open(fixture("stored.zip"));
  EXPECT_EQ(file->view(), readFile(fixture("stored.zip")));
  std::string empty = fixture("empty.bin");
  std::ofstream(empty).close();
  auto none = MappedFile::open(empty);
  EXPECT_EQ(none->size(), 0u);
  EXPECT_NE(none->data(), nullptr);
  try {
    MappedFile::open(fixture("missing.zip"));
    FAIL();
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.zip': No such file"), std::string::npos) << e.what();
  }
  expectFormatError([&] { ZipReader{none}; }, {"'" + empty + "'", "too small"});
}

TEST_F(ZipTest, ReadsStoredZipZeroCopy) {
  ZipReader zip = ZipReader::open(fixture("stored.zip"));
  expectCommonContents(zip);
  ZipBytes bytes = zip.readStored("dir/b.bin");
  EXPECT_EQ(bytes.view(), byteRamp());
  EXPECT_EQ(bytes.data, zip.file()->data() + zip.at("dir/b.bin").dataOffset);
  EXPECT_EQ(bytes.owner, zip.file());  // a tensor borrowing the bytes keeps the map alive
}

TEST_F(ZipTest, ReadsDeflatedZip) {
  ZipReader zip = ZipReader::open(fixture("deflated.zip"));
  expectCommonContents(zip);
  EXPECT_EQ(zip.at("text.txt").method, 8);
  EXPECT_LT(zip.at("text.txt").compressedSize, kText.size() / 4);
  expectFormatError([&] { zip.readStored("text.txt"); }, {"'text.txt' is compressed"});
}

TEST_F(ZipTest, ReadsZip64) {
  expectCommonContents(ZipReader::open(fixture("forced64.zip")));
  // Saturated central-directory fields resolved through zip64 extras + zip64 end record.
  ZipReader zip = ZipReader::open(fixture("crafted64.zip"));
  ASSERT_EQ(zip.entries().size(), 2u);
  EXPECT_EQ(zip.read("s.bin"), "stored zip64 bytes");
  EXPECT_EQ(zip.at("s.bin").dataOffset, 16u + 30 + 5);
  EXPECT_EQ(zip.read("d.txt"), kText);
}

TEST_F(ZipTest, EndRecordSignatureInsideCommentIsIgnored) {
  ZipReader zip = ZipReader::open(fixture("comment.zip"));  // Python's zipfile sees no entries
  ASSERT_EQ(zip.entries().size(), 1u);
  EXPECT_EQ(zip.read("a.txt"), "hello");
}

TEST_F(ZipTest, ReadsTorchJitSaveArchive) {
  ZipReader zip = ZipReader::open(fixture("tiny.pt"));
  EXPECT_EQ(zip.commonRoot(), "tiny/");
  EXPECT_EQ(zip.read("tiny/version").substr(0, 1), "3");  // torch 1.13 writes "3\n"
  for (const ZipEntry& entry : zip.entries()) {
    std::string bytes = zip.read(entry);  // CRC-checked, also the deflated code/ records
    EXPECT_EQ(bytes.size(), entry.uncompressedSize);
    if (entry.stored()) {
      EXPECT_EQ(entry.dataOffset % 64, 0u) << entry.name;
      EXPECT_EQ(zip.readStored(entry.name).view(), bytes);
    }
  }
  ZipBytes weight = zip.readStored("tiny/data/0");  // arange(12.) as float32
  ASSERT_EQ(weight.size, 48u);
  float w[12];
  std::memcpy(w, weight.data, sizeof w);
  EXPECT_EQ(w[0], 0.0f);
  EXPECT_EQ(w[11], 11.0f);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(weight.data) % 64, 0u);  // mmap is page aligned
}

TEST_F(ZipTest, WriterRoundTripsThroughPythonAndUs) {
  std::string path = fixture("written.zip");
  std::vector<std::pair<std::string, std::string>> records = {
      {"archive/version", "3\n"}, {"archive/data.pkl", kText.substr(0, 777)},
      {"archive/data/0", byteRamp()}, {"archive/empty", ""}, {"archive/data/1", "x"}};
  {
    ZipWriter writer(path);
    for (auto& [name, bytes] : records) writer.writeRecord(name, bytes);
    EXPECT_THROW(writer.writeRecord("archive/data/1", "again"), ValueError);
    writer.finish();
  }
  testing::CommandResult check = runScript("verify " + path);
  ASSERT_EQ(check.status, 0) << check.output;
  std::ostringstream expected;
  for (auto& [name, bytes] : records)
    expected << name << '\t' << bytes.size() << '\t' << crcOf(bytes) << "\t0\n";
  EXPECT_EQ(check.output, expected.str());

  ZipReader zip = ZipReader::open(path);
  EXPECT_EQ(zip.commonRoot(), "archive/");
  ASSERT_EQ(zip.entries().size(), records.size());
  for (auto& [name, bytes] : records) {
    EXPECT_EQ(zip.at(name).dataOffset % 64, 0u);
    EXPECT_EQ(zip.readStored(name).view(), bytes);
    EXPECT_EQ(zip.read(name), bytes);
  }
  for (const auto& entry : fs::directory_iterator(dir_))  // the temp file was renamed
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos);
}

TEST_F(ZipTest, WriterInMemoryMatchesFileOutput) {
  ZipWriter memory;
  memory.writeRecord("m/a", "abc");
  memory.finish();
  std::string path = fixture("same.zip");
  ZipWriter file(path);
  file.writeRecord("m/a", "abc");
  file.finish();
  EXPECT_EQ(memory.buffer(), readFile(path));
  EXPECT_EQ(readBytes(memory.buffer()).read("m/a"), "abc");
}

TEST_F(ZipTest, AbandonedWriterLeavesNothing) {
  std::string path = fixture("abandoned.zip");
  {
    ZipWriter writer(path);
    writer.writeRecord("a/b", std::string(100000, 'q'));
  }
  EXPECT_FALSE(fs::exists(path));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find("abandoned"), std::string::npos);
  EXPECT_THROW(ZipWriter(fixture("no-such-dir/x.zip")), IoError);
}

TEST_F(ZipTest, WriterUsesZip64EndRecordForManyEntries) {
  const int count = 66000;  // 65535 entries or more need the zip64 end record
  ZipWriter writer;
  for (int i = 0; i < count; ++i) writer.writeRecord("m/" + std::to_string(i), std::to_string(i));
  writer.finish();
  std::string path = fixture("many.zip");
  std::ofstream(path, std::ios::binary) << writer.buffer();
  ZipReader zip = ZipReader::open(path);
  ASSERT_EQ(zip.entries().size(), size_t(count));
  EXPECT_EQ(zip.read("m/65999"), "65999");
  testing::CommandResult check = runScript("verify " + path);
  ASSERT_EQ(check.status, 0) << check.output.substr(0, 200);
  EXPECT_EQ(std::count(check.output.begin(), check.output.end(), '\n'), count);
}

TEST_F(ZipTest, RewrittenTorchArchiveLoadsInTorch) {
  ZipReader zip = ZipReader::open(fixture("tiny.pt"));
  std::string path = fixture("rewritten.pt");
  ZipWriter writer(path);
  for (const ZipEntry& entry : zip.entries()) writer.writeRecord(entry.name, zip.read(entry));
  writer.finish();
  testing::CommandResult loaded = runScript("torchload " + path);
  ASSERT_EQ(loaded.status, 0) << loaded.output;
  EXPECT_EQ(loaded.output, "[[12.5, 15.5, 18.5, 21.5], [12.5, 15.5, 18.5, 21.5]]\n");
}

// --- corrupt inputs -----------------------------------------------------------------

struct Layout {  // where the end record and central directory of a comment-free zip are
  size_t eocd, dir;
};
Layout layoutOf(const std::string& b) { return {b.size() - 22, get32(b, b.size() - 22 + 16)}; }

TEST_F(ZipTest, TruncatedArchivesFailCleanly) {
  std::string good = readFile(fixture("deflated.zip"));
  for (size_t cut = 0; cut < good.size(); cut += cut < 64 ? 1 : 97)
    EXPECT_THROW(readBytes(good.substr(0, cut)), FormatError) << "cut at " << cut;
  expectFormatError([&] { readBytes(good.substr(0, 10)); }, {"'x.zip'", "too small", "10 bytes"});
  expectFormatError([&] { readBytes(good.substr(0, good.size() - 1)); },
                    {"corrupt archive 'x.zip'", "no end-of-central-directory"});
  expectFormatError([&] { readBytes(good.substr(5)); }, {"overlaps its end record"});  // head lost
  std::string torch = readFile(fixture("tiny.pt"));
  for (size_t cut = 0; cut < torch.size(); ++cut)
    EXPECT_THROW(readBytes(torch.substr(0, cut)), FormatError) << "cut at " << cut;
}

TEST_F(ZipTest, BadMagicAndOffsetsFail) {
  const std::string good = readFile(fixture("stored.zip"));
  Layout at = layoutOf(good);
  std::string b = good;
  b[at.eocd] = 'X';
  expectFormatError([&] { readBytes(b); }, {"no end-of-central-directory"});
  b = good;
  b[at.dir + 1] = 'X';
  expectFormatError([&] { readBytes(b); }, {"bad signature for central directory entry 0"});
  b = good;
  b[0] = 'X';
  expectFormatError([&] { readBytes(b); }, {"bad local header signature for entry 'a.txt' at offset 0"});
  b = good;
  patch32(b, at.eocd + 16, uint32_t(good.size() + 100));
  expectFormatError([&] { readBytes(b); },
                    {"central directory extends past end of file", "file size " + std::to_string(good.size())});
  b = good;
  patch16(b, at.eocd + 10, 0x7FFF);
  patch16(b, at.eocd + 8, 0x7FFF);
  expectFormatError([&] { readBytes(b); }, {"declares 32767 entries"});
  b = good;
  patch32(b, at.dir + 42, 0x7FFFFFF0);  // local header offset of a.txt
  expectFormatError([&] { readBytes(b); },
                    {"local header of entry 'a.txt' extends past end of file", "offset 2147483632"});
  b = good;
  patch32(b, at.dir + 20, 0x10000000);  // a.txt sizes: stored, past EOF
  patch32(b, at.dir + 24, 0x10000000);
  expectFormatError([&] { readBytes(b); },
                    {"corrupt archive 'x.zip': entry 'a.txt' extends past end of file (offset 35, "
                     "size 268435456, file size " + std::to_string(good.size()) + ")"});
  b = good;
  patch32(b, at.dir + 20, 4);
  expectFormatError([&] { readBytes(b); }, {"stored entry 'a.txt' has compressed size 4"});
  b = good;
  b[at.dir + 46] = 'b';  // central name "b.txt" vs local "a.txt"
  expectFormatError([&] { readBytes(b); }, {"entry 'b.txt' is named 'a.txt' in its local header"});
}

TEST_F(ZipTest, CrcMismatchIsDetectedByRead) {
  std::string b = readFile(fixture("stored.zip"));
  b[35] = 'J';  // a.txt data: "hello" -> "Jello"
  ZipReader zip = readBytes(b);
  expectFormatError([&] { zip.read("a.txt"); }, {"entry 'a.txt' fails its CRC check"});
  EXPECT_EQ(zip.readStored("a.txt").view(), "Jello");  // zero-copy does not check
}

TEST_F(ZipTest, LyingDeflateSizesFail) {
  const std::string good = readFile(fixture("deflated.zip"));
  Layout at = layoutOf(good);
  ZipReader zip = readBytes(good);
  const ZipEntry& text = zip.at("text.txt");
  // Find text.txt's central entry: entries are in order a.txt, dir/b.bin, empty.txt, text.txt.
  size_t entry = at.dir;
  for (int i = 0; i < 3; ++i)
    entry += 46 + (uint8_t(good[entry + 28]) | uint8_t(good[entry + 29]) << 8) +
             (uint8_t(good[entry + 30]) | uint8_t(good[entry + 31]) << 8);
  std::string b = good;
  patch32(b, entry + 24, 0xFFFFFFF0);  // 4 GiB claimed from ~1 KiB: refused before allocating
  expectFormatError([&] { readBytes(b); },
                    {"entry 'text.txt' claims 4294967280 uncompressed bytes", "more than deflate can produce"});
  b = good;
  patch32(b, entry + 24, uint32_t(text.uncompressedSize - 1));
  expectFormatError([&] { readBytes(b).read("text.txt"); }, {"inflates to more than its declared"});
  b = good;
  patch32(b, entry + 24, uint32_t(text.uncompressedSize + 1));
  expectFormatError([&] { readBytes(b).read("text.txt"); }, {"inflates to 130890 bytes but declares 130891"});
  b = good;
  patch32(b, entry + 20, uint32_t(text.compressedSize / 2));  // truncated stream
  expectFormatError([&] { readBytes(b).read("text.txt"); }, {"'text.txt' has a truncated deflate stream"});
  b = good;
  std::memset(b.data() + text.dataOffset, 0xFF, 16);
  expectFormatError([&] { readBytes(b).read("text.txt"); }, {"'text.txt' has invalid deflate data"});

  // A terabyte claim through zip64 extras.
  std::string z = readFile(fixture("crafted64.zip"));
  size_t zip64End = z.size() - 22 - 20 - 56;  // end record, locator, zip64 end record
  size_t pos = z.find("d.txt", get32(z, zip64End + 48));  // name in the central directory
  ASSERT_NE(pos, std::string::npos);
  patch32(z, pos + 5 + 4, 0);       // zip64 extra: uncompressed size = 1 TiB
  patch32(z, pos + 5 + 8, 0x100);
  expectFormatError([&] { readBytes(z); }, {"claims 1099511627776 uncompressed bytes"});
}

TEST_F(ZipTest, UnsupportedFeaturesAreReported) {
  const std::string good = readFile(fixture("stored.zip"));
  Layout at = layoutOf(good);
  std::string b = good;
  patch16(b, at.dir + 8, 1);
  EXPECT_THROW(readBytes(b), UnsupportedError);
  b = good;
  patch16(b, at.dir + 10, 12);  // bzip2
  try {
    readBytes(b);
    FAIL();
  } catch (const UnsupportedError& e) {
    EXPECT_NE(std::string(e.what()).find("'a.txt' uses compression method 12"), std::string::npos);
  }
  ZipWriter w;  // duplicate names: write two, then rename the second in both headers
  w.writeRecord("r/a", "1");
  w.writeRecord("r/b", "2");
  w.finish();
  std::string dup = w.buffer();
  dup[dup.rfind("r/b") + 2] = 'a';
  dup[dup.find("r/b") + 2] = 'a';
  expectFormatError([&] { readBytes(dup); }, {"duplicate entry 'r/a'"});
}

}  // namespace
}  // namespace sconce
