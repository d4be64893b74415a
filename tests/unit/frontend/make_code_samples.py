"""Writes the serialized TorchScript code of a few real models, for the parser tests.

The parser test needs every `code/**/*.py` file PyTorch writes for typical programs
(torchvision CNNs, RNNs, transformers, and a script using classes, NamedTuple, Enum,
containers, strings, Optional, loops and exceptions). This script scripts and saves
them with the real torch, then extracts the code files with zipfile, so the test does
not depend on Sconce's own archive reader. Next to each `X.py` it writes `X.py.sexp`:
the file parsed by Python's own `ast` module, printed in the format of Sconce's
ast::dump(), so the test checks Sconce's parser against CPython's.

The same is done for syntax_showcase.py (next to this script), which covers syntax
users write but PyTorch never serializes.

Usage: make_code_samples.py OUT_DIR
  writes OUT_DIR/<model>/code/**/*.py{,.sexp}, OUT_DIR/syntax/syntax_showcase.py{,.sexp}
  and, last, OUT_DIR/DONE
"""
import ast
import enum
import os
import sys
import tempfile
import zipfile
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


class Point(NamedTuple):
    x: float
    y: float


class Color(enum.Enum):
    RED = 1
    GREEN = 2


@torch.jit.script
class Counter(object):
    def __init__(self, start: int):
        self.count = start
        self.names: List[str] = []

    def bump(self, name: str) -> int:
        self.count += 1
        self.names.append(name)
        return self.count


class Sub(nn.Module):
    __constants__ = ["scale"]

    def __init__(self):
        super().__init__()
        self.scale = 3
        self.lin = nn.Linear(4, 4)
        self.register_buffer("steps", torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.lin(x) * self.scale


class Program(nn.Module):
    def __init__(self):
        super().__init__()
        self.sub = Sub()
        self.table: Dict[str, int] = {"a": 1, "b": 2}
        self.layers = nn.ModuleList([nn.ReLU(), nn.Tanh()])
        self.maybe: Optional[torch.Tensor] = None

    @torch.jit.export
    def words(self, text: str) -> List[str]:
        out: List[str] = []
        for w in text.split(" "):
            if len(w) > 0 and not w.startswith("#"):
                out.append(w.upper() + "\n\t\"q\"")
        return out

    def color_value(self, c: Color) -> int:
        if c == Color.RED:
            return c.value
        return -1

    def forward(self, x: torch.Tensor, n: int = 2, p: Optional[Point] = None
                ) -> Tuple[torch.Tensor, Dict[str, int], float]:
        y = self.sub(x)
        for layer in self.layers:
            y = layer(y)
        i = 0
        while i < n:
            y = y + 1.5e-3 ** 2 // 1
            i += 1
        if p is None:
            p = Point(1.0, -2.0)
        counts = {k: v * 2 for k, v in self.table.items()}
        sq = [j * j for j in range(n)]
        c = Counter(0)
        c.bump("x")
        try_val = 0.0
        if x.dim() > 4:
            raise ValueError("too many dims: " + str(x.dim()))
        assert n >= 0, "n must be non-negative"
        a, (b, d) = 1, (2, 3)
        z = y[0:1, ..., None, ::2] if x.dim() > 1 else y
        m = self.maybe
        if m is not None:
            z = z + m
        s = "abc"[1:] + 'd' + f"{n}" if n > 0 else "neg"
        counts[s] = len(sq) + a + b + d + self.color_value(Color.RED)
        w = torch.zeros([2, 3], dtype=torch.float32)
        return z @ z.transpose(-1, -2) if z.dim() == 2 else z, counts, p.x + float(len(w))


def samples():
    import torchvision
    yield "resnet18", torch.jit.script(torchvision.models.resnet18())
    yield "mobilenet_v3_small", torch.jit.script(torchvision.models.mobilenet_v3_small())
    yield "lstm", torch.jit.script(nn.LSTM(8, 16, num_layers=2))
    layer = nn.TransformerEncoderLayer(d_model=16, nhead=2)
    yield "transformer", torch.jit.script(nn.TransformerEncoder(layer, num_layers=2))
    yield "program", torch.jit.script(Program())


BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
          ast.Mod: "%", ast.Pow: "**", ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>",
          ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.And: "and", ast.Or: "or"}
