"""`mindspore.nn.DistributedGradReducer`: the all-reduce of gradients across devices.

In mindgrad a data-parallel step is one program over global arrays, so the gradients it sees
are already the gradients of the global-batch mean loss: what MindSpore's reducer returns with
`mean=True`. With `mean=False` MindSpore sums the per-device gradients instead, which is
`degree` times that mean (degree defaults to the group size); so mindgrad multiplies by it.
Outside data parallelism (one device) the gradients pass unchanged, as in MindSpore.
"""

from __future__ import annotations

from ..cell import Cell

__all__ = ["DistributedGradReducer"]


class DistributedGradReducer(Cell):
    """DistributedGradReducer(parameters, mean=None, degree=None, fusion_type=1, group='hccl_world_group')."""

    def __init__(self, parameters, mean: bool | None = None, degree: int | None = None, fusion_type: int = 1,
                 group: str = "hccl_world_group") -> None:
        super().__init__(auto_prefix=False)
        from ...context import get_auto_parallel_context
        from ..._engine import parallel
        self.mean = get_auto_parallel_context("gradients_mean") if mean is None else mean
        if degree is not None and (not isinstance(degree, int) or isinstance(degree, bool) or degree <= 0):
            raise ValueError(f"For 'DistributedGradReducer', parameter 'degree' in DistributedGradReducer should large "
                             f"than 0 and be int, degree: {degree}.")
        self.degree = parallel.world_size() if degree is None else degree
        self.allreduce_filter = tuple(not p.layerwise_parallel for p in parameters)

    def construct(self, grads):
        from ...context import data_parallel
        if self.mean or not data_parallel() or self.degree == 1:
            return tuple(grads)
        return tuple(g * self.degree for g in grads)
from .pipeline import PipelineGradReducer  # noqa: E402,F401
