// The operator table: the single source of truth for every `aten::`/`prim::` op.
//
// Each entry holds the op's PyTorch schema (from schema_table.inc, in PyTorch 1.13's
// registration order, which decides between ambiguous overloads; then the PyTorch 2.x
// overloads 1.13 lacks, from schema_table_2x.inc), and — once someone
// implements it — its kernel. Overload resolution in the frontend, constant folding,
// the interpreter and the tracer all read this table; adding an op means one kernel
// registered against its schema, and one test (docs/adding_an_op.md).
// Schemas are parsed lazily, per op name, the first time that name is looked up.
#pragma once

#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/ivalue.h"
#include "ir/schema.h"
#include "ir/symbol.h"

namespace sconce {

/// The interpreter's operand stack.
using Stack = std::vector<IValue>;
/// Every kernel has this signature: its inputs are the top `schema.arguments.size()`
/// values of the stack (in schema order, defaults already filled in; for vararg ops the
/// caller pushes the count last as an int), which it pops, pushing its outputs in order.
using KernelFn = void (*)(Stack& stack);

struct Operator {
  FunctionSchema schema;
  KernelFn kernel = nullptr;  // null: known to the frontend but not implemented yet
  bool hasKernel() const { return kernel != nullptr; }
};

class OperatorRegistry {
 public:
  /// The process-wide table (schemas of PyTorch's ops plus every registered kernel).
  /// Thread-safe; the first call builds the name index.
  static OperatorRegistry& global();

  /// All overloads of `name` (e.g. aten::add) in registration order; empty when
  /// unknown. The returned pointers stay valid for the life of the process.
  const std::vector<const Operator*>& lookup(Symbol name);
  /// One overload by its operator name, "aten::add.Tensor" (or "aten::relu"); null
  /// when unknown.
  const Operator* find(std::string_view operatorName);
  /// Attaches `kernel` to the op whose full schema string or operator name
  /// ("aten::add.Tensor") is given; a schema not in the table is added (for ops newer
  /// than the table, or Sconce's own). Throws InternalError for an unknown operator
  /// name without a schema, or a second kernel for one op.
  void registerKernel(std::string_view schemaOrName, KernelFn kernel);
  /// Number of schemas known and kernels registered (for diagnostics).
  size_t schemaCount();
  size_t kernelCount();

 private:
  OperatorRegistry();
  struct Entry {
    std::vector<std::string_view> pending;  // schema texts not parsed yet
    std::vector<std::unique_ptr<Operator>> ops;
    std::vector<const Operator*> view;
  };
  Entry& entryFor(std::string_view qualifiedName);
  void parsePending(Entry& e);

  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::vector<std::string> ownedSchemas_;
};

/// The schema texts the registry starts from (for tests and diagnostics): PyTorch
/// 1.13's table (schema_table.inc), the 2.x schemas whose operator names 1.13 lacks
/// (schema_table_2x.inc, loaded after it), and the 2.x texts that replace a 1.13 entry of
/// the same operator name (schema_overrides_2x.inc). See gen_schema_table.py.
std::span<const char* const> schemaTable113();
std::span<const char* const> schemaTable2x();
std::span<const char* const> schemaOverrides2x();

/// Extracts "aten::add" from a schema text or operator name "aten::add.Tensor(...)".
std::string_view schemaQualifiedName(std::string_view schemaOrName);

}  // namespace sconce
