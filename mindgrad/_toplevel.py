"""Top-level `mindspore.*` helpers beyond Tensor/Parameter/dtypes: `ms.tensor`, `ms.from_numpy`, `ms.jit_class`,
`ms.lazy_inline`, `ms.data_sink`, `ms.Generator`/`ms.manual_seed`, `ms.JitConfig`, `ms.Symbol`, sparse Tensor
containers, load options (`ms.STRICT`, `ms.LAX`) and the device/runtime switches that have no JAX meaning
(documented no-ops: `set_ps_context`, `set_cpu_affinity`, `ms_memory_recycle`, ...)."""

from __future__ import annotations

import builtins
import sys
from collections.abc import Callable

import jax
import numpy as np

from .common import dtype as mstype
from .common import seed as _seed
from .common.api import jit_class  # noqa: F401 - ms.jit_class
from .common.tensor import Tensor
from .context import set_ps_context  # noqa: F401 - ms.set_ps_context (a checked no-op)

STRICT = 0
"""Load option of `ms.load`/`nn.GraphCell`-style APIs: names and shapes must match exactly."""
LAX = 2
"""Load option: mismatches are tolerated."""

bool = mstype.bool_  # noqa: A001 - MindSpore's names
int = mstype.int32  # noqa: A001
long = mstype.int64
float = mstype.float32  # noqa: A001
byte = mstype.byte


def tensor(input_data=None, dtype=None, shape=None, init=None, internal: bool = False, const_arg: bool = False,
           device=None) -> Tensor:
    """`ms.tensor(data, dtype)`: a Tensor, as `ms.Tensor(...)` builds it."""
    return Tensor(input_data, dtype, shape, init, internal, const_arg, device)


def from_numpy(array: np.ndarray) -> Tensor:
    """A Tensor of the NumPy array's dtype and value."""
    return Tensor.from_numpy(array)


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def lazy_inline(fn: Callable | None = None, attrs=None, policy=None):
    """`@lazy_inline` on a Cell's `__init__`: a compile-time hint to MindSpore (reuse one subgraph per Cell); XLA
    needs none, so `__init__` runs unchanged."""
    if fn is None:
        return lambda f: f
    return fn


def recompute(block, *args, **kwargs):
    """`ms.recompute(block, *inputs)`: `block(*inputs)`, its activations recomputed in the backward pass
    (`jax.checkpoint`)."""
    if not args:
        return block
    return jax.checkpoint(lambda *a: block(*a))(*args)


def data_sink(fn: Callable, dataset, sink_size: int = 1, jit_config=None, input_signature=None) -> Callable:
    """`ms.data_sink`, as `mindspore.train.data_sink` (`mindgrad/train/_sink.py`)."""
    from .train._sink import data_sink as sink  # (imported here: the train package imports this module)
    return sink(fn, dataset, sink_size, jit_config, input_signature)


class Generator:
    """MindSpore's random Generator: `manual_seed`, `seed`, `initial_seed`, `get_state`, `set_state`. mindgrad's
    random streams are seeded by `ms.set_seed`; the default generator drives it."""

    def __init__(self) -> None:
        self._seed = 0

    def manual_seed(self, seed: int) -> Generator:
        self._seed = seed
        _seed.set_seed(seed)
        return self

    def seed(self) -> int:
        new = np.random.SeedSequence().entropy % (2 ** 63)
        self.manual_seed(new)
        return new

    def initial_seed(self) -> int:
        return self._seed

    def get_state(self) -> Tensor:
        return Tensor(np.array([self._seed], np.int64))

    def set_state(self, state) -> Generator:
        return self.manual_seed(builtins.int(np.asarray(state).reshape(-1)[0]))


default_generator = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed the default generator (and every mindgrad random stream); returns it."""
    return default_generator.manual_seed(seed)


def seed() -> int:
    return default_generator.seed()


def initial_seed() -> int:
    return default_generator.initial_seed()


def get_rng_state() -> Tensor:
    return default_generator.get_state()


def set_rng_state(state) -> None:
    default_generator.set_state(state)


class JitConfig:
    """Options of a compiled Cell (`Cell.set_jit_config`), validated as MindSpore does and kept in `jit_config_dict`
    (XLA decides its own optimisation)."""

    _CHOICES = {"jit_level": ("", "O0", "O1", "O2"), "exc_mode": ("auto", "sink", "no_sink"),
                "jit_syntax_level": ("", "STRICT", "COMPATIBLE", "LAX"), "debug_level": ("RELEASE", "DEBUG"),
                "infer_boost": ("", "on", "off")}

    def __init__(self, jit_level: str = "", exc_mode: str = "auto", jit_syntax_level: str = "",
                 debug_level: str = "RELEASE", infer_boost: str = "off", **kwargs) -> None:
        kwargs.pop("suppress_infer_boost_warning", None)
        given = {"jit_level": jit_level, "exc_mode": exc_mode, "jit_syntax_level": jit_syntax_level,
                 "debug_level": debug_level, "infer_boost": infer_boost}
        for key, value in given.items():
            if value not in self._CHOICES[key]:
                raise ValueError(f"For '{key}' must be one of {[c for c in self._CHOICES[key] if c]}.")
        self.jit_config_dict = {**kwargs, **given}
        if "backend" not in self.jit_config_dict and jit_level:
            self.jit_config_dict["backend"] = "GE" if jit_level == "O2" else "ms_backend"


class Symbol:
    """A symbolic dimension of a dynamic-shape input (`max`, `min`, `divisor`, `remainder`, `unique`)."""

    def __init__(self, max=0, min=1, divisor=1, remainder=0, unique=False, **kwargs) -> None:  # noqa: A002
        self.max, self.min, self.divisor, self.remainder, self.unique = max, min, divisor, remainder, unique


class _Sparse:
    """Shared parts of the sparse containers: `values`, `indices`, `shape`, `to_dense()`."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(shape={list(self.shape)}, dtype={self.values.dtype})"

    @property
    def dtype(self):
        return self.values.dtype


