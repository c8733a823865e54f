"""The steady call: a repeated compiled call goes straight to its compiled function.

After a call of plain, distinct Tensor arguments completed compiled, its runner keeps what it
resolved to as a `SteadyCall`. The next call of the same kind with arguments of the same dtypes
(and shapes, where the runner keys on them), while nothing it depends on has changed (Python
state, the bound Parameters, the mode), runs the compiled function directly: no splitting, keying
or layout work, and the result is assembled from indices found here. This is the path a training
loop runs on every step, so its per-call work is kept to attribute reads and the compiled call.
"""

from __future__ import annotations

import operator
from typing import Any, NamedTuple

from .. import _state, context
from ..common.tensor import Tensor, wrap
from . import cache, donation
from .calls import Split, all_tensor_slots
from .entry import Entry, Mode, Target, apply_writes
from .kinds import Kind, Outcome, grad_outcome
from .modes import Semantics
from .plan import Plan
from .sens import Sens, is_float

_tuple_new = tuple.__new__
# (module constants: reading an Enum member off its class costs a Python call in Python 3.11)
_GRADS = (Kind.GRAD, Kind.GRAD_ONLY)
_STEADY_KINDS = (Kind.GRAD, Kind.GRAD_ONLY, Kind.CALL)
_CALL = Kind.CALL
_COMPILE = Mode.COMPILE
MISS = object()  # a call that cannot run steadily
# (C-level getters: `map` with these runs no Python frame per argument)
_ARRAY, _VALUE = operator.attrgetter("_arr"), operator.attrgetter("_value")
_DTYPE, _SHAPE = operator.attrgetter("dtype"), operator.attrgetter("shape")


class Resolved(NamedTuple):
    """One call of the general path, resolved to its entry."""
    kind: Kind
    sem: Semantics
    sens: Sens
    plan: Plan
    entry: Entry
    split: Split
    diff_inputs: tuple
    traced: tuple


