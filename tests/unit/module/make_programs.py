"""TorchScript programs covering the IR emitter's constructs, scripted by real PyTorch.

For every entry function of every program group below, writes OUTDIR/<entry>/:
  model.pt    torch.jit.save of torch.jit.script(entry) (a PlaceholderModule whose
              forward is the entry function, or the entry nn.Module, with the code
              PyTorch's printer normalized)
  source.py   the group's TorchScript source as written (without the imports); absent
              for groups of nn.Modules (they need Python to construct)
  graph.txt   str(scripted.graph): PyTorch 1.13's own IR, for reference
emit_programs_test.cpp compiles both the archive and the source with Sconce.

Usage: make_programs.py OUTDIR  (run with /usr/bin/python3, which has torch 1.13)
"""

import os
import sys
import textwrap

PRELUDE = """
import math
from enum import Enum
from typing import Any, Dict, Final, List, NamedTuple, Optional, Tuple
import torch
from torch import Tensor
"""

# group name -> (source, entry function names, whether to write source.py)
GROUPS = {}


def group(name, entries, source, write_source=True):
    GROUPS[name] = (textwrap.dedent(source).strip() + "\n", entries, write_source)


group("control_if", ["if_join", "if_optional_join", "elif_chain", "refine_is_none",
                     "refine_and", "ternary", "static_if", "short_circuit"], """
def if_join(x: int, c: bool) -> int:
    if c:
        y = x + 1
        z = 2
    else:
        y = x - 1
        z = 3
    return y * z

def if_optional_join(c: bool) -> Optional[int]:
    if c:
        r = 1
    else:
        r = None
    return r

def elif_chain(x: int) -> str:
    if x < 0:
        s = "neg"
    elif x == 0:
        s = "zero"
    else:
        s = "pos"
    return s

def refine_is_none(x: Optional[int]) -> int:
    if x is None:
        return 0
    return x + 1

def refine_and(x: Optional[int], y: Optional[int]) -> int:
    if x is not None and y is not None:
        return x + y
    return -1

def ternary(x: int) -> float:
    return 1.5 if x > 0 else -2.0

def static_if(x: int) -> int:
    n: Optional[int] = None
    if n is None:
        return x
    return n + x

def short_circuit(a: bool, b: bool, c: int) -> bool:
    return (a and b) or (c > 3 and not a)
""")

group("loops", ["for_range", "for_range_step", "for_list", "for_tuple", "for_dict",
                "for_str", "for_enumerate", "for_zip", "while_loop", "nested_loops"], """
def for_range(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s

def for_range_step(a: int, b: int) -> List[int]:
    out: List[int] = []
    for i in range(a, b, 2):
        out.append(i)
    return out

def for_list(xs: List[float]) -> float:
    total = 0.0
    for x in xs:
        total = total + x
    return total

def for_tuple(t: Tuple[int, str, float]) -> str:
    s = ""
    for v in t:
        s = s + str(v)
    return s

def for_dict(d: Dict[str, int]) -> int:
    n = 0
    for k in d:
        n += d[k] * len(k)
    return n

def for_str(s: str) -> List[str]:
    out: List[str] = []
    for ch in s:
        out.append(ch)
    return out

def for_enumerate(xs: List[int]) -> int:
    acc = 0
    for i, x in enumerate(xs):
        acc += i * x
    return acc

def for_zip(xs: List[int], ys: List[str]) -> Dict[str, int]:
    d: Dict[str, int] = {}
    for x, y in zip(xs, ys):
        d[y] = x
    return d

def while_loop(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

def nested_loops(n: int) -> int:
    total = 0
    for i in range(n):
        j = 0
        while j < i:
            total += i * j
            j += 1
    return total
""")

group("exits", ["break_continue", "return_in_loop", "return_in_nested", "raise_error",
                "assert_checks", "while_break"], """
def break_continue(xs: List[int]) -> int:
    s = 0
    for x in xs:
        if x < 0:
            continue
        if x > 100:
            break
        s += x
    return s

def return_in_loop(xs: List[int], target: int) -> int:
    for i in range(len(xs)):
        if xs[i] == target:
            return i
    return -1

def return_in_nested(n: int) -> Tuple[int, int]:
    for i in range(n):
        for j in range(n):
            if i * j == 6:
                return i, j
    return -1, -1

def raise_error(x: int) -> int:
    if x < 0:
        raise ValueError("negative: " + str(x))
    return x * 2

def assert_checks(x: int) -> int:
    assert x > 0, "x must be positive"
    assert x != 3
    return x

def while_break(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i * i > n:
            break
    return i
""")

