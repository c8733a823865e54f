"""MindSpore's optimizer kernels, per element, as jitted JAX functions: shared by the optimizer Primitives
(`ops.ApplyMomentum`, `ops.Adam`, ...) and the `nn` optimizers (`nn.Momentum`, `nn.Adam`, ...)."""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp


@partial(jax.jit, static_argnames="update_slots")
def _adagrad_kernel(param, accum, lr, grad, update_slots: bool, eps=0.0):
    if update_slots:
        accum = accum + grad * grad
    return param - lr * grad / (jnp.sqrt(accum) + eps), accum


@jax.jit
def _adadelta_kernel(param, accum, accum_update, lr, rho, eps, grad):
    one = jnp.ones((), param.dtype)
    accum = rho * accum + (one - rho) * grad * grad
    update = jnp.sqrt(accum_update + eps) / jnp.sqrt(accum + eps) * grad
    accum_update = rho * accum_update + (one - rho) * update * update
    return param - lr * update, accum, accum_update


@partial(jax.jit, static_argnames="nesterov")
def _adam_kernel(param, m, v, beta1_power, beta2_power, lr, beta1, beta2, eps, grad, nesterov: bool):
    one = jnp.ones((), param.dtype)
    lr_t = lr * jnp.sqrt(one - beta2_power) / (one - beta1_power)
    m = m + (grad - m) * (one - beta1)
    v = v + (grad * grad - v) * (one - beta2)
    moment = m * beta1 + (one - beta1) * grad if nesterov else m
    return param - lr_t * moment / (jnp.sqrt(v) + eps), m, v


@jax.jit
def _amsgrad_kernel(param, m, v, vhat, beta1_power, beta2_power, lr, beta1, beta2, eps, grad):
    one = jnp.ones((), param.dtype)
    lr_t = lr * jnp.sqrt(one - beta2_power) / (one - beta1_power)
    m = m * beta1 + grad * (one - beta1)
    v = v * beta2 + grad * grad * (one - beta2)
    vhat = jnp.maximum(vhat, v)
    return param - lr_t * m / (jnp.sqrt(vhat) + eps), m, v, vhat


@jax.jit
def _adam_weight_decay_kernel(param, m, v, lr, beta1, beta2, eps, decay, grad):
    one = jnp.ones((), param.dtype)
    m = m + (grad - m) * (one - beta1)
    v = v + (grad * grad - v) * (one - beta2)
    return param - lr * (m / (jnp.sqrt(v) + eps) + decay * param), m, v


@partial(jax.jit, static_argnames="nesterov")
def _momentum_kernel(param, moment, lr, grad, momentum, nesterov: bool):
    moment = moment * momentum + grad
    if nesterov:
        return param - (grad * lr + moment * momentum * lr), moment
    return param - lr * moment, moment


@partial(jax.jit, static_argnames="centered")
def _rmsprop_kernel(param, mg, ms, mom, lr, grad, decay, momentum, eps, centered: bool):
    one = jnp.ones((), param.dtype)
    ms = ms * decay + (one - decay) * grad * grad
    if centered:
        mg = mg * decay + (one - decay) * grad
        denom = jnp.sqrt(ms - mg * mg + eps)
    else:
        denom = jnp.sqrt(ms + eps)
    mom = mom * momentum + lr * grad / denom
    return param - mom, mg, ms, mom


@partial(jax.jit, static_argnames="nesterov")
def _sgd_kernel(param, grad, lr, accum, stat, momentum, dampening, nesterov: bool):
    one = jnp.ones((), param.dtype)
    first = stat > 0
    new_accum = jnp.where(first, grad, accum * momentum + (one - dampening) * grad)
    step = grad + new_accum * momentum if nesterov else new_accum
    use = momentum > 0
    step = jnp.where(use, step, grad)
    return (param - lr * step, jnp.where(use, new_accum, accum),
            jnp.where(use & first, jnp.zeros_like(stat), stat))


@jax.jit
def _ftrl_kernel(param, accum, linear, grad, lr, l1, l2, lr_power):
    accum_new = accum + grad * grad
    power = -lr_power
    linear = linear + grad - (accum_new ** power - accum ** power) / lr * param
    update = (l1 * jnp.sign(linear) - linear) / (accum_new ** power / lr + 2 * l2)
    return jnp.where(jnp.abs(linear) > l1, update, jnp.zeros_like(param)), accum_new, linear
