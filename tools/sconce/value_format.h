// Human-readable and JSON renderings of IValues, shared by the CLI's subcommands.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "ir/ivalue.h"

namespace sconce::cli {

/// "float32 [2, 3]" (plus strides when not contiguous, "requires_grad" when set).
std::string describeTensor(const Tensor& t);
/// A one-line summary of a value: tensors described, containers abbreviated to
/// `maxChars` with "...".
std::string summarize(const IValue& v, size_t maxChars = 80);
/// Appends an indented tree of `v` (one line per container entry) to `out`; at most
/// `maxItems` entries per container are shown.
void printTree(const IValue& v, std::string& out, int indent = 0, size_t maxItems = 50);
/// JSON form: {"type": "tensor", "dtype", "shape", "stride", "storage_offset",
/// "requires_grad"}, {"type": "dict"|"ordered_dict", "items": [[k, v], ...]},
/// {"type": "tuple"|"list", "items": [...]}, {"type": "int", "value": "123"} (decimal
/// string, exact for big ints too), {"type": "float", "value": "1.5"} (Python repr),
/// {"type": "str"|"bool"|"none"|"device"|"object"|"complex", ...}.
nlohmann::json toJson(const IValue& v);

}  // namespace sconce::cli
