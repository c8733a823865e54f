"""Convolutions: Conv2d, Conv1d, Conv2dTranspose (`mindspore.nn.layer.conv`).

MindSpore's layouts and defaults: NCHW inputs; weights (out, in // group, kh, kw), Conv1d's
(out, in // group, 1, k), Conv2dTranspose's (in, out // group, kh, kw); `pad_mode='same'` (TF
padding: the odd extra element at the end), `'valid'`, or `'pad'` with `padding` an int or
(top, bottom, left, right); `has_bias=False`; weight HeUniform(sqrt(5)), bias U(+-1/sqrt(fan_in)).
Conv2dTranspose is the transpose of the convolution that maps its output back to its input,
with MindSpore's output sizes.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform, _calculate_fan_in_and_fan_out, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr, is_int, twice

__all__ = ["Conv2d", "Conv1d", "Conv2dTranspose", "Conv3d", "Conv3dTranspose", "Conv1dTranspose"]

_DIMS = ("NCHW", "OIHW", "NCHW")


class _Conv(Cell):
    """Shared checks, Parameters and repr of the convolution layers."""

    def __init__(self, in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group, has_bias,
                 weight_init, bias_init, data_format="NCHW", transposed=False, dtype=mstype.float32) -> None:
        super().__init__()
        name = self.cls_name
        self.in_channels = V.check_positive_int(in_channels, "in_channels", name)
        self.out_channels = V.check_positive_int(out_channels, "out_channels", name)
        self.kernel_size = kernel_size
        self.stride = stride
        self.pad_mode = pad_mode
        self.data_format = V.check_string(data_format, ["NCHW", "NHWC", "NCDHW"], "format", name)
        if self.data_format == "NHWC":
            raise ValueError(f"For '{name}', the \"NHWC\" format only support in GPU target, but got the 'format' is "
                             f"NHWC and the platform is CPU.")
        if is_int(padding):
            V.check_non_negative_int(padding, "padding", name)
        elif isinstance(padding, tuple):
            for pad in padding:
                V.check_non_negative_int(pad, "padding item", name)
        else:
            raise TypeError(f"For '{name}', the type of 'padding' must be int or tuple(int), but got "
                            f"{type(padding).__name__}.")
        self.padding = padding
        self.dilation = dilation
        self.group = V.check_positive_int(group)
        self.has_bias = has_bias
        for item in kernel_size:
            V.check_positive_int(item, "kernel_size item", name)
        for item in stride:
            V.check_positive_int(item, "stride item", name)
        for item in dilation:
            V.check_positive_int(item, "dilation item", name)
        if in_channels % group != 0:
            raise ValueError(f"For '{name}', the attr 'in_channels' must be divisible by attr 'group', but got "
                             f"'in_channels': {in_channels} and 'group': {group}.")
        if out_channels % group != 0:
            raise ValueError(f"For '{name}', the 'out_channels' must be divisible by attr 'group', but got "
                             f"'out_channels': {out_channels} and 'group': {group}.")
        shape = ([in_channels, out_channels // group, *kernel_size] if transposed
                 else [out_channels, in_channels // group, *kernel_size])
        if weight_init is None:
            weight_init = HeUniform(math.sqrt(5))
        self.weight_init = weight_init
        self.weight = Parameter(initializer(weight_init, shape, dtype=dtype), name="weight")
        self.bias_init = bias_init
        if V.check_bool(has_bias, "has_bias", name):
            if bias_init is None:
                fan_in, _ = _calculate_fan_in_and_fan_out(shape)
                self.bias_init = Uniform(1 / math.sqrt(fan_in)) if fan_in != 0 else "zeros"
            self.bias = Parameter(initializer(self.bias_init, [out_channels], dtype=dtype), name="bias")
        else:
            self.bias = None

    def extend_repr(self) -> str:
        return (f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
                f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}, "
                f"padding={self.padding}, dilation={self.dilation}, group={self.group}, has_bias={self.has_bias}, "
                f"weight_init={self.weight_init}, bias_init={self.bias_init}, format={self.data_format}")

    def _check_pad(self, pad_mode: str, padding) -> tuple:
        """MindSpore's Conv2D checks; returns (top, bottom, left, right)."""
        V.check_string(pad_mode, ["valid", "same", "pad"], "pad_mode", "Conv2D")
        pads = (padding,) * 4 if is_int(padding) else tuple(padding)
        if len(pads) != 4:
            raise ValueError(f"For 'Conv2D', the 'pad size' must be int and must = 4, but got '{len(pads)}' with "
                             f"type 'int'.")
        if pad_mode != "pad" and any(pads):
            raise ValueError(f"For 'Conv2D', the 'pad' must be zero when 'pad_mode' is not 'pad', but got 'pad': "
                             f"{padding} and 'pad_mode': {pad_mode}.")
        return pads

    def _padding(self, spatial: tuple) -> list:
        """lax padding pairs for the input's spatial sizes."""
        if self.pad_mode == "pad":
            top, bottom, left, right = self._pads
            return [(top, bottom), (left, right)]
        if self.pad_mode == "valid":
            return [(0, 0), (0, 0)]
        out = []
        for size, k, s, d in zip(spatial, self.kernel_size, self.stride, self.dilation, strict=False):
            total = max((-(-size // s) - 1) * s + (k - 1) * d + 1 - size, 0)
            out.append((total // 2, total - total // 2))
        return out

    def _conv(self, a, w, name: str = "Conv2D"):
        """NCHW convolution of `a` by `w` with this layer's stride, padding, dilation and group."""
        if a.ndim != 4:
            raise ValueError(f"For primitive[{name}], the x shape size must be equal to 4, but got {a.ndim}.")
        if a.dtype != w.dtype:
            raise TypeError(f"For primitive[{name}], the input type must be same.")
        if a.shape[1] // self.group != w.shape[1] or a.shape[1] % self.group:
            raise RuntimeError(f"For '{name}', 'C_in' of input 'x' shape divide by parameter 'group' must be equal to "
                               f"'C_in' of input 'weight' shape: {w.shape[1]}, but got 'C_in' of input 'x' shape: "
                               f"{a.shape[1]}, and 'group': {self.group}.")
        return jax.lax.conv_general_dilated(a, w, self.stride, self._padding(a.shape[2:]),
                                            rhs_dilation=self.dilation, feature_group_count=self.group,
                                            dimension_numbers=_DIMS)

    def _add_bias(self, out):
        if self.has_bias:
            out = out + self.bias._arr.reshape((1, -1) + (1,) * (out.ndim - 2))
        return out


class Conv2d(_Conv):
    """2-D convolution over NCHW input."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_init=None, bias_init=None,
                 data_format: str = "NCHW", dtype=mstype.float32) -> None:
        kernel_size, stride = twice(kernel_size), twice(stride)
        dilation = twice(dilation)
        V.check_positive_int(group, "group", "Conv2d")
        if not (in_channels % group == 0 and out_channels % group == 0):
            raise ValueError(f"The argument 'group' should be divisible by 'in_channels' and 'out_channels', but got "
                             f"group:{group}, in_channels:{in_channels}, out_channels:{out_channels}.")
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group, has_bias,
                         weight_init, bias_init, data_format, dtype=dtype)
        self._pads = self._check_pad(pad_mode, padding)

    def construct(self, x: Tensor) -> Tensor:
        return wrap(self._add_bias(self._conv(arr(x, "Conv2D"), self.weight._arr)))


class Conv1d(_Conv):
    """1-D convolution over (N, C, L) input, computed as a Conv2d with a height-1 kernel."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1, pad_mode: str = "same",
                 padding: int = 0, dilation: int = 1, group: int = 1, has_bias: bool = False, weight_init=None,
                 bias_init=None, dtype=mstype.float32) -> None:
        for arg_name, value in (("kernel_size", kernel_size), ("stride", stride), ("padding", padding),
                                ("dilation", dilation)):
            V.check_value_type(arg_name, value, [int], "Conv1d")
        V.check_number(kernel_size, 1, "ge", int, "kernel_size", "Conv1d")
        V.check_number(stride, 1, "ge", int, "stride", "Conv1d")
        V.check_non_negative_int(padding, "padding", "Conv1d")
        V.check_number(dilation, 1, "ge", int, "dilation", "Conv1d")
        V.check_positive_int(group, "group", "Conv1d")
        if not (in_channels % group == 0 and out_channels % group == 0):
            raise ValueError(f"The argument 'group' should be divisible by 'in_channels' and 'out_channels', but got "
                             f"group:{group}, in_channels:{in_channels}, out_channels:{out_channels}.")
        if isinstance(weight_init, Tensor):
            if weight_init.ndim != 3:
                raise ValueError(f"For 'Conv1d', the 'weight_init_shape' must be int and must = 3, but got "
                                 f"'{weight_init.ndim}' with type 'int'.")
            weight_init = wrap(jnp.expand_dims(weight_init._arr, 2))
        super().__init__(in_channels, out_channels, (1, kernel_size), (1, stride), pad_mode, padding, (1, dilation),
                         group, has_bias, weight_init, bias_init, dtype=dtype)
        self.padding = (0, 0, padding, padding)
        V.check_string(pad_mode, ["valid", "same", "pad"], "pad_mode", "Conv1d")
        self._pads = self._check_pad(pad_mode, self.padding)

    def construct(self, x: Tensor) -> Tensor:
        a = jnp.expand_dims(arr(x, "Conv1d"), 2)
        return wrap(jnp.squeeze(self._add_bias(self._conv(a, self.weight._arr)), 2))


def _deconv_output_length(is_valid: bool, is_same: bool, is_pad: bool, input_length: int, filter_size: int,
                          stride_size: int, dilation_size: int, padding: int) -> int:
    filter_size = filter_size + (filter_size - 1) * (dilation_size - 1)
    if is_valid:
        return input_length * stride_size + max(filter_size - stride_size, 0)
    if is_same:
        return input_length * stride_size
    if is_pad:
        return input_length * stride_size - padding + filter_size - stride_size
    return 0


class Conv2dTranspose(_Conv):
    """2-D transposed convolution; weight (in_channels, out_channels // group, kh, kw).

    Output height: h * stride for 'same'; h * stride + max(k_eff - stride, 0) for 'valid';
    h * stride - (top + bottom) + k_eff - stride for 'pad'; `output_padding` (only with 'pad')
    appends zeros at the bottom and right.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, output_padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_init=None,
                 bias_init=None, dtype=mstype.float32) -> None:
        kernel_size, stride, dilation = twice(kernel_size), twice(stride), twice(dilation)
        V.check_value_type("padding", padding, (int, tuple), "Conv2dTranspose")
        if isinstance(padding, tuple):
            V.check_number(len(padding), 4, "eq", int, "padding size", "Conv2dTranspose")
        V.check_value_type("output_padding", output_padding, (int, tuple), "Conv2dTranspose")
        if isinstance(output_padding, tuple):
            V.check_number(len(output_padding), 2, "eq", int, "output_padding size", "Conv2dTranspose")
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group, has_bias,
                         weight_init, bias_init, transposed=True, dtype=dtype)
        V.check_string(pad_mode, ["valid", "same", "pad"], "pad_mode", "Conv2dTranspose")
        self.output_padding = output_padding
        self._pads = self._check_pad(pad_mode, padding)

    def construct(self, x: Tensor) -> Tensor:
        a, w = arr(x, "Conv2DTranspose"), self.weight._arr
        if a.ndim != 4:
            raise ValueError(f"For primitive[Conv2DTranspose], the dout shape size must be equal to 4, but got "
                             f"{a.ndim}.")
        if a.shape[1] != w.shape[0]:
            raise RuntimeError(f"For 'Conv2DTranspose', the channel of 'dout' {a.shape[1]} must be equal to the first "
                               f"dimension of 'weight' {w.shape[0]}.")
        top, bottom, left, right = self._pads
        is_valid, is_same, is_pad = self.pad_mode == "valid", self.pad_mode == "same", self.pad_mode == "pad"
        h_out = _deconv_output_length(is_valid, is_same, is_pad, a.shape[2], self.kernel_size[0], self.stride[0],
                                      self.dilation[0], top + bottom)
        w_out = _deconv_output_length(is_valid, is_same, is_pad, a.shape[3], self.kernel_size[1], self.stride[1],
                                      self.dilation[1], left + right)
        shape = jax.ShapeDtypeStruct((a.shape[0], self.out_channels, h_out, w_out), a.dtype)
        out = jax.linear_transpose(lambda z: self._conv(z, w, "Conv2DTranspose"), shape)(a)[0]
        out = self._add_bias(out)
        pad_h, pad_w = ((self.output_padding,) * 2 if is_int(self.output_padding) else self.output_padding)
        for pad, stride, dilation in ((pad_h, self.stride[0], self.dilation[0]),
                                      (pad_w, self.stride[1], self.dilation[1])):
            if pad < 0 or pad >= max(dilation, stride):
                raise ValueError("output_padding must be in range of [0, max(stride_h, dilation_h)).")
        if (pad_h or pad_w) and not is_pad:
            raise ValueError("when output_padding is not zero, pad_mode must be 'pad'")
        if pad_h or pad_w:
            out = jnp.pad(out, ((0, 0), (0, 0), (0, pad_h), (0, pad_w)))
        return wrap(out)


def _triple(arg_name: str, value, cls_name: str, greater_zero: bool = True) -> tuple:
    """An int or a 3-tuple of ints (> 0, or >= 0 without `greater_zero`) as a 3-tuple (MindSpore's check)."""
    out = (value,) * 3 if is_int(value) else value
    if not isinstance(out, tuple) or len(out) != 3 or not all(
            is_int(v) and (v > 0 if greater_zero else v >= 0) for v in out):
        raise ValueError(f"For '{cls_name}', the parameter '{arg_name}' must be an positive integer or a tuple of "
                         f"three positive integer, but got {value}")
    return out


def _same_pairs(spatial, kernel, stride, dilation) -> list:
    """TF 'same' padding pairs (odd extra element at the end)."""
    out = []
    for size, k, s, d in zip(spatial, kernel, stride, dilation, strict=True):
        total = max((-(-size // s) - 1) * s + (k - 1) * d + 1 - size, 0)
        out.append((total // 2, total - total // 2))
    return out


def _conv_nd(a, w, stride, pads, dilation, group: int):
    """N-D convolution of NC... input `a` by OI... weight `w`."""
    n = a.ndim - 2
    spec = "NC" + "DHW"[3 - n:]
    return jax.lax.conv_general_dilated(a, w, stride, pads, rhs_dilation=dilation, feature_group_count=group,
                                        dimension_numbers=(spec, "OI" + spec[2:], spec))


def _conv_transpose_nd(a, w, out_spatial, stride, pads, dilation, group: int):
    """The transpose of the convolution (weight `w` of shape (in, out // group, ...)) that maps an input of
    spatial size `out_spatial`, padded by `pads`, onto `a`."""
    c_out_g = w.shape[1]
    shape = jax.ShapeDtypeStruct((a.shape[0], c_out_g * group) + tuple(out_spatial), a.dtype)
    return jax.linear_transpose(lambda z: _conv_nd(z, w, stride, pads, dilation, group), shape)(a)[0]


def _conv3d_args(name: str, in_channels: int, out_channels: int, group: int, kernel_size, stride, dilation,
                 padding) -> tuple:
    """MindSpore's checks of a 3-D convolution's arguments; (kernel_size, stride, dilation) as triples."""
    if not (in_channels % group == 0 and out_channels % group == 0):
        raise ValueError("The argument 'group' should be divisible by 'in_channels' and 'out_channels'")
    triples = (_triple("kernel_size", kernel_size, name), _triple("stride", stride, name),
               _triple("dilation", dilation, name))
    V.check_value_type("padding", padding, (int, tuple), name)
    if isinstance(padding, tuple):
        V.check_number(len(padding), 6, "eq", int, "padding size", name)
    return triples


class Conv3d(_Conv):
    """3-D convolution over (N, C, D, H, W) input; weight (out, in // group, kd, kh, kw); `padding` an int or
    (head, tail, top, bottom, left, right) with pad_mode 'pad'."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_init=None, bias_init=None,
                 data_format: str = "NCDHW", dtype=mstype.float32) -> None:
        name = type(self).__name__
        kernel_size, stride, dilation = _conv3d_args(name, in_channels, out_channels, group, kernel_size, stride,
                                                     dilation, padding)
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                         has_bias, weight_init, bias_init, data_format, dtype=dtype)
        V.check_value_type("pad_mode", pad_mode, [str], "Conv3D")
        self.pad_mode = V.check_string(pad_mode.lower(), ["valid", "same", "pad"], "pad_mode", "Conv3D")
        pads = (padding,) * 6 if is_int(padding) else padding
        if self.pad_mode != "pad" and any(pads):
            raise ValueError(f"For 'Conv3D', the 'pad' must be zero or (0, 0, 0, 0, 0, 0) when 'pad_mode' is not "
                             f"\"pad\", but got 'pad' is {padding} and 'pad_mode' is {pad_mode}.")
        self.__dict__["_mindgrad_pads"] = [(pads[0], pads[1]), (pads[2], pads[3]), (pads[4], pads[5])]

    def _pairs(self, spatial) -> list:
        if self.pad_mode == "pad":
            return self._mindgrad_pads
        if self.pad_mode == "valid":
            return [(0, 0)] * 3
        return _same_pairs(spatial, self.kernel_size, self.stride, self.dilation)

    def construct(self, x: Tensor) -> Tensor:
        a, w = arr(x, "Conv3D"), self.weight._arr
        if a.ndim != 5:
            raise ValueError(f"For 'Conv3D', the dimension of 'x' must be 5, but got {a.ndim}.")
        if a.dtype != w.dtype:
            raise TypeError("For primitive[Conv3D], the input type must be same.")
        if a.shape[1] != w.shape[1] * self.group:
            raise ValueError(f"For 'Conv3D', 'C_in' of input 'x' shape divide by parameter 'group' must be equal to "
                             f"'C_in' of input 'weight' shape: {w.shape[1]}, but got 'C_in' of input 'x' shape: "
                             f"{a.shape[1]}, and 'group': {self.group}.")
        out = _conv_nd(a, w, self.stride, self._pairs(a.shape[2:]), self.dilation, self.group)
        return wrap(self._add_bias(out))


class Conv3dTranspose(_Conv):
    """3-D transposed convolution; weight (in, out // group, kd, kh, kw). Output size per axis: in * stride
    ('same'), in * stride + max(k_eff - stride, 0) ('valid'), (in - 1) * stride - (before + after) + k_eff +
    output_padding ('pad')."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, output_padding=0, has_bias: bool = False,
                 weight_init=None, bias_init=None, data_format: str = "NCDHW", dtype=mstype.float32) -> None:
        name = type(self).__name__
        kernel_size, stride, dilation = _conv3d_args(name, in_channels, out_channels, group, kernel_size, stride,
                                                     dilation, padding)
        self.__dict__["output_padding"] = _triple("output_padding", output_padding, name, greater_zero=False)
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                         has_bias, weight_init, bias_init, data_format, transposed=True, dtype=dtype)
        V.check_value_type("pad_mode", pad_mode, [str], "Conv3DTranspose")
        self.pad_mode = V.check_string(pad_mode.lower(), ["valid", "same", "pad"], "pad_mode", "Conv3DTranspose")
        pads = (padding,) * 6 if is_int(padding) else padding
        if self.pad_mode != "pad" and any(pads):
            raise ValueError(f"For 'Conv3DTranspose', the 'pad' must be zero or (0, 0, 0, 0, 0, 0) when 'pad_mode' "
                             f"is not \"pad\", but got 'pad' is {padding} and 'pad_mode' is {pad_mode}.")
        if self.pad_mode != "pad" and any(self.output_padding):
            raise ValueError(f"For 'Conv3DTranspose', the 'output_padding' must be zero or (0, 0, 0) when 'pad_mode' "
                             f"is not \"pad\", but got 'output_padding' is {output_padding} and 'pad_mode' is "
                             f"{pad_mode}.")
        self.__dict__["_mindgrad_pads"] = [(pads[0], pads[1]), (pads[2], pads[3]), (pads[4], pads[5])]

    def construct(self, x: Tensor) -> Tensor:
        a, w = arr(x, "Conv3DTranspose"), self.weight._arr
        if a.ndim != 5:
            raise ValueError(f"For 'Conv3DTranspose', the dimension of 'x' must be 5, but got {a.ndim}.")
        if a.shape[1] != w.shape[0]:
            raise ValueError(f"For 'Conv3DTranspose', the channel of 'x' {a.shape[1]} must be equal to the first "
                             f"dimension of 'weight' {w.shape[0]}.")
        out_spatial, pairs = [], []
        for i, size in enumerate(a.shape[2:]):
            k, s, d = self.kernel_size[i], self.stride[i], self.dilation[i]
            k_eff = (k - 1) * d + 1
            if self.pad_mode == "pad":
                before, after = self._mindgrad_pads[i]
                out_spatial.append((size - 1) * s - before - after + k_eff + self.output_padding[i])
                pairs.append((before, after - self.output_padding[i]))
            else:
                out_spatial.append(size * s + max(k_eff - s, 0) if self.pad_mode == "valid" else size * s)
                pairs.append(None)
        if self.pad_mode == "valid":
            pairs = [(0, 0)] * 3
        elif self.pad_mode == "same":
            pairs = _same_pairs(out_spatial, self.kernel_size, self.stride, self.dilation)
        out = _conv_transpose_nd(a, w, out_spatial, self.stride, pairs, self.dilation, self.group)
        return wrap(self._add_bias(out))


class Conv1dTranspose(_Conv):
    """1-D transposed convolution over (N, C, L) input; weight (in, out // group, 1, k); output length
    L * stride ('same'), L * stride + max(k_eff - stride, 0) ('valid'), (L - 1) * stride - 2 * padding + k_eff
    ('pad')."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1, pad_mode: str = "same",
                 padding: int = 0, dilation: int = 1, group: int = 1, has_bias: bool = False, weight_init=None,
                 bias_init=None, dtype=mstype.float32) -> None:
        name = type(self).__name__
        for arg_name, value in (("kernel_size", kernel_size), ("stride", stride), ("padding", padding),
                                ("dilation", dilation)):
            V.check_value_type(arg_name, value, [int], name)
        V.check_number(kernel_size, 1, "ge", int, "kernel_size", name)
        V.check_number(stride, 1, "ge", int, "stride", name)
        V.check_non_negative_int(padding, "padding", name)
        V.check_number(dilation, 1, "ge", int, "dilation", name)
        if isinstance(weight_init, Tensor):
            if weight_init.ndim != 3:
                raise ValueError(f"For '{name}', the 'weight_init_shape' must be int and must = 3, but got "
                                 f"'{weight_init.ndim}' with type 'int'.")
            weight_init = wrap(jnp.expand_dims(weight_init._arr, 2))
        super().__init__(in_channels, out_channels, (1, kernel_size), (1, stride), pad_mode, padding, (1, dilation),
                         group, has_bias, weight_init, bias_init, transposed=True, dtype=dtype)
        self.padding = (0, 0, padding, padding)
        V.check_string(pad_mode, ["valid", "same", "pad"], "pad_mode", name)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        if a.ndim != 3:
            raise ValueError(f"For '{self.cls_name}', the dimension of input must be 3d, but got {a.ndim}.")
        w = self.weight._arr
        if a.shape[1] != w.shape[0]:
            raise ValueError(f"For 'Conv2DBackpropInput', the channel of 'dout' {a.shape[1]} must be equal to the "
                             f"first dimension of 'weight' {w.shape[0]}.")
        k, s, d, p = self.kernel_size[1], self.stride[1], self.dilation[1], self.padding[2]
        length = a.shape[2]
        k_eff = (k - 1) * d + 1
        if self.pad_mode == "pad":
            out_len, pairs = (length - 1) * s - 2 * p + k_eff, [(0, 0), (p, p)]
        elif self.pad_mode == "valid":
            out_len, pairs = length * s + max(k_eff - s, 0), [(0, 0), (0, 0)]
        else:
            out_len = length * s
            pairs = [(0, 0)] + _same_pairs((out_len,), (k,), (s,), (d,))
        out = _conv_transpose_nd(a[:, :, None], w, (1, out_len), self.stride, pairs, self.dilation, self.group)
        return wrap(self._add_bias(out)[:, :, 0])
