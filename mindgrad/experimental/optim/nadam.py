"""`mindspore.experimental.optim.nadam`: NAdam (Adam with Nesterov momentum and momentum decay)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_betas, _check_positive

__all__ = ["NAdam"]


class NAdam(Optimizer):
    """`NAdam(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3)`:
    mu_t = b1 (1 - 0.5 * 0.96 ** (t * momentum_decay)); param -= lr (1 - mu_t) / (1 - prod mu) * g / denom +
    lr mu_{t+1} / (1 - prod mu * mu_{t+1}) * m / denom, denom = sqrt(v / (1 - b2^t)) + eps. State
    `exp_avg.<name>`, `exp_avg_sq.<name>`, `mu_product_<name>` (Float32 scalars) and an Int32 `step_t`."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                 momentum_decay=4e-3) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, weight_decay=weight_decay, momentum_decay=momentum_decay)
        _check_betas(self, betas)
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                                  "momentum_decay": momentum_decay})
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)
        self.exp_avg = self._state("exp_avg")
        self.exp_avg_sq = self._state("exp_avg_sq")
        self.mu_product = self._scalars("mu_product", 1.0)

    def construct(self, grads):
        grads = self._grads(grads)
        step = self._count().astype(jnp.float32)
        for group, k, p in self._each():
            b1, b2 = group["betas"]
            lr, decay = _arr(group["lr"]), group["momentum_decay"]
            g = self._grad(group, grads[k], p)
            mu = b1 * (1 - 0.5 * 0.96 ** (step * decay))
            mu_next = b1 * (1 - 0.5 * 0.96 ** ((step + 1) * decay))
            product = self.mu_product[k]._arr * mu
            m = self.exp_avg[k]._arr * b1 + g * (1 - b1)
            v = self.exp_avg_sq[k]._arr * b2 + g * g * (1 - b2)
            for state, value in ((self.mu_product[k], product), (self.exp_avg[k], m), (self.exp_avg_sq[k], v)):
                assign(state, Tensor(value))
            denom = jnp.sqrt(v / (1 - b2 ** step)) + group["eps"]
            new_p = p._arr - lr * (1 - mu) / (1 - product) * g / denom
            new_p = new_p - lr * mu_next / (1 - product * mu_next) * m / denom
            assign(p, Tensor(new_p.astype(p._arr.dtype)))
        return True
