// Dead code elimination: IR text in, IR text out. Unused pure nodes go (chains too, inside
// blocks too); nodes with effects stay: raise, print, attribute writes, calls, in-place
// ops, list mutation, random draws, and If/Loop nodes containing any of those.
#include <gtest/gtest.h>

#include "ir/ir_parser.h"
#include "ir/printer.h"
#include "passes/dead_code_elimination.h"

namespace sconce {
namespace {

std::string dce(const std::string& text) {
  auto g = parseIR(text);
  passes::eliminateDeadCode(*g);
  return printGraph(*g);
}

TEST(DeadCodeElimination, RemovesUnusedPureChains) {
  EXPECT_EQ(dce(R"IR(
graph(%x : Tensor, %w : Tensor):
  %1 : int = prim::Constant[value=1]()
  %e : Tensor = aten::embedding(%w, %x, %1, %1, %1)
  %t : Tensor = aten::t(%e)
  %y : Tensor = aten::relu(%x)
  return (%y)
)IR"),
            "graph(%x : Tensor,\n      %w : Tensor):\n"
            "  %y : Tensor = aten::relu(%x)\n"
            "  return (%y)\n");
}

TEST(DeadCodeElimination, KeepsEffects) {
  const std::string text = R"IR(
graph(%x : Tensor, %l : int[], %s : str):
  %1 : int = prim::Constant[value=1]()
  %a : Tensor = aten::add_(%x, %x, %1)
  %b : int[] = aten::append(%l, %1)
  %r : Tensor = aten::rand_like(%x, %1, %1, %1, %1, %1)
   = prim::Print(%s)
   = prim::RaiseException(%s)
  return (%1)
)IR";
  std::string out = dce(text);
  for (const char* kept : {"aten::add_", "aten::append", "aten::rand_like", "prim::Print", "prim::RaiseException"})
    EXPECT_NE(out.find(kept), std::string::npos) << kept << " was removed:\n" << out;
}

TEST(DeadCodeElimination, BlocksWithAndWithoutEffects) {
  std::string out = dce(R"IR(
graph(%c : bool, %x : Tensor, %s : str):
  %p : Tensor = prim::If(%c)
    block0():
      %y : Tensor = aten::neg(%x)
      -> (%y)
    block1():
      -> (%x)
  %q : Tensor = prim::If(%c)
    block0():
       = prim::Print(%s)
      %dead : Tensor = aten::exp(%x)
      -> (%x)
    block1():
      -> (%x)
  return (%x)
)IR");
  EXPECT_EQ(out.find("aten::neg"), std::string::npos) << out;  // the pure If went
  EXPECT_NE(out.find("prim::Print"), std::string::npos) << out;  // the effectful one stayed
  EXPECT_EQ(out.find("aten::exp"), std::string::npos) << out;   // its dead node did not
}

TEST(DeadCodeElimination, ReportsWhetherItChangedAnything) {
  auto g = parseIR("graph(%x : Tensor):\n  %y : Tensor = aten::relu(%x)\n  return (%y)\n");
  EXPECT_FALSE(passes::eliminateDeadCode(*g));
  auto h = parseIR("graph(%x : Tensor):\n  %y : Tensor = aten::relu(%x)\n  return (%x)\n");
  EXPECT_TRUE(passes::eliminateDeadCode(*h));
}

}  // namespace
}  // namespace sconce
