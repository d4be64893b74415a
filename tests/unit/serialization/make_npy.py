#!/usr/bin/python3
"""Fixtures of npy_test.cpp, written by numpy.save into DIR, and a checker.

  make_npy.py generate DIR   writes <name>.npy files (see CASES) and values.txt
  make_npy.py check FILE     loads FILE with numpy and prints dtype, shape, flat values
"""
import sys

import numpy as np

CASES = {
    "f4_2x3": np.arange(6, dtype="<f4").reshape(2, 3) / 4,
    "f8_big_endian": np.array([1.5, -2.25, 3e100], dtype=">f8"),
    "f2": np.array([0.5, -1.0, 65504.0], dtype="<f2"),
    "i8_fortran": np.asfortranarray(np.arange(12, dtype="<i8").reshape(3, 4)),
    "i4_3d_fortran_be": np.asfortranarray(np.arange(24, dtype=">i4").reshape(2, 3, 4)),
    "i2": np.array([-32768, 7, 32767], dtype="<i2"),
    "i1": np.array([-128, 0, 127], dtype="i1"),
    "u1": np.array([0, 200, 255], dtype="u1"),
    "bool": np.array([[True, False], [False, True]]),
    "scalar": np.array(3.25, dtype="<f8"),
    "empty": np.zeros((0, 5), dtype="<f4"),
    "c8": np.array([1 + 2j, -3.5j], dtype="<c8"),
}


def main():
    if sys.argv[1] == "generate":
        out = sys.argv[2]
        with open(f"{out}/values.txt", "w") as f:
            for name, a in CASES.items():
                np.save(f"{out}/{name}.npy", a)
                flat = np.ascontiguousarray(a).reshape(-1)
                vals = " ".join(repr(complex(v)) if a.dtype.kind == "c" else repr(float(v)) for v in flat)
                f.write(f"{name}|{a.dtype.kind}{a.dtype.itemsize}|{' '.join(map(str, a.shape))}|{vals}\n")
        # numpy's own version 2.0 header (for headers over 64 KiB).
        np.lib.format.write_array(open(f"{out}/v2.npy", "wb"), np.arange(3, dtype="<f4"), version=(2, 0))
        np.save(f"{out}/u2.npy", np.arange(3, dtype="<u2"))
        np.save(f"{out}/strings.npy", np.array(["a", "bc"]))
    else:
        a = np.load(sys.argv[2])
        flat = np.ascontiguousarray(a).reshape(-1)
        print(f"{a.dtype.kind}{a.dtype.itemsize}|{' '.join(map(str, a.shape))}|"
              + " ".join(repr(float(v)) for v in flat))


if __name__ == "__main__":
    main()
