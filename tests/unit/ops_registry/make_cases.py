"""Writes PyTorch's results for calls of registered operators, for the registry harness.

Run as `/usr/bin/python3 make_cases.py OUTDIR`; writes OUTDIR/cases.pt with torch.save:
a list of dicts {group, name, op, args, kwargs, outputs, error, check}. `op` is the
operator name ("aten::add.Tensor"); args/kwargs are what the C++ test pushes (dtypes,
memory formats and layouts as their integer codes, devices as strings); `outputs` are
the op's outputs in schema order (a multi-return op gives several), computed with
torch.ops.aten.<name>.<overload> on copies of the arguments; `error` is the first line
of PyTorch's error instead, and `check` is "values" or "meta" (random or uninitialised
results: dtype and shape only).
"""
import sys

import torch

A = torch.ops.aten
CASES = []
GROUP = ""
torch.manual_seed(0)

DTYPE_CODES = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4, torch.float16: 5,
               torch.float32: 6, torch.float64: 7, torch.complex64: 9, torch.complex128: 10, torch.bool: 11,
               torch.bfloat16: 15}
FORMAT_CODES = {torch.contiguous_format: 0, torch.preserve_format: 1, torch.channels_last: 2}


def encode(v):
    if isinstance(v, torch.Tensor) and (v.is_conj() or v.is_neg()):
        return v.resolve_conj().resolve_neg()  # torch.save cannot keep the lazy bits
    if isinstance(v, torch.dtype):
        return DTYPE_CODES[v]
    if isinstance(v, torch.memory_format):
        return FORMAT_CODES[v]
    if isinstance(v, torch.layout):
        return 0
    if isinstance(v, torch.device):
        return str(v)
    if isinstance(v, torch.Size):
        return list(v)
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, tuple):
        return tuple(encode(x) for x in v)
    if isinstance(v, dict):
        return {k: encode(x) for k, x in v.items()}
    return v


def copy_tree(v):
    """Copies tensors (keeping their strides) so in-place ops leave the saved inputs alone."""
    if isinstance(v, torch.Tensor):
        c = torch.empty_strided(v.size(), v.stride(), dtype=v.dtype)
        c.copy_(v)
        return c
    if isinstance(v, list):
        return [copy_tree(x) for x in v]
    if isinstance(v, tuple):
        return tuple(copy_tree(x) for x in v)
    return v


def resolve(op):
    base, _, overload = op[len("aten::"):].partition(".")
    return getattr(getattr(A, base), overload or "default")


def case(op, *args, check="values", oracle=None, **kwargs):
    """Records op(*args, **kwargs); `oracle` replaces torch.ops where it cannot take the
    arguments (torch.ops rejects Python lists for `t[]`)."""
    fn = resolve(op)
    outputs, error = None, None
    try:
        r = (oracle or fn)(*copy_tree(list(args)), **copy_tree(kwargs))
        outputs = list(r) if len(fn._schema.returns) > 1 else [r]
    except Exception as e:  # PyTorch's error is the expected outcome
        error = (str(e).strip().split("\n") or [""])[0] or type(e).__name__
    CASES.append({"group": GROUP, "name": f"{op}#{len(CASES)}", "op": op, "args": encode(list(args)),
                  "kwargs": encode(kwargs), "outputs": encode(outputs), "error": error, "check": check})


# ---- inputs ---------------------------------------------------------------------------

def f32(*shape):
    return torch.randn(*shape)


def pos(*shape):
    return torch.rand(*shape) + 0.5


def ints(*shape, lo=-5, hi=6, dtype=torch.int64):
    return torch.randint(lo, hi, shape, dtype=dtype)


def bools(*shape):
    return torch.rand(*shape) > 0.5


def noncontig(t):
    """A transposed view of t's data (same shape as t.t() of a [n, m] tensor)."""
    return t.t()


F = f32(2, 3)
F_T = noncontig(f32(3, 2))          # [2, 3], non-contiguous
F_ROW = f32(3)                      # broadcasts against [2, 3]
F0 = torch.tensor(1.5)              # 0-d
FZ = torch.randn(0, 3)              # zero-size
D = torch.randn(2, 3, dtype=torch.float64)
I = ints(2, 3)
I_POS = ints(2, 3, lo=1, hi=6)
I32 = ints(2, 3, dtype=torch.int32)
B = bools(2, 3)
B_ROW = bools(3)


# ---- binary ---------------------------------------------------------------------------

def binary_family(names, tensor_pairs, scalars, inplace=True):
    t, s, it, is_, out = names
    for a, b in tensor_pairs:
        if t:
            case(t, a, b)
        if it:
            case(it, a, b)
        if out:
            case(out, a, b, out=torch.empty(0, dtype=result_dtype(t, a, b)))
    for a, b in scalars:
        if s:
            case(s, a, b)
        if is_:
            case(is_, a, b)


def result_dtype(op, *args, **kwargs):
    """The dtype op's result has (the first argument's when the call fails), for out= tensors."""
    try:
        return resolve(op)(*args, **kwargs).dtype
    except Exception:
        return args[0].dtype


def std_names(n):
    return (f"aten::{n}.Tensor", f"aten::{n}.Scalar", f"aten::{n}_.Tensor", f"aten::{n}_.Scalar",
            f"aten::{n}.Tensor_out")


ARITH_PAIRS = [(F, F_ROW), (F_T, F), (F0, F), (FZ, F_ROW), (D, F), (I, I_POS), (I, F), (I32, I), (F, F0)]
ARITH_SCALARS = [(F, 2), (F, 0.5), (I, 3), (I, 2.5), (D, -1.25), (F0, 3), (FZ, 2)]
DIV_PAIRS = [(F, pos(3)), (F_T, pos(2, 3)), (I, I_POS), (D, pos(2, 3)), (F0, pos(2, 3))]
DIV_SCALARS = [(F, 2), (I, 4), (I, 2.5), (D, -0.5)]
CMP_PAIRS = [(F, F_ROW), (F_T, F), (I, I_POS), (I, F), (F0, F), (FZ, F_ROW), (B, B_ROW)]
CMP_SCALARS = [(F, 0.0), (I, 2), (I, 1.5), (B, True), (F0, 1)]
BIT_PAIRS = [(I, I_POS), (B, B_ROW), (I32, I), (I.t(), I_POS.t()), (F, F)]
# No bool Scalars: torch.ops turns a Python bool into an int Scalar, TorchScript rejects
# bools for `Scalar` arguments, so neither path gives a bool Scalar.
BIT_SCALARS = [(I, 3), (I32, 6), (B, 1)]
SHIFT_PAIRS = [(I, ints(2, 3, lo=0, hi=4)), (I32, ints(3, lo=0, hi=4, dtype=torch.int32))]
SHIFT_SCALARS = [(I, 2), (I32, 1)]


def binary_cases():
    global GROUP
    GROUP = "binary"
    for p in ("add", "sub", "subtract"):
        for a, b in ARITH_PAIRS[:6]:
            case(f"aten::{p}.Tensor", a, b)
            case(f"aten::{p}.Tensor", a, b, alpha=2)
            case(f"aten::{p}_.Tensor", a, b)
            case(f"aten::{p}.out", a, b, out=torch.empty(0, dtype=torch.result_type(a, b)))
        for a, b in ARITH_SCALARS:
            case(f"aten::{p}.Scalar", a, b)
            case(f"aten::{p}.Scalar", a, b, 2)
            case(f"aten::{p}_.Scalar", a, b)
        case(f"aten::{p}.Tensor", B, B)
    case("aten::add.Tensor", I, F, alpha=0.5)
    for a, b in ARITH_PAIRS[:4]:
        case("aten::rsub.Tensor", a, b)
    case("aten::rsub.Scalar", F, 1)
    case("aten::rsub.Scalar", I, 1, 2)
    for p in ("mul", "multiply"):
        binary_family((f"aten::{p}.Tensor", f"aten::{p}.Scalar", f"aten::{p}_.Tensor", f"aten::{p}_.Scalar",
                       f"aten::{p}.out"), ARITH_PAIRS + [(B, B_ROW)], ARITH_SCALARS)
    for p in ("div", "divide", "true_divide"):
        binary_family((f"aten::{p}.Tensor", f"aten::{p}.Scalar", f"aten::{p}_.Tensor", f"aten::{p}_.Scalar",
                       f"aten::{p}.out"), DIV_PAIRS, DIV_SCALARS)
        if p == "true_divide":
            continue
        for mode in (None, "trunc", "floor"):
            for a, b in DIV_PAIRS[:3]:
                case(f"aten::{p}.Tensor_mode", a, b, rounding_mode=mode)
                case(f"aten::{p}_.Tensor_mode", a, b, rounding_mode=mode)
                case(f"aten::{p}.out_mode", a, b, rounding_mode=mode,
                     out=torch.empty(0, dtype=result_dtype(f"aten::{p}.Tensor_mode", a, b, rounding_mode=mode)))
            for a, b in DIV_SCALARS:
                case(f"aten::{p}.Scalar_mode", a, b, rounding_mode=mode)
                case(f"aten::{p}_.Scalar_mode", a, b, rounding_mode=mode)
    case("aten::div.Tensor_mode", I, torch.zeros(2, 3, dtype=torch.int64), rounding_mode="floor")
    binary_family(("aten::floor_divide", "aten::floor_divide.Scalar", "aten::floor_divide_.Tensor",
                   "aten::floor_divide_.Scalar", "aten::floor_divide.out"), DIV_PAIRS, DIV_SCALARS)
    for n in ("remainder", "fmod"):
        binary_family(std_names(n), DIV_PAIRS + [(I, -I_POS)], DIV_SCALARS + [(I, -3)])
    case("aten::remainder.Scalar_Tensor", 5, I_POS)
    case("aten::remainder.Scalar_Tensor", 2.5, pos(2, 3))
    binary_family(("aten::pow.Tensor_Tensor", "aten::pow.Tensor_Scalar", "aten::pow_.Tensor", "aten::pow_.Scalar",
                   "aten::pow.Tensor_Tensor_out"), [(pos(2, 3), F_ROW), (I, ints(2, 3, lo=0, hi=3)), (D, F0)],
                  [(F, 2), (pos(2, 3), 0.5), (I, 3), (I, -1), (I, 0.5)])
    case("aten::pow.Scalar", 2, F)
    case("aten::pow.Scalar", 2, ints(3, lo=0, hi=5))
    case("aten::pow.Tensor_Scalar_out", F, 2, out=torch.empty(0))
    binary_family(("aten::atan2", None, "aten::atan2_", None, "aten::atan2.out"), [(F, F_ROW), (F_T, F), (I, I_POS)], [])
    nan_row = torch.tensor([1.0, float("nan"), -2.0])
    for n in ("maximum", "minimum"):
        binary_family((f"aten::{n}", None, None, None, f"aten::{n}.out"), [(F, nan_row), (I, I_POS), (F0, F)], [])
    binary_family(("aten::max.other", None, None, None, "aten::max.out"), [(F, F_ROW)], [])
    binary_family(("aten::min.other", None, None, None, "aten::min.out"), [(F, F_ROW)], [])


