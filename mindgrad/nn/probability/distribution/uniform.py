"""`Uniform(low, high)`: the continuous uniform distribution on [low, high]."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class Uniform(Distribution):
    """Uniform distribution on [`low`, `high`] (`low` < `high` checked at construction); the density
    is 1/(high-low) on the closed interval, the KL divergence inf where b does not cover a."""

    def __init__(self, low=None, high=None, seed: int | None = None, dtype=mstype.float32, name: str = "Uniform"):
        param = dict(locals())
        param["param_dict"] = {"low": low, "high": high}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._low = self._add_parameter(low, "low")
        self._high = self._add_parameter(high, "high")
        if self._low is not None and self._high is not None:
            C.check_greater(self._low, self._high, "low", "high")

    low = property(lambda self: self._low)
    high = property(lambda self: self._high)

    def _scalar_repr(self) -> str:
        return f"low = {self._low}, high = {self._high}"

    def _get_dist_type(self) -> str:
        return "Uniform"

    def _get_dist_args(self, low=None, high=None):
        return self._dist_args(low, high)

    def _mean(self, low=None, high=None):
        lo, hi = self._args(low, high)
        return wrap((lo + hi) / 2.0)

    def _var(self, low=None, high=None):
        lo, hi = self._args(low, high)
        return wrap(jnp.square(hi - lo) / 12.0)

    def _entropy(self, low=None, high=None):
        lo, hi = self._args(low, high)
        return wrap(jnp.log(hi - lo))

    def _prob(self, value, low=None, high=None):
        x = self._value(value)
        lo, hi = self._args(low, high)
        return wrap(C.jitted(jss.uniform.pdf)(x, lo, hi - lo))

    def _cdf(self, value, low=None, high=None):
        x = self._value(value)
        lo, hi = self._args(low, high)
        return wrap(C.jitted(jss.uniform.cdf)(x, lo, hi - lo))

    def _kl_loss(self, dist, low_b, high_b, low=None, high=None):
        C.check_distribution_name(dist, "Uniform")
        lb, hb = self._other(low_b, "low_b"), self._other(high_b, "high_b")
        la, ha = self._args(low, high)
        kl = jnp.log(hb - lb) - jnp.log(ha - la)
        return wrap(jnp.where((lb <= la) & (ha <= hb), kl, jnp.inf))

    def _cross_entropy(self, dist, low_b, high_b, low=None, high=None):
        C.check_distribution_name(dist, "Uniform")
        return wrap(self._entropy(low, high)._arr + self._kl_loss(dist, low_b, high_b, low, high)._arr)

    def _sample(self, shape=(), low=None, high=None):
        lo, hi = self._args(low, high)
        u = jax.random.uniform(self._key(), self._sample_shape(shape, lo, hi), jnp.float32)
        return self._out((hi - lo) * u + lo)
