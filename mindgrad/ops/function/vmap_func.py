"""`ops.vmap` (also `ms.vmap`, `F.vmap`): MindSpore's vectorizing map, on `jax.vmap`.

MindSpore's rules: `in_axes` is an int or None for every argument, or a tuple/list with one entry
per positional argument (nested tuples/lists for tuple/list arguments, or one int or None for all
their Tensors; a dict argument only None); a negative axis counts from the end; `out_axes` likewise
per output. Parameters a Cell reads are not batched. A `CellList` maps its i-th Cell over the i-th
slice (model ensembling). Errors are RuntimeError, as MindSpore raises them, naming the argument.
At the top level the mapped call compiles once per call signature, as `ms.jit` does; inside
another transform it runs inline.
"""

from __future__ import annotations

from typing import Any, Callable

import jax
import jax.numpy as jnp

from ... import _state as binding
from ..._engine.calls import flatten
from ..._engine.tracebacks import api_boundary
from ...common.tensor import Tensor, wrap

_CONTAINERS = (tuple, list)


def _axis_ok(axis) -> bool:
    return axis is None or (isinstance(axis, int) and not isinstance(axis, bool))


def _check_axes(axes, name: str) -> None:
    """Every leaf of `axes` is an int or None (tuples/lists nest; a dict is not an axis)."""
    if isinstance(axes, _CONTAINERS):
        for a in axes:
            _check_axes(a, name)
    elif isinstance(axes, dict):
        raise RuntimeError(f"The axis in vmap's '{name}' should be a None or a scalar of type Int64Imm, "
                           f"but got a {axes}.")
    elif not _axis_ok(axes):
        raise RuntimeError(f"The axis in vmap`s '{name}' can only be of type Int or None, but got "
                           f"{type(axes).__name__} {axes!r}.")


def _leaf_axes(arg, axes) -> list:
    """One axis per leaf of `arg` (as `calls.flatten` orders them)."""
    if isinstance(axes, _CONTAINERS) and isinstance(arg, _CONTAINERS):
        if len(axes) < len(arg):
            raise RuntimeError(f"The size of vmap's 'in_axes' {tuple(axes)} should be equal to the number of "
                               f"elements of the argument it maps: {len(arg)}.")
        out: list = []
        for a, x in zip(arg, axes[:len(arg)], strict=True):
            out += _leaf_axes(a, x)
        return out
    if isinstance(axes, _CONTAINERS):
        raise RuntimeError(f"The 'in_axes' {axes} of vmap is a {type(axes).__name__}, but the argument it maps "
                           f"is a {type(arg).__name__}.")
    if isinstance(arg, dict) and axes is not None:
        raise RuntimeError(f"The orig_abs should be AbstractTensor when corresponding axis is {axes}, but got a "
                           f"dict. Tip: Please check the correspondence between vmap's 'in_axes' and inputs: "
                           f"vmap maps Tensors and tuples/lists of them, a dict only unmapped (None).")
    if isinstance(arg, _CONTAINERS):
        out = []
        for a in arg:
            out += _leaf_axes(a, axes)
        return out
    return [axes] * len(flatten(arg)[0])


def _normalize(axis: int | None, ndim: int, name: str) -> int | None:
    if axis is None:
        return None
    if not -ndim <= axis < ndim:
        raise RuntimeError(f"The axis: {axis} in '{name}' is out of bounds for array of dimension "
                           f"[{-ndim},{ndim}).")
    return axis % ndim


