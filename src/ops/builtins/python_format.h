// Python's three ways of formatting values into text: format(value, spec),
// str.format(*args) and `fmt % args`.
//
// TorchScript compiles "{} {:.2f}".format(a, b) to aten::format and "%d" % (x,) to
// aten::percentFormat. Sconce gives them Python's full behaviour (format-spec
// mini-language, !r conversions, manual field numbers, printf flags) and Python's error
// texts, rather than TorchScript 1.13's `{}`-only subset that prints 1.0 as "1.".
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "ir/ivalue.h"

namespace sconce::ops {

/// format(value, spec): the format-spec mini-language
/// `[[fill]align][sign][z][#][0][width][,|_][.precision][type]` for int, bool, float and
/// str; any value with an empty spec formats as str(value). Raises PythonError
/// (ValueError/TypeError) with CPython's messages for invalid specs.
std::string pyFormat(const IValue& value, std::string_view spec);

/// str.format(*args): `{}`/`{0}` fields (auto or manual numbering, `[index]` lookups into
/// lists, tuples and dicts), `!r`/`!s`/`!a` conversions, specs (which may nest one
/// `{}`), `{{`/`}}` escapes.
std::string pyStrFormat(std::string_view format, std::span<const IValue> args);

/// `format % args` (printf style): flags `-+ #0`, width and precision (or `*`), types
/// d i u o x X e E f F g G c s r a %. `args` is a tuple of values or one value.
std::string pyPercentFormat(std::string_view format, const IValue& args);

/// Python's ascii(value): repr with non-ASCII characters escaped.
std::string pyAscii(const IValue& value);

}  // namespace sconce::ops
