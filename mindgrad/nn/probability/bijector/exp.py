"""`Exp()`: y = exp(x)."""

from __future__ import annotations

from .power_transform import PowerTransform


class Exp(PowerTransform):
    """The exponential bijector (a PowerTransform with power 0)."""

    def __init__(self, name: str = "Exp") -> None:
        super().__init__(name=name)

    def extend_repr(self) -> str:
        return "exp" if self.is_scalar_batch else f"batch_shape = {self.batch_shape}"
