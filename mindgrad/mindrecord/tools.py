"""`mindspore.mindrecord` converters (`Cifar10ToMR`, `Cifar100ToMR`, `MnistToMR`, `ImageNetToMR`, `CsvToMR`,
`TFRecordToMR`):
datasets in their download formats to MindRecord files with MindSpore's schemas, file names and page sizes,
byte for byte what MindSpore writes (MNIST and CIFAR checked against it; CsvToMR against the FileWriter calls
MindSpore's makes). Images are stored JPEG-encoded with OpenCV as MindSpore stores them (CIFAR in BGR
order); like MindSpore, the CIFAR batches and ImageNet folders are read in `os.listdir` order. `TFRecordToMR`
reads the TFRecord file without TensorFlow (the reader of `dataset.TFRecordDataset`)."""

from __future__ import annotations

import csv
import gzip
import os
import pickle
import struct
from string import punctuation

import numpy as np

from .filewriter import FileWriter

__all__ = ["Cifar10ToMR", "Cifar100ToMR", "MnistToMR", "ImageNetToMR", "CsvToMR", "TFRecordToMR"]


def _jpeg(image: np.ndarray) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".jpeg", image)
    if not ok:
        raise RuntimeError("Failed to encode an image as JPEG.")
    return buf.tobytes()


def _check_source(path: str, what: str) -> None:
    if not isinstance(path, str) or not os.path.exists(path):
        raise ValueError(f"Parameter {what}: {path} does not exist.")


def _write(destination: str, schema: dict, desc: str, rows: list[dict], fields, shard_num: int = 1,
           page_size: int | None = None) -> None:
    writer = FileWriter(destination, shard_num, overwrite=True)
    if page_size is not None:
        writer.set_page_size(page_size)
    writer.add_schema(schema, desc)
    if fields:
        writer.add_index(list(fields))
    if rows:
        writer.write_raw_data(rows)
    writer.commit()


