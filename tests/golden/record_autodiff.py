"""Record the autodiff-family golden fixtures from real MindSpore.

Run with the oracle interpreter, from a directory outside the repository so
that the repository's ``mindgrad`` package can never be imported::

    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/record_autodiff.py

Writes ``autodiff.json`` next to this file.  Options:

    -k SUBSTR   only run cases whose name contains SUBSTR and print them
                (nothing is written)
    --print     print every encoded result as well
"""

import argparse
import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Never let the repository root (which holds the mindgrad package) onto the
# import path.
sys.path[:] = [p for p in sys.path
               if os.path.abspath(p or os.getcwd()) != REPO]
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import _encode  # noqa: E402
import autodiff_cases  # noqa: E402

OUT = os.path.join(HERE, "autodiff.json")


def case_functions():
    return sorted((name[len("case_"):], fn) for name, fn in vars(autodiff_cases).items()
                  if name.startswith("case_") and callable(fn))


def run_case(ms, fn):
    try:
        result = fn(ms)
    except Exception as exc:  # noqa: BLE001 - errors are recorded
        return _encode.encode_error(exc)
    return _encode.encode(result)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default=None)
    ap.add_argument("--print", action="store_true", dest="do_print")
    args = ap.parse_args(argv)

    import mindspore as ms
    assert "mindgrad" not in sys.modules
    assert not os.path.abspath(ms.__file__).startswith(REPO + os.sep), ms.__file__

    mode = ms.get_context("mode")
    mode_name = {getattr(ms, "GRAPH_MODE", 0): "GRAPH_MODE",
                 getattr(ms, "PYNATIVE_MODE", 1): "PYNATIVE_MODE"}.get(mode, str(mode))
    assert mode_name == "PYNATIVE_MODE", mode_name

    cases = {}
    n_err = 0
    for name, fn in case_functions():
        if args.k and args.k not in name:
            continue
        enc = run_case(ms, fn)
        entry = {"result": enc}
        if getattr(fn, "rtol", None) is not None:
            entry["rtol"] = fn.rtol
        if getattr(fn, "atol", None) is not None:
            entry["atol"] = fn.atol
        cases[name] = entry
        if enc["kind"] == "error":
            n_err += 1
        if args.k or args.do_print:
            print("==", name)
            print(json.dumps(enc, sort_keys=True))

    if args.k:
        return 0

    doc = {
        "meta": {
            "mindspore_version": ms.__version__,
            "mode": mode_name,
            "device_target": ms.get_context("device_target"),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "generator": "tests/golden/record_autodiff.py",
            "cases_module": "tests/golden/autodiff_cases.py",
            "n_cases": len(cases),
            "n_error_cases": n_err,
        },
        "cases": cases,
    }
    with open(OUT, "w") as f:
        f.write(_encode.dumps(doc))
    print("wrote %s: %d cases (%d errors), MindSpore %s %s" % (
        OUT, len(cases), n_err, ms.__version__, mode_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
