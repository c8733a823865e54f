"""`Poisson(rate)`: the Poisson distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax.scipy.special import gammaincc, gammaln, xlogy

from ....common import dtype as mstype
from ....common.tensor import wrap
from ._families import Rate


class Poisson(Rate):
    """Poisson distribution with `rate` (> 0; a Python scalar is refused, as in MindSpore).
    `log_prob` is -inf below 0 and not restricted to integers; `cdf(x)` is Q(1 + x, rate) without
    flooring x, as in MindSpore."""

    _DTYPES = mstype.int_type + mstype.uint_type + mstype.float_type

    def __init__(self, rate=None, seed: int | None = None, dtype=mstype.float32, name: str = "Poisson") -> None:
        if isinstance(rate, (int, float)):
            raise TypeError("Input rate can't be scalar")
        super().__init__(rate, seed, dtype, name)

    def _mean(self, rate=None):
        return wrap(self._args(rate)[0])

    def _mode(self, rate=None):
        return wrap(jnp.floor(self._args(rate)[0]))

    def _var(self, rate=None):
        return wrap(self._args(rate)[0])

    def _log_prob(self, value, rate=None):
        x = self._value(value)
        (r,) = self._args(rate)
        safe = jnp.maximum(x, 0.0)
        return wrap(jnp.where(x < 0, -jnp.inf, xlogy(safe, r) - gammaln(safe + 1.0)) - r)

    def _cdf(self, value, rate=None):
        x = self._value(value)
        (r,) = self._args(rate)
        return wrap(jnp.where(x < 0, 0.0, gammaincc(1.0 + jnp.maximum(x, 0.0), r)))

    def _sample(self, shape=(), rate=None):
        (r,) = self._args(rate)
        return self._out(jax.random.poisson(self._key(), r, self._sample_shape(shape, r)))
