"""The longer tail of MindSpore's Tensor methods (`x.repeat`, `x.all`, `x.clone`, `x.expand`, the in-place `x.add_`,
...), each on the `mindgrad.ops` function of the same meaning.

`METHODS` maps a method name to its implementation; `register(Tensor)` attaches them (called once by
`mindgrad.ops`). An in-place method (`zero_`, `add_`, `scatter_`, ...) computes the new value with the functional op,
casts it to the Tensor's dtype, rebinds the Tensor's array (every reference to the Tensor sees it, and inside a
gradient call the gradient flows through the new value) and returns the Tensor itself, as MindSpore does.
"""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor, wrap
from . import function as F
from .function import random_func as _random
from .function import tensor_more_func as _more


def _op(name: str):
    """The functional op `name` (looked up at call time)."""
    return getattr(F, name)


def _shape_args(args: tuple, method: str) -> tuple:
    """`f(2, 3)`, `f((2, 3))`, `f([2, 3])` and `f(Tensor([2, 3]))` alike."""
    if len(args) == 1 and isinstance(args[0], (tuple, list, Tensor)):
        args = args[0].tolist() if isinstance(args[0], Tensor) else tuple(args[0])
    out = []
    for a in args:
        if isinstance(a, Tensor):
            a = a.item()
        if not isinstance(a, (int, np.integer)) or isinstance(a, (bool, np.bool_)):
            raise TypeError(f"For 'Tensor.{method}', the size should be a tuple of int, but got "
                            f"{type(a).__name__}.")
        out.append(int(a))
    return tuple(out)


def _inplace(x: Tensor, new: Tensor) -> Tensor:
    """Write `new` (cast to `x`'s dtype) into `x`; returns `x`."""
    value = new._arr if isinstance(new, Tensor) else jnp.asarray(new)
    value = jnp.broadcast_to(value, x.shape).astype(x._arr.dtype)
    x._set_array(value)
    return x


def _kw(kwargs: dict, method: str, **aliases) -> dict:
    """Fold torch-style keyword spellings into MindSpore's (`dim` -> `axis`, `keepdim` -> `keep_dims`)."""
    out = {}
    for key, value in kwargs.items():
        name = aliases.get(key, key)
        if name in out:
            raise TypeError(f"Tensor.{method}() got multiple values for argument '{name}'")
        out[name] = value
    return out


# ---- shape and copies ---------------------------------------------------------------------------------------------

def repeat(self, *repeats) -> Tensor:
    """Tile the Tensor `repeats` times per dimension (leading new dimensions when `repeats` is longer)."""
    reps = _shape_args(repeats, "repeat")
    if len(reps) < self.ndim:
        raise ValueError(f"For 'repeat', the number of elements of 'repeats' should be at least the rank of the "
                         f"input {self.ndim}, but got {len(reps)}.")
    if any(r < 0 for r in reps):
        raise ValueError(f"For 'repeat', the elements of 'repeats' should be non-negative, but got {list(reps)}.")
    return _op("tile")(self, reps)


def expand(self, *size) -> Tensor:
    """Broadcast to `size`; -1 keeps a dimension."""
    shape = _shape_args(size, "expand")
    lead = len(shape) - self.ndim
    full = tuple(self.shape[i - lead] if s == -1 and i >= lead else s for i, s in enumerate(shape))
    try:
        return _op("broadcast_to")(self, full)
    except ValueError:
        raise ValueError(f"For 'BroadcastTo', in order to broadcast, each dimension pair must be equal or input "
                         f"dimension is 1 or target dimension is -1. But got x_shape: {self.shape}, target shape: "
                         f"{shape}.") from None


def resize(self, *new_shape) -> Tensor:
    """A new Tensor of `new_shape` holding the elements in order, padded with zeros (NumPy's `ndarray.resize`)."""
    shape = _shape_args(new_shape, "resize")
    n = int(np.prod(shape))
    flat = self._arr.reshape(-1)
    flat = flat[:n] if flat.size >= n else jnp.concatenate([flat, jnp.zeros(n - flat.size, flat.dtype)])
    return wrap(flat.reshape(shape))


