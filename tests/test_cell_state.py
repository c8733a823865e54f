"""`Cell.load_state_dict` / `Cell.check_names` against MindSpore 2.10 (tests/golden/cell_state_cases.py): loaded
values and dtypes, the returned keys, and every error message, checked before any Parameter changes."""

import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("cell_state")


@pytest.mark.parametrize("name", SUITE.params())
def test_golden_cell_state(name):
    SUITE.check(name, ms)
