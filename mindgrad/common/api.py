"""`mindspore.common.api`: `jit`, `_no_grad`, `mutable`, `_pynative_executor`."""

from __future__ import annotations

import functools
from typing import Callable

import jax

from .. import _state as binding
from .._engine.steady import MISS
from .._engine.tracebacks import api_boundary, leaving


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
        from .._engine.runner import CallRunner
        self.fn = fn
        self.options = options
        self.core = CallRunner(fn, op_name="jit")
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        if not kwargs:  # the steady shortcut, past the boundary's wrapper
            try:
                result = self.core.steady_call(args)
            except Exception as e:
                leaving(e)
                raise
            if result is not MISS:
                return result
        return self._call(args, kwargs)

    @api_boundary
    def _call(self, args: tuple, kwargs: dict):
        if binding.current() is not None:
            return self.fn(*args, **kwargs)
        return self.core.call(args, kwargs)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return functools.partial(self, obj)


_CAPTURE_MODES = ["ast", "bytecode", "trace"]
_JIT_LEVELS = ["O0", "O1"]


def _check_jit_options(capture_mode, jit_level, dynamic, fullgraph, backend) -> None:
    """MindSpore's checks of `jit`'s keywords (their values do not change how JAX compiles)."""
    if capture_mode not in _CAPTURE_MODES:
        raise ValueError(f"For 'jit', the 'capture_mode' must be str and must be in '{_CAPTURE_MODES}', "
                         f"but got '{capture_mode}'.")
    if jit_level not in _JIT_LEVELS:
        raise ValueError(f"For 'jit', the 'jit_level' must be str and must be in '{_JIT_LEVELS}', "
                         f"but got '{jit_level}'.")
    if type(dynamic) is not int:
        raise TypeError(f"For 'jit', the 'dynamic' must be 'int',  but got '{type(dynamic).__name__}'.")
    if dynamic not in (0, 1):
        raise ValueError(f"For 'jit', the 'dynamic' must be in range of [0, 1], but got {dynamic} with type 'int'.")
    if not isinstance(fullgraph, bool):
        raise TypeError(f"For 'jit', the 'fullgraph' must be a bool, but got {type(fullgraph).__name__}.")
    if not isinstance(backend, str):
        raise RuntimeError(f"Unable to cast Python instance of type {type(backend)} to C++ type 'std::string'")
    if backend not in ("", "ms_backend", "GE"):
        raise RuntimeError(f"Invalid backend name: {backend}, you should register custom backend first")


def jit(function: Callable | None = None, *, capture_mode: str = "ast", jit_level: str = "O0", dynamic: int = 0,
        fullgraph: bool = False, backend: str = "", **options):
    """MindSpore's `jit` decorator (functions, methods, `construct`): compile with `jax.jit`.
    Its keywords are checked as MindSpore checks them; every capture mode (and MindSpore 1.x's
    `mode="PIJit"`, among the other `options` it accepts) compiles the same way with JAX."""
    _check_jit_options(capture_mode, jit_level, dynamic, fullgraph, backend)
    opts = dict(capture_mode=capture_mode, jit_level=jit_level, dynamic=dynamic, fullgraph=fullgraph,
                backend=backend, **options)
    if function is None:
        return lambda fn: _JitFunction(fn, opts)
    if not callable(function):
        return function  # as MindSpore: a non-callable is returned as it is
    return _JitFunction(function, opts)


class _Int(int):
    """`ms.mutable(3)`: an int marked mutable (MindSpore's type name)."""


class _Float(float):
    """`ms.mutable(3.0)`: a float marked mutable."""


class _Bool(int):
    """`ms.mutable(True)`: a bool marked mutable (an int subclass, as MindSpore's)."""


class _Tuple(tuple):
    _mindgrad_mutable = True


class _List(list):
    _mindgrad_mutable = True


class _Dict(dict):
    _mindgrad_mutable = True


_MUTABLE_TYPES = "(bool, int, float, Tensor, tuple, list, dict)"


def _mutable_ok(x) -> bool:
    from .tensor import Tensor
    if isinstance(x, (bool, int, float, Tensor)):
        return True
    if isinstance(x, (tuple, list)):
        return all(_mutable_ok(i) for i in x)
    if isinstance(x, dict):
        return all(_mutable_ok(v) for v in x.values())
    return False


def mutable(input_data, dynamic_len: bool = False):
    """MindSpore's `mutable`: in GRAPH_MODE the Tensors inside a mutable tuple/list/dict are
    differentiated like Tensor arguments (PyNative ignores the mark). Tensors are returned as they
    are, numbers as int/float subclasses named as MindSpore's; `dynamic_len` marks a tuple/list whose
    length may change (JAX retraces per length)."""
    if not _mutable_ok(input_data):
        raise TypeError(f"For 'mutable', the 'input_data' should be one of {_MUTABLE_TYPES} or their nested "
                        f"structures with no self-reference, but got {type(input_data).__name__}: {input_data}.")
    if not isinstance(dynamic_len, bool):
        raise TypeError(f"For 'mutable', the second input should be bool, but got: {type(input_data).__name__}")
    if dynamic_len and not isinstance(input_data, (tuple, list)):
        raise TypeError(f"For 'mutable', when the variable_len is True, the first input should be list or tuple, "
                        f"but got: {type(input_data).__name__}")
    if isinstance(input_data, tuple):
        return _Tuple(input_data)
    if isinstance(input_data, list):
        return _List(input_data)
    if isinstance(input_data, dict):
        return _Dict(input_data)
    if isinstance(input_data, bool):
        return _Bool(input_data)
    if isinstance(input_data, int):
        return _Int(input_data)
    if isinstance(input_data, float):
        return _Float(input_data)
    return input_data


class _PyNativeExecutor:
    """`mindspore.common.api._pynative_executor`: the calls real code makes on MindSpore's eager
    executor. `sync()` waits for every dispatched JAX computation; the gradient flags are kept and
    reported (mindgrad's gradients do not depend on them)."""

    def __init__(self) -> None:
        self._grad_flag = False
        self._enable_grad = True

    def sync(self) -> None:
        """Block until all pending device work has finished."""
        jax.effects_barrier()
        for a in jax.live_arrays():
            a.block_until_ready()

    def grad_flag(self) -> bool:
        return self._grad_flag

    def set_grad_flag(self, flag: bool) -> None:
        self._grad_flag = bool(flag)

    def requires_grad(self) -> bool:
        return self._grad_flag

    def enable_grad(self) -> bool:
        return self._enable_grad

    def set_enable_grad(self, flag: bool) -> None:
        self._enable_grad = bool(flag)

    def high_order(self) -> bool:
        return False

    def clear_res(self) -> None:
        """Release cached resources: nothing to release (JAX manages its caches)."""


_pynative_executor = _PyNativeExecutor()

cells_compile_cache: dict = {}
"""MindSpore's cache of compiled Cells (kept empty: JAX caches compiled programs itself)."""


def jit_class(cls: type) -> type:
    """Mark a class whose instances `ms.jit` functions use; mindgrad traces Python objects as they are, so the class
    is returned unchanged (a non-class raises TypeError as in MindSpore)."""
    if not isinstance(cls, type):
        raise TypeError(f"Decorator jit_class can only be used for class type, but got {cls}.")
    cls.__ms_class__ = True
    return cls
