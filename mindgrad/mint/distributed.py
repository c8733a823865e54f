"""`mindspore.mint.distributed`: torch-style process-group calls over mindgrad's `communication` (JAX's
distributed runtime) and the data-parallel mesh.

As in MindSpore, the collectives work in place: `all_reduce(t)` leaves the result in `t`, and return
None, or a handle whose `wait()` blocks until the result is computed when `async_op=True`. The ranks are
MindSpore's one rank per device. Inside `jax.shard_map` over the data-parallel mesh (axis "data") or
`jax.vmap(..., axis_name="data")` each rank holds its own value and the collectives are JAX's
(`lax.psum`, `all_gather`, `all_to_all`, `psum_scatter`; `get_rank()` stays this process's rank there: a rank's
own index is `jax.lax.axis_index("data")`). Anywhere else a mindgrad program computes on
global arrays, so every rank holds the same value (see `communication._collective`); on one device this
is MindSpore's world of one rank.

Point-to-point calls (`send`/`isend`, `recv`/`irecv`, `batch_isend_irecv`) check their arguments as MindSpore
does (with one rank the peer can only be this rank: ValueError). As every rank runs the same mindgrad program, a
rank cannot take a Python branch of its own (`if get_rank() == 0: send(...)`): the program calls both ends, and
a send and a recv of one group and tag called in one program pair, in call order, into one transfer from the
recv's `src` to the send's `dst`:

    dist.send(t, dst=1)       # with
    dist.recv(buf, src=0)     # : rank 1's buf becomes rank 0's t; the other ranks' buf are unchanged

In a mapped program that transfer is a `jax.lax.ppermute` of `t` from rank 0 to rank 1; elsewhere every rank holds the
same value and it is a copy. An end left unpaired when its program ends does nothing. Peers relative to the rank
(a ring: every rank to rank + 1) need the traced rank: use `jax.lax.ppermute` in the mapped program.
`send_object_list`/`recv_object_list` are Python calls of the processes themselves (`if rank == 0:` works there):
they go through JAX's distributed key-value store between processes, in call order per pair of ranks (not inside a
mapped program: NotImplementedError). A group of some ranks (`new_group(ranks)`) restricts a collective to its
members (`src`/`dst` stay world ranks); a rank outside it keeps its input where the result has the input's shape
(see `communication._collective`).
"""

from __future__ import annotations

import collections
import copy
import hashlib
import itertools
import pickle
from datetime import timedelta

import jax
import jax.numpy as jnp

from .. import communication as _comm
from ..common.tensor import Tensor
from ..communication import _collective as _c
from ..communication._p2p import post as _post  # (shared with ops.Send/Receive)
from ..communication import management as _management
from ..communication.management import GlobalComm as _GlobalComm

__all__ = ["P2POp", "TCPStore", "all_gather", "all_gather_into_tensor", "all_gather_into_tensor_uneven",
           "all_gather_object", "all_reduce", "all_to_all", "all_to_all_single", "barrier", "batch_isend_irecv",
           "broadcast", "broadcast_object_list", "destroy_process_group", "gather", "gather_object", "get_backend",
           "get_global_rank", "get_group_rank", "get_process_group_ranks", "get_rank", "get_world_size",
           "init_process_group", "irecv", "is_available", "is_initialized", "isend", "new_group", "recv",
           "recv_object_list", "reduce", "reduce_scatter", "reduce_scatter_tensor", "reduce_scatter_tensor_uneven",
           "scatter", "scatter_object_list", "send", "send_object_list"]


def is_available() -> bool:
    """True: mindgrad always has a communication backend (JAX's)."""
    return True


def init_process_group(backend: str = "hccl", init_method=None, timeout=None, world_size: int = -1, rank: int = -1,
                       store=None, group_name: str = "", pg_options=None, device_id=None) -> None:
    """Join the world group (JAX's distributed runtime when launched as several processes). Any `backend` name is
    accepted: JAX picks the transport for the device in use. `world_size` is -1 or the group size (ValueError)."""
    _comm.init()
    if world_size not in (-1, _comm.get_group_size()):
        raise ValueError(f"world_size is wrong, please using default value or setting: {_comm.get_group_size()}")


