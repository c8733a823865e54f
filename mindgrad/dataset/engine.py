"""`mindspore.dataset`'s pipeline: sources, `batch`, `shuffle`, `map`, `repeat`, `zip`, `concat`, iterators.

A pipeline is a chain of nodes; each yields rows (tuples of NumPy arrays, one per column) for one
epoch at a time. As in MindSpore: Python scalars from a source become NumPy arrays (int -> int64,
float -> float64); random-access sources (and NumpySlicesDataset) are shuffled by default, generator
functions are not and cannot be sharded; shard `k` of `n` takes rows `k, k+n, ...`, wrapping around so
every shard has `ceil(rows / n)`; `sampler=` picks rows instead (see `samplers`); `map` runs its
operations in order on `input_columns` (default: the first column) and puts `output_columns` in
place when their number is the same, else first, followed by the untouched columns, with
`num_parallel_workers` threads (at most the CPU count, as MindSpore checks), or forked worker
processes with `python_multiprocessing=True`, transforming rows in order; iterators give Tensors
(or NumPy arrays with `output_numpy=True`), an iterator can be run for `num_epochs` epochs (-1: any
number), and `get_dataset_size` counts batches.

`map` and `batch` also pass rows along in blocks (columns of many rows, stacked into one array where the
values allow): `map` hands its workers whole tasks of rows, runs a chain of vision transforms one
transform at a time over all the rows of a task (each with the numbers of one call per image), and
`batch` joins blocks with one `np.concatenate` per column instead of stacking rows one by one.

Shuffled orders are seeded by `dataset.config` and are not MindSpore's: a script that shuffles
sees other batches than under MindSpore.
"""

from __future__ import annotations

import collections
import math
import multiprocessing
import os
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ..common.tensor import Tensor
from . import _shared, config, samplers

__all__ = ["Dataset", "GeneratorDataset", "NumpySlicesDataset", "BatchInfo", "ZipDataset", "ConcatDataset",
           "BucketBatchByLengthDataset",
           "FilterDataset", "PaddedDataset", "zip_datasets"]

Row = tuple
Block = tuple  # (count, columns): see Dataset._blocks


def _as_array(value) -> np.ndarray:
    """A column value as a NumPy array; a dict (MindSpore's Python-object column) keeps its keys."""
    if type(value) is np.ndarray:
        return value
    if isinstance(value, Tensor):
        return value.asnumpy()
    if isinstance(value, dict):
        return {k: _as_array(v) for k, v in value.items()}
    return np.asarray(value)


def _to_output(value, output_numpy: bool):
    if isinstance(value, dict):
        return {k: _to_output(v, output_numpy) for k, v in value.items()}
    return value if output_numpy else Tensor(value)


def _stack_column(column: list):
    if isinstance(column[0], dict):
        return {k: _stack_column([d[k] for d in column]) for k in column[0]}
    return np.stack(column)


