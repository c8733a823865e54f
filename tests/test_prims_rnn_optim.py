"""Issue 17: optimizer and recurrent Primitives. Golden cases recorded from MindSpore 2.10
(`tests/golden/prims_rnn_optim_cases.py`), plus hand-written JAX references of MindSpore's documented formulas
for the Primitives without a CPU kernel in MindSpore (`FusedWeightScaleApplyMomentum`, `ApplyKerasMomentum`)."""

import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("prims_rnn_optim")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_prims_rnn_optim(name):
    SUITE.check(name, ms)


def _param(values, name):
    return ms.Parameter(ms.Tensor(np.asarray(values, np.float32)), name=name)


def test_fused_weight_scale_apply_momentum_documented_formula():
    """No CPU kernel in MindSpore: its documented (GPU) formula, momentum on `grad * scale + weight_decay * var`."""
    var0, acc0, grad = np.float32([[1.0, -2.0]]), np.float32([[0.5, 0.25]]), np.float32([[0.2, -0.4]])
    var, acc = _param(var0, "v"), _param(acc0, "a")
    out = ms.ops.FusedWeightScaleApplyMomentum()(ms.Tensor(np.float32(0.01)), ms.Tensor(np.float32(0.5)), var, acc,
                                                  ms.Tensor(np.float32(0.1)), ms.Tensor(grad),
                                                  ms.Tensor(np.float32(0.9)))
    want_acc = 0.9 * acc0 + grad * 0.5 + 0.01 * var0
    want_var = var0 - 0.1 * want_acc
    np.testing.assert_allclose(acc.asnumpy(), want_acc, rtol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), want_var, rtol=1e-6)
    np.testing.assert_allclose(out.asnumpy(), want_var, rtol=1e-6)


@pytest.mark.parametrize("nesterov", [False, True])
def test_apply_keras_momentum_documented_formula(nesterov):
    """No CPU kernel in MindSpore (Ascend only): its documented formula."""
    var0, acc0, grad = np.float32([1.0, -2.0, 3.0]), np.float32([0.5, 0.25, 0.0]), np.float32([0.2, -0.4, 1.0])
    var, acc = _param(var0, "v"), _param(acc0, "a")
    out = ms.ops.ApplyKerasMomentum(use_nesterov=nesterov)(var, acc, 0.1, ms.Tensor(grad), 0.9)
    want_acc = 0.9 * acc0 - 0.1 * grad
    want_var = var0 + (0.9 * want_acc - 0.1 * grad if nesterov else want_acc)
    np.testing.assert_allclose(out[0].asnumpy(), want_var, rtol=1e-6)
    np.testing.assert_allclose(out[1].asnumpy(), want_acc, rtol=1e-6)
    np.testing.assert_allclose(var.asnumpy(), want_var, rtol=1e-6)


# ---------------------------------------------------------------------------------------------------------------
# DynamicRNN / DynamicGRUV2: Ascend-only in MindSpore, so no golden values; checked against hand-written NumPy of
# MindSpore's documented equations (gate order i, j, f, o for DynamicRNN; rzh / zrh for DynamicGRUV2).
# ---------------------------------------------------------------------------------------------------------------

def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _dynamic_rnn_reference(x, w, b, h, c, forget_bias):
    hidden = h.shape[-1]
    outs = []
    for x_t in x:
        gates = np.concatenate([x_t, h], axis=1) @ w + b
        i, j, f, o = (gates[:, k * hidden:(k + 1) * hidden] for k in range(4))
        i, j, f, o = _sigmoid(i), np.tanh(j), _sigmoid(f + forget_bias), _sigmoid(o)
        c = f * c + i * j
        h = o * np.tanh(c)
        outs.append((h, h, c, i, j, f, o, np.tanh(c)))
    return [np.stack(t) for t in zip(*outs, strict=True)]


