"""Cells with a user-defined `bprop(self, *inputs, out, dout)`, on `jax.custom_vjp`.

As in MindSpore: `bprop` replaces the Cell's backward pass and composes with the chain rule;
it returns one gradient per input (more are ignored, too few raise RuntimeError); Parameters used
inside the Cell get zero gradients. Its result is validated as MindSpore validates it: in
PYNATIVE_MODE a list or (for one input) a bare gradient is accepted, each gradient must have its
input's exact shape (RuntimeError) and is cast to the input's dtype, None means zeros; GRAPH_MODE
wants a tuple (TypeError) and broadcasts a gradient to its input's shape where it can (MindSpore
passes a mis-shaped gradient on unchecked; JAX cannot: RuntimeError where it does not broadcast).
A gradient that is not a number (a string) raises TypeError.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from .. import _state
from ..common.tensor import Tensor, wrap
from . import modes
from .calls import map_leaves


def _unwrap_nest(out) -> Any:
    return map_leaves(lambda x: x._arr if isinstance(x, Tensor) else x, out)


def _wrap_nest(arrays) -> Any:
    return map_leaves(lambda x: wrap(x) if isinstance(x, (jax.Array, jax.core.Tracer)) else x, arrays)


def call_with_bprop(cell, args: tuple, kwargs: dict) -> Any:
    positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
    if not positions:
        return cell.construct(*args, **kwargs)
    params = list(cell.get_parameters())
    n = len(positions)
    static_args = [None if isinstance(a, Tensor) else a for a in args]  # the rules close over no values

    def tensors_of(arrays) -> list:
        call = list(static_args)
        for i, a in zip(positions, arrays, strict=True):
            call[i] = wrap(a)
        return call

    def run_forward(arrays, param_vals):
        # The Parameters' values are explicit inputs of the custom-vjp function (JAX may not
        # differentiate a closure), and get zero gradients, as in MindSpore.
        with _state.bind({id(p): v for p, v in zip(params, param_vals, strict=True)}):
            return _unwrap_nest(cell.construct(*tensors_of(arrays), **kwargs))

    @jax.custom_vjp
    def forward(*values):
        return run_forward(values[:n], values[n:])

    def forward_fwd(*values):
        out = run_forward(values[:n], values[n:])
        return out, (values, out)

    def forward_bwd(residuals, dout):
        values, out = residuals
        arrays = values[:n]
        grads = _checked(cell, cell.bprop(*tensors_of(arrays), _wrap_nest(out), _wrap_nest(dout)), len(static_args))
        result = [_input_grad(cell, grads[i], i, a) for i, a in zip(positions, arrays, strict=True)]
        return tuple(result) + tuple(jnp.zeros_like(v) for v in values[n:])

    forward.defvjp(forward_fwd, forward_bwd)
    return _wrap_nest(forward(*[args[i]._arr for i in positions], *[p._arr for p in params]))


def _checked(cell, grads, n_inputs: int) -> tuple:
    """The bprop's result as a tuple of at least `n_inputs` gradients, or MindSpore's error."""
    sem = modes.current()
    name = type(cell).__name__
    if not isinstance(grads, tuple):
        if sem.bprop_tuple_only:
            raise TypeError(f"For '{name}.bprop', the output of bprop should be a tuple of gradients, one per input "
                            f"of 'construct', but got {type(grads).__name__}: For bprop function, output should "
                            f"be a tuple.")
        grads = tuple(grads) if isinstance(grads, list) else (grads,)
    if len(grads) < n_inputs:
        raise RuntimeError(f"For '{name}.bprop', the output size of 'bprop' must match the number of inputs of "
                           f"'construct' ({n_inputs}), but got {len(grads)}: grad size should lager than forward "
                           f"inputs, but got {len(grads)} vs {n_inputs}.")
    return grads


def _input_grad(cell, g, i: int, a):
    """The gradient bprop gave input `i` (array `a`), checked, in `a`'s shape and dtype."""
    if g is None:
        return jnp.zeros_like(a)
    if isinstance(g, Tensor):
        g = g._arr
    elif not isinstance(g, (bool, int, float, jax.Array, jax.core.Tracer)):
        raise TypeError(f"For '{type(cell).__name__}.bprop', the gradient of input {i} should be a Tensor, but got "
                        f"{type(g).__name__}: Unreasonable data type: {type(g)}.")
    shape = tuple(jnp.shape(g))
    if shape != tuple(a.shape):
        try:
            if modes.current().bprop_exact_shapes:
                raise ValueError
            g = jnp.broadcast_to(g, a.shape)
        except ValueError:
            raise RuntimeError(f"For '{type(cell).__name__}.bprop', the gradient of input {i} should have the "
                               f"input's shape {list(a.shape)}, but got {list(shape)}: grad tensor should be "
                               f"broadcast to expected shape.") from None
    return jnp.asarray(g).astype(a.dtype)