def _values(column) -> list:
    """A block's column as a list of row values (an array's rows as arrays, 0-d ones included)."""
    return [column[i, ...] for i in range(len(column))] if type(column) is np.ndarray else column


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

    def _blocks(self, epoch: int, size: int | None = None) -> Iterator[Block]:
        """The rows of one epoch in blocks of up to `size` rows (default 64): `(count, columns)`, a column being a
        list of values or, where a node made one, an array stacked along a new first axis (see `MapDataset`)."""
        for rows in _chunks(self._rows(epoch), size or 64):
            yield len(rows), [list(c) for c in zip(*rows, strict=True)]

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
        """Apply `operations` (one callable or a list, in order) to `input_columns` of every row, in
        `num_parallel_workers` threads, or forked processes with `python_multiprocessing` (same results)."""
        return MapDataset(self, operations, input_columns, output_columns, num_parallel_workers,
                          python_multiprocessing)

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

    def padded_batch(self, batch_size: int, drop_remainder: bool = False, num_parallel_workers=None,
                     pad_info: dict | None = None) -> BatchDataset:
        """`batch`, padding the columns of `pad_info` ({column: (shape or None, value)}) to a common shape."""
        return BatchDataset(self, batch_size, drop_remainder, None, None, None, pad_info or {})

    def bucket_batch_by_length(self, column_names, bucket_boundaries, bucket_batch_sizes,
                               element_length_function=None, pad_info=None, pad_to_bucket_boundary: bool = False,
                               drop_remainder: bool = False) -> BucketBatchByLengthDataset:
        """Batch rows of similar length: bucket `i` holds lengths in [boundaries[i-1], boundaries[i])."""
        return BucketBatchByLengthDataset(self, _names(column_names, "column_names"), list(bucket_boundaries),
                                          list(bucket_batch_sizes), element_length_function, pad_info or {},
                                          pad_to_bucket_boundary, drop_remainder)

    def zip(self, datasets) -> ZipDataset:
        """Rows side by side (columns of all datasets; as many rows as the shortest)."""
        datasets = [datasets] if isinstance(datasets, Dataset) else list(datasets)
        return ZipDataset([self, *datasets])

    def concat(self, datasets) -> ConcatDataset:
        """The rows of this dataset, then those of `datasets`."""
        datasets = [datasets] if isinstance(datasets, Dataset) else list(datasets)
        return ConcatDataset([self, *datasets])

    def __add__(self, other: Dataset) -> ConcatDataset:
        return self.concat(other)

    def filter(self, predicate: Callable, input_columns=None, num_parallel_workers=None) -> FilterDataset:
        """Keep the rows for which `predicate(*input_columns)` is true (all columns by default)."""
        return FilterDataset(self, predicate, _names(input_columns, "input_columns"))

    def split(self, sizes, randomize: bool = True) -> list[Dataset]:
        """Split into parts of `sizes` (row counts, or fractions summing to 1), shuffled first if `randomize`."""
        total = self.get_dataset_size()
        if all(isinstance(x, float) for x in sizes):
            if abs(sum(sizes) - 1) > 1e-6:
                raise ValueError(f"Sum of split sizes {sum(sizes)} is not equal to 1.")
            counts = [int(round(x * total)) for x in sizes]
            counts[-1] += total - sum(counts)
        else:
            counts = [int(x) for x in sizes]
            if sum(counts) != total:
                raise RuntimeError(f"Sum of split sizes {sum(counts)} is not equal to dataset size {total}.")
        order = np.arange(total)
        if randomize:
            order = np.random.default_rng((config.get_seed(), "split")).permutation(total)
        rows = list(self._rows(0))
        parts, start = [], 0
        for count in counts:
            picked = [rows[int(i)] for i in order[start:start + count]]
            parts.append(NumpySlicesDataset(tuple(np.stack([r[c] for r in picked]) for c in range(len(rows[0]))),
                                            self.get_col_names(), shuffle=False) if picked else None)
            start += count
        return parts

    def get_class_indexing(self) -> dict:
        return self.child.get_class_indexing() if self.child is not None else {}

    def num_classes(self) -> int | None:
        return len(self.get_class_indexing()) or None

    def use_sampler(self, new_sampler) -> None:
        node = self
        while node.child is not None:
            node = node.child
        node._sampler = samplers.select(new_sampler)

    def device_que(self, send_epoch_end: bool = True, create_data_info_queue: bool = False):
        """The dataset itself: mindgrad feeds devices from the iterator."""
        return self

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

    # True where `_get` may run in several threads or forked processes at once (no shared file position, no user
    # code): a `map` right above then reads rows in its workers.
    _parallel_get = False

    def __init__(self, column_names: list[str], length: int | None, shuffle, num_samples, num_shards,
                 shard_id, sampler=None) -> None:
        super().__init__()
        _check_shards(num_shards, shard_id)
        self._sampler = samplers.select(sampler)
        if self._sampler is not None and (shuffle is not None or num_shards is not None):
            raise RuntimeError("sampler and shuffle/num_shards cannot be specified at the same time.")
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
        if self._sampler is not None:
            if isinstance(self._sampler, samplers.PKSampler) and self._sampler.labels is None:
                column = self._column_names.index(self._sampler.class_column)
                self._sampler.labels = [int(np.asarray(self._get(i)[column])) for i in range(self._length)]
            picked = self._sampler.indices(self._length, epoch)
            return picked[:self._num_samples] if self._num_samples else picked
        order = np.arange(self._length)
        if self._shuffle:
            order = np.random.default_rng((config.get_seed(), epoch)).permutation(self._length)
        picked = [int(order[i]) for i in _shard_indices(self._length, self._num_shards, self._shard_id)]
        return picked[:self._num_samples] if self._num_samples else picked

    def get_dataset_size(self) -> int:
        if self._length is None:
            return sum(1 for _ in self._rows(0))
        if self._sampler is not None:
            return len(self._indices(0))
        rows = len(_shard_indices(self._length, self._num_shards, self._shard_id))
        return min(rows, self._num_samples) if self._num_samples else rows

    def _get(self, index: int) -> Row:
        raise NotImplementedError

    def _iterate(self) -> Iterator:
        raise NotImplementedError

    def _fetch(self, index: int) -> Row:
        return self._checked(_row(self._get(index)))

    def _rows(self, epoch: int) -> Iterator[Row]:
        if self._length is not None:
            for index in self._indices(epoch):
                yield self._fetch(index)
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
                         num_samples, num_shards, shard_id, sampler)

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
        self._numeric = all(c.dtype.kind in "biufc" for c in columns)
        super().__init__(names, lengths.pop(), shuffle, num_samples, num_shards, shard_id, sampler)

    def _get(self, index: int):
        return tuple(c[index] for c in self._columns)

    def _fetch(self, index: int) -> Row:
        if self._numeric:  # (a 0-d array for a 1-d column, as `_row` makes of its scalar)
            return tuple([c[index, ...] for c in self._columns])
        return super()._fetch(index)

    def _blocks(self, epoch: int, size: int | None = None) -> Iterator[Block]:
        """Blocks gathered with one fancy index per numeric column (the rows `_rows` gives, stacked); string and
        object columns row by row (a row's string array is as wide as its own string)."""
        order = np.asarray(self._indices(epoch), np.int64)
        step = size or 64
        for start in range(0, len(order), step):
            picked = order[start:start + step]
            yield len(picked), [[_as_array(c[i]) for i in picked] if c.dtype.kind in "OSU" else c[picked]
                                for c in self._columns]


