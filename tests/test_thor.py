"""nn.thor (THOR, MindSpore's GPU `ThorGpu`), the Thor layers and `train_thor.ConvertModelUtils` / `ModelThor`.

The oracle's CPU build cannot run THOR (its `ModelThor.train` raises a TypeError in 2.10 and the THOR kernels
CholeskyTrsm / UpdateThorGradient are GPU/Ascend only), so the trained Parameters are compared with a hand-written
NumPy/JAX implementation of MindSpore's GPU formulas (mindspore/nn/optim/thor.py `ThorGpu`,
nn/layer/thor_layer.py on GPU): the forward and its output gradients in plain JAX, the statistics, damping,
block inverses, preconditioning and momentum step in NumPy. Names and shapes are the oracle's (checked by hand).
"""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import Tensor, nn
from mindgrad.nn.layer import _thor_math
from mindgrad.train.train_thor import ConvertModelUtils
from mindgrad.train.train_thor.model_thor import ModelThor
from replay import suite  # tests/golden, on sys.path from conftest.py

BATCH = 4
RNG = np.random.default_rng(0)


# ---- the reference ------------------------------------------------------------------------------------------
def _block_inv(m, split=128):
    """Inverse of each `split` diagonal block (the last completed with an identity) as a block-diagonal matrix."""
    n = m.shape[0]
    out = np.zeros_like(m)
    for start in range(0, n, split):
        stop = min(start + split, n)
        out[start:stop, start:stop] = np.linalg.inv(m[start:stop, start:stop])
    return out


