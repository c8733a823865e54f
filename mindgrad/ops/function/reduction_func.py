"""Reductions (`ops.sum`, `ops.mean`, `ops.amax`, `ops.amin`)."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import arr, axes, np_dtype


def sum(input, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A001
    """`ops.sum`: integer and bool inputs sum to Int64, as MindSpore's does."""
    a = arr(input, "sum")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "sum"))
    elif not jnp.issubdtype(a.dtype, jnp.inexact):
        a = a.astype(jnp.int64)
    return wrap(jnp.sum(a, axis=axes(dim, a.ndim, "sum"), keepdims=keepdim))


def mean(input, axis=None, keep_dims: bool = False) -> Tensor:
    a = arr(input, "mean")
    return wrap(jnp.mean(a, axis=axes(axis, a.ndim, "mean"), keepdims=keep_dims).astype(a.dtype))


def amax(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> Tensor:
    """Maximum over `axis`; tied maxima share the gradient equally (MindSpore's and JAX's rule)."""
    a = arr(input, "amax")
    return wrap(jnp.max(a, axis=axes(axis, a.ndim, "amax"), keepdims=keepdims))


def amin(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> Tensor:
    """Minimum over `axis`; tied minima share the gradient equally."""
    a = arr(input, "amin")
    return wrap(jnp.min(a, axis=axes(axis, a.ndim, "amin"), keepdims=keepdims))
