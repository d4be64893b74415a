// Unit tests for IValue (tags, refcounting, repr) and the type system.
#include <gtest/gtest.h>

#include <cmath>

#include "ir/ivalue.h"

namespace sconce {
namespace {

TEST(IValue, InlineAndRefTags) {
  EXPECT_TRUE(IValue().isNone());
  EXPECT_EQ(IValue(int64_t{5}).toInt(), 5);
  EXPECT_EQ(IValue(2.5).toDouble(), 2.5);
  EXPECT_TRUE(IValue(true).toBool());
  EXPECT_EQ(IValue("hi").toStringRef(), "hi");
  EXPECT_EQ(IValue(Device::parse("cuda:0")).toDevice().str(), "cuda:0");
  EXPECT_THROW(IValue("x").toInt(), ValueError);
}

TEST(IValue, ContainersShareByReference) {
  auto list = ListObj::create(IntType::get());
  IValue a(list);
  IValue b = a;
  b.toList()->elements.push_back(IValue(1));
  EXPECT_EQ(a.toList()->elements.size(), 1u);
  EXPECT_TRUE(a.is(b));
  EXPECT_EQ(list->useCount(), 3);
}

TEST(IValue, ReprMatchesPython) {
  auto t = TupleObj::create({IValue(1), IValue("a'b"), IValue()});
  EXPECT_EQ(IValue(t).repr(), "(1, \"a'b\", None)");
  EXPECT_EQ(IValue(TupleObj::create({IValue(1.0)})).repr(), "(1.0,)");
  EXPECT_EQ(pythonFloatRepr(1e-5), "1e-05");
  EXPECT_EQ(pythonFloatRepr(0.1), "0.1");
  EXPECT_EQ(pythonFloatRepr(100000.0), "100000.0");
  EXPECT_EQ(pythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(pythonFloatRepr(123456789012345.6), "123456789012345.6");
  EXPECT_EQ(pythonFloatRepr(-0.0), "-0.0");
  EXPECT_EQ(pythonFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(pythonFloatRepr(NAN), "nan");
  EXPECT_EQ(pythonStringRepr("a\nb"), "'a\\nb'");
}

TEST(DictObj, KeepsInsertionOrderAndErases) {
  auto d = DictObj::create(StringType::get(), IntType::get());
  d->insertOrAssign(IValue("b"), IValue(1));
  d->insertOrAssign(IValue("a"), IValue(2));
  d->insertOrAssign(IValue("b"), IValue(3));
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ(d->items()[0].first.toStringRef(), "b");
  EXPECT_EQ(d->items()[0].second.toInt(), 3);
  EXPECT_TRUE(d->erase(IValue("b")));
  EXPECT_FALSE(d->contains(IValue("b")));
  EXPECT_EQ(d->find(IValue("a"))->toInt(), 2);
  EXPECT_EQ(IValue(d).repr(), "{'a': 2}");
}

TEST(Types, PrintingAndSubtyping) {
  TypePtr optInt = OptionalType::create(IntType::get());
  EXPECT_EQ(optInt->str(), "int?");
  EXPECT_EQ(optInt->annotationStr(), "Optional[int]");
  EXPECT_EQ(ListType::ofTensors()->str(), "Tensor[]");
  EXPECT_EQ(DictType::create(StringType::get(), TensorType::get())->annotationStr(),
            "Dict[str, Tensor]");
  EXPECT_TRUE(IntType::get()->isSubtypeOf(*optInt));
  EXPECT_TRUE(NoneType::get()->isSubtypeOf(*optInt));
  EXPECT_FALSE(FloatType::get()->isSubtypeOf(*optInt));
  EXPECT_TRUE(IntType::get()->isSubtypeOf(*NumberType::get()));
  TypePtr u = UnionType::create({IntType::get(), StringType::get(), IntType::get()});
  EXPECT_EQ(u->annotationStr(), "Union[int, str]");
  EXPECT_TRUE(StringType::get()->isSubtypeOf(*u));
  EXPECT_EQ(UnionType::create({IntType::get(), NoneType::get()})->str(), "int?");
  EXPECT_EQ(unifyTypes(IntType::get(), NoneType::get())->str(), "int?");
  EXPECT_FALSE(unifyTypes(IntType::get(), StringType::get()));
  EXPECT_FALSE(ListType::ofInts()->isSubtypeOf(*ListType::create(FloatType::get())));
}

TEST(ClassType, AttributesAndObjects) {
  auto cls = ClassType::create("__torch__.___torch_mangle_3.Net", true);
  cls->addAttribute("training", BoolType::get());
  auto obj = Object::create(cls);
  obj->setAttr("training", IValue(true));
  obj->setAttr("extra", IValue(4), /*addIfMissing=*/true);
  EXPECT_EQ(obj->getAttr("extra").toInt(), 4);
  EXPECT_THROW(obj->getAttr("nope"), ValueError);
  EXPECT_EQ(cls->prettyName(), "Net");
}

}  // namespace
}  // namespace sconce
