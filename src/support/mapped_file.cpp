// MappedFile: mmap of a whole file, or an owned in-memory buffer behind the same API.
//
// Kept to POSIX calls. A file is mapped MAP_PRIVATE with write permission: copy-on-write,
// so tensors that borrow the mapping (parameters, buffers) can be updated in place by
// the model (`self.running_mean.add_(...)`) and the written pages become private copies;
// the user's model file is never modified.
#include "support/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "support/error.h"

namespace sconce {
namespace {

// Returned by data() for empty files and buffers so callers never see null.
const uint8_t kEmpty[1] = {0};

}  // namespace

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail<IoError>("cannot open '{}': {}", path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    fail<IoError>("cannot stat '{}': {}", path, std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    fail<IoError>("cannot map '{}': not a regular file", path);
  }
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = path;
  file->size_ = static_cast<size_t>(st.st_size);
  file->data_ = kEmpty;
  if (file->size_ > 0) {
    void* addr = ::mmap(nullptr, file->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (addr == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      fail<IoError>("cannot map '{}': {}", path, std::strerror(err));
    }
    file->data_ = static_cast<const uint8_t*>(addr);
    file->mapped_ = true;
  }
  ::close(fd);  // the mapping keeps the file referenced
  return file;
}

std::shared_ptr<const MappedFile> MappedFile::fromBytes(std::string bytes, std::string name) {
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = std::move(name);
  file->ownedString_ = std::move(bytes);
  file->size_ = file->ownedString_.size();
  file->data_ = file->size_ ? reinterpret_cast<const uint8_t*>(file->ownedString_.data()) : kEmpty;
  return file;
}

std::shared_ptr<const MappedFile> MappedFile::fromBytes(std::vector<uint8_t> bytes,
                                                        std::string name) {
  std::shared_ptr<MappedFile> file(new MappedFile());
  file->path_ = std::move(name);
  file->ownedVector_ = std::move(bytes);
  file->size_ = file->ownedVector_.size();
  file->data_ = file->size_ ? file->ownedVector_.data() : kEmpty;
  return file;
}

MappedFile::~MappedFile() {
  if (mapped_) ::munmap(const_cast<uint8_t*>(data_), size_);
}

}  // namespace sconce
