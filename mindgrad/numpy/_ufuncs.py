"""The element-wise functions of `mindspore.numpy`: one table row each, over `jax.numpy`.

A row names the function, its parameters, the JAX function and MindSpore's dtype rule:

* ``same``: the inputs' common dtype (Python numbers count as Int32/Float32 Tensors);
* ``float``: integer and bool inputs are computed in floating point (int8/uint8/bool -> Float16, other
  integers -> Float32, MindSpore's rule for trigonometric functions); ``float32``: as ``float`` but
  everything non-float becomes Float32;
* ``float_only``: integer and bool inputs are refused (TypeError), as by MindSpore's CPU kernels;
* ``bool``: the result is Bool; ``int``: integer and bool inputs only (TypeError otherwise);
* ``scalar_like``: a Python number takes the dtype of the Tensor beside it (maximum(int32, 2.5) is Int32).

`tensor` marks the functions MindSpore runs only on Tensors (a Python number or list is a TypeError).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor, wrap
from ..ops.function import _cpu_numerics
from ..ops.function.math_func import _int_pow, _pow
from ._core import arr, is_float, make, np_dtype, promote, tensor_arr, to_float

_INT_KINDS = "iub"


def _reciprocal(a):
    if is_float(a.dtype):
        return 1 / a
    out = jnp.where(a == 0, 0, jnp.trunc(1 / a.astype(jnp.float64)))
    return out.astype(jnp.int64 if a.dtype == np.bool_ else a.dtype)


def _exp2(a):
    if is_float(a.dtype):
        return jnp.exp2(a)
    return jnp.power(2, a.astype(jnp.int64 if a.dtype == np.bool_ else a.dtype))


def _power(x1, x2):
    """MindSpore's Pow: integer powers with negative exponents give 0 (unless |x| == 1), its gradients."""
    return _pow(x1, x2) if is_float(x1.dtype) else _int_pow(x1, x2)


def _exp(a):
    return _cpu_numerics.exp(a)


def _tanh(a):
    return _cpu_numerics.tanh(a)


def _sign(a):
    return jnp.sign(a if is_float(a.dtype) else a.astype(jnp.float32))


def _abs(a):
    return a if a.dtype == np.bool_ else jnp.abs(a)


def _heaviside(x1, x2):
    return jnp.where(x1 < 0, 0, jnp.where(x1 > 0, 1, x2)).astype(x1.dtype)


def _float_power(x1, x2):
    dt = jnp.float64 if jnp.float64 in (x1.dtype, x2.dtype) else jnp.float32
    return jnp.power(x1.astype(dt), x2.astype(dt))


def _divmod(x1, x2):
    return jnp.floor_divide(x1, x2), jnp.mod(x1, x2)


def _copysign(x1, x2):
    return jnp.where(jnp.signbit(x2.astype(jnp.float32)), -jnp.abs(x1), jnp.abs(x1)).astype(x1.dtype)