def _im2col_same(x, k, s):
    """(N, C*k*k, OH*OW) patches of a 'same'-padded stride-`s` window, channel-major."""
    n, c, h, w = x.shape
    oh, ow = math.ceil(h / s), math.ceil(w / s)
    ph, pw = max(0, (oh - 1) * s + k - h), max(0, (ow - 1) * s + k - w)
    xp = np.pad(x, ((0, 0), (0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))
    cols = np.zeros((n, c, k, k, oh, ow), x.dtype)
    for i in range(k):
        for j in range(k):
            cols[:, :, i, j] = xp[:, :, i:i + s * oh:s, j:j + s * ow:s]
    return cols.reshape(n, c * k * k, oh * ow)


class Reference:
    """MindSpore's THOR GPU step on NumPy arrays (the gradients unscaled, G scaled by (BATCH / loss_scale)^2).
    `layers`: per Thor layer (kind, weight name); `forward(params, eps, x, y)` returns the loss and the inputs of
    each Thor layer (eps: zeros added to each layer's output before the bias, whose gradients are the layers'
    output gradients, carrying `sens`)."""

    def __init__(self, params, layers, forward, lr, damping, momentum, weight_decay, loss_scale, frequency=None,
                 layer_norm=(), sens=None):
        self.p = {k: np.array(v, np.float64) for k, v in params.items()}
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.layers, self.forward = layers, forward
        self.lr, self.damping, self.mom, self.wd, self.ls = lr, damping, momentum, weight_decay, loss_scale
        self.sens = loss_scale if sens is None else sens  # the loss's gradient: the output gradients carry it
        self.frequency, self.layer_norm = frequency, layer_norm
        self.step_i, self.inv = 0, {}
        self._grads = jax.jit(self._vjp)

    def _vjp(self, params, x, y):
        _, inputs, shapes = self.forward(params, None, x, y)
        eps = [jnp.zeros(shape, jnp.float32) for shape in shapes]
        _, vjp = jax.vjp(lambda p, e: self.forward(p, e, x, y)[0], params, eps)
        return vjp(jnp.float32(self.sens)), inputs

    def stats(self, x, y):
        (g_params, g_eps), inputs = self._grads({k: jnp.asarray(v, jnp.float32) for k, v in self.p.items()}, x, y)
        return ({k: np.asarray(v, np.float64) / self.sens for k, v in g_params.items()},
                [np.asarray(a) for a in inputs], [np.asarray(g, np.float64) for g in g_eps])

    def step(self, x, y):
        grads, inputs, douts = self.stats(x, y)
        d = self.damping[self.step_i]
        fresh = self.frequency is None or self.step_i % self.frequency == 0
        new = dict(grads)
        for (kind, name, *conv), a_in, dout in zip(self.layers, inputs, douts, strict=True):
            g = grads[name]
            if fresh and kind == "emb":  # a_in are the ids
                counts = np.bincount(a_in.reshape(-1), minlength=g.shape[0]).astype(np.float64)
                gcov = dout.T @ dout / dout.shape[0]
                low_inv = np.linalg.inv(np.linalg.cholesky(gcov * BATCH ** 2 / self.ls ** 2
                                                           + math.sqrt(d) * np.eye(gcov.shape[0])))
                self.inv[name] = (1.0 / (counts / BATCH + math.sqrt(d)), low_inv @ low_inv)
            elif fresh:
                if kind == "fc":
                    a, gcov = a_in.T @ a_in / a_in.shape[1], dout.T @ dout / dout.shape[0]
                    da = dg = math.sqrt(d)
                    feature = 1.0
                else:
                    k, s = conv
                    pm = _im2col_same(a_in, k, s).mean(0)
                    dm = dout.mean(0).reshape(dout.shape[1], -1)
                    la, lg = pm.shape[1], dm.shape[1]
                    a, gcov = pm @ pm.T / la, dm @ dm.T / lg
                    da, dg, feature = math.sqrt(d / la), math.sqrt(d / lg), math.sqrt(1 / la)
                a_inv = _block_inv(a + da * np.eye(a.shape[0]))
                g_inv = _block_inv(gcov * BATCH ** 2 / self.ls ** 2 + dg * np.eye(gcov.shape[0]))
                self.inv[name] = (a_inv * feature, g_inv * feature)
            a_inv, g_inv = self.inv[name]
            if kind == "emb":
                new[name] = (a_inv[:, None] * g) @ g_inv
            else:
                new[name] = (g_inv @ g.reshape(g.shape[0], -1) @ a_inv).reshape(g.shape)
        for name in self.layer_norm:
            new[name] = grads[name] / (grads[name] ** 2 / BATCH + math.sqrt(d))
        for name in self.p:
            g = new[name] + self.wd * self.p[name]
            self.m[name] = self.m[name] * self.mom + g
            self.p[name] = self.p[name] - self.lr[self.step_i] * self.m[name]
        self.step_i += 1


def _softmax_ce(logits, y):
    return jnp.mean(-jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], axis=1))


# ---- the networks -----------------------------------------------------------------------------------------
class MLP(nn.Cell):
    """Embedding -> Dense(relu) -> LayerNorm -> Dense(130: two blocks of the 128-split) -> Dense."""

    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(7, 3)
        self.flat = nn.Flatten()
        self.fc1 = nn.Dense(6, 5, activation="relu")
        self.ln = nn.LayerNorm((5,))
        self.fc2 = nn.Dense(5, 130, activation="tanh")
        self.fc3 = nn.Dense(130, 3)

    def construct(self, ids):
        return self.fc3(self.fc2(self.ln(self.fc1(self.flat(self.emb(ids))))))


def _mlp_forward(p, eps, ids, y):
    shapes = [(BATCH * 2, 3), (BATCH, 5), (BATCH, 130), (BATCH, 3)]
    e = eps if eps is not None else [jnp.zeros(s, jnp.float32) for s in shapes]
    h0 = p["emb.embedding_table"][ids.reshape(-1)] + e[0]
    x1 = h0.reshape(BATCH, 6)
    h1 = jax.nn.relu(x1 @ p["fc1.weight"].T + e[1] + p["fc1.bias"])
    mu, var = h1.mean(-1, keepdims=True), h1.var(-1, keepdims=True)
    x2 = (h1 - mu) / jnp.sqrt(var + 1e-7) * p["ln.gamma"] + p["ln.beta"]
    x3 = jnp.tanh(x2 @ p["fc2.weight"].T + e[2] + p["fc2.bias"])
    logits = x3 @ p["fc3.weight"].T + e[3] + p["fc3.bias"]
    return _softmax_ce(logits, y), [ids, x1, x2, x3], shapes


