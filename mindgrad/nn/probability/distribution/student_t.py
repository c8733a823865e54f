"""`StudentT(df, mean, sd)`: Student's t distribution."""

from __future__ import annotations

import jax.scipy.stats as jss

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class StudentT(Distribution):
    """Student's t with `df` degrees of freedom, location `mean` and scale `sd` (both > 0): only
    `log_prob` (and `prob` from it) is defined, as in MindSpore."""

    def __init__(self, df=None, mean=None, sd=None, seed: int | None = None, dtype=mstype.float32,
                 name: str = "StudentT") -> None:
        param = dict(locals())
        param["param_dict"] = {"df": df, "mean": mean, "sd": sd}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._df_value = self._add_parameter(df, "df")
        self._mean_value = self._add_parameter(mean, "mean")
        self._sd_value = self._add_parameter(sd, "sd")
        if self._sd_value is not None:
            C.check_greater_zero(self._sd_value, "Standard deviation")
        if self._df_value is not None:
            C.check_greater_zero(self._df_value, "Degrees of freedom")

    def _log_prob(self, value, df=None, mean=None, sd=None):
        x = self._value(value)
        d, m, s = self._args(df, mean, sd)
        return wrap(C.jitted(jss.t.logpdf)(x, d, m, s))
