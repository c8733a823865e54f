"""Accuracy metrics: MindSpore's golden results, and accumulation over several updates."""


import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("metric_"))
def test_golden_metric(name):
    SUITE.check(name, ms)


def test_accumulates_until_cleared():
    acc = ms.nn.Accuracy()
    acc.update(ms.Tensor(np.array([[0.9, 0.1], [0.2, 0.8]], np.float32)), ms.Tensor(np.array([0, 0], np.int32)))
    acc.update(np.array([[0.3, 0.7]]), [1])
    assert acc.eval() == pytest.approx(2 / 3) and isinstance(acc.eval(), np.floating)
    acc.clear()
    with pytest.raises(RuntimeError):
        acc.eval()
