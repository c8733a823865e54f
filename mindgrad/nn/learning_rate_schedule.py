"""Learning-rate schedules as Cells (`mindspore.nn.learning_rate_schedule`).

Each maps a `global_step` Tensor (Int32) to a Float32 learning rate of the same shape, computed in
Float32 with MindSpore's formulas (CosineDecayLR uses sin(pi * (p / steps + 0.5)) as MindSpore
does). An Optimizer given one calls it with its `global_step` before each update.
"""

from __future__ import annotations

import math

import jax.numpy as jnp

from ..common.tensor import Tensor, wrap
from . import _validator as V
from .cell import Cell

__all__ = ["LearningRateSchedule", "ExponentialDecayLR", "NaturalExpDecayLR", "InverseDecayLR", "CosineDecayLR",
           "PolynomialDecayLR", "WarmUpLR"]

_F32 = jnp.float32


def _step(global_step) -> jnp.ndarray:
    if not isinstance(global_step, Tensor):
        raise TypeError(f"For 'LearningRateSchedule', the 'global_step' must be a Tensor, but got "
                        f"{type(global_step).__name__}.")
    return global_step._arr


def _f32(value) -> jnp.ndarray:
    return jnp.asarray(value, _F32)


class LearningRateSchedule(Cell):
    """Base class: `construct(global_step)` returns the learning rate of that step."""

    def construct(self, global_step):
        raise NotImplementedError


def _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, cls_name: str) -> None:
    V.check_positive_int(decay_steps, "decay_steps", cls_name)
    V.check_positive_float(learning_rate, "learning_rate", cls_name)
    V.check_is_float(learning_rate, "learning_rate", cls_name)
    V.check_positive_float(decay_rate, "decay_rate", cls_name)
    V.check_is_float(decay_rate, "decay_rate", cls_name)
    V.check_value_type("is_stair", is_stair, [bool], cls_name)


class ExponentialDecayLR(LearningRateSchedule):
    """lr * decay_rate ** (step / decay_steps), the exponent floored when `is_stair`."""

    def __init__(self, learning_rate: float, decay_rate: float, decay_steps: int, is_stair: bool = False) -> None:
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate = learning_rate
        self.decay_rate = decay_rate
        self.decay_steps = decay_steps
        self.is_stair = is_stair

    def construct(self, global_step: Tensor) -> Tensor:
        p = _step(global_step).astype(_F32) / _f32(self.decay_steps)
        if self.is_stair:
            p = jnp.floor(p)
        return wrap(_f32(self.learning_rate) * jnp.power(_f32(self.decay_rate), p))


class NaturalExpDecayLR(LearningRateSchedule):
    """lr * e ** (-decay_rate * step), the step floored to a multiple of decay_steps when `is_stair`."""

    def __init__(self, learning_rate: float, decay_rate: float, decay_steps: int, is_stair: bool = False) -> None:
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate = learning_rate
        self.decay_rate = decay_rate
        self.decay_steps = decay_steps
        self.is_stair = is_stair
        self.math_e = math.e

    def construct(self, global_step: Tensor) -> Tensor:
        p = _step(global_step).astype(_F32)
        if self.is_stair:
            p = jnp.floor(p / _f32(self.decay_steps)) * _f32(self.decay_steps)
        return wrap(_f32(self.learning_rate) * jnp.power(_f32(self.math_e), _f32(-self.decay_rate) * p))


class InverseDecayLR(LearningRateSchedule):
    """lr / (1 + decay_rate * step / decay_steps), the ratio floored when `is_stair`."""

    def __init__(self, learning_rate: float, decay_rate: float, decay_steps: int, is_stair: bool = False) -> None:
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate = learning_rate
        self.decay_rate = decay_rate
        self.decay_steps = decay_steps
        self.is_stair = is_stair

    def construct(self, global_step: Tensor) -> Tensor:
        p = _step(global_step).astype(_F32) / _f32(self.decay_steps)
        if self.is_stair:
            p = jnp.floor(p)
        return wrap(_f32(self.learning_rate) / (1 + _f32(self.decay_rate) * p))


