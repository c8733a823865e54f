"""`ops.composite.matmul` (MindSpore's composite math_ops form, with an optional result dtype)."""

from __future__ import annotations

from ...common.tensor import Tensor
from ..function.math_func import matmul as _matmul


def matmul(x1, x2, dtype=None) -> Tensor:
    """`ops.matmul(x1, x2)`, cast to `dtype` when given."""
    out = _matmul(x1, x2)
    return out if dtype is None else out.astype(dtype)
