#!/usr/bin/env python3
"""Cases for the builtin-op kernels, with CPython as the oracle.

Each case names an operator, its arguments (all of them, defaults included, as the
interpreter pushes them) and a Python function that does what the operator means. This
script runs the function under CPython and records the outputs, the state of any
argument the op mutates, or the exception text ("KeyError: 'b'"), as typed JSON that
builtins_test.cpp replays against Sconce's kernels.

Usage: make_cases.py OUT.json
"""
import copy
import json
import math
import sys

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class L(list):
    """A list with an explicit element type (for empty lists): L([], "int")."""

    def __init__(self, items, elem):
        super().__init__(items)
        self.elem = elem


class D(dict):
    """A dict with explicit key/value types: D({}, "str", "int")."""

    def __init__(self, items, key, value):
        super().__init__(items)
        self.key, self.value = key, value


def type_name(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, complex):
        return "complex"
    if isinstance(v, str):
        return "str"
    if isinstance(v, tuple):
        return "(" + ", ".join(type_name(x) for x in v) + ")"
    if isinstance(v, list):
        return (v.elem if isinstance(v, L) else elem_type(v)) + "[]"
    if isinstance(v, dict):
        return "Dict(%s, %s)" % dict_types(v)
    if v is None:
        return "NoneType"
    raise TypeError(v)


def elem_type(items):
    names = {type_name(x) for x in items}
    return names.pop() if len(names) == 1 else "Any"


def dict_types(d):
    if isinstance(d, D):
        return d.key, d.value
    return elem_type(list(d.keys())), elem_type(list(d.values()))


class BigInt(Exception):
    pass


def enc(v):
    """Python value -> typed JSON (tags keep int/float/bool apart and floats exact)."""
    if v is None:
        return {"none": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        if not INT64_MIN <= v <= INT64_MAX:
            raise BigInt(v)
        return {"int": v}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, complex):
        return {"complex": [repr(v.real), repr(v.imag)]}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, tuple):
        return {"tuple": [enc(x) for x in v]}
    if isinstance(v, list):
        return {"list": [enc(x) for x in v], "elem": v.elem if isinstance(v, L) else elem_type(v)}
    if isinstance(v, dict):
        key, value = dict_types(v)
        return {"dict": [[enc(k), enc(x)] for k, x in v.items()], "key": key, "value": value}
    raise TypeError("cannot encode %r" % (v,))


CASES = []
FAMILY = "misc"


def family(name):
    global FAMILY
    FAMILY = name


def case(op, args, fn, outs=1, mut=(), vararg=False):
    """op(*args) should do what fn(*args) does in Python. outs: number of outputs (a
    tuple result spreads over them); mut: indices of arguments whose state after the
    call is checked; vararg: the op is `(...)`, so the argument count is pushed too."""
    run_args = copy.deepcopy(args)
    record = {"family": FAMILY, "op": op, "args": [enc(a) for a in args], "vararg": vararg}
    try:
        result = fn(*run_args)
    except Exception as e:  # the oracle's exception is the expected outcome
        record["error"] = "%s: %s" % (type(e).__name__, e)
    else:
        try:
            if outs == 0:
                record["outputs"] = []
            elif outs == 1:
                record["outputs"] = [enc(result)]
            else:
                record["outputs"] = [enc(x) for x in result]
            record["mutated"] = [[i, enc(run_args[i])] for i in mut]
        except BigInt:
            # Python made an int that Sconce's int64 cannot hold: Sconce raises instead.
            record.pop("outputs", None)
            record["error"] = "OverflowError: Python int too large to convert to C long"
    CASES.append(record)


def cases_for(ops, argsets, fn, **kw):
    for op in ops:
        for a in argsets:
            case(op, list(a), fn, **kw)


def ts_end(n, end):
    """TorchScript's find/count/startswith end: negative counts from one past the end."""
    return max(0, n + end + 1) if end < 0 else end


# ---- numbers -----------------------------------------------------------------------------
family("numbers")
INTS = [7, -7, 0, 3, -2, 1, INT64_MAX, 12]
FLOATS = [7.5, -7.5, 0.0, -0.0, 2.0, 1e300, float("inf"), float("nan"), 0.1]
PAIRS_II = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (5, 0), (INT64_MIN, -1), (INT64_MAX, 1), (3, 7)]
PAIRS_FF = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (5.0, 0.0), (0.0, -3.0), (-0.0, 2.0), (1e300, 1e-300),
            (float("inf"), 2.0), (2.0, float("inf")), (float("nan"), 1.0), (-1.0, 0.5), (6.0, 3.0), (0.1, 0.2)]
PAIRS_IF = [(7, 2.0), (-7, 0.5), (3, 0.0), (0, -2.0), (2**53 + 1, float(2**53))]


def wrap(v):
    return (v + 2**63) % 2**64 - 2**63


