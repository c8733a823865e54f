"""The Tensor methods that are functional ops of the same name, registered on `Tensor` from the ops side.

`mindgrad.common.tensor` is below `mindgrad.ops` (every op builds on Tensor), so the methods that
call an op (`x.reshape`, `x.sum`, `x.max`, `x ** y`, `x @ y`, `v in x`, ...) are written here, on
`_Methods`, and copied onto `Tensor` (and so onto `Parameter`) when `mindgrad.ops` is imported.
"""

from __future__ import annotations

import types

import jax

from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap
from . import function as F


def _varargs(args: tuple) -> tuple:
    """`f(2, 3)` and `f((2, 3))` alike."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else tuple(args)


_NUMPY_STYLE = ("keepdims", "initial", "where", "return_indices")


def _extreme(x: Tensor, args: tuple, kwargs: dict, largest: bool):
    """MindSpore's overloads of Tensor.max/min (see `Tensor.max`)."""
    torch_style = not any(k in kwargs for k in _NUMPY_STYLE)
    if torch_style and args and not isinstance(args[0], (tuple, list)) and args[0] is not None:
        keepdim = kwargs.get("keepdim", args[1] if len(args) > 1 else False)
        return (F.max if largest else F.min)(x, args[0], keepdim)
    axis = kwargs.get("axis", args[0] if args else None)
    keepdims = kwargs.get("keepdims", False)
    if kwargs.get("return_indices", False):
        return (F.max if largest else F.min)(x, axis, keepdims, initial=kwargs.get("initial"))
    reduce = F.amax if largest else F.amin
    return reduce(x, axis, keepdims, initial=kwargs.get("initial"), where=kwargs.get("where"))