def _rnn_inputs(seed, steps=3, batch=2, input_size=3, hidden=4):
    rs = np.random.RandomState(seed)
    x = rs.uniform(-1, 1, (steps, batch, input_size)).astype(np.float16)
    w = rs.uniform(-0.5, 0.5, (input_size + hidden, 4 * hidden)).astype(np.float16)
    b = rs.uniform(-0.5, 0.5, (4 * hidden,)).astype(np.float16)
    h = rs.uniform(-0.5, 0.5, (1, batch, hidden)).astype(np.float16)
    c = rs.uniform(-0.5, 0.5, (1, batch, hidden)).astype(np.float16)
    return x, w, b, h, c


@pytest.mark.parametrize("forget_bias", [0.0, 1.0])
def test_dynamic_rnn_documented_formula(forget_bias):
    x, w, b, h, c = _rnn_inputs(0)
    out = ms.ops.DynamicRNN(forget_bias=forget_bias)(*(ms.Tensor(a) for a in (x, w, b)), None,
                                                     ms.Tensor(h), ms.Tensor(c))
    want = _dynamic_rnn_reference(*(a.astype(np.float32) for a in (x, w, b)), h[0].astype(np.float32),
                                  c[0].astype(np.float32), forget_bias)
    assert len(out) == 8
    assert [o.dtype for o in out] == [ms.float16] * 8
    for got, ref in zip(out, want, strict=True):
        assert got.shape == (3, 2, 4)
        np.testing.assert_allclose(got.asnumpy().astype(np.float32), ref, atol=2e-3)


def test_dynamic_rnn_float32_bias_and_errors():
    x, w, b, h, c = _rnn_inputs(1)
    out = ms.ops.DynamicRNN()(ms.Tensor(x), ms.Tensor(w), ms.Tensor(b.astype(np.float32)), None, ms.Tensor(h),
                              ms.Tensor(c))
    assert out[0].dtype == ms.float32 and out[1].dtype == ms.float16
    with pytest.raises(TypeError, match="'x'"):
        ms.ops.DynamicRNN()(ms.Tensor(x.astype(np.float32)), ms.Tensor(w), ms.Tensor(b), None, ms.Tensor(h),
                            ms.Tensor(c))
    with pytest.raises(ValueError, match="'w'"):
        ms.ops.DynamicRNN()(ms.Tensor(x), ms.Tensor(w[1:]), ms.Tensor(b), None, ms.Tensor(h), ms.Tensor(c))
    with pytest.raises(NotImplementedError, match="use_peephole"):
        ms.ops.DynamicRNN(use_peephole=True)


def _gru_reference(x, w_i, w_h, b_i, b_h, h, gate_order, reset_after):
    hidden = h.shape[-1]

    def split(a):
        parts = [a[..., k * hidden:(k + 1) * hidden] for k in range(3)]
        return parts if gate_order == "rzh" else [parts[1], parts[0], parts[2]]

    outs = []
    for x_t in x:
        xr, xz, xn = split(x_t @ w_i + b_i)
        hr, hz, hn = split(h @ w_h + b_h)
        r, z = _sigmoid(xr + hr), _sigmoid(xz + hz)
        if not reset_after:
            hn = (r * h) @ split(w_h)[2] + split(b_h)[2]
            n = np.tanh(xn + hn)
        else:
            n = np.tanh(xn + r * hn)
        h = (1 - z) * n + z * h
        outs.append((h, h, z, r, n, hn))
    return [np.stack(t) for t in zip(*outs, strict=True)]


