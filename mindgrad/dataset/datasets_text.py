"""`TextFileDataset`, `CSVDataset` and `CLUEDataset`: rows of text files, with MindSpore's columns and dtypes.

`TextFileDataset` gives one `text` string per non-empty line. `CSVDataset` takes the column names
from `column_names` or the first line; each field is a string unless `column_defaults` gives its
type (an int default makes int32, a float float32), and an empty field takes the default.
`CLUEDataset` reads the JSON-lines files of a CLUE benchmark task: MindSpore's columns for the task and
usage, sorted by name, ids and span indices as uint32, CSL's keywords as a 1-D str array, the rest str.
"""

from __future__ import annotations

import csv
import glob
import json
import os

import numpy as np

from .datasets_standard_format import Shuffle, _shuffle_flag
from .engine import _Source

__all__ = ["TextFileDataset", "CSVDataset", "CLUEDataset"]


def _files(dataset_files) -> list[str]:
    files = [dataset_files] if isinstance(dataset_files, str) else list(dataset_files)
    for f in files:
        if not isinstance(f, str) or not os.path.isfile(f):
            raise ValueError(f"The file {f} does not exist or permission denied!")
    return files


class TextFileDataset(_Source):
    def __init__(self, dataset_files, num_samples=None, num_parallel_workers=None, shuffle=None, num_shards=None,
                 shard_id=None, cache=None) -> None:
        self._lines = []
        for path in _files(dataset_files):
            with open(path, encoding="utf-8") as f:
                self._lines += [line.rstrip("\r\n") for line in f if line.strip("\r\n")]
        shuffle = None if shuffle is None else bool(shuffle)
        super().__init__(["text"], len(self._lines), shuffle, num_samples, num_shards, shard_id)

    def _get(self, index: int):
        return (np.array(self._lines[index]),)


class CSVDataset(_Source):
    def __init__(self, dataset_files, field_delim: str = ",", column_defaults=None, column_names=None,
                 num_samples=None, num_parallel_workers=None, shuffle=None, num_shards=None, shard_id=None,
                 cache=None) -> None:
        rows: list[list[str]] = []
        names = list(column_names) if column_names else None
        for path in _files(dataset_files):
            with open(path, newline="", encoding="utf-8") as f:
                lines = list(csv.reader(f, delimiter=field_delim))
            if not column_names:
                header, lines = lines[0], lines[1:]
                names = names or header
            rows += [r for r in lines if r]
        self._defaults = list(column_defaults) if column_defaults else [""] * len(names)
        if len(self._defaults) != len(names):
            raise ValueError(f"The number of column_defaults {len(self._defaults)} does not match the number of "
                             f"columns {len(names)}.")
        for i, r in enumerate(rows):
            if len(r) != len(names):
                raise RuntimeError(f"Invalid csv, csv file row {i + 1} has {len(r)} fields, expected {len(names)}.")
        self._records = rows
        super().__init__(names, len(rows), shuffle, num_samples, num_shards, shard_id)

    def _get(self, index: int):
        out = []
        for text, default, name in zip(self._records[index], self._defaults, self._column_names, strict=True):
            if isinstance(default, str):
                out.append(np.array(text if text else default))
                continue
            kind = np.int32 if isinstance(default, int) else np.float32
            try:
                out.append(np.array(kind(float(text)) if kind is np.float32 else int(text), kind) if text
                           else np.array(default, kind))
            except ValueError as exc:
                raise RuntimeError(f"Invalid csv, column '{name}' value '{text}' is not a {kind.__name__}.") from exc
        return tuple(out)


# CLUE: the fields of each task's rows for train/eval, and for test ("id" first there, no label).
_CLUE_FIELDS = {"AFQMC": ("sentence1", "sentence2", "label"), "TNEWS": ("label", "label_desc", "sentence", "keywords"),
                "IFLYTEK": ("label", "label_des", "sentence"), "CMNLI": ("sentence1", "sentence2", "label"),
                "WSC": ("span1_index", "span2_index", "span1_text", "span2_text", "idx", "label", "text"),
                "CSL": ("id", "abst", "keyword", "label")}
_CLUE_TEST_FIELDS = {"AFQMC": ("id", "sentence1", "sentence2"), "TNEWS": ("id", "sentence", "keywords"),
                     "IFLYTEK": ("id", "sentence"), "CMNLI": ("id", "sentence1", "sentence2"),
                     "WSC": ("span1_index", "span2_index", "span1_text", "span2_text", "idx", "text"),
                     "CSL": ("id", "abst", "keyword")}
_CLUE_UINT = ("id", "idx", "span1_index", "span2_index")


def _clue_value(name: str, value) -> np.ndarray:
    if name in _CLUE_UINT:
        return np.array(int(value), np.uint32)
    if name == "keyword":
        return np.array([str(v) for v in value])
    return np.array(str(value))


class CLUEDataset(_Source):
    """Rows of CLUE task files (JSON lines; `dataset_files` a path, a glob pattern or a list of them)."""

    def __init__(self, dataset_files, task: str = "AFQMC", usage: str = "train", num_samples=None,
                 num_parallel_workers=None, shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None,
                 cache=None) -> None:
        patterns = [dataset_files] if isinstance(dataset_files, str) else list(dataset_files)
        files = [f for p in patterns for f in sorted(glob.glob(p))]
        if not files:
            raise ValueError(f"The following patterns did not match any files: {patterns}.")
        if task not in _CLUE_FIELDS:
            raise ValueError("task should be 'AFQMC', 'TNEWS', 'IFLYTEK', 'CMNLI', 'WSC' or 'CSL'.")
        if usage not in ("train", "test", "eval"):
            raise ValueError("usage should be 'train', 'test' or 'eval'.")
        fields = sorted(_CLUE_TEST_FIELDS[task] if usage == "test" else _CLUE_FIELDS[task])
        self._clue_rows = []
        for path in files:
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                        row.update(row.pop("target", None) or {})
                        self._clue_rows.append(tuple(_clue_value(name, row[name]) for name in fields))
                    except (ValueError, KeyError, TypeError) as exc:
                        raise RuntimeError(f"Invalid CLUE file {path}, line {number}: {exc!r} (task {task}, "
                                           f"usage {usage} needs the fields {list(fields)}).") from exc
        super().__init__(fields, len(self._clue_rows), _shuffle_flag(shuffle), num_samples, num_shards, shard_id)

    def _get(self, index: int):
        return self._clue_rows[index]
