// Intrusive reference counting: RefCounted base + Ref<T> smart handle.
//
// Hand-rolled rather than std::shared_ptr because IValue must stay a 16-byte tagged
// union holding one raw pointer per payload (ARCHITECTURE §3); an intrusive count
// needs no separate control block and converts to/from a raw pointer losslessly.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>

namespace sconce {

/// Base of every heap object shared by Ref<T>. Counts are atomic so objects may be
/// shared across threads; mutation of the object itself is the owner's business.
class RefCounted {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) : refs_(0) {}
  RefCounted& operator=(const RefCounted&) { return *this; }
  virtual ~RefCounted() = default;

  void incref() const { refs_.fetch_add(1, std::memory_order_relaxed); }
  void decref() const {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
  int32_t useCount() const { return refs_.load(std::memory_order_relaxed); }

 private:
  mutable std::atomic<int32_t> refs_{0};
};

/// Owning handle to a RefCounted T. Null by default.
template <class T>
class Ref {
 public:
  Ref() = default;
  Ref(std::nullptr_t) {}
  /// Adopts `p`, adding a reference (so `Ref<T>(new T)` owns the object).
  explicit Ref(T* p) : p_(p) {
    if (p_) p_->incref();
  }
  Ref(const Ref& o) : p_(o.p_) {
    if (p_) p_->incref();
  }
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  Ref(const Ref<U>& o) : Ref(static_cast<T*>(o.get())) {}
  ~Ref() {
    if (p_) p_->decref();
  }
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  bool operator==(const Ref& o) const { return p_ == o.p_; }

  /// Gives up ownership without decrementing; pair with adopt().
  T* release() { return std::exchange(p_, nullptr); }
  /// Wraps a pointer whose reference was previously release()d.
  static Ref adopt(T* p) {
    Ref r;
    r.p_ = p;
    return r;
  }

 private:
  T* p_ = nullptr;
};

template <class T, class... Args>
Ref<T> makeRef(Args&&... args) {
  return Ref<T>(new T(std::forward<Args>(args)...));
}

}  // namespace sconce
