"""`Laplace(mean, sd)`: the Laplace distribution with location `mean` and scale `sd`."""

from __future__ import annotations

import jax.scipy.stats as jss

from ....common.tensor import wrap
from .. import _checks as C
from ._families import MeanSd


class Laplace(MeanSd):
    """Laplace distribution: only `log_prob` (and `prob` from it) is defined, as in MindSpore."""

    def _log_prob(self, value, mean=None, sd=None):
        x = self._value(value)
        m, s = self._args(mean, sd)
        return wrap(C.jitted(jss.laplace.logpdf)(x, m, s))
