"""Math Primitives (`mindspore.ops.operations.math_ops`): the class spelling of the math functions."""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ..function import math_func as F
from ..function._helpers import arr, axes
from ..primitive import Primitive, prim_attr_register


def _binary_primitive(name: str, fn):
    cls = type(name, (Primitive,), {
        "__init__": prim_attr_register(lambda self: None),
        "__call__": lambda self, x, y: fn(x, y),
        "__doc__": f"`ops.{name}()(x, y)`, as `{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}`.",
    })
    cls.__module__ = __name__
    return cls


def _unary_primitive(name: str, fn):
    cls = type(name, (Primitive,), {
        "__init__": prim_attr_register(lambda self: None),
        "__call__": lambda self, x: fn(x),
        "__doc__": f"`ops.{name}()(x)`, as `ops.{fn.__name__}`.",
    })
    cls.__module__ = __name__
    return cls


Add = _binary_primitive("Add", F.add)
Sub = _binary_primitive("Sub", F.sub)
Mul = _binary_primitive("Mul", F.mul)
Div = _binary_primitive("Div", F.div)
Pow = _binary_primitive("Pow", F.pow)
Maximum = _binary_primitive("Maximum", F.maximum)
Minimum = _binary_primitive("Minimum", F.minimum)
Neg = _unary_primitive("Neg", F.neg)
Abs = _unary_primitive("Abs", F.abs)
Square = _unary_primitive("Square", F.square)
Sqrt = _unary_primitive("Sqrt", F.sqrt)
Exp = _unary_primitive("Exp", F.exp)
Log = _unary_primitive("Log", F.log)
Sin = _unary_primitive("Sin", F.sin)
Cos = _unary_primitive("Cos", F.cos)
Tanh = _unary_primitive("Tanh", F.tanh)


class RealDiv(Primitive):
    """`x / y`; integer inputs are divided with truncation and stay integer, as MindSpore's."""

    @prim_attr_register
    def __init__(self):
        pass

    def __call__(self, x, y):
        q = F.div(x, y)
        a = arr(x, "RealDiv")
        if not jnp.issubdtype(a.dtype, jnp.inexact):
            return wrap(jnp.trunc(q._arr).astype(a.dtype))
        return q


class MatMul(Primitive):
    """2-D matrix product with optional transposes."""

    @prim_attr_register
    def __init__(self, transpose_a: bool = False, transpose_b: bool = False):
        pass

    def __call__(self, x, y) -> Tensor:
        a, b = arr(x, "MatMul"), arr(y, "MatMul")
        if a.ndim != 2 or b.ndim != 2:
            raise ValueError(f"For 'MatMul', the inputs should be 2-D, but got shapes {list(a.shape)} "
                             f"and {list(b.shape)}.")
        a = a.T if self.transpose_a else a
        b = b.T if self.transpose_b else b
        return F.matmul(wrap(a), wrap(b))


class BatchMatMul(MatMul):
    """Batched matrix product over the leading axes."""

    def __call__(self, x, y) -> Tensor:
        a, b = arr(x, "BatchMatMul"), arr(y, "BatchMatMul")
        a = jnp.swapaxes(a, -1, -2) if self.transpose_a else a
        b = jnp.swapaxes(b, -1, -2) if self.transpose_b else b
        return F.matmul(wrap(a), wrap(b))


class _Reduce(Primitive):
    _fn = None

    @prim_attr_register
    def __init__(self, keep_dims: bool = False):
        if not isinstance(keep_dims, bool):
            raise TypeError(f"For '{type(self).__name__}', the 'keep_dims' should be bool, "
                            f"but got {type(keep_dims).__name__}.")

    def __call__(self, x, axis=()) -> Tensor:
        a = arr(x, self.name)
        out = type(self)._fn(a, axis=axes(axis, a.ndim, self.name), keepdims=self.keep_dims)
        return wrap(out.astype(a.dtype))


class ReduceSum(_Reduce):
    """Sum over `axis` (all axes by default); keeps the input dtype (Int32 stays Int32)."""
    _fn = staticmethod(jnp.sum)


class ReduceMean(_Reduce):
    """Mean over `axis` (all axes by default)."""
    _fn = staticmethod(jnp.mean)


class ReduceMax(_Reduce):
    _fn = staticmethod(jnp.max)


class ReduceMin(_Reduce):
    _fn = staticmethod(jnp.min)
