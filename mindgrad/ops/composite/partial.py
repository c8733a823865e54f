"""`ops.Partial` and `ops.partial`: bind leading arguments of a function (functools.partial)."""

from __future__ import annotations

import functools
from typing import Callable


def partial(func: Callable, *args) -> Callable:
    """`func` with its first arguments bound to `args`."""
    if not callable(func):
        raise TypeError(f"For 'partial', the 'func' should be callable, but got {type(func).__name__}.")
    return functools.partial(func, *args)


class Partial:
    """The Primitive spelling: `ops.Partial()(func, *args)`."""

    def __call__(self, func: Callable, *args) -> Callable:
        return partial(func, *args)
