"""Clipping (`ops.clip_by_value`, `ops.clamp`, `ops.clip_by_global_norm`).

MindSpore has two gradient rules at the bounds, and mindgrad keeps both:
`clip_by_value` is min(max(x, lo), hi), so exactly at a bound the gradient is
split 0.5/0.5 between x and the bound; `clamp`/`clip` give x the full
gradient on [min, max] and a Tensor bound the gradient where x is outside it.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, operands, wrap
from ._helpers import is_float, tensor_arr
from .math_func import maximum, minimum


def clip_by_value(x, clip_value_min=None, clip_value_max=None):
    """min(max(x, clip_value_min), clip_value_max) for a Tensor, or for each Tensor of a tuple/list."""
    if clip_value_min is None and clip_value_max is None:
        raise ValueError("For 'clip_by_value', at least one of 'clip_value_min' or 'clip_value_max' must not be None")
    if isinstance(x, (tuple, list)):
        return tuple(clip_by_value(t, clip_value_min, clip_value_max) for t in x)
    out = x
    if clip_value_min is not None:
        out = maximum(out, clip_value_min)
    if clip_value_max is not None:
        out = minimum(out, clip_value_max)
    return out


@jax.custom_jvp
def _clamp(x, lo, hi):
    return jnp.minimum(jnp.maximum(x, lo), hi)


@_clamp.defjvp
def _clamp_jvp(primals, tangents):
    x, lo, hi = primals
    tx, tlo, thi = tangents
    above = x > hi
    below = (x < lo) & ~above
    return _clamp(x, lo, hi), jnp.where(above, thi, jnp.where(below, tlo, tx))


def clamp(input, min=None, max=None) -> Tensor:  # noqa: A002 - MindSpore's names
    """Clip to [min, max] (all of x becomes max where min > max); bounds promote with x (int32 with 0.5
    gives Float32). Gradient: x gets it in full on [min, max], a Tensor bound where x is beyond it."""
    tensor_arr(input, "clamp")
    if min is None and max is None:
        raise ValueError("For Clamp, at least one of 'min' or 'max' must not be None.")
    if min is not None and max is not None and isinstance(min, Tensor) != isinstance(max, Tensor):
        raise TypeError("For 'clamp', 'min' and 'max' should both be Tensors or both be numbers.")
    x = input
    for bound in (min, max):
        if bound is not None:
            x = wrap(operands(x, bound, "clamp")[0])
    lo = None if min is None else operands(x, min, "clamp")[1]
    hi = None if max is None else operands(x, max, "clamp")[1]
    xa = x._arr
    if not is_float(xa.dtype):
        out = xa if lo is None else jnp.maximum(xa, lo)
        return wrap(out if hi is None else jnp.minimum(out, hi))
    lo = jnp.asarray(-jnp.inf, xa.dtype) if lo is None else lo
    hi = jnp.asarray(jnp.inf, xa.dtype) if hi is None else hi
    shape = jnp.broadcast_shapes(xa.shape, lo.shape, hi.shape)
    return wrap(_clamp(*(jnp.broadcast_to(v, shape) for v in (xa, lo, hi))))


clip = clamp


def _global_norm(arrays):
    return jnp.sqrt(sum(jnp.sum(jnp.square(a.astype(jnp.float32))) for a in arrays))


def clip_by_global_norm(x, clip_norm: float = 1.0, use_norm=None):
    """Scale the Tensors of `x` by clip_norm / max(global_norm, clip_norm); a tuple/list gives a tuple."""
    if use_norm is not None:
        raise ValueError(f"For '_ClipByGlobalNorm', input 'use_norm' only supports None currently, but got "
                         f"'use_norm': {use_norm}")
    single = isinstance(x, Tensor)
    items = (x,) if single else tuple(x)
    arrays = [tensor_arr(t, "clip_by_global_norm", "x") for t in items]
    scale = clip_norm / jnp.maximum(_global_norm(arrays), clip_norm)
    out = tuple(wrap((a * scale).astype(a.dtype)) for a in arrays)
    return out[0] if single else out
