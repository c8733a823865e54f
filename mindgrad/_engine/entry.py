"""The compiled entry: one pure function of one call signature, traced, jitted once and kept.

An `Entry` holds, for one cache key (see `runner.CallRunner._key`), the pure forward function of
the user's function (`make_forward`), the `jax.jit` of what a kind of call computes from it
(`execute`), and what the latest trace found about the output and the Parameters (`TraceMeta`,
which the forward returns next to its arrays: JAX sees the arrays only).
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple

import jax
import numpy as np

from .. import _state
from . import cache, parallel
from ..common.parameter import Parameter
from .calls import (OutputLayout, Split, flatten, lists_to_tuples, output_leaves, parameter_inputs,
                    parameters_as_values, rebuild)
from .sens import is_float

_EMPTY_TUPLE_DEF = jax.tree_util.tree_structure(())


class Mode(enum.Enum):
    """How an entry runs."""
    COMPILE = "compile"   # traced strictly, run under `jax.jit`
    ONCE = "once"         # a Cell's first call that needed Python: plain Python this once, then COMPILE
    EAGER = "eager"       # plain JAX every call (needs Python values, or compiling is switched off)


class Rediscover(Exception):
    """A compiled trace touched Parameters it did not bind: bind them and retrace."""

    def __init__(self, params: dict) -> None:
        super().__init__("rediscover")
        self.params = params


@dataclass(frozen=True)
class Target:
    """The user's function and what a call of it reports on."""
    fn: Callable
    op_name: str               # the name in error messages ("GradOperation", a Cell's class name, ...)
    weights: tuple = ()        # the Parameters whose gradients are wanted
    auto_weights: bool = False  # ... or every trainable Parameter the forward pass uses
    has_aux: bool = False      # only the first output is differentiated


class TraceMeta(NamedTuple):
    """What one trace of the forward function found: static facts, not values."""
    output: OutputLayout       # where the output arrays go back
    sens_def: Any              # the structure `sens` must have: the output's (its first item's with has_aux)
    written: tuple             # the Parameters the call wrote, in write order
    used: tuple                # the Parameters the call read, in read order
    casts: tuple               # (output index, integer dtype) of outputs made by a float -> integer Cast
    n_first: int | None        # with has_aux: how many output leaves the first output has
    inputs_written: tuple = ()  # the `InputWrite`s of the input Tensors the call wrote in place (in `written` too)

    def same_as(self, other: TraceMeta) -> bool:
        """Whether two traces found the same structure (else it depends on shapes)."""
        try:
            same_consts = bool(self.output.consts == other.output.consts)
        except Exception:  # noqa: BLE001 - constants that do not compare (arrays): assume they differ
            same_consts = False
        return (same_consts and self.output.treedef == other.output.treedef
                and self.output.is_tensor == other.output.is_tensor
                and [id(p) for p in self.written] == [id(p) for p in other.written]
                and self.inputs_written == other.inputs_written
                and [id(p) for p in self.used] == [id(p) for p in other.used] and self.casts == other.casts)


class Entry:
    """One compiled (or eager) function for one call signature."""

    __slots__ = ("mode", "sem", "forward", "jitted", "flat", "last_flat", "donating", "other_written", "trace",
                 "written", "output", "lock", "retried", "_on_new_structure")

    def __init__(self, mode: Mode, sem, on_new_structure: Callable[[], None]) -> None:
        self.mode = mode
        self.sem = sem
        self.forward = None        # (diff vals, traced vals, rest) -> ((arrays, (writes, int values)), TraceMeta)
        self.jitted = None         # the compiled function of a VJP call (`kinds.run_vjp`)
        self.flat: dict = {}       # the compiled function of other kinds of call, per structure of the arguments
        self.last_flat = None      # the FlatCall of the latest call (a steady call's)
        self.donating = None       # the compiled call that donates its Parameters' buffers
        self.other_written: list = []   # written Parameters it does not bind (passed as arguments)
        self.trace: TraceMeta | None = None
        self.written: tuple = ()   # = trace.written, and `output` = trace.output.rebuild: read on every call
        self.output: Callable = None
        self.lock = threading.RLock()
        self.retried = False        # a failed trace already had its second chance
        self._on_new_structure = on_new_structure

    def run_forward(self, diff_vals, traced_vals, rest):
        """The entry's pure function as JAX calls it: `forward` without its `TraceMeta`, which is kept
        as `trace` (with `written` and `output`, read on every call)."""
        out, trace = self.forward(diff_vals, traced_vals, rest)
        if self.mode is Mode.COMPILE and self.trace is not None and not trace.same_as(self.trace):
            self._on_new_structure()  # the output's structure depends on shapes
        self.trace, self.written, self.output = trace, trace.written, trace.output.rebuild
        return out