# ---------------------------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------------------------

class BatchDataset(Dataset):
    def __init__(self, child: Dataset, batch_size: int, drop_remainder: bool, per_batch_map, input_columns,
                 output_columns, pad_info: dict | None = None) -> None:
        super().__init__(child)
        self.pad_info = pad_info
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

    def _stack(self, pieces: list[list], number: int, epoch: int) -> Row:
        """One batch from pieces of blocks: a column whose pieces are all stacked arrays is joined with one
        `np.concatenate`; the others (and all with `per_batch_map` or padding) go row by row."""
        names = self.child.get_col_names()
        if self.per_batch_map is None and not self.pad_info:
            out = []
            for i, name in enumerate(names):
                parts = [piece[i] for piece in pieces]
                if all(type(p) is np.ndarray for p in parts):
                    try:
                        out.append(np.ascontiguousarray(parts[0]) if len(parts) == 1 else np.concatenate(parts))
                        continue
                    except ValueError:
                        pass
                out.append(self._stacked(name, [v for p in parts for v in _values(p)]))
            return tuple(out)
        columns = [[v for piece in pieces for v in _values(piece[i])] for i in range(len(names))]
        if self.per_batch_map is not None:
            picked = [columns[names.index(c)] for c in self.input_columns]
            outputs = self.per_batch_map(*picked, BatchInfo(number, epoch))
            outputs = outputs if isinstance(outputs, tuple) else (outputs,)
            _check_batch_rows(self.output_columns or self.input_columns, outputs, len(columns[0]))
            columns = _place(names, columns, self.input_columns, self.output_columns, list(outputs))
            names = self.get_col_names()
        if self.pad_info:
            columns = [_padded(column, self.pad_info[name]) if name in self.pad_info else column
                       for name, column in zip(names, columns, strict=True)]
        return tuple(self._stacked(name, column) for name, column in zip(names, columns, strict=False))

    @staticmethod
    def _stacked(name: str, column: list):
        try:
            return _stack_column(column)
        except ValueError:
            shapes = sorted({np.shape(a) for a in column})
            raise RuntimeError(f"Inconsistent batch shapes, batch operation expects same shape for each data row, "
                               f"but got inconsistent shape in column '{name}': {shapes}.") from None

    def _rows(self, epoch: int) -> Iterator[Row]:
        pieces: list[list] = []
        have = number = 0
        for count, columns in self.child._blocks(epoch, self.batch_size):
            start = 0
            while start < count:
                take = min(count - start, self.batch_size - have)
                pieces.append([c[start:start + take] for c in columns])
                have, start = have + take, start + take
                if have == self.batch_size:
                    yield self._stack(pieces, number, epoch)
                    pieces, have, number = [], 0, number + 1
        if pieces and not self.drop_remainder:
            yield self._stack(pieces, number, epoch)


