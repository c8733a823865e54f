"""Gradient and Cell hooks: `Tensor.register_hook`, `ops.HookBackward` and the logic of the Cell hooks
(`register_forward_pre_hook`, `register_forward_hook`, `register_backward_pre_hook`, `register_backward_hook`).

A backward hook is an identity whose VJP calls the user's function with the incoming gradient; a result that is not
None replaces the gradient. In an eager gradient call the function runs on concrete Tensors; inside a compiled call
(`jax.jit`, GRAPH_MODE) it runs on the host through `jax.pure_callback` when the gradient is computed. The order is
MindSpore's: forward pre-hooks, `construct`, forward hooks; in the backward pass the backward pre-hooks see the
gradient of the Cell's output, then the backward hooks see the gradients of its inputs and of its output.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np

from .. import _state
from ..common.tensor import Tensor, wrap

registered = 0  # how many Cell hooks exist (Cell.__call__ runs eagerly while there are any)


def _host_call(fn: Callable, grads: tuple) -> tuple:
    """`fn(grads)` (a tuple of arrays -> a tuple of arrays or None), on the host when the gradients are traced."""
    def run(*arrays):
        out = fn(tuple(wrap(jnp.asarray(a)) for a in arrays))
        if out is None:
            return tuple(arrays)
        out = out if isinstance(out, (tuple, list)) else (out,)
        if len(out) != len(arrays):
            raise ValueError(f"A backward hook should return None or {len(arrays)} gradients, but got {len(out)}.")
        return tuple(jnp.asarray(o._arr if isinstance(o, Tensor) else o, a.dtype).reshape(a.shape)
                     for o, a in zip(out, arrays, strict=True))

    if any(isinstance(g, jax.core.Tracer) for g in grads):
        shapes = tuple(jax.ShapeDtypeStruct(g.shape, g.dtype) for g in grads)
        return tuple(jax.pure_callback(lambda *a: tuple(np.asarray(x) for x in run(*a)), shapes, *grads))
    return run(*grads)


def hook_arrays(arrays: tuple, fn: Callable) -> tuple:
    """`arrays` unchanged; in the backward pass `fn(grads)` sees (and may replace) their gradients as Tensors."""
    @jax.custom_vjp
    def ident(*xs):
        return xs

    def fwd(*xs):
        return xs, None

    def bwd(_, gs):
        return _host_call(fn, tuple(gs))

    ident.defvjp(fwd, bwd)
    return ident(*arrays)


def hooked(arr, fn: Callable):
    """One array with a gradient hook `fn(grad) -> new grad or None` (what `Tensor.register_hook` installs)."""
    return hook_arrays((arr,), lambda gs: fn(gs[0]))[0]


def _differentiable(x) -> bool:
    return isinstance(x, Tensor) and bool(jnp.issubdtype(x._arr.dtype, jnp.inexact))


class HookBackward:
    """`ops.HookBackward(hook_fn)`: an identity on its inputs whose backward calls `hook_fn(grads)` with the tuple
    of their gradients; a tuple it returns replaces them. One input gives one output, several a tuple."""

    def __init__(self, hook_fn: Callable, cell_id: str = "") -> None:
        if not callable(hook_fn):
            raise TypeError(f"For 'HookBackward', the 'hook_fn' should be a function, but got "
                            f"{type(hook_fn).__name__}.")
        self.hook_fn = hook_fn
        self.cell_id = cell_id

    def __call__(self, *inputs):
        if not inputs:
            raise ValueError("For 'HookBackward', it should have at least one input.")
        out = hook_arrays(tuple(x._arr for x in inputs), self.hook_fn)
        outs = tuple(wrap(o) for o in out)
        return outs[0] if len(outs) == 1 else outs


class HookHandle:
    """What `Cell.register_*_hook` returns: `remove()` unregisters the hook."""

    _ids = itertools.count()

    def __init__(self, table: dict) -> None:
        self.handle_id = next(self._ids)
        self._table = table

    def remove(self) -> None:
        global registered
        if self._table.pop(self.handle_id, None) is not None:
            registered -= 1
            _state.bump()


class CellHooks:
    """The hooks registered on one Cell, and running `construct` under them."""

    def __init__(self) -> None:
        self.forward_pre: dict = {}
        self.forward: dict = {}
        self.backward_pre: dict = {}
        self.backward: dict = {}
        self._grads_out: tuple = ()

    def add(self, kind: str, fn: Callable, with_kwargs: bool = False, prepend: bool = False) -> HookHandle:
        """Register `fn` as a 'forward_pre', 'forward', 'backward_pre' or 'backward' hook; returns its handle."""
        if not callable(fn):
            raise TypeError(f"Expected a callable hook function, but got {type(fn).__name__}.")
        global registered
        table = getattr(self, kind)
        handle = HookHandle(table)
        table[handle.handle_id] = (fn, with_kwargs)
        registered += 1
        _state.bump()
        if prepend:
            table_items = [(handle.handle_id, table.pop(handle.handle_id))] + list(table.items())
            table.clear()
            table.update(table_items)
        return handle

    def __bool__(self) -> bool:
        return bool(self.forward_pre or self.forward or self.backward_pre or self.backward)

    def call(self, cell, construct: Callable, args: tuple, kwargs: dict):
        """`construct(*args, **kwargs)` with the hooks of `cell` applied in MindSpore's order."""
        for fn, with_kwargs in list(self.forward_pre.values()):
            if with_kwargs:
                res = fn(cell, args, kwargs)
                if res is not None:
                    args, kwargs = res
            else:
                res = fn(cell, args)
                if res is not None:
                    args = res if isinstance(res, tuple) else (res,)
        if self.backward:
            args = self._hook_inputs(cell, args)
        out = construct(*args, **kwargs)
        for fn, with_kwargs in list(self.forward.values()):
            res = fn(cell, args, kwargs, out) if with_kwargs else fn(cell, args, out)
            if res is not None:
                out = res
        if self.backward_pre or self.backward:
            out = self._hook_output(cell, out)
        return out

    def _hook_inputs(self, cell, args: tuple) -> tuple:
        """Tensor inputs whose gradients go through the backward hooks (with the output gradients seen last)."""
        positions = [i for i, a in enumerate(args) if _differentiable(a)]
        if not positions:
            return args

        def on_grads(grads_in):
            out = grads_in
            for fn, _ in list(self.backward.values()):
                res = fn(cell, out, self._grads_out)
                if res is not None:
                    out = tuple(res) if isinstance(res, (tuple, list)) else (res,)
            return out

        hooked_arrays = hook_arrays(tuple(args[i]._arr for i in positions), on_grads)
        full = list(args)
        for i, a in zip(positions, hooked_arrays, strict=True):
            full[i] = wrap(a)
        return tuple(full)

    def _hook_output(self, cell, out):
        """The output, whose gradient goes through the backward pre-hooks and is kept for the backward hooks."""
        outs = out if isinstance(out, tuple) else (out,)
        if not all(_differentiable(o) for o in outs):
            return out

        def on_grads(grads_out):
            for fn, _ in list(self.backward_pre.values()):
                res = fn(cell, grads_out)
                if res is not None:
                    grads_out = tuple(res) if isinstance(res, (tuple, list)) else (res,)
            self._grads_out = grads_out
            return grads_out

        hooked_outs = tuple(wrap(a) for a in hook_arrays(tuple(o._arr for o in outs), on_grads))
        return hooked_outs if isinstance(out, tuple) else hooked_outs[0]


