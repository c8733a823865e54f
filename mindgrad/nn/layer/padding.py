"""Padding layers (`mindspore.nn.layer.padding`): ConstantPad1d/2d/3d, ZeroPad2d, ReflectionPad1d/2d/3d,
ReplicationPad1d/2d/3d.

`padding` is an int or a tuple of (before, after) amounts from the last axis backwards, as in
`ops.pad`; constant padding may be negative (crops). Reflection pads the last len(padding) / 2
axes (MirrorPad 'REFLECT'); replication repeats the edge, also for unbatched input.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ...ops.function import nn_func
from ..cell import Cell
from ._util import arr, is_int

__all__ = ["ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ZeroPad2d", "ReflectionPad1d", "ReflectionPad2d",
           "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d"]


class _ConstantPadNd(Cell):
    """Pad the last axes with `value` (`_MAX` / 2 axes at most)."""

    _MAX = 2

    def __init__(self, padding, value) -> None:
        super().__init__()
        name = self.cls_name
        if is_int(padding):
            padding = (padding,) * self._MAX
        elif isinstance(padding, tuple):
            if len(padding) % 2:
                raise ValueError(f"For '{name}', the length of parameter 'padding' with tuple type must be a multiple "
                                 f"of 2, but got {len(padding)}")
            if self._MAX == 2 and len(padding) != 2:
                raise ValueError(f"For '{name}', the length of parameter 'padding' with tuple type must equal to 2."
                                 f"but got {len(padding)}")
            if len(padding) > self._MAX:
                raise ValueError(f"For '{name}', the length of parameter 'padding' with tuple type must no more than "
                                 f"{self._MAX}.but got {len(padding)}")
        else:
            raise TypeError(f"For '{name}', the type of parameter 'padding' must be in [int, tuple], but got "
                            f"{type(padding)}")
        if not isinstance(value, (int, float)):
            raise TypeError(f"For '{name}', the type of parameter 'value' must be in [int, float], but got "
                            f"{type(value)}")
        self.value = value
        self.padding = padding

    def construct(self, x: Tensor) -> Tensor:
        return nn_func.pad(x, self.padding, mode="constant", value=self.value)


class ConstantPad1d(_ConstantPadNd):
    """Pad the last axis with a constant."""

    _MAX = 2


class ConstantPad2d(_ConstantPadNd):
    """Pad the last two axes with a constant."""

    _MAX = 4


class ConstantPad3d(_ConstantPadNd):
    """Pad the last three axes with a constant."""

    _MAX = 6


class ZeroPad2d(ConstantPad2d):
    """Pad the last two axes with zeros."""

    def __init__(self, padding) -> None:
        super().__init__(padding, 0)


class _ReflectionPadNd(Cell):
    """Reflect (without repeating the edge) on the last len(padding) / 2 axes."""

    _N = 1

    def __init__(self, padding) -> None:
        super().__init__()
        name = self.cls_name
        if is_int(padding):
            padding = (padding,) * (2 * self._N)
        if not isinstance(padding, tuple):
            raise TypeError(f"For '{name}' the input 'padding' must be an integer or tuple, but got "
                            f"{type(padding).__name__}")
        if len(padding) % 2:
            raise ValueError(f"For '{name}' the length of input 'padding' must be divisible by 2, but got padding of "
                             f"length {len(padding)}. ")
        if not all(is_int(i) for i in padding):
            raise TypeError(f"For '{name}' every element in 'padding' must be integer, but got {padding}. ")
        if not all(i >= 0 for i in padding):
            raise ValueError(f"For '{name}' every element in 'padding' must be >= 0. but got {padding}. ")
        self.padding = [[padding[2 * i], padding[2 * i + 1]] for i in range(len(padding) // 2)][::-1]

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        if not self.padding:
            return x
        if a.ndim < len(self.padding):
            raise ValueError(f"For padding with length {len(self.padding) * 2}, the dimension of the tensor should be "
                             f"at least {len(self.padding)}, but got {a.ndim}")
        pairs = [(0, 0)] * (a.ndim - len(self.padding)) + [tuple(p) for p in self.padding]
        for (lo, hi), size in zip(pairs, a.shape, strict=True):
            if lo >= size or hi >= size:
                raise ValueError(f"For 'MirrorPad', the paddings must be less than the input dimension in REFLECT "
                                 f"mode, but got paddings {pairs} for input shape {a.shape}.")
        return wrap(jnp.pad(a, pairs, mode="reflect"))


class ReflectionPad1d(_ReflectionPadNd):
    """Reflection padding of the last axis."""

    _N = 1


class ReflectionPad2d(_ReflectionPadNd):
    """Reflection padding of the last two axes."""

    _N = 2


class ReflectionPad3d(_ReflectionPadNd):
    """Reflection padding of the last three axes."""

    _N = 3


class _ReplicationPadNd(Cell):
    """Repeat the edge values on the last `_N` axes of a batched or unbatched input."""

    _N = 1

    def __init__(self, padding) -> None:
        super().__init__()
        name = self.cls_name
        if is_int(padding):
            padding = (padding,) * (2 * self._N)
        if not isinstance(padding, tuple):
            raise TypeError(f"For '{name}' the input 'padding' must be an integer or tuple, but got "
                            f"{type(padding).__name__}")
        if len(padding) % 2:
            raise ValueError(f"For '{name}' the length of input 'padding' must be divisible by 2, but got padding of "
                             f"length {len(padding)}. ")
        if not all(is_int(i) for i in padding):
            raise TypeError(f"For '{name}' every element in 'padding' must be integer, but got {padding}. ")
        self.padding = padding

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        unbatched = a.ndim == self._N + 1
        out = nn_func.pad(wrap(a[None] if unbatched else a), self.padding, mode="replicate")._arr
        return wrap(out[0] if unbatched else out)


class ReplicationPad1d(_ReplicationPadNd):
    """Edge padding of the last axis of (N, C, W) or (C, W) input."""

    _N = 1


class ReplicationPad2d(_ReplicationPadNd):
    """Edge padding of the last two axes of (N, C, H, W) or (C, H, W) input."""

    _N = 2


class ReplicationPad3d(_ReplicationPadNd):
    """Edge padding of the last three axes of (N, C, D, H, W) or (C, D, H, W) input."""

    _N = 3
