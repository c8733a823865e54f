"""`Gamma(concentration, rate)`: the gamma distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
from jax.scipy.special import digamma, gammaln

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class Gamma(Distribution):
    """Gamma distribution with `concentration` and `rate` (both > 0; Python scalars are refused,
    as in MindSpore); the mode is nan where concentration <= 1."""

    def __init__(self, concentration=None, rate=None, seed: int | None = None, dtype=mstype.float32,
                 name: str = "Gamma") -> None:
        param = dict(locals())
        param["param_dict"] = {"concentration": concentration, "rate": rate}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        if isinstance(concentration, (int, float)):
            raise TypeError("Input concentration can't be scalar")
        if isinstance(rate, (int, float)):
            raise TypeError("Input rate can't be scalar")
        super().__init__(seed, dtype, name, param)
        self._concentration = self._add_parameter(concentration, "concentration")
        self._rate = self._add_parameter(rate, "rate")
        if self._concentration is not None:
            C.check_greater_zero(self._concentration, "concentration")
        if self._rate is not None:
            C.check_greater_zero(self._rate, "rate")

    concentration = property(lambda self: self._concentration)
    rate = property(lambda self: self._rate)

    def _scalar_repr(self) -> str:
        return f"concentration = {self._concentration}, rate = {self._rate}"

    def _get_dist_type(self) -> str:
        return "Gamma"

    def _get_dist_args(self, concentration=None, rate=None):
        return self._dist_args(concentration, rate)

    def _mean(self, concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return wrap(a / r)

    def _var(self, concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return wrap(a / jnp.square(r))

    def _sd(self, concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return wrap(jnp.sqrt(a) / r)

    def _mode(self, concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return wrap(jnp.where(a > 1.0, (a - 1.0) / r, jnp.nan))

    def _entropy(self, concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return wrap(a - jnp.log(r) + gammaln(a) + (1.0 - a) * digamma(a))

    def _log_prob(self, value, concentration=None, rate=None):
        x = self._value(value)
        a, r = self._args(concentration, rate)
        return wrap(C.jitted(jss.gamma.logpdf)(x, a, scale=1.0 / r))

    def _cdf(self, value, concentration=None, rate=None):
        x = self._value(value)
        a, r = self._args(concentration, rate)
        return wrap(C.jitted(jss.gamma.cdf)(r * x, a))

    def _kl_loss(self, dist, concentration_b, rate_b, concentration_a=None, rate_a=None):
        C.check_distribution_name(dist, "Gamma")
        ab, rb = self._other(concentration_b, "concentration_b"), self._other(rate_b, "rate_b")
        aa, ra = self._args(concentration_a, rate_a)
        return wrap((aa - ab) * digamma(aa) + gammaln(ab) - gammaln(aa) + ab * jnp.log(ra) - ab * jnp.log(rb)
                    + aa * (rb / ra - 1.0))

    def _cross_entropy(self, dist, concentration_b, rate_b, concentration_a=None, rate_a=None):
        C.check_distribution_name(dist, "Gamma")
        return wrap(self._entropy(concentration_a, rate_a)._arr
                    + self._kl_loss(dist, concentration_b, rate_b, concentration_a, rate_a)._arr)

    def _sample(self, shape=(), concentration=None, rate=None):
        a, r = self._args(concentration, rate)
        return self._out(jax.random.gamma(self._key(), a, self._sample_shape(shape, a, r)) / r)
