"""The `mindspore.mint.nn` layers over `mint.nn.functional`: convolutions, batch norms, pooling, padding,
activations and losses, with torch's argument names, parameter names and defaults."""

from __future__ import annotations

import inspect
import math

import jax
import jax.numpy as jnp

from ... import communication as _comm
from ... import nn as _nn
from ... import ops as _ops
from ...common import dtype as mstype
from ...common import seed as _seed
from ...common.initializer import HeUniform, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...communication import _collective as _c
from ...nn.layer.normalization import sync_moments
from ...ops.function.conv_pool_func import ntuple
from ...ops.function.parameter_func import assign
from . import functional as F

Cell = _nn.Cell

# ---- convolutions ------------------------------------------------------------------------------


def mode_pads(padding, kernel_size: tuple, dilation: tuple) -> tuple:
    """The explicit pads (last axis first, (before, after) each, as `ops.pad` takes them) that a convolution with
    `padding_mode` other than "zeros" applies before it convolves unpadded: `padding` per axis on both sides;
    "valid" none; "same" dilation * (kernel - 1) per axis, its smaller half before, as MindSpore."""
    if padding == "valid":
        return (0, 0) * len(kernel_size)
    if padding == "same":
        totals = [d * (k - 1) for k, d in zip(kernel_size, dilation, strict=True)]
        return tuple(p for t in reversed(totals) for p in (t // 2, t - t // 2))
    return tuple(p for q in reversed(padding) for p in (q, q))


class _ConvNd(Cell):
    """torch-style N-D (transposed) convolution: weight (out, in / groups, *k) [(in, out / groups, *k)
    transposed] from HeUniform(sqrt(5)), bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""

    _n = 2
    _transposed = False

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
                 groups: int = 1, bias: bool = True, padding_mode: str = "zeros", dtype=None,
                 output_padding=0) -> None:
        super().__init__()
        name, n = type(self).__name__, self._n
        if in_channels % groups or out_channels % groups:
            raise ValueError(f"For '{name}', the 'in_channels' {in_channels} and 'out_channels' {out_channels} must "
                             f"be divisible by 'groups' {groups}.")
        if padding_mode not in ("zeros", "reflect", "replicate", "circular"):
            raise ValueError(f"For '{name}', the 'padding_mode' must be one of 'zeros', 'reflect', 'replicate' or "
                             f"'circular', but got {padding_mode}.")
        if isinstance(padding, str):
            if padding not in ("same", "valid") or self._transposed:
                raise ValueError(f"For '{name}', the 'padding' must be 'same' or 'valid', but got {padding}.")
            if padding == "same" and any(s != 1 for s in ntuple(stride, n, name, "stride")):
                raise ValueError("padding='same' is not supported for strided convolutions")
        else:
            padding = ntuple(padding, n, name, "padding")
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size = ntuple(kernel_size, n, name, "kernel_size")
        self.stride, self.dilation = ntuple(stride, n, name, "stride"), ntuple(dilation, n, name, "dilation")
        self.padding, self.padding_mode = padding, padding_mode
        self._mode_pads = mode_pads(padding, self.kernel_size, self.dilation)
        self.output_padding = ntuple(output_padding, n, name, "output_padding")
        dtype = mstype.float32 if dtype is None else dtype
        shape = ((in_channels, out_channels // groups) if self._transposed else
                 (out_channels, in_channels // groups)) + self.kernel_size
        self.weight = Parameter(initializer(HeUniform(math.sqrt(5)), shape, dtype), name="weight")
        fan_in = shape[1] * math.prod(self.kernel_size)
        self.bias = (Parameter(initializer(Uniform(1 / math.sqrt(fan_in)), (out_channels,), dtype), name="bias")
                     if bias else None)

    def construct(self, input: Tensor) -> Tensor:
        padding = self.padding
        if self.padding_mode != "zeros":
            input = _ops.pad(input, self._mode_pads, mode=self.padding_mode)
            padding = 0
        if self._transposed:
            return F._m.conv_transpose_nd(input, self.weight, self.bias, self.stride, padding, self.output_padding,
                                          self.groups, self.dilation, self._n, type(self).__name__)
        return F._m.conv_nd(input, self.weight, self.bias, self.stride, padding, self.dilation, self.groups, self._n,
                            type(self).__name__)

    def extend_repr(self) -> str:
        return (f"input_channels={self.in_channels}, output_channels={self.out_channels}, kernel_size="
                f"{self.kernel_size}, stride={self.stride}, padding={self.padding}, dilation={self.dilation}, "
                f"groups={self.groups}, bias={self.bias is not None}")


class Conv1d(_ConvNd):
    """1-D convolution of (N, C, L): weight (out, in / groups, k)."""
    _n = 1

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
                 groups: int = 1, bias: bool = True, padding_mode: str = "zeros", dtype=None) -> None:
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, dtype)


class Conv3d(_ConvNd):
    """3-D convolution of (N, C, D, H, W): weight (out, in / groups, kd, kh, kw)."""
    _n = 3

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, dilation=1,
                 groups: int = 1, bias: bool = True, padding_mode: str = "zeros", dtype=None) -> None:
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, dtype)


class ConvTranspose2d(_ConvNd):
    """2-D transposed convolution of (N, C, H, W): weight (in, out / groups, kh, kw); output size
    (H - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1."""
    _transposed = True

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0, output_padding=0,
                 groups: int = 1, bias: bool = True, dilation=1, padding_mode: str = "zeros", dtype=None) -> None:
        if padding_mode != "zeros":
            raise ValueError(f"For 'ConvTranspose2d', only 'zeros' padding_mode is supported, but got {padding_mode}.")
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias,
                         padding_mode, dtype, output_padding)


# ---- batch normalization -----------------------------------------------------------------------


class _BatchNorm(Cell):
    """Normalise over all axes but the channel axis 1: batch statistics in training mode (updating
    `running_mean`/`running_var` with `momentum`, None: a cumulative average, and counting
    `num_batches_tracked`), the running statistics in eval mode (a new Cell) when `track_running_stats`."""

    _ranks: tuple = (2, 3, 4, 5)

    def __init__(self, num_features: int, eps: float = 1e-5, momentum=0.1, affine: bool = True,
                 track_running_stats: bool = True, dtype=None) -> None:
        super().__init__()
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        dtype = mstype.float32 if dtype is None else dtype
        shape = (num_features,)
        self.weight = Parameter(initializer("ones", shape, dtype), name="weight") if affine else None
        self.bias = Parameter(initializer("zeros", shape, dtype), name="bias") if affine else None
        if track_running_stats:
            self.running_mean = Parameter(initializer("zeros", shape, dtype), name="running_mean", requires_grad=False)
            self.running_var = Parameter(initializer("ones", shape, dtype), name="running_var", requires_grad=False)
            self.num_batches_tracked = Parameter(Tensor(0, mstype.int64), name="num_batches_tracked",
                                                 requires_grad=False)
        else:
            self.running_mean = self.running_var = self.num_batches_tracked = None

    def construct(self, input: Tensor) -> Tensor:
        if input.ndim not in self._ranks:
            raise ValueError(f"For '{type(self).__name__}', the 'input' should be "
                             f"{' or '.join(f'{r}D' for r in self._ranks)}, but got {input.ndim}D.")
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            assign(self.num_batches_tracked, self.num_batches_tracked + 1)
            if self.momentum is None:
                factor = 1.0 / self.num_batches_tracked._arr.astype(jnp.float32)  # traceable under jit
        use_batch = self.training or not self.track_running_stats
        return F.batch_norm(input, self.running_mean, self.running_var, self.weight, self.bias, use_batch, factor,
                            self.eps)

    def extend_repr(self) -> str:
        return (f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNorm):
    """Batch normalization of (N, C) or (N, C, L)."""
    _ranks = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch normalization of (N, C, H, W)."""
    _ranks = (4,)


class BatchNorm3d(_BatchNorm):
    """Batch normalization of (N, C, D, H, W)."""
    _ranks = (5,)


class SyncBatchNorm(_BatchNorm):
    """Batch normalization whose training statistics are those of the batches of every rank of `process_group`
    (None: the world group): inside a mapped program (`jax.shard_map` over the data-parallel mesh, or
    `jax.vmap(axis_name="data")`) they are summed over the ranks; elsewhere the batch is already every rank's (the
    global batch of mindgrad's data-parallel mode) or, on one device, this rank's alone."""

    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1, affine: bool = True,
                 track_running_stats: bool = True, process_group=None, dtype=None) -> None:
        super().__init__(num_features, eps, momentum, affine, track_running_stats, dtype)
        self.process_group = process_group

    def construct(self, input: Tensor) -> Tensor:
        use_batch = self.training or not self.track_running_stats
        if not use_batch or _c.mapped_size() is None:
            return super().construct(input)
        if self.process_group is not None:
            _comm.get_process_group_ranks(self.process_group)  # the world group (mindgrad has no other)
        if input.ndim < 2:
            raise ValueError(f"For 'SyncBatchNorm', the 'input' should be at least 2-D, but got {input.ndim}-D.")
        a = input._arr
        axes = (0,) + tuple(range(2, a.ndim))
        mean, var, count = sync_moments(a, axes, name="SyncBatchNorm")
        shape = (1, -1) + (1,) * (a.ndim - 2)
        y = (a - mean) / jnp.sqrt(var + self.eps)
        if self.weight is not None:
            y = y * self.weight._arr.reshape(shape) + self.bias._arr.reshape(shape)
        if self.training and self.track_running_stats:
            assign(self.num_batches_tracked, self.num_batches_tracked + 1)
            factor = (1.0 / self.num_batches_tracked._arr.astype(jnp.float32) if self.momentum is None
                      else self.momentum)
            for stat, value in ((self.running_mean, mean), (self.running_var, var * count / max(count - 1, 1))):
                new = (1 - factor) * stat._arr + factor * jax.lax.stop_gradient(value.reshape(-1))
                assign(stat, Tensor(new.astype(stat._arr.dtype)))
        return Tensor(y.astype(a.dtype))


# ---- layers over one function ------------------------------------------------------------------


def _layer(name: str, fn, params: tuple, doc: str, *, defaults: tuple = (), call: tuple | None = None):
    """A Cell class `name` whose __init__ takes `params` (the last len(defaults) with those defaults) and whose
    construct calls `fn(input, *[self.<p> for p in call])` (call: the params by default)."""
    call = params if call is None else call
    required = len(params) - len(defaults)

    def __init__(self, *args, **kwargs) -> None:
        Cell.__init__(self)
        if len(args) > len(params):
            raise TypeError(f"{name}() takes at most {len(params)} arguments ({len(args)} given)")
        values = dict(zip(params[required:], defaults, strict=True))
        values.update(zip(params, args, strict=False))
        for key, value in kwargs.items():
            if key not in params:
                raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
            values[key] = value
        missing = [p for p in params if p not in values]
        if missing:
            raise TypeError(f"{name}() missing required argument '{missing[0]}'")
        for key in params:
            setattr(self, key, values[key])

    def construct(self, input, *args):
        return fn(input, *args, *[getattr(self, p) for p in call])

    init_params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)] + [
        inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          default=defaults[i - required] if i >= required else inspect.Parameter.empty)
        for i, p in enumerate(params)]
    __init__.__signature__ = inspect.Signature(init_params)
    return type(name, (Cell,), {"__init__": __init__, "construct": construct, "__doc__": doc, "__module__": __name__})


