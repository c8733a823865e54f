"""Compilation caches: their keys, a Python-state version, and a trace counter.

A compiled function bakes in the Python state it saw while tracing (Cell
attributes such as `training`, hyper-parameters stored on `self`). Every
change of such state bumps `version()`, which is part of every cache key, so a
cached function is never reused after the Python state it baked in changed.
"""

from __future__ import annotations

import collections
import threading
from typing import Any, Callable

_lock = threading.Lock()
_version = 0
_traces = 0


def version() -> int:
    return _version


def bump() -> None:
    """Python-side state that compiled functions may have baked in has changed."""
    global _version
    _version += 1


def count_trace() -> None:
    global _traces
    with _lock:
        _traces += 1


def trace_count() -> int:
    """How many times mindgrad has traced a function for compilation (for tests and tuning)."""
    return _traces


class LRU:
    """A small thread-safe least-recently-stored map."""

    def __init__(self, size: int = 128) -> None:
        self._size = size
        self._data: collections.OrderedDict = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> Any:
        return self._data.get(key)  # a plain dict read is atomic; recency is refreshed by `put` only

    def put(self, key, value) -> Any:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value

    def get_or_make(self, key, make: Callable[[], Any]) -> Any:
        value = self.get(key)
        return value if value is not None else self.put(key, make())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
