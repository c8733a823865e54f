"""`Softplus(sharpness)`: y = log(1 + exp(sharpness * x)) / sharpness."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ....common.tensor import wrap
from .bijector import Bijector


def _inverse_softplus(x):
    """log(exp(x) - 1), computed as x + log(-expm1(-x))."""
    return x + jnp.log(jnp.abs(jnp.expm1(-x)))


class Softplus(Bijector):
    """The softplus bijector with `sharpness` k: y = log(1 + exp(k x)) / k."""

    def __init__(self, sharpness=1.0, name: str = "Softplus") -> None:
        param = dict(locals())
        param["param_dict"] = {"sharpness": sharpness}
        super().__init__(name=name, dtype=None, param=param)
        self._sharpness = self._add_parameter(sharpness, "sharpness")

    sharpness = property(lambda self: self._sharpness)

    def extend_repr(self) -> str:
        if self.is_scalar_batch:
            return f"sharpness = {self.sharpness}"
        return f"batch_shape = {self.batch_shape}"

    def _forward(self, x):
        x, k = self._value_and(x, self._sharpness)
        return wrap(jax.nn.softplus(k * x) / k)

    def _inverse(self, y):
        y, k = self._value_and(y, self._sharpness)
        return wrap(_inverse_softplus(k * y) / k)

    def _forward_log_jacobian(self, x):
        x, k = self._value_and(x, self._sharpness)
        return wrap(jax.nn.log_sigmoid(k * x))

    def _inverse_log_jacobian(self, y):
        y, k = self._value_and(y, self._sharpness)
        return wrap(k * y - _inverse_softplus(k * y))
