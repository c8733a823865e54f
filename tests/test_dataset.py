"""`mindgrad.dataset` against what MindSpore 2.10's dataset pipeline was seen to do."""

import numpy as np
import pytest

import mindgrad as ms
import mindgrad.dataset as ds


def gen():
    for i in range(5):
        yield (np.array(i), float(i) * 0.5)


class RandomAccess:
    def __getitem__(self, i):
        return (np.array([i], np.float32),)

    def __len__(self):
        return 7


def test_generator_rows_become_numpy_arrays_with_mindspores_dtypes():
    rows = list(ds.GeneratorDataset(gen, ["a", "b"]).create_tuple_iterator(output_numpy=True))
    assert len(rows) == 5
    assert [(r[0].dtype, r[0].shape, r[1].dtype) for r in rows[:1]] == [(np.int64, (), np.float64)]
    assert [float(r[1]) for r in rows] == [0.0, 0.5, 1.0, 1.5, 2.0]


def test_tuple_and_dict_iterators_give_tensors():
    x = np.arange(40, dtype=np.float32).reshape(10, 4)
    y = np.arange(10, dtype=np.int32)
    d = ds.NumpySlicesDataset({"x": x, "y": y}, shuffle=False).batch(4)
    assert (d.get_dataset_size(), d.get_col_names(), d.get_batch_size()) == (3, ["x", "y"], 4)
    first = next(iter(d.create_tuple_iterator()))
    assert isinstance(first, list) and [(type(t).__name__, str(t.dtype), t.shape) for t in first] == \
        [("Tensor", "Float32", (4, 4)), ("Tensor", "Int32", (4,))]
    last = list(d.create_dict_iterator(output_numpy=True))[-1]
    np.testing.assert_array_equal(last["y"], [8, 9])
    assert len(next(iter(d))) == 2


def test_numpy_slices_column_names():
    assert ds.NumpySlicesDataset([1, 2, 3], shuffle=False).get_col_names() == ["column_0"]
    d = ds.NumpySlicesDataset((np.arange(3), np.arange(3) * 1.0), shuffle=False)
    assert d.get_col_names() == ["column_0", "column_1"]
    assert next(iter(d.create_dict_iterator(output_numpy=True)))["column_1"].dtype == np.float64
    assert ds.NumpySlicesDataset({"a": [1.0, 2.0]}, column_names=["z"]).get_col_names() == ["z"]


def test_map_places_columns_as_mindspore_does():
    three = lambda: ds.GeneratorDataset(lambda: ((np.array(i), np.array(10 * i), np.array(100 * i))  # noqa: E731
                                                 for i in range(3)), ["a", "b", "c"])
    d = three().map(lambda b: (b, b + 1), input_columns=["b"], output_columns=["x", "y"])
    assert d.get_col_names() == ["x", "y", "a", "c"]
    assert {k: int(v) for k, v in next(iter(d.create_dict_iterator(output_numpy=True))).items()} == \
        {"x": 0, "y": 1, "a": 0, "c": 0}
    assert three().map(lambda a, c: a + c, input_columns=["a", "c"], output_columns=["s"]).get_col_names() == ["s", "b"]
    d = three().map([lambda a: a * 2, lambda a: a + 1], input_columns="c")
    assert [int(r[2]) for r in d.create_tuple_iterator(output_numpy=True)] == [1, 201, 401]
    d = three().map(lambda a: a * 2)                                       # the first column by default
    assert [int(r[0]) for r in d.create_tuple_iterator(output_numpy=True)] == [0, 2, 4]


def test_batch_repeat_and_sizes():
    d = ds.GeneratorDataset(gen, ["a", "b"]).map(lambda a: a * 2, input_columns=["a"]).batch(2).repeat(2)
    assert d.get_dataset_size() == 6
    assert [r[0].asnumpy().tolist() for r in d.create_tuple_iterator()] == [[0, 2], [4, 6], [8]] * 2
    assert ds.GeneratorDataset(gen, ["a", "b"]).batch(2, drop_remainder=True).get_dataset_size() == 2
    assert ds.GeneratorDataset(gen, ["a", "b"]).repeat(3).batch(2).get_dataset_size() == 8


