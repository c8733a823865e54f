"""Record the core-API golden fixtures (``core_api.json``) from real MindSpore.

Run with the oracle interpreter, from a directory outside the repository so
that the repository's ``mindgrad`` package can never be imported::

    cd /tmp && GLOG_v=3 /work/ms-oracle/bin/python /work/main/tests/golden/record_core_api.py

It records every ``case_<name>`` of ``core_api_cases.py`` and the promotion
table (``PROMOTION_*`` there). A MindSpore op that fails can make later ops in
the same process fail as well (a cached implicit-conversion or kernel-selection
error is reported again), so the jobs run in worker processes and a worker
stops after the first job that raised; the next worker starts after it.

Options:

    -k SUBSTR   only run cases whose name contains SUBSTR and print them
                (the table is skipped; nothing is written unless --merge)
    --merge     with -k: store those cases into the existing core_api.json,
                keeping every other case and the table
"""

import argparse
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "core_api.json")
MARK = "@@JOB "

# Never let the repository root (which holds the mindgrad package) onto the import path.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.getcwd()) != REPO]
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import _encode  # noqa: E402
import core_api_cases  # noqa: E402


def jobs(filter_substr=None):
    """("case", name) for each case, then ("promo", op, lhs, rhs) for the table."""
    out = [("case", n) for n in core_api_cases.case_names() if filter_substr is None or filter_substr in n]
    if filter_substr is None:
        out += [("promo",) + k for k in core_api_cases.promotion_keys()]
    return out


def run_job(ms, job):
    """(encoded result, raised?)."""
    if job[0] == "case":
        fn = getattr(core_api_cases, "case_" + job[1])
        try:
            return _encode.encode(fn(ms)), False
        except Exception as exc:  # noqa: BLE001 - errors are recorded
            return _encode.encode_error(exc), True
    try:
        return core_api_cases.promotion_result(ms, *job[1:]), False
    except Exception as exc:  # noqa: BLE001
        lines = [ln for ln in str(exc).splitlines() if ln.strip() and not ln.startswith("---")]
        return {"error": type(exc).__name__, "message": (lines[0] if lines else "")[:200]}, True


def worker(start, filter_substr):
    """Run jobs from `start` on; print each result; stop after the first that raised."""
    import mindspore as ms
    assert "mindgrad" not in sys.modules
    assert not os.path.abspath(ms.__file__).startswith(REPO + os.sep), ms.__file__
    assert ms.get_context("mode") == ms.PYNATIVE_MODE
    all_jobs = jobs(filter_substr)
    for index in range(start, len(all_jobs)):
        result, raised = run_job(ms, all_jobs[index])
        print(MARK + json.dumps({"index": index, "result": result}), flush=True)
        if raised:
            return


def run_all(filter_substr):
    all_jobs = jobs(filter_substr)
    results = {}
    start = 0
    while start < len(all_jobs):
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", str(start)]
        if filter_substr:
            cmd += ["-k", filter_substr]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=os.path.dirname(REPO))
        got = [json.loads(line[len(MARK):]) for line in proc.stdout.splitlines() if line.startswith(MARK)]
        if not got:
            raise RuntimeError(f"worker from job {start} produced nothing:\n{proc.stderr[-3000:]}")
        for item in got:
            results[item["index"]] = item["result"]
        start = got[-1]["index"] + 1
        print(f"  {start}/{len(all_jobs)} jobs", file=sys.stderr)
    return all_jobs, results


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default=None)
    ap.add_argument("--merge", action="store_true")
    ap.add_argument("--worker", type=int, default=None)
    args = ap.parse_args(argv)
    if args.worker is not None:
        worker(args.worker, args.k)
        return 0

    all_jobs, results = run_all(args.k)
    if args.k and args.merge:
        with open(OUT) as f:
            doc = json.load(f)
        for i, job in enumerate(all_jobs):
            doc["cases"][job[1]] = {"result": results[i]}
        doc["cases"] = dict(sorted(doc["cases"].items()))
        _write(doc)
        return 0
    if args.k:
        for i, job in enumerate(all_jobs):
            print("==", job[1])
            print(json.dumps(results[i], sort_keys=True))
        return 0

    cases, table = {}, {}
    for i, job in enumerate(all_jobs):
        if job[0] == "case":
            cases[job[1]] = {"result": results[i]}
        else:
            table[" ".join(job[1:])] = results[i]

    import mindspore as ms
    doc = {
        "meta": {
            "mindspore_version": ms.__version__,
            "mode": "PYNATIVE_MODE",
            "device_target": ms.get_context("device_target"),
            "python": platform.python_version(),
            "generator": "tests/golden/record_core_api.py",
            "cases_module": "tests/golden/core_api_cases.py",
            "promotion_key": "'<op> <lhs> <rhs>' -> str(dtype) of lhs <op> rhs, or {error, message}",
        },
        "cases": cases,
        "promotion": table,
    }
    _write(doc)
    return 0


def _write(doc):
    cases = doc["cases"]
    doc["meta"]["n_cases"] = len(cases)
    doc["meta"]["n_error_cases"] = sum(1 for c in cases.values() if c["result"]["kind"] == "error")
    with open(OUT, "w") as f:
        f.write(_encode.dumps(doc))
    print("wrote %s: %d cases, %d table entries, MindSpore %s" % (
        OUT, len(cases), len(doc["promotion"]), doc["meta"]["mindspore_version"]))


if __name__ == "__main__":
    sys.exit(main())
