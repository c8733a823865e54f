"""`mindspore.dataset`'s pipeline: sources, `batch`, `shuffle`, `map`, `repeat`, and iterators.

A pipeline is a chain of nodes; each yields rows (tuples of NumPy arrays, one per column) for one
epoch at a time, in the calling thread. As in MindSpore: Python scalars from a source become
NumPy arrays (int -> int64, float -> float64); random-access sources (and NumpySlicesDataset)
are shuffled by default, generator functions are not and cannot be sharded; shard `k` of `n`
takes rows `k, k+n, ...`, wrapping around so every shard has `ceil(rows / n)`; `map` runs its
operations in order on `input_columns` (default: the first column) and puts `output_columns` in
place when their number is the same, else first, followed by the untouched columns;
iterators give Tensors (or NumPy arrays with `output_numpy=True`), an iterator can be run for
`num_epochs` epochs (-1: any number), and `get_dataset_size` counts batches.

Shuffled orders are seeded by `dataset.config` and are not MindSpore's: a script that shuffles
sees other batches than under MindSpore.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ..common.tensor import Tensor
from . import config

__all__ = ["Dataset", "GeneratorDataset", "NumpySlicesDataset", "BatchInfo"]

Row = tuple


def _as_array(value) -> np.ndarray:
    if isinstance(value, Tensor):
        return value.asnumpy()
    return np.asarray(value)


def _row(item) -> Row:
    if isinstance(item, (tuple, list)):
        return tuple(_as_array(v) for v in item)
    return (_as_array(item),)


def _names(columns, what: str) -> list[str] | None:
    if columns is None:
        return None
    columns = [columns] if isinstance(columns, str) else list(columns)
    if not columns or not all(isinstance(c, str) and c for c in columns):
        raise TypeError(f"Argument {what} with value {columns} is not of type [<class 'str'>, <class 'list'>] or "
                        f"contains an empty name.")
    return columns


def _shard_indices(n: int, num_shards: int | None, shard_id: int | None) -> list[int]:
    if num_shards is None:
        return list(range(n))
    per_shard = math.ceil(n / num_shards)
    return [(shard_id + j * num_shards) % n for j in range(per_shard)] if n else []


def _check_shards(num_shards, shard_id) -> None:
    if (num_shards is None) != (shard_id is None):
        raise RuntimeError("num_shards and shard_id need to be set or not set at the same time")
    if num_shards is not None:
        if not isinstance(num_shards, int) or num_shards <= 0:
            raise ValueError(f"Input num_shards is not within the required interval of [1, 2147483647], but got "
                             f"{num_shards}.")
        if not isinstance(shard_id, int) or not 0 <= shard_id < num_shards:
            raise ValueError(f"Input shard_id is not within the required interval of [0, {num_shards - 1}], but got "
                             f"{shard_id}.")


class BatchInfo:
    """What `batch`'s `per_batch_map` receives last: the batch number in this epoch and the epoch number."""

    def __init__(self, batch_num: int, epoch_num: int) -> None:
        self._batch_num = batch_num
        self._epoch_num = epoch_num

    def get_batch_num(self) -> int:
        return self._batch_num

    def get_epoch_num(self) -> int:
        return self._epoch_num


