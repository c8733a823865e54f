"""MindSpore 2.x loss scalers (`mindspore.amp.LossScaler`, `StaticLossScaler`, `DynamicLossScaler`) and
`all_finite`, for training written with `value_and_grad`.

As MindSpore: `scale` multiplies a Tensor (or each Tensor of a tuple) by the scale cast to its dtype,
`unscale` by the Float32 reciprocal of the scale cast to its dtype; the scale is a Float32 Parameter
`scale_value`. `DynamicLossScaler.adjust(grads_finite)` multiplies the scale by `scale_factor` when the
gradients were finite for `scale_window` steps in a row (unless the product is inf), divides it by
`scale_factor` (not below 1) on a non-finite step, and counts the finite steps in the Int32
Parameter `counter`; it is all Tensor arithmetic, so it runs inside a compiled step.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import jax.numpy as jnp

from ..common import dtype as mstype
from ..common.parameter import Parameter
from ..common.tensor import Tensor, wrap
from ..nn import _validator as V
from ..ops.function.parameter_func import assign

__all__ = ["LossScaler", "StaticLossScaler", "DynamicLossScaler", "all_finite"]


def all_finite(inputs) -> Tensor:
    """A scalar Bool Tensor: whether every element of every Tensor in `inputs` is finite."""
    flags = [jnp.all(jnp.isfinite(t._arr)) for t in inputs]
    return wrap(jnp.all(jnp.stack(flags)) if flags else jnp.asarray(True))


def _map(fn, inputs):
    if isinstance(inputs, Tensor):
        return fn(inputs._arr)
    return type(inputs)(fn(t._arr) for t in inputs)


class LossScaler(ABC):
    """The interface of a loss scaler: `scale`, `unscale` and `adjust`."""

    @abstractmethod
    def scale(self, inputs):
        """`inputs` (a Tensor or Tensors) multiplied by the loss scale."""
        raise NotImplementedError

    @abstractmethod
    def unscale(self, inputs):
        """`inputs` divided by the loss scale."""
        raise NotImplementedError

    @abstractmethod
    def adjust(self, grads_finite):
        """Update the loss scale from whether the gradients were finite."""
        raise NotImplementedError


def _check_scale_value(scale_value) -> None:
    V.check_value_type("scale_value", scale_value, [float, int])
    if scale_value < 1.0:
        raise ValueError(f"The argument 'scale_value' must be > 1, but got {scale_value}")


class _Scaler(LossScaler):
    """`scale` and `unscale` by the Parameter `scale_value`."""

    scale_value: Parameter

    def scale(self, inputs):
        s = self.scale_value._arr
        return _map(lambda a: wrap(a * s.astype(a.dtype)), inputs)

    def unscale(self, inputs):
        r = 1 / self.scale_value._arr
        return _map(lambda a: wrap(a * r.astype(a.dtype)), inputs)


class StaticLossScaler(_Scaler):
    """A fixed loss scale; `adjust` changes nothing and returns False."""

    def __init__(self, scale_value) -> None:
        _check_scale_value(scale_value)
        self.scale_value = Parameter(Tensor(scale_value, dtype=mstype.float32), name="scale_value")

    def adjust(self, grads_finite) -> bool:
        return False


class DynamicLossScaler(_Scaler):
    """A loss scale raised after `scale_window` finite steps and lowered on a non-finite one."""

    def __init__(self, scale_value, scale_factor, scale_window) -> None:
        _check_scale_value(scale_value)
        self.scale_value = Parameter(Tensor(scale_value, dtype=mstype.float32), name="scale_value")
        self.scale_window = V.check_positive_int(scale_window, "scale_window")
        self.scale_factor = V.check_positive_int(scale_factor, "scale_factor")
        self.counter = Parameter(Tensor(0, dtype=mstype.int32), name="counter")

    def adjust(self, grads_finite) -> bool:
        finite = grads_finite._arr if isinstance(grads_finite, Tensor) else jnp.asarray(grads_finite)
        finite = finite.astype(bool)
        scale, counter = self.scale_value._arr, self.counter._arr
        raised = scale * self.scale_factor
        grown = jnp.where((counter == self.scale_window - 1) & jnp.isfinite(raised), raised, scale)
        lowered = jnp.maximum(jnp.ones((), scale.dtype), scale / self.scale_factor)
        assign(self.scale_value, wrap(jnp.where(finite, grown, lowered)))
        assign(self.counter, wrap(((counter + 1) % self.scale_window) * finite.astype(counter.dtype)))
        return True
