"""Reductions and arg-reductions (`ops.sum`, `mean`, `prod`, `max`, `argmax`, `std`, ...).

Result dtypes follow MindSpore: `sum`/`prod` of bools, signed ints and UInt8 give Int64,
`mean` of integers truncates and keeps the dtype, `argmax` gives Int64 but
`argmin` Int32. Float16 and BFloat16 sums and products accumulate in Float32 and round once,
as MindSpore's CPU ReduceSum/ReduceProd kernels do (`mean` already does). Gradients:
a Float16 product's is dout * (out / x) rounded per step, as MindSpore's; `amax`/`amin`
(and `max`/`min` without an axis) share the gradient equally between tied extrema;
`max`/`min` with an axis give it to the returned index only.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax.scipy.special import logsumexp as _logsumexp

from ...common.tensor import Tensor, wrap
from . import _cpu_numerics
from ._helpers import axes, check_axis, float_only, is_float, np_dtype, tensor_arr
from .math_func import _abs


_TO_INT64 = tuple(np.dtype(d) for d in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8))
_HALF = (np.dtype(jnp.float16), np.dtype(jnp.bfloat16))


def _acc_dtype(dt):
    """The dtype a sum/product accumulates in: Float32 for Float16/BFloat16, else the dtype itself."""
    return jnp.float32 if dt in _HALF else dt


def _accumulate(a, dtype, op: str):
    """The input of sum/prod: cast to `dtype`, else Bool, signed ints and UInt8 to Int64 (other dtypes kept)."""
    if dtype is not None:
        return a.astype(np_dtype(dtype, op))
    return a.astype(jnp.int64) if a.dtype in _TO_INT64 else a


def sum(input, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A001
    """Sum over `dim` (all axes by default); Bool, signed ints and UInt8 sum to Int64, wider unsigned
    ints keep their dtype (MindSpore's)."""
    a = _accumulate(tensor_arr(input, "sum"), dtype, "sum")
    out = jnp.sum(a, axis=axes(dim, a.ndim, "ReduceSum"), keepdims=keepdim, dtype=_acc_dtype(a.dtype))
    return wrap(out.astype(a.dtype))


def _mean(a, axis, keepdims: bool, op: str):
    if a.dtype == np.bool_:
        raise RuntimeError(f"For '{op}', unsupported reduce operation for bool.")
    out = jnp.mean(a, axis=axes(axis, a.ndim, op), keepdims=keepdims)
    return out.astype(a.dtype) if is_float(a.dtype) else jnp.trunc(out).astype(a.dtype)


def mean(x, axis=None, keep_dims: bool = False) -> Tensor:
    """Mean over `axis`; an integer mean is truncated to the input dtype (2.5 -> 2), Bool is refused."""
    return wrap(_mean(tensor_arr(x, "ReduceMean", "x"), axis, keep_dims, "ReduceMean"))


@functools.partial(jax.custom_vjp, nondiff_argnums=(1, 2))
def _half_prod(a, axis, keepdims: bool):
    return jnp.prod(a, axis=axis, keepdims=keepdims, dtype=jnp.float32).astype(a.dtype)


def _half_prod_fwd(a, axis, keepdims):
    out = _half_prod(a, axis, keepdims)
    return out, (a, out)


def _half_prod_bwd(axis, keepdims, res, g):
    """MindSpore's Float16 ReduceProd gradient: dout * (out / x), each step rounded to Float16; where x is 0,
    the exact gradient (products of the other elements)."""
    a, out = res
    if not keepdims:
        expand = tuple(range(a.ndim)) if axis is None else axis
        out, g = jnp.expand_dims(out, expand), jnp.expand_dims(g, expand)
    ratio = _cpu_numerics.half_steps(a.dtype, jnp.divide, out, a)
    grad = _cpu_numerics.half_steps(a.dtype, jnp.multiply, ratio, g)
    exact = jax.grad(lambda x: jnp.sum(jnp.prod(x, axis=axis, keepdims=True) * g.astype(jnp.float32)))
    return (jnp.where(a == 0, exact(a.astype(jnp.float32)).astype(a.dtype), grad),)


_half_prod.defvjp(_half_prod_fwd, _half_prod_bwd)


def prod(input, axis=None, keep_dims: bool = False, dtype=None) -> Tensor:
    """Product over `axis`; Bool, signed ints and UInt8 give Int64."""
    a = _accumulate(tensor_arr(input, "ReduceProd"), dtype, "ReduceProd")
    ax = axes(axis, a.ndim, "ReduceProd")
    if a.dtype in _HALF:
        return wrap(_half_prod(a, (ax,) if isinstance(ax, int) else ax, keep_dims))
    return wrap(jnp.prod(a, axis=ax, keepdims=keep_dims, dtype=a.dtype))


def amax(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> Tensor:
    """Maximum over `axis`; tied maxima share the gradient equally."""
    a = tensor_arr(input, "amax")
    ax = axes(axis, a.ndim, "ReduceMax")
    return wrap(jnp.max(a, axis=ax, keepdims=keepdims, initial=initial, where=_where(where)))


def amin(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> Tensor:
    """Minimum over `axis`; tied minima share the gradient equally."""
    a = tensor_arr(input, "amin")
    ax = axes(axis, a.ndim, "ReduceMin")
    return wrap(jnp.min(a, axis=ax, keepdims=keepdims, initial=initial, where=_where(where)))


def _where(where):
    return None if where is None else tensor_arr(where, "amax", "where")


def _extreme_with_index(a, axis, keepdims: bool, largest: bool, initial, where):
    """(values, Int64 indices) along `axis`; values are gathered at the index, so the gradient goes there."""
    if where is not None or initial is not None:
        fill = initial if initial is not None else (-jnp.inf if largest else jnp.inf)
        a = jnp.where(_where(where) if where is not None else True, a, jnp.asarray(fill, a.dtype))
        if initial is not None:
            a = jnp.maximum(a, initial) if largest else jnp.minimum(a, initial)
    idx = jnp.argmax(a, axis=axis, keepdims=True) if largest else jnp.argmin(a, axis=axis, keepdims=True)
    values = jnp.take_along_axis(a, idx, axis=axis)
    if not keepdims:
        values, idx = jnp.squeeze(values, axis), jnp.squeeze(idx, axis)
    return values, idx.astype(jnp.int64)


def _max_min(input, axis, keepdims, initial, where, largest: bool, op: str):
    a = tensor_arr(input, op)
    if axis is None:
        value = jnp.max(a) if largest else jnp.min(a)
        if initial is not None:
            value = jnp.maximum(value, initial) if largest else jnp.minimum(value, initial)
        return wrap(value), wrap(jnp.zeros((), jnp.int64))
    values, idx = _extreme_with_index(a, check_axis(axis, a.ndim, op), keepdims, largest, initial, where)
    return wrap(values), wrap(idx)


def max(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> tuple:  # noqa: A001
    """(values, indices) of the maximum along `axis`. Without an axis MindSpore returns the global
    maximum with index 0 (not its position); mindgrad does the same."""
    return _max_min(input, axis, keepdims, initial, where, True, "max")


def min(input, axis=None, keepdims: bool = False, *, initial=None, where=None) -> tuple:  # noqa: A001
    """(values, indices) of the minimum along `axis` (index 0 without an axis, as MindSpore)."""
    return _max_min(input, axis, keepdims, initial, where, False, "min")


def argmax(input, dim=None, keepdim: bool = False) -> Tensor:
    """Index of the first maximum, Int64 (over the flattened input when `dim` is None)."""
    a = tensor_arr(input, "Argmax")
    if dim is None:
        return wrap(jnp.argmax(a.reshape(-1)).astype(jnp.int64))
    return wrap(jnp.argmax(a, axis=check_axis(dim, a.ndim, "Argmax"), keepdims=keepdim).astype(jnp.int64))


def argmin(input, axis=None, keepdims: bool = False) -> Tensor:
    """Index of the first minimum, Int32 (MindSpore's `ops.argmin` dtype)."""
    a = tensor_arr(input, "Argmin")
    if axis is None:
        return wrap(jnp.argmin(a.reshape(-1)).astype(jnp.int32))
    return wrap(jnp.argmin(a, axis=check_axis(axis, a.ndim, "Argmin"), keepdims=keepdims).astype(jnp.int32))


def argmax_with_value(input, axis: int = 0, keep_dims: bool = False, largest: bool = True) -> tuple:
    """ArgMaxWithValue / ArgMinWithValue: (Int64 index, value); the gradient goes to the index."""
    op = "ArgMaxWithValue" if largest else "ArgMinWithValue"
    a = tensor_arr(input, op)
    values, idx = _extreme_with_index(a, check_axis(axis, a.ndim, op), keep_dims, largest, None, None)
    return wrap(idx), wrap(values)


def std(input, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
    """Standard deviation (population by default); its gradient is NaN where it is 0, as MindSpore's."""
    a = float_only(input, "std")
    return wrap(jnp.std(a, axis=axes(axis, a.ndim, "std"), ddof=ddof, keepdims=keepdims))


def var(input, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
    """Variance, computed as std**2 as MindSpore does (so its gradient is NaN where it is 0)."""
    return wrap(jnp.square(std(input, axis, ddof, keepdims)._arr))


def all(input, axis=None, keep_dims: bool = False) -> Tensor:  # noqa: A001
    a = tensor_arr(input, "ReduceAll")
    return wrap(jnp.all(a, axis=axes(axis, a.ndim, "ReduceAll"), keepdims=keep_dims))


def any(input, axis=None, keep_dims: bool = False) -> Tensor:  # noqa: A001
    a = tensor_arr(input, "ReduceAny")
    return wrap(jnp.any(a, axis=axes(axis, a.ndim, "ReduceAny"), keepdims=keep_dims))


def logsumexp(input, dim, keepdim: bool = False) -> Tensor:
    a = float_only(input, "logsumexp")
    return wrap(_logsumexp(a, axis=axes(dim, a.ndim, "logsumexp"), keepdims=keepdim))


_MATRIX_ORDS = (2, -2, 1, -1, float("inf"), -float("inf"), "fro", "nuc", None)


def norm(A, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
    """Vector or matrix norm, as MindSpore's `ops.norm` (torch.linalg.norm's rules).

    `dim` None: with `ord` None the 2-norm of all elements, else a vector norm of a 1-D or a matrix
    norm of a 2-D `A`; an int `dim` gives vector norms, a 2-tuple matrix norms ('fro', 'nuc', +-1,
    +-2, +-inf). Integer inputs give Float32. The +-inf and matrix +-1/+-inf norms send the gradient to
    the first extreme element, as MindSpore's do, and |x| has gradient 0 at 0; the 2-norm of zeros has a
    NaN gradient. A `dim`-less `ord` on an input of 3 or more dimensions raises ValueError (MindSpore returns None).
    """
    a = tensor_arr(A, "norm", "A")
    if a.dtype == np.bool_:
        raise TypeError("For 'norm', the 'A' should be a numeric Tensor, but got Bool.")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "norm"))
    elif not is_float(a.dtype):
        a = a.astype(jnp.float32)
    if isinstance(dim, int) and not isinstance(dim, bool):
        dim = (dim,)
    elif dim is None:
        if ord is None:
            return wrap(_vector_norm(a, 2, tuple(range(a.ndim)), keepdim))
        if a.ndim not in (1, 2):
            raise ValueError(f"For 'norm', the 'A' must be 1-D or 2-D when 'ord' is given without 'dim', "
                             f"but got {a.ndim}-D.")
        dim = tuple(range(a.ndim))
    elif not isinstance(dim, tuple):
        raise TypeError(f"For 'norm', the 'dim' should be int or tuple of int, but got {type(dim).__name__}.")
    if len(dim) not in (1, 2):
        raise ValueError(f"For 'norm', the 'dim' must have 1 or 2 entries, but got {dim}.")
    dim = tuple(check_axis(d, a.ndim, "norm") for d in dim)
    if len(set(dim)) != len(dim):
        raise ValueError(f"For 'norm', the elements of 'dim' can not be duplicate, but got {dim}.")
    if len(dim) == 1:
        if isinstance(ord, str):
            raise TypeError(f"For 'norm', the 'ord' can not be a str for vectors, but got {ord}.")
        return wrap(_vector_norm(a, 2 if ord is None else ord, dim, keepdim))
    if ord not in _MATRIX_ORDS:
        raise ValueError(f"For 'norm', the 'ord' must be in {list(_MATRIX_ORDS)} for matrices, but got {ord}.")
    return wrap(_matrix_norm(a, "fro" if ord is None else ord, dim, keepdim))


def _first_extreme(v, axis: int, largest: bool):
    """max/min of `v` along `axis` (kept), taken at the first extreme element so the gradient goes there."""
    idx = jnp.argmax(v, axis=axis, keepdims=True) if largest else jnp.argmin(v, axis=axis, keepdims=True)
    return jnp.take_along_axis(v, idx, axis=axis)


def _vector_norm(a, p, dims: tuple, keepdim: bool):
    if p == 2:
        out = jnp.sqrt(jnp.sum(a * a, axis=dims, keepdims=True))
    elif p == 0:
        out = jnp.sum((a != 0).astype(a.dtype), axis=dims, keepdims=True)
    elif p == 1:
        out = jnp.sum(_abs(a), axis=dims, keepdims=True)
    elif abs(p) == float("inf"):
        out = _first_extreme(_abs(a), dims[0], p > 0)
    else:
        out = jnp.sum(_abs(a) ** p, axis=dims, keepdims=True) ** (1.0 / p)
    return out if keepdim else jnp.squeeze(out, dims)


def _matrix_norm(a, ord, dims: tuple, keepdim: bool):  # noqa: A002
    if ord == "fro":
        out = jnp.sqrt(jnp.sum(a * a, axis=dims, keepdims=True))
    elif ord in (1, -1, float("inf"), -float("inf")):
        along, across = dims if abs(ord) == 1 else dims[::-1]
        out = _first_extreme(jnp.sum(_abs(a), axis=along, keepdims=True), across, ord > 0)
    else:
        singular = jnp.linalg.svd(jnp.moveaxis(a, dims, (-2, -1)), compute_uv=False)
        out = jnp.sum(singular, -1) if ord == "nuc" else jnp.max(singular, -1) if ord == 2 else jnp.min(singular, -1)
        out = jnp.expand_dims(out, tuple(sorted(dims)))
    return out if keepdim else jnp.squeeze(out, dims)
