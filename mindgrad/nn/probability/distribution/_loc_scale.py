"""The location-scale families whose parameters are `loc` and `scale` (> 0), both optional at construction
(then given per call), as MindSpore's Cauchy and Logistic take them."""

from __future__ import annotations

from ....common import dtype as mstype
from .. import _checks as C
from .distribution import Distribution


class LocScale(Distribution):
    """`loc` and `scale` checked and registered as MindSpore does; a subclass adds the math."""

    def __init__(self, loc=None, scale=None, seed: int | None = None, dtype=mstype.float32,
                 name: str | None = None) -> None:
        name = type(self).__name__ if name is None else name
        param = dict(locals())
        param["param_dict"] = {"loc": loc, "scale": scale}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._loc = self._add_parameter(loc, "loc")
        self._scale = self._add_parameter(scale, "scale")
        if self._scale is not None:
            C.check_greater_zero(self._scale, "scale")

    loc = property(lambda self: self._loc)
    scale = property(lambda self: self._scale)

    def _scalar_repr(self) -> str:
        return f"location = {self._loc}, scale = {self._scale}"

    def _get_dist_type(self) -> str:
        return type(self).__name__

    def _get_dist_args(self, loc=None, scale=None):
        return self._dist_args(loc, scale)
