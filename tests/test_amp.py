"""Mixed precision: the golden fixtures `tests/golden/amp_cases.py` (recorded from MindSpore 2.10's CPU
build: `auto_mixed_precision` levels, `Model(amp_level=..., loss_scale_manager=FixedLossScaleManager)`
training an MLP and a CNN, the 2.x loss scalers with overflowing steps, the managers, bad input), and
what MindSpore's CPU build cannot run: `TrainOneStepWithLossScaleCell` with a dynamic scale (its CPU
build has no kernel for the overflow status; tested against MindSpore's documented update rule, which
`DynamicLossScaleManager.update_loss_scale` states and the golden cases pin), `Model` with a
`DynamicLossScaleManager`, and BFloat16 (against hand-written JAX)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad._engine import cache
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("amp")


@pytest.mark.parametrize("name", [p for p in SUITE.params() if p.id != "lists"])
def test_golden_amp(name):
    SUITE.check(name, ms)


def test_lists_are_mindspores_where_mindgrad_has_the_class():
    """get_white_list / get_black_list: MindSpore's recorded lists, in order, less the classes mindgrad
    does not define yet (named here, so that a new layer or Primitive shows up as a failure to update)."""
    parts = SUITE.recorded["cases"]["lists"]["result"]["items"]
    recorded = [[item["value"] for item in part["items"]] for part in parts]
    got = [[c.__name__ for c in ms.amp.get_white_list()], [c.__name__ for c in ms.amp.get_black_list()]]
    missing = [n for n in recorded[0] + recorded[1] if not (hasattr(ms.nn, n) or hasattr(ms.ops, n))]
    assert got == [[n for n in part if n not in missing] for part in recorded]
    assert set(missing) <= {"Conv3d", "Conv1dTranspose", "Conv3dTranspose", "Conv2D", "Conv3D", "Conv2DTranspose",
                            "Conv3DTranspose", "Conv2DBackpropInput", "PReLU", "Ger", "BatchNorm3d"}


def _mlp(seed=3):
    nn = ms.nn
    net = nn.SequentialCell([nn.Dense(6, 8), nn.ReLU(), nn.Dense(8, 4)])
    for i, p in enumerate(net.get_parameters()):
        p.set_data(ms.Tensor(np.random.RandomState(seed + i).standard_normal(p.shape).astype(np.float32) * 0.4))
    return net


def _data(n=8):
    rs = np.random.RandomState(11)
    return (ms.Tensor(rs.standard_normal((n, 6)).astype(np.float32)),
            ms.Tensor(rs.randint(0, 4, n).astype(np.int32)))


def _loss():
    return ms.nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")


def test_dynamic_scale_cell_skips_overflowing_steps_in_one_program():
    """O3 MLP, first scale 2**24 (Float16 gradients overflow): overflowing steps keep every Parameter
    (weights, moments, global_step) and halve the scale; the scale follows MindSpore's rule step by step;
    the step is traced once, whichever way the overflow goes (no host synchronisation in it)."""
    net = ms.amp.auto_mixed_precision(_mlp(), "O3")
    opt = ms.nn.Momentum(net.trainable_params(), 0.05, 0.9)
    upd = ms.nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0 ** 24, scale_factor=2, scale_window=3)
    step = ms.nn.TrainOneStepWithLossScaleCell(ms.nn.WithLossCell(net, _loss()), opt, upd).set_train()
    rule = ms.amp.DynamicLossScaleManager(2 ** 24, 2, 3)
    x, y = _data()
    flags, traces = [], []
    for _ in range(12):
        before = [p.asnumpy().copy() for p in opt.get_parameters()]
        loss, overflow, _ = step(x, y)
        flags.append(bool(overflow.asnumpy()))
        rule.update_loss_scale(flags[-1])
        assert float(step.scale_sense.asnumpy()) == rule.get_loss_scale()
        after = [p.asnumpy() for p in opt.get_parameters()]
        if flags[-1]:
            for b, a in zip(before, after, strict=True):
                np.testing.assert_array_equal(a, b)
        else:
            assert np.isfinite(loss.asnumpy()) and all(np.isfinite(a).all() for a in after)
        traces.append(cache.trace_count())
    assert flags[:3] == [True] * 3 and not flags[-1]
    assert opt.global_step.asnumpy().tolist() == [flags.count(False)]
    assert traces[-1] == traces[1]


def test_model_with_dynamic_manager_builds_the_loss_scale_step():
    """MindSpore's CPU build refuses an update Cell (`Model(amp_level="O2")` defaults to a
    DynamicLossScaleManager); mindgrad builds TrainOneStepWithLossScaleCell and Model.train updates the
    manager's host-side scale from each step's overflow flag, as MindSpore's Model does."""
    net = _mlp()
    manager = ms.amp.DynamicLossScaleManager(2 ** 20, 2, 2)
    model = ms.Model(net, _loss(), ms.nn.Momentum(net.trainable_params(), 0.05, 0.9), amp_level="O2",
                     loss_scale_manager=manager)
    assert type(model.train_network).__name__ == "TrainOneStepWithLossScaleCell"
    x, y = _data(12)
    ds = ms.dataset.NumpySlicesDataset((x.asnumpy(), y.asnumpy()), shuffle=False).batch(4)
    model.train(2, ds)
    assert manager.cur_iter == 7
    assert manager.get_loss_scale() == float(model.train_network.scale_sense.asnumpy())
    assert all(np.isfinite(p.asnumpy()).all() for p in net.trainable_params())
    default = ms.Model(_mlp(), _loss(), ms.nn.Momentum(_mlp().trainable_params(), 0.1, 0.9), amp_level="O2")
    assert float(default.train_network.scale_sense.asnumpy()) == 2.0 ** 24


