"""`mint.nn` layers and `mint.nn.functional` functions that MindSpore 2.10's CPU build cannot run (no CPU kernel:
conv1d/conv3d/conv_transpose2d, BatchNorm*d, avg/max/adaptive-avg pooling, max_unpool2d, fold/unfold, pixel_shuffle,
the pads, mish/selu/logsigmoid/hardtanh/threshold/elu and their in-place forms, kl_div, soft_margin_loss,
cosine_embedding_loss, l1_loss, dropout2d, upsample), checked here against hand-written NumPy of MindSpore's
documented (torch-like) semantics. The names the oracle runs are recorded in the op database suite `mint_nn_a`
(tests/golden/mint_nn_a_cases.py); layer structure (parameter names, shapes, dtypes, defaults) also there.
"""

import itertools

import jax
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad.common.tensor import wrap
from mindgrad.mint import nn
from mindgrad.mint.nn import functional as F

_r = np.random.RandomState(1)
X2 = _r.uniform(-2, 2, (2, 3)).astype(np.float32)
X3 = _r.uniform(-1, 1, (2, 2, 6)).astype(np.float32)
X4 = _r.uniform(-1, 1, (1, 2, 5, 5)).astype(np.float32)
X5 = _r.uniform(-1, 1, (1, 2, 3, 4, 4)).astype(np.float32)


def T(a):
    return ms.Tensor(a)


@pytest.fixture(autouse=True)
def _eager_cells():
    """Layers run eagerly here (each new Cell would otherwise compile once: slow for one-shot checks)."""
    ms.set_context(pynative_compile=False)
    yield
    ms.set_context(pynative_compile=True)


def _grads(fn, *args):
    """Reverse-mode gradients of the jitted `fn` against finite differences (float64)."""
    check_grads(jax.jit(fn), args, 1, modes=("rev",))


def _close(got, want, tol=1e-5):
    np.testing.assert_allclose(got.asnumpy() if hasattr(got, "asnumpy") else got, want, rtol=tol, atol=tol)


