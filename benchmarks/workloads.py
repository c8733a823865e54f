"""The benchmark workloads, each written once with the MindSpore API (`import mindgrad as ms`) and
once as hand-written JAX (`jax.jit(jax.value_and_grad(...))`), computing the same math.

`build(name, variant)` returns a zero-argument step function, run after `enter(variant)` (which sets
the mode once, as a user's script does, not on every step). Variants:
- `jax`: hand-written JAX, `jax.jit` of `jax.value_and_grad` (and the SGD update for training);
- `pynative`: the MindSpore-style code in PYNATIVE_MODE (mindgrad compiles what traces cleanly);
- `graph`: the same code in GRAPH_MODE;
- `jit`: MindSpore 2.x functional style, `ms.value_and_grad` + optimizer inside `@ms.jit`.
"""

from __future__ import annotations

import math
from typing import Callable

import jax
import jax.numpy as jnp
import numpy as np

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor, nn, ops

VARIANTS = ("jax", "pynative", "graph", "jit")
LR = 0.01


# --------------------------------------------------------------------------
# The networks, MindSpore style
# --------------------------------------------------------------------------

class DocNet(nn.Cell):
    def __init__(self):
        super().__init__()
        self.matmul = ops.MatMul()
        self.z = Parameter(Tensor(np.array([1.0], np.float32)), name="z")

    def construct(self, x, y):
        return self.matmul(x * self.z, y)


class MLP(nn.Cell):
    def __init__(self, width: int):
        super().__init__()
        self.l1 = nn.Dense(784, width, activation="relu")
        self.l2 = nn.Dense(width, width, activation="relu")
        self.l3 = nn.Dense(width, 10)

    def construct(self, x):
        return self.l3(self.l2(self.l1(x)))


class CNN(nn.Cell):
    def __init__(self):
        super().__init__()
        self.features = nn.SequentialCell([
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(kernel_size=2, stride=2), nn.Flatten()])
        self.fc1 = nn.Dense(3136, 128)
        self.fc2 = nn.Dense(128, 10)

    def construct(self, x):
        return self.fc2(self.fc1(self.features(x)))


class EncoderBlock(nn.Cell):
    """Pre-LN transformer encoder block: x + MHA(LN(x)), then x + FFN(LN(x))."""

    def __init__(self, d_model=256, heads=4, ffn=1024):
        super().__init__()
        self.heads, self.d_head = heads, d_model // heads
        self.ln1 = nn.LayerNorm((d_model,))
        self.ln2 = nn.LayerNorm((d_model,))
        self.qkv = nn.Dense(d_model, 3 * d_model)
        self.proj = nn.Dense(d_model, d_model)
        self.ff1 = nn.Dense(d_model, ffn, activation="gelu")
        self.ff2 = nn.Dense(ffn, d_model)

    def construct(self, x):
        b, s, d = x.shape
        h = self.qkv(self.ln1(x))
        h = ops.reshape(h, (b, s, 3, self.heads, self.d_head))
        h = ops.transpose(h, (2, 0, 3, 1, 4))
        q, k, v = h[0], h[1], h[2]
        att = ops.softmax(ops.matmul(q, ops.transpose(k, (0, 1, 3, 2))) / math.sqrt(self.d_head), -1)
        o = ops.reshape(ops.transpose(ops.matmul(att, v), (0, 2, 1, 3)), (b, s, d))
        x = x + self.proj(o)
        return x + self.ff2(self.ff1(self.ln2(x)))


class MSEOnBlock(nn.Cell):
    def __init__(self, block):
        super().__init__(auto_prefix=False)
        self.block = block

    def construct(self, x, target):
        return ops.mean((self.block(x) - target) ** 2)


# --------------------------------------------------------------------------
# The same math in JAX, on the Cell's parameters (in trainable_params order)
# --------------------------------------------------------------------------

def _dense(p, x, act=None):
    w, b = p
    y = x @ w.T + b
    return jax.nn.relu(y) if act == "relu" else (jax.nn.gelu(y, approximate=True) if act == "gelu" else y)


def _xent(logits, labels):
    return -jnp.mean(jnp.take_along_axis(jax.nn.log_softmax(logits), labels[:, None], 1))


def jax_mlp_loss(params, x, y):
    h = _dense(params[0:2], x, "relu")
    h = _dense(params[2:4], h, "relu")
    return _xent(_dense(params[4:6], h), y)


def _conv(w, x):
    return jax.lax.conv_general_dilated(x, w, (1, 1), "SAME", dimension_numbers=("NCHW", "OIHW", "NCHW"))


