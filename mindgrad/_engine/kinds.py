"""What each kind of call computes from its entry: gradients, a pullback, a plain call, a JVP.

`RUNS` maps each `Kind` to its function; all take the same arguments and run the entry's forward
(`entry.Entry.run_forward`) under `jax.vjp`, `jax.jvp` or as it is, compiled where the entry is.
"""

from __future__ import annotations

import enum
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp

from .. import _state, context
from ..common.tensor import wrap
from . import cache, donation, parallel
from .calls import Split
from .entry import AsFloat, Entry, Mode, Target, apply_writes, execute, prepare, restore_ints
from .sens import Sens, cotangents, sens_leaves


class Kind(enum.Enum):
    """The kinds of call a runner makes."""
    GRAD = "grad"             # gradients and the output value
    GRAD_ONLY = "grad-only"   # gradients only: the compiled program leaves the forward output out
    VJP = "vjp"               # the output value and a pullback (`ops.vjp`)
    JVP = "jvp"               # the output value and its tangent (`ops.jvp`)
    CALL = "call"             # the output value: a Cell call, `ms.jit`


class Outcome(NamedTuple):
    """What a gradient call computed, before MindSpore's result shaping (`shaping`)."""
    split: Split
    value: Any                 # the output nest (Tensors), or None when not asked for
    input_grads: list          # per Split.inputs index: a Tensor, or None when not differentiated
    param_grads: list          # per requested weight: a Tensor
    used_params: list          # the weights reported: listed, or those the forward pass used (auto weights)


class Linearized(NamedTuple):
    """What a VJP call returns: the output nest and its pullback."""
    value: Any
    pullback: Callable       # sens -> Outcome


def input_grads(diff_inputs, traced, in_vals, g_inputs) -> list:
    """Gradients per input, cast back to the dtype of integer/bool inputs (zeros if not traced)."""
    grads: list = [None] * len(in_vals)
    for i in diff_inputs:
        src = in_vals[i]
        if i in traced:
            g = g_inputs[traced.index(i)]
            if type(g) is AsFloat:
                g = g.cast()
        else:
            g = jnp.zeros_like(src)
        grads[i] = wrap(g)
    return grads


def param_grads(target: Target, diff_params, g_params, used) -> tuple[list, list]:
    """(gradients, weights) of the weights reported; a weight not differentiated gets zeros."""
    by_id = {id(p): g for p, g in zip(diff_params, g_params, strict=True)}
    if target.auto_weights:
        used_ids = {id(p) for p in used}
        weights = [p for p in diff_params if id(p) in used_ids]
    else:
        weights = list(target.weights)
    grads = []
    for w in weights:
        g = by_id.get(id(w))
        if type(g) is AsFloat:  # an integer/bool Parameter: its gradient in its own dtype
            g = g.cast()
        grads.append(wrap(g if g is not None else jnp.zeros_like(w._arr)))
    return grads, weights


def grad_outcome(target: Target, entry: Entry, split, diff_params, diff_inputs, traced, in_vals, results,
                 want_value: bool) -> Outcome:
    """The Outcome of one gradient call from its compiled results; the call's writes applied."""
    arrays, g_params, g_inputs, writes = results
    frame = _state.current()
    # Inside a Cell's construct, the gradient of a Cell already called there on the same arguments reuses that
    # forward pass, as MindSpore's do (PyNative and GRAPH_MODE): its Parameter writes (BatchNorm's statistics)
    # happened once, with that call.
    if frame is None or (id(target.fn), tuple(map(id, split.inputs))) not in frame.calls:
        apply_writes(entry.written, writes)
    grads, weights = param_grads(target, diff_params, g_params, entry.trace.used)
    value = entry.output(arrays) if want_value else None
    return Outcome(split, value, input_grads(diff_inputs, traced, in_vals, g_inputs), grads, weights)


