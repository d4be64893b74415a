#!/usr/bin/python3
"""Writes the seed corpus of fuzz_zip into tests/fuzz/seeds/zip/ (each seed < 10 KB).

Covers the structures the reader parses: stored and deflated entries, zip64 extras and
end records, an archive comment, and PyTorch's layout (a root folder, 'FB' padding to
64-byte aligned data, data descriptors), the last built by hand so no torch is needed.
"""
import io
import os
import struct
import zipfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds", "zip")


def zipped(compression, force_zip64=False, comment=b""):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as z:
        for name, data in [("m/version", b"3\n"), ("m/data/0", bytes(range(64))),
                           ("m/code/x.py", b"def forward(self, x):\n    return x\n" * 8)]:
            info = zipfile.ZipInfo(name)  # fixed 1980 timestamp: reproducible seeds
            info.compress_type = compression
            with z.open(info, "w", force_zip64=force_zip64) as f:
                f.write(data)
        z.comment = comment
    return buf.getvalue()


def torch_like():
    """Stored records with 'FB' padding and data descriptors, zip64 end record, like
    torch.jit.save (caffe2 PyTorchStreamWriter via miniz)."""
    out, central = bytearray(), bytearray()
    for name, data in [(b"t/data.pkl", b"\x80\x02}q\x00."), (b"t/data/0", bytes(16)),
                       (b"t/version", b"3\n")]:
        offset, crc = len(out), zlib.crc32(data)
        pad = -(offset + 30 + len(name) + 4) % 64
        extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 0, 0x808, 0, 0, 0, 0, 0, 0,
                           len(name), len(extra)) + name + extra + data
        out += struct.pack("<IIII", 0x08074B50, crc, len(data), len(data))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0, 0, 0x808, 0, 0, 0, crc,
                               len(data), len(data), len(name), 0, 0, 0, 0, 0, offset) + name
    cd, z64 = len(out), len(out) + len(central)
    out += central
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 0x31E, 45, 0, 0, 3, 3, len(central), cd)
    out += struct.pack("<IIQI", 0x07064B50, 0, z64, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 3, 3, len(central), cd, 0)
    return bytes(out)


SEEDS = {
    "stored.zip": zipped(zipfile.ZIP_STORED),
    "deflated.zip": zipped(zipfile.ZIP_DEFLATED),
    "zip64.zip": zipped(zipfile.ZIP_DEFLATED, force_zip64=True),
    "comment.zip": zipped(zipfile.ZIP_STORED, comment=b"a comment"),
    "torch_like.pt": torch_like(),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        assert len(data) < 10_000
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
