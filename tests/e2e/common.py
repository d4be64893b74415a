"""Shared helpers for the end-to-end drivers (run by ctest with /usr/bin/python3).

Each driver gets `--sconce PATH --fixtures DIR`, runs the CLI on fixtures that real
PyTorch generated, and compares with what PyTorch says. It prints one line per case and
a closing 'N passed, M failed' line, and exits non-zero if anything failed.
"""
import argparse
import subprocess
import sys


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--sconce", required=True)
    p.add_argument("--fixtures", required=True)
    return p.parse_args()


def run(cmd, timeout=300):
    """Runs a command; returns (returncode, stdout, stderr)."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed.append(name)
            print(f"FAIL {name}: {detail}")

    def finish(self):
        if self.passed + len(self.failed) == 0:
            print("no cases found")
            sys.exit(1)
        print(f"{self.passed} passed, {len(self.failed)} failed")
        sys.exit(1 if self.failed else 0)
