"""`nn.grad.Vjp` and `nn.grad.Jvp`: Cells computing a network's vjp / jvp at the inputs they are
called with, the vector `v` last (a Tensor for one input or output, a tuple for several)."""

from __future__ import annotations

from typing import Callable

from ..cell import Cell


class Vjp(Cell):
    """`Vjp(fn)(*inputs, v)` -> `(fn(*inputs), gradients)`: one gradient bare, several as a tuple."""

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self.fn = fn

    def construct(self, *args):
        from ...ops.composite.grad_func import vjp
        *inputs, v = args
        out, vjp_fn = vjp(self.fn, *inputs)
        grads = vjp_fn(*v) if isinstance(v, tuple) else vjp_fn(v)
        return out, grads[0] if len(grads) == 1 else grads


class Jvp(Cell):
    """`Jvp(fn)(*inputs, v)` -> `(fn(*inputs), the derivative along v)`."""

    def __init__(self, fn: Callable) -> None:
        super().__init__()
        self.fn = fn

    def construct(self, *args):
        from ...ops.composite.grad_func import jvp
        *inputs, v = args
        return jvp(self.fn, tuple(inputs), v)
