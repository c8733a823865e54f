"""`mindspore.mint.nn.functional`: torch-style neural-network functions over mindgrad's `ops`."""

from __future__ import annotations

from ... import ops as _ops
from ...common.tensor import Tensor
from ...ops.function.mint_shared_func import embedding, group_norm, normalize  # noqa: F401
from ...ops.function.nn_more_func import layer_norm as _layer_norm
from .._alias import alias as _alias

adaptive_avg_pool2d = _ops.adaptive_avg_pool2d
cross_entropy = _ops.cross_entropy
gelu = _ops.gelu
interpolate = _ops.interpolate
l1_loss = _ops.l1_loss
nll_loss = _ops.nll_loss
linear = _alias(_ops.dense, "linear")
mse_loss = _ops.mse_loss
pad = _ops.pad
sigmoid = _ops.sigmoid
softplus = _ops.softplus
tanh = _ops.tanh


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
    """x * sigmoid(x) (`inplace` gives the same values; mindgrad Tensors are immutable)."""
    return _ops.silu(input)


def relu(input, inplace: bool = False) -> Tensor:
    """max(x, 0)."""
    return _ops.relu(input)


def dropout(input, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero elements with probability `p` and scale the rest by 1 / (1 - p) when `training`; else identity."""
    return _ops.dropout(input, p, training)


def leaky_relu(input, negative_slope: float = 0.01) -> Tensor:
    """x where x > 0, else negative_slope * x."""
    return _ops.leaky_relu(input, negative_slope)


def elu(input, alpha: float = 1.0) -> Tensor:
    """x where x > 0, else alpha * (exp(x) - 1)."""
    return _ops.elu(input, alpha)


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
