// IrEmitter: subscripts — tensor indexing, tuple indexing and slicing, item assignment.
#include "frontend/ir_emitter.h"

#include <limits>

namespace sconce {
namespace {

NamedValue named(Value* v, const SourceRange& loc, std::string name = {}) {
  return NamedValue{v, std::move(name), loc};
}

bool isTensor(const Value* v) { return v->type()->isSubtypeOf(*TensorType::get()); }

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

/// Python's slice index adjustment (PySlice_AdjustIndices); `*start` / `*stop` equal to
/// kInt64Max mean "absent". Returns the number of selected elements.
int64_t adjustSliceIndices(int64_t length, int64_t* start, int64_t* stop, int64_t step) {
  if (*start == kInt64Max) *start = step < 0 ? kInt64Max : 0;
  if (*stop == kInt64Max) *stop = step < 0 ? kInt64Min : kInt64Max;
  auto adjust = [&](int64_t* v) {
    if (*v < 0) {
      *v += length;
      if (*v < 0) *v = step < 0 ? -1 : 0;
    } else if (*v >= length) {
      *v = step < 0 ? length - 1 : length;
    }
  };
  adjust(start);
  adjust(stop);
  if (step < 0) return *stop < *start ? (*start - *stop - 1) / (-step) + 1 : 0;
  return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
}

}  // namespace

SugaredValuePtr IrEmitter::emitSubscript(const ast::Subscript& sub, const TypePtr& hint) {
  const SourceRange& loc = sub.range();
  const SourceRange& valueLoc = sub.value->range();
  SugaredValuePtr sv = emitSugaredExpr(*sub.value);
  if (sub.indices.size() != 1)
    return std::make_shared<SimpleValue>(
        emitMultidimSlicing(loc, sv->asValue(valueLoc, *this), sub.indices));
  const ast::Expr& index = *sub.indices[0];
  Value* container = sv->asValue(valueLoc, *this);
  if (const auto* slice = index.dynCast<ast::Slice>()) {
    if (container->type()->kind() == TypeKind::Tuple)
      return std::make_shared<SimpleValue>(emitTupleSlice(loc, container, *slice));
    Value* dim = isTensor(container) ? graph_.insertConstant(IValue(int64_t{0}), loc) : nullptr;
    return std::make_shared<SimpleValue>(emitSlice(loc, container, dim, *slice));
  }
  if (container->type()->kind() == TypeKind::Tuple)
    return std::make_shared<SimpleValue>(emitTupleIndex(loc, container, emitExpr(index)));
  if (isTensor(container))
    return std::make_shared<SimpleValue>(emitMultidimSlicing(loc, container, sub.indices));
  return sv->getItem(loc, *this, emitExpr(index));
}

Value* IrEmitter::emitSlice(const SourceRange& loc, Value* sliceable, Value* dim,
                            const ast::Slice& slice) {
  Value* none = nullptr;
  auto bound = [&](const ast::ExprPtr& e) {
    if (e) return emitExpr(*e);
    if (!none) none = graph_.insertConstant(IValue(), loc);
    return none;
  };
  Value* start = bound(slice.start);
  Value* end = bound(slice.stop);
  Value* step = slice.step ? emitExpr(*slice.step) : graph_.insertConstant(IValue(int64_t{1}), loc);
  std::vector<NamedValue> args{named(sliceable, loc)};
  if (dim) args.push_back(named(dim, loc));
  args.push_back(named(start, loc));
  args.push_back(named(end, loc));
  args.push_back(named(step, loc));
  return emitBuiltin(loc, Symbol::aten("slice"), args);
}

Value* IrEmitter::emitTupleIndex(const SourceRange& loc, Value* tuple, Value* index) {
  const auto& type = tuple->type()->expect<TupleType>();
  const auto& elems = type.elements();
  if (index->type()->kind() != TypeKind::Int)
    throw CompileError("tuple index must be an integer", loc);
  TypePtr outType;
  if (std::optional<IValue> c = toIValue(index)) {
    int64_t n = static_cast<int64_t>(elems.size());
    int64_t i = c->toInt() < 0 ? c->toInt() + n : c->toInt();
    if (i < 0 || i >= n)
      throw CompileError(fmt::format("Tuple index out of range. Tuple is length {} and index is {}",
                                     n, c->toInt()),
                         loc);
    outType = elems[i];
  } else {
    if (elems.empty() || !convertibleToList(tuple->type(), ListType::create(elems[0])))
      throw CompileError("Cannot index into a " + typeReprStr(tuple->type()) +
                             " with a non-integer literal because we cannot resolve the output type",
                         loc);
    outType = elems[0];
  }
  Node* n = graph_.insertNode(graph_.create(prim::TupleIndex, {tuple, index}));
  n->setSourceRange(loc);
  return n->output()->setType(outType);
}

Value* IrEmitter::emitTupleSlice(const SourceRange& loc, Value* tuple, const ast::Slice& slice) {
  const auto& elems = tuple->type()->expect<TupleType>().elements();
  int64_t length = static_cast<int64_t>(elems.size());
  auto constantIndex = [&](const ast::ExprPtr& e, int64_t absent) {
    if (!e) return absent;
    std::optional<IValue> c = toIValue(emitExpr(*e));
    if (!c || !c->isInt()) throw CompileError("tuple slice indices must be integer constants", loc);
    return c->toInt();
  };
  int64_t start = constantIndex(slice.start, kInt64Max);
  int64_t stop = constantIndex(slice.stop, kInt64Max);
  int64_t step = constantIndex(slice.step, 1);
  if (step == 0) throw CompileError("slice step cannot be zero", loc);
  // Negative bounds count from the end (without the clamping below for absent ones).
  if (start != kInt64Max && start < 0) start += length;
  if (stop != kInt64Max && stop < 0) stop += length;
  int64_t count = adjustSliceIndices(length, &start, &stop, step);
  std::vector<Value*> values;
  for (int64_t k = 0, i = start; k < count; ++k, i += step) {
    Value* idx = graph_.insertConstant(IValue(i), loc);
    Node* n = graph_.insertNode(graph_.create(prim::TupleIndex, {tuple, idx}));
    n->setSourceRange(loc);
    values.push_back(n->output()->setType(elems[i]));
  }
  Value* out = insertTuple(graph_, values);
  out->node()->setSourceRange(loc);
  return out;
}

std::pair<Value*, std::vector<Value*>> IrEmitter::emitIntAndSliceIndexing(
    const SourceRange& loc, Value* sliceable, const ast::ExprList& indices) {
  // Ints remove a dimension, None adds one, slices and tensors keep it; indices after
  // an ellipsis count from the end. So dimensions are assigned in two passes, left to
  // right up to the ellipsis and right to left after it.
  size_t n = indices.size();
  std::vector<int64_t> dims(n, 0);
  std::vector<Value*> exprs(n, nullptr);
  auto handle = [&](size_t i, int64_t dim, bool reverse) -> int64_t {
    dims[i] = dim;
    const ast::Expr& e = *indices[i];
    if (e.is<ast::Slice>()) return reverse ? dim - 1 : dim + 1;
    Value* index = emitExpr(e, e.is<ast::NoneLiteral>() ? NoneType::get() : TypePtr());
    if (index->type()->kind() == TypeKind::List) {
      // A list index is a LongTensor index, as in eager PyTorch.
      Value* dtype = graph_.insertConstant(IValue(int64_t{4}), loc);
      index = emitBuiltin(loc, Symbol::aten("tensor"), {named(index, e.range())},
                          {named(dtype, loc, "dtype")});
    }
    exprs[i] = index;
    const TypePtr& t = index->type();
    if (t->isSubtypeOf(*NoneType::get())) return reverse ? dim : dim + 1;
    if (t->kind() == TypeKind::Int) return reverse ? dim - 1 : dim;
    if (t->isSubtypeOf(*OptionalType::create(TensorType::get()))) {
      if (reverse)
        throw CompileError("Ellipses followed by tensor indexing is currently not supported", loc);
      return dim + 1;
    }
    throw CompileError("Unsupported operation: indexing tensor with unsupported index type '" +
                           typeReprStr(t) + "'. Only ints, slices, lists and tensors are supported",
                       loc);
  };
  size_t idx = 0;
  int64_t dim = 0;
  for (; idx < n; ++idx) {
    if (indices[idx]->is<ast::EllipsisLiteral>()) break;
    dim = handle(idx, dim, false);
  }
  int64_t rdim = -1;
  for (size_t rev = n; rev-- > idx + 1;) {
    if (indices[rev]->is<ast::EllipsisLiteral>())
      throw CompileError("An index can only have a single ellipsis ('...')", loc);
    rdim = handle(rev, rdim, true);
  }
  std::vector<Value*> tensorIndices;
  for (size_t i = 0; i < n; ++i) {
    Value* dimValue = nullptr;
    auto dimConst = [&] {
      if (!dimValue) dimValue = graph_.insertConstant(IValue(dims[i]), loc);
      return dimValue;
    };
    if (!exprs[i]) {
      if (const auto* s = indices[i]->dynCast<ast::Slice>()) sliceable = emitSlice(loc, sliceable, dimConst(), *s);
      continue;
    }
    Value* e = exprs[i];
    if (e->type()->isSubtypeOf(*NoneType::get())) {
      sliceable = emitBuiltin(loc, Symbol::aten("unsqueeze"),
                              {named(sliceable, loc), named(dimConst(), loc)});
    } else if (e->type()->kind() == TypeKind::Int) {
      sliceable = emitBuiltin(loc, Symbol::aten("select"),
                              {named(sliceable, loc), named(dimConst(), loc), named(e, loc)});
    } else {
      size_t d = static_cast<size_t>(dims[i]);
      if (tensorIndices.size() < d + 1) tensorIndices.resize(d + 1, nullptr);
      tensorIndices[d] = e;
    }
  }
  for (Value*& t : tensorIndices)
    if (!t) t = graph_.insertConstant(IValue(), loc);
  return {sliceable, tensorIndices};
}

Value* IrEmitter::emitMultidimSlicing(const SourceRange& loc, Value* sliceable,
                                      const ast::ExprList& indices) {
  if (!isTensor(sliceable))
    throw CompileError("Unsupported operation: attempted to use multidimensional indexing on a "
                       "non-tensor type",
                       loc);
  auto [sliced, tensorIndices] = emitIntAndSliceIndexing(loc, sliceable, indices);
  if (tensorIndices.empty()) return sliced;
  Value* list = insertList(graph_, OptionalType::create(TensorType::get()), tensorIndices);
  return emitBuiltin(loc, Symbol::aten("index"), {named(sliced, loc), named(list, loc)});
}

void IrEmitter::emitSubscriptAssign(const SourceRange& loc, const ast::Subscript& target,
                                    const NamedValue& rhs) {
  Value* sliceable = emitExpr(*target.value);
  if (isTensor(sliceable)) {
    auto [sliced, tensorIndices] = emitIntAndSliceIndexing(target.range(), sliceable, target.indices);
    NamedValue value = rhs;
    TypeKind k = rhs.value->type()->kind();
    if (k == TypeKind::Number || k == TypeKind::Int || k == TypeKind::Bool || k == TypeKind::Float) {
      // `t[i] = 1.5` writes a tensor of t's dtype and device.
      Value* dtype = emitBuiltin(loc, prim::dtype, {named(sliced, loc)});
      Value* device = emitBuiltin(loc, prim::device, {named(sliced, loc)});
      value = named(emitBuiltin(loc, Symbol::aten("tensor"), {rhs},
                                {named(dtype, loc, "dtype"), named(device, loc, "device")}),
                    rhs.range);
    }
    if (tensorIndices.empty()) {
      emitBuiltin(loc, Symbol::aten("copy_"), {named(sliced, target.range()), value});
    } else {
      Value* list = insertList(graph_, OptionalType::create(TensorType::get()), tensorIndices);
      emitBuiltin(loc, Symbol::aten("index_put_"),
                  {named(sliced, target.range()), named(list, loc), value});
    }
    return;
  }
  if (target.indices.size() != 1 || target.indices[0]->is<ast::Slice>())
    throw CompileError("Sliced expression not yet supported for subscripted assignment. File a "
                       "bug if you want this",
                       target.range());
  if (sliceable->type()->kind() == TypeKind::Tuple)
    throw CompileError(typeReprStr(sliceable->type()) + " does not support subscripted assignment",
                       target.range());
  Value* index = emitExpr(*target.indices[0]);
  MagicMethodValue setItem("__setitem__", std::make_shared<BuiltinFunctionValue>(
                                              Symbol::aten("_set_item"), std::nullopt));
  SugaredValuePtr result = setItem.call(
      loc, *this, {named(sliceable, target.value->range()), named(index, target.indices[0]->range()), rhs},
      {});
  dropUnusedEmptyTuple(asSimpleValue(result));
}

void IrEmitter::emitAugAssignToSubscript(const ast::AugAssign& stmt, const ast::Subscript& target) {
  const SourceRange& loc = stmt.range();
  Value* sliceable = emitExpr(*target.value);
  if (isTensor(sliceable)) {
    auto [sliced, tensorIndices] = emitIntAndSliceIndexing(target.range(), sliceable, target.indices);
    NamedValue rhs = named(emitExpr(*stmt.value), stmt.value->range());
    Symbol op = augmentedAssignOp(stmt, sliceable->type());
    if (tensorIndices.empty()) {
      emitBuiltin(loc, op, {rhs}, {}, named(sliced, target.range(), "self"));
    } else {
      Value* list = insertList(graph_, OptionalType::create(TensorType::get()), tensorIndices);
      Value* indexed = emitBuiltin(loc, Symbol::aten("index"), {named(sliced, loc), named(list, loc)});
      Value* augmented = emitBuiltin(loc, op, {rhs}, {}, named(indexed, loc, "self"));
      emitBuiltin(loc, Symbol::aten("index_put_"),
                  {named(sliced, loc), named(list, loc), named(augmented, loc)});
    }
    return;
  }
  const TypePtr& type = sliceable->type();
  if (target.indices.size() != 1 || target.indices[0]->is<ast::Slice>())
    throw CompileError("Sliced expression not yet supported for " + typeReprStr(type) +
                           " augmented assignment. File a bug if you want this",
                       target.range());
  TypePtr elemType;
  if (const auto* l = type->cast<ListType>()) elemType = l->elementType();
  else if (const auto* d = type->cast<DictType>()) elemType = d->valueType();
  if (!elemType)
    throw CompileError(typeReprStr(type) + " does not support augmented assignment.", target.range());
  Value* index = emitExpr(*target.indices[0]);
  Value* rhs = emitExpr(*stmt.value);
  NamedValue container = named(sliceable, target.value->range());
  NamedValue idx = named(index, target.indices[0]->range());
  Value* item = emitBuiltin(loc, Symbol::aten("__getitem__"), {container, idx});
  Value* augmented = emitBuiltin(loc, augmentedAssignOp(stmt, elemType),
                                 {named(item, loc), named(rhs, stmt.value->range())});
  Value* r = emitBuiltin(loc, Symbol::aten("_set_item"), {container, idx, named(augmented, loc)});
  dropUnusedEmptyTuple(r);
}

}  // namespace sconce
