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
"""

from __future__ import annotations

import threading
from typing import Any, Callable, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from . import binding, cache
from .calls import Split, flatten, output_leaves, rebuild, rebuild_output, split_call
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


class _Entry:
    """One compiled (or eager) gradient function for one call signature."""

    __slots__ = ("mode", "run", "jitted", "out_def", "out_cmp_def", "out_is_tensor", "out_consts", "written", "used",
                 "casts", "lock")

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.run = None
        self.jitted = None
        self.out_def = self.out_cmp_def = self.out_is_tensor = self.out_consts = None
        self.written: list = []
        self.used: list = []
        self.casts: list = []
        self.lock = threading.RLock()


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


class GradCore:
    """Differentiates `fn` with respect to chosen inputs and Parameters.

    `positions`: "all", "first", or a tuple of argument positions.
    `weights`: the Parameters whose gradients are wanted, or None with
    `auto_weights` for "every trainable Parameter the forward pass uses".
    """

    def __init__(self, fn: Callable, positions, weights: tuple | None, auto_weights: bool,
                 sens_param: bool, op_name: str = "GradOperation") -> None:
        self.fn = fn
        self.positions = positions
        self.weights = tuple(weights) if weights is not None else ()
        self.auto_weights = auto_weights
        self.sens_param = sens_param
        self.op_name = op_name
        self._entries = cache.LRU(64)
        self._lock = threading.Lock()
        self._plan_version = 0
        self._int_as_float = True
        self._discovered: dict[int, Parameter] = {}
        self._aval_keyed = auto_weights
        self._positions_cache: dict = {}
        self._init_params()

    # ---- which Parameters are bound ---------------------------------------------
    def _init_params(self) -> None:
        self._plan_source_version = cache.version()
        self._plan_version += 1
        unique: dict[int, Parameter] = {}
        for w in self.weights:
            if isinstance(w, Parameter):
                unique.setdefault(id(w), w)
        candidates = []
        owned = []
        from ..nn.cell import Cell
        if isinstance(self.fn, Cell):
            owned = list(self.fn.get_parameters())
            if self.auto_weights:
                candidates = [p for p in owned if p.requires_grad]
        for p in candidates:
            unique.setdefault(id(p), p)
        self._diff = [p for p in unique.values() if p.requires_grad]
        diff_ids = {id(p) for p in self._diff}
        self._state = []
        seen = set(diff_ids)
        for p in list(unique.values()) + owned:
            if id(p) not in seen:
                seen.add(id(p))
                self._state.append(p)
        self._add(self._discovered)

    def _discover(self, params: dict) -> None:
        with self._lock:
            self._discovered.update(params)
            self._add(params)
            self._plan_version += 1

    def _add(self, params: dict) -> None:
        known = {id(p) for p in self._diff} | {id(p) for p in self._state}
        for key, p in params.items():
            if key not in known:
                (self._diff if self.auto_weights and p.requires_grad else self._state).append(p)

    # ---- one call --------------------------------------------------------------------
    def __call__(self, args: tuple, kwargs: dict, sens=None, want_value: bool = False) -> Outcome:
        split = split_call(args, kwargs)
        diff_inputs = self._diff_input_indices(split)
        sens = self._sens_leaves(sens)
        while True:
            if self._plan_source_version != cache.version():
                self._init_params()
            # Integer/bool inputs are differentiated as floats, unless that failed once.
            traced = tuple(i for i in diff_inputs if self._int_as_float or _is_float(split.inputs[i]._arr.dtype))
            key = self._key(split, diff_inputs, traced, sens)
            entry = self._entries.get(key) if key is not None else None
            if entry is None:
                entry = _Entry("compile" if key is not None else "eager")
                if key is not None:
                    self._entries.put(key, entry)
            try:
                return self._run(entry, split, diff_inputs, traced, sens, want_value)
            except _Rediscover as e:
                self._discover(e.params)
            except _CONCRETIZATION_ERRORS:
                if entry.mode == "eager":
                    raise
                entry.mode = "eager"
            except (TypeError, ValueError, IndexError) as e:
                if not self._int_as_float or not any(not _is_float(split.inputs[i]._arr.dtype)
                                                     for i in diff_inputs):
                    raise
                # An integer input used as an integer (an index, a shape): keep it an integer;
                # its gradient is then zero.
                self._int_as_float = False
                del e

    def _diff_input_indices(self, split: Split) -> tuple:
        if split.key is not None:
            hit = self._positions_cache.get(split.key)
            if hit is None:
                hit = self._positions_cache[split.key] = self._pick_inputs(split)
            return hit
        return self._pick_inputs(split)

    def _pick_inputs(self, split: Split) -> tuple:
        slots = split.slots
        if self.positions == "all":
            picks = range(len(slots))
        elif self.positions == "first":
            picks = range(min(1, split.n_positional))
        elif self.positions is None:
            picks = ()
        else:
            for pos in self.positions:
                if pos >= split.n_positional:
                    raise RuntimeError(f"Position index {pos} is exceed input size.")
            picks = self.positions
        out = []
        for i in picks:
            idx = slots[i].input_index
            if idx >= 0 and idx not in out:
                out.append(idx)
        return tuple(out)

    @staticmethod
    def _sens_leaves(sens) -> tuple:
        """(arrays, treedef, which leaves were Python scalars) of a user's `sens`."""
        if sens is None:
            return None, None, None
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
                raise TypeError(f"For 'GradOperation', the 'sens' should be a Tensor or a tuple of Tensors "
                                f"matching the output, but got {type(leaf).__name__}.")
        return arrays, treedef, tuple(scalar)

    def _key(self, split, diff_inputs, traced, sens):
        """The cache key: everything the traced function bakes in. Shapes and dtypes are left to
        `jax.jit`'s own cache unless the output's structure was seen to depend on them."""
        if split.key is None:
            return None
        avals = None
        if self._aval_keyed:
            avals = tuple((a.shape, a.dtype) for a in [t._arr for t in split.inputs] + list(split.dynamic))
        return (split.key, avals, diff_inputs, traced, sens[1], sens[2], cache.version(), self._plan_version,
                tuple(getattr(p, "requires_grad", False) for p in self.weights))

    # ---- running one entry -----------------------------------------------------------
    def _run(self, entry: _Entry, split, diff_inputs, traced, sens, want_value) -> Outcome:
        diff_params, state_params = list(self._diff), list(self._state)
        in_vals = [t._arr for t in split.inputs]
        n_inputs = len(in_vals)
        other = [i for i in range(n_inputs) if i not in traced]
        traced_vals = [in_vals[i] if _is_float(in_vals[i].dtype) else in_vals[i].astype(_diff_dtype(in_vals[i].dtype))
                       for i in traced]
        other_vals = [in_vals[i] for i in other]
        sens_vals, sens_def, sens_scalar = sens
        if entry.run is None:
            entry.run = self._make_run(entry, split._replace(inputs=(), dynamic=()), diff_params, state_params,
                                       traced, other, n_inputs, sens_def, sens_scalar)
        run = entry.run

        diff_vals = [p._arr for p in diff_params]
        state_vals = [p._arr for p in state_params]
        with entry.lock:
            if entry.mode == "compile":
                if entry.jitted is None:
                    entry.jitted = jax.jit(run)
                results = entry.jitted(diff_vals, state_vals, traced_vals, other_vals, split.dynamic, sens_vals)
            else:
                results = run(diff_vals, state_vals, traced_vals, other_vals, split.dynamic, sens_vals)
            arrays, g_params, g_inputs, writes = results
            written, used = entry.written, entry.used
            out_def, out_is_tensor, out_consts = entry.out_def, entry.out_is_tensor, entry.out_consts
        for p, v in zip(written, writes):
            binding.write(p, v)

        input_grads: list = [None] * n_inputs
        for i in diff_inputs:
            src = in_vals[i]
            if i in traced:
                g = g_inputs[traced.index(i)]
                if g.dtype != src.dtype:
                    g = (g != 0) if src.dtype == np.bool_ else g.astype(src.dtype)
            else:
                g = jnp.zeros_like(src)
            input_grads[i] = wrap(g)
        by_id = {id(p): g for p, g in zip(diff_params, g_params)}
        if self.auto_weights:
            used_ids = {id(p) for p in used}
            weights = [p for p in diff_params if id(p) in used_ids]
        else:
            weights = list(self.weights)
        param_grads = []
        for w in weights:
            g = by_id.get(id(w))
            param_grads.append(wrap(g if g is not None else jnp.zeros_like(w._arr)))
        value = rebuild_output(out_def, out_is_tensor, arrays, out_consts) if want_value else None
        return Outcome(split, value, input_grads, param_grads, weights)

    def _make_run(self, entry: _Entry, layout: Split, diff_params: list, state_params: list, traced: tuple,
                  other: list, n_inputs: int, sens_def, sens_scalar) -> Callable:
        """The pure function of one entry. It is compiled and kept, so it closes over static facts
        only (the call's layout, which Parameters are bound), never over values."""

        def run(diff_vals, state_vals, traced_vals, other_vals, dynamic, sens_vals):
            strict = entry.mode == "compile"
            if strict:
                cache.count_trace()

            def forward(diff_vals, traced_vals):
                bound = {id(p): v for p, v in zip(diff_params, diff_vals)}
                bound.update((id(p), v) for p, v in zip(state_params, state_vals))
                values = [None] * n_inputs
                for i, v in zip(traced, traced_vals):
                    values[i] = v
                for i, v in zip(other, other_vals):
                    values[i] = v
                with binding.bind(bound, strict) as frame:
                    args, kwargs = rebuild(layout, values, dynamic)
                    out = self.fn(*args, **kwargs)
                if frame.free and (strict or self.auto_weights):
                    raise _Rediscover(dict(frame.free))
                arrays, out_def, is_tensor, consts = output_leaves(out)
                # Integer outputs made by a Cast of a float: differentiate the float they came from.
                casts = [(k, frame.casts[id(a)][1]) for k, a in enumerate(arrays) if id(a) in frame.casts]
                casts_meta = [(k, arrays[k].dtype) for k, _ in casts]
                int_values = tuple(arrays[k] for k, _ in casts)
                arrays = list(arrays)
                for k, source in casts:
                    arrays[k] = source
                if out_def == _EMPTY_TUPLE_DEF:
                    raise RuntimeError(f"For '{self.op_name}', the output of the network is an empty tuple: "
                                       f"Get empty value seq.")
                meta = (out_def, is_tensor, consts, flatten(_lists_to_tuples(out))[1],
                        [p for p, _ in frame.writes.values()], list(frame.reads.values()), casts_meta)
                if strict and entry.out_def is not None and not _same_meta(entry, meta):
                    self._aval_keyed = True  # the structure depends on shapes: key on them from now on
                (entry.out_def, entry.out_is_tensor, entry.out_consts, entry.out_cmp_def, entry.written,
                 entry.used, entry.casts) = meta
                writes = tuple(jax.lax.stop_gradient(v) for _, v in frame.writes.values())
                return arrays, (writes, int_values)

            arrays, vjp_fn, (writes, int_values) = jax.vjp(forward, diff_vals, traced_vals, has_aux=True)
            cts = self._cotangents(arrays, entry, sens_vals, sens_def, sens_scalar)
            g_params, g_inputs = vjp_fn(cts)
            arrays = list(arrays)
            for (k, _), v in zip(entry.casts, int_values):
                arrays[k] = v
            return arrays, g_params, g_inputs, writes

        return run

    # ---- cotangents ------------------------------------------------------------------
    def _cotangents(self, arrays: list, entry: _Entry, sens_vals, sens_def, sens_scalar) -> list:
        """Ones on every floating output (MindSpore's default sens), or the checked `sens`."""
        cast_dtypes = dict(entry.casts)
        if sens_vals is None:
            return [jnp.ones_like(a) if _is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0)
                    for a in arrays]
        out_def = entry.out_cmp_def
        if sens_def != out_def:
            raise RuntimeError(f"For '{self.op_name}', the structure of 'sens' ({sens_def}) should be the same "
                               f"as the output of the network ({out_def}): the given sens gradient's size "
                               f"should be same as out of network.")
        cts, k = [], -1
        for is_tensor, s, scalar in zip(entry.out_is_tensor, sens_vals, sens_scalar):
            if not is_tensor:
                continue
            k += 1
            a = arrays[k]
            if k in cast_dtypes:
                a = jax.ShapeDtypeStruct(a.shape, cast_dtypes[k])
            if scalar:
                if a.ndim != 0:
                    raise RuntimeError(f"For '{self.op_name}', a Python scalar 'sens' needs a 0-d output, but "
                                       f"the output has shape {list(a.shape)}: grad tensor should be broadcast "
                                       f"to expected shape.")
                s = s.astype(a.dtype)
            if tuple(np.shape(s)) != tuple(a.shape):
                raise ValueError(f"For '{self.op_name}', the shape of 'sens' should be {list(a.shape)} "
                                 f"(the shape of the output), but got {list(np.shape(s))}.")
            if s.dtype != a.dtype:
                raise TypeError(f"For '{self.op_name}', the dtype of 'sens' should be "
                                f"{mstype.from_numpy(a.dtype)}, but got {mstype.from_numpy(s.dtype)}.")
            if k in cast_dtypes:
                s = s.astype(arrays[k].dtype)
                a = arrays[k]
            cts.append(s if _is_float(a.dtype) else np.zeros(a.shape, jax.dtypes.float0))
        return cts


def _same_meta(entry: _Entry, meta: tuple) -> bool:
    out_def, is_tensor, consts, _, written, used, casts = meta
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
