"""More array functions that rearrange elements (`mindspore.ops` array operations): meshgrid, tril/triu,
repeat_elements/repeat_interleave, roll, diag/diagonal, tensor_split, reverse (`ReverseV2`),
reverse_sequence, depth_to_space, numel.

JAX does the math; the code here is MindSpore's argument checks, messages and dtype rules.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import check_axis, check_int, concrete, tensor_arr


def meshgrid(*inputs, indexing: str = "xy") -> tuple:
    """Coordinate grids from 1-D Tensors of one dtype ('xy': Cartesian, 'ij': matrix indexing)."""
    if indexing not in ("xy", "ij"):
        raise ValueError(f"For 'Meshgrid', the 'indexing' should be 'xy' or 'ij', but got {indexing!r}.")
    arrays = [tensor_arr(t, "Meshgrid", "inputs") for t in inputs]
    if len(arrays) < 2:
        raise ValueError(f"For 'Meshgrid', the number of 'inputs' should be at least 2, but got {len(inputs)}.")
    for a in arrays:
        if a.ndim != 1:
            raise ValueError(f"For 'Meshgrid', each input should be 1-D, but got a {a.ndim}-D Tensor.")
        if a.dtype != arrays[0].dtype:
            raise ValueError("For Primitive [Meshgrid], all tensors should have the same type.")
    return tuple(wrap(g) for g in jnp.meshgrid(*arrays, indexing=indexing))


def _tri(input, diagonal, op: str, fn) -> Tensor:
    a = tensor_arr(input, op)
    if a.ndim < 2:
        raise ValueError(f"For '{op}', the dimension of 'input' should be at least 2, but got {a.ndim}.")
    return wrap(fn(a, check_int(diagonal, op, "diagonal")))


def tril(input, diagonal: int = 0) -> Tensor:
    """The lower triangle (elements above the `diagonal`-th diagonal set to 0) of the last two axes."""
    return _tri(input, diagonal, "Tril", jnp.tril)


def triu(input, diagonal: int = 0) -> Tensor:
    """The upper triangle (elements below the `diagonal`-th diagonal set to 0) of the last two axes."""
    return _tri(input, diagonal, "Triu", jnp.triu)


def repeat_elements(x, rep: int, axis: int = 0) -> Tensor:
    """Each slice along `axis` repeated `rep` times in place ([a, b] -> [a, a, b, b])."""
    a = tensor_arr(x, "repeat_elements", "x")
    rep = check_int(rep, "repeat_elements", "rep")
    if rep <= 0:
        raise ValueError(f"For 'repeat_elements', the 'rep' should be greater than 0, but got {rep}.")
    return wrap(jnp.repeat(a, rep, axis=check_axis(axis, a.ndim, "repeat_elements")))


def repeat_interleave(input, repeats, axis=None) -> Tensor:
    """Elements repeated along `axis` (the flattened input when None); `repeats` an int, a list or a 1-D Tensor
    with one count per element."""
    a = tensor_arr(input, "repeat_interleave")
    if isinstance(repeats, Tensor):
        repeats = repeats.tolist()
    if isinstance(repeats, list) and len(repeats) == 1:
        repeats = repeats[0]
    if axis is None:
        a, ax = a.reshape(-1), 0
    else:
        ax = check_axis(axis, a.ndim, "repeat_interleave")
    if isinstance(repeats, (list, tuple)):
        if len(repeats) != a.shape[ax]:
            raise ValueError(f"For 'repeat_interleave', the size of 'repeats' should be 1 or {a.shape[ax]}, but got "
                             f"{len(repeats)}.")
        reps = np.asarray(repeats)
        return wrap(jnp.repeat(a, reps, axis=ax, total_repeat_length=int(reps.sum())))
    return wrap(jnp.repeat(a, check_int(repeats, "repeat_interleave", "repeats"), axis=ax))


def roll(input, shifts, dims=None) -> Tensor:
    """Elements shifted cyclically by `shifts` along `dims` (the flattened input when None)."""
    a = tensor_arr(input, "Roll")
    shifts_t = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    if dims is None:
        if len(shifts_t) != 1:
            raise ValueError(f"For 'Roll', 'shifts' should be one int when 'dims' is None, but got {shifts}.")
        return wrap(jnp.roll(a.reshape(-1), shifts_t[0]).reshape(a.shape))
    dims_t = (dims,) if isinstance(dims, int) else tuple(dims)
    if len(dims_t) != len(shifts_t):
        raise ValueError(f"For 'Roll', 'shifts' and 'dims' should have the same length, but got {len(shifts_t)} "
                         f"and {len(dims_t)}.")
    return wrap(jnp.roll(a, shifts_t, tuple(check_axis(d, a.ndim, "Roll") for d in dims_t)))


def diag(input) -> Tensor:
    """A Tensor of shape input.shape * 2 with `input` on its diagonal (a diagonal matrix for 1-D input)."""
    a = tensor_arr(input, "Diag")
    if a.ndim == 0:
        raise ValueError("For 'Diag', the dimension of 'input' should be at least 1, but got 0.")
    flat = a.reshape(-1)
    return wrap((jnp.diag(flat)).reshape(a.shape * 2))


def diagonal(input, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """The diagonal of the (dim1, dim2) planes, appended as the last axis."""
    a = tensor_arr(input, "Diagonal")
    if a.ndim < 2:
        raise ValueError(f"For 'Diagonal', the dimension of 'input' should be at least 2, but got {a.ndim}.")
    d1, d2 = check_axis(dim1, a.ndim, "Diagonal"), check_axis(dim2, a.ndim, "Diagonal")
    if d1 == d2:
        raise ValueError(f"For 'Diagonal', 'dim1' and 'dim2' should be different, but got {dim1} and {dim2}.")
    return wrap(jnp.diagonal(a, check_int(offset, "Diagonal", "offset"), d1, d2))


def tensor_split(input, indices_or_sections, axis: int = 0) -> tuple:
    """Split along `axis` into `n` near-equal parts (an int: the first size % n parts are one longer) or at
    the given indices (a tuple or list)."""
    a = tensor_arr(input, "tensor_split")
    ax = check_axis(axis, a.ndim, "tensor_split")
    s = indices_or_sections
    if isinstance(s, (int, np.integer)) and not isinstance(s, bool):
        if s <= 0:
            raise ValueError(f"For 'tensor_split', the 'indices_or_sections' should be greater than 0, but got {s}.")
        n = a.shape[ax]
        sizes = [n // s + 1] * (n % s) + [n // s] * (s - n % s)
        cuts = np.cumsum(sizes)[:-1].tolist()
    elif isinstance(s, (tuple, list)):
        cuts = [check_int(v, "tensor_split", "indices_or_sections") for v in s]
    else:
        raise TypeError(f"For 'tensor_split', the 'indices_or_sections' should be int, tuple or list, but got "
                        f"{type(s).__name__}.")
    return tuple(wrap(p) for p in jnp.split(a, cuts, axis=ax))


def reverse(x, axis) -> Tensor:
    """`ops.ReverseV2(axis)`: the order of elements reversed along each axis of the tuple/list `axis`."""
    a = tensor_arr(x, "ReverseV2")
    if not isinstance(axis, (tuple, list)):
        raise TypeError(f"For 'ReverseV2', the 'axis' should be a tuple or list of int, but got "
                        f"{type(axis).__name__}.")
    dims = tuple(check_axis(d, a.ndim, "ReverseV2") for d in axis)
    if len(set(dims)) != len(dims):
        raise ValueError(f"For 'ReverseV2', the 'axis' should not repeat an axis, but got {list(axis)}.")
    return wrap(jnp.flip(a, dims))


def reverse_sequence(x, seq_lengths, seq_dim: int, batch_dim: int = 0) -> Tensor:
    """For each batch entry b, the first seq_lengths[b] elements along `seq_dim` reversed."""
    a = tensor_arr(x, "ReverseSequence", "x")
    lens = tensor_arr(seq_lengths, "ReverseSequence", "seq_lengths")
    if lens.dtype not in (jnp.int32, jnp.int64):
        raise TypeError("For 'ReverseSequence', the 'seq_lengths' should be a Tensor of Int32 or Int64.")
    sd, bd = check_axis(seq_dim, a.ndim, "ReverseSequence"), check_axis(batch_dim, a.ndim, "ReverseSequence")
    if sd == bd:
        raise ValueError(f"For 'ReverseSequence', 'seq_dim' and 'batch_dim' should differ, but both are {sd}.")
    if lens.shape != (a.shape[bd],):
        raise ValueError(f"For 'ReverseSequence', the 'seq_lengths' should have shape ({a.shape[bd]},), but got "
                         f"{tuple(lens.shape)}.")
    values = concrete(lens)
    if values is not None and (values.max(initial=0) > a.shape[sd] or values.min(initial=0) < 0):
        raise ValueError(f"For 'ReverseSequence', the 'seq_lengths' should be in [0, {a.shape[sd]}], but got "
                         f"{values.tolist()}.")
    pos = jnp.arange(a.shape[sd])
    src = jnp.where(pos[None, :] < lens[:, None], lens[:, None] - 1 - pos[None, :], pos[None, :])  # (batch, seq)
    moved = jnp.moveaxis(a, (bd, sd), (0, 1))
    idx = src.reshape(src.shape + (1,) * (moved.ndim - 2))
    out = jnp.take_along_axis(moved, jnp.broadcast_to(idx, moved.shape), axis=1)
    return wrap(jnp.moveaxis(out, (0, 1), (bd, sd)))


def depth_to_space(x, block_size: int) -> Tensor:
    """`ops.DepthToSpace`: NCHW (N, C*b*b, H, W) -> (N, C, H*b, W*b), DCR order (as TensorFlow)."""
    a = tensor_arr(x, "DepthToSpace", "x")
    b = check_int(block_size, "DepthToSpace", "block_size")
    if b < 2:
        raise ValueError(f"For 'DepthToSpace', the 'block_size' should be greater than or equal to 2, but got {b}.")
    if a.ndim != 4:
        raise ValueError(f"For 'DepthToSpace', the dimension of 'x' should be 4, but got {a.ndim}.")
    n, c, h, w = a.shape
    if c % (b * b):
        raise ValueError(f"For 'DepthToSpace', the channels of 'x' should be divisible by block_size * block_size "
                         f"= {b * b}, but got {c}.")
    out = a.reshape(n, b, b, c // (b * b), h, w).transpose(0, 3, 4, 1, 5, 2)
    return wrap(out.reshape(n, c // (b * b), h * b, w * b))


def numel(input) -> int:
    """The number of elements of a Tensor, as a Python int."""
    return int(np.prod(tensor_arr(input, "numel").shape, dtype=np.int64))
