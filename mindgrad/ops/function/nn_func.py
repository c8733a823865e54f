"""Neural-network functions (`mindspore.ops` nn functions): activations, padding, pooling, resizing, losses.

Float32 `sigmoid`, `softmax`, `silu` and `elu` use MindSpore's CPU exp (`_cpu_numerics`);
`log_softmax` uses MindSpore's CPU (oneDNN) table-based log (`_onednn`), so its float32 results
match MindSpore's to the bit rather than an exact log's (which differs by up to 5e-6).
"""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor, wrap
from . import _cpu_numerics
from ._onednn import log_softmax_f32
from ._helpers import (check_axis, check_int, check_reduction, float_only, is_float, np_dtype, reduce_loss,
                       tensor_arr)


# ---- activations -------------------------------------------------------------------------------

def relu(input, inplace: bool = False) -> Tensor:
    """max(x, 0) for float and integer Tensors; the gradient at 0 is 0, as MindSpore's."""
    a = tensor_arr(input, "ReLU")
    if a.dtype == np.bool_:
        raise TypeError("For 'ReLU', the 'input' should be a numeric Tensor, but got Bool.")
    return wrap(jax.nn.relu(a))


def relu6(x) -> Tensor:
    a = tensor_arr(x, "ReLU6", "x")
    return wrap(jnp.minimum(jax.nn.relu(a), jnp.asarray(6, a.dtype)))


def leaky_relu(input, alpha: float = 0.2) -> Tensor:
    """maximum(alpha * x, x) (minimum when alpha > 1), so a tie splits the gradient as MindSpore's."""
    a = float_only(input, "LeakyReLU")
    return wrap(jnp.maximum(alpha * a, a) if alpha <= 1 else jnp.minimum(alpha * a, a))


def sigmoid(input) -> Tensor:
    """1 / (1 + exp(-x)) with MindSpore's CPU exp; gradient dout * y * (1 - y)."""
    return wrap(_cpu_numerics.sigmoid(float_only(input, "Sigmoid")))


def silu(input) -> Tensor:
    a = float_only(input, "SiLU")
    return wrap(a * _cpu_numerics.sigmoid(a))


def elu(input_x, alpha: float = 1.0) -> Tensor:
    """x for x > 0, else exp(x) - 1; MindSpore's CPU kernel accepts only alpha=1.0 (ValueError otherwise)."""
    if alpha != 1.0:
        raise ValueError(f"For 'Elu', the 'alpha' must be 1.0 on CPU, but got {alpha}.")
    a = float_only(input_x, "Elu", "input_x")
    return wrap(jnp.where(a > 0, a, _cpu_numerics.exp(jnp.minimum(a, 0)) - 1))


def softplus(input, beta: float = 1, threshold: float = 20) -> Tensor:
    """log(1 + exp(beta * x)) / beta, and x itself where beta * x > threshold."""
    a = float_only(input, "Softplus")
    z = a * beta
    soft = jnp.log1p(_cpu_numerics.exp(jnp.minimum(z, threshold))) / beta
    return wrap(jnp.where(z > threshold, a, soft))


def gelu(input, approximate: str = "none") -> Tensor:
    """GELU: x * (erf(x / sqrt 2) + 1) / 2, or with approximate='tanh'
    x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x**3))) / 2 (the `ops.GeLU` primitive's formula)."""
    if approximate not in ("none", "tanh"):
        raise ValueError("For ops.gelu, approximate value should be either 'none' or 'tanh'.")
    a = float_only(input, "gelu")
    if approximate == "tanh":
        # Float16: Float32 rounded once is closest to MindSpore's (within 3e-5; rounding per step is 2e-3 off)
        return wrap(_cpu_numerics.half_steps(a.dtype, _gelu_tanh, a))
    # MindSpore composes this of Div, Erf, Add and Mul, each rounded to the input dtype (Float16 too).
    q = _cpu_numerics.half_steps(a.dtype, jnp.divide, a, jnp.sqrt(jnp.asarray(2.0, a.dtype)))
    return wrap(a * (_cpu_numerics.erf(q) + 1) * 0.5)


def _gelu_tanh(a):
    inner = math.sqrt(2 / math.pi) * (a + 0.044715 * a * a * a)
    return 0.5 * a * (1 + jnp.tanh(inner))


