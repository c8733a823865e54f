"""Op database, issue 17: the longer tail of Tensor methods (`x.all`, `x.expand`, `x.repeat_interleave`, ...) and the
ops behind them (`ops.scatter`, `ops.index_add`, `ops.movedim`, `ops.inverse`, `ops.lerp`, `ops.searchsorted`,
`ops.diff`).

Recorded from MindSpore 2.10 (CPU) with `record.py tensor_methods`; replayed by tests/test_opdb.py. Methods whose
CPU kernel MindSpore 2.10 lacks (`repeat`, `clone`, the in-place `*_` methods, `roll`, `unique`, ...) are tested
against hand-written expectations of MindSpore's documented semantics in tests/test_toplevel.py.
"""

import numpy as np
from opdb import Dtype, OpInfo, S, cases


def u(*shape, seed=0, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, shape).astype(np.float32)


def i32(values):
    return np.asarray(values, np.int32)


def i64(values):
    return np.asarray(values, np.int64)


X = u(2, 3, seed=1)
Y = u(2, 3, seed=2)
SQ = u(3, 3, seed=3) + 2 * np.eye(3, dtype=np.float32)
INT = i32([[1, -2, 3], [0, 5, -6]])
BOOL = np.array([[True, False, True], [False, False, True]])
ZERO_ROW = np.array([[0.0, 1.5, 2.0], [3.0, 4.0, 5.0]], np.float32)
SORTED = np.array([1.0, 2.0, 3.0, 5.0], np.float32)

