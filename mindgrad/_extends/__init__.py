"""`mindspore._extends`: `cell_attr_register`, the decorator built-in Cells' `__init__` use."""

from __future__ import annotations

import functools
import inspect
from typing import Callable

__all__ = ["cell_attr_register"]


def cell_attr_register(fn: Callable | None = None, attrs: list | str | None = None):
    """Decorate a Cell's `__init__`: after it runs, `cell_init_args` records the class name and the
    arguments it was given (`attrs=None`), or the values of the attributes named in `attrs`."""

    def decorate(init: Callable) -> Callable:
        @functools.wraps(init)
        def wrapper(self, *args, **kwargs):
            given = inspect.signature(init).bind(self, *args, **kwargs).arguments
            init(self, *args, **kwargs)
            if attrs is None:
                given.pop("self")
                recorded = given.values()
            elif isinstance(attrs, list):
                for item in attrs:
                    if not isinstance(item, str):
                        raise ValueError("attr must be a string")
                recorded = [getattr(self, item) for item in attrs if hasattr(self, item)]
            elif isinstance(attrs, str):
                recorded = getattr(self, attrs) if hasattr(self, attrs) else []
            else:
                raise ValueError("attrs must be list or string")
            self.cell_init_args = type(self).__name__ + str(recorded)

        return wrapper

    return decorate(fn) if fn is not None else decorate
