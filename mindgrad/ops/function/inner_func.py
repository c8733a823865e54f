"""MindSpore's inner helpers that model code calls as `F.<name>` / `ops.<name>`: `make_range`, `tuple_len`,
`mixed_precision_cast`."""

from __future__ import annotations

from ...common.tensor import Tensor
from ._helpers import check_int, is_float
from .array_func import cast


def make_range(*args) -> tuple:
    """`range(start=0, stop, step=1)` as a tuple of ints."""
    if not 1 <= len(args) <= 3:
        raise TypeError(f"For 'make_range', the number of arguments should be 1 to 3, but got {len(args)}.")
    values = [check_int(a, "make_range", "input") for a in args]
    if len(values) == 3 and values[2] == 0:
        raise ValueError("For 'make_range', the 'step' should not be 0.")
    return tuple(range(*values))


def tuple_len(data) -> int:
    """The length of a tuple or list."""
    if not isinstance(data, (tuple, list)):
        raise TypeError(f"For 'tuple_len', the input should be a tuple or list, but got {type(data).__name__}.")
    return len(data)


def mixed_precision_cast(dst_dtype, x):
    """Float Tensors in `x` (a Tensor, or tuples/lists/dicts of them) cast to `dst_dtype`; other values,
    integer Tensors included, unchanged; lists become tuples, as in MindSpore."""
    if isinstance(x, Tensor):
        return cast(x, dst_dtype) if is_float(x._arr.dtype) else x
    if isinstance(x, (tuple, list)):
        return tuple(mixed_precision_cast(dst_dtype, v) for v in x)
    if isinstance(x, dict):
        return {k: mixed_precision_cast(dst_dtype, v) for k, v in x.items()}
    return x