def _check_batch_rows(names: list, outputs: tuple, rows: int) -> None:
    """MindSpore's check that every column `per_batch_map` returns has one entry per row of the batch."""
    for name, column in zip(names, outputs, strict=False):
        if len(column) != rows:
            raise RuntimeError(f"Invalid data, column: {name} expects: {rows} rows returned from 'per_batch_map', "
                               f"got: {len(column)}")


def _padded(column: list, info) -> list:
    """Rows of one column padded at the end to `info`'s shape (None entries: the batch's largest)."""
    shape, value = info if info is not None else (None, None)
    arrays = [np.asarray(a) for a in column]
    biggest = np.max([a.shape for a in arrays], axis=0) if arrays[0].ndim else ()
    target = [int(b) if shape is None or s is None else int(s)
              for b, s in zip(biggest, shape if shape is not None else [None] * len(biggest), strict=True)]
    fill = value if value is not None else ("" if arrays[0].dtype.kind == "U" else 0)
    out = []
    for a in arrays:
        padded = np.full(target, fill, dtype=a.dtype)
        region = tuple(slice(0, min(x, y)) for x, y in zip(a.shape, target, strict=True))
        padded[region] = a[region]
        out.append(padded)
    return out


class BucketBatchByLengthDataset(Dataset):
    def __init__(self, child: Dataset, columns: list[str], boundaries: list[int], batch_sizes: list[int],
                 length_fn, pad_info: dict, pad_to_boundary: bool, drop_remainder: bool) -> None:
        super().__init__(child)
        if len(batch_sizes) != len(boundaries) + 1:
            raise ValueError("bucket_batch_sizes must contain one element more than bucket_boundaries.")
        self.columns, self.boundaries, self.batch_sizes = columns, boundaries, batch_sizes
        self.length_fn, self.pad_info = length_fn, pad_info
        self.pad_to_boundary, self.drop_remainder = pad_to_boundary, drop_remainder

    def get_dataset_size(self) -> int:
        return sum(1 for _ in self._rows(0))

    def _batch(self, rows: list[Row], bucket: int) -> Row:
        names = self.child.get_col_names()
        columns = [[r[i] for r in rows] for i in range(len(names))]
        for i, name in enumerate(names):
            if name in self.pad_info:
                shape, value = self.pad_info[name] if self.pad_info[name] is not None else (None, None)
                if self.pad_to_boundary and shape is None and bucket < len(self.boundaries):
                    shape = [self.boundaries[bucket] - 1]
                columns[i] = _padded(columns[i], (shape, value))
        return tuple(np.stack(c) for c in columns)

    def _rows(self, epoch: int) -> Iterator[Row]:
        names = self.child.get_col_names()
        positions = [names.index(c) for c in self.columns]
        buckets: list[list[Row]] = [[] for _ in self.batch_sizes]
        for row in self.child._rows(epoch):
            values = [row[i] for i in positions]
            length = int(self.length_fn(*values)) if self.length_fn else len(values[0])
            bucket = sum(length >= b for b in self.boundaries)
            buckets[bucket].append(row)
            if len(buckets[bucket]) == self.batch_sizes[bucket]:
                yield self._batch(buckets[bucket], bucket)
                buckets[bucket] = []
        if not self.drop_remainder:
            for bucket, rows in enumerate(buckets):
                if rows:
                    yield self._batch(rows, bucket)


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
        renamed = dict(zip(inputs, outputs, strict=False))
        return [renamed.get(n, n) for n in names]
    return list(outputs) + [n for n in names if n not in inputs]


