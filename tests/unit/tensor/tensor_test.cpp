// Unit tests for dtypes, Half/BFloat16 conversion, Storage and strided Tensor views.
#include <gtest/gtest.h>

#include <cmath>

#include "tensor/tensor.h"

namespace sconce {
namespace {

TEST(Dtype, NumberingMatchesPyTorch) {
  EXPECT_EQ(static_cast<int>(ScalarType::Float), 6);
  EXPECT_EQ(static_cast<int>(ScalarType::Long), 4);
  EXPECT_EQ(static_cast<int>(ScalarType::Bool), 11);
  EXPECT_EQ(static_cast<int>(ScalarType::BFloat16), 15);
  EXPECT_EQ(elementSize(ScalarType::Half), 2u);
  EXPECT_EQ(elementSize(ScalarType::ComplexDouble), 16u);
  EXPECT_EQ(scalarTypeFromStorageClass("BFloat16Storage"), ScalarType::BFloat16);
  EXPECT_EQ(scalarTypeFromName("torch.float"), ScalarType::Float);
  EXPECT_EQ(scalarTypeFromStorageClass("NoSuchStorage"), std::nullopt);
}

TEST(Dtype, HalfRoundTripsAndRounds) {
  for (float f : {0.0f, -0.0f, 1.0f, -2.5f, 65504.0f, 6.103515625e-05f, 5.960464477539063e-08f})
    EXPECT_EQ(static_cast<float>(Half(f)), f) << f;
  EXPECT_TRUE(std::isinf(static_cast<float>(Half(70000.0f))));
  EXPECT_TRUE(std::isnan(static_cast<float>(Half(NAN))));
  EXPECT_EQ(Half(1.0f + 1.0f / 4096).bits, Half(1.0f).bits);  // ties to even
  EXPECT_EQ(static_cast<float>(Half(0.1f)), 0.0999755859375f);
}

TEST(Dtype, BFloat16RoundsToNearestEven) {
  EXPECT_EQ(static_cast<float>(BFloat16(1.0f)), 1.0f);
  EXPECT_EQ(static_cast<float>(BFloat16(3.140625f)), 3.140625f);
  EXPECT_EQ(BFloat16(1.00390625f).bits, BFloat16(1.0f).bits);  // exact tie -> even
  EXPECT_TRUE(std::isnan(static_cast<float>(BFloat16(NAN))));
}

TEST(Tensor, ZerosAreContiguous) {
  Tensor t = Tensor::zeros({2, 3, 4});
  EXPECT_EQ(t.numel(), 24);
  EXPECT_EQ(t.strides(), (Dims{12, 4, 1}));
  EXPECT_TRUE(t.isContiguous());
  EXPECT_EQ(t.typeString(), "Float(2, 3, 4)");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.rawData()) % 64, 0u);
}

TEST(Tensor, ViewsShareStorageAndCopyContiguous) {
  Tensor t = Tensor::zeros({2, 3}, ScalarType::Long);
  for (int i = 0; i < 6; ++i) t.data<int64_t>()[i] = i;
  Tensor tr = t.asStrided({3, 2}, {1, 3}, 0);  // transpose
  EXPECT_FALSE(tr.isContiguous());
  EXPECT_EQ(tr.storage().get(), t.storage().get());
  Tensor c = tr.contiguous();
  EXPECT_NE(c.storage().get(), t.storage().get());
  std::vector<int64_t> got(c.data<int64_t>(), c.data<int64_t>() + 6);
  EXPECT_EQ(got, (std::vector<int64_t>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(tr.itemAsInt(1), 3);
}

TEST(Tensor, ToTypeConverts) {
  Tensor t = Tensor::zeros({3}, ScalarType::Float);
  t.data<float>()[0] = 1.5f;
  t.data<float>()[1] = -2.0f;
  Tensor h = t.toType(ScalarType::Half);
  EXPECT_EQ(h.itemAsDouble(0), 1.5);
  Tensor b = t.toType(ScalarType::Bool);
  EXPECT_EQ(b.itemAsInt(0), 1);
  EXPECT_EQ(b.itemAsInt(2), 0);
  Tensor i = t.toType(ScalarType::Int);
  EXPECT_EQ(i.itemAsInt(1), -2);
}

TEST(Tensor, FromStorageRejectsOutOfBoundsViews) {
  Storage s = StorageImpl::allocate(16);
  EXPECT_NO_THROW(Tensor::fromStorage(s, {2, 2}, {2, 1}, 0,
                                      ScalarType::Float));
  EXPECT_THROW(Tensor::fromStorage(s, {2, 3}, {3, 1}, 0,
                                   ScalarType::Float),
               FormatError);
  EXPECT_THROW(Tensor::fromStorage(s, {1}, {1}, 4,
                                   ScalarType::Float),
               FormatError);
  EXPECT_THROW(Tensor::fromStorage(s, {INT64_MAX / 2, 4},
                                   {1, 1}, 0, ScalarType::Float),
               ValueError);
}

TEST(Storage, BorrowKeepsOwnerAlive) {
  auto owner = std::make_shared<std::vector<char>>(32, 7);
  std::weak_ptr<std::vector<char>> weak = owner;
  Storage s = StorageImpl::borrow(owner->data(), owner->size(), owner);
  owner.reset();
  EXPECT_FALSE(weak.expired());
  EXPECT_TRUE(s->borrowed());
  EXPECT_EQ(static_cast<char*>(s->data())[5], 7);
  s->ensureOwned();
  EXPECT_FALSE(s->borrowed());
  EXPECT_TRUE(weak.expired());
  EXPECT_EQ(static_cast<char*>(s->data())[5], 7);
}

TEST(Device, ParsesAndPrints) {
  EXPECT_EQ(Device::parse("cpu").str(), "cpu");
  EXPECT_EQ(Device::parse("cuda:1").str(), "cuda:1");
  EXPECT_THROW(Device::parse("tpu"), ValueError);
  EXPECT_THROW(Device::parse("cuda:x"), ValueError);
}

}  // namespace
}  // namespace sconce
