"""Debug Primitives (`mindspore.ops.operations.debug_ops`): `Print` and the summary operators.

`Print()(*args)` prints each argument on its own line as MindSpore does (strings as they are,
Tensors as `repr` shows them, other values with `str`) and returns None. Inside a compiled call
(`ms.jit`, GRAPH_MODE, `jax.jit`) a traced Tensor is printed by `jax.debug.print` when the compiled
program runs.

`ScalarSummary`, `TensorSummary`, `ImageSummary` and `HistogramSummary` take `(name, value)` and
return None; mindgrad has no summary file writer, so the values are not recorded (MindSpore's
PyNative mode accepts any arguments and records nothing either).
"""

from __future__ import annotations

import jax

from ...common.tensor import Tensor
from ..primitive import Primitive, prim_attr_register


def _print_one(value) -> None:
    if isinstance(value, Tensor) and isinstance(value._arr, jax.core.Tracer):
        jax.debug.print("Tensor(shape={shape}, dtype={dtype}, value=\n{value})", shape=list(value.shape),
                        dtype=str(value.dtype), value=value._arr)
    elif isinstance(value, Tensor):
        print(repr(value))
    else:
        print(value)


class Print(Primitive):
    """Prints its arguments (strings, Tensors, numbers, tuples and lists of them), one per line."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, *args):
        for value in args:
            _print_one(value)


class _Summary(Primitive):
    """Takes (name, value) and records nothing, as MindSpore's PyNative mode."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, name, value):
        return None


class ScalarSummary(_Summary):
    """Summary of a scalar (a no-op: mindgrad has no summary writer)."""


class TensorSummary(_Summary):
    """Summary of a Tensor (a no-op: mindgrad has no summary writer)."""


class ImageSummary(_Summary):
    """Summary of an image batch (a no-op: mindgrad has no summary writer)."""


class HistogramSummary(_Summary):
    """Summary of a Tensor's histogram (a no-op: mindgrad has no summary writer)."""