def diff_dtype(dt) -> np.dtype:
    """The dtype an integer/bool input is differentiated in."""
    if is_float(dt):
        return dt
    return np.dtype(np.float64) if np.dtype(dt).itemsize >= 8 else np.dtype(np.float32)


class AsFloat:
    """An integer/bool input or Parameter, differentiated as a float: JAX differentiates floats only,
    while MindSpore gives such a value a gradient of its own dtype (the float one, cast). The
    original `dtype` is the pytree's static part, so a compiled call retraces for another integer
    dtype, and the gradient JAX returns for it is an `AsFloat` that knows the dtype to cast to."""

    __slots__ = ("value", "dtype")

    def __init__(self, value, dtype) -> None:
        self.value, self.dtype = value, dtype

    @staticmethod
    def of(value):
        """`value`, or an `AsFloat` of it where it is not a float."""
        return value if is_float(value.dtype) else AsFloat(value.astype(diff_dtype(value.dtype)), value.dtype)

    def cast(self):
        """The float value (a gradient) in the original dtype: nonzero for bool, else truncated."""
        return self.value != 0 if self.dtype == np.bool_ else self.value.astype(self.dtype)


jax.tree_util.register_pytree_node(AsFloat, lambda a: ((a.value,), a.dtype), lambda dt, ch: AsFloat(ch[0], dt))


def _floats(vals) -> tuple[list, list | None]:
    """The values as the forward uses them (floats), and their original-dtype specs where any was an
    `AsFloat` (else None)."""
    if not any(type(v) is AsFloat for v in vals):
        return vals, None
    return ([v.value if type(v) is AsFloat else v for v in vals],
            [jax.ShapeDtypeStruct(v.value.shape, v.dtype) if type(v) is AsFloat else v for v in vals])


class Prepared(NamedTuple):
    """The values of one call, laid out as the entry's forward takes them."""
    diff_params: list
    diff_vals: list
    traced_vals: list
    rest: tuple                # (state values, other input values, dynamic values)
    in_vals: list              # every input's array


def prepare(entry: Entry, target: Target, plan, split: Split, traced: tuple) -> Prepared:
    """Values for one call; makes the entry's forward on its first call."""
    diff_params, state_params = list(plan.diff), list(plan.state)
    in_vals = [t._arr for t in split.inputs]
    n_inputs = len(in_vals)
    other = [i for i in range(n_inputs) if i not in traced]
    if entry.forward is None:
        entry.forward = make_forward(entry, target, split._replace(inputs=(), dynamic=()), diff_params,
                                     state_params, traced, other, n_inputs, parameter_inputs(split))
    dynamic = split.dynamic
    top = _state.current() is None
    if parallel.active() and top:
        # Data parallel: Parameters replicated, local data split over the devices.
        parallel.place_parameters(diff_params + state_params)
        in_vals = [parallel.batch(v) for v in in_vals]
        dynamic = [parallel.batch(v) for v in dynamic]
    traced_vals = [AsFloat.of(in_vals[i]) for i in traced]
    if top:  # no transform binds Parameters: their stored values, without a lookup each
        state_vals, diff_vals = [p._value for p in state_params], [AsFloat.of(p._value) for p in diff_params]
    else:
        state_vals, diff_vals = [p._arr for p in state_params], [AsFloat.of(p._arr) for p in diff_params]
    return Prepared(diff_params, diff_vals, traced_vals, (state_vals, [in_vals[i] for i in other], dynamic),
                    in_vals)


