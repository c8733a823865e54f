"""Replay a golden suite on mindgrad: run `case_<name>(mindgrad)` and compare with MindSpore's recording.

The one replay harness of the test suite. `suite("nn")` loads `nn_cases.py` and `nn.json` (written
by `record.py nn`) once; a test parametrizes over `suite(...).params(prefix...)` and calls
`.check(name, mindgrad)`, which runs the case under `jax.checking_leaks()` and compares structure,
dtypes, shapes, values (the case's tolerance, else rtol=1e-5 / atol=1e-6) and error classes.
`*_quirk` cases pin a MindSpore bug and `*_differs` cases a deliberate difference (README): both
are expected to differ (strict xfail), as is any name in a test's `known` differences.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import traceback

import _encode
import jax
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


class Suite:
    """The cases of `<name>_cases.py` and their recording `<name>.json`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cases = importlib.import_module(f"{name}_cases")
        with open(os.path.join(HERE, f"{name}.json")) as f:
            self.recorded = json.load(f)

    def __repr__(self) -> str:
        return f"Suite({self.name!r})"

    def names(self, *prefixes: str) -> list:
        """Recorded case names, those starting with one of `prefixes` if given."""
        return [n for n in sorted(self.recorded["cases"]) if not prefixes or n.startswith(prefixes)]

    def params(self, *prefixes: str, known: dict | None = None) -> list:
        """pytest params of `names(*prefixes)`; expected differences marked as strict xfails."""
        known = known or {}
        out = []
        for n in self.names(*prefixes):
            reason = known.get(n)
            if n.endswith("_quirk"):
                reason = "MindSpore returns a wrong result here (a '_quirk' case); mindgrad returns the correct one"
            elif n.endswith("_differs"):
                reason = "a documented, deliberate difference from MindSpore"
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            out.append(pytest.param(n, id=n, marks=marks))
        return out

    def defined(self) -> set:
        """Names of the cases the cases module defines."""
        return {n[len("case_"):] for n, f in vars(self.cases).items() if n.startswith("case_") and callable(f)}

    def check(self, name: str, ms) -> None:
        """Run case `name` on `ms` and fail with the difference from the recording."""
        entry = self.recorded["cases"][name]
        tb = None
        with jax.checking_leaks():
            try:
                actual = _encode.encode(getattr(self.cases, "case_" + name)(ms))
            except Exception as exc:  # noqa: BLE001 - errors are compared too
                actual = _encode.encode_error(exc)
                tb = traceback.format_exc()
            finally:
                ms.set_context(mode=ms.PYNATIVE_MODE)
        try:
            _encode.compare(entry["result"], actual, rtol=entry.get("rtol"), atol=entry.get("atol"))
        except _encode.CompareError as err:
            msg = f"{self.name}::{name} differs from MindSpore {self.recorded['meta']['mindspore_version']}:\n{err}"
            pytest.fail(msg + ("\n\nmindgrad raised:\n" + tb if tb else ""), pytrace=False)


@functools.cache
def suite(name: str) -> Suite:
    """The suite `name`, loaded once per test session."""
    return Suite(name)
