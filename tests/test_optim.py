"""Optimizers and learning rates: MindSpore's golden results, the update math against NumPy references
over several steps, and updates made inside gradient calls."""


import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("optim_") + SUITE.params("lr_"))
def test_golden_optim_and_lr(name):
    SUITE.check(name, ms)


STEPS = 4


def _run(make_opt, shape=(3, 2), name="w"):
    """Apply STEPS fixed gradients; (final Parameter, the gradients, initial value)."""
    rs = np.random.RandomState(0)
    w0 = rs.standard_normal(shape).astype(np.float32)
    grads = [rs.standard_normal(shape).astype(np.float32) for _ in range(STEPS)]
    w = ms.Parameter(ms.Tensor(w0), name=name)
    opt = make_opt([w])
    for g in grads:
        assert opt((ms.Tensor(g),)) == (True,)
    return w.asnumpy(), grads, w0.astype(np.float64), opt


def test_sgd_dampening_nesterov_weight_decay_reference():
    lr, mu, wd, scale = 0.1, 0.9, 0.01, 2.0
    got, grads, w, opt = _run(lambda p: ms.nn.SGD(p, lr, momentum=mu, weight_decay=wd, nesterov=True,
                                                  loss_scale=scale))
    accum = None
    for g in grads:
        g = (g + w * wd * scale) / scale
        accum = g if accum is None else accum * mu + g
        w = w - lr * (g + accum * mu)
    np.testing.assert_allclose(got, w, rtol=1e-5, atol=1e-6)
    assert opt.stat[0].asnumpy().max() == 0 and opt.accum[0].name == "accum.w"


