"""`mindspore.mint.nn`: torch-style layers (argument names, parameter names `weight`/`bias`, defaults)."""

from __future__ import annotations

import numpy as np

from ... import nn as _nn
from ... import ops as _ops
from ...common import dtype as mstype
from ...common.initializer import Normal, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from . import functional
from ._layers import (  # noqa: F401
    SELU, AdaptiveAvgPool1d, AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool2d, AvgPool1d, AvgPool2d, AvgPool3d,
    BatchNorm1d, BatchNorm2d, BatchNorm3d, BCELoss, ConstantPad1d, ConstantPad2d, ConstantPad3d, Conv1d, Conv3d,
    ConvTranspose2d, CosineEmbeddingLoss, Dropout2d, ELU, Flatten, Fold, GLU, Hardshrink, Hardsigmoid, Hardswish,
    Hardtanh, KLDivLoss, L1Loss, LogSigmoid, LogSoftmax, MaxPool2d, MaxUnpool2d, Mish, NLLLoss, PixelShuffle, PReLU,
    ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReLU6, ReplicationPad1d, ReplicationPad2d, ReplicationPad3d,
    SmoothL1Loss, SoftMarginLoss, Softshrink, SyncBatchNorm, Threshold, Unfold, Upsample, UpsamplingBilinear2d,
    UpsamplingNearest2d, ZeroPad1d, ZeroPad2d, ZeroPad3d, cross_entropy, kl_div_ext, mse_loss_ext, nllloss,
    upsample_bilinear2d_op, upsample_nearest2d_op)
from ._layers import mode_pads as _mode_pads
from ._layers import ntuple as _ntuple


Cell = _nn.Cell
Identity = _nn.Identity


class Linear(_nn.Dense):
    """y = x @ weight.T + bias; weight (out_features, in_features) from HeUniform(sqrt(5)), bias from
    U(-1/sqrt(in), 1/sqrt(in)), as MindSpore's mint.nn.Linear."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True, weight_init=None, bias_init=None,
                 dtype=None) -> None:
        super().__init__(in_features, out_features, weight_init, bias_init, has_bias=bias,
                         dtype=mstype.float32 if dtype is None else dtype)
        self.in_features, self.out_features = in_features, out_features

    def extend_repr(self) -> str:
        return f"input_features={self.in_features}, output_features={self.out_features}, has_bias={self.has_bias}"


class LayerNorm(Cell):
    """Normalise over the trailing `normalized_shape` axes; `weight` ones and `bias` zeros (when
    `elementwise_affine`; `bias=False` drops the shift), eps 1e-5."""

    def __init__(self, normalized_shape, eps: float = 1e-5, elementwise_affine: bool = True, bias: bool = True,
                 dtype=None) -> None:
        super().__init__()
        shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
        self.normalized_shape, self.eps, self.elementwise_affine = shape, eps, elementwise_affine
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = Parameter(initializer("ones", shape, dtype), name="weight") if elementwise_affine else None
        self.bias = (Parameter(initializer("zeros", shape, dtype), name="bias")
                     if elementwise_affine and bias else None)

    def construct(self, input: Tensor) -> Tensor:
        return functional.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extend_repr(self) -> str:
        return f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}"


class Embedding(Cell):
    """Rows of `weight` (num_embeddings, embedding_dim), initialised N(0, 1) with the `padding_idx` row zero;
    that row gets no gradient. `_weight` gives the table, `_freeze` makes it not trainable."""

    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx=None, max_norm=None,
                 norm_type: float = 2.0, scale_grad_by_freq: bool = False, sparse: bool = False, _weight=None,
                 _freeze: bool = False, dtype=None) -> None:
        super().__init__()
        if padding_idx is not None:
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise ValueError(f"For 'Embedding', the 'padding_idx' must be in range [{-num_embeddings}, "
                                 f"{num_embeddings}), but got {padding_idx}.")
            padding_idx %= num_embeddings
        self.num_embeddings, self.embedding_dim, self.padding_idx = num_embeddings, embedding_dim, padding_idx
        self.max_norm, self.norm_type, self.scale_grad_by_freq = max_norm, norm_type, scale_grad_by_freq
        dtype = mstype.float32 if dtype is None else dtype
        if _weight is None:
            table = initializer(Normal(1.0), [num_embeddings, embedding_dim], dtype).init_data()
            if padding_idx is not None:
                values = np.array(table.asnumpy())
                values[padding_idx] = 0
                table = Tensor(values)
        else:
            if tuple(_weight.shape) != (num_embeddings, embedding_dim):
                raise ValueError("For 'Embedding', the shape of '_weight' must be (num_embeddings, embedding_dim), "
                                 f"but got {list(_weight.shape)}.")
            table = _weight
        self.weight = Parameter(table, name="weight", requires_grad=not _freeze)

    def construct(self, input: Tensor) -> Tensor:
        return functional.embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                           self.scale_grad_by_freq)

    def extend_repr(self) -> str:
        return f"num_embeddings={self.num_embeddings}, embedding_dim={self.embedding_dim}"


class Dropout(_nn.Dropout):
    """Zero elements with probability `p` and scale the rest by 1 / (1 - p) in training mode; identity in
    eval mode (a new Cell is in eval mode, as in MindSpore)."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__(p=p)