def comparison_cases():
    global GROUP
    GROUP = "compare"
    for n in ("eq", "ne", "lt", "le", "gt", "ge", "not_equal", "less", "less_equal", "greater", "greater_equal"):
        binary_family(std_names(n), CMP_PAIRS, CMP_SCALARS)
    for n in ("bitwise_and", "bitwise_or", "bitwise_xor"):
        binary_family(std_names(n), BIT_PAIRS, BIT_SCALARS)
        case(f"aten::{n}.Scalar_Tensor", 6, I)
    for n in ("left", "right"):
        binary_family((f"aten::bitwise_{n}_shift.Tensor", f"aten::bitwise_{n}_shift.Tensor_Scalar",
                       f"aten::bitwise_{n}_shift_.Tensor", f"aten::bitwise_{n}_shift_.Tensor_Scalar",
                       f"aten::bitwise_{n}_shift.Tensor_out"), SHIFT_PAIRS, SHIFT_SCALARS)
        case(f"aten::bitwise_{n}_shift.Scalar_Tensor", 64, ints(3, lo=0, hi=4))
    for n, i in (("and", "iand"), ("or", "ior"), ("xor", "ixor")):
        binary_family((f"aten::__{n}__.Tensor", f"aten::__{n}__.Scalar", f"aten::__{i}__.Tensor",
                       f"aten::__{i}__.Scalar", None), BIT_PAIRS, BIT_SCALARS)
    for n, i in (("lshift", "ilshift"), ("rshift", "irshift")):
        binary_family((f"aten::__{n}__.Tensor", f"aten::__{n}__.Scalar", f"aten::__{i}__.Tensor",
                       f"aten::__{i}__.Scalar", f"aten::__{n}__.Tensor_out"), SHIFT_PAIRS, SHIFT_SCALARS)
    for n in ("logical_and", "logical_or", "logical_xor"):
        binary_family((f"aten::{n}", None, f"aten::{n}_", None, f"aten::{n}.out"),
                      [(F, F_ROW), (B, B_ROW), (I, B), (FZ, F_ROW)], [])
    close_a = torch.tensor([1.0, 2.0, float("nan"), float("inf"), 1e-9])
    close_b = torch.tensor([1.0 + 1e-6, 2.1, float("nan"), float("inf"), 0.0])
    for eq_nan in (False, True):
        case("aten::isclose", close_a, close_b, equal_nan=eq_nan)
        case("aten::allclose", close_a, close_b, equal_nan=eq_nan)
    case("aten::isclose", close_a, close_b, 0.1, 0.01)
    case("aten::isclose", I, I_POS)
    case("aten::isclose", B, B)
    case("aten::allclose", F, F.clone())
    case("aten::allclose", F, F + 1e-3, 1e-2, 1e-2)
    case("aten::equal", F, F.clone())
    case("aten::equal", F, F_ROW)
    case("aten::equal", I, I_POS)
    case("aten::equal", close_a, close_a)


def ternary_cases():
    global GROUP
    GROUP = "ternary"
    cond = bools(2, 3)
    for c, a, b in ((cond, F, F_ROW), (B_ROW, I, F), (cond, F_T, F0), (cond.to(torch.uint8), F, F)):
        case("aten::where.self", c, a, b)
    case("aten::where.ScalarOther", cond, F, 0.0)
    case("aten::where.ScalarOther", cond, I, 2)
    case("aten::where.ScalarSelf", cond, 1.5, I)
    case("aten::where.Scalar", cond, 1.0, 0.0)
    case("aten::where.Scalar", cond, 1, 0)
    case("aten::where", F > 0)
    case("aten::where", torch.tensor(1.0))
    for self_, mask in ((F, cond), (F_T, B_ROW), (I, cond), (FZ, bools(3))):
        case("aten::masked_fill.Scalar", self_, mask, -1)
        case("aten::masked_fill_.Scalar", self_, mask, 2.5)
        case("aten::masked_fill.Tensor", self_, mask, torch.tensor(7))
        case("aten::masked_fill_.Tensor", self_, mask, torch.tensor(3.0))
    case("aten::masked_fill.Scalar", F_ROW, cond, 0.0)
    case("aten::masked_fill.Tensor", F, cond, torch.ones(2))
    for n in ("clamp", "clip"):
        case(f"aten::{n}", F, -0.5, 0.5)
        case(f"aten::{n}", F_T, None, 0.0)
        case(f"aten::{n}", I, 0.5)
        case(f"aten::{n}", I, -2, 2)
        case(f"aten::{n}", F, None, None)
        case(f"aten::{n}_", F, -0.5, 0.5)
        case(f"aten::{n}_", I, 0, None)
        case(f"aten::{n}.Tensor", F, F_ROW, None)
        case(f"aten::{n}.Tensor", F, -F0, F0)
        case(f"aten::{n}_.Tensor", F, F_ROW, F_ROW + 1)
    case("aten::clamp_min", F, 0.0)
    case("aten::clamp_min", I, 1)
    case("aten::clamp_min.Tensor", F, F_ROW)
    case("aten::clamp_min_", F_T, 0.0)
    case("aten::clamp_min_.Tensor", F, F_ROW)
    case("aten::clamp_max", F, 0.0)
    case("aten::clamp_max.Tensor", I, I_POS)
    case("aten::clamp_max_", F, 0.0)
    case("aten::clamp_max_.Tensor", F, F_ROW)
    case("aten::lerp.Scalar", F, F_ROW, 0.3)
    case("aten::lerp.Tensor", F, F_ROW, pos(2, 3))
    case("aten::lerp_.Scalar", F_T, F, 0.7)
    case("aten::lerp_.Tensor", F, F, F0)
    case("aten::lerp.Scalar", I, I, 0.5)
    for n in ("addcmul", "addcdiv"):
        case(f"aten::{n}", F, F_ROW, pos(2, 3))
        case(f"aten::{n}", F, F_T, pos(3), value=0.5)
        case(f"aten::{n}_", F, F_ROW, pos(2, 3), value=2)
        case(f"aten::{n}", I, I, I_POS)


# ---- unary ----------------------------------------------------------------------------

UNARY = ("neg abs sign sqrt rsqrt exp exp2 expm1 log log2 log10 log1p sin cos tan asin acos atan sinh cosh tanh "
         "asinh acosh atanh sigmoid erf erfc erfinv floor ceil round trunc frac reciprocal square logical_not "
         "bitwise_not relu relu6 silu mish hardswish hardsigmoid selu").split()
NO_OUT = {"relu6", "selu"}


def unary_input(name):
    if name in ("acosh",):
        return pos(2, 3) + 1
    if name in ("asin", "acos", "atanh", "erfinv"):
        return torch.rand(2, 3) * 1.8 - 0.9
    if name in ("sqrt", "rsqrt", "log", "log2", "log10", "log1p"):
        return pos(2, 3)
    return f32(2, 3) * 2


def unary_cases():
    global GROUP
    GROUP = "unary"
    for n in UNARY:
        x = unary_input(n)
        for a in (x, x.t(), x[0, 0], x[:0], x.double()):
            case(f"aten::{n}", a)
        case(f"aten::{n}", ints(2, 3, lo=1, hi=4))
        case(f"aten::{n}", B)
        case(f"aten::{n}_", x.t())
        case(f"aten::{n}_", ints(3, lo=1, hi=4))
        if n not in NO_OUT:
            case(f"aten::{n}.out", x, out=torch.empty(0, dtype=result_dtype(f"aten::{n}", x)))
    for n in ("isnan", "isinf", "isfinite"):
        case(f"aten::{n}", torch.tensor([1.0, float("nan"), float("inf"), -float("inf")]))
        case(f"aten::{n}", I)
    case("aten::round.decimals", f32(2, 3) * 100, decimals=1)
    case("aten::round.decimals", f32(4), decimals=-1)
    case("aten::round_.decimals", f32(2, 3), decimals=2)
    x = f32(2, 3) * 3
    for approx in ("none", "tanh"):
        case("aten::gelu", x, approximate=approx)
        case("aten::gelu_", x.t(), approximate=approx)
    case("aten::gelu", x, approximate="bogus")
    case("aten::elu", x)
    case("aten::elu", x, 0.5, 2.0, 1.5)
    case("aten::elu_", x.t(), 1.2)
    case("aten::celu", x, 0.7)
    case("aten::celu_", x)
    case("aten::leaky_relu", x)
    case("aten::leaky_relu", x, 0.2)
    case("aten::leaky_relu_", x.t(), 0.1)
    case("aten::softplus", x)
    case("aten::softplus", x, 2, 1)
    case("aten::hardtanh", x)
    case("aten::hardtanh", I, -2, 2)
    case("aten::hardtanh_", x, -0.5, 0.5)
    case("aten::threshold", x, 0.1, 20)
    case("aten::threshold", I, 0, -1)
    case("aten::threshold_", x.t(), 0.0, 0.0)
    p = torch.rand(2, 3)
    case("aten::logit", p)
    case("aten::logit", p, 0.1)
    case("aten::logit_", p.t(), 1e-3)
    special = torch.tensor([1.0, float("nan"), float("inf"), -float("inf")])
    case("aten::nan_to_num", special)
    case("aten::nan_to_num", special, 0.5, 100.0, -100.0)
    case("aten::nan_to_num", I)
    case("aten::nan_to_num_", special.clone(), 1.0)
    for n in ("dropout", "feature_dropout", "alpha_dropout"):
        case(f"aten::{n}", x, 0.5, False)
        case(f"aten::{n}_", x, 0.3, False)
    case("aten::dropout", x, 0.5, True, check="meta")


# ---- reductions and sorting -----------------------------------------------------------

def reduce_cases():
    global GROUP
    GROUP = "reduce"
    X = f32(3, 4)
    X3 = f32(2, 3, 4)
    for a in (X, X.t(), X3, torch.tensor(2.0), torch.randn(0, 3)):
        case("aten::sum", a)
        case("aten::mean", a)
        case("aten::prod", a)
    for a in (I, B):
        case("aten::sum", a)
        case("aten::prod", a)
        case("aten::mean", a)
    case("aten::sum", I, dtype=torch.float64)
    case("aten::mean", I, dtype=torch.float32)
    for dim, keep in (([1], False), ([0, -1], True), (None, False), ([], True)):
        case("aten::sum.dim_IntList", X3, dim, keep)
        case("aten::mean.dim", X3, dim, keep)
        case("aten::var.dim", X3, dim, True, keep)
        case("aten::std.dim", X3, dim, False, keep)
        case("aten::var.correction", X3, dim, correction=0, keepdim=keep)
        case("aten::std.correction", X3, dim, correction=2, keepdim=keep)
        case("aten::var_mean.dim", X3, dim, True, keep)
        case("aten::std_mean.dim", X3, dim, True, keep)
        case("aten::var_mean.correction", X3, dim, correction=1, keepdim=keep)
        case("aten::std_mean.correction", X3, dim, correction=None, keepdim=keep)
        case("aten::linalg_vector_norm", X3, 2, dim, keep)
    case("aten::sum.dim_IntList", I.t(), [0], False, dtype=torch.float32)
    case("aten::sum.dim_IntList", torch.randn(0, 3), [0], True)
    case("aten::mean.dim", I, [0])
    case("aten::prod.dim_int", X3, 1)
    case("aten::prod.dim_int", I, -1, True)
    case("aten::prod.dim_int", B, 0, dtype=torch.float32)
    for a in (X, X3.transpose(0, 2)):
        case("aten::amax", a, [0])
        case("aten::amin", a, [0, 1], True)
        case("aten::amax", a)
        case("aten::max", a)
        case("aten::min", a)
        case("aten::max.dim", a, 1)
        case("aten::min.dim", a, -1, True)
        case("aten::argmax", a)
        case("aten::argmin", a, 1)
        case("aten::argmax", a, 0, True)
    case("aten::max", torch.randn(0))
    case("aten::max.dim", I, 0)
    case("aten::amin", I, [1])
    for a in (B, I, X > 0, torch.zeros(0, dtype=torch.bool)):
        case("aten::any", a)
        case("aten::all", a)
    case("aten::any.dim", B, 1)
    case("aten::all.dim", B.t(), 0, True)
    case("aten::all.dim", I, 1)
    case("aten::var", X)
    case("aten::var", X3, False)
    case("aten::std", X)
    case("aten::std", X3.transpose(0, 1), False)
    case("aten::var_mean", X)
    case("aten::std_mean", X3, False)
    case("aten::var", I)
    for ord_ in (2, 1, float("inf"), -float("inf"), 0, 3.5):
        case("aten::linalg_vector_norm", X, ord_)
    case("aten::linalg_vector_norm", X, 2, [1], True, dtype=torch.float64)
    case("aten::norm.Scalar", X)
    case("aten::norm.Scalar", X, 1)
    case("aten::norm.ScalarOpt_dim", X3, None, [1])
    case("aten::norm.ScalarOpt_dim", X3, 3, [0, 2], True)
    case("aten::norm.ScalarOpt_dim_dtype", X, 2, [1], False, dtype=torch.float64)
    case("aten::norm.ScalarOpt_dtype", X, 2, dtype=torch.float64)
    case("aten::frobenius_norm", X3)
    case("aten::frobenius_norm.dim", X3, [1, 2])
    case("aten::frobenius_norm.dim", X3, [0], True)
    case("aten::logsumexp", X3, [1])
    case("aten::logsumexp", X3, [0, 2], True)
    case("aten::logsumexp", I, [1])
    for a in (X, X.t(), I, B):
        case("aten::cumsum", a, 1)
        case("aten::cumprod", a, 0)
    case("aten::cumsum", I, 0, dtype=torch.float64)
    case("aten::cumsum_", X.t(), 0)
    case("aten::cumprod_", X, 1)
    case("aten::cumprod_", I, 1)
    for a in (X, X3.transpose(0, 2), torch.tensor(1.0)):
        case("aten::softmax.int", a, 0)
        case("aten::log_softmax.int", a, -1)
    case("aten::softmax.int", X, 1, torch.float64)
    case("aten::log_softmax.int", X.double(), 1, torch.float32)
    case("aten::softmax.int", I, 1)
    case("aten::_softmax", X, 1, False)
    case("aten::_log_softmax", X, 0, False)


