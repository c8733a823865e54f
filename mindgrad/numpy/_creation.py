"""`mindspore.numpy` array creation: `array`, `arange`, `zeros`, `full`, `linspace`, grids and windows.

Python ints give Int32 and Python floats Float32 (MindSpore narrows 64-bit defaults to 32 bits here).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap
from ._core import arr as _arr, np_dtype, result, shape_arg, tensor_arr, tree_wrap

_F32, _I32 = np.dtype(np.float32), np.dtype(np.int32)


def _check_input(obj, fn: str, name: str) -> None:
    if not isinstance(obj, (Tensor, list, tuple, int, float, bool)):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' must be int, float, bool, Tensor, list or tuple, "
                        f"but got {type(obj).__name__}.")


def array(obj, dtype=None, copy: bool = True, ndmin: int = 0) -> Tensor:
    """A Tensor of `obj`; Python ints give Int32, Python floats Float32; `ndmin` leading unit axes."""
    _check_input(obj, "array", "obj")
    if isinstance(obj, (list, tuple)):
        obj = [o.asnumpy() if isinstance(o, Tensor) else o for o in obj]
        try:
            np.asarray(obj, dtype=np.float64 if not _has_bool(obj) else None)
        except ValueError as e:
            raise ValueError(f"For 'numpy.array', the 'obj' {e}") from None
    a = _arr(obj, "array", "obj")
    if a.ndim < ndmin:
        a = a.reshape((1,) * (ndmin - a.ndim) + a.shape)
    return result(a, dtype, "array")


def _has_bool(obj) -> bool:
    return any(_has_bool(o) if isinstance(o, list) else isinstance(o, (bool, np.bool_)) for o in obj)


def asarray(a, dtype=None) -> Tensor:
    """As `array`; a Tensor of the right dtype is returned as it is."""
    _check_input(a, "asarray", "a")
    if isinstance(a, Tensor) and (dtype is None or np_dtype(dtype, "asarray") == a._arr.dtype):
        return a
    return array(a, dtype)


def asfarray(a, dtype=mstype.float32) -> Tensor:
    """A floating Tensor of `a`; an integer `dtype` gives Float32."""
    _check_input(a, "asfarray", "a")
    dt = np_dtype(dtype, "asfarray")
    return wrap(_arr(a, "asfarray", "a").astype(dt if dt.kind == "f" else _F32))


def copy_(a) -> Tensor:
    return wrap(jnp.array(_arr(a, "copy", "a"), copy=True))


def _fill(shape, value, dtype, fn: str) -> Tensor:
    return wrap(jnp.full(shape_arg(shape, fn), value, np_dtype(dtype, fn)))


def zeros(shape, dtype=mstype.float32) -> Tensor:
    return _fill(shape, 0, dtype, "zeros")


def ones(shape, dtype=mstype.float32) -> Tensor:
    return _fill(shape, 1, dtype, "ones")


def empty(shape, dtype=mstype.float32) -> Tensor:
    """A Tensor of zeros (MindSpore's `empty` is not uninitialised memory either)."""
    return _fill(shape, 0, dtype, "empty")


def full(shape, fill_value, dtype=None) -> Tensor:
    """`fill_value` (a number, a list or a Tensor, broadcast) in `shape`; its dtype unless `dtype` is given."""
    value = _arr(fill_value, "full", "fill_value")
    dt = value.dtype if dtype is None else np_dtype(dtype, "full")
    return wrap(jnp.broadcast_to(value.astype(dt), shape_arg(shape, "full")))


def _like(a, value, dtype, shape, fn: str) -> Tensor:
    x = _arr(a, fn, "a")
    dt = x.dtype if dtype is None else np_dtype(dtype, fn)
    out_shape = x.shape if shape is None else shape_arg(shape, fn)
    return wrap(jnp.broadcast_to(_arr(value, fn, "fill_value").astype(dt), out_shape))


def zeros_like(a, dtype=None, shape=None) -> Tensor:
    return _like(a, 0, dtype, shape, "zeros_like")


def ones_like(a, dtype=None, shape=None) -> Tensor:
    return _like(a, 1, dtype, shape, "ones_like")


def empty_like(prototype, dtype=None, shape=None) -> Tensor:
    return _like(prototype, 0, dtype, shape, "empty_like")


def full_like(a, fill_value, dtype=None, shape=None) -> Tensor:
    return _like(a, fill_value, dtype, shape, "full_like")


def _number(x, fn: str, name: str):
    if isinstance(x, Tensor):
        return x.item()
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int or float, but got {type(x).__name__}.")
    return x


def arange(start, stop=None, step=None, dtype=None) -> Tensor:
    """Evenly spaced values in [start, stop); Int32 for integer arguments, else Float32."""
    values = [_number(v, "arange", n) for v, n in ((start, "start"), (stop, "stop"), (step, "step")) if v is not None]
    if stop is None:
        values = [0] + values
    if step == 0:
        raise ZeroDivisionError("For 'numpy.arange', the 'step' should not be 0.")
    default = _I32 if all(isinstance(v, (int, np.integer)) for v in values) else _F32
    dt = default if dtype is None else np_dtype(dtype, "arange", narrow=False)
    return wrap(jnp.arange(*values, dtype=jnp.float64 if default == _F32 else None).astype(dt))


def _space_args(start, stop, fn: str):
    s = _arr(start, fn, "start").astype(jnp.float32)
    e = _arr(stop, fn, "stop").astype(jnp.float32)
    return s, e


def _float_result(a, dtype, fn: str) -> Tensor:
    dt = _F32 if dtype is None else np_dtype(dtype, fn)
    return wrap(a.astype(dt))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """`num` evenly spaced values from start to stop (Float32), along `axis` when start/stop are arrays."""
    s, e = _space_args(start, stop, "linspace")
    out, step = jnp.linspace(s, e, num, endpoint=endpoint, retstep=True, axis=axis)
    out = _float_result(out, dtype, "linspace")
    return (out, wrap(jnp.asarray(step, jnp.float32))) if retstep else out


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0) -> Tensor:
    s, e = _space_args(start, stop, "logspace")
    return _float_result(jnp.logspace(s, e, num, endpoint=endpoint, base=base, axis=axis), dtype, "logspace")


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0) -> Tensor:
    s, e = _space_args(start, stop, "geomspace")
    return _float_result(jnp.geomspace(s, e, num, endpoint=endpoint, axis=axis), dtype, "geomspace")