def is_initialized() -> bool:
    """Whether `init_process_group` has run (and `destroy_process_group` has not)."""
    return _GlobalComm.INITED


def destroy_process_group(group=None) -> None:
    """Leave the world group."""
    _comm.release()


def get_rank(group=None) -> int:
    """This process's rank in the world group (0 for one process, also before `init_process_group`)."""
    return _comm.get_rank() if group is None else _comm.get_rank(group)


def get_world_size(group=None) -> int:
    """The number of ranks in the world group (1 for one device)."""
    return _comm.get_group_size() if group is None else _comm.get_group_size(group)


# ---- groups ---------------------------------------------------------------------------------------------------

def _group(group, name: str = "") -> str:
    """The group's name (None: the world group); TypeError unless a str, ValueError for a group not created."""
    if group is None:
        return _GlobalComm.WORLD_COMM_GROUP
    if not isinstance(group, str):
        where = f"For '{name}', the argument" if name else "The argument"
        raise TypeError(f"{where} 'group' must be type of string, but got 'group' type : {type(group)}.")
    _management._check_group(group)
    return group


def new_group(ranks=None, timeout=None, backend=None, pg_options=None, use_local_synchronization: bool = False,
              group_desc=None) -> str:
    """A group of `ranks` (None: the world group's name). MindSpore names it `<backend>_<n>_<sha1 of the ranks>`;
    `ranks` are world ranks (see `communication.create_group` for the collectives of a group)."""
    if ranks is None:
        return _GlobalComm.WORLD_COMM_GROUP
    if not isinstance(ranks, list):
        raise TypeError(f"ranks must be list, but got {type(ranks)}")
    ranks = sorted(ranks)
    backend = "hccl" if backend is None else backend
    if not isinstance(backend, str) or backend not in ("hccl", "mccl"):
        raise TypeError(f"the input backend must be hccl or mccl, but got {backend}")
    group = f"{backend}_{len(ranks)}_" + hashlib.sha1("_".join(map(str, ranks)).encode("utf-8")).hexdigest()
    _management.create_group(group, ranks)
    return group


def get_backend(group=None) -> str:
    """"hccl" (MindSpore's name of the world group's backend), or "mccl" for a group named so."""
    if group is None:
        return "hccl"
    if not isinstance(group, str):
        raise TypeError("For 'get_backend', the argument 'group' must be type of string or None, "
                        f"but got 'group' type : {type(group)}.")
    return "mccl" if "mccl" in group and "hccl" not in group else "hccl"


def get_global_rank(group, group_rank: int) -> int:
    """The world rank of rank `group_rank` of `group`."""
    if not isinstance(group_rank, int):
        raise TypeError(f"The group_rank argument must be integer, but got {type(group_rank)}.")
    if group is None:
        return group_rank
    if not isinstance(group, str):
        raise TypeError("For 'get_global_rank', the argument 'group' must be type of string or None, "
                        f"but got 'group' type : {type(group)}.")
    return _comm.get_world_rank_from_group_rank(group, group_rank)


def get_group_rank(group, global_rank: int) -> int:
    """The rank in `group` of world rank `global_rank`."""
    if not isinstance(global_rank, int):
        raise TypeError(f"The global_rank argument must be integer, but got {type(global_rank)}.")
    return _comm.get_group_rank_from_world_rank(global_rank, _group(group, "get_group_rank_from_world_rank"))


def get_process_group_ranks(group=None) -> list[int]:
    """The world ranks of `group`'s members."""
    if group is not None and not isinstance(group, str):
        raise TypeError("For 'get_process_group_ranks', the argument 'group' must be type of string or None, "
                        f"but got 'group' type : {type(group)}.")
    return _comm.get_process_group_ranks(_group(group))


# ---- handles and argument checks --------------------------------------------------------------------------------

class _CommHandle:
    """The handle of an `async_op=True` call: `wait()` blocks until its results are computed."""

    def __init__(self, tensors):
        self._tensors = tensors

    def wait(self) -> None:
        for t in self._tensors:
            if not isinstance(t._arr, jax.core.Tracer):
                t._arr.block_until_ready()


