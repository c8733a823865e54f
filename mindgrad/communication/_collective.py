"""Collectives on jax arrays for `mint.distributed` and the comm Primitives, over the data-parallel mesh axis.

Two views of "the ranks" (MindSpore's one rank per device):
- mapped: inside `jax.shard_map` over `parallel.mesh()` (axis "data"), or `jax.vmap(..., axis_name="data")`,
  every rank holds its own value and the collective is the real one (`lax.psum`, `all_gather`, `all_to_all`,
  `psum_scatter`).
- global: anywhere else a mindgrad program computes on global arrays (one process, or a data-parallel `jit`),
  so every rank holds the same value: SUM gives `x * group_size`, a gather gives `group_size` copies, and a
  result that differs per rank is the one rank `get_rank()` (this process's first device) holds. With one
  device this is MindSpore's world of one rank.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from .._engine import parallel

AXIS = "data"
OPS = ("sum", "prod", "min", "max", "avg")


def mapped_size() -> int | None:
    """The number of ranks of the bound mesh axis "data", or None outside a mapped program."""
    try:
        return jax.lax.axis_size(AXIS)
    except NameError:
        return None


def group_size() -> int:
    n = mapped_size()
    return parallel.world_size() if n is None else n


def rank_index():
    """This rank: a traced index in a mapped program, else `get_rank()`."""
    return parallel.rank() if mapped_size() is None else jax.lax.axis_index(AXIS)


def all_reduce(a, op: str = "sum"):
    if mapped_size() is None:
        n = parallel.world_size()
        if op == "sum":
            return (a * n).astype(a.dtype)
        if op == "prod":
            return (a ** n).astype(a.dtype)
        return a
    if op == "prod":
        return jnp.prod(jax.lax.all_gather(a, AXIS), axis=0).astype(a.dtype)
    reduce = {"sum": jax.lax.psum, "max": jax.lax.pmax, "min": jax.lax.pmin, "avg": jax.lax.pmean}[op]
    return reduce(a, AXIS).astype(a.dtype)


def all_gather(a):
    """Every rank's `a`, stacked along a new axis 0."""
    if mapped_size() is None:
        return jnp.broadcast_to(a, (parallel.world_size(),) + a.shape)
    return jax.lax.all_gather(a, AXIS)


def own(stacked):
    """Row `rank` of an array stacked along axis 0 by rank."""
    return jax.lax.dynamic_index_in_dim(stacked, rank_index(), 0, keepdims=False)


def broadcast(a, src: int):
    return a if mapped_size() is None else jax.lax.all_gather(a, AXIS)[src]


def reduce_scatter(a, op: str = "sum"):
    """`a` reduced over the ranks, split in `group_size` equal chunks along axis 0: this rank's chunk."""
    n = group_size()
    if op == "sum" and mapped_size() is not None:
        return jax.lax.psum_scatter(a, AXIS, scatter_dimension=0, tiled=True)
    return own(all_reduce(a, op).reshape((n, a.shape[0] // n) + a.shape[1:]))


def all_to_all(a, split_axis: int = 0, concat_axis: int = 0):
    """Chunk `j` of `a` along `split_axis` goes to rank `j`; what arrives is concatenated along `concat_axis`."""
    if mapped_size() is not None:
        return jax.lax.all_to_all(a, AXIS, split_axis, concat_axis, tiled=True)
    n = parallel.world_size()
    chunk = jnp.split(a, n, axis=split_axis)[parallel.rank()]
    return jnp.concatenate([chunk] * n, axis=concat_axis)

