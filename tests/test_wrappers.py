"""Training wrappers and whole training runs: MindSpore's golden losses and parameters (an MLP and a small
CNN), loss scaling with overflow, and the one-forward-pass, compile-once step."""


import numpy as np
import pytest

import mindgrad as ms
from mindgrad._engine import cache
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("wrap_") + SUITE.params("train_"))
def test_golden_wrappers_and_training(name):
    SUITE.check(name, ms)


def _net():
    net = ms.nn.SequentialCell([ms.nn.Dense(3, 4, weight_init="ones", bias_init="zeros"), ms.nn.Tanh(),
                                ms.nn.Dense(4, 1, weight_init="ones", bias_init="zeros")])
    x = ms.Tensor(np.random.RandomState(0).standard_normal((5, 3)).astype(np.float32) * 0.3)
    y = ms.Tensor(np.zeros((5, 1), np.float32))
    return net, x, y


def test_loss_scaled_step_equals_unscaled_step_and_scale_grows():
    net, x, y = _net()
    ref, _, _ = _net()
    upd = ms.nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0 ** 8, scale_factor=2, scale_window=1)
    step = ms.nn.TrainOneStepWithLossScaleCell(ms.nn.WithLossCell(net, ms.nn.MSELoss()),
                                               ms.nn.SGD(net.trainable_params(), 0.1), upd)
    plain = ms.nn.TrainOneStepCell(ms.nn.WithLossCell(ref, ms.nn.MSELoss()), ms.nn.SGD(ref.trainable_params(), 0.1))
    for _ in range(2):
        loss, overflow, scale = step(x, y)
        np.testing.assert_allclose(loss.asnumpy(), plain(x, y).asnumpy(), rtol=1e-6)
        assert overflow.dtype == ms.bool_ and not overflow.asnumpy()
    assert isinstance(scale, ms.Parameter) and scale.asnumpy() == 2.0 ** 10
    for p, q in zip(net.trainable_params(), ref.trainable_params(), strict=False):
        np.testing.assert_allclose(p.asnumpy(), q.asnumpy(), rtol=1e-6, atol=1e-7)


def test_overflow_skips_the_update_and_lowers_the_scale():
    net, x, _ = _net()
    before = [p.asnumpy().copy() for p in net.trainable_params()]
    opt = ms.nn.Momentum(net.trainable_params(), 0.1, 0.9)
    upd = ms.nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0 ** 4, scale_factor=4, scale_window=2)
    step = ms.nn.TrainOneStepWithLossScaleCell(ms.nn.WithLossCell(net, ms.nn.MSELoss()), opt, upd)
    bad = ms.Tensor(np.full((5, 1), np.inf, np.float32))
    loss, overflow, scale = step(x, bad)
    assert overflow.asnumpy() and scale.asnumpy() == 4.0
    for p, b in zip(net.trainable_params(), before, strict=False):
        np.testing.assert_array_equal(p.asnumpy(), b)
    assert opt.global_step.asnumpy().tolist() == [0] and not opt.moments[0].asnumpy().any()
    fixed = ms.nn.TrainOneStepWithLossScaleCell(ms.nn.WithLossCell(net, ms.nn.MSELoss()), opt,
                                                ms.Tensor(np.float32(8.0)))
    _, overflow, scale = fixed(x, bad)
    assert overflow.asnumpy() and scale.asnumpy() == 8.0 and opt.global_step.asnumpy().tolist() == [0]
    fixed.set_sense_scale(ms.Tensor(np.float32(2.0)))
    assert fixed.scale_sense.asnumpy() == 2.0


def test_train_one_step_runs_the_forward_once_and_compiles_once():
    net = ms.nn.SequentialCell([ms.nn.Dense(3, 4), ms.nn.BatchNorm1d(4), ms.nn.Dense(4, 1)])
    step = ms.nn.TrainOneStepCell(ms.nn.WithLossCell(net, ms.nn.MSELoss()), ms.nn.Adam(net.trainable_params()))
    step.set_train()
    x = ms.Tensor(np.random.RandomState(1).standard_normal((6, 3)).astype(np.float32))
    y = ms.Tensor(np.zeros((6, 1), np.float32))
    hidden = net[0](x).asnumpy()
    step(x, y)
    np.testing.assert_allclose(net[1].moving_mean.asnumpy(), 0.1 * hidden.mean(0), rtol=1e-5, atol=1e-6)
    step(x, y)
    traces = cache.trace_count()
    losses = [float(step(x, y).asnumpy()) for _ in range(3)]
    assert cache.trace_count() == traces
    assert losses[0] > losses[-1]


def test_distributed_grad_reducer_is_the_identity_on_one_device():
    net, _, _ = _net()
    grads = tuple(ms.ops.ones_like(p) for p in net.trainable_params())
    reducer = ms.nn.DistributedGradReducer(net.trainable_params(), mean=True)
    out = reducer(grads)
    assert isinstance(out, tuple) and len(out) == len(grads)
    for a, b in zip(out, grads, strict=False):
        np.testing.assert_array_equal(a.asnumpy(), b.asnumpy())


def test_return_grad_names_and_pre_update_loss():
    net, x, y = _net()
    loss_net = ms.nn.WithLossCell(net, ms.nn.MSELoss())
    expected = loss_net(x, y).asnumpy()
    step = ms.nn.TrainOneStepCell(loss_net, ms.nn.SGD(net.trainable_params(), 0.1), return_grad=True)
    loss, grads = step(x, y)
    np.testing.assert_allclose(loss.asnumpy(), expected, rtol=1e-6)
    assert list(grads) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert loss_net(x, y).asnumpy() < expected


@pytest.mark.parametrize("cast", [False, True])
def test_with_eval_cell_returns_loss_outputs_and_label(cast):
    net, x, y = _net()
    out = ms.nn.WithEvalCell(net.to_float(ms.float16) if cast else net, ms.nn.MSELoss(), add_cast_fp32=cast)(x, y)
    assert isinstance(out, tuple) and len(out) == 3
    loss, logits, label = out
    w = np.tanh(x.asnumpy() @ np.ones((3, 4), np.float32)) @ np.ones((4, 1), np.float32)
    np.testing.assert_allclose(logits.asnumpy(), w, rtol=1e-2 if cast else 1e-6)
    np.testing.assert_allclose(loss.asnumpy(), np.mean((w - 0) ** 2), rtol=1e-2 if cast else 1e-6)
    assert logits.dtype == ms.float32 and label is y or label.dtype == ms.float32
    assert [p.name for p in ms.nn.WithEvalCell(net, ms.nn.MSELoss()).trainable_params()] == \
        [p.name for p in net.trainable_params()]             # no prefix, as MindSpore
