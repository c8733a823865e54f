"""Activation Cells (`mindspore.nn.layer.activation`) and `get_activation`.

Values and gradients as MindSpore 2.10 computes them on CPU, kinks included:
ReLU'(0) = 0; ReLU6 passes gradient on (0, 6], HSigmoid strictly inside (-3, 3); HSwish uses
(2x + 3) / 6 on [-3, 3]; LeakyReLU and Hardtanh are built from maximum/minimum, so a tie splits
the gradient 0.5/0.5 as MindSpore's do.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...ops.function import math_func as M
from ...ops.function import nn_func as F
from .. import _validator as V
from ..cell import Cell
from ._util import arr, float_arr

__all__ = ["Softmin", "Softmax", "Softmax2d", "LogSoftmax", "ReLU", "ReLU6", "SeLU", "SiLU", "Tanh", "Tanhshrink",
           "Hardtanh", "GELU", "FastGelu", "Sigmoid", "Softsign", "PReLU", "get_activation", "LeakyReLU", "HSigmoid",
           "HSwish", "ELU", "LogSigmoid", "SoftShrink", "HShrink", "CELU", "Threshold", "Mish", "GLU"]


def _axis(axis: int, ndim: int, name: str) -> int:
    if not -max(ndim, 1) <= axis < max(ndim, 1):
        raise ValueError(f"For '{name}', the 'axis' must be in range [{-max(ndim, 1)}, {max(ndim, 1)}), "
                         f"but got {axis}.")
    return axis % max(ndim, 1)


@partial(jax.custom_jvp, nondiff_argnums=(3,))
def _mask_linear(x, low, high, include_high: bool):
    """x clipped to [low, high]; gradient 1 strictly inside (and at `high` when `include_high`), else 0."""
    return jnp.clip(x, low, high)


@_mask_linear.defjvp
def _mask_linear_jvp(include_high, primals, tangents):
    x, low, high = primals
    dx = tangents[0]
    inside = (x > low) & ((x <= high) if include_high else (x < high))
    return _mask_linear(x, low, high, include_high), jnp.where(inside, dx, jnp.zeros_like(dx))


class Softmin(Cell):
    """softmax(-x) along `axis`."""

    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "Softmin")
        return wrap(jax.nn.softmax(-a, axis=_axis(self.axis, a.ndim, "Softmin")))


class Softmax(Cell):
    """softmax along `axis` (default -1)."""

    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis

    def construct(self, x: Tensor) -> Tensor:
        return F.softmax(x, self.axis)


class Softmax2d(Cell):
    """softmax over the channel axis (-3) of a 3-D or 4-D input."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "Softmax2d")
        if a.ndim not in (3, 4):
            raise ValueError(f"For 'Softmax2d', the in_shape must have 3 or 4 dims, but got {a.ndim}.")
        return wrap(jax.nn.softmax(a, axis=-3))


class LogSoftmax(Cell):
    """log(softmax(x)) along `axis` (default -1), in float32 with MindSpore's CPU (oneDNN) numerics."""

    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "LogSoftmax")
        return F.log_softmax(x, _axis(self.axis, a.ndim, "LogSoftmax"))


class ReLU(Cell):
    """max(x, 0); gradient 0 at 0."""

    def construct(self, x: Tensor) -> Tensor:
        return F.relu(x)


class ReLU6(Cell):
    """min(max(x, 0), 6); gradient 1 on (0, 6] (MindSpore's ReLU6Grad), 0 elsewhere."""

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "ReLU6")
        return wrap(_mask_linear(a, jnp.zeros((), a.dtype), jnp.full((), 6, a.dtype), True))


class LeakyReLU(Cell):
    """maximum(alpha * x, x) (minimum when alpha > 1), as `ops.leaky_relu`."""

    def __init__(self, alpha: float = 0.2) -> None:
        super().__init__()
        self.alpha = alpha

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "LeakyReLU")
        V.check_value_type("alpha", self.alpha, [float, int], "leaky_relu")
        scaled = jnp.asarray(self.alpha, a.dtype) * a
        return wrap(jnp.minimum(scaled, a) if self.alpha > 1 else jnp.maximum(scaled, a))


