"""Interleaved timing: medians over rounds, paired ratios against hand-written JAX."""

from __future__ import annotations

import statistics
import time
from typing import Callable

import jax

from workloads import block


def per_call_us(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        out = fn()
    block(out)
    return (time.perf_counter() - start) / calls * 1e6


def compare(candidates: dict[str, Callable[[], object]], baseline: str, rounds: int = 15,
            calls: int = 200, warmup: int = 20) -> dict[str, dict[str, float]]:
    """Median µs/call of each candidate and the median of the per-round ratios to `baseline`."""
    for fn in candidates.values():
        for _ in range(warmup):
            block(fn())
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            samples[name].append(per_call_us(fn, calls))
    base = samples[baseline]
    return {name: {"median_us": statistics.median(s),
                   "ratio": statistics.median(a / b for a, b in zip(s, base, strict=False))}
            for name, s in samples.items()}


def report(title: str, results: dict[str, dict[str, float]], baseline: str) -> None:
    print(f"{title}  (device: {jax.devices()[0].device_kind}, jax {jax.__version__})")
    for name, r in results.items():
        ratio = "" if name == baseline else f"  ratio vs {baseline}: {r['ratio']:.2f}x"
        print(f"  {name:<40s} {r['median_us']:10.1f} us/call{ratio}")
