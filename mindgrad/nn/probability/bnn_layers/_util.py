"""Checks of the prior and posterior arguments of the Bayesian layers."""

from __future__ import annotations

from ....common.tensor import Tensor
from ...cell import Cell


def check_prior(prior_fn, arg_name: str) -> Cell:
    """The prior Cell (`prior_fn` itself or `prior_fn()`): a Normal with default parameters."""
    prior = prior_fn if isinstance(prior_fn, Cell) else prior_fn()
    for name, dist in prior.name_cells().items():
        if name != "normal":
            raise TypeError(f"The type of distribution of `{arg_name}` must be `normal`")
        if not (isinstance(dist._mean_value, Tensor) and isinstance(dist._sd_value, Tensor)):
            raise TypeError(f"The input form of `{arg_name}` is incorrect")
    return prior


def check_posterior(posterior_fn, shape, param_name: str, arg_name: str) -> Cell:
    """`posterior_fn(shape=shape, name=param_name)`, which must hold a Normal."""
    try:
        posterior = posterior_fn(shape=shape, name=param_name)
    except TypeError:
        raise TypeError(f"The type of `{arg_name}` must be `NormalPosterior`") from None
    for name in posterior.name_cells():
        if name != "normal":
            raise TypeError(f"The type of distribution of `{arg_name}` must be `normal`")
    return posterior
