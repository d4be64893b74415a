// The operator table's PyTorch 2.x part: schema_table_2x.inc (2.x schemas whose operator
// names 1.13 lacks) and schema_overrides_2x.inc (2.x texts replacing a 1.13 entry), on
// top of PyTorch 1.13's schema_table.inc. Every schema of the three files parses, the
// registry loads exactly what the files hold, and 2.x ops resolve by operator name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "ir/schema.h"
#include "ops/operator_registry.h"

namespace sconce {
namespace {

namespace fs = std::filesystem;

/// Number of schema lines (those starting with '"') in a .inc file of src/ops.
size_t schemaLines(const char* file) {
  std::ifstream in(fs::path(SCONCE_SOURCE_DIR) / "src/ops" / file);
  EXPECT_TRUE(in.good()) << file;
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty() && line[0] == '"';
  return n;
}

std::string operatorNameOf(std::string_view text) { return std::string(text.substr(0, text.find('('))); }

TEST(Schemas2x, CountsMatchTheFiles) {
  EXPECT_EQ(schemaTable113().size(), schemaLines("schema_table.inc"));
  EXPECT_EQ(schemaTable2x().size(), schemaLines("schema_table_2x.inc"));
  EXPECT_EQ(schemaOverrides2x().size(), schemaLines("schema_overrides_2x.inc"));
  EXPECT_GT(schemaTable2x().size(), 0u);
  // Overrides replace entries; the 2.x table adds. Kernels may register schemas of their
  // own on top (registerKernel with a schema the table lacks).
  EXPECT_GE(OperatorRegistry::global().schemaCount(), schemaTable113().size() + schemaTable2x().size());
}

TEST(Schemas2x, EverySchemaParsesAndPrintsItsOperatorName) {
  for (auto table : {schemaTable113(), schemaTable2x(), schemaOverrides2x()}) {
    for (const char* text : table) {
      FunctionSchema s;
      ASSERT_NO_THROW(s = parseSchema(text)) << text;
      EXPECT_EQ(s.operatorName(), operatorNameOf(text)) << text;
      // The printed form parses back to the same signature.
      EXPECT_EQ(parseSchema(s.str()).str(), s.str()) << text;
    }
  }
}

TEST(Schemas2x, TablesAreDisjointAndOverridesReplace1_13Entries) {
  std::set<std::string> names113;
  for (const char* text : schemaTable113()) names113.insert(operatorNameOf(text));
  std::set<std::string> names2x;
  for (const char* text : schemaTable2x()) {
    std::string name = operatorNameOf(text);
    EXPECT_FALSE(names113.count(name)) << name << " is already in the 1.13 table";
    EXPECT_TRUE(names2x.insert(name).second) << name << " twice in the 2.x table";
  }
  for (const char* text : schemaOverrides2x()) {
    std::string name = operatorNameOf(text);
    EXPECT_TRUE(names113.count(name)) << name << " overrides nothing";
    const Operator* op = OperatorRegistry::global().find(name);
    ASSERT_NE(op, nullptr) << name;
    EXPECT_EQ(op->schema.str(), parseSchema(text).str()) << name;
  }
}

TEST(Schemas2x, EveryTableEntryIsFoundByOperatorName) {
  auto& reg = OperatorRegistry::global();
  for (auto table : {schemaTable113(), schemaTable2x()}) {
    for (const char* text : table) {
      std::string name = operatorNameOf(text);
      const Operator* op = reg.find(name);
      ASSERT_NE(op, nullptr) << name;
      EXPECT_EQ(op->schema.operatorName(), name);
    }
  }
}

TEST(Schemas2x, PyTorch2xOpsResolve) {
  auto& reg = OperatorRegistry::global();
  for (const char* name : {"aten::scaled_dot_product_attention", "aten::_assert_async.msg", "aten::sym_numel",
                           "aten::sym_size.int", "aten::unflatten.int", "aten::_shape_as_tensor", "aten::rms_norm",
                           "aten::all.dims", "aten::squeeze.dims", "aten::sym_is_contiguous"}) {
    EXPECT_NE(reg.find(name), nullptr) << name;
  }
  const Operator* sdpa = reg.find("aten::scaled_dot_product_attention");
  ASSERT_NE(sdpa, nullptr);
  EXPECT_TRUE(sdpa->schema.argumentIndex("enable_gqa").has_value());
  EXPECT_TRUE(sdpa->schema.arguments.back().kwargOnly);
}

TEST(Schemas2x, OpsFromTheWholeYamlResolve) {
  // From the parts of native_functions.yaml the first import skipped (linalg) or missed
  // (the jagged/padded conversions next to to_padded_tensor).
  auto& reg = OperatorRegistry::global();
  const Operator* sqrth = reg.find("aten::linalg_matrix_sqrth");
  ASSERT_NE(sqrth, nullptr);
  EXPECT_EQ(sqrth->schema.arguments.size(), 1u);
  const Operator* toPadded = reg.find("aten::_jagged_to_padded_dense_forward");
  ASSERT_NE(toPadded, nullptr);
  auto pv = toPadded->schema.argumentIndex("padding_value");
  ASSERT_TRUE(pv.has_value());
  EXPECT_EQ(*pv, 3u);
  EXPECT_DOUBLE_EQ(toPadded->schema.arguments[*pv].defaultValue->toDouble(), 0.0);
  const Operator* toJagged = reg.find("aten::_padded_dense_to_jagged_forward");
  ASSERT_NE(toJagged, nullptr);
  EXPECT_TRUE(toJagged->schema.argumentIndex("total_L").has_value());
  // 2.x-only _foreach, backend-only and out= forms stay out of the 2.x table.
  for (const char* name : {"aten::_foreach_max", "aten::_foreach_powsum.Scalar", "aten::linalg_matrix_sqrth.out",
                           "aten::_scaled_dot_product_attention_math_for_mps"}) {
    EXPECT_EQ(reg.find(name), nullptr) << name;
  }
}

TEST(Schemas2x, PadSequenceHasPaddingSide) {
  const Operator* op = OperatorRegistry::global().find("aten::pad_sequence");
  ASSERT_NE(op, nullptr);
  auto i = op->schema.argumentIndex("padding_side");
  ASSERT_TRUE(i.has_value()) << op->schema.str();
  EXPECT_EQ(*i, 3u);
  EXPECT_EQ(op->schema.arguments[*i].defaultValue->toStringRef(), "right");
}

TEST(Schemas2x, NewOverloadsComeAfterThe1_13Ones) {
  // aten::all: 1.13's overloads first (PyTorch's order), then 2.x's all.dims.
  const auto& ops = OperatorRegistry::global().lookup(Symbol::aten("all"));
  ASSERT_FALSE(ops.empty());
  std::set<std::string> names113;
  for (const char* text : schemaTable113()) names113.insert(operatorNameOf(text));
  bool seen2x = false;
  for (const Operator* op : ops) {
    bool is113 = names113.count(op->schema.operatorName()) > 0;
    if (!is113) seen2x = true;
    EXPECT_FALSE(seen2x && is113) << op->schema.operatorName() << " after a 2.x overload";
  }
  EXPECT_TRUE(seen2x);
}

}  // namespace
}  // namespace sconce
