"""`mindspore.ops.auto_generate`: the generated Primitive classes that model code imports by this path.

MindSpore 2.10 keeps `AddExt` and `SplitWithSize` here (not in `mindspore.ops`), so they are here only.
"""

from __future__ import annotations

from .function import array_func, math_func
from .primitive import Primitive, prim_attr_register

__all__ = ["AddExt", "SplitWithSize"]


class AddExt(Primitive):
    """input + alpha * other."""

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def __call__(self, input, other, alpha=1):  # noqa: A002
        return math_func.add(input, other if alpha == 1 else math_func.mul(other, alpha))


class SplitWithSize(Primitive):
    """Pieces of the given sizes along `dim` (as `ops.split` with a list of sizes)."""

    @prim_attr_register
    def __init__(self) -> None:
        pass

    def __call__(self, input, split_size, dim: int = 0):  # noqa: A002
        return array_func.split(input, list(split_size), dim)


from .operations.tailpb_gen_ops import (AdamW, PagedAttention, PagedAttentionMask, ReshapeAndCache,  # noqa: E402,F401
                                     str_to_enum)  # Ascend-only Primitives and str_to_enum (tailprimB)
