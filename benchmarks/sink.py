"""Data sinking and the input pipeline: `Model.train` over a dataset against hand-written JAX loops.

    python benchmarks/sink.py [--rounds 5] [-k SUBSTR] [--steps 100] [--sinks 1,10,100] [--clock wall|cpu]

Sink rows: for each workload and sink_size S, one timed call trains `--steps` steps on the same
batches (a dataset whose rows are `--steps` batches): hand-written JAX as a per-step `jax.jit` loop over
batches already on the device (the baseline), hand-written JAX as `jax.jit` of a `lax.scan` over S
batches stacked on the device (steps/S calls), mindgrad's `Model.train(steps/S, dataset,
dataset_sink_mode=True, sink_size=S)` in GRAPH_MODE (reading the dataset, stacking and moving each
chunk as it trains) and mindgrad's `ms.data_sink(step, dataset, S)` called steps/S times.

Prefetch rows (no sink): `Model.train(1, dataset)` against the same steps of the same training
network (`TrainOneStepCell`) over batches already on the device.

All candidates of a row group run in one process in interleaved rounds; the table gives the median
µs per step and the median of the per-round ratios to the baseline. Retraces counts the traces
mindgrad made in the timed rounds (after the warm-up): it must be 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

import mindgrad as ms  # noqa: E402
from _timing import compare  # noqa: E402
from mindgrad import Tensor, nn  # noqa: E402
from mindgrad._engine import cache  # noqa: E402
from workloads import LR, MLP, block, jax_mlp_loss  # noqa: E402


def jax_tiny_loss(params, x, y):
    w, b = params
    return jnp.mean((x @ w.T + b - y) ** 2)


# name -> (network, loss Cell, JAX loss, batch size, input rows maker)
def _tiny():
    return nn.Dense(3, 3), nn.MSELoss(), jax_tiny_loss, 2, lambda rs, n: (rs.randn(n, 3), rs.randn(n, 3))


def _mlp(width: int, batch: int):
    def make():
        return (MLP(width), nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean"), jax_mlp_loss, batch,
                lambda rs, n: (rs.randn(n, 784), rs.randint(0, 10, n)))
    return make


WORKLOADS = {
    "W1-sized Dense(3,3) MSE batch 2": _tiny,
    "W5 MLP width 256 batch 256": _mlp(256, 256),
    "W2 MLP 784-1024-1024-10 batch 256": _mlp(1024, 256),
}
PREFETCH = {"MLP 784-256-256-10 batch 32": _mlp(256, 32)}


def _data(make_rows, batch: int, steps: int) -> tuple[np.ndarray, np.ndarray]:
    x, y = make_rows(np.random.RandomState(0), batch * steps)
    return x.astype(np.float32), (y.astype(np.float32) if y.dtype.kind == "f" else y.astype(np.int32))


def _dataset(x, y, batch: int):
    """The batches as the rows of a dataset (the pipeline's own `.batch(b)` is measured in dataset_throughput.py)."""
    return ms.dataset.NumpySlicesDataset((x.reshape(-1, batch, *x.shape[1:]), y.reshape(-1, batch, *y.shape[1:])),
                                         column_names=["x", "y"], shuffle=False)


def _jax_variants(net, jax_loss, x, y, batch: int, steps: int, sink: int) -> dict:
    """The hand-written per-step loop and scan, on the network's initial parameters."""
    init = [jnp.asarray(p.asnumpy()) for p in net.trainable_params()]
    xs = [jnp.asarray(x[k * batch:(k + 1) * batch]) for k in range(steps)]
    ys = [jnp.asarray(y[k * batch:(k + 1) * batch]) for k in range(steps)]
    value_and_grad = jax.value_and_grad(jax_loss)

    def one(params, xb, yb):
        loss, grads = value_and_grad(params, xb, yb)
        return [p - LR * g for p, g in zip(params, grads, strict=True)], loss

    jstep = jax.jit(one)

    @jax.jit
    def jscan(params, xb, yb):
        params, losses = jax.lax.scan(lambda p, b: one(p, *b), params, (xb, yb))
        return params, losses[-1]

    chunks = [(jnp.stack(xs[k:k + sink]), jnp.stack(ys[k:k + sink])) for k in range(0, steps, sink)]
    state = {"step": init, "scan": init}

    def per_step():
        params = state["step"]
        for xb, yb in zip(xs, ys, strict=True):
            params, loss = jstep(params, xb, yb)
        state["step"] = params
        return loss

    def scan():
        params = state["scan"]
        for xb, yb in chunks:
            params, loss = jscan(params, xb, yb)
        state["scan"] = params
        return loss

    return {"jax per-step jit": per_step, f"jax lax.scan (S={sink})": scan}


def sink_rows(name: str, sink: int, steps: int, rounds: int) -> dict:
    net_a, loss_fn, jax_loss, batch, make_rows = WORKLOADS[name]()
    x, y = _data(make_rows, batch, steps)
    candidates = _jax_variants(net_a, jax_loss, x, y, batch, steps, sink)
    ms.set_context(mode=ms.GRAPH_MODE)
    model = ms.Model(net_a, loss_fn, nn.SGD(net_a.trainable_params(), learning_rate=LR))
    train_set = _dataset(x, y, batch)
    last = {}

    def model_sink():
        model.train(steps // sink, train_set, dataset_sink_mode=True, sink_size=sink,
                    callbacks=[_Last(last)])
        return last["loss"]

    net_b, loss_b, _, _, _ = WORKLOADS[name]()
    opt_b = nn.SGD(net_b.trainable_params(), learning_rate=LR)
    step_b = nn.TrainOneStepCell(nn.WithLossCell(net_b, loss_b), opt_b)
    sunk = ms.data_sink(step_b, _dataset(x, y, batch), sink_size=sink)

    def data_sink():
        for _ in range(steps // sink):
            loss = sunk()
        return loss

    candidates[f"mindgrad Model.train sink (S={sink})"] = model_sink
    candidates[f"mindgrad ms.data_sink (S={sink})"] = data_sink
    try:
        return _timed(candidates, "jax per-step jit", rounds)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def prefetch_rows(name: str, steps: int, rounds: int) -> dict:
    net, loss_fn, _, batch, make_rows = PREFETCH[name]()
    x, y = _data(make_rows, batch, steps)
    model = ms.Model(net, loss_fn, nn.SGD(net.trainable_params(), learning_rate=LR))
    train_set = _dataset(x, y, batch)
    on_device = [(Tensor(x[k * batch:(k + 1) * batch]), Tensor(y[k * batch:(k + 1) * batch])) for k in range(steps)]
    train_net = model.train_network
    last = {}

    train_net.set_train(True)

    def from_device():
        for xb, yb in on_device:
            loss = train_net(xb, yb)
        return loss

    def model_train():
        model.train(1, train_set, callbacks=[_Last(last)])
        return last["loss"]

    return _timed({"TrainOneStepCell loop, data on device": from_device, "mindgrad Model.train (prefetch)":
                   model_train}, "TrainOneStepCell loop, data on device", rounds)


class _Last(ms.train.Callback):
    """Keeps the last step's loss (what the timing waits for)."""

    def __init__(self, out: dict) -> None:
        super().__init__()
        self.out = out

    def on_train_step_end(self, run_context):
        self.out["loss"] = run_context.original_args().net_outputs


def _timed(candidates: dict, baseline: str, rounds: int) -> dict:
    for fn in candidates.values():  # compile
        fn()
    before = cache.trace_count()
    if CLOCK[0] == "wall":
        results = compare(candidates, baseline, rounds=rounds, calls=1, warmup=1)
    else:
        results = _compare_cpu(candidates, baseline, rounds)
    results["retraces"] = cache.trace_count() - before
    return results


CLOCK = ["wall"]


def _compare_cpu(candidates: dict, baseline: str, rounds: int) -> dict:
    """`_timing.compare` in this process's CPU time (all its threads): the work each candidate does, which other
    processes on a loaded machine do not inflate as they do wall time (overlap is not counted)."""
    samples: dict = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, fn in candidates.items():
            start = time.process_time()
            block(fn())
            samples[name].append((time.process_time() - start) * 1e6)
    base = samples[baseline]
    return {name: {"median_us": statistics.median(s),
                   "ratio": statistics.median(a / b for a, b in zip(s, base, strict=True))}
            for name, s in samples.items()}


def _print(title: str, results: dict, steps: int, baseline: str) -> None:
    print(f"\n{title}  (device: {jax.devices()[0].device_kind}, jax {jax.__version__}, {steps} steps per call, "
          f"{CLOCK[0]} clock, retraces {results.pop('retraces')})")
    for name, r in results.items():
        ratio = "" if name == baseline else f"  {r['ratio']:.2f}x of {baseline}"
        print(f"  {name:<44s} {r['median_us'] / steps:10.1f} us/step{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--sinks", default="1,10,100")
    parser.add_argument("-k", default="")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall time (the default), or this process's CPU time on a loaded machine")
    args = parser.parse_args()
    CLOCK[0] = args.clock
    for name in WORKLOADS:
        for sink in (int(s) for s in args.sinks.split(",")):
            title = f"{name}, sink_size {sink}"
            if args.k in title:
                _print(title, sink_rows(name, sink, args.steps, args.rounds), args.steps, "jax per-step jit")
    for name in PREFETCH:
        title = f"{name}, no sink"
        if args.k in title:
            _print(title, prefetch_rows(name, args.steps, args.rounds), args.steps,
                   "TrainOneStepCell loop, data on device")


if __name__ == "__main__":
    main()