group("assign", ["tuple_unpack", "aug_assign", "chained_assign", "delete_items"], """
def tuple_unpack(t: Tuple[int, Tuple[str, float]]) -> str:
    a, (b, c) = t
    x, y = a + 1, c * 2.0
    return b + str(x) + str(y)

def aug_assign(t: Tensor, xs: List[int], n: int) -> Tuple[Tensor, List[int], int]:
    t += 1
    t *= 2
    xs += [n]
    n -= 3
    n *= 2
    return t, xs, n

def chained_assign(x: int) -> int:
    a = b = x + 1
    return a * b

def delete_items(xs: List[int], d: Dict[str, int]) -> int:
    del xs[0]
    del d["a"]
    return len(xs) + len(d)
""")

group("subscripts", ["tensor_index", "tensor_setitem", "list_dict_str_index",
                     "tuple_index_slice", "container_setitem"], """
def tensor_index(t: Tensor, idx: Tensor, i: int, xs: List[int]) -> List[Tensor]:
    return [t[0], t[1:3], t[..., None], t[t > 0], t[0, 1:2, None], t[i, :, xs], t[idx],
            t[-1, ::2], t[:, 0]]

def tensor_setitem(t: Tensor, m: Tensor) -> Tensor:
    t[0] = 1.0
    t[1:2] = t[0:1]
    t[m] = 0.0
    t[0] += 2
    return t

def list_dict_str_index(xs: List[int], d: Dict[str, float], s: str) -> Tuple[int, float, str, List[int], str]:
    return xs[-1], d["k"], s[0], xs[1:], s[::2]

def tuple_index_slice(t: Tuple[int, str, float, int]) -> Tuple[str, Tuple[str, float], int]:
    return t[1], t[1:3], t[-1]

def container_setitem(xs: List[int], d: Dict[str, int]) -> Tuple[List[int], Dict[str, int]]:
    xs[0] = 5
    d["z"] = 1
    xs[1] += 2
    d["z"] += 3
    return xs, d
""")

group("comprehensions", ["list_comp", "dict_comp", "list_and_dict_calls"], """
def list_comp(xs: List[int]) -> List[int]:
    return [x * x for x in xs]

def dict_comp(xs: List[str]) -> Dict[str, int]:
    return {x: len(x) for x in xs}

def list_and_dict_calls(xs: List[int], s: str) -> Tuple[List[int], List[str], Dict[str, int]]:
    return list(xs), list(s), dict({"a": 1})
""")

group("expressions", ["literals", "operators", "compare_chain", "is_none_static",
                      "membership", "annotations", "isinstance_checks", "float_ops"], """
def literals() -> Tuple[int, float, str, bool, Optional[int], complex, Tuple[int, str], List[float], Dict[str, int]]:
    return 1, 2.5, "s", True, None, 1 + 2j, (3, "t"), [1.0, 2.0], {"a": 1}

def operators(a: int, b: int, t: Tensor) -> Tuple[int, int, float, float, bool, Tensor, Tensor]:
    return a // b, a % b, a / b, a ** 2, not (a < b), t @ t, -t

def compare_chain(a: int, b: int, c: int) -> bool:
    return a < b <= c

def is_none_static(x: int) -> bool:
    return x is None

def membership(xs: List[int], d: Dict[str, int], s: str) -> Tuple[bool, bool, bool]:
    return 3 in xs, "k" not in d, "ab" in s

def annotations() -> Tuple[List[int], Dict[str, Tensor], Optional[Tensor]]:
    a = torch.jit.annotate(List[int], [])
    b: Dict[str, Tensor] = {}
    c: Optional[Tensor] = None
    return a, b, c

def isinstance_checks(x: Optional[int], y: Any) -> int:
    r = 0
    if isinstance(x, int):
        r += x
    if isinstance(y, str):
        r += 1
    return r

def float_ops(x: float) -> float:
    return math.sqrt(abs(x)) + float(int(x)) + min(x, 2.0) + max([1.0, x])
""")

