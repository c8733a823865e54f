"""The pairing of point-to-point ends (`mint.distributed.send`/`recv`/`isend`/`irecv`/`batch_isend_irecv`, and the
`ops.Send`/`ops.Receive` Primitives) into transfers.

Every rank runs the same program, so the program calls both ends of a transfer: a send and a recv of one group and
tag, called in one program (one JAX trace), pair in call order into the transfer from the recv's source rank to the
send's destination rank (world ranks). In a mapped program (see `_collective`) it is a `jax.lax.ppermute`; elsewhere
every rank holds the same value and it is a copy. An end left unpaired when its program ends does nothing.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp
from jax.extend.core import get_opaque_trace_state

from . import _collective as _c


class _End(NamedTuple):
    """One end of a transfer, waiting for its other end."""
    kind: str          # "send" or "recv"
    peer: int          # dst of a send, src of a recv
    tensor: object     # the Tensor sent (its value when sent) or received into
    value: object      # the sent array
    group: str
    tag: object
    trace: object      # the JAX trace state it was called in


_ends: list[_End] = []


def post(kind: str, tensor, peer: int, group: str, tag) -> None:
    """Queue one end ("send" or "recv") of a transfer of `tensor` (a Tensor); pair it with a waiting other end."""
    trace = get_opaque_trace_state()
    _ends[:] = [e for e in _ends if e.trace == trace]  # ends left unpaired by finished traces are dropped
    end = _End(kind, peer, tensor, tensor._arr if kind == "send" else None, group, tag, trace)
    for k, other in enumerate(_ends):
        if other.kind != kind and other.group == group and other.tag == tag:
            del _ends[k]
            send, recv = (end, other) if kind == "send" else (other, end)
            _transfer(send.value, recv.tensor, recv.peer, send.peer)
            return
    _ends.append(end)


def _transfer(value, into, src: int, dst: int) -> None:
    """`into` of rank `dst` becomes `value` of rank `src`; the other ranks keep theirs."""
    if tuple(value.shape) != tuple(into.shape):
        raise ValueError(f"For recv, the shape of the tensor received into {tuple(into.shape)} must be the shape of "
                         f"the tensor sent {tuple(value.shape)}.")
    if _c.mapped_size() is not None:
        if src == dst:
            raise ValueError(f"Invalid destination rank: rank {src} would send to itself (the recv's src is the "
                             "send's dst).")
        # (vmap takes whole permutations: the other ranks keep their own value)
        perm = [(src, dst), (dst, src)] + [(r, r) for r in range(_c.mapped_size()) if r not in (src, dst)]
        received = jax.lax.ppermute(value, _c.AXIS, perm)
        value = jnp.where(jax.lax.axis_index(_c.AXIS) == dst, received, into._arr.astype(received.dtype))
    into._set_array(jnp.asarray(value).astype(into._arr.dtype))
