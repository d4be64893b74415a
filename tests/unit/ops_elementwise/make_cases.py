#!/usr/bin/python3
"""Writes expected results of elementwise, reduction and scan ops from real PyTorch.

Run as `/usr/bin/python3 make_cases.py OUTDIR [GROUP...]`; writes OUTDIR/<group>.json for
each group (all groups by default), a list of cases {name, op, args, kwargs, expect[, rtol,
atol]}. `op` is an aten overload name ("add.Tensor"), called here as torch.ops.aten.<op>
with the same positional args and kwargs the C++ test passes to Sconce's function. Tensors
are encoded with their whole storage, shape, stride and storage offset, so transposed,
sliced, expanded (stride 0), zero-size and 0-d inputs are rebuilt exactly; floats JSON
cannot hold are strings. `expect` is the result (dtype, shape, row-major values), a tuple
of results, or {"error": first line of PyTorch's message, "match": a substring that
Sconce's message must contain as well}. Inputs are random but seeded.
"""
import json
import math
import os
import sys

import torch

A = torch.ops.aten
torch.manual_seed(1234)

F32, F64, F16, BF16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
U8, I8, I16, I32, I64, BOOL = torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool
ALL = [F32, F64, F16, BF16, U8, I8, I16, I32, I64, BOOL]
FLOATS = [F32, F64, F16, BF16]
INTS = [U8, I8, I16, I32, I64]

# ---- encoding ---------------------------------------------------------------------------


def fenc(v):
    if isinstance(v, bool) or isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def dtype_name(dt):
    return str(dt).replace("torch.", "")


def enc_tensor_arg(t, shares=None):
    enc = {"dtype": dtype_name(t.dtype), "shape": list(t.shape), "stride": list(t.stride()),
           "offset": t.storage_offset()}
    if shares is None:
        enc["storage"] = [fenc(v) for v in t.storage().tolist()]
    else:
        enc["storage_of"] = shares  # the index of an earlier argument with the same storage
    return {"tensor": enc}


def shared_storage_index(args, i):
    """The first argument before i whose storage args[i] shares, or None."""
    if not isinstance(args[i], torch.Tensor):
        return None
    for j in range(i):
        if isinstance(args[j], torch.Tensor) and args[j].storage().data_ptr() == args[i].storage().data_ptr():
            return j
    return None


def enc_args(args):
    return [enc_tensor_arg(a, shared_storage_index(args, i)) if isinstance(a, torch.Tensor) else enc_arg(a)
            for i, a in enumerate(args)]


def enc_arg(a):
    if isinstance(a, torch.Tensor):
        return enc_tensor_arg(a)
    if a is None:
        return None
    if isinstance(a, bool):
        return {"bool": a}
    if isinstance(a, int):
        return {"int": a}
    if isinstance(a, float):
        return {"float": fenc(a)}
    if isinstance(a, str):
        return {"str": a}
    if isinstance(a, torch.dtype):
        return {"dtype": dtype_name(a)}
    if isinstance(a, (list, tuple)):
        return {"ints": list(a)}
    raise TypeError(a)


def enc_result(r):
    if isinstance(r, torch.Tensor):
        return {"dtype": dtype_name(r.dtype), "shape": list(r.shape),
                "values": [fenc(v) for v in r.reshape(-1).tolist()]}
    if isinstance(r, (tuple, list)):
        return {"tuple": [enc_result(x) for x in r]}
    if isinstance(r, torch.dtype):
        return {"dtype_only": dtype_name(r)}
    raise TypeError(type(r))


# ---- inputs -----------------------------------------------------------------------------

INT_RANGE = {U8: (0, 20), I8: (-20, 20), I16: (-60, 60), I32: (-60, 60), I64: (-60, 60)}


def values(shape, dtype, lo=-3.0, hi=3.0, nonzero=False, special=False, int_range=None):
    """Random values of `dtype`: uniform floats in [lo, hi); ints in int_range, else in a
    small per-dtype range (clipped to lo >= 0 when lo is)."""
    if dtype == BOOL:
        return torch.randint(0, 2, shape).bool()
    if dtype in INTS:
        a, b = INT_RANGE[dtype]
        if int_range is not None:
            a, b = max(a, int_range[0]), min(b, int_range[1])
        elif lo >= 0:
            a = max(a, int(math.floor(lo)))
        t = torch.randint(a, b + 1, shape, dtype=torch.int64)
        if nonzero:
            t[t == 0] = 1
        return t.to(dtype)
    t = torch.empty(shape, dtype=F64).uniform_(lo, hi)
    if nonzero:
        t[t.abs() < 1e-3] = 0.5
    t = t.to(dtype)
    if special and t.numel() >= 6:
        flat = t.view(-1)
        flat[:6] = torch.tensor([float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1.0], dtype=dtype)
        t = flat[torch.randperm(flat.numel())].view(shape)
    return t


def layout(t, kind):
    """Re-lays out t with the same values: contiguous, transposed, sliced or as given."""
    if kind == "contiguous" or t.dim() == 0:
        return t.contiguous()
    if kind == "transposed":
        if t.dim() < 2:
            return t.contiguous()
        return t.transpose(-1, -2).contiguous().transpose(-1, -2)
    if kind == "sliced":
        big = torch.zeros(t.shape[:-1] + (2 * t.shape[-1],), dtype=t.dtype)
        big[..., 1::2] = t
        return big[..., 1::2]
    raise ValueError(kind)


def expanded(shape, base_shape, dtype, **kw):
    return values(base_shape, dtype, **kw).expand(shape)


# ---- cases ------------------------------------------------------------------------------

GROUPS = {}


