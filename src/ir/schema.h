// FunctionSchema: an operator's signature in PyTorch's schema language, and its parser.
//
// The operator table keys every op by a schema string exactly as PyTorch writes it
// (`aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor`);
// overload resolution, alias analysis and the interpreter read the parsed form.
// str() prints PyTorch's `str(schema)` text, so print(parse(s)) == s for every schema
// PyTorch 1.13 registers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ivalue.h"
#include "ir/types.h"

namespace sconce {

/// Alias annotation of an argument or return: `Tensor(a!)` is in set `a` and written;
/// `Tensor(a -> *)` is in `a` before the call and may alias anything after it. For
/// containers (`Tensor(a)[]`), `containedTypes` holds the elements' annotation.
struct AliasInfo {
  std::vector<std::string> beforeSets;  ///< set names without `alias::`; "*" is the wildcard
  std::vector<std::string> afterSets;   ///< equal to beforeSets unless written with `->`
  bool isWrite = false;
  std::vector<AliasInfo> containedTypes;

  bool isWildcardBefore() const;
  bool isWildcardAfter() const;
  /// `(a!)`, `(a -> *)`, `(b|a)`; sets compare as sets.
  std::string str() const;
  bool operator==(const AliasInfo& o) const;
};

struct Argument {
  std::string name;  ///< empty for unnamed returns
  /// The type the type system uses: ScalarType, Layout, MemoryFormat, SymInt, QScheme,
  /// DeviceIndex are int, SymBool is bool, Dimname is str.
  TypePtr type;
  /// The type as written, for printing (`ScalarType?` where `type` is `int?`).
  TypePtr realType;
  std::optional<int32_t> N;  ///< `int[2]`: the list's fixed size
  std::optional<IValue> defaultValue;
  bool kwargOnly = false;
  std::optional<AliasInfo> aliasInfo;

  /// A kwarg-only argument that is written (`*, Tensor(a!) out`).
  bool isOut() const { return kwargOnly && aliasInfo && aliasInfo->isWrite; }
  /// `Tensor(a!) self`, `int[2] stride=1`, `ScalarType? dtype=None`.
  std::string str() const;
};

class FunctionSchema {
 public:
  std::string name;          ///< "aten::add"
  std::string overloadName;  ///< "Tensor"; empty when none
  std::vector<Argument> arguments;
  std::vector<Argument> returns;
  bool isVararg = false;  ///< `(...)`: extra inputs accepted
  bool isVarret = false;  ///< `-> ...`: any number of outputs

  /// "aten::add.Tensor" (or just the name without an overload).
  std::string operatorName() const;
  /// The index of the argument called `argName`, if any.
  std::optional<size_t> argumentIndex(std::string_view argName) const;
  /// Whether any argument is written (has a `!` annotation).
  bool isMutable() const;
  /// PyTorch's text, e.g. `aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor`.
  std::string str() const;
};

/// Parses a schema. Throws CompileError (message plus the schema with the offending
/// spot underlined) on malformed input or an unknown type name.
FunctionSchema parseSchema(std::string_view text);

}  // namespace sconce
