"""Random Primitives (`mindspore.ops.operations.random_ops`); each instance owns a random stream."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import seed as _seed
from ...common.tensor import Tensor, wrap
from ..function._helpers import shape_arg
from ..primitive import Primitive, prim_attr_register


class _Random(Primitive):
    @prim_attr_register
    def __init__(self, seed: int = 0, seed2: int = 0):
        self.__dict__["_stream"] = _seed.new_stream(type(self).__name__)

    def _key(self):
        return _seed.next_key(self._stream)


class StandardNormal(_Random):
    """Samples of N(0, 1) of `shape`, Float32."""

    def __call__(self, shape):
        return wrap(jax.random.normal(self._key(), shape_arg(shape, "StandardNormal"), jnp.float32))


class UniformReal(_Random):
    """Samples of U[0, 1) of `shape`, Float32."""

    def __call__(self, shape):
        return wrap(jax.random.uniform(self._key(), shape_arg(shape, "UniformReal"), jnp.float32))


class UniformInt(_Random):
    """Integers uniform on [minval, maxval) of `shape`, Int32."""

    def __call__(self, shape, minval, maxval):
        lo = minval._arr if isinstance(minval, Tensor) else minval
        hi = maxval._arr if isinstance(maxval, Tensor) else maxval
        return wrap(jax.random.randint(self._key(), shape_arg(shape, "UniformInt"), lo, hi, jnp.int32))
