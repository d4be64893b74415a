#!/usr/bin/python3
"""Pickle fixtures for tests/unit/serialization/pickle_test.cpp, made with real PyTorch.

  make_pickles.py generate DIR     writes DIR/<case>/{data.pkl, data/<key>, expected.txt}
                                   for every case (extracted from torch.save /
                                   torch.jit.save zips with zipfile, so the C++ test
                                   does not depend on our zip reader), DIR/legacy.pt
                                   and DIR/cases.txt ("<case> <kind>" lines)
  make_pickles.py verify DIR CASE...
                                   for each CASE, DIR/<case>.rt/ holds data.pkl and
                                   data/<key> written by our Pickler: zips them,
                                   loads them with torch.load (and torch.jit.load for
                                   TorchScript archives) and compares with expected.txt

expected.txt is a canonical rendering (render() below) that pickle_test.cpp
reproduces from the IValues: containers in order, floats as repr(), tensors with
dtype, sizes, strides, offset, requires_grad, storage identity and every element;
a container or tensor met a second time renders as @<n> (the n-th one met).
"""
import collections
import math
import os
import pickle
import sys
import zipfile
from typing import Dict, List, Optional, Tuple

import torch

DTYPE_INT = {torch.uint8: 0, torch.int8: 1, torch.int16: 2, torch.int32: 3, torch.int64: 4,
             torch.float16: 5, torch.float32: 6, torch.float64: 7, torch.bool: 11,
             torch.bfloat16: 15}


class TSObject:
    """A `__torch__` object as a plain record: class name and BUILD state."""
    qualname = '?'

    def __setstate__(self, state):
        self.state = state


class JitUnpickler(pickle.Unpickler):
    """Reads a TorchScript data.pkl without the classes' code, storages from files."""

    def __init__(self, f, storage_dir):
        super().__init__(f)
        self.storage_dir = storage_dir
        self.storages = {}
        self.classes = {}

    def find_class(self, module, name):
        if module == '__torch__' or module.startswith('__torch__.'):
            qual = module + '.' + name
            if qual not in self.classes:
                self.classes[qual] = type(name, (TSObject,), {'qualname': qual})
            return self.classes[qual]
        return super().find_class(module, name)

    def persistent_load(self, pid):
        _, cls, key, _location, numel = pid[:5]
        if key not in self.storages:
            with open(os.path.join(self.storage_dir, key), 'rb') as f:
                data = f.read()
            dtype = cls.dtype
            t = (torch.frombuffer(bytearray(data), dtype=dtype) if data
                 else torch.empty(0, dtype=dtype))
            self.storages[key] = t.storage()
        return self.storages[key]


def jit_unpickle(case_dir, storage_subdir='data'):
    with open(os.path.join(case_dir, 'data.pkl'), 'rb') as f:
        return JitUnpickler(f, os.path.join(case_dir, storage_subdir)).load()


def render(v, st=None):
    st = st if st is not None else {'ids': {}, 'storages': {}}

    def seen(x):
        if id(x) in st['ids']:
            return '@%d' % st['ids'][id(x)]
        st['ids'][id(x)] = len(st['ids'])
        return None

    if v is None:
        return 'None'
    if isinstance(v, bool):
        return 'True' if v else 'False'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, complex):
        return 'complex(%r, %r)' % (v.real, v.imag)
    if isinstance(v, str):
        return repr(v)
    if isinstance(v, torch.device):
        return 'device(%s)' % v
    if isinstance(v, torch.dtype):
        return str(DTYPE_INT[v])
    if isinstance(v, torch.Tensor):
        ref = seen(v)
        if ref:
            return ref
        storage = v.storage()
        if storage.nbytes() == 0:
            sid = '-'
        else:
            sid = st['storages'].setdefault(storage.data_ptr(), len(st['storages']))
        items = v.detach().flatten().tolist() if v.dim() else [v.item()]
        data = ', '.join(render(x) for x in items)
        return 'tensor(%s, %s, %s, off=%d, rg=%s, sid=%s, data=[%s])' % (
            str(v.dtype)[6:], list(v.shape), list(v.stride()), v.storage_offset(),
            v.requires_grad, sid, data)
    if isinstance(v, TSObject):
        ref = seen(v)
        if ref:
            return ref
        if isinstance(v.state, dict):
            return 'object %s{%s}' % (v.qualname, ', '.join(
                '%s: %s' % (render(k, st), render(x, st)) for k, x in v.state.items()))
        return 'object %s state=%s' % (v.qualname, render(v.state, st))
    if isinstance(v, dict):
        ref = seen(v)
        if ref:
            return ref
        prefix = 'odict' if isinstance(v, collections.OrderedDict) else ''
        return prefix + '{%s}' % ', '.join(
            '%s: %s' % (render(k, st), render(x, st)) for k, x in v.items())
    if isinstance(v, list):
        ref = seen(v)
        if ref:
            return ref
        return '[%s]' % ', '.join(render(x, st) for x in v)
    if isinstance(v, tuple):
        if v:
            ref = seen(v)
            if ref:
                return ref
        inner = ', '.join(render(x, st) for x in v)
        return '(%s,)' % inner if len(v) == 1 else '(%s)' % inner
    raise TypeError('cannot render %r' % type(v))


