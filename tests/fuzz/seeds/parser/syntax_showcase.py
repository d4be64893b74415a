# Every piece of syntax the TorchScript parser accepts, in one file that CPython parses
# too: make_code_samples.py dumps it with CPython's ast and the parser test compares.
op_version_set = 1
import torch
import torch.nn.functional as F, math
from typing import List, Optional, Tuple as T
from torch import (Tensor,)


class Showcase(Module):
    __parameters__ = ["w", ]
    __buffers__ = []
    w : Tensor
    training : bool
    k : Final[int] = 0x1F
    sub : __torch__.torch.nn.modules.linear.___torch_mangle_3.Linear
    __annotations__["0"] = __torch__.torch.nn.ReLU

    @torch.jit.export
    @staticmethod
    def method(self, x: Tensor, n: int = -9223372036854775808, *, flag: bool = True,
               opt: Optional[List[T[int, float]]] = None) -> T[Tensor, int]:
        a = b = [i * 2 for i in range(n) if i % 3 != 0]
        d = {k: v for k, v in zip(a, b)}
        e = {1: "one", 2: 'two', }
        x[1:2, ..., None, ::2] = x[:, -1]
        p, (q, *r) = 1, (2, 3, 4)
        y = 0o17 + 0b1_01 + 1_000 + 1. + .5 + 1e-5 + 2.5e+3j - 00 + 0X_fF + 1E400
        s = 'a' "b" '''c
''' """d'""" r'\n\d' "\x41\u00e9\U0001F600\t\\\"'\101\0" 'x\
y'
        z = -2 ** -1 ** 2 if not a < b <= c else ~x @ y // 3 % 4 << 1 >> 2 & 5 | 6 ^ 7
        t = a is not None and b not in c or d in e and f is g or not h
        u = x.y.z(1, *args, key=value)[0](2).w
        v = (), (1,), [], {}, {1: 2}, [*a, b], f(x)(y), -inf, nan, -(-1.5), +1, -0.
        m = [j if j else -j for j in range(3)]
        i = 0
        while i < n:
            i += 1; i -= 1; i *= 2; i //= 2; i /= 1; i %= 7; i **= 1
            i @= m; i &= 1; i |= 0; i ^= 0; i <<= 0; i >>= 0
            if i == 3: continue
            elif i == 4:
                break
            elif i == 5:
                pass
            else:
                x = (1 +
                     2) \
                    * 3
        for k, v, in d.items():
            del d[k], e
        for j in 1, 2:
            pass
        with torch.no_grad() as g, lock:
            assert n >= 0, "negative"
            assert n
        if n > 100:
            raise ValueError("big") from None
        elif n > 50:
            raise ValueError("medium")
        else:
            raise
        return x, n

    def forward(self: __torch__.Showcase,
        x: Tensor) -> Tensor:
        _0 = (self).method(x, 1, flag=False, )
        return torch.add(x, 1, alpha=2)


class Point(NamedTuple):
    x : float
    y : float


class Color(Enum):
    RED = 1
    GREEN = 2


class Plain:
    pass


def free(a, b=(1, 2)):  # type: (int, Tuple[int, int]) -> int
    e : List[int] = []
    q = []  # type: List[int]
    def inner(c):
        # type: (int) -> int
        return c
    return inner(a)
