"""Accuracy metrics: MindSpore's golden results, and accumulation over several updates."""

import importlib.util
import os

import numpy as np
import pytest

import mindgrad as ms

_spec = importlib.util.spec_from_file_location(
    "_nn_replay", os.path.join(os.path.dirname(__file__), "golden", "_nn_replay.py"))
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("name", golden.params("metric"))
def test_golden_metric(name):
    golden.replay(name)


def test_accumulates_until_cleared():
    acc = ms.nn.Accuracy()
    acc.update(ms.Tensor(np.array([[0.9, 0.1], [0.2, 0.8]], np.float32)), ms.Tensor(np.array([0, 0], np.int32)))
    acc.update(np.array([[0.3, 0.7]]), [1])
    assert acc.eval() == pytest.approx(2 / 3) and isinstance(acc.eval(), np.floating)
    acc.clear()
    with pytest.raises(RuntimeError):
        acc.eval()
