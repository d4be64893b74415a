// The TorchScript IR: Graph, Block, Node, Value and Use, as PyTorch defines them.
//
// A Graph owns every Node, Value and Block in it; the rest are non-owning handles that
// stay valid until the object is destroyed through the Graph (Node::destroy,
// Node::eraseOutput, Block::eraseInput, ...). A Block is an ordered list of Nodes
// framed by a param node (whose outputs are the block's inputs) and a return node
// (whose inputs are its outputs); control-flow nodes (prim::If, prim::Loop) own
// Blocks. Values are SSA: each is the output of exactly one node, and keeps the list
// of its uses so rewrites are O(uses) (`replaceAllUsesWith`).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/attributes.h"
#include "ir/ivalue.h"
#include "ir/symbol.h"
#include "ir/types.h"
#include "support/source_range.h"

namespace sconce {

class Block;
class Graph;
class Node;
class Value;

/// One use of a Value: `user->inputs()[offset]` is the value.
struct Use {
  Node* user;
  size_t offset;
  bool operator==(const Use&) const = default;
};

/// An SSA value: output `offset()` of `node()`. Owned by its Graph; destroyed with its
/// node (or by Node::eraseOutput / Block::eraseInput, which require it to be unused).
class Value {
 public:
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  const TypePtr& type() const { return type_; }
  Value* setType(TypePtr type);
  Node* node() { return node_; }
  const Node* node() const { return node_; }
  size_t offset() const { return offset_; }
  /// A graph-unique number (printed as `%N` when the value has no debug name).
  size_t unique() const { return unique_; }
  Graph* owningGraph() const;

  bool hasDebugName() const { return !name_.empty(); }
  /// `x.1`, or the unique number for unnamed values.
  std::string debugName() const;
  /// The name without a trailing `.N` suffix (`x` for `x.1`).
  std::string debugNameBase() const;
  /// Names the value, PyTorch style: if another value of the graph already has
  /// `name`, that one is renamed to `base.N` with the next free N. "" clears the name.
  /// Throws ValueError for purely numeric names (they would clash with uniques).
  Value* setDebugName(std::string_view name);
  static bool isValidName(std::string_view name);

  const std::vector<Use>& uses() const { return uses_; }
  bool hasUses() const { return !uses_.empty(); }
  /// Redirects the first use to `v` (same graph).
  void replaceFirstUseWith(Value* v);
  /// Redirects every use to `v`; afterwards this value has no uses.
  void replaceAllUsesWith(Value* v);
  /// Redirects the uses by nodes after `node` (in program order) to `v`.
  void replaceAllUsesAfterNodeWith(const Node* node, Value* v);
  /// Copies type and debug name from `from`.
  Value* copyMetadata(const Value* from);

 private:
  friend class Node;
  friend class Graph;
  friend class Block;
  friend class IrParser;
  Value(Node* node, size_t offset, size_t unique) : node_(node), offset_(offset), unique_(unique) {}

  Node* node_;
  size_t offset_;
  size_t unique_;
  std::string name_;
  TypePtr type_;
  std::vector<Use> uses_;
};

/// A range over a block's nodes in program order (or reverse). The iterator reads the
/// next node before the current one is handed out, so `for (Node* n : b->nodes())
/// n->destroy();` and moving the current node elsewhere are safe.
class NodeList {
 public:
  class Iterator {
   public:
    Iterator(Node* cur, bool reverse);
    Node* operator*() const { return cur_; }
    Iterator& operator++();
    bool operator==(const Iterator& o) const { return cur_ == o.cur_; }

   private:
    Node* cur_;
    Node* next_;  // read ahead so the current node may be destroyed or moved
    bool reverse_;
  };
  NodeList(Node* sentinel, bool reverse) : sentinel_(sentinel), reverse_(reverse) {}
  Iterator begin() const;
  Iterator end() const { return Iterator(sentinel_, reverse_); }
  NodeList reverse() const { return NodeList(sentinel_, !reverse_); }
  /// The first / last node; the block's return node when the list is empty.
  Node* front() const { return *begin(); }
  Node* back() const { return *reverse().begin(); }
  bool empty() const { return begin() == end(); }

