"""Op-database entries for tailprimA's element-wise, counting, random and nn Primitives: DivNoNan, Hypot, Heaviside,
Igamma, Igammac, LeftShift, LogicalXor, Bincount, Bucketize, Dense, Bernoulli, Dropout3D, LRN, ApplyRotaryPosEmb, and
the `ops.P` module (`P.DType`, `P.Fill`, `P.Shape`).

Bernoulli and Dropout3D draw from MindSpore's generator, whose numbers are not reproduced: their entries use the
deterministic probabilities 0 and 1 (tests/test_tailpa.py checks the draws' statistics). ApplyRotaryPosEmb has no
CPU kernel: MindSpore's RuntimeError is recorded. LRN takes Float16/Float32 only, so `check_grads` (in Float64) runs
on its math in tests/test_tailpa.py; its MindSpore gradients are recorded by the extra cases below, as is Igammac's
and Igamma's (compiling the incomplete gamma functions' gradients is slow: no `check_grads` for them)."""

import numpy as np
from opdb import Dtype, OpInfo, S, call, cases

F32 = ("float32",)
A = np.array([1.5, -2.0, 0.0, 3.0], np.float32)
NZ = np.array([2.0, 1.0, -0.5, -4.0], np.float32)
Z = np.array([2.0, 1.0, 0.0, -4.0], np.float32)
POS_A = np.array([0.5, 1.0, 2.0, 3.0], np.float32)
POS_X = np.array([1.0, 0.5, 2.5, 1.0], np.float32)
EDGE_A = np.array([-1.0, 0.0, 1.0, 0.5], np.float32)
EDGE_X = np.array([1.0, 1.0, -1.0, 0.0], np.float32)
I32 = np.array([1, -2, 3, 7], np.int32)
SH = np.array([1, 2, 31, 0], np.int32)
B1 = np.array([True, False, True])
B2 = np.array([True, True, False])
X23 = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
W43 = np.arange(12, dtype=np.float32).reshape(4, 3) / 10 - 0.5
B4 = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
ARR = np.array([0, 1, 1, 3, 2, 1, 7], np.int32)
SIZE = np.array(5, np.int32)
X5 = np.arange(1, 25, dtype=np.float32).reshape(1, 2, 3, 2, 2)
X4 = np.arange(1, 17, dtype=np.float32).reshape(1, 4, 2, 2) / 10
ONES = np.ones((2, 3), np.float32)

