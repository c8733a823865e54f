"""The steady call's per-call function, written out for its arity.

A training loop runs `SteadyCall.attempt` on every step, and the generic form of its work (`map`,
`tuple(...)`, comprehensions over the arguments, the Parameters and the gradients) costs several
microseconds a call in CPython: more than the checks themselves. So, once per steady call, `build`
writes the same work out for that call's fixed layout: one line per argument, per Parameter (up
to `UNROLL`) and per gradient, every constant bound by name, and compiles it, as `dataclasses` and
`namedtuple` build their methods. The function returned is `attempt(kind, args, sens, want_value)`
of `steady.SteadyCall`; `source(steady)` shows the text it runs.
"""

from __future__ import annotations

import functools
import operator
from typing import Any, Callable

import jax

from .. import _state, context
from ..common.tensor import Tensor, wrap
from . import cache, shaping
from .entry import apply_writes
from .kinds import Kind, Outcome

UNROLL = 16  # Parameters written one per line up to this many; `map` over a list beyond
_VALUE = operator.attrgetter("_value")


def _leaves(names: str, count: int) -> list[str]:
    """`DIFF0._value, DIFF1._value, ...` for the Parameters bound as `names` (each also bound as `names` + its index),
    or a starred `map` past UNROLL."""
    if count > UNROLL:
        return [f"*map(_value, {names})"]
    return [f"{names}{k}._value" for k in range(count)]


def _picked(positions: list) -> str:
    """The list of the compiled function's results at `positions`."""
    return "[" + ", ".join(f"r[{k}]" for k in positions) + "]"


def source(s, shape: tuple | None = None) -> str:
    """The text of the steady call `s`'s `attempt`; with `shape` (GradOperation's `(get_all, get_by_list,
    single weight)`), one that returns GradOperation's result instead of the Outcome, for calls of kind
    GRAD_ONLY without sens."""
    if shape is not None and not (s.kind is Kind.GRAD_ONLY and s.sens_def is None and s.sens_scalar is None):
        return "def attempt(kind, args, sens, want_value):\n    return MISS\n"  # (made by a call with sens)
    n = len(s.dtypes)
    a = [f"a{i}" for i in range(n)]
    v = [f"v{i}" for i in range(n)]
    checks = [f"type({x}) is not Tensor" for x in a]
    # (a JAX array's `aval`, read in C, is several times cheaper than its Python `dtype` and `shape` properties;
    # a Tensor may also hold a NumPy array)
    aval = [".aval" if hasattr(at, "aval") else "" for at in s.array_types]
    arrays = [f"type(v{i}) is not AT{i} or v{i}{aval[i]}.dtype is not DT{i}" for i in range(n)]
    if s.shapes is not None:
        arrays += [f"v{i}{aval[i]}.shape != SH{i}" for i in range(n)]
    if n > 1:  # the same Tensor twice: the general path merges or separates them
        checks.append(" or ".join(f"{a[i]} is {a[j]}" for i in range(n) for j in range(i + 1, n)) if n <= 4
                      else f"len(set(map(id, args))) < {n}")
    traced = "[" + ", ".join(v[i] for i in s.traced) + "]"
    other = "[" + ", ".join(v[i] for i in s.other) + "]"
    # The compiled function's arguments as leaves: in the order of (diff values, traced, (state, other, []), sens).
    leaves = (_leaves("DIFF", len(s.diff_params)) + [v[i] for i in s.traced] + _leaves("STATE", len(s.state_params))
              + [v[i] for i in s.other])
    if not s.is_call and s.sens_def is not None:
        leaves.append("*sens[0]")
    call = f"r = JITTED({', '.join(leaves)})"
    made: list[str] = []  # the result Tensors, made inline (a `wrap` call per result costs more than its work)

    def tensor(position: int) -> str:
        made.append(f"    t{len(made)} = _new(Tensor); t{len(made)}._arr = r[{position}]")
        return f"t{len(made) - 1}"

    lines = ["def attempt(kind, args, sens, want_value):"]
    if shape is None:  # (GradOperation's shaped calls are all of kind GRAD_ONLY without sens)
        lines += [f"    if (kind is not KIND or len(args) != {n} or _state._version != VERSION",
                  "            or _context['mode'] != MODE or sens[1] != SENS_DEF or sens[2] != SENS_SCALAR"
                  " or _thread.stack):"]
    else:
        lines.append(f"    if len(args) != {n} or _state._version != VERSION or _context['mode'] != MODE"
                     " or _thread.stack:")
    lines += [
        "        return MISS",
        f"    {', '.join(a)}{',' if n == 1 else ''} = args" if n else "    pass",
    ]
    if checks:
        lines += [f"    if {' or '.join(checks)}:", "        return MISS"]
    lines += [f"    {v[i]} = {a[i]}._arr" for i in range(n)]
    if arrays:
        lines += [f"    if {' or '.join(arrays)}:", "        return MISS  # (a Tensor around a tracer, a new dtype)"]
    if s.is_call and s.donating:
        lines.append(f"    return steady.donating_call({traced}, {other}, [{', '.join(v)}])")
    elif s.is_call:
        arrays, writes = s.layout
        lines += [
            "    traces = cache._traces",
            f"    {call}",
            "    if cache._traces != traces:  # retraced (new shapes): the output's structure may be another",
            "        return steady.retraced_call(r)",
        ]
        if writes:
            lines.append(f"    apply_writes(WRITTEN, {_picked(writes)})")
        nest = _nest(s.output_layout, [tensor(p) for p in arrays])
        if nest is None:
            lines.append(f"    return OUTPUT({_picked(arrays)})")
        else:
            lines += made
            lines.append(f"    return {nest}")
    else:
        value, g_params, g_inputs, writes = s.layout
        grads = ["None"] * n
        for k, i in enumerate(s.traced):
            grads[i] = tensor(g_inputs[k])
        order = s.weight_index if s.weight_index is not None else range(len(s.diff_params))
        # the weights' gradients: one Tensor each (None past UNROLL: a comprehension over their positions)
        param_names = None if len(order) > UNROLL else [tensor(g_params[k]) for k in order]
        params = (f"[wrap(r[k]) for k in {[g_params[k] for k in order]}]" if param_names is None
                  else "[" + ", ".join(param_names) + "]")
        lines += [
            "    traces = cache._traces",
            f"    {call}",
            "    if cache._traces != traces:  # retraced (new shapes): the layout found here may be stale",
            f"        return {'SHAPE(' if shape else ''}steady.retraced([{', '.join(v)}], r, want_value)"
            f"{')' if shape else ''}",
        ]
        if writes:
            lines.append(f"    apply_writes(WRITTEN, {_picked(writes)})")
        lines += made
        if shape is None:
            lines += [f"    return _tuple_new(Outcome, (SPLIT, OUTPUT({_picked(value)}) if want_value else None,",
                      f"                                [{', '.join(grads)}], {params}, WEIGHTS))"]
        else:
            lines.append(f"    return {_shaped(shape, [g for g in grads if g != 'None'], params, param_names)}")
    return "\n".join(lines) + "\n"


