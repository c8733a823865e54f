"""Data parallelism on JAX's own runtime: one `jax.jit` over global arrays.

With `set_auto_parallel_context(parallel_mode=DATA_PARALLEL)` every top-level compiled call
(a Cell in GRAPH_MODE or PyNative, `ms.jit`, a gradient function) runs on a one-axis mesh
`("data",)` over all devices of all processes: Parameters are replicated, and each Tensor
argument that is still local data (made from NumPy or by the dataset in this process) is taken
as this process's shard of a batch split along its first axis. XLA inserts the gradient
all-reduce itself, so the gradient equals the gradient of the global-batch loss — MindSpore's
averaged gradient with `gradients_mean=True`. Arrays already laid out on the mesh (gradients,
losses, updated Parameters) are passed as they are.
"""

from __future__ import annotations

import jax
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from .. import context

_mesh: Mesh | None = None


def active() -> bool:
    return context.data_parallel() and jax.device_count() > 1


def mesh() -> Mesh:
    global _mesh
    if _mesh is None or _mesh.devices.size != jax.device_count():
        _mesh = Mesh(np.asarray(jax.devices()), ("data",))
    return _mesh


def reset() -> None:
    global _mesh
    _mesh = None


def _on_mesh(arr) -> bool:
    sharding = getattr(arr, "sharding", None)
    return isinstance(sharding, NamedSharding) and sharding.mesh == mesh()


def replicated(arr):
    """`arr` (the same value in every process) replicated on every device."""
    if isinstance(arr, jax.core.Tracer) or _on_mesh(arr):
        return arr
    sharding = NamedSharding(mesh(), PartitionSpec())
    if jax.process_count() > 1:
        return jax.make_array_from_process_local_data(sharding, np.asarray(arr))
    return jax.device_put(arr, sharding)


def batch(arr):
    """A Tensor argument: this process's shard of a batch split along axis 0 over the mesh."""
    if isinstance(arr, jax.core.Tracer) or _on_mesh(arr):
        return arr
    if arr.ndim == 0 or arr.shape[0] % jax.local_device_count():
        return replicated(arr)
    sharding = NamedSharding(mesh(), PartitionSpec("data"))
    if jax.process_count() > 1:
        return jax.make_array_from_process_local_data(sharding, np.asarray(arr))
    return jax.device_put(arr, sharding)


def place_parameters(params: list) -> None:
    """Replicate the Parameters' values on the mesh (once; compiled updates keep them there)."""
    for p in params:
        value = p._value
        if not _on_mesh(value) and not isinstance(value, jax.core.Tracer):
            p._value = replicated(value)


def world_size() -> int:
    """MindSpore's group size: one rank per device."""
    return jax.device_count()


def rank() -> int:
    """MindSpore's rank of this process's first device."""
    return jax.process_index() * jax.local_device_count()