U, B = "x, dtype=None", "x1, x2, dtype=None"
# name: (parameters, jax function, rule, Tensors only)
TABLE = {
    "abs": (U, _abs, "same", True), "absolute": (U, _abs, "same", True), "fabs": (U, _abs, "same", True),
    "negative": ("a, dtype=None", jnp.negative, "nobool", False),
    "positive": ("a, dtype=None", jnp.positive, "nobool", True),
    "square": (U, jnp.square, "nobool", False), "reciprocal": (U, _reciprocal, "same", False),
    "sqrt": (U, jnp.sqrt, "float32", False), "cbrt": (U, jnp.cbrt, "float32!", False),
    "ceil": (U, jnp.ceil, "float32!", False), "trunc": (U, jnp.trunc, "float32", False),
    "exp": (U, _exp, "float_only", False), "expm1": (U, jnp.expm1, "float_only", False),
    "exp2": (U, _exp2, "same", False), "floor": (U, jnp.floor, "float_only", False),
    "rint": (U, jnp.rint, "float_only", False), "log": (U, jnp.log, "float_only", False),
    "log2": (U, jnp.log2, "float_only", True), "log10": (U, jnp.log10, "float_only", True),
    "log1p": (U, jnp.log1p, "float_only", False),
    "sin": (U, jnp.sin, "float", True), "cos": (U, jnp.cos, "float", True), "tan": (U, jnp.tan, "float", True),
    "sinh": (U, jnp.sinh, "float", True), "cosh": (U, jnp.cosh, "float", True),
    "tanh": (U, _tanh, "float", True), "arcsin": (U, jnp.arcsin, "float", True),
    "arccos": ("input, dtype=None", jnp.arccos, "float", True), "arctan": (U, jnp.arctan, "float", True),
    "arcsinh": (U, jnp.arcsinh, "float", True), "arccosh": (U, jnp.arccosh, "float", True),
    "arctanh": (U, jnp.arctanh, "float", True), "deg2rad": (U, jnp.deg2rad, "float32", True),
    "rad2deg": (U, jnp.rad2deg, "float32", True), "radians": (U, jnp.radians, "float32", True),
    "fix": ("x", jnp.trunc, "float32", True), "sign": (U, _sign, "nobool", False),
    "signbit": (U, jnp.signbit, "bool", False), "isfinite": (U, jnp.isfinite, "bool", False),
    "isinf": (U, jnp.isinf, "bool", False), "isnan": (U, jnp.isnan, "bool", False),
    "isneginf": ("x", jnp.isneginf, "bool", True), "isposinf": ("x", jnp.isposinf, "bool", True),
    "logical_not": ("a, dtype=None", jnp.logical_not, "bool", False),
    "invert": (U, jnp.invert, "int", False), "bitwise_not": (U, jnp.invert, "int", False),
    "add": (B, jnp.add, "nobool", False), "subtract": (B, jnp.subtract, "nobool", False),
    "multiply": (B, jnp.multiply, "same", True), "divide": (B, jnp.true_divide, "div", False),
    "true_divide": (B, jnp.true_divide, "div", False), "floor_divide": (B, jnp.floor_divide, "same", False),
    "remainder": (B, jnp.remainder, "same", False), "mod": (B, jnp.remainder, "same", False),
    "fmod": (B, jnp.fmod, "same", False), "divmod": (B, _divmod, "same", False),
    "power": (B, _power, "nobool", False), "float_power": (B, _float_power, "same", True),
    "maximum": (B, jnp.maximum, "scalar_like", False), "minimum": (B, jnp.minimum, "scalar_like", False),
    "copysign": (B, _copysign, "scalar_like", False), "heaviside": (B, _heaviside, "same", False),
    "arctan2": (B, jnp.arctan2, "float", True), "hypot": (B, jnp.hypot, "float32", False),
    "logaddexp": (B, jnp.logaddexp, "float_only", False), "logaddexp2": (B, jnp.logaddexp2, "float_only", True),
    "gcd": (B, jnp.gcd, "same", False), "lcm": (B, jnp.lcm, "same", False),
    "equal": (B, jnp.equal, "bool", False), "not_equal": (B, jnp.not_equal, "bool", True),
    "greater": (B, jnp.greater, "bool", False), "greater_equal": (B, jnp.greater_equal, "bool", False),
    "less": (B, jnp.less, "bool", False), "less_equal": (B, jnp.less_equal, "bool", True),
    "logical_and": (B, jnp.logical_and, "bool", False), "logical_or": (B, jnp.logical_or, "bool", False),
    "logical_xor": (B, jnp.logical_xor, "bool", True),
    "bitwise_and": (B, jnp.bitwise_and, "int", False), "bitwise_or": (B, jnp.bitwise_or, "int", False),
    "bitwise_xor": (B, jnp.bitwise_xor, "int", False),
}


