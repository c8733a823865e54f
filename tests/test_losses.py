"""Losses: MindSpore's golden results, and gradients against hand-written `jax.vjp` references and
numeric checks in float64."""


import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.common.tensor import wrap
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("loss_"))
def test_golden_loss(name):
    SUITE.check(name, ms)


def _rand(shape, seed, low=None, high=None):
    rs = np.random.RandomState(seed)
    return rs.uniform(low, high, size=shape) if low is not None else rs.standard_normal(shape)


def _check(loss, *xs, tol=1e-6):
    """check_grads of the loss Cell as a function of its float64 inputs."""
    check_grads(lambda *a: loss(*(wrap(v) for v in a))._arr, xs, order=1, modes=("rev",), atol=tol, rtol=tol)


@pytest.mark.parametrize("make, args, tol", [
    # MSELoss and L1Loss reduce in Float32 (MindSpore's get_loss), also for Float64 inputs.
    (lambda: ms.nn.MSELoss(), lambda: (_rand((3, 4), 1), _rand((3, 4), 2)), 1e-3),
    (lambda: ms.nn.SmoothL1Loss(beta=0.7, reduction="sum"), lambda: (_rand((3, 4), 3), _rand((3, 4), 4)), 1e-6),
    (lambda: ms.nn.BCELoss(reduction="mean"), lambda: (_rand((3, 2), 5, 0.1, 0.9), _rand((3, 2), 6, 0.0, 1.0)),
     1e-6),
    (lambda: ms.nn.BCEWithLogitsLoss(pos_weight=ms.Tensor(np.array([0.5, 2.0]))),
     lambda: (_rand((3, 2), 7), _rand((3, 2), 8, 0.0, 1.0)), 1e-6),
    (lambda: ms.nn.L1Loss(reduction="none"), lambda: (_rand((2, 3), 9), _rand((2, 3), 10)), 1e-3),
])
def test_loss_gradients_numeric(make, args, tol, leak_check):
    _check(make(), *args(), tol=tol)


def test_cross_entropy_probabilities_matches_reference_vjp(leak_check):
    """Probability targets (they get a gradient too) with class weights and label smoothing."""
    x = _rand((4, 3), 15).astype(np.float32)
    p = _rand((4, 3), 16, 0.0, 1.0).astype(np.float32)
    w = np.array([0.5, 1.0, 2.0], np.float32)
    loss = ms.nn.CrossEntropyLoss(weight=ms.Tensor(w), label_smoothing=0.1)

    def ref(x, p):
        q = p * 0.9 + 0.1 / 3
        return -(jax.nn.log_softmax(x, axis=1) * q * w).sum() / 4

    value, vjp = jax.vjp(ref, jnp.asarray(x), jnp.asarray(p))
    np.testing.assert_allclose(loss(ms.Tensor(x), ms.Tensor(p)).asnumpy(), np.asarray(value), rtol=1e-5)
    grads = ms.ops.GradOperation(get_all=True)(loss)(ms.Tensor(x), ms.Tensor(p))
    for got, want in zip(grads, vjp(jnp.ones((), jnp.float32)), strict=False):
        np.testing.assert_allclose(got.asnumpy(), np.asarray(want), rtol=1e-5, atol=1e-6)


def test_cross_entropy_indices_matches_reference_vjp(leak_check):
    """Class indices with weight, ignore_index and label smoothing against a hand-written formula."""
    x = _rand((5, 4), 11).astype(np.float32)
    t = np.array([0, 3, -100, 2, 1], np.int32)
    w = np.array([1.0, 0.5, 2.0, 1.5], np.float32)
    eps = 0.2
    loss = ms.nn.CrossEntropyLoss(weight=ms.Tensor(w), label_smoothing=eps)

    def ref(x):
        logp = jax.nn.log_softmax(x, axis=1)
        keep = t != -100
        idx = np.where(keep, t, 0)
        nll = -jnp.take_along_axis(logp, idx[:, None], 1)[:, 0] * w[idx] * keep
        smooth = -(logp * w).sum(1) * keep
        total = (w[idx] * keep).sum()
        return (1 - eps) * nll.sum() / total + eps / 4 * smooth.sum() / total

    value, vjp = jax.vjp(ref, jnp.asarray(x))
    got = loss(ms.Tensor(x), ms.Tensor(t))
    np.testing.assert_allclose(got.asnumpy(), np.asarray(value), rtol=1e-5, atol=1e-6)
    grads = ms.ops.GradOperation(get_all=True)(loss)(ms.Tensor(x), ms.Tensor(t))
    np.testing.assert_allclose(grads[0].asnumpy(), np.asarray(vjp(jnp.ones((), jnp.float32))[0]), rtol=1e-5, atol=1e-6)
    assert grads[1].dtype == ms.int32 and not grads[1].asnumpy().any()


def test_softmax_cross_entropy_gradient_is_softmax_minus_labels(leak_check):
    """MindSpore's kernel gradient (also for labels that do not sum to one); labels get no gradient."""
    x = _rand((3, 4), 12).astype(np.float32)
    labels = _rand((3, 4), 13, 0.0, 1.0).astype(np.float32)
    sens = _rand((3,), 14).astype(np.float32)
    loss = ms.nn.SoftmaxCrossEntropyWithLogits()
    gx, gl = ms.ops.GradOperation(get_all=True, sens_param=True)(loss)(ms.Tensor(x), ms.Tensor(labels),
                                                                        ms.Tensor(sens))
    expected = (np.asarray(jax.nn.softmax(x, axis=1)) - labels) * sens[:, None]
    np.testing.assert_allclose(gx.asnumpy(), expected, rtol=1e-5, atol=1e-6)
    assert not gl.asnumpy().any()


def test_loss_base_get_loss_casts_back_to_input_dtype():
    base = ms.nn.LossBase("mean")
    out = base.get_loss(ms.Tensor(np.array([1, 2, 4], np.int32)))
    assert out.dtype == ms.int32 and out.asnumpy() == 2
    assert base.get_axis(ms.Tensor(np.ones((2, 3)))) == (0, 1)
    with pytest.raises(ValueError):
        ms.nn.MSELoss(reduction="avg")
    with pytest.raises(TypeError):
        ms.nn.MSELoss()(np.ones(2), ms.Tensor(np.ones(2)))
