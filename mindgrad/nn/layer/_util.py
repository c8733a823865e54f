"""Helpers shared by the layer modules: reading Tensor inputs, pairs of ints, integer checks."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor


def arr(x, cls_name: str, arg_name: str = "x"):
    """The JAX array of a Tensor input; anything else is MindSpore's TypeError."""
    if isinstance(x, Tensor):
        return x._arr
    raise TypeError(f"For '{cls_name}', the '{arg_name}' must be a Tensor, but got {type(x).__name__}.")


def float_arr(x, cls_name: str, arg_name: str = "x"):
    """A floating input array (integer inputs are computed as Float32, as MindSpore's kernels do)."""
    a = arr(x, cls_name, arg_name)
    return a if jnp.issubdtype(a.dtype, jnp.inexact) else a.astype(jnp.float32)


def twice(value) -> tuple:
    """`n` -> (n, n); a pair stays a pair (MindSpore's `twice`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value, value)
    if isinstance(value, tuple) and len(value) == 2:
        return value
    raise ValueError(f"The value {value} cannot be converted to tuple(int, int).")


def is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
