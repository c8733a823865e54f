"""Shape, layout, indexing, sorting and creation functions (`mindspore.ops` array functions)."""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor, operands, result_dtype, wrap
from ... import _state as binding
from ._helpers import (arr, check_axis, check_int, concrete, dtype_name, is_float, np_dtype, shape_arg,
                       tensor_arr)


# ---- shape and layout --------------------------------------------------------------------------

def _tuple_arg(value, op: str, name: str) -> tuple:
    if isinstance(value, Tensor):
        value = value.tolist()
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"For '{op}', the '{name}' should be a tuple or list of int, but got "
                        f"{type(value).__name__}.")
    return tuple(check_int(v, op, name) for v in value)


def reshape(input, shape) -> Tensor:
    """Reshape to `shape` (a tuple/list; one -1 is inferred)."""
    a = tensor_arr(input, "Reshape")
    shape = _tuple_arg(shape, "Reshape", "shape")
    if shape.count(-1) > 1:
        raise ValueError("For 'Reshape', only one dimension can be inferred, but got shape "
                         f"{list(shape)}.")
    known = int(np.prod([s for s in shape if s != -1]))
    if (-1 not in shape and known != a.size) or (-1 in shape and (known == 0 or a.size % known)):
        raise ValueError(f"For 'Reshape', the shape {list(shape)} is invalid for input of size {a.size} "
                         f"(shape {list(a.shape)}).")
    return wrap(jnp.reshape(a, shape))


def transpose(input, dims) -> Tensor:
    """Permute the axes; `dims` may hold negative axes."""
    a = tensor_arr(input, "Transpose")
    perm = _tuple_arg(dims, "Transpose", "dims")
    if len(perm) != a.ndim:
        raise ValueError(f"For 'Transpose', size of perm should equal to rank of x, but got {len(perm)} "
                         f"and {a.ndim}.")
    perm = tuple(check_axis(p, a.ndim, "Transpose") for p in perm)
    if len(set(perm)) != len(perm):
        raise ValueError(f"For 'Transpose', perms should all be unique dim, but got {list(dims)}.")
    return wrap(jnp.transpose(a, perm))


def permute(input, axis) -> Tensor:
    return transpose(input, axis)


def swapaxes(input, axis0: int, axis1: int) -> Tensor:
    a = tensor_arr(input, "swapaxes")
    return wrap(jnp.swapaxes(a, check_axis(axis0, a.ndim, "swapaxes"), check_axis(axis1, a.ndim, "swapaxes")))


def expand_dims(input_x, axis: int) -> Tensor:
    a = tensor_arr(input_x, "ExpandDims", "input_x")
    return wrap(jnp.expand_dims(a, check_axis(axis, a.ndim + 1, "ExpandDims")))


def unsqueeze(input, dim: int) -> Tensor:
    return expand_dims(input, dim)


def squeeze(input, axis=None) -> Tensor:
    """Remove size-1 axes; a given axis whose size is not 1 is left alone, as MindSpore does."""
    a = tensor_arr(input, "Squeeze")
    if axis is None or axis == ():
        return wrap(jnp.squeeze(a))
    ax = (axis,) if not isinstance(axis, (tuple, list)) else tuple(axis)
    ax = tuple(check_axis(i, a.ndim, "Squeeze") for i in ax)
    return wrap(jnp.squeeze(a, tuple(i for i in ax if a.shape[i] == 1)))


def flatten(input, order: str = "C", *, start_dim: int = 1, end_dim: int = -1) -> Tensor:
    """Merge axes `start_dim`..`end_dim` (from axis 1 by default); a 0-d input becomes shape (1,)."""
    a = tensor_arr(input, "flatten")
    if order not in ("C", "F"):
        raise ValueError(f"For 'flatten', 'order' must be 'C' or 'F', but got {order!r}.")
    if a.ndim == 0:
        return wrap(a.reshape(1))
    if order == "F":
        a = jnp.transpose(a)
    nd = a.ndim
    if not (-nd <= start_dim < nd and -nd <= end_dim < nd):
        raise ValueError("For 'flatten', 'start_dim' or 'end_dim' out of range.")
    start, end = start_dim % nd, end_dim % nd
    if start > end:
        raise ValueError("For 'flatten', 'start_dim' cannot come after 'end_dim'.")
    return wrap(a.reshape(a.shape[:start] + (-1,) + a.shape[end + 1:]))


