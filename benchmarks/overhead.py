"""Where one step's time goes: mindgrad's Python around the compiled call, per workload.

    python benchmarks/overhead.py [-k SUBSTR] [--variants graph,jit] [--profile N]

For each workload and variant: the median wall time of a step run to completion (`blocked`) and
of a step only dispatched (`dispatch`, the host's share: JAX runs the compiled program
asynchronously), each against hand-written JAX's in the same process. `--profile N` prints the
N functions with the most own time under cProfile for each mindgrad variant.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402

from workloads import VARIANTS, WORKLOADS, block, build, enter  # noqa: E402


def _times(step, n: int) -> tuple[float, float]:
    """(µs per blocked step, µs per dispatched step) as medians of 5 samples of n steps."""
    blocked, dispatched = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            block(step())
        blocked.append((time.perf_counter() - t0) / n * 1e6)
        outs = []
        t0 = time.perf_counter()
        for _ in range(n):
            outs.append(step())
        dispatched.append((time.perf_counter() - t0) / n * 1e6)
        block(outs)
    return statistics.median(blocked), statistics.median(dispatched)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-k", default=None)
    ap.add_argument("--variants", default=",".join(v for v in VARIANTS if v != "jax"))
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--profile", type=int, default=0)
    args = ap.parse_args()
    print(f"device: {jax.devices()[0].device_kind}, jax {jax.__version__}")
    print(f"{'workload':<40s} {'variant':<9s} {'blocked us':>10s} {'ratio':>6s} {'dispatch us':>11s} {'extra us':>9s}")
    for name in WORKLOADS:
        if args.k and args.k not in name:
            continue
        steps = {v: build(name, v) for v in ["jax"] + args.variants.split(",")}
        for variant, step in steps.items():
            enter(variant)
            for _ in range(3):
                block(step())
        enter("jax")
        base_blocked, base_dispatch = _times(steps["jax"], args.steps)
        print(f"{name:<40s} {'jax':<9s} {base_blocked:10.1f} {1.0:6.2f} {base_dispatch:11.1f} {0.0:9.1f}")
        for variant, step in steps.items():
            if variant == "jax":
                continue
            enter(variant)
            blocked, dispatched = _times(step, args.steps)
            print(f"{'':<40s} {variant:<9s} {blocked:10.1f} {blocked / base_blocked:6.2f} {dispatched:11.1f} "
                  f"{dispatched - base_dispatch:9.1f}")
            if args.profile:
                prof = cProfile.Profile()
                prof.enable()
                for _ in range(args.steps):
                    step()
                prof.disable()
                block(step())
                pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
