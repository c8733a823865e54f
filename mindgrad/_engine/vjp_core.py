"""The one gradient core: `jax.vjp` over (Parameters, Tensor arguments).

Every MindSpore gradient API (GradOperation, grad, value_and_grad, vjp,
TrainOneStepCell) is this core with other choices of what to differentiate
and how to shape the result. One call:

1. split the call (`calls.split_call`): top-level Tensors are differentiable
   inputs, nested Tensors are used but not differentiated, the rest is static;
2. a pure function of (parameter values, input values) binds the values into
   the Parameters (`binding.bind`), runs the user's function, and returns the
   output's arrays plus the Parameter writes it made;
3. `jax.vjp` of it with cotangent `sens`, or ones on every floating output
   leaf (MindSpore's default sensitivity);
4. the writes are applied and the gradients returned, cast back to the dtype
   of integer/bool inputs (which are differentiated as floats).

Step 2-3 run under `jax.jit`, compiled once per call signature and reused,
when the function traces cleanly; a function that needs concrete values
(Python control flow on a Tensor, `print`, `asnumpy`) or changes Cell
attributes runs eagerly instead, every call, as PyNative does.

A compiled call (`kind="call"`: a Cell, a training step, `ms.jit`) donates, where
`context.donation_enabled()`, the buffers of the Parameters it binds: each goes in and comes back out, written or not, so XLA updates them in
place. Only buffers mindgrad produced and never handed out are donated (`Parameter._owned`);
any other value goes in as a copy, so an array the user may still hold is never invalidated.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from . import binding, cache, modes, parallel
from .. import context
from .calls import (Split, all_tensor_slots as _all_tensor_slots, flatten, output_leaves, parameter_inputs, rebuild,
                    rebuild_output, split_call)
from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor, wrap

_EMPTY_TUPLE_DEF = jax.tree_util.tree_structure(())

_CONCRETIZATION_ERRORS = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError,
                          jax.errors.TracerIntegerConversionError, binding.EagerRequired)


class _Rediscover(Exception):
    """A compiled trace touched Parameters it did not bind: bind them and retrace."""

    def __init__(self, params: dict) -> None:
        super().__init__("rediscover")
        self.params = params


class Outcome(NamedTuple):
    """What the core computed for one call, before MindSpore's result shaping."""
    split: Split
    value: Any                 # the output nest (Tensors), or None when not asked for
    input_grads: list          # per Split.inputs index: a Tensor, or None when not differentiated
    param_grads: list          # per requested weight: a Tensor
    used_params: list          # Parameters the forward pass read (weights=None mode)


_plan_versions = itertools.count(1)
_tuple_new = tuple.__new__
_NO_SENS = (None, None, None)  # (arrays, treedef, scalar flags) of a call without sens
_MISS = object()                # a call that cannot run steadily
_DONATION_LOCK = threading.RLock()


class _Plan:
    """Which Parameters a GradCore binds: differentiated ones and the rest (state)."""

    __slots__ = ("diff", "state", "source_version", "version")

    def __init__(self, source_version: int) -> None:
        self.diff: list = []
        self.state: list = []
        self.source_version = source_version
        self.version = next(_plan_versions)


class Linearized(NamedTuple):
    """What `GradCore.linearize` returns: the output nest and its pullback."""
    value: Any
    pullback: Callable       # sens -> Outcome


class _Entry:
    """One compiled (or eager) gradient function for one call signature."""

    __slots__ = ("mode", "sem", "forward", "jitted", "donating", "other_written", "n_first", "out_def", "out_cmp_def",
                 "out_is_tensor", "out_consts", "written", "used", "casts", "lock", "retried")

    def __init__(self, mode: str, sem: modes.Semantics) -> None:
        self.mode = mode
        self.sem = sem
        self.forward = None
        self.jitted = None
        self.donating = None       # the compiled call that donates its Parameters' buffers
        self.other_written: list = []   # written Parameters it does not bind (passed as arguments)
        self.n_first = None
        self.out_def = self.out_cmp_def = self.out_is_tensor = self.out_consts = None
        self.written: list = []
        self.used: list = []
        self.casts: list = []
        self.lock = threading.RLock()
        self.retried = False        # a failed trace already had its second chance

    def output(self, arrays: list):
        """The output nest of one call, Tensors around `arrays` (as the last trace laid it out)."""
        return rebuild_output(self.out_def, self.out_is_tensor, arrays, self.out_consts)


_FLOATNESS: dict = {}


def _is_float(dt) -> bool:
    known = _FLOATNESS.get(dt)
    if known is None:
        known = _FLOATNESS[dt] = bool(jnp.issubdtype(dt, jnp.inexact))
    return known


