"""`mindspore.context`: `set_context` / `get_context` and the execution modes.

PYNATIVE_MODE (1) is the default, as in MindSpore 2.x. In GRAPH_MODE (0)
Cell calls and gradient functions are compiled with `jax.jit` on their first
call; PyNative compiles them too where that cannot change what the user's Python
does (see README, "When mindgrad compiles"). `pynative_compile=False` (a mindgrad
option) makes PyNative run everything eagerly. `donate_parameters` (a mindgrad option:
None = on for GPU/TPU, off on CPU; or a bool) lets compiled calls donate Parameter buffers.
"""

from __future__ import annotations

import warnings
from typing import Any

from . import _state

GRAPH_MODE = 0
PYNATIVE_MODE = 1

_DEFAULTS: dict[str, Any] = {
    "mode": PYNATIVE_MODE,
    "device_target": None,  # until set: the platform of JAX's default backend
    "device_id": 0,
    "save_graphs": False,
    "jit_level": "O0",
    "max_call_depth": 1000,
    "pynative_compile": True,
    "donate_parameters": None,
}
_donation: bool | None = None  # the resolved `donate_parameters`, once computed
_context: dict[str, Any] = dict(_DEFAULTS)


def set_context(**kwargs) -> None:
    """Set context options; `mode` must be GRAPH_MODE or PYNATIVE_MODE."""
    for key, value in kwargs.items():
        if key == "pynative_compile" and not isinstance(value, bool):
            raise TypeError(f"For 'set_context', the 'pynative_compile' should be bool, "
                            f"but got {type(value).__name__}.")
        if key == "donate_parameters" and value is not None and not isinstance(value, bool):
            raise TypeError(f"For 'set_context', the 'donate_parameters' should be bool or None, "
                            f"but got {type(value).__name__}.")
        if key == "mode" and value not in (GRAPH_MODE, PYNATIVE_MODE):
            raise ValueError(f"For 'set_context', the 'mode' should be GRAPH_MODE(0) or PYNATIVE_MODE(1), "
                             f"but got {value!r}.")
        if key == "device_target":
            warnings.warn("For 'set_context', 'device_target' will be deprecated; use 'mindspore.set_device'.",
                          DeprecationWarning, stacklevel=2)
            _select_device(value, kwargs.get("device_id", _context["device_id"]))
        _context[key] = value
    if {"donate_parameters", "device_target", "pynative_compile"} & kwargs.keys():
        _compiled_calls_changed()


class ParallelMode:
    """MindSpore's parallel modes; mindgrad runs STAND_ALONE and DATA_PARALLEL."""
    STAND_ALONE = "stand_alone"
    DATA_PARALLEL = "data_parallel"
    HYBRID_PARALLEL = "hybrid_parallel"
    SEMI_AUTO_PARALLEL = "semi_auto_parallel"
    AUTO_PARALLEL = "auto_parallel"
    MODE_LIST = [STAND_ALONE, DATA_PARALLEL, HYBRID_PARALLEL, SEMI_AUTO_PARALLEL, AUTO_PARALLEL]


_AUTO_PARALLEL_DEFAULTS: dict[str, Any] = {"parallel_mode": ParallelMode.STAND_ALONE, "gradients_mean": False,
                                           "device_num": 1, "global_rank": 0}
_auto_parallel: dict[str, Any] = dict(_AUTO_PARALLEL_DEFAULTS)


def set_auto_parallel_context(**kwargs) -> None:
    """`parallel_mode` STAND_ALONE or DATA_PARALLEL (other modes raise), `gradients_mean`;
    other MindSpore options are recorded."""
    for key, value in kwargs.items():
        if key == "parallel_mode":
            if value not in ParallelMode.MODE_LIST:
                raise ValueError(f"For 'set_auto_parallel_context', the 'parallel_mode' should be one of "
                                 f"{ParallelMode.MODE_LIST}, but got {value!r}.")
            if value not in (ParallelMode.STAND_ALONE, ParallelMode.DATA_PARALLEL):
                raise ValueError(f"For 'set_auto_parallel_context', mindgrad supports parallel_mode "
                                 f"'stand_alone' and 'data_parallel', not {value!r}.")
        if key == "gradients_mean" and not isinstance(value, bool):
            raise TypeError(f"For 'set_auto_parallel_context', the 'gradients_mean' should be bool, "
                            f"but got {type(value).__name__}.")
        _auto_parallel[key] = value
    _compiled_calls_changed()


def _compiled_calls_changed() -> None:
    """Options that decide how compiled calls run changed: donation is resolved again, and no call
    reuses what an earlier one resolved."""
    global _donation
    _donation = None
    _state.bump()


def get_auto_parallel_context(attr_key: str) -> Any:
    if attr_key not in _auto_parallel:
        raise ValueError(f"For 'get_auto_parallel_context', the attribute {attr_key!r} is not supported.")
    return _auto_parallel[attr_key]