def _np_conv(x, w, stride, pad, dil, groups):
    """Direct N-D convolution (cross-correlation) of (N, C, *S) by (O, C / groups, *K)."""
    n = x.ndim - 2
    x = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in pad])
    k = w.shape[2:]
    out_sp = [(x.shape[2 + i] - dil[i] * (k[i] - 1) - 1) // stride[i] + 1 for i in range(n)]
    out = np.zeros((x.shape[0], w.shape[0], *out_sp), np.float64)
    cin_g, cout_g = w.shape[1], w.shape[0] // groups
    for o in range(w.shape[0]):
        g = o // cout_g
        for pos in itertools.product(*[range(s) for s in out_sp]):
            sl = tuple(slice(pos[i] * stride[i], pos[i] * stride[i] + dil[i] * (k[i] - 1) + 1, dil[i])
                       for i in range(n))
            patch = x[(slice(None), slice(g * cin_g, (g + 1) * cin_g)) + sl]
            out[(slice(None), o) + pos] = np.sum(patch * w[o], axis=tuple(range(1, n + 2)))
    return out


def _np_conv_transpose2d(x, w, stride, pad, out_pad, groups, dil):
    """Transposed convolution by scattering each input cell times the kernel (weight (C_in, C_out / g, kh, kw))."""
    n_, cin, h, wd = x.shape
    cout_g, kh, kw = w.shape[1:]
    cin_g = cin // groups
    oh = (h - 1) * stride - 2 * pad + dil * (kh - 1) + out_pad + 1
    ow = (wd - 1) * stride - 2 * pad + dil * (kw - 1) + out_pad + 1
    full = np.zeros((n_, cout_g * groups, oh + 2 * pad + stride, ow + 2 * pad + stride))
    for c in range(cin):
        g = c // cin_g
        for i, j in itertools.product(range(h), range(wd)):
            for a, b in itertools.product(range(kh), range(kw)):
                full[:, g * cout_g:(g + 1) * cout_g, i * stride + a * dil, j * stride + b * dil] += \
                    x[:, c, i, j][:, None] * w[c, :, a, b][None]
    return full[:, :, pad:pad + oh, pad:pad + ow]


def test_conv_layers_structure_init_and_values():
    c1 = nn.Conv1d(2, 4, 3, stride=2, padding=1, dilation=1)
    assert [(p.name, tuple(p.shape)) for p in c1.get_parameters()] == [("weight", (4, 2, 3)), ("bias", (4,))]
    bound = 1 / np.sqrt(6)
    assert np.abs(c1.weight.asnumpy()).max() <= bound and np.abs(c1.bias.asnumpy()).max() <= bound
    assert c1.weight.asnumpy().std() > bound / 4 and c1.stride == (2,) and c1.padding == (1,)
    w, b = c1.weight.asnumpy(), c1.bias.asnumpy()
    _close(c1(T(X3)), _np_conv(X3, w, (2,), (1,), (1,), 1) + b[:, None])
    _close(F.conv1d(T(X3), T(w), None, 1, "same"), _np_conv(X3, w, (1,), (1,), (1,), 1))
    assert repr(c1) == ("Conv1d(input_channels=2, output_channels=4, kernel_size=(3,), stride=(2,), padding=(1,), "
                        "dilation=(1,), groups=1, bias=True)")
    r1 = nn.Conv1d(2, 2, 3, padding=2, padding_mode="reflect", bias=False)
    _close(r1(T(X3)), _np_conv(np.pad(X3, [(0, 0), (0, 0), (2, 2)], mode="reflect"), r1.weight.asnumpy(), (1,),
                               (0,), (1,), 1))

    c3 = nn.Conv3d(2, 4, (1, 2, 3), groups=2, bias=False, padding=(0, 1, 1), dilation=(1, 1, 2))
    assert [(p.name, tuple(p.shape)) for p in c3.get_parameters()] == [("weight", (4, 1, 1, 2, 3))]
    _close(c3(T(X5)), _np_conv(X5, c3.weight.asnumpy(), (1, 1, 1), (0, 1, 1), (1, 1, 2), 2))
    _close(F.conv3d(T(X5), c3.weight, None, 2, 1, 1, 2),
           _np_conv(X5, c3.weight.asnumpy(), (2,) * 3, (1,) * 3, (1,) * 3, 2))

    ct = nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2)
    assert [(p.name, tuple(p.shape)) for p in ct.get_parameters()] == [("weight", (2, 2, 3, 3)), ("bias", (4,))]
    assert np.abs(ct.weight.asnumpy()).max() <= 1 / np.sqrt(18)
    want = _np_conv_transpose2d(X4, ct.weight.asnumpy(), 2, 1, 1, 2, 1) + ct.bias.asnumpy()[:, None, None]
    _close(ct(T(X4)), want)
    w2 = _r.uniform(-1, 1, (2, 3, 2, 2)).astype(np.float32)
    _close(F.conv_transpose2d(T(X4), T(w2), dilation=2), _np_conv_transpose2d(X4, w2, 1, 0, 0, 1, 2))
    _close(F.conv_transpose2d(T(X4[0]), T(w2)), _np_conv_transpose2d(X4, w2, 1, 0, 0, 1, 1)[0])
    with pytest.raises(ValueError, match="padding_mode"):
        nn.Conv3d(2, 2, 1, padding_mode="bad")


def test_conv_gradients():
    x, w = X5.astype(np.float64)[:, :, :2, :3, :3], _r.uniform(-1, 1, (2, 2, 1, 2, 2))
    xt, wt = X4.astype(np.float64)[:, :, :3, :3], _r.uniform(-1, 1, (2, 1, 2, 2))
    with jax.checking_leaks():
        _grads(lambda a, b: F.conv3d(wrap(a), wrap(b), padding=1)._arr, x, w)
        _grads(lambda a, b: F.conv_transpose2d(wrap(a), wrap(b), stride=2, groups=2)._arr, xt, wt)


