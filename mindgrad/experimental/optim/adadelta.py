"""`mindspore.experimental.optim.adadelta`: Adadelta (MindSpore's `ApplyAdadelta` kernel)."""

from __future__ import annotations

from ...common.tensor import Tensor
from ...ops.function import assign
from ...ops.operations._optim_kernels import _adadelta_kernel
from .optimizer import Optimizer, _arr, _check_positive

__all__ = ["Adadelta"]


class Adadelta(Optimizer):
    """`Adadelta(params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, *, maximize=False)`; state `accum.<name>`,
    `accum_update.<name>`."""

    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.0, *, maximize: bool = False) -> None:
        _check_positive(self, lr=lr, eps=eps)
        _check_positive(self, strict=False, weight_decay=weight_decay)
        if not isinstance(rho, float) or not 0.0 <= rho <= 1.0:
            raise ValueError(f"For 'Adadelta', the 'rho' should be a float in [0.0, 1.0], but got {rho}.")
        super().__init__(params, {"lr": lr, "rho": rho, "eps": eps, "weight_decay": weight_decay,
                                  "maximize": maximize})
        self.accum = self._state("accum")
        self.accum_update = self._state("accum_update")

    def construct(self, grads):
        grads = self._grads(grads)
        for group, k, p in self._each():
            dt = p._arr.dtype
            new_p, accum, update = _adadelta_kernel(
                p._arr, self.accum[k]._arr, self.accum_update[k]._arr, _arr(group["lr"]).astype(dt),
                _arr(group["rho"]).astype(dt), _arr(group["eps"]).astype(dt), self._grad(group, grads[k], p))
            assign(self.accum[k], Tensor(accum))
            assign(self.accum_update[k], Tensor(update))
            assign(p, Tensor(new_p))
        return True
