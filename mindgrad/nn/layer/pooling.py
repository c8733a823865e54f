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

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ...ops.function import nn_func
from .. import _validator as V
from ..cell import Cell
from ._util import arr, is_int

__all__ = ["MaxPool2d", "AvgPool2d", "MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d",
           "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d", "MaxPool3d", "AvgPool3d"]


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
    for size, k, s in zip(spatial, kernel, stride, strict=False):
        total = max((-(-size // s) - 1) * s + k - size, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def _explicit_pads(spatial, kernel, stride, padding, dilation, ceil_mode: bool) -> list:
    """(before, after) per spatial axis; `ceil_mode` adds cells at the end for one more window when the
    window would start inside the input or its left padding."""
    pads = []
    for size, k, s, p, d in zip(spatial, kernel, stride, padding, dilation, strict=False):
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
    out = [(size - d * (k - 1) - 1) // s + 1
           for size, k, s, d in zip(padded.shape[2:], kernel, stride, dilation, strict=False)]
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
        ones = jnp.ones((1, 1) + tuple(s + lo + hi for s, (lo, hi) in zip(spatial, count_pads, strict=False)), a.dtype)
        window_pads = [(lo - clo, hi - chi) for (lo, hi), (clo, chi) in zip(pads, count_pads, strict=False)]
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



# ---- adaptive pooling: bin i of an axis of size n covers [floor(i * n / out), ceil((i + 1) * n / out)) ------------

def _bins(n: int, out: int) -> list:
    return [((i * n) // out, -(-((i + 1) * n) // out)) for i in range(out)]


def _adaptive_max(a, size: tuple, with_indices: bool):
    """Max over the adaptive bins of the trailing len(size) axes, and the flat index (over those axes) of each
    bin's first maximum."""
    nd = len(size)
    spatial = a.shape[-nd:]
    flat_index = jnp.arange(int(np.prod(spatial)), dtype=jnp.int64).reshape(spatial)
    values, indices = [], []
    for cell in np.ndindex(*size):
        sl = tuple(slice(*_bins(n, o)[i]) for n, o, i in zip(spatial, size, cell, strict=True))
        window = a[(Ellipsis,) + sl].reshape(a.shape[:-nd] + (-1,))
        values.append(jnp.max(window, axis=-1))
        if with_indices:
            first = jnp.argmax(jax.lax.stop_gradient(window), axis=-1)
            indices.append(flat_index[sl].reshape(-1)[first])
    out_shape = a.shape[:-nd] + tuple(size)
    out = jnp.stack(values, axis=-1).reshape(out_shape)
    return out, (jnp.stack(indices, axis=-1).reshape(out_shape) if with_indices else None)


def _output_size(output_size, n: int, prim: str) -> tuple:
    """`output_size` as an n-tuple (None items keep the input's size, filled in later)."""
    if is_int(output_size) or output_size is None:
        return (output_size,) * n
    V.check_value_type("output_size", output_size, (tuple, list), prim)
    if len(output_size) != n:
        raise ValueError(f"For '{prim}', the 'length of output_size' must be int and must = {n}, but got "
                         f"'{len(output_size)}' with type 'int'.")
    return tuple(output_size)


def _adaptive_input(x, prim: str, n: int, dtypes: tuple, dim_word: str = "dim"):
    a = arr(x, prim, "input")
    if a.ndim not in (n + 1, n + 2):
        raise ValueError(f"For primitive[{prim}], the {dim_word} of x must be in [{n + 1},{n + 2}], but got "
                         f"{a.ndim}.")
    if a.dtype not in dtypes:
        names = ", ".join(f"Tensor[{mstype.from_numpy(d)}]" for d in dtypes)
        raise TypeError(f"For primitive[{prim}], the input argument[x] must be a type of {{{names}}}, but got "
                        f"Tensor[{mstype.from_numpy(a.dtype)}].")
    return a


_FLOATS = (jnp.float16, jnp.float32, jnp.float64)


def _sizes(size: tuple, a) -> tuple:
    return tuple(a.shape[a.ndim - len(size) + i] if s is None else s for i, s in enumerate(size))


class AdaptiveAvgPool1d(Cell):
    """Average over `output_size` equal bins of the last axis of an (N, C, L) input (L divisible by it)."""

    def __init__(self, output_size: int) -> None:
        super().__init__()
        V.check_value_type("output_size", output_size, [int], self.cls_name)
        V.check_number(output_size, 1, "ge", int, "output_size", self.cls_name)
        self.output_size = output_size

    def _input(self, x):
        a = arr(x, self.cls_name, "input")
        prefix = f"For {self.cls_name}, the"
        if a.ndim != 3:
            raise ValueError(f"{prefix} input must has 3 dim, but got {a.ndim}.")
        if a.shape[2] < self.output_size:
            raise ValueError(f"{prefix} input's last dimension must be greater or equal to output size "
                             f"{self.output_size}, but got {a.shape[2]}.")
        if a.shape[2] % self.output_size:
            raise ValueError(f"{prefix} input's last dimension must be divisible by output size {self.output_size}, "
                             f"but got {a.shape[2]}.")
        if a.dtype not in (jnp.float16, jnp.float32):
            raise TypeError(f"For {self.cls_name}, the x_dtype must be float16 or float32, but got "
                            f"{mstype.from_numpy(a.dtype)}.")
        return a.reshape(a.shape[:2] + (self.output_size, -1))

    def construct(self, input: Tensor) -> Tensor:  # noqa: A002 - MindSpore's argument name
        return wrap(jnp.mean(self._input(input), axis=-1))


class AdaptiveMaxPool1d(AdaptiveAvgPool1d):
    """Max over `output_size` equal bins of the last axis of an (N, C, L) input (L divisible by it)."""

    def construct(self, x: Tensor) -> Tensor:
        return wrap(jnp.max(self._input(x), axis=-1))


class AdaptiveAvgPool2d(Cell):
    """Adaptive average pooling of (N, C, H, W) or (C, H, W) input to `output_size` (an int, or a pair whose
    None items keep the input's size)."""

    _N, _PRIM = 2, "AdaptiveAvgPool2D"

    def __init__(self, output_size) -> None:
        super().__init__()
        self.output_size = _output_size(output_size, self._N, self._PRIM)

    def construct(self, input: Tensor) -> Tensor:  # noqa: A002 - MindSpore's argument name
        a = _adaptive_input(input, self._PRIM, self._N, _FLOATS)
        return wrap(nn_func._adaptive_avg(a, _sizes(self.output_size, a)))


class AdaptiveAvgPool3d(AdaptiveAvgPool2d):
    """Adaptive average pooling of (N, C, D, H, W) or (C, D, H, W) input."""

    _N, _PRIM = 3, "AdaptiveAvgPool3D"


class AdaptiveMaxPool2d(Cell):
    """Adaptive max pooling of (N, C, H, W) or (C, H, W) input; with `return_indices`, also the Int64 flat
    (over H * W) index of each maximum."""

    _N, _PRIM, _INDEX_DTYPE = 2, "AdaptiveMaxPool2D", jnp.int64

    def __init__(self, output_size, return_indices: bool = False) -> None:
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    def construct(self, input: Tensor):  # noqa: A002 - MindSpore's argument name
        size = _output_size(self.output_size, self._N, self._PRIM)
        a = _adaptive_input(input, self._PRIM, self._N, _FLOATS, "rank")
        out, idx = _adaptive_max(a, _sizes(size, a), self.return_indices)
        return (wrap(out), wrap(idx.astype(self._INDEX_DTYPE))) if self.return_indices else wrap(out)


class AdaptiveMaxPool3d(AdaptiveMaxPool2d):
    """Adaptive max pooling of (N, C, D, H, W) or (C, D, H, W) input; indices are Int32."""

    _N, _PRIM, _INDEX_DTYPE = 3, "AdaptiveMaxPool3D", jnp.int32


# ---- 3-D pooling ----------------------------------------------------------------------------------------------------

def _triple(value, arg_name: str, cls_name: str, allow_zero: bool = False) -> tuple:
    out = (value,) * 3 if is_int(value) else tuple(value)
    if len(out) != 3 or not all(is_int(v) and (v >= 0 if allow_zero else v > 0) for v in out):
        raise ValueError(f"For '{cls_name}', the parameter '{arg_name}' must be an positive integer or a tuple of "
                         f"three positive integer, but got {value}")
    return out


def _batched_3d(x: Tensor, cls_name: str):
    a = arr(x, cls_name)
    if a.ndim == 4:
        return a[None], True
    if a.ndim != 5:
        raise ValueError(f"For '{cls_name}', the dimension of 'x' must be 4 or 5, but got {a.ndim}.")
    return a, False


class MaxPool3d(_PoolNd):
    """3-D max pooling of (N, C, D, H, W) or (C, D, H, W) input ('valid', 'same', or 'pad' with `padding`,
    `ceil_mode`; `dilation` and `return_indices` with 'pad')."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, dilation=1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:
        super().__init__(kernel_size, stride, pad_mode)
        self.return_indices = return_indices
        self._padding = _triple(padding, "padding", self.cls_name, allow_zero=True)
        self._dilation = _triple(dilation, "dilation", self.cls_name)
        if (dilation != 1 or return_indices) and pad_mode.upper() != "PAD":
            raise ValueError(f"For {self.cls_name}, the pad_mode must be 'pad' when dilation is not 1 or "
                             f"return_indices is True, but got pad_mode:{pad_mode}.")
        if pad_mode.upper() != "PAD" and any(self._padding):
            raise ValueError(f"For 'MaxPool3D', the 'pad_list' must be zero when 'pad_mode' is not \"pad\", but got "
                             f"'pad_list' is {padding} and 'pad_mode' is {pad_mode}.")
        self._ceil_mode = ceil_mode

    def construct(self, x: Tensor):
        a, added = _batched_3d(x, "MaxPool3D")
        kernel = _triple(self.kernel_size, "kernel_size", self.cls_name)
        stride = _triple(self.stride, "stride", self.cls_name)
        if self.pad_mode == "PAD":
            pads = _explicit_pads(a.shape[2:], kernel, stride, self._padding, self._dilation, self._ceil_mode)
        elif self.pad_mode == "SAME":
            pads = _same_pads(a.shape[2:], kernel, stride)
        else:
            pads = [(0, 0)] * 3
        out = _window(a, kernel, stride, pads, self._dilation, _lowest(a.dtype), jax.lax.max)
        if not self.return_indices:
            return wrap(out[0] if added else out)
        d, h, w = a.shape[2:]
        index = jnp.broadcast_to(jnp.arange(d * h * w, dtype=jnp.int64).reshape(d, h, w), a.shape)

        def pick(p, q):
            (pv, pi), (qv, qi) = p, q
            take_q = (qv > pv) | ((qv == pv) & (qi < pi))
            return jnp.where(take_q, qv, pv), jnp.where(take_q, qi, pi)

        init = (_lowest(a.dtype), np.array(np.iinfo(np.int64).max, np.int64))
        _, idx = jax.lax.reduce_window((jax.lax.stop_gradient(a), index), init, pick, (1, 1) + kernel,
                                       (1, 1) + stride, [(0, 0), (0, 0)] + list(pads),
                                       window_dilation=(1, 1) + self._dilation)
        return (wrap(out[0]), wrap(idx[0])) if added else (wrap(out), wrap(idx))


class AvgPool3d(_PoolNd):
    """3-D average pooling of (N, C, D, H, W) or (C, D, H, W) input ('valid', 'same', or 'pad' with `padding`,
    `ceil_mode`, `count_include_pad`, `divisor_override`)."""

    def __init__(self, kernel_size=1, stride=1, pad_mode: str = "valid", padding=0, ceil_mode: bool = False,
                 count_include_pad: bool = True, divisor_override: int | None = None) -> None:
        super().__init__(kernel_size, stride, pad_mode)
        self._padding = _triple(padding, "padding", self.cls_name, allow_zero=True)
        if divisor_override is not None and divisor_override <= 0:
            raise ValueError(f"For '{self.cls_name}', the 'divisor_override' must be > 0, but got {divisor_override}.")
        if pad_mode.upper() != "PAD" and any(self._padding):
            raise ValueError(f"For 'AvgPool3D', the 'pad' must be zero when 'pad_mode' is not \"pad\", but got "
                             f"'pad' is {padding} and 'pad_mode' is {pad_mode}.")
        self._ceil_mode, self._count_include_pad = ceil_mode, count_include_pad
        self._divisor = divisor_override or 0

    def construct(self, x: Tensor) -> Tensor:
        a, added = _batched_3d(x, "AvgPool3D")
        kernel = _triple(self.kernel_size, "kernel_size", self.cls_name)
        stride = _triple(self.stride, "stride", self.cls_name)
        zero = np.zeros((), a.dtype)
        if self.pad_mode == "PAD":
            pads = _explicit_pads(a.shape[2:], kernel, stride, self._padding, (1, 1, 1), self._ceil_mode)
            count_pads = [(p, p) for p in self._padding] if self._count_include_pad else [(0, 0)] * 3
        else:  # MindSpore's AvgPool3D counts 'same' padding cells too (unless count_include_pad=False)
            pads = _same_pads(a.shape[2:], kernel, stride) if self.pad_mode == "SAME" else [(0, 0)] * 3
            count_pads = pads if self._count_include_pad else [(0, 0)] * 3
        total = _window(a, kernel, stride, pads, (1, 1, 1), zero, jax.lax.add)
        if self._divisor:
            out = total / jnp.asarray(self._divisor, a.dtype)
        else:
            ones = jnp.ones((1, 1) + tuple(s + lo + hi for s, (lo, hi) in zip(a.shape[2:], count_pads, strict=True)),
                            a.dtype)
            window_pads = [(lo - clo, hi - chi) for (lo, hi), (clo, chi) in zip(pads, count_pads, strict=True)]
            out = total / _window(ones, kernel, stride, window_pads, (1, 1, 1), zero, jax.lax.add)
        return wrap(out[0] if added else out)