def eye(N, M=None, k=0, dtype=mstype.float32) -> Tensor:
    return wrap(jnp.eye(N, M, k, dtype=np_dtype(dtype, "eye")))


def identity(n, dtype=mstype.float32) -> Tensor:
    return wrap(jnp.identity(n, dtype=np_dtype(dtype, "identity")))


def tri(N, M=None, k=0, dtype=mstype.float32) -> Tensor:
    return wrap(jnp.tri(N, M, k, dtype=np_dtype(dtype, "tri")))


def indices(dimensions, dtype=mstype.int32, sparse=False):
    """A list of index grids (a list, as MindSpore returns)."""
    out = jnp.indices(shape_arg(dimensions, "indices", "dimensions"), np_dtype(dtype, "indices"), sparse=sparse)
    return [wrap(o) for o in out]


def diag_indices(n, ndim=2) -> tuple:
    return tuple(wrap(jnp.arange(n, dtype=jnp.int32)) for _ in range(ndim))


def _int_indices(pair) -> tuple:
    return tuple(wrap(jnp.asarray(p, jnp.int32)) for p in pair)


def tril_indices(n, k=0, m=None) -> tuple:
    return _int_indices(np.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None) -> tuple:
    return _int_indices(np.triu_indices(n, k, m))


def tril_indices_from(arr, k=0) -> tuple:
    a = tensor_arr(arr, "tril_indices_from", "arr")
    if a.ndim != 2:
        raise ValueError(f"For 'numpy.tril_indices_from', the 'arr' should be 2-D, but got {a.ndim}-D.")
    return tril_indices(a.shape[0], k, a.shape[1])


def triu_indices_from(arr, k=0) -> tuple:
    a = tensor_arr(arr, "triu_indices_from", "arr")
    if a.ndim != 2:
        raise ValueError(f"For 'numpy.triu_indices_from', the 'arr' should be 2-D, but got {a.ndim}-D.")
    return triu_indices(a.shape[0], k, a.shape[1])


def meshgrid(*xi, sparse=False, indexing="xy") -> list:
    if indexing not in ("xy", "ij"):
        raise ValueError(f"For 'numpy.meshgrid', the 'indexing' should be 'xy' or 'ij', but got {indexing!r}.")
    arrays = [tensor_arr(x, "meshgrid", "xi") for x in xi]
    return [wrap(o) for o in jnp.meshgrid(*arrays, sparse=sparse, indexing=indexing)]


def ix_(*args) -> tuple:
    return tuple(wrap(o) for o in jnp.ix_(*[tensor_arr(a, "ix_", "args") for a in args]))