 private:
  Node* sentinel_;  // the block's return node
  bool reverse_;
};

/// An operation: kind, input values, output values, attributes, nested blocks.
/// Created by Graph::create*, owned by the Graph, placed in a block with insertBefore /
/// insertAfter / Block::appendNode, and freed by destroy().
class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Symbol kind() const { return kind_; }
  Graph* owningGraph() const { return graph_; }
  /// The block the node is in; null while it is not inserted anywhere.
  Block* owningBlock() const { return block_; }
  /// Whether the node is in a block's node list (param/return nodes are not).
  bool inBlockList() const;
  const SourceRange& sourceRange() const { return range_; }
  Node* setSourceRange(SourceRange r) {
    range_ = std::move(r);
    return this;
  }

  const std::vector<Value*>& inputs() const { return inputs_; }
  const std::vector<Value*>& outputs() const { return outputs_; }
  const std::vector<Block*>& blocks() const { return blocks_; }
  Value* input(size_t i) const { return inputs_.at(i); }
  Value* output(size_t i) const { return outputs_.at(i); }
  /// The single input / output; asserts there is exactly one.
  Value* input() const;
  Value* output() const;
  bool hasUses() const;

  /// Appends an input (recording the use) and returns it.
  Value* addInput(Value* v);
  Value* insertInput(size_t i, Value* v);
  /// Replaces input `i`, returning the old value.
  Value* replaceInput(size_t i, Value* v);
  /// Replaces every occurrence of `from` among the inputs with `to`.
  void replaceInputWith(Value* from, Value* to);
  void removeInput(size_t i);
  void removeAllInputs();

  Value* addOutput();
  Value* insertOutput(size_t i);
  /// Erases output `i`, which must have no uses.
  void eraseOutput(size_t i);

  Block* addBlock();
  void eraseBlock(size_t i);

  /// Neighbours in the block's list; the block's return node marks the end.
  Node* next() const { return next_; }
  Node* prev() const { return prev_; }
  /// Inserts this (uninserted) node before / after `n`, in `n`'s block.
  Node* insertBefore(Node* n);
  Node* insertAfter(Node* n);
  /// Moves this (inserted) node before / after `n`.
  void moveBefore(Node* n);
  void moveAfter(Node* n);
  /// Unlinks the node from its block without destroying it.
  void removeFromList();
  /// Removes the node from its block and frees it, its outputs and its blocks. Its
  /// outputs must have no uses. Invalidates every handle to them.
  void destroy();

  /// Program order between nodes of the same graph (across nested blocks, an inner node
  /// is ordered as the outer node that contains it).
  bool isBefore(const Node* n) const;
  bool isAfter(const Node* n) const;
  /// Whether this node is `n` or nested (at any depth) in one of `n`'s blocks.
  bool isNestedIn(const Node* n) const;

