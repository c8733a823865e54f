"""`mindspore.numpy` shape, joining, splitting, indexing and set functions over `jax.numpy`."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor, wrap
from ._core import arr as _arr, axes, check_axis, concrete, promote, shape_arg, tensor_arr


def _t(x, fn: str, name: str = "a"):
    return tensor_arr(x, fn, name)


def _seq(arrays, fn: str, name: str = "arrays") -> list:
    """The arrays of a tuple/list of Tensors (or one Tensor, split along its first axis), in a common dtype."""
    if isinstance(arrays, Tensor):
        return list(arrays._arr)
    if not isinstance(arrays, (tuple, list)) or not arrays:
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be a non-empty tuple or list of Tensors, "
                        f"but got {arrays!r}.")
    return list(promote(*[_arr(a, fn, name) for a in arrays]))


def reshape(x, new_shape) -> Tensor:
    a = _t(x, "reshape", "x")
    shape = new_shape if isinstance(new_shape, (tuple, list)) else (new_shape,)
    if any(isinstance(s, bool) or not isinstance(s, (int, np.integer)) for s in shape):
        raise TypeError(f"For 'numpy.reshape', the 'new_shape' should be int or tuple of int, but got {new_shape}.")
    try:
        return wrap(jnp.reshape(a, shape))
    except (TypeError, ValueError):
        raise ValueError(f"For 'numpy.reshape', the 'new_shape' {new_shape} is invalid for input of "
                         f"size {a.size}.") from None


def ravel(x) -> Tensor:
    return wrap(jnp.ravel(_t(x, "ravel", "x")))


def transpose(a, axes=None) -> Tensor:  # noqa: A002 - shadowing the helper name is MindSpore's signature
    x = _t(a, "transpose")
    if axes is not None:
        perm = tuple(check_axis(i, x.ndim, "transpose", "axes") for i in axes)
        if sorted(perm) != list(range(x.ndim)):
            raise ValueError(f"For 'numpy.transpose', the 'axes' should be a permutation of the axes, "
                             f"but got {axes}.")
        return wrap(jnp.transpose(x, perm))
    return wrap(jnp.transpose(x))


def swapaxes(x, axis1, axis2) -> Tensor:
    a = _t(x, "swapaxes", "x")
    return wrap(jnp.swapaxes(a, check_axis(axis1, a.ndim, "swapaxes", "axis1"),
                             check_axis(axis2, a.ndim, "swapaxes", "axis2")))


def moveaxis(a, source, destination) -> Tensor:
    x = _t(a, "moveaxis")
    src = axes(source, x.ndim, "moveaxis", "source")
    dst = axes(destination, x.ndim, "moveaxis", "destination")
    return wrap(jnp.moveaxis(x, src, dst))


def rollaxis(x, axis, start=0) -> Tensor:
    a = _t(x, "rollaxis", "x")
    axis = check_axis(axis, a.ndim, "rollaxis")
    if isinstance(start, bool) or not isinstance(start, int) or not -a.ndim <= start <= a.ndim:
        raise ValueError(f"For 'numpy.rollaxis', the 'start' should be in range [{-a.ndim}, {a.ndim}], "
                         f"but got {start}.")
    return wrap(jnp.rollaxis(a, axis, start))


def expand_dims(a, axis) -> Tensor:
    x = _t(a, "expand_dims")
    n = x.ndim + (len(axis) if isinstance(axis, (tuple, list)) else 1)
    return wrap(jnp.expand_dims(x, axes(axis, n, "expand_dims")))


def squeeze(a, axis=None) -> Tensor:
    """Drop unit axes; an `axis` whose size is not 1 is kept, as MindSpore does."""
    x = _t(a, "squeeze")
    if axis is None:
        return wrap(jnp.squeeze(x))
    ax = axes(axis, x.ndim, "squeeze")
    ax = tuple(i for i in ((ax,) if isinstance(ax, int) else ax) if x.shape[i] == 1)
    return wrap(jnp.squeeze(x, ax))


def _atleast(fn_name: str, jfn, arys):
    out = [wrap(jfn(_t(a, fn_name, "arys"))) for a in arys]
    return out[0] if len(out) == 1 else out


def atleast_1d(*arys):
    return _atleast("atleast_1d", jnp.atleast_1d, arys)


def atleast_2d(*arys):
    return _atleast("atleast_2d", jnp.atleast_2d, arys)


def atleast_3d(*arys):
    return _atleast("atleast_3d", jnp.atleast_3d, arys)


def broadcast_to(array, shape) -> Tensor:
    a = _arr(array, "broadcast_to", "array")
    shape = shape_arg(shape, "broadcast_to")
    try:
        return wrap(jnp.broadcast_to(a, shape))
    except ValueError:
        raise ValueError(f"For 'numpy.broadcast_to', the 'array' of shape {a.shape} cannot broadcast "
                         f"with {shape}.") from None


def broadcast_arrays(*args) -> list:
    return [wrap(o) for o in jnp.broadcast_arrays(*[_t(a, "broadcast_arrays", "args") for a in args])]


def concatenate(arrays, axis=0) -> Tensor:
    xs = _seq(arrays, "concatenate")
    if axis is None:
        return wrap(jnp.concatenate([x.ravel() for x in xs]))
    if len({x.ndim for x in xs}) != 1:
        raise ValueError(f"For 'numpy.concatenate', all the 'arrays' should have the same rank, "
                         f"but got shapes {[x.shape for x in xs]}.")
    axis = check_axis(axis, xs[0].ndim, "concatenate")
    try:
        return wrap(jnp.concatenate(xs, axis))
    except (TypeError, ValueError):
        raise ValueError(f"For 'numpy.concatenate', the shapes of 'arrays' {[x.shape for x in xs]} do not "
                         f"match outside axis {axis}.") from None


def stack(arrays, axis=0) -> Tensor:
    if isinstance(arrays, (tuple, list)) and not arrays:
        raise IndexError("For 'numpy.stack', the 'arrays' should not be empty.")
    xs = _seq(arrays, "stack")
    if len({x.shape for x in xs}) != 1:
        raise ValueError(f"For 'numpy.stack', all the 'arrays' should have the same shape, "
                         f"but got {[x.shape for x in xs]}.")
    return wrap(jnp.stack(xs, check_axis(axis, xs[0].ndim + 1, "stack")))


def hstack(tup) -> Tensor:
    return wrap(jnp.hstack(_seq(tup, "hstack", "tup")))


def vstack(tup) -> Tensor:
    return wrap(jnp.vstack(_seq(tup, "vstack", "tup")))


def dstack(tup) -> Tensor:
    return wrap(jnp.dstack(_seq(tup, "dstack", "tup")))


def column_stack(tup) -> Tensor:
    return wrap(jnp.column_stack(_seq(tup, "column_stack", "tup")))


def append(arr, values, axis=None) -> Tensor:
    a, v = promote(_t(arr, "append", "arr"), _t(values, "append", "values"))
    if axis is not None:
        axis = check_axis(axis, a.ndim, "append")
    return wrap(jnp.append(a, v, axis))


def _split(x, indices_or_sections, axis, fn: str, even: bool):
    a = _t(x, fn, "x")
    axis = check_axis(axis, a.ndim, fn)
    if isinstance(indices_or_sections, (list, tuple)):
        return [wrap(p) for p in jnp.split(a, list(indices_or_sections), axis)]
    n = indices_or_sections
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n <= 0:
        raise TypeError(f"For 'numpy.{fn}', the 'indices_or_sections' should be a positive int, list or tuple, "
                        f"but got {n!r}.")
    if even and a.shape[axis] % n:
        raise ValueError(f"For 'numpy.{fn}', the 'x' of size {a.shape[axis]} along axis {axis} cannot be split "
                         f"into {n} equal sections.")
    return tuple(wrap(p) for p in jnp.array_split(a, n, axis))


def split(x, indices_or_sections, axis=0):
    """Equal sections (a tuple) or split at indices (a list), as MindSpore returns them."""
    return _split(x, indices_or_sections, axis, "split", even=True)


def array_split(x, indices_or_sections, axis=0):
    return _split(x, indices_or_sections, axis, "array_split", even=False)


def hsplit(x, indices_or_sections):
    return _split(x, indices_or_sections, 1 if _t(x, "hsplit", "x").ndim > 1 else 0, "hsplit", True)


def vsplit(x, indices_or_sections):
    return _split(x, indices_or_sections, 0, "vsplit", True)


def dsplit(x, indices_or_sections):
    return _split(x, indices_or_sections, 2, "dsplit", True)


def tile(a, reps) -> Tensor:
    return wrap(jnp.tile(_t(a, "tile"), shape_arg(reps, "tile", "reps")))


def repeat(a, repeats, axis=None) -> Tensor:
    x = _t(a, "repeat")
    if axis is not None:
        axis = check_axis(axis, x.ndim, "repeat")
    reps = jnp.asarray(repeats) if isinstance(repeats, (list, tuple)) else repeats
    total = int(np.sum(np.broadcast_to(np.asarray(repeats), (x.shape[axis] if axis is not None else x.size,))))
    return wrap(jnp.repeat(x, reps, axis, total_repeat_length=total))


def flip(m, axis=None) -> Tensor:
    x = _t(m, "flip", "m")
    return wrap(jnp.flip(x, axes(axis, x.ndim, "flip")))


def fliplr(m) -> Tensor:
    x = _t(m, "fliplr", "m")
    if x.ndim < 2:
        raise ValueError("For 'numpy.fliplr', the 'm' should be at least 2-D.")
    return wrap(jnp.fliplr(x))


def flipud(m) -> Tensor:
    x = _t(m, "flipud", "m")
    if x.ndim < 1:
        raise ValueError("For 'numpy.flipud', the 'm' should be at least 1-D.")
    return wrap(jnp.flipud(x))


def roll(a, shift, axis=None) -> Tensor:
    x = _t(a, "roll")
    return wrap(jnp.roll(x, shift, axes(axis, x.ndim, "roll")))


def rot90(a, k=1, axes=(0, 1)) -> Tensor:  # noqa: A002 - MindSpore's parameter name
    x = _t(a, "rot90")
    if len(axes) != 2:
        raise ValueError(f"For 'numpy.rot90', the 'axes' should have 2 entries, but got {axes}.")
    return wrap(jnp.rot90(x, k, tuple(check_axis(i, x.ndim, "rot90", "axes") for i in axes)))


_PAD_MODES = ("constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect", "symmetric",
              "wrap", "empty")


def _pad_value(v, fn: str, name: str):
    if isinstance(v, Tensor):
        return np.asarray(v.asnumpy())
    if not isinstance(v, (int, list, tuple)) or isinstance(v, bool):
        raise TypeError(f"For 'numpy.{fn}', the '{name}' should be int, list, tuple or Tensor, "
                        f"but got {type(v).__name__}.")
    return v


def pad(arr, pad_width, mode="constant", stat_length=None, constant_values=0, end_values=0,
        reflect_type="even", **kwargs) -> Tensor:
    """NumPy's padding modes; MindSpore accepts int, list, tuple or Tensor widths and values (not floats)."""
    x = _t(arr, "pad", "arr")
    if callable(mode) or mode not in _PAD_MODES:
        raise ValueError(f"For 'numpy.pad', the 'mode' should be one of {_PAD_MODES}, but got {mode!r}.")
    width = _pad_value(pad_width, "pad", "pad_width")
    opts = {}
    if mode == "constant":
        opts["constant_values"] = _pad_value(constant_values, "pad", "constant_values")
    elif mode == "linear_ramp":
        opts["end_values"] = _pad_value(end_values, "pad", "end_values")
    elif mode in ("maximum", "mean", "median", "minimum"):
        opts["stat_length"] = None if stat_length is None else _pad_value(stat_length, "pad", "stat_length")
    elif mode in ("reflect", "symmetric"):
        opts["reflect_type"] = reflect_type
    return wrap(jnp.pad(x, width, mode, **opts).astype(x.dtype))


