"""`PowerTransform(power)`: y = (1 + x * power) ** (1 / power), exp(x) for power 0."""

from __future__ import annotations

import jax.numpy as jnp

from ....common.tensor import wrap
from .. import _checks as C
from .bijector import Bijector


class PowerTransform(Bijector):
    """The power transform with `power` >= 0; power 0 is the exponential."""

    def __init__(self, power=0.0, name: str = "PowerTransform") -> None:
        param = dict(locals())
        param["param_dict"] = {"power": power}
        super().__init__(name=name, param=param)
        self._power = self._add_parameter(power, "power")
        C.check_greater_equal_zero(self._power, "Power")

    power = property(lambda self: self._power)

    def extend_repr(self) -> str:
        if self.is_scalar_batch:
            return f"power = {self.power}"
        return f"batch_shape = {self.batch_shape}"

    def _prepare(self, value):
        v, p = self._value_and(value, self._power)
        shape = jnp.broadcast_shapes(v.shape, p.shape)
        v, p = jnp.broadcast_to(v, shape), jnp.broadcast_to(p, shape)
        return v, p, p == 0, jnp.where(p == 0, 1.0, p).astype(p.dtype)

    def _forward(self, x):
        x, p, zero, safe = self._prepare(x)
        return wrap(jnp.where(zero, jnp.exp(x), jnp.exp(jnp.log1p(x * safe) / safe)))

    def _inverse(self, y):
        y, p, zero, safe = self._prepare(y)
        return wrap(jnp.where(zero, jnp.log(y), jnp.expm1(jnp.log(y) * safe) / safe))

    def _forward_log_jacobian(self, x):
        x, p, zero, safe = self._prepare(x)
        return wrap(jnp.where(zero, x, (1.0 / safe - 1) * jnp.log1p(x * safe)))

    def _inverse_log_jacobian(self, y):
        y, p = self._value_and(y, self._power)
        return wrap((p - 1) * jnp.log(y))