def sort_cases():
    global GROUP
    GROUP = "sort"
    X = torch.tensor([[3.0, 1.0, float("nan"), 2.0], [0.0, -1.0, 5.0, 5.0]])
    Y = ints(3, 5, lo=0, hi=4)
    for a in (X, X.t(), Y, B):
        case("aten::sort", a)
        case("aten::sort", a, 0, True)
        case("aten::argsort", a)
        case("aten::argsort", a, 0, True)
    case("aten::sort.stable", Y, stable=True, dim=1, descending=True)
    case("aten::sort.stable", X, stable=False)
    case("aten::argsort.stable", Y, stable=True, dim=0)
    case("aten::msort", X)
    case("aten::msort", Y)
    case("aten::topk", f32(4, 5), 2)
    case("aten::topk", f32(4, 5), 3, 0, False)
    case("aten::topk", Y.double(), 2, 1, True, True)
    case("aten::topk", f32(4), 5)
    case("aten::kthvalue", f32(4, 5), 2)
    case("aten::kthvalue", f32(4, 5), 1, 0, True)
    U = torch.tensor([3, 1, 2, 3, 1, 5])
    case("aten::_unique", U)
    case("aten::_unique", U, True, True)
    for flags in ((True, False, False), (True, True, True), (False, False, True)):
        case("aten::_unique2", U, *flags)
        case("aten::_unique2", torch.tensor([1.5, 0.5, 1.5]), *flags)
    M = torch.tensor([[1, 2], [0, 1], [1, 2]])
    case("aten::unique_dim", M, 0)
    case("aten::unique_dim", M, 1, True, True, True)
    case("aten::unique_consecutive", torch.tensor([1, 1, 2, 2, 3, 1]))
    case("aten::unique_consecutive", torch.tensor([1, 1, 2, 2, 3, 1]), True, True)
    case("aten::unique_consecutive", M, True, True, 0)
    seq = torch.tensor([1.0, 3.0, 5.0, 7.0])
    vals = torch.tensor([[3.0, 6.0], [0.0, 9.0]])
    case("aten::searchsorted.Tensor", seq, vals)
    case("aten::searchsorted.Tensor", seq, vals, out_int32=True, right=True)
    case("aten::searchsorted.Tensor", seq, vals, side="right")
    case("aten::searchsorted.Tensor", torch.tensor([5.0, 1.0, 3.0]), vals, sorter=torch.tensor([1, 2, 0]))
    case("aten::searchsorted.Scalar", seq, 4.0)
    case("aten::searchsorted.Scalar", seq, 5, right=True)
    case("aten::bucketize.Tensor", vals, seq)
    case("aten::bucketize.Tensor", vals, seq, out_int32=True, right=True)
    case("aten::bucketize.Scalar", 3, seq)
    case("aten::bincount", torch.tensor([0, 1, 1, 3]))
    case("aten::bincount", torch.tensor([0, 1, 1, 3]), torch.tensor([0.5, 1.0, 2.0, 1.0]), 6)
    case("aten::bincount", torch.tensor([0, 1, 1, 3]), torch.tensor([0.5, 1.0, 2.0, 1.0], dtype=torch.float64))


# ---- shape, views, conversions --------------------------------------------------------

def shape_cases():
    global GROUP
    GROUP = "shape"
    X = f32(2, 3, 4)
    XT = X.transpose(0, 2)
    for dt in (torch.float64, torch.int32, torch.bool, torch.float16, torch.float32):
        case("aten::to.dtype", X, dt)
        case("aten::to.dtype", XT, dt, False, True)
    case("aten::to.dtype", XT, torch.float32, False, False, torch.contiguous_format)
    case("aten::to.device", X, torch.device("cpu"), torch.int64)
    case("aten::to.other", X, I)
    case("aten::to.other", I, X, False, True)
    case("aten::to.dtype_layout", X, dtype=torch.float64)
    case("aten::to.dtype_layout", X, dtype=None, layout=torch.strided, device=torch.device("cpu"), copy=True)
    case("aten::to.prim_Device", X, torch.device("cpu"), torch.float64)
    case("aten::to.prim_Device", X, None)
    case("aten::to.prim_dtype", I, torch.float32)
    # PyTorch 1.13 turns `to(None, non_blocking, copy=True)` into a uint8 conversion (a bug,
    # the same in TorchScript); Sconce keeps the dtype, so those calls are not compared.
    case("aten::to.prim_other", X)
    case("aten::type_as", I, X)
    case("aten::type_as", X, B)
    case("aten::contiguous", XT)
    case("aten::contiguous", X)
    case("aten::clone", XT)
    case("aten::clone", XT, memory_format=torch.contiguous_format)
    case("aten::clone", I, memory_format=torch.preserve_format)
    case("aten::copy_", f32(2, 3), I)
    case("aten::copy_", f32(2, 3), F_ROW, True)
    case("aten::copy_", I, F.t().contiguous().t())
    case("aten::copy_.Tensor", f32(2, 3), F)
    case("aten::copy_.int", f32(2, 3), 4)
    case("aten::copy_.float", I, 2.5)
    case("aten::fill_.Scalar", X, 2.5)
    case("aten::fill_.Scalar", I, 7)
    case("aten::fill_.Scalar", B, 0)
    case("aten::fill_.Tensor", XT, torch.tensor(3))
    case("aten::zero_", XT)
    case("aten::detach", X)
    case("aten::detach_", X)
    case("aten::alias", XT)
    case("aten::view", X, [6, -1])
    case("aten::view", XT, [-1])
    case("aten::view", torch.tensor(1.0), [1])
    case("aten::view_as", X, f32(4, 6))
    case("aten::reshape", XT, [-1, 2])
    case("aten::reshape", X, [24])
    case("aten::reshape_as", XT, f32(6, 4))
    case("aten::as_strided", X, [2, 2], [1, 2])
    case("aten::as_strided", X, [3], [2], 1)
    case("aten::as_strided_", f32(6), [2, 2], [2, 1])
    case("aten::permute", X, [2, 0, 1])
    case("aten::permute", XT, [-1, 0, 1])
    for n in ("aten::transpose.int", "aten::swapaxes", "aten::swapdims"):
        case(n, X, 0, 2)
        case(n, XT, -1, 1)
    for n in ("aten::transpose_", "aten::swapaxes_", "aten::swapdims_"):
        case(n, X, 0, 1)
    case("aten::t", F)
    case("aten::t", F_ROW)
    case("aten::t", X)
    case("aten::t_", f32(2, 3))
    for n in ("aten::numpy_T", "aten::numpy_T.a", "aten::mT", "aten::mT.a", "aten::mH", "aten::mH.a", "aten::adjoint"):
        case(n, X)
        case(n, XT)
    case("aten::flatten.using_ints", X)
    case("aten::flatten.using_ints", XT, 1)
    case("aten::flatten.using_ints", X, 0, 1)
    case("aten::flatten.using_ints", torch.tensor(2.0))
    case("aten::unflatten.int", X, 2, [2, 2])
    case("aten::unflatten.int", X, -1, [-1, 2])
    S = f32(1, 3, 1)
    case("aten::squeeze", S)
    case("aten::squeeze.dim", S, 0)
    case("aten::squeeze.dim", S, 1)
    case("aten::squeeze_", S)
    case("aten::squeeze_.dim", S, -1)
    case("aten::unsqueeze", X, 0)
    case("aten::unsqueeze", XT, -1)
    case("aten::unsqueeze", torch.tensor(1.0), 0)
    case("aten::unsqueeze_", f32(2, 3), 1)
    case("aten::expand", F_ROW, [2, -1])
    case("aten::expand", f32(2, 1), [3, 2, 4])
    case("aten::expand", F, [3])
    case("aten::expand_as", F_ROW, F)
    case("aten::slice.Tensor", X)
    case("aten::slice.Tensor", X, 1, 1)
    case("aten::slice.Tensor", XT, 0, -3, None, 2)
    case("aten::slice.Tensor", X, 2, 1, 100, 2)
    case("aten::slice.Tensor", X, 0, 5, 1)
    case("aten::select.int", X, 0, 1)
    case("aten::select.int", XT, -1, -1)
    case("aten::select.int", X, 1, 5)
    case("aten::narrow", X, 2, 1, 2)
    case("aten::narrow.Tensor", XT, 0, torch.tensor(1), 2)
    case("aten::movedim.int", X, 0, -1)
    case("aten::moveaxis.int", X, 2, 0)
    case("aten::movedim.intlist", X, [0, 1], [2, 0])
    case("aten::moveaxis.intlist", XT, [0], [1])
    case("aten::diagonal", f32(3, 4))
    case("aten::diagonal", X, 1, 1, 2)
    case("aten::unfold", f32(7), 0, 2, 2)
    case("aten::unfold", X, 2, 2, 1)
    for n in ("1d", "2d", "3d"):
        case(f"aten::atleast_{n}", torch.tensor(1.0))
        case(f"aten::atleast_{n}", F_ROW)
        case(f"aten::atleast_{n}", F)
        case(f"aten::atleast_{n}.Sequence", [torch.tensor(1.0), F, X])
    for n in ("aten::split.Tensor", "aten::unsafe_split.Tensor"):
        case(n, X, 2, 2)
        case(n, XT, 3)
        case(n, X, 5, 1)
    for n in ("aten::split.sizes", "aten::split", "aten::split_with_sizes"):
        case(n, X, [1, 3], 2)
        case(n, XT, [1, 1, 2])
    for n in ("aten::chunk", "aten::unsafe_chunk"):
        case(n, X, 2, 2)
        case(n, XT, 3, 0)
        case(n, f32(5), 3)
    case("aten::tensor_split.sections", f32(7), 3)
    case("aten::tensor_split.sections", X, 2, 1)
    case("aten::tensor_split.indices", f32(7), [1, 5])
    case("aten::tensor_split.indices", X, [1], -1)
    case("aten::tensor_split.tensor_indices_or_sections", f32(7), torch.tensor(3))
    case("aten::tensor_split.tensor_indices_or_sections", f32(7), torch.tensor([2, 4]))
    case("aten::unbind.int", X)
    case("aten::unbind.int", XT, 1)
    for n in ("aten::cat", "aten::concat"):
        case(n, [F, F_T, I], 0)
        case(n, [F, f32(2, 1)], 1)
        case(n, [F, torch.empty(0)], 0)
        case(n, [B, B], -1)
    case("aten::stack", [F, F_T])
    case("aten::stack", [F, I], 2)
    case("aten::stack", [F0, F0], 0)
    for n in ("hstack", "vstack", "dstack"):
        case(f"aten::{n}", [F, F_T])
        case(f"aten::{n}", [F_ROW, F_ROW])
    case("aten::repeat", F, [2, 1, 2])
    case("aten::repeat", XT, [1, 1, 1])
    case("aten::repeat_interleave.Tensor", torch.tensor([1, 0, 2]))
    case("aten::repeat_interleave.self_Tensor", F, torch.tensor([1, 2]), 0)
    case("aten::repeat_interleave.self_Tensor", F, torch.tensor(2))
    case("aten::repeat_interleave.self_int", F, 2)
    case("aten::repeat_interleave.self_int", XT, 2, 1)
    case("aten::flip", XT, [0, 2])
    case("aten::flip", F, [-1])
    case("aten::fliplr", F)
    case("aten::flipud", XT)
    case("aten::roll", F, [1])
    case("aten::roll", XT, [1, -2], [0, 2])
    for n in ("tril", "triu"):
        case(f"aten::{n}", f32(4, 4))
        case(f"aten::{n}", X, 1)
        case(f"aten::{n}", I, -1)
        case(f"aten::{n}_", f32(3, 4).t(), 1)


