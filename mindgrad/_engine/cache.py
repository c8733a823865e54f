"""The engine's small caches: a thread-safe LRU map, and the trace counter.

Which caches exist, what each keys on and what invalidates it: `mindgrad/_engine/README.md`.
The version of the Python state every key includes lives in `mindgrad._state` (`version()`).
"""

from __future__ import annotations

import collections
import threading
from typing import Any

_lock = threading.Lock()
_traces = 0


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

    def __len__(self) -> int:
        return len(self._data)
