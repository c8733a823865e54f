#!/usr/bin/env bash
# The GPU check (issues 6 and 9): on a host with JAX+CUDA preinstalled (Python 3.12, JAX 0.11) and no
# network, run the compiled-call tests and the benchmarks on the GPU, then the gradient-only W2 calls
# without buffer donation (on by default on GPU), and their host time per step. mindgrad is used from
# this checkout through PYTHONPATH (no install, no download). About 5 minutes on one H100/H200.
#   bash scripts/gpu_check.sh [OUTDIR]
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-${OUT:-/tmp/mindgrad_gpu_check}}
mkdir -p "$out"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 JAX_PLATFORMS="" XLA_PYTHON_CLIENT_PREALLOCATE=false
python3 - <<'PY' | tee "$out/device.txt"
import jax, numpy, mindgrad as ms
print("jax", jax.__version__, "numpy", numpy.__version__, "devices", jax.devices())
ms.set_device("GPU")
print("a Tensor lives on", ms.Tensor([1.0, 2.0])._arr.devices())
PY
timeout 90 python3 -m pytest -q -p no:cacheprovider tests/test_steady_calls.py tests/test_donation.py \
    tests/test_compiled_calls.py 2>&1 | tail -15 | tee "$out/tests.txt"
timeout 240 python3 benchmarks/run.py --rounds 5 --target 0.05 --no-first-call 2>&1 \
    | grep -v cuda_timer | tee "$out/benchmarks.txt"
timeout 60 python3 benchmarks/run.py --rounds 5 --target 0.05 --no-first-call -k "grads" --donate off 2>&1 \
    | grep -v cuda_timer | tee "$out/benchmarks_no_donation.txt"
# Host time per step beyond JAX's (the dispatch column): whether a gap is the host's or the device's.
timeout 60 python3 benchmarks/overhead.py -k "grads" --steps 200 --profile 12 2>&1 | grep -v cuda_timer | tee "$out/overhead.txt"
# The device's side: programs per step and XLA's cost estimate of them against hand-written JAX's.
timeout 90 python3 benchmarks/programs.py 2>&1 | grep -v cuda_timer | tee "$out/programs.txt"
