"""Cells with a user-defined `bprop(self, *inputs, out, dout)`, on `jax.custom_vjp`.

As in MindSpore: `bprop` replaces the Cell's backward pass and composes with the chain rule;
it returns one gradient per Tensor input (a bare value counts as a 1-tuple; too few raise
RuntimeError); Parameters used inside the Cell get zero gradients.
"""

from __future__ import annotations

from typing import Any

import jax
import jax.numpy as jnp

from . import binding
from .calls import flatten
from ..common.tensor import Tensor, wrap


def _unwrap_nest(out) -> Any:
    leaves, treedef = flatten(out)
    return jax.tree_util.tree_unflatten(treedef, [x._arr if isinstance(x, Tensor) else x for x in leaves])


def _wrap_nest(arrays) -> Any:
    leaves, treedef = flatten(arrays)
    return jax.tree_util.tree_unflatten(treedef, [wrap(x) if isinstance(x, (jax.Array, jax.core.Tracer)) else x
                                                  for x in leaves])


def call_with_bprop(cell, args: tuple, kwargs: dict) -> Any:
    positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
    if not positions:
        return cell.construct(*args, **kwargs)
    params = list(cell.get_parameters())
    n = len(positions)
    static_args = [None if isinstance(a, Tensor) else a for a in args]  # the rules close over no values

    def tensors_of(arrays) -> list:
        call = list(static_args)
        for i, a in zip(positions, arrays):
            call[i] = wrap(a)
        return call

    def run_forward(arrays, param_vals):
        # The Parameters' values are explicit inputs of the custom-vjp function (JAX may not
        # differentiate a closure), and get zero gradients, as in MindSpore.
        with binding.bind({id(p): v for p, v in zip(params, param_vals)}):
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
        grads = cell.bprop(*tensors_of(arrays), _wrap_nest(out), _wrap_nest(dout))
        if not isinstance(grads, (tuple, list)):
            grads = (grads,)
        if len(grads) < len(static_args):
            raise RuntimeError(f"For '{type(cell).__name__}.bprop', grad size should lager than forward inputs, "
                               f"but got {len(grads)} vs {len(static_args)}.")
        result = []
        for i, a in zip(positions, arrays):
            g = grads[i]
            g = g._arr if isinstance(g, Tensor) else jnp.asarray(g)
            result.append(jnp.broadcast_to(g, a.shape).astype(a.dtype))
        return tuple(result) + tuple(jnp.zeros_like(v) for v in values[n:])

    forward.defvjp(forward_fwd, forward_bwd)
    return _wrap_nest(forward(*[args[i]._arr for i in positions], *[p._arr for p in params]))
