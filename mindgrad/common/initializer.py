"""`mindspore.common.initializer`: weight initializers and `initializer()`.

The same classes, defaults, string aliases and distributions as MindSpore 2.10
(fans computed as MindSpore does, `Constant` without a string alias, `Identity`,
`Sparse`, `Dirac`, `Orthogonal`, `VarianceScaling` included). An Initializer
called on a NumPy array fills it in place, as in MindSpore. Random values come
from the generator `ms.set_seed` seeds, so they are reproducible per seed but not
bit-equal to MindSpore's.
"""

from __future__ import annotations

import math
import numbers

import jax.numpy as jnp
import numpy as np

from . import dtype as mstype
from . import seed as _seed
from .tensor import Tensor, register_initializer, wrap

__all__ = ["Initializer", "initializer", "TruncatedNormal", "Normal", "Uniform", "HeUniform", "HeNormal",
           "XavierUniform", "XavierNormal", "One", "Zero", "Constant", "Identity", "Sparse", "Dirac",
           "Orthogonal", "VarianceScaling"]

_INITIALIZER_ALIAS: dict[str, type] = {}


class Initializer:
    """Base class: subclasses fill a NumPy array in `_initialize(arr)`."""

    def __init__(self, **kwargs) -> None:
        self._kwargs = kwargs
        self._seed = None

    @property
    def seed(self):
        return self._seed

    @seed.setter
    def seed(self, value) -> None:
        self._seed = value

    def _initialize(self, arr: np.ndarray) -> None:
        raise NotImplementedError("Must be overridden!")

    def __call__(self, arr: np.ndarray) -> None:
        return self._initialize(arr)


def _register(*aliases):
    """Register a class under its lower-case name and the given aliases (first registration wins)."""

    def deco(cls):
        for name in (cls.__name__.lower(),) + aliases:
            _INITIALIZER_ALIAS.setdefault(name, cls)
        return cls

    return deco


def _assign(arr: np.ndarray, values) -> None:
    arr[...] = values


def _normal(mean: float, sigma: float, shape: tuple) -> np.ndarray:
    if sigma < 0:
        raise ValueError("sigma < 0")
    return _seed.rng().normal(mean, sigma, size=shape)


def _uniform(low: float, high: float, shape: tuple) -> np.ndarray:
    return _seed.rng().uniform(low, high, size=shape)


def _truncated_normal(low: float, high: float, mean: float, sigma: float, shape: tuple) -> np.ndarray:
    """N(mean, sigma**2) restricted to [low, high] (values outside are redrawn)."""
    if sigma < 0:
        raise ValueError("sigma < 0")
    out = _seed.rng().normal(mean, sigma, size=shape)
    bad = (out < low) | (out > high)
    while bad.any():
        out[bad] = _seed.rng().normal(mean, sigma, size=int(bad.sum()))
        bad = (out < low) | (out > high)
    return out


def _calculate_fan_in_and_fan_out(shape) -> tuple[int, int]:
    dimensions = len(shape)
    if dimensions < 2:
        raise ValueError("'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, "
                         f"but got dimensions {dimensions}.")
    receptive = int(np.prod(shape[2:])) if dimensions > 2 else 1
    return shape[1] * receptive, shape[0] * receptive


def _calculate_correct_fan(shape, mode: str) -> int:
    mode = mode.lower()
    valid = ["fan_in", "fan_out"]
    if mode not in valid:
        raise ValueError(f"'mode' {mode} not supported, please use one of {valid}")
    fan_in, fan_out = _calculate_fan_in_and_fan_out(shape)
    return fan_in if mode == "fan_in" else fan_out


def _calculate_gain(nonlinearity: str, param=None) -> float:
    linear = ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"]
    if nonlinearity in linear or nonlinearity == "sigmoid":
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif (isinstance(param, int) and not isinstance(param, bool)) or isinstance(param, float):
            slope = param
        else:
            raise ValueError(f"For 'HeUniform', 'negative_slope' {param} is not a valid number.When 'nonlinearity' "
                             f"has been set to 'leaky_relu', 'negative_slope' should be int or float type, but got "
                             f"{type(param)}.")
        return math.sqrt(2.0 / (1 + slope ** 2))
    raise ValueError("For 'HeUniform', the argument 'nonlinearity' should be one of ['sigmoid', 'tanh', 'relu' or "
                     f"'leaky_relu'], but got {nonlinearity}.")


@_register("zeros")
class Zero(Initializer):
    """All zeros."""

    def _initialize(self, arr):
        arr.fill(0)


@_register("ones")
class One(Initializer):
    """All ones."""

    def _initialize(self, arr):
        arr.fill(1)


