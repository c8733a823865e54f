"""Communication Primitives (`mindspore.ops.operations.comm_ops`) over the data-parallel mesh.

Inside `jax.shard_map` over the data-parallel mesh (axis "data") or `jax.vmap(..., axis_name="data")`
every rank holds its own value and these are JAX's collectives (`lax.psum`, `all_gather`, `all_to_all`,
`psum_scatter`). Anywhere else a mindgrad program computes on global arrays: what MindSpore holds per
rank (a loss, a gradient, a batch statistic) is, in mindgrad, already the combined value. So the input
is taken as the same on every rank: SUM gives `x * group_size`, PROD `x ** group_size`, MAX and MIN give
`x`, a gather `group_size` copies, and a result that differs per rank is rank `get_rank()`'s. This
equals MindSpore wherever every rank holds the same value (per-rank means over equal shards, as
gradients reach a reducer); a per-rank *sum* all-reduced in MindSpore is already global here and comes
out `group_size` times. One device: MindSpore's world of one rank.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common import dtype as mstype
from ...common.tensor import Tensor, wrap
from ...communication import _collective
from ...communication._p2p import post
from ...communication.management import _check_group, get_world_rank_from_group_rank
from ..function._helpers import arr
from ..primitive import Primitive, prim_attr_register


class ReduceOp:
    """The reduction of AllReduce (`ReduceOp.SUM`, ...)."""
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    PROD = "prod"


def _check_op(name: str, op) -> None:
    if op not in (ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.PROD):
        raise ValueError(f"For '{name}', the 'op' should be one of sum, max, min, prod, but got {op!r}.")


def _check_int(name: str, what: str, value) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"For '{name}', the '{what}' should be int, but got {type(value).__name__}.")


def _check_rank(name: str, what: str, value: int, group: str = "hccl_world_group") -> None:
    """`value` is a world rank of a member of `group` (ValueError)."""
    n = _collective.group_size()
    if not 0 <= value < n:
        raise ValueError(f"For '{name}', the '{what}' should be in [0, {n}), but got {value}.")
    ranks = _collective.members(group)
    if ranks is not None and value not in ranks:
        raise ValueError(f"For '{name}', the '{what}' should be a rank of group '{group}' {ranks}, but got {value}.")


class AllReduce(Primitive):
    """`AllReduce(op=ReduceOp.SUM)(x)`: the element-wise reduction of every rank's `x`."""

    @prim_attr_register
    def __init__(self, op: str = ReduceOp.SUM, group: str = "hccl_world_group"):
        _check_op("AllReduce", op)
        _check_group(group)

    def __call__(self, x):
        return wrap(_collective.all_reduce(arr(x, "AllReduce"), self.op, self.group))


class AllGather(Primitive):
    """`AllGather()(x)`: the ranks' `x` concatenated along axis 0."""

    @prim_attr_register
    def __init__(self, group: str = "hccl_world_group"):
        _check_group(group)

    def __call__(self, x):
        a = arr(x, "AllGather")
        gathered = _collective.all_gather(a, self.group)
        return wrap(gathered.reshape((-1,) + a.shape[1:]) if a.ndim else gathered)


class ReduceScatter(Primitive):
    """`ReduceScatter(op)(x)`: this rank's chunk (axis 0 split in `group_size` parts) of the ranks' reduced `x`."""

    @prim_attr_register
    def __init__(self, op: str = ReduceOp.SUM, group: str = "hccl_world_group"):
        _check_op("ReduceScatter", op)
        _check_group(group)

    def __call__(self, x):
        a = arr(x, "ReduceScatter")
        n = _collective.group_size(self.group)
        if a.ndim == 0 or a.shape[0] % n:
            raise ValueError(f"For 'ReduceScatter', the first dimension of 'input_x' should be divisible by the "
                             f"rank size {n}, but got shape {a.shape}.")
        return wrap(_collective.reduce_scatter(a, self.op, self.group))


