#!/usr/bin/python3
"""Zip fixtures and oracle checks for zip_test.cpp, made with Python's zipfile and torch.

  make_zips.py gen DIR        write the fixture archives into DIR
  make_zips.py verify ZIP     check ZIP with zipfile; print one line per entry:
                              name<TAB>size<TAB>crc32<TAB>data offset % 64
  make_zips.py torchload PT   torch.jit.load PT and print its output for ones(2, 3)
"""
import struct
import sys
import zipfile
import zlib

TEXT = b"".join(b"line %d of a compressible text\n" % i for i in range(4000))


def write_common(path, compression, **open_kwargs):
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        for name, data in [("a.txt", b"hello"), ("dir/b.bin", bytes(range(256)) * 10),
                           ("empty.txt", b""), ("text.txt", TEXT)]:
            with z.open(name, "w", **open_kwargs) as f:
                f.write(data)


def crafted_zip64(path):
    """One stored and one deflated entry whose central directory saturates size and
    offset fields (0xFFFFFFFF) and gives the real values in zip64 extra fields, with a
    zip64 end record. zipfile only writes these for >4 GiB data."""
    out = bytearray(b"JUNK" * 4)  # leading bytes: local header offsets are non-zero
    central = bytearray()
    entries = [("s.bin", 0, b"stored zip64 bytes"), ("d.txt", 8, TEXT)]
    for name, method, data in entries:
        comp = data if method == 0 else zlib.compress(data, 9)[2:-4]
        crc = zlib.crc32(data)
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, method, 0, 0x21, crc,
                           len(comp), len(data), len(name), 0) + name.encode() + comp
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(comp), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, method, 0, 0x21,
                               crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra), 0, 0, 0,
                               0, 0xFFFFFFFF) + name.encode() + extra
    cd_offset = len(out)
    out += central
    z64 = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries),
                       len(entries), len(central), cd_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                       0xFFFFFFFF, 0)
    with open(path, "wb") as f:
        f.write(out)


def tiny_model(path):
    import torch

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.arange(12.0).reshape(3, 4))
            self.bias = torch.nn.Parameter(torch.full((4,), 0.5))

        def forward(self, x):
            return x @ self.weight + self.bias

    torch.jit.save(torch.jit.script(Tiny()), path)


def gen(out):
    write_common(f"{out}/stored.zip", zipfile.ZIP_STORED)
    write_common(f"{out}/deflated.zip", zipfile.ZIP_DEFLATED)
    write_common(f"{out}/forced64.zip", zipfile.ZIP_DEFLATED, force_zip64=True)
    with zipfile.ZipFile(f"{out}/comment.zip", "w") as z:
        z.writestr("a.txt", b"hello")
        # A fake empty end record inside the comment: only the real one ends the file.
        z.comment = b"PK\x05\x06" + bytes(18) + b"x" * 300
    crafted_zip64(f"{out}/crafted64.zip")
    tiny_model(f"{out}/tiny.pt")


def verify(path):
    data = open(path, "rb").read()
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit(f"testzip failed on {bad}")
        for info in z.infolist():
            o = info.header_offset
            name_len, extra_len = struct.unpack("<HH", data[o + 26:o + 30])
            content = z.read(info)
            print(f"{info.filename}\t{len(content)}\t{zlib.crc32(content)}\t"
                  f"{(o + 30 + name_len + extra_len) % 64}")


def torchload(path):
    import torch
    print(torch.jit.load(path)(torch.ones(2, 3)).tolist())


if __name__ == "__main__":
    {"gen": gen, "verify": verify, "torchload": torchload}[sys.argv[1]](sys.argv[2])