def _bias_add(h, b):
    """MindSpore's BiasAdd in a low type: computed in Float32, rounded once (its bias gradient too)."""
    return (h.astype(jnp.float32) + b.astype(jnp.float32)).astype(h.dtype)


def _bf16_mlp(arrs, v):
    w1, b1, w2, b2 = (a.astype(jnp.bfloat16) for a in arrs)
    h = jax.nn.relu(_bias_add(v.astype(jnp.bfloat16) @ w1.T, b1))
    return _bias_add(h @ w2.T, b2).astype(jnp.float32)


def test_bfloat16_o2_forward_and_gradients_equal_hand_written_jax():
    """MindSpore's CPU build has no BFloat16 kernels: O2 in BFloat16 against the same computation in JAX,
    both compiled (XLA may keep BFloat16 intermediates in Float32 inside a fusion, the same way in both)."""
    net = ms.amp.auto_mixed_precision(_mlp(), "O2", dtype=ms.bfloat16)
    params = net.trainable_params()
    x, _ = _data()
    arrs, xa = [jnp.asarray(p.asnumpy()) for p in params], jnp.asarray(x.asnumpy())
    out = net(x)
    assert out.dtype == ms.float32
    np.testing.assert_allclose(out.asnumpy(), np.asarray(jax.jit(_bf16_mlp)(arrs, xa)), rtol=1e-6, atol=1e-6)
    with jax.checking_leaks():
        grads = ms.grad(lambda v: net(v).sum(), None, params)(x)
    ref_grads = jax.jit(jax.grad(lambda a, v: _bf16_mlp(a, v).sum()))(arrs, xa)
    for g, r, p in zip(grads, ref_grads, params, strict=True):
        assert g.dtype == p.dtype == ms.float32
        np.testing.assert_allclose(g.asnumpy(), np.asarray(r), rtol=1e-6, atol=1e-6)


def test_o3_batchnorm_state_keeps_its_dtype_and_graph_mode_matches():
    """A Float16 BatchNorm's moving statistics are written back as Float32 Parameters; GRAPH_MODE gives the
    PyNative losses."""
    def run():
        nn = ms.nn
        net = nn.SequentialCell([nn.Dense(6, 5), nn.BatchNorm1d(5), nn.ReLU(), nn.Dense(5, 4)])
        for i, p in enumerate(net.trainable_params()):
            p.set_data(ms.Tensor(np.random.RandomState(i).standard_normal(p.shape).astype(np.float32) * 0.4))
        model = ms.Model(net, _loss(), ms.nn.Momentum(net.trainable_params(), 0.05, 0.9, loss_scale=16.0),
                         amp_level="O3", loss_scale_manager=ms.FixedLossScaleManager(16.0, False))
        x, y = _data()
        losses = [float(model.train_network(x, y).asnumpy()) for _ in range(3)]
        return losses, net[1].moving_mean
    losses, mean = run()
    assert mean.dtype == ms.float32 and np.abs(mean.asnumpy()).sum() > 0
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph_losses, _ = run()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_allclose(graph_losses, losses, rtol=1e-6)


def test_auto_level_graph_mode_and_bfloat16():
    """"auto" on a Cell gives the same numbers under GRAPH_MODE as in PyNative, a Cell set with to_float keeps
    its type, and bfloat16 follows the float16 rules (against hand-written JAX). Function networks and
    functional ops: tests/test_amp_auto2.py."""
    net = ms.nn.SequentialCell([ms.nn.Dense(6, 8), ms.nn.Softmax(), ms.nn.Dense(8, 4, has_bias=False)])
    net[2].to_float(ms.float32)
    net = ms.amp.auto_mixed_precision(net, "auto")
    x = ms.Tensor(np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 6))
    eager = net(x)
    assert eager.dtype == ms.float32 and net._amp_level == "auto"
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        graph = net(x)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_array_equal(graph.asnumpy(), eager.asnumpy())
    # bfloat16 (MindSpore's CPU has no bfloat16 MatMul): the matmul in bfloat16, the bias added in float32
    dense = ms.amp.auto_mixed_precision(ms.nn.Dense(6, 3), "auto", dtype=ms.bfloat16)
    y = dense(x)
    w, b = dense.weight.asnumpy(), dense.bias.asnumpy()
    ref = jax.jit(lambda a, k, c: jnp.matmul(a.astype(jnp.bfloat16), k.astype(jnp.bfloat16).T).astype(jnp.float32)
                  + c)(x.asnumpy(), w, b)
    assert y.dtype == ms.float32
    np.testing.assert_array_equal(y.asnumpy(), np.asarray(ref))
