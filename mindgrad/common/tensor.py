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
from .. import _state

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


_initializers: list = []   # `common.initializer.initializer`, registered by that module (it builds on this one)


def register_initializer(fn) -> None:
    _initializers[:] = [fn]


def initialized(init, shape, dtype) -> Tensor:
    """`initializer(init, shape, dtype)`: a Tensor filled by an Initializer, its name or a number."""
    return _initializers[0](init, shape, dtype)


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
    try:
        if x.dtype == np.bool_ and fn in _BOOL_VIA_INT:
            return wrap(fn(x.astype(np.int8), y.astype(np.int8)).astype(np.bool_))
        return wrap(fn(x, y))
    except (TypeError, ValueError):
        _check_broadcast(x, y, op_name)
        raise


def _check_broadcast(x, y, op_name: str) -> None:
    """MindSpore's ValueError for operands whose shapes do not broadcast."""
    try:
        jnp.broadcast_shapes(np.shape(x), np.shape(y))
    except ValueError:
        raise ValueError(f"For '{op_name}', input1.shape and input2.shape need to broadcast, but got input1.shape = "
                         f"{list(np.shape(x))} and input2.shape = {list(np.shape(y))}.") from None


def true_divide(a, b) -> Tensor:
    x, y = operands(a, b, "Div")
    if not _is_inexact(x.dtype):
        x, y = x.astype(jnp.float32), y.astype(jnp.float32)
    return wrap(jnp.true_divide(x, y))


def _concrete(t: Tensor, what: str) -> np.ndarray:
    """The value of a Tensor as NumPy, also while an eager gradient is taped."""
    arr = t._arr
    if isinstance(arr, Tracer):
        _state.needs_python(what)
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
                self._arr = initialized(init, shape, dtype)._arr
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

    def __jax_array__(self):
        return self._arr

    def __len__(self) -> int:
        if self._arr.ndim == 0:
            raise TypeError("Not support len of a 0-D tensor")
        return self._arr.shape[0]

    def __bool__(self) -> bool:
        arr = self._arr
        if isinstance(arr, Tracer):
            _state.needs_python("bool(Tensor)")
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
    def __and__(self, other): return binary(jnp.bitwise_and, self, other, "BitwiseAnd")
    def __rand__(self, other): return binary(jnp.bitwise_and, other, self, "BitwiseAnd")
    def __or__(self, other): return binary(jnp.bitwise_or, self, other, "BitwiseOr")
    def __ror__(self, other): return binary(jnp.bitwise_or, other, self, "BitwiseOr")
    def __xor__(self, other): return binary(jnp.bitwise_xor, self, other, "BitwiseXor")
    def __rxor__(self, other): return binary(jnp.bitwise_xor, other, self, "BitwiseXor")
    def __neg__(self): return wrap(jnp.negative(self._arr))
    def __pos__(self): return wrap(self._arr)
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

    # ---- methods ----------------------------------------------------------
    # The methods that are functional ops of the same name (`x.reshape`, `x.sum`, `x ** y`, `x @ y`,
    # ...) are registered by `mindgrad/ops/_tensor_methods.py`: the ops build on this module.
    def dim(self) -> int:
        return self._arr.ndim

    def numel(self) -> int:
        return int(self._arr.size)


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