class Group:
    def __init__(self, name):
        self.name = name
        self.cases = []

    def add(self, name, op, args, kwargs=None, match=None, tol=None, keep_unsupported=False, pyfn=None):
        """Runs torch.ops.aten.<op>(*args, **kwargs) (or pyfn, where torch.ops would convert
        an argument differently) and records the case; PyTorch's "not implemented for
        <dtype>" failures are skipped unless keep_unsupported."""
        kwargs = dict(kwargs or {})
        if op.endswith(".correction"):
            kwargs.setdefault("correction", None)  # keyword-only without a default in the schema
        case = {"name": name, "op": op, "args": enc_args(args),
                "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
        fn = A
        for part in op.split("."):
            fn = getattr(fn, part)
        if "." not in op:
            fn = fn.default
        if pyfn is not None:
            fn = pyfn
        try:
            # in-place ops mutate their first argument: call on copies of the inputs
            targs = clone_args(args)
            out = fn(*targs, **kwargs)
            case["expect"] = enc_result(out)
        except (RuntimeError, IndexError, ValueError, TypeError) as e:
            msg = str(e).split("\n")[0]
            if "not implemented for" in msg and not keep_unsupported:
                return
            # Other errors of a sweep (bool negation, ...) must be reproduced verbatim.
            match = msg if match is None else match
            assert match in msg, (name, match, msg)
            case["expect"] = {"error": msg, "match": match}
        if match is not None and "error" not in case["expect"]:
            raise RuntimeError(f"case {self.name}/{name}: expected an error matching '{match}'")
        if tol:
            case["rtol"], case["atol"] = tol
        self.cases.append(case)


def clone_args(args):
    """Copies with the same strides, offsets and storage sharing (so in-place ops see the
    same layout and aliasing, and the recorded inputs stay untouched)."""
    out = []
    for i, a in enumerate(args):
        if not isinstance(a, torch.Tensor):
            out.append(a)
            continue
        j = shared_storage_index(args, i)
        if j is not None:
            base = out[j]
        else:
            base = torch.tensor(a.storage().tolist(), dtype=a.dtype) if a.storage().size() else \
                torch.empty(0, dtype=a.dtype)
        out.append(base.as_strided(a.shape, a.stride(), a.storage_offset()))
    return out


def group(fn):
    GROUPS[fn.__name__.replace("gen_", "")] = fn
    return fn


def dtype_cases(dtypes, shape=(3, 4)):
    """(tag, dtype, layout) combos: every dtype contiguous, float32/int32 also strided."""
    for dt in dtypes:
        yield dtype_name(dt), dt, "contiguous", shape
    for dt in [F32, I32]:
        if dt in dtypes:
            yield dtype_name(dt) + "/transposed", dt, "transposed", (4, 5)
            yield dtype_name(dt) + "/sliced", dt, "sliced", (2, 3, 3)


# Unary ops: aten name -> (input range, dtypes)
UNARY = {
    "neg": ((-5, 5), ALL), "abs": ((-5, 5), ALL), "sign": ((-5, 5), ALL), "sqrt": ((0, 10), ALL),
    "rsqrt": ((0.1, 10), ALL), "exp": ((-5, 5), ALL), "exp2": ((-5, 5), ALL), "expm1": ((-2, 2), ALL),
    "log": ((0.01, 10), ALL), "log2": ((0.01, 10), ALL), "log10": ((0.01, 10), ALL),
    "log1p": ((-0.9, 5), ALL), "sin": ((-4, 4), ALL), "cos": ((-4, 4), ALL), "tan": ((-1.2, 1.2), ALL),
    "asin": ((-0.99, 0.99), ALL), "acos": ((-0.99, 0.99), ALL), "atan": ((-5, 5), ALL),
    "sinh": ((-3, 3), ALL), "cosh": ((-3, 3), ALL), "tanh": ((-3, 3), ALL), "asinh": ((-5, 5), ALL),
    "acosh": ((1, 10), ALL), "atanh": ((-0.95, 0.95), ALL), "sigmoid": ((-8, 8), ALL),
    "erf": ((-3, 3), ALL), "erfc": ((-3, 3), ALL), "erfinv": ((-0.99, 0.99), ALL),
    "floor": ((-5, 5), ALL), "ceil": ((-5, 5), ALL), "round": ((-5, 5), ALL), "trunc": ((-5, 5), ALL),
    "frac": ((-5, 5), ALL), "reciprocal": ((0.1, 5), ALL), "square": ((-5, 5), ALL),
    "logical_not": ((-2, 2), ALL), "bitwise_not": ((-5, 5), ALL), "relu": ((-5, 5), ALL),
    "relu6": ((-3, 9), ALL), "silu": ((-6, 6), ALL), "mish": ((-6, 6), ALL), "hardswish": ((-5, 5), ALL),
    "hardsigmoid": ((-5, 5), ALL), "selu": ((-3, 3), ALL), "isnan": ((-3, 3), ALL),
    "isinf": ((-3, 3), ALL), "isfinite": ((-3, 3), ALL), "nan_to_num": ((-3, 3), ALL),
}
# Half/BFloat16 differ from PyTorch by one rounding of an intermediate (PyTorch rounds
# Half temporaries in composite formulas); steep functions amplify it.
REDUCED_TOL = {F16: (1e-2, 1e-2), BF16: (2e-2, 2e-2)}


@group
def gen_unary():
    g = Group("unary")
    for op, ((lo, hi), dtypes) in UNARY.items():
        for tag, dt, lay, shape in dtype_cases(dtypes):
            x = layout(values(shape, dt, lo, hi), lay)
            g.add(f"{op}/{tag}", op, [x], tol=REDUCED_TOL.get(dt))
        g.add(f"{op}/special", op, [values((3, 4), F32, lo, hi, special=True)])
        g.add(f"{op}/0d", op, [values((), F64, lo, hi)])
        g.add(f"{op}/empty", op, [values((0, 3), F32, lo, hi)])
        g.add(f"{op}/expanded", op, [expanded((3, 5), (1, 5), F32, lo=lo, hi=hi)])
        if op not in ("isnan", "isinf", "isfinite"):
            g.add(f"{op}_/transposed", op + "_", [layout(values((4, 5), F32, lo, hi), "transposed")])
            if op in ("sqrt", "exp", "sin", "sigmoid", "reciprocal"):
                g.add(f"{op}_/int", op + "_", [values((3,), I32, lo, hi)], match="can't be cast")
    x = values((200, 173), F32, -3, 3)
    for op in ["exp", "sigmoid", "tanh", "neg", "gelu"]:
        g.add(f"{op}/large", op, [x])
        g.add(f"{op}/large_transposed", op, [layout(x, "transposed")])
    g.add("neg/bool_error", "neg", [values((3,), BOOL)], match="Negation, the `-` operator, on a bool tensor")
    g.add("relu/bool_error", "relu", [values((3,), BOOL)], match="Boolean inputs not supported for relu")
    g.add("expanded_inplace_error", "exp_", [expanded((3, 5), (1, 5), F32)], match="more than one element")
    # parameterized unary ops
    for dt in [F32, F64, BF16, F16]:
        tol = REDUCED_TOL.get(dt)
        x = values((3, 5), dt, -4, 4)
        g.add(f"gelu/none/{dtype_name(dt)}", "gelu", [x], tol=tol)
        g.add(f"gelu/tanh/{dtype_name(dt)}", "gelu", [x], {"approximate": "tanh"}, tol=tol)
        g.add(f"elu/{dtype_name(dt)}", "elu", [x, 1.5, 1.2, 0.8], tol=tol)
        g.add(f"celu/{dtype_name(dt)}", "celu", [x, 0.7], tol=tol)
        g.add(f"leaky_relu/{dtype_name(dt)}", "leaky_relu", [x, 0.2], tol=tol)
        g.add(f"softplus/{dtype_name(dt)}", "softplus", [x, 2.0, 3.0], tol=tol)
        g.add(f"hardtanh/{dtype_name(dt)}", "hardtanh", [x, -0.5, 2.0], tol=tol)
        g.add(f"threshold/{dtype_name(dt)}", "threshold", [x, 0.5, -7.0], tol=tol)
        g.add(f"logit/{dtype_name(dt)}", "logit", [values((3, 5), dt, 0.01, 0.99)], tol=tol)
        g.add(f"logit_eps/{dtype_name(dt)}", "logit", [values((3, 5), dt, -0.5, 1.5), 0.1], tol=tol)
        g.add(f"round_decimals/{dtype_name(dt)}", "round.decimals", [values((3, 5), dt, -50, 50)],
              {"decimals": 2}, tol=tol)
        g.add(f"round_neg_decimals/{dtype_name(dt)}", "round.decimals", [values((3, 5), dt, -500, 500)],
              {"decimals": -1}, tol=tol)
        g.add(f"nan_to_num_args/{dtype_name(dt)}", "nan_to_num",
              [values((3, 4), dt, special=True), 1.5, 100.0, -100.0], tol=tol)
        g.add(f"nan_to_num_defaults/{dtype_name(dt)}", "nan_to_num", [values((3, 4), dt, special=True)], tol=tol)
    for dt in INTS:
        g.add(f"hardtanh/{dtype_name(dt)}", "hardtanh", [values((3, 5), dt), -3, 4])
        g.add(f"threshold/{dtype_name(dt)}", "threshold", [values((3, 5), dt), 2, 9])
        g.add(f"logit/{dtype_name(dt)}", "logit", [values((3, 5), dt)])
    g.add("gelu_/tanh", "gelu_", [values((3, 5), F32)], {"approximate": "tanh"})
    g.add("leaky_relu_", "leaky_relu_", [layout(values((4, 5), F32), "transposed"), 0.1])
    g.add("hardtanh_", "hardtanh_", [values((4, 5), F32), -1.0, 1.0])
    g.add("elu_", "elu_", [values((4, 5), F32), 1.0, 1.0, 1.0])
    g.add("threshold_", "threshold_", [values((4, 5), F32), 0.0, 0.0])
    g.add("gelu/bad_approximate", "gelu", [values((3,), F32)], {"approximate": "fast"}, match="approximate")
    return g


BINARY_TENSOR = ["add.Tensor", "sub.Tensor", "mul.Tensor", "div.Tensor", "floor_divide", "remainder.Tensor",
                 "fmod.Tensor", "pow.Tensor_Tensor", "atan2", "maximum", "minimum", "bitwise_and.Tensor",
                 "bitwise_or.Tensor", "bitwise_xor.Tensor", "bitwise_left_shift.Tensor",
                 "bitwise_right_shift.Tensor", "logical_and", "logical_or", "logical_xor", "eq.Tensor",
                 "ne.Tensor", "lt.Tensor", "le.Tensor", "gt.Tensor", "ge.Tensor", "rsub.Tensor"]
BINARY_SCALAR = {"add.Scalar": "add.Tensor", "sub.Scalar": "sub.Tensor", "mul.Scalar": "mul.Tensor",
                 "div.Scalar": "div.Tensor", "remainder.Scalar": "remainder.Tensor",
                 "fmod.Scalar": "fmod.Tensor", "pow.Tensor_Scalar": "pow.Tensor_Tensor",
                 "bitwise_and.Scalar": "bitwise_and.Tensor", "bitwise_or.Scalar": "bitwise_or.Tensor",
                 "bitwise_xor.Scalar": "bitwise_xor.Tensor", "eq.Scalar": "eq.Tensor", "ne.Scalar": "ne.Tensor",
                 "lt.Scalar": "lt.Tensor", "le.Scalar": "le.Tensor", "gt.Scalar": "gt.Tensor",
                 "ge.Scalar": "ge.Tensor", "rsub.Scalar": "rsub.Tensor", "bitwise_left_shift.Tensor_Scalar":
                 "bitwise_left_shift.Tensor", "bitwise_right_shift.Tensor_Scalar": "bitwise_right_shift.Tensor"}
DIVISION = ("div", "floor_divide", "remainder", "fmod")


def binary_inputs(op, shape_a, shape_b, dt_a, dt_b):
    base = op.split(".")[0]
    nonzero = base in DIVISION
    if base in ("pow",):
        a = values(shape_a, dt_a, 0.1, 3, int_range=(-4, 4))
        b = values(shape_b, dt_b, -2, 3, int_range=(0, 5))
        return a, b
    if base.startswith("bitwise_") and "shift" in base:
        return values(shape_a, dt_a, 0, 20, int_range=(-20, 20)), values(shape_b, dt_b, 0, 5, int_range=(0, 5))
    return values(shape_a, dt_a, -4, 4), values(shape_b, dt_b, -4, 4, nonzero=nonzero)


MIXED = [(I32, F32), (U8, I8), (I64, F16), (BOOL, I32), (BF16, F16), (F32, F64), (U8, BOOL), (I16, BF16)]


@group
def gen_binary():
    g = Group("binary")
    for op in BINARY_TENSOR:
        for dt in ALL:
            a, b = binary_inputs(op, (3, 4), (3, 4), dt, dt)
            g.add(f"{op}/{dtype_name(dt)}", op, [a, b], tol=REDUCED_TOL.get(dt))
        for da, db in MIXED:
            a, b = binary_inputs(op, (2, 3), (2, 3), da, db)
            g.add(f"{op}/{dtype_name(da)}_{dtype_name(db)}", op, [a, b], tol=(1e-2, 1e-2))
        a, b = binary_inputs(op, (3, 1), (1, 4), F32, F32)
        g.add(f"{op}/broadcast", op, [a, b])
        a, b = binary_inputs(op, (2, 3, 4), (4,), I32, I32)
        g.add(f"{op}/broadcast_int", op, [a, b])
        a, b = binary_inputs(op, (4, 5), (4, 5), F32, F32)
        g.add(f"{op}/transposed_sliced", op, [layout(a, "transposed"), layout(b, "sliced")])
        a, b = binary_inputs(op, (3, 5), (1, 5), F32, F32)
        g.add(f"{op}/expanded", op, [a, b.expand(3, 5)])
        a, b = binary_inputs(op, (), (), F64, F64)
        g.add(f"{op}/0d", op, [a, b])
        a, b = binary_inputs(op, (3, 4), (), F32, F64)
        g.add(f"{op}/0d_double_with_float", op, [a, b])
        a, b = binary_inputs(op, (3, 4), (), U8, I64)
        g.add(f"{op}/0d_long_with_uint8", op, [a, b])
        a, b = binary_inputs(op, (0, 3), (3,), F32, F32)
        g.add(f"{op}/empty", op, [a, b])
        if op.split(".")[0] in ("add", "mul", "div", "maximum", "eq", "lt"):
            a, b = values((3, 4), F32, special=True), values((3, 4), F32, special=True)
            g.add(f"{op}/special", op, [a, b])
    # Scalar overloads: python numbers rank below tensors in promotion.
    # (torch.ops passes a Python bool as an int Scalar; bool Scalars are covered below)
    scalars = [("int", 3), ("float", 2.5), ("negint", -2), ("float_neg", -1.5)]
    for op, tensor_op in BINARY_SCALAR.items():
        base = op.split(".")[0]
        for dt in [F32, F64, F16, BF16, I32, U8, I64, BOOL]:
            for tag, s in scalars:
                if base in DIVISION and s == 0:
                    continue
                if base == "pow" and dt not in FLOATS and isinstance(s, int) and s < 0:
                    continue
                if "shift" in base and (not isinstance(s, int) or isinstance(s, bool) or s < 0):
                    continue
                a, _ = binary_inputs(tensor_op, (2, 3), (2, 3), dt, dt)
                g.add(f"{op}/{dtype_name(dt)}/{tag}", op, [a, s], tol=REDUCED_TOL.get(dt))
    # A bool Scalar is a bool 0-d operand in ATen (as the Python API shows).
    for name, pyfn in [("add.Scalar", torch.add), ("mul.Scalar", torch.mul), ("sub.Scalar", torch.sub),
                       ("eq.Scalar", torch.eq), ("bitwise_and.Scalar", torch.bitwise_and)]:
        for dt in [BOOL, F32, I32]:
            g.add(f"{name}/{dtype_name(dt)}/bool_scalar", name, [values((2, 3), dt), True], pyfn=pyfn)
    for e in [0.5, -0.5, -1.0, 2, 3, -2.0, 0, 1, 1.7]:
        g.add(f"pow.Tensor_Scalar/special_exp_{e}", "pow.Tensor_Scalar", [values((3, 4), F32, 0.1, 3), e])
    g.add("pow.Scalar/int", "pow.Scalar", [2, values((3, 4), I32, -2, 5)])
    g.add("pow.Scalar/float", "pow.Scalar", [2.5, values((3, 4), I32, -2, 5)])
    g.add("pow.Scalar/float_tensor", "pow.Scalar", [1.5, values((3, 4), F32, -2, 3)])
    g.add("pow.Scalar/one", "pow.Scalar", [1, values((3, 4), F32, -2, 3)])
    g.add("remainder.Scalar_Tensor", "remainder.Scalar_Tensor", [7, values((3, 4), I32, nonzero=True)])
    g.add("remainder.Scalar_Tensor/float", "remainder.Scalar_Tensor", [7.5, values((3, 4), F32, nonzero=True)])
    g.add("pow/int_negative_exponent_tensor", "pow.Tensor_Tensor",
          [torch.tensor([1, -1, 2, -1, 0, 3], dtype=I32), torch.tensor([-3, -3, -1, -2, 2, 0], dtype=I32)])
    # alpha and rounding modes
    for dt in [F32, I32, I64, BF16]:
        a, b = binary_inputs("add", (3, 4), (3, 4), dt, dt)
        g.add(f"add.Tensor/alpha/{dtype_name(dt)}", "add.Tensor", [a, b], {"alpha": 3}, tol=REDUCED_TOL.get(dt))
        g.add(f"sub.Tensor/alpha/{dtype_name(dt)}", "sub.Tensor", [a, b], {"alpha": 2}, tol=REDUCED_TOL.get(dt))
        g.add(f"rsub.Scalar/alpha/{dtype_name(dt)}", "rsub.Scalar", [a, 2], {"alpha": 3}, tol=REDUCED_TOL.get(dt))
        g.add(f"add.Scalar/alpha/{dtype_name(dt)}", "add.Scalar", [a, 2], {"alpha": 3}, tol=REDUCED_TOL.get(dt))
        for mode in ["trunc", "floor"]:
            a, b = binary_inputs("div", (3, 4), (3, 4), dt, dt)
            g.add(f"div.Tensor_mode/{mode}/{dtype_name(dt)}", "div.Tensor_mode", [a, b], {"rounding_mode": mode},
                  tol=REDUCED_TOL.get(dt))
            g.add(f"div.Scalar_mode/{mode}/{dtype_name(dt)}", "div.Scalar_mode", [a, -3], {"rounding_mode": mode},
                  tol=REDUCED_TOL.get(dt))
    g.add("add.Tensor/float_alpha_int", "add.Tensor", [values((3,), F32), values((3,), F32)], {"alpha": 0.5})
    g.add("add.Tensor/float_alpha_int_error", "add.Tensor", [values((3,), I32), values((3,), I32)], {"alpha": 0.5},
          match="alpha must not be a floating point number")
    g.add("div.Tensor_mode/bad", "div.Tensor_mode", [values((3,), F32), values((3,), F32)],
          {"rounding_mode": "round"}, match="rounding_mode")
    # in-place and errors
    a, b = values((3, 4), F32), values((4,), F32)
    g.add("add_.Tensor/broadcast_other", "add_.Tensor", [a, b], {"alpha": 2})
    g.add("mul_.Tensor/transposed_self", "mul_.Tensor", [layout(values((4, 5), F32), "transposed"), values((4, 5), F32)])
    g.add("mul_.Scalar/int", "mul_.Scalar", [values((3, 4), I32), 3])
    g.add("div_.Tensor/half_self_float_other", "div_.Tensor", [values((3, 4), F16), values((3, 4), F32, nonzero=True)],
          tol=REDUCED_TOL[F16])
    g.add("eq_.Tensor/float_self", "eq_.Tensor", [values((3, 4), F32, -1, 1).round(), values((3, 4), F32, -1, 1).round()])
    g.add("lt_.Scalar/int_self", "lt_.Scalar", [values((3, 4), I32), 2.5])
    g.add("add_.Tensor/int_self_float_error", "add_.Tensor", [values((3,), I32), values((3,), F32)],
          match="result type Float can't be cast to the desired output type Int")
    g.add("add_.Tensor/broadcast_self_error", "add_.Tensor", [values((3,), F32), values((2, 3), F32)],
          match="output with shape [3] doesn't match the broadcast shape [2, 3]")
    g.add("add.Tensor/shape_error", "add.Tensor", [values((2, 3), F32), values((2, 4), F32)],
          match="The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
    g.add("sub.Tensor/bool_error", "sub.Tensor", [values((3,), BOOL), values((3,), BOOL)],
          match="Subtraction, the `-` operator, with two bool tensors is not supported")
    g.add("sub.Tensor/bool_int_error", "sub.Tensor", [values((3,), BOOL), values((3,), I32)],
          match="Subtraction, the `-` operator, with a bool tensor is not supported")
    for op in ["div.Tensor_mode", "floor_divide", "remainder.Tensor", "fmod.Tensor"]:
        kw = {"rounding_mode": "trunc"} if op == "div.Tensor_mode" else {}
        g.add(f"{op}/int_zero_division", op, [values((3,), I32), torch.tensor([1, 0, 2], dtype=I32)], kw,
              match="ZeroDivisionError")
    g.add("pow.Tensor_Scalar/int_negative_error", "pow.Tensor_Scalar", [values((3,), I32), -2],
          match="Integers to negative integer powers are not allowed.")
    g.add("bitwise_and/float_error", "bitwise_and.Tensor", [values((3,), F32), values((3,), F32)],
          match="not implemented for 'Float'", keep_unsupported=True)
    base = values((6,), F32)
    g.add("add_/partial_overlap_error", "add_.Tensor", [base[1:], base[:-1]], match="some elements of the input tensor")
    g.add("add_/internal_overlap_error", "add_.Tensor", [values((1, 4), F32).expand(3, 4), values((3, 4), F32)],
          match="more than one element of the written-to tensor")
    x = values((200, 173), F32)
    y = values((200, 173), F32)
    for op in ["add.Tensor", "mul.Tensor", "div.Tensor", "maximum", "lt.Tensor"]:
        g.add(f"{op}/large", op, [x, y])
        g.add(f"{op}/large_transposed_broadcast", op, [layout(x, "transposed"), values((173,), F32)])
    g.add("add.Scalar/large", "add.Scalar", [x, 1.5])
    return g


@group
def gen_ternary():
    g = Group("ternary")
    for da, db in [(F32, F32), (I32, F32), (I64, I64), (BOOL, BOOL), (F16, BF16), (U8, I8), (F64, F32)]:
        c = values((3, 1), BOOL)
        a, b = values((3, 4), da), values((4,), db)
        g.add(f"where.self/{dtype_name(da)}_{dtype_name(db)}", "where.self", [c, a, b])
    c = values((3, 4), BOOL)
    g.add("where.self/0d_other", "where.self", [c, values((3, 4), F32), torch.tensor(2.0, dtype=F64)])
    g.add("where.ScalarOther", "where.ScalarOther", [c, values((3, 4), I32), 2.5])
    g.add("where.ScalarSelf", "where.ScalarSelf", [c, 7, values((3, 4), U8)])
    g.add("where.Scalar/int_float", "where.Scalar", [c, 1, 2.5])
    g.add("where.Scalar/ints", "where.Scalar", [c, 1, 2])
    g.add("where.self/uint8_cond", "where.self", [values((3, 4), U8, 0, 1), values((3, 4), F32), values((3, 4), F32)])
    g.add("where.self/float_cond_error", "where.self", [values((3,), F32), values((3,), F32), values((3,), F32)],
          match="where expected condition to be a boolean tensor")
    g.add("where.self/transposed", "where.self",
          [layout(values((4, 5), BOOL), "transposed"), layout(values((4, 5), F32), "sliced"), values((5,), F32)])
    for dt in [F32, I32, BOOL, F16, I64]:
        x = values((3, 4), dt)
        g.add(f"masked_fill.Scalar/{dtype_name(dt)}", "masked_fill.Scalar", [x, values((3, 4), BOOL), 5])
        g.add(f"masked_fill.Scalar/{dtype_name(dt)}/float_value", "masked_fill.Scalar", [x, values((4,), BOOL), 1.5])
        g.add(f"masked_fill.Tensor/{dtype_name(dt)}", "masked_fill.Tensor",
              [x, values((3, 1), BOOL), torch.tensor(2.5)])
    g.add("masked_fill.Scalar/broadcast_self", "masked_fill.Scalar", [values((4,), F32), values((3, 4), BOOL), -1.0])
    g.add("masked_fill_.Scalar/transposed", "masked_fill_.Scalar",
          [layout(values((4, 5), F32), "transposed"), values((5,), BOOL), 9.0])
    g.add("masked_fill_.Tensor", "masked_fill_.Tensor", [values((4, 5), I64), values((4, 5), BOOL), torch.tensor(3)])
    g.add("masked_fill.Tensor/1d_value_error", "masked_fill.Tensor",
          [values((3,), F32), values((3,), BOOL), torch.tensor([1.0])], match="0-dimensional value tensor")
    # clamp
    for dt in [F32, F64, I32, U8, I64, BF16, F16, BOOL]:
        x = values((3, 5), dt, -6, 6, special=dt == F32)
        tol = REDUCED_TOL.get(dt)
        g.add(f"clamp/{dtype_name(dt)}/both", "clamp", [x, -2, 3], tol=tol)
        g.add(f"clamp/{dtype_name(dt)}/min", "clamp", [x, 1, None], tol=tol)
        g.add(f"clamp/{dtype_name(dt)}/max", "clamp", [x, None, 2], tol=tol)
        g.add(f"clamp/{dtype_name(dt)}/float_bounds", "clamp", [x, -1.5, 2.5], tol=tol)
        g.add(f"clamp/{dtype_name(dt)}/inverted", "clamp", [x, 3, -1], tol=tol)
        g.add(f"clamp_min/{dtype_name(dt)}", "clamp_min", [x, 0.5], tol=tol)
        g.add(f"clamp_max/{dtype_name(dt)}", "clamp_max", [x, 1], tol=tol)
        lo, hi = values((5,), dt, -6, 0), values((3, 1), dt, 0, 6)
        g.add(f"clamp.Tensor/{dtype_name(dt)}", "clamp.Tensor", [x, lo, hi], tol=tol)
        g.add(f"clamp.Tensor/{dtype_name(dt)}/min_only", "clamp.Tensor", [x, lo, None], tol=tol)
        g.add(f"clamp_min.Tensor/{dtype_name(dt)}", "clamp_min.Tensor", [x, lo], tol=tol)
        g.add(f"clamp_max.Tensor/{dtype_name(dt)}", "clamp_max.Tensor", [x, hi], tol=tol)
    g.add("clamp.Tensor/nan_bounds", "clamp.Tensor", [values((2, 3), F32), torch.tensor([0.0, float("nan"), -1.0]), None])
    g.add("clamp.Tensor/mixed_dtypes", "clamp.Tensor", [values((2, 3), I32), values((3,), F32), values((3,), F64)])
    g.add("clamp/none_error", "clamp", [values((3,), F32), None, None], match="At least one of 'min' or 'max'")
    g.add("clamp_/transposed", "clamp_", [layout(values((4, 5), F32), "transposed"), -0.5, 0.5])
    g.add("clamp_/int_float_error", "clamp_", [values((4,), I32), 0.5, None], match="can't be cast")
    # lerp, addcmul, addcdiv
    for dt in [F32, F64, BF16, F16]:
        tol = REDUCED_TOL.get(dt)
        a, b = values((3, 4), dt), values((4,), dt)
        for w in [0.3, 0.75, -0.6, 1.5]:
            g.add(f"lerp.Scalar/{dtype_name(dt)}/{w}", "lerp.Scalar", [a, b, w], tol=tol)
        g.add(f"lerp.Tensor/{dtype_name(dt)}", "lerp.Tensor", [a, b, values((3, 1), dt, -1, 2)], tol=tol)
        g.add(f"addcmul/{dtype_name(dt)}", "addcmul", [a, b, values((3, 1), dt)], {"value": 0.5}, tol=tol)
        g.add(f"addcdiv/{dtype_name(dt)}", "addcdiv", [a, b, values((3, 1), dt, 0.5, 3)], {"value": -2}, tol=tol)
    g.add("lerp.Scalar/int_error", "lerp.Scalar", [values((3,), I32), values((3,), I32), 0.5],
          match="not implemented for 'Int'", keep_unsupported=True)
    g.add("lerp.Tensor/dtype_mismatch_error", "lerp.Tensor", [values((3,), F32), values((3,), F64), values((3,), F32)],
          match="expected dtype float for `end` but got dtype double")
    g.add("addcmul/int", "addcmul", [values((3, 4), I32), values((3, 4), I32), values((4,), I32)], {"value": 2})
    g.add("addcmul/mixed", "addcmul", [values((3, 4), I32), values((3, 4), F32), values((4,), F64)], {"value": 2})
    g.add("addcdiv/int_error", "addcdiv", [values((3,), F32), values((3,), I32), values((3,), I32, nonzero=True)],
          match="Integer division with addcdiv is no longer supported")
    g.add("addcmul_/transposed", "addcmul_", [layout(values((4, 5), F32), "transposed"), values((4, 5), F32),
                                               values((5,), F32)], {"value": 3})
    g.add("lerp_.Scalar", "lerp_.Scalar", [values((4, 5), F32), values((4, 5), F32), 0.25])
    return g


@group
def gen_copy():
    g = Group("copy")
    for src in ALL:
        for dst in ALL:
            s = values((2, 3), src, -100 if dst not in (U8,) else 0, 100)
            if dst == BOOL or src == BOOL:
                s = values((2, 3), src, -2, 2)
            g.add(f"copy_/{dtype_name(src)}_to_{dtype_name(dst)}", "copy_", [torch.zeros((2, 3), dtype=dst), s])
            g.add(f"to/{dtype_name(src)}_to_{dtype_name(dst)}", "to.dtype", [s, dst])
    g.add("copy_/broadcast", "copy_", [torch.zeros((3, 4)), values((4,), F64)])
    g.add("copy_/transposed_dst", "copy_", [layout(torch.zeros((4, 5)), "transposed"), values((4, 5), F32)])
    g.add("copy_/sliced_src_0d", "copy_", [torch.zeros((4, 5), dtype=I64), torch.tensor(7)])
    g.add("copy_/special_to_half", "copy_", [torch.zeros((3, 4), dtype=F16), values((3, 4), F32, -1e5, 1e5, special=True)])
    g.add("copy_/special_to_bf16", "copy_", [torch.zeros((3, 4), dtype=BF16), values((3, 4), F64, special=True)])
    g.add("copy_/shape_error", "copy_", [torch.zeros((3,)), values((2, 3), F32)],
          match="output with shape [3] doesn't match the broadcast shape [2, 3]")
    g.add("copy_/empty", "copy_", [torch.zeros((0, 3)), values((0, 3), I32)])
    g.add("to/transposed_keeps_values", "to.dtype", [layout(values((4, 5), F32), "transposed"), F64])
    x = values((200, 173), F32)
    g.add("copy_/large_transposed_to_double", "copy_", [torch.zeros((200, 173), dtype=F64), layout(x, "transposed")])
    for dt in [F32, F16, I64, BOOL]:  # same dtype: the tiled transpose path, per element size
        src = layout(values((200, 173), dt), "transposed")
        g.add(f"copy_/large_transposed/{dtype_name(dt)}", "copy_", [torch.zeros((200, 173), dtype=dt), src])
        g.add(f"copy_/large_transposed_dst/{dtype_name(dt)}", "copy_",
              [layout(torch.zeros((200, 173), dtype=dt), "transposed"), values((200, 173), dt)])
    for dt in [F32, I32, BOOL, F16]:
        g.add(f"fill_/{dtype_name(dt)}", "fill_.Scalar", [torch.zeros((3, 4), dtype=dt), 3])
        g.add(f"fill_/{dtype_name(dt)}/float", "fill_.Scalar", [torch.zeros((3, 4), dtype=dt), 1.5])
        g.add(f"fill_.Tensor/{dtype_name(dt)}", "fill_.Tensor", [layout(torch.zeros((4, 5), dtype=dt), "transposed"),
                                                                  torch.tensor(2.5)])
        g.add(f"zero_/{dtype_name(dt)}", "zero_", [values((3, 4), dt)])
    g.add("fill_/expanded", "fill_.Scalar", [torch.zeros((1, 4)).expand(3, 4), 2.0])
    return g


REDUCE_DIMS = [None, [0], [1], [2], [-1], [0, 2], [], [2, 0, 1]]


@group
def gen_reduce():
    g = Group("reduce")
    sum_tol = (1e-4, 1e-4)
    for dt in ALL:
        tol = REDUCED_TOL.get(dt, sum_tol)
        x = values((3, 4, 5), dt)
        n = dtype_name(dt)
        g.add(f"sum/{n}", "sum", [x], tol=tol)
        g.add(f"sum.dim/{n}/1", "sum.dim_IntList", [x, [1], False], tol=tol)
        g.add(f"sum.dim/{n}/keep02", "sum.dim_IntList", [x, [0, 2], True], tol=tol)
        g.add(f"sum/{n}/dtype_double", "sum", [x], {"dtype": F64}, tol=tol)
        g.add(f"mean.dim/{n}/02", "mean.dim", [x, [0, 2], False], tol=tol)
        g.add(f"mean/{n}", "mean", [x], tol=tol)
        g.add(f"prod.dim_int/{n}", "prod.dim_int", [values((3, 4, 5), dt, 0.5, 1.5), 1, False], tol=tol)
        g.add(f"prod/{n}", "prod", [values((2, 3), dt, 0.5, 1.5)], tol=tol)
        g.add(f"amax/{n}", "amax", [x, [0, 2], False])
        g.add(f"amin/{n}", "amin", [x, [1], True])
        g.add(f"max/{n}", "max", [x])
        g.add(f"min/{n}", "min", [x])
        g.add(f"max.dim/{n}", "max.dim", [x, 1, False])
        g.add(f"min.dim/{n}", "min.dim", [x, -1, True])
        g.add(f"argmax/{n}", "argmax", [x, 2, False])
        g.add(f"argmin/{n}", "argmin", [x])
        g.add(f"any/{n}", "any", [values((3, 4), dt, 0, 1.2)])
        g.add(f"all/{n}", "all", [values((3, 4), dt, 0.3, 3)])
        g.add(f"any.dim/{n}", "any.dim", [values((3, 4), dt, -1, 1), 1, False])
        g.add(f"all.dim/{n}", "all.dim", [values((3, 4), dt, -1, 1), 0, True])
        if dt in FLOATS:
            g.add(f"var.correction/{n}", "var.correction", [x, [1]], {"correction": 1}, tol=tol)
            g.add(f"std.correction/{n}", "std.correction", [x, None], {"correction": 0}, tol=tol)
            g.add(f"var_mean.correction/{n}", "var_mean.correction", [x, [0, 2]], {"keepdim": True}, tol=tol)
            g.add(f"std_mean.correction/{n}", "std_mean.correction", [x, [2]], {"correction": 2}, tol=tol)
            g.add(f"var.dim/{n}", "var.dim", [x, [0], False, True], tol=tol)
            g.add(f"std/{n}", "std", [x, True], tol=tol)
            g.add(f"logsumexp/{n}", "logsumexp", [values((3, 4, 5), dt, -20, 20), [1], False], tol=tol)
            for p in [2, 1, 3, 0.5, float("inf"), float("-inf"), 0]:
                g.add(f"linalg_vector_norm/{n}/{p}", "linalg_vector_norm", [x, p, [0, 2]], tol=tol)
            g.add(f"norm.Scalar/{n}", "norm.Scalar", [x, 2], tol=tol)
            g.add(f"norm.ScalarOpt_dim/{n}", "norm.ScalarOpt_dim", [x, None, [1], True], tol=tol)
            g.add(f"frobenius_norm/{n}", "frobenius_norm.dim", [x, [0, 1]], tol=tol)
    # dims, layouts, keepdim
    for layout_kind in ["contiguous", "transposed", "sliced"]:
        x = layout(values((3, 4, 5), F32), layout_kind)
        for dims in REDUCE_DIMS:
            tag = f"{layout_kind}/{dims}"
            if dims is not None:
                g.add(f"sum.dim/{tag}", "sum.dim_IntList", [x, dims, False])
                g.add(f"sum.dim/{tag}/keepdim", "sum.dim_IntList", [x, dims, True])
                g.add(f"mean.dim/{tag}", "mean.dim", [x, dims, True])
                g.add(f"amax/{tag}", "amax", [x, dims, False])
                if dims:  # PyTorch 1.13's logsumexp fails on dim=[] (Sconce reduces all dims)
                    g.add(f"logsumexp/{tag}", "logsumexp", [x, dims, False])
                g.add(f"linalg_vector_norm/{tag}", "linalg_vector_norm", [x, 2, dims, True])
            g.add(f"var.correction/{tag}", "var.correction", [x, dims], {"correction": 1})
        for d in [0, 1, 2, -1]:
            g.add(f"max.dim/{layout_kind}/{d}", "max.dim", [x, d, True])
            g.add(f"argmin/{layout_kind}/{d}", "argmin", [x, d, False])
            g.add(f"prod.dim_int/{layout_kind}/{d}", "prod.dim_int", [x, d, False])
            g.add(f"all.dim/{layout_kind}/{d}", "all.dim", [x > 0, d, False])
        g.add(f"argmax/{layout_kind}/flat", "argmax", [x])
        g.add(f"argmax/{layout_kind}/flat_keepdim", "argmax", [x, None, True])
    x = expanded((3, 4, 5), (3, 1, 5), F32)
    g.add("sum.dim/expanded/1", "sum.dim_IntList", [x, [1], False])
    g.add("sum.dim/expanded/2", "sum.dim_IntList", [x, [2], False])
    g.add("max.dim/expanded", "max.dim", [x, 1, False])
    g.add("sum/expanded", "sum", [x])
    # ties, NaN, 0-d, empty
    t = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, -1.0, 2.0], [float("nan"), 5.0, float("nan"), 1.0]])
    for op in ["max.dim", "min.dim"]:
        g.add(f"{op}/ties_nan", op, [t, 1, False])
        g.add(f"{op}/ties_nan_dim0", op, [t, 0, False])
    g.add("argmax/ties", "argmax", [t[:2], 1, False])
    g.add("argmin/ties_flat", "argmin", [t[:2]])
    g.add("amax/nan", "amax", [t, [1], False])
    g.add("max/nan", "max", [t])
    long_rows = values((6, 37), F32)
    long_rows[1, 20] = float("nan")
    long_rows[3, 2] = float("nan")
    long_rows[4, 35] = float("-inf")
    long_rows[5, 9] = float("inf")
    g.add("amax/long_rows_nan", "amax", [long_rows, [1], False])
    g.add("amin/long_rows_nan", "amin", [long_rows, [1], False])
    g.add("max/long_rows_nan", "max", [long_rows[2:]])
    g.add("min/long_rows_nan", "min", [long_rows])
    g.add("max.dim/int_ties", "max.dim", [torch.tensor([[4, 9, 9, 1], [2, 2, 2, 2]], dtype=I32), 1, False])
    z = values((), F32)
    for op, args in [("sum", [z]), ("sum.dim_IntList", [z, [0], True]), ("mean.dim", [z, [-1], False]),
                     ("amax", [z, [0], False]), ("max.dim", [z, 0, False]), ("argmax", [z, 0, False]),
                     ("var.correction", [z, None]), ("prod", [z]), ("cumsum", [z, 0]), ("softmax.int", [z, 0])]:
        g.add(f"{op}/0d", op, args)
    e = values((0, 4), F32)
    g.add("sum/empty", "sum", [e])
    g.add("sum.dim/empty_reduced", "sum.dim_IntList", [e, [0], False])
    g.add("sum.dim/empty_kept", "sum.dim_IntList", [e, [1], False])
    g.add("mean.dim/empty", "mean.dim", [e, [0], False])
    g.add("prod.dim_int/empty", "prod.dim_int", [e, 0, False])
    g.add("any.dim/empty", "any.dim", [e, 0, False])
    g.add("all.dim/empty", "all.dim", [e, 0, False])
    g.add("amax/empty_kept", "amax", [e, [1], False])
    g.add("var.correction/empty", "var.correction", [e, [0]])
    g.add("linalg_vector_norm/empty", "linalg_vector_norm", [e, 2, [0]])
    g.add("max/empty_error", "max", [e], match="Expected reduction dim to be specified for input.numel() == 0")
    g.add("max.dim/empty_error", "max.dim", [e, 0, False], match="Expected reduction dim 0 to have non-zero size")
    g.add("amax/empty_error", "amax", [e, [0], False], match="Expected reduction dim 0 to have non-zero size")
    g.add("argmax/empty_error", "argmax", [e], match="Expected reduction dim to be specified for input.numel() == 0")
    g.add("mean/int_error", "mean", [values((3,), I64)], match="mean(): could not infer output dtype")
    g.add("mean/int_dtype", "mean", [values((3, 4), I64)], {"dtype": F32})
    g.add("var/int_error", "var.correction", [values((3,), I32), None], match="std and var only support floating point")
    g.add("norm/int_error", "norm.Scalar", [values((3,), I32), 2], match="norm(): input dtype should be either floating point")
    g.add("sum.dim/dim_error", "sum.dim_IntList", [values((3, 4), F32), [2], False], match="Dimension out of range")
    g.add("sum.dim/repeated_dim_error", "sum.dim_IntList", [values((3, 4), F32), [1, -1], False],
          match="appears multiple times in the list of dims")
    g.add("var.correction/single", "var.correction", [values((1, 3), F32), [0]])
    g.add("logsumexp/int", "logsumexp", [values((3, 4), I64), [1], False])
    g.add("logsumexp/inf", "logsumexp", [torch.tensor([[-float("inf"), -float("inf")], [float("inf"), 1.0]]), [1], False])
    g.add("var/large_mean", "var.correction", [values((50, 7), F32, 1000, 1001), [0]], tol=(1e-3, 1e-5))
    # large: parallel paths
    x = values((200, 173), F32)
    for dims in [None, [0], [1]]:
        tag = f"large/{dims}"
        if dims is None:
            g.add(f"sum/{tag}", "sum", [x])
            g.add(f"amax/{tag}", "amax", [x, [], False])
            g.add(f"argmax/{tag}", "argmax", [x])
        else:
            g.add(f"sum.dim/{tag}", "sum.dim_IntList", [x, dims, False])
            g.add(f"sum.dim/{tag}/transposed", "sum.dim_IntList", [layout(x, "transposed"), dims, False])
            g.add(f"max.dim/{tag}", "max.dim", [x, dims[0], False])
        g.add(f"var.correction/{tag}", "var.correction", [x, dims])
        g.add(f"mean.dim/{tag}", "mean.dim", [x, dims if dims else [], False])
    big = values((70000,), F32, 0, 1)
    g.add("sum/long_row", "sum", [big], tol=(1e-5, 1e-5))
    g.add("mean/long_row", "mean", [big], tol=(1e-5, 1e-5))
    g.add("sum.dim/long_column", "sum.dim_IntList", [big.view(35000, 2), [0], False], tol=(1e-5, 1e-5))
    return g