def fast_gelu(x) -> Tensor:
    """x / (1 + exp(-1.702 |x|)) * exp(0.851 (x - |x|))."""
    a = float_only(x, "FastGeLU", "x")
    e = _cpu_numerics.exp
    return wrap(a / (1 + e(-1.702 * jnp.abs(a))) * e(0.851 * (a - jnp.abs(a))))


def _softmax_axis(axis, ndim: int, op: str) -> int:
    if isinstance(axis, (tuple, list)):
        if len(axis) != 1:
            raise RuntimeError(f"For '{op}', the parameter 'axis' only supports one axis on CPU, but got {axis}.")
        axis = axis[0]
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise TypeError(f"the type of 'axis' must be 'int', but got '{axis}' with type '{type(axis).__name__}'.")
    return check_axis(axis, ndim, op)


@functools.partial(jax.custom_vjp, nondiff_argnums=(1,))
def _half_softmax(a, axis: int):
    """MindSpore's Float16 Softmax: x - max, exp and the division each rounded to Float16, the sum
    accumulated in Float32 and rounded once (as ReduceSum)."""
    e = _cpu_numerics.half_steps(a.dtype, jnp.exp, a - jnp.max(a, axis=axis, keepdims=True))
    s = jnp.sum(e, axis=axis, keepdims=True, dtype=jnp.float32).astype(a.dtype)
    return _cpu_numerics.half_steps(a.dtype, jnp.divide, e, s)


def _half_softmax_fwd(a, axis):
    y = _half_softmax(a, axis)
    return y, y


def _half_softmax_bwd(axis, y, g):
    """Float16 SoftmaxGrad: y * (dout - sum(dout * y)), each step rounded to Float16, the sum as ReduceSum."""
    s = jnp.sum(g * y, axis=axis, keepdims=True, dtype=jnp.float32).astype(y.dtype)
    return (y * (g - s),)


_half_softmax.defvjp(_half_softmax_fwd, _half_softmax_bwd)


def _softmax(a, axis: int):
    if a.dtype == jnp.float64:
        return jax.nn.softmax(a, axis=axis)
    if a.dtype != jnp.float32:
        return _half_softmax(a, axis)
    z = a - jax.lax.stop_gradient(jnp.max(a, axis=axis, keepdims=True))
    e = _cpu_numerics.exp(z.astype(jnp.float32))
    return (e / jnp.sum(e, axis=axis, keepdims=True)).astype(a.dtype)


def softmax(input, axis: int = -1, *, dtype=None) -> Tensor:
    """exp(x - max) / sum(exp(x - max)) along `axis`, with MindSpore's CPU exp for float32."""
    a = float_only(input, "Softmax")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "Softmax"))
    return wrap(_softmax(a, _softmax_axis(axis, a.ndim, "Softmax")))


def log_softmax(logits, axis: int = -1) -> Tensor:
    """x - max - log(sum(exp(x - max))) along `axis`; below float64 with MindSpore's CPU (oneDNN) log,
    gradient dy - exp(y) * sum(dy)."""
    a = float_only(logits, "LogSoftmax", "logits")
    axis = _softmax_axis(axis, a.ndim, "LogSoftmax")
    if a.dtype == jnp.float64:
        return wrap(jax.nn.log_softmax(a, axis=axis))
    return wrap(log_softmax_f32(a.astype(jnp.float32), axis).astype(a.dtype))


# ---- layout ------------------------------------------------------------------------------------

