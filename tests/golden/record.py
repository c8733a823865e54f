"""Record golden fixtures from real MindSpore: the one recorder, `<suite>_cases.py` -> `<suite>.json`.

Run with the oracle interpreter from the repository root:

    GLOG_v=3 ../ms-oracle/bin/python -m tests.golden.record SUITE [-k SUBSTR [--update]]
    ../ms-oracle/bin/python -m tests.golden.record --list

The registry of suites is every `<suite>_cases.py` beside this file. A suite's cases are its
`case_<name>(ms)` functions (the op database generates them from `OPS`, see `opdb.py`); each
result (or the error it raises) is encoded by `_encode.py`, with the case's own `rtol`/`atol`
when a decorator set them. Cases run in a worker process, in name order, in PYNATIVE_MODE (a case
switches modes itself); after a case that raises, the worker is replaced by a fresh one, since a
MindSpore error can leave its executor failing later ops. A suite module may add tables to the
recording with `extra_jobs()` / `extra_result(ms, job)` (a job is a tuple of strings, stored
under `" ".join(job[1:])` in the table named `job[0]`), or take over recording entirely with
`record(ms) -> dict` (the whole JSON document).

`-k SUBSTR` runs only the matching cases and prints them; with `--update` it also stores them into
the existing recording, keeping every other case.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MARK = "@@JOB "

if HERE not in sys.path:
    sys.path.insert(0, HERE)

import _encode  # noqa: E402


def registry() -> list:
    """The suites: every `<suite>_cases.py` beside this file."""
    return sorted(os.path.basename(p)[: -len("_cases.py")] for p in glob.glob(os.path.join(HERE, "*_cases.py")))


def jobs(module, substr: str | None) -> list:
    """("case", name) for each case of `module` (matching `substr`), then the module's extra jobs."""
    names = sorted(n[len("case_"):] for n, f in vars(module).items() if n.startswith("case_") and callable(f))
    out = [("case", n) for n in names if substr is None or substr in n]
    if substr is None and hasattr(module, "extra_jobs"):
        out += [tuple(j) for j in module.extra_jobs()]
    return out


def run_job(ms, module, job) -> tuple:
    """(encoded result, raised?) of one job."""
    ms.set_context(mode=ms.PYNATIVE_MODE)
    try:
        if job[0] == "case":
            return _encode.encode(getattr(module, "case_" + job[1])(ms)), False
        return module.extra_result(ms, job), False
    except Exception as exc:  # noqa: BLE001 - errors are recorded
        return _encode.encode_error(exc), True


def worker(suite: str, start: int, substr: str | None) -> None:
    """Run the jobs from `start` on, one marked JSON line each; stop after the first that raised."""
    import mindspore as ms
    assert "mindgrad" not in sys.modules, "the recorder must run on real MindSpore"
    module = importlib.import_module(suite + "_cases")
    todo = jobs(module, substr)
    for index in range(start, len(todo)):
        result, raised = run_job(ms, module, todo[index])
        print(MARK + json.dumps({"index": index, "result": result}), flush=True)
        if raised:
            return


def run_all(suite: str, substr: str | None) -> dict:
    """Every job's result, from as many workers as errors need."""
    module = importlib.import_module(suite + "_cases")
    todo = jobs(module, substr)
    results = {}
    start = 0
    while start < len(todo):
        cmd = [sys.executable, os.path.abspath(__file__), suite, "--worker", str(start)]
        if substr:
            cmd += ["-k", substr]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(REPO),
                              env=dict(os.environ, GLOG_v="3"))
        got = [json.loads(line[len(MARK):]) for line in proc.stdout.splitlines() if line.startswith(MARK)]
        if not got:
            raise RuntimeError(f"{suite}: the worker produced nothing for {todo[start]}:\n{proc.stderr[-3000:]}")
        for item in got:
            results[todo[item["index"]]] = item["result"]
        start = got[-1]["index"] + 1
        print(f"  {suite}: {start}/{len(todo)} jobs", file=sys.stderr)
    return results


def document(ms, suite: str, results: dict, previous: dict | None) -> dict:
    """The recording: meta, cases (with tolerances), and any extra tables."""
    module = importlib.import_module(suite + "_cases")
    cases = dict(previous["cases"]) if previous else {}
    tables = {k: v for k, v in (previous or {}).items() if k not in ("meta", "cases")}
    for job, result in results.items():
        if job[0] != "case":
            tables.setdefault(job[0], {})[" ".join(job[1:])] = result
            continue
        fn = getattr(module, "case_" + job[1])
        entry = {"result": result}
        for tol in ("rtol", "atol"):
            if getattr(fn, tol, None) is not None:
                entry[tol] = getattr(fn, tol)
        cases[job[1]] = entry
    defined = {j[1] for j in jobs(module, None) if j[0] == "case"}
    cases = {n: cases[n] for n in sorted(cases) if n in defined}
    import numpy as np
    meta = {"mindspore_version": ms.__version__, "mode": "PYNATIVE_MODE",
            "device_target": ms.get_context("device_target"), "python": platform.python_version(),
            "numpy": np.__version__, "generator": f"python -m tests.golden.record {suite}",
            "cases_module": f"tests/golden/{suite}_cases.py", "n_cases": len(cases),
            "n_error_cases": sum(c["result"]["kind"] == "error" for c in cases.values())}
    return {"meta": meta, "cases": cases, **tables}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite", nargs="?")
    ap.add_argument("-k", default=None, help="only run (and print) cases containing this")
    ap.add_argument("--update", action="store_true", help="with -k: store those cases into the recording")
    ap.add_argument("--list", action="store_true", help="list the suites")
    ap.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    # The repository root holds the mindgrad package: keep it off the oracle's path.
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.getcwd()) != REPO]
    if args.list or not args.suite:
        print("\n".join(registry()))
        return 0
    if args.suite not in registry():
        ap.error(f"no suite {args.suite!r}; the suites are: {', '.join(registry())}")
    if args.worker is not None:
        worker(args.suite, args.worker, args.k)
        return 0

    out = os.path.join(HERE, args.suite + ".json")
    module = importlib.import_module(args.suite + "_cases")
    import mindspore as ms
    if hasattr(module, "record"):
        doc = module.record(ms)
    else:
        results = run_all(args.suite, args.k)
        if args.k and not args.update:
            for job, result in results.items():
                print("==", job[1], json.dumps(result, sort_keys=True))
            return 0
        previous = None
        if args.update:
            with open(out) as f:
                previous = json.load(f)
        doc = document(ms, args.suite, results, previous)
    with open(out + ".tmp", "w") as f:
        f.write(_encode.dumps(doc))
    os.replace(out + ".tmp", out)
    print(f"wrote {out}: {len(doc.get('cases', ()))} cases, MindSpore {ms.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
