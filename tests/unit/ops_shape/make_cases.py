"""Writes the expected results of shape, indexing, sort and creation ops from real PyTorch.

Run as `/usr/bin/python3 make_cases.py OUTDIR`; writes OUTDIR/cases.json, a list of
cases {name, group, op, args, expect, flags}. Arguments are encoded so the C++ test can
rebuild them exactly: tensors carry their whole storage plus shape, stride and storage
offset (so non-contiguous inputs and views are reproduced), floats that JSON cannot hold
are strings. `expect` is the op's result (tensors with shape, stride, offset, row-major
values and the indices of the tensor arguments whose storage they share) or the first
line of the error PyTorch raised.
"""
import json
import math
import sys

import torch

A = torch.ops.aten
CASES = []
GROUP = "shape"


# ---- encoding -------------------------------------------------------------------------

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


def enc_values(vals):
    return [fenc(v) for v in vals]


def enc_tensor(t):
    return {"tensor": {"dtype": dtype_name(t.dtype), "shape": list(t.shape), "stride": list(t.stride()),
                       "offset": t.storage_offset(), "storage": enc_values(t.storage().tolist())}}


def enc_arg(a):
    if isinstance(a, torch.Tensor):
        return enc_tensor(a)
    if a is None or isinstance(a, (bool, int)):
        return a
    if isinstance(a, float):
        return a if math.isfinite(a) else {"float": fenc(a)}
    if isinstance(a, str):
        return {"str": a}
    if isinstance(a, torch.dtype):
        return {"dtype": dtype_name(a)}
    if isinstance(a, torch.memory_format):
        return {"memfmt": str(a).replace("torch.", "")}
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    raise TypeError(f"cannot encode {type(a)}")


def tensor_args(args):
    return [(i, a) for i, a in enumerate(args) if isinstance(a, torch.Tensor)]


def enc_result(r, args):
    if isinstance(r, torch.Tensor):
        shares = []
        if r.storage().nbytes() > 0:
            shares = [i for i, a in tensor_args(args)
                      if a.storage().nbytes() > 0 and a.storage().data_ptr() == r.storage().data_ptr()]
        return {"tensor": {"dtype": dtype_name(r.dtype), "shape": list(r.shape), "stride": list(r.stride()),
                           "offset": r.storage_offset(), "values": enc_values(r.reshape(-1).tolist()),
                           "shares": shares}}
    if isinstance(r, (list, tuple)):
        return {"list": [enc_result(x, args) for x in r]}
    if isinstance(r, (bool, int, float)):
        return {"scalar": fenc(r)}
    raise TypeError(f"cannot encode result {type(r)}")


def resolve(op):
    base, _, overload = op.partition(".")
    packet = getattr(A, base)
    return getattr(packet, overload or "default")


def case(name, op, args, fn=None, **flags):
    """Records one case; fn(*args) computes the expected result (default: aten op)."""
    fn = fn or KWARG_FNS.get(op) or resolve(op)
    entry = {"name": f"{GROUP}/{name}", "group": GROUP, "op": op, "args": enc_arg(list(args)), "flags": flags}
    # Run on clones so in-place ops mutate copies, but keep views of args identifiable:
    # a view op's result must share storage with the original argument.
    try:
        result = fn(*args)
        entry["expect"] = enc_result(result, args)
    except Exception as e:  # noqa: BLE001 - any PyTorch error is an expected outcome
        message = str(e).split("\n")[0]
        prefix = flags.get("error_prefix")
        if prefix:
            assert message.startswith(prefix), message
            message = prefix
        entry["expect"] = {"error": message}
    CASES.append(entry)


# ---- inputs ---------------------------------------------------------------------------

def ar(*shape, dtype=torch.float32, start=0):
    n = 1
    for s in shape:
        n *= s
    t = torch.arange(start, start + n, dtype=torch.float64)
    if dtype == torch.bool:
        return (t.long() % 3 == 1).reshape(shape)
    if dtype.is_floating_point:
        t = t * 0.5 - 1.25
    return t.to(dtype).reshape(shape)


def rnd(*shape, dtype=torch.float32, seed=0, lo=-5, hi=5):
    g = torch.Generator().manual_seed(seed)
    if dtype.is_floating_point:
        return (torch.rand(shape, generator=g, dtype=torch.float64) * (hi - lo) + lo).to(dtype)
    if dtype == torch.bool:
        return torch.rand(shape, generator=g) > 0.5
    return torch.randint(lo, hi, shape, generator=g).to(dtype)


def L(*v):
    return torch.tensor(v, dtype=torch.long)


ALL_DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.uint8, torch.int8,
              torch.int16, torch.int32, torch.int64, torch.bool]


def tr(t):
    return t.transpose(-1, -2)


# ---- views ----------------------------------------------------------------------------

