"""`mindspore.nn.DenseThor`, `Conv2dThor`, `EmbeddingThor`: the layers the THOR optimizer trains, which record
the Kronecker factors of their weight's Fisher matrix (MindSpore's GPU formulas, `_thor_math`).

While the Cell flag `thor` is on (the default; `add_flags_recursive(thor=False)` turns it off) each forward pass
writes A, the statistics of the layer's input, to its Parameters (`matrix_a` / `matrix_a_cov`, with
`a_normalizer` and `g_normalizer` for the convolution), and the backward pass computes G, the statistics of the
gradient of the layer's output (before the bias). MindSpore writes G to `matrix_g` from the backward pass; mindgrad
carries it to the THOR optimizer as the gradient of a hidden probe Parameter (`thor_probe`, listed in the
optimizer's `parameters`, so the training step's gradients include it) and the optimizer writes it to `matrix_g`.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from .. import _validator as V
from ..cell import Cell
from . import _thor_math as M
from ._util import arr, twice
from .activation import get_activation
from .conv import _Conv
from .embedding import init_table

__all__ = ["DenseThor", "Conv2dThor", "EmbeddingThor"]


def thor_on(cell: Cell) -> bool:
    """The Cell's `thor` flag: set by `add_flags(thor=...)`, else its attribute (True by default)."""
    flags = cell.__dict__.get("_flags", {})
    return bool(flags.get("thor", cell.__dict__.get("thor", True)))


def _probe(cell: Cell, dim: int) -> None:
    """The hidden Parameter whose gradient is the layer's G statistic (not registered in the Cell)."""
    cell.__dict__["thor_probe"] = Parameter(Tensor(np.zeros((dim, dim), np.float32)), name="thor_probe")


def _captured(cell: Cell, out, stat):
    """`out`, whose backward pass gives the probe the G statistic (and the optimizer's unit probe 1, in the one
    layer the THOR optimizer gave it to)."""
    unit = cell.__dict__.get("thor_unit")
    if unit is None:
        return M.capture_g(out, cell.__dict__["thor_probe"]._arr, stat)
    return M.capture_g_unit(out, cell.__dict__["thor_probe"]._arr, unit._arr, stat)


class DenseThor(Cell):
    """A Dense layer (weight (out_channels, in_channels), 2-D input) recording THOR's A = x^T x / in_channels and
    G = dout^T dout / batch (MindSpore's GPU normalizers); `matrix_a`, `matrix_g` start as identities."""

    def __init__(self, in_channels: int, out_channels: int, weight_init="normal", bias_init="zeros",
                 has_bias: bool = True, activation=None) -> None:
        super().__init__()
        self.thor = True
        self.in_channels = V.check_positive_int(in_channels, "in_channels", self.cls_name)
        self.out_channels = V.check_positive_int(out_channels, "out_channels", self.cls_name)
        self.has_bias = V.check_bool(has_bias, "has_bias", self.cls_name)
        if isinstance(weight_init, Tensor) and (weight_init.ndim != 2 or weight_init.shape[0] != out_channels
                                                or weight_init.shape[1] != in_channels):
            raise ValueError(f"For '{self.cls_name}', weight init shape error. The dim of 'weight_init' should be "
                             f"equal to 2, and the first dim must be equal to 'out_channels', and the second dim "
                             f"must be equal to 'in_channels'. But got 'weight_init': {weight_init}, "
                             f"'out_channels': {out_channels}, 'in_channels': {in_channels}.")
        self.weight = Parameter(initializer(weight_init, [out_channels, in_channels]), name="weight")
        self.bias = None
        if self.has_bias:
            if isinstance(bias_init, Tensor) and (bias_init.ndim != 1 or bias_init.shape[0] != out_channels):
                raise ValueError(f"For '{self.cls_name}', bias init shape error. The dim of 'bias_init' should be "
                                 f"equal to 1, and the first dim must be equal to 'out_channels'. But got "
                                 f"'bias_init': {bias_init}, 'out_channels': {out_channels}.")
            self.bias = Parameter(initializer(bias_init, [out_channels]), name="bias")
        self.activation = get_activation(activation)
        self.activation_flag = self.activation is not None
        self.matrix_a = Parameter(Tensor(np.eye(in_channels, dtype=np.float32)), name="matrix_a", requires_grad=False)
        self.matrix_g = Parameter(Tensor(np.eye(out_channels, dtype=np.float32)), name="matrix_g", requires_grad=False)
        self.split_dim = M.SPLIT_DIM
        _probe(self, out_channels)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        if a.ndim == 0 or a.shape[-1] != self.in_channels:
            raise ValueError(f"For 'MatMul' the input dimensions must be equal, but got 'x1_col': "
                             f"{a.shape[-1] if a.ndim else 1} and 'x2_row': {self.in_channels}.")
        rows = a.reshape(-1, a.shape[-1])  # an input of more axes as its rows (MindSpore's MatMul takes 2-D only)
        out = jnp.matmul(rows, self.weight._arr.T)
        if thor_on(self):
            self.matrix_a = wrap(M.dense_a(rows))
            out = _captured(self, out, M.rows_g)
        if self.has_bias:
            out = out + self.bias._arr
        y = wrap(out.reshape(a.shape[:-1] + (self.out_channels,)))
        return self.activation(y) if self.activation_flag else y

    def extend_repr(self) -> str:
        s = f"input_channels={self.in_channels}, output_channels={self.out_channels}"
        if self.has_bias:
            s += f", has_bias={self.has_bias}"
        return s


