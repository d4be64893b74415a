"""Writes the expected results of the nn ops (src/ops/nn/) from real PyTorch.

Run as `/usr/bin/python3 make_cases.py OUTDIR`; writes OUTDIR/cases.pt with torch.save:
a list of cases (name, op, args, expect, rtol, atol, post). `op` is the operator name
("aten::conv2d" or "aten::_convolution.deprecated"), `args` every schema argument in
order (defaults filled in, as the interpreter pushes them), `expect` the op's result (a
tensor, a tuple of results, an int) or the first line of the error PyTorch raised (a
str). `post` lists (argument index, tensor) pairs: arguments the op mutates in place
(running statistics), with the values they must hold afterwards.
"""
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(0)
CASES = []


def op_of(name):
    qual, _, overload = name.partition(".")
    packet = getattr(torch.ops.aten, qual.split("::")[1])
    return getattr(packet, overload or "default")


def fill_args(op, args, kwargs):
    full = list(args)
    for a in op._schema.arguments[len(args):]:
        if a.name in kwargs:
            full.append(kwargs[a.name])
        elif a.has_default_value():
            full.append(a.default_value)
        else:
            raise TypeError(f"{op}: missing argument {a.name}")
    for i, a in enumerate(op._schema.arguments):
        if isinstance(a.type, torch.ListType) and isinstance(full[i], int) and not isinstance(full[i], bool):
            n = a.N if getattr(a, "N", None) else 1
            full[i] = [full[i]] * n
    return full


def clone_arg(a):
    return a.clone() if isinstance(a, torch.Tensor) else a


def case(name, opname, *args, rtol=1e-4, atol=1e-5, mutated=(), **kwargs):
    """Records op(*args, **kwargs); `mutated` names argument indices updated in place."""
    op = op_of(opname)
    full = fill_args(op, args, kwargs)
    # The C++ side gets the inputs as they were before the call.
    saved = [clone_arg(a) if i in mutated else a for i, a in enumerate(full)]
    pos = [a for a, s in zip(full, op._schema.arguments) if not s.kwarg_only]
    kw = {s.name: a for a, s in zip(full, op._schema.arguments) if s.kwarg_only}
    try:
        with torch.no_grad():
            out = op(*pos, **kw)
    except Exception as e:  # noqa: BLE001 - the error text is the expectation
        out = str(e).strip().splitlines()[0]
    if isinstance(out, list):
        out = tuple(out)
    post = [(i, full[i].clone()) for i in mutated]
    CASES.append((name, opname, saved, out, float(rtol), float(atol), post))


def r(*shape, dtype=torch.float32):
    return torch.randn(*shape, dtype=dtype)


def noncontig(*shape):
    """A transposed (non-contiguous) view with the given shape."""
    return r(*reversed(shape)).permute(*reversed(range(len(shape))))


