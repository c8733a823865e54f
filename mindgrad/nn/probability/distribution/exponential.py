"""`Exponential(rate)`: the exponential distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss

from ....common.tensor import wrap
from .. import _checks as C
from ._families import Rate


class Exponential(Rate):
    """Exponential distribution with `rate` (> 0): density rate * exp(-rate * x) for x >= 0."""

    def _mean(self, rate=None):
        return wrap(1.0 / self._args(rate)[0])

    def _mode(self, rate=None):
        return self._out(jnp.zeros_like(self._args(rate)[0]))

    def _sd(self, rate=None):
        return wrap(1.0 / self._args(rate)[0])

    def _entropy(self, rate=None):
        return wrap(1.0 - jnp.log(self._args(rate)[0]))

    def _log_prob(self, value, rate=None):
        x = self._value(value)
        (r,) = self._args(rate)
        return wrap(C.jitted(jss.expon.logpdf)(x, scale=1.0 / r))

    def _cdf(self, value, rate=None):
        x = self._value(value)
        (r,) = self._args(rate)
        return wrap(C.jitted(jss.expon.cdf)(x, scale=1.0 / r))

    def _log_survival(self, value, rate=None):
        x = self._value(value)
        (r,) = self._args(rate)
        return wrap(jnp.where(x < 0, 0.0, -r * x))

    def _kl_loss(self, dist, rate_b, rate=None):
        C.check_distribution_name(dist, "Exponential")
        rb = self._other(rate_b, "rate_b")
        (ra,) = self._args(rate)
        return wrap(jnp.log(ra) - jnp.log(rb) + rb / ra - 1.0)

    def _cross_entropy(self, dist, rate_b, rate=None):
        C.check_distribution_name(dist, "Exponential")
        return wrap(self._entropy(rate)._arr + self._kl_loss(dist, rate_b, rate)._arr)

    def _sample(self, shape=(), rate=None):
        (r,) = self._args(rate)
        return self._out(jax.random.exponential(self._key(), self._sample_shape(shape, r), jnp.float32) / r)