def test_per_batch_map():
    def double(a, info):
        assert isinstance(info.get_batch_num(), int)
        return ([x * 2 for x in a],)

    d = ds.GeneratorDataset(gen, ["a", "b"]).batch(2, per_batch_map=double, input_columns=["a"])
    assert [r[0].tolist() for r in d.create_tuple_iterator(output_numpy=True)] == [[0, 2], [4, 6], [8]]


def test_ragged_batches_are_refused():
    d = ds.GeneratorDataset(lambda: (np.zeros(i) for i in range(1, 4)), ["v"]).batch(2)
    with pytest.raises(RuntimeError, match="Inconsistent batch shapes"):
        list(d.create_tuple_iterator())


def test_shards_take_every_nth_row_and_wrap_around():
    shards = []
    for shard_id in range(3):
        d = ds.GeneratorDataset(RandomAccess(), ["x"], shuffle=False, num_shards=3, shard_id=shard_id)
        assert d.get_dataset_size() == 3
        shards.append([float(r[0][0]) for r in d.create_tuple_iterator(output_numpy=True)])
    assert shards == [[0.0, 3.0, 6.0], [1.0, 4.0, 0.0], [2.0, 5.0, 1.0]]
    with pytest.raises(ValueError, match="num_shards is not supported"):
        ds.GeneratorDataset(gen, ["a", "b"], num_shards=2, shard_id=0)


def test_random_access_sources_shuffle_by_default_reproducibly():
    def order():
        return [int(r[0][0]) for r in ds.GeneratorDataset(RandomAccess(), ["x"]).create_tuple_iterator(
            output_numpy=True)]

    ds.config.set_seed(7)
    first = order()
    assert sorted(first) == list(range(7)) and first != list(range(7))
    ds.config.set_seed(7)
    assert order() == first
    assert [int(r[0]) for r in ds.GeneratorDataset(gen, ["a", "b"]).create_tuple_iterator(output_numpy=True)] == \
        list(range(5))                                            # generator functions are not shuffled


def test_shuffle_buffer_keeps_every_row_and_changes_each_epoch():
    d = ds.NumpySlicesDataset(np.arange(20), shuffle=False).shuffle(4)
    it = d.create_tuple_iterator(num_epochs=2, output_numpy=True)
    epochs = [[int(r[0]) for r in it] for _ in range(2)]
    assert all(sorted(e) == list(range(20)) for e in epochs)
    assert epochs[0] != epochs[1] and epochs[0] != list(range(20))


def test_iterator_epochs():
    it = ds.GeneratorDataset(gen, ["a", "b"]).create_tuple_iterator(num_epochs=2)
    assert [len(list(it)) for _ in range(2)] == [5, 5]
    with pytest.raises(RuntimeError, match="beyond the specified number of epochs"):
        next(it)


def test_seed_follows_mindspore_set_seed():
    from mindgrad.dataset import config
    saved = config._seed
    try:
        config._seed = None
        ms.set_seed(5)
        assert ds.config.get_seed() == 5
    finally:
        config._seed = saved


def test_transforms_and_vision():
    from mindgrad.dataset import transforms, vision
    x = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
    np.testing.assert_allclose(vision.Rescale(1 / 255, 0.1)(x).ravel()[:2], [0.1, 0.10392157], rtol=1e-6)
    assert vision.Normalize([1, 2, 3], [2, 2, 2])(x).ravel()[:4].tolist() == [-0.5, -0.5, -0.5, 1.0]
    assert vision.HWC2CHW()(x).shape == (3, 2, 2)
    assert transforms.TypeCast(ms.int32)(x).dtype == np.int32
    assert transforms.OneHot(4)(np.array(2, np.int32)).tolist() == [0, 0, 1, 0]
    assert transforms.OneHot(4)(np.array(2, np.int32)).dtype == np.int32
    composed = transforms.Compose([vision.Rescale(2.0, 0), vision.HWC2CHW()])(x)
    assert composed.dtype == np.float32 and composed.shape == (3, 2, 2)
