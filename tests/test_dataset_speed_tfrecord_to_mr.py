"""`mindrecord.TFRecordToMR` without TensorFlow: FixedLenFeature-like objects (shape, dtype) describe the features of
the checked-in TFRecord file (`tests/golden/data/tfrecord`, 4 tf.train.Example records: `label` int64 x2, `coords`
float32 x3, `image` PNG bytes); the MindRecord file written reads back with MindSpore's schema and values."""

import collections
import os

import numpy as np
import pytest

import mindgrad as ms
from mindgrad.dataset.datasets_standard_format import _example, _records

SOURCE = os.path.join(os.path.dirname(__file__), "golden", "data", "tfrecord", "data.tfrecord")
Feature = collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"], defaults=[None])


class DType:
    """Stands for a TensorFlow DType: only its `name` is read."""

    def __init__(self, name):
        self.name = name


def test_tfrecord_to_mr_writes_mindspores_schema_and_values(tmp_path):
    target = str(tmp_path / "out.mindrecord")
    features = {"label": Feature([2], DType("int64")), "coords": Feature([3], np.float32),
                "image": Feature([], "string"), "missing-one": Feature([], DType("float32"), 1.5)}
    convert = ms.mindrecord.TFRecordToMR(SOURCE, target, features, ["image"])
    assert convert.mindrecord_schema == {"label": {"type": "int64", "shape": [2]},
                                         "coords": {"type": "float32", "shape": [3]},
                                         "image": {"type": "bytes"}, "missing_one": {"type": "float32"}}
    convert.transform()
    reader = ms.mindrecord.FileReader(target)
    rows = list(reader.get_next())
    reader.close()
    examples = [_example(r) for r in _records(SOURCE)]
    assert len(rows) == 4
    for row, example in zip(rows, examples, strict=True):
        np.testing.assert_array_equal(row["label"], example["label"])
        assert row["label"].dtype == np.int64 and row["coords"].dtype == np.float32
        np.testing.assert_array_equal(row["coords"], example["coords"])
        assert row["image"] == example["image"][0] and row["missing_one"] == 1.5
    data = ms.dataset.MindDataset(target, shuffle=False).map(ms.dataset.vision.Decode(), input_columns="image")
    first = next(data.create_dict_iterator(output_numpy=True))
    assert first["image"].shape == (6, 5, 3) and first["label"].tolist() == [0, 0]


def test_tfrecord_to_mr_bad_input(tmp_path):
    target = str(tmp_path / "bad.mindrecord")
    with pytest.raises(ValueError, match="only support FixedLenFeature"):
        ms.mindrecord.TFRecordToMR(SOURCE, target, {"label": "int64"})
    with pytest.raises(ValueError, match="should be tf.string"):
        ms.mindrecord.TFRecordToMR(SOURCE, target, {"label": Feature([2], "int64")}, ["label"])
    with pytest.raises(ValueError, match="not supported"):
        ms.mindrecord.TFRecordToMR(SOURCE, target, {"image": Feature([2], "string")})
    with pytest.raises(ValueError, match="file name should not contains"):
        ms.mindrecord.TFRecordToMR(SOURCE, str(tmp_path / "a:b"), {"label": Feature([2], "int64")})
    wrong = [{"label": Feature([3], "int64")}, {"coords": Feature([3], "int64")}, {"nope": Feature([], "int64")}]
    for features in wrong:
        with pytest.raises(ValueError, match="TFRecord feature_dict parameter error"):
            ms.mindrecord.TFRecordToMR(SOURCE, target, features).transform()
    assert os.listdir(tmp_path) == []