OPS = [
    OpInfo("ops.DivNoNan", [S(A, NZ), S(A.reshape(4, 1), Z)], init={}, grad=True),
    OpInfo("ops.DivNoNan", [S(A, 2.0), S(A, 0)], init={}, tag="fwd"),
    OpInfo("ops.DivNoNan", [S(A, Z)], dtypes=("float16",), init={}, tag="dt"),
    OpInfo("ops.DivNoNan", [S(I32, NZ), S(np.array([1 + 1j, 2], np.complex64), np.array([0, 1j], np.complex64)),
                            S(np.array([np.nan, np.inf, 1.0], np.float32), np.array([0.0, 0.0, np.nan], np.float32)),
                            S(I32, SH), S(I32.astype(np.int8), SH.astype(np.int8)), S(B1, B2), S(A, Z[:3])],
           dtypes=None, init={}, tag="mixed"),
    OpInfo("ops.Hypot", [S(A.reshape(4, 1), NZ)], init={}, grad=True),
    OpInfo("ops.Hypot", [S(A, 2.0)], dtypes=("float32", "float64"), init={}, tag="fwd"),
    OpInfo("ops.Hypot", [S(A.astype(np.float64), NZ), S(np.array([3], np.int32), np.array([4.0], np.float32)),
                         S(A.astype(np.float16), NZ.astype(np.float16)), S(I32, SH)], dtypes=None, init={}, tag="err"),
    OpInfo("ops.Heaviside", [S(A, np.array([0.5], np.float32)), S(A.reshape(4, 1), Z)], init={}),
    OpInfo("ops.Heaviside", [S(A, Z)], dtypes=("float16",), init={}, tag="dt"),
    OpInfo("ops.Heaviside", [S(I32, SH), S(np.array([0, 3], np.uint8), np.array([7, 7], np.uint8)),
                             S(np.array([np.nan, -0.0, -1.0], np.float32), np.array([0.5], np.float32)),
                             S(A, Z.astype(np.float16)), S(A > 0, Z > 0), S(A, 1.0), S(A, Z[:3])],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.Igamma", [S(EDGE_A, EDGE_X), S(POS_A.astype(np.float16), POS_X.astype(np.float16)),
                          S(POS_A.astype(np.float64), POS_X), S(I32, SH), S(POS_A, 1.0)], dtypes=None, init={}),
    OpInfo("ops.Igammac", [S(EDGE_A, EDGE_X), S(POS_A.astype(np.float64), POS_X)], dtypes=None, init={}),
    OpInfo("ops.LeftShift", [S(I32, SH), S(I32, np.array([-1, 33, 32, 40], np.int32)),
                             S(I32.astype(np.int8), np.array([1, 2, 7, 8], np.int8)),
                             S(I32.astype(np.int16), np.array([1, 2, 15, 16], np.int16)),
                             S(np.array([1, 2, 200, 7], np.uint8), np.array([1, 2, 1, 8], np.uint8)),
                             S(np.array([1, 2, 3, 4], np.uint32), np.array([1, 31, 32, 33], np.uint32)),
                             S(np.array([1, 2, 3, 4], np.int64), np.array([63, 64, 65, -1], np.int64)),
                             S(I32.reshape(4, 1), SH)], dtypes=None, init={}),
    OpInfo("ops.LeftShift", [S(I32, SH.astype(np.int64)), S(A, NZ), S(B1, B2), S(I32, 1), S(I32, SH[:3])],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.LogicalXor", [S(B1, B2), S(I32, SH), S(A, Z), S(A, Z > 0), S(B1.reshape(3, 1), B2),
                              S(B1, True), S(True, B2)], dtypes=None, init={}),
    OpInfo("ops.LogicalXor", [S(B1, 1), S(B1, B2[:2])], dtypes=None, init={}, tag="err"),
    OpInfo("ops.Bincount", [S(ARR, SIZE, np.array([], np.float32)), S(ARR, SIZE, np.arange(7, dtype=np.float32)),
                            S(ARR, SIZE, np.arange(7, dtype=np.int32)),
                            S(ARR, SIZE, np.arange(7, dtype=np.int64)),
                            S(ARR, np.array(9, np.int32), np.array([], np.int32))], dtypes=None, init={}),
    OpInfo("ops.Bincount", [S(ARR, SIZE, np.arange(7, dtype=np.float16)), S(ARR, 5, np.ones(7, np.float32)),
                            S(np.array([-1, 0, 2], np.int32), SIZE, np.ones(3, np.float32)),
                            S(ARR, np.array(-1, np.int32), np.ones(7, np.float32)),
                            S(ARR.astype(np.int64), SIZE, np.ones(7, np.float32)),
                            S(ARR, np.array([5], np.int32), np.ones(7, np.float32)),
                            S(ARR, SIZE, np.ones(3, np.float32)),
                            S(ARR, SIZE.astype(np.int64), np.ones(7, np.float32))],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.Bucketize", [S(np.array([[0, 1, 2], [3, 5, 7]], np.float32)), S(np.array([[0, 1, 2], [3, 5, 7]])),
                             S(np.array([0.5, 1.0, 5.5], np.float16)), S(np.array([1.0, 3.0, 9.0]))],
           dtypes=None, init={"boundaries": [1.0, 3.0, 5.0]}),
    OpInfo("ops.Bucketize", [S(np.array([2.0], np.float32))], dtypes=None, init={"boundaries": []}, tag="empty"),
    OpInfo("ops.Bucketize", [S(A)], dtypes=None, init={"boundaries": [1, 3]}, tag="intb"),
    OpInfo("ops.Bucketize", [S(A)], dtypes=None, init={"boundaries": (1.0, 3.0)}, tag="tuple"),
    OpInfo("ops.Dense", [S(np.stack([X23, -X23]), W43, B4)], init={}, grad=True),
    OpInfo("ops.Dense", [S(X23, W43), S(X23[0], W43, B4), S(X23, W43[0], np.array(0.5, np.float32))], init={},
           tag="fwd"),
    OpInfo("ops.Dense", [S(X23, W43, B4)], dtypes=("float16",), init={}, rtol=1e-3, atol=1e-3, tag="dt"),
    OpInfo("ops.Dense", [S(X23.astype(np.int32) + 1, (W43 * 10).astype(np.int32), B4.astype(np.int32)),
                         S(X23, W43.astype(np.float16), B4), S(X23, W43[:, :2], B4), S(X23, W43[0], B4[:1])],
           dtypes=None, init={}, tag="err"),
    OpInfo("ops.Bernoulli", [S(ONES, 0.0), S(ONES, 1.0), S(ONES, np.array([[0.0, 1, 0], [1, 0, 1]], np.float32)),
                             S(ONES > 0, 0.0)],
           dtypes=None, init={"seed": 1}),
    OpInfo("ops.Bernoulli", [S(ONES.astype(np.float16), 1.0), S(ONES, 1.5), S(ONES, 1),
                             S(ONES, np.array([0.5], np.float16))], dtypes=None, init={"seed": 1}, tag="err"),
    OpInfo("ops.Bernoulli", [S(ONES, 1.0)], dtypes=None, init={"seed": 1.0}, tag="seedf"),
    OpInfo("ops.Bernoulli", [S(ONES, 1.0)], dtypes=None, init={"seed": -2}, tag="seedneg"),
    OpInfo("ops.Dropout3D", [S(X5), S(X5.astype(np.int32))],
           dtypes=None, init={"keep_prob": 1.0}),
    OpInfo("ops.Dropout3D", [S(X5[0])], dtypes=None, init={"keep_prob": 0.5}, tag="err"),
    OpInfo("ops.Dropout3D", [S(X5)], dtypes=None, init={"keep_prob": 1}, tag="kpint"),
    OpInfo("ops.Dropout3D", [S(X5)], dtypes=None, init={"keep_prob": 1.5}, tag="kpbig"),
    OpInfo("ops.LRN", [S(X4)], dtypes=F32, init={}),
    OpInfo("ops.LRN", [S(X4), S(-X4[:, :3] * 2)], dtypes=F32, init={"depth_radius": 1, "bias": 2.0, "alpha": 0.5,
                                                                    "beta": 0.75}, tag="args"),
    OpInfo("ops.LRN", [S(X4)], dtypes=("float16",), init={"depth_radius": 1}, rtol=3e-3, atol=1e-3, tag="f16"),
    OpInfo("ops.LRN", [S(X4.astype(np.float64)), S(X4[0]), S(X4.astype(np.int32))], dtypes=None, init={}, tag="err"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"norm_region": "WITHIN_CHANNEL"}, tag="region"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"norm_region": 1}, tag="region_type"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"depth_radius": 1.0}, tag="radius_type"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"depth_radius": -1}, tag="radius_neg"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"bias": 1}, tag="bias_type"),
    OpInfo("ops.LRN", [S(X4)], dtypes=None, init={"beta": 1}, tag="beta_type"),
    OpInfo("ops.ApplyRotaryPosEmb", [S(np.ones((1, 2, 4), np.float16), np.ones((1, 2, 4), np.float16),
                                       np.ones((2, 4), np.float16), np.ones((2, 4), np.float16),
                                       np.array([2], np.int32))], dtypes=None, init={"cos_format": 1}),
    OpInfo("ops.P.Fill", [S(Dtype("float32"), (2, 3), 1.5), S(Dtype("int32"), (2,), 7)], dtypes=None, init={}),
    OpInfo("ops.P.Shape", [S(X23), S(X5)], dtypes=None, init={}),
]

