"""`MindDataset` (MindRecord files) and `TFRecordDataset` (TFRecord files of tf.train.Example, read without
TensorFlow), with MindSpore's columns and dtypes.

`MindDataset` gives the columns sorted by name (or `columns_list`): a `string` field as a 0-d str
array, `bytes` as a (1,) bytes array (what `vision.Decode` takes), scalars as 0-d arrays of the
schema's dtype and array fields in their schema shape. A single file stands for every shard of its
set; a list reads just those files. Shards and samplers split rows as MindSpore does.
"""

from __future__ import annotations

import os
import struct
from enum import Enum

import numpy as np

from ..mindrecord import _format
from ..mindrecord.filereader import _Table
from .engine import _check_shards, _Source

__all__ = ["MindDataset", "TFRecordDataset", "Shuffle"]


class Shuffle(str, Enum):
    GLOBAL = "global"
    FILES = "files"
    INFILE = "infile"


def _shuffle_flag(shuffle):
    if isinstance(shuffle, Shuffle):
        return shuffle != Shuffle.INFILE or None
    return shuffle


class MindDataset(_Source):
    """Rows of MindRecord files."""

    def __init__(self, dataset_files, columns_list: list[str] | None = None, num_parallel_workers=None,
                 shuffle=None, num_shards=None, shard_id=None, sampler=None, padded_sample=None, num_padded=None,
                 num_samples=None, cache=None) -> None:
        files = [dataset_files] if isinstance(dataset_files, str) else list(dataset_files)
        for f in files:
            if not isinstance(f, str) or not os.path.isfile(f):
                raise ValueError(f"The file {f} does not exist or permission denied!")
        self._table = _Table(dataset_files, all_shards=isinstance(dataset_files, str))
        schema = self._table.schema
        columns = sorted(schema) if columns_list is None else list(columns_list)
        for c in columns:
            if c not in schema:
                raise RuntimeError(f"Invalid data, column name: {c} is not in the schema of the MindRecord file.")
        self._schema = schema
        self._padded = (dict(padded_sample), int(num_padded or 0)) if padded_sample is not None else None
        length = len(self._table) + (self._padded[1] if self._padded else 0)
        super().__init__(columns, length, _shuffle_flag(shuffle), num_samples, num_shards, shard_id, sampler)

    def _column(self, name: str, value):
        field = self._schema[name]
        if field["type"] == "bytes":
            value = bytes(value)
            return np.array([value], dtype=f"S{max(len(value), 1)}")
        if field["type"] == "string":
            return np.array(value)
        if "shape" in field:
            return value
        return np.array(value, _format.NP_TYPES[field["type"]])

    def _get(self, index: int):
        if index >= len(self._table):
            sample = self._padded[0]
            return tuple(self._column(c, sample[c]) for c in self._column_names)
        scalars, blobs = self._table.read(index)
        scalars.update(blobs)
        return tuple(self._column(c, scalars[c]) for c in self._column_names)


# ---- TFRecord ------------------------------------------------------------------------------------------------

def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    out = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        out |= (b & 0x7f) << shift
        shift += 7
        if b < 0x80:
            return out, pos


def _fields(buf: bytes):
    """(field number, wire type, value) of a protobuf message; value is bytes for length-delimited fields."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            n, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + n], pos + n
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise RuntimeError(f"Invalid TFRecord data: unsupported protobuf wire type {wire}.")
        yield number, wire, value


def _feature(buf: bytes):
    """A tf.train.Feature as a list of bytes, a float32 array or an int64 array."""
    for number, _, value in _fields(buf):
        if number == 1:
            return [v for _, _, v in _fields(value)]
        if number == 2:
            return np.frombuffer(b"".join(v for _, _, v in _fields(value)), "<f4").copy()
        if number == 3:
            ints = []
            for _, wire, v in _fields(value):
                if wire == 2:
                    pos = 0
                    while pos < len(v):
                        x, pos = _varint(v, pos)
                        ints.append(x)
                else:
                    ints.append(v)
            return np.array([x - (1 << 64) if x >= 1 << 63 else x for x in ints], np.int64)
    return []


def _example(buf: bytes) -> dict:
    out = {}
    for number, _, features in _fields(buf):
        if number != 1:
            continue
        for fnum, _, entry in _fields(features):
            if fnum != 1:
                continue
            key, value = None, b""
            for enum, _, v in _fields(entry):
                if enum == 1:
                    key = v.decode()
                elif enum == 2:
                    value = v
            out[key] = _feature(value)
    return out


def _records(path: str) -> list[bytes]:
    with open(path, "rb") as f:
        data = f.read()
    out, pos = [], 0
    while pos < len(data):
        if pos + 12 > len(data):
            raise RuntimeError(f"Invalid TFRecord file, {path} is truncated.")
        (n,) = struct.unpack_from("<Q", data, pos)
        if pos + 16 + n > len(data):
            raise RuntimeError(f"Invalid TFRecord file, {path} is truncated.")
        out.append(data[pos + 12:pos + 12 + n])
        pos += 16 + n
    return out


class TFRecordDataset(_Source):
    """tf.train.Example records: a bytes feature as uint8 (its bytes), float_list float32, int64_list int64.

    Columns are the features of the first record sorted by name, or `columns_list`, or the schema's. Shards
    take whole files (file `i` to shard `i % num_shards`), or with `shard_equal_rows` equal runs of rows.
    """

    def __init__(self, dataset_files, schema=None, columns_list=None, num_samples=None, num_parallel_workers=None,
                 shuffle=None, num_shards=None, shard_id=None, shard_equal_rows: bool = False, cache=None,
                 compression_type=None) -> None:
        files = [dataset_files] if isinstance(dataset_files, str) else list(dataset_files)
        for f in files:
            if not isinstance(f, str) or not os.path.isfile(f):
                raise ValueError(f"The file {f} does not exist or permission denied!")
        _check_shards(num_shards, shard_id)
        per_file = [[_example(r) for r in _records(f)] for f in files]
        if num_shards is not None and not shard_equal_rows:
            if len(files) < num_shards:
                raise RuntimeError(f"Invalid file, numbers of tfrecord file should not less than num_shards when "
                                   f"shard_equal_rows is false, but got numbers of tfrecord file: {len(files)}, "
                                   f"num_shards: {num_shards}")
            per_file = per_file[shard_id::num_shards]
        self._examples = [e for examples in per_file for e in examples]
        if num_shards is not None and shard_equal_rows:
            per_shard = -(-len(self._examples) // num_shards)
            self._examples = self._examples[shard_id * per_shard:(shard_id + 1) * per_shard]
        if columns_list is None and schema is not None:
            schema = schema if hasattr(schema, "columns") else None
            columns_list = [c["name"] for c in schema.columns] if schema is not None else None
        columns = list(columns_list) if columns_list else sorted(self._examples[0]) if self._examples else []
        super().__init__(columns, len(self._examples), _shuffle_flag(shuffle), num_samples, None, None)

    def _get(self, index: int):
        example = self._examples[index]
        out = []
        for c in self._column_names:
            if c not in example:
                raise RuntimeError(f"Invalid data, column {c} is not a feature of TFRecord row {index}.")
            value = example[c]
            if isinstance(value, list):
                value = np.frombuffer(value[0], np.uint8).copy() if len(value) == 1 else np.array(value, dtype=bytes)
            out.append(value)
        return tuple(out)
