"""`ops.vmap` against hand-written `jax.vmap`: a Cell's Parameters unbatched and read afresh each call,
gradients through vmap (`check_grads` in float64), GRAPH_MODE and `ms.jit`, one compile per call
signature. MindSpore's own results and errors: tests/golden/autodiff_surface_cases.py (`vmap_*`)."""

import jax
import jax.numpy as jnp
import numpy as np
from jax.test_util import check_grads

import mindgrad as ms
from mindgrad import ops


def _x(shape, seed=0, dtype=np.float64):
    return np.random.RandomState(seed).uniform(-1, 1, shape).astype(dtype)


class _Net(ms.nn.Cell):
    def __init__(self, w):
        super().__init__()
        self.w = ms.Parameter(ms.Tensor(w), name="w")

    def construct(self, x):
        return ops.sin(ops.matmul(x, self.w))


def test_vmap_matches_jax_and_check_grads():
    """vmap of a Cell with an unbatched Parameter, against hand-written jax.vmap; its gradient checked
    numerically in float64 (through ms.grad of the vmapped function)."""
    w0 = _x((4, 2), seed=1)
    net = _Net(w0)
    x = _x((5, 3, 4))
    got = ops.vmap(net, in_axes=1, out_axes=0)(ms.Tensor(x))
    want = jax.vmap(lambda r: jnp.sin(r @ w0), in_axes=1, out_axes=0)(x)
    np.testing.assert_allclose(got.asnumpy(), want, rtol=1e-12)

    def loss_arrays(xa):
        return ops.vmap(net, in_axes=1)(ms.Tensor(xa)).sum()._arr

    with jax.checking_leaks():
        g = ms.grad(lambda t: ops.vmap(net, in_axes=1)(t).sum())(ms.Tensor(x))
    np.testing.assert_allclose(g.asnumpy(), jax.grad(lambda a: jnp.sin(jnp.einsum("ibj,jk->bik", a, w0)).sum())(x),
                               rtol=1e-12)
    check_grads(loss_arrays, (x,), order=1, modes=("rev",))


def test_vmap_compiles_once_per_signature():
    from mindgrad._engine import cache
    f = ops.vmap(lambda a, b: a * b + 1, in_axes=(0, None))
    x, y = ms.Tensor(_x((3, 4), dtype=np.float32)), ms.Tensor(_x((4,), dtype=np.float32))
    f(x, y)
    before = cache.trace_count()
    for _ in range(3):
        out = f(x, y)
    assert cache.trace_count() == before
    np.testing.assert_allclose(out.asnumpy(), x.asnumpy() * y.asnumpy() + 1, rtol=1e-6)


def test_vmap_reads_parameters_afresh_and_runs_in_graph_mode_and_jit():
    w0, w1 = _x((4, 2), seed=1, dtype=np.float32), _x((4, 2), seed=2, dtype=np.float32)
    net = _Net(w0)
    x = _x((3, 5, 4), dtype=np.float32)
    f = ops.vmap(net, in_axes=0)
    np.testing.assert_allclose(f(ms.Tensor(x)).asnumpy(), np.sin(x @ w0), rtol=1e-5)
    net.w.set_data(ms.Tensor(w1))
    np.testing.assert_allclose(f(ms.Tensor(x)).asnumpy(), np.sin(x @ w1), rtol=1e-5)

    @ms.jit
    def jitted(a):
        return ops.vmap(net, in_axes=1, out_axes=1)(a)

    np.testing.assert_allclose(jitted(ms.Tensor(x)).asnumpy(), np.sin(x @ w1), rtol=1e-5)
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        with jax.checking_leaks():
            g = ms.grad(lambda a: ops.vmap(net)(a).sum(), None, net.trainable_params())(ms.Tensor(x))
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    want = jax.grad(lambda w: jnp.sin(x @ w).sum())(w1)
    np.testing.assert_allclose(g[0].asnumpy(), want, rtol=1e-5)
