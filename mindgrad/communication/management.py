"""`mindspore.communication.management` on JAX's distributed runtime.

MindSpore runs one process per device; JAX runs one process per host driving all its devices.
mindgrad keeps MindSpore's numbers: the group size is the number of devices of all processes
(`jax.device_count()`), and `get_rank()` is the rank of this process's first device. A dataset
sharded with `num_shards=get_group_size(), shard_id=get_rank()` gives each process the shards
of its own devices. `init()` starts `jax.distributed` when the process was launched as one of
several (MindSpore's `msrun` variables MS_WORKER_NUM / MS_NODE_ID / MS_SCHED_HOST /
MS_SCHED_PORT, or what `jax.distributed.initialize()` detects itself, e.g. SLURM).
A group of all ranks can be created; sub-groups are not implemented.
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


def _check_group(group: str) -> None:
    if not isinstance(group, str):
        raise TypeError(f"For communication APIs, the group must be str, but got {type(group)}.")
    if group not in (GlobalComm.WORLD_COMM_GROUP, NCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP, *_WORLD_ALIASES):
        raise NotImplementedError(f"mindgrad does not implement communication group '{group}' yet (one process only)")


def get_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    """The rank of this process's first device."""
    _check_group(group)
    return parallel.rank()


def get_group_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    """The number of devices of all processes (MindSpore's one rank per device)."""
    _check_group(group)
    return parallel.world_size()


def get_local_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 0


def get_local_rank_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return jax.local_device_count()


def get_world_rank_from_group_rank(group: str, group_rank_id: int) -> int:
    _check_group(group)
    return group_rank_id


def get_group_rank_from_world_rank(world_rank_id: int, group: str) -> int:
    _check_group(group)
    return world_rank_id


def get_process_group_ranks(group: str = GlobalComm.WORLD_COMM_GROUP) -> list[int]:
    _check_group(group)
    return list(range(parallel.world_size()))


def get_comm_name(group: str = GlobalComm.WORLD_COMM_GROUP) -> str:
    _check_group(group)
    return group


_WORLD_ALIASES: set[str] = set()  # groups created of all ranks


def create_group(group: str, rank_ids: list[int], options=None) -> None:
    """A group of all ranks (another name of the world group); sub-groups are not implemented."""
    if sorted(rank_ids) != list(range(parallel.world_size())):
        raise NotImplementedError(f"mindgrad does not implement communication groups of some ranks ({rank_ids}) yet")
    _WORLD_ALIASES.add(group)


def destroy_group(group: str) -> None:
    """Forget a group made by `create_group` (the world group cannot be destroyed)."""
    if group not in _WORLD_ALIASES:
        raise NotImplementedError(f"mindgrad can destroy only groups made by create_group, not {group!r}")
    _WORLD_ALIASES.discard(group)
