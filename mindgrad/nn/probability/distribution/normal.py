"""`Normal(mean, sd)`: the normal distribution (`mindspore.nn.probability.distribution.Normal`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
import numpy as np

from ....common.tensor import wrap
from .. import _checks as C
from ._families import MeanSd


class Normal(MeanSd):
    """Normal distribution with `mean` and standard deviation `sd` (> 0), both optional at
    construction (then given per call); `dtype` a float type. Only `cdf` is native: `log_cdf`,
    `survival_function` and `log_survival` derive from it as in MindSpore."""

    def _scalar_repr(self) -> str:
        return f"mean = {self._mean_value}, standard deviation = {self._sd_value}"

    def _get_dist_type(self) -> str:
        return "Normal"

    def _get_dist_args(self, mean=None, sd=None):
        return self._dist_args(mean, sd)

    def _mean(self, mean=None, sd=None):
        return wrap(self._args(mean, sd)[0])

    def _mode(self, mean=None, sd=None):
        return wrap(self._args(mean, sd)[0])

    def _sd(self, mean=None, sd=None):
        return wrap(self._args(mean, sd)[1])

    def _entropy(self, mean=None, sd=None):
        _, s = self._args(mean, sd)
        return wrap(0.5 * np.log(2.0 * np.pi * np.e).astype(np.float32) + jnp.log(s))

    def _log_prob(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        return wrap(C.jitted(jss.norm.logpdf)(x, m, s))

    def _cdf(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        return wrap(C.jitted(jss.norm.cdf)(x, m, s))

    def _kl_loss(self, dist, mean_b, sd_b, mean=None, sd=None):
        C.check_distribution_name(dist, "Normal")
        mb, sb = self._other(mean_b, "mean_b"), self._other(sd_b, "sd_b")
        ma, sa = self._args(mean, sd)
        diff_log_scale = jnp.log(sa) - jnp.log(sb)
        return wrap(0.5 * jnp.square(ma / sb - mb / sb) + 0.5 * jnp.expm1(2.0 * diff_log_scale) - diff_log_scale)

    def _cross_entropy(self, dist, mean_b, sd_b, mean=None, sd=None):
        C.check_distribution_name(dist, "Normal")
        return wrap(self._entropy(mean, sd)._arr + self._kl_loss(dist, mean_b, sd_b, mean, sd)._arr)

    def _sample(self, shape=(), mean=None, sd=None):
        m, s = self._args(mean, sd)
        z = jax.random.normal(self._key(), self._sample_shape(shape, m, s), jnp.float32)
        return self._out(m + s * z)
