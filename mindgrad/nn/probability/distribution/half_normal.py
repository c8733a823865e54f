"""`HalfNormal(mean, sd)`: |X| for X ~ Normal(mean, sd), as MindSpore defines its density."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ....common.tensor import wrap
from ._families import MeanSd


class HalfNormal(MeanSd):
    """Half-normal distribution: only `prob` (and `log_prob` from it) is defined, as in MindSpore:
    sqrt(2/pi) / sd * exp(-((x - mean) / sd)^2 / 2) for x >= 0, else 0."""

    def _prob(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        pdf = np.sqrt(2.0 / np.pi).astype(np.float32) / s * jnp.exp(-0.5 * jnp.square((x - m) / s))
        return wrap(pdf * (x >= 0).astype(x.dtype))
