"""Element-wise, counting, random and neural-network Primitives of `mindspore.ops`: `DivNoNan`, `Hypot`,
`Heaviside`, `Igamma`, `Igammac`, `LeftShift`, `LogicalXor`, `Bincount`, `Bucketize`, `Dense`, `Bernoulli`,
`Dropout3D`, `LRN`, and `ApplyRotaryPosEmb` (an Ascend-only fused kernel: constructible, a RuntimeError when called,
as on MindSpore's CPU build), with MindSpore's argument and dtype rules."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import seed as _seed
from ...common.tensor import Tensor, wrap
from ..function._helpers import broadcast_operands, concrete, dtype_name, tensor_arr
from ..function.array_select_func import bucketize
from ..function.conv_pool_func import dense
from ..primitive import Primitive, prim_attr_register
from .pa_linalg_ops import _same_dtype, _typed

__all__ = ["ApplyRotaryPosEmb", "Bernoulli", "Bincount", "Bucketize", "Dense", "DivNoNan", "Dropout3D", "Heaviside",
           "Hypot", "Igamma", "Igammac", "LRN", "LeftShift", "LogicalXor"]

_INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def _type_error(op: str, name: str, expected: str, value) -> TypeError:
    return TypeError(f"For '{op}', the type of '{name}' should be '{expected}', but got type '{type(value).__name__}'.")


def _no_bool(op: str, *arrays) -> None:
    if any(a.dtype == np.bool_ for a in arrays):
        raise TypeError(f"For '{op}', the inputs should be numeric Tensors, but got Bool.")


class DivNoNan(Primitive):
    """x1 / x2, 0 where x2 is 0 (also for x1 NaN or inf); floating or complex results (MindSpore's CPU kernel has
    no integer one), operands promoted and broadcast."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x1, x2):
        _no_bool("DivNoNan", *(t._arr for t in (x1, x2) if isinstance(t, Tensor)))
        x, y = broadcast_operands(x1, x2, "DivNoNan")
        if not jnp.issubdtype(x.dtype, jnp.inexact):
            raise TypeError(f"For 'DivNoNan', the CPU kernel supports floating and complex inputs, but got "
                            f"{dtype_name(x.dtype)}.")
        zero = y == 0
        return wrap(jnp.where(zero, jnp.zeros((), x.dtype), x / jnp.where(zero, jnp.ones((), y.dtype), y)))


class Hypot(Primitive):
    """sqrt(x1 ** 2 + x2 ** 2), operands promoted and broadcast to Float32 or Float64."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x1, x2):
        for name, t in (("x1", x1), ("x2", x2)):
            if isinstance(t, Tensor) and t._arr.dtype in (jnp.float16, jnp.bool_):
                raise TypeError(f"For 'Hypot', the '{name}' should be a Tensor of Float32 or Float64, but got "
                                f"{dtype_name(t._arr.dtype)}.")
        x, y = broadcast_operands(x1, x2, "Hypot")
        if x.dtype not in (jnp.float32, jnp.float64):
            raise TypeError(f"For 'Hypot', the inputs should be Tensors of Float32 or Float64, but got "
                            f"{dtype_name(x.dtype)}.")
        return wrap(jnp.hypot(x, y))


class Heaviside(Primitive):
    """The step function of x: 0 below 0 (and for NaN), `values` at 0, 1 above; two numeric Tensors of one dtype."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, values):
        a, v = tensor_arr(x, "Heaviside", "x"), tensor_arr(values, "Heaviside", "values")
        _no_bool("Heaviside", a, v)
        _same_dtype("Heaviside", x=a, values=v)
        a, v = broadcast_operands(x, values, "Heaviside")
        one, zero = jnp.ones((), a.dtype), jnp.zeros((), a.dtype)
        return wrap(jnp.where(a > 0, one, jnp.where(a == 0, v, zero)))


class Igamma(Primitive):
    """The regularized lower incomplete gamma function P(a, x); NaN for a <= 0 or x < 0. Float32/Float64 Tensors
    of one dtype, broadcast."""

    _fn = staticmethod(jax.scipy.special.gammainc)

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, a, x):
        op = type(self).__name__
        s, t = _typed(a, op, "a", ("float32", "float64")), _typed(x, op, "x", ("float32", "float64"))
        _same_dtype(op, a=s, x=t)
        s, t = broadcast_operands(a, x, op)
        return wrap(jnp.where((s <= 0) | (t < 0), jnp.nan, type(self)._fn(s, t)).astype(s.dtype))


class Igammac(Igamma):
    """The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x); NaN for a <= 0 or x < 0."""

    _fn = staticmethod(jax.scipy.special.gammaincc)


