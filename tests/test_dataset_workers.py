"""`map` workers: thread and process (`python_multiprocessing=True`) workers, and the workers reading the rows of
an `ImageFolderDataset` themselves, give the rows a single worker gives, in the same order."""

import os

import numpy as np
import pytest

import mindgrad as ms

ds, v = ms.dataset, ms.dataset.vision
# JAX warns on every fork once it has started; the workers here run no JAX.
pytestmark = pytest.mark.filterwarnings("ignore:os.fork:RuntimeWarning")
IMAGES = os.path.join(os.path.dirname(__file__), "golden", "data", "images")


@pytest.fixture(autouse=True)
def _default_dataset_seed():
    yield
    ds.config._seed = None
    ds.config._generator.clear()


def _rows(data, epochs=2):
    it = data.create_tuple_iterator(output_numpy=True, num_epochs=epochs)
    return [[a.copy() for a in row] for _ in range(epochs) for row in it]


def _pipeline(workers, processes, offset=1):
    ds.config.set_seed(7)
    data = ds.ImageFolderDataset(IMAGES, shuffle=True).repeat(5)
    kw = {"num_parallel_workers": workers, "python_multiprocessing": processes}
    data = data.map([v.Decode(), v.Resize((6, 5)), v.RandomHorizontalFlip(), v.Normalize([100.0] * 3, [50.0] * 3),
                     v.HWC2CHW()], input_columns="image", **kw)
    data = data.map(lambda x, y: (x[:1] + offset, y, np.array(str(y))), input_columns=["image", "label"],
                    output_columns=["a", "b", "c"], **kw)
    return data


@pytest.mark.parametrize("processes", [False, True])
def test_workers_give_the_rows_of_one_worker(processes):
    one = _rows(_pipeline(1, False))
    many = _rows(_pipeline(2, processes))
    assert len(one) == len(many) == 2 * 5 * 5  # 2 epochs of 5 repeats of 5 images
    for a, b in zip(one, many, strict=True):
        assert len(a) == len(b) == 3
        for x, y in zip(a, b, strict=True):
            assert x.dtype == y.dtype and x.shape == y.shape
            np.testing.assert_array_equal(x, y)
    assert one[0][0].shape == (1, 6, 5) and one[0][0].dtype == np.float32 and one[0][2].dtype.kind == "U"
    assert len({r[0].tobytes() for r in one}) == 10  # each image seen flipped and not


def test_process_workers_ragged_rows_and_errors():
    data = ds.NumpySlicesDataset({"n": np.arange(20)}, shuffle=False)
    data = data.map(lambda n: (np.arange(int(n)), {"k": n * 2}), input_columns="n", output_columns=["r", "d"],
                    num_parallel_workers=2, python_multiprocessing=True)
    rows = list(data.create_tuple_iterator(output_numpy=True, num_epochs=1))
    assert [r[0].tolist() for r in rows] == [list(range(n)) for n in range(20)]
    assert [int(r[1]["k"]) for r in rows] == [2 * n for n in range(20)]
    bad = ds.NumpySlicesDataset({"x": np.zeros((12, 4), np.uint8)}, shuffle=False)
    bad = bad.map(v.Decode(), input_columns="x", num_parallel_workers=2, python_multiprocessing=True)
    with pytest.raises(RuntimeError, match="Decode"):
        list(bad.create_tuple_iterator(num_epochs=1))