def test_batch_norm_layers():
    bn = nn.BatchNorm2d(2)
    assert [(p.name, tuple(p.shape), p.requires_grad) for p in bn.get_parameters()] == [
        ("weight", (2,), True), ("bias", (2,), True), ("running_mean", (2,), False), ("running_var", (2,), False),
        ("num_batches_tracked", (), False)]
    assert bn.num_batches_tracked.dtype == ms.int64 and not bn.training
    x = X4 * 3 + 1
    _close(bn(T(x)), x / np.sqrt(1 + 1e-5))                       # a new Cell: eval mode, running statistics
    bn.set_train(True)
    mean, var = x.mean((0, 2, 3)), x.var((0, 2, 3))
    want = (x - mean[:, None, None]) / np.sqrt(var[:, None, None] + 1e-5)
    _close(bn(T(x)), want, 1e-4)
    _close(bn.running_mean, 0.1 * mean)
    _close(bn.running_var, 0.9 + 0.1 * x.var((0, 2, 3), ddof=1), 1e-4)
    assert int(bn.num_batches_tracked.asnumpy()) == 1
    cum = nn.BatchNorm1d(2, momentum=None).set_train(True)
    cum(T(X3))
    cum(T(X3 * 2))
    _close(cum.running_mean, (X3.mean((0, 2)) + 2 * X3.mean((0, 2))) / 2)
    plain = nn.BatchNorm3d(2, affine=False, track_running_stats=False)
    assert list(plain.get_parameters()) == []
    x5m, x5v = X5.mean((0, 2, 3, 4)), X5.var((0, 2, 3, 4))
    _close(plain(T(X5)), (X5 - x5m[:, None, None, None]) / np.sqrt(x5v[:, None, None, None] + 1e-5), 1e-4)
    assert repr(nn.SyncBatchNorm(3)).startswith("SyncBatchNorm(num_features=3, eps=1e-05, momentum=0.1")
    with pytest.raises(ValueError, match="4D"):
        bn(T(X3))
    rm, rv = T(np.zeros(2, np.float32)), T(np.ones(2, np.float32))
    out = F.batch_norm(T(x), rm, rv, T(np.array([2.0, 1.0], np.float32)), None, True, 0.5)
    _close(out, want * np.array([2.0, 1.0])[:, None, None], 1e-4)
    _close(rm, 0.5 * mean)                                           # plain Tensors update in place too
    with jax.checking_leaks():
        _grads(lambda a, g: F.batch_norm(wrap(a), None, None, wrap(g), None, True)._arr,
               X3.astype(np.float64), np.array([1.5, -0.5]))


