"""`mindspore.experimental.optim.adagrad`: Adagrad with learning-rate decay (MindSpore's `ApplyAdagradV2`)."""

from __future__ import annotations

import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from ...ops.operations._optim_kernels import _adagrad_kernel
from .optimizer import Optimizer, _arr, _check_positive

__all__ = ["Adagrad"]


class Adagrad(Optimizer):
    """`Adagrad(params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10, *,
    maximize=False)`: accum += g ** 2; param -= lr / (1 + (t - 1) * lr_decay) * g / (sqrt(accum) + eps). State
    `accum.<name>` and an Int32 `step_t`."""

    def __init__(self, params, lr=1e-2, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10, *,
                 maximize: bool = False) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, lr_decay=lr_decay, weight_decay=weight_decay,
                        initial_accumulator_value=initial_accumulator_value)
        super().__init__(params, {"lr": lr, "lr_decay": lr_decay, "eps": eps, "weight_decay": weight_decay,
                                  "initial_accumulator_value": initial_accumulator_value, "maximize": maximize})
        self.accum = self._state("accum", initial_accumulator_value)
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        done = _arr(self.step_t)
        for group, k, p in self._each():
            dt = p._arr.dtype
            lr = (_arr(group["lr"]) / (1 + done * group["lr_decay"])).astype(dt)
            new_p, accum = _adagrad_kernel(p._arr, self.accum[k]._arr, lr, self._grad(group, grads[k], p),
                                           update_slots=True, eps=_arr(group["eps"]).astype(dt))
            assign(self.accum[k], Tensor(accum))
            assign(p, Tensor(new_p))
        self._count()
        return True
