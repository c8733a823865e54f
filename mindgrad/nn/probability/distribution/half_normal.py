"""`HalfNormal(mean, sd)`: |X| for X ~ Normal(mean, sd), as MindSpore defines its density."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ....common import dtype as mstype
from ....common.tensor import wrap
from .. import _checks as C
from .distribution import Distribution


class HalfNormal(Distribution):
    """Half-normal distribution: only `prob` (and `log_prob` from it) is defined, as in MindSpore:
    sqrt(2/pi) / sd * exp(-((x - mean) / sd)^2 / 2) for x >= 0, else 0."""

    def __init__(self, mean=None, sd=None, seed: int | None = None, dtype=mstype.float32,
                 name: str = "HalfNormal") -> None:
        param = dict(locals())
        param["param_dict"] = {"mean": mean, "sd": sd}
        C.check_dtype(dtype, mstype.float_type, type(self).__name__)
        super().__init__(seed, dtype, name, param)
        self._mean_value = self._add_parameter(mean, "mean")
        self._sd_value = self._add_parameter(sd, "sd")
        if self._sd_value is not None:
            C.check_greater_zero(self._sd_value, "Standard deviation")

    def _prob(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        pdf = np.sqrt(2.0 / np.pi).astype(np.float32) / s * jnp.exp(-0.5 * jnp.square((x - m) / s))
        return wrap(pdf * (x >= 0).astype(x.dtype))