# ---- what `Cell` exposes (the Cell class wires these in) ------------------------------------------------------------

def hooks_of(cell) -> CellHooks:
    """The `CellHooks` of `cell`, created on first use (kept in `cell.__dict__["_cell_hooks"]`)."""
    hooks = cell.__dict__.get("_cell_hooks")
    if hooks is None:
        hooks = cell.__dict__["_cell_hooks"] = CellHooks()
    return hooks


def register_forward_pre_hook(cell, hook_fn: Callable, *, prepend: bool = False,
                              with_kwargs: bool = False) -> HookHandle:
    """`hook_fn(cell, inputs)` (with `with_kwargs`: `hook_fn(cell, inputs, kwargs)`) before `construct`; a result
    that is not None replaces the inputs."""
    return hooks_of(cell).add("forward_pre", hook_fn, with_kwargs, prepend)


def register_forward_hook(cell, hook_fn: Callable, *, prepend: bool = False, with_kwargs: bool = False,
                          always_call: bool = False) -> HookHandle:
    """`hook_fn(cell, inputs, output)` after `construct`; a result that is not None replaces the output."""
    return hooks_of(cell).add("forward", hook_fn, with_kwargs, prepend)


def register_backward_pre_hook(cell, hook_fn: Callable) -> HookHandle:
    """`hook_fn(cell, grad_output)` when the gradient of the Cell's output arrives; a tuple it returns replaces it."""
    return hooks_of(cell).add("backward_pre", hook_fn)


def register_backward_hook(cell, hook_fn: Callable) -> HookHandle:
    """`hook_fn(cell, grad_input, grad_output)` once the gradients of the Cell's inputs are known; a tuple it
    returns replaces the input gradients."""
    return hooks_of(cell).add("backward", hook_fn)


def call_with_hooks(cell, args: tuple, kwargs: dict):
    """`cell.construct(*args, **kwargs)`, eagerly, under the Cell's hooks if it has any. While any Cell has a
    hook, `Cell.__call__` comes here instead of compiling, so that hooks run on every call, as in PyNative."""
    hooks = cell.__dict__.get("_cell_hooks")
    if hooks:
        return hooks.call(cell, cell.construct, args, kwargs)
    return cell.construct(*args, **kwargs)


def get_phase(cell) -> str:
    """MindSpore's `Cell.phase`: 'train' by default, what `set_train` last set ('train'/'predict'), or assigned."""
    return cell.__dict__.get("_phase", "train")


def set_phase(cell, value: str) -> None:
    cell.__dict__["_phase"] = value


def set_train_phase(cell, mode: bool) -> None:
    """What `set_train(mode)` does to the phase of each Cell it visits."""
    cell.__dict__["_phase"] = "train" if mode else "predict"


phase = property(get_phase, set_phase, doc=get_phase.__doc__)
