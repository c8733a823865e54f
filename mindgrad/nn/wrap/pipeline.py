"""Pipeline-parallel wrappers with their one-stage (single-device) semantics, and `ParameterUpdate`.

On one device MindSpore's `PipelineCell(network, micro_size)` splits every input into `micro_size` equal
slices along axis 0 and returns the sum of `network` over them; `MicroBatchInterleaved` does the same with
`interleave_num` slices (starting the sum from 0.0). `PipelineGradReducer` returns its accumulated gradients
(`accu_grads`, zeros where no pipeline stage fills them) divided by `scale_sense` and zeroes them, or, with
`opt_shard`, the given gradients divided by `scale_sense` - what MindSpore computes on one stage.
"""

from __future__ import annotations

import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor, wrap
from ...ops.function.parameter_func import assign
from ..cell import Cell

__all__ = ["MicroBatchInterleaved", "ParameterUpdate", "PipelineCell", "PipelineGradReducer"]


def _micro_batch(inputs: tuple, index: int, count: int) -> tuple:
    out = []
    for x in inputs:
        rows = x.shape[0]
        if rows % count:
            raise ValueError(f"For micro batch initialization, the 0th dimension shape of input({rows}) must be "
                             f"divided by micro size({count})")
        size = rows // count
        out.append(x[size * index:size * (index + 1)])
    return tuple(out)


def _check_count(value, arg_name: str, cls_name: str) -> int:
    if not isinstance(value, int):
        raise TypeError(f"For '{cls_name}', the argument '{arg_name}' must be integer, but got the type : "
                        f"{type(value)}.")
    if value <= 0:
        raise ValueError(f"For '{cls_name}', the argument '{arg_name}' must be large than 0, but got {value}.")
    return value


class PipelineCell(Cell):
    """Sum of `network` over `micro_size` micro-batches; `stage_config` / `segment_config` map sub-cell names
    to a `pipeline_stage` / `pipeline_segment` attribute (a name not in `network` is a KeyError)."""

    def __init__(self, network, micro_size: int, stage_config: dict | None = None,
                 segment_config: dict | None = None) -> None:
        super().__init__(auto_prefix=False)
        if not isinstance(network, Cell):
            raise TypeError(f"For 'PipelineCell', the argument 'network' must cell type, but got the type : "
                            f"{type(network)}.")
        self.network = network
        self.micro_size = _check_count(micro_size, "micro_size", "PipelineCell")
        for attr, config, arg in (("pipeline_stage", stage_config, "stage_config"),
                                  ("pipeline_segment", segment_config, "segment_config")):
            left = dict(config or {})
            for name, cell in network.cells_and_names():
                if name and name in left:
                    setattr(cell, attr, left.pop(name))
            if str(network) in left:
                setattr(network, attr, left.pop(str(network)))
            if left:
                raise KeyError(f"For 'PipelineCell', the argument '{arg}' : {left} is not found in 'network' : "
                               f"{network}")

    def shard(self, *args, **kwargs):
        raise ValueError("For 'PipelineCell', no 'shard' on 'PipelineCell' is allowed.")

    def construct(self, *inputs):
        out = None
        for i in range(self.micro_size):
            y = self.network(*_micro_batch(inputs, i, self.micro_size))
            out = y if out is None else out + y
        return out


class MicroBatchInterleaved(Cell):
    """0.0 + the sum of `network` over `interleave_num` slices of the inputs along axis 0."""

    def __init__(self, network, interleave_num: int = 2) -> None:
        super().__init__(auto_prefix=False)
        self.interleave_num = _check_count(interleave_num, "interleave_num", "MicroBatchInterleaved")
        self.network = network

    def construct(self, *inputs):
        out = 0.0
        for i in range(self.interleave_num):
            out = self.network(*_micro_batch(inputs, i, self.interleave_num)) + out
        return out


class PipelineGradReducer(Cell):
    """Gradients divided by `scale_sense` (see the module docstring); `parameters` is a ParameterTuple."""

    def __init__(self, parameters, scale_sense: float = 1.0, opt_shard: bool | None = None) -> None:
        super().__init__(auto_prefix=False)
        self.accu_grads = parameters.clone(prefix="accu_grads", init="zeros")
        self.scale_sense = Parameter(scale_sense, name="scale_sense")
        self.degree = Tensor(1, mstype.float32)
        self.opt_shard = bool(opt_shard)  # None: mindgrad has no parallel optimizer, so False

    def construct(self, grads) -> tuple:
        scale = self.scale_sense._arr * self.degree._arr
        out = []
        for grad, accu in zip(grads, self.accu_grads, strict=True):
            source = grad._arr if self.opt_shard else accu._arr
            out.append(wrap(source * jnp.reciprocal(scale).astype(source.dtype)))
            accu.set_data(wrap(jnp.zeros_like(accu._arr)))
        return tuple(out)


class ParameterUpdate(Cell):
    """Assigns its input to `param` and returns the input."""

    def __init__(self, param) -> None:
        super().__init__(auto_prefix=False)
        if not isinstance(param, Parameter):
            raise TypeError(f"For 'ParameterUpdate', 'param' must be 'Parameter', but got {type(param)}.")
        self._param = param

    def construct(self, x):
        assign(self._param, x)
        return x
