"""`Cauchy(loc, scale)`: the Cauchy distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
import numpy as np

from ....common.tensor import wrap
from .. import _checks as C
from ._families import LocScale


def _undefined(what: str):
    raise ValueError(f"{what} is undefined for Cauchy distribution.")


class Cauchy(LocScale):
    """Cauchy distribution with location `loc` and `scale` (> 0); `mean`, `sd` and `var` are
    undefined (ValueError), as in MindSpore."""

    def _mode(self, loc=None, scale=None):
        return wrap(self._args(loc, scale)[0])

    def _mean(self, *args, **kwargs):
        return _undefined("mean")

    def _sd(self, *args, **kwargs):
        return _undefined("standard deviation")

    def _var(self, *args, **kwargs):
        return _undefined("variance")

    def _entropy(self, loc=None, scale=None):
        return wrap(jnp.log(self._args(loc, scale)[1]) + np.log(4 * np.pi).astype(np.float32))

    def _log_prob(self, value, loc=None, scale=None):
        x = self._value(value)
        m, s = self._args(loc, scale)
        return wrap(C.jitted(jss.cauchy.logpdf)(x, m, s))

    def _cdf(self, value, loc=None, scale=None):
        x = self._value(value)
        m, s = self._args(loc, scale)
        return wrap(C.jitted(jss.cauchy.cdf)(x, m, s))

    def _log_cdf(self, value, loc=None, scale=None):
        x = self._value(value)
        m, s = self._args(loc, scale)
        return wrap(C.jitted(jss.cauchy.logcdf)(x, m, s))

    def _kl_loss(self, dist, loc_b, scale_b, loc_a=None, scale_a=None):
        C.check_distribution_name(dist, "Cauchy")
        lb, sb = self._other(loc_b, "loc_b"), self._other(scale_b, "scale_b")
        la, sa = self._args(loc_a, scale_a)
        return wrap(jnp.log(jnp.square(sa + sb) + jnp.square(la - lb)) - np.log(4.0).astype(np.float32)
                    - jnp.log(sa) - jnp.log(sb))

    def _cross_entropy(self, dist, loc_b, scale_b, loc_a=None, scale_a=None):
        C.check_distribution_name(dist, "Cauchy")
        return wrap(self._entropy(loc_a, scale_a)._arr + self._kl_loss(dist, loc_b, scale_b, loc_a, scale_a)._arr)

    def _sample(self, shape=(), loc=None, scale=None):
        m, s = self._args(loc, scale)
        return self._out(jax.random.cauchy(self._key(), self._sample_shape(shape, m, s), jnp.float32) * s + m)
