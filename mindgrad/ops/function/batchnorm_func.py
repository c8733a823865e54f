"""`ops.BatchNorm`'s computation and `ops.tan` with the other unary math functions MindSpore's gradient
examples use (`asin`, `sinh`, `cosh`, `asinh`, `acosh`, `atanh`, `erfinv`, `lgamma`, `digamma`), and
`xlogy`: JAX's functions under MindSpore's names and dtype rule (float or complex Tensors only,
TypeError otherwise); gradients are JAX's."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.special as jsp

from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ._helpers import float_only
from .parameter_func import assign

_UNARY = {"tan": ("Tan", jnp.tan), "asin": ("Asin", jnp.arcsin), "sinh": ("Sinh", jnp.sinh),
          "cosh": ("Cosh", jnp.cosh), "asinh": ("Asinh", jnp.arcsinh), "acosh": ("Acosh", jnp.arccosh),
          "atanh": ("Atanh", jnp.arctanh), "erfinv": ("Erfinv", jsp.erfinv), "lgamma": ("Lgamma", jsp.gammaln),
          "digamma": ("Digamma", jsp.digamma)}


def _unary(name: str, op: str, fn):
    def unary(input) -> Tensor:  # noqa: A002 - MindSpore's name
        return wrap(fn(float_only(input, op)))

    unary.__name__ = unary.__qualname__ = name
    unary.__doc__ = f"`ops.{name}`: element-wise, for float Tensors (TypeError otherwise)."
    return unary


tan, asin, sinh, cosh, asinh, acosh, atanh, erfinv, lgamma, digamma = (
    _unary(name, op, fn) for name, (op, fn) in _UNARY.items())


def xlogy(input, other) -> Tensor:  # noqa: A002
    """input * log(other), 0 where input is 0."""
    x, y = float_only(input, "Xlogy", "input"), float_only(other, "Xlogy", "other")
    return wrap(jsp.xlogy(x, y))


def batch_norm(x, scale, bias, mean, variance, is_training: bool, epsilon: float, momentum: float,
               data_format: str) -> tuple:
    """MindSpore CPU's BatchNorm: `(y, 0, 0, batch mean, biased batch variance)` in training, where
    Parameter `mean`/`variance` become `(1 - momentum) * old + momentum * batch statistic` (the
    variance unbiased); `(y, 0, 0, 0, 0)` in inference, y normalized by `mean`/`variance`."""
    a = float_only(x, "BatchNorm", "input_x")
    channels = a.shape[-1] if data_format == "NHWC" else a.shape[1]
    for name, t, pair in (("scale", scale, "scale and bias"), ("bias", bias, "scale and bias"),
                          ("mean", mean, "mean and variance"), ("variance", variance, "mean and variance")):
        got = float_only(t, "BatchNorm", name).shape
        if tuple(got) != (channels,):
            raise ValueError(f"For primitive[BatchNorm], the {pair}: [{','.join(map(str, got))},] must be equal "
                             f"to [{channels},]")
    axes = tuple(i for i in range(a.ndim) if i != (a.ndim - 1 if data_format == "NHWC" else 1))
    shape = [1] * a.ndim
    shape[a.ndim - 1 if data_format == "NHWC" else 1] = channels
    xs = a.astype(jnp.float32) if a.dtype == jnp.float16 else a
    if is_training:
        m = jnp.mean(xs, axis=axes)
        v = jnp.var(xs, axis=axes)
        n = xs.size // channels
        for stat, value in ((mean, m), (variance, v * n / max(n - 1, 1))):
            if isinstance(stat, Parameter):
                new = (1 - momentum) * stat._arr + momentum * jax.lax.stop_gradient(value).astype(stat._arr.dtype)
                assign(stat, wrap(new))
        saved = (m, v)
    else:
        m, v = mean._arr, variance._arr
        saved = (jnp.zeros(channels, m.dtype), jnp.zeros(channels, m.dtype))
    y = (xs - m.reshape(shape)) * jax.lax.rsqrt(v.reshape(shape) + epsilon) * scale._arr.reshape(shape)
    y = (y + bias._arr.reshape(shape)).astype(a.dtype)
    zeros = jnp.zeros(channels, jnp.float32)
    return wrap(y), wrap(zeros), wrap(zeros), wrap(saved[0].astype(jnp.float32)), wrap(saved[1].astype(jnp.float32))
