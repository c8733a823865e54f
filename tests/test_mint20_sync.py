"""mint.distributed point-to-point calls between ranks, and SyncBatchNorm (nn and mint), which syncs its batch
statistics over the ranks of a mapped program: on 4 ranks it is
BatchNorm over the whole batch (forward, moving statistics, gradients); `process_groups` sync within each group.
MindSpore's oracle cannot run SyncBatchNorm without a launched communication backend, so the reference is
MindSpore's documented semantics: BatchNorm of the concatenated batches (mindgrad's BatchNorm, checked against
MindSpore elsewhere)."""

import json
import os
import subprocess
import sys

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import mint, nn
from mindgrad.mint import distributed as dist

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _mint20_programs import XS, X, _pure, p2p_expected, p2p_program  # noqa: E402


def _same(r: dict) -> None:
    for name in ("nn", "mint"):
        sync, plain = r[f"{name}_sync"], r[f"{name}_plain"]
        assert jax.tree.structure(sync) == jax.tree.structure(plain)
        assert sorted(sync[1]) == (["mean", "variance"] if name == "nn" else ["running_mean", "running_var"])
        for a, b in zip(jax.tree.leaves(sync), jax.tree.leaves(plain), strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5, err_msg=name)


SHARD_MAP = r"""
import json, sys
import jax, numpy as np
from jax.sharding import PartitionSpec as P
sys.path.insert(0, "tests")
from mindgrad._engine import parallel
from _mint20_programs import X, W, XS, results, p2p_program
assert jax.device_count() == 4
def run(grad, params):
    def body(p, x, w):
        (gp, gx), (y, writes) = grad(p, x, w)
        return (jax.tree.map(lambda g: g[None], gp), gx), (y, jax.tree.map(lambda v: v[None], writes))
    f = jax.jit(jax.shard_map(body, mesh=parallel.mesh(), in_specs=(P(), P("data"), P("data")), out_specs=P("data")))
    (gp, gx), (y, writes) = f(params, X, W)
    return (jax.tree.map(lambda g: g[0], gp), gx), (y, writes)  # (shard_map sums a replicated input's gradient)
p2p = jax.jit(jax.shard_map(lambda x: [v[None] for v in p2p_program(x[0])], mesh=parallel.mesh(),
                            in_specs=P("data"), out_specs=P("data")))
import mindgrad as ms
from mindgrad.mint import distributed as dist
ms.set_auto_parallel_context(parallel_mode=ms.ParallelMode.DATA_PARALLEL)
def copy(t):
    buf = ms.Tensor(np.zeros(2, np.float32))
    dist.send(t, dst=3)
    dist.recv(buf, src=2)
    return buf
glob = ms.jit(copy)(ms.Tensor(np.array([5.0, 6.0], np.float32))).asnumpy().tolist()
print(json.dumps({"bn": results(run), "p2p": [np.asarray(v).tolist() for v in p2p(XS)], "global": glob}))
"""


def test_on_four_devices_p2p_and_sync_batch_norm_as_batch_norm_of_the_whole_batch():
    env = dict(os.environ, JAX_PLATFORMS="cpu", XLA_FLAGS="--xla_force_host_platform_device_count=4")
    out = subprocess.run([sys.executable, "-c", SHARD_MAP], env=env, capture_output=True, text=True, timeout=300,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    _same(got["bn"])
    for value, want in zip(got["p2p"], p2p_expected(), strict=True):
        np.testing.assert_array_equal(value, want)
    assert got["global"] == [5.0, 6.0]  # global arrays: every rank holds the same value, so a transfer copies


def _forward(net, x, groups):
    net.set_train(True)
    params, apply = _pure(net)
    shape = (groups, x.shape[0] // groups) + x.shape[1:]
    y, writes = jax.jit(jax.vmap(apply, in_axes=(None, 0), axis_name="data"))(params, x.reshape(shape))
    return np.asarray(y).reshape(x.shape), {k: np.asarray(v) for k, v in writes.items()}


def test_process_groups_sync_within_each_group():
    grouped = nn.SyncBatchNorm(3, process_groups=[[0, 1], [2, 3]])
    y, writes = _forward(grouped, X, 4)
    for half in (slice(0, 4), slice(4, 8)):  # ranks 0, 1 hold rows 0..3; ranks 2, 3 rows 4..7
        plain = nn.BatchNorm2d(3)
        plain.set_train(True)
        np.testing.assert_allclose(y[half], plain(ms.Tensor(X[half])).asnumpy(), rtol=1e-5, atol=1e-5)
        rank = half.start // 2
        np.testing.assert_allclose(writes["mean"][rank], plain.moving_mean.asnumpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(writes["variance"][rank], plain.moving_variance.asnumpy(), rtol=1e-5)


def test_one_device_and_bad_process_groups():
    x = ms.Tensor(X)
    for sync, plain in ((nn.SyncBatchNorm(3), nn.BatchNorm2d(3)), (mint.nn.SyncBatchNorm(3), mint.nn.BatchNorm2d(3))):
        sync.set_train(True)
        plain.set_train(True)
        np.testing.assert_allclose(sync(x).asnumpy(), plain(x).asnumpy(), rtol=1e-6)
    with pytest.raises(TypeError):
        nn.SyncBatchNorm(3, process_groups=(0, 1))
    with pytest.raises(ValueError, match="duplicated"):
        nn.SyncBatchNorm(3, process_groups=[[0, 1], [1, 2]])
    with pytest.raises(ValueError, match="rank id in process_groups"):
        _forward(nn.SyncBatchNorm(3, process_groups=[[0, 5]]), X, 4)
    with pytest.raises(NotImplementedError, match="one size"):
        _forward(nn.SyncBatchNorm(3, process_groups=[[0, 1, 2]]), X, 4)


def test_point_to_point_between_vmapped_ranks():
    for value, want in zip(jax.vmap(p2p_program, axis_name="data")(XS), p2p_expected(), strict=True):
        np.testing.assert_array_equal(value, want)

    def bad(shape, src):
        def program(x):
            dist.send(ms.Tensor(x), dst=1)
            dist.recv(ms.Tensor(np.zeros(shape, np.float32)), src=src)
        return lambda: jax.vmap(program, axis_name="data")(XS)

    with pytest.raises(ValueError, match="shape of the tensor sent"):
        bad((3,), 0)()
    with pytest.raises(ValueError, match="send to itself"):
        bad((2,), 1)()
    with pytest.raises(ValueError, match="src must be in"):
        jax.vmap(lambda x: dist.recv(ms.Tensor(x), src=4), axis_name="data")(XS)
    t = ms.Tensor(np.ones(2, np.float32))  # one rank: the peer can only be this rank
    with pytest.raises(ValueError, match="should not be the same as the rank"):
        dist.recv(t, src=0)
    with pytest.raises(NotImplementedError, match="send_object_list"):
        jax.vmap(lambda x: dist.send_object_list([1], dst=1), axis_name="data")(XS)
