def f(x, y):
    # type: (int, Tensor) -> Tensor
    z = [] # type: List[int]
    return x if y else -9223372036854775808