def diag(v, k=0) -> Tensor:
    x = _t(v, "diag", "v")
    if x.ndim not in (1, 2):
        raise ValueError(f"For 'numpy.diag', the 'v' should be 1-D or 2-D, but got {x.ndim}-D.")
    return wrap(jnp.diag(x, k))


def diagflat(v, k=0) -> Tensor:
    return wrap(jnp.diagflat(_t(v, "diagflat", "v"), k))


def diagonal(a, offset=0, axis1=0, axis2=1) -> Tensor:
    x = _t(a, "diagonal")
    if x.ndim < 2:
        raise ValueError(f"For 'numpy.diagonal', the 'a' should be at least 2-D, but got {x.ndim}-D.")
    return wrap(jnp.diagonal(x, offset, check_axis(axis1, x.ndim, "diagonal", "axis1"),
                             check_axis(axis2, x.ndim, "diagonal", "axis2")))


def tril(m, k=0) -> Tensor:
    return wrap(jnp.tril(_t(m, "tril", "m"), k))


def triu(m, k=0) -> Tensor:
    return wrap(jnp.triu(_t(m, "triu", "m"), k))


def where(condition, x=None, y=None):
    """Elements of x where condition holds, else y (MindSpore needs both)."""
    c = _arr(condition, "where", "condition")
    if x is None or y is None:
        raise TypeError("For 'numpy.where', the 'x' and 'y' should be array like (int, float, bool, list, tuple "
                        "or Tensor), but got None.")
    a, b = promote(_arr(x, "where", "x"), _arr(y, "where", "y"))
    return wrap(jnp.where(c.astype(bool), a, b))


