"""Op database: `mindspore.numpy` element-wise functions, reductions and linear algebra (see opdb.py)."""

import numpy as np
from opdb import Dtype, OpInfo, S, cases
from numpy_opdb_util import split_grads

_r = np.random.RandomState(0)
X = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
Y = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
P = _r.uniform(0.5, 2, (2, 3)).astype(np.float32)      # positive
Q = _r.uniform(0.5, 2, (2, 3)).astype(np.float32)
U = _r.uniform(-0.8, 0.8, (2, 3)).astype(np.float32)   # inside (-1, 1)
G = _r.uniform(1.2, 3, (2, 3)).astype(np.float32)      # above 1
IN = np.array([[1, -2, 3], [4, 0, -6]], np.int32)
J = np.array([[2, 3, 1], [1, 4, 5]], np.int32)
B = np.array([[True, False, True], [False, False, True]])
V = _r.uniform(-2, 2, (4,)).astype(np.float32)
M = _r.uniform(-1, 1, (3, 3)).astype(np.float32)
N = _r.uniform(-1, 1, (3, 2)).astype(np.float32)
F16 = Dtype("float16")


LISTS = {"sqrt", "exp", "sin", "add", "divide", "power", "equal", "maximum", "floor_divide", "logical_and"}


def _ew(name, base, grad=True, ints=True, tensor_only=False):
    """Entries of one element-wise function: a float32 sample (with gradients), then dtype samples: dtype=Float16,
    integers, and for a few functions Python lists."""
    extra = [S(*base, dtype=F16)]
    if ints:
        extra += [S(*[IN if a is X or a is Y else (J if a is P or a is Q or a is G else a) for a in base])]
    if not tensor_only and name in LISTS:
        extra += [S(*[a.tolist() for a in base])]
    return [OpInfo(f"numpy.{name}", [S(*base)], grad=grad), OpInfo(f"numpy.{name}", extra, dtypes=None, tag="dt")]


UNARY = {
    "abs": (X,), "absolute": (X,), "fabs": (X,), "negative": (X,), "positive": (X,), "square": (X,),
    "reciprocal": (P,), "sqrt": (P,), "cbrt": (P,), "exp": (X,), "exp2": (X,), "expm1": (X,), "log": (P,),
    "log2": (P,), "log10": (P,), "log1p": (P,), "sin": (X,), "cos": (X,), "tan": (U,), "sinh": (X,),
    "cosh": (X,), "tanh": (X,), "arcsin": (U,), "arccos": (U,), "arctan": (X,), "arcsinh": (X,), "arccosh": (G,),
    "arctanh": (U,), "deg2rad": (X,), "rad2deg": (X,), "radians": (X,),
}
NOGRAD_UNARY = {"ceil": (X,), "floor": (X,), "trunc": (X,), "rint": (X,), "fix": (X,), "sign": (X,),
                "signbit": (X,), "isfinite": (X,), "isinf": (X,), "isnan": (X,), "logical_not": (X,),
                "isneginf": (X,), "isposinf": (X,)}
BINARY = {
    "add": (X, Y), "subtract": (X, Y), "multiply": (X, Y), "divide": (X, Q), "true_divide": (X, Q),
    "power": (P, Y), "float_power": (P, Y), "maximum": (X, Y), "minimum": (X, Y), "arctan2": (X, Y),
    "hypot": (X, Y), "logaddexp": (X, Y), "logaddexp2": (X, Y), "copysign": (X, Y), "fmod": (X, Q),
    "remainder": (X, Q), "mod": (X, Q),
}
NOGRAD_BINARY = {"floor_divide": (X, Q), "heaviside": (X, Y), "equal": (X, Y), "not_equal": (X, Y),
                 "greater": (X, Y), "greater_equal": (X, Y), "less": (X, Y), "less_equal": (X, Y),
                 "logical_and": (X, Y), "logical_or": (X, Y), "logical_xor": (X, Y)}