def _padder(mode: str, n: int):
    def pad(input, padding, value=None):
        pads = (padding,) * (2 * n) if isinstance(padding, int) else tuple(padding)
        if len(pads) != 2 * n:
            raise ValueError(f"The 'padding' should be an int or a tuple of {2 * n} ints, but got {padding}.")
        return _ops.pad(input, pads, mode=mode, value=value)
    return pad


_PAD_DOC = "Pad the last {n} axes by `padding` (an int, or {m} ints: (left, right, top, bottom, front, back)) {how}."
ConstantPad1d, ConstantPad2d, ConstantPad3d = (
    _layer(f"ConstantPad{n}d", _padder("constant", n), ("padding", "value"),
           _PAD_DOC.format(n=n, m=2 * n, how="with `value`")) for n in (1, 2, 3))
ZeroPad1d, ZeroPad2d, ZeroPad3d = (
    _layer(f"ZeroPad{n}d", _padder("constant", n), ("padding",), _PAD_DOC.format(n=n, m=2 * n, how="with zeros"))
    for n in (1, 2, 3))
ReflectionPad1d, ReflectionPad2d, ReflectionPad3d = (
    _layer(f"ReflectionPad{n}d", _padder("reflect", n), ("padding",),
           _PAD_DOC.format(n=n, m=2 * n, how="by reflection")) for n in (1, 2, 3))