def _index_mode(mode: str, fn: str) -> str:
    if mode not in ("raise", "wrap", "clip"):
        raise ValueError(f"For 'numpy.{fn}', the 'mode' should be 'raise', 'wrap' or 'clip', but got {mode!r}.")
    return "clip" if mode == "raise" else mode


def take(a, indices, axis=None, mode="clip") -> Tensor:
    """Elements at `indices`; out-of-range indices are clipped (or wrapped with mode='wrap')."""
    x = _t(a, "take")
    idx = _arr(indices, "take", "indices")
    if axis is not None:
        axis = check_axis(axis, x.ndim, "take")
    return wrap(jnp.take(x, idx, axis, mode=_index_mode(mode, "take")))


def take_along_axis(arr, indices, axis) -> Tensor:
    x = _t(arr, "take_along_axis", "arr")
    idx = _t(indices, "take_along_axis", "indices")
    if axis is not None:
        axis = check_axis(axis, x.ndim, "take_along_axis")
    return wrap(jnp.take_along_axis(x, idx, axis, mode="clip"))


def choose(a, choices, mode="clip") -> Tensor:
    idx = _arr(a, "choose", "a")
    cs = _seq(choices, "choose", "choices")
    return wrap(jnp.choose(idx, cs, mode=_index_mode(mode, "choose")))


