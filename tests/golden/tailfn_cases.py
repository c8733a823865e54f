"""Op database, session 8 tail of `ops` functions (tailfn): kron, ger, inner, addr, atleast_1d/2d/3d, column_stack,
diag_embed, matrix_diag, dist, pdist, batch_dot, clip_by_norm, combinations, sequence_mask, intopk, kaiser_window,
floor_div, truncate_div, subtract, eig, scatter_nd_add, scatter_update, softmin, lp_pool2d, avg_pool3d, max_pool3d,
conv3d, and the `ops.function.nn_func` paths linear / conv_transpose2d / pad_ext. Recorded from MindSpore 2.10 with
`record.py tailfn`; replayed by tests/test_opdb.py. rotary_position_embedding, nn_func.conv_transpose2d and padding
`pad_ext` have no CPU kernel in MindSpore 2.10: tests/test_tailfn.py checks them against NumPy of the documented
semantics; the random
`shuffle` and `dropout2d` are checked by deterministic properties here and in tests/test_tailfn.py."""

import numpy as np
from opdb import Dtype, OpInfo, S, cases

RS = np.random.RandomState(8)
A23 = RS.randn(2, 3).astype(np.float32)
B32 = RS.randn(3, 2).astype(np.float32)
V2 = RS.randn(2).astype(np.float32)
V3 = RS.randn(3).astype(np.float32)
A43 = RS.randn(4, 3).astype(np.float32)
A234 = RS.randn(2, 3, 4).astype(np.float32)
A245 = RS.randn(2, 4, 5).astype(np.float32)
I2 = np.array([[1, -2], [3, 4]], np.int32)
I3 = np.array([2, -1, 5], np.int32)
PTS = RS.randn(4, 3).astype(np.float32)
SQ = np.array([[2.0, 1.0, 0.5], [0.3, 3.0, 1.0], [0.2, 0.1, -1.0]], np.float32)
IMG = RS.uniform(0.5, 2.0, (1, 2, 5, 5)).astype(np.float32)
VOL = RS.randn(1, 2, 4, 4, 4).astype(np.float32)
W3 = (RS.randn(3, 2, 2, 2, 2) * 0.5).astype(np.float32)
BIAS3 = RS.randn(3).astype(np.float32)
DIV_A = np.array([7, -7, 6, -5], np.int32)
DIV_B = np.array([2, 2, -4, 3], np.int32)
FDIV_A = np.array([7.5, -7.5, 3.0, -0.5], np.float32)
FDIV_B = np.array([2.0, 2.0, -4.0, 3.0], np.float32)
S1, S15, S2, S3 = (np.array(v, np.float32) for v in (1.0, 1.5, 2.0, 3.0))  # 0-D Tensors

def _split(path: str, grads: list, more: list, **kwargs) -> list:
    """One op's entries: `grads` recorded with gradients, `more` (values, dtypes, errors) without."""
    return [OpInfo(path, grads, grad=True, **kwargs)] + ([OpInfo(path, more, tag="more", **kwargs)] if more else [])


