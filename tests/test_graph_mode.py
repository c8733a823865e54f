"""GRAPH_MODE and `ms.jit`, against MindSpore's recorded behaviour (`tests/golden/graph_cases.py`)."""

import pytest

import mindgrad as ms
from replay import suite  # tests/golden, on sys.path from conftest.py

SUITE = suite("graph")
pytestmark = pytest.mark.usefixtures("leak_check")


@pytest.mark.parametrize("name", SUITE.params())
def test_graph_mode_case(name):
    SUITE.check(name, ms)
