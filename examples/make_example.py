#!/usr/bin/python3
"""Regenerates examples/tiny_cnn.pt, the scripted model the README demo runs.

Usage:  /usr/bin/python3 examples/make_example.py [OUT.pt]    (default: next to this file)

The output is byte-for-byte reproducible (same PyTorch, any working directory): the
weights come from a fixed seed, PyTorch's zip records carry no timestamps, the script
re-executes itself with PYTHONHASHSEED=0 (TorchScript prints a module's constants in
set order, which string hashing randomizes), and the model
source is compiled under the fixed file name "tiny_cnn.py" so the debug records
(code/*.debug_pkl) do not embed the path this script was run from. That is also why the
classes live in the MODEL_SOURCE string below rather than in this file's own code.

Try it:  sconce inspect examples/tiny_cnn.pt
         sconce run examples/tiny_cnn.pt --input x.npy     (x: float32 [N, 3, 32, 32])
"""

import linecache
import os
import sys
import types

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv,
              dict(os.environ, PYTHONHASHSEED="0"))

import torch  # noqa: E402

MODEL_SOURCE = '''\
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import Tensor


class ConvBlock(nn.Module):
    """3x3 convolution, batch norm, ReLU, 2x2 max pool."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x: Tensor) -> Tensor:
        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)


class TinyCNN(nn.Module):
    """A 10-class classifier for 3x32x32 images."""

    def __init__(self, classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(ConvBlock(3, 8), ConvBlock(8, 16))
        self.classifier = nn.Linear(16, classes)

    def forward(self, x: Tensor) -> Tensor:
        x = self.features(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.classifier(x)

    @torch.jit.export
    def predict(self, x: Tensor) -> Tensor:
        """The most likely class of each image."""
        return self.forward(x).argmax(dim=1)
'''

SOURCE_NAME = "tiny_cnn.py"


def load_model_module():
    """MODEL_SOURCE as the module `tiny_cnn`, its source findable by inspect."""
    lines = MODEL_SOURCE.splitlines(keepends=True)
    linecache.cache[SOURCE_NAME] = (len(MODEL_SOURCE), None, lines, SOURCE_NAME)
    module = types.ModuleType("tiny_cnn")
    module.__file__ = SOURCE_NAME
    sys.modules["tiny_cnn"] = module
    exec(compile(MODEL_SOURCE, SOURCE_NAME, "exec"), module.__dict__)
    return module


def build():
    torch.manual_seed(0)
    model = load_model_module().TinyCNN()
    # Non-trivial batch-norm statistics, so eval() differs from an identity.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
    return torch.jit.script(model.eval())


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "tiny_cnn.pt")
    torch.set_num_threads(1)
    scripted = build()
    scripted.save(out)
    x = torch.linspace(-1.0, 1.0, 2 * 3 * 32 * 32).reshape(2, 3, 32, 32)
    print(f"wrote {out} ({os.path.getsize(out)} bytes); "
          f"predict(linspace input) = {scripted.predict(x).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