def _inputs(name: str, params: str, tensor_only: bool, args: tuple) -> list:
    names = [p.split("=")[0].strip() for p in params.split(",")]
    get = tensor_arr if tensor_only else arr
    return [get(a, name, n) for a, n in zip(args, names, strict=False)]


def _scalar_like(args: tuple, arrays: list) -> list:
    """Python numbers in the dtype of the Tensor beside them."""
    tensors = [a for a, x in zip(arrays, args, strict=True) if isinstance(x, Tensor)]
    if not tensors:
        return arrays
    return [a if isinstance(x, Tensor) else a.astype(tensors[0].dtype) for a, x in zip(arrays, args, strict=True)]


def _apply(name: str, params: str, fn, rule: str, tensor_only: bool, args: tuple, dtype):
    arrays = _inputs(name, params, tensor_only, args)
    if rule == "scalar_like":
        arrays = _scalar_like(args, arrays)
    if len(arrays) > 1:
        try:
            jnp.broadcast_shapes(*[a.shape for a in arrays])
        except ValueError:
            raise ValueError(f"For 'numpy.{name}', the shapes of the inputs should broadcast, but got "
                             f"{' and '.join(str(a.shape) for a in arrays)}.") from None
        arrays = list(promote(*arrays))
    kind = arrays[0].dtype.kind
    if rule == "float_only" and kind in _INT_KINDS:
        raise TypeError(f"For 'numpy.{name}', the input should be a Tensor of Float16, Float32 or Float64, "
                        f"but got {wrap(arrays[0]).dtype}.")
    if rule == "int" and kind not in _INT_KINDS:
        raise TypeError(f"For 'numpy.{name}', the input should be a Tensor of Bool or integer types, "
                        f"but got {wrap(arrays[0]).dtype}.")
    if rule == "int" and fn is jnp.invert and kind == "b":
        raise TypeError(f"For 'numpy.{name}', the input should be a Tensor of integer types, but got Bool.")
    if rule == "nobool" and kind == "b":
        raise TypeError(f"For 'numpy.{name}', the input should be a numeric Tensor, but got Bool.")
    if rule == "float":
        arrays = [to_float(a) for a in arrays]
    elif rule in ("float32", "div") and kind in _INT_KINDS or rule == "float32!" and arrays[0].dtype != jnp.float64:
        arrays = [a.astype(jnp.float32) for a in arrays]
    out = fn(*arrays)
    if dtype is not None and rule == "bool" and fn is jnp.signbit:
        raise TypeError("For 'numpy.signbit', casting the result with 'dtype' is not allowed.")
    if dtype is not None:
        dt = np_dtype(dtype, name)
        if isinstance(out, tuple):
            return tuple(wrap(o.astype(dt)) for o in out)
        out = out.astype(dt)
    return tuple(wrap(o) for o in out) if isinstance(out, tuple) else wrap(out)


_RULES = {
    "same": "in the inputs' common dtype", "nobool": "in the inputs' common dtype (Bool refused)",
    "float": "integers and Bool computed in floating point (int8/uint8/Bool: Float16, others: Float32)",
    "float32": "integers and Bool computed in Float32", "float32!": "computed in Float32",
    "div": "integers and Bool computed in Float32", "float_only": "floating inputs only (TypeError otherwise)",
    "bool": "a Bool result", "int": "integer (and Bool) inputs only", "scalar_like":
    "in the inputs' common dtype; a Python number takes the dtype of the Tensor beside it",
}


def _build(name: str, params: str, fn, rule: str, tensor_only: bool):
    with_dtype = params.endswith("dtype=None")

    def impl(*args):
        if with_dtype:
            *args, dtype = args
        else:
            dtype = None
        return _apply(name, params, fn, rule, tensor_only, tuple(args), dtype)

    impl.__doc__ = f"element-wise, {_RULES[rule]}" + ("; Tensors only." if tensor_only else ".")
    return make(name, params, impl)


FUNCTIONS = {name: _build(name, *row) for name, row in TABLE.items()}
