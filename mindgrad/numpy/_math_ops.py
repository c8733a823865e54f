"""`mindspore.numpy` reductions, products, polynomials, statistics and dtype queries over `jax.numpy`.

Integer sums give Int64 (as `ops.sum`), integer means stay in the input dtype, arg-reductions give Int64,
counts give Int32; floating results keep the input's floating dtype.
"""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap
from ._core import arr, axes, check_axis, concrete, is_float, np_dtype, promote, result, tensor_arr


def _t(x, fn: str, name: str = "a"):
    return tensor_arr(x, fn, name)


def _f(x, fn: str, name: str = "a"):
    """A floating array (integers as Float32)."""
    a = arr(x, fn, name)
    return a if is_float(a.dtype) else a.astype(jnp.float32)


def _pair(a, b, fn: str, names=("a", "b")):
    return promote(arr(a, fn, names[0]), arr(b, fn, names[1]))


# ---- reductions ---------------------------------------------------------------------------------

def sum(a, axis=None, dtype=None, keepdims=False, initial=None) -> Tensor:  # noqa: A001 - MindSpore's name
    """Sum; integer and bool inputs give Int64; `initial` is added."""
    x = arr(a, "sum", "a")
    ax = axes(axis, x.ndim, "sum")
    if x.dtype.kind in "iub" and dtype is None:
        x = x.astype(jnp.int64)
    out = jnp.sum(x, ax, keepdims=keepdims)
    if initial is not None:
        out = out + initial
    return result(out, dtype, "sum")


def mean(a, axis=None, keepdims=False, dtype=None) -> Tensor:
    """Mean; the mean of integers is truncated to the input dtype."""
    x = arr(a, "mean", "a")
    out = jnp.mean(x, axes(axis, x.ndim, "mean"), keepdims=keepdims)
    if not is_float(x.dtype):
        out = jnp.trunc(out).astype(x.dtype)
    return result(out, dtype, "mean")


def _extreme(fn, jfn, a, axis, keepdims, initial, where):
    x = arr(a, fn, "a")
    ax = axes(axis, x.ndim, fn)
    w = None if where is True else arr(where, fn, "where").astype(bool)
    if w is not None and initial is None:
        raise ValueError(f"For 'numpy.{fn}', the 'initial' should be given when 'where' is used.")
    return wrap(jfn(x, ax, keepdims=keepdims, initial=initial, where=w))


def amax(a, axis=None, keepdims=False, initial=None, where=True) -> Tensor:
    return _extreme("amax", jnp.max, a, axis, keepdims, initial, where)


def amin(a, axis=None, keepdims=False, initial=None, where=True) -> Tensor:
    return _extreme("amin", jnp.min, a, axis, keepdims, initial, where)


def max(a, axis=None, keepdims=False, initial=None, where=True) -> Tensor:  # noqa: A001
    return _extreme("max", jnp.max, a, axis, keepdims, initial, where)


def min(a, axis=None, keepdims=False, initial=None, where=True) -> Tensor:  # noqa: A001
    return _extreme("min", jnp.min, a, axis, keepdims, initial, where)


def ptp(x, axis=None, keepdims=False) -> Tensor:
    a = _t(x, "ptp", "x")
    return wrap(jnp.ptp(a, axes(axis, a.ndim, "ptp"), keepdims=keepdims))


def argmax(a, axis=None) -> Tensor:
    x = _t(a, "argmax")
    return wrap(jnp.argmax(x, None if axis is None else check_axis(axis, x.ndim, "argmax")).astype(jnp.int64))


def argmin(a, axis=None) -> Tensor:
    """Index of the minimum, Int32 (MindSpore's dtype, unlike `argmax`'s Int64)."""
    x = _t(a, "argmin")
    return wrap(jnp.argmin(x, None if axis is None else check_axis(axis, x.ndim, "argmin")).astype(jnp.int32))


def _var(x, axis, ddof, keepdims, fn: str):
    """The variance; for integer inputs MindSpore centres on the truncated integer mean."""
    a = arr(x, fn, "x")
    ax = axes(axis, a.ndim, fn)
    if is_float(a.dtype):
        return jnp.var(a, ax, ddof=ddof, keepdims=keepdims)
    centre = jnp.trunc(jnp.mean(a, ax, keepdims=True)).astype(a.dtype).astype(jnp.float32)
    dev = jnp.square(a.astype(jnp.float32) - centre)
    count = a.size if ax is None else int(np.prod([a.shape[i] for i in ((ax,) if isinstance(ax, int) else ax)]))
    return jnp.sum(dev, ax, keepdims=keepdims) / (count - ddof)


def var(x, axis=None, ddof=0, keepdims=False) -> Tensor:
    return wrap(_var(x, axis, ddof, keepdims, "var"))


