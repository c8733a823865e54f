"""A compiled mindgrad step runs one program that asks the device for what hand-written JAX's asks:
the same flops and bytes (XLA's cost analysis), so a step-time gap can only be the host's."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))

from programs import recording, step_costs  # noqa: E402
from workloads import build, enter  # noqa: E402


@pytest.mark.parametrize("workload", ["W1 GradOperation doc net (per call)", "W2 MLP 784-1024-1024-10 grads",
                                      "W2 MLP 784-1024-1024-10 train step", "W3 CNN 28x28 batch 64 train step"])
def test_one_program_per_step_with_the_work_of_hand_written_jax(workload):
    costs = {}
    try:
        with recording():
            for variant in ("jax", "pynative", "graph", "jit"):
                step = build(workload, variant)
                enter(variant)
                costs[variant] = step_costs(step)
    finally:
        enter("pynative")
    n_jax, jax_cost = costs.pop("jax")
    assert n_jax == 1
    for variant, (n, cost) in costs.items():
        assert n == 1, variant
        assert cost["flops"] == pytest.approx(jax_cost["flops"], rel=1e-3), variant
        assert cost["bytes accessed"] == pytest.approx(jax_cost["bytes accessed"], rel=1e-3), variant
