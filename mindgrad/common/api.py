"""`mindspore.common.api`: `_no_grad` (and, later, `jit`)."""

from __future__ import annotations

import functools
from typing import Callable

from .._engine import binding
from .._engine.tracebacks import api_boundary


class _no_grad:  # noqa: N801 - MindSpore's name
    """Context manager and decorator: gradient functions called inside raise RuntimeError,
    as MindSpore's `_no_grad` does."""

    def __enter__(self) -> _no_grad:
        self._ctx = binding.no_grad()
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._ctx.__exit__(*exc)

    def __call__(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with binding.no_grad():
                return fn(*args, **kwargs)

        return wrapper


class _JitFunction:
    """What `ms.jit(fn)` returns: `fn` compiled with `jax.jit`, Parameters it reads or writes
    passed as explicit inputs (found by tracing) and writes applied after each call. Inside
    another transform it runs inline. On a method it compiles per instance."""

    def __init__(self, fn: Callable, options: dict) -> None:
        from .._engine.vjp_core import GradCore
        self.fn = fn
        self.options = options
        self.core = GradCore(fn, None, (), False, False, "jit")
        functools.update_wrapper(self, fn)

    @api_boundary
    def __call__(self, *args, **kwargs):
        if binding.current() is not None:
            return self.fn(*args, **kwargs)
        return self.core.call(args, kwargs)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return functools.partial(self, obj)


def jit(function: Callable | None = None, *, capture_mode: str = "ast", jit_level: str = "O0", dynamic: int = 0,
        fullgraph: bool = False, backend: str = "", **options):
    """MindSpore's `jit` decorator (functions, methods, `construct`): compile with `jax.jit`.
    Its keyword arguments are accepted; JAX chooses the compilation itself."""
    opts = dict(capture_mode=capture_mode, jit_level=jit_level, dynamic=dynamic, fullgraph=fullgraph,
                backend=backend, **options)
    if function is None:
        return lambda fn: _JitFunction(fn, opts)
    if not callable(function):
        raise TypeError(f"For 'jit', the 'function' should be callable, but got {type(function).__name__}.")
    return _JitFunction(function, opts)


class _MutableTuple(tuple):
    _mindgrad_mutable = True


class _MutableList(list):
    _mindgrad_mutable = True


class _MutableDict(dict):
    _mindgrad_mutable = True


def mutable(input_data, dynamic_len: bool = False):
    """MindSpore's `mutable`: in GRAPH_MODE the Tensors inside a mutable tuple/list/dict are
    differentiated like Tensor arguments (PyNative ignores the mark). Tensors are returned as they are."""
    if isinstance(input_data, tuple):
        return _MutableTuple(input_data)
    if isinstance(input_data, list):
        return _MutableList(input_data)
    if isinstance(input_data, dict):
        return _MutableDict(input_data)
    return input_data
