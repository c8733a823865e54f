"""`mindspore.context`: `set_context` / `get_context` and the execution modes.

PYNATIVE_MODE (1) is the default, as in MindSpore 2.x. In GRAPH_MODE (0)
Cell calls and gradient functions are compiled with `jax.jit` on their first
call; PyNative compiles what traces cleanly from the second call of a Cell
(see README, "When mindgrad compiles"). `pynative_compile=False` (a mindgrad
option) makes PyNative run everything eagerly.
"""

from __future__ import annotations

import warnings
from typing import Any

GRAPH_MODE = 0
PYNATIVE_MODE = 1

_DEFAULTS: dict[str, Any] = {
    "mode": PYNATIVE_MODE,
    "device_target": "CPU",
    "device_id": 0,
    "save_graphs": False,
    "jit_level": "O0",
    "max_call_depth": 1000,
    "pynative_compile": True,
}
_context: dict[str, Any] = dict(_DEFAULTS)


def set_context(**kwargs) -> None:
    """Set context options; `mode` must be GRAPH_MODE or PYNATIVE_MODE."""
    for key, value in kwargs.items():
        if key == "pynative_compile" and not isinstance(value, bool):
            raise TypeError(f"For 'set_context', the 'pynative_compile' should be bool, but got {type(value).__name__}.")
        if key == "mode" and value not in (GRAPH_MODE, PYNATIVE_MODE):
            raise ValueError(f"For 'set_context', the 'mode' should be GRAPH_MODE(0) or PYNATIVE_MODE(1), "
                             f"but got {value!r}.")
        if key == "device_target":
            warnings.warn("For 'set_context', 'device_target' will be deprecated; use 'mindspore.set_device'.",
                          DeprecationWarning, stacklevel=2)
        _context[key] = value


def compiling_allowed() -> bool:
    """Whether mindgrad may compile: always in GRAPH_MODE; in PyNative unless
    `set_context(pynative_compile=False)` (a mindgrad option: everything then runs eagerly)."""
    return _context["mode"] == GRAPH_MODE or bool(_context["pynative_compile"])


def is_graph_mode() -> bool:
    return _context["mode"] == GRAPH_MODE


def get_context(attr_key: str) -> Any:
    if attr_key not in _context:
        raise ValueError(f"For 'get_context', the attribute {attr_key!r} is not supported.")
    return _context[attr_key]


def set_device(device_target: str, device_id: int | None = None) -> None:
    _context["device_target"] = device_target
    if device_id is not None:
        _context["device_id"] = device_id
