"""`mindspore.boost.grad_accumulation`: sum gradients over `max_accumulation_step` calls, then apply the optimizer
once to their sum and clear them."""

from __future__ import annotations

import jax.numpy as jnp

from ..common.parameter import Parameter, ParameterTuple
from ..common.tensor import Tensor
from ..nn.cell import Cell
from ..ops.function import assign

__all__ = ["GradientAccumulation", "gradient_accumulation_op", "gradient_clear_op"]


def gradient_accumulation_op(cumulative_grad: Parameter, grad) -> Tensor:
    """`cumulative_grad += grad`."""
    return assign(cumulative_grad, cumulative_grad + grad)


def gradient_clear_op(cumulative_grad: Parameter) -> Tensor:
    """`cumulative_grad = 0`."""
    return assign(cumulative_grad, Tensor(jnp.zeros_like(cumulative_grad._arr)))


class GradientAccumulation(Cell):
    """`GradientAccumulation(max_accumulation_step, optimizer)`; calling it with `(loss, grads)` accumulates and,
    every `max_accumulation_step`-th call, runs `optimizer(summed grads)`; returns the loss."""

    def __init__(self, max_accumulation_step: int, optimizer) -> None:
        super().__init__(auto_prefix=False)
        if not isinstance(max_accumulation_step, int) or max_accumulation_step <= 0:
            raise ValueError(f"For 'GradientAccumulation', the 'max_accumulation_step' should be a positive int, "
                             f"but got {max_accumulation_step!r}.")
        self._max_accumulation_step = max_accumulation_step
        self.optimizer = optimizer
        self.weights = optimizer.parameters
        self._grad_accumulation = ParameterTuple(
            [Parameter(Tensor(jnp.zeros_like(p._arr)), name=f"grad_accumulation.{p.name}", requires_grad=False)
             for p in self.weights])
        self._accumulation_step = Parameter(Tensor(jnp.zeros((), jnp.int32)), name="accumulation_step",
                                            requires_grad=False)

    def construct(self, loss, grads):
        for acc, g in zip(self._grad_accumulation, grads, strict=True):
            gradient_accumulation_op(acc, g)
        step = int(self._accumulation_step.asnumpy()) + 1
        if step >= self._max_accumulation_step:
            self.optimizer(tuple(Tensor(a._arr) for a in self._grad_accumulation))
            for acc in self._grad_accumulation:
                gradient_clear_op(acc)
            step = 0
        assign(self._accumulation_step, Tensor(jnp.asarray(step, jnp.int32)))
        return loss
