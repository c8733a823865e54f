"""Parameter-writing and ordering Primitives (`mindspore.ops.operations.other_ops`)."""

from __future__ import annotations

from ..function import parameter_func as F
from ..primitive import Primitive, prim_attr_register


class Assign(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, variable, value):
        return F.assign(variable, value)


class AssignAdd(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, variable, value):
        return F.assign_add(variable, value)


class Depend(Primitive):
    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, value, expr):
        return F.depend(value, expr)