class CNN(nn.Cell):
    """Conv2d(same, 3x3) -> ReLU -> Conv2d(valid, 2x2 stride 2, bias) -> Flatten -> Dense."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 3, 3)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(3, 4, 2, stride=2, pad_mode="valid", has_bias=True)
        self.flat = nn.Flatten()
        self.fc = nn.Dense(16, 3)

    def construct(self, x):
        return self.fc(self.flat(self.conv2(self.relu(self.conv1(x)))))


def _conv(x, w, stride, padding):
    return jax.lax.conv_general_dilated(x, w, (stride, stride), padding, dimension_numbers=("NCHW", "OIHW", "NCHW"))


def _cnn_forward(p, eps, x, y):
    shapes = [(BATCH, 3, 5, 5), (BATCH, 4, 2, 2), (BATCH, 3)]
    e = eps if eps is not None else [jnp.zeros(s, jnp.float32) for s in shapes]
    h1 = jax.nn.relu(_conv(x, p["conv1.weight"], 1, "SAME") + e[0])
    h2 = _conv(h1, p["conv2.weight"], 2, "VALID") + e[1] + p["conv2.bias"][None, :, None, None]
    x3 = h2.reshape(BATCH, 16)
    logits = x3 @ p["fc.weight"].T + e[2] + p["fc.bias"]
    return _softmax_ce(logits, y), [x, h1, x3], shapes


def _init(net):
    for p in net.trainable_params():
        p.set_data(Tensor((RNG.standard_normal(p.shape) * 0.5).astype(np.float32)))
    return {p.name: p.asnumpy() for p in net.trainable_params()}


def _assert_params(net, ref):
    for p in net.trainable_params():
        np.testing.assert_allclose(p.asnumpy(), ref.p[p.name], rtol=2e-4, atol=2e-5, err_msg=p.name)


# ---- tests --------------------------------------------------------------------------------------------------
SUITE = suite("thor")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_thor(name):
    """The layers, the conversion and the errors, as recorded from the oracle (tests/golden/thor_cases.py)."""
    SUITE.check(name, ms)


def test_mlp_matches_mindspore_gpu_formula():
    """PyNative: Dense (a 130-wide one: block inverses), Embedding and LayerNorm with a damping and lr per step,
    weight decay and a loss scale (TrainOneStepCell's sens and thor's loss_scale), three THOR steps in one compiled
    step."""
    net = MLP()
    params = _init(net)
    lr, damping = [0.05, 0.03, 0.02], [0.3, 0.1, 0.05]
    opt = nn.thor(net, Tensor(np.array(lr, np.float32)), Tensor(np.array(damping, np.float32)), 0.9,
                  weight_decay=1e-3, loss_scale=8.0, batch_size=BATCH)
    assert [type(c).__name__ for c in (net.emb, net.fc1, net.fc2, net.fc3)] == \
        ["EmbeddingThor", "DenseThor", "DenseThor", "DenseThor"]
    assert [p.shape for p in opt.matrix_a] == [(7,), (1, 1, 6, 6), (2, 1, 5, 5), (1, 2, 128, 128)]
    assert [p.shape for p in opt.matrix_g] == [(3, 3), (1, 5, 5), (2, 128, 128), (1, 3, 3)]
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True,
                                                                                     reduction="mean")),
                               opt, sens=8.0)
    layers = [("emb", "emb.embedding_table"), ("fc", "fc1.weight"), ("fc", "fc2.weight"), ("fc", "fc3.weight")]
    ref = Reference(params, layers, _mlp_forward, lr, damping, 0.9, 1e-3, 8.0,
                    layer_norm=("ln.gamma", "ln.beta"))
    with jax.checking_leaks():
        for _ in range(3):
            ids = RNG.integers(0, 7, (BATCH, 2)).astype(np.int32)
            y = RNG.integers(0, 3, BATCH).astype(np.int32)
            step(Tensor(ids), Tensor(y))
            ref.step(jnp.asarray(ids), jnp.asarray(y))
    _assert_params(net, ref)
    assert opt.cov_step.asnumpy().tolist() == [3] and opt.global_step.asnumpy().tolist() == [3]
    a_inv, g_inv = ref.inv["fc1.weight"]
    np.testing.assert_allclose(opt.matrix_a[1].asnumpy()[0, 0], a_inv, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(opt.matrix_g[1].asnumpy()[0], g_inv, rtol=1e-4, atol=1e-5)


def test_cnn_model_thor_sink_frequency():
    """ConvertModelUtils -> ModelThor.train with sink: new inverses at steps 0 and 3 (frequency 3), the stored
    ones between; Conv2d statistics from the 'same' im2col (a valid conv's A and G normalizers differ);
    MindSpore's GPU callback pattern; a loss scale divided out by TrainOneStepWithLossScaleCell. GRAPH_MODE."""
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        _train_cnn()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _train_cnn():
    net = CNN()
    params = _init(net)
    params["conv2.bias"] = np.zeros(4, np.float32)  # MindSpore's Conv2d conversion starts the bias at zeros
    lr, damping = [0.1, 0.08, 0.06, 0.05, 0.04, 0.03], [0.2, 0.15, 0.1, 0.08, 0.05, 0.03]
    opt = nn.thor(net, Tensor(np.array(lr, np.float32)), Tensor(np.array(damping, np.float32)), 0.9,
                  batch_size=BATCH, frequency=3)
    assert [p.name for p in net.get_parameters()][:5] == ["conv1.weight", "conv1.a_normalizer", "conv1.g_normalizer",
                                                         "conv1.matrix_a_cov", "conv1.matrix_g_cov"]
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    scale = ms.FixedLossScaleManager(8.0, drop_overflow_update=True)  # TrainOneStepWithLossScaleCell
    model = ms.Model(net, loss_fn=loss, optimizer=opt, metrics={"acc"}, loss_scale_manager=scale)
    model = ConvertModelUtils.convert_to_thor_model(model=model, network=net, loss_fn=loss, optimizer=opt,
                                                    metrics={"acc"}, loss_scale_manager=scale)
    assert type(model.train_network).__name__ == "TrainOneStepWithLossScaleCell"
    assert type(model) is ModelThor
    x = RNG.standard_normal((12, 2, 5, 5)).astype(np.float32)
    y = RNG.integers(0, 3, 12).astype(np.int32)
    data = ms.dataset.NumpySlicesDataset((x, y), column_names=["x", "y"], shuffle=False).batch(BATCH)

    ends = []

    class Steps(ms.Callback):
        def on_train_step_end(self, run_context):
            ends.append(run_context.original_args().cur_step_num)

    model.train(2, data, callbacks=[Steps()], dataset_sink_mode=True)
    assert ends == [1, 3, 4, 6]  # after each THOR step and after each cycle's last step
    ref = Reference(params, [("conv", "conv1.weight", 3, 1), ("conv", "conv2.weight", 2, 2), ("fc", "fc.weight")],
                    _cnn_forward, lr, damping, 0.9, 0.0, 1.0, frequency=3, sens=8.0)
    for i in range(6):
        ref.step(jnp.asarray(x[4 * (i % 3):4 * (i % 3) + 4]), jnp.asarray(y[4 * (i % 3):4 * (i % 3) + 4]))
    _assert_params(net, ref)
    np.testing.assert_allclose(net.conv2.a_normalizer.asnumpy(), [9.0])
    np.testing.assert_allclose(net.conv2.g_normalizer.asnumpy(), [4.0])
    assert model.eval(data)["acc"] >= 0.0


def test_conversion_and_names():
    """Which layers are converted, and the Parameters of the optimizer (as the oracle lists them)."""
    net = CNN()
    net.fc.weight.requires_grad = False  # a frozen Dense stays a Dense
    opt = nn.thor(net, Tensor(np.array([0.1], np.float32)), Tensor(np.array([0.1], np.float32)), 0.9)
    assert [type(c).__name__ for c in (net.conv1, net.conv2, net.fc)] == ["Conv2dThor", "Conv2dThor", "Dense"]
    assert type(opt).__name__ == "ThorGpu" and opt.get_frequency() == 100
    assert [p.name for p in opt.params] == ["conv1.weight", "conv2.weight", "conv2.bias", "fc.bias"]
    assert [p.name for p in opt.matrix_a] == ["matrix_a_inv_0", "matrix_a_inv_1"]
    assert [p.shape for p in opt.matrix_a] == [(1, 1, 18, 18), (1, 1, 12, 12)]
    assert opt.kinds == (1, 1, -1, -1)
    assert [p.name for p in opt.parameters][4:] == ["conv1.weight.thor_probe", "conv2.weight.thor_probe",
                                                    "thor_unit"]
    with pytest.raises(ValueError, match="gradients of the optimizer's 'parameters'"):
        opt(tuple(Tensor(np.zeros(p.shape, np.float32)) for p in opt.params))
    other = ms.Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.1, 0.9))
    assert ConvertModelUtils.convert_to_thor_model(other, net, optimizer=other._optimizer) is other
    assert ms.ConvertModelUtils is ConvertModelUtils and ms.train.ConvertNetUtils is ms.ConvertNetUtils


