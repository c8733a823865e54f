"""mindgrad.mindrecord beyond the golden fixtures: round trips, appends, converters, and bad input (a
truncated or corrupt file, a missing index file, an existing target, a failed commit leaving no file).

Byte-for-byte agreement with MindSpore's writer (plain, sharded, appended) and reading in both directions
are checked by tests/test_dataset_golden.py; the converters were checked byte for byte against MindSpore's
when written (MindSpore's converters need OpenCV, which the oracle environment lacks)."""

import gzip
import os
import pickle
import shutil
import struct

import numpy as np
import pytest

import mindgrad as ms
from mindgrad.mindrecord import FileReader, FileWriter

DATA = os.path.join(os.path.dirname(__file__), "golden", "data")
SCHEMA = {"name": {"type": "string"}, "label": {"type": "int32"}, "img": {"type": "bytes"},
          "vec": {"type": "float32", "shape": [-1]}, "ids": {"type": "int64", "shape": [2, 2]}}


def _rows(n):
    return [{"name": f"r{i}", "label": i, "img": bytes([i]) * (i + 1), "vec": np.arange(i + 1, dtype=np.float32),
             "ids": np.arange(4, dtype=np.int64).reshape(2, 2) * 10 ** i} for i in range(n)]


def _writer(path, **kw):
    w = FileWriter(path, **kw)
    w.set_header_size(1 << 14)
    w.set_page_size(1 << 15)
    w.add_schema(SCHEMA, "t")
    return w


def test_round_trip_and_dataset(tmp_path):
    path = str(tmp_path / "a.mindrecord")
    w = _writer(path)
    w.add_index(["label"])
    w.write_raw_data(_rows(3))
    w.write_raw_data([{"bad": 1}, *_rows(5)[3:]])  # the row that does not fit the schema is skipped
    assert w.commit() is None
    reader = FileReader(path)
    rows = list(reader.get_next())
    reader.close()
    assert [r["label"] for r in rows] == [0, 1, 2, 3, 4]
    assert rows[2]["img"] == b"\x02\x02\x02" and rows[4]["ids"].tolist() == [[0, 10000], [20000, 30000]]
    assert rows[1]["vec"].dtype == np.float32 and rows[1]["vec"].tolist() == [0.0, 1.0]
    ds = ms.dataset.MindDataset(path, columns_list=["label", "name"], num_shards=2, shard_id=1, shuffle=False)
    assert [(int(a), str(b)) for a, b in ds.create_tuple_iterator(output_numpy=True)] == [(1, "r1"), (3, "r3"),
                                                                                       (0, "r0")]


def test_append(tmp_path):
    path = str(tmp_path / "b.mindrecord")
    w = _writer(path)
    w.write_raw_data(_rows(2))
    w.commit()
    appender = FileWriter.open_for_append(path)
    appender.write_raw_data(_rows(4)[2:])
    appender.commit()
    ds = ms.dataset.MindDataset(path, shuffle=False)
    assert [int(r["label"]) for r in ds.create_dict_iterator(output_numpy=True)] == [0, 1, 2, 3]


def test_sharded_files_and_pages(tmp_path):
    path = str(tmp_path / "c.mindrecord")
    w = _writer(path, shard_num=3)
    w.write_raw_data([{**r, "img": bytes(9000)} for r in _rows(10)])  # several blob pages per shard
    w.commit()
    assert sorted(os.listdir(tmp_path)) == sorted(f"c.mindrecord{k}{e}" for k in range(3) for e in ("", ".db"))
    every = ms.dataset.MindDataset(path + "2", shuffle=False)
    assert sorted(int(r["label"]) for r in every.create_dict_iterator(output_numpy=True)) == list(range(10))
    one = ms.dataset.MindDataset([path + "0"], shuffle=False)
    assert [int(r["label"]) for r in one.create_dict_iterator(output_numpy=True)] == [0, 1, 2]


def test_no_commit_or_failed_commit_leaves_no_file(tmp_path):
    path = str(tmp_path / "d.mindrecord")
    w = _writer(path)
    w.write_raw_data(_rows(2))
    del w
    assert not os.path.exists(path)
    w = FileWriter(path)
    w.set_header_size(1 << 14)
    w.add_schema({"x": {"type": "int32"}}, "d" * 20000)  # the header cannot fit in 16 KB
    w.write_raw_data([{"x": 1}])
    with pytest.raises(RuntimeError, match="header"):
        w.commit()
    assert [f for f in os.listdir(tmp_path) if not f.endswith(".writing")] == []
    assert not os.path.exists(path) and not os.path.exists(path + ".db")
    assert os.listdir(tmp_path) == []


