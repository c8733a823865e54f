"""Replay a golden suite on mindgrad: run `case_<name>(mindgrad)` and compare with the recording."""

import importlib.util
import json
import os
import sys
import traceback

import jax
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(modname: str, filename: str):
    if modname in sys.modules:
        return sys.modules[modname]
    spec = importlib.util.spec_from_file_location(modname, os.path.join(HERE, filename))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[modname] = mod
    spec.loader.exec_module(mod)
    return mod


_encode = _load("_golden_encode", "_encode.py")


class Suite:
    """The cases of `<name>_cases.py` and their recording `<name>.json`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cases = _load(f"_golden_{name}_cases", f"{name}_cases.py")
        with open(os.path.join(HERE, f"{name}.json")) as f:
            self.recorded = json.load(f)

    def names(self) -> list:
        return sorted(self.recorded["cases"])

    def params(self) -> list:
        out = []
        for n in self.names():
            marks = []
            if n.endswith("_quirk"):
                marks.append(pytest.mark.xfail(reason="MindSpore returns a wrong result here (a '_quirk' case); "
                                                      "mindgrad returns the correct one", strict=True))
            if n.endswith("_differs"):
                marks.append(pytest.mark.xfail(reason="a documented, deliberate difference from MindSpore",
                                               strict=True))
            out.append(pytest.param(n, id=n, marks=marks))
        return out

    def defined(self) -> set:
        return {n[len("case_"):] for n, f in vars(self.cases).items() if n.startswith("case_") and callable(f)}

    def check(self, name: str, ms) -> None:
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
