"""`mindspore.profiler` on `jax.profiler`: `Profiler` and `profile` record a JAX trace (viewable in TensorBoard's
profile plugin or Perfetto) under their output directory; `schedule` picks the steps to record; `mstx` marks ranges
with `jax.profiler.TraceAnnotation`. Ascend-only settings (`profiler_level`, `aic_metrics`, ...) are accepted and
kept, and change nothing."""

from __future__ import annotations

import enum
import os
from collections.abc import Callable

import jax

__all__ = ["Profiler", "profile", "schedule", "tensorboard_trace_handler", "ProfilerLevel", "ProfilerActivity",
           "AicoreMetrics", "ExportType", "HostSystem", "DynamicProfilerMonitor", "mstx"]


class ProfilerLevel(enum.Enum):
    LevelNone = "LevelNone"
    Level0 = "Level0"
    Level1 = "Level1"
    Level2 = "Level2"


class ProfilerActivity(enum.Enum):
    CPU = "CPU"
    NPU = "NPU"
    GPU = "GPU"


class AicoreMetrics(enum.Enum):
    AiCoreNone = "AiCoreNone"
    ArithmeticUtilization = "ArithmeticUtilization"
    PipeUtilization = "PipeUtilization"
    Memory = "Memory"
    MemoryL0 = "MemoryL0"
    ResourceConflictRatio = "ResourceConflictRatio"
    MemoryUB = "MemoryUB"
    L2Cache = "L2Cache"
    MemoryAccess = "MemoryAccess"


class ExportType(enum.Enum):
    Db = "db"
    Text = "text"


class HostSystem(enum.Enum):
    CPU = "cpu"
    MEM = "mem"
    DISK = "disk"
    NETWORK = "network"
    OSRT = "osrt"


_active: list = []


def _start(path: str) -> None:
    os.makedirs(path, exist_ok=True)
    jax.profiler.start_trace(path)
    _active.append(path)


def _stop() -> None:
    if _active:
        jax.profiler.stop_trace()
        _active.pop()


class Profiler:
    """Record a JAX trace of what runs between `start()` (or construction, with `start_profile=True`, the default)
    and `stop()`/`analyse()` into `output_path`; also a context manager."""

    def __init__(self, **kwargs) -> None:
        self.output_path = os.path.abspath(kwargs.pop("output_path", "./data"))
        self.options = kwargs
        self._schedule = kwargs.get("schedule")
        self._on_trace_ready = kwargs.get("on_trace_ready")
        self._step = 0
        self._running = False
        if kwargs.get("start_profile", True) and self._schedule is None:
            self.start()

    def start(self) -> None:
        if not self._running:
            _start(self.output_path)
            self._running = True

    def stop(self) -> None:
        if self._running:
            _stop()
            self._running = False
            if self._on_trace_ready is not None:
                self._on_trace_ready(self)

    def step(self) -> None:
        """Advance the `schedule` by one step (recording starts and stops as it says)."""
        self._step += 1
        if self._schedule is not None:
            want = self._schedule(self._step) in ("RECORD", "RECORD_AND_SAVE")
            if want and not self._running:
                self.start()
            elif not want and self._running:
                self.stop()

    def analyse(self, offline_path=None, pretty: bool = False, step_list=None, mode: str = "sync") -> None:
        """Stop recording; the trace is already written in JAX's format."""
        self.stop()

    @classmethod
    def offline_analyse(cls, path: str, pretty: bool = False, step_list=None, data_simplification: bool = True):
        """Nothing to convert: JAX traces are written ready to view."""

    def add_metadata(self, key: str, value: str) -> None:
        self.options.setdefault("metadata", {})[key] = value

    add_metadata_json = add_metadata

    def __enter__(self) -> Profiler:
        if self._schedule is None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class profile(Profiler):  # noqa: N801 - MindSpore's name
    """`with profile(activities=..., schedule=schedule(...), on_trace_ready=...) as prof: ... prof.step()`."""

    def __init__(self, activities=None, with_stack: bool = False, profile_memory: bool = False, data_process=False,
                 parallel_strategy=False, start_profile: bool = True, hbm_ddr=False, pcie=False,
                 sync_enable: bool = True, record_shapes: bool = False, schedule=None, on_trace_ready=None,
                 experimental_config=None, **kwargs) -> None:
        path = getattr(on_trace_ready, "dir_name", kwargs.pop("output_path", "./data"))
        super().__init__(output_path=path, activities=activities, schedule=schedule, on_trace_ready=on_trace_ready,
                         start_profile=False, **kwargs)


