"""Gradients w.r.t. integer/bool inputs and Parameters, and the engine-side edges of the autodiff
family: the golden fixtures `tests/golden/autodiff_int_cases.py` (recorded from real MindSpore
into `autodiff_int.json` by `python -m tests.golden.record autodiff_int`) replayed under
`jax.checking_leaks()`, plus the integer rule checked against hand-written JAX."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("autodiff_int")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_autodiff_int(name):
    SUITE.check(name, ms)


def test_int_parameter_gradient_is_the_float_gradient_cast():
    """d/dw and d/db of sum(w * x * x + b) for int32 w, b: the float gradient, truncated to int32;
    no float0 anywhere, and the float gradient itself is JAX's."""

    def f(w, b, x):
        return jnp.sum(w * x * x + b)

    x = np.array([2.5, -1.75], np.float32)
    w, b = np.array([3, -2], np.int32), np.array([1, 4], np.int32)
    expected = jax.grad(f, (0, 1))(w.astype(np.float32), b.astype(np.float32), x)
    check_grads(f, (w.astype(np.float64), b.astype(np.float64), x.astype(np.float64)), order=2, modes=["rev"])

    class Net(ms.nn.Cell):
        def __init__(self):
            super().__init__()
            self.w = ms.Parameter(ms.Tensor(w), name="w")
            self.b = ms.Parameter(ms.Tensor(b), name="b")

        def construct(self, x):
            return (self.w * x * x + self.b).sum()

    net = Net()
    with jax.checking_leaks():
        for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):
            ms.set_context(mode=mode)
            try:
                gw, gb = ms.ops.GradOperation(get_by_list=True)(net, net.trainable_params())(ms.Tensor(x))
                (value, (gw2, gb2)) = ms.value_and_grad(net, None, net.trainable_params())(ms.Tensor(x))
            finally:
                ms.set_context(mode=ms.PYNATIVE_MODE)
            for g, e in ((gw, expected[0]), (gb, expected[1]), (gw2, expected[0]), (gb2, expected[1])):
                assert g.dtype == ms.int32
                np.testing.assert_array_equal(g.asnumpy(), np.asarray(e).astype(np.int32))
            np.testing.assert_allclose(value.asnumpy(), f(w, b, x), rtol=1e-6)
    assert net.w.asnumpy().tolist() == w.tolist()  # Parameters untouched


def test_int_inputs_repeat_calls_and_dtype_change():
    """A repeated call keeps integer results (no steady shortcut through a float trace), and the
    same gradient function called with int16 after int32 gives int16 gradients and values."""

    def f(a, b):
        return a * b * b

    grad_fn = ms.value_and_grad(f, (0, 1))
    with jax.checking_leaks():
        for dtype in (np.int32, np.int32, np.int16):
            a, b = ms.Tensor(np.array([3, 4], dtype)), ms.Tensor(np.array([5, -2], dtype))
            value, (ga, gb) = grad_fn(a, b)
            assert value.dtype == ga.dtype == gb.dtype == ms.dtype.from_numpy(np.dtype(dtype))
            assert value.asnumpy().tolist() == [75, 16]
            assert ga.asnumpy().tolist() == [25, 4] and gb.asnumpy().tolist() == [30, -16]


def test_int_parameter_jvp_and_float_path_unchanged():
    """ops.jvp of a function of an int32 input keeps working; a float call after int ones is unchanged."""

    def f(a):
        return a * a

    with jax.checking_leaks():
        value, tangent = ms.ops.jvp(f, ms.Tensor(np.array([3, 4], np.int32)), ms.Tensor(np.array([1, 1], np.int32)))
        assert value.asnumpy().tolist() == [9, 16]
        assert tangent.asnumpy().tolist() == [6, 8]
        g = ms.grad(f)(ms.Tensor(np.array([1.5, 2.0], np.float32)))
    assert g.dtype == ms.float32
    np.testing.assert_allclose(g.asnumpy(), [3.0, 4.0])
