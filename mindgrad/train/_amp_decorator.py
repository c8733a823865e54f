"""`mindspore.train.amp.AmpDecorator`: the context manager MindSpore pushes an amp strategy with around a
network's run (`with AmpDecorator(amp_level, amp_dtype, white_list, black_list): ...`).

mindgrad's levels are names ('O0'-'O3', 'auto'; MindSpore passes its C++ `AmpLevel` enum, whose 'AmpAuto'
is recognised by name too). Under 'auto' the block runs with mindgrad's auto-level casts of functional ops
active for `amp_dtype` (`mindgrad.amp._autocast`, MindSpore's auto lists); other levels cast nothing
inside the block. `white_list` and `black_list` are kept as given: the casts follow MindSpore's lists.
"""

from __future__ import annotations

from typing import Any

from ..amp._autocast import autocast_ops

__all__ = ["AmpDecorator"]


class AmpDecorator:
    """Auto mixed precision over a block; lists are `[(primitive name, [input indices]), ...]`."""

    def __init__(self, amp_level, amp_dtype, white_list, black_list) -> None:
        self.amp_level = amp_level
        self.amp_dtype = amp_dtype
        self.white_list = white_list
        self.black_list = black_list
        self._active: autocast_ops | None = None

    def __enter__(self) -> None:
        level = getattr(self.amp_level, "name", self.amp_level)
        if level in ("auto", "AmpAuto"):
            self._active = autocast_ops(self.amp_dtype)
            self._active.__enter__()

    def __exit__(self, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        if self._active is not None:
            self._active.__exit__(exc_type, exc_val, exc_tb)
            self._active = None
