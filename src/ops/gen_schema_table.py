#!/usr/bin/python3
"""Regenerates the operator schema tables: the schemas TorchScript code can call.

The schema strings are facts about PyTorch's operator set (names, argument types,
defaults, alias annotations), read from PyTorch itself so that overload resolution sees
exactly what PyTorch's compiler sees, in PyTorch's registration order (which decides
between ambiguous overloads). Kernels, flags and shape rules are ours (ops/*.cpp).

Three files, all loaded by OperatorRegistry (operator_registry.cpp):

  schema_table.inc          every aten/prim schema of PyTorch 1.13 (Debian's torch), from
                            torch._C._jit_get_all_schemas():
      /usr/bin/python3 src/ops/gen_schema_table.py > src/ops/schema_table.inc

  schema_table_2x.inc       the schemas of PyTorch 2.x whose operator name
                            ("aten::foo.overload") the 1.13 table lacks, in the order of
                            native_functions.yaml, minus backend-only noise (see noise()).
  schema_overrides_2x.inc   2.x texts that replace a 1.13 schema of the same operator
                            name (only where 2.x merely appends defaulted arguments and
                            the op is listed in OVERRIDES).

      /usr/bin/python3 src/ops/gen_schema_table.py --from-2x SOURCE... [--write]

  Each SOURCE is one of
  - a saved copy of PyTorch 2.x's aten/src/ATen/native/native_functions.yaml (.yaml/.yml;
    every `- func:` entry is read);
  - a C++ source (.cpp/.cc/.h) registering TorchScript builtins
    (torch/csrc/jit/runtime/register_prim_ops.cpp, register_prim_ops_fulljit.cpp,
    register_special_ops.cpp): every string literal (adjacent literals joined, as C++
    does) that reads "aten::name(...) -> ..." or "prim::name(...) -> ..." is a schema;
  - a text file with one schema per line (an optional `- func:` prefix and the `aten::`
    prefix may be left out; lines starting with '#' are comments).
  Without --write the two .inc files are printed to stdout; with it they are written
  beside this script. Schemas that changed between 1.13 and 2.x for the same operator
  name are listed on stderr (the 1.13 text stays unless the op is in OVERRIDES).

  The committed 2.x files come from the mirror repository eellison/pytorch at commit
  4bce0877478bed9ffd2ffa8a56e1766da37b79c9 (a 2.9/2.10-era main), file
  aten/src/ATen/native/native_functions.yaml (632,780 characters), saved as its
  `- func:` lines in file order, minus `_foreach_*`, `*_backward*` and out= overloads
  (which noise() drops anyway), as native_functions.funcs.txt:

      /usr/bin/python3 src/ops/gen_schema_table.py --from-2x native_functions.funcs.txt --write

  That commit's torch/csrc/jit/runtime/register_prim_ops.cpp and register_special_ops.cpp
  were not available to us, and its register_prim_ops_fulljit.cpp only at an older
  commit, so the TorchScript builtins in the table are still 1.13's; pass those .cpp
  files as further SOURCEs once saved.
"""
import os
import re
import sys

KEEP = ("aten", "prim")
HERE = os.path.dirname(os.path.abspath(__file__))

# Changed 2.x schemas that replace their 1.13 text: only ops whose 2.x schema is the 1.13
# one plus trailing arguments with defaults AND whose kernel (src/ops) already takes those
# arguments (kernels pop exactly as many values as the schema has arguments, so changing
# an op's arity without its kernel breaks it). aten::pad_sequence: extra_nn.cpp's kernel
# takes padding_side.
OVERRIDES = {"aten::pad_sequence"}

# Operator-name patterns left out of the 2.x table: backend-, quantization-, sparse- and
# autograd-internal ops no TorchScript/nn/torchvision/transformers model calls.
NOISE = re.compile(
    r"(^_foreach_|_backward|^_?mkldnn|^_?cudnn|^miopen|^_?mps_|^_?fbgemm|^_?nnpack|quantiz|"
    r"^_?q_|^_?fake_quant|^_?sparse|_sparse_|^_cslt|^_cufft|^_cudnn|^_?nested|_nested_|"
    r"^_test_|^_fused_moving_avg|^_?vulkan|^_?xnnpack|^_?mkl_|^_?int_mm|int4pack|int8pack|"
    r"^_dyn_quant|^_?mixed_dtypes|^_?triton|^_?efficient_attention|^_?flash_attention|"
    r"^_?cummax_helper|^_?cummin_helper|^_validate_|^_?to_sparse|^_?coalesce|^_?indices|"
    r"^_?values|^_?csr|^_?csc|^_?bsr|^_?bsc|^_?ccol|^_?crow|^_?row_indices|^_?col_indices|"
    r"^_?scaled_mm|^_?scaled_grouped_mm|^_?grouped_mm|^_?cufft|_jvp$|^_?batch_norm_with_update|"
    r"^_?chunk_cat|^_?functional_|^_?make_dep_token|^_?propagate_xla|^_?has_compatible)")


def escape(text):
    return '"%s",' % text.replace("\\", "\\\\").replace('"', '\\"')


def unescape(line):
    line = line.strip()
    if not line.startswith('"'):
        return None
    return line[1:line.rindex('"')].replace('\\"', '"').replace("\\\\", "\\")


def operator_name(schema):
    return schema[:schema.index("(")]


def is_noise(schema):
    name = operator_name(schema)
    base, _, overload = name.partition(".")
    base = base.split("::", 1)[1]
    if NOISE.search(base):
        return True
    # out= variants (".out", ".Scalar_out", "grad_input"): TorchScript models call the
    # functional forms; the out= forms 1.13 had stay in its table.
    if overload.endswith("out") or overload in ("grad_input", "values", "names_out"):
        return True
    return "Tensor(a!) out" in schema and ", *," in schema and overload != ""


