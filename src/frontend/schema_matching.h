// Overload resolution: matching a call's arguments against operator schemas, as
// PyTorch's compiler does, and emitting the chosen op into a graph.
//
// Given `torch.add(x, 1, alpha=2)`, tries each overload of aten::add in registration
// order — first without implicit conversions, then with them — and picks the first
// that fits: positional then keyword arguments (any order), defaults filled in,
// `int[2]` from a single int, tuples to typed lists, `[]` literals typed by the
// schema, numbers to Scalar, values to Optional, Tensor→number via
// aten::IntImplicit/FloatImplicit/ScalarImplicit and str→Device via aten::device when
// conversions are allowed, trailing positionals packed into a list
// (`torch.zeros(2, 3)`), type variables (`t[]`, `Dict(str, t)`) bound and propagated to
// the return types. PyTorch does *not* convert int→float or bool→int here, and neither
// do we. The error for a call that matches nothing lists every candidate with why it
// failed, in PyTorch's words.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ir/schema.h"
#include "support/source_range.h"

namespace sconce {

/// One argument of a call site: an IR value, with its keyword name when passed as
/// `name=value`, and its source range for diagnostics.
struct NamedValue {
  Value* value = nullptr;
  std::string name;  // empty for positional
  SourceRange range;
};

/// The result of a successful match: the op's inputs in schema order (conversions and
/// defaults already inserted into the graph), and the concrete return types.
struct MatchedSchema {
  const FunctionSchema* schema = nullptr;
  std::vector<Value*> inputs;
  std::vector<TypePtr> returnTypes;
  std::vector<std::string> returnFieldNames;  // named returns, "" when unnamed
};

/// Tries one schema; nullopt when the arguments do not fit, with PyTorch's reason
/// block ("\n<schema>:\n<why>\n") appended to `failure` if given. Nodes it inserted
/// (defaults, conversions) are removed again on failure, so a graph only ever holds
/// the winning overload's. `self` (a method call's receiver) is matched to the
/// argument named `self`; a receiver the schema has no place for fails the match.
/// Never matches aten::view.dtype (PyTorch blocks it: `x.view(1)` would pick it).
std::optional<MatchedSchema> tryMatchSchema(const FunctionSchema& schema, const SourceRange& loc,
                                            Graph& graph, const std::vector<NamedValue>& args,
                                            const std::vector<NamedValue>& kwargs,
                                            const std::optional<NamedValue>& self,
                                            bool allowConversions, std::string* failure);

/// Picks among overloads as PyTorch does (all without conversions, then all with;
/// a single schema is tried with conversions only); throws CompileError at `loc`
/// ("Arguments for call are not valid.\nThe following variants are available:..."
/// listing every candidate, or just the reason when there is one schema).
MatchedSchema matchSchemas(const std::vector<const FunctionSchema*>& schemas,
                           const SourceRange& loc, Graph& graph,
                           const std::vector<NamedValue>& args,
                           const std::vector<NamedValue>& kwargs,
                           const std::optional<NamedValue>& self = std::nullopt);

/// Resolves `name` (e.g. aten::add) in the operator table, matches, and inserts the op
/// node (emitBuiltinNode). Throws CompileError "Unknown builtin op: aten::foo." (with
/// similarly spelled ops as suggestions) for unknown names.
Value* emitBuiltinCall(const SourceRange& loc, Graph& graph, Symbol name,
                       const std::vector<NamedValue>& args,
                       const std::vector<NamedValue>& kwargs,
                       const std::optional<NamedValue>& self = std::nullopt);

/// Inserts a `name` node with `matched`'s inputs, one output per return type, and
/// source range `loc`; returns the single output, or a prim::TupleConstruct of all
/// of them (typed with field names when every return is named, like aten::max.dim's
/// `(Tensor values, Tensor indices)`; an empty tuple `()` for ops returning nothing).
Value* emitBuiltinNode(const MatchedSchema& matched, const SourceRange& loc, Graph& graph,
                       Symbol name);

// ---- Building blocks, shared with the IR emitter -----------------------------------

/// The node kind of an unannotated `[]` literal (output typed Tensor[]): schema
/// matching retypes it to whatever list the argument wants; the original node is left
/// for a cleanup pass to erase, as in PyTorch.
Symbol emptyListLiteralKind();

/// Type-variable bindings of one match (`t` → int).
using TypeEnv = std::unordered_map<std::string, TypePtr>;

/// Whether `type` mentions a schema type variable anywhere.
bool hasFreeVariables(const TypePtr& type);

/// Binds the variables in `formal` from `actual` (first use binds; later uses must
/// unify with the binding, which stays as it was). Returns the reason for a mismatch
/// ("Cannot match List[t] to Tensor"), or "" on success.
std::string matchTypeVariables(const TypePtr& formal, const TypePtr& actual, TypeEnv& env);

/// `type` with its variables replaced from `env`; null when one is unbound.
TypePtr tryEvalTypeVariables(const TypePtr& type, const TypeEnv& env);

/// Whether `type` converts to the list type `listType`: it already is a subtype, or it
/// is a tuple whose elements all are subtypes of the list's element type.
bool convertibleToList(const TypePtr& type, const TypePtr& listType);

/// Applies PyTorch's implicit conversions of `value` towards `concreteType`, inserting
/// nodes at the graph's insert point: to Optional[T] as to T, `[]` literals and
/// homogeneous tuples to lists, tuples elementwise, and — when `allowConversions` —
/// Tensor→int/float/complex/Scalar, Scalar→int/float/complex, str→Device. Returns the
/// converted value (or `value` itself); the caller checks that its type fits.
Value* tryConvertToType(const SourceRange& loc, Graph& graph, const TypePtr& concreteType,
                        Value* value, bool allowConversions);

/// The elements of a tuple value: a TupleConstruct's inputs directly, else the
/// outputs of a new prim::TupleUnpack.
std::vector<Value*> createTupleUnpack(Value* tuple);

/// Inserts `prim::ListConstruct` of `elems` typed `elemType[]`.
Value* insertList(Graph& graph, const TypePtr& elemType, const std::vector<Value*>& elems);

/// Inserts `prim::TupleConstruct` of `elems`; typed `tupleType` when given, else the
/// tuple of the elements' types.
Value* insertTuple(Graph& graph, const std::vector<Value*>& elems, TypePtr tupleType = {});

/// A type as PyTorch's error messages spell it (repr_str): `List[int]`,
/// `Optional[Tensor]`, `number` for Scalar.
std::string typeReprStr(const TypePtr& type);

}  // namespace sconce
