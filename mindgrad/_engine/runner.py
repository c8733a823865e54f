"""`CallRunner`: runs the calls of one function through the engine.

Every MindSpore gradient API (GradOperation, grad, value_and_grad, vjp, jvp, a training step's
gradients) and every compiled plain call (a Cell's `__call__`, `ms.jit`) is a `CallRunner` with
other choices of what to differentiate and how to shape the result. One call, in five steps
(`CallRunner._run`; `mindgrad/_engine/README.md` follows one call as data):

1. the steady call: a repeat of the last call that completed compiled runs its compiled function
   directly (`steady.SteadyCall`);
2. split the call (`calls.split_call`): top-level Tensors are differentiable inputs, nested ones
   are used but not differentiated, the rest is static; pick the inputs to differentiate;
3. resolve it: the plan of bound Parameters (`plan.Plans`), the cache key, and the entry
   (`entry.Entry`) holding the pure forward function and its compiled form;
4. run the kind of call (`kinds.RUNS`): `jax.vjp`, `jax.jvp` or the forward as it is, compiled
   under `jax.jit` when the function traces cleanly; writes to Parameters applied after;
5. keep the steady call for the next one.

A function that needs concrete values (Python control flow on a Tensor, `print`, `asnumpy`) or
changes Cell attributes fails its strict trace and runs eagerly instead, every call, as PyNative
does; a trace that touched Parameters it did not bind binds them and retraces.
"""

from __future__ import annotations

import enum
from typing import Any, Callable

import jax

from .. import _state, context
from . import cache, modes, parallel
from .calls import Split, split_call
from .entry import Entry, Mode, Rediscover, Target, write_inputs
from .kinds import RUNS, Kind, Linearized, Outcome
from .plan import Plans
from .sens import NO_SENS, Sens, is_float, sens_leaves
from .steady import MISS, Resolved, SteadyCall

_THREAD = _state._thread

_CONCRETIZATION_ERRORS = (jax.errors.ConcretizationTypeError, jax.errors.TracerArrayConversionError,
                          jax.errors.TracerIntegerConversionError, _state.EagerRequired)


class Inputs(enum.Enum):
    """Which arguments a gradient is taken for, besides explicit positions (a tuple of ints)."""
    ALL = "all"        # every Tensor argument (get_all, vjp, jvp)
    FIRST = "first"    # the first positional argument (GradOperation's default)
    NONE = "none"      # none: Parameters only, or a plain call


# (module constants: reading an Enum member off its class costs a Python call in Python 3.11)
_GRAD, _GRAD_ONLY, _CALL = Kind.GRAD, Kind.GRAD_ONLY, Kind.CALL
_COMPILE, _ONCE, _EAGER = Mode.COMPILE, Mode.ONCE, Mode.EAGER