  // Attributes, addressed by `attr::` symbols. Setters replace an existing attribute of
  // the same name; getters throw InternalError when it is absent or of another kind.
  bool hasAttribute(Symbol name) const { return findAttr(name) != nullptr; }
  bool hasAttributes() const { return !attrs_.empty(); }
  size_t numAttributes() const { return attrs_.size(); }
  AttributeKind kindOf(Symbol name) const;
  /// Attributes in insertion order (the order they print in).
  const std::vector<Attribute>& attributes() const { return attrs_; }
  std::vector<Symbol> attributeNames() const;
  Node* setAttribute(Symbol name, Attribute::Value v);
  Node* removeAttribute(Symbol name);
  Node* copyAttributes(const Node& from);

#define SCONCE_NODE_ATTR(method, T)                                        \
  Node* method##_(Symbol name, T v) { return setAttribute(name, std::move(v)); } \
  const T& method(Symbol name) const { return getAttr<T>(name); }
  SCONCE_NODE_ATTR(i, int64_t)
  SCONCE_NODE_ATTR(f, double)
  SCONCE_NODE_ATTR(c, std::complex<double>)
  SCONCE_NODE_ATTR(s, std::string)
  SCONCE_NODE_ATTR(is, std::vector<int64_t>)
  SCONCE_NODE_ATTR(fs, std::vector<double>)
  SCONCE_NODE_ATTR(ss, std::vector<std::string>)
  SCONCE_NODE_ATTR(ival, IValue)
  SCONCE_NODE_ATTR(ty, TypePtr)
  SCONCE_NODE_ATTR(tys, std::vector<TypePtr>)
  SCONCE_NODE_ATTR(g, std::shared_ptr<Graph>)
#undef SCONCE_NODE_ATTR

 private:
  friend class Graph;
  friend class Block;
  friend class Value;
  friend class IrParser;
  Node(Graph* graph, Symbol kind) : kind_(kind), graph_(graph) {}
  ~Node() = default;

  const Attribute* findAttr(Symbol name) const;
  template <class T>
  const T& getAttr(Symbol name) const;
  void dropInputUse(size_t i);
  void linkBefore(Node* n);
  void assignTopoPosition();

  Symbol kind_;
  Graph* graph_;
  Block* block_ = nullptr;
  Node* next_ = nullptr;
  Node* prev_ = nullptr;
  int64_t topo_ = 0;
  std::vector<Value*> inputs_;
  std::vector<Value*> outputs_;
  std::vector<Block*> blocks_;
  std::vector<Attribute> attrs_;
  SourceRange range_;
};

/// A list of nodes with parameters and results: the graph's body or a branch/body of
/// a control-flow node.
class Block {
 public:
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  const std::vector<Value*>& inputs() const { return param_->outputs(); }
  const std::vector<Value*>& outputs() const { return return_->inputs(); }
  NodeList nodes() const { return NodeList(return_, false); }
  Node* paramNode() const { return param_; }
  Node* returnNode() const { return return_; }
  /// The If/Loop/... node owning this block; null for a graph's top block.
  Node* owningNode() const { return owner_; }
  Graph* owningGraph() const { return graph_; }

  Value* addInput(std::string_view name = "");
  Value* insertInput(size_t i, std::string_view name = "");
  /// Erases input `i`, which must have no uses.
  void eraseInput(size_t i);
  size_t registerOutput(Value* v);
  size_t insertOutput(size_t i, Value* v);
  void eraseOutput(size_t i);
  Node* appendNode(Node* n) { return n->insertBefore(return_); }
  Node* prependNode(Node* n);

  /// Appends clones of `src`'s inputs, nodes and outputs to this (empty) block;
  /// `valueMap` maps values defined outside `src` to values visible here.
  void cloneFrom(const Block* src, const std::function<Value*(Value*)>& valueMap);

 private:
  friend class Graph;
  friend class Node;
  Block(Graph* graph, Node* owner);
  ~Block() = default;
  void destroy();
  void reIndexTopology();

  Graph* graph_;
  Node* owner_;
  Node* param_;
  Node* return_;  // also the sentinel of the circular node list
};

/// A function body in SSA form. Owns all its nodes, values and blocks.
class Graph {
 public:
  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  Block* block() const { return block_; }
  const std::vector<Value*>& inputs() const { return block_->inputs(); }
  const std::vector<Value*>& outputs() const { return block_->outputs(); }
  NodeList nodes() const { return block_->nodes(); }
  Node* paramNode() const { return block_->paramNode(); }
  Node* returnNode() const { return block_->returnNode(); }

