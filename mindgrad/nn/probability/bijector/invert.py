"""`Invert(bijector)`: the inverse of a bijector."""

from __future__ import annotations

from ... import _validator as V
from .bijector import Bijector


class Invert(Bijector):
    """Swaps `forward`/`inverse` and the two log-Jacobians of `bijector`; named 'Invert' + its name."""

    def __init__(self, bijector: Bijector, name: str = "") -> None:
        param = dict(locals())
        V.check_value_type("bijector", bijector, [Bijector], "Invert")
        name = name or ("Invert" + bijector.name)
        param["name"] = name
        super().__init__(is_constant_jacobian=bijector.is_constant_jacobian, is_injective=bijector.is_injective,
                         name=name, dtype=bijector.dtype, param=param)
        self._bijector = bijector
        self._batch_shape = bijector.batch_shape
        self._is_scalar_batch = bijector.is_scalar_batch

    bijector = property(lambda self: self._bijector)

    def inverse(self, y):
        return self.bijector("forward", y)

    def forward(self, x):
        return self.bijector("inverse", x)

    def inverse_log_jacobian(self, y):
        return self.bijector("forward_log_jacobian", y)

    def forward_log_jacobian(self, x):
        return self.bijector("inverse_log_jacobian", x)