class CallRunner:
    """Runs calls of `fn`: gradients w.r.t. chosen inputs and Parameters, or plain compiled calls.

    `inputs`: an `Inputs`, or a tuple of argument positions. `weights`: the Parameters whose
    gradients are wanted, or none with `auto_weights` for "every trainable Parameter the forward
    pass uses". `plain`: what runs a call in plain Python where it cannot compile (a Cell's
    `construct`; `fn` by default). `second_chance`: a call whose first trace needs Python runs
    plainly once, then is traced again (a Cell that initialises itself lazily, in PyNative).
    """

    def __init__(self, fn: Callable, *, op_name: str, inputs: Inputs | tuple = Inputs.NONE, weights: tuple = (),
                 auto_weights: bool = False, has_aux: bool = False, plain: Callable | None = None,
                 second_chance: bool = False) -> None:
        self.fn = fn
        self.target = Target(fn, op_name, tuple(weights), auto_weights, has_aux)
        self.inputs = inputs
        self.plain = plain if plain is not None else fn
        self.second_chance = second_chance
        self._plans = Plans(self.target.weights, auto_weights)
        self._entries = cache.LRU(64)
        self._int_as_float = True
        self._aval_keyed = auto_weights
        self._inputs_cache: dict = {}
        self._steady: SteadyCall | None = None

    # ---- the kinds of call ---------------------------------------------------------------------
    def __call__(self, args: tuple, kwargs: dict, sens=None, want_value: bool = False) -> Outcome:
        """Gradients (and optionally the value) of one call of `fn`."""
        # Gradients without the value compile to a program that leaves the forward output out.
        return self._run(_GRAD if want_value else _GRAD_ONLY, args, kwargs,
                         sens_leaves(sens, self.target.op_name), want_value)

    def linearize(self, args: tuple, kwargs: dict) -> Linearized:
        """The value of one call and a function from output cotangents to gradients (`ops.vjp`)."""
        return self._run(Kind.VJP, args, kwargs, NO_SENS, True)

    def call(self, args: tuple, kwargs: dict) -> Any:
        """One call of `fn`, compiled with its Parameters as explicit inputs (`ms.jit`, GRAPH_MODE,
        and PyNative Cells that trace cleanly); Parameter writes applied after."""
        return self._run(_CALL, args, kwargs, NO_SENS, True)

    def jvp(self, args: tuple, kwargs: dict, tangents: list) -> tuple:
        """(value nest, tangent nest) of one call, for tangents of the differentiated inputs."""
        return self._run(Kind.JVP, args, kwargs, Sens(tangents, None, None), True)

    def steady_grad_operation(self, args: tuple, shape: tuple) -> Any:
        """GradOperation's result (`shape` = (get_all, get_by_list, single weight)) of a call without sens,
        keywords or value that may run steadily, or `MISS` where it needs `__call__` (GradOperation's shortcut
        past the general path's layers)."""
        s = self._steady
        if s is None or _THREAD.no_grad:  # (under no_grad the general path raises MindSpore's error)
            return MISS
        try:
            return (s.by_shape.get(shape) or s.shaped(shape))(_GRAD_ONLY, args, NO_SENS, False)
        except (Rediscover,) + _CONCRETIZATION_ERRORS:
            return MISS  # a retrace (new shapes) that needs the general path

    def steady_call(self, args: tuple) -> Any:
        """The result of a plain call without keywords that may run steadily, or `MISS` where it
        needs `call` (the shortcut of a Cell's and an `ms.jit` function's `__call__`)."""
        return self._try_steady(_CALL, args, NO_SENS, True)

    def drop_steady(self) -> None:
        """Forget the steady call (it found its compiled function retraced for new shapes)."""
        self._steady = None

    # ---- one call, in five steps ---------------------------------------------------------------
    def _run(self, kind: Kind, args: tuple, kwargs: dict, sens: Sens, want_value: bool):
        if kind is not _CALL:
            _state.check_grad_allowed()
        # 1. the steady call
        if not kwargs:
            result = self._try_steady(kind, args, sens, want_value)
            if result is not MISS:
                return result
        sem = modes.current()
        self._steady = None  # set again only where this call completes compiled
        # 2. split the call
        split = split_call(args, kwargs, sem.merge_aliases, sem.mutable_inputs)
        diff_inputs = self._diff_input_indices(split, sem)
        while True:
            # 3. resolve it to an entry
            call = self._resolve(kind, sem, sens, split, diff_inputs)
            entry = call.entry
            try:
                if kind is _CALL and entry.mode is not _COMPILE:
                    if entry.mode is _ONCE:
                        entry.mode = _COMPILE
                    # Plain Python: a call that must run eagerly (this once, or every time).
                    return self.plain(*args, **kwargs)
                # 4. run the kind of call
                write_inputs(None)  # (forget what a failed call kept)
                result = RUNS[kind](self.target, entry, call.plan, split, diff_inputs, call.traced, sens, want_value)
                write_inputs(split.inputs)
                # 5. keep the steady call (not for a call that writes its inputs in place)
                if not kwargs and not entry.trace.inputs_written:
                    self._steady = SteadyCall.of(call, args, self.target, self._aval_keyed, self)
                return result
            except Rediscover as e:
                self._plans.discover(call.plan, e.params)
            except _CONCRETIZATION_ERRORS:
                if entry.mode is _EAGER:
                    raise
                if parallel.active() and jax.process_count() > 1:
                    raise RuntimeError(f"For '{self.target.op_name}', a data-parallel step over several processes "
                                       f"must compile, but it needs Python values of Tensors (see README, 'When "
                                       f"mindgrad compiles').") from None
                # A Cell that initialises itself lazily (sets attributes, makes Parameters) on its first
                # call runs plainly that once and is traced again on the next; eager from a second failure.
                entry.mode = _ONCE if self.second_chance and kind is _CALL and not entry.retried else _EAGER
                entry.retried = True
            except (TypeError, ValueError, IndexError, RuntimeError):  # an op refusing a float in place of an int
                if not self._int_as_float or len(call.traced) == len([i for i in diff_inputs
                                                                       if is_float(split.inputs[i]._arr.dtype)]):
                    raise
                # An integer input used as an integer (an index, a shape): keep it an integer;
                # its gradient is then zero.
                self._int_as_float = False

    def _try_steady(self, kind: Kind, args: tuple, sens: Sens, want_value: bool):
        """The result of a call that may run steadily, or `MISS` where it needs the general path."""
        s = self._steady
        if s is None:
            return MISS
        try:
            return s.attempt(kind, args, sens, want_value)
        except (Rediscover,) + _CONCRETIZATION_ERRORS:
            return MISS  # a retrace (new shapes) that needs the general path

    def _resolve(self, kind: Kind, sem, sens: Sens, split: Split, diff_inputs: tuple) -> Resolved:
        """The plan, the inputs traced, and the entry of this call (a new one for a new key)."""
        plan = self._plans.get(sem)
        # Integer/bool inputs are differentiated as floats, unless that failed once.
        traced = tuple(i for i in diff_inputs if self._int_as_float or is_float(split.inputs[i]._arr.dtype))
        key = self._key(kind, split, diff_inputs, traced, sens, sem, plan)
        entry = self._entries.get(key) if key is not None else None
        if entry is None:
            entry = Entry(self._first_mode() if key is not None else _EAGER, sem, self._key_on_shapes)
            if key is not None:
                self._entries.put(key, entry)
        return Resolved(kind, sem, sens, plan, entry, split, diff_inputs, traced)

    def _key(self, kind: Kind, split: Split, diff_inputs, traced, sens: Sens, sem, plan):
        """The entry's cache key: everything the traced function bakes in. Shapes and dtypes are left
        to `jax.jit`'s own cache unless the output's structure was seen to depend on them."""
        if split.key is None:
            return None
        avals = None
        if self._aval_keyed:
            avals = tuple((a.shape, a.dtype) for a in [t._arr for t in split.inputs] + list(split.dynamic))
        # (A change of `requires_grad` bumps `_state.version()`.)
        return (kind, sem.name, split.key, avals, diff_inputs, traced, sens[1], sens[2], _state.version(),
                plan.version)

    def _key_on_shapes(self) -> None:
        """A trace found the output's structure depends on shapes: key on them from now on."""
        self._aval_keyed = True

    def _first_mode(self) -> Mode:
        """How a new call signature starts: compiled, or eager throughout when compiling is switched off."""
        if parallel.active():
            return _COMPILE  # a data-parallel step is one program over all devices
        return _COMPILE if context.compiling_allowed() else _EAGER

    # ---- which inputs are differentiated -------------------------------------------------------
    def _diff_input_indices(self, split: Split, sem) -> tuple:
        if split.key is not None:
            hit = self._inputs_cache.get((split.key, sem.name))
            if hit is None:
                hit = self._inputs_cache[(split.key, sem.name)] = self._pick_inputs(split, sem)
            return hit
        return self._pick_inputs(split, sem)

    def _pick_inputs(self, split: Split, sem) -> tuple:
        slots = split.slots
        if self.inputs is Inputs.ALL:
            picks = range(len(slots))
        elif self.inputs is Inputs.FIRST:
            picks = range(min(1, split.n_positional))
        elif self.inputs is Inputs.NONE:
            picks = ()
        else:
            for pos in self.inputs:
                if pos >= len(slots):  # positions count keyword arguments too, in call order
                    raise sem.position_error(f"Position index {pos} is exceed input size.")
            picks = self.inputs
        out = []
        for i in picks:
            for idx in slots[i].indices():
                if idx not in out:
                    out.append(idx)
        return tuple(out)


