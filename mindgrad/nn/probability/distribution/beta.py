"""`Beta(concentration1, concentration0)`: the beta distribution on (0, 1)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
from jax.scipy.special import betaln, digamma

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class Beta(Distribution):
    """Beta distribution with `concentration1` (alpha) and `concentration0` (beta), both > 0
    (Python floats are refused, as in MindSpore); the mode is nan unless both exceed 1."""

    def __init__(self, concentration1=None, concentration0=None, seed: int | None = None, dtype=mstype.float32,
                 name: str = "Beta") -> None:
        param = dict(locals())
        param["param_dict"] = {"concentration1": concentration1, "concentration0": concentration0}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        if isinstance(concentration0, float):
            raise TypeError("Input concentration0 can't be scalar")
        if isinstance(concentration1, float):
            raise TypeError("Input concentration1 can't be scalar")
        super().__init__(seed, dtype, name, param)
        self._concentration1 = self._add_parameter(concentration1, "concentration1")
        self._concentration0 = self._add_parameter(concentration0, "concentration0")
        if self._concentration1 is not None:
            C.check_greater_zero(self._concentration1, "concentration1")
        if self._concentration0 is not None:
            C.check_greater_zero(self._concentration0, "concentration0")

    concentration1 = property(lambda self: self._concentration1)
    concentration0 = property(lambda self: self._concentration0)

    def _scalar_repr(self) -> str:
        return f"concentration1 = {self._concentration1}, concentration0 = {self._concentration0}"

    def _get_dist_type(self) -> str:
        return "Beta"

    def _get_dist_args(self, concentration1=None, concentration0=None):
        return self._dist_args(concentration1, concentration0)

    def _mean(self, concentration1=None, concentration0=None):
        a, b = self._args(concentration1, concentration0)
        return wrap(a / (a + b))

    def _var(self, concentration1=None, concentration0=None):
        a, b = self._args(concentration1, concentration0)
        total = a + b
        return wrap(a * b / (jnp.square(total) * (total + 1.0)))

    def _mode(self, concentration1=None, concentration0=None):
        a, b = self._args(concentration1, concentration0)
        return self._out(jnp.where((a > 1.0) & (b > 1.0), (a - 1.0) / (a + b - 2.0), jnp.nan))

    def _entropy(self, concentration1=None, concentration0=None):
        a, b = self._args(concentration1, concentration0)
        total = a + b
        return wrap(betaln(a, b) - (a - 1.0) * digamma(a) - (b - 1.0) * digamma(b) + (total - 2.0) * digamma(total))

    def _log_prob(self, value, concentration1=None, concentration0=None):
        x = self._value(value)
        a, b = self._args(concentration1, concentration0)
        return wrap(C.jitted(jss.beta.logpdf)(x, a, b))

    def _kl_loss(self, dist, concentration1_b, concentration0_b, concentration1_a=None, concentration0_a=None):
        C.check_distribution_name(dist, "Beta")
        ab, bb = self._other(concentration1_b, "concentration1_b"), self._other(concentration0_b, "concentration0_b")
        aa, ba = self._args(concentration1_a, concentration0_a)
        return wrap(betaln(ab, bb) - betaln(aa, ba) - digamma(aa) * (ab - aa) - digamma(ba) * (bb - ba)
                    + digamma(aa + ba) * (ab + bb - aa - ba))

    def _cross_entropy(self, dist, concentration1_b, concentration0_b, concentration1_a=None,
                       concentration0_a=None):
        C.check_distribution_name(dist, "Beta")
        return wrap(self._entropy(concentration1_a, concentration0_a)._arr
                    + self._kl_loss(dist, concentration1_b, concentration0_b, concentration1_a,
                                    concentration0_a)._arr)

    def _sample(self, shape=(), concentration1=None, concentration0=None):
        a, b = self._args(concentration1, concentration0)
        return self._out(jax.random.beta(self._key(), a, b, self._sample_shape(shape, a, b)))