# ---- indexing -------------------------------------------------------------------------

def indexing_cases():
    global GROUP
    GROUP = "indexing"
    X = f32(4, 5)
    idx = torch.tensor([2, 0, 2])
    case("aten::index_select", X, 0, idx)
    case("aten::index_select", X.t(), 1, idx.to(torch.int32))
    case("aten::index_select", X, 0, torch.tensor([4]))
    g = torch.tensor([[0, 1], [2, 0], [3, 3], [1, 4]])
    case("aten::gather", X, 1, g)
    case("aten::gather", X.t(), 0, g.t().contiguous() % 4)
    sidx = torch.tensor([[0, 1, 2], [3, 0, 1]])
    src = f32(2, 3)
    case("aten::scatter.src", X, 0, sidx, src)
    case("aten::scatter.value", X, 1, sidx, 2.5)
    case("aten::scatter.reduce", X, 0, sidx, src, reduce="add")
    case("aten::scatter.value_reduce", X, 0, sidx, 2.0, reduce="multiply")
    case("aten::scatter_.src", X.t().contiguous(), 1, sidx, src)
    case("aten::scatter_.value", X, 0, sidx, -1)
    case("aten::scatter_.reduce", X, 0, sidx, src, reduce="multiply")
    case("aten::scatter_.value_reduce", X, 1, sidx, 3.0, reduce="add")
    case("aten::scatter_add", X, 0, sidx, src)
    case("aten::scatter_add_", X, 1, sidx, src)
    for red in ("sum", "prod", "mean", "amax", "amin"):
        case("aten::scatter_reduce.two", X, 0, sidx, src, red)
        case("aten::scatter_reduce_.two", X, 1, sidx, src, red, include_self=False)
    Y = f32(3, 4, 5)
    case("aten::index.Tensor", Y, [torch.tensor([0, 2])])
    case("aten::index.Tensor", Y, [None, torch.tensor([[1, 0], [3, 3]])])
    case("aten::index.Tensor", Y, [torch.tensor([0, 2]), None, torch.tensor([1, 4])])
    case("aten::index.Tensor", Y, [Y[:, :, 0] > 0])
    case("aten::index.Tensor", Y.transpose(0, 2), [torch.tensor([-1])])
    case("aten::index.Tensor", I, [torch.tensor([5])])
    case("aten::index.Tensor_hacked_twin", Y, [torch.tensor([1]), torch.tensor([2])])
    for n in ("aten::index_put_", "aten::index_put"):
        case(n, Y, [torch.tensor([0, 2])], torch.tensor(1.5))
        case(n, Y, [torch.tensor([0, 0]), torch.tensor([1, 1])], f32(2, 5), True)
        case(n, Y, [None, torch.tensor([1])], f32(3, 1, 5))
        case(n, X, [X > 0], torch.tensor(0.0))
    case("aten::index_put_.hacked_twin", X, [torch.tensor([1, 1])], f32(5), True)
    case("aten::index_put.hacked_twin", X, [torch.tensor([1]), torch.tensor([3])], torch.tensor(9.0))
    m = X > 0
    case("aten::masked_select", X, m)
    case("aten::masked_select", X, m[0])
    case("aten::masked_select", I, B[0])
    case("aten::masked_scatter", X, m, f32(20))
    case("aten::masked_scatter_", X.t(), m.t(), f32(20))
    case("aten::take", X, torch.tensor([[0, 19], [-1, 3]]))
    case("aten::put", X, torch.tensor([0, 7]), torch.tensor([1.0, 2.0]))
    case("aten::put", X, torch.tensor([0, 0]), torch.tensor([1.0, 2.0]), True)
    case("aten::put_", X, torch.tensor([-1, 3]), torch.tensor([5.0, 6.0]))
    for a in (X > 0, I, torch.tensor(1.0), torch.zeros(0, 3)):
        case("aten::nonzero", a)
        case("aten::argwhere", a)
        case("aten::nonzero_numpy", a)
    case("aten::index_add", X, 0, idx, f32(3, 5))
    case("aten::index_add", X, 1, idx, f32(4, 3), alpha=2)
    case("aten::index_add_", X, 0, idx, f32(3, 5))
    case("aten::index_fill.int_Scalar", X, 1, idx, -1)
    case("aten::index_fill.int_Tensor", X, 0, idx, torch.tensor(4.0))
    case("aten::index_fill_.int_Scalar", X.t(), 0, idx, 0.5)
    case("aten::index_fill_.int_Tensor", I, 1, torch.tensor([-1]), torch.tensor(2))
    case("aten::index_copy", X, 0, torch.tensor([3, 1]), f32(2, 5))
    case("aten::index_copy_", X, 1, torch.tensor([0, 4]), f32(4, 2))
    W = f32(6, 3)
    case("aten::embedding", W, torch.tensor([[0, 5], [2, 2]]))
    case("aten::embedding", W, torch.tensor([1, 1, 0]).to(torch.int32), 0)
    case("aten::embedding", W.t().contiguous().t(), torch.tensor(3))
    case("aten::one_hot", torch.tensor([0, 2, 1]))
    case("aten::one_hot", torch.tensor([[0], [3]]), 5)
    case("aten::one_hot", torch.tensor([0, 7]), 3)


# ---- creation -------------------------------------------------------------------------

def creation_cases():
    global GROUP
    GROUP = "creation"
    cpu = torch.device("cpu")
    case("aten::tensor.int", 3)
    case("aten::tensor.int", 3, dtype=torch.float64)
    case("aten::tensor.float", 2.5)
    case("aten::tensor.float", 2.5, dtype=torch.int32, device=cpu)
    case("aten::tensor.bool", True)
    for data in ([1, 2, 3], [[1.0, 2.0], [3.0, 4.0]], [[True], [False]], [[1, 2.5]], [], [[], []]):
        case("aten::tensor", data, oracle=torch.tensor)
        case("aten::as_tensor.list", data, oracle=torch.as_tensor)
    case("aten::tensor", [[1, 2], [3, 4]], dtype=torch.float16, oracle=torch.tensor)
    case("aten::tensor", [[1, 2], [3]], oracle=torch.tensor)
    case("aten::as_tensor.list", [1.5, 2], dtype=torch.int64, oracle=torch.as_tensor)
    case("aten::as_tensor.int", 4)
    case("aten::as_tensor.float", 4.5, dtype=torch.float64)
    case("aten::as_tensor.bool", False)
    case("aten::as_tensor", F)
    case("aten::as_tensor", I, dtype=torch.float32)
    case("aten::scalar_tensor", 3)
    case("aten::scalar_tensor", 2.5, dtype=torch.float64)
    case("aten::scalar_tensor", True)
    for n in ("aten::zeros", "aten::ones"):
        case(n, [2, 3])
        case(n, [0], dtype=torch.int64)
        case(n, [], dtype=torch.bool, device=cpu)
        case(n, [2, -1])
    case("aten::empty.memory_format", [2, 3], check="meta")
    case("aten::empty.memory_format", [4], dtype=torch.int32, check="meta")
    case("aten::empty_strided", [2, 3], [1, 2], check="meta")
    case("aten::full", [2, 2], 7)
    case("aten::full", [2], 1.5)
    case("aten::full", [2], 3, dtype=torch.float64)
    for n in ("empty_like", "zeros_like", "ones_like"):
        chk = "meta" if n == "empty_like" else "values"
        case(f"aten::{n}", F_T, check=chk)
        case(f"aten::{n}", I, dtype=torch.float32, check=chk)
        case(f"aten::{n}", F_T, memory_format=torch.contiguous_format, check=chk)
    case("aten::full_like", F_T, 2)
    case("aten::full_like", I, 2.5, dtype=torch.float64)
    case("aten::new_empty", I, [2], check="meta")
    case("aten::new_empty_strided", F, [2, 2], [1, 2], check="meta")
    case("aten::new_zeros", I, [2, 3])
    case("aten::new_ones", F, [3], dtype=torch.int32)
    case("aten::new_full", B, [2], True)
    case("aten::new_full", I, [2], 3.5, dtype=torch.float64)
    case("aten::arange", 5)
    case("aten::arange", 5.5)
    case("aten::arange", 4, dtype=torch.float64)
    case("aten::arange.start", 2, 7)
    case("aten::arange.start", -1.0, 1)
    case("aten::arange.start_step", 0, 1, 0.1)
    case("aten::arange.start_step", 10, 0, -3)
    case("aten::arange.start_step", 0, 5, 0)
    case("aten::linspace", 0, 1, 5)
    case("aten::linspace", -2, 3, 7, dtype=torch.float64)
    case("aten::linspace", 0, 10, 4, dtype=torch.int64)
    case("aten::logspace", 0, 2, 3)
    case("aten::logspace", 0, 3, 4, 2.0)
    case("aten::eye", 3)
    case("aten::eye", 2, dtype=torch.int64)
    case("aten::eye.m", 2, 4)
    case("aten::tril_indices", 3, 4)
    case("aten::triu_indices", 4, 3, 1)
    case("aten::meshgrid", [F_ROW, torch.tensor([1.0, 2.0])])
    case("aten::meshgrid.indexing", [F_ROW, torch.tensor([1.0, 2.0])], indexing="xy")
    case("aten::cartesian_prod", [torch.tensor([1, 2]), torch.tensor([3, 4, 5])])
    case("aten::diag", F_ROW)
    case("aten::diag", F_ROW, 1)
    case("aten::diag", f32(3, 4), -1)
    case("aten::diag_embed", F)
    case("aten::diag_embed", F, 1, 0, 2)
    case("aten::diagflat", F)
    case("aten::diagflat", F_ROW, -1)
    for n, args in (("rand", ([2, 3],)), ("randn", ([4],)), ("randperm", (5,)), ("randint", (5, [3])),
                    ("randint.low", (2, 5, [2, 2])), ("rand_like", (F,)), ("randn_like", (D,)),
                    ("randint_like", (I, 4)), ("randint_like.low_dtype", (I, 1, 4)),
                    ("normal.float_float", (0.0, 1.0, [3])), ("uniform_", (f32(3),)), ("normal_", (f32(3),)),
                    ("bernoulli", (torch.rand(3),)), ("bernoulli.p", (f32(3), 0.5)), ("bernoulli_.float", (f32(3),))):
        case(f"aten::{n}", *args, check="meta")
    case("aten::rand", [2], dtype=torch.float64, check="meta")


# ---- complex --------------------------------------------------------------------------

def cplx(*shape, dtype=torch.complex64):
    return torch.randn(*shape, dtype=dtype)


