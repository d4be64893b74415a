// ZipWriter: PyTorch-compatible zip output, to a temporary file or to memory.
//
// Unlike PyTorch (miniz) we know each record's size and CRC before writing it, so the
// local header carries them directly and no data descriptor follows the data; readers
// (miniz, Python's zipfile, ours) take sizes from the central directory either way.
#include "serialization/zip_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "serialization/zip_format.h"
#include "support/error.h"

namespace sconce {

using namespace zip;

namespace {

constexpr uint16_t kVersionDefault = 20;  // 2.0: stored/deflated, directories
constexpr uint16_t kVersionZip64 = 45;    // 4.5: zip64 extensions
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01: fixed, so output is reproducible
constexpr int kTempAttempts = 100;

std::string randomSuffix(std::mt19937_64& rng) {
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string suffix(6, ' ');
  for (char& c : suffix) c = kAlphabet[rng() % (sizeof(kAlphabet) - 1)];
  return suffix;
}

}  // namespace

ZipWriter::ZipWriter() = default;

ZipWriter::ZipWriter(std::string path) : path_(std::move(path)) {
  std::mt19937_64 rng(std::random_device{}());
  for (int attempt = 0; attempt < kTempAttempts && fd_ < 0; ++attempt) {
    tmpPath_ = path_ + ".tmp-" + randomSuffix(rng);
    // 0666 lets the umask decide permissions, as for any file the user creates.
    fd_ = ::open(tmpPath_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST)
      fail<IoError>("cannot create '{}' to write '{}': {}", tmpPath_, path_, std::strerror(errno));
  }
  if (fd_ < 0) fail<IoError>("cannot create a temporary file to write '{}'", path_);
}

ZipWriter::~ZipWriter() {
  if (!finished_) abandon();
}

void ZipWriter::abandon() {
  failed_ = true;
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!tmpPath_.empty()) {
    ::unlink(tmpPath_.c_str());
    tmpPath_.clear();
  }
}

void ZipWriter::emit(const void* data, size_t size) {
  offset_ += size;
  if (path_.empty()) {
    buffer_.append(static_cast<const char*>(data), size);
    return;
  }
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd_, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = n < 0 ? errno : EIO;
      abandon();
      fail<IoError>("cannot write '{}': {}", path_, std::strerror(err));
    }
    p += n;
    size -= size_t(n);
  }
}

void ZipWriter::writeRecord(std::string_view name, const void* data, size_t size) {
  SCONCE_ASSERT(!finished_ && !failed_, "record '{}' written to a finished or failed ZipWriter",
                name);
  SCONCE_CHECK(ValueError, !name.empty() && name.size() < kMax16,
               "zip record name must have 1 to {} bytes, got {}", kMax16 - 1, name.size());
  SCONCE_CHECK(ValueError, names_.emplace(name).second, "duplicate zip record '{}'", name);

  uint32_t crc = uint32_t(::crc32_z(::crc32_z(0, nullptr, 0),
                                    static_cast<const Bytef*>(data), size));
  const bool zip64 = size >= kMax32;
  const uint64_t zip64Len = zip64 ? 4 + 16 : 0;
  // PyTorch's rule: pad with an 'FB' extra field so the data starts 64-byte aligned.
  uint64_t start = offset_ + kLocalHeaderSize + name.size() + zip64Len + 4;
  uint64_t padding = (kRecordAlignment - start % kRecordAlignment) % kRecordAlignment;

  std::string header;
  header.reserve(kLocalHeaderSize + name.size() + zip64Len + 4 + padding);
  put32(header, kLocalHeaderSig);
  put16(header, zip64 ? kVersionZip64 : kVersionDefault);
  put16(header, kFlagUtf8);
  put16(header, kMethodStored);
  put16(header, 0);  // time
  put16(header, kDosDate);
  put32(header, crc);
  put32(header, zip64 ? kMax32 : uint32_t(size));  // compressed
  put32(header, zip64 ? kMax32 : uint32_t(size));  // uncompressed
  put16(header, uint16_t(name.size()));
  put16(header, uint16_t(zip64Len + 4 + padding));
  header.append(name);
  if (zip64) {
    put16(header, kZip64ExtraId);
    put16(header, 16);
    put64(header, size);
    put64(header, size);
  }
  put16(header, kPaddingExtraId);
  put16(header, uint16_t(padding));
  header.append(padding, 'Z');

  records_.push_back({std::string(name), offset_, size, crc});
  emit(header);
  SCONCE_ASSERT(offset_ % kRecordAlignment == 0);
  emit(data, size);
}