def _in_layout(args: tuple, in_axes) -> tuple[list, Any, list, int]:
    """(leaves, treedef, per-leaf axis, batch size) of a call, checked as MindSpore checks it."""
    if isinstance(in_axes, _CONTAINERS):
        if len(in_axes) != len(args):
            raise RuntimeError(f"When vmap`s 'in_axes' is a tuple or list, and its size must be equal to the "
                               f"number of arguments of 'fn': {len(args)}, but got size: {len(in_axes)}.")
        axes: list = []
        for a, x in zip(args, in_axes, strict=True):
            axes += _leaf_axes(a, x)
    else:
        axes = _leaf_axes(args, in_axes)
    leaves, treedef = flatten(args)
    sizes, normalized = [], []
    for leaf, axis in zip(leaves, axes, strict=True):
        if axis is not None and not isinstance(leaf, Tensor):
            raise RuntimeError(f"The orig_abs should be AbstractTensor when corresponding axis is {axis}, but got "
                               f"a {type(leaf).__name__}. Tip: Please check the correspondence between vmap's "
                               f"'in_axes' and inputs. You may want to explicitly specify the 'in_axes' "
                               f"corresponding to {type(leaf).__name__} as 'None' to solve this problem.")
        axis = _normalize(axis, leaf.ndim, "in_axes") if axis is not None else None
        normalized.append(axis)
        if axis is not None:
            sizes.append(leaf.shape[axis])
    if not sizes:
        raise RuntimeError(f"The 'in_axes' of 'vmap' cannot be all None while 'fn' is not a 'CellList', but got "
                           f"{in_axes}.")
    for s in sizes[1:]:
        if s != sizes[0]:
            raise RuntimeError(f"The 'axis_size' of each argument in the scope of 'vmap' should be equal, but got "
                               f"{sizes[0]} and {s}.")
    return leaves, treedef, normalized, sizes[0]


def _output_axes(out, out_axes) -> list:
    """One `out_axes` entry per output leaf, checked against the output's structure and ranks."""
    if isinstance(out_axes, _CONTAINERS):
        if not isinstance(out, _CONTAINERS) or len(out) != len(out_axes):
            n = len(out) if isinstance(out, _CONTAINERS) else 1
            raise RuntimeError(f"The size of vmap's 'out_axes' should be equal to the number of results of "
                               f"'fn': {n}, but got size: {len(out_axes)}.")
        axes: list = []
        for o, a in zip(out, out_axes, strict=True):
            axes += _output_axes(o, a)
        return axes
    return [out_axes] * len(flatten(out)[0])


def _as_array(leaf):
    """An output leaf as an array: a Tensor's, or a Python number as MindSpore makes it a Tensor."""
    if isinstance(leaf, Tensor):
        return leaf._arr
    if isinstance(leaf, bool):
        return jnp.asarray(leaf)
    if isinstance(leaf, int):
        return jnp.asarray(leaf, jnp.int64)
    if isinstance(leaf, float):
        return jnp.asarray(leaf, jnp.float32)
    raise RuntimeError(f"The outputs of 'fn' in vmap should be Tensors or numbers, but got {type(leaf).__name__}.")


def _map(fn: Callable, args: tuple, in_axes, out_axes):
    """One mapped call of `fn` over Tensors (which may hold tracers)."""
    leaves, treedef, axes, size = _in_layout(args, in_axes)
    is_tensor = [isinstance(x, Tensor) for x in leaves]
    arrays = [x._arr for x, t in zip(leaves, is_tensor, strict=True) if t]
    tensor_axes = [a for a, t in zip(axes, is_tensor, strict=True) if t]
    layout: dict = {}

    def pure(*arrs):
        it = iter(arrs)
        call = [wrap(next(it)) if t else x for x, t in zip(leaves, is_tensor, strict=True)]
        out = fn(*jax.tree_util.tree_unflatten(treedef, call))
        out_leaves, out_def = flatten(out)
        out_arrays = [_as_array(leaf) for leaf in out_leaves]
        layout["def"] = out_def
        layout["axes"] = [_normalize(axis, a.ndim + 1, "out_axes")
                          for a, axis in zip(out_arrays, _output_axes(out, out_axes), strict=True)]
        return out_arrays

    results = jax.vmap(pure, in_axes=tuple(tensor_axes), out_axes=0, axis_size=size)(*arrays)
    # Output axes are known once `fn` has run: batched along 0, then moved (None: not batched).
    results = [r[0] if axis is None else jnp.moveaxis(r, 0, axis) for r, axis in zip(results, layout["axes"],
                                                                                       strict=True)]
    return jax.tree_util.tree_unflatten(layout["def"], [wrap(r) for r in results])


