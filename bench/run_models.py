"""Whole-model timings: `sconce run` against libtorch's TorchScript on the same machine.

    /usr/bin/python3 bench/run_models.py [--sconce build/bin/sconce] [--repeat 20]
                                         [--threads 1,2] [--models resnet18,mlp]

For each model it builds the module with PyTorch (torch.jit.script, or trace where
scripting is not the point), saves it and its argument tuple to a temp dir, checks
that `sconce run --output` returns what PyTorch returns, then times both:

- PyTorch: torch.jit.load, torch.set_num_threads(T), --warmup untimed calls, then
  --repeat timed calls under torch.no_grad() (Sconce has no autograd);
- Sconce: `sconce run MODEL --inputs ARGS --threads T --warmup W --repeat N`, which
  prints "forward() ran in X ms (best of N, median Y ms)".

It prints one row per (model, threads): best and median of each, and the ratio
sconce/torch of the medians and of the bests. See bench/README.md for numbers.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Tuple

import torch
import torch.nn as nn

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---------------------------------------------------------------------------- models


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                                 nn.Linear(256, 10))

    def forward(self, x):
        return self.net(x)


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(128, 256, num_layers=2, batch_first=True)

    def forward(self, x):
        out, _ = self.lstm(x)
        return out


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(256, 8, dim_feedforward=1024, dropout=0.0, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, num_layers=2)

    def forward(self, x):
        return self.enc(x)


class WordStats(nn.Module):
    """Interpreter-bound: lists, dicts, strings, loops; no tensors."""

    def forward(self, text: str, n: int) -> Tuple[Dict[str, int], List[str], int]:
        counts: Dict[str, int] = {}
        for _ in range(n):
            for w in text.split(" "):
                w = w.lower().strip(".,")
                if w in counts:
                    counts[w] += 1
                else:
                    counts[w] = 1
        keys = sorted(counts.keys())
        longest: List[str] = []
        total = 0
        for k in keys:
            total += counts[k] * len(k)
            if len(k) > 6:
                longest.append(k.upper() + "!")
        squares = [i * i for i in range(1000)]
        acc = 0
        for s in squares:
            if s % 3 == 0:
                acc += s // 3
        return counts, longest, total + acc


TEXT = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs, "
        "sphinx of black quartz, judge my vow. How vexingly quick daft zebras jump.")


def build_models(names):
    """(name, scripted module, argument tuple) for each requested model."""
    import torchvision

    torch.manual_seed(0)
    makers = {
        "resnet18": lambda: (torch.jit.script(torchvision.models.resnet18().eval()),
                             (torch.randn(1, 3, 224, 224),)),
        "mobilenet_v2": lambda: (torch.jit.script(torchvision.models.mobilenet_v2().eval()),
                                 (torch.randn(1, 3, 224, 224),)),
        "mlp": lambda: (torch.jit.script(Mlp().eval()), (torch.randn(1, 784),)),
        "mlp_b64": lambda: (torch.jit.script(Mlp().eval()), (torch.randn(64, 784),)),
        "lstm": lambda: (torch.jit.script(Lstm().eval()), (torch.randn(1, 32, 128),)),
        "transformer": lambda: (torch.jit.script(Encoder().eval()), (torch.randn(1, 32, 256),)),
        "wordstats": lambda: (torch.jit.script(WordStats()), (TEXT, 50)),
    }
    for name in names:
        module, args = makers[name]()
        yield name, module, args


# ---------------------------------------------------------------------------- timing


def time_torch(path, args, threads, warmup, repeat):
    torch.set_num_threads(threads)
    module = torch.jit.load(path)
    times = []
    with torch.no_grad():
        for _ in range(warmup):
            module(*args)
        for _ in range(repeat):
            start = time.perf_counter()
            module(*args)
            times.append((time.perf_counter() - start) * 1e3)
    return min(times), statistics.median(times)


RAN_RE = re.compile(r"ran in ([0-9.]+) ms \(best of \d+, median ([0-9.]+) ms\)")


def time_sconce(sconce, path, args_path, threads, warmup, repeat):
    cmd = [sconce, "run", path, "--inputs", args_path, "--threads", str(threads), "--warmup", str(warmup),
           "--repeat", str(repeat)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    m = RAN_RE.search(out)
    if not m:
        sys.exit(f"unexpected output from {' '.join(cmd)}:\n{out}")
    return float(m.group(1)), float(m.group(2))


def same(a, b):
    if isinstance(a, torch.Tensor):
        return isinstance(b, torch.Tensor) and a.shape == b.shape and torch.allclose(a, b, rtol=1e-4, atol=1e-4)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def check_sconce(sconce, path, args_path, expected, tmp):
    out_path = os.path.join(tmp, "out.pt")
    subprocess.run([sconce, "run", path, "--inputs", args_path, "--output", out_path], check=True,
                   capture_output=True)
    return "ok" if same(expected, torch.load(out_path)) else "MISMATCH"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sconce", default=os.path.join(REPO, "build", "bin", "sconce"))
    ap.add_argument("--models", default="resnet18,mobilenet_v2,mlp,mlp_b64,lstm,transformer,wordstats")
    ap.add_argument("--threads", default=f"1,{os.cpu_count()}")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-check", action="store_true", help="skip comparing Sconce's output with PyTorch's")
    o = ap.parse_args()
    threads = sorted({int(t) for t in o.threads.split(",")})

    print(f"torch {torch.__version__}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; warmup {o.warmup}, repeat {o.repeat}")
    header = f"{'model':<13} {'thr':>3} {'torch best':>10} {'median':>8} {'sconce best':>11} {'median':>8} " \
             f"{'ratio med':>9} {'ratio best':>10}  check"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for name, module, args in build_models(o.models.split(",")):
            path = os.path.join(tmp, f"{name}.pt")
            args_path = os.path.join(tmp, f"{name}_args.pt")
            module.save(path)
            torch.save(args, args_path)
            check = "-"
            if not o.no_check:
                with torch.no_grad():
                    expected = torch.jit.load(path)(*args)
                check = check_sconce(o.sconce, path, args_path, expected, tmp)
            for t in threads:
                tb, tm = time_torch(path, args, t, o.warmup, o.repeat)
                sb, sm = time_sconce(o.sconce, path, args_path, t, o.warmup, o.repeat)
                print(f"{name:<13} {t:>3} {tb:>10.3f} {tm:>8.3f} {sb:>11.3f} {sm:>8.3f} {sm / tm:>9.2f} "
                      f"{sb / tb:>10.2f}  {check}", flush=True)


if __name__ == "__main__":
    main()
