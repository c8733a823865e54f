"""Activation Cells (`mindspore.nn.layer.activation`) and `get_activation`."""

from __future__ import annotations

from ...ops.function import nn_func as F
from ...ops.function import math_func as M
from ..cell import Cell


class ReLU(Cell):
    def construct(self, x):
        return F.relu(x)


class Sigmoid(Cell):
    def construct(self, x):
        return F.sigmoid(x)


class Tanh(Cell):
    def construct(self, x):
        return M.tanh(x)


class Softmax(Cell):
    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis

    def construct(self, x):
        return F.softmax(x, self.axis)


class LogSoftmax(Cell):
    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis

    def construct(self, x):
        return F.log_softmax(x, self.axis)


_ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh, "softmax": Softmax, "logsoftmax": LogSoftmax}


def get_activation(name: str | None, prim_name: str | None = None) -> Cell | None:
    """The activation Cell called `name` (MindSpore's `nn.get_activation`)."""
    if name is None:
        return None
    try:
        return _ACTIVATIONS[name.lower()]()
    except KeyError:
        raise KeyError(f"For 'get_activation', the activation {name!r} is not supported; "
                       f"supported: {sorted(_ACTIVATIONS)}.") from None
