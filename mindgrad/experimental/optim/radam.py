"""`mindspore.experimental.optim.radam`: RAdam (Adam with a rectified adaptive learning rate)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_betas, _check_positive

__all__ = ["RAdam"]


class RAdam(Optimizer):
    """`RAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)`: while the variance estimate is
    not tractable (rho_t <= 5) param -= lr * m / (1 - b1^t); afterwards the rectified Adam step. State
    `exp_avg.<name>`, `exp_avg_sq.<name>` and an Int32 `step_t`."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, weight_decay=weight_decay)
        _check_betas(self, betas)
        super().__init__(params, {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay})
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)
        self.exp_avg = self._state("exp_avg")
        self.exp_avg_sq = self._state("exp_avg_sq")

    def construct(self, grads):
        grads = self._grads(grads)
        step = self._count().astype(jnp.float32)
        for group, k, p in self._each():
            b1, b2 = group["betas"]
            lr = _arr(group["lr"])
            g = self._grad(group, grads[k], p)
            m = self.exp_avg[k]._arr * b1 + g * (1 - b1)
            v = self.exp_avg_sq[k]._arr * b2 + g * g * (1 - b2)
            assign(self.exp_avg[k], Tensor(m))
            assign(self.exp_avg_sq[k], Tensor(v))
            correction2 = 1 - b2 ** step
            rho_inf = 2 / (1 - b2) - 1
            rho_t = rho_inf - 2 * step * b2 ** step / correction2
            m_hat = m / (1 - b1 ** step)
            rect = jnp.sqrt(jnp.maximum((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t),
                                        0))
            adaptive = jnp.sqrt(correction2) / (jnp.sqrt(v) + group["eps"])
            step_size = jnp.where(rho_t > 5.0, lr * adaptive * rect, lr)
            assign(p, Tensor((p._arr - m_hat * step_size).astype(p._arr.dtype)))
        return True
