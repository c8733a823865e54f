"""Argument checks and conversions shared by `nn.probability` distributions and bijectors.

They raise what MindSpore's `nn.probability` raises: parameter values that are not Tensors, ints,
floats, lists or arrays are a TypeError (bool included), out-of-support default parameters a
ValueError checked on the concrete values at construction, a missing parameter a TypeError.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor


def check_dtype(dtype, valid: tuple, cls_name: str) -> None:
    """`dtype` must be one of `valid` (MindSpore's `check_type_name`)."""
    if dtype not in valid:
        names = ", ".join(f"mindspore.{str(t).lower()}" for t in valid)
        raise TypeError(f"For '{cls_name}', the 'dtype' should be one of [{names}], but got '{dtype!r}'.")


def cast_to_tensor(value, dtype=mstype.float32) -> Tensor:
    """A user parameter as a Tensor of `dtype`; a Parameter is kept as it is (it stays trainable)."""
    if value is None:
        raise ValueError("Input cannot be None in cast_to_tensor")
    if isinstance(value, Parameter):
        return value
    if isinstance(value, bool):
        raise TypeError("Input cannot be Type Bool")
    if isinstance(value, (Tensor, np.ndarray, list, int, float)):
        return Tensor(value, dtype=dtype)
    raise TypeError(f"Unable to convert input of type {type(value)} to a Tensor of type {dtype}")


def param_type(params: dict, hint):
    """The dtype parameters are kept in: the common dtype of the Tensor/array ones (Float32 for
    integers and Float64), else `hint` (Float32 for an integer hint)."""
    if hint is None or hint in mstype.int_type + mstype.uint_type:
        hint = mstype.float32
    common = None
    for name, arg in params.items():
        if not hasattr(arg, "dtype"):
            continue
        cur = mstype.from_numpy(arg.dtype) if isinstance(arg, np.ndarray) else arg.dtype
        if common is None:
            common = cur
        elif cur != common:
            raise TypeError(f"{name} should have the same dtype as other arguments.")
    if common in mstype.int_type + mstype.uint_type or common == mstype.float64:
        return mstype.float32
    return hint if common is None else common


def check_tensor(value, name: str):
    """`value` must be a Tensor (or Parameter)."""
    if not isinstance(value, Tensor):
        raise TypeError(f"For {name}, input type must be a Tensor or Parameter.")
    return value


def check_tuple(shape, name: str = "shape") -> tuple:
    if not isinstance(shape, tuple):
        raise TypeError(f"For {name}, input type must be a tuple.")
    return shape


def _values(t: Tensor) -> np.ndarray:
    return np.asarray(t._arr)


def check_greater_zero(value: Tensor, name: str) -> None:
    if not np.all(_values(value) > 0):
        raise ValueError(f"{name} must be greater than zero.")


def check_greater_equal_zero(value: Tensor, name: str) -> None:
    if np.any(_values(value) < 0):
        raise ValueError(f"{name} must be greater than or equal to zero.")


def check_greater(low: Tensor, high: Tensor, name_low: str, name_high: str) -> None:
    if isinstance(low, Parameter) or isinstance(high, Parameter):
        return
    if not np.all(_values(low) < _values(high)):
        raise ValueError(f"{name_low} must be less than {name_high}")


def check_prob(p: Tensor) -> None:
    """0 < p < 1 elementwise."""
    v = _values(p)
    if not np.all(v > 0):
        raise ValueError("Probabilities must be greater than zero")
    if not np.all(v < 1):
        raise ValueError("Probabilities must be less than one")


def check_categorical_probs(probs: Tensor) -> None:
    """Rank >= 1, each probability in (0, 1), each row summing to one."""
    v = _values(probs)
    if v.ndim == 0:
        raise ValueError("probs for Categorical distribution must have rank >= 1.")
    check_prob(probs)
    total = v.sum(axis=-1)
    eps = np.finfo(total.dtype).eps
    if not np.allclose(total, 1.0, rtol=eps * 10, atol=eps):
        raise ValueError("Probabilities for each category should sum to one for Categorical distribution.")


def check_distribution_name(name, expected: str) -> None:
    if name is None:
        raise ValueError("Input dist must be a constant which is not None.")
    if name != expected:
        raise ValueError(f"Expected dist input is {expected}, but got {name}.")


def not_implemented(func_name: str, dist_name: str):
    raise NotImplementedError(f"{func_name} is not implemented for {dist_name} distribution.")


def arr(t) -> jnp.ndarray:
    """The JAX array of a Tensor result (a user subclass's method returns Tensors)."""
    return t._arr if isinstance(t, Tensor) else jnp.asarray(t)


@functools.cache
def jitted(fn):
    """`jax.jit(fn)`, one per function: a distribution's math compiles once per shape instead of once
    per eager op."""
    return jax.jit(fn)