def view_cases():
    x = ar(2, 3, 4)
    nc = ar(4, 6)[:, ::2]              # strides (6, 2)
    t = ar(3, 4).t()                   # strides (1, 4)
    case("view/basic", "view", [x, [6, 4]])
    case("view/infer", "view", [x, [-1, 2]])
    case("view/split_dim", "view", [x, [2, 3, 2, 2]])
    case("view/noncontig_ok", "view", [nc, [2, 2, 3]])
    case("view/noncontig_bad", "view", [nc, [12]])
    case("view/transposed_bad", "view", [t, [12]])
    case("view/transposed_ok", "view", [t, [3, 4, 1]])
    case("view/size1_dims", "view", [ar(1, 3, 1, 4)[:, :, :, ::2], [3, 1, 2, 1]])
    case("view/scalar", "view", [torch.tensor(3.5), [1, 1]])
    case("view/to_scalar", "view", [ar(1, 1), []])
    case("view/zero", "view", [torch.zeros(0, 3), [3, 0, 1]])
    case("view/zero_same", "view", [torch.zeros(4, 0)[::2], [2, 0]])
    case("view/zero_infer", "view", [torch.zeros(0, 3), [-1, 0]])
    case("view/bad_numel", "view", [x, [5, 5]])
    case("view/two_infer", "view", [x, [-1, -1]])
    case("view/neg", "view", [x, [-2, 12]])
    case("view/expanded", "view", [ar(3, 1).expand(3, 4), [3, 2, 2]])
    case("view_as/basic", "view_as", [x, torch.zeros(4, 6)])
    case("reshape/view", "reshape", [x, [4, -1]])
    case("reshape/copy", "reshape", [t, [12]])
    case("reshape/copy_nc", "reshape", [nc, [-1]])
    case("reshape/scalar", "reshape", [torch.tensor(2), [1]])
    case("reshape/bad", "reshape", [x, [5, -1]])
    case("reshape/expanded", "reshape", [ar(3, 1).expand(3, 4), [12]])
    case("reshape_as/basic", "reshape_as", [t, torch.zeros(2, 6)])
    case("as_strided/basic", "as_strided", [x, [3, 3], [1, 2], 1])
    case("as_strided/default_offset", "as_strided", [x[1], [2, 2], [4, 1], None])
    case("as_strided/oob", "as_strided", [ar(2, 3), [3, 3], [3, 1], None])
    case("as_strided/neg", "as_strided", [ar(2, 3), [2], [-1], None])
    case("alias/basic", "alias", [nc])
    case("detach/basic", "detach", [nc])
    case("permute/basic", "permute", [x, [2, 0, 1]])
    case("permute/neg", "permute", [x, [-1, 0, -2]])
    case("permute/count", "permute", [x, [0, 1]])
    case("permute/dup", "permute", [x, [0, 0, 1]])
    case("permute/scalar", "permute", [torch.tensor(1.0), []])
    case("transpose/basic", "transpose.int", [x, 0, 2])
    case("transpose/same", "transpose.int", [x, 1, -2])
    case("transpose/scalar", "transpose.int", [torch.tensor(1.0), 0, -1])
    case("transpose/oob", "transpose.int", [x, 0, 3])
    case("t/2d", "t", [nc])
    case("t/1d", "t", [ar(3)])
    case("t/0d", "t", [torch.tensor(2.0)])
    case("t/3d", "t", [x])
    case("numpy_T/3d", "numpy_T", [x])
    case("numpy_T/2d", "numpy_T", [nc])
    case("mT/3d", "mT", [x], fn=lambda a: a.mT)
    case("mT/1d", "mT", [ar(3)], fn=lambda a: a.mT)
    case("mH/3d", "mH", [x], fn=lambda a: a.mH)
    case("adjoint/3d", "adjoint", [x])
    case("adjoint/1d", "adjoint", [ar(3)])
    case("flatten/all", "flatten.using_ints", [x, 0, -1])
    case("flatten/mid", "flatten.using_ints", [x, 1, 2])
    case("flatten/same", "flatten.using_ints", [x, 1, 1])
    case("flatten/nc_copy", "flatten.using_ints", [t, 0, 1])
    case("flatten/scalar", "flatten.using_ints", [torch.tensor(1.0), 0, -1])
    case("flatten/bad", "flatten.using_ints", [x, 2, 1])
    case("unflatten/basic", "unflatten.int", [x, 2, [2, 2]])
    case("unflatten/infer", "unflatten.int", [x, -1, [-1, 2]])
    case("unflatten/bad", "unflatten.int", [x, 1, [2, 2]])
    case("unflatten/two_infer", "unflatten.int", [x, 1, [-1, -1]])
    case("unflatten/nc", "unflatten.int", [nc, 0, [2, 2]])
    s = ar(1, 3, 1, 2)[:, :, :, :]
    case("squeeze/all", "squeeze", [s])
    case("squeeze/dim", "squeeze.dim", [s, 2])
    case("squeeze/dim_noop", "squeeze.dim", [s, 1])
    case("squeeze/neg", "squeeze.dim", [s, -4])
    case("squeeze/scalar", "squeeze.dim", [torch.tensor(1.0), 0])
    case("squeeze/oob", "squeeze.dim", [s, 4])
    case("squeeze/dims", "squeeze.dims", [s, [0, 1, -2]],
         fn=lambda a, dims: a.squeeze(0).squeeze(1))
    case("unsqueeze/front", "unsqueeze", [nc, 0])
    case("unsqueeze/mid", "unsqueeze", [nc, 1])
    case("unsqueeze/end", "unsqueeze", [nc, -1])
    case("unsqueeze/scalar", "unsqueeze", [torch.tensor(1.0), 0])
    case("unsqueeze/oob", "unsqueeze", [nc, 3])
    e = ar(3, 1)
    case("expand/basic", "expand", [e, [3, 4]])
    case("expand/new_dims", "expand", [e, [2, 3, 4]])
    case("expand/keep", "expand", [e, [-1, 5]])
    case("expand/scalar", "expand", [torch.tensor(1.0), [2, 2]])
    case("expand/nc", "expand", [nc[:, :1], [2, 4, 3]])
    case("expand/bad", "expand", [ar(2, 3), [2, 4]])
    case("expand/few", "expand", [ar(2, 3), [3]])
    case("expand/lead_neg", "expand", [ar(3), [-1, 3]])
    case("expand/zero", "expand", [ar(1, 3), [0, 3]])
    case("expand_as/basic", "expand_as", [e, torch.zeros(2, 3, 4)])
    y = ar(10, 4)
    case("slice/basic", "slice.Tensor", [y, 0, 2, 8, 1])
    case("slice/step", "slice.Tensor", [y, 0, 1, None, 3])
    case("slice/neg", "slice.Tensor", [y, 0, -3, -1, 1])
    case("slice/clamp", "slice.Tensor", [y, 1, -100, 100, 2])
    case("slice/empty", "slice.Tensor", [y, 0, 7, 3, 1])
    case("slice/none", "slice.Tensor", [y, -1, None, None, 1])
    case("slice/nc", "slice.Tensor", [t, 1, 1, 3, 1])
    case("slice/zero_step", "slice.Tensor", [y, 0, 0, 5, 0])
    case("slice/neg_step", "slice.Tensor", [y, 0, 0, 5, -1])
    case("slice/scalar", "slice.Tensor", [torch.tensor(1.0), 0, 0, 1, 1])
    case("slice/start_end_big", "slice.Tensor", [y, 0, 20, 30, 1])
    case("select/basic", "select.int", [x, 1, 2])
    case("select/neg", "select.int", [x, -1, -1])
    case("select/oob", "select.int", [x, 1, 3])
    case("select/oob_neg", "select.int", [x, 1, -4])
    case("select/scalar", "select.int", [torch.tensor(1.0), 0, 0])
    case("select/nc", "select.int", [t, 1, 2])
    case("narrow/basic", "narrow", [y, 0, 2, 3])
    case("narrow/neg_start", "narrow", [y, 0, -3, 2])
    case("narrow/at_end", "narrow", [y, 0, 10, 0])
    case("narrow/over", "narrow", [y, 1, 2, 3])
    case("narrow/neg_len", "narrow", [y, 1, 0, -1])
    case("narrow/bad_start", "narrow", [y, 1, -5, 1])
    case("split/basic", "split.Tensor", [y, 3, 0])
    case("split/dim1", "split.Tensor", [y, 3, 1])
    case("split/exact", "split.Tensor", [y, 5, 0])
    case("split/big", "split.Tensor", [y, 20, 0])
    case("split/zero", "split.Tensor", [y, 0, 0])
    case("split/zero_ok", "split.Tensor", [torch.zeros(0, 2), 0, 0])
    case("split/scalar", "split.Tensor", [torch.tensor(1.0), 1, 0])
    case("split/sizes", "split.sizes", [y, [3, 0, 7], 0], fn=lambda a, s, d: A.split_with_sizes(a, s, d))
    case("split_with_sizes/basic", "split_with_sizes", [y, [1, 3], 1])
    case("split_with_sizes/bad_sum", "split_with_sizes", [y, [2, 3], 1])
    case("split_with_sizes/neg", "split_with_sizes", [y, [5, -1], 1])
    case("chunk/basic", "chunk", [y, 3, 0])
    case("chunk/more", "chunk", [ar(5, 2), 4, 0])
    case("chunk/many", "chunk", [ar(3), 5, 0])
    case("chunk/empty", "chunk", [torch.zeros(0, 2), 3, 0])
    case("chunk/zero", "chunk", [y, 0, 0])
    case("tensor_split/sections", "tensor_split.sections", [ar(7, 2), 3, 0])
    case("tensor_split/sections_many", "tensor_split.sections", [ar(2, 3), 5, 1])
    case("tensor_split/indices", "tensor_split.indices", [ar(7, 2), [1, 5, 3, 20], 0])
    case("tensor_split/zero", "tensor_split.sections", [ar(7), 0, 0])
    case("unbind/basic", "unbind.int", [x, 1])
    case("unbind/neg", "unbind.int", [nc, -1])
    case("unbind/scalar", "unbind.int", [torch.tensor(1.0), 0])
    case("movedim/basic", "movedim.intlist", [x, [0, 1], [2, 0]])
    case("movedim/int", "movedim.int", [x, 0, -1])
    case("movedim/rep", "movedim.intlist", [x, [0, 0], [1, 2]])
    case("movedim/len", "movedim.intlist", [x, [0, 1], [1]])
    case("movedim/scalar", "movedim.int", [torch.tensor(1.0), 0, 0])
    case("diagonal/basic", "diagonal", [ar(3, 4), 0, 0, 1])
    case("diagonal/pos", "diagonal", [ar(3, 4), 2, 0, 1])
    case("diagonal/neg", "diagonal", [ar(3, 4), -1, 0, 1])
    case("diagonal/empty", "diagonal", [ar(3, 4), 5, 0, 1])
    case("diagonal/empty_neg", "diagonal", [ar(3, 4), -4, 0, 1])
    case("diagonal/3d", "diagonal", [x, 1, 2, 0])
    case("diagonal/nc", "diagonal", [t, -1, 1, 0])
    case("diagonal/same", "diagonal", [x, 0, 1, -2])
    case("diagonal/1d", "diagonal", [ar(3), 0, 0, 1])
    case("unfold/basic", "unfold", [ar(10), 0, 3, 2])
    case("unfold/2d", "unfold", [ar(4, 6), 1, 2, 3])
    case("unfold/scalar", "unfold", [torch.tensor(1.0), 0, 1, 1])
    case("unfold/big", "unfold", [ar(2, 3), 1, 4, 1])
    case("unfold/step0", "unfold", [ar(2, 3), 1, 2, 0])
    for n in (1, 2, 3):
        for src in (torch.tensor(1.5), ar(3), ar(2, 3), ar(2, 1, 3)):
            case(f"atleast_{n}d/{src.dim()}d", f"atleast_{n}d", [src])


