#!/usr/bin/python3
"""Hostile and corrupt files: each gives exactly one `sconce: error: ...` line naming
the problem and exit code 1 — no crash (signal), no traceback, no huge allocation
(the CLI runs under a 2 GiB address-space limit here), and no output file left behind.
`sconce run` and `sconce graph` get the same files as models, and `run` gets bad
arguments (corrupt or mistyped ARGS.pt, bad .npy, unknown method, unwritable output)."""
import json
import os
import resource
import tempfile

from common import Results, parse_args, run


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def main():
    args = parse_args()
    import subprocess
    results = Results()
    root = os.path.join(args.fixtures, "bad")
    cases = json.load(open(os.path.join(root, "bad.json")))
    tmp = tempfile.mkdtemp(prefix="sconce-bad-")
    for name, substring in sorted(cases.items()):
        path = os.path.join(root, name + ".pt")
        for command in (["inspect", path], ["resave", path, os.path.join(tmp, name + ".out.pt")]):
            proc = subprocess.run([args.sconce] + command, capture_output=True, text=True,
                                  timeout=120, preexec_fn=limit_memory)
            lines = proc.stderr.strip().splitlines()
            label = f"{command[0]}:{name}"
            if proc.returncode != 1:
                results.check(label, False, f"exit code {proc.returncode}: {proc.stderr.strip()[:300]}")
            elif len(lines) != 1 or not lines[0].startswith("sconce: error: "):
                results.check(label, False, f"expected one error line, got: {proc.stderr!r}")
            elif substring.lower() not in lines[0].lower():
                results.check(label, False, f"message lacks {substring!r}: {lines[0]}")
            elif command[0] == "resave" and os.listdir(tmp):
                results.check(label, False, f"left files behind: {os.listdir(tmp)}")
            else:
                results.check(label, True)
        # As a model for run/graph: the first line is the error (an archive that opens
        # but whose code fails to compile adds a source excerpt), exit status 1.
        for command in (["run", path, "--output", os.path.join(tmp, name + ".out.pt")], ["graph", path]):
            proc = subprocess.run([args.sconce] + command, capture_output=True, text=True,
                                  timeout=120, preexec_fn=limit_memory)
            label = f"{command[0]}:{name}"
            ok = proc.returncode == 1 and proc.stderr.startswith("sconce: error: ") and not os.listdir(tmp)
            results.check(label, ok, f"exit {proc.returncode}: {proc.stderr.strip()[:300]}")

    # Bad arguments for a good model (one of the run suite's programs).
    model_dir = os.path.join(args.fixtures, "run", "list_methods")
    model = os.path.join(model_dir, "model.pt")
    bad_pickle = os.path.join(root, sorted(cases)[0] + ".pt")
    wrong_args = os.path.join(tmp, "wrong_args.pt")
    bad_npy = os.path.join(tmp, "bad.npy")
    with open(bad_npy, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f4'}")
    import torch
    torch.save(("not a list",), wrong_args)
    out = os.path.join(tmp, "out.pt")
    for label, command, substring in (
            ("run: corrupt args", ["run", model, "--inputs", bad_pickle, "--output", out], ""),
            ("run: mistyped args", ["run", model, "--inputs", wrong_args, "--output", out],
             "expected a value of type 'List[int]'"),
            ("run: missing args", ["run", model, "--output", out], "missing a value for argument 'xs'"),
            ("run: bad npy", ["run", model, "--input", bad_npy, "--output", out], "bad.npy"),
            ("run: unknown method", ["run", model, "--method", "nope", "--inputs",
                                     os.path.join(model_dir, "args.pt")], "has no method 'nope'"),
            ("run: unwritable output", ["run", model, "--inputs", os.path.join(model_dir, "args.pt"),
                                        "--output", "/nonexistent/dir/out.pt"], "/nonexistent/dir/out.pt"),
            ("graph: unknown function", ["graph", model, "--function", "__torch__.nope"], "__torch__.nope")):
        proc = subprocess.run([args.sconce] + command, capture_output=True, text=True, timeout=120,
                              preexec_fn=limit_memory)
        lines = proc.stderr.strip().splitlines()
        ok = (proc.returncode == 1 and len(lines) == 1 and lines[0].startswith("sconce: error: ")
              and substring in lines[0] and not os.path.exists(out))
        results.check(label, ok, f"exit {proc.returncode}: {proc.stderr.strip()[:300]}")

    for label, command in (("missing file", ["inspect", "/nonexistent/model.pt"]),
                           ("not a pytorch file", ["inspect", __file__])):
        rc, out, err = run([args.sconce] + command)
        results.check(label, rc == 1 and err.startswith("sconce: error: ") and len(err.strip().splitlines()) == 1,
                      err.strip())
    results.finish()


if __name__ == "__main__":
    main()
