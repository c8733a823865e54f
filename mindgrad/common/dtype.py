"""MindSpore's data types (`mindspore.dtype`, imported as `mstype`).

A dtype prints as MindSpore prints it (`str(ms.float32) == 'Float32'`,
`repr(ms.float32) == 'mindspore.float32'`, `repr(ms.bool_) == 'mindspore.bool'`)
and compares equal to itself and to its aliases (`ms.half is ms.float16`).
`float_`, `int_` and `uint` are MindSpore's generic number types (`Float`,
`Int`, `UInt`): equal to no sized dtype and refused as a Tensor's dtype.
"""

from __future__ import annotations

import builtins
import enum

import jax.numpy as jnp
import numpy as np


class Type:
    """One MindSpore dtype: its printed name and the NumPy/JAX dtype behind it."""

    __slots__ = ("name", "_alias", "np_dtype")

    def __init__(self, name: str, alias: str, np_dtype) -> None:
        self.name = name
        self._alias = alias
        self.np_dtype = np.dtype(np_dtype)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return "mindspore." + self._alias

    def __eq__(self, other) -> bool:
        return isinstance(other, Type) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __reduce__(self):
        return (_lookup, (self._alias,))

    @property
    def is_float(self) -> bool:
        return self.np_dtype.kind == "f" or self is bfloat16

    @property
    def is_int(self) -> bool:
        return self.np_dtype.kind in "iu"


class _Generic(Type):
    """A generic number type (`Float`, `Int`, `UInt`); `ops.cast` maps it to `np_dtype` where MindSpore does."""

    __slots__ = ()

    def __init__(self, name: str, alias: str, np_dtype) -> None:
        self.name = name
        self._alias = alias
        self.np_dtype = None if np_dtype is None else np.dtype(np_dtype)


_BY_ALIAS: dict[str, Type] = {}


def _lookup(alias: str) -> Type:
    return _BY_ALIAS[alias]


bool_ = Type("Bool", "bool", np.bool_)
int8 = Type("Int8", "int8", np.int8)
int16 = Type("Int16", "int16", np.int16)
int32 = Type("Int32", "int32", np.int32)
int64 = Type("Int64", "int64", np.int64)
uint8 = Type("UInt8", "uint8", np.uint8)
uint16 = Type("UInt16", "uint16", np.uint16)
uint32 = Type("UInt32", "uint32", np.uint32)
uint64 = Type("UInt64", "uint64", np.uint64)
float16 = Type("Float16", "float16", np.float16)
float32 = Type("Float32", "float32", np.float32)
float64 = Type("Float64", "float64", np.float64)
bfloat16 = Type("BFloat16", "bfloat16", jnp.bfloat16)
complex64 = Type("Complex64", "complex64", np.complex64)
complex128 = Type("Complex128", "complex128", np.complex128)

float_ = _Generic("Float", "float", np.float32)
int_ = _Generic("Int", "int", np.int32)
uint = _Generic("UInt", "uint", None)

half = float16
single = float32
double = float64
bool = bool_  # noqa: A001 - MindSpore exports `mstype.bool` too
byte = int8
intp = int64
uintp = uint64

number_type = (int8, int16, int32, int64, uint8, uint16, uint32, uint64,
               float16, float32, float64, bfloat16, complex64, complex128)
int_type = (int8, int16, int32, int64)
uint_type = (uint8, uint16, uint32, uint64)
float_type = (float16, float32, float64, bfloat16)
complex_type = (complex64, complex128)
signed_type = int_type + float_type + complex_type
all_types = (bool_,) + number_type

_BY_NP = {t.np_dtype: t for t in all_types}
_BY_ALIAS.update({t._alias: t for t in all_types + (float_, int_, uint)})


def from_numpy(np_dtype) -> Type:
    """The MindSpore dtype of a NumPy/JAX dtype; TypeError for unsupported ones."""
    try:
        return _BY_NP[np.dtype(np_dtype)]
    except (KeyError, TypeError):
        raise TypeError(f"The data type {np_dtype} is not supported by mindgrad.") from None


