"""`mindspore.mint.nn.functional`: torch-style neural-network functions over mindgrad's `ops`."""

from __future__ import annotations

from ... import ops as _ops
from ...common.tensor import Tensor
from ...ops.function import mint_nn_support_func as _m
from ...ops.function.mint_nn_support_func import (  # noqa: F401
    batch_norm, conv3d, conv_transpose2d, cosine_embedding_loss, fold, glu, hardshrink, kl_div, logsigmoid,
    max_unpool2d, mish, pixel_shuffle, selu, soft_margin_loss, softshrink)
from ...ops.function.mint_fn_support_func import matrix_norm as _matrix_norm
from ...ops.function.mint_fn_support_func import vector_norm as _vector_norm
from ...ops.function.mint_shared_func import embedding, group_norm, normalize  # noqa: F401
from ...ops.function.nn_more_func import prelu  # noqa: F401
from ...ops.tensor_methods_more import _inplace
from ...ops.function.nn_more_func import layer_norm as _layer_norm
from .._alias import alias as _alias

adaptive_avg_pool2d = _ops.adaptive_avg_pool2d
binary_cross_entropy = _ops.binary_cross_entropy
broadcast_to = _ops.broadcast_to
clamp = _ops.clamp
cross_entropy = _ops.cross_entropy
gelu = _ops.gelu
hardsigmoid = _ops.hardsigmoid
hardswish = _ops.hardswish
grid_sample = _ops.grid_sample
interpolate = _ops.interpolate
l1_loss = _ops.l1_loss
nll_loss = _ops.nll_loss
linear = _alias(_ops.dense, "linear")
mse_loss = _ops.mse_loss
pad = _ops.pad
sigmoid = _ops.sigmoid
softplus = _ops.softplus
tanh = _ops.tanh
unfold = _ops.unfold
elu_ext = _m.elu
silu_func = _ops.silu
hardtanh_op = _m.hardtanh
threshold_op = _m.threshold


def _implicit_dim(input) -> int:
    return 0 if input.ndim in (0, 1, 3) else 1


def softmax(input, dim=None, dtype=None) -> Tensor:
    """exp(x) / sum(exp(x)) along `dim` (None: torch's implicit choice, 0 for rank 0, 1 or 3, else 1),
    computed in `dtype` when given."""
    x = input if dtype is None else _ops.cast(input, dtype)
    return _ops.softmax(x, _implicit_dim(x) if dim is None else dim)


def log_softmax(input, dim=None, *, dtype=None) -> Tensor:
    """log(softmax(input, dim)), computed in `dtype` when given."""
    x = input if dtype is None else _ops.cast(input, dtype)
    return _ops.log_softmax(x, _implicit_dim(x) if dim is None else dim)


def silu(input, inplace: bool = False) -> Tensor:
    """x * sigmoid(x) (written into `input` when `inplace`)."""
    return _maybe_inplace(input, _ops.silu(input), inplace)


def relu(input, inplace: bool = False) -> Tensor:
    """max(x, 0) (written into `input` when `inplace`)."""
    return _maybe_inplace(input, _ops.relu(input), inplace)


def dropout(input, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero elements with probability `p` and scale the rest by 1 / (1 - p) when `training`; else identity."""
    return _ops.dropout(input, p, training)


def leaky_relu(input, negative_slope: float = 0.01) -> Tensor:
    """x where x > 0, else negative_slope * x."""
    return _ops.leaky_relu(input, negative_slope)


def elu(input, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x where x > 0, else alpha * (exp(x) - 1)."""
    return _maybe_inplace(input, _m.elu(input, alpha), inplace)


def one_hot(tensor, num_classes: int = -1) -> Tensor:
    """int64 one-hot vectors of the indices in `tensor`; `num_classes=-1` takes max(tensor) + 1."""
    if num_classes == -1:
        num_classes = int(_ops.amax(tensor).asnumpy()) + 1
    return _ops.one_hot(tensor, num_classes, 1, 0)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps: float = 1e-5) -> Tensor:
    """Normalise over the trailing `normalized_shape` axes (biased variance), then scale by `weight` and
    shift by `bias` (ones and zeros when None)."""
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    begin = input.ndim - len(shape)
    if begin < 0 or tuple(input.shape[begin:]) != shape:
        raise ValueError(f"For 'layer_norm', the 'normalized_shape' {list(shape)} must match the trailing shape "
                         f"of 'input' {list(input.shape)}.")
    weight = _ops.ones(shape, input.dtype) if weight is None else weight
    bias = _ops.zeros(shape, input.dtype) if bias is None else bias
    return _layer_norm(input, weight, bias, begin, begin, eps)[0]


def binary_cross_entropy_with_logits(input, target, weight=None, reduction: str = "mean", pos_weight=None) -> Tensor:
    """Binary cross entropy of logits `input` against `target` (mint's argument order: `reduction` before
    `pos_weight`)."""
    return _ops.binary_cross_entropy_with_logits(input, target, weight, pos_weight, reduction)