# ---- copies ---------------------------------------------------------------------------

def copy_cases():
    ri_int = lambda a, r, d, o: A.repeat_interleave.self_int(a, r, d, output_size=o)  # noqa: E731
    ri_t = lambda a, r, d, o: A.repeat_interleave.self_Tensor(a, r, d, output_size=o)  # noqa: E731
    ri_r = lambda r, o: A.repeat_interleave.Tensor(r, output_size=o)  # noqa: E731
    x = ar(2, 3, 4)
    t = ar(3, 4).t()
    nc = ar(4, 6)[:, ::2]
    case("contiguous/already", "contiguous", [x])
    case("contiguous/t", "contiguous", [t])
    case("contiguous/nc", "contiguous", [nc])
    case("clone/contig", "clone", [x])
    case("clone/t", "clone", [t])
    case("clone/nondense", "clone", [nc.t()])
    case("clone/nondense3", "clone", [ar(2, 3, 4).permute(2, 0, 1)[:, :, :2]])
    case("clone/expanded", "clone", [ar(3, 1).expand(3, 4)])
    case("clone/scalar", "clone", [torch.tensor(7)])
    for dt in ALL_DTYPES:
        n = dtype_name(dt)
        case(f"cat/{n}", "cat", [[ar(2, 3, dtype=dt), ar(1, 3, dtype=dt, start=7)], 0])
        case(f"stack/{n}", "stack", [[ar(2, 3, dtype=dt), ar(2, 3, dtype=dt, start=7)], 1])
    case("cat/dim1", "cat", [[ar(2, 3), ar(2, 1), t[:2]], 1])
    case("cat/neg_dim", "cat", [[x, x], -1])
    case("cat/promote", "cat", [[ar(2, dtype=torch.int32), ar(2, dtype=torch.float16), ar(1, dtype=torch.bool)], 0])
    case("cat/promote_int", "cat", [[ar(2, dtype=torch.uint8), ar(2, dtype=torch.int8)], 0])
    case("cat/promote_bf16_half", "cat", [[ar(2, dtype=torch.bfloat16), ar(2, dtype=torch.float16)], 0])
    case("cat/legacy_empty", "cat", [[torch.zeros(0, dtype=torch.float64), ar(2, 3), torch.zeros(0)], 1])
    case("cat/all_empty", "cat", [[torch.zeros(0), torch.zeros(0, dtype=torch.int64)], 5])
    case("cat/zero_size", "cat", [[torch.zeros(2, 0), ar(2, 3)], 1])
    case("cat/rank", "cat", [[ar(2, 3), ar(3)], 0])
    case("cat/size", "cat", [[ar(2, 3), ar(2, 4)], 0])
    case("cat/scalar", "cat", [[torch.tensor(1.0)], 0])
    case("cat/empty_list", "cat", [[], 0])
    case("cat/dim_oob", "cat", [[ar(2, 3)], 2])
    case("cat/nc", "cat", [[t, nc], 0])
    case("cat/single", "cat", [[x], 1])
    case("concat/basic", "concat", [[ar(2), ar(3)], 0])
    case("stack/dim0", "stack", [[t, ar(4, 3)], 0])
    case("stack/last", "stack", [[ar(2, 3), ar(2, 3)], -1])
    case("stack/mismatch", "stack", [[ar(2, 3), ar(3, 2)], 0])
    case("stack/mismatch_last", "stack", [[ar(2, 3), ar(3, 2)], 2])
    case("stack/empty", "stack", [[], 0])
    case("stack/scalars", "stack", [[torch.tensor(1), torch.tensor(2.5)], 0])
    case("stack/empty1d", "stack", [[torch.zeros(0), torch.zeros(0)], 0])
    case("hstack/1d", "hstack", [[ar(2), ar(3), torch.tensor(1.0)]])
    case("hstack/2d", "hstack", [[ar(2, 1), ar(2, 3)]])
    case("hstack/empty", "hstack", [[]])
    case("vstack/basic", "vstack", [[ar(3), ar(2, 3)]])
    case("dstack/basic", "dstack", [[ar(2, 3), ar(2, 3)]])
    case("repeat/basic", "repeat", [ar(2, 3), [2, 1]])
    case("repeat/new_dims", "repeat", [ar(2, 3), [2, 1, 3]])
    case("repeat/nc", "repeat", [t, [1, 2]])
    case("repeat/zero", "repeat", [ar(2, 3), [0, 2]])
    case("repeat/scalar", "repeat", [torch.tensor(3), [2, 2]])
    case("repeat/few", "repeat", [ar(2, 3), [2]])
    case("repeat/neg", "repeat", [ar(2, 3), [2, -1]])
    case("repeat/bool", "repeat", [ar(2, dtype=torch.bool), [3]])
    case("repeat_interleave/int", "repeat_interleave.self_int", [ar(2, 3), 2, None, None], fn=ri_int)
    case("repeat_interleave/int_dim", "repeat_interleave.self_int", [ar(2, 3), 3, 1, None], fn=ri_int)
    case("repeat_interleave/tensor", "repeat_interleave.self_Tensor", [ar(2, 3), L(1, 0, 2), 1, None], fn=ri_t)
    case("repeat_interleave/tensor_flat", "repeat_interleave.self_Tensor", [ar(2, 3), torch.tensor(2), None, None], fn=ri_t)
    case("repeat_interleave/neg", "repeat_interleave.self_int", [ar(2, 3), -1, None, None], fn=ri_int)
    case("repeat_interleave/bad_len", "repeat_interleave.self_Tensor", [ar(2, 3), L(1, 2), 1, None], fn=ri_t)
    case("repeat_interleave/repeats", "repeat_interleave.Tensor", [torch.tensor([2, 0, 3], dtype=torch.int32), None], fn=ri_r)
    case("repeat_interleave/float", "repeat_interleave.Tensor", [torch.tensor([2.0]), None], fn=ri_r)
    case("flip/basic", "flip", [x, [0, 2]])
    case("flip/neg", "flip", [x, [-1]])
    case("flip/none", "flip", [x, []])
    case("flip/t", "flip", [t, [0]])
    case("flip/nondense", "flip", [nc, [1]])
    case("flip/dup", "flip", [x, [0, -3]])
    case("flip/scalar", "flip", [torch.tensor(2.0), [0]])
    case("flip/bool", "flip", [ar(5, dtype=torch.bool), [0]])
    case("fliplr/basic", "fliplr", [ar(2, 3)])
    case("flipud/basic", "flipud", [ar(2, 3)])
    case("roll/basic", "roll", [ar(2, 5), [2], [1]])
    case("roll/neg", "roll", [ar(2, 5), [-7], [1]])
    case("roll/flat", "roll", [ar(2, 5), [3], []])
    case("roll/multi", "roll", [x, [1, -1], [0, 2]])
    case("roll/t", "roll", [t, [1], [0]])
    case("roll/empty", "roll", [torch.zeros(0, 3), [1], [0]])
    case("roll/mismatch", "roll", [x, [1, 2], [0]])
    case("roll/mismatch2", "roll", [x, [1, 2], []])
    for name, op in (("tril", "tril"), ("triu", "triu")):
        case(f"{name}/basic", op, [ar(4, 5), 0])
        case(f"{name}/pos", op, [ar(4, 5), 2])
        case(f"{name}/neg", op, [ar(4, 5), -1])
        case(f"{name}/batch_nc", op, [ar(2, 4, 3).transpose(1, 2), 1])
        case(f"{name}/bool", op, [ar(3, 3, dtype=torch.bool) | True, 0])
        case(f"{name}/1d", op, [ar(3), 0])
        case(f"{name}/empty1d", op, [torch.zeros(0), 0])
        case(f"{name}_/inplace", op + "_", [ar(3, 4), -1])
        case(f"{name}_/inplace_nc", op + "_", [ar(4, 3).t(), 1])


# ---- indexing -------------------------------------------------------------------------

