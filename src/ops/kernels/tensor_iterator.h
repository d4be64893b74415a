// TensorIter: broadcasting, type promotion and strided N-d loops for elementwise kernels.
//
// Every elementwise op (and copy_) runs through one iterator, like ATen's TensorIterator,
// so broadcasting, output allocation, in-place checks, dtype casting, dimension
// reordering/coalescing and threading are written once. A kernel supplies only a
// per-element functor; cpuKernel turns it into a 1-d inner loop with a contiguous fast
// path the compiler vectorizes, a path for one broadcast (stride-0) input, and a
// general strided path. Functors are template parameters: no per-element indirect calls.
// Half/BFloat16 kernels whose functor computes in float run over float buffers instead
// (one loop per op for both dtypes, conversions vectorized).
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ops/kernels/parallel.h"
#include "ops/kernels/unary_vec_math.h"
#include "tensor/scalar.h"
#include "tensor/tensor.h"

namespace sconce::ops {

/// Most operands (outputs + inputs) one iterator takes.
inline constexpr int kMaxOperands = 8;

/// PyTorch's broadcast of two shapes (at::infer_size); throws ValueError with PyTorch's
/// "The size of tensor a (3) must match the size of tensor b (4) at non-singleton
/// dimension 1".
Dims broadcastShapes(IntArrayRef a, IntArrayRef b);

/// Whether the elements of `t` occupy exactly numel() distinct, gap-free slots.
bool isNonOverlappingAndDense(const Tensor& t);
/// Throws ValueError if several elements of `t` share memory (t is written to).
void assertNoInternalOverlap(const Tensor& t);
/// Throws ValueError if `a` and `b` share some but not all memory (PyTorch's check
/// before writing `a` while reading `b`).
void assertNoPartialOverlap(const Tensor& a, const Tensor& b);
/// Gives `out` shape `sizes` (contiguous, new storage) unless it has it already; for out=
/// arguments, like at::native::resize_output.
void resizeOutput(const Tensor& out, IntArrayRef sizes);

class TensorIter;

/// Describes an elementwise operation; build() checks it and plans the loops.
/// Outputs must be added before inputs. Defaults match ATen's TensorIteratorConfig.
class TensorIterConfig {
 public:
  /// `opName` prefixes dtype errors (`"add" not implemented for 'Bool'`).
  explicit TensorIterConfig(std::string_view opName = {}) : opName_(opName) {}

  /// An output; undefined means "allocate it". A defined output that is also an input
  /// (same TensorImpl) is an in-place operand and must not need broadcasting.
  TensorIterConfig& addOutput(const Tensor& t);
  TensorIterConfig& addInput(const Tensor& t);
  /// A Python number: a 0-d input that ranks lowest in type promotion.
  TensorIterConfig& addInput(const Scalar& s);

  /// Compute in result_type(inputs), casting inputs that differ (default off).
  TensorIterConfig& promoteInputsToCommonDtype(bool v = true);
  /// Integral/bool common dtypes become float32 (true division, sqrt, ...).
  TensorIterConfig& promoteIntegerInputsToFloat(bool v = true);
  /// Outputs of another dtype get a temporary in the common dtype, copied back after.
  TensorIterConfig& castCommonDtypeToOutputs(bool v = true);
  /// The common dtype must canCast to each defined output's dtype.
  TensorIterConfig& enforceSafeCastingToOutput(bool v = true);
  /// All operands must share one dtype (default on; the promote/cast options turn it off).
  TensorIterConfig& checkAllSameDtype(bool v);
  /// Undefined outputs are allocated with this dtype instead of the common dtype.
  TensorIterConfig& declareStaticDtype(ScalarType t);
  /// With castCommonDtypeToOutputs: the loop writes outputs as dtype t (not the common
  /// dtype), through a temporary when an output has another dtype (comparisons write bool).
  TensorIterConfig& computeOutputsAs(ScalarType t);
  /// Defined outputs of the wrong shape are resized (default on, as out= arguments);
  /// off: outputs take part in broadcasting and must already have the result shape.
  TensorIterConfig& resizeOutputs(bool v);
  /// Reject outputs with internal overlap and partial output/input overlap (default on).
  TensorIterConfig& checkMemOverlap(bool v);
  /// Iterate in row-major order of the output rather than in memory order.
  TensorIterConfig& enforceLinearIteration(bool v = true);

  TensorIter build();

