"""Where one step's time goes: mindgrad's Python around the compiled call, per workload.

    python benchmarks/overhead.py [-k SUBSTR] [--variants graph,jit] [--profile N]
    python benchmarks/overhead.py --breakdown [--rounds 7]

For each workload and variant: the median wall time of a step run to completion (`blocked`) and
of a step only dispatched (`dispatch`, the host's share: JAX runs the compiled program
asynchronously), each against hand-written JAX's in the same process. `--profile N` prints the
N functions with the most own time under cProfile for each mindgrad variant.

`--breakdown` splits one W1 call (`GradOperation(get_all=True, get_by_list=True)(net, params)(x, y)` in
PyNative) into its layers, in this thread's CPU time (robust on a loaded machine; the program itself is the
same in every row): hand-written `jax.jit`; mindgrad's whole call; its steady shortcut alone; the compiled
call it makes (flat arrays in and out, `entry.FlatCall`); that plus the three result Tensors.
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


def _thread_us(fn, n: int = 3000) -> float:
    start = time.thread_time()
    for _ in range(n):
        fn()
    return (time.thread_time() - start) / n * 1e6


def breakdown(rounds: int) -> None:
    """The layers of one W1 call (see the module docstring), medians over interleaved rounds."""
    from mindgrad._engine.kinds import Kind
    from mindgrad._engine.sens import NO_SENS
    from mindgrad.common.tensor import wrap

    name = "W1 GradOperation doc net (per call)"
    jax_step, ms_step = build(name, "jax"), build(name, "pynative")
    enter("pynative")
    for _ in range(3):
        block(jax_step()), block(ms_step())
    env = dict(zip(ms_step.__code__.co_freevars, (c.cell_contents for c in ms_step.__closure__), strict=True))
    grad = env["grad_op"](env["net"], env["params"])
    x, y = env["x"], env["y"]
    steady = grad._steady_runner._steady
    shaped = steady.shaped(grad.shape)
    flat, p = steady.flat.jitted, steady.diff_params[0]
    value, g_params, g_inputs, _ = steady.layout

    def flat_wrapped():
        r = flat(p._value, x._arr, y._arr)
        return (wrap(r[g_inputs[0]]), wrap(r[g_inputs[1]])), (wrap(r[g_params[0]]),)

    rows = {"hand-written jax.jit": jax_step, "mindgrad call": ms_step,
            "steady shortcut (shaped attempt)": lambda: shaped(Kind.GRAD_ONLY, (x, y), NO_SENS, False),
            "its compiled call (flat arrays)": lambda: flat(p._value, x._arr, y._arr),
            "compiled call + 3 Tensors": flat_wrapped}
    for fn in rows.values():
        block(fn())
    samples: dict = {k: [] for k in rows}
    for r in range(rounds):
        for k in list(rows)[r % len(rows):] + list(rows)[:r % len(rows)]:
            samples[k].append(_thread_us(rows[k]))
    base = statistics.median(samples["hand-written jax.jit"])
    print(f"device: {jax.devices()[0].device_kind}, jax {jax.__version__}; W1 per call, thread CPU time")
    for k, v in samples.items():
        print(f"{k:<36s} {statistics.median(v):7.2f} us {statistics.median(v) / base:6.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-k", default=None)
    ap.add_argument("--variants", default=",".join(v for v in VARIANTS if v != "jax"))
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--profile", type=int, default=0)
    ap.add_argument("--breakdown", action="store_true")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if args.breakdown:
        breakdown(args.rounds)
        return
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
