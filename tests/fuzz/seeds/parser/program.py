class Program(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
  table : Dict[str, int]
  maybe : NoneType
  sub : __torch__.Sub
  layers : __torch__.torch.nn.modules.container.___torch_mangle_136.ModuleList
  def forward(self: __torch__.Program,
    x: Tensor,
    n: int=2,
    p: Optional[__torch__.Point]=None) -> Tuple[Tensor, Dict[str, int], float]:
    _0 = "AssertionError: n must be non-negative"
    sub = self.sub
    y = (sub).forward(x, )
    layers = self.layers
    _00 = getattr(layers, "0")
    _1 = getattr(layers, "1")
    y0 = (_00).forward(y, )
    y1 = (_1).forward(y0, )
    y2 = y1
    i = 0
    _2 = torch.lt(0, n)
    while _2:
      y3 = torch.add(y2, 0.)
      i0 = torch.add(i, 1)
      _2, y2, i = torch.lt(i0, n), y3, i0
    if torch.__is__(p, None):
      p0 = __torch__.Point(1., -2.)
    else:
      p1 = unchecked_cast(__torch__.Point, p)
      p0 = p1
    counts = annotate(Dict[str, int], {})
    table = self.table
    _3 = torch.items(table)
    for _4 in range(torch.len(_3)):
      k, v, = _3[_4]
      torch._set_item(counts, k, torch.mul(v, 2))
    sq = annotate(List[int], [])
    for j in range(n):
      _5 = torch.append(sq, torch.mul(j, j))
    c = __torch__.Counter.__new__(__torch__.Counter)
    _6 = (c).__init__(0, )
    _7 = (c).bump("x", )
    if torch.gt(torch.dim(x), 4):
      _8 = torch.add("too many dims: ", str(torch.dim(x)))
      ops.prim.RaiseException(_8, "builtins.ValueError")
    else:
      pass
    if torch.ge(n, 0):
      pass
    else:
      ops.prim.RaiseException(_0)
    if torch.gt(torch.dim(x), 1):
      _9 = torch.unsqueeze(torch.slice(y2, 0, 0, 1), -2)
      _10 = torch.slice(_9, -1, None, None, 2)
      z = _10
    else:
      z = y2
    if torch.gt(n, 0):
      _11 = torch.add("bcd", torch.format("{}", n))
      s = _11
    else:
      s = "neg"
    _12 = torch.add(torch.add(torch.len(sq), 1), 2)
    _13 = torch.add(_12, 3)
    _14 = (self).color_value(__torch__.Color.RED, )
    torch._set_item(counts, s, torch.add(_13, _14))
    w = torch.zeros([2, 3], dtype=6)
    if torch.eq(torch.dim(z), 2):
      _16 = torch.matmul(z, torch.transpose(z, -1, -2))
      _15 = _16
    else:
      _15 = z
    _17 = torch.add((p0)[0], float(torch.len(w)))
    return (_15, counts, _17)
  def words(self: __torch__.Program,
    text: str) -> List[str]:
    out = annotate(List[str], [])
    _17 = torch.split(text, " ")
    for _18 in range(torch.len(_17)):
      w = _17[_18]
      if torch.gt(torch.len(w), 0):
        _20 = torch.__not__(torch.startswith(w, "#"))
        _19 = _20
      else:
        _19 = False
      if _19:
        _21 = torch.add(torch.upper(w), "\n\t\"q\"")
        _22 = torch.append(out, _21)
      else:
        pass
    return out
  def color_value(self: __torch__.Program,
    c: __torch__.Color) -> int:
    if torch.eq(c, __torch__.Color.RED):
      _23 = (c).value
    else:
      _23 = -1
    return _23
class Sub(Module):
  __parameters__ = []
  __buffers__ = ["steps", ]
  steps : Tensor
  training : bool
  _is_full_backward_hook : Optional[bool]
  lin : __torch__.torch.nn.modules.linear.___torch_mangle_135.Linear
  scale : Final[int] = 3
  def forward(self: __torch__.Sub,
    x: Tensor) -> Tensor:
    lin = self.lin
    return torch.mul((lin).forward(x, ), 3)
class Point(NamedTuple):
  x : float
  y : float
class Color(Enum):
  RED = 1
  GREEN = 2
class Counter:
  count : int
  names : List[str]
  def __init__(self: __torch__.Counter,
    start: int) -> NoneType:
    self.count = start
    self.names = annotate(List[str], [])
    return None
  def bump(self: __torch__.Counter,
    name: str) -> int:
    count = self.count
    self.count = torch.add(count, 1)
    names = self.names
    _24 = torch.append(names, name)
    return self.count