# ---- torch.save cases ----------------------------------------------------------------

def dtype_case():
    values = [0, 1, -2, 3.5, 100, -128, 127]
    out = collections.OrderedDict()
    for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int8,
               torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool]:
        vals = [abs(x) % 256 for x in values] if dt == torch.uint8 else values
        out[str(dt)[6:]] = torch.tensor(vals).to(dt)
    out['specials'] = torch.tensor([math.inf, -math.inf, math.nan, -0.0, 1e-30, 0.1])
    out['half_specials'] = torch.tensor([math.inf, math.nan, -0.0, 65504.0, 6e-8]).half()
    return out


def complex_case():
    c64 = torch.tensor([[1 + 2j, -0.5j, math.inf - 1j], [math.nan + 0j, 3.25, -0.0 + 1e-30j]])
    c128 = torch.tensor([1.5 - 2.5j, 1e300 + 1e-300j], dtype=torch.complex128)
    return {'c64': c64, 'col': c64[:, 1], 't': c64.t(), 'c128': c128, 'scalar': torch.tensor(2 - 3j),
            'empty': torch.zeros(0, dtype=torch.complex128)}


def views_case():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    other = torch.arange(5, dtype=torch.int64)
    return {'base': base, 't': base.t(), 'col': base[:, 2], 'slice': base[1:3, ::2],
            'tail': base.view(-1)[5:], 'other': other, 'other_rev': other[1:4],
            'same': base, 'expand': other[:1].expand(3)}


def scalar_case():
    return [torch.tensor(3.5), torch.tensor(7), torch.tensor(True), torch.zeros(0),
            torch.zeros(2, 0, 3, dtype=torch.int32), torch.ones(1, 1, 1, 1)]


def nested_case():
    shared = [1, 2]
    return (1, [2, (3, 4.5)], {'a': [None, True, False], 'b': {'c': 'd', 7: (8,)}},
            collections.OrderedDict([('z', 1), ('a', shared)]), (), [], {}, shared,
            {(1, 'k'): 'tuple key', 2.5: 'float key', None: 'none key', False: 'bool key'},
            [[[[[[['deep']]]]]]])


def strings_case():
    return ['', 'ascii', 'héllo wörld', '日本語', '🎉 emoji', 'quote\'s "dq"',
            'tab\tnewline\n', 'x' * 300]


def numbers_case():
    return [0, 1, -1, 255, 256, 65535, 65536, -2 ** 31, 2 ** 31 - 1, 2 ** 31, 2 ** 63 - 1,
            -2 ** 63, 2 ** 70, -2 ** 70, 2 ** 64, -2 ** 64 + 1, 10 ** 40, 1.5, -0.0, math.inf,
            -math.inf, math.nan, 1e-300, 1e300, 5e-324, None, True, False]


def state_dict_case():
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Conv2d(2, 3, 3), torch.nn.BatchNorm2d(3),
                            torch.nn.Flatten(), torch.nn.Linear(12, 2))
    return m.state_dict()


def grad_case():
    torch.manual_seed(1)
    return {'param': torch.nn.Parameter(torch.randn(3)),
            'leaf': torch.ones(2, requires_grad=True), 'plain': torch.zeros(2)}


def misc_case():
    return {'cpu': torch.device('cpu'), 'cuda1': torch.device('cuda', 1),
            'cuda': torch.device('cuda'), 'size': torch.Size([2, 3]),
            'complex': complex(1.5, -2.0), 'long_list': list(range(2500)),
            'long_dict': {i: -i for i in range(1500)}}


