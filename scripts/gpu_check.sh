#!/usr/bin/env bash
# The GPU check (issue 9): on a host with JAX+CUDA preinstalled (Python 3.12, JAX 0.11) and no
# network, run the gradient and nn tests and the benchmarks on the GPU. mindgrad is used from
# this checkout through PYTHONPATH (no install, no download). Under 7 minutes on one H100.
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
timeout 200 python3 -m pytest -q -p no:cacheprovider -x \
    tests/test_grad_operation.py tests/test_golden_grad.py tests/test_autodiff.py tests/test_golden_autodiff.py \
    tests/test_graph_mode.py tests/test_compiled_calls.py tests/test_nn_layers.py tests/test_optim.py 2>&1 \
    | tail -25 | tee "$out/tests.txt"
timeout 240 python3 benchmarks/run.py --rounds 5 --target 0.2 --no-first-call 2>&1 | tee "$out/benchmarks.txt"
# Donation (on by default on GPU) against no donation, on the largest training step.
timeout 90 python3 benchmarks/run.py --rounds 5 --target 0.2 --no-first-call -k "width 2048" --donate off 2>&1 \
    | tee "$out/benchmarks_no_donation.txt"
