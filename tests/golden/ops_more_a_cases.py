"""Op database, issue 17 (a): element-wise math, products and linear algebra, evenly spaced values.

Recorded from MindSpore 2.10 with `record.py ops_more_a`; replayed by tests/test_opdb.py.
"""

import numpy as np
from opdb import Dtype, OpInfo, S, cases


def u(*shape, seed=0, lo=-1.0, hi=1.0):
    return np.random.RandomState(seed).uniform(lo, hi, shape).astype(np.float32)


def i32(values):
    return np.asarray(values, np.int32)


X = u(2, 3, seed=1)
POS = u(2, 3, seed=2, lo=0.5, hi=2.0)
UNIT = u(2, 3, seed=3, lo=-0.9, hi=0.9)
INT = i32([[1, -2, 3], [0, 5, -6]])
BOOL = np.array([[True, False, True], [False, False, True]])
SPECIAL = np.array([np.nan, np.inf, -np.inf, 1.5], np.float32)

OPS = [
    # ---- element-wise ----
    OpInfo("ops.expm1", [S(X)], grad=True, dtypes=("float32", "float16"), rtol=2e-3),
    OpInfo("ops.expm1", [S(INT), S(BOOL), S(2.0)], tag="ints", dtypes=None),
    OpInfo("ops.log1p", [S(POS)], grad=True),
    OpInfo("ops.log1p", [S(INT + 7)], tag="ints", dtypes=None),
    OpInfo("ops.Log1p", [S(POS)], init={}, grad=True),
    OpInfo("ops.log2", [S(POS)], grad=True),
    OpInfo("ops.log2", [S(i32([1, 2, 8]))], tag="ints", dtypes=None),
    OpInfo("ops.atan", [S(X)], grad=True),
    OpInfo("ops.atan2", [S(X, POS)], grad=True),
    OpInfo("ops.atan2", [S(i32([1, -1]), i32([2, 2]))], tag="ints", dtypes=None),
    OpInfo("ops.acos", [S(UNIT)], grad=True),
    OpInfo("ops.ACos", [S(UNIT)], init={}, grad=True),
    OpInfo("ops.Expm1", [S(X)], init={}, grad=True),
    OpInfo("ops.Atan", [S(X)], init={}, grad=True),
    OpInfo("ops.Atan2", [S(X, POS)], init={}, grad=True),
    OpInfo("ops.BitwiseAnd", [S(INT, i32([3, 3, 3]))], init={}, dtypes=None),
    OpInfo("ops.BitwiseOr", [S(INT, i32([3, 3, 3]))], init={}, dtypes=None),
    OpInfo("ops.BitwiseXor", [S(INT, i32([3, 3, 3]))], init={}, dtypes=None),
    OpInfo("ops.Rint", [S(np.array([0.5, 1.5, -2.5, 2.6, -0.4], np.float32))], init={}),
    OpInfo("ops.bitwise_and", [S(INT, i32([3, 3, 3])), S(BOOL, BOOL[::-1].copy()), S(X, X)], dtypes=None),
    OpInfo("ops.bitwise_or", [S(INT, i32([3, 3, 3])), S(BOOL, BOOL[::-1].copy())], dtypes=None),
    OpInfo("ops.bitwise_xor", [S(INT, i32([3, 3, 3]))], dtypes=None),
    OpInfo("ops.multiply", [S(X, POS), S(INT, 2.5)], grad=True),
    OpInfo("ops.eq", [S(X, X), S(INT, i32([1, 5, 3])), S(INT, 3.0)], dtypes=None),
    OpInfo("ops.pows", [S(POS, 2.5)], grad=True),
    OpInfo("ops.Mod", [S(np.array([5.5, -5.5, 4.0], np.float32), np.array([2.0, 2.0, -3.0], np.float32)),
                       S(i32([7, -7, 7]), i32([3, 3, -3]))], init={}, dtypes=None),
    OpInfo("ops.nan_to_num", [S(SPECIAL), S(SPECIAL, 0.5, 9.0, -9.0), S(INT)], dtypes=None),
    OpInfo("ops.cumprod", [S(POS, 1)], grad=True),
    OpInfo("ops.cumprod", [S(INT, 0), S(INT, 1, dtype=Dtype("float32")), S(INT, 2)], tag="ints", dtypes=None),
    # ---- products and linear algebra ----
    # Einsum and Quantile have no CPU kernel in MindSpore 2.10 (RuntimeError): tests/test_ops_more.py checks
    # them against NumPy.
    OpInfo("ops.einsum", [S("ij,jk->ik", X, u(3, 2, seed=4))], grad=True, expect="differs"),
    OpInfo("ops.einsum", [S("ij->ji", INT), S(3, X)], tag="errors", dtypes=None),
    OpInfo("ops.Einsum", [S((X, u(3, 4, seed=6)))], init={"equation": "ab,bc->ac"}, grad=True, expect="differs"),
    OpInfo("ops.outer", [S(X[0], POS[1])], grad=True),
    OpInfo("ops.outer", [S(i32([1, 2]), i32([3, 4, 5])), S(i32([1, 2]), X[0])], tag="ints", dtypes=None),
    OpInfo("ops.outer", [S(X, X[0])], tag="errors"),
    OpInfo("ops.dot", [S(X, u(3, 2, seed=7)), S(u(2, 2, 3, seed=8), u(4, 3, 2, seed=9))], grad=True),
    OpInfo("ops.dot", [S(X, X), S(INT, INT.T.copy()), S(X, X[0])], tag="errors", dtypes=None),
    OpInfo("ops.tensor_dot", [S(u(2, 3, 4, seed=10), u(4, 3, 2, seed=11), ((1, 2), (1, 0))), S(X, X.T.copy(), 1)],
           grad=True),
    OpInfo("ops.addmm", [S(u(2, 2, seed=12), X, u(3, 2, seed=13)), S(u(2, 2, seed=12), X, u(3, 2, seed=13), beta=0.5,
                                                                       alpha=2.0)], grad=True),
    OpInfo("ops.baddbmm", [S(u(2, 2, 2, seed=14), u(2, 2, 3, seed=15), u(2, 3, 2, seed=16), 0.5, 2.0)], grad=True),
    OpInfo("ops.pinv", [S(u(3, 2, seed=17)), S(u(2, 3, 3, seed=18))], grad=True, rtol=1e-4, atol=1e-5),
    OpInfo("ops.quantile", [S(X, 0.3)], grad=True, expect="differs"),
    OpInfo("ops.quantile", [S(X, 1.5), S(X, 1)], tag="errors"),
    OpInfo("ops.LpNorm", [S(X)], init={"axis": 1}, grad=True),
    OpInfo("ops.LpNorm", [S(X)], init={"axis": (0, 1), "p": 1, "keep_dims": True}, tag="p1", grad=True),
    OpInfo("ops.LpNorm", [S(X)], init={"axis": 0, "p": 3}, tag="p3", grad=True),
    # ---- evenly spaced values ----
    OpInfo("ops.linspace", [S(0.0, 1.0, 5), S(-1, 2, 4), S(np.float32(0.5), np.float32(1.0), 3), S(1.0, 3.0, 1)],
           dtypes=None),
    OpInfo("ops.linspace", [S(0.0, 1.0, 0), S(0, 1, 3.0)], tag="errors", dtypes=None),
    OpInfo("ops.LinSpace", [S(np.array(0.0, np.float32), np.array(2.0, np.float32), 5),
                            S(np.float32(0.0), np.float32(2.0), 5)], init={}, dtypes=None),
    OpInfo("ops.logspace", [S(0.0, 2.0, 3), S(0.0, 3.0, 4, base=2), S(1.0, 2.0, 3, dtype=Dtype("float16"))],
           dtypes=None),
    OpInfo("ops.logspace", [S(0, 2, 3), S(0.0, 2.0, 3, dtype=Dtype("int32"))], tag="errors", dtypes=None),
]

globals().update(cases(OPS))


def case_svd(ms):
    """Singular values, and the factors through their product (their signs are not unique)."""
    a = ms.Tensor(u(3, 2, seed=19))
    s, left, right = ms.ops.svd(a)
    full = ms.ops.svd(a, full_matrices=True)
    rebuilt = ms.ops.matmul(left * s.expand_dims(0), right.T)
    return s, rebuilt, [t.shape for t in full], ms.ops.svd(a, compute_uv=False)


def case_svd_int_error(ms):
    return ms.ops.svd(ms.Tensor(INT))


case_svd.covers = case_svd_int_error.covers = ("svd",)
