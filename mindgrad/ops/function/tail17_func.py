"""`ops.hardtanh`, `ops.threshold` and `ops.tanhshrink` (also `ops.functional`'s), as MindSpore defines them:
any numeric Tensor, the dtype kept (tanhshrink computes integers as Float32)."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import tensor_arr

__all__ = ["hardtanh", "tanhshrink", "threshold"]


def hardtanh(input, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:  # noqa: A002
    """min(max(x, min_val), max_val) (max_val wins where min_val > max_val)."""
    a = tensor_arr(input, "hardtanh", "input")
    return wrap(jnp.minimum(jnp.maximum(a, jnp.asarray(min_val).astype(a.dtype)),
                            jnp.asarray(max_val).astype(a.dtype)))


def threshold(input, thr: float, value: float) -> Tensor:  # noqa: A002
    """x where x > thr, else value."""
    a = tensor_arr(input, "threshold", "input")
    return wrap(jnp.where(a > thr, a, jnp.asarray(value).astype(a.dtype)))


def tanhshrink(input) -> Tensor:  # noqa: A002
    """x - tanh(x)."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For tanhshrink, the input must be a Tensor, but got {type(input)}.")
    a = input._arr
    if jnp.issubdtype(a.dtype, jnp.integer):
        a = a.astype(jnp.float32)
    return wrap(a - jnp.tanh(a))
