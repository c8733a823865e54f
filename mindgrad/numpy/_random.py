"""`mindspore.numpy.rand`, `randn`, `randint`: JAX's generator on mindgrad's seeded streams.

After `ms.set_seed(s)` the same program draws the same numbers (they are not MindSpore's numbers);
the functions share the stream of functional random ops (`mindgrad.ops.function.random_func`).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap
from ..ops.function.random_func import functional_key
from ._core import np_dtype, shape_arg


def _shape(shape: tuple, fn: str) -> tuple:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return shape_arg(shape, fn)


def _float(dtype, fn: str):
    dt = np_dtype(dtype, fn)
    if dt.kind != "f":
        raise ValueError(f"For 'numpy.{fn}', the 'dtype' should be a float dtype, but got {dtype!r}.")
    return dt


def randn(*shape, dtype=mstype.float32) -> Tensor:
    """Standard normal samples of `shape` (given as ints or one tuple)."""
    dt = _float(dtype, "randn")
    return wrap(jax.random.normal(functional_key(), _shape(shape, "randn"), jnp.float32).astype(dt))


def rand(*shape, dtype=mstype.float32) -> Tensor:
    """Uniform samples on [0, 1) of `shape` (given as ints or one tuple)."""
    dt = _float(dtype, "rand")
    return wrap(jax.random.uniform(functional_key(), _shape(shape, "rand"), jnp.float32).astype(dt))


def randint(minval, maxval=None, shape=None, dtype=mstype.int32) -> Tensor:
    """Integers uniform on [minval, maxval) (on [0, minval) when `maxval` is None)."""
    dt = np_dtype(dtype, "randint")
    if dt.kind not in "iu":
        raise TypeError(f"For 'numpy.randint', the 'dtype' should be an int dtype, but got {dtype!r}.")
    for name, v in (("minval", minval), ("maxval", maxval)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
            raise TypeError(f"For 'numpy.randint', the '{name}' should be int, but got {type(v).__name__}.")
    lo, hi = (0, minval) if maxval is None else (minval, maxval)
    if hi <= lo:
        raise ValueError(f"For 'numpy.randint', the 'maxval' should be greater than 'minval', but got {lo} and {hi}.")
    size = () if shape is None else shape_arg(shape, "randint")
    return wrap(jax.random.randint(functional_key(), size, lo, hi, jnp.int64).astype(dt))
