"""Neural-network Primitives (`mindspore.ops.operations.nn_ops`)."""

from __future__ import annotations

from ..function import nn_func as F
from ..primitive import Primitive, prim_attr_register


class ReLU(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.relu(x)


class Sigmoid(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.sigmoid(x)


class Softmax(Primitive):
    @prim_attr_register
    def __init__(self, axis=-1):
        pass

    def __call__(self, x):
        axis = self.axis[0] if isinstance(self.axis, (tuple, list)) else self.axis
        return F.softmax(x, axis)


class LogSoftmax(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = -1):
        pass

    def __call__(self, x):
        return F.log_softmax(x, self.axis)