  Value* addInput(std::string_view name = "") { return block_->addInput(name); }
  Value* insertInput(size_t i, std::string_view name = "") { return block_->insertInput(i, name); }
  void eraseInput(size_t i) { block_->eraseInput(i); }
  size_t registerOutput(Value* v) { return block_->registerOutput(v); }
  void eraseOutput(size_t i) { block_->eraseOutput(i); }

  /// A new node that is not yet in any block, with `numOutputs` untyped outputs.
  Node* create(Symbol kind, size_t numOutputs = 1);
  Node* create(Symbol kind, const std::vector<Value*>& inputs, size_t numOutputs = 1);
  /// A copy of `n` (kind, attributes, source range, output types and names) whose
  /// inputs are `valueMap(input)`; blocks are cloned too when `copyBlocks`.
  Node* createClone(const Node* n, const std::function<Value*(Value*)>& valueMap,
                    bool copyBlocks = true);

  /// Inserts `n` at the insert point (see setInsertPoint) and returns it.
  Node* insertNode(Node* n);
  /// Creates a node with one output of type `type`, inserts it, returns the output.
  Value* insert(Symbol kind, const std::vector<Value*>& inputs, TypePtr type,
                SourceRange range = {});
  /// Inserts a prim::Constant for `v` (None, bool, int, float, complex, str, Device,
  /// Tensor, and lists/tuples/dicts of those) and returns its output.
  Value* insertConstant(const IValue& v, SourceRange range = {});
  /// New nodes go before `n`.
  void setInsertPoint(Node* n);
  /// New nodes go at the end of `b`.
  void setInsertPoint(Block* b) { setInsertPoint(b->returnNode()); }
  Node* insertPoint() const { return insertPoint_; }

  /// A deep copy (fresh nodes and values; attributes holding graphs are shared).
  std::shared_ptr<Graph> copy() const;
  /// The PyTorch text form (see printer.h).
  std::string str(bool printSourceLocations = false) const;

  size_t numNodes() const { return allNodes_.size(); }
  size_t numValues() const { return allValues_.size(); }
  /// Whether `n` / `v` is alive in this graph (for the verifier and assertions).
  bool owns(const Node* n) const { return allNodes_.count(const_cast<Node*>(n)) != 0; }
  bool owns(const Value* v) const { return allValues_.count(const_cast<Value*>(v)) != 0; }
  /// The live value named `name`, or null.
  Value* findValue(std::string_view name) const;

 private:
  friend class Node;
  friend class Block;
  friend class Value;
  friend class IrParser;
  Node* allocNode(Symbol kind);
  Value* allocValue(Node* node, size_t offset);
  void freeNode(Node* n);
  void freeValue(Value* v);
  Block* allocBlock(Node* owner);
  void freeBlock(Block* b);

  std::unordered_set<Node*> allNodes_;
  std::unordered_set<Value*> allValues_;
  std::unordered_set<Block*> allBlocks_;
  std::unordered_map<std::string, Value*> names_;
  std::unordered_map<std::string, size_t> nameBaseSuffix_;
  size_t nextUnique_ = 0;
  Block* block_ = nullptr;
  Node* insertPoint_ = nullptr;
};

/// RAII: sets a graph's insert point and restores the previous one on scope exit.
class WithInsertPoint {
 public:
  explicit WithInsertPoint(Node* n);
  explicit WithInsertPoint(Block* b) : WithInsertPoint(b->returnNode()) {}
  ~WithInsertPoint() { graph_->setInsertPoint(prev_); }
  WithInsertPoint(const WithInsertPoint&) = delete;
  WithInsertPoint& operator=(const WithInsertPoint&) = delete;

 private:
  Graph* graph_;
  Node* prev_;
};

/// The value of a prim::Constant output (bools stored as `i` come back as bool, devices
/// stored as `s` as Device); nullopt when `v` is not a constant.
std::optional<IValue> toIValue(const Value* v);

/// The static type of a constant value (int, float, Tensor, int[], (int, str), ...).
TypePtr constantTypeOf(const IValue& v);

}  // namespace sconce
