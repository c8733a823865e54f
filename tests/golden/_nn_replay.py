"""Replay the nn golden fixtures (``nn.json``, recorded from MindSpore by ``record_nn.py``) on mindgrad.

Each test file replays the cases of its group (``case_<group>_*`` in ``nn_cases.py``) under
``jax.checking_leaks()`` and compares the encoded result with the recording: structure and
dtypes exactly, values within the case's tolerance, errors by class name.
"""

import importlib.util
import json
import os
import sys
import traceback

import jax
import pytest

import mindgrad as ms

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(modname, filename):
    if modname in sys.modules:
        return sys.modules[modname]
    spec = importlib.util.spec_from_file_location(modname, os.path.join(HERE, filename))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[modname] = mod
    spec.loader.exec_module(mod)
    return mod


encode = _load("_golden_nn_encode", "_encode.py")
cases = _load("_golden_nn_cases", "nn_cases.py")

with open(os.path.join(HERE, "nn.json")) as _f:
    RECORDED = json.load(_f)


def params(group):
    """pytest params of the recorded cases of `group` (a `_quirk` case is an expected failure)."""
    out = []
    for name in sorted(RECORDED["cases"]):
        if name.startswith(group + "_"):
            marks = [pytest.mark.xfail(reason="pins a MindSpore bug mindgrad does not reproduce", strict=True)] \
                if name.endswith("_quirk") else []
            out.append(pytest.param(name, id=name, marks=marks))
    return out


def replay(name):
    """Run case `name` on mindgrad and compare it with MindSpore's recording."""
    entry = RECORDED["cases"][name]
    fn = getattr(cases, "case_" + name)
    tb = None
    with jax.checking_leaks():
        try:
            actual = encode.encode(fn(ms))
        except Exception as exc:  # noqa: BLE001 - errors are compared too
            actual = encode.encode_error(exc)
            tb = traceback.format_exc()
    try:
        encode.compare(entry["result"], actual, rtol=entry.get("rtol"), atol=entry.get("atol"))
    except encode.CompareError as err:
        msg = f"case {name} differs from MindSpore {RECORDED['meta']['mindspore_version']}:\n{err}"
        if tb is not None:
            msg += "\n\nmindgrad raised:\n" + tb
        pytest.fail(msg, pytrace=False)


def recorded_names():
    return set(RECORDED["cases"])


def defined_names():
    return {n[len("case_"):] for n, f in vars(cases).items() if n.startswith("case_") and callable(f)}
