"""`Laplace(mean, sd)`: the Laplace distribution with location `mean` and scale `sd`."""

from __future__ import annotations

import jax.scipy.stats as jss

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class Laplace(Distribution):
    """Laplace distribution: only `log_prob` (and `prob` from it) is defined, as in MindSpore."""

    def __init__(self, mean=None, sd=None, seed: int | None = None, dtype=mstype.float32,
                 name: str = "Laplace") -> None:
        param = dict(locals())
        param["param_dict"] = {"mean": mean, "sd": sd}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._mean_value = self._add_parameter(mean, "mean")
        self._sd_value = self._add_parameter(sd, "sd")
        if self._sd_value is not None:
            C.check_greater_zero(self._sd_value, "Standard deviation")

    def _log_prob(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        return wrap(C.jitted(jss.laplace.logpdf)(x, m, s))
