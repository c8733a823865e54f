"""Op-database entries for tailprimA's linear-algebra Primitives: Cholesky, CholeskyInverse, CholeskySolve, Geqrf,
Ger, LuSolve, LuUnpack, MatrixDeterminant, MatrixExp, MatrixPower.

MindSpore 2.10's CPU build has no MatrixExp kernel (only its argument errors are recorded), no Cholesky gradient
kernel and no LuSolve gradient: tests/test_tailpa.py checks those against hand-written NumPy/SciPy references of the
documented semantics and with `check_grads`. `quirk` entries pin
MindSpore results that are wrong (CholeskyInverse on a batch; its gradient for a lower factor, which is the upper
factor's formula). CholeskySolve's gradient is MindSpore's (a full matrix for the factor, although the forward reads
only its triangle): recorded by the extra cases below, as `check_grads` on the full factor cannot agree with it."""

import numpy as np
from opdb import OpInfo, S, call, cases

SPD = np.array([[4.0, 2.0], [2.0, 3.0]], np.float32)
SPD3 = np.array([[4.0, 2.0, 0.4], [2.0, 3.0, 0.5], [0.4, 0.5, 2.0]], np.float32)
SPD_B = np.stack([SPD, np.array([[2.0, -0.5], [-0.5, 1.0]], np.float32)])
LOW = np.array([[2.0, 0.0], [1.0, 1.5]], np.float32)
LOW_B = np.stack([LOW, np.array([[1.2, 0.0], [-0.3, 0.8]], np.float32)])
RHS = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
RHS_B = np.stack([RHS, RHS[::-1] * 0.5])
TALL = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], np.float32)
LU = np.array([[8.0, 7.0, 9.0], [0.5, -0.5, -1.5], [0.25, -0.5, -1.0]], np.float32)
PIV = np.array([3, 3, 3], np.int32)
PIV_ID = np.array([1, 2, 3], np.int32)
COL = np.array([[1.0], [2.0], [3.0]], np.float32)
MATS = np.stack([np.array([[1.0, 2.0], [3.0, 4.0]], np.float32), SPD])
EYE_I = np.eye(2, dtype=np.int32)
ONES_23 = np.ones((2, 3), np.float32)
ONES_2 = np.ones((2,), np.float32)

