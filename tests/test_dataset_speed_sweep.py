"""The fast paths of the pipeline give the numbers of the row-by-row path: a `map` of vision transforms run as
one sweep per operation over many rows (`_sweep`), and `batch` joining the stacked blocks `map` hands it."""

import gc
import glob
import os

import numpy as np
import pytest

import mindgrad as ms

ds, v = ms.dataset, ms.dataset.vision
IMAGES = "tests/golden/data/images"
pytestmark = pytest.mark.filterwarnings("ignore:os.fork:RuntimeWarning")


@pytest.fixture(autouse=True)
def _default_dataset_seed():
    yield
    ds.config._seed = None
    ds.config._generator.clear()


def _identity(x):
    return x


def _run(ops, batch=None, workers=1, processes=False, images=IMAGES, epochs=2):
    ds.config.set_seed(3)
    data = ds.ImageFolderDataset(images, shuffle=True).repeat(7)
    data = data.map(ops, input_columns="image", num_parallel_workers=workers, python_multiprocessing=processes)
    if batch:
        data = data.batch(batch)
    it = data.create_tuple_iterator(output_numpy=True, num_epochs=epochs)
    return [[a.copy() for a in row] for _ in range(epochs) for row in it]


def _same(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        for p, q in zip(x, y, strict=True):
            assert p.dtype == q.dtype and p.shape == q.shape
            np.testing.assert_array_equal(p, q)


def _ops():
    return [v.Decode(), v.Resize((6, 5)), v.RandomHorizontalFlip(), v.ConvertColor(v.ConvertMode.COLOR_RGB2GRAY),
            v.Normalize([127.5], [127.5]), v.HWC2CHW()]


def test_sweep_gives_the_rows_of_one_call_per_image():
    assert ds.MapDataset(ds.NumpySlicesDataset([1]), _ops(), None, None)._chain() is not None
    # A plain function in the chain sends every row through the operations one by one.
    slow = _run([*_ops(), _identity])
    fast = _run(_ops())
    _same(fast, slow)
    assert fast[0][0].shape == (6, 5) and fast[0][0].dtype == np.float32 and fast[0][1].dtype == np.int32
    assert len({r[0].tobytes() for r in fast}) == 10  # each of the 5 images seen flipped and not
    _same(_run(_ops(), batch=4, workers=2), _batched(slow, 4, 35))
    _same(_run(_ops(), batch=8, workers=2, processes=True), _batched(slow, 8, 35))


def _batched(rows, size, per_epoch):
    out = []
    for start in range(0, len(rows), per_epoch):
        epoch = rows[start:start + per_epoch]
        out += [[np.stack(c) for c in zip(*epoch[i:i + size], strict=True)] for i in range(0, per_epoch, size)]
    return out


@pytest.mark.parametrize("ops", [
    [v.Decode(), v.Resize((4, 4)), v.RandomVerticalFlip(0.5), v.VerticalFlip(), v.HorizontalFlip(),
     v.Rescale(1 / 255, -0.5), v.Normalize([0.1, 0.2, 0.3], [2.0, 3.0, 4.0], is_hwc=True), v.HWC2CHW()],
    [v.Decode(), v.Resize(5), v.HWC2CHW(), v.Normalize([10.0, 20.0, 30.0], [2.0, 3.0, 4.0], is_hwc=False)],
    [v.Decode(to_pil=True), v.Resize((4, 3)), v.RandomHorizontalFlip(0.7)],  # PIL images go one by one
    [v.Decode(), v.RandomHorizontalFlip(), v.RandomVerticalFlip()],  # two random ones: row by row
    [v.Decode(), v.Resize((3, 4)), v.ConvertColor(v.ConvertMode.COLOR_RGB2GRAY), v.ToTensor()],
    [v.Decode(), v.Resize((3, 4)), v.RandomHorizontalFlip(), v.ToTensor(np.float16)],
])
def test_sweep_of_other_chains(ops):
    _same(_run(ops, epochs=1), _run([*ops, _identity], epochs=1))


def test_subclass_of_a_swept_transform_runs_its_own_call():
    class Doubled(v.Normalize):
        def __call__(self, img):
            return super().__call__(img) * 2

    rows = _run([v.Decode(), v.Resize((2, 2)), Doubled([0.0] * 3, [1.0] * 3)], epochs=1)
    plain = _run([v.Decode(), v.Resize((2, 2)), v.Normalize([0.0] * 3, [1.0] * 3)], epochs=1)
    np.testing.assert_array_equal(rows[0][0], plain[0][0] * 2)


def test_batch_of_blocks_keeps_errors_per_batch_map_and_padding():
    data = ds.NumpySlicesDataset({"n": np.arange(10)}, shuffle=False)
    ragged = data.map(lambda n: np.arange(int(n) % 2 + 1), input_columns="n", num_parallel_workers=2)
    with pytest.raises(RuntimeError, match="Inconsistent batch shapes.*'n'"):
        list(ragged.batch(3).create_tuple_iterator(num_epochs=1))
    padded = ragged.padded_batch(3, pad_info={"n": ([3], -1)})
    first = next(padded.create_tuple_iterator(output_numpy=True, num_epochs=1))[0]
    np.testing.assert_array_equal(first, [[0, -1, -1], [0, 1, -1], [0, -1, -1]])
    seen = []

    def per_batch(n, info):
        seen.append([type(x).__name__ + str(np.shape(x)) for x in n])
        return (np.array(n) * 10,)

    doubled = data.map(lambda n: n * 2, input_columns="n").batch(4, drop_remainder=True, input_columns=["n"],
                                                                 per_batch_map=per_batch)
    out = [b[0].tolist() for b in doubled.create_tuple_iterator(output_numpy=True, num_epochs=1)]
    assert out == [[0, 20, 40, 60], [80, 100, 120, 140]]
    assert seen[0] == ["ndarray()"] * 4


def _left_in_shared_memory():
    return glob.glob(f"/dev/shm/mindgrad-{os.getpid()}-*")


def test_process_workers_send_big_blocks_through_shared_memory():
    x = np.arange(96 * 32 * 32, dtype=np.float32).reshape(96, 32, 32)  # 4 KiB rows: 128 KiB tasks
    data = ds.NumpySlicesDataset({"x": x, "i": np.arange(96)}, shuffle=False)
    data = data.map(lambda a: a * 2, input_columns="x", num_parallel_workers=2, python_multiprocessing=True)
    rows = list(data.create_tuple_iterator(output_numpy=True, num_epochs=1))
    np.testing.assert_array_equal(np.stack([r[0] for r in rows]), x * 2)
    assert [int(r[1]) for r in rows] == list(range(96))
    batches = list(data.batch(24).create_tuple_iterator(output_numpy=True, num_epochs=1))
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), x * 2)
    first = next(data.take(1).create_tuple_iterator(output_numpy=True, num_epochs=1))  # stops with tasks in flight
    np.testing.assert_array_equal(first[0], x[0] * 2)
    gc.collect()
    assert _left_in_shared_memory() == []


