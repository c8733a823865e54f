"""Pooling: MaxPool2d, AvgPool2d, MaxPool1d, AvgPool1d (`mindspore.nn.layer.pooling`).

MindSpore's defaults (kernel_size=1, stride=1, pad_mode='valid'; the attribute reads 'VALID'),
its 'same' padding (TF style; padded cells never count, also not in an average's divisor) and
its 'pad' mode (explicit symmetric `padding`, `ceil_mode`, `dilation` and `return_indices` for
max pooling, `count_include_pad` and `divisor_override` for average pooling). Inputs are
(N, C, H, W) or (C, H, W) for the 2-D layers, (N, C, L) or (C, L) for the 1-D ones.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr, is_int

__all__ = ["MaxPool2d", "AvgPool2d", "MaxPool1d", "AvgPool1d"]


class _PoolNd(Cell):
    """Shared argument checks and repr."""

    def __init__(self, kernel_size, stride, pad_mode: str, data_format: str = "NCHW") -> None:
        super().__init__()
        name = self.cls_name
        V.check_value_type("pad_mode", pad_mode, [str], name)
        self.pad_mode = V.check_string(pad_mode.upper(), ["VALID", "SAME", "PAD"], "pad_mode", name)
        self.format = V.check_string(data_format, ["NCHW", "NHWC"], "format", name)
        if self.format == "NHWC":
            raise ValueError(f"For '{name}, the 'NHWC' format only support in GPU target, but got device target CPU.")
        self.kernel_size = self._int_or_tuple("kernel_size", kernel_size)
        self.stride = self._int_or_tuple("stride", stride)

    def _int_or_tuple(self, arg_name: str, value):
        V.check_value_type(arg_name, value, [int, tuple], self.cls_name)
        message = (f"For '{self.cls_name}', the '{arg_name}' must be an positive int number or a tuple, "
                   f"but got {value}")
        if is_int(value):
            if value <= 0:
                raise ValueError(message)
            return value
        for item in value:
            if not (is_int(item) and item > 0):
                raise ValueError(message)
        return value[0] if len(value) == 1 else value

    def extend_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


def _pair(value, arg_name: str, cls_name: str) -> tuple:
    if is_int(value):
        return (value, value)
    if len(value) != 2:
        raise ValueError(f"For {cls_name}, the length of {arg_name} must be equal to 2, but got {len(value)}.")
    return tuple(value)


def _same_pads(spatial, kernel, stride) -> list:
    pads = []
    for size, k, s in zip(spatial, kernel, stride):
        total = max((-(-size // s) - 1) * s + k - size, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def _explicit_pads(spatial, kernel, stride, padding, dilation, ceil_mode: bool) -> list:
    """(before, after) per spatial axis; `ceil_mode` adds cells at the end for one more window when the
    window would start inside the input or its left padding."""
    pads = []
    for size, k, s, p, d in zip(spatial, kernel, stride, padding, dilation):
        span = size + 2 * p - d * (k - 1) - 1
        out = (-(-span // s) if ceil_mode else span // s) + 1
        if ceil_mode and (out - 1) * s >= size + p:
            out -= 1
        pads.append((p, max((out - 1) * s + d * (k - 1) + 1 - size - p, p)))
    return pads


def _window(a, kernel, stride, pads, dilation, init, op):
    dims = (1, 1) + tuple(kernel)
    return jax.lax.reduce_window(a, init, op, dims, (1, 1) + tuple(stride), [(0, 0), (0, 0)] + list(pads),
                                 window_dilation=(1, 1) + tuple(dilation))


def _lowest(dtype) -> np.ndarray:
    """The identity of max as a concrete NumPy scalar (so JAX sees a differentiable monoid window)."""
    dtype = np.dtype(dtype)
    return np.array(-np.inf if np.issubdtype(dtype, np.inexact) else np.iinfo(dtype).min, dtype)


def _max_pool(a, kernel, stride, pads, dilation=(1, 1)):
    if tuple(dilation) == (1, 1):
        return _window(a, kernel, stride, pads, dilation, _lowest(a.dtype), jax.lax.max)
    # JAX has no gradient for dilated max windows: take the windows' cells apart and pick each window's
    # first maximum, so that its gradient goes to that cell alone.
    padded = jnp.pad(a, [(0, 0), (0, 0)] + list(pads), constant_values=_lowest(a.dtype))
    out = [(size - d * (k - 1) - 1) // s + 1 for size, k, s, d in zip(padded.shape[2:], kernel, stride, dilation)]
    cells = [padded[:, :, i * dilation[0]:i * dilation[0] + (out[0] - 1) * stride[0] + 1:stride[0],
                    j * dilation[1]:j * dilation[1] + (out[1] - 1) * stride[1] + 1:stride[1]]
             for i in range(kernel[0]) for j in range(kernel[1])]
    stacked = jnp.stack(cells, axis=-1)
    first = jnp.argmax(stacked, axis=-1)[..., None]
    return jnp.take_along_axis(stacked, first, axis=-1)[..., 0]


def _argmax_pool(a, kernel, stride, pads, dilation):
    """Int64 indices (flat over H * W of the unpadded input) of each window's first maximum."""
    h, w = a.shape[2:]
    index = jnp.broadcast_to(jnp.arange(h * w, dtype=jnp.int64).reshape(h, w), a.shape)

    def pick(x, y):
        (xv, xi), (yv, yi) = x, y
        take_y = (yv > xv) | ((yv == xv) & (yi < xi))
        return jnp.where(take_y, yv, xv), jnp.where(take_y, yi, xi)

    init = (_lowest(a.dtype), np.array(np.iinfo(np.int64).max, np.int64))
    dims = (1, 1) + tuple(kernel)
    _, idx = jax.lax.reduce_window((jax.lax.stop_gradient(a), index), init, pick, dims, (1, 1) + tuple(stride),
                                   [(0, 0), (0, 0)] + list(pads), window_dilation=(1, 1) + tuple(dilation))
    return idx