@_register("xavier_normal")
class XavierNormal(Initializer):
    """N(0, gain**2 * 2 / (fan_in + fan_out))."""

    def __init__(self, gain=1) -> None:
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        _assign(arr, _normal(0, self.gain * math.sqrt(2.0 / float(fan_in + fan_out)), arr.shape))


@_register("xavier_uniform")
class XavierUniform(Initializer):
    """U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out))."""

    def __init__(self, gain=1) -> None:
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        bound = self.gain * math.sqrt(6.0 / (fan_in + fan_out))
        _assign(arr, _uniform(-bound, bound, arr.shape))


@_register("he_uniform")
class HeUniform(Initializer):
    """Kaiming uniform; `HeUniform(math.sqrt(5))` is the default weight init of Dense and Conv."""

    def __init__(self, negative_slope=0, mode="fan_in", nonlinearity="leaky_relu") -> None:
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope, self.mode, self.nonlinearity = negative_slope, mode, nonlinearity

    def _initialize(self, arr):
        fan = _calculate_correct_fan(arr.shape, self.mode)
        bound = math.sqrt(3.0) * _calculate_gain(self.nonlinearity, self.negative_slope) / math.sqrt(fan)
        _assign(arr, _uniform(-bound, bound, arr.shape))


@_register("he_normal")
class HeNormal(Initializer):
    """Kaiming normal: N(0, (gain / sqrt(fan))**2)."""

    def __init__(self, negative_slope=0, mode="fan_in", nonlinearity="leaky_relu") -> None:
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope, self.mode, self.nonlinearity = negative_slope, mode, nonlinearity

    def _initialize(self, arr):
        fan = _calculate_correct_fan(arr.shape, self.mode)
        _assign(arr, _normal(0, _calculate_gain(self.nonlinearity, self.negative_slope) / math.sqrt(fan),
                             arr.shape))


class Constant(Initializer):
    """All `value` (no string alias in MindSpore; a number passed to `initializer` means this)."""

    def __init__(self, value) -> None:
        super().__init__(value=value)
        self.value = value

    def _initialize(self, arr):
        arr.fill(self.value)


@_register()
class Identity(Initializer):
    """A 2-D identity matrix (`np.eye(rows, cols)`)."""

    def _initialize(self, arr):
        if len(arr.shape) != 2:
            raise ValueError("For Identity initializer, the dimension of the initialized tensor should be 2, "
                             f"but got {len(arr.shape)}.")
        _assign(arr, np.eye(arr.shape[0], arr.shape[1]))


@_register()
class Sparse(Initializer):
    """A 2-D N(0, sigma**2) matrix with ceil(sparsity * rows) zeros in every column."""

    def __init__(self, sparsity, sigma=0.01) -> None:
        super().__init__()
        self.sparsity = sparsity
        self.sigma = sigma

    def _initialize(self, arr):
        if len(arr.shape) != 2:
            raise ValueError("For Sparse initializer, the dimension of the initialized tensor should be 2, "
                             f"but got {len(arr.shape)}.")
        rows, cols = arr.shape
        zero_num = int(np.ceil(self.sparsity * rows))
        data = _normal(0, self.sigma, arr.shape)
        for col in range(cols):
            data[_seed.rng().permutation(rows)[:zero_num], col] = 0.0
        _assign(arr, data)


