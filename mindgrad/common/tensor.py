"""`mindspore.Tensor` on a `jax.Array`.

A Tensor holds one JAX array and is a JAX pytree with that array as its only
leaf. Construction follows MindSpore's dtype rules (Python float -> Float32,
Python int -> Int64, bool -> Bool, complex -> Complex128, NumPy and JAX arrays
keep their dtype), arithmetic follows MindSpore's promotion (int32 * 2.5 ->
Float32, int / int -> Float32; NumPy scalars count as Python scalars, and a
Python int wraps around into a narrow integer dtype), and `repr`/`str` print as
MindSpore prints.
"""

from __future__ import annotations

import numbers

import jax
import jax.numpy as jnp
import numpy as np

from . import dtype as mstype
from ._tensor_format import tensor_repr, tensor_str
from .._engine import binding

Tracer = jax.core.Tracer
_PY_SCALARS = (bool, int, float, complex)


# --------------------------------------------------------------------------
# Construction
# --------------------------------------------------------------------------

def _default_np_dtype(value: np.ndarray) -> np.dtype:
    """MindSpore's dtype for data that came from Python objects."""
    kind = value.dtype.kind
    if kind == "f":
        return np.dtype(np.float32)
    if kind in "iu":
        return np.dtype(np.int64)
    if kind == "c":
        return np.dtype(np.complex128)
    return value.dtype


def _plain(data):
    """Replace Tensors nested in lists/tuples by NumPy values."""
    if isinstance(data, Tensor):
        return np.asarray(data.asnumpy())
    if isinstance(data, (list, tuple)):
        return [_plain(d) for d in data]
    return data


def to_array(data, dtype=None) -> jax.Array:
    """Turn `input_data` of `Tensor(input_data, dtype)` into a JAX array."""
    target = None if dtype is None else mstype.to_numpy(dtype)
    if isinstance(data, Tensor):
        arr = data._arr
    elif isinstance(data, (jax.Array, Tracer)):
        arr = data
    elif isinstance(data, (np.ndarray, np.generic)):
        if data.dtype.kind in "OUS":
            raise TypeError(f"For 'Tensor', the type of 'input_data' {data.dtype} is not supported.")
        arr = jnp.asarray(data)
    elif isinstance(data, _PY_SCALARS) or isinstance(data, (list, tuple)):
        try:
            value = np.asarray(_plain(data))
        except ValueError:
            value = np.asarray(None)
        if value.dtype.kind in "OUS":
            raise TypeError(f"For Tensor, the input_data is {data!r} that contain unsupported element.")
        arr = jnp.asarray(value, dtype=target if target is not None else _default_np_dtype(value))
    elif isinstance(data, numbers.Number):
        arr = jnp.asarray(np.asarray(data))
    else:
        raise TypeError(f"For 'Tensor', the type of 'input_data' should be Tensor, numpy.ndarray, list, tuple, "
                        f"int, float or bool, but got {type(data).__name__}.")
    if target is not None and arr.dtype != target:
        arr = arr.astype(target)
    return arr


def wrap(arr) -> Tensor:
    """A Tensor around an existing JAX array (no checks, no copy)."""
    t = object.__new__(Tensor)
    t._arr = arr
    return t


def unwrap(x):
    """The JAX array of a Tensor; other values unchanged."""
    return x._arr if isinstance(x, Tensor) else x


# --------------------------------------------------------------------------
# MindSpore's type promotion
# --------------------------------------------------------------------------

def _is_inexact(dt) -> bool:
    return jnp.issubdtype(dt, jnp.inexact)


def result_dtype(a, b) -> np.dtype:
    """The dtype MindSpore gives `a <op> b` (arrays or Python scalars)."""
    a_scalar, b_scalar = isinstance(a, _PY_SCALARS), isinstance(b, _PY_SCALARS)
    if not a_scalar and not b_scalar:
        return jnp.promote_types(a.dtype, b.dtype)
    if a_scalar and b_scalar:
        return _default_np_dtype(np.asarray(a + b))
    arr, scalar = (b, a) if a_scalar else (a, b)
    dt = np.dtype(arr.dtype)
    if isinstance(scalar, bool):
        return dt
    if isinstance(scalar, int):
        return np.dtype(np.int64) if dt == np.bool_ else dt
    if isinstance(scalar, float):
        return dt if _is_inexact(dt) else np.dtype(np.float32)
    return dt if jnp.issubdtype(dt, jnp.complexfloating) else np.dtype(np.complex64)


