"""`Geometric(probs)`: the number of failures before the first success."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss

from ....common.tensor import wrap
from .. import _checks as C
from ._families import Probs


class Geometric(Probs):
    """Geometric distribution on 0, 1, 2, ... with success probability `probs` (0 < probs < 1);
    values are floored; `dtype` (Int32 by default) is the dtype of samples and modes. Per-call
    parameters are named `probs1`."""

    def _mean(self, probs1=None):
        (p,) = self._args(probs1)
        return wrap((1.0 - p) / p)

    def _mode(self, probs1=None):
        return self._out(jnp.zeros_like(self._args(probs1)[0]))

    def _var(self, probs1=None):
        (p,) = self._args(probs1)
        return wrap((1.0 - p) / jnp.square(p))

    def _entropy(self, probs1=None):
        (p,) = self._args(probs1)
        return wrap((-(1.0 - p) * jnp.log(1.0 - p) - p * jnp.log(p)) / p)

    def _prob(self, value, probs1=None):
        x = jnp.floor(self._value(value, self.parameter_type))
        (p,) = self._args(probs1)
        return wrap(C.jitted(jss.geom.pmf)(x, p, loc=-1).astype(p.dtype))

    def _cdf(self, value, probs1=None):
        x = jnp.floor(self._value(value, self.parameter_type))
        (p,) = self._args(probs1)
        return wrap(jnp.where(x < 0.0, 0.0, 1.0 - jnp.power(1.0 - p, x + 1.0)).astype(p.dtype))

    def _kl_loss(self, dist, probs1_b, probs1=None):
        C.check_distribution_name(dist, "Geometric")
        pb = self._other(probs1_b, "probs1_b")
        (pa,) = self._args(probs1)
        return wrap(jnp.log(pa / pb) + ((1.0 - pa) / pa) * jnp.log((1.0 - pa) / (1.0 - pb)))

    def _cross_entropy(self, dist, probs1_b, probs1=None):
        C.check_distribution_name(dist, "Geometric")
        return wrap(self._entropy(probs1)._arr + self._kl_loss(dist, probs1_b, probs1)._arr)

    def _sample(self, shape=(), probs1=None):
        (p,) = self._args(probs1)
        return self._out(jax.random.geometric(self._key(), p, self._sample_shape(shape, p)) - 1)