def _place(names: list[str], values: list, inputs: list[str], outputs: list[str] | None, results: list) -> list:
    """Values after replacing those of `inputs` by `results`, in `_placed` order."""
    outputs = inputs if outputs is None else outputs
    if len(results) != len(outputs):
        raise RuntimeError(f"The number of output columns {len(outputs)} does not match the number of results "
                           f"{len(results)} of the operation.")
    if len(outputs) == len(inputs):
        by_input = dict(zip(inputs, results, strict=False))
        return [by_input.get(n, v) for n, v in zip(names, values, strict=False)]
    return list(results) + [v for n, v in zip(names, values, strict=False) if n not in inputs]


class MapDataset(Dataset):
    """`map`: with `num_parallel_workers` > 1 the rows are transformed by that many threads (OpenCV and NumPy
    release the GIL), or by that many forked processes with `python_multiprocessing=True`, in order. Rows are
    grouped in runs of 8; each run draws its random numbers from its own generator, so the results do not
    depend on the number or kind of workers. A task (a batch's worth of runs when a `batch` follows, else 4)
    comes back as one block (`_pack`); a process worker's block reaches the parent through shared memory.
    Above a file-reading source the workers also read the rows."""

    def __init__(self, child: Dataset, operations, input_columns, output_columns, num_parallel_workers=None,
                 python_multiprocessing: bool = False) -> None:
        super().__init__(child)
        cpus = os.cpu_count() or 1
        if num_parallel_workers is not None and (not isinstance(num_parallel_workers, int)
                                                 or not 0 < num_parallel_workers <= cpus):
            raise ValueError(f"num_parallel_workers exceeds the boundary between 1 and {cpus}!")
        self.num_parallel_workers = num_parallel_workers or 1
        self.python_multiprocessing = bool(python_multiprocessing)
        if operations is None:
            raise ValueError("operations can not be None.")
        self.operations = list(operations) if isinstance(operations, (list, tuple)) else [operations]
        for op in self.operations:
            if not callable(op):
                raise TypeError(f"Argument operations should be callable, but got {type(op)}.")
        self.input_columns = _names(input_columns, "input_columns") or child.get_col_names()[:1]
        self.output_columns = _names(output_columns, "output_columns")
        names = child.get_col_names()
        missing = [c for c in self.input_columns if c not in names]
        if missing:
            raise RuntimeError(f"Invalid input_columns, column name {missing[0]} does not exist in the dataset "
                               f"columns {names}.")
        # Where the results go (MindSpore's placement, see `_placed`), worked out once for all rows.
        outputs = self.input_columns if self.output_columns is None else self.output_columns
        self._positions = [names.index(c) for c in self.input_columns]
        self._n_outputs = len(outputs)
        self._in_place = len(outputs) == len(self.input_columns)
        self._kept = [i for i, n in enumerate(names) if n not in self.input_columns]
        self._pool = None

    def get_col_names(self) -> list[str]:
        return _placed(self.child.get_col_names(), self.input_columns, self.output_columns)

    def _one(self, row: Row) -> Row:
        values: Any = [row[i] for i in self._positions]
        for op in self.operations:
            values = op(*values)
            if not isinstance(values, (tuple, list)):
                values = (values,)
        if len(values) != self._n_outputs:
            raise RuntimeError(f"The number of output columns {self._n_outputs} does not match the number of "
                               f"results {len(values)} of the operation.")
        values = [v if type(v) is np.ndarray else _as_array(v) for v in values]
        if self._in_place:
            out = list(row)
            for i, v in zip(self._positions, values, strict=True):
                out[i] = v
            return tuple(out)
        return (*values, *(row[i] for i in self._kept))

    def _chain(self) -> list | None:
        """The operations where they can run as one sweep over many rows at a time, each over all the rows before
        the next: one input and output column, every operation a transform whose class has a `_sweep` (see
        `vision.transforms._Op`), and at most one drawing random numbers (one per row, so the draws are those of
        row after row); else None."""
        if len(self.input_columns) != 1 or not self._in_place or self._n_outputs != 1:
            return None
        if not all("_sweep" in type(op).__dict__ for op in self.operations):
            return None
        return self.operations if sum(getattr(op, "_draws", False) for op in self.operations) <= 1 else None

    def _task(self, seed: int, epoch: int, node: int, number: int, runs: list[list], fetch: bool) -> Block:
        """Transform runs of rows (of source indices when `fetch`) into one block (`_pack`); run `number + k` draws
        its random numbers from one generator seeded by (seed, epoch, node, number + k)."""
        if fetch:
            runs = [[self.child._fetch(i) for i in run] for run in runs]
        chain = self._chain()
        if chain is not None:
            return self._sweep(chain, [(seed, epoch, node, number + k) for k in range(len(runs))], runs)
        out: list[Row] = []
        local = config._row_generator
        try:
            for k, rows in enumerate(runs):
                local.key, local.value = (seed, epoch, node, number + k), None
                out += [self._one(row) for row in rows]
        finally:
            local.key = local.value = None
        return _pack(out)

    def _sweep(self, chain: list, keys: list[tuple], runs: list[list[Row]]) -> Block:
        """`_task` by operation rather than by row: each transform's `_sweep` takes the values of all rows (a list,
        or an array stacked along a new first axis) and gives theirs; a random one is handed its draws."""
        rows = [row for run in runs for row in run]
        position = self._positions[0]
        values: Any = [row[position] for row in rows]
        for op in chain:
            if getattr(op, "_draws", False):
                draws = np.concatenate([np.random.default_rng(key).random(len(run))
                                        for key, run in zip(keys, runs, strict=True)])
                values = op._sweep(values, draws)
            else:
                values = op._sweep(values)
        if type(values) is not np.ndarray:
            values = _column([v if type(v) is np.ndarray else _as_array(v) for v in values])
        columns = [values if i == position else _column([row[i] for row in rows]) for i in range(len(rows[0]))]
        return len(rows), columns

    def _node_number(self) -> int:
        """How many map nodes lie below this one: keeps the draws of two maps of a pipeline apart."""
        count, node = 0, self.child
        while node is not None:
            count += isinstance(node, MapDataset)
            node = node.child
        return count

    def _rows(self, epoch: int) -> Iterator[Row]:
        for block in self._blocks(epoch):
            yield from _unpack(block)

    def _blocks(self, epoch: int, size: int | None = None) -> Iterator[Block]:
        """Runs of 8 rows, handed out as tasks of `size` rows (rounded up to runs; default 32) to the workers, whose
        blocks come back in order."""
        node, seed, child = self._node_number(), config.get_seed(), self.child
        workers = self.num_parallel_workers
        fetch = (workers > 1 and isinstance(child, _Source) and child._parallel_get and child._length is not None
                 and type(child)._rows is _Source._rows)
        runs = _chunks(iter(child._indices(epoch)) if fetch else child._rows(epoch), 8)
        per_task = math.ceil((size or 32) / 8)
        tasks = _chunks(runs, per_task)
        if workers == 1:
            for count, task in enumerate(tasks):
                yield self._task(seed, epoch, node, count * per_task, task, False)
            return
        if self.python_multiprocessing:
            pool = self._process_pool()

            def submit(*args) -> Callable[[], Block]:
                result = pool.apply_async(_process_task, (id(self), self._tag, *args))
                return lambda: _shared.take(result.get())
        else:
            pool = ThreadPoolExecutor(workers)

            def submit(*args) -> Callable[[], Block]:
                return pool.submit(self._task, *args).result
        window = 2 * workers
        pending: collections.deque = collections.deque()
        try:
            for count, task in enumerate(tasks):
                pending.append(submit(seed, epoch, node, count * per_task, task, fetch))
                if len(pending) >= window:
                    yield pending.popleft()()
            while pending:
                yield pending.popleft()()
        finally:
            if not self.python_multiprocessing:
                pool.shutdown(wait=True, cancel_futures=True)
            else:
                for get in pending:  # tasks left in flight by a consumer that stopped: free their shared memory
                    try:
                        get()
                    except Exception:  # their errors concern rows nobody asked for
                        pass

    def _process_pool(self):
        """The worker processes, forked once at the first epoch (they see the operations as they were then)."""
        if self._pool is None:
            _PROCESS_NODES[id(self)] = self
            self._tag = f"{os.getpid()}-{id(self)}"
            self._pool = multiprocessing.get_context("fork").Pool(self.num_parallel_workers)
            weakref.finalize(self, _close_pool, self._pool, self._tag)
        return self._pool


