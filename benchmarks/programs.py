"""What one step asks of the device: XLA's cost analysis of the programs a step runs, per workload.

    python benchmarks/programs.py [-k SUBSTR] [--variants pynative,graph,jit]

For each workload and variant: how many compiled programs one step runs, and the sum of their
flops, transcendentals and bytes accessed (XLA's estimate for the backend in use), against
hand-written JAX's. Equal costs with a slower step mean the gap is the host's (Python around the
call: see `overhead.py`); higher costs mean mindgrad's program does more work. Every `jax.jit`
made while the workloads are built and first run is recorded (a thin wrapper keeping the last
arguments), so the programs are exactly those the steps call.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402

from workloads import VARIANTS, WORKLOADS, block, build, enter  # noqa: E402

_COSTS = ("flops", "transcendentals", "bytes accessed")
_REAL_JIT = jax.jit


class _Recorded:
    """A `jax.jit` function that notes each top-level call (not calls inside another trace)."""

    log: list | None = None

    def __init__(self, fn, **options):
        self.jitted = _REAL_JIT(fn, **options)

    def __call__(self, *args, **kwargs):
        leaves = jax.tree_util.tree_leaves((args, kwargs))
        if _Recorded.log is not None and not any(isinstance(x, jax.core.Tracer) for x in leaves):
            _Recorded.log.append((self.jitted, args, kwargs))
        return self.jitted(*args, **kwargs)

    def __get__(self, obj, objtype=None):
        return self if obj is None else lambda *a, **k: self(obj, *a, **k)



def _recording_jit(fn=None, **options):
    if fn is None:
        return lambda f: _Recorded(f, **options)
    return _Recorded(fn, **options)


@contextlib.contextmanager
def recording():
    """Inside, every `jax.jit` made is recorded (build the workloads and run their steps inside)."""
    jax.jit = _recording_jit
    try:
        yield
    finally:
        jax.jit = _REAL_JIT


def step_costs(step) -> tuple[int, dict]:
    """(programs called, summed costs) of one step, after two warm-up steps."""
    for _ in range(2):
        block(step())
    _Recorded.log = []
    try:
        step()
    finally:
        calls, _Recorded.log = _Recorded.log, None
    total = dict.fromkeys(_COSTS, 0.0)
    for jitted, args, kwargs in calls:
        analysis = jitted.lower(*args, **kwargs).compile().cost_analysis()
        analysis = analysis[0] if isinstance(analysis, list) else analysis
        for key in _COSTS:
            total[key] += float(analysis.get(key, 0.0))
    return len(calls), total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-k", default=None)
    ap.add_argument("--variants", default=",".join(v for v in VARIANTS if v != "jax"))
    args = ap.parse_args()
    print(f"device: {jax.devices()[0].device_kind}, jax {jax.__version__}")
    print(f"{'workload':<40s} {'variant':<9s} {'programs':>8s} {'Mflops':>10s} {'ratio':>6s} "
          f"{'transc. k':>10s} {'MB accessed':>12s} {'ratio':>6s}")
    for name in WORKLOADS:
        if args.k and args.k not in name:
            continue
        base = None
        for variant in ["jax"] + args.variants.split(","):
            with recording():
                step = build(name, variant)
                enter(variant)
                n, cost = step_costs(step)
            base = base or cost
            ratio = lambda key, cost=cost, base=base: cost[key] / base[key] if base[key] else float("nan")  # noqa: E731
            print(f"{name if variant == 'jax' else '':<40s} {variant:<9s} {n:8d} {cost['flops'] / 1e6:10.4g} "
                  f"{ratio('flops'):6.2f} {cost['transcendentals'] / 1e3:10.1f} "
                  f"{cost['bytes accessed'] / 1e6:12.2f} {ratio('bytes accessed'):6.2f}")
        enter("pynative")


if __name__ == "__main__":
    main()