class _Methods:
    """The methods; `_register` puts each on `Tensor`."""

    def __contains__(self, value) -> bool:
        return bool(F.any(self == value))

    def __pow__(self, other): return F.pow(self, other)
    def __rpow__(self, other): return F.pow(other, self)
    def __matmul__(self, other): return F.matmul(self, other)
    def __rmatmul__(self, other): return F.matmul(other, self)
    def __abs__(self): return F.abs(self)

    # ---- methods: each one is the functional op of the same name ----------------------------------
    def reshape(self, *shape) -> Tensor:
        return F.reshape(self, _varargs(shape))

    def view(self, *shape) -> Tensor:
        """A reshape, or with a dtype a bitcast (`x.view(ms.int32)` of Float32 keeps the bits)."""
        if len(shape) == 1 and isinstance(shape[0], mstype.Type):
            return wrap(jax.lax.bitcast_convert_type(self._arr, mstype.to_numpy(shape[0])))
        return self.reshape(*shape)

    def transpose(self, *axes) -> Tensor:
        """Permute the axes (reverse them when none are given)."""
        axes = _varargs(axes)
        return F.transpose(self, axes or tuple(reversed(range(self.ndim))))

    def permute(self, *axes) -> Tensor:
        return F.permute(self, _varargs(axes))

    def swapaxes(self, axis0: int, axis1: int) -> Tensor:
        return F.swapaxes(self, axis0, axis1)

    def squeeze(self, axis=None) -> Tensor:
        """Drop size-1 axes; an `axis` whose size is not 1 is left alone, as MindSpore does."""
        return F.squeeze(self, axis)

    def expand_dims(self, axis: int) -> Tensor:
        return F.expand_dims(self, axis)

    def unsqueeze(self, dim: int) -> Tensor:
        return F.unsqueeze(self, dim)

    def flatten(self, order: str = "C", *, start_dim: int = 0, end_dim: int = -1) -> Tensor:
        """Flatten everything by default (unlike `ops.flatten`); `order='F'` reads column-major."""
        return F.flatten(self, order, start_dim=start_dim, end_dim=end_dim)

    def ravel(self) -> Tensor:
        return F.reshape(self, (-1,))

    def broadcast_to(self, shape) -> Tensor:
        return F.broadcast_to(self, shape)

    def expand_as(self, other) -> Tensor:
        return F.broadcast_to(self, other.shape)

    def tile(self, reps) -> Tensor:
        return F.tile(self, reps)

    def flip(self, dims) -> Tensor:
        return F.flip(self, dims)

    def split(self, split_size_or_sections, axis: int = 0) -> tuple:
        return F.split(self, split_size_or_sections, axis)

    def chunk(self, chunks: int, axis: int = 0) -> tuple:
        return F.chunk(self, chunks, axis)

    def unbind(self, dim: int = 0) -> tuple:
        return F.unbind(self, dim)

    def narrow(self, axis: int, start: int, length: int) -> Tensor:
        return F.narrow(self, axis, start, length)

    def gather(self, input_indices, axis: int, batch_dims: int = 0) -> Tensor:
        return F.gather(self, input_indices, axis, batch_dims)

    def index_select(self, axis: int, index) -> Tensor:
        return F.index_select(self, axis, index)

    def masked_fill(self, mask, value) -> Tensor:
        return F.masked_fill(self, mask, value)

    def where(self, condition, y) -> Tensor:
        """`self` where `condition` holds, else `y`."""
        return F.where(condition, self, y)

    def nonzero(self, as_tuple: bool = False):
        return F.nonzero(self, as_tuple=as_tuple)

    def sort(self, axis: int = -1, descending: bool = False) -> tuple:
        return F.sort(self, axis, descending)

    def topk(self, k: int, dim=None, largest: bool = True, sorted: bool = True) -> tuple:  # noqa: A002
        return F.topk(self, k, dim, largest, sorted)

    # ---- dtype conversions --------------------------------------------------------------------
    def astype(self, dtype, copy: bool = True) -> Tensor:
        """Cast to a MindSpore dtype, a NumPy dtype or name, or a Python type (float -> Float64, int -> Int64);
        as `ops.cast` (C-style float -> integer conversion, gradient back to the source dtype), but always a
        new Tensor."""
        if isinstance(dtype, mstype.Type) and not mstype.is_sized(dtype):
            raise TypeError(f"For Tensor.astype, the input type must be one of {list(mstype.all_types)}, "
                            f"but got {dtype!r}.")
        out = F.cast(self, mstype.from_numpy(mstype.to_numpy(dtype)))
        return wrap(out._arr) if out is self else out

    def to(self, dtype) -> Tensor:
        return self.astype(dtype)

    def half(self) -> Tensor:
        return self.astype(mstype.float16)

    def double(self) -> Tensor:
        return self.astype(mstype.float64)

    def long(self) -> Tensor:
        return self.astype(mstype.int64)

    # ---- reductions ---------------------------------------------------------------------------
    def sum(self, axis=None, dtype=None, keepdims: bool = False, initial=None) -> Tensor:
        """Sum; integers and Bool give Int64 (as `ops.sum`); `initial` is added."""
        out = F.sum(self, axis, keepdims, dtype=dtype)
        return out if initial is None else out + initial

    def mean(self, axis=None, keep_dims: bool = False) -> Tensor:
        """Mean; an integer mean is truncated to the input dtype (2.5 -> 2), Bool is refused."""
        return F.mean(self, axis, keep_dims)

    def prod(self, axis=None, keep_dims: bool = False, dtype=None) -> Tensor:
        return F.prod(self, axis, keep_dims, dtype)

    def std(self, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return F.std(self, axis, ddof, keepdims)

    def var(self, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return F.var(self, axis, ddof, keepdims)

    def norm(self, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
        """`ops.norm` of this Tensor."""
        return F.norm(self, ord, dim, keepdim, dtype=dtype)

    def max(self, *args, **kwargs):
        """`x.max()`: the maximum; `x.max(dim)` (axis given positionally): (values, indices);
        `x.max(axis=...)`: values only, or (values, indices) with `return_indices=True`."""
        return _extreme(self, args, kwargs, largest=True)

    def min(self, *args, **kwargs):
        """As `max`, for the minimum."""
        return _extreme(self, args, kwargs, largest=False)

    def amax(self, axis=None, keepdims: bool = False) -> Tensor:
        return F.amax(self, axis, keepdims)

    def amin(self, axis=None, keepdims: bool = False) -> Tensor:
        return F.amin(self, axis, keepdims)

    def argmax(self, axis=None, keepdims: bool = False) -> Tensor:
        """Index of the maximum, Int64."""
        return F.argmax(self, axis, keepdims)

    def argmin(self, axis=None, keepdims: bool = False) -> Tensor:
        """Index of the minimum, Int32 (MindSpore's `Tensor.argmin` dtype, unlike `argmax`)."""
        return F.argmin(self, axis, keepdims)

    def cumsum(self, axis=None, dtype=None) -> Tensor:
        if axis is None:
            return F.cumsum(self.reshape(-1), 0, dtype)
        return F.cumsum(self, axis, dtype)

    # ---- element-wise -------------------------------------------------------------------------
    def abs(self) -> Tensor: return F.abs(self)
    def neg(self) -> Tensor: return F.neg(self)
    def sign(self) -> Tensor: return F.sign(self)
    def square(self) -> Tensor: return F.square(self)
    def sqrt(self) -> Tensor: return F.sqrt(self)
    def rsqrt(self) -> Tensor: return F.rsqrt(self)
    def reciprocal(self) -> Tensor: return F.reciprocal(self)
    def exp(self) -> Tensor: return F.exp(self)
    def log(self) -> Tensor: return F.log(self)
    def sin(self) -> Tensor: return F.sin(self)
    def cos(self) -> Tensor: return F.cos(self)
    def tanh(self) -> Tensor: return F.tanh(self)
    def erf(self) -> Tensor: return F.erf(self)
    def sigmoid(self) -> Tensor: return F.sigmoid(self)
    def floor(self) -> Tensor: return F.floor(self)
    def ceil(self) -> Tensor: return F.ceil(self)
    def trunc(self) -> Tensor: return F.trunc(self)
    def round(self, decimals: int = 0) -> Tensor: return F.round(self, decimals=decimals)
    def pow(self, exponent) -> Tensor: return F.pow(self, exponent)
    def softmax(self, axis: int = -1) -> Tensor: return F.softmax(self, axis)
    def clamp(self, min=None, max=None) -> Tensor: return F.clamp(self, min, max)  # noqa: A002
    def clip(self, min=None, max=None) -> Tensor: return F.clamp(self, min, max)  # noqa: A002
    def logical_not(self) -> Tensor: return F.logical_not(self)

    # ---- binary -------------------------------------------------------------------------------
    def add(self, other) -> Tensor: return F.add(self, other)
    def sub(self, other) -> Tensor: return F.sub(self, other)
    def mul(self, other) -> Tensor: return F.mul(self, other)
    def div(self, other, rounding_mode=None) -> Tensor: return F.div(self, other, rounding_mode=rounding_mode)
    def true_divide(self, other) -> Tensor: return F.true_divide(self, other)
    def floor_divide(self, other) -> Tensor: return F.floor_divide(self, other)
    def remainder(self, other) -> Tensor: return F.remainder(self, other)
    def matmul(self, other) -> Tensor: return F.matmul(self, other)
    def maximum(self, other) -> Tensor: return F.maximum(self, other)
    def minimum(self, other) -> Tensor: return F.minimum(self, other)
    def equal(self, other) -> Tensor: return F.equal(self, other)
    def eq(self, other) -> Tensor: return F.equal(self, other)
    def ne(self, other) -> Tensor: return F.not_equal(self, other)
    def gt(self, other) -> Tensor: return F.greater(self, other)
    def ge(self, other) -> Tensor: return F.greater_equal(self, other)
    def lt(self, other) -> Tensor: return F.less(self, other)
    def le(self, other) -> Tensor: return F.less_equal(self, other)
    def logical_and(self, other) -> Tensor: return F.logical_and(self, other)
    def logical_or(self, other) -> Tensor: return F.logical_or(self, other)

    def isclose(self, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Tensor:
        return F.isclose(self, other, rtol, atol, equal_nan)

    def allclose(self, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
        return bool(F.all(self.isclose(other, rtol, atol, equal_nan)))

    # Defined last: inside the class body these names shadow the builtins.
    def float(self) -> Tensor:
        return self.astype(mstype.float32)

    def int(self) -> Tensor:
        return self.astype(mstype.int32)

    def bool(self) -> Tensor:
        return self.astype(mstype.bool_)


def _register() -> None:
    for name, fn in vars(_Methods).items():
        if isinstance(fn, types.FunctionType):
            fn.__qualname__ = f"Tensor.{name}"
            setattr(Tensor, name, fn)


_register()
