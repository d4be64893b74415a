#!/usr/bin/python3
"""torch.save files: `sconce inspect --json` reports the value tree PyTorch saved
(types, dtypes, shapes, strides, offsets), and `sconce resave` writes a file that
torch.load reads back equal — same values, same types, views still sharing storage
(checked by tests/fixtures/check_equal.py)."""
import json
import os
import tempfile

from common import Results, parse_args, run

CHECK_EQUAL = os.path.join(os.path.dirname(__file__), "../fixtures/check_equal.py")


def compare(mine, want, path):
    """First difference between Sconce's JSON value and the generator's, or None."""
    kind = want["type"]
    if kind == "ordered_dict" and mine["type"] == "ordered_dict":
        pass
    elif mine["type"] != kind:
        return f"{path}: type {mine['type']} vs {kind}"
    if kind == "tensor":
        for key in ("dtype", "shape", "stride", "storage_offset", "requires_grad"):
            if mine[key] != want[key]:
                return f"{path}: {key} {mine[key]} vs {want[key]}"
        return None
    if kind in ("tuple", "list"):
        if len(mine["items"]) != len(want["items"]):
            return f"{path}: {len(mine['items'])} vs {len(want['items'])} items"
        for i, (a, b) in enumerate(zip(mine["items"], want["items"])):
            d = compare(a, b, f"{path}[{i}]")
            if d:
                return d
        return None
    if kind in ("dict", "ordered_dict"):
        if len(mine["items"]) != len(want["items"]):
            return f"{path}: {len(mine['items'])} vs {len(want['items'])} entries"
        for (ka, va), (kb, vb) in zip(mine["items"], want["items"]):
            d = compare(ka, kb, f"{path}.key") or compare(va, vb, f"{path}[{kb.get('value')!r}]")
            if d:
                return d
        return None
    if kind == "float":
        return None if mine["value"] == want["value"] else f"{path}: {mine['value']} vs {want['value']}"
    if "value" in want and mine.get("value") != want["value"]:
        return f"{path}: {mine.get('value')!r} vs {want['value']!r}"
    return None


def main():
    args = parse_args()
    results = Results()
    root = os.path.join(args.fixtures, "saves")
    tmp = tempfile.mkdtemp(prefix="sconce-resave-")
    for fname in sorted(os.listdir(root)):
        if not fname.endswith(".pt"):
            continue
        name = fname[:-3]
        path = os.path.join(root, fname)
        expected = json.load(open(os.path.join(root, name + ".json")))
        rc, out, err = run([args.sconce, "inspect", "--json", path])
        if rc != 0:
            results.check("inspect:" + name, False, f"exit {rc}: {err.strip()}")
        else:
            diff = compare(json.loads(out)["value"], expected["value"], "root")
            results.check("inspect:" + name, diff is None, diff)
        out_path = os.path.join(tmp, name + ".pt")
        rc, _, err = run([args.sconce, "resave", path, out_path])
        if rc != 0:
            results.check("roundtrip:" + name, False, f"resave exit {rc}: {err.strip()}")
            continue
        rc, out, err = run(["/usr/bin/python3", CHECK_EQUAL, path, out_path])
        results.check("roundtrip:" + name, rc == 0, (out + err).strip())
    results.finish()


if __name__ == "__main__":
    main()
