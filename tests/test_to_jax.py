"""`mindgrad.to_jax` / `from_jax`: a Cell as a pure JAX function and back."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Tensor, nn


class MLP(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(4, 8)
        self.relu = nn.ReLU()
        self.fc2 = nn.Dense(8, 3)

    def construct(self, x):
        return self.fc2(self.relu(self.fc1(x)))


X = np.random.RandomState(0).randn(16, 4).astype(np.float32)
Y = np.arange(16) % 3


def test_apply_matches_the_cell_under_jit_grad_and_vmap():
    net = MLP()
    params, apply = ms.to_jax(net)
    assert list(params) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert all(isinstance(v, jax.Array) for v in params.values())
    want = net(Tensor(X)).asnumpy()
    np.testing.assert_allclose(np.asarray(apply(params, X)), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(np.asarray(jax.jit(apply)(params, jnp.asarray(X))), want, rtol=1e-5, atol=1e-6)
    rows = jax.vmap(lambda x: apply(params, x[None])[0])(jnp.asarray(X))
    np.testing.assert_allclose(np.asarray(rows), want, rtol=1e-5, atol=1e-6)

    def loss(p):
        return jnp.mean(apply(p, X) ** 2)

    grads = jax.grad(loss)(params)
    weights = ms.ParameterTuple(net.trainable_params())
    ms_grads = ms.grad(lambda x: (net(x) ** 2).mean(), None, weights)(Tensor(X))
    for param, mg in zip(weights, ms_grads, strict=False):
        np.testing.assert_allclose(np.asarray(grads[param.name]), mg.asnumpy(), rtol=1e-5, atol=1e-6)


def test_apply_is_pure_and_from_jax_writes_back():
    net = MLP()
    before = net.fc1.weight.asnumpy().copy()
    params, apply = ms.to_jax(net)
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    np.testing.assert_array_equal(np.asarray(apply(zeros, X)), 0.0)
    np.testing.assert_array_equal(net.fc1.weight.asnumpy(), before)
    partial = {"fc2.bias": jnp.asarray(net.fc2.bias.asnumpy()) + 1.0}
    np.testing.assert_allclose(np.asarray(apply(partial, X)), net(Tensor(X)).asnumpy() + 1.0, rtol=1e-5, atol=1e-6)
    ms.from_jax(net, zeros)
    np.testing.assert_array_equal(net(Tensor(X)).asnumpy(), 0.0)
    assert str(net.fc1.weight.dtype) == "Float32"


def test_errors_name_the_parameter():
    net = MLP()
    params, apply = ms.to_jax(net)
    with pytest.raises(KeyError, match="nope"):
        apply({"nope": jnp.zeros(1)}, X)
    before = net.fc1.bias.asnumpy().copy()
    bad = dict(params, **{"fc1.bias": jnp.zeros(8) + 5, "fc2.bias": jnp.zeros(4)})
    with pytest.raises(ValueError, match=r"'fc2.bias' has shape \(3,\).*\(4,\)"):
        ms.from_jax(net, bad)
    np.testing.assert_array_equal(net.fc1.bias.asnumpy(), before)
    with pytest.raises(TypeError):
        ms.to_jax(lambda x: x)


def test_trainable_only_and_batchnorm_state_is_left_alone():
    net = nn.SequentialCell(nn.Dense(4, 4), nn.BatchNorm1d(4))
    net.set_train()
    params, apply = ms.to_jax(net, trainable_only=True)
    assert not any("moving" in k or "mean" in k.split(".")[-1] for k in params)
    moving = [p.asnumpy().copy() for p in net.untrainable_params()]
    apply(params, X)
    for p, m in zip(net.untrainable_params(), moving, strict=False):
        np.testing.assert_array_equal(p.asnumpy(), m)


def test_trains_with_optax():
    optax = pytest.importorskip("optax")
    net = MLP()
    params, apply = ms.to_jax(net)
    opt = optax.adam(1e-2)
    state = opt.init(params)

    @jax.jit
    def step(params, state):
        loss, grads = jax.value_and_grad(
            lambda p: optax.softmax_cross_entropy_with_integer_labels(apply(p, X), Y).mean())(params)
        updates, state = opt.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    first = None
    for _ in range(100):
        params, state, loss = step(params, state)
        first = loss if first is None else first
    assert float(loss) < 0.5 * float(first)
    ms.from_jax(net, params)
    np.testing.assert_allclose(net(Tensor(X)).asnumpy(), np.asarray(apply(params, X)), rtol=1e-5, atol=1e-6)
