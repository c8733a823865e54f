"""`GumbelCDF(loc, scale)`: y = exp(-exp(-(x - loc) / scale)), the Gumbel distribution's cdf."""

from __future__ import annotations

import jax.numpy as jnp
import jax.scipy.stats as jss

from ....common.tensor import wrap
from .. import _checks as C
from .bijector import Bijector


class GumbelCDF(Bijector):
    """The cdf of the Gumbel distribution with `loc` and `scale` (> 0) as a bijector."""

    def __init__(self, loc=0.0, scale=1.0, name: str = "GumbelCDF") -> None:
        param = dict(locals())
        param["param_dict"] = {"loc": loc, "scale": scale}
        super().__init__(name=name, param=param)
        self._loc = self._add_parameter(loc, "loc")
        self._scale = self._add_parameter(scale, "scale")
        C.check_greater_zero(self._scale, "scale")

    loc = property(lambda self: self._loc)
    scale = property(lambda self: self._scale)

    def extend_repr(self) -> str:
        if self.is_scalar_batch:
            return f"loc = {self.loc}, scale = {self.scale}"
        return f"batch_shape = {self.batch_shape}"

    def _forward(self, x):
        x, loc, scale = self._value_and(x, self._loc, self._scale)
        return wrap(C.jitted(jss.gumbel_r.cdf)(x, loc, scale))

    def _inverse(self, y):
        y, loc, scale = self._value_and(y, self._loc, self._scale)
        return wrap(loc - scale * jnp.log(-jnp.log(y)))

    def _forward_log_jacobian(self, x):
        x, loc, scale = self._value_and(x, self._loc, self._scale)
        return wrap(C.jitted(jss.gumbel_r.logpdf)(x, loc, scale))

    def _inverse_log_jacobian(self, y):
        y, scale = self._value_and(y, self._scale)
        return wrap(jnp.log(scale / (-1.0 * y * jnp.log(y))))