@group
def gen_scan():
    g = Group("scan")
    for dt in ALL:
        n = dtype_name(dt)
        tol = REDUCED_TOL.get(dt)
        x = values((3, 4, 5), dt, -2, 2)
        for d in [0, 1, -1]:
            g.add(f"cumsum/{n}/{d}", "cumsum", [x, d], tol=tol)
            g.add(f"cumprod/{n}/{d}", "cumprod", [values((3, 4, 5), dt, 0.5, 1.5), d], tol=tol)
            g.add(f"softmax/{n}/{d}", "softmax.int", [x, d], tol=tol)
            g.add(f"log_softmax/{n}/{d}", "log_softmax.int", [x, d], tol=tol)
        g.add(f"cumsum/{n}/dtype", "cumsum", [x, 1], {"dtype": F64}, tol=tol)
        g.add(f"softmax/{n}/dtype", "softmax.int", [x, 1, F32], tol=tol)
        g.add(f"log_softmax/{n}/dtype", "log_softmax.int", [x, 2, F64], tol=tol)
    for lay in ["transposed", "sliced"]:
        x = layout(values((4, 5), F32), lay)
        for d in [0, 1]:
            g.add(f"cumsum/{lay}/{d}", "cumsum", [x, d])
            g.add(f"softmax/{lay}/{d}", "softmax.int", [x, d])
            g.add(f"log_softmax/{lay}/{d}", "log_softmax.int", [x, d])
    g.add("softmax/special", "softmax.int", [torch.tensor([[1.0, -float("inf"), 2.0], [-float("inf")] * 3,
                                                           [1000.0, 999.0, -1000.0]]), 1])
    g.add("log_softmax/special", "log_softmax.int", [torch.tensor([[1.0, -float("inf"), 2.0],
                                                                   [1000.0, 999.0, -1000.0]]), 1])
    rows = values((4, 37), F32)
    rows[1, 30] = float("nan")
    rows[2, 3] = float("inf")
    g.add("softmax/long_rows_special", "softmax.int", [rows, 1])
    g.add("log_softmax/long_rows_special", "log_softmax.int", [rows, 1])
    g.add("cumsum_/float", "cumsum_", [values((3, 4), F32), 1])
    g.add("cumsum/empty", "cumsum", [values((0, 3), F32), 1])
    g.add("softmax/empty", "softmax.int", [values((0, 3), F32), 0])
    x = values((200, 173), F32)
    for d in [0, 1]:
        g.add(f"softmax/large/{d}", "softmax.int", [x, d])
        g.add(f"log_softmax/large/{d}", "log_softmax.int", [x, d])
        g.add(f"cumsum/large/{d}", "cumsum", [x, d], tol=(1e-4, 1e-4))
    g.add("softmax/dim_error", "softmax.int", [values((3, 4), F32), 2], match="Dimension out of range")
    return g