def _as_operand(x):
    if isinstance(x, Tensor):
        return x._arr
    if isinstance(x, _PY_SCALARS):
        return x
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, (np.ndarray, jax.Array, Tracer)):
        return jnp.asarray(x)
    if isinstance(x, (list, tuple)):
        return to_array(x)
    raise TypeError(f"unsupported operand type for a Tensor operation: '{type(x).__name__}'")


def operands(a, b, op_name: str = "operation"):
    """Both operands as JAX arrays of MindSpore's common dtype.

    A list or tuple next to a Tensor takes that Tensor's dtype, as in MindSpore
    (int8 + [1.5, 2] is Int8 [2, 4]).
    """
    if isinstance(a, (list, tuple)) and isinstance(b, Tensor):
        a = to_array(a, b._arr.dtype)
    elif isinstance(b, (list, tuple)) and isinstance(a, Tensor):
        b = to_array(b, a._arr.dtype)
    try:
        x, y = _as_operand(a), _as_operand(b)
    except TypeError as e:
        raise TypeError(f"For '{op_name}', {e}") from None
    dt = result_dtype(x, y)
    return _cast_operand(x, dt), _cast_operand(y, dt)


def _cast_operand(x, dt):
    """`x` as an array of dtype `dt`; a Python int wraps around as MindSpore's cast does (uint8: 300 -> 44)."""
    if isinstance(x, int) and not isinstance(x, bool) and np.dtype(dt).kind in "iu":
        return jnp.asarray(np.asarray(x).astype(dt))
    if isinstance(x, _PY_SCALARS) or x.dtype != dt:
        return jnp.asarray(x, dtype=dt)
    return x


def binary(fn, a, b, op_name: str = "operation") -> Tensor:
    """`fn` on MindSpore's common dtype; Bool stays Bool for Sub (True - True = False) and FloorDiv."""
    x, y = operands(a, b, op_name)
    if x.dtype == np.bool_ and fn in _BOOL_VIA_INT:
        return wrap(fn(x.astype(np.int8), y.astype(np.int8)).astype(np.bool_))
    return wrap(fn(x, y))


def true_divide(a, b) -> Tensor:
    x, y = operands(a, b, "Div")
    if not _is_inexact(x.dtype):
        x, y = x.astype(jnp.float32), y.astype(jnp.float32)
    return wrap(jnp.true_divide(x, y))


def _concrete(t: Tensor, what: str) -> np.ndarray:
    """The value of a Tensor as NumPy, also while an eager gradient is taped."""
    arr = t._arr
    if isinstance(arr, Tracer):
        binding.needs_value(what)
        value = arr.to_concrete_value() if hasattr(arr, "to_concrete_value") else None
        if value is None:
            raise RuntimeError(f"'{what}' needs the value of a Tensor that is being traced by jax "
                               f"(inside jax.jit or GRAPH_MODE); it has no concrete value there.")
        return np.asarray(value)
    return np.asarray(arr)


# --------------------------------------------------------------------------
# The Tensor class
# --------------------------------------------------------------------------

