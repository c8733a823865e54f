"""`Logistic(loc, scale)`: the logistic distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
import numpy as np

from ....common.tensor import wrap
from .. import _checks as C
from ._families import LocScale


class Logistic(LocScale):
    """Logistic distribution with location `loc` and `scale` (> 0)."""

    def _mean(self, loc=None, scale=None):
        return wrap(self._args(loc, scale)[0])

    def _mode(self, loc=None, scale=None):
        return wrap(self._args(loc, scale)[0])

    def _sd(self, loc=None, scale=None):
        _, s = self._args(loc, scale)
        return wrap(s * jnp.asarray(np.pi / np.sqrt(3), s.dtype))

    def _entropy(self, loc=None, scale=None):
        return wrap(jnp.log(self._args(loc, scale)[1]) + 2.0)

    def _z(self, value, loc, scale):
        x = self._value(value)
        m, s = self._args(loc, scale)
        return (x - m) / s, s

    def _log_prob(self, value, loc=None, scale=None):
        x = self._value(value)
        m, s = self._args(loc, scale)
        return wrap(C.jitted(jss.logistic.logpdf)(x, m, s))

    def _cdf(self, value, loc=None, scale=None):
        z, _ = self._z(value, loc, scale)
        return wrap(jax.nn.sigmoid(z))

    def _log_cdf(self, value, loc=None, scale=None):
        z, _ = self._z(value, loc, scale)
        return wrap(-jax.nn.softplus(-z))

    def _survival_function(self, value, loc=None, scale=None):
        z, _ = self._z(value, loc, scale)
        return wrap(jax.nn.sigmoid(-z))

    def _log_survival(self, value, loc=None, scale=None):
        z, _ = self._z(value, loc, scale)
        return wrap(-jax.nn.softplus(z))

    def _sample(self, shape=(), loc=None, scale=None):
        m, s = self._args(loc, scale)
        return self._out(jax.random.logistic(self._key(), self._sample_shape(shape, m, s), jnp.float32) * s + m)
