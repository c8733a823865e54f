"""`mindspore.common.initializer`: weight initializers and `initializer()`.

Distributions match MindSpore's; the random streams come from `ms.set_seed`
(NumPy's generator), so values are reproducible per seed but not bit-equal to
MindSpore's own RNG.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from . import dtype as mstype
from . import seed as _seed
from .tensor import Tensor, wrap


def _fans(shape: tuple) -> tuple[int, int]:
    if len(shape) < 2:
        n = shape[0] if shape else 1
        return n, n
    receptive = int(np.prod(shape[2:])) if len(shape) > 2 else 1
    return shape[1] * receptive, shape[0] * receptive


def _gain(nonlinearity: str, param=None) -> float:
    if nonlinearity in ("linear", "conv1d", "conv2d", "conv3d", "sigmoid"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"For 'initializer', the 'nonlinearity' {nonlinearity!r} is not supported.")


class Initializer:
    """Base class: `init(shape) -> numpy array` of float64 values."""

    def __init__(self, **kwargs) -> None:
        self._kwargs = kwargs

    def sample(self, shape: tuple) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, arr: np.ndarray) -> None:
        arr[...] = self.sample(arr.shape)


class Zero(Initializer):
    def sample(self, shape):
        return np.zeros(shape)


class One(Initializer):
    def sample(self, shape):
        return np.ones(shape)


class Constant(Initializer):
    def __init__(self, value) -> None:
        super().__init__(value=value)
        self.value = value

    def sample(self, shape):
        return np.full(shape, float(self.value))


class Normal(Initializer):
    """N(mean, sigma**2); MindSpore's defaults sigma=0.01, mean=0."""

    def __init__(self, sigma: float = 0.01, mean: float = 0.0) -> None:
        super().__init__(sigma=sigma, mean=mean)
        self.sigma, self.mean = sigma, mean

    def sample(self, shape):
        return _seed.rng().normal(self.mean, self.sigma, size=shape)


class TruncatedNormal(Initializer):
    """N(mean, sigma**2) truncated to [a, b]; MindSpore's defaults sigma=0.01, a=-2, b=2."""

    def __init__(self, sigma: float = 0.01, mean: float = 0.0, a: float = -2.0, b: float = 2.0) -> None:
        super().__init__(sigma=sigma, mean=mean, a=a, b=b)
        self.sigma, self.mean, self.a, self.b = sigma, mean, a, b

    def sample(self, shape):
        rng = _seed.rng()
        out = rng.normal(self.mean, self.sigma, size=shape)
        bad = (out < self.a) | (out > self.b)
        while bad.any():
            out[bad] = rng.normal(self.mean, self.sigma, size=int(bad.sum()))
            bad = (out < self.a) | (out > self.b)
        return out


class Uniform(Initializer):
    """U(-scale, scale); MindSpore's default scale=0.07."""

    def __init__(self, scale: float = 0.07) -> None:
        super().__init__(scale=scale)
        self.scale = scale

    def sample(self, shape):
        return _seed.rng().uniform(-self.scale, self.scale, size=shape)


class XavierUniform(Initializer):
    def __init__(self, gain: float = 1) -> None:
        super().__init__(gain=gain)
        self.gain = gain

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        bound = self.gain * math.sqrt(6.0 / (fan_in + fan_out))
        return _seed.rng().uniform(-bound, bound, size=shape)


class XavierNormal(Initializer):
    def __init__(self, gain: float = 1) -> None:
        super().__init__(gain=gain)
        self.gain = gain

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        std = self.gain * math.sqrt(2.0 / (fan_in + fan_out))
        return _seed.rng().normal(0.0, std, size=shape)


class HeUniform(Initializer):
    """Kaiming uniform; `HeUniform(math.sqrt(5))` is Dense's and Conv's default weight init."""

    def __init__(self, negative_slope: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu") -> None:
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope, self.mode, self.nonlinearity = negative_slope, mode, nonlinearity

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        fan = fan_in if self.mode == "fan_in" else fan_out
        std = _gain(self.nonlinearity, self.negative_slope) / math.sqrt(fan)
        bound = math.sqrt(3.0) * std
        return _seed.rng().uniform(-bound, bound, size=shape)


class HeNormal(Initializer):
    def __init__(self, negative_slope: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu") -> None:
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope, self.mode, self.nonlinearity = negative_slope, mode, nonlinearity

    def sample(self, shape):
        fan_in, fan_out = _fans(shape)
        fan = fan_in if self.mode == "fan_in" else fan_out
        std = _gain(self.nonlinearity, self.negative_slope) / math.sqrt(fan)
        return _seed.rng().normal(0.0, std, size=shape)


_BY_NAME = {
    "zeros": Zero, "zero": Zero, "ones": One, "one": One,
    "normal": Normal, "truncatednormal": TruncatedNormal, "uniform": Uniform,
    "xavier_uniform": XavierUniform, "xavieruniform": XavierUniform,
    "xavier_normal": XavierNormal, "xaviernormal": XavierNormal,
    "he_uniform": HeUniform, "heuniform": HeUniform, "he_normal": HeNormal, "henormal": HeNormal,
}


def initializer(init, shape=None, dtype=mstype.float32) -> Tensor:
    """A Tensor of `shape` and `dtype` filled by `init` (an Initializer, its name, a number or a Tensor)."""
    if isinstance(init, Tensor):
        if shape is not None and tuple(init.shape) != tuple(shape if not isinstance(shape, int) else (shape,)):
            raise ValueError(f"For 'initializer', the shape of 'init' {init.shape} is not equal to 'shape' "
                             f"{tuple(shape)}.")
        return wrap(init._arr.astype(mstype.to_numpy(dtype)))
    shape = () if shape is None else ((shape,) if isinstance(shape, int) else tuple(shape))
    if isinstance(init, str):
        try:
            init = _BY_NAME[init.lower()]()
        except KeyError:
            raise ValueError(f"For 'initializer', the 'init' {init!r} is not supported.") from None
    elif isinstance(init, (int, float)) and not isinstance(init, bool):
        init = Constant(init)
    elif isinstance(init, type) and issubclass(init, Initializer):
        init = init()
    if not isinstance(init, Initializer):
        raise TypeError(f"For 'initializer', the 'init' should be an Initializer, str, number or Tensor, "
                        f"but got {type(init).__name__}.")
    values = np.asarray(init.sample(shape), dtype=np.float64)
    return wrap(jnp.asarray(values.astype(mstype.to_numpy(dtype))))
