"""Run every workload: mindgrad (PyNative, GRAPH_MODE, @ms.jit) against hand-written JAX.

    python benchmarks/run.py [--rounds 7] [-k SUBSTR] [--donate auto|on|off] [--write-readme]

Steady state: all variants of a workload run in one process in interleaved rounds; the table
gives the median ms/step and the median of the per-round ratios to JAX. First call (build +
compile) time and peak RSS are medians over fresh subprocesses per (workload, variant). Retraces
counts the traces mindgrad made after the first two steps (it must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402

import mindgrad as ms  # noqa: E402
from mindgrad._engine import cache  # noqa: E402
from workloads import VARIANTS, WORKLOADS, block, build, enter  # noqa: E402


def peak_rss_mb() -> float:
    """This process's peak resident set size. Linux's `VmHWM` starts afresh at `exec`; `ru_maxrss`
    would carry over the parent's peak from the `fork`, so it is only the fallback."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def first_call(name: str, variant: str) -> dict:
    """In this (fresh) process: seconds to build and run the first step, and peak RSS."""
    t0 = time.perf_counter()
    step = build(name, variant)
    enter(variant)
    block(step())
    seconds = time.perf_counter() - t0
    return {"first_call_s": seconds, "peak_rss_mb": peak_rss_mb()}


def _first_call_subprocess(name: str, variant: str, donate: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--first-call", name, variant, "--donate", donate],
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        return {"first_call_s": float("nan"), "peak_rss_mb": float("nan"), "error": out.stderr[-500:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def first_calls(name: str, repeats: int, donate: str) -> dict:
    """Per variant, the medians of first-call seconds and peak RSS over `repeats` fresh processes,
    run in interleaved rounds (one process's RSS varies by tens of MB from run to run)."""
    runs: dict = {v: [] for v in VARIANTS}
    for _ in range(repeats):
        for v in VARIANTS:
            runs[v].append(_first_call_subprocess(name, v, donate))
    return {v: {key: statistics.median(r[key] for r in rs) for key in ("first_call_s", "peak_rss_mb")}
            for v, rs in runs.items()}


def steady_state(name: str, rounds: int, target_s: float) -> dict:
    steps = {v: build(name, v) for v in VARIANTS}
    for v, step in steps.items():        # first call and the compile of the second
        enter(v)
        block(step())
        block(step())
    traces = {}
    calls = {}
    for v, step in steps.items():        # calls per round: about target_s seconds each
        enter(v)
        before = cache.trace_count()
        t0 = time.perf_counter()
        block(step())
        dt = time.perf_counter() - t0
        traces[v] = cache.trace_count() - before
        calls[v] = max(1, min(20000, int(target_s / max(dt, 1e-6))))
    samples = {v: [] for v in steps}
    order = list(steps)
    for r in range(rounds):
        for v in order[r % len(order):] + order[:r % len(order)]:   # each variant leads in turn
            step = steps[v]
            enter(v)
            before = cache.trace_count()
            t0 = time.perf_counter()
            for _ in range(calls[v]):
                out = step()
            block(out)
            samples[v].append((time.perf_counter() - t0) / calls[v] * 1e3)
            traces[v] += cache.trace_count() - before
    base = samples["jax"]
    return {v: {"ms": statistics.median(s), "ratio": statistics.median(a / b for a, b in zip(s, base, strict=False)),
                "retraces": traces[v]} for v, s in samples.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--target", type=float, default=0.2, help="seconds per variant per round")
    ap.add_argument("-k", default=None, help="only workloads whose name contains this")
    ap.add_argument("--no-first-call", action="store_true", help="skip the subprocess first-call/RSS runs")
    ap.add_argument("--first-call-repeats", type=int, default=3,
                    help="fresh processes per variant (interleaved); first call and RSS are their medians")
    ap.add_argument("--write-readme", action="store_true", help="write the table into benchmarks/README.md")
    ap.add_argument("--donate", choices=("auto", "on", "off"), default="auto",
                    help="set_context(donate_parameters=...): None (on for GPU/TPU), True or False")
    ap.add_argument("--first-call", nargs=2, metavar=("WORKLOAD", "VARIANT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    ms.set_context(donate_parameters={"auto": None, "on": True, "off": False}[args.donate])
    if args.first_call:
        print(json.dumps(first_call(*args.first_call)))
        return 0

    device = jax.devices()[0]
    header = (f"device: {device.platform} ({device.device_kind}), {os.cpu_count()} cores, jax {jax.__version__}, "
              f"python {platform.python_version()}, "
              f"donation {'on' if ms.get_context('device_target') != 'CPU' else 'off'} by default, "
              f"--donate {args.donate}")
    lines = [header, "",
             "| workload | variant | ms/step | ratio vs JAX | retraces | first call s | first call vs JAX "
             "| peak RSS MB | RSS vs JAX |",
             "|---|---|---|---|---|---|---|---|---|"]
    print(header)
    for name in WORKLOADS:
        if args.k and args.k not in name:
            continue
        steady = steady_state(name, args.rounds, args.target)
        first = {} if args.no_first_call else first_calls(name, args.first_call_repeats, args.donate)
        for v in VARIANTS:
            s, f, fj = steady[v], first.get(v, {}), first.get("jax", {})
            fc = f.get("first_call_s", float("nan"))
            rss = f.get("peak_rss_mb", float("nan"))
            row = (f"| {name} | {v} | {s['ms']:.3f} | {s['ratio']:.2f} | {s['retraces'] if v != 'jax' else '-'} | "
                   f"{fc:.2f} | {fc / fj.get('first_call_s', float('nan')):.2f} | {rss:.0f} | "
                   f"{rss / fj.get('peak_rss_mb', float('nan')):.2f} |")
            lines.append(row)
            print(row, flush=True)
    if args.write_readme:
        path = os.path.join(HERE, "README.md")
        with open(path) as f:
            text = f.read()
        start, end = "<!-- results -->", "<!-- /results -->"
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        with open(path, "w") as f:
            f.write(before + start + "\n" + "\n".join(lines) + "\n" + end + after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