void ZipWriter::writeCentralDirectory() {
  const uint64_t dirOffset = offset_;
  std::string dir;
  for (const Record& r : records_) {
    const bool bigSize = r.size >= kMax32, bigOffset = r.headerOffset >= kMax32;
    const uint16_t version = bigSize || bigOffset ? kVersionZip64 : kVersionDefault;
    const uint16_t zip64Fields = (bigSize ? 2 : 0) + (bigOffset ? 1 : 0);
    put32(dir, kCentralHeaderSig);
    put16(dir, version);  // made by (MS-DOS attributes)
    put16(dir, version);  // needed to extract
    put16(dir, kFlagUtf8);
    put16(dir, kMethodStored);
    put16(dir, 0);
    put16(dir, kDosDate);
    put32(dir, r.crc);
    put32(dir, bigSize ? kMax32 : uint32_t(r.size));
    put32(dir, bigSize ? kMax32 : uint32_t(r.size));
    put16(dir, uint16_t(r.name.size()));
    put16(dir, zip64Fields ? uint16_t(4 + 8 * zip64Fields) : 0);
    put16(dir, 0);  // comment
    put16(dir, 0);  // disk
    put16(dir, 0);  // internal attributes
    put32(dir, 0);  // external attributes
    put32(dir, bigOffset ? kMax32 : uint32_t(r.headerOffset));
    dir.append(r.name);
    if (zip64Fields) {
      put16(dir, kZip64ExtraId);
      put16(dir, uint16_t(8 * zip64Fields));
      if (bigSize) {
        put64(dir, r.size);
        put64(dir, r.size);
      }
      if (bigOffset) put64(dir, r.headerOffset);
    }
  }
  emit(dir);

  const uint64_t count = records_.size(), dirSize = dir.size();
  std::string end;
  if (count >= kMax16 || dirSize >= kMax32 || dirOffset >= kMax32) {
    const uint64_t recordOffset = offset_;
    put32(end, kZip64EocdSig);
    put64(end, kZip64EocdSize - 12);  // size of the rest of this record
    put16(end, kVersionZip64);
    put16(end, kVersionZip64);
    put32(end, 0);  // this disk
    put32(end, 0);  // disk with the directory
    put64(end, count);
    put64(end, count);
    put64(end, dirSize);
    put64(end, dirOffset);
    put32(end, kZip64LocatorSig);
    put32(end, 0);
    put64(end, recordOffset);
    put32(end, 1);  // total disks
  }
  put32(end, kEocdSig);
  put16(end, 0);
  put16(end, 0);
  put16(end, uint16_t(std::min<uint64_t>(count, kMax16)));
  put16(end, uint16_t(std::min<uint64_t>(count, kMax16)));
  put32(end, uint32_t(std::min<uint64_t>(dirSize, kMax32)));
  put32(end, uint32_t(std::min<uint64_t>(dirOffset, kMax32)));
  put16(end, 0);  // comment
  emit(end);
}

void ZipWriter::finish() {
  SCONCE_ASSERT(!finished_ && !failed_, "finish() called on a finished or failed ZipWriter");
  writeCentralDirectory();
  if (!path_.empty()) {
    // fsync before rename so a crash cannot leave an empty file under the final name.
    int err = 0;
    if (::fsync(fd_) != 0) err = errno;
    if (::close(fd_) != 0 && !err) err = errno;
    fd_ = -1;
    if (!err && ::rename(tmpPath_.c_str(), path_.c_str()) != 0) err = errno;
    if (err) {
      abandon();
      fail<IoError>("cannot write '{}': {}", path_, std::strerror(err));
    }
    tmpPath_.clear();
  }
  finished_ = true;
}

std::vector<std::string> ZipWriter::recordNames() const {
  std::vector<std::string> names;
  names.reserve(records_.size());
  for (const Record& r : records_) names.push_back(r.name);
  return names;
}

}  // namespace sconce