for op, fn in [("add", lambda a, b: wrap(a + b)), ("sub", lambda a, b: wrap(a - b)), ("mul", lambda a, b: wrap(a * b)),
               ("floordiv", lambda a, b: wrap(a // b)), ("remainder", lambda a, b: a % b),
               ("div", lambda a, b: a / b)]:
    cases_for(["aten::%s.int" % op], PAIRS_II, fn)
for op, fn in [("add", lambda a, b: a + b), ("sub", lambda a, b: a - b), ("mul", lambda a, b: a * b),
               ("floordiv", lambda a, b: a // b), ("remainder", lambda a, b: a % b), ("div", lambda a, b: a / b)]:
    cases_for(["aten::%s.float" % op], PAIRS_FF, fn)
    if op != "div":
        cases_for(["aten::%s.int_float" % op], PAIRS_IF, fn)
        cases_for(["aten::%s.float_int" % op], [(b, a) for a, b in PAIRS_IF], fn)
    cases_for(["aten::%s" % op], [(7, 2), (7, 2.0), (True, 2), (-7.5, 2), (5, 0), (True, True)], fn)
cases_for(["aten::add.complex"], [(1 + 2j, 3 - 1j)], lambda a, b: a + b)
cases_for(["aten::mul.complex_float"], [(1 + 2j, 2.0)], lambda a, b: a * b)
cases_for(["aten::div.complex"], [(1 + 2j, 3 - 1j), (1j, 0j)], lambda a, b: a / b)
cases_for(["aten::add"], [(1 + 2j, 1), (2, 1j)], lambda a, b: a + b)
cases_for(["aten::pow.int"], [(2, 3), (2, -1), (-2, 3), (0, 0), (0, -1), (3, 40), (10, 400)],
          lambda a, b: float(a) ** b)
cases_for(["aten::pow.float", "aten::pow.int_float", "aten::pow.float_int"],
          [(2, 0.5), (2.0, -1), (0.0, -1.0), (-8.0, 2), (10.0, 400), (1.5, 2.0), (4, 0.5)],
          lambda a, b: float(a ** b))
cases_for(["aten::pow.int_to_int"], [(2, 10), (-3, 3), (7, 0), (2, 62), (2, -1), (1, -5), (-1, -3)],
          lambda a, b: a ** b if b >= 0 else int(a ** b))
cases_for(["aten::pow.Scalar_Scalar"], [(2, 3), (2.0, 3), (4, 0.5)], lambda a, b: float(a ** b))
cases_for(["aten::divmod.int"], PAIRS_II[:6], lambda a, b: divmod(a, b), outs=2)
cases_for(["aten::divmod.float"], PAIRS_FF[:6], lambda a, b: divmod(a, b), outs=2)
cases_for(["aten::divmod.int_float"], PAIRS_IF[:4], lambda a, b: divmod(a, b), outs=2)
cases_for(["aten::neg.int"], [(5,), (-5,), (0,)], lambda a: -a)
cases_for(["aten::neg.float"], [(5.5,), (0.0,), (-0.0,)], lambda a: -a)
cases_for(["aten::neg.Scalar"], [(5,), (2.5,), (True,)], lambda a: -a)
cases_for(["prim::abs.int"], [(-5,), (5,)], abs)
cases_for(["prim::abs.float"], [(-5.5,), (-0.0,)], abs)
cases_for(["prim::abs.complex"], [(3 + 4j,)], abs)
cases_for(["prim::abs.Scalar"], [(-3,), (-2.5,)], abs)
CMP = [("eq", lambda a, b: a == b), ("ne", lambda a, b: a != b), ("lt", lambda a, b: a < b),
       ("le", lambda a, b: a <= b), ("gt", lambda a, b: a > b), ("ge", lambda a, b: a >= b)]
for op, fn in CMP:
    cases_for(["aten::%s.int" % op], [(1, 2), (2, 2), (3, -1)], fn)
    cases_for(["aten::%s.float" % op], [(1.5, 2.0), (2.0, 2.0), (float("nan"), 1.0), (0.0, -0.0)], fn)
    cases_for(["aten::%s.int_float" % op], [(1, 1.5), (2, 2.0), (2**53 + 1, float(2**53)), (3, float("nan"))], fn)
    cases_for(["aten::%s.float_int" % op], [(1.5, 1), (2.0, 2), (float(2**53), 2**53 + 1)], fn)
    cases_for(["aten::%s.str" % op], [("a", "b"), ("b", "a"), ("ab", "ab"), ("", "a"), ("é", "z")], fn)
    cases_for(["aten::%s" % op], [(1, 2.5), (True, 1), (2.0, 2), (1, 1j)], fn)
cases_for(["aten::eq.bool"], [(True, False), (True, True)], lambda a, b: a == b)
cases_for(["aten::ne.bool"], [(True, False), (True, True)], lambda a, b: a != b)
cases_for(["aten::eq.complex"], [(1 + 1j, 1 + 1j), (1j, 2j)], lambda a, b: a == b)
cases_for(["aten::eq.float_complex"], [(1.0, 1 + 0j)], lambda a, b: a == b)
for op, fn in [("__and__", lambda a, b: a & b), ("__or__", lambda a, b: a | b), ("__xor__", lambda a, b: a ^ b)]:
    cases_for(["aten::%s.int" % op], [(12, 10), (-1, 5), (0, 7)], fn)
    cases_for(["aten::%s.bool" % op], [(True, False), (True, True), (False, False)], fn)
cases_for(["aten::__lshift__.int"], [(1, 3), (-3, 2), (5, -1), (1, 62)], lambda a, b: a << b)
cases_for(["aten::__rshift__.int"], [(17, 2), (-17, 2), (5, -1), (-1, 70), (5, 64)], lambda a, b: a >> b)
cases_for(["aten::__not__"], [(True,), (False,)], lambda a: not a)
cases_for(["aten::__round_to_zero_floordiv.int"], [(7, 2), (-7, 2), (7, 0)],
          lambda a, b: int(a / b) if b else 1 // b)
cases_for(["prim::min.int"], [(3, 4), (4, 3)], min)
cases_for(["prim::max.float"], [(3.5, 4.0), (float("nan"), 1.0), (1.0, float("nan"))], max)
cases_for(["prim::min.int_float"], [(3, 4.5), (5, 4.5)], lambda a, b: float(min(a, b)))
cases_for(["prim::max.int_float"], [(3, 4.5), (5, 4.5)], lambda a, b: float(max(a, b)))
cases_for(["prim::min"], [(3, 4.5), (5, 4.5), (1, 1.0)], min)
cases_for(["prim::max"], [(3, 4.5), (5, 4.5), (1, 1.0)], max)

# ---- math --------------------------------------------------------------------------------
family("math")
UNARY = ["sqrt", "exp", "expm1", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
         "asinh", "acosh", "atanh", "erf", "erfc", "fabs", "degrees", "radians", "gamma", "lgamma", "log", "log10"]
MATH_ARGS = [0.5, 2.0, -1.0, 0.0, 1.0, 1000.0, float("inf"), -float("inf"), float("nan"), -3.0, 1e-10, 171.5]
for name in UNARY:
    fn = getattr(math, name)
    cases_for(["aten::%s.float" % name], [(x,) for x in MATH_ARGS], fn)
    cases_for(["aten::%s.int" % name], [(4,), (-2,), (0,)], fn)
    cases_for(["aten::%s.Scalar" % name], [(2,), (0.25,)], fn)
import cmath  # noqa: E402
for name in ["sqrt", "exp", "sin", "cos", "tanh", "log", "log10", "atan"]:
    cases_for(["aten::%s.complex" % name], [(1 + 2j,), (-1 + 0.5j,)], getattr(cmath, name))
cases_for(["aten::log.int_int", "aten::log.float_float", "aten::log.Scalar_Scalar"],
          [(8, 2), (100.0, 10.0), (8, 1), (0, 2), (2.5, 0.5)], math.log)
cases_for(["aten::floor.float"], [(2.5,), (-2.5,), (3.0,), (float("inf"),), (float("nan"),), (1e300,)], math.floor)
cases_for(["aten::ceil.float"], [(2.5,), (-2.5,), (1e-300,), (float("-inf"),)], math.ceil)
cases_for(["aten::floor.Scalar"], [(3,), (2.5,)], math.floor)
cases_for(["aten::ceil.Scalar"], [(3,), (2.5,)], math.ceil)
cases_for(["aten::round.float"], [(2.5,), (3.5,), (-0.5,), (-2.5,), (2.675,), (0.49999999999999994,), (float("inf"),)],
          lambda a: float(round(a)) if math.isfinite(a) else a)
cases_for(["aten::round.int"], [(3,)], float)
cases_for(["aten::isnan.float"], [(1.0,), (float("nan"),), (float("inf"),)], math.isnan)
cases_for(["aten::isinf.float"], [(1.0,), (float("-inf"),)], math.isinf)
cases_for(["aten::isfinite.float"], [(1.0,), (float("nan"),)], math.isfinite)
cases_for(["aten::copysign.float", "aten::copysign.int", "aten::copysign"], [(3.0, -0.0), (-2, 5), (1, -1.5)],
          math.copysign)
cases_for(["aten::atan2.float", "aten::atan2.int", "aten::atan2.Scalar_Scalar"], [(1.0, -1.0), (0, -1), (-0.0, -2)],
          math.atan2)
cases_for(["aten::fmod.float", "aten::fmod.int", "aten::fmod"], [(7.5, 2), (-7, 3), (1, 0), (float("inf"), 1),
                                                                 (5, float("inf"))], math.fmod)
cases_for(["aten::mathremainder.float", "aten::mathremainder"], [(5.0, 3.0), (7, 2), (1, 0), (float("inf"), 1)],
          math.remainder)
cases_for(["aten::gcd.int"], [(12, 18), (-12, 18), (0, 0), (0, -5), (17, 5)], math.gcd)
cases_for(["aten::factorial.int"], [(0,), (5,), (20,), (-1,)], math.factorial)
cases_for(["aten::frexp"], [(8.0,), (-0.3,), (0.0,), (float("inf"),)], math.frexp, outs=2)
cases_for(["aten::modf"], [(3.25,), (-3.25,), (float("inf"),)], math.modf, outs=2)
cases_for(["aten::ldexp"], [(0.75, 4), (1.0, 2000), (3.0, -2)], math.ldexp)
cases_for(["aten::polar.float"], [(2.0, 0.5)], cmath.rect)

# ---- conversions --------------------------------------------------------------------------
family("conversions")
cases_for(["aten::Int.str"], [("42",), ("  -17\n",), ("1_000",), ("3x",), ("",), ("+5",), ("1__0",), ("_1",),
                              ("99999999999999999999",), ("3.0",)], int)
cases_for(["aten::Float.str"], [("1e3",), (" 2.5 ",), ("inf",), ("-Infinity",), ("nan",), ("x",), ("1_0.5",),
                                (".5",), ("5.",), ("1e",), ("0x10",), ("",)], float)
cases_for(["aten::Int.float"], [(3.9,), (-3.9,), (float("nan"),), (float("inf"),), (1e300,)], int)
cases_for(["aten::Int.Scalar"], [(3,), (2.5,), (True,)], int)
cases_for(["aten::Int.bool"], [(True,)], int)
cases_for(["aten::Float.Scalar", "aten::Float.int"], [(3,), (-7,)], float)
cases_for(["aten::Float.bool"], [(True,)], float)
cases_for(["aten::Bool.int"], [(0,), (-3,)], bool)
cases_for(["aten::Bool.float"], [(0.0,), (float("nan"),)], bool)
cases_for(["aten::Complex.int_float", "aten::Complex.float_float"], [(1, 2.5), (0, -1.0)], complex)
cases_for(["aten::Complex.Scalar"], [(2,), (1.5,), (1 + 1j,)], complex)
STR_VALUES = [1, -2.5, 1.0, 1e16, 1e-5, 0.1, float("nan"), -0.0, True, None, "a'b", [1.0, 2.5], ["a", 'b"'],
              (1,), ("x", 2.0), {"a": 1.5, "b": [1]}, L([], "int"), 1 + 2j, 2j, -1.5 - 0j, (1, (2, "3"))]
cases_for(["aten::str"], [(v,) for v in STR_VALUES], str)
cases_for(["aten::hash.generic"], [(v,) for v in [0, 1, -1, -2, 2**61, 2**62 + 5, INT64_MIN, 1.5, -0.25, 1.0,
                                                  float("inf"), 1e300, True, (1, 2), (1.5, "")[:1], ()]], hash)
cases_for(["aten::ord"], [("a",), ("λ",), ("ab",), ("",)], ord)
cases_for(["aten::chr"], [(97,), (955,), (128512,), (-1,), (0x110000,)], chr)
cases_for(["aten::bin"], [(5,), (-5,), (0,), (INT64_MIN,)], bin)
cases_for(["aten::hex"], [(255,), (-255,), (INT64_MAX,)], hex)
cases_for(["aten::oct"], [(8,), (-8,)], oct)
cases_for(["aten::__range_length"], [(0, 10, 3), (10, 0, -3), (0, 0, 1), (5, 0, 1), (0, 5, 0), (-5, 5, 2),
                                     (INT64_MIN, INT64_MAX, INT64_MAX)], lambda a, b, c: len(range(a, b, c)))
cases_for(["aten::__derive_index"], [(3, 10, -2)], lambda i, s, st: s + i * st)
FORMATS = [("{} and {}", 1, 2.0), ("{}", [1, 2]), ("{}", "x"), ("{!r}", "x"), ("{1}{0}", "a", "b"),
           ("{:>8.3f}|{:<6}|{:^7}", 3.14159, "ab", "mid"), ("{:+}|{:,}|{:_}", 5, 1234567, 1234567),
           ("{:08.2f}|{:e}|{:g}|{:%}", -3.14159, 1234.5, 1e-7, 0.25), ("{:x}|{:#x}|{:b}|{:c}|{:o}", 255, 255, 5, 65, 8),
           ("{:010,}", 1234), ("{:09,}", 1234), ("{:*^9}", "ab"), ("{:.3}", 1.0), ("{:.3}", 1234.5), ("{:.0}", 1.5),
           ("{:>5}", True), ("{}", True), ("{:d}", True), ("{{}} {}", 1), ("{0[1]}", [5, 6]), ("{} {}", 1),
           ("{0} {}", 1, 2), ("{:d}", 1.5), ("{", ), ("}", ), ("{:x}", "a"), ("{:05}", "ab"), ("{:=+8}", -12),
           ("{:.2%}", 0.12345), ("{:g}", 1e20), ("{:G}", float("inf")), ("{:f}", float("nan")), ("{:z.1f}", -0.04),
           ("{:,.2f}", 1234567.891), ("{:#o}", 8), ("{:s}", "x"), ("{:.2s}", "abc"), ("{}", None), ("{:>4}", None),
           ("{:{}}", "a", 3), ("{x}", 1), ("{!x}", 1), ("{:=5}", "a"), ("{:,x}", 5), ("{:.1e}", 0.0),
           ("{:n}", 1234), ("{}", 1e16), ("{:}", 0.1), ("{:10}", 0.1), ("{:5}", 12), ("{:_b}", 255),
           ("{:.3}", 123.0), ("{:.3}", 0.0001234), ("{:.3}", 100.0), ("{:#.3}", 100.0), ("{:,}", 1234.5),
           ("{:e}", 12), ("{:%}", 1), ("{:.2}", float("inf")), ("{:08}", -1.5), ("{:+.1f}", 0.0),
           ("{:^+9.2e}", 12345.678), ("{:x<6d}", 42), ("{:,d}", -1234567), ("{:#b}", 0), ("{:X}", -255),
           ("{:010}", float("nan")), ("{:>6}", 1j), ("{}", 1j), ("{:c}", 955), ("{0!s:>4}", "ab"), ("{:g}", 100000.0),
           ("{:g}", 1000000.0), ("{:.10g}", 0.1), ("{:.1f}", 0.25), ("{:.1f}", 0.35), ("{:.0f}", 0.5),
           ("{:.0f}", 1.5), ("{!a}", "é"), ("{:.2f}", 1.5 - 2j), ("{:+}", 2j), ("{:10.3}", -0.0 + 1j),
           ("{:e}", 1 + 1j), ("{:=5}", 1j), ("{:d}", 1j), ("{0}{1}{0}", "a", "b"), ("{:<}", "x"), ("{:.}", 1.0)]
cases_for(["aten::format"], FORMATS, lambda f, *a: f.format(*a), vararg=True)
PERCENT = [("%d %s %f", (3, "x", 1.5)), ("%5.1f|%-5d|%05d|%+d", (3.14159, 3, 42, 5)),
           ("%x|%X|%o|%e|%g|%%", (255, 255, 8, 1234.5, 0.0001)), ("%s", ([1.0],)), ("%r", ("a",)), ("%s", "solo"),
           ("%d", 7), ("%d", ("a",)), ("%d %d", (1,)), ("%d", (1, 2)), ("%z", (1,)), ("%c", (955,)), ("%c", ("ab",)),
           ("%.3d|%#x|%#o", (5, 255, 8)), ("%*d|%-*d|", (5, 42, 4, 7)), ("%.2s|%5s|%-5s|", ("abc", "ab", "ab")),
           ("%d", (2.7,)), ("%x", (2.5,)), ("%f", ("a",)), ("%i|%u", (3, 4)), ("% d", (5,)), ("abc", ()),
           ("abc", (1,)), ("%", (1,)), ("%s and %s", (True, None)), ("%.1f", (0.05,)), ("%10.4e", (-12345.678,)),
           ("%G", (1e-10,)), ("%a", ("é",)), ("%(a)s-%(b)05.1f", {"a": "x", "b": 2.25}), ("%s", {"a": 1}),
           ("%(z)s", {"a": 1}), ("%(a)s", (1,)), ("%(a", {"a": 1}), ("%-+6d|%06.2f|% 05d", (3, -1.5, 7)),
           ("%e|%E", (0.0, float("inf"))), ("%.0f|%.0e|%#.0f", (2.5, 15.0, 3.0)), ("%5c|%-3c|", ("x", 65))]
cases_for(["aten::percentFormat"], PERCENT, lambda f, a: f % a, vararg=True)

# ---- strings -----------------------------------------------------------------------------
family("strings")
S = ["hello world", "", "a,b,,c", "  a  b ", "λx", "héllo wörld", "Hello World's", "ABC def", "a\tb\nc\r\nd"]
cases_for(["aten::len.str"], [(s,) for s in S], len)
cases_for(["aten::__getitem__.str", "prim::StringIndex"], [("abc", 0), ("abc", -1), ("abc", 3), ("abc", -4),
                                                           ("λxé", 2), ("λxé", -3)], lambda s, i: s[i])
SLICES = [(None, None, 1), (1, None, 1), (None, -1, 1), (-3, 10, 2), (None, None, -1), (None, None, -2),
          (5, 1, -1), (10, -10, -3), (0, 0, 1), (None, None, 0)]
cases_for(["aten::slice.str"], [(s, a, b, c) for s in ["abcdef", "λxéyz"] for a, b, c in SLICES],
          lambda s, a, b, c: s[a:b:c])
cases_for(["aten::add.str"], [("ab", "cd"), ("", "λ")], lambda a, b: a + b)
cases_for(["aten::list"], [("abc",), ("λé",), ("",)], list)
cases_for(["aten::split.str"], [("a,b,,c", ",", -1), ("a,b,,c", ",", 1), ("a b  c ", None, -1), ("  a  b  ", None, 1),
                                ("a  b ", None, 1), ("", None, -1), ("", ",", -1), ("a", "", -1), ("a b", " ", 0),
                                ("x\u2003y\x85z", None, -1), ("abcabc", "bc", -1)],
          lambda s, sep, m: s.split(sep, m))
cases_for(["aten::rsplit"], [("a b  c ", " ", -1), ("aXbXc", "X", 1), ("a", "", -1), ("abab", "ab", -1)],
          lambda s, sep, m: s.rsplit(sep, m))
cases_for(["aten::splitlines"], [("a\nb\r\nc\rd\x0be\x1cf\u2028g", False), ("a\nb\n", True), ("", False),
                                 ("\n\n", False), ("x\r\n", True)], lambda s, k: s.splitlines(k))
cases_for(["aten::join"], [(",", ["a", "b", "c"]), ("", L([], "str")), ("--", ["x"])], lambda s, v: s.join(v))
WS = " \n\t\f\v"
cases_for(["aten::strip"], [("  ab \n", WS), ("xxabxx", "x"), ("", WS), ("ab", ""),
                                                            ("λaλ", "λ"), ("aéb", "ab")],
          lambda s, c: s.strip(c))
cases_for(["aten::lstrip"], [("  ab \n", WS), ("xyab", "yx")], lambda s, c: s.lstrip(c))
cases_for(["aten::rstrip"], [("  ab \n", WS), ("abyx", "yx"), ("aé", "é")], lambda s, c: s.rstrip(c))
cases_for(["aten::center"], [("x", 6, "*"), ("ab", 7, " "), ("abc", 2, " "), ("λ", 4, "é"), ("x", 5, "ab")],
          lambda s, w, f: s.center(w, f))
cases_for(["aten::ljust"], [("x", 4, "-"), ("λ", 3, " ")], lambda s, w, f: s.ljust(w, f))
cases_for(["aten::rjust"], [("x", 4, "-"), ("abcde", 3, " ")], lambda s, w, f: s.rjust(w, f))
cases_for(["aten::zfill"], [("42", 5), ("-42", 5), ("+x", 4), ("abc", 2), ("", 3)], lambda s, w: s.zfill(w))
cases_for(["aten::expandtabs"], [("a\tb", 8), ("ab\tc\n\td", 4), ("\t", 0), ("λ\tx", 4)],
          lambda s, t: s.expandtabs(t))
for name in ["lower", "upper", "swapcase", "title", "capitalize"]:
    cases_for(["aten::" + name], [(s,) for s in ["hello World", "HELLO", "they're bill's 1st", "", "aBc DeF",
                                                 "x1y2", "ABC def"]], getattr(str, name))
for name in ["isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "islower", "isupper",
             "istitle", "isidentifier", "isprintable"]:
    cases_for(["aten::" + name], [(s,) for s in ["", "123", "abc", "aBc", "ABC", "a1", " \t\n", "Hello World",
                                                 "Hello world", "_x9", "9x", "a b", "a\x07", "A1 B2", "\u2003"]],
              getattr(str, name))
cases_for(["aten::partition"], [("a=b=c", "="), ("abc", "="), ("abc", "")], lambda s, p: s.partition(p), outs=3)
cases_for(["aten::rpartition"], [("a=b=c", "="), ("abc", "=")], lambda s, p: s.rpartition(p), outs=3)
cases_for(["aten::replace"], [("aaa", "a", "b", -1), ("aaa", "a", "bb", 2), ("abc", "", "-", -1),
                              ("abc", "", "-", 2), ("λé", "", ".", -1), ("abc", "x", "y", -1), ("aaaa", "aa", "a", -1)],
          lambda s, o, n, m: s.replace(o, n, m))
FIND = [("abcabc", "c", 0, -1), ("abcabc", "c", 3, -1), ("abcabc", "c", 0, -2), ("abcabc", "c", -2, -1),
        ("abcabc", "z", 0, -1), ("abc", "", 5, -1), ("abc", "", 3, -1), ("abcabc", "c", 10, 3),
        ("λxλx", "x", 0, -1), ("λxλx", "λ", 1, -1), ("abcabc", "bc", 1, 4)]
for op, m in [("find", str.find), ("rfind", str.rfind), ("index.str", str.index), ("rindex", str.rindex),
              ("count", str.count), ("startswith", str.startswith), ("endswith", str.endswith)]:
    cases_for(["aten::" + op], FIND, (lambda m: lambda s, sub, a, b: m(s, sub, a, ts_end(len(s), b)))(m))
cases_for(["aten::count"], [("abc", "", 0, -1), ("abc", "", 1, 2), ("aaaa", "aa", 0, -1)],
          lambda s, sub, a, b: s.count(sub, a, ts_end(len(s), b)))
cases_for(["aten::startswith"], [("abc", "", 4, -1), ("abc", "ab", 0, -1), ("abc", "bc", 1, -1)],
          lambda s, sub, a, b: s.startswith(sub, a, ts_end(len(s), b)))

# ---- lists -------------------------------------------------------------------------------
family("lists")
cases_for(["aten::len.t"], [([1, 2, 3],), (L([], "int"),)], len)
cases_for(["aten::__getitem__.t", "aten::select.t"], [([1, 2, 3], 0), ([1, 2, 3], -1), ([1, 2, 3], 3),
                                                       ([1, 2, 3], -4), (["a"], 0)], lambda l, i: l[i])


def setitem(l, i, v):
    l[i] = v
    return l


cases_for(["aten::_set_item.t"], [([1, 2, 3], 1, 9), ([1, 2, 3], -1, 9), ([1], 1, 9)], setitem, mut=[0])


def delitem(l, i):
    del l[i]


cases_for(["aten::Delete.t"], [([1, 2, 3], 0), ([1, 2], -1), ([1], 5)], delitem, outs=0, mut=[0])
cases_for(["aten::append.t"], [([1, 2], 3), (L([], "str"), "a")], lambda l, v: (l.append(v), l)[1], mut=[0])
cases_for(["aten::extend.t"], [([1, 2], [3, 4]), ([1], L([], "int"))], lambda l, o: l.extend(o), outs=0, mut=[0])
cases_for(["aten::insert.t"], [([1, 2, 3], 1, 9), ([1, 2], -1, 9), ([1, 2], 10, 9), ([1, 2], -10, 9)],
          lambda l, i, v: l.insert(i, v), outs=0, mut=[0])
cases_for(["aten::pop.t"], [([1, 2, 3], -1), ([1, 2, 3], 0), (L([], "int"), -1), ([1], 5), ([1, 2], -2)],
          lambda l, i: l.pop(i), mut=[0])
cases_for(["aten::remove.int"], [([1, 2, 1], 1), ([1], 2)], lambda l, v: l.remove(v), outs=0, mut=[0])
cases_for(["aten::remove.float"], [([1.0, 2.5], 2.5)], lambda l, v: l.remove(v), outs=0, mut=[0])
cases_for(["aten::remove.str"], [(["a", "b"], "b"), (["a"], "z")], lambda l, v: l.remove(v), outs=0, mut=[0])
cases_for(["aten::clear.t"], [([1, 2],)], lambda l: l.clear(), outs=0, mut=[0])
cases_for(["aten::slice.t"], [([1, 2, 3, 4, 5], a, b, c) for a, b, c in SLICES], lambda l, a, b, c: l[a:b:c])
cases_for(["aten::add.t"], [([1, 2], [3]), (L([], "int"), [1])], lambda a, b: a + b)
cases_for(["aten::add_.t"], [([1, 2], [3])], lambda a, b: (a.extend(b), a)[1], mut=[0])
cases_for(["aten::mul.left_t"], [([1, 2], 3), ([1], 0), ([1], -2)], lambda l, n: l * n)
cases_for(["aten::mul.right_"], [(2, ["a"])], lambda n, l: n * l)
cases_for(["aten::mul_.t"], [([1, 2], 2)], lambda l, n: (l.__imul__(n), l)[1], mut=[0])
cases_for(["aten::reverse.t"], [([1, 2, 3],)], lambda l: l.reverse(), outs=0, mut=[0])
SORTS = [([3, 1, 2], False), ([3, 1, 2], True), ([2.5, -1.0, 0.0], False), (["b", "a", "B", "é"], True),
         ([True, False, True], False), ([(2, "a"), (1, "b"), (1, "a")], False), ([[2, 1], [1, 5], [1]], True)]
for op in ["aten::sort.int", "aten::sort.float", "aten::sort.str", "aten::sort.bool", "aten::sort.any"]:
    cases_for([op], SORTS, lambda l, r: l.sort(reverse=r), outs=0, mut=[0])
cases_for(["aten::sorted.any", "aten::sorted.int"], [([3, 1, 2],), ([(1, "b"), (1, "a")],), ([1, None],)], sorted)
cases_for(["aten::index.list_int"], [([1, 2, 3], 2), ([1], 5)], lambda l, v: l.index(v))
cases_for(["aten::index.list_str"], [(["a", "b"], "b"), (["a"], "z")], lambda l, v: l.index(v))
cases_for(["aten::count.int", "aten::count.float"], [([1, 2, 1], 1), ([1.0, 2.0], 1)], lambda l, v: l.count(v))
cases_for(["aten::__contains__.int_list", "aten::__contains__.str_list"], [([1, 2], 2), (["a"], "b")],
          lambda l, v: v in l)
cases_for(["aten::eq.int_list"], [([1, 2], [1, 2]), ([1], [1, 2]), ([1.0], [1])], lambda a, b: a == b)
cases_for(["aten::ne.int_list"], [([1, 2], [1, 2]), ([1], [1, 2])], lambda a, b: a != b)
cases_for(["aten::ne.str_list"], [(["a"], ["a"]), (["a"], ["b"])], lambda a, b: a != b)
cases_for(["aten::copy.t", "aten::list.t"], [([1, [2]],)], lambda l: list(l))
cases_for(["prim::min.int_list"], [([1, 2], [1, 3]), ([2], [1, 5]), ([1], [1, 0])], min)
cases_for(["prim::max.int_list"], [([1, 2], [1, 3]), ([2], [1, 5])], max)
cases_for(["prim::min.self_int", "prim::min.self_float"], [([3, 1, 2],), (L([], "int"),), ([2.5, float("nan")],)],
          min)
cases_for(["prim::max.self_float"], [([3, 1, 2],), ([float("nan"), 2.5],)], max)
cases_for(["prim::max.self_int"], [([3, 1, 2],), (L([], "int"),)], max)
cases_for(["aten::sum.int"], [([1, 2, 3],), (L([], "int"),)], sum)
cases_for(["aten::sum.float"], [([0.1, 0.2, 0.3],), ([1e100, 1.0, -1e100],)], sum)
cases_for(["aten::sum.bool"], [([True, True, False],)], sum)
cases_for(["aten::any.int"], [([0, 0],), ([0, 1],), (L([], "int"),)], any)
cases_for(["aten::all.int"], [([0, 0],), ([0, 1],), ([2, 1],), (L([], "int"),)], all)
cases_for(["aten::all.bool"], [([True, False],), ([True],), (L([], "bool"),)], all)
cases_for(["aten::any.str"], [(["", ""],), (["", "a"],)], any)

# ---- dicts -------------------------------------------------------------------------------
family("dicts")
DS = {"a": 1, "b": 2}
DI = {1: "x", 2: "y"}
cases_for(["aten::len.Dict_str"], [(DS,), (D({}, "str", "int"),)], len)
cases_for(["aten::__getitem__.Dict_str"], [(DS, "a"), (DS, "z")], lambda d, k: d[k])
cases_for(["aten::__getitem__.Dict_int"], [(DI, 2), (DI, 3)], lambda d, k: d[k])
cases_for(["aten::__getitem__.Dict_float"], [({1.5: 1, 2.0: 2}, 2.0), ({1.5: 1}, 2.5)], lambda d, k: d[k])
cases_for(["aten::_set_item.str"], [(DS, "c", 3), (DS, "a", 9)], lambda d, k, v: d.__setitem__(k, v), outs=0,
          mut=[0])


def delkey(d, k):
    del d[k]


cases_for(["aten::Delete.Dict_str"], [(DS, "a"), (DS, "z")], delkey, outs=0, mut=[0])
cases_for(["aten::get.str"], [(DS, "a"), (DS, "z")], lambda d, k: d.get(k))
cases_for(["aten::get.default_int"], [(DI, 1, "d"), (DI, 7, "d")], lambda d, k, v: d.get(k, v))
cases_for(["aten::setdefault.str"], [(DS, "a", 5), (DS, "q", 5)], lambda d, k, v: d.setdefault(k, v), mut=[0])
cases_for(["aten::pop.Dict_str"], [(DS, "a"), (DS, "z")], lambda d, k: d.pop(k), mut=[0])
cases_for(["aten::pop.Dict_default_str"], [(DS, "a", 0), (DS, "z", 0)], lambda d, k, v: d.pop(k, v), mut=[0])
def ts_popitem(d):
    """TorchScript's dict.popitem() removes the first inserted item (Python's the last)."""
    if not d:
        raise KeyError("popitem(): dictionary is empty")
    k = next(iter(d))
    return (k, d.pop(k))


cases_for(["aten::popitem.str"], [(DS,), (D({}, "str", "int"),)], ts_popitem, mut=[0])
cases_for(["aten::update.str"], [(DS, {"b": 20, "c": 30})], lambda d, o: d.update(o), outs=0, mut=[0])
cases_for(["aten::keys.str"], [(DS,)], lambda d: list(d.keys()))
cases_for(["aten::values.int"], [(DI,)], lambda d: list(d.values()))
cases_for(["aten::items.str"], [(DS,), (D({}, "str", "int"),)], lambda d: list(d.items()))
cases_for(["aten::clear.str"], [(DS,)], lambda d: d.clear(), outs=0, mut=[0])
cases_for(["aten::copy.Dict_str", "aten::dict.Dict_str"], [(DS,)], lambda d: dict(d))
cases_for(["aten::__contains__.str"], [(DS, "a"), (DS, "z")], lambda d, k: k in d)
cases_for(["aten::__contains__.int"], [(DI, 1), ({1: 0}, 2)], lambda d, k: k in d)
cases_for(["aten::dict.str"], [([("a", 1), ("b", 2), ("a", 3)],)], dict)

# ---- misc --------------------------------------------------------------------------------
family("misc")
cases_for(["aten::__is__"], [(None, None), (1, 1), (1, 2)], lambda a, b: a is b)
cases_for(["aten::__isnot__"], [(None, None)], lambda a, b: a is not b)
cases_for(["prim::TupleIndex"], [((1, "a"), 1), ((1, "a"), -1), ((1,), 3)], lambda t, i: t[i])
cases_for(["prim::IfThenElse"], [(True, 1, 2), (False, "a", "b")], lambda c, a, b: a if c else b)


def raise_exc(msg, cls):
    exc = {"builtins.ValueError": ValueError, "builtins.RuntimeError": RuntimeError}[cls]
    raise exc(msg)


cases_for(["prim::RaiseException"], [("bad thing", "builtins.ValueError")], raise_exc, outs=0)


def broadcast(a, b):
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + list(a)
    b = [1] * (n - len(b)) + list(b)
    out = []
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y and x != 1 and y != 1:
            raise RuntimeError("The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton "
                               "dimension %d" % (x, y, i))
        out.append(y if x == 1 else x)
    return out


cases_for(["aten::_infer_size"], [([2, 1, 3], [4, 1]), ([3], [4])], broadcast)

if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(CASES, f, ensure_ascii=False)
    print("%d cases" % len(CASES))
