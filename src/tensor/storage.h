// Storage: a refcounted, untyped, contiguous byte buffer that tensors view.
//
// A storage either owns its memory (64-byte aligned, from allocate()) or borrows it from
// an owner kept alive by a shared_ptr — e.g. a memory-mapped archive, so that `data/N`
// records become tensors without copying. Archive mappings are private copy-on-write,
// so in-place writes to a borrowed storage are safe and never reach the file.
#pragma once

#include <cstddef>
#include <memory>

#include "support/ref.h"
#include "tensor/device.h"

namespace sconce {

class StorageImpl : public RefCounted {
 public:
  /// Allocates `nbytes` zero-initialized bytes, 64-byte aligned.
  static Ref<StorageImpl> allocate(size_t nbytes, Device device = {});
  /// Wraps memory owned by `owner` (kept alive as long as this storage lives).
  static Ref<StorageImpl> borrow(void* data, size_t nbytes, std::shared_ptr<const void> owner,
                                 Device device = {});
  ~StorageImpl() override;

  void* data() const { return data_; }
  size_t nbytes() const { return nbytes_; }
  Device device() const { return device_; }
  /// True when the bytes belong to an external owner (e.g. an mmap'ed file).
  bool borrowed() const { return owner_ != nullptr; }
  /// Copies borrowed bytes into owned memory (no-op for owned storages).
  void ensureOwned();

 private:
  StorageImpl() = default;
  void* data_ = nullptr;
  size_t nbytes_ = 0;
  Device device_;
  std::shared_ptr<const void> owner_;
};

using Storage = Ref<StorageImpl>;

}  // namespace sconce
