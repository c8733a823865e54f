"""`mindspore.nn.Adadelta` with MindSpore's ApplyAdadelta kernel, per element.

accum = rho * accum + (1 - rho) * g^2; update = sqrt(accum_update + eps) / sqrt(accum + eps) * g;
accum_update = rho * accum_update + (1 - rho) * update^2; param -= lr * update.
State `accum.<name>` and `accum_update.<name>` (zeros).
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _adadelta_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    """Adadelta(params, learning_rate=1.0, rho=0.9, epsilon=1e-6, loss_scale=1.0, weight_decay=0.0)."""

    @opt_init_args_register
    def __init__(self, params, learning_rate=1.0, rho: float = 0.9, epsilon: float = 1e-6, loss_scale: float = 1.0,
                 weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        V.check_value_type("rho", rho, [float], self.cls_name)
        V.check_value_type("epsilon", epsilon, [float], self.cls_name)
        V.check_float_range(rho, 0.0, 1.0, (True, True), "rho", self.cls_name)
        V.check_non_negative_float(epsilon, "epsilon", self.cls_name)
        self.accum = self.parameters.clone(prefix="accum", init=0)
        self.accum_update = self.parameters.clone(prefix="accum_update", init=0)
        self.rho = rho
        self.epsilon = epsilon

    def construct(self, grads) -> tuple:
        if not isinstance(grads, tuple) or not isinstance(grads[0], Tensor):
            raise TypeError("For 'Adadelta', the 'grads' must be a tuple of Tensor.")
        grads = self._check_gradients(grads)
        grads = self.decay_weight(grads)
        grads = self.gradients_centralization(grads)
        grads = self.scale_grad(grads)
        lrs = self._step_lr()
        for param, grad, lr, accum, accum_update in zip(self.parameters, grads, lrs, self.accum, self.accum_update,
                                                        strict=True):
            dtype = param._arr.dtype
            new_param, new_accum, new_update = _adadelta_kernel(
                param._arr, accum._arr, accum_update._arr, lr.astype(dtype), jnp.asarray(self.rho, dtype),
                jnp.asarray(self.epsilon, dtype), grad._arr.astype(dtype))
            param.set_data(wrap(new_param))
            accum.set_data(wrap(new_accum))
            accum_update.set_data(wrap(new_update))
        return (True,) * self.param_length
