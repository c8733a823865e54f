"""Collectives on jax arrays for `mint.distributed` and the comm Primitives, over the data-parallel mesh axis.

Two views of "the ranks" (MindSpore's one rank per device):
- mapped: inside `jax.shard_map` over `parallel.mesh()` (axis "data"), or `jax.vmap(..., axis_name="data")`,
  every rank holds its own value and the collective is the real one (`lax.psum`, `all_gather`, `all_to_all`,
  `psum_scatter`).
- global: anywhere else a mindgrad program computes on global arrays (one process, or a data-parallel `jit`),
  so every rank holds the same value: SUM gives `x * group_size`, a gather gives `group_size` copies, and a
  result that differs per rank is the one rank `get_rank()` (this process's first device) holds. With one
  device this is MindSpore's world of one rank.

`group` (a name made by `management.create_group`; None: every rank) restricts a collective to its members:
JAX takes no `axis_index_groups` inside `shard_map`, so a mapped rank gathers the whole axis and combines the
rows of its group (`group_matrix`, shared with SyncBatchNorm). MindSpore lets only members call a group's
collectives; in mindgrad's one SPMD program a non-member keeps its input where the result has the input's
shape (its other results are meaningless).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .._engine import parallel
from .management import _group_ranks

AXIS = "data"
OPS = ("sum", "prod", "min", "max", "avg")


def mapped_size() -> int | None:
    """The number of ranks of the bound mesh axis "data", or None outside a mapped program."""
    try:
        return jax.lax.axis_size(AXIS)
    except NameError:
        return None


def group_matrix(groups: list, n: int, name: str):
    """(n, n) 0/1: row r marks the ranks whose values rank r combines (its group of `groups`, else itself);
    ValueError naming `name` for a rank outside [0, n)."""
    member = np.eye(n, dtype=np.float32)
    for r in (r for group in groups for r in group):
        if not 0 <= r < n:
            raise ValueError(f"For '{name}', the 'rank id in process_groups' must be in range of [0, {n}), "
                             f"but got {r}.")
    for group in groups:
        for r in group:
            member[r] = 0
            member[r, list(group)] = 1
    return member


def members(group) -> list[int] | None:
    """The world ranks of `group` (None: every rank); ValueError for a rank the program does not have."""
    ranks = None if group is None else _group_ranks(group)
    n = mapped_size()
    n = parallel.world_size() if n is None else n
    if ranks is not None and ranks[-1] >= n:
        raise ValueError(f"The communication group '{group}' has the ranks {ranks}, but the program runs {n} ranks "
                         f"([0, {n})).")
    return ranks


def group_size(group=None) -> int:
    ranks = members(group)
    if ranks is not None:
        return len(ranks)
    n = mapped_size()
    return parallel.world_size() if n is None else n


def rank_index(group=None):
    """This rank (in `group`: its rank there, 0 on a non-member): a traced index in a mapped program, else
    `get_rank()`'s."""
    ranks = members(group)
    n = mapped_size()
    if ranks is None:
        return parallel.rank() if n is None else jax.lax.axis_index(AXIS)
    if n is None:
        return ranks.index(parallel.rank()) if parallel.rank() in ranks else 0
    position = np.zeros(n, np.int32)
    position[ranks] = np.arange(len(ranks))
    return jnp.asarray(position)[jax.lax.axis_index(AXIS)]


def _outside(ranks: list[int] | None) -> bool:
    """Global view: whether this process's rank is not a member (it keeps its input)."""
    return ranks is not None and parallel.rank() not in ranks


def _row(ranks: list[int]):
    """Mapped: (n,) bool, the ranks this rank combines (its group; a non-member: itself)."""
    n = mapped_size()
    return jnp.asarray(group_matrix([ranks], n, "communication group") > 0)[jax.lax.axis_index(AXIS)]


def all_reduce(a, op: str = "sum", group=None):
    ranks = members(group)
    if mapped_size() is None:
        if _outside(ranks):
            return a
        n = group_size(group)
        if op == "sum":
            return (a * n).astype(a.dtype)
        if op == "prod":
            return (a ** n).astype(a.dtype)
        return a
    if ranks is not None:
        row = _row(ranks)
        mask = row.reshape((-1,) + (1,) * a.ndim)
        gathered = jax.lax.all_gather(a, AXIS)
        if op in ("sum", "avg", "prod"):
            neutral = jnp.where(mask, gathered, jnp.asarray(op == "prod", a.dtype))
            out = jnp.prod(neutral, axis=0) if op == "prod" else jnp.sum(neutral, axis=0)
            return (out / jnp.sum(row) if op == "avg" else out).astype(a.dtype)
        combined = jnp.where(mask, gathered, a)  # (a member's own value is one of its group's)
        return (jnp.max if op == "max" else jnp.min)(combined, axis=0).astype(a.dtype)
    if op == "prod":
        return jnp.prod(jax.lax.all_gather(a, AXIS), axis=0).astype(a.dtype)
    reduce = {"sum": jax.lax.psum, "max": jax.lax.pmax, "min": jax.lax.pmin, "avg": jax.lax.pmean}[op]
    return reduce(a, AXIS).astype(a.dtype)


def all_gather(a, group=None):
    """Every rank's (`group`'s member's) `a`, stacked along a new axis 0."""
    ranks = members(group)
    if mapped_size() is None:
        return jnp.broadcast_to(a, (group_size(group),) + a.shape)
    gathered = jax.lax.all_gather(a, AXIS)
    return gathered if ranks is None else gathered[np.asarray(ranks)]


def own(stacked, group=None):
    """Row `rank` (the rank in `group`) of an array stacked along axis 0 by rank."""
    return jax.lax.dynamic_index_in_dim(stacked, rank_index(group), 0, keepdims=False)


def broadcast(a, src: int, group=None):
    """Rank `src`'s (a world rank) `a`; a non-member of `group` keeps its own."""
    ranks = members(group)
    if mapped_size() is None:
        return a
    received = jax.lax.all_gather(a, AXIS)[src]
    return received if ranks is None else jnp.where(_row(ranks)[src], received, a)


def reduce_scatter(a, op: str = "sum", group=None):
    """`a` reduced over the ranks, split in `group_size` equal chunks along axis 0: this rank's chunk."""
    n = group_size(group)
    if op == "sum" and mapped_size() is not None and members(group) is None:
        return jax.lax.psum_scatter(a, AXIS, scatter_dimension=0, tiled=True)
    return own(all_reduce(a, op, group).reshape((n, a.shape[0] // n) + a.shape[1:]), group)


def all_to_all(a, split_axis: int = 0, concat_axis: int = 0, group=None):
    """Chunk `j` of `a` along `split_axis` goes to rank `j`; what arrives is concatenated along `concat_axis`."""
    ranks = members(group)
    n = group_size(group)
    if mapped_size() is None:
        chunk = jnp.split(a, n, axis=split_axis)[rank_index(group)]
        return jnp.concatenate([chunk] * n, axis=concat_axis)
    if ranks is None:
        return jax.lax.all_to_all(a, AXIS, split_axis, concat_axis, tiled=True)
    size = a.shape[split_axis] // n
    me = rank_index(group)
    gathered = all_gather(a, group)
    return jnp.concatenate([jax.lax.dynamic_slice_in_dim(g, me * size, size, axis=split_axis) for g in gathered],
                           axis=concat_axis)
