// Node attributes: named compile-time values attached to IR nodes (`[value=1]`).
//
// Mirrors PyTorch's AttributeKind so graphs print and parse the same way: a
// prim::Constant keeps an int/bool in `i`, a float in `f`, a str or Device in `s` and
// anything structured (lists, tuples, tensors, dicts) in `ival`.
#pragma once

#include <complex>
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ir/ivalue.h"
#include "ir/symbol.h"
#include "ir/types.h"

namespace sconce {

class Graph;

enum class AttributeKind : uint8_t {
  i,     ///< int64_t (also bools)
  f,     ///< double
  c,     ///< std::complex<double>
  s,     ///< std::string (also devices, in their str() form)
  is,    ///< std::vector<int64_t>
  fs,    ///< std::vector<double>
  ss,    ///< std::vector<std::string>
  ival,  ///< IValue
  ty,    ///< TypePtr
  tys,   ///< std::vector<TypePtr>
  g,     ///< std::shared_ptr<Graph> (shared, e.g. the Subgraph of prim::fork)
};

/// "i", "f", ... for error messages.
const char* toString(AttributeKind kind);

/// One attribute: its name and value; the variant index matches AttributeKind.
struct Attribute {
  using Value = std::variant<int64_t, double, std::complex<double>, std::string,
                             std::vector<int64_t>, std::vector<double>, std::vector<std::string>,
                             IValue, TypePtr, std::vector<TypePtr>, std::shared_ptr<Graph>>;
  Symbol name;
  Value value;
  AttributeKind kind() const { return static_cast<AttributeKind>(value.index()); }
};

}  // namespace sconce