def smooth_l1_loss(input, target, reduction: str = "mean", beta: float = 1.0) -> Tensor:
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta; mean by default."""
    return _ops.smooth_l1_loss(input, target, beta, reduction)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups: int = 1) -> Tensor:
    """2-D convolution of NCHW `input` by `weight` (out, in / groups, kh, kw); `padding` an int, a pair
    (rows, columns), "same" or "valid"."""
    if isinstance(padding, str):
        return _ops.conv2d(input, weight, bias, stride, padding, 0, dilation, groups)
    ph, pw = (padding, padding) if isinstance(padding, int) else tuple(padding)
    return _ops.conv2d(input, weight, bias, stride, "pad", (ph, pw), dilation, groups)


def _maybe_inplace(input, out, inplace: bool) -> Tensor:
    """`out`, written into `input` (and `input` returned) when `inplace`."""
    return _inplace(input, out) if inplace else out


def relu_(input) -> Tensor:
    """relu, in place."""
    return _inplace(input, _ops.relu(input))


def relu6(input, inplace: bool = False) -> Tensor:
    """min(max(x, 0), 6)."""
    return _maybe_inplace(input, _ops.relu6(input), inplace)


def elu_(input, alpha: float = 1.0) -> Tensor:
    """elu, in place."""
    return _inplace(input, _m.elu(input, alpha))


inplace_elu = elu_


def sigmoid_(input) -> Tensor:
    """sigmoid, in place."""
    return _inplace(input, _ops.sigmoid(input))


def inplace_silu(input) -> Tensor:
    """silu, in place."""
    return _inplace(input, _ops.silu(input))


def hardtanh(input, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> Tensor:
    """clip(x, min_val, max_val)."""
    return _maybe_inplace(input, _m.hardtanh(input, min_val, max_val), inplace)


def hardtanh_(input, min_val: float = -1, max_val: float = 1) -> Tensor:
    """hardtanh, in place."""
    return _inplace(input, _m.hardtanh(input, min_val, max_val))


def threshold(input, threshold: float, value: float, inplace: bool = False) -> Tensor:
    """x where x > threshold, else value."""
    return _maybe_inplace(input, _m.threshold(input, threshold, value), inplace)


def threshold_(input, threshold: float, value: float) -> Tensor:
    """threshold, in place."""
    return _inplace(input, _m.threshold(input, threshold, value))


def flatten(input, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge axes start_dim .. end_dim (all axes by default)."""
    return _ops.flatten(input, start_dim=start_dim, end_dim=end_dim)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups: int = 1) -> Tensor:
    """1-D convolution of (N, C, L) by weight (out, in / groups, k); `padding` an int, "same" or "valid"."""
    return _m.conv_nd(input, weight, bias, stride, padding, dilation, groups, 1, "conv1d")


def adaptive_avg_pool1d(input, output_size) -> Tensor:
    """Average pooling of (N, C, L) or (C, L) to `output_size`."""
    return _m.adaptive_avg_pool_nd(input, output_size, 1, "adaptive_avg_pool1d")


def adaptive_avg_pool3d(input, output_size) -> Tensor:
    """Average pooling of (N, C, D, H, W) or (C, D, H, W) to `output_size` (an int or three, None keeping an axis)."""
    return _m.adaptive_avg_pool_nd(input, output_size, 3, "adaptive_avg_pool3d")


def adaptive_avg_pool3d_ext(input, output_size) -> Tensor:
    """adaptive_avg_pool3d with `output_size` a tuple of three (an int is a ValueError, as in MindSpore)."""
    if isinstance(output_size, int):
        raise ValueError("For primitive[AdaptiveAvgPool3DExt], the length of output_size must be equal to 3, but "
                         "got 1.")
    return adaptive_avg_pool3d(input, output_size)


def adaptive_max_pool1d(input, output_size, return_indices: bool = False):
    """Max pooling of (N, C, L) or (C, L) to `output_size`; with `return_indices` also the Int64 positions."""
    return _m.adaptive_max_pool_nd(input, output_size, return_indices, 1, "adaptive_max_pool1d")


def adaptive_max_pool2d(input, output_size, return_indices: bool = False):
    """Max pooling of (N, C, H, W) or (C, H, W) to `output_size`; with `return_indices` also the Int64 flat
    H * W positions."""
    return _m.adaptive_max_pool_nd(input, output_size, return_indices, 2, "adaptive_max_pool2d")


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
               count_include_pad: bool = True) -> Tensor:
    """Average pooling of (N, C, L) or (C, L); `stride` None is the kernel size."""
    return _m.avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, None, 1, "avg_pool1d")


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override=None) -> Tensor:
    """Average pooling of (N, C, H, W) or (C, H, W); `stride` None is the kernel size."""
    return _m.avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, 2,
                       "avg_pool2d")


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override=None) -> Tensor:
    """Average pooling of (N, C, D, H, W) or (C, D, H, W); `stride` None is the kernel size."""
    return _m.avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, 3,
                       "avg_pool3d")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,
               return_indices: bool = False):
    """Max pooling of (N, C, H, W) or (C, H, W); with `return_indices` also the Int64 flat H * W positions."""
    return _ops.max_pool2d(input, kernel_size, stride, padding, dilation, return_indices, ceil_mode)


def upsample(input, size=None, scale_factor=None, mode: str = "nearest", align_corners=None) -> Tensor:
    """interpolate (without `recompute_scale_factor`)."""
    return _ops.interpolate(input, size, scale_factor, mode, align_corners)


def dropout2d(input, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero whole channels with probability `p` and scale the rest by 1 / (1 - p) when `training`."""
    return _maybe_inplace(input, _m.dropout2d(input, p, training), inplace)


def norm_ext(input, p="fro", dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """The p-norm of `input` as a vector over `dim` (all axes when None; 'fro' is p = 2), or the nuclear norm
    ('nuc') of the matrices over `dim` (the last two axes when None)."""
    if p == "nuc":
        return _matrix_norm(input, "nuc", (-2, -1) if dim is None else dim, keepdim, dtype=dtype)
    return _vector_norm(input, 2 if p == "fro" else p, dim, keepdim, dtype=dtype)
