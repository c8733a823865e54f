"""`mindspore.nn.Momentum`: MindSpore's ApplyMomentum per element.

accum = accum * momentum + grad; param -= lr * accum, or with Nesterov
param -= grad * lr + accum * momentum * lr. State: `moments.<name>` (zeros) and the Parameter
`momentum`. `momentum` must be a float (no default, as the learning rate).
"""

from __future__ import annotations

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _momentum_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["Momentum"]


class Momentum(Optimizer):
    """Momentum(params, learning_rate, momentum, weight_decay=0.0, loss_scale=1.0, use_nesterov=False)."""

    @opt_init_args_register
    def __init__(self, params, learning_rate, momentum: float, weight_decay=0.0, loss_scale: float = 1.0,
                 use_nesterov: bool = False) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        V.check_value_type("momentum", momentum, [float], self.cls_name)
        if momentum < 0.0:
            raise ValueError(f"For 'Momentum', the argument 'momentum' must be at least 0.0, but got {momentum}")
        self.momentum = Parameter(Tensor(momentum, mstype.float32), name="momentum")
        self.params = self._parameters
        self.use_nesterov = V.check_bool(use_nesterov)
        self.moments = self.params.clone(prefix="moments", init="zeros")

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        gradients = self.decay_weight(gradients)
        gradients = self.gradients_centralization(gradients)
        gradients = self.scale_grad(gradients)
        lrs = self._step_lr()
        momentum = self.momentum._arr
        for param, grad, lr, moment in zip(self.params, gradients, lrs, self.moments, strict=False):
            dtype = param._arr.dtype
            new_param, new_moment = _momentum_kernel(param._arr, moment._arr, lr.astype(dtype),
                                                     grad._arr.astype(dtype), momentum.astype(dtype),
                                                     nesterov=self.use_nesterov)
            param.set_data(wrap(new_param))
            moment.set_data(wrap(new_moment))
        return (True,) * self.param_length
