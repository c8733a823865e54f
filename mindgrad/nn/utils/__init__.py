"""`mindspore.nn.utils`: `no_init_parameters`.

MindSpore's `no_init_parameters()` marks Parameters created inside it (`Parameter.init_param = False`) so that
their initializer runs only when needed, typically replaced by a checkpoint load first. mindgrad Parameters are
JAX arrays made when created, so inside the context they are still initialized (the same values a later
`init_parameters_data()` gives in MindSpore); only the flag is mirrored. The saving is memory, not numbers.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ...common.parameter import Parameter

__all__ = ["no_init_parameters"]


@contextmanager
def no_init_parameters() -> Iterator[None]:
    """Set `Parameter.init_param` to False inside the block, back to True after it."""
    Parameter.init_param = False
    try:
        yield
    finally:
        Parameter.init_param = True