def dtype_globals_case():  # dtypes read back as ints, so no round trip
    return [torch.float16, torch.int64, torch.bool, torch.bfloat16]


SAVE_CASES = {
    'dtypes': (dtype_case, True), 'views': (views_case, True), 'scalars': (scalar_case, True),
    'nested': (nested_case, True), 'strings': (strings_case, True),
    'numbers': (numbers_case, True), 'state_dict': (state_dict_case, True),
    'grad': (grad_case, True), 'misc': (misc_case, True),
    'dtype_globals': (dtype_globals_case, False), 'complex': (complex_case, True),
}


# ---- TorchScript cases ---------------------------------------------------------------

class Leaf(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 2)
        self.register_buffer('scale', torch.tensor([2.0, 0.5]))

    def forward(self, x):
        return self.lin(x) * self.scale


class Net(torch.nn.Module):
    names: List[str]
    table: Dict[str, torch.Tensor]
    maybe: Optional[int]
    pair: Tuple[int, str]

    def __init__(self):
        super().__init__()
        self.a = Leaf()
        self.b = Leaf()
        self.names = ['x', 'y']
        self.counts = [1, 2, 3]
        self.table = {'w': torch.ones(2)}
        self.maybe = None
        self.pair = (4, 'four')
        self.ratio = 0.25
        self.flag = True

    def forward(self, x):
        y = self.a(x) + self.b(x) * self.ratio + self.table['w']
        return y * self.counts[1]


W = torch.tensor([[1.0, -1.0], [0.5, 2.0]])


class Traced(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(2, 2)

    def forward(self, x):
        return self.lin(x) @ W


def jit_cases(out):
    torch.manual_seed(2)
    scripted = torch.jit.script(Net())
    traced = torch.jit.trace(Traced(), torch.ones(2, 2))
    cases = []
    for name, module, inp in [('jit', scripted, torch.ones(1, 3)),
                              ('traced', traced, torch.ones(2, 2))]:
        path = os.path.join(out, name + '.pt')
        module.save(path)
        torch.save(inp, os.path.join(out, name + '.input.pt'))
        extract(path, os.path.join(out, name), 'data.pkl', 'data/')
        write(os.path.join(out, name, 'expected.txt'), render(jit_unpickle(os.path.join(out, name))))
        cases.append((name, 'jit'))
    # constants.pkl: the traced function's tensor constant W, stored under constants/.
    cdir = os.path.join(out, 'constants')
    extract(os.path.join(out, 'traced.pt'), cdir, 'constants.pkl', 'constants/')
    write(os.path.join(cdir, 'expected.txt'), render(jit_unpickle(cdir)))
    cases.append(('constants', 'readonly'))
    return cases


# ---- generation ----------------------------------------------------------------------

def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text + '\n')


def extract(zip_path, case_dir, pickle_name, storage_prefix):
    """Copies <root>/<pickle_name> to case_dir/data.pkl and <root>/<storage_prefix><key>
    to case_dir/data/<key>."""
    os.makedirs(os.path.join(case_dir, 'data'), exist_ok=True)
    with zipfile.ZipFile(zip_path) as z:
        for name in z.namelist():
            rel = name.split('/', 1)[1]
            if rel == pickle_name:
                target = os.path.join(case_dir, 'data.pkl')
            elif rel.startswith(storage_prefix):
                target = os.path.join(case_dir, 'data', rel[len(storage_prefix):])
            else:
                continue
            with open(target, 'wb') as f:
                f.write(z.read(name))


