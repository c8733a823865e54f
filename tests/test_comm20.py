"""Communication groups of some ranks (`communication.create_group`, `mint.distributed.new_group`) and the
`ops.Send`/`ops.Receive` Primitives (issue 20). MindSpore's oracle runs none of these without a launched
communication backend (Send/Receive have no CPU kernel), so the references are MindSpore's documented semantics:
NumPy for the collectives of a group (tests/_comm20_programs.py), hand-written `jax.lax.ppermute` for the transfers.
The rank program runs on 4 ranks in a named vmap here, and in shard_map over 4 CPU devices in a subprocess."""

import json
import os
import subprocess
import sys

import jax
import numpy as np
import pytest

import mindgrad as ms
from mindgrad import communication as comm
from mindgrad import ops
from mindgrad.mint import distributed as dist

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _comm20_programs as progs  # noqa: E402


def _check(got: dict) -> None:
    for name, want in progs.expected().items():
        ranks = want.items() if isinstance(want, dict) else enumerate(want)
        for r, v in ranks:
            np.testing.assert_allclose(np.asarray(got[name])[r], v, rtol=1e-6, err_msg=f"{name} rank {r}")


@pytest.fixture
def group():
    name = progs.make_group()
    yield name
    comm.destroy_group(progs.G)
    comm.destroy_group(name)


def test_group_collectives_and_send_receive_on_four_vmapped_ranks(group):
    def both(x):
        return progs.program(x, group), progs.reference_p2p(x)
    got, ref = jax.jit(jax.vmap(both, axis_name="data"))(progs.X)
    _check(got)
    for name, want in ref.items():
        np.testing.assert_array_equal(got[name], want, err_msg=name)
        assert got[name].dtype == want.dtype
    np.testing.assert_array_equal(got["Receive"][2], progs.X[0])
    np.testing.assert_array_equal(got["Receive_group"][3], progs.X[1] * 2)
    np.testing.assert_array_equal(got["Receive_mint"][1], progs.X[3] + 1)


SHARD_MAP = r"""
import json, sys
import jax, numpy as np
from jax.sharding import PartitionSpec as P
sys.path.insert(0, "tests")
from mindgrad._engine import parallel
import _comm20_programs as progs
assert jax.device_count() == 4
group = progs.make_group()
def body(x):
    got, ref = progs.program(x[0], group), progs.reference_p2p(x[0])
    return jax.tree.map(lambda v: v[None], (got, ref))
got, ref = jax.jit(jax.shard_map(body, mesh=parallel.mesh(), in_specs=P("data"), out_specs=P("data")))(progs.X)
print(json.dumps([{k: np.asarray(v).tolist() for k, v in d.items()} for d in (got, ref)]))
"""


def test_on_four_devices_in_shard_map():
    env = dict(os.environ, JAX_PLATFORMS="cpu", XLA_FLAGS="--xla_force_host_platform_device_count=4")
    out = subprocess.run([sys.executable, "-c", SHARD_MAP], env=env, capture_output=True, text=True, timeout=300,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert out.returncode == 0, out.stderr[-3000:]
    got, ref = json.loads(out.stdout.strip().splitlines()[-1])
    _check(got)
    for name, want in ref.items():
        assert got[name] == want, name


def test_groups_on_one_device():
    assert comm.create_group("one", [0]) is None
    comm.create_group("one", [0])  # again with the same ranks: nothing
    assert comm.get_group_size("one") == 1 and comm.get_rank("one") == 0
    assert comm.get_process_group_ranks("one") == [0] and comm.get_world_rank_from_group_rank("one", 0) == 0
    assert comm.get_group_rank_from_world_rank(0, "one") == 0
    x = ms.Tensor(np.array([2.0, 3.0], np.float32))
    np.testing.assert_array_equal(ops.AllReduce(group="one")(x).asnumpy(), [2.0, 3.0])
    t = ms.Tensor(np.array([2.0, 3.0], np.float32))
    dist.all_reduce(t, group="one")
    np.testing.assert_array_equal(t.asnumpy(), [2.0, 3.0])
    cases = [
        (lambda: comm.create_group(1, [0]), TypeError, "'group' must be type of string"),
        (lambda: comm.create_group("g", (0,)), TypeError, "'rank_ids' must be type of list"),
        (lambda: comm.create_group("g", []), ValueError, "size should be greater than 1"),
        (lambda: comm.create_group("g", [0, 0]), ValueError, "duplicate"),
        (lambda: comm.create_group("one", [0, 1]), ValueError, "has been created"),
        (lambda: comm.create_group("hccl_world_group", [0]), ValueError, "world group"),
        (lambda: comm.destroy_group("hccl_world_group"), ValueError, "does not support destruction"),
        (lambda: comm.destroy_group(1), TypeError, "must be type of string"),
        (lambda: comm.get_group_size("nope"), ValueError, "has not been created"),
        (lambda: ops.AllReduce(group="nope"), ValueError, "has not been created"),
        (lambda: comm.get_world_rank_from_group_rank("one", 1), ValueError, "out of the range"),
        (lambda: ops.AllReduce(group=comm.create_group("two", [0, 1]) or "two")(x), ValueError, "runs 1 ranks"),
        (lambda: ops.Receive(0, 0, [2], ms.bool_), TypeError, "the type of 'dtype' must be in"),
        (lambda: ops.Send(0, 1)(x), ValueError, "'dest_rank' should be in"),
        (lambda: ops.Send(0, 0)(x), ValueError, "should not be the rank of the current process"),
        (lambda: ops.Receive(0, 1.0, [2], ms.float32)(), TypeError, "'src_rank' should be int"),
        (lambda: ops.Send("a", 0)(x), TypeError, "'sr_tag' should be int"),
        (lambda: ops.Send(0, 0)([1.0]), TypeError, "'input_x' should be a Tensor"),
        (lambda: ops.Receive(0, 0, [2], ms.float32, group=3)(), TypeError, "'group' should be str"),
    ]
    for fn, exc, match in cases:
        with pytest.raises(exc, match=match):
            fn()
    comm.destroy_group("one")
    comm.destroy_group("two")
    with pytest.raises(ValueError, match="has not been created"):
        comm.get_rank("one")
