// isInstance: the run-time type test behind `isinstance(x, T)` (prim::isinstance).
//
// TorchScript refines Union/Optional/Any values with isinstance, so the interpreter
// must decide from a value alone whether it is a T: tags for leaf types, the static
// element types containers carry (ListObj/DictObj) for List[T]/Dict[K, V], elements
// for tuples, the class for objects.
#pragma once

#include "ir/ivalue.h"
#include "ir/types.h"

namespace sconce {

/// Whether `value` is an instance of `type`, as PyTorch decides it: Tensor/int/float/
/// bool/str/complex/Device/None by tag (bool is not an int; `Scalar` is int, float or
/// complex), List[T] when the list's element type is T (lists are invariant; a list
/// typed Any, e.g. from a pickle, when every element is a T), Dict[K, V] likewise,
/// Tuple[...] elementwise (and by name for NamedTuples), Optional/Union when any member
/// matches, a class or enum by qualified name, an interface when the object's class
/// has its methods, Any always.
bool isInstance(const IValue& value, const Type& type);

}  // namespace sconce
