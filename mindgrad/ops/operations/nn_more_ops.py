"""More neural-network Primitives (`mindspore.ops.operations.nn_ops`): convolutions (`Conv2D`,
`Conv2DBackpropInput`/`Conv2DTranspose`), 3-D and adaptive pooling, `LayerNorm`, losses (`NLLLoss`,
`BinaryCrossEntropy`, `KLDivLoss`, `L2Loss`), `PReLU` and `FlashAttentionScore`.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import wrap
from ..function import conv_pool_func as CP
from ..function import nn_more_func as N
from ..function._helpers import check_reduction, float_only
from ..primitive import Primitive, functional_primitive, prim_attr_register

L2Loss = functional_primitive("L2Loss", N.l2_loss, __name__)
PReLU = functional_primitive("PReLU", N.prelu, __name__)


def _pad_mode(pad_mode, op: str) -> str:
    if not isinstance(pad_mode, str) or pad_mode.lower() not in ("valid", "same", "pad"):
        raise ValueError(f"For '{op}', the 'pad_mode' should be one of ['same', 'valid', 'pad'], but got "
                         f"{pad_mode!r}.")
    return pad_mode.lower()


class _Conv2DBase(Primitive):
    """The attribute checks shared by the 2-D convolution Primitives."""

    def _setup(self, out_channel, kernel_size, pad_mode, pad, stride, dilation, group, data_format) -> None:
        op = self.name
        if not isinstance(out_channel, int) or out_channel <= 0:
            raise ValueError(f"For '{op}', the 'out_channel' should be a positive int, but got {out_channel}.")
        if data_format != "NCHW":
            raise ValueError(f"For '{op}', the 'data_format' should be 'NCHW' on CPU, but got {data_format!r}.")
        self._kernel = CP.ntuple(kernel_size, 2, op, "kernel_size")
        self._stride = CP.ntuple(stride, 2, op, "stride")
        self._dilation = CP.ntuple(dilation, 2, op, "dilation")
        self._mode = _pad_mode(pad_mode, op)
        pads = (pad,) * 4 if isinstance(pad, int) else tuple(pad)
        if len(pads) != 4 or any(not isinstance(p, int) or p < 0 for p in pads):
            raise ValueError(f"For '{op}', the 'pad' should be a non-negative int or a tuple of 4, but got {pad}.")
        if self._mode != "pad" and any(pads):
            raise ValueError(f"For '{op}', the 'pad' must be zero when 'pad_mode' is not 'pad', but got {pad}.")
        self._pad = pads
        self._group = group

    def _pads(self, spatial) -> list:
        if self._mode == "same":
            return CP.same_pads(spatial, self._kernel, self._stride, self._dilation)
        if self._mode == "valid":
            return [(0, 0), (0, 0)]
        return [(self._pad[0], self._pad[1]), (self._pad[2], self._pad[3])]


class Conv2D(_Conv2DBase):
    """2-D convolution of NCHW `x` with `weight` (out_channel, C / group, kh, kw); `pad` is an int or
    (top, bottom, left, right) with pad_mode 'pad'."""

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, mode=1, pad_mode="valid", pad=0, stride=1, dilation=1, group=1,
                 data_format="NCHW"):
        self._setup(out_channel, kernel_size, pad_mode, pad, stride, dilation, group, data_format)

    def __call__(self, x, weight):
        a, w = float_only(x, "Conv2D", "x"), float_only(weight, "Conv2D", "weight")
        if a.ndim != 4:
            raise ValueError(f"For 'Conv2D', the 'x' should be 4-D, but got {a.ndim}-D.")
        if w.ndim != 4 or w.shape[0] != self.out_channel or tuple(w.shape[2:]) != self._kernel:
            raise RuntimeError(f"For 'Conv2D', the 'weight' should have shape (out_channel={self.out_channel}, "
                             f"C / group, {self._kernel[0]}, {self._kernel[1]}), but got {list(w.shape)}.")
        return wrap(CP.conv_nd(a, w, self._stride, self._pads(a.shape[2:]), self._dilation, self._group, "Conv2D"))


class Conv2DBackpropInput(_Conv2DBase):
    """The gradient of `Conv2D` with respect to its input of shape `input_size`, given `dout` (a transposed
    convolution); `pad_list` (top, bottom, left, right) overrides the padding."""

    @prim_attr_register
    def __init__(self, out_channel, kernel_size, pad_mode="valid", pad=0, pad_list=None, mode=1, stride=1,
                 dilation=1, group=1, data_format="NCHW"):
        self._setup(out_channel, kernel_size, pad_mode, pad, stride, dilation, group, data_format)

    def __call__(self, dout, weight, input_size):
        size = tuple(input_size.tolist() if hasattr(input_size, "tolist") else input_size)
        if len(size) != 4:
            raise ValueError(f"For '{self.name}', the 'input_size' should have 4 elements, but got {size}.")
        if self.pad_list is not None and any(self.pad_list):
            p = tuple(self.pad_list)
            pads = [(p[0], p[1]), (p[2], p[3])]
        else:
            pads = self._pads(size[2:])
        return CP.conv2d_backprop_input(dout, weight, size, self._stride, pads, self._dilation, self._group,
                                        self.name)


class Conv2DTranspose(Conv2DBackpropInput):
    """`Conv2DBackpropInput` under its other name."""


class AdaptiveAvgPool2D(Primitive):
    """Average pooling of NCHW or CHW input to `output_size`."""

    @prim_attr_register
    def __init__(self, output_size):
        pass

    def __call__(self, input_x):
        return CP.adaptive_avg_pool2d(input_x, self.output_size)


class MaxPool3D(Primitive):
    """3-D max pooling of NCDHW input; pad_mode 'VALID', 'SAME' or 'PAD' (with `pad_list`)."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="VALID", pad_list=0, ceil_mode=None, data_format="NCDHW"):
        _pad_mode(pad_mode, "MaxPool3D")

    def __call__(self, x):
        a = float_only(x, "MaxPool3D", "x")
        if a.ndim != 5:
            raise ValueError(f"For 'MaxPool3D', the 'x' should be 5-D, but got {a.ndim}-D.")
        return CP.max_pool_nd(x, 3, self.kernel_size, self.strides, self.pad_mode, self.pad_list,
                              bool(self.ceil_mode), "MaxPool3D")