def _pool(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")


def jax_cnn_loss(params, x, y):
    h = _pool(jax.nn.relu(_conv(params[0], x)))
    h = _pool(jax.nn.relu(_conv(params[1], h)))
    h = h.reshape(h.shape[0], -1)
    return _xent(_dense(params[4:6], _dense(params[2:4], h)), y)


def _ln(p, x, eps=1e-7):
    g, b = p
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / jnp.sqrt(var + eps) * g + b


def jax_block_loss(params, x, target, heads=4):
    ln1, ln2, qkv, proj, ff1, ff2 = (params[i:i + 2] for i in range(0, 12, 2))
    b, s, d = x.shape
    dh = d // heads
    h = _dense(qkv, _ln(ln1, x)).reshape(b, s, 3, heads, dh).transpose(2, 0, 3, 1, 4)
    att = jax.nn.softmax(h[0] @ h[1].transpose(0, 1, 3, 2) / math.sqrt(dh), -1)
    o = (att @ h[2]).transpose(0, 2, 1, 3).reshape(b, s, d)
    x = x + _dense(proj, o)
    out = x + _dense(ff2, _dense(ff1, _ln(ln2, x), "gelu"))
    return jnp.mean((out - target) ** 2)


# --------------------------------------------------------------------------
# Building a step
# --------------------------------------------------------------------------

def block(out) -> None:
    """Wait until every array of a step's result (or of a list of results) is computed."""
    leaves = jax.tree_util.tree_leaves(out, is_leaf=lambda t: isinstance(t, Tensor))
    jax.block_until_ready([getattr(t, "_arr", t) for t in leaves])


def enter(variant: str) -> None:
    """Set the mode a variant's steps run in."""
    ms.set_context(mode=ms.GRAPH_MODE if variant == "graph" else ms.PYNATIVE_MODE)


def _train_step(variant, net_with_loss: nn.Cell, params_cell: nn.Cell, jax_loss, inputs: tuple,
                grads_only: bool = False) -> Callable:
    """A training step (or just the gradients) of `net_with_loss` on `inputs`, as `variant`."""
    weights = ParameterTuple(params_cell.trainable_params())
    if variant == "jax":
        params = [jnp.asarray(p.asnumpy()) for p in weights]
        arrays = [t._arr for t in inputs]
        if grads_only:
            g = jax.jit(jax.grad(jax_loss))
            return lambda: g(params, *arrays)
        value_and_grad = jax.value_and_grad(jax_loss)

        @jax.jit
        def jstep(params, *xs):
            loss, grads = value_and_grad(params, *xs)
            return loss, [p - LR * gp for p, gp in zip(params, grads, strict=False)]

        state = [params]

        def run():
            loss, state[0] = jstep(state[0], *arrays)
            return loss
        return run
    if grads_only:
        grad_op = ops.GradOperation(get_by_list=True)
        if variant == "jit":
            step = ms.jit(lambda *xs: grad_op(net_with_loss, weights)(*xs))
            return lambda: step(*inputs)
        return lambda: grad_op(net_with_loss, weights)(*inputs)
    opt = nn.SGD(weights, learning_rate=LR)
    if variant == "jit":
        grad_fn = ms.value_and_grad(net_with_loss, None, opt.parameters)

        @ms.jit
        def train_step(*xs):
            loss, grads = grad_fn(*xs)
            opt(grads)
            return loss
        return lambda: train_step(*inputs)
    train = nn.TrainOneStepCell(net_with_loss, opt)
    return lambda: train(*inputs)


def _mlp(variant: str, width: int, grads_only: bool) -> Callable:
    rs = np.random.RandomState(0)
    net = MLP(width)
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    x = Tensor(rs.randn(256, 784).astype(np.float32))
    y = Tensor(rs.randint(0, 10, 256).astype(np.int32))
    return _train_step(variant, nn.WithLossCell(net, loss), net, jax_mlp_loss, (x, y), grads_only)


def _cnn(variant: str) -> Callable:
    rs = np.random.RandomState(0)
    net = CNN()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    x = Tensor(rs.randn(64, 1, 28, 28).astype(np.float32))
    y = Tensor(rs.randint(0, 10, 64).astype(np.int32))
    return _train_step(variant, nn.WithLossCell(net, loss), net, jax_cnn_loss, (x, y))


def _block(variant: str) -> Callable:
    rs = np.random.RandomState(0)
    block = EncoderBlock()
    x = Tensor(rs.randn(8, 128, 256).astype(np.float32))
    target = Tensor(rs.randn(8, 128, 256).astype(np.float32))
    return _train_step(variant, MSEOnBlock(block), block, jax_block_loss, (x, target))


def _doc(variant: str) -> Callable:
    x = Tensor(np.array([[0.5, 0.6, 0.4], [1.2, 1.3, 1.1]], np.float32))
    y = Tensor(np.array([[0.01, 0.3, 1.1], [0.1, 0.2, 1.3], [2.1, 1.2, 3.3]], np.float32))
    if variant == "jax":
        @jax.jit
        def grad(x, y, z):
            out, vjp_fn = jax.vjp(lambda x, y, z: jnp.matmul(x * z, y), x, y, z)
            return vjp_fn(jnp.ones_like(out))
        z = jnp.ones((1,), jnp.float32)
        return lambda: grad(x._arr, y._arr, z)
    net = DocNet()
    params = ParameterTuple(net.trainable_params())
    grad_op = ops.GradOperation(get_all=True, get_by_list=True)
    if variant == "jit":
        step = ms.jit(lambda x, y: grad_op(net, params)(x, y))
        return lambda: step(x, y)
    return lambda: grad_op(net, params)(x, y)


WORKLOADS: dict[str, Callable[[str], Callable]] = {
    "W1 GradOperation doc net (per call)": _doc,
    "W2 MLP 784-1024-1024-10 grads": lambda v: _mlp(v, 1024, True),
    "W2 MLP 784-1024-1024-10 train step": lambda v: _mlp(v, 1024, False),
    "W3 CNN 28x28 batch 64 train step": _cnn,
    "W4 pre-LN encoder block train step": _block,
    "W5 MLP width 256 train step": lambda v: _mlp(v, 256, False),
    "W5 MLP width 512 train step": lambda v: _mlp(v, 512, False),
    "W5 MLP width 2048 train step": lambda v: _mlp(v, 2048, False),
}


def build(name: str, variant: str) -> Callable:
    ms.set_seed(0)
    enter("pynative")
    step = WORKLOADS[name](variant)
    enter("pynative")
    return step