def _check(name: str, group, async_op: bool, **tensors) -> str:
    for what, t in tensors.items():
        if not isinstance(t, Tensor):
            raise TypeError(f"For {name}, the {what} tensor must be tensor")
    group = _group(group)
    if not isinstance(async_op, bool):
        raise TypeError(f"The argument 'async_op' must be a bool, but got {type(async_op)}.")
    return group


def _check_op(name: str, op) -> None:
    if not isinstance(op, str):
        raise TypeError(f"For {name}, the input op type must be str")
    if op not in _c.OPS:
        raise TypeError(f"For {name}, the input op value must be one of sum, prod, min, max, avg")


def _check_int(name: str, what: str, value) -> None:
    if not isinstance(value, int):
        raise TypeError(f"For {name}, the {what} must be int")


def _check_rank(name: str, what: str, value: int) -> None:
    n = _c.group_size()
    if not 0 <= value < n:
        raise ValueError(f"For {name}, the {what} must be in [0, {n}), but got {value}.")


def _tensor_list(tensors, n: int | None = None, like: Tensor | None = None) -> None:
    """MindSpore's checks of a list of Tensors: all Tensors of one dtype; `n` long; `like`'s dtype and shape."""
    if not isinstance(tensors, (list, tuple)):
        raise TypeError(f"Expected list or tuple, but got {type(tensors)}.")
    for t in tensors:
        if not isinstance(t, Tensor):
            raise TypeError(f"Expected tensor, but got {type(t)}")
        if t.dtype != tensors[0].dtype:
            raise TypeError(f"tensor_lists dtype must be the same, but got {tensors[0].dtype} and {t.dtype}.")
    if n is not None and (not tensors or len(tensors) != n):
        raise TypeError(f"The argument list tensor len must be equal to group rank size, but got {len(tensors)}.")
    if like is not None and tensors[0].dtype != like.dtype:
        raise TypeError(f"The argument list tensor type must be equal to tensor type, but got {tensors[0].dtype}.")
    if like is not None and tensors[0].shape != like.shape:
        raise TypeError(f"The argument list tensor shape must be equal to tensor shape, but got {tensors[0].shape}.")


def _check_output(name: str, output: Tensor, shape, dtype) -> None:
    if tuple(output.shape) != tuple(shape):
        raise TypeError(f"For {name}, the output shape should be {tuple(shape)}, but got {output.shape}.")
    if output.dtype != dtype:
        raise TypeError(f"For {name}, the output dtype should be {dtype}, but got {output.dtype}.")


def _write(pairs, async_op: bool):
    """Set each Tensor of `pairs` ((Tensor, array), ...) in place; the handle (async_op) or None."""
    for t, a in pairs:
        t._set_array(jnp.asarray(a).astype(t._arr.dtype).reshape(t.shape))
    return _CommHandle([t for t, _ in pairs]) if async_op else None


def _splits(sizes, total: int, n: int, what: str) -> list[int]:
    """Split sizes along dim 0: `sizes`, or `total` in `n` equal parts (ValueError when it does not divide)."""
    if sizes:
        return list(sizes)
    if total % n:
        raise ValueError(f"{what} shape at dim 0 must be divided by world_size, but got {total} and {n}.")
    return [total // n] * n


def _own_rows(a, sizes: list[int], rows: int, group=None):
    """This rank's (in `group`) `rows` rows of `a` split along dim 0 by `sizes`."""
    offsets = jnp.asarray([sum(sizes[:i]) for i in range(len(sizes))], jnp.int32)
    return jax.lax.dynamic_slice_in_dim(a, offsets[_c.rank_index(group)], rows, axis=0)


# ---- collectives ------------------------------------------------------------------------------------------------

def all_reduce(tensor: Tensor, op: str = "sum", group=None, async_op: bool = False):
    """`tensor` becomes the element-wise reduction (sum, prod, min, max, avg) of every rank's `tensor`."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For all_reduce, the input tensor must be tensor")
    _check_op("all_reduce", op)
    group = _check("all_reduce", group, async_op)
    return _write([(tensor, _c.all_reduce(tensor._arr, op, group=group))], async_op)


def all_gather(tensor_list: list, tensor: Tensor, group=None, async_op: bool = False):
    """`tensor_list[i]` becomes rank i's `tensor` (one Tensor per rank, each of `tensor`'s shape and dtype)."""
    _tensor_list(tensor_list)
    group = _check("all_gather_into_tensor", group, async_op, input=tensor)
    _tensor_list(tensor_list, _c.group_size(group))
    _check_output("all_gather", tensor, tensor_list[0].shape, tensor_list[0].dtype)
    gathered = _c.all_gather(tensor._arr, group=group)
    return _write([(t, gathered[i]) for i, t in enumerate(tensor_list)], async_op)


def all_gather_into_tensor(output_tensor: Tensor, input_tensor: Tensor, group=None, async_op: bool = False):
    """`output_tensor` becomes every rank's `input_tensor` concatenated along dim 0."""
    group = _check("all_gather_into_tensor", group, async_op, input=input_tensor, output=output_tensor)
    gathered = _c.all_gather(input_tensor._arr, group=group)
    shape = (gathered.shape[0] * gathered.shape[1],) + gathered.shape[2:] if input_tensor.ndim else gathered.shape
    _check_output("all_gather_into_tensor", output_tensor, shape, input_tensor.dtype)
    return _write([(output_tensor, gathered)], async_op)


