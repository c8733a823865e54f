"""`mindspore.experimental.optim.asgd`: averaged SGD."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_positive

__all__ = ["ASGD"]


class ASGD(Optimizer):
    """`ASGD(params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0, maximize=False)`:
    param = param * (1 - lambd * eta) - eta * g (eta = lr on the first step); ax tracks the average of the
    parameter from step t0 on (mu = 1 / max(1, t - t0)); then eta = lr / (1 + lambd * lr * t) ** alpha. State
    `eta_<name>`, `mu_<name>` (Float32 scalars), `ax.<name>` and an Int32 `step_t`."""

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0,
                 maximize: bool = False) -> None:
        _check_positive(self, lr=lr)
        _check_positive(self, strict=False, weight_decay=weight_decay)
        for name, value in (("lambd", lambd), ("t0", t0)):
            if not isinstance(value, float):
                raise TypeError(f"For 'ASGD', the type of {name} must be float, but got {type(value)}.")
        super().__init__(params, {"lr": lr, "lambd": lambd, "alpha": alpha, "t0": t0, "weight_decay": weight_decay,
                                  "maximize": maximize})
        self.mu = self._scalars("mu", 1.0)
        self.eta = self._scalars("eta", 0.0)
        self.ax = self._state("ax")
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        step = self._count()
        for group, k, p in self._each():
            lr, lambd = _arr(group["lr"]), group["lambd"]
            eta = jnp.where(step == 1, lr, self.eta[k]._arr)
            mu = self.mu[k]._arr
            dt = p._arr.dtype
            new_p = (p._arr * (1 - lambd * eta) - eta * self._grad(group, grads[k], p)).astype(dt)
            assign(p, Tensor(new_p))
            ax = self.ax[k]._arr
            assign(self.ax[k], Tensor(jnp.where(mu != 1, ax + (new_p - ax) * mu, new_p).astype(ax.dtype)))
            assign(self.eta[k], Tensor(lr / (1 + lambd * lr * step) ** group["alpha"]))
            assign(self.mu[k], Tensor((1 / jnp.maximum(1, step - group["t0"])).astype(jnp.float32)))
        return True
