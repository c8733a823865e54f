"""Input-pipeline throughput: batches (64, 28, 28) (W3's input size) from `ImageFolderDataset` JPEGs through
Decode -> Resize -> RandomHorizontalFlip -> grey -> Normalize -> HWC2CHW with `num_parallel_workers` map
workers, in images/s, for mindgrad (thread workers, and process workers with `python_multiprocessing=True`)
and for MindSpore (the oracle interpreter, its C++ pipeline) on the same files.

    python benchmarks/dataset_throughput.py [--images 2048] [--rounds 3] [--workers 4]
        [--oracle /work/ms-oracle/bin/python]

The CPU time per image (all threads and worker processes of the side, over the timed epochs) depends
much less on the load than images/s does: on an idle machine with C cores a side cannot exceed
C / (CPU per image).

Each round runs each side once, in its own fresh subprocess, in rotating order; the table gives the
median images/s over rounds (one warm-up epoch first, then timed epochs), and the ratios to MindSpore
are the medians of the ratios within each round (the sides of a round ran back to back, under about
the same load; the load averages before and after are printed, as the machine may be shared).
MindSpore caps `num_parallel_workers` at the CPU count, so the worker count used is
min(--workers, CPUs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import os, sys, time
import numpy as np
backend, root, workers, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
processes = backend == "mindgrad-processes"
if backend.startswith("mindgrad"):
    import mindgrad as ms
else:
    import mindspore as ms
ds, v = ms.dataset, ms.dataset.vision


def cpu_seconds():
    # This process (all its threads) and its child processes (the map's worker processes), as the kernel counts them.
    total, tick = time.process_time(), os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


data = ds.ImageFolderDataset(root, shuffle=True)
ops = [v.Decode(), v.Resize((28, 28)), v.RandomHorizontalFlip(), v.ConvertColor(v.ConvertMode.COLOR_RGB2GRAY),
       v.Normalize([127.5], [127.5]), v.HWC2CHW()]
data = data.map(ops, input_columns="image", num_parallel_workers=workers,
                **({"python_multiprocessing": True} if processes else {})).batch(64, drop_remainder=True)
it = data.create_tuple_iterator(output_numpy=True, num_epochs=epochs + 1)
shape = None
for batch in it:  # warm-up epoch
    shape = batch[0].shape
start, cpu, count = time.perf_counter(), cpu_seconds(), 0
for _ in range(epochs):
    for batch in it:
        count += batch[0].shape[0]
print("RESULT", count / (time.perf_counter() - start), (cpu_seconds() - cpu) / count * 1e6, shape)
"""


def make_images(root: str, count: int) -> None:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    for i in range(count):
        folder = os.path.join(root, f"class{i % 10}")
        os.makedirs(folder, exist_ok=True)
        y, x = np.mgrid[0:64, 0:64]
        img = np.stack([(x * 4 + i) % 256, (y * 4) % 256, (x + y + 3 * i) % 256], -1) + rng.integers(0, 20, (64, 64, 3))
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(os.path.join(folder, f"{i}.jpg"), quality=90)


def run(python: str, backend: str, root: str, workers: int, epochs: int) -> tuple[float, float]:
    env = dict(os.environ, GLOG_v="3", JAX_PLATFORMS=os.environ.get("JAX_PLATFORMS", "cpu"))
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([python, "-c", CHILD, backend, root, str(workers), str(epochs)], capture_output=True,
                         text=True, env=env, check=True, cwd=repo)
    line = [x for x in out.stdout.splitlines() if x.startswith("RESULT")][-1]
    return float(line.split()[1]), float(line.split()[2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=2048)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--oracle", default="/work/ms-oracle/bin/python")
    args = ap.parse_args()
    workers = min(args.workers, os.cpu_count() or 1)
    sides = [("mindgrad", sys.executable), ("mindgrad-processes", sys.executable)]
    if os.path.exists(args.oracle):
        sides.append(("mindspore", args.oracle))
    results: dict[str, list[float]] = {name: [] for name, _ in sides}
    cpu: dict[str, list[float]] = {name: [] for name, _ in sides}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as root:
        make_images(root, args.images)
        for r in range(args.rounds):
            for name, python in sides[r % len(sides):] + sides[:r % len(sides)]:
                rate, cost = run(python, name, root, workers, args.epochs)
                results[name].append(rate)
                cpu[name].append(cost)
                print(f"round {r + 1} {name}: {rate:.0f} images/s, {cost:.0f} us CPU per image", flush=True)
    load = ", ".join(f"{a:.1f}/{b:.1f}" for a, b in zip(load_before, os.getloadavg(), strict=True))
    print(f"\n{args.images} 64x64 JPEGs -> (64, 28, 28) batches, {workers} workers, {os.cpu_count()} CPUs, "
          f"load average (1, 5, 15 min) before/after: {load}")
    print("| pipeline | images/s (median) | CPU us per image (median) |\n|---|---|---|")
    for name, values in results.items():
        print(f"| {name} | {statistics.median(values):.0f} | {statistics.median(cpu[name]):.0f} |")
    if "mindspore" in results:
        for name in results:
            if name != "mindspore":
                ratios = [a / b for a, b in zip(results[name], results["mindspore"], strict=True)]
                print(f"{name} / MindSpore: {statistics.median(ratios):.2f}x (per round: "
                      f"{', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
