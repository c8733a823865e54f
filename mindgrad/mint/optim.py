"""`mindspore.mint.optim`: torch-style optimizers (those of `experimental.optim`, with mint's state names).

State Parameters as MindSpore's mint optimizers, so their checkpoints load: Adam/AdamW keep `exp_avg.<name>`,
`exp_avg_sq.<name>` and a Float32 `state_step` of shape (1,); SGD keeps `momentum_buf.<name>` and an Int32
`step_t`.
"""

from __future__ import annotations

import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor
from ..experimental import optim as _optim

__all__ = ["Adam", "AdamW", "FusedAdamW", "SGD"]


class _MintState:
    """Renames experimental's state prefixes to mint's; `max_exp_avg_sq` stays out of the Cell's Parameters (as
    in MindSpore's mint optimizers, whose checkpoints lack it); `state_step` gets shape (1,)."""

    _renames: dict = {}

    def _state(self, prefix: str, init: float = 0.0):
        state = super()._state(self._renames.get(prefix, prefix), init)
        return tuple(state) if prefix == "max_exp_avg_sq" else state

    def _mint_step(self) -> None:
        self.state_step = Parameter(Tensor(np.zeros((1,), np.float32)), name="state_step", requires_grad=False)


class Adam(_MintState, _optim.Adam):
    """Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, *, maximize=False):
    bias-corrected moments, weight decay added to the gradient."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad: bool = False, *,
                 maximize: bool = False) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
        self._mint_step()


class AdamW(_MintState, _optim.AdamW):
    """AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *, maximize=False):
    param *= 1 - lr * weight_decay; m, v moments; param -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad: bool = False, *,
                 maximize: bool = False) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
        self._mint_step()


class FusedAdamW(AdamW):
    """AdamW's update computed in one fused step on Ascend; the same math here."""


class SGD(_MintState, _optim.SGD):
    """SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False)."""

    _renames = {"momentum_buffer": "momentum_buf"}

    def __init__(self, params, lr, momentum=0, dampening=0, weight_decay=0, nesterov: bool = False, *,
                 maximize: bool = False) -> None:
        super().__init__(params, lr, momentum, dampening, weight_decay, nesterov, maximize=maximize)