# ---- matmul family ---------------------------------------------------------------------
# GEMM sums K products in a blocked order different from PyTorch's MKL: rtol 1e-4 with
# atol 1e-4 covers the rounding of K <= 64 float32 terms of magnitude ~1.
MM = dict(rtol=1e-4, atol=1e-4)
def matmul_cases():
    case("mm", "aten::mm", r(3, 4), r(4, 5), **MM)
    case("mm_transposed", "aten::mm", noncontig(3, 4), noncontig(4, 5), **MM)
    case("mm_double", "aten::mm", r(5, 7, dtype=torch.double), r(7, 2, dtype=torch.double))
    case("mm_int", "aten::mm", torch.randint(-5, 5, (3, 4)), torch.randint(-5, 5, (4, 2)))
    case("mm_empty_k", "aten::mm", r(3, 0), r(0, 2))
    case("mm_sliced", "aten::mm", r(6, 8)[::2, 1:5], r(4, 3), **MM)
    case("mm_shape_error", "aten::mm", r(2, 3), r(4, 5))
    case("mm_dtype_error", "aten::mm", r(2, 3), r(3, 5, dtype=torch.double))
    case("mm_rank_error", "aten::mm", r(3), r(3, 5))
    case("mm_large", "aten::mm", r(64, 128), r(128, 96), rtol=1e-4, atol=3e-4)
    case("bmm", "aten::bmm", r(3, 4, 5), r(3, 5, 2), **MM)
    case("bmm_noncontig", "aten::bmm", noncontig(3, 4, 5), r(3, 2, 5).transpose(1, 2), **MM)
    case("bmm_expanded", "aten::bmm", r(1, 4, 5).expand(3, 4, 5), r(3, 5, 2), **MM)
    case("bmm_error", "aten::bmm", r(2, 2, 3), r(2, 4, 5))
    for a, b in [((4,), (4,)), ((3, 4), (4,)), ((4,), (4, 3)), ((3, 4), (4, 5)), ((2, 3, 4), (4,)),
                 ((2, 3, 4), (4, 5)), ((4,), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 5)),
                 ((2, 3, 4), (2, 4, 5))]:
        case(f"matmul_{a}_{b}", "aten::matmul", r(*a), r(*b), **MM)
    case("matmul_noncontig", "aten::matmul", noncontig(2, 3, 4), noncontig(4, 5), **MM)
    case("matmul_error", "aten::matmul", r(2, 3), r(4))
    case("addmm", "aten::addmm", r(5), r(3, 4), r(4, 5), **MM)
    case("addmm_scaled", "aten::addmm", r(3, 5), r(3, 4), r(4, 5), beta=0.5, alpha=2.0, **MM)
    case("addmm_beta0_nan", "aten::addmm", torch.full((3, 5), float("nan")), r(3, 4), r(4, 5), beta=0, **MM)
    case("addmm_int", "aten::addmm", torch.randint(-3, 3, (1, 2)), torch.randint(-3, 3, (3, 4)),
         torch.randint(-3, 3, (4, 2)), beta=2, alpha=3)
    case("addmv", "aten::addmv", r(3), r(3, 4), r(4), beta=0.5, alpha=2.0, **MM)
    case("addmv_scalar_self", "aten::addmv", r(1), noncontig(3, 4), r(4), **MM)
    case("mv", "aten::mv", r(3, 4), r(4), **MM)
    case("mv_error", "aten::mv", r(2, 3), r(4))
    case("dot", "aten::dot", r(7), r(7), **MM)
    case("dot_strided", "aten::dot", r(14)[::2], r(7), **MM)
    case("dot_error", "aten::dot", r(2), r(4))
    case("baddbmm", "aten::baddbmm", r(4, 1), r(2, 4, 3), r(2, 3, 5), beta=0.5, alpha=1.5, **MM)
    case("addbmm", "aten::addbmm", r(4, 5), r(2, 4, 3), r(2, 3, 5), beta=0.5, alpha=1.5, **MM)
    case("linear", "aten::linear", r(2, 3, 4), r(5, 4), r(5), **MM)
    case("linear_nobias", "aten::linear", r(6, 4), r(5, 4), None, **MM)
    case("linear_1d", "aten::linear", r(4), r(5, 4), r(5), **MM)
    case("linear_noncontig", "aten::linear", noncontig(3, 4), r(4, 5).t(), r(5), **MM)
    case("linear_error", "aten::linear", r(2, 3), r(4, 5))
    case("linear_double", "aten::linear", r(2, 4, dtype=torch.double), r(3, 4, dtype=torch.double),
         r(3, dtype=torch.double))
    case("outer", "aten::outer", r(3), r(4))
    case("tensordot", "aten::tensordot", r(3, 4, 5), r(4, 3, 2), [0, 1], [1, 0], **MM)
    case("tensordot_none", "aten::tensordot", r(3, 4), r(2), [], [], **MM)
    for eq, shapes in [("ij,jk->ik", [(3, 4), (4, 5)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
                       ("ii->i", [(4, 4)]), ("ii", [(4, 4)]), ("ij->ji", [(3, 4)]), ("ij->", [(3, 4)]),
                       ("i,j->ij", [(3,), (4,)]), ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
                       ("bhqd,bhkd->bhqk", [(2, 3, 4, 5), (2, 3, 6, 5)]), ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 5)]),
                       ("i,i->", [(5,), (5,)]), ("ab,ab->a", [(3, 4), (3, 4)]), ("ijk", [(2, 3, 4)]),
                       ("ba,ca", [(3, 4), (2, 4)]), ("...i->...", [(2, 3, 4)]), ("iij->ij", [(3, 3, 2)]),
                       ("i j , j k -> i k", [(2, 3), (3, 2)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)])]:
        case(f"einsum_{eq}", "aten::einsum", eq, [r(*s) for s in shapes], **MM)
    case("einsum_broadcast_ellipsis", "aten::einsum", "...ij,...jk", [r(1, 3, 4), r(2, 4, 5)], **MM)
    case("einsum_error", "aten::einsum", "ij,jk->ik", [r(3, 4)])