_PAD_MODES = {"constant": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def pad(input_x, padding, mode: str = "constant", value=None) -> Tensor:
    """Pad the last len(padding)/2 axes, `padding` given as (left, right) pairs from the last axis backwards.
    Negative amounts crop (constant mode); modes 'constant', 'reflect', 'replicate', 'circular'."""
    a = tensor_arr(input_x, "pad", "input_x")
    padding = tuple(check_int(p, "pad", "padding") for p in (padding.tolist() if isinstance(padding, Tensor)
                                                             else padding))
    if len(padding) % 2:
        raise ValueError(f"For 'pad', the size of padding must be divisible by 2, but got {len(padding)}")
    n = len(padding) // 2
    if n > a.ndim:
        raise ValueError(f"For 'pad', the padding covers {n} axes, but the input has only {a.ndim}.")
    if mode not in _PAD_MODES:
        raise ValueError(f"For 'pad', the 'mode' should be one of {list(_PAD_MODES)}, but got {mode!r}.")
    pairs = [(0, 0)] * (a.ndim - n) + [(padding[2 * k], padding[2 * k + 1]) for k in reversed(range(n))]
    if mode != "constant":
        if a.ndim < n + 1:
            raise ValueError(f"For 'pad', the input dims for {mode} mode must be greater than or equal to {n + 1}, "
                             f"but got {a.ndim}.")
        for (lo, hi), size in zip(pairs, a.shape, strict=False):
            if lo < 0 or hi < 0 or (mode == "reflect" and (lo >= size or hi >= size)):
                raise ValueError(f"For 'pad' {mode} mode, padding size must be less than the corresponding input "
                                 f"dimension, but got padding ({lo},{hi}) for a dimension of {size}.")
        return wrap(jnp.pad(a, pairs, mode=_PAD_MODES[mode]))
    fill = 0 if value is None else value
    out = jnp.pad(a, [(max(lo, 0), max(hi, 0)) for lo, hi in pairs], constant_values=jnp.asarray(fill, a.dtype))
    crop = tuple(slice(max(-lo, 0), out.shape[k] - max(-hi, 0)) for k, (lo, hi) in enumerate(pairs))
    return wrap(out[crop])


def pad_pairs(input_x, paddings) -> Tensor:
    """`ops.Pad(paddings)`: zero padding with one (before, after) pair per axis, all >= 0."""
    a = tensor_arr(input_x, "Pad", "input_x")
    if not isinstance(paddings, tuple):
        raise TypeError(f"For 'Pad', the type of 'paddings' should be 'tuple', but got type "
                        f"'{type(paddings).__name__}'.")
    if len(paddings) != a.ndim:
        raise ValueError(f"For 'Pad', the length of 'paddings' must be equal to the rank of 'input_x', but got "
                         f"{len(paddings)} vs {a.ndim}")
    pairs = [tuple(check_int(v, "Pad", "paddings") for v in p) for p in paddings]
    if any(v < 0 for p in pairs for v in p):
        raise ValueError(f"For 'Pad', all elements of 'paddings' must be >= 0, but got {paddings}.")
    return wrap(jnp.pad(a, pairs))


def bias_add(input_x, bias, data_format: str = "NCHW") -> Tensor:
    """x + bias along the channel axis (axis 1 for NCHW/NCDHW, the last axis for NHWC); rank 2 to 5."""
    a = tensor_arr(input_x, "BiasAdd", "input_x")
    b = tensor_arr(bias, "BiasAdd", "bias")
    if not 2 <= a.ndim <= 5:
        raise ValueError(f"For 'BiasAdd', the rank of input_x must be in [2,5], but got {a.ndim}.")
    axis = a.ndim - 1 if data_format == "NHWC" else 1
    if b.ndim != 1 or b.shape[0] != a.shape[axis]:
        raise ValueError(f"For 'BiasAdd', the shape of 'bias' {list(b.shape)} should be ({a.shape[axis]},), the "
                         f"channel size of 'input_x' {list(a.shape)}.")
    return wrap(a + b.reshape((-1,) + (1,) * (a.ndim - 1 - axis)))


# ---- normalization -----------------------------------------------------------------------------

def l2_normalize(x, axis=0, epsilon: float = 1e-4) -> Tensor:
    """x / sqrt(max(sum(x**2, axis), epsilon)). MindSpore's gradient divides by max(norm, epsilon)
    instead, so an all-zero slice gets gradient dout / epsilon; mindgrad reproduces that rule."""
    a = float_only(x, "L2Normalize", "input_x")
    ax = tuple(check_axis(i, a.ndim, "L2Normalize") for i in ((axis,) if isinstance(axis, int) else axis))
    return wrap(_l2_normalize(a, ax, epsilon))


def _l2_normalize(a, axis: tuple, epsilon: float):
    @jax.custom_jvp
    def fn(x):
        return x / jnp.sqrt(jnp.maximum(jnp.sum(x * x, axis=axis, keepdims=True), epsilon))

    @fn.defjvp
    def fn_jvp(primals, tangents):
        # MindSpore's L2NormalizeGrad, (g - y * sum(g * y)) / max(|x|, epsilon); the map is symmetric,
        # so the same formula is the tangent rule.
        x, = primals
        t, = tangents
        y = fn(x)
        norm = jnp.sqrt(jnp.sum(x * x, axis=axis, keepdims=True))
        return y, (t - y * jnp.sum(t * y, axis=axis, keepdims=True)) / jnp.maximum(norm, epsilon)

    return fn(a)


def rms_norm(x, gamma, epsilon: float = 1e-6) -> tuple:
    """(x * rsqrt(mean(x**2, -1) + epsilon) * gamma, rstd); MindSpore 2.10 has no CPU kernel for it."""
    a = float_only(x, "RmsNorm", "x")
    g = tensor_arr(gamma, "RmsNorm", "gamma")
    axes = tuple(range(a.ndim - g.ndim, a.ndim))
    rstd = jax.lax.rsqrt(jnp.mean(jnp.square(a), axis=axes, keepdims=True) + epsilon)
    return wrap((a * rstd * g).astype(a.dtype)), wrap(rstd)


# ---- resizing ----------------------------------------------------------------------------------

def _source_coords(out_size: int, in_size: int, align_corners: bool, half_pixel: bool, nearest: bool):
    """Source coordinates of each output position (TensorFlow/MindSpore resize conventions)."""
    i = np.arange(out_size, dtype=np.float64)
    if align_corners and out_size > 1:
        src = i * ((in_size - 1) / (out_size - 1))
        return np.floor(src + 0.5) if nearest else src
    scale = in_size / out_size
    if nearest:
        return np.floor((i + 0.5) * scale) if half_pixel else np.floor(i * scale)
    return (i + 0.5) * scale - 0.5 if half_pixel else i * scale


def _resize_axis(a, axis: int, out_size: int, align_corners: bool, half_pixel: bool, nearest: bool):
    in_size = a.shape[axis]
    src = _source_coords(out_size, in_size, align_corners, half_pixel, nearest)
    if nearest:
        return jnp.take(a, np.clip(src, 0, in_size - 1).astype(np.int32), axis=axis)
    low = np.floor(src)
    lerp = (src - low).astype(np.float32)
    lo = np.clip(low, 0, in_size - 1).astype(np.int32)
    hi = np.clip(np.ceil(src), 0, in_size - 1).astype(np.int32)
    shape = [1] * a.ndim
    shape[axis] = out_size
    w = jnp.asarray(lerp, a.dtype).reshape(shape)
    x_lo, x_hi = jnp.take(a, lo, axis=axis), jnp.take(a, hi, axis=axis)
    return x_lo + (x_hi - x_lo) * w


def resize(a, size: tuple, *, nearest: bool, align_corners: bool = False, half_pixel: bool = False):
    """Resize the trailing len(size) axes of array `a` (nearest or (bi)linear)."""
    for k, out in enumerate(size):
        axis = a.ndim - len(size) + k
        a = _resize_axis(a, axis, out, align_corners, half_pixel, nearest)
    return a


def _adaptive_avg(a, size: tuple):
    for k, out in enumerate(size):
        axis = a.ndim - len(size) + k
        n = a.shape[axis]
        parts = [jnp.mean(jax.lax.slice_in_dim(a, (i * n) // out, -(-((i + 1) * n) // out), axis=axis),
                          axis=axis, keepdims=True) for i in range(out)]
        a = jnp.concatenate(parts, axis=axis)
    return a


_INTERPOLATE_RANKS = {"nearest": (3, 4), "nearest-exact": (3, 4), "linear": (3,), "bilinear": (4,), "area": (3, 4)}


def interpolate(input, size=None, scale_factor=None, mode: str = "nearest", align_corners=None,
                recompute_scale_factor=None) -> Tensor:
    """Resize the spatial axes (all but N, C). Modes 'nearest' (floor(dst * in/out)), 'nearest-exact'
    (half-pixel centers), 'linear'/'bilinear' (half-pixel centers, or corner-aligned with
    align_corners=True) and 'area' (adaptive average pooling)."""
    a = tensor_arr(input, "interpolate")
    if mode not in _INTERPOLATE_RANKS:
        raise ValueError(f"For 'interpolate', 'mode' should be one of {list(_INTERPOLATE_RANKS)}, but got {mode!r}.")
    if a.ndim not in _INTERPOLATE_RANKS[mode]:
        raise ValueError(f"For 'interpolate', the input of mode '{mode}' should be {_INTERPOLATE_RANKS[mode]}-D, "
                         f"but got {a.ndim}-D.")
    if align_corners and mode not in ("linear", "bilinear"):
        raise ValueError("For 'interpolate', 'align_corners' is only supported by 'linear' and 'bilinear' modes.")
    nd = a.ndim - 2
    if (size is None) == (scale_factor is None):
        raise ValueError("For 'interpolate', exactly one of 'size' and 'scale_factor' should be set.")
    if size is not None:
        size = (size,) * nd if isinstance(size, int) else tuple(size)
    else:
        factors = (scale_factor,) * nd if isinstance(scale_factor, (int, float)) else tuple(scale_factor)
        size = tuple(int(math.floor(s * f)) for s, f in zip(a.shape[2:], factors, strict=False))
    if len(size) != nd:
        raise ValueError(f"For 'interpolate', 'size' should have {nd} elements, but got {len(size)}.")
    if mode == "area":
        return wrap(_adaptive_avg(a, size))
    nearest = mode in ("nearest", "nearest-exact")
    return wrap(resize(a, size, nearest=nearest, align_corners=bool(align_corners),
                       half_pixel=mode == "nearest-exact" or (not nearest and not align_corners)))


# ---- pooling -----------------------------------------------------------------------------------

def _pair(v, op: str, name: str) -> tuple:
    if isinstance(v, int):
        return (v, v)
    v = tuple(v)
    if len(v) == 4:
        v = v[2:]
    if len(v) != 2 or any(not isinstance(i, int) or i <= 0 for i in v):
        raise ValueError(f"For '{op}', the '{name}' should be a positive int or a tuple of two positive ints, "
                         f"but got {v}.")
    return v


def _same_padding(size: int, k: int, s: int) -> tuple:
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def _pool_window(a, kernel: tuple, strides: tuple, pad_mode: str, op: str):
    """(window dims, strides, padding) of a 2-D pool over the last two axes with MindSpore's pad modes."""
    mode = pad_mode.lower() if isinstance(pad_mode, str) else pad_mode
    if mode not in ("valid", "same"):
        raise ValueError(f"For '{op}', the 'pad_mode' should be 'valid' or 'same', but got {pad_mode!r}.")
    if mode == "valid" and any(s < k for s, k in zip(a.shape[-2:], kernel, strict=False)):
        raise ValueError(f"For '{op}', the kernel {kernel} is larger than the input {list(a.shape[-2:])}.")
    spatial = ([_same_padding(n, k, s) for n, k, s in zip(a.shape[-2:], kernel, strides, strict=False)]
               if mode == "same" else [(0, 0), (0, 0)])
    pads = [(0, 0)] * (a.ndim - 2) + spatial
    return (1,) * (a.ndim - 2) + kernel, (1,) * (a.ndim - 2) + strides, pads


def max_pool(x, kernel_size=1, strides=1, pad_mode: str = "valid", data_format: str = "NCHW") -> Tensor:
    """`ops.MaxPool`: max over windows; 'same' pads with -inf as TensorFlow. The gradient of a window goes
    to its first maximal element."""
    a = float_only(x, "MaxPool", "x")
    if data_format == "NHWC":
        a = jnp.moveaxis(a, -1, 1)
    dims, strd, pads = _pool_window(a, _pair(kernel_size, "MaxPool", "kernel_size"),
                                    _pair(strides, "MaxPool", "strides"), pad_mode, "MaxPool")
    out = jax.lax.reduce_window(a, -jnp.inf, jax.lax.max, dims, strd, pads)
    return wrap(jnp.moveaxis(out, 1, -1) if data_format == "NHWC" else out)


def avg_pool(x, kernel_size=1, strides=1, pad_mode: str = "valid", data_format: str = "NCHW") -> Tensor:
    """`ops.AvgPool`: mean over windows; with 'same' padding the padded positions are not counted."""
    a = float_only(x, "AvgPool", "x")
    if data_format == "NHWC":
        a = jnp.moveaxis(a, -1, 1)
    dims, strd, pads = _pool_window(a, _pair(kernel_size, "AvgPool", "kernel_size"),
                                    _pair(strides, "AvgPool", "strides"), pad_mode, "AvgPool")
    total = jax.lax.reduce_window(a, 0.0, jax.lax.add, dims, strd, pads)
    count = jax.lax.reduce_window(jnp.ones(a.shape[-2:], a.dtype), 0.0, jax.lax.add, dims[-2:], strd[-2:],
                                  pads[-2:])
    out = total / count
    return wrap(jnp.moveaxis(out, 1, -1) if data_format == "NHWC" else out)


def _torch_pads(size: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> tuple:
    span = d * (k - 1) + 1
    out = (size + 2 * p - span) / s + 1
    out = math.ceil(out) if ceil_mode else math.floor(out)
    if ceil_mode and (out - 1) * s >= size + p:
        out -= 1
    return p, max((out - 1) * s + span - size - p, 0), out


def max_pool2d(x, kernel_size, stride=None, padding=0, dilation=1, return_indices: bool = False,
               ceil_mode: bool = False):
    """PyTorch-style 2-D max pooling of (N, C, H, W) or (C, H, W); with `return_indices`, also the Int64
    flat H*W index of each maximum."""
    a = float_only(x, "max_pool2d", "x")
    k = _pair(kernel_size, "max_pool2d", "kernel_size")
    s = k if stride is None else _pair(stride, "max_pool2d", "stride")
    p = (padding, padding) if isinstance(padding, int) else tuple(padding)
    d = (dilation, dilation) if isinstance(dilation, int) else tuple(dilation)
    pads = [_torch_pads(a.shape[-2 + i], k[i], s[i], p[i], d[i], ceil_mode)[:2] for i in range(2)]
    lead = (1,) * (a.ndim - 2)
    out = jax.lax.reduce_window(a, -jnp.inf, jax.lax.max, lead + k, lead + s, [(0, 0)] * (a.ndim - 2) + pads,
                                window_dilation=lead + d)
    if not return_indices:
        return wrap(out)
    return wrap(out), wrap(_window_argmax(jax.lax.stop_gradient(a), k, s, pads, d))


def _window_argmax(a, k, s, pads, d):
    """The flat H*W index (Int64) of the first maximum of every pooling window (padding never wins)."""
    h, w = a.shape[-2:]
    rows, cols = [np.arange(-pads[i][0], (a.shape[-2 + i] + pads[i][1]) - d[i] * (k[i] - 1), s[i])
                  for i in range(2)]
    r = rows[:, None, None, None] + d[0] * np.arange(k[0])[None, None, :, None]
    c = cols[None, :, None, None] + d[1] * np.arange(k[1])[None, None, None, :]
    r, c = np.broadcast_arrays(r, c)
    inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
    flat = np.where(inside, np.clip(r, 0, h - 1) * w + np.clip(c, 0, w - 1), 0)
    win = flat.reshape(len(rows), len(cols), -1)
    vals = jnp.where(inside.reshape(win.shape), a.reshape(a.shape[:-2] + (-1,))[..., win], -jnp.inf)
    pick = jnp.argmax(vals, axis=-1)
    return jnp.take_along_axis(jnp.broadcast_to(win, vals.shape), pick[..., None], axis=-1)[..., 0].astype(jnp.int64)


# ---- dropout -----------------------------------------------------------------------------------

def dropout_with_key(a, keep_prob: float, key):
    """(a * mask / keep_prob, mask) with a Bernoulli(keep_prob) mask drawn from `key`."""
    mask = jax.random.bernoulli(key, keep_prob, a.shape)
    return jnp.where(mask, a / keep_prob, 0).astype(a.dtype), mask


# ---- losses ------------------------------------------------------------------------------------

def _same_shape(a, b, op: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"For '{op}', the shape of 'target' {list(b.shape)} must be equal to the shape of "
                         f"'input' {list(a.shape)}.")


def _bce_logits(x, z, weight=None, pos_weight=None):
    """max(x, 0) - x*z + log(1 + exp(-|x|)), with pos_weight p: (1 - z) x + (1 + (p - 1) z) softplus(-x)."""
    softplus_neg = jnp.log1p(_cpu_numerics.exp(-jnp.abs(x))) + jnp.maximum(-x, 0)
    if pos_weight is None:
        loss = (1 - z) * x + softplus_neg
    else:
        loss = (1 - z) * x + (1 + (pos_weight - 1) * z) * softplus_neg
    return loss if weight is None else loss * weight


def sigmoid_cross_entropy_with_logits(logits, label) -> Tensor:
    """Element-wise BCE with logits; `label` gets no gradient, as in MindSpore."""
    x = float_only(logits, "SigmoidCrossEntropyWithLogits", "logits")
    z = tensor_arr(label, "SigmoidCrossEntropyWithLogits", "label")
    if x.shape != z.shape:
        raise ValueError(f"For SigmoidCrossEntropyWithLogits, 'label' shape {tuple(z.shape)} must be consistent "
                         f"with 'logits' shape {tuple(x.shape)}.")
    return wrap(_bce_logits(x, jax.lax.stop_gradient(z)))


def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction: str = "mean") -> Tensor:
    """BCE with logits, weighted; `target` gets a gradient, `weight` and `pos_weight` do not (as MindSpore)."""
    x = float_only(input, "BCEWithLogitsLoss")
    z = float_only(target, "BCEWithLogitsLoss", "target")
    _same_shape(x, z, "BCEWithLogitsLoss")
    check_reduction(reduction, "BCEWithLogitsLoss")
    w = None if weight is None else jax.lax.stop_gradient(tensor_arr(weight, "BCEWithLogitsLoss", "weight"))
    p = None if pos_weight is None else jax.lax.stop_gradient(tensor_arr(pos_weight, "BCEWithLogitsLoss",
                                                                         "pos_weight"))
    return wrap(reduce_loss(_bce_logits(x, z, w, p), reduction))


def softmax_cross_entropy_with_logits(logits, labels) -> tuple:
    """(loss per row, dlogits = softmax - labels); neither `labels` nor the second output carry gradients."""
    x = float_only(logits, "SoftmaxCrossEntropyWithLogits", "logits")
    y = tensor_arr(labels, "SoftmaxCrossEntropyWithLogits", "labels")
    if x.dtype != y.dtype:
        raise TypeError("For 'SoftmaxCrossEntropyWithLogits', the input type must be same.")
    _same_shape(x, y, "SoftmaxCrossEntropyWithLogits")
    y = jax.lax.stop_gradient(y)
    loss = -jnp.sum(y * jax.nn.log_softmax(x, axis=-1), axis=-1)
    return wrap(loss), wrap(jax.lax.stop_gradient(_softmax(x, -1) - y))


def sparse_softmax_cross_entropy_with_logits(logits, labels, is_grad: bool = False) -> Tensor:
    """Mean cross entropy of `logits` (N, C) against class indices `labels` (N,)."""
    x = float_only(logits, "SparseSoftmaxCrossEntropyWithLogits", "logits")
    t = tensor_arr(labels, "SparseSoftmaxCrossEntropyWithLogits", "labels")
    logp = jax.nn.log_softmax(x, axis=-1)
    return wrap(-jnp.mean(jnp.take_along_axis(logp, t[..., None].astype(jnp.int32), axis=-1)))


def nll_loss(inputs, target, weight=None, ignore_index: int = -100, reduction: str = "mean",
             label_smoothing: float = 0.0) -> Tensor:
    """Negative log likelihood of log-probabilities `inputs` (N, C, ...) at class indices `target` (N, ...).
    'mean' divides by the summed weights of the non-ignored targets."""
    x = float_only(inputs, "nll_loss", "inputs")
    t = tensor_arr(target, "nll_loss", "target")
    check_reduction(reduction, "nll_loss")
    return wrap(_nll(x, t, weight, ignore_index, reduction, label_smoothing))


def _nll(x, t, weight, ignore_index: int, reduction: str, label_smoothing: float):
    class_dim = 0 if x.ndim == 1 else 1
    n_classes = x.shape[class_dim]
    w = jnp.ones(n_classes, x.dtype) if weight is None else jax.lax.stop_gradient(tensor_arr(weight, "nll_loss",
                                                                                              "weight"))
    ignored = t == ignore_index
    safe = jnp.where(ignored, 0, t).astype(jnp.int32)
    wshape = [1] * x.ndim
    wshape[class_dim] = n_classes
    wx = x * w.reshape(wshape)
    picked = jnp.squeeze(jnp.take_along_axis(wx, jnp.expand_dims(safe, class_dim), axis=class_dim), class_dim)
    loss = jnp.where(ignored, 0, -picked)
    smooth = jnp.where(ignored, 0, -jnp.sum(wx, axis=class_dim))
    if reduction == "mean":
        total = jnp.sum(jnp.where(ignored, 0, w[safe]))
        loss, smooth = jnp.sum(loss) / total, jnp.sum(smooth) / total
    elif reduction == "sum":
        loss, smooth = jnp.sum(loss), jnp.sum(smooth)
    return (1 - label_smoothing) * loss + label_smoothing / n_classes * smooth


def cross_entropy(input, target, weight=None, ignore_index: int = -100, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """Cross entropy of logits `input` (N, C, ...) with class indices (integer `target`) or class
    probabilities (float `target`, which then gets a gradient). Classes are on axis 1 (axis 0 for 1-D)."""
    x = float_only(input, "cross_entropy")
    t = tensor_arr(target, "cross_entropy", "target")
    check_reduction(reduction, "cross_entropy")
    class_dim = 0 if x.ndim == 1 else 1
    logp = jax.nn.log_softmax(x, axis=class_dim)
    if not is_float(t.dtype):
        return wrap(_nll(logp, t, weight, ignore_index, reduction, label_smoothing))
    n_classes = x.shape[class_dim]
    if label_smoothing > 0:
        t = t * (1 - label_smoothing) + label_smoothing / n_classes
    wshape = [1] * x.ndim
    wshape[class_dim] = n_classes
    w = 1 if weight is None else jax.lax.stop_gradient(tensor_arr(weight, "cross_entropy", "weight")).reshape(wshape)
    prod = logp * t * w
    if reduction == "mean":
        return wrap(-jnp.sum(prod) / (x.size / n_classes))
    if reduction == "sum":
        return wrap(-jnp.sum(prod))
    return wrap(-jnp.sum(prod, axis=class_dim))


def smooth_l1_loss(input, target, beta: float = 1.0, reduction: str = "none") -> Tensor:
    """0.5 d**2 / beta where |d| < beta, else |d| - 0.5 beta (d = input - target); beta must be > 0."""
    x = float_only(input, "SmoothL1Loss", "prediction")
    y = tensor_arr(target, "SmoothL1Loss", "target")
    if x.shape != y.shape:
        raise ValueError(f"For 'SmoothL1Loss', the prediction_shape {list(x.shape)} must be equal to "
                         f"{list(y.shape)}.")
    if beta < 0:
        raise RuntimeError(f"For 'SmoothL1Loss', the values for beta not support negative values, but got {beta}.")
    if beta == 0:
        raise RuntimeError(f"For 'SmoothL1Loss', the values for beta should greater than 0, but got {beta}.")
    check_reduction(reduction, "SmoothL1Loss")
    d = jnp.abs(x - y.astype(x.dtype))
    loss = jnp.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta)
    return wrap(reduce_loss(loss, reduction))


def mse_loss(input, target, reduction: str = "mean") -> Tensor:
    x, y = float_only(input, "mse_loss"), tensor_arr(target, "mse_loss", "target")
    check_reduction(reduction, "mse_loss")
    return wrap(reduce_loss(jnp.square(x - y), reduction))


def l1_loss(input, target, reduction: str = "mean") -> Tensor:
    x, y = float_only(input, "l1_loss"), tensor_arr(target, "l1_loss", "target")
    check_reduction(reduction, "l1_loss")
    return wrap(reduce_loss(jnp.abs(x - y), reduction))


# MindSpore's `ops.function.nn_func.multi_head_attention_forward` (ops17; not exported from `ops`).
from .attention_func import multi_head_attention_forward  # noqa: E402,F401