def repeat_interleave(self, repeats, dim=None, *, output_size=None) -> Tensor:
    return _op("repeat_interleave")(self, repeats, dim)


def contiguous(self) -> Tensor:
    """This Tensor (a JAX array is always contiguous)."""
    return self


def clone(self) -> Tensor:
    """A copy; the gradient flows through it."""
    return wrap(jnp.array(self._arr, copy=True))


def t(self) -> Tensor:
    """The transpose of a matrix; a Tensor of another rank is returned as is (MindSpore 2.10)."""
    return self.transpose() if self.ndim == 2 else self


def reshape_as(self, other) -> Tensor:
    return self.reshape(other.shape)


def view_as(self, other) -> Tensor:
    return self.reshape(other.shape)


def stride(self, dim=None):
    """The element strides of a row-major Tensor (a list), or the stride of `dim`."""
    strides = [s // max(self.itemsize, 1) for s in self.strides]
    return strides if dim is None else strides[dim]


# ---- dtypes ---------------------------------------------------------------------------------------------------------

def type_as(self, other) -> Tensor:
    return self.astype(other.dtype)


def type_(self, dtype=None):
    """The dtype name ('Float32') without an argument, else the Tensor cast to `dtype`."""
    return str(self.dtype) if dtype is None else self.astype(dtype)


def set_dtype(self, dtype):
    """Cast this Tensor in place; returns the dtype."""
    self._set_array(self._arr.astype(mstype.to_numpy(dtype)))
    return dtype


def is_floating_point(self) -> bool:
    return bool(jnp.issubdtype(self._arr.dtype, jnp.floating))


# ---- reductions and selections ----------------------------------------------------------------------------------

def all_(self, axis=None, keep_dims: bool = False, **kwargs) -> Tensor:
    """True where every element (along `axis`) is nonzero; `dim`/`keepdim` spellings accepted."""
    kw = _kw(kwargs, "all", dim="axis", keepdim="keep_dims")
    return _op("all")(self, kw.get("axis", axis), kw.get("keep_dims", keep_dims))


def any_(self, axis=None, keep_dims: bool = False, **kwargs) -> Tensor:
    kw = _kw(kwargs, "any", dim="axis", keepdim="keep_dims")
    return _op("any")(self, kw.get("axis", axis), kw.get("keep_dims", keep_dims))


def argsort(self, axis: int = -1, descending: bool = False, **kwargs) -> Tensor:
    """Indices that sort along `axis`, Int32; `dim` spelling accepted."""
    axis = _kw(kwargs, "argsort", dim="axis").get("axis", axis)
    return _op("argsort")(self, axis, descending).astype(mstype.int32)


def select(self, *args, **kwargs) -> Tensor:
    """`x.select(dim, index)`: the slice at `index` along `dim`; `x.select(condition, y)`: `x` where `condition`,
    else `y`."""
    first = args[0] if args else kwargs.get("dim", kwargs.get("condition"))
    if isinstance(first, Tensor):
        other = args[1] if len(args) > 1 else kwargs.get("y")
        return _op("select")(first, self, other)
    dim = first
    index = args[1] if len(args) > 1 else kwargs["index"]
    size = self.shape[dim]
    if not -size <= index < size:
        raise ValueError(f"For Primitive [SelectExtView] start exceed range. start: {index}, start should be in "
                         f"[{-size}, {size}).")
    return wrap(jnp.take(self._arr, index, axis=dim))


def take(self, indices, axis=None, mode: str = "clip") -> Tensor:
    """Elements at `indices` of the flattened Tensor (or along `axis`); out-of-range indices per `mode`."""
    if mode not in ("raise", "wrap", "clip"):
        raise ValueError(f"For 'take', the 'mode' should be 'raise', 'wrap' or 'clip', but got {mode!r}.")
    idx = indices._arr if isinstance(indices, Tensor) else jnp.asarray(indices)
    a = self._arr.reshape(-1) if axis is None else self._arr
    return wrap(jnp.take(a, idx, axis=0 if axis is None else axis, mode="wrap" if mode == "wrap" else "clip"))


def tensor_split(self, indices_or_sections, axis: int = 0) -> tuple:
    return _op("tensor_split")(self, indices_or_sections, axis)


def scatter(self, dim, index, src, *, reduce=None) -> Tensor:
    """`src` written at `index` along `dim`; with `reduce` ('add' or 'multiply') combined with the old values."""
    if reduce not in (None, "add", "multiply"):
        raise ValueError(f"For 'scatter', the 'reduce' should be 'add' or 'multiply', but got {reduce!r}.")
    return _more.scatter_elements(self, dim, index, src, reduce or "none")


def index_add(self, *args, **kwargs) -> Tensor:
    """`x.index_add(indices, y, axis)` (MindSpore's order) or `x.index_add(dim, index, source, alpha=1)`."""
    if args and isinstance(args[0], Tensor) or "indices" in kwargs:
        names = ("indices", "y", "axis", "use_lock", "check_index_bound")
        kw = dict(zip(names, args, strict=False)) | kwargs
        return _more.index_add(self, kw["indices"], kw["y"], kw["axis"])
    names = ("dim", "index", "source")
    kw = dict(zip(names, args, strict=False)) | kwargs
    return _more.index_add(self, kw["index"], kw["source"] * kw.get("alpha", 1), kw["dim"])


def masked_scatter(self, mask, source) -> Tensor:
    return _more.masked_scatter(self, mask, source)


def masked_select(self, mask) -> Tensor:
    return _op("masked_select")(self, mask)


def gather_elements(self, dim, index) -> Tensor:
    return _op("gather_elements")(self, dim, index)


def unique(self, sorted: bool = True, return_inverse: bool = False, return_counts: bool = False,  # noqa: A002
           dim=None):
    """The distinct elements in ascending order, with the inverse indices and counts when asked."""
    a = self._arr
    flat = np.asarray(a).reshape(-1) if dim is None else np.asarray(a)
    values, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True, axis=dim)
    out = [wrap(jnp.asarray(values))]
    if return_inverse:
        out.append(wrap(jnp.asarray(inverse.reshape(a.shape if dim is None else -1).astype(np.int64))))
    if return_counts:
        out.append(wrap(jnp.asarray(counts.astype(np.int64))))
    return out[0] if len(out) == 1 else tuple(out)