@pytest.mark.parametrize("gate_order,reset_after", [("rzh", True), ("zrh", True), ("rzh", False)])
def test_dynamic_gru_v2_documented_formula(gate_order, reset_after):
    rs = np.random.RandomState(2)
    steps, batch, input_size, hidden = 3, 2, 3, 4
    x = rs.uniform(-1, 1, (steps, batch, input_size)).astype(np.float16)
    w_i = rs.uniform(-0.5, 0.5, (input_size, 3 * hidden)).astype(np.float16)
    w_h = rs.uniform(-0.5, 0.5, (hidden, 3 * hidden)).astype(np.float16)
    b_i, b_h = (rs.uniform(-0.5, 0.5, (3 * hidden,)).astype(np.float32) for _ in range(2))
    h = rs.uniform(-0.5, 0.5, (batch, hidden)).astype(np.float32)
    op = ms.ops.DynamicGRUV2(gate_order=gate_order, reset_after=reset_after)
    out = op(*(ms.Tensor(a) for a in (x, w_i, w_h, b_i, b_h)), None, ms.Tensor(h))
    want = _gru_reference(x.astype(np.float32), w_i.astype(np.float32), w_h.astype(np.float32), b_i, b_h, h,
                          gate_order, reset_after)
    assert len(out) == 6
    for got, ref in zip(out, want, strict=True):
        assert got.dtype == ms.float32 and got.shape == (steps, batch, hidden)
        np.testing.assert_allclose(got.asnumpy(), ref, atol=1e-5)


def test_dynamic_gru_v2_no_bias_dtype_and_errors():
    rs = np.random.RandomState(3)
    x = rs.uniform(-1, 1, (2, 1, 2)).astype(np.float16)
    w_i, w_h = rs.uniform(-1, 1, (2, 6)).astype(np.float16), rs.uniform(-1, 1, (2, 6)).astype(np.float16)
    h = np.zeros((1, 2), np.float16)
    out = ms.ops.DynamicGRUV2()(ms.Tensor(x), ms.Tensor(w_i), ms.Tensor(w_h), None, None, None, ms.Tensor(h))
    assert out[0].dtype == ms.float16
    with pytest.raises(TypeError, match="'weight_input'"):
        ms.ops.DynamicGRUV2()(ms.Tensor(x), ms.Tensor(w_i.astype(np.float32)), ms.Tensor(w_h), None, None, None,
                              ms.Tensor(h))


def test_recurrent_primitive_gradients():
    """check_grads in float64 for ops.LSTM (output, h_n, c_n w.r.t. x, h, c, w); DynamicRNN's gradient (float16
    inputs) against jax.grad of the reference equations."""
    import jax
    import jax.numpy as jnp
    from jax.test_util import check_grads

    from mindgrad.common.tensor import wrap

    rs = np.random.RandomState(4)
    op = ms.ops.LSTM(2, 2, 1, True, True, 0.0)
    args = (rs.uniform(-1, 1, (2, 2, 2)), rs.uniform(-0.5, 0.5, (2, 2, 2)), rs.uniform(-0.5, 0.5, (2, 2, 2)),
            rs.uniform(-0.5, 0.5, (96, 1, 1)))

    @jax.jit
    def lstm(*arrays):
        return [o._arr for o in op(*(wrap(a) for a in arrays))[:3]]

    with jax.checking_leaks():
        check_grads(lstm, tuple(jnp.asarray(a) for a in args), order=1, modes=("rev",), atol=1e-4, rtol=1e-4)

    x, w, b, h, c = _rnn_inputs(5)

    def loss(w_arr):
        out = ms.ops.DynamicRNN()(ms.Tensor(x), wrap(w_arr), ms.Tensor(b), None, ms.Tensor(h), ms.Tensor(c))
        return out[0]._arr.astype(jnp.float32).sum()

    def reference(w_arr):
        hidden, h_t, c_t = 4, h[0].astype(np.float32), c[0].astype(np.float32)
        total = 0.0
        for x_t in x.astype(np.float32):
            gates = jnp.concatenate([x_t, h_t], axis=1) @ w_arr + b.astype(np.float32)
            i, j, f, o = (gates[:, k * hidden:(k + 1) * hidden] for k in range(4))
            c_t = jax.nn.sigmoid(f) * c_t + jax.nn.sigmoid(i) * jnp.tanh(j)
            h_t = jax.nn.sigmoid(o) * jnp.tanh(c_t)
            total = total + h_t.sum()
        return total

    got = jax.grad(loss)(jnp.asarray(w))
    want = jax.grad(reference)(jnp.asarray(w, jnp.float32))
    assert got.dtype == jnp.float16
    np.testing.assert_allclose(np.asarray(got, np.float32), np.asarray(want), atol=2e-2)
