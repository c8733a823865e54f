"""Functional ops behind the longer tail of Tensor methods: `ops.scatter`, `ops.index_add`, `ops.movedim`,
`ops.inverse`, `ops.lerp`, `ops.searchsorted`, `ops.diff` (MindSpore's signatures, dtypes and errors)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .parameter_func import assign
from ._helpers import arr, check_axis, dtype_name, is_float, tensor_arr


def _scatter_along(a, axis: int, index, values, op: str, reduce: str = "none"):
    """`a` with `values` written (added, multiplied) at `index` along `axis`, element-wise as torch.scatter."""
    if index.ndim != a.ndim:
        raise ValueError(f"For '{op}', the rank of 'index' should be equal to the rank of 'input', "
                         f"but got {index.ndim} and {a.ndim}.")
    values = jnp.broadcast_to(values, index.shape) if values.ndim == 0 else values[tuple(slice(0, n) for n in
                                                                                           index.shape)]
    grids = list(jnp.indices(index.shape, sparse=True))
    grids[axis] = index % a.shape[axis]
    at = jnp.asarray(a).at[tuple(grids)]
    if reduce == "add":
        return at.add(values)
    return at.multiply(values) if reduce == "multiply" else at.set(values)


def scatter_elements(input, axis: int, index, src, reduce: str = "none", op: str = "scatter") -> Tensor:  # noqa: A002
    """`input` with `src` (a Tensor or a number) written, added or multiplied at `index` along `axis`."""
    a = tensor_arr(input, op)
    idx = tensor_arr(index, op, "index")
    if idx.dtype.kind not in "iu":
        raise TypeError(f"For '{op}', the 'index' should be a Tensor of Int32 or Int64, but got "
                        f"{dtype_name(idx.dtype)}.")
    axis = check_axis(axis, a.ndim, op)
    values = jnp.asarray(arr(src, op, "src")).astype(a.dtype)
    return wrap(_scatter_along(a, axis, idx, values, op, reduce))


def scatter(input, axis: int, index, src) -> Tensor:  # noqa: A002
    """`input` with `src` (a Tensor or a number) written at `index` along `axis`; the gradient reaches both."""
    return scatter_elements(input, axis, index, src)


def masked_scatter(input, mask, source) -> Tensor:  # noqa: A002
    """`input` with the positions where `mask` (broadcast to `input`) is True filled, in order, from `source`."""
    a = tensor_arr(input, "masked_scatter")
    m = tensor_arr(mask, "masked_scatter", "mask")
    if m.dtype != np.bool_:
        raise TypeError(f"For 'masked_scatter', the 'mask' should be a Tensor of Bool, but got {dtype_name(m.dtype)}.")
    m = jnp.broadcast_to(m, a.shape).reshape(-1)
    src = tensor_arr(source, "masked_scatter", "source").reshape(-1).astype(a.dtype)
    pos = jnp.clip(jnp.cumsum(m) - 1, 0, max(src.size - 1, 0))
    return wrap(jnp.where(m, src[pos], a.reshape(-1)).reshape(a.shape))


def index_add(x, indices, y, axis: int, use_lock: bool = True, check_index_bound: bool = True) -> Tensor:
    """`x` with the slices of `y` added at `indices` along `axis` (MindSpore's `ops.index_add`)."""
    a = tensor_arr(x, "IndexAdd", "x")
    idx = tensor_arr(indices, "IndexAdd", "indices")
    b = tensor_arr(y, "IndexAdd", "y")
    if idx.ndim != 1:
        raise ValueError(f"For 'IndexAdd', the 'indices' should be 1-D, but got {idx.ndim}-D.")
    axis = check_axis(axis, a.ndim, "IndexAdd")
    if b.ndim != a.ndim or b.shape[axis] != idx.shape[0]:
        raise ValueError(f"For 'IndexAdd', the size of 'y' along 'axis' should equal the size of 'indices', "
                         f"but got y.shape {list(b.shape)} and indices.shape {list(idx.shape)}.")
    moved = jnp.moveaxis(jnp.asarray(a), axis, 0).at[idx].add(jnp.moveaxis(b, axis, 0).astype(a.dtype))
    out = wrap(jnp.moveaxis(moved, 0, axis))
    if isinstance(x, Parameter):  # MindSpore adds into the Parameter in place
        assign(x, out)
    return out


def movedim(x, source, destination) -> Tensor:
    """`x` with the axes `source` moved to the positions `destination`."""
    a = tensor_arr(x, "movedim", "x")
    src = tuple(source) if isinstance(source, (tuple, list)) else (source,)
    dst = tuple(destination) if isinstance(destination, (tuple, list)) else (destination,)
    if len(src) != len(dst):
        raise ValueError(f"For 'movedim', 'source' and 'destination' should have the same number of elements, "
                         f"but got {len(src)} and {len(dst)}.")
    src = tuple(check_axis(s, a.ndim, "movedim") for s in src)
    dst = tuple(check_axis(d, a.ndim, "movedim") for d in dst)
    return wrap(jnp.moveaxis(a, src, dst))


def inverse(input) -> Tensor:  # noqa: A002
    """The inverse of a square matrix (or a batch of them); integers are computed as Float32."""
    a = tensor_arr(input, "inverse")
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise ValueError(f"For 'inverse', the 'input' should be a square matrix of rank >= 2, but got shape "
                         f"{list(a.shape)}.")
    return wrap(jnp.linalg.inv(a if is_float(a.dtype) else a.astype(jnp.float32)))


def lerp(input, end, weight) -> Tensor:  # noqa: A002
    """`input + weight * (end - input)`; `weight` is a float or a Tensor."""
    a = tensor_arr(input, "lerp")
    b = tensor_arr(end, "lerp", "end")
    if not is_float(a.dtype) or a.dtype != b.dtype:
        raise TypeError(f"For 'lerp', the 'input' and 'end' should be float Tensors of the same dtype, but got "
                        f"{dtype_name(a.dtype)} and {dtype_name(b.dtype)}.")
    w = weight._arr if isinstance(weight, Tensor) else weight
    return wrap(a + jnp.asarray(w, a.dtype) * (b - a))


def searchsorted(sorted_sequence, values, *, out_int32: bool = False, right: bool = False, side=None,
                 sorter=None) -> Tensor:
    """Indices that keep `sorted_sequence` (sorted along its last axis) sorted when `values` are inserted;
    Int64 (Int32 with `out_int32`)."""
    seq = tensor_arr(sorted_sequence, "SearchSorted", "sorted_sequence")
    v = arr(values, "SearchSorted", "values")
    if side is not None:
        if side not in ("left", "right"):
            raise ValueError(f"For 'SearchSorted', the 'side' should be 'left' or 'right', but got {side!r}.")
        right = side == "right"
    if sorter is not None:
        seq = jnp.take_along_axis(seq, tensor_arr(sorter, "SearchSorted", "sorter"), axis=-1)
    how = "right" if right else "left"
    if seq.ndim == 1:
        out = jnp.searchsorted(seq, v, side=how)
    else:
        flat_s = seq.reshape(-1, seq.shape[-1])
        flat_v = v.reshape(flat_s.shape[0], -1)
        out = jnp.stack([jnp.searchsorted(s, w, side=how) for s, w in zip(flat_s, flat_v, strict=True)])
        out = out.reshape(v.shape)
    return wrap(out.astype(jnp.int32 if out_int32 else jnp.int64))


def diff(x, n: int = 1, axis: int = -1, prepend=None, append=None) -> Tensor:
    """The `n`-th forward difference along `axis`, with `prepend`/`append` joined first."""
    a = tensor_arr(x, "diff", "x")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"For 'diff', the 'n' should be a non-negative int, but got {n!r}.")
    axis = check_axis(axis, a.ndim, "diff")
    parts = [p._arr if isinstance(p, Tensor) else p for p in (prepend, a, append) if p is not None]
    a = jnp.concatenate(parts, axis=axis) if len(parts) > 1 else a
    if a.dtype == np.bool_:
        for _ in range(n):
            a = jnp.logical_xor(jnp.take(a, jnp.arange(1, a.shape[axis]), axis),
                                jnp.take(a, jnp.arange(a.shape[axis] - 1), axis))
        return wrap(a)
    return wrap(jnp.diff(a, n=n, axis=axis))

