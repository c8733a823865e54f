"""Random number functions (`ops.standard_normal`, `normal`, `randn`, `rand`, `uniform`).

Numbers come from JAX's generator, so they are not MindSpore's numbers; what
matches is the API, shapes, dtypes and reproducibility: after `ms.set_seed(s)`
the same program draws the same numbers. Functional calls draw from one stream
per `seed` argument; each random Primitive instance owns its own stream
(`mindgrad.common.seed`). Streams advance on every call, gradient calls included.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.tensor import Tensor, wrap
from ._helpers import np_dtype, shape_arg

_streams: dict = {}
_streams_epoch = None


def functional_key(seed=None):
    """The next key of the stream that functional random calls with this `seed` share."""
    global _streams_epoch
    if _streams_epoch is not _seed.rng():
        _streams.clear()
        _streams_epoch = _seed.rng()
    if seed not in _streams:
        _streams[seed] = _seed.new_stream("functional" if seed is None else f"functional_{seed}")
    return _seed.next_key(_streams[seed])


def _size(size: tuple, op: str) -> tuple:
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    return shape_arg(size, op)


def _value(x):
    return x._arr if isinstance(x, Tensor) else x


def standard_normal(shape, seed=None) -> Tensor:
    return wrap(jax.random.normal(functional_key(seed), shape_arg(shape, "StandardNormal"), jnp.float32))


def normal(shape, mean, stddev, seed=None) -> Tensor:
    z = jax.random.normal(functional_key(seed), shape_arg(shape, "normal"), jnp.float32)
    return wrap((z * _value(stddev) + _value(mean)).astype(jnp.float32))


def randn(*size, dtype=None, seed=None) -> Tensor:
    dt = np_dtype(dtype or mstype.float32, "randn")
    return wrap(jax.random.normal(functional_key(seed), _size(size, "randn"), dt))


def rand(*size, dtype=None, seed=None) -> Tensor:
    dt = np_dtype(dtype or mstype.float32, "rand")
    return wrap(jax.random.uniform(functional_key(seed), _size(size, "rand"), dt))


def uniform(shape, minval, maxval, seed=None, dtype=mstype.float32) -> Tensor:
    """Uniform on [minval, maxval); integer dtypes draw integers."""
    dt = np_dtype(dtype, "uniform")
    shape = shape_arg(shape, "uniform")
    lo, hi = _value(minval), _value(maxval)
    key = functional_key(seed)
    if jnp.issubdtype(dt, jnp.integer):
        return wrap(jax.random.randint(key, shape, lo, hi, dt))
    return wrap(jax.random.uniform(key, shape, dt, lo, hi))