group("builtins", ["builtin_calls", "string_methods", "tensor_properties"], """
def builtin_calls(xs: List[int], x: float) -> Tuple[int, int, int, str, int, List[int], Tuple[int, int], str, int, float, bool, bool]:
    return (len(xs), int(x), sum(xs), str(x), abs(-3), sorted(xs), divmod(7, 2), chr(65),
            ord("a"), round(2.4), all([True, False]), any([True, False]))

def string_methods(s: str) -> Tuple[List[str], str, str, int]:
    parts = s.split(" ")
    return parts, "-".join(parts), "{}:{}".format(s, len(parts)), s.find("a")

def tensor_properties(t: Tensor) -> Tuple[List[int], int, torch.device, Tensor, bool, bool, int, Tensor, int]:
    return t.shape, t.dtype, t.device, t.T, t.is_cuda, t.requires_grad, t.dim(), t.float(), t.size(0)
""")

group("classes", ["use_class", "use_named_tuple", "use_enum", "use_with"], """
class Counter:
    def __init__(self, start: int):
        self.count = start
        self.history: List[int] = []

    def bump(self, by: int) -> int:
        self.count += by
        self.history.append(self.count)
        return self.count

class Point(NamedTuple):
    x: int
    y: float

class Color(Enum):
    RED = 1
    GREEN = 2

class Scope:
    def __init__(self, n: int):
        self.n = n

    def __enter__(self) -> int:
        self.n += 1
        return self.n

    def __exit__(self, a: Any, b: Any, c: Any) -> None:
        self.n -= 1

def use_class(n: int) -> Tuple[int, List[int]]:
    c = Counter(n)
    c.bump(2)
    c.bump(3)
    return c.count, c.history

def use_named_tuple(a: int) -> Tuple[Point, float]:
    p = Point(a, 2.5)
    return p, p.y + float(p.x)

def use_enum(c: Color) -> int:
    if c == Color.RED:
        return c.value
    return -1

def use_with(n: int) -> int:
    s = Scope(n)
    with s as v:
        r = v * 2
    return r + s.n
""")

group("async", ["fork_wait"], """
def async_work(x: Tensor, k: int) -> Tensor:
    return x + k

def fork_wait(x: Tensor) -> Tensor:
    fut = torch.jit.fork(async_work, x, 2)
    return torch.jit.wait(fut)
""")


# Modules (archive only: their attributes come from data.pkl). An attribute typed by a
# module interface keeps the interface in the serialized code.
group("modules", ["InterfaceHolder"], """
@torch.jit.interface
class Scaler(torch.nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        pass

class Twice(torch.nn.Module):
    def forward(self, x: Tensor) -> Tensor:
        return x * 2

class InterfaceHolder(torch.nn.Module):
    impl: Scaler
    limit: Final[int]

    def __init__(self):
        super().__init__()
        self.impl = Twice()
        self.limit = 3

    def forward(self, x: Tensor) -> Tensor:
        for _ in range(self.limit):
            x = self.impl.forward(x)
        return x
""", write_source=False)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    import importlib.util
    import torch

    # TorchScript reads functions' source through inspect, so each group is a module file.
    modules = os.path.join(out, "_modules")
    os.makedirs(modules, exist_ok=True)
    for name, (source, entries, write_source) in GROUPS.items():
        path = os.path.join(modules, f"prog_{name}.py")
        with open(path, "w") as f:
            f.write(PRELUDE + source)
        spec = importlib.util.spec_from_file_location(f"prog_{name}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        for entry in entries:
            obj = getattr(module, entry)
            # Module classes are instantiated; functions are scripted as they are.
            if isinstance(obj, type) and issubclass(obj, torch.nn.Module):
                obj = obj()
            scripted = torch.jit.script(obj)
            folder = os.path.join(out, entry)
            os.makedirs(folder, exist_ok=True)
            torch.jit.save(scripted, os.path.join(folder, "model.pt"))
            if write_source:
                with open(os.path.join(folder, "source.py"), "w") as f:
                    f.write(source)
            with open(os.path.join(folder, "graph.txt"), "w") as f:
                f.write(str(scripted.graph))


if __name__ == "__main__":
    main()
