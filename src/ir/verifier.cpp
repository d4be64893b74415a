// The IR verifier: one walk over the blocks with a stack of visible-value scopes.
#include "ir/verifier.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "ir/printer.h"

namespace sconce {
namespace {

class Verifier {
 public:
  explicit Verifier(const Graph& g) : g_(g) {}

  std::vector<std::string> run() {
    block(g_.block(), nullptr);
    // Param and return nodes count as nodes; a node or value that the walk never
    // reached was created (or unlinked) and never inserted or destroyed.
    if (nodesSeen_ != g_.numNodes())
      report("{} node(s) are not in any block (created or removed from a block but never "
             "inserted or destroyed)", g_.numNodes() - std::min(nodesSeen_, g_.numNodes()));
    if (valuesSeen_ != g_.numValues())
      report("{} value(s) belong to nodes that are not in any block",
             g_.numValues() - std::min(valuesSeen_, g_.numValues()));
    return std::move(errors_);
  }

 private:
  template <class... Args>
  void report(fmt::format_string<Args...> f, Args&&... args) {
    errors_.push_back(fmt::format(f, std::forward<Args>(args)...));
  }

  static std::string describe(const Node* n) {
    if (n->kind() == prim::Return) return "the block's return";
    std::string s = printNode(*n);
    return "`" + s.substr(0, s.find('\n')) + "`";
  }

  static std::string name(const Value* v) { return "%" + v->debugName(); }

  bool visible(const Value* v) const {
    return std::any_of(scopes_.begin(), scopes_.end(), [&](const auto& s) { return s.count(v) != 0; });
  }

  void define(const Value* v, const Node* n, size_t offset) {
    ++valuesSeen_;
    if (!g_.owns(v)) {
      report("output {} of {} is not a live value of this graph", offset, describe(n));
      return;
    }
    if (v->node() != n || v->offset() != offset)
      report("{} is output {} of {} but records node {} offset {}", name(v), offset,
             describe(n), v->node() == n ? "itself" : "another", v->offset());
    if (!v->type()) report("{} has no type", name(v));
    for (const Use& u : v->uses()) {
      if (!g_.owns(u.user)) {
        report("{} has a use by a destroyed node", name(v));
      } else if (u.offset >= u.user->inputs().size() || u.user->inputs()[u.offset] != v) {
        report("use list of {} names input {} of {}, which is not {}", name(v), u.offset,
               describe(u.user), name(v));
      } else if (!u.user->owningBlock()) {
        report("{} is used by {}, which is not in any block", name(v), describe(u.user));
      }
    }
    scopes_.back().insert(v);
  }

  void useInputs(const Node* n) {
    for (size_t i = 0; i < n->inputs().size(); ++i) {
      const Value* v = n->inputs()[i];
      if (!v || !g_.owns(v)) {
        report("input {} of {} is a destroyed value", i, describe(n));
        continue;
      }
      if (std::count(v->uses().begin(), v->uses().end(), Use{const_cast<Node*>(n), i}) != 1)
        report("use list of {} does not record exactly once its use as input {} of {}", name(v),
               i, describe(n));
      if (visible(v)) continue;
      const Block* defBlock = v->node()->owningBlock();
      bool enclosing = false;
      for (const Block* b = n->owningBlock(); b; b = b->owningNode() ? b->owningNode()->owningBlock() : nullptr)
        enclosing |= b == defBlock;
      if (enclosing) {
        report("{} is used by {} before it is defined", name(v), describe(n));
      } else {
        report("{} is used by {} outside the block that defines it", name(v), describe(n));
      }
    }
  }

  void block(const Block* b, const Node* owner) {
    if (b->owningGraph() != &g_ || b->owningNode() != owner)
      report("a block of {} has the wrong owning graph or node", owner ? describe(owner) : "the graph");
    scopes_.emplace_back();
    const Node* param = b->paramNode();
    ++nodesSeen_;
    if (param->kind() != prim::Param || param->owningBlock() != b || !param->inputs().empty())
      report("malformed param node in a block of {}", owner ? describe(owner) : "the graph");
    for (size_t i = 0; i < param->outputs().size(); ++i) define(param->outputs()[i], param, i);
    const Node* prev = b->returnNode();
    for (const Node* n : b->nodes()) {
      ++nodesSeen_;
      if (n->prev() != prev || n->owningBlock() != b || n->owningGraph() != &g_)
        report("broken list links or owner pointers at {}", describe(n));
      if (n->kind() == prim::Param || n->kind() == prim::Return)
        report("{} appears in a block's node list", n->kind().toQualString());
      prev = n;
      useInputs(n);
      checkArity(n);
      for (const Block* inner : n->blocks()) block(inner, n);
      for (size_t i = 0; i < n->outputs().size(); ++i) define(n->outputs()[i], n, i);
    }
    const Node* ret = b->returnNode();
    ++nodesSeen_;
    if (ret->kind() != prim::Return || ret->owningBlock() != b || !ret->outputs().empty() ||
        ret->prev() != prev)
      report("malformed return node in a block of {}", owner ? describe(owner) : "the graph");
    useInputs(ret);
    scopes_.pop_back();
  }

