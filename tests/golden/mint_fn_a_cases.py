"""Op database (issue 20): the `mindspore.ops` functions behind the rest of `mindspore.mint` (addcmul, cummax, median,
std_mean, vector_norm, qr, ...), recorded from MindSpore 2.10's CPU build, and the mint spellings that build can run.
The mint ops it has no CPU kernel for are tested in tests/test_mint_fn.py against hand-written JAX / NumPy of
MindSpore's documented (torch-like) semantics."""

import numpy as np
from opdb import Dtype, OpInfo, S, cases

_r = np.random.RandomState(20)
X = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
Y = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
Z = _r.uniform(0.5, 2, (2, 3)).astype(np.float32)         # positive, away from 0
IN = np.array([[1, -2, 3], [4, 0, -6]], np.int32)
J = np.array([[2, 4, -3], [6, 5, 4]], np.int32)
TIES = np.array([[1.0, 3.0, 3.0, 0.5], [2.0, 2.0, 1.0, 1.0]], np.float32)
V2 = _r.uniform(-1, 1, (2,)).astype(np.float32)
V3 = _r.uniform(-1, 1, (3,)).astype(np.float32)
M = _r.uniform(-1, 1, (2, 3)).astype(np.float32)
Q = _r.uniform(-1, 1, (3, 2)).astype(np.float32)
A = _r.uniform(-1, 1, (2, 2, 3)).astype(np.float32)
B = _r.uniform(-1, 1, (2, 3, 2)).astype(np.float32)
C = _r.uniform(-1, 1, (2, 2)).astype(np.float32)
SQ = _r.uniform(-1, 1, (2, 3, 3)).astype(np.float32)
X5 = _r.uniform(-2, 2, (2, 5)).astype(np.float32)
NAN = np.array([[1.0, np.nan, 2.0], [np.nan, -1.0, 0.5]], np.float32)
CNT = np.array([0, 1, 1, 3], np.int32)
W4 = np.array([0.5, 1.0, 2.0, 4.0], np.float32)

