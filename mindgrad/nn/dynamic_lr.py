"""Per-step learning-rate lists (`mindspore.nn.dynamic_lr`), computed in Python floats as MindSpore does.

Each returns a list with one learning rate per step, to pass as an Optimizer's `learning_rate`.
"""

from __future__ import annotations

import math

from . import _validator as V

__all__ = ["piecewise_constant_lr", "exponential_decay_lr", "natural_exp_decay_lr", "inverse_decay_lr",
           "cosine_decay_lr", "polynomial_decay_lr", "warmup_lr"]


def piecewise_constant_lr(milestone: list | tuple, learning_rates: list | tuple) -> list:
    """`learning_rates[i]` for the steps before `milestone[i]` (milestones increasing)."""
    V.check_value_type("milestone", milestone, (tuple, list))
    V.check_value_type("learning_rates", learning_rates, (tuple, list))
    if len(milestone) != len(learning_rates):
        raise ValueError(f"For 'piecewise_constant_lr', the size of 'milestone' must be same with the size of "
                         f"'learning_rates', but got 'milestone' size: {len(milestone)}, 'learning_rates' size: "
                         f"{len(learning_rates)}.")
    lr: list = []
    last_item = 0
    for i, item in enumerate(milestone):
        V.check_positive_int(item, f"milestone[{i}]")
        V.check_is_float(learning_rates[i], f"learning_rates[{i}]")
        if item < last_item:
            raise ValueError(f"For 'piecewise_constant_lr', the value of milestone[{i}] must be greater than "
                             f"milestone[{i - 1}], but got milestone[{i}]: {milestone[i]}, milestone[{i - 1}]: "
                             f"{milestone[i - 1]}.")
        lr += [learning_rates[i]] * (item - last_item)
        last_item = item
    return lr


def _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair) -> None:
    V.check_positive_int(total_step, "total_step")
    V.check_positive_int(step_per_epoch, "step_per_epoch")
    V.check_positive_int(decay_epoch, "decay_epoch")
    V.check_positive_float(learning_rate, "learning_rate")
    V.check_is_float(learning_rate, "learning_rate")
    V.check_positive_float(decay_rate, "decay_rate")
    V.check_is_float(decay_rate, "decay_rate")
    V.check_value_type("is_stair", is_stair, [bool])


def exponential_decay_lr(learning_rate: float, decay_rate: float, total_step: int, step_per_epoch: int,
                         decay_epoch: int, is_stair: bool = False) -> list:
    """lr * decay_rate ** (epoch / decay_epoch) per step (the exponent floored when `is_stair`)."""
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        exponent = math.floor(epoch / decay_epoch) if is_stair else epoch / decay_epoch
        lr.append(learning_rate * decay_rate ** exponent)
    return lr


def natural_exp_decay_lr(learning_rate: float, decay_rate: float, total_step: int, step_per_epoch: int,
                         decay_epoch: int, is_stair: bool = False) -> list:
    """lr * e ** (-decay_rate * epoch) per step (epoch floored to a multiple of decay_epoch when `is_stair`)."""
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        if is_stair:
            epoch = math.floor(epoch / decay_epoch) * decay_epoch
        lr.append(learning_rate * math.e ** (-decay_rate * epoch))
    return lr


def inverse_decay_lr(learning_rate: float, decay_rate: float, total_step: int, step_per_epoch: int,
                     decay_epoch: int, is_stair: bool = False) -> list:
    """lr / (1 + decay_rate * epoch / decay_epoch) per step (the ratio floored when `is_stair`)."""
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        if is_stair:
            lr.append(learning_rate / (1 + decay_rate * math.floor(epoch / decay_epoch)))
        else:
            lr.append(learning_rate / (1 + decay_rate * epoch / decay_epoch))
    return lr


def cosine_decay_lr(min_lr: float, max_lr: float, total_step: int, step_per_epoch: int, decay_epoch: int) -> list:
    """min_lr + 0.5 (max_lr - min_lr) (1 + cos(pi * min(epoch, decay_epoch) / decay_epoch)) per step."""
    if not isinstance(min_lr, float):
        raise TypeError(f"For 'cosine_decay_lr', the argument 'min_lr' must be type of float, but got 'min_lr' type: "
                        f"{type(min_lr)}.")
    V.check_non_negative_float(min_lr, "min_lr", None)
    V.check_positive_float(max_lr, "max_lr")
    V.check_is_float(max_lr, "max_lr")
    V.check_positive_int(total_step, "total_step")
    V.check_positive_int(step_per_epoch, "step_per_epoch")
    V.check_positive_int(decay_epoch, "decay_epoch")
    if min_lr >= max_lr:
        raise ValueError(f"For 'cosine_decay_lr', the 'max_lr' must be greater than the 'min_lr', but got 'max_lr' "
                         f"value: {max_lr}, 'min_lr' value: {min_lr}.")
    delta = 0.5 * (max_lr - min_lr)
    lr = []
    for i in range(total_step):
        epoch = min(math.floor(i / step_per_epoch), decay_epoch)
        lr.append(min_lr + delta * (1 + math.cos(math.pi * epoch / decay_epoch)))
    return lr


def polynomial_decay_lr(learning_rate: float, end_learning_rate: float, total_step: int, step_per_epoch: int,
                        decay_epoch: int, power: float, update_decay_epoch: bool = False) -> list:
    """(lr - end_lr) * (1 - epoch / decay_epoch) ** power + end_lr per step."""
    V.check_positive_float(learning_rate, "learning_rate")
    V.check_is_float(learning_rate, "learning_rate")
    if not isinstance(end_learning_rate, float):
        raise TypeError(f"For 'polynomial_decay_lr', the argument 'end_learning_rate' must be type of float, but got "
                        f"'end_learning_rate' type: {type(end_learning_rate)}.")
    V.check_non_negative_float(end_learning_rate, "end_learning_rate", None)
    V.check_positive_float(power, "power")
    V.check_is_float(power, "power")
    V.check_positive_int(total_step, "total_step")
    V.check_positive_int(step_per_epoch, "step_per_epoch")
    V.check_positive_int(decay_epoch, "decay_epoch")
    V.check_value_type("update_decay_epoch", update_decay_epoch, [bool])
    origin_decay_epoch = decay_epoch
    delta = learning_rate - end_learning_rate
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        if update_decay_epoch:
            decay_epoch = origin_decay_epoch * max(math.ceil(epoch / origin_decay_epoch), 1)
            tmp_epoch = epoch
        else:
            tmp_epoch = min(decay_epoch, epoch)
        lr.append(delta * (1 - tmp_epoch / decay_epoch) ** power + end_learning_rate)
    return lr


def warmup_lr(learning_rate: float, total_step: int, step_per_epoch: int, warmup_epoch: int) -> list:
    """lr * min(epoch, warmup_epoch) / warmup_epoch per step."""
    if not isinstance(learning_rate, float):
        raise TypeError(f"For 'warmup_lr', the argument 'learning_rate' must be type of float, but got "
                        f"'learning_rate' type: {type(learning_rate)}.")
    V.check_non_negative_float(learning_rate, "learning_rate", None)
    V.check_positive_int(warmup_epoch, "warmup_epoch")
    V.check_positive_int(total_step, "total_step")
    V.check_positive_int(step_per_epoch, "step_per_epoch")
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        lr.append(learning_rate * min(warmup_epoch, epoch) / warmup_epoch)
    return lr