def std(x, axis=None, ddof=0, keepdims=False) -> Tensor:
    return wrap(jnp.sqrt(_var(x, axis, ddof, keepdims, "std")))


def average(x, axis=None, weights=None, returned=False):
    """Weighted mean; with `returned`, also the sum of the weights (broadcast like the average)."""
    a = _f(x, "average", "x")
    ax = None if axis is None else axes(axis, a.ndim, "average")
    w = None if weights is None else arr(weights, "average", "weights")
    if w is not None and ax is None and w.shape != a.shape:
        raise TypeError(f"For 'numpy.average', the 'weights' should have the shape of 'x' {a.shape} when 'axis' "
                        f"is None, but got {w.shape}.")
    out = jnp.average(a, ax, w, returned=returned)
    return (wrap(out[0]), wrap(out[1].astype(out[0].dtype))) if returned else wrap(out)


def _nan(fn: str, jfn, a, axis, dtype, keepdims, **kw) -> Tensor:
    x = _t(a, fn)
    return result(jfn(x, axes(axis, x.ndim, fn), keepdims=keepdims, **kw), dtype, fn)


def nansum(a, axis=None, dtype=None, keepdims=False) -> Tensor:
    return _nan("nansum", jnp.nansum, a, axis, dtype, keepdims)


def nanmean(a, axis=None, dtype=None, keepdims=False) -> Tensor:
    return _nan("nanmean", jnp.nanmean, a, axis, dtype, keepdims)


def nanmax(a, axis=None, dtype=None, keepdims=False) -> Tensor:
    return _nan("nanmax", jnp.nanmax, a, axis, dtype, keepdims)


def nanmin(a, axis=None, dtype=None, keepdims=False) -> Tensor:
    return _nan("nanmin", jnp.nanmin, a, axis, dtype, keepdims)


def nanvar(a, axis=None, dtype=None, ddof=0, keepdims=False) -> Tensor:
    return _nan("nanvar", jnp.nanvar, a, axis, dtype, keepdims, ddof=ddof)


def nanstd(a, axis=None, dtype=None, ddof=0, keepdims=False) -> Tensor:
    return _nan("nanstd", jnp.nanstd, a, axis, dtype, keepdims, ddof=ddof)


def _cum(fn: str, jfn, a, axis, dtype) -> Tensor:
    x = _t(a, fn)
    if axis is None:
        x, axis = x.ravel(), 0
    out = jfn(x, check_axis(axis, x.ndim, fn))
    return result(out.astype(x.dtype if x.dtype != np.bool_ else jnp.int32), dtype, fn)


def cumsum(a, axis=None, dtype=None) -> Tensor:
    return _cum("cumsum", jnp.cumsum, a, axis, dtype)


def cumprod(a, axis=None, dtype=None) -> Tensor:
    return _cum("cumprod", jnp.cumprod, a, axis, dtype)


def nancumsum(a, axis=None, dtype=None) -> Tensor:
    return _cum("nancumsum", jnp.nancumsum, a, axis, dtype)


def count_nonzero(x, axis=None, keepdims=False) -> Tensor:
    a = _t(x, "count_nonzero", "x")
    if a.dtype == np.bool_:
        raise TypeError("For 'numpy.count_nonzero', the 'x' should be a numeric Tensor, but got Bool.")
    return wrap(jnp.count_nonzero(a, axes(axis, a.ndim, "count_nonzero"), keepdims=keepdims).astype(jnp.int32))


def sometrue(a, axis=None, keepdims=False) -> Tensor:
    x = _t(a, "sometrue")
    return wrap(jnp.any(x, axes(axis, x.ndim, "sometrue"), keepdims=keepdims))


# ---- element-wise with extra arguments ----------------------------------------------------------

def clip(x, xmin, xmax, dtype=None) -> Tensor:
    a = arr(x, "clip", "x")
    if xmin is None and xmax is None:
        raise ValueError("For 'numpy.clip', the 'xmin' and 'xmax' should not both be None.")
    lo = None if xmin is None else jnp.asarray(arr(xmin, "clip", "xmin"), a.dtype)
    hi = None if xmax is None else jnp.asarray(arr(xmax, "clip", "xmax"), a.dtype)
    return result(jnp.clip(a, lo, hi), dtype, "clip")


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False) -> Tensor:
    x, y = _pair(a, b, "isclose")
    return wrap(jnp.isclose(x, y, rtol, atol, equal_nan))


def around(a, decimals=0) -> Tensor:
    x = _t(a, "around")
    return wrap(jnp.round(x, decimals).astype(x.dtype))


def round(a, decimals=0) -> Tensor:  # noqa: A001
    return around(a, decimals)


