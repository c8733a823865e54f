"""`mindspore.dataset.config`: the pipeline's global settings.

As in MindSpore the shuffle seed is 5489 until `set_seed` here or `mindspore.set_seed` sets one,
so shuffled orders repeat from run to run (they are not MindSpore's orders). Random transforms
and samplers draw from one generator seeded from it. The worker, prefetch, shared-memory, NUMA,
autotune and similar settings are stored and read back; they tune MindSpore's C++ engine and change
no results (mindgrad's `map` runs `num_parallel_workers` threads, or processes with
`python_multiprocessing=True`).
"""

from __future__ import annotations

import threading

from ..common import seed as _global_seed

_DEFAULT_SEED = 5489
_seed: int | None = None
_settings = {"num_parallel_workers": 8, "prefetch_size": 16}
_generator: list = []


def set_seed(seed: int) -> None:
    """Seed every shuffle of the pipeline."""
    global _seed
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= 2 ** 32 - 1:
        raise ValueError(f"Input seed is not within the required interval of [0, 4294967295], but got {seed}.")
    _seed = seed
    _generator.clear()


def get_seed() -> int:
    """The seed set here, else the one `mindspore.set_seed` set, else 5489."""
    if _seed is not None:
        return _seed
    seed = _global_seed.get_seed()
    return _DEFAULT_SEED if seed is None else seed


def set_num_parallel_workers(num: int) -> None:
    if not isinstance(num, int) or isinstance(num, bool) or num <= 0:
        raise ValueError(f"Input num_parallel_workers is not within the required interval of [1, 2147483647], "
                         f"but got {num}.")
    _settings["num_parallel_workers"] = num


def get_num_parallel_workers() -> int:
    return _settings["num_parallel_workers"]


def set_prefetch_size(size: int) -> None:
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ValueError(f"Input prefetch_size is not within the required interval of [1, 2147483647], but got {size}.")
    _settings["prefetch_size"] = size


def get_prefetch_size() -> int:
    return _settings["prefetch_size"]


_row_generator = threading.local()


def random_generator():
    """The generator random transforms draw from: inside `map`, one per run of 8 rows seeded from (seed,
    epoch, map, run), so results do not depend on the number of workers; else one restarted by `set_seed`."""
    import numpy as np

    key = getattr(_row_generator, "key", None)
    if key is not None:
        if _row_generator.value is None:
            _row_generator.value = np.random.default_rng(key)
        return _row_generator.value
    if not _generator or _generator[0][0] != get_seed():
        _generator[:] = [(get_seed(), np.random.default_rng(get_seed()))]
    return _generator[0][1]


def _flag(name: str, default):
    _settings[name] = default

    def setter(value) -> None:
        if isinstance(default, bool) and not isinstance(value, bool):
            raise TypeError(f"Argument {name} with value {value} is not of type [<class 'bool'>], but got "
                            f"{type(value)}.")
        _settings[name] = value

    def getter():
        return _settings[name]

    setter.__doc__ = f"Store the `{name}` setting (read back by the getter; no effect on results)."
    return setter, getter


set_enable_shared_mem, get_enable_shared_mem = _flag("enable_shared_mem", True)
set_numa_enable, get_numa_enable = _flag("numa_enable", False)
set_auto_offload, get_auto_offload = _flag("auto_offload", False)
set_enable_autotune, get_enable_autotune = _flag("enable_autotune", False)
set_debug_mode, get_debug_mode = _flag("debug_mode", False)
set_enable_watchdog, get_enable_watchdog = _flag("enable_watchdog", True)
set_callback_timeout, get_callback_timeout = _flag("callback_timeout", 60)
set_monitor_sampling_interval, get_monitor_sampling_interval = _flag("monitor_sampling_interval", 1000)
set_multiprocessing_timeout_interval, get_multiprocessing_timeout_interval = _flag("multiprocessing_timeout", 300)
set_iterator_mode, get_iterator_mode = _flag("iterator_mode", {"do_copy": True, "parallel_convert": False})
set_sending_batches, get_sending_batches = _flag("sending_batches", 0)
set_error_samples_mode, get_error_samples_mode = _flag("error_samples_mode", 0)
set_autotune_interval, get_autotune_interval = _flag("autotune_interval", 0)
