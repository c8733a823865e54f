"""Embedding (`mindspore.nn.layer.embedding`).

The table is a Float32 Parameter `embedding_table` of shape (vocab_size, embedding_size),
initialized 'normal' (N(0, 0.01**2)) by default; `padding_idx` only zeroes that row at
construction (its gradient still flows, as in MindSpore). `use_one_hot=True` looks up by a
one-hot matrix product, so out-of-range ids give zero rows; the gather path rejects them
with MindSpore's RuntimeError (checked when the call starts, while the ids are concrete).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr

__all__ = ["Embedding"]


def _check_padding(name: str, padding_idx, vocab_size: int) -> None:
    if not isinstance(padding_idx, int) or isinstance(padding_idx, bool):
        raise TypeError(f"For '{name}', the 'padding_idx' must be 'int',  but got '{type(padding_idx).__name__}'.")
    if not 0 <= padding_idx < vocab_size:
        raise ValueError(f"For '{name}', the 'padding_idx' must be in range of [0, {vocab_size}), but got "
                         f"{padding_idx} with type 'int'.")


def init_table(cell, name: str, vocab_size: int, embedding_size: int, use_one_hot: bool, embedding_table, dtype,
               padding_idx, check_padding) -> None:
    """The checks and attributes an embedding layer shares (`Embedding`, `EmbeddingThor`): `vocab_size`,
    `embedding_size`, `use_one_hot`, `dtype`, `padding_idx` and the `embedding_table` Parameter, its row
    `padding_idx` zeroed; `check_padding(name, padding_idx, vocab_size)` raises the layer's own error."""
    cell.vocab_size = V.check_value_type("vocab_size", vocab_size, [int], name)
    cell.embedding_size = V.check_value_type("embedding_size", embedding_size, [int], name)
    V.check_value_type("use_one_hot", use_one_hot, [bool], name)
    if not isinstance(dtype, mstype.Type) or dtype == mstype.bool_:
        raise TypeError(f"For '{name}', the 'dtype' must be a number type, but got {dtype}.")
    cell.use_one_hot = use_one_hot
    cell.dtype = dtype
    table = initializer(embedding_table, [vocab_size, embedding_size])
    cell.padding_idx = padding_idx
    if padding_idx is not None:
        check_padding(name, padding_idx, vocab_size)
        values = np.array(table.asnumpy())
        values[padding_idx] = 0
        table = Tensor(values)
    cell.embedding_table = Parameter(table, name="embedding_table")


class Embedding(Cell):
    """Look up rows of `embedding_table` for integer ids of any shape; output shape ids.shape + (size,)."""

    def __init__(self, vocab_size: int, embedding_size: int, use_one_hot: bool = False, embedding_table="normal",
                 dtype=mstype.float32, padding_idx: int | None = None) -> None:
        super().__init__()
        init_table(self, "Embedding", vocab_size, embedding_size, use_one_hot, embedding_table, dtype, padding_idx,
                   _check_padding)

    def __call__(self, ids, *args, **kwargs):
        """MindSpore's RuntimeError for out-of-range ids, checked while the ids are concrete values."""
        if not self.use_one_hot and isinstance(ids, Tensor) and not isinstance(ids._arr, jax.core.Tracer):
            values = np.asarray(ids._arr)
            if values.size and np.issubdtype(values.dtype, np.integer) and values.max() >= self.vocab_size:
                raise RuntimeError(f"For 'Gather', the 'input_indices' should be in the range [0, {self.vocab_size}), "
                                   f"but got {int(values.max())}, error_code[58]")
        return super().__call__(ids, *args, **kwargs)

    def construct(self, ids: Tensor) -> Tensor:
        idx = arr(ids, "Embedding", "ids")
        if not jnp.issubdtype(idx.dtype, jnp.integer):
            raise TypeError(f"For 'Gather', the 'input_indices' must be int32 or int64, but got {ids.dtype}.")
        table = self.embedding_table._arr
        flat = idx.reshape(-1)
        if self.use_one_hot:
            one_hot = jax.nn.one_hot(flat, self.vocab_size, dtype=mstype.to_numpy(self.dtype))
            out = jnp.matmul(one_hot.astype(table.dtype), table)
        else:
            out = jnp.take(table, flat, axis=0, mode="wrap")
        return wrap(out.reshape(idx.shape + (self.embedding_size,)))

    def extend_repr(self) -> str:
        return (f"vocab_size={self.vocab_size}, embedding_size={self.embedding_size}, "
                f"use_one_hot={self.use_one_hot}, embedding_table={self.embedding_table}, dtype={self.dtype}, "
                f"padding_idx={self.padding_idx}")
