"""More selection, search and scatter functions (`mindspore.ops` array operations): unique,
unique_consecutive, masked_select, argsort, argwhere, bucketize, count_nonzero,
tensor_scatter_elements, scatter_nd_update, and the type checks is_tensor, is_floating_point, typeof.

Ops whose result size depends on the values (`unique`, `masked_select`, `argwhere`) run on concrete
values, as MindSpore's dynamic-shape kernels do, and cannot be traced by `jax.jit`.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ._helpers import axes, check_axis, dtype_name, is_float, np_dtype, tensor_arr
from .array_func import _sort_order
from .parameter_func import _store


def unique(input) -> tuple:
    """(the distinct elements in order of first occurrence, Int32 index of each input element in them) of the
    flattened input."""
    a = tensor_arr(input, "Unique")
    flat = np.asarray(a).reshape(-1)
    _, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return (wrap(jnp.asarray(flat[first[order]], a.dtype)),
            wrap(jnp.asarray(rank[inverse.reshape(-1)].reshape(a.shape), jnp.int32)))


def unique_consecutive(input, return_inverse: bool = False, return_counts: bool = False, dim=None):
    """Consecutive duplicates collapsed (of the flattened input, or of slices along `dim`); with Int64 inverse
    indices and counts on request."""
    a = np.asarray(tensor_arr(input, "UniqueConsecutive"))
    if dim is None:
        flat, ax = a.reshape(-1), 0
    else:
        flat, ax = a, check_axis(dim, a.ndim, "UniqueConsecutive")
    moved = np.moveaxis(flat, ax, 0)
    n = moved.shape[0]
    change = np.ones(n, bool)
    if n > 1:
        change[1:] = (moved[1:] != moved[:-1]).reshape(n - 1, -1).any(axis=1)
    starts = np.flatnonzero(change)
    out = [wrap(jnp.asarray(np.moveaxis(moved[starts], 0, ax), a.dtype))]
    if return_inverse:
        inverse = np.cumsum(change) - 1
        out.append(wrap(jnp.asarray(inverse.reshape(a.shape) if dim is None else inverse, jnp.int64)))
    if return_counts:
        out.append(wrap(jnp.asarray(np.diff(np.append(starts, n)), jnp.int64)))
    return out[0] if len(out) == 1 else tuple(out)


def masked_select(input, mask) -> Tensor:
    """The elements of `input` where the Bool `mask` is True (both broadcast), as a 1-D Tensor."""
    a = tensor_arr(input, "MaskedSelect")
    m = tensor_arr(mask, "MaskedSelect", "mask")
    if m.dtype != np.bool_:  # MindSpore's CPU kernel fails to initialise (RuntimeError)
        raise RuntimeError(f"For 'MaskedSelect', the 'mask' should be a Bool Tensor, but got {dtype_name(m.dtype)}.")
    try:
        shape = jnp.broadcast_shapes(a.shape, m.shape)
    except ValueError:
        raise ValueError(f"For 'MaskedSelect', the shapes of 'input' {list(a.shape)} and 'mask' {list(m.shape)} "
                         f"should broadcast.") from None
    keep = np.flatnonzero(np.broadcast_to(np.asarray(m), shape))
    return wrap(jnp.broadcast_to(a, shape).reshape(-1)[keep])


def argsort(input, axis: int = -1, descending: bool = False) -> Tensor:
    """Int32 indices that sort `input` along `axis` (a stable sort: equal elements keep their order)."""
    a = tensor_arr(input, "Sort")
    return wrap(_sort_order(a, check_axis(axis, a.ndim, "Sort"), descending).astype(jnp.int32))


def argwhere(input) -> Tensor:
    """Int64 indices (n, ndim) of the non-zero elements."""
    a = np.asarray(tensor_arr(input, "Argwhere"))
    return wrap(jnp.asarray(np.argwhere(a), jnp.int64))


def bucketize(input, boundaries, *, right: bool = False) -> Tensor:
    """Int32 index of the bucket of each element among the sorted list of float `boundaries`
    (i with boundaries[i-1] < x <= boundaries[i]; with `right`, boundaries[i-1] <= x < boundaries[i])."""
    a = tensor_arr(input, "Bucketize")
    if not isinstance(boundaries, (list, tuple)):
        raise TypeError(f"For 'Bucketize', the 'boundaries' should be a list of float, but got "
                        f"{type(boundaries).__name__}.")
    b = jnp.asarray(boundaries, jnp.float32 if not is_float(a.dtype) else a.dtype)
    return wrap(jnp.searchsorted(b, a, side="right" if right else "left").astype(jnp.int32))


def count_nonzero(x, axis=(), keep_dims: bool = False, dtype=mstype.int32) -> Tensor:
    """The number of non-zero elements over `axis` (all axes for ()), in `dtype`."""
    a = tensor_arr(x, "count_nonzero", "x")
    if a.dtype == np.bool_:
        raise TypeError("The 'input x' doesn't support 'Bool' and expect to receive a numeric Tensor.")
    return wrap(jnp.sum(a != 0, axis=axes(axis, a.ndim, "count_nonzero"), keepdims=keep_dims)
                .astype(np_dtype(dtype, "count_nonzero")))


def tensor_scatter_elements(input_x, indices, updates, axis: int = 0, reduction: str = "none") -> Tensor:
    """A copy of `input_x` with out[indices[i][j]][j] = updates[i][j] along `axis` (reduction 'add' adds);
    updates at out-of-range indices are dropped."""
    op = "TensorScatterElements"
    a = tensor_arr(input_x, op, "input_x")
    idx = tensor_arr(indices, op, "indices")
    u = tensor_arr(updates, op, "updates")
    if reduction not in ("none", "add"):
        raise ValueError(f"For '{op}', the 'reduction' should be 'none' or 'add', but got {reduction!r}.")
    if idx.dtype not in (jnp.int32, jnp.int64):
        raise TypeError(f"For '{op}', the 'indices' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")
    if u.dtype != a.dtype:
        raise TypeError(f"For '{op}', the 'updates' should have the dtype of 'input_x', but got "
                        f"{dtype_name(u.dtype)} and {dtype_name(a.dtype)}.")
    if idx.shape != u.shape or idx.ndim != a.ndim:
        raise ValueError(f"For '{op}', 'indices' and 'updates' should have one shape and the rank of 'input_x', "
                         f"but got {list(idx.shape)}, {list(u.shape)} and {list(a.shape)}.")
    try:
        ax = check_axis(axis, a.ndim, op)
    except ValueError as err:  # MindSpore's kernel raises RuntimeError here
        raise RuntimeError(str(err)) from None
    grid = list(jnp.indices(idx.shape, sparse=True))
    grid[ax] = jnp.where(idx < 0, idx + a.shape[ax], idx)
    target = jnp.asarray(a).at[tuple(grid)]  # out-of-range indices are dropped, as by MindSpore's CPU kernel
    return wrap(target.add(u) if reduction == "add" else target.set(u))


def scatter_nd_update(input_x, indices, updates) -> Tensor:
    """`ops.ScatterNdUpdate`: writes `updates` into the Parameter `input_x` at the index tuples in the last axis
    of `indices`; returns the updated Parameter value."""
    op = "ScatterNdUpdate"
    a = tensor_arr(input_x, op, "input_x")
    idx = tensor_arr(indices, op, "indices")
    u = tensor_arr(updates, op, "updates")
    if idx.dtype not in (jnp.int32, jnp.int64):
        raise TypeError(f"For '{op}', the 'indices' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")
    depth = idx.shape[-1]
    if u.shape != idx.shape[:-1] + a.shape[depth:]:
        raise ValueError(f"For '{op}', the 'updates' should have shape {list(idx.shape[:-1] + a.shape[depth:])}, "
                         f"but got {list(u.shape)}.")
    new = jnp.asarray(a).at[tuple(jnp.moveaxis(idx, -1, 0))].set(u.astype(a.dtype))
    return _store(input_x, wrap(new), op)


def is_tensor(obj) -> bool:
    """Whether `obj` is a Tensor (a Parameter included)."""
    return isinstance(obj, Tensor)


def is_floating_point(input) -> bool:
    """Whether the Tensor's dtype is Float16, Float32, Float64 or BFloat16."""
    return bool(is_float(tensor_arr(input, "is_floating_point").dtype))


class _TensorType:
    """The type of a Tensor as `ops.typeof` gives it (`mindspore.tensor[float32]`)."""

    def __init__(self, element: mstype.Type) -> None:
        self._element = element

    def element_type(self) -> mstype.Type:
        return self._element

    def __eq__(self, other) -> bool:
        return isinstance(other, _TensorType) and other._element == self._element

    def __hash__(self) -> int:
        return hash(("tensor", self._element))

    def __repr__(self) -> str:
        return f"mindspore.tensor[{repr(self._element)[len('mindspore.'):]}]"


_SCALAR_TYPES = {bool: mstype.bool_, int: mstype.int64, float: mstype.float32}


def typeof(x):
    """The MindSpore type of a value: a Tensor's `tensor[<dtype>]`, Int64 for int, Float32 for float, Bool."""
    if isinstance(x, Tensor):
        return _TensorType(x.dtype)
    if type(x) in _SCALAR_TYPES:
        return _SCALAR_TYPES[type(x)]
    raise TypeError(f"For 'typeof', mindgrad supports Tensors, bool, int and float, but got {type(x).__name__}.")
