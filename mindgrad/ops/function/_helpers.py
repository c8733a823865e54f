"""Small helpers shared by the functional ops: unwrapping, wrapping, argument checks.

Error messages follow MindSpore's: they start with `For '<OpName>', ...` and
use MindSpore's exception types (TypeError for a wrong type or dtype,
ValueError for a wrong shape, axis or value).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, operands, to_array, wrap

_SCALARS = (bool, int, float)


def arr(x, op: str, name: str = "input"):
    """The JAX array of a Tensor argument (Python numbers and lists become Tensors first)."""
    if isinstance(x, Tensor):
        return x._arr
    if isinstance(x, _SCALARS + (list, tuple)):
        return to_array(x)
    raise TypeError(f"For '{op}', the '{name}' should be a Tensor, but got {type(x).__name__}.")


def tensor_arr(x, op: str, name: str = "input"):
    """The JAX array of an argument that MindSpore accepts only as a Tensor."""
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{op}', the '{name}' should be a Tensor, but got {type(x).__name__}.")
    return x._arr


def is_float(dt) -> bool:
    return bool(jnp.issubdtype(dt, jnp.inexact))


def dtype_name(dt) -> str:
    return str(mstype.from_numpy(dt))


def float_arr(x, op: str):
    """A floating array: integer and bool inputs are computed as Float32 (Sqrt, Reciprocal, Div)."""
    a = arr(x, op)
    return a if is_float(a.dtype) else a.astype(jnp.float32)


def float_only(x, op: str, name: str = "input"):
    """The array of a Tensor that must have a floating dtype (Exp, Log, Sigmoid, Softmax, ...)."""
    a = tensor_arr(x, op, name)
    if not is_float(a.dtype):
        raise TypeError(f"For '{op}', the '{name}' should be a Tensor of Float16, Float32, Float64 or BFloat16, "
                        f"but got {dtype_name(a.dtype)}.")
    return a


def no_bool(x, op: str, name: str = "input"):
    """The array of a numeric (non-bool) Tensor (Neg, Square, Sign, ...)."""
    a = tensor_arr(x, op, name)
    if a.dtype == np.bool_:
        raise TypeError(f"For '{op}', the '{name}' should be a numeric Tensor, but got Bool.")
    return a


def unary(fn, x, op: str) -> Tensor:
    return wrap(fn(arr(x, op)))


def broadcast_operands(a, b, op: str):
    """Both operands as arrays of MindSpore's common dtype; ValueError when their shapes do not broadcast."""
    x, y = operands(a, b, op)
    try:
        jnp.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        raise ValueError(f"For '{op}', input1.shape and input2.shape need to broadcast, but got input1.shape = "
                         f"{list(x.shape)} and input2.shape = {list(y.shape)}.") from None
    return x, y


def binary(fn, a, b, op: str) -> Tensor:
    """`fn` of two operands promoted and broadcast as by MindSpore's binary ops."""
    return wrap(fn(*broadcast_operands(a, b, op)))


def check_int(value, op: str, name: str) -> int:
    if isinstance(value, Tensor):
        value = value.item()
    if not isinstance(value, (int, np.integer)) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"For '{op}', the '{name}' should be int, but got {type(value).__name__}.")
    return int(value)


def check_axis(axis: int, ndim: int, op: str) -> int:
    """A non-negative axis; MindSpore's ValueError when `axis` is outside [-ndim, ndim)."""
    axis = check_int(axis, op, "axis")
    lo, hi = (-ndim, ndim) if ndim else (-1, 1)
    if not lo <= axis < hi:
        raise ValueError(f"For '{op}', the 'axis' should be in range [{lo}, {hi}), but got {axis}.")
    return axis % ndim if ndim else 0


def axes(axis, ndim: int, op: str):
    """MindSpore's reduction axis (None, (), int, tuple, list, Tensor) as a JAX axis argument."""
    if isinstance(axis, Tensor):
        axis = axis.tolist()
    if axis is None or axis == () or axis == []:
        return None
    if isinstance(axis, (tuple, list)):
        return tuple(check_axis(a, ndim, op) for a in axis)
    return check_axis(axis, ndim, op)


def shape_arg(shape, op: str, name: str = "shape") -> tuple:
    """A shape given as an int, a tuple/list of ints or a 1-D integer Tensor."""
    if isinstance(shape, Tensor):
        shape = shape.tolist()
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        return (int(shape),)
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"For '{op}', the '{name}' should be a tuple of int, but got {type(shape).__name__}.")
    return tuple(check_int(s, op, name) for s in shape)


def np_dtype(dtype, op: str):
    """The NumPy dtype of a MindSpore dtype argument; MindSpore's TypeError for anything else."""
    if not mstype.is_sized(dtype):
        raise TypeError(f"For '{op}', the 'dtype' should be a mindspore dtype, but got {dtype!r}.")
    return mstype.to_numpy(dtype)


def concrete(a):
    """`a` as NumPy when its value is known (outside a trace), else None (checks are skipped then)."""
    if isinstance(a, jax.core.Tracer):
        return None
    return np.asarray(a)


def check_reduction(reduction: str, op: str) -> str:
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(f"For '{op}', the 'reduction' should be 'none', 'mean' or 'sum', but got {reduction!r}.")
    return reduction


def reduce_loss(loss, reduction: str):
    if reduction == "mean":
        return jnp.mean(loss)
    if reduction == "sum":
        return jnp.sum(loss)
    return loss


def pnorm_last(d, p: float):
    """The p-norm over the last axis of differences `d` (p = 0 counts the non-zero ones, inf takes the largest),
    as MindSpore's cdist/pdist; where the norm is 0 its gradient is 0, not NaN."""
    if p == 0:
        return jnp.sum(d != 0, axis=-1).astype(d.dtype)
    if p == float("inf"):
        return jnp.max(jnp.abs(d), axis=-1)
    if p == 2:
        s = jnp.sum(d * d, axis=-1)
        return jnp.where(s > 0, jnp.sqrt(jnp.where(s > 0, s, 1)), 0)
    s = jnp.sum(jnp.abs(d) ** p, axis=-1)
    return jnp.where(s > 0, jnp.where(s > 0, s, 1) ** (1 / p), 0)