def all_gather_into_tensor_uneven(output: Tensor, input: Tensor, output_split_sizes=None, group=None,
                                  async_op: bool = False):
    """As `all_gather_into_tensor`, rank i contributing its first `output_split_sizes[i]` rows."""
    group = _check("all_gather_into_tensor_uneven", group, async_op, input=input, output=output)
    n = _c.group_size(group)
    sizes = _splits(output_split_sizes, output.shape[0], n, "output")
    gathered = _c.all_gather(input._arr, group=group)
    return _write([(output, jnp.concatenate([gathered[i, :s] for i, s in enumerate(sizes)]))], async_op)


def reduce_scatter(output: Tensor, input_list: list, op: str = "sum", group=None, async_op: bool = False):
    """`output` becomes the reduction over the ranks of their `input_list[rank]`."""
    _tensor_list(input_list)
    group = _check("reduce_scatter", group, async_op, output=output)
    _check_op("reduce_scatter", op)
    _tensor_list(input_list, _c.group_size(group))
    _check_output("reduce_scatter", output, input_list[0].shape, input_list[0].dtype)
    stacked = jnp.stack([t._arr for t in input_list])
    return _write([(output, _c.reduce_scatter(stacked, op, group=group)[0])], async_op)


def reduce_scatter_tensor(output: Tensor, input: Tensor, op: str = "sum", group=None, async_op: bool = False):
    """`output` becomes this rank's chunk (dim 0 split in equal parts) of the ranks' reduced `input`."""
    group = _check("reduce_scatter_tensor", group, async_op, input=input, output=output)
    _check_op("reduce_scatter_tensor", op)
    return _write([(output, _c.reduce_scatter(input._arr, op, group=group))], async_op)


def reduce_scatter_tensor_uneven(output: Tensor, input: Tensor, input_split_sizes=None, op: str = "sum", group=None,
                                 async_op: bool = False):
    """As `reduce_scatter_tensor`, dim 0 split by `input_split_sizes`."""
    _check_op("reduce_scatter_tensor_uneven", op)
    group = _check("reduce_scatter_tensor_uneven", group, async_op, input=input, output=output)
    sizes = _splits(input_split_sizes, input.shape[0], _c.group_size(group), "input")
    reduced = _c.all_reduce(input._arr, op, group=group)
    return _write([(output, _own_rows(reduced, sizes, output.shape[0], group))], async_op)


def reduce(tensor: Tensor, dst: int, op: str = "sum", group=None, async_op: bool = False):
    """On rank `dst`, `tensor` becomes the reduction of every rank's `tensor` (others keep theirs)."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For reduce, the input tensor must be tensor")
    _check_int("reduce", "dst", dst)
    _check_op("reduce", op)
    group = _check("reduce", group, async_op)
    _check_rank("reduce", "dst", dst)
    reduced = _c.all_reduce(tensor._arr, op, group=group)
    return _write([(tensor, jnp.where(_c.rank_index() == dst, reduced, tensor._arr))], async_op)


def broadcast(tensor: Tensor, src: int, group=None, async_op: bool = False):
    """`tensor` becomes rank `src`'s `tensor` on every rank."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For broadcast, the input tensor must be tensor")
    _check_int("broadcast", "src", src)
    group = _check("broadcast", group, async_op)
    _check_rank("broadcast", "src", src)
    return _write([(tensor, _c.broadcast(tensor._arr, src, group=group))], async_op)


