"""Session 8's tail of `mindspore.ops` neural-network functions (tailfn): 3-D convolution and pooling in `ops`'
spellings (`conv3d` with MindSpore's pad modes, `avg_pool3d`, `max_pool3d` with dilation and indices),
`lp_pool2d`, `pdist`, `softmin`, `dropout2d`, `rotary_position_embedding`, and the `ops.function.nn_func` helpers
`linear`, `conv_transpose2d` and `pad_ext`. MindSpore 2.10's argument checks and dtype rules."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, float_only, pnorm_last, tensor_arr
from .conv_pool_func import _conv, _window_pads, avg_pool2d, avg_pool_nd, explicit_pads, ntuple
from .math_func import matmul
from . import nn_func as _nn_func
from .mint_nn_support_func import conv_transpose2d
from .mint_nn_support_func import dropout2d as _channel_dropout
from .nn_func import pad as _pad
from .nn_func import softmax

__all__ = ["conv3d", "avg_pool3d", "max_pool3d", "lp_pool2d", "pdist", "softmin", "dropout2d",
           "rotary_position_embedding"]



def conv3d(input, weight, bias=None, stride=1, pad_mode: str = "valid", padding=0, dilation=1,  # noqa: A002
           groups: int = 1) -> Tensor:
    """3-D convolution of (N, C, D, H, W) by weight (O, C / groups, KD, KH, KW); `pad_mode` 'valid', 'same' or
    'pad' (then `padding` an int or (d, h, w)); `bias` (O,) is added."""
    op = "conv3d"
    a, w = tensor_arr(input, op), tensor_arr(weight, op, "weight")
    if a.ndim == 5 and w.ndim == 5 and (a.shape[1] % groups or w.shape[0] % groups):
        raise ValueError("The argument 'groups' should be divisible by 'in_channel' and 'out_channel'")
    if bias is not None and not isinstance(bias, Tensor):
        raise TypeError(f"For 'conv3d', the 'bias' must be a Tensor, but got {type(bias)}.")
    return _conv(input, weight, bias, stride, pad_mode, padding, dilation, groups, 3, op)


def _non_negative(padding, op: str) -> None:
    values = (padding,) if isinstance(padding, int) else padding
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"For '{op}', the 'padding' must be a non-negative int, but got {v}.")


def avg_pool3d(input_x, kernel_size=1, stride=1, padding=0, ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int = 0) -> Tensor:
    """3-D average pooling of (N, C, D, H, W): `padding` an int or six ints (front, back, top, bottom, left,
    right), the last partial window kept with `ceil_mode`, padding counted with `count_include_pad`, or a fixed
    divisor."""
    if not isinstance(input_x, Tensor):
        raise TypeError("For avg_pool3d, the input input_x must be tensor")
    if not isinstance(padding, (int, tuple)) or (isinstance(padding, tuple) and len(padding) != 6):
        if isinstance(padding, tuple):
            raise ValueError("For avg_pool3d, padding should be int or tuple of length 6.")
        raise TypeError("For avg_pool3d, padding should be int or tuple of length 6.")
    _non_negative(padding, "avg_pool3d")
    a = float_only(input_x, "AvgPool3D", "x")
    if a.ndim != 5:
        raise ValueError(f"For 'AvgPool3D', the 'x' should be 5-D, but got {a.ndim}-D.")
    return avg_pool_nd(input_x, 3, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                       "AvgPool3D")


def _gathered_windows(a, k, s, d, pads):
    """The windows of (N, C, *S) padded with -inf: values (N, C, *out, prod(k)) and the flat index (*out, prod(k))
    of each cell in the unpadded S (padding cells point at 0 and never win)."""
    n = len(k)
    padded = jnp.pad(a, [(0, 0), (0, 0)] + pads, constant_values=-jnp.inf)
    outs = [(size - di * (ki - 1) - 1) // si + 1 for size, ki, si, di in zip(padded.shape[2:], k, s, d, strict=True)]
    coords = []
    for axis in range(n):
        c = np.arange(outs[axis])[:, None] * s[axis] + np.arange(k[axis])[None, :] * d[axis]
        shape = [1] * (2 * n)
        shape[axis], shape[n + axis] = outs[axis], k[axis]
        coords.append(c.reshape(shape))
    values = padded[(slice(None), slice(None)) + tuple(coords)]
    flat = np.zeros(values.shape[2:], np.int64)
    for axis, c in enumerate(coords):
        flat = flat * a.shape[2 + axis] + np.clip(c - pads[axis][0], 0, a.shape[2 + axis] - 1)
    lead = values.shape[:2 + n]
    return values.reshape(lead + (-1,)), flat.reshape(tuple(outs) + (-1,))


def max_pool3d(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,
               return_indices: bool = False):
    """3-D max pooling of (N, C, D, H, W) with `padding` on both sides (never winning) and `dilation`; with
    `return_indices` also the Int64 flat D*H*W index of each window's first maximum."""
    op = "MaxPool3DWithArgmax"
    a = float_only(x, op, "x")
    if a.ndim != 5:
        raise ValueError(f"For '{op}', the 'x' should be 5-D, but got {a.ndim}-D.")
    k = ntuple(kernel_size, 3, op, "ksize")
    s = ntuple(kernel_size if stride is None else stride, 3, op, "strides")
    p = [lo for lo, _ in explicit_pads(padding, 3, op)]
    d = ntuple(dilation, 3, op, "dilation")
    if any(v < 1 for v in k + s + d) or any(v < 0 for v in p):
        raise ValueError(f"For '{op}', 'ksize', 'strides' and 'dilation' should be positive and 'pads' non-negative, "
                         f"but got {k}, {s}, {d} and {tuple(p)}.")
    if any(2 * pi > ki for pi, ki in zip(p, k, strict=True)):
        raise ValueError(f"For '{op}', the 'pads' should be at most half of 'ksize', but got {tuple(p)} and {k}.")
    pads = _window_pads(a.shape[2:], tuple(di * (ki - 1) + 1 for ki, di in zip(k, d, strict=True)), s, p,
                        bool(ceil_mode))
    if not return_indices and d == (1, 1, 1):
        return wrap(jax.lax.reduce_window(a, -jnp.inf, jax.lax.max, (1, 1) + k, (1, 1) + s,
                                          [(0, 0), (0, 0)] + pads))
    values, flat = _gathered_windows(a, k, s, d, pads)
    out = jnp.max(values, axis=-1)
    if not return_indices:
        return wrap(out)
    pick = jnp.argmax(jax.lax.stop_gradient(values), axis=-1)
    return wrap(out), wrap(jnp.take_along_axis(jnp.broadcast_to(flat, values.shape), pick[..., None], -1)[..., 0])


