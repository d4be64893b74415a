#!/usr/bin/python3
"""Runs a folder of conformance cases through `sconce run` and compares with PyTorch.

Each case folder holds model.pt, args.pt, expected.pt and meta.json (rtol, atol,
method) -- the layout of ../shared/conformance (PyTorch's own TorchScript tests saved by
PyTorch 2.11) and of the e2e suites.

Usage:
  /usr/bin/python3 tests/conformance/run_suite.py SUITE_DIR [--sconce build/bin/sconce]
      [--jobs N] [--filter SUBSTR] [--timeout S] [--report FILE] [--verbose]

Prints one line per failing case (category: first line of the error) and a summary
with the pass rate; --report writes every case's status as JSON. Exit status 0 always
(it is a measuring tool, not a test): the e2e ctest drivers assert on their own suites.

Comparison (what the suite's README specifies): tensors allclose with the case's
rtol/atol (equal_nan) and the same dtype and shape; floats close with the same
tolerances; everything else equal, tuples and lists elementwise (a NamedTuple
compares as a tuple), dict keys in order.
"""

import argparse
import collections
import concurrent.futures
import json
import math
import os
import subprocess
import sys
import tempfile

import torch


class Mismatch(Exception):
    pass


def compare(a, b, rtol, atol, where="result"):
    """Raises Mismatch describing the first difference between actual a and expected b."""
    if isinstance(b, torch.Tensor):
        if not isinstance(a, torch.Tensor):
            raise Mismatch(f"{where}: expected a Tensor, got {type(a).__name__}")
        if a.dtype != b.dtype:
            raise Mismatch(f"{where}: dtype {a.dtype} vs expected {b.dtype}")
        if a.shape != b.shape:
            raise Mismatch(f"{where}: shape {tuple(a.shape)} vs expected {tuple(b.shape)}")
        if a.is_complex() or a.is_floating_point():
            ok = torch.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
        else:
            ok = torch.equal(a, b)
        if not ok:
            raise Mismatch(f"{where}: values differ (max abs diff "
                           f"{(a.double() - b.double()).abs().max().item() if a.numel() else 0})")
        return
    if isinstance(b, (tuple, list)):
        if not isinstance(a, (tuple, list)) or isinstance(a, tuple) != isinstance(b, tuple):
            raise Mismatch(f"{where}: expected {type(b).__name__}, got {type(a).__name__}")
        if len(a) != len(b):
            raise Mismatch(f"{where}: length {len(a)} vs expected {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, rtol, atol, f"{where}[{i}]")
        return
    if isinstance(b, dict):
        if not isinstance(a, dict):
            raise Mismatch(f"{where}: expected dict, got {type(a).__name__}")
        if list(a.keys()) != list(b.keys()):
            raise Mismatch(f"{where}: keys {list(a.keys())!r} vs expected {list(b.keys())!r}")
        for k in b:
            compare(a[k], b[k], rtol, atol, f"{where}[{k!r}]")
        return
    if isinstance(b, bool) or isinstance(a, bool):
        if type(a) is not type(b) or a != b:
            raise Mismatch(f"{where}: {a!r} vs expected {b!r}")
        return
    if isinstance(b, float):
        if not isinstance(a, float):
            raise Mismatch(f"{where}: {a!r} ({type(a).__name__}) vs expected float {b!r}")
        if math.isnan(b) and math.isnan(a):
            return
        if not math.isclose(a, b, rel_tol=rtol, abs_tol=atol) and a != b:
            raise Mismatch(f"{where}: {a!r} vs expected {b!r}")
        return
    if isinstance(b, complex):
        if not isinstance(a, complex) or not (
                math.isclose(a.real, b.real, rel_tol=rtol, abs_tol=atol) or a.real == b.real) or not (
                math.isclose(a.imag, b.imag, rel_tol=rtol, abs_tol=atol) or a.imag == b.imag):
            raise Mismatch(f"{where}: {a!r} vs expected {b!r}")
        return
    if type(a) is not type(b) or a != b:
        raise Mismatch(f"{where}: {a!r} ({type(a).__name__}) vs expected {b!r} ({type(b).__name__})")


def run_case(sconce, case_dir, timeout):
    meta = {}
    meta_path = os.path.join(case_dir, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
    rtol, atol = meta.get("rtol", 1e-4), meta.get("atol", 1e-5)
    method = meta.get("method", "forward")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.pt")
        cmd = [sconce, "run", os.path.join(case_dir, "model.pt"), "--method", method,
               "--inputs", os.path.join(case_dir, "args.pt"), "--output", out]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", f"timed out after {timeout} s"
        if p.returncode < 0 or p.returncode > 1:
            return "crash", f"exit status {p.returncode}: {p.stderr.strip()[-400:]}"
        if p.returncode != 0:
            return "error", p.stderr.strip()
        expected_exc = meta.get("raises")
        try:
            actual = torch.load(out)
        except Exception as e:  # noqa: BLE001 - any load failure is a failed case
            return "bad-output", f"torch.load failed: {e}"
        expected = torch.load(os.path.join(case_dir, "expected.pt"))
        try:
            compare(actual, expected, rtol, atol)
        except Mismatch as e:
            return "mismatch", str(e)
        return "pass", ""


def first_line(msg):
    for line in msg.splitlines():
        line = line.strip()
        if line.startswith("sconce: error:"):
            line = line[len("sconce: error:"):].strip()
        if line:
            return line
    return msg


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite")
    ap.add_argument("--sconce", default=os.path.join(os.path.dirname(__file__), "../../build/bin/sconce"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--filter", default="")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--report")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    cases = sorted(d for d in os.listdir(args.suite)
                   if args.filter in d and os.path.exists(os.path.join(args.suite, d, "model.pt")))
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_case, args.sconce, os.path.join(args.suite, c), args.timeout): c
                   for c in cases}
        for fut in concurrent.futures.as_completed(futures):
            c = futures[fut]
            try:
                results[c] = fut.result()
            except Exception as e:  # noqa: BLE001
                results[c] = ("harness", repr(e))
    counts = collections.Counter(s for s, _ in results.values())
    for c in sorted(results):
        status, msg = results[c]
        if status != "pass":
            print(f"{status:10} {c}: {msg if args.verbose else first_line(msg)[:200]}")
    passed = counts["pass"]
    print(f"\n{passed}/{len(cases)} passed ({100.0 * passed / max(1, len(cases)):.1f}%); "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()) if k != "pass"))
    if args.report:
        with open(args.report, "w") as f:
            json.dump({c: {"status": s, "message": m} for c, (s, m) in sorted(results.items())}, f, indent=1)


if __name__ == "__main__":
    main()
