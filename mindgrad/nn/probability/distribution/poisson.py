"""`Poisson(rate)`: the Poisson distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
from jax.scipy.special import gammaincc, gammaln, xlogy

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class Poisson(Distribution):
    """Poisson distribution with `rate` (> 0; a Python scalar is refused, as in MindSpore).
    `log_prob` is -inf below 0 and not restricted to integers; `cdf(x)` is Q(1 + x, rate) without
    flooring x, as in MindSpore."""

    def __init__(self, rate=None, seed: int | None = None, dtype=mstype.float32, name: str = "Poisson") -> None:
        param = dict(locals())
        param["param_dict"] = {"rate": rate}
        C.check_dtype(dtype, mstype.int_type + mstype.uint_type + mstype.float_type, type(self).__name__)
        if isinstance(rate, (int, float)):
            raise TypeError("Input rate can't be scalar")
        super().__init__(seed, dtype, name, param)
        self._rate = self._add_parameter(rate, "rate")
        if self._rate is not None:
            C.check_greater_zero(self._rate, "rate")

    rate = property(lambda self: self._rate)

    def _scalar_repr(self) -> str:
        return f"rate = {self._rate}"

    def _get_dist_type(self) -> str:
        return "Poisson"

    def _get_dist_args(self, rate=None):
        return self._dist_args(rate)

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