def complex_cases():
    global GROUP
    GROUP = "complex"
    C = cplx(2, 3)
    C_T = noncontig(cplx(3, 2))          # [2, 3], non-contiguous
    C_ROW = cplx(3)                      # broadcasts against [2, 3]
    CD = cplx(2, 3, dtype=torch.complex128)
    C0 = torch.tensor(1 - 2j)
    # storage, copies, creation
    for t, dt in ((C, torch.complex128), (CD, torch.complex64), (C_T, torch.float32), (F, torch.complex64),
                  (I, torch.complex128), (B, torch.complex64), (C, torch.bool), (C_T, torch.int64)):
        case("aten::to.dtype", t, dt)
    case("aten::clone", C_T)
    case("aten::contiguous", C_T)
    case("aten::copy_", C.clone(), C_T)
    case("aten::copy_", C.clone(), F_ROW)
    case("aten::fill_.Scalar", C_T.clone(), 1 + 2j)
    case("aten::fill_.Scalar", CD.clone(), 3)
    case("aten::fill_.Tensor", C.clone(), C0)
    case("aten::zeros", [2, 2], dtype=torch.complex64)
    case("aten::ones", [3], dtype=torch.complex128)
    case("aten::full", [2], 1 + 2j)
    case("aten::full", [2], 2.5, dtype=torch.complex128)
    case("aten::zeros_like", C_T)
    case("aten::empty.memory_format", [2], dtype=torch.complex64, check="meta")
    case("aten::tensor.complex", 1 + 2j)
    case("aten::tensor.complex", 1 + 2j, dtype=torch.complex128)
    case("aten::as_tensor.complex", -1.5j)
    case("aten::as_tensor.complex", 2j, dtype=torch.float64)
    case("aten::scalar_tensor", 1 + 1j, dtype=torch.complex64)
    case("aten::cat", [C, C_T])
    case("aten::cat", [C, F, I])
    case("aten::stack", [C_T, C], 1)
    # views are dtype-agnostic
    case("aten::transpose.int", C, 0, 1)
    case("aten::view", C, [3, 2])
    case("aten::select.int", C_T, 1, 1)
    case("aten::slice.Tensor", C, 1, 0, 3, 2)
    case("aten::permute", C_T, [1, 0])
    case("aten::expand", C_ROW, [2, 3])
    case("aten::unsqueeze", C_T, 0)
    case("aten::reshape", C_T, [6])
    case("aten::flatten.using_ints", C)
    case("aten::mT", C_T)
    case("aten::mH", C_T)
    case("aten::mH.a", C)
    case("aten::adjoint", CD)
    case("aten::adjoint", F)
    case("aten::matrix_H", C_T)
    case("aten::matrix_H.a", F)
    case("aten::matrix_H", cplx(2, 2, 2))
    # arithmetic with type promotion: float + complex -> complex, int + complex number -> complex64
    for op in ("add.Tensor", "sub.Tensor", "mul.Tensor", "div.Tensor"):
        for a, b in ((C, C_T), (C, F), (F_T, C_ROW), (C, CD), (I, C0), (C0, D), (C_T, torch.tensor(2))):
            case(f"aten::{op}", a, b)
    for op in ("add.Scalar", "sub.Scalar", "mul.Scalar", "div.Scalar"):
        for a, b in ((C_T, 2), (C, 1.5), (I, 2j), (F, 1 + 1j), (D, -2j), (B, 1j)):
            case(f"aten::{op}", a, b)
    case("aten::add.Tensor", C, C_T, alpha=2j)
    case("aten::sub.Tensor", C, F, alpha=1 - 1j)
    case("aten::add.Tensor", F, F, alpha=2j)
    case("aten::add_.Tensor", C_T.clone(), F)
    case("aten::add_.Tensor", F.clone(), C)
    case("aten::mul_.Scalar", CD.clone(), 1j)
    case("aten::div_.Tensor", C.clone(), C_ROW)
    case("aten::add.out", C, F, out=torch.empty(0, dtype=torch.complex64))
    case("aten::rsub.Scalar", C_T, 1j)
    case("aten::rsub.Tensor", C, F_ROW)
    case("aten::neg", C_T)
    case("aten::neg_", CD.clone())
    case("aten::pow.Tensor_Scalar", C_T, 2)
    case("aten::pow.Tensor_Scalar", C, 0.5)
    case("aten::pow.Tensor_Scalar", C, 1j)
    case("aten::pow.Tensor_Scalar", F_ROW, 1j)
    case("aten::pow.Tensor_Tensor", C, C_T)
    case("aten::pow.Tensor_Tensor", pos(2, 3), C_ROW)
    case("aten::pow.Scalar", 2, C_T)
    case("aten::pow.Scalar", 1j, F)
    for n in ("exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "reciprocal", "rsqrt", "log10", "tan",
              "sinh", "cosh", "asin", "acos", "atan", "asinh", "acosh", "atanh"):
        case(f"aten::{n}", C_T)
        case(f"aten::{n}", CD)
    case("aten::exp_", C.clone())
    case("aten::sqrt.out", C_T, out=torch.empty(0, dtype=torch.complex64))
    case("aten::exp2", C)  # not for complex in PyTorch 1.13 either
    # comparisons: equality only
    case("aten::eq.Tensor", C, C_T)
    case("aten::eq.Tensor", C, C.clone())
    case("aten::ne.Tensor", C_T, C_ROW)
    case("aten::eq.Scalar", torch.tensor([1j, 1 + 0j, 2]), 1j)
    case("aten::ne.Scalar", torch.tensor([1j, 1 + 0j, 2]), 1)
    case("aten::eq.Tensor", torch.tensor([1 + 0j, 2j]), torch.tensor([1.0, 2.0]))
    case("aten::lt.Tensor", C, C_T)
    case("aten::gt.Scalar", C, 1)
    # reductions
    case("aten::sum", C_T)
    case("aten::sum", F, dtype=torch.complex64)
    case("aten::sum.dim_IntList", CD, [1])
    case("aten::sum.dim_IntList", C_T, [0], True)
    case("aten::mean", C_T)
    case("aten::mean.dim", CD, [0])
    case("aten::prod", C)
    case("aten::prod.dim_int", C_T, 1)
    # matrix products
    case("aten::mm", C, cplx(4, 3).t())
    case("aten::mm", CD, cplx(3, 2, dtype=torch.complex128))
    case("aten::mm", C, F.t())
    case("aten::matmul", C_T, cplx(3))
    case("aten::matmul", cplx(2, 2, 3), cplx(3, 4))
    case("aten::bmm", cplx(2, 2, 3), cplx(2, 3, 2))
    # complex-specific ops
    case("aten::complex", F, F_T)
    case("aten::complex", D, torch.randn(3, dtype=torch.float64))
    case("aten::complex", F0, F_ROW)
    case("aten::complex", I, I)
    case("aten::complex", F, D)
    case("aten::complex.out", F, F_T, out=torch.empty(0, dtype=torch.complex64))
    case("aten::polar", pos(2, 3), F_T)
    case("aten::polar", D, D)
    case("aten::polar.out", pos(3), F_ROW, out=torch.empty(0, dtype=torch.complex64))
    case("aten::real", C_T)
    case("aten::real", CD)
    case("aten::real", F)
    case("aten::imag", C_T)
    case("aten::imag", C0)
    case("aten::imag", F)
    case("aten::view_as_real", C_T)
    case("aten::view_as_real", C0)
    case("aten::view_as_real", C[:, 1:])
    case("aten::view_as_real", F)
    case("aten::view_as_complex", f32(2, 3, 2))
    case("aten::view_as_complex", torch.randn(4, 2, dtype=torch.float64)[1:])
    case("aten::view_as_complex", f32(2, 3))
    case("aten::view_as_complex", f32(2, 2).t())
    case("aten::view_as_complex", I)
    case("aten::conj", C_T)
    case("aten::conj", F)
    case("aten::_conj", CD)
    case("aten::conj_physical", C_T)
    case("aten::conj_physical", I)
    case("aten::conj_physical_", C.clone())
    case("aten::conj_physical.out", C_T, out=torch.empty(0, dtype=torch.complex64))
    case("aten::resolve_conj", C)
    case("aten::resolve_neg", C_T)
    case("aten::is_conj", C)
    case("aten::is_neg", C)
    case("aten::abs", C_T)
    case("aten::abs", CD)
    case("aten::abs", torch.tensor([3 + 4j, -1j, complex("inf") + 1j]))
    case("aten::abs_", C.clone())
    case("aten::abs.out", C, out=torch.empty(0))
    case("aten::angle", C_T)
    case("aten::angle", CD)
    case("aten::angle", torch.tensor([-1.0, 0.0, 2.0, float("nan")]))
    case("aten::angle", I)
    case("aten::angle.out", C, out=torch.empty(0))


# ---- extra (kernels/extra_*.cpp, losses.cpp) ----------------------------------------------

def extra_math_cases():
    for n in ("lgamma", "digamma", "i0", "sinc", "deg2rad", "rad2deg"):
        for x in (f32(2, 3) * 3, F_T, D, I, F0, FZ):
            case(f"aten::{n}", x)
        case(f"aten::{n}_", f32(2, 3) * 2)
        case(f"aten::{n}.out", F, out=torch.empty(0))
    case("aten::digamma", torch.tensor([0.0, -0.0, -1.0, -1.5, 1e-3, 12.0, 30.5]))
    case("aten::lgamma", torch.tensor([0.0, -1.0, -2.5, 0.5, 100.0]))
    case("aten::lgamma_", I)  # result type Float can't be cast to Long
    for n in ("special_entr", "special_ndtr", "special_i0e", "special_gammaln", "special_digamma", "special_psi",
              "special_i0", "special_sinc", "special_erfinv", "special_expit"):
        case(f"aten::{n}", torch.tensor([-1.5, -0.3, 0.0, 0.4, 0.99, 2.0]))
        case(f"aten::{n}", I)
        case(f"aten::{n}.out", F_T.clamp(-0.9, 0.9), out=torch.empty(0))
    for n in (0, 1, 2, 3):
        case("aten::polygamma", n, pos(2, 3) * 3)
        case("aten::special_polygamma", n, torch.tensor([-1.5, 0.25, 1.0, 7.5]))
    case("aten::polygamma", 2, D.abs() + 0.1)
    case("aten::polygamma", -1, F)
    case("aten::polygamma.out", 1, F_T.abs() + 0.5, out=torch.empty(0))
    case("aten::special_polygamma.out", 1, pos(3), out=torch.empty(0))
    case("aten::polygamma_", pos(2, 3), 2)
    case("aten::signbit", torch.tensor([-0.0, 0.0, -1.0, 2.0, float("nan"), float("-inf")]))
    case("aten::signbit", I)
    case("aten::signbit", B)
    case("aten::signbit", F_T)
    case("aten::signbit.out", F, out=torch.empty(0, dtype=torch.bool))
    for n in ("sgn", "fix"):
        case(f"aten::{n}", F_T * 3)
        case(f"aten::{n}", I)
        case(f"aten::{n}_", f32(2, 3) * 3)
        case(f"aten::{n}.out", F * 3, out=torch.empty(0))
    nan = float("nan")
    inf = float("inf")
    special = torch.tensor([0.0, -inf, inf, nan, 1.0, -2.0])
    for n in ("hypot", "logaddexp", "logaddexp2", "nextafter", "fmax", "fmin"):
        case(f"aten::{n}", F, F_ROW)
        case(f"aten::{n}", F_T, D)
        case(f"aten::{n}", special, special.flip(0))
        case(f"aten::{n}", FZ, F_ROW)
        case(f"aten::{n}.out", F, F_ROW, out=torch.empty(0))
    case("aten::hypot", I, I)
    case("aten::logaddexp", I, I)
    case("aten::fmax", I, I_POS)
    case("aten::fmin", B, B_ROW)
    case("aten::nextafter", I, I)
    for n in ("hypot", "nextafter"):
        case(f"aten::{n}_", f32(2, 3), F_ROW)
    for n in ("gcd", "lcm"):
        case(f"aten::{n}", ints(2, 3, lo=-20, hi=20), ints(3, lo=-20, hi=20))
        case(f"aten::{n}", ints(4, dtype=torch.int32), torch.tensor([0, 6, -4, 9], dtype=torch.int32))
        case(f"aten::{n}", F, F)
        case(f"aten::{n}_", ints(2, 3, lo=1, hi=30), I_POS)
        case(f"aten::{n}.out", I, I_POS, out=torch.empty(0, dtype=torch.int64))
    case("aten::heaviside", torch.tensor([-1.0, 0.0, 2.0, nan]), torch.tensor([0.5]))
    case("aten::heaviside", I, ints(3))
    case("aten::heaviside", F, I)
    case("aten::heaviside_", f32(2, 3), F_ROW)
    case("aten::heaviside.out", F_T, F_ROW, out=torch.empty(0))
    case("aten::copysign.Tensor", F, -F_ROW)
    case("aten::copysign.Tensor", I, F_T)
    case("aten::copysign.Scalar", F_T, -1)
    case("aten::copysign.Scalar", I, -0.0)
    case("aten::copysign_.Tensor", f32(2, 3), F_ROW)
    case("aten::copysign_.Scalar", f32(2, 3), -2.0)
    case("aten::copysign.out", F, F_ROW, out=torch.empty(0))
    case("aten::copysign.Scalar_out", F, -1.0, out=torch.empty(0))
    y = torch.tensor([[nan, 0.0, 2.0], [1.0, -1.0, 0.5]])
    x = torch.tensor([[0.0, 0.0, 3.0], [0.0, 2.0, 1.0]])
    case("aten::xlogy.Tensor", x, y)
    case("aten::xlogy.Tensor", I_POS, I_POS)
    case("aten::xlogy.Tensor", F_T, pos(3))
    case("aten::xlogy.Scalar_Other", x, 3)
    case("aten::xlogy.Scalar_Self", 2, y)
    case("aten::xlogy.Scalar_Self", 0, y)
    case("aten::xlogy_.Tensor", x.clone(), y)
    case("aten::xlogy_.Scalar_Other", x.clone(), 2.5)
    case("aten::xlogy.OutTensor", x, y, out=torch.empty(0))
    case("aten::xlogy.OutScalar_Self", 3, y, out=torch.empty(0))
    case("aten::xlogy.OutScalar_Other", x, 0.5, out=torch.empty(0))
    case("aten::special_xlogy", x, y)
    case("aten::special_xlogy.self_scalar", 2, y)
    case("aten::special_xlogy.other_scalar", x, 2)
    case("aten::special_xlogy.out", x, y, out=torch.empty(0))
    case("aten::special_xlogy.self_scalar_out", 2, y, out=torch.empty(0))
    case("aten::special_xlogy.other_scalar_out", x, 2, out=torch.empty(0))
    case("aten::special_xlog1py", x, y)
    case("aten::special_xlog1py.self_scalar", 2, y)
    case("aten::special_xlog1py.other_scalar", x, 2)
    case("aten::special_xlog1py.out", x, y, out=torch.empty(0))
    case("aten::special_xlog1py.self_scalar_out", 2, y, out=torch.empty(0))
    case("aten::special_xlog1py.other_scalar_out", x, 2, out=torch.empty(0))
    case("aten::float_power.Tensor_Tensor", F.abs(), F_ROW)
    case("aten::float_power.Tensor_Tensor", I, I_POS)
    case("aten::float_power.Tensor_Scalar", F_T, 2)
    case("aten::float_power.Tensor_Scalar", I, 0.5)
    case("aten::float_power.Scalar", 2, I)
    case("aten::float_power_.Tensor", D.abs(), D)
    case("aten::float_power_.Scalar", D.clone(), 3)
    case("aten::float_power_.Scalar", f32(3), 3)
    case("aten::float_power.Tensor_Tensor_out", F, I_POS, out=torch.empty(0, dtype=torch.float64))
    case("aten::float_power.Tensor_Scalar_out", F, 2, out=torch.empty(0, dtype=torch.float64))
    case("aten::float_power.Scalar_out", 1.5, F, out=torch.empty(0, dtype=torch.float64))