def _map_cells(cells, args: tuple, in_axes, out_axes):
    """A CellList: its i-th Cell applied to the i-th slice of the batched arguments, outputs stacked."""
    if isinstance(in_axes, _CONTAINERS) and len(in_axes) != len(args):
        raise RuntimeError(f"When vmap`s 'in_axes' is a tuple or list, and its size must be equal to the "
                           f"number of arguments of 'fn': {len(args)}, but got size: {len(in_axes)}.")
    leaves, treedef = flatten(args)
    axes = ([None] * len(leaves) if in_axes is None else
            _in_layout(args, in_axes)[2])
    outs = []
    for i, cell in enumerate(cells):
        call = [wrap(jnp.take(x._arr, i, axis=a)) if a is not None else x for x, a in zip(leaves, axes, strict=True)]
        outs.append(cell(*jax.tree_util.tree_unflatten(treedef, call)))
    out_leaves = [flatten(o)[0] for o in outs]
    out_def = flatten(outs[0])[1]
    out_ax = _output_axes(outs[0], out_axes)
    stacked = []
    for k, axis in enumerate(out_ax):
        column = [_as_array(o[k]) for o in out_leaves]
        if axis is None:
            stacked.append(wrap(column[0]))
        else:
            stacked.append(wrap(jnp.stack(column, _normalize(axis, column[0].ndim + 1, "out_axes"))))
    return jax.tree_util.tree_unflatten(out_def, stacked)


class _Vmapped:
    """What `vmap(fn, in_axes, out_axes)` returns."""

    def __init__(self, fn: Callable, in_axes, out_axes) -> None:
        self.fn, self.in_axes, self.out_axes = fn, in_axes, out_axes
        self._core = None
        self.__name__ = getattr(fn, "__name__", "vmap_fn")

    def _run(self, *args):
        from ...nn.layer.container import CellList
        if isinstance(self.fn, CellList):
            return _map_cells(self.fn, args, self.in_axes, self.out_axes)
        return _map(self.fn, args, self.in_axes, self.out_axes)

    @api_boundary
    def __call__(self, *args, **kwargs):
        from ...nn.cell import Cell
        from ...nn.layer.container import CellList
        if not callable(self.fn) or (isinstance(self.fn, Cell) and not isinstance(self.fn, CellList)
                                     and not callable(getattr(self.fn, "construct", None))):
            raise RuntimeError(f"'VmapOperation' arg0 must be a 'Function' or 'Cell', but got "
                               f"{type(self.fn).__name__}.")
        if kwargs:
            raise RuntimeError(f"Got an unexpected keyword argument '{next(iter(kwargs))}'")
        _check_axes(self.in_axes, "in_axes")
        _check_axes(self.out_axes, "out_axes")
        if self.out_axes is None and not isinstance(self.fn, CellList):
            raise RuntimeError("The 'out_axes' of 'vmap' cannot be a single None while 'fn' is not a 'CellList'.")
        if isinstance(self.fn, CellList) or binding.current() is not None:
            return self._run(*args)
        if not isinstance(self.fn, CellList):
            _in_layout(args, self.in_axes)  # MindSpore's errors before anything is traced
        if self._core is None:
            from ..._engine.runner import CallRunner
            self._core = CallRunner(self._run, op_name="vmap")
        return self._core.call(args, {})


def vmap(fn: Callable, in_axes=0, out_axes=0) -> Callable:
    """`fn` mapped over the axes `in_axes` of its arguments, results stacked along `out_axes`."""
    return _Vmapped(fn, in_axes, out_axes)
