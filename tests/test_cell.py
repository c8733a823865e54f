"""nn.Cell: registration, naming, parameter iteration, flags, repr (golden cases from MindSpore 2.10.0),
and Cells as JAX pytrees (tree_leaves, jit, grad, tree_map)."""


import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn
from replay import suite  # tests/golden, on sys.path from conftest.py


SUITE = suite("core_api")


@pytest.mark.parametrize("name", SUITE.params("cell_"))
def test_golden_cell(name):
    SUITE.check(name, ms)


# --------------------------------------------------------------------------
# a small network with fixed weights
# --------------------------------------------------------------------------

RNG = np.random.RandomState(0)
W1, B1 = RNG.uniform(-1, 1, (4, 3)).astype(np.float32), RNG.uniform(-1, 1, (4,)).astype(np.float32)
W2, B2 = RNG.uniform(-1, 1, (2, 4)).astype(np.float32), RNG.uniform(-1, 1, (2,)).astype(np.float32)
X = RNG.uniform(-1, 1, (5, 3)).astype(np.float32)


class MLP(nn.Cell):
    def __init__(self):
        super().__init__()
        self.scale = Parameter(Tensor(np.float32(1.5)), name="scale")
        self.fc1 = nn.Dense(3, 4, weight_init=Tensor(W1), bias_init=Tensor(B1))
        self.act = nn.Tanh()
        self.fc2 = nn.Dense(4, 2, weight_init=Tensor(W2), bias_init=Tensor(B2))

    def construct(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale


def mlp_math(w1, b1, w2, b2, scale, x):
    return (jnp.tanh(x @ w1.T + b1) @ w2.T + b2) * scale


def test_forward_matches_the_math():
    np.testing.assert_allclose(MLP()(Tensor(X)).asnumpy(), mlp_math(W1, B1, W2, B2, 1.5, X), rtol=1e-6)


def test_tree_leaves_are_the_parameter_values():
    net = MLP()
    leaves = jax.tree_util.tree_leaves(net)
    params = list(net.get_parameters())
    assert [p.name for p in params] == ["scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    assert all(isinstance(leaf, jax.Array) for leaf in leaves)
    assert len(leaves) == len(params)
    for leaf, p in zip(leaves, params, strict=False):
        np.testing.assert_array_equal(np.asarray(leaf), p.asnumpy())


def test_jit_of_a_cell_call():
    net = MLP()
    x = Tensor(X)
    out = jax.jit(lambda n, x: n(x))(net, x)
    assert isinstance(out, Tensor)
    np.testing.assert_allclose(out.asnumpy(), net(x).asnumpy(), rtol=1e-6)


def test_grad_returns_a_cell_shaped_tree(leak_check):
    net = MLP()
    x = Tensor(X)
    grads = jax.grad(lambda n: jnp.sum(n(x)))(net)
    assert type(grads) is MLP
    assert [p.name for p in grads.get_parameters()] == [p.name for p in net.get_parameters()]
    assert isinstance(grads.fc1.weight, Parameter)
    want = jax.grad(lambda *a: jnp.sum(mlp_math(*a, X)), argnums=(0, 1, 2, 3, 4))(W1, B1, W2, B2, np.float32(1.5))
    got = (grads.fc1.weight, grads.fc1.bias, grads.fc2.weight, grads.fc2.bias, grads.scale)
    for g, w in zip(got, want, strict=False):
        np.testing.assert_allclose(g.asnumpy(), np.asarray(w), rtol=1e-5, atol=1e-6)
    # the network itself still holds its weights
    np.testing.assert_array_equal(net.fc1.weight.asnumpy(), W1)


def test_tree_map_over_a_cell_and_its_gradient():
    net = MLP()
    x = Tensor(X)
    grads = jax.grad(lambda n: jnp.sum(n(x)))(net)
    assert jax.tree_util.tree_structure(net) == jax.tree_util.tree_structure(grads)
    stepped = jax.tree_util.tree_map(lambda p, g: p - 0.1 * g, net, grads)
    assert type(stepped) is MLP and stepped is not net
    np.testing.assert_allclose(stepped.fc2.bias.asnumpy(), B2 - 0.1 * grads.fc2.bias.asnumpy(), rtol=1e-6)
    assert stepped.fc1.weight.name == "fc1.weight" and stepped.training is False
    assert stepped(x).shape == (5, 2)
    np.testing.assert_array_equal(net.fc2.bias.asnumpy(), B2)


def test_value_and_grad_under_jit():
    net = MLP()
    x = Tensor(X)
    loss, grads = jax.jit(jax.value_and_grad(lambda n, x: jnp.sum(n(x)._arr ** 2)))(net, x)
    np.testing.assert_allclose(loss, np.sum(mlp_math(W1, B1, W2, B2, 1.5, X) ** 2), rtol=1e-5)
    assert grads.fc1.weight.shape == (4, 3)


def test_unflatten_keeps_names_flags_and_parameter_tuples():
    class Holder(nn.Cell):
        def __init__(self):
            super().__init__()
            self.pt = ParameterTuple([Parameter(Tensor([1.0]), name="a"),
                                      Parameter(Tensor([2.0]), name="b", requires_grad=False)])
            self.d = nn.Dense(1, 1, weight_init="ones", bias_init="zeros")

    h = Holder()
    h.set_train()
    leaves, tree = jax.tree_util.tree_flatten(h)
    assert len(leaves) == 4
    new = jax.tree_util.tree_unflatten(tree, [leaf * 10 for leaf in leaves])
    assert isinstance(new.pt, ParameterTuple)
    assert [(p.name, p.requires_grad, p.tolist()) for p in new.pt] == [("a", True, [10.0]), ("b", False, [20.0])]
    assert new.pt[0] is new.a
    assert new.training and new.d.training
    assert [p.name for p in new.trainable_params()] == ["a", "d.weight", "d.bias"]
    assert [p.tolist() for p in h.pt] == [[1.0], [2.0]]


def test_jit_sees_python_state_changes():
    class Mode(nn.Cell):
        def __init__(self, k):
            super().__init__()
            self.k = k
            self.w = Parameter(Tensor([1.0, 2.0]), name="w")

        def construct(self, x):
            return x * self.w * (self.k * 10 if self.training else self.k)

    f = jax.jit(lambda n, x: n(x))
    x = Tensor([1.0, 1.0])
    a, b = Mode(2), Mode(3)
    assert f(a, x).tolist() == [2.0, 4.0]
    assert f(b, x).tolist() == [3.0, 6.0]
    a.set_train()
    assert f(a, x).tolist() == [20.0, 40.0]
    a.w.set_data(Tensor([0.5, 0.5]))
    assert f(a, x).tolist() == [10.0, 10.0]


def test_different_structures_are_different_trees():
    a, b = nn.Dense(2, 3), nn.Dense(2, 3, has_bias=False)
    assert jax.tree_util.tree_structure(a) != jax.tree_util.tree_structure(b)
    assert jax.tree_util.tree_structure(nn.Dense(2, 3)) == jax.tree_util.tree_structure(nn.Dense(2, 3))
    assert jax.tree_util.tree_structure(nn.ReLU()) != jax.tree_util.tree_structure(nn.Tanh())


def test_set_train_recursive_set_grad_not():
    net = MLP()
    assert net.set_train() is net
    assert all(c.training for _, c in net.cells_and_names())
    net.set_grad()
    assert net.requires_grad and not net.fc1.requires_grad


def test_parameters_and_names_order_and_dedup():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.inner = MLP()
            self.own = Parameter(Tensor([1.0]), name="own")
            self.again = self.inner.fc1.weight

    net = Net()
    names = [n for n, _ in net.parameters_and_names()]
    assert names == ["own", "again", "inner.scale", "inner.fc1.bias", "inner.fc2.weight", "inner.fc2.bias"]
    assert net.inner.fc1.weight.name == "inner.fc1.weight"
    assert len(net.trainable_params()) == 6
