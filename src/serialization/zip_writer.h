// ZipWriter: writes zip archives laid out like PyTorch's (caffe2 PyTorchStreamWriter).
//
// Every record is stored uncompressed with its data at a 64-byte aligned file offset,
// padded by an 'FB' extra field in the local header exactly as PyTorch does, so the
// archives we export can be memory-mapped by us and loaded by torch.jit.load. Zip64
// structures are written when sizes, offsets or the entry count need them. A file is
// written to a temporary sibling and renamed into place by finish(), so a failed or
// abandoned export never leaves a half-written model behind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace sconce {

class ZipWriter {
 public:
  /// Writes into memory; the archive is available from buffer() after finish().
  ZipWriter();
  /// Writes to `<path>.tmp-XXXXXX` in the same directory; finish() renames it to `path`.
  /// Throws IoError naming the path when the temporary file cannot be created.
  explicit ZipWriter(std::string path);
  /// Removes the temporary file unless finish() succeeded.
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  /// Appends a stored record named `name` (full name, e.g. "model/data/0") whose data
  /// starts at a multiple of 64 bytes in the archive. Names must be unique, non-empty
  /// and shorter than 64 KiB (ValueError otherwise). IoError if the write fails; the
  /// writer is then unusable.
  void writeRecord(std::string_view name, const void* data, size_t size);
  void writeRecord(std::string_view name, std::string_view bytes) {
    writeRecord(name, bytes.data(), bytes.size());
  }
  /// Writes the central directory and end records; for a file, flushes it to disk and
  /// renames it to its final path. No record can be added afterwards.
  void finish();

  /// The whole archive of an in-memory writer after finish().
  const std::string& buffer() const { return buffer_; }
  /// Names of the records written so far, in order.
  std::vector<std::string> recordNames() const;

 private:
  struct Record {
    std::string name;
    uint64_t headerOffset;
    uint64_t size;
    uint32_t crc;
  };
  void emit(const void* data, size_t size);
  void emit(const std::string& bytes) { emit(bytes.data(), bytes.size()); }
  void writeCentralDirectory();
  void abandon();

  std::string path_;     // final path; empty for an in-memory writer
  std::string tmpPath_;  // temporary file being written
  int fd_ = -1;
  bool finished_ = false;
  bool failed_ = false;
  uint64_t offset_ = 0;  // bytes emitted so far
  std::string buffer_;
  std::vector<Record> records_;
  std::unordered_set<std::string> names_;
};

}  // namespace sconce
