"""Functions that `mindspore.mint.nn.functional` needs and `ops` lacked (torch-style arguments): N-D and
transposed convolution, adaptive and 1-D/3-D pooling, max unpooling, fold, pixel shuffle, batch norm with
running statistics, channel dropout, activations and losses."""

from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ._helpers import check_reduction, float_only, reduce_loss, tensor_arr
from .batchnorm_func import batch_norm as _bn_primitive
from .conv_pool_func import _conv, avg_pool_nd, explicit_pads, ntuple
from .nn_func import _adaptive_avg, dropout_with_key
from .random_func import functional_key

# ---- convolution -------------------------------------------------------------------------------


def conv_nd(input, weight, bias, stride, padding, dilation, groups: int, n: int, op: str) -> Tensor:
    """torch-style N-D convolution: `padding` an int, n ints, "same" or "valid"."""
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise ValueError(f"For '{op}', the 'padding' must be 'same' or 'valid', but got {padding}.")
        return _conv(input, weight, bias, stride, padding, 0, dilation, groups, n, op)
    return _conv(input, weight, bias, stride, "pad", ntuple(padding, n, op, "padding"), dilation, groups, n, op)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups: int = 1) -> Tensor:
    """3-D convolution of (N, C, D, H, W) by weight (O, C / groups, KD, KH, KW)."""
    return conv_nd(input, weight, bias, stride, padding, dilation, groups, 3, "conv3d")


def conv_transpose_nd(input, weight, bias, stride, padding, output_padding, groups: int, dilation, n: int,
                      op: str) -> Tensor:
    """torch-style transposed convolution of (N, C_in, *S) [or unbatched] by weight (C_in, C_out / groups, *K):
    output size (S - 1) * stride - 2 * padding + dilation * (K - 1) + output_padding + 1."""
    a = float_only(input, op)
    w = float_only(weight, op, "weight")
    unbatched = a.ndim == n + 1
    if unbatched:
        a = a[None]
    if a.ndim != n + 2 or w.ndim != n + 2:
        raise ValueError(f"For '{op}', the 'input' should be {n + 1}-D or {n + 2}-D and the 'weight' {n + 2}-D, "
                         f"but got {a.ndim - unbatched}-D and {w.ndim}-D.")
    if a.shape[1] != w.shape[0] or w.shape[0] % groups:
        raise ValueError(f"For '{op}', the input channels {a.shape[1]} should equal weight.shape[0] "
                         f"{w.shape[0]}, divisible by groups {groups}.")
    s, d = ntuple(stride, n, op, "stride"), ntuple(dilation, n, op, "dilation")
    p, op_ = ntuple(padding, n, op, "padding"), ntuple(output_padding, n, op, "output_padding")
    k = w.shape[2:]
    cin, cout_g = w.shape[0], w.shape[1]
    # (C_in, C_out/g, *K) -> (C_out, C_in/g, *K), spatially flipped: the forward kernel of the adjoint
    wt = w.reshape((groups, cin // groups, cout_g) + k).swapaxes(1, 2).reshape((groups * cout_g, cin // groups) + k)
    wt = jnp.flip(wt, axis=tuple(range(2, n + 2)))
    pads = [(di * (ki - 1) - pi, di * (ki - 1) - pi + oi) for ki, di, pi, oi in zip(k, d, p, op_, strict=True)]
    dims = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}[n]
    out = jax.lax.conv_general_dilated(a, wt, (1,) * n, pads, lhs_dilation=s, rhs_dilation=d,
                                       feature_group_count=groups, dimension_numbers=dims)
    if bias is not None:
        out = out + tensor_arr(bias, op, "bias").reshape((-1,) + (1,) * n)
    return wrap(out[0] if unbatched else out)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups: int = 1,
                     dilation=1) -> Tensor:
    """2-D transposed convolution of (N, C_in, H, W) by weight (C_in, C_out / groups, KH, KW)."""
    return conv_transpose_nd(input, weight, bias, stride, padding, output_padding, groups, dilation, 2,
                             "conv_transpose2d")


# ---- pooling -----------------------------------------------------------------------------------


def _output_size(a, output_size, n: int, op: str) -> tuple:
    if a.ndim not in (n + 1, n + 2):
        raise ValueError(f"For '{op}', the 'input' should be {n + 1}-D or {n + 2}-D, but got {a.ndim}-D.")
    size = (output_size,) * n if isinstance(output_size, int) else tuple(output_size)
    if len(size) != n:
        raise RuntimeError(f"For '{op}', the size of 'output_size' should be {n}, but got {len(size)}.")
    size = tuple(a.shape[-n + i] if v is None else v for i, v in enumerate(size))
    if any(v <= 0 for v in size):
        raise ValueError(f"For '{op}', the 'output_size' should be positive, but got {output_size}.")
    return size


