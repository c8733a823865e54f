"""`mindspore.dataset.config`: the pipeline's global settings.

As in MindSpore the shuffle seed is 5489 until `set_seed` here or `mindspore.set_seed` sets one,
so shuffled orders repeat from run to run (they are not MindSpore's orders). The worker and
prefetch settings are stored and read back; mindgrad's pipeline runs in the calling thread.
"""

from __future__ import annotations

from ..common import seed as _global_seed

_DEFAULT_SEED = 5489
_seed: int | None = None
_settings = {"num_parallel_workers": 8, "prefetch_size": 16}


def set_seed(seed: int) -> None:
    """Seed every shuffle of the pipeline."""
    global _seed
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= 2 ** 32 - 1:
        raise ValueError(f"Input seed is not within the required interval of [0, 4294967295], but got {seed}.")
    _seed = seed


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
