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

import operator
from typing import Any, Callable

from .. import _state, context
from ..common.tensor import Tensor, wrap
from . import cache
from .entry import apply_writes
from .kinds import Outcome

UNROLL = 16  # Parameters written one per line up to this many; `map` over a list beyond
_VALUE = operator.attrgetter("_value")


def _values(names: str, count: int) -> str:
    """`[P0._value, P1._value, ...]` for the Parameters bound as `names`, or a `map` past UNROLL."""
    if count > UNROLL:
        return f"list(map(_value, {names}))"
    return "[" + ", ".join(f"{names}[{k}]._value" for k in range(count)) + "]"


def source(s) -> str:
    """The text of the steady call `s`'s `attempt`."""
    n = len(s.dtypes)
    a = [f"a{i}" for i in range(n)]
    v = [f"v{i}" for i in range(n)]
    checks = [f"type({x}) is not Tensor" for x in a]
    arrays = [f"type(v{i}) is not AT{i} or v{i}.dtype is not DT{i}" for i in range(n)]
    if s.shapes is not None:
        arrays += [f"v{i}.shape != SH{i}" for i in range(n)]
    if n > 1:  # the same Tensor twice: the general path merges or separates them
        checks.append(" or ".join(f"{a[i]} is {a[j]}" for i in range(n) for j in range(i + 1, n)) if n <= 4
                      else f"len(set(map(id, args))) < {n}")
    traced = "[" + ", ".join(v[i] for i in s.traced) + "]"
    other = "[" + ", ".join(v[i] for i in s.other) + "]"
    rest = "REST" if s.rest is not None else f"({_values('STATE', len(s.state_params))}, {other}, DYNAMIC)"
    lines = [
        "def attempt(kind, args, sens, want_value):",
        f"    if (kind is not KIND or len(args) != {n} or _state._version != VERSION",
        "            or _context['mode'] != MODE or sens[1] != SENS_DEF or sens[2] != SENS_SCALAR or _thread.stack):",
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
        lines += [
            "    ENTRY.lock.acquire()",
            "    try:",
            f"        arrays, writes = ENTRY.jitted({_values('DIFF', len(s.diff_params))}, {traced}, {rest})",
            "    finally:",
            "        ENTRY.lock.release()",
            "    if writes:",
            "        apply_writes(ENTRY.written, writes)",
            "    return steady.done(ENTRY.output(arrays))",
        ]
    else:
        grads = ["None"] * n
        for k, i in enumerate(s.traced):
            grads[i] = f"wrap(g_inputs[{k}])"
        order = s.weight_index if s.weight_index is not None else range(len(s.diff_params))
        params = (f"[wrap(g_params[k]) for k in {list(order)}]" if len(order) > UNROLL
                  else "[" + ", ".join(f"wrap(g_params[{k}])" for k in order) + "]")
        lines += [
            "    traces = cache._traces",
            "    ENTRY.lock.acquire()",
            "    try:",
            f"        results = ENTRY.jitted({_values('DIFF', len(s.diff_params))}, {traced}, {rest}, sens[0])",
            "    finally:",
            "        ENTRY.lock.release()",
            "    if cache._traces != traces:  # retraced (new shapes): the layout found here may be stale",
            f"        return steady.retraced([{', '.join(v)}], results, want_value)",
            "    value, g_params, g_inputs, writes = results",
            "    if writes:",
            "        apply_writes(ENTRY.written, writes)",
            "    return _tuple_new(Outcome, (SPLIT, ENTRY.output(value) if want_value else None,",
            f"                                [{', '.join(grads)}], {params}, WEIGHTS))",
        ]
    return "\n".join(lines) + "\n"


def build(s, miss) -> Callable[..., Any]:
    """The compiled `attempt` of the steady call `s`; `miss` is returned where a call needs the
    general path."""
    names = {
        "Tensor": Tensor, "wrap": wrap, "cache": cache, "apply_writes": apply_writes, "Outcome": Outcome,
        "_tuple_new": tuple.__new__, "_state": _state, "_context": context._context, "_thread": _state._thread,
        "_value": _VALUE, "MISS": miss, "steady": s, "KIND": s.kind, "VERSION": s.version, "MODE": s.mode,
        "SENS_DEF": s.sens_def, "SENS_SCALAR": s.sens_scalar, "ENTRY": s.entry, "SPLIT": s.split,
        "WEIGHTS": s.weights, "DIFF": s.diff_params, "STATE": s.state_params, "REST": s.rest,
        "DYNAMIC": s.split.dynamic,
    }
    for i, (dt, at) in enumerate(zip(s.dtypes, s.array_types, strict=True)):
        names[f"DT{i}"], names[f"AT{i}"] = dt, at
    for i, shape in enumerate(s.shapes or ()):
        names[f"SH{i}"] = shape
    exec(compile(source(s), f"<steady call of {s.entry!r:.60}>", "exec"), names)
    return names["attempt"]