# ---- convolution -----------------------------------------------------------------------
# oneDNN's direct/winograd-free convolutions sum in a different order than PyTorch's
# mkldnn path: sums of up to C*k*k = 300 float32 products of magnitude ~1 round to
# about 1e-5 relative, so rtol 1e-4 / atol 1e-4 leaves headroom without hiding bugs.
CONV = dict(rtol=1e-4, atol=1e-4)
def conv_cases():
    case("conv2d", "aten::conv2d", r(2, 3, 8, 8), r(4, 3, 3, 3), r(4), **CONV)
    case("conv2d_nobias", "aten::conv2d", r(1, 3, 7, 9), r(5, 3, 3, 2), None, **CONV)
    case("conv2d_stride_pad", "aten::conv2d", r(2, 4, 9, 9), r(6, 4, 3, 3), r(6), [2, 2], [1, 1], **CONV)
    case("conv2d_asym", "aten::conv2d", r(2, 4, 9, 11), r(6, 4, 3, 5), r(6), [2, 1], [1, 2], [1, 2], **CONV)
    case("conv2d_dilation", "aten::conv2d", r(1, 2, 10, 10), r(3, 2, 3, 3), r(3), [1, 1], [2, 2], [2, 2], **CONV)
    case("conv2d_groups", "aten::conv2d", r(2, 6, 7, 7), r(9, 2, 3, 3), r(9), [1, 1], [1, 1], [1, 1], 3, **CONV)
    case("conv2d_depthwise", "aten::conv2d", r(2, 8, 7, 7), r(8, 1, 3, 3), r(8), [2, 2], [1, 1], [1, 1], 8, **CONV)
    case("conv2d_noncontig", "aten::conv2d", noncontig(2, 3, 6, 6), r(4, 3, 3, 3), r(4), **CONV)
    case("conv2d_channels_last", "aten::conv2d", r(2, 3, 6, 6).to(memory_format=torch.channels_last),
         r(4, 3, 3, 3), r(4), **CONV)
    case("conv2d_1x1", "aten::conv2d", r(2, 16, 5, 5), r(8, 16, 1, 1), None, **CONV)
    case("conv2d_unbatched", "aten::conv2d", r(3, 6, 6), r(4, 3, 3, 3), r(4), **CONV)
    case("conv2d_double", "aten::conv2d", r(2, 4, 6, 6, dtype=torch.double), r(6, 2, 3, 3, dtype=torch.double),
         r(6, dtype=torch.double), [2, 1], [1, 1], [1, 2], 2)
    case("conv2d_long", "aten::conv2d", torch.randint(-3, 3, (1, 2, 5, 5)), torch.randint(-3, 3, (2, 2, 3, 3)), None)
    case("conv2d_channel_error", "aten::conv2d", r(1, 3, 5, 5), r(4, 2, 3, 3))
    case("conv2d_size_error", "aten::conv2d", r(1, 3, 2, 2), r(4, 3, 3, 3))
    case("conv2d_same", "aten::conv2d.padding", r(2, 3, 7, 8), r(4, 3, 3, 4), r(4), [1, 1], "same", [1, 1], **CONV)
    case("conv2d_same_dilated", "aten::conv2d.padding", r(1, 2, 7, 8), r(4, 2, 3, 3), r(4), [1, 1], "same", [2, 1],
         **CONV)
    case("conv2d_valid", "aten::conv2d.padding", r(1, 2, 7, 8), r(4, 2, 3, 3), None, [2, 2], "valid", [1, 1], **CONV)
    case("conv1d", "aten::conv1d", r(2, 3, 10), r(4, 3, 3), r(4), [2], [1], [1], **CONV)
    case("conv1d_groups", "aten::conv1d", r(2, 4, 10), r(6, 2, 3), None, [1], [2], [2], 2, **CONV)
    case("conv1d_same", "aten::conv1d.padding", r(2, 3, 10), r(4, 3, 4), r(4), [1], "same", [1], **CONV)
    case("conv1d_unbatched", "aten::conv1d", r(3, 10), r(4, 3, 3), r(4), **CONV)
    case("conv3d", "aten::conv3d", r(2, 2, 5, 6, 5), r(3, 2, 3, 3, 2), r(3), [1, 2, 1], [1, 1, 0], [1, 1, 1], **CONV)
    case("conv3d_same", "aten::conv3d.padding", r(1, 2, 5, 5, 5), r(3, 2, 2, 3, 3), None, [1, 1, 1], "same",
         [1, 1, 1], **CONV)
    case("conv3d_double", "aten::conv3d", r(1, 2, 4, 4, 4, dtype=torch.double), r(2, 2, 2, 2, 2, dtype=torch.double),
         None, [1, 1, 1], [1, 0, 1])
    case("conv_transpose2d", "aten::conv_transpose2d.input", r(2, 4, 5, 5), r(4, 3, 3, 3), r(3), [2, 2], [1, 1],
         [1, 1], **CONV)
    case("conv_transpose2d_groups", "aten::conv_transpose2d.input", r(2, 4, 5, 6), r(4, 3, 3, 2), r(6), [2, 1],
         [0, 1], [0, 0], 2, [1, 2], **CONV)
    case("conv_transpose2d_outpad", "aten::conv_transpose2d.input", r(1, 2, 4, 4), r(2, 3, 3, 3), None, [3, 3],
         [0, 0], [2, 1], **CONV)
    case("conv_transpose2d_double", "aten::conv_transpose2d.input", r(1, 4, 3, 4, dtype=torch.double),
         r(4, 1, 3, 3, dtype=torch.double), r(2, dtype=torch.double), [2, 2], [1, 0], [1, 0], 2)
    case("conv_transpose1d", "aten::conv_transpose1d", r(2, 3, 7), r(3, 2, 4), r(2), [3], [1], [2], **CONV)
    case("conv_transpose1d_unbatched", "aten::conv_transpose1d", r(3, 7), r(3, 2, 4), r(2), **CONV)
    case("conv_transpose3d", "aten::conv_transpose3d.input", r(1, 2, 3, 4, 3), r(2, 2, 2, 3, 2), r(2), [2, 1, 2],
         [0, 1, 0], [1, 0, 0], **CONV)
    for opname, extra in [("aten::_convolution", [False, False, True, True]),
                          ("aten::_convolution.deprecated", [False, False, True])]:
        tag = opname.split(".")[-1]
        case(f"_convolution_{tag}", opname, r(2, 4, 7, 7), r(6, 2, 3, 3), r(6), [2, 1], [1, 0], [1, 1], False, [0, 0],
             2, *extra, **CONV)
        case(f"_convolution_{tag}_transposed", opname, r(2, 4, 5, 5), r(4, 3, 3, 3), None, [2, 2], [1, 1], [1, 1],
             True, [1, 1], 1, *extra, **CONV)
        case(f"_convolution_{tag}_1d", opname, r(2, 4, 9), r(6, 4, 3), r(6), [1], [1], [2], False, [0], 1, *extra,
             **CONV)
    case("convolution", "aten::convolution", r(1, 3, 6, 6), r(2, 3, 3, 3), r(2), [1, 1], [0, 0], [1, 1], False,
         [0, 0], 1, **CONV)
    case("convolution_transposed", "aten::convolution", r(1, 3, 4, 4), r(3, 2, 2, 2), r(2), [2, 2], [0, 0], [1, 1],
         True, [0, 0], 1, **CONV)
    case("convolution_empty_batch", "aten::convolution", r(0, 3, 6, 6), r(2, 3, 3, 3), r(2), [1, 1], [0, 0], [1, 1],
         False, [0, 0], 1)