OPS = [
    *_split("ops.kron", [S(A23, B32)], [S(I2, I3), S(S2, V3), S([1, 2], V2)]),
    *_split("ops.ger", [S(V2, V3)], [S(I3, I3), S(V2, A23)]),
    *_split("ops.inner", [S(A23, A43)], [S(S3, A23), S(I2, I2), S(A23, B32)]),
    *_split("ops.addr", [S(A23, V2, V3, beta=0.5, alpha=2)],
            [S(I2, I2[0], I2[1], beta=2, alpha=3), S(A23, V2, I3), S(A23, V2, V3, alpha="x"),
             S(np.ones(3, np.float32), V2, V3)]),
    *_split("ops.atleast_1d", [S(S15)], [S([S1, V2, A23]), S([V2, 3])]),
    *_split("ops.atleast_2d", [S(V3)], [S(A234), S((S1, V2, A23))]),
    *_split("ops.atleast_3d", [S(A23)], [S(V3), S(A234), S([V2, A23])]),
    OpInfo("ops.column_stack", [S([V3, A43[:3], V3]), S((I3, I3)), S([S1]), S([]), S(V3), S([V3, 1.0])]),
    *_split("ops.diag_embed", [S(A23, 0, 0, 2)],
            [S(V3, 1), S(V3, -2), S(I3), S(A23, 0, 1, 1), S(A23, 0, 3, 1), S(np.ones(3, np.bool_))]),
    *_split("ops.matrix_diag", [S(A23, k=-1, num_rows=4, num_cols=5, padding_value=9.0)],
            [S(V3), S(A23, k=1), S(I3, k=0, num_cols=5), S(A23[:, :2], k=(0, 1)), S(V3, align="bad")]),
    *_split("ops.dist", [S(A23, B32.T)],
            [S(A23, B32.T, 1), S(A23, B32.T, 3), S(S1, V3), S(A23, B32.T, 0), S(A23, [1.0, 2.0, 3.0])]),
    *_split("ops.pdist", [S(PTS, 3.0)],
            [S(PTS), S(PTS, 1.0), S(PTS, 0.0), S(PTS[None]), S(V3), S(PTS, -1.0), S(I2)]),
    *_split("ops.batch_dot", [S(A234, A23, (1, 1))],
            [S(A234, A245), S(A23, A23), S(A234, A234, (2, 2)), S(I2, I2), S(A23, V3)]),
    *_split("ops.clip_by_norm", [S(A23, 1.0)],
            [S(A23, 100.0), S(A23, 0.5, 1.0), S(A23, 0.5, float("inf")), S([A23, V3], 1.0), S((A23, V3), 1.0, 3)]),
    *_split("ops.combinations", [S(np.array([1.0, 2.0, 3.0, 4.0], np.float32), 3)],
            [S(V3), S(I3, 2, True), S(V3, 4), S(A23), S(V3, 2.0)]),
    OpInfo("ops.sequence_mask", [S(np.array([1, 3, 2], np.int32)), S(np.array([[1, 0], [4, 2]], np.int64), 5),
                                 S(np.array([1.0, 2.0], np.float32)), S(np.array([1, 2], np.int32), 0)], dtypes=None),
    OpInfo("ops.intopk", [S(A43, np.array([0, 1, 2, 0], np.int32), 1), S(A43, np.array([0, 1, 2, 0], np.int32), 2),
                          S(A43.astype(np.float16), np.array([2, 2, 2, 2], np.int32), 3),
                          S(A43, np.array([0, 1, 2, 0], np.int64), 1), S(A43, np.array([0, 1, 2, 0], np.int32), 1.5),
                          S(A43.astype(np.float64), np.array([0, 1, 2, 0], np.int32), 1)], dtypes=None),
    OpInfo("ops.kaiser_window", [S(6), S(5, False), S(7, True, 3.0), S(4, dtype=Dtype("float32")), S(1), S(0),
                                 S(5, 1), S(2.0), S(-1), S(4, dtype=Dtype("int32"))], dtypes=None),
    OpInfo("ops.floor_div", [S(DIV_A, DIV_B), S(FDIV_A, FDIV_B), S(DIV_A, 2), S(DIV_A, FDIV_B)],
           dtypes=None),
    OpInfo("ops.truncate_div", [S(DIV_A, DIV_B), S(FDIV_A, FDIV_B), S(DIV_A, 2), S(DIV_A, FDIV_B)], dtypes=None),
    *_split("ops.subtract", [S(A23, V3, alpha=2.5)],
            [S(DIV_A, DIV_B, alpha=3), S(DIV_A, 1.5), S(A23, 2.0, alpha=-1)]),
    OpInfo("ops.eig", [S(A23), S(I2)]),
    *_split("ops.function.softmin", [S(A23, 0)], [S(A23), S(A23, axis=-1, dtype=Dtype("float16"))]),
    OpInfo("ops.softmin", [S(A23)]),
    *_split("ops.lp_pool2d", [S(IMG, 1.5, 3, 1)],
            [S(IMG, 2, 2, None, True), S(IMG, 3, (2, 3), (1, 2)), S(IMG, 0, 2), S(IMG, "2", 2),
             S(IMG[0], 2, 2)], rtol=1e-4),
    *_split("ops.avg_pool3d", [S(VOL, 3, 2, 1, True)],
            [S(VOL, (2, 3, 2), (2, 1, 1), 1), S(VOL, 3, 2, 1, False, False), S(VOL, 2, 2, 0, False, True, 3),
             S(VOL, 3, 1, (1, 1, 0, 0, 1, 1)), S(VOL, 2, 2, -1), S(VOL, 2, 2, (1, 1)), S(VOL[0], 2)]),
    *_split("ops.max_pool3d", [S(VOL, 3, 2, 1, 1, True), S(VOL, 2, 1, 0, 2)],
            [S(VOL, 2), S(VOL, 3, 2, 1, 1, True, True)]),
    *_split("ops.conv3d", [S(VOL, W3, BIAS3, 1, "pad", (1, 0, 1))],
            [S(VOL, W3, None, 2), S(VOL, W3, BIAS3, 1, "same"),
             S(VOL, W3, None, 1, "valid", 0, 2), S(VOL, W3[:2, :1], None, 1, "valid", 0, 1, 2)], rtol=1e-4),
    *_split("ops.function.nn_func.linear", [S(A23, A43, V2[:1].repeat(4))],
            [S(A23, A43, None), S(A234, A234[0], None)]),
    OpInfo("Tensor.addr", [S(A23, V2, V3, beta=2, alpha=0.5)]),
    OpInfo("Tensor.ger", [S(V2, V3)]),
    OpInfo("Tensor.inner", [S(A23, A43)]),
    OpInfo("ops.function.nn_func.pad_ext", [S(A234, ()), S(A234.tolist(), (1, 1))]),
]


