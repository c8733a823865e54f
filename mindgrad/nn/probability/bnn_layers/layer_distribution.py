"""`NormalPrior` and `NormalPosterior`: the weight distributions of the Bayesian layers."""

from __future__ import annotations

import jax
import numpy as np

from ....common import dtype as mstype
from ....common import seed as _seed
from ....common.parameter import Parameter
from ....common.tensor import Tensor, wrap
from ...cell import Cell
from ..distribution import Normal

__all__ = ["NormalPrior", "NormalPosterior"]


class NormalPrior(Cell):
    """A fixed Normal(`mean`, `std`) prior; calling it runs the Normal's method by name."""

    def __init__(self, dtype=mstype.float32, mean=0, std=0.1) -> None:
        super().__init__()
        self.normal = Normal(mean, std, dtype=dtype)

    def construct(self, *inputs, **kwargs):
        return self.normal(*inputs, **kwargs)


def _check_number(value, name: str, non_negative: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (non_negative and value < 0):
        if non_negative:
            raise TypeError(f"The type of `{name}` must be `int` or `float` and its value must > 0")
        raise TypeError(f"The type of `{name}` must be `int` or `float`")


class NormalPosterior(Cell):
    """A trainable Normal posterior of `shape`: Parameters `<name>_mean` and
    `<name>_untransformed_std` (drawn from Normal(loc_mean, loc_std) and
    Normal(untransformed_scale_mean, untransformed_scale_std) with the initializers' generator); its
    standard deviation is 1e-6 + softplus(untransformed_std)."""

    def __init__(self, name: str, shape, dtype=mstype.float32, loc_mean=0, loc_std=0.1,
                 untransformed_scale_mean=-5, untransformed_scale_std=0.1) -> None:
        super().__init__()
        if not isinstance(name, str):
            raise TypeError("The type of `name` must be `str`")
        if not isinstance(shape, (tuple, list)):
            raise TypeError("The type of `shape` must be `tuple` or `list`")
        _check_number(loc_mean, "loc_mean")
        _check_number(untransformed_scale_mean, "untransformed_scale_mean")
        _check_number(loc_std, "loc_std", True)
        _check_number(untransformed_scale_std, "untransformed_scale_std", True)
        rng = _seed.rng()
        self.mean = Parameter(Tensor(rng.normal(loc_mean, loc_std, shape).astype(np.float32), dtype=dtype),
                              name=name + "_mean")
        self.untransformed_std = Parameter(
            Tensor(rng.normal(untransformed_scale_mean, untransformed_scale_std, shape).astype(np.float32),
                   dtype=dtype), name=name + "_untransformed_std")
        self.normal = Normal()

    def _std_trans(self, std_pre: Tensor) -> Tensor:
        return wrap(1e-6 + jax.nn.softplus(std_pre._arr))

    def construct(self, *inputs):
        return self.normal(*inputs, mean=self.mean, sd=self._std_trans(self.untransformed_std))


def normal_post_fn(name: str, shape) -> NormalPosterior:
    return NormalPosterior(name=name, shape=shape)
