"""Activation functions (`mindspore.ops` nn functions)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.tensor import Tensor, wrap
from ._helpers import arr, check_axis, float_arr, np_dtype


def relu(input) -> Tensor:
    """max(x, 0); the gradient at 0 is 0, as MindSpore's."""
    return wrap(jax.nn.relu(arr(input, "ReLU")))


def sigmoid(input) -> Tensor:
    return wrap(jax.nn.sigmoid(float_arr(input, "Sigmoid")))


def softmax(input, axis: int = -1, *, dtype=None) -> Tensor:
    a = float_arr(input, "Softmax")
    if dtype is not None:
        a = a.astype(np_dtype(dtype, "Softmax"))
    return wrap(jax.nn.softmax(a, axis=check_axis(axis, a.ndim, "Softmax")))


def log_softmax(logits, axis: int = -1) -> Tensor:
    a = float_arr(logits, "LogSoftmax")
    return wrap(jax.nn.log_softmax(a, axis=check_axis(axis, a.ndim, "LogSoftmax")))