def run_grad(target: Target, entry: Entry, plan, split, diff_inputs, traced, sens: Sens, want_value) -> Outcome:
    diff_params, diff_vals, traced_vals, rest, in_vals = prepare(entry, target, plan, split, traced)
    sens_vals, sens_def, sens_scalar = sens

    def make():
        forward = entry.run_forward

        def run(diff_vals, traced_vals, rest, sens_vals):
            arrays, vjp_fn, (writes, int_values) = jax.vjp(
                lambda d, t: forward(d, t, rest), diff_vals, traced_vals, has_aux=True)
            g_params, g_inputs = vjp_fn(cotangents(arrays, entry.trace, sens_vals, sens_def, sens_scalar,
                                                   target.op_name, entry.sem))
            value = restore_ints(arrays, entry, int_values) if want_value else []
            return value, g_params, g_inputs, writes

        return run

    results = execute(entry, make, diff_vals, traced_vals, rest, sens_vals)
    return grad_outcome(target, entry, split, diff_params, diff_inputs, traced, in_vals, results, want_value)


def run_vjp(target: Target, entry: Entry, plan, split, diff_inputs, traced, sens: Sens, want_value) -> Linearized:
    diff_params, diff_vals, traced_vals, rest, in_vals = prepare(entry, target, plan, split, traced)

    with entry.lock:
        run = entry.run_forward
        if entry.mode is Mode.COMPILE:
            if entry.jitted is None:
                forward = entry.run_forward

                def counted(d, t, rest):
                    cache.count_trace()
                    return forward(d, t, rest)

                entry.jitted = jax.jit(counted)
            run = entry.jitted
        arrays, vjp_fn, (writes, int_values) = jax.vjp(
            lambda d, t: run(d, t, rest), diff_vals, traced_vals, has_aux=True)
        trace = entry.trace  # what the pullback reports, whatever later calls trace
    apply_writes(entry.written, writes)
    value = entry.output(restore_ints(arrays, entry, int_values))

    def pullback(sens) -> Outcome:
        sens_vals, sens_def, sens_scalar = sens_leaves(sens, target.op_name)
        g_params, g_inputs = vjp_fn(cotangents(arrays, trace, sens_vals, sens_def, sens_scalar, target.op_name,
                                               entry.sem))
        grads, weights = param_grads(target, diff_params, g_params, trace.used)
        return Outcome(split, value, input_grads(diff_inputs, traced, in_vals, g_inputs), grads, weights)

    return Linearized(value, pullback)


def run_call(target: Target, entry: Entry, plan, split, diff_inputs, traced, sens: Sens, want_value) -> Any:
    if (entry.mode is Mode.COMPILE and plan.state and not plan.diff and not parallel.active()
            and context.donation_enabled()):
        return donation.run_call(entry, target, plan, split, traced)
    _, diff_vals, traced_vals, rest, _ = prepare(entry, target, plan, split, traced)

    def make():
        forward = entry.run_forward

        def run(diff_vals, traced_vals, rest):
            arrays, (writes, int_values) = forward(diff_vals, traced_vals, rest)
            return restore_ints(arrays, entry, int_values), writes

        return run

    arrays, writes = execute(entry, make, diff_vals, traced_vals, rest)
    apply_writes(entry.written, writes)
    return entry.output(arrays)


def run_jvp(target: Target, entry: Entry, plan, split, diff_inputs, traced, sens: Sens, want_value) -> tuple:
    """`sens.values` holds the tangents of the differentiated inputs."""
    _, diff_vals, traced_vals, rest, _ = prepare(entry, target, plan, split, traced)
    # (one tangent per argument; an input passed twice is traced once, with the first one's)
    tangents = [AsFloat(jnp.asarray(t, dtype=v.value.dtype), v.dtype) if type(v) is AsFloat
                else jnp.asarray(t, dtype=v.dtype) for t, v in zip(sens.values, traced_vals, strict=False)]

    def make():
        forward = entry.run_forward

        def run(diff_vals, traced_vals, rest, tangents):
            zeros = jax.tree_util.tree_map(jnp.zeros_like, diff_vals)
            arrays, tangent_out, (writes, int_values) = jax.jvp(
                lambda d, t: forward(d, t, rest), (diff_vals, traced_vals), (zeros, tangents), has_aux=True)
            return restore_ints(arrays, entry, int_values), tangent_out, writes

        return run

    arrays, tangent_out, writes = execute(entry, make, diff_vals, traced_vals, rest, tangents)
    apply_writes(entry.written, writes)
    return entry.output(arrays), entry.output(tangent_out)


RUNS: dict[Kind, Callable] = {Kind.GRAD: run_grad, Kind.GRAD_ONLY: run_grad, Kind.VJP: run_vjp, Kind.CALL: run_call,
                              Kind.JVP: run_jvp}
