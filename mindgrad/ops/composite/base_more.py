"""More of MindSpore's `composite` helpers: `add_flags`, `ones_like`, and `clip_by_value` /
`clip_by_global_norm` under their `C.` spellings (the same functions as `ops.clip_by_value`, ...)."""

from __future__ import annotations

from ...common.tensor import Tensor
from ..function import array_func
from ..function.clip_func import clip_by_global_norm, clip_by_value

__all__ = ["add_flags", "clip_by_global_norm", "clip_by_value", "ones_like"]


def add_flags(fn=None, **flags):
    """Records `flags` (MindSpore's compiler hints) in `fn._func_graph_flags` and returns `fn`; used as a
    decorator with or without `fn`."""
    def apply(f):
        f._func_graph_flags = {**getattr(f, "_func_graph_flags", {}), **flags}
        return f

    return apply if fn is None else apply(fn)


def ones_like(x):
    """Ones shaped like `x`: a Tensor of ones, 1 for a Python int or bool, mapped over tuples and lists."""
    if isinstance(x, Tensor):
        return array_func.ones_like(x)
    if isinstance(x, (tuple, list)):
        return tuple(ones_like(v) for v in x)
    if isinstance(x, (bool, int)):
        return type(x)(1)
    if isinstance(x, float):  # MindSpore 2.10 cannot cast a float scalar here
        raise ValueError("For 'ScalarCast', the supported type is in the list: [mindspore.int64, mindspore.float64, "
                         "mindspore.bool], but got Float32")
    raise TypeError(f"For 'ones_like', the input should be a Tensor, a number or a tuple of them, but got "
                    f"{type(x).__name__}.")
