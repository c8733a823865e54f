"""MindSpore's `ops.function.array_func.chunk_ext` (ops17): torch's chunk, with the argument name `dim`. It lives
apart from array_func (which imports it by name) and so slices by itself rather than calling `ops.chunk`."""

from __future__ import annotations

from ...common.tensor import wrap
from ._helpers import check_axis, check_int, tensor_arr


def chunk_ext(input, chunks: int, dim: int = 0) -> tuple:  # noqa: A002 - MindSpore's name
    """`input` split along `dim` into pieces of ceil(size / chunks) (the last smaller; fewer when they run out)."""
    a = tensor_arr(input, "chunk")
    ax = check_axis(dim, a.ndim, "chunk")
    chunks = check_int(chunks, "chunk", "chunks")
    if chunks <= 0:
        raise ValueError(f"For 'chunk', the 'chunks' should be greater than 0, but got {chunks}.")
    size = max(-(-a.shape[ax] // chunks), 1)
    index = [slice(None)] * a.ndim
    pieces = []
    for start in range(0, a.shape[ax], size):
        index[ax] = slice(start, start + size)
        pieces.append(wrap(a[tuple(index)]))
    return tuple(pieces)