def select(condlist, choicelist, default=0) -> Tensor:
    conds = [_arr(c, "select", "condlist").astype(bool) for c in condlist]
    choices = _seq(choicelist, "select", "choicelist")
    if len(conds) != len(choices):
        raise ValueError(f"For 'numpy.select', the 'condlist' and 'choicelist' should have the same length, "
                         f"but got {len(conds)} and {len(choices)}.")
    return wrap(jnp.select(conds, choices, jnp.asarray(default, choices[0].dtype)))


def unravel_index(indices, shape, order="C") -> tuple:
    idx = _arr(indices, "unravel_index", "indices")
    return tuple(wrap(i.astype(jnp.int32)) for i in jnp.unravel_index(idx, shape_arg(shape, "unravel_index")))


def ravel_multi_index(multi_index, dims, mode="clip", order="C") -> Tensor:
    """The flat indices (Float32, as MindSpore returns them)."""
    idx = [_arr(i, "ravel_multi_index", "multi_index") for i in multi_index]
    dims = shape_arg(dims, "ravel_multi_index", "dims")
    return wrap(jnp.ravel_multi_index(idx, dims, mode=_index_mode(mode, "ravel_multi_index"),
                                      order=order).astype(jnp.float32))


def argwhere(a) -> Tensor:
    """The indices of the non-zero elements, one row each (Int64)."""
    return wrap(jnp.asarray(np.argwhere(concrete(_arr(a, "argwhere"), "argwhere")), jnp.int64))


def unique(x, return_inverse=False):
    """The distinct values in order of first appearance (MindSpore does not sort them)."""
    a = concrete(_t(x, "unique", "x"), "unique").ravel()
    _, first, inverse = np.unique(a, return_index=True, return_inverse=True)
    order = np.argsort(first)
    values = jnp.asarray(a[first[order]])
    if return_inverse:
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        return wrap(values), wrap(jnp.asarray(rank[inverse.reshape(-1)].astype(np.int32)))
    return wrap(values)


