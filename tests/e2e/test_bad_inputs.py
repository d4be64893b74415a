#!/usr/bin/python3
"""Hostile and corrupt files: each gives exactly one `sconce: error: ...` line naming
the problem and exit code 1 — no crash (signal), no traceback, no huge allocation
(the CLI runs under a 2 GiB address-space limit here), and no output file left behind."""
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
    for label, command in (("missing file", ["inspect", "/nonexistent/model.pt"]),
                           ("not a pytorch file", ["inspect", __file__])):
        rc, out, err = run([args.sconce] + command)
        results.check(label, rc == 1 and err.startswith("sconce: error: ") and len(err.strip().splitlines()) == 1,
                      err.strip())
    results.finish()


if __name__ == "__main__":
    main()
