"""Record the ops golden fixtures from real MindSpore.

Run with the oracle interpreter, from a directory outside the repository so
that the repository's ``mindgrad`` package can never be imported::

    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/record_ops.py

Writes ``ops.json`` next to this file. The cases of ``ops_cases.py`` run in a
worker process, one after the other; a case that raises is recorded and the
worker is replaced by a fresh one, because an exception can leave MindSpore's
PyNative executor failing the ops that follow. Options:

    -k SUBSTR   only run cases whose name contains SUBSTR and print them
                (nothing is written)
    --update    with -k: write those cases into the existing ops.json
"""

import argparse
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "ops.json")

sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.getcwd()) != REPO]
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import _encode  # noqa: E402
import ops_cases  # noqa: E402


def case_names():
    return sorted(n[len("case_"):] for n, f in vars(ops_cases).items() if n.startswith("case_") and callable(f))


def worker(names):
    """Run `names` in order, one JSON line each; stop after the first case that raises."""
    import mindspore as ms
    assert not os.path.abspath(ms.__file__).startswith(REPO + os.sep), ms.__file__
    for name in names:
        try:
            enc = _encode.encode(getattr(ops_cases, "case_" + name)(ms))
        except Exception as exc:  # noqa: BLE001 - errors are recorded
            print(json.dumps({"name": name, "result": _encode.encode_error(exc)}), flush=True)
            return
        print(json.dumps({"name": name, "result": enc}), flush=True)


def run_all(names):
    results = {}
    todo = list(names)
    while todo:
        proc = subprocess.run([sys.executable, __file__, "--worker", *todo], capture_output=True, text=True,
                              env=dict(os.environ, GLOG_v="3"))
        done = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        if not done:
            raise RuntimeError(f"worker produced nothing for {todo[0]}:\n{proc.stderr[-3000:]}")
        for item in done:
            results[item["name"]] = item["result"]
        todo = todo[len(done):]
    return results


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default=None)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--worker", nargs="*")
    args = ap.parse_args(argv)
    if args.worker is not None:
        worker(args.worker)
        return 0

    names = [n for n in case_names() if not args.k or args.k in n]
    results = run_all(names)
    if args.k and not args.update:
        for name in names:
            print("==", name)
            print(json.dumps(results[name], sort_keys=True))
        return 0

    cases = {}
    if args.update:
        with open(OUT) as f:
            cases = {n: c for n, c in json.load(f)["cases"].items() if n in case_names()}
    for name in names:
        fn = getattr(ops_cases, "case_" + name)
        entry = {"result": results[name]}
        if getattr(fn, "rtol", None) is not None:
            entry["rtol"], entry["atol"] = fn.rtol, fn.atol
        cases[name] = entry
    import mindspore as ms
    import numpy as np
    doc = {
        "meta": {
            "mindspore_version": ms.__version__,
            "mode": "PYNATIVE_MODE",
            "device_target": ms.get_context("device_target"),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "generator": "tests/golden/record_ops.py",
            "cases_module": "tests/golden/ops_cases.py",
            "n_cases": len(cases),
            "n_error_cases": sum(c["result"]["kind"] == "error" for c in cases.values()),
        },
        "cases": dict(sorted(cases.items())),
    }
    with open(OUT, "w") as f:
        f.write(_encode.dumps(doc))
    print("wrote %s: %d cases (%d errors), MindSpore %s" % (OUT, len(cases), doc["meta"]["n_error_cases"],
                                                           ms.__version__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
