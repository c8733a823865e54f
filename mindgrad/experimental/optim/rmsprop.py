"""`mindspore.experimental.optim.rmsprop`: RMSprop (optionally centered, with momentum)."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_positive

__all__ = ["RMSprop"]


class RMSprop(Optimizer):
    """`RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
    maximize=False)`: s = alpha s + (1 - alpha) g^2; avg = sqrt(s - mean_grad^2 if centered else s) + eps;
    param -= lr * g / avg, or with momentum: buf = momentum buf + g / avg; param -= lr * buf. State
    `mean_square.<name>`, `mean_grad.<name>`, `moment.<name>`."""

    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False,
                 maximize: bool = False) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, weight_decay=weight_decay, momentum=momentum, alpha=alpha)
        super().__init__(params, {"lr": lr, "momentum": momentum, "alpha": alpha, "eps": eps, "centered": centered,
                                  "weight_decay": weight_decay, "maximize": maximize})
        self.mean_grad = self._state("mean_grad")
        self.mean_square = self._state("mean_square")
        self.moment = self._state("moment")

    def construct(self, grads):
        grads = self._grads(grads)
        for group, k, p in self._each():
            alpha, lr = group["alpha"], _arr(group["lr"]).astype(p._arr.dtype)
            g = self._grad(group, grads[k], p)
            square = self.mean_square[k]._arr * alpha + g * g * (1 - alpha)
            assign(self.mean_square[k], Tensor(square))
            if group["centered"]:
                mean = self.mean_grad[k]._arr * alpha + g * (1 - alpha)
                assign(self.mean_grad[k], Tensor(mean))
                square = square - mean * mean
            avg = jnp.sqrt(square) + group["eps"]
            if group["momentum"] > 0:
                buf = self.moment[k]._arr * group["momentum"] + g / avg
                assign(self.moment[k], Tensor(buf))
                assign(p, Tensor(p._arr - buf * lr))
            else:
                assign(p, Tensor(p._arr - lr * g / avg))
        return True
