// Direct unit tests of the kernel infrastructure: parallelFor, the tensor iterator's
// planning (broadcasting, layout, coalescing, in-place rules) and thread-count
// independence of reductions. Op semantics are checked against PyTorch elsewhere.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "ops/kernels/elementwise.h"
#include "ops/kernels/parallel.h"
#include "ops/kernels/reduce.h"
#include "ops/kernels/tensor_iterator.h"
#include "ops/kernels/type_promotion.h"
#include "ops/kernels/unary_vec_math.h"

namespace sconce::ops {
namespace {

Tensor arange(int64_t n, ScalarType dtype = ScalarType::Float) {
  Tensor t = Tensor::empty({n}, ScalarType::Double);
  for (int64_t i = 0; i < n; ++i) t.data<double>()[i] = static_cast<double>(i);
  return to(t, dtype);
}

// Restores the thread count a test changes.
class ThreadCountGuard {
 public:
  ThreadCountGuard() : saved_(getNumThreads()) {}
  ~ThreadCountGuard() { setNumThreads(saved_); }

 private:
  int saved_;
};

TEST(Parallel, CoversRangeOnceAndSplitsByGrain) {
  ThreadCountGuard guard;
  setNumThreads(4);
  std::vector<std::atomic<int>> hits(100000);
  std::atomic<int> chunks{0};
  parallelFor(0, 100000, 1000, [&](int64_t b, int64_t e) {
    ++chunks;
    for (int64_t i = b; i < e; ++i) ++hits[i];
  });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
  EXPECT_GE(chunks.load(), 1);
  EXPECT_LE(chunks.load(), 4);
}

TEST(Parallel, NestedRegionsRunSerially) {
  ThreadCountGuard guard;
  setNumThreads(4);
  std::atomic<int> innerChunks{0};
  parallelFor(0, 4, 1, [&](int64_t, int64_t) {
    EXPECT_TRUE(inParallelRegion());
    parallelFor(0, 1000000, 1, [&](int64_t, int64_t) { ++innerChunks; });
  });
  EXPECT_LE(innerChunks.load(), 4);  // one inner call per outer chunk
  EXPECT_FALSE(inParallelRegion());
}

TEST(Parallel, PropagatesExceptions) {
  ThreadCountGuard guard;
  setNumThreads(4);
  EXPECT_THROW(parallelFor(0, 100000, 10, [](int64_t b, int64_t) {
                 if (b > 0) throw ValueError("boom");
               }),
               ValueError);
  EXPECT_THROW(setNumThreads(0), ValueError);
}

TEST(TensorIter, BroadcastErrorsNameTheDimension) {
  try {
    add(Tensor::zeros({2, 3}), Tensor::zeros({2, 4}));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(),
                 "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1");
  }
  EXPECT_EQ(broadcastShapes({3, 1, 5}, {4, 1}), (Dims{3, 4, 5}));
  EXPECT_EQ(broadcastShapes({}, {2}), (Dims{2}));
}

TEST(TensorIter, OutputFollowsInputLayoutAndCoalesces) {
  Tensor x = arange(12).asStrided({4, 3}, {1, 4}, 0);  // a transposed [3, 4]
  Tensor y = add(x, Scalar(1.0));
  EXPECT_EQ(y.strides(), (Dims{1, 4}));  // like PyTorch, the output is transposed too
  EXPECT_EQ(y.itemAsDouble(1), 5.0);     // x[0][1] = 4
  TensorIter it = TensorIterConfig("t").addOutput(Tensor()).addInput(x).build();
  EXPECT_EQ(it.ndim(), 1);  // a dense permuted layout coalesces to one dim
  Tensor c = Tensor::zeros({2, 3, 4});
  TensorIter it2 = TensorIterConfig("t").addOutput(Tensor()).addInput(c).addInput(Tensor::zeros({4})).build();
  EXPECT_EQ(it2.ndim(), 2);  // the broadcast input keeps one inner dim apart
}

TEST(TensorIter, InPlaceRules) {
  Tensor a = Tensor::zeros({3});
  EXPECT_THROW(add_(a, Tensor::zeros({2, 3})), ValueError);
  Tensor i = Tensor::zeros({3}, ScalarType::Int);
  EXPECT_THROW(add_(i, Scalar(1.5)), ValueError);
  Tensor e = Tensor::zeros({1, 4}).asStrided({3, 4}, {0, 1}, 0);
  EXPECT_THROW(mul_(e, Scalar(2.0)), ValueError);
  // Full overlap (self as input) is fine.
  Tensor s = arange(5);
  mul_(s, s);
  EXPECT_EQ(s.itemAsDouble(4), 16.0);
}

TEST(TensorIter, OutArgumentsAreResizedAndCast) {
  Tensor out = Tensor::zeros({1}, ScalarType::Double);
  add_out(out, arange(6).asStrided({2, 3}, {3, 1}, 0), Tensor::scalar(1.0, ScalarType::Float));
  EXPECT_EQ(out.sizes(), (Dims{2, 3}));
  EXPECT_EQ(out.dtype(), ScalarType::Double);
  EXPECT_EQ(out.itemAsDouble(5), 6.0);
  Tensor b = Tensor::zeros({3}, ScalarType::Float);
  eq_out(b, arange(3), arange(3));
  EXPECT_EQ(b.itemAsDouble(2), 1.0);
}

TEST(Elementwise, CopyConvertsAndBroadcasts) {
  Tensor dst = Tensor::zeros({2, 3}, ScalarType::Int);
  copy_(dst, to(arange(3), ScalarType::Double));
  EXPECT_EQ(dst.itemAsInt(4), 1);
  Tensor h = to(arange(4), ScalarType::Half);
  EXPECT_EQ(h.dtype(), ScalarType::Half);
  EXPECT_EQ(h.itemAsDouble(3), 3.0);
  EXPECT_TRUE(to(h, ScalarType::Half).is(h));
  EXPECT_FALSE(to(h, ScalarType::Half, false, /*copy=*/true).is(h));
}

TEST(Elementwise, IntegerDivisionByZero) {
  Tensor a = to(arange(3), ScalarType::Long);
  try {
    floor_divide(a, Scalar(int64_t{0}));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "ZeroDivisionError");
  }
  EXPECT_THROW(remainder(a, a), ValueError);  // a[0] == 0
  EXPECT_NO_THROW(div(a, a));                 // true division gives nan/inf
}

