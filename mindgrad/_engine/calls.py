"""Splitting a call into what JAX traces and what stays Python, and laying out an output nest.

MindSpore differentiates only Tensors passed directly as positional or keyword
arguments (keywords after positionals, in call order); Tensors inside tuples,
lists and dicts are used but not differentiated; Python scalars, strings and
None are constants. A Tensor object passed at two positions is one input (its
gradient, the sum of both uses, is reported at each position, as PyNative does).
"""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

import jax
import numpy as np

from ..common.parameter import Parameter
from ..common.tensor import Tensor, wrap

Tracer = jax.core.Tracer


class Leaf(enum.Enum):
    """What one leaf of a nested argument is (`Slot.leaf_kinds`)."""
    INPUT = "input"       # a differentiable input (a Tensor in an `ms.mutable` nest, GRAPH_MODE): index into inputs
    DYNAMIC = "dynamic"   # a Tensor used but not differentiated: index into Split.dynamic, wrapped again
    RAW = "raw"           # a NumPy/JAX array: index into Split.dynamic, passed as an array
    STATIC = "static"     # anything else: the value itself, baked into the trace


def _is_leaf(x) -> bool:
    return not isinstance(x, (tuple, list, dict, _InOrder))


def flatten(tree):
    """Leaves and treedef of a nest of tuples/lists/dicts (everything else is a leaf)."""
    return jax.tree_util.tree_flatten(tree, is_leaf=_is_leaf)


def map_leaves(fn, tree):
    """The nest with `fn` applied to each leaf (tuples, lists and dicts are the nodes)."""
    leaves, treedef = flatten(tree)
    return jax.tree_util.tree_unflatten(treedef, [fn(x) for x in leaves])


def lists_to_tuples(x):
    """The nest with every list (and plain tuple) a tuple: a `sens` list matches a tuple output."""
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return tuple(lists_to_tuples(i) for i in x)
    return x


class Slot(NamedTuple):
    """How to rebuild one argument: a differentiable input, or a nest of leaves."""
    input_index: int          # index into Split.inputs, or -1
    treedef: Any              # for nests: their treedef
    leaf_kinds: tuple         # per leaf: (Leaf, index or value)

    def indices(self) -> tuple:
        """The differentiable inputs this argument holds (a mutable nest holds several)."""
        if self.input_index >= 0:
            return (self.input_index,)
        return tuple(x for kind, x in self.leaf_kinds if kind is Leaf.INPUT)


class Split(NamedTuple):
    inputs: list              # unique top-level Tensors
    slots: tuple              # one Slot per positional argument, then per keyword
    n_positional: int
    kw_names: tuple
    dynamic: list             # arrays of Tensors/arrays nested in containers
    key: tuple                # hashable description of everything static (None if unhashable)


_TENSOR_SLOTS: dict[int, tuple] = {}


def _layout(n: int) -> tuple:
    layout = _TENSOR_SLOTS.get(n)
    if layout is None:
        layout = _TENSOR_SLOTS[n] = (tuple(Slot(i, None, ()) for i in range(n)),
                                     tuple(("in", i) for i in range(n)))
    return layout


def all_tensor_slots(n: int) -> tuple:
    """The slots of a call of `n` distinct Tensors (one shared object per `n`)."""
    return _layout(n)[0]


def _all_tensors(args: tuple) -> Split:
    """The common case, every argument a distinct Tensor and no keywords."""
    n = len(args)
    slots, key = _layout(n)
    return Split(list(args), slots, n, (), [], key)


def split_call(args: tuple, kwargs: dict, merge_aliases: bool = True, mutable_inputs: bool = False) -> Split:
    """`merge_aliases`: one Tensor object at two positions is one input (PyNative);
    `mutable_inputs`: the Tensors inside `ms.mutable` nests are inputs too (GRAPH_MODE)."""
    if not kwargs and all(type(a) is Tensor for a in args) and len({id(a) for a in args}) == len(args):
        return _all_tensors(args)
    inputs: list = []
    index_of: dict[int, int] = {}
    dynamic: list = []
    slots = []
    statics: list = []

    def add_input(value) -> int:
        i = index_of.get(id(value)) if merge_aliases else None
        if i is None:
            i = len(inputs)
            index_of[id(value)] = i
            inputs.append(value)
        return i

    for value in list(args) + list(kwargs.values()):
        if isinstance(value, Tensor):
            i = add_input(value)
            slots.append(Slot(i, None, ()))
            statics.append(("param", i, id(value)) if isinstance(value, Parameter) else ("in", i))
            continue
        differentiable = mutable_inputs and getattr(value, "_mindgrad_mutable", False)
        leaves, treedef = flatten(_base_container(value))
        kinds = []
        for leaf in leaves:
            if differentiable and isinstance(leaf, Tensor):
                kinds.append((Leaf.INPUT, add_input(leaf)))
            elif isinstance(leaf, Tensor):
                kinds.append((Leaf.DYNAMIC, len(dynamic)))
                dynamic.append(leaf._arr)
            elif isinstance(leaf, (np.ndarray, jax.Array, Tracer)):
                kinds.append((Leaf.RAW, len(dynamic)))
                dynamic.append(leaf)
            else:
                kinds.append((Leaf.STATIC, leaf))
        slots.append(Slot(-1, treedef, tuple(kinds)))
        statics.append((treedef, tuple(k if k[0] is not Leaf.STATIC else (k[0], type(k[1]), k[1]) for k in kinds)))
    key: tuple | None = tuple(statics) + tuple(kwargs.keys())
    try:
        hash(key)
    except TypeError:
        key = None
    return Split(inputs, tuple(slots), len(args), tuple(kwargs.keys()), dynamic, key)