  void expectSubtype(const Value* v, const Value* target, const Node* n, std::string_view what) {
    if (v && target && v->type() && target->type() && !v->type()->isSubtypeOf(*target->type()))
      report("{} {} has type {}, not a subtype of {} (output {} of {})", what, name(v),
             irTypeStr(*v->type()), irTypeStr(*target->type()), name(target), describe(n));
  }

  void expectType(const Value* v, const TypePtr& t, const Node* n, std::string_view what) {
    if (v && v->type() && !v->type()->isSubtypeOf(*t))
      report("{} {} of {} has type {}, expected {}", what, name(v), describe(n),
             irTypeStr(*v->type()), t->str());
  }

  void checkArity(const Node* n) {
    const auto& in = n->inputs();
    const auto& out = n->outputs();
    const auto& blocks = n->blocks();
    if (n->kind() == prim::Constant) {
      if (!in.empty() || out.size() != 1 || !blocks.empty())
        report("{} must have no inputs, one output and no blocks", describe(n));
    } else if (n->kind() == prim::If) {
      if (in.size() != 1 || blocks.size() != 2) {
        report("{} has {} input(s) and {} block(s); prim::If takes 1 condition and 2 blocks",
               describe(n), in.size(), blocks.size());
        return;
      }
      expectType(in[0], BoolType::get(), n, "condition");
      for (size_t k = 0; k < 2; ++k) {
        const Block* b = blocks[k];
        if (!b->inputs().empty()) report("block{} of {} must take no parameters", k, describe(n));
        if (b->outputs().size() != out.size()) {
          report("block{} of {} returns {} value(s) but the node has {} output(s)", k,
                 describe(n), b->outputs().size(), out.size());
          continue;
        }
        for (size_t i = 0; i < out.size(); ++i) expectSubtype(b->outputs()[i], out[i], n, "yielded value");
      }
    } else if (n->kind() == prim::Loop) {
      if (in.size() < 2 || blocks.size() != 1) {
        report("{} has {} input(s) and {} block(s); prim::Loop takes (max_trip_count, cond, "
               "carried...) and 1 block", describe(n), in.size(), blocks.size());
        return;
      }
      size_t carried = in.size() - 2;
      const Block* body = blocks[0];
      expectType(in[0], IntType::get(), n, "max trip count");
      expectType(in[1], BoolType::get(), n, "initial condition");
      if (out.size() != carried)
        report("{} carries {} value(s) but has {} output(s)", describe(n), carried, out.size());
      if (body->inputs().size() != 1 + carried)
        report("the body of {} has {} parameter(s), expected 1 + {} carried", describe(n),
               body->inputs().size(), carried);
      if (body->outputs().size() != 1 + carried) {
        report("the body of {} returns {} value(s), expected 1 + {} carried", describe(n),
               body->outputs().size(), carried);
      } else {
        expectType(body->outputs()[0], BoolType::get(), n, "loop condition");
        for (size_t i = 0; i < std::min(carried, out.size()); ++i)
          expectSubtype(body->outputs()[1 + i], out[i], n, "carried value");
      }
      for (size_t i = 0; i < std::min(carried, out.size()); ++i)
        expectSubtype(in[2 + i], out[i], n, "initial carried value");
    }
  }

  const Graph& g_;
  std::vector<std::unordered_set<const Value*>> scopes_;
  std::vector<std::string> errors_;
  size_t nodesSeen_ = 0;
  size_t valuesSeen_ = 0;
};

}  // namespace

std::vector<std::string> verify(const Graph& g) { return Verifier(g).run(); }

void verifyOrThrow(const Graph& g, std::string_view context) {
  auto errors = verify(g);
  if (errors.empty()) return;
  std::string msg = context.empty() ? "IR verification failed:" : fmt::format("IR verification failed {}:", context);
  for (const auto& e : errors) msg += "\n  " + e;
  throw InternalError(msg + "\nin graph:\n" + g.str());
}

}  // namespace sconce