class schedule:  # noqa: N801 - MindSpore's name
    """Which steps to record: skip `skip_first`, then cycles of `wait` idle, `warmup`, `active` recorded steps,
    `repeat` times (0: forever). Called with a step number, returns 'NONE', 'WARM_UP', 'RECORD' or
    'RECORD_AND_SAVE'."""

    def __init__(self, *, wait: int, active: int, warmup: int = 0, repeat: int = 0, skip_first: int = 0) -> None:
        for name, v in (("wait", wait), ("active", active), ("warmup", warmup), ("repeat", repeat),
                        ("skip_first", skip_first)):
            if not isinstance(v, int) or v < 0 or (name == "active" and v < 1):
                raise ValueError(f"For 'schedule', the '{name}' should be a non-negative int (active >= 1), "
                                 f"but got {v!r}.")
        self.wait, self.active, self.warmup, self.repeat, self.skip_first = wait, active, warmup, repeat, skip_first

    def __call__(self, step: int) -> str:
        if step < self.skip_first:
            return "NONE"
        step -= self.skip_first
        cycle = self.wait + self.warmup + self.active
        if self.repeat and step // cycle >= self.repeat:
            return "NONE"
        pos = step % cycle
        if pos < self.wait:
            return "NONE"
        if pos < self.wait + self.warmup:
            return "WARM_UP"
        return "RECORD_AND_SAVE" if pos == cycle - 1 else "RECORD"


def tensorboard_trace_handler(dir_name: str | None = None, worker_name: str | None = None,
                              analyse_flag: bool = True, async_mode: bool = False) -> Callable:
    """The `on_trace_ready` of `profile`: traces go to `dir_name` (default `./data`)."""
    def handler(prof) -> None:
        return None
    handler.dir_name = os.path.abspath(dir_name or "./data")
    handler.worker_name = worker_name
    return handler


class DynamicProfilerMonitor:
    """MindSpore's profiler driven by a JSON config file; here `step()` runs a `Profiler` over the configured
    steps of `cfg_path`'s `profiler_config.json` when it exists (keys `start_step`, `stop_step`)."""

    def __init__(self, cfg_path: str | None = None, output_path: str = "./dyn_profile_data", poll_interval: int = 2,
                 **kwargs) -> None:
        self.cfg_path, self.output_path = cfg_path, output_path
        self._step = 0
        self._prof: Profiler | None = None

    def _config(self) -> dict:
        import json
        path = os.path.join(self.cfg_path or "", "profiler_config.json")
        try:
            with open(path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def step(self) -> None:
        self._step += 1
        cfg = self._config()
        start, stop = cfg.get("start_step", -1), cfg.get("stop_step", -1)
        if self._step == start and self._prof is None:
            self._prof = Profiler(output_path=self.output_path)
        elif self._step == stop and self._prof is not None:
            self._prof.stop()
            self._prof = None


class mstx:  # noqa: N801 - MindSpore's name
    """Marks in the trace: `mark(message)`, `range_start(message) -> id`, `range_end(id)`."""

    _ranges: dict = {}
    _next = 0

    @staticmethod
    def mark(message: str, stream=None, domain: str = "default") -> None:
        with jax.profiler.TraceAnnotation(message):
            pass

    @classmethod
    def range_start(cls, message: str, stream=None, domain: str = "default") -> int:
        cls._next += 1
        ann = jax.profiler.TraceAnnotation(message)
        ann.__enter__()
        cls._ranges[cls._next] = ann
        return cls._next

    @classmethod
    def range_end(cls, range_id: int, domain: str = "default") -> None:
        ann = cls._ranges.pop(range_id, None)
        if ann is not None:
            ann.__exit__(None, None, None)
