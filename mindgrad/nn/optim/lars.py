"""`nn.LARS`: wraps an optimizer and rescales each gradient layer-wise before the wrapped optimizer's step.

MindSpore's LARSUpdate has no CPU kernel, so this follows its documented formula: for a Parameter w with
gradient g, trust = coefficient * |w| / (|g| + wd * |w| + epsilon) (1 where |w| or |g| is 0), with
`use_clip` trust = min(trust / lr, 1); the new gradient is trust * (g + wd * w), wd being the wrapped
optimizer's weight decay (0 for Parameters it does not decay). `lars_filter` picks the Parameters LARS
applies to (default: names without 'LayerNorm' or 'bias'); the wrapped optimizer's own weight decay and
loss scale are switched off, as LARS applies them.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ._init_args import opt_init_args_register
from .optimizer import Optimizer, _array

__all__ = ["LARS"]


def _lars_update(w, g, weight_decay, lr, epsilon: float, coefficient: float, use_clip: bool):
    w_norm = jnp.sqrt(jnp.sum(jnp.square(w)))
    g_norm = jnp.sqrt(jnp.sum(jnp.square(g)))
    trust = coefficient * w_norm / (g_norm + weight_decay * w_norm + epsilon)
    trust = jnp.where((w_norm > 0) & (g_norm > 0), trust, 1.0)
    if use_clip:
        trust = jnp.minimum(trust / lr, 1.0)
    return (trust * (g + weight_decay * w)).astype(g.dtype)


def _default_filter(param: Parameter) -> bool:
    return "LayerNorm" not in param.name and "bias" not in param.name


class LARS(Optimizer):
    """LARS around `optimizer` (see the module docstring)."""

    @opt_init_args_register
    def __init__(self, optimizer, epsilon: float = 1e-05, coefficient: float = 0.001, use_clip: bool = False,
                 lars_filter=_default_filter) -> None:
        super().__init__(0.0, [Parameter(Tensor(0.0), name="fake_param")])
        V.check_value_type("optimizer", optimizer, [Optimizer], self.cls_name)
        V.check_value_type("epsilon", epsilon, [float], self.cls_name)
        V.check_value_type("coefficient", coefficient, [float], self.cls_name)
        V.check_value_type("use_clip", use_clip, [bool], self.cls_name)
        self.opt = optimizer
        self.epsilon, self.coefficient, self.use_clip = epsilon, coefficient, use_clip
        self.dynamic_decay_flags = optimizer.dynamic_decay_flags
        self.dynamic_weight_decay = optimizer.dynamic_weight_decay
        self.weight_decay = optimizer.weight_decay
        self.global_step = optimizer.global_step
        self.parameters = optimizer.parameters
        self.lars_flag = tuple(bool(lars_filter(p)) for p in self.parameters)
        self.is_group = optimizer.is_group
        self.learning_rate = Parameter(Tensor(0.0, mstype.float32), name="fake_lr")
        self.decay_flags = optimizer.decay_flags
        self.reciprocal_scale = optimizer.reciprocal_scale
        self.need_scale = optimizer.need_scale
        self.loss_scale = optimizer.loss_scale
        self.param_length = len(self.parameters)
        if use_clip:
            self.is_group_lr = optimizer.is_group_lr
            self.dynamic_lr = optimizer.dynamic_lr
            if self.is_group_lr and self.dynamic_lr:
                raise ValueError("For 'LARS', if the argument 'use_clip' is set to True, then the dynamic "
                                 "learning rate and group learning rate cannot both be true.")
        optimizer.dynamic_decay_flags = (False,) * len(self.dynamic_decay_flags) if self.is_group else False
        optimizer.decay_flags = (False,) * len(self.decay_flags)
        optimizer.dynamic_weight_decay = False
        optimizer.reciprocal_scale = Tensor(1.0, mstype.float32)
        optimizer.need_scale = False
        optimizer.exec_weight_decay = False

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        if self.need_scale:
            gradients = self.scale_grad(gradients)
        if self.use_clip:
            lr = self.opt.get_lr()
        else:
            lr = 0.0
        lrs = lr if self.use_clip and self.is_group_lr else (lr,) * self.param_length
        weight_decay = self.get_weight_decay()
        decays = weight_decay if self.is_group else (weight_decay,) * self.param_length
        out = []
        for param, grad, wd, lr_i, decay, lars in zip(self.parameters, gradients, decays, lrs, self.decay_flags,
                                                      self.lars_flag, strict=True):
            if lars:
                wd_i = _array(wd) / self.loss_scale if decay else 0.0
                grad = wrap(_lars_update(param._arr, grad._arr, wd_i, _array(lr_i), self.epsilon, self.coefficient,
                                         self.use_clip))
            out.append(grad)
        success = self.opt(tuple(out))
        if self._is_dynamic_lr_or_weight_decay() and not self.opt.dynamic_lr and not self.opt.dynamic_weight_decay:
            self.assignadd(self.global_step, self.global_step_increase_tensor)
        return success
