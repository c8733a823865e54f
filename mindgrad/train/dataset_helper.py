"""`mindspore.train.dataset_helper`: `DatasetHelper` iterates a dataset as tuples of Tensors (what `Model` feeds the
network); data sinking to a device queue has no JAX counterpart, so items are fed from the host either way."""

from __future__ import annotations

__all__ = ["DatasetHelper", "connect_network_with_dataset"]


class DatasetHelper:
    """`for inputs in DatasetHelper(dataset, dataset_sink_mode, sink_size, epoch_num): net(*inputs)`."""

    def __init__(self, dataset, dataset_sink_mode: bool = True, sink_size: int = -1, epoch_num: int = 1) -> None:
        if not isinstance(sink_size, int) or isinstance(sink_size, bool) or (sink_size <= 0 and sink_size != -1):
            raise ValueError(f"The 'sink_size' must be -1 or positive, but got sink_size {sink_size}.")
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
        """Nothing to stop: items are fed from the host."""

    def continue_send(self) -> None:
        """Nothing to resume: items are fed from the host."""

    def release(self) -> None:
        self._iter = None


def connect_network_with_dataset(network, dataset_helper):
    """The network itself: with host-fed data, a network needs no dataset-reading wrapper."""
    return network
