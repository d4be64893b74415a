// Shape, indexing, sort and creation ops against PyTorch (cases from make_cases.py),
// plus the random ops, whose streams cannot match PyTorch's: those are checked for
// shape, dtype and range only.
#include <gtest/gtest.h>

#include <cmath>

#include "case_runner.h"
#include "ops/kernels/creation.h"
#include "ops/kernels/shape.h"

namespace sconce {
namespace {

void runGroup(const char* group) {
  int total = 0;
  const int passed = testing::runCaseGroup(group, &total);
  std::printf("[ %s ] %d/%d PyTorch cases pass\n", group, passed, total);
  EXPECT_GT(total, 0);
}

TEST(OpsShapeCases, Shape) { runGroup("shape"); }
TEST(OpsShapeCases, Indexing) { runGroup("indexing"); }
TEST(OpsShapeCases, Sort) { runGroup("sort"); }
TEST(OpsShapeCases, Creation) { runGroup("creation"); }

TEST(RandomOps, ShapesDtypesRanges) {
  ops::manual_seed(7);
  Tensor u = ops::rand({3, 4});
  EXPECT_EQ(u.dtype(), ScalarType::Float);
  EXPECT_EQ(u.sizes(), (Dims{3, 4}));
  for (int64_t i = 0; i < u.numel(); ++i) {
    EXPECT_GE(u.itemAsDouble(i), 0.0);
    EXPECT_LT(u.itemAsDouble(i), 1.0);
  }
  Tensor n = ops::randn({1000}, ScalarType::Double);
  double mean = 0;
  for (int64_t i = 0; i < n.numel(); ++i) mean += n.itemAsDouble(i) / 1000;
  EXPECT_LT(std::abs(mean), 0.2);
  Tensor r = ops::randint(3, 9, {50});
  EXPECT_EQ(r.dtype(), ScalarType::Long);
  for (int64_t i = 0; i < r.numel(); ++i) {
    EXPECT_GE(r.itemAsInt(i), 3);
    EXPECT_LT(r.itemAsInt(i), 9);
  }
  Tensor p = ops::randperm(20);
  std::vector<bool> seen(20, false);
  for (int64_t i = 0; i < 20; ++i) seen.at(p.itemAsInt(i)) = true;
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; }));
  EXPECT_THROW(ops::randint(5, 5, {2}), ValueError);
  EXPECT_THROW(ops::rand({2}, ScalarType::Long), ValueError);
}

TEST(RandomOps, SeedIsReproducible) {
  ops::manual_seed(42);
  Tensor a = ops::randn({8});
  ops::manual_seed(42);
  Tensor b = ops::randn({8});
  for (int64_t i = 0; i < 8; ++i) EXPECT_EQ(a.itemAsDouble(i), b.itemAsDouble(i));
}

TEST(RandomOps, BernoulliAndDropout) {
  Tensor probs = ops::full({100}, Scalar(1.0));
  Tensor ones = ops::bernoulli(probs);
  for (int64_t i = 0; i < 100; ++i) EXPECT_EQ(ones.itemAsDouble(i), 1.0);
  Tensor x = ops::ones({2000});
  EXPECT_TRUE(ops::dropout(x, 0.5, false).is(x));
  Tensor d = ops::dropout(x, 0.25, true);
  int64_t kept = 0;
  for (int64_t i = 0; i < d.numel(); ++i) {
    const double v = d.itemAsDouble(i);
    EXPECT_TRUE(v == 0.0 || std::abs(v - 1.0 / 0.75) < 1e-6) << v;
    kept += v != 0.0;
  }
  EXPECT_NEAR(static_cast<double>(kept) / 2000, 0.75, 0.05);
  Tensor z = ops::dropout(x, 1.0, true);
  for (int64_t i = 0; i < z.numel(); ++i) EXPECT_EQ(z.itemAsDouble(i), 0.0);
  EXPECT_THROW(ops::dropout(x, 1.5, true), ValueError);
}

}  // namespace
}  // namespace sconce
