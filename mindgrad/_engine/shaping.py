"""MindSpore's result shapes for gradients, in one place.

A single result comes back bare, several as a tuple, none as `()`; `get_all`
always gives a tuple of input gradients (non-Tensor arguments dropped), and a
ParameterTuple/list/tuple of weights always gives a tuple, while a single
Parameter gives a bare gradient. With both: `((inputs...), weights)`.
"""

from __future__ import annotations

import jax

from .calls import Leaf
from .kinds import Outcome


def slot_grad(outcome: Outcome, slot):
    """The gradient of one argument: a Tensor's, a nest of them for an `ms.mutable` nest (GRAPH_MODE),
    or None for an argument that is not differentiated (a Python scalar, a plain tuple)."""
    if slot.input_index >= 0:
        return outcome.input_grads[slot.input_index]
    if not slot.indices():
        return None
    leaves = [outcome.input_grads[x] if kind is Leaf.INPUT else None for kind, x in slot.leaf_kinds]
    return jax.tree_util.tree_unflatten(slot.treedef, leaves)


def input_grads(outcome: Outcome) -> tuple:
    """Gradients of the Tensor arguments, positionals then keywords in call order."""
    grads = []
    for s in outcome.split.slots:  # a plain Tensor's slot inline: this runs on every gradient call
        g = outcome.input_grads[s.input_index] if s.input_index >= 0 else slot_grad(outcome, s)
        if g is not None:
            grads.append(g)
    return tuple(grads)


def first_input_grad(outcome: Outcome):
    """The gradient of the first positional argument, or `()` when it is not a Tensor."""
    if outcome.split.n_positional:
        g = slot_grad(outcome, outcome.split.slots[0])
        if g is not None:
            return g
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


def by_position(outcome: Outcome, positions, return_ids: bool):
    """`ms.grad`'s input part: an int position gives that gradient (or `()` for a non-Tensor
    argument); a tuple gives them in the requested order, non-Tensors dropped, and a single
    remaining gradient unwrapped. With `return_ids` each gradient is `(position, gradient)`."""
    slots = outcome.split.slots
    picked = positions if isinstance(positions, tuple) else (positions,)
    items = []
    for p in picked:
        g = slot_grad(outcome, slots[p])
        if g is not None:
            items.append((p, g) if return_ids else g)
    if len(items) == 1:
        return items[0]
    return tuple(items)


def by_weights(outcome: Outcome, single: bool, return_ids: bool):
    """`ms.grad`'s weights part: a tuple, a bare gradient for a single Parameter; with
    `return_ids` each gradient is `(parameter name, gradient)`."""
    items = []
    for w, g in zip(outcome.used_params, outcome.param_grads, strict=True):
        items.append((getattr(w, "name", ""), g) if return_ids else g)
    return items[0] if single else tuple(items)
