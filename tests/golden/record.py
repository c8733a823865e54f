"""Record golden fixtures from real MindSpore: `<suite>_cases.py` -> `<suite>.json`.

Run with the oracle interpreter, from outside the repository (so that `mindgrad` can never be
imported in its place):

    cd /tmp && GLOG_v=3 ../work/ms-oracle/bin/python /path/to/tests/golden/record.py SUITE [-k SUBSTR]

Each case is `case_<name>(ms)`; its result (or the error it raises) is encoded by `_encode.py`.
A case switches modes itself when it needs GRAPH_MODE; recording starts in PYNATIVE_MODE.
"""

import argparse
import importlib
import json
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.getcwd()) != REPO]
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

import _encode  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("-k", default=None, help="only run (and print) cases containing this; nothing is written")
    args = ap.parse_args(argv)

    import mindspore as ms
    assert "mindgrad" not in sys.modules
    cases_module = importlib.import_module(args.suite + "_cases")
    cases = {}
    for name, fn in sorted(vars(cases_module).items()):
        if not name.startswith("case_") or not callable(fn):
            continue
        if args.k and args.k not in name:
            continue
        ms.set_context(mode=ms.PYNATIVE_MODE)
        try:
            enc = _encode.encode(fn(ms))
        except Exception as exc:  # noqa: BLE001 - errors are recorded
            enc = _encode.encode_error(exc)
        entry = {"result": enc}
        for tol in ("rtol", "atol"):  # a case may carry its own tolerance (set by a decorator)
            if getattr(fn, tol, None) is not None:
                entry[tol] = getattr(fn, tol)
        cases[name[len("case_"):]] = entry
        if args.k:
            print("==", name, json.dumps(enc, sort_keys=True))
    if args.k:
        return 0
    doc = {"meta": {"mindspore_version": ms.__version__, "mode": "PYNATIVE_MODE",
                    "python": platform.python_version(), "numpy": np.__version__,
                    "generator": "tests/golden/record.py " + args.suite, "n_cases": len(cases)},
           "cases": cases}
    out = os.path.join(HERE, args.suite + ".json")
    with open(out, "w") as f:
        f.write(_encode.dumps(doc))
    print("wrote %s: %d cases, MindSpore %s" % (out, len(cases), ms.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
