"""Python-side state below both the Tensor layer (`mindgrad.common`) and the engine (`mindgrad._engine`).

Two things live here, so that `Tensor`/`Parameter` and the engine can share them without importing
each other: the binding of Parameters to traced values, and the version of the Python state that
compiled functions bake in. This module imports nothing from mindgrad.

Binding. MindSpore Parameters are mutable objects; JAX transforms pure functions. While a gradient
(or compiled) call runs, each Parameter involved is *bound* to the value the transform traces, in a
Frame on a thread-local stack. Reading a Parameter consults the top Frame first; writing one
(`ops.assign`, `set_data`) records the write in the Frame. Nothing is stored on the Parameter
itself, so an exception, a second thread or a nested transform never sees a traced value: when the
Frame is popped (always, in `finally`) the Parameter is exactly as it was, and the caller applies
the recorded writes.

A *strict* Frame belongs to a trace that will be compiled and cached: reading or writing a
Parameter that is not bound in it is recorded (`Frame.free`) so that the caller can bind it as an
input and retrace, and touching Python-side state (`print`, a Tensor's concrete value, a Cell
attribute) raises `EagerRequired`, so that the caller runs the call eagerly instead.

Version. A compiled function bakes in the Python state it saw while tracing (Cell attributes such
as `training`, hyper-parameters stored on `self`, `requires_grad`, context options). Every change
of such state calls `bump()`; `version()` is part of every engine cache key.
"""

from __future__ import annotations

import builtins
import contextlib
import threading
import weakref
from typing import Any, Iterator

import jax

Tracer = jax.core.Tracer

# --------------------------------------------------------------------------
# The version of the Python state compiled functions bake in
# --------------------------------------------------------------------------

_version = 0


def version() -> int:
    return _version


def bump() -> None:
    """Python-side state that compiled functions may have baked in has changed."""
    global _version
    _version += 1


# --------------------------------------------------------------------------
# Binding Parameters to traced values
# --------------------------------------------------------------------------

class _ThreadState(threading.local):
    """Per thread: the stack of Frames and the `no_grad` depth (class attributes are the defaults,
    so reading them never raises and catches AttributeError, which costs more than the read)."""
    stack: list | None = None
    no_grad = 0


_thread = _ThreadState()


class EagerRequired(Exception):
    """Raised inside a strict (compiled) trace that needs eager execution."""


class Frame:
    """The bindings of one transformed call: `{id(param): value}`, and what the call read and wrote."""

    __slots__ = ("values", "writes", "reads", "strict", "free", "casts", "calls")

    def __init__(self, bound: dict[int, Any], parent: Frame | None, strict: bool) -> None:
        self.values: dict[int, Any] = {} if strict or parent is None else dict(parent.values)
        self.values.update(bound)
        self.writes: dict[int, tuple[Any, Any]] = {}   # id -> (Parameter, new value), in write order
        self.reads: dict[int, Any] = {}                # id -> Parameter, in read order
        self.strict = strict
        self.free: dict[int, Any] = {}                 # id -> Parameter touched but not bound (strict only)
        self.casts: dict[int, tuple[Any, Any]] = {}    # id(int result) -> (result, float source)
        self.calls: set = set()                         # (id(Cell), ids of its arguments) of the Cells it called


def _stack() -> list[Frame]:
    if _thread.stack is None:
        _thread.stack = []
    return _thread.stack


def in_transform() -> bool:
    """Whether a mindgrad transform has bound Parameters in this thread (cheaper than `current()`)."""
    return bool(_thread.stack)


def current() -> Frame | None:
    stack = _thread.stack
    return stack[-1] if stack else None


@contextlib.contextmanager
def bind(bound: dict[int, Any], strict: bool = False) -> Iterator[Frame]:
    """Push a Frame binding `{id(param): value}`; always popped on exit."""
    stack = _stack()
    frame = Frame(bound, stack[-1] if stack else None, strict)
    stack.append(frame)
    if strict:
        _watch_print(+1)
    try:
        yield frame
    finally:
        stack.pop()
        if strict:
            _watch_print(-1)


def read(param) -> Any:
    """The value a Parameter has for the current thread and transform."""
    stack = _thread.stack
    if not stack:
        param._owned = False  # the value may now be held outside mindgrad: never donate it
        return param._value
    frame = stack[-1]
    key = id(param)
    if key not in frame.reads:
        frame.reads[key] = param
    value = frame.values.get(key)
    if value is None:
        if frame.strict:
            frame.free[key] = param
        return param._value
    return value


_TRACE_CONSTANTS: dict[int, weakref.ref] = {}  # by id: Tensors compare element-wise, so no WeakSet


def trace_constant(param) -> Any:
    """The stored value of a Parameter that compiled code may bake in as a constant (an optimizer's
    hyper-parameter that code only reads). From now on, giving it a new value outside a transform
    (`set_data`, loading a checkpoint) invalidates every compiled function (`bump`)."""
    key = id(param)
    if key not in _TRACE_CONSTANTS:
        _TRACE_CONSTANTS[key] = weakref.ref(param, lambda _: _TRACE_CONSTANTS.pop(key, None))
    return param._value


def write(param, value) -> None:
    """Give a Parameter a new value: recorded in the Frame, or stored when none is active."""
    frame = current()
    if frame is None:
        if isinstance(value, Tracer) and not isinstance(param._value, Tracer):
            raise RuntimeError(f"Parameter '{param.name}' can not store a value traced by jax outside a "
                               f"mindgrad transform: it would leak the tracer.")
        param._value = value
        param._owned = False
        ref = _TRACE_CONSTANTS.get(id(param))
        if ref is not None and ref() is param:
            bump()
        return
    key = id(param)
    if frame.strict and key not in frame.values:
        frame.free[key] = param
    frame.values[key] = value
    frame.writes[key] = (param, value)


def note_cast(result, source) -> None:
    """A float -> integer Cast inside a transform: its output's gradient flows to `source`."""
    frame = current()
    if frame is not None:
        frame.casts[id(result)] = (result, source)


def needs_python(what: str) -> None:
    """Called where Python needs a Tensor's concrete value or makes a side effect (`print`, a Cell
    attribute change): not possible in a strict trace, which then raises `EagerRequired`."""
    frame = current()
    if frame is not None and frame.strict:
        raise EagerRequired(what)


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Inside, gradient functions refuse to run (MindSpore's `_no_grad`)."""
    _thread.no_grad += 1
    try:
        yield
    finally:
        _thread.no_grad -= 1


def check_grad_allowed() -> None:
    if _thread.no_grad:
        raise RuntimeError("In no_grad context, you can not calculate gradient")


# --------------------------------------------------------------------------
# `print` inside a compiled trace would print only once: detect it.
# --------------------------------------------------------------------------

_print_lock = threading.Lock()
_print_watchers = 0
_original_print = builtins.print


def _watched_print(*args, **kwargs):
    needs_python("print")
    return _original_print(*args, **kwargs)


def _watch_print(delta: int) -> None:
    global _print_watchers
    with _print_lock:
        _print_watchers += delta
        if _print_watchers == 1 and delta > 0 and builtins.print is _original_print:
            builtins.print = _watched_print
        elif _print_watchers == 0 and builtins.print is _watched_print:
            builtins.print = _original_print
