"""`mindspore.experimental.optim.rprop`: resilient backpropagation."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops.function import assign
from .optimizer import Optimizer, _arr, _check_positive

__all__ = ["Rprop"]


class Rprop(Optimizer):
    """`Rprop(params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, maximize=False)`: each element's step
    size (lr at first) is multiplied by etaplus where the gradient kept its sign, etaminus where it flipped (then
    the gradient counts as 0), clipped to `step_sizes`; param -= sign(g) * step size. As in MindSpore, the group's
    `weight_decay` is not applied. State `prev.<name>`, `step_size.<name>` and an Int32 `step_t`."""

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *, maximize: bool = False) -> None:
        _check_positive(self, lr=lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"For 'Rprop', the 'etas' should satisfy 0.0 < etaminus < 1.0 < etaplus, but got "
                             f"{etas}.")
        super().__init__(params, {"lr": lr, "etas": etas, "step_sizes": step_sizes, "maximize": maximize})
        self.prev = self._state("prev")
        self.step_size = self._state("step_size")
        self.step_t = Parameter(Tensor(np.int32(0)), name="step_t", requires_grad=False)

    def construct(self, grads):
        grads = self._grads(grads)
        step = self._count()
        for group, k, p in self._each():
            minus, plus = group["etas"]
            low, high = group["step_sizes"]
            dt = p._arr.dtype
            g = self._grad(group, grads[k], p, decay=False)
            size = jnp.where(step == 1, jnp.ones_like(g) * _arr(group["lr"]).astype(dt), self.step_size[k]._arr)
            agree = jnp.sign(g * self.prev[k]._arr)
            factor = jnp.where(agree > 0, plus, jnp.where(agree < 0, minus, 1.0)).astype(jnp.float32)
            size = jnp.clip(size * factor, low, high).astype(dt)
            g = jnp.where(factor == minus, 0, g).astype(dt)
            assign(self.step_size[k], Tensor(size))
            assign(self.prev[k], Tensor(g))
            assign(p, Tensor(p._arr - jnp.sign(g) * size))
        return True