ReplicationPad1d, ReplicationPad2d, ReplicationPad3d = (
    _layer(f"ReplicationPad{n}d", _padder("replicate", n), ("padding",),
           _PAD_DOC.format(n=n, m=2 * n, how="by repeating the edge")) for n in (1, 2, 3))

AdaptiveAvgPool1d = _layer("AdaptiveAvgPool1d", F.adaptive_avg_pool1d, ("output_size",),
                           "Average pooling of (N, C, L) to `output_size`.")
AdaptiveAvgPool3d = _layer("AdaptiveAvgPool3d", F.adaptive_avg_pool3d, ("output_size",),
                           "Average pooling of (N, C, D, H, W) to `output_size`.")
AdaptiveMaxPool1d = _layer("AdaptiveMaxPool1d", F.adaptive_max_pool1d, ("output_size", "return_indices"),
                           "Max pooling of (N, C, L) to `output_size`.", defaults=(False,))
AdaptiveMaxPool2d = _layer("AdaptiveMaxPool2d", F.adaptive_max_pool2d, ("output_size", "return_indices"),
                           "Max pooling of (N, C, H, W) to `output_size`.", defaults=(False,))
AvgPool1d = _layer("AvgPool1d", F.avg_pool1d, ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"),
                   "Average pooling of (N, C, L).", defaults=(None, 0, False, True))
