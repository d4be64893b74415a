"""End-to-end: `sconce run` on programs and models made by real PyTorch.

Cases come from tests/fixtures/gen_run_cases.py (FIXTURES/run/<case>/): Sconce runs
model.pt on args.pt and writes out.pt, which PyTorch loads and compares with
expected.pt (tensors allclose with the case's rtol/atol, same dtype and shape; other
values equal). Error cases must exit non-zero with one `sconce: error:` report that
names the Python exception, its message and the TorchScript traceback.
"""
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "conformance"))
from run_suite import Mismatch, compare  # noqa: E402

from common import Results, parse_args, run  # noqa: E402


def main():
    args = parse_args()
    root = os.path.join(args.fixtures, "run")
    results = Results()
    torch.set_num_threads(1)
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        with open(os.path.join(d, "meta.json")) as f:
            meta = json.load(f)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.pt")
            rc, _, err = run([args.sconce, "run", os.path.join(d, "model.pt"), "--method", meta["method"],
                              "--inputs", os.path.join(d, "args.pt"), "--output", out])
            if "raises" in meta:
                expected = f"{meta['raises']}: "
                ok = (rc == 1 and err.startswith("sconce: error: ") and expected in err
                      and meta["message"] in err and "Traceback of TorchScript" in err
                      and not os.path.exists(out))
                results.check(name, ok, f"exit {rc}, stderr: {err.strip()[-600:]}")
                continue
            if rc != 0:
                results.check(name, False, f"exit {rc}: {err.strip()[-600:]}")
                continue
            try:
                compare(torch.load(out), torch.load(os.path.join(d, "expected.pt")), meta["rtol"], meta["atol"])
                results.check(name, True)
            except Mismatch as e:
                results.check(name, False, str(e))
    results.finish()


if __name__ == "__main__":
    main()
