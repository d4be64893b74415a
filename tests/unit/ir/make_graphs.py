#!/usr/bin/python3
"""Regenerates tests/unit/ir/data/*.ir: graphs as PyTorch 1.13 prints them.

The IR round-trip test parses each file and prints it back; the text must come out
byte for byte. Run with Debian's python3-torch: /usr/bin/python3 make_graphs.py
Graphs are written without source locations (`graph.str(False)`; the `with` subgraph
sections PyTorch always prints with them, so those comments are stripped).
"""
import os
import re
from enum import Enum
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def loops_and_ifs(x: torch.Tensor, n: int) -> torch.Tensor:
    y = x + 1
    for i in range(n):
        if i > 2:
            y = y * 2.0
        else:
            y = y - 1.5
    while n < 10:
        n += 1
    return y


def constants() -> Tuple[int, float, str, bool, Optional[int], List[float], Tuple[int, str]]:
    a = -3
    b = 1e-5
    c = float("inf")
    s = "quote\" and 'single' \n\t"
    t = (1, "a")
    print(a, b, c, s, t, [1.0, 2.5], [True, False], -0.0, 1e20, 12345678901.0)
    return a, b + c, s, True, None, [1.0, 2.0], t


def containers(d: Dict[str, torch.Tensor], l: List[int], o: Optional[torch.Tensor]) -> List[torch.Tensor]:
    out: List[torch.Tensor] = []
    for k, v in d.items():
        out.append(v + len(k))
    if o is not None:
        out.append(o)
    m = {"a": 1, "b": 2}
    out.append(torch.zeros([len(l), m["a"]], dtype=torch.float, device="cpu"))
    return out


def break_continue(n: int) -> int:
    total = 0
    for i in range(n):
        if i == 1:
            continue
        if i == 7:
            break
        total += i
    return total


def raises(x: torch.Tensor) -> torch.Tensor:
    if x.sum() > 0:
        raise ValueError("positive")
    return x.relu()


class Point(NamedTuple):
    x: int
    y: torch.Tensor


class Color(Enum):
    RED = 1
    GREEN = 2


def fancy_types(p: Point, u: Union[int, str], a: Any, t: Tuple[int, Tuple[str, float]],
                dd: Dict[int, Optional[Tuple[int, str]]], fl: List[Optional[torch.Tensor]]) -> int:
    if isinstance(u, int):
        return u + p.x
    return len(fl)


def enums(c: Color) -> bool:
    return c == Color.RED


def helper(x: torch.Tensor) -> torch.Tensor:
    return x * 2


def calls_and_fork(x: torch.Tensor) -> torch.Tensor:
    fut = torch.jit.fork(helper, x)
    return helper(x) + torch.jit.wait(fut)


def tensor_ops(x: torch.Tensor, w: torch.Tensor) -> Tuple[torch.Tensor, int, torch.device, List[int]]:
    y = torch.nn.functional.linear(x, w)
    y = torch.relu(y).view(-1)
    with torch.no_grad():
        z = y.clone()
    return z, y.dtype, y.device, y.shape


def complex_and_strings(s: str) -> Tuple[complex, str, List[str]]:
    c = 1.5 - 2.0j
    parts = s.split(",")
    return c, s.upper() + "x", parts


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 4)
        self.k = 3

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.lin(x) * self.k
        self.k = self.k + 1
        return h


def inserted_constants() -> torch._C.Graph:
    """Constants of every kind scripting rarely produces, built with insertConstant."""
    g = torch._C.Graph()
    for v in [1, -2, 1.5, 2.0, 1e-5, 1e20, 1e10, 123456789012.0, float("nan"), float("-inf"),
              -0.0, True, False, "a'b\"c\n\x01\x7f", None, [1, 2], [1.0, 2.5], [True, False],
              ["x", "y"], [[1, 2], [3]], (1, "a", 2.0, (3,)), torch.device("cpu"),
              torch.device("cuda:1"), (torch.device("cpu"), 1), {"a": 1, "b": 2}, 1 + 2j,
              (1.5 + 0j, -1 - 2.5j)]:
        g.insertConstant(v)
    return g


def main():
    os.makedirs(OUT, exist_ok=True)
    fns = [loops_and_ifs, constants, containers, break_continue, raises, fancy_types, enums,
           calls_and_fork, tensor_ops, complex_and_strings]
    graphs = {f.__name__: torch.jit.script(f).graph for f in fns}
    net = torch.jit.script(Net())
    graphs["module_forward"] = net.graph
    graphs["linear_forward"] = net.lin.graph
    graphs["inserted_constants"] = inserted_constants()
    inlined = torch.jit.script(calls_and_fork).inlined_graph
    graphs["inlined_calls"] = inlined
    for name, g in graphs.items():
        with open(os.path.join(OUT, name + ".ir"), "w") as f:
            f.write(re.sub(r" # [^\"\n]*:\d+:\d+$", "", g.str(False), flags=re.M))


if __name__ == "__main__":
    main()
