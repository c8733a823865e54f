"""`mindspore.train.dataset_helper`: `DatasetHelper` iterates a dataset as tuples of Tensors (what `Model` feeds the
network), and the feeding behind `Model`'s data sinking: rows of the dataset read without end (a sink crosses the
dataset's epochs as MindSpore's device queue does), in chunks of `sink_size` rows stacked per column."""

from __future__ import annotations

import itertools
from typing import Iterator

import numpy as np

from .._engine.sink import stack_runs, to_device
from ..common.tensor import wrap
from ..dataset.engine import _to_output

__all__ = ["DatasetHelper", "connect_network_with_dataset"]


def check_bool(value) -> None:
    """MindSpore's check of a bool argument (`dataset_sink_mode`)."""
    if not isinstance(value, bool):
        raise TypeError(f"The input value must be a bool, but got {type(value).__name__}.")


def check_sink_size(sink_size, message: str) -> None:
    """MindSpore's checks of `sink_size`: an int (TypeError), then -1 or positive (ValueError with `message`)."""
    if not isinstance(sink_size, int) or isinstance(sink_size, bool):
        raise TypeError(f"The type of input value must be 'int', but got '{type(sink_size).__name__}'.")
    if sink_size < -1 or sink_size == 0:
        raise ValueError(message.format(sink_size))


def endless_rows(dataset) -> Iterator[list]:
    """The dataset's rows as NumPy arrays, epoch after epoch, without end."""
    iterator = dataset.create_tuple_iterator(num_epochs=-1, output_numpy=True)
    while True:
        empty = True
        for row in iterator:
            empty = False
            yield row
        if empty:
            return


def chunks(rows: Iterator[list], size: int, count: int | None = None) -> Iterator[list]:
    """`count` chunks (all when None) of `size` rows each, the last shorter where `rows` ends (and never read
    again: a dataset iterator would start its next epoch)."""
    for _ in itertools.repeat(None) if count is None else range(count):
        chunk = list(itertools.islice(rows, size))
        if chunk:
            yield chunk
        if len(chunk) < size:
            return


def device_chunks(chunks: list) -> list[tuple[list, list]]:
    """Per chunk of rows: (the rows, the same rows on the device: runs of equal shapes, each stacked per column)."""
    return [(rows, stack_runs(rows)) for rows in chunks]


_LAYOUTS: set = set()  # the shapes and dtypes of the groups of rows `to_device` moved (one compile each)
_MAX_LAYOUTS = 16      # beyond, rows of shapes seen for the first time are moved one array at a time


def as_tensors(rows: list) -> list[tuple]:
    """Rows as the tuples of Tensors the iterator gives; rows of numbers put on the device in one call."""
    arrays = [a for row in rows for a in row]
    if all(isinstance(a, np.ndarray) and a.dtype.kind in "biufc" for a in arrays):
        layout = tuple((a.shape, a.dtype.str) for a in arrays)
        if layout in _LAYOUTS or len(_LAYOUTS) < _MAX_LAYOUTS:
            _LAYOUTS.add(layout)
            moved = iter(to_device(*arrays))
            return [tuple(wrap(next(moved)) for _ in row) for row in rows]
    return [tuple(_to_output(a, False) for a in row) for row in rows]


class DatasetHelper:
    """`for inputs in DatasetHelper(dataset, dataset_sink_mode, sink_size, epoch_num): net(*inputs)`."""

    def __init__(self, dataset, dataset_sink_mode: bool = True, sink_size: int = -1, epoch_num: int = 1) -> None:
        check_bool(dataset_sink_mode)
        check_sink_size(sink_size, "The 'sink_size' must be -1 or positive, but got sink_size {}.")
        self.dataset = dataset
        self.dataset_sink_mode = dataset_sink_mode
        self._sink_size = sink_size
        self.epoch_num = epoch_num
        self._iter = None

    def __iter__(self):
        if self._iter is None:
            self._iter = self.dataset.create_tuple_iterator(num_epochs=self.epoch_num)
        count = self.sink_size() if self.dataset_sink_mode else None
        for k, item in enumerate(self._iter):
            yield tuple(item)
            if count is not None and k + 1 >= count:
                return

    def __len__(self) -> int:
        return self.sink_size() if self.dataset_sink_mode else self.dataset.get_dataset_size()

    def sink_size(self) -> int:
        """Steps per sink: `sink_size`, or the dataset's size when -1."""
        return self.dataset.get_dataset_size() if self._sink_size == -1 else self._sink_size

    def types_shapes(self) -> tuple:
        first = next(iter(self.dataset.create_tuple_iterator(num_epochs=1)))
        return [t.dtype for t in first], [t.shape for t in first]

    def get_data_info(self) -> tuple:
        return self.types_shapes()

    def stop_send(self) -> None:
        """Nothing to stop: `Model` reads the rows itself."""

    def continue_send(self) -> None:
        """Nothing to resume: `Model` reads the rows itself."""

    def release(self) -> None:
        self._iter = None


def connect_network_with_dataset(network, dataset_helper):
    """The network itself: `Model` feeds it the rows, so it needs no dataset-reading wrapper."""
    return network
