"""`ConvReparam`: a Bayesian 2-D convolution."""

from __future__ import annotations

import jax.numpy as jnp

from ....common.tensor import wrap
from ....ops.function.conv_pool_func import conv2d
from ...layer.conv import _Conv
from ._util import check_posterior, check_prior
from .layer_distribution import NormalPrior, normal_post_fn

__all__ = ["ConvReparam"]


def _twice(value) -> tuple:
    return (value, value) if isinstance(value, int) else tuple(value)


class _ConvVariational(_Conv):
    """A Conv2d whose weight (out, in / group, kh, kw) and bias are sampled from posteriors on each
    call; its own `weight`/`bias` Parameters exist but are not trained, as in MindSpore."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_prior_fn=NormalPrior,
                 weight_posterior_fn=normal_post_fn, bias_prior_fn=NormalPrior,
                 bias_posterior_fn=normal_post_fn) -> None:
        kernel_size, stride, dilation = _twice(kernel_size), _twice(stride), _twice(dilation)
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group, has_bias,
                         weight_init="normal", bias_init="zeros")
        if pad_mode not in ("valid", "same", "pad"):
            raise ValueError(f"Attr 'pad_mode' of 'Conv2d' Op passed {pad_mode}, should be one of values in 'valid', "
                             "'same', 'pad'.")
        self.shape = [self.out_channels, self.in_channels // self.group, *self.kernel_size]
        self.weight.requires_grad = False
        self.weight_prior = check_prior(weight_prior_fn, "weight_prior_fn")
        self.weight_posterior = check_posterior(weight_posterior_fn, shape=self.shape, param_name="bnn_weight",
                                                arg_name="weight_posterior_fn")
        if self.has_bias:
            self.bias.requires_grad = False
            self.bias_prior = check_prior(bias_prior_fn, "bias_prior_fn")
            self.bias_posterior = check_posterior(bias_posterior_fn, shape=[self.out_channels], param_name="bnn_bias",
                                                  arg_name="bias_posterior_fn")

    def construct(self, inputs):
        outputs = self._apply_variational_weight(inputs)
        if self.has_bias:
            outputs = self.apply_variational_bias(outputs)
        return outputs

    def extend_repr(self) -> str:
        s = (f"in_channels={self.in_channels}, out_channels={self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}, pad_mode={self.pad_mode}, padding={self.padding}, dilation={self.dilation}, "
             f"group={self.group}, weight_mean={self.weight_posterior.mean}, "
             f"weight_std={self.weight_posterior.untransformed_std}, has_bias={self.has_bias}")
        if self.has_bias:
            s += f", bias_mean={self.bias_posterior.mean}, bias_std={self.bias_posterior.untransformed_std}"
        return s

    def compute_kl_loss(self):
        """Sum over the weight (and bias) of the prior's kl_loss against the posterior."""
        kl = jnp.sum(self.weight_prior("kl_loss", self.weight_posterior("get_dist_type"),
                                       *self.weight_posterior("get_dist_args"))._arr)
        if self.has_bias:
            kl = kl + jnp.sum(self.bias_prior("kl_loss", self.bias_posterior("get_dist_type"),
                                              *self.bias_posterior("get_dist_args"))._arr)
        return wrap(kl)

    def apply_variational_bias(self, inputs):
        return wrap(inputs._arr + self.bias_posterior("sample")._arr[:, None, None])


class ConvReparam(_ConvVariational):
    """2-D convolution whose kernel is sampled from its posterior on every call (reparameterization)."""

    def _apply_variational_weight(self, inputs):
        return conv2d(inputs, self.weight_posterior("sample"), None, self.stride, self.pad_mode, self.padding,
                      self.dilation, self.group)
