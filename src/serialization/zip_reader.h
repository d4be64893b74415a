// ZipReader: the zip container of PyTorch archives, read from a MappedFile.
//
// Hand-rolled rather than libzip because loading a model wants two things libzip does
// not offer: the file offset of each record's data, so stored records (tensor storages,
// 64-byte aligned by PyTorch) can be used in place from the mmap instead of copied; and
// full control over hostile input — every offset and size is checked against the file
// size before it is used, and no allocation is sized by an unchecked claim. zlib does
// the inflating and the CRC32.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "support/mapped_file.h"

namespace sconce {

/// One record of the archive, as described by the central directory.
struct ZipEntry {
  std::string name;
  uint16_t method = 0;            ///< 0 = stored, 8 = deflated (others are rejected)
  uint64_t compressedSize = 0;    ///< bytes at dataOffset
  uint64_t uncompressedSize = 0;  ///< bytes after inflating
  uint64_t dataOffset = 0;        ///< file offset of the first data byte (past the local header)
  uint32_t crc32 = 0;
  bool stored() const { return method == 0; }
};

/// Bytes inside an archive, valid while `owner` (the MappedFile) lives. Read-only:
/// mapped files are PROT_READ. Pass `owner` to StorageImpl::borrow to make a tensor.
struct ZipBytes {
  const uint8_t* data = nullptr;
  size_t size = 0;
  std::shared_ptr<const void> owner;
  std::string_view view() const { return {reinterpret_cast<const char*>(data), size}; }
};

class ZipReader {
 public:
  /// Parses the end-of-central-directory (zip64 too), the central directory and every
  /// local header. Throws FormatError ("corrupt archive '<path>': ...") when anything is
  /// malformed or out of bounds, UnsupportedError for encryption, unknown compression
  /// methods and multi-disk archives.
  explicit ZipReader(std::shared_ptr<const MappedFile> file);
  /// Maps `path` and parses it; IoError when it cannot be read.
  static ZipReader open(const std::string& path);
  ZipReader(ZipReader&&) = default;  // entries_ keeps its buffer, so index_ stays valid
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  /// Entries in central-directory order.
  const std::vector<ZipEntry>& entries() const { return entries_; }
  /// The entry named exactly `name`, or null.
  const ZipEntry* find(std::string_view name) const;
  /// The entry named `name`; FormatError "archive '<path>' has no record '<name>'" if absent.
  const ZipEntry& at(std::string_view name) const;

  /// Zero-copy view of a stored entry's bytes. The CRC is not checked (that would touch
  /// every page of a large mapped tensor); use read() when integrity matters more.
  /// FormatError if the entry is compressed.
  ZipBytes readStored(std::string_view name) const;
  /// The uncompressed bytes of any entry, CRC32 verified.
  std::string read(std::string_view name) const;
  std::string read(const ZipEntry& entry) const;

  /// The top-level folder every entry lives under, with its trailing '/' ("model/"), as
  /// PyTorch writes archives; empty when the entries do not share one.
  std::string commonRoot() const;

  const std::string& path() const { return file_->path(); }
  const std::shared_ptr<const MappedFile>& file() const { return file_; }

 private:
  struct Directory {
    uint64_t offset = 0, size = 0, count = 0;
  };
  Directory findDirectory() const;
  void parseDirectory(const Directory& dir);
  void parseZip64Extra(const uint8_t* extra, size_t length, ZipEntry& entry,
                       uint64_t& headerOffset, uint32_t size32, uint32_t csize32,
                       uint32_t offset32) const;
  uint64_t localDataOffset(const ZipEntry& entry, uint64_t headerOffset) const;
  std::string inflate(const ZipEntry& entry) const;

  std::shared_ptr<const MappedFile> file_;
  std::vector<ZipEntry> entries_;
  std::unordered_map<std::string_view, size_t> index_;  // keys view entries_[i].name
};

}  // namespace sconce
