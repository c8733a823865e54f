"""Convolution, pooling, unfold and dense functions (`mindspore.ops` neural-network functions) and the
math of the `Conv2D`, `Conv2DBackpropInput`/`Conv2DTranspose`, `MaxPool3D`, `AvgPool3D` and
`AdaptiveAvgPool2D` Primitives.

Layouts are MindSpore's channel-first ones (NCL, NCHW, NCDHW; weights (out, in / groups, *kernel)).
Pad modes: 'valid' (none), 'same' (TensorFlow's: output ceil(in / stride), the odd cell at the end),
'pad' (explicit). `lax.conv_general_dilated` and `lax.reduce_window` do the math; gradients are JAX's.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from ._helpers import dtype_name, float_only, tensor_arr
from .nn_func import _adaptive_avg

_LAYOUTS = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}


def ntuple(value, n: int, op: str, name: str) -> tuple:
    """An int repeated n times, or a tuple/list of n ints (a 2 + n one from MindSpore's (1, 1, ...) form)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * n
    if isinstance(value, (tuple, list)):
        value = tuple(value)
        if len(value) == n + 2:
            value = value[2:]
        if len(value) == n and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            return value
    raise ValueError(f"For '{op}', the '{name}' should be an int or a tuple of {n} ints, but got {value}.")


def same_pads(spatial, kernel, stride, dilation) -> list:
    """TensorFlow 'same' padding: output ceil(size / stride), the odd cell after."""
    pads = []
    for size, k, s, d in zip(spatial, kernel, stride, dilation, strict=True):
        total = max((-(-size // s) - 1) * s + d * (k - 1) + 1 - size, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def explicit_pads(padding, n: int, op: str) -> list:
    """(before, after) pairs from an int, n ints (both sides) or 2n ints (before/after per axis)."""
    if isinstance(padding, int):
        return [(padding, padding)] * n
    padding = tuple(padding)
    if len(padding) == n:
        return [(p, p) for p in padding]
    if len(padding) == 2 * n:
        return [(padding[2 * i], padding[2 * i + 1]) for i in range(n)]
    raise ValueError(f"For '{op}', the 'padding' should be an int or a tuple of {n} or {2 * n} ints, but got "
                     f"{padding}.")


def conv_pads(spatial, kernel, stride, dilation, pad_mode: str, padding, op: str) -> list:
    mode = pad_mode.lower() if isinstance(pad_mode, str) else pad_mode
    if mode not in ("valid", "same", "pad"):
        raise ValueError(f"For '{op}', the 'pad_mode' should be one of ['valid', 'same', 'pad'], but got "
                         f"{pad_mode!r}.")
    n = len(kernel)
    if mode != "pad":
        if padding not in (0, (0,) * n, (0,) * (2 * n)):
            raise ValueError(f"For '{op}', the 'padding' must be zero when 'pad_mode' is not 'pad', but got "
                             f"{padding}.")
        return same_pads(spatial, kernel, stride, dilation) if mode == "same" else [(0, 0)] * n
    return explicit_pads(padding, n, op)


def conv_nd(a, w, stride, pads, dilation, groups: int, op: str):
    """The N-D convolution of arrays `a` (N, C, *S) and `w` (O, C / groups, *K)."""
    n = a.ndim - 2
    if w.ndim != a.ndim:
        raise ValueError(f"For '{op}', the 'weight' should be {a.ndim}-D, but got {w.ndim}-D.")
    if a.dtype != w.dtype:
        raise TypeError(f"For '{op}', the 'input' and 'weight' should have the same dtype, but got "
                        f"{dtype_name(a.dtype)} and {dtype_name(w.dtype)}.")
    if a.shape[1] != w.shape[1] * groups or w.shape[0] % groups:
        raise RuntimeError(f"For '{op}', the input channels {a.shape[1]} should equal weight.shape[1] * groups = "
                         f"{w.shape[1]} * {groups}, and the output channels {w.shape[0]} be divisible by groups.")
    for size, k, d, (lo, hi) in zip(a.shape[2:], w.shape[2:], dilation, pads, strict=True):
        if size + lo + hi < d * (k - 1) + 1:
            raise ValueError(f"For '{op}', the kernel {tuple(w.shape[2:])} (dilated) is larger than the padded "
                             f"input {tuple(a.shape[2:])}.")
    return jax.lax.conv_general_dilated(a, w, stride, pads, rhs_dilation=dilation, feature_group_count=groups,
                                        dimension_numbers=_LAYOUTS[n])


def _conv(input, weight, bias, stride, pad_mode, padding, dilation, groups, n: int, op: str) -> Tensor:
    a = float_only(input, op)
    w = float_only(weight, op, "weight")
    if a.ndim != n + 2:
        raise ValueError(f"For '{op}', the 'input' should be {n + 2}-D, but got {a.ndim}-D.")
    stride, dilation = ntuple(stride, n, op, "stride"), ntuple(dilation, n, op, "dilation")
    if not isinstance(padding, int) and len(padding) != n:
        raise ValueError(f"For '{op}', 'padding' must be a tuple or list of {n} integers, but got {padding}.")
    pads = conv_pads(a.shape[2:], w.shape[2:], stride, dilation, pad_mode, padding, op)
    out = conv_nd(a, w, stride, pads, dilation, groups, op)
    if bias is not None:
        out = out + tensor_arr(bias, op, "bias").reshape((-1,) + (1,) * n)
    return wrap(out)


def conv1d(input, weight, bias=None, stride=1, pad_mode: str = "valid", padding=0, dilation=1,
           groups: int = 1) -> Tensor:
    """1-D convolution of (N, C, L) with weight (O, C / groups, K)."""
    return _conv(input, weight, bias, stride, pad_mode, padding, dilation, groups, 1, "conv1d")


def conv2d(input, weight, bias=None, stride=1, pad_mode: str = "valid", padding=0, dilation=1,
           groups: int = 1) -> Tensor:
    """2-D convolution of (N, C, H, W) with weight (O, C / groups, KH, KW); `padding` in 'pad' mode is an int
    or (h, w)."""
    return _conv(input, weight, bias, stride, pad_mode, padding, dilation, groups, 2, "conv2d")


def conv2d_backprop_input(dout, weight, input_size, stride, pads, dilation, groups: int, op: str) -> Tensor:
    """The gradient of the 2-D convolution with respect to its input of shape `input_size`: the transposed
    convolution of `dout`."""
    g = float_only(dout, op, "dout")
    w = float_only(weight, op, "weight")
    zeros = jnp.zeros(tuple(input_size), g.dtype)
    _, pullback = jax.vjp(lambda x: conv_nd(x, w, stride, pads, dilation, groups, op), zeros)
    return wrap(pullback(g)[0])


def dense(input, weight, bias=None) -> Tensor:
    """input @ weight.T + bias (input (*, in), weight (out, in) or (in,), bias (out,))."""
    a, w = tensor_arr(input, "Dense"), tensor_arr(weight, "Dense", "weight")
    if a.dtype != w.dtype:
        raise TypeError(f"For 'Dense', the 'input' and 'weight' should have the same dtype, but got "
                        f"{dtype_name(a.dtype)} and {dtype_name(w.dtype)}.")
    if a.shape[-1:] != w.shape[-1:]:
        raise ValueError(f"For 'Dense', the last dimension of 'input' {list(a.shape)} and 'weight' "
                         f"{list(w.shape)} should be equal.")
    out = jnp.matmul(a, w.T)
    return wrap(out if bias is None else out + tensor_arr(bias, "Dense", "bias"))


# ---- pooling -----------------------------------------------------------------------------------

def _window_pads(spatial, kernel, stride, padding, ceil_mode: bool) -> list:
    """PyTorch pooling pads: `padding` both sides, plus cells after for ceil_mode's last partial window."""
    pads = []
    for size, k, s, p in zip(spatial, kernel, stride, padding, strict=True):
        out = (size + 2 * p - k) / s + 1
        out = math.ceil(out) if ceil_mode else math.floor(out)
        if ceil_mode and (out - 1) * s >= size + p:
            out -= 1
        pads.append((p, max((out - 1) * s + k - size - p, p)))
    return pads


def _avg(a, kernel, stride, pads, count_pads, divisor: int):
    """Window sums over `divisor`, or over the count of cells inside the input padded by `count_pads`."""
    lead = (1,) * (a.ndim - len(kernel))
    zero = np.zeros((), a.dtype)  # concrete, so that JAX sees a differentiable sum window
    total = jax.lax.reduce_window(a, zero, jax.lax.add, lead + kernel, lead + stride,
                                  [(0, 0)] * len(lead) + pads)
    if divisor:
        return total / jnp.asarray(divisor, a.dtype)
    spatial = a.shape[len(lead):]
    ones = jnp.ones(tuple(s + lo + hi for s, (lo, hi) in zip(spatial, count_pads, strict=True)), a.dtype)
    inner = [(lo - clo, hi - chi) for (lo, hi), (clo, chi) in zip(pads, count_pads, strict=True)]
    count = jax.lax.reduce_window(ones, zero, jax.lax.add, kernel, stride, inner)
    return total / count


def avg_pool_nd(x, n: int, kernel_size, stride, padding, ceil_mode: bool, count_include_pad: bool,
                divisor_override: int, op: str, pad_mode: str = "pad") -> Tensor:
    """N-D average pooling over the last n axes (PyTorch's rules for 'pad', TensorFlow's 'same'/'valid')."""
    a = float_only(x, op, "input_x" if n == 2 else "x")
    if a.ndim not in (n + 1, n + 2):
        raise ValueError(f"For '{op}', the 'input' should be {n + 1}-D or {n + 2}-D, but got {a.ndim}-D.")
    k = ntuple(kernel_size, n, op, "kernel_size")
    s = ntuple(stride, n, op, "stride") if stride else k
    if divisor_override and divisor_override < 0:
        raise ValueError(f"For '{op}', the 'divisor_override' should be >= 0, but got {divisor_override}.")
    spatial = a.shape[-n:]
    if pad_mode.lower() == "same":
        pads = same_pads(spatial, k, s, (1,) * n)
        return wrap(_avg(a, k, s, pads, pads if count_include_pad else [(0, 0)] * n, divisor_override))
    p = [lo for lo, _ in explicit_pads(padding, n, op)] if pad_mode.lower() == "pad" else [0] * n
    if any(2 * pi > ki for pi, ki in zip(p, k, strict=True)):
        raise ValueError(f"For '{op}', the 'padding' should be at most half of 'kernel_size', but got {tuple(p)} "
                         f"and {k}.")
    pads = _window_pads(spatial, k, s, p, ceil_mode)
    count_pads = [(pi, pi) for pi in p] if count_include_pad else [(0, 0)] * n
    return wrap(_avg(a, k, s, pads, count_pads, divisor_override))


def avg_pool2d(input_x, kernel_size=1, stride=1, padding=0, ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int = 0) -> Tensor:
    """2-D average pooling of (N, C, H, W): windows `kernel_size`, `padding` zeros on both sides, the last
    partial window kept with `ceil_mode`, padding counted with `count_include_pad`, or a fixed divisor."""
    return avg_pool_nd(input_x, 2, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override,
                       "avg_pool2d")


def max_pool_nd(x, n: int, kernel_size, stride, pad_mode: str, padding, ceil_mode: bool, op: str) -> Tensor:
    """N-D max pooling over the last n axes; padding cells never win."""
    a = float_only(x, op, "x")
    k, s = ntuple(kernel_size, n, op, "kernel_size"), ntuple(stride, n, op, "strides")
    mode = pad_mode.lower()
    if mode == "same":
        pads = same_pads(a.shape[-n:], k, s, (1,) * n)
    elif mode == "valid":
        pads = _window_pads(a.shape[-n:], k, s, (0,) * n, bool(ceil_mode))
    elif mode == "pad":
        pads = _window_pads(a.shape[-n:], k, s, [lo for lo, _ in explicit_pads(padding, n, op)], bool(ceil_mode))
    else:
        raise ValueError(f"For '{op}', the 'pad_mode' should be 'same', 'valid' or 'pad', but got {pad_mode!r}.")
    lead = (1,) * (a.ndim - n)
    return wrap(jax.lax.reduce_window(a, -jnp.inf, jax.lax.max, lead + k, lead + s, [(0, 0)] * len(lead) + pads))


def adaptive_avg_pool2d(input, output_size) -> Tensor:
    """Average pooling of (N, C, H, W) or (C, H, W) to `output_size` (an int, or (h, w) where None keeps
    that axis): output cell i averages input cells floor(i * in / out) .. ceil((i + 1) * in / out)."""
    a = float_only(input, "AdaptiveAvgPool2D")
    if a.ndim not in (3, 4):
        raise ValueError(f"For 'AdaptiveAvgPool2D', the 'input' should be 3-D or 4-D, but got {a.ndim}-D.")
    size = (output_size, output_size) if isinstance(output_size, int) else tuple(output_size)
    if len(size) != 2:
        raise ValueError(f"For 'AdaptiveAvgPool2D', the 'output_size' should be an int or a tuple of 2, but got "
                         f"{output_size}.")
    size = tuple(a.shape[-2 + i] if v is None else v for i, v in enumerate(size))
    if any(v <= 0 for v in size):
        raise ValueError(f"For 'AdaptiveAvgPool2D', the 'output_size' should be positive, but got {output_size}.")
    return wrap(_adaptive_avg(a, size))


def unfold(input, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:
    """im2col of (N, C, H, W): (N, C * kh * kw, L), each column one sliding window (C the slowest axis)."""
    a = float_only(input, "Im2Col")
    if a.ndim != 4:
        raise ValueError(f"For 'Im2Col', the 'input' should be 4-D, but got {a.ndim}-D.")
    k, d = ntuple(kernel_size, 2, "Im2Col", "kernel_size"), ntuple(dilation, 2, "Im2Col", "dilation")
    s = ntuple(stride, 2, "Im2Col", "stride")
    pads = explicit_pads(padding, 2, "Im2Col") if not isinstance(padding, int) else [(padding, padding)] * 2
    patches = jax.lax.conv_general_dilated_patches(a, k, s, pads, rhs_dilation=d,
                                                   dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return wrap(patches.reshape(a.shape[0], patches.shape[1], -1))