class AvgPool3D(Primitive):
    """3-D average pooling of NCDHW input (MindSpore's pad modes, `ceil_mode`, `count_include_pad`,
    `divisor_override`)."""

    @prim_attr_register
    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", pad=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=0, data_format="NCDHW"):
        _pad_mode(pad_mode, "AvgPool3D")

    def __call__(self, input_x):
        a = float_only(input_x, "AvgPool3D", "x")
        if a.ndim != 5:
            raise ValueError(f"For 'AvgPool3D', the 'x' should be 5-D, but got {a.ndim}-D.")
        return CP.avg_pool_nd(input_x, 3, self.kernel_size, self.strides, self.pad, self.ceil_mode,
                              self.count_include_pad, self.divisor_override, "AvgPool3D", self.pad_mode)


class LayerNorm(Primitive):
    """(y, mean, variance) of layer normalisation over the axes from `begin_norm_axis`."""

    @prim_attr_register
    def __init__(self, begin_norm_axis=1, begin_params_axis=1, epsilon=1e-7):
        pass

    def __call__(self, input_x, gamma, beta):
        return N.layer_norm(input_x, gamma, beta, self.begin_norm_axis, self.begin_params_axis, self.epsilon)


class NLLLoss(Primitive):
    """(loss, total_weight) of log-probabilities `logits` at class `labels`, weighted by `weight`."""

    @prim_attr_register
    def __init__(self, reduction="mean", ignore_index=-100):
        check_reduction(reduction, "NLLLoss")

    def __call__(self, logits, labels, weight):
        return N.nll_loss_with_weight(logits, labels, weight, self.reduction, self.ignore_index)


class BinaryCrossEntropy(Primitive):
    """Binary cross entropy of probabilities, optionally weighted."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        check_reduction(reduction, "BinaryCrossEntropy")

    def __call__(self, logits, labels, weight=None):
        return N.binary_cross_entropy(logits, labels, weight, self.reduction)


class KLDivLoss(Primitive):
    """Kullback-Leibler divergence of log-probabilities `logits` from probabilities `labels`."""

    @prim_attr_register
    def __init__(self, reduction="mean"):
        pass

    def __call__(self, logits, labels):
        return N.kl_div_loss(logits, labels, self.reduction)


class FlashAttentionScore(Primitive):
    """MindSpore's Ascend fused attention, computed with jax.numpy: returns (softmax_max, softmax_sum,
    softmax_out, attention_out) as MindSpore's kernel does, softmax_max/softmax_sum of shape (B, N, S, 8)
    (the row max and row sum repeated 8 times) and softmax_out a placeholder of shape (0,)."""

    @prim_attr_register
    def __init__(self, head_num, keep_prob=1.0, scale_value=1.0, pre_tokens=2147483647, next_tokens=2147483647,
                 inner_precise=0, input_layout="BSH", sparse_mode=0):
        pass

    def __call__(self, query, key, value, real_shift=None, drop_mask=None, padding_mask=None, attn_mask=None,
                 prefix=None, actual_seq_qlen=None, actual_seq_kvlen=None):
        N.check_attention_args(self.sparse_mode, real_shift=real_shift, drop_mask=drop_mask,
                               padding_mask=padding_mask, prefix=prefix, actual_seq_qlen=actual_seq_qlen,
                               actual_seq_kvlen=actual_seq_kvlen)
        row_max, row_sum, out = N.attention_core(query, key, value, self.head_num, attn_mask, self.scale_value,
                                                 self.keep_prob, self.input_layout, "FlashAttentionScore")
        widen = (lambda r: jnp.broadcast_to(r, r.shape[:-1] + (8,)))
        return wrap(widen(row_max)), wrap(widen(row_sum)), wrap(jnp.zeros((0,), out.dtype)), wrap(out)