class Tensor:
    """MindSpore's Tensor: an immutable-by-default n-d array on a JAX device."""

    __slots__ = ("_arr", "__weakref__")
    __array_priority__ = 100
    __array_ufunc__ = None

    def __init__(self, input_data=None, dtype=None, shape=None, init=None, internal: bool = False,
                 const_arg: bool = False, device=None) -> None:
        if dtype is not None and not mstype.is_sized(dtype):
            raise TypeError(f"For 'Tensor', the 'dtype' should be one of {list(mstype.all_types)}, "
                            f"but got {dtype!r}.")
        if input_data is None:
            if shape is None:
                raise TypeError("For 'Tensor', the type of 'input_data' should be Tensor, numpy.ndarray, list, "
                                "tuple, int, float or bool, but got type 'NoneType'.")
            if dtype is None:
                raise ValueError("For 'Tensor', 'dtype' must be set when 'input_data' is None.")
            shape = (shape,) if isinstance(shape, int) else tuple(shape)
            if init is None:
                self._arr = jnp.zeros(shape, mstype.to_numpy(dtype))
            else:
                from .initializer import initializer
                self._arr = initializer(init, shape, dtype)._arr
            return
        self._arr = to_array(input_data, dtype)

    # ---- pytree -----------------------------------------------------------
    def tree_flatten(self):
        return (self._arr,), None

    @classmethod
    def tree_unflatten(cls, aux, children):
        return wrap(children[0])

    # ---- attributes -------------------------------------------------------
    @property
    def shape(self) -> tuple:
        return tuple(self._arr.shape)

    @property
    def dtype(self) -> mstype.Type:
        return mstype.from_numpy(self._arr.dtype)

    @property
    def ndim(self) -> int:
        return self._arr.ndim

    @property
    def size(self) -> int:
        return int(self._arr.size)

    @property
    def itemsize(self) -> int:
        return np.dtype(self._arr.dtype).itemsize

    @property
    def nbytes(self) -> int:
        return self.size * self.itemsize

    @property
    def strides(self) -> tuple:
        return np.empty(self.shape, dtype=self._arr.dtype).strides

    @property
    def T(self) -> Tensor:
        return wrap(jnp.transpose(self._arr))

    @property
    def data(self) -> Tensor:
        return self

    # ---- conversion -------------------------------------------------------
    def asnumpy(self) -> np.ndarray:
        """A NumPy copy of the value (MindSpore returns a view; a copy is safer)."""
        return np.array(_concrete(self, "Tensor.asnumpy"))

    def numpy(self) -> np.ndarray:
        return self.asnumpy()

    def item(self, index=None):
        value = _concrete(self, "Tensor.item")
        if index is None:
            _check_one_element(value.size)
            return value.reshape(()).item()
        return value.item(index)

    def tolist(self):
        return _concrete(self, "Tensor.tolist").tolist()

    def copy(self) -> Tensor:
        return wrap(jnp.array(self._arr, copy=True))

    def value(self) -> Tensor:
        return wrap(self._arr)

    def init_data(self, slice_index=None, shape=None, opt_shard_group=None) -> Tensor:
        return self

    def __array__(self, dtype=None, copy=None):
        value = _concrete(self, "numpy.asarray(Tensor)")
        return value.astype(dtype) if dtype is not None else value

    def __contains__(self, value) -> bool:
        return bool(_ops().any(self == value))

    def __jax_array__(self):
        return self._arr

    def __len__(self) -> int:
        if self._arr.ndim == 0:
            raise TypeError("Not support len of a 0-D tensor")
        return self._arr.shape[0]

    def __bool__(self) -> bool:
        arr = self._arr
        if isinstance(arr, Tracer):
            binding.needs_value("bool(Tensor)")
        _check_one_element(arr.size)
        return bool(arr)

    def __float__(self) -> float:
        return float(self._scalar())

    def __int__(self) -> int:
        return int(self._scalar())

    def _scalar(self):
        value = _concrete(self, "Tensor to Python scalar")
        if value.size != 1:
            raise ValueError("Only one element tensors can be converted to Python scalars")
        return value.reshape(()).item()

    def __index__(self) -> int:
        if not mstype.from_numpy(self._arr.dtype).is_int or self._arr.size != 1:
            raise ValueError("Only integer tensors of a single element can be converted to an index.")
        return int(self.item())

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        if isinstance(self._arr, Tracer) and not hasattr(self._arr, "to_concrete_value"):
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        try:
            value = _concrete(self, "repr(Tensor)")
        except RuntimeError:
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        return tensor_repr(_printable(value), str(self.dtype))

    def __str__(self) -> str:
        try:
            value = _concrete(self, "str(Tensor)")
        except RuntimeError:
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        return tensor_str(_printable(value), str(self.dtype))

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        return format(self.item(), spec)

    # ---- indexing ---------------------------------------------------------
    def __getitem__(self, index) -> Tensor:
        return wrap(self._arr[_index(index, self.shape)])

    def __setitem__(self, index, value) -> None:
        """Write in place (aliases see it); the value is cast to this Tensor's dtype (2.7 -> 2 for ints)."""
        arr = self._arr
        v = unwrap(value)
        new = arr.at[_index(index, self.shape)].set(jnp.asarray(_plain(v)).astype(arr.dtype))
        self._set_array(new)

    def _set_array(self, arr) -> None:
        self._arr = arr

    # ---- arithmetic -------------------------------------------------------
    def __add__(self, other): return binary(jnp.add, self, other, "Add")
    def __radd__(self, other): return binary(jnp.add, other, self, "Add")
    def __sub__(self, other): return binary(jnp.subtract, self, other, "Sub")
    def __rsub__(self, other): return binary(jnp.subtract, other, self, "Sub")
    def __mul__(self, other): return binary(jnp.multiply, self, other, "Mul")
    def __rmul__(self, other): return binary(jnp.multiply, other, self, "Mul")
    def __truediv__(self, other): return true_divide(self, other)
    def __rtruediv__(self, other): return true_divide(other, self)
    def __floordiv__(self, other): return binary(jnp.floor_divide, self, other, "FloorDiv")
    def __rfloordiv__(self, other): return binary(jnp.floor_divide, other, self, "FloorDiv")
    def __mod__(self, other): return binary(jnp.mod, self, other, "FloorMod")
    def __rmod__(self, other): return binary(jnp.mod, other, self, "FloorMod")
    def __pow__(self, other): return _ops().pow(self, other)
    def __rpow__(self, other): return _ops().pow(other, self)
    def __matmul__(self, other): return _ops().matmul(self, other)
    def __rmatmul__(self, other): return _ops().matmul(other, self)
    def __and__(self, other): return binary(jnp.bitwise_and, self, other, "BitwiseAnd")
    def __rand__(self, other): return binary(jnp.bitwise_and, other, self, "BitwiseAnd")
    def __or__(self, other): return binary(jnp.bitwise_or, self, other, "BitwiseOr")
    def __ror__(self, other): return binary(jnp.bitwise_or, other, self, "BitwiseOr")
    def __xor__(self, other): return binary(jnp.bitwise_xor, self, other, "BitwiseXor")
    def __rxor__(self, other): return binary(jnp.bitwise_xor, other, self, "BitwiseXor")
    def __neg__(self): return wrap(jnp.negative(self._arr))
    def __pos__(self): return wrap(self._arr)
    def __abs__(self): return _ops().abs(self)
    def __invert__(self): return wrap(jnp.invert(self._arr))
    def __lt__(self, other): return binary(jnp.less, self, other, "Less")
    def __le__(self, other): return binary(jnp.less_equal, self, other, "LessEqual")
    def __gt__(self, other): return binary(jnp.greater, self, other, "Greater")
    def __ge__(self, other): return binary(jnp.greater_equal, self, other, "GreaterEqual")

    def __eq__(self, other):
        if not _is_operand(other):
            return NotImplemented
        return binary(jnp.equal, self, other, "Equal")

    def __ne__(self, other):
        if not _is_operand(other):
            return NotImplemented
        return binary(jnp.not_equal, self, other, "NotEqual")

    # ---- methods: each one is the functional op of the same name (`mindgrad.ops`) ----------------
    def dim(self) -> int:
        return self._arr.ndim

    def numel(self) -> int:
        return int(self._arr.size)

    def reshape(self, *shape) -> Tensor:
        return _ops().reshape(self, _varargs(shape))

    def view(self, *shape) -> Tensor:
        """A reshape, or with a dtype a bitcast (`x.view(ms.int32)` of Float32 keeps the bits)."""
        if len(shape) == 1 and isinstance(shape[0], mstype.Type):
            return wrap(jax.lax.bitcast_convert_type(self._arr, mstype.to_numpy(shape[0])))
        return self.reshape(*shape)

    def transpose(self, *axes) -> Tensor:
        """Permute the axes (reverse them when none are given)."""
        axes = _varargs(axes)
        return _ops().transpose(self, axes or tuple(reversed(range(self.ndim))))

    def permute(self, *axes) -> Tensor:
        return _ops().permute(self, _varargs(axes))

    def swapaxes(self, axis0: int, axis1: int) -> Tensor:
        return _ops().swapaxes(self, axis0, axis1)

    def squeeze(self, axis=None) -> Tensor:
        """Drop size-1 axes; an `axis` whose size is not 1 is left alone, as MindSpore does."""
        return _ops().squeeze(self, axis)

    def expand_dims(self, axis: int) -> Tensor:
        return _ops().expand_dims(self, axis)

    def unsqueeze(self, dim: int) -> Tensor:
        return _ops().unsqueeze(self, dim)

    def flatten(self, order: str = "C", *, start_dim: int = 0, end_dim: int = -1) -> Tensor:
        """Flatten everything by default (unlike `ops.flatten`); `order='F'` reads column-major."""
        return _ops().flatten(self, order, start_dim=start_dim, end_dim=end_dim)

    def ravel(self) -> Tensor:
        return _ops().reshape(self, (-1,))

    def broadcast_to(self, shape) -> Tensor:
        return _ops().broadcast_to(self, shape)

    def expand_as(self, other) -> Tensor:
        return _ops().broadcast_to(self, other.shape)

    def tile(self, reps) -> Tensor:
        return _ops().tile(self, reps)

    def flip(self, dims) -> Tensor:
        return _ops().flip(self, dims)

    def split(self, split_size_or_sections, axis: int = 0) -> tuple:
        return _ops().split(self, split_size_or_sections, axis)

    def chunk(self, chunks: int, axis: int = 0) -> tuple:
        return _ops().chunk(self, chunks, axis)

    def unbind(self, dim: int = 0) -> tuple:
        return _ops().unbind(self, dim)

    def narrow(self, axis: int, start: int, length: int) -> Tensor:
        return _ops().narrow(self, axis, start, length)

    def gather(self, input_indices, axis: int, batch_dims: int = 0) -> Tensor:
        return _ops().gather(self, input_indices, axis, batch_dims)

    def index_select(self, axis: int, index) -> Tensor:
        return _ops().index_select(self, axis, index)

    def masked_fill(self, mask, value) -> Tensor:
        return _ops().masked_fill(self, mask, value)

    def where(self, condition, y) -> Tensor:
        """`self` where `condition` holds, else `y`."""
        return _ops().where(condition, self, y)

    def nonzero(self, as_tuple: bool = False):
        return _ops().nonzero(self, as_tuple=as_tuple)

    def sort(self, axis: int = -1, descending: bool = False) -> tuple:
        return _ops().sort(self, axis, descending)

    def topk(self, k: int, dim=None, largest: bool = True, sorted: bool = True) -> tuple:  # noqa: A002
        return _ops().topk(self, k, dim, largest, sorted)

    # ---- dtype conversions --------------------------------------------------------------------
    def astype(self, dtype, copy: bool = True) -> Tensor:
        """Cast to a MindSpore dtype, a NumPy dtype or name, or a Python type (float -> Float64, int -> Int64);
        as `ops.cast` (C-style float -> integer conversion, gradient back to the source dtype), but always a
        new Tensor."""
        if isinstance(dtype, mstype.Type) and not mstype.is_sized(dtype):
            raise TypeError(f"For Tensor.astype, the input type must be one of {list(mstype.all_types)}, "
                            f"but got {dtype!r}.")
        out = _ops().cast(self, mstype.from_numpy(mstype.to_numpy(dtype)))
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
        out = _ops().sum(self, axis, keepdims, dtype=dtype)
        return out if initial is None else out + initial

    def mean(self, axis=None, keep_dims: bool = False) -> Tensor:
        """Mean; an integer mean is truncated to the input dtype (2.5 -> 2), Bool is refused."""
        return _ops().mean(self, axis, keep_dims)

    def prod(self, axis=None, keep_dims: bool = False, dtype=None) -> Tensor:
        return _ops().prod(self, axis, keep_dims, dtype)

    def std(self, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return _ops().std(self, axis, ddof, keepdims)

    def var(self, axis=None, ddof: int = 0, keepdims: bool = False) -> Tensor:
        return _ops().var(self, axis, ddof, keepdims)

    def norm(self, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:  # noqa: A002
        """`ops.norm` of this Tensor."""
        return _ops().norm(self, ord, dim, keepdim, dtype=dtype)

    def max(self, *args, **kwargs):
        """`x.max()`: the maximum; `x.max(dim)` (axis given positionally): (values, indices);
        `x.max(axis=...)`: values only, or (values, indices) with `return_indices=True`."""
        return _extreme(self, args, kwargs, largest=True)

    def min(self, *args, **kwargs):
        """As `max`, for the minimum."""
        return _extreme(self, args, kwargs, largest=False)

    def amax(self, axis=None, keepdims: bool = False) -> Tensor:
        return _ops().amax(self, axis, keepdims)

    def amin(self, axis=None, keepdims: bool = False) -> Tensor:
        return _ops().amin(self, axis, keepdims)

    def argmax(self, axis=None, keepdims: bool = False) -> Tensor:
        """Index of the maximum, Int64."""
        return _ops().argmax(self, axis, keepdims)

    def argmin(self, axis=None, keepdims: bool = False) -> Tensor:
        """Index of the minimum, Int32 (MindSpore's `Tensor.argmin` dtype, unlike `argmax`)."""
        return _ops().argmin(self, axis, keepdims)

    def cumsum(self, axis=None, dtype=None) -> Tensor:
        if axis is None:
            return _ops().cumsum(self.reshape(-1), 0, dtype)
        return _ops().cumsum(self, axis, dtype)

    # ---- element-wise -------------------------------------------------------------------------
    def abs(self) -> Tensor: return _ops().abs(self)
    def neg(self) -> Tensor: return _ops().neg(self)
    def sign(self) -> Tensor: return _ops().sign(self)
    def square(self) -> Tensor: return _ops().square(self)
    def sqrt(self) -> Tensor: return _ops().sqrt(self)
    def rsqrt(self) -> Tensor: return _ops().rsqrt(self)
    def reciprocal(self) -> Tensor: return _ops().reciprocal(self)
    def exp(self) -> Tensor: return _ops().exp(self)
    def log(self) -> Tensor: return _ops().log(self)
    def sin(self) -> Tensor: return _ops().sin(self)
    def cos(self) -> Tensor: return _ops().cos(self)
    def tanh(self) -> Tensor: return _ops().tanh(self)
    def erf(self) -> Tensor: return _ops().erf(self)
    def sigmoid(self) -> Tensor: return _ops().sigmoid(self)
    def floor(self) -> Tensor: return _ops().floor(self)
    def ceil(self) -> Tensor: return _ops().ceil(self)
    def trunc(self) -> Tensor: return _ops().trunc(self)
    def round(self, decimals: int = 0) -> Tensor: return _ops().round(self, decimals=decimals)
    def pow(self, exponent) -> Tensor: return _ops().pow(self, exponent)
    def softmax(self, axis: int = -1) -> Tensor: return _ops().softmax(self, axis)
    def clamp(self, min=None, max=None) -> Tensor: return _ops().clamp(self, min, max)  # noqa: A002
    def clip(self, min=None, max=None) -> Tensor: return _ops().clamp(self, min, max)  # noqa: A002
    def logical_not(self) -> Tensor: return _ops().logical_not(self)

    # ---- binary -------------------------------------------------------------------------------
    def add(self, other) -> Tensor: return _ops().add(self, other)
    def sub(self, other) -> Tensor: return _ops().sub(self, other)
    def mul(self, other) -> Tensor: return _ops().mul(self, other)
    def div(self, other, rounding_mode=None) -> Tensor: return _ops().div(self, other, rounding_mode=rounding_mode)
    def true_divide(self, other) -> Tensor: return _ops().true_divide(self, other)
    def floor_divide(self, other) -> Tensor: return _ops().floor_divide(self, other)
    def remainder(self, other) -> Tensor: return _ops().remainder(self, other)
    def matmul(self, other) -> Tensor: return _ops().matmul(self, other)
    def maximum(self, other) -> Tensor: return _ops().maximum(self, other)
    def minimum(self, other) -> Tensor: return _ops().minimum(self, other)
    def equal(self, other) -> Tensor: return _ops().equal(self, other)
    def eq(self, other) -> Tensor: return _ops().equal(self, other)
    def ne(self, other) -> Tensor: return _ops().not_equal(self, other)
    def gt(self, other) -> Tensor: return _ops().greater(self, other)
    def ge(self, other) -> Tensor: return _ops().greater_equal(self, other)
    def lt(self, other) -> Tensor: return _ops().less(self, other)
    def le(self, other) -> Tensor: return _ops().less_equal(self, other)
    def logical_and(self, other) -> Tensor: return _ops().logical_and(self, other)
    def logical_or(self, other) -> Tensor: return _ops().logical_or(self, other)

    def isclose(self, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Tensor:
        return _ops().isclose(self, other, rtol, atol, equal_nan)

    def allclose(self, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> bool:
        return bool(_ops().all(self.isclose(other, rtol, atol, equal_nan)))

    # Defined last: inside the class body these names shadow the builtins.
    def float(self) -> Tensor:
        return self.astype(mstype.float32)

    def int(self) -> Tensor:
        return self.astype(mstype.int32)

    def bool(self) -> Tensor:
        return self.astype(mstype.bool_)


def _ops():
    """`mindgrad.ops.function`, imported on first use (it imports this module)."""
    from ..ops import function
    return function


def _varargs(args: tuple) -> tuple:
    """`f(2, 3)` and `f((2, 3))` alike."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else tuple(args)


_NUMPY_STYLE = ("keepdims", "initial", "where", "return_indices")


def _extreme(x: Tensor, args: tuple, kwargs: dict, largest: bool):
    """MindSpore's overloads of Tensor.max/min (see `Tensor.max`)."""
    F = _ops()
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


_BOOL_VIA_INT = (jnp.subtract, jnp.floor_divide)


def _check_one_element(size: int) -> None:
    if size != 1:
        raise ValueError(f"The tensor should have only one element, but got {size}, more than one element "
                         f"is ambiguous.")


def _is_operand(x) -> bool:
    return isinstance(x, (Tensor, np.ndarray, np.generic, jax.Array, Tracer, list, tuple) + _PY_SCALARS)


def _index(index, shape: tuple):
    """A Tensor index as something JAX indexing accepts; an int out of range raises IndexError (JAX clamps)."""
    _check_bounds(index if isinstance(index, tuple) else (index,), shape)
    if isinstance(index, Tensor):
        return index._arr
    if isinstance(index, tuple):
        return tuple(i._arr if isinstance(i, Tensor) else i for i in index)
    if isinstance(index, list):
        return jnp.asarray(_plain(index))
    return index


def _check_bounds(items: tuple, shape: tuple) -> None:
    """MindSpore's IndexError for a Python int index outside its dimension."""
    def width(i) -> int:
        if i is None or i is Ellipsis or isinstance(i, (bool, np.bool_)):
            return 0
        dt = i._arr.dtype if isinstance(i, Tensor) else getattr(i, "dtype", None)
        if dt is not None and np.dtype(dt) == np.bool_:
            return len(i.shape)
        return 1
    dim = 0
    for pos, i in enumerate(items):
        if i is Ellipsis:
            dim = len(shape) - sum(width(j) for j in items[pos + 1:])
            continue
        if isinstance(i, (int, np.integer)) and not isinstance(i, (bool, np.bool_)) and dim < len(shape):
            size = shape[dim]
            if not -size <= i < size:
                raise IndexError(f"index {i} is out of bounds for dimension with size {size}")
        dim += width(i)


def _printable(value: np.ndarray) -> np.ndarray:
    if value.dtype == jnp.bfloat16:
        return value.astype(np.float32)
    return value


jax.tree_util.register_pytree_node(Tensor, Tensor.tree_flatten, Tensor.tree_unflatten)