# ---- normalization ---------------------------------------------------------------------
def norm_cases():
    C = 4
    def stats():
        return r(C), r(C).abs() + 0.5
    rm, rv = stats()
    case("batch_norm_eval", "aten::batch_norm", r(2, C, 5, 5), r(C), r(C), rm, rv, False, 0.1, 1e-5, True)
    case("batch_norm_eval_noaffine", "aten::batch_norm", r(3, C), None, None, rm, rv, False, 0.1, 1e-5, True)
    rm, rv = stats()
    case("batch_norm_train", "aten::batch_norm", r(3, C, 4), r(C), r(C), rm, rv, True, 0.1, 1e-5, True,
         mutated=(3, 4))
    case("batch_norm_train_nostats", "aten::batch_norm", r(3, C, 2, 3), None, None, None, None, True, 0.1, 1e-5, True)
    case("batch_norm_noncontig", "aten::batch_norm", noncontig(2, C, 3, 3), r(C), r(C), rm, rv, False, 0.1, 1e-3,
         True)
    case("batch_norm_3d", "aten::batch_norm", r(2, C, 2, 3, 3), r(C), r(C), rm, rv, False, 0.1, 1e-5, True)
    case("batch_norm_double", "aten::batch_norm", r(2, C, 3, dtype=torch.double), r(C, dtype=torch.double), None,
         rm.double(), rv.double(), False, 0.1, 1e-5, True)
    case("batch_norm_eval_error", "aten::batch_norm", r(2, C), None, None, None, None, False, 0.1, 1e-5, True)
    case("native_batch_norm_eval", "aten::native_batch_norm", r(2, C, 3), r(C), r(C), rm, rv, False, 0.1, 1e-5)
    rm, rv = stats()
    case("native_batch_norm_train", "aten::native_batch_norm", r(2, C, 3), r(C), r(C), rm, rv, True, 0.3, 1e-5,
         mutated=(3, 4))
    case("_batch_norm_impl_index_eval", "aten::_batch_norm_impl_index", r(2, C, 3), r(C), r(C), rm, rv, False, 0.1,
         1e-5, True)
    rm, rv = stats()
    case("_batch_norm_impl_index_train", "aten::_batch_norm_impl_index", r(2, C, 3), r(C), r(C), rm, rv, True, 0.1,
         1e-5, True, mutated=(3, 4))
    case("instance_norm", "aten::instance_norm", r(2, C, 5, 5), r(C), r(C), None, None, True, 0.1, 1e-5, True)
    rm, rv = stats()
    case("instance_norm_running", "aten::instance_norm", r(3, C, 6), None, None, rm, rv, True, 0.1, 1e-5, True,
         mutated=(3, 4))
    case("instance_norm_eval", "aten::instance_norm", r(3, C, 6), r(C), r(C), rm, rv, False, 0.1, 1e-5, True)
    case("layer_norm", "aten::layer_norm", r(2, 3, 8), [8], r(8), r(8), 1e-5, True)
    case("layer_norm_2d", "aten::layer_norm", r(2, 3, 4, 5), [4, 5], r(4, 5), None, 1e-5, True)
    case("layer_norm_noaffine_noncontig", "aten::layer_norm", noncontig(3, 5, 6), [6], None, None, 1e-6, True)
    case("layer_norm_error", "aten::layer_norm", r(2, 3, 5), [4], None, None, 1e-5, True)
    case("native_layer_norm", "aten::native_layer_norm", r(2, 3, 8), [3, 8], r(3, 8), r(3, 8), 1e-5)
    case("native_layer_norm_double", "aten::native_layer_norm", r(4, 6, dtype=torch.double), [6], None, None, 1e-5)
    case("group_norm", "aten::group_norm", r(2, 6, 4, 4), 3, r(6), r(6), 1e-5, True)
    case("group_norm_noaffine", "aten::group_norm", r(3, 8, 5), 2, None, None, 1e-5, True)
    case("group_norm_error", "aten::group_norm", r(2, 6, 4), 4, None, None, 1e-5, True)
    case("native_group_norm", "aten::native_group_norm", r(2, 6, 3, 3), r(6), r(6), 2, 6, 9, 3, 1e-5)


