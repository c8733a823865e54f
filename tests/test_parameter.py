"""Parameter and ParameterTuple (golden cases from MindSpore 2.10.0 + mindgrad's pytree behaviour)."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

import mindgrad as ms
from mindgrad import Parameter, ParameterTuple, Tensor
from replay import suite  # tests/golden, on sys.path from conftest.py


SUITE = suite("core_api")


@pytest.mark.parametrize("name", SUITE.params("param_", "ptuple_", "repr_parameter"))
def test_golden_parameter(name):
    SUITE.check(name, ms)


def test_default_names_count_up():
    a, b = Parameter(Tensor([1.0])), Parameter(Tensor([1.0]))
    na, nb = (int(re.fullmatch(r"Parameter#(\d+)", p.name).group(1)) for p in (a, b))
    assert nb == na + 1


def test_repr_and_str():
    p = Parameter(Tensor(np.zeros((2, 3), np.float16)), name="w", requires_grad=False)
    assert repr(p) == str(p) == "Parameter (name=w, shape=(2, 3), dtype=Float16, requires_grad=False)"


@pytest.mark.parametrize("value, dtype", [(3, ms.int32), (-1, ms.int32), (3.5, ms.float32),
                                          (np.array([1, 2]), ms.int64), (np.array([1.0], np.float16), ms.float16),
                                          ([1, 2], ms.int64), ([1.0, 2], ms.float32),
                                          (jnp.array([1, 2], jnp.int8), ms.int8)])
def test_default_input_dtypes(value, dtype):
    p = Parameter(value, name="p")
    assert p.dtype is dtype
    np.testing.assert_array_equal(p.asnumpy(), np.asarray(value))


@settings(max_examples=20, deadline=None)
@given(hnp.arrays(st.sampled_from([np.float16, np.float32, np.float64, np.int32]), hnp.array_shapes(max_dims=3),
                  elements=st.integers(-50, 50)),
       hnp.arrays(st.sampled_from([np.float32, np.int64, np.int8, np.bool_]), hnp.array_shapes(max_dims=3),
                  elements=st.integers(0, 1)))
def test_set_data_casts_to_own_dtype(own, new):
    p = Parameter(Tensor(own), name="p")
    p.set_data(Tensor(new))
    assert p.dtype.np_dtype == own.dtype
    assert p.shape == new.shape
    np.testing.assert_array_equal(p.asnumpy(), new.astype(own.dtype))


def test_set_data_rejects_numpy():
    p = Parameter(Tensor([1.0]), name="p")
    with pytest.raises(TypeError, match="Parameter data must be"):
        p.set_data(np.array([2.0]))


def test_setters_check_types():
    p = Parameter(Tensor([1.0]), name="p")
    with pytest.raises(ValueError, match="name should be 'string' or 'None'"):
        p.name = 1
    with pytest.raises(TypeError, match="requires_grad"):
        p.requires_grad = "yes"
    assert (p.name, p.requires_grad) == ("p", True)


def test_clone_is_independent():
    p = Parameter(Tensor([1.0, 2.0]), name="p", requires_grad=False)
    c = p.clone()
    p.set_data(Tensor([5.0, 5.0]))
    assert c.tolist() == [1.0, 2.0] and c.name == "p" and c.requires_grad is False
    z = p.clone(init="zeros")
    assert z.tolist() == [0.0, 0.0] and z.dtype is ms.float32


def test_assign_value_takes_new_shape_and_dtype():
    p = Parameter(Tensor([1.0, 2.0]), name="p")
    p.assign_value(Tensor(np.array([[1, 2, 3]], np.int32)))
    assert p.dtype is ms.int32 and p.shape == (1, 3)
    assert p.name == "p"


def test_value_is_a_plain_tensor():
    p = Parameter(Tensor([1.0, 2.0]), name="p")
    v = p.value()
    assert type(v) is Tensor and v.tolist() == [1.0, 2.0]


def test_arithmetic_results_are_tensors():
    p = Parameter(Tensor([1.0, 2.0]), name="p")
    for out in (p * 2 + 1, 1 - p, p @ p, p[0], p.reshape(2, 1), abs(p), p.astype(ms.float16)):
        assert type(out) is Tensor


def test_parameter_is_a_one_leaf_pytree():
    p = Parameter(Tensor([1.0, 2.0]), name="w", requires_grad=False)
    leaves, tree = jax.tree_util.tree_flatten(p)
    assert len(leaves) == 1 and leaves[0].shape == (2,)
    q = jax.tree_util.tree_unflatten(tree, [jnp.array([3.0, 4.0], jnp.float32)])
    assert isinstance(q, Parameter) and q.name == "w" and q.requires_grad is False
    assert q.tolist() == [3.0, 4.0] and p.tolist() == [1.0, 2.0]
    g = jax.grad(lambda w: jnp.sum(w * w))(Parameter(Tensor([1.0, 3.0]), name="v"))
    assert isinstance(g, Parameter) and g.name == "v" and g.tolist() == [2.0, 6.0]


def test_parameter_tuple():
    a, b = Parameter(Tensor([1.0]), name="weight"), Parameter(Tensor([2.0]), name="bias")
    pt = ParameterTuple([a, b])
    assert isinstance(pt, tuple) and tuple(pt) == (a, b)
    with pytest.raises(TypeError, match="ParameterTuple input should be 'Parameter' collection, but got a "
                                        "<class 'list'>"):
        ParameterTuple([a, Tensor([1.0])])
    assert ParameterTuple([a, a])[1] is a
    m = pt.clone(prefix="moments", init="zeros")
    assert [(p.name, p.requires_grad, p.tolist()) for p in m] == [("moments.weight", True, [0.0]),
                                                                   ("moments.bias", True, [0.0])]
    assert all(x is not y for x, y in zip(m, pt, strict=False))
