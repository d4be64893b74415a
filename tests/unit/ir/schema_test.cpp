// Schema parser and printer: targeted cases plus print(parse(s)) == s for every schema
// registered in PyTorch 1.13 (dumped at test time with /usr/bin/python3 when available).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "ir/schema.h"
#include "support/source_range.h"

namespace sconce {
namespace {

TEST(Schema, ParsesAddTensor) {
  FunctionSchema s = parseSchema("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor");
  EXPECT_EQ(s.name, "aten::add");
  EXPECT_EQ(s.overloadName, "Tensor");
  EXPECT_EQ(s.operatorName(), "aten::add.Tensor");
  ASSERT_EQ(s.arguments.size(), 3u);
  EXPECT_FALSE(s.arguments[1].kwargOnly);
  EXPECT_TRUE(s.arguments[2].kwargOnly);
  EXPECT_EQ(s.arguments[2].type->kind(), TypeKind::Number);
  EXPECT_EQ(s.arguments[2].defaultValue->toInt(), 1);
  ASSERT_EQ(s.returns.size(), 1u);
  EXPECT_TRUE(s.returns[0].name.empty());
  EXPECT_FALSE(s.isMutable());
  EXPECT_EQ(s.argumentIndex("other"), 1u);
}

TEST(Schema, AliasAnnotations) {
  FunctionSchema s = parseSchema("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
  ASSERT_TRUE(s.arguments[0].aliasInfo);
  EXPECT_TRUE(s.arguments[0].aliasInfo->isWrite);
  EXPECT_EQ(s.arguments[0].aliasInfo->beforeSets, std::vector<std::string>{"a"});
  EXPECT_TRUE(s.isMutable());
  FunctionSchema u = parseSchema("aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]");
  EXPECT_EQ(u.arguments[0].aliasInfo->afterSets, std::vector<std::string>{"*"});
  EXPECT_TRUE(u.arguments[0].aliasInfo->isWildcardAfter());
  ASSERT_TRUE(u.returns[0].aliasInfo);
  EXPECT_TRUE(u.returns[0].aliasInfo->beforeSets.empty());
  EXPECT_EQ(u.returns[0].aliasInfo->containedTypes.at(0).beforeSets, std::vector<std::string>{"a"});
  EXPECT_EQ(u.str(), "aten::unbind.int(Tensor(a -> *) self, int dim=0) -> Tensor(a)[]");
  FunctionSchema o = parseSchema("aten::abs.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)");
  EXPECT_TRUE(o.arguments[1].isOut());
}

TEST(Schema, TypesAndDefaults) {
  FunctionSchema s = parseSchema(
      "aten::f(int[2] stride=1, int[1]? dim=None, SymInt[] size, ScalarType? dtype=None, "
      "str reduce=\"sum\", float eps=1e-05, float x=-inf, bool b=True, Tensor?[] ts, "
      "Dict(str, t) d, t[](a!) l, Future(t) fut, Layout layout, MemoryFormat? mf=contiguous_format) "
      "-> (Tensor values, Tensor indices)");
  const auto& a = s.arguments;
  EXPECT_EQ(a[0].N, 2);
  EXPECT_EQ(a[0].defaultValue->toList()->elements.size(), 2u);
  EXPECT_EQ(a[1].type->str(), "int[]?");
  EXPECT_EQ(a[2].type->str(), "int[]");
  EXPECT_EQ(a[2].realType->str(), "SymInt[]");
  EXPECT_EQ(a[3].type->str(), "int?");
  EXPECT_EQ(a[4].defaultValue->toStringRef(), "sum");
  EXPECT_EQ(a[5].defaultValue->toDouble(), 1e-05);
  EXPECT_EQ(a[6].defaultValue->toDouble(), -INFINITY);
  EXPECT_TRUE(a[7].defaultValue->toBool());
  EXPECT_EQ(a[8].type->str(), "Tensor?[]");
  EXPECT_EQ(a[9].type->str(), "Dict(str, t)");
  EXPECT_EQ(a[10].type->kind(), TypeKind::List);
  EXPECT_EQ(a[11].type->str(), "Future(t)");
  EXPECT_EQ(a[12].type->kind(), TypeKind::Int);
  EXPECT_EQ(a[13].defaultValue->toInt(), 0);
  EXPECT_EQ(s.returns[1].name, "indices");
  EXPECT_EQ(s.str(),
            "aten::f(int[2] stride=1, int[1]? dim=None, SymInt[] size, ScalarType? dtype=None, "
            "str reduce=\"sum\", float eps=1.0000000000000001e-05, float x=-inf, bool b=True, "
            "Tensor?[] ts, Dict(str, t) d, t[](a!) l, Future(t) fut, Layout layout, "
            "MemoryFormat? mf=0) -> (Tensor values, Tensor indices)");
}

TEST(Schema, ReturnsAndVarargs) {
  EXPECT_EQ(parseSchema("prim::Print(...) -> ()").str(), "prim::Print(...) -> ()");
  EXPECT_EQ(parseSchema("prim::TupleUnpack(Any tup) -> ...").str(), "prim::TupleUnpack(Any tup) -> ...");
  EXPECT_EQ(parseSchema("aten::items.str(Dict(str, t) self) -> ((str, t)[])").str(),
            "aten::items.str(Dict(str, t) self) -> ((str, t)[])");
  EXPECT_EQ(parseSchema("aten::f(int a, ...) -> (int, ...)").str(), "aten::f(int a, ...) -> (int, ...)");
  EXPECT_EQ(parseSchema("aten::g() -> (int)").str(), "aten::g() -> int");
  FunctionSchema v = parseSchema("aten::f(int a, ...) -> (int, ...)");
  EXPECT_TRUE(v.isVararg);
  EXPECT_TRUE(v.isVarret);
}

TEST(Schema, PyTorch2xSyntax) {
  // SymBool / DeviceIndex (2.x spellings of bool / int), single-quoted and double-quoted
  // str defaults, SymInt? defaults, and `Scalar?` / list defaults as 2.x writes them.
  FunctionSchema a = parseSchema("aten::sym_is_contiguous(Tensor self, MemoryFormat memory_format=contiguous_format) -> SymBool");
  EXPECT_EQ(a.returns[0].type->kind(), TypeKind::Bool);
  EXPECT_EQ(a.returns[0].realType->str(), "SymBool");
  EXPECT_EQ(a.arguments[1].defaultValue->toInt(), 0);
  FunctionSchema b = parseSchema("aten::_cufft_get_plan_cache_size(DeviceIndex device_index) -> int");
  EXPECT_EQ(b.arguments[0].type->kind(), TypeKind::Int);
  EXPECT_EQ(b.str(), "aten::_cufft_get_plan_cache_size(DeviceIndex device_index) -> int");
  FunctionSchema c = parseSchema(
      "aten::pad_sequence(Tensor[] sequences, bool batch_first=False, float padding_value=0.0, "
      "str padding_side=\"right\") -> Tensor");
  ASSERT_EQ(c.arguments.size(), 4u);
  EXPECT_EQ(c.arguments[3].defaultValue->toStringRef(), "right");
  EXPECT_EQ(c.arguments[2].defaultValue->toDouble(), 0.0);
  FunctionSchema d = parseSchema("aten::gelu(Tensor self, *, str approximate='none') -> Tensor");
  EXPECT_EQ(d.arguments[1].defaultValue->toStringRef(), "none");
  EXPECT_TRUE(d.arguments[1].kwargOnly);
  FunctionSchema e = parseSchema(
      "aten::slice.Tensor(Tensor(a) self, int dim=0, SymInt? start=None, SymInt? end=None, SymInt step=1) -> Tensor(a)");
  EXPECT_EQ(e.arguments[2].type->str(), "int?");
  EXPECT_TRUE(e.arguments[2].defaultValue->isNone());
  FunctionSchema f = parseSchema("aten::rot90(Tensor self, int k=1, int[] dims=[0,1]) -> Tensor");
  EXPECT_EQ(f.arguments[2].defaultValue->listRef().elements.size(), 2u);
  FunctionSchema g = parseSchema("aten::roll(Tensor self, SymInt[1] shifts, int[1] dims=[]) -> Tensor");
  EXPECT_EQ(g.arguments[1].N, 1);
  EXPECT_EQ(g.arguments[1].type->str(), "int[]");
}

TEST(Schema, RejectsMalformed) {
  EXPECT_THROW(parseSchema("aten::f(Blob x) -> int"), CompileError);
  EXPECT_THROW(parseSchema("aten::f(int x -> int"), CompileError);
  EXPECT_THROW(parseSchema("aten::f(..., int x) -> int"), CompileError);
  EXPECT_THROW(parseSchema("aten::f(Tensor x=1) -> int"), CompileError);
  EXPECT_THROW(parseSchema("aten::f(int x) -> int named extra"), CompileError);
  try {
    parseSchema("aten::f(int x, Blob y) -> int");
  } catch (const CompileError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown type 'Blob'"), std::string::npos) << e.what();
  }
}

TEST(Schema, RoundTripsEveryPyTorchSchema) {
  std::string path = testing::TempDir() + "sconce_schemas.txt";
  std::string cmd =
      "/usr/bin/python3 -c \"import torch; print('\\n'.join(str(s) for s in "
      "torch._C._jit_get_all_schemas()))\" > " + path + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "PyTorch (/usr/bin/python3) not available";
  std::ifstream in(path);
  std::string line;
  size_t total = 0, passed = 0;
  std::vector<std::string> failures;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++total;
    try {
      std::string printed = parseSchema(line).str();
      if (printed == line) {
        ++passed;
      } else {
        failures.push_back(line + "\n    printed: " + printed);
      }
    } catch (const std::exception& e) {
      failures.push_back(line + "\n    error: " + e.what());
    }
  }
  std::remove(path.c_str());
  RecordProperty("schemas", static_cast<int>(total));
  RecordProperty("round_tripped", static_cast<int>(passed));
  std::printf("schemas round-tripped: %zu/%zu\n", passed, total);
  EXPECT_GT(total, 1000u);
  for (size_t i = 0; i < std::min<size_t>(failures.size(), 20); ++i) ADD_FAILURE() << failures[i];
}

}  // namespace
}  // namespace sconce
