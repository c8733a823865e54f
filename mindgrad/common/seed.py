"""`mindspore.set_seed` / `get_seed`, and the random streams of initializers and random layers.

As in MindSpore, `set_seed(s)` makes everything random reproducible: initializers
draw from one NumPy generator seeded by `s`, and each random op (a Dropout layer)
created afterwards gets its own stream, derived from `s` and how many random ops
were created since `set_seed`. A stream advances on every call, so one Dropout
gives a new mask each call, and the same program after the same `set_seed` gives
the same masks. The stream's state is a Parameter that is not registered in any
Cell: inside a gradient or compiled call it is bound and its update is applied
after the call like any other Parameter write. Values are not bit-equal to
MindSpore's generator.
"""

from __future__ import annotations

import jax
import numpy as np

_seed: int | None = None
_generator = np.random.default_rng()
_streams_created = 0


def set_seed(seed: int) -> None:
    """Seed every random stream mindgrad owns (initializers, Dropout masks, random ops)."""
    global _seed, _generator, _streams_created
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"For 'set_seed', the 'seed' should be int, but got {type(seed).__name__}.")
    if seed < 0:
        raise ValueError(f"For 'set_seed', the 'seed' should be >= 0, but got {seed}.")
    _seed = seed
    _generator = np.random.default_rng(seed)
    _streams_created = 0


def get_seed() -> int | None:
    return _seed


def rng() -> np.random.Generator:
    """The NumPy generator initializers draw from."""
    return _generator


def new_stream(name: str):
    """A fresh random stream (a `Parameter` holding a JAX PRNG key) for one random op."""
    global _streams_created
    from .parameter import Parameter

    base = _seed if _seed is not None else int(np.random.default_rng().integers(0, 2 ** 31))
    key = jax.random.fold_in(jax.random.PRNGKey(base), _streams_created)
    _streams_created += 1
    return Parameter(key, name=f"{name}_random_state", requires_grad=False)


def next_key(stream) -> jax.Array:
    """A key for one draw from `stream`; the stream advances (also inside gradient calls)."""
    from .tensor import wrap

    new, sub = jax.random.split(stream._arr)
    stream.set_data(wrap(new))
    return sub
