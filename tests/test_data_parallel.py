"""Data parallelism on CPU with simulated devices: a MindSpore-style script on 1, 2 and 4 devices
of one process, and on 2 processes x 2 devices over localhost, ends with the parameters of the
single-device run (to float32 rounding)."""

import json
import os
import socket
import subprocess
import sys

import numpy as np
import pytest

SCRIPT = os.path.join(os.path.dirname(__file__), "scripts", "data_parallel_train.py")


def _env(devices: int, **extra) -> dict:
    env = dict(os.environ, JAX_PLATFORMS="cpu", XLA_FLAGS=f"--xla_force_host_platform_device_count={devices}")
    env.update(extra)
    return env


def _result(stdout: str) -> dict:
    return json.loads([line for line in stdout.splitlines() if line.startswith("{")][-1])


@pytest.fixture(scope="module")
def single():
    out = subprocess.run([sys.executable, SCRIPT, "single"], env=_env(1), capture_output=True, text=True,
                         timeout=300, check=True)
    return _result(out.stdout)


def _assert_same(got: dict, want: dict) -> None:
    np.testing.assert_allclose(got["losses"], want["losses"], rtol=1e-5)
    for name, value in want["params"].items():
        np.testing.assert_allclose(got["params"][name], value, rtol=1e-5, atol=1e-6, err_msg=name)


@pytest.mark.parametrize("devices", [1, 2, 4])
def test_one_process(single, devices):
    out = subprocess.run([sys.executable, SCRIPT, "parallel"], env=_env(devices), capture_output=True, text=True,
                         timeout=300, check=True)
    got = _result(out.stdout)
    assert got["group"] == devices
    _assert_same(got, single)


def test_two_processes_of_two_devices(single):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    procs = [subprocess.Popen([sys.executable, SCRIPT, "parallel"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=_env(2, MS_WORKER_NUM="2", MS_NODE_ID=str(i), MS_SCHED_HOST="127.0.0.1",
                                                  MS_SCHED_PORT=str(port)))
             for i in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    got = _result(outs[0][0])
    assert got["group"] == 4
    _assert_same(got, single)


def test_all_reduce_and_all_gather_on_the_mesh():
    code = (
        "import numpy as np, mindgrad as ms\n"
        "from mindgrad import ops, Tensor\n"
        "ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL)\n"
        "x = Tensor(np.array([1.0, 2.0], np.float32))\n"
        "step = ms.jit(lambda x: (ops.AllReduce()(x * 2), ops.AllReduce(ops.ReduceOp.MAX)(x), ops.AllGather()(x)))\n"
        "print([t.asnumpy().tolist() for t in step(x)])\n")
    out = subprocess.run([sys.executable, "-c", code], env=_env(4), capture_output=True, text=True, timeout=300,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[[8.0, 16.0], [1.0, 2.0], [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0]]"
