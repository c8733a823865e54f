"""`ops.HyperMap` and `ops.Map`: mapping a function over (nested) tuples, as optimizers do.

MindSpore's HyperMap recurses into tuples and lists (a ParameterTuple included; a dict is a
leaf, handed to the function whole), applies the function to the leaves, returns tuples, and
truncates structures of different lengths to the shortest (zip). It accepts plain Python functions
and Primitives as well as MultitypeFuncGraphs. `Map` does the same one level deep.
"""

from __future__ import annotations

from typing import Any, Callable


def _is_seq(x) -> bool:
    return isinstance(x, (tuple, list))


def _hyper_map(fn: Callable, trees: tuple) -> Any:
    if trees and all(_is_seq(t) for t in trees):
        return tuple(_hyper_map(fn, items) for items in zip(*trees, strict=False))
    return fn(*trees)


class HyperMap:
    """`HyperMap(ops=None, reverse=False)`: `hyper_map(fn, *trees)`, or `hyper_map(*trees)` when
    `ops` fixes the function."""

    def __init__(self, ops: Callable | None = None, reverse: bool = False) -> None:
        if ops is not None and not callable(ops):
            raise TypeError(f"For 'HyperMap', the 'ops' should be callable, but got {type(ops).__name__}.")
        self.ops = ops
        self.reverse = reverse

    def __call__(self, *args) -> Any:
        fn, trees = (self.ops, args) if self.ops is not None else (args[0], args[1:])
        if not callable(fn):
            raise TypeError(f"For 'HyperMap', the first argument should be callable, but got {type(fn).__name__}.")
        return _hyper_map(fn, tuple(trees))


class Map:
    """`Map(ops=None, reverse=False)`: like HyperMap without recursion."""

    def __init__(self, ops: Callable | None = None, reverse: bool = False) -> None:
        self.ops = ops
        self.reverse = reverse

    def __call__(self, *args) -> Any:
        fn, seqs = (self.ops, args) if self.ops is not None else (args[0], args[1:])
        if seqs and all(_is_seq(s) for s in seqs):
            return tuple(fn(*items) for items in zip(*seqs, strict=False))
        return fn(*seqs)