# ---- pooling ---------------------------------------------------------------------------
def pool_cases():
    x = r(2, 3, 9, 9)
    for name, extra in [("", {}), ("_stride", dict(stride=[2, 2])), ("_pad", dict(stride=[2, 2], padding=[1, 1])),
                        ("_ceil", dict(stride=[2, 2], ceil_mode=True)),
                        ("_dilation", dict(stride=[1, 2], padding=[1, 0], dilation=[2, 1])),
                        ("_ceil_pad", dict(stride=[2, 2], padding=[1, 1], ceil_mode=True))]:
        case(f"max_pool2d{name}", "aten::max_pool2d", x, [3, 3], **extra)
        case(f"max_pool2d_with_indices{name}", "aten::max_pool2d_with_indices", x, [3, 3], **extra)
    case("max_pool2d_unbatched", "aten::max_pool2d", r(3, 8, 8), [2, 2])
    case("max_pool2d_noncontig", "aten::max_pool2d", noncontig(2, 3, 8, 8), [2, 3], [2, 1])
    xn = r(1, 1, 4, 4)
    xn[0, 0, 1, 1] = float("nan")
    case("max_pool2d_nan", "aten::max_pool2d_with_indices", xn, [2, 2])
    case("max_pool2d_double", "aten::max_pool2d", r(1, 2, 5, 5, dtype=torch.double), [2, 2], [1, 1])
    case("max_pool2d_pad_error", "aten::max_pool2d", x, [2, 2], [2, 2], [2, 2])
    case("max_pool2d_small_error", "aten::max_pool2d", r(1, 3, 2, 2), [3, 3])
    case("max_pool1d", "aten::max_pool1d", r(2, 3, 11), [3], [2], [1])
    case("max_pool1d_ceil", "aten::max_pool1d", r(2, 3, 10), [3], [2], [0], [1], True)
    case("max_pool1d_with_indices", "aten::max_pool1d_with_indices", r(2, 3, 11), [3], [2], [1], [2])
    case("max_pool3d", "aten::max_pool3d", r(2, 2, 5, 6, 7), [2, 3, 2], [2, 1, 2], [1, 1, 0])
    case("max_pool3d_with_indices", "aten::max_pool3d_with_indices", r(1, 2, 5, 6, 7), [2, 2, 2], [2, 2, 2],
         [0, 1, 1], [1, 1, 1], True)
    for name, extra in [("", {}), ("_pad", dict(stride=[2, 2], padding=[1, 1])),
                        ("_pad_exclude", dict(stride=[2, 2], padding=[1, 1], count_include_pad=False)),
                        ("_ceil", dict(stride=[2, 2], padding=[1, 1], ceil_mode=True)),
                        ("_ceil_exclude", dict(stride=[2, 2], padding=[1, 1], ceil_mode=True, count_include_pad=False)),
                        ("_divisor", dict(stride=[2, 2], padding=[1, 1], divisor_override=5))]:
        case(f"avg_pool2d{name}", "aten::avg_pool2d", x, [3, 3], **extra)
    case("avg_pool2d_unbatched", "aten::avg_pool2d", r(3, 8, 8), [2, 2])
    case("avg_pool1d", "aten::avg_pool1d", r(2, 3, 11), [3], [2], [1], True, False)
    case("avg_pool1d_default", "aten::avg_pool1d", r(2, 3, 11), [4])
    case("avg_pool3d", "aten::avg_pool3d", r(2, 2, 5, 6, 7), [2, 3, 2], [2, 1, 2], [1, 1, 0], True, True)
    case("avg_pool3d_divisor", "aten::avg_pool3d", r(1, 2, 4, 4, 4), [2, 2, 2], [], [0, 0, 0], False, True, 3)
    for out in ([1, 1], [3, 3], [4, 5], [7, 7], [2, 9]):
        case(f"adaptive_avg_pool2d_{out}", "aten::adaptive_avg_pool2d", x, out)
        case(f"adaptive_max_pool2d_{out}", "aten::adaptive_max_pool2d", x, out)
    case("adaptive_avg_pool2d_unbatched", "aten::adaptive_avg_pool2d", r(3, 7, 5), [2, 3])
    case("_adaptive_avg_pool2d", "aten::_adaptive_avg_pool2d", x, [4, 4])
    case("adaptive_avg_pool1d", "aten::adaptive_avg_pool1d", r(2, 3, 10), [4])
    case("adaptive_avg_pool3d", "aten::adaptive_avg_pool3d", r(1, 2, 5, 6, 7), [2, 3, 4])
    case("adaptive_max_pool1d", "aten::adaptive_max_pool1d", r(2, 3, 10), [4])
    case("adaptive_max_pool3d", "aten::adaptive_max_pool3d", r(1, 2, 5, 6, 7), [2, 3, 4])


