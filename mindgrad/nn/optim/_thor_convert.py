"""MindSpore's `ConvertNetUtils` (`mindspore.train.train_thor`): the in-place conversion `nn.thor` makes.

Every trainable `Dense`, `Conv2d` and `Embedding` sub-Cell becomes a `DenseThor`, `Conv2dThor`, `EmbeddingThor`
(Cells under a name containing 'rpn_with_loss.rpn_convs_list.' or 'wide' stay), with MindSpore's conversions:
Dense keeps its weight values, bias Parameter and activation and runs in Float32 (`to_float`, MindSpore's GPU
choice); Conv2d keeps its weight values, in/out channels, square kernel, stride, padding and pad mode (dilation and
group are not passed, and a bias starts again at zeros); Embedding keeps its table Parameter. Normalization and
pooling Cells and the other convolutions are left alone; other Cells are searched recursively. mindgrad does not
convert `EmbeddingLookup` (MindSpore's `EmbeddingLookupThor`); it stays a first-order layer.
"""

from __future__ import annotations

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..cell import Cell
from ..layer import (BatchNorm1d, BatchNorm2d, Conv1d, Conv1dTranspose, Conv2d, Conv2dTranspose, Dense, Embedding,
                     EmbeddingLookup, GroupNorm, LayerNorm, MaxPool2d)
from ..layer.thor_layer import Conv2dThor, DenseThor, EmbeddingThor

__all__ = ["ConvertNetUtils"]

_THOR = (DenseThor, Conv2dThor, EmbeddingThor)
_KEPT = (Conv2dTranspose, Conv1d, Conv1dTranspose, BatchNorm1d, GroupNorm, LayerNorm, BatchNorm2d, MaxPool2d)


def _prefix(cell: Cell, attr: str) -> str:
    """The name prefix of `cell`'s Parameters, from the name of its `attr` Parameter."""
    name = getattr(cell, attr).name
    return name[: -len(attr)] if name.endswith(attr) else ""


def _convert_dense(cell: Dense) -> DenseThor:
    act_name = None
    if cell.activation_flag:
        act_name = type(cell.activation).__name__.lower()
        act_name = "fast_gelu" if act_name == "fastgelu" else act_name
    new = DenseThor(cell.in_channels, cell.out_channels, weight_init=Tensor(cell.weight.asnumpy()),
                    has_bias=cell.has_bias, bias_init="zeros", activation=act_name)
    if cell.out_channels != 1001:
        new.to_float(mstype.float32)
    if cell.has_bias:
        new.bias = cell.bias
    return new


def _convert_conv2d(cell: Conv2d) -> Conv2dThor:
    return Conv2dThor(cell.in_channels, cell.out_channels, kernel_size=cell.kernel_size[0], stride=cell.stride,
                      padding=cell.padding, pad_mode=cell.pad_mode, has_bias=cell.has_bias,
                      weight_init=Tensor(cell.weight.asnumpy()))


def _convert_embedding(cell: Embedding) -> EmbeddingThor:
    new = EmbeddingThor(cell.vocab_size, cell.embedding_size, use_one_hot=False)
    new.embedding_table = cell.embedding_table
    return new


def _need_change(cell: Cell, prefix: str) -> bool:
    if isinstance(cell, (Dense, Conv2d)) and cell.weight.requires_grad:
        lowered = prefix.lower()
        return "rpn_with_loss.rpn_convs_list." not in lowered and "wide" not in lowered
    return isinstance(cell, Embedding) and cell.embedding_table.requires_grad


class ConvertNetUtils:
    """Converts a network's layers in place to the Thor layers that record THOR's statistics."""

    def __init__(self) -> None:
        self._convert_method_map = {Dense: _convert_dense, Embedding: _convert_embedding, Conv2d: _convert_conv2d}

    def _convert_to_thor_net(self, net: Cell) -> None:
        for name, cell in net.name_cells().items():
            if cell is net or isinstance(cell, _THOR + _KEPT):
                continue
            if isinstance(cell, EmbeddingLookup):
                continue
            if isinstance(cell, (Embedding, Dense, Conv2d)):
                attr = "embedding_table" if isinstance(cell, Embedding) else "weight"
                prefix = _prefix(cell, attr)
                convert = self._convert_method_map.get(type(cell))
                if convert is not None and _need_change(cell, prefix):
                    new = convert(cell)
                    new.update_parameters_name(prefix)
                    net.insert_child_to_cell(name, new)
            else:
                self._convert_to_thor_net(cell)

    def convert_to_thor_net(self, net: Cell) -> None:
        """Convert `net`'s Dense, Conv2d and Embedding layers to Thor layers (called by `nn.thor`)."""
        self._convert_to_thor_net(net)