globals().update(cases(OPS))


def case_P_DType(ms):
    """`ops.P.DType()(x)` is x's dtype."""
    dtype = ms.ops.P.DType()
    return [str(dtype(ms.Tensor(a))) for a in (X23, I32, B1, X23.astype(np.float16))]


def case_P_is_operations(ms):
    return ms.ops.P is ms.ops.operations, ms.ops.P.Cholesky is ms.ops.Cholesky


def case_primitive_attrs(ms):
    """Init arguments stored as Primitive attributes."""
    return (ms.ops.LRN(depth_radius=2).depth_radius, ms.ops.MatrixPower(3).n, ms.ops.Bucketize([1.0]).boundaries,
            ms.ops.Cholesky(upper=True).upper, ms.ops.ApplyRotaryPosEmb(1).cos_format)


def _lrn_grad(ms, x, **init):
    return call(ms, OpInfo("ops.LRN", [], grad=True, init=init), S(x), None)


def case_lrn_grad(ms):
    return _lrn_grad(ms, X4)


def case_lrn_grad_args(ms):
    return _lrn_grad(ms, -X4[:, :3] * 2, depth_radius=1, bias=2.0, alpha=0.5, beta=0.75)


def case_igamma_grad(ms):
    return call(ms, OpInfo("ops.Igamma", [], grad=True, init={}), S(POS_A, POS_X), None)


def case_igammac_grad(ms):
    return call(ms, OpInfo("ops.Igammac", [], grad=True, init={}), S(POS_A, POS_X), None)


case_igamma_grad.rtol = case_igammac_grad.rtol = 1e-4
