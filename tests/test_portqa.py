"""Regressions found by running real-style MindSpore 2.x scripts (LeNet/ResNet/LSTM/Transformer training,
functional training, custom TrainOneStepCell, amp, checkpoints, Tensor interop) on mindgrad: the golden
suite `portqa` (`tests/golden/portqa_cases.py`, recorded from MindSpore 2.10)."""

import numpy as np
import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("portqa")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_portqa(name):
    SUITE.check(name, ms)


def test_per_batch_map_row_count_message_names_the_column():
    d = ms.dataset.NumpySlicesDataset({"v": np.arange(8)}, shuffle=False)
    d = d.batch(3, per_batch_map=lambda v, info: (v, v + v), input_columns=["v"], output_columns=["a", "b"])
    with pytest.raises(RuntimeError, match=r"column: b expects: 3 rows returned from 'per_batch_map', got: 6"):
        list(d.create_tuple_iterator(output_numpy=True))


def test_tensor_operator_broadcast_error_names_op_and_shapes():
    with pytest.raises(ValueError, match=r"For 'Equal', input1.shape and input2.shape need to broadcast, but got "
                                         r"input1.shape = \[4, 3\] and input2.shape = \[4\]"):
        _ = ms.Tensor(np.ones((4, 3), np.float32)) == ms.Tensor(np.ones(4, np.float32))
