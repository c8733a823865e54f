"""GRAPH_MODE and `ms.jit`, against MindSpore's recorded behaviour (`tests/golden/graph_cases.py`)."""

import os
import sys

import pytest

import mindgrad as ms

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
from replay import Suite  # noqa: E402

SUITE = Suite("graph")
pytestmark = pytest.mark.usefixtures("leak_check")


def test_every_case_is_recorded():
    assert SUITE.defined() == set(SUITE.names())


@pytest.mark.parametrize("name", SUITE.params())
def test_graph_mode_case(name):
    SUITE.check(name, ms)
