"""Combined layers of `mindspore.nn.layer.combined`: Conv2dBnAct and DenseBnAct.

A child `conv` (Conv2d, weight_init 'normal') or `dense` (Dense), an optional `batchnorm`
(BatchNorm2d with momentum 0.997 / BatchNorm1d with momentum 0.9) and an optional `activation`
(a name for `get_activation`, 'leakyrelu' with slope `alpha`, or a Cell/Primitive).
"""

from __future__ import annotations

from ...common.tensor import Tensor
from ...ops.primitive import Primitive
from .. import _validator as V
from ..cell import Cell
from .activation import LeakyReLU, get_activation
from .basic import Dense
from .conv import Conv2d
from .normalization import BatchNorm1d, BatchNorm2d

__all__ = ["Conv2dBnAct", "DenseBnAct"]


class _BnAct(Cell):
    """The batchnorm and activation tail shared by both layers."""

    def _tail(self, out_channels: int, bn_cls, has_bn: bool, momentum: float, eps: float, activation, alpha: float,
              after_fake: bool) -> None:
        self.has_bn = V.check_bool(has_bn, "has_bn", self.cls_name)
        self.has_act = activation is not None
        self.after_fake = V.check_bool(after_fake, "after_fake", self.cls_name)
        if has_bn:
            self.batchnorm = bn_cls(out_channels, eps, momentum)
        if activation == "leakyrelu":
            self.activation = LeakyReLU(alpha)
        else:
            self.activation = get_activation(activation) if isinstance(activation, str) else activation
            if activation is not None and not isinstance(self.activation, (Cell, Primitive)):
                raise TypeError(f"For '{self.cls_name}', the 'activation' must be str or Cell or Primitive, but got "
                                f"{type(activation).__name__}.")

    def _finish(self, x: Tensor) -> Tensor:
        if self.has_bn:
            x = self.batchnorm(x)
        return self.activation(x) if self.has_act else x


class Conv2dBnAct(_BnAct):
    """Conv2d, then optional BatchNorm2d, then optional activation."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_init="normal",
                 bias_init="zeros", has_bn: bool = False, momentum: float = 0.997, eps: float = 1e-5,
                 activation=None, alpha: float = 0.2, after_fake: bool = True) -> None:
        super().__init__()
        self.conv = Conv2d(in_channels, out_channels, kernel_size=kernel_size, stride=stride, pad_mode=pad_mode,
                           padding=padding, dilation=dilation, group=group, has_bias=has_bias,
                           weight_init=weight_init, bias_init=bias_init)
        self._tail(out_channels, BatchNorm2d, has_bn, momentum, eps, activation, alpha, after_fake)

    def construct(self, x: Tensor) -> Tensor:
        return self._finish(self.conv(x))


class DenseBnAct(_BnAct):
    """Dense, then optional BatchNorm1d, then optional activation."""

    def __init__(self, in_channels: int, out_channels: int, weight_init="normal", bias_init="zeros",
                 has_bias: bool = True, has_bn: bool = False, momentum: float = 0.9, eps: float = 1e-5,
                 activation=None, alpha: float = 0.2, after_fake: bool = True) -> None:
        super().__init__()
        self.dense = Dense(in_channels, out_channels, weight_init, bias_init, has_bias)
        self._tail(out_channels, BatchNorm1d, has_bn, momentum, eps, activation, alpha, after_fake)

    def construct(self, x: Tensor) -> Tensor:
        return self._finish(self.dense(x))