def gather(tensor: Tensor, gather_list: list, dst: int = 0, group=None, async_op: bool = False):
    """On rank `dst`, `gather_list[i]` becomes rank i's `tensor` (other ranks may pass an empty list)."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For gather, the input tensor must be tensor")
    _tensor_list(gather_list)
    _check_int("gather", "dst", dst)
    group = _check("gather", group, async_op)
    _check_rank("gather", "dst", dst)
    if _c.mapped_size() is None and _c.rank_index() != dst:
        return _write([], async_op)
    _tensor_list(gather_list, _c.group_size(group), tensor)
    gathered = _c.all_gather(tensor._arr, group=group)
    here = _c.rank_index() == dst
    return _write([(t, jnp.where(here, gathered[i], t._arr)) for i, t in enumerate(gather_list)], async_op)


def scatter(tensor: Tensor, scatter_list: list, src: int = 0, group=None, async_op: bool = False):
    """`tensor` becomes `scatter_list[rank]` of rank `src` (other ranks may pass an empty list)."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For scatter_tensor, the output tensor must be tensor")
    _tensor_list(scatter_list)
    _check_int("scatter_tensor", "src", src)
    group = _check("scatter", group, async_op)
    _check_rank("scatter", "src", src)
    _tensor_list(scatter_list, _c.group_size(group), tensor)
    stacked = jnp.stack([t._arr for t in scatter_list])
    return _write([(tensor, _c.own(_c.broadcast(stacked, src, group=group), group))], async_op)


def all_to_all(output_tensor_list: list, input_tensor_list: list, group=None, async_op: bool = False):
    """`output_tensor_list[i]` becomes rank i's `input_tensor_list[rank]`."""
    for tensors in (input_tensor_list, output_tensor_list):
        _tensor_list(tensors)
    group = _check("all_to_all", group, async_op)
    n = _c.group_size(group)
    _tensor_list(input_tensor_list, n)
    _tensor_list(output_tensor_list, n)
    if len({t.shape for t in input_tensor_list}) > 1 and _c.mapped_size() is not None:
        raise NotImplementedError("mindgrad's all_to_all inside a mapped program needs Tensors of one shape")
    if _c.mapped_size() is None:
        sent = input_tensor_list[_c.rank_index(group)]._arr
        return _write([(t, sent) for t in output_tensor_list], async_op)
    received = _c.all_to_all(jnp.stack([t._arr for t in input_tensor_list]), group=group)
    return _write([(t, received[i]) for i, t in enumerate(output_tensor_list)], async_op)


def all_to_all_single(output: Tensor, input: Tensor, output_split_sizes=None, input_split_sizes=None, group=None,
                      async_op: bool = False):
    """Rank j receives rows `input_split_sizes[j]` of every rank's `input` (dim 0), concatenated into `output`
    in rank order by `output_split_sizes`; equal parts when the sizes are None."""
    _tensor_list([input])
    _tensor_list([output])
    group = _check("all_to_all_single", group, async_op)
    n = _c.group_size(group)
    ins = _splits(input_split_sizes, input.shape[0], n, "input")
    outs = _splits(output_split_sizes, output.shape[0], n, "output")
    if _c.mapped_size() is None:
        chunk = _own_rows(input._arr, ins, ins[_c.rank_index(group)], group)
        return _write([(output, jnp.concatenate([chunk] * n))], async_op)
    if len(set(ins) | set(outs)) > 1:
        raise NotImplementedError("mindgrad's all_to_all_single inside a mapped program needs equal split sizes")
    return _write([(output, _c.all_to_all(input._arr, group=group))], async_op)


def barrier(group=None, async_op: bool = False, device_ids=None):
    """Wait until every process arrives (returns at once for one process)."""
    _check("barrier", group, async_op)
    if jax.process_count() > 1:
        from jax.experimental import multihost_utils
        multihost_utils.sync_global_devices("mint.distributed.barrier")
    return _CommHandle([]) if async_op else None


# ---- Python objects: each process holds the objects of its ranks (devices) ----------------------------------------