def _diff_dtype(dt) -> np.dtype:
    """The dtype an integer/bool input is differentiated in."""
    if _is_float(dt):
        return dt
    return np.dtype(np.float64) if np.dtype(dt).itemsize >= 8 else np.dtype(np.float32)



class _Steady:
    """What a compiled top-level call of plain, distinct Tensor arguments resolved to. The next call
    of the same kind with arguments of the same dtypes, while nothing it depends on has changed
    (Python state, the bound Parameters, the mode), runs the compiled function directly: no
    splitting, keying or layout work, and the result is assembled from indices found here."""

    __slots__ = ("tag", "dtypes", "sens_def", "sens_scalar", "version", "sem", "entry",
                 "split", "traced", "other", "diff_params", "state_params", "weights", "weight_index",
                 "donating", "donation", "traces", "shapes", "rest")

    @classmethod
    def of(cls, tag, args, kwargs, sens, sem, plan, entry, split, diff_inputs, traced, weights, auto_weights,
           aval_keyed):
        """The steady call of this one, or None where the general path must run each time. Where
        compiled calls are keyed on shapes (`aval_keyed`), so is the steady call."""
        if (kwargs or entry.mode != "compile" or split.slots is not _all_tensor_slots(len(args))
                or binding.in_transform() or context.data_parallel()
                or not all(_is_float(args[i]._arr.dtype) for i in traced)
                or (tag.startswith("grad") and tuple(diff_inputs) != tuple(traced))
                or tag not in ("grad", "grad-only", "call")):
            return None
        self = cls()
        self.tag, self.dtypes, self.sens_def, self.sens_scalar = tag, tuple(a._arr.dtype for a in args), sens[1], sens[2]
        self.version, self.sem, self.entry = cache.version(), sem, entry
        self.split = split._replace(inputs=())  # no values kept
        self.traced = traced
        self.other = [i for i in range(len(args)) if i not in traced]
        self.diff_params, self.state_params = list(plan.diff), list(plan.state)
        self.donating = tag == "call" and entry.donating is not None
        self.donation = context.donation_enabled()
        if self.donating != (tag == "call" and bool(plan.state) and not plan.diff and self.donation):
            return None
        position = {id(p): k for k, p in enumerate(self.diff_params)}
        if auto_weights:
            used = {id(p) for p in entry.used}
            self.weights = [p for p in self.diff_params if id(p) in used]
        else:
            self.weights = list(weights)
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

    def accepts(self, tag: str, args: tuple, sens: tuple, sem) -> bool:
        """Whether this call may run steadily. A GradCore keeps its steady call only while its calls
        complete compiled (the full path drops it first: a new plan, a failed trace), and context
        options that change how compiled calls run bump `cache.version()`."""
        if (tag != self.tag or sem is not self.sem or cache.version() != self.version
                or len(args) != len(self.dtypes) or sens[1] != self.sens_def or sens[2] != self.sens_scalar
                or binding.in_transform()):
            return False
        for a, dt in zip(args, self.dtypes):
            if type(a) is not Tensor or a._arr.dtype != dt:
                return False
        if self.shapes is not None and self.shapes != tuple(a._arr.shape for a in args):
            return False
        return len(args) < 2 or len(args) == 2 and args[0] is not args[1] or len({id(a) for a in args}) == len(args)