def to_numpy(dtype) -> np.dtype:
    """The NumPy dtype of a MindSpore dtype, NumPy dtype or Python type (float -> float64, as `astype`)."""
    if isinstance(dtype, Type):
        if dtype.np_dtype is None:
            raise TypeError(f"The data type {dtype!r} is not supported by mindgrad.")
        return dtype.np_dtype
    if dtype is float:
        return np.dtype(np.float64)
    if dtype is complex:
        return np.dtype(np.complex128)
    if dtype is int:
        return np.dtype(np.int64)
    if dtype is builtins.bool:
        return np.dtype(np.bool_)
    try:
        return from_numpy(dtype).np_dtype
    except TypeError:
        raise TypeError(f"For 'dtype', the input should be a MindSpore dtype, but got {dtype!r}.") from None


def is_sized(dtype) -> bool:
    """Whether `dtype` is a concrete MindSpore dtype a Tensor can have (not `float_`, `int_`, `uint`)."""
    return isinstance(dtype, Type) and not isinstance(dtype, _Generic)


def dtype_to_nptype(dtype: Type):
    """MindSpore's `dtype_to_nptype`: the NumPy scalar type of a dtype."""
    return to_numpy(dtype).type


def dtype_to_pytype(dtype: Type) -> type:
    """MindSpore's `dtype_to_pytype`: bool, int, float or complex."""
    if dtype == bool_:
        return builtins.bool
    kind = to_numpy(dtype).kind
    return {"i": int, "u": int, "f": float, "c": complex}.get(kind, float)


def pytype_to_dtype(obj) -> Type:
    """MindSpore's `pytype_to_dtype` for MindSpore dtypes, NumPy dtypes and Python number types: TypeError for an
    object that is not a type, NotImplementedError for a type without a MindSpore dtype."""
    if isinstance(obj, Type):
        return obj
    if not isinstance(obj, (type, np.dtype)):
        raise TypeError("For 'pytype_to_dtype', the argument 'obj' must be a python type object,such as int, float, "
                        f"str, etc. But got type {type(obj)}.")
    try:
        return from_numpy(to_numpy(obj))
    except TypeError:
        raise NotImplementedError(f"The python type {obj} cannot be converted to MindSpore type.") from None


def get_py_obj_dtype(obj) -> Type:
    """MindSpore's `get_py_obj_dtype`: a Tensor's dtype, else the dtype of the object's type (1.0 -> Float64)."""
    dt = getattr(obj, "dtype", None)
    if isinstance(dt, Type):
        return dt
    return pytype_to_dtype(type(obj))


class Tuple(_Generic):
    """MindSpore's type of tuples (`mstype.Tuple()` prints `Tuple`), for type checks in user code."""

    __slots__ = ()

    def __init__(self, *elements) -> None:
        super().__init__("Tuple", "tuple", None)


tensor_type = _Generic("TensorType", "tensor_type", None)
"""MindSpore's generic Tensor type object (`mstype.tensor_type`)."""


class Number(Type):
    """MindSpore's class of the number dtypes; each dtype object is an instance of its family below, so
    `type(ms.float32).__name__` is 'Float' as in MindSpore."""

    __slots__ = ()


class Bool(Number):
    __slots__ = ()


class Int(Number):
    __slots__ = ()


class UInt(Number):
    __slots__ = ()


class Float(Number):
    __slots__ = ()


class BFloat(Number):
    __slots__ = ()


class Complex(Number):
    __slots__ = ()


for _t in all_types:
    _t.__class__ = {"b": Bool, "i": Int, "u": UInt, "f": Float, "c": Complex, "V": BFloat}[
        "V" if _t is bfloat16 else _t.np_dtype.kind]
del _t


@enum.unique
class QuantDtype(enum.Enum):
    """MindSpore's quantization data types (names and values as MindSpore's: `INT1`-`INT16` are 0-15,
    `UINT1`-`UINT16` 100-115); `str()` is the name and `value()` the number, as in MindSpore."""
    (INT1, INT2, INT3, INT4, INT5, INT6, INT7, INT8,
     INT9, INT10, INT11, INT12, INT13, INT14, INT15, INT16) = range(16)
    (UINT1, UINT2, UINT3, UINT4, UINT5, UINT6, UINT7, UINT8,
     UINT9, UINT10, UINT11, UINT12, UINT13, UINT14, UINT15, UINT16) = range(100, 116)

    def __str__(self) -> str:
        return self.name

    def value(self) -> builtins.int:  # (a method in MindSpore, not Enum's attribute)
        return self._value_