class Dataset:
    """A node of a pipeline (MindSpore's `mindspore.dataset.Dataset`)."""

    def __init__(self, child: Dataset | None = None) -> None:
        self.child = child

    # ---- to override ----------------------------------------------------------------------
    def _rows(self, epoch: int) -> Iterator[Row]:
        raise NotImplementedError

    def get_col_names(self) -> list[str]:
        """The names of the columns, in order."""
        return self.child.get_col_names()

    def get_dataset_size(self) -> int:
        """The number of rows (batches after `batch`) in one epoch."""
        return self.child.get_dataset_size()

    # ---- information --------------------------------------------------------------------------
    def get_batch_size(self) -> int:
        return self.child.get_batch_size() if self.child is not None else 1

    def get_repeat_count(self) -> int:
        return self.child.get_repeat_count() if self.child is not None else 1

    def output_shapes(self) -> list[list[int]]:
        return [list(a.shape) for a in next(self._rows(0))]

    def output_types(self) -> list[np.dtype]:
        return [a.dtype for a in next(self._rows(0))]

    def reset(self) -> None:
        """Called by `Model` after each epoch; every epoch starts afresh here anyway."""

    # ---- operations ------------------------------------------------------------------------------
    def batch(self, batch_size: int, drop_remainder: bool = False, num_parallel_workers: int | None = None,
              per_batch_map: Callable | None = None, input_columns=None, output_columns=None,
              python_multiprocessing: bool = False, max_rowsize: int | None = None) -> BatchDataset:
        """Stack `batch_size` consecutive rows into one (the last batch may be smaller unless `drop_remainder`)."""
        return BatchDataset(self, batch_size, drop_remainder, per_batch_map, input_columns, output_columns)

    def shuffle(self, buffer_size: int) -> ShuffleDataset:
        """Shuffle through a buffer of `buffer_size` rows, anew each epoch."""
        return ShuffleDataset(self, buffer_size)

    def map(self, operations=None, input_columns=None, output_columns=None, num_parallel_workers=None,
            python_multiprocessing: bool = False, cache=None, callbacks=None, max_rowsize=None,
            offload=None) -> MapDataset:
        """Apply `operations` (one callable or a list, in order) to `input_columns` of every row."""
        return MapDataset(self, operations, input_columns, output_columns)

    def repeat(self, count: int | None = None) -> RepeatDataset:
        """Repeat the data `count` times per epoch (None or -1: without end)."""
        return RepeatDataset(self, count)

    def project(self, columns) -> ProjectDataset:
        """Keep only `columns`, in that order."""
        return ProjectDataset(self, _names(columns, "columns"))

    def rename(self, input_columns, output_columns) -> RenameDataset:
        return RenameDataset(self, _names(input_columns, "input_columns"), _names(output_columns, "output_columns"))

    def take(self, count: int = -1) -> TakeDataset:
        """The first `count` rows (-1: all)."""
        return TakeDataset(self, count)

    def skip(self, count: int) -> SkipDataset:
        """All rows but the first `count`."""
        return SkipDataset(self, count)

    # ---- iteration ----------------------------------------------------------------------------------
    def create_tuple_iterator(self, columns=None, num_epochs: int = -1, output_numpy: bool = False,
                              do_copy: bool = True) -> TupleIterator:
        """An iterator of lists of Tensors (NumPy arrays with `output_numpy`), one per column."""
        return TupleIterator(self, _names(columns, "columns"), num_epochs, output_numpy)

    def create_dict_iterator(self, num_epochs: int = -1, output_numpy: bool = False,
                             do_copy: bool = True) -> DictIterator:
        """An iterator of `{column: Tensor}` (NumPy arrays with `output_numpy`)."""
        return DictIterator(self, None, num_epochs, output_numpy)

    def __iter__(self):
        return iter(self.create_tuple_iterator())


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

class _Source(Dataset):
    """Rows from a random-access table (indices, shards, shuffle, num_samples) or from an iterable."""

    def __init__(self, column_names: list[str], length: int | None, shuffle, num_samples, num_shards,
                 shard_id) -> None:
        super().__init__()
        _check_shards(num_shards, shard_id)
        if num_samples is not None and (not isinstance(num_samples, int) or num_samples < 0):
            raise ValueError(f"Input num_samples is not within the required interval of [0, 2147483647], but got "
                             f"{num_samples}.")
        self._column_names = column_names
        self._length = length
        self._shuffle = (length is not None) if shuffle is None else bool(shuffle)
        self._num_samples = num_samples or None
        self._num_shards, self._shard_id = num_shards, shard_id

    def get_col_names(self) -> list[str]:
        return list(self._column_names)

    def _indices(self, epoch: int) -> list[int]:
        order = np.arange(self._length)
        if self._shuffle:
            order = np.random.default_rng((config.get_seed(), epoch)).permutation(self._length)
        picked = [int(order[i]) for i in _shard_indices(self._length, self._num_shards, self._shard_id)]
        return picked[:self._num_samples] if self._num_samples else picked

    def get_dataset_size(self) -> int:
        if self._length is None:
            return sum(1 for _ in self._rows(0))
        rows = len(_shard_indices(self._length, self._num_shards, self._shard_id))
        return min(rows, self._num_samples) if self._num_samples else rows

    def _get(self, index: int) -> Row:
        raise NotImplementedError

    def _iterate(self) -> Iterator:
        raise NotImplementedError

    def _rows(self, epoch: int) -> Iterator[Row]:
        if self._length is not None:
            for index in self._indices(epoch):
                yield self._checked(_row(self._get(index)))
            return
        for count, item in enumerate(self._iterate()):
            if self._num_samples and count >= self._num_samples:
                return
            yield self._checked(_row(item))

    def _checked(self, row: Row) -> Row:
        if len(row) != len(self._column_names):
            raise RuntimeError(f"the size of column_names is: {len(self._column_names)} and number of returned NumPy "
                               f"array is: {len(row)}")
        return row