def make_forward(entry: Entry, target: Target, layout: Split, diff_params: list, state_params: list,
                 traced: tuple, other: list, n_inputs: int, param_inputs: list) -> Callable:
    """The pure function of one entry: (diff params, traced inputs, rest) -> ((output arrays,
    (Parameter and input writes, integer outputs)), TraceMeta). It is compiled and kept, so it closes over
    static facts only (the call's layout, which Parameters are bound), never over values."""
    fn, op_name, has_aux = target.fn, target.op_name, target.has_aux

    def call(diff_vals, traced_vals, rest):
        state_vals, other_vals, dynamic = rest
        strict = entry.mode is Mode.COMPILE
        bound = {id(p): v for p, v in zip(diff_params, diff_vals, strict=True)}
        bound.update((id(p), v) for p, v in zip(state_params, state_vals, strict=True))
        values = [None] * n_inputs
        for i, v in zip(traced, traced_vals, strict=True):
            values[i] = v
        for i, v in zip(other, other_vals, strict=True):
            values[i] = v
        params = dict(param_inputs)
        bound.update((id(p), values[i]) for i, p in param_inputs)
        with _state.bind(bound, strict) as frame:
            args, kwargs = rebuild(layout, values, dynamic, params)
            tensors = [(slot.input_index, t) for slot, t in zip(layout.slots, args + tuple(kwargs.values()),
                                                                    strict=True)
                       if slot.input_index >= 0 and not isinstance(t, Parameter)]
            out = fn(*args, **kwargs)
            if entry.sem.parameter_output_copied:
                out = parameters_as_values(out)
        # (and the input Tensors the call wrote in place, an in-place method or `__setitem__`: their new arrays)
        return out, frame, {i: t._arr for i, t in tensors if t._arr is not values[i]}

    def int_dtypes(diff_vals, diff_specs, traced_vals, traced_specs, rest) -> list | None:
        """The dtypes of the output leaves where the integer inputs keep their dtypes (None where that
        call fails): an integer-valued output of them keeps its integer dtype, as in MindSpore. Traced
        abstractly, or, where the call needs Python values (an eager entry), run on the values."""
        def leaves(d, t, r):
            return output_leaves(call(d, t, r)[0])[0]

        try:
            if entry.mode is Mode.COMPILE:
                return [a.dtype for a in jax.eval_shape(leaves, diff_specs or diff_vals,
                                                        traced_specs or traced_vals, rest)]
            as_ints = [[jax.lax.stop_gradient(v).astype(s.dtype) for v, s in zip(vals, specs, strict=True)]
                       if specs else vals for vals, specs in ((diff_vals, diff_specs), (traced_vals, traced_specs))]
            return [a.dtype for a in leaves(*as_ints, rest)]
        except Exception:  # noqa: BLE001 - an op that takes floats only: the outputs stay floats
            return None

    def forward(diff_vals, traced_vals, rest):
        diff_vals, diff_specs = _floats(diff_vals)
        traced_vals, traced_specs = _floats(traced_vals)
        out, frame, inputs = call(diff_vals, traced_vals, rest)
        if frame.free and (entry.mode is Mode.COMPILE or target.auto_weights):
            raise Rediscover(dict(frame.free))
        arrays, output = output_leaves(out)
        if output.treedef == _EMPTY_TUPLE_DEF and not entry.sem.empty_output_zeros:
            raise RuntimeError(f"For '{op_name}', the output of the network is an empty tuple: "
                               f"Get empty value seq.")
        # Integer outputs made by a Cast of a float: differentiate the float they came from.
        casts = [(k, frame.casts[id(a)][1]) for k, a in enumerate(arrays) if id(a) in frame.casts]
        int_values = [arrays[k] for k, _ in casts]
        arrays = list(arrays)
        for k, source in casts:
            arrays[k] = source
        if diff_specs is not None or traced_specs is not None:
            # Outputs computed from integer inputs differentiated as floats: their value in their own dtype.
            dtypes = int_dtypes(diff_vals, diff_specs, traced_vals, traced_specs, rest)
            done = {k for k, _ in casts}
            for k, dt in enumerate(dtypes if dtypes is not None and len(dtypes) == len(arrays) else ()):
                if k not in done and not is_float(dt) and is_float(arrays[k].dtype):
                    casts.append((k, arrays[k]))
                    int_values.append(AsFloat(arrays[k], dt).cast())
        int_values = tuple(int_values)
        n_first = None
        if has_aux:
            if not isinstance(out, (tuple, list)) or len(out) < 2:
                raise entry.sem.has_aux_error(f"For '{op_name}', when has_aux is True, origin fn requires more "
                                              f"than one outputs, but got {type(out).__name__} output.")
            n_first = len(flatten(out[0])[0])
        inputs_written = tuple(InputWrite.of(i) for i in inputs)
        trace = TraceMeta(output=output, sens_def=flatten(lists_to_tuples(out[0] if has_aux else out))[1],
                          written=tuple(p for p, _ in frame.writes.values()) + inputs_written,
                          used=tuple(frame.reads.values()),
                          casts=tuple((k, v.dtype) for (k, _), v in zip(casts, int_values, strict=True)),
                          n_first=n_first, inputs_written=inputs_written)
        writes = tuple(jax.lax.stop_gradient(v) for v in [v for _, v in frame.writes.values()]
                       + list(inputs.values()))
        return (arrays, (writes, int_values)), trace

    return forward


