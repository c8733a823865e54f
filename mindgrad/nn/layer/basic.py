"""Basic layers: Dense, Flatten, Identity (`mindspore.nn.layer.basic`)."""

from __future__ import annotations

import math

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ..cell import Cell
from .activation import get_activation


class Dense(Cell):
    """`y = activation(x @ weight.T + bias)`; weight has shape (out_channels, in_channels).

    Defaults as MindSpore: weight HeUniform(sqrt(5)), bias U(-1/sqrt(in), 1/sqrt(in)).
    """

    def __init__(self, in_channels: int, out_channels: int, weight_init=None, bias_init=None,
                 has_bias: bool = True, activation=None, dtype=mstype.float32) -> None:
        super().__init__()
        for name, v in (("in_channels", in_channels), ("out_channels", out_channels)):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"For 'Dense', the '{name}' should be a positive int, but got {v!r}.")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.has_bias = has_bias
        if weight_init is None:
            weight_init = HeUniform(math.sqrt(5))
        self.weight = Parameter(initializer(weight_init, (out_channels, in_channels), dtype), name="weight")
        self.bias = None
        if has_bias:
            if bias_init is None:
                bias_init = Uniform(1 / math.sqrt(in_channels))
            self.bias = Parameter(initializer(bias_init, (out_channels,), dtype), name="bias")
        self.activation = get_activation(activation) if isinstance(activation, str) else activation
        self.activation_flag = self.activation is not None

    def construct(self, x: Tensor) -> Tensor:
        a = x._arr
        if a.shape[-1] != self.in_channels:
            raise ValueError(f"For 'Dense', the last dimension of the input {list(a.shape)} should equal "
                             f"'in_channels' {self.in_channels}.")
        out = jnp.matmul(a, self.weight._arr.T)
        if self.has_bias:
            out = out + self.bias._arr
        y = wrap(out)
        return self.activation(y) if self.activation_flag else y

    def extend_repr(self) -> str:
        s = f"input_channels={self.in_channels}, output_channels={self.out_channels}, has_bias={self.has_bias}"
        if self.activation_flag:
            s += f", activation={self.activation}"
        return s


class Flatten(Cell):
    """Flatten dimensions `start_dim..end_dim` (default: all but the batch axis)."""

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def construct(self, x: Tensor) -> Tensor:
        return x.flatten(start_dim=self.start_dim, end_dim=self.end_dim)


class Identity(Cell):
    def construct(self, x):
        return x
