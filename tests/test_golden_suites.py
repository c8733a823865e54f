"""Every golden suite (`tests/golden/<suite>_cases.py`) is recorded: each case has MindSpore's result
in `<suite>.json` and each recording a case (rerun `python -m tests.golden.record SUITE` otherwise)."""

import os

import pytest
from record import HERE, registry
from replay import suite


@pytest.mark.parametrize("name", registry())
def test_every_case_is_recorded(name):
    assert os.path.exists(os.path.join(HERE, name + ".json")), f"rerun python -m tests.golden.record {name}"
    s = suite(name)
    assert s.recorded["meta"]["mindspore_version"] == "2.10.0"
    if hasattr(s.cases, "record"):  # a suite that records its own document
        return
    assert sorted(s.defined() - set(s.names())) == [], f"cases not recorded: rerun python -m tests.golden.record {name}"
    assert sorted(set(s.names()) - s.defined()) == [], f"recorded cases no longer defined in {name}_cases.py"
