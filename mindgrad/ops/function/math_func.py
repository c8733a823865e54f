"""Element-wise arithmetic, transcendental functions and matrix products (`mindspore.ops` math functions).

Binary ops promote their operands as MindSpore does (`mindgrad.common.tensor.result_dtype`:
int32 + 2.5 -> Float32, float16 + float32 -> Float32, bool * 2 -> Int64). Float32 `exp`,
`sigmoid` and `tanh` use MindSpore's CPU formulas (`_cpu_numerics`). Gradients are JAX's
where they equal MindSpore's; `pow` and `abs` have custom rules, stated on each.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax.custom_derivatives import SymbolicZero

from ...common.tensor import Tensor, wrap
from ...common.tensor import true_divide as _true_divide
from . import _cpu_numerics
from ._helpers import (arr, binary, broadcast_operands, check_axis, dtype_name, float_arr, float_only, is_float,
                       no_bool, np_dtype, tensor_arr)


# ---- arithmetic --------------------------------------------------------------------------------

def _is_bool(x) -> bool:
    return isinstance(x, bool) or (isinstance(x, Tensor) and x._arr.dtype == np.bool_)


def _no_bool_pair(input, other, op: str) -> None:
    if _is_bool(input) and _is_bool(other):
        raise TypeError(f"For '{op}', the inputs should not both be Bool, but got Bool and Bool.")


def add(input, other) -> Tensor:
    """input + other; two Bool inputs are refused, as by MindSpore's Add."""
    _no_bool_pair(input, other, "Add")
    return binary(jnp.add, input, other, "Add")


def sub(input, other) -> Tensor:
    _no_bool_pair(input, other, "Sub")
    return binary(jnp.subtract, input, other, "Sub")


def mul(input, other) -> Tensor:
    return binary(jnp.multiply, input, other, "Mul")


def div(input, other, *, rounding_mode=None) -> Tensor:
    """True division (integers give Float32); `rounding_mode` 'floor' or 'trunc' keeps integer dtypes."""
    if rounding_mode is None:
        return _true_divide(input, other)
    if rounding_mode == "floor":
        return binary(jnp.floor_divide, input, other, "Div")
    if rounding_mode == "trunc":
        x, y = broadcast_operands(input, other, "Div")
        if is_float(x.dtype):
            return wrap(jnp.trunc(x / y))
        return wrap(jnp.trunc(x.astype(jnp.float64) / y).astype(x.dtype))
    raise ValueError(f"For 'div', the 'rounding_mode' should be None, 'floor' or 'trunc', but got {rounding_mode!r}.")


def true_divide(dividend, divisor) -> Tensor:
    return _true_divide(dividend, divisor)


def real_div(x, y) -> Tensor:
    """RealDiv: integer inputs are divided with truncation and keep their dtype (7 / 2 -> 3)."""
    a, b = broadcast_operands(x, y, "RealDiv")
    if is_float(a.dtype):
        return wrap(a / b)
    return wrap(jnp.trunc(a.astype(jnp.float64) / b).astype(a.dtype))


def floor_divide(input, other) -> Tensor:
    return binary(jnp.floor_divide, input, other, "FloorDiv")


def floor_mod(x, y) -> Tensor:
    """x - floor(x / y) * y (the result has the sign of y)."""
    return binary(jnp.mod, x, y, "FloorMod")


def remainder(input, other) -> Tensor:
    return floor_mod(input, other)


def _int_pow(x, y):
    """Integer power as MindSpore's kernel: a negative exponent gives 0 unless |x| == 1."""
    safe = jnp.power(x, jnp.maximum(y, 0))
    unit = jnp.where((x == -1) & (y % 2 != 0), -1, 1).astype(x.dtype)
    return jnp.where(y >= 0, safe, jnp.where(jnp.abs(x) == 1, unit, 0).astype(x.dtype))


@jax.custom_jvp
def _pow(x, y):
    return jnp.power(x, y)


def _pow_jvp(primals, tangents):
    x, y = primals
    tx, ty = tangents
    out = jnp.power(x, y)
    t_out = jnp.zeros_like(out)
    if not isinstance(tx, SymbolicZero):
        t_out = t_out + y * jnp.power(x, y - 1) * tx
    if not isinstance(ty, SymbolicZero):
        dlog = jnp.where(x < 0, jnp.nan, jnp.where((x == 0) & (y >= 0), 0, out * jnp.log(x)))
        t_out = t_out + dlog * ty
    return out, t_out


_pow.defjvp(_pow_jvp, symbolic_zeros=True)


