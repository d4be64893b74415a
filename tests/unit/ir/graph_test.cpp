// Symbols and the Graph/Block/Node/Value API: naming, use lists, mutation, ordering,
// cloning and constants.
#include <gtest/gtest.h>

#include <thread>

#include "ir/graph.h"
#include "ir/ir_parser.h"
#include "ir/verifier.h"

namespace sconce {
namespace {

TEST(Symbol, InternsAndSplits) {
  Symbol add = Symbol::fromQualString("aten::add");
  EXPECT_EQ(add, Symbol::aten("add"));
  EXPECT_NE(add, Symbol::aten("sub"));
  EXPECT_EQ(add.toQualString(), "aten::add");
  EXPECT_EQ(add.toUnqualString(), "add");
  EXPECT_EQ(add.ns(), "aten");
  EXPECT_TRUE(add.isAten());
  EXPECT_EQ(Symbol::prim("If"), prim::If);
  EXPECT_EQ(prim::Constant.toQualString(), "prim::Constant");
  EXPECT_EQ(attr::value.toQualString(), "attr::value");
  EXPECT_EQ(aten::wait.toQualString(), "aten::wait");
  EXPECT_EQ(Symbol().toQualString(), "");
  EXPECT_THROW(Symbol::fromQualString("add"), ValueError);
  switch (Symbol::prim("Loop")) {
    case prim::Loop: break;
    default: FAIL() << "switch on a Symbol";
  }
}

TEST(Symbol, InterningIsThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<std::vector<Symbol>> seen(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([t, &seen] {
      for (int i = 0; i < 500; ++i) seen[t].push_back(Symbol::aten("threaded_" + std::to_string(i)));
    });
  for (auto& th : threads) th.join();
  for (int t = 1; t < 8; ++t) EXPECT_EQ(seen[t], seen[0]);
  EXPECT_EQ(seen[3][42].toQualString(), "aten::threaded_42");
}

TEST(Value, DebugNamesAreUniquedLikePyTorch) {
  Graph g;
  Value* a = g.addInput("x");
  Value* b = g.addInput();
  Value* c = g.addInput();
  Value* d = g.addInput();
  b->setDebugName("x");
  EXPECT_EQ(a->debugName(), "x.1");
  EXPECT_EQ(b->debugName(), "x");
  c->setDebugName("x");
  EXPECT_EQ(b->debugName(), "x.3");
  EXPECT_EQ(c->debugName(), "x");
  d->setDebugName("x.1");
  EXPECT_EQ(a->debugName(), "x.5");
  EXPECT_EQ(d->debugName(), "x.1");
  EXPECT_EQ(d->debugNameBase(), "x");
  EXPECT_EQ(g.findValue("x.5"), a);
  EXPECT_THROW(d->setDebugName("12"), ValueError);
  d->setDebugName("");
  EXPECT_EQ(d->debugName(), std::to_string(d->unique()));
  EXPECT_EQ(g.findValue("x.1"), nullptr);
}

TEST(Node, InputsAndUsesStayConsistent) {
  Graph g;
  Value* x = g.addInput("x");
  Value* y = g.addInput("y");
  Node* n = g.insertNode(g.create(Symbol::aten("f"), {x, y, x}));
  EXPECT_EQ(x->uses().size(), 2u);
  n->removeInput(0);  // (y, x)
  EXPECT_EQ(x->uses(), (std::vector<Use>{{n, 1}}));
  EXPECT_EQ(y->uses(), (std::vector<Use>{{n, 0}}));
  n->insertInput(0, x);  // (x, y, x)
  EXPECT_EQ(y->uses(), (std::vector<Use>{{n, 1}}));
  EXPECT_EQ(n->replaceInput(1, x), y);
  EXPECT_FALSE(y->hasUses());
  EXPECT_EQ(x->uses().size(), 3u);
  n->replaceInputWith(x, y);
  EXPECT_FALSE(x->hasUses());
  EXPECT_EQ(y->uses().size(), 3u);
  y->replaceAllUsesWith(x);
  EXPECT_EQ(n->inputs(), (std::vector<Value*>{x, x, x}));
  n->removeAllInputs();
  EXPECT_FALSE(x->hasUses());
  EXPECT_TRUE(verify(g).empty());
}

TEST(Node, OutputsAndDestroy) {
  Graph g;
  Value* x = g.addInput("x");
  Node* n = g.insertNode(g.create(Symbol::aten("f"), {x}, 3));
  n->output(1)->setDebugName("mid");
  n->eraseOutput(0);
  EXPECT_EQ(n->output(0)->debugName(), "mid");
  EXPECT_EQ(n->output(0)->offset(), 0u);
  Value* fresh = n->insertOutput(0);
  EXPECT_EQ(n->output(1)->offset(), 1u);
  Node* user = g.insertNode(g.create(Symbol::aten("g"), {fresh}));
  EXPECT_THROW(n->destroy(), InternalError);  // `fresh` is still used
  user->destroy();
  size_t nodes = g.numNodes();
  n->destroy();
  EXPECT_EQ(g.numNodes(), nodes - 1);
  EXPECT_FALSE(x->hasUses());
  EXPECT_EQ(g.findValue("mid"), nullptr);
  EXPECT_TRUE(verify(g).empty());
}

TEST(Node, OrderingAcrossBlocksAndMoves) {
  auto g = parseIR(
      "graph(%c : bool, %x : Tensor):\n"
      "  %a : Tensor = aten::neg(%x)\n"
      "  %r : Tensor = prim::If(%c)\n"
      "    block0():\n"
      "      %b : Tensor = aten::neg(%a)\n"
      "      -> (%b)\n"
      "    block1():\n"
      "      -> (%a)\n"
      "  %d : Tensor = aten::relu(%r)\n"
      "  return (%d)\n");
  Node* a = g->findValue("a")->node();
  Node* b = g->findValue("b")->node();
  Node* ifNode = g->findValue("r")->node();
  Node* d = g->findValue("d")->node();
  EXPECT_TRUE(a->isBefore(b));
  EXPECT_TRUE(b->isBefore(d));
  EXPECT_TRUE(d->isAfter(b));
  EXPECT_FALSE(b->isBefore(ifNode));  // nested: neither before nor after its owner
  EXPECT_TRUE(b->isNestedIn(ifNode));
  EXPECT_FALSE(a->isNestedIn(ifNode));
  d->moveBefore(a);
  EXPECT_TRUE(d->isBefore(a));
  d->moveAfter(ifNode);
  EXPECT_TRUE(verify(*g).empty());
  // Repeated insertion at one spot exhausts the midpoints and forces renumbering.
  for (int i = 0; i < 100; ++i) g->create(Symbol::aten("noop"), 0)->insertAfter(a);
  Node* prev = nullptr;
  for (Node* n : g->nodes()) {
    if (prev) {
      EXPECT_TRUE(prev->isBefore(n));
    }
    prev = n;
  }
  for (Node* n : g->nodes())
    if (n->kind() == Symbol::aten("noop")) n->destroy();  // destroying while iterating
  EXPECT_TRUE(verify(*g).empty());
  EXPECT_EQ(g->str().find("noop"), std::string::npos);
}

TEST(Graph, InsertPointsAndConstants) {
  Graph g;
  Value* x = g.addInput("x");
  Node* last = g.insertNode(g.create(Symbol::aten("last"), {x}));
  {
    WithInsertPoint guard(last);
    Value* one = g.insertConstant(IValue(int64_t{1}));
    EXPECT_TRUE(one->node()->isBefore(last));
    EXPECT_EQ(g.insertPoint(), last);
  }
  EXPECT_EQ(g.insertPoint(), g.returnNode());
  Value* b = g.insertConstant(IValue(true));
  Value* s = g.insertConstant(IValue("hi"));
  Value* dev = g.insertConstant(IValue(Device(DeviceType::CUDA, 0)));
  Value* none = g.insertConstant(IValue());
  Value* lst = g.insertConstant(IValue(ListObj::create(FloatType::get(), {IValue(1.0), IValue(2.5)})));
  Value* tup = g.insertConstant(IValue(TupleObj::create({IValue(int64_t{1}), IValue("a")})));
  EXPECT_EQ(b->type()->kind(), TypeKind::Bool);
  EXPECT_EQ(b->node()->kindOf(attr::value), AttributeKind::i);
  EXPECT_TRUE(toIValue(b)->toBool());
  EXPECT_EQ(toIValue(s)->toStringRef(), "hi");
  EXPECT_EQ(toIValue(dev)->toDevice(), Device(DeviceType::CUDA, 0));
  EXPECT_TRUE(toIValue(none)->isNone());
  EXPECT_EQ(lst->type()->str(), "float[]");
  EXPECT_EQ(tup->type()->str(), "(int, str)");
  EXPECT_FALSE(toIValue(x).has_value());
  Value* out = g.insert(Symbol::aten("mul"), {x, lst}, TensorType::get());
  g.registerOutput(out);
  EXPECT_EQ(g.str(),
            "graph(%x : Tensor):\n"
            "  %2 : int = prim::Constant[value=1]()\n"
            "  %1 : Tensor = aten::last(%x)\n"
            "  %3 : bool = prim::Constant[value=1]()\n"
            "  %4 : str = prim::Constant[value=\"hi\"]()\n"
            "  %5 : Device = prim::Constant[value=\"cuda:0\"]()\n"
            "  %6 : NoneType = prim::Constant()\n"
            "  %7 : float[] = prim::Constant[value=[1., 2.5]]()\n"
            "  %8 : (int, str) = prim::Constant[value=(1, \"a\")]()\n"
            "  %9 : Tensor = aten::mul(%x, %7)\n"
            "  return (%9)\n");
}

TEST(Graph, CopyAndCloneAreIndependent) {
  auto g = parseIR(
      "graph(%x : Tensor, %n : int):\n"
      "  %t : bool = prim::Constant[value=1]()\n"
      "  %y : Tensor = prim::Loop(%n, %t, %x)\n"
      "    block0(%i : int, %acc : Tensor):\n"
      "      %next : Tensor = aten::add(%acc, %x, %i)\n"
      "      -> (%t, %next)\n"
      "  return (%y)\n");
  auto copy = g->copy();
  EXPECT_EQ(copy->str(), g->str());
  copy->findValue("y")->setDebugName("renamed");
  EXPECT_NE(copy->str(), g->str());
  EXPECT_TRUE(verify(*copy).empty());
  // Cloning inside one graph: the clone takes the names, the originals get `.N`.
  Node* loop = g->findValue("y")->node();
  Node* clone = g->createClone(loop, [](Value* v) { return v; });
  clone->insertAfter(loop);
  EXPECT_EQ(clone->output()->debugName(), "y");
  EXPECT_EQ(loop->output()->debugName(), "y.1");
  EXPECT_EQ(clone->blocks()[0]->nodes().front()->inputs()[0], clone->blocks()[0]->inputs()[1]);
  EXPECT_TRUE(verify(*g).empty()) << verify(*g)[0];
  Node* user = g->create(Symbol::aten("use"), {loop->output(), clone->output()});
  user->insertAfter(clone);
  g->findValue("y.1")->replaceAllUsesAfterNodeWith(clone, clone->output());
  EXPECT_EQ(user->input(0), clone->output());
  EXPECT_EQ(g->outputs()[0], clone->output());  // the return node counts as after, too
}

TEST(Node, Attributes) {
  Graph g;
  Node* n = g.create(Symbol::aten("f"), 0);
  n->i_(Symbol::attr("a"), 3)->s_(Symbol::attr("b"), "x")->is_(Symbol::attr("c"), {1, 2});
  n->i_(Symbol::attr("a"), 4);
  EXPECT_EQ(n->numAttributes(), 3u);
  EXPECT_EQ(n->i(Symbol::attr("a")), 4);
  EXPECT_EQ(n->kindOf(Symbol::attr("c")), AttributeKind::is);
  EXPECT_THROW(n->f(Symbol::attr("a")), InternalError);
  EXPECT_THROW(n->s(Symbol::attr("zz")), InternalError);
  n->removeAttribute(Symbol::attr("b"));
  EXPECT_EQ(n->attributeNames(), (std::vector<Symbol>{Symbol::attr("a"), Symbol::attr("c")}));
  Node* m = g.create(Symbol::aten("f"), 0)->copyAttributes(*n);
  EXPECT_EQ(m->is(Symbol::attr("c")), (std::vector<int64_t>{1, 2}));
  g.insertNode(n);
  g.insertNode(m);
  EXPECT_NE(g.str().find("aten::f[a=4, c=[1, 2]]()"), std::string::npos) << g.str();
}

}  // namespace
}  // namespace sconce