class Cifar10ToMR:
    """CIFAR-10 python batches in `source` to `destination` (train) and `destination + "_test"`."""

    _LABELS = [("label", b"labels")]

    def __init__(self, source: str, destination: str) -> None:
        _check_source(source, "source")
        self.source, self.destination = source, destination

    def _batches(self, names: list[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        images, labels = [], [[] for _ in self._LABELS]
        for name in names:
            with open(os.path.join(self.source, name), "rb") as f:
                batch = pickle.load(f, encoding="bytes")
            images.append(np.asarray(batch[b"data"], np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)[..., ::-1])
            for out, (_, key) in zip(labels, self._LABELS, strict=True):
                out.extend(batch[key])
        return np.concatenate(images), [np.asarray(x, np.int64) for x in labels]

    def _files(self) -> tuple[list[str], list[str]]:
        names = os.listdir(self.source)
        return [n for n in names if n.startswith("data_batch")], [n for n in names if n.startswith("test_batch")]

    def transform(self, fields: list[str] | None = None) -> None:
        """Write both files, indexing `fields`."""
        schema = {"id": {"type": "int64"}, **{name: {"type": "int64"} for name, _ in self._LABELS},
                  "data": {"type": "bytes"}}
        for names, destination, desc in zip(self._files(), (self.destination, self.destination + "_test"),
                                            ("img_train", "img_test"), strict=True):
            images, labels = self._batches(names)
            rows = [{"id": i, **{name: int(lab[i]) for (name, _), lab in zip(self._LABELS, labels, strict=True)},
                     "data": _jpeg(images[i])} for i in range(len(images))]
            _write(destination, schema, desc, rows, fields)

    run = transform


class Cifar100ToMR(Cifar10ToMR):
    """CIFAR-100 python files (`train`, `test`): `fine_label` and `coarse_label` columns."""

    _LABELS = [("fine_label", b"fine_labels"), ("coarse_label", b"coarse_labels")]

    def _files(self) -> tuple[list[str], list[str]]:
        return ["train"], ["test"]


def _idx(path: str, magic: int, dims: int) -> np.ndarray:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if struct.unpack(">I", data[:4])[0] != magic:
        raise RuntimeError(f"Invalid file, {path} is not an idx-ubyte file.")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


class MnistToMR:
    """MNIST idx files (gzipped or not) in `source` to `destination_train.mindrecord` and
    `destination_test.mindrecord`, each in `partition_number` shards."""

    def __init__(self, source: str, destination: str, partition_number: int = 1) -> None:
        _check_source(source, "source")
        self.source, self.destination, self.partition_number = source, destination, partition_number

    def _find(self, name: str) -> str:
        for candidate in (name + ".gz", name):
            path = os.path.join(self.source, candidate)
            if os.path.isfile(path):
                return path
        raise ValueError(f"Parameter source: {self.source} does not contain {name}.")

    def transform(self) -> None:
        schema = {"label": {"type": "int64"}, "data": {"type": "bytes"}}
        for prefix, part in (("train", "train"), ("t10k", "test")):
            images = _idx(self._find(f"{prefix}-images-idx3-ubyte"), 2051, 3)
            labels = _idx(self._find(f"{prefix}-labels-idx1-ubyte"), 2049, 1)
            rows = [{"label": int(label), "data": _jpeg(image)} for image, label in zip(images, labels, strict=True)]
            _write(f"{self.destination}_{part}.mindrecord", schema, "mnist_schema", rows, ["label"],
                   self.partition_number, page_size=1 << 26)

    run = transform


class ImageNetToMR:
    """An image folder and its `map_file` (lines `class_dir label`) to MindRecord: `label` int32, `image`
    bytes (the JPEG file's own bytes), `file_name` (its path) string; 64 MB pages."""

    def __init__(self, map_file: str, image_dir: str, destination: str, partition_number: int = 1) -> None:
        _check_source(map_file, "map_file")
        _check_source(image_dir, "image_dir")
        self.map_file, self.image_dir = map_file, image_dir
        self.destination, self.partition_number = destination, partition_number

    def transform(self) -> None:
        with open(self.map_file) as f:
            labels = {parts[1]: parts[0] for parts in (line.split(" ") for line in f.read().splitlines()) if
                      len(parts) > 1}
        rows = []
        for label, folder in labels.items():
            directory = os.path.realpath(os.path.join(self.image_dir, folder))
            if not os.path.isdir(directory):
                continue
            for name in os.listdir(directory):
                path = os.path.join(directory, name)
                if not name.endswith(("JPEG", "jpg")):
                    continue
                with open(path, "rb") as f:
                    rows.append({"label": int(label), "image": f.read(), "file_name": str(path)})
        schema = {"label": {"type": "int32"}, "image": {"type": "bytes"}, "file_name": {"type": "string"}}
        _write(self.destination, schema, "imagenet_schema", rows, ["label", "file_name"], self.partition_number,
               page_size=1 << 26)

    run = transform


def _csv_column_type(values: list[str]) -> str:
    """The MindRecord type pandas' `read_csv` gives a CSV column (MindSpore's CsvToMR maps int64 -> int64,
    float64 -> float64, bool -> int32, anything else -> string)."""
    def all_parse(kind) -> bool:
        try:
            for v in values:
                kind(v)
        except ValueError:
            return False
        return True

    present = [v for v in values if v != ""]
    if present and len(present) == len(values) and all_parse(int):
        return "int64"
    if present and all(v in ("True", "False", "TRUE", "FALSE", "true", "false") for v in values):
        return "int32"
    if present and all_parse(lambda v: float(v) if v != "" else 0.0):
        return "float64"
    return "string"


def _csv_value(text: str, kind: str):
    if kind == "int64":
        return int(text)
    if kind == "int32":
        return int(text.lower() == "true")
    if kind == "float64":
        return float(text) if text != "" else float("nan")
    return text


class CsvToMR:
    """A CSV file (first line the column names) to MindRecord, as MindSpore's CsvToMR writes it: each column's
    type is what pandas infers (int64, float64, bool stored as int32, else string; read here without pandas),
    every column indexed, 16 MB header, 64 MB pages, `partition_number` shards."""

    def __init__(self, source: str, destination: str, columns_list: list[str] | None = None,
                 partition_number: int = 1) -> None:
        if not isinstance(source, str):
            raise ValueError("The parameter source must be str.")
        if columns_list and (not isinstance(columns_list, list) or not all(isinstance(c, str) for c in columns_list)):
            raise ValueError("The parameter columns_list must be list of str.")
        if not isinstance(destination, str):
            raise ValueError("The parameter destination must be str.")
        if not isinstance(partition_number, int) or isinstance(partition_number, bool):
            raise ValueError("The parameter partition_number must be int")
        self.source, self.destination = source, destination
        self.columns_list, self.partition_number = columns_list, partition_number

    def transform(self) -> None:
        if not os.path.exists(self.source):
            raise IOError(f"Csv file {self.source} do not exist.")
        with open(self.source, newline="", encoding="utf-8") as f:
            lines = [r for r in csv.reader(f) if r]
        header, records = lines[0], lines[1:]
        columns = list(self.columns_list or header)
        for c in columns:
            if c not in header:
                raise RuntimeError(f"The parameter columns_list is illegal, column {c} does not exist.")
        values = {c: [r[header.index(c)] if header.index(c) < len(r) else "" for r in records] for c in columns}
        kinds = {c: _csv_column_type(values[c]) for c in columns}
        for c in columns:
            if c.isdigit():
                raise ValueError(f"The first line content: {c} of the CSV file is used as a column name and does not "
                                 f"allow starting with a number.")
        writer = FileWriter(self.destination, self.partition_number)
        writer.set_header_size(1 << 24)
        writer.set_page_size(1 << 26)
        writer.add_schema({c: {"type": kinds[c]} for c in columns}, "csv_schema")
        writer.add_index(columns)
        rows = [{c: _csv_value(values[c][i], kinds[c]) for c in columns} for i in range(len(records))]
        for start in range(0, len(rows), 256):
            writer.write_raw_data(rows[start:start + 256])
        writer.commit()

    run = transform


# The MindRecord type of each TensorFlow dtype (by name), as MindSpore's TFRecordToMR maps them.
_TF_TYPES = {"string": "string", "int8": "int32", "int16": "int32", "int32": "int32", "int64": "int64",
             "uint8": "int32", "uint16": "int32", "uint32": "int64", "uint64": "int64", "bool": "int32",
             "float16": "float32", "float32": "float32", "float64": "float64", "double": "float64"}
_FORBIDDEN = set('\\/:*?"<>|`&;\'')


def _tf_type(dtype) -> str | None:
    """A feature's dtype by name: a str, an object with a `name` (a TensorFlow DType, a NumPy dtype), or a NumPy
    type (bytes and str types are "string")."""
    if isinstance(dtype, str):
        return dtype
    name = getattr(dtype, "name", None)
    if isinstance(name, str):
        return name
    try:
        name = np.dtype(dtype).name
    except TypeError:
        return None
    return "string" if name.startswith(("bytes", "str")) else name


def _field_name(key: str) -> str:
    """A feature name as a MindRecord field name: punctuation and spaces (but `_`) become `_`."""
    return "".join("_" if c in punctuation.replace("_", "") + " " else c for c in key)


def _check_file_name(path, what: str) -> None:
    if not path:
        raise ValueError(f"Parameter '{what}' is not allowed None or empty!")
    if not isinstance(path, str):
        raise ValueError(f"Parameter {what} must be string.")
    if path.endswith("/"):
        raise ValueError(f"Parameter {what}: file path can not end with '/'")
    name = os.path.basename(path)
    if set(name) & _FORBIDDEN:
        raise ValueError(f"Parameter {what}: file name should not contains \\/:*?\"<>|`&;\'")
    if name.startswith(" ") or name.endswith(" "):
        raise ValueError(f"Parameter {what}: file name should not start/end with space.")


class TFRecordToMR:
    """A TFRecord file of tf.train.Example records to one MindRecord file, as MindSpore's TFRecordToMR writes it,
    without TensorFlow.

    `feature_dict` maps each feature to a `tf.io.FixedLenFeature` or any object with the same attributes: `shape`
    (`[]` for a scalar, `[n]` for a list of n values) and `dtype` (a TensorFlow dtype, a NumPy dtype or a type
    name such as "string", "int64", "float32"), and optionally `default_value` for records without the feature.
    A scalar string is stored as a `string` field (UTF-8), or as `bytes` when named in `bytes_fields`; integer
    types as int32/int64, float types as float32/float64 (MindSpore's table); names have punctuation and spaces
    replaced by `_`. Reading follows TensorFlow's `parse_single_example`: a string feature reads the record's
    bytes list, an integer one its int64 list, a float one its float list, and a missing feature (without
    default) or a wrong number of values raises ValueError("TFRecord feature_dict parameter error.").
    """

    def __init__(self, source: str, destination: str, feature_dict: dict, bytes_fields: list[str] | None = None
                 ) -> None:
        _check_file_name(source, "source")
        _check_file_name(destination, "destination")
        if feature_dict is None or not isinstance(feature_dict, dict):
            raise ValueError("Parameter feature_dict is None or not dict.")
        for feature in feature_dict.values():
            if not hasattr(feature, "shape") or not hasattr(feature, "dtype"):
                raise ValueError(f"Parameter feature_dict: {feature_dict} only support FixedLenFeature.")
        self.source, self.destination, self.feature_dict = source, destination, feature_dict
        if bytes_fields is not None and not isinstance(bytes_fields, list):
            raise ValueError(f"Parameter bytes_fields: {bytes_fields} must be list(str).")
        for item in bytes_fields or []:
            if not isinstance(item, str):
                raise ValueError(f"Parameter bytes_fields's item: {item} is not str.")
            if item not in feature_dict:
                raise ValueError(f"Parameter bytes_fields's item: {item} is not in feature_dict: {feature_dict}.")
            if not isinstance(feature_dict[item].shape, list):
                raise ValueError(f"Parameter feature_dict[{item}].shape should be a list.")
            if _tf_type(feature_dict[item].dtype) != "string":
                raise ValueError(f"Parameter bytes_field: {item} should be tf.string in feature_dict.")
        self.bytes_fields_list = [_field_name(item) for item in bytes_fields or []]
        self.mindrecord_schema = {_field_name(key): self._field(key, feature) for key, feature in feature_dict.items()}

    def _field(self, key: str, feature) -> dict:
        kind = _tf_type(feature.dtype)
        if kind not in _TF_TYPES:
            raise ValueError(f"Type {feature.dtype} is not supported in MindRecord.")
        if not feature.shape:
            return {"type": "bytes" if _field_name(key) in self.bytes_fields_list else _TF_TYPES[kind]}
        if len(feature.shape) != 1:
            raise ValueError(f"Parameter len(feature_dict[{key}].shape) should be 1.")
        if not isinstance(feature.shape[0], int):
            raise ValueError(f'Invalid parameter feature_dict, value and type mismatch, please check item of '
                             f'feature_dict["{key}"].')
        if feature.shape[0] < 1:
            raise ValueError(f"Parameter feature_dict[{key}].shape[0] should > 0")
        if kind == "string":
            raise ValueError(f"Parameter feature_dict[{key}].dtype is tf.string which shape[0] is not None. It is "
                             f"not supported.")
        return {"type": _TF_TYPES[kind], "shape": [feature.shape[0]]}

    def _row(self, example: dict) -> dict:
        """One record's fields, read as TensorFlow's parser reads a FixedLenFeature."""
        row = {}
        for key, feature in self.feature_dict.items():
            name = _field_name(key)
            field, kind = self.mindrecord_schema[name], _TF_TYPES[_tf_type(feature.dtype)]
            value = example.get(key)
            if value is None or len(value) == 0:
                default = getattr(feature, "default_value", None)
                if default is None:
                    raise ValueError("TFRecord feature_dict parameter error.")
                value = ([default.encode() if isinstance(default, str) else default] if kind == "string" else
                         np.ravel(np.asarray(default, np.int64 if kind.startswith("int") else np.float32)))
            if kind == "string":
                read = isinstance(value, list)
            else:
                read = isinstance(value, np.ndarray) and value.dtype.kind == ("i" if kind.startswith("int") else "f")
            if not read or len(value) != (feature.shape[0] if feature.shape else 1):
                raise ValueError("TFRecord feature_dict parameter error.")
            if "shape" in field:
                row[name] = np.asarray(value, field["type"])
            elif kind == "string":
                row[name] = bytes(value[0]) if field["type"] == "bytes" else bytes(value[0]).decode("utf-8")
            else:
                row[name] = int(value[0]) if kind.startswith("int") else float(value[0])
        return row

    def run(self):
        """Write the MindRecord file: the records in order, 256 rows per `write_raw_data`."""
        from ..dataset.datasets_standard_format import _example, _records

        if not os.path.isfile(self.source):
            raise ValueError(f"Parameter source: {self.source} does not exist.")
        rows = [self._row(_example(record)) for record in _records(self.source)]
        writer = FileWriter(self.destination)
        writer.add_schema(self.mindrecord_schema, "TFRecord to MindRecord")
        for start in range(0, len(rows), 256):
            writer.write_raw_data(rows[start:start + 256], True)
        return writer.commit()

    transform = run