class LeftShift(Primitive):
    """x1 << x2 for two integer Tensors of one dtype, broadcast. As MindSpore's CPU kernel (C++ on x86): narrow
    integers shift as Int32 and wrap back; the shift count is taken modulo 32 (modulo 64 for 64-bit dtypes)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x1, x2):
        for t in (x1, x2):
            if not isinstance(t, Tensor):
                raise TypeError(f"Failed calling LeftShift with \"LeftShift()(x1={type(x1).__name__}, "
                                f"x2={type(x2).__name__})\". The valid calling should be: "
                                f"\"LeftShift()(x1=<Tensor>, x2=<Tensor>)\".")
            if np.dtype(t._arr.dtype).name not in _INTS:
                raise TypeError(f"For 'LeftShift', the dtype of input should be one of [Int8, Int16, Int32, Int64, "
                                f"UInt8, UInt16, UInt32, UInt64], but got {dtype_name(t._arr.dtype)}.")
        if x1._arr.dtype != x2._arr.dtype:
            raise TypeError(f"For 'LeftShift', the dtype of two args should be same, but the first arg dtype "
                            f"{dtype_name(x1._arr.dtype)} are not consistent with second arg dtype "
                            f"{dtype_name(x2._arr.dtype)}.")
        a, s = jnp.broadcast_arrays(*broadcast_operands(x1, x2, "LeftShift"))
        wide = a.dtype if a.dtype.itemsize >= 4 else jnp.int32
        bits = 8 * np.dtype(wide).itemsize
        count = s.astype(wide) & jnp.asarray(bits - 1, wide)
        return wrap(jax.lax.shift_left(a.astype(wide), count).astype(a.dtype))


class LogicalXor(Primitive):
    """Bool Tensor: exactly one of `input`, `other` is nonzero; each a Tensor (any dtype, read as bool) or a bool."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, input, other):  # noqa: A002 - MindSpore's name
        if not all(isinstance(v, (Tensor, bool)) for v in (input, other)):
            raise TypeError(f"Failed calling LogicalXor with \"LogicalXor()(input={type(input).__name__}, "
                            f"other={type(other).__name__})\". The valid calling should be: "
                            f"\"LogicalXor()(input=<bool, Tensor>, other=<bool, Tensor>)\".")
        a, b = (v._arr.astype(jnp.bool_) if isinstance(v, Tensor) else jnp.asarray(v) for v in (input, other))
        a, b = broadcast_operands(wrap(a), wrap(b), "LogicalXor")
        return wrap(jnp.logical_xor(a, b))


class Bincount(Primitive):
    """Counts of the values 0 .. size - 1 in the Int32 `array` (larger ones are left out), each counting its
    `weights` element (Int32/Int64/Float32/Float64, `array`'s shape) or 1 where `weights` is empty; in `weights`'
    dtype. The values and `size` must be concrete: RuntimeError for a negative value, as MindSpore's kernel."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, array, size, weights):
        a = _typed(array, "Bincount", "array", ("int32",))
        if not isinstance(size, Tensor):
            raise TypeError(f"For Primitive[Bincount], the type of input argument[size] must be Tensor but got "
                            f"{type(size).__name__}.")
        n = _typed(size, "Bincount", "size", ("int32",))
        w = _typed(weights, "Bincount", "weights", ("int32", "int64", "float32", "float64"))
        if n.ndim != 0:
            raise ValueError(f"For primitive[Bincount], the size must be equal to 0, but got {n.ndim}.")
        length = int(n)
        if length < 0:
            raise ValueError(f"For primitive[Bincount], the attribute[size] should be a vector with all positive "
                             f"item. but got [{length}, ].")
        values = concrete(a)
        if values is not None and values.size and values.min() < 0:
            raise RuntimeError(f"For Bincount, input array should be nonnegative, but got {values.min()}")
        if w.size == 0:
            w = jnp.ones(a.shape, w.dtype)
        elif w.shape != a.shape:
            raise RuntimeError(f"For Bincount, the size of input_weights {list(w.shape)} need be the same with "
                               f"input_arr {list(a.shape)}")
        return wrap(jnp.zeros((length,), w.dtype).at[a.reshape(-1)].add(w.reshape(-1), mode="drop"))


class Bucketize(Primitive):
    """Int32 index of each element's bucket among the sorted float list `boundaries`: the count of boundaries
    <= x (boundaries[i-1] <= x < boundaries[i])."""

    @prim_attr_register
    def __init__(self, boundaries):
        if not isinstance(boundaries, list):
            raise _type_error("Bucketize", "boundaries", "list", boundaries)
        for i, b in enumerate(boundaries):
            if not isinstance(b, float):
                raise _type_error("Bucketize", f"boundaries[{i}]", "float", b)

    def __call__(self, input):  # noqa: A002 - MindSpore's name
        return bucketize(input, self.boundaries, right=True)


class Dense(Primitive):
    """x @ w.T + b (x (*, in), w (out, in) or (in,), b (out,) or a scalar with a 1-D w, or None)."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, w, b=None):
        if isinstance(w, Tensor) and w.ndim == 1 and isinstance(b, Tensor) and b.ndim != 0:
            raise ValueError("The dim of b should be equal to 0 if the dim of w is 1.")
        return dense(x, w, b)


