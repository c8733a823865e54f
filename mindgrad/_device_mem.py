"""Memory statistics, synchronisation and stream objects shared by `mindgrad.runtime` and `mindgrad.hal`."""

from __future__ import annotations

import jax

_peaks = {"allocated": 0, "reserved": 0}


def _stats(device=None) -> dict:
    dev = jax.devices()[device if isinstance(device, int) else 0]
    return dev.memory_stats() or {}


def memory_stats(device_target=None) -> dict:
    """JAX's statistics of device 0 (`bytes_in_use`, `peak_bytes_in_use`, `bytes_limit`, ...); {} on the CPU."""
    return dict(_stats())


def memory_allocated(device_target=None) -> int:
    return int(_stats().get("bytes_in_use", 0))


def memory_reserved(device_target=None) -> int:
    stats = _stats()
    return int(stats.get("bytes_reserved", stats.get("pool_bytes", stats.get("bytes_in_use", 0))))


def max_memory_allocated(device_target=None) -> int:
    return max(int(_stats().get("peak_bytes_in_use", 0)), _peaks["allocated"])


def max_memory_reserved(device_target=None) -> int:
    stats = _stats()
    return max(int(stats.get("peak_pool_bytes", stats.get("peak_bytes_in_use", 0))), _peaks["reserved"])


def reset_peak_memory_stats(device_target=None) -> None:
    """JAX keeps its own peak; the values reported stay JAX's."""
    _peaks["allocated"] = _peaks["reserved"] = 0


reset_max_memory_allocated = reset_peak_memory_stats
reset_max_memory_reserved = reset_peak_memory_stats


def memory_summary(device_target=None) -> str:
    stats = memory_stats()
    return "\n".join(f"{k}: {v}" for k, v in sorted(stats.items())) or "no memory statistics on this device"


def synchronize() -> None:
    """Wait for all launched work (`jax.effects_barrier`)."""
    jax.effects_barrier()


def empty_cache() -> None:
    """Drop JAX's compiled-program caches (XLA's allocator returns freed buffers itself)."""
    jax.clear_caches()


class Stream:
    """A stream handle; XLA orders each device's work itself, so waits wait for all launched work."""

    def __init__(self, priority: int = 0, **kwargs) -> None:
        self.priority = priority

    def synchronize(self) -> None:
        synchronize()

    def wait_event(self, event) -> None:
        synchronize()

    def wait_stream(self, stream) -> None:
        synchronize()

    def record_event(self, event=None):
        event = event or Event()
        event.record(self)
        return event

    def query(self) -> bool:
        return True


class Event:
    """An event handle; `record`, `wait`, `synchronize` wait for launched work, `elapsed_time` is host time (ms)."""

    def __init__(self, enable_timing: bool = False, blocking: bool = False) -> None:
        self.enable_timing = enable_timing
        self._time = None

    def record(self, stream=None) -> None:
        import time
        synchronize()
        self._time = time.perf_counter()

    def wait(self, stream=None) -> None:
        synchronize()

    def synchronize(self) -> None:
        synchronize()

    def query(self) -> bool:
        return True

    def elapsed_time(self, end_event) -> float:
        return (end_event._time - self._time) * 1000.0


_default = Stream()
_current = [_default]


def default_stream() -> Stream:
    return _default


def current_stream() -> Stream:
    return _current[-1]


def communication_stream() -> Stream:
    return _default


def set_cur_stream(stream: Stream) -> None:
    _current[-1] = stream


class StreamCtx:
    """`with StreamCtx(stream):` makes `stream` current inside the block."""

    def __init__(self, ctx_stream: Stream) -> None:
        self.stream = ctx_stream

    def __enter__(self):
        _current.append(self.stream)
        return self

    def __exit__(self, *exc) -> None:
        _current.pop()
