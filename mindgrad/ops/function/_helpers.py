"""Small helpers shared by the functional ops: unwrapping, wrapping, argument checks."""

from __future__ import annotations

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor, to_array, wrap


def arr(x, op: str):
    """The JAX array of a Tensor argument (Python numbers and lists become Tensors first)."""
    if isinstance(x, Tensor):
        return x._arr
    if isinstance(x, (bool, int, float, list, tuple)):
        return to_array(x)
    raise TypeError(f"For '{op}', the input should be a Tensor, but got {type(x).__name__}.")


def unary(fn, x, op: str) -> Tensor:
    return wrap(fn(arr(x, op)))


def float_arr(x, op: str):
    """A floating array: MindSpore's math functions compute integer inputs as Float32."""
    a = arr(x, op)
    return a if jnp.issubdtype(a.dtype, jnp.inexact) else a.astype(jnp.float32)


def check_axis(axis: int, ndim: int, op: str) -> int:
    lo, hi = (-ndim, ndim - 1) if ndim else (-1, 0)
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise TypeError(f"For '{op}', the 'axis' should be int, but got {type(axis).__name__}.")
    if not lo <= axis <= hi:
        raise ValueError(f"For '{op}', the 'axis' should be in range [{lo}, {hi}], but got {axis}.")
    return axis % ndim if ndim else 0


def axes(axis, ndim: int, op: str):
    """MindSpore's reduction axis (None, (), int, tuple, list) as a JAX axis argument."""
    if axis is None or axis == () or axis == []:
        return None
    if isinstance(axis, Tensor):
        axis = axis.tolist()
    if isinstance(axis, (tuple, list)):
        return tuple(check_axis(a, ndim, op) for a in axis)
    return check_axis(axis, ndim, op)


def np_dtype(dtype, op: str):
    try:
        return mstype.to_numpy(dtype)
    except TypeError:
        raise TypeError(f"For '{op}', the 'dtype' should be a mindspore dtype, but got {dtype!r}.") from None
