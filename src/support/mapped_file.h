// MappedFile: the read-only bytes of a whole file (mmap) or of an in-memory buffer.
//
// Archives are read through one immutable byte range so that the zip reader can hand
// out zero-copy views of stored records: a tensor storage borrows the bytes and keeps
// the MappedFile alive through its shared_ptr (see StorageImpl::borrow). The in-memory
// variant gives tests and fuzzers the same interface without touching the filesystem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sconce {

class MappedFile {
 public:
  /// Maps the whole file at `path` (private copy-on-write pages: the file never changes). Empty files are fine (size() == 0).
  /// Throws IoError naming the path and the OS reason when it cannot be opened or
  /// mapped. The bytes stay valid while any shared_ptr to the result lives; if another
  /// process truncates the file meanwhile, reads past the new end fault (SIGBUS).
  static std::shared_ptr<const MappedFile> open(const std::string& path);
  /// Wraps a buffer (taken over, not copied) under the display name `name`.
  static std::shared_ptr<const MappedFile> fromBytes(std::string bytes,
                                                     std::string name = "<memory>");
  static std::shared_ptr<const MappedFile> fromBytes(std::vector<uint8_t> bytes,
                                                     std::string name = "<memory>");

  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  /// First byte; never null, even when size() == 0.
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }
  /// The path given to open(), or the name given to fromBytes(); used in messages.
  const std::string& path() const { return path_; }

 private:
  MappedFile() = default;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;  // true when data_ came from mmap and must be unmapped
  std::string path_;
  std::string ownedString_;
  std::vector<uint8_t> ownedVector_;
};

}  // namespace sconce
