// Tensor: a strided view (sizes, strides, offset, dtype) over a refcounted Storage.
//
// Tensor is a cheap handle (one pointer); copies share the same TensorImpl, exactly like
// at::Tensor. A default-constructed Tensor is "undefined" (TorchScript's None tensor).
// Views (asStrided, view ops in ops/) create new TensorImpls over the same Storage.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "support/error.h"
#include "tensor/dtype.h"
#include "tensor/storage.h"

namespace sconce {

using Dims = std::vector<int64_t>;

/// A non-owning view of int64 values (sizes, strides, dims), like c10::IntArrayRef;
/// unlike std::span it also binds to a braced list (`Tensor::zeros({2, 3})`), which
/// must outlive the call it is passed to.
class IntArrayRef {
 public:
  IntArrayRef() = default;
  IntArrayRef(const Dims& v) : data_(v.data()), size_(v.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"  // by design, as c10::ArrayRef
#endif
  IntArrayRef(std::initializer_list<int64_t> l) : data_(l.begin()), size_(l.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  IntArrayRef(std::span<const int64_t> s) : data_(s.data()), size_(s.size()) {}
  IntArrayRef(const int64_t* data, size_t size) : data_(data), size_(size) {}

  const int64_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const int64_t* begin() const { return data_; }
  const int64_t* end() const { return data_ + size_; }
  int64_t operator[](size_t i) const { return data_[i]; }
  Dims vec() const { return Dims(begin(), end()); }
  bool operator==(IntArrayRef o) const { return std::equal(begin(), end(), o.begin(), o.end()); }

 private:
  const int64_t* data_ = nullptr;
  size_t size_ = 0;
};

class TensorImpl : public RefCounted {
 public:
  TensorImpl(Storage storage, Dims sizes, Dims strides, int64_t storageOffset, ScalarType dtype);

  const Storage& storage() const { return storage_; }
  const Dims& sizes() const { return sizes_; }
  const Dims& strides() const { return strides_; }
  int64_t storageOffset() const { return storageOffset_; }
  ScalarType dtype() const { return dtype_; }
  int64_t numel() const { return numel_; }
  bool requiresGrad() const { return requiresGrad_; }
  void setRequiresGrad(bool v) { requiresGrad_ = v; }
  /// Whether this tensor was saved as a torch.nn.Parameter (kept so it is written back
  /// as one).
  bool isParameter() const { return isParameter_; }
  void setIsParameter(bool v) { isParameter_ = v; }
  /// Replaces shape metadata in place (used by resize_/set_ style ops and the unpickler).
  void setSizesAndStrides(Dims sizes, Dims strides, int64_t storageOffset);
  void setStorage(Storage s) { storage_ = std::move(s); }

 private:
  Storage storage_;
  Dims sizes_;
  Dims strides_;
  int64_t storageOffset_;
  int64_t numel_;
  ScalarType dtype_;
  bool requiresGrad_ = false;
  bool isParameter_ = false;
};

class Tensor {
 public:
  Tensor() = default;
  explicit Tensor(Ref<TensorImpl> impl) : impl_(std::move(impl)) {}

  /// Contiguous tensor of zeros.
  static Tensor zeros(IntArrayRef sizes, ScalarType dtype = ScalarType::Float,
                      Device device = {});
  /// Contiguous tensor; contents zero-initialized (allocation always zeroes).
  static Tensor empty(IntArrayRef sizes, ScalarType dtype = ScalarType::Float,
                      Device device = {}) {
    return zeros(sizes, dtype, device);
  }
  /// A view over `storage`. Throws FormatError if the view reads past the storage end.
  static Tensor fromStorage(Storage storage, IntArrayRef sizes, IntArrayRef strides,
                            int64_t storageOffset, ScalarType dtype);
  /// 0-d tensors holding one value.
  static Tensor scalar(double v, ScalarType dtype = ScalarType::Double);
  static Tensor scalar(int64_t v, ScalarType dtype = ScalarType::Long);

  bool defined() const { return static_cast<bool>(impl_); }
  TensorImpl* impl() const { return impl_.get(); }
  const Ref<TensorImpl>& implRef() const { return impl_; }

  const Dims& sizes() const { return impl_->sizes(); }
  const Dims& strides() const { return impl_->strides(); }
  int64_t size(int64_t dim) const;
  int64_t stride(int64_t dim) const;
  int64_t dim() const { return static_cast<int64_t>(impl_->sizes().size()); }
  int64_t numel() const { return impl_->numel(); }
  ScalarType dtype() const { return impl_->dtype(); }
  Device device() const { return impl_->storage()->device(); }
  int64_t storageOffset() const { return impl_->storageOffset(); }
  const Storage& storage() const { return impl_->storage(); }
  size_t itemsize() const { return elementSize(dtype()); }
  size_t nbytes() const { return static_cast<size_t>(numel()) * itemsize(); }
  bool requiresGrad() const { return impl_->requiresGrad(); }
  bool isContiguous() const;
  /// Same TensorImpl (identity, as Python's `is`).
  bool is(const Tensor& o) const { return impl_ == o.impl_; }

  /// Pointer to element [0,...,0] (storage base + offset * itemsize).
  void* rawData() const {
    return static_cast<char*>(storage()->data()) + storageOffset() * static_cast<int64_t>(itemsize());
  }
  template <class T>
  T* data() const {
    return static_cast<T*>(rawData());
  }

  /// A new view sharing storage.
  Tensor asStrided(IntArrayRef sizes, IntArrayRef strides, int64_t storageOffset) const;
  /// This tensor if contiguous, else a contiguous copy.
  Tensor contiguous() const;
  /// A contiguous copy converted to `dtype` (always a new storage).
  Tensor toType(ScalarType dtype) const;
  /// A contiguous deep copy.
  Tensor clone() const { return toType(dtype()); }
  /// Element at a flat (row-major logical) index, converted to double; for printing/tests.
  double itemAsDouble(int64_t flatIndex = 0) const;
  int64_t itemAsInt(int64_t flatIndex = 0) const;
  /// As itemAsDouble, keeping the imaginary part of complex dtypes (0 for the others).
  std::complex<double> itemAsComplex(int64_t flatIndex = 0) const;

  /// "Float(2, 3)"-style summary: dtype short name and sizes.
  std::string typeString() const;

 private:
  const char* elementPtr(int64_t flatIndex) const;
  Ref<TensorImpl> impl_;
};

/// Contiguous strides for `sizes` (row-major).
Dims contiguousStrides(IntArrayRef sizes);
/// Product of sizes; throws ValueError on negative sizes or int64 overflow.
int64_t checkedNumel(IntArrayRef sizes);

}  // namespace sconce
