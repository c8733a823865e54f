"""What distributions with the same parameters share: their checks and registration at construction (each
parameter optional there, then given per call), as MindSpore's classes take them."""

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


class MeanSd(Distribution):
    """`mean` and standard deviation `sd` (> 0): Normal, HalfNormal, Laplace."""

    def __init__(self, mean=None, sd=None, seed: int | None = None, dtype=mstype.float32,
                 name: str | None = None) -> None:
        name = type(self).__name__ if name is None else name
        param = dict(locals())
        param["param_dict"] = {"mean": mean, "sd": sd}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._mean_value = self._add_parameter(mean, "mean")
        self._sd_value = self._add_parameter(sd, "sd")
        if self._sd_value is not None:
            C.check_greater_zero(self._sd_value, "Standard deviation")


class Probs(Distribution):
    """A success probability `probs` (0 < probs < 1), named `probs1` per call; `dtype` (Int32 by default) is the
    dtype of samples and modes: Bernoulli, Geometric."""

    def __init__(self, probs=None, seed: int | None = None, dtype=mstype.int32, name: str | None = None) -> None:
        name = type(self).__name__ if name is None else name
        param = dict(locals())
        param["param_dict"] = {"probs": probs}
        C.check_dtype(dtype, mstype.int_type + mstype.uint_type + mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._probs = self._add_parameter(probs, "probs")
        if self._probs is not None:
            C.check_prob(self._probs)

    probs = property(lambda self: self._probs)

    def _scalar_repr(self) -> str:
        return f"probs = {self._probs}"

    def _get_dist_type(self) -> str:
        return type(self).__name__

    def _get_dist_args(self, probs1=None):
        return self._dist_args(probs1)


class Rate(Distribution):
    """A `rate` (> 0): Exponential, Poisson (`_DTYPES`: the dtypes a subclass accepts)."""

    _DTYPES = mstype.float_type

    def __init__(self, rate=None, seed: int | None = None, dtype=mstype.float32, name: str | None = None) -> None:
        name = type(self).__name__ if name is None else name
        param = dict(locals())
        param["param_dict"] = {"rate": rate}
        C.check_dtype(dtype, self._DTYPES, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._rate = self._add_parameter(rate, "rate")
        if self._rate is not None:
            C.check_greater_zero(self._rate, "rate")

    rate = property(lambda self: self._rate)

    def _scalar_repr(self) -> str:
        return f"rate = {self._rate}"

    def _get_dist_type(self) -> str:
        return type(self).__name__

    def _get_dist_args(self, rate=None):
        return self._dist_args(rate)