 private:
  friend class TensorIter;
  struct Arg {
    Tensor tensor;
    bool isOutput = false;
    bool wrapped = false;
  };
  std::string opName_;
  std::vector<Arg> args_;
  int numOutputs_ = 0;
  bool promoteInputs_ = false;
  bool promoteIntToFloat_ = false;
  bool castToOutputs_ = false;
  bool safeCasting_ = false;
  bool checkSameDtype_ = true;
  bool resizeOutputs_ = true;
  bool checkMemOverlap_ = true;
  bool linear_ = false;
  ScalarType staticDtype_ = ScalarType::Undefined;
  ScalarType outputComputeDtype_ = ScalarType::Undefined;
};

/// A planned elementwise loop over broadcast operands (outputs first). The iteration
/// space is `shape()` (dimension 0 fastest), each operand has byte strides per dim.
class TensorIter {
 public:
  int ntensors() const { return static_cast<int>(ops_.size()); }
  int noutputs() const { return numOutputs_; }
  int ninputs() const { return ntensors() - numOutputs_; }
  /// The user-visible result i (allocated, resized, or the caller's tensor).
  const Tensor& output(int i = 0) const {
    const Op& op = ops_[i];
    return op.original.defined() ? op.original : op.tensor;
  }
  /// The tensor operand `arg` the loop reads or writes (after any dtype cast).
  const Tensor& operand(int arg) const { return ops_[arg].tensor; }
  /// Dtype the loop sees for operand `arg`.
  ScalarType dtype(int arg = 0) const { return ops_[arg].tensor.dtype(); }
  /// The computation dtype (inputs' dtype after promotion).
  ScalarType commonDtype() const { return commonDtype_; }
  /// The broadcast result shape in the tensors' own dimension order.
  const Dims& resultShape() const { return resultShape_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  const Dims& shape() const { return shape_; }
  int64_t numel() const { return numel_; }
  /// Byte stride of operand `arg` along iteration dim `dim`.
  int64_t strideBytes(int arg, int dim) const { return strides_[dim * ntensors() + arg]; }
  char* dataPtr(int arg) const { return data_[arg]; }
  /// Whether operand `arg` is a single broadcast value (all strides zero).
  bool isScalar(int arg) const;
  const std::string& opName() const { return opName_; }

  /// Runs loop(char** data, const int64_t* strides, int64_t n) over every inner row:
  /// data[k] points at operand k's first element of the row, strides[k] is its byte
  /// stride. Parallel over the flattened index space when numel() >= grainSize.
  /// Afterwards, outputs computed into dtype temporaries are copied back.
  template <class Loop>
  void forEach(const Loop& loop, int64_t grainSize = kGrainSize);
  /// forEach over the linear index range [begin, end) on the calling thread only.
  template <class Loop>
  void serialForEach(const Loop& loop, int64_t begin, int64_t end) const;
  /// Copies outputs computed into dtype temporaries back into the caller's tensors.
  void castOutputs();

 private:
  friend class TensorIterConfig;
  struct Op {
    Tensor tensor;    // what the loop touches
    Tensor original;  // the caller's output when `tensor` is a dtype temporary
    bool isOutput = false;
    bool wrapped = false;
    bool isReadWrite = false;
    bool willResize = false;
  };
  void build(TensorIterConfig& config);
  void computeShape(const TensorIterConfig& config);
  void markResizeOutputs(const TensorIterConfig& config);
  void computeTypes(const TensorIterConfig& config);
  void computeStrides(const TensorIterConfig& config);
  void reorderDimensions(const TensorIterConfig& config, std::vector<Dims>& strides);
  void allocateOutputs(std::vector<Dims>& strides);
  void coalesceDimensions(std::vector<Dims>& strides);

  std::string opName_;
  std::vector<Op> ops_;
  int numOutputs_ = 0;
  ScalarType commonDtype_ = ScalarType::Undefined;
  ScalarType staticDtype_ = ScalarType::Undefined;
  ScalarType outputComputeDtype_ = ScalarType::Undefined;  // dtype of output temporaries
  Dims resultShape_;
  Dims shape_;           // iteration shape, fastest dim first
  Dims perm_;            // perm_[i]: tensor dim of iteration dim i
  Dims strides_;         // [dim * ntensors + arg], bytes
  std::vector<char*> data_;
  int64_t numel_ = 1;
};

template <class Loop>
void TensorIter::serialForEach(const Loop& loop, int64_t begin, int64_t end) const {
  const int nt = ntensors();
  const int nd = ndim();
  char* ptrs[kMaxOperands];
  if (nd == 0) {
    static constexpr int64_t kZeros[kMaxOperands] = {};
    for (int a = 0; a < nt; ++a) ptrs[a] = data_[a];
    loop(ptrs, kZeros, int64_t{1});
    return;
  }
  const int64_t* inner = strides_.data();
  if (nd == 1) {
    for (int a = 0; a < nt; ++a) ptrs[a] = data_[a] + begin * inner[a];
    loop(ptrs, inner, end - begin);
    return;
  }
  // Odometer over dims 1..nd-1; `base` points at (0, idx[1], ..., idx[nd-1]).
  int64_t idxStorage[16];
  std::vector<int64_t> idxHeap;
  int64_t* idx = idxStorage;
  if (nd > 16) {
    idxHeap.resize(nd);
    idx = idxHeap.data();
  }
  char* base[kMaxOperands];
  int64_t rem = begin;
  for (int a = 0; a < nt; ++a) base[a] = data_[a];
  for (int d = 0; d < nd; ++d) {
    idx[d] = rem % shape_[d];
    rem /= shape_[d];
    if (d > 0)
      for (int a = 0; a < nt; ++a) base[a] += idx[d] * strides_[d * nt + a];
  }
  int64_t pos = begin;
  while (pos < end) {
    const int64_t n = std::min(shape_[0] - idx[0], end - pos);
    for (int a = 0; a < nt; ++a) ptrs[a] = base[a] + idx[0] * inner[a];
    loop(ptrs, inner, n);
    pos += n;
    idx[0] += n;
    if (idx[0] < shape_[0]) continue;
    idx[0] = 0;
    for (int d = 1; d < nd; ++d) {
      const int64_t* s = &strides_[d * nt];
      if (++idx[d] < shape_[d]) {
        for (int a = 0; a < nt; ++a) base[a] += s[a];
        break;
      }
      for (int a = 0; a < nt; ++a) base[a] -= (shape_[d] - 1) * s[a];
      idx[d] = 0;
    }
  }
}

template <class Loop>
void TensorIter::forEach(const Loop& loop, int64_t grainSize) {
  if (numel_ > 0) {
    if (numel_ < grainSize || getNumThreads() == 1) {
      serialForEach(loop, 0, numel_);
    } else {
      parallelFor(0, numel_, grainSize,
                  [&](int64_t b, int64_t e) { serialForEach(loop, b, e); });
    }
  }
  castOutputs();
}

// ---------------------------------------------------------------------------------
// Element conversions and dtype dispatch shared by every kernel file.

/// The type arithmetic on T happens in: float for Half/BFloat16, else T itself.
template <class T>
using OpMath = std::conditional_t<std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>, float, T>;

template <class T>
inline constexpr bool kIsReducedFloat = std::is_same_v<T, Half> || std::is_same_v<T, BFloat16>;
template <class T>
inline constexpr bool kIsFloat = std::is_floating_point_v<T> || kIsReducedFloat<T>;

/// Converts one element between storage types with PyTorch's semantics (c10::convert):
/// to bool is `!= 0` (NaN is true); Half/BFloat16 go through float (with the inline,
/// vectorizable conversions of unary_vec_math.h, bit-identical to dtype.cpp's).
template <class To, class From>
inline To castTo(From v) {
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<From, Half>) {
    return castTo<To>(vec::halfToFloat(v.bits));
  } else if constexpr (std::is_same_v<From, BFloat16>) {
    return castTo<To>(vec::bfloat16ToFloat(v.bits));
  } else if constexpr (kIsComplex<From>) {
    // complex -> real keeps the real part, as PyTorch's copy_ (which also warns).
    if constexpr (kIsComplex<To>) return To(v);
    else if constexpr (std::is_same_v<To, bool>) return v != From(0);
    else return castTo<To>(v.real());
  } else if constexpr (kIsComplex<To>) {
    return To(castTo<typename To::value_type>(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_same_v<To, Half>) {
    Half h;
    h.bits = vec::floatToHalf(static_cast<float>(v));
    return h;
  } else if constexpr (std::is_same_v<To, BFloat16>) {
    BFloat16 b;
    b.bits = vec::floatToBfloat16(static_cast<float>(v));
    return b;
  } else {
    return static_cast<To>(v);
  }
}

/// Dtype sets for dispatchTypes.
enum DtypeSet : unsigned {
  kBoolTypes = 1,
  kIntTypes = 2,       // uint8, int8, int16, int32, int64
  kFloatTypes = 4,     // float32, float64
  kReducedTypes = 8,   // float16, bfloat16
  kComplexTypes = 16,  // complex64, complex128
  kFloatingTypes = kFloatTypes | kReducedTypes,
  kAllTypes = kIntTypes | kFloatingTypes,
  kAllTypesAndBool = kAllTypes | kBoolTypes,
  kIntegralTypesAndBool = kIntTypes | kBoolTypes,
  kAllTypesAndComplex = kAllTypes | kComplexTypes,
  kAllTypesAndComplexAndBool = kAllTypesAndBool | kComplexTypes,
  kFloatingAndComplexTypes = kFloatingTypes | kComplexTypes,
};

/// Throws ValueError(`"<op>" not implemented for '<Dtype>'`), as ATen's dispatch does.
[[noreturn]] void failDtypeNotImplemented(std::string_view op, ScalarType t);

/// Calls fn(T{}) for the C++ type T of dtype `t` if `t` is in Set; otherwise throws
/// PyTorch's "not implemented for" error naming `op`.
template <unsigned Set, class Fn>
decltype(auto) dispatchTypes(ScalarType t, std::string_view op, Fn&& fn) {
  switch (t) {
    case ScalarType::Bool: if constexpr (Set & kBoolTypes) return fn(bool{}); break;
    case ScalarType::Byte: if constexpr (Set & kIntTypes) return fn(uint8_t{}); break;
    case ScalarType::Char: if constexpr (Set & kIntTypes) return fn(int8_t{}); break;
    case ScalarType::Short: if constexpr (Set & kIntTypes) return fn(int16_t{}); break;
    case ScalarType::Int: if constexpr (Set & kIntTypes) return fn(int32_t{}); break;
    case ScalarType::Long: if constexpr (Set & kIntTypes) return fn(int64_t{}); break;
    case ScalarType::Float: if constexpr (Set & kFloatTypes) return fn(float{}); break;
    case ScalarType::Double: if constexpr (Set & kFloatTypes) return fn(double{}); break;
    case ScalarType::Half: if constexpr (Set & kReducedTypes) return fn(Half{}); break;
    case ScalarType::BFloat16: if constexpr (Set & kReducedTypes) return fn(BFloat16{}); break;
    case ScalarType::ComplexFloat: if constexpr (Set & kComplexTypes) return fn(std::complex<float>{}); break;
    case ScalarType::ComplexDouble: if constexpr (Set & kComplexTypes) return fn(std::complex<double>{}); break;
    default: break;
  }
  failDtypeNotImplemented(op, t);
}

namespace detail {

template <size_t K, size_t I, class T, class S>
inline T pickScalar(const char* p, const S& scalar, int64_t i) {
  if constexpr (I == K) return scalar;
  else return reinterpret_cast<const T*>(p)[i];
}

// The loops are `flatten`ed: GCC would otherwise leave a large functor (vec::tanh, gelu)
// as a call per element, which stops vectorization.

// All operands contiguous: plain indexed loads the compiler can vectorize.
template <class Out, class... In, class F, size_t... I>
__attribute__((flatten)) inline void contiguousLoop(char** data, int64_t n, const F& f, std::index_sequence<I...>) {
  Out* out = reinterpret_cast<Out*>(data[0]);
  for (int64_t i = 0; i < n; ++i)
    out[i] = castTo<Out>(f(reinterpret_cast<const In*>(data[I + 1])[i]...));
}

// Input K is one broadcast value, the rest contiguous: hoist its load out of the loop.
template <size_t K, class Out, class... In, class F, size_t... I>
__attribute__((flatten)) inline void scalarInputLoop(char** data, int64_t n, const F& f, std::index_sequence<I...>) {
  using Tk = std::tuple_element_t<K, std::tuple<In...>>;
  const Tk scalar = *reinterpret_cast<const Tk*>(data[K + 1]);
  Out* out = reinterpret_cast<Out*>(data[0]);
  for (int64_t i = 0; i < n; ++i) out[i] = castTo<Out>(f(pickScalar<K, I, In>(data[I + 1], scalar, i)...));
}

template <class Out, class... In, class F, size_t... I>
__attribute__((flatten)) inline void stridedLoop(char** data, const int64_t* strides, int64_t n, const F& f,
                        std::index_sequence<I...>) {
  for (int64_t i = 0; i < n; ++i) {
    *reinterpret_cast<Out*>(data[0] + i * strides[0]) =
        castTo<Out>(f(*reinterpret_cast<const In*>(data[I + 1] + i * strides[I + 1])...));
  }
}

template <size_t K, class Out, class... In, class F, size_t... I>
inline bool tryScalarInputLoop(char** data, const int64_t* strides, int64_t n, const F& f,
                               std::index_sequence<I...> seq) {
  constexpr size_t kSizes[] = {sizeof(In)...};
  for (size_t j = 0; j < sizeof...(In); ++j) {
    if (j == K ? strides[j + 1] != 0 : strides[j + 1] != static_cast<int64_t>(kSizes[j])) return false;
  }
  scalarInputLoop<K, Out, In...>(data, n, f, seq);
  return true;
}

template <class Out, class... In, class F, size_t... I>
inline void elementwiseLoop(char** data, const int64_t* strides, int64_t n, const F& f,
                            std::index_sequence<I...> seq) {
  const bool outContiguous = strides[0] == static_cast<int64_t>(sizeof(Out));
  if (outContiguous && ((strides[I + 1] == static_cast<int64_t>(sizeof(In))) && ...)) {
    contiguousLoop<Out, In...>(data, n, f, seq);
    return;
  }
  // A hoisted broadcast input pays off for x * 2.0-style binary ops; unary ops never
  // see a stride-0 input with a contiguous output, so they skip the extra variants.
  if constexpr (sizeof...(In) >= 2 && sizeof...(In) <= 3) {
    if (outContiguous && n > 1 &&
        (tryScalarInputLoop<I, Out, In...>(data, strides, n, f, seq) || ...))
      return;
  }
  stridedLoop<Out, In...>(data, strides, n, f, seq);
}

/// Reads n elements of dtype t (byte stride `stride`) as floats; writes them back.
void loadAsFloat(ScalarType t, const char* p, int64_t stride, float* out, int64_t n);
void storeFromFloat(ScalarType t, const float* in, char* p, int64_t stride, int64_t n);

template <class T>
using AsFloat = float;

// Half/BFloat16 kernels: convert row chunks to float buffers, run f on floats, convert
// back. One contiguous float loop per op instead of four per dtype, and no per-element
// conversion calls inside the arithmetic loop.
template <size_t N, class F, size_t... I>
void viaFloatKernel(TensorIter& iter, const F& f, int64_t grainSize, std::index_sequence<I...>) {
  ScalarType types[N + 1];
  for (size_t a = 0; a <= N; ++a) types[a] = iter.dtype(static_cast<int>(a));
  iter.forEach(
      [&](char** data, const int64_t* strides, int64_t n) __attribute__((flatten)) {
        constexpr int64_t kChunk = 256;
        float in[N][kChunk];
        float out[kChunk];
        for (int64_t i0 = 0; i0 < n; i0 += kChunk) {
          const int64_t m = std::min(kChunk, n - i0);
          ((loadAsFloat(types[I + 1], data[I + 1] + i0 * strides[I + 1], strides[I + 1], in[I], m)), ...);
          for (int64_t i = 0; i < m; ++i) out[i] = static_cast<float>(f(in[I][i]...));
          storeFromFloat(types[0], out, data[0] + i0 * strides[0], strides[0], m);
        }
      },
      grainSize);
}

}  // namespace detail

/// Runs out = f(in...) elementwise over `iter`, whose operand 0 has storage type Out and
/// whose inputs have storage types In... (after the iterator's casts). f may take wider
/// parameter types (Half converts to float) and return any type castTo<Out> accepts.
template <class Out, class... In, class F>
void cpuKernel(TensorIter& iter, const F& f, int64_t grainSize = kGrainSize) {
  SCONCE_ASSERT(iter.ntensors() == static_cast<int>(1 + sizeof...(In)),
                "{}: kernel arity does not match the iterator", iter.opName());
  if constexpr (sizeof...(In) > 0 && (kIsReducedFloat<In> && ...) &&
                (kIsReducedFloat<Out> || std::is_same_v<Out, bool>) &&
                std::is_invocable_v<const F&, detail::AsFloat<In>...>) {
    detail::viaFloatKernel<sizeof...(In)>(iter, f, grainSize, std::index_sequence_for<In...>{});
    return;
  }
  iter.forEach(
      [&f](char** data, const int64_t* strides, int64_t n) {
        detail::elementwiseLoop<Out, In...>(data, strides, n, f, std::index_sequence_for<In...>{});
      },
      grainSize);
}

}  // namespace sconce::ops
