"""Evenly spaced values (`mindspore.ops.linspace`, `ops.logspace`, the `LinSpace` Primitive).

`start`/`end` are Python floats or 0-D float Tensors of one dtype (the result's dtype; Float32 for
Python numbers); `steps` is an int > 0. Gradients flow to Tensor `start`/`end`.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, is_float, np_dtype


def _endpoint(value, op: str, name: str):
    if isinstance(value, Tensor):
        return value._arr.reshape(())
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return jnp.asarray(value, jnp.float32)
    raise TypeError(f"For '{op}', the '{name}' should be a float or a Tensor, but got {type(value).__name__}.")


def _steps(steps, op: str) -> int:
    if isinstance(steps, Tensor):
        steps = steps.item()
    if not isinstance(steps, int) or isinstance(steps, bool):
        raise TypeError(f"For '{op}', the 'steps' should be int, but got {type(steps).__name__}.")
    if steps <= 0:
        raise ValueError(f"For '{op}', the 'steps' should be greater than 0, but got {steps}.")
    return steps


def linspace(start, end, steps) -> Tensor:
    """`steps` values from `start` to `end` inclusive."""
    a, b = _endpoint(start, "LinSpace", "start"), _endpoint(end, "LinSpace", "end")
    if a.dtype != b.dtype:
        raise TypeError(f"For 'LinSpace', 'start' and 'end' should have the same dtype, but got "
                        f"{dtype_name(a.dtype)} and {dtype_name(b.dtype)}.")
    if not is_float(a.dtype):
        raise TypeError(f"For 'LinSpace', 'start' should be a float Tensor, but got {dtype_name(a.dtype)}.")
    return wrap(jnp.linspace(a, b, _steps(steps, "LinSpace")).astype(a.dtype))


def logspace(start, end, steps, base: int = 10, *, dtype=mstype.float32) -> Tensor:
    """base ** linspace(start, end, steps), in the float `dtype`."""
    for name, v in (("start", start), ("end", end)):
        if not isinstance(v, (float, Tensor)):
            raise TypeError(f"For 'LogSpace', the '{name}' should be a float or a Tensor, but got "
                            f"{type(v).__name__}.")
    dt = np_dtype(dtype, "LogSpace")
    if not is_float(dt):
        raise TypeError(f"For 'LogSpace', the 'dtype' should be one of [mindspore.float16, mindspore.float32, "
                        f"mindspore.float64], but got {dtype!r}.")
    a, b = _endpoint(start, "LogSpace", "start"), _endpoint(end, "LogSpace", "end")
    exps = jnp.linspace(a.astype(jnp.float64), b.astype(jnp.float64), _steps(steps, "LogSpace"))
    return wrap(jnp.power(float(base), exps).astype(dt))
