// Graph, Block, Node and Value: construction, mutation, cloning and naming.
#include "ir/graph.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "ir/printer.h"

namespace sconce {
namespace {

// Topological positions make isBefore O(1): appended nodes are spaced kAppendInterval
// apart, inserted ones take the midpoint of their neighbours, and a block is
// renumbered when it runs out of room (as PyTorch does).
constexpr int64_t kLowerBound = std::numeric_limits<int64_t>::min();
constexpr int64_t kUpperBound = std::numeric_limits<int64_t>::max();
constexpr int64_t kAppendInterval = int64_t{1} << 40;

bool isNumber(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// A `.N` suffix small enough to count from (longer digit runs are just part of the name).
bool isSuffix(std::string_view s) { return isNumber(s) && s.size() <= 18; }

}  // namespace

const char* toString(AttributeKind kind) {
  static const char* const kNames[] = {"i", "f", "c", "s", "is", "fs", "ss", "ival", "ty", "tys", "g"};
  return kNames[static_cast<size_t>(kind)];
}

// ----- Value -----------------------------------------------------------------------

Graph* Value::owningGraph() const { return node_->owningGraph(); }

Value* Value::setType(TypePtr type) {
  SCONCE_ASSERT(type, "null type for %{}", debugName());
  type_ = std::move(type);
  return this;
}

std::string Value::debugName() const { return hasDebugName() ? name_ : std::to_string(unique_); }

std::string Value::debugNameBase() const {
  std::string name = debugName();
  size_t dot = name.find_last_of('.');
  if (dot != std::string::npos && isSuffix(std::string_view(name).substr(dot + 1)))
    return name.substr(0, dot);
  return name;
}

bool Value::isValidName(std::string_view name) { return !isNumber(name); }

Value* Value::setDebugName(std::string_view name) {
  SCONCE_CHECK(ValueError, isValidName(name), "invalid value name '{}': names may not be numbers",
               name);
  Graph* g = owningGraph();
  if (hasDebugName()) {
    g->names_.erase(name_);
    name_.clear();
  }
  if (name.empty()) return this;
  auto owner = g->names_.find(std::string(name));
  if (owner != g->names_.end()) {
    // The name is taken: the current owner moves to `base.N` (N past every suffix
    // handed out for `base` so far), so the most recent definition keeps the plain name.
    std::string base(name);
    size_t suffix = 1;
    size_t dot = name.find_last_of('.');
    if (dot != std::string_view::npos && isSuffix(name.substr(dot + 1))) {
      suffix = std::stoull(std::string(name.substr(dot + 1)));
      base = std::string(name.substr(0, dot));
    }
    auto it = g->nameBaseSuffix_.find(base);
    if (it != g->nameBaseSuffix_.end()) suffix = std::max(suffix, it->second + 1);
    std::string replacement;
    do {
      replacement = base + "." + std::to_string(suffix++);
    } while (g->names_.count(replacement));
    g->nameBaseSuffix_[base] = suffix;
    owner->second->setDebugName(replacement);
  }
  name_ = std::string(name);
  g->names_[name_] = this;
  return this;
}

void Value::replaceFirstUseWith(Value* v) {
  SCONCE_ASSERT(v->owningGraph() == owningGraph() && !uses_.empty());
  Use u = uses_.front();
  u.user->inputs_[u.offset] = v;
  v->uses_.push_back(u);
  uses_.erase(uses_.begin());
}

void Value::replaceAllUsesWith(Value* v) {
  SCONCE_ASSERT(v->owningGraph() == owningGraph());
  if (v == this) return;
  for (const Use& u : uses_) {
    u.user->inputs_[u.offset] = v;
    v->uses_.push_back(u);
  }
  uses_.clear();
}

void Value::replaceAllUsesAfterNodeWith(const Node* node, Value* v) {
  SCONCE_ASSERT(v->owningGraph() == owningGraph());
  auto moved = std::stable_partition(uses_.begin(), uses_.end(),
                                     [&](const Use& u) { return !u.user->isAfter(node); });
  for (auto it = moved; it != uses_.end(); ++it) {
    it->user->inputs_[it->offset] = v;
    v->uses_.push_back(*it);
  }
  uses_.erase(moved, uses_.end());
}

Value* Value::copyMetadata(const Value* from) {
  setType(from->type());
  if (from->hasDebugName()) setDebugName(from->debugName());
  return this;
}

// ----- NodeList ----------------------------------------------------------------------

NodeList::Iterator::Iterator(Node* cur, bool reverse)
    : cur_(cur), next_(reverse ? cur->prev() : cur->next()), reverse_(reverse) {}

NodeList::Iterator& NodeList::Iterator::operator++() {
  cur_ = next_;
  next_ = reverse_ ? cur_->prev() : cur_->next();
  return *this;
}

NodeList::Iterator NodeList::begin() const {
  return Iterator(reverse_ ? sentinel_->prev() : sentinel_->next(), reverse_);
}

// ----- Node --------------------------------------------------------------------------

bool Node::inBlockList() const { return next_ != nullptr && this != block_->return_; }

Value* Node::input() const {
  SCONCE_ASSERT(inputs_.size() == 1, "{} has {} inputs, expected 1", kind_.toQualString(),
                inputs_.size());
  return inputs_[0];
}

Value* Node::output() const {
  SCONCE_ASSERT(outputs_.size() == 1, "{} has {} outputs, expected 1", kind_.toQualString(),
                outputs_.size());
  return outputs_[0];
}

bool Node::hasUses() const {
  return std::any_of(outputs_.begin(), outputs_.end(), [](Value* v) { return v->hasUses(); });
}

Value* Node::addInput(Value* v) { return insertInput(inputs_.size(), v); }

Value* Node::insertInput(size_t i, Value* v) {
  SCONCE_ASSERT(v->owningGraph() == graph_, "input %{} belongs to another graph", v->debugName());
  SCONCE_ASSERT(i <= inputs_.size());
  for (size_t j = i; j < inputs_.size(); ++j)
    for (Use& u : inputs_[j]->uses_)
      if (u.user == this && u.offset == j) {
        u.offset = j + 1;
        break;
      }
  inputs_.insert(inputs_.begin() + static_cast<ptrdiff_t>(i), v);
  v->uses_.push_back({this, i});
  return v;
}

void Node::dropInputUse(size_t i) {
  auto& uses = inputs_[i]->uses_;
  auto it = std::find(uses.begin(), uses.end(), Use{this, i});
  SCONCE_ASSERT(it != uses.end(), "use list of %{} lacks input {} of {}", inputs_[i]->debugName(),
                i, kind_.toQualString());
  uses.erase(it);
}

Value* Node::replaceInput(size_t i, Value* v) {
  SCONCE_ASSERT(v->owningGraph() == graph_ && i < inputs_.size());
  Value* old = inputs_[i];
  dropInputUse(i);
  inputs_[i] = v;
  v->uses_.push_back({this, i});
  return old;
}

void Node::replaceInputWith(Value* from, Value* to) {
  for (size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i] == from) replaceInput(i, to);
}

void Node::removeInput(size_t i) {
  SCONCE_ASSERT(i < inputs_.size());
  dropInputUse(i);
  for (size_t j = i + 1; j < inputs_.size(); ++j)
    for (Use& u : inputs_[j]->uses_)
      if (u.user == this && u.offset == j) {
        u.offset = j - 1;
        break;
      }
  inputs_.erase(inputs_.begin() + static_cast<ptrdiff_t>(i));
}

void Node::removeAllInputs() {
  for (size_t i = 0; i < inputs_.size(); ++i) dropInputUse(i);
  inputs_.clear();
}

Value* Node::addOutput() { return insertOutput(outputs_.size()); }

Value* Node::insertOutput(size_t i) {
  SCONCE_ASSERT(i <= outputs_.size());
  Value* v = graph_->allocValue(this, i);
  outputs_.insert(outputs_.begin() + static_cast<ptrdiff_t>(i), v);
  for (size_t j = i + 1; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
  return v;
}

void Node::eraseOutput(size_t i) {
  SCONCE_ASSERT(i < outputs_.size());
  Value* v = outputs_[i];
  SCONCE_ASSERT(!v->hasUses(), "cannot erase %{} (output {} of {}): it still has {} use(s)",
                v->debugName(), i, kind_.toQualString(), v->uses_.size());
  outputs_.erase(outputs_.begin() + static_cast<ptrdiff_t>(i));
  graph_->freeValue(v);
  for (size_t j = i; j < outputs_.size(); ++j) outputs_[j]->offset_ = j;
}

Block* Node::addBlock() {
  blocks_.push_back(graph_->allocBlock(this));
  return blocks_.back();
}

void Node::eraseBlock(size_t i) {
  SCONCE_ASSERT(i < blocks_.size());
  Block* b = blocks_[i];
  blocks_.erase(blocks_.begin() + static_cast<ptrdiff_t>(i));
  b->destroy();
}

void Node::linkBefore(Node* n) {
  next_ = n;
  prev_ = n->prev_;
  n->prev_->next_ = this;
  n->prev_ = this;
  block_ = n->block_;
  assignTopoPosition();
}

Node* Node::insertBefore(Node* n) {
  SCONCE_ASSERT(!inBlockList(), "{} is already in a block", kind_.toQualString());
  SCONCE_ASSERT(n->graph_ == graph_ && n->block_ && n->next_,
                "insertion point {} is not in a block of this graph", n->kind_.toQualString());
  linkBefore(n);
  return this;
}

Node* Node::insertAfter(Node* n) {
  SCONCE_ASSERT(n->graph_ == graph_ && n->block_ && (n->inBlockList() || n == n->block_->param_),
                "insertion point {} is not in a block of this graph", n->kind_.toQualString());
  // After the param node means at the start of the block.
  return insertBefore(n == n->block_->param_ ? n->block_->return_->next_ : n->next_);
}

void Node::moveBefore(Node* n) {
  removeFromList();
  insertBefore(n);
}

void Node::moveAfter(Node* n) {
  removeFromList();
  insertAfter(n);
}

void Node::removeFromList() {
  SCONCE_ASSERT(inBlockList(), "{} is not in a block", kind_.toQualString());
  prev_->next_ = next_;
  next_->prev_ = prev_;
  next_ = prev_ = nullptr;
  block_ = nullptr;
}

void Node::destroy() {
  SCONCE_ASSERT(kind_ != prim::Param && kind_ != prim::Return,
                "param and return nodes are destroyed with their block");
  while (!outputs_.empty()) eraseOutput(outputs_.size() - 1);
  while (!blocks_.empty()) eraseBlock(blocks_.size() - 1);
  removeAllInputs();
  if (inBlockList()) removeFromList();
  graph_->freeNode(this);
}

void Node::assignTopoPosition() {
  Node* sentinel = block_->return_;
  bool first = prev_ == sentinel;
  bool last = next_ == sentinel;
  int64_t prevPos = first ? kLowerBound : prev_->topo_;
  int64_t nextPos = last ? kUpperBound : next_->topo_;
  if (last) {
    if (first) {
      topo_ = 0;
    } else if (prevPos >= kUpperBound - kAppendInterval) {
      block_->reIndexTopology();
    } else {
      topo_ = prevPos + kAppendInterval;
    }
  } else if (first) {
    if (nextPos <= kLowerBound + kAppendInterval) {
      block_->reIndexTopology();
    } else {
      topo_ = nextPos - kAppendInterval;
    }
  } else {
    // Unsigned difference: the span may exceed INT64_MAX but always fits in uint64.
    auto half = (static_cast<uint64_t>(nextPos) - static_cast<uint64_t>(prevPos)) / 2;
    int64_t pos = prevPos + static_cast<int64_t>(half);
    if (pos == prevPos) {
      block_->reIndexTopology();
    } else {
      topo_ = pos;
    }
  }
}

bool Node::isBefore(const Node* n) const {
  // Lift both nodes to the innermost block they share and compare positions there.
  for (const Node* a = this; a && a->block_; a = a->block_->owner_)
    for (const Node* b = n; b && b->block_; b = b->block_->owner_)
      if (a->block_ == b->block_) return a->topo_ < b->topo_;
  return false;
}

bool Node::isAfter(const Node* n) const { return n->isBefore(this); }

bool Node::isNestedIn(const Node* n) const {
  for (const Node* a = this; a; a = a->block_ ? a->block_->owner_ : nullptr)
    if (a == n) return true;
  return false;
}

const Attribute* Node::findAttr(Symbol name) const {
  for (const Attribute& a : attrs_)
    if (a.name == name) return &a;
  return nullptr;
}

template <class T>
const T& Node::getAttr(Symbol name) const {
  const Attribute* a = findAttr(name);
  SCONCE_ASSERT(a, "{} has no attribute '{}'", kind_.toQualString(), name.toUnqualString());
  const T* v = std::get_if<T>(&a->value);
  SCONCE_ASSERT(v, "attribute '{}' of {} is of kind {}", name.toUnqualString(),
                kind_.toQualString(), toString(a->kind()));
  return *v;
}

#define SCONCE_INSTANTIATE_GET_ATTR(T) template const T& Node::getAttr<T>(Symbol) const;
SCONCE_INSTANTIATE_GET_ATTR(int64_t)
SCONCE_INSTANTIATE_GET_ATTR(double)
SCONCE_INSTANTIATE_GET_ATTR(std::complex<double>)
SCONCE_INSTANTIATE_GET_ATTR(std::string)
SCONCE_INSTANTIATE_GET_ATTR(std::vector<int64_t>)
SCONCE_INSTANTIATE_GET_ATTR(std::vector<double>)
SCONCE_INSTANTIATE_GET_ATTR(std::vector<std::string>)
SCONCE_INSTANTIATE_GET_ATTR(IValue)
SCONCE_INSTANTIATE_GET_ATTR(TypePtr)
SCONCE_INSTANTIATE_GET_ATTR(std::vector<TypePtr>)
SCONCE_INSTANTIATE_GET_ATTR(std::shared_ptr<Graph>)
#undef SCONCE_INSTANTIATE_GET_ATTR

AttributeKind Node::kindOf(Symbol name) const {
  const Attribute* a = findAttr(name);
  SCONCE_ASSERT(a, "{} has no attribute '{}'", kind_.toQualString(), name.toUnqualString());
  return a->kind();
}

std::vector<Symbol> Node::attributeNames() const {
  std::vector<Symbol> names;
  for (const Attribute& a : attrs_) names.push_back(a.name);
  return names;
}

Node* Node::setAttribute(Symbol name, Attribute::Value v) {
  for (Attribute& a : attrs_)
    if (a.name == name) {
      a.value = std::move(v);
      return this;
    }
  attrs_.push_back({name, std::move(v)});
  return this;
}

Node* Node::removeAttribute(Symbol name) {
  auto it = std::find_if(attrs_.begin(), attrs_.end(), [&](const Attribute& a) { return a.name == name; });
  SCONCE_ASSERT(it != attrs_.end(), "{} has no attribute '{}'", kind_.toQualString(),
                name.toUnqualString());
  attrs_.erase(it);
  return this;
}

Node* Node::copyAttributes(const Node& from) {
  attrs_ = from.attrs_;
  return this;
}

// ----- Block -------------------------------------------------------------------------

Block::Block(Graph* graph, Node* owner) : graph_(graph), owner_(owner) {
  param_ = graph->allocNode(prim::Param);
  return_ = graph->allocNode(prim::Return);
  param_->block_ = return_->block_ = this;
  param_->topo_ = kLowerBound;
  return_->topo_ = kUpperBound;
  return_->next_ = return_->prev_ = return_;
}

Value* Block::addInput(std::string_view name) { return insertInput(inputs().size(), name); }

Value* Block::insertInput(size_t i, std::string_view name) {
  Value* v = param_->insertOutput(i);
  if (!name.empty()) v->setDebugName(name);
  return v;
}

void Block::eraseInput(size_t i) { param_->eraseOutput(i); }

size_t Block::registerOutput(Value* v) {
  return_->addInput(v);
  return outputs().size() - 1;
}

size_t Block::insertOutput(size_t i, Value* v) {
  return_->insertInput(i, v);
  return i;
}

void Block::eraseOutput(size_t i) { return_->removeInput(i); }

Node* Block::prependNode(Node* n) { return n->insertBefore(return_->next_); }

void Block::cloneFrom(const Block* src, const std::function<Value*(Value*)>& valueMap) {
  std::unordered_map<const Value*, Value*> local;
  auto env = [&](Value* v) {
    auto it = local.find(v);
    return it != local.end() ? it->second : valueMap(v);
  };
  for (Value* in : src->inputs()) local[in] = addInput()->copyMetadata(in);
  for (Node* n : src->nodes()) {
    Node* c = appendNode(graph_->createClone(n, env));
    for (size_t i = 0; i < n->outputs().size(); ++i) local[n->output(i)] = c->output(i);
  }
  for (Value* out : src->outputs()) registerOutput(env(out));
}

void Block::destroy() {
  return_->removeAllInputs();
  for (Node* n : nodes().reverse()) n->destroy();
  // Param outputs (the block inputs) must be unused now; erase them in reverse so the
  // remaining offsets need no renumbering.
  while (!param_->outputs_.empty()) param_->eraseOutput(param_->outputs_.size() - 1);
  graph_->freeNode(param_);
  graph_->freeNode(return_);
  graph_->freeBlock(this);
}

void Block::reIndexTopology() {
  int64_t pos = kLowerBound;
  for (Node* n : nodes()) {
    pos += kAppendInterval;
    n->topo_ = pos;
  }
}

// ----- Graph -------------------------------------------------------------------------

Graph::Graph() {
  block_ = allocBlock(nullptr);
  insertPoint_ = block_->returnNode();
}

Graph::~Graph() {
  for (Node* n : allNodes_) delete n;
  for (Value* v : allValues_) delete v;
  for (Block* b : allBlocks_) delete b;
}

Node* Graph::allocNode(Symbol kind) {
  Node* n = new Node(this, kind);
  allNodes_.insert(n);
  return n;
}

Value* Graph::allocValue(Node* node, size_t offset) {
  Value* v = new Value(node, offset, nextUnique_++);
  v->type_ = TensorType::get();
  allValues_.insert(v);
  return v;
}

void Graph::freeNode(Node* n) {
  SCONCE_ASSERT(allNodes_.erase(n) == 1, "freeing a node twice");
  delete n;
}

void Graph::freeValue(Value* v) {
  if (v->hasDebugName()) {
    auto it = names_.find(v->name_);
    if (it != names_.end() && it->second == v) names_.erase(it);
  }
  SCONCE_ASSERT(allValues_.erase(v) == 1, "freeing a value twice");
  delete v;
}

Block* Graph::allocBlock(Node* owner) {
  Block* b = new Block(this, owner);
  allBlocks_.insert(b);
  return b;
}

void Graph::freeBlock(Block* b) {
  SCONCE_ASSERT(allBlocks_.erase(b) == 1, "freeing a block twice");
  delete b;
}

Node* Graph::create(Symbol kind, size_t numOutputs) {
  Node* n = allocNode(kind);
  for (size_t i = 0; i < numOutputs; ++i) n->addOutput();
  return n;
}

Node* Graph::create(Symbol kind, const std::vector<Value*>& inputs, size_t numOutputs) {
  Node* n = create(kind, numOutputs);
  for (Value* v : inputs) n->addInput(v);
  return n;
}

Node* Graph::createClone(const Node* n, const std::function<Value*(Value*)>& valueMap,
                         bool copyBlocks) {
  Node* r = allocNode(n->kind());
  r->attrs_ = n->attrs_;
  r->range_ = n->range_;
  for (Value* o : n->outputs()) r->addOutput()->copyMetadata(o);
  for (Value* in : n->inputs()) r->addInput(valueMap(in));
  if (copyBlocks)
    for (Block* b : n->blocks()) r->addBlock()->cloneFrom(b, valueMap);
  return r;
}

void Graph::setInsertPoint(Node* n) {
  SCONCE_ASSERT(n->owningGraph() == this && n->owningBlock(),
                "insert point must be a node of this graph that is in a block");
  insertPoint_ = n;
}

Node* Graph::insertNode(Node* n) { return n->insertBefore(insertPoint_); }

Value* Graph::insert(Symbol kind, const std::vector<Value*>& inputs, TypePtr type,
                     SourceRange range) {
  Node* n = insertNode(create(kind, inputs, 1));
  n->setSourceRange(std::move(range));
  return n->output()->setType(std::move(type));
}

Value* Graph::insertConstant(const IValue& v, SourceRange range) {
  Node* n = create(prim::Constant);
  n->setSourceRange(std::move(range));
  switch (v.tag()) {
    case IValue::Tag::None: break;
    case IValue::Tag::Bool: n->i_(attr::value, v.toBool()); break;
    case IValue::Tag::Int: n->i_(attr::value, v.toInt()); break;
    case IValue::Tag::Double: n->f_(attr::value, v.toDouble()); break;
    case IValue::Tag::Complex: n->c_(attr::value, v.toComplex()); break;
    case IValue::Tag::String: n->s_(attr::value, v.toStringRef()); break;
    case IValue::Tag::Device: n->s_(attr::value, v.toDevice().str()); break;
    case IValue::Tag::Tensor:
    case IValue::Tag::Tuple:
    case IValue::Tag::List:
    case IValue::Tag::Dict:
    case IValue::Tag::Enum:
    case IValue::Tag::Object:
      n->ival_(attr::value, v);
      break;
    default:
      n->destroy();
      fail<UnsupportedError>("cannot make an IR constant of a {} value", v.tagName());
  }
  n->output()->setType(constantTypeOf(v));
  return insertNode(n)->output();
}

std::shared_ptr<Graph> Graph::copy() const {
  auto g = std::make_shared<Graph>();
  g->block_->cloneFrom(block_, [](Value* v) -> Value* {
    fail<InternalError>("graph copy: %{} is used but not defined in the graph", v->debugName());
  });
  return g;
}

std::string Graph::str(bool printSourceLocations) const {
  PrintOptions options;
  options.sourceLocations = printSourceLocations;
  return printGraph(*this, options);
}

Value* Graph::findValue(std::string_view name) const {
  if (isNumber(name)) {
    for (Value* v : allValues_)
      if (!v->hasDebugName() && std::to_string(v->unique()) == name) return v;
    return nullptr;
  }
  auto it = names_.find(std::string(name));
  return it == names_.end() ? nullptr : it->second;
}

WithInsertPoint::WithInsertPoint(Node* n) : graph_(n->owningGraph()), prev_(graph_->insertPoint()) {
  graph_->setInsertPoint(n);
}

// ----- constants ---------------------------------------------------------------------

TypePtr constantTypeOf(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None: return NoneType::get();
    case IValue::Tag::Bool: return BoolType::get();
    case IValue::Tag::Int:
    case IValue::Tag::BigInt: return IntType::get();
    case IValue::Tag::Double: return FloatType::get();
    case IValue::Tag::Complex: return ComplexType::get();
    case IValue::Tag::String: return StringType::get();
    case IValue::Tag::Tensor: return TensorType::get();
    case IValue::Tag::Device: return DeviceObjType::get();
    case IValue::Tag::Storage: return StorageType::get();
    case IValue::Tag::Capsule: return CapsuleType::get();
    case IValue::Tag::Uninitialized: return AnyType::get();
    case IValue::Tag::List: return ListType::create(v.listRef().elementType);
    case IValue::Tag::Dict: return DictType::create(v.dictRef().keyType(), v.dictRef().valueType());
    case IValue::Tag::Object: return v.objectRef().type;
    case IValue::Tag::Enum: return v.toEnum()->type;
    case IValue::Tag::Tuple: {
      const TupleObj& t = v.tupleRef();
      if (t.type) return t.type;
      std::vector<TypePtr> elems;
      for (const IValue& e : t.elements) elems.push_back(constantTypeOf(e));
      return TupleType::create(std::move(elems));
    }
  }
  return AnyType::get();
}

std::optional<IValue> toIValue(const Value* v) {
  const Node* n = v->node();
  if (n->kind() != prim::Constant) return std::nullopt;
  if (!n->hasAttribute(attr::value)) return IValue();
  const TypePtr& type = v->type();
  switch (n->kindOf(attr::value)) {
    case AttributeKind::i: {
      int64_t i = n->i(attr::value);
      return type->kind() == TypeKind::Bool ? IValue(i != 0) : IValue(i);
    }
    case AttributeKind::f: return IValue(n->f(attr::value));
    case AttributeKind::c: return IValue(n->c(attr::value));
    case AttributeKind::s: {
      const std::string& s = n->s(attr::value);
      return type->kind() == TypeKind::Device ? IValue(Device::parse(s)) : IValue(s);
    }
    case AttributeKind::ival: return n->ival(attr::value);
    case AttributeKind::is: {
      std::vector<IValue> elems(n->is(attr::value).begin(), n->is(attr::value).end());
      return IValue(ListObj::create(IntType::get(), std::move(elems)));
    }
    case AttributeKind::fs: {
      std::vector<IValue> elems(n->fs(attr::value).begin(), n->fs(attr::value).end());
      return IValue(ListObj::create(FloatType::get(), std::move(elems)));
    }
    case AttributeKind::ss: {
      std::vector<IValue> elems(n->ss(attr::value).begin(), n->ss(attr::value).end());
      return IValue(ListObj::create(StringType::get(), std::move(elems)));
    }
    default: return std::nullopt;
  }
}

}  // namespace sconce