def lp_pool2d(x, norm_type, kernel_size, stride=None, ceil_mode: bool = False) -> Tensor:
    """2-D power-average pooling: (sum over each window of x ** p) ** (1 / p), computed as MindSpore does from
    `avg_pool2d` times the window size (so ceil_mode's partial windows are scaled up)."""
    if isinstance(norm_type, bool) or not isinstance(norm_type, (float, int)):
        raise TypeError(f"For lp_pool2d, the type of 'norm_type' must be float or int, but got {type(norm_type)}")
    norm_type = float(norm_type)
    if norm_type == 0:
        raise ValueError("For lp_pool2d, the value of 'norm_type' can not be 0.")
    k = kernel_size if isinstance(kernel_size, tuple) else (kernel_size, kernel_size)
    a = tensor_arr(x, "lp_pool2d", "x")
    if a.ndim != 4:
        raise ValueError(f"For 'avg_pool2d', the 'input_x' should be 4-D, but got {a.ndim}-D.")
    out = avg_pool2d(wrap(a ** norm_type), k, k if stride is None else stride, 0, ceil_mode)._arr
    return wrap((jnp.maximum(out, 0) * (k[0] * k[1])) ** (1.0 / norm_type))


def pdist(input, p: float = 2.0) -> Tensor:  # noqa: A002 - MindSpore's name
    """The p-norm distances between all pairs of rows i < j of (N, M), as (N * (N - 1) / 2,)."""
    op = "Pdist"
    if isinstance(p, bool) or not isinstance(p, float):
        raise TypeError(f"For '{op}', the type of 'p' should be 'float', but got type '{type(p).__name__}'.")
    if p < 0:
        raise ValueError(f"For '{op}', the 'p' must be greater than or equal to 0.0, but got {p}.")
    a = float_only(input, op, "x")
    if a.ndim != 2:
        raise ValueError(f"For primitive[{op}], the x dim must be equal to 2, but got {a.ndim}.")
    i, j = np.triu_indices(a.shape[0], 1)
    return wrap(pnorm_last(a[i] - a[j], p))


