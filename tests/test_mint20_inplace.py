"""In-place updates of a compiled call's input Tensors reach the caller's Tensors (golden: MindSpore under `ms.jit`
and GRAPH_MODE), the mint activation layers with `inplace=True`, and mint convolutions' "same"/"valid" padding with
a `padding_mode`. MindSpore's CPU build has no kernels for the in-place activations nor for mint's Conv*dExt, so
those values are checked against hand-written JAX of MindSpore's documented semantics (the layer's function
written into its input; the input padded by `padding_mode`, dilation * (kernel - 1) per axis with the smaller half
first for "same", then an unpadded convolution)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from replay import suite  # tests/golden, on sys.path from conftest.py

import mindgrad as ms
from mindgrad import mint, nn

S = suite("mint20")


@pytest.mark.parametrize("name", S.params())
def test_golden(name):
    S.check(name, ms)


X = np.array([-2.0, -0.5, 0.3, 1.5, 7.0], np.float32)
ACTS = [(mint.nn.ReLU6, (), lambda a: np.clip(a, 0, 6)),
        (mint.nn.ELU, (1.0,), lambda a: np.where(a > 0, a, np.expm1(a))),
        (mint.nn.Hardtanh, (-1.0, 1.0), lambda a: np.clip(a, -1, 1)),
        (mint.nn.Threshold, (0.5, -2.0), lambda a: np.where(a > 0.5, a, -2.0)),
        (mint.nn.SiLU, (), lambda a: a / (1 + np.exp(-a)))]


class _Twice(nn.Cell):
    def __init__(self, act):
        super().__init__()
        self.act = act

    def construct(self, x):
        return self.act(x) * 2


@pytest.mark.parametrize("layer, args, ref", ACTS, ids=[a[0].__name__ for a in ACTS])
def test_inplace_activation_writes_the_callers_tensor(layer, args, ref):
    want = ref(X)
    for mode in ("pynative", "jit", "graph"):
        x = ms.Tensor(X)
        net = _Twice(layer(*args, inplace=True))
        if mode == "graph":
            ms.set_context(mode=ms.GRAPH_MODE)
            try:
                out = net(x)
            finally:
                ms.set_context(mode=ms.PYNATIVE_MODE)
        else:
            out = (ms.jit(net.construct) if mode == "jit" else net)(x)
        np.testing.assert_allclose(x.asnumpy(), want, rtol=1e-6, err_msg=mode)
        np.testing.assert_allclose(out.asnumpy(), want * 2, rtol=1e-6, err_msg=mode)
        y = ms.Tensor(X)
        alone = layer(*args, inplace=True)
        assert alone(y) is not None and np.allclose(y.asnumpy(), want)  # the layer called directly
    x = ms.Tensor(X)
    np.testing.assert_allclose(layer(*args)(x).asnumpy(), want, rtol=1e-6)
    np.testing.assert_array_equal(x.asnumpy(), X)  # inplace=False leaves the input


def test_inplace_write_back_in_a_gradient_call_and_of_an_integer_input():
    def f(x, i):
        i.add_(1)
        x.mul_(3.0)
        return (x * x).sum()

    x, i = ms.Tensor(np.array([1.0, 2.0], np.float32)), ms.Tensor(np.array([4, 5], np.int32))
    with jax.checking_leaks():
        loss, g = ms.value_and_grad(f)(x, i)
    assert i.dtype == ms.int32 and i.asnumpy().tolist() == [5, 6]
    np.testing.assert_allclose(x.asnumpy(), [3.0, 6.0])
    np.testing.assert_allclose(loss.asnumpy(), 45.0)
    np.testing.assert_allclose(g.asnumpy(), [18.0, 36.0])  # d/dx of (3x)^2
    for _ in range(2):  # repeated calls keep writing back (no steady shortcut past it)
        out = ms.jit(lambda t: t.add_(1.0) * 1)(x)
    np.testing.assert_allclose([x.asnumpy(), out.asnumpy()], [[5.0, 8.0], [5.0, 8.0]])


_XC = (np.arange(2 * 2 * 5 * 6, dtype=np.float32).reshape(2, 2, 5, 6) % 7 - 3) / 3


def test_string_padding_with_a_padding_mode():
    def ref(conv, x, pads, mode):
        jax_mode = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
        xp = jnp.pad(x, ((0, 0), (0, 0)) + pads, mode=jax_mode)
        y = jax.lax.conv_general_dilated(xp, conv.weight._arr, (1,) * len(pads), "VALID", rhs_dilation=conv.dilation)
        return y + conv.bias._arr.reshape((-1,) + (1,) * len(pads))

    cases = [(mint.nn.Conv2d(2, 3, (2, 4), padding="same", padding_mode="reflect", dilation=(2, 1)), _XC,
              ((1, 1), (1, 2))),
             (mint.nn.Conv1d(2, 3, 4, padding="same", padding_mode="circular"), _XC[:, :, 0], ((1, 2),)),
             (mint.nn.Conv2d(2, 3, 3, padding="valid", padding_mode="replicate"), _XC, ((0, 0), (0, 0)))]
    for conv, x, pads in cases:
        y = conv(ms.Tensor(x))
        np.testing.assert_allclose(y.asnumpy(), ref(conv, x, pads, conv.padding_mode), rtol=1e-5, atol=1e-5)
    assert y.shape == (2, 3, 3, 4)
