"""Replay `tests/golden/dataset_cases.py` (recorded from MindSpore 2.10.0 into `dataset.json`) on mindgrad:
readers on the checked-in files of `tests/golden/data/`, shard and sampler orders, transforms on fixed
images, the pipeline, and MindRecord files byte for byte in both directions."""

import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("dataset")


@pytest.fixture(autouse=True)
def _default_dataset_seed():
    """These tests set the pipeline seed; put MindSpore's default back for the tests that follow."""
    yield
    ms.dataset.config._seed = None
    ms.dataset.config._generator.clear()


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_dataset(name):
    SUITE.check(name, ms)
