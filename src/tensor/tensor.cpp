// Tensor construction, views, contiguous copies and dtype conversion.
#include "tensor/tensor.h"

#include <fmt/ranges.h>

namespace sconce {

Dims contiguousStrides(IntArrayRef sizes) {
  Dims strides(sizes.size());
  int64_t s = 1;
  for (size_t i = sizes.size(); i-- > 0;) {
    strides[i] = s;
    s *= std::max<int64_t>(sizes[i], 1);
  }
  return strides;
}

int64_t checkedNumel(IntArrayRef sizes) {
  int64_t n = 1;
  for (int64_t s : sizes) {
    SCONCE_CHECK(ValueError, s >= 0, "negative dimension {} in shape [{}]", s,
                 fmt::join(sizes, ", "));
    if (s != 0 && n > INT64_MAX / s) fail<ValueError>("shape [{}] overflows int64", fmt::join(sizes, ", "));
    n *= s;
  }
  return n;
}

TensorImpl::TensorImpl(Storage storage, Dims sizes, Dims strides, int64_t storageOffset,
                       ScalarType dtype)
    : storage_(std::move(storage)), dtype_(dtype) {
  setSizesAndStrides(std::move(sizes), std::move(strides), storageOffset);
}

void TensorImpl::setSizesAndStrides(Dims sizes, Dims strides, int64_t storageOffset) {
  SCONCE_ASSERT(sizes.size() == strides.size(), "sizes/strides rank mismatch");
  numel_ = checkedNumel(sizes);
  sizes_ = std::move(sizes);
  strides_ = std::move(strides);
  storageOffset_ = storageOffset;
}

Tensor Tensor::zeros(IntArrayRef sizes, ScalarType dtype, Device device) {
  int64_t n = checkedNumel(sizes);
  size_t es = elementSize(dtype);
  SCONCE_CHECK(ValueError, es > 0, "cannot allocate a tensor of dtype {}", scalarTypeName(dtype));
  Storage st = StorageImpl::allocate(static_cast<size_t>(n) * es, device);
  Dims sz(sizes.begin(), sizes.end());
  return Tensor(makeRef<TensorImpl>(std::move(st), sz, contiguousStrides(sizes), 0, dtype));
}

Tensor Tensor::fromStorage(Storage storage, IntArrayRef sizes, IntArrayRef strides,
                           int64_t storageOffset, ScalarType dtype) {
  SCONCE_CHECK(FormatError, sizes.size() == strides.size(),
               "tensor has {} sizes but {} strides", sizes.size(), strides.size());
  SCONCE_CHECK(FormatError, storageOffset >= 0, "negative storage offset {}", storageOffset);
  int64_t n = checkedNumel(sizes);
  size_t es = elementSize(dtype);
  SCONCE_CHECK(FormatError, es > 0, "tensor of unsupported dtype {}", static_cast<int>(dtype));
  SCONCE_CHECK(FormatError, storageOffset <= INT64_MAX / static_cast<int64_t>(es),
               "storage offset {} overflows", storageOffset);
  if (n > 0) {
    // The furthest element reached must lie inside the storage.
    int64_t last = storageOffset;
    for (size_t i = 0; i < sizes.size(); ++i) {
      SCONCE_CHECK(FormatError, strides[i] >= 0, "negative stride {} in tensor view", strides[i]);
      if (sizes[i] > 1 && strides[i] > (INT64_MAX - last) / (sizes[i] - 1))
        fail<FormatError>("tensor view strides overflow");
      last += (sizes[i] - 1) * strides[i];
    }
    // Compare in elements: (last + 1) * es may overflow for hostile offsets/strides.
    SCONCE_CHECK(FormatError, static_cast<uint64_t>(last) < storage->nbytes() / es,
                 "tensor view of shape [{}] needs {} bytes but its storage has {}",
                 fmt::join(sizes, ", "),
                 (static_cast<unsigned __int128>(last) + 1) * es > UINT64_MAX
                     ? std::string("more than 2^64")
                     : std::to_string((static_cast<uint64_t>(last) + 1) * es),
                 storage->nbytes());
  }
  return Tensor(makeRef<TensorImpl>(std::move(storage), Dims(sizes.begin(), sizes.end()),
                                    Dims(strides.begin(), strides.end()), storageOffset, dtype));
}

Tensor Tensor::scalar(double v, ScalarType dtype) {
  Tensor t = zeros({}, dtype);
  dispatchScalarType(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (kIsComplex<T>) *t.data<T>() = T(static_cast<typename T::value_type>(v));
    else *t.data<T>() = static_cast<T>(static_cast<float>(v));
    if constexpr (std::is_same_v<T, double>) *t.data<T>() = v;
  });
  return t;
}

Tensor Tensor::scalar(int64_t v, ScalarType dtype) {
  Tensor t = zeros({}, dtype);
  dispatchScalarType(dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>)
      *t.data<T>() = T(static_cast<float>(v));
    else if constexpr (kIsComplex<T>)
      *t.data<T>() = T(static_cast<typename T::value_type>(v));
    else
      *t.data<T>() = static_cast<T>(v);
  });
  return t;
}