class AlltoAll(Primitive):
    """`AlltoAll(split_count, split_dim, concat_dim)(x)`: block i of `x` along `split_dim` goes to rank i; the
    received blocks are concatenated along `concat_dim` (`split_count` is the group size)."""

    @prim_attr_register
    def __init__(self, split_count: int, split_dim: int, concat_dim: int, group: str = "hccl_world_group"):
        for what, value in (("split_count", split_count), ("split_dim", split_dim), ("concat_dim", concat_dim)):
            _check_int("AlltoAll", what, value)
        _check_group(group)

    def __call__(self, x):
        a = arr(x, "AlltoAll")
        n = _collective.group_size(self.group)
        if self.split_count != n:
            raise ValueError(f"For 'AlltoAll', the 'split_count' should be equal to the rank size {n}, "
                             f"but got {self.split_count}.")
        if a.shape[self.split_dim] % n:
            raise ValueError(f"For 'AlltoAll', the 'split_count' {n} should divide input_x's dimension "
                             f"{self.split_dim} ({a.shape[self.split_dim]}).")
        return wrap(_collective.all_to_all(a, self.split_dim % a.ndim, self.concat_dim % a.ndim, self.group))


class Broadcast(Primitive):
    """`Broadcast(root_rank)(inputs)`: every rank gets rank `root_rank`'s tuple of Tensors."""

    @prim_attr_register
    def __init__(self, root_rank: int, group: str = "hccl_world_group"):
        _check_int("Broadcast", "root_rank", root_rank)
        _check_group(group)

    def __call__(self, input_x):
        if not isinstance(input_x, (tuple, list)):
            raise TypeError(f"For 'Broadcast', the 'input_x' should be a tuple of Tensors, "
                            f"but got {type(input_x).__name__}.")
        _check_rank("Broadcast", "root_rank", self.root_rank, self.group)
        return tuple(wrap(_collective.broadcast(arr(x, "Broadcast", "input_x"), self.root_rank, self.group))
                     for x in input_x)


class Reduce(Primitive):
    """`Reduce(dest_rank, op)(x)`: the reduction of every rank's `x`. MindSpore gives it to `dest_rank` only, and a
    meaningless `[1]` Tensor to the others; here every rank gets the reduction."""

    @prim_attr_register
    def __init__(self, dest_rank: int, op: str = ReduceOp.SUM, group: str = "hccl_world_group"):
        _check_int("Reduce", "dest_rank", dest_rank)
        _check_op("Reduce", op)
        _check_group(group)

    def __call__(self, x):
        _check_rank("Reduce", "dest_rank", self.dest_rank, self.group)
        return wrap(_collective.all_reduce(arr(x, "Reduce"), self.op, self.group))


class CollectiveGather(Primitive):
    """`CollectiveGather(dest_rank)(x)`: the ranks' `x` concatenated along axis 0. MindSpore gives it to
    `dest_rank` only, and a meaningless `[1]` Tensor to the others; here every rank gets it."""

    @prim_attr_register
    def __init__(self, dest_rank: int, group: str = "hccl_world_group"):
        _check_int("CollectiveGather", "dest_rank", dest_rank)
        _check_group(group)

    def __call__(self, x):
        _check_rank("CollectiveGather", "dest_rank", self.dest_rank, self.group)
        a = arr(x, "CollectiveGather")
        return wrap(_collective.all_gather(a, self.group).reshape((-1,) + a.shape[1:]))


class CollectiveScatter(Primitive):
    """`CollectiveScatter(src_rank)(x)`: this rank's chunk of rank `src_rank`'s `x` split evenly along axis 0."""

    @prim_attr_register
    def __init__(self, src_rank: int = 0, group: str = "hccl_world_group"):
        _check_int("CollectiveScatter", "src_rank", src_rank)
        _check_group(group)

    def __call__(self, x):
        _check_rank("CollectiveScatter", "src_rank", self.src_rank, self.group)
        a = _collective.broadcast(arr(x, "CollectiveScatter"), self.src_rank, self.group)
        n = _collective.group_size(self.group)
        if a.ndim == 0 or a.shape[0] % n:
            raise ValueError(f"For 'CollectiveScatter', the first dimension of 'input_x' should be divisible by the "
                             f"rank size {n}, but got shape {a.shape}.")
        return wrap(_collective.own(a.reshape((n, -1) + a.shape[1:]), self.group))


