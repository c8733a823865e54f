"""Math Primitives (`mindspore.ops.operations.math_ops`): the class spelling of the math functions."""

from __future__ import annotations

from ..function import comparison_func as C
from ..function import math_func as F
from ..function import reduction_func as R
from ..function._helpers import tensor_arr
from ..primitive import Primitive, functional_primitive, prim_attr_register


def _fp(name: str, fn):
    return functional_primitive(name, fn, __name__)


Add = _fp("Add", F.add)
Sub = _fp("Sub", F.sub)
Mul = _fp("Mul", F.mul)
Div = _fp("Div", F.true_divide)
RealDiv = _fp("RealDiv", F.real_div)
FloorDiv = _fp("FloorDiv", F.floor_divide)
FloorMod = _fp("FloorMod", F.floor_mod)
Pow = _fp("Pow", F.pow)
Maximum = _fp("Maximum", F.maximum)
Minimum = _fp("Minimum", F.minimum)
Neg = _fp("Neg", F.neg)
Abs = _fp("Abs", F.abs)
Sign = _fp("Sign", F.sign)
Floor = _fp("Floor", F.floor)
Ceil = _fp("Ceil", F.ceil)
Round = _fp("Round", F.round)
Square = _fp("Square", F.square)
Sqrt = _fp("Sqrt", F.sqrt)
Rsqrt = _fp("Rsqrt", F.rsqrt)
Reciprocal = _fp("Reciprocal", F.reciprocal)
Exp = _fp("Exp", F.exp)
Log = _fp("Log", F.log)
Sin = _fp("Sin", F.sin)
Cos = _fp("Cos", F.cos)
Tanh = _fp("Tanh", F.tanh)
Erf = _fp("Erf", F.erf)
Erfc = _fp("Erfc", F.erfc)
AddN = _fp("AddN", F.addn)
Equal = _fp("Equal", C.equal)
NotEqual = _fp("NotEqual", C.not_equal)
Greater = _fp("Greater", C.greater)
GreaterEqual = _fp("GreaterEqual", C.greater_equal)
Less = _fp("Less", C.less)
LessEqual = _fp("LessEqual", C.less_equal)
LogicalAnd = _fp("LogicalAnd", C.logical_and)
LogicalOr = _fp("LogicalOr", C.logical_or)
LogicalNot = _fp("LogicalNot", C.logical_not)
IsNan = _fp("IsNan", C.isnan)
IsInf = _fp("IsInf", C.isinf)
IsFinite = _fp("IsFinite", C.isfinite)


class MatMul(Primitive):
    """2-D matrix product, optionally of transposed operands; dtypes must match (ValueError for shapes)."""

    @prim_attr_register
    def __init__(self, transpose_a: bool = False, transpose_b: bool = False):
        pass

    def __call__(self, x, y):
        a, b = tensor_arr(x, "MatMul", "x"), tensor_arr(y, "MatMul", "y")
        F.same_dtype(a, b, "MatMul")
        if a.ndim != 2 or b.ndim != 2:
            raise ValueError("For 'MatMul', inputs should have the same dimension size and equal to 2, but got "
                             f"{list(a.shape)} and {list(b.shape)}.")
        cols = a.shape[0] if self.transpose_a else a.shape[1]
        rows = b.shape[1] if self.transpose_b else b.shape[0]
        if cols != rows:
            raise ValueError(f"For 'MatMul' the input dimensions must be equal, but got 'x1_col': {cols} and "
                             f"'x2_row': {rows}.")
        return F.batch_matmul(x, y, self.transpose_a, self.transpose_b, "MatMul")


class BatchMatMul(Primitive):
    """Batched matrix product over equal leading axes (MindSpore's CPU does not broadcast them)."""

    @prim_attr_register
    def __init__(self, transpose_a: bool = False, transpose_b: bool = False):
        pass

    def __call__(self, x, y):
        return F.batch_matmul(x, y, self.transpose_a, self.transpose_b)


class CumSum(Primitive):
    """Cumulative sum; `exclusive` leaves out the current element, `reverse` sums from the end."""

    @prim_attr_register
    def __init__(self, exclusive: bool = False, reverse: bool = False):
        pass

    def __call__(self, input, axis):
        return F.cumsum(input, axis, exclusive=self.exclusive, reverse=self.reverse)


class _Reduce(Primitive):
    """`P.Reduce*(keep_dims)(x, axis=())`: reduce over `axis` (all axes by default), keeping the input dtype."""

    _fn = None

    @prim_attr_register
    def __init__(self, keep_dims: bool = False):
        pass

    def __call__(self, x, axis=()):
        if not isinstance(axis, (int, tuple, list)) or isinstance(axis, bool):
            raise TypeError(f"For '{self.name}', the 'axis' should be int, tuple or list, but got "
                            f"{type(axis).__name__}.")
        if not isinstance(self.keep_dims, bool):
            raise TypeError(f"For '{self.name}', the 'keep_dims' should be bool, but got "
                            f"{type(self.keep_dims).__name__}.")
        return type(self)._fn(x, axis, self.keep_dims)


def _keep_dtype(fn):
    def reduce(x, axis, keep_dims):
        out = fn(x, axis, keep_dims)
        return out.astype(x.dtype) if out.dtype != x.dtype else out
    return reduce


class ReduceSum(_Reduce):
    """Sum (Int32 stays Int32, unlike `ops.sum`)."""
    _fn = staticmethod(_keep_dtype(lambda x, axis, keep: R.sum(x, axis, keep)))

    @prim_attr_register
    def __init__(self, keep_dims: bool = False, skip_mode: bool = False):
        pass


class ReduceMean(_Reduce):
    """Mean (an integer mean truncates)."""
    _fn = staticmethod(R.mean)


class ReduceMax(_Reduce):
    """Maximum; tied maxima share the gradient equally."""
    _fn = staticmethod(lambda x, axis, keep: R.amax(x, axis, keep))


class ReduceMin(_Reduce):
    """Minimum; tied minima share the gradient equally."""
    _fn = staticmethod(lambda x, axis, keep: R.amin(x, axis, keep))


class ReduceProd(_Reduce):
    """Product (keeps the input dtype)."""
    _fn = staticmethod(_keep_dtype(lambda x, axis, keep: R.prod(x, axis, keep)))


class ReduceAll(_Reduce):
    _fn = staticmethod(R.all)


class ReduceAny(_Reduce):
    _fn = staticmethod(R.any)

# MindSpore's `P.math_ops.Fmax`/`Fmin` (ops17, defined in tail_ops).
from .tail_ops import Fmax, Fmin  # noqa: E402,F401
from .tailpb_ops import (CumulativeLogsumexp, EqualCount, InplaceAdd, NextAfter, Orgqr, Ormqr,  # noqa: E402,F401
                         Polygamma, Qr, SquaredDifference, TrilIndices, TriuIndices)  # P.math_ops paths (tailprimB)
