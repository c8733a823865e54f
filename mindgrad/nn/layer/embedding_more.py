"""EmbeddingLookup (`mindspore.nn.layer.embedding`): rows of `embedding_table` (vocab_size, embedding_size)
for integer ids, ids outside [0, vocab_size) giving zero rows (MindSpore's CPU `EmbeddingLookup`); with
`max_norm`, each looked-up row is clipped to that L2 norm. `target`, `slice_mode` and `manual_shapes`
are MindSpore's model-parallel settings: checked, with one process nothing to shard.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr

__all__ = ["EmbeddingLookup"]


class EmbeddingLookup(Cell):
    """Look up rows of `embedding_table` for integer ids of any shape; output shape ids.shape + (size,)."""

    BATCH_SLICE = "batch_slice"
    FIELD_SLICE = "field_slice"
    TABLE_ROW_SLICE = "table_row_slice"
    TABLE_COLUMN_SLICE = "table_column_slice"

    def __init__(self, vocab_size: int, embedding_size: int, param_init="normal", target: str = "CPU",
                 slice_mode: str = "batch_slice", manual_shapes=None, max_norm=None, sparse: bool = True,
                 dtype=mstype.float32) -> None:
        super().__init__()
        name = self.cls_name
        V.check_value_type("sparse", sparse, [bool], name)
        self.vocab_size = V.check_positive_int(vocab_size, "vocab_size")
        self.target = target
        self.sparse = sparse
        self.forward_unique = False
        V.check_string(target, ["CPU", "DEVICE"], "target", name)
        if not sparse and target == "CPU":
            raise ValueError(f"For '{name}', 'sparse' must be True when 'target' is \"CPU\", but got 'sparse': "
                             f"{sparse} and 'target': {target}")
        self.embedding_size = V.check_positive_int(embedding_size, "embedding_size", name)
        self.embedding_table = Parameter(initializer(param_init, [self.vocab_size, self.embedding_size], dtype=dtype),
                                         name="embedding_table")
        self.slice_mode = slice_mode
        self.manual_shapes = manual_shapes
        self.max_norm = None if max_norm is None else V.check_positive_float(max_norm, "max_norm", name)

    def construct(self, indices: Tensor) -> Tensor:
        ids = arr(indices, self.cls_name, "indices")
        table = self.embedding_table._arr
        inside = (ids >= 0) & (ids < self.vocab_size)
        out = jnp.where(inside[..., None], jnp.take(table, jnp.clip(ids, 0, self.vocab_size - 1), axis=0), 0)
        if self.max_norm is not None:
            norm = jnp.sqrt(jnp.sum(jnp.square(out.astype(jnp.float32)), axis=-1, keepdims=True))
            out = (out * (self.max_norm / jnp.maximum(norm, self.max_norm))).astype(out.dtype)
        return wrap(out)
