"""The rest of `mindspore.mint` (issue 20) that MindSpore 2.10's CPU build cannot run (no CPU kernel for mint's
addr_, batch_norm_*, bincount, bitwise_not, conv_tbc, count_nonzero, cummin, diag, histc, isneginf, kthvalue,
logical_xor (its CPU path fails inside NumPy), median, mv, norm, scatter_add, std_mean, take, trace,
triangular_solve, unique, var_mean, vdot, linalg.vector_norm/qr, special.round_op, nor for the random ops), checked
against hand-written NumPy / JAX of MindSpore's documented (torch-like) semantics. The random ops (bernoulli,
multinomial, normal, randint_like, randperm) cannot give MindSpore's numbers: shapes, dtypes, ranges, statistics and
seeded reproducibility are checked.

The `ops` functions these share, and the mint spellings the oracle runs, are golden cases of the op database suite
`mint_fn_a` (tests/golden/mint_fn_a_cases.py).
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import mint, ops
from mindgrad.common.tensor import wrap
from mindgrad.mint import linalg, special
from mindgrad.mint.nn import functional as F

_r = np.random.RandomState(7)
X = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
T = ms.Tensor(X)
IN = np.array([[1, -2, 3], [4, 0, -6]], np.int32)


def _np(t):
    return t.asnumpy()


def test_shared_with_ops():
    assert mint.addcmul is ops.addcmul and mint.addbmm is ops.addbmm and mint.exp2 is ops.exp2
    assert special.exp2 is ops.exp2 and special.sinc is ops.sinc and mint.fmod is ops.fmod
    assert mint.conv2d is F.conv2d and mint.npu_gelu is F.gelu


def test_elementwise():
    np.testing.assert_allclose(_np(mint.logaddexp(T, T * 2)), np.logaddexp(X, X * 2), rtol=1e-6)
    assert mint.isneginf(ms.Tensor([-np.inf, np.inf, 1.0])).asnumpy().tolist() == [True, False, False]
    assert mint.isneginf(ms.Tensor(IN)).asnumpy().sum() == 0
    x = mint.logical_xor(ms.Tensor(IN), ms.Tensor(np.array([[0, 1, 0], [1, 0, 0]], np.int32)))
    assert x.dtype == ms.bool_ and x.asnumpy().tolist() == [[True, False, True], [False, False, True]]
    b = mint.bitwise_not(ms.Tensor(IN))
    assert b.dtype == ms.int32 and b.asnumpy().tolist() == (~IN).tolist()
    assert mint.bitwise_not(ms.Tensor([True, False])).asnumpy().tolist() == [False, True]
    with pytest.raises(TypeError, match="input"):
        mint.bitwise_not(T)
    r = special.round_op(ms.Tensor([1.234, -2.675, 0.5]), 1)
    np.testing.assert_allclose(_np(r), [1.2, -2.7, 0.5], rtol=1e-6)
    np.testing.assert_allclose(_np(mint.sinc(ms.Tensor([0.0, 0.5]))), [1.0, 2 / np.pi], rtol=1e-6)


def test_matrices():
    a = _r.uniform(-1, 1, (2, 3)).astype(np.float32)
    v = _r.uniform(-1, 1, (3,)).astype(np.float32)
    np.testing.assert_allclose(_np(mint.mv(ms.Tensor(a), ms.Tensor(v))), a @ v, rtol=1e-6)
    np.testing.assert_allclose(_np(mint.mv(input=ms.Tensor(a), vec=ms.Tensor(v))), a @ v, rtol=1e-6)
    out = ms.Tensor(np.ones((2, 3), np.float32))
    same = mint.addr_(out, ms.Tensor(np.array([1.0, 2.0], np.float32)), ms.Tensor(v), beta=2, alpha=0.5)
    assert same is out
    np.testing.assert_allclose(_np(out), 2 + 0.5 * np.outer([1, 2], v), rtol=1e-6)
    assert mint.trace(ms.Tensor(IN)).dtype == ms.int64 and mint.trace(ms.Tensor(IN)).item() == 1
    np.testing.assert_allclose(mint.trace(T).item(), np.trace(X), rtol=1e-6)
    with pytest.raises(RuntimeError):
        mint.trace(ms.Tensor(np.ones((2, 2, 2), np.float32)))
    assert mint.t(T).shape == (3, 2)
    np.testing.assert_allclose(_np(mint.vdot(ms.Tensor(v), ms.Tensor(v * 2))), np.vdot(v, v * 2), rtol=1e-6)
    with pytest.raises(ValueError, match="vdot"):
        mint.vdot(T, T)
    assert mint.diag(ms.Tensor(v), 1).shape == (4, 4)
    np.testing.assert_allclose(_np(mint.diag(T, -1)), np.diag(X, -1))
    np.testing.assert_allclose(_np(mint.select(T, 1, -1)), X[:, -1])
    with pytest.raises(IndexError):
        mint.select(T, 1, 3)
    np.testing.assert_allclose(_np(mint.take(T, ms.Tensor(np.array([[0, 5], [-1, 2]], np.int64)))),
                               X.reshape(-1)[[[0, 5], [-1, 2]]])
    with pytest.raises(TypeError, match="index"):
        mint.take(T, T)
    inv = mint.inverse(ms.Tensor(np.array([[2.0, 1.0], [1.0, 3.0]], np.float32)))
    np.testing.assert_allclose(_np(inv), np.linalg.inv([[2.0, 1.0], [1.0, 3.0]]), rtol=1e-5)


def test_triangular_solve_and_qr():
    a = np.array([[[2.0, 1.0], [0.0, 4.0]], [[1.0, -1.0], [0.0, 0.5]]], np.float32)
    b = _r.uniform(-1, 1, (2, 2, 3)).astype(np.float32)
    x, a_copy = mint.triangular_solve(ms.Tensor(b), ms.Tensor(a))
    np.testing.assert_allclose(_np(x), np.linalg.solve(a, b), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(_np(a_copy), a)
    lower = np.swapaxes(a, -1, -2)
    x, _ = mint.triangular_solve(ms.Tensor(b), ms.Tensor(lower), upper=False, transpose=True)
    np.testing.assert_allclose(_np(x), np.linalg.solve(a, b), rtol=1e-5, atol=1e-6)
    x, _ = mint.triangular_solve(ms.Tensor(b), ms.Tensor(a), unitriangular=True)
    np.testing.assert_allclose(_np(x), np.linalg.solve(np.triu(a, 1) + np.eye(2), b), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="triangular_solve"):
        mint.triangular_solve(ms.Tensor(b), ms.Tensor(np.ones((2, 3, 3), np.float32)))
    m = _r.uniform(-1, 1, (4, 3)).astype(np.float32)
    q, r = linalg.qr(ms.Tensor(m))
    assert q.shape == (4, 3) and r.shape == (3, 3)
    np.testing.assert_allclose(_np(q) @ _np(r), m, atol=1e-5)
    np.testing.assert_allclose(_np(r), np.triu(_np(r)))
    q, r = linalg.qr(A=ms.Tensor(m), mode="complete")
    assert q.shape == (4, 4) and r.shape == (4, 3)
    q, r = linalg.qr(ms.Tensor(m), "r")
    assert q.shape == (0,) and r.shape == (3, 3)


def test_norms():
    a = _r.uniform(-1, 1, (2, 3, 4)).astype(np.float32)
    ta = ms.Tensor(a)
    np.testing.assert_allclose(mint.norm(ta).item(), np.linalg.norm(a.reshape(-1)), rtol=1e-6)
    np.testing.assert_allclose(_np(mint.norm(ta, 1, 2)), np.abs(a).sum(2), rtol=1e-6)
    np.testing.assert_allclose(_np(mint.norm(ta, float("inf"), dim=(1, 2), keepdim=True)),
                               np.abs(a).max((1, 2), keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(_np(mint.norm(ta, "fro", dim=(1, 2))), np.linalg.norm(a, "fro", (1, 2)), rtol=1e-6)
    np.testing.assert_allclose(_np(mint.norm(ta, "nuc")), np.linalg.norm(a, "nuc", (1, 2)), rtol=1e-5)
    np.testing.assert_allclose(_np(linalg.vector_norm(ta, 3, dim=-1, keepdim=True)),
                               np.linalg.norm(a, 3, -1, keepdims=True), rtol=1e-5)
    np.testing.assert_allclose(_np(linalg.matrix_norm(ta, 2)), np.linalg.norm(a, 2, (1, 2)), rtol=1e-5)
    assert mint.norm(ms.Tensor(IN)).dtype == ms.float32
    assert mint.norm(ta, dtype=ms.float64).dtype == ms.float64


def test_reductions():
    x5 = _r.uniform(-2, 2, (3, 5)).astype(np.float32)
    t5 = ms.Tensor(x5)
    assert mint.median(t5).shape == () and mint.median(t5).item() == np.sort(x5.reshape(-1))[7]
    v, i = mint.median(t5, 1, keepdim=True)
    assert v.shape == (3, 1) and i.dtype == ms.int64
    np.testing.assert_array_equal(_np(v)[:, 0], np.sort(x5, 1)[:, 2])
    np.testing.assert_array_equal(np.take_along_axis(x5, _np(i), 1), _np(v))
    v, i = mint.kthvalue(t5, 2, 0)
    np.testing.assert_array_equal(_np(v), np.sort(x5, 0)[1])
    assert i.dtype == ms.int64 and _np(i).tolist() == np.argsort(x5, 0, kind="stable")[1].tolist()
    v, i = mint.kthvalue(t5, 5, dim=-1, keepdim=True)
    assert v.shape == (3, 1) and _np(v)[:, 0].tolist() == x5.max(1).tolist()
    with pytest.raises(ValueError, match="k"):
        mint.kthvalue(t5, 6)
    v, i = mint.cummin(ms.Tensor(np.array([[3.0, 1.0, 2.0, 1.0]], np.float32)), 1)
    assert i.dtype == ms.int64 and _np(v).tolist() == [[3, 1, 1, 1]] and _np(i).tolist() == [[0, 1, 1, 3]]
    s, m = mint.std_mean(t5, 1)
    np.testing.assert_allclose(_np(s), x5.std(1, ddof=1), rtol=1e-5)
    np.testing.assert_allclose(_np(m), x5.mean(1), rtol=1e-6)
    s, m = mint.var_mean(t5, dim=(0, 1), correction=0, keepdim=True)
    assert s.shape == (1, 1)
    np.testing.assert_allclose(s.item(), x5.var(), rtol=1e-5)
    c = mint.count_nonzero(ms.Tensor(IN))
    assert c.dtype == ms.int64 and c.item() == 5
    assert mint.count_nonzero(ms.Tensor(IN), dim=1).asnumpy().tolist() == [3, 2]
    assert mint.count_nonzero(ms.Tensor(IN), dim=[0, 1]).item() == 5
    assert mint.nansum(ms.Tensor([1.0, np.nan, 2.0])).item() == 3.0


def test_counting():
    x = ms.Tensor(np.array([0, 1, 1, 3], np.int64))
    c = mint.bincount(x)
    assert c.dtype == ms.int64 and c.asnumpy().tolist() == [1, 2, 0, 1]
    w = mint.bincount(x, ms.Tensor(np.array([0.5, 1.0, 2.0, 4.0], np.float32)), minlength=6)
    assert w.dtype == ms.float32 and w.asnumpy().tolist() == [0.5, 3.0, 0.0, 4.0, 0.0, 0.0]
    assert mint.bincount(x, ms.Tensor(np.ones(4, np.int32))).dtype == ms.float64
    h = mint.histc(ms.Tensor(np.array([1.0, 2.0, 1.0], np.float32)), bins=4, min=0, max=3)
    assert h.dtype == ms.float32 and h.asnumpy().tolist() == [0.0, 2.0, 1.0, 0.0]
    h = mint.histc(T, bins=5)
    assert h.asnumpy().sum() == 6 and h.asnumpy().tolist() == np.histogram(X, 5)[0].tolist()
    u = mint.unique(ms.Tensor(np.array([3, 1, 3, 2], np.int32)))
    assert u.asnumpy().tolist() == [1, 2, 3]
    u, inv, cnt = mint.unique(ms.Tensor(np.array([[3, 1], [3, 2]], np.int32)), return_inverse=True,
                              return_counts=True)
    assert inv.dtype == ms.int64 and inv.asnumpy().tolist() == [[2, 0], [2, 1]]
    assert cnt.dtype == ms.int64 and cnt.asnumpy().tolist() == [1, 1, 2]
    u, inv = mint.unique(ms.Tensor(np.array([[1, 2], [0, 0], [1, 2]], np.int32)), return_inverse=True, dim=0)
    assert u.asnumpy().tolist() == [[0, 0], [1, 2]] and inv.asnumpy().tolist() == [1, 0, 1]


def test_scatter_index_add():
    idx = ms.Tensor(np.array([[0, 0], [1, 2]], np.int64))
    src = ms.Tensor(np.ones((2, 2), np.float32))
    out = mint.scatter_add(T, 1, idx, src)
    expect = X.copy()
    expect[0, 0] += 2
    expect[1, 1] += 1
    expect[1, 2] += 1
    np.testing.assert_allclose(_np(out), expect, rtol=1e-6)
    out = mint.index_add(T, 0, ms.Tensor(np.array([1], np.int32)), ms.Tensor(np.ones((1, 3), np.float32)), alpha=3)
    np.testing.assert_allclose(_np(out), X + np.array([[0.0], [3.0]]), rtol=1e-6)


def test_conv_tbc_and_batch_norm_stats():
    x = _r.uniform(-1, 1, (5, 2, 3)).astype(np.float32)      # (time, batch, in)
    w = _r.uniform(-1, 1, (2, 3, 4)).astype(np.float32)      # (kernel, in, out)
    b = _r.uniform(-1, 1, (4,)).astype(np.float32)
    out = mint.conv_tbc(ms.Tensor(x), ms.Tensor(w), ms.Tensor(b), 1)
    xp = np.pad(x, ((1, 1), (0, 0), (0, 0)))
    expect = np.stack([sum(xp[t + k] @ w[k] for k in range(2)) for t in range(6)]) + b
    assert out.shape == (6, 2, 4)
    np.testing.assert_allclose(_np(out), expect, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="conv_tbc"):
        mint.conv_tbc(ms.Tensor(x), ms.Tensor(w[:, :2]), ms.Tensor(b))

    xb = _r.uniform(-1, 1, (4, 3, 2)).astype(np.float32)
    mean, invstd = mint.batch_norm_stats(ms.Tensor(xb), 1e-5)
    np.testing.assert_allclose(_np(mean), xb.mean((0, 2)), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(_np(invstd), 1 / np.sqrt(xb.var((0, 2)) + 1e-5), rtol=1e-5)
    wt, bs = np.array([1.0, 2.0, 0.5], np.float32), np.array([0.0, 1.0, -1.0], np.float32)
    y = mint.batch_norm_elemt(ms.Tensor(xb), ms.Tensor(wt), ms.Tensor(bs), mean, invstd, 1e-5)
    expect = (xb - xb.mean((0, 2))[:, None]) / np.sqrt(xb.var((0, 2)) + 1e-5)[:, None] * wt[:, None] + bs[:, None]
    np.testing.assert_allclose(_np(y), expect, rtol=1e-4, atol=1e-5)
    # two devices' statistics of halves of xb give the whole batch's
    m1, s1 = mint.batch_norm_stats(ms.Tensor(xb[:1]), 1e-5)
    m2, s2 = mint.batch_norm_stats(ms.Tensor(xb[1:]), 1e-5)
    running_mean, running_var = ms.Tensor(np.zeros(3, np.float32)), ms.Tensor(np.ones(3, np.float32))
    gm, gs = mint.batch_norm_gather_stats_with_counts(
        ms.Tensor(xb), ops.stack([m1, m2]), ops.stack([s1, s2]), running_mean, running_var, 0.1, 1e-5,
        ms.Tensor(np.array([2.0, 6.0], np.float32)))
    np.testing.assert_allclose(_np(gm), _np(mean), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(gs), _np(invstd), rtol=1e-4)
    np.testing.assert_allclose(_np(running_mean), 0.1 * xb.mean((0, 2)), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(_np(running_var), 0.9 + 0.1 * xb.var((0, 2), ddof=1), rtol=1e-5)


def test_random_ops():
    p = ms.Tensor(np.array([[0.0, 0.2, 0.8], [0.5, 0.5, 0.0]], np.float32))
    q = ms.Tensor(np.full((2000,), 0.3, np.float32))

    def draws():
        ms.set_seed(3)
        return [mint.multinomial(p, 2), mint.normal(0.0, 1.0, (2000,)), mint.randperm(6), mint.bernoulli(q)]

    first, again = draws(), draws()
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(_np(a), _np(b))
    m, n, perm, bern = first
    assert m.dtype == ms.int64 and m.shape == (2, 2)
    assert all(set(row) <= allowed and len(set(row)) == 2 for row, allowed in zip(_np(m).tolist(), ({1, 2}, {0, 1}),
                                                                                      strict=True))
    assert n.dtype == ms.float32 and abs(_np(n).mean()) < 0.1 and abs(_np(n).std() - 1) < 0.1
    assert perm.dtype == ms.int64 and sorted(perm.asnumpy().tolist()) == list(range(6))
    assert bern.dtype == ms.float32 and set(np.unique(_np(bern))) <= {0.0, 1.0} and abs(_np(bern).mean() - 0.3) < 0.05
    assert mint.randperm(6, dtype=ms.int32).dtype == ms.int32
    n = mint.normal(ms.Tensor(np.full((2000,), 5.0, np.float32)), 2.0)
    assert n.dtype == ms.float32 and abs(_np(n).mean() - 5) < 0.2 and abs(_np(n).std() - 2) < 0.2
    assert mint.normal(1.0, ms.Tensor(np.ones((2000,), np.float32))).shape == (2000,)
    with pytest.raises(TypeError, match="size"):
        mint.normal(0.0, 1.0)
    r = mint.randint_like(T, 5)
    assert r.dtype == ms.float32 and r.shape == (2, 3) and set(_np(r).ravel()) <= {0, 1, 2, 3, 4}
    r = mint.randint_like(T, 10, 12, dtype=ms.int32)
    assert r.dtype == ms.int32 and set(_np(r).ravel()) <= {10, 11}
    r = ops.randint_like(ms.Tensor(IN.astype(np.int64)), 0, 3)
    assert r.dtype == ms.int64 and set(_np(r).ravel()) <= {0, 1, 2}


_A = jnp.asarray(np.random.RandomState(8).uniform(-1, 1, (2, 3)))
_B = jnp.asarray(np.random.RandomState(9).uniform(-1, 1, (2, 3)))
# check_grads (float64) of the mint ops the oracle has no CPU kernel for, and of ops functions no op-database entry
# can differentiate (list arguments, (values, indices) results)
GRAD_CASES = {
    "dstack": (lambda x, y: ops.dstack([x, y]), (_A, _B)),
    "hstack": (lambda x, y: ops.hstack([x, y]), (_A, _B)),
    "take": (lambda x: mint.take(x, ms.Tensor(np.array([0, 4, -1], np.int64))), (_A,)),
    "kthvalue": (lambda x: mint.kthvalue(x, 2)[0], (_A,)),
    "median": (lambda x: mint.median(x, 1)[0], (_A,)),
    "cummax": (lambda x: ops.cummax(x, 1)[0], (_A,)),
    "cummin": (lambda x: ops.cummin(x, 0)[0], (_A,)),
    "qr": (lambda x: ops.qr(x.reshape(3, 2))[0] + ops.qr(x.reshape(3, 2))[1].sum(), (_A,)),
    "vdot": (lambda x, y: mint.vdot(x.reshape(-1), y.reshape(-1)), (_A, _B)),
    "norm": (lambda x: mint.norm(x, 3, 1), (_A,)),
    "triangular_solve": (lambda x: mint.triangular_solve(x, ms.Tensor(np.array([[2.0, 1.0], [0.0, 3.0]])))[0],
                         (_A,)),
}


@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradients(name):
    fn, args = GRAD_CASES[name]

    def pure(*arrays):
        return fn(*[wrap(x) for x in arrays])._arr

    with jax.checking_leaks():
        check_grads(jax.jit(pure), args, order=1, modes=("rev",), atol=1e-4, rtol=1e-4)