class SeLU(Cell):
    """scale * (max(0, x) + min(0, alpha * (exp(x) - 1)))."""

    def construct(self, x: Tensor) -> Tensor:
        return wrap(jax.nn.selu(float_arr(x, "SeLU")))


class SiLU(Cell):
    """x * sigmoid(x)."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "SiLU")
        return wrap(a * jax.nn.sigmoid(a))


class Tanh(Cell):
    """tanh, with MindSpore's CPU numerics (see `ops.tanh`)."""

    def construct(self, x: Tensor) -> Tensor:
        return M.tanh(x)


class Tanhshrink(Cell):
    """x - tanh(x)."""

    def construct(self, x: Tensor) -> Tensor:
        return wrap(arr(x, "Tanhshrink") - M.tanh(x)._arr)


class Hardtanh(Cell):
    """minimum(maximum(x, min_val), max_val); a tie at an end splits the gradient."""

    def __init__(self, min_val: float = -1.0, max_val: float = 1.0) -> None:
        super().__init__()
        self.min_val = min_val
        self.max_val = max_val
        if self.min_val >= self.max_val:
            raise ValueError(f"For Hardtanh, min_val should be less than max_val,but got {self.min_val} and "
                             f"{self.max_val}")

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Hardtanh")
        out = jnp.minimum(jnp.maximum(a, jnp.asarray(self.min_val, a.dtype)), jnp.asarray(self.max_val, a.dtype))
        return wrap(out.astype(a.dtype))


class GELU(Cell):
    """GELU; `approximate=True` (the default) is the tanh form, and the attribute reads 'tanh' / 'none'."""

    def __init__(self, approximate: bool = True) -> None:
        super().__init__()
        V.check_bool(approximate, "approximate", "GELU")
        self.approximate = "tanh" if approximate else "none"

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "GELU")
        if not jnp.issubdtype(a.dtype, jnp.floating):
            raise TypeError(f"For gelu, the input dtype must be bfloat16, float16, float32 or float64, "
                            f"but got {x.dtype}.")
        return F.gelu(x, self.approximate)


class FastGelu(Cell):
    """x / (1 + exp(-1.702 |x|)) * exp(0.851 (x - |x|))."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "FastGelu")
        return wrap(a / (1 + jnp.exp(-1.702 * jnp.abs(a))) * jnp.exp(0.851 * (a - jnp.abs(a))))


class Sigmoid(Cell):
    """1 / (1 + exp(-x))."""

    def construct(self, x: Tensor) -> Tensor:
        return F.sigmoid(x)


class Softsign(Cell):
    """x / (1 + |x|)."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "Softsign")
        return wrap(a / (1 + jnp.abs(a)))


class PReLU(Cell):
    """x where x > 0, else w * x with `w` (Parameter named 'a', one per channel) on axis 1."""

    def __init__(self, channel: int = 1, w=0.25) -> None:
        super().__init__()
        V.check_positive_int(channel, "channel", "PReLU")
        if isinstance(w, (float, np.float32)):
            w = Tensor(np.full((channel,), w, np.float32))
        elif isinstance(w, list):
            if len(w) != channel:
                raise ValueError(f"For 'PReLU', the length of 'w' must be equal to the 'channel' when the 'w' is a "
                                 f"list, but got the length of 'w': {len(w)}, the 'channel': {channel}.")
            for item in w:
                if not isinstance(item, (float, np.float32)):
                    raise ValueError(f"For 'PReLU', all elements in 'w' must be float when the 'w' is a list, "
                                     f"but got {item}.")
            w = Tensor(np.asarray(w, np.float32))
        elif isinstance(w, Tensor):
            if w.dtype not in (mstype.float16, mstype.float32) or len(w.shape) != 1 or w.shape[0] != channel:
                raise ValueError(f"For 'PReLU', the dimension of 'w' must be 1, and the elements number should be "
                                 f"equal to the 'channel' when the 'w' is a tensor, but got 'w' shape {w.shape}, "
                                 f"the 'channel' {channel}.")
        else:
            raise TypeError(f"For 'PReLU', the 'w' only supported float, list and tensor, but got {type(w).__name__}.")
        self.w = Parameter(w, name="a")

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "PReLU")
        w = self.w._arr.astype(a.dtype)
        if a.ndim >= 2:
            w = w.reshape((1, -1) + (1,) * (a.ndim - 2))
        return wrap(jnp.where(a > 0, a, w * a))


