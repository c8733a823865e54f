"""The Tensor API of spec section 2.8: construction, attributes, methods, indexing, operators, promotion.

* `test_golden_tensor_api`: the ``case_tensor_*`` cases of ``tests/golden/ops_cases.py`` replayed
  against MindSpore 2.10's recorded results (``ops.json``), as in ``test_ops.py``.
* Indexing and item assignment against NumPy on random shapes and indices (hypothesis), and their
  gradients against `jax.vjp` of the same NumPy-style indexing.
* Methods are the functional ops: each returns what `ops.<name>` returns.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mindgrad as ms
from mindgrad import ops
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("ops")


@pytest.mark.parametrize("name", SUITE.params("tensor_"))
def test_golden_tensor_api(name):
    SUITE.check(name, ms)


@st.composite
def _index_case(draw):
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    items = []
    for size in shape:
        kind = draw(st.sampled_from(["int", "slice", "all", "none", "list"]))
        if kind == "int":
            items.append(draw(st.integers(-size, size - 1)))
        elif kind == "slice":
            start, stop = draw(st.integers(-size, size)), draw(st.integers(-size, size))
            items.append(slice(start, stop, draw(st.sampled_from([1, 2, -1]))))
        elif kind == "none":
            items.extend([None, slice(None)])
        elif kind == "list":
            items.append(draw(st.lists(st.integers(0, size - 1), min_size=1, max_size=3)))
        else:
            items.append(slice(None))
    if draw(st.booleans()) and len(items) > 1:
        items = [Ellipsis] + items[1:]
    n_lists = sum(isinstance(i, list) for i in items)
    if n_lists > 1:  # NumPy would broadcast several lists together; keep one
        first = next(k for k, i in enumerate(items) if isinstance(i, list))
        items = [i if not isinstance(i, list) or k == first else slice(None) for k, i in enumerate(items)]
    return shape, tuple(items)


def _as_mindgrad(index):
    return tuple(ms.Tensor(np.array(i, np.int32)) if isinstance(i, list) else i for i in index)


@settings(max_examples=20, deadline=None)
@given(_index_case())
def test_getitem_matches_numpy(case):
    shape, index = case
    x = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    np_index = tuple(np.array(i) if isinstance(i, list) else i for i in index)
    got = ms.Tensor(x)[_as_mindgrad(index)]
    np.testing.assert_array_equal(got.asnumpy(), x[np_index])


@settings(max_examples=20, deadline=None)
@given(_index_case(), st.floats(-5, 5, width=32))
def test_setitem_matches_numpy_and_aliases_see_it(case, value):
    shape, index = case
    x = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    np_index = tuple(np.array(i) if isinstance(i, list) else i for i in index)
    t = ms.Tensor(x)
    alias = t
    t[_as_mindgrad(index)] = value
    x[np_index] = value
    np.testing.assert_array_equal(alias.asnumpy(), x)


@settings(max_examples=10, deadline=None)
@given(_index_case())
def test_getitem_gradient_is_the_scatter_of_the_cotangent(case):
    shape, index = case
    x = np.random.RandomState(0).standard_normal(shape).astype(np.float32)
    np_index = tuple(jnp.asarray(i) if isinstance(i, list) else i for i in index)
    (grad,) = ms.ops.GradOperation(get_all=True)(lambda a: a[_as_mindgrad(index)] * 2.0)(ms.Tensor(x))
    expected = jax.grad(lambda a: (a[np_index] * 2.0).sum())(jnp.asarray(x))
    np.testing.assert_allclose(grad.asnumpy(), np.asarray(expected))


def test_bool_mask_and_tensor_index():
    x = ms.Tensor(np.arange(12, dtype=np.float32).reshape(3, 4))
    mask = x > 5
    assert x[mask].tolist() == [6.0, 7.0, 8.0, 9.0, 10.0, 11.0]
    assert x[ms.Tensor(np.array([2, 0]))].shape == (2, 4)
    with pytest.raises(IndexError):
        x[3]


@pytest.mark.parametrize("method, fn, args", [
    ("reshape", ops.reshape, ((3, 2),)), ("transpose", ops.transpose, ((1, 0),)), ("exp", ops.exp, ()),
    ("sum", ops.sum, (1,)), ("mean", ops.mean, (0,)), ("argmax", ops.argmax, (1,)), ("argmin", ops.argmin, (1,)),
    ("squeeze", ops.squeeze, ()), ("expand_dims", ops.expand_dims, (0,)), ("abs", ops.abs, ()),
    ("clip", ops.clamp, (0.5, 2.0)), ("pow", ops.pow, (2.0,)), ("softmax", ops.softmax, (0,)),
    ("tile", ops.tile, ((2, 1),)), ("gather", ops.gather, (ms.Tensor(np.array([1, 0], np.int32)), 1)),
])
def test_methods_are_the_functional_ops(method, fn, args):
    x = ms.Tensor(np.array([[0.5, -1.0, 2.0], [3.0, 1.5, -0.5]], np.float32))
    got, want = getattr(x, method)(*args), fn(x, *args)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got.asnumpy(), want.asnumpy())


def test_max_min_overloads():
    x = ms.Tensor(np.array([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]], np.float32))
    values, indices = x.max(1)
    assert values.tolist() == [5.0, 7.0] and indices.tolist() == [1, 0] and indices.dtype == ms.int64
    assert x.max(axis=1).tolist() == [5.0, 7.0]
    assert x.max().item() == 7.0 and x.min(axis=0).tolist() == [1.0, 0.0, 2.0]
    assert x.argmax().dtype == ms.int64 and x.argmin().dtype == ms.int32


def test_dtype_conversion_methods():
    x = ms.Tensor(np.array([-1.7, 2.9], np.float32))
    assert [str(x.int().dtype), str(x.half().dtype), str(x.double().dtype), str(x.long().dtype),
            str(x.bool().dtype), str(x.int().float().dtype)] == ["Int32", "Float16", "Float64", "Int64", "Bool",
                                                                 "Float32"]
    assert x.int().tolist() == [-1, 2] and x.astype(np.float64).dtype == ms.float64
    assert x.astype(ms.float32) is not x and ms.ops.cast(x, ms.float32) is x


def test_gradient_through_astype_and_pow():
    x = ms.Tensor(np.array([0.0, 2.0], np.float32))
    (g,) = ms.ops.GradOperation(get_all=True)(lambda a: a.astype(ms.float64) ** 2.0)(x)
    assert g.dtype == ms.float32 and g.tolist() == [0.0, 4.0]
    (g0,) = ms.ops.GradOperation(get_all=True)(lambda a: a ** 0.0)(x)
    assert np.isnan(g0.asnumpy()[0])  # d/dx 0**0 is NaN, as in MindSpore
