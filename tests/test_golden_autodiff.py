"""Replay the golden fixtures `tests/golden/autodiff_cases.py`, recorded from real MindSpore into
`tests/golden/autodiff.json` by `tests/golden/record.py autodiff`, on mindgrad (under
`jax.checking_leaks()`): exact structure and dtypes, values within rtol=1e-5 / atol=1e-6 unless a
case states its own tolerance, errors by exception class. `*_quirk` cases pin a MindSpore bug and
`*_differs` cases a deliberate difference (README); both are expected to differ."""

import os
import sys

import pytest

import mindgrad as ms

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
from replay import Suite  # noqa: E402

SUITE = Suite("autodiff")


def test_every_case_is_recorded():
    assert SUITE.defined() == set(SUITE.names())


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_autodiff(name):
    SUITE.check(name, ms)
