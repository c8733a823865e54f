"""Second batch of nn layers: golden fixtures from real MindSpore (`tests/golden/nn_layers2_cases.py`,
recorded into `nn_layers2.json` by `tests/golden/record.py nn_layers2`) replayed on mindgrad under
`jax.checking_leaks()`, float64 gradient checks of the recurrent cells, and a MindSpore-written
LSTM checkpoint loaded into mindgrad's LSTM."""

import os
import sys

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.nn.layer import rnn_cells

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
from replay import Suite  # noqa: E402

SUITE = Suite("nn_layers2")
DATA = os.path.join(os.path.dirname(__file__), "golden", "data_nn")


def test_every_case_is_recorded():
    assert SUITE.defined() == set(SUITE.names())


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_nn_layers2(name):
    SUITE.check(name, ms)


@pytest.mark.parametrize("mode", sorted(rnn_cells.STEPS))
def test_recurrent_steps_grads_float64(mode):
    chunks = {"LSTM": 4, "GRU": 3}.get(mode, 1)
    rs = np.random.RandomState(0)
    x, h = rs.standard_normal((2, 3)), rs.standard_normal((2, 4))
    weights = [rs.standard_normal(s) * 0.5 for s in ((chunks * 4, 3), (chunks * 4, 4), (chunks * 4,), (chunks * 4,))]
    state = (h, rs.standard_normal((2, 4))) if mode == "LSTM" else h
    args = jax.tree_util.tree_map(lambda v: jnp.asarray(v, jnp.float64), (x, state, *weights))
    check_grads(rnn_cells.STEPS[mode], args, order=1, modes=("rev",), atol=1e-6, rtol=1e-6)


def test_mindspore_lstm_checkpoint_loads_with_the_same_outputs():
    """`data_nn/lstm.ckpt` and `lstm_io.npz` were written by real MindSpore (`data_nn/make_lstm_ckpt.py`)."""

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.rnn = ms.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
            self.head = ms.nn.Dense(8, 2)

        def construct(self, x):
            out, (h, c) = self.rnn(x)
            return self.head(out), h, c

    net = Net()
    params = ms.load_checkpoint(os.path.join(DATA, "lstm.ckpt"))
    assert set(params) == {p.name for p in net.get_parameters()}
    assert ms.load_param_into_net(net, params) == ([], [])
    io = np.load(os.path.join(DATA, "lstm_io.npz"))
    out, h, c = net(ms.Tensor(io["x"]))
    for got, want in ((out, io["out"]), (h, io["h"]), (c, io["c"])):
        np.testing.assert_allclose(got.asnumpy(), want, rtol=1e-5, atol=1e-6)