def test_batch_of_numpy_slices_gathers_the_rows_it_gives():
    x = np.arange(50 * 3, dtype=np.float32).reshape(50, 3)
    columns = {"x": x, "y": np.arange(50) % 7, "s": np.array([f"r{i}" for i in range(50)])}
    for kw in ({}, {"shuffle": False}, {"num_shards": 3, "shard_id": 1}, {"num_samples": 17},
               {"sampler": ds.SubsetRandomSampler([3, 1, 4, 1, 5])}):
        data = ds.NumpySlicesDataset(columns, **kw)
        rows = list(data.create_tuple_iterator(output_numpy=True, num_epochs=1))
        for drop in (False, True):
            got = list(data.batch(4, drop_remainder=drop).create_tuple_iterator(output_numpy=True, num_epochs=1))
            want = [[np.stack(c) for c in zip(*rows[i:i + 4], strict=True)] for i in range(0, len(rows), 4)
                    if not drop or i + 4 <= len(rows)]
            _same(got, want)


def test_shared_memory_full_or_missing_falls_back_to_pickles(monkeypatch):
    from mindgrad.dataset import _shared

    block = (4, [np.ones((4, 128, 64), np.float32), [1, 2, 3, 4]])
    sent = _shared.put(block, f"{os.getpid()}-test")
    assert sent[1] is not None and len(_left_in_shared_memory()) == 1
    count, columns = _shared.take(sent)
    np.testing.assert_array_equal(columns[0], block[1][0])
    assert count == 4 and columns[1] == [1, 2, 3, 4] and _left_in_shared_memory() == []

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full)
    assert _shared.put(block, f"{os.getpid()}-test") == (block, None) and _left_in_shared_memory() == []
