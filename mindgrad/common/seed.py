"""`mindspore.set_seed` / `get_seed`: the global random stream of initializers and random ops."""

from __future__ import annotations

import numpy as np

_seed: int | None = None
_generator = np.random.default_rng()


def set_seed(seed: int) -> None:
    """Seed every random stream mindgrad owns (initializers, Dropout masks, random ops)."""
    global _seed, _generator
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"For 'set_seed', the 'seed' should be int, but got {type(seed).__name__}.")
    if seed < 0:
        raise ValueError(f"For 'set_seed', the 'seed' should be >= 0, but got {seed}.")
    _seed = seed
    _generator = np.random.default_rng(seed)


def get_seed() -> int | None:
    return _seed


def rng() -> np.random.Generator:
    return _generator