OPS = [
    OpInfo("ops.Cholesky", [S(SPD_B), S(SPD3)], init={}),
    OpInfo("ops.Cholesky", [S(SPD_B)], dtypes=("float64",), init={"upper": True}, tag="upper"),
    OpInfo("ops.Cholesky", [S(EYE_I), S(ONES_23), S(ONES_2), S(np.array([[1.0, 2.0], [2.0, 1.0]], np.float32)),
                            S(np.array([[4.0, 100.0], [2.0, 3.0]], np.float32))], dtypes=None, init={}, tag="err"),
    OpInfo("ops.CholeskyInverse", [S(LOW), S(LOW + np.triu(RHS, 1))], init={}),
    OpInfo("ops.CholeskyInverse", [S(LOW)], init={}, grad=True, tag="grad", expect="quirk"),
    OpInfo("ops.CholeskyInverse", [S(LOW.T.copy())], init={"upper": True}, grad=True, tag="upper"),
    OpInfo("ops.CholeskyInverse", [S(LOW)], dtypes=("float16",), init={}, rtol=2e-3, atol=1e-3, tag="dt"),
    OpInfo("ops.CholeskyInverse", [S(EYE_I), S(ONES_23), S(ONES_2)], dtypes=None, init={}, tag="err"),
    OpInfo("ops.CholeskyInverse", [S(LOW_B)], init={}, tag="batch", expect="quirk"),
    OpInfo("ops.CholeskySolve", [S(RHS[:, :1], LOW), S(RHS_B, LOW_B), S(RHS, LOW + np.triu(RHS, 1))], init={}),
    OpInfo("ops.CholeskySolve", [S(RHS, LOW.T.copy())], dtypes=("float64",), init={"upper": True}, tag="upper"),
    OpInfo("ops.CholeskySolve", [S(RHS[0], LOW), S(RHS.astype(np.float64), LOW), S(RHS_B, LOW),
                                 S(np.ones((3, 2), np.float32), LOW), S(RHS.astype(np.float16), LOW.astype(np.float16)),
                                 S(RHS.astype(np.int32), LOW.astype(np.int32))], dtypes=None, init={}, tag="err"),
    OpInfo("ops.CholeskySolve", [S(RHS, LOW)], init={"upper": 1}, tag="badupper"),
    OpInfo("ops.Geqrf", [S(TALL.T.copy()), S(np.stack([TALL, TALL * 2 - 1]))], init={}, rtol=1e-4, atol=1e-5),
    OpInfo("ops.Geqrf", [S(TALL)], dtypes=("float16",), init={}, rtol=2e-3, atol=2e-3, tag="dt"),
    OpInfo("ops.Geqrf", [S(TALL.astype(np.int32)), S(TALL[0]), S(TALL.astype(np.complex64))], dtypes=None, init={},
           tag="err"),
    OpInfo("ops.Ger", [S(np.array([1.5, -2.0, 0.5], np.float32), np.array([2.0, 1.0], np.float32))],
           dtypes=("float16", "float32"), init={}, grad=True, rtol=2e-3, atol=1e-3),
    OpInfo("ops.Ger", [S(TALL[0].astype(np.float64), TALL[1]), S(TALL[0].astype(np.int32), TALL[1].astype(np.int32)),
                       S(TALL, TALL[0])], dtypes=None, init={}, tag="err"),
    OpInfo("ops.LuSolve", [S(np.stack([COL, 2 * COL]), LU, PIV),
                           S(np.stack([np.hstack([COL, -COL * 2])] * 2),
                             np.stack([LU, LU * 0.5 + np.eye(3, dtype=np.float32)]), np.stack([PIV, PIV_ID]))],
           init={}, rtol=1e-4, atol=1e-5),
    OpInfo("ops.LuSolve", [S(COL, LU, PIV)], dtypes=("float16",), init={}, rtol=2e-3, atol=2e-3, tag="dt"),
    OpInfo("ops.LuSolve", [S(COL, LU, PIV.astype(np.int64)), S(COL[:, 0], LU, PIV), S(COL.astype(np.float64), LU, PIV),
                           S(COL.astype(np.int32), LU.astype(np.int32), PIV),
                           S(COL, np.ones((3, 2), np.float32), np.array([1, 2], np.int32)),
                           S(np.ones((2, 1), np.float32), LU, PIV), S(COL, LU, np.array([4, 2, 3], np.int32))],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.LuUnpack", [S(LU, PIV)], init={}, grad=True),
    OpInfo("ops.LuUnpack", [S(LU[:, :2].copy(), PIV[:2]), S(np.stack([LU, LU * 2]), np.stack([PIV, PIV_ID]))],
           init={"unpack_data": False, "unpack_pivots": False}, tag="shapes"),
    OpInfo("ops.LuUnpack", [S(LU.astype(np.int32), PIV), S(LU.astype(np.float16), PIV.astype(np.uint8))], dtypes=None,
           init={}, tag="int"),
    OpInfo("ops.LuUnpack", [S(LU[:2], PIV[:2]), S(LU, np.array([4, 1, 1], np.int32)), S(LU[0], PIV),
                            S(LU, PIV.astype(np.float32))], dtypes=None, init={}, tag="err"),
    OpInfo("ops.LuUnpack", [S(LU, PIV)], init={"unpack_data": 1}, tag="badflag"),
    OpInfo("ops.MatrixDeterminant", [S(MATS)], init={}, grad=True, rtol=1e-5, atol=1e-5),
    OpInfo("ops.MatrixDeterminant", [S(MATS)], dtypes=("float16",), init={}, rtol=2e-3, atol=2e-3,
           tag="dt"),
    OpInfo("ops.MatrixDeterminant", [S(MATS.astype(np.complex64)), S(MATS.astype(np.int32)), S(ONES_23), S(ONES_2)],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.MatrixExp", [S(ONES_23), S(ONES_2)], dtypes=None, init={}, tag="err"),
    OpInfo("ops.MatrixPower", [S(MATS)], init={"n": -1}, grad=True, tag="inv", rtol=1e-5, atol=1e-5),
    OpInfo("ops.MatrixPower", [S(SPD)], dtypes=("float64",), init={"n": 2}),
    OpInfo("ops.MatrixPower", [S(MATS.astype(np.int32))], dtypes=None, init={"n": 0}, tag="zero"),
    OpInfo("ops.MatrixPower", [S(MATS.astype(np.int32)), S(MATS.astype(np.uint8)), S(MATS.astype(np.float16)),
                               S(np.ones((1, 2, 3), np.float32)), S(ONES_2)], dtypes=None, init={"n": 3}, tag="int"),
    OpInfo("ops.MatrixPower", [S(MATS.astype(np.int32)), S(np.zeros((1, 2, 2), np.float32))], dtypes=None,
           init={"n": -1}, tag="err"),
    OpInfo("ops.MatrixPower", [S(MATS)], init={"n": 2.0}, tag="badn"),
]

globals().update(cases(OPS))


def _solve_grad(ms, b, factor, upper: bool):
    return call(ms, OpInfo("ops.CholeskySolve", [], grad=True, init={"upper": upper}), S(b, factor), None)


def case_cholesky_solve_grad(ms):
    return _solve_grad(ms, RHS_B, LOW_B, False)


def case_cholesky_solve_grad_upper(ms):
    return _solve_grad(ms, RHS, LOW.T.copy(), True)
