"""Short tracebacks for mistakes in user code: mindgrad's and JAX's internal frames are left out.

An error in user code (a wrong `sens`, a shape mismatch inside `construct`, a bad GradOperation
flag) travels through mindgrad's engine and JAX's tracing machinery before it reaches the user;
printed in full, the user's two lines are lost among a dozen internal frames. As JAX does for its
own frames:

- Importing this module registers the mindgrad package with JAX's traceback and source-location
  filters, so a traceback that JAX filters (an error raised under `jax.jit`, which mindgrad
  compiles with) leaves mindgrad's frames out too, and JAX's error messages point at user lines.
- `api_boundary(fn)` wraps a public entry point (`Cell.__call__`, a gradient function's
  `__call__`, ...). When an exception leaves the outermost boundary, the frames below it that
  belong to mindgrad or JAX are
  - marked `__tracebackhide__` in IPython and Jupyter, which show `[... skipping hidden N
    frame]` instead (the raising line stays visible, and `%debug` can still reach every frame);
  - removed elsewhere (scripts, pytest), with a note saying so.
- The exception itself (type, message, `__cause__`) is never changed.
- JAX's switch decides: `JAX_TRACEBACK_FILTERING=off` keeps every frame (for debugging mindgrad
  itself); `tracebackhide`, `remove_frames` / `quiet_remove_frames` force one behaviour; `auto`
  (the default) picks by environment as above.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
import types
from typing import Callable, TypeVar

import jax

__all__ = ["api_boundary", "is_internal_frame", "filter_exception"]

F = TypeVar("F", bound=Callable)

_MINDGRAD_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_JAX_DIRS = tuple(os.path.dirname(os.path.abspath(m.__file__))
                  for m in (sys.modules.get("jax"), sys.modules.get("jaxlib")) if m is not None and m.__file__)
_INTERNAL_DIRS = (_MINDGRAD_DIR,) + _JAX_DIRS

NOTE = ("--------------------\nmindgrad has removed its own and JAX's internal frames from this traceback. "
        "Set JAX_TRACEBACK_FILTERING=off to include them.")
_JAX_NOTE_START = "--------------------\nFor simplicity, JAX has removed its internal frames"


def _register_with_jax() -> None:
    """Let JAX's own filters treat mindgrad's files as internal (best effort: private JAX API)."""
    try:
        from jax._src import traceback_util
        if _MINDGRAD_DIR not in getattr(traceback_util, "_exclude_paths", ()):
            traceback_util.register_exclusion(_MINDGRAD_DIR)
    except Exception:  # noqa: BLE001 - an older or newer JAX: only JAX's own frames are filtered then
        pass
    try:
        from jax.extend import source_info_util
        source_info_util.register_exclusion(_MINDGRAD_DIR)
    except Exception:  # noqa: BLE001
        pass


_register_with_jax()

_path_cache: dict[str, bool] = {}


def _internal_path(filename: str) -> bool:
    known = _path_cache.get(filename)
    if known is None:
        path = os.path.abspath(filename)
        known = any(path == d or path.startswith(d + os.sep) for d in _INTERNAL_DIRS)
        _path_cache[filename] = known
    return known


def is_internal_frame(frame: types.FrameType) -> bool:
    """Whether a frame belongs to mindgrad or JAX (and is hidden from user tracebacks)."""
    return _internal_path(frame.f_code.co_filename)


def _mode() -> str:
    try:
        mode = jax.config.jax_traceback_filtering
    except AttributeError:
        mode = os.environ.get("JAX_TRACEBACK_FILTERING", "auto")
    if mode in (None, "auto"):
        return "tracebackhide" if _in_ipython() else "quiet_remove_frames"
    return mode


def _in_ipython() -> bool:
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        return ipython.get_ipython() is not None
    except Exception:  # noqa: BLE001
        return False


def _under_outer_boundary(tb: types.TracebackType | None) -> bool:
    """Whether a boundary further up the call stack will filter this exception."""
    if tb is None:
        return False
    frame = tb.tb_frame.f_back
    while frame is not None:
        if frame.f_code is _BOUNDARY_CODE:
            return True
        frame = frame.f_back
    return False


def filter_exception(e: BaseException, mode: str | None = None) -> None:
    """Hide (`tracebackhide`) or remove (`*remove_frames`) the internal frames of `e.__traceback__`."""
    mode = _mode() if mode is None else mode
    tb = e.__traceback__
    if mode == "off" or tb is None:
        return
    frames = list(traceback.walk_tb(tb))
    if mode == "tracebackhide":
        for frame, _ in frames:
            if is_internal_frame(frame):
                frame.f_locals["__tracebackhide__"] = True
        return
    kept = None
    removed = 0
    for frame, lineno in reversed(frames):
        if is_internal_frame(frame):
            removed += 1
        else:
            kept = types.TracebackType(kept, frame, frame.f_lasti, lineno)
    if not removed:
        return
    e.with_traceback(kept)
    notes = getattr(e, "__notes__", None)
    if notes is not None:
        notes[:] = [n for n in notes if not n.startswith(_JAX_NOTE_START)]   # one note, not JAX's and ours
        if NOTE in notes:
            return
    e.add_note(NOTE)


def api_boundary(fn: F) -> F:
    """Wrap a public entry point: an exception leaving the outermost boundary loses its internal frames."""

    @functools.wraps(fn)
    def mindgrad_api_boundary(*args, **kwargs):
        __tracebackhide__ = True  # noqa: F841 - read by IPython and pytest
        try:
            return fn(*args, **kwargs)
        except Exception as e:
            leaving(e)
            raise

    return mindgrad_api_boundary  # type: ignore[return-value]


def leaving(e: BaseException) -> None:
    """`e` leaves a public entry point: filter it unless a boundary further up will. An entry point's
    steady shortcut calls this itself (`except Exception as e: leaving(e); raise`) instead of paying
    for the wrapper's extra call on every step."""
    if not _under_outer_boundary(e.__traceback__):
        filter_exception(e)


_BOUNDARY_CODE = api_boundary(lambda: None).__code__
