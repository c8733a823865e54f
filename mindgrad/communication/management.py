"""`mindspore.communication.management` on JAX's distributed runtime.

MindSpore runs one process per device; JAX runs one process per host driving all its devices.
mindgrad keeps MindSpore's numbers: the group size is the number of devices of all processes
(`jax.device_count()`), and `get_rank()` is the rank of this process's first device. A dataset
sharded with `num_shards=get_group_size(), shard_id=get_rank()` gives each process the shards
of its own devices. `init()` starts `jax.distributed` when the process was launched as one of
several (MindSpore's `msrun` variables MS_WORKER_NUM / MS_NODE_ID / MS_SCHED_HOST /
MS_SCHED_PORT, or what `jax.distributed.initialize()` detects itself, e.g. SLURM).
`create_group` makes a group of some ranks: inside a mapped program (see `_collective`) the collectives of
such a group combine its members' values, and a rank outside it keeps its input (MindSpore lets only the
members call them). A group's ranks are numbered in increasing world rank.
"""

from __future__ import annotations

import os

import jax

from .._engine import parallel

__all__ = ["GlobalComm", "init", "release", "get_rank", "get_group_size", "get_local_rank", "get_local_rank_size",
           "get_world_rank_from_group_rank", "get_group_rank_from_world_rank", "create_group", "destroy_group",
           "get_comm_name", "get_process_group_ranks", "HCCL_WORLD_COMM_GROUP", "NCCL_WORLD_COMM_GROUP",
           "MCCL_WORLD_COMM_GROUP"]

HCCL_WORLD_COMM_GROUP = "hccl_world_group"
NCCL_WORLD_COMM_GROUP = "nccl_world_group"
MCCL_WORLD_COMM_GROUP = "mccl_world_group"


class GlobalComm:
    """The communication backend and the world group's name; `INITED` after `init()`."""

    BACKEND = "hccl"
    WORLD_COMM_GROUP = HCCL_WORLD_COMM_GROUP
    INITED = False


def init(backend_name: str | None = None) -> None:
    """Join the world group: start JAX's distributed runtime when launched as several processes."""
    if not GlobalComm.INITED:
        env = os.environ
        if "JAX_CPU_COLLECTIVES_IMPLEMENTATION" not in env:
            jax.config.update("jax_cpu_collectives_implementation", "gloo")  # CPU processes talk over gloo
        if "MS_WORKER_NUM" in env and int(env["MS_WORKER_NUM"]) > 1:
            jax.distributed.initialize(f"{env.get('MS_SCHED_HOST', '127.0.0.1')}:{env.get('MS_SCHED_PORT', '8118')}",
                                       num_processes=int(env["MS_WORKER_NUM"]),
                                       process_id=int(env.get("MS_NODE_ID", env.get("RANK_ID", "0"))))
        elif any(k in env for k in ("SLURM_JOB_ID", "JAX_COORDINATOR_ADDRESS", "OMPI_COMM_WORLD_SIZE")):
            jax.distributed.initialize()
    GlobalComm.INITED = True


def release() -> None:
    GlobalComm.INITED = False


_WORLD_NAMES = (HCCL_WORLD_COMM_GROUP, NCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP)
_GROUPS: dict[str, list[int]] = {}  # groups made by create_group: their world ranks, increasing


def _check_group(group: str) -> None:
    if not isinstance(group, str):
        raise TypeError(f"For communication APIs, the group must be str, but got {type(group)}.")
    if group not in _WORLD_NAMES and group != GlobalComm.WORLD_COMM_GROUP and group not in _GROUPS:
        raise ValueError(f"The communication group '{group}' has not been created (create_group).")


def _group_ranks(group: str) -> list[int] | None:
    """The world ranks of `group` (None: all ranks)."""
    _check_group(group)
    return _GROUPS.get(group)


def _in_group(group: str, rank: int) -> int:
    """`rank`'s rank in `group` (ValueError when it is not a member)."""
    ranks = _group_ranks(group)
    if ranks is None:
        return rank
    if rank not in ranks:
        raise ValueError(f"The rank {rank} is not in the communication group '{group}' (ranks {ranks}).")
    return ranks.index(rank)


def get_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    """The rank of this process's first device (in `group`: its rank there; ValueError for a non-member)."""
    return _in_group(group, parallel.rank())


def get_group_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    """The number of devices of all processes (MindSpore's one rank per device), or of `group`'s ranks."""
    ranks = _group_ranks(group)
    return parallel.world_size() if ranks is None else len(ranks)


def get_local_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 0


def get_local_rank_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return jax.local_device_count()


def get_world_rank_from_group_rank(group: str, group_rank_id: int) -> int:
    ranks = get_process_group_ranks(group)
    if not 0 <= group_rank_id < len(ranks):
        raise ValueError(f"The group rank {group_rank_id} is out of the range of group '{group}' of "
                         f"{len(ranks)} ranks.")
    return ranks[group_rank_id]


def get_group_rank_from_world_rank(world_rank_id: int, group: str) -> int:
    return _in_group(group, world_rank_id)


def get_process_group_ranks(group: str = GlobalComm.WORLD_COMM_GROUP) -> list[int]:
    ranks = _group_ranks(group)
    return list(range(parallel.world_size())) if ranks is None else list(ranks)


def get_comm_name(group: str = GlobalComm.WORLD_COMM_GROUP) -> str:
    _check_group(group)
    return group


def create_group(group: str, rank_ids: list[int], options=None) -> None:
    """Make the group `group` of the world ranks `rank_ids` (TypeError, ValueError as MindSpore: not a list, empty,
    duplicates, out of range, or a name already taken by other ranks)."""
    if not isinstance(group, str):
        raise TypeError(f"For 'create_group', the argument 'group' must be type of string, but got 'group' type : "
                        f"{type(group)}.")
    if not isinstance(rank_ids, list):
        raise TypeError(f"For 'create_group', the argument 'rank_ids' must be type of list, but got 'rank_ids' "
                        f"type : {type(rank_ids)}.")
    if group in _GROUPS:
        if sorted(rank_ids) != _GROUPS[group]:
            raise ValueError(f"The group {group} has been created, the rank_list is {_GROUPS[group]}, but current "
                             f"rank_list for the group is {rank_ids}")
        return
    if not rank_ids:
        raise ValueError("For 'create_group', the argument 'rank_ids' size should be greater than 1, but got "
                         "'rank_ids' size : 0.")
    if len(set(rank_ids)) != len(rank_ids):
        raise ValueError(f"List rank_ids in Group {group} has duplicate data!")
    for r in rank_ids:  # (ranks above the world's are checked where a mapped program gives the number of ranks)
        if not isinstance(r, int) or isinstance(r, bool) or r < 0:
            raise ValueError(f"For 'create_group', the argument 'rank_ids' must hold ranks (int >= 0), but got {r}.")
    if group in _WORLD_NAMES or group == GlobalComm.WORLD_COMM_GROUP:
        raise ValueError(f"For 'create_group', the world group '{group}' cannot be created again.")
    _GROUPS[group] = sorted(rank_ids)


def destroy_group(group: str) -> None:
    """Forget a group made by `create_group` (ValueError for the world group)."""
    if not isinstance(group, str):
        raise TypeError(f"For 'destroy_group', the argument 'group' must be type of string, but got 'group' type : "
                        f"{type(group)}.")
    if group in _WORLD_NAMES or group == GlobalComm.WORLD_COMM_GROUP:
        raise ValueError("The world_group does not support destruction.")
    _check_group(group)
    del _GROUPS[group]
