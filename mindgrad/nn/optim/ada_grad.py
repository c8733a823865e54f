"""`mindspore.nn.Adagrad` with MindSpore's ApplyAdagrad kernel, per element.

With `update_slots`: accum += g^2; then param -= lr * g / sqrt(accum). State `accum.<name>`, filled with
the `accum` argument.
"""

from __future__ import annotations

from ...common.tensor import wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _adagrad_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    """Adagrad(params, accum=0.1, learning_rate=0.001, update_slots=True, loss_scale=1.0, weight_decay=0.0)."""

    @opt_init_args_register
    def __init__(self, params, accum: float = 0.1, learning_rate=0.001, update_slots: bool = True,
                 loss_scale: float = 1.0, weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        V.check_value_type("accum", accum, [float], self.cls_name)
        V.check_value_type("update_slots", update_slots, [bool], self.cls_name)
        V.check_non_negative_float(accum, "accum", self.cls_name)
        self.accum = self._parameters.clone(prefix="accum", init=accum)
        self.update_slots = update_slots

    def construct(self, grads) -> tuple:
        grads = self._check_gradients(grads)
        grads = self.decay_weight(grads)
        grads = self.gradients_centralization(grads)
        grads = self.scale_grad(grads)
        lrs = self._step_lr()
        for param, grad, lr, accum in zip(self._parameters, grads, lrs, self.accum, strict=True):
            dtype = param._arr.dtype
            new_param, new_accum = _adagrad_kernel(param._arr, accum._arr, lr.astype(dtype), grad._arr.astype(dtype),
                                                   update_slots=self.update_slots)
            param.set_data(wrap(new_param))
            accum.set_data(wrap(new_accum))
        return (True,) * self.param_length
