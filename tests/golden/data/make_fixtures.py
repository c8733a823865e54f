"""Write the small reader fixtures of `dataset_cases.py` into this directory (run with the oracle's Python).

The MNIST idx files, CIFAR binary batches, image folder, CSV and text files are written here with
NumPy/Pillow in the formats MindSpore reads; the MindRecord files are written by MindSpore's own
`FileWriter` (16 KB header, 32 KB pages to keep them small).

    cd tests/golden/data && GLOG_v=3 /work/ms-oracle/bin/python make_fixtures.py
    cd tests/golden/data && ../../../.venv/bin/python make_fixtures.py --mindgrad   # mindgrad.mindrecord
"""

import io
import os
import struct
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(0)


def image(h, w, seed):
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y + seed * 37) % 256], -1)
    noise = np.random.default_rng(seed).integers(0, 40, (h, w, 3))
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def encoded(arr, fmt):
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return buf.getvalue()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def mnist():
    for prefix, n in (("train", 6), ("t10k", 4)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, n, dtype=np.uint8)
        write(f"{HERE}/mnist/{prefix}-images-idx3-ubyte", struct.pack(">IIII", 2051, n, 28, 28) + images.tobytes())
        write(f"{HERE}/mnist/{prefix}-labels-idx1-ubyte", struct.pack(">II", 2049, n) + labels.tobytes())


def cifar():
    for name, n in (("data_batch_1.bin", 5), ("test_batch.bin", 3)):
        rows = [bytes([i % 10]) + image(32, 32, i + len(name)).transpose(2, 0, 1).tobytes() for i in range(n)]
        write(f"{HERE}/cifar10/{name}", b"".join(rows))
    for name, n in (("train.bin", 4), ("test.bin", 2)):
        rows = [bytes([i % 20, i * 7 % 100]) + image(32, 32, 50 + i + len(name)).transpose(2, 0, 1).tobytes()
                for i in range(n)]
        write(f"{HERE}/cifar100/{name}", b"".join(rows))


def folder():
    specs = [("cat", "a.jpg", 12, 10), ("cat", "b.png", 9, 14), ("dog", "c.jpg", 16, 16), ("dog", "d.JPEG", 10, 8),
             ("dog", "e.png", 11, 7)]
    for i, (cls, name, h, w) in enumerate(specs):
        fmt = "PNG" if name.endswith("png") else "JPEG"
        write(f"{HERE}/images/{cls}/{name}", encoded(image(h, w, i), fmt))


def text():
    write(f"{HERE}/text/lines.txt", b"first line\nsecond line\n\nfourth\n")
    write(f"{HERE}/text/table.csv", b"id,score,name\n1,0.5,ab\n2,1.25,cd\n3,-2,ef\n")


def _crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def _masked(data: bytes) -> bytes:
    crc = _crc32c(data)
    return struct.pack("<I", (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF)


def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = b""
    while True:
        out += bytes([(n & 0x7F) | (0x80 if n > 0x7F else 0)])
        n >>= 7
        if not n:
            return out


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def tfrecord():
    """tf.train.Example records, encoded by hand (protobuf wire format, masked CRC-32C framing)."""
    records = []
    for i in range(4):
        features = {"label": _field(3, _field(1, b"".join(_varint(v) for v in (i, -i)))),
                    "coords": _field(2, _field(1, np.array([0.5 * i, -1.25, 3.0], "<f4").tobytes())),
                    "image": _field(1, _field(1, encoded(image(6, 5, 200 + i), "PNG")))}
        entries = b"".join(_field(1, _field(1, k.encode()) + _field(2, v)) for k, v in features.items())
        example = _field(1, entries)
        records.append(struct.pack("<Q", len(example)) + _masked(struct.pack("<Q", len(example))) + example
                       + _masked(example))
    write(f"{HERE}/tfrecord/data.tfrecord", b"".join(records))


def mindrecord():
    from mindspore.mindrecord import FileWriter

    for f in os.listdir(f"{HERE}/mindrecord") if os.path.isdir(f"{HERE}/mindrecord") else []:
        if f.startswith("oracle"):
            os.remove(f"{HERE}/mindrecord/{f}")
    os.makedirs(f"{HERE}/mindrecord", exist_ok=True)
    writer = FileWriter(f"{HERE}/mindrecord/oracle.mindrecord", shard_num=1, overwrite=True)
    writer.set_header_size(1 << 14)
    writer.set_page_size(1 << 15)
    writer.add_schema({"file_name": {"type": "string"}, "label": {"type": "int32"}, "data": {"type": "bytes"},
                       "mask": {"type": "int64", "shape": [-1]}, "box": {"type": "float32", "shape": [2, 2]},
                       "score": {"type": "float64"}}, "fixture")
    writer.add_index(["file_name", "label"])
    rows = [{"file_name": f"img{i}.jpg", "label": i % 3, "data": encoded(image(8 + i, 10, 100 + i), "JPEG"),
             "mask": np.array([i, -i * 200, 70000 * i, 1], np.int64)[: 2 + i % 3],
             "box": np.arange(4, dtype=np.float32).reshape(2, 2) / (i + 1), "score": 0.25 * i - 1 / 3}
            for i in range(7)]
    writer.write_raw_data(rows[:4])
    writer.write_raw_data(rows[4:])
    writer.commit()
    sharded = FileWriter(f"{HERE}/mindrecord/oracle_sharded.mindrecord", shard_num=2, overwrite=True)
    sharded.set_header_size(1 << 14)
    sharded.set_page_size(1 << 15)
    sharded.add_schema({"id": {"type": "int64"}, "vec": {"type": "int32", "shape": [3]}}, "sharded")
    sharded.write_raw_data([{"id": i, "vec": np.array([i, i * 1000, -i], np.int32)} for i in range(11)])
    sharded.commit()


def mindgrad_mindrecord():
    """The MindRecord file written by mindgrad that the oracle reads in `dataset_cases.py`."""
    import mindgrad as ms

    for suffix in ("", ".db"):
        if os.path.exists(f"{HERE}/mindrecord/mindgrad.mindrecord{suffix}"):
            os.remove(f"{HERE}/mindrecord/mindgrad.mindrecord{suffix}")
    writer = ms.mindrecord.FileWriter(f"{HERE}/mindrecord/mindgrad.mindrecord")
    writer.set_header_size(1 << 14)
    writer.set_page_size(1 << 15)
    writer.add_schema({"text": {"type": "string"}, "id": {"type": "int64"}, "raw": {"type": "bytes"},
                       "pos": {"type": "int64", "shape": [-1]}, "feat": {"type": "float32", "shape": [3]},
                       "prob": {"type": "float32"}}, "by mindgrad")
    writer.write_raw_data([{"text": f"sample {i}", "id": 10 ** i, "raw": bytes([i] * (i + 1)),
                            "pos": np.arange(i + 1, dtype=np.int64) * 300 - 400,
                            "feat": np.array([i, -i, 0.25], np.float32), "prob": 0.125 * i} for i in range(5)])
    writer.commit()


if __name__ == "__main__" and sys.argv[1:] == ["--mindgrad"]:
    mindgrad_mindrecord()
elif __name__ == "__main__":
    mnist()
    cifar()
    folder()
    text()
    tfrecord()
    mindrecord()
