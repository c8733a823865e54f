"""The steady call: a repeated compiled call goes straight to its compiled function.

After a call of plain, distinct Tensor arguments completed compiled, its runner keeps what it
resolved to as a `SteadyCall`. The next call of the same kind with arguments of the same dtypes
(and shapes, where the runner keys on them), while nothing it depends on has changed (Python
state, the bound Parameters, the mode), runs the compiled function directly: no splitting, keying
or layout work, and the result is assembled from indices found here. This is the path a training
loop runs on every step, so its per-call work is kept to attribute reads and the compiled call:
`fastpath.build` writes that work out for the call's layout as its `attempt(kind, args, sens,
want_value)`, which returns the output nest (or the gradients' Outcome), or `MISS` where the call
needs the general path. It takes no lock: JAX's compiled functions may be called from several threads at once,
and the Parameters' writes, output structure and gradient layout it uses are fixed at its creation (a call that
retraces for new shapes reads the new trace's and drops the steady call; the general path serialises the calls
and traces of one entry under the entry's lock). GradOperation's calls take `shaped(...)`, which returns
its result shape directly. A runner keeps its steady call only while its calls complete compiled (the
general path drops it first: a new plan, a failed trace); context options that change how compiled
calls run bump `_state.version()`, and the execution mode decides the `Semantics`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import jax

from .. import _state, context
from . import cache, donation, fastpath
from .calls import Split, all_tensor_slots
from .entry import Entry, Mode, Target, apply_writes
from .kinds import Kind, Outcome, grad_outcome
from .modes import Semantics
from .plan import Plan
from .sens import Sens, is_float

_GRADS = (Kind.GRAD, Kind.GRAD_ONLY)
_STEADY_KINDS = (Kind.GRAD, Kind.GRAD_ONLY, Kind.CALL)
_CALL = Kind.CALL
_COMPILE = Mode.COMPILE
MISS = object()  # a call that cannot run steadily


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
                 "traces", "shapes", "owner", "array_types", "mode", "attempt", "written",
                 "flat", "layout", "by_shape", "output_layout")

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
        self.shapes = tuple(a._arr.shape for a in args) if aval_keyed else None
        self.written, self.output_layout = entry.written, entry.trace.output  # (as traced: kept while no retrace)
        self.flat, self.layout = None, None
        if not self.donating:
            self.flat = entry.last_flat
            sens = () if self.is_call else (call.sens[0],)
            rest = ([0] * len(self.state_params), [0] * len(self.other), [])
            expected = jax.tree_util.tree_structure(([0] * len(self.diff_params), [0] * len(traced), rest, *sens))
            if split.dynamic or self.flat is None or self.flat.in_tree != expected:
                return None
            self.layout = _positions(self.flat.unflatten(list(range(self.flat.out_tree.num_leaves))))
            if self.layout is None or len(self.layout) != (2 if self.is_call else 4):
                return None
        self.by_shape: dict = {}  # GradOperation's result shape -> its `attempt` (`shaped`)
        self.attempt = fastpath.build(self, MISS)
        return self

    def donating_call(self, traced_vals: list, other_vals: list, in_vals: list) -> Any:
        """A plain call that donates its Parameters' buffers (`donation.call`)."""
        return self.done(donation.call(self.entry, self.state_params, traced_vals, other_vals, self.split.dynamic,
                                       in_vals))

    def retraced(self, in_vals: list, results: list, want_value: bool) -> Outcome:
        """The Outcome of a gradient call whose compiled function retraced (new shapes; `results`: its output
        leaves): the gradients are placed as the general path places them, and the next call takes that path."""
        self.owner.drop_steady()
        return grad_outcome(self.target, self.entry, self.split, self.diff_params, self.traced, self.traced, in_vals,
                            self.flat.unflatten(results), want_value)

    def done(self, out):
        """A call that retraced (new shapes) gave its result from the new trace; as the output's
        structure may depend on shapes, the next call takes the general path, which then keys on them."""
        if cache._traces != self.traces:
            self.owner.drop_steady()
        return out

    def retraced_call(self, results: tuple) -> Any:
        """The output of a plain call whose compiled function retraced (new shapes), from the new trace's
        structure (`results`: the compiled function's output leaves); the next call takes the general path."""
        self.owner.drop_steady()
        arrays, writes = self.flat.unflatten(results)
        apply_writes(self.entry.written, writes)
        return self.entry.output(arrays)

    def shaped(self, shape: tuple):
        """`attempt` returning GradOperation's result for `shape` = (get_all, get_by_list, single weight)
        (`shaping.grad_operation`), written out once per shape."""
        attempt = self.by_shape.get(shape)
        if attempt is None:
            attempt = self.by_shape[shape] = fastpath.build(self, MISS, shape)
        return attempt


def _positions(layout) -> list | None:
    """The compiled function's outputs as lists of leaf positions (`(arrays, writes)` of a call, `(value,
    parameter gradients, input gradients, writes)` of a gradient call), or None where one is a deeper nest."""
    parts = []
    for part in layout:
        if not isinstance(part, (list, tuple)) or not all(type(i) is int for i in part):
            return None
        parts.append(list(part))
    return parts
