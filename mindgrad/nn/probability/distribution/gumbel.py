"""`Gumbel(loc, scale)`: the Gumbel (type I extreme value) distribution."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.stats as jss
import numpy as np

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from ..bijector import GumbelCDF, Invert
from .transformed_distribution import TransformedDistribution
from .uniform import Uniform


class Gumbel(TransformedDistribution):
    """Gumbel distribution with `loc` and `scale` (> 0), both required at construction (its
    methods take no per-call parameters, as in MindSpore)."""

    def __init__(self, loc, scale, seed: int = 0, dtype=mstype.float32, name: str = "Gumbel") -> None:
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        gumbel_cdf = GumbelCDF(loc, scale)
        super().__init__(distribution=Uniform(0.0, 1.0, dtype=dtype), bijector=Invert(gumbel_cdf), seed=seed,
                         name=name)
        self._reset_parameters()
        self._loc = self._add_parameter(loc, "loc")
        self._scale = self._add_parameter(scale, "scale")
        self._gumbel_bijector = gumbel_cdf

    loc = property(lambda self: self._loc)
    scale = property(lambda self: self._scale)

    def _scalar_repr(self) -> str:
        return f"loc = {self._loc}, scale = {self._scale}"

    def _get_dist_type(self) -> str:
        return "Gumbel"

    def _get_dist_args(self, loc=None, scale=None):
        return self._dist_args(loc, scale)

    def _mean(self):
        return wrap(self._loc._arr + self._scale._arr * np.euler_gamma)

    def _mode(self):
        return wrap(self._loc._arr * jnp.ones_like(self._scale._arr))

    def _sd(self):
        scale = jnp.broadcast_to(self._scale._arr, self._broadcast_shape)
        return wrap(scale * np.pi / np.sqrt(6.0).astype(np.float32))

    def _entropy(self):
        scale = jnp.broadcast_to(self._scale._arr, self._broadcast_shape)
        return wrap(1.0 + jnp.log(scale) + np.euler_gamma)

    def _log_prob(self, value):
        return wrap(C.jitted(jss.gumbel_r.logpdf)(self._value(value), self._loc._arr, self._scale._arr))

    def _cdf(self, value):
        return self._gumbel_bijector("forward", wrap(self._value(value)))

    def _kl_loss(self, dist, loc_b, scale_b):
        C.check_distribution_name(dist, "Gumbel")
        lb, sb = self._other(loc_b, "loc_b"), self._other(scale_b, "scale_b")
        la, sa = self._loc._arr, self._scale._arr
        return wrap(jnp.log(sb / sa) + np.euler_gamma * (sa / sb - 1.0) + (la - lb) / sb
                    + jnp.expm1((lb - la) / sb + jax.scipy.special.gammaln(sa / sb + 1.0)))

    def _cross_entropy(self, dist, loc_b, scale_b):
        C.check_distribution_name(dist, "Gumbel")
        return wrap(self._entropy()._arr + self._kl_loss(dist, loc_b, scale_b)._arr)

    def _sample(self, shape=()):
        shape = C.check_tuple(shape, "shape") + self._broadcast_shape
        g = jax.random.gumbel(self._key(), shape, jnp.float32)
        return self._out(self._loc._arr + self._scale._arr * g)