class Bernoulli(Primitive):
    """0/1 draws with probability `p` (a float in [0, 1], or a Float32/Float64 Tensor broadcast to `x`) in `x`'s
    shape and dtype (not Float16); the instance owns a random stream (MindSpore's numbers are not reproduced)."""

    @prim_attr_register
    def __init__(self, seed=-1, offset=0):
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise _type_error("Bernoulli", "seed", "int", seed)
        if seed < -1:
            raise ValueError(f"Seed must be -1 or a non-negative integer, but got {seed}.")
        self.__dict__["_stream"] = _seed.new_stream("Bernoulli")

    def __call__(self, x, p=0.5):
        a = _typed(x, "Bernoulli", "x", ("bool", "float32", "float64") + _INTS[:5])
        if isinstance(p, Tensor):
            prob = _typed(p, "Bernoulli", "p", ("float32", "float64"))
        elif isinstance(p, float):
            if not 0 <= p <= 1:
                raise ValueError(f"For bernoulli, p should be in [0, 1], but got {p}.")
            prob = p
        else:
            raise TypeError(f"For primitive[Bernoulli], the input argument[p] must be a type of {{Float32, Float64}}, "
                            f"but got {type(p).__name__}.")
        draws = jax.random.bernoulli(_seed.next_key(self._stream), jnp.broadcast_to(prob, a.shape), a.shape)
        return wrap(draws.astype(a.dtype))


class Dropout3D(Primitive):
    """(x with whole channels of (N, C, D, H, W) zeroed with probability 1 - keep_prob and the rest scaled by
    1 / keep_prob, the Bool keep mask in x's shape); a new mask per call from the instance's random stream."""

    @prim_attr_register
    def __init__(self, keep_prob=0.5):
        if not isinstance(keep_prob, float):
            raise _type_error("Dropout3D", "keep_prob", "float", keep_prob)
        if not 0.0 <= keep_prob <= 1.0:
            raise ValueError(f"For 'Dropout3D', the 'keep_prob' must be in range of [0.0, 1.0], but got {keep_prob} "
                             f"with type 'float'.")
        self.__dict__["_stream"] = _seed.new_stream("Dropout3D")

    def __call__(self, x):
        a = tensor_arr(x, "Dropout3D", "x")
        if a.ndim != 5:
            raise ValueError(f"For primitive[Dropout3D], the rank of input  must be equal to 5 , but got {a.ndim}.")
        keep = jax.random.bernoulli(_seed.next_key(self._stream), self.keep_prob, a.shape[:2] + (1, 1, 1))
        mask = jnp.broadcast_to(keep, a.shape)
        scaled = a / self.keep_prob if self.keep_prob else a
        return wrap(jnp.where(mask, scaled, 0).astype(a.dtype)), wrap(mask)


class LRN(Primitive):
    """Local response normalization across channels of (N, C, H, W):
    x / (bias + alpha * sum of x ** 2 over channels c - depth_radius .. c + depth_radius) ** beta."""

    @prim_attr_register
    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
        if isinstance(depth_radius, bool) or not isinstance(depth_radius, int):
            raise _type_error("LRN", "depth_radius", "int", depth_radius)
        if depth_radius < 0:
            raise ValueError(f"For 'LRN', the 'depth_radius' must be int and must >= 0, but got '{depth_radius}' "
                             f"with type 'int'.")
        for name, value in (("bias", bias), ("alpha", alpha), ("beta", beta)):
            if not isinstance(value, float):
                raise _type_error("LRN", name, "float", value)
        if not isinstance(norm_region, str):
            raise _type_error("LRN", "norm_region", "str", norm_region)
        if norm_region != "ACROSS_CHANNELS":
            raise ValueError(f"For 'LRN', the 'norm_region' must be str and must be in '['ACROSS_CHANNELS']', but "
                             f"got '{norm_region}'.")

    def __call__(self, x):
        a = _typed(x, "LRN", "x", ("float16", "float32"))
        if a.ndim != 4:
            raise ValueError(f"For primitive[LRN], the rank of input  must be equal to 4 , but got {a.ndim}.")
        out = lrn(a.astype(jnp.float32), self.depth_radius, self.bias, self.alpha, self.beta)
        return wrap(out.astype(a.dtype))


def lrn(f, r: int, bias: float, alpha: float, beta: float):
    """LRN's math on a floating (N, C, H, W) array (any float dtype: tests check its gradient in Float64)."""
    sums = jax.lax.reduce_window(f * f, 0.0, jax.lax.add, (1, 2 * r + 1, 1, 1), (1, 1, 1, 1),
                                 ((0, 0), (r, r), (0, 0), (0, 0)))
    return f * (bias + alpha * sums) ** -beta


class ApplyRotaryPosEmb(Primitive):
    """Ascend's fused rotary position embedding: constructible with MindSpore's `cos_format`, but calling it raises
    RuntimeError, as on MindSpore's CPU build (the kernel exists only for Ascend, and its layouts are undocumented)."""

    @prim_attr_register
    def __init__(self, cos_format=0):
        pass

    def __call__(self, query, key, cos, sin, position_ids):
        raise RuntimeError("The kernel ApplyRotaryPosEmb unregistered: it is an Ascend-only fused kernel, which "
                           "mindgrad does not implement; rotate with ops.rotary_position_embedding or Tensor "
                           "arithmetic instead.")