# ---- resampling and padding ------------------------------------------------------------
def resample_cases():
    x = r(2, 3, 5, 6)
    case("upsample_nearest2d", "aten::upsample_nearest2d", x, [10, 12])
    case("upsample_nearest2d_odd", "aten::upsample_nearest2d", x, [7, 4])
    case("upsample_nearest2d_scales", "aten::upsample_nearest2d", x, [8, 9], 1.7, 1.5)
    case("upsample_nearest2d_vec_size", "aten::upsample_nearest2d.vec", x, [7, 13], None)
    case("upsample_nearest2d_vec_scale", "aten::upsample_nearest2d.vec", x, None, [2.5, 1.5])
    case("upsample_nearest1d", "aten::upsample_nearest1d", r(2, 3, 7), [11])
    case("upsample_nearest1d_vec", "aten::upsample_nearest1d.vec", r(2, 3, 7), None, [2.0])
    case("upsample_nearest3d", "aten::upsample_nearest3d", r(1, 2, 3, 4, 5), [5, 8, 7])
    case("upsample_nearest3d_vec", "aten::upsample_nearest3d.vec", r(1, 2, 3, 4, 5), None, [2.0, 1.5, 1.0])
    for align in (False, True):
        a = f"_align{int(align)}"
        case(f"upsample_bilinear2d{a}", "aten::upsample_bilinear2d", x, [9, 13], align)
        case(f"upsample_bilinear2d_down{a}", "aten::upsample_bilinear2d", x, [3, 4], align)
        case(f"upsample_bilinear2d_vec{a}", "aten::upsample_bilinear2d.vec", x, None, align, [2.0, 1.5])
        case(f"upsample_bilinear2d_noncontig{a}", "aten::upsample_bilinear2d", noncontig(2, 3, 5, 6), [8, 8], align)
        case(f"upsample_linear1d{a}", "aten::upsample_linear1d", r(2, 3, 7), [12], align)
        case(f"upsample_linear1d_vec{a}", "aten::upsample_linear1d.vec", r(2, 3, 7), [3], align, None)
        case(f"upsample_bicubic2d{a}", "aten::upsample_bicubic2d", x, [9, 11], align)
        case(f"upsample_bicubic2d_vec{a}", "aten::upsample_bicubic2d.vec", x, None, align, [1.5, 2.0])
        case(f"upsample_trilinear3d{a}", "aten::upsample_trilinear3d", r(1, 2, 3, 4, 5), [5, 6, 7], align)
    case("pixel_shuffle", "aten::pixel_shuffle", r(2, 8, 3, 4), 2)
    case("pixel_shuffle_5d", "aten::pixel_shuffle", r(2, 2, 9, 3, 2), 3)
    case("pixel_shuffle_error", "aten::pixel_shuffle", r(2, 7, 3, 4), 2)
    case("pixel_unshuffle", "aten::pixel_unshuffle", r(2, 2, 6, 4), 2)
    case("channel_shuffle", "aten::channel_shuffle", r(2, 6, 3, 3), 3)
    case("constant_pad_nd", "aten::constant_pad_nd", r(2, 3, 4), [1, 2, 0, 1], 1.5)
    case("constant_pad_nd_negative", "aten::constant_pad_nd", r(2, 3, 5), [-1, 2, 1, -1])
    case("constant_pad_nd_int", "aten::constant_pad_nd", torch.randint(0, 9, (2, 3)), [1, 1, 1, 1], 7)
    case("constant_pad_nd_noncontig", "aten::constant_pad_nd", noncontig(3, 4), [2, 0])
    case("reflection_pad1d", "aten::reflection_pad1d", r(2, 3, 5), [2, 3])
    case("reflection_pad2d", "aten::reflection_pad2d", r(2, 3, 4, 5), [1, 2, 3, 0])
    case("reflection_pad2d_unbatched", "aten::reflection_pad2d", r(3, 4, 5), [1, 1, 1, 1])
    case("reflection_pad2d_error", "aten::reflection_pad2d", r(1, 2, 3, 3), [3, 3, 0, 0])
    case("replication_pad1d", "aten::replication_pad1d", r(2, 3, 5), [2, 4])
    case("replication_pad2d", "aten::replication_pad2d", r(2, 3, 4, 5), [1, 2, 3, 0])
    case("replication_pad3d", "aten::replication_pad3d", r(1, 2, 3, 4, 5), [1, 2, 0, 1, 2, 1])
    for mode, pd in [("constant", [1, 2]), ("reflect", [2, 1, 1, 2]), ("replicate", [1, 1, 2, 0]),
                     ("circular", [1, 2, 2, 1])]:
        case(f"pad_{mode}", "aten::pad", r(2, 3, 4, 5), pd, mode, 0.5 if mode == "constant" else None)


