"""Session 8's tail of `ops` functions (tailfn) where MindSpore 2.10's CPU build cannot be recorded: no CPU kernel
for `rotary_position_embedding`, `ops.function.nn_func.conv_transpose2d` or `pad_ext`'s padding modes (checked
against NumPy of MindSpore's documented semantics), and the seeded draws of `shuffle` (checked by their properties;
`dropout2d`'s are golden property cases). The other names are golden cases in tests/golden/tailfn_cases.py
(replayed by tests/test_opdb.py)."""

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import ops

RS = np.random.RandomState(5)


def _rope_numpy(x, cos, sin, mode):
    if mode == 0:  # rotate_half (GPT-NeoX): (x1, x2) -> (-x2, x1)
        half = x.shape[-1] // 2
        turned = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    else:  # rotate_interleaved (GPT-J): pairs (a, b) -> (-b, a)
        turned = np.empty_like(x)
        turned[..., 0::2], turned[..., 1::2] = -x[..., 1::2], x[..., 0::2]
    return x * cos + turned * sin


@pytest.mark.parametrize("mode", [0, 1])
def test_rotary_position_embedding_matches_the_documented_formula(mode):
    x = RS.randn(2, 3, 4, 6).astype(np.float32)
    angles = RS.uniform(0, 3, (1, 1, 4, 6)).astype(np.float32)
    cos, sin = np.cos(angles), np.sin(angles)
    out = ops.rotary_position_embedding(ms.Tensor(x), ms.Tensor(cos), ms.Tensor(sin), mode)
    assert out.dtype == ms.float32 and out.shape == (2, 3, 4, 6)
    np.testing.assert_allclose(out.asnumpy(), _rope_numpy(x, cos, sin, mode), rtol=1e-6, atol=1e-6)


def test_rotary_position_embedding_gradients():
    from jax.test_util import check_grads

    from mindgrad.common.tensor import wrap
    x, c, s = (RS.randn(1, 2, 3, 4) for _ in range(3))
    for mode in (0, 1):
        def f(a, cos, sin, mode=mode):
            return ops.rotary_position_embedding(wrap(a), wrap(cos), wrap(sin), mode)._arr
        with jax.checking_leaks():
            check_grads(jax.jit(f), (x, c, s), order=1, modes=("rev",))


def test_column_stack_gradients():
    from jax.test_util import check_grads

    from mindgrad.common.tensor import wrap

    def f(a, b, c):
        return ops.column_stack([wrap(a), wrap(b), wrap(c)])._arr

    with jax.checking_leaks():
        check_grads(f, (RS.randn(3), RS.randn(3, 2), RS.randn(3)), order=1, modes=("rev",))


def test_rotary_position_embedding_argument_errors():
    x = ms.Tensor(np.ones((1, 1, 2, 4), np.float32))
    with pytest.raises(TypeError, match="mode"):
        ops.rotary_position_embedding(x, x, x, 1.0)
    with pytest.raises(TypeError, match="cos"):
        ops.rotary_position_embedding(x, x.astype(ms.float16), x)
    with pytest.raises(ValueError, match="even"):
        ops.rotary_position_embedding(x[..., :3], x[..., :3], x[..., :3])
    with pytest.raises(TypeError):
        ops.rotary_position_embedding(np.ones((1, 1, 2, 4)), x, x)


def test_pad_ext_constant_mode_against_numpy():
    pad_ext = ops.function.nn_func.pad_ext
    x = RS.randn(2, 3, 4).astype(np.float32)
    out = pad_ext(ms.Tensor(x), (1, 2, 0, 1), value=2.5)
    np.testing.assert_array_equal(out.asnumpy(), np.pad(x, [(0, 0), (0, 1), (1, 2)], constant_values=2.5))
    cropped = pad_ext(ms.Tensor(x), (-1, 1))
    np.testing.assert_array_equal(cropped.asnumpy(), np.pad(x, [(0, 0), (0, 0), (0, 1)])[..., 1:])
    with pytest.raises(TypeError, match="input"):
        pad_ext(x, (1, 1))