def pow(input, exponent) -> Tensor:  # noqa: A001 - MindSpore's name
    """input ** exponent. Gradients as MindSpore's: d/dx = y * x**(y-1) (NaN at 0**0), d/dy = out * log(x),
    which is NaN for any negative base and 0 at x == 0 when y >= 0 (JAX gives 0 for 0**0 and finite
    values at negative bases with integral exponents)."""
    x, y = broadcast_operands(input, exponent, "Pow")
    if not is_float(x.dtype):
        return wrap(_int_pow(x, y) if x.dtype != np.bool_ else jnp.power(x, y))
    x, y = jnp.broadcast_arrays(x, y)
    return wrap(_pow(x, y))


def maximum(input, other) -> Tensor:
    """Element-wise maximum; at a tie the gradient is split 0.5/0.5, as MindSpore's."""
    return binary(jnp.maximum, input, other, "Maximum")


def minimum(input, other) -> Tensor:
    """Element-wise minimum; at a tie the gradient is split 0.5/0.5, as MindSpore's."""
    return binary(jnp.minimum, input, other, "Minimum")


def neg(input) -> Tensor:
    return wrap(jnp.negative(no_bool(input, "Neg")))


@jax.custom_jvp
def _abs(x):
    return jnp.abs(x)


@_abs.defjvp
def _abs_jvp(primals, tangents):
    x, = primals
    return jnp.abs(x), tangents[0] * jnp.sign(x).astype(tangents[0].dtype)


def abs(input) -> Tensor:  # noqa: A001
    """|x|; the gradient at 0 is 0, as MindSpore's (JAX's own is 1)."""
    a = no_bool(input, "Abs")
    if jnp.iscomplexobj(a):  # MindSpore's Abs of a complex Tensor keeps its dtype: |z| + 0j
        return wrap(jnp.abs(a).astype(a.dtype))
    return wrap(_abs(a) if is_float(a.dtype) else jnp.abs(a))


def sign(input) -> Tensor:
    return wrap(jnp.sign(no_bool(input, "Sign")))


def floor(input) -> Tensor:
    return wrap(jnp.floor(float_only(input, "Floor")))


def ceil(input) -> Tensor:
    return wrap(jnp.ceil(float_only(input, "Ceil")))


def trunc(input) -> Tensor:
    a = no_bool(input, "Trunc")
    return wrap(jnp.trunc(a) if is_float(a.dtype) else a)


def round(input, *, decimals: int = 0) -> Tensor:  # noqa: A001
    """Round half to even; MindSpore's CPU kernel supports only decimals=0 (RuntimeError otherwise)."""
    a = no_bool(input, "Round")
    if decimals != 0:
        raise RuntimeError(f"For Round only support decimals equal 0, but got decimals equal {decimals}")
    return wrap(jnp.round(a) if is_float(a.dtype) else a)


def square(input) -> Tensor:
    return wrap(jnp.square(no_bool(input, "Square")))


def sqrt(x) -> Tensor:
    """Square root; integer and bool inputs give Float32. sqrt'(0) is inf, as in MindSpore."""
    tensor_arr(x, "Sqrt")
    return wrap(jnp.sqrt(float_arr(x, "Sqrt")))


def rsqrt(input) -> Tensor:
    return wrap(jax.lax.rsqrt(float_only(input, "Rsqrt")))


def reciprocal(input) -> Tensor:
    """1 / x; integer inputs give Float32."""
    tensor_arr(input, "Reciprocal")
    return wrap(1 / float_arr(input, "Reciprocal"))


def exp(input) -> Tensor:
    """e**x; float32 uses MindSpore's CPU approximation (see `_cpu_numerics`), gradient dout * y."""
    a = float_only(input, "Exp")
    return wrap(jnp.exp(a) if jnp.iscomplexobj(a) else _cpu_numerics.exp(a))


def log(input) -> Tensor:
    """Natural logarithm; log(0) = -inf, log(x < 0) = NaN, gradient dout / x."""
    return wrap(jnp.log(float_only(input, "Log")))


def sin(input) -> Tensor:
    return wrap(jnp.sin(float_only(input, "Sin")))


def cos(input) -> Tensor:
    return wrap(jnp.cos(float_only(input, "Cos")))


def tanh(input) -> Tensor:
    """Hyperbolic tangent with MindSpore's CPU Padé approximant for float32 (see `_cpu_numerics`)."""
    return wrap(_cpu_numerics.tanh(float_only(input, "Tanh")))


def erf(input) -> Tensor:
    return wrap(jax.scipy.special.erf(float_only(input, "Erf")))