def adaptive_avg_pool_nd(input, output_size, n: int, op: str) -> Tensor:
    """Average pooling of the last n axes to `output_size`: cell i averages floor(i * in / out) ..
    ceil((i + 1) * in / out)."""
    a = float_only(input, op)
    return wrap(_adaptive_avg(a, _output_size(a, output_size, n, op)))


def adaptive_max_pool_nd(input, output_size, return_indices: bool, n: int, op: str):
    """Max pooling of the last n axes to `output_size` (adaptive windows); with `return_indices` also the
    Int64 flat index of each maximum in the pooled plane."""
    a = float_only(input, op)
    size = _output_size(a, output_size, n, op)
    spatial = a.shape[-n:]
    bounds = [[((i * s) // o, -(-((i + 1) * s) // o)) for i in range(o)] for s, o in zip(spatial, size, strict=True)]
    windows = []
    for cell in itertools.product(*bounds):
        grid = np.meshgrid(*[np.arange(lo, hi) for lo, hi in cell], indexing="ij")
        windows.append(np.ravel_multi_index(tuple(g.ravel() for g in grid), spatial))
    width = max(len(w) for w in windows)
    # one gather: windows padded to one width by repeating their first cell (max ignores repeats)
    table = np.stack([np.concatenate([w, np.full(width - len(w), w[0])]) for w in windows])
    out, idx = _window_max(a, table, size)
    return (wrap(out), wrap(idx)) if return_indices else wrap(out)


@functools.partial(jax.jit, static_argnums=2)
def _window_max(a, table, size: tuple):
    """Max and Int64 flat index of each window of the last len(size) axes, `table` holding the windows' cells."""
    n = len(size)
    values = a.reshape(a.shape[:-n] + (-1,))[..., table]
    pick = jnp.argmax(jax.lax.stop_gradient(values), axis=-1)
    idx = table[jnp.arange(table.shape[0]), pick]
    return jnp.max(values, axis=-1).reshape(a.shape[:-n] + size), idx.reshape(a.shape[:-n] + size).astype(jnp.int64)


def avg_pool(input, kernel_size, stride, padding, ceil_mode: bool, count_include_pad: bool, divisor_override,
             n: int, op: str) -> Tensor:
    """torch-style N-D average pooling (`stride` None: the kernel size)."""
    return avg_pool_nd(input, n, kernel_size, stride, padding, ceil_mode, count_include_pad,
                       divisor_override or 0, op)


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None) -> Tensor:
    """The inverse of max_pool2d: each value of (N, C, H, W) [or (C, H, W)] written at its flat `indices`
    of an all-zero (H - 1) * stride - 2 * padding + kernel_size plane (or `output_size`)."""
    op = "max_unpool2d"
    a = float_only(input, op)
    idx = tensor_arr(indices, op, "indices")
    if a.ndim not in (3, 4) or idx.shape != a.shape:
        raise ValueError(f"For '{op}', the 'input' should be 3-D or 4-D with 'indices' of the same shape, but got "
                         f"{list(a.shape)} and {list(idx.shape)}.")
    k = ntuple(kernel_size, 2, op, "kernel_size")
    s = k if stride is None else ntuple(stride, 2, op, "stride")
    p = ntuple(padding, 2, op, "padding")
    out = tuple((a.shape[-2 + i] - 1) * s[i] - 2 * p[i] + k[i] for i in range(2))
    if output_size is not None:
        out = tuple(output_size)[-2:]
    lead = a.shape[:-2]
    flat_a, flat_i = a.reshape((-1, a.shape[-2] * a.shape[-1])), idx.reshape((-1, a.shape[-2] * a.shape[-1]))
    rows = jnp.arange(flat_a.shape[0])[:, None]
    plane = jnp.zeros((flat_a.shape[0], out[0] * out[1]), a.dtype).at[rows, flat_i].set(flat_a)
    return wrap(plane.reshape(lead + out))


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:
    """col2im, the adjoint of unfold: (N, C * kh * kw, L) [or unbatched] columns summed into (N, C, *output_size)."""
    op = "fold"
    a = float_only(input, op)
    unbatched = a.ndim == 2
    if unbatched:
        a = a[None]
    if a.ndim != 3:
        raise ValueError(f"For '{op}', the 'input' should be 2-D or 3-D, but got {a.ndim}-D.")
    size, k = ntuple(output_size, 2, op, "output_size"), ntuple(kernel_size, 2, op, "kernel_size")
    d, s = ntuple(dilation, 2, op, "dilation"), ntuple(stride, 2, op, "stride")
    pads = explicit_pads(padding, 2, op)
    if a.shape[1] % (k[0] * k[1]):
        raise RuntimeError(f"For '{op}', the size of 'input' dimension 1 ({a.shape[1]}) should be divisible by the "
                           f"product of 'kernel_size' {k}.")
    channels = a.shape[1] // (k[0] * k[1])

    def patches(x):
        cols = jax.lax.conv_general_dilated_patches(x, k, s, pads, rhs_dilation=d,
                                                    dimension_numbers=("NCHW", "OIHW", "NCHW"))
        return cols.reshape(x.shape[0], cols.shape[1], -1)

    zeros = jnp.zeros((a.shape[0], channels) + size, a.dtype)
    blocks = jax.eval_shape(patches, zeros).shape[2]
    if blocks != a.shape[2]:
        raise RuntimeError(f"For '{op}', the size of 'input' dimension 2 ({a.shape[2]}) should match the number of "
                           f"sliding blocks ({blocks}).")
    out = jax.linear_transpose(patches, zeros)(a)[0]
    return wrap(out[0] if unbatched else out)


def pixel_shuffle(input, upscale_factor: int) -> Tensor:
    """(*, C * r^2, H, W) -> (*, C, H * r, W * r)."""
    op = "pixel_shuffle"
    a = tensor_arr(input, op)
    r = upscale_factor
    if a.ndim < 3 or a.shape[-3] % (r * r):
        raise ValueError(f"For '{op}', the 'input' should be at least 3-D with channels divisible by "
                         f"upscale_factor^2 ({r * r}), but got shape {list(a.shape)}.")
    *lead, c, h, w = a.shape
    x = a.reshape(tuple(lead) + (c // (r * r), r, r, h, w))
    m = len(lead)
    x = x.transpose(tuple(range(m)) + (m, m + 3, m + 1, m + 4, m + 2))
    return wrap(x.reshape(tuple(lead) + (c // (r * r), h * r, w * r)))


# ---- normalization and dropout -----------------------------------------------------------------


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training: bool = False,
               momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Normalise over all axes but 1 with the batch statistics (`training`) or `running_mean`/`running_var`;
    in training the running statistics given become (1 - momentum) * old + momentum * batch statistic
    (the variance unbiased), in place."""
    a = float_only(input, "batch_norm")
    if a.ndim < 2:
        raise ValueError(f"For 'batch_norm', the 'input' should be at least 2-D, but got {a.ndim}-D.")
    c = a.shape[1]
    if not training and (running_mean is None or running_var is None):
        raise ValueError("For 'batch_norm', 'running_mean' and 'running_var' are required when 'training' is False.")
    ones, zeros = wrap(jnp.ones((c,), a.dtype)), wrap(jnp.zeros((c,), a.dtype))
    mean = zeros if running_mean is None else running_mean
    var = ones if running_var is None else running_var
    y, _, _, m, v = _bn_primitive(input, ones if weight is None else weight, zeros if bias is None else bias,
                                  mean, var, training, eps, momentum, "NCHW")
    if training:
        n = a.size // c
        for stat, value in ((running_mean, m._arr), (running_var, v._arr * n / max(n - 1, 1))):
            if stat is not None and not isinstance(stat, Parameter):
                new = (1 - momentum) * stat._arr + momentum * jax.lax.stop_gradient(value).astype(stat._arr.dtype)
                stat._set_array(new)
    return y


def dropout2d(input, p: float = 0.5, training: bool = True, inplace: bool = False, key=None) -> Tensor:
    """Zero whole channels (axis 1 of (N, C, H, W), axis 0 of (C, H, W)) with probability `p`, scaling the
    rest by 1 / (1 - p), when `training` (masks from `key`, else the functional random stream)."""
    a = float_only(input, "dropout2d")
    if not 0 <= p <= 1:
        raise ValueError(f"For 'dropout2d', the 'p' should be in range [0, 1], but got {p}.")
    if not training or p == 0:
        return input
    if a.ndim not in (3, 4):
        raise ValueError(f"For 'dropout2d', the 'input' should be 3-D or 4-D, but got {a.ndim}-D.")
    if p == 1:
        return wrap(jnp.zeros_like(a))
    ones = jnp.ones(a.shape[:-2] + (1, 1), a.dtype)
    return wrap(a * dropout_with_key(ones, 1 - p, functional_key() if key is None else key)[0])


# ---- activations -------------------------------------------------------------------------------


def _act(fn, name: str):
    def act(input, *args) -> Tensor:
        return wrap(fn(float_only(input, name), *args))
    act.__name__ = act.__qualname__ = name
    return act


def _hardtanh(a, min_val, max_val):
    return jnp.clip(a, jnp.asarray(min_val, a.dtype), jnp.asarray(max_val, a.dtype))


def _threshold(a, threshold, value):
    return jnp.where(a > threshold, a, jnp.asarray(value, a.dtype))


def _shrink(a, lambd, hard: bool):
    outside = jnp.abs(a) > lambd
    return jnp.where(outside, a if hard else a - jnp.sign(a) * lambd, jnp.zeros((), a.dtype))


mish = _act(jax.nn.mish, "mish")
selu = _act(jax.nn.selu, "selu")
logsigmoid = _act(jax.nn.log_sigmoid, "logsigmoid")
_hardtanh_act = _act(_hardtanh, "hardtanh")
_threshold_act = _act(_threshold, "threshold")
_shrink_act = _act(_shrink, "shrink")


def elu(input, alpha: float = 1.0) -> Tensor:
    """x where x > 0, else alpha * (exp(x) - 1), for any alpha."""
    a = float_only(input, "elu")
    return wrap(jnp.where(a > 0, a, alpha * jnp.expm1(jnp.minimum(a, 0))).astype(a.dtype))


def hardtanh(input, min_val: float = -1.0, max_val: float = 1.0) -> Tensor:
    """clip(x, min_val, max_val)."""
    return _hardtanh_act(input, min_val, max_val)


def threshold(input, threshold: float, value: float) -> Tensor:
    """x where x > threshold, else value."""
    return _threshold_act(input, threshold, value)


def hardshrink(input, lambd: float = 0.5) -> Tensor:
    """x where |x| > lambd, else 0."""
    return _shrink_act(input, lambd, True)


def softshrink(input, lambd: float = 0.5) -> Tensor:
    """x - sign(x) * lambd where |x| > lambd, else 0."""
    return _shrink_act(input, lambd, False)


def glu(input, dim: int = -1) -> Tensor:
    """a * sigmoid(b), where a and b are the halves of `input` along `dim`."""
    a = float_only(input, "glu")
    if not -a.ndim <= dim < a.ndim:
        raise ValueError(f"For 'glu', the 'dim' must be in range [{-a.ndim}, {a.ndim}), but got {dim}.")
    if a.shape[dim] % 2:
        raise RuntimeError(f"For GLU, halving dimension must be even, but dimension {dim} is size {a.shape[dim]}.")
    return wrap(jax.nn.glu(a, axis=dim))


# ---- losses ------------------------------------------------------------------------------------


def kl_div(input, target, reduction: str = "mean", log_target: bool = False) -> Tensor:
    """target * (log(target) - input) (`log_target`: exp(target) * (target - input)); 'mean' over all
    elements, 'batchmean' the sum over the batch size."""
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"For 'kl_div', the 'reduction' should be 'none', 'mean', 'sum' or 'batchmean', but got "
                         f"{reduction!r}.")
    x, t = float_only(input, "kl_div"), float_only(target, "kl_div", "target")
    loss = jnp.exp(t) * (t - x) if log_target else jax.scipy.special.xlogy(t, t) - t * x
    if reduction == "batchmean":
        return wrap(jnp.sum(loss) / (x.shape[0] if x.ndim else 1))
    return wrap(reduce_loss(loss, reduction))


def soft_margin_loss(input, target, reduction: str = "mean") -> Tensor:
    """log(1 + exp(-target * input))."""
    check_reduction(reduction, "soft_margin_loss")
    x, t = float_only(input, "soft_margin_loss"), tensor_arr(target, "soft_margin_loss", "target")
    return wrap(reduce_loss(jax.nn.softplus(-t.astype(x.dtype) * x), reduction))


def cosine_embedding_loss(input1, input2, target, margin: float = 0.0, reduction: str = "mean") -> Tensor:
    """1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it is -1 (cosine along the last
    axis, with 1e-12 added to each squared norm)."""
    op = "cosine_embedding_loss"
    check_reduction(reduction, op)
    a, b = float_only(input1, op, "input1"), float_only(input2, op, "input2")
    t = tensor_arr(target, op, "target")
    eps = 1e-12
    cos = jnp.sum(a * b, -1) / jnp.sqrt((jnp.sum(a * a, -1) + eps) * (jnp.sum(b * b, -1) + eps))
    loss = jnp.where(t == 1, 1 - cos, jnp.where(t == -1, jnp.maximum(cos - margin, 0), 0)).astype(a.dtype)
    return wrap(reduce_loss(loss, reduction))
