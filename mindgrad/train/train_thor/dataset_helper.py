"""`mindspore.train.train_thor.dataset_helper`: THOR's `DatasetHelper`, which also takes `iter_first_order`.

As MindSpore's GPU path: one batch per iteration, `sink_size` of them per sink (`iter_first_order`, the first-order
steps of a THOR cycle, only changes Ascend's loop sink)."""

from __future__ import annotations

from .. import dataset_helper as _base

__all__ = ["DatasetHelper"]


class DatasetHelper(_base.DatasetHelper):
    """`DatasetHelper(dataset, dataset_sink_mode=True, sink_size=-1, epoch_num=1, iter_first_order=1)`."""

    def __init__(self, dataset, dataset_sink_mode: bool = True, sink_size: int = -1, epoch_num: int = 1,
                 iter_first_order: int = 1) -> None:
        super().__init__(dataset, dataset_sink_mode, sink_size, epoch_num)
        self.iter_first_order = iter_first_order
