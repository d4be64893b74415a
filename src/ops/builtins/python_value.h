// Python's value protocol for IValues: str(), repr(), ==, <, hash().
//
// The builtin kernels (str(x), "{}".format(x), list.sort(), `in`, dict keys, min/max)
// must agree with what Python prints and how Python compares; this is the one place
// that knows those rules, so list, dict, string and number kernels all share them.
#pragma once

#include <cstdint>
#include <string>

#include "ir/ivalue.h"

namespace sconce::ops {

/// Python's str(v): strings as they are, floats as repr ("1.0", "1e-05"), containers
/// with their elements' repr ("[1.0, 'a']"), devices as "cuda:0", enums as "Color.RED".
std::string pyStr(const IValue& v);
/// Python's repr(v): strings quoted, complex as "(1+2j)", named tuples as
/// "Point(x=1, y=2)", devices as "device(type='cuda', index=0)".
std::string pyRepr(const IValue& v);
/// Python's repr of a float without a forced ".0" ("1", "2.5", "1e+20"), as complex
/// numbers print their parts.
std::string pyFloatReprNoDot(double v);
/// Python's repr of a complex number.
std::string pyComplexRepr(std::complex<double> c);

/// Python's `a == b`: numbers compare by value across int/float/bool/complex (exactly,
/// not through a rounded double), containers element-wise, tensors by identity or equal
/// contents, objects by identity.
bool pyEquals(const IValue& a, const IValue& b);
/// Python's `a < b` for the orderable kinds (numbers, str, lists and tuples
/// lexicographically, single-element tensors); throws PythonError(TypeError) otherwise.
bool pyLess(const IValue& a, const IValue& b);
/// -1, 0, 1 comparing an int with a float exactly; 2 when `d` is NaN (unordered).
int compareIntDouble(int64_t i, double d);

/// Python's hash(): CPython's exact numeric hash (hash(1) == hash(1.0) == hash(True))
/// and tuple hash; strings use a fixed FNV-1a (CPython salts str hashes per process).
int64_t pyHash(const IValue& v);

/// Python's truth value of a number, string or container.
bool pyTruth(const IValue& v);

}  // namespace sconce::ops
