// The verifier: it accepts every graph PyTorch produced and catches each broken
// invariant with a message that names the value and prints the node.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ir/ir_parser.h"
#include "ir/verifier.h"

namespace sconce {
namespace {

std::string joined(const std::vector<std::string>& errors) {
  std::string s;
  for (const auto& e : errors) s += e + "\n";
  return s;
}

void expectError(const Graph& g, const std::string& fragment) {
  auto errors = verify(g);
  EXPECT_NE(joined(errors).find(fragment), std::string::npos)
      << "wanted: " << fragment << "\ngot:\n" << joined(errors);
}

TEST(Verifier, AcceptsPyTorchGraphs) {
  auto dir = std::filesystem::path(SCONCE_SOURCE_DIR) / "tests/unit/ir/data";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto g = parseIR(ss.str());
    EXPECT_EQ(joined(verify(*g)), "") << entry.path().filename();
  }
}

TEST(Verifier, UseBeforeDefinition) {
  auto g = parseIR(
      "graph(%x : Tensor):\n"
      "  %a : Tensor = aten::neg(%x)\n"
      "  %b : Tensor = aten::neg(%a)\n"
      "  return (%b)\n");
  Node* a = g->findValue("a")->node();
  a->moveAfter(g->findValue("b")->node());
  expectError(*g, "%a is used by `%b : Tensor = aten::neg(%a)` before it is defined");
  EXPECT_THROW(verifyOrThrow(*g, "after pass 'test'"), InternalError);
  try {
    verifyOrThrow(*g, "after pass 'test'");
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("IR verification failed after pass 'test':"), std::string::npos);
  }
}

TEST(Verifier, ValueUsedOutsideItsBlock) {
  auto g = parseIR(
      "graph(%c : bool, %x : Tensor):\n"
      "  %r : Tensor = prim::If(%c)\n"
      "    block0():\n"
      "      %inner : Tensor = aten::neg(%x)\n"
      "      -> (%inner)\n"
      "    block1():\n"
      "      -> (%x)\n"
      "  return (%r)\n");
  Node* user = g->create(Symbol::aten("relu"), {g->findValue("inner")});
  g->insertNode(user);
  expectError(*g, "%inner is used by `%4 : Tensor = aten::relu(%inner)` outside the block that defines it");
  user->destroy();
  g->returnNode()->replaceInput(0, g->findValue("inner"));
  expectError(*g, "%inner is used by the block's return outside the block that defines it");
}

TEST(Verifier, IfArity) {
  auto g = parseIR(
      "graph(%c : bool, %x : Tensor):\n"
      "  %r : Tensor = prim::If(%c)\n"
      "    block0():\n"
      "      -> (%x)\n"
      "    block1():\n"
      "      -> (%x, %x)\n"
      "  return (%r)\n");
  expectError(*g, "block1 of `%r : Tensor = prim::If(%c)` returns 2 value(s) but the node has 1 output(s)");
  Node* ifNode = g->findValue("r")->node();
  ifNode->eraseBlock(1);
  expectError(*g, "has 1 input(s) and 1 block(s); prim::If takes 1 condition and 2 blocks");
}

TEST(Verifier, IfTypes) {
  auto g = parseIR(
      "graph(%c : int, %x : Tensor, %s : str):\n"
      "  %r : Tensor = prim::If(%c)\n"
      "    block0():\n"
      "      -> (%x)\n"
      "    block1():\n"
      "      -> (%s)\n"
      "  return (%r)\n");
  expectError(*g, "condition %c of `%r : Tensor = prim::If(%c)` has type int, expected bool");
  expectError(*g, "yielded value %s has type str, not a subtype of Tensor");
}

TEST(Verifier, LoopArity) {
  auto g = parseIR(
      "graph(%n : int, %x : Tensor):\n"
      "  %t : bool = prim::Constant[value=1]()\n"
      "  %y : Tensor = prim::Loop(%n, %t, %x)\n"
      "    block0(%i : int):\n"
      "      -> (%t)\n"
      "  return (%y)\n");
  expectError(*g, "has 1 parameter(s), expected 1 + 1 carried");
  expectError(*g, "returns 1 value(s), expected 1 + 1 carried");
  auto h = parseIR(
      "graph(%n : int):\n"
      "  %t : bool = prim::Constant[value=1]()\n"
      "   = prim::Loop(%n)\n"
      "    block0(%i : int):\n"
      "      -> (%t)\n"
      "  return ()\n");
  expectError(*h, "prim::Loop takes (max_trip_count, cond, carried...) and 1 block");
}

TEST(Verifier, LoopTypes) {
  auto g = parseIR(
      "graph(%n : float, %x : Tensor):\n"
      "  %t : bool = prim::Constant[value=1]()\n"
      "  %y : Tensor = prim::Loop(%n, %t, %x)\n"
      "    block0(%i : int, %acc : Tensor):\n"
      "      -> (%i, %acc)\n"
      "  return (%y)\n");
  expectError(*g, "max trip count %n");
  expectError(*g, "loop condition %i");
}

TEST(Verifier, NodesLeftOutsideBlocks) {
  auto g = parseIR(
      "graph(%x : Tensor):\n"
      "  %a : Tensor = aten::neg(%x)\n"
      "  return (%x)\n");
  g->create(Symbol::aten("orphan"), {g->inputs()[0]});
  expectError(*g, "1 node(s) are not in any block");
  expectError(*g, "%x is used by `%2 : Tensor = aten::orphan(%x)`, which is not in any block");
  auto h = parseIR(
      "graph(%x : Tensor):\n"
      "  %a : Tensor = aten::neg(%x)\n"
      "  return (%x)\n");
  h->findValue("a")->node()->removeFromList();
  expectError(*h, "1 node(s) are not in any block");
  expectError(*h, "1 value(s) belong to nodes that are not in any block");
}

TEST(Verifier, ConstantShape) {
  auto g = parseIR(
      "graph(%x : Tensor):\n"
      "  %a : Tensor = prim::Constant(%x)\n"
      "  return (%a)\n");
  expectError(*g, "must have no inputs, one output and no blocks");
}

}  // namespace
}  // namespace sconce
