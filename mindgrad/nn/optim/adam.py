"""`mindspore.nn.Adam` and `mindspore.nn.AdamWeightDecay` with MindSpore's kernels, per element.

Adam (after weight decay as L2 on the gradient and loss-scale division): beta1_power *= beta1,
beta2_power *= beta2; lr_t = lr * sqrt(1 - beta2_power) / (1 - beta1_power);
m += (g - m) * (1 - beta1); v += (g * g - v) * (1 - beta2);
param -= lr_t * m / (sqrt(v) + eps), with Nesterov m replaced by m * beta1 + (1 - beta1) * g;
`use_amsgrad` keeps vhat = max(vhat, v) and divides by sqrt(vhat) + eps. State `moment1.<name>`,
`moment2.<name>` (`vhat.<name>`), `beta1_power`, `beta2_power`.

AdamWeightDecay (decoupled decay, no bias correction): m and v as above,
param -= lr * (m / (sqrt(v) + eps) + weight_decay * param), the decay only for Parameters
without 'beta'/'gamma' in their name (or the groups that set it). State `adam_m.<name>`,
`adam_v.<name>`.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ...ops.operations._optim_kernels import _adam_kernel, _adam_weight_decay_kernel, _amsgrad_kernel
from ._init_args import opt_init_args_register
from .optimizer import Optimizer, _array

__all__ = ["Adam", "AdamWeightDecay"]


def _check_param_value(beta1, beta2, eps, prim_name: str) -> None:
    V.check_value_type("beta1", beta1, [float], prim_name)
    V.check_value_type("beta2", beta2, [float], prim_name)
    V.check_value_type("eps", eps, [float], prim_name)
    V.check_float_range(beta1, 0.0, 1.0, (False, False), "beta1", prim_name)
    V.check_float_range(beta2, 0.0, 1.0, (False, False), "beta2", prim_name)
    V.check_positive_float(eps, "eps", prim_name)


class Adam(Optimizer):
    """Adam(params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-8, use_locking=False,
    use_nesterov=False, weight_decay=0.0, loss_scale=1.0, use_amsgrad=False)."""

    @opt_init_args_register
    def __init__(self, params, learning_rate=0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 use_locking: bool = False, use_nesterov: bool = False, weight_decay=0.0, loss_scale: float = 1.0,
                 use_amsgrad: bool = False, **kwargs) -> None:
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if set(kwargs) - {"use_lazy", "use_offload"}:
            raise KeyError(f"For 'Adam', invalid keys are passed as kwargs, supported keys are 'use_lazy' "
                           f"and'use_offload', but got {kwargs.keys()}.")
        use_lazy, use_offload = kwargs.get("use_lazy", False), kwargs.get("use_offload", False)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        for arg_name, value in (("use_locking", use_locking), ("use_nesterov", use_nesterov),
                                ("use_amsgrad", use_amsgrad), ("use_lazy", use_lazy), ("use_offload", use_offload)):
            V.check_value_type(arg_name, value, [bool], self.cls_name)
        if use_lazy and use_offload:
            raise ValueError(f"For 'Adam', 'use_lazy' and 'use_offload' can not both be True.But got "
                             f"use_lazy={use_lazy}, use_offload={use_offload}.")
        if use_amsgrad and (use_lazy or use_offload):
            raise ValueError(f"For lazy Adam and Adam with offload, there is no parameter named 'use_amsgrad'.but "
                             f"got 'use_amsgrad'={use_amsgrad}.")
        self.beta1 = Tensor(beta1, mstype.float32)
        self.beta2 = Tensor(beta2, mstype.float32)
        self.beta1_power = Parameter(initializer(1, (), mstype.float32), name="beta1_power")
        self.beta2_power = Parameter(initializer(1, (), mstype.float32), name="beta2_power")
        self.eps = Tensor(eps, mstype.float32)
        self.use_nesterov = use_nesterov
        self.use_locking = use_locking
        self.use_amsgrad = use_amsgrad
        self.use_lazy = use_lazy
        self.use_offload = use_offload
        self.moment1 = self._parameters.clone(prefix="moment1", init="zeros")
        self.moment2 = self._parameters.clone(prefix="moment2", init="zeros")
        if use_amsgrad:
            self.vhat = self._parameters.clone(prefix="vhat", init="zeros")

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        gradients = self.decay_weight(gradients)
        if not self.use_offload:
            gradients = self.gradients_centralization(gradients)
        gradients = self.scale_grad(gradients)
        lrs = self._step_lr()
        beta1, beta2, eps = self.beta1._arr, self.beta2._arr, self.eps._arr
        beta1_power = self.beta1_power._arr * beta1
        self.beta1_power.set_data(wrap(beta1_power))
        beta2_power = self.beta2_power._arr * beta2
        self.beta2_power.set_data(wrap(beta2_power))
        vhats = self.vhat if self.use_amsgrad else (None,) * self.param_length
        for param, grad, lr, m, v, vhat in zip(self._parameters, gradients, lrs, self.moment1, self.moment2, vhats,
                                               strict=True):
            dtype = param._arr.dtype
            args = [x.astype(dtype) for x in (beta1_power, beta2_power, lr, beta1, beta2, eps)]
            if self.use_amsgrad:
                new_param, new_m, new_v, new_vhat = _amsgrad_kernel(param._arr, m._arr, v._arr, vhat._arr, *args,
                                                                    grad._arr.astype(dtype))
                vhat.set_data(wrap(new_vhat))
            else:
                new_param, new_m, new_v = _adam_kernel(param._arr, m._arr, v._arr, *args, grad._arr.astype(dtype),
                                                       nesterov=self.use_nesterov)
            param.set_data(wrap(new_param))
            m.set_data(wrap(new_m))
            v.set_data(wrap(new_v))
        return (True,) * self.param_length

    @Optimizer.target.setter
    def target(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"For 'Optimizer', the property 'target' must be string, but got {type(value)}")
        if value not in ("CPU", "Ascend", "GPU"):
            raise ValueError(f"For 'Optimizer', the property 'target' must be one of ['CPU', 'Ascend' ,'GPU'], but "
                             f"got {value}")
        self._target = value


class AdamWeightDecay(Optimizer):
    """AdamWeightDecay(params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0)."""

    _support_parallel_optimizer = True

    def __init__(self, params, learning_rate=0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-6,
                 weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        self.beta1 = Tensor(np.array([beta1]).astype(np.float32))
        self.beta2 = Tensor(np.array([beta2]).astype(np.float32))
        self.eps = Tensor(np.array([eps]).astype(np.float32))
        self.moments1 = self._parameters.clone(prefix="adam_m", init="zeros")
        self.moments2 = self._parameters.clone(prefix="adam_v", init="zeros")
        self.use_fused_opt = True

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        weight_decay = self.get_weight_decay()
        decays = weight_decay if self.is_group else (weight_decay,) * self.param_length
        lrs = self._step_lr()
        beta1, beta2, eps = (x._arr.reshape(()) for x in (self.beta1, self.beta2, self.eps))
        for param, m, v, grad, lr, decay, flag in zip(self._parameters, self.moments1, self.moments2, gradients, lrs,
                                                       decays, self.decay_flags, strict=False):
            dtype = param._arr.dtype
            decay = _array(decay).reshape(()) if flag else jnp.zeros(())
            new_param, new_m, new_v = _adam_weight_decay_kernel(
                param._arr, m._arr, v._arr, *(x.astype(dtype) for x in (lr, beta1, beta2, eps, decay)),
                grad._arr.astype(dtype))
            param.set_data(wrap(new_param))
            m.set_data(wrap(new_m))
            v.set_data(wrap(new_v))
        return (True,) * self.param_length
