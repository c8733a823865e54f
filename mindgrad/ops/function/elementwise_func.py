"""More element-wise math (`mindspore.ops` element-wise functions): a table of JAX functions with
MindSpore's dtype rules, plus the few ops whose rules need code (`nan_to_num`, `cumprod`, `mod`).

Unary float functions (`expm1`, `log1p`, `log2`, `atan`, `acos`, `rint`) compute integer and bool
inputs as Float32, as MindSpore 2.10's CPU kernels do; bitwise ops accept only integer and bool
Tensors (TypeError naming the argument otherwise). Gradients are JAX's, which equal MindSpore's.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import binary, broadcast_operands, check_axis, dtype_name, float_only, is_float, np_dtype, tensor_arr
from .comparison_func import equal
from .math_func import mul, pow


def _float_unary(fn, op: str, name: str):
    def call(input) -> Tensor:
        return wrap(fn(float_only(input, op)))

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{op}`: element-wise `{fn.__name__}` of a float Tensor (TypeError for other dtypes)."
    return call


def _expm1(a):
    """Float16 is computed as exp(x) - 1 in Float16, as MindSpore's CPU kernel (JAX's expm1 is exact)."""
    return jnp.exp(a) - 1 if a.dtype == jnp.float16 else jnp.expm1(a)


expm1 = _float_unary(_expm1, "Expm1", "expm1")
log1p = _float_unary(jnp.log1p, "Log1p", "log1p")
log2 = _float_unary(jnp.log2, "Log2", "log2")
atan = _float_unary(jnp.arctan, "Atan", "atan")
acos = _float_unary(jnp.arccos, "ACos", "acos")
rint = _float_unary(jnp.rint, "Rint", "rint")


def atan2(input, other) -> Tensor:
    """arctan(input / other) by quadrant, of float operands."""
    x, y = broadcast_operands(input, other, "Atan2")
    if not is_float(x.dtype):
        raise TypeError(f"For 'Atan2', the 'input' should be a float Tensor, but got {dtype_name(x.dtype)}.")
    return wrap(jnp.arctan2(x, y))


def _bitwise(fn, op: str, name: str):
    def call(input, other) -> Tensor:
        for arg, v in (("input", input), ("other", other)):
            if isinstance(v, Tensor) and is_float(v._arr.dtype):
                raise TypeError(f"For '{op}', the '{arg}' should be a Tensor of integer or bool type, but got "
                                f"{dtype_name(v._arr.dtype)}.")
        return binary(fn, input, other, op)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"`{op}`: element-wise on integer and bool Tensors."
    return call


bitwise_and = _bitwise(jnp.bitwise_and, "BitwiseAnd", "bitwise_and")
bitwise_or = _bitwise(jnp.bitwise_or, "BitwiseOr", "bitwise_or")
bitwise_xor = _bitwise(jnp.bitwise_xor, "BitwiseXor", "bitwise_xor")


def multiply(input, other) -> Tensor:
    """Alias of `ops.mul`."""
    return mul(input, other)


def eq(input, other) -> Tensor:
    """Alias of `ops.equal`."""
    return equal(input, other)


def pows(input, exponent) -> Tensor:
    """Alias of `ops.pow` (MindSpore's generated `pows`)."""
    return pow(input, exponent)


def mod(x, y) -> Tensor:
    """`ops.Mod`: the remainder of truncated division (its sign follows `x`, as C's fmod)."""
    return binary(jnp.fmod, x, y, "Mod")


def nan_to_num(input, nan=None, posinf=None, neginf=None) -> Tensor:
    """NaN -> `nan` (0.0 by default), +inf/-inf -> `posinf`/`neginf` (the dtype's largest/lowest by default)."""
    a = float_only(input, "NanToNum")
    info = jnp.finfo(a.dtype)
    return wrap(jnp.nan_to_num(a, nan=0.0 if nan is None else nan, posinf=info.max if posinf is None else posinf,
                               neginf=info.min if neginf is None else neginf))


def cumprod(input, dim: int, dtype=None) -> Tensor:
    """Cumulative product along `dim`, computed in `dtype` when given (integer inputs give Int64)."""
    a = tensor_arr(input, "CumProd")
    if a.dtype == np.bool_:
        raise TypeError("For 'CumProd', the 'input' should be a numeric Tensor, but got Bool.")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "CumProd"))
    elif not is_float(a.dtype):
        a = a.astype(jnp.int64)
    return wrap(jnp.cumprod(a, axis=check_axis(dim, a.ndim, "CumProd"), dtype=a.dtype))
