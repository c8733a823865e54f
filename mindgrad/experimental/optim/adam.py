"""`mindspore.experimental.optim.adam`: Adam (L2 weight decay, optional AMSGrad)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr

__all__ = ["Adam"]


class Adam(Optimizer):
    """`Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *, maximize=False)`:
    bias-corrected moments; weight decay is added to the gradient (L2)."""

    _decoupled = False

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad: bool = False, *,
                 maximize: bool = False) -> None:
        if not 0.0 <= betas[0] < 1.0 or not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"For '{type(self).__name__}', the 'betas' should be in [0, 1), but got {betas}.")
        if eps < 0:
            raise ValueError(f"For '{type(self).__name__}', the 'eps' should be >= 0, but got {eps}.")
        super().__init__(params, {"lr": lr, "betas": tuple(betas), "eps": eps, "weight_decay": weight_decay,
                                  "amsgrad": amsgrad, "maximize": maximize})
        self.exp_avg = self._state("exp_avg")
        self.exp_avg_sq = self._state("exp_avg_sq")
        self.max_exp_avg_sq = self._state("max_exp_avg_sq")
        self.state_step = Parameter(Tensor(np.int32(0)), name="state_step", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        step = _arr(self.state_step) + 1
        for group, k, p in self._each():
            g = _arr(grads[k])
            g = -g if group["maximize"] else g
            lr = _arr(group["lr"]).astype(p._arr.dtype)
            b1, b2 = group["betas"]
            w = p._arr
            if group["weight_decay"]:
                if self._decoupled:
                    w = w * (1 - lr * group["weight_decay"])
                else:
                    g = g + group["weight_decay"] * w
            m = b1 * self.exp_avg[k]._arr + (1 - b1) * g
            v = b2 * self.exp_avg_sq[k]._arr + (1 - b2) * g * g
            assign(self.exp_avg[k], Tensor(m))
            assign(self.exp_avg_sq[k], Tensor(v))
            if group["amsgrad"]:
                v = jnp.maximum(self.max_exp_avg_sq[k]._arr, v)
                assign(self.max_exp_avg_sq[k], Tensor(v))
            c1 = 1 - b1 ** step
            c2 = 1 - b2 ** step
            denom = jnp.sqrt(v) / jnp.sqrt(c2).astype(w.dtype) + group["eps"]
            assign(p, Tensor(w - (lr / c1).astype(w.dtype) * m / denom))
        assign(self.state_step, Tensor(step))
        return True