AvgPool2d = _layer("AvgPool2d", F.avg_pool2d, ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                                               "divisor_override"),
                   "Average pooling of (N, C, H, W).", defaults=(None, 0, False, True, None))
AvgPool3d = _layer("AvgPool3d", F.avg_pool3d, ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                                               "divisor_override"),
                   "Average pooling of (N, C, D, H, W).", defaults=(None, 0, False, True, None))
MaxPool2d = _layer("MaxPool2d", F.max_pool2d, ("kernel_size", "stride", "padding", "dilation", "return_indices",
                                               "ceil_mode"),
                   "Max pooling of (N, C, H, W); with `return_indices` also the flat H * W positions.",
                   defaults=(1, None, 0, 1, False, False),
                   call=("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"))


class MaxUnpool2d(Cell):
    """The inverse of MaxPool2d: values written at their `indices` of a zero plane."""

    def __init__(self, kernel_size, stride=None, padding=0) -> None:
        super().__init__()
        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

    def construct(self, input: Tensor, indices: Tensor, output_size=None) -> Tensor:
        return F.max_unpool2d(input, indices, self.kernel_size, self.stride, self.padding, output_size)


Fold = _layer("Fold", F.fold, ("output_size", "kernel_size", "dilation", "padding", "stride"),
              "col2im: sum (N, C * kh * kw, L) columns into (N, C, *output_size).", defaults=(1, 0, 1))
Unfold = _layer("Unfold", F.unfold, ("kernel_size", "dilation", "padding", "stride"),
                "im2col: (N, C, H, W) to (N, C * kh * kw, L) sliding-window columns.", defaults=(1, 0, 1))
Flatten = _layer("Flatten", F.flatten, ("start_dim", "end_dim"), "Merge axes start_dim .. end_dim.",
                 defaults=(1, -1))
PixelShuffle = _layer("PixelShuffle", F.pixel_shuffle, ("upscale_factor",), "(*, C * r^2, H, W) -> (*, C, H r, W r).")
Upsample = _layer("Upsample", F.interpolate, ("size", "scale_factor", "mode", "align_corners",
                                              "recompute_scale_factor"),
                  "Resize the spatial axes as interpolate.", defaults=(None, None, "nearest", None, None))
UpsamplingNearest2d = _layer("UpsamplingNearest2d", lambda x, size, scale: F.interpolate(x, size, scale, "nearest"),
                             ("size", "scale_factor"), "Nearest-neighbour resize of (N, C, H, W).",
                             defaults=(None, None))
UpsamplingBilinear2d = _layer("UpsamplingBilinear2d",
                              lambda x, size, scale: F.interpolate(x, size, scale, "bilinear", True),
                              ("size", "scale_factor"), "Bilinear resize of (N, C, H, W) with aligned corners.",
                              defaults=(None, None))

ELU = _layer("ELU", lambda x, alpha, inplace: F.elu_(x, alpha) if inplace else F.elu(x, alpha),
             ("alpha", "inplace"), "x where x > 0, else alpha * (exp(x) - 1).", defaults=(1.0, False))
GLU = _layer("GLU", F.glu, ("dim",), "a * sigmoid(b) of the halves of the input along `dim`.", defaults=(-1,))
Hardshrink = _layer("Hardshrink", F.hardshrink, ("lambd",), "x where |x| > lambd, else 0.", defaults=(0.5,))
Softshrink = _layer("Softshrink", F.softshrink, ("lambd",), "x - sign(x) lambd where |x| > lambd, else 0.",
                    defaults=(0.5,))