def generate(out):
    os.makedirs(out, exist_ok=True)
    cases = []
    for name, (make, roundtrip) in SAVE_CASES.items():
        path = os.path.join(out, name + '.pt')
        torch.save(make(), path)
        extract(path, os.path.join(out, name), 'data.pkl', 'data/')
        write(os.path.join(out, name, 'expected.txt'), render(torch.load(path)))
        cases.append((name, 'save' if roundtrip else 'readonly'))
    cases += jit_cases(out)
    legacy = {'t': torch.arange(6, dtype=torch.float64).reshape(2, 3), 'b': torch.tensor([True]),
              'h': torch.ones(3, dtype=torch.bfloat16), 'n': [1, 'two', None]}
    legacy['view'] = legacy['t'][:, 1]
    torch.save(legacy, os.path.join(out, 'legacy.pt'), _use_new_zipfile_serialization=False)
    write(os.path.join(out, 'legacy.expected.txt'),
          render(torch.load(os.path.join(out, 'legacy.pt'))))
    # Plain pickles of every protocol, as CPython writes them (protocols 0/1 use the
    # text opcodes INT, LONG, FLOAT, UNICODE, PUT, GET; 4/5 add FRAME, MEMOIZE,
    # SHORT_BINUNICODE and STACK_GLOBAL).
    plain = [numbers_case(), strings_case(), nested_case()[:-1],
             collections.OrderedDict([('k', (1, 2)), ('j', {'x': [1.5]})])]
    for protocol in range(6):
        case_dir = os.path.join(out, 'proto%d' % protocol)
        os.makedirs(case_dir, exist_ok=True)
        with open(os.path.join(case_dir, 'data.pkl'), 'wb') as f:
            pickle.dump(plain, f, protocol=protocol)
        write(os.path.join(case_dir, 'expected.txt'), render(plain))
        cases.append(('proto%d' % protocol, 'readonly'))
    write(os.path.join(out, 'cases.txt'), '\n'.join('%s %s' % c for c in cases))


# ---- verification of round trips -----------------------------------------------------

def zip_dir(case_dir, zip_path, root, extra=()):
    with zipfile.ZipFile(zip_path, 'w', zipfile.ZIP_STORED) as z:
        z.write(os.path.join(case_dir, 'data.pkl'), root + '/data.pkl')
        data = os.path.join(case_dir, 'data')
        if os.path.isdir(data):
            for key in sorted(os.listdir(data)):
                z.write(os.path.join(data, key), root + '/data/' + key)
        for name, payload in extra:
            z.writestr(root + '/' + name, payload)


def verify_case(out, case, kind):
    rt = os.path.join(out, case + '.rt')
    expected = open(os.path.join(out, case, 'expected.txt'), encoding='utf-8').read().rstrip('\n')
    if kind == 'save':
        zip_path = os.path.join(out, case + '.rt.pt')
        zip_dir(rt, zip_path, case + '_rt', [('version', '3\n')])
        got = render(torch.load(zip_path))
        if got != expected:
            return 'torch.load gives\n  %s\nexpected\n  %s' % (got, expected)
        try:
            torch.load(os.path.join(out, case + '.pt'), weights_only=True)
        except Exception:  # the original is not weights_only-loadable either
            return None
        got = render(torch.load(zip_path, weights_only=True))
        if got != expected:
            return 'torch.load(weights_only=True) gives\n  %s' % got
        return None
    # TorchScript archive: our data.pkl + data/ inside the original archive.
    got = render(jit_unpickle(rt))
    if got != expected:
        return 'data.pkl reads back as\n  %s\nexpected\n  %s' % (got, expected)
    original = os.path.join(out, case + '.pt')
    zip_path = os.path.join(out, case + '.rt.pt')
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(zip_path, 'w') as dst:
        for name in src.namelist():
            rel = name.split('/', 1)[1]
            if rel != 'data.pkl' and not rel.startswith('data/'):
                dst.writestr(name, src.read(name))
        root = src.namelist()[0].split('/', 1)[0]
    with zipfile.ZipFile(zip_path, 'a') as dst:
        dst.write(os.path.join(rt, 'data.pkl'), root + '/data.pkl')
        for key in sorted(os.listdir(os.path.join(rt, 'data'))):
            dst.write(os.path.join(rt, 'data', key), root + '/data/' + key)
    inp = torch.load(os.path.join(out, case + '.input.pt'))
    want = torch.jit.load(original)(inp)
    got = torch.jit.load(zip_path)(inp)
    if not torch.equal(want, got):
        return 'torch.jit.load of the rewritten archive computes %s, expected %s' % (got, want)
    return None


def verify(out, cases):
    kinds = dict(line.split() for line in open(os.path.join(out, 'cases.txt')))
    failed = False
    for case in cases:
        try:
            problem = verify_case(out, case, kinds[case])
        except Exception as e:  # report every case, not just the first failure
            problem = '%s: %s' % (type(e).__name__, e)
        print('%s %s%s' % ('MISMATCH' if problem else 'OK', case, ': ' + problem if problem else ''))
        failed = failed or bool(problem)
    return 1 if failed else 0


if __name__ == '__main__':
    if sys.argv[1] == 'generate':
        generate(sys.argv[2])
    elif sys.argv[1] == 'verify':
        sys.exit(verify(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit('usage: make_pickles.py generate DIR | verify DIR CASE...')
