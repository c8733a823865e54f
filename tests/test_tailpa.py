"""tailprimA's Primitives where golden recordings cannot pin them (tests/golden/tailpa_*_cases.py hold the rest).

* MatrixExp has no CPU kernel in MindSpore 2.10, nor have the gradients of Cholesky (CholeskyGrad) and LuSolve: they
  are checked against hand-written NumPy/SciPy references of the documented semantics and with `check_grads`.
* LRN takes Float16/Float32 only: `check_grads` runs on its math in Float64 (the Primitive's gradients are recorded).
* Bernoulli and Dropout3D: statistics and structure of the draws (MindSpore's generator is not reproduced).
* ApplyRotaryPosEmb: constructible, RuntimeError when called (Ascend-only kernel).
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import scipy.linalg
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import ops
from mindgrad.common.tensor import wrap
from mindgrad.ops.operations.pa_math_nn_ops import lrn

RS = np.random.RandomState(7)
SPD = np.array([[4.0, 2.0, 0.4], [2.0, 3.0, 0.5], [0.4, 0.5, 2.0]])
SQ = RS.uniform(-0.5, 0.5, (2, 2, 2))
LU = np.array([[8.0, 7.0, 9.0], [0.5, -0.5, -1.5], [0.25, -0.5, -1.0]])
PIV = ms.Tensor(np.array([3, 3, 3], np.int32))


GRADS = {
    "Cholesky": (lambda a: ops.Cholesky()(a), [SPD]),
    "MatrixExp": (lambda a: ops.MatrixExp()(a), [SQ]),
    "LuSolve": (lambda b, lu: ops.LuSolve()(b, lu, PIV), [RS.randn(3, 2), LU]),
    "LRN": (lambda x: wrap(lrn(x._arr, 1, 2.0, 0.5, 0.75)), [RS.uniform(-1, 1, (1, 4, 2, 2))]),
}


@pytest.mark.parametrize("name", sorted(GRADS))
def test_check_grads(name):
    fn, args = GRADS[name]

    def pure(*arrays):
        return fn(*[wrap(a) for a in arrays])._arr

    with jax.checking_leaks():
        check_grads(jax.jit(pure), tuple(jnp.asarray(a) for a in args), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)


def test_matrix_exp_values():
    for dtype, tol in ((np.complex64, 1e-5),):
        x = SQ.astype(dtype)
        out = ops.MatrixExp()(ms.Tensor(x))
        assert out.dtype == ms.Tensor(x).dtype and out.shape == x.shape
        np.testing.assert_allclose(out.asnumpy(), np.stack([scipy.linalg.expm(m) for m in x]), rtol=tol, atol=tol)
    with pytest.raises(TypeError, match="MatrixExp"):
        ops.MatrixExp()(ms.Tensor(np.eye(2, dtype=np.int32)))


def test_cholesky_and_lu_solve_against_scipy():
    low = ops.Cholesky()(ms.Tensor(SPD)).asnumpy()
    np.testing.assert_allclose(low, scipy.linalg.cholesky(SPD, lower=True), rtol=1e-12)
    b = RS.randn(3, 2)
    lu, piv = scipy.linalg.lu_factor(SPD[::-1].copy())
    out = ops.LuSolve()(ms.Tensor(b), ms.Tensor(lu), ms.Tensor((piv + 1).astype(np.int32)))
    np.testing.assert_allclose(out.asnumpy(), np.linalg.solve(SPD[::-1], b), rtol=1e-10)


def test_cholesky_not_positive_definite_under_jit_is_nan():
    """Outside a trace the kernel's RuntimeError (golden case); inside one, the values are unknown: NaN."""
    bad = jnp.array([[1.0, 2.0], [2.0, 1.0]])
    out = jax.jit(lambda a: ops.Cholesky()(wrap(a))._arr)(bad)
    assert np.isnan(np.asarray(out)).any()


def test_bernoulli_draws():
    prim = ops.Bernoulli(seed=3)
    x = ms.Tensor(np.zeros((4000,), np.float32))
    first, second = prim(x, 0.3).asnumpy(), prim(x, 0.3).asnumpy()
    assert set(np.unique(first)) <= {0.0, 1.0} and abs(first.mean() - 0.3) < 0.04
    assert not np.array_equal(first, second)


def test_dropout3d_masks_whole_channels():
    x = ms.Tensor(np.ones((8, 16, 2, 2, 2), np.float32))
    out, mask = ops.Dropout3D(keep_prob=0.25)(x)
    out, mask = out.asnumpy(), mask.asnumpy()
    assert mask.dtype == np.bool_ and mask.shape == out.shape
    per_channel = mask.reshape(8, 16, -1)
    assert (per_channel.all(axis=-1) | ~per_channel.any(axis=-1)).all()
    np.testing.assert_allclose(out, np.where(mask, 4.0, 0.0))
    assert 0.1 < mask.mean() < 0.4
    zero, zero_mask = ops.Dropout3D(keep_prob=0.0)(x)
    assert not zero.asnumpy().any() and not zero_mask.asnumpy().any()


def test_apply_rotary_pos_emb_is_ascend_only():
    prim = ops.ApplyRotaryPosEmb(cos_format=2)
    assert prim.cos_format == 2
    q = ms.Tensor(np.ones((1, 2, 4), np.float16))
    with pytest.raises(RuntimeError, match="Ascend-only"):
        prim(q, q, q, q, ms.Tensor(np.array([2], np.int32)))
