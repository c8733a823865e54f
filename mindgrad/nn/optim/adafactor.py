"""`mindspore.nn.AdaFactor` (Shazeer & Stern's Adafactor), with MindSpore's update per Parameter in Float32.

Step t (counted from 1 in the `afactor_step` Parameter): with `relative_step` (and a number learning rate)
lr = min(1e-6 * t if `warmup_init` else 1e-2, 1 / sqrt(t)), else the given learning rate; with
`scale_parameter` lr is multiplied by max(eps[1], RMS(param)). beta2_t = 1 - t^(-decay_rate) and
u = g^2 + eps[0]. A Parameter of rank >= 2 keeps running means of u over its last axis (`exp_avg_sq_row`,
shape[:-1]) and over its second-to-last (`exp_avg_sq_col`), and scales g by rsqrt(row / mean(row)) *
rsqrt(col); a vector keeps the running mean of u itself (`exp_avg_sq`). The update is divided by
max(1, RMS(update) / clip_threshold) and multiplied by lr; with beta1 > 0 it is averaged into `exp_avg`
first. Weight decay subtracts weight_decay * lr * param. Gradients are not divided by `loss_scale`, as in
MindSpore.
"""

from __future__ import annotations

import functools
import logging

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ._init_args import opt_init_args_register
from .optimizer import Optimizer

__all__ = ["AdaFactor"]

logger = logging.getLogger("mindgrad")


def _rms(x):
    return jnp.sqrt(jnp.mean(jnp.square(x)))


@functools.partial(jax.jit, static_argnums=(8,))
def _update(p, g, exp_avg, row, col, sq, lr, beta2t, hyper_items: tuple):
    """New (param, exp_avg, row, col, sq) of one Parameter (all arrays; math in Float32); `hyper_items` the
    optimizer's fixed settings as sorted (name, value) pairs (one compiled update per setting and shape)."""
    hyper = dict(hyper_items)
    p32, g32 = p.astype(jnp.float32), g.astype(jnp.float32)
    if hyper["scale_parameter"]:
        lr = lr * jnp.maximum(hyper["eps2"], _rms(p32))
    u = jnp.square(g32) + hyper["eps1"]
    if g.ndim >= 2:
        row = (beta2t * row.astype(jnp.float32) + (1 - beta2t) * jnp.mean(u, axis=-1)).astype(row.dtype)
        col = (beta2t * col.astype(jnp.float32) + (1 - beta2t) * jnp.mean(u, axis=-2)).astype(col.dtype)
        r32, c32 = row.astype(jnp.float32), col.astype(jnp.float32)
        r_factor = jax.lax.rsqrt(r32 / jnp.mean(r32, axis=-1, keepdims=True))[..., None]
        update = r_factor * jax.lax.rsqrt(c32)[..., None, :] * g32
    else:
        sq = (beta2t * sq.astype(jnp.float32) + (1 - beta2t) * u).astype(sq.dtype)
        update = jax.lax.rsqrt(sq.astype(jnp.float32)) * g32
    update = update / jnp.maximum(_rms(update) / hyper["clip"], 1.0) * lr
    if hyper["beta1"] > 0:
        beta1 = hyper["beta1"]
        exp_avg = (beta1 * exp_avg.astype(jnp.float32) + (1 - beta1) * update).astype(exp_avg.dtype)
        update = exp_avg.astype(jnp.float32)
    if hyper["weight_decay"]:
        p32 = p32 - hyper["weight_decay"] * lr * p32
    return (p32 - update).astype(p.dtype), exp_avg, row, col, sq