@pytest.mark.parametrize("mode, np_mode", [("reflect", "reflect"), ("replicate", "edge"), ("circular", "wrap")])
def test_pad_ext_padding_modes_against_numpy(mode, np_mode):
    x = RS.randn(2, 3, 4).astype(np.float32)
    out = ops.function.nn_func.pad_ext(ms.Tensor(x), (1, 2, 2, 1), mode)
    np.testing.assert_array_equal(out.asnumpy(), np.pad(x, [(0, 0), (2, 1), (1, 2)], mode=np_mode))


def _conv_transpose2d_numpy(x, w, b, stride, padding, output_padding, dilation):
    n, cin, h, wd = x.shape
    cout, kh, kw = w.shape[1], w.shape[2], w.shape[3]
    full = np.zeros((n, cout, (h - 1) * stride + dilation * (kh - 1) + 1 + output_padding,
                     (wd - 1) * stride + dilation * (kw - 1) + 1 + output_padding), np.float64)
    for i in range(h):
        for j in range(wd):
            for a in range(kh):
                for c in range(kw):
                    full[:, :, i * stride + a * dilation, j * stride + c * dilation] += x[:, :, i, j] @ w[:, :, a, c]
    out = full[:, :, padding:full.shape[2] - padding, padding:full.shape[3] - padding]
    return out + (0 if b is None else b[None, :, None, None])


@pytest.mark.parametrize("stride, padding, output_padding, dilation, bias", [(1, 0, 0, 1, False), (2, 1, 1, 1, True),
                                                                               (2, 0, 0, 2, True)])
def test_nn_func_conv_transpose2d_against_numpy(stride, padding, output_padding, dilation, bias):
    x = RS.randn(2, 3, 3, 4).astype(np.float32)
    w = RS.randn(3, 2, 2, 3).astype(np.float32)
    b = RS.randn(2).astype(np.float32) if bias else None
    out = ops.function.nn_func.conv_transpose2d(ms.Tensor(x), ms.Tensor(w), None if b is None else ms.Tensor(b),
                                                stride, padding, output_padding, 1, dilation)
    np.testing.assert_allclose(out.asnumpy(), _conv_transpose2d_numpy(x, w, b, stride, padding, output_padding,
                                                                      dilation), rtol=1e-5, atol=1e-5)


def test_shuffle_permutes_rows_and_repeats_with_the_seed():
    x = ms.Tensor(np.arange(20, dtype=np.int32).reshape(10, 2))
    ms.set_seed(3)
    first = ops.shuffle(x, seed=1).asnumpy()
    ms.set_seed(3)
    again = ops.shuffle(x, seed=1).asnumpy()
    np.testing.assert_array_equal(first, again)
    assert first.dtype == np.int32 and sorted(first[:, 0].tolist()) == list(range(0, 20, 2))
    np.testing.assert_array_equal(first[:, 1] - first[:, 0], np.ones(10))
    assert not (first == x.asnumpy()).all()


def test_nn_func_paths():
    from mindgrad.mint.nn import functional as mint_f
    assert ops.function.nn_func.conv_transpose2d is mint_f.conv_transpose2d
    assert ops.function.softmin is ops.softmin is ops.functional.softmin
    assert "linear" not in ops.function.__all__ and "pad_ext" not in ops.function.__all__


def test_max_pool3d_indices_under_jit_and_grad():
    x = RS.randn(1, 1, 3, 3, 3).astype(np.float32)

    def f(a):
        out, idx = ops.max_pool3d(ms.Tensor(a), 2, 1, return_indices=True)
        return out._arr.sum(), idx._arr

    with jax.checking_leaks():
        (total, idx), g = jax.jit(jax.value_and_grad(f, has_aux=True))(x)
    flat = x.reshape(-1)
    np.testing.assert_allclose(float(total), flat[np.asarray(idx)].sum(), rtol=1e-6)
    assert float(np.asarray(g).sum()) == 8.0