def extra_reduce_cases():
    distinct = torch.randperm(24).reshape(2, 3, 4).float()
    nanrow = torch.tensor([[1.0, float("nan"), 3.0, 0.5], [2.0, 1.0, 4.0, 3.0]])
    for n in ("median", "nanmedian"):
        case(f"aten::{n}", distinct)
        case(f"aten::{n}", nanrow)
        case(f"aten::{n}", ints(5))
        case(f"aten::{n}", torch.tensor([]))
        case(f"aten::{n}", F0)
        case(f"aten::{n}.dim", distinct, 1)
        case(f"aten::{n}.dim", distinct.transpose(0, 2), -1, True)
        case(f"aten::{n}.dim", nanrow, 1)
        case(f"aten::{n}.dim", torch.randperm(6).reshape(2, 3), 0)
        case(f"aten::{n}.dim", F0, 0)
        case(f"aten::{n}.dim", torch.randn(2, 0), 1)
        case(f"aten::{n}.dim_values", distinct, 2, values=torch.empty(0), indices=torch.empty(0, dtype=torch.long))
        case(f"aten::{n}.out", distinct, out=torch.empty(0))
    case("aten::nanmedian.dim", torch.tensor([[float("nan"), float("nan")], [1.0, float("nan")]]), 1)
    modes = torch.tensor([[1, 2, 2, 1, 3], [5, 5, 4, 4, 4]])
    case("aten::mode", modes)
    case("aten::mode", modes.t(), 0, True)
    case("aten::mode", torch.tensor([3.0, 1, 1, 2, 2, 5]))
    case("aten::mode", F0)
    case("aten::mode.values", modes, 1, values=torch.empty(0, dtype=torch.long), indices=torch.empty(0, dtype=torch.long))
    q = torch.tensor([0.0, 0.25, 0.5, 0.9, 1.0])
    qn = torch.tensor([[1.0, float("nan"), 3.0, 0.5, 7.0], [2.0, 1.0, 4.0, 3.0, -1.0]])
    for n in ("quantile", "nanquantile"):
        for interp in ("linear", "lower", "higher", "midpoint", "nearest"):
            case(f"aten::{n}", qn, q, 1, interpolation=interp)
        case(f"aten::{n}", distinct, q)
        case(f"aten::{n}", distinct.transpose(0, 1), q, 0, True)
        case(f"aten::{n}", distinct, torch.tensor(0.3), None, True)
        case(f"aten::{n}", D, q.double(), -1)
        case(f"aten::{n}", distinct, q.double())
        case(f"aten::{n}", I, q)
        case(f"aten::{n}", distinct, torch.tensor([1.5]))
        case(f"aten::{n}", distinct, q, 1, interpolation="bogus")
        case(f"aten::{n}.scalar", qn, 0.4, 1)
        case(f"aten::{n}.scalar", distinct, 0.75)
        case(f"aten::{n}.out", qn, q, 1, out=torch.empty(0))
        case(f"aten::{n}.scalar_out", qn, 0.5, out=torch.empty(0))
    cm = torch.tensor([[1.0, 3, 3, float("nan"), 2, float("nan")], [5, 4, 6, 6, 1, 7]])
    for n in ("cummax", "cummin"):
        case(f"aten::{n}", cm, 1)
        case(f"aten::{n}", distinct, 0)
        case(f"aten::{n}", distinct.transpose(1, 2), 2)
        case(f"aten::{n}", I, 1)
        case(f"aten::{n}", B, 0)
        case(f"aten::{n}", F0, 0)
        case(f"aten::{n}", FZ, 1)
        case(f"aten::{n}.out", cm, 1, values=torch.empty(0), indices=torch.empty(0, dtype=torch.long))
    case("aten::logcumsumexp", F, 1)
    case("aten::logcumsumexp", F_T, 0)
    case("aten::logcumsumexp", torch.tensor([float("-inf"), 0.0, float("inf"), 1.0]), 0)
    case("aten::logcumsumexp", D * 50, -1)
    case("aten::logcumsumexp", F0, 0)
    case("aten::logcumsumexp", I, 0)
    case("aten::logcumsumexp.out", F, 0, out=torch.empty(0))
    withnan = torch.tensor([[1.0, float("nan"), 2.0], [float("nan"), float("nan"), 4.0]])
    case("aten::nansum", withnan)
    case("aten::nansum", withnan, [1])
    case("aten::nansum", withnan, [0], True)
    case("aten::nansum", I, [1])
    case("aten::nansum", withnan, dtype=torch.float64)
    case("aten::nansum", FZ, [0])
    case("aten::nansum.out", withnan, [1], out=torch.empty(0))
    case("aten::nanmean", withnan)
    case("aten::nanmean", withnan, [1])
    case("aten::nanmean", withnan.t(), [0], True)
    case("aten::nanmean", I)
    case("aten::nanmean.out", withnan, [0], out=torch.empty(0))
    case("aten::count_nonzero.dim_IntList", torch.tensor([[1, 0, 2], [0, 0, 3]]), [1])
    case("aten::count_nonzero.dim_IntList", F_T.relu(), [0, 1])
    case("aten::count_nonzero.dim_IntList", B, [])
    case("aten::count_nonzero", torch.tensor([[1, 0, 2], [0, 0, 3]]))
    case("aten::count_nonzero", F.relu(), 0)
    case("aten::count_nonzero", FZ, -1)
    case("aten::count_nonzero.out", I, 1, out=torch.empty(0, dtype=torch.long))
    case("aten::count_nonzero.dim_IntList_out", I, [0], out=torch.empty(0, dtype=torch.long))
    case("aten::aminmax", F)
    case("aten::aminmax", F_T, dim=1)
    case("aten::aminmax", I, dim=0, keepdim=True)
    case("aten::aminmax", F, keepdim=True)
    case("aten::aminmax", F0)
    case("aten::aminmax", FZ)
    case("aten::aminmax", FZ, dim=0)
    case("aten::aminmax.out", F, dim=0, min=torch.empty(0), max=torch.empty(0))
    case("aten::trace", f32(3, 4))
    case("aten::trace", ints(3, 3))
    case("aten::trace", f32(4, 3).t())
    case("aten::trace", F_ROW)
    case("aten::histc", torch.tensor([1.0, 2, 1, 2.5, 0, 3, 4]), 4, 0, 3)
    case("aten::histc", F_T)
    case("aten::histc", D, 5)
    case("aten::histc", torch.tensor([2.0, 2.0]), 3)
    case("aten::histc", I, 5)
    case("aten::histc.out", F, 6, -1, 1, out=torch.empty(0))
    case("aten::dist", F, F_ROW)
    case("aten::dist", F_T, F, 1)
    case("aten::dist", F, F_ROW, float("inf"))
    case("aten::dist", D, D * 2, 0)
    case("aten::dist", F, F, 3.5)
    case("aten::renorm", f32(3, 4) * 3, 2, 0, 1.0)
    case("aten::renorm", f32(3, 4).t() * 3, 1, 1, 2.0)
    case("aten::renorm", f32(2, 3, 2), float("inf"), -1, 0.5)
    case("aten::renorm", F_ROW, 2, 0, 1.0)
    case("aten::renorm", F, -1, 0, 1.0)
    case("aten::renorm_", f32(3, 4) * 3, 2, 0, 1.0)
    case("aten::renorm.out", f32(3, 4) * 3, 2, 1, 1.0, out=torch.empty(0))