# ---- recurrent layers ------------------------------------------------------------------
def rnn_params(mode, inp, hidden, layers, bidir, bias, proj=0):
    m = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn_tanh": torch.nn.RNN, "rnn_relu": torch.nn.RNN}[mode]
    kw = dict(num_layers=layers, bidirectional=bidir, bias=bias)
    if mode.startswith("rnn"):
        kw["nonlinearity"] = mode[4:]
    if proj:
        kw["proj_size"] = proj
    return [p.detach().clone() for p in m(inp, hidden, **kw)._flat_weights]


def rnn_cases():
    # Recurrences compound rounding over time steps: atol 1e-4 after 5 steps of tanh'd
    # values in (-1, 1).
    RNN = dict(rtol=1e-4, atol=1e-4)
    T, B, I, H = 5, 3, 4, 6
    for mode in ("lstm", "gru", "rnn_tanh", "rnn_relu"):
        for layers, bidir, bias, bf in [(1, False, True, False), (2, True, True, False), (2, False, False, True),
                                        (1, True, True, True)]:
            dirs = 2 if bidir else 1
            x = r(B, T, I) if bf else r(T, B, I)
            params = rnn_params(mode, I, H, layers, bidir, bias)
            h0 = r(layers * dirs, B, H)
            hx = [h0, r(layers * dirs, B, H)] if mode == "lstm" else h0
            case(f"{mode}_l{layers}_bi{int(bidir)}_b{int(bias)}_bf{int(bf)}", f"aten::{mode}.input", x, hx, params,
                 bias, layers, 0.0, False, bidir, bf, **RNN)
    params = rnn_params("lstm", I, H, 2, True, True, proj=3)
    case("lstm_proj", "aten::lstm.input", r(T, B, I), [r(4, B, 3), r(4, B, H)], params, True, 2, 0.0, False, True,
         False, **RNN)
    w = rnn_params("lstm", I, H, 1, False, True)
    case("lstm_cell", "aten::lstm_cell", r(B, I), [r(B, H), r(B, H)], *w, **RNN)
    case("lstm_cell_nobias", "aten::lstm_cell", r(B, I), [r(B, H), r(B, H)], w[0], w[1], None, None, **RNN)
    for mode in ("gru", "rnn_tanh", "rnn_relu"):
        w = rnn_params(mode, I, H, 1, False, True)
        case(f"{mode}_cell", f"aten::{mode}_cell", r(B, I), r(B, H), *w, **RNN)


