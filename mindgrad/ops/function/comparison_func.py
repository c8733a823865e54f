"""Comparisons and logical operations (`mindspore.ops` comparison and logic functions).

Operands promote as in arithmetic (`ops.equal(int32, float32)` compares as Float32); results are Bool.
The first operand must be a Tensor, as in MindSpore's functional forms.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import binary, broadcast_operands, tensor_arr


def _compare(fn, input, other, op: str) -> Tensor:
    tensor_arr(input, op)
    return binary(fn, input, other, op)


def equal(input, other) -> Tensor:
    return _compare(jnp.equal, input, other, "Equal")


def not_equal(input, other) -> Tensor:
    return _compare(jnp.not_equal, input, other, "NotEqual")


def greater(input, other) -> Tensor:
    return _compare(jnp.greater, input, other, "Greater")


def greater_equal(input, other) -> Tensor:
    return _compare(jnp.greater_equal, input, other, "GreaterEqual")


def less(input, other) -> Tensor:
    return _compare(jnp.less, input, other, "Less")


def less_equal(input, other) -> Tensor:
    return _compare(jnp.less_equal, input, other, "LessEqual")


ne = not_equal
gt = greater
ge = greater_equal
lt = less
le = less_equal


def logical_and(input, other) -> Tensor:
    """Element-wise AND of the operands' truth values (any dtype)."""
    return _compare(jnp.logical_and, input, other, "LogicalAnd")


def logical_or(input, other) -> Tensor:
    return _compare(jnp.logical_or, input, other, "LogicalOr")


def logical_not(input) -> Tensor:
    return wrap(jnp.logical_not(tensor_arr(input, "LogicalNot")))


def isclose(input, other, rtol: float = 1e-05, atol: float = 1e-08, equal_nan: bool = False) -> Tensor:
    """|input - other| <= atol + rtol * |other|, element-wise."""
    tensor_arr(input, "IsClose")
    x, y = broadcast_operands(input, other, "IsClose")
    return wrap(jnp.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan))


def isnan(input) -> Tensor:
    return wrap(jnp.isnan(tensor_arr(input, "IsNan")))


def isinf(input) -> Tensor:
    return wrap(jnp.isinf(tensor_arr(input, "IsInf")))


def isfinite(input) -> Tensor:
    return wrap(jnp.isfinite(tensor_arr(input, "IsFinite")))
