#!/usr/bin/python3
"""`sconce inspect --json` on every fixture archive agrees with PyTorch: root class,
named_parameters() / named_buffers() (names, shapes, dtypes, in order), parameter count,
methods, and the class of every submodule."""
import json
import os

from common import Results, parse_args, run


def module_classes(node, prefix, out):
    out.append([prefix, node["class"]])
    for child in node["children"]:
        module_classes(child, child["name"] if not prefix else prefix + "." + child["name"], out)
    return out


def main():
    args = parse_args()
    results = Results()
    root = os.path.join(args.fixtures, "archives")
    for name in sorted(os.listdir(root)):
        model = os.path.join(root, name, "model.pt")
        if not os.path.exists(model):
            continue
        expected = json.load(open(os.path.join(root, name, "expected.json")))
        rc, out, err = run([args.sconce, "inspect", "--json", model])
        if rc != 0:
            results.check(name, False, f"exit {rc}: {err.strip()}")
            continue
        got = json.loads(out)
        problems = []
        if got["class"] != expected["class"]:
            problems.append(f"class {got['class']} != {expected['class']}")
        for key in ("parameters", "buffers"):
            mine = [[p["name"], p["shape"], p["dtype"]] for p in got[key]]
            if mine != expected[key]:
                problems.append(f"{key} differ: first {mine[:2]} vs {expected[key][:2]} "
                                f"({len(mine)} vs {len(expected[key])})")
        if got["parameter_count"] != expected["parameter_count"]:
            problems.append(f"parameter_count {got['parameter_count']} != {expected['parameter_count']}")
        if sorted(got["methods"]) != sorted(expected["methods"]):
            problems.append(f"methods {got['methods']} != {expected['methods']}")
        classes = module_classes(got["module"], "", [])
        if classes != expected["submodules"]:
            problems.append(f"submodules differ ({len(classes)} vs {len(expected['submodules'])})")
        results.check(name, not problems, "; ".join(problems))

    # The human-readable form works on the same files and on the example.
    rc, out, err = run([args.sconce, "inspect", os.path.join(os.path.dirname(__file__),
                                                             "../../examples/tiny_cnn.pt")])
    results.check("text:tiny_cnn", rc == 0 and "Parameters" in out and "Conv2d" in out, err)
    results.finish()


if __name__ == "__main__":
    main()
