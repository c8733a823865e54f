"""`DenseReparam` and `DenseLocalReparam`: Bayesian dense layers."""

from __future__ import annotations

import jax.numpy as jnp

from ....common.tensor import wrap
from ... import _validator as V
from ...cell import Cell
from ...layer import get_activation
from ..distribution import Normal
from ._util import check_posterior, check_prior
from .layer_distribution import NormalPrior, normal_post_fn

__all__ = ["DenseReparam", "DenseLocalReparam"]


class _DenseVariational(Cell):
    """Shared part of the Bayesian dense layers: posteriors of the weight (out, in) and bias
    (out,), their priors, the bias and activation, and `compute_kl_loss` (sum of KL(prior||posterior)
    as MindSpore computes it)."""

    def __init__(self, in_channels: int, out_channels: int, activation=None, has_bias: bool = True,
                 weight_prior_fn=NormalPrior, weight_posterior_fn=normal_post_fn, bias_prior_fn=NormalPrior,
                 bias_posterior_fn=normal_post_fn) -> None:
        super().__init__()
        self.in_channels = V.check_positive_int(in_channels)
        self.out_channels = V.check_positive_int(out_channels)
        self.has_bias = V.check_bool(has_bias)
        self.weight_prior = check_prior(weight_prior_fn, "weight_prior_fn")
        self.weight_posterior = check_posterior(weight_posterior_fn, shape=[self.out_channels, self.in_channels],
                                                param_name="bnn_weight", arg_name="weight_posterior_fn")
        if self.has_bias:
            self.bias_prior = check_prior(bias_prior_fn, "bias_prior_fn")
            self.bias_posterior = check_posterior(bias_posterior_fn, shape=[self.out_channels], param_name="bnn_bias",
                                                  arg_name="bias_posterior_fn")
        self.activation_flag = bool(activation)
        if isinstance(activation, str):
            activation = get_activation(activation)
        elif activation and not isinstance(activation, Cell):
            raise ValueError("The type of `activation` is wrong.")
        self.activation = activation

    def construct(self, x):
        outputs = self._apply_variational_weight(x)
        if self.has_bias:
            outputs = self.apply_variational_bias(outputs)
        if self.activation_flag:
            outputs = self.activation(outputs)
        return outputs

    def extend_repr(self) -> str:
        s = (f"in_channels={self.in_channels}, out_channels={self.out_channels}, "
             f"weight_mean={self.weight_posterior.mean}, weight_std={self.weight_posterior.untransformed_std}, "
             f"has_bias={self.has_bias}")
        if self.has_bias:
            s += f", bias_mean={self.bias_posterior.mean}, bias_std={self.bias_posterior.untransformed_std}"
        if self.activation_flag:
            s += f", activation={self.activation}"
        return s

    def apply_variational_bias(self, inputs):
        return wrap(inputs._arr + self.bias_posterior("sample")._arr)

    def compute_kl_loss(self):
        """Sum over the weight (and bias) of the prior's kl_loss against the posterior."""
        kl = jnp.sum(self.weight_prior("kl_loss", self.weight_posterior("get_dist_type"),
                                       *self.weight_posterior("get_dist_args"))._arr)
        if self.has_bias:
            kl = kl + jnp.sum(self.bias_prior("kl_loss", self.bias_posterior("get_dist_type"),
                                              *self.bias_posterior("get_dist_args"))._arr)
        return wrap(kl)


class DenseReparam(_DenseVariational):
    """Dense layer whose weight is sampled from its posterior on every call (reparameterization)."""

    def _apply_variational_weight(self, inputs):
        return wrap(inputs._arr @ self.weight_posterior("sample")._arr.T)


class DenseLocalReparam(_DenseVariational):
    """Dense layer with the local reparameterization trick: the pre-activations are sampled from
    Normal(x W_mean^T, sqrt(x^2 (W_sd^2)^T))."""

    def __init__(self, in_channels: int, out_channels: int, activation=None, has_bias: bool = True,
                 weight_prior_fn=NormalPrior, weight_posterior_fn=normal_post_fn, bias_prior_fn=NormalPrior,
                 bias_posterior_fn=normal_post_fn) -> None:
        super().__init__(in_channels, out_channels, activation=activation, has_bias=has_bias,
                         weight_prior_fn=weight_prior_fn, weight_posterior_fn=weight_posterior_fn,
                         bias_prior_fn=bias_prior_fn, bias_posterior_fn=bias_posterior_fn)
        self.normal = Normal()

    def _apply_variational_weight(self, inputs):
        x = inputs._arr
        mean = x @ self.weight_posterior("mean")._arr.T
        std = jnp.sqrt(jnp.square(x) @ jnp.square(self.weight_posterior("sd")._arr).T)
        return self.normal("sample", mean=wrap(mean), sd=wrap(std))
