"""Array Primitives (`mindspore.ops.operations.array_ops`)."""

from __future__ import annotations

from ..function import array_func as F
from ..primitive import Primitive, prim_attr_register


class Reshape(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, shape):
        return F.reshape(x, shape)


class Transpose(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, perm):
        return F.transpose(x, perm)


class Concat(Primitive):
    @prim_attr_register
    def __init__(self, axis: int = 0):
        pass

    def __call__(self, tensors):
        return F.concat(tensors, self.axis)


class Select(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, cond, x, y):
        return F.where(cond, x, y)


class BroadcastTo(Primitive):
    @prim_attr_register
    def __init__(self, shape):
        pass

    def __call__(self, x):
        return F.broadcast_to(x, self.shape)


class ExpandDims(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, axis):
        return F.expand_dims(x, axis)


class Squeeze(Primitive):
    @prim_attr_register
    def __init__(self, axis=()):
        pass

    def __call__(self, x):
        return F.squeeze(x, self.axis)


class Cast(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, dtype):
        return F.cast(x, dtype)


class Shape(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.shape(x)


class DType(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.dtype(x)


class Fill(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, dtype, shape, value):
        return F.fill(dtype, shape, value)


class OnesLike(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.ones_like(x)


class ZerosLike(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.zeros_like(x)


class StopGradient(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x):
        return F.stop_gradient(x)