static int64_t wrapDim(int64_t dim, int64_t rank) {
  int64_t d = dim < 0 ? dim + rank : dim;
  SCONCE_CHECK(ValueError, d >= 0 && d < rank,
               "Dimension out of range (expected to be in range of [{}, {}], but got {})",
               -rank, rank - 1, dim);
  return d;
}

int64_t Tensor::size(int64_t d) const { return sizes()[wrapDim(d, dim())]; }
int64_t Tensor::stride(int64_t d) const { return strides()[wrapDim(d, dim())]; }

bool Tensor::isContiguous() const {
  int64_t expected = 1;
  for (int64_t i = dim() - 1; i >= 0; --i) {
    int64_t s = sizes()[i];
    if (s == 0) return true;
    if (s != 1 && strides()[i] != expected) return false;
    expected *= s;
  }
  return true;
}

Tensor Tensor::asStrided(IntArrayRef sizes, IntArrayRef strides, int64_t storageOffset) const {
  return Tensor(makeRef<TensorImpl>(storage(), Dims(sizes.begin(), sizes.end()),
                                    Dims(strides.begin(), strides.end()), storageOffset, dtype()));
}

namespace {

template <class To, class From>
To convertElement(From v) {
  if constexpr (kIsComplex<From>) {
    // complex -> real keeps the real part (PyTorch's copy_ semantics); -> bool is `!= 0`.
    if constexpr (kIsComplex<To>) return To(v);
    else if constexpr (std::is_same_v<To, bool>) return v != From(0);
    else return convertElement<To>(v.real());
  } else if constexpr (kIsComplex<To>) {
    return To(convertElement<typename To::value_type>(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    return static_cast<float>(v) != 0.0f || (std::is_integral_v<From> && v != From{});
  } else if constexpr (std::is_same_v<To, Half> || std::is_same_v<To, BFloat16>) {
    return To(static_cast<float>(v));
  } else if constexpr (std::is_same_v<From, Half> || std::is_same_v<From, BFloat16>) {
    return static_cast<To>(static_cast<float>(v));
  } else {
    return static_cast<To>(v);
  }
}

// Visits every element of `t` in row-major logical order, passing its byte pointer.
template <class Fn>
void forEachElement(const Tensor& t, Fn&& fn) {
  const int64_t n = t.numel();
  if (n == 0) return;
  const int64_t rank = t.dim();
  const auto es = static_cast<int64_t>(t.itemsize());
  const char* base = static_cast<const char*>(t.rawData());
  Dims index(rank, 0);
  int64_t offset = 0;  // in elements
  for (int64_t i = 0; i < n; ++i) {
    fn(base + offset * es);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < t.sizes()[d]) {
        offset += t.strides()[d];
        break;
      }
      offset -= (index[d] - 1) * t.strides()[d];
      index[d] = 0;
    }
  }
}

}  // namespace

Tensor Tensor::contiguous() const {
  return isContiguous() ? *this : toType(dtype());
}

Tensor Tensor::toType(ScalarType to) const {
  Tensor out = zeros(sizes(), to, device());
  dispatchScalarType(dtype(), [&](auto fromTag) {
    using From = decltype(fromTag);
    dispatchScalarType(to, [&](auto toTag) {
      using To = decltype(toTag);
      To* dst = out.data<To>();
      forEachElement(*this, [&](const char* p) {
        From v;
        std::memcpy(&v, p, sizeof v);
        *dst++ = convertElement<To>(v);
      });
    });
  });
  return out;
}

const char* Tensor::elementPtr(int64_t flatIndex) const {
  SCONCE_CHECK(ValueError, flatIndex >= 0 && flatIndex < numel(),
               "index {} out of range for {} elements", flatIndex, numel());
  int64_t offset = 0, rem = flatIndex;
  for (int64_t d = dim() - 1; d >= 0; --d) {
    offset += (rem % sizes()[d]) * strides()[d];
    rem /= sizes()[d];
  }
  return static_cast<const char*>(rawData()) + offset * static_cast<int64_t>(itemsize());
}

template <class To>
static To readElement(const Tensor& t, const char* p) {
  return dispatchScalarType(t.dtype(), [&](auto tag) {
    using T = decltype(tag);
    T v;
    std::memcpy(&v, p, sizeof v);
    return convertElement<To>(v);
  });
}

double Tensor::itemAsDouble(int64_t flatIndex) const {
  return readElement<double>(*this, elementPtr(flatIndex));
}

int64_t Tensor::itemAsInt(int64_t flatIndex) const {
  return readElement<int64_t>(*this, elementPtr(flatIndex));
}

std::complex<double> Tensor::itemAsComplex(int64_t flatIndex) const {
  return readElement<std::complex<double>>(*this, elementPtr(flatIndex));
}

std::string Tensor::typeString() const {
  if (!defined()) return "Tensor(undefined)";
  return fmt::format("{}({})", scalarTypeShortName(dtype()), fmt::join(sizes(), ", "));
}

}  // namespace sconce
