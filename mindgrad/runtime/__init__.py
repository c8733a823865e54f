"""`mindspore.runtime`: device memory, streams and execution settings, mapped onto JAX.

Memory statistics come from `jax.Device.memory_stats()` (GPU/TPU; CPU reports none, so 0); `synchronize` waits
for all work; `empty_cache` drops JAX's compiled-program caches (XLA's allocator frees buffers itself). Streams and
events are ordering objects only (XLA orders the work of one device): their `synchronize`/`wait_*` calls wait for all
launched work. `set_memory`, `launch_blocking`, `set_cpu_affinity`, `dispatch_threads_num` and the kernel launch
options are accepted and kept (documented no-ops).
"""

from __future__ import annotations

from .._device_mem import (Event, Stream, StreamCtx, communication_stream, current_stream, default_stream,
                           empty_cache, max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved,
                           memory_stats, memory_summary, reset_max_memory_allocated, reset_max_memory_reserved,
                           reset_peak_memory_stats, set_cur_stream, synchronize)

__all__ = ["Event", "Stream", "StreamCtx", "communication_stream", "current_stream", "default_stream", "empty_cache",
           "max_memory_allocated", "max_memory_reserved", "memory_allocated", "memory_reserved", "memory_stats",
           "memory_summary", "reset_max_memory_allocated", "reset_max_memory_reserved", "reset_peak_memory_stats",
           "set_cur_stream", "synchronize", "set_memory", "launch_blocking", "set_cpu_affinity",
           "dispatch_threads_num", "set_kernel_launch_group", "set_kernel_launch_capture"]

settings: dict = {}


def set_memory(init_size: str = "2GB", increase_size: str = "2GB", max_size: str = "1024GB",
               optimize_level: str = "O0", huge_page_reserve_size: str = "0GB") -> None:
    """Kept in `settings`; JAX sizes its pool from XLA_PYTHON_CLIENT_MEM_FRACTION (set before JAX starts)."""
    settings["memory"] = {"init_size": init_size, "increase_size": increase_size, "max_size": max_size,
                          "optimize_level": optimize_level}


def launch_blocking() -> None:
    """Kept in `settings` (MindSpore runs kernels synchronously for debugging; call `synchronize` to wait)."""
    settings["launch_blocking"] = True


def set_cpu_affinity(enable_affinity: bool, affinity_cpu_list=None, module_to_cpu_dict=None) -> None:
    settings["cpu_affinity"] = enable_affinity


def dispatch_threads_num(num_threads: int) -> None:
    settings["dispatch_threads_num"] = num_threads


def set_kernel_launch_group(thread_num: int = 2, kernel_group_num: int = 8) -> None:
    settings["kernel_launch_group"] = (thread_num, kernel_group_num)


def set_kernel_launch_capture(enable_capture_graph: bool, op_capture_skip=None) -> None:
    settings["kernel_launch_capture"] = enable_capture_graph