def normalize(schema):
    """A comparison key: SymInt is int, defaults compared by value, spacing ignored."""
    s = schema.replace("SymInt", "int").replace(" ", "").replace("'", "\"")  # 'none' is "none"
    s = re.sub(r"=Mean\b", "=1", s)
    s = re.sub(r"=contiguous_format\b", "=0", s)
    s = re.sub(r"=long\b", "=4", s)

    s = re.sub(r"=\[(-?[0-9][0-9.eE+-]*)\]", r"=\1", s)  # int[1] padding=[0] is padding=0

    def num(m):  # 2 / 2. / 2.0 alike
        try:
            return "=" + repr(float(m.group(1)))
        except ValueError:
            return m.group(0)
    return re.sub(r"=(-?[0-9][0-9.eE+-]*)", num, s)


def split_args(schema):
    inner = schema[schema.index("(") + 1:schema.index(") ->")]
    args, depth, cur = [], 0, ""
    for c in inner:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += c
    if cur.strip():
        args.append(cur.strip())
    return args


def appends_defaults(old, new):
    """new == old plus trailing arguments that all have defaults, same returns."""
    a, b = split_args(old), split_args(new)
    if len(b) <= len(a) or old[old.index(") ->"):] != new[new.index(") ->"):].replace("SymInt", "int"):
        return False
    if [normalize(x) for x in a] != [normalize(x) for x in b[:len(a)]]:
        return False
    return all("=" in x or x == "*" for x in b[len(a):])


# The "aten::name.overload(args) -> returns" form of a schema literal.
CPP_SCHEMA = re.compile(r"^(aten|prim)::[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)?\(.*\) -> .+$", re.S)


def cpp_literals(text):
    """The string literals of C++ source, in order, skipping comments and char literals;
    adjacent literals ("aten::f(" "int a) -> int") are joined, as the compiler does."""
    out, i, n, joinable = [], 0, len(text), False
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "'":  # char literal: '"' must not open a string
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            joinable = False
        elif c == '"':
            j, buf = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            lit = "".join(buf).encode().decode("unicode_escape")
            if joinable:
                out[-1] += lit
            else:
                out.append(lit)
            joinable = True
            i = j + 1
        else:
            if not c.isspace():
                joinable = False
            i += 1
    return out


def cpp_schemas(text):
    """Schema string literals of a C++ registration file, in file order."""
    return [s for s in cpp_literals(text) if CPP_SCHEMA.match(s)]


def read_2x(paths):
    schemas = []
    for path in paths:
        with open(path) as f:
            text = f.read()
        if path.endswith((".cpp", ".cc", ".h")):
            schemas += cpp_schemas(text)
        elif path.endswith((".yaml", ".yml")):
            import yaml
            for entry in yaml.safe_load(text):
                if isinstance(entry, dict) and "func" in entry:
                    schemas.append("aten::" + entry["func"].strip())
        else:
            for line in text.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("- func:"):
                    line = line[len("- func:"):].strip()
                if "::" not in line.split("(")[0]:
                    line = "aten::" + line
                schemas.append(line)
    return schemas


def from_2x(paths, write):
    with open(os.path.join(HERE, "schema_table.inc")) as f:
        old = [s for s in map(unescape, f) if s]
    old_by_name = {}
    for s in old:
        old_by_name.setdefault(operator_name(s), s)
    new, overrides, changed, seen = [], [], [], set()
    for s in read_2x(paths):
        name = operator_name(s)
        if name in seen or name.split("::")[0] not in KEEP:
            continue
        seen.add(name)
        if name in old_by_name:
            if normalize(old_by_name[name]) != normalize(s):
                changed.append((name, old_by_name[name], s))
                if name in OVERRIDES and appends_defaults(old_by_name[name], s):
                    overrides.append(s)
        elif not is_noise(s):
            new.append(s)
    src = ", ".join(os.path.basename(p) for p in paths)
    table = ["// Generated by gen_schema_table.py --from-2x (%s); do not edit." % src,
             "// PyTorch 2.x schemas whose operator name PyTorch 1.13's table lacks, in",
             "// native_functions.yaml order; loaded after schema_table.inc."]
    table += [escape(s) for s in new]
    over = ["// Generated by gen_schema_table.py --from-2x (%s); do not edit." % src,
            "// PyTorch 2.x schemas replacing the 1.13 text of the same operator name (2.x",
            "// only appended arguments with defaults, and the op's kernel takes them)."]
    over += [escape(s) for s in overrides]
    if write:
        for name, lines in (("schema_table_2x.inc", table), ("schema_overrides_2x.inc", over)):
            with open(os.path.join(HERE, name), "w") as f:
                f.write("\n".join(lines) + "\n")
    else:
        print("\n".join(table + over))
    print("%d new schemas, %d overrides, %d changed:" % (len(new), len(overrides), len(changed)),
          file=sys.stderr)
    for name, a, b in changed:
        print("%s\n  1.13: %s\n  2.x:  %s" % (name, a, b), file=sys.stderr)


def from_torch():
    import torch
    seen = set()
    print("// Generated by gen_schema_table.py from PyTorch %s; do not edit." % torch.__version__)
    print("// One schema per line, in PyTorch's registration order.")
    for s in torch._C._jit_get_all_schemas():
        if s.name.split("::")[0] not in KEEP:
            continue
        text = str(s)
        if text in seen:
            continue
        seen.add(text)
        print(escape(text))


def main():
    args = sys.argv[1:]
    if args and args[0] == "--from-2x":
        write = "--write" in args
        from_2x([a for a in args[1:] if a != "--write"], write)
    else:
        from_torch()


if __name__ == "__main__":
    main()
