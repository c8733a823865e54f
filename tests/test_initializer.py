"""`mindspore.common.initializer`: golden values and errors, the distributions' statistics, aliases,
in-place filling and reproducibility under `ms.set_seed`."""

import math

import numpy as np
import pytest

import mindgrad as ms
from mindgrad.common import initializer as init
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("nn")


@pytest.mark.parametrize("name", SUITE.params("init_"))
def test_golden_init(name):
    SUITE.check(name, ms)


def _sample(obj, shape, seed=0):
    ms.set_seed(seed)
    return init.initializer(obj, shape, ms.float64).asnumpy()


@pytest.mark.parametrize("obj, shape, mean, std", [
    (init.Normal(0.5, 1.0), (200, 100), 1.0, 0.5),
    (init.Uniform(0.3), (200, 100), 0.0, 0.3 / math.sqrt(3)),
    (init.XavierNormal(2.0), (200, 100), 0.0, 2.0 * math.sqrt(2.0 / 300)),
    (init.XavierUniform(), (200, 100), 0.0, math.sqrt(6.0 / 300) / math.sqrt(3)),
    (init.HeNormal(nonlinearity="relu"), (200, 100), 0.0, math.sqrt(2.0) / math.sqrt(100)),
    (init.HeUniform(math.sqrt(5)), (200, 10, 2, 2), 0.0, math.sqrt(2.0 / 6) / math.sqrt(40)),
    (init.VarianceScaling(2.0, "fan_avg", "untruncated_normal"), (100, 300), 0.0, math.sqrt(2.0 / 200)),
])
def test_distribution_statistics(obj, shape, mean, std):
    a = _sample(obj, shape)
    assert abs(a.mean() - mean) < 4 * std / math.sqrt(a.size) + 1e-12
    assert abs(a.std() - std) < 0.03 * std


def test_string_aliases_and_fill_in_place():
    assert isinstance(init._INITIALIZER_ALIAS["zeros"](), init.Zero)
    assert isinstance(init._INITIALIZER_ALIAS["xavier_uniform"](), init.XavierUniform)
    assert isinstance(init._INITIALIZER_ALIAS["truncatednormal"](), init.TruncatedNormal)
    assert "constant" not in init._INITIALIZER_ALIAS
    buf = np.zeros((2, 3), np.float32)
    init.One()(buf)
    np.testing.assert_array_equal(buf, np.ones((2, 3)))
    t = init.initializer(init.Constant(3), [2], ms.int32)
    assert t.dtype == ms.int32 and t.asnumpy().tolist() == [3, 3]


def test_set_seed_reproduces_parameters():
    ms.set_seed(123)
    a = ms.nn.Dense(4, 3).weight.asnumpy()
    ms.set_seed(123)
    b = ms.nn.Dense(4, 3).weight.asnumpy()
    c = ms.nn.Dense(4, 3).weight.asnumpy()
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(b, c)
    with pytest.raises(TypeError):
        ms.set_seed(1.5)
    with pytest.raises(ValueError):
        ms.set_seed(-1)
