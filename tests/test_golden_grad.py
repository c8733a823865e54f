"""Replay the golden fixtures `tests/golden/grad_cases.py`, recorded from real MindSpore into
`tests/golden/grad.json` by `python -m tests.golden.record grad`, on mindgrad (under
`jax.checking_leaks()`): exact structure and dtypes, values within rtol=1e-5 / atol=1e-6 unless a
case states its own tolerance, errors by exception class. `*_quirk` cases pin a MindSpore bug and
`*_differs` cases a deliberate difference (README); both are expected to differ."""

import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("grad")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_grad(name):
    SUITE.check(name, ms)
