"""Communication Primitives (`mindspore.ops.operations.comm_ops`) on the data-parallel mesh."""

from __future__ import annotations

import jax
from jax.sharding import PartitionSpec as P

from ...common.tensor import wrap
from ..._engine import parallel
from ..function._helpers import arr
from ..primitive import Primitive, prim_attr_register


class ReduceOp:
    """The reduction of AllReduce (`ReduceOp.SUM`, ...)."""
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    PROD = "prod"


class AllReduce(Primitive):
    """`AllReduce(op=ReduceOp.SUM)(x)` across the data-parallel mesh, with `jax.shard_map`.

    A mindgrad data-parallel program computes on global arrays: what MindSpore holds per rank
    (a loss, a gradient, a batch statistic) is, in mindgrad, already the combined value. So the
    input is taken as the same on every rank: SUM gives `x * group_size`, PROD `x ** group_size`,
    MAX and MIN give `x`. This equals MindSpore wherever every rank holds the same value (per-rank
    means over equal shards, as gradients reach a reducer); a per-rank *sum* all-reduced in
    MindSpore is already global here and comes out `group_size` times. One device: the identity.
    """

    @prim_attr_register
    def __init__(self, op: str = ReduceOp.SUM, group: str = "hccl_world_group"):
        if op not in (ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.PROD):
            raise ValueError(f"For 'AllReduce', the 'op' should be one of sum, max, min, prod, but got {op!r}.")

    def __call__(self, x):
        a = arr(x, "AllReduce")
        if not parallel.active():
            return wrap(a)
        reduce = {ReduceOp.SUM: lambda v: jax.lax.psum(v, "data"), ReduceOp.MAX: lambda v: jax.lax.pmax(v, "data"),
                  ReduceOp.MIN: lambda v: jax.lax.pmin(v, "data"),
                  ReduceOp.PROD: lambda v: v ** jax.lax.psum(1, "data")}[self.op]
        return wrap(_over_mesh(reduce, a))


class AllGather(Primitive):
    """`AllGather()(x)`: the ranks' values concatenated along axis 0 (with `jax.shard_map`). As for
    AllReduce, the input is the same on every rank, so the result is `group_size` copies of `x`."""

    @prim_attr_register
    def __init__(self, group: str = "hccl_world_group"):
        pass

    def __call__(self, x):
        a = arr(x, "AllGather")
        if not parallel.active():
            return wrap(a)
        return wrap(_over_mesh(lambda v: jax.lax.all_gather(v, "data", tiled=True), a))


def _over_mesh(fn, a):
    """`fn` run on every device of the data mesh, each holding all of `a` (a replicated value)."""
    return jax.shard_map(fn, mesh=parallel.mesh(), in_specs=P(), out_specs=P(), check_vma=False)(a)