def _np_pool(x, k, s, op):
    n = len(k)
    out_sp = [(x.shape[-n + i] - k[i]) // s[i] + 1 for i in range(n)]
    out = np.zeros(x.shape[:-n] + tuple(out_sp))
    for pos in itertools.product(*[range(o) for o in out_sp]):
        sl = tuple(slice(p * s[i], p * s[i] + k[i]) for i, p in enumerate(pos))
        out[(Ellipsis,) + pos] = op(x[(Ellipsis,) + sl].reshape(x.shape[:-n] + (-1,)), axis=-1)
    return out


def _np_adaptive(x, size, op):
    n = len(size)
    out = np.zeros(x.shape[:-n] + tuple(size))
    for pos in itertools.product(*[range(o) for o in size]):
        sl = tuple(slice((p * x.shape[-n + i]) // size[i], -(-((p + 1) * x.shape[-n + i]) // size[i]))
                   for i, p in enumerate(pos))
        out[(Ellipsis,) + pos] = op(x[(Ellipsis,) + sl].reshape(x.shape[:-n] + (-1,)), axis=-1)
    return out


def test_pooling():
    _close(F.avg_pool1d(T(X3), 2), _np_pool(X3, (2,), (2,), np.mean))
    _close(nn.AvgPool2d(2, 1)(T(X4)), _np_pool(X4, (2, 2), (1, 1), np.mean))
    _close(nn.AvgPool3d((1, 2, 2))(T(X5)), _np_pool(X5, (1, 2, 2), (1, 2, 2), np.mean))
    padded = np.pad(X4, [(0, 0), (0, 0), (1, 1), (1, 1)])
    _close(F.avg_pool2d(T(X4), 3, 2, 1), _np_pool(padded, (3, 3), (2, 2), np.mean))
    _close(F.avg_pool2d(T(X4), 3, 2, 1, divisor_override=2), _np_pool(padded, (3, 3), (2, 2), np.sum) / 2)
    ones = np.pad(np.ones_like(X4), [(0, 0), (0, 0), (1, 1), (1, 1)])
    _close(F.avg_pool2d(T(X4), 3, 2, 1, count_include_pad=False),
           _np_pool(padded, (3, 3), (2, 2), np.sum) / _np_pool(ones, (3, 3), (2, 2), np.sum))
    assert F.avg_pool2d(T(X4), 2, ceil_mode=True).shape == (1, 2, 3, 3)

    out, idx = nn.MaxPool2d(2, return_indices=True)(T(X4))
    _close(out, _np_pool(X4, (2, 2), (2, 2), np.max))
    flat = X4.reshape(1, 2, -1)
    np.testing.assert_array_equal(np.take_along_axis(flat, idx.asnumpy().reshape(1, 2, -1), -1).reshape(out.shape),
                                  out.asnumpy())
    un = nn.MaxUnpool2d(2)(out, idx, (5, 5)).asnumpy()
    assert un.shape == (1, 2, 5, 5) and np.count_nonzero(un) == out.size
    np.testing.assert_array_equal(np.take_along_axis(un.reshape(1, 2, -1), idx.asnumpy().reshape(1, 2, -1), -1),
                                  out.asnumpy().reshape(1, 2, -1))
    assert F.max_unpool2d(out, idx, 2).shape == (1, 2, 4, 4)

    _close(nn.AdaptiveAvgPool1d(4)(T(X3)), _np_adaptive(X3, (4,), np.mean))
    _close(F.adaptive_avg_pool3d(T(X5), (2, None, 3)), _np_adaptive(X5, (2, 4, 3), np.mean))
    _close(F.adaptive_avg_pool3d_ext(T(X5), (2, 2, 2)), _np_adaptive(X5, (2, 2, 2), np.mean))
    with pytest.raises(ValueError, match="output_size"):
        F.adaptive_avg_pool3d_ext(T(X5), 2)
    m1, i1 = nn.AdaptiveMaxPool1d(4, True)(T(X3))
    _close(m1, _np_adaptive(X3, (4,), np.max))
    np.testing.assert_array_equal(np.take_along_axis(X3, i1.asnumpy(), -1), m1.asnumpy())
    m2, i2 = F.adaptive_max_pool2d(T(X4), (2, 3), True)
    _close(m2, _np_adaptive(X4, (2, 3), np.max))
    assert i2.dtype == ms.int64
    np.testing.assert_array_equal(np.take_along_axis(flat, i2.asnumpy().reshape(1, 2, -1), -1).reshape(m2.shape),
                                  m2.asnumpy())
    x = X4.astype(np.float64)
    with jax.checking_leaks():
        _grads(lambda a: F.adaptive_max_pool2d(wrap(a), 2)._arr, x)


def test_padding_layers():
    for n, x in ((1, X3), (2, X4), (3, X5)):
        pads = (1, 2, 0, 1, 1, 0)[:2 * n]
        np_pads = [(0, 0)] * (x.ndim - n) + [(pads[2 * i], pads[2 * i + 1]) for i in reversed(range(n))]
        _close(getattr(nn, f"ZeroPad{n}d")(pads)(T(x)), np.pad(x, np_pads))
        _close(getattr(nn, f"ConstantPad{n}d")(pads, 0.5)(T(x)), np.pad(x, np_pads, constant_values=0.5))
        _close(getattr(nn, f"ReflectionPad{n}d")(pads)(T(x)), np.pad(x, np_pads, mode="reflect"))
        _close(getattr(nn, f"ReplicationPad{n}d")(1)(T(x)),
               np.pad(x, [(0, 0)] * (x.ndim - n) + [(1, 1)] * n, mode="edge"))
    assert repr(nn.ZeroPad2d(1)) == "ZeroPad2d()"


def test_activations_and_inplace_forms():
    x = X2.astype(np.float64)
    sp = np.log1p(np.exp(x))
    sig = 1 / (1 + np.exp(-x))
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    cases = [
        (nn.Mish(), F.mish, x * np.tanh(sp)),
        (nn.SELU(), F.selu, scale * np.where(x > 0, x, alpha * np.expm1(x))),
        (nn.LogSigmoid(), F.logsigmoid, np.log(sig)),
        (nn.Hardtanh(), F.hardtanh, np.clip(x, -1, 1)),
        (nn.ReLU6(), F.relu6, np.clip(x, 0, 6)),
        (nn.ELU(), F.elu, np.where(x > 0, x, np.expm1(x))),
        (nn.Hardsigmoid(), F.hardsigmoid, np.clip(x + 3, 0, 6) / 6),
        (nn.Hardswish(), F.hardswish, x * np.clip(x + 3, 0, 6) / 6),
        (nn.Softshrink(), F.softshrink, np.where(np.abs(x) > 0.5, x - np.sign(x) * 0.5, 0)),
        (nn.Hardshrink(), F.hardshrink, np.where(np.abs(x) > 0.5, x, 0)),
    ]
    for layer, fn, want in cases:
        _close(layer(T(X2)), want)
        _close(fn(T(X2)), want)
    _close(nn.Threshold(0.1, 20.0)(T(X2)), np.where(x > 0.1, x, 20))
    _close(F.hardtanh_op(T(X2), -0.5, 0.5), np.clip(x, -0.5, 0.5))
    _close(nn.LogSoftmax(dim=1)(T(X2)), x - np.log(np.exp(x).sum(1, keepdims=True)))
    _close(nn.GLU(dim=0)(T(X2)), x[:1] * (1 / (1 + np.exp(-x[1:]))))
    _close(nn.PReLU(1, 0.1)(T(X2)), np.where(x > 0, x, 0.1 * x))
    for fn, args, want in ((F.relu_, (), np.maximum(x, 0)), (F.elu_, (0.5,), np.where(x > 0, x, 0.5 * np.expm1(x))),
                           (F.hardtanh_, (-0.5, 0.5), np.clip(x, -0.5, 0.5)), (F.sigmoid_, (), sig),
                           (F.inplace_silu, (), x * sig), (F.threshold_, (0.0, 3.0), np.where(x > 0, x, 3)),
                           (F.inplace_elu, (), np.where(x > 0, x, np.expm1(x)))):
        t = T(X2.copy())
        assert fn(t, *args) is t
        _close(t, want)
    t = T(X2.copy())
    nn.Hardtanh(inplace=True)(t)
    _close(t, np.clip(x, -1, 1))
    for fn, want in ((F.relu, np.maximum(x, 0)), (F.silu, x * sig), (F.relu6, np.clip(x, 0, 6))):
        t = T(X2.copy())
        assert fn(t, inplace=True) is t and fn(T(X2)) is not t
        _close(t, want)
    with jax.checking_leaks():
        _grads(lambda a: F.mish(wrap(a))._arr, x)


def test_losses():
    x, t = X2.astype(np.float64), np.abs(_r.uniform(0.1, 1, (2, 3)))
    kl = t * (np.log(t) - x)
    _close(F.kl_div(T(X2), T(t.astype(np.float32))), kl.mean())
    _close(nn.KLDivLoss("batchmean")(T(X2), T(t.astype(np.float32))), kl.sum() / 2)
    _close(nn.kl_div_ext(T(X2), T(np.log(t).astype(np.float32)), "none", True), kl)
    sign = np.sign(x)
    _close(nn.SoftMarginLoss("sum")(T(X2), T(sign.astype(np.float32))), np.log1p(np.exp(-sign * x)).sum())
    y = _r.uniform(-1, 1, (2, 3))
    cos = (x * y).sum(1) / np.sqrt((x * x).sum(1) * (y * y).sum(1))
    target = np.array([1, -1], np.int32)
    _close(nn.CosineEmbeddingLoss(0.1, "none")(T(X2), T(y.astype(np.float32)), T(target)),
           [1 - cos[0], max(cos[1] - 0.1, 0)])
    _close(nn.L1Loss()(T(X2), T(y.astype(np.float32))), np.abs(x - y).mean())
    _close(nn.mse_loss_ext(T(X2), T(y.astype(np.float32))), ((x - y) ** 2).mean())
    d = np.abs(x - y)
    _close(nn.SmoothL1Loss("sum", 0.5)(T(X2), T(y.astype(np.float32))), np.where(d < 0.5, d * d, d - 0.25).sum())
    with pytest.raises(ValueError, match="reduction"):
        F.kl_div(T(X2), T(X2), "bad")
    with jax.checking_leaks():
        _grads(lambda a: F.cosine_embedding_loss(wrap(a), wrap(y), wrap(target))._arr, x)


def test_fold_unfold_pixel_shuffle_upsample():
    cols = nn.Unfold(2, padding=1)(T(X4))
    assert cols.shape == (1, 8, 36)
    back = nn.Fold((5, 5), 2, padding=1)(cols)
    counts = F.fold(F.unfold(T(np.ones_like(X4)), 2, padding=1), (5, 5), 2, padding=1)
    _close(back, X4 * counts.asnumpy())
    assert counts.asnumpy()[0, 0, 0, 0] == 4
    _close(F.fold(cols[0], (5, 5), 2, padding=1), back.asnumpy()[0])
    with jax.checking_leaks():
        _grads(lambda a: F.fold(wrap(a), (3, 3), 2)._arr, _r.uniform(-1, 1, (1, 8, 4)))
    x = _r.uniform(-1, 1, (1, 8, 2, 3)).astype(np.float32)
    want = x.reshape(1, 2, 2, 2, 2, 3).transpose(0, 1, 4, 2, 5, 3).reshape(1, 2, 4, 6)
    _close(nn.PixelShuffle(2)(T(x)), want)
    _close(nn.Upsample(scale_factor=2.0)(T(X4)), X4.repeat(2, 2).repeat(2, 3))
    _close(nn.UpsamplingNearest2d((10, 10))(T(X4)), X4.repeat(2, 2).repeat(2, 3))
    _close(F.upsample(T(X4), scale_factor=2.0), X4.repeat(2, 2).repeat(2, 3))
    _close(nn.upsample_nearest2d_op(T(X4), None, [2.0, 2.0]), X4.repeat(2, 2).repeat(2, 3))
    corners = nn.UpsamplingBilinear2d((9, 9))(T(X4)).asnumpy()
    _close(corners[..., ::2, ::2], X4)                               # align_corners=True keeps the input grid
    _close(nn.upsample_bilinear2d_op(T(X4), (9, 9), None, True), corners)


def test_dropout2d_and_flatten():
    x = np.ones((4, 8, 2, 2), np.float32)
    assert nn.Dropout2d()(T(x)).asnumpy().tolist() == x.tolist()      # eval mode: identity
    ms.set_seed(3)
    y = nn.Dropout2d(0.5).set_train(True)(T(x)).asnumpy()
    per_channel = y.reshape(4, 8, -1)
    assert set(np.unique(per_channel)) <= {0.0, 2.0} and (per_channel.min(-1) == per_channel.max(-1)).all()
    assert 0 < (per_channel[..., 0] == 0).sum() < 32
    z = F.dropout2d(T(x), 0.5).asnumpy().reshape(4, 8, -1)
    assert (z.min(-1) == z.max(-1)).all()
    _close(F.dropout2d(T(x), 0.5, training=False), x)
    assert nn.Flatten()(T(X5)).shape == (1, 96) and F.flatten(T(X5)).shape == (96,)
    assert F.flatten(T(X5), 1, 2).shape == (1, 6, 4, 4)


def test_shared_functions_and_norm_ext():
    assert F.grid_sample is ms.ops.grid_sample and F.unfold is ms.ops.unfold and F.clamp is ms.ops.clamp
    assert nn.cross_entropy is F.cross_entropy and nn.nllloss is F.nll_loss and nn.kl_div_ext is F.kl_div
    x = X2.astype(np.float64)
    _close(F.norm_ext(T(X2)), np.sqrt((x * x).sum()))
    _close(F.norm_ext(T(X2), 1, 1), np.abs(x).sum(1))
    _close(F.norm_ext(T(X2), float("inf"), dim=0, keepdim=True), np.abs(x).max(0, keepdims=True))
    _close(F.norm_ext(T(X2), "nuc"), np.linalg.norm(x, "nuc"))