def indexing_cases():
    x = ar(3, 4)
    t = ar(4, 3).t()
    x3 = ar(2, 3, 4)
    for dt in ALL_DTYPES:
        n = dtype_name(dt)
        src = ar(3, 4, dtype=dt)
        case(f"index_select/{n}", "index_select", [src, 1, L(3, 0, 0)])
        case(f"index/{n}", "index.Tensor", [src, [L(2, 0), None]])
        case(f"index_mask/{n}", "index.Tensor", [src, [None, torch.tensor([True, False, True, True])]])
        case(f"index_put/{n}", "index_put", [src, [L(0, 2)], ar(2, 4, dtype=dt, start=3), False])
        case(f"gather/{n}", "gather", [src, 0, L(2, 0, 1, 1).reshape(1, 4)])
    case("index_select/dim0", "index_select", [x, 0, L(2, 2, 0)])
    case("index_select/nc", "index_select", [t, 0, L(1, 0)])
    case("index_select/int32_index", "index_select", [x, 1, torch.tensor([1, 3], dtype=torch.int32)])
    case("index_select/scalar_self", "index_select", [torch.tensor(4.0), 0, L(0)])
    case("index_select/scalar_index", "index_select", [x, 1, torch.tensor(2)])
    case("index_select/1d", "index_select", [ar(5), 0, L(4, 1)])
    case("index_select/empty_index", "index_select", [x, 0, L()])
    case("index_select/oob0", "index_select", [x, 0, L(3)])
    case("index_select/oob1", "index_select", [x, 1, L(4)])
    case("index_select/neg1d", "index_select", [ar(5), 0, L(-1)])
    case("index_select/float", "index_select", [x, 0, torch.tensor([0.0])])
    case("index_select/2d_index", "index_select", [x, 0, L(0).reshape(1, 1)])
    case("gather/dim1", "gather", [x, 1, L(0, 3, 3, 1, 2, 2).reshape(3, 2)])
    case("gather/neg_dim", "gather", [x3, -1, torch.zeros(2, 2, 5, dtype=torch.long)[:, :, :3]])
    case("gather/nc", "gather", [t, 0, L(3, 0, 1).reshape(1, 3)])
    case("gather/scalar", "gather", [torch.tensor(5.0), 0, torch.tensor(0)])
    case("gather/empty", "gather", [x, 0, torch.zeros(0, 2, dtype=torch.long)])
    case("gather/oob", "gather", [x, 1, L(4).reshape(1, 1)])
    case("gather/neg", "gather", [x, 1, L(-1).reshape(1, 1)])
    case("gather/int32_index", "gather", [x, 1, torch.tensor([[0]], dtype=torch.int32)])
    case("gather/dims", "gather", [x, 1, L(0)])
    case("gather/size", "gather", [x, 0, torch.zeros(2, 5, dtype=torch.long)])
    idx = L(0, 2, 1, 0).reshape(2, 2)
    case("scatter/src", "scatter.src", [torch.zeros(3, 4), 0, idx, ar(2, 2, start=1)])
    case("scatter/dim1", "scatter.src", [torch.zeros(3, 4), 1, L(3, 0, 1, 2).reshape(2, 2), ar(2, 3, start=1)])
    case("scatter/value", "scatter.value", [x, 1, L(0, 3).reshape(2, 1), 9.5])
    case("scatter/value_int", "scatter.value", [ar(3, 4, dtype=torch.int64), 1, L(0, 3).reshape(2, 1), 7])
    sred = lambda a, d, i, v, r: A.scatter.reduce(a, d, i, v, reduce=r)  # noqa: E731
    svred = lambda a, d, i, v, r: A.scatter.value_reduce(a, d, i, v, reduce=r)  # noqa: E731
    case("scatter/add", "scatter.reduce", [x, 0, L(0, 0, 1, 0).reshape(2, 2), ar(2, 2, start=1), "add"], fn=sred)
    case("scatter/multiply", "scatter.reduce", [x, 0, L(0, 0, 1, 0).reshape(2, 2), ar(2, 2, start=1), "multiply"], fn=sred)
    case("scatter/value_add", "scatter.value_reduce", [x, 1, L(1, 1).reshape(1, 2), 2.0, "add"], fn=svred)
    case("scatter/bad_reduce", "scatter.reduce", [x, 0, idx, ar(2, 2), "max"], fn=sred)
    case("scatter/dtype", "scatter.src", [x, 0, idx, ar(2, 2, dtype=torch.int64)])
    case("scatter/oob", "scatter.src", [x, 0, L(3).reshape(1, 1), ar(1, 1)])
    case("scatter/size", "scatter.src", [x, 1, torch.zeros(4, 1, dtype=torch.long), ar(4, 1)])
    case("scatter/size_value", "scatter.value", [x, 1, torch.zeros(4, 1, dtype=torch.long), 1.0])
    case("scatter/nc_self", "scatter.src", [t, 1, L(0, 2).reshape(2, 1), ar(2, 1)])
    case("scatter/bool", "scatter.value", [ar(2, 3, dtype=torch.bool), 1, L(2, 0).reshape(2, 1), True])
    case("scatter_/inplace", "scatter_.src", [torch.zeros(3, 4), 0, idx, ar(2, 2, start=1)])
    case("scatter_add/basic", "scatter_add", [x, 0, L(0, 0, 2, 0, 1, 1).reshape(3, 2), ar(3, 2, start=1)])
    case("scatter_add/int", "scatter_add", [ar(3, dtype=torch.int32), 0, L(0, 0, 2), ar(3, dtype=torch.int32)])
    case("scatter_add/dtype", "scatter_add", [x, 0, idx, ar(2, 2, dtype=torch.float64)])
    case("scatter_add_/inplace", "scatter_add_", [ar(5), 0, L(4, 4, 0), ar(3)])
    sr_idx = L(0, 1, 0, 1, 2, 0)
    srfn = lambda a, d, i, s, r, inc: A.scatter_reduce.two(a, d, i, s, r, include_self=inc)  # noqa: E731
    for red in ("sum", "prod", "mean", "amax", "amin"):
        for inc in (True, False):
            case(f"scatter_reduce/{red}_{inc}", "scatter_reduce.two",
                 [ar(4, start=3), 0, sr_idx, rnd(6, seed=3), red, inc], fn=srfn)
        case(f"scatter_reduce/int_{red}", "scatter_reduce.two",
             [ar(4, dtype=torch.int64, start=-2), 0, sr_idx, rnd(6, dtype=torch.int64, seed=4), red, False], fn=srfn)
    case("scatter_reduce/bad", "scatter_reduce.two", [ar(4), 0, sr_idx, ar(6), "max", True], fn=srfn)
    # Advanced indexing.
    case("index/single", "index.Tensor", [x3, [L(1, 0, 1)]])
    case("index/neg", "index.Tensor", [x3, [L(-1, -2)]])
    case("index/two_adjacent", "index.Tensor", [x3, [None, L(0, 2), L(3, 1)]])
    case("index/broadcast", "index.Tensor", [x3, [L(0, 1).reshape(2, 1), L(0, 1, 2)]])
    case("index/nonadjacent", "index.Tensor", [x3, [L(1, 0), None, L(3, 2)]])
    case("index/nonadjacent_bcast", "index.Tensor", [ar(2, 3, 4, 5), [None, L(0, 2).reshape(2, 1), None, L(1, 4, 0)]])
    case("index/adjacent_middle", "index.Tensor", [ar(2, 3, 4, 5), [None, L(2, 0), L(1, 3)]])
    case("index/mask_full", "index.Tensor", [x, [x > 1]])
    case("index/mask_row", "index.Tensor", [x3, [torch.tensor([True, False])]])
    case("index/mask_2d_then_index", "index.Tensor", [x3, [ar(2, 3) > 0, L(0, 3)]])
    case("index/mask_and_tensor", "index.Tensor", [x3, [L(1), None, torch.tensor([False, True, True, False])]])
    case("index/uint8_mask", "index.Tensor", [x, [(x > 0).to(torch.uint8)]])
    case("index/scalar_index", "index.Tensor", [x3, [torch.tensor(1), None, torch.tensor(2)]])
    case("index/nc_self", "index.Tensor", [t, [None, L(2, 0)]])
    case("index/nc_index", "index.Tensor", [x, [L(0, 1, 2, 0).reshape(2, 2).t()]])
    case("index/empty_index", "index.Tensor", [x, [L()]])
    case("index/empty_mask", "index.Tensor", [x, [torch.zeros(3, 4, dtype=torch.bool)]])
    case("index/zero_dim_self", "index.Tensor", [torch.zeros(0, 3), [L(0)]])
    case("index/oob", "index.Tensor", [x, [None, L(5)]])
    case("index/oob_neg", "index.Tensor", [x, [L(1), L(-5)]])
    case("index/too_many", "index.Tensor", [x, [L(0), L(0), L(0)]])
    case("index/bad_bcast", "index.Tensor", [x, [L(0, 1), L(0, 1, 2)]])
    case("index/bad_mask", "index.Tensor", [x, [torch.tensor([True, False])]])
    case("index/int32_index", "index.Tensor", [x, [torch.tensor([0], dtype=torch.int32)]])
    case("index/float", "index.Tensor", [x, [torch.tensor([0.0])]])
    case("index/scalar_mask", "index.Tensor", [torch.tensor(3.0), [torch.tensor(True)]])
    # index_put_
    case("index_put_/basic", "index_put_", [ar(3, 4), [L(0, 2)], ar(2, 4, start=10), False])
    case("index_put_/bcast_value", "index_put_", [ar(3, 4), [None, L(1, 3)], ar(2, start=20), False])
    case("index_put_/scalar_value", "index_put_", [ar(3, 4), [L(1)], torch.tensor(-3.0), False])
    case("index_put_/accumulate_dup", "index_put_", [ar(3, 4), [L(0, 0, 2, 0)], ar(4, 4, start=1), True])
    case("index_put_/accumulate_2d_dup", "index_put_", [ar(3, 4), [L(1, 1, 1), L(2, 2, 0)], torch.tensor([1.0, 2.0, 4.0]), True])
    case("index_put_/mask_scalar", "index_put_", [ar(3, 4), [x > 0.5], torch.tensor(0.0), False])
    case("index_put_/mask_scalar_long", "index_put_", [ar(3, 4), [x > 0.5], torch.tensor(7), False])
    case("index_put_/mask_values", "index_put_", [ar(3, 4), [x > 0.5], ar(6, start=40), False])
    case("index_put_/mask_row", "index_put_", [ar(2, 3, 4), [torch.tensor([False, True])], torch.tensor(5.0), False])
    case("index_put_/mask_accumulate", "index_put_", [ar(3, 4), [x > 0.5], torch.tensor(1.0), True])
    case("index_put_/nonadjacent", "index_put_", [ar(2, 3, 4), [L(1, 0), None, L(3, 0)], ar(2, 3, start=50), False])
    case("index_put_/nonadjacent_acc", "index_put_", [ar(2, 3, 4), [L(1, 1), None, L(3, 3)], ar(3, start=50), True])
    case("index_put_/nc_self", "index_put_", [ar(4, 3).t(), [None, L(0, 2)], ar(3, 2, start=9), False])
    case("index_put_/dtype", "index_put_", [ar(3, 4), [L(0)], torch.tensor(1), False])
    case("index_put_/shape", "index_put_", [ar(3, 4), [L(0, 1)], torch.zeros(3), False])
    case("index_put_/oob", "index_put_", [ar(3, 4), [L(3)], torch.tensor(1.0), False])
    case("index_put_/int_acc", "index_put_", [ar(5, dtype=torch.int32), [L(1, 1, 4)], ar(3, dtype=torch.int32), True])
    case("index_put_/bool", "index_put_", [ar(5, dtype=torch.bool), [L(0, 2)], torch.tensor([True, False]), False])
    case("index_put/outofplace", "index_put", [t, [L(2), L(1)], torch.tensor(8.0), True])
    # masked ops
    m = torch.tensor([[True, False, True, False], [False, False, True, True], [True, True, True, False]])
    case("masked_select/basic", "masked_select", [x, m])
    case("masked_select/bcast", "masked_select", [x, torch.tensor([True, False, False, True])])
    case("masked_select/bcast_self", "masked_select", [ar(4), m])
    case("masked_select/nc", "masked_select", [t, m.t().contiguous().t()])
    case("masked_select/uint8", "masked_select", [x, m.to(torch.uint8)])
    case("masked_select/float_mask", "masked_select", [x, m.float()])
    case("masked_select/shape", "masked_select", [x, torch.tensor([True, False])])
    case("masked_select/bool_self", "masked_select", [m, m])
    case("masked_scatter_/basic", "masked_scatter_", [ar(3, 4), m, ar(10, start=100)])
    case("masked_scatter_/bcast", "masked_scatter_", [ar(3, 4), torch.tensor([True, False, False, True]), ar(8, start=100)])
    case("masked_scatter_/nc", "masked_scatter_", [ar(4, 3).t(), m, ar(2, 6, start=100)])
    case("masked_scatter_/few", "masked_scatter_", [ar(3, 4), m, ar(3)])
    case("masked_scatter_/dtype", "masked_scatter_", [ar(3, 4), m, ar(10, dtype=torch.int64)])
    case("masked_scatter/outofplace", "masked_scatter", [ar(4), m, ar(10, start=100)])
    case("take/basic", "take", [x, L(0, 11, -1, 5)])
    case("take/nc", "take", [t, L(1, 2, 3).reshape(3, 1)])
    case("take/oob", "take", [x, L(12)])
    case("take/int32", "take", [x, torch.tensor([0], dtype=torch.int32)])
    case("take/empty_self", "take", [torch.zeros(0), L(0)])
    case("take/empty_index", "take", [torch.zeros(0), L()])
    case("put_/basic", "put_", [ar(3, 4), L(0, 11, -1), ar(3, start=50), False])
    case("put_/acc", "put_", [ar(3, 4), L(1, 1, -11), ar(3, start=50), True])
    case("put_/nc", "put_", [ar(4, 3).t(), L(1, 4), ar(2, start=50), False])
    case("put_/oob", "put_", [ar(3, 4), L(-13), ar(1), False])
    case("put_/count", "put_", [ar(3, 4), L(1, 2), ar(1), False])
    case("put/outofplace", "put", [x, L(3), ar(1), False])
    z = torch.tensor([[0.0, 1.5, 0.0], [float("nan"), 0.0, -2.0]])
    case("nonzero/basic", "nonzero", [z])
    case("nonzero/nc", "nonzero", [z.t()])
    case("nonzero/bool", "nonzero", [m])
    case("nonzero/int", "nonzero", [ar(5, dtype=torch.int8, start=-2)])
    case("nonzero/scalar_true", "nonzero", [torch.tensor(2.0)])
    case("nonzero/scalar_false", "nonzero", [torch.tensor(0)])
    case("nonzero/empty", "nonzero", [torch.zeros(3)])
    case("nonzero/half", "nonzero", [ar(4, dtype=torch.float16, start=2)])
    case("argwhere/basic", "argwhere", [z])
    case("nonzero_numpy/basic", "nonzero_numpy", [z])
    case("nonzero_numpy/scalar", "nonzero_numpy", [torch.tensor(1)])
    case("index_add_/basic", "index_add_", [ar(3, 4), 0, L(2, 0, 2), ar(3, 4, start=1), 1], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add_/alpha", "index_add_", [ar(3, 4), 1, L(3, 0), ar(3, 2, start=1), 2], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add_/int", "index_add_", [ar(4, dtype=torch.int64), 0, L(1, 1), ar(2, dtype=torch.int64), 3], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add_/oob", "index_add_", [ar(3, 4), 1, L(4), ar(3, 1), 1], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add_/count", "index_add_", [ar(3, 4), 1, L(0, 1), ar(3, 1), 1], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add_/dtype", "index_add_", [ar(3, 4), 1, L(0), ar(3, 1, dtype=torch.int64), 1], fn=lambda a, d, i, s, al: a.index_add_(d, i, s, alpha=al))
    case("index_add/outofplace", "index_add", [t, 0, L(1), ar(1, 4), 1], fn=lambda a, d, i, s, al: a.index_add(d, i, s, alpha=al))
    case("index_fill_/basic", "index_fill_.int_Scalar", [ar(3, 4), 1, L(0, -1), -2.5])
    case("index_fill_/int", "index_fill_.int_Scalar", [ar(2, 3, dtype=torch.int32), 0, L(1), 4])
    case("index_fill_/tensor", "index_fill_.int_Tensor", [ar(3, 4), 0, L(1), torch.tensor(6.0)])
    case("index_fill_/tensor_bad", "index_fill_.int_Tensor", [ar(3, 4), 0, L(1), torch.tensor([6.0])])
    case("index_fill_/oob", "index_fill_.int_Scalar", [ar(3, 4), 1, L(4), 1.0])
    case("index_fill_/int32", "index_fill_.int_Scalar", [ar(3, 4), 1, torch.tensor([0], dtype=torch.int32), 1.0])
    case("index_fill_/scalar_self", "index_fill_.int_Scalar", [torch.tensor(1.0), 0, L(0), 3.0])
    case("index_fill/outofplace", "index_fill.int_Scalar", [t, 0, L(2), 0.5])
    case("index_copy_/basic", "index_copy_", [ar(3, 4), 1, L(3, 0), ar(3, 2, start=30)])
    case("index_copy_/oob", "index_copy_", [ar(3, 4), 1, L(4), ar(3, 1)])
    case("index_copy_/dtype", "index_copy_", [ar(3, 4), 1, L(0), ar(3, 1, dtype=torch.int64)])
    case("index_copy/outofplace", "index_copy", [x, 0, L(2), ar(1, 4, start=30)])
    w = ar(5, 3)
    case("embedding/1d", "embedding", [w, L(4, 0, 4), -1])
    case("embedding/2d", "embedding", [w, L(1, 2, 3, 0).reshape(2, 2), 0])
    case("embedding/int32", "embedding", [w, torch.tensor([1], dtype=torch.int32), -1])
    case("embedding/scalar", "embedding", [w, torch.tensor(2), -1])
    case("embedding/float", "embedding", [w, torch.tensor([1.0]), -1])
    case("embedding/oob", "embedding", [w, L(5), -1])
    case("embedding/w1d", "embedding", [ar(3), L(0), -1])
    case("one_hot/basic", "one_hot", [L(0, 3, 1), -1])
    case("one_hot/classes", "one_hot", [L(0, 2, 1, 1).reshape(2, 2), 5])
    case("one_hot/neg", "one_hot", [L(-1), -1])
    case("one_hot/big", "one_hot", [L(3), 3])
    case("one_hot/empty", "one_hot", [torch.zeros(0, dtype=torch.long), -1])
    case("one_hot/empty_classes", "one_hot", [torch.zeros(2, 0, dtype=torch.long), 4])
    case("one_hot/int32", "one_hot", [torch.tensor([0], dtype=torch.int32), -1])


# ---- sort -----------------------------------------------------------------------------

def ss(b, v, o, r, side, sorter):
    return A.searchsorted.Tensor(b, v, out_int32=o, right=r, side=side, sorter=sorter)


def ss_scalar(b, v, o, r, side, sorter):
    return A.searchsorted.Scalar(b, v, out_int32=o, right=r, side=side, sorter=sorter)


def bucket(v, b, o, r):
    return A.bucketize.Tensor(v, b, out_int32=o, right=r)


def bucket_scalar(v, b, o, r):
    return A.bucketize.Scalar(v, b, out_int32=o, right=r)


def sort_cases():
    ties = torch.tensor([3.0, 1.0, 2.0, 1.0, 3.0, float("nan"), 2.0, 1.0, -0.0, 0.0,
                         5.0, 1.0, 3.0, 2.0, 2.0, 1.0, 4.0, float("nan"), 1.0, 0.0])
    long_ties = rnd(70, dtype=torch.int64, seed=5, lo=0, hi=4).float()
    m = rnd(4, 6, seed=1)
    for desc in (False, True):
        d = "desc" if desc else "asc"
        case(f"sort/ties_{d}", "sort", [ties, 0, desc])
        case(f"sort/long_ties_{d}", "sort", [long_ties, -1, desc])
        case(f"sort/stable_{d}", "sort.stable", [long_ties, True, 0, desc], fn=lambda a, s, d, desc: A.sort.stable(a, stable=s, dim=d, descending=desc))
        case(f"sort/2d_{d}", "sort", [m, 1, desc])
        case(f"sort/2d_dim0_{d}", "sort", [m.t(), 0, desc])
        case(f"sort/int_{d}", "sort", [rnd(40, dtype=torch.int32, seed=2, lo=0, hi=5), 0, desc])
        case(f"sort/bool_{d}", "sort", [rnd(20, dtype=torch.bool, seed=2), 0, desc])
        case(f"sort/half_{d}", "sort", [rnd(30, dtype=torch.float64, seed=6, lo=0, hi=3).round().half(), 0, desc])
        case(f"argsort/{d}", "argsort", [long_ties, 0, desc])
        case(f"argsort/stable_{d}", "argsort.stable", [long_ties, True, 0, desc], fn=lambda a, s, d, desc: A.argsort.stable(a, stable=s, dim=d, descending=desc))
    case("sort/nondense", "sort", [rnd(4, 6, seed=3)[:, ::2].t(), 0, False])
    case("sort/scalar", "sort", [torch.tensor(1.0), 0, False])
    case("sort/empty", "sort", [torch.zeros(0, 3), 1, False])
    case("sort/dim_oob", "sort", [m, 2, False])
    case("msort/basic", "msort", [m])
    for largest in (True, False):
        for srt in (True, False):
            n = f"{'max' if largest else 'min'}_{'sorted' if srt else 'unsorted'}"
            case(f"topk/ties_{n}", "topk", [ties, 5, 0, largest, srt])
            case(f"topk/partial_{n}", "topk", [rnd(200, dtype=torch.int64, seed=7, lo=0, hi=9).float(), 3, 0, largest, srt])
            case(f"topk/2d_{n}", "topk", [m, 2, 0, largest, srt])
    case("topk/all", "topk", [ties, 20, 0, True, True])
    case("topk/zero", "topk", [ties, 0, 0, True, True])
    case("topk/scalar", "topk", [torch.tensor(2.0), 1, 0, True, True])
    case("topk/k_big", "topk", [m, 7, 1, True, True])
    case("topk/int", "topk", [rnd(30, dtype=torch.int16, seed=8, lo=0, hi=4), 4, 0, True, True])
    case("topk/bf16", "topk", [rnd(30, dtype=torch.float64, seed=8, lo=0, hi=4).round().bfloat16(), 4, 0, True, True])
    case("topk/half", "topk", [ar(3, dtype=torch.float16), 1, 0, True, True])
    case("topk/bool", "topk", [ar(3, dtype=torch.bool), 1, 0, True, True])
    for k in (1, 4, 9, 13):
        case(f"kthvalue/ties_{k}", "kthvalue", [ties, k, 0, False])
    case("kthvalue/2d", "kthvalue", [rnd(5, 7, dtype=torch.int64, seed=9, lo=0, hi=3), 3, 1, True])
    case("kthvalue/2d_dim0", "kthvalue", [rnd(5, 7, seed=10).t(), 2, 0, False])
    case("kthvalue/scalar", "kthvalue", [torch.tensor(4.0), 1, 0, False])
    case("kthvalue/k_big", "kthvalue", [m, 7, 1, False])
    case("kthvalue/k0", "kthvalue", [m, 0, 1, False])
    case("kthvalue/half", "kthvalue", [ar(3, dtype=torch.float16), 1, 0, False])
    u = torch.tensor([3, 1, 2, 1, 3, 3, 0, 5, -7, 2, 2, 40, 1000000, 17])
    for srt in (True, False):
        for inv in (True, False):
            for cnt in (True, False):
                case(f"_unique2/{srt}_{inv}_{cnt}", "_unique2", [u.reshape(2, 7), srt, inv, cnt])
    case("_unique2/float", "_unique2", [torch.tensor([1.5, -0.5, 1.5, 2.25, 0.0, 2.25]), False, True, True])
    case("_unique2/bool", "_unique2", [rnd(9, dtype=torch.bool, seed=3), False, True, True])
    case("_unique2/bf16", "_unique2", [torch.tensor([1.5, -0.5, 1.5], dtype=torch.bfloat16), True, True, True])
    case("_unique2/half", "_unique2", [ar(3, dtype=torch.float16), True, False, False])
    case("_unique2/empty", "_unique2", [torch.zeros(0), True, True, True])
    case("_unique2/nc", "_unique2", [rnd(4, 5, dtype=torch.int64, seed=4, lo=0, hi=4).t(), True, True, True])
    case("_unique/basic", "_unique", [u, True, True])
    ud = torch.tensor([[1, 2, 1, 1], [0, 5, 0, 0], [1, 2, 1, 1], [0, 5, 0, -1]])
    case("unique_dim/0", "unique_dim", [ud, 0, True, True, True])
    case("unique_dim/1", "unique_dim", [ud, 1, True, True, True])
    case("unique_dim/neg", "unique_dim", [ud.float(), -1, True, False, False])
    case("unique_dim/empty_dim", "unique_dim", [torch.zeros(0, 3), 0, True, True, True])
    case("unique_dim/empty_other", "unique_dim", [torch.zeros(0, 3), 1, True, True, True])
    uc = torch.tensor([1, 1, 2, 2, 3, 1, 1, 2])
    for inv in (True, False):
        for cnt in (True, False):
            case(f"unique_consecutive/{inv}_{cnt}", "unique_consecutive", [uc, inv, cnt, None])
    case("unique_consecutive/2d_flat", "unique_consecutive", [uc.reshape(2, 4), True, True, None])
    case("unique_consecutive/dim0_1d", "unique_consecutive", [uc, True, True, 0])
    case("unique_consecutive/dim0", "unique_consecutive", [ud, True, True, 0])
    case("unique_consecutive/dim1", "unique_consecutive", [ud, True, True, 1])
    case("unique_consecutive/dim_oob", "unique_consecutive", [ud, True, True, 3])
    case("unique_consecutive/empty", "unique_consecutive", [torch.zeros(0), True, True, None])
    case("unique_consecutive/half", "unique_consecutive", [ar(3, dtype=torch.float16), True, True, None])
    bd = torch.tensor([1.0, 2.0, 2.0, 3.0, 5.0])
    vals = torch.tensor([[0.5, 2.0, 5.0], [6.0, 3.0, 1.0]])
    for right in (False, True):
        r = "right" if right else "left"
        case(f"searchsorted/1d_{r}", "searchsorted.Tensor", [bd, vals, False, right, None, None])
        case(f"searchsorted/nd_{r}", "searchsorted.Tensor",
             [torch.tensor([[1.0, 3.0, 5.0], [2.0, 2.0, 4.0]]), vals, False, right, None, None])
        case(f"searchsorted/scalar_{r}", "searchsorted.Scalar", [bd, 2, False, right, None, None])
        case(f"bucketize/{r}", "bucketize.Tensor", [vals, bd, False, right])
        case(f"bucketize/scalar_{r}", "bucketize.Scalar", [2.5, bd, True, right])
    case("searchsorted/side", "searchsorted.Tensor", [bd, vals, True, False, "right", None])
    case("searchsorted/side_bad", "searchsorted.Tensor", [bd, vals, False, False, "middle", None])
    case("searchsorted/side_conflict", "searchsorted.Tensor", [bd, vals, False, True, "left", None])
    case("searchsorted/sorter", "searchsorted.Tensor",
         [torch.tensor([5.0, 1.0, 3.0, 2.0]), vals, False, False, None, L(1, 3, 2, 0)])
    case("searchsorted/int_vs_float", "searchsorted.Tensor", [bd, L(1, 2, 6), False, False, None, None])
    case("searchsorted/nan", "searchsorted.Tensor", [bd, torch.tensor([float("nan"), 2.0]), False, False, None, None])
    case("searchsorted/dims", "searchsorted.Tensor", [torch.tensor([[1.0, 2.0]]), torch.tensor([1.0]), False, False, None, None])
    case("searchsorted/scalar_input_nd", "searchsorted.Tensor", [vals, torch.tensor(1.0), False, False, None, None])
    case("searchsorted/nc", "searchsorted.Tensor", [bd, vals.t(), False, True, None, None])
    case("bucketize/2d_boundaries", "bucketize.Tensor", [vals, vals, False, False])
    case("bincount/basic", "bincount", [L(0, 3, 3, 1, 7), None, 0])
    case("bincount/minlength", "bincount", [L(0, 3), None, 6])
    case("bincount/weights", "bincount", [L(0, 3, 3), torch.tensor([0.5, 1.0, 2.0]), 0])
    case("bincount/weights_double", "bincount", [L(0, 3, 3), torch.tensor([1, 2, 3]), 0])
    case("bincount/empty", "bincount", [L(), None, 3])
    case("bincount/neg", "bincount", [L(-1), None, 0])
    case("bincount/float", "bincount", [torch.tensor([1.0]), None, 0])
    case("bincount/weights_len", "bincount", [L(1, 2), torch.ones(3), 0])
    case("bincount/int8", "bincount", [torch.tensor([1, 4], dtype=torch.int8), None, 0])


# ---- creation -------------------------------------------------------------------------

def with_threads(n, fn):
    def run(*args):
        old = torch.get_num_threads()
        torch.set_num_threads(n)
        try:
            return fn(*args)
        finally:
            torch.set_num_threads(old)
    return run


def creation_cases():
    case("zeros/default", "zeros", [[2, 3], None])
    case("zeros/neg", "zeros", [[2, -1], None])
    for dt in ALL_DTYPES:
        n = dtype_name(dt)
        case(f"zeros/{n}", "zeros", [[2, 2], dt])
        case(f"ones/{n}", "ones", [[3], dt])
        case(f"full/{n}", "full", [[2], 3, dt])
    case("ones/default", "ones", [[2, 1, 2], None])
    case("full/int", "full", [[2, 2], 7, None])
    case("full/float", "full", [[2], 1.5, None])
    case("full/bool_infer", "full", [[2], True, None])
    case("full/scalar_shape", "full", [[], -4, None])
    case("full/float_to_int", "full", [[2], 2.7, torch.int32])
    case("full/overflow", "full", [[2], 300, torch.uint8])
    case("full/neg_uint8", "full", [[2], -1, torch.uint8])
    case("full/float_overflow", "full", [[2], 1e300, torch.float32])
    case("full/half_overflow", "full", [[2], 70000, torch.float16])
    case("full/inf_half", "full", [[2], float("inf"), torch.float16])
    case("full_like/overflow", "full_like", [ar(2, dtype=torch.int8), 200, None, None])
    case("empty/shape", "empty.memory_format", [[2, 3], torch.float64], check_values=False)
    case("empty/channels_last", "empty.memory_format", [[2, 3, 4, 5], None, torch.channels_last],
         fn=lambda s, d, f: torch.empty(s, memory_format=f), check_values=False)
    case("scalar_tensor/int", "scalar_tensor", [3, None])
    case("scalar_tensor/bool", "scalar_tensor", [True, torch.int64])
    case("tensor/ints", "tensor", [[[1, 2], [3, 4]], None], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/mixed", "tensor", [[1, 2.5, True], None], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/bools", "tensor", [[True, False], None], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/bool_int", "tensor", [[True, 2], None], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/dtype", "tensor", [[[1.7, -2.2]], torch.int32], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/empty", "tensor", [[], None], fn=lambda v, d: torch.tensor(v, dtype=d))
    case("tensor/scalar", "tensor", [2.5, None], fn=lambda v, d: torch.tensor(v, dtype=d))
    src = ar(3, 4).t()
    nd = ar(4, 6)[:, ::2].t()
    for op in ("zeros_like", "ones_like", "empty_like"):
        flags = {"check_values": op != "empty_like"}
        case(f"{op}/preserve", op, [src, None, None], **flags)
        case(f"{op}/nondense", op, [nd, torch.int32, None], **flags)
        case(f"{op}/contiguous", op, [src, None, torch.contiguous_format], **flags)
    case("full_like/basic", "full_like", [src, 2.5, None, None])
    case("full_like/int", "full_like", [ar(2, dtype=torch.int64), 2.5, None, None])
    case("full_like/channels_last", "full_like", [ar(1, 2, 2, 3), 1, None, torch.channels_last])
    case("new_zeros/basic", "new_zeros", [ar(2, dtype=torch.int16), [2, 3], None])
    case("new_ones/dtype", "new_ones", [ar(2), [3], torch.bool])
    case("new_full/basic", "new_full", [ar(2, dtype=torch.float64), [2, 2], 3, None])
    case("new_empty/basic", "new_empty", [ar(2, dtype=torch.int8), [4], None], check_values=False)
    for args in ([5], [0], [2.5], [-3]):
        case(f"arange/end_{args[0]}", "arange", args + [None])
    for s, e in ((2, 9), (1.5, 4), (-3, 3.2), (5, 2)):
        case(f"arange/start_{s}_{e}", "arange.start", [s, e, None])
    for s, e, st in ((0, 10, 3), (10, 0, -3), (0.1, 100, 0.1), (-3, 7.7, 0.37), (1.3, 10000, 0.77),
                     (0, 1, 0.1), (1e6, 1e6 + 1000, 0.3), (0, 5, 0), (0, 5, -1), (0.5, 3.7, 1)):
        case(f"arange/step_{s}_{e}_{st}", "arange.start_step", [s, e, st, None])
        for dt in (torch.float64, torch.float16, torch.bfloat16, torch.int32):
            case(f"arange/step_{s}_{e}_{st}_{dtype_name(dt)}", "arange.start_step", [s, e, st, dt])
    # Long ranges are split across threads like at::parallel_for splits them.
    for threads in (1, 3):
        for dt in (None, torch.float64, torch.float16):
            case(f"arange/long_{threads}threads_{dt}", "arange.start_step", [0, 100000 * 0.37, 0.37, dt],
                 fn=with_threads(threads, KWARG_FNS["arange.start_step"]), threads=threads)
        for dt in (None, torch.float64, torch.bfloat16, torch.int32):
            case(f"linspace/long_{threads}threads_{dt}", "linspace", [-1.5, 7, 70001, dt],
                 fn=with_threads(threads, KWARG_FNS["linspace"]), threads=threads)
    case("arange/int64_big", "arange.start_step", [2**40, 2**40 + 100, 7, None])
    case("arange/inf", "arange.start_step", [0, float("inf"), 1, None])
    case("arange/bool", "arange", [3, torch.bool])
    for s, e, n in ((0, 1, 100), (-3.3, 7.7, 37), (1, 1000, 1001), (0.5, -2.25, 333), (2, 2, 1), (0, 1, 0),
                    (3, 9, 2), (-1, 1, 5)):
        case(f"linspace/{s}_{e}_{n}", "linspace", [s, e, n, None])
        for dt in (torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.uint8):
            case(f"linspace/{s}_{e}_{n}_{dtype_name(dt)}", "linspace", [s, e, n, dt])
    case("linspace/neg_steps", "linspace", [0, 1, -1, None])
    for s, e, n, b in ((0, 2, 5, 10.0), (-1, 3, 9, 2.0), (0.5, 1.5, 7, 2.718281828459045), (1, 1, 1, 10.0)):
        case(f"logspace/{s}_{e}_{n}_{b}", "logspace", [s, e, n, b, None])
        for dt in (torch.float64, torch.float16, torch.int64, torch.int16):
            case(f"logspace/{s}_{e}_{n}_{b}_{dtype_name(dt)}", "logspace", [s, e, n, b, dt])
    case("eye/n", "eye", [3, None])
    case("eye/nm", "eye.m", [2, 4, torch.int64])
    case("eye/zero", "eye.m", [0, 3, None])
    case("eye/neg", "eye", [-1, None])
    case("eye/neg_m", "eye.m", [2, -1, None])
    for r, c, o in ((3, 3, 0), (4, 3, 1), (3, 5, -1), (0, 3, 0), (3, 4, 10), (3, 4, -10)):
        case(f"tril_indices/{r}_{c}_{o}", "tril_indices", [r, c, o, None])
        case(f"triu_indices/{r}_{c}_{o}", "triu_indices", [r, c, o, None])
    case("tril_indices/int32", "tril_indices", [3, 3, 0, torch.int32])
    case("tril_indices/neg", "tril_indices", [-1, 3, 0, None])
    a, b, c = ar(3), ar(2, start=5), torch.tensor(7.0)
    case("meshgrid/ij", "meshgrid.indexing", [[a, b, c], "ij"])
    case("meshgrid/xy", "meshgrid.indexing", [[a, b, c], "xy"])
    case("meshgrid/single_xy", "meshgrid.indexing", [[a], "xy"])
    case("meshgrid/bad", "meshgrid.indexing", [[a, b], "yx"])
    case("meshgrid/dtype", "meshgrid.indexing", [[a, L(1)], "ij"])
    case("meshgrid/2d", "meshgrid.indexing", [[ar(2, 2)], "ij"],
         error_prefix="torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got:")
    case("meshgrid/empty", "meshgrid.indexing", [[], "ij"])
    case("cartesian_prod/basic", "cartesian_prod", [[a, b]])
    case("cartesian_prod/three", "cartesian_prod", [[a, b, ar(2, start=9)]])
    case("cartesian_prod/one", "cartesian_prod", [[a]])
    case("cartesian_prod/2d", "cartesian_prod", [[ar(2, 2)]])
    case("diag/1d", "diag", [ar(3), 0])
    case("diag/1d_pos", "diag", [ar(3), 2])
    case("diag/1d_neg", "diag", [ar(3, dtype=torch.int32), -1])
    case("diag/2d", "diag", [ar(3, 4), 1])
    case("diag/2d_nc", "diag", [ar(4, 3).t(), -1])
    case("diag/3d", "diag", [ar(2, 2, 2), 0])
    case("diag_embed/basic", "diag_embed", [ar(2, 3), 0, -2, -1])
    case("diag_embed/offset", "diag_embed", [ar(2, 3), -1, 0, 2])
    case("diag_embed/same", "diag_embed", [ar(2, 3), 0, 1, 1])
    case("diagflat/basic", "diagflat", [ar(2, 2), 1])


def _like(op):
    return lambda t, d, f: op(t, dtype=d, memory_format=f or torch.preserve_format)


# aten ops whose trailing arguments are keyword-only, called with the positional
# arguments the C++ functions take.
KWARG_FNS = {
    "searchsorted.Tensor": ss,
    "searchsorted.Scalar": ss_scalar,
    "bucketize.Tensor": bucket,
    "bucketize.Scalar": bucket_scalar,
    "zeros": lambda s, d: torch.zeros(s, dtype=d),
    "ones": lambda s, d: torch.ones(s, dtype=d),
    "full": lambda s, v, d: torch.full(s, v, dtype=d),
    "empty.memory_format": lambda s, d: torch.empty(s, dtype=d),
    "scalar_tensor": lambda v, d: torch.scalar_tensor(v, dtype=d),
    "zeros_like": _like(torch.zeros_like),
    "ones_like": _like(torch.ones_like),
    "empty_like": _like(torch.empty_like),
    "full_like": lambda t, v, d, f: torch.full_like(t, v, dtype=d, memory_format=f or torch.preserve_format),
    "new_zeros": lambda t, s, d: t.new_zeros(s, dtype=d),
    "new_ones": lambda t, s, d: t.new_ones(s, dtype=d),
    "new_empty": lambda t, s, d: t.new_empty(s, dtype=d),
    "new_full": lambda t, s, v, d: t.new_full(s, v, dtype=d),
    "arange": lambda e, d: torch.arange(e, dtype=d),
    "arange.start": lambda s, e, d: torch.arange(s, e, dtype=d),
    "arange.start_step": lambda s, e, st, d: torch.arange(s, e, st, dtype=d),
    "linspace": lambda s, e, n, d: torch.linspace(s, e, n, dtype=d),
    "logspace": lambda s, e, n, b, d: torch.logspace(s, e, n, b, dtype=d),
    "eye": lambda n, d: torch.eye(n, dtype=d),
    "eye.m": lambda n, m, d: torch.eye(n, m, dtype=d),
    "tril_indices": lambda r, c, o, d: torch.tril_indices(r, c, o, dtype=d or torch.long),
    "triu_indices": lambda r, c, o, d: torch.triu_indices(r, c, o, dtype=d or torch.long),
    "meshgrid.indexing": lambda ts, ind: A.meshgrid.indexing(ts, indexing=ind),
}


def main():
    global GROUP
    for group, fn in (("shape", view_cases), ("shape", copy_cases), ("indexing", indexing_cases),
                      ("sort", sort_cases), ("creation", creation_cases)):
        GROUP = group
        fn()
    names = [c["name"] for c in CASES]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate case names: {sorted(dup)}"
    with open(f"{sys.argv[1]}/cases.json", "w") as f:
        json.dump(CASES, f)


if __name__ == "__main__":
    main()