@pytest.mark.parametrize("kwargs, error, match", [
    ({"learning_rate": 0.1}, TypeError, "learning rate"),
    ({"momentum": 1}, TypeError, "momentum"),
    ({"momentum": -0.5}, ValueError, "'momentum' must be at least 0.0"),
    ({"frequency": 1}, ValueError, "'frequency' must be at least 2"),
    ({"frequency": 2.0}, TypeError, "frequency"),
])
def test_bad_arguments(kwargs, error, match):
    args = {"learning_rate": Tensor(np.float32(0.1)), "damping": Tensor(np.float32(0.1)), "momentum": 0.9}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        nn.thor(nn.SequentialCell([nn.Dense(2, 1)]), **args)


def test_block_math_against_numpy():
    """_thor_math's split-128 inverse (batched with a smaller matrix) and UpdateThorGradient against
    block-diagonal NumPy."""
    m = RNG.standard_normal((130, 130))
    spd = (m @ m.T / 130 + np.eye(130)).astype(np.float32)
    small = np.diag([2.0, 3.0]).astype(np.float32)
    grad = RNG.standard_normal((3, 130)).astype(np.float32)
    g = (np.eye(3) * 2.0).astype(np.float32)

    @jax.jit
    def run(spd, small, grad, g):
        big, little = (_thor_math.inverse(f) for f in _thor_math.inverse_factors([spd, small], [False, False]))
        return big, little, _thor_math.precondition(g[None], grad, jnp.broadcast_to(big, (1, 2, 128, 128)))

    blocks, little, out = (np.asarray(a) for a in run(spd, small, grad, g))
    np.testing.assert_allclose(little[0], np.diag([0.5, 1 / 3]), rtol=1e-6)
    ref = _block_inv(spd.astype(np.float64))
    np.testing.assert_allclose(blocks[0], ref[:128, :128], rtol=1e-3, atol=1e-5)
    np.testing.assert_allclose(blocks[1][:2, :2], ref[128:, 128:], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(blocks[1][2:, 2:], np.eye(126), atol=1e-6)
    np.testing.assert_allclose(out, 2.0 * grad @ ref, rtol=1e-3, atol=1e-4)