def diagonal(self, offset: int = 0, axis1: int = 0, axis2: int = 1) -> Tensor:
    return _op("diagonal")(self, offset, axis1, axis2)


def tril(self, diagonal: int = 0) -> Tensor:
    return _op("tril")(self, diagonal)


def triu(self, diagonal: int = 0) -> Tensor:
    return _op("triu")(self, diagonal)


def roll(self, shifts, dims=None) -> Tensor:
    return _op("roll")(self, shifts, dims)


def logsumexp(self, dim, keepdim: bool = False) -> Tensor:
    return _op("logsumexp")(self, dim, keepdim)


def searchsorted(self, v, side: str = "left", sorter=None) -> Tensor:
    """Insertion indices of `v` into this sorted 1-D Tensor, Int32."""
    return _more.searchsorted(self, v, side=side, sorter=sorter, out_int32=True)


def unfold(self, kernel_size, dilation=1, padding=0, stride=1) -> Tensor:  # noqa: A002 - MindSpore's names
    return _op("unfold")(self, kernel_size, dilation, padding, stride)


def trace(self, offset: int = 0, axis1: int = 0, axis2: int = 1, dtype=None) -> Tensor:
    """Sum of the diagonal (`offset` from the main one) of the `axis1`/`axis2` planes."""
    out = wrap(jnp.trace(self._arr, offset, axis1, axis2))
    return out if dtype is None else out.astype(dtype)


