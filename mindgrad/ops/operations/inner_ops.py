"""Inner, deprecated and device-specific Primitives that model code imports: scalar conversions
(`ScalarCast`, `ScalarToTensor`, `ScalarToArray`, `TupleToArray`), the 1.x names `GatherV2` and
`TensorAdd`, the float-status family, the dropout mask pair and `Randperm`.

* `FloatStatus()(x)`: its documented GPU meaning, Float32 [1.] when `x` holds an inf or NaN, else [0.]
  (MindSpore 2.10 has no CPU kernel for it).
* `NPUAllocFloatStatus`, `NPUGetFloatStatus`, `NPUClearFloatStatus` read and clear an Ascend device
  register that has no JAX counterpart: they can be built (as model code does in `__init__`), and
  calling one raises RuntimeError, as on MindSpore's CPU. Use `ops.FloatStatus` or `ops.isfinite`.
* `DropoutGenMask`/`DropoutDoMask` (no CPU kernel in MindSpore): a bit-packed UInt8 keep-mask
  (one bit per element, ceil(n / 128) * 16 bytes) and its application, consistent with each other.
* `Randperm(max_length, pad, dtype)` (no CPU kernel in MindSpore): a random permutation of 0 .. n-1
  padded with `pad` to `max_length`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.tensor import Tensor, wrap
from ..function import array_func as A
from ..function._helpers import dtype_name, float_only, np_dtype, shape_arg, tensor_arr
from .array_ops import Gather
from .math_ops import Add
from ..primitive import Primitive, prim_attr_register


class GatherV2(Gather):
    """MindSpore 1.x's name of `Gather` (MindSpore 2.10 keeps the name but cannot call it)."""


class TensorAdd(Add):
    """MindSpore 1.x's name of `Add`."""


_SCALAR_CASTS = {mstype.int64: int, mstype.float64: float, mstype.bool_: bool}


class ScalarCast(Primitive):
    """A Python bool or number converted to int (Int64), float (Float64) or bool."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x, input_y):
        if not isinstance(input_x, (bool, int, float)):
            raise TypeError(f"For 'ScalarCast', the type of 'x' should be one of '['bool', 'Number']', but got type "
                            f"'{type(input_x).__name__}'.")
        if input_y not in _SCALAR_CASTS:
            raise ValueError(f"For 'ScalarCast', the supported type is in the list: [mindspore.int64, "
                             f"mindspore.float64, mindspore.bool], but got {input_y}")
        return _SCALAR_CASTS[input_y](input_x)


def _scalar_check(x, op: str) -> None:
    if not isinstance(x, (bool, int, float)):
        raise TypeError(f"For '{op}', the type of 'x' should be one of '['bool', 'int', 'float']', but got type "
                        f"'{type(x).__name__}'.")


class ScalarToTensor(Primitive):
    """A Python scalar as a 0-D Tensor of `dtype` (Float32 by default)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, dtype=mstype.float32):
        _scalar_check(x, "ScalarToTensor")
        return wrap(jnp.asarray(x, np_dtype(dtype, "ScalarToTensor")))


class ScalarToArray(Primitive):
    """MindSpore 1.x: a Python scalar as a 0-D Tensor (float -> Float32, int -> Int32, bool -> Bool).
    MindSpore 2.10 keeps the name but cannot call it."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x):
        _scalar_check(input_x, "ScalarToArray")
        dt = jnp.bool_ if isinstance(input_x, bool) else jnp.int32 if isinstance(input_x, int) else jnp.float32
        return wrap(jnp.asarray(input_x, dt))


class TupleToArray(Primitive):
    """A non-empty tuple of numbers of one type as a 1-D Tensor (int -> Int32, float -> Float32)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, *args):
        x = args[0] if len(args) == 1 else args
        if not isinstance(x, tuple):
            raise TypeError(f"For 'TupleToArray', the type of 'x' should be 'tuple', but got type "
                            f"'{type(x).__name__}'.")
        if not x:
            raise ValueError("For 'TupleToArray', the size of x should be > : 0, but got 0.")
        if len({type(v) for v in x}) != 1:
            raise TypeError("For 'TupleToArray', all elements of 'input_x' must be have same type.")
        return A.tuple_to_array(x)