class Conv2dThor(_Conv):
    """A Conv2d layer (NCHW) recording THOR's A from the batch-averaged 'same'-padded im2col patches and G from the
    batch-averaged output gradient, each divided by the number of output positions (`a_normalizer`,
    `g_normalizer`); `matrix_a_cov`, `matrix_g_cov` start as zeros."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, pad_mode: str = "same",
                 padding=0, dilation=1, group: int = 1, has_bias: bool = False, weight_init="normal",
                 bias_init="zeros") -> None:
        kernel_size, stride, dilation = twice(kernel_size), twice(stride), twice(dilation)
        super().__init__(in_channels, out_channels, kernel_size, stride, pad_mode, padding, dilation, group,
                         has_bias, weight_init, bias_init)
        self._pads = self._check_pad(pad_mode, padding)
        self.thor = True
        self.matrix_a_dim = in_channels * kernel_size[0] * kernel_size[1]
        self.matrix_g_dim = out_channels
        self.a_normalizer = Parameter(initializer(1, [1], mstype.float32), name="a_normalizer", requires_grad=False)
        self.g_normalizer = Parameter(initializer(1, [1], mstype.float32), name="g_normalizer", requires_grad=False)
        self.matrix_a_cov = Parameter(Tensor(np.zeros((self.matrix_a_dim,) * 2, np.float32)), name="matrix_a",
                                      requires_grad=False)
        self.matrix_g_cov = Parameter(Tensor(np.zeros((self.matrix_g_dim,) * 2, np.float32)), name="matrix_g",
                                      requires_grad=False)
        _probe(self, out_channels)

    def construct(self, x: Tensor) -> Tensor:
        a = arr(x, self.cls_name)
        out = self._conv(a, self.weight._arr)
        if thor_on(self):
            matrix_a, positions = M.conv_a(a, self.kernel_size, self.stride)
            self.matrix_a_cov = wrap(matrix_a)
            self.a_normalizer = wrap(jnp.full((1,), positions, jnp.float32))
            self.g_normalizer = wrap(jnp.full((1,), out.shape[2] * out.shape[3], jnp.float32))
            out = _captured(self, out, M.conv_g)
        return wrap(self._add_bias(out))

    def extend_repr(self) -> str:
        return (f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
                f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}, "
                f"padding={self.padding}, dilation={self.dilation}, group={self.group}, has_bias={self.has_bias}, "
                f"bias_init={self.bias_init}")


def _check_padding(name: str, padding_idx, vocab_size: int) -> None:
    """MindSpore's EmbeddingThor: one ValueError for any bad `padding_idx` (and `vocab_size` itself allowed)."""
    if not isinstance(padding_idx, int) or isinstance(padding_idx, bool) or not 0 <= padding_idx <= vocab_size:
        raise ValueError(f"For '{name}', the 'padding_idx' must be in range [0, {vocab_size}], but got {padding_idx}.")


class EmbeddingThor(Cell):
    """An Embedding layer recording THOR's A (how often each id occurs, `matrix_a` of shape (vocab_size,)) and
    G = dout^T dout / (number of ids) (`matrix_g`); with `use_one_hot` it records nothing, as MindSpore."""

    def __init__(self, vocab_size: int, embedding_size: int, use_one_hot: bool = False, embedding_table="normal",
                 dtype=mstype.float32, padding_idx: int | None = None) -> None:
        super().__init__()
        init_table(self, self.cls_name, vocab_size, embedding_size, use_one_hot, embedding_table, dtype, padding_idx,
                   _check_padding)
        self.thor = True
        self.matrix_a = Parameter(Tensor(np.zeros([vocab_size], np.float32)), name="matrix_a", requires_grad=False)
        self.matrix_g = Parameter(Tensor(np.zeros([embedding_size] * 2, np.float32)), name="matrix_g",
                                  requires_grad=False)
        _probe(self, embedding_size)

    def construct(self, ids: Tensor) -> Tensor:
        idx = arr(ids, self.cls_name, "ids")
        table = self.embedding_table._arr
        flat = idx.reshape(-1)
        if self.use_one_hot:
            one_hot = jax.nn.one_hot(flat, self.vocab_size, dtype=mstype.to_numpy(self.dtype))
            out = jnp.matmul(one_hot.astype(table.dtype), table)
        else:
            out = jnp.take(table, flat, axis=0, mode="fill", fill_value=0)
            if thor_on(self):
                self.matrix_a = wrap(M.embedding_a(flat, self.vocab_size))
                out = _captured(self, out, M.rows_g)
        return wrap(out.reshape(idx.shape + (self.embedding_size,)))

    def extend_repr(self) -> str:
        return (f"vocab_size={self.vocab_size}, embedding_size={self.embedding_size}, "
                f"use_one_hot={self.use_one_hot}, embedding_table={self.embedding_table}, dtype={self.dtype}, "
                f"padding_idx={self.padding_idx}")
