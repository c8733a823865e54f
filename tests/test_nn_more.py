"""More of `mindspore.nn`: the optimizers RMSProp, Adagrad, Adadelta, FTRL and Lamb, the metrics Loss, F1, ROC and
ConfusionMatrixMetric (the same objects in `nn` and `train`, and by name in `Model(metrics={...})`), CellDict and
`no_init_parameters`, replayed from MindSpore 2.10's recordings (`tests/golden/nn_more_cases.py`). MindSpore's CPU
build has no kernel for Lamb: it is tested here against the update its documentation states."""

import jax
import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn_more")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_nn_more(name):
    SUITE.check(name, ms)


def _lamb_reference(w, g_steps, lr, beta1, beta2, eps, decay):
    m = np.zeros_like(w, np.float64)
    v = np.zeros_like(w, np.float64)
    w = w.astype(np.float64)
    for t, g in enumerate(g_steps, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        r = m / (1 - beta1 ** t) / (np.sqrt(v / (1 - beta2 ** t)) + eps) + decay * w
        w_norm, r_norm = np.linalg.norm(w), np.linalg.norm(r)
        trust = w_norm / r_norm if w_norm > 0 and r_norm > 0 else 1.0
        w = w - lr * trust * r
    return w, m, v


def test_lamb_follows_its_documented_update():
    """Per Parameter: bias-corrected Adam ratio plus decay (not for 'gamma' names), scaled by ||w|| / ||r||."""
    w0, g0 = np.array([[0.5, -1.0], [2.0, 0.25]], np.float32), np.array([[0.1, -0.2], [0.3, 0.05]], np.float32)
    gamma0, gg0 = np.array([1.0, -0.5], np.float32), np.array([0.3, 0.7], np.float32)
    w, gamma = ms.Parameter(ms.Tensor(w0), name="fc.weight"), ms.Parameter(ms.Tensor(gamma0), name="bn.gamma")
    opt = ms.nn.Lamb([w, gamma], learning_rate=0.1, beta1=0.8, beta2=0.9, eps=1e-4, weight_decay=0.1)
    assert [p.name for p in opt.get_parameters()][-4:] == ["lamb_m.fc.weight", "lamb_m.bn.gamma", "lamb_v.fc.weight",
                                                             "lamb_v.bn.gamma"]
    with jax.checking_leaks():
        for step in range(3):
            assert opt((ms.Tensor(g0 * (step + 1)), ms.Tensor(gg0 * (step + 1)))) == (True, True)
    steps = [g0 * k for k in (1, 2, 3)]
    ref_w, ref_m, ref_v = _lamb_reference(w0, steps, 0.1, 0.8, 0.9, 1e-4, 0.1)
    np.testing.assert_allclose(w.asnumpy(), ref_w, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(opt.moments1[0].asnumpy(), ref_m, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(opt.moments2[0].asnumpy(), ref_v, rtol=1e-5, atol=1e-7)
    ref_gamma, _, _ = _lamb_reference(gamma0, [gg0 * k for k in (1, 2, 3)], 0.1, 0.8, 0.9, 1e-4, 0.0)
    np.testing.assert_allclose(gamma.asnumpy(), ref_gamma, rtol=1e-5, atol=1e-6)
    assert int(opt.global_step.asnumpy()[0]) == 3


def test_optimizers_train_inside_a_train_one_step_cell():
    """The new optimizers drive TrainOneStepCell (through gradients and a compiled step) and lower the loss
    (two of them: each new optimizer instance compiles its own step)."""
    x = ms.Tensor(np.array([[1.0, 2.0], [0.5, -1.0], [-1.5, 0.5]], np.float32))
    y = ms.Tensor(np.array([[1.0], [0.0], [-1.0]], np.float32))
    for make in (lambda p: ms.nn.FTRL(p, learning_rate=0.1), lambda p: ms.nn.Lamb(p, 0.05)):
        net = ms.nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
        step = ms.nn.TrainOneStepCell(ms.nn.WithLossCell(net, ms.nn.MSELoss()), make(net.trainable_params()))
        losses = [float(step(x, y).asnumpy()) for _ in range(3)]
        assert losses[-1] < losses[0], (make, losses)


def test_model_builds_metrics_by_mindspore_name():
    assert isinstance(ms.train.get_metric_fn("precision"), ms.train.Precision)
    assert ms.nn.metrics.get_metric_fn("roc").__class__ is ms.nn.ROC
    with pytest.raises(NotImplementedError, match="mindspore.train.Perplexity"):
        ms.train.get_metric_fn("perplexity")


def test_no_init_parameters_marks_and_still_initializes():
    with ms.nn.no_init_parameters():
        assert ms.Parameter.init_param is False
        net = ms.nn.Dense(2, 3, weight_init="ones")
    assert ms.Parameter.init_param is True
    assert ms.nn.utils.no_init_parameters is ms.nn.no_init_parameters
    np.testing.assert_array_equal(net.weight.asnumpy(), np.ones((3, 2), np.float32))