_object_calls = itertools.count()


def _exchange(obj) -> list:
    """Every process's `obj`, in process order: through JAX's distributed key-value store (pickled) when several
    processes run, else `[obj]`. Every process makes the same calls in the same order, so a counter names them."""
    if jax.process_count() == 1:
        return [obj]
    from jax._src import distributed
    client = distributed.global_state.client
    key = f"mint.distributed.objects/{next(_object_calls)}"
    client.key_value_set_bytes(f"{key}/{jax.process_index()}", pickle.dumps(obj), allow_overwrite=True)
    return [pickle.loads(client.blocking_key_value_get_bytes(f"{key}/{p}", 300_000))
            for p in range(jax.process_count())]


def _process_of(rank: int) -> int:
    return rank // jax.local_device_count()


def all_gather_object(object_list: list, obj, group=None) -> None:
    """`object_list` becomes a copy of every rank's `obj` (the ranks of one process hold the same `obj`)."""
    _group(group)
    objects = _exchange(obj)
    object_list[:] = [copy.deepcopy(objects[_process_of(r)]) for r in range(_c.group_size())]


def broadcast_object_list(object_list: list, src: int = 0, group=None, device=None) -> None:
    """`object_list`'s items become rank `src`'s."""
    _check_int("broadcast_object_list", "src", src)
    _group(group)
    _check_rank("broadcast_object_list", "src", src)
    object_list[:] = copy.deepcopy(_exchange(list(object_list))[_process_of(src)])


def gather_object(obj, object_gather_list=None, dst: int = 0, group=None) -> None:
    """On rank `dst`, `object_gather_list` becomes a copy of every rank's `obj`."""
    _check_int("gather_object", "dst", dst)
    _group(group)
    _check_rank("gather_object", "dst", dst)
    objects = _exchange(obj)
    if _process_of(dst) == jax.process_index():
        object_gather_list[:] = [copy.deepcopy(objects[_process_of(r)]) for r in range(_c.group_size())]


def scatter_object_list(scatter_object_output_list: list, scatter_object_input_list=None, src: int = 0,
                        group=None) -> None:
    """`scatter_object_output_list[0]` becomes rank `src`'s `scatter_object_input_list[rank]`."""
    _check_int("scatter_object_list", "src", src)
    _group(group)
    _check_rank("scatter_object_list", "src", src)
    if not isinstance(scatter_object_output_list, list) or not scatter_object_output_list:
        raise TypeError("For scatter_object_list, the scatter_object_output_list must be a non-empty list")
    here = _process_of(src) == jax.process_index()
    inputs = _exchange(scatter_object_input_list if here else None)[_process_of(src)]
    scatter_object_output_list[0] = copy.deepcopy(inputs[_comm.get_rank()])


# ---- point to point ----------------------------------------------------------------------------------------------

def _p2p(name: str, what: str, tensor, peer, group, tensor_what: str = "input tensor must be tensor") -> str:
    """MindSpore's checks of a point-to-point call: the group's name. Outside a mapped program the peer must be
    another rank than this process's (ValueError, as in MindSpore); inside one every rank runs the call."""
    if tensor is not None and not isinstance(tensor, Tensor):
        raise TypeError(f"For {name}, the {tensor_what}")
    _check_int(name, what, peer)
    group = _group(group)
    if _c.mapped_size() is None and peer == _comm.get_rank():
        side = "destination" if what == "dst" else "source"
        raise ValueError(f"Invalid {side} rank: {side} rank should not be the same as the rank of the current "
                         "process.")
    _check_rank(name, what, peer)
    return group


def send(tensor: Tensor, dst: int = 0, group=None, tag: int = 0) -> None:
    """Send `tensor` to rank `dst` (see the module's note on point-to-point calls)."""
    _post("send", tensor, dst, _p2p("send", "dst", tensor, dst, group), tag)


def recv(tensor: Tensor, src: int = 0, group=None, tag: int = 0) -> int:
    """Receive into `tensor` from rank `src` (see the module's note on point-to-point calls); 0."""
    _post("recv", tensor, src, _p2p("recv", "src", tensor, src, group), tag)
    return 0


