"""Layers `nn.CentralCrop` and `nn.BiDense`, as MindSpore defines them."""

from __future__ import annotations

import math

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from ._util import arr

__all__ = ["BiDense", "CentralCrop"]


class CentralCrop(Cell):
    """Crops the central `central_fraction` (a float in (0, 1]) of the last two axes of a 3-D (C, H, W) or 4-D
    (N, C, H, W) image: the border cut on each side is int((size - size * fraction) / 2)."""

    def __init__(self, central_fraction: float) -> None:
        super().__init__()
        V.check_value_type("central_fraction", central_fraction, [float], self.cls_name)
        V.check_float_range(central_fraction, 0.0, 1.0, (False, True), "central_fraction", self.cls_name)
        self.central_fraction = central_fraction

    def construct(self, image) -> Tensor:
        a = arr(image, self.cls_name, "image")
        if a.ndim not in (3, 4):
            raise ValueError(f"{self.cls_name} image must be 3d or 4d, but got shape {tuple(a.shape)}")
        if self.central_fraction == 1.0:
            return image
        h, w = a.shape[-2:]
        top = int((float(h) - float(h * self.central_fraction)) / 2)
        left = int((float(w) - float(w * self.central_fraction)) / 2)
        return wrap(a[..., top:h - top, left:w - left])


class BiDense(Cell):
    """Bilinear layer y = x1^T A x2 + b, weight A of shape (out, in1, in2); weight and bias default to
    U(-1/sqrt(in1), 1/sqrt(in1)). Inputs share every axis but the last, which is computed on."""

    def __init__(self, in1_channels: int, in2_channels: int, out_channels: int, weight_init=None, bias_init=None,
                 has_bias: bool = True, dtype=mstype.float32) -> None:
        super().__init__()
        self.in1_channels = V.check_positive_int(in1_channels, "in1_channels", self.cls_name)
        self.in2_channels = V.check_positive_int(in2_channels, "in2_channels", self.cls_name)
        self.out_channels = V.check_positive_int(out_channels, "out_channels", self.cls_name)
        self.has_bias = V.check_bool(has_bias, "has_bias", self.cls_name)
        bound = 1 / math.sqrt(in1_channels)
        if isinstance(weight_init, Tensor) and weight_init.shape != (out_channels, in1_channels, in2_channels):
            raise ValueError(f"For '{self.cls_name}', weight init shape error. The ndim of 'weight_init' must be "
                             f"equal to 3, the first dim must be equal to 'out_channels', the second dim must be "
                             f"equal to 'in1_channels', and the third dim must be equal to 'in2_channels'. But got "
                             f"'weight_init': {weight_init}, 'out_channels': {out_channels}, 'in_channels': "
                             f"{in1_channels}, 'in2_channels': {in2_channels}")
        weight_init = Uniform(bound) if weight_init is None else weight_init
        self.weight = Parameter(initializer(weight_init, (out_channels, in1_channels, in2_channels), dtype=dtype),
                                "weight")
        self.bias = None
        if self.has_bias:
            if isinstance(bias_init, Tensor) and bias_init.shape != (out_channels,):
                raise ValueError(f"For '{self.cls_name}', bias init shape error. The ndim of 'bias_init' should be "
                                 f"equal to 1, and the first dim must be equal to 'out_channels'. But got "
                                 f"'bias_init': {bias_init}, 'out_channels': {out_channels}.")
            bias_init = Uniform(bound) if bias_init is None else bias_init
            self.bias = Parameter(initializer(bias_init, [out_channels], dtype=dtype), name="bias")

    def construct(self, input1, input2) -> Tensor:
        a = arr(input1, self.cls_name, "input1")
        b = arr(input2, self.cls_name, "input2")
        for name, x, channels in (("1", a, self.in1_channels), ("2", b, self.in2_channels)):
            if x.shape[-1] != channels:
                raise ValueError(f"For '{self.cls_name}', the last dimension of 'input{name}' must be same as "
                                 f"'in{name}_channels', but got {x.shape[-1]} of 'input{name}' and {channels} of "
                                 f"'in{name}_channels'")
        if a.shape[:-1] != b.shape[:-1]:
            raise ValueError(f"For '{self.cls_name}', the dimensions except the last of 'input1' must be same as "
                             f"'input2', but got {tuple(a.shape)} of 'input1' and {tuple(b.shape)} of 'input2'")
        out = jnp.einsum("...i,oij,...j->...o", a, self.weight._arr, b)
        if self.has_bias:
            out = out + self.bias._arr
        return wrap(out)

    def extend_repr(self) -> str:
        s = f"in1_channels={self.in1_channels}, in2_channels={self.in2_channels}, output_channels={self.out_channels}"
        return s + (f", has_bias={self.has_bias}" if self.has_bias else "")