class _Grid:
    """`mgrid` / `ogrid`: index with slices; a complex step is a number of points (endpoint included)."""

    def __init__(self, sparse: bool) -> None:
        self.sparse = sparse

    def __getitem__(self, keys):
        single = isinstance(keys, slice)
        keys = (keys,) if single else tuple(keys)
        ranges = []
        for key in keys:
            start = 0 if key.start is None else key.start
            step = 1 if key.step is None else key.step
            if isinstance(step, complex):
                ranges.append(np.linspace(start, key.stop, int(abs(step))))
            else:
                ranges.append(np.arange(start, key.stop, step))
        dt = _I32 if all(r.dtype.kind in "iu" for r in ranges) else _F32
        ranges = [jnp.asarray(r.astype(dt)) for r in ranges]
        if single:
            return wrap(ranges[0])
        grids = jnp.meshgrid(*ranges, indexing="ij", sparse=self.sparse)
        return [wrap(g) for g in grids] if self.sparse else wrap(jnp.stack(grids))


mgrid = _Grid(sparse=False)
ogrid = _Grid(sparse=True)


def _window(fn, m: int, name: str) -> Tensor:
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)):
        raise TypeError(f"For 'numpy.{name}', the 'M' should be int, but got {type(m).__name__}.")
    return wrap(fn(m).astype(jnp.float32))


def bartlett(M) -> Tensor:
    return _window(jnp.bartlett, M, "bartlett")


def blackman(M) -> Tensor:
    return _window(jnp.blackman, M, "blackman")


def hamming(M) -> Tensor:
    return _window(jnp.hamming, M, "hamming")


def hanning(M) -> Tensor:
    return _window(jnp.hanning, M, "hanning")


def vander(x, N=None, increasing=False) -> Tensor:
    a = _arr(x, "vander", "x")
    if a.ndim != 1:
        raise ValueError(f"For 'numpy.vander', the 'x' should be 1-D, but got {a.ndim}-D.")
    return wrap(jnp.vander(a, N, increasing))


def histogram_bin_edges(a, bins=10, range=None, weights=None) -> Tensor:  # noqa: A002 - MindSpore's name
    x = tensor_arr(a, "histogram_bin_edges", "a").astype(jnp.float32)
    return wrap(jnp.histogram_bin_edges(x, bins, range).astype(jnp.float32))


def histogram(a, bins=10, range=None, weights=None, density=False) -> tuple:  # noqa: A002
    """(counts, bin edges), both Float32."""
    x = tensor_arr(a, "histogram", "a").astype(jnp.float32)
    if isinstance(bins, int) and bins < 1:
        raise ValueError(f"For 'numpy.histogram', the 'bins' should be a positive int, but got {bins}.")
    w = None if weights is None else _arr(weights, "histogram", "weights")
    counts, edges = jnp.histogram(x, bins, range, weights=w, density=density)
    return wrap(counts.astype(jnp.float32)), wrap(edges.astype(jnp.float32))


def histogramdd(sample, bins=10, range=None, weights=None, density=False) -> tuple:  # noqa: A002
    """(counts, list of bin edges), Float32."""
    x = tensor_arr(sample, "histogramdd", "sample").astype(jnp.float32)
    w = None if weights is None else _arr(weights, "histogramdd", "weights")
    counts, edges = jnp.histogramdd(x, bins, range, weights=w, density=density)
    return wrap(counts.astype(jnp.float32)), [wrap(e.astype(jnp.float32)) for e in edges]


def histogram2d(x, y, bins=10, range=None, weights=None, density=False) -> tuple:  # noqa: A002
    """(counts, x edges, y edges), Float32."""
    a = tensor_arr(x, "histogram2d", "x").astype(jnp.float32)
    b = tensor_arr(y, "histogram2d", "y").astype(jnp.float32)
    w = None if weights is None else _arr(weights, "histogram2d", "weights")
    counts, ex, ey = jnp.histogram2d(a, b, bins, range, weights=w, density=density)
    return tree_wrap((counts.astype(jnp.float32), ex.astype(jnp.float32), ey.astype(jnp.float32)))


__all__ = ["array", "asarray", "asfarray", "zeros", "ones", "empty", "full", "zeros_like", "ones_like",
           "empty_like", "full_like", "arange", "linspace", "logspace", "geomspace", "eye", "identity", "tri",
           "indices", "diag_indices", "tril_indices", "triu_indices", "meshgrid", "ix_", "mgrid", "ogrid",
           "bartlett", "blackman", "hamming", "hanning", "vander", "histogram_bin_edges", "histogram", "histogramdd",
           "histogram2d"]
