"""`mindspore.experimental.optim.adamax`: Adamax (Adam with the infinity norm)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_betas, _check_positive

__all__ = ["Adamax"]


class Adamax(Optimizer):
    """`Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, *, maximize=False)`:
    m = b1 m + (1 - b1) g; u = max(b2 u, |g| + eps); param -= lr / (1 - b1^t) * m / u. State `exp_avg.<name>`,
    `exp_inf.<name>` and an Int32 `step_t`."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, *,
                 maximize: bool = False) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, weight_decay=weight_decay)
        _check_betas(self, betas)
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                                  "maximize": maximize})
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)
        self.exp_avg = self._state("exp_avg")
        self.exp_inf = self._state("exp_inf")

    def construct(self, grads):
        grads = self._grads(grads)
        step = self._count()
        for group, k, p in self._each():
            b1, b2 = group["betas"]
            g = self._grad(group, grads[k], p)
            m = self.exp_avg[k]._arr * b1 + g * (1 - b1)
            u = jnp.maximum(self.exp_inf[k]._arr * b2, jnp.abs(g) + group["eps"])
            assign(self.exp_avg[k], Tensor(m))
            assign(self.exp_inf[k], Tensor(u))
            rate = (_arr(group["lr"]) / (1 - b1 ** step)).astype(p._arr.dtype)
            assign(p, Tensor(p._arr - rate * m / u))
        return True
