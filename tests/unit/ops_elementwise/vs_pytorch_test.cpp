// Elementwise, reduction and scan kernels checked case by case against real PyTorch.
//
// Each test generates one group of cases with make_cases.py (/usr/bin/python3 and
// PyTorch) and runs every case through the op table; failures list the case, the op and
// the first differing values.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "case_harness.h"

namespace sconce::testing {
namespace {

void expectGroupPasses(const std::string& group) {
  int passed = 0;
  const std::vector<std::string> failures = runGroup(group, &passed);
  for (size_t i = 0; i < failures.size() && i < 60; ++i) ADD_FAILURE() << failures[i];
  std::printf("%s: %d cases passed, %zu failed\n", group.c_str(), passed, failures.size());
  EXPECT_TRUE(failures.empty()) << failures.size() << " failing cases in group " << group;
  EXPECT_GT(passed, 0);
}

TEST(VsPyTorch, Promotion) { expectGroupPasses("promotion"); }
TEST(VsPyTorch, Unary) { expectGroupPasses("unary"); }
TEST(VsPyTorch, Binary) { expectGroupPasses("binary"); }
TEST(VsPyTorch, Ternary) { expectGroupPasses("ternary"); }
TEST(VsPyTorch, Copy) { expectGroupPasses("copy"); }
TEST(VsPyTorch, Reduce) { expectGroupPasses("reduce"); }
TEST(VsPyTorch, Scan) { expectGroupPasses("scan"); }

}  // namespace
}  // namespace sconce::testing
