"""`LogNormal(loc, scale)`: exp(X) for X ~ Normal(loc, scale)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from ..bijector import Exp
from .normal import Normal
from .transformed_distribution import TransformedDistribution


class LogNormal(TransformedDistribution):
    """Log-normal distribution: `loc` and `scale` are the mean and standard deviation of log(Y)."""

    def __init__(self, loc=None, scale=None, seed: int = 0, dtype=mstype.float32, name: str = "LogNormal") -> None:
        super().__init__(distribution=Normal(loc, scale, dtype=dtype), bijector=Exp(), seed=seed, name=name)
        self._reset_parameters()
        self._loc = self._add_parameter(loc, "loc")
        self._scale = self._add_parameter(scale, "scale")

    loc = property(lambda self: self._loc)
    scale = property(lambda self: self._scale)

    def _scalar_repr(self) -> str:
        return f"loc = {self._loc}, scale = {self._scale}"

    def _get_dist_type(self) -> str:
        return "LogNormal"

    def _get_dist_args(self, loc=None, scale=None):
        return self._dist_args(loc, scale)

    def _mean(self, loc=None, scale=None):
        m, s = self._args(loc, scale)
        return wrap(jnp.exp(m + 0.5 * jnp.square(s)))

    def _mode(self, loc=None, scale=None):
        m, s = self._args(loc, scale)
        return wrap(jnp.exp(m - jnp.square(s)))

    def _var(self, loc=None, scale=None):
        m, s = self._args(loc, scale)
        return wrap(jnp.expm1(jnp.square(s)) * jnp.exp(2.0 * m + jnp.square(s)))

    def _entropy(self, loc=None, scale=None):
        m, s = self._args(loc, scale)
        return wrap(m + 0.5 + jnp.log(s) + float(0.5 * np.log(2 * np.pi)))

    def _cdf(self, value, loc=None, scale=None):
        m, s = self._args(loc, scale)
        cdf = self.distribution("cdf", self.bijector("inverse", value), wrap(m), wrap(s))._arr
        return wrap(jnp.where(value._arr > 0.0, cdf, 0.0).astype(cdf.dtype))

    def _log_prob(self, value, loc=None, scale=None):
        m, s = self._args(loc, scale)
        base = self.distribution("log_prob", self.bijector("inverse", value), wrap(m), wrap(s))._arr
        return wrap(base + self.bijector("inverse_log_jacobian", value)._arr)

    def _kl_loss(self, dist, loc_b, scale_b, loc_a=None, scale_a=None):
        C.check_distribution_name(dist, "LogNormal")
        return self.distribution("kl_loss", "Normal", loc_b, scale_b, loc_a, scale_a)

    def _cross_entropy(self, dist, loc_b, scale_b, loc_a=None, scale_a=None):
        C.check_distribution_name(dist, "LogNormal")
        return wrap(self._entropy(loc_a, scale_a)._arr + self._kl_loss(dist, loc_b, scale_b, loc_a, scale_a)._arr)

    def _sample(self, shape=(), loc=None, scale=None):
        m, s = self._args(loc, scale)
        return self.bijector("forward", self.distribution("sample", C.check_tuple(shape, "shape"), wrap(m), wrap(s)))
