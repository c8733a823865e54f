"""`mindspore.ops.function.grad.grad_func`: every autodiff function under MindSpore's module path,
and `custom_vjp` (a function with a user-defined backward pass, as a Cell with a `bprop`)."""

from __future__ import annotations

from typing import Callable

import jax

from ....common.api import jit, mutable
from ....common.tensor import Tensor
from ...composite import GradOperation
from ...composite.grad_func import get_grad, grad, jacfwd, jacrev, jvp, value_and_grad, vjp
from ...composite.partial import partial
from ..array_func import stop_gradient
from ..taylor_func import derivative, jet, linearize

__all__ = ["GradOperation", "custom_vjp", "derivative", "get_grad", "grad", "jacfwd", "jacrev", "jet", "jit",
           "jvp", "linearize", "mutable", "partial", "stop_gradient", "stop_gradient_", "value_and_grad", "vjp"]


def stop_gradient_(input) -> None:  # noqa: A002 - MindSpore's name
    """In place: from here on, no gradient flows through `input` (the Tensor object itself)."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'stop_gradient_', the 'input' must be a Tensor, but got {type(input).__name__}.")
    input._arr = jax.lax.stop_gradient(input._arr)


def _custom_vjp_cell(fwd: Callable):
    """`fwd` as a Cell whose backward pass is the function given to `defbwd`: it receives the
    inputs, the output and the output's gradient, and returns one gradient per input."""
    from ....nn.cell import Cell

    class CustomVjp(Cell):
        def __init__(self) -> None:
            super().__init__()
            self.fwd = fwd
            self.bwd = None

        def construct(self, *args):
            return self.fwd(*args)

        def defbwd(self, bwd: Callable) -> None:
            self.bwd = bwd

        def bprop(self, *args):
            return self.bwd(*args)

    return CustomVjp()


def custom_vjp(fn: Callable | None = None):
    """Decorator: `fn` with a custom backward pass, set with `.defbwd(bwd)`."""
    if fn is not None:
        return _custom_vjp_cell(fn)
    return _custom_vjp_cell