# ---- attention -------------------------------------------------------------------------
def attention_cases():
    ATT = dict(rtol=1e-4, atol=1e-4)
    q, k, v = r(2, 3, 5, 8), r(2, 3, 7, 8), r(2, 3, 7, 4)
    case("_scaled_dot_product_attention", "aten::_scaled_dot_product_attention", q, k, v, None, 0.0, True, False,
         **ATT)
    case("_scaled_dot_product_attention_mask", "aten::_scaled_dot_product_attention", q, k, v,
         torch.rand(5, 7) > 0.3, 0.0, False, False, **ATT)
    case("_scaled_dot_product_attention_causal", "aten::_scaled_dot_product_attention", q, r(2, 3, 5, 8),
         r(2, 3, 5, 4), None, 0.0, True, True, **ATT)
    case("_scaled_dot_product_attention_floatmask", "aten::_scaled_dot_product_attention", q, k, v, r(5, 7), 0.0,
         False, False, **ATT)
    E, Hh, B, L = 8, 2, 2, 5
    mha = torch.nn.MultiheadAttention(E, Hh, batch_first=True).eval()
    qkv_w, qkv_b = mha.in_proj_weight.detach(), mha.in_proj_bias.detach()
    pw, pb = mha.out_proj.weight.detach(), mha.out_proj.bias.detach()
    x = r(B, L, E)
    case("_native_multi_head_attention", "aten::_native_multi_head_attention", x, x, x, E, Hh, qkv_w, qkv_b, pw, pb,
         None, True, True, None, **ATT)
    case("_native_multi_head_attention_heads", "aten::_native_multi_head_attention", x, r(B, 6, E), r(B, 6, E), E,
         Hh, qkv_w, qkv_b, pw, pb, None, True, False, None, **ATT)
    kpm = torch.zeros(B, L, dtype=torch.bool)
    kpm[0, 3:] = True
    case("_native_multi_head_attention_keypad", "aten::_native_multi_head_attention", x, x, x, E, Hh, qkv_w, qkv_b,
         pw, pb, kpm, True, True, 1, **ATT)
    layer = torch.nn.TransformerEncoderLayer(E, Hh, dim_feedforward=16, batch_first=True).eval()
    for norm_first, gelu in [(False, False), (True, True)]:
        case(f"_transformer_encoder_layer_fwd_nf{int(norm_first)}", "aten::_transformer_encoder_layer_fwd", x, E, Hh,
             layer.self_attn.in_proj_weight.detach(), layer.self_attn.in_proj_bias.detach(),
             layer.self_attn.out_proj.weight.detach(), layer.self_attn.out_proj.bias.detach(), gelu, norm_first, 1e-5,
             layer.norm1.weight.detach(), layer.norm1.bias.detach(), layer.norm2.weight.detach(),
             layer.norm2.bias.detach(), layer.linear1.weight.detach(), layer.linear1.bias.detach(),
             layer.linear2.weight.detach(), layer.linear2.bias.detach(), None, None, **ATT)
    case("_transformer_encoder_layer_fwd_mask", "aten::_transformer_encoder_layer_fwd", x, E, Hh,
         layer.self_attn.in_proj_weight.detach(), layer.self_attn.in_proj_bias.detach(),
         layer.self_attn.out_proj.weight.detach(), layer.self_attn.out_proj.bias.detach(), False, False, 1e-5,
         layer.norm1.weight.detach(), layer.norm1.bias.detach(), layer.norm2.weight.detach(),
         layer.norm2.bias.detach(), layer.linear1.weight.detach(), layer.linear1.bias.detach(),
         layer.linear2.weight.detach(), layer.linear2.bias.detach(), kpm, 1, **ATT)


def main():
    out = sys.argv[1]
    matmul_cases()
    conv_cases()
    norm_cases()
    pool_cases()
    resample_cases()
    rnn_cases()
    attention_cases()
    torch.save(CASES, f"{out}/cases.pt")


if __name__ == "__main__":
    main()
