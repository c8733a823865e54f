"""`ScalarAffine(scale, shift)`: y = scale * x + shift."""

from __future__ import annotations

import jax.numpy as jnp

from ....common.tensor import wrap
from .bijector import Bijector


class ScalarAffine(Bijector):
    """y = scale * x + shift, with a constant log-Jacobian log|scale|."""

    def __init__(self, scale=1.0, shift=0.0, name: str = "ScalarAffine") -> None:
        param = dict(locals())
        param["param_dict"] = {"scale": scale, "shift": shift}
        super().__init__(is_constant_jacobian=True, is_injective=True, name=name, dtype=None, param=param)
        self._scale = self._add_parameter(scale, "scale")
        self._shift = self._add_parameter(shift, "shift")

    scale = property(lambda self: self._scale)
    shift = property(lambda self: self._shift)

    def extend_repr(self) -> str:
        if self.is_scalar_batch:
            return f"scale = {self.scale}, shift = {self.shift}"
        return f"batch_shape = {self.batch_shape}"

    def _forward(self, x):
        x, scale, shift = self._value_and(x, self._scale, self._shift)
        return wrap(scale * x + shift * jnp.ones_like(x))

    def _inverse(self, y):
        y, scale, shift = self._value_and(y, self._scale, self._shift)
        return wrap((y - shift) / scale)

    def _forward_log_jacobian(self, x):
        _, scale = self._value_and(x, self._scale)
        return wrap(jnp.log(jnp.abs(scale)))

    def _inverse_log_jacobian(self, y):
        _, scale = self._value_and(y, self._scale)
        return wrap(-1.0 * jnp.log(jnp.abs(scale)))
