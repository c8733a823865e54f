"""`mindgrad.numpy` (MindSpore's `mindspore.numpy`): names and parameters, compiled use, gradients, vmap, seeding.

Values, dtypes, errors and gradients of each function are checked against MindSpore's recordings in the
op database suites `numpy_a` / `numpy_b` (tests/test_opdb.py).
"""

import json
import os

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.test_util import check_grads

import mindgrad as ms
import mindgrad.numpy as mnp
from mindgrad.common.tensor import wrap

NAMES = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "numpy_names.json")))
X = np.random.RandomState(0).uniform(0.5, 2.0, (2, 3)).astype(np.float32)


def test_every_mindspore_numpy_name_exists():
    missing = [n for n in NAMES["all"] + NAMES["extra"] if not hasattr(mnp, n)]
    assert not missing
    assert ms.numpy is mnp


def test_parameters_are_mindspore_s():
    import inspect

    def params(fn):
        return [[p.name, repr(p.default) if p.default is not p.empty else None, str(p.kind)]
                for p in inspect.signature(fn).parameters.values()]

    differ = {n: params(getattr(mnp, n)) for n, expected in NAMES["parameters"].items()
              if params(getattr(mnp, n)) != expected}
    assert not differ


def test_keyword_arguments_and_bad_input():
    x = mnp.array([[1.0, -2.0], [3.0, 4.0]])
    assert mnp.add(x1=x, x2=1, dtype=mnp.float16).dtype == ms.float16
    assert mnp.sum(x, axis=0, keepdims=True).shape == (1, 2)
    with pytest.raises(TypeError, match="'x'"):
        mnp.sin(np.ones(2))
    with pytest.raises(ValueError, match="'axis'"):
        mnp.sum(x, axis=2)
    with pytest.raises(TypeError, match="'shape'"):
        mnp.zeros((2, 1.5))
    with pytest.raises(ValueError, match="'shape'"):
        mnp.ones(-1)
    with pytest.raises(TypeError, match="'dtype'"):
        mnp.ones(2, "float32x")
    with pytest.raises(ValueError, match="'numpy.add'"):
        mnp.add(x, mnp.ones(3))


def test_gradients_where_mindspore_fails():
    """MindSpore 2.10's CPU gradient of ReverseV2 fails, so the op database records `_quirk` cases for the
    gradients of flip, flipud, rot90 and reflect padding; here they are checked analytically and numerically."""
    a = np.random.RandomState(2).standard_normal((2, 3, 4))
    w = np.random.RandomState(3).standard_normal((2, 3, 4)).astype(np.float32)
    t = ms.Tensor(a.astype(np.float32))
    g = ms.grad(lambda x: mnp.sum(mnp.flip(x, (0, 2)) * ms.Tensor(w)))(t)
    np.testing.assert_array_equal(g.asnumpy(), np.flip(w, (0, 2)))
    g = ms.grad(lambda x: mnp.sum(mnp.rot90(x, 1, (1, 2)) * ms.Tensor(np.rot90(w, 1, (1, 2)).copy())))(t)
    np.testing.assert_array_equal(g.asnumpy(), w)
    for fn in (mnp.flipud, lambda x: mnp.pad(x, 2, "reflect"), lambda x: mnp.pad(x, 1, "symmetric")):
        with jax.checking_leaks():
            check_grads(lambda arr, fn=fn: fn(wrap(arr))._arr, (jnp.asarray(a),), order=1, modes=("rev",))


def _loss(x):
    y = mnp.concatenate((mnp.tile(x, (1, 2)), mnp.stack((x, x), axis=0).reshape(2, -1)), axis=1)
    return mnp.sum(mnp.log(y) * mnp.sqrt(y)) + mnp.mean(mnp.flip(mnp.where(x > 1, x, mnp.square(x)), 0))


def test_grad_through_mnp_code():
    x = ms.Tensor(X)
    with jax.checking_leaks():
        g = ms.grad(_loss)(x)
    ref = jax.grad(lambda a: _loss(wrap(a))._arr)(jnp.asarray(X, jnp.float64))
    np.testing.assert_allclose(g.asnumpy(), np.asarray(ref), rtol=1e-5)
    dy = 4 * (np.log(X) + 2) / (2 * np.sqrt(X))  # d/dy [y log y^.5 ...] summed over the 4 copies of each x
    dwhere = np.where(X > 1, 1.0, 2 * X) / X.size
    np.testing.assert_allclose(g.asnumpy(), dy * 1 + dwhere, rtol=1e-5)


def test_compiled_calls_give_eager_results():
    x = ms.Tensor(X)
    eager = _loss(x).asnumpy()
    np.testing.assert_allclose(ms.jit(_loss)(x).asnumpy(), eager, rtol=1e-6)

    class Net(ms.nn.Cell):
        def construct(self, a):
            return mnp.matmul(a, mnp.transpose(a)) + mnp.eye(2) * mnp.arange(2)

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        out = Net()(x).asnumpy()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_allclose(out, X @ X.T + np.eye(2) * np.arange(2), rtol=1e-6)


def test_vmap():
    xs = np.random.RandomState(1).uniform(0.5, 2.0, (4, 2, 3)).astype(np.float32)
    pure = jax.vmap(lambda a: _loss(wrap(a))._arr)
    expected = np.array([_loss(ms.Tensor(x)).asnumpy() for x in xs])
    np.testing.assert_allclose(np.asarray(pure(jnp.asarray(xs))), expected, rtol=1e-5)
    np.testing.assert_allclose(ms.vmap(_loss)(ms.Tensor(xs)).asnumpy(), expected, rtol=1e-5)


def test_random_functions_follow_set_seed():
    ms.set_seed(7)
    first = (mnp.randn(2, 3), mnp.rand((3,)), mnp.randint(1, 5, (4,)), mnp.randint(3, shape=2))
    ms.set_seed(7)
    again = (mnp.randn(2, 3), mnp.rand((3,)), mnp.randint(1, 5, (4,)), mnp.randint(3, shape=2))
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a.asnumpy(), b.asnumpy())
    assert [str(a.dtype) for a in first] == ["Float32", "Float32", "Int32", "Int32"]
    assert not np.array_equal(mnp.randn(2, 3).asnumpy(), first[0].asnumpy())
    r = first[2].asnumpy()
    assert ((r >= 1) & (r < 5)).all() and ((first[1].asnumpy() >= 0) & (first[1].asnumpy() < 1)).all()
    assert mnp.randn(2, dtype=ms.float16).dtype == ms.float16