def _instance_norm_reference(x, gamma, beta, eps):
    axes = tuple(range(2, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return (x - mean) / np.sqrt(var + eps) * gamma.reshape(shape) + beta.reshape(shape)


def test_instance_norm_documented_formula_and_grads():
    """MindSpore has no CPU kernel for InstanceNorm: checked against its documented formula (NumPy), the
    gradient by `check_grads` in float64."""
    rs = np.random.RandomState(3)
    gamma, beta = rs.uniform(0.5, 1.5, 3).astype(np.float32), rs.standard_normal(3).astype(np.float32)
    for cls, shape in ((ms.nn.InstanceNorm1d, (2, 3, 5)), (ms.nn.InstanceNorm2d, (2, 3, 4, 3)),
                       (ms.nn.InstanceNorm3d, (1, 3, 2, 3, 2))):
        x = rs.standard_normal(shape).astype(np.float32)
        norm = cls(3, eps=1e-3, gamma_init=ms.Tensor(gamma), beta_init=ms.Tensor(beta))
        np.testing.assert_allclose(norm(ms.Tensor(x)).asnumpy(), _instance_norm_reference(x, gamma, beta, 1e-3),
                                   rtol=1e-5, atol=1e-5)
        assert [p.name for p in norm.trainable_params()] == ["gamma", "beta"]
        with pytest.raises(ValueError, match="in_shape must have"):
            norm(ms.Tensor(x[0]))
    norm64 = ms.nn.InstanceNorm2d(3, eps=1e-3, gamma_init=ms.Tensor(gamma), beta_init=ms.Tensor(beta),
                                  dtype=ms.float64)
    check_grads(lambda a: norm64.construct(ms.Tensor(a))._arr, (rs.standard_normal((2, 3, 2, 3)),), order=1,
                modes=("rev",), atol=1e-6, rtol=1e-6)


def _extract_patches_reference(x, k, s, r, padding):
    """TensorFlow's ExtractImagePatches on NCHW input, output channels ordered (row, col, channel)."""
    n, c, h, w = x.shape
    keff = [(k[i] - 1) * r[i] + 1 for i in range(2)]
    if padding == "valid":
        out = [(size - ke) // st + 1 for size, ke, st in zip((h, w), keff, s, strict=True)]
        pad = [(0, 0), (0, 0)]
    else:
        out = [-(-size // st) for size, st in zip((h, w), s, strict=True)]
        total = [max((o - 1) * st + ke - size, 0) for o, st, ke, size in zip(out, s, keff, (h, w), strict=True)]
        pad = [(t // 2, t - t // 2) for t in total]
    xp = np.pad(x, [(0, 0), (0, 0)] + pad)
    res = np.zeros((n, k[0] * k[1] * c, out[0], out[1]), x.dtype)
    for i in range(out[0]):
        for j in range(out[1]):
            for a in range(k[0]):
                for b in range(k[1]):
                    res[:, (a * k[1] + b) * c:(a * k[1] + b + 1) * c, i, j] = xp[:, :, i * s[0] + a * r[0],
                                                                                 j * s[1] + b * r[1]]
    return res


@pytest.mark.parametrize("k, s, r, padding", [((2, 2), (1, 1), (1, 1), "valid"), ((2, 3), (2, 1), (1, 2), "same")])
def test_unfold_matches_extract_image_patches(k, s, r, padding):
    """MindSpore has no CPU kernel for ExtractImagePatches: checked against TensorFlow's documented semantics."""
    x = np.random.RandomState(4).standard_normal((2, 3, 5, 6)).astype(np.float32)
    unfold = ms.nn.Unfold([1, *k, 1], [1, *s, 1], [1, *r, 1], padding)
    np.testing.assert_allclose(unfold(ms.Tensor(x)).asnumpy(), _extract_patches_reference(x, k, s, r, padding))
    with pytest.raises(ValueError, match="padding"):
        ms.nn.Unfold([1, *k, 1], [1, *s, 1], [1, *r, 1], "full")(ms.Tensor(x))


def test_soft_margin_loss_documented_formula():
    """MindSpore has no CPU kernel for SoftMarginLoss: checked against log(1 + exp(-y * x)) and its gradient."""
    rs = np.random.RandomState(5)
    x, y = rs.standard_normal((3, 4)).astype(np.float32), np.sign(rs.standard_normal((3, 4))).astype(np.float32)
    ref = np.log1p(np.exp(-y * x))
    for reduction, want in (("mean", ref.mean()), ("sum", ref.sum()), ("none", ref)):
        got = ms.nn.SoftMarginLoss(reduction)(ms.Tensor(x), ms.Tensor(y))
        np.testing.assert_allclose(got.asnumpy(), want, rtol=1e-5, atol=1e-6)
    grad = ms.ops.GradOperation()(ms.nn.SoftMarginLoss())(ms.Tensor(x), ms.Tensor(y))
    np.testing.assert_allclose(grad.asnumpy(), -y / (1 + np.exp(y * x)) / x.size, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="reduction"):
        ms.nn.SoftMarginLoss("bad")(ms.Tensor(x), ms.Tensor(y))
    with pytest.raises(ValueError, match="input_shape"):
        ms.nn.SoftMarginLoss()(ms.Tensor(x), ms.Tensor(y[:2]))


def _ssim_reference(a, b, size, sigma, max_val, k1=0.01, k2=0.03):
    start = -size // 2 + 1
    g = np.arange(start, start + size, dtype=np.float64)
    w = np.exp(-(g[:, None] ** 2 + g[None, :] ** 2) / (2 * sigma ** 2))
    w /= w.sum()

    def blur(x):
        n, c, h, wd = x.shape
        out = np.zeros((n, c, h - size + 1, wd - size + 1))
        for i in range(out.shape[2]):
            for j in range(out.shape[3]):
                out[:, :, i, j] = (x[:, :, i:i + size, j:j + size] * w).sum(axis=(2, 3))
        return out

    c1, c2 = (k1 * max_val) ** 2, (k2 * max_val) ** 2
    mu1, mu2 = blur(a), blur(b)
    s1, s2, s12 = blur(a * a) - mu1 ** 2, blur(b * b) - mu2 ** 2, blur(a * b) - mu1 * mu2
    ssim = (2 * mu1 * mu2 + c1) * (2 * s12 + c2) / ((mu1 ** 2 + mu2 ** 2 + c1) * (s1 + s2 + c2))
    return ssim.mean(axis=(2, 3)).mean(axis=-1)


def test_psnr_ssim_documented_formulas():
    """MindSpore 2.10 raises on every PSNR/SSIM call (`psnr_ssim_quirk`): checked against their formulas."""
    rs = np.random.RandomState(6)
    a, b = rs.uniform(0, 1, (2, 2, 8, 9)).astype(np.float32), rs.uniform(0, 1, (2, 2, 8, 9)).astype(np.float32)
    psnr = 10 * np.log10(1.0 / ((a.astype(np.float64) - b) ** 2).mean(axis=(1, 2, 3)))
    np.testing.assert_allclose(ms.nn.PSNR()(ms.Tensor(a), ms.Tensor(b)).asnumpy(), psnr, rtol=1e-5)
    ai, bi = (rs.randint(0, 256, (1, 1, 6, 6)).astype(np.uint8) for _ in range(2))
    want = 10 * np.log10(255.0 ** 2 / ((ai.astype(np.float64) - bi) ** 2).mean())
    np.testing.assert_allclose(ms.nn.PSNR(255)(ms.Tensor(ai), ms.Tensor(bi)).asnumpy(), [want], rtol=1e-5)
    for size, max_val, k1 in ((4, 1.0, 0.01), (5, 2.0, 0.02)):
        got = ms.nn.SSIM(max_val=max_val, filter_size=size, k1=k1)(ms.Tensor(a), ms.Tensor(b)).asnumpy()
        np.testing.assert_allclose(got, _ssim_reference(a.astype(np.float64), b, size, 1.5, max_val, k1),
                                   rtol=1e-4, atol=1e-6)
    with pytest.raises(ValueError, match="filter_size"):
        ms.nn.SSIM()(ms.Tensor(a), ms.Tensor(b))
    with pytest.raises(TypeError, match="img1"):
        ms.nn.SSIM(filter_size=4)(ms.Tensor(ai), ms.Tensor(bi))


def test_embedding_lookup_max_norm_clips_every_row():
    """MindSpore's kernel leaves some rows above max_norm (`embedding_lookup_max_norm_quirk`)."""
    emb = ms.nn.EmbeddingLookup(4, 3, max_norm=0.5)
    table = np.random.RandomState(7).standard_normal((4, 3)).astype(np.float32)
    emb.embedding_table.set_data(ms.Tensor(table))
    out = emb(ms.Tensor(np.array([[0, 3], [2, 9]], np.int32))).asnumpy()
    norms = np.linalg.norm(table, axis=1)
    want = table[[0, 3, 2]] * np.minimum(1.0, 0.5 / norms[[0, 3, 2]])[:, None]
    np.testing.assert_allclose(out.reshape(-1, 3)[:3], want, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(out[1, 1], np.zeros(3, np.float32))
