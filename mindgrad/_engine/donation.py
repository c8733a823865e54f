"""Compiled calls that donate the buffers of the Parameters they bind.

A compiled plain call (a Cell, a training step, `ms.jit`) that binds Parameters and differentiates
none donates, where `context.donation_enabled()`, their buffers: each goes in and comes back out,
written or not, so XLA updates them in place. Only buffers mindgrad produced and never handed out
are donated (`Parameter._owned`); any other value goes in as a copy, so an array the user may still
hold is never invalidated.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

import jax
import jax.numpy as jnp

from .. import _state
from . import cache
from .entry import Entry, Target, apply_writes, prepare, restore_ints

_LOCK = threading.RLock()   # another thread must not read a value a call is donating


def run_call(entry: Entry, target: Target, plan, split, traced: tuple) -> Any:
    """A compiled call whose bound Parameters' buffers are donated and come back as outputs."""
    state = plan.state
    with _LOCK:
        _, _, traced_vals, (_, other, dynamic), _ = prepare(entry, target, plan, split, traced)
        if entry.donating is None:
            forward = entry.run_forward

            def run(state_vals, traced_vals, other, dynamic):
                cache.count_trace()
                arrays, (writes, int_values) = forward([], traced_vals, (state_vals, other, dynamic))
                new = {id(p): v for p, v in zip(entry.written, writes, strict=True)}
                state_out = [new.pop(id(p), v) for p, v in zip(state, state_vals, strict=True)]
                entry.other_written = [p for p in entry.written if id(p) in new]
                return restore_ints(arrays, entry, int_values), [new[id(p)] for p in entry.other_written], \
                    state_out

            entry.donating = jax.jit(run, donate_argnums=(0,))
        return call(entry, state, traced_vals, other, dynamic, traced_vals + other)


def call(entry: Entry, state: list, traced_vals, other, dynamic, inputs) -> Any:
    """Run `entry.donating`: each Parameter's buffer in (a copy where mindgrad does not own it),
    its new buffer back and owned unless it is one of the call's inputs passed through."""
    with _LOCK:
        donated = [p._value if p._owned else jnp.copy(p._value) for p in state]
        with entry.lock:
            arrays, other_writes, state_out = entry.donating(donated, traced_vals, other, dynamic)
        if state_out and isinstance(state_out[0], _state.Tracer):
            # Under an outer JAX trace nothing was donated: write back only what the call wrote.
            written = {id(p) for p in entry.written}
            apply_writes([p for p in state if id(p) in written],
                         [v for p, v in zip(state, state_out, strict=True) if id(p) in written])
        else:
            given = {id(v) for v in itertools.chain(inputs, dynamic)}
            for p, v in zip(state, state_out, strict=True):
                p._value = v
                p._owned = id(v) not in given
    apply_writes(entry.other_written, other_writes)
    return entry.output(arrays)
