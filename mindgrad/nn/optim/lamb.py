"""`mindspore.nn.Lamb` with MindSpore's Lamb kernel, per Parameter.

m = beta1 * m + (1 - beta1) * g; v = beta2 * v + (1 - beta2) * g^2; with t the advanced `global_step`,
r = m / (1 - beta1^t) / (sqrt(v / (1 - beta2^t)) + eps) + weight_decay * param;
trust = ||param|| / ||r|| (1 where either norm is 0); param -= lr * trust * r. The decay applies to
Parameters without 'beta'/'gamma' in their name (or the groups that set it); no loss scale.
State `lamb_m.<name>`, `lamb_v.<name>` (zeros).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from .adam import _check_param_value
from ._init_args import opt_init_args_register
from .optimizer import Optimizer, _array

__all__ = ["Lamb"]


@jax.jit
def _lamb_kernel(param, m, v, lr, beta1, beta2, eps, decay, step, grad):
    one = jnp.ones((), jnp.float32)
    m = beta1 * m + (one - beta1) * grad
    v = beta2 * v + (one - beta2) * grad * grad
    m_hat = m / (one - beta1 ** step)
    v_hat = v / (one - beta2 ** step)
    update = m_hat / (jnp.sqrt(v_hat) + eps) + decay * param
    w_norm = jnp.linalg.norm(param.reshape(-1))
    g_norm = jnp.linalg.norm(update.reshape(-1))
    trust = jnp.where((w_norm > 0) & (g_norm > 0), w_norm / jnp.where(g_norm > 0, g_norm, one), one)
    return param - lr * trust * update, m, v


class Lamb(Optimizer):
    """Lamb(params, learning_rate, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0)."""

    _support_parallel_optimizer = True

    @opt_init_args_register
    def __init__(self, params, learning_rate, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-6,
                 weight_decay=0.0) -> None:
        super().__init__(learning_rate, params, weight_decay)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        self.beta1 = Tensor(np.array([beta1]).astype(np.float32))
        self.beta2 = Tensor(np.array([beta2]).astype(np.float32))
        self.eps = Tensor(np.array([eps]).astype(np.float32))
        self.params = self._parameters
        self.moments1 = self.params.clone(prefix="lamb_m", init="zeros")
        self.moments2 = self.params.clone(prefix="lamb_v", init="zeros")

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        weight_decay = self.get_weight_decay()
        decays = weight_decay if self.is_group else (weight_decay,) * self.param_length
        lrs = self._step_lr()
        gradients = self.gradients_centralization(gradients)
        step = self.global_step._arr.reshape(()).astype(jnp.float32)
        beta1, beta2, eps = (x._arr.reshape(()) for x in (self.beta1, self.beta2, self.eps))
        for param, m, v, grad, lr, decay, flag in zip(self.params, self.moments1, self.moments2, gradients, lrs,
                                                       decays, self.decay_flags, strict=True):
            dtype = param._arr.dtype
            decay = _array(decay).reshape(()).astype(jnp.float32) if flag else jnp.zeros((), jnp.float32)
            new_param, new_m, new_v = _lamb_kernel(param._arr.astype(jnp.float32), m._arr, v._arr, lr, beta1, beta2,
                                                   eps, decay, step, grad._arr.astype(jnp.float32))
            param.set_data(wrap(new_param.astype(dtype)))
            m.set_data(wrap(new_m.astype(m._arr.dtype)))
            v.set_data(wrap(new_v.astype(v._arr.dtype)))
        return (True,) * self.param_length
