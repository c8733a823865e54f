"""`mindspore.nn.SGD`: stochastic gradient descent with optional momentum, dampening and Nesterov.

MindSpore's SGD kernel, per element: g = grad (after weight decay and loss-scale division); with
momentum > 0, the first step sets accum = g (its `stat` flag 1 -> 0), later steps
accum = accum * momentum + (1 - dampening) * g, and the step is accum (Nesterov: g + accum *
momentum); param -= lr * step. State: `accum.<name>` (zeros), `stat.<name>` (ones), and the
Parameter `momentum`. With momentum 0 the kernel leaves accum and stat as they are, so mindgrad
then updates only the parameters: `momentum` is read when a step is compiled, and
`opt.momentum.set_data(...)` makes the next step compile again.
"""

from __future__ import annotations

import jax.numpy as jnp

from ... import _state as binding
from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _sgd_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["SGD"]


class SGD(Optimizer):
    """SGD(params, learning_rate=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False,
    loss_scale=1.0); Nesterov needs momentum > 0 and dampening 0; weight decay must not be dynamic."""

    @opt_init_args_register
    def __init__(self, params, learning_rate=0.1, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay=0.0, nesterov: bool = False, loss_scale: float = 1.0) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if isinstance(momentum, int) and not isinstance(momentum, bool):
            momentum = float(momentum)
        if not isinstance(momentum, float):
            raise TypeError(f"For 'SGD', the argument 'momentum' must be float type, but got {type(momentum)}.")
        if momentum < 0.0:
            raise ValueError(f"For 'SGD', the argument 'momentum' must be at least 0.0, but got {momentum}.")
        if isinstance(dampening, int) and not isinstance(dampening, bool):
            dampening = float(dampening)
        if not isinstance(dampening, float):
            raise TypeError(f"For 'SGD', the argument 'dampening' must be float type, but got {type(dampening)}.")
        if dampening < 0.0:
            raise ValueError(f"For 'SGD', the argument 'dampening' must be at least 0.0, but got 'dampening' "
                             f"{dampening}")
        self.dampening = dampening
        V.check_value_type("nesterov", nesterov, [bool], self.cls_name)
        if nesterov and (momentum <= 0.0 or dampening != 0.0):
            raise ValueError(f"For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' must equal "
                             f"to 0.0, but got 'momentum' {momentum}, 'dampening' {dampening}.")
        self.nesterov = nesterov
        if self.dynamic_weight_decay:
            raise TypeError("For 'SGD', dynamic weight decay is currently not supported, the argument 'weight_decay' "
                            "or 'weight_decay' set in grouped 'params' must be float or int type.")
        self.momentum = Parameter(Tensor(momentum, mstype.float32), name="momentum")
        self.accum = self._parameters.clone(prefix="accum", init="zeros")
        self.stat = self._parameters.clone(prefix="stat", init="ones")

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        gradients = self.decay_weight(gradients)
        gradients = self.gradients_centralization(gradients)
        gradients = self.scale_grad(gradients)
        lrs = self._step_lr()
        stored = binding.trace_constant(self.momentum)
        if not isinstance(stored, binding.Tracer) and float(stored) == 0.0:
            for param, grad, lr in zip(self._parameters, gradients, lrs, strict=False):
                dtype = param._arr.dtype
                param.set_data(wrap(param._arr - lr.astype(dtype) * grad._arr.astype(dtype)))
            return (True,) * self.param_length
        momentum = self.momentum._arr
        for param, grad, lr, accum, stat in zip(self._parameters, gradients, lrs, self.accum, self.stat, strict=False):
            dtype = param._arr.dtype
            new_param, new_accum, new_stat = _sgd_kernel(
                param._arr, grad._arr.astype(dtype), lr.astype(dtype), accum._arr, stat._arr,
                momentum.astype(dtype), jnp.asarray(self.dampening, dtype), nesterov=self.nesterov)
            param.set_data(wrap(new_param))
            accum.set_data(wrap(new_accum))
            stat.set_data(wrap(new_stat))
        return (True,) * self.param_length
