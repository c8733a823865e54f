"""`mindspore.communication.management` for one process: rank 0 of a group of 1.

Enough for scripts that ask for their rank and group size; `init()` succeeds as a single process
(MindSpore's CPU build needs a launcher such as `msrun` for it). Creating groups is not implemented.
"""

from __future__ import annotations

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
    """Join the world group: here, a group of one process."""
    GlobalComm.INITED = True


def release() -> None:
    GlobalComm.INITED = False


def _check_group(group: str) -> None:
    if not isinstance(group, str):
        raise TypeError(f"For communication APIs, the group must be str, but got {type(group)}.")
    if group != GlobalComm.WORLD_COMM_GROUP and group not in (NCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP):
        raise NotImplementedError(f"mindgrad does not implement communication group '{group}' yet (one process only)")


def get_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 0


def get_group_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 1


def get_local_rank(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 0


def get_local_rank_size(group: str = GlobalComm.WORLD_COMM_GROUP) -> int:
    _check_group(group)
    return 1


def get_world_rank_from_group_rank(group: str, group_rank_id: int) -> int:
    _check_group(group)
    return group_rank_id


def get_group_rank_from_world_rank(world_rank_id: int, group: str) -> int:
    _check_group(group)
    return world_rank_id


def get_process_group_ranks(group: str = GlobalComm.WORLD_COMM_GROUP) -> list[int]:
    _check_group(group)
    return [0]


def get_comm_name(group: str = GlobalComm.WORLD_COMM_GROUP) -> str:
    _check_group(group)
    return group


def create_group(group: str, rank_ids: list[int], options=None) -> None:
    raise NotImplementedError("mindgrad does not implement mindspore.communication.create_group yet (one process only)")


def destroy_group(group: str) -> None:
    raise NotImplementedError("mindgrad does not implement mindspore.communication.destroy_group yet "
                              "(one process only)")
