"""`opt_init_args_register`: records an optimizer's constructor arguments, as MindSpore's decorator does."""

from __future__ import annotations

import functools
import inspect

from ...common.tensor import Tensor
from ..cell import Cell

__all__ = ["opt_init_args_register"]


def opt_init_args_register(fn):
    """Wrap an optimizer `__init__`: before it runs, set `init_params` ({'params': ...}), `init_learning_rate`
    (None for a schedule Cell, a list for a Tensor) and `init_args` (the other bound arguments, defaults applied)."""

    @functools.wraps(fn)
    def deco(self, *args, **kwargs):
        arguments = inspect.signature(fn).bind(self, *args, **kwargs)
        arguments.apply_defaults()
        values = dict(arguments.arguments)
        values.pop("self")
        if "params" in values:
            self.init_params = {"params": values.pop("params")}
        if "optimizer" in values:
            self.init_params = {"params": values.pop("optimizer").init_params["params"]}
        if "learning_rate" in values:
            lr = values.pop("learning_rate")
            if isinstance(lr, Tensor):
                lr = lr.asnumpy().tolist()
            self.init_learning_rate = None if isinstance(lr, Cell) else lr
        self.init_args = values
        fn(self, *args, **kwargs)

    return deco