def diff(a, n=1, axis=-1, prepend=None, append=None) -> Tensor:
    x = _t(a, "diff")
    axis = check_axis(axis, x.ndim, "diff")
    if n >= x.shape[axis] + (prepend is not None) + (append is not None):
        raise ValueError(f"For 'numpy.diff', the 'n' ({n}) is bigger than the size of axis {axis}.")
    pre = None if prepend is None else arr(prepend, "diff", "prepend")
    app = None if append is None else arr(append, "diff", "append")
    return wrap(jnp.diff(x, n, axis, pre, app))


def ediff1d(ary, to_end=None, to_begin=None) -> Tensor:
    x = _t(ary, "ediff1d", "ary")
    end = None if to_end is None else arr(to_end, "ediff1d", "to_end")
    begin = None if to_begin is None else arr(to_begin, "ediff1d", "to_begin")
    return wrap(jnp.ediff1d(x, end, begin))


def gradient(f, *varargs, axis=None, edge_order=1):
    x = _f(f, "gradient", "f")
    out = jnp.gradient(x, *[arr(v, "gradient", "varargs") if isinstance(v, (Tensor, list)) else v for v in varargs],
                       axis=axes(axis, x.ndim, "gradient"), **({} if edge_order == 1 else {"edge_order": edge_order}))
    return [wrap(o) for o in out] if isinstance(out, list) else wrap(out)


def trapz(y, x=None, dx=1.0, axis=-1) -> Tensor:
    a = _f(y, "trapz", "y")
    xs = None if x is None else arr(x, "trapz", "x")
    return wrap(jnp.trapezoid(a, xs, dx, check_axis(axis, a.ndim, "trapz")))


def interp(x, xp, fp, left=None, right=None) -> Tensor:
    return wrap(jnp.interp(_f(x, "interp", "x"), _f(xp, "interp", "xp"), _f(fp, "interp", "fp"), left, right))


def unwrap(p, discont=np.pi, axis=-1) -> Tensor:
    x = _f(p, "unwrap", "p")
    return wrap(jnp.unwrap(x, discont, check_axis(axis, x.ndim, "unwrap")).astype(x.dtype))


def searchsorted(a, v, side="left", sorter=None) -> Tensor:
    if side not in ("left", "right"):
        raise ValueError(f"For 'numpy.searchsorted', the 'side' should be 'left' or 'right', but got {side!r}.")
    x = _t(a, "searchsorted")
    if sorter is not None:
        x = x[arr(sorter, "searchsorted", "sorter")]
    return wrap(jnp.searchsorted(x, arr(v, "searchsorted", "v"), side).astype(jnp.int32))


def digitize(x, bins, right=False) -> Tensor:
    return wrap(jnp.digitize(arr(x, "digitize", "x"), arr(bins, "digitize", "bins"), right).astype(jnp.int32))


def bincount(x, weights=None, minlength=0, length=None) -> Tensor:
    """Counts (Float32, as MindSpore returns them) of each integer in `x` (negative ones count as 0)."""
    a = _t(x, "bincount", "x")
    if a.dtype.kind not in "iu":
        raise ValueError(f"For 'numpy.bincount', the 'x' should be an integer Tensor, but got {wrap(a).dtype}.")
    if length is None:
        values = concrete(a, "bincount")
        length = builtins.max(int(values.max()) + 1 if values.size else 0, minlength)
    w = None if weights is None else _f(weights, "bincount", "weights")
    return wrap(jnp.bincount(a, w, length=length).astype(jnp.float32))


# ---- products ------------------------------------------------------------------------------------

def matmul(x1, x2, dtype=None) -> Tensor:
    a, b = _pair(x1, x2, "matmul", ("x1", "x2"))
    if a.ndim and b.ndim and a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        raise RuntimeError(f"For 'numpy.matmul', the last axis of 'x1' ({a.shape[-1]}) should equal the second to "
                         f"last axis of 'x2', but got shapes {a.shape} and {b.shape}.")
    return result(jnp.matmul(a, b), dtype, "matmul")


def dot(a, b) -> Tensor:
    x, y = _pair(a, b, "dot")
    if x.ndim and y.ndim and x.shape[-1] != y.shape[-2 if y.ndim > 1 else 0]:
        raise ValueError(f"For 'numpy.dot', the last axis of 'a' should equal the second to last axis of 'b', "
                         f"but got shapes {x.shape} and {y.shape}.")
    return wrap(jnp.dot(x, y))


def inner(a, b) -> Tensor:
    x, y = _pair(a, b, "inner")
    return wrap(jnp.inner(x, y))


def outer(a, b) -> Tensor:
    x, y = _pair(a, b, "outer")
    return wrap(jnp.outer(x, y))


def kron(a, b) -> Tensor:
    x, y = _pair(a, b, "kron")
    return wrap(jnp.kron(x, y))