class FloatStatus(Primitive):
    """Float32 [1.] when `x` holds an inf or NaN, else [0.] (MindSpore's GPU meaning)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        a = float_only(x, "FloatStatus", "x")
        return wrap(jnp.any(~jnp.isfinite(a)).astype(jnp.float32).reshape(1))


class _AscendStatus(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, *args):
        raise RuntimeError(f"Unsupported op [{self.name}] on CPU: it reads an Ascend device register that JAX has "
                           f"no counterpart for (MindSpore's CPU has no kernel either); use ops.FloatStatus or "
                           f"ops.isfinite to detect overflow.")


class NPUAllocFloatStatus(_AscendStatus):
    """Ascend-only (allocates the overflow status register): calling it raises RuntimeError."""


class NPUGetFloatStatus(_AscendStatus):
    """Ascend-only (reads the overflow status register): calling it raises RuntimeError."""


class NPUClearFloatStatus(_AscendStatus):
    """Ascend-only (clears the overflow status register): calling it raises RuntimeError."""


class _Seeded(Primitive):
    def _key(self):
        if "_stream" not in self.__dict__:
            self.__dict__["_stream"] = _seed.new_stream(type(self).__name__)
        return _seed.next_key(self._stream)


def _keep_prob(keep_prob, op: str) -> float:
    p = float(keep_prob.item() if isinstance(keep_prob, Tensor) else keep_prob)
    if not 0 < p <= 1:
        raise ValueError(f"For '{op}', the 'keep_prob' should be in (0, 1], but got {p}.")
    return p


class DropoutGenMask(_Seeded):
    """A UInt8 keep-mask for `shape` with keep probability `keep_prob`: one bit per element (little-endian
    bits), padded to a multiple of 128 bits."""

    @prim_attr_register
    def __init__(self, Seed0=0, Seed1=0):  # noqa: N803 - MindSpore's argument names
        pass

    def __call__(self, shape, keep_prob):
        n = int(np.prod(shape_arg(shape, "DropoutGenMask")))
        bits = jax.random.bernoulli(self._key(), _keep_prob(keep_prob, "DropoutGenMask"), (-(-n // 128) * 128,))
        return wrap(jnp.packbits(bits, bitorder="little"))


class DropoutDoMask(Primitive):
    """x * mask / keep_prob with the bit mask of `DropoutGenMask`."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input_x, mask, keep_prob):
        a = float_only(input_x, "DropoutDoMask", "input_x")
        m = tensor_arr(mask, "DropoutDoMask", "mask")
        if m.dtype != jnp.uint8 or m.size * 8 < a.size:
            raise ValueError(f"For 'DropoutDoMask', the 'mask' should be a UInt8 Tensor of at least {-(-a.size // 8)} "
                             f"bytes, but got {dtype_name(m.dtype)} of {m.size}.")
        keep = jnp.unpackbits(m, bitorder="little")[:a.size].reshape(a.shape).astype(bool)
        p = _keep_prob(keep_prob, "DropoutDoMask")
        return wrap(jnp.where(keep, a / p, 0).astype(a.dtype))


class Randperm(_Seeded):
    """A random permutation of 0 .. n-1 (n from a 1-element Tensor) padded with `pad` to `max_length`."""

    @prim_attr_register
    def __init__(self, max_length=1, pad=-1, dtype=mstype.int32):
        if not isinstance(max_length, int) or max_length <= 0:
            raise ValueError(f"For 'Randperm', the 'max_length' should be a positive int, but got {max_length}.")

    def __call__(self, n):
        count = int(np.asarray(tensor_arr(n, "Randperm", "n")).reshape(-1)[0])
        if not 0 <= count <= self.max_length:
            raise ValueError(f"For 'Randperm', the 'n' should be in [0, max_length={self.max_length}], but got "
                             f"{count}.")
        perm = jax.random.permutation(self._key(), count)
        out = jnp.concatenate([perm, jnp.full((self.max_length - count,), self.pad, perm.dtype)])
        return wrap(out.astype(np_dtype(self.dtype, "Randperm")))
