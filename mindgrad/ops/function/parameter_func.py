"""Writing to Parameters (`ops.assign`, `ops.assign_add`) and `ops.depend`.

A write inside a gradient call is recorded by the engine and applied after the
call. As in MindSpore, the gradient of the Parameter is the gradient of its
new value, and no gradient flows into the assigned value.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import arr


@jax.custom_vjp
def _overwrite(old, new):
    return new


def _overwrite_fwd(old, new):
    return new, jnp.zeros_like(new)


def _overwrite_bwd(zeros, g):
    return g, zeros


_overwrite.defvjp(_overwrite_fwd, _overwrite_bwd)


def _store(variable, value, op: str) -> Tensor:
    if not isinstance(variable, Tensor):
        raise TypeError(f"For '{op}', the 'variable' should be a Parameter, but got {type(variable).__name__}.")
    old = variable._arr
    new = jnp.asarray(arr(value, op))
    if new.shape != old.shape:
        try:
            new = jnp.broadcast_to(new, old.shape)
        except ValueError:
            raise ValueError(f"For '{op}', the shape of 'value' {list(new.shape)} should be broadcastable to "
                             f"the shape of 'variable' {list(old.shape)}.") from None
    new = _overwrite(old, new.astype(old.dtype)) if jnp.issubdtype(old.dtype, jnp.inexact) else new.astype(old.dtype)
    variable._set_array(new)
    return wrap(new)


def assign(variable, value) -> Tensor:
    """Set `variable` (a Parameter) to `value`; returns the new value."""
    return _store(variable, value, "Assign")


def assign_add(variable, value) -> Tensor:
    return _store(variable, variable + value, "AssignAdd")


def assign_sub(variable, value) -> Tensor:
    return _store(variable, variable - value, "AssignSub")


def depend(value, expr):
    """Returns `value`; in MindSpore an ordering barrier, here Python's order already is one."""
    return value

