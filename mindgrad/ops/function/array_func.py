"""Shape, layout, selection and creation functions (`mindspore.ops` array functions)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor, operands, wrap
from ..._engine import binding
from ._helpers import arr, check_axis, np_dtype


def _shape_arg(shape, op: str) -> tuple:
    if isinstance(shape, Tensor):
        shape = shape.tolist()
    if isinstance(shape, int):
        return (shape,)
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"For '{op}', the 'shape' should be a tuple of int, but got {type(shape).__name__}.")
    return tuple(int(s) for s in shape)


def reshape(input, shape) -> Tensor:
    a = arr(input, "Reshape")
    shape = _shape_arg(shape, "Reshape")
    known = 1
    for s in shape:
        known *= s if s != -1 else 1
    if (-1 not in shape and known != a.size) or (-1 in shape and (known == 0 or a.size % known)):
        raise ValueError(f"For 'Reshape', the product of 'shape' {list(shape)} should equal the number of "
                         f"elements of 'input' {a.size} (shape {list(a.shape)}).")
    return wrap(jnp.reshape(a, shape))


def transpose(input, input_perm) -> Tensor:
    a = arr(input, "Transpose")
    perm = tuple(input_perm)
    if sorted(p % a.ndim if a.ndim else p for p in perm) != list(range(a.ndim)):
        raise ValueError(f"For 'Transpose', the 'input_perm' {perm} should be a permutation of the "
                         f"{a.ndim} axes of 'input'.")
    return wrap(jnp.transpose(a, perm))


def concat(tensors, axis: int = 0) -> Tensor:
    if not isinstance(tensors, (tuple, list)) or not tensors:
        raise TypeError("For 'Concat', the 'tensors' should be a non-empty tuple or list of Tensors.")
    arrays = [arr(t, "Concat") for t in tensors]
    dt = arrays[0].dtype
    for a in arrays[1:]:
        dt = jnp.promote_types(dt, a.dtype)
    ax = check_axis(axis, arrays[0].ndim, "Concat")
    return wrap(jnp.concatenate([a.astype(dt) for a in arrays], axis=ax))


cat = concat


def where(condition, input, other) -> Tensor:
    c = arr(condition, "Select")
    x, y = operands(input, other, "Select")
    return wrap(jnp.where(c, x, y))


def select(cond, x, y) -> Tensor:
    return where(cond, x, y)


def broadcast_to(input, shape) -> Tensor:
    a = arr(input, "BroadcastTo")
    shape = _shape_arg(shape, "BroadcastTo")
    pad = len(shape) - a.ndim
    target = tuple(a.shape[i - pad] if s == -1 else s for i, s in enumerate(shape))
    try:
        return wrap(jnp.broadcast_to(a, target))
    except ValueError:
        raise ValueError(f"For 'BroadcastTo', 'input' of shape {list(a.shape)} can not be broadcast to "
                         f"{list(shape)}.") from None


def expand_dims(input_x, axis: int) -> Tensor:
    a = arr(input_x, "ExpandDims")
    return wrap(jnp.expand_dims(a, check_axis(axis, a.ndim + 1, "ExpandDims")))


def unsqueeze(input, dim: int) -> Tensor:
    return expand_dims(input, dim)


def squeeze(input, axis=None) -> Tensor:
    a = arr(input, "Squeeze")
    if axis is None or axis == ():
        return wrap(jnp.squeeze(a))
    ax = (axis,) if isinstance(axis, int) else tuple(axis)
    ax = tuple(check_axis(i, a.ndim, "Squeeze") for i in ax)
    for i in ax:
        if a.shape[i] != 1:
            raise ValueError(f"For 'Squeeze', the dimension {i} of 'input' (shape {list(a.shape)}) should be 1.")
    return wrap(jnp.squeeze(a, ax))


def cast(input, dtype) -> Tensor:
    """Convert the dtype. As in MindSpore, the gradient is cast back to the source dtype, also
    for a float -> integer cast whose output is a network output (its default sens of ones flows
    back to the float value; JAX alone would give integer outputs no gradient)."""
    a = arr(input, "Cast")
    target = np_dtype(dtype, "Cast")
    out = a.astype(target)
    if jnp.issubdtype(a.dtype, jnp.inexact) and jnp.issubdtype(target, jnp.integer):
        binding.note_cast(out, a)
    return wrap(out)


def shape(input_x) -> tuple:
    return tuple(arr(input_x, "Shape").shape)


def dtype(input) -> mstype.Type:
    return mstype.from_numpy(arr(input, "DType").dtype)


def rank(input_x) -> int:
    return arr(input_x, "Rank").ndim


def size(input_x) -> int:
    return int(arr(input_x, "Size").size)


def fill(type, shape, value) -> Tensor:  # noqa: A002 - MindSpore's name
    return wrap(jnp.full(_shape_arg(shape, "Fill"), value, dtype=np_dtype(type, "Fill")))


def ones(shape, dtype=None) -> Tensor:  # noqa: A002
    return wrap(jnp.ones(_shape_arg(shape, "Ones"), dtype=np_dtype(dtype or mstype.float32, "Ones")))


def zeros(size, dtype=None) -> Tensor:
    return wrap(jnp.zeros(_shape_arg(size, "Zeros"), dtype=np_dtype(dtype or mstype.float32, "Zeros")))


def ones_like(input, *, dtype=None) -> Tensor:
    a = arr(input, "OnesLike")
    return wrap(jnp.ones_like(a, dtype=None if dtype is None else np_dtype(dtype, "OnesLike")))


def zeros_like(input, *, dtype=None) -> Tensor:
    a = arr(input, "ZerosLike")
    return wrap(jnp.zeros_like(a, dtype=None if dtype is None else np_dtype(dtype, "ZerosLike")))


def stop_gradient(value):
    """No gradient flows through `value` (a Tensor or a nest of Tensors)."""
    if isinstance(value, Tensor):
        return wrap(jax.lax.stop_gradient(value._arr))
    if isinstance(value, (tuple, list)):
        return type(value)(stop_gradient(v) for v in value)
    return value
