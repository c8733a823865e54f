"""`mindspore.dataset.transforms.validators`: the argument checks of the transforms, as decorators."""

from __future__ import annotations

import functools
import inspect
from typing import Callable

__all__ = ["check_random_transform_ops"]


def check_random_transform_ops(method: Callable) -> Callable:
    """Check the `transforms` list (and the `prob` of RandomApply) of a `__init__` as MindSpore does for
    Compose, RandomChoice and RandomApply: a non-empty list of transform instances or callables, and a
    `prob` (the second argument, if any) of type float or int in [0, 1]."""
    signature = inspect.signature(method)

    @functools.wraps(method)
    def new_method(self, *args, **kwargs):
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        arg_list = list(bound.arguments.values())[1:]
        ops = arg_list[0]
        if not isinstance(ops, list):
            raise TypeError(f"Argument transforms list with value {ops} is not of type [{list}], but got "
                            f"{type(ops)}.")
        if not ops:
            raise ValueError("transforms list can not be empty.")
        for index, op in enumerate(ops):
            if not callable(op) and not hasattr(op, "parse"):
                raise TypeError(f"transforms[{index}] is neither a transforms op (TensorOperation) nor a callable "
                                f"pyfunc.")
            if isinstance(op, type):
                raise ValueError(f"op_list[{index}] should be a dataset processing operation instance, but got: {op}."
                                 f" It may be missing parentheses for instantiation.")
        if len(arg_list) == 2:
            prob = arg_list[1]
            if isinstance(prob, bool) or not isinstance(prob, (float, int)):
                raise TypeError(f"Argument prob with value {prob} is not of type [{float}, {int}], but got "
                                f"{type(prob)}.")
            if not 0 <= prob <= 1:
                raise ValueError("Input prob is not within the required interval of [0, 1].")
        return method(self, *args, **kwargs)

    return new_method
