"""`mindspore.boost`: gradient accumulation (`GradientAccumulation`); MindSpore's other Ascend training
accelerations (`AutoBoost`, `LessBN`, `GradientFreeze`, `AdaSum`, `DimReduce`) are not provided yet."""

from . import grad_accumulation
from .grad_accumulation import GradientAccumulation

__all__ = ["GradientAccumulation", "grad_accumulation"]