@_register()
class Dirac(Initializer):
    """The Dirac delta of a 3-, 4- or 5-D convolution weight, per group."""

    def __init__(self, groups=1) -> None:
        super().__init__()
        self.groups = groups

    def _initialize(self, arr):
        shape = arr.shape
        dimension = len(shape)
        if dimension not in (3, 4, 5):
            raise ValueError("For Dirac initializer, only support to initialize tensor with dimension of 3, 4 or 5, "
                             f"but got {dimension}.")
        if shape[0] % self.groups != 0:
            raise ValueError("For Dirac initializer, the first dimension ofthe initialized tensor must be divisible "
                             f"by groups, but got first dimension{shape[0]}, groups{self.groups}.")
        data = np.zeros(shape)
        per_group = shape[0] // self.groups
        centre = tuple(s // 2 for s in shape[2:])
        for group in range(self.groups):
            for dim in range(min(per_group, shape[1])):
                data[(group * per_group + dim, dim) + centre] = 1
        _assign(arr, data)


@_register()
class Orthogonal(Initializer):
    """A (semi-)orthogonal matrix (QR of a normal matrix, signs fixed), times `gain`."""

    def __init__(self, gain=1.0) -> None:
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        if len(arr.shape) < 2:
            raise ValueError("For Orthogonal initializer, the dimension of the initialized tensor should be no less "
                             f"than 2, but got {len(arr.shape)}.")
        rows = arr.shape[0]
        cols = int(np.prod(arr.shape)) // rows
        data = _normal(0, 1, (rows, cols))
        if rows < cols:
            data = data.T
        q, r = np.linalg.qr(data)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        _assign(arr, (q * self.gain).reshape(arr.shape))


@_register()
class VarianceScaling(Initializer):
    """Scale / fan (fan_in, fan_out or their mean), drawn as MindSpore draws it for `distribution`."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal") -> None:
        super().__init__(scale=scale, mode=mode, distribution=distribution)
        if scale <= 0.0:
            raise ValueError("For VarianceScaling initializer, the argument 'scale' must be greater than 0, "
                             f"but got {scale}.")
        if mode not in ["fan_in", "fan_out", "fan_avg"]:
            raise ValueError("For VarianceScaling initializer, the argument 'mode' must be fan_in, fan_out or "
                             f"fan_avg, but got {mode}.")
        if distribution not in ["uniform", "truncated_normal", "untruncated_normal"]:
            raise ValueError("For VarianceScaling initializer, the argument 'distribution' must be uniform, "
                             f"truncated_norm or untruncated_norm, but got {distribution}.")
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, fan)
        # MindSpore tests for 'truncated_norm', which the constructor never accepts: 'truncated_normal'
        # therefore draws uniformly, as here.
        if self.distribution == "untruncated_normal":
            data = _normal(0, np.sqrt(scale), arr.shape)
        else:
            limit = np.sqrt(3.0 * scale)
            data = _uniform(-limit, limit, arr.shape)
        _assign(arr, data)


@_register()
class Uniform(Initializer):
    """U(-scale, scale)."""

    def __init__(self, scale=0.07) -> None:
        super().__init__(scale=scale)
        self.scale = scale

    def _initialize(self, arr):
        _assign(arr, _uniform(-self.scale, self.scale, arr.shape))


@_register()
class Normal(Initializer):
    """N(mean, sigma**2)."""

    def __init__(self, sigma=0.01, mean=0.0) -> None:
        super().__init__(sigma=sigma, mean=mean)
        self.sigma, self.mean = sigma, mean

    def _initialize(self, arr):
        _assign(arr, _normal(self.mean, self.sigma, arr.shape))


@_register()
class TruncatedNormal(Initializer):
    """N(mean, sigma**2) restricted to [a, b]."""

    def __init__(self, sigma=0.01, mean=0.0, a=-2.0, b=2.0) -> None:
        super().__init__(sigma=sigma, mean=mean, a=a, b=b)
        self.sigma, self.mean, self.a, self.b = sigma, mean, a, b

    def _initialize(self, arr):
        _assign(arr, _truncated_normal(self.a, self.b, self.mean, self.sigma, arr.shape))


def initializer(init, shape=None, dtype=mstype.float32) -> Tensor:
    """A Tensor of `shape` and `dtype` filled by `init` (an Initializer, its name or a number).

    A Tensor `init` is returned as it is (its shape must equal `shape`), as in MindSpore.
    """
    if isinstance(init, bool) or not isinstance(init, (Tensor, numbers.Number, str, Initializer)):
        raise TypeError("For 'initializer', the type of the 'init' argument should be 'Tensor', 'number', 'string' "
                        f"or 'initializer', but got {type(init)}.")
    if isinstance(init, Tensor):
        wanted = shape if isinstance(shape, (tuple, list)) else [shape]
        if shape is not None and tuple(init.shape) != tuple(wanted):
            raise ValueError("For 'initializer', the shape of the 'init' argument should be same as the argument "
                             f"'shape', but got the 'init' shape {list(init.shape)} and the 'shape' {wanted}.")
        return init
    if isinstance(shape, list):
        shape = tuple(shape)
    elif isinstance(shape, numbers.Number):
        shape = (shape,)
    for value in shape if shape is not None else ():
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ValueError("For 'initializer', the argument 'shape' is invalid, the value of 'shape' must be "
                             f"positive integer, but got {shape}")
    if isinstance(init, str):
        cls = _INITIALIZER_ALIAS.get(init.lower())
        if cls is None:
            raise ValueError(f"For 'initializer', the class corresponding to '{init}' was not found.")
        init = cls()
    elif isinstance(init, numbers.Number):
        init = Constant(init)
    shape = () if shape is None else tuple(shape)
    np_dtype = mstype.to_numpy(dtype)
    work = np.zeros(shape, dtype=np.float64 if np.issubdtype(np_dtype, np.floating) else np_dtype)
    init(work)
    return wrap(jnp.asarray(work.astype(np_dtype)))


register_initializer(initializer)  # `Tensor(shape=, dtype=, init=)` and `Parameter.clone(init)` fill through it
