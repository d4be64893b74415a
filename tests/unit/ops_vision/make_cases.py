"""Writes the expected results of the torchvision:: ops (src/ops/vision/) from torchvision.

Run as `/usr/bin/python3 make_cases.py OUTDIR`; writes OUTDIR/cases.pt with torch.save:
a list of cases (name, op, args, expect, rtol, atol). `op` is the operator name
("torchvision::roi_align"), `args` every schema argument in order, `expect` the op's
result (a tensor, a tuple of tensors, an int) or, when torchvision raises, the string
"error: " + the first line of its message (the C++ side only checks that it throws).
"""
import sys

import torch
import torchvision  # noqa: F401 - registers torch.ops.torchvision

torch.manual_seed(0)
CASES = []


def case(name, opname, *args, rtol=1e-5, atol=1e-6):
    op = getattr(torch.ops.torchvision, opname.split("::")[1])
    try:
        with torch.no_grad():
            out = op(*args)
    except Exception as e:  # noqa: BLE001 - the error is the expectation
        out = "error: " + str(e).strip().splitlines()[0]
    if isinstance(out, list):
        out = tuple(out)
    CASES.append((name, opname, list(args), out, float(rtol), float(atol)))


def boxes(n, size=100.0, dtype=torch.float32):
    xy = torch.rand(n, 2) * size
    wh = torch.rand(n, 2) * size / 3 + 0.5
    return torch.cat([xy, xy + wh], 1).to(dtype)


def rois(k, batch, width, height, scale=1.0, dtype=torch.float32):
    """(K, 5) rois in image coordinates (feature map size / scale), some reaching outside."""
    b = boxes(k, 1.0)
    b[:, 0::2] = b[:, 0::2] * (width / scale) * 1.2 - 2
    b[:, 1::2] = b[:, 1::2] * (height / scale) * 1.2 - 2
    idx = torch.randint(0, batch, (k, 1)).float()
    return torch.cat([idx, b], 1).to(dtype)


# ---- nms --------------------------------------------------------------------------------
def nms_cases():
    for thr in (0.0, 0.3, 0.5, 0.7, 1.0):
        case(f"nms_random_{thr}", "torchvision::nms", boxes(300), torch.rand(300), thr)
    # Tied scores: torchvision sorts stably, so equal scores keep their input order.
    case("nms_tied_scores", "torchvision::nms", boxes(200, 30.0), (torch.rand(200) * 4).floor() / 4, 0.4)
    case("nms_identical_boxes", "torchvision::nms", boxes(1).repeat(5, 1), torch.tensor([0.1, 0.9, 0.5, 0.9, 0.2]),
         0.5)
    case("nms_degenerate_boxes", "torchvision::nms", torch.tensor([[0., 0, 0, 0], [0, 0, 0, 0], [1, 1, 3, 3]]),
         torch.tensor([0.5, 0.4, 0.3]), 0.5)
    case("nms_double", "torchvision::nms", boxes(100, dtype=torch.float64), torch.rand(100, dtype=torch.float64), 0.5)
    case("nms_empty", "torchvision::nms", torch.zeros(0, 4), torch.zeros(0), 0.5)
    case("nms_error_columns", "torchvision::nms", torch.rand(4, 3), torch.rand(4), 0.5)
    case("nms_error_count", "torchvision::nms", boxes(4), torch.rand(5), 0.5)


# ---- roi_align / ps_roi_align -------------------------------------------------------------
def roi_align_cases():
    x = torch.randn(2, 4, 20, 24)
    for aligned in (False, True):
        for sampling in (-1, 0, 2):
            for scale in (1.0, 0.5, 0.25):
                r = rois(12, 2, 24, 20, scale)
                case(f"roi_align_s{sampling}_a{int(aligned)}_x{scale}", "torchvision::roi_align", x, r, scale, 7, 5,
                     sampling, aligned)
    tiny = torch.tensor([[0, 3.0, 3.0, 3.2, 3.1], [1, 10.0, 5.0, 9.0, 4.0], [0, -30, -30, -20, -20.0]])
    case("roi_align_tiny_and_outside", "torchvision::roi_align", x, tiny, 1.0, 2, 2, -1, False)
    case("roi_align_tiny_and_outside_aligned", "torchvision::roi_align", x, tiny, 1.0, 2, 2, 0, True)
    case("roi_align_noncontig", "torchvision::roi_align", torch.randn(2, 20, 24, 4).permute(0, 3, 1, 2),
         rois(6, 2, 24, 20), 1.0, 3, 3, 2, True)
    case("roi_align_double", "torchvision::roi_align", x.double(), rois(8, 2, 24, 20, 0.5, torch.float64), 0.5, 4, 4,
         2, True)
    case("roi_align_no_rois", "torchvision::roi_align", x, torch.zeros(0, 5), 1.0, 7, 7, 2, False)
    case("roi_align_error_rois", "torchvision::roi_align", x, torch.zeros(3, 4), 1.0, 7, 7, 2, False)