TEST(Reduce, ResultsDoNotDependOnThreadCount) {
  ThreadCountGuard guard;
  Tensor x = Tensor::empty({300000}, ScalarType::Float);
  for (int64_t i = 0; i < x.numel(); ++i) x.data<float>()[i] = static_cast<float>((i * 7919) % 1000) / 997.0f;
  setNumThreads(1);
  const double one = sum(x).itemAsDouble();
  const double varOne = var(x).itemAsDouble();
  setNumThreads(3);
  EXPECT_EQ(sum(x).itemAsDouble(), one);
  EXPECT_EQ(var(x).itemAsDouble(), varOne);
  // Pairwise summation keeps float accuracy over long rows.
  double exact = 0;
  for (int64_t i = 0; i < x.numel(); ++i) exact += x.data<float>()[i];
  EXPECT_NEAR(one, exact, std::abs(exact) * 1e-6);
}

TEST(TypePromotion, CategoriesAndWrappedNumbers) {
  Tensor i32 = Tensor::zeros({2}, ScalarType::Int);
  Tensor u8 = Tensor::zeros({2}, ScalarType::Byte);
  Tensor f64Scalar = Tensor::scalar(1.0, ScalarType::Double);
  EXPECT_EQ(resultType({i32, Scalar(2.5)}), ScalarType::Float);
  EXPECT_EQ(resultType({i32, f64Scalar}), ScalarType::Double);  // a higher category wins from a 0-d tensor
  EXPECT_EQ(resultType({u8, Scalar(int64_t{300})}), ScalarType::Byte);
  EXPECT_EQ(resultType({Tensor::zeros({2}, ScalarType::Bool), Scalar(int64_t{1})}), ScalarType::Long);
  EXPECT_EQ(promoteTypes(ScalarType::Byte, ScalarType::Char), ScalarType::Short);
  EXPECT_EQ(promoteTypes(ScalarType::BFloat16, ScalarType::Half), ScalarType::Float);
  EXPECT_FALSE(canCast(ScalarType::Float, ScalarType::Long));
  EXPECT_FALSE(canCast(ScalarType::Long, ScalarType::Bool));
  EXPECT_TRUE(canCast(ScalarType::Bool, ScalarType::Float));
}

float floatFromBits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// Error of `got` in units in the last place of the float nearest `want`.
double ulpError(float got, double want) {
  if (std::isnan(want)) return std::isnan(got) ? 0 : INFINITY;
  if (std::isinf(want) || std::isinf(got)) return got == static_cast<float>(want) ? 0 : INFINITY;
  const float w = std::fabs(static_cast<float>(want));
  const double ulp = std::max<double>(std::nextafter(w, INFINITY) - w, std::numeric_limits<float>::denorm_min());
  return std::fabs(got - want) / ulp;
}

TEST(VecMath, SixteenBitConversionsMatchDtype) {
  for (uint32_t h = 0; h < 65536; ++h) {
    Half x;
    x.bits = static_cast<uint16_t>(h);
    const float a = static_cast<float>(x), b = vec::halfToFloat(x.bits);
    ASSERT_TRUE(std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b))) << h;
  }
  for (uint64_t u = 0; u <= 0xffffffffu; u += 9973) {
    const float f = floatFromBits(static_cast<uint32_t>(u));
    ASSERT_EQ(Half(f).bits, vec::floatToHalf(f)) << u;
    ASSERT_EQ(BFloat16(f).bits, vec::floatToBfloat16(f)) << u;
  }
}

TEST(VecMath, ExpAndTanhWithinTwoUlpsErfWithinPyTorchsBound) {
  double expErr = 0, tanhErr = 0, erfErr = 0;
  for (uint64_t u = 0; u <= 0xffffffffu; u += 7919) {
    const float x = floatFromBits(static_cast<uint32_t>(u));
    expErr = std::max(expErr, ulpError(vec::exp(x), std::exp(static_cast<double>(x))));
    tanhErr = std::max(tanhErr, ulpError(vec::tanh(x), std::tanh(static_cast<double>(x))));
    if (!std::isnan(x)) erfErr = std::max(erfErr, std::fabs(vec::erf(x) - std::erf(static_cast<double>(x))));
  }
  EXPECT_LE(expErr, 1.0);
  EXPECT_LE(tanhErr, 2.0);
  EXPECT_LE(erfErr, 1e-6);
  EXPECT_EQ(vec::exp(INFINITY), INFINITY);
  EXPECT_EQ(vec::exp(-INFINITY), 0.0f);
  EXPECT_EQ(vec::exp(89.0f), INFINITY);
  EXPECT_TRUE(std::isnan(vec::exp(NAN)));
  EXPECT_EQ(vec::tanh(-INFINITY), -1.0f);
  EXPECT_TRUE(std::signbit(vec::tanh(-0.0f)));
  EXPECT_TRUE(std::isnan(vec::tanh(NAN)));
  EXPECT_EQ(vec::erf(INFINITY), 1.0f);
}

}  // namespace
}  // namespace sconce::ops
