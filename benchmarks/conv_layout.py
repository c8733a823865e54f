"""Issue 21, item 4: does the convolution layout change the speed of W3's training step on this backend?

    python benchmarks/conv_layout.py [--rounds 9] [--steps 20]

The W3 CNN (conv 1->32, relu, 2x2 max pool, conv 32->64, relu, pool, dense 3136->128->10, cross-entropy, SGD) in plain
JAX, three ways: NCHW/OIHW throughout (mindgrad's and MindSpore's layout), NHWC/HWIO throughout (Flax's), and NCHW
at the API with each convolution transposed to NHWC and back (what a layout rewrite inside mindgrad would give).
Interleaved rounds; the median wall and process CPU time of `--steps` steps each.
"""

from __future__ import annotations

import argparse
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

LAYOUTS = ("NCHW", "NHWC", "NCHW via NHWC")


def _pool(h, channels_last: bool):
    window = (1, 2, 2, 1) if channels_last else (1, 1, 2, 2)
    return lax.reduce_window(h, -jnp.inf, lax.max, window, window, "VALID")


def _conv(h, w, layout: str):
    if layout == "NCHW":
        return lax.conv_general_dilated(h, w, (1, 1), "SAME", dimension_numbers=("NCHW", "OIHW", "NCHW"))
    hwio = w.transpose(2, 3, 1, 0)
    if layout == "NHWC":
        return lax.conv_general_dilated(h, hwio, (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO", "NHWC"))
    out = lax.conv_general_dilated(h.transpose(0, 2, 3, 1), hwio, (1, 1), "SAME",
                                   dimension_numbers=("NHWC", "HWIO", "NHWC"))
    return out.transpose(0, 3, 1, 2)


def _loss(params, x, y, layout: str):
    channels_last = layout == "NHWC"
    h = x.transpose(0, 2, 3, 1) if channels_last else x
    h = _pool(jax.nn.relu(_conv(h, params["w1"], layout)), channels_last)
    h = _pool(jax.nn.relu(_conv(h, params["w2"], layout)), channels_last)
    if channels_last:
        h = h.transpose(0, 3, 1, 2)  # the dense layer's weights keep NCHW's flattening order
    logits = h.reshape(x.shape[0], -1) @ params["f1"] @ params["f2"]
    return jnp.mean(jax.nn.logsumexp(logits, -1) - jnp.take_along_axis(logits, y[:, None], 1)[:, 0])


def _step(layout: str):
    @jax.jit
    def step(params, x, y):
        loss, grads = jax.value_and_grad(_loss)(params, x, y, layout)
        return loss, jax.tree.map(lambda p, g: p - 0.01 * g, params, grads)
    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    rs = np.random.RandomState(0)
    x = jnp.asarray(rs.randn(64, 1, 28, 28).astype(np.float32))
    y = jnp.asarray(rs.randint(0, 10, 64))
    params = {"w1": rs.randn(32, 1, 3, 3) * 0.1, "w2": rs.randn(64, 32, 3, 3) * 0.05,
              "f1": rs.randn(3136, 128) * 0.01, "f2": rs.randn(128, 10) * 0.1}
    params = {k: jnp.asarray(v.astype(np.float32)) for k, v in params.items()}
    steps = {layout: _step(layout) for layout in LAYOUTS}
    losses = {layout: float(step(params, x, y)[0]) for layout, step in steps.items()}
    np.testing.assert_allclose(list(losses.values()), losses["NCHW"], rtol=1e-5)
    times: dict = {layout: [] for layout in LAYOUTS}
    for _ in range(args.rounds):
        for layout, step in steps.items():
            p, wall, cpu = params, time.perf_counter(), time.process_time()
            for _ in range(args.steps):
                loss, p = step(p, x, y)
            loss.block_until_ready()
            times[layout].append((time.perf_counter() - wall, time.process_time() - cpu))
    base = statistics.median(w for w, _ in times["NCHW"])
    print(f"device: {jax.devices()[0].device_kind}, jax {jax.__version__}, {args.steps} steps per round")
    print("| layout | wall ms / step | CPU ms / step | wall vs NCHW |")
    print("|---|---|---|---|")
    for layout, samples in times.items():
        wall = statistics.median(w for w, _ in samples)
        cpu = statistics.median(c for _, c in samples)
        print(f"| {layout} | {wall / args.steps * 1e3:.2f} | {cpu / args.steps * 1e3:.2f} | {wall / base:.3f} |")


if __name__ == "__main__":
    main()