def tensordot(a, b, axes=2) -> Tensor:  # noqa: A002 - MindSpore's parameter name
    x, y = _pair(a, b, "tensordot")
    try:
        return wrap(jnp.tensordot(x, y, axes))
    except (TypeError, ValueError):
        raise ValueError(f"For 'numpy.tensordot', the 'axes' {axes} do not match the shapes {x.shape} and "
                         f"{y.shape}.") from None


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None) -> Tensor:
    x, y = _pair(a, b, "cross")
    return wrap(jnp.cross(x, y, axisa, axisb, axisc, axis))


def multi_dot(arrays) -> Tensor:
    return wrap(jnp.linalg.multi_dot(promote(*[arr(a, "multi_dot", "arrays") for a in arrays])))


def matrix_power(a, n) -> Tensor:
    x = _t(a, "matrix_power")
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"For 'numpy.matrix_power', the 'n' should be int, but got {type(n).__name__}.")
    return wrap(jnp.linalg.matrix_power(x, n))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None) -> Tensor:
    x = _t(a, "trace")
    if x.ndim < 2:
        raise RuntimeError(f"For 'numpy.trace', the 'a' should be at least 2-D, but got {x.ndim}-D.")
    return result(jnp.trace(x, offset, check_axis(axis1, x.ndim, "trace", "axis1"),
                            check_axis(axis2, x.ndim, "trace", "axis2")), dtype, "trace")


def norm(x, ord=None, axis=None, keepdims=False) -> Tensor:  # noqa: A002
    a = _f(x, "norm", "x")
    ax = None if axis is None else axes(axis, a.ndim, "norm")
    return wrap(jnp.linalg.norm(a, ord, ax, keepdims).astype(a.dtype))


def convolve(a, v, mode="full") -> Tensor:
    x, y = _pair(a, v, "convolve", ("a", "v"))
    return wrap(jnp.convolve(x, y, mode))


def correlate(a, v, mode="valid") -> Tensor:
    x, y = _pair(a, v, "correlate", ("a", "v"))
    return wrap(jnp.correlate(x, y, mode))


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None) -> Tensor:
    a = _f(m, "cov", "m")
    b = None if y is None else _f(y, "cov", "y")
    fw = None if fweights is None else arr(fweights, "cov", "fweights")
    aw = None if aweights is None else arr(aweights, "cov", "aweights")
    return result(jnp.cov(a, b, rowvar, bias, ddof, fw, aw).astype(a.dtype), dtype, "cov")


def corrcoef(x, y=None, rowvar=True, dtype=None) -> Tensor:
    a = _f(x, "corrcoef", "x")
    b = None if y is None else _f(y, "corrcoef", "y")
    return result(jnp.corrcoef(a, b, rowvar).astype(a.dtype), dtype, "corrcoef")


# ---- polynomials ---------------------------------------------------------------------------------

def polyval(p, x) -> Tensor:
    c, v = _pair(p, x, "polyval", ("p", "x"))
    return wrap(jnp.polyval(c, v))


def polyadd(a1, a2) -> Tensor:
    return wrap(jnp.polyadd(*_pair(a1, a2, "polyadd", ("a1", "a2"))))


def polysub(a1, a2) -> Tensor:
    return wrap(jnp.polysub(*_pair(a1, a2, "polysub", ("a1", "a2"))))


def polymul(a1, a2) -> Tensor:
    return wrap(jnp.polymul(*_pair(a1, a2, "polymul", ("a1", "a2"))))


def polyder(p, m=1) -> Tensor:
    return wrap(jnp.polyder(_t(p, "polyder", "p"), m))


def polyint(p, m=1, k=None) -> Tensor:
    c = _t(p, "polyint", "p")
    return wrap(jnp.polyint(c, m, 0 if k is None else k).astype(c.dtype))


# ---- dtypes --------------------------------------------------------------------------------------

def promote_types(type1, type2):
    """The MindSpore dtype both dtypes promote to."""
    return mstype.from_numpy(jnp.promote_types(np_dtype(type1, "promote_types", "type1"),
                                               np_dtype(type2, "promote_types", "type2")))


def result_type(*arrays_and_dtypes):
    """The dtype of an operation on these Tensors, numbers and dtypes (numbers count as Int32/Float32)."""
    dts = []
    for a in arrays_and_dtypes:
        if isinstance(a, Tensor):
            dts.append(a._arr.dtype)
        elif isinstance(a, (bool, int, float, list, tuple)):
            dts.append(arr(a, "result_type", "arrays_and_dtypes").dtype)
        else:
            dts.append(np_dtype(a, "result_type", "arrays_and_dtypes"))
    out = dts[0]
    for d in dts[1:]:
        out = jnp.promote_types(out, d)
    return mstype.from_numpy(out)