def restore_ints(arrays: list, entry: Entry, int_values: tuple) -> list:
    """Put the integer outputs of float -> integer Casts back in place of their float sources."""
    arrays = list(arrays)
    for (k, _), v in zip(entry.trace.casts, int_values, strict=True):
        arrays[k] = v
    return arrays


class FlatCall:
    """An entry's function compiled for one structure of its arguments (`in_tree`): called with the arguments'
    leaves, it returns the leaves of its outputs, whose structure the trace keeps as `out_tree`. JAX's dispatch
    then flattens and rebuilds no nests: a steady call passes arrays and reads its results by position."""

    __slots__ = ("jitted", "in_tree", "out_tree")

    def __init__(self, fn: Callable, in_tree) -> None:
        self.in_tree, self.out_tree = in_tree, None

        def flat(*leaves):
            cache.count_trace()
            out, self.out_tree = jax.tree_util.tree_flatten(fn(*jax.tree_util.tree_unflatten(in_tree, leaves)))
            return out

        self.jitted = jax.jit(flat)

    def unflatten(self, leaves: list):
        return jax.tree_util.tree_unflatten(self.out_tree, leaves)


def execute(entry: Entry, make: Callable, *args):
    """Run `make()`'s function compiled (once per entry and structure of the arguments: `FlatCall`) or eagerly,
    under the entry's lock."""
    with entry.lock:
        if entry.mode is Mode.COMPILE:
            leaves, in_tree = jax.tree_util.tree_flatten(args)
            call = entry.flat.get(in_tree)
            if call is None:
                call = entry.flat[in_tree] = FlatCall(make(), in_tree)
            entry.last_flat = call
            return call.unflatten(call.jitted(*leaves))
        return make()(*args)


class InputWrite:
    """In a trace's `written`: the call wrote its input Tensor `index` (of `Split.inputs`) in place. `apply_writes`
    keeps the value for `write_inputs`, which the runner calls with the call's input Tensors."""

    __slots__ = ("index",)
    _made: dict[int, InputWrite] = {}

    def __init__(self, index: int) -> None:
        self.index = index

    @classmethod
    def of(cls, index: int) -> InputWrite:
        """The one InputWrite of `index` (so traces compare by identity)."""
        return cls._made.setdefault(index, cls(index))


_input_writes = threading.local()


def write_inputs(inputs: list | None) -> None:
    """Write the values `apply_writes` kept for a call's input Tensors into `inputs` (in their dtypes; None:
    forget them)."""
    kept = getattr(_input_writes, "kept", None)
    if kept:
        _input_writes.kept = []
        for index, value in kept if inputs is not None else ():
            inputs[index]._set_array(value.astype(inputs[index]._arr.dtype))


def apply_writes(written, writes: tuple) -> None:
    """Give the Parameters a call wrote their new values (recorded in an enclosing transform's Frame); keep the
    values of the input Tensors it wrote (`InputWrite`) for `write_inputs`."""
    if writes and type(written[-1]) is InputWrite:
        n = sum(type(p) is not InputWrite for p in written)
        _input_writes.kept = [(p.index, v) for p, v in zip(written[n:], writes[n:], strict=True)]
        written, writes = written[:n], writes[:n]
    if writes and _state.current() is None and not isinstance(writes[0], _state.Tracer):
        for p, v in zip(written, writes, strict=True):  # concrete results of one call, stored directly
            p._value = v
            p._owned = False
        return
    for p, v in zip(written, writes, strict=True):
        _state.write(p, v)

