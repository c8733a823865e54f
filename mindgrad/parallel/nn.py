"""`mindspore.parallel.nn`: the micro-batch wrappers of MindSpore's pipeline and gradient-accumulation training.
Each splits its inputs into `micro_size` slices along the batch dimension, runs the network on each and returns the
sum of the outputs (MindSpore's result; its stage placement has no meaning on one JAX program)."""

from __future__ import annotations

from ..common.tensor import Tensor
from ..nn.cell import Cell

__all__ = ["Pipeline", "GradAccumulation", "MicroBatchInterleaved"]


class _MicroBatches(Cell):
    def __init__(self, network: Cell, micro_size: int) -> None:
        super().__init__(auto_prefix=False)
        if not isinstance(micro_size, int) or isinstance(micro_size, bool) or micro_size <= 0:
            raise ValueError(f"For '{type(self).__name__}', the micro size should be a positive int, but got "
                             f"{micro_size!r}.")
        self.network = network
        self.micro_size = micro_size

    def construct(self, *inputs):
        out = None
        for k in range(self.micro_size):
            part = []
            for x in inputs:
                if isinstance(x, Tensor) and x.ndim:
                    n = x.shape[0] // self.micro_size
                    x = x[k * n:(k + 1) * n]
                part.append(x)
            y = self.network(*part)
            out = y if out is None else out + y
        return out


class Pipeline(_MicroBatches):
    """`Pipeline(network, micro_size, stage_config=None)`."""

    def __init__(self, network: Cell, micro_size: int, stage_config=None) -> None:
        super().__init__(network, micro_size)
        self.stage_config = stage_config


class GradAccumulation(_MicroBatches):
    """`GradAccumulation(network, micro_size)`."""


class MicroBatchInterleaved(_MicroBatches):
    """`MicroBatchInterleaved(network, interleave_num=2)`."""

    def __init__(self, network: Cell, interleave_num: int = 2) -> None:
        super().__init__(network, interleave_num)
