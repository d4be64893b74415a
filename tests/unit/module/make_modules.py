#!/usr/bin/python3
"""Fixtures of script_module_test.cpp: small modules saved by real PyTorch, with inputs
and PyTorch's outputs.  Usage: make_modules.py OUTDIR"""
import os
import sys
from typing import Dict, List, Optional

import torch
import torch.nn as nn


class Net(nn.Module):
    """Stateless, so concurrent calls must agree with serial ones."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 8 * 8, 5)
        self.labels: List[str] = ["a", "b", "c", "d", "e"]

    def forward(self, x: torch.Tensor, scale: float = 2.0) -> torch.Tensor:
        y = torch.relu(self.bn(self.conv(x))).flatten(1)
        return self.fc(y) * scale

    @torch.jit.export
    def describe(self, xs: List[int], names: Dict[str, int], k: Optional[int]) -> str:
        total = 0
        for x in xs:
            total += x
        keys = sorted(names.keys())
        extra = 0 if k is None else k
        return "{}:{}:{}:{}".format(total, ",".join(keys), extra, self.labels[total % 5])

    @torch.jit.export
    def flag(self, b: bool) -> int:
        return 1 if b else 0


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    m = Net().eval()
    m.bn.running_mean.uniform_(-1, 1)
    m.bn.running_var.uniform_(0.5, 2)
    s = torch.jit.script(m)
    s.save(os.path.join(out, "net.pt"))
    x = torch.randn(2, 3, 8, 8)
    torch.save((x,), os.path.join(out, "net_args.pt"))
    with torch.no_grad():
        torch.save(s(x), os.path.join(out, "net_expected.pt"))
        torch.save(s(x, 0.5), os.path.join(out, "net_expected_half.pt"))
    torch.save(torch.zeros(1), os.path.join(out, "not_a_module.pt"))


if __name__ == "__main__":
    main()