class COOTensor(_Sparse):
    """A sparse Tensor in coordinate format: `indices` [N, ndim], `values` [N], dense `shape`."""

    def __init__(self, indices=None, values=None, shape=None, coo_tensor=None) -> None:
        src = coo_tensor
        self.indices = src.indices if src is not None else indices
        self.values = src.values if src is not None else values
        self.shape = tuple(src.shape if src is not None else shape)

    def to_dense(self) -> Tensor:
        idx = np.asarray(self.indices.asnumpy())
        dense = jax.numpy.zeros(self.shape, self.values._arr.dtype)
        return Tensor(dense.at[tuple(idx.T)].add(self.values._arr))


class CSRTensor(_Sparse):
    """A sparse matrix in compressed-row format: `indptr`, `indices` (columns), `values`, dense `shape`."""

    def __init__(self, indptr=None, indices=None, values=None, shape=None, csr_tensor=None) -> None:
        src = csr_tensor
        self.indptr = src.indptr if src is not None else indptr
        self.indices = src.indices if src is not None else indices
        self.values = src.values if src is not None else values
        self.shape = tuple(src.shape if src is not None else shape)

    def to_dense(self) -> Tensor:
        indptr = np.asarray(self.indptr.asnumpy())
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        cols = np.asarray(self.indices.asnumpy())
        dense = jax.numpy.zeros(self.shape, self.values._arr.dtype)
        return Tensor(dense.at[rows, cols].add(self.values._arr))


class RowTensor(_Sparse):
    """Rows of a dense Tensor: `values[i]` is row `indices[i]` of a Tensor of `dense_shape`."""

    def __init__(self, indices=None, values=None, shape=None, row_tensor=None) -> None:
        src = row_tensor
        self.indices = src.indices if src is not None else indices
        self.values = src.values if src is not None else values
        self.dense_shape = tuple(src.dense_shape if src is not None else shape)

    @property
    def shape(self) -> tuple:
        return self.dense_shape

    def to_dense(self) -> Tensor:
        dense = jax.numpy.zeros(self.dense_shape, self.values._arr.dtype)
        return Tensor(dense.at[self.indices._arr].add(self.values._arr))


SparseTensor = COOTensor


class TensorType(mstype.Type):
    """`ms.TensorType(ms.float32)`: the type of a Tensor of that element type (prints `tensor[float32]`)."""

    def __init__(self, element_type: mstype.Type) -> None:
        self._element = element_type

    def element_type(self) -> mstype.Type:
        return self._element

    def __repr__(self) -> str:
        return f"mindspore.tensor[{self._element!r}]".replace("mindspore.tensor[mindspore.", "mindspore.tensor[")

    def __str__(self) -> str:
        return f"Tensor[{self._element}]"

    def __eq__(self, other) -> bool:
        return isinstance(other, TensorType) and other._element == self._element

    def __hash__(self):
        return hash(("tensor", self._element))


def set_recursion_limit(recursion_limit: int = 1000) -> None:
    """Raise Python's recursion limit (MindSpore's limit for its graph compiler) to at least `recursion_limit`."""
    if not isinstance(recursion_limit, builtins.int) or recursion_limit <= 0:
        raise ValueError(f"For 'set_recursion_limit', the 'recursion_limit' should be a positive int, but got "
                         f"{recursion_limit!r}.")
    sys.setrecursionlimit(max(sys.getrecursionlimit(), recursion_limit))


def synchronize() -> None:
    """Wait for every computation launched so far (`jax.effects_barrier`)."""
    jax.effects_barrier()


def set_deterministic(deterministic: bool) -> None:
    """Accepted; XLA's CPU and GPU kernels mindgrad uses are deterministic for a fixed program."""


def ms_memory_recycle() -> None:
    """Free cached compiled programs (`jax.clear_caches`)."""
    jax.clear_caches()


def set_cpu_affinity(enable_affinity: bool, affinity_cpu_list=None, module_to_cpu_dict=None,
                     bind_file=None) -> None:
    """A documented no-op: JAX manages its own threads."""


def run_check() -> None:
    """Check that mindgrad computes on this machine and print the result, as MindSpore's check does."""
    from .version import __version__
    x = Tensor(np.ones((2, 2), np.float32))
    ok = builtins.bool(((x + x).asnumpy() == 2).all())
    print(f"MindSpore version: {__version__} (mindgrad on JAX {jax.__version__}, {jax.default_backend()})")
    print("The result of multiplication calculation is correct, MindSpore has been installed on platform "
          f"[{jax.default_backend().upper()}] successfully!" if ok else "The calculation result is wrong.")