class GradCore:
    """Differentiates `fn` with respect to chosen inputs and Parameters.

    `positions`: "all", "first", or a tuple of argument positions.
    `weights`: the Parameters whose gradients are wanted, or None with
    `auto_weights` for "every trainable Parameter the forward pass uses".
    """

    def __init__(self, fn: Callable, positions, weights: tuple | None, auto_weights: bool,
                 sens_param: bool, op_name: str = "GradOperation", has_aux: bool = False) -> None:
        self.fn = fn
        self.has_aux = has_aux
        self.second_chance = False   # a call whose first trace needs Python runs plainly once, then retraces
        self.positions = positions
        self.weights = tuple(weights) if weights is not None else ()
        self.auto_weights = auto_weights
        self.sens_param = sens_param
        self.op_name = op_name
        self._entries = cache.LRU(64)
        self._lock = threading.Lock()
        self._plans: dict[str, _Plan] = {}
        self._int_as_float = True
        self._discovered: dict[int, Parameter] = {}
        self._aval_keyed = auto_weights
        self._positions_cache: dict = {}
        self._steady: _Steady | None = None

    # ---- which Parameters are bound ---------------------------------------------
    def _plan(self, sem: modes.Semantics) -> _Plan:
        """The Parameters bound for calls in this mode, rebuilt when Python state changed."""
        plan = self._plans.get(sem.name)
        if plan is None or plan.source_version != cache.version():
            plan = self._plans[sem.name] = self._new_plan(sem)
        return plan

    def _new_plan(self, sem: modes.Semantics) -> _Plan:
        """The listed weights, then every Parameter a trace of this core has touched (a Cell's
        Parameters are not all bound up front: an optimizer's unused state would be passed in
        and out of every compiled call)."""
        unique: dict[int, Parameter] = {}
        for w in self.weights:
            if isinstance(w, Parameter):
                unique.setdefault(id(w), w)
        plan = _Plan(cache.version())
        plan.diff = [p for p in unique.values() if p.requires_grad or sem.frozen_listed_gets_grad]
        diff = {id(p) for p in plan.diff}
        plan.state = [p for p in unique.values() if id(p) not in diff]
        self._add(plan, self._discovered)
        return plan

    def _discover(self, plan: _Plan, params: dict) -> None:
        with self._lock:
            self._discovered.update(params)
            self._add(plan, params)
            plan.version = next(_plan_versions)

    def _add(self, plan: _Plan, params: dict) -> None:
        known = {id(p) for p in plan.diff} | {id(p) for p in plan.state}
        for key, p in params.items():
            if key not in known:
                (plan.diff if self.auto_weights and p.requires_grad else plan.state).append(p)

    # ---- one call --------------------------------------------------------------------
    def __call__(self, args: tuple, kwargs: dict, sens=None, want_value: bool = False) -> Outcome:
        """Gradients (and optionally the value) of one call of `fn`."""
        return self._call("grad", args, kwargs, self._sens_leaves(sens), want_value)

    def linearize(self, args: tuple, kwargs: dict) -> Linearized:
        """The value of one call and a function from output cotangents to gradients (`ops.vjp`)."""
        return self._call("vjp", args, kwargs, _NO_SENS, True)

    def call(self, args: tuple, kwargs: dict) -> Any:
        """One call of `fn`, compiled with its Parameters as explicit inputs (`ms.jit`, GRAPH_MODE,
        and PyNative Cells that trace cleanly); Parameter writes applied after."""
        return self._call("call", args, kwargs, _NO_SENS, True)

    def jvp(self, args: tuple, kwargs: dict, tangents: list) -> tuple:
        """(value nest, tangent nest) of one call, for tangents of the differentiated inputs."""
        return self._call("jvp", args, kwargs, (tangents, None, None), True)

    def steady_grads(self, args: tuple) -> Outcome | None:
        """The gradients of a call without sens, keywords or value that may run steadily, or None
        where it needs `__call__` (GradOperation's shortcut past the general path's layers)."""
        binding.check_grad_allowed()
        outcome = self._try_steady("grad-only", args, _NO_SENS, modes.current(), False)
        return None if outcome is _MISS else outcome

    def _call(self, kind: str, args: tuple, kwargs: dict, sens: tuple, want_value: bool):
        if kind != "call":
            binding.check_grad_allowed()
        sem = modes.current()
        # Gradients without the value compile to a program that leaves the forward output out.
        tag = kind if want_value or kind != "grad" else "grad-only"
        if not kwargs:
            result = self._try_steady(tag, args, sens, sem, want_value)
            if result is not _MISS:
                return result
        self._steady = None  # set again only where this call completes compiled
        split = split_call(args, kwargs, sem.merge_aliases, sem.mutable_inputs)
        diff_inputs = self._diff_input_indices(split, sem)
        while True:
            plan = self._plan(sem)
            # Integer/bool inputs are differentiated as floats, unless that failed once.
            traced = tuple(i for i in diff_inputs if self._int_as_float or _is_float(split.inputs[i]._arr.dtype))
            key = self._key(tag, split, diff_inputs, traced, sens, sem, plan)
            entry = self._entries.get(key) if key is not None else None
            if entry is None:
                entry = _Entry(self._first_mode() if key is not None else "eager", sem)
                if key is not None:
                    self._entries.put(key, entry)
            try:
                if kind == "call" and entry.mode != "compile":
                    if entry.mode == "once":
                        entry.mode = "compile"
                    # Plain Python: a call that must run eagerly (this once, or every time).
                    return self._plain_call(args, kwargs)
                result = getattr(self, "_run_" + kind)(entry, plan, split, diff_inputs, traced, sens, want_value)
                self._steady = _Steady.of(tag, args, kwargs, sens, sem, plan, entry, split, diff_inputs, traced,
                                          self.weights, self.auto_weights, self._aval_keyed)
                return result
            except _Rediscover as e:
                self._discover(plan, e.params)
            except _CONCRETIZATION_ERRORS:
                if entry.mode == "eager":
                    raise
                if parallel.active() and jax.process_count() > 1:
                    raise RuntimeError(f"For '{self.op_name}', a data-parallel step over several processes must "
                                       f"compile, but it needs Python values of Tensors (see README, 'When "
                                       f"mindgrad compiles').") from None
                # A Cell that initialises itself lazily (sets attributes, makes Parameters) on its first
                # call runs plainly that once and is traced again on the next; eager from a second failure.
                entry.mode = "once" if self.second_chance and kind == "call" and not entry.retried else "eager"
                entry.retried = True
            except (TypeError, ValueError, IndexError):
                if not self._int_as_float or len(traced) == len([i for i in diff_inputs
                                                                  if _is_float(split.inputs[i]._arr.dtype)]):
                    raise
                # An integer input used as an integer (an index, a shape): keep it an integer;
                # its gradient is then zero.
                self._int_as_float = False

    # ---- the steady call: same kind of arguments as last time ---------------------------------
    def _try_steady(self, tag: str, args: tuple, sens: tuple, sem, want_value: bool):
        """The result of a call that may run steadily, or `_MISS` where it needs the full path."""
        s = self._steady
        if s is None or not s.accepts(tag, args, sens, sem):
            return _MISS
        try:
            return self._run_steady(s, args, sens[0], want_value)
        except (_Rediscover,) + _CONCRETIZATION_ERRORS:
            return _MISS  # a retrace (new shapes) that needs the full path

    def _run_steady(self, s: _Steady, args: tuple, sens_vals, want_value: bool):
        entry = s.entry
        in_vals = [a._arr for a in args]
        if s.other:
            traced_vals, other_vals = [in_vals[i] for i in s.traced], [in_vals[i] for i in s.other]
        else:
            traced_vals, other_vals = in_vals, []
        if s.donating:
            return self._steady_done(s, self._donating_call(entry, s.state_params, traced_vals, other_vals,
                                                            s.split.dynamic, in_vals))
        diff_vals = [p._value for p in s.diff_params] if s.diff_params else []
        rest = s.rest or ([p._value for p in s.state_params], other_vals, s.split.dynamic)
        if s.tag == "call":
            with entry.lock:
                arrays, writes = entry.jitted(diff_vals, traced_vals, rest)
            if writes:
                self._apply_writes(entry.written, writes)
            return self._steady_done(s, entry.output(arrays))
        with entry.lock:
            results = entry.jitted(diff_vals, traced_vals, rest, sens_vals)
        if cache.trace_count() != s.traces:  # retraced (new shapes): the indices found may be stale
            self._steady = None
            return self._grad_outcome(entry, s.split, s.diff_params, s.traced, s.traced, in_vals, results,
                                      want_value)
        value, g_params, g_inputs, writes = results
        if writes:
            self._apply_writes(entry.written, writes)
        if s.other:
            input_grads: list = [None] * len(in_vals)
            for i, g in zip(s.traced, g_inputs):
                input_grads[i] = wrap(g)
        else:
            input_grads = list(map(wrap, g_inputs))
        param_grads = list(map(wrap, g_params if s.weight_index is None else [g_params[k] for k in s.weight_index]))
        # (tuple.__new__ skips the NamedTuple's Python-level __new__ on this per-call path)
        return _tuple_new(Outcome, (s.split, entry.output(value) if want_value else None, input_grads, param_grads,
                                    s.weights))

    def _steady_done(self, s: _Steady, out):
        """A call that retraced (new shapes) gave its result from the new trace; as the output's
        structure may depend on shapes, the next call takes the full path, which then keys on them."""
        if cache.trace_count() != s.traces:
            self._steady = None
        return out

    def _plain_call(self, args: tuple, kwargs: dict) -> Any:
        from ..nn.cell import Cell
        fn = self.fn.construct if isinstance(self.fn, Cell) else self.fn
        return fn(*args, **kwargs)

    def _first_mode(self) -> str:
        """How a new call signature starts: compiled, or eager throughout when compiling is switched off."""
        if parallel.active():
            return "compile"  # a data-parallel step is one program over all devices
        return "compile" if context.compiling_allowed() else "eager"

    def _diff_input_indices(self, split: Split, sem) -> tuple:
        if split.key is not None:
            hit = self._positions_cache.get((split.key, sem.name))
            if hit is None:
                hit = self._positions_cache[(split.key, sem.name)] = self._pick_inputs(split, sem)
            return hit
        return self._pick_inputs(split, sem)

    def _pick_inputs(self, split: Split, sem) -> tuple:
        slots = split.slots
        if self.positions == "all":
            picks = range(len(slots))
        elif self.positions == "first":
            picks = range(min(1, split.n_positional))
        elif self.positions is None:
            picks = ()
        else:
            for pos in self.positions:
                if pos >= len(slots):  # positions count keyword arguments too, in call order
                    raise sem.position_error(f"Position index {pos} is exceed input size.")
            picks = self.positions
        out = []
        for i in picks:
            for idx in slots[i].indices():
                if idx not in out:
                    out.append(idx)
        return tuple(out)

    def _sens_leaves(self, sens) -> tuple:
        """(arrays, treedef, which leaves were Python scalars) of a user's `sens`."""
        if sens is None:
            return _NO_SENS
        leaves, treedef = flatten(_lists_to_tuples(sens))
        arrays, scalar = [], []
        for leaf in leaves:
            if isinstance(leaf, Tensor):
                arrays.append(leaf._arr)
                scalar.append(False)
            elif isinstance(leaf, (bool, int, float)):
                arrays.append(np.asarray(leaf))
                scalar.append(True)
            else:
                raise TypeError(f"For '{self.op_name}', the 'sens' should be a Tensor or a tuple of Tensors "
                                f"matching the output, but got {type(leaf).__name__}.")
        return arrays, treedef, tuple(scalar)

    def _key(self, kind: str, split, diff_inputs, traced, sens, sem, plan):
        """The cache key: everything the traced function bakes in. Shapes and dtypes are left to
        `jax.jit`'s own cache unless the output's structure was seen to depend on them."""
        if split.key is None:
            return None
        avals = None
        if self._aval_keyed:
            avals = tuple((a.shape, a.dtype) for a in [t._arr for t in split.inputs] + list(split.dynamic))
        # (A change of `requires_grad` bumps `cache.version()`.)
        return (kind, sem.name, split.key, avals, diff_inputs, traced, sens[1], sens[2], cache.version(),
                plan.version)

    # ---- the pure forward function of one entry ----------------------------------------
    def _prepare(self, entry: _Entry, plan: _Plan, split: Split, traced: tuple) -> tuple:
        """Values for one call: (diff params, traced inputs, the rest), and the entry's forward."""
        diff_params, state_params = list(plan.diff), list(plan.state)
        in_vals = [t._arr for t in split.inputs]
        n_inputs = len(in_vals)
        other = [i for i in range(n_inputs) if i not in traced]
        if entry.forward is None:
            entry.forward = self._make_forward(entry, split._replace(inputs=(), dynamic=()), diff_params,
                                               state_params, traced, other, n_inputs, parameter_inputs(split))
        dynamic = split.dynamic
        top = binding.current() is None
        if parallel.active() and top:
            # Data parallel: Parameters replicated, local data split over the devices.
            parallel.place_parameters(diff_params + state_params)
            in_vals = [parallel.batch(v) for v in in_vals]
            dynamic = [parallel.batch(v) for v in dynamic]
        traced_vals = [in_vals[i] if _is_float(in_vals[i].dtype) else in_vals[i].astype(_diff_dtype(in_vals[i].dtype))
                       for i in traced]
        if top:  # no transform binds Parameters: their stored values, without a lookup each
            state_vals, diff_vals = [p._value for p in state_params], [p._value for p in diff_params]
        else:
            state_vals, diff_vals = [p._arr for p in state_params], [p._arr for p in diff_params]
        return diff_params, diff_vals, traced_vals, (state_vals, [in_vals[i] for i in other], dynamic), in_vals

    def _make_forward(self, entry: _Entry, layout: Split, diff_params: list, state_params: list, traced: tuple,
                      other: list, n_inputs: int, param_inputs: list) -> Callable:
        """The pure function of one entry: (diff params, traced inputs, rest) -> (output arrays,
        (Parameter writes, integer outputs)). It is compiled and kept, so it closes over static
        facts only (the call's layout, which Parameters are bound), never over values."""

        def forward(diff_vals, traced_vals, rest):
            state_vals, other_vals, dynamic = rest
            strict = entry.mode == "compile"
            bound = {id(p): v for p, v in zip(diff_params, diff_vals)}
            bound.update((id(p), v) for p, v in zip(state_params, state_vals))
            values = [None] * n_inputs
            for i, v in zip(traced, traced_vals):
                values[i] = v
            for i, v in zip(other, other_vals):
                values[i] = v
            params = dict(param_inputs)
            bound.update((id(p), values[i]) for i, p in param_inputs)
            with binding.bind(bound, strict) as frame:
                args, kwargs = rebuild(layout, values, dynamic, params)
                out = self.fn(*args, **kwargs)
            if frame.free and (strict or self.auto_weights):
                raise _Rediscover(dict(frame.free))
            arrays, out_def, is_tensor, consts = output_leaves(out)
            if out_def == _EMPTY_TUPLE_DEF and not entry.sem.empty_output_zeros:
                raise RuntimeError(f"For '{self.op_name}', the output of the network is an empty tuple: "
                                   f"Get empty value seq.")
            # Integer outputs made by a Cast of a float: differentiate the float they came from.
            casts = [(k, frame.casts[id(a)][1]) for k, a in enumerate(arrays) if id(a) in frame.casts]
            int_values = tuple(arrays[k] for k, _ in casts)
            arrays = list(arrays)
            for k, source in casts:
                arrays[k] = source
            n_first = None
            if self.has_aux:
                if not isinstance(out, (tuple, list)) or len(out) < 2:
                    raise entry.sem.has_aux_error(f"For '{self.op_name}', when has_aux is True, origin fn requires more than "
                                     f"one outputs, but got {type(out).__name__} output.")
                n_first = len(flatten(out[0])[0])
            cmp_out = out[0] if self.has_aux else out
            meta = (out_def, is_tensor, consts, flatten(_lists_to_tuples(cmp_out))[1],
                    [p for p, _ in frame.writes.values()], list(frame.reads.values()),
                    [(k, int_values[j].dtype) for j, (k, _) in enumerate(casts)],
                    n_first)
            if strict and entry.out_def is not None and not _same_meta(entry, meta):
                self._aval_keyed = True  # the structure depends on shapes: key on them from now on
            (entry.out_def, entry.out_is_tensor, entry.out_consts, entry.out_cmp_def, entry.written,
             entry.used, entry.casts, entry.n_first) = meta
            writes = tuple(jax.lax.stop_gradient(v) for _, v in frame.writes.values())
            return arrays, (writes, int_values)

        return forward

    def _execute(self, entry: _Entry, make: Callable, *args):
        """Run `make()`'s function compiled (once per entry) or eagerly, under the entry's lock."""
        with entry.lock:
            if entry.mode == "compile":
                if entry.jitted is None:
                    fn = make()

                    def traced(*a):
                        cache.count_trace()
                        return fn(*a)

                    entry.jitted = jax.jit(traced)
                results = entry.jitted(*args)
            else:
                results = make()(*args)
            return results

    def _apply_writes(self, written: list, writes: tuple) -> None:
        if writes and binding.current() is None and not isinstance(writes[0], binding.Tracer):
            for p, v in zip(written, writes):  # concrete results of one call, stored directly
                p._value = v
                p._owned = False
            return
        for p, v in zip(written, writes):
            binding.write(p, v)

    def _input_grads(self, diff_inputs, traced, in_vals, g_inputs) -> list:
        """Gradients per input, cast back to the dtype of integer/bool inputs (zeros if not traced)."""
        grads: list = [None] * len(in_vals)
        for i in diff_inputs:
            src = in_vals[i]
            if i in traced:
                g = g_inputs[traced.index(i)]
                if g.dtype != src.dtype:
                    g = (g != 0) if src.dtype == np.bool_ else g.astype(src.dtype)
            else:
                g = jnp.zeros_like(src)
            grads[i] = wrap(g)
        return grads

    def _param_grads(self, diff_params, g_params, used) -> tuple[list, list]:
        by_id = {id(p): g for p, g in zip(diff_params, g_params)}
        if self.auto_weights:
            used_ids = {id(p) for p in used}
            weights = [p for p in diff_params if id(p) in used_ids]
        else:
            weights = list(self.weights)
        grads = []
        for w in weights:
            g = by_id.get(id(w))
            grads.append(wrap(g if g is not None else jnp.zeros_like(w._arr)))
        return grads, weights

    # ---- the three kinds of call ---------------------------------------------------------------
    def _run_grad(self, entry: _Entry, plan: _Plan, split, diff_inputs, traced, sens, want_value) -> Outcome:
        diff_params, diff_vals, traced_vals, rest, in_vals = self._prepare(entry, plan, split, traced)
        sens_vals, sens_def, sens_scalar = sens

        def make():
            forward = entry.forward

            def run(diff_vals, traced_vals, rest, sens_vals):
                arrays, vjp_fn, (writes, int_values) = jax.vjp(
                    lambda d, t: forward(d, t, rest), diff_vals, traced_vals, has_aux=True)
                g_params, g_inputs = vjp_fn(self._cotangents(arrays, entry, sens_vals, sens_def, sens_scalar))
                value = _restore_ints(arrays, entry, int_values) if want_value else []
                return value, g_params, g_inputs, writes

            return run

        results = self._execute(entry, make, diff_vals, traced_vals, rest, sens_vals)
        return self._grad_outcome(entry, split, diff_params, diff_inputs, traced, in_vals, results, want_value)

    def _grad_outcome(self, entry: _Entry, split, diff_params, diff_inputs, traced, in_vals, results,
                      want_value: bool) -> Outcome:
        arrays, g_params, g_inputs, writes = results
        self._apply_writes(entry.written, writes)
        param_grads, weights = self._param_grads(diff_params, g_params, entry.used)
        value = entry.output(arrays) if want_value else None
        return Outcome(split, value, self._input_grads(diff_inputs, traced, in_vals, g_inputs), param_grads,
                       weights)

    def _run_vjp(self, entry: _Entry, plan: _Plan, split, diff_inputs, traced, sens, want_value) -> Linearized:
        diff_params, diff_vals, traced_vals, rest, in_vals = self._prepare(entry, plan, split, traced)

        with entry.lock:
            run = entry.forward
            if entry.mode == "compile":
                if entry.jitted is None:
                    forward = entry.forward

                    def counted(d, t, rest):
                        cache.count_trace()
                        return forward(d, t, rest)

                    entry.jitted = jax.jit(counted)
                run = entry.jitted
            arrays, vjp_fn, (writes, int_values) = jax.vjp(
                lambda d, t: run(d, t, rest), diff_vals, traced_vals, has_aux=True)
            used = entry.used  # what the pullback reports, whatever later calls trace
        self._apply_writes(entry.written, writes)
        value = entry.output(_restore_ints(arrays, entry, int_values))

        def pullback(sens) -> Outcome:
            sens_vals, sens_def, sens_scalar = self._sens_leaves(sens)
            g_params, g_inputs = vjp_fn(self._cotangents(arrays, entry, sens_vals, sens_def, sens_scalar))
            param_grads, weights = self._param_grads(diff_params, g_params, used)
            return Outcome(split, value, self._input_grads(diff_inputs, traced, in_vals, g_inputs), param_grads,
                           weights)

        return Linearized(value, pullback)

    def _run_call(self, entry: _Entry, plan: _Plan, split, diff_inputs, traced, sens, want_value) -> Any:
        if (entry.mode == "compile" and plan.state and not plan.diff and not parallel.active()
                and context.donation_enabled()):
            return self._run_call_donating(entry, plan, split, traced)
        _, diff_vals, traced_vals, rest, _ = self._prepare(entry, plan, split, traced)

        def make():
            forward = entry.forward

            def run(diff_vals, traced_vals, rest):
                arrays, (writes, int_values) = forward(diff_vals, traced_vals, rest)
                return _restore_ints(arrays, entry, int_values), writes

            return run

        arrays, writes = self._execute(entry, make, diff_vals, traced_vals, rest)
        self._apply_writes(entry.written, writes)
        return entry.output(arrays)

    def _run_call_donating(self, entry: _Entry, plan: _Plan, split, traced) -> Any:
        """A compiled call whose bound Parameters' buffers are donated and come back as outputs."""
        state = plan.state
        with _DONATION_LOCK:  # another thread must not read a value this call is donating
            _, _, traced_vals, (_, other, dynamic), _ = self._prepare(entry, plan, split, traced)
            if entry.donating is None:
                forward = entry.forward

                def run(state_vals, traced_vals, other, dynamic):
                    cache.count_trace()
                    arrays, (writes, int_values) = forward([], traced_vals, (state_vals, other, dynamic))
                    new = {id(p): v for p, v in zip(entry.written, writes)}
                    state_out = [new.pop(id(p), v) for p, v in zip(state, state_vals)]
                    entry.other_written = [p for p in entry.written if id(p) in new]
                    return _restore_ints(arrays, entry, int_values), [new[id(p)] for p in entry.other_written], \
                        state_out

                entry.donating = jax.jit(run, donate_argnums=(0,))
            return self._donating_call(entry, state, traced_vals, other, dynamic, traced_vals + other)

    def _donating_call(self, entry: _Entry, state: list, traced_vals, other, dynamic, inputs) -> Any:
        """Run `entry.donating`: each Parameter's buffer in (a copy where mindgrad does not own it),
        its new buffer back and owned unless it is one of the call's inputs passed through."""
        with _DONATION_LOCK:
            donated = [p._value if p._owned else jnp.copy(p._value) for p in state]
            with entry.lock:
                arrays, other_writes, state_out = entry.donating(donated, traced_vals, other, dynamic)
            if state_out and isinstance(state_out[0], binding.Tracer):
                # Under an outer JAX trace nothing was donated: write back only what the call wrote.
                written = {id(p) for p in entry.written}
                self._apply_writes([p for p in state if id(p) in written],
                                   [v for p, v in zip(state, state_out) if id(p) in written])
            else:
                given = {id(v) for v in itertools.chain(inputs, dynamic)}
                for p, v in zip(state, state_out):
                    p._value = v
                    p._owned = id(v) not in given
        self._apply_writes(entry.other_written, other_writes)
        return entry.output(arrays)

    def _run_jvp(self, entry: _Entry, plan: _Plan, split, diff_inputs, traced, sens, want_value) -> tuple:
        diff_params, diff_vals, traced_vals, rest, in_vals = self._prepare(entry, plan, split, traced)
        tangents = [jnp.asarray(t, dtype=v.dtype) for t, v in zip(sens[0], traced_vals)]

        def make():
            forward = entry.forward

            def run(diff_vals, traced_vals, rest, tangents):
                zeros = [jnp.zeros_like(v) for v in diff_vals]
                arrays, tangent_out, (writes, int_values) = jax.jvp(
                    lambda d, t: forward(d, t, rest), (diff_vals, traced_vals), (zeros, tangents), has_aux=True)
                return _restore_ints(arrays, entry, int_values), tangent_out, writes

            return run

        arrays, tangent_out, writes = self._execute(entry, make, diff_vals, traced_vals, rest, tangents)
        self._apply_writes(entry.written, writes)
        return entry.output(arrays), entry.output(tangent_out)

    # ---- cotangents ------------------------------------------------------------------
    def _cotangents(self, arrays: list, entry: _Entry, sens_vals, sens_def, sens_scalar) -> list:
        """Ones on every floating output (MindSpore's default sens), or the checked `sens`; with
        `has_aux` only the first output is differentiated (the others get zeros)."""
        cast_dtypes = dict(entry.casts)
        is_tensor = entry.out_is_tensor
        n_diff = len(arrays) if entry.n_first is None else sum(is_tensor[:entry.n_first])

        def zero(a):
            return jnp.zeros_like(a) if _is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0)

        if sens_vals is None:
            return [jnp.ones_like(a) if _is_float(a.dtype) and k < n_diff else zero(a)
                    for k, a in enumerate(arrays)]
        out_def = entry.out_cmp_def
        if sens_def != out_def:
            raise entry.sem.sens_structure_error(f"For '{self.op_name}', the structure of 'sens' ({sens_def}) should be the same "
                               f"as the output of the network ({out_def}): the given sens gradient's size "
                               f"should be same as out of network.")
        cts, k = [], -1
        for leaf_is_tensor, s, scalar in zip(is_tensor, sens_vals, sens_scalar):
            if not leaf_is_tensor:
                continue
            k += 1
            a = arrays[k]
            if k in cast_dtypes:
                a = jax.ShapeDtypeStruct(a.shape, cast_dtypes[k])
            if scalar:
                if a.ndim != 0:
                    raise entry.sem.sens_structure_error(f"For '{self.op_name}', a Python scalar 'sens' needs a 0-d output, but "
                                       f"the output has shape {list(a.shape)}: grad tensor should be broadcast "
                                       f"to expected shape.")
                s = s.astype(a.dtype)
            if tuple(np.shape(s)) != tuple(a.shape):
                raise ValueError(f"For '{self.op_name}', the shape of 'sens' should be {list(a.shape)} "
                                 f"(the shape of the output), but got {list(np.shape(s))}.")
            if s.dtype != a.dtype:
                raise entry.sem.sens_dtype_error(f"For '{self.op_name}', the dtype of 'sens' should be "
                                f"{mstype.from_numpy(a.dtype)}, but got {mstype.from_numpy(s.dtype)}.")
            if k in cast_dtypes:
                s = s.astype(arrays[k].dtype)
                a = arrays[k]
            cts.append(s if _is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0))
        return cts + [zero(a) for a in arrays[len(cts):]]


def _restore_ints(arrays: list, entry: _Entry, int_values: tuple) -> list:
    """Put the integer outputs of float -> integer Casts back in place of their float sources."""
    arrays = list(arrays)
    for (k, _), v in zip(entry.casts, int_values):
        arrays[k] = v
    return arrays


def _same_meta(entry: _Entry, meta: tuple) -> bool:
    out_def, is_tensor, consts, _, written, used, casts, _ = meta
    try:
        same_consts = bool(entry.out_consts == consts)
    except Exception:  # noqa: BLE001 - constants that do not compare (arrays): assume they differ
        same_consts = False
    return (same_consts and entry.out_def == out_def and entry.out_is_tensor == is_tensor
            and [id(p) for p in entry.written] == [id(p) for p in written]
            and [id(p) for p in entry.used] == [id(p) for p in used] and entry.casts == casts)


def _lists_to_tuples(x):
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return tuple(_lists_to_tuples(i) for i in x)
    return x
