"""`mindspore.nn.RMSProp` with MindSpore's ApplyRMSProp / ApplyCenteredRMSProp kernels, per element.

ms = decay * ms + (1 - decay) * g^2; mom = momentum * mom + lr * g / sqrt(ms + eps); param -= mom.
Centered: mg = decay * mg + (1 - decay) * g and the denominator is sqrt(ms - mg^2 + eps).
State `mean_square.<name>` (ones), `moment.<name>` (zeros), centered also `mean_grad.<name>` (zeros).
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _rmsprop_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["RMSProp"]


class RMSProp(Optimizer):
    """RMSProp(params, learning_rate=0.1, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
    centered=False, loss_scale=1.0, weight_decay=0.0)."""

    @opt_init_args_register
    def __init__(self, params, learning_rate=0.1, decay: float = 0.9, momentum: float = 0.0, epsilon: float = 1e-10,
                 use_locking: bool = False, centered: bool = False, loss_scale: float = 1.0,
                 weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        V.check_value_type("decay", decay, [float], self.cls_name)
        V.check_non_negative_float(decay, "decay", self.cls_name)
        V.check_value_type("momentum", momentum, [float], self.cls_name)
        V.check_non_negative_float(momentum, "momentum", self.cls_name)
        V.check_value_type("epsilon", epsilon, [float], self.cls_name)
        V.check_positive_float(epsilon, "epsilon", self.cls_name)
        V.check_value_type("use_locking", use_locking, [bool], self.cls_name)
        V.check_value_type("centered", centered, [bool], self.cls_name)
        self.centered = centered
        if centered:
            self.mg = self._parameters.clone(prefix="mean_grad", init="zeros")
        self.momentum = momentum
        self.ms = self._parameters.clone(prefix="mean_square", init="ones")
        self.moment = self._parameters.clone(prefix="moment", init="zeros")
        self.epsilon = epsilon
        self.decay = decay

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        gradients = self.decay_weight(gradients)
        gradients = self.gradients_centralization(gradients)
        gradients = self.scale_grad(gradients)
        lrs = self._step_lr()
        mgs = self.mg if self.centered else self.ms
        for param, grad, lr, mg, ms, mom in zip(self._parameters, gradients, lrs, mgs, self.ms, self.moment,
                                                strict=True):
            dtype = param._arr.dtype
            hyper = [jnp.asarray(x, dtype) for x in (self.decay, self.momentum, self.epsilon)]
            new_param, new_mg, new_ms, new_mom = _rmsprop_kernel(
                param._arr, mg._arr, ms._arr, mom._arr, lr.astype(dtype), grad._arr.astype(dtype), *hyper,
                centered=self.centered)
            param.set_data(wrap(new_param))
            if self.centered:
                mg.set_data(wrap(new_mg))
            ms.set_data(wrap(new_ms))
            mom.set_data(wrap(new_mom))
        return (True,) * self.param_length