def _nest(layout, names: list) -> str | None:
    """The expression of an output nest of the Tensors named `names` (plain tuples and lists only), or None for
    another output (constants, dicts, named tuples): `OutputLayout.rebuild` builds those."""
    if layout.consts is not None or layout.ordered:
        return None
    try:
        nest = jax.tree_util.tree_unflatten(layout.treedef, names)
    except (ValueError, TypeError):
        return None

    def text(x) -> str | None:
        if type(x) is str:
            return x
        if type(x) in (tuple, list):
            items = [text(i) for i in x]
            if None in items:
                return None
            inner = "".join(f"{i}, " for i in items)
            return f"({inner})" if type(x) is tuple else f"[{inner}]"
        return None

    return text(nest)


def _shape(shape: tuple, outcome: Outcome):
    """GradOperation's result from the Outcome of a call that retraced."""
    return shaping.grad_operation(outcome, *shape)


def _shaped(shape: tuple, inputs: list, params: str, param_names: list | None) -> str:
    """The expression of `GradOperation(get_all, get_by_list)`'s result (`shaping.grad_operation`) for a
    steady call: every argument is a differentiated Tensor, so the input gradients are `inputs` in order; the
    weights' are `params` (a list expression), named `param_names` (None past UNROLL)."""
    get_all, get_by_list, single = shape
    inputs_tuple = "(" + "".join(f"{g}, " for g in inputs) + ")"
    if single:
        weights = f"{params}[0]"
    elif param_names is None:
        weights = f"tuple({params})"
    else:
        weights = "(" + "".join(f"{t}, " for t in param_names) + ")"
    if get_by_list:
        return f"({inputs_tuple}, {weights})" if get_all else weights
    if get_all:
        return inputs_tuple
    return inputs[0] if inputs else "()"


def build(s, miss, shape: tuple | None = None) -> Callable[..., Any]:
    """The compiled `attempt` of the steady call `s` (of `source(s, shape)`); `miss` is returned where a call
    needs the general path."""
    names = {
        "Tensor": Tensor, "wrap": wrap, "cache": cache, "apply_writes": apply_writes, "Outcome": Outcome,
        "_tuple_new": tuple.__new__, "_new": object.__new__, "_state": _state, "_context": context._context,
        "_thread": _state._thread,
        "_value": _VALUE, "MISS": miss, "steady": s, "KIND": s.kind, "VERSION": s.version, "MODE": s.mode,
        "SENS_DEF": s.sens_def, "SENS_SCALAR": s.sens_scalar, "JITTED": s.flat.jitted if s.flat else None,
        "WRITTEN": s.written, "OUTPUT": s.output_layout.rebuild, "SPLIT": s.split,
        "SHAPE": None if shape is None else functools.partial(_shape, shape),
        "WEIGHTS": s.weights, "DIFF": s.diff_params, "STATE": s.state_params,
    }
    for names_, params in (("DIFF", s.diff_params), ("STATE", s.state_params)):
        names.update({f"{names_}{k}": p for k, p in enumerate(params[:UNROLL])})
    for i, (dt, at) in enumerate(zip(s.dtypes, s.array_types, strict=True)):
        names[f"DT{i}"], names[f"AT{i}"] = dt, at
    for i, arg_shape in enumerate(s.shapes or ()):
        names[f"SH{i}"] = arg_shape
    exec(compile(source(s, shape), f"<steady call of {s.entry!r:.60}>", "exec"), names)
    return names["attempt"]
