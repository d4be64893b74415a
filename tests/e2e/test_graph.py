#!/usr/bin/python3
"""`sconce graph --all` on every fixture archive (and the run suite's models): each
method of the root module compiles, and each printed graph calls the same set of
aten:: operators, with the same number of inputs, as PyTorch's own `module.<method>.graph`
for the same archive (so the emitter resolved the same overloads' names)."""
import os
import re

import torch
import torchvision  # noqa: F401 - registers torchvision:: ops, which detection models call

from common import Results, parse_args, run

OP = re.compile(r"= (aten::\w+)[\[(]")
# PyTorch folds `torch.device("cpu")` of a constant string into a Device constant when it
# loads an archive; Sconce keeps the call (it runs as a kernel). Not a resolution mismatch.
FOLDED_BY_PYTORCH = {"aten::device"}


def ops(text):
    return set(OP.findall(text)) - FOLDED_BY_PYTORCH


def sections(text):
    """{method: graph text} from `sconce graph --all` output (`# Class.method` headers)."""
    out, name = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("# "):
            name = line[2:].strip().rsplit(".", 1)[-1]
            out[name] = ""
        elif name is not None:
            out[name] += line
    return out


def num_inputs(graph_text):
    header = graph_text.split("):\n", 1)[0]
    return header.count(" : ")


def main():
    args = parse_args()
    results = Results()
    torch.set_num_threads(1)
    models = []
    for suite in ("archives", "run"):
        root = os.path.join(args.fixtures, suite)
        for name in sorted(os.listdir(root)):
            model = os.path.join(root, name, "model.pt")
            if os.path.exists(model):
                models.append((f"{suite}/{name}", model))
    for name, model in models:
        rc, out, err = run([args.sconce, "graph", "--all", model])
        if rc != 0:
            results.check(name, False, f"exit {rc}: {err.strip()[-600:]}")
            continue
        mine = sections(out)
        m = torch.jit.load(model)
        problems = []
        for method, text in mine.items():
            theirs = str(getattr(m, method).graph)
            if ops(text) != ops(theirs):
                problems.append(f"{method}: ops {sorted(ops(text) ^ ops(theirs))} differ")
            if num_inputs(text) != num_inputs(theirs):
                problems.append(f"{method}: {num_inputs(text)} inputs vs PyTorch's {num_inputs(theirs)}")
        if "forward" not in mine:
            problems.append("no forward graph printed")
        results.check(name, not problems, "; ".join(problems))
    results.finish()


if __name__ == "__main__":
    main()