class Conv2d(_nn.Conv2d):
    """2-D convolution over NCHW input with torch's arguments: `padding` an int, a pair, "same" or "valid";
    `padding_mode` "zeros", "reflect", "replicate" or "circular"; weight (out, in / groups, kh, kw)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
                 groups: int = 1, bias: bool = True, padding_mode: str = "zeros", dtype=None) -> None:
        if padding_mode not in ("zeros", "reflect", "replicate", "circular"):
            raise ValueError("For 'Conv2d', the 'padding_mode' must be one of 'zeros', 'reflect', 'replicate' or "
                             f"'circular', but got {padding_mode}.")
        pads = (0, 0, 0, 0)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(f"For 'Conv2d', the 'padding' must be 'same' or 'valid', but got {padding}.")
            pad_mode = padding
            if padding == "same" and any(s != 1 for s in _ntuple(stride, 2, "Conv2d", "stride")):
                raise ValueError("padding='same' is not supported for strided convolutions")
            if padding_mode != "zeros":  # the pads of mode_pads, as (top, bottom, left, right)
                left, right, top, bottom = _mode_pads(padding, _ntuple(kernel_size, 2, "Conv2d", "kernel_size"),
                                                      _ntuple(dilation, 2, "Conv2d", "dilation"))
                pads = (top, bottom, left, right)
        else:
            ph, pw = (padding, padding) if isinstance(padding, int) else tuple(padding)
            pads, pad_mode = (ph, ph, pw, pw), "pad"
        self._torch_pads = pads if padding_mode != "zeros" else None
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode if self._torch_pads is None
                         else "valid", pads if self._torch_pads is None else 0, dilation, groups, bias,
                         dtype=mstype.float32 if dtype is None else dtype)
        self.padding_mode = padding_mode
        self.padding = padding if isinstance(padding, str) else _ntuple(padding, 2, "Conv2d", "padding")

    def construct(self, x: Tensor) -> Tensor:
        if self._torch_pads is not None:
            top, bottom, left, right = self._torch_pads
            mode = {"reflect": "reflect", "replicate": "replicate", "circular": "circular"}[self.padding_mode]
            x = _ops.pad(x, (left, right, top, bottom), mode=mode)
        return super().construct(x)


class _Activation(Cell):
    """A Cell applying one mint function."""

    _fn = None

    def construct(self, input: Tensor) -> Tensor:
        return type(self)._fn(input)


class ReLU(_Activation):
    """max(x, 0)."""
    _fn = staticmethod(_ops.relu)


class SiLU(Cell):
    """x * sigmoid(x) (written into the input when `inplace`)."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def construct(self, input: Tensor) -> Tensor:
        return functional.silu(input, self.inplace)


class Tanh(_Activation):
    """tanh(x)."""
    _fn = staticmethod(_ops.tanh)


class Sigmoid(_Activation):
    """1 / (1 + exp(-x))."""
    _fn = staticmethod(_ops.sigmoid)


class GELU(Cell):
    """x * Phi(x); `approximate="tanh"` uses the tanh approximation."""

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def construct(self, input: Tensor) -> Tensor:
        return _ops.gelu(input, approximate=self.approximate)


class Softmax(Cell):
    """Softmax along `dim`."""

    def __init__(self, dim=None) -> None:
        super().__init__()
        self.dim = dim

    def construct(self, input: Tensor) -> Tensor:
        return functional.softmax(input, self.dim)


class MSELoss(Cell):
    """Mean ('mean'), sum ('sum') or elementwise ('none') squared error."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def construct(self, input: Tensor, target: Tensor) -> Tensor:
        return _ops.mse_loss(input, target, self.reduction)


class CrossEntropyLoss(Cell):
    """Cross entropy of logits (class axis 1) against class indices or probabilities."""

    def __init__(self, weight=None, ignore_index: int = -100, reduction: str = "mean",
                 label_smoothing: float = 0.0) -> None:
        super().__init__()
        self.weight, self.ignore_index = weight, ignore_index
        self.reduction, self.label_smoothing = reduction, label_smoothing

    def construct(self, input: Tensor, target: Tensor) -> Tensor:
        return _ops.cross_entropy(input, target, self.weight, self.ignore_index, self.reduction,
                                  self.label_smoothing)


class BCEWithLogitsLoss(Cell):
    """Binary cross entropy on logits, with optional `weight` and `pos_weight`."""

    def __init__(self, weight=None, reduction: str = "mean", pos_weight=None) -> None:
        super().__init__()
        self.weight, self.reduction, self.pos_weight = weight, reduction, pos_weight

    def construct(self, input: Tensor, target: Tensor) -> Tensor:
        return _ops.binary_cross_entropy_with_logits(input, target, self.weight, self.pos_weight, self.reduction)


class GroupNorm(Cell):
    """Normalise `num_groups` channel groups; per-channel `weight` ones and `bias` zeros (trainable when
    `affine`), eps 1e-5."""

    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5, affine: bool = True,
                 dtype=None) -> None:
        super().__init__()
        if num_channels % num_groups:
            raise ValueError(f"For 'GroupNorm', the 'num_channels' must be divisible by 'num_groups', but got "
                             f"'num_channels': {num_channels}, 'num_groups': {num_groups}.")
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = Parameter(initializer("ones", (num_channels,), dtype), name="weight", requires_grad=affine)
        self.bias = Parameter(initializer("zeros", (num_channels,), dtype), name="bias", requires_grad=affine)

    def construct(self, input: Tensor) -> Tensor:
        return functional.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extend_repr(self) -> str:
        return f"num_groups={self.num_groups}, num_channels={self.num_channels}, eps={self.eps}, affine={self.affine}"


class AdaptiveAvgPool2d(Cell):
    """Average pooling of NCHW (or CHW) input to `output_size`."""

    def __init__(self, output_size) -> None:
        super().__init__()
        self.output_size = output_size

    def construct(self, input: Tensor) -> Tensor:
        return _ops.adaptive_avg_pool2d(input, self.output_size)