def test_momentum_reference_plain_and_nesterov():
    for nesterov in (False, True):
        got, grads, w, _ = _run(lambda p, nesterov=nesterov: ms.nn.Momentum(p, 0.05, 0.8, use_nesterov=nesterov))
        m = np.zeros_like(w)
        for g in grads:
            m = m * 0.8 + g
            w = w - (g * 0.05 + m * 0.8 * 0.05 if nesterov else 0.05 * m)
        np.testing.assert_allclose(got, w, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("nesterov, amsgrad", [(False, False), (True, False), (False, True)])
def test_adam_reference(nesterov, amsgrad):
    lr, b1, b2, eps = 0.01, 0.8, 0.95, 1e-6
    got, grads, w, opt = _run(lambda p: ms.nn.Adam(p, lr, b1, b2, eps, use_nesterov=nesterov, use_amsgrad=amsgrad))
    m, v, vhat = np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)
    for t, g in enumerate(grads, 1):
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        lr_t = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        vhat = np.maximum(vhat, v)
        num = m * b1 + (1 - b1) * g if nesterov else m
        w = w - lr_t * num / (np.sqrt(vhat if amsgrad else v) + eps)
    np.testing.assert_allclose(got, w, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(opt.beta1_power.asnumpy(), b1 ** STEPS, rtol=1e-6)
    assert opt.global_step.asnumpy().tolist() == [STEPS]


@pytest.mark.parametrize("name, decayed", [("w", True), ("bn.gamma", False)])
def test_adam_weight_decay_reference_and_filter(name, decayed):
    lr, wd = 0.02, 0.1
    got, grads, w, _ = _run(lambda p: ms.nn.AdamWeightDecay(p, lr, weight_decay=wd), name=name)
    m, v = np.zeros_like(w), np.zeros_like(w)
    for g in grads:
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w = w - lr * (m / (np.sqrt(v) + 1e-6) + (wd * w if decayed else 0))
    np.testing.assert_allclose(got, w, rtol=1e-5, atol=1e-6)


def test_grad_centralization_where_dim1_is_a_multiple_of_16():
    g = np.random.RandomState(1).standard_normal((2, 16, 3)).astype(np.float32)
    w = ms.Parameter(ms.Tensor(np.zeros((2, 16, 3), np.float32)), name="w")
    opt = ms.nn.SGD([{"params": [w], "grad_centralization": True}], learning_rate=1.0)
    opt((ms.Tensor(g),))
    np.testing.assert_allclose(w.asnumpy(), -(g - g.mean(axis=(1, 2), keepdims=True)), rtol=1e-5, atol=1e-6)


def test_optimizer_step_inside_a_gradient_call():
    """An optimizer called inside a differentiated function: its writes are applied after the call."""
    net = ms.nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
    opt = ms.nn.SGD(net.trainable_params(), learning_rate=0.5)
    x = ms.Tensor(np.array([[1.0, 2.0]], np.float32))

    def step(x):
        loss = net(x).sum()
        opt((ms.ops.ones_like(net.weight), ms.ops.ones_like(net.bias)))
        return loss

    grads = ms.grad(step, None, net.trainable_params())(x)
    np.testing.assert_allclose(grads[0].asnumpy(), [[1.0, 2.0]])
    np.testing.assert_allclose(net.weight.asnumpy(), [[0.5, 0.5]])
    assert opt.global_step.asnumpy().tolist() == [1]


def test_dynamic_learning_rate_in_repeated_compiled_calls():
    w = ms.Parameter(ms.Tensor(np.zeros(2, np.float32)), name="w")
    lrs = [0.5, 0.25, 0.125]
    opt = ms.nn.SGD([w], learning_rate=lrs)
    g = (ms.Tensor(np.ones(2, np.float32)),)
    for i in range(3):
        assert float(opt.get_lr().asnumpy()) == lrs[i]
        opt(g)
    np.testing.assert_allclose(w.asnumpy(), [-0.875, -0.875])
    with pytest.raises(RuntimeError):
        opt(g)
    with pytest.raises(RuntimeError):
        opt.get_lr()
    assert opt.global_step.asnumpy().tolist() == [3]


def test_non_parameter_is_a_type_error():
    with pytest.raises(TypeError):
        ms.nn.Adam([ms.Tensor(np.ones(2, np.float32))])
    w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
    with pytest.raises(TypeError):
        ms.nn.Momentum([w, np.ones(2)], 0.1, 0.9)


@pytest.mark.parametrize("mode", [ms.GRAPH_MODE, ms.PYNATIVE_MODE])
def test_sgd_momentum_changed_after_compiling_is_used(mode):
    """SGD with momentum 0 compiles a parameter-only update; `momentum.set_data` recompiles it, and the
    first step with momentum then starts accum from the gradient (its stat flags are still 1)."""
    ms.set_context(mode=mode)
    try:
        w0 = np.array([[0.5, -1.0], [2.0, 0.25]], np.float32)
        x = ms.Tensor(np.array([[1.0, 2.0], [-1.0, 0.5]], np.float32))

        class Net(ms.nn.Cell):
            def __init__(self):
                super().__init__()
                self.w = ms.Parameter(ms.Tensor(w0), name="w")

            def construct(self, x):
                return ms.ops.sum(ms.ops.matmul(x, self.w) ** 2)

        net = Net()
        opt = ms.nn.SGD(net.trainable_params(), learning_rate=0.01)
        step = ms.nn.TrainOneStepCell(net, opt)
        for _ in range(2):
            step(x)
        opt.momentum.set_data(ms.Tensor(0.9, ms.float32))
        for _ in range(2):
            step(x)
        xa, w, accum = x.asnumpy(), w0.copy(), None
        for k in range(4):
            g = 2 * xa.T @ (xa @ w)
            if k < 2:
                w = w - 0.01 * g
            else:
                accum = g if accum is None else 0.9 * accum + g
                w = w - 0.01 * accum
        np.testing.assert_allclose(net.w.asnumpy(), w, rtol=1e-5)
        np.testing.assert_allclose(opt.accum[0].asnumpy(), accum, rtol=1e-5)
        np.testing.assert_array_equal(opt.stat[0].asnumpy(), np.zeros((2, 2), np.float32))
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
