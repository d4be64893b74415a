// Storage allocation and borrowing.
#include "tensor/storage.h"

#include <cstdlib>
#include <cstring>
#include <new>

#include "support/error.h"

namespace sconce {
namespace {

constexpr size_t kAlignment = 64;

void* alignedAlloc(size_t nbytes) {
  size_t rounded = (std::max<size_t>(nbytes, 1) + kAlignment - 1) / kAlignment * kAlignment;
  void* p = std::aligned_alloc(kAlignment, rounded);
  if (!p) fail<Error>("out of memory allocating {} bytes", nbytes);
  std::memset(p, 0, rounded);
  return p;
}

}  // namespace

Ref<StorageImpl> StorageImpl::allocate(size_t nbytes, Device device) {
  SCONCE_CHECK(UnsupportedError, device.isCpu(), "device {} has no allocator yet", device.str());
  Ref<StorageImpl> s(new StorageImpl());
  s->data_ = alignedAlloc(nbytes);
  s->nbytes_ = nbytes;
  s->device_ = device;
  return s;
}

Ref<StorageImpl> StorageImpl::borrow(void* data, size_t nbytes, std::shared_ptr<const void> owner,
                                     Device device) {
  SCONCE_ASSERT(owner != nullptr, "borrowed storage needs an owner");
  Ref<StorageImpl> s(new StorageImpl());
  s->data_ = data;
  s->nbytes_ = nbytes;
  s->device_ = device;
  s->owner_ = std::move(owner);
  return s;
}

StorageImpl::~StorageImpl() {
  if (!owner_) std::free(data_);
}

void StorageImpl::ensureOwned() {
  if (!owner_) return;
  void* p = alignedAlloc(nbytes_);
  std::memcpy(p, data_, nbytes_);
  data_ = p;
  owner_.reset();
}

}  // namespace sconce