def broadcast_to(input, shape) -> Tensor:
    """Broadcast to `shape`; a -1 keeps the input's size at that position."""
    a = tensor_arr(input, "BroadcastTo")
    shape = _tuple_arg(shape, "BroadcastTo", "shape")
    pad = len(shape) - a.ndim
    if pad < 0:
        raise ValueError(f"For 'BroadcastTo', input's rank should be less equal to the number of "
                         f"proposed_shape, but got {a.ndim} and {len(shape)}.")
    for i, s in enumerate(shape):
        if s == -1 and i < pad:
            raise ValueError(f"For 'BroadcastTo', -1 in shape {list(shape)} is in an incompatible location "
                             f"with the input of shape {list(a.shape)}.")
    target = tuple(a.shape[i - pad] if s == -1 else s for i, s in enumerate(shape))
    try:
        return wrap(jnp.broadcast_to(a, target))
    except ValueError:
        raise ValueError(f"For 'BroadcastTo', the input of shape {list(a.shape)} can not be broadcast to "
                         f"{list(shape)}.") from None


def tile(input, dims) -> Tensor:
    """Repeat along each axis; shorter `dims` are padded with leading 1s, as are fewer input axes."""
    a = tensor_arr(input, "Tile")
    dims = _tuple_arg(dims, "Tile", "dims")
    for k, d in enumerate(dims):
        if d < 0:
            raise ValueError(f"For 'Tile', 'dims' cannot contain negative integer numbers, but got {d} in {k}th.")
    return wrap(jnp.tile(a, dims))


def _check_same(arrays, op: str) -> None:
    for a in arrays[1:]:
        if a.dtype != arrays[0].dtype:
            raise TypeError(f"For '{op}', all inputs should have the same data type, but got "
                            f"{dtype_name(arrays[0].dtype)} and {dtype_name(a.dtype)}.")


def _tensor_list(tensors, op: str) -> list:
    if not isinstance(tensors, (tuple, list)):
        raise TypeError(f"For '{op}', the 'tensors' should be a tuple or list of Tensors, but got "
                        f"{type(tensors).__name__}.")
    if not tensors:
        raise ValueError(f"For '{op}', the number of 'tensors' must be greater than 0, but got 0.")
    return [tensor_arr(t, op, "tensors") for t in tensors]


def concat(tensors, axis: int = 0) -> Tensor:
    """Join along `axis`. Mixed dtypes raise RuntimeError, as MindSpore's CPU kernel does."""
    arrays = _tensor_list(tensors, "Concat")
    try:
        _check_same(arrays, "Concat")
    except TypeError as e:
        raise RuntimeError(str(e)) from None
    ax = check_axis(axis, arrays[0].ndim, "Concat")
    for a in arrays[1:]:
        if a.ndim != arrays[0].ndim or any(s != t for i, (s, t) in enumerate(zip(a.shape, arrays[0].shape, strict=True))
                                          if i != ax):
            raise ValueError(f"For 'Concat', only one axis may differ, but got shapes "
                             f"{[list(b.shape) for b in arrays]}.")
    return wrap(jnp.concatenate(arrays, axis=ax))


cat = concat


def stack(tensors, axis: int = 0) -> Tensor:
    """Stack Tensors of one shape and dtype along a new axis."""
    arrays = _tensor_list(tensors, "Stack")
    _check_same(arrays, "Stack")
    if any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError(f"For 'Stack', all input shapes must be the same, but got "
                         f"{[list(b.shape) for b in arrays]}.")
    return wrap(jnp.stack(arrays, axis=check_axis(axis, arrays[0].ndim + 1, "Stack")))