class CosineDecayLR(LearningRateSchedule):
    """min_lr + 0.5 (max_lr - min_lr) (1 + cos(pi * min(step, decay_steps) / decay_steps))."""

    def __init__(self, min_lr: float, max_lr: float, decay_steps: int) -> None:
        super().__init__()
        if not isinstance(min_lr, float):
            raise TypeError(f"For 'CosineDecayLR', the argument 'min_lr' must be type of float, but got 'min_lr' "
                            f"type: {type(min_lr)}.")
        V.check_non_negative_float(min_lr, "min_lr", self.cls_name)
        V.check_positive_float(max_lr, "max_lr", self.cls_name)
        V.check_is_float(max_lr, "max_lr", self.cls_name)
        V.check_positive_int(decay_steps, "decay_steps", self.cls_name)
        if min_lr >= max_lr:
            raise ValueError(f"For 'CosineDecayLR', the 'max_lr' must be greater than the 'min_lr', but got 'max_lr' "
                             f"value: {max_lr}, 'min_lr' value: {min_lr}.")
        self.min_lr = min_lr
        self.max_lr = max_lr
        self.decay_steps = decay_steps
        self.math_pi = math.pi
        self.delta = 0.5 * (max_lr - min_lr)

    def construct(self, global_step: Tensor) -> Tensor:
        step = _step(global_step)
        p = jnp.minimum(step, jnp.asarray(self.decay_steps, step.dtype)).astype(_F32)
        angle = _f32(self.math_pi) * (p / _f32(self.decay_steps) + _f32(0.5))
        return wrap(_f32(self.min_lr) + _f32(self.delta) * (_f32(1.0) + jnp.sin(angle)))


class PolynomialDecayLR(LearningRateSchedule):
    """(lr - end_lr) * (1 - step / decay_steps) ** power + end_lr, the step capped at decay_steps (or
    decay_steps multiplied up past the step when `update_decay_steps`)."""

    def __init__(self, learning_rate: float, end_learning_rate: float, decay_steps: int, power: float,
                 update_decay_steps: bool = False) -> None:
        super().__init__()
        V.check_positive_float(learning_rate, "learning_rate")
        V.check_is_float(learning_rate, "learning_rate")
        if not isinstance(end_learning_rate, float):
            raise TypeError(f"For 'PolynomialDecayLR', the argument 'end_learning_rate' must be type of float, but "
                            f"got 'end_learning_rate' type: {type(end_learning_rate)}.")
        V.check_non_negative_float(end_learning_rate, "end_learning_rate", self.cls_name)
        V.check_positive_int(decay_steps, "decay_steps", self.cls_name)
        V.check_value_type("update_decay_steps", update_decay_steps, [bool], self.cls_name)
        V.check_positive_float(power, "power", self.cls_name)
        V.check_is_float(power, "power", self.cls_name)
        self.decay_steps = decay_steps
        self.start_learning_rate = learning_rate
        self.end_learning_rate = end_learning_rate
        self.diff_learning_rate = learning_rate - end_learning_rate
        self.power = power
        self.update_decay_steps = update_decay_steps

    def construct(self, global_step: Tensor) -> Tensor:
        step = _step(global_step).astype(_F32)
        decay = _f32(self.decay_steps)
        if self.update_decay_steps:
            decay = decay * jnp.maximum(jnp.ceil(step / decay), _f32(1))
        else:
            step = jnp.minimum(step, decay)
        p = step / decay
        return wrap(_f32(self.diff_learning_rate) * jnp.power(_f32(1.0) - p, _f32(self.power))
                    + _f32(self.end_learning_rate))


class WarmUpLR(LearningRateSchedule):
    """lr * min(step, warmup_steps) / warmup_steps."""

    def __init__(self, learning_rate: float, warmup_steps: int) -> None:
        super().__init__()
        if not isinstance(learning_rate, float):
            raise TypeError(f"For 'WarmUpLR', the argument 'learning_rate' must be type of float, but got "
                            f"'learning_rate' type: {type(learning_rate)}.")
        V.check_non_negative_float(learning_rate, "learning_rate", self.cls_name)
        V.check_positive_int(warmup_steps, "warmup_steps", self.cls_name)
        self.warmup_steps = warmup_steps
        self.learning_rate = learning_rate

    def construct(self, global_step: Tensor) -> Tensor:
        step = _step(global_step)
        percent = jnp.minimum(step, jnp.asarray(self.warmup_steps, step.dtype)).astype(_F32) / _f32(self.warmup_steps)
        return wrap(_f32(self.learning_rate) * percent)