def isend(tensor: Tensor, dst: int = 0, group=None, tag: int = 0) -> _CommHandle:
    """Asynchronous `send`: its handle."""
    _post("send", tensor, dst, _p2p("isend", "dst", tensor, dst, group), tag)
    return _CommHandle([])


def irecv(tensor: Tensor, src: int = 0, group=None, tag: int = 0) -> _CommHandle:
    """Asynchronous `recv`: its handle (`wait()` blocks until `tensor` holds what arrived)."""
    _post("recv", tensor, src, _p2p("irecv", "src", tensor, src, group), tag)
    return _CommHandle([tensor])


_mail_counts: collections.Counter = collections.Counter()  # (src, dst) -> object lists sent that way so far
_local_mail: dict = {}  # between ranks of this process: key -> pickled list


def _not_mapped(name: str) -> None:
    if _c.mapped_size() is not None:
        raise NotImplementedError(f"mindgrad does not implement mint.distributed.{name} inside a mapped program: its "
                                  "ranks run one Python program, which has no objects of its own per rank (send "
                                  "Tensors with send/recv, or call it outside the mapped function)")


def _mail_key(src: int, dst: int) -> str:
    """The name of the next object list from rank `src` to rank `dst`: both ends count the lists of that pair in
    the same order, as MindSpore's calls match in order."""
    count = _mail_counts[(src, dst)]
    _mail_counts[(src, dst)] += 1
    return f"mint.distributed.mail/{src}/{dst}/{count}"


def send_object_list(object_list: list, dst: int, group=None, device=None) -> None:
    """Send the picklable objects of `object_list` to rank `dst` (through JAX's distributed key-value store
    between processes; kept here for a rank of this process)."""
    _p2p("send_object_list", "dst", None, dst, group)
    _not_mapped("send_object_list")
    key = _mail_key(_comm.get_rank(), dst)
    data = pickle.dumps(list(object_list))
    if _process_of(dst) == jax.process_index():
        _local_mail[key] = data
    else:
        from jax._src import distributed
        distributed.global_state.client.key_value_set_bytes(key, data)


def recv_object_list(object_list: list, src: int = 0, group=None, device=None) -> int:
    """`object_list`'s items become those rank `src` sent (its next `send_object_list` to this rank, waited
    for); the source rank."""
    _p2p("recv_object_list", "src", None, src, group)
    _not_mapped("recv_object_list")
    key = _mail_key(src, _comm.get_rank())
    if _process_of(src) == jax.process_index():
        if key not in _local_mail:
            raise RuntimeError(f"For recv_object_list, rank {src} of this process has sent nothing to receive.")
        data = _local_mail.pop(key)
    else:
        from jax._src import distributed
        client = distributed.global_state.client
        data = client.blocking_key_value_get_bytes(key, 300_000)
        client.key_value_delete(key)
    object_list[:] = pickle.loads(data)
    return src


class P2POp:
    """One point-to-point operation (`isend` or `irecv`, or their names) for `batch_isend_irecv`."""

    def __init__(self, op, tensor: Tensor, peer: int, group=None, tag: int = 0):
        if isinstance(op, str):
            if op not in ("isend", "irecv"):
                raise TypeError(f"Expected op to be of type isend or irecv, but got {op}")
        elif op not in (isend, irecv):
            raise TypeError(f"Expected op to be of type isend or irecv, but got {op}")
        if not isinstance(tensor, Tensor):
            raise TypeError(f"Expected tensor to be Tensor, but got {type(tensor)}.")
        if not isinstance(peer, int):
            raise TypeError("For P2POp, the peer must be int")
        if tag != 0:
            raise NotImplementedError("tag is not support yet.")
        self.op, self.tensor, self.peer, self.group, self.tag = op, tensor, peer, group, tag


def batch_isend_irecv(p2p_op_list: list) -> list:
    """Run a list of `P2POp` (see the module's note on point-to-point calls)."""
    if not p2p_op_list:
        raise TypeError("p2p_op_list can not be empty list.")
    if not all(isinstance(p, P2POp) for p in p2p_op_list):
        raise TypeError("The elements in p2p_op_list must be type of P2POp.")
    if any(p.group != p2p_op_list[0].group for p in p2p_op_list):
        raise TypeError("The group name in p2p_op_list must be consistent.")
    for p in p2p_op_list:
        name = p.op if isinstance(p.op, str) else p.op.__name__
        _p2p(name, "dst" if name == "isend" else "src", p.tensor, p.peer, p.group)
    for p in p2p_op_list:
        name = p.op if isinstance(p.op, str) else p.op.__name__
        _post("send" if name == "isend" else "recv", p.tensor, p.peer, _group(p.group), p.tag)
    return [_CommHandle([p.tensor for p in p2p_op_list])]


