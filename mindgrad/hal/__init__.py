"""`mindspore.hal`: devices, memory and streams, mapped onto JAX (`jax.devices()`, `Device.memory_stats()`).

Memory calls read `jax.Device.memory_stats()` (0 on the CPU, which reports none); `empty_cache` drops JAX's
compiled-program caches; streams and events order nothing beyond what XLA already orders, and their waits wait for all
launched work (see `mindgrad.runtime`).
"""

from __future__ import annotations

import jax

from .._device_mem import (Event, Stream, StreamCtx, communication_stream, current_stream, default_stream,
                           empty_cache, max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved,
                           memory_stats, memory_summary, reset_max_memory_allocated, reset_max_memory_reserved,
                           reset_peak_memory_stats, set_cur_stream, synchronize)

__all__ = ["Event", "Stream", "StreamCtx", "communication_stream", "current_stream", "default_stream", "device_count",
           "empty_cache", "get_arch_list", "get_device_capability", "get_device_name", "get_device_properties",
           "is_available", "is_initialized", "max_memory_allocated", "max_memory_reserved", "memory_allocated",
           "memory_reserved", "memory_stats", "memory_summary", "reset_max_memory_allocated",
           "reset_max_memory_reserved", "reset_peak_memory_stats", "set_cur_stream", "synchronize"]

_PLATFORMS = {"ascend": "tpu", "gpu": "gpu", "cpu": "cpu", "npu": "tpu"}


def _devices(device_target: str | None):
    if device_target is None:
        return jax.devices()
    try:
        return jax.devices(_PLATFORMS.get(device_target.lower(), device_target.lower()))
    except RuntimeError:
        return []


def device_count(device_target: str | None = None) -> int:
    """How many devices of `device_target` ('CPU', 'GPU', 'Ascend' meaning TPU here; default: JAX's backend)."""
    return len(_devices(device_target))


def is_available(device_target: str) -> bool:
    return bool(_devices(device_target))


def is_initialized(device_target: str) -> bool:
    return bool(_devices(device_target))


def get_device_name(device_id: int = 0, device_target: str | None = None) -> str:
    return _devices(device_target)[device_id].device_kind


def get_device_capability(device_id: int = 0, device_target: str | None = None):
    """(major, minor) compute capability of a GPU; None elsewhere."""
    dev = _devices(device_target)[device_id]
    cap = getattr(dev, "compute_capability", None)
    return tuple(int(p) for p in str(cap).split(".")) if cap else None


def get_device_properties(device_id: int = 0, device_target: str | None = None) -> dict:
    dev = _devices(device_target)[device_id]
    stats = dev.memory_stats() or {}
    return {"name": dev.device_kind, "platform": dev.platform, "id": dev.id,
            "total_memory": stats.get("bytes_limit", 0)}


def get_arch_list(device_target: str | None = None) -> list:
    return sorted({d.device_kind for d in _devices(device_target)})