class Barrier(Primitive):
    """`Barrier()()`: wait until every process arrives (at once for one process)."""

    @prim_attr_register
    def __init__(self, group: str = "hccl_world_group"):
        _check_group(group)

    def __call__(self):
        if jax.process_count() > 1:
            from jax.experimental import multihost_utils
            multihost_utils.sync_global_devices("ops.Barrier")
        return wrap(jnp.zeros((1,), jnp.float32))


_RECEIVE_TYPES = (mstype.float16, mstype.float32, mstype.float64, mstype.bfloat16, mstype.int8, mstype.int16,
                  mstype.int32, mstype.int64, mstype.uint8, mstype.uint16, mstype.uint32, mstype.uint64)


def _peer(name: str, sr_tag, what: str, rank, group) -> int:
    """MindSpore's checks of a Send/Receive call: the world rank of `group`'s rank `rank` (the argument `what`)."""
    _check_int(name, "sr_tag", sr_tag)
    _check_int(name, what, rank)
    if not isinstance(group, str):
        raise TypeError(f"For '{name}', the 'group' should be str, but got {type(group).__name__}.")
    n = _collective.group_size(group)
    if not 0 <= rank < n:
        raise ValueError(f"For '{name}', the '{what}' should be in [0, {n}), but got {rank}.")
    peer = rank if _collective.members(group) is None else get_world_rank_from_group_rank(group, rank)
    if _collective.mapped_size() is None and peer == _collective.rank_index():
        raise ValueError(f"For '{name}', the '{what}' {peer} should not be the rank of the current process.")
    return peer


class Send(Primitive):
    """`Send(sr_tag, dest_rank, group)(x)`: send `x` to rank `dest_rank` of `group`; returns `x`. A Send and a
    Receive of one group and `sr_tag` called in one program pair into one transfer from the Receive's `src_rank`
    to the Send's `dest_rank`, as `mint.distributed.send`/`recv` do (see `mint.distributed`): in a mapped program
    a `jax.lax.ppermute`, elsewhere (every rank holds the same value) a copy."""

    @prim_attr_register
    def __init__(self, sr_tag: int, dest_rank: int, group: str = "hccl_world_group",
                 group_back: str = "hccl_world_group"):
        """The arguments are checked when called (as MindSpore does)."""

    def __call__(self, x):
        if not isinstance(x, Tensor):
            raise TypeError(f"For 'Send', the 'input_x' should be a Tensor, but got {type(x).__name__}.")
        dst = _peer("Send", self.sr_tag, "dest_rank", self.dest_rank, self.group)
        post("send", x, dst, self.group, self.sr_tag)
        return x


class Receive(Primitive):
    """`Receive(sr_tag, src_rank, shape, dtype, group)()`: the Tensor (`shape`, `dtype`) that rank `src_rank` of
    `group` sends with the Send of the same `sr_tag` (see `Send`). Until that Send is called in the program it holds
    zeros, and the ranks other than the Send's `dest_rank` keep them."""

    @prim_attr_register
    def __init__(self, sr_tag: int, src_rank: int, shape: list, dtype, group: str = "hccl_world_group",
                 group_back: str = "hccl_world_group"):
        if dtype not in _RECEIVE_TYPES:
            raise TypeError(f"For 'Receive', the type of 'dtype' must be in [{', '.join(map(repr, _RECEIVE_TYPES))}], "
                            f"but got {dtype}.")

    def __call__(self):
        src = _peer("Receive", self.sr_tag, "src_rank", self.src_rank, self.group)
        buffer = wrap(jnp.zeros(tuple(self.shape), mstype.to_numpy(self.dtype)))
        post("recv", buffer, src, self.group, self.sr_tag)
        return buffer