# ---- key-value store ---------------------------------------------------------------------------------------------

class TCPStore:
    """A key-value store shared by the processes: JAX's distributed key-value store when JAX runs several
    processes, else one in this process (`host_name` and `port` are checked, not connected to)."""

    def __init__(self, host_name: str, port: int, world_size: int | None = None, is_master: bool = False,
                 timeout: timedelta = timedelta(seconds=300), wait_for_workers: bool = True,
                 multi_tenant: bool = False, master_listen_fd=None, use_libuv: bool = True):
        for name, value, kind in (("host_name", host_name, str), ("port", port, int), ("is_master", is_master, bool),
                                  ("timeout", timeout, timedelta), ("wait_for_workers", wait_for_workers, bool)):
            if not isinstance(value, kind):
                kind_name = "string" if kind is str else kind.__name__
                raise TypeError(f"For 'TCPStore', the argument '{name}' must be type of {kind_name}, "
                                f"but got '{name}' type : {type(value)}.")
        world_size = 1 if world_size is None else world_size
        if not isinstance(world_size, int):
            raise TypeError("For 'TCPStore', the argument 'world_size' must be type of int, "
                            f"but got 'world_size' type : {type(world_size)}.")
        if not 0 <= port <= 65535:
            raise ValueError(f"For 'TCPStore', the argument 'port' must be legal, but got {port}.")
        if world_size <= 0:
            raise ValueError(f"For 'TCPStore', the argument 'world_size' must be legal, but got {world_size}.")
        self.host, self.port = host_name, port
        self._timeout_ms = int(timeout.total_seconds() * 1000)
        self._local: dict[str, bytes] = {}

    @staticmethod
    def _key(name: str, key) -> None:
        if not isinstance(key, str):
            raise TypeError(f"For 'TCPStore.{name}', the argument 'key' must be type of string, "
                            f"but got 'key' type : {type(key)}.")

    @staticmethod
    def _client():
        """JAX's distributed key-value client when several processes run, else None."""
        if jax.process_count() == 1:
            return None
        from jax._src import distributed
        return distributed.global_state.client

    def set(self, key: str, value) -> None:
        """Store `value` (str or bytes) under `key`."""
        self._key("set", key)
        if not isinstance(value, (str, bytes)):
            raise TypeError("For 'TCPStore.set', the argument 'value' must be type of string or bytes, "
                            f"but got 'value' type : {type(value)}.")
        data = value.encode() if isinstance(value, str) else value
        client = self._client()
        if client is None:
            self._local[key] = data
        else:
            client.key_value_set_bytes(key, data, allow_overwrite=True)

    def get(self, key: str) -> bytes:
        """The bytes stored under `key` (RuntimeError when absent: no other process can set it here)."""
        self._key("get", key)
        client = self._client()
        if client is not None:
            return client.blocking_key_value_get_bytes(key, self._timeout_ms)
        if key not in self._local:
            raise RuntimeError(f"For 'TCPStore.get', the key {key!r} is not in the store.")
        return self._local[key]

    def add(self, key: str, amount: int) -> int:
        """Add `amount` to the counter `key` (created at 0) and return it."""
        self._key("add", key)
        if not isinstance(amount, int):
            raise TypeError("For 'TCPStore.add', the argument 'amount' must be type of string or int, "
                            f"but got 'amount' type : {type(amount)}.")
        client = self._client()
        if client is not None:
            return client.key_value_increment(key, amount)
        value = int(self._local.get(key, b"0")) + amount
        self._local[key] = str(value).encode()
        return value

    def delete_key(self, key: str) -> bool:
        """Remove `key`; whether it was there."""
        self._key("delete_key", key)
        client = self._client()
        if client is not None:
            client.key_value_delete(key)
            return True
        return self._local.pop(key, None) is not None