Hardsigmoid = _layer("Hardsigmoid", F.hardsigmoid, (), "relu6(x + 3) / 6.")
Hardswish = _layer("Hardswish", F.hardswish, (), "x * relu6(x + 3) / 6.")
Hardtanh = _layer("Hardtanh", F.hardtanh, ("min_val", "max_val", "inplace"), "clip(x, min_val, max_val).",
                  defaults=(-1.0, 1.0, False))
LogSigmoid = _layer("LogSigmoid", F.logsigmoid, (), "log(sigmoid(x)).")
LogSoftmax = _layer("LogSoftmax", F.log_softmax, ("dim",), "log(softmax(x)) along `dim`.", defaults=(None,))
Mish = _layer("Mish", F.mish, (), "x * tanh(softplus(x)).")
ReLU6 = _layer("ReLU6", F.relu6, ("inplace",), "min(max(x, 0), 6).", defaults=(False,))
SELU = _layer("SELU", F.selu, (), "scale * (max(0, x) + min(0, alpha * (exp(x) - 1))).")
Threshold = _layer("Threshold", F.threshold, ("threshold", "value", "inplace"), "x where x > threshold, else value.",
                   defaults=(False,))


class Dropout2d(Cell):
    """Zero whole channels with probability `p` in training mode (scaling the rest by 1 / (1 - p)); identity in
    eval mode (a new Cell). Masks come from the Cell's random stream, seeded by `ms.set_seed`."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__()
        if not 0 <= p <= 1:
            raise ValueError(f"For 'Dropout2d', the 'p' should be in range [0, 1], but got {p}.")
        self.p, self.inplace = p, inplace
        self.__dict__["_mindgrad_rng"] = _seed.new_stream("dropout2d")

    def construct(self, input: Tensor) -> Tensor:
        if not self.training or self.p == 0:
            return input
        return F._m.dropout2d(input, self.p, True, key=_seed.next_key(self._mindgrad_rng))


class PReLU(Cell):
    """x where x > 0, else weight * x; `weight` (num_parameters,) filled with `init`."""

    def __init__(self, num_parameters: int = 1, init: float = 0.25, dtype=None) -> None:
        super().__init__()
        self.num_parameters = num_parameters
        self.weight = Parameter(initializer(init, (num_parameters,), mstype.float32 if dtype is None else dtype),
                                name="weight")

    def construct(self, input: Tensor) -> Tensor:
        return F.prelu(input, self.weight)


# ---- losses ------------------------------------------------------------------------------------

BCELoss = _layer("BCELoss", lambda x, t, weight, reduction: F.binary_cross_entropy(x, t, weight, reduction),
                 ("weight", "reduction"), "Binary cross entropy of probabilities.", defaults=(None, "mean"))
CosineEmbeddingLoss = _layer("CosineEmbeddingLoss", F.cosine_embedding_loss, ("margin", "reduction"),
                             "1 - cos(x1, x2) for target 1, max(0, cos - margin) for -1.", defaults=(0.0, "mean"))
KLDivLoss = _layer("KLDivLoss", F.kl_div, ("reduction", "log_target"), "target * (log(target) - input).",
                   defaults=("mean", False))
L1Loss = _layer("L1Loss", F.l1_loss, ("reduction",), "|input - target|.", defaults=("mean",))
NLLLoss = _layer("NLLLoss", F.nll_loss, ("weight", "ignore_index", "reduction"),
                 "Negative log likelihood of log-probabilities (class axis 1).", defaults=(None, -100, "mean"))
SmoothL1Loss = _layer("SmoothL1Loss", F.smooth_l1_loss, ("reduction", "beta"), "Smooth L1 (Huber / beta) loss.",
                      defaults=("mean", 1.0))
SoftMarginLoss = _layer("SoftMarginLoss", F.soft_margin_loss, ("reduction",), "log(1 + exp(-target * input)).",
                        defaults=("mean",))

# ---- functions MindSpore 2.10 also exports from mint.nn ----------------------------------------

cross_entropy = F.cross_entropy
kl_div_ext = F.kl_div
mse_loss_ext = F.mse_loss
nllloss = F.nll_loss


def upsample_nearest2d_op(x, output_size=None, scales=None) -> Tensor:
    """Nearest-neighbour resize of (N, C, H, W) to `output_size` or by `scales` (two floats)."""
    return F.interpolate(x, output_size, None if scales is None else tuple(scales), "nearest")


def upsample_bilinear2d_op(x, output_size=None, scales=None, align_corners: bool = False) -> Tensor:
    """Bilinear resize of (N, C, H, W) to `output_size` or by `scales` (two floats)."""
    return F.interpolate(x, output_size, None if scales is None else tuple(scales), "bilinear", align_corners)