def in1d(ar1, ar2, invert=False) -> Tensor:
    return wrap(jnp.isin(jnp.ravel(_arr(ar1, "in1d", "ar1")), _arr(ar2, "in1d", "ar2"), invert=invert))


def isin(element, test_elements, invert=False) -> Tensor:
    return wrap(jnp.isin(_arr(element, "isin", "element"), _arr(test_elements, "isin", "test_elements"), invert=invert))


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    a = concrete(_arr(ar1, "intersect1d", "ar1"), "intersect1d")
    b = concrete(_arr(ar2, "intersect1d", "ar2"), "intersect1d")
    out = np.intersect1d(a, b, assume_unique, return_indices)
    if return_indices:
        return wrap(jnp.asarray(out[0])), wrap(jnp.asarray(out[1], jnp.int32)), wrap(jnp.asarray(out[2], jnp.int32))
    return wrap(jnp.asarray(out))


def setdiff1d(ar1, ar2, assume_unique=False) -> Tensor:
    a = concrete(_arr(ar1, "setdiff1d", "ar1"), "setdiff1d")
    b = concrete(_arr(ar2, "setdiff1d", "ar2"), "setdiff1d")
    return wrap(jnp.asarray(np.setdiff1d(a, b, assume_unique)))


def array_equal(a1, a2, equal_nan=False) -> Tensor:
    """Same shape and elements, as a Bool Tensor."""
    return wrap(jnp.asarray(jnp.array_equal(_arr(a1, "array_equal", "a1"), _arr(a2, "array_equal", "a2"),
                                            equal_nan=equal_nan)))


def array_equiv(a1, a2) -> Tensor:
    return wrap(jnp.asarray(jnp.array_equiv(_arr(a1, "array_equiv", "a1"), _arr(a2, "array_equiv", "a2"))))


def size(a, axis=None) -> int:
    x = _t(a, "size")
    return int(x.size) if axis is None else int(x.shape[check_axis(axis, x.ndim, "size")])


def isscalar(element) -> bool:
    return isinstance(element, (int, float, bool, complex, str, bytes, np.generic))


def array_str(a) -> str:
    return np.array_str(concrete(_t(a, "array_str"), "array_str"))


def apply_along_axis(func1d, axis, arr, *args, **kwargs) -> Tensor:
    """`func1d` on every 1-D slice along `axis` (called eagerly, slice by slice)."""
    x = _t(arr, "apply_along_axis", "arr")
    axis = check_axis(axis, x.ndim, "apply_along_axis")
    moved = jnp.moveaxis(x, axis, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    outs = [_arr(func1d(wrap(row), *args, **kwargs), "apply_along_axis", "func1d") for row in flat]
    res = jnp.stack(outs).reshape(moved.shape[:-1] + outs[0].shape)
    if outs[0].ndim == 0:
        return wrap(res)
    return wrap(jnp.moveaxis(res.reshape(moved.shape[:-1] + outs[0].shape), tuple(range(x.ndim - 1, res.ndim)),
                             tuple(range(axis, axis + outs[0].ndim))))


def apply_over_axes(func, a, axes) -> Tensor:  # noqa: A002
    """`func(a, axis)` repeatedly over `axes`, keeping the reduced axes."""
    out = a
    for ax in (axes,) if isinstance(axes, int) else axes:
        res = func(out, ax)
        out = res if res.ndim == out.ndim else expand_dims(res, ax)
    return out


def piecewise(x, condlist, funclist, *args, **kw) -> Tensor:
    a = _t(x, "piecewise", "x")
    conds = [_arr(c, "piecewise", "condlist").astype(bool) for c in
             (condlist if isinstance(condlist, (list, tuple)) else [condlist])]
    if len(funclist) == len(conds) + 1:
        conds.append(~jnp.any(jnp.stack(conds), axis=0))
    values = [_arr(f(wrap(a), *args, **kw) if callable(f) else f, "piecewise", "funclist") for f in funclist]
    values = promote(*values)
    out = jnp.zeros(a.shape, values[0].dtype)
    for c, v in zip(conds, values, strict=False):
        out = jnp.where(c, v, out)
    return wrap(out)

