#!/usr/bin/python3
"""Writes the seed corpus of fuzz_unpickler into tests/fuzz/seeds/unpickler/ (< 10 KB each).

Real pickles from PyTorch: torch.save data.pkl files (tensors of several dtypes, views,
a state_dict, OrderedDict, torch.device, big ints), a torch.jit.save data.pkl (objects,
type tags) and constants.pkl, a legacy non-zip torch.save stream, and plain CPython
pickles of protocols 0 to 5 so the text and framing opcodes are covered.
"""
import collections
import io
import math
import os
import pickle
import zipfile

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'seeds', 'unpickler')


def saved_pickle(obj):
    buf = io.BytesIO()
    torch.save(obj, buf)
    with zipfile.ZipFile(buf) as z:
        return z.read([n for n in z.namelist() if n.endswith('/data.pkl')][0])


class Small(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(2, 2)
        self.tags = {'a': 1}
        self.names = ['x']

    def forward(self, x):
        return self.lin(x) * self.tags['a']


W = torch.tensor([1.0, 2.0])


class Traced(torch.nn.Module):
    def forward(self, x):
        return x + W


def jit_pickles():
    out = {}
    for name, module in [('jit_data', torch.jit.script(Small())),
                         ('jit_constants', torch.jit.trace(Traced(), torch.ones(2)))]:
        buf = io.BytesIO()
        torch.jit.save(module, buf)
        with zipfile.ZipFile(buf) as z:
            wanted = 'data.pkl' if name == 'jit_data' else 'constants.pkl'
            out[name] = z.read([n for n in z.namelist() if n.endswith('/' + wanted)][0])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    plain = [0, -1, 2 ** 70, -2 ** 63, 1.5, -0.0, math.inf, 'héllo', None, True, (1, (2,)),
             {'k': [1, 2]}, collections.OrderedDict(a=1)]
    seeds = {
        'tensors': saved_pickle({'f': base, 'view': base[:, 1], 'i8': torch.ones(2, dtype=torch.int8),
                                 'bf16': torch.zeros(1, dtype=torch.bfloat16), 'b': torch.tensor(True)}),
        'state_dict': saved_pickle(torch.nn.Sequential(torch.nn.Linear(2, 1),
                                                       torch.nn.BatchNorm1d(1)).state_dict()),
        'misc': saved_pickle({'dev': torch.device('cuda', 0), 'size': torch.Size([2]),
                              'dtype': torch.float16, 'c': complex(1, 2), 'plain': plain}),
    }
    seeds.update(jit_pickles())
    buf = io.BytesIO()
    torch.save({'t': base, 'l': [1, 'a']}, buf, _use_new_zipfile_serialization=False)
    seeds['legacy'] = buf.getvalue()
    for protocol in range(6):
        seeds['proto%d' % protocol] = pickle.dumps(plain, protocol=protocol)
    for name, data in seeds.items():
        assert len(data) < 10240, name
        with open(os.path.join(OUT, name + '.pkl'), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