class GeneratorDataset(_Source):
    """Rows from a Python source: a generator function, an iterable, or an object with `__getitem__` and
    `__len__` (random access: shuffled by default, can be sharded)."""

    def __init__(self, source, column_names=None, column_types=None, schema=None, num_samples=None,
                 num_parallel_workers: int = 1, shuffle=None, sampler=None, num_shards=None, shard_id=None,
                 python_multiprocessing: bool = True, max_rowsize=None) -> None:
        if sampler is not None:
            raise NotImplementedError("mindgrad does not implement mindspore.dataset.GeneratorDataset(sampler=...) "
                                      "yet")
        names = _names(column_names, "column_names")
        if names is None:
            raise ValueError("GeneratorDataset needs column_names (schema is not implemented by mindgrad).")
        random_access = hasattr(source, "__getitem__") and hasattr(source, "__len__")
        if not random_access:
            if num_shards is not None:
                raise ValueError("num_shards is not supported if source does not have attribute '__getitem__'.")
            if not callable(source) and not hasattr(source, "__iter__"):
                raise TypeError("Input `source` function of GeneratorDataset should be callable, iterable or "
                                "random accessible, commonly it should implement one of the method like yield, "
                                "__getitem__ or __next__(__iter__).")
        self.source = source
        super().__init__(names, len(source) if random_access else None, shuffle if random_access else False,
                         num_samples, num_shards, shard_id)

    def _get(self, index: int):
        return self.source[index]

    def _iterate(self):
        return iter(self.source() if callable(self.source) and not hasattr(self.source, "__iter__")
                    else self.source)


class NumpySlicesDataset(_Source):
    """Rows sliced along the first axis of arrays: a dict (its keys name the columns), a tuple (one column each,
    `column_0`, ...), or a list / array (one column). Shuffled by default."""

    def __init__(self, data, column_names=None, num_samples=None, num_parallel_workers: int = 1, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None) -> None:
        if sampler is not None:
            raise NotImplementedError("mindgrad does not implement mindspore.dataset.NumpySlicesDataset(sampler=...) "
                                      "yet")
        if isinstance(data, dict):
            columns = [np.asarray(v) for v in data.values()]
            default = list(data)
        elif isinstance(data, tuple):
            columns = [np.asarray(v) for v in data]
            default = [f"column_{i}" for i in range(len(columns))]
        else:
            columns = [np.asarray(data)]
            default = ["column_0"]
        names = _names(column_names, "column_names") or default
        if len(names) != len(columns):
            raise ValueError(f"The size of column_names is {len(names)}, but the data has {len(columns)} columns.")
        lengths = {len(c) for c in columns}
        if len(lengths) != 1:
            raise ValueError(f"All columns of NumpySlicesDataset must have the same length, but got {sorted(lengths)}.")
        self._columns = columns
        super().__init__(names, lengths.pop(), shuffle, num_samples, num_shards, shard_id)

    def _get(self, index: int):
        return tuple(c[index] for c in self._columns)


# ---------------------------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------------------------

class BatchDataset(Dataset):
    def __init__(self, child: Dataset, batch_size: int, drop_remainder: bool, per_batch_map, input_columns,
                 output_columns) -> None:
        super().__init__(child)
        if callable(batch_size):
            raise NotImplementedError("mindgrad does not implement mindspore.dataset.Dataset.batch with a callable "
                                      "batch_size yet")
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"Input batch_size is not within the required interval of [1, 2147483647], but got "
                             f"{batch_size}.")
        self.batch_size = batch_size
        self.drop_remainder = bool(drop_remainder)
        self.per_batch_map = per_batch_map
        self.input_columns = _names(input_columns, "input_columns")
        self.output_columns = _names(output_columns, "output_columns")
        if per_batch_map is not None and self.input_columns is None:
            raise ValueError("input_columns can not be None when per_batch_map is set.")

    def get_col_names(self) -> list[str]:
        return _placed(self.child.get_col_names(), self.input_columns, self.output_columns)

    def get_dataset_size(self) -> int:
        rows = self.child.get_dataset_size()
        return rows // self.batch_size if self.drop_remainder else math.ceil(rows / self.batch_size)

    def get_batch_size(self) -> int:
        return self.batch_size

    def _stack(self, rows: list[Row], number: int, epoch: int) -> Row:
        names = self.child.get_col_names()
        columns = [[r[i] for r in rows] for i in range(len(names))]
        if self.per_batch_map is not None:
            picked = [columns[names.index(c)] for c in self.input_columns]
            outputs = self.per_batch_map(*picked, BatchInfo(number, epoch))
            outputs = outputs if isinstance(outputs, tuple) else (outputs,)
            columns = _place(names, columns, self.input_columns, self.output_columns, list(outputs))
            names = self.get_col_names()
        out = []
        for name, column in zip(names, columns):
            shapes = {np.shape(a) for a in column}
            if len(shapes) > 1:
                raise RuntimeError(f"Inconsistent batch shapes, batch operation expects same shape for each data row, "
                                   f"but got inconsistent shape in column '{name}': {sorted(shapes)}.")
            out.append(np.stack([np.asarray(a) for a in column]))
        return tuple(out)

    def _rows(self, epoch: int) -> Iterator[Row]:
        pending: list[Row] = []
        number = 0
        for row in self.child._rows(epoch):
            pending.append(row)
            if len(pending) == self.batch_size:
                yield self._stack(pending, number, epoch)
                pending, number = [], number + 1
        if pending and not self.drop_remainder:
            yield self._stack(pending, number, epoch)