def _eig(ms, a):
    """Eigenvalues, |eigenvectors| (an eigenvector's phase is the solver's choice) and A v - lambda v."""
    values, vectors = ms.ops.eig(ms.Tensor(a))
    v, w = values.asnumpy(), vectors.asnumpy()
    residual = np.abs(a @ w - w * v[..., None, :]).max() < 1e-4
    return values.dtype, vectors.dtype, v, np.abs(w).astype(np.float32 if a.dtype == np.float32 else np.float64), \
        bool(residual)


def case_eig(ms):
    return _eig(ms, SQ.astype(np.float64))


def case_eig_batch(ms):
    turn = np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 2.0]], np.float32)
    return _eig(ms, np.stack([SQ, SQ.T, turn]))


def _scatter(ms, name, x, idx, upd, **kwargs):
    p = ms.Parameter(ms.Tensor(x), name="p")
    out = getattr(ms.ops, name)(p, ms.Tensor(idx), ms.Tensor(upd), **kwargs)
    return out, p.value()


def case_scatter_nd_add(ms):
    x = np.arange(8, dtype=np.float32)
    return _scatter(ms, "scatter_nd_add", x, np.array([[2], [4], [2]], np.int32), np.array([1.0, 2.0, 3.0], np.float32))


def case_scatter_nd_add_rows(ms):
    x = np.zeros((3, 2), np.int32)
    return _scatter(ms, "scatter_nd_add", x, np.array([[0], [2], [0]], np.int64), np.array([[1, 2], [3, 4], [5, 6]],
                                                                                            np.int32), use_locking=True)


def case_scatter_nd_add_bad_indices(ms):
    return _scatter(ms, "scatter_nd_add", np.zeros(3, np.float32), np.array([[0.0]], np.float32),
                    np.ones(1, np.float32))


def case_scatter_update(ms):
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    return _scatter(ms, "scatter_update", x, np.array([2, 0], np.int32), np.array([[9, 8], [7, 6]], np.float32))


def case_scatter_update_2d_indices(ms):
    x = np.zeros((4, 2), np.int32)
    return _scatter(ms, "scatter_update", x, np.array([[1], [3]], np.int64), np.array([[[1, 2]], [[3, 4]]], np.int32))


def case_scatter_update_bad_shape(ms):
    return _scatter(ms, "scatter_update", np.zeros((3, 2), np.float32), np.array([1], np.int32),
                    np.ones((2, 2), np.float32))


def case_shuffle_is_a_permutation(ms):
    x = np.arange(12, dtype=np.float32).reshape(6, 2)
    out = ms.ops.shuffle(ms.Tensor(x), seed=3).asnumpy()
    return out.dtype.name, out.shape, sorted(out[:, 0].tolist()), bool(((out[:, 1] - out[:, 0]) == 1).all())


def case_shuffle_scalar_error(ms):
    return ms.ops.shuffle(ms.Tensor(1.0))


def case_shuffle_seed_error(ms):
    return ms.ops.shuffle(ms.Tensor(np.arange(3)), seed=-1)


def case_dropout2d_eval(ms):
    return ms.ops.dropout2d(ms.Tensor(IMG), 0.5, False)


def case_dropout2d_keep_all(ms):
    return ms.ops.dropout2d(ms.Tensor(IMG), 0.0)


def case_dropout2d_channels(ms):
    out = ms.ops.dropout2d(ms.Tensor(np.ones((4, 8, 2, 3), np.float32)), 0.5).asnumpy()
    per_channel = out.reshape(32, 6)
    return out.shape, bool(np.isin(out, (0.0, 2.0)).all()), bool((per_channel == per_channel[:, :1]).all())


def case_dropout2d_bad_rank(ms):
    return ms.ops.dropout2d(ms.Tensor(np.ones((2, 3), np.float32)), 0.5)


def case_dropout2d_bad_p(ms):
    return ms.ops.dropout2d(ms.Tensor(IMG), 1.5)


def case_dropout2d_bad_training(ms):
    return ms.ops.dropout2d(ms.Tensor(IMG), 0.5, 1)


def case_clip_by_norm_nonfinite(ms):
    return ms.ops.clip_by_norm(ms.Tensor(np.array([np.inf, 1.0], np.float32)), 1.0, error_if_nonfinite=True)


for _name, _covered in (("scatter_nd_add", "scatter_nd_add"), ("scatter_update", "scatter_update"),
                        ("shuffle_is_a_permutation", "shuffle"), ("dropout2d_channels", "dropout2d"),
                        ("eig", "eig")):
    globals()["case_" + _name].covers = (_covered,)

globals().update(cases(OPS))