def unstack(input_x, axis: int = 0) -> tuple:
    a = tensor_arr(input_x, "Unstack", "input_x")
    ax = check_axis(axis, a.ndim, "Unstack")
    return tuple(wrap(v) for v in jnp.moveaxis(a, ax, 0))


def unbind(input, dim: int = 0) -> tuple:
    return unstack(input, dim)


def split(tensor, split_size_or_sections, axis: int = 0) -> tuple:
    """An int is a chunk size (the last chunk may be smaller); a list gives the section sizes."""
    a = tensor_arr(tensor, "split", "tensor")
    ax = check_axis(axis, a.ndim, "split")
    n = a.shape[ax]
    s = split_size_or_sections
    if isinstance(s, (int, np.integer)) and not isinstance(s, bool):
        if s <= 0:
            raise ValueError(f"For split, the value of 'split_size_or_sections' must be more than zero, but got {s}.")
        sizes = [s] * (n // s) + ([n % s] if n % s else [])
    elif isinstance(s, (tuple, list)):
        sizes = [check_int(v, "split", "split_size_or_sections") for v in s]
        if builtins.sum(sizes) != n:
            raise ValueError(f"The sum of 'split_size_or_sections' should be equal to {n}, but got "
                             f"{builtins.sum(sizes)}.")
    else:
        raise TypeError("Type of Argument `split_size_or_sections` should be integer, tuple(int) or list(int), "
                        f"but got {type(s)}")
    return _split_sizes(a, sizes, ax)


def _split_sizes(a, sizes, ax: int) -> tuple:
    cuts = np.cumsum(sizes)[:-1].tolist()
    return tuple(wrap(p) for p in jnp.split(a, cuts, axis=ax))


def split_output_num(input_x, axis: int = 0, output_num: int = 1) -> tuple:
    """`ops.Split(axis, output_num)`: `output_num` equal parts."""
    a = tensor_arr(input_x, "Split", "input_x")
    ax = check_axis(axis, a.ndim, "Split")
    if output_num <= 0 or a.shape[ax] % output_num:
        raise ValueError(f"For 'Split', x_shape[{ax}] must be divisible by output_num = {output_num}, but got "
                         f"{a.shape[ax]}")
    return _split_sizes(a, [a.shape[ax] // output_num] * output_num, ax)


def flip(input, dims) -> Tensor:
    """Reverse the order of elements along `dims` (a tuple or list of axes)."""
    a = tensor_arr(input, "flip")
    return wrap(jnp.flip(a, tuple(check_axis(d, a.ndim, "flip") for d in _tuple_arg(dims, "flip", "dims"))))


def narrow(input, axis: int, start: int, length: int) -> Tensor:
    """`length` elements from `start` along `axis`."""
    a = tensor_arr(input, "narrow")
    ax = check_axis(axis, a.ndim, "narrow")
    if not 0 <= start <= start + length <= a.shape[ax]:
        raise ValueError(f"For 'narrow', start {start} and length {length} exceed the axis size {a.shape[ax]}.")
    return wrap(jax.lax.slice_in_dim(a, start, start + length, axis=ax))


def index_select(input, axis: int, index) -> Tensor:
    """The slices at the 1-D integer `index` along `axis`."""
    tensor_arr(input, "index_select")
    idx = _index_arr(index, "index_select", "index")
    if idx.ndim != 1:
        raise ValueError(f"For 'index_select', the 'index' should be 1-D, but got {idx.ndim}-D.")
    return gather(input, index, axis)


def nonzero(input, *, as_tuple: bool = False):
    """Int64 indices of the non-zero elements, shape (n, ndim), or one 1-D Tensor per axis with `as_tuple`.
    The number of results depends on the values, so it cannot be traced by `jax.jit`."""
    tensor_arr(input, "nonzero")
    idx = np.nonzero(input.asnumpy())
    if as_tuple:
        return tuple(wrap(jnp.asarray(i, jnp.int64)) for i in idx)
    return wrap(jnp.asarray(np.stack(idx, axis=-1), jnp.int64))


def chunk(input, chunks: int, axis: int = 0) -> tuple:
    a = tensor_arr(input, "chunk")
    ax = check_axis(axis, a.ndim, "chunk")
    size = -(-a.shape[ax] // check_int(chunks, "chunk", "chunks"))
    return split(input, size, ax)


# ---- selection ---------------------------------------------------------------------------------

def _index_arr(indices, op: str, name: str = "indices"):
    i = tensor_arr(indices, op, name)
    if i.dtype.kind not in "iu":
        raise TypeError(f"For '{op}', the '{name}' should be a Tensor of int32 or int64, but got "
                        f"{dtype_name(i.dtype)}.")
    return i


def _check_range(idx, size: int, op: str, lo: int | None = None) -> None:
    """MindSpore's RuntimeError for an index outside [lo, size) (checked when the value is known)."""
    v = concrete(idx)
    lo = -size if lo is None else lo
    if v is not None and v.size and (v.min() < lo or v.max() >= size):
        bad = v[(v < lo) | (v >= size)].flat[0]
        raise RuntimeError(f"For '{op}', the index should be in the range [{lo}, {size}), but got {bad}.")


def gather(input_params, input_indices, axis: int, batch_dims: int = 0) -> Tensor:
    """Slices of `input_params` at `input_indices` along `axis`; negative indices count from the end.
    (MindSpore's gradient drops negative indices; mindgrad's is correct for them.)"""
    a = tensor_arr(input_params, "Gather", "input_params")
    idx = _index_arr(input_indices, "Gather", "input_indices")
    ax = check_axis(axis, a.ndim, "Gather")
    if batch_dims and ax < batch_dims:
        raise ValueError(f"For 'Gather', the axis must be greater than or equal to {batch_dims}, but got {ax}.")
    _check_range(idx, a.shape[ax], "Gather")
    idx = jnp.where(idx < 0, idx + a.shape[ax], idx)

    def take(p, i):
        return jnp.take(p, i, axis=ax - batch_dims, mode="clip")

    for _ in builtins.range(batch_dims):
        take = jax.vmap(take)
    return wrap(take(a, idx))


def gather_nd(input_x, indices) -> Tensor:
    """`input_x[indices[..., 0], indices[..., 1], ...]`: the last axis of `indices` indexes leading axes."""
    a = tensor_arr(input_x, "GatherNd", "input_x")
    idx = _index_arr(indices, "GatherNd")
    depth = idx.shape[-1]
    if depth > a.ndim:
        raise ValueError(f"For 'GatherNd', the last dimension of 'indices' {depth} should not exceed the rank "
                         f"of 'input_x' {a.ndim}.")
    for k in builtins.range(depth):
        _check_range(idx[..., k], a.shape[k], "GatherNd", lo=0)
    return wrap(a[tuple(idx[..., k] for k in builtins.range(depth))])


def gather_elements(input, dim: int, index) -> Tensor:
    """out[i][j] = input[index[i][j]][j] (for dim 0); `index` may be smaller than `input` on other axes."""
    a = tensor_arr(input, "GatherD")
    idx = _index_arr(index, "GatherD", "index")
    ax = check_axis(dim, a.ndim, "GatherD")
    if idx.ndim != a.ndim or any(i > s for k, (i, s) in enumerate(zip(idx.shape, a.shape, strict=False)) if k != ax):
        raise ValueError(f"For 'GatherD', the shape of 'index' {list(idx.shape)} does not fit 'input' "
                         f"{list(a.shape)} outside dim {ax}.")
    _check_range(idx, a.shape[ax], "GatherD")
    idx = jnp.where(idx < 0, idx + a.shape[ax], idx)
    part = a[tuple(builtins.slice(None) if k == ax else builtins.slice(0, n) for k, n in enumerate(idx.shape))]
    return wrap(jnp.take_along_axis(part, idx, axis=ax))


def gather_d(x, dim: int, index) -> Tensor:
    return gather_elements(x, dim, index)


def scatter_nd(indices, updates, shape) -> Tensor:
    """Zeros of `shape` with `updates` added at `indices` (repeated indices accumulate)."""
    idx = _index_arr(indices, "ScatterNd")
    u = tensor_arr(updates, "ScatterNd", "updates")
    if not isinstance(shape, tuple):
        raise TypeError(f"For 'ScatterNd', the 'shape' should be a tuple of int, but got {type(shape).__name__}.")
    shape = shape_arg(shape, "ScatterNd")
    depth = idx.shape[-1]
    if u.shape != idx.shape[:-1] + shape[depth:]:
        raise ValueError(f"For 'ScatterNd', the shape of 'updates' should be {list(idx.shape[:-1] + shape[depth:])}, "
                         f"but got {list(u.shape)}.")
    for k in builtins.range(depth):
        _check_range(idx[..., k], shape[k], "ScatterNd", lo=0)
    return wrap(jnp.zeros(shape, u.dtype).at[tuple(idx[..., k] for k in builtins.range(depth))].add(u))


def slice(input_x, begin, size) -> Tensor:  # noqa: A001 - MindSpore's name
    """`size[i]` elements from `begin[i]` on each axis (-1: to the end)."""
    a = tensor_arr(input_x, "Slice", "input_x")
    begin, size = _tuple_arg(begin, "Slice", "begin"), _tuple_arg(size, "Slice", "size")
    if not len(begin) == len(size) == a.ndim:
        raise ValueError("For Slice, the shape of input|begin|size must be equal.")
    index = []
    for b, s, n in zip(begin, size, a.shape, strict=False):
        s = n - b if s == -1 else s
        if b < 0 or s < 0:
            raise ValueError(f"For Slice, the begin {list(begin)} and size {list(size)} are invalid.")
        if b + s > n:
            raise ValueError("For Slice, the sum of begin_shape and size_shape must be no greater than "
                             "input_x_shape.")
        index.append(builtins.slice(b, b + s))
    return wrap(a[tuple(index)])


def strided_slice(input_x, begin, end, strides, begin_mask: int = 0, end_mask: int = 0, ellipsis_mask: int = 0,
                  new_axis_mask: int = 0, shrink_axis_mask: int = 0) -> Tensor:
    """TensorFlow-style strided slice; bit i of a mask applies to the i-th entry of `begin`/`end`/`strides`.
    (MindSpore's gradient through a negative stride is wrong; mindgrad's is correct.)"""
    a = tensor_arr(input_x, "StridedSlice", "input_x")
    begin, end = _tuple_arg(begin, "StridedSlice", "begin"), _tuple_arg(end, "StridedSlice", "end")
    strides = _tuple_arg(strides, "StridedSlice", "strides")
    if not len(begin) == len(end) == len(strides):
        raise ValueError("For 'StridedSlice', 'begin', 'end' and 'strides' must have the same length.")
    if 0 in strides:
        raise ValueError("For 'StridedSlice', input 'strides' can not contain 0.")
    index = []
    for k, (b, e, s) in enumerate(zip(begin, end, strides, strict=False)):
        bit = 1 << k
        if ellipsis_mask & bit:
            index.append(Ellipsis)
        elif new_axis_mask & bit:
            index.append(None)
        elif shrink_axis_mask & bit:
            index.append(b)
        else:
            index.append(builtins.slice(None if begin_mask & bit else b, None if end_mask & bit else e, s))
    if builtins.sum(i is not None and i is not Ellipsis for i in index) > a.ndim:
        raise ValueError(f"For 'StridedSlice', the length of 'begin' {len(begin)} exceeds the rank of the input "
                         f"{a.ndim}.")
    return wrap(a[tuple(index)])


def where(condition, input, other) -> Tensor:
    """`input` where `condition` is True, else `other` (Bool condition; operands promote, scalars allowed)."""
    c = arr(condition, "Select", "condition")
    if c.dtype != np.bool_:
        raise TypeError(f"For 'Select', the 'condition' should be a Bool Tensor, but got {dtype_name(c.dtype)}.")
    x, y = operands(input, other, "Select")
    return wrap(jnp.where(c, x, y))


def select(condition, input, other) -> Tensor:
    return where(condition, input, other)


def masked_fill(input_x, mask, value) -> Tensor:
    a = tensor_arr(input_x, "MaskedFill", "input_x")
    m = tensor_arr(mask, "MaskedFill", "mask")
    v = value._arr if isinstance(value, Tensor) else value
    return wrap(jnp.where(m, jnp.asarray(v, a.dtype), a))


def _sort_order(a, axis: int, descending: bool):
    return jnp.argsort(a, axis=axis, stable=True, descending=descending)


def sort(input_x, axis: int = -1, descending: bool = False) -> tuple:
    """(sorted values, Int32 indices); equal elements keep their order. The gradient follows the indices."""
    a = tensor_arr(input_x, "Sort", "input_x")
    if a.dtype == np.bool_:
        raise TypeError("For 'Sort', the 'input_x' should not be Bool.")
    ax = check_axis(axis, a.ndim, "Sort")
    idx = _sort_order(a, ax, descending)
    return wrap(jnp.take_along_axis(a, idx, axis=ax)), wrap(idx.astype(jnp.int32))


def topk(input, k: int, dim=None, largest: bool = True, sorted: bool = True) -> tuple:  # noqa: A002
    """(k largest values, Int32 indices) along `dim` (last axis by default); ties keep the lower index."""
    a = tensor_arr(input, "TopK")
    ax = -1 if dim is None else dim
    ax = check_axis(ax, a.ndim, "TopK")
    k = check_int(k, "TopK", "k")
    n = a.shape[ax] if a.ndim else 1
    if not 0 < k <= n:
        raise ValueError(f"For 'TopK', the k must be in (0,{n}], but got {k}.")
    idx = jax.lax.slice_in_dim(_sort_order(a, ax, largest), 0, k, axis=ax)
    return wrap(jnp.take_along_axis(a, idx, axis=ax)), wrap(idx.astype(jnp.int32))


def top_k(input_x, k: int, sorted: bool = True) -> tuple:  # noqa: A002
    return topk(input_x, k, sorted=sorted)


def one_hot(indices, depth: int, on_value=1, off_value=0, axis: int = -1) -> Tensor:
    """One-hot encoding along a new `axis`. Indices outside [0, depth) give an all-`off_value` row.
    The result dtype is that of `on_value` (Python int -> Int64, float -> Float32); `on_value` and
    `off_value` get no gradient, as in MindSpore."""
    idx = _index_arr(indices, "OneHot")
    depth = check_int(depth, "OneHot", "depth")
    if depth < 0:
        raise ValueError(f"For 'OneHot', the depth value must be greater than or equal to 0, but got {depth}.")
    if not -1 <= axis <= idx.ndim:
        raise ValueError(f"For 'OneHot', the axis value must be in [-1,{idx.ndim}], but got {axis}.")
    on, off = operands(on_value, off_value, "OneHot")
    on, off = jax.lax.stop_gradient(on), jax.lax.stop_gradient(off)
    hot = jnp.expand_dims(idx, -1) == jnp.arange(depth, dtype=idx.dtype)
    out = jnp.where(hot, on, off)
    return wrap(out if axis == -1 else jnp.moveaxis(out, -1, axis))


# ---- creation ----------------------------------------------------------------------------------

def _creation_shape(shape, op: str) -> tuple:
    shape = shape_arg(shape, op, "size")
    for k, s in enumerate(shape):
        if s < 0:
            raise ValueError(f"For '{op}', the {k}th dimension of input shape must be greater than or equal to 0, "
                             f"but got {s}.")
    return shape


def _value_dtype(value):
    """The dtype of a fill value: a Tensor's, else MindSpore's for Python numbers (float -> Float32)."""
    if isinstance(value, Tensor):
        return value._arr.dtype
    return result_dtype(value, value) if isinstance(value, (bool, int, float)) else np.dtype(np.float32)


def fill(type, shape, value) -> Tensor:  # noqa: A002 - MindSpore's name
    dt = np_dtype(type, "Fill")
    v = value._arr if isinstance(value, Tensor) else value
    return wrap(jnp.full(_creation_shape(shape, "Fill"), jnp.asarray(v).astype(dt), dtype=dt))


def full(size, fill_value, *, dtype=None) -> Tensor:
    """A Tensor of `size` filled with `fill_value`. Without `dtype`, the dtype is the value's (float ->
    Float32); MindSpore 2.10 gives Int64 here even for floats (0.5 -> 0), a bug mindgrad does not copy."""
    dt = np_dtype(dtype, "full") if dtype is not None else _value_dtype(fill_value)
    v = fill_value._arr if isinstance(fill_value, Tensor) else fill_value
    return wrap(jnp.full(_creation_shape(size, "full"), v, dtype=dt))


def full_like(input, fill_value, *, dtype=None) -> Tensor:
    a = tensor_arr(input, "full_like")
    dt = np_dtype(dtype, "full_like") if dtype is not None else a.dtype
    v = fill_value._arr if isinstance(fill_value, Tensor) else fill_value
    return wrap(jnp.full(a.shape, v, dtype=dt))


def zeros(size, dtype=None) -> Tensor:
    return wrap(jnp.zeros(_creation_shape(size, "Zeros"), np_dtype(dtype or mstype.float32, "Zeros")))


def ones(shape, dtype=None) -> Tensor:
    return wrap(jnp.ones(_creation_shape(shape, "Ones"), np_dtype(dtype or mstype.float32, "Ones")))


def zeros_like(input, *, dtype=None) -> Tensor:
    a = tensor_arr(input, "ZerosLike")
    return wrap(jnp.zeros(a.shape, a.dtype if dtype is None else np_dtype(dtype, "ZerosLike")))


def ones_like(input, *, dtype=None) -> Tensor:
    a = tensor_arr(input, "OnesLike")
    return wrap(jnp.ones(a.shape, a.dtype if dtype is None else np_dtype(dtype, "OnesLike")))


def _scalar(x):
    if isinstance(x, Tensor):
        return x.item(), x._arr.dtype
    return x, result_dtype(x, x)


def _range_values(start, end, step, dt, op: str) -> Tensor:
    if step == 0:
        raise ValueError(f"For {op}, delta cannot be equal to zero.")
    if (end - start) * step < 0:
        raise ValueError(f"For {op}, delta cannot be {'positive' if step > 0 else 'negative'} when limit "
                         f"{'<' if step > 0 else '>'} start.")
    n = builtins.max(int(np.ceil((end - start) / step)), 0)
    return wrap((jnp.asarray(start, dt) + jnp.arange(n, dtype=dt) * jnp.asarray(step, dt)).astype(dt))


def arange(start=0, end=None, step=1, *, dtype=None) -> Tensor:
    """[start, end) in steps; Int64 for Python ints, Float32 if any argument is a float (or Tensor dtypes)."""
    if end is None:
        start, end = 0, start
    values = [_scalar(v) for v in (start, end, step)]
    dt = values[0][1]
    for _, d in values[1:]:
        dt = jnp.promote_types(dt, d)
    if dtype is not None:
        dt = np_dtype(dtype, "arange")
    return _range_values(values[0][0], values[1][0], values[2][0], dt, "Range")


def range(start, end, step, maxlen: int = 1000000) -> Tensor:  # noqa: A001 - MindSpore's name
    """`ops.range`/`ops.Range`: like arange, but the three arguments must share a dtype."""
    values = [_scalar(v) for v in (start, end, step)]
    dts = [d for _, d in values]
    if len(set(dts)) != 1:
        raise TypeError(f"For Range, the dtypes of inputs must be the same, but got "
                        f"({', '.join(dtype_name(d) for d in dts)}).")
    return _range_values(values[0][0], values[1][0], values[2][0], dts[0], "Range")


def eye(n: int, m=None, dtype=None) -> Tensor:
    dt = np_dtype(dtype or mstype.float32, "Eye")
    return wrap(jnp.eye(check_int(n, "Eye", "n"), None if m is None else check_int(m, "Eye", "m"), dtype=dt))


# ---- dtype and meta ----------------------------------------------------------------------------

def cast(input, dtype) -> Tensor:
    """Convert to a MindSpore dtype (the same dtype returns `input` itself). As in MindSpore the
    gradient passes back to the source dtype, also through float -> integer casts whose output is a
    network output (the engine routes its default sens of ones to the float value)."""
    a = arr(input, "Cast", "input_x")
    if not mstype.is_sized(dtype):
        raise TypeError(f"For 'Cast', the input 'dtype' should be mindspore dtype, but got {dtype!r}.")
    target = mstype.to_numpy(dtype)
    if isinstance(input, Tensor) and a.dtype == target:
        return input
    if is_float(a.dtype) and np.dtype(target).kind in "iu":
        out = jnp.trunc(a).astype(jnp.int64).astype(target)  # C-style: truncate, then wrap (uint8: -1 -> 255)
    else:
        out = a.astype(target)
    if is_float(a.dtype) and not is_float(target):
        binding.note_cast(out, a)
    return wrap(out)


def shape(input_x) -> tuple:
    return tuple(tensor_arr(input_x, "Shape", "input_x").shape)


def dtype(input) -> mstype.Type:
    return mstype.from_numpy(tensor_arr(input, "DType").dtype)


def rank(input_x) -> int:
    return tensor_arr(input_x, "Rank", "input_x").ndim


def size(input_x) -> int:
    return int(tensor_arr(input_x, "Size", "input_x").size)


def scalar_to_tensor(input_x, dtype=mstype.float32) -> Tensor:
    """A 0-d Tensor of a Python number (Float32 unless `dtype` is given)."""
    return wrap(jnp.asarray(input_x, np_dtype(dtype, "scalar_to_tensor")))


def tuple_to_array(input_x) -> Tensor:
    """A 1-D Tensor of a tuple of numbers: Int32 for ints, Float32 when any is a float."""
    if not isinstance(input_x, (tuple, list)):
        raise TypeError(f"For 'tuple_to_array', the 'input_x' should be a tuple, but got {type(input_x).__name__}.")
    value = np.asarray(input_x)
    return wrap(jnp.asarray(value, jnp.float32 if value.dtype.kind == "f" else jnp.int32))


def identity(x):
    """A copy of a Tensor (other values are returned as they are)."""
    return wrap(x._arr) if isinstance(x, Tensor) else x


def stop_gradient(value):
    """No gradient flows through `value` (a Tensor or a nest of Tensors)."""
    if isinstance(value, Tensor):
        return wrap(jax.lax.stop_gradient(value._arr))
    if isinstance(value, (tuple, list)):
        return type(value)(stop_gradient(v) for v in value)
    return value


# MindSpore's `ops.function.array_func.chunk_ext` (ops17; not exported from `ops`).
from .array_ext_func import chunk_ext  # noqa: E402,F401