def _avg_pool(a, kernel, stride, pads, count_pads: list | None, divisor: int = 0):
    """Window sums over a divisor: `divisor`, or the count of cells inside the input padded by `count_pads`
    (None: the input only)."""
    zero = np.zeros((), a.dtype)
    total = _window(a, kernel, stride, pads, (1, 1), zero, jax.lax.add)
    if divisor:
        return total / jnp.asarray(divisor, a.dtype)
    spatial = a.shape[2:]
    if count_pads is None:
        ones = jnp.ones((1, 1) + spatial, a.dtype)
        window_pads = pads
    else:
        ones = jnp.ones((1, 1) + tuple(s + lo + hi for s, (lo, hi) in zip(spatial, count_pads)), a.dtype)
        window_pads = [(lo - clo, hi - chi) for (lo, hi), (clo, chi) in zip(pads, count_pads)]
    count = _window(ones, kernel, stride, window_pads, (1, 1), zero, jax.lax.add)
    return total / count


def _batched(x: Tensor, cls_name: str, prim: str):
    """The input as (N, C, H, W) and whether a batch axis was added."""
    a = arr(x, cls_name)
    if a.ndim == 3:
        return a[None], True
    if a.ndim != 4:
        raise ValueError(f"For primitive[{prim}], the length of input must be equal to 4 , but got {a.ndim}.")
    return a, False


