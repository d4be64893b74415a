// list methods and the builtins over lists: indexing, slicing, append/insert/pop/remove,
// +, *, sort/sorted, index/count/in, ==, min/max/sum/any/all, and size-list helpers.
//
// Lists are shared by reference (ListObj), so in-place methods mutate the argument and
// `+`, slices, copies and sorted() make new lists of the same static element type.
// Element comparisons use python_value.h (1 == 1.0, lexicographic tuples), errors are
// Python's ("IndexError: list index out of range").
#include <algorithm>

#include "ops/builtins/builtins.h"
#include "ops/builtins/python_number.h"
#include "ops/builtins/python_sequence.h"

namespace sconce::ops {
namespace {

using List = Ref<ListObj>;

List newList(const ListObj& like, std::vector<IValue> elements = {}) {
  return ListObj::create(like.elementType, std::move(elements));
}

int64_t listLen(const List& l) { return static_cast<int64_t>(l->elements.size()); }

IValue listGetItem(const List& l, int64_t index) {
  int64_t i = normalizeIndex(index, listLen(l));
  if (i < 0) raisePython("IndexError", "list index out of range");
  return l->elements[static_cast<size_t>(i)];
}

List listSetItem(List l, int64_t index, IValue value) {
  int64_t i = normalizeIndex(index, listLen(l));
  if (i < 0) raisePython("IndexError", "list assignment index out of range");
  l->elements[static_cast<size_t>(i)] = std::move(value);
  return l;
}

void listDelete(const List& l, int64_t index) {
  int64_t i = normalizeIndex(index, listLen(l));
  if (i < 0) raisePython("IndexError", "list assignment index out of range");
  l->elements.erase(l->elements.begin() + i);
}

List listAppend(List l, IValue v) {
  l->elements.push_back(std::move(v));
  return l;
}

void listExtend(const List& l, const List& other) {
  if (l.get() == other.get()) {
    // `l.extend(l)` doubles the list; inserting a vector into itself is not allowed.
    std::vector<IValue> items = other->elements;
    l->elements.insert(l->elements.end(), items.begin(), items.end());
    return;
  }
  l->elements.insert(l->elements.end(), other->elements.begin(), other->elements.end());
}

void listInsert(const List& l, int64_t index, IValue v) {
  int64_t n = listLen(l);
  if (index < 0) index = std::max<int64_t>(0, index + n);
  index = std::min(index, n);
  l->elements.insert(l->elements.begin() + index, std::move(v));
}

IValue listPop(const List& l, int64_t index) {
  if (l->elements.empty()) raisePython("IndexError", "pop from empty list");
  int64_t i = normalizeIndex(index, listLen(l));
  if (i < 0) raisePython("IndexError", "pop index out of range");
  IValue v = std::move(l->elements[static_cast<size_t>(i)]);
  l->elements.erase(l->elements.begin() + i);
  return v;
}

void listRemove(const List& l, IValue v) {
  auto& e = l->elements;
  auto it = std::find_if(e.begin(), e.end(), [&](const IValue& x) { return pyEquals(x, v); });
  if (it == e.end()) raisePython("ValueError", "list.remove(x): x not in list");
  e.erase(it);
}

int64_t listIndex(const List& l, IValue v) {
  const auto& e = l->elements;
  for (size_t i = 0; i < e.size(); ++i)
    if (pyEquals(e[i], v)) return static_cast<int64_t>(i);
  raisePython("ValueError", pyRepr(v) + " is not in list");
}

int64_t listCount(const List& l, IValue v) {
  return std::count_if(l->elements.begin(), l->elements.end(), [&](const IValue& x) { return pyEquals(x, v); });
}

bool listContains(const List& l, IValue v) {
  for (const IValue& x : l->elements)
    if (pyEquals(x, v)) return true;
  return false;
}

List listSlice(const List& l, std::optional<int64_t> start, std::optional<int64_t> end, int64_t step) {
  SliceBounds b = adjustSlice(listLen(l), start, end, step);
  std::vector<IValue> out;
  out.reserve(static_cast<size_t>(b.count));
  for (int64_t k = 0, i = b.start; k < b.count; ++k, i += b.step) out.push_back(l->elements[static_cast<size_t>(i)]);
  return newList(*l, std::move(out));
}

List listAdd(const List& a, const List& b) {
  std::vector<IValue> out;
  out.reserve(a->elements.size() + b->elements.size());
  out.insert(out.end(), a->elements.begin(), a->elements.end());
  out.insert(out.end(), b->elements.begin(), b->elements.end());
  return newList(*a, std::move(out));
}

List listAddInPlace(List a, const List& b) {
  listExtend(a, b);
  return a;
}

std::vector<IValue> repeated(const std::vector<IValue>& items, int64_t n) {
  std::vector<IValue> out;
  if (n <= 0) return out;
  out.reserve(items.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
  return out;
}

List listMul(const List& l, int64_t n) { return newList(*l, repeated(l->elements, n)); }

List listMulInPlace(List l, int64_t n) {
  l->elements = repeated(l->elements, n);
  return l;
}

void listReverse(const List& l) { std::reverse(l->elements.begin(), l->elements.end()); }

List listCopy(const List& l) { return newList(*l, l->elements); }

/// Python's stable sort; equal elements keep their order also when reversed. Sorting
/// happens on a copy so a comparison that throws (TypeError) leaves the list intact.
void sortValues(std::vector<IValue>& e, bool reverse) {
  auto all = [&](auto pred) { return std::all_of(e.begin(), e.end(), pred); };
  auto sortBy = [&](auto less) {
    if (reverse) std::stable_sort(e.begin(), e.end(), [&](const IValue& a, const IValue& b) { return less(b, a); });
    else std::stable_sort(e.begin(), e.end(), less);
  };
  if (all([](const IValue& v) { return v.isInt(); })) {
    sortBy([](const IValue& a, const IValue& b) { return a.toInt() < b.toInt(); });
  } else if (all([](const IValue& v) { return v.isDouble(); })) {
    sortBy([](const IValue& a, const IValue& b) { return a.toDouble() < b.toDouble(); });
  } else if (all([](const IValue& v) { return v.isString(); })) {
    sortBy([](const IValue& a, const IValue& b) { return a.toStringRef() < b.toStringRef(); });
  } else {
    std::vector<IValue> copy = e;
    if (reverse) std::stable_sort(copy.begin(), copy.end(), [](const IValue& a, const IValue& b) { return pyLess(b, a); });
    else std::stable_sort(copy.begin(), copy.end(), pyLess);
    e = std::move(copy);
  }
}

void listSort(const List& l, bool reverse) { sortValues(l->elements, reverse); }

List listSorted(const List& l) {
  List out = listCopy(l);
  sortValues(out->elements, false);
  return out;
}

bool listEq(const List& a, const List& b) { return pyEquals(IValue(a), IValue(b)); }

/// min(l) / max(l) of one list: the first extreme element.
template <bool Max>
IValue listExtreme(const List& l) {
  const auto& e = l->elements;
  if (e.empty()) raisePython("ValueError", Max ? "max() arg is an empty sequence" : "min() arg is an empty sequence");
  const IValue* best = &e[0];
  for (size_t i = 1; i < e.size(); ++i)
    if (Max ? pyLess(*best, e[i]) : pyLess(e[i], *best)) best = &e[i];
  return *best;
}

/// min(a, b) / max(a, b) of two lists, compared lexicographically.
template <bool Max>
List listPairExtreme(const List& a, const List& b) {
  IValue x(a), y(b);
  return (Max ? pyLess(x, y) : pyLess(y, x)) ? b : a;
}

int64_t sumInts(const List& l) {
  int64_t s = 0;
  for (const IValue& v : l->elements) s = wrapAdd(s, v.isBool() ? int64_t{v.toBool()} : v.toInt());
  return s;
}

double sumFloats(const List& l) {
  double s = 0;  // left to right, as CPython 3.11's sum()
  for (const IValue& v : l->elements) s += v.toScalarDouble();
  return s;
}

std::complex<double> sumComplex(const List& l) {
  std::complex<double> s = 0;
  for (const IValue& v : l->elements) s += v.toComplex();
  return s;
}

bool anyTrue(const List& l) { return std::any_of(l->elements.begin(), l->elements.end(), pyTruth); }
bool allTrue(const List& l) { return std::all_of(l->elements.begin(), l->elements.end(), pyTruth); }

/// Broadcasts two shapes (aten::_infer_size), with PyTorch's error text.
std::vector<int64_t> inferSize(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  size_t n = std::max(a.size(), b.size());
  std::vector<int64_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i + a.size() >= n ? a[i + a.size() - n] : 1;
    int64_t db = i + b.size() >= n ? b[i + b.size() - n] : 1;
    if (da != db && da != 1 && db != 1)
      raisePython("RuntimeError",
                  fmt::format("The size of tensor a ({}) must match the size of tensor b ({}) at non-singleton "
                              "dimension {}", da, db, i));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

void broadcastSizes(Stack& stack) {
  size_t n = popVarargCount(stack);
  std::vector<IValue> shapes = popValues(stack, n);
  std::vector<int64_t> out;
  for (IValue& s : shapes) out = inferSize(out, fromIValue<std::vector<int64_t>>(std::move(s)));
  push(stack, std::move(out));
}

std::optional<std::vector<int64_t>> sizeIfNotEqual(const std::vector<int64_t>& self,
                                                   const std::vector<int64_t>& other) {
  if (self == other) return std::nullopt;
  return self;
}

}  // namespace

void registerListKernels(OperatorRegistry& r) {
  r.registerKernel("aten::len.t", boxed<listLen>);
  r.registerKernel("aten::len.any", boxed<listLen>);
  r.registerKernel("aten::__getitem__.t", boxed<listGetItem>);
  r.registerKernel("aten::select.t", boxed<listGetItem>);
  r.registerKernel("aten::_set_item.t", boxed<listSetItem>);
  r.registerKernel("aten::Delete.t", boxed<listDelete>);
  r.registerKernel("aten::append.t", boxed<listAppend>);
  r.registerKernel("aten::extend.t", boxed<listExtend>);
  r.registerKernel("aten::insert.t", boxed<listInsert>);
  r.registerKernel("aten::pop.t", boxed<listPop>);
  r.registerKernel("aten::clear.t", boxed<[](const List& l) { l->elements.clear(); }>);
  r.registerKernel("aten::slice.t", boxed<listSlice>);
  r.registerKernel("aten::add.t", boxed<listAdd>);
  r.registerKernel("aten::add_.t", boxed<listAddInPlace>);
  r.registerKernel("aten::mul.left_t", boxed<listMul>);
  r.registerKernel("aten::mul.right_", boxed<[](int64_t n, const List& l) { return listMul(l, n); }>);
  r.registerKernel("aten::mul_.t", boxed<listMulInPlace>);
  r.registerKernel("aten::reverse.t", boxed<listReverse>);
  r.registerKernel("aten::copy.t", boxed<listCopy>);
  r.registerKernel("aten::list.t", boxed<listCopy>);

  for (const char* t : {"int", "float", "bool", "str", "Tensor"}) {
    std::string s(t);
    r.registerKernel("aten::remove." + s, boxed<listRemove>);
    r.registerKernel("aten::count." + s, boxed<listCount>);
    r.registerKernel("aten::index.list_" + s, boxed<listIndex>);
  }
  for (const char* t : {"int", "float", "bool", "str", "any", "Tensor"}) {
    r.registerKernel(std::string("aten::sort.") + t, boxed<listSort>);
    r.registerKernel(std::string("aten::sorted.") + t, boxed<listSorted>);
  }
  for (const char* t : {"int_list", "float_list", "str_list"})
    r.registerKernel(std::string("aten::__contains__.") + t, boxed<listContains>);
  for (const char* t : {"int_list", "float_list", "bool_list", "str_list", "Tensor_list"}) {
    r.registerKernel(std::string("aten::eq.") + t, boxed<listEq>);
    r.registerKernel(std::string("aten::ne.") + t, boxed<[](const List& a, const List& b) { return !listEq(a, b); }>);
  }

  for (const char* t : {"int_list", "float_list", "bool_list"}) {
    r.registerKernel(std::string("prim::min.") + t, boxed<listPairExtreme<false>>);
    r.registerKernel(std::string("prim::max.") + t, boxed<listPairExtreme<true>>);
  }
  for (const char* t : {"self_int", "self_float", "self_bool"}) {
    r.registerKernel(std::string("prim::min.") + t, boxed<listExtreme<false>>);
    r.registerKernel(std::string("prim::max.") + t, boxed<listExtreme<true>>);
  }
  r.registerKernel("aten::sum.int", boxed<sumInts>);
  r.registerKernel("aten::sum.bool", boxed<sumInts>);
  r.registerKernel("aten::sum.float", boxed<sumFloats>);
  r.registerKernel("aten::sum.complex", boxed<sumComplex>);
  for (const char* t : {"int", "float", "bool", "str"}) r.registerKernel(std::string("aten::any.") + t, boxed<anyTrue>);
  for (const char* t : {"int", "float", "bool"}) r.registerKernel(std::string("aten::all.") + t, boxed<allTrue>);

  r.registerKernel("aten::_infer_size", boxed<inferSize>);
  r.registerKernel("prim::BroadcastSizes", broadcastSizes);
  r.registerKernel("aten::Size", boxed<[](IValue sizes) { return sizes; }>);
  r.registerKernel("aten::_size_if_not_equal", boxed<sizeIfNotEqual>);
}

}  // namespace sconce::ops