@group
def gen_promotion():
    g = Group("promotion")
    for a in ALL:
        for b in ALL:
            g.cases.append({"name": f"promote_types/{dtype_name(a)}_{dtype_name(b)}", "op": "promote_types",
                            "args": [enc_arg(a), enc_arg(b)], "kwargs": {},
                            "expect": enc_result(torch.promote_types(a, b))})
    operands = [values((2,), I32), values((), F64), values((2,), U8), values((), I64), values((2,), BOOL),
                values((), BOOL), values((2,), F16), values((), F32), values((2,), BF16), 3, 2.5, True,
                values((2,), I8)]
    for i, a in enumerate(operands):
        for j, b in enumerate(operands):
            if not isinstance(a, torch.Tensor) and not isinstance(b, torch.Tensor):
                continue
            r = torch.result_type(a, b)
            g.cases.append({"name": f"result_type/{i}_{j}", "op": "result_type", "args": [enc_arg(a), enc_arg(b)],
                            "kwargs": {}, "expect": enc_result(r)})
    return g


def main():
    outdir = sys.argv[1]
    wanted = sys.argv[2:] or list(GROUPS)
    os.makedirs(outdir, exist_ok=True)
    for name in wanted:
        g = GROUPS[name]()
        with open(os.path.join(outdir, name + ".json"), "w") as f:
            json.dump(g.cases, f)
        print(f"{name}: {len(g.cases)} cases")


if __name__ == "__main__":
    main()