def erfc(input) -> Tensor:
    return wrap(jax.scipy.special.erfc(float_only(input, "Erfc")))


# ---- matrix products and scans -----------------------------------------------------------------

def same_dtype(a, b, op: str) -> None:
    if a.dtype != b.dtype:
        raise TypeError(f"For '{op}', the type of 'x2' should be same as 'x1', but got 'x1' with type "
                        f"Tensor[{dtype_name(a.dtype)}] and 'x2' with type Tensor[{dtype_name(b.dtype)}].")


def matmul(input, other) -> Tensor:
    """NumPy-style matmul: 1-D operands are vectors, leading axes broadcast; dtypes must match.
    Shape mismatches raise RuntimeError, as MindSpore's `ops.matmul` (`ops.MatMul` raises ValueError)."""
    a, b = tensor_arr(input, "MatMul"), tensor_arr(other, "MatMul", "other")
    same_dtype(a, b, "MatMul")
    k_b = b.shape[-2] if b.ndim > 1 else b.shape[0]
    if a.shape[-1] != k_b:
        raise RuntimeError(f"For 'MatMul', shape1[-1] must be equal to shape2[-2], but got {a.shape[-1]} and {k_b}.")
    try:
        return wrap(jnp.matmul(a, b))
    except (ValueError, TypeError):
        raise RuntimeError(f"For 'MatMul', shape1 and shape2 must be broadcastable, but got {list(a.shape)} and "
                           f"{list(b.shape)}.") from None


def mm(input, mat2) -> Tensor:
    return matmul(input, mat2)


def batch_matmul(x, y, transpose_a: bool = False, transpose_b: bool = False, op: str = "BatchMatMul") -> Tensor:
    """BatchMatMul: batch axes must be equal (no broadcasting on MindSpore's CPU)."""
    a, b = tensor_arr(x, op, "x"), tensor_arr(y, op, "y")
    same_dtype(a, b, op)
    a = jnp.swapaxes(a, -1, -2) if transpose_a and a.ndim > 1 else a
    b = jnp.swapaxes(b, -1, -2) if transpose_b and b.ndim > 1 else b
    if a.ndim < 2 or b.ndim < 2 or a.shape[-1] != b.shape[-2]:
        raise ValueError(f"For '{op}', the row of the input 'y' should be same as the col of the input 'x', "
                         f"with x shape {list(x.shape)} and y shape {list(y.shape)}.")
    if a.shape[:-2] != b.shape[:-2]:
        raise ValueError(f"For '{op}', inputs shape cannot be broadcast on CPU, with x shape {list(x.shape)}, "
                         f"y shape {list(y.shape)}.")
    return wrap(jnp.matmul(a, b))


def bmm(input_x, mat2) -> Tensor:
    return batch_matmul(input_x, mat2)


def _sequential_cumsum(a, axis: int, exclusive: bool):
    """Running sum left to right with every partial sum rounded to the input dtype (the sum before each
    element when `exclusive`): MindSpore's CPU CumSum on Float16 (XLA's tree-ordered cumsum differs by
    many Float16 ulps over long axes)."""
    def step(total, v):
        new = total + v
        return new, total if exclusive else new
    moved = jnp.moveaxis(a, axis, 0)
    _, out = jax.lax.scan(step, jnp.zeros(moved.shape[1:], a.dtype), moved)
    return jnp.moveaxis(out, 0, axis)


def cumsum(x, axis: int, dtype=None, exclusive: bool = False, reverse: bool = False) -> Tensor:
    """Cumulative sum along `axis` (bool refused); CumSum's `exclusive`/`reverse` as keyword options."""
    a = no_bool(x, "CumSum", "x")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "CumSum"))
    ax = check_axis(axis, a.ndim, "CumSum")
    if reverse:
        a = jnp.flip(a, ax)
    if a.dtype == jnp.float16:
        out = _sequential_cumsum(a, ax, exclusive)
    else:
        out = jnp.cumsum(a, axis=ax, dtype=a.dtype)
        out = out - a if exclusive else out
    return wrap(jnp.flip(out, ax) if reverse else out)


def addn(x) -> Tensor:
    """AddN: the sum of a tuple of Tensors of one shape and dtype."""
    if not isinstance(x, (tuple, list)) or not x:
        raise TypeError("For 'AddN', the 'x' should be a non-empty tuple or list of Tensors.")
    out = arr(x[0], "AddN")
    for t in x[1:]:
        out = out + arr(t, "AddN")
    return wrap(out)
