"""Times the nn_bench workloads in PyTorch 1.13: `python3 torch_times.py THREADS`.

Prints one line per workload, `name milliseconds`, in the order nn_bench.cpp lists them.
"""
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)


def best(fn, reps):
    fn()
    t = float("inf")
    for _ in range(reps):
        s = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - s)
    return t * 1e3


CONVS = [  # name, N, C, H, OC, k, stride, pad, groups
    ("conv_stem_7x7s2", 1, 3, 224, 64, 7, 2, 3, 1),
    ("conv_3x3_64x56", 1, 64, 56, 64, 3, 1, 1, 1),
    ("conv_3x3_128x28", 1, 128, 28, 128, 3, 1, 1, 1),
    ("conv_3x3_256x14", 1, 256, 14, 256, 3, 1, 1, 1),
    ("conv_3x3_512x7", 1, 512, 7, 512, 3, 1, 1, 1),
    ("conv_1x1_256to64x56", 1, 256, 56, 64, 1, 1, 0, 1),
    ("conv_dw_3x3_256x28", 1, 256, 28, 256, 3, 1, 1, 256),
    ("conv_3x3_64x56_batch8", 8, 64, 56, 64, 3, 1, 1, 1),
]
GEMMS = [  # name, M, K, N (linear: x (M,K), weight (N,K))
    ("linear_fc_1x2048to1000", 1, 2048, 1000),
    ("linear_32x1024to1024", 32, 1024, 1024),
    ("mm_512", 512, 512, 512),
    ("mm_1024", 1024, 1024, 1024),
]

with torch.no_grad():
    for name, n, c, h, oc, k, s, p, g in CONVS:
        x, w, b = torch.randn(n, c, h, h), torch.randn(oc, c // g, k, k), torch.randn(oc)
        print(name, best(lambda: F.conv2d(x, w, b, s, p, 1, g), 20))
    for name, m, k, n in GEMMS:
        x, w = torch.randn(m, k), torch.randn(n, k)
        print(name, best(lambda: F.linear(x, w), 20))
