"""`mindspore.nn.probability`: distributions, bijectors and Bayesian layers.

The golden cases (`tests/golden/probability_cases.py`, recorded from MindSpore 2.10) cover every
method of every distribution and bijector, the Bayesian layers, per-call parameters, dtypes, errors, gradients and
sample shapes and statistics. (MindSpore's CPU build has no sampling kernels for Gamma, Beta and
Poisson, and their JAX samplers take seconds to compile: their samples are not checked here.)
"""

import numpy as np
import pytest

import _encode  # tests/golden, on sys.path from conftest.py
import mindgrad as ms
from mindgrad.nn.probability import bijector as msb
from mindgrad.nn.probability import distribution as msd
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("probability")
GRAD = ("grad_", "parameter_default")


@pytest.mark.parametrize("name", SUITE.params(*GRAD))
def test_golden_probability_grad(name):
    SUITE.check(name, ms)


@pytest.mark.parametrize("name", [p for p in SUITE.params() if not p.values[0].startswith(GRAD)])
def test_golden_probability(name):
    # The forward cases run many small eager ops: `SUITE.check`'s leak checking makes JAX recompile
    # each one, so these compare without it (the gradient cases above keep it).
    entry = SUITE.recorded["cases"][name]
    try:
        actual = _encode.encode(getattr(SUITE.cases, "case_" + name)(ms))
    except Exception as exc:  # noqa: BLE001 - errors are compared too
        actual = _encode.encode_error(exc)
    _encode.compare(entry["result"], actual, rtol=entry.get("rtol"), atol=entry.get("atol"))


def test_namespace_resolves_after_install():
    import mindgrad

    mindgrad.install_as_mindspore()
    import mindspore.nn.probability.bijector as b
    import mindspore.nn.probability.distribution as d

    assert d.Normal is msd.Normal and b.ScalarAffine is msb.ScalarAffine
    assert ms.nn.probability.distribution.Categorical is msd.Categorical


def test_samples_are_reproducible_after_set_seed():
    def draw():
        ms.set_seed(7)
        return msd.Normal(0.0, 1.0).sample((4,)).asnumpy()

    np.testing.assert_array_equal(draw(), draw())
