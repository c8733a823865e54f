"""`mindspore.communication.comm_func` (deprecated in MindSpore 2.9 for `mindspore.ops.communication`): its
asynchronous point-to-point calls, on `mint.distributed`'s (see that module's note on point-to-point calls).

`isend(tensor, dst, group, tag)` returns the handle; `irecv(tensor, src, group, tag)` receives into a new
Tensor of `tensor`'s shape and dtype (`tensor`'s values are not used) and returns `(Tensor, handle)`.
"""

from __future__ import annotations

from ..common.tensor import Tensor
from ..mint import distributed as _dist
from ..ops import function as F
from .management import GlobalComm

__all__ = ["isend", "irecv"]


def _check(name: str, what: str, peer, group) -> None:
    if not isinstance(peer, int) or isinstance(peer, bool):
        raise TypeError(f"For '{name}', the argument '{what}' must be type of int, but got '{what}' type : "
                        f"{type(peer)}.")
    if not isinstance(group, str):
        raise TypeError(f"For '{name}', the argument 'group' must be type of string, but got 'group' type : "
                        f"{type(group)}.")


def isend(tensor: Tensor, dst: int = 0, group: str = GlobalComm.WORLD_COMM_GROUP, tag: int = 0):
    """Send `tensor` to global rank `dst` asynchronously; the handle (`wait()`)."""
    _check("isend", "dst", dst, group)
    return _dist.isend(tensor, dst, group, tag)


def irecv(tensor: Tensor, src: int = 0, group: str = GlobalComm.WORLD_COMM_GROUP, tag: int = 0) -> tuple:
    """Receive from global rank `src` asynchronously into a new Tensor shaped as `tensor`: (Tensor, handle)."""
    _check("irecv", "src", src, group)
    out = F.zeros_like(tensor)
    return out, _dist.irecv(out, src, group, tag)
