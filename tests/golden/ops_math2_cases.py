"""Op database: trigonometric, special and complex-number ops (issue 16) and a few array ops, recorded from
MindSpore 2.10 (`python -m tests.golden.record ops_math2`), replayed by `tests/test_opdb.py`."""

import numpy as np
from opdb import OpInfo, S, cases

_rs = np.random.RandomState(7)
x = _rs.uniform(-0.9, 0.9, (2, 3)).astype(np.float32)         # inside (-1, 1)
big = _rs.uniform(1.2, 3.0, (2, 3)).astype(np.float32)        # above 1
pos = _rs.uniform(0.5, 2.5, (2, 3)).astype(np.float32)
y = _rs.uniform(0.5, 2.0, (2, 3)).astype(np.float32)
re, im = x, _rs.uniform(-1.0, 1.0, (2, 3)).astype(np.float32)
z = (re + 1j * im).astype(np.complex64)
img = _rs.standard_normal((2, 4, 3, 3)).astype(np.float32)

OPS = [
    OpInfo("ops.tan", [S(x)], grad=True, dtypes=("float32", "float16")),
    OpInfo("ops.Tan", [S(x)], init={}, grad=True),
    OpInfo("ops.asin", [S(x)], grad=True),
    OpInfo("ops.Asin", [S(x)], init={}),
    OpInfo("ops.sinh", [S(x)], grad=True),
    OpInfo("ops.Sinh", [S(x)], init={}),
    OpInfo("ops.cosh", [S(x)], grad=True),
    OpInfo("ops.Cosh", [S(x)], init={}),
    OpInfo("ops.asinh", [S(x)], grad=True),
    OpInfo("ops.Asinh", [S(x)], init={}),
    OpInfo("ops.acosh", [S(big)], grad=True),
    OpInfo("ops.Acosh", [S(big)], init={}),
    OpInfo("ops.atanh", [S(x)], grad=True),
    OpInfo("ops.Atanh", [S(x)], init={}),
    OpInfo("ops.erfinv", [S(x)], grad=True),
    OpInfo("ops.Erfinv", [S(x)], init={}),
    OpInfo("ops.lgamma", [S(pos)], grad=True),
    OpInfo("ops.Lgamma", [S(pos)], init={}),
    OpInfo("ops.digamma", [S(pos)], grad=True),
    OpInfo("ops.Digamma", [S(pos)], init={}),
    OpInfo("ops.xlogy", [S(x, y)], grad=True),
    OpInfo("ops.Xlogy", [S(x, y)], init={}),
    OpInfo("ops.real", [S(z)], dtypes=None),
    OpInfo("ops.Real", [S(z)], init={}, dtypes=None),
    OpInfo("ops.imag", [S(z)], dtypes=None),
    OpInfo("ops.Imag", [S(z)], init={}, dtypes=None),
    OpInfo("ops.conj", [S(z)], dtypes=None),
    OpInfo("ops.Conj", [S(z)], init={}, dtypes=None),
    OpInfo("ops.angle", [S(z)], dtypes=None),
    OpInfo("ops.Angle", [S(z)], init={}, dtypes=None),
    OpInfo("ops.Complex", [S(re, im)], init={}),
    OpInfo("ops.ComplexAbs", [S(z)], init={}, dtypes=None),
    OpInfo("ops.group_norm", [S(img, 2)], grad=True),
]
globals().update(cases(OPS))