class AdaFactor(Optimizer):
    """AdaFactor(params, learning_rate=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=0.8, beta1=0.9,
    weight_decay=0.0, scale_parameter=True, relative_step=True, warmup_init=False, compression=False,
    loss_scale=1.0)."""

    @opt_init_args_register
    def __init__(self, params, learning_rate=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=0.8,
                 beta1=0.9, weight_decay=0.0, scale_parameter: bool = True, relative_step: bool = True,
                 warmup_init: bool = False, compression: bool = False, loss_scale: float = 1.0) -> None:
        if learning_rate is not None and relative_step:
            raise ValueError("Cannot combine manual lr and relative_step options", learning_rate)
        if warmup_init and not relative_step:
            raise ValueError("warmup_init requires relative_step=True")
        if learning_rate is None and not relative_step:
            raise ValueError("Cannot learning_rate is None and relative_step=False")
        learning_rate = 0.0 if learning_rate is None else learning_rate
        beta1 = 0.0 if beta1 is None else beta1
        self_scale_lr = isinstance(learning_rate, (float, int))
        if not self_scale_lr and (relative_step or scale_parameter):
            logger.warning("When learning_rate is learning scheduler, it not support update learning rate!")
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        name = self.cls_name
        V.check_value_type("eps", eps, [list, tuple], name)
        if len(eps) != 2:
            raise ValueError("eps must have 2 value: (eps1, eps2).")
        for i, value in enumerate(eps):
            V.check_value_type(f"eps{i}", value, [float], name)
            V.check_non_negative_float(value, f"eps{i}", name)
        V.check_value_type("clip_threshold", clip_threshold, [float], name)
        V.check_non_negative_float(clip_threshold, "clip_threshold", name)
        V.check_value_type("decay_rate", decay_rate, [float], name)
        V.check_float_range(decay_rate, 0, 1, (False, False), "decay_rate", name)
        V.check_float_range(weight_decay, 0, 1, (True, False), "weight_decay", name)
        for arg_name, value in (("scale_parameter", scale_parameter), ("relative_step", relative_step),
                                ("compression", compression)):
            V.check_value_type(arg_name, value, [bool], name)
        V.check_value_type("beta1", beta1, [int, float], name)
        V.check_non_negative_float(float(beta1), "beta1", name)
        self.scale_lr = self_scale_lr
        self.relative_step = relative_step
        self.warmup_init = warmup_init
        self.compression = compression
        self.decay_rate = decay_rate
        hyper = {"eps1": float(eps[0]), "eps2": float(eps[1]), "clip": float(clip_threshold),
                       "beta1": float(beta1), "weight_decay": float(weight_decay),
                       "scale_parameter": scale_parameter and self_scale_lr}
        self._hyper = tuple(sorted(hyper.items()))
        self.scale_parameter = hyper["scale_parameter"]
        self.use_first_moment = beta1 > 0
        self._init_state()
        self.step = Parameter(Tensor([0.0], mstype.float32), name="afactor_step")

    def _init_state(self) -> None:
        params = self._parameters
        if self.use_first_moment:
            self.exp_avg = params.clone(prefix="exp_avg", init="zeros")
        else:
            self.exp_avg = ParameterTuple([Parameter(Tensor(0.0), name="exp_avg_unused")] * len(params))
        rows, cols, sqs = [], [], []
        for p in params:
            shape, dtype = tuple(p.shape), p.dtype
            factored = len(shape) > 1
            rows.append(Parameter(Tensor(jnp.zeros(shape[:-1] if factored else (1,)), dtype),
                                  name=f"exp_avg_sq_row_{p.name}"))
            cols.append(Parameter(Tensor(jnp.zeros(shape[:-2] + shape[-1:] if factored else (1,)), dtype),
                                  name=f"exp_avg_sq_col_{p.name}"))
            sq_dtype = mstype.float16 if self.compression and not factored else dtype
            sqs.append(Parameter(Tensor(jnp.zeros((1,) if factored else shape), sq_dtype),
                                 name=f"exp_avg_sq_{p.name}"))
        self.exp_avg_sq_row = ParameterTuple(rows)
        self.exp_avg_sq_col = ParameterTuple(cols)
        self.exp_avg_sq = ParameterTuple(sqs)

    def construct(self, gradients) -> tuple:
        gradients = self._check_gradients(gradients)
        lrs = self._step_lr()
        step = self.step._arr + 1
        self.step.set_data(wrap(step))
        t = step.reshape(())
        if self.scale_lr and self.relative_step:
            min_step = 1e-6 * t if self.warmup_init else 1e-2
            lrs = (jnp.minimum(min_step, 1.0 / jnp.sqrt(t)),) * len(lrs)
        beta2t = 1.0 - jnp.power(t, -self.decay_rate)
        for i, (param, grad, lr) in enumerate(zip(self._parameters, gradients, lrs, strict=True)):
            exp_avg, row, col, sq = self.exp_avg[i], self.exp_avg_sq_row[i], self.exp_avg_sq_col[i], self.exp_avg_sq[i]
            new = _update(param._arr, grad._arr, exp_avg._arr, row._arr, col._arr, sq._arr, lr, beta2t, self._hyper)
            for target, value in zip((param, exp_avg, row, col, sq), new, strict=True):
                if target is not exp_avg or self.use_first_moment:
                    target.set_data(wrap(value))
        return (True,) * self.param_length