def softmin(x, axis=-1, *, dtype=None) -> Tensor:
    """softmax(-x) along `axis` (x first cast to `dtype` when given)."""
    a = tensor_arr(x, "Softmax", "x")
    if dtype is not None:
        a = x.astype(dtype)._arr
    return softmax(wrap(-a), axis)


def dropout2d(input, p: float = 0.5, training: bool = True) -> Tensor:  # noqa: A002 - MindSpore's name
    """Zero whole channels of (N, C, H, W) with probability `p`, scaling the rest by 1 / (1 - p), when
    `training` (`P.Dropout2D`; masks from mindgrad's functional random stream)."""
    if not isinstance(training, bool):
        raise TypeError(f"For 'dropout2d', the type of 'training' should be 'bool', but got type "
                        f"'{type(training).__name__}'.")
    if not training:
        return input
    a = tensor_arr(input, "Dropout2D", "x")
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
        raise ValueError(f"For 'Dropout2D', the 'keep_prob' must be in range [0.0, 1.0], but got {1 - p}.")
    if a.ndim != 4:
        raise ValueError(f"For 'Dropout2D', the 'x' should be 4-D, but got {a.ndim}-D.")
    return _channel_dropout(input, p)


def rotary_position_embedding(x, cos, sin, mode: int = 0) -> Tensor:
    """x * cos + rotate(x) * sin over the last axis: mode 0 rotates halves (GPT-NeoX: (-x2, x1)), mode 1
    interleaved pairs (GPT-J: (-x[1::2], x[0::2]) interleaved). cos/sin broadcast to x (4-D, even last axis).
    MindSpore 2.10 has no CPU kernel for it; mindgrad computes the documented formula."""
    op = "rotary_position_embedding"
    a = float_only(x, op, "x")
    c, s = tensor_arr(cos, op, "cos"), tensor_arr(sin, op, "sin")
    if isinstance(mode, bool) or not isinstance(mode, int):
        raise TypeError(f"For '{op}', the type of 'mode' should be 'int', but got type '{type(mode).__name__}'.")
    if mode not in (0, 1):
        raise ValueError(f"For '{op}', the 'mode' should be 0 or 1, but got {mode}.")
    if c.dtype != a.dtype or s.dtype != a.dtype:
        raise TypeError(f"For '{op}', 'cos' and 'sin' should have the dtype of 'x' {dtype_name(a.dtype)}, but got "
                        f"{dtype_name(c.dtype)} and {dtype_name(s.dtype)}.")
    if a.ndim != 4 or a.shape[-1] % 2:
        raise ValueError(f"For '{op}', the 'x' should be 4-D with an even last dimension, but got shape "
                         f"{list(a.shape)}.")
    if mode == 0:
        half = a.shape[-1] // 2
        turned = jnp.concatenate([-a[..., half:], a[..., :half]], axis=-1)
    else:
        turned = jnp.stack([-a[..., 1::2], a[..., 0::2]], axis=-1).reshape(a.shape)
    return wrap(a * c + turned * s)


def linear(x, w, b) -> Tensor:
    """x @ w.T (+ b when not None): `ops.function.nn_func.linear`."""
    out = matmul(x, w.swapaxes(-1, -2))
    return out if b is None else out + b


def pad_ext(input, pad, mode: str = "constant", value=None) -> Tensor:  # noqa: A002 - MindSpore's names
    """`mint.nn.functional.pad`'s form: pad the last len(pad) / 2 axes (modes 'constant', 'reflect', 'replicate',
    'circular'); an empty tuple returns `input`."""
    if not isinstance(input, Tensor):
        raise TypeError(f"For 'pad', the type of 'input' must be Tensor, but got {type(input)}.")
    if isinstance(pad, tuple) and not pad:
        return input
    return _pad(input, pad, mode, value)


# MindSpore's `ops.function.nn_func.linear`, `.conv_transpose2d` and `.pad_ext` (not exported from `ops`): nn_func
# sits below this module, so they are attached to it here.
for _fn in (linear, conv_transpose2d, pad_ext):
    setattr(_nn_func, _fn.__name__, _fn)