def parameter_inputs(split: Split) -> list:
    """(input index, Parameter) for the inputs that are Parameters: they are passed as themselves,
    bound to the traced value, so that `construct` can also write to them."""
    return [(i, t) for i, t in enumerate(split.inputs) if isinstance(t, Parameter)]


def _base_container(value):
    """`ms.mutable` nests are tuple/list/dict subclasses: flatten them as their base type."""
    if getattr(value, "_mindgrad_mutable", False):
        for base in (tuple, list, dict):
            if isinstance(value, base):
                return base(value)
    return value


def rebuild(split: Split, input_values: list, dynamic_values: list, params: dict | None = None) -> tuple[tuple, dict]:
    """The call's (args, kwargs) with traced values in place of the Tensors (Parameters stay
    themselves: `params` maps their input index to the Parameter)."""
    values = []
    for slot in split.slots:
        if slot.input_index >= 0:
            param = params.get(slot.input_index) if params else None
            values.append(param if param is not None else wrap(input_values[slot.input_index]))
            continue
        leaves = []
        for kind, x in slot.leaf_kinds:
            if kind is Leaf.INPUT:
                leaves.append(wrap(input_values[x]))
            elif kind is Leaf.DYNAMIC:
                leaves.append(wrap(dynamic_values[x]))
            elif kind is Leaf.RAW:
                leaves.append(dynamic_values[x])
            else:
                leaves.append(x)
        values.append(jax.tree_util.tree_unflatten(slot.treedef, leaves))
    n = split.n_positional
    return tuple(values[:n]), dict(zip(split.kw_names, values[n:], strict=True))


# --------------------------------------------------------------------------
# Output nests
# --------------------------------------------------------------------------

class _InOrder:
    """A dict of an output nest, keys in its own order (a JAX pytree of a dict sorts its keys, but a
    compiled call must give back the dict the function built, in the order it built it)."""

    __slots__ = ("kind", "keys", "values")

    def __init__(self, kind: type, keys: tuple, values: list) -> None:
        self.kind, self.keys, self.values = kind, keys, values


jax.tree_util.register_pytree_node(_InOrder, lambda d: (d.values, (d.kind, d.keys)),
                                   lambda aux, values: _InOrder(aux[0], aux[1], list(values)))


def _dicts_in_order(x):
    if isinstance(x, dict):
        return _InOrder(type(x), tuple(x.keys()), [_dicts_in_order(v) for v in x.values()])
    if isinstance(x, (tuple, list)) and not hasattr(x, "_fields"):
        return type(x)(_dicts_in_order(v) for v in x)
    return x


def _dicts_back(x):
    if isinstance(x, _InOrder):
        return x.kind(zip(x.keys, (_dicts_back(v) for v in x.values), strict=True))
    if isinstance(x, (tuple, list)) and not hasattr(x, "_fields"):
        return type(x)(_dicts_back(v) for v in x)
    return x


def _has_dict(x) -> bool:
    if isinstance(x, dict):
        return True
    return isinstance(x, (tuple, list)) and any(_has_dict(v) for v in x)


class OutputLayout(NamedTuple):
    """Where the arrays of an output nest go back: its treedef, which leaves were Tensors, and the
    constant (non-Tensor) leaves, None where a Tensor stood (no list at all for a dict-free nest of
    Tensors only); `ordered`: the nest holds dicts, kept in their own key order."""
    treedef: Any
    is_tensor: tuple
    consts: list | None
    ordered: bool

    def rebuild(self, arrays: list):
        """The output nest with Tensors around `arrays` and constant leaves restored."""
        if self.consts is None:
            return jax.tree_util.tree_unflatten(self.treedef, list(map(wrap, arrays)))
        it = iter(arrays)
        leaves = [wrap(next(it)) if t else c for t, c in zip(self.is_tensor, self.consts, strict=True)]
        out = jax.tree_util.tree_unflatten(self.treedef, leaves)
        return _dicts_back(out) if self.ordered else out


def parameters_as_values(out):
    """The output nest with each Parameter replaced by a Tensor of its current (bound) value."""
    if isinstance(out, Parameter):
        return wrap(out._arr)
    if isinstance(out, (tuple, list)) and not hasattr(out, "_fields"):
        return type(out)(parameters_as_values(v) for v in out)
    if isinstance(out, dict):
        return type(out)((k, parameters_as_values(v)) for k, v in out.items())
    return out


def output_leaves(out) -> tuple[list, OutputLayout]:
    """The arrays of the Tensors in an output nest, and its layout. A Parameter in the output is a
    constant leaf: the call gives back the Parameter itself, holding its value after the call's writes
    (as MindSpore returns it)."""
    ordered = _has_dict(out)
    leaves, treedef = flatten(_dicts_in_order(out) if ordered else out)
    arrays, is_tensor, consts = [], [], []
    for leaf in leaves:
        if isinstance(leaf, Tensor) and not isinstance(leaf, Parameter):  # a Parameter comes back as itself
            leaf = leaf._arr
        if isinstance(leaf, (jax.Array, Tracer)):
            arrays.append(leaf)
            is_tensor.append(True)
            consts.append(None)
        else:
            is_tensor.append(False)
            consts.append(leaf)
    plain = len(arrays) == len(leaves) and not ordered
    return arrays, OutputLayout(treedef, tuple(is_tensor), None if plain else consts, ordered)