def extra_shape_cases():
    case("aten::kron", f32(2, 3), f32(3, 2))
    case("aten::kron", ints(2), ints(2, 2))
    case("aten::kron", F_T, F0)
    case("aten::kron", I, F_ROW)
    case("aten::kron.out", F, F, out=torch.empty(0))
    a3, b3 = f32(4, 3), f32(4, 3)
    case("aten::linalg_cross", a3, b3)
    case("aten::linalg_cross", f32(3, 4), f32(1, 4), dim=0)
    case("aten::linalg_cross", ints(2, 3), ints(1, 3))
    case("aten::linalg_cross", f32(2, 4), f32(2, 4))
    case("aten::linalg_cross", f32(3), f32(2, 3))
    case("aten::linalg_cross.out", a3, b3, out=torch.empty(0))
    case("aten::cross", a3, b3)
    case("aten::cross", f32(3, 3).t(), f32(3, 3), 1)
    case("aten::cross", f32(2, 4), f32(2, 4))
    case("aten::cross.out", a3, b3, -1, out=torch.empty(0))
    case("aten::diff", F)
    case("aten::diff", F_T, 2, 0)
    case("aten::diff", I, 1, -1, ints(2, 1), ints(2, 2))
    case("aten::diff", B, 1, 1)
    case("aten::diff", F, 0)
    case("aten::diff", F, 5)
    case("aten::diff", F0)
    case("aten::diff", F, -1)
    case("aten::diff.out", F, 1, 0, out=torch.empty(0))
    r = f32(2, 3, 4)
    for k in (-1, 0, 1, 2, 3, 5):
        case("aten::rot90", r, k, [0, 2])
    case("aten::rot90", F_T)
    case("aten::rot90", F_ROW)
    case("aten::rot90", r, 1, [1, 1])
    case("aten::rot90", r, 1, [0])
    case("aten::rot90.out", F, 1, [1, 0], out=torch.empty(0))
    case("aten::vander", torch.tensor([1.0, 2.0, 3.0]))
    case("aten::vander", torch.tensor([1, 2, 3, 5]), 3, True)
    case("aten::vander", torch.tensor([True, False]), 4)
    case("aten::vander", F_ROW, 0)
    case("aten::vander", F)
    case("aten::block_diag", [f32(2, 2), ints(1, 3), F_ROW, torch.tensor(5)])
    case("aten::block_diag", [F_T])
    case("aten::block_diag", [f32(2, 2, 2)])
    case("aten::block_diag.out", [f32(2, 2), f32(1, 1)], out=torch.empty(0))
    case("aten::combinations", torch.tensor([1, 2, 3, 4]))
    case("aten::combinations", torch.tensor([1.0, 2.0, 3.0]), 3)
    case("aten::combinations", torch.tensor([1, 2, 3]), 2, True)
    case("aten::combinations", torch.tensor([1, 2]), 3)
    case("aten::combinations", torch.tensor([1, 2]), 0)
    case("aten::combinations", F, 2)
    idx = torch.tensor([[0, 2], [1, 0]])
    case("aten::take_along_dim", F, idx, 1)
    case("aten::take_along_dim", F_T, torch.tensor([[1], [0]]), 1)
    case("aten::take_along_dim", F, torch.tensor([[1, 0, 1]]), 0)
    case("aten::take_along_dim", F, torch.tensor([5, 0]))
    case("aten::take_along_dim", F, idx.int(), 1)
    case("aten::take_along_dim", F, torch.tensor([0]), 0)
    case("aten::take_along_dim.out", F, idx, 1, out=torch.empty(0))
    case("aten::select_scatter", F, F_ROW, 0, 1)
    case("aten::select_scatter", F_T, torch.ones(2), 1, -1)
    case("aten::select_scatter", F, torch.ones(2), 0, 0)
    case("aten::select_scatter.out", F, F_ROW, 0, 0, out=torch.empty(0))
    case("aten::slice_scatter", f32(4, 3), torch.zeros(2, 3), 0, 1, 3)
    case("aten::slice_scatter", f32(4, 6), torch.zeros(4, 3), 1, None, None, 2)
    case("aten::slice_scatter", f32(4, 3), torch.zeros(3, 3))
    case("aten::slice_scatter.out", f32(4, 3), torch.zeros(1, 3), 0, 0, 1, out=torch.empty(0))
    case("aten::diagonal_scatter", f32(3, 3), torch.ones(3))
    case("aten::diagonal_scatter", f32(3, 4), torch.ones(2), 2)
    case("aten::diagonal_scatter", f32(2, 3, 3), torch.ones(3, 2), -1, 0, 2)
    case("aten::diagonal_scatter", f32(3, 3), torch.ones(2))
    case("aten::diagonal_scatter.out", f32(3, 3), torch.ones(3), out=torch.empty(0))
    case("aten::isin.Tensor_Tensor", ints(3, 4, lo=0, hi=10), torch.tensor([1, 3, 5, 7]))
    case("aten::isin.Tensor_Tensor", F_T, F.flatten()[:3], invert=True)
    case("aten::isin.Tensor_Tensor", I, torch.tensor([1.0, 2.5]))
    case("aten::isin.Tensor_Tensor", I, torch.tensor([], dtype=torch.long))
    case("aten::isin.Tensor_Scalar", I, 2)
    case("aten::isin.Tensor_Scalar", I, 2, invert=True)
    case("aten::isin.Scalar_Tensor", 3, torch.tensor([1, 3]))
    case("aten::isin.Scalar_Tensor", 4, torch.tensor([1, 3]))
    case("aten::isin.Tensor_Tensor_out", I, torch.tensor([1, 3]), out=torch.empty(0, dtype=torch.bool))
    case("aten::isin.Tensor_Scalar_out", I, 1, out=torch.empty(0, dtype=torch.bool))
    case("aten::isin.Scalar_Tensor_out", 1, I, out=torch.empty(0, dtype=torch.bool))
    case("aten::is_nonzero", torch.tensor([0.0]))
    case("aten::is_nonzero", torch.tensor(2))
    case("aten::is_nonzero", torch.tensor([True]))
    case("aten::is_nonzero", F)
    case("aten::is_nonzero", FZ)
    case("aten::is_same_size", F, F_T)
    case("aten::is_same_size", F, F_ROW)
    case("aten::tile", F, [2])
    case("aten::tile", F_T, [2, 1, 2])
    case("aten::tile", F0, [3])
    case("aten::ravel", F_T)
    case("aten::ravel", F0)
    case("aten::broadcast_to", F_ROW, [2, 3])
    case("aten::broadcast_to", F, [4, 2, 3])
    case("aten::broadcast_to", F, [3, 3])
    case("aten::broadcast_tensors", [F, F_ROW, F0], oracle=lambda t: torch.broadcast_tensors(*t))
    case("aten::column_stack", [F_ROW, F_ROW * 2, torch.ones(3, 2)])
    case("aten::column_stack", [F0, torch.tensor(2.0)])
    case("aten::column_stack.out", [F_ROW, F_ROW], out=torch.empty(0))
    case("aten::row_stack", [F, F_ROW])
    case("aten::row_stack.out", [F, F], out=torch.empty(0))
    t4 = f32(4, 6, 2)
    case("aten::hsplit.int", t4, 3)
    case("aten::hsplit.int", F_ROW, 3)
    case("aten::hsplit.int", t4, 4)
    case("aten::hsplit.array", t4, [1, 4])
    case("aten::hsplit.array", F0, [1])
    case("aten::vsplit.int", t4, 2)
    case("aten::vsplit.int", F_ROW, 1)
    case("aten::vsplit.array", t4, [3])
    case("aten::dsplit.int", t4, 2)
    case("aten::dsplit.int", F, 1)
    case("aten::dsplit.array", t4, [1])
    case("aten::narrow_copy", F_T, 1, 1, 2)
    case("aten::narrow_copy.out", F, 0, 1, 1, out=torch.empty(0))
    case("aten::resize_", f32(2, 3), [3, 2])
    case("aten::resize_", f32(2, 3), [2])
    case("aten::resize_", f32(2, 3), [4, 4], check="meta")
    case("aten::cpu", F_T)
    case("aten::data", F)


def extra_nn_cases():
    case("aten::glu", f32(2, 4))
    case("aten::glu", f32(4, 3), 0)
    case("aten::glu", F_T, 0)
    case("aten::glu", f32(2, 3))
    case("aten::glu", D.repeat(1, 2), -1)
    case("aten::glu.out", f32(2, 4), out=torch.empty(0))
    case("aten::log_sigmoid", f32(2, 3) * 30)
    case("aten::log_sigmoid", D)
    case("aten::log_sigmoid.out", F_T, out=torch.empty(0))
    case("aten::softshrink", F)
    case("aten::softshrink", F_T, 1.0)
    case("aten::softshrink", F, -1)
    case("aten::softshrink.out", D, 0.2, out=torch.empty(0, dtype=torch.float64))
    case("aten::hardshrink", F)
    case("aten::hardshrink", F_T, 0.9)
    case("aten::hardshrink.out", D, out=torch.empty(0, dtype=torch.float64))
    case("aten::rrelu", F)
    case("aten::rrelu", F_T, 0.1, 0.5)
    case("aten::rrelu_", f32(2, 3), 0.2, 0.4)
    case("aten::rrelu_with_noise", F, torch.zeros(2, 3))
    case("aten::rrelu_with_noise_", f32(2, 3), torch.zeros(2, 3), 0.1, 0.3)
    case("aten::prelu", f32(2, 3, 4), torch.tensor([0.1, 0.2, 0.3]))
    case("aten::prelu", f32(2, 3, 4), torch.tensor([0.25]))
    case("aten::prelu", F_T, torch.tensor([0.1, -0.5, 2.0]))
    case("aten::prelu", F_ROW, torch.tensor(0.3))
    case("aten::prelu", f32(2, 3, 4), torch.tensor([0.1, 0.2]))
    case("aten::prelu.out", F, torch.tensor([0.25]), out=torch.empty(0))
    case("aten::feature_alpha_dropout", F, 0.5, False)
    case("aten::feature_alpha_dropout_", f32(2, 3), 0.5, False)
    x1, x2 = f32(5, 3), f32(4, 3)
    for p in (0.0, 1.0, 2.0, 3.0, float("inf")):
        case("aten::cdist", x1, x2, p)
    case("aten::cdist", f32(2, 5, 3), f32(1, 4, 3))
    case("aten::cdist", x1.double(), x2.double())
    case("aten::cdist", f32(0, 3), x2)
    case("aten::cdist", x1, f32(4, 2))
    case("aten::cdist", ints(3, 2), ints(3, 2))
    case("aten::_cdist_forward", x1, x2, 2.0, None)
    case("aten::_cdist_forward.out", x1, x2, 1.0, None, out=torch.empty(0))
    case("aten::pdist", x1)
    case("aten::pdist", x1, 1.0)
    case("aten::pdist", f32(1, 3))
    case("aten::pdist", D, float("inf"))
    seqs = [f32(3, 2), f32(1, 2), f32(4, 2)]
    case("aten::pad_sequence", seqs)
    case("aten::pad_sequence", seqs, True, -1.0)
    case("aten::pad_sequence", [ints(2), ints(5)], True)
    case("aten::pad_sequence", [])
    m = f32(3, 4)
    for o in (1, -1, float("inf"), float("-inf")):
        case("aten::linalg_matrix_norm", m, o)
        case("aten::linalg_matrix_norm", f32(2, 3, 4), o, [0, 2], True)
    case("aten::linalg_matrix_norm", m, 3)
    case("aten::linalg_matrix_norm", F_T, 1, [1, 0])
    case("aten::linalg_matrix_norm", F_ROW, 1)
    case("aten::linalg_matrix_norm.str_ord", m)
    case("aten::linalg_matrix_norm.str_ord", f32(2, 3, 4), "fro", [-1, 0], True)
    case("aten::linalg_matrix_norm.str_ord", m, "bogus")
    case("aten::linalg_matrix_norm.str_ord", m, dtype=torch.float64)
    case("aten::linalg_matrix_norm.out", m, 1, out=torch.empty(0))
    case("aten::linalg_matrix_norm.str_ord_out", m, out=torch.empty(0))
    case("aten::linalg_norm", m)
    case("aten::linalg_norm", f32(2, 3, 4))
    case("aten::linalg_norm", F_ROW, 3)
    case("aten::linalg_norm", m, float("inf"))
    case("aten::linalg_norm", m, 1, [1])
    case("aten::linalg_norm", f32(2, 3, 4), -1, [2, 0], True)
    case("aten::linalg_norm", f32(2, 3, 4), 1)
    case("aten::linalg_norm", f32(2, 3, 4), None, [1, 2])
    case("aten::linalg_norm.ord_str", m, "fro")
    case("aten::linalg_norm.ord_str", f32(2, 3, 4), "fro", [0, 1])
    case("aten::linalg_norm.ord_str", F_ROW, "fro")
    case("aten::linalg_norm.out", m, out=torch.empty(0))
    case("aten::linalg_norm.ord_str_out", m, "fro", out=torch.empty(0))
    u1, u2, u3 = f32(1, 2, 5), f32(1, 2, 3, 5), f32(1, 1, 2, 3, 4)
    case("aten::_upsample_nearest_exact1d", u1, [8])
    case("aten::_upsample_nearest_exact1d", u1, [3])
    case("aten::_upsample_nearest_exact1d", u1, [7], 1.5)
    case("aten::_upsample_nearest_exact2d", u2, [5, 8])
    case("aten::_upsample_nearest_exact2d", u2, [2, 3])
    case("aten::_upsample_nearest_exact3d", u3, [3, 5, 7])
    case("aten::_upsample_nearest_exact1d.vec", u1, [9], None)
    case("aten::_upsample_nearest_exact1d.vec", u1, None, [2.5])
    case("aten::_upsample_nearest_exact2d.vec", u2, None, [1.7, 2.0])
    case("aten::_upsample_nearest_exact2d.vec", u2, [4, 4], None)
    case("aten::_upsample_nearest_exact3d.vec", u3, None, [2.0, 1.5, 0.5])
    case("aten::_upsample_nearest_exact1d.out", u1, [8], out=torch.empty(0))
    case("aten::_upsample_nearest_exact2d.out", u2, [5, 8], out=torch.empty(0))
    case("aten::_upsample_nearest_exact3d.out", u3, [3, 5, 7], out=torch.empty(0))
    case("aten::_upsample_nearest_exact1d.vec_out", u1, [9], None, out=torch.empty(0))
    case("aten::_upsample_nearest_exact2d.vec_out", u2, [4, 4], None, out=torch.empty(0))
    case("aten::_upsample_nearest_exact3d.vec_out", u3, [4, 4, 4], None, out=torch.empty(0))
    img = f32(2, 3, 5, 6)
    case("aten::im2col", img, [2, 3], [1, 1], [0, 0], [1, 1])
    case("aten::im2col", img, [3, 2], [2, 1], [1, 2], [2, 3])
    case("aten::im2col", f32(3, 4, 4), [2, 2], [1, 1], [0, 0], [2, 2])
    case("aten::im2col", img, [7, 7], [1, 1], [0, 0], [1, 1])
    case("aten::im2col.out", img, [2, 2], [1, 1], [1, 1], [1, 1], out=torch.empty(0))
    cols = f32(2, 12, 12)
    case("aten::col2im", cols, [4, 5], [2, 2], [1, 1], [0, 0], [1, 1])
    case("aten::col2im", f32(2, 3 * 6, 6), [5, 6], [3, 2], [2, 1], [1, 2], [2, 3])
    case("aten::col2im", f32(12, 12), [4, 5], [2, 2], [1, 1], [0, 0], [1, 1])
    case("aten::col2im", cols, [4, 4], [2, 2], [1, 1], [0, 0], [1, 1])
    case("aten::col2im.out", cols, [4, 5], [2, 2], [1, 1], [0, 0], [1, 1], out=torch.empty(0))
    theta = f32(2, 2, 3)
    case("aten::affine_grid_generator", theta, [2, 3, 4, 5], False)
    case("aten::affine_grid_generator", theta, [2, 3, 4, 5], True)
    case("aten::affine_grid_generator", theta.double(), [2, 1, 1, 3], False)
    case("aten::affine_grid_generator", f32(1, 3, 4), [1, 1, 2, 3, 4], False)
    case("aten::affine_grid_generator", f32(1, 3, 4), [1, 1, 2, 3, 4], True)
    case("aten::affine_grid_generator.out", theta, [2, 3, 4, 5], True, out=torch.empty(0))
    inp = f32(2, 3, 5, 6)
    grid = torch.rand(2, 4, 7, 2) * 2.4 - 1.2
    for mode in (0, 1, 2):
        for pad in (0, 1, 2):
            for align in (False, True):
                # PyTorch 1.13's vectorized bicubic + reflection + align_corners path differs
                # from its documented (and scalar) formula; Sconce follows the formula.
                if (mode, pad, align) != (2, 2, True):
                    case("aten::grid_sampler_2d", inp, grid, mode, pad, align)
    case("aten::grid_sampler_2d", inp.double(), grid.double(), 0, 0, False)
    case("aten::grid_sampler_2d.out", inp, grid, 0, 0, False, out=torch.empty(0))
    case("aten::grid_sampler", inp, grid, 0, 1, True)