class HSwish(Cell):
    """x * relu6(x + 3) / 6; gradient 0 below -3, 1 above 3, (2x + 3) / 6 between."""

    def construct(self, x: Tensor) -> Tensor:
        return wrap(_hswish(float_arr(x, "HSwish")))


@jax.custom_jvp
def _hswish(a):
    return a * jnp.clip(a + 3, 0, 6) / 6


@_hswish.defjvp
def _hswish_jvp(primals, tangents):
    (a,), (da,) = primals, tangents
    slope = jnp.where(a < -3, 0.0, jnp.where(a > 3, 1.0, (2 * a + 3) / 6)).astype(a.dtype)
    return _hswish(a), slope * da


class HSigmoid(Cell):
    """relu6(x + 3) / 6; gradient 1/6 strictly inside (-3, 3)."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "HSigmoid")
        return wrap(_mask_linear(a + 3, jnp.zeros((), a.dtype), jnp.full((), 6, a.dtype), False) / 6)


class ELU(Cell):
    """x for x > 0, alpha * (exp(x) - 1) otherwise."""

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "ELU")
        return wrap(jnp.where(a > 0, a, self.alpha * jnp.expm1(jnp.where(a > 0, 0, a))))


class CELU(Cell):
    """max(0, x) + min(0, alpha * (exp(x / alpha) - 1))."""

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = alpha

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "CELU")
        return wrap(jnp.where(a > 0, a, self.alpha * jnp.expm1(jnp.where(a > 0, 0, a) / self.alpha)))


class LogSigmoid(Cell):
    """log(1 / (1 + exp(-x))), computed in MindSpore's order."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "LogSigmoid")
        return wrap(jnp.log(1 / (jnp.exp(a * -1) + 1)))


class SoftShrink(Cell):
    """x - lambd above lambd, x + lambd below -lambd, 0 between."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "SoftShrink")
        return wrap(jnp.where(a > self.lambd, a - self.lambd, jnp.where(a < -self.lambd, a + self.lambd, 0 * a)))


class HShrink(Cell):
    """x where |x| > lambd, else 0."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "HShrink")
        return wrap(jnp.where((a > self.lambd) | (a < -self.lambd), a, 0 * a))


class Threshold(Cell):
    """x where x > threshold, else value."""

    def __init__(self, threshold: float, value: float) -> None:
        super().__init__()
        self.threshold = threshold
        self.value = value

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, "Threshold")
        return wrap(jnp.where(a > self.threshold, a, jnp.asarray(self.value, a.dtype)))


class Mish(Cell):
    """x * tanh(softplus(x))."""

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "Mish")
        return wrap(a * jnp.tanh(jax.nn.softplus(a)))


class GLU(Cell):
    """a * sigmoid(b), the two halves of x along `axis`."""

    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.dim = axis

    def construct(self, x: Tensor) -> Tensor:
        a = float_arr(x, "GLU")
        first, second = jnp.split(a, 2, axis=self.dim)
        return wrap(first * jax.nn.sigmoid(second))


_activation = {"softmin": Softmin, "softmax": Softmax, "softmax2d": Softmax2d, "logsoftmax": LogSoftmax,
               "relu": ReLU, "relu6": ReLU6, "silu": SiLU, "tanh": Tanh, "tanhshrink": Tanhshrink,
               "hardtanh": Hardtanh, "gelu": GELU, "fast_gelu": FastGelu, "elu": ELU, "sigmoid": Sigmoid,
               "softsign": Softsign, "prelu": PReLU, "leakyrelu": LeakyReLU, "hswish": HSwish, "hsigmoid": HSigmoid,
               "logsigmoid": LogSigmoid, "softshrink": SoftShrink, "hshrink": HShrink, "mish": Mish}


def get_activation(name: str | None, prim_name: str | None = None) -> Cell | None:
    """A new activation Cell for `name` (case-sensitive, MindSpore's names); None for None."""
    if name is None:
        return None
    if name not in _activation:
        prefix = f"For '{prim_name}', the" if prim_name else "The"
        raise KeyError(f"{prefix} 'name' must be in {list(_activation.keys())}, but got {name}.")
    return _activation[name]()
