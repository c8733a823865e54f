"""Dataset readers and samplers beyond the golden fixtures: CIFAR binary batches (MindSpore reads only
full 10000-row files, so these are checked against the file bytes), bad files, random samplers, and a
reader feeding `Model.train`.

Readers on files MindSpore reads (MNIST, image folders, MindRecord, TFRecord, CSV, text) are compared
with MindSpore's output in tests/test_dataset_golden.py."""

import os
import shutil

import numpy as np
import pytest

import mindgrad as ms
import mindgrad.dataset as ds
from mindgrad import nn

DATA = os.path.join(os.path.dirname(__file__), "golden", "data")


@pytest.fixture(autouse=True)
def _default_dataset_seed():
    """These tests set the pipeline seed; put MindSpore's default back for the tests that follow."""
    yield
    ms.dataset.config._seed = None
    ms.dataset.config._generator.clear()


def _rows(dataset):
    return list(dataset.create_tuple_iterator(output_numpy=True, num_epochs=1))


def test_cifar10_and_cifar100():
    raw = np.fromfile(os.path.join(DATA, "cifar10", "data_batch_1.bin"), np.uint8).reshape(-1, 3073)
    train = ds.Cifar10Dataset(os.path.join(DATA, "cifar10"), usage="train", shuffle=False)
    assert train.get_col_names() == ["image", "label"] and train.get_dataset_size() == 5
    rows = _rows(train)
    assert rows[2][0].dtype == np.uint8 and rows[2][0].shape == (32, 32, 3) and rows[2][1].dtype == np.uint32
    np.testing.assert_array_equal(rows[2][0], raw[2, 1:].reshape(3, 32, 32).transpose(1, 2, 0))
    assert [int(r[1]) for r in rows] == raw[:, 0].tolist()
    assert ds.Cifar10Dataset(os.path.join(DATA, "cifar10")).get_dataset_size() == 8
    c100 = ds.Cifar100Dataset(os.path.join(DATA, "cifar100"), usage="test", shuffle=False)
    assert c100.get_col_names() == ["image", "coarse_label", "fine_label"]
    assert [(int(r[1]), int(r[2])) for r in _rows(c100)] == [(0, 0), (1, 7)]


def test_bad_files(tmp_path):
    shutil.copytree(os.path.join(DATA, "mnist"), tmp_path / "mnist")
    path = tmp_path / "mnist" / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(RuntimeError, match="train-images-idx3-ubyte"):
        ds.MnistDataset(str(tmp_path / "mnist"), usage="train")
    (tmp_path / "cifar").mkdir()
    (tmp_path / "cifar" / "data_batch_1.bin").write_bytes(bytes(3000))
    with pytest.raises(RuntimeError, match="data_batch_1.bin"):
        ds.Cifar10Dataset(str(tmp_path / "cifar"))
    with pytest.raises(ValueError, match="usage"):
        ds.MnistDataset(os.path.join(DATA, "mnist"), usage="validation")
    with pytest.raises(RuntimeError, match="at the same time"):
        ds.MnistDataset(os.path.join(DATA, "mnist"), sampler=ds.RandomSampler(), shuffle=True)


def test_random_samplers_repeat_with_seed():
    path = os.path.join(DATA, "mnist")
    ds.config.set_seed(7)
    first = [int(r[1]) for r in _rows(ds.MnistDataset(path, sampler=ds.RandomSampler()))]
    ds.config.set_seed(7)
    again = [int(r[1]) for r in _rows(ds.MnistDataset(path, sampler=ds.RandomSampler()))]
    everything = [int(r[1]) for r in _rows(ds.MnistDataset(path, shuffle=False))]
    assert first == again and sorted(first) == sorted(everything)
    subset = ds.SubsetRandomSampler([1, 3, 5])
    assert sorted(int(r[1]) for r in _rows(ds.MnistDataset(path, sampler=subset))) == \
        sorted(everything[i] for i in (1, 3, 5))
    weighted = ds.WeightedRandomSampler([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], num_samples=4)
    assert [int(r[1]) for r in _rows(ds.MnistDataset(path, sampler=weighted))] == [everything[2]] * 4
    pk = ds.PKSampler(2)
    labels = [int(r[1]) for r in _rows(ds.MnistDataset(path, sampler=pk))]
    assert len(labels) == 2 * len(set(everything)) and labels == sorted(labels)


def test_reader_feeds_model_train():
    data = ds.MnistDataset(os.path.join(DATA, "mnist"), shuffle=False)
    data = data.map([ds.vision.Rescale(1 / 255.0, 0.0), ds.vision.HWC2CHW()], input_columns="image")
    data = data.map(ds.transforms.TypeCast(ms.int32), input_columns="label").batch(5, drop_remainder=True)
    net = nn.SequentialCell([nn.Flatten(), nn.Dense(784, 10)])
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    model = ms.Model(net, loss, nn.Momentum(net.trainable_params(), 0.01, 0.9))
    image, label = next(data.create_tuple_iterator(num_epochs=1))
    before = float(loss(net(image), label).asnumpy())
    model.train(3, data, dataset_sink_mode=False)
    assert float(loss(net(image), label).asnumpy()) < before