def loss_cases():
    x, y = f32(3, 4), f32(3, 4)
    for n in ("mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "soft_margin_loss"):
        for red in (0, 1, 2):
            case(f"aten::{n}", x, y, red)
        case(f"aten::{n}", x.t(), f32(4, 3))
        case(f"aten::{n}", D, D.flip(0))
    case("aten::mse_loss", x, f32(4))
    case("aten::mse_loss", FZ, FZ)
    case("aten::smooth_l1_loss", x, y, 1, 0.5)
    case("aten::smooth_l1_loss", x, y, 1, 0.0)
    case("aten::smooth_l1_loss", x, y, 1, -1.0)
    case("aten::huber_loss", x, y, 2, 0.3)
    case("aten::huber_loss", x, y, 1, 0.0)
    case("aten::mse_loss.out", x, y, out=torch.empty(0))
    case("aten::smooth_l1_loss.out", x, y, 0, 0.5, out=torch.empty(0))
    case("aten::huber_loss.out", x, y, 2, 0.5, out=torch.empty(0))
    case("aten::soft_margin_loss.out", x, y.sign(), out=torch.empty(0))
    logp = torch.log_softmax(f32(4, 5), 1)
    tgt = torch.tensor([1, 0, 4, 2])
    w = torch.rand(5) + 0.1
    for red in (0, 1, 2):
        case("aten::nll_loss", logp, tgt, None, red)
        case("aten::nll_loss", logp, tgt, w, red)
        case("aten::nll_loss", logp, torch.tensor([1, -100, 4, 2]), w, red)
        case("aten::nll_loss_nd", torch.log_softmax(f32(2, 5, 3, 2), 1), torch.randint(0, 5, (2, 3, 2)), w, red)
    case("aten::nll_loss", logp, tgt, None, 1, 0)
    case("aten::nll_loss", logp[0], torch.tensor(3))
    case("aten::nll_loss", logp, torch.tensor([1, 0, 5, 2]))
    case("aten::nll_loss", logp, torch.tensor([-100, -100, -100, -100]))
    case("aten::nll_loss.out", logp, tgt, out=torch.empty(0))
    img = torch.log_softmax(f32(2, 4, 3, 3), 1)
    itgt = torch.randint(0, 4, (2, 3, 3))
    case("aten::nll_loss2d", img, itgt)
    case("aten::nll_loss2d", img, itgt, torch.rand(4), 2)
    case("aten::nll_loss2d", img, itgt, None, 0)
    case("aten::nll_loss2d.out", img, itgt, out=torch.empty(0))
    case("aten::nll_loss_nd", logp[0], torch.tensor(2))
    logits = f32(4, 5)
    probs = torch.softmax(f32(4, 5), 1)
    for red in (0, 1, 2):
        for ls in (0.0, 0.2):
            case("aten::cross_entropy_loss", logits, tgt, None, red, -100, ls)
            case("aten::cross_entropy_loss", logits, torch.tensor([1, -100, 4, 2]), w, red, -100, ls)
            case("aten::cross_entropy_loss", logits, probs, None, red, -100, ls)
            case("aten::cross_entropy_loss", logits, probs, w, red, -100, ls)
            case("aten::cross_entropy_loss", f32(2, 5, 3), torch.randint(0, 5, (2, 3)), w, red, -100, ls)
    case("aten::cross_entropy_loss", logits[0], torch.tensor(1))
    case("aten::cross_entropy_loss", logits.t(), torch.tensor([0, 1, 2, 3, 0]))
    case("aten::cross_entropy_loss", logits, tgt, None, 1, -100, 1.5)
    p = torch.rand(3, 4) * 0.98 + 0.01
    t = torch.rand(3, 4)
    for red in (0, 1, 2):
        case("aten::binary_cross_entropy", p, t, None, red)
        case("aten::binary_cross_entropy", p, t, torch.rand(4), red)
        case("aten::binary_cross_entropy_with_logits", x, t, None, None, red)
        case("aten::binary_cross_entropy_with_logits", x * 30, t, torch.rand(4), torch.rand(4) * 3, red)
    case("aten::binary_cross_entropy", torch.tensor([0.0, 1.0]), torch.tensor([1.0, 0.0]))
    case("aten::binary_cross_entropy", p * 2, t)
    case("aten::binary_cross_entropy.out", p, t, None, 0, out=torch.empty(3, 4))  # 1.13 neither resizes nor reduces out=
    case("aten::binary_cross_entropy_with_logits.out", x, t, out=torch.empty(0))
    lq = torch.log_softmax(f32(3, 4), 1)
    for red in (0, 1, 2):
        case("aten::kl_div", lq, probs[:3, :4] / probs[:3, :4].sum(1, keepdim=True), red)
        case("aten::kl_div", lq, torch.log_softmax(f32(3, 4), 1), red, log_target=True)
    case("aten::kl_div", lq, torch.tensor([[0.0, 0.5, 0.5, 0.0]] * 3))
    a1, a2, sg = f32(6), f32(6), torch.tensor([1.0, -1, 1, -1, 1, 1])
    for red in (0, 1, 2):
        case("aten::margin_ranking_loss", a1, a2, sg, 0.0, red)
        case("aten::hinge_embedding_loss", x, torch.tensor([1.0, -1, 1, -1]).repeat(3, 1), 1.0, red)
        case("aten::triplet_margin_loss", f32(4, 5), f32(4, 5), f32(4, 5), 1.0, 2.0, 1e-6, False, red)
        case("aten::poisson_nll_loss", x, torch.rand(3, 4) * 4, True, False, 1e-8, red)
        case("aten::cosine_embedding_loss", f32(4, 5), f32(4, 5), torch.tensor([1.0, -1, -1, 1]), 0.1, red)
    case("aten::margin_ranking_loss", a1, a2, sg, 0.5)
    case("aten::hinge_embedding_loss", x, torch.ones(3, 4), 0.5)
    case("aten::triplet_margin_loss", f32(4, 5), f32(4, 5), f32(4, 5), 0.5, 1.0, 1e-6, True)
    case("aten::triplet_margin_loss", f32(5), f32(5), f32(5))
    case("aten::triplet_margin_loss", f32(4, 5), f32(5), f32(4, 5))
    case("aten::poisson_nll_loss", p, torch.rand(3, 4) * 4, False, True, 1e-8, 1)
    case("aten::poisson_nll_loss", x, torch.randint(0, 5, (3, 4)).float(), True, True, 1e-8, 0)
    case("aten::cosine_embedding_loss", f32(5), f32(5), torch.tensor(-1.0), 0.0, 1)
    case("aten::cosine_embedding_loss", f32(4, 5), f32(4, 5), torch.ones(4, 1))
    case("aten::cosine_similarity", f32(4, 5), f32(4, 5))
    case("aten::cosine_similarity", f32(4, 5), f32(5), 0)
    case("aten::cosine_similarity", f32(4, 5).t(), f32(5, 4), -1, 1e-3)
    case("aten::cosine_similarity", torch.zeros(2, 3), f32(2, 3))
    case("aten::cosine_similarity", I, I)
    case("aten::cosine_similarity", I, F, 1)
    case("aten::pairwise_distance", f32(4, 5), f32(4, 5))
    case("aten::pairwise_distance", f32(4, 5), f32(5), 1.0)
    case("aten::pairwise_distance", f32(4, 5), f32(4, 5), float("inf"), 1e-6, True)
    case("aten::pairwise_distance", f32(5), f32(5), 3.0)
    case("aten::pairwise_distance", F0, F0)
    case("aten::pairwise_distance", D, D.flip(0), 0.0)


def extra_cases():
    global GROUP
    for GROUP, fn in (("extra_math", extra_math_cases), ("extra_reduce", extra_reduce_cases),
                      ("extra_shape", extra_shape_cases), ("extra_nn", extra_nn_cases), ("losses", loss_cases)):
        fn()


if __name__ == "__main__":
    binary_cases()
    comparison_cases()
    ternary_cases()
    unary_cases()
    reduce_cases()
    sort_cases()
    shape_cases()
    indexing_cases()
    creation_cases()
    extra_cases()
    complex_cases()
    import os
    os.makedirs(sys.argv[1], exist_ok=True)
    torch.save(CASES, os.path.join(sys.argv[1], "cases.pt"))
    print(f"{len(CASES)} cases")
