x = r'\d' "\x41\u00e9\101" '''a
b''' + 0x1F + 0o7 + 0b1 + 1_0.5e-3j
y = {k: v for k, v in d.items() if v}[1:2, ..., None, ::2]