OPS = [
    # ---- reductions ----
    OpInfo("Tensor.all", [S(ZERO_ROW), S(ZERO_ROW, 1), S(ZERO_ROW, axis=1, keep_dims=True),
                          S(ZERO_ROW, dim=1, keepdim=True), S(ZERO_ROW, (0, 1)), S(INT), S(BOOL, 0)], dtypes=None),
    OpInfo("Tensor.any", [S(BOOL), S(BOOL, axis=0, keep_dims=True), S(INT, dim=0), S(INT * 0)], dtypes=None),
    # MindSpore 2.10's CPU kernel returns False for any Float32 input with a nonzero element
    OpInfo("Tensor.any", [S(ZERO_ROW), S(ZERO_ROW, 1)], dtypes=None, tag="float", expect="quirk"),
    OpInfo("Tensor.logsumexp", [S(X, 1), S(X, 0, keepdim=True)], grad=True),
    OpInfo("Tensor.argsort", [S(X), S(X, 0, True), S(X, axis=0), S(X, descending=True), S(INT, dim=1)],
           dtypes=None),
    # ---- shapes ----
    OpInfo("Tensor.expand", [S(u(1, 3), 2, 3), S(u(1, 3), (2, 2, 3)), S(u(2, 1), -1, 4), S(u(1, 3), 3, 2)],
           grad=True),
    OpInfo("Tensor.expand", [S(u(2, 1), np.array([2, 3], np.int64))], tag="tensor", dtypes=None),
    OpInfo("Tensor.repeat_interleave", [S(X, 2), S(X, 2, 0), S(X, i64([1, 2]), 0), S(X, [2, 0, 1], 1),
                                        S(X, i64([1, 2, 3]), 0)], grad=True),
    OpInfo("Tensor.resize", [S(X, 3, 3), S(X, (1, 2)), S(INT, 4)], dtypes=None),
    OpInfo("Tensor.t", [S(X), S(u(3)), S(u(2, 2, 2))], grad=True),
    OpInfo("Tensor.contiguous", [S(X)], grad=True),
    OpInfo("Tensor.reshape_as", [S(X, u(3, 2))], grad=True),
    OpInfo("Tensor.view_as", [S(X, u(3, 2))], grad=True),
    OpInfo("Tensor.movedim", [S(u(2, 3, 4), 0, 2), S(u(2, 3, 4), (0, 1), (2, 0))], grad=True),
    OpInfo("Tensor.tensor_split", [S(X, 2, axis=1), S(X, [1, 2], 1), S(X, (1,))], grad=True),
    OpInfo("Tensor.tril", [S(X), S(X, 1), S(X, -1), S(u(3))], grad=True),
    OpInfo("Tensor.triu", [S(X), S(X, 1), S(X, -1)], grad=True),
    OpInfo("Tensor.diagonal", [S(SQ), S(X, 1), S(u(2, 3, 3), 0, 1, 2)], grad=True),
    OpInfo("Tensor.unfold", [S(u(1, 2, 3, 3), 2), S(u(1, 1, 4, 4), (2, 2), 1, 0, 2)]),
    # ---- dtypes ----
    OpInfo("Tensor.type_as", [S(X, INT), S(INT, X), S(BOOL, X)], dtypes=None),
    OpInfo("Tensor.type", [S(X), S(X, Dtype("int32")), S(INT, Dtype("float16"))], dtypes=None),
    OpInfo("Tensor.is_floating_point", [S(X), S(INT), S(X.astype(np.float16))], dtypes=None),
    OpInfo("Tensor.bfloat16", [S(X)], dtypes=None),
    # ---- selection / scatter ----
    OpInfo("Tensor.select", [S(X, 0, 1), S(X, 1, -1), S(X, 0, 5)]),
    OpInfo("Tensor.select", [S(X, X > 0, Y)], tag="cond"),
    OpInfo("Tensor.take", [S(X, i64([0, 4])), S(X, i64([0, 2]), axis=1), S(X, i64([[1, 5]]))], grad=True),
    OpInfo("Tensor.masked_select", [S(X, X > 0), S(X, np.array([True, False, True]))], grad=True),
    OpInfo("Tensor.masked_scatter", [S(X, X > 0, u(6, seed=5)), S(X, np.array([True, False, True]), u(6, seed=6))]),
    OpInfo("Tensor.gather_elements", [S(X, 1, i64([[0, 0], [1, 0]])), S(X, 0, i32([[1, 0, 1]]))], grad=True),
    OpInfo("Tensor.scatter", [S(X, 0, i64([[0, 1, 0], [1, 0, 1]]), Y), S(X, 1, i32([[2], [0]]), u(2, 1, seed=7)),
                              S(X, 1, i64([[2], [0]]), 5.0)]),
    OpInfo("Tensor.scatter", [S(X, dim=1, index=i64([[2], [0]]), src=u(2, 1, seed=8))], tag="kw"),
    OpInfo("Tensor.index_add", [S(X, 1, i32([0, 2]), np.ones((2, 2), np.float32)),
                                S(X, 0, i32([1]), np.ones((1, 3), np.float32))]),
    OpInfo("Tensor.searchsorted", [S(SORTED, np.array([2.5, 2.0, 0.0, 9.0], np.float32)),
                                   S(SORTED, np.array([2.0, 5.0], np.float32), side="right")]),
    OpInfo("Tensor.diff", [S(X), S(X, 1, 0), S(u(4), prepend=u(1, seed=3)), S(i32([1, 4, 9, 16]))], dtypes=None),
    OpInfo("Tensor.lerp", [S(X, Y, 0.3), S(X, Y, u(2, 3, seed=9, lo=0.0))], grad=True),
    OpInfo("Tensor.inverse", [S(SQ)], grad=True, rtol=1e-4),
    OpInfo("Tensor.mm", [S(X, u(3, 2, seed=4))], grad=True),
    OpInfo("Tensor.expm1", [S(X)], grad=True),
    OpInfo("Tensor.absolute", [S(X), S(INT)], dtypes=None),
    OpInfo("Tensor.isnan", [S(np.array([1.0, np.nan, np.inf], np.float32))]),
    OpInfo("Tensor.bitwise_or", [S(INT, i32([[4, 1, 0], [1, 1, 1]]))], dtypes=None),
    OpInfo("Tensor.invert", [S(INT), S(BOOL)], dtypes=None),
    # ---- the same as the functional op ----
    OpInfo("Tensor.acos", [S(X * 0.9)], grad=True),
    OpInfo("Tensor.arccos", [S(X * 0.9)]),
    OpInfo("Tensor.log1p", [S(np.abs(X))], grad=True),
    OpInfo("Tensor.atan", [S(X)]),
    OpInfo("Tensor.log2", [S(np.abs(X) + 0.5)]),
    OpInfo("Tensor.cumprod", [S(X, 1), S(INT, 0)], dtypes=None),
    OpInfo("Tensor.bitwise_and", [S(INT, i32([[4, 1, 0], [1, 1, 1]]))], dtypes=None),
    OpInfo("Tensor.bitwise_xor", [S(INT, i32([[4, 1, 0], [1, 1, 1]]))], dtypes=None),
    OpInfo("Tensor.baddbmm", [S(u(2, 2, 2), u(2, 2, 3, seed=1), u(2, 3, 2, seed=2), beta=0.5, alpha=2.0)],
           grad=True),
    OpInfo("Tensor.divide", [S(X, Y), S(INT, 4, rounding_mode="floor")], dtypes=None),
    OpInfo("Tensor.subtract", [S(X, Y, alpha=2)], grad=True),
    OpInfo("Tensor.swapdims", [S(u(2, 3, 4), 0, 2)]),
    OpInfo("Tensor.trace", [S(SQ), S(X, 1)], grad=True),
    OpInfo("Tensor.nansum", [S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32)),
                             S(np.array([[1.0, np.nan], [2.0, 3.0]], np.float32), 1, True)]),
    OpInfo("Tensor.count_nonzero", [S(INT), S(INT, 1)], dtypes=None),
    # ---- creation ----
    OpInfo("Tensor.new_zeros", [S(X, (2, 2)), S(X, (3,), Dtype("int32")), S(INT, [2])], dtypes=None),
    OpInfo("Tensor.new_ones", [S(X, (2,)), S(INT, (1, 2), dtype=Dtype("float16"))], dtypes=None),
    OpInfo("Tensor.fill", [S(X, 3), S(INT, 2.7), S(X, np.float32(1.5))], dtypes=None),
    # ---- queries ----
    OpInfo("Tensor.ndimension", [S(X), S(u(2, 3, 4))], dtypes=None),
    OpInfo("Tensor.nelement", [S(X)], dtypes=None),
    OpInfo("Tensor.is_contiguous", [S(X)], dtypes=None),
    OpInfo("Tensor.stride", [S(u(2, 3, 4)), S(u(2, 3, 4), 1)], dtypes=None),
    # ---- the functional ops behind them ----
    OpInfo("ops.scatter", [S(X, 0, i64([[0, 1, 0], [1, 0, 1]]), Y), S(X, 1, i64([[1]]), u(1, 1, seed=4))],
           grad=True),
    OpInfo("ops.index_add", [S(X, i32([0, 2]), np.ones((2, 2), np.float32), 1)]),
    OpInfo("ops.movedim", [S(u(2, 3, 4), -1, 0)], grad=True),
    OpInfo("ops.inverse", [S(SQ)], grad=True, rtol=1e-4),
    OpInfo("ops.lerp", [S(X, Y, 0.5)], grad=True),
    OpInfo("ops.searchsorted", [S(SORTED, np.array([2.5, 5.0], np.float32)),
                                S(SORTED, np.array([2.5, 5.0], np.float32), right=True),
                                S(SORTED, np.array([2.5, 5.0], np.float32), side="right")]),
    OpInfo("ops.diff", [S(X), S(u(5), 1, 0, None, u(2, seed=3))]),
    # MindSpore 2.10 supports only n=1 (RuntimeError); mindgrad computes higher differences as NumPy does
    OpInfo("ops.diff", [S(X, 2, 1)], tag="n2", expect="differs"),
]

globals().update(cases(OPS))
