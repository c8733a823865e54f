"""One rank's program (issue 20, groups and Send/Receive) run on 4 ranks by tests/test_comm20.py, in a named vmap
and in shard_map over 4 CPU devices, and what MindSpore's documented semantics give for it (NumPy)."""

import jax
import jax.numpy as jnp
import numpy as np

import mindgrad as ms
from mindgrad import ops
from mindgrad.communication import create_group
from mindgrad.mint import distributed as dist

X = (np.arange(12, dtype=np.float32).reshape(4, 3) + 1)  # rank r holds X[r]
G = "g13"          # the group of world ranks 1 and 3
MEMBERS = [1, 3]


def make_group() -> str:
    create_group(G, MEMBERS)
    return dist.new_group([1, 3])


def program(x, mint_group: str) -> dict:
    """The results of one rank holding `x` (3,)."""
    T = ms.Tensor
    y = jnp.concatenate([x, x + 10])  # (6,)
    out = {}
    for op in ("sum", "prod", "max", "min", "avg"):
        t = T(x)
        dist.all_reduce(t, op=op, group=mint_group)
        out[f"mint_{op}"] = t._arr
    b = T(x)
    dist.broadcast(b, src=3, group=G)
    out["mint_broadcast"] = b._arr
    gathered = T(jnp.zeros(6, jnp.float32))
    dist.all_gather_into_tensor(gathered, T(x), group=G)
    out["mint_all_gather"] = gathered._arr
    scattered = T(jnp.zeros(3, jnp.float32))
    dist.reduce_scatter_tensor(scattered, T(y), group=G)
    out["mint_reduce_scatter"] = scattered._arr
    out["AllReduce"] = ops.AllReduce(group=G)(T(x))._arr
    out["AllReduce_max"] = ops.AllReduce(ops.ReduceOp.MAX, group=G)(T(x))._arr
    out["AllGather"] = ops.AllGather(group=G)(T(x))._arr
    out["Broadcast"] = ops.Broadcast(3, group=G)((T(x),))[0]._arr
    out["ReduceScatter"] = ops.ReduceScatter(group=G)(T(y))._arr
    out["AlltoAll"] = ops.AlltoAll(2, 0, 0, group=G)(T(y))._arr
    # Send/Receive: world rank 0 -> 2 (tag 0); in G, its rank 0 (world 1) -> its rank 1 (world 3) (tag 1)
    out["Send"] = ops.Send(0, 2)(T(x))._arr
    out["Receive"] = ops.Receive(0, 0, [3], ms.float32)()._arr
    got = ops.Receive(1, 0, [3], ms.int32, group=G)()  # (the Receive before its Send: filled when the Send runs)
    ops.Send(1, 1, group=G)(T(x * 2))
    out["Receive_group"] = got._arr
    dist.send(T(x + 1), dst=1)  # mint.distributed's ends pair with the Primitives' (world rank 3 -> 1)
    out["Receive_mint"] = ops.Receive(0, 3, [3], ms.float32)()._arr
    return out


def reference_p2p(x) -> dict:
    """Hand-written JAX of the transfers (vmap takes whole permutations: the ranks that receive nothing keep their
    zeros)."""
    r = jax.lax.axis_index("data")
    to2 = jax.lax.ppermute(x, "data", [(0, 2), (2, 0), (1, 1), (3, 3)])
    to3 = jax.lax.ppermute(x * 2, "data", [(1, 3), (3, 1), (0, 0), (2, 2)])
    to1 = jax.lax.ppermute(x + 1, "data", [(3, 1), (1, 3), (0, 0), (2, 2)])
    return {"Send": x, "Receive": jnp.where(r == 2, to2, 0.0),
            "Receive_group": jnp.where(r == 3, to3, 0).astype(jnp.int32), "Receive_mint": jnp.where(r == 1, to1, 0.0)}


def expected() -> dict:
    """MindSpore's semantics for the members of G (ranks 1, 3); a non-member keeps its input where the result has
    its shape."""
    Y = np.concatenate([X, X + 10], axis=1)
    m = X[MEMBERS]
    reduced = {"sum": m.sum(0), "prod": m.prod(0), "max": m.max(0), "min": m.min(0), "avg": m.mean(0)}
    keep = {r: X[r] for r in (0, 2)}
    out = {f"mint_{op}": [keep.get(r, v) for r in range(4)] for op, v in reduced.items()}
    out["AllReduce"] = out["mint_sum"]
    out["AllReduce_max"] = out["mint_max"]
    out["mint_broadcast"] = out["Broadcast"] = [keep.get(r, X[3]) for r in range(4)]
    out["mint_all_gather"] = out["AllGather"] = {r: m.reshape(-1) for r in MEMBERS}
    ysum = Y[MEMBERS].sum(0)
    out["mint_reduce_scatter"] = out["ReduceScatter"] = {1: ysum[:3], 3: ysum[3:]}
    out["AlltoAll"] = {1: np.concatenate([Y[1, :3], Y[3, :3]]), 3: np.concatenate([Y[1, 3:], Y[3, 3:]])}
    return out
