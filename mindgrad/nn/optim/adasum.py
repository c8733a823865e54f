"""`mindspore.nn.AdaSumByGradWrapCell` and `AdaSumByDeltaWeightWrapCell`.

MindSpore applies AdaSum only in a parallel mode over at least 16 devices (a power of 2); in `stand_alone` mode
both wrappers raise RuntimeError("Stand alone mode is not supported to apply adasum."), and so do these.
mindgrad runs on one process, so in a parallel mode they raise NotImplementedError instead of combining updates.
"""

from __future__ import annotations

from ... import context
from ..cell import Cell

__all__ = ["AdaSumByGradWrapCell", "AdaSumByDeltaWeightWrapCell"]


class _AdaSumWrapCell(Cell):
    def __init__(self, optimizer) -> None:
        super().__init__(auto_prefix=False)
        if context.get_auto_parallel_context("parallel_mode") == "stand_alone":
            raise RuntimeError("Stand alone mode is not supported to apply adasum.")
        raise NotImplementedError(f"mindgrad does not provide mindspore.nn.{type(self).__name__} (AdaSum across "
                                  f"16 or more devices) yet")


class AdaSumByGradWrapCell(_AdaSumWrapCell):
    """AdaSumByGradWrapCell(optimizer): AdaSum on the gradients (multi-device only)."""


class AdaSumByDeltaWeightWrapCell(_AdaSumWrapCell):
    """AdaSumByDeltaWeightWrapCell(optimizer): AdaSum on the weight deltas (multi-device only)."""