def reset_auto_parallel_context() -> None:
    _auto_parallel.clear()
    _auto_parallel.update(_AUTO_PARALLEL_DEFAULTS)
    _compiled_calls_changed()


def data_parallel() -> bool:
    return _auto_parallel["parallel_mode"] == ParallelMode.DATA_PARALLEL


def compiling_allowed() -> bool:
    """Whether mindgrad may compile: always in GRAPH_MODE; in PyNative unless
    `set_context(pynative_compile=False)` (a mindgrad option: everything then runs eagerly)."""
    return _context["mode"] == GRAPH_MODE or bool(_context["pynative_compile"])


def donation_enabled() -> bool:
    """Whether compiled calls donate the buffers of the Parameters they bind: `donate_parameters`, or by
    default on GPU and TPU only (XLA's CPU backend copies donated weights that two matmuls read, which
    made a CPU training step up to 1.5x slower)."""
    global _donation
    if _donation is None:
        option = _context["donate_parameters"]
        _donation = get_context("device_target") != "CPU" if option is None else option
    return _donation


def is_graph_mode() -> bool:
    return _context["mode"] == GRAPH_MODE


def get_context(attr_key: str) -> Any:
    """A context option; `device_target` is "CPU", "GPU" or "TPU" as JAX's default backend until set."""
    if attr_key not in _context:
        raise ValueError(f"For 'get_context', the attribute {attr_key!r} is not supported.")
    if attr_key == "device_target" and _context[attr_key] is None:
        return _default_target()
    return _context[attr_key]


_PLATFORMS = {"CPU": "cpu", "GPU": "gpu", "TPU": "tpu"}


def _default_target() -> str:
    import jax
    backend = jax.default_backend()
    return {"cuda": "GPU", "rocm": "GPU"}.get(backend, backend.upper())


def _select_device(device_target: str, device_id: int) -> None:
    """Make JAX put new arrays on `device_target`'s device `device_id`."""
    if device_target == "Ascend":
        raise ValueError("For 'set_device', 'Ascend' is not supported: mindgrad runs on JAX, which runs on "
                         "'CPU', 'GPU' and 'TPU'.")
    if device_target not in _PLATFORMS:
        raise ValueError(f"For 'set_device', the 'device_target' should be one of {sorted(_PLATFORMS)}, "
                         f"but got {device_target!r}.")
    import jax
    try:
        devices = jax.devices(_PLATFORMS[device_target])
    except RuntimeError:
        seen = sorted({d.platform.upper() for d in jax.devices()})
        raise RuntimeError(f"For 'set_device', JAX has no {device_target} device here (it sees {seen}).") from None
    if not 0 <= device_id < len(devices):
        raise ValueError(f"For 'set_device', the 'device_id' should be in [0, {len(devices)}), but got {device_id}.")
    jax.config.update("jax_default_device", devices[device_id])


def set_device(device_target: str, device_id: int | None = None) -> None:
    """Run on `device_target` ("CPU", "GPU" or "TPU"; "Ascend" raises): new Tensors live there."""
    device_id = _context["device_id"] if device_id is None else device_id
    _select_device(device_target, device_id)
    _context["device_target"] = device_target
    _context["device_id"] = device_id
    _compiled_calls_changed()


# Parameter-server mode (`set_ps_context`) does not exist on JAX: the options are checked and recorded as
# MindSpore does, and change nothing. `client_password` / `server_password` are accepted, never stored.
_PS_DEFAULTS: dict[str, Any] = {"server_mode": "", "ms_role": "MS_NOT_PS", "enable_ps": False, "worker_num": 0,
                                "server_num": 0, "scheduler_ip": "127.0.0.1", "scheduler_port": 6667,
                                "enable_ssl": False, "config_file_path": ""}
_ps_context: dict[str, Any] = dict(_PS_DEFAULTS)


def set_ps_context(**kwargs) -> None:
    """A documented no-op (mindgrad has no parameter server): MindSpore's option names and `enable_ps`'s type are
    checked (ValueError / TypeError), and `get_ps_context` returns what was set."""
    if "enable_ps" in kwargs and not isinstance(kwargs["enable_ps"], bool):
        raise TypeError(f"The parameter 'enable_ps' must be {bool}, but got {type(kwargs['enable_ps'])}")
    for key in kwargs:
        if key not in _PS_DEFAULTS and key not in ("client_password", "server_password"):
            raise ValueError(f"Set PS context keyword {key} is not recognized!")
    _ps_context.update((k, v) for k, v in kwargs.items() if k in _PS_DEFAULTS)


def get_ps_context(attr_key: str) -> Any:
    """The value `set_ps_context` recorded for `attr_key` (MindSpore's defaults until set)."""
    if attr_key not in _PS_DEFAULTS:
        raise ValueError(f"Get PS context keyword {attr_key} is not recognized!")
    return _ps_context[attr_key]


def reset_ps_context() -> None:
    """Back to MindSpore's defaults (`enable_ps=False`, ...)."""
    _ps_context.clear()
    _ps_context.update(_PS_DEFAULTS)