class ShuffleDataset(Dataset):
    def __init__(self, child: Dataset, buffer_size: int) -> None:
        super().__init__(child)
        if not isinstance(buffer_size, int) or isinstance(buffer_size, bool) or buffer_size < 2:
            raise ValueError(f"Input buffer_size is not within the required interval of [2, 2147483647], but got "
                             f"{buffer_size}.")
        self.buffer_size = buffer_size

    def _rows(self, epoch: int) -> Iterator[Row]:
        rng = np.random.default_rng((config.get_seed(), epoch, self.buffer_size))
        buffer: list[Row] = []
        for row in self.child._rows(epoch):
            if len(buffer) < self.buffer_size:
                buffer.append(row)
                continue
            i = int(rng.integers(len(buffer)))
            yield buffer[i]
            buffer[i] = row
        for i in rng.permutation(len(buffer)):
            yield buffer[int(i)]


def _placed(names: list[str], inputs: list[str] | None, outputs: list[str] | None) -> list[str]:
    """Column names after replacing `inputs` by `outputs` (MindSpore's placement)."""
    if inputs is None:
        return list(names)
    outputs = inputs if outputs is None else outputs
    if len(outputs) == len(inputs):
        renamed = dict(zip(inputs, outputs))
        return [renamed.get(n, n) for n in names]
    return list(outputs) + [n for n in names if n not in inputs]


def _place(names: list[str], values: list, inputs: list[str], outputs: list[str] | None, results: list) -> list:
    """Values after replacing those of `inputs` by `results`, in `_placed` order."""
    outputs = inputs if outputs is None else outputs
    if len(results) != len(outputs):
        raise RuntimeError(f"The number of output columns {len(outputs)} does not match the number of results "
                           f"{len(results)} of the operation.")
    if len(outputs) == len(inputs):
        by_input = dict(zip(inputs, results))
        return [by_input.get(n, v) for n, v in zip(names, values)]
    return list(results) + [v for n, v in zip(names, values) if n not in inputs]


class MapDataset(Dataset):
    def __init__(self, child: Dataset, operations, input_columns, output_columns) -> None:
        super().__init__(child)
        if operations is None:
            raise ValueError("operations can not be None.")
        self.operations = list(operations) if isinstance(operations, (list, tuple)) else [operations]
        for op in self.operations:
            if not callable(op):
                raise TypeError(f"Argument operations should be callable, but got {type(op)}.")
        self.input_columns = _names(input_columns, "input_columns") or child.get_col_names()[:1]
        self.output_columns = _names(output_columns, "output_columns")
        missing = [c for c in self.input_columns if c not in child.get_col_names()]
        if missing:
            raise RuntimeError(f"Invalid input_columns, column name {missing[0]} does not exist in the dataset "
                               f"columns {child.get_col_names()}.")

    def get_col_names(self) -> list[str]:
        return _placed(self.child.get_col_names(), self.input_columns, self.output_columns)

    def _rows(self, epoch: int) -> Iterator[Row]:
        names = self.child.get_col_names()
        positions = [names.index(c) for c in self.input_columns]
        for row in self.child._rows(epoch):
            values: Any = tuple(row[i] for i in positions)
            for op in self.operations:
                values = op(*values)
                values = tuple(values) if isinstance(values, (tuple, list)) else (values,)
            yield tuple(_place(names, list(row), self.input_columns, self.output_columns,
                               [_as_array(v) for v in values]))