class MaxPool2d(_PoolNd):
    """2-D max pooling."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, dilation=1,
                 return_indices: bool = False, ceil_mode: bool = False, data_format: str = "NCHW") -> None:
        super().__init__(kernel_size, stride, pad_mode, data_format)
        self.return_indices = return_indices
        self.use_pad = pad_mode.upper() == "PAD"
        if self.use_pad:
            V.check_value_type("padding", padding, (int, tuple, list), self.cls_name)
            if isinstance(padding, (tuple, list)) and len(padding) == 1:
                padding = padding[0]
            self.padding = (0,) + _pair(padding, "padding", self.cls_name)
            self._dilation = _pair(dilation, "dilation", self.cls_name)
            self._ceil_mode = ceil_mode
        elif padding != 0 or dilation != 1 or return_indices or ceil_mode:
            raise ValueError(f"For MaxPool2d, the parameter 'padding', 'dilation', 'return_indices', 'ceil_mode' can "
                             f"not be set to non-default value when pad_mode is not 'pad', but got "
                             f"pad_mode:{pad_mode}.")

    def construct(self, x: Tensor):
        a, added = _batched(x, "MaxPool2d", "MaxPool")
        kernel = _pair(self.kernel_size, "kernel_size", self.cls_name)
        stride = _pair(self.stride, "stride", self.cls_name)
        dilation = self._dilation if self.use_pad else (1, 1)
        if self.use_pad:
            pads = _explicit_pads(a.shape[2:], kernel, stride, self.padding[1:], dilation, self._ceil_mode)
        elif self.pad_mode == "SAME":
            pads = _same_pads(a.shape[2:], kernel, stride)
        else:
            pads = [(0, 0), (0, 0)]
        out = _max_pool(a, kernel, stride, pads, dilation)
        if self.return_indices:
            idx = _argmax_pool(a, kernel, stride, pads, dilation)
            return (wrap(out[0]), wrap(idx[0])) if added else (wrap(out), wrap(idx))
        return wrap(out[0] if added else out)


class AvgPool2d(_PoolNd):
    """2-D average pooling."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, ceil_mode: bool = False,
                 count_include_pad: bool = True, divisor_override: int | None = None,
                 data_format: str = "NCHW") -> None:
        super().__init__(kernel_size, stride, pad_mode, data_format)
        self.is_expand = (pad_mode.upper() == "PAD" or padding != 0 or ceil_mode or not count_include_pad
                          or divisor_override is not None)
        if self.is_expand:
            if divisor_override is not None and divisor_override <= 0:
                raise ValueError(f"For '{self.cls_name}', the 'divisor_override' must be > 0, but got "
                                 f"{divisor_override}.")
            V.check_value_type("padding", padding, (int, tuple, list), self.cls_name)
            if isinstance(padding, (tuple, list)) and len(padding) not in (1, 2):
                raise ValueError(f"For {self.cls_name}, the padding must be a int or tuple/list contains 1 or 2 int, "
                                 f"but got tuple/list with length:{len(padding)}.")
            pad = (padding,) * 2 if is_int(padding) else tuple(padding) * (2 // len(padding))
            self._pad = pad
            self._ceil_mode = ceil_mode
            self._count_include_pad = count_include_pad
            self._divisor = divisor_override or 0

    def construct(self, x: Tensor) -> Tensor:
        a, added = _batched(x, "AvgPool2d", "AvgPool")
        kernel = _pair(self.kernel_size, "kernel_size", self.cls_name)
        stride = _pair(self.stride, "stride", self.cls_name)
        if self.is_expand:
            pads = _explicit_pads(a.shape[2:], kernel, stride, self._pad, (1, 1), self._ceil_mode)
            count_pads = [(p, p) for p in self._pad] if self._count_include_pad else None
            out = _avg_pool(a, kernel, stride, pads, count_pads, self._divisor)
        elif self.pad_mode == "SAME":
            out = _avg_pool(a, kernel, stride, _same_pads(a.shape[2:], kernel, stride), None)
        else:
            out = _avg_pool(a, kernel, stride, [(0, 0), (0, 0)], None)
        return wrap(out[0] if added else out)


def _as_2d(x: Tensor, cls_name: str):
    a = arr(x, cls_name)
    if a.ndim == 2:
        return a[None, :, None, :], True
    if a.ndim != 3:
        raise ValueError(f"For '{cls_name}', the input must has 3 dim, but got {a.ndim}")
    return a[:, :, None, :], False


class MaxPool1d(_PoolNd):
    """1-D max pooling over (N, C, L) input."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, dilation=1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:
        super().__init__(kernel_size, stride, pad_mode)
        V.check_value_type("kernel_size", kernel_size, [int], self.cls_name)
        V.check_value_type("stride", stride, [int], self.cls_name)
        self.return_indices = return_indices
        self.use_pad = pad_mode.upper() == "PAD"
        if not self.use_pad and (padding != 0 or dilation != 1 or return_indices or ceil_mode):
            raise ValueError(f"For MaxPool1d, the parameter 'padding', 'dilation', 'return_indices', 'ceil_mode' can "
                             f"not be set to non-default value when pad_mode is not 'pad', but got "
                             f"pad_mode:{pad_mode}.")
        self._padding, self._dilation, self._ceil_mode = padding, dilation, ceil_mode
        self.kernel_size = (1, kernel_size)
        self.stride = (1, stride)

    def construct(self, x: Tensor):
        a, added = _as_2d(x, "MaxPool1d")
        if self.use_pad:
            pads = _explicit_pads(a.shape[2:], self.kernel_size, self.stride, (0, self._padding),
                                  (1, self._dilation), self._ceil_mode)
        elif self.pad_mode == "SAME":
            pads = _same_pads(a.shape[2:], self.kernel_size, self.stride)
        else:
            pads = [(0, 0), (0, 0)]
        dilation = (1, self._dilation)
        out = _max_pool(a, self.kernel_size, self.stride, pads, dilation)[:, :, 0]
        if self.return_indices:
            idx = _argmax_pool(a, self.kernel_size, self.stride, pads, dilation)[:, :, 0]
            return (wrap(out[0]), wrap(idx[0])) if added else (wrap(out), wrap(idx))
        return wrap(out[0] if added else out)


class AvgPool1d(_PoolNd):
    """1-D average pooling over (N, C, L) input."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, ceil_mode: bool = False,
                 count_include_pad: bool = True) -> None:
        super().__init__(kernel_size, stride, pad_mode)
        V.check_number(self.kernel_size, 1, "ge", int, "kernel_size", self.cls_name)
        V.check_number(self.stride, 1, "ge", int, "stride", self.cls_name)
        self.is_expand_3d = pad_mode.upper() == "PAD" or padding != 0 or ceil_mode or not count_include_pad
        if self.is_expand_3d:
            V.check_value_type("padding", padding, (int, tuple, list), self.cls_name)
            self._pad = padding if is_int(padding) else padding[0]
            self._ceil_mode, self._count_include_pad = ceil_mode, count_include_pad
        self.kernel_size = (1, self.kernel_size)
        self.stride = (1, self.stride)

    def construct(self, x: Tensor) -> Tensor:
        a, added = _as_2d(x, "AvgPool1d")
        if self.is_expand_3d:
            pads = _explicit_pads(a.shape[2:], self.kernel_size, self.stride, (0, self._pad), (1, 1),
                                  self._ceil_mode)
            count_pads = [(0, 0), (self._pad, self._pad)] if self._count_include_pad else None
            out = _avg_pool(a, self.kernel_size, self.stride, pads, count_pads)
        elif self.pad_mode == "SAME":
            out = _avg_pool(a, self.kernel_size, self.stride, _same_pads(a.shape[2:], self.kernel_size, self.stride),
                            None)
        else:
            out = _avg_pool(a, self.kernel_size, self.stride, [(0, 0), (0, 0)], None)
        out = out[:, :, 0]
        return wrap(out[0] if added else out)