def ps_roi_align_cases():
    x = torch.randn(2, 18, 16, 15)
    for sampling in (-1, 2):
        for scale in (1.0, 0.5):
            case(f"ps_roi_align_s{sampling}_x{scale}", "torchvision::ps_roi_align", x, rois(10, 2, 15, 16, scale), scale,
                 3, 3, sampling)
    case("ps_roi_align_2x1", "torchvision::ps_roi_align", x, rois(5, 2, 15, 16), 1.0, 3, 2, 2)
    case("ps_roi_align_double", "torchvision::ps_roi_align", x.double(), rois(5, 2, 15, 16, 1.0, torch.float64), 1.0,
         3, 3, 2)
    case("ps_roi_align_error_channels", "torchvision::ps_roi_align", x, rois(2, 2, 15, 16), 1.0, 4, 4, 2)


# ---- roi_pool / ps_roi_pool --------------------------------------------------------------
def roi_pool_cases():
    x = torch.randn(2, 3, 20, 24)
    for scale in (1.0, 0.5, 0.25):
        case(f"roi_pool_x{scale}", "torchvision::roi_pool", x, rois(12, 2, 24, 20, scale), scale, 5, 4)
    case("roi_pool_outside", "torchvision::roi_pool", x,
         torch.tensor([[0, -30, -30, -20, -20.0], [1, 23.0, 19.0, 40.0, 30.0], [0, 5.0, 5.0, 4.0, 4.0]]), 1.0, 3, 3)
    case("roi_pool_double", "torchvision::roi_pool", x.double(), rois(6, 2, 24, 20, 1.0, torch.float64), 1.0, 2, 3)


def ps_roi_pool_cases():
    x = torch.randn(2, 12, 16, 15)
    for scale in (1.0, 0.5):
        case(f"ps_roi_pool_x{scale}", "torchvision::ps_roi_pool", x, rois(10, 2, 15, 16, scale), scale, 2, 3)
    case("ps_roi_pool_outside", "torchvision::ps_roi_pool", x,
         torch.tensor([[0, -30, -30, -20, -20.0], [1, 14.0, 15.0, 40.0, 30.0]]), 1.0, 2, 2)
    case("ps_roi_pool_double", "torchvision::ps_roi_pool", x.double(), rois(4, 2, 15, 16, 1.0, torch.float64), 1.0,
         2, 2)


# ---- deform_conv2d -----------------------------------------------------------------------
def deform_cases():
    # The GEMM sums Cin/groups * kh * kw products in another order than torchvision's addmm.
    tol = dict(rtol=1e-4, atol=1e-5)

    def one(name, n, cin, h, w, cout, k, stride, pad, dil, groups, offset_groups, use_mask, spread=2.0):
        x = torch.randn(n, cin, h, w)
        weight = torch.randn(cout, cin // groups, k[0], k[1])
        oh = (h + 2 * pad[0] - (dil[0] * (k[0] - 1) + 1)) // stride[0] + 1
        ow = (w + 2 * pad[1] - (dil[1] * (k[1] - 1) + 1)) // stride[1] + 1
        offset = torch.randn(n, 2 * offset_groups * k[0] * k[1], oh, ow) * spread
        # Without a mask, torchvision.ops.deform_conv2d passes zeros((N, 1)).
        mask = torch.rand(n, offset_groups * k[0] * k[1], oh, ow) if use_mask else torch.zeros(n, 1)
        bias = torch.randn(cout)
        case(name, "torchvision::deform_conv2d", x, weight, offset, mask, bias, stride[0], stride[1], pad[0], pad[1],
             dil[0], dil[1], groups, offset_groups, use_mask, **tol)

    one("deform_conv2d_basic", 2, 4, 9, 10, 6, (3, 3), (1, 1), (1, 1), (1, 1), 1, 1, False)
    one("deform_conv2d_mask", 2, 4, 9, 10, 6, (3, 3), (1, 1), (1, 1), (1, 1), 1, 1, True)
    one("deform_conv2d_groups", 1, 4, 11, 8, 6, (3, 2), (2, 1), (1, 0), (2, 1), 2, 2, True, spread=4.0)
    one("deform_conv2d_zero_offsets", 1, 3, 7, 7, 2, (3, 3), (1, 1), (0, 0), (1, 1), 1, 1, False, spread=0.0)
    x = torch.randn(1, 4, 5, 5)
    case("deform_conv2d_error_offset", "torchvision::deform_conv2d", x, torch.randn(2, 4, 3, 3),
         torch.randn(1, 5, 3, 3), torch.zeros(1, 1), torch.zeros(2), 1, 1, 0, 0, 1, 1, 1, 1, False)


nms_cases()
roi_align_cases()
ps_roi_align_cases()
roi_pool_cases()
ps_roi_pool_cases()
deform_cases()
case("cuda_version", "torchvision::_cuda_version")

if __name__ == "__main__":
    torch.save(CASES, sys.argv[1] + "/cases.pt")
    print(f"{len(CASES)} cases")