class RepeatDataset(Dataset):
    def __init__(self, child: Dataset, count: int | None) -> None:
        super().__init__(child)
        if count is not None and (not isinstance(count, int) or (count <= 0 and count != -1)):
            raise ValueError(f"Input count is not within the required interval of [-1, 0), (0, 2147483647], but got "
                             f"{count}.")
        self.count = None if count in (None, -1) else count

    def get_dataset_size(self) -> int:
        return -1 if self.count is None else self.child.get_dataset_size() * self.count

    def get_repeat_count(self) -> int:
        return -1 if self.count is None else self.count

    def _rows(self, epoch: int) -> Iterator[Row]:
        times = 0
        while self.count is None or times < self.count:
            yield from self.child._rows(epoch * (self.count or 1) + times)
            times += 1


class ProjectDataset(Dataset):
    def __init__(self, child: Dataset, columns: list[str]) -> None:
        super().__init__(child)
        self.columns = columns

    def get_col_names(self) -> list[str]:
        return list(self.columns)

    def _rows(self, epoch: int) -> Iterator[Row]:
        names = self.child.get_col_names()
        positions = [names.index(c) for c in self.columns]
        for row in self.child._rows(epoch):
            yield tuple(row[i] for i in positions)


class RenameDataset(Dataset):
    def __init__(self, child: Dataset, inputs: list[str], outputs: list[str]) -> None:
        super().__init__(child)
        self.renamed = dict(zip(inputs, outputs))

    def get_col_names(self) -> list[str]:
        return [self.renamed.get(n, n) for n in self.child.get_col_names()]

    def _rows(self, epoch: int) -> Iterator[Row]:
        return self.child._rows(epoch)


class TakeDataset(Dataset):
    def __init__(self, child: Dataset, count: int) -> None:
        super().__init__(child)
        self.count = count

    def get_dataset_size(self) -> int:
        size = self.child.get_dataset_size()
        return size if self.count == -1 else min(size, self.count)

    def _rows(self, epoch: int) -> Iterator[Row]:
        for i, row in enumerate(self.child._rows(epoch)):
            if i == self.count:
                return
            yield row


class SkipDataset(Dataset):
    def __init__(self, child: Dataset, count: int) -> None:
        super().__init__(child)
        self.count = count

    def get_dataset_size(self) -> int:
        return max(self.child.get_dataset_size() - self.count, 0)

    def _rows(self, epoch: int) -> Iterator[Row]:
        for i, row in enumerate(self.child._rows(epoch)):
            if i >= self.count:
                yield row


# ---------------------------------------------------------------------------------------------
# Iterators
# ---------------------------------------------------------------------------------------------

class TupleIterator:
    """Runs the pipeline for up to `num_epochs` epochs; iterating it again starts the next epoch."""

    def __init__(self, dataset: Dataset, columns: Sequence[str] | None, num_epochs: int, output_numpy: bool) -> None:
        if not isinstance(num_epochs, int) or (num_epochs <= 0 and num_epochs != -1):
            raise ValueError(f"Input num_epochs is not within the required interval of [-1, 0), (0, 2147483647], "
                             f"but got {num_epochs}.")
        self.dataset = dataset
        names = dataset.get_col_names()
        self._positions = None if columns is None else [names.index(c) for c in columns]
        self._names = names if columns is None else list(columns)
        self._num_epochs = num_epochs
        self._output_numpy = output_numpy
        self._epoch = 0
        self._rows: Iterator[Row] | None = None

    def __iter__(self):
        return self

    def _convert(self, row: Row):
        if self._positions is not None:
            row = tuple(row[i] for i in self._positions)
        return [a if self._output_numpy else Tensor(a) for a in row]

    def __next__(self):
        if self._rows is None:
            if self._num_epochs != -1 and self._epoch >= self._num_epochs:
                raise RuntimeError("EOF buffer encountered. User tries to fetch data beyond the specified number of "
                                   "epochs.")
            self._rows = self.dataset._rows(self._epoch)
        try:
            return self._convert(next(self._rows))
        except StopIteration:
            self._rows = None
            self._epoch += 1
            raise

    def get_col_names(self) -> list[str]:
        return list(self._names)


class DictIterator(TupleIterator):
    def _convert(self, row: Row):
        return dict(zip(self._names, super()._convert(row)))
