"""Element-wise math, matrix products and reductions (`mindspore.ops` math functions).

Binary ops promote as MindSpore does (see `mindgrad.common.tensor.result_dtype`).
Gradients are JAX's, which equal MindSpore's for these ops; `maximum`/`minimum`
split the gradient 0.5/0.5 at ties, as MindSpore does (JAX's balanced rule).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, binary, true_divide, wrap
from ._helpers import arr, axes, float_arr, np_dtype, unary


def add(input, other, *, alpha=1) -> Tensor:
    return binary(jnp.add, input, other if alpha == 1 else other * alpha, "Add")


def sub(input, other, *, alpha=1) -> Tensor:
    return binary(jnp.subtract, input, other if alpha == 1 else other * alpha, "Sub")


def mul(input, other) -> Tensor:
    return binary(jnp.multiply, input, other, "Mul")


def div(input, other, *, rounding_mode=None) -> Tensor:
    if rounding_mode is None:
        return true_divide(input, other)
    if rounding_mode == "floor":
        return binary(jnp.floor_divide, input, other, "Div")
    if rounding_mode == "trunc":
        q = true_divide(input, other)
        return wrap(jnp.trunc(q._arr).astype(binary(jnp.add, input, other)._arr.dtype))
    raise ValueError(f"For 'div', the 'rounding_mode' should be None, 'floor' or 'trunc', but got {rounding_mode!r}.")


def pow(input, exponent) -> Tensor:  # noqa: A001 - MindSpore's name
    return binary(jnp.power, input, exponent, "Pow")


def maximum(input, other) -> Tensor:
    return binary(jnp.maximum, input, other, "Maximum")


def minimum(input, other) -> Tensor:
    return binary(jnp.minimum, input, other, "Minimum")


def neg(input) -> Tensor:
    return unary(jnp.negative, input, "Neg")


@jax.custom_jvp
def _abs(x):
    return jnp.abs(x)


@_abs.defjvp
def _abs_jvp(primals, tangents):
    x, = primals
    return jnp.abs(x), tangents[0] * jnp.sign(x).astype(tangents[0].dtype)


def abs(input) -> Tensor:  # noqa: A001
    """|x|; the gradient at 0 is 0, as MindSpore's (JAX's own is 1)."""
    a = arr(input, "Abs")
    return wrap(_abs(a) if jnp.issubdtype(a.dtype, jnp.inexact) else jnp.abs(a))


@jax.custom_jvp
def _clamp(x, lo, hi):
    return jnp.minimum(jnp.maximum(x, lo), hi)


@_clamp.defjvp
def _clamp_jvp(primals, tangents):
    x, lo, hi = primals
    tx, tlo, thi = tangents
    inside = (x >= lo) & (x <= hi)
    tangent = jnp.where(inside, tx, jnp.where(x < lo, tlo, thi))
    return _clamp(x, lo, hi), tangent


def clamp(input, min=None, max=None) -> Tensor:  # noqa: A002
    """Clip to [min, max]; at a bound the gradient goes to `input` in full, as MindSpore's."""
    a = arr(input, "clamp")
    if min is None and max is None:
        raise ValueError("For 'clamp', at least one of 'min' and 'max' must not be None.")
    dt = a.dtype
    lo = jnp.asarray(-jnp.inf if min is None else (min._arr if isinstance(min, Tensor) else min), dtype=dt)
    hi = jnp.asarray(jnp.inf if max is None else (max._arr if isinstance(max, Tensor) else max), dtype=dt)
    if not jnp.issubdtype(dt, jnp.inexact):
        return wrap(jnp.clip(a, lo, hi))
    shape = jnp.broadcast_shapes(a.shape, lo.shape, hi.shape)
    return wrap(_clamp(jnp.broadcast_to(a, shape), jnp.broadcast_to(lo, shape), jnp.broadcast_to(hi, shape)))


clip = clamp


def clip_by_value(x, clip_value_min=None, clip_value_max=None) -> Tensor:
    """Clip to [min, max]; exactly at a bound the gradient is split 0.5/0.5 with the bound, as MindSpore's."""
    out = x
    if clip_value_max is not None:
        out = minimum(out, clip_value_max)
    if clip_value_min is not None:
        out = maximum(out, clip_value_min)
    return out


def square(input) -> Tensor:
    return unary(jnp.square, input, "Square")


def sqrt(x) -> Tensor:
    return wrap(jnp.sqrt(float_arr(x, "Sqrt")))


def exp(input) -> Tensor:
    return wrap(jnp.exp(float_arr(input, "Exp")))


def log(input) -> Tensor:
    return wrap(jnp.log(float_arr(input, "Log")))


def sin(input) -> Tensor:
    return wrap(jnp.sin(float_arr(input, "Sin")))


def cos(input) -> Tensor:
    return wrap(jnp.cos(float_arr(input, "Cos")))


@jax.custom_jvp
def _tanh(x):
    # MindSpore's CPU kernel evaluates tanh as the [7/6] Pade approximant of Lambert's continued
    # fraction, saturated to +-1 beyond |x| > 5 (error up to 1.5e-5 near |x| = 4). Same formula here,
    # in float32 or wider, so that results agree with MindSpore's to float32 rounding.
    x2 = x * x
    num = (((x2 + 378.0) * x2 + 17325.0) * x2 + 135135.0) * x
    den = ((28.0 * x2 + 3150.0) * x2 + 62370.0) * x2 + 135135.0
    return jnp.where(x > 5, 1.0, jnp.where(x < -5, -1.0, num / den)).astype(x.dtype)


@_tanh.defjvp
def _tanh_jvp(primals, tangents):
    y = _tanh(primals[0])
    return y, tangents[0] * (1 - y * y)


def tanh(input) -> Tensor:
    """Hyperbolic tangent as MindSpore's CPU kernel computes it (see `_tanh`); gradient 1 - y**2."""
    a = float_arr(input, "Tanh")
    if a.dtype == jnp.float32:
        return wrap(_tanh(a))
    if a.dtype in (jnp.float16, jnp.bfloat16):
        return wrap(_tanh(a.astype(jnp.float32)).astype(a.dtype))
    return wrap(jnp.tanh(a))


def matmul(input, other) -> Tensor:
    a, b = arr(input, "MatMul"), arr(other, "MatMul")
    if a.ndim and b.ndim and a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        raise ValueError(f"For 'MatMul', the last dimension of 'input' {a.shape} should equal the "
                         f"second-to-last dimension of 'other' {b.shape}.")
    return binary(jnp.matmul, wrap(a), wrap(b), "MatMul")