_PROCESS_NODES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def _process_task(node_id: int, tag: str, *args) -> tuple:
    """A `map` task in a forked worker (the map node is the parent's, copied by the fork): its block goes to the
    parent through shared memory (`_shared`)."""
    return _shared.put(_PROCESS_NODES[node_id]._task(*args), tag)


def _close_pool(pool, tag: str) -> None:
    pool.terminate()
    _shared.remove_left(tag)


def _column(values: list):
    """A column of a block: the values stacked into one array where all are arrays of one shape and dtype."""
    first = values[0]
    same = type(first) is np.ndarray and first.dtype != object and all(
        type(a) is np.ndarray and a.shape == first.shape and a.dtype == first.dtype for a in values)
    return np.stack(values) if same else values


def _pack(rows: list[Row]) -> Block:
    """Rows as a block, each column stacked where it can be (`_column`)."""
    return len(rows), [_column(list(column)) for column in zip(*rows, strict=True)]


def _unpack(block: Block) -> list[Row]:
    count, columns = block
    if not columns:
        return [()] * count
    return list(zip(*(_values(c) for c in columns), strict=True))


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
        self.renamed = dict(zip(inputs, outputs, strict=False))

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


class ZipDataset(Dataset):
    def __init__(self, datasets: list[Dataset]) -> None:
        super().__init__(datasets[0])
        self.datasets = datasets
        names = [n for d in datasets for n in d.get_col_names()]
        if len(set(names)) != len(names):
            raise RuntimeError(f"Invalid parameter, duplicate column names in zipped datasets: {names}.")

    def get_col_names(self) -> list[str]:
        return [n for d in self.datasets for n in d.get_col_names()]

    def get_dataset_size(self) -> int:
        return min(d.get_dataset_size() for d in self.datasets)

    def _rows(self, epoch: int) -> Iterator[Row]:
        for parts in zip(*(d._rows(epoch) for d in self.datasets), strict=False):
            yield tuple(a for part in parts for a in part)


