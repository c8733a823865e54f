"""`mindspore.nn.DistributedGradReducer`: the all-reduce of gradients across devices.

mindgrad runs on one device, where MindSpore's reducer returns the gradients unchanged
(a sum over one device, times 1 / degree with degree 1); so does this one.
"""

from __future__ import annotations

from ..cell import Cell

__all__ = ["DistributedGradReducer"]


class DistributedGradReducer(Cell):
    """DistributedGradReducer(parameters, mean=None, degree=None, fusion_type=1, group='hccl_world_group')."""

    def __init__(self, parameters, mean: bool | None = None, degree: int | None = None, fusion_type: int = 1,
                 group: str = "hccl_world_group") -> None:
        super().__init__(auto_prefix=False)
        self.mean = False if mean is None else mean
        if degree is not None and (not isinstance(degree, int) or isinstance(degree, bool) or degree <= 0):
            raise ValueError(f"For 'DistributedGradReducer', parameter 'degree' in DistributedGradReducer should large "
                             f"than 0 and be int, degree: {degree}.")
        self.degree = 1 if degree is None else degree
        self.allreduce_filter = tuple(not p.layerwise_parallel for p in parameters)

    def construct(self, grads):
        return tuple(grads)
