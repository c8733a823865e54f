"""MindSpore's result shapes for gradients, in one place.

A single result comes back bare, several as a tuple, none as `()`; `get_all`
always gives a tuple of input gradients (non-Tensor arguments dropped), and a
ParameterTuple/list/tuple of weights always gives a tuple, while a single
Parameter gives a bare gradient. With both: `((inputs...), weights)`.
"""

from __future__ import annotations

from .vjp_core import Outcome


def input_grads(outcome: Outcome) -> tuple:
    """Gradients of the Tensor arguments, positionals then keywords in call order."""
    return tuple(outcome.input_grads[s.input_index] for s in outcome.split.slots if s.input_index >= 0)


def first_input_grad(outcome: Outcome):
    """The gradient of the first positional argument, or `()` when it is not a Tensor."""
    slots = outcome.split.slots
    if outcome.split.n_positional and slots[0].input_index >= 0:
        return outcome.input_grads[slots[0].input_index]
    return ()


def weight_grads(outcome: Outcome, single: bool):
    grads = tuple(outcome.param_grads)
    return grads[0] if single else grads


def grad_operation(outcome: Outcome, get_all: bool, get_by_list: bool, single_weight: bool):
    """The result of `GradOperation(get_all, get_by_list)(fn, weights)(*args)`."""
    if get_by_list:
        weights = weight_grads(outcome, single_weight)
        return (input_grads(outcome), weights) if get_all else weights
    if get_all:
        return input_grads(outcome)
    return first_input_grad(outcome)