class ConcatDataset(Dataset):
    def __init__(self, datasets: list[Dataset]) -> None:
        super().__init__(datasets[0])
        self.datasets = datasets
        for d in datasets[1:]:
            if d.get_col_names() != datasets[0].get_col_names():
                raise ValueError(f"Unable to concat datasets with different column names: "
                                 f"{datasets[0].get_col_names()} and {d.get_col_names()}.")

    def get_dataset_size(self) -> int:
        return sum(d.get_dataset_size() for d in self.datasets)

    def _rows(self, epoch: int) -> Iterator[Row]:
        for d in self.datasets:
            yield from d._rows(epoch)


class FilterDataset(Dataset):
    def __init__(self, child: Dataset, predicate: Callable, input_columns: list[str] | None) -> None:
        super().__init__(child)
        self.predicate, self.input_columns = predicate, input_columns

    def get_dataset_size(self) -> int:
        return sum(1 for _ in self._rows(0))

    def _rows(self, epoch: int) -> Iterator[Row]:
        names = self.child.get_col_names()
        positions = list(range(len(names))) if self.input_columns is None else [names.index(c)
                                                                                  for c in self.input_columns]
        for row in self.child._rows(epoch):
            if bool(np.all(self.predicate(*(row[i] for i in positions)))):
                yield row


class PaddedDataset(_Source):
    """Rows from a list of dicts (MindSpore's padding rows for sharded evaluation)."""

    def __init__(self, padded_samples: list[dict]) -> None:
        if not isinstance(padded_samples, list) or not padded_samples or not isinstance(padded_samples[0], dict):
            raise TypeError("Argument padded_samples should be a non-empty list of dict.")
        self._samples = padded_samples
        super().__init__(list(padded_samples[0]), len(padded_samples), False, None, None, None)

    def _get(self, index: int):
        return tuple(self._samples[index][c] for c in self._column_names)


def zip_datasets(datasets) -> ZipDataset:
    """`mindspore.dataset.zip`: rows of `datasets` side by side."""
    datasets = list(datasets)
    return ZipDataset(datasets)


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
        elif self._output_numpy:
            return list(row)
        return [_to_output(a, self._output_numpy) for a in row]

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
        return dict(zip(self._names, super()._convert(row), strict=False))