OPS = [
    # element-wise
    OpInfo("ops.exp2", [S(X)], grad=True),
    OpInfo("ops.exp2", [S(IN), S(X.astype(np.float16))], dtypes=None, tag="dtypes", atol=4e-3),
    OpInfo("ops.sinc", [S(X)], grad=True),
    OpInfo("ops.sinc", [S(IN), S(X.astype(np.float16))], dtypes=None, tag="dtypes", atol=1e-3),
    OpInfo("ops.log10", [S(Z)], grad=True),
    OpInfo("ops.log10", [S(IN), S(Z.astype(np.float16))], dtypes=None, tag="dtypes", atol=1e-3),
    OpInfo("ops.frac", [S(X * 2)], grad=True),
    OpInfo("ops.frac", [S(IN), S((X * 2).astype(np.float16))], dtypes=None, tag="dtypes"),
    OpInfo("ops.float_power", [S(Z, Y)], grad=True),
    OpInfo("ops.float_power", [S(IN, J), S(IN, 2), S(X, 2.0)], dtypes=None, tag="int"),
    OpInfo("ops.fmod", [S(X, Z)], grad=True),
    OpInfo("ops.fmod", [S(IN, J), S(IN, Y), S(X, 0.5)], dtypes=None, tag="int"),
    OpInfo("ops.gcd", [S(IN, J), S(X, Y), S(IN, 2)], dtypes=None),
    OpInfo("ops.logaddexp", [S(X, Y)], grad=True),
    OpInfo("ops.logaddexp", [S(IN, J), S(X, 1.0), S(X.astype(np.float16), Y.astype(np.float16))], dtypes=None,
           tag="dtypes", atol=1e-3),
    OpInfo("ops.logaddexp2", [S(X, Y)], grad=True),
    OpInfo("ops.logaddexp2", [S(IN, Y), S(X, 1.0)], dtypes=None, tag="errors"),
    OpInfo("ops.addcmul", [S(X, Y, M, value=0.5)], grad=True),
    OpInfo("ops.addcmul", [S(IN, J, IN, value=2), S(X, Y, M)], dtypes=None, tag="int"),
    OpInfo("ops.addcdiv", [S(X, Y, Z, value=0.5)], grad=True),
    # matrices
    OpInfo("ops.mv", [S(M, V3)], grad=True),
    OpInfo("ops.mv", [S(M, M), S(V3, V3)], tag="errors"),
    OpInfo("ops.addmv", [S(V2, M, V3, beta=0.5, alpha=2.0)], grad=True),
    OpInfo("ops.addbmm", [S(C, A, B, beta=0.5, alpha=2.0)], grad=True),
    OpInfo("ops.trace", [S(M)], grad=True),
    OpInfo("ops.trace", [S(IN), S(A)], dtypes=None, tag="int"),
    OpInfo("ops.t", [S(M)], grad=True),
    OpInfo("ops.t", [S(A), S(V3)], tag="other"),
    OpInfo("ops.ravel", [S(A)], grad=True),
    OpInfo("ops.cross", [S(Q, Q * 2, dim=0)], grad=True),
    OpInfo("ops.cross", [S(M, X), S(C, C)], tag="other"),
    OpInfo("ops.dstack", [S([X, Y]), S([V3, V3])]),
    OpInfo("ops.dstack", [S([IN, J])], dtypes=None, tag="int"),
    OpInfo("ops.hstack", [S([X, Y]), S([V3, V2])]),
    OpInfo("ops.vector_norm", [S(X, 3, 1)], grad=True),
    OpInfo("ops.vector_norm", [S(IN), S(X, 2, dtype=Dtype("float64")), S(X), S(X, 1, (0, 1), True),
                                S(X, float("inf"), 0)], dtypes=None, tag="other"),
    OpInfo("ops.matrix_norm", [S(A, "nuc", keepdims=True)], grad=True),
    OpInfo("ops.matrix_norm", [S(V3), S(A, "abc"), S(A), S(A, 1), S(A, -2, (0, 2))], tag="other"),
    OpInfo("ops.qr", [S(Q), S(Q, "complete"), S(SQ)]),
    # reductions, scans
    OpInfo("ops.cummax", [S(X, 1), S(TIES, 1), S(TIES, 0)]),
    OpInfo("ops.cummax", [S(IN, 0)], dtypes=None, tag="int"),
    OpInfo("ops.cummin", [S(X, 1), S(TIES, 1), S(TIES, -2)]),
    OpInfo("ops.cummin", [S(IN, 0), S(IN, 2)], dtypes=None, tag="int"),
    OpInfo("ops.median", [S(X5), S(X5, 0), S(TIES, 1, True), S(TIES, 0)]),
    OpInfo("ops.median", [S(IN, 1)], dtypes=None, tag="int"),
    OpInfo("ops.nansum", [S(NAN, 1)], grad=True),
    OpInfo("ops.nansum", [S(IN), S(IN, 1), S(NAN), S(NAN, 0, True),
                           S(NAN, dtype=Dtype("float64"))], dtypes=None, tag="other"),
    OpInfo("ops.std_mean", [S(X5, 1, 1, True)], grad=True),
    OpInfo("ops.var_mean", [S(X5, -1, 2, True)], grad=True),
    OpInfo("ops.std_mean", [S(X5), S(X5, (0, 1), 0)], tag="more"),
    OpInfo("ops.var_mean", [S(X5), S(X5, 0, 1)], tag="more"),
    OpInfo("ops.bincount", [S(CNT), S(CNT, W4, minlength=6), S(CNT, minlength=2)], dtypes=None),
    OpInfo("ops.bincount", [S(CNT.reshape(2, 2)), S(CNT - 1)], dtypes=None, tag="errors"),
    OpInfo("ops.histc", [S(X, 4, -2.0, 2.0), S(X, 4), S(X5, 3, -1.0, 1.0)]),
    OpInfo("ops.histc", [S(IN, 4)], dtypes=None, tag="int"),
    OpInfo("ops.randint_like", [S(X, 0, 5)], dtypes=None, tag="errors"),
    # the mint spellings MindSpore's CPU build runs
    OpInfo("mint.cummax", [S(TIES, 1), S(X, dim=0)]),
    OpInfo("mint.nansum", [S(NAN), S(NAN, 1, True)]),
    OpInfo("mint.diff", [S(X), S(X, dim=0), S(X, 2, 1)]),
    OpInfo("mint.select", [S(X, 1, 2), S(A, 0, -1)]),
    OpInfo("mint.searchsorted", [S(np.sort(V3), X), S(np.sort(V3), X, right=True)], dtypes=None),
    OpInfo("mint.real", [S(X)]),
    OpInfo("mint.index_add", [S(X, 1, np.array([0, 2], np.int32), Y[:, :2], alpha=2.0)]),
    OpInfo("mint.nan_to_num", [S(np.array([np.nan, np.inf, -np.inf, 1.0], np.float32), 1.0, 2.0, -2.0)]),
    OpInfo("mint.special.sinc", [S(X)]),
    OpInfo("mint.linalg.matrix_norm", [S(A, "nuc"), S(A, "nuc", dim=(0, 2), keepdim=True)]),
]

globals().update(cases(OPS))
