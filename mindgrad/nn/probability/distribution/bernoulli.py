"""`Bernoulli(probs)`: the Bernoulli distribution (1 with probability `probs`)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ....common.tensor import wrap
from .. import _checks as C
from ._families import Probs


class Bernoulli(Probs):
    """Bernoulli distribution with success probability `probs` (0 < probs < 1); `dtype` (Int32 by
    default) is the dtype of samples and modes. Per-call parameters are named `probs1`."""

    def _mean(self, probs1=None):
        return wrap(self._args(probs1)[0])

    def _mode(self, probs1=None):
        return self._out(self._args(probs1)[0] > 0.5)

    def _var(self, probs1=None):
        (p,) = self._args(probs1)
        return wrap(jnp.exp(jnp.log(1.0 - p) + jnp.log(p)))

    def _entropy(self, probs1=None):
        (p,) = self._args(probs1)
        return wrap(-((1.0 - p) * jnp.log(1.0 - p)) - p * jnp.log(p))

    def _log_prob(self, value, probs1=None):
        x = self._value(value, self.parameter_type)
        (p,) = self._args(probs1)
        eps = jnp.finfo(p.dtype).eps
        p = jnp.clip(p, eps, 1.0 - eps)
        return wrap(jnp.log(p) * x + jnp.log(1.0 - p) * (1.0 - x))

    def _cdf(self, value, probs1=None):
        x = jnp.floor(self._value(value, self.parameter_type))
        (p,) = self._args(probs1)
        return wrap(jnp.where(x < 0.0, 0.0, jnp.where(x < 1.0, 1.0 - p, 1.0)).astype(p.dtype))

    def _kl_loss(self, dist, probs1_b, probs1=None):
        C.check_distribution_name(dist, "Bernoulli")
        pb = self._other(probs1_b, "probs1_b")
        (pa,) = self._args(probs1)
        return wrap(pa * jnp.log(pa / pb) + (1.0 - pa) * jnp.log((1.0 - pa) / (1.0 - pb)))

    def _cross_entropy(self, dist, probs1_b, probs1=None):
        C.check_distribution_name(dist, "Bernoulli")
        return wrap(self._entropy(probs1)._arr + self._kl_loss(dist, probs1_b, probs1)._arr)

    def _sample(self, shape=(), probs1=None):
        (p,) = self._args(probs1)
        return self._out(jax.random.bernoulli(self._key(), p, self._sample_shape(shape, p)))
