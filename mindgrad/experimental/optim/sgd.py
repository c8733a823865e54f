"""`mindspore.experimental.optim.sgd`: SGD with momentum, dampening, Nesterov and weight decay."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr

__all__ = ["SGD"]


class SGD(Optimizer):
    """`SGD(params, lr, momentum=0, dampening=0, weight_decay=0.0, nesterov=False, *, maximize=False)`."""

    def __init__(self, params, lr, momentum=0, dampening=0, weight_decay=0.0, nesterov: bool = False, *,
                 maximize: bool = False) -> None:
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("For 'SGD', Nesterov momentum requires a momentum and zero dampening.")
        super().__init__(params, {"lr": lr, "momentum": momentum, "dampening": dampening,
                                  "weight_decay": weight_decay, "nesterov": nesterov, "maximize": maximize})
        self.momentum_buffer = self._state("momentum_buffer")
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        first = _arr(self.step_t) == 0
        for group, k, p in self._each():
            g = _arr(grads[k])
            g = -g if group["maximize"] else g
            if group["weight_decay"]:
                g = g + group["weight_decay"] * p._arr
            mom = group["momentum"]
            if mom:
                buf = self.momentum_buffer[k]
                new_buf = jnp.where(first, g, mom * buf._arr + (1 - group["dampening"]) * g)
                assign(buf, Tensor(new_buf))
                g = g + mom * new_buf if group["nesterov"] else new_buf
            assign(p, Tensor(p._arr - _arr(group["lr"]).astype(p._arr.dtype) * g))
        assign(self.step_t, Tensor(_arr(self.step_t) + 1))
        return True
