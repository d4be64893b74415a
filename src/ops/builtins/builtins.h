// Kernels for TorchScript's non-tensor builtins: numbers, math, strings, lists, dicts,
// and the small ops on tensor metadata (x.size(), x.dtype, x.item()).
//
// They follow Python's semantics (what the same expression does in CPython 3) and raise
// PythonError with Python's message where Python raises; where a schema forces a
// different answer (round() returning float, find()'s end=-1 default meaning "to the
// end") the schema wins. Each family lives in its own file and registers itself here.
#pragma once

#include "ops/boxing.h"
#include "ops/builtins/python_error.h"
#include "ops/builtins/python_value.h"
#include "ops/operator_registry.h"

namespace sconce::ops {

/// Registers every builtin family (called from registerAllKernels).
void registerBuiltinKernels(OperatorRegistry& registry);

void registerNumberKernels(OperatorRegistry& registry);      // number_kernels.cpp
void registerMathKernels(OperatorRegistry& registry);        // math_kernels.cpp
void registerConversionKernels(OperatorRegistry& registry);  // conversion_kernels.cpp
void registerStringKernels(OperatorRegistry& registry);      // string_kernels.cpp
void registerStringSearchKernels(OperatorRegistry& registry);  // string_search_kernels.cpp
void registerListKernels(OperatorRegistry& registry);        // list_kernels.cpp
void registerDictKernels(OperatorRegistry& registry);        // dict_kernels.cpp
void registerMiscKernels(OperatorRegistry& registry);        // misc_kernels.cpp
void registerTensorInfoKernels(OperatorRegistry& registry);  // tensor_info_kernels.cpp

/// Scalar-typed overloads (`aten::add(Scalar a, Scalar b) -> Scalar`) run the typed
/// overload the operands' runtime types select, as Python's dynamic typing would: bools
/// act as ints, any complex operand selects `Complex`, any float `Float`, else `Int`.
/// `Complex` may be null where the op has no complex form (a TypeError then).
template <KernelFn Int, KernelFn Float, KernelFn Complex>
void scalarBinary(Stack& stack) {
  IValue& a = stack[stack.size() - 2];
  IValue& b = stack.back();
  if (a.isBool()) a = IValue(int64_t{a.toBool()});
  if (b.isBool()) b = IValue(int64_t{b.toBool()});
  if (a.isComplex() || b.isComplex()) {
    if constexpr (Complex == nullptr) {
      raisePython("TypeError", "this operation does not support complex numbers");
    } else {
      Complex(stack);
    }
    return;
  }
  if (a.isInt() && b.isInt()) Int(stack);
  else Float(stack);
}

/// The unary form of scalarBinary.
template <KernelFn Int, KernelFn Float, KernelFn Complex>
void scalarUnary(Stack& stack) {
  IValue& a = stack.back();
  if (a.isBool()) a = IValue(int64_t{a.toBool()});
  if (a.isComplex()) {
    if constexpr (Complex == nullptr) {
      raisePython("TypeError", "this operation does not support complex numbers");
    } else {
      Complex(stack);
    }
    return;
  }
  if (a.isInt()) Int(stack);
  else Float(stack);
}

}  // namespace sconce::ops
