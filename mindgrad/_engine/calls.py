"""Splitting a call into what JAX traces and what stays Python.

MindSpore differentiates only Tensors passed directly as positional or keyword
arguments (keywords after positionals, in call order); Tensors inside tuples,
lists and dicts are used but not differentiated; Python scalars, strings and
None are constants. A Tensor object passed at two positions is one input (its
gradient, the sum of both uses, is reported at each position, as PyNative does).
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax
import numpy as np

from ..common.tensor import Tensor, wrap

Tracer = jax.core.Tracer


def _is_leaf(x) -> bool:
    return not isinstance(x, (tuple, list, dict))


def flatten(tree):
    """Leaves and treedef of a nest of tuples/lists/dicts (everything else is a leaf)."""
    return jax.tree_util.tree_flatten(tree, is_leaf=_is_leaf)


class Slot(NamedTuple):
    """How to rebuild one argument: a differentiable input, or a nest of leaves."""
    input_index: int          # index into Split.inputs, or -1
    treedef: Any              # for nests: their treedef
    leaf_kinds: tuple         # per leaf: ("dyn", i) | ("raw", i) | ("static", value)


class Split(NamedTuple):
    inputs: list              # unique top-level Tensors
    slots: tuple              # one Slot per positional argument, then per keyword
    n_positional: int
    kw_names: tuple
    dynamic: list             # arrays of Tensors/arrays nested in containers
    key: tuple                # hashable description of everything static (None if unhashable)


_TENSOR_SLOTS: dict[int, tuple] = {}


def _all_tensors(args: tuple) -> Split:
    """The common case, every argument a distinct Tensor and no keywords."""
    n = len(args)
    layout = _TENSOR_SLOTS.get(n)
    if layout is None:
        layout = _TENSOR_SLOTS[n] = (tuple(Slot(i, None, ()) for i in range(n)),
                                     tuple(("in", i) for i in range(n)))
    return Split(list(args), layout[0], n, (), [], layout[1])


def split_call(args: tuple, kwargs: dict) -> Split:
    if not kwargs and all(type(a) is Tensor for a in args) and len({id(a) for a in args}) == len(args):
        return _all_tensors(args)
    inputs: list = []
    index_of: dict[int, int] = {}
    dynamic: list = []
    slots = []
    statics: list = []
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, Tensor):
            i = index_of.get(id(value))
            if i is None:
                i = index_of[id(value)] = len(inputs)
                inputs.append(value)
            slots.append(Slot(i, None, ()))
            statics.append(("in", i))
            continue
        leaves, treedef = flatten(value)
        kinds = []
        for leaf in leaves:
            if isinstance(leaf, Tensor):
                kinds.append(("dyn", len(dynamic)))
                dynamic.append(leaf._arr)
            elif isinstance(leaf, (np.ndarray, jax.Array, Tracer)):
                kinds.append(("raw", len(dynamic)))
                dynamic.append(leaf)
            else:
                kinds.append(("static", leaf))
        slots.append(Slot(-1, treedef, tuple(kinds)))
        statics.append((treedef, tuple(k if k[0] != "static" else ("static", type(k[1]), k[1]) for k in kinds)))
    key: tuple | None = tuple(statics) + tuple(kwargs.keys())
    try:
        hash(key)
    except TypeError:
        key = None
    return Split(inputs, tuple(slots), len(args), tuple(kwargs.keys()), dynamic, key)


def rebuild(split: Split, input_values: list, dynamic_values: list) -> tuple[tuple, dict]:
    """The call's (args, kwargs) with traced values in place of the Tensors."""
    values = []
    for slot in split.slots:
        if slot.input_index >= 0:
            values.append(wrap(input_values[slot.input_index]))
            continue
        leaves = []
        for kind, x in slot.leaf_kinds:
            if kind == "dyn":
                leaves.append(wrap(dynamic_values[x]))
            elif kind == "raw":
                leaves.append(dynamic_values[x])
            else:
                leaves.append(x)
        values.append(jax.tree_util.tree_unflatten(slot.treedef, leaves))
    n = split.n_positional
    return tuple(values[:n]), dict(zip(split.kw_names, values[n:]))


def output_leaves(out) -> tuple[list, Any, tuple, list]:
    """Arrays of the Tensors in an output nest, its treedef, which leaves were
    Tensors, and the constant (non-Tensor) leaves, None where a Tensor stood."""
    leaves, treedef = flatten(out)
    arrays, is_tensor, consts = [], [], []
    for leaf in leaves:
        if isinstance(leaf, Tensor):
            leaf = leaf._arr
        if isinstance(leaf, (jax.Array, Tracer)):
            arrays.append(leaf)
            is_tensor.append(True)
            consts.append(None)
        else:
            is_tensor.append(False)
            consts.append(leaf)
    return arrays, treedef, tuple(is_tensor), consts


def rebuild_output(treedef, is_tensor: tuple, arrays: list, constants: list):
    """The output nest with Tensors around `arrays` and constant leaves restored."""
    it = iter(arrays)
    leaves = [wrap(next(it)) if t else c for t, c in zip(is_tensor, constants)]
    return jax.tree_util.tree_unflatten(treedef, leaves)
