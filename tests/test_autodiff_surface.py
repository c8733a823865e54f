"""Issue 16, MindSpore's wider autodiff surface: every autodiff name MindSpore 2.10 exports resolves
in mindgrad (`tests/golden/autodiff_names.json`, generated from the oracle by
`tests/golden/list_autodiff_names.py`); the golden cases `tests/golden/autodiff_surface_cases.py`
replayed (vmap, linearize / jet / derivative, nn.grad, complex, int Parameters, mutable, jit,
BatchNorm); hand-written JAX for linearize and jet (vmap: tests/test_vmap.py)."""

import functools
import importlib
import json
import math
import os

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import ops
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("autodiff_surface")
HERE = os.path.dirname(os.path.abspath(__file__))

@pytest.mark.parametrize("name", SUITE.params())
def test_golden_autodiff_surface(name):
    SUITE.check(name, ms)


def _names():
    with open(os.path.join(HERE, "golden", "autodiff_names.json")) as f:
        return json.load(f)


def test_every_autodiff_name_resolves():
    missing = []
    for namespace, names in _names().items():
        module = importlib.import_module(namespace)
        missing += [f"{namespace}.{n}" for n in names if not hasattr(module, n)]
    assert not missing


def test_spellings_are_the_same_function():
    from mindgrad.ops import functional as F
    from mindgrad.ops.function.grad import grad_func
    for name in ("grad", "value_and_grad", "vjp", "jvp", "get_grad", "jacfwd", "jacrev", "linearize", "jet",
                 "derivative"):
        assert getattr(F, name) is getattr(ops, name) is getattr(grad_func, name)
    assert F.vmap is ops.vmap is ms.vmap
    assert ms.common.mutable is ms.mutable


def _x(shape=(3, 4), seed=0, dtype=np.float64):
    return np.random.RandomState(seed).uniform(-1, 1, shape).astype(dtype)


def test_linearize_and_jet_match_jax():
    """linearize against jax.linearize; jet orders 1-4 against k nested jax.jvp of the path
    x(t) = x0 + sum x_k t^k / k! (JAX's jet convention), in float64."""
    x0 = _x((3,), seed=2)

    def f_ms(a):
        return ops.cos(a) * ops.log(a * a + 1) + a ** 3

    def f_jax(a):
        return jnp.cos(a) * jnp.log(a * a + 1) + a ** 3

    v = _x((3,), seed=3)
    out, fn = ops.linearize(f_ms, ms.Tensor(x0))
    jout, jfn = jax.linearize(f_jax, x0)
    np.testing.assert_allclose(out.asnumpy(), jout, rtol=1e-12)
    np.testing.assert_allclose(fn(ms.Tensor(v)).asnumpy(), jfn(v), rtol=1e-12)

    terms = np.stack([_x((3,), seed=10 + k) for k in range(4)])
    for order in range(1, 5):
        primal, series = ops.jet(f_ms, ms.Tensor(x0), ms.Tensor(terms[:order]))
        np.testing.assert_allclose(primal.asnumpy(), f_jax(x0), rtol=1e-12)
        np.testing.assert_allclose(series.asnumpy(), _jet_reference(f_jax, x0, terms, order), rtol=1e-10)
        _, d = ops.derivative(f_ms, ms.Tensor(x0), order)
        np.testing.assert_allclose(d.asnumpy(), _jet_reference(f_jax, x0, _ALONG_ONES, order)[-1], rtol=1e-10)


_ALONG_ONES = np.concatenate([np.ones((1, 3)), np.zeros((3, 3))])  # derivative's series: x(t) = x0 + t


@functools.partial(jax.jit, static_argnums=(0, 3))
def _jet_reference(f, x0, terms, order):
    """The first `order` derivatives at t = 0 of f(x0 + sum_k terms[k-1] t^k / k!), by nested jvp."""
    def path(t):
        return f(x0 + sum(terms[k] * t ** (k + 1) / math.factorial(k + 1) for k in range(order)))

    out, g = [], path
    for _ in range(order):
        g = (lambda h: lambda t: jax.jvp(h, (t,), (1.0,))[1])(g)
        out.append(g(0.0))
    return jnp.stack(out)


def test_complex_gradients_follow_jax():
    """Complex gradients are JAX's (the conjugate of MindSpore's dL/dx + i dL/dy)."""
    z = np.array([1 + 2j, 3 - 1j], np.complex128)
    with jax.checking_leaks():
        got = ms.grad(lambda a: (ops.real(ops.abs(a) * ops.conj(a)) + ops.angle(a)).sum())(ms.Tensor(z))
    want = jax.grad(lambda a: (jnp.real(jnp.abs(a) * jnp.conj(a)) + jnp.angle(a)).sum())(z)
    np.testing.assert_allclose(got.asnumpy(), want, rtol=1e-12)