TENSOR_ONLY = {"positive", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "arcsinh",
               "arccosh", "arctanh", "deg2rad", "rad2deg", "radians", "fix", "isposinf", "isneginf", "abs",
               "absolute", "fabs", "log2", "log10", "arctan2", "less_equal", "logical_xor", "multiply",
               "not_equal", "logaddexp2"}
FLOAT_ONLY = {"exp", "expm1", "log", "log1p", "log2", "log10", "rint", "floor", "logaddexp", "logaddexp2"}

OPS = []
for _n, _a in {**UNARY, **BINARY}.items():
    OPS += _ew(_n, _a, ints=_n not in FLOAT_ONLY, tensor_only=_n in TENSOR_ONLY)
for _n, _a in {**NOGRAD_UNARY, **NOGRAD_BINARY}.items():
    OPS += _ew(_n, _a, grad=False, ints=_n not in FLOAT_ONLY, tensor_only=_n in TENSOR_ONLY)

OPS += [
    # the same functions: integer/bool dtype rules, Python scalars, dtype=, errors
    OpInfo("numpy.add", [S(IN, 2.5), S(IN, 3), S(X, 2), S(IN, J, dtype=Dtype("float32")), S(X, np.ones((2, 2)))],
           dtypes=("float32", "float16"), tag="promote"),
    OpInfo("numpy.subtract", [S(IN, 2.5), S(2, X), S(B, IN)], dtypes=("float32", "float16"), tag="promote"),
    OpInfo("numpy.sqrt", [S(IN), S(B)], dtypes=None, tag="int"),
    OpInfo("numpy.sin", [S(IN), S(B), S(IN.astype(np.int8))], dtypes=None, tag="int"),
    OpInfo("numpy.exp", [S(IN), S(np.ones(2))], dtypes=None, tag="err"),
    OpInfo("numpy.sin", [S(1.0), S("a")], dtypes=None, tag="err"),
    OpInfo("numpy.divide", [S(IN, J), S(B, B), S(IN, 2)], dtypes=None, tag="int"),
    OpInfo("numpy.floor_divide", [S(IN, J), S(-7, 2)], dtypes=None, tag="int"),
    OpInfo("numpy.remainder", [S(IN, J), S(-7, 2)], dtypes=None, tag="int"),
    OpInfo("numpy.fmod", [S(IN, J), S(-7, 2)], dtypes=None, tag="int"),
    OpInfo("numpy.bitwise_and", [S(IN, J), S(B, B), S(IN, 3), S(X, Y)], dtypes=None),
    OpInfo("numpy.bitwise_or", [S(IN, J), S(B, B), S(IN, 3)], dtypes=None),
    OpInfo("numpy.bitwise_xor", [S(IN, J), S(B, B), S(IN, 3)], dtypes=None),
    OpInfo("numpy.invert", [S(IN), S(7), S(X)], dtypes=None),
    OpInfo("numpy.bitwise_not", [S(IN)], dtypes=None),
    OpInfo("numpy.gcd", [S(IN, J), S(12, 18)], dtypes=None),
    OpInfo("numpy.lcm", [S(IN, J), S(4, 6)], dtypes=None),
    OpInfo("numpy.divmod", [S(X, Q), S(IN, J)], dtypes=None),
    OpInfo("numpy.matmul", [S(M, N), S(V[:3], M), S(M, M, dtype=F16)], grad=True),
    OpInfo("numpy.matmul", [S(M, N[:2])], dtypes=None, tag="err"),
    OpInfo("numpy.dot", [S(M, N), S(V, V), S(M, V[:3])], grad=True),
    OpInfo("numpy.inner", [S(M, N.T), S(V, V)], grad=True),
    OpInfo("numpy.outer", [S(V, V[:3])], grad=True),
    OpInfo("numpy.kron", [S(M[:2, :2], N)], grad=True),
    OpInfo("numpy.tensordot", [S(M, N, axes=1), S(M, M, axes=([0], [1])), S(M, N)], grad=True),
    OpInfo("numpy.cross", [S(M, N.T[:, :3] if False else M[::-1]), S(V[:3], V[1:])], grad=True),
    OpInfo("numpy.multi_dot", [S([M, N, N.T])]),
    OpInfo("numpy.matrix_power", [S(M, 3), S(M, 0)], grad=True),
    OpInfo("numpy.trace", [S(M), S(M, 1)], grad=True),
    OpInfo("numpy.norm", [S(M), S(V, 1), S(M, "fro"), S(M, axis=1), S(V, np.inf), S(M, 2, axis=0, keepdims=True)],
           grad=True),
    # reductions
    OpInfo("numpy.sum", [S(X), S(X, 1), S(X, (0, 1), keepdims=True), S(X, initial=2.0)], grad=True),
    OpInfo("numpy.sum", [S(IN), S(B), S(IN, axis=0, dtype=Dtype("float32")), S([1, 2])], dtypes=None, tag="dt"),
    OpInfo("numpy.sum", [S(X, 2), S(np.ones(2))], dtypes=None, tag="err"),
    OpInfo("numpy.mean", [S(X), S(X, 0), S(X, -1, keepdims=True)], grad=True),
    OpInfo("numpy.mean", [S(IN), S(IN, 0)], dtypes=None, tag="dt"),
    OpInfo("numpy.amax", [S(X), S(X, 0), S(X, 1, keepdims=True)], grad=True),
    OpInfo("numpy.amin", [S(X), S(X, 0), S(X, initial=-5.0)], grad=True),
    OpInfo("numpy.max", [S(X), S(X, 1)], grad=True),
    OpInfo("numpy.max", [S(IN, 0)], tag="int"),
    OpInfo("numpy.min", [S(X), S(X, 1)], grad=True),
    OpInfo("numpy.min", [S(IN, 0)], tag="int"),
    OpInfo("numpy.amax", [S(X, where=B, initial=-9.0)], tag="where"),
    OpInfo("numpy.ptp", [S(X), S(X, 1)], grad=True),
    OpInfo("numpy.argmax", [S(X), S(X, 1), S(IN, 0)]),
    OpInfo("numpy.argmin", [S(X), S(X, 1), S(IN, 0)]),
    OpInfo("numpy.std", [S(X), S(X, 0), S(X, 1, 1, True)], grad=True),
    OpInfo("numpy.var", [S(X), S(X, 0), S(X, 1, 1, True)], grad=True),
    OpInfo("numpy.var", [S(IN), S(IN, 1, 1)], dtypes=None, tag="int"),  # centred on the truncated integer mean
    OpInfo("numpy.std", [S(IN, 0)], dtypes=None, tag="int"),
    OpInfo("numpy.cumsum", [S(B, 0)], dtypes=None, tag="bool"),
    OpInfo("numpy.count_nonzero", [S(B)], dtypes=None, tag="bool"),
    OpInfo("numpy.average", [S(X), S(X, 1), S(X, 1, P[0]), S(X, None, P, True)], grad=True),
    OpInfo("numpy.cumsum", [S(X), S(X, 1)], grad=True),
    OpInfo("numpy.cumsum", [S(IN, 0)], tag="int"),
    OpInfo("numpy.cumprod", [S(X), S(X, 1)], grad=True),
    OpInfo("numpy.cumprod", [S(IN, 0)], tag="int"),
    OpInfo("numpy.nancumsum", [S(np.array([1.0, np.nan, 2.0], np.float32))]),
    OpInfo("numpy.nansum", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32)),
                            S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 0)]),
    OpInfo("numpy.nanmean", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32)),
                             S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 0)]),
    OpInfo("numpy.nanmax", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 1)]),
    OpInfo("numpy.nanmin", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 1)]),
    OpInfo("numpy.nanstd", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 0)]),
    OpInfo("numpy.nanvar", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 0)]),
    OpInfo("numpy.count_nonzero", [S(IN), S(IN, 0), S(X, 1, True)]),
    OpInfo("numpy.sometrue", [S(B), S(B, 0), S(IN, 1, True)], dtypes=None),
    OpInfo("numpy.clip", [S(X, -1.0, 1.0), S(X, None, 0.5)], grad=True),
    OpInfo("numpy.clip", [S(IN, 0, 2)], tag="int"),
    OpInfo("numpy.diff", [S(X), S(X, 2, 0), S(V, prepend=V[:1])], grad=True),
    OpInfo("numpy.ediff1d", [S(X), S(V, to_end=V[:2])], grad=True),
    OpInfo("numpy.gradient", [S(V), S(X, axis=1), S(X)], grad=True),
    OpInfo("numpy.trapz", [S(X), S(V, dx=0.5), S(V, V * 2)], grad=True),
    OpInfo("numpy.interp", [S(V, np.array([-1.0, 0.0, 1.0], np.float32), np.array([0.0, 2.0, 1.0], np.float32))]),
    OpInfo("numpy.convolve", [S(V, V[:3]), S(V, V[:2], "same"), S(V, V[:3], "valid")]),
    # MindSpore 2.10 gives a zero gradient for `v` (mindgrad gives the true one, checked by check_grads below)
    OpInfo("numpy.convolve", [S(V, V[:3])], grad=True, tag="grad", expect="quirk"),
    OpInfo("numpy.correlate", [S(V, V[:3]), S(V, V[:2], "full")], grad=True),
    OpInfo("numpy.cov", [S(X), S(X, rowvar=False), S(V, bias=True)], grad=True),
    OpInfo("numpy.corrcoef", [S(M)]),
    OpInfo("numpy.isclose", [S(X, X + 1e-7), S(X, Y), S(IN, J)]),
    OpInfo("numpy.around", [S(X), S(X, 1)]),
    OpInfo("numpy.round", [S(X, 2)]),
    OpInfo("numpy.polyval", [S(V, X), S(V[:3], 2.0)], grad=True),
    OpInfo("numpy.polyadd", [S(V, V[:2])], grad=True),
    OpInfo("numpy.polysub", [S(V, V[:2])], grad=True),
    OpInfo("numpy.polymul", [S(V, V[:2])]),
    OpInfo("numpy.polymul", [S(V, V[:2])], grad=True, tag="grad", expect="quirk"),  # zero gradient for a2
    OpInfo("numpy.polyder", [S(V), S(V, 2)], grad=True),
    OpInfo("numpy.polyint", [S(V), S(V, 2, 1.0)], grad=True),
    OpInfo("numpy.unwrap", [S(np.array([0.0, 3.0, 6.5, -3.0, 1.0], np.float32))]),
    OpInfo("numpy.searchsorted", [S(np.array([1.0, 2.0, 4.0], np.float32), V),
                                  S(np.array([1.0, 2.0, 4.0], np.float32), np.array([2.0], np.float32), "right")]),
    OpInfo("numpy.digitize", [S(V, np.array([-1.0, 0.0, 1.0], np.float32)),
                              S(V, np.array([-1.0, 0.0, 1.0], np.float32), True)]),
    OpInfo("numpy.bincount", [S(np.array([0, 1, 1, 3], np.int32)), S(np.array([0, 1, 1], np.int32), V[:3], 5)]),
    OpInfo("numpy.histogram", [S(V), S(V, 3, (-2, 2))]),
    OpInfo("numpy.histogram_bin_edges", [S(V, 4)]),
    OpInfo("numpy.histogram2d", [S(V, V[::-1], 2)]),
    OpInfo("numpy.histogramdd", [S(np.stack([V, V[::-1]], 1), 2)]),
]
OPS = split_grads(OPS)
globals().update(cases(OPS))