def nansum(self, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """Sum treating NaN as zero."""
    a = jnp.where(jnp.isnan(self._arr), jnp.zeros((), self._arr.dtype), self._arr)
    return _op("sum")(wrap(a), dim, keepdim, dtype=dtype)


def count_nonzero(self, dim=None) -> Tensor:
    """How many elements are nonzero (along `dim`), Int32."""
    axis = () if dim is None else dim
    return _op("count_nonzero")(self, axis, False, mstype.int32)


# ---- creation -------------------------------------------------------------------------------------------------------

def _new(self, size, value, dtype, method: str) -> Tensor:
    if dtype is not None and not isinstance(dtype, mstype.Type):
        raise TypeError(f"{method}(): argument 'dtype' (position 2) must be mstype, not {type(dtype).__name__}.")
    dt = mstype.to_numpy(dtype) if dtype is not None else self._arr.dtype
    return wrap(jnp.full(_shape_args((size,), method), value, dt))


def new_zeros(self, size, dtype=None) -> Tensor:
    return _new(self, size, 0, dtype, "new_zeros")


def new_ones(self, size, dtype=None) -> Tensor:
    return _new(self, size, 1, dtype, "new_ones")


def new_full(self, size, fill_value, *, dtype=None) -> Tensor:
    return _new(self, size, fill_value.item() if isinstance(fill_value, Tensor) else fill_value, dtype, "new_full")


def new_empty(self, size, *, dtype=None, device=None) -> Tensor:
    """A new Tensor of `size` (zero-filled here; MindSpore leaves it uninitialised)."""
    return _new(self, size, 0, dtype, "new_empty")


def fill(self, value) -> Tensor:
    """A Tensor of this shape and dtype, every element `value` (cast: 2.7 -> 2 for integers)."""
    v = value._arr if isinstance(value, Tensor) else value
    return wrap(jnp.full(self.shape, np.asarray(v).astype(self._arr.dtype) if self._arr.dtype.kind in "iub" else v,
                         self._arr.dtype))


# ---- in place ---------------------------------------------------------------------------------------------------

def zero_(self) -> Tensor:
    return _inplace(self, jnp.zeros((), self._arr.dtype))


def fill_(self, value) -> Tensor:
    return _inplace(self, fill(self, value))


def masked_fill_(self, mask, value) -> Tensor:
    return _inplace(self, _op("masked_fill")(self, mask, value))


def floor_(self) -> Tensor:
    return _inplace(self, _op("floor")(self))


def copy_(self, src, non_blocking: bool = False) -> Tensor:
    """Copy `src` (broadcast to this shape, cast to this dtype) into this Tensor."""
    return _inplace(self, src if isinstance(src, Tensor) else Tensor(src))


def clamp_(self, min=None, max=None) -> Tensor:  # noqa: A002
    return _inplace(self, _op("clamp")(self, min, max))


def scatter_(self, dim, index, src) -> Tensor:
    return _inplace(self, _more.scatter(self, dim, index, src))


def scatter_add_(self, dim, index, src) -> Tensor:
    return _inplace(self, _more.scatter_elements(self, dim, index, src, "add", "scatter_add_"))


def index_add_(self, dim, index, source, *, alpha=1) -> Tensor:
    return _inplace(self, _more.index_add(self, index, source * alpha if alpha != 1 else source, dim))


def add_(self, other, *, alpha=1) -> Tensor:
    return _inplace(self, _op("add")(self, other * alpha if alpha != 1 else other))


def sub_(self, other, *, alpha=1) -> Tensor:
    return _inplace(self, _op("sub")(self, other * alpha if alpha != 1 else other))


def mul_(self, other) -> Tensor:
    return _inplace(self, _op("mul")(self, other))


def div_(self, other, *, rounding_mode=None) -> Tensor:
    return _inplace(self, _op("div")(self, other, rounding_mode=rounding_mode))


def assign_value(self, value) -> Tensor:
    """Replace the value (shape and dtype too) with `value`'s; returns this Tensor."""
    self._set_array(value._arr if isinstance(value, Tensor) else Tensor(value)._arr)
    return self


def _random_(self, draw) -> Tensor:
    dt = self._arr.dtype if jnp.issubdtype(self._arr.dtype, jnp.floating) else jnp.float32
    return _inplace(self, draw(_random.functional_key(), self.shape, dt))


def normal_(self, mean=0, std=1, *, generator=None) -> Tensor:
    """Fill in place with samples of N(mean, std**2) (JAX's generator, not MindSpore's numbers)."""
    return _random_(self, lambda k, s, dt: jax.random.normal(k, s, dt) * std + mean)


def uniform_(self, from_=0, to=1, *, generator=None) -> Tensor:
    """Fill in place with samples of U[from_, to)."""
    return _random_(self, lambda k, s, dt: jax.random.uniform(k, s, dt, from_, to))


def bernoulli_(self, p=0.5, *, generator=None) -> Tensor:
    """Fill in place with 0/1 samples, 1 with probability `p` (a float or a Tensor)."""
    prob = p._arr if isinstance(p, Tensor) else p
    return _random_(self, lambda k, s, dt: jax.random.bernoulli(k, prob, s).astype(dt))


def uniform(self, from_=0.0, to=1.0, generator=None) -> Tensor:
    """A new Tensor of this shape and dtype with samples of U[from_, to)."""
    return _random_(clone(self), lambda k, s, dt: jax.random.uniform(k, s, dt, from_, to))


# ---- backend no-ops and queries ---------------------------------------------------------------------------------

def requires_grad_(self, requires_grad: bool = True) -> None:
    """Accepted; every floating Tensor can be differentiated in mindgrad."""


def flush_from_cache(self) -> None:
    """A no-op: mindgrad has no host cache of embedding tables."""


def data_sync(self, waiting: bool = True) -> None:
    """Wait until the value is computed (`jax.Array.block_until_ready`)."""
    if waiting and hasattr(self._arr, "block_until_ready"):
        self._arr.block_until_ready()


def data_ptr(self) -> int:
    """The address of the device buffer (`jax.Array.unsafe_buffer_pointer`), or the object's id when traced."""
    try:
        return int(self._arr.unsafe_buffer_pointer())
    except Exception:  # noqa: BLE001 - tracers and sharded arrays have no single pointer
        return id(self._arr)


def is_contiguous(self) -> bool:
    return True


def invert(self) -> Tensor:
    """Bitwise NOT of an integer Tensor."""
    if self._arr.dtype.kind not in "iu":
        raise TypeError(f"For 'Invert', the 'x' should be a Tensor of integer or Bool, but got {self.dtype}.")
    return wrap(jnp.invert(self._arr))


def ndimension(self) -> int:
    return self.ndim


def nelement(self) -> int:
    return self.size


# ---- gradient hooks ---------------------------------------------------------------------------------------------

_hook_ids = itertools.count(1)
_tensor_hooks: dict = {}


def register_hook(self, hook) -> int:
    """Call `hook(grad)` with this Tensor's gradient in a later gradient call; a non-None result replaces the
    gradient. The hook applies to the Tensor's value from now on (uses of the Tensor inside `construct` after the
    call). Returns a handle id for `Tensor.remove_hook`."""
    handle = next(_hook_ids)
    _tensor_hooks[handle] = hook
    def call(grad):
        return _tensor_hooks[handle](grad) if handle in _tensor_hooks else None

    self._set_array(_hooks_module().hooked(self._arr, call))
    return handle


def _hooks_module():
    from ..nn import _hooks
    return _hooks


def remove_hook(handle_id: int) -> None:
    """Stop the hook registered with `handle_id` from being called."""
    _tensor_hooks.pop(handle_id, None)


def from_numpy(array) -> Tensor:
    """A Tensor of the NumPy array's dtype and value."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"For 'Tensor.from_numpy', the input should be a numpy.ndarray, but got "
                        f"{type(array).__name__}.")
    return Tensor(array)


# ---- same as the functional op ----------------------------------------------------------------------------------

def _unary(name: str):
    def method(self):
        return _op(name)(self)
    method.__name__ = name
    method.__doc__ = f"`ops.{name}` of this Tensor."
    return method


def _binary(name: str):
    def method(self, other):
        return _op(name)(self, other)
    method.__name__ = name
    method.__doc__ = f"`ops.{name}(self, other)`."
    return method


METHODS = {
    "repeat": repeat, "expand": expand, "resize": resize, "repeat_interleave": repeat_interleave,
    "contiguous": contiguous, "clone": clone, "t": t, "reshape_as": reshape_as, "view_as": view_as,
    "stride": stride, "type_as": type_as, "type": type_, "set_dtype": set_dtype,
    "is_floating_point": is_floating_point, "all": all_, "any": any_, "argsort": argsort, "select": select,
    "take": take, "tensor_split": tensor_split, "scatter": scatter, "index_add": index_add,
    "masked_scatter": masked_scatter, "masked_select": masked_select, "gather_elements": gather_elements,
    "unique": unique, "diagonal": diagonal, "tril": tril, "triu": triu, "roll": roll, "logsumexp": logsumexp,
    "searchsorted": searchsorted, "unfold": unfold, "new_zeros": new_zeros, "new_ones": new_ones,
    "new_full": new_full, "new_empty": new_empty, "fill": fill, "zero_": zero_, "fill_": fill_,
    "masked_fill_": masked_fill_, "floor_": floor_, "copy_": copy_, "clamp_": clamp_, "scatter_": scatter_,
    "scatter_add_": scatter_add_, "index_add_": index_add_, "add_": add_, "sub_": sub_, "mul_": mul_, "div_": div_,
    "assign_value": assign_value, "normal_": normal_, "uniform_": uniform_, "bernoulli_": bernoulli_,
    "uniform": uniform, "requires_grad_": requires_grad_, "flush_from_cache": flush_from_cache,
    "data_sync": data_sync, "data_ptr": data_ptr, "is_contiguous": is_contiguous, "ndimension": ndimension,
    "nelement": nelement, "register_hook": register_hook,
    "absolute": _unary("abs"), "inverse": _more.inverse, "expm1": _unary("expm1"), "isnan": _unary("isnan"),
    "invert": invert, "mm": _binary("mm"), "dot": _binary("dot"), "bitwise_or": _binary("bitwise_or"),
    "multiply": _binary("mul"), "movedim": lambda self, source, destination: _more.movedim(self, source, destination),
    "lerp": lambda self, end, weight: _more.lerp(self, end, weight),
    "diff": lambda self, n=1, axis=-1, prepend=None, append=None: _more.diff(self, n, axis, prepend, append),
    "bfloat16": lambda self: self.astype(mstype.bfloat16),
    "acos": _unary("acos"), "arccos": _unary("acos"), "log1p": _unary("log1p"), "atan": _unary("atan"),
    "log2": _unary("log2"), "bitwise_and": _binary("bitwise_and"), "bitwise_xor": _binary("bitwise_xor"),
    "cumprod": lambda self, dim, dtype=None: _op("cumprod")(self, dim, dtype),
    "baddbmm": lambda self, batch1, batch2, *, beta=1, alpha=1: _op("baddbmm")(self, batch1, batch2, beta, alpha),
    "divide": lambda self, other, *, rounding_mode=None: _op("div")(self, other, rounding_mode=rounding_mode),
    "subtract": lambda self, other, *, alpha=1: _op("sub")(self, other * alpha if alpha != 1 else other),
    "swapdims": lambda self, dim0, dim1: self.swapaxes(dim0, dim1),
    "trace": trace, "nansum": nansum, "count_nonzero": count_nonzero,
}


def register(tensor_cls: type) -> None:
    """Attach `METHODS` (and `Tensor.from_numpy`, `Tensor.remove_hook`) to `tensor_cls`; a method the class already
    defines is kept."""
    for name, fn in METHODS.items():
        if name not in vars(tensor_cls):
            setattr(tensor_cls, name, fn)
    for name, fn in (("from_numpy", from_numpy), ("remove_hook", remove_hook)):
        if name not in vars(tensor_cls):
            setattr(tensor_cls, name, staticmethod(fn))