COMPARE = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
           ast.GtE: ">=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in"}
UNARY = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~", ast.Not: "not"}


def quote(text):
    out = '"'
    for c in text:
        if c in '\\"':
            out += "\\" + c
        elif c == "\n":
            out += "\\n"
        elif c == "\t":
            out += "\\t"
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out += "\\x%02x" % ord(c)
        else:
            out += c
    return out + '"'


def is_number(node):
    return (isinstance(node, ast.Constant) and not isinstance(node.value, bool)
            and isinstance(node.value, (int, float, complex)))


def fold(node):
    """Sconce folds `-<number literal>` into the literal, like PyTorch's parser."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = fold(node.operand)
        if is_number(operand):
            return ast.Constant(-operand.value)
    return node


def opt(node):
    return "_" if node is None else expr(node)


def group(head, items):
    return "(" + " ".join([head] + list(items)) + ")"


def comprehension(node):
    assert len(node.generators) == 1 and len(node.generators[0].ifs) <= 1
    gen = node.generators[0]
    out = " (for %s %s)" % (expr(gen.target), expr(gen.iter))
    if gen.ifs:
        out += " (if %s)" % expr(gen.ifs[0])
    return out + ")"


def expr(node):
    node = fold(node)
    kind = type(node)
    if kind is ast.Name:
        return node.id
    if kind is ast.Constant:
        value = node.value
        if value is None or isinstance(value, bool):
            return str(value)
        if value is Ellipsis:
            return "..."
        if isinstance(value, complex):
            return repr(value.imag) + "j"
        if isinstance(value, (int, float)):
            return repr(value)
        return quote(value)
    if kind is ast.Attribute:
        return "(. %s %s)" % (expr(node.value), node.attr)
    if kind is ast.Subscript:
        index = node.slice
        indices = index.elts if isinstance(index, ast.Tuple) and index.elts else [index]
        return group("index", [expr(node.value)] + [expr(i) for i in indices])
    if kind is ast.Slice:
        return group("slice", [opt(node.lower), opt(node.upper), opt(node.step)])
    if kind is ast.Call:
        keywords = ["(kw %s %s)" % (k.arg, expr(k.value)) for k in node.keywords]
        return group("call", [expr(node.func)] + [expr(a) for a in node.args] + keywords)
    if kind is ast.Starred:
        return "(* %s)" % expr(node.value)
    if kind is ast.UnaryOp:
        return "(%s %s)" % (UNARY[type(node.op)], expr(node.operand))
    if kind is ast.BinOp:
        return "(%s %s %s)" % (BINARY[type(node.op)], expr(node.left), expr(node.right))
    if kind is ast.BoolOp:
        out = expr(node.values[0])
        for value in node.values[1:]:
            out = "(%s %s %s)" % (BINARY[type(node.op)], out, expr(value))
        return out
    if kind is ast.Compare:
        if len(node.ops) == 1:
            return "(%s %s %s)" % (COMPARE[type(node.ops[0])], expr(node.left),
                                   expr(node.comparators[0]))
        parts = [expr(node.left)]
        for op, rhs in zip(node.ops, node.comparators):
            parts += [COMPARE[type(op)], expr(rhs)]
        return group("compare", parts)
    if kind is ast.IfExp:
        return group("ifexp", [expr(node.test), expr(node.body), expr(node.orelse)])
    if kind is ast.Tuple:
        return group("tuple", map(expr, node.elts))
    if kind is ast.List:
        return group("list", map(expr, node.elts))
    if kind is ast.Dict:
        return group("dict", ["(%s %s)" % (expr(k), expr(v))
                              for k, v in zip(node.keys, node.values)])
    if kind is ast.ListComp:
        return "(listcomp " + expr(node.elt) + comprehension(node)
    if kind is ast.DictComp:
        return "(dictcomp %s %s" % (expr(node.key), expr(node.value)) + comprehension(node)
    raise NotImplementedError(ast.dump(node))


def params(args):
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + args.defaults
    for arg, default in zip(positional, defaults):
        out.append(" (param %s %s %s)" % (arg.arg, opt(arg.annotation), opt(default)))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        out.append(" (kwparam %s %s %s)" % (arg.arg, opt(arg.annotation), opt(default)))
    return "".join(out)


def stmt(node, indent, out):
    pad = " " * indent
    kind = type(node)

    def block(body):
        for child in body:
            stmt(child, indent + 2, out)

    def line(head, parts):
        out.append(pad + group(head, [expr(p) for p in parts if p is not None]))

    if kind is ast.Expr:
        line("expr", [node.value])
    elif kind is ast.Assign:
        text = group("=", [expr(t) for t in node.targets] + [expr(node.value)])
        if node.type_comment:
            text = text[:-1] + " (type %s))" % expr(ast.parse(node.type_comment, mode="eval").body)
        out.append(pad + text)
    elif kind is ast.AugAssign:
        line(BINARY[type(node.op)] + "=", [node.target, node.value])
    elif kind is ast.AnnAssign:
        line(":", [node.target, node.annotation, node.value])
    elif kind is ast.If:
        out.append(pad + "if " + expr(node.test))
        block(node.body)
        if node.orelse:
            out.append(pad + "else")
            block(node.orelse)
    elif kind is ast.While:
        out.append(pad + "while " + expr(node.test))
        block(node.body)
    elif kind is ast.For:
        out.append(pad + "for %s %s" % (expr(node.target), expr(node.iter)))
        block(node.body)
    elif kind is ast.With:
        items = ["(as %s %s)" % (expr(i.context_expr), opt(i.optional_vars)) for i in node.items]
        out.append(pad + "with " + " ".join(items))
        block(node.body)
    elif kind is ast.Return:
        line("return", [node.value])
    elif kind is ast.Raise:
        line("raise", [node.exc, node.cause])
    elif kind is ast.Assert:
        line("assert", [node.test, node.msg])
    elif kind is ast.Delete:
        line("del", node.targets)
    elif kind in (ast.Pass, ast.Break, ast.Continue):
        out.append(pad + "(%s)" % kind.__name__.lower())
    elif kind in (ast.Import, ast.ImportFrom):
        names = ["(%s %s)" % (a.name, a.asname or "_") for a in node.names]
        head = "import" if kind is ast.Import else "from " + node.module
        out.append(pad + group(head, names))
    elif kind in (ast.FunctionDef, ast.ClassDef):
        for decorator in node.decorator_list:
            out.append(pad + "@ " + expr(decorator))
        if kind is ast.FunctionDef:
            text = pad + "def " + node.name + params(node.args)
            if node.returns is not None:
                text += " -> " + expr(node.returns)
        else:
            text = pad + "class " + node.name + "".join(" " + expr(b) for b in node.bases)
        out.append(text)
        if kind is ast.FunctionDef and node.type_comment:
            signature = ast.parse(node.type_comment, mode="func_type")
            out.append(pad + "  (type (%s) %s)" % (" ".join(map(expr, signature.argtypes)),
                                                   expr(signature.returns)))
        block(node.body)
    else:
        raise NotImplementedError(ast.dump(node))


def dump_module(source):
    out = []
    for node in ast.parse(source, type_comments=True).body:
        stmt(node, 0, out)
    return "".join(line + "\n" for line in out)


def write_sample(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    with open(path + ".sexp", "w", encoding="utf-8") as f:
        f.write(dump_module(data.decode("utf-8")))


def main():
    out_dir = sys.argv[1]
    showcase = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syntax_showcase.py")
    with open(showcase, "rb") as f:
        write_sample(os.path.join(out_dir, "syntax", "syntax_showcase.py"), f.read())
    with tempfile.TemporaryDirectory() as tmp:
        for name, module in samples():
            path = os.path.join(tmp, name + ".pt")
            torch.jit.save(module, path)
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    parts = info.filename.split("/")
                    if len(parts) > 2 and parts[1] == "code" and info.filename.endswith(".py"):
                        dest = os.path.join(out_dir, name, *parts[1:])
                        write_sample(dest, archive.read(info))
    with open(os.path.join(out_dir, "DONE"), "w") as f:
        f.write("ok\n")


if __name__ == "__main__":
    main()