def test_bad_files(tmp_path):
    src = os.path.join(DATA, "mindrecord", "oracle.mindrecord")
    (tmp_path / "good").mkdir()
    good = str(tmp_path / "good" / "oracle.mindrecord")  # a shard set keeps its file names (the header lists them)
    shutil.copy(src, good)
    with pytest.raises(RuntimeError, match="oracle.mindrecord.db"):
        FileReader(good)  # no index file beside it
    shutil.copy(src + ".db", good + ".db")
    assert FileReader(good).len() == 7
    for name, data in (("cut", open(src, "rb").read()[:20000]),
                       ("junk", struct.pack("<Q", 30) + b"{not json" + bytes(100)), ("tiny", b"\x01")):
        (tmp_path / name).mkdir()
        bad = str(tmp_path / name / "oracle.mindrecord")
        with open(bad, "wb") as f:
            f.write(data)
        shutil.copy(src + ".db", bad + ".db")
        with pytest.raises(RuntimeError, match=f"{name}/oracle.mindrecord"):
            FileReader(bad)
        with pytest.raises(RuntimeError, match=f"{name}/oracle.mindrecord"):
            ms.dataset.MindDataset(bad)
    with pytest.raises(ValueError, match="does not exist"):
        ms.dataset.MindDataset(str(tmp_path / "missing.mindrecord"))
    existing = FileWriter(good)  # MindSpore refuses an existing file at the first write
    existing.add_schema({"x": {"type": "int32"}})
    with pytest.raises(RuntimeError, match="already exist"):
        existing.write_raw_data([{"x": 1}])
    w = FileWriter(str(tmp_path / "e.mindrecord"))
    w.add_schema({"x": {"type": "int32"}})
    with pytest.raises(RuntimeError, match="no valid data"):
        w.write_raw_data([{"x": "one"}])
    with pytest.raises(ValueError, match="type"):
        FileWriter(str(tmp_path / "f.mindrecord")).add_schema({"x": {"type": "complex"}})


def test_converters(tmp_path):
    rng = np.random.default_rng(0)
    src = tmp_path / "cifar"
    src.mkdir()
    for name in [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]:
        with open(src / name, "wb") as f:
            pickle.dump({b"data": rng.integers(0, 256, (2, 3072), dtype=np.uint8), b"labels": [3, 7]}, f)
    ms.mindrecord.Cifar10ToMR(str(src), str(tmp_path / "cifar.mindrecord")).transform(["label"])
    ds = ms.dataset.MindDataset(str(tmp_path / "cifar.mindrecord_test"), shuffle=False)
    ds = ds.map(ms.dataset.vision.Decode(), input_columns="data")
    rows = list(ds.create_dict_iterator(output_numpy=True))
    assert [int(r["label"]) for r in rows] == [3, 7] and rows[0]["data"].shape == (32, 32, 3)

    mnist = tmp_path / "mnist"
    mnist.mkdir()
    for name in os.listdir(os.path.join(DATA, "mnist")):
        with open(os.path.join(DATA, "mnist", name), "rb") as f, gzip.open(mnist / (name + ".gz"), "wb") as g:
            g.write(f.read())
    ms.mindrecord.MnistToMR(str(mnist), str(tmp_path / "mn")).transform()
    labels = ms.dataset.MnistDataset(os.path.join(DATA, "mnist"), usage="test", shuffle=False)
    converted = ms.dataset.MindDataset(str(tmp_path / "mn_test.mindrecord"), shuffle=False)
    assert [int(r[1]) for r in labels.create_tuple_iterator(output_numpy=True)] == \
        [int(r["label"]) for r in converted.create_dict_iterator(output_numpy=True)]

    (tmp_path / "imgs" / "n01").mkdir(parents=True)
    shutil.copy(os.path.join(DATA, "images", "dog", "c.jpg"), tmp_path / "imgs" / "n01" / "x.jpg")
    shutil.copy(os.path.join(DATA, "images", "cat", "b.png"), tmp_path / "imgs" / "n01" / "skipped.png")
    (tmp_path / "map.txt").write_text("n01 4\n")
    ms.mindrecord.ImageNetToMR(str(tmp_path / "map.txt"), str(tmp_path / "imgs"), str(tmp_path / "in.mr")).transform()
    reader = FileReader(str(tmp_path / "in.mr"))
    (row,) = list(reader.get_next())
    reader.close()
    assert row["label"] == 4 and row["file_name"].endswith("x.jpg") and row["image"][:2] == b"\xff\xd8"