class SteadyCall:
    """What a compiled top-level call of plain, distinct Tensor arguments resolved to."""

    __slots__ = ("kind", "is_call", "dtypes", "sens_def", "sens_scalar", "version", "entry", "target",
                 "split", "traced", "other", "diff_params", "state_params", "weights", "weight_index", "donating",
                 "traces", "shapes", "rest", "owner", "types", "array_types", "mode")

    @classmethod
    def of(cls, call: Resolved, args: tuple, target: Target, aval_keyed: bool, owner) -> SteadyCall | None:
        """The steady call of this one (a call without keywords), or None where the general path must
        run each time. Where compiled calls are keyed on shapes (`aval_keyed`), so is the steady call.
        `owner.drop_steady()` is called when a steady call finds it retraced."""
        kind, entry, split, plan, traced = call.kind, call.entry, call.split, call.plan, call.traced
        if (entry.mode is not _COMPILE or split.slots is not all_tensor_slots(len(args))
                or _state.in_transform() or context.data_parallel()
                or not all(is_float(args[i]._arr.dtype) for i in traced)
                or not all(is_float(p._value.dtype) for p in plan.diff)
                or (kind in _GRADS and tuple(call.diff_inputs) != tuple(traced))
                or kind not in _STEADY_KINDS):
            return None
        self = cls()
        self.kind, self.is_call, self.owner, self.target = kind, kind is _CALL, owner, target
        self.dtypes, self.sens_def, self.sens_scalar = tuple(a._arr.dtype for a in args), call.sens[1], call.sens[2]
        self.types = (Tensor,) * len(args)
        self.array_types = tuple(type(a._arr) for a in args)
        self.version, self.entry, self.mode = _state.version(), entry, context._context["mode"]
        self.split = split._replace(inputs=())  # no values kept
        self.traced = traced
        self.other = [i for i in range(len(args)) if i not in traced]
        self.diff_params, self.state_params = list(plan.diff), list(plan.state)
        self.donating = self.is_call and entry.donating is not None
        if self.donating != (self.is_call and bool(plan.state) and not plan.diff and context.donation_enabled()):
            return None
        position = {id(p): k for k, p in enumerate(self.diff_params)}
        if target.auto_weights:
            used = {id(p) for p in entry.trace.used}
            self.weights = [p for p in self.diff_params if id(p) in used]
        else:
            self.weights = list(target.weights)
        if any(id(w) not in position for w in self.weights):
            return None  # a weight without a gradient gets zeros: the general path
        self.weight_index = [position[id(w)] for w in self.weights]
        if self.weight_index == list(range(len(self.diff_params))):
            self.weight_index = None  # the gradients in the order computed
        self.traces = cache.trace_count()
        # The arguments after the traced inputs, when they hold no values: the same every call.
        self.rest = ([], [], split.dynamic) if not (self.state_params or self.other or split.dynamic) else None
        self.shapes = tuple(a._arr.shape for a in args) if aval_keyed else None
        return self

    def attempt(self, kind: Kind, args: tuple, sens: Sens, want_value: bool) -> Any:
        """The result of this call run steadily (the output nest, or the gradients' Outcome), or
        `MISS` where it needs the general path. A runner keeps its steady call only while its calls
        complete compiled (the general path drops it first: a new plan, a failed trace); context
        options that change how compiled calls run bump `_state.version()`, and the execution mode
        decides the `Semantics`. The checks read module attributes directly: this runs on every step."""
        if (kind is not self.kind or _state._version != self.version or context._context["mode"] != self.mode
                or tuple(map(type, args)) != self.types or sens[1] != self.sens_def
                or sens[2] != self.sens_scalar or _state._thread.stack):
            return MISS  # (`types` is plain `Tensor` once per argument: the count is checked too)
        in_vals = list(map(_ARRAY, args))
        if tuple(map(type, in_vals)) != self.array_types or tuple(map(_DTYPE, in_vals)) != self.dtypes:
            return MISS  # (a Tensor around a tracer: called inside the user's own JAX transform)
        if self.shapes is not None and tuple(map(_SHAPE, in_vals)) != self.shapes:
            return MISS
        if len(args) > 1 and (args[0] is args[1] if len(args) == 2 else len(set(map(id, args))) < len(args)):
            return MISS  # the same Tensor twice: the general path merges or separates them
        if self.is_call:
            return self._call(in_vals)
        return self._grads(in_vals, sens[0], want_value)

    def _call(self, in_vals: list) -> Any:
        entry = self.entry
        traced_vals, other_vals = self._parts(in_vals)
        if self.donating:
            return self._done(donation.call(entry, self.state_params, traced_vals, other_vals, self.split.dynamic,
                                            in_vals))
        diff_vals = list(map(_VALUE, self.diff_params))
        rest = self.rest or (list(map(_VALUE, self.state_params)), other_vals, self.split.dynamic)
        entry.lock.acquire()  # (acquire/release: a `with` block costs twice as much per call)
        try:
            arrays, writes = entry.jitted(diff_vals, traced_vals, rest)
        finally:
            entry.lock.release()
        if writes:
            apply_writes(entry.written, writes)
        return self._done(entry.output(arrays))

    def _grads(self, in_vals: list, sens_vals, want_value: bool) -> Outcome:
        entry = self.entry
        traced_vals, other_vals = self._parts(in_vals)
        diff_vals = list(map(_VALUE, self.diff_params))
        rest = self.rest or (list(map(_VALUE, self.state_params)), other_vals, self.split.dynamic)
        traces = cache._traces
        entry.lock.acquire()
        try:
            results = entry.jitted(diff_vals, traced_vals, rest, sens_vals)
        finally:
            entry.lock.release()
        if cache._traces != traces:  # retraced (new shapes): the indices found may be stale
            self.owner.drop_steady()
            return grad_outcome(self.target, entry, self.split, self.diff_params, self.traced, self.traced, in_vals,
                                results, want_value)
        value, g_params, g_inputs, writes = results
        if writes:
            apply_writes(entry.written, writes)
        if self.other:
            input_grads: list = [None] * len(in_vals)
            for i, g in zip(self.traced, g_inputs, strict=True):
                input_grads[i] = wrap(g)
        else:
            input_grads = list(map(wrap, g_inputs))
        param_grads = list(map(wrap, g_params if self.weight_index is None
                               else [g_params[k] for k in self.weight_index]))
        # (tuple.__new__ skips the NamedTuple's Python-level __new__ on this per-call path)
        return _tuple_new(Outcome, (self.split, entry.output(value) if want_value else None, input_grads,
                                    param_grads, self.weights))

    def _parts(self, in_vals: list) -> tuple[list, list]:
        """(the traced inputs' values, the other inputs' values)."""
        if self.other:
            return [in_vals[i] for i in self.traced], [in_vals[i] for i in self.other]
        return in_vals, []

    def _done(self, out):
        """A call that retraced (new shapes) gave its result from the new trace; as the output's
        structure may depend on shapes, the next call takes the general path, which then keys on them."""
        if cache._traces != self.traces:
            self.owner.drop_steady()
        return out
