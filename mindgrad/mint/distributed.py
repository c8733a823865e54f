"""`mindspore.mint.distributed`: torch-style process-group calls over mindgrad's `communication` (JAX's
distributed runtime). The rank queries, `init_process_group` and `barrier` so far; the collectives are issue 20's
remaining work."""

from __future__ import annotations

import jax

from .. import communication as _comm
from ..communication.management import GlobalComm as _GlobalComm


def is_available() -> bool:
    """True: mindgrad always has a communication backend (JAX's)."""
    return True


def init_process_group(backend: str = "hccl", init_method=None, timeout=None, world_size: int = -1, rank: int = -1,
                       store=None, group_name: str = "", pg_options=None, device_id=None) -> None:
    """Join the world group (JAX's distributed runtime when launched as several processes). Any `backend` name is
    accepted: JAX picks the transport for the device in use."""
    _comm.init()


def is_initialized() -> bool:
    """Whether `init_process_group` has run (and `destroy_process_group` has not)."""
    return _GlobalComm.INITED


def destroy_process_group(group=None) -> None:
    """Leave the world group."""
    _comm.release()


def get_rank(group=None) -> int:
    """This process's rank in the world group (0 for one process, also before `init_process_group`)."""
    return _comm.get_rank() if group is None else _comm.get_rank(group)


def get_world_size(group=None) -> int:
    """The number of processes in the world group (1 for one process)."""
    return _comm.get_group_size() if group is None else _comm.get_group_size(group)


def barrier(group=None, async_op: bool = False, device_ids=None) -> None:
    """Wait until every process arrives (returns at once for one process)."""
    if jax.process_count() > 1:
        from jax.experimental import multihost_utils
        multihost_utils.sync_global_devices("mint.distributed.barrier")
