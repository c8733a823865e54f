"""`mindspore.nn.FTRL` with MindSpore's ApplyFtrl kernel, per element (dense gradients).

accum_new = accum + g^2; linear += g - (accum_new^-p - accum^-p) / lr * param (p = lr_power);
param = (l1 * sign(linear) - linear) / (accum_new^-p / lr + 2 * l2) where |linear| > l1, else 0.
State `moments.<name>` (filled with `initial_accum`) and `linear.<name>` (zeros). Weight decay applies to
every Parameter when not grouped; the learning rate must be a fixed float.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _ftrl_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["FTRL"]


def _check_param(initial_accum, learning_rate, lr_power, l1, l2, use_locking, prim_name: str) -> None:
    V.check_value_type("initial_accum", initial_accum, [float], prim_name)
    V.check_number(initial_accum, 0.0, "ge", float, "initial_accum", prim_name)
    V.check_value_type("learning_rate", learning_rate, [float], prim_name)
    V.check_positive_float(learning_rate, "learning_rate", prim_name)
    V.check_value_type("lr_power", lr_power, [float], prim_name)
    if lr_power > 0.0:
        raise ValueError(f"For '{prim_name}', the 'lr_power' must be less than or equal to 0.0, but got {lr_power}.")
    V.check_value_type("l1", l1, [float], prim_name)
    V.check_number(l1, 0.0, "ge", float, "l1", prim_name)
    V.check_value_type("l2", l2, [float], prim_name)
    V.check_number(l2, 0.0, "ge", float, "l2", prim_name)
    V.check_value_type("use_locking", use_locking, [bool], prim_name)


class FTRL(Optimizer):
    """FTRL(params, initial_accum=0.1, learning_rate=0.001, lr_power=-0.5, l1=0.0, l2=0.0, use_locking=False,
    loss_scale=1.0, weight_decay=0.0)."""

    @opt_init_args_register
    def __init__(self, params, initial_accum: float = 0.1, learning_rate=0.001, lr_power: float = -0.5,
                 l1: float = 0.0, l2: float = 0.0, use_locking: bool = False, loss_scale: float = 1.0,
                 weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale=loss_scale)
        if self.dynamic_lr or self.is_group_lr:
            raise ValueError(f"For 'FTRL', dynamic learning rate and group learning rate are currently not supported "
                             f"in FTRL, they should all be false, but got dynamic learning rate {self.dynamic_lr} and "
                             f"group learning rate {self.is_group_lr}.")
        _check_param(initial_accum, learning_rate, lr_power, l1, l2, use_locking, self.cls_name)
        self.moments = self._parameters.clone(prefix="moments", init=initial_accum)
        self.linear = self._parameters.clone(prefix="linear", init="zeros")
        self.l1 = l1
        self.l2 = l2
        self.lr = learning_rate
        self.lr_power = lr_power
        if not self.is_group:
            self.decay_flags = (True,) * self.param_length
        self.use_locking = use_locking

    def construct(self, grads) -> tuple:
        grads = self._check_gradients(grads)
        grads = self.decay_weight(grads)
        grads = self.gradients_centralization(grads)
        grads = self.scale_grad(grads)
        lrs = self._step_lr()
        for param, grad, lr, accum, linear in zip(self._parameters, grads, lrs, self.moments, self.linear,
                                                  strict=True):
            dtype = param._arr.dtype
            hyper = [jnp.asarray(x, dtype) for x in (self.l1, self.l2, self.lr_power)]
            new_param, new_accum, new_linear = _ftrl_kernel(param._arr, accum._arr, linear._arr,
                                                            grad._arr.astype(dtype), lr.astype(dtype), *hyper)
            param.set_data(wrap(new_param))
            accum.set_data(wrap(new_accum))
            linear.set_data(wrap(new_linear))
        return (True,) * self.param_length
