"""`mindspore.parallel`: the names parallel MindSpore scripts call, on mindgrad's data parallelism over JAX devices.

mindgrad runs one program on every JAX device with the batch split across them (`ms.set_auto_parallel_context(
parallel_mode=ParallelMode.DATA_PARALLEL)`, `mindgrad.communication`); MindSpore's operator-level sharding plans
(`shard`, `Layout`, strategy search parameters) are accepted and recorded, and the program runs data-parallel.
"""

from __future__ import annotations

from collections.abc import Callable

from ..train._serialization_more import build_searched_strategy, merge_sliced_parameter
from ..train._dist_ckpt import load_distributed_checkpoint  # noqa: F401 - one process, ops17
from . import auto_parallel, nn
from .auto_parallel import AutoParallel

__all__ = ["set_algo_parameters", "get_algo_parameters", "reset_algo_parameters", "Layout", "shard",
           "AutoParallel", "build_searched_strategy", "merge_sliced_parameter", "load_distributed_checkpoint",
           "sync_pipeline_shared_parameters"]

_ALGO_DEFAULTS = {"fully_use_devices": True, "elementwise_op_strategy_follow": False,
                  "enable_algo_approxi": False, "algo_approxi_epsilon": 0.1, "tensor_slice_align_enable": False,
                  "tensor_slice_align_size": 16}
_algo = dict(_ALGO_DEFAULTS)


def set_algo_parameters(**kwargs) -> None:
    """Record the strategy-search parameters (unknown names raise ValueError, as in MindSpore)."""
    for key in kwargs:
        if key not in _ALGO_DEFAULTS:
            raise ValueError(f"Set context keyword {key} is not recognized!")
    _algo.update(kwargs)


def get_algo_parameters(attr_key: str):
    if attr_key not in _ALGO_DEFAULTS:
        raise ValueError(f"Get context keyword {attr_key} is not recognized!")
    return _algo[attr_key]


def reset_algo_parameters() -> None:
    _algo.clear()
    _algo.update(_ALGO_DEFAULTS)


class Layout:
    """A device matrix with axis names; `layout("dp", "mp")` describes how a Tensor's dimensions map onto it."""

    def __init__(self, device_matrix: tuple, alias_name: tuple, rank_list=None) -> None:
        if len(device_matrix) != len(alias_name):
            raise ValueError(f"The length of 'device_matrix' {len(device_matrix)} should equal the length of "
                             f"'alias_name' {len(alias_name)}.")
        self._device_shape = tuple(device_matrix)
        self._alias_name = tuple(alias_name)
        self._tensor_map = None

    def __call__(self, *tensor_map) -> Layout:
        for name in tensor_map:
            for n in (name if isinstance(name, tuple) else (name,)):
                if n != "None" and n not in self._alias_name:
                    raise ValueError(f"The tensor_map name {n!r} is not in the alias_name {self._alias_name}.")
        new = Layout(self._device_shape, self._alias_name)
        new._tensor_map = tensor_map
        return new

    def to_dict(self) -> dict:
        return {"device_matrix": self._device_shape, "alias_name": self._alias_name, "tensor_map": self._tensor_map}


def shard(fn: Callable, in_strategy, out_strategy=None, parameter_plan=None, device: str = "Ascend",
          level: int = 0) -> Callable:
    """Record the sharding plan on `fn` and return it; the program runs data-parallel."""
    try:
        fn.in_strategy, fn.out_strategy = in_strategy, out_strategy
    except AttributeError:
        pass
    return fn


def sync_pipeline_shared_parameters(net) -> None:
    """Nothing to synchronise: mindgrad runs no pipeline stages (`net` must be a Cell, as in MindSpore)."""
    if not isinstance(net, nn.Cell):
        raise TypeError(f"For 'sync_pipeline_shared_parameters', the argument 'net' should be a Cell, but got "
                        f"{type(net)}.")
