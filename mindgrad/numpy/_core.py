"""The machinery under `mindgrad.numpy`: argument conversion, dtypes, and functions built from a table.

MindSpore's `mindspore.numpy` turns Python numbers, lists and tuples into Tensors with 64-bit types
narrowed to 32 bits (`1` -> Int32, `1.5` -> Float32), refuses NumPy arrays, promotes Tensors with
MindSpore's rules (int32 with float16 gives Float16) and casts the result when `dtype` is given.
"""

from __future__ import annotations

import functools
import inspect

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor, to_array, wrap

_SCALARS = (bool, int, float)
_NARROW = {np.dtype(np.float64): np.dtype(np.float32), np.dtype(np.int64): np.dtype(np.int32)}


def _kind(x) -> str:
    return type(x).__name__


def arr(x, fn: str, name: str = "x"):
    """The JAX array of an array-like argument (Tensor, number, list, tuple)."""
    if isinstance(x, Tensor):
        return x._arr
    if isinstance(x, _SCALARS + (list, tuple)):
        try:
            a = to_array(x)
        except (TypeError, ValueError):
            raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int, float, bool, list, tuple or Tensor "
                            f"of numbers, but got {x!r}.") from None
        return a.astype(_NARROW[a.dtype]) if a.dtype in _NARROW else a
    raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int, float, bool, list, tuple or Tensor, "
                    f"but got {_kind(x)}.")


def tensor_arr(x, fn: str, name: str = "x"):
    """The JAX array of an argument MindSpore accepts only as a Tensor."""
    if not isinstance(x, Tensor):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be a Tensor, but got {_kind(x)}.")
    return x._arr


def np_dtype(dtype, fn: str, name: str = "dtype", narrow: bool = True):
    """The NumPy dtype of a dtype argument (MindSpore dtype, NumPy dtype or its name; the Python types int
    and float mean Int32 and Float32 unless `narrow` is False); TypeError otherwise."""
    if isinstance(dtype, mstype.Type) and not mstype.is_sized(dtype):
        return mstype.to_numpy({"Int": mstype.int32, "Float": mstype.float32, "UInt": mstype.uint32}[str(dtype)])
    try:
        if isinstance(dtype, mstype.Type) or dtype in (int, float, bool):
            dt = mstype.to_numpy(dtype)
        else:
            dt = np.dtype(dtype)
        mstype.from_numpy(dt)
    except TypeError:
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be a mindspore dtype, but got {dtype!r}.") from None
    return _NARROW.get(dt, dt) if narrow and dtype in (int, float) else dt


def result(a, dtype=None, fn: str = "") -> Tensor:
    """A Tensor of `a`, cast to `dtype` when given."""
    if dtype is not None:
        a = a.astype(np_dtype(dtype, fn))
    return wrap(a)


def tree_wrap(out):
    """Tensors around every array of a (nested) tuple/list result."""
    if isinstance(out, (tuple, list)):
        return type(out)(tree_wrap(o) for o in out)
    return wrap(out)


def is_float(dt) -> bool:
    return bool(jnp.issubdtype(dt, jnp.inexact))


def to_float(a):
    """MindSpore's dtype for a floating function of an integer or bool array (int8/uint8/bool -> Float16,
    other integers -> Float32)."""
    if is_float(a.dtype):
        return a
    return a.astype(jnp.float16 if a.dtype in (np.int8, np.uint8, np.bool_) else jnp.float32)


def promote(*arrays):
    """The arrays in their common MindSpore dtype."""
    dt = functools.reduce(jnp.promote_types, [a.dtype for a in arrays])
    return tuple(a.astype(dt) if a.dtype != dt else a for a in arrays)


def check_axis(axis, ndim: int, fn: str, name: str = "axis") -> int:
    """A non-negative axis; MindSpore's TypeError for a non-int and ValueError outside [-ndim, ndim)."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int, but got {_kind(axis)}.")
    if not -ndim <= axis < max(ndim, 1):
        raise ValueError(f"For 'numpy.{fn}', the '{name}' should be in range [{-ndim}, {ndim}), but got {axis}.")
    return int(axis) % max(ndim, 1)


def axes(axis, ndim: int, fn: str, name: str = "axis"):
    """None, an int or a tuple/list of ints as a JAX axis argument (checked, non-negative)."""
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        out = tuple(check_axis(a, ndim, fn, name) for a in axis)
        if len(set(out)) != len(out):
            raise ValueError(f"For 'numpy.{fn}', the '{name}' has duplicate axes: {axis}.")
        return out
    return check_axis(axis, ndim, fn, name)


def shape_arg(shape, fn: str, name: str = "shape") -> tuple:
    """A shape given as an int or a tuple/list of non-negative ints."""
    items = (shape,) if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool) else shape
    if not isinstance(items, (tuple, list)):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int or tuple of int, but got {_kind(shape)}.")
    for s in items:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)):
            raise TypeError(f"For 'numpy.{fn}', each entry of '{name}' should be int, but got {_kind(s)}.")
        if s < 0:
            raise ValueError(f"For 'numpy.{fn}', each entry of '{name}' should be no less than 0, but got {shape}.")
    return tuple(int(s) for s in items)


def concrete(a, fn: str):
    """The value of an array as NumPy (functions whose output shape depends on values need it)."""
    if isinstance(a, jax.core.Tracer):
        raise RuntimeError(f"'numpy.{fn}' needs the values of its input (its output shape depends on them), "
                           f"which a traced (jit/GRAPH_MODE) call does not have.")
    return np.asarray(a)


def make(name: str, params: str, impl):
    """A public function `name(<params>)` (MindSpore's parameter names; `params` as in a `def` line, defaults
    None) calling `impl` with every argument bound in order."""
    sig = _signature(params)

    def fn(*args, **kwargs):
        try:
            bound = sig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{name}() {e}") from None
        bound.apply_defaults()
        return impl(*bound.args)

    fn.__name__ = fn.__qualname__ = name
    fn.__module__ = "mindgrad.numpy"
    fn.__signature__ = sig
    fn.__doc__ = f"`mindspore.numpy.{name}({params})`" + (f": {impl.__doc__}" if impl.__doc__ else ".")
    return fn


def _signature(params: str) -> inspect.Signature:
    out = []
    for item in params.split(","):
        pname, _, default = item.strip().partition("=")
        assert default in ("", "None"), default
        out.append(inspect.Parameter(pname, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                     default=inspect.Parameter.empty if not default else None))
    return inspect.Signature(out)
